/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_BOOK_LEND_H
#define KITH_BOOK_LEND_H

/*
 * book-lend: what book_activities_join needs to hand records to a second
 * thread while it reads on.  Batches of activities and contacts decoded
 * into a batch's own memory (only the fields an export reads: no
 * allocation per field), and a queue that a lending thread empties,
 * calling the caller's function on each item in order.  Only book-join.c
 * uses it; it knows nothing of Berkeley DB.
 */

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "book.h"

struct activity;
struct contact;
struct err;

/* Items per batch. */
#define BOOK_LEND_ITEMS	512

/* Activities as stored (decoded by the lending thread) with their
 * contacts, decoded. */
struct book_batch {
	struct arena		 ar;
	uint64_t		 id[BOOK_LEND_ITEMS];
	const void		*raw[BOOK_LEND_ITEMS];
	size_t			 rlen[BOOK_LEND_ITEMS];
	const struct contact	*c[BOOK_LEND_ITEMS];
	size_t			 n;
	struct book_batch	*next;
};

/* Decodes what an export reads of a record into the batch's memory (a
 * contact into any arena); NULL and e on damage. */
struct activity	*book_lend_activity(struct book_batch *bt, const void *data,
		    size_t len, struct err *e);
struct contact	*book_lend_contact(struct arena *ar, const void *data,
		    size_t len, struct err *e);

/* The contact an activity's record names (0: none). */
uint64_t	 book_lend_contact_of(const void *data, size_t len);

/* The queue: started with the functions to filter and lend with; batches
 * taken empty, given back full; stopped (waiting until all is lent) at
 * the end, returning 0 or -1 with e when an activity was damaged.
 * book_lend_stopped tells the reader that it need not go on. */
struct book_lend;
struct book_lend	*book_lend_start(book_join_want_fn want,
			    book_join_fn fn, void *arg);
struct book_batch	*book_lend_take(struct book_lend *l);
void			 book_lend_give(struct book_lend *l,
			    struct book_batch *bt);
int			 book_lend_stopped(struct book_lend *l);
int			 book_lend_end(struct book_lend *l, struct err *e);

#endif /* KITH_BOOK_LEND_H */
