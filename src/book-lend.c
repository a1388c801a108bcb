/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Records lent to a second thread (book-lend.h).  An export spends half
 * its time reading and decoding and half writing the text: the caller's
 * thread reads the database (a transaction stays on one thread) and
 * decodes into batches, and a lending thread calls the export's function
 * on each item of a full batch meanwhile.  A batch's strings and arrays
 * live in blocks of its own that are reused, not in a malloc per field.
 */
#include "book-lend.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "arena.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "record.h"
#include "thread.h"
#include "xmalloc.h"

#define BOOK_LEND_BATCHES	4	/* in flight at most */

/* A list grows in the arena by doubling from 4: n tells the capacity. */
static void
book_lend_list_add(struct arena *ar, struct field_list *l,
    const struct record_view *it)
{
	l->v = arena_grow(ar, l->v, l->n, sizeof *l->v);
	l->v[l->n].type = it->type != NULL && it->tlen > 0 ?
	    arena_strndup(ar, it->type, it->tlen) : NULL;
	l->v[l->n].text = arena_strndup(ar, it->value, it->len);
	l->n++;
}

static void
book_lend_item(struct arena *ar, const struct field_def *d, void *obj,
    const struct record_view *it)
{
	char	*at = (char *)obj + d->off;

	if (field_set_number(d, obj, it))
		return;
	if (d->type == FIELD_TEXT)
		*(char **)at = arena_strndup(ar, it->value, it->len);
	else
		book_lend_list_add(ar, (struct field_list *)at, it);
}

/*
 * The items of a record whose tags are in want (a bit per tag below 64)
 * into obj; definitions are found as field_decode finds them, the one
 * after the last found first (records keep catalogue order).
 */
static int
book_lend_decode(struct arena *ar, const struct field_def *defs,
    size_t n, uint64_t want, void *obj, const void *data, size_t len,
    struct err *e)
{
	struct record_scan	s;
	struct record_view	it;
	size_t			hint = 0;
	int			rc;

	if (record_scan_init(&s, data, len, e) != 0)
		return -1;
	while ((rc = record_scan_next(&s, &it, e)) == 0) {
		if (it.tag >= 64 || !(want >> it.tag & 1))
			continue;
		if (hint >= n || defs[hint].tag != it.tag)
			for (hint = 0; hint < n && defs[hint].tag != it.tag;
			    hint++)
				;
		if (hint < n)
			book_lend_item(ar, &defs[hint++], obj, &it);
	}
	return rc < 0 ? -1 : 0;
}

#define BOOK_BIT(t)	((uint64_t)1 << (t))

/* All of an activity but its result, alarm state, first occurrence and
 * who created and changed it (tags 5, 16, 18, 21, 22, 23). */
struct activity *
book_lend_activity(struct book_batch *bt, const void *data, size_t len,
    struct err *e)
{
	struct activity	*a = arena_alloc(&bt->ar, sizeof *a);
	uint64_t	 want = ~(BOOK_BIT(5) | BOOK_BIT(16) | BOOK_BIT(18) |
			    BOOK_BIT(21) | BOOK_BIT(22) | BOOK_BIT(23));

	memset(a, 0, sizeof *a);
	a->alarm = ACTIVITY_NO_ALARM;
	a->kind = ACTIVITY_CALL;
	if (book_lend_decode(&bt->ar, activity_fields, activity_nfields, want,
	    a, data, len, e) != 0)
		return NULL;
	return a;
}

/* Of a contact its name, company, phones, e-mails, tags, owner and
 * whether it is private (tags 1, 2, 5, 6, 11, 13, 14). */
struct contact *
book_lend_contact(struct arena *ar, const void *data, size_t len,
    struct err *e)
{
	struct contact	*c = arena_alloc(ar, sizeof *c);
	uint64_t	 want = BOOK_BIT(1) | BOOK_BIT(2) | BOOK_BIT(5) |
			    BOOK_BIT(6) | BOOK_BIT(11) | BOOK_BIT(13) |
			    BOOK_BIT(14);

	memset(c, 0, sizeof *c);
	if (book_lend_decode(ar, contact_fields, contact_nfields, want,
	    c, data, len, e) != 0)
		return NULL;
	return c;
}

/* Tag 1 of an activity, which comes first. */
uint64_t
book_lend_contact_of(const void *data, size_t len)
{
	struct record_scan	s;
	struct record_view	it;

	if (record_scan_init(&s, data, len, NULL) != 0)
		return 0;
	while (record_scan_next(&s, &it, NULL) == 0)
		if (it.tag == 1)
			return record_number(it.value, it.len);
	return 0;
}

struct book_lend {
	book_join_want_fn	 want;
	book_join_fn		 fn;
	void			*arg;
	struct err		 err;		/* a damaged activity */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	pthread_t		 th;
	int			 threaded;
	int			 done;		/* no more batches come */
	int			 stop;		/* fn asked to stop */
	size_t			 nbatches;
	struct book_batch	*free;
	struct book_batch	*head, *tail;	/* full, in order */
};

/* Each item decoded, and lent to fn when want says yes, until fn asks
 * to stop or an item is damaged. */
static void
book_lend_items(struct book_lend *l, struct book_batch *bt, int *stop)
{
	struct activity	*a;
	size_t		 i;

	for (i = 0; i < bt->n && !*stop; i++) {
		a = book_lend_activity(bt, bt->raw[i], bt->rlen[i], &l->err);
		if (a == NULL) {
			*stop = 1;
			break;
		}
		a->id = bt->id[i];
		if (l->want(a, l->arg))
			*stop = l->fn(a, bt->c[i], l->arg) != 0;
	}
	bt->n = 0;
	arena_reset(&bt->ar);
}

static void *
book_lend_main(void *arg)
{
	struct book_lend	*l = arg;
	struct book_batch	*bt;
	int			 stop = 0;

	pthread_mutex_lock(&l->mu);
	for (;;) {
		while (l->head == NULL && !l->done)
			pthread_cond_wait(&l->cv, &l->mu);
		if ((bt = l->head) == NULL)
			break;
		if ((l->head = bt->next) == NULL)
			l->tail = NULL;
		pthread_mutex_unlock(&l->mu);
		book_lend_items(l, bt, &stop);
		pthread_mutex_lock(&l->mu);
		l->stop = stop;
		bt->next = l->free;
		l->free = bt;
		pthread_cond_broadcast(&l->cv);
	}
	pthread_mutex_unlock(&l->mu);
	return NULL;
}

struct book_lend *
book_lend_start(book_join_want_fn want, book_join_fn fn, void *arg)
{
	struct book_lend	*l = xcalloc(1, sizeof *l);

	err_clear(&l->err);
	l->want = want;
	l->fn = fn;
	l->arg = arg;
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cv, NULL);
	l->threaded = thread_start(&l->th, book_lend_main, l) == 0;
	return l;
}

struct book_batch *
book_lend_take(struct book_lend *l)
{
	struct book_batch	*bt;

	pthread_mutex_lock(&l->mu);
	while (l->free == NULL && l->nbatches >= BOOK_LEND_BATCHES)
		pthread_cond_wait(&l->cv, &l->mu);
	if ((bt = l->free) != NULL)
		l->free = bt->next;
	else {
		bt = xcalloc(1, sizeof *bt);
		l->nbatches++;
	}
	pthread_mutex_unlock(&l->mu);
	bt->next = NULL;
	return bt;
}

void
book_lend_give(struct book_lend *l, struct book_batch *bt)
{
	if (!l->threaded) {
		book_lend_items(l, bt, &l->stop);
		bt->next = l->free;
		l->free = bt;
		return;
	}
	pthread_mutex_lock(&l->mu);
	if (l->tail != NULL)
		l->tail->next = bt;
	else
		l->head = bt;
	l->tail = bt;
	pthread_cond_broadcast(&l->cv);
	pthread_mutex_unlock(&l->mu);
}

int
book_lend_stopped(struct book_lend *l)
{
	int	stop;

	pthread_mutex_lock(&l->mu);
	stop = l->stop;
	pthread_mutex_unlock(&l->mu);
	return stop;
}

/* Waits until every batch given is lent, and frees the queue. */
int
book_lend_end(struct book_lend *l, struct err *e)
{
	struct book_batch	*bt;
	int			 rc = 0;

	pthread_mutex_lock(&l->mu);
	l->done = 1;
	pthread_cond_broadcast(&l->cv);
	pthread_mutex_unlock(&l->mu);
	if (l->threaded)
		thread_join(l->th);
	while ((bt = l->free) != NULL) {
		l->free = bt->next;
		arena_free(&bt->ar);
		free(bt);
	}
	if (err_isset(&l->err)) {
		*e = l->err;
		rc = -1;
	}
	pthread_mutex_destroy(&l->mu);
	pthread_cond_destroy(&l->cv);
	free(l);
	return rc;
}
