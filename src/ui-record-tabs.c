/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The contact record's Deals, Cases and Notes tabs: the contact's deals
 * and support cases from the book, its notes, and a deal's or a case's
 * details on Enter. */
#include "ui-record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui-int.h"
#include "book.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "field.h"
#include "ticket.h"
#include "when.h"
#include "xmalloc.h"

void
ui_record_crm_free(struct ui_record *r)
{
	size_t	i;

	deal_array_free(r->deals, r->ndeals);
	ticket_array_free(r->cases, r->ncases);
	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	deal_stages_free(r->stages);
	r->deals = NULL;
	r->cases = NULL;
	r->notes = NULL;
	r->stages = NULL;
	r->ndeals = r->ncases = r->nnotes = 0;
}

static void
ui_record_deal_row(struct ui *ui, void *arg, const void *row, int y,
    int width, int selected)
{
	const struct deal	*d = row;
	struct ui_record	*r = arg;
	char			 line[600], id[32], v[32];
	int			 out = r->stages != NULL ?
				    deal_outcome(r->stages, d) : 0;

	snprintf(line, sizeof line, "%-6s %-12s %13s %-3s %-10s %s",
	    book_id_format(BOOK_DEAL, d->id, id, sizeof id),
	    d->stage ? d->stage : "", deal_value_format(d->value, v, sizeof v),
	    d->currency ? d->currency : "", d->close ? d->close : "",
	    d->title ? d->title : "");
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
	    out != 0 ? ROLE_DIM : ROLE_NORMAL));
	ui_put(stdscr, y, 0, line, width);
	attrset(A_NORMAL);
}

static void
ui_record_case_row(struct ui *ui, void *arg, const void *row, int y,
    int width, int selected)
{
	const struct ticket	*k = row;
	char			 line[600], id[32], ts[32];
	int			 done = ticket_status_of(k) >= TICKET_RESOLVED;

	(void)arg;
	snprintf(line, sizeof line, "%-6s %-8s %3ld  %-16s  %s",
	    book_id_format(BOOK_CASE, k->id, id, sizeof id),
	    k->status ? k->status : "", k->priority, k->opened ?
	    when_format(k->opened, 0, ts, sizeof ts) : "",
	    k->subject ? k->subject : "");
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
	    done ? ROLE_DIM : ROLE_NORMAL));
	ui_put(stdscr, y, 0, line, width);
	attrset(A_NORMAL);
}

static void
ui_record_note_row(struct ui *ui, void *arg, const void *row, int y,
    int width, int selected)
{
	(void)arg;
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
	    ROLE_NORMAL));
	ui_put(stdscr, y, 0, row, width);
	attrset(A_NORMAL);
}

/* The contact's notes as lines (a copy: the contact may be replaced). */
static void
ui_record_notes_split(struct ui_record *r)
{
	const char	*s = r->c->note, *nl;

	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		r->notes = xreallocarray(r->notes, r->nnotes + 1,
		    sizeof *r->notes);
		r->notes[r->nnotes++] = nl != NULL ? xstrndup(s,
		    (size_t)(nl - s)) : xstrdup(s);
		s = nl != NULL ? nl + 1 : NULL;
	}
}

/*
 * Loads the contact's deals, cases and notes (for the tab bar's counts)
 * and, on one of their tabs, points the list's array at them.
 */
void
ui_record_crm_load(struct ui *ui, struct ui_record *r)
{
	struct err	e;

	ui_record_crm_free(r);
	err_clear(&e);
	if (r->c->id != 0 && ((r->stages = deal_stages_load(ui->conf,
	    &e)) == NULL || book_deals(ui->book, r->c->id, &r->deals,
	    &r->ndeals, &e) != 0 || book_cases(ui->book, r->c->id,
	    &r->cases, &r->ncases, &e) != 0))
		ui_say_err(ui, &e);
	ui_record_notes_split(r);
	r->arr.arg = r;
	if (r->tab == UI_TAB_DEALS) {
		r->arr.v = (void **)r->deals;
		r->arr.n = r->ndeals;
		r->arr.draw = ui_record_deal_row;
	} else if (r->tab == UI_TAB_CASES) {
		r->arr.v = (void **)r->cases;
		r->arr.n = r->ncases;
		r->arr.draw = ui_record_case_row;
	} else if (r->tab == UI_TAB_NOTES) {
		r->arr.v = (void **)r->notes;
		r->arr.n = r->nnotes;
		r->arr.draw = ui_record_note_row;
	}
}

/* The count shown on a tab, or -1 for none. */
long
ui_record_tab_count(const struct ui_record *r, int tab)
{
	switch (tab) {
	case UI_TAB_PENDING:
		return (long)r->npending;
	case UI_TAB_HISTORY:
		return (long)(r->nacts - r->npending);
	case UI_TAB_DEALS:
		return (long)r->ndeals;
	case UI_TAB_CASES:
		return (long)r->ncases;
	}
	return -1;
}

/* What an empty tab says. */
const char *
ui_record_tab_empty(const struct ui_record *r)
{
	switch (r->tab) {
	case UI_TAB_PENDING:
		return "Nothing pending: s schedules a call-back.";
	case UI_TAB_HISTORY:
		return "No history yet: l logs a call.";
	case UI_TAB_DEALS:
		return "No deals: kith deal add adds one.";
	case UI_TAB_CASES:
		return "No cases: kith case add opens one.";
	case UI_TAB_NOTES:
		return "No notes: Enter writes one.";
	}
	return "";
}

static void
ui_record_line(char ***v, size_t *n, const char *label, const char *text)
{
	char	line[1200];

	if (text == NULL || *text == '\0')
		return;
	snprintf(line, sizeof line, "%-12s %s", label, text);
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(line);
}

/* The fields of a deal or a case that have a value, a line each. */
static void
ui_record_fields(const struct field_def *defs, size_t nd, const void *obj,
    char ***v, size_t *n)
{
	char	*t, ts[32];
	time_t	 t0;
	size_t	 i;

	for (i = 0; i < nd; i++) {
		if ((defs[i].flags & FIELD_HIDDEN) || defs[i].type ==
		    FIELD_LIST || defs[i].type == FIELD_ID ||
		    defs[i].type == FIELD_NUM)
			continue;
		if (defs[i].type == FIELD_TIME) {
			t0 = *(const time_t *)((const char *)obj + defs[i].off);
			ui_record_line(v, n, defs[i].name, t0 != 0 ?
			    when_format(t0, 0, ts, sizeof ts) : NULL);
			continue;
		}
		t = field_text(&defs[i], obj);
		ui_record_line(v, n, defs[i].name, t);
		free(t);
	}
}

static void
ui_record_show_deal(struct ui *ui, struct ui_record *r, const struct deal *d)
{
	char	**v = NULL, buf[128], val[32], ids[32], title[64];
	size_t	  n = 0;
	int	  out = r->stages != NULL ? deal_outcome(r->stages, d) : 0;

	snprintf(buf, sizeof buf, "%s %s", deal_value_format(d->value, val,
	    sizeof val), d->currency ? d->currency : r->stages != NULL ?
	    r->stages->currency : "");
	ui_record_line(&v, &n, "value", buf);
	if (r->stages != NULL) {
		snprintf(buf, sizeof buf, "%ld%%%s", deal_probability(
		    r->stages, d), d->probability < 0 ? " (the stage's)" : "");
		ui_record_line(&v, &n, "probability", buf);
	}
	ui_record_line(&v, &n, "outcome", out > 0 ? "won" : out < 0 ?
	    "lost" : "open");
	ui_record_fields(deal_fields, deal_nfields, d, &v, &n);
	snprintf(title, sizeof title, " Deal %s", book_id_format(BOOK_DEAL,
	    d->id, ids, sizeof ids));
	ui_text_show(ui, title, v, n);
}

static void
ui_record_show_case(struct ui *ui, const struct ticket *k)
{
	char		**v = NULL, buf[128], ids[32], title[64], ts[32];
	const char	 *type, *who;
	time_t		  t;
	size_t		  n = 0, i;

	snprintf(buf, sizeof buf, "%ld (1 high, 9 low)", k->priority);
	ui_record_line(&v, &n, "priority", k->priority ? buf : NULL);
	ui_record_fields(ticket_fields, ticket_nfields, k, &v, &n);
	for (i = 0; i < k->notes.n; i++) {
		type = k->notes.v[i].type ? k->notes.v[i].type : "";
		who = strchr(type, ' ');
		snprintf(ts, sizeof ts, "%.*s", who ? (int)(who - type) : 0,
		    type);
		if (when_parse_utc(ts, &t, NULL) != 0)
			t = 0;
		snprintf(buf, sizeof buf, "%s %s:", t ? when_format(t, 0, ts,
		    sizeof ts) : "?", who ? who + 1 : "?");
		ui_record_line(&v, &n, i == 0 ? "notes" : "", buf);
		ui_record_line(&v, &n, "", k->notes.v[i].text);
	}
	snprintf(title, sizeof title, " Case %s", book_id_format(BOOK_CASE,
	    k->id, ids, sizeof ids));
	ui_text_show(ui, title, v, n);
}

/* Enter on the Deals or Cases tab: the selected one's details. */
void
ui_record_crm_show(struct ui *ui, struct ui_record *r)
{
	void	*row = ui_list_selected(&r->list);

	if (row == NULL)
		return;
	if (r->tab == UI_TAB_DEALS)
		ui_record_show_deal(ui, r, row);
	else if (r->tab == UI_TAB_CASES)
		ui_record_show_case(ui, row);
}

int
ui_record_note_item(const struct ui_record *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		if (r->rf[i].user == NULL && r->rf[i].def != NULL &&
		    strcmp(r->rf[i].def->name, "note") == 0)
			return (int)i;
	}
	return -1;
}
