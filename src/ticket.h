/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_TICKET_H
#define KITH_TICKET_H

/*
 * ticket: a support case (C has "case" as a keyword; users read "case"):
 * subject, description, status, priority, opened and resolved times,
 * owner, the contact it is for and a thread of notes.  A plain struct
 * with its field catalogue and record encoding; no storage, no output.
 *
 * The notes are a FIELD_LIST whose type holds "TIME USER" (TIME in the
 * UTC form of when_format_utc) and whose text is the note.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "field.h"

struct buf;
struct err;
struct record;

enum ticket_status {
	TICKET_OPEN, TICKET_WAITING, TICKET_RESOLVED, TICKET_CLOSED,
	TICKET_NSTATUS
};

struct ticket {
	uint64_t		 id;
	uint64_t		 rev;
	uint64_t		 contact;
	char			*subject;
	char			*description;
	char			*status;	/* open, waiting, ... */
	long			 priority;	/* 1 high .. 9 low, 0 none */
	time_t			 opened;
	time_t			 resolved;	/* 0 while open or waiting */
	char			*owner;
	struct field_list	 notes;
	time_t			 created;
	char			*created_by;
	time_t			 updated;
	char			*updated_by;
	struct record		*extra;
};

extern const struct field_def	ticket_fields[];
extern const size_t		ticket_nfields;
extern const char *const	ticket_statuses[];

struct ticket	*ticket_new(void);
void		 ticket_free(struct ticket *k);
void		 ticket_array_free(struct ticket **v, size_t n);
void		 ticket_encode(const struct ticket *k, struct buf *out);
struct ticket	*ticket_decode(const void *data, size_t len, struct err *e);

/* The status as enum ticket_status (an unknown one counts as open). */
int		 ticket_status_of(const struct ticket *k);
/* Sets the status, keeping resolved in step; -1 with e if unknown. */
int		 ticket_set_status(struct ticket *k, const char *status,
		     time_t now, struct err *e);
/* Appends a note to the thread. */
void		 ticket_note(struct ticket *k, const char *user, time_t now,
		     const char *text);

#endif /* KITH_TICKET_H */
