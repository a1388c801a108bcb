/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Raw records in and out, for dump and load. */
#include "book.h"

#include <stdio.h>
#include <string.h>

#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "store.h"

/* Contacts, activities, deals, cases, audit: the dump's order. */
const char book_kinds[] = "cadkx";

static int
book_kind_table(char kind)
{
	return kind == 'x' ? BOOK_T_AUDIT : book_table_of(kind);
}

struct book_raw_q {
	book_raw_fn	 fn;
	void		*arg;
	uint64_t	*seqs;
	const struct book_raw *v;
	size_t		 n;
};

static int
book_raw_each_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_raw_q	*q = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	struct book_raw		 r;
	const char		*k;
	int			 rc = 0;

	for (k = book_kinds; *k != '\0' && rc == 0; k++) {
		rc = store_cursor_open(t, book_kind_table(*k), -1,
		    STORE_CUR_DATA | STORE_CUR_BULK, &c, e);
		if (rc != 0)
			return rc;
		for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;
		    rc = store_cursor_next(c, &row)) {
			r.kind = *k;
			r.id = row.id;
			r.data = (void *)row.data;
			r.len = row.dlen;
			if ((rc = q->fn(&r, q->arg)) != 0) {
				err_set(e, NULL, 0, "writing the dump failed");
				rc = -1;
				break;
			}
		}
		if (rc == -1 && !err_isset(e))
			err_set(e, NULL, 0, "%s", store_cursor_error(c));
		store_cursor_close(c);
		if (rc == STORE_NOTFOUND)
			rc = 0;
	}
	return rc;
}

int
book_raw_each(struct book *b, book_raw_fn fn, void *arg, struct err *e)
{
	struct book_raw_q	q = { fn, arg, NULL, NULL, 0 };

	return store_txn_run(b->store, STORE_READ, book_raw_each_fn, &q, e);
}

static int
book_raw_seqs_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_raw_q	*q = arg;
	size_t			 i;
	int			 rc;

	for (i = 0; book_kinds[i] != '\0'; i++)
		if ((rc = store_seq_get(t, book_kind_table(book_kinds[i]),
		    &q->seqs[i], e)) != 0)
			return rc;
	return 0;
}

int
book_raw_seqs(struct book *b, uint64_t *seqs, struct err *e)
{
	struct book_raw_q	q = { NULL, NULL, seqs, NULL, 0 };

	return store_txn_run(b->store, STORE_READ, book_raw_seqs_fn, &q, e);
}

/* The text postings of the contacts loaded, each written once while they
 * take less memory than this (a byte or two a trigram of a contact). */
#define BOOK_RAW_TEXT_BYTES	((size_t)256 * 1024 * 1024)
static int
book_raw_text(struct store_txn *t, struct book_raw_q *q, struct err *e)
{
	struct book_text	*x = book_text_new();
	struct contact		*c;
	size_t			 i;
	int			 rc = 0, fresh = 1;

	for (i = 0; i < q->n && rc == 0; i++) {
		if (q->v[i].kind != BOOK_CONTACT)
			continue;
		c = contact_decode(q->v[i].data, q->v[i].len, NULL);
		book_text_note(x, q->v[i].id, NULL, c);
		contact_free(c);
		/* Bounded memory: later flushes merge into what is there. */
		if (book_text_pending(x) > BOOK_RAW_TEXT_BYTES) {
			rc = book_text_flush(t, x, fresh, e);
			fresh = 0;
		}
	}
	if (rc == 0)
		rc = book_text_flush(t, x, fresh, e);
	book_text_free(x);
	return rc;
}

/* The records, through one bulk writer per table: indexes in key order. */
static int
book_raw_put(struct store_txn *t, struct book_raw_q *q, struct err *e)
{
	struct store_bulk	*bulk[BOOK_NTABLES] = { NULL };
	size_t			 i;
	int			 rc = 0, tb;

	for (i = 0; rc == 0 && i < q->n; i++) {
		tb = book_kind_table(q->v[i].kind);
		if (bulk[tb] == NULL)
			rc = store_bulk_begin(t, tb, &bulk[tb], e);
		if (rc == 0)
			rc = store_bulk_put(bulk[tb], q->v[i].id,
			    q->v[i].data, q->v[i].len, e);
	}
	for (i = 0; i < BOOK_NTABLES; i++)
		rc = store_bulk_finish(bulk[i], rc, e);
	return rc;
}

static int
book_raw_load_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_raw_q	*q = arg;
	uint64_t		 n;
	size_t			 i;
	int			 rc;

	for (i = 0; book_kinds[i] != '\0'; i++) {
		if ((rc = store_count(t, book_kind_table(book_kinds[i]), &n,
		    e)) != 0)
			return rc;
		if (n != 0) {
			err_set(e, NULL, 0, "the database is not empty: load "
			    "into a new directory");
			return -1;
		}
	}
	if ((rc = book_raw_put(t, q, e)) != 0)
		return rc;
	if ((rc = book_raw_text(t, q, e)) != 0)
		return rc;
	for (i = 0; book_kinds[i] != '\0'; i++) {
		rc = store_seq_set(t, book_kind_table(book_kinds[i]),
		    q->seqs[i], e);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
book_raw_load(struct book *b, const struct book_raw *v, size_t n,
    const uint64_t *seqs, struct err *e)
{
	struct book_raw_q	q = { NULL, NULL, (uint64_t *)seqs, v, n };

	return store_txn_run(b->store, 0, book_raw_load_fn, &q, e);
}
