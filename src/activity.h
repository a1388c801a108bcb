/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_ACTIVITY_H
#define KITH_ACTIVITY_H

/*
 * activity: a call, meeting, to-do, e-mail, letter or note linked to a
 * contact.  Pending while it has a due time and is not done; done ones
 * are the contact's history.  A plain struct with its field catalogue and
 * record encoding; no storage, no output.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "field.h"

struct buf;
struct err;
struct record;

enum activity_kind {
	ACTIVITY_CALL, ACTIVITY_MEETING, ACTIVITY_TODO, ACTIVITY_EMAIL,
	ACTIVITY_LETTER, ACTIVITY_NOTE, ACTIVITY_NKINDS
};

#define ACTIVITY_NO_ALARM	(-1L)

struct activity {
	uint64_t	 id;
	uint64_t	 rev;
	uint64_t	 contact;
	long		 kind;		/* enum activity_kind */
	char		*subject;
	char		*text;
	char		*result;
	char		*owner;
	time_t		 due;		/* 0: none (a history entry) */
	int		 allday;
	long		 duration;	/* seconds */
	long		 priority;	/* 0 none, 1 high .. 9 low (RFC 5545) */
	long		 alarm;		/* seconds before due, or NO_ALARM */
	char		*rrule;		/* RFC 5545 RRULE value, or NULL */
	time_t		 start;		/* first occurrence of a series */
	int		 done;
	time_t		 done_at;
	char		*uid;		/* iCalendar UID, stable */
	time_t		 alarmed;	/* the alarm of this due time was given */
	time_t		 snoozed;	/* alarm postponed to this time */
	time_t		 created;
	char		*created_by;
	time_t		 updated;
	char		*updated_by;
	struct record	*extra;
};

extern const struct field_def	activity_fields[];
extern const size_t		activity_nfields;

struct activity	*activity_new(void);
void		 activity_free(struct activity *a);
struct activity	*activity_copy(const struct activity *a);
void		 activity_encode(const struct activity *a, struct buf *out);
struct activity	*activity_decode(const void *data, size_t len,
		    struct err *e);
void		 activity_array_free(struct activity **v, size_t n);

/* "call", "meeting", ... and back (-1 with err for an unknown name). */
const char	*activity_kind_name(long kind);
int		 activity_kind_parse(const char *s, struct err *e);
/* Pending: not done and with a due time. */
int		 activity_pending(const struct activity *a);
/* When its alarm goes off (0 when it has none). */
time_t		 activity_alarm_time(const struct activity *a);

#endif /* KITH_ACTIVITY_H */
