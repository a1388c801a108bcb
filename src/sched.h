/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_SCHED_H
#define KITH_SCHED_H

/*
 * sched: recurrence and what is due when.  RRULEs are evaluated by
 * libical in the user's local time (TZ), so a weekly 09:00 call stays at
 * 09:00 across a daylight-saving change.  No threads, no timers: callers
 * ask.  Only this module and ical include libical.
 */

#include <stddef.h>
#include <time.h>

struct activity;
struct book;
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

/*
 * What is due.  Arrays come back owned by the caller: free them with
 * activity_array_free(v, n).  owner NULL means everyone's.
 */

/* Pending follow-ups due at or before until, most urgent first. */
int	sched_due(struct book *b, const char *owner, time_t until,
	    struct activity ***out, size_t *n, struct err *e);
/* Follow-ups whose alarm time (due minus lead time, or the snooze time)
 * has come by now and whose alarm was not yet given; earliest first. */
int	sched_alarms_due(struct book *b, const char *owner, time_t now,
	    struct activity ***out, size_t *n, struct err *e);
/* When the next alarm not yet given goes off (<= now when one is already
 * due): 0 with *when set, 1 when there is none. */
int	sched_next_wake(struct book *b, const char *owner, time_t *when,
	    struct err *e);
/* Records that a's alarm was given at now, so it fires once.  Saved over
 * a's revision: BOOK_CONFLICT when another process got there first. */
int	sched_alarm_given(struct book *b, struct activity *a, time_t now,
	    struct err *e);
/* Gives the alarm again at until. */
int	sched_alarm_snooze(struct book *b, struct activity *a, time_t until,
	    struct err *e);
/*
 * Completes a with result (may be NULL).  A recurring one logs a done copy
 * in the history and moves on to its next occurrence (*next set); the
 * last occurrence, or a single one, is done itself (*next 0).  One
 * transaction.
 */
int	sched_complete(struct book *b, struct activity *a, const char *result,
	    time_t *next, struct err *e);

#endif /* KITH_SCHED_H */
