/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reports and groups: the reports as tables with bar charts (Unicode
 * blocks, or ASCII when the locale is not UTF-8) and the saved groups,
 * the retention ones first; Enter shows one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui-int.h"
#include "ui-list.h"
#include "book.h"
#include "buf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "field.h"
#include "query.h"
#include "report.h"
#include "ticket.h"
#include "xmalloc.h"

#define UI_GROUP_MAX	5000	/* members shown in a group's view */

struct ui_rrow {
	const struct report_def	*report;	/* or a group: */
	struct query_group	 group;
	char			 name[256];
};

struct ui_reports {
	struct ui_rrow		**rows;
	size_t			  n;
	struct ui_list_array	  arr;
	struct ui_list		  list;
};

static void
ui_reports_row(struct ui *ui, void *arg, const void *row, int y, int width,
    int selected)
{
	const struct ui_rrow	*r = row;
	char			 line[600];

	(void)arg;
	if (r->report != NULL)
		snprintf(line, sizeof line, "  report  %-14s %s",
		    r->report->name, r->report->help);
	else
		snprintf(line, sizeof line, "  group   %-14s %s: %s",
		    r->group.name, query_kind_name(r->group.kind),
		    r->group.help ? r->group.help : r->group.query);
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
	    ROLE_NORMAL));
	ui_put(stdscr, y, 0, line, width);
	attrset(A_NORMAL);
}

static void
ui_reports_add(struct ui_reports *u, struct ui_rrow *r)
{
	u->rows = xreallocarray(u->rows, u->n + 1, sizeof *u->rows);
	u->rows[u->n++] = r;
}

static int
ui_reports_enter(struct ui *ui, struct screen *s, void *arg)
{
	struct ui_reports	*u = xcalloc(1, sizeof *u);
	struct ui_rrow		*r;
	size_t			 i;

	(void)arg;
	for (i = 0;; i++) {	/* the groups first: retention at hand */
		r = xcalloc(1, sizeof *r);
		if (query_group_at(ui->conf, i, &r->group, r->name,
		    sizeof r->name) != 0) {
			free(r);
			break;
		}
		ui_reports_add(u, r);
	}
	for (i = 0; report_defs[i].name != NULL; i++) {
		r = xcalloc(1, sizeof *r);
		r->report = &report_defs[i];
		ui_reports_add(u, r);
	}
	u->arr.draw = ui_reports_row;
	u->arr.arg = u;
	ui_list_array_show(&u->list, &u->arr, (void **)u->rows, u->n);
	s->data = u;
	return 0;
}

static void
ui_reports_leave(struct ui *ui, struct screen *s)
{
	struct ui_reports	*u = s->data;

	ui_list_array_free(&u->list, (void **)u->rows, u->n, free);
	free(u);
}

/* Text into lines for the text view. */
static void
ui_reports_lines(const char *text, char ***v, size_t *n)
{
	const char	*p = text, *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = xstrndup(p, nl - p);
		p = *nl ? nl + 1 : nl;
	}
}

static void
ui_reports_show(struct ui *ui, const struct report_def *d)
{
	struct report_opts	 o;
	struct report		*r;
	struct buf		 out = BUF_INIT;
	struct err		 e;
	char			**v = NULL;
	size_t			  n = 0;

	memset(&o, 0, sizeof o);
	err_clear(&e);
	if (!ui->everyone)
		o.owner = book_user(ui->book);
	if ((r = report_run(ui->book, ui->conf, d->name, &o, time(NULL),
	    &e)) == NULL) {
		ui_say_err(ui, &e);
		return;
	}
	report_table(r, COLS - 2, !ui->readonly, &out);
	/* the title is the view's: from the line after the blank one */
	ui_reports_lines(strstr(buf_str(&out), "\n\n") + 2, &v, &n);
	ui_text_show(ui, r->title, v, n);
	buf_free(&out);
	report_free(r);
}

struct ui_group_walk {
	struct query	 *q;
	char		***v;
	size_t		 *n;
};

static void
ui_group_line(struct ui_group_walk *w, char *line)
{
	*w->v = xreallocarray(*w->v, *w->n + 1, sizeof **w->v);
	(*w->v)[(*w->n)++] = line;
}

static int
ui_group_contact(const struct contact *c, void *arg)
{
	struct ui_group_walk	*w = arg;
	const char		*ph = field_list_first(&c->phones);

	if (query_match(w->q, c))
		ui_group_line(w, xasprintf("c%-6llu %-24s %-20s %s",
		    (unsigned long long)c->id, contact_label(c),
		    c->company ? c->company : "", ph ? ph : ""));
	return *w->n >= UI_GROUP_MAX;
}

static int
ui_group_deal(const void *obj, void *arg)
{
	const struct deal	*d = obj;
	struct ui_group_walk	*w = arg;
	char			 v[32];

	if (query_match(w->q, d))
		ui_group_line(w, xasprintf("d%-6llu %-12s %13s %-3s %-10s %s",
		    (unsigned long long)d->id, d->stage ? d->stage : "",
		    deal_value_format(d->value, v, sizeof v),
		    d->currency ? d->currency : "", d->close ? d->close : "",
		    d->title ? d->title : ""));
	return *w->n >= UI_GROUP_MAX;
}

static void
ui_reports_group(struct ui *ui, const struct query_group *g)
{
	struct ui_group_walk	 w;
	struct err		 e;
	char			**v = NULL, title[300];
	size_t			  n = 0;
	int			  rc;

	if (g->kind == BOOK_CASE) {
		ui_push(ui, &ui_cases_ops, (void *)g->query);
		return;
	}
	err_clear(&e);
	w.v = &v;
	w.n = &n;
	if ((w.q = query_parse(g->query, g->kind, book_users(ui->book),
	    time(NULL), &e)) == NULL) {
		ui_say_err(ui, &e);
		return;
	}
	if (g->kind == BOOK_CONTACT)
		rc = book_find(ui->book, "", ui_group_contact, &w, &e);
	else
		rc = book_each(ui->book, g->kind, ui_group_deal, &w, &e);
	query_free(w.q);
	if (rc != 0)
		ui_say_err(ui, &e);
	if (n == 0)
		ui_group_line(&w, xstrdup("(none)"));
	snprintf(title, sizeof title, "group %s: %s", g->name, g->query);
	ui_text_show(ui, title, v, n);
}

static int
ui_reports_key(struct ui *ui, struct screen *s, int act, int key)
{
	struct ui_reports	*u = s->data;
	struct ui_rrow		*r = ui_list_selected(&u->list);

	if (ui_list_move(&u->list, act))
		return UI_DRAW_SCREEN;
	switch (act) {
	case ACT_OPEN:
		if (r != NULL && r->report != NULL)
			ui_reports_show(ui, r->report);
		else if (r != NULL)
			ui_reports_group(ui, &r->group);
		break;
	case ACT_SCOPE:
		ui->everyone = !ui->everyone;
		break;
	default:
		return ui_key_rest(ui, act, key);
	}
	return UI_DRAW_SCREEN;
}

static void
ui_reports_draw(struct ui *ui, struct screen *s)
{
	static const struct ui_hint hints[] = { { ACT_OPEN, "show" },
	    { ACT_SCOPE, "mine/all" }, { ACT_BACK, "back" },
	    { ACT_HELP, "help" }, { 0, NULL } };
	struct ui_reports	*u = s->data;
	char			 title[200];

	snprintf(title, sizeof title, " kith: groups and reports, %s",
	    ui->everyone ? "the office's" : "mine");
	ui_draw_heading(ui, title, "  Kind    Name           About");
	ui_list_draw(ui, &u->list, COLS);
	ui_draw_hints(ui, "reports", hints);
}

static void
ui_reports_resize(struct ui *ui, struct screen *s)
{
	struct ui_reports	*u = s->data;

	ui_list_place_view(&u->list);
}

const struct screen_ops ui_reports_ops = {
	"reports", ui_reports_enter, ui_reports_key, ui_reports_draw,
	ui_reports_resize, ui_reports_leave, 0
};

/* Opens one of the views of this file and its neighbours from an action
 * of another screen; 1 if the action was one of theirs. */
int
ui_crm_open(struct ui *ui, int act)
{
	switch (act) {
	case ACT_PIPELINE:
		ui_push(ui, &ui_pipeline_ops, NULL);
		return 1;
	case ACT_CASES:
		ui_push(ui, &ui_cases_ops, NULL);
		return 1;
	case ACT_REPORTS:
		ui_push(ui, &ui_reports_ops, NULL);
		return 1;
	}
	return 0;
}
