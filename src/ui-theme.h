/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_THEME_H
#define KITH_UI_THEME_H

/*
 * ui-theme: colour roles.  Screens ask for a role (ROLE_SELECTED,
 * ROLE_OVERDUE), never for a colour; the theme maps each role to curses
 * attributes: colours over the terminal's own background
 * (use_default_colors), or a monochrome scheme when the terminal has no
 * colours, NO_COLOR is set, or the configuration says "ui.color = no".
 */

struct conf;

enum ui_role {
	ROLE_NORMAL, ROLE_TITLE, ROLE_STATUS, ROLE_SELECTED, ROLE_HEADER,
	ROLE_OVERDUE, ROLE_TODAY, ROLE_ERROR, ROLE_OK, ROLE_LABEL,
	ROLE_FIELD, ROLE_FIELD_CUR, ROLE_INVALID, ROLE_DIM, ROLE_ALARM,
	ROLE_KEY, ROLE_NROLES
};

struct ui_theme {
	int		color;			/* colours in use */
	unsigned long	attr[ROLE_NROLES];	/* attr_t */
};

/* After initscr(): starts colours when wanted and fills the table. */
void		ui_theme_init(struct ui_theme *t, const struct conf *conf);
unsigned long	ui_theme_attr(const struct ui_theme *t, int role);

#endif /* KITH_UI_THEME_H */
