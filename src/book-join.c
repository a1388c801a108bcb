/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Many records in one transaction, for exports and imports.  Activities
 * joined with their contacts in one pass (book_activities_join): the
 * activity table is walked in id order and the contacts are read by a
 * second cursor that steps forward while the ids it is asked for rise,
 * so neither table is searched from the root per item and memory does
 * not grow with the number of records.  And many UIDs and e-mail
 * addresses looked up through their indexes at once (book_probe).
 */
#include "book.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "book-int.h"
#include "book-lend.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "store.h"
#include "utf8.h"

/* A contact id this close ahead is reached by stepping, not seeking. */
#define BOOK_JOIN_STEPS	64

struct book_join {
	struct book		*b;
	uint64_t		 done;		/* last activity queued */
	struct book_lend	*lend;
	struct book_batch	*bt;		/* being filled */
	struct store_cursor	*cc;		/* on the contacts */
	uint64_t		 at;		/* where cc is (0: nowhere) */
	uint64_t		 cid;		/* the contact in raw (0: none) */
	int			 found;		/* whether it is there */
	struct buf		 raw;		/* its record */
	struct contact		*c;		/* it, decoded into bt */
};

/* Keeps the record of contact id (row, when it is that one). */
static void
book_join_take(struct book_join *j, const struct store_row *row, uint64_t id)
{
	j->at = row->id;
	j->cid = id;
	j->c = NULL;
	j->found = row->id == id;
	buf_reset(&j->raw);
	if (j->found)
		buf_add(&j->raw, row->data, row->dlen);
}

/* Moves cc to contact id and keeps its record. */
static int
book_join_find(struct book_join *j, uint64_t id)
{
	struct store_row	row;
	unsigned char		k[8];
	int			rc = 0, n = 0;

	if (j->at != 0 && id > j->at && id - j->at <= BOOK_JOIN_STEPS) {
		while (j->at < id && n++ < BOOK_JOIN_STEPS &&
		    (rc = store_cursor_next(j->cc, &row)) == 0)
			j->at = row.id;
		if (rc == 0 && j->at >= id) {
			book_join_take(j, &row, id);
			return 0;
		}
		if (rc != 0 && rc != STORE_NOTFOUND)
			return rc;
	}
	store_id_key(id, k);
	if ((rc = store_cursor_seek(j->cc, k, 8, &row)) == STORE_NOTFOUND) {
		j->at = 0;
		j->cid = id;
		j->found = 0;
		j->c = NULL;
		return 0;
	}
	if (rc == 0)
		book_join_take(j, &row, id);
	return rc;
}

/* Contact id decoded into the batch being filled: 0 with j->c set (NULL
 * when there is none or this user may not see it). */
static int
book_join_contact(struct book_join *j, uint64_t id, struct err *e)
{
	struct arena_mark	m;
	int			rc;

	if (j->cid != id && (rc = book_join_find(j, id)) != 0)
		return rc;
	if (!j->found || j->c != NULL)
		return 0;
	arena_mark(&j->bt->ar, &m);
	if ((j->c = book_lend_contact(&j->bt->ar, j->raw.data, j->raw.len,
	    e)) == NULL)
		return -1;
	j->c->id = id;
	if (!book_visible(j->b, j->c)) {	/* as if it were not there */
		arena_pop(&j->bt->ar, &m);
		j->c = NULL;
		j->found = 0;
	}
	return 0;
}

/* The batch is full: lent, and a new one begun. */
static void
book_join_next_batch(struct book_join *j, int *stop)
{
	book_lend_give(j->lend, j->bt);
	j->bt = book_lend_take(j->lend);
	j->c = NULL;
	*stop = book_lend_stopped(j->lend);
}

/* One activity: joined with its contact and queued as it is stored (the
 * lending thread decodes and filters it). */
static int
book_join_one(struct book_join *j, const struct store_row *row, int *stop,
    struct err *e)
{
	struct book_batch	*bt = j->bt;
	uint64_t		 cid;
	void			*raw;
	int			 rc;

	cid = book_lend_contact_of(row->data, row->dlen);
	if (cid != 0 && (rc = book_join_contact(j, cid, e)) != 0)
		return rc;
	j->done = row->id;
	if (cid != 0 && j->c == NULL)	/* gone, or not this user's */
		return 0;
	raw = arena_alloc(&bt->ar, row->dlen);
	memcpy(raw, row->data, row->dlen);
	bt->id[bt->n] = row->id;
	bt->raw[bt->n] = raw;
	bt->rlen[bt->n] = row->dlen;
	bt->c[bt->n++] = cid != 0 ? j->c : NULL;
	if (bt->n == BOOK_LEND_ITEMS)
		book_join_next_batch(j, stop);
	return 0;
}

static int
book_join_txn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_join	*j = arg;
	struct store_cursor	*ac;
	struct store_row	 row;
	unsigned char		 k[8];
	int			 rc, stop = 0, bulk;

	/* A retry: the old cursors are gone (what is queued stays). */
	j->at = j->cid = 0;
	j->c = NULL;
	bulk = STORE_CUR_DATA | STORE_CUR_BULK;
	if ((rc = store_cursor_open(t, BOOK_T_ACTIVITY, -1, bulk, &ac,
	    e)) != 0 || (rc = store_cursor_open(t, BOOK_T_CONTACT, -1, bulk,
	    &j->cc, e)) != 0)
		return rc;
	store_id_key(j->done + 1, k);
	for (rc = store_cursor_seek(ac, k, 8, &row); rc == 0 && !stop;
	    rc = store_cursor_next(ac, &row)) {
		if ((rc = book_join_one(j, &row, &stop, e)) != 0)
			break;
	}
	if (rc == -1 && !err_isset(e))
		err_set(e, NULL, 0, "%s", store_cursor_error(ac));
	store_cursor_close(j->cc);
	store_cursor_close(ac);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/*
 * The activities are read and decoded here, in batches that a second
 * thread lends to fn meanwhile (book-lend.c); a batch's contact is
 * decoded once into it, from a copy of its record kept while the
 * activities' contact ids stay the same.
 */
int
book_activities_join(struct book *b, book_join_want_fn want, book_join_fn fn,
    void *arg, struct err *e)
{
	struct book_join	j;
	int			rc;

	memset(&j, 0, sizeof j);
	j.b = b;
	j.lend = book_lend_start(want, fn, arg);
	j.bt = book_lend_take(j.lend);
	rc = store_txn_run(b->store, STORE_READ, book_join_txn, &j, e);
	if (rc != 0)
		j.bt->n = 0;
	book_lend_give(j.lend, j.bt);
	if (book_lend_end(j.lend, e) != 0 && rc == 0)
		rc = -1;
	buf_free(&j.raw);
	return rc;
}

/* The batched lookups of book_probe, in one read transaction. */
static int
book_probe_one(struct book *b, struct store_cursor *uc,
    struct store_cursor *ec, struct book_probe *l, struct arena *ar)
{
	struct store_row	 row;
	struct contact		*c;
	char			*k;
	int			 rc;

	l->known = 0;
	l->contact = 0;
	if (l->uid != NULL) {
		rc = store_cursor_find(uc, l->uid, strlen(l->uid), &row);
		if (rc != 0 && rc != STORE_NOTFOUND)
			return rc;
		l->known = rc == 0;
	}
	if (l->known || l->email == NULL)
		return 0;
	k = utf8_fold(l->email);
	for (rc = store_cursor_find(ec, k, strlen(k), &row); rc == 0;
	    rc = store_cursor_next_dup(ec, &row)) {
		c = book_lend_contact(ar, row.data, row.dlen, NULL);
		if (c != NULL && book_visible(b, c))
			l->contact = row.id;
		arena_reset(ar);
		if (l->contact != 0)
			break;
	}
	free(k);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

struct book_probes {
	struct book		*b;
	struct book_probe	*v;
	size_t			 n;
};

static int
book_probe_txn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_probes	*q = arg;
	struct arena		 ar = { NULL, NULL };
	struct store_cursor	*uc, *ec;
	size_t			 i;
	int			 rc;

	if ((rc = store_cursor_open(t, BOOK_T_ACTIVITY, BOOK_I_ACT_UID, 0,
	    &uc, e)) != 0)
		return rc;
	if ((rc = store_cursor_open(t, BOOK_T_CONTACT, BOOK_I_EMAIL,
	    STORE_CUR_DATA, &ec, e)) != 0) {
		store_cursor_close(uc);
		return rc;
	}
	for (i = 0; i < q->n && rc == 0; i++)
		rc = book_probe_one(q->b, uc, ec, &q->v[i], &ar);
	arena_free(&ar);
	if (rc == -1)
		err_set(e, NULL, 0, "looking up: %s", store_cursor_error(ec));
	store_cursor_close(ec);
	store_cursor_close(uc);
	return rc;
}

int
book_probe(struct book *b, struct book_probe *v, size_t n, struct err *e)
{
	struct book_probes	q = { b, v, n };

	return store_txn_run(b->store, STORE_READ, book_probe_txn, &q, e);
}
