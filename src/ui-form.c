/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Labelled fields over the ncurses form library. */
#include "ui-form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <form.h>

#include "ui-int.h"
#include "err.h"
#include "xmalloc.h"

#define UI_FORM_LABEL	16	/* label column width, when there is room */

struct ui_form {
	struct ui_form_item	 *items;
	size_t			  n;
	size_t			  cur;
	FIELD			**fields;
	FORM			 *form;
	WINDOW			 *sub;
	int			  y;
	int			  per;		/* fields per page */
	int			  width;
	int			  lw;		/* label width */
};

struct ui_form *
ui_form_new(struct ui_form_item *items, size_t n)
{
	struct ui_form	*f = xcalloc(1, sizeof *f);

	f->items = items;
	f->n = n;
	return f;
}

/* Copies the text of field i back into its item. */
static void
ui_form_sync(struct ui_form *f, size_t i)
{
	char	*s, *end;

	if (f->fields == NULL || (s = field_buffer(f->fields[i], 0)) == NULL)
		return;
	free(f->items[i].text);
	f->items[i].text = xstrdup(s);
	end = f->items[i].text + strlen(f->items[i].text);
	while (end > f->items[i].text && end[-1] == ' ')
		*--end = '\0';
}

/* Frees the form, keeping what the fields hold. */
static void
ui_form_unbuild(struct ui_form *f)
{
	size_t	i;

	if (f->form == NULL)
		return;
	if (f->cur < f->n)
		form_driver_w(f->form, KEY_CODE_YES, REQ_VALIDATION);
	for (i = 0; i < f->n; i++)
		ui_form_sync(f, i);
	unpost_form(f->form);
	free_form(f->form);
	for (i = 0; i < f->n; i++)
		free_field(f->fields[i]);
	free(f->fields);
	delwin(f->sub);
	f->form = NULL;
	f->fields = NULL;
	f->sub = NULL;
}

void
ui_form_free(struct ui_form *f)
{
	if (f == NULL)
		return;
	ui_form_unbuild(f);
	free(f);
}

static FIELD *
ui_form_field(struct ui_form *f, size_t i, int fw)
{
	FIELD	*fd;

	fd = new_field(1, fw, (int)(i % (size_t)f->per), 0, 0, 0);
	if (fd == NULL)
		fatal("new_field failed");
	field_opts_off(fd, O_AUTOSKIP | O_STATIC | O_BLANK);
	set_max_field(fd, 0);
	set_field_buffer(fd, 0, f->items[i].text ? f->items[i].text : "");
	if (i > 0 && i % (size_t)f->per == 0)
		set_new_page(fd, TRUE);
	return fd;
}

void
ui_form_place(struct ui *ui, struct ui_form *f, int y, int height,
    int width)
{
	size_t	i;
	int	fw;

	ui_form_unbuild(f);
	f->lw = width >= 3 * UI_FORM_LABEL ? UI_FORM_LABEL : width / 3;
	fw = width - f->lw - 2;
	if (f->n == 0)
		return;
	f->y = y;
	f->per = height > 0 ? height : 1;
	f->width = width;
	if (fw < 4)
		fw = 4;
	f->fields = xreallocarray(NULL, f->n + 1, sizeof *f->fields);
	for (i = 0; i < f->n; i++)
		f->fields[i] = ui_form_field(f, i, fw);
	f->fields[f->n] = NULL;
	if ((f->form = new_form(f->fields)) == NULL)
		fatal("new_form failed");
	form_opts_off(f->form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	f->sub = derwin(stdscr, f->per, fw, y, f->lw + 1);
	set_form_win(f->form, stdscr);
	set_form_sub(f->form, f->sub);
	set_current_field(f->form, f->fields[f->cur < f->n ? f->cur : 0]);
	(void)ui;
}

static void
ui_form_labels(struct ui *ui, struct ui_form *f)
{
	size_t	first = f->cur - f->cur % (size_t)f->per, i;
	int	role;

	for (i = first; i < f->n && i < first + (size_t)f->per; i++) {
		role = f->items[i].invalid ? ROLE_ERROR : ROLE_LABEL;
		attrset(ui_theme_attr(&ui->theme, role));
		ui_put(stdscr, f->y + (int)(i - first), 0, f->items[i].label,
		    f->lw);
	}
	attrset(A_NORMAL);
}

void
ui_form_draw(struct ui *ui, struct ui_form *f, int editing)
{
	size_t	i;
	int	role;

	if (f->form == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		role = f->items[i].invalid ? ROLE_INVALID : i == f->cur ?
		    ROLE_FIELD_CUR : ROLE_FIELD;
		if (editing && i == f->cur && !f->items[i].invalid)
			role = ROLE_NORMAL;
		set_field_back(f->fields[i], ui_theme_attr(&ui->theme, role));
	}
	unpost_form(f->form);
	set_current_field(f->form, f->fields[f->cur]);
	post_form(f->form);
	ui_form_labels(ui, f);
	if (editing) {
		form_driver_w(f->form, KEY_CODE_YES, REQ_END_FIELD);
		pos_form_cursor(f->form);
		ui->cursor = f->sub;
	}
}

size_t
ui_form_current(const struct ui_form *f)
{
	return f->cur;
}

void
ui_form_set_current(struct ui_form *f, size_t i)
{
	if (i >= f->n)
		return;
	if (f->form != NULL) {
		form_driver_w(f->form, KEY_CODE_YES, REQ_VALIDATION);
		ui_form_sync(f, f->cur);
		set_current_field(f->form, f->fields[i]);
	}
	f->cur = i;
}

/* The form request for an editing key, or -1. */
static int
ui_form_request(int key)
{
	switch (key) {
	case KEY_LEFT | UI_FKEY:	return REQ_PREV_CHAR;
	case KEY_RIGHT | UI_FKEY:	return REQ_NEXT_CHAR;
	case KEY_HOME | UI_FKEY:	return REQ_BEG_FIELD;
	case 'a' & 0x1f:		return REQ_BEG_FIELD;
	case KEY_END | UI_FKEY:		return REQ_END_FIELD;
	case 'e' & 0x1f:		return REQ_END_FIELD;
	case KEY_BACKSPACE | UI_FKEY:	return REQ_DEL_PREV;
	case KEY_DC | UI_FKEY:		return REQ_DEL_CHAR;
	case 'u' & 0x1f:		return REQ_CLR_FIELD;
	case 'k' & 0x1f:		return REQ_CLR_EOF;
	}
	return -1;
}

int
ui_form_key(struct ui_form *f, int key)
{
	char	*old;
	int	 req, changed;

	if (f->form == NULL)
		return -1;
	if ((req = ui_form_request(key)) < 0 && ((key & UI_FKEY) ||
	    key < 0x20))
		return -1;
	old = xstrdup(f->items[f->cur].text ? f->items[f->cur].text : "");
	if (req >= 0)
		form_driver_w(f->form, KEY_CODE_YES, req);
	else
		form_driver_w(f->form, OK, (wchar_t)key);
	form_driver_w(f->form, KEY_CODE_YES, REQ_VALIDATION);
	ui_form_sync(f, f->cur);
	changed = strcmp(old, f->items[f->cur].text) != 0;
	free(old);
	pos_form_cursor(f->form);
	return changed;
}

const char *
ui_form_page(const struct ui_form *f, char *buf, size_t len)
{
	size_t	pages;

	buf[0] = '\0';
	if (f->per <= 0 || f->n == 0)
		return buf;
	pages = (f->n + (size_t)f->per - 1) / (size_t)f->per;
	if (pages > 1)
		snprintf(buf, len, "page %zu/%zu", f->cur / (size_t)f->per + 1,
		    pages);
	return buf;
}

void
ui_form_mark(struct ui *ui, struct ui_form *f, int invalid)
{
	f->items[f->cur].invalid = invalid;
	if (f->form == NULL)
		return;
	set_field_back(f->fields[f->cur], ui_theme_attr(&ui->theme,
	    invalid ? ROLE_INVALID : ROLE_NORMAL));
	ui_form_labels(ui, f);
	pos_form_cursor(f->form);
}
