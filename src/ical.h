/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_ICAL_H
#define KITH_ICAL_H

/*
 * ical: follow-ups as iCalendar (RFC 5545), both ways, over a FILE *.
 * The writer turns activities (with their contacts) into VTODOs and
 * VEVENTs whose UID, DTSTAMP, SEQUENCE and LAST-MODIFIED come from the
 * record, so writing the same data twice gives the same bytes; it writes
 * the content lines itself (ical-text.c) and asks libical for the zones
 * and the RRULEs.
 * The reader turns VTODOs and VEVENTs into activities and refuses a
 * malformed file as a whole, naming the line.  It never prints, prompts
 * or touches the database: matching to contacts is the caller's.
 */

#include <stddef.h>
#include <stdio.h>

struct activity;
struct contact;
struct err;

/* One follow-up to write; the contact (may be NULL) is only read. */
struct ical_item {
	const struct activity	*a;
	const struct contact	*c;
};

/* ical_write flags. */
#define ICAL_UTC	0x1	/* times in UTC, no VTIMEZONE */
#define ICAL_EVENTS	0x2	/* pending to-dos and calls as VEVENTs */

/*
 * Writes one VCALENDAR with the items in the order given.  Meetings are
 * VEVENTs; other kinds VTODOs (unless ICAL_EVENTS); done ones COMPLETED
 * VTODOs.  Times carry TZID tzid (an Olson name, with its VTIMEZONE
 * trimmed to the years used) unless ICAL_UTC or tzid is NULL.
 */
int	ical_write(FILE *f, const struct ical_item *v, size_t n, int flags,
	    const char *tzid, struct err *e);

/*
 * The same, streamed, so that memory does not grow with the number of
 * items: ical_out_new (NULL and e for an unknown zone); ical_out_item for
 * each item in order (written at once, or with a VTIMEZONE spooled to a
 * temporary file until ical_out_end knows the years it must cover);
 * ical_out_end; ical_out_free.  f is only written to; flags and tzid as
 * ical_write.
 */
struct ical_out;
struct ical_out *ical_out_new(FILE *f, int flags, const char *tzid,
	    struct err *e);
int	ical_out_item(struct ical_out *o, const struct ical_item *it,
	    struct err *e);
int	ical_out_end(struct ical_out *o, struct err *e);
void	ical_out_free(struct ical_out *o);

/* The Olson name of the local time zone (TZ, else /etc/localtime) when
 * libical knows it and it is not UTC under some name; NULL otherwise.
 * Static storage. */
const char *ical_local_tzid(void);

/* One follow-up read: the activity (owned, contact 0) and whom it is
 * with, from the first ATTENDEE or ORGANIZER. */
struct ical_entry {
	struct activity	*a;
	char		*email;		/* mailto: address, or NULL */
	char		*name;		/* its CN, or NULL */
	int		 line;		/* where its BEGIN is */
};

/*
 * Reads a whole iCalendar file.  On success returns 0 with the VTODOs
 * and VEVENTs in file order; on any error -1 with e naming the line
 * (file, line) and the reason, and nothing returned.
 */
int	ical_read(FILE *f, const char *name, struct ical_entry **out,
	    size_t *n, struct err *e);
/*
 * The same, handing the entries over as they are read, a few hundred at
 * a time, in file order: fn takes v (n entries, malloc'd) over.  On an
 * error what was handed over stays the caller's.  fn may be called on a
 * helper thread, one call at a time, while the reading waits: it must be
 * quick, and must not wait for anything of the reader's.  A nonzero
 * return from fn stops the reading soon after: -1, e saying so.
 */
typedef int (*ical_take_fn)(struct ical_entry *v, size_t n, void *arg);
int	ical_read_each(FILE *f, const char *name, ical_take_fn fn, void *arg,
	    struct err *e);
void	ical_entries_free(struct ical_entry *v, size_t n);

/*
 * The text scanner under ical_read (ical-scan.c): unfolds content lines
 * and checks the structure (UTF-8, NAME: VALUE, BEGIN/END nesting, one
 * VCALENDAR) that libical would pass over silently, handing each line to
 * fn as it goes, with its first physical line and its depth (0 for the
 * VCALENDAR's BEGIN and END, 1 for what is directly inside it, and so
 * on).  A nonzero return from fn stops with it.  Returns 0, or -1 with e
 * naming the line.
 */
typedef int (*ical_line_fn)(const char *text, size_t len, int line,
	    int depth, void *arg);
int	ical_scan(FILE *f, const char *name, ical_line_fn fn, void *arg,
	    struct err *e);

#endif /* KITH_ICAL_H */
