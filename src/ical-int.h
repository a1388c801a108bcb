/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_ICAL_INT_H
#define KITH_ICAL_INT_H

/*
 * ical-int: what the files of the ical module share and nobody else
 * sees.  The writer's state; the helpers of ical.c that need libical
 * (a time in a zone, an RRULE in libical's normal form); and the content
 * line writer of ical-text.c, which writes RFC 5545 text itself, without
 * libical, because building and serialising libical's components cost
 * ten times the rest of an export.
 */

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "buf.h"

struct err;
struct ical_entry;
struct ical_item;
struct icalcomponent_impl;

/* Normalised RRULEs remembered: a book has few distinct ones. */
#define ICAL_RRULES	8
#define ICAL_DAYS	1024	/* days whose zone offset is remembered */

struct ical_out {
	FILE		*f;
	FILE		*spool;		/* items, until the zone's years are
					 * known (with a VTIMEZONE only) */
	int		 flags;
	const char	*tzid;
	void		*zone;		/* icaltimezone, NULL: UTC */
	int		 ymin, ymax;
	int		 forever;	/* a series without end */
	int		 begun;		/* the head is written */
	char		*ob;		/* text not yet written, folded */
	size_t		 olen, ocap;
	size_t		 lstart;	/* where the line being made starts */
	struct buf	 fold;		/* scratch: a line being folded */
	struct buf	 summary;	/* the item's SUMMARY, escaped */
	char		*rr_in[ICAL_RRULES], *rr_out[ICAL_RRULES];
	size_t		 rr_next;
	/* The zone's offset on a UTC day without a change (ical_civil). */
	long		 tz_day[ICAL_DAYS];
	int		 tz_off[ICAL_DAYS];
	unsigned char	 tz_state[ICAL_DAYS];	/* 0 unknown, 1 one, 2 two */
};

/* ical.c: t as written: the local date for all-day ones, the time in the
 * zone, or UTC without one. */
void		 ical_civil(struct ical_out *o, time_t t, int allday,
		    struct tm *tm);
/* ical-text.c: t as a UTC civil time. */
void		 ical_utc(time_t t, struct tm *tm);
/* ical.c: rrule as libical writes it (without "RRULE:"); NULL when
 * libical refuses it.  Owned by o. */
const char	*ical_rrule(struct ical_out *o, const char *rrule);

/* ical.c: writes out what o->ob holds to to ("writing" or "spooling"
 * in an error). */
int		 ical_out_flush(struct ical_out *o, FILE *to, struct err *e);

/* ical-text.c: one VTODO or VEVENT, folded, appended to o->ob. */
void		 ical_text_item(struct ical_out *o, const struct ical_item *it);

/* ical-read.c: the VTIMEZONEs of a file, in file order, shared by the
 * threads reading it. */
struct ical_zones {
	struct icalcomponent_impl	*root;	/* holds them */
	char				**tzid;	/* each one's TZID */
	size_t				  n;
	pthread_mutex_t			  mu;	/* held while a zone is
						 * looked up or used */
};
/* ical-item.c: what reading a component needs, one per thread. */
struct ical_ctx {
	const char		*name;
	struct ical_zones	*zones;
	size_t			 seen;	/* zones defined before the item */
	struct err		*e;
	int			 line;	/* the item's BEGIN */
};
/* A component's lines, each followed by CRLF, text NUL-terminated. */
struct ical_lines {
	const char	*text;
	const size_t	*off;		/* each line's start in text */
	const int	*line;		/* and its line in the file */
	size_t		 n;
	size_t		 len;		/* of text */
};
/* A line libical refuses: -1, e naming it and its value. */
int		 ical_check_line(const char *name, const char *text,
		    int line, struct err *e);
/* The component that begins on x->line, parsed; NULL with x->e naming
 * its first bad line. */
struct icalcomponent_impl *ical_parse(struct ical_ctx *x,
		    const struct ical_lines *l);
/* A VTODO or VEVENT read into en (which is then the caller's to free,
 * also on failure); -1 with x->e set, as when its zone is unknown. */
int		 ical_read_one(struct ical_ctx *x,
		    struct icalcomponent_impl *c, struct ical_entry *en);
void		 ical_entry_clear(struct ical_entry *en);

#endif /* KITH_ICAL_INT_H */
