/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lookups through the indexes: find, scan in name order, due, activities. */
#include "book.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "store.h"
#include "utf8.h"
#include "xmalloc.h"

struct book_hit {
	char		*key;		/* sort key */
	uint64_t	 id;
	struct contact	*c;
};

struct book_query {
	struct book	 *b;
	uint64_t	 *seen;		/* open addressing, 0 = empty */
	size_t		  seen_cap, nseen;
	char		**words;	/* folded */
	size_t		  nwords;
	char		  digits[64];	/* the query is a phone number */
	struct book_hit	 *hits;
	size_t		  nhits;
	/* scan */
	int		  index;	/* BOOK_I_NAME (0) or an order's */
	const char	 *from;
	uint64_t	  from_id;
	int		  backwards;
	int		  whole;	/* every contact: a scan (store.h) */
	book_contact_fn	  fn;
	void		 *arg;
};

static void
book_hits_clear(struct book_query *q)
{
	size_t	i;

	for (i = 0; i < q->nhits; i++) {
		free(q->hits[i].key);
		contact_free(q->hits[i].c);
	}
	free(q->hits);
	q->hits = NULL;
	q->nhits = 0;
	free(q->seen);
	q->seen = NULL;
	q->seen_cap = q->nseen = 0;
}

static int
book_hit_cmp(const void *a, const void *b)
{
	const struct book_hit	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Does the contact match every word of the query? */
static int
book_match(const struct book_query *q, const struct contact *c)
{
	char	*h, d[64];
	size_t	 i;
	int	 ok = 1;

	if (!book_visible(q->b, c))
		return 0;
	if (q->digits[0] != '\0') {
		for (i = 0; i < c->phones.n; i++) {
			utf8_digits(c->phones.v[i].text, d, sizeof d);
			if (strstr(d, q->digits) != NULL)
				return 1;
		}
	}
	if (q->nwords == 0)
		return q->digits[0] == '\0';
	h = book_haystack(c);
	for (i = 0; ok && i < q->nwords; i++)
		ok = strstr(h, q->words[i]) != NULL;
	free(h);
	return ok;
}

/* Whether id was a candidate already; remembers it (ids are never 0). */
static int
book_seen(struct book_query *q, uint64_t id)
{
	size_t	i, j, cap;

	if (q->nseen * 2 >= q->seen_cap) {
		uint64_t	*old = q->seen;

		cap = q->seen_cap;
		q->seen_cap = cap ? cap * 2 : 1024;
		q->seen = xcalloc(q->seen_cap, sizeof *q->seen);
		q->nseen = 0;
		for (j = 0; j < cap; j++)
			if (old[j] != 0)
				book_seen(q, old[j]);
		free(old);
	}
	for (i = (id * 0x9e3779b97f4a7c15ULL) & (q->seen_cap - 1);
	    q->seen[i] != 0; i = (i + 1) & (q->seen_cap - 1))
		if (q->seen[i] == id)
			return 1;
	q->seen[i] = id;
	q->nseen++;
	return 0;
}

static int
book_hit_add(struct book_query *q, uint64_t id, const void *data, size_t len,
    struct err *e)
{
	struct contact	*c;

	if (book_seen(q, id))	/* a phone and a word may both hit */
		return 0;
	if ((c = contact_decode(data, len, e)) == NULL)
		return -1;
	c->id = id;
	if (!book_match(q, c)) {
		contact_free(c);
		return 0;
	}
	q->hits = xreallocarray(q->hits, q->nhits + 1, sizeof *q->hits);
	q->hits[q->nhits].key = book_sortkey(c);
	q->hits[q->nhits].id = id;
	q->hits[q->nhits].c = c;
	q->nhits++;
	return 0;
}

/* Candidates from the rows of one index key prefix. */
static int
book_prefix_rows(struct store_txn *t, struct book_query *q, int index,
    const char *prefix, size_t plen, struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	int			 rc;

	rc = store_cursor_open(t, BOOK_T_CONTACT, index, STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, prefix, plen, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		if (row.klen < plen || memcmp(row.key, prefix, plen) != 0)
			break;
		if ((rc = book_hit_add(q, row.id, row.data, row.dlen, e)) != 0)
			break;
	}
	if (rc == -1 && !err_isset(e))
		err_set(e, NULL, 0, "lookup: %s", store_cursor_error(c));
	store_cursor_close(c);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

static int	book_text_find(struct store_txn *t, struct book_query *q,
		    struct book_gram *g, size_t ng, struct err *e);

/* Contacts with the digits anywhere in a number: from the postings of
 * the rarest of their digit trigrams. */
static int
book_phone_middle(struct store_txn *t, struct book_query *q, struct err *e)
{
	struct book_gram	*g = NULL;
	size_t			 ng = 0, cap = 0;
	int			 rc;

	book_grams_digits(q->digits, &g, &ng, &cap);
	rc = book_text_find(t, q, g, book_grams_unique(g, ng), e);
	free(g);
	return rc;
}

/*
 * Phone digits: the end of a number is a prefix of its key, the digits
 * reversed; only when no number ends so, the middle of one, through the
 * text postings' digit trigrams.
 */
static int
book_phone_rows(struct store_txn *t, struct book_query *q, struct err *e)
{
	char	rev[64];
	size_t	n;
	int	rc;

	n = book_digits_reversed(q->digits, rev, sizeof rev);
	if ((rc = book_prefix_rows(t, q, BOOK_I_PHONE, rev, n, e)) != 0)
		return rc;
	return q->nhits > 0 ? 0 : book_phone_middle(t, q, e);
}

/* A trigram's postings, every block: their size and (ids != NULL) ids. */
static int
book_posting(struct store_cursor *c, const struct book_gram *g, size_t *bytes,
    uint64_t **ids, size_t *n, size_t *cap)
{
	unsigned char		 k[BOOK_TEXT_KEYMAX];
	const unsigned char	*b;
	struct store_row	 row;
	size_t			 klen = book_text_key(g->s, g->len, 0, k);
	int			 rc;

	*bytes = 0;
	for (rc = store_cursor_seek(c, k, klen, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		if (row.klen != klen || memcmp(row.key, g->s, g->len) != 0)
			break;
		*bytes += row.dlen;
		b = (const unsigned char *)row.key + g->len;
		if (ids != NULL)
			book_text_decode(row.data, row.dlen, (uint32_t)b[0] <<
			    24 | b[1] << 16 | b[2] << 8 | b[3], ids, n, cap);
	}
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Keeps the ids of a that are in b (both sorted); how many. */
static size_t
book_intersect(uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t	i = 0, j = 0, k = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			a[k++] = a[i++];
			j++;
		}
	}
	return k;
}

/* The distinct trigrams of the query's words; how many. */
static size_t
book_query_grams(const struct book_query *q, struct book_gram **g)
{
	struct buf	words = BUF_INIT;
	size_t		i, n, cap = 0;

	for (i = 0; i < q->nwords; i++)	/* a line each: no gram spans two */
		buf_addf(&words, "%s\n", q->words[i]);
	*g = NULL;
	n = book_grams_unique(*g, book_grams_of(buf_str(&words), g, &cap));
	buf_free(&words);
	return n;
}

/*
 * Candidates: the contacts in the postings of the rarest of the grams
 * g[ng] (up to BOOK_FIND_GRAMS of them, smallest postings first, ids
 * intersected), each then decoded and matched against the query.
 */
#define BOOK_FIND_GRAMS	3
static int
book_text_find(struct store_txn *t, struct book_query *q, struct book_gram *g,
    size_t ng, struct err *e)
{
	struct store_cursor	*c;
	struct buf		 data = BUF_INIT;
	uint64_t		*ids = NULL, *more = NULL;
	size_t			*sizes, i, k, best, n = 0, m, cap = 0,
				 mcap = 0, bytes;
	int			 rc;

	if ((rc = store_cursor_open(t, BOOK_T_TEXT, -1, STORE_CUR_DATA, &c,
	    e)) != 0)
		return rc;
	sizes = xcalloc(ng + 1, sizeof *sizes);
	for (i = 0; i < ng && rc == 0; i++)
		rc = book_posting(c, &g[i], &sizes[i], NULL, NULL, NULL);
	for (k = 0; rc == 0 && k < BOOK_FIND_GRAMS && k < ng; k++) {
		for (best = ng, i = 0; i < ng; i++)
			if (sizes[i] != (size_t)-1 && (best == ng ||
			    sizes[i] < sizes[best]))
				best = i;
		sizes[best] = (size_t)-1;
		m = 0;
		rc = book_posting(c, &g[best], &bytes, k == 0 ? &ids : &more,
		    k == 0 ? &n : &m, k == 0 ? &cap : &mcap);
		if (k > 0)
			n = book_intersect(ids, n, more, m);
		if (n == 0)
			break;
	}
	if (rc == -1 && !err_isset(e))
		err_set(e, NULL, 0, "lookup: %s", store_cursor_error(c));
	for (i = 0; rc == 0 && i < n; i++) {
		rc = store_get(t, BOOK_T_CONTACT, ids[i], &data, 0, e);
		if (rc == 0)
			rc = book_hit_add(q, ids[i], data.data, data.len, e);
		else if (rc == STORE_NOTFOUND)
			rc = 0;
	}
	store_cursor_close(c);
	buf_free(&data);
	free(ids);
	free(more);
	free(sizes);
	return rc;
}

static size_t
book_cp_len(const char *s)
{
	uint32_t	cp;
	size_t		n = 0;
	int		len;

	while (*s != '\0') {
		len = utf8_decode(s, strlen(s), &cp);
		s += len > 0 ? len : 1;
		n++;
	}
	return n;
}

static size_t	book_longest(const struct book_query *q);

static int
book_find_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_query	*q = arg;
	struct book_gram	*g;
	size_t			 ng;
	int			 rc;

	book_hits_clear(q);
	if (q->digits[0] != '\0' && (rc = book_phone_rows(t, q, e)) != 0)
		return rc;
	/* Queries whose words all have one or two characters take the
	 * name-order scan (book_find): they come here with a phone. */
	if (book_longest(q) < 3)
		return 0;
	g = NULL;
	ng = book_query_grams(q, &g);
	rc = book_text_find(t, q, g, ng, e);
	free(g);
	return rc;
}

static void
book_query_parse(struct book_query *q, const char *query)
{
	char		*f = utf8_fold(query), *tok, *save;
	const char	*p;
	int		 phone = 1;

	for (p = query; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p) && !strchr(" +-()./", *p))
			phone = 0;
	if (phone && utf8_digits(query, q->digits, sizeof q->digits) < 3)
		q->digits[0] = '\0';
	for (tok = strtok_r(f, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if (phone)
			continue;
		q->words = xreallocarray(q->words, q->nwords + 1,
		    sizeof *q->words);
		q->words[q->nwords++] = xstrdup(tok);
	}
	free(f);
}

/* A page of book_find's matches through the lookup: where it ended. */
#define BOOK_FIND_PAGE	1000
#define BOOK_FIND_PAGES	16000	/* at most */
struct book_held {
	book_contact_fn	 fn;
	void		*arg;
	char		*last;		/* sort key */
	uint64_t	 last_id;
	int		 stopped;	/* fn said so */
};

static int
book_held_fn(const struct contact *c, void *arg)
{
	struct book_held	*h = arg;

	free(h->last);
	h->last = book_sortkey(c);
	h->last_id = c->id;
	if (h->fn(c, h->arg) != 0) {
		h->stopped = 1;
		return 1;
	}
	return 0;
}

static int	book_scan_q(struct book *, enum book_order, const char *,
		    uint64_t, int, int, book_contact_fn, void *, struct err *);

/* Characters in the longest word of the query. */
static size_t
book_longest(const struct book_query *q)
{
	size_t	i, n, longest = 0;

	for (i = 0; i < q->nwords; i++)
		if ((n = book_cp_len(q->words[i])) > longest)
			longest = n;
	return longest;
}

static void
book_query_free(struct book_query *q)
{
	size_t	i;

	book_hits_clear(q);
	for (i = 0; i < q->nwords; i++)
		free(q->words[i]);
	free(q->words);
}

struct book_page {
	struct book_query	*q;
	size_t			 max;
	size_t			 n;
	int			 more;
	book_contact_fn		 fn;
	void			*arg;
};

/* Passes on the contacts that match, up to max (0: all). */
static int
book_page_fn(const struct contact *c, void *arg)
{
	struct book_page	*p = arg;

	if (p->q != NULL && !book_match(p->q, c))
		return 0;
	if (p->max != 0 && p->n == p->max) {
		p->more = 1;
		return 1;
	}
	p->n++;
	return p->fn(c, p->arg);
}

int
book_find(struct book *b, const char *query, book_contact_fn fn, void *arg,
    struct err *e)
{
	struct book_query	q;
	size_t			i;
	int			rc;

	memset(&q, 0, sizeof q);
	q.b = b;
	book_query_parse(&q, query != NULL ? query : "");
	if (q.nwords == 0 && q.digits[0] == '\0') {	/* everyone */
		free(q.words);
		return book_scan_q(b, BOOK_BY_NAME, NULL, 0, 0, 1, fn, arg, e);
	}
	if (q.digits[0] == '\0' && book_longest(&q) < 3) {
		/* Words of a letter or two: the lookup's candidates (a
		 * letter's postings, a pair's), a page at a time, each
		 * twice the last up to a bound; but when they are a good
		 * part of the book, most names hold the words and are read
		 * in name order from the end of the first page. */
		struct book_held	h;
		struct book_page	p;
		size_t			page = BOOK_FIND_PAGE, cands;
		uint64_t		total;
		int			more = 1;

		memset(&h, 0, sizeof h);
		h.fn = fn;
		h.arg = arg;
		for (rc = 0; rc == 0 && more && !h.stopped; page *= 2) {
			rc = book_lookup_text(b, query, BOOK_BY_NAME,
			    page < BOOK_FIND_PAGES ? page : BOOK_FIND_PAGES,
			    h.last, h.last_id, book_held_fn, &h, &more, &cands,
			    e);
			if (rc == 0 && more && !h.stopped &&
			    (rc = book_contact_count(b, &total, e)) == 0 &&
			    cands > total / 4)
				break;
		}
		if (rc == 0 && more && !h.stopped) {
			memset(&p, 0, sizeof p);
			p.q = &q;
			p.fn = fn;
			p.arg = arg;
			rc = book_scan(b, h.last, h.last_id, 0, book_page_fn,
			    &p, e);
		}
		free(h.last);
		book_query_free(&q);
		return rc;
	}
	rc = store_txn_run(b->store, STORE_READ, book_find_fn, &q, e);
	if (rc == 0) {
		if (q.nhits > 1)
			qsort(q.hits, q.nhits, sizeof *q.hits, book_hit_cmp);
		for (i = 0; i < q.nhits; i++)
			if (fn(q.hits[i].c, arg) != 0)
				break;
	}
	book_query_free(&q);
	return rc;
}

/* An index's order (q->index) from a position; the callback runs inside
 * the transaction, so it must not call the book (collect, then act). */
static int
book_scan_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_query	*q = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	struct contact		*ct;
	int			 rc, stop = 0;

	rc = store_cursor_open(t, BOOK_T_CONTACT, q->index, STORE_CUR_DATA |
	    (q->whole ? STORE_CUR_SCAN : 0), &c, e);
	if (rc != 0)
		return rc;
	if (q->from == NULL)
		rc = q->backwards ? store_cursor_last(c, &row) :
		    store_cursor_seek(c, NULL, 0, &row);
	else {
		rc = store_cursor_seek(c, q->from, strlen(q->from), &row);
		if (q->backwards)
			rc = rc == STORE_NOTFOUND ? store_cursor_last(c, &row) :
			    rc == 0 ? store_cursor_prev(c, &row) : rc;
	}
	for (; rc == 0 && !stop; rc = q->backwards ?
	    store_cursor_prev(c, &row) : store_cursor_next(c, &row)) {
		if (q->from != NULL && !q->backwards && q->from_id != 0 &&
		    row.klen == strlen(q->from) &&
		    memcmp(row.key, q->from, row.klen) == 0 &&
		    row.id <= q->from_id)
			continue;
		if ((ct = contact_decode(row.data, row.dlen, e)) == NULL) {
			rc = -1;
			break;
		}
		ct->id = row.id;
		if (book_visible(q->b, ct))
			stop = q->fn(ct, q->arg);
		contact_free(ct);
	}
	store_cursor_close(c);
	return rc == STORE_NOTFOUND || stop ? 0 : rc;
}

int
book_scan(struct book *b, const char *from, uint64_t from_id, int backwards,
    book_contact_fn fn, void *arg, struct err *e)
{
	return book_scan_by(b, BOOK_BY_NAME, from, from_id, backwards, fn,
	    arg, e);
}

/* An order's contacts from a position; whole: all of them, a scan. */
static int
book_scan_q(struct book *b, enum book_order o, const char *from,
    uint64_t from_id, int backwards, int whole, book_contact_fn fn,
    void *arg, struct err *e)
{
	struct book_query	q;

	memset(&q, 0, sizeof q);
	q.b = b;
	q.index = book_order_index(o);
	q.from = from;
	q.from_id = from_id;
	q.backwards = backwards;
	q.whole = whole;
	q.fn = fn;
	q.arg = arg;
	return store_txn_run(b->store, STORE_READ, book_scan_fn, &q, e);
}

int
book_scan_by(struct book *b, enum book_order o, const char *from,
    uint64_t from_id, int backwards, book_contact_fn fn, void *arg,
    struct err *e)
{
	return book_scan_q(b, o, from, from_id, backwards, 0, fn, arg, e);
}

struct book_acts {
	struct book	 *b;
	int		  index;
	struct buf	  key;		/* exact key, or prefix for due */
	uint64_t	  until;
	size_t		  max;
	struct activity	**v;
	size_t		  n;
};

static void
book_acts_clear(struct book_acts *q)
{
	activity_array_free(q->v, q->n);
	q->v = NULL;
	q->n = 0;
}

static int
book_acts_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_acts	*q = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	struct activity		*a;
	size_t			 plen = q->key.len;
	int			 rc;

	book_acts_clear(q);
	rc = store_cursor_open(t, BOOK_T_ACTIVITY, q->index, STORE_CUR_DATA,
	    &c, e);
	if (rc != 0)
		return rc;
	if (q->index == BOOK_I_ACT_DUE || q->index == BOOK_I_ACT_ALARM)
		plen -= 8;	/* owner\0, then times up to until */
	for (rc = store_cursor_seek(c, q->key.data, plen, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		if (plen > 0 && (row.klen < plen ||
		    memcmp(row.key, q->key.data, plen) != 0))
			break;
		if (q->index != BOOK_I_ACT_CONTACT &&
		    store_key_id((const char *)row.key + row.klen - 8) >
		    q->until)
			break;
		if (q->max != 0 && q->n == q->max)
			break;
		if ((a = activity_decode(row.data, row.dlen, e)) == NULL) {
			rc = -1;
			break;
		}
		a->id = row.id;
		q->v = xreallocarray(q->v, q->n + 1, sizeof *q->v);
		q->v[q->n++] = a;
	}
	store_cursor_close(c);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

static int
book_act_time_cmp(const void *x, const void *y)
{
	const struct activity	*a = *(struct activity *const *)x;
	const struct activity	*b = *(struct activity *const *)y;
	time_t			 ta = a->done ? a->done_at : a->due;
	time_t			 tb = b->done ? b->done_at : b->due;

	if (ta == 0)
		ta = a->created;
	if (tb == 0)
		tb = b->created;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int
book_acts_run(struct book *b, struct book_acts *q, struct activity ***out,
    size_t *n, struct err *e)
{
	int	rc;

	rc = store_txn_run(b->store, STORE_READ, book_acts_fn, q, e);
	buf_free(&q->key);
	if (rc != 0) {
		book_acts_clear(q);
		*out = NULL;
		*n = 0;
		return rc;
	}
	*out = q->v;
	*n = q->n;
	return 0;
}

int
book_activities(struct book *b, uint64_t contact, struct activity ***out,
    size_t *n, struct err *e)
{
	struct book_acts	q;
	unsigned char		k[8];
	int			rc;

	memset(&q, 0, sizeof q);
	q.b = b;
	q.index = BOOK_I_ACT_CONTACT;
	store_id_key(contact, k);
	buf_add(&q.key, k, 8);
	if ((rc = book_acts_run(b, &q, out, n, e)) == 0 && *n > 1)
		qsort(*out, *n, sizeof **out, book_act_time_cmp);
	return rc;
}

struct book_next {
	uint64_t	contact;
	time_t		due;
	int		allday;
};

static int
book_next_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_next	*q = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	unsigned char		 k[9];
	const unsigned char	*p;
	int			 rc;

	q->due = 0;
	q->allday = 0;
	rc = store_cursor_open(t, BOOK_T_ACTIVITY, BOOK_I_ACT_CONTACT,
	    STORE_CUR_KEYS, &c, e);
	if (rc != 0)
		return rc;
	store_id_key(q->contact, k);
	k[8] = 0;				/* pending */
	rc = store_cursor_seek(c, k, sizeof k, &row);
	p = rc == 0 ? row.key : NULL;
	if (p != NULL && row.klen == BOOK_NEXT_KEY && memcmp(p, k, 9) == 0) {
		q->due = BOOK_KEY_TIME(store_key_id(p + 9));
		q->allday = p[17];
	}
	if (rc == -1)
		err_set(e, NULL, 0, "%s", store_cursor_error(c));
	store_cursor_close(c);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

int
book_next_followup(struct book *b, uint64_t contact, time_t *due,
    int *allday, struct err *e)
{
	struct book_next	q = { contact, 0, 0 };
	int			rc;

	rc = store_txn_run(b->store, STORE_READ, book_next_fn, &q, e);
	*due = rc == 0 ? q.due : 0;
	*allday = rc == 0 ? q.allday : 0;
	return rc;
}

int
book_due(struct book *b, const char *owner, time_t until, size_t max,
    struct activity ***out, size_t *n, struct err *e)
{
	struct book_acts	q;

	memset(&q, 0, sizeof q);
	q.b = b;
	q.until = BOOK_TIME_KEY(until);
	q.max = max;
	if (owner != NULL) {
		q.index = BOOK_I_ACT_DUE;
		book_due_key(&q.key, owner, 0);
	} else {
		q.index = BOOK_I_ACT_ALLDUE;
		buf_add(&q.key, "", 0);
	}
	return book_acts_run(b, &q, out, n, e);
}

/* Everyone's alarms: each owner's range in turn, skipping from one
 * owner to the next, so the scan costs the alarms due, not all. */
static int
book_alarms_all_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_acts	*q = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	struct activity		*a;
	struct buf		 next = BUF_INIT;
	size_t			 olen, mine = 0;
	int			 rc;

	book_acts_clear(q);
	rc = store_cursor_open(t, BOOK_T_ACTIVITY, BOOK_I_ACT_ALARM,
	    STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;) {
		olen = strnlen(row.key, row.klen);
		if (store_key_id((const char *)row.key + row.klen - 8) >
		    q->until || (q->max != 0 && mine == q->max)) {
			buf_reset(&next);	/* on to the next owner */
			buf_add(&next, row.key, olen);
			buf_addc(&next, 1);
			mine = 0;
			rc = store_cursor_seek(c, next.data, next.len, &row);
			continue;
		}
		if ((a = activity_decode(row.data, row.dlen, e)) == NULL) {
			rc = -1;
			break;
		}
		a->id = row.id;
		q->v = xreallocarray(q->v, q->n + 1, sizeof *q->v);
		q->v[q->n++] = a;
		mine++;
		rc = store_cursor_next(c, &row);
	}
	buf_free(&next);
	store_cursor_close(c);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

static int
book_alarm_cmp(const void *x, const void *y)
{
	time_t	a = activity_alarm_time(*(struct activity *const *)x);
	time_t	b = activity_alarm_time(*(struct activity *const *)y);

	return a < b ? -1 : a > b;
}

int
book_alarms(struct book *b, const char *owner, time_t until, size_t max,
    struct activity ***out, size_t *n, struct err *e)
{
	struct book_acts	q;
	int			rc;

	memset(&q, 0, sizeof q);
	q.b = b;
	q.until = BOOK_TIME_KEY(until);
	q.max = max;
	q.index = BOOK_I_ACT_ALARM;
	if (owner != NULL) {
		book_due_key(&q.key, owner, 0);
		return book_acts_run(b, &q, out, n, e);
	}
	rc = store_txn_run(b->store, STORE_READ, book_alarms_all_fn, &q, e);
	if (rc != 0) {
		book_acts_clear(&q);
		*out = NULL;
		*n = 0;
		return rc;
	}
	if (q.n > 1)
		qsort(q.v, q.n, sizeof *q.v, book_alarm_cmp);
	while (max != 0 && q.n > max)
		activity_free(q.v[--q.n]);
	*out = q.v;
	*n = q.n;
	return 0;
}

/* One exact key of an index: the first row's record and id. */
struct book_exact {
	int		 table, index;
	const char	*key;
	struct buf	 data;
	uint64_t	 id;
	struct book	*b;		/* contacts: the first visible one */
};

static int
book_exact_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_exact	*x = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	struct contact		*ct;
	int			 rc, ok;

	buf_reset(&x->data);
	rc = store_cursor_open(t, x->table, x->index, STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_find(c, x->key, strlen(x->key), &row);
	    rc == 0; rc = store_cursor_next_dup(c, &row)) {
		ok = 1;
		if (x->table == BOOK_T_CONTACT) {
			ct = contact_decode(row.data, row.dlen, NULL);
			ok = ct != NULL && book_visible(x->b, ct);
			contact_free(ct);
		}
		if (ok) {
			buf_add(&x->data, row.data, row.dlen);
			x->id = row.id;
			break;
		}
	}
	store_cursor_close(c);
	return rc;
}

static int
book_exact(struct book *b, struct book_exact *x, struct err *e)
{
	int	rc;

	x->b = b;
	rc = store_txn_run(b->store, STORE_READ, book_exact_fn, x, e);
	if (rc != 0)
		buf_free(&x->data);
	return rc == STORE_NOTFOUND ? BOOK_NOTFOUND : rc;
}

int
book_activity_by_uid(struct book *b, const char *uid, struct activity **out,
    struct err *e)
{
	struct book_exact	x;
	int			rc;

	memset(&x, 0, sizeof x);
	x.table = BOOK_T_ACTIVITY;
	x.index = BOOK_I_ACT_UID;
	x.key = uid;
	*out = NULL;
	if ((rc = book_exact(b, &x, e)) != 0)
		return rc;
	*out = activity_decode(x.data.data, x.data.len, e);
	buf_free(&x.data);
	if (*out == NULL)
		return -1;
	(*out)->id = x.id;
	return 0;
}

int
book_contact_by_email(struct book *b, const char *email,
    struct contact **out, struct err *e)
{
	char			*k = utf8_fold(email);
	struct book_exact	 x;
	int			 rc;

	memset(&x, 0, sizeof x);
	x.table = BOOK_T_CONTACT;
	x.index = BOOK_I_EMAIL;
	x.key = k;
	*out = NULL;
	rc = book_exact(b, &x, e);
	free(k);
	if (rc != 0)
		return rc;
	*out = contact_decode(x.data.data, x.data.len, e);
	buf_free(&x.data);
	if (*out == NULL)
		return -1;
	(*out)->id = x.id;
	return 0;
}

int
book_find_page(struct book *b, const char *query, size_t max,
    book_contact_fn fn, void *arg, int *more, struct err *e)
{
	struct book_page	p;
	int			rc;

	memset(&p, 0, sizeof p);
	p.max = max;
	p.fn = fn;
	p.arg = arg;
	rc = book_find(b, query, book_page_fn, &p, e);
	if (more != NULL)
		*more = p.more;
	return rc;
}
