/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The agenda: today's and this week's calls, overdue first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"
#include "ui-list.h"
#include "activity.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "when.h"
#include "xmalloc.h"

#define UI_AGENDA_MAX	1000

struct ui_arow {
	struct activity	*a;
	char		*label;		/* the contact's name */
	char		*phone;
};

struct ui_agenda {
	struct ui_arow		**rows;
	size_t			  n;
	struct ui_list_array	  arr;
	struct ui_list		  list;
	time_t			  today;	/* local midnight */
	int			  year;		/* today's, as in struct tm */
};

static void
ui_arow_free(void *row)
{
	struct ui_arow	*r = row;

	activity_free(r->a);
	free(r->label);
	free(r->phone);
	free(r);
}

static void
ui_agenda_clear(struct ui_agenda *g)
{
	ui_list_array_free(&g->list, (void **)g->rows, g->n, ui_arow_free);
	g->rows = NULL;
	g->n = 0;
}

/* Column widths: when, type, contact, phone; the subject takes the rest,
 * at least UI_AGENDA_SUBJECT of it: on a narrower screen the phone goes
 * (the contact's record has it). */
static const int ui_agenda_w[] = { 18, 7, 18, 16 };
#define UI_AGENDA_SUBJECT	16

static void
ui_agenda_cells(int y, int width, const char *when, const char *type,
    const char *contact, const char *phone, const char *subject)
{
	const char	*cells[] = { when, type, contact, phone, subject };
	int		 i, x = 0, w, wide = width > 120 ? 10 : 0;
	int		 nophone, fixed = 0;

	for (i = 0; i < 4; i++)		/* each column and its gap */
		fixed += ui_agenda_w[i] + 1;
	nophone = width < fixed + UI_AGENDA_SUBJECT;
	for (i = 0; i < 5 && x < width; i++) {
		if (i == 3 && nophone)
			continue;
		w = i < 4 ? ui_agenda_w[i] + (i == 2 ? wide : 0) : width - x;
		if (x + w > width)
			w = width - x;
		ui_put(stdscr, y, x, cells[i] ? cells[i] : "", w);
		x += w;
		if (x < width)
			ui_put(stdscr, y, x++, "", 1);
	}
}

static void
ui_agenda_row(struct ui *ui, void *arg, const void *row, int y, int width,
    int selected)
{
	const struct ui_arow	*r = row;
	const struct activity	*a = r->a;
	struct ui_agenda	*g = arg;
	char			 ts[32], day[48], line[700];
	struct tm		 tm;
	int			 role = ROLE_NORMAL;

	localtime_r(&a->due, &tm);
	if (a->due < time(NULL) && !(a->allday && a->due >= g->today)) {
		role = ROLE_OVERDUE;
		if (tm.tm_year == g->year)
			strftime(ts, sizeof ts, a->allday ? "%a %d %b" :
			    "%a %d %b %H:%M", &tm);
		else		/* a year ago, or more: which year */
			strftime(ts, sizeof ts, a->allday ? "%Y-%m-%d" :
			    "%Y-%m-%d %H:%M", &tm);
		snprintf(day, sizeof day, "! %s", ts);
	} else if (a->due < when_add_days(g->today, 1)) {
		role = ROLE_TODAY;
		strftime(day, sizeof day, a->allday ? "today" : "today %H:%M",
		    &tm);
	} else
		strftime(day, sizeof day, a->allday ? "%a %d %b" :
		    "%a %d %b %H:%M", &tm);
	snprintf(line, sizeof line, "%s%s%s%s", a->subject ? a->subject : "",
	    ui->everyone ? " [" : "", ui->everyone && a->owner ? a->owner : "",
	    ui->everyone ? "]" : "");
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED : role));
	ui_agenda_cells(y, width, day, activity_kind_name(a->kind), r->label,
	    r->phone, line);
	attrset(A_NORMAL);
}

static void
ui_agenda_load(struct ui *ui, struct ui_agenda *g)
{
	struct activity	**v;
	struct contact	 *c;
	struct err	  e;
	struct tm	  tm;
	size_t		  n, i;

	ui_agenda_clear(g);
	err_clear(&e);
	g->today = when_day_start(time(NULL));
	localtime_r(&g->today, &tm);
	g->year = tm.tm_year;
	if (book_due(ui->book, ui->everyone ? NULL : book_user(ui->book),
	    when_add_days(g->today, 7) - 1, UI_AGENDA_MAX, &v, &n, &e) != 0) {
		ui_say_err(ui, &e);
		n = 0;
		v = NULL;
	}
	g->rows = xreallocarray(NULL, n + 1, sizeof *g->rows);
	for (i = 0; i < n; i++) {
		g->rows[i] = xcalloc(1, sizeof *g->rows[i]);
		g->rows[i]->a = v[i];
		c = NULL;
		if (book_contact_get(ui->book, v[i]->contact, &c, &e) == 0) {
			g->rows[i]->label = xstrdup(contact_label(c));
			if (field_list_first(&c->phones) != NULL)
				g->rows[i]->phone = xstrdup(
				    field_list_first(&c->phones));
		} else
			g->rows[i]->label = xstrdup("?");
		contact_free(c);
	}
	free(v);
	g->n = n;
	ui_list_array_show(&g->list, &g->arr, (void **)g->rows, n);
}

static int
ui_agenda_enter(struct ui *ui, struct screen *s, void *arg)
{
	struct ui_agenda	*g = xcalloc(1, sizeof *g);

	(void)arg;
	g->arr.draw = ui_agenda_row;
	g->arr.arg = g;
	s->data = g;
	ui_agenda_load(ui, g);
	return 0;
}

static void
ui_agenda_leave(struct ui *ui, struct screen *s)
{
	ui_agenda_clear(s->data);
	free(s->data);
}

static void
ui_agenda_reload(struct ui *ui, struct ui_agenda *g)
{
	size_t	sel = g->list.sel;

	ui_agenda_load(ui, g);
	ui_list_select(&g->list, sel, g->list.n);
}

static int
ui_agenda_key(struct ui *ui, struct screen *s, int act, int key)
{
	struct ui_agenda	*g = s->data;
	struct ui_arow		*r = ui_list_selected(&g->list);

	if (ui_list_move(&g->list, act))
		return UI_DRAW_SCREEN;
	if (r == NULL && (act == ACT_OPEN || act == ACT_DONE ||
	    act == ACT_RESCHEDULE || act == ACT_LOG)) {
		ui_say(ui, ROLE_DIM, "nothing due this week");
		return UI_DRAW_SCREEN;
	}
	switch (act) {
	case ACT_OPEN:
		ui_open_contact(ui, r->a->contact);
		break;
	case ACT_DONE:
		if (ui_act_done(ui, r->a) == 0)
			ui_agenda_reload(ui, g);
		break;
	case ACT_RESCHEDULE:
		if (ui_act_reschedule(ui, r->a) == 0)
			ui_agenda_reload(ui, g);
		break;
	case ACT_LOG:
		ui_act_log(ui, r->a->contact);
		break;
	case ACT_SCOPE:
		ui->everyone = !ui->everyone;
		ui_agenda_load(ui, g);
		break;
	case ACT_RELOAD:
		ui_agenda_reload(ui, g);
		break;
	default:
		return ui_key_rest(ui, act, key);
	}
	return UI_DRAW_SCREEN;
}

static void
ui_agenda_draw(struct ui *ui, struct screen *s)
{
	static const struct ui_hint hints[] = { { ACT_OPEN, "contact" },
	    { ACT_DONE, "complete" }, { ACT_RESCHEDULE, "reschedule" },
	    { ACT_LOG, "log call" }, { ACT_SCOPE, "mine/all" },
	    { ACT_BACK, "back" }, { ACT_HELP, "help" }, { 0, NULL } };
	struct ui_agenda	*g = s->data;
	char			 title[200];

	snprintf(title, sizeof title, " kith: agenda, %s: overdue (!), "
	    "today, the next 6 days", ui->everyone ? "the office's" : "mine");
	ui_draw_heading(ui, title, NULL);
	attrset(ui_theme_attr(&ui->theme, ROLE_HEADER));
	ui_agenda_cells(1, COLS, "When", "Type", "Contact", "Phone",
	    "Subject");
	attrset(A_NORMAL);
	ui_list_draw(ui, &g->list, COLS);
	if (g->n == 0)
		ui_put(stdscr, 3, 2, "Nothing due this week.", COLS - 2);
	ui_draw_hints(ui, "agenda", hints);
}

static void
ui_agenda_resize(struct ui *ui, struct screen *s)
{
	struct ui_agenda	*g = s->data;

	ui_list_place_view(&g->list);
}

const struct screen_ops ui_agenda_ops = {
	"agenda", ui_agenda_enter, ui_agenda_key, ui_agenda_draw,
	ui_agenda_resize, ui_agenda_leave, 0
};
