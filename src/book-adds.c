/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Many new activities in one transaction, as an import of follow-ups
 * adds them: ids reserved in a row, the records and their audit entries
 * each written by the store's bulk writer (indexes sorted, in key order),
 * the audit entries without a copy of the record (book-int.h), and each
 * contact they are with read once, and written once when a completed one
 * moves its last contact on.  One put, one audit entry and one contact
 * rewritten per activity took half of an import.
 */
#include "book.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "store.h"
#include "xmalloc.h"

struct book_adds {
	struct book	 *b;
	struct activity	**v;
	char		**had;		/* the UIDs they came with */
	size_t		  n;
};

/* A contact touched and the latest completion among its activities. */
struct book_touch {
	uint64_t	id;
	time_t		when;
};

static int
book_touch_cmp(const void *pa, const void *pb)
{
	const struct book_touch	*a = pa, *b = pb;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->when < b->when ? -1 : a->when > b->when;
}

/* The contact must be there; its last contact moves to when if later. */
static int
book_adds_touch(struct store_txn *t, uint64_t id, time_t when,
    struct buf *data, struct err *e)
{
	struct contact	*c;
	int		 rc;

	buf_reset(data);
	rc = store_get(t, BOOK_T_CONTACT, id, data, STORE_RMW, e);
	if (rc == STORE_NOTFOUND) {
		err_set(e, NULL, 0, "no contact c%llu",
		    (unsigned long long)id);
		return BOOK_NOTFOUND;
	}
	if (rc != 0 || when == 0)
		return rc;
	if ((c = contact_decode(data->data, data->len, e)) == NULL)
		return -1;
	if (when > c->last_contact) {
		c->last_contact = when;
		buf_reset(data);
		contact_encode(c, data);
		rc = store_put(t, BOOK_T_CONTACT, id, data->data, data->len,
		    e);
	}
	contact_free(c);
	return rc;
}

/* Each contact once, in id order, with its latest completion. */
static int
book_adds_touch_all(struct store_txn *t, struct book_adds *m, struct err *e)
{
	struct book_touch	*v = xreallocarray(NULL, m->n + 1, sizeof *v);
	struct buf		 data = BUF_INIT;
	size_t			 i, k = 0;
	int			 rc = 0;

	for (i = 0; i < m->n; i++) {
		if (m->v[i]->contact == 0)	/* an imported to-do of
						 * nobody's */
			continue;
		v[k].id = m->v[i]->contact;
		v[k++].when = m->v[i]->done ? m->v[i]->done_at : 0;
	}
	qsort(v, k, sizeof *v, book_touch_cmp);
	for (i = 0; rc == 0 && i < k; i++) {
		if (i + 1 < k && v[i + 1].id == v[i].id)
			continue;	/* the last of a run is the latest */
		rc = book_adds_touch(t, v[i].id, v[i].when, &data, e);
	}
	buf_free(&data);
	free(v);
	return rc;
}

/* The records and their audit entries, one bulk write each. */
static int
book_adds_put_all(struct store_txn *t, struct book_adds *m, uint64_t id,
    uint64_t aid, struct err *e)
{
	struct store_bulk	*ba = NULL, *bu = NULL;
	struct buf		 data = BUF_INIT, au = BUF_INIT;
	struct activity		*a;
	size_t			 i;
	int			 rc;

	rc = store_bulk_begin(t, BOOK_T_ACTIVITY, &ba, e);
	if (rc == 0)
		rc = store_bulk_begin(t, BOOK_T_AUDIT, &bu, e);
	for (i = 0; rc == 0 && i < m->n; i++) {
		a = m->v[i];
		a->id = id++;
		if (m->had[i] == NULL) {	/* again on a retry */
			free(a->uid);
			a->uid = xasprintf("kith-a%llu-%lld@%s",
			    (unsigned long long)a->id, (long long)a->created,
			    m->b->user);
		}
		buf_reset(&data);
		activity_encode(a, &data);
		rc = store_bulk_put(ba, a->id, data.data, data.len, e);
		buf_reset(&au);
		book_audit_encode(m->b, BOOK_ACTIVITY, a->id, "add", NULL,
		    NULL, &au);
		if (rc == 0)
			rc = store_bulk_put(bu, aid++, au.data, au.len, e);
	}
	rc = store_bulk_finish(ba, rc, e);
	rc = store_bulk_finish(bu, rc, e);
	buf_free(&data);
	buf_free(&au);
	return rc;
}

static int
book_adds_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_adds	*m = arg;
	uint64_t		 id, aid;
	int			 rc;

	if ((rc = book_adds_touch_all(t, m, e)) != 0)
		return rc;
	rc = store_next_ids(t, BOOK_T_ACTIVITY, m->n, &id, e);
	if (rc == 0)
		rc = store_next_ids(t, BOOK_T_AUDIT, m->n, &aid, e);
	if (rc == 0)
		rc = book_adds_put_all(t, m, id, aid, e);
	return rc;
}

/* Many in one transaction: an import is all or nothing, one sync. */
int
book_activities_add(struct book *b, struct activity **v, size_t n,
    struct err *e)
{
	struct book_adds	 m = { b, v, NULL, n };
	time_t			 now = time(NULL);
	size_t			 i;
	int			 rc = 0;

	m.had = xcalloc(n + 1, sizeof *m.had);
	for (i = 0; i < n; i++) {
		if (v[i]->owner == NULL)
			v[i]->owner = xstrdup(b->user);
		v[i]->rev = 1;
		if (v[i]->created == 0) {	/* as book_activity_add */
			v[i]->created = now;
			free(v[i]->created_by);
			v[i]->created_by = xstrdup(b->user);
		}
		v[i]->updated = now;
		free(v[i]->updated_by);
		v[i]->updated_by = xstrdup(b->user);
		m.had[i] = v[i]->uid;
	}
	if (n > 0)
		rc = store_txn_run(b->store, 0, book_adds_fn, &m, e);
	for (i = 0; rc != 0 && i < n; i++) {
		if (m.had[i] == NULL) {	/* a UID made for a failed add */
			free(v[i]->uid);
			v[i]->uid = NULL;
		}
	}
	free(m.had);
	return rc;
}
