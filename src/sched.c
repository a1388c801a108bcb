/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sched.h"

#include <libical/ical.h>
#include <string.h>

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
