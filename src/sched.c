/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sched.h"

#include <libical/ical.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "book.h"
#include "err.h"

/* Local wall-clock time as a floating iCalendar time. */
static struct icaltimetype
sched_floating(time_t t, int allday)
{
	struct icaltimetype	it = icaltime_null_time();
	struct tm		tm;

	localtime_r(&t, &tm);
	it.year = tm.tm_year + 1900;
	it.month = tm.tm_mon + 1;
	it.day = tm.tm_mday;
	if (allday)
		it.is_date = 1;
	else {
		it.hour = tm.tm_hour;
		it.minute = tm.tm_min;
		it.second = tm.tm_sec;
	}
	return it;
}

static time_t
sched_local(struct icaltimetype it)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = it.year - 1900;
	tm.tm_mon = it.month - 1;
	tm.tm_mday = it.day;
	if (!it.is_date) {
		tm.tm_hour = it.hour;
		tm.tm_min = it.minute;
		tm.tm_sec = it.second;
	}
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int
sched_parse(const char *rrule, struct icalrecurrencetype *rec, struct err *e)
{
	const char	*s = rrule;

	if (strncmp(s, "RRULE:", 6) == 0)
		s += 6;
	icalerror_clear_errno();
	*rec = icalrecurrencetype_from_string(s);
	if (rec->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
		icalerror_clear_errno();
		err_set(e, NULL, 0, "bad recurrence rule \"%s\" (for example "
		    "FREQ=WEEKLY;BYDAY=MO or FREQ=MONTHLY;COUNT=6)", rrule);
		return -1;
	}
	return 0;
}

int
sched_rrule_check(const char *rrule, struct err *e)
{
	struct icalrecurrencetype	rec;

	return sched_parse(rrule, &rec, e);
}

int
sched_next(const char *rrule, time_t dtstart, int allday, time_t after,
    time_t *next, struct err *e)
{
	struct icalrecurrencetype	 rec;
	icalrecur_iterator		*it;
	struct icaltimetype		 t;
	time_t				 when;
	int				 n, rc = 1;

	if (sched_parse(rrule, &rec, e) != 0)
		return -1;
	it = icalrecur_iterator_new(rec, sched_floating(dtstart, allday));
	if (it == NULL) {
		err_set(e, NULL, 0, "recurrence rule \"%s\" cannot be "
		    "evaluated", rrule);
		return -1;
	}
	/* Bounded: a rule that never passes `after` must not spin. */
	for (n = 0; n < 100000; n++) {
		t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t))
			break;
		when = sched_local(t);
		if (when > after) {
			*next = when;
			rc = 0;
			break;
		}
	}
	icalrecur_iterator_free(it);
	return rc;
}

int
sched_due(struct book *b, const char *owner, time_t until,
    struct activity ***out, size_t *n, struct err *e)
{
	return book_due(b, owner, until, 0, out, n, e);
}

int
sched_alarms_due(struct book *b, const char *owner, time_t now,
    struct activity ***out, size_t *n, struct err *e)
{
	return book_alarms(b, owner, now, 0, out, n, e);
}

int
sched_next_wake(struct book *b, const char *owner, time_t *when,
    struct err *e)
{
	struct activity	**v;
	size_t		  n;
	int		  rc;

	*when = 0;
	rc = book_alarms(b, owner, (time_t)INT64_MAX, 1, &v, &n, e);
	if (rc != 0)
		return rc;
	if (n == 0) {
		free(v);
		return 1;
	}
	*when = activity_alarm_time(v[0]);
	activity_array_free(v, n);
	return 0;
}

int
sched_alarm_given(struct book *b, struct activity *a, time_t now,
    struct err *e)
{
	time_t	old = a->alarmed;
	int	rc;

	a->alarmed = now > activity_alarm_time(a) ? now :
	    activity_alarm_time(a);
	if ((rc = book_activity_save(b, a, e)) != 0)
		a->alarmed = old;
	return rc;
}

int
sched_alarm_snooze(struct book *b, struct activity *a, time_t until,
    struct err *e)
{
	time_t	old = a->snoozed;
	int	rc;

	a->snoozed = until;
	if ((rc = book_activity_save(b, a, e)) != 0)
		a->snoozed = old;
	return rc;
}

int
sched_complete(struct book *b, struct activity *a, const char *result,
    time_t *next, struct err *e)
{
	int	rc;

	*next = 0;
	if (a->rrule != NULL) {
		rc = sched_next(a->rrule, a->start != 0 ? a->start : a->due,
		    a->allday, a->due, next, e);
		if (rc < 0)
			return -1;
		if (rc == 1)
			*next = 0;
	}
	return book_activity_done(b, a, result, *next, e);
}
