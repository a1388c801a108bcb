/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cases list: open and waiting ones by default, any query with /
 * (status=closed priority<=2 ...), mine or the office's; Enter opens the
 * contact, c resolves the case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui-int.h"
#include "ui-list.h"
#include "ui-prompt.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "query.h"
#include "ticket.h"
#include "when.h"
#include "xmalloc.h"

#define UI_CASES_QUERY	"status=open,waiting"

struct ui_krow {
	struct ticket	*k;
	char		*name;
};

struct ui_cases {
	struct ui_krow		**rows;
	size_t			  n;
	struct ui_list_array	  arr;
	struct ui_list		  list;
	char			 *query;
};

static void
ui_krow_free(void *row)
{
	struct ui_krow	*r = row;

	ticket_free(r->k);
	free(r->name);
	free(r);
}

static void
ui_cases_clear(struct ui_cases *c)
{
	ui_list_array_free(&c->list, (void **)c->rows, c->n, ui_krow_free);
	c->rows = NULL;
	c->n = 0;
}

static void
ui_cases_row(struct ui *ui, void *arg, const void *row, int y, int width,
    int selected)
{
	const struct ui_krow	*r = row;
	const struct ticket	*k = r->k;
	char			 line[600], id[32], ts[32];
	int			 role = ROLE_NORMAL;

	(void)arg;
	if (ticket_status_of(k) < TICKET_RESOLVED &&
	    k->opened < time(NULL) - 7 * 86400)
		role = ROLE_OVERDUE;	/* older than a week */
	snprintf(line, sizeof line, "%-6s %-8s %3ld  %-16s %-20.20s %s%s%s%s",
	    book_id_format(BOOK_CASE, k->id, id, sizeof id),
	    k->status ? k->status : "", k->priority, when_format(k->opened, 0,
	    ts, sizeof ts), r->name, k->subject ? k->subject : "",
	    ui->everyone ? " [" : "", ui->everyone && k->owner ? k->owner : "",
	    ui->everyone ? "]" : "");
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED : role));
	ui_put(stdscr, y, 0, line, width);
	attrset(A_NORMAL);
}

static void
ui_cases_keep(struct ui *ui, struct ui_cases *c, struct ticket *k)
{
	struct ui_krow	*r = xcalloc(1, sizeof *r);
	struct contact	*ct;
	struct err	 e;

	err_clear(&e);
	r->k = k;
	r->name = xstrdup(book_contact_get(ui->book, k->contact, &ct, &e) ==
	    0 ? contact_label(ct) : "?");
	contact_free(ct);
	c->rows = xreallocarray(c->rows, c->n + 1, sizeof *c->rows);
	c->rows[c->n++] = r;
}

static void
ui_cases_load(struct ui *ui, struct ui_cases *c)
{
	struct ticket	**v = NULL;
	struct query	 *q;
	struct err	  e;
	size_t		  n = 0, i;

	ui_cases_clear(c);
	err_clear(&e);
	if ((q = query_parse(c->query, BOOK_CASE, NULL, time(NULL), &e)) ==
	    NULL || book_cases(ui->book, 0, &v, &n, &e) != 0)
		ui_say_err(ui, &e);
	for (i = 0; i < n; i++) {
		if (q != NULL && query_match(q, v[i]) && (ui->everyone ||
		    (v[i]->owner != NULL &&
		    strcmp(v[i]->owner, book_user(ui->book)) == 0)))
			ui_cases_keep(ui, c, v[i]);
		else
			ticket_free(v[i]);
	}
	free(v);
	query_free(q);
	ui_list_array_show(&c->list, &c->arr, (void **)c->rows, c->n);
}

static void
ui_cases_reload(struct ui *ui, struct ui_cases *c)
{
	size_t	sel = c->list.sel;

	ui_cases_load(ui, c);
	ui_list_select(&c->list, sel, c->n);
}

static int
ui_cases_enter(struct ui *ui, struct screen *s, void *arg)
{
	struct ui_cases	*c = xcalloc(1, sizeof *c);

	c->query = xstrdup(arg != NULL ? (const char *)arg : UI_CASES_QUERY);
	c->arr.draw = ui_cases_row;
	c->arr.arg = c;
	s->data = c;
	ui_cases_load(ui, c);
	return 0;
}

static void
ui_cases_leave(struct ui *ui, struct screen *s)
{
	struct ui_cases	*c = s->data;

	ui_cases_clear(c);
	free(c->query);
	free(c);
}

static void
ui_cases_resolve(struct ui *ui, struct ui_cases *c, struct ui_krow *r)
{
	struct ticket	*k = NULL;
	struct err	 e;

	err_clear(&e);
	if (ui_refuse_write(ui))
		return;
	if (book_case_get(ui->book, r->k->id, &k, &e) != 0 ||
	    ticket_set_status(k, "resolved", time(NULL), &e) != 0 ||
	    book_case_save(ui->book, k, &e) != 0)
		ui_say_err(ui, &e);
	else
		ui_say(ui, ROLE_OK, "k%llu resolved",
		    (unsigned long long)k->id);
	ticket_free(k);
	ui_cases_reload(ui, c);
}

static void
ui_cases_filter(struct ui *ui, struct ui_cases *c)
{
	char	*text = NULL;

	if (!ui_prompt_ask(ui, "cases where: ", c->query, &text))
		return;
	free(c->query);
	c->query = text;
	ui_cases_load(ui, c);
}

static int
ui_cases_key(struct ui *ui, struct screen *s, int act, int key)
{
	struct ui_cases	*c = s->data;
	struct ui_krow	*r = ui_list_selected(&c->list);

	if (ui_list_move(&c->list, act))
		return UI_DRAW_SCREEN;
	switch (act) {
	case ACT_OPEN:
		if (r != NULL)
			ui_open_contact(ui, r->k->contact);
		break;
	case ACT_DONE:
		if (r != NULL)
			ui_cases_resolve(ui, c, r);
		break;
	case ACT_LOOKUP:
		ui_cases_filter(ui, c);
		break;
	case ACT_SCOPE:
		ui->everyone = !ui->everyone;
		ui_cases_load(ui, c);
		break;
	case ACT_RELOAD:
		ui_cases_reload(ui, c);
		break;
	default:
		return ui_key_rest(ui, act, key);
	}
	return UI_DRAW_SCREEN;
}

static void
ui_cases_draw(struct ui *ui, struct screen *s)
{
	static const struct ui_hint hints[] = { { ACT_OPEN, "contact" },
	    { ACT_DONE, "resolve" }, { ACT_LOOKUP, "filter" },
	    { ACT_SCOPE, "mine/all" }, { ACT_BACK, "back" },
	    { ACT_HELP, "help" }, { 0, NULL } };
	struct ui_cases	*c = s->data;
	char		 title[300];

	snprintf(title, sizeof title, " kith: cases, %s: %s",
	    ui->everyone ? "the office's" : "mine", c->query);
	ui_draw_heading(ui, title, "Case   Status   Pri  Opened           "
	    "Contact              Subject");
	ui_list_draw(ui, &c->list, COLS);
	if (c->n == 0)
		ui_put(stdscr, 3, 2, "No cases.", COLS - 2);
	ui_draw_hints(ui, "cases", hints);
}

static void
ui_cases_resize(struct ui *ui, struct screen *s)
{
	struct ui_cases	*c = s->data;

	ui_list_place_view(&c->list);
}

const struct screen_ops ui_cases_ops = {
	"cases", ui_cases_enter, ui_cases_key, ui_cases_draw,
	ui_cases_resize, ui_cases_leave, 0
};
