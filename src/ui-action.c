/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quick actions shared by the list, the record, the agenda and alarms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui-int.h"
#include "ui-prompt.h"
#include "activity.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "sched.h"
#include "when.h"
#include "xmalloc.h"

/* Checks a typed value: 0 good, -1 with e. */
typedef int (*ui_act_check)(const char *text, void *out, struct err *e);

/* Asks until the answer passes check (the error shown in the prompt,
 * the text kept); 0 on Esc. */
static int
ui_act_input(struct ui *ui, const char *label, const char *initial,
    ui_act_check check, void *out, char **text)
{
	struct err	 e;
	char		 lab[700], msg[600], *t = xstrdup(initial);

	snprintf(lab, sizeof lab, "%s", label);
	for (;;) {
		char	*got;

		if (!ui_prompt_ask(ui, lab, t, &got)) {
			free(t);
			return 0;
		}
		free(t);
		t = got;
		err_clear(&e);
		if (check == NULL || check(t, out, &e) == 0)
			break;
		snprintf(lab, sizeof lab, "%s! %s", err_format(&e, msg,
		    sizeof msg), label);
	}
	if (text != NULL)
		*text = t;
	else
		free(t);
	return 1;
}

struct ui_act_when {
	time_t	t;
	int	allday;
};

static int
ui_act_check_when(const char *s, void *out, struct err *e)
{
	struct ui_act_when	*w = out;

	return when_parse(s, time(NULL), &w->t, &w->allday, e);
}

static int
ui_act_check_alarm(const char *s, void *out, struct err *e)
{
	long	*alarm = out;

	if (*s == '\0') {
		*alarm = ACTIVITY_NO_ALARM;
		return 0;
	}
	return when_duration(s, alarm, e);
}

static int
ui_act_check_rrule(const char *s, void *out, struct err *e)
{
	(void)out;
	return *s == '\0' ? 0 : sched_rrule_check(s, e);
}

/* Adds a and says so. */
static int
ui_act_add(struct ui *ui, struct activity *a, const char *what)
{
	struct err	e;
	char		ids[32];

	err_clear(&e);
	if (book_activity_add(ui->book, a, &e) != 0) {
		ui_say_err(ui, &e);
		return -1;
	}
	ui_say(ui, ROLE_OK, "%s (%s)", what, book_id_format(BOOK_ACTIVITY,
	    a->id, ids, sizeof ids));
	return 0;
}

int
ui_act_log(struct ui *ui, uint64_t contact)
{
	struct activity	*a;
	char		*outcome;
	int		 rc;

	if (ui_refuse_write(ui) || !ui_act_input(ui, "Call outcome: ", "",
	    NULL, NULL, &outcome))
		return -1;
	a = activity_new();
	a->contact = contact;
	a->kind = ACTIVITY_CALL;
	a->done = 1;
	a->done_at = time(NULL);
	a->result = *outcome != '\0' ? outcome : NULL;
	if (a->result == NULL)
		free(outcome);
	rc = ui_act_add(ui, a, "Call logged");
	activity_free(a);
	return rc;
}

/* The alarm and repeat of a new follow-up; 0 on Esc. */
static int
ui_act_ask_alarm(struct ui *ui, struct activity *a)
{
	char	*rrule;

	if (!ui_act_input(ui, "Alarm how long before (15m, 1h; empty: "
	    "none): ", "0m", ui_act_check_alarm, &a->alarm, NULL))
		return 0;
	if (!ui_act_input(ui, "Repeat (RRULE such as FREQ=WEEKLY; empty: "
	    "no): ", "", ui_act_check_rrule, NULL, &rrule))
		return 0;
	if (*rrule != '\0')
		a->rrule = rrule;
	else
		free(rrule);
	return 1;
}

int
ui_act_schedule(struct ui *ui, uint64_t contact)
{
	struct ui_act_when	 w;
	struct activity		*a;
	char			*subject = NULL, ts[32], what[64];
	int			 rc = -1;

	if (ui_refuse_write(ui) || !ui_act_input(ui, "Call back when "
	    "(tomorrow 10:00, +3d, 2026-12-01 14:30): ", "",
	    ui_act_check_when, &w, NULL))
		return -1;
	a = activity_new();
	a->contact = contact;
	a->kind = ACTIVITY_CALL;
	a->due = a->start = w.t;
	a->allday = w.allday;
	if (ui_act_input(ui, "Subject (optional): ", "", NULL, NULL,
	    &subject) && ui_act_ask_alarm(ui, a)) {
		a->subject = *subject != '\0' ? subject : NULL;
		if (a->subject == NULL)
			free(subject);
		subject = NULL;
		snprintf(what, sizeof what, "Call-back scheduled for %s",
		    when_format(a->due, a->allday, ts, sizeof ts));
		rc = ui_act_add(ui, a, what);
	}
	free(subject);
	activity_free(a);
	return rc;
}

/* Says why a write failed: someone else's change, or the error. */
static void
ui_act_failed(struct ui *ui, int rc, const struct err *e)
{
	if (rc == BOOK_CONFLICT)
		ui_say(ui, ROLE_ERROR, "someone else changed it: look again");
	else
		ui_say_err(ui, e);
}

int
ui_act_done(struct ui *ui, struct activity *a)
{
	struct err	 e;
	time_t		 next = 0;
	char		*result, ts[32];
	int		 rc;

	if (ui_refuse_write(ui) || !ui_act_input(ui, "Result: ", "", NULL,
	    NULL, &result))
		return -1;
	err_clear(&e);
	rc = a->rrule != NULL ? sched_next(a->rrule,
	    a->start ? a->start : a->due, a->allday, a->due, &next, &e) : 0;
	if (rc >= 0)
		rc = book_activity_done(ui->book, a, *result ? result : NULL,
		    rc == 0 ? next : 0, &e);
	free(result);
	if (rc != 0) {
		ui_act_failed(ui, rc, &e);
		return -1;
	}
	if (next != 0)
		ui_say(ui, ROLE_OK, "Done; the next one is due %s",
		    when_format(next, a->allday, ts, sizeof ts));
	else
		ui_say(ui, ROLE_OK, "Done");
	return 0;
}

int
ui_act_reschedule(struct ui *ui, struct activity *a)
{
	struct ui_act_when	w;
	struct err		e;
	char			ts[32];
	int			rc;

	if (ui_refuse_write(ui) || !ui_act_input(ui, "New time: ",
	    when_format(a->due, a->allday, ts, sizeof ts),
	    ui_act_check_when, &w, NULL))
		return -1;
	a->due = w.t;
	a->allday = w.allday;
	if (a->rrule == NULL)
		a->start = w.t;
	a->alarmed = 0;
	a->snoozed = 0;
	err_clear(&e);
	if ((rc = book_activity_save(ui->book, a, &e)) != 0) {
		ui_act_failed(ui, rc, &e);
		return -1;
	}
	ui_say(ui, ROLE_OK, "Rescheduled to %s", when_format(a->due,
	    a->allday, ts, sizeof ts));
	return 0;
}

int
ui_act_delete_activity(struct ui *ui, struct activity *a)
{
	struct err	e;
	char		q[300];

	if (ui_refuse_write(ui))
		return -1;
	snprintf(q, sizeof q, "Delete the %s \"%s\"? (y/n) ",
	    activity_kind_name(a->kind), a->subject ? a->subject :
	    a->result ? a->result : "");
	if (ui_prompt_choose(ui, q, "yY") == 0)
		return -1;
	err_clear(&e);
	if (book_activity_remove(ui->book, a->id, &e) != 0) {
		ui_say_err(ui, &e);
		return -1;
	}
	ui_say(ui, ROLE_OK, "Deleted");
	return 0;
}

int
ui_act_delete_contact(struct ui *ui, uint64_t id)
{
	struct contact	*c;
	struct err	 e;
	char		 q[300];
	int		 rc;

	err_clear(&e);
	if (ui_refuse_write(ui))
		return -1;
	if (book_contact_get(ui->book, id, &c, &e) != 0) {
		ui_say_err(ui, &e);
		return -1;
	}
	snprintf(q, sizeof q, "Delete %s? (y/n) ", contact_label(c));
	contact_free(c);
	if (ui_prompt_choose(ui, q, "yY") == 0)
		return -1;
	if ((rc = book_contact_remove(ui->book, id, &e)) != 0) {
		ui_say_err(ui, &e);
		return -1;
	}
	ui_say(ui, ROLE_OK, "Deleted");
	return 0;
}
