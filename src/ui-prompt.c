/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The input line at the bottom of the screen. */
#include "ui-prompt.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui-int.h"
#include "utf8.h"
#include "xmalloc.h"

#define UI_PROMPT_MAX	1024	/* characters */

struct ui_line {
	wchar_t	text[UI_PROMPT_MAX + 1];
	size_t	len;
	size_t	pos;
};

static void
ui_line_set(struct ui_line *l, const char *s)
{
	size_t	n = mbstowcs(l->text, s != NULL ? s : "", UI_PROMPT_MAX);

	l->len = n == (size_t)-1 ? 0 : n;
	l->text[l->len] = L'\0';
	l->pos = l->len;
}

static char *
ui_line_get(const struct ui_line *l)
{
	size_t	n = wcstombs(NULL, l->text, 0);
	char	*s;

	if (n == (size_t)-1)
		return xstrdup("");
	s = xmalloc(n + 1);
	wcstombs(s, l->text, n + 1);
	return s;
}

static int
ui_line_width(const wchar_t *s, size_t n)
{
	int	w, total = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		total += (w = wcwidth(s[i])) > 0 ? w : 0;
	return total;
}

/* The line, scrolled so the cursor shows. */
static void
ui_line_draw(struct ui *ui, const char *label, const struct ui_line *l)
{
	int	lw = utf8_width(label), room = COLS - lw - 1;
	size_t	from = 0;

	if (room < 1)
		room = 1;
	while (ui_line_width(l->text + from, l->pos - from) >= room)
		from++;
	move(LINES - 1, 0);
	clrtoeol();
	attrset(ui_theme_attr(&ui->theme, ROLE_KEY));
	ui_put(stdscr, LINES - 1, 0, label, lw < COLS ? lw : COLS);
	attrset(A_NORMAL);
	if (lw < COLS) {
		move(LINES - 1, lw);
		addnwstr(l->text + from, (int)(l->len - from));
		move(LINES - 1, lw + ui_line_width(l->text + from,
		    l->pos - from));
	}
	clrtoeol();
	move(LINES - 1, lw + ui_line_width(l->text + from, l->pos - from));
	wnoutrefresh(stdscr);
	curs_set(1);
	doupdate();
}

/* An editing key; 1 if the text changed, 0 if not, -1 not an edit key. */
static int
ui_line_edit(struct ui_line *l, int key)
{
	switch (key) {
	case KEY_LEFT | UI_FKEY:
		l->pos -= l->pos > 0;
		return 0;
	case KEY_RIGHT | UI_FKEY:
		l->pos += l->pos < l->len;
		return 0;
	case KEY_HOME | UI_FKEY:
	case 'a' & 0x1f:
		l->pos = 0;
		return 0;
	case KEY_END | UI_FKEY:
	case 'e' & 0x1f:
		l->pos = l->len;
		return 0;
	case KEY_BACKSPACE | UI_FKEY:
		if (l->pos == 0)
			return 0;
		l->pos--;
		/* FALLTHROUGH */
	case KEY_DC | UI_FKEY:
		if (l->pos == l->len)
			return 0;
		wmemmove(l->text + l->pos, l->text + l->pos + 1,
		    l->len - l->pos);
		l->len--;
		return 1;
	case 'u' & 0x1f:
		wmemmove(l->text, l->text + l->pos, l->len - l->pos + 1);
		l->len -= l->pos;
		l->pos = 0;
		return 1;
	}
	if ((key & UI_FKEY) || key < 0x20 || l->len == UI_PROMPT_MAX)
		return -1;
	wmemmove(l->text + l->pos + 1, l->text + l->pos, l->len - l->pos + 1);
	l->text[l->pos++] = (wchar_t)key;
	l->len++;
	return 1;
}

/* Runs the line until Enter (1), Esc or a signal (0). */
static int
ui_line_run(struct ui *ui, const struct ui_prompt *p, struct ui_line *l)
{
	char	*s;
	int	 key, r;

	for (;;) {
		ui_line_draw(ui, p->label, l);
		key = ui_getkey(ui, 1000);
		if (key == UI_KEY_STOP || key == 27)
			return 0;
		if (key == '\n')
			return 1;
		if (key < 0)
			continue;
		ui_unsay(ui);	/* a message lasts until the next key */
		if ((r = ui_line_edit(l, key)) == 1 && p->changed != NULL) {
			s = ui_line_get(l);
			p->changed(ui, p->arg, s);
			free(s);
		} else if (r == -1 && p->other != NULL)
			p->other(ui, p->arg, key);
	}
}

int
ui_prompt_run(struct ui *ui, const struct ui_prompt *p, const char *initial,
    char **text)
{
	struct ui_line	*l = xcalloc(1, sizeof *l);
	int		 was = ui->editing, ok;

	ui->editing = 1;
	ui_line_set(l, initial);
	ok = ui_line_run(ui, p, l);
	*text = ok ? ui_line_get(l) : NULL;
	free(l);
	ui->editing = was;
	curs_set(0);
	move(LINES - 1, 0);
	clrtoeol();
	return ok;
}

int
ui_prompt_ask(struct ui *ui, const char *label, const char *initial,
    char **text)
{
	struct ui_prompt	p;

	memset(&p, 0, sizeof p);
	p.label = label;
	return ui_prompt_run(ui, &p, initial, text);
}

int
ui_prompt_choose(struct ui *ui, const char *question, const char *keys)
{
	int	key, was = ui->editing;

	ui->editing = 1;
	for (;;) {
		move(LINES - 1, 0);
		clrtoeol();
		attrset(ui_theme_attr(&ui->theme, ROLE_KEY));
		ui_put(stdscr, LINES - 1, 0, question, COLS);
		attrset(A_NORMAL);
		wnoutrefresh(stdscr);
		doupdate();
		key = ui_getkey(ui, 1000);
		if (key == UI_KEY_NONE || key == UI_KEY_RESIZE)
			continue;
		break;
	}
	ui->editing = was;
	if (key > 0 && key < 0x80 && strchr(keys, key) != NULL)
		return key;
	return 0;
}
