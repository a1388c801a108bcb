/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_SCHED_H
#define KITH_SCHED_H

/*
 * sched: recurrence and what is due when.  RRULEs are evaluated by
 * libical in the user's local time (TZ), so a weekly 09:00 call stays at
 * 09:00 across a daylight-saving change.  No threads, no timers: callers
 * ask.  Only this module and ical include libical.
 */

#include <time.h>

struct err;

/* 0 if rrule is a recurrence rule libical accepts, else -1 with reason. */
int	sched_rrule_check(const char *rrule, struct err *e);
/*
 * The first occurrence of rrule, for a series starting at dtstart, that
 * is strictly after `after`.  0 with *next set; 1 when the series has
 * ended; -1 with err on a bad rule.
 */
int	sched_next(const char *rrule, time_t dtstart, int allday, time_t after,
	    time_t *next, struct err *e);

#endif /* KITH_SCHED_H */
