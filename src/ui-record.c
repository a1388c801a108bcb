/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The contact record: its fields as a form, its activities as tabs. */
#include "ui-record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"
#include "ui-prompt.h"
#include "activity.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "when.h"
#include "xmalloc.h"

static const char *const ui_record_tabs[UI_NTABS] = {
	"Details", "Pending", "History", "Deals", "Cases", "Notes"
};

void
ui_record_place(struct ui *ui, struct ui_record *r)
{
	if (r->form == NULL)
		r->form = ui_form_new(r->items, r->n);
	ui_form_place(ui, r->form, 2, LINES - 4, COLS);
	ui_list_place(&r->list, 2, LINES - 4);
}

void
ui_record_take(struct ui *ui, struct ui_record *r, struct contact *c)
{
	size_t	cur = r->form != NULL ? ui_form_current(r->form) : 0;

	contact_free(r->c);
	r->c = c;
	ui_record_items_free(r);
	ui_record_items(ui, r);
	ui_record_place(ui, r);
	ui_form_set_current(r->form, cur < r->n ? cur : 0);
}

static void
ui_record_act_row(struct ui *ui, void *arg, const void *row, int y,
    int width, int selected)
{
	const struct activity	*a = row;
	char			 ts[32], line[600], al[16] = "";
	time_t			 t = a->done ? a->done_at : a->due;

	(void)arg;
	if (a->alarm != ACTIVITY_NO_ALARM && !a->done)
		snprintf(al, sizeof al, " [alarm %s]", when_duration_format(
		    a->alarm, ts, sizeof ts));
	snprintf(line, sizeof line, "%-16s  %-7s %s%s%s%s%s",
	    t ? when_format(t, a->allday && !a->done, ts, sizeof ts) : "",
	    activity_kind_name(a->kind), a->subject ? a->subject : "",
	    a->result ? " -- " : "", a->result ? a->result : "", al,
	    a->rrule ? " [repeats]" : "");
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
	    !a->done && a->due < time(NULL) ? ROLE_OVERDUE : ROLE_NORMAL));
	ui_put(stdscr, y, 0, line, width);
	attrset(A_NORMAL);
}

/* The activities again, and the rows of the tab shown. */
static void
ui_record_load_acts(struct ui *ui, struct ui_record *r)
{
	struct err	e;
	size_t		i;

	ui_list_clear(&r->list);
	activity_array_free(r->acts, r->nacts);
	free(r->rows);
	r->acts = NULL;
	r->rows = NULL;
	r->nacts = r->nrows = r->npending = 0;
	err_clear(&e);
	if (r->c->id != 0 && book_activities(ui->book, r->c->id, &r->acts,
	    &r->nacts, &e) != 0)
		ui_say_err(ui, &e);
	r->rows = xreallocarray(NULL, r->nacts + 1, sizeof *r->rows);
	for (i = 0; i < r->nacts; i++) {
		r->npending += activity_pending(r->acts[i]);
		if (activity_pending(r->acts[i]) == (r->tab == UI_TAB_PENDING))
			r->rows[r->nrows++] = r->acts[i];
	}
	r->arr.v = (void **)r->rows;
	r->arr.n = r->nrows;
	r->arr.draw = ui_record_act_row;
	ui_record_crm_load(ui, r);
	ui_list_init(&r->list, &ui_list_array_src, &r->arr);
	ui_list_place(&r->list, 2, LINES - 4);
	ui_list_reset(&r->list, r->tab == UI_TAB_HISTORY);
}

static int
ui_record_enter(struct ui *ui, struct screen *s, void *arg)
{
	const uint64_t		*id = arg;
	struct ui_record	*r = xcalloc(1, sizeof *r);
	struct err		 e;

	err_clear(&e);
	if (*id == 0)
		r->c = contact_new();
	else if (book_contact_get(ui->book, *id, &r->c, &e) != 0) {
		ui_say_err(ui, &e);
		free(r);
		return -1;
	}
	r->c->id = *id;
	s->data = r;
	ui_record_items(ui, r);
	ui_record_place(ui, r);
	ui_record_load_acts(ui, r);
	if (*id == 0 && !ui->readonly) {
		r->editing = 1;
		ui->editing = 1;
	}
	return 0;
}

int
ui_open_contact(struct ui *ui, uint64_t id)
{
	return ui_push(ui, &ui_record_ops, &id);
}

static void
ui_record_leave(struct ui *ui, struct screen *s)
{
	struct ui_record	*r = s->data;

	ui->editing = 0;
	ui_record_items_free(r);
	ui_list_clear(&r->list);
	activity_array_free(r->acts, r->nacts);
	free(r->rows);
	ui_record_crm_free(r);
	contact_free(r->c);
	free(r);
}

/* The line above the status: the field's help, or what is wrong. */
static void
ui_record_info(struct ui *ui, struct ui_record *r)
{
	struct err	e;
	size_t		i = ui_form_current(r->form);
	int		bad;

	err_clear(&e);
	move(LINES - 2, 0);
	clrtoeol();
	if (r->tab != UI_TAB_DETAILS || r->n == 0)
		return;
	bad = ui_record_check(r, i, &e) != 0;
	attrset(ui_theme_attr(&ui->theme, bad ? ROLE_ERROR : ROLE_DIM));
	ui_put(stdscr, LINES - 2, 0, bad ? e.msg : r->rf[i].user ?
	    "user-defined field" : r->rf[i].def->help, COLS);
	attrset(A_NORMAL);
}

/* A tab's label with its count: " Deals (2) ". */
static int
ui_record_tab_label(const struct ui_record *r, int i, char *buf, size_t len)
{
	long	n = ui_record_tab_count(r, i);

	if (n < 0)
		return snprintf(buf, len, " %s ", ui_record_tabs[i]) + 1;
	return snprintf(buf, len, " %s (%ld) ", ui_record_tabs[i], n) + 1;
}

/* The tabs that fit, from the first one that leaves the chosen in view. */
static void
ui_record_tabbar(struct ui *ui, struct ui_record *r)
{
	char	buf[64];
	int	i, x = 0, first = 0;

	for (i = r->tab; i >= 0; i--) {
		x += ui_record_tab_label(r, i, buf, sizeof buf);
		if (x - 1 <= COLS)
			first = i;
	}
	move(1, 0);
	clrtoeol();
	for (x = 0, i = first; i < UI_NTABS; i++) {
		ui_record_tab_label(r, i, buf, sizeof buf);
		attrset(ui_theme_attr(&ui->theme, i == r->tab ?
		    ROLE_SELECTED : ROLE_HEADER));
		if (x + (int)strlen(buf) <= COLS)
			ui_put(stdscr, 1, x, buf, (int)strlen(buf));
		x += (int)strlen(buf) + 1;
	}
	attrset(A_NORMAL);
}

static void
ui_record_hints(struct ui *ui, struct ui_record *r, char *buf, size_t len)
{
	static const struct ui_hint edit[] = { { ACT_BACK, "done" },
	    { ACT_DOWN, "next" }, { ACT_SAVE, "save" }, { 0, NULL } };
	static const struct ui_hint browse[] = { { ACT_EDIT, "edit" },
	    { ACT_SAVE, "save" }, { ACT_TAB, "tabs" }, { ACT_LOG, "log" },
	    { ACT_SCHEDULE, "call-back" }, { ACT_DONE, "done" },
	    { ACT_BACK, "back" }, { ACT_HELP, "help" }, { 0, NULL } };
	static const struct ui_hint acts[] = { { ACT_EDIT, "details" },
	    { ACT_DONE, "done" }, { ACT_RESCHEDULE, "reschedule" },
	    { ACT_DELETE, "delete" }, { ACT_TAB, "tabs" },
	    { ACT_BACK, "back" }, { ACT_HELP, "help" }, { 0, NULL } };
	static const struct ui_hint crm[] = { { ACT_EDIT, "details" },
	    { ACT_TAB, "tabs" }, { ACT_LOG, "log" },
	    { ACT_SCHEDULE, "call-back" }, { ACT_BACK, "back" },
	    { ACT_HELP, "help" }, { 0, NULL } };
	static const struct ui_hint notes[] = { { ACT_EDIT, "edit" },
	    { ACT_TAB, "tabs" }, { ACT_LOG, "log" },
	    { ACT_SCHEDULE, "call-back" }, { ACT_BACK, "back" },
	    { ACT_HELP, "help" }, { 0, NULL } };

	if (r->editing)
		ui_hints(ui, "field", edit, buf, len);
	else if (r->tab >= UI_TAB_DEALS)
		ui_hints(ui, "record", r->tab == UI_TAB_NOTES ? notes : crm,
		    buf, len);
	else if (r->tab != UI_TAB_DETAILS)
		ui_hints(ui, "record", acts, buf, len);
	else
		ui_hints(ui, "record", browse, buf, len);
}

static void
ui_record_draw(struct ui *ui, struct screen *s)
{
	struct ui_record	*r = s->data;
	char			 title[300], ids[32], page[32], hints[512];

	if (r->c->id == 0)
		snprintf(title, sizeof title, " kith: new contact%s",
		    ui_record_dirty(r) ? " (not saved)" : "");
	else
		snprintf(title, sizeof title, " %s (%s)%s",
		    contact_label(r->c), book_id_format(BOOK_CONTACT,
		    r->c->id, ids, sizeof ids), ui_record_dirty(r) ?
		    " (changed, not saved)" : "");
	ui_draw_title(ui, title, r->tab == UI_TAB_DETAILS ?
	    ui_form_page(r->form, page, sizeof page) : NULL);
	ui_record_tabbar(ui, r);
	if (r->tab == UI_TAB_DETAILS)
		ui_form_draw(ui, r->form, r->editing);
	else {
		ui_list_draw(ui, &r->list, COLS);
		if (r->arr.n == 0)
			ui_put(stdscr, 3, 2, ui_record_tab_empty(r), COLS - 2);
	}
	ui_record_info(ui, r);
	ui_record_hints(ui, r, hints, sizeof hints);
	ui_draw_status(ui, hints);
}

/* Ends editing the field: checked, kept even when wrong. */
static void
ui_record_edit_end(struct ui *ui, struct ui_record *r)
{
	struct err	e;
	size_t		i = ui_form_current(r->form);

	err_clear(&e);
	r->editing = 0;
	ui->editing = 0;
	ui_form_set_current(r->form, i);
	r->items[i].invalid = ui_record_check(r, i, &e) != 0;
	if (r->items[i].invalid)
		ui_say_err(ui, &e);
}

static void
ui_record_move(struct ui_record *r, int act)
{
	size_t	i = ui_form_current(r->form), per = LINES - 4 > 0 ?
		    (size_t)LINES - 4 : 1;

	if (act == ACT_DOWN && i + 1 < r->n)
		i++;
	else if (act == ACT_UP && i > 0)
		i--;
	else if (act == ACT_PGDN)
		i = i + per < r->n ? i + per : r->n - 1;
	else if (act == ACT_PGUP)
		i = i > per ? i - per : 0;
	else if (act == ACT_TOP)
		i = 0;
	else if (act == ACT_BOTTOM)
		i = r->n - 1;
	ui_form_set_current(r->form, i);
}

/* A key while a field is edited: it goes to the field. */
static int
ui_record_edit_key(struct ui *ui, struct ui_record *r, int key)
{
	struct err	e;
	size_t		i = ui_form_current(r->form);
	int		act = ui_keys_action(ui->keys, "field", key), bad;

	if (act == ACT_BACK || act == ACT_DOWN || act == ACT_UP ||
	    act == ACT_SAVE) {
		ui_record_edit_end(ui, r);
		if (act == ACT_SAVE)
			ui_record_save(ui, r);
		else if (act != ACT_BACK) {
			ui_record_move(r, act);
			r->editing = ui->editing = 1;
		}
		return UI_DRAW_SCREEN;
	}
	if (ui_form_key(r->form, key) != 1)
		return UI_DRAW_NONE;
	err_clear(&e);
	bad = ui_record_check(r, i, &e) != 0;
	if (bad != r->items[i].invalid)
		ui_form_mark(ui, r->form, bad);
	ui_record_info(ui, r);
	return UI_DRAW_NONE;
}

static void
ui_record_set_tab(struct ui *ui, struct ui_record *r, int tab)
{
	r->tab = (tab + UI_NTABS) % UI_NTABS;
	ui_record_load_acts(ui, r);
}

/* Enter on the Notes tab: the note's field in the form, being edited. */
static void
ui_record_edit_note(struct ui *ui, struct ui_record *r)
{
	int	i = ui_record_note_item(r);

	if (i < 0 || ui_refuse_write(ui))
		return;
	ui_record_set_tab(ui, r, UI_TAB_DETAILS);
	ui_form_set_current(r->form, (size_t)i);
	r->editing = ui->editing = 1;
}

/* Back to the list, asking first when something is not saved. */
static void
ui_record_back(struct ui *ui, struct ui_record *r)
{
	int	ch;

	if (ui_record_dirty(r) && !ui->readonly) {
		ch = ui_prompt_choose(ui, "Save your changes? y save, n throw "
		    "them away, Esc stay ", "yn");
		if (ch == 0 || (ch == 'y' && ui_record_save(ui, r) != 0))
			return;
	}
	ui_pop(ui);
}

static void
ui_record_reload(struct ui *ui, struct ui_record *r)
{
	struct contact	*c;
	struct err	 e;

	err_clear(&e);
	ui_record_load_acts(ui, r);
	if (r->c->id == 0 || ui_record_dirty(r) || r->editing ||
	    book_contact_get(ui->book, r->c->id, &c, &e) != 0)
		return;
	if (c->rev == r->c->rev) {
		contact_free(c);
		return;
	}
	ui_record_take(ui, r, c);
	ui_record_load_acts(ui, r);
}

static void
ui_record_detail(char ***v, size_t *n, const char *label, const char *text)
{
	char	line[1200];

	if (text == NULL || *text == '\0')
		return;
	snprintf(line, sizeof line, "%-10s %s", label, text);
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(line);
}

/* Enter on an activity: all there is to know about it. */
static void
ui_record_show_act(struct ui *ui, const struct activity *a)
{
	char	**v = NULL, ts[32], dur[32], by[128], ids[32], title[64];
	size_t	  n = 0;

	ui_record_detail(&v, &n, "type", activity_kind_name(a->kind));
	ui_record_detail(&v, &n, "due", a->due || !a->done ?
	    when_format(a->due, a->allday, ts, sizeof ts) : NULL);
	ui_record_detail(&v, &n, "lasts", a->duration ?
	    when_duration_format(a->duration, dur, sizeof dur) : NULL);
	if (a->alarm == 0)
		snprintf(by, sizeof by, "at the due time");
	else
		snprintf(by, sizeof by, "%s before", when_duration_format(
		    a->alarm, dur, sizeof dur));
	ui_record_detail(&v, &n, "alarm", a->alarm != ACTIVITY_NO_ALARM &&
	    !a->done ? by : NULL);
	ui_record_detail(&v, &n, "repeats", a->rrule);
	snprintf(by, sizeof by, "%ld (1 high, 9 low)", a->priority);
	ui_record_detail(&v, &n, "priority", a->priority ? by : NULL);
	ui_record_detail(&v, &n, "owner", a->owner);
	ui_record_detail(&v, &n, "subject", a->subject);
	ui_record_detail(&v, &n, "text", a->text);
	ui_record_detail(&v, &n, "done", a->done ? when_format(a->done_at, 0,
	    ts, sizeof ts) : NULL);
	ui_record_detail(&v, &n, "result", a->result);
	snprintf(by, sizeof by, "%s by %s", when_format(a->created, 0, ts,
	    sizeof ts), a->created_by ? a->created_by : "?");
	ui_record_detail(&v, &n, "created", by);
	snprintf(title, sizeof title, " Activity %s", book_id_format(
	    BOOK_ACTIVITY, a->id, ids, sizeof ids));
	ui_text_show(ui, title, v, n);
}

/* Actions on the selected activity of the Pending or History tab. */
static void
ui_record_act(struct ui *ui, struct ui_record *r, int act)
{
	struct activity	*a = r->tab == UI_TAB_PENDING || r->tab ==
			    UI_TAB_HISTORY ? ui_list_selected(&r->list) : NULL;
	int		 rc = -1;

	if (act == ACT_DELETE && r->tab == UI_TAB_DETAILS) {
		if (r->c->id != 0 && ui_act_delete_contact(ui, r->c->id) == 0)
			ui_pop(ui);
		return;
	}
	if (a == NULL || (act != ACT_DELETE && !activity_pending(a))) {
		ui_say(ui, ROLE_ERROR, "choose a pending activity first: Tab "
		    "to Pending, then j/k");
		return;
	}
	if (act == ACT_DONE)
		rc = ui_act_done(ui, a);
	else if (act == ACT_RESCHEDULE)
		rc = ui_act_reschedule(ui, a);
	else
		rc = ui_act_delete_activity(ui, a);
	if (rc == 0)
		ui_record_load_acts(ui, r);
}

static void
ui_record_quick(struct ui *ui, struct ui_record *r, int act)
{
	if (r->c->id == 0) {
		ui_say(ui, ROLE_ERROR, "save the new contact first (w)");
		return;
	}
	if ((act == ACT_LOG ? ui_act_log(ui, r->c->id) :
	    ui_act_schedule(ui, r->c->id)) != 0)
		return;
	if (r->tab != UI_TAB_PENDING && r->tab != UI_TAB_HISTORY)
		r->tab = act == ACT_LOG ? UI_TAB_HISTORY : UI_TAB_PENDING;
	ui_record_load_acts(ui, r);
}

static int
ui_record_key(struct ui *ui, struct screen *s, int act, int key)
{
	struct ui_record	*r = s->data;

	if (act == ACT_RELOAD) {
		ui_record_reload(ui, r);
		return UI_DRAW_SCREEN;
	}
	if (r->editing)
		return ui_record_edit_key(ui, r, key);
	switch (act) {
	case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN:
	case ACT_TOP: case ACT_BOTTOM:
		if (r->tab == UI_TAB_DETAILS)
			ui_record_move(r, act);
		else
			ui_list_move(&r->list, act);
		break;
	case ACT_EDIT:
		if (r->tab == UI_TAB_NOTES)
			ui_record_edit_note(ui, r);
		else if (r->tab >= UI_TAB_DEALS)
			ui_record_crm_show(ui, r);
		else if (r->tab != UI_TAB_DETAILS) {
			if (ui_list_selected(&r->list) != NULL)
				ui_record_show_act(ui,
				    ui_list_selected(&r->list));
		}
		else if (!ui_refuse_write(ui))
			r->editing = ui->editing = 1;
		break;
	case ACT_SAVE:
		ui_record_save(ui, r);
		break;
	case ACT_TAB:
	case ACT_BACKTAB:
		ui_record_set_tab(ui, r, r->tab + (act == ACT_TAB ? 1 : -1));
		break;
	case ACT_LOG:
	case ACT_SCHEDULE:
		ui_record_quick(ui, r, act);
		break;
	case ACT_DONE:
	case ACT_RESCHEDULE:
	case ACT_DELETE:
		ui_record_act(ui, r, act);
		break;
	case ACT_NEW:
		if (!ui_refuse_write(ui))
			ui_open_contact(ui, 0);
		break;
	case ACT_BACK:
		ui_record_back(ui, r);
		break;
	case ACT_HELP:
		ui_help_show(ui);
		break;
	default:
		ui_say_no_key(ui, key, ", Enter edits the field");
	}
	return UI_DRAW_SCREEN;
}

static void
ui_record_resize(struct ui *ui, struct screen *s)
{
	struct ui_record	*r = s->data;
	size_t			 cur = ui_form_current(r->form);

	ui_record_place(ui, r);
	ui_form_set_current(r->form, cur);
}

const struct screen_ops ui_record_ops = {
	"record", ui_record_enter, ui_record_key, ui_record_draw,
	ui_record_resize, ui_record_leave, 0
};
