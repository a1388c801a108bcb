/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The contact list: an index's order a page at a time (name, company,
 * city, status or owner), lookup as you type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-contacts.h"
#include "ui-int.h"
#include "ui-list.h"
#include "ui-prompt.h"
#include "activity.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "query.h"
#include "utf8.h"
#include "when.h"
#include "xmalloc.h"

/* Columns: title, width, and the order they get room in. */
enum { COL_NAME, COL_COMPANY, COL_PHONE, COL_CITY, COL_STATUS, COL_OWNER,
	COL_NEXT, NCOLS };
static const struct {
	const char	*title;
	int		 width;
} ui_contacts_cols[NCOLS] = {
	{ "Name", 18 }, { "Company", 20 }, { "Phone", 16 }, { "City", 12 },
	{ "Status", 9 }, { "Owner", 8 }, { "Next follow-up", 16 }
};
static const int ui_contacts_prio[] = {
	COL_PHONE, COL_COMPANY, COL_NEXT, COL_STATUS, COL_CITY, COL_OWNER
};

/* The column of each order (enum book_order). */
static const int ui_contacts_order_col[BOOK_NORDERS] = {
	COL_NAME, COL_COMPANY, COL_CITY, COL_STATUS, COL_OWNER
};

/* Column widths for the terminal's width (0: not shown); the column the
 * list is sorted by gets room first. */
static void
ui_contacts_widths(int cols, enum book_order o, int *w)
{
	int	i, left = cols - ui_contacts_cols[COL_NAME].width, c;
	int	sorted = ui_contacts_order_col[o];

	memset(w, 0, NCOLS * sizeof *w);
	for (i = -1; i < (int)(sizeof ui_contacts_prio / sizeof
	    ui_contacts_prio[0]); i++) {
		c = i < 0 ? sorted : ui_contacts_prio[i];
		if (c == COL_NAME || (i >= 0 && c == sorted))
			continue;
		if (left >= ui_contacts_cols[c].width + 1) {
			w[c] = ui_contacts_cols[c].width;
			left -= w[c] + 1;
		}
	}
	w[COL_NAME] = ui_contacts_cols[COL_NAME].width;
	c = left > 16 ? 16 : left;	/* names first, then companies */
	w[COL_NAME] += c;
	left -= c;
	if (w[COL_COMPANY] > 0) {
		c = left > 14 ? 14 : left;
		w[COL_COMPANY] += c;
		left -= c;
	}
	c = left > 10 ? 10 : left;	/* the rest, up to a point */
	w[COL_NAME] += c;
	left -= c;
	if (w[COL_COMPANY] > 0) {
		c = left > 8 ? 8 : left;
		w[COL_COMPANY] += c;
		left -= c;
	}
	if (w[COL_NEXT] == 0 && w[COL_COMPANY] == 0)
		w[COL_NAME] += left;
}

static void
ui_contacts_cell(int *x, int w, const char *s)
{
	if (w <= 0)
		return;
	ui_put(stdscr, getcury(stdscr), *x, s, w);
	*x += w + 1;
}

static void
ui_contacts_row(struct ui *ui, void *arg, const void *row, int y,
    int width, int selected)
{
	struct ui_contacts	*uc = arg;
	struct ui_crow		*r = (struct ui_crow *)row;
	const struct contact	*c = r->c;
	int			 w[NCOLS], x = 0;
	char			 ts[32] = "";

	ui_contacts_widths(width, uc->order, w);
	if (w[COL_NEXT] > 0 && !r->known)
		ui_crow_next(ui, r);
	if (r->next != 0)
		when_format(r->next, r->allday, ts, sizeof ts);
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
	    ROLE_NORMAL));
	move(y, 0);
	clrtoeol();
	ui_contacts_cell(&x, w[COL_NAME], contact_label(c));
	ui_contacts_cell(&x, w[COL_COMPANY], c->name ? c->company : "");
	ui_contacts_cell(&x, w[COL_PHONE], field_list_first(&c->phones));
	ui_contacts_cell(&x, w[COL_CITY], c->city);
	ui_contacts_cell(&x, w[COL_STATUS], c->status);
	ui_contacts_cell(&x, w[COL_OWNER], c->owner);
	if (!selected && r->next != 0 && r->next < time(NULL))
		attrset(ui_theme_attr(&ui->theme, ROLE_OVERDUE));
	ui_contacts_cell(&x, w[COL_NEXT], ts);
	if (selected && x < width)
		ui_put(stdscr, y, x, "", width - x);
	attrset(A_NORMAL);
}

static const struct ui_list_src ui_contacts_src = {
	ui_contacts_fetch, ui_crow_free, ui_contacts_row
};

static void
ui_contacts_hits_free(struct ui_contacts *uc)
{
	size_t	i;

	ui_list_clear(&uc->list);
	for (i = 0; i < uc->nhits; i++)
		ui_crow_free(NULL, uc->hits[i]);
	free(uc->hits);
	uc->hits = NULL;
	uc->nhits = 0;
}

static int
ui_contacts_hit(const struct contact *c, void *arg)
{
	struct ui_contacts	*uc = arg;

	if (!ui_contacts_wanted(uc, c))
		return 0;
	uc->hits = xreallocarray(uc->hits, uc->nhits + 1, sizeof *uc->hits);
	uc->hits[uc->nhits++] = ui_crow_new(uc, c);
	return 0;
}

/* Points the list at the whole book, or at the lookup's matches. */
static void
ui_contacts_fill(struct ui_contacts *uc)
{
	struct err	e;
	int		height = uc->list.height;

	ui_contacts_hits_free(uc);
	uc->more = 0;
	if (uc->query == NULL || *uc->query == '\0') {
		ui_list_init(&uc->list, &ui_contacts_src, uc);
	} else {
		/* A screenful; more when scrolled to (ui_contacts_grow). */
		if (uc->want == 0)
			uc->want = height > UI_LOOKUP_PAGE ? (size_t)height :
			    UI_LOOKUP_PAGE;
		err_clear(&e);
		if (book_lookup_page(uc->ui->book, uc->query, uc->order,
		    uc->want, ui_contacts_hit, uc, &uc->more, &e) != 0)
			ui_say_err(uc->ui, &e);
		uc->arr.v = (void **)uc->hits;
		uc->arr.n = uc->nhits;
		uc->arr.draw = ui_contacts_row;
		uc->arr.arg = uc;
		ui_list_init(&uc->list, &ui_list_array_src, &uc->arr);
	}
	ui_list_place(&uc->list, 2, height);
	ui_list_reset(&uc->list, 0);
}

/* My calls due by the end of today, for the title bar. */
static void
ui_contacts_count_due(struct ui_contacts *uc)
{
	struct activity	**v;
	struct err	  e;
	size_t		  n;

	err_clear(&e);
	uc->due = 0;
	if (book_due(uc->ui->book, book_user(uc->ui->book),
	    when_add_days(when_day_start(time(NULL)), 1) - 1, 100, &v, &n,
	    &e) == 0) {
		uc->due = n;
		activity_array_free(v, n);
	}
}

static int
ui_contacts_enter(struct ui *ui, struct screen *s, void *arg)
{
	struct ui_contacts	*uc = xcalloc(1, sizeof *uc);

	(void)arg;
	uc->ui = ui;
	uc->list.height = LINES - 3;
	s->data = uc;
	ui_contacts_fill(uc);
	ui_contacts_count_due(uc);
	return 0;
}

static void
ui_contacts_leave(struct ui *ui, struct screen *s)
{
	struct ui_contacts	*uc = s->data;

	ui_contacts_hits_free(uc);
	query_free(uc->filter);
	free(uc->filter_text);
	free(uc->query);
	free(uc);
}

static void
ui_contacts_changed(struct ui *ui, void *arg, const char *text)
{
	struct ui_contacts	*uc = arg;

	free(uc->query);
	uc->query = xstrdup(text);
	uc->want = 0;
	ui_contacts_fill(uc);
	ui_draw(ui);
}

/* Moving down past the matches fetched fetches twice as many (the end:
 * all of them), keeping the selected row. */
static void
ui_contacts_grow(struct ui_contacts *uc, int act)
{
	struct ui_crow	*r;
	uint64_t	 id;
	size_t		 i;

	if (!uc->more || uc->nhits == 0 || uc->list.n == 0 ||
	    (act != ACT_DOWN && act != ACT_PGDN && act != ACT_BOTTOM) ||
	    uc->list.rows[uc->list.n - 1] != uc->hits[uc->nhits - 1] ||
	    (act == ACT_DOWN && uc->list.sel + 1 < uc->list.n))
		return;
	r = ui_list_selected(&uc->list);
	id = r != NULL ? r->c->id : 0;
	uc->want = act == ACT_BOTTOM ? SIZE_MAX / 2 : uc->want * 2;
	ui_contacts_fill(uc);
	for (i = 0; i < uc->nhits; i++) {
		if ((r = ui_list_selected(&uc->list)) == NULL ||
		    r->c->id == id)
			break;
		ui_list_move(&uc->list, ACT_DOWN);
	}
}

static int
ui_contacts_other(struct ui *ui, void *arg, int key)
{
	struct ui_contacts	*uc = arg;
	int			 act;

	act = ui_keys_action(ui->keys, "contacts", key);
	if (key == (KEY_UP | UI_FKEY) || key == (KEY_DOWN | UI_FKEY) ||
	    key == (KEY_NPAGE | UI_FKEY) || key == (KEY_PPAGE | UI_FKEY)) {
		ui_contacts_grow(uc, act);
		ui_list_move(&uc->list, act);
		ui_draw(ui);
		return 1;
	}
	return 0;
}

/* "/": narrows the list as each key is typed; Enter opens. */
static int
ui_contacts_lookup(struct ui *ui, struct ui_contacts *uc)
{
	struct ui_prompt	 p = { "Look up: ", ui_contacts_changed,
				    ui_contacts_other, uc };
	struct ui_crow		*r;
	char			*text;

	if (!ui_prompt_run(ui, &p, uc->query, &text))
		return UI_DRAW_SCREEN;
	free(text);
	if ((r = ui_list_selected(&uc->list)) != NULL)
		ui_open_contact(ui, r->c->id);
	return UI_DRAW_SCREEN;
}

static void
ui_contacts_reload(struct ui_contacts *uc)
{
	size_t	sel = uc->list.sel;

	ui_contacts_count_due(uc);
	if (uc->query != NULL && *uc->query != '\0') {
		ui_contacts_fill(uc);
		uc->list.sel = sel < uc->list.n ? sel : uc->list.n ? 
		    uc->list.n - 1 : 0;
	} else
		ui_list_reload(&uc->list);
}

/* "f": only contacts matching a query of fields (status=customer). */
static void
ui_contacts_filter(struct ui *ui, struct ui_contacts *uc)
{
	struct query	*q = NULL;
	struct err	 e;
	char		*text;

	if (!ui_prompt_ask(ui, "Filter (status=customer tag=vip city~hagen; "
	    "empty: none): ", uc->filter_text ? uc->filter_text : "", &text))
		return;
	err_clear(&e);
	if (*text != '\0' && (q = query_parse(text, 'c',
	    book_users(ui->book), time(NULL), &e)) == NULL) {
		ui_say_err(ui, &e);
		free(text);
		return;
	}
	query_free(uc->filter);
	free(uc->filter_text);
	uc->filter = q;
	uc->filter_text = q != NULL ? text : NULL;
	if (q == NULL)
		free(text);
	ui_contacts_fill(uc);
}

/* Actions on the selected contact. */
static int
ui_contacts_act(struct ui *ui, struct ui_contacts *uc, int act)
{
	struct ui_crow	*r = ui_list_selected(&uc->list);

	if (r == NULL) {
		ui_say(ui, ROLE_ERROR, "no contact here: n adds one");
		return UI_DRAW_SCREEN;
	}
	if (act == ACT_OPEN)
		ui_open_contact(ui, r->c->id);
	else if (act == ACT_LOG)
		ui_act_log(ui, r->c->id);
	else if (act == ACT_SCHEDULE)
		ui_act_schedule(ui, r->c->id);
	else if (act == ACT_DELETE && ui_act_delete_contact(ui, r->c->id) == 0)
		ui_contacts_reload(uc);
	if (act == ACT_SCHEDULE || act == ACT_LOG) {
		r->known = 0;
		r->next = 0;
	}
	return UI_DRAW_SCREEN;
}

static int
ui_contacts_key(struct ui *ui, struct screen *s, int act, int key)
{
	struct ui_contacts	*uc = s->data;

	ui_contacts_grow(uc, act);
	if (ui_list_move(&uc->list, act))
		return UI_DRAW_SCREEN;
	switch (act) {
	case ACT_QUIT:
		ui->quit = 1;
		return UI_DRAW_NONE;
	case ACT_LOOKUP:
		return ui_contacts_lookup(ui, uc);
	case ACT_BACK:
		free(uc->query);
		uc->query = NULL;
		uc->want = 0;
		ui_contacts_fill(uc);
		return UI_DRAW_SCREEN;
	case ACT_OPEN:
	case ACT_LOG:
	case ACT_SCHEDULE:
	case ACT_DELETE:
		return ui_contacts_act(ui, uc, act);
	case ACT_NEW:
		if (!ui_refuse_write(ui))
			ui_open_contact(ui, 0);
		return UI_DRAW_SCREEN;
	case ACT_AGENDA:
		ui_push(ui, &ui_agenda_ops, NULL);
		return UI_DRAW_SCREEN;
	case ACT_PIPELINE:
	case ACT_CASES:
	case ACT_REPORTS:
		ui_crm_open(ui, act);
		return UI_DRAW_SCREEN;
	case ACT_FILTER:
		ui_contacts_filter(ui, uc);
		return UI_DRAW_SCREEN;
	case ACT_SCOPE:
		uc->mine = !uc->mine;
		ui_contacts_fill(uc);
		return UI_DRAW_SCREEN;
	case ACT_SORT:
		uc->order = (uc->order + 1) % BOOK_NORDERS;
		ui_contacts_fill(uc);
		return UI_DRAW_SCREEN;
	case ACT_RELOAD:
		ui_contacts_reload(uc);
		return UI_DRAW_SCREEN;
	}
	return ui_key_rest(ui, act, key);	/* help, or no such key */
}

static void
ui_contacts_header(struct ui *ui, struct ui_contacts *uc)
{
	char	title[300], right[64], col[64];
	int	w[NCOLS], i, x = 0;

	snprintf(title, sizeof title, " kith: %s contacts by %s%s%s%s%s",
	    uc->mine ? "my" : "all", book_order_name(uc->order),
	    uc->filter_text ? ", " : "",
	    uc->filter_text ? uc->filter_text : "", uc->query && *uc->query ?
	    ", lookup: " : "", uc->query && *uc->query ? uc->query : "");
	if (uc->due > 0)
		snprintf(right, sizeof right, "%zu due today", uc->due);
	else
		right[0] = '\0';
	ui_draw_title(ui, title, right);
	ui_contacts_widths(COLS, uc->order, w);
	attrset(ui_theme_attr(&ui->theme, ROLE_HEADER));
	move(1, 0);
	for (i = 0; i < NCOLS; i++) {
		/* An arrow marks the column the list is sorted by. */
		snprintf(col, sizeof col, "%s%s", ui_contacts_cols[i].title,
		    i != ui_contacts_order_col[uc->order] ? "" :
		    ui->readonly ? " v" : " \u25be");
		ui_contacts_cell(&x, w[i], col);
	}
	attrset(A_NORMAL);
}

static void
ui_contacts_draw(struct ui *ui, struct screen *s)
{
	static const struct ui_hint hints[] = { { ACT_LOOKUP, "look up" },
	    { ACT_OPEN, "open" }, { ACT_NEW, "new" }, { ACT_LOG, "log call" },
	    { ACT_SCHEDULE, "call-back" }, { ACT_AGENDA, "agenda" },
	    { ACT_HELP, "help" }, { ACT_QUIT, "quit" }, { 0, NULL } };
	struct ui_contacts	*uc = s->data;

	ui_contacts_header(ui, uc);
	ui_list_draw(ui, &uc->list, COLS);
	if (uc->list.n == 0) {
		attrset(ui_theme_attr(&ui->theme, ROLE_DIM));
		ui_put(stdscr, 3, 2, uc->query && *uc->query ?
		    "No contact matches." : "No contacts yet: n adds one.",
		    COLS - 2);
		attrset(A_NORMAL);
	} else if (uc->more) {
		ui_say(ui, ROLE_DIM, "more match below: scroll, or type more");
	}
	ui_draw_hints(ui, "contacts", hints);
}

static void
ui_contacts_resize(struct ui *ui, struct screen *s)
{
	struct ui_contacts	*uc = s->data;

	ui_list_place_view(&uc->list);
}

const struct screen_ops ui_contacts_ops = {
	"contacts", ui_contacts_enter, ui_contacts_key, ui_contacts_draw,
	ui_contacts_resize, ui_contacts_leave, 0
};
