/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Colour roles: colours over the terminal's background, or monochrome. */
#include "ui-theme.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "conf.h"

struct ui_theme_role {
	short	fg;		/* -1: the terminal's default */
	short	bg;
	attr_t	color_attr;	/* added to the colour pair */
	attr_t	mono;		/* the whole look without colour */
};

/* Indexed by enum ui_role. */
static const struct ui_theme_role ui_theme_roles[ROLE_NROLES] = {
	[ROLE_NORMAL] =		{ -1, -1, 0, 0 },
	[ROLE_TITLE] =		{ COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[ROLE_STATUS] =		{ -1, -1, A_DIM, 0 },
	[ROLE_SELECTED] =	{ COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
	[ROLE_HEADER] =		{ COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_OVERDUE] =	{ COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_TODAY] =		{ COLOR_GREEN, -1, A_BOLD, 0 },
	[ROLE_ERROR] =		{ COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_OK] =		{ COLOR_GREEN, -1, 0, 0 },
	[ROLE_LABEL] =		{ COLOR_CYAN, -1, 0, 0 },
	[ROLE_FIELD] =		{ -1, -1, A_UNDERLINE, A_UNDERLINE },
	[ROLE_FIELD_CUR] =	{ COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
	[ROLE_INVALID] =	{ COLOR_WHITE, COLOR_RED, A_BOLD,
				    A_BOLD | A_UNDERLINE },
	[ROLE_DIM] =		{ -1, -1, A_DIM, A_DIM },
	[ROLE_ALARM] =		{ COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE },
	[ROLE_KEY] =		{ COLOR_YELLOW, -1, A_BOLD, A_BOLD },
};

/* Whether colours are wanted: https://no-color.org and the config. */
static int
ui_theme_wanted(const struct conf *conf)
{
	const char	*v = getenv("NO_COLOR");

	if (v != NULL && *v != '\0')
		return 0;
	v = conf != NULL ? conf_get(conf, "ui.color", "yes") : "yes";
	if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0)
		return 0;
	return has_colors();
}

void
ui_theme_init(struct ui_theme *t, const struct conf *conf)
{
	const struct ui_theme_role	*r;
	int				 i;

	t->color = ui_theme_wanted(conf) && start_color() == OK;
	if (t->color && use_default_colors() != OK)
		assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	for (i = 0; i < ROLE_NROLES; i++) {
		r = &ui_theme_roles[i];
		if (!t->color) {
			t->attr[i] = r->mono;
			continue;
		}
		init_pair(i + 1, r->fg, r->bg);
		t->attr[i] = COLOR_PAIR(i + 1) | r->color_attr;
	}
}

unsigned long
ui_theme_attr(const struct ui_theme *t, int role)
{
	if (role < 0 || role >= ROLE_NROLES)
		return 0;
	return t->attr[role];
}
