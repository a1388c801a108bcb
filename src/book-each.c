/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Walks over every record of a kind, for reports and groups; and the
 * key extractor of the deal and case indexes by contact. */
#include "book.h"

#include <stddef.h>
#include <stdlib.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "record.h"
#include "store.h"
#include "ticket.h"

struct book_each_op {
	struct book	*b;
	char		 kind;
	book_each_fn	 fn;
	void		*arg;
};

/* Decodes one record of op->kind, gives it to fn, frees it. */
static int
book_each_one(struct book_each_op *op, const struct store_row *row,
    struct err *e)
{
	void	*obj = NULL;
	int	 rc = 0;

	switch (op->kind) {
	case BOOK_CONTACT:
		if ((obj = contact_decode(row->data, row->dlen, e)) == NULL)
			return -1;
		((struct contact *)obj)->id = row->id;
		if (book_visible(op->b, obj))
			rc = op->fn(obj, op->arg);
		contact_free(obj);
		break;
	case BOOK_ACTIVITY:
		if ((obj = activity_decode(row->data, row->dlen, e)) == NULL)
			return -1;
		((struct activity *)obj)->id = row->id;
		rc = op->fn(obj, op->arg);
		activity_free(obj);
		break;
	case BOOK_DEAL:
		if ((obj = deal_decode(row->data, row->dlen, e)) == NULL)
			return -1;
		((struct deal *)obj)->id = row->id;
		rc = op->fn(obj, op->arg);
		deal_free(obj);
		break;
	case BOOK_CASE:
		if ((obj = ticket_decode(row->data, row->dlen, e)) == NULL)
			return -1;
		((struct ticket *)obj)->id = row->id;
		rc = op->fn(obj, op->arg);
		ticket_free(obj);
		break;
	}
	return rc != 0;
}

static int
book_each_fn_txn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_each_op	*op = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	int			 rc, stop = 0;

	rc = store_cursor_open(t, book_table_of(op->kind), -1, STORE_CUR_DATA |
	    STORE_CUR_SCAN, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0 && !stop;
	    rc = store_cursor_next(c, &row)) {
		if ((stop = book_each_one(op, &row, e)) < 0)
			break;
	}
	if (rc < 0 && rc != STORE_RETRY && stop >= 0)
		err_set(e, NULL, 0, "%s", store_cursor_error(c));
	store_cursor_close(c);
	if (stop < 0)
		return -1;
	return rc == STORE_NOTFOUND || stop ? 0 : rc;
}

int
book_each(struct book *b, char kind, book_each_fn fn, void *arg,
    struct err *e)
{
	struct book_each_op	op = { b, kind, fn, arg };

	if (book_table_of(kind) < 0 || kind == 'x') {
		err_set(e, NULL, 0, "book_each: no kind %c", kind);
		return -1;
	}
	return store_txn_run(b->store, STORE_READ, book_each_fn_txn, &op, e);
}

void
book_keys_contact(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct record	*r = record_decode(data, len, NULL);
	uint64_t	 cid;
	unsigned char	 k[8];

	(void)id;
	if (r == NULL)
		return;
	if ((cid = record_getu(r, 1, 0)) != 0) {
		store_id_key(cid, k);
		store_keys_add(out, k, 8);
	}
	record_free(r);
}
