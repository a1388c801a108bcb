/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Alarms: a follow-up whose alarm time has come pops up. */
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

#define UI_ALARM_AHEAD	(31 * 86400)	/* alarm lead times looked at */
#define UI_ALARM_MAX	500
/* Alarms older than this do not pop up (the agenda lists them as
 * overdue): opening kith after a holiday is no cascade of pop-ups. */
#define UI_ALARM_STALE	(12 * 3600)

struct ui_alarm {
	struct activity	*a;
	struct contact	*c;
};

/* Whether a's alarm is due now and was not given for this due time. */
static int
ui_alarm_due(const struct activity *a, time_t now)
{
	time_t	t = activity_alarm_time(a);

	return t != 0 && t <= now && t > now - UI_ALARM_STALE &&
	    a->alarmed != a->due;
}

int
ui_alarm_check(struct ui *ui)
{
	struct activity	**v;
	struct screen	 *top = ui_top(ui);
	struct err	  e;
	time_t		  now = time(NULL), t;
	size_t		  n, i, hit = (size_t)-1;

	err_clear(&e);
	ui->wake = 0;
	if (ui->editing || (top != NULL && top->ops == &ui_alarm_ops))
		return 0;
	if (book_due(ui->book, book_user(ui->book), now + UI_ALARM_AHEAD,
	    UI_ALARM_MAX, &v, &n, &e) != 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (hit == (size_t)-1 && ui_alarm_due(v[i], now))
			hit = i;
		t = activity_alarm_time(v[i]);
		if (t > now && v[i]->alarmed != v[i]->due &&
		    (ui->wake == 0 || t < ui->wake))
			ui->wake = t;
	}
	if (hit != (size_t)-1 && ui_push(ui, &ui_alarm_ops, v[hit]) == 0)
		v[hit] = NULL;
	activity_array_free(v, n);
	return hit != (size_t)-1;
}

static int
ui_alarm_enter(struct ui *ui, struct screen *s, void *arg)
{
	struct ui_alarm	*al = xcalloc(1, sizeof *al);
	struct err	 e;

	err_clear(&e);
	al->a = arg;
	if (book_contact_get(ui->book, al->a->contact, &al->c, &e) != 0)
		al->c = NULL;
	s->data = al;
	beep();
	return 0;
}

static void
ui_alarm_leave(struct ui *ui, struct screen *s)
{
	struct ui_alarm	*al = s->data;

	activity_free(al->a);
	contact_free(al->c);
	free(al);
}

/* Saves the alarm as given (or snoozed); a stale copy is fetched again. */
static void
ui_alarm_mark(struct ui *ui, struct ui_alarm *al, time_t snooze)
{
	struct activity	*a;
	struct err	 e;
	int		 tries;

	err_clear(&e);
	for (tries = 0; tries < 3; tries++) {
		if (book_activity_get(ui->book, al->a->id, &a, &e) != 0)
			return;
		if (snooze != 0)
			a->snoozed = snooze;
		else {
			a->alarmed = a->due;
			a->snoozed = 0;
		}
		if (book_activity_save(ui->book, a, &e) != BOOK_CONFLICT)
			tries = 3;
		activity_free(a);
	}
}

static void
ui_alarm_snooze(struct ui *ui, struct ui_alarm *al)
{
	struct err	 e;
	long		 secs;
	char		*text;

	if (!ui_prompt_ask(ui, "Snooze for (5m, 1h): ", "10m", &text))
		return;
	err_clear(&e);
	if (when_duration(text, &secs, &e) != 0 || secs <= 0) {
		ui_say(ui, ROLE_ERROR, "not a duration: %s", text);
		free(text);
		return;
	}
	free(text);
	ui_alarm_mark(ui, al, time(NULL) + secs);
	ui_say(ui, ROLE_OK, "Snoozed");
	ui_pop(ui);
}

static int
ui_alarm_key(struct ui *ui, struct screen *s, int act, int key)
{
	struct ui_alarm	*al = s->data;
	uint64_t	 contact = al->a->contact;

	switch (act) {
	case ACT_OPEN:
		ui_alarm_mark(ui, al, 0);
		ui_pop(ui);
		ui_open_contact(ui, contact);
		break;
	case ACT_DONE:
		if (ui_act_done(ui, al->a) == 0)
			ui_pop(ui);
		break;
	case ACT_SNOOZE:
		ui_alarm_snooze(ui, al);
		break;
	case ACT_DISMISS:
		ui_alarm_mark(ui, al, 0);
		ui_pop(ui);
		break;
	case ACT_HELP:
		ui_help_show(ui);
		break;
	}
	(void)key;
	return UI_DRAW_SCREEN;
}

/* One line of the box: borders and text across w columns. */
static void
ui_alarm_line(struct ui *ui, int y, int x, int w, int role, const char *s)
{
	attrset(ui_theme_attr(&ui->theme, ROLE_ALARM));
	mvadd_wch(y, x, WACS_VLINE);
	mvadd_wch(y, x + w - 1, WACS_VLINE);
	attrset(ui_theme_attr(&ui->theme, role));
	ui_put(stdscr, y, x + 1, s, w - 2);
	attrset(A_NORMAL);
}

static void
ui_alarm_border(struct ui *ui, int y, int x, int w, int top)
{
	attrset(ui_theme_attr(&ui->theme, ROLE_ALARM));
	mvadd_wch(y, x, top ? WACS_ULCORNER : WACS_LLCORNER);
	mvhline_set(y, x + 1, WACS_HLINE, w - 2);
	mvadd_wch(y, x + w - 1, top ? WACS_URCORNER : WACS_LRCORNER);
	if (top)
		ui_put(stdscr, y, x + 2, " Alarm ", 7);
	attrset(A_NORMAL);
}

static void
ui_alarm_draw(struct ui *ui, struct screen *s)
{
	static const struct ui_hint keys[] = { { ACT_OPEN, "open" },
	    { ACT_DONE, "complete" }, { ACT_SNOOZE, "snooze" },
	    { ACT_DISMISS, "dismiss" }, { 0, NULL } };
	struct ui_alarm	*al = s->data;
	const char	*phone = al->c ? field_list_first(&al->c->phones) : NULL;
	char		 line[600], ts[32], hints[256];
	int		 w = COLS > 66 ? 64 : COLS, x = (COLS - w) / 2;
	int		 y = LINES > 8 ? LINES / 2 - 4 : 0;

	ui_alarm_border(ui, y, x, w, 1);
	snprintf(line, sizeof line, " %s %s: %s", activity_kind_name(
	    al->a->kind), al->c ? contact_label(al->c) : "?", phone ? phone :
	    "no phone");
	ui_alarm_line(ui, y + 1, x, w, ROLE_HEADER, line);
	snprintf(line, sizeof line, " due %s%s", when_format(al->a->due,
	    al->a->allday, ts, sizeof ts), al->a->due < time(NULL) ?
	    " (now overdue)" : "");
	ui_alarm_line(ui, y + 2, x, w, ROLE_NORMAL, line);
	snprintf(line, sizeof line, " %s", al->a->subject ? al->a->subject :
	    "");
	ui_alarm_line(ui, y + 3, x, w, ROLE_NORMAL, line);
	ui_hints(ui, "alarm", keys, hints, sizeof hints);
	snprintf(line, sizeof line, " %s", hints);
	ui_alarm_line(ui, y + 4, x, w, ROLE_KEY, line);
	if (LINES > 6)
		ui_alarm_border(ui, y + 5, x, w, 0);
	ui_draw_status(ui, hints);
}

static void
ui_alarm_resize(struct ui *ui, struct screen *s)
{
	(void)ui;
	(void)s;
}

const struct screen_ops ui_alarm_ops = {
	"alarm", ui_alarm_enter, ui_alarm_key, ui_alarm_draw,
	ui_alarm_resize, ui_alarm_leave, 1
};
