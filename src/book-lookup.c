/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A page of a lookup as you type: the first matches in a list order,
 * costing what the page costs rather than what all the matches cost.
 * Candidates come from the trigram postings (book-text.c): for a word of
 * three or more characters the rarest trigrams of the query intersected;
 * for a word of two, the union of the trigrams holding it, unless that
 * grows large.  Few candidates are read and sorted; many are met in
 * the order's index, whose keys are read until the page is full, each
 * candidate among them read and matched; when many names go by without
 * one, the walk skips to where the candidates begin in name order (the
 * least of their places, book-text.c).  Words of one or two characters
 * mostly match often: the index is first read with its records for a few
 * pages' worth, and only when that does not fill the page are the
 * candidates taken from the postings: the pair's, or the rarest letter's
 * (a rare letter, or one whose contacts sort late, would otherwise mean
 * reading records until the page is full: a second at a million).
 *
 * Typing narrows: while nothing has been written since, a query whose
 * every word holds one of the last query's words matches only contacts
 * the last one matched, so its walk starts at the last one's first match
 * (and a query narrowing one that matched nothing matches nothing).
 */
#include "book.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "store.h"
#include "utf8.h"
#include "xmalloc.h"

#define BOOK_LOOKUP_GRAMS	3	/* rarest trigrams intersected */
#define BOOK_LOOKUP_DIRECT	400	/* candidates read and sorted */
#define BOOK_LOOKUP_PROBE	4	/* pages of records read for short words */
#define BOOK_LOOKUP_SKIP	32768	/* names walked in vain before a skip */

/* What the last lookup of a book found first. */
struct book_lookup_memo {
	char		**words;	/* folded */
	size_t		  nwords;
	enum book_order	  order;
	uint64_t	  changes;	/* store_changes() before it */
	char		 *from;		/* its first match's key; NULL: none */
};

struct book_lookup {
	struct book	 *b;
	enum book_order	  order;
	const char	 *from;		/* where the walks start; NULL: the
					 * index's start */
	uint64_t	  after;	/* from's rows up to this id skipped */
	char		  place[BOOK_TEXT_PLACE + 1];	/* where in name
					 * order the candidates begin */
	char		  floor[BOOK_TEXT_FLOORLEN + 1];	/* no
					 * match in name order before it */
	unsigned char	  low[BOOK_TEXT_FLOORLEN];	/* a pair's grams'
					 * least floor, when haslow */
	int		  haslow;
	char		**words;	/* folded */
	size_t		  nwords;
	size_t		  longest;	/* characters in the longest word */
	char		  digits[64];	/* or phone digits, three or more */
	int		  ends;		/* numbers end in them */
	int		  indexed;	/* ids (or bits) hold the candidates */
	uint64_t	 *ids;		/* sorted */
	size_t		  nids, cap;
	unsigned char	 *bits;		/* a pair's: a bit an id */
	size_t		  nbits;	/* bytes */
	size_t		  max;		/* matches wanted (one more: more) */
	struct contact	**out;
	size_t		  nout;
};

static void
book_lookup_reset(struct book_lookup *l)
{
	size_t	i;

	for (i = 0; i < l->nout; i++)
		contact_free(l->out[i]);
	free(l->out);
	l->out = NULL;
	l->nout = 0;
	free(l->ids);
	l->ids = NULL;
	l->nids = l->cap = 0;
	l->indexed = 0;
	free(l->bits);
	l->bits = NULL;
	l->nbits = 0;
}

static size_t
book_lookup_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Whether c is visible and holds every word; keeps it when it does. */
static int
book_lookup_take(struct book_lookup *l, struct contact *c)
{
	char	*h, d[64];
	size_t	 i, n = strlen(l->digits);
	int	 ok = book_visible(l->b, c);

	if (ok && n > 0) {
		for (ok = 0, i = 0; !ok && i < c->phones.n; i++) {
			utf8_digits(c->phones.v[i].text, d, sizeof d);
			ok = l->ends ? strlen(d) >= n && strcmp(d + strlen(d) -
			    n, l->digits) == 0 : strstr(d, l->digits) != NULL;
		}
	} else if (ok) {
		h = book_haystack(c);
		for (i = 0; ok && i < l->nwords; i++)
			ok = strstr(h, l->words[i]) != NULL;
		free(h);
	}
	if (!ok) {
		contact_free(c);
		return 0;
	}
	l->out = xreallocarray(l->out, l->nout + 1, sizeof *l->out);
	l->out[l->nout++] = c;
	return 1;
}

static int
book_lookup_decode(struct book_lookup *l, uint64_t id, const void *data,
    size_t len, struct err *e)
{
	struct contact	*c;

	if ((c = contact_decode(data, len, e)) == NULL)
		return -1;
	c->id = id;
	return book_lookup_take(l, c);
}

/* Sets the bits of a posting's ids (the block's, varint deltas). */
static void
book_lookup_set_block(struct book_lookup *l, const void *data, size_t len,
    uint32_t block)
{
	const unsigned char	*p = data, *end = p + len;
	uint64_t		 id = (uint64_t)block * BOOK_TEXT_BLOCK, d;
	size_t			 need = ((uint64_t)block + 1) *
				    BOOK_TEXT_BLOCK / 8;

	if (need > l->nbits) {
		need = need < 2 * l->nbits ? 2 * l->nbits : need;
		l->bits = xrealloc(l->bits, need);
		memset(l->bits + l->nbits, 0, need - l->nbits);
		l->nbits = need;
	}
	while (p < end) {
		p = book_text_delta(p, end, &d);
		if ((id += d) / 8 < l->nbits)
			l->bits[id / 8] |= 1 << (id % 8);
	}
}

/* The ids of every posting block of the keys beginning with prefix:
 * into l->ids, or (bits) into l->bits. */
static int
book_lookup_postings(struct store_cursor *c, struct book_lookup *l,
    const unsigned char *prefix, size_t plen, size_t glen, int bits)
{
	const unsigned char	*b;
	struct store_row	 row;
	int			 rc;

	for (rc = store_cursor_seek(c, prefix, plen, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		if (row.klen < plen || memcmp(row.key, prefix, plen) != 0)
			break;
		if (glen != 0 && row.klen != glen + 4)
			continue;
		b = (const unsigned char *)row.key + row.klen - 4;
		if (bits)
			book_lookup_set_block(l, row.data, row.dlen,
			    (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 |
			    b[3]);
		else
			book_text_decode(row.data, row.dlen, (uint32_t)b[0] <<
			    24 | b[1] << 16 | b[2] << 8 | b[3], &l->ids,
			    &l->nids, &l->cap);
	}
	return rc == STORE_NOTFOUND ? 0 : rc;
}

static int
book_lookup_idcmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
book_lookup_set_id(struct book_lookup *l, uint64_t id)
{
	if (l->nids == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->ids = xreallocarray(l->ids, l->cap, sizeof *l->ids);
	}
	l->ids[l->nids++] = id;
}

/* The ids of the postings whose keys begin with prefix, into l->bits. */
static int
book_lookup_pair_bits(struct store_cursor *c, struct book_lookup *l,
    const unsigned char *prefix, size_t plen)
{
	return book_lookup_postings(c, l, prefix, plen, 0, 1);
}

/* Lowers l->low to the floors of the grams whose floors' keys begin with
 * prefix. */
static int
book_lookup_pair_low(struct store_cursor *c, struct book_lookup *l,
    const unsigned char *prefix, size_t plen)
{
	struct store_row	row;
	int			rc;

	for (rc = store_cursor_seek(c, prefix, plen, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		if (row.klen < plen || memcmp(row.key, prefix, plen) != 0)
			break;
		if (row.dlen == BOOK_TEXT_FLOORLEN && (!l->haslow ||
		    memcmp(row.data, l->low, BOOK_TEXT_FLOORLEN) < 0))
			memcpy(l->low, row.data, BOOK_TEXT_FLOORLEN);
		l->haslow |= row.dlen == BOOK_TEXT_FLOORLEN;
	}
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Each first character of the grams (after the t bytes of pre) in turn:
 * fn on the keys of those whose next bytes are the pair w. */
static int
book_lookup_pair_ends(struct store_cursor *c, struct book_lookup *l,
    const unsigned char *pre, size_t t, const char *w, size_t wlen,
    int (*fn)(struct store_cursor *, struct book_lookup *,
    const unsigned char *, size_t))
{
	unsigned char		 k[BOOK_TEXT_KEYMAX + BOOK_TEXT_FLOORPRE];
	const unsigned char	*key;
	struct store_row	 row;
	size_t			 n = 0;
	uint32_t		 cp;
	int			 rc, stop;

	if (t > 0)
		memcpy(k, pre, t);
	for (rc = store_cursor_seek(c, k, t, &row); rc == 0;
	    rc = store_cursor_seek(c, k, t + n, &row)) {
		key = row.key;
		if (row.klen <= t || (t > 0 && memcmp(key, pre, t) != 0))
			return 0;	/* past the keys after pre */
		stop = utf8_decode((const char *)key + t, row.klen - t, &cp);
		n = stop > 0 && stop <= 4 ? (size_t)stop : 1;
		memcpy(k + t, key + t, n);
		memcpy(k + t + n, w, wlen);
		/* Past the tags: grams of text only. */
		if (k[t] > BOOK_TEXT_FLOOR && (stop = fn(c, l, k, t + n +
		    wlen)) != 0)
			return stop;
		while (n > 0 && k[t + n - 1] == 0xff)	/* after every x... */
			n--;
		if (n == 0)
			return 0;
		k[t + n - 1]++;
	}
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Few ids in the bits: their list (for reading them directly); many:
 * only their count. */
static void
book_lookup_bits_ids(struct book_lookup *l)
{
	size_t	i, n = 0;
	int	j;

	for (i = 0; i < l->nbits; i++)
		n += __builtin_popcount(l->bits[i]);
	l->nids = 0;
	if (n > BOOK_LOOKUP_DIRECT) {
		l->nids = n;		/* many: the walk tests the bits */
		return;
	}
	for (i = 0; i < l->nbits; i++)
		for (j = 0; l->bits[i] != 0 && j < 8; j++)
			if ((l->bits[i] >> j) & 1)
				book_lookup_set_id(l, i * 8 + j);
}

/* Raises l->floor to the floor p, when p is higher. */
static void
book_lookup_raise(struct book_lookup *l, const unsigned char *p)
{
	char	f[BOOK_TEXT_FLOORLEN + 1];
	size_t	i;

	for (i = 0; i < BOOK_TEXT_FLOORLEN && p[i] != 0; i++)
		f[i] = (char)p[i];
	f[i] = '\0';
	if (strcmp(f, l->floor) > 0)
		memcpy(l->floor, f, sizeof f);
}

/* A word of two characters: the union of the trigrams holding it. */
static int
book_lookup_pair(struct store_txn *t, struct book_lookup *l, const char *w,
    struct err *e)
{
	struct store_cursor	*c;
	size_t			 wlen = strlen(w);
	int			 rc;

	rc = store_cursor_open(t, BOOK_T_TEXT, -1, STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	rc = book_lookup_postings(c, l, (const unsigned char *)w, wlen, 0,
	    1);
	if (rc == 0)
		rc = book_lookup_pair_ends(c, l, NULL, 0, w, wlen,
		    book_lookup_pair_bits);
	store_cursor_close(c);
	if (rc == 0)
		book_lookup_bits_ids(l);
	l->indexed = rc == 0;
	return rc;
}

/* Raises l->floor to the floor of gram g, when it has one. */
static int
book_lookup_floor_of(struct store_txn *t, struct book_lookup *l,
    const struct book_gram *g, struct err *e)
{
	unsigned char	k[BOOK_TEXT_KEYMAX + BOOK_TEXT_FLOORPRE];
	struct buf	b = BUF_INIT;
	int		rc;

	rc = store_kget(t, BOOK_T_TEXT, k, book_text_floor_key(g->s, g->len,
	    k), &b, 0, e);
	if (rc == 0 && b.len == BOOK_TEXT_FLOORLEN)
		book_lookup_raise(l, (const unsigned char *)b.data);
	buf_free(&b);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Raises l->floor to the least floor of the grams holding the pair w:
 * every contact with w has one of them (book_grams_pairs). */
static int
book_lookup_pair_floor(struct store_txn *t, struct book_lookup *l,
    const char *w, struct err *e)
{
	struct store_cursor	*c;
	unsigned char		 k[BOOK_TEXT_KEYMAX + BOOK_TEXT_FLOORPRE];
	size_t			 wlen = strlen(w), klen;
	int			 rc;

	rc = store_cursor_open(t, BOOK_T_TEXT, -1, STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	klen = book_text_floor_key(w, wlen, k);
	l->haslow = 0;
	rc = book_lookup_pair_low(c, l, k, klen);
	if (rc == 0)
		rc = book_lookup_pair_ends(c, l, k, BOOK_TEXT_FLOORPRE, w,
		    wlen, book_lookup_pair_low);
	store_cursor_close(c);
	if (rc == 0 && l->haslow)
		book_lookup_raise(l, l->low);
	return rc;
}

/*
 * Where in name order the matches can begin: the highest floor of the
 * grams every match has (each word's trigrams, a pair's grams, or a
 * letter's), into l->floor.  A gram without one leaves it as it was.
 */
static int
book_lookup_floors(struct store_txn *t, struct book_lookup *l,
    struct err *e)
{
	struct book_gram	*g = NULL;
	const char		*w, *end;
	size_t			 i, k, ng, cap = 0;
	uint32_t		 cp;
	int			 rc = 0, n;

	l->floor[0] = '\0';
	if (book_order_index(l->order) != BOOK_I_NAME)
		return 0;
	for (i = 0; rc == 0 && i < l->nwords; i++) {
		w = l->words[i];
		end = w + strlen(w);
		if (book_lookup_chars(w) >= 3) {
			ng = book_grams_of(w, &g, &cap);
			for (k = 0; rc == 0 && k < ng; k++)
				rc = book_lookup_floor_of(t, l, &g[k], e);
			continue;
		}
		if (book_lookup_chars(w) == 2)
			rc = book_lookup_pair_floor(t, l, w, e);
		for (; rc == 0 && w < end; w += n) {
			struct book_gram	one;

			if ((n = utf8_decode(w, end - w, &cp)) <= 0)
				break;
			if (book_letter(w, n, &one))
				rc = book_lookup_floor_of(t, l, &one, e);
		}
	}
	free(g);
	return rc;
}

/* Bytes of the postings of one trigram (its size, to find the rarest). */
static int
book_lookup_gram_size(struct store_cursor *c, const struct book_gram *g,
    size_t *bytes)
{
	struct store_row	row;
	int			rc;

	*bytes = 0;
	for (rc = store_cursor_seek(c, g->s, g->len, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		if (row.klen != g->len + 4 || memcmp(row.key, g->s, g->len))
			break;
		*bytes += row.dlen;
	}
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Words of one character only: the contacts with the rarest letter. */
static int
book_lookup_letter(struct store_txn *t, struct book_lookup *l, struct err *e)
{
	struct store_cursor	*c;
	struct book_gram	 g, best;
	size_t			 i, size, least = (size_t)-1;
	int			 rc;

	l->indexed = 0;
	rc = store_cursor_open(t, BOOK_T_TEXT, -1, STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	for (i = 0; rc == 0 && i < l->nwords; i++) {
		if (!book_letter(l->words[i], strlen(l->words[i]), &g))
			continue;
		size = 0;	/* measured only to choose among several */
		if (l->nwords > 1 &&
		    (rc = book_lookup_gram_size(c, &g, &size)) != 0)
			break;
		if (size < least) {
			least = size;
			best = g;
		}
	}
	if (rc == 0 && least != (size_t)-1)
		rc = book_lookup_postings(c, l, (const unsigned char *)best.s,
		    best.len, best.len, 1);
	store_cursor_close(c);
	if (rc == 0 && least != (size_t)-1) {
		book_lookup_bits_ids(l);
		l->indexed = 1;
	}
	return rc;
}

/* Keeps the candidates that are also in the sorted v[n]. */
static void
book_lookup_keep(struct book_lookup *l, const uint64_t *v, size_t n)
{
	size_t	i = 0, j = 0, k = 0;

	while (i < l->nids && j < n) {
		if (l->ids[i] < v[j])
			i++;
		else if (l->ids[i] > v[j])
			j++;
		else {
			l->ids[k++] = l->ids[i++];
			j++;
		}
	}
	l->nids = k;
}

/* One trigram's ids: the first become the candidates, later ones narrow
 * them. */
static int
book_lookup_gram(struct store_cursor *c, struct book_lookup *l,
    const struct book_gram *g, int first)
{
	struct book_lookup	one;
	int			rc;

	memset(&one, 0, sizeof one);
	rc = book_lookup_postings(c, first ? l : &one,
	    (const unsigned char *)g->s, g->len, g->len, 0);
	if (!first)
		book_lookup_keep(l, one.ids, one.nids);
	free(one.ids);
	return rc;
}

/* The candidates are the contacts in the postings of the rarest of the
 * grams g[ng] (sorted, distinct), intersected. */
static int
book_lookup_rarest(struct store_txn *t, struct book_lookup *l,
    const struct book_gram *g, size_t ng, struct err *e)
{
	struct store_cursor	*c = NULL;
	size_t			*sizes, i, k, best;
	int			 rc;

	sizes = xcalloc(ng + 1, sizeof *sizes);
	rc = store_cursor_open(t, BOOK_T_TEXT, -1, STORE_CUR_DATA, &c, e);
	for (i = 0; rc == 0 && i < ng; i++)
		rc = book_lookup_gram_size(c, &g[i], &sizes[i]);
	for (k = 0; rc == 0 && k < BOOK_LOOKUP_GRAMS && k < ng; k++) {
		for (best = ng, i = 0; i < ng; i++)
			if (sizes[i] != (size_t)-1 && (best == ng ||
			    sizes[i] < sizes[best]))
				best = i;
		sizes[best] = (size_t)-1;
		rc = book_lookup_gram(c, l, &g[best], k == 0);
		if (l->nids == 0)
			break;
	}
	if (c != NULL)
		store_cursor_close(c);
	l->indexed = rc == 0;
	free(sizes);
	return rc;
}

/* Words of three characters or more: the rarest of their trigrams. */
static int
book_lookup_grams(struct store_txn *t, struct book_lookup *l, struct err *e)
{
	struct book_gram	*g = NULL;
	struct buf		 words = BUF_INIT;
	size_t			 ng, i, cap = 0;
	int			 rc;

	for (i = 0; i < l->nwords; i++)	/* a line each: no gram spans two */
		buf_addf(&words, "%s\n", l->words[i]);
	ng = book_grams_unique(g, book_grams_of(buf_str(&words), &g, &cap));
	buf_free(&words);
	rc = book_lookup_rarest(t, l, g, ng, e);
	free(g);
	return rc;
}

/* Phone digits: the contacts with a number ending in them (the phone
 * index, whose keys are the digits last first, read alone); when there
 * are none, those with them anywhere in a number: the rarest of their
 * digit trigrams. */
static int
book_lookup_digits(struct store_txn *t, struct book_lookup *l, struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	struct book_gram	*g = NULL;
	char			 rev[64];
	size_t			 n, ng = 0, cap = 0, i, k;
	int			 rc;

	n = book_digits_reversed(l->digits, rev, sizeof rev);
	rc = store_cursor_open(t, BOOK_T_CONTACT, BOOK_I_PHONE, STORE_CUR_KEYS,
	    &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, rev, n, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		if (row.klen < n || memcmp(row.key, rev, n) != 0)
			break;
		book_lookup_set_id(l, row.id);
	}
	store_cursor_close(c);
	if (rc != 0 && rc != STORE_NOTFOUND)
		return rc;
	if (l->nids > 0) {		/* sorted, each once */
		qsort(l->ids, l->nids, sizeof *l->ids, book_lookup_idcmp);
		for (i = k = 0; i < l->nids; i++)
			if (k == 0 || l->ids[k - 1] != l->ids[i])
				l->ids[k++] = l->ids[i];
		l->nids = k;
		l->ends = 1;
		l->indexed = 1;
		return 0;
	}
	l->ends = 0;
	book_grams_digits(l->digits, &g, &ng, &cap);
	ng = book_grams_unique(g, ng);
	rc = book_lookup_rarest(t, l, g, ng, e);
	free(g);
	return rc;
}

/* Few candidates: each read and matched, then sorted in the order. */
static int
book_lookup_direct(struct store_txn *t, struct book_lookup *l,
    struct err *e)
{
	struct buf	data = BUF_INIT;
	size_t		i;
	int		rc = 0;

	for (i = 0; rc == 0 && i < l->nids; i++) {
		rc = store_get(t, BOOK_T_CONTACT, l->ids[i], &data, 0, e);
		if (rc == 0)
			rc = book_lookup_decode(l, l->ids[i], data.data,
			    data.len, e) < 0 ? -1 : 0;
		else if (rc == STORE_NOTFOUND)
			rc = 0;
	}
	buf_free(&data);
	return rc;
}

static int
book_lookup_has(const struct book_lookup *l, uint64_t id)
{
	if (l->bits != NULL)
		return id / 8 < l->nbits && (l->bits[id / 8] >> (id % 8)) & 1;
	return bsearch(&id, l->ids, l->nids, sizeof *l->ids,
	    book_lookup_idcmp) != NULL;
}

/* A cursor over the rows of places, a block at a time in rising order. */
struct book_lookup_pc {
	struct store_cursor	*c;
	struct store_row	 row;
	uint32_t		 block;		/* the row's */
	int			 at;		/* on a row of places */
};

/* The places of a block (NULL: not there). */
static const unsigned char *
book_lookup_pc_get(struct book_lookup_pc *pc, uint32_t block)
{
	unsigned char		 k[BOOK_TEXT_KEYMAX];
	const unsigned char	*key;

	while (!pc->at || pc->block < block) {
		if ((pc->at && pc->block + 1 == block ?
		    store_cursor_next(pc->c, &pc->row) :
		    store_cursor_seek(pc->c, k, book_text_places_key(block, k),
		    &pc->row)) != 0)
			return NULL;
		key = pc->row.key;
		if (pc->row.klen != 5 || key[0] != BOOK_TEXT_PLACES)
			return NULL;
		pc->block = (uint32_t)key[1] << 24 | key[2] << 16 |
		    key[3] << 8 | key[4];
		pc->at = 1;
	}
	if (pc->block != block ||
	    pc->row.dlen != BOOK_TEXT_PLACES_IDS * BOOK_TEXT_PLACE)
		return NULL;
	return pc->row.data;
}

/* Lowers least (BOOK_TEXT_PLACE bytes) to the place of candidate id;
 * 0, or -1 when it is not known (all must be walked). */
static int
book_lookup_place_of(struct book_lookup_pc *pc, uint64_t id,
    unsigned char *least)
{
	const unsigned char	*p;
	size_t			 j;

	if ((p = book_lookup_pc_get(pc, id / BOOK_TEXT_PLACES_IDS)) == NULL)
		return -1;
	p += id % BOOK_TEXT_PLACES_IDS * BOOK_TEXT_PLACE;
	for (j = 0; j < BOOK_TEXT_PLACE && p[j] == 0; j++)
		;
	if (j == BOOK_TEXT_PLACE)	/* gone, or placed first */
		return -1;
	if (memcmp(p, least, BOOK_TEXT_PLACE) < 0)
		memcpy(least, p, BOOK_TEXT_PLACE);
	return 0;
}

/* Where in name order the candidates begin at the earliest: the least of
 * their places (book-text.c), into l->place; whether it is known. */
static int
book_lookup_places(struct store_txn *t, struct book_lookup *l)
{
	struct book_lookup_pc	pc;
	struct err		ignored;
	unsigned char		least[BOOK_TEXT_PLACE];
	size_t			i, j;
	int			rc;

	memset(&pc, 0, sizeof pc);
	l->place[0] = '\0';
	memset(least, 0xff, sizeof least);
	if (store_cursor_open(t, BOOK_T_TEXT, -1, STORE_CUR_DATA, &pc.c,
	    &ignored) != 0)
		return 0;
	rc = 0;
	if (l->bits != NULL) {
		for (i = 0; rc == 0 && i < l->nbits; i++)
			for (j = 0; rc == 0 && l->bits[i] != 0 && j < 8; j++)
				if ((l->bits[i] >> j) & 1)
					rc = book_lookup_place_of(&pc,
					    i * 8 + j, least);
	} else {
		for (i = 0; rc == 0 && i < l->nids; i++)
			rc = book_lookup_place_of(&pc, l->ids[i], least);
	}
	store_cursor_close(pc.c);
	if (rc != 0 || least[0] == 0xff)
		return 0;
	for (i = 0; i < BOOK_TEXT_PLACE && least[i] != 0; i++)
		l->place[i] = (char)least[i];
	l->place[i] = '\0';
	return 1;
}

/* Whether the place s sorts after the row's key. */
static int
book_lookup_after(const char *s, const struct store_row *row)
{
	size_t	n = strlen(s);
	int	c = memcmp(s, row->key, n < row->klen ? n : row->klen);

	return c > 0 || (c == 0 && n > row->klen);
}

/* The order's index from its start until the page is full, or until
 * limit rows (0: no limit): keys alone when candidates are known, reading
 * those.  *done: the page is full or the
 * index read to its end.  Names walked in vain for a while, it skips to
 * where in name order the candidates begin (book_lookup_places). */
static int
book_lookup_walk(struct store_txn *t, struct book_lookup *l, size_t limit,
    int *done, struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	struct buf		 data = BUF_INIT;
	int			 index = book_order_index(l->order);
	int			 keys = l->indexed;
	const char		*start;
	size_t			 n = 0, fromlen;
	int			 rc;

	rc = store_cursor_open(t, BOOK_T_CONTACT, index, keys ?
	    STORE_CUR_KEYS : STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	fromlen = l->from != NULL ? strlen(l->from) : 0;
	start = l->from;
	if (index == BOOK_I_NAME && l->floor[0] != '\0' &&
	    (start == NULL || strcmp(l->floor, start) > 0))
		start = l->floor;	/* no match before it */
	for (rc = store_cursor_seek(c, start, start != NULL ? strlen(start) :
	    0, &row); rc == 0 &&
	    l->nout <= l->max && (limit == 0 || n < limit);
	    rc = store_cursor_next(c, &row)) {
		if (l->after != 0 && row.id <= l->after &&
		    row.klen == fromlen &&
		    memcmp(row.key, l->from, row.klen) == 0)
			continue;
		if (++n == BOOK_LOOKUP_SKIP && keys && index == BOOK_I_NAME &&
		    l->nout == 0 &&
		    book_lookup_places(t, l) && book_lookup_after(l->place,
		    &row) && (rc = store_cursor_seek(c, l->place,
		    strlen(l->place), &row)) != 0)
			break;
		if (l->indexed && !book_lookup_has(l, row.id))
			continue;
		if (keys) {
			if ((rc = store_get(t, BOOK_T_CONTACT, row.id, &data,
			    0, e)) == STORE_NOTFOUND)
				continue;
			if (rc != 0)
				break;
			row.data = data.data;
			row.dlen = data.len;
		}
		if (book_lookup_decode(l, row.id, row.data, row.dlen, e) < 0) {
			rc = -1;
			break;
		}
	}
	if (rc == -1 && !err_isset(e))
		err_set(e, NULL, 0, "lookup: %s", store_cursor_error(c));
	store_cursor_close(c);
	buf_free(&data);
	*done = rc == STORE_NOTFOUND || l->nout > l->max;
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/*
 * A short word's first page from the records in order, when it is common
 * enough to fill it soon: BOOK_LOOKUP_PROBE pages of records, and three
 * times as many again when those held half a page of matches (a word in
 * one contact of eight, or more, then fills it there).  Not done: nothing
 * kept.
 */
static int
book_lookup_probe(struct store_txn *t, struct book_lookup *l, int *done,
    struct err *e)
{
	size_t	probe = (l->max + 1) * BOOK_LOOKUP_PROBE;
	int	rc;

	rc = book_lookup_walk(t, l, probe, done, e);
	if (rc == 0 && !*done && l->nout * 2 >= l->max + 1) {
		book_lookup_reset(l);
		rc = book_lookup_walk(t, l, 4 * probe, done, e);
	}
	if (rc == 0 && !*done)
		book_lookup_reset(l);
	return rc;
}

static int
book_lookup_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_lookup	*l = arg;
	const char		*pair = NULL;
	size_t			 i;
	int			 rc = 0, done;

	book_lookup_reset(l);
	for (i = 0; i < l->nwords; i++)
		if (book_lookup_chars(l->words[i]) == 2)
			pair = l->words[i];
	if ((rc = book_lookup_floors(t, l, e)) != 0)
		return rc;
	if (l->digits[0] != '\0')
		rc = book_lookup_digits(t, l, e);
	else if (l->longest >= 3)
		rc = book_lookup_grams(t, l, e);
	else if (l->longest > 0) {
		if (l->max < BOOK_LOOKUP_DIRECT) {
			rc = book_lookup_probe(t, l, &done, e);
			if (rc != 0 || done)
				return rc;
		}
		rc = pair != NULL ? book_lookup_pair(t, l, pair, e) :
		    book_lookup_letter(t, l, e);
	}
	if (rc != 0)
		return rc;
	if (l->indexed && l->nids <= BOOK_LOOKUP_DIRECT)
		return book_lookup_direct(t, l, e);
	return book_lookup_walk(t, l, 0, &done, e);
}

struct book_lookup_row {
	char		*key;
	struct contact	*c;
};

static int
book_lookup_rowcmp(const void *pa, const void *pb)
{
	const struct book_lookup_row	*a = pa, *b = pb;
	int				 d = strcmp(a->key, b->key);

	if (d != 0)
		return d;
	return a->c->id < b->c->id ? -1 : a->c->id > b->c->id;
}

/* The matches read directly come in id order: put them in the order's. */
static void
book_lookup_sort(struct book_lookup *l)
{
	struct book_lookup_row	*v;
	size_t			 i;

	if (l->nout < 2)
		return;
	v = xcalloc(l->nout, sizeof *v);
	for (i = 0; i < l->nout; i++) {
		v[i].c = l->out[i];
		v[i].key = book_sortkey_by(l->out[i], l->order);
	}
	qsort(v, l->nout, sizeof *v, book_lookup_rowcmp);
	for (i = 0; i < l->nout; i++) {
		l->out[i] = v[i].c;
		free(v[i].key);
	}
	free(v);
}

void
book_lookup_memo_free(struct book_lookup_memo *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nwords; i++)
		free(m->words[i]);
	free(m->words);
	free(m->from);
	free(m);
}

/* Whether every word of the memo is in a word of l: l's matches are
 * among the memo's. */
static int
book_lookup_narrows(const struct book_lookup_memo *m,
    const struct book_lookup *l)
{
	size_t	i, j;

	if (m->order != l->order || m->nwords == 0)
		return 0;
	for (i = 0; i < m->nwords; i++) {
		for (j = 0; j < l->nwords; j++)
			if (strstr(l->words[j], m->words[i]) != NULL)
				break;
		if (j == l->nwords)
			return 0;
	}
	return 1;
}

/* Remembers where l's matches begin, as of changes. */
static void
book_lookup_remember(struct book *b, struct book_lookup *l,
    uint64_t changes)
{
	struct book_lookup_memo	*m = xcalloc(1, sizeof *m);

	book_lookup_memo_free(b->memo);
	m->words = l->words;
	m->nwords = l->nwords;
	l->words = NULL;
	l->nwords = 0;
	m->order = l->order;
	m->changes = changes;
	if (l->nout > 0)
		m->from = book_sortkey_by(l->out[0], l->order);
	b->memo = m;
}

/* A query of phone digits (or of nothing) goes through book_find. */
static int
book_lookup_phone(const char *query)
{
	const char	*p;

	for (p = query; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p) && !strchr(" +-()./", *p))
			return 0;
	return 1;
}

static void
book_lookup_parse(struct book_lookup *l, const char *query)
{
	char	*f = utf8_fold(query), *tok, *save;
	size_t	 n;

	for (tok = strtok_r(f, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		l->words = xreallocarray(l->words, l->nwords + 1,
		    sizeof *l->words);
		l->words[l->nwords++] = xstrdup(tok);
		if ((n = book_lookup_chars(tok)) > l->longest)
			l->longest = n;
	}
	free(f);
}

static int	book_lookup_run(struct book *b, const char *query,
		    const char *digits, enum book_order order, size_t max,
		    const char *from, uint64_t from_id, book_contact_fn fn,
		    void *arg, int *more, size_t *candidates, struct err *e);

int
book_lookup_page(struct book *b, const char *query, enum book_order order,
    size_t max, book_contact_fn fn, void *arg, int *more, struct err *e)
{
	char	d[64];

	if (!book_lookup_phone(query != NULL ? query : ""))
		return book_lookup_run(b, query, NULL, order, max, NULL, 0, fn,
		    arg, more, NULL, e);
	if (utf8_digits(query, d, sizeof d) < 3)	/* everyone */
		return book_find_page(b, query, max, fn, arg, more, e);
	return book_lookup_run(b, NULL, d, order, max, NULL, 0, fn, arg, more,
	    NULL, e);
}

int
book_lookup_text(struct book *b, const char *query, enum book_order order,
    size_t max, const char *from, uint64_t from_id, book_contact_fn fn,
    void *arg, int *more, size_t *candidates, struct err *e)
{
	return book_lookup_run(b, query, NULL, order, max, from, from_id, fn,
	    arg, more, candidates, e);
}

/* A page of the words of query, or of the phone digits. */
static int
book_lookup_run(struct book *b, const char *query, const char *digits,
    enum book_order order, size_t max, const char *from, uint64_t from_id,
    book_contact_fn fn, void *arg, int *more, size_t *candidates,
    struct err *e)
{
	struct book_lookup	l;
	struct err		ignored;
	uint64_t		changes;
	size_t			i;
	int			rc, known, narrows;

	memset(&l, 0, sizeof l);
	l.b = b;
	l.order = order;
	l.max = max != 0 ? max : (size_t)-2;
	if (digits != NULL)
		snprintf(l.digits, sizeof l.digits, "%s", digits);
	else
		book_lookup_parse(&l, query);
	known = store_changes(b->store, &changes, &ignored) == 0;
	narrows = from == NULL && known && b->memo != NULL &&
	    b->memo->changes == changes && book_lookup_narrows(b->memo, &l);
	if (narrows && b->memo->from == NULL)	/* narrowing nothing */
		rc = 0;
	else {
		l.from = narrows ? b->memo->from : from;
		l.after = from != NULL ? from_id : 0;
		rc = store_txn_run(b->store, STORE_READ, book_lookup_fn, &l,
		    e);
		l.from = NULL;
		if (rc == 0 && l.indexed && l.nids <= BOOK_LOOKUP_DIRECT)
			book_lookup_sort(&l);
	}
	for (i = 0; rc == 0 && i < l.nout && i < l.max; i++)
		if (fn(l.out[i], arg) != 0)
			break;
	if (more != NULL)
		*more = rc == 0 && l.nout > l.max;
	if (candidates != NULL)
		*candidates = l.indexed ? l.nids : (size_t)-1;
	if (rc == 0 && known && from == NULL)
		book_lookup_remember(b, &l, changes);
	book_lookup_reset(&l);
	for (i = 0; i < l.nwords; i++)
		free(l.words[i]);
	free(l.words);
	return rc;
}
