/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing many contacts in one transaction, with duplicates found
 * through the e-mail and phone indexes. */
#include "book.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <time.h>

#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "record.h"
#include "store.h"
#include "strmap.h"
#include "thread.h"
#include "utf8.h"
#include "xmalloc.h"

/* Phone numbers match on this many trailing digits (at least 7). */
#define BOOK_IMP_DIGITS	8

/* What becomes of each contact of an import: added, rejected, merged
 * into (or skipped for) an earlier one of the file or a stored one. */
enum {
	BOOK_IMP_ADD, BOOK_IMP_BAD, BOOK_IMP_DUP, BOOK_IMP_MERGED,
	BOOK_IMP_SKIPPED
};

struct book_imp {
	struct book		 *b;
	struct contact		**v;
	size_t			  n;
	struct book_import	 *imp;
	unsigned char		 *fate;		/* BOOK_IMP_* */
	size_t			  inmerged, inskipped;	/* within the file */
	struct book_text	 *text;	/* postings, written at the end */
};

/*
 * The first visible contact under an index key: exactly key, or (prefix)
 * any key starting with it, as the reversed digits of a phone that ends
 * in them.
 */
static int
book_imp_first(struct book_imp *x, struct store_cursor *c, const char *key,
    size_t klen, int prefix, uint64_t *id, struct err *e)
{
	struct store_row	 row;
	struct contact		*ct;
	int			 rc, vis;

	for (rc = store_cursor_seek(c, key, klen, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		if (row.klen < klen || memcmp(row.key, key, klen) != 0 ||
		    (!prefix && row.klen != klen))
			return STORE_NOTFOUND;
		if ((ct = contact_decode(row.data, row.dlen, e)) == NULL)
			return -1;
		vis = book_visible(x->b, ct);
		contact_free(ct);
		if (vis) {
			*id = row.id;
			return 0;
		}
	}
	if (rc == -1)
		err_set(e, NULL, 0, "import: %s", store_cursor_error(c));
	return rc;
}

/* A stored contact that c duplicates: 0 and *id, or STORE_NOTFOUND. */
static int
book_imp_dup(struct book_imp *x, struct store_cursor *em,
    struct store_cursor *ph, const struct contact *c, uint64_t *id,
    struct err *e)
{
	char	*k, d[64];
	size_t	 i, n;
	int	 rc = STORE_NOTFOUND;

	for (i = 0; rc == STORE_NOTFOUND && i < c->emails.n; i++) {
		k = utf8_fold(c->emails.v[i].text);
		rc = book_imp_first(x, em, k, strlen(k), 0, id, e);
		free(k);
	}
	for (i = 0; rc == STORE_NOTFOUND && i < c->phones.n; i++) {
		n = book_digits_reversed(c->phones.v[i].text, d, sizeof d);
		if (n < 7)
			continue;
		rc = book_imp_first(x, ph, d, n > BOOK_IMP_DIGITS ?
		    BOOK_IMP_DIGITS : n, 1, id, e);
	}
	return rc;
}

static int
book_imp_same(const struct field_def *d, const char *a, const char *b)
{
	char	da[64], db[64];
	size_t	na, nb;

	if (d->check == CHECK_PHONE) {	/* as duplicates are found */
		na = utf8_digits(a, da, sizeof da);
		nb = utf8_digits(b, db, sizeof db);
		if (na >= 7 && nb >= 7 && na >= BOOK_IMP_DIGITS - 1 &&
		    nb >= BOOK_IMP_DIGITS - 1)
			return strcmp(da + na - (na < BOOK_IMP_DIGITS ? na :
			    BOOK_IMP_DIGITS), db + nb - (nb < BOOK_IMP_DIGITS ?
			    nb : BOOK_IMP_DIGITS)) == 0;
		return strcmp(da, db) == 0;
	}
	return strcasecmp(a, b) == 0;
}

/* Adds to l the values of from it lacks; whether it did. */
static int
book_imp_list(const struct field_def *d, struct field_list *l,
    const struct field_list *from)
{
	size_t	i, k;
	int	changed = 0;

	for (i = 0; i < from->n; i++) {
		for (k = 0; k < l->n; k++) {
			if (d->type == FIELD_USER ? l->v[k].type != NULL &&
			    from->v[i].type != NULL &&
			    strcmp(l->v[k].type, from->v[i].type) == 0 :
			    book_imp_same(d, l->v[k].text, from->v[i].text))
				break;
		}
		if (k == l->n) {
			field_list_add(l, from->v[i].type, from->v[i].text);
			changed = 1;
		}
	}
	return changed;
}

static int
book_imp_text(const struct field_def *d, char **to, const char *from)
{
	char	*s;

	if (from == NULL || *from == '\0')
		return 0;
	if (*to == NULL || **to == '\0') {
		free(*to);
		*to = xstrdup(from);
		return 1;
	}
	if (strcmp(d->name, "note") != 0 || strstr(*to, from) != NULL)
		return 0;
	s = xasprintf("%s\n%s", *to, from);
	free(*to);
	*to = s;
	return 1;
}

/* Fills in what to lacks from from; whether anything changed. */
static int
book_imp_merge(struct contact *to, const struct contact *from)
{
	const struct field_def	*d;
	size_t			 i, k;
	int			 changed = 0;

	for (i = 0; i < contact_nfields; i++) {
		d = &contact_fields[i];
		if ((d->flags & FIELD_RO) && d->type != FIELD_USER)
			continue;
		if (d->type == FIELD_TEXT && strcmp(d->name, "owner") != 0)
			changed |= book_imp_text(d, (char **)((char *)to +
			    d->off), *(char *const *)((const char *)from +
			    d->off));
		else if (d->type == FIELD_LIST || d->type == FIELD_USER)
			changed |= book_imp_list(d, (struct field_list *)
			    ((char *)to + d->off), (const struct field_list *)
			    ((const char *)from + d->off));
	}
	for (i = 0; from->extra != NULL && i < from->extra->n; i++) {
		const struct record_item *it = &from->extra->items[i];

		for (k = 0; to->extra != NULL && k < to->extra->n; k++)
			if (to->extra->items[k].tag == it->tag &&
			    to->extra->items[k].len == it->len &&
			    memcmp(to->extra->items[k].value, it->value,
			    it->len) == 0)
				break;
		if (to->extra == NULL)
			to->extra = record_new();
		if (k == to->extra->n) {
			record_add(to->extra, it->tag, it->type, it->value,
			    it->len);
			changed = 1;
		}
	}
	return changed;
}

static int
book_imp_merge_into(struct book_imp *x, struct store_txn *t, uint64_t id,
    const struct contact *c, struct err *e)
{
	struct buf	 old = BUF_INIT, new = BUF_INIT;
	struct contact	*to;
	int		 rc;

	if ((rc = store_get(t, BOOK_T_CONTACT, id, &old, STORE_RMW, e)) != 0)
		goto out;
	if ((to = contact_decode(old.data, old.len, e)) == NULL) {
		rc = -1;
		goto out;
	}
	if (book_imp_merge(to, c)) {
		struct contact	*was = contact_decode(old.data, old.len, NULL);

		book_text_note(x->text, id, was, to);
		contact_free(was);
		to->rev++;
		to->updated = c->updated;
		free(to->updated_by);
		to->updated_by = xstrdup(x->b->user);
		contact_encode(to, &new);
		rc = store_put(t, BOOK_T_CONTACT, id, new.data, new.len, e);
		if (rc == 0)
			rc = book_audit(t, x->b, BOOK_CONTACT, id, "import",
			    &old, &new, e);
	}
	contact_free(to);
out:
	buf_free(&old);
	buf_free(&new);
	return rc;
}

/* The trigrams of the new contacts, noted on the other core while this
 * one writes them (a quarter of the work). */
struct book_imp_texts {
	struct book_imp	*x;
	uint64_t	 first;
};

static void *
book_imp_texts(void *arg)
{
	struct book_imp_texts	*z = arg;
	uint64_t		 id = z->first;
	size_t			 i;

	for (i = 0; i < z->x->n; i++)
		if (z->x->fate[i] == BOOK_IMP_ADD)
			book_text_note(z->x->text, id++, NULL, z->x->v[i]);
	return NULL;
}

/* A new contact, lent to the index key extractors (store_bulk_lender). */
static void
book_imp_lend(const void *data, size_t len, void *c)
{
	book_keys_lend(data, len, c);
}

/* The new contacts and their audit entries, one bulk write each. */
static int
book_imp_put_all(struct book_imp *x, struct store_txn *t, uint64_t id,
    uint64_t aid, struct err *e)
{
	struct store_bulk	*bc = NULL, *ba = NULL;
	struct buf		 data = BUF_INIT, au = BUF_INIT;
	size_t			 i;
	int			 rc;

	rc = store_bulk_begin(t, BOOK_T_CONTACT, &bc, e);
	if (rc == 0) {
		store_bulk_lender(bc, book_imp_lend);
		rc = store_bulk_begin(t, BOOK_T_AUDIT, &ba, e);
	}
	for (i = 0; rc == 0 && i < x->n; i++) {
		if (x->fate[i] != BOOK_IMP_ADD)
			continue;
		x->v[i]->id = id++;
		buf_reset(&data);
		contact_encode(x->v[i], &data);
		rc = store_bulk_put_obj(bc, x->v[i]->id, data.data, data.len,
		    x->v[i], e);
		buf_reset(&au);
		book_audit_encode(x->b, BOOK_CONTACT, x->v[i]->id, "import",
		    NULL, NULL, &au);
		if (rc == 0)
			rc = store_bulk_put(ba, aid++, au.data, au.len, e);
	}
	/* The contacts' first index is sorted while the audit is written. */
	if (rc == 0)
		store_bulk_sort_ahead(bc);
	rc = store_bulk_finish(ba, rc, e);
	rc = store_bulk_finish(bc, rc, e);
	buf_free(&data);
	buf_free(&au);
	return rc;
}

/*
 * The new contacts: ids in a row, indexes written in key order after
 * them; their audit entries hold no copy of them (book-int.h).
 */
static int
book_imp_add_all(struct book_imp *x, struct store_txn *t, size_t nadd,
    struct err *e)
{
	struct book_imp_texts	z = { x, 0 };
	pthread_t		th;
	uint64_t		aid;
	int			rc, threaded;

	if (nadd == 0)
		return 0;
	rc = store_next_ids(t, BOOK_T_CONTACT, nadd, &z.first, e);
	if (rc == 0)
		rc = store_next_ids(t, BOOK_T_AUDIT, nadd, &aid, e);
	if (rc != 0)
		return rc;
	threaded = thread_start(&th, book_imp_texts, &z) == 0;
	if (!threaded)
		book_imp_texts(&z);
	rc = book_imp_put_all(x, t, z.first, aid, e);
	if (threaded)
		thread_join(th);
	return rc;
}

/* Merges or skips a contact that duplicates a stored one. */
static int
book_imp_stored(struct book_imp *x, struct store_txn *t,
    struct store_cursor *em, struct store_cursor *ph, size_t i,
    struct err *e)
{
	struct book_import	*imp = x->imp;
	uint64_t		 id;
	int			 rc;

	rc = book_imp_dup(x, em, ph, x->v[i], &id, e);
	if (rc != 0)
		return rc;
	if (imp->policy == BOOK_DUP_SKIP) {
		imp->skipped++;
		x->fate[i] = BOOK_IMP_SKIPPED;
		return 0;
	}
	imp->merged++;
	x->fate[i] = BOOK_IMP_MERGED;
	return book_imp_merge_into(x, t, id, x->v[i], e);
}

static int
book_imp_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_imp		*x = arg;
	struct book_import	*imp = x->imp;
	struct store_cursor	*em = NULL, *ph = NULL;
	size_t			 i, nadd = 0;
	int			 rc = 0, none = 0;

	imp->added = 0;
	imp->merged = x->inmerged;
	imp->skipped = x->inskipped;
	book_text_free(x->text);	/* a retry starts over */
	x->text = book_text_new();
	if (imp->policy != BOOK_DUP_ADD) {
		rc = store_cursor_open(t, BOOK_T_CONTACT, BOOK_I_EMAIL,
		    STORE_CUR_DATA, &em, e);
		if (rc == 0)
			rc = store_cursor_open(t, BOOK_T_CONTACT,
			    BOOK_I_PHONE, STORE_CUR_DATA, &ph, e);
	}
	for (i = 0; rc == 0 && i < x->n; i++) {
		if (x->fate[i] == BOOK_IMP_MERGED ||
		    x->fate[i] == BOOK_IMP_SKIPPED)	/* by a stored one */
			x->fate[i] = BOOK_IMP_ADD;
		if (x->fate[i] != BOOK_IMP_ADD)
			continue;
		rc = STORE_NOTFOUND;
		if (imp->policy != BOOK_DUP_ADD)
			rc = book_imp_stored(x, t, em, ph, i, e);
		if (rc == STORE_NOTFOUND) {
			nadd++;
			rc = 0;
		}
		if (rc == 0 && imp->progress != NULL && (i + 1) % 1000 == 0 &&
		    imp->progress(i + 1, x->n, imp->arg) != 0) {
			err_set(e, NULL, 0, "import interrupted: nothing "
			    "imported");
			rc = -1;
		}
	}
	if (em != NULL)
		store_cursor_close(em);
	if (ph != NULL)
		store_cursor_close(ph);
	if (rc == 0)
		rc = book_imp_add_all(x, t, nadd, e);
	if (rc == 0)
		imp->added = nadd;
	if (rc == 0)	/* into a new book: no posting to merge with */
		rc = book_text_none(t, &none, e);
	if (rc == 0)
		rc = book_text_flush(t, x->text, none, e);
	return rc;
}

/* Stamps and validates before the transaction; -1 stops the import. */
static int
book_imp_prepare(struct book_imp *x, struct err *e)
{
	struct book_import	*imp = x->imp;
	struct contact		*c;
	struct err		 ce;
	time_t			 now = time(NULL);
	size_t			 i;

	for (i = 0; i < x->n; i++) {
		c = x->v[i];
		err_clear(&ce);
		if (contact_validate(c, &ce) != 0) {
			if (!imp->skip_bad) {
				*e = ce;
				imp->failed = i;
				return -1;
			}
			x->fate[i] = BOOK_IMP_BAD;
			imp->rejected++;
			if (imp->bad != NULL)
				imp->bad(i, &ce, imp->arg);
			continue;
		}
		if (c->owner == NULL)
			c->owner = xstrdup(x->b->user);
		c->rev = 1;
		c->created = c->updated = now;
		free(c->created_by);
		c->created_by = xstrdup(x->b->user);
		free(c->updated_by);
		c->updated_by = xstrdup(x->b->user);
	}
	return 0;
}

/*
 * The keys two contacts of the file are the same person by, as stored
 * ones are found: a folded e-mail address, or a phone's last digits.
 */
static void
book_imp_keys(const struct contact *c, char ***keys, size_t *n,
    size_t *cap)
{
	char	*k, d[64];
	size_t	 i, nd;

	for (i = 0; i < c->emails.n + c->phones.n; i++) {
		if (i < c->emails.n) {
			k = utf8_fold(c->emails.v[i].text);
		} else {
			nd = book_digits_reversed(c->phones.v[i -
			    c->emails.n].text, d, sizeof d);
			if (nd < 7)
				continue;
			/* A digit never starts an address's fold: '@'. */
			k = xasprintf("#%.*s", (int)(nd > BOOK_IMP_DIGITS ?
			    BOOK_IMP_DIGITS : nd), d);
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 1024;
			*keys = xreallocarray(*keys, *cap, sizeof **keys);
		}
		(*keys)[(*n)++] = k;
	}
}

/* The first contact of the file that shares one of keys, or -1. */
static ssize_t
book_imp_seen(const struct strmap *m, char **keys, size_t n)
{
	size_t	k, to;

	for (k = 0; k < n; k++)
		if ((to = strmap_get(m, keys[k])) != STRMAP_NONE)
			return (ssize_t)to;
	return -1;
}

/*
 * Duplicates within the file, before the transaction: a later contact
 * is merged into (or, with skip, dropped for) the first it shares an
 * e-mail address or a phone number with.
 */
static void
book_imp_infile(struct book_imp *x)
{
	struct strmap	 *m = strmap_new();
	char		**keys = NULL;
	size_t		  i, k, first, n = 0, cap = 0;
	ssize_t		  to;

	for (i = 0; i < x->n; i++) {
		if (x->fate[i] != BOOK_IMP_ADD)
			continue;
		first = n;
		book_imp_keys(x->v[i], &keys, &n, &cap);
		if ((to = book_imp_seen(m, keys + first, n - first)) >= 0) {
			x->fate[i] = BOOK_IMP_DUP;
			if (x->imp->policy == BOOK_DUP_SKIP)
				x->inskipped++;
			else {
				book_imp_merge(x->v[to], x->v[i]);
				x->inmerged++;
			}
		}
		for (k = first; k < n; k++)	/* an old key keeps its own */
			strmap_add(m, keys[k], to >= 0 ? (size_t)to : i);
	}
	strmap_free(m);
	for (k = 0; k < n; k++)
		free(keys[k]);
	free(keys);
}

int
book_contacts_import(struct book *b, struct contact **v, size_t n,
    struct book_import *imp, struct err *e)
{
	struct book_imp	x = { b, v, n, imp, xcalloc(n + 1, 1), 0, 0, NULL };
	int		rc;

	imp->added = imp->merged = imp->skipped = imp->rejected = 0;
	imp->failed = (size_t)-1;
	rc = book_imp_prepare(&x, e);
	if (rc == 0 && imp->policy != BOOK_DUP_ADD)
		book_imp_infile(&x);
	if (rc == 0)
		rc = store_txn_run(b->store, 0, book_imp_fn, &x, e);
	if (rc != 0)
		imp->added = imp->merged = imp->skipped = 0;
	free(x.fate);
	book_text_free(x.text);
	return rc;
}
