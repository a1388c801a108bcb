/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the audit trail: the history of one record, and restoring a
 * deleted contact (with the activities deleted with it) from it. */
#include "book.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "record.h"
#include "store.h"
#include "xmalloc.h"

struct book_hist {
	struct book		 *b;
	char			  kind;
	uint64_t		  id;
	struct book_audit_entry	 *v;
	size_t			  n;
};

static char *
book_audit_str(const struct record *r, uint32_t tag)
{
	const struct record_item	*it = record_get(r, tag);

	return xstrdup(it != NULL ? it->value : "");
}

static void *
book_audit_blob(const struct record *r, uint32_t tag, size_t *len)
{
	const struct record_item	*it = record_get(r, tag);
	void				*p;

	*len = 0;
	if (it == NULL || it->len == 0)
		return NULL;
	p = xmalloc(it->len);
	memcpy(p, it->value, it->len);
	*len = it->len;
	return p;
}

/* Decodes one audit record into an entry the caller owns. */
static int
book_audit_entry(uint64_t seq, const void *data, size_t len,
    struct book_audit_entry *out, struct err *e)
{
	struct record			*r;
	const struct record_item	*k;

	if ((r = record_decode(data, len, e)) == NULL)
		return -1;
	memset(out, 0, sizeof *out);
	out->seq = seq;
	out->when = (time_t)record_getu(r, BOOK_AUDIT_TIME, 0);
	out->user = book_audit_str(r, BOOK_AUDIT_USER);
	k = record_get(r, BOOK_AUDIT_KIND);
	out->kind = k != NULL && k->len == 1 ? k->value[0] : '?';
	out->target = record_getu(r, BOOK_AUDIT_TARGET, 0);
	out->action = book_audit_str(r, BOOK_AUDIT_ACTION);
	out->old = book_audit_blob(r, BOOK_AUDIT_OLD, &out->oldlen);
	out->new = book_audit_blob(r, BOOK_AUDIT_NEW, &out->newlen);
	record_free(r);
	return 0;
}

static void
book_audit_entry_clear(struct book_audit_entry *x)
{
	free(x->user);
	free(x->action);
	free(x->old);
	free(x->new);
}

void
book_history_free(struct book_audit_entry *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		book_audit_entry_clear(&v[i]);
	free(v);
}

/* Gives a creation entry stored without its version (book-int.h) the
 * version it made: the next entry's old one, or the record as it is. */
static int
book_history_fill(struct store_txn *t, struct book_hist *h, struct err *e)
{
	struct book_audit_entry	*x;
	struct buf		 cur = BUF_INIT;
	size_t			 i;
	int			 rc;

	for (i = 0; i < h->n; i++) {
		x = &h->v[i];
		if (x->oldlen != 0 || x->newlen != 0)
			continue;
		if (i + 1 < h->n && h->v[i + 1].oldlen != 0) {
			x->newlen = h->v[i + 1].oldlen;
			x->new = xmalloc(x->newlen);
			memcpy(x->new, h->v[i + 1].old, x->newlen);
			continue;
		}
		rc = store_get(t, book_table_of(h->kind), h->id, &cur, 0, e);
		if (rc < 0)
			return rc;
		if (rc == 0 && cur.len > 0) {
			x->newlen = cur.len;
			x->new = xmalloc(cur.len);
			memcpy(x->new, cur.data, cur.len);
		}
		buf_free(&cur);
	}
	return 0;
}

/* The entries of one record, oldest first, from the audit index. */
static int
book_history_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_hist	*h = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	struct buf		 key = BUF_INIT;
	unsigned char		 k[8];
	int			 rc;

	book_history_free(h->v, h->n);
	h->v = NULL;
	h->n = 0;
	rc = store_cursor_open(t, BOOK_T_AUDIT, BOOK_I_AUDIT, STORE_CUR_DATA,
	    &c, e);
	if (rc != 0)
		return rc;
	store_id_key(h->id, k);
	buf_addc(&key, h->kind);
	buf_add(&key, k, 8);
	for (rc = store_cursor_find(c, key.data, key.len, &row); rc == 0;
	    rc = store_cursor_next_dup(c, &row)) {
		h->v = xreallocarray(h->v, h->n + 1, sizeof *h->v);
		if (book_audit_entry(row.id, row.data, row.dlen, &h->v[h->n],
		    e) != 0) {
			rc = -1;
			break;
		}
		h->n++;
	}
	if (rc == -1 && e->msg[0] == '\0')
		err_set(e, NULL, 0, "audit: %s", store_cursor_error(c));
	store_cursor_close(c);
	buf_free(&key);
	if (rc == STORE_NOTFOUND)
		rc = book_history_fill(t, h, e);
	return rc;
}

/* Whether the last known state of a contact is one this user may see. */
static int
book_history_visible(struct book *b, const struct book_audit_entry *last)
{
	struct contact	*c;
	int		 ok;

	if (last->kind != BOOK_CONTACT)
		return 1;
	c = last->newlen ? contact_decode(last->new, last->newlen, NULL) :
	    last->oldlen ? contact_decode(last->old, last->oldlen, NULL) :
	    NULL;
	ok = c == NULL || book_visible(b, c);
	contact_free(c);
	return ok;
}

int
book_history(struct book *b, char kind, uint64_t id,
    struct book_audit_entry **out, size_t *n, struct err *e)
{
	struct book_hist	h = { b, kind, id, NULL, 0 };
	char			ids[32];
	int			rc;

	*out = NULL;
	*n = 0;
	rc = store_txn_run(b->store, STORE_READ, book_history_fn, &h, e);
	if (rc != 0) {
		book_history_free(h.v, h.n);
		return rc;
	}
	if (h.n == 0 || !book_history_visible(b, &h.v[h.n - 1])) {
		book_history_free(h.v, h.n);
		err_set(e, NULL, 0, "no history of %s",
		    book_id_format(kind, id, ids, sizeof ids));
		return BOOK_NOTFOUND;
	}
	*out = h.v;
	*n = h.n;
	return 0;
}

struct book_restore {
	struct book	*b;
	uint64_t	 id;
	size_t		 nact;
};

/* Puts a record back as it was deleted, a revision later, audited. */
static int
book_restore_put(struct store_txn *t, struct book *b, char kind,
    uint64_t id, const struct book_audit_entry *rm, struct err *e)
{
	struct buf	 data = BUF_INIT;
	struct contact	*c = NULL;
	struct activity	*a = NULL;
	time_t		 now = time(NULL);
	int		 rc;

	if (kind == BOOK_CONTACT &&
	    (c = contact_decode(rm->old, rm->oldlen, e)) != NULL) {
		c->rev++;
		c->updated = now;
		free(c->updated_by);
		c->updated_by = xstrdup(b->user);
		contact_encode(c, &data);
	} else if (kind == BOOK_ACTIVITY &&
	    (a = activity_decode(rm->old, rm->oldlen, e)) != NULL) {
		a->rev++;
		a->updated = now;
		free(a->updated_by);
		a->updated_by = xstrdup(b->user);
		activity_encode(a, &data);
	}
	if (c == NULL && a == NULL)
		return -1;
	rc = store_put(t, book_table_of(kind), id, data.data, data.len, e);
	if (rc == 0 && kind == BOOK_CONTACT)
		rc = book_text_update(t, id, NULL, data.data, data.len, e);
	if (rc == 0)
		rc = book_audit(t, b, kind, id, "restore", NULL, &data, e);
	contact_free(c);
	activity_free(a);
	buf_free(&data);
	return rc;
}

/* The audit entry with this sequence number (BOOK_NOTFOUND when none). */
static int
book_audit_get(struct store_txn *t, uint64_t seq,
    struct book_audit_entry *out, struct err *e)
{
	struct buf	data = BUF_INIT;
	int		rc;

	rc = store_get(t, BOOK_T_AUDIT, seq, &data, 0, e);
	if (rc == 0)
		rc = book_audit_entry(seq, data.data, data.len, out, e);
	buf_free(&data);
	return rc == STORE_NOTFOUND ? BOOK_NOTFOUND : rc;
}

/* Activities deleted with the contact follow its "rm" entry directly:
 * they were deleted in the same transaction. */
static int
book_restore_acts(struct store_txn *t, struct book_restore *r,
    uint64_t seq, struct err *e)
{
	struct book_audit_entry	 x;
	struct activity		*a;
	int			 rc, mine;

	for (;; seq++) {
		if ((rc = book_audit_get(t, seq, &x, e)) != 0)
			return rc == BOOK_NOTFOUND ? 0 : rc;
		mine = x.kind == BOOK_ACTIVITY && strcmp(x.action, "rm") == 0 &&
		    (a = activity_decode(x.old, x.oldlen, NULL)) != NULL &&
		    a->contact == r->id;
		if (mine)
			activity_free(a);
		if (mine)
			rc = book_restore_put(t, r->b, BOOK_ACTIVITY, x.target,
			    &x, e);
		book_audit_entry_clear(&x);
		if (!mine || rc != 0)
			return rc;
		r->nact++;
	}
}

static int
book_restore_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_restore	*r = arg;
	struct book_hist	 h = { r->b, BOOK_CONTACT, r->id, NULL, 0 };
	struct buf		 cur = BUF_INIT;
	char			 ids[32];
	int			 rc;

	r->nact = 0;
	book_id_format(BOOK_CONTACT, r->id, ids, sizeof ids);
	rc = store_get(t, BOOK_T_CONTACT, r->id, &cur, STORE_RMW, e);
	buf_free(&cur);
	if (rc == 0) {
		err_set(e, NULL, 0, "%s exists: nothing to restore", ids);
		return -1;
	}
	if (rc != STORE_NOTFOUND || (rc = book_history_fn(t, &h, e)) != 0)
		return rc;
	if (h.n == 0 || strcmp(h.v[h.n - 1].action, "rm") != 0 ||
	    h.v[h.n - 1].oldlen == 0) {
		err_set(e, NULL, 0, "%s was never deleted: nothing to "
		    "restore", ids);
		rc = BOOK_NOTFOUND;
	} else if (!book_history_visible(r->b, &h.v[h.n - 1])) {
		err_set(e, NULL, 0, "no history of %s", ids);
		rc = BOOK_NOTFOUND;
	} else if ((rc = book_restore_put(t, r->b, BOOK_CONTACT, r->id,
	    &h.v[h.n - 1], e)) == 0)
		rc = book_restore_acts(t, r, h.v[h.n - 1].seq + 1, e);
	book_history_free(h.v, h.n);
	return rc;
}

int
book_contact_restore(struct book *b, uint64_t id, size_t *nact,
    struct err *e)
{
	struct book_restore	r = { b, id, 0 };
	int			rc;

	rc = store_txn_run(b->store, 0, book_restore_fn, &r, e);
	if (nact != NULL)
		*nact = r.nact;
	return rc;
}
