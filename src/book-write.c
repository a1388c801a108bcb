/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and writing contacts and activities, each write one transaction
 * with its audit entry. */
#include "book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "store.h"
#include "when.h"
#include "xmalloc.h"

struct book_op {
	struct book	*b;
	struct contact	*c;
	struct activity	*a;
	uint64_t	 id;
};

static void
book_stamp(struct book *b, time_t *created, char **created_by,
    time_t *updated, char **updated_by)
{
	time_t	now = time(NULL);

	if (created != NULL && *created == 0) {
		*created = now;
		free(*created_by);
		*created_by = xstrdup(b->user);
	}
	*updated = now;
	free(*updated_by);
	*updated_by = xstrdup(b->user);
}

static int
book_contact_add_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_op	*op = arg;
	struct buf	 data = BUF_INIT;
	int		 rc;

	if ((rc = store_next_id(t, BOOK_T_CONTACT, &op->c->id, e)) != 0)
		return rc;
	contact_encode(op->c, &data);
	rc = store_put(t, BOOK_T_CONTACT, op->c->id, data.data, data.len, e);
	if (rc == 0)
		rc = book_text_update(t, op->c->id, NULL, data.data, data.len,
		    e);
	if (rc == 0)
		rc = book_audit(t, op->b, BOOK_CONTACT, op->c->id, "add", NULL,
		    &data, e);
	buf_free(&data);
	return rc;
}

int
book_contact_add(struct book *b, struct contact *c, struct err *e)
{
	struct book_op	op = { b, c, NULL, 0 };

	if (contact_validate(c, e) != 0)
		return -1;
	if (c->owner == NULL)
		c->owner = xstrdup(b->user);
	c->rev = 1;
	book_stamp(b, &c->created, &c->created_by, &c->updated,
	    &c->updated_by);
	return store_txn_run(b->store, 0, book_contact_add_fn, &op, e);
}

static int
book_get_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_op	*op = arg;
	struct buf	 data = BUF_INIT;
	int		 rc, table;

	table = op->c != NULL ? BOOK_T_CONTACT : BOOK_T_ACTIVITY;
	rc = store_get(t, table, op->id, &data, 0, e);
	if (rc == 0 && table == BOOK_T_CONTACT) {
		contact_free(op->c);
		op->c = contact_decode(data.data, data.len, e);
		rc = op->c == NULL ? -1 : 0;
	} else if (rc == 0) {
		activity_free(op->a);
		op->a = activity_decode(data.data, data.len, e);
		rc = op->a == NULL ? -1 : 0;
	}
	buf_free(&data);
	return rc;
}

int
book_contact_get(struct book *b, uint64_t id, struct contact **out,
    struct err *e)
{
	struct book_op	op = { b, contact_new(), NULL, id };
	char		ids[32];
	int		rc;

	*out = NULL;
	rc = store_txn_run(b->store, STORE_READ, book_get_fn, &op, e);
	if (rc == 0 && !book_visible(b, op.c))
		rc = STORE_NOTFOUND;
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "no contact %s",
		    book_id_format(BOOK_CONTACT, id, ids, sizeof ids));
		rc = BOOK_NOTFOUND;
	}
	if (rc != 0) {
		contact_free(op.c);
		return rc;
	}
	op.c->id = id;
	*out = op.c;
	return 0;
}

/* Refuses to write over a revision other than the one that was read. */
static int
book_check_rev(char kind, uint64_t id, const struct buf *old, uint64_t rev,
    struct contact *mine, struct err *e)
{
	struct contact	*c = NULL;
	struct activity	*a = NULL;
	uint64_t	 have;
	const char	*who;
	time_t		 when;
	char		 ts[32], ids[32];

	if (kind == BOOK_CONTACT) {
		if ((c = contact_decode(old->data, old->len, e)) == NULL)
			return -1;
		have = c->rev, who = c->updated_by, when = c->updated;
	} else {
		if ((a = activity_decode(old->data, old->len, e)) == NULL)
			return -1;
		have = a->rev, who = a->updated_by, when = a->updated;
	}
	/* kith keeps last-contact itself: an edit never winds it back. */
	if (have == rev && c != NULL && mine != NULL &&
	    c->last_contact > mine->last_contact)
		mine->last_contact = c->last_contact;
	if (have != rev) {
		err_set(e, NULL, 0, "%s was changed by %s at %s since it was "
		    "read: not saved", book_id_format(kind, id, ids,
		    sizeof ids), who ? who : "someone",
		    when_format(when, 0, ts, sizeof ts));
	}
	contact_free(c);
	activity_free(a);
	return have != rev ? BOOK_CONFLICT : 0;
}

static int
book_save_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_op	*op = arg;
	struct buf	 old = BUF_INIT, new = BUF_INIT;
	char		 kind = op->c != NULL ? BOOK_CONTACT : BOOK_ACTIVITY;
	int		 table = book_table_of(kind), rc;
	uint64_t	 rev;

	rc = store_get(t, table, op->id, &old, STORE_RMW, e);
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "it was deleted by someone else meanwhile");
		rc = BOOK_NOTFOUND;
	}
	rev = op->c != NULL ? op->c->rev : op->a->rev;
	if (rc == 0)
		rc = book_check_rev(kind, op->id, &old, rev, op->c, e);
	if (rc == 0) {
		if (op->c != NULL) {
			op->c->rev++;
			contact_encode(op->c, &new);
		} else {
			op->a->rev++;
			activity_encode(op->a, &new);
		}
		rc = store_put(t, table, op->id, new.data, new.len, e);
		if (rc == 0 && op->c != NULL)
			rc = book_text_update(t, op->id, &old, new.data,
			    new.len, e);
		if (rc == 0)
			rc = book_audit(t, op->b, kind, op->id, "set", &old,
			    &new, e);
		if (rc != 0 && op->c != NULL)	/* a retry starts over */
			op->c->rev--;
		else if (rc != 0)
			op->a->rev--;
	}
	buf_free(&old);
	buf_free(&new);
	return rc;
}

int
book_contact_save(struct book *b, struct contact *c, struct err *e)
{
	struct book_op	op = { b, c, NULL, c->id };

	if (contact_validate(c, e) != 0)
		return -1;
	book_stamp(b, NULL, NULL, &c->updated, &c->updated_by);
	return store_txn_run(b->store, 0, book_save_fn, &op, e);
}

/* Deletes a record, keeping it whole in the audit trail. */
static int
book_del(struct store_txn *t, struct book *b, char kind, uint64_t id,
    struct err *e)
{
	struct buf	old = BUF_INIT;
	int		table = book_table_of(kind), rc;

	rc = store_get(t, table, id, &old, STORE_RMW, e);
	if (rc == 0)
		rc = store_del(t, table, id, e);
	if (rc == 0 && kind == BOOK_CONTACT)
		rc = book_text_update(t, id, &old, NULL, 0, e);
	if (rc == 0)
		rc = book_audit(t, b, kind, id, "rm", &old, NULL, e);
	buf_free(&old);
	return rc;
}

static int
book_contact_remove_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_op		*op = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	unsigned char		 key[8];
	uint64_t		*ids = NULL;
	size_t			 n = 0, i;
	int			 rc;

	if ((rc = book_del(t, op->b, BOOK_CONTACT, op->id, e)) != 0)
		return rc;
	rc = store_cursor_open(t, BOOK_T_ACTIVITY, BOOK_I_ACT_CONTACT, 0, &c,
	    e);
	if (rc != 0)
		return rc;
	store_id_key(op->id, key);
	for (rc = store_cursor_seek(c, key, 8, &row); rc == 0 &&
	    row.klen >= 8 && memcmp(row.key, key, 8) == 0;
	    rc = store_cursor_next(c, &row)) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = row.id;
	}
	store_cursor_close(c);
	if (rc == STORE_NOTFOUND)
		rc = 0;
	for (i = 0; rc == 0 && i < n; i++)
		rc = book_del(t, op->b, BOOK_ACTIVITY, ids[i], e);
	free(ids);
	return rc;
}

int
book_contact_remove(struct book *b, uint64_t id, struct err *e)
{
	struct book_op	 op = { b, NULL, NULL, id };
	struct contact	*c;
	int		 rc;

	if ((rc = book_contact_get(b, id, &c, e)) != 0)
		return rc;
	contact_free(c);
	rc = store_txn_run(b->store, 0, book_contact_remove_fn, &op, e);
	return rc == STORE_NOTFOUND ? BOOK_NOTFOUND : rc;
}

/* Records that the contact was in touch now (for retention queries). */
static int
book_touch(struct store_txn *t, struct book_op *op, time_t when,
    struct err *e)
{
	struct buf	 data = BUF_INIT;
	struct contact	*c;
	int		 rc;

	if (op->a->contact == 0)	/* an imported to-do of nobody's */
		return 0;
	rc = store_get(t, BOOK_T_CONTACT, op->a->contact, &data, STORE_RMW, e);
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "no contact c%llu",
		    (unsigned long long)op->a->contact);
		rc = BOOK_NOTFOUND;
	}
	if (rc != 0 || (c = contact_decode(data.data, data.len, e)) == NULL) {
		buf_free(&data);
		return rc != 0 ? rc : -1;
	}
	if (when > c->last_contact) {
		c->last_contact = when;
		buf_reset(&data);
		contact_encode(c, &data);
		rc = store_put(t, BOOK_T_CONTACT, op->a->contact, data.data,
		    data.len, e);
	}
	contact_free(c);
	buf_free(&data);
	return rc;
}

static int
book_activity_add_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_op	*op = arg;
	struct buf	 data = BUF_INIT;
	int		 rc;

	rc = book_touch(t, op, op->a->done ? op->a->done_at : 0, e);
	if (rc == 0)
		rc = store_next_id(t, BOOK_T_ACTIVITY, &op->a->id, e);
	if (rc != 0)
		return rc;
	if (op->a->uid == NULL)
		op->a->uid = xasprintf("kith-a%llu-%lld@%s",
		    (unsigned long long)op->a->id, (long long)op->a->created,
		    op->b->user);
	activity_encode(op->a, &data);
	rc = store_put(t, BOOK_T_ACTIVITY, op->a->id, data.data, data.len, e);
	if (rc == 0)
		rc = book_audit(t, op->b, BOOK_ACTIVITY, op->a->id, "add",
		    NULL, &data, e);
	buf_free(&data);
	return rc;
}

int
book_activity_add(struct book *b, struct activity *a, struct err *e)
{
	struct book_op	op = { b, NULL, a, 0 };
	char		*uid = a->uid;
	int		 rc;

	if (a->owner == NULL)
		a->owner = xstrdup(b->user);
	a->rev = 1;
	book_stamp(b, &a->created, &a->created_by, &a->updated,
	    &a->updated_by);
	rc = store_txn_run(b->store, 0, book_activity_add_fn, &op, e);
	if (rc != 0 && uid == NULL) {
		free(a->uid);
		a->uid = NULL;
	}
	return rc;
}

int
book_activity_get(struct book *b, uint64_t id, struct activity **out,
    struct err *e)
{
	struct book_op	op = { b, NULL, activity_new(), id };
	char		ids[32];
	int		rc;

	*out = NULL;
	rc = store_txn_run(b->store, STORE_READ, book_get_fn, &op, e);
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "no activity %s",
		    book_id_format(BOOK_ACTIVITY, id, ids, sizeof ids));
		rc = BOOK_NOTFOUND;
	}
	if (rc != 0) {
		activity_free(op.a);
		return rc;
	}
	op.a->id = id;
	*out = op.a;
	return 0;
}

static int
book_activity_save_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_op	*op = arg;
	int		 rc;

	if (op->a->done && (rc = book_touch(t, op, op->a->done_at, e)) != 0)
		return rc;
	return book_save_fn(t, arg, e);
}

int
book_activity_save(struct book *b, struct activity *a, struct err *e)
{
	struct book_op	op = { b, NULL, a, a->id };

	book_stamp(b, NULL, NULL, &a->updated, &a->updated_by);
	return store_txn_run(b->store, 0, book_activity_save_fn, &op, e);
}

static int
book_activity_remove_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_op	*op = arg;

	return book_del(t, op->b, BOOK_ACTIVITY, op->id, e);
}

int
book_activity_remove(struct book *b, uint64_t id, struct err *e)
{
	struct book_op	op = { b, NULL, NULL, id };
	char		ids[32];
	int		rc;

	rc = store_txn_run(b->store, 0, book_activity_remove_fn, &op, e);
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "no activity %s",
		    book_id_format(BOOK_ACTIVITY, id, ids, sizeof ids));
		rc = BOOK_NOTFOUND;
	}
	return rc;
}

struct book_done {
	struct book_op	 op;
	struct activity	*hist;
};

static int
book_done_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_done	*d = arg;
	struct book_op		 hop = { d->op.b, NULL, d->hist, 0 };
	int			 rc;

	if (d->hist != NULL) {
		if ((rc = book_activity_add_fn(t, &hop, e)) != 0)
			return rc;
	}
	return book_activity_save_fn(t, &d->op, e);
}

int
book_activity_done(struct book *b, struct activity *a, const char *result,
    time_t next, struct err *e)
{
	struct book_done	 d;
	struct activity		*h = NULL;
	time_t			 now = time(NULL), due = a->due;
	int			 rc;

	memset(&d, 0, sizeof d);
	d.op.b = b;
	d.op.a = a;
	d.op.id = a->id;
	if (next != 0) {
		h = activity_copy(a);
		h->id = 0;
		h->rev = 1;
		free(h->rrule);
		h->rrule = NULL;
		free(h->uid);
		h->uid = NULL;
		h->done = 1;
		h->done_at = now;
		h->alarmed = h->snoozed = h->start = 0;
		free(h->result);
		h->result = result != NULL ? xstrdup(result) : NULL;
		book_stamp(b, &h->created, &h->created_by, &h->updated,
		    &h->updated_by);
		h->created = now;
		a->due = next;
		a->alarmed = a->snoozed = 0;
	} else {
		a->done = 1;
		a->done_at = now;
		free(a->result);
		a->result = result != NULL ? xstrdup(result) : NULL;
	}
	d.hist = h;
	book_stamp(b, NULL, NULL, &a->updated, &a->updated_by);
	rc = store_txn_run(b->store, 0, book_done_fn, &d, e);
	if (rc != 0) {
		a->due = due;
		a->done = 0;
	}
	activity_free(h);
	return rc;
}
