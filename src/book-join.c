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
#include "contact.h"
#include "err.h"
#include "store.h"
#include "utf8.h"

/* A contact id this close ahead is reached by stepping, not seeking. */
#define BOOK_JOIN_STEPS	16

struct book_join {
	struct book		*b;
	book_join_want_fn	 want;
	book_join_fn		 fn;
	void			*arg;
	uint64_t		 done;		/* last activity lent */
	struct store_cursor	*cc;		/* on the contacts */
	uint64_t		 at;		/* where cc is (0: nowhere) */
	struct contact		*c;		/* the last one decoded */
	int			 shown;		/* whether c is visible */
};

static void
book_join_forget(struct book_join *j)
{
	contact_free(j->c);
	j->c = NULL;
	j->at = 0;
}

/* Decodes the contact under cc when it is the one wanted. */
static int
book_join_take(struct book_join *j, const struct store_row *row, uint64_t id,
    struct err *e)
{
	j->at = row->id;
	if (row->id != id)
		return 0;
	if ((j->c = contact_decode(row->data, row->dlen, e)) == NULL)
		return -1;
	j->c->id = id;
	j->shown = book_visible(j->b, j->c);
	return 0;
}

/* Moves to contact id: 0 with j->c set (NULL when there is none). */
static int
book_join_contact(struct book_join *j, uint64_t id, struct err *e)
{
	struct store_row	row;
	unsigned char		k[8];
	int			rc = 0, n = 0;

	if (j->c != NULL && j->c->id == id)
		return 0;
	contact_free(j->c);
	j->c = NULL;
	if (j->at != 0 && id > j->at && id - j->at <= BOOK_JOIN_STEPS) {
		while (j->at < id && n++ < BOOK_JOIN_STEPS &&
		    (rc = store_cursor_next(j->cc, &row)) == 0)
			j->at = row.id;
		if (rc == 0 && j->at >= id)
			return book_join_take(j, &row, id, e);
		if (rc != 0 && rc != STORE_NOTFOUND)
			return rc;
	}
	store_id_key(id, k);
	if ((rc = store_cursor_seek(j->cc, k, 8, &row)) == STORE_NOTFOUND) {
		j->at = 0;
		return 0;
	}
	return rc != 0 ? rc : book_join_take(j, &row, id, e);
}

/* One activity: filtered, joined, lent. */
static int
book_join_one(struct book_join *j, const struct store_row *row, int *stop,
    struct err *e)
{
	struct activity	*a;
	int		 rc = 0;

	if ((a = activity_decode(row->data, row->dlen, e)) == NULL)
		return -1;
	a->id = row->id;
	if (j->want(a, j->arg)) {
		if (a->contact != 0)
			rc = book_join_contact(j, a->contact, e);
		if (rc == 0 && (a->contact == 0 || (j->c != NULL &&
		    j->shown)))
			*stop = j->fn(a, a->contact != 0 ? j->c : NULL,
			    j->arg) != 0;
	}
	if (rc == 0)
		j->done = row->id;
	activity_free(a);
	return rc;
}

static int
book_join_txn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_join	*j = arg;
	struct store_cursor	*ac;
	struct store_row	 row;
	unsigned char		 k[8];
	int			 rc, stop = 0;

	book_join_forget(j);	/* a retry: the old cursor is gone */
	if ((rc = store_cursor_open(t, BOOK_T_ACTIVITY, -1, STORE_CUR_DATA,
	    &ac, e)) != 0 || (rc = store_cursor_open(t, BOOK_T_CONTACT, -1,
	    STORE_CUR_DATA, &j->cc, e)) != 0)
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
	book_join_forget(j);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

int
book_activities_join(struct book *b, book_join_want_fn want, book_join_fn fn,
    void *arg, struct err *e)
{
	struct book_join	j = { b, want, fn, arg, 0, NULL, 0, NULL, 0 };

	return store_txn_run(b->store, STORE_READ, book_join_txn, &j, e);
}

/* The batched lookups of book_probe, in one read transaction. */
static int
book_probe_one(struct book *b, struct store_cursor *uc,
    struct store_cursor *ec, struct book_probe *l)
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
		if ((c = contact_decode(row.data, row.dlen, NULL)) == NULL)
			continue;
		if (book_visible(b, c))
			l->contact = row.id;
		contact_free(c);
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
		rc = book_probe_one(q->b, uc, ec, &q->v[i]);
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
