/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deals and support cases: add, get, save (refusing a stale revision),
 * remove and list, each write one transaction with its audit entry; and
 * book_each, a walk over every record of a kind for reports. */
#include "book.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "record.h"
#include "store.h"
#include "ticket.h"
#include "when.h"
#include "xmalloc.h"

/* What differs between deals and cases; the common members are found
 * through the field catalogue's offsets. */
struct book_ops {
	char			 kind;
	const char		*noun;
	int			 table;
	int			 index;
	const struct field_def	*defs;
	const size_t		*ndefs;
	size_t			 id_off;
	void			*(*decode)(const void *, size_t, struct err *);
	void			 (*encode)(const void *, struct buf *);
	void			 (*free)(void *);
	int			 (*on_save)(struct store_txn *, struct book *,
				     const void *, const void *, struct err *);
};

struct book_obj_op {
	struct book		*b;
	const struct book_ops	*ops;
	void			*obj;
	uint64_t		 id;
	void			**v;
	size_t			 n;
	book_each_fn		 fn;
	void			*arg;
};

static void *
book_deal_decode(const void *p, size_t len, struct err *e)
{
	return deal_decode(p, len, e);
}

static void
book_deal_encode(const void *o, struct buf *out)
{
	deal_encode(o, out);
}

static void
book_deal_free(void *o)
{
	deal_free(o);
}

static void *
book_case_decode(const void *p, size_t len, struct err *e)
{
	return ticket_decode(p, len, e);
}

static void
book_case_encode(const void *o, struct buf *out)
{
	ticket_encode(o, out);
}

static void
book_case_free(void *o)
{
	ticket_free(o);
}

static int	book_deal_on_save(struct store_txn *, struct book *,
		    const void *, const void *, struct err *);

static const struct book_ops book_deal_ops = {
	BOOK_DEAL, "deal", BOOK_T_DEAL, BOOK_I_DEAL_CONTACT, deal_fields,
	&deal_nfields, offsetof(struct deal, id), book_deal_decode,
	book_deal_encode, book_deal_free, book_deal_on_save
};
static const struct book_ops book_case_ops = {
	BOOK_CASE, "case", BOOK_T_CASE, BOOK_I_CASE_CONTACT, ticket_fields,
	&ticket_nfields, offsetof(struct ticket, id), book_case_decode,
	book_case_encode, book_case_free, NULL
};

/* A member of obj by its catalogue name. */
static void *
book_member(const struct book_ops *ops, void *obj, const char *name)
{
	const struct field_def	*d = field_find(ops->defs, *ops->ndefs, name);

	if (d == NULL)
		fatal("book_member: no field %s", name);
	return (char *)obj + d->off;
}

static uint64_t *
book_obj_id(const struct book_ops *ops, void *obj)
{
	return (uint64_t *)((char *)obj + ops->id_off);
}

static void
book_obj_stamp(struct book *b, const struct book_ops *ops, void *obj,
    int creating)
{
	time_t	now = time(NULL);
	char	**s;

	if (creating) {
		*(time_t *)book_member(ops, obj, "created") = now;
		s = book_member(ops, obj, "created-by");
		free(*s);
		*s = xstrdup(b->user);
		s = book_member(ops, obj, "owner");
		if (*s == NULL)
			*s = xstrdup(b->user);
	}
	*(time_t *)book_member(ops, obj, "updated") = now;
	s = book_member(ops, obj, "updated-by");
	free(*s);
	*s = xstrdup(b->user);
}

static int
book_obj_add_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_obj_op	*op = arg;
	struct buf		 data = BUF_INIT;
	uint64_t		*id = book_obj_id(op->ops, op->obj);
	int			 rc;

	if ((rc = store_next_id(t, op->ops->table, id, e)) != 0)
		return rc;
	op->ops->encode(op->obj, &data);
	rc = store_put(t, op->ops->table, *id, data.data, data.len, e);
	if (rc == 0)
		rc = book_audit(t, op->b, op->ops->kind, *id, "add", NULL,
		    &data, e);
	buf_free(&data);
	return rc;
}

/* The contact must exist (and be visible) for a deal or case to link. */
static int
book_obj_check_contact(struct book *b, const struct book_ops *ops, void *obj,
    struct err *e)
{
	uint64_t	 cid = *(uint64_t *)book_member(ops, obj, "contact");
	struct contact	*c;
	int		 rc;

	if (cid == 0) {
		err_set(e, NULL, 0, "a %s needs a contact", ops->noun);
		return -1;
	}
	rc = book_contact_get(b, cid, &c, e);
	contact_free(c);
	return rc;
}

static int
book_obj_add(struct book *b, const struct book_ops *ops, void *obj,
    struct err *e)
{
	struct book_obj_op	op = { b, ops, obj, 0, NULL, 0, NULL, NULL };
	int			rc;

	if ((rc = book_obj_check_contact(b, ops, obj, e)) != 0)
		return rc;
	*(uint64_t *)book_member(ops, obj, "rev") = 1;
	book_obj_stamp(b, ops, obj, 1);
	return store_txn_run(b->store, 0, book_obj_add_fn, &op, e);
}

static int
book_obj_get_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_obj_op	*op = arg;
	struct buf		 data = BUF_INIT;
	int			 rc;

	rc = store_get(t, op->ops->table, op->id, &data, 0, e);
	if (rc == 0) {
		op->ops->free(op->obj);
		op->obj = op->ops->decode(data.data, data.len, e);
		rc = op->obj == NULL ? -1 : 0;
	}
	buf_free(&data);
	return rc;
}

static int
book_obj_get(struct book *b, const struct book_ops *ops, uint64_t id,
    void **out, struct err *e)
{
	struct book_obj_op	op = { b, ops, NULL, id, NULL, 0, NULL, NULL };
	char			ids[32];
	int			rc;

	*out = NULL;
	rc = store_txn_run(b->store, STORE_READ, book_obj_get_fn, &op, e);
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "no %s %s", ops->noun,
		    book_id_format(ops->kind, id, ids, sizeof ids));
		rc = BOOK_NOTFOUND;
	}
	if (rc != 0) {
		if (op.obj != NULL)
			ops->free(op.obj);
		return rc;
	}
	*book_obj_id(ops, op.obj) = id;
	*out = op.obj;
	return 0;
}

/* Refuses to write over a revision other than the one that was read. */
static int
book_obj_check_rev(const struct book_obj_op *op, void *old, struct err *e)
{
	const struct book_ops	*ops = op->ops;
	uint64_t		 have = *(uint64_t *)book_member(ops, old, "rev");
	uint64_t		 want = *(uint64_t *)book_member(ops, op->obj,
				     "rev");
	char			*who = *(char **)book_member(ops, old,
				     "updated-by");
	time_t			 when = *(time_t *)book_member(ops, old,
				     "updated");
	char			 ts[32], ids[32];

	if (have == want)
		return 0;
	err_set(e, NULL, 0, "%s was changed by %s at %s since it was read: "
	    "not saved", book_id_format(op->ops->kind, op->id, ids,
	    sizeof ids), who ? who : "someone", when_format(when, 0, ts,
	    sizeof ts));
	return BOOK_CONFLICT;
}

static int
book_obj_save_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_obj_op	*op = arg;
	struct buf		 old = BUF_INIT, new = BUF_INIT;
	uint64_t		*rev = book_member(op->ops, op->obj, "rev");
	void			*prev = NULL;
	int			 rc;

	rc = store_get(t, op->ops->table, op->id, &old, STORE_RMW, e);
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "it was deleted by someone else meanwhile");
		rc = BOOK_NOTFOUND;
	}
	if (rc == 0 && (prev = op->ops->decode(old.data, old.len, e)) == NULL)
		rc = -1;
	if (rc == 0)
		rc = book_obj_check_rev(op, prev, e);
	if (rc == 0) {
		(*rev)++;
		op->ops->encode(op->obj, &new);
		rc = store_put(t, op->ops->table, op->id, new.data, new.len, e);
		if (rc == 0)
			rc = book_audit(t, op->b, op->ops->kind, op->id, "set",
			    &old, &new, e);
		if (rc == 0 && op->ops->on_save != NULL)
			rc = op->ops->on_save(t, op->b, prev, op->obj, e);
		if (rc != 0)	/* a retry starts over */
			(*rev)--;
	}
	if (prev != NULL)
		op->ops->free(prev);
	buf_free(&old);
	buf_free(&new);
	return rc;
}

static int
book_obj_save(struct book *b, const struct book_ops *ops, void *obj,
    struct err *e)
{
	struct book_obj_op	op = { b, ops, obj, *book_obj_id(ops, obj),
				    NULL, 0, NULL, NULL };

	book_obj_stamp(b, ops, obj, 0);
	return store_txn_run(b->store, 0, book_obj_save_fn, &op, e);
}

static int
book_obj_remove_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_obj_op	*op = arg;
	struct buf		 old = BUF_INIT;
	int			 rc;

	rc = store_get(t, op->ops->table, op->id, &old, STORE_RMW, e);
	if (rc == 0)
		rc = store_del(t, op->ops->table, op->id, e);
	if (rc == 0)
		rc = book_audit(t, op->b, op->ops->kind, op->id, "rm", &old,
		    NULL, e);
	buf_free(&old);
	return rc;
}

static int
book_obj_remove(struct book *b, const struct book_ops *ops, uint64_t id,
    struct err *e)
{
	struct book_obj_op	op = { b, ops, NULL, id, NULL, 0, NULL, NULL };
	char			ids[32];
	int			rc;

	rc = store_txn_run(b->store, 0, book_obj_remove_fn, &op, e);
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "no %s %s", ops->noun,
		    book_id_format(ops->kind, id, ids, sizeof ids));
		rc = BOOK_NOTFOUND;
	}
	return rc;
}

static int
book_obj_collect(const void *obj, void *arg)
{
	(void)obj;
	(void)arg;
	return 0;
}

/* Decodes one row and hands it on: to fn, or kept in op->v. */
static int
book_obj_row(struct book_obj_op *op, const struct store_row *row,
    struct err *e)
{
	void	*obj = op->ops->decode(row->data, row->dlen, e);
	int	 rc = 0;

	if (obj == NULL)
		return -1;
	*book_obj_id(op->ops, obj) = row->id;
	if (op->fn != book_obj_collect) {
		rc = op->fn(obj, op->arg);
		op->ops->free(obj);
		return rc != 0 ? 1 : 0;
	}
	op->v = xreallocarray(op->v, op->n + 1, sizeof *op->v);
	op->v[op->n++] = obj;
	return 0;
}

static int
book_obj_list_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_obj_op	*op = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	unsigned char		 key[8];
	int			 rc, stop = 0;

	while (op->n > 0)	/* a retry starts over */
		op->ops->free(op->v[--op->n]);
	rc = store_cursor_open(t, op->ops->table, op->id ? op->ops->index : -1,
	    STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	store_id_key(op->id, key);
	rc = op->id ? store_cursor_find(c, key, 8, &row) :
	    store_cursor_seek(c, NULL, 0, &row);
	while (rc == 0 && stop == 0) {
		if ((stop = book_obj_row(op, &row, e)) < 0)
			break;
		rc = op->id ? store_cursor_next_dup(c, &row) :
		    store_cursor_next(c, &row);
	}
	if (rc < 0 && rc != STORE_RETRY)
		err_set(e, NULL, 0, "%s", store_cursor_error(c));
	store_cursor_close(c);
	if (stop < 0)
		return -1;
	return rc == STORE_NOTFOUND ? 0 : rc;
}

static int
book_obj_list(struct book *b, const struct book_ops *ops, uint64_t contact,
    void ***out, size_t *n, struct err *e)
{
	struct book_obj_op	op = { b, ops, NULL, contact, NULL, 0,
				    book_obj_collect, NULL };
	int			rc;

	rc = store_txn_run(b->store, STORE_READ, book_obj_list_fn, &op, e);
	if (rc != 0) {
		while (op.n > 0)
			ops->free(op.v[--op.n]);
		free(op.v);
		op.v = NULL;
	}
	*out = op.v;
	*n = op.n;
	return rc;
}

/* A stage change goes to the contact's history as a done note. */
static int
book_deal_on_save(struct store_txn *t, struct book *b, const void *prev,
    const void *cur, struct err *e)
{
	const struct deal	*o = prev, *d = cur;
	struct activity		*a;
	struct buf		 data = BUF_INIT;
	char			 ids[32];
	int			 rc;

	if ((o->stage == NULL && d->stage == NULL) || (o->stage != NULL &&
	    d->stage != NULL && strcmp(o->stage, d->stage) == 0))
		return 0;
	a = activity_new();
	a->contact = d->contact;
	a->kind = ACTIVITY_NOTE;
	a->done = 1;
	a->done_at = a->created = a->updated = time(NULL);
	a->owner = xstrdup(b->user);
	a->created_by = xstrdup(b->user);
	a->updated_by = xstrdup(b->user);
	a->rev = 1;
	a->subject = xasprintf("Deal %s \"%s\": stage %s -> %s",
	    book_id_format(BOOK_DEAL, d->id, ids, sizeof ids),
	    d->title ? d->title : "", o->stage ? o->stage : "none",
	    d->stage ? d->stage : "none");
	if ((rc = store_next_id(t, BOOK_T_ACTIVITY, &a->id, e)) == 0) {
		a->uid = xasprintf("kith-a%llu-%lld@%s",
		    (unsigned long long)a->id, (long long)a->created, b->user);
		activity_encode(a, &data);
		rc = store_put(t, BOOK_T_ACTIVITY, a->id, data.data, data.len,
		    e);
	}
	if (rc == 0)
		rc = book_audit(t, b, BOOK_ACTIVITY, a->id, "add", NULL, &data,
		    e);
	buf_free(&data);
	activity_free(a);
	return rc;
}

int
book_deal_add(struct book *b, struct deal *d, struct err *e)
{
	return book_obj_add(b, &book_deal_ops, d, e);
}

int
book_deal_get(struct book *b, uint64_t id, struct deal **out, struct err *e)
{
	return book_obj_get(b, &book_deal_ops, id, (void **)out, e);
}

int
book_deal_save(struct book *b, struct deal *d, struct err *e)
{
	return book_obj_save(b, &book_deal_ops, d, e);
}

int
book_deal_remove(struct book *b, uint64_t id, struct err *e)
{
	return book_obj_remove(b, &book_deal_ops, id, e);
}

int
book_deals(struct book *b, uint64_t contact, struct deal ***out, size_t *n,
    struct err *e)
{
	return book_obj_list(b, &book_deal_ops, contact, (void ***)out, n, e);
}

int
book_case_add(struct book *b, struct ticket *k, struct err *e)
{
	if (k->opened == 0)
		k->opened = time(NULL);
	if (k->status == NULL)
		k->status = xstrdup(ticket_statuses[TICKET_OPEN]);
	return book_obj_add(b, &book_case_ops, k, e);
}

int
book_case_get(struct book *b, uint64_t id, struct ticket **out,
    struct err *e)
{
	return book_obj_get(b, &book_case_ops, id, (void **)out, e);
}

int
book_case_save(struct book *b, struct ticket *k, struct err *e)
{
	return book_obj_save(b, &book_case_ops, k, e);
}

int
book_case_remove(struct book *b, uint64_t id, struct err *e)
{
	return book_obj_remove(b, &book_case_ops, id, e);
}

int
book_cases(struct book *b, uint64_t contact, struct ticket ***out,
    size_t *n, struct err *e)
{
	return book_obj_list(b, &book_case_ops, contact, (void ***)out, n, e);
}
