/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pipeline: deals by stage with counts, value and weighted value per
 * stage; mine or the office's, one close month or all; < and > move the
 * selected deal to the previous or next stage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui-int.h"
#include "ui-list.h"
#include "ui-prompt.h"
#include "book.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "xmalloc.h"

/* A stage's header (d NULL) or one of its deals. */
struct ui_prow {
	size_t		 stage;
	struct deal	*d;
	char		*name;		/* the contact's */
	long long	 n, value, weighted;	/* header: cents, cents*% */
};

struct ui_pipeline {
	struct deal_stages	 *stages;
	struct ui_prow		**rows;
	size_t			  n;
	struct ui_list_array	  arr;
	struct ui_list		  list;
	char			 *month;	/* YYYY-MM, or NULL for all */
};

static void
ui_prow_free(void *row)
{
	struct ui_prow	*r = row;

	deal_free(r->d);
	free(r->name);
	free(r);
}

static void
ui_pipeline_clear(struct ui_pipeline *p)
{
	ui_list_array_free(&p->list, (void **)p->rows, p->n, ui_prow_free);
	p->rows = NULL;
	p->n = 0;
}

static void
ui_pipeline_row(struct ui *ui, void *arg, const void *row, int y, int width,
    int selected)
{
	const struct ui_prow	*r = row;
	struct ui_pipeline	*p = arg;
	const struct deal	*d = r->d;
	char			 line[600], v[32], w[32];

	if (d == NULL) {
		snprintf(line, sizeof line, "%-12s %4lld deal%s %14s  weighted "
		    "%14s", p->stages->v[r->stage].name, r->n, r->n == 1 ?
		    " " : "s", deal_value_format((long)r->value, v, sizeof v),
		    deal_value_format((long)((r->weighted + 50) / 100), w,
		    sizeof w));
		attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
		    ROLE_HEADER));
	} else {
		snprintf(line, sizeof line, "  %-6s %-20.20s %-18.18s %13s "
		    "%-3s %3ld%% %-10s %s", book_id_format(BOOK_DEAL, d->id, w,
		    sizeof w), d->title ? d->title : "", r->name,
		    deal_value_format(d->value, v, sizeof v), d->currency ?
		    d->currency : "", deal_probability(p->stages, d),
		    d->close ? d->close : "", d->owner ? d->owner : "");
		attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
		    ROLE_NORMAL));
	}
	ui_put(stdscr, y, 0, line, width);
	attrset(A_NORMAL);
}

static struct ui_prow *
ui_pipeline_add(struct ui_pipeline *p, size_t stage, struct deal *d)
{
	struct ui_prow	*r = xcalloc(1, sizeof *r);

	r->stage = stage;
	r->d = d;
	p->rows = xreallocarray(p->rows, p->n + 1, sizeof *p->rows);
	p->rows[p->n++] = r;
	return r;
}

/* Whether a deal is shown: mine (unless everyone's) and the month. */
static int
ui_pipeline_shown(struct ui *ui, struct ui_pipeline *p, const struct deal *d)
{
	if (!ui->everyone && (d->owner == NULL ||
	    strcmp(d->owner, book_user(ui->book)) != 0))
		return 0;
	return p->month == NULL || (d->close != NULL &&
	    strncmp(d->close, p->month, strlen(p->month)) == 0);
}

static void
ui_pipeline_stage(struct ui *ui, struct ui_pipeline *p, size_t s,
    struct deal **v, size_t n)
{
	struct ui_prow	*h = ui_pipeline_add(p, s, NULL), *r;
	struct contact	*c;
	struct err	 e;
	size_t		 i;

	err_clear(&e);
	for (i = 0; i < n; i++) {
		if (v[i] == NULL || deal_stage_find(p->stages, v[i]->stage) !=
		    (int)s)
			continue;
		h->n++;
		h->value += v[i]->value;
		h->weighted += (long long)v[i]->value *
		    deal_probability(p->stages, v[i]);
		r = ui_pipeline_add(p, s, v[i]);
		v[i] = NULL;
		r->name = xstrdup(book_contact_get(ui->book, r->d->contact, &c,
		    &e) == 0 ? contact_label(c) : "?");
		contact_free(c);
	}
}

static void
ui_pipeline_load(struct ui *ui, struct ui_pipeline *p)
{
	struct deal	**v = NULL;
	struct err	  e;
	size_t		  n = 0, i;

	ui_pipeline_clear(p);
	err_clear(&e);
	if (book_deals(ui->book, 0, &v, &n, &e) != 0)
		ui_say_err(ui, &e);
	for (i = 0; i < n; i++) {
		if (!ui_pipeline_shown(ui, p, v[i])) {
			deal_free(v[i]);
			v[i] = NULL;
		}
	}
	for (i = 0; i < p->stages->n; i++)
		ui_pipeline_stage(ui, p, i, v, n);
	deal_array_free(v, n);	/* those of no stage */
	ui_list_array_show(&p->list, &p->arr, (void **)p->rows, p->n);
}

/* Reloads and selects the deal id again (or the row at the same place). */
static void
ui_pipeline_reload(struct ui *ui, struct ui_pipeline *p, uint64_t id)
{
	size_t	sel = p->list.sel, i, want = sel;

	ui_pipeline_load(ui, p);
	for (i = 0; id != 0 && i < p->n; i++)
		if (p->rows[i]->d != NULL && p->rows[i]->d->id == id)
			want = i;
	ui_list_select(&p->list, want, p->n);
}

static int
ui_pipeline_enter(struct ui *ui, struct screen *s, void *arg)
{
	struct ui_pipeline	*p = xcalloc(1, sizeof *p);
	struct err		 e;

	(void)arg;
	err_clear(&e);
	if ((p->stages = deal_stages_load(ui->conf, &e)) == NULL) {
		ui_say_err(ui, &e);
		free(p);
		return -1;
	}
	p->arr.draw = ui_pipeline_row;
	p->arr.arg = p;
	s->data = p;
	ui_pipeline_load(ui, p);
	return 0;
}

static void
ui_pipeline_leave(struct ui *ui, struct screen *s)
{
	struct ui_pipeline	*p = s->data;

	ui_pipeline_clear(p);
	deal_stages_free(p->stages);
	free(p->month);
	free(p);
}

/* Moves the selected deal one stage on (dir 1) or back (-1). */
static void
ui_pipeline_move(struct ui *ui, struct ui_pipeline *p, int dir)
{
	struct ui_prow	*r = ui_list_selected(&p->list);
	struct deal	*d = NULL;
	struct err	 e;
	uint64_t	 id;
	int		 to;

	err_clear(&e);
	if (r == NULL || r->d == NULL) {
		ui_say(ui, ROLE_DIM, "select a deal to move");
		return;
	}
	to = (int)r->stage + dir;
	id = r->d->id;
	if (ui_refuse_write(ui) || to < 0 || (size_t)to >= p->stages->n)
		return;
	if (book_deal_get(ui->book, id, &d, &e) != 0 ||
	    deal_set_stage(p->stages, d, p->stages->v[to].name, time(NULL),
	    &e) != 0 || book_deal_save(ui->book, d, &e) != 0)
		ui_say_err(ui, &e);
	else
		ui_say(ui, ROLE_OK, "d%llu moved to %s",
		    (unsigned long long)d->id, d->stage);
	ui_pipeline_reload(ui, p, id);
	deal_free(d);
}

static void
ui_pipeline_month(struct ui *ui, struct ui_pipeline *p)
{
	char	*text = NULL;

	if (!ui_prompt_ask(ui, "close month (YYYY-MM, empty: all): ",
	    p->month ? p->month : "", &text))
		return;
	free(p->month);
	p->month = *text != '\0' ? text : NULL;
	if (p->month == NULL)
		free(text);
	ui_pipeline_load(ui, p);
}

static int
ui_pipeline_key(struct ui *ui, struct screen *s, int act, int key)
{
	struct ui_pipeline	*p = s->data;
	struct ui_prow		*r = ui_list_selected(&p->list);

	if (ui_list_move(&p->list, act))
		return UI_DRAW_SCREEN;
	switch (act) {
	case ACT_OPEN:
		if (r != NULL && r->d != NULL)
			ui_open_contact(ui, r->d->contact);
		break;
	case ACT_STAGE_NEXT:
	case ACT_STAGE_PREV:
		ui_pipeline_move(ui, p, act == ACT_STAGE_NEXT ? 1 : -1);
		break;
	case ACT_SCOPE:
		ui->everyone = !ui->everyone;
		ui_pipeline_load(ui, p);
		break;
	case ACT_LOOKUP:
		ui_pipeline_month(ui, p);
		break;
	case ACT_RELOAD:
		ui_pipeline_reload(ui, p, r && r->d ? r->d->id : 0);
		break;
	default:
		return ui_key_rest(ui, act, key);
	}
	return UI_DRAW_SCREEN;
}

static void
ui_pipeline_draw(struct ui *ui, struct screen *s)
{
	static const struct ui_hint hints[] = {
	    { ACT_STAGE_PREV, "stage back" }, { ACT_STAGE_NEXT, "stage on" },
	    { ACT_OPEN, "contact" }, { ACT_LOOKUP, "month" },
	    { ACT_SCOPE, "mine/all" }, { ACT_BACK, "back" },
	    { ACT_HELP, "help" }, { 0, NULL } };
	struct ui_pipeline	*p = s->data;
	char			 title[200];

	snprintf(title, sizeof title, " kith: pipeline, %s, %s",
	    ui->everyone ? "the office's" : "mine", p->month ? p->month :
	    "every close month");
	ui_draw_heading(ui, title, "  Deal   Title                Contact  "
	    "                  Value Cur Prob Close      Owner");
	ui_list_draw(ui, &p->list, COLS);
	ui_draw_hints(ui, "pipeline", hints);
}

static void
ui_pipeline_resize(struct ui *ui, struct screen *s)
{
	struct ui_pipeline	*p = s->data;

	ui_list_place_view(&p->list);
}

const struct screen_ops ui_pipeline_ops = {
	"pipeline", ui_pipeline_enter, ui_pipeline_key, ui_pipeline_draw,
	ui_pipeline_resize, ui_pipeline_leave, 0
};
