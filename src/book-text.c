/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The text postings: for every trigram of a contact's folded name,
 * company and e-mails, for every character of them (a "letter", so that
 * a lookup of one rare character has candidates too), for a name or
 * company of two characters alone, and for every three digits running in
 * its phone numbers, the ids of the contacts that have it, one record per
 * gram and block of BOOK_TEXT_BLOCK ids.  Beside them, a row per
 * BOOK_TEXT_PLACES_IDS ids holds each contact's place in name order,
 * roughly: the first two bytes of its sort key, so that a lookup whose
 * candidates all sort late need not walk the names before them; and a
 * row per gram its floor, the start of the least sort key among its
 * contacts, where a lookup of the gram can begin.  A row per trigram and
 * contact in a secondary index was 44 random inserts a contact and most
 * of a bulk load; here changes are gathered in memory and each posting is
 * written once, in key order.
 */
#include "book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "store.h"
#include "strmap.h"
#include "utf8.h"
#include "xmalloc.h"

#define BOOK_TEXT_DEL	(1ULL << 63)	/* an op removing the id */
#define BOOK_TEXT_META	"book.text-postings"
/* The postings' version: 1 had trigrams alone, 2 no places, 3 no digits,
 * 4 no lone pairs, 5 no floors, 6 floors under one tag byte. */
#define BOOK_TEXT_VERSION "7"

/*
 * A posting's changes: ids added in rising order (all a load or an import
 * notes) packed as they are stored, a byte or two each, and after them
 * any other op in the order noted.
 */
struct book_text_ent {
	unsigned char	 key[BOOK_TEXT_KEYMAX];
	size_t		 klen;		/* 0: an empty slot */
	unsigned char	*pk;		/* varint deltas, as stored */
	size_t		 pklen, pkcap;
	uint64_t	 last;		/* the last id in pk, or 0 */
	uint64_t	*ops;		/* ids, BOOK_TEXT_DEL set to remove */
	size_t		 n, cap;
	unsigned char	 floor[BOOK_TEXT_FLOORLEN];	/* the least
					 * sort key of the contacts noted */
	int		 floored;	/* floor holds one */
	int		 seen;		/* its gram's floor, by kith check */
};

/* The places noted in one block: where set, place[] is the new one. */
struct book_text_places {
	uint32_t	block;
	unsigned char	place[BOOK_TEXT_PLACES_IDS * BOOK_TEXT_PLACE];
	unsigned char	set[BOOK_TEXT_PLACES_IDS / 8];
	int		seen;		/* by kith check */
};

struct book_text {
	struct book_text_ent	*v;
	size_t			 cap, n;
	size_t			 bytes;		/* of the changes noted */
	struct book_text_places	**pv;		/* in the order first noted */
	size_t			 np, pcap;
};

struct book_text *
book_text_new(void)
{
	return xcalloc(1, sizeof(struct book_text));
}

void
book_text_free(struct book_text *x)
{
	size_t	i;

	if (x == NULL)
		return;
	for (i = 0; i < x->cap; i++) {
		free(x->v[i].ops);
		free(x->v[i].pk);
	}
	free(x->v);
	for (i = 0; i < x->np; i++)
		free(x->pv[i]);
	free(x->pv);
	free(x);
}

static struct book_text_ent *
book_text_slot(struct book_text *x, const unsigned char *k, size_t klen)
{
	struct book_text_ent	*s;
	size_t			 i, j, cap;

	if (x->n * 2 >= x->cap) {
		struct book_text_ent	*old = x->v;

		cap = x->cap;
		x->cap = cap ? cap * 2 : 4096;
		x->v = xcalloc(x->cap, sizeof *x->v);
		for (j = 0; j < cap; j++) {
			if (old[j].klen == 0)
				continue;
			i = hash_bytes(old[j].key, old[j].klen);
			for (i &= x->cap - 1; x->v[i].klen != 0;
			    i = (i + 1) & (x->cap - 1))
				;
			x->v[i] = old[j];
		}
		free(old);
	}
	for (i = hash_bytes(k, klen) & (x->cap - 1);; i = (i + 1) &
	    (x->cap - 1)) {
		s = &x->v[i];
		if (s->klen == klen && memcmp(s->key, k, klen) == 0)
			return s;
		if (s->klen == 0)
			break;
	}
	memcpy(s->key, k, klen);
	s->klen = klen;
	x->n++;
	return s;
}

/* Appends an id, not below the last, to the packed adds. */
static void
book_text_pack(struct book_text *x, struct book_text_ent *s, uint64_t id)
{
	uint64_t	d;

	if (s->pklen > 0 && id == s->last)	/* a trigram twice */
		return;
	d = id - (s->pklen > 0 ? s->last : id / BOOK_TEXT_BLOCK *
	    BOOK_TEXT_BLOCK);
	if (s->pklen + 10 > s->pkcap) {
		s->pkcap = s->pkcap ? s->pkcap * 2 : 16;
		s->pk = xrealloc(s->pk, s->pkcap);
		x->bytes += s->pkcap / 2;
	}
	for (; d >= 0x80; d >>= 7)
		s->pk[s->pklen++] = 0x80 | (d & 0x7f);
	s->pk[s->pklen++] = d;
	s->last = id;
}

/* Turns the packed adds into ops, for an op that cannot be packed. */
static void
book_text_unpack(struct book_text *x, struct book_text_ent *s)
{
	uint64_t	*ids = NULL;
	size_t		 n = 0, cap = 0, i;

	book_text_decode(s->pk, s->pklen, s->last / BOOK_TEXT_BLOCK, &ids,
	    &n, &cap);
	free(s->pk);
	s->pk = NULL;
	s->pklen = s->pkcap = 0;
	s->ops = xreallocarray(s->ops, s->n + n + 4, sizeof *s->ops);
	s->cap = s->n + n + 4;
	for (i = 0; i < n; i++)
		s->ops[s->n++] = ids[i];
	x->bytes += n * sizeof *s->ops;
	free(ids);
}

/* The changes of the posting of a gram and id's block. */
static struct book_text_ent *
book_text_at(struct book_text *x, const struct book_gram *g, uint64_t id)
{
	unsigned char	k[BOOK_TEXT_KEYMAX];
	size_t		klen = book_text_key(g->s, g->len, id / BOOK_TEXT_BLOCK,
			    k);

	return book_text_slot(x, k, klen);
}

static struct book_text_ent *
book_text_op(struct book_text *x, const struct book_gram *g, uint64_t op)
{
	struct book_text_ent	*s;
	uint64_t		 id = op & ~BOOK_TEXT_DEL;

	s = book_text_at(x, g, id);
	if (s->n == 0 && op == id && (s->pklen == 0 || id >= s->last)) {
		book_text_pack(x, s, id);
		return s;
	}
	if (s->pklen > 0)
		book_text_unpack(x, s);
	if (s->n > 0 && s->ops[s->n - 1] == op)	/* a trigram twice */
		return s;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->ops = xreallocarray(s->ops, s->cap, sizeof *s->ops);
	}
	s->ops[s->n++] = op;
	x->bytes += sizeof *s->ops;
	return s;
}

/* Lowers the floor noted with a posting to f. */
static void
book_text_lower(struct book_text_ent *s, const unsigned char *f)
{
	if (!s->floored || memcmp(f, s->floor, BOOK_TEXT_FLOORLEN) < 0)
		memcpy(s->floor, f, BOOK_TEXT_FLOORLEN);
	s->floored = 1;
}

/* Bytes of changes noted since the last flush (a load flushes past a
 * bound). */
size_t
book_text_pending(const struct book_text *x)
{
	return x->bytes;
}

size_t
book_text_key(const char *tri, size_t len, uint32_t block, unsigned char *out)
{
	memcpy(out, tri, len);
	out[len] = block >> 24;
	out[len + 1] = block >> 16;
	out[len + 2] = block >> 8;
	out[len + 3] = block;
	return len + 4;
}

static int
book_gram_cmp(const void *a, const void *b)
{
	const struct book_gram	*x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

/* Appends a line of two characters as a gram of its own: no trigram holds
 * it, and a word of two characters finds contacts through the grams that
 * begin with it (the name "Bo" for "bo"). */
static size_t
book_grams_pairs(const char *s, struct book_gram **v, size_t n, size_t *cap)
{
	const char	*line, *nl, *end = s + strlen(s);
	uint32_t	 cp;
	int		 a, b;

	for (line = s; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', end - line)) == NULL)
			nl = end;
		if ((a = utf8_decode(line, nl - line, &cp)) <= 0 ||
		    (b = utf8_decode(line + a, nl - line - a, &cp)) <= 0 ||
		    line + a + b != nl)
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*v = xreallocarray(*v, *cap, sizeof **v);
		}
		memcpy((*v)[n].s, line, a + b);
		(*v)[n++].len = a + b;
	}
	return n;
}

/* The trigrams, lone pairs and letters of a haystack, as the postings
 * hold them (not deduplicated). */
static size_t
book_grams_indexed(const char *s, struct book_gram **v, size_t *cap)
{
	const char	*p, *end = s + strlen(s);
	size_t		 n = book_grams_pairs(s, v, book_grams_of(s, v, cap),
			    cap);
	uint64_t	 seen[2] = { 0, 0 };	/* ASCII letters noted */
	uint32_t	 cp;
	int		 w;

	for (p = s; *p != '\0'; p += w) {
		if ((w = utf8_decode(p, end - p, &cp)) <= 0) {
			w = 1;
			continue;
		}
		if (cp == '\n' || cp == ' ' || cp == '\t')
			continue;
		if (cp < 128) {
			if ((seen[cp / 64] >> (cp % 64)) & 1)
				continue;
			seen[cp / 64] |= (uint64_t)1 << (cp % 64);
		}
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*v = xreallocarray(*v, *cap, sizeof **v);
		}
		n += book_letter(p, w, &(*v)[n]);
	}
	return n;
}

/* The gram of the letter s[len] (a character of folded text). */
size_t
book_letter(const char *s, size_t len, struct book_gram *g)
{
	if (len + 1 > sizeof g->s)
		return 0;
	g->s[0] = BOOK_TEXT_LETTER;
	memcpy(g->s + 1, s, len);
	g->len = len + 1;
	return 1;
}

/* Every three digits running in digits[], after BOOK_TEXT_DIGITS, appended
 * to v; how many there are now. */
size_t
book_grams_digits(const char *digits, struct book_gram **v, size_t *n,
    size_t *cap)
{
	size_t	i, len = strlen(digits);

	for (i = 0; i + 3 <= len; i++) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*v = xreallocarray(*v, *cap, sizeof **v);
		}
		(*v)[*n].s[0] = BOOK_TEXT_DIGITS;
		memcpy((*v)[*n].s + 1, digits + i, 3);
		(*v)[(*n)++].len = 4;
	}
	return *n;
}

/* The trigrams and letters of a contact's text and the digit trigrams of
 * its phones (not deduplicated). */
static size_t
book_grams_contact(const struct contact *c, struct book_gram **v,
    size_t *cap)
{
	char	*h = book_haystack(c), d[64];
	size_t	 i, n;

	n = book_grams_indexed(h, v, cap);
	free(h);
	for (i = 0; i < c->phones.n; i++) {
		utf8_digits(c->phones.v[i].text, d, sizeof d);
		book_grams_digits(d, v, &n, cap);
	}
	return n;
}

/* The distinct grams of a contact (none for NULL), sorted. */
size_t
book_grams(const struct contact *c, struct book_gram **out)
{
	struct book_gram	*v = NULL;
	size_t			 n = 0, cap = 0;

	*out = NULL;
	if (c == NULL)
		return 0;
	n = book_grams_contact(c, &v, &cap);
	*out = v;
	return book_grams_unique(v, n);
}

/* Sorts trigrams and drops repeats; how many are left. */
size_t
book_grams_unique(struct book_gram *v, size_t n)
{
	size_t	i, k;

	if (n > 1)
		qsort(v, n, sizeof *v, book_gram_cmp);
	for (i = k = 0; i < n; i++)
		if (k == 0 || book_gram_cmp(&v[k - 1], &v[i]) != 0)
			v[k++] = v[i];
	return k;
}

/* Every run of three characters of s, within a line (not deduplicated). */
size_t
book_grams_of(const char *s, struct book_gram **v, size_t *cap)
{
	const char	*p, *q, *end = s + strlen(s);
	size_t		 n = 0;
	uint32_t	 cp;
	int		 w[3], k;

	for (p = s; *p != '\0'; p += w[0]) {
		for (q = p, k = 0; k < 3; k++) {
			w[k] = utf8_decode(q, end - q, &cp);
			if (w[k] <= 0 || cp == '\n')
				break;
			q += w[k];
		}
		if (k == 3 && (size_t)(q - p) <= BOOK_TEXT_GRAMMAX) {
			if (n == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*v = xreallocarray(*v, *cap, sizeof **v);
			}
			memcpy((*v)[n].s, p, q - p);
			(*v)[n++].len = q - p;
		}
		if (w[0] <= 0)
			w[0] = 1;
	}
	return n;
}

/* A contact's place in name order (0 0 for none) and the longer start
 * of its sort key a floor holds, zeros after its end. */
static void
book_text_place_of(const struct contact *c, unsigned char *p,
    unsigned char *f)
{
	char	*k;
	size_t	 i;

	memset(p, 0, BOOK_TEXT_PLACE);
	memset(f, 0, BOOK_TEXT_FLOORLEN);
	if (c == NULL)
		return;
	k = book_sortkey(c);
	for (i = 0; i < BOOK_TEXT_FLOORLEN && k[i] != '\0'; i++)
		f[i] = k[i];
	memcpy(p, f, BOOK_TEXT_PLACE);
	free(k);
}

/* Notes a contact's place (an import's ids rise: the last block first). */
static void
book_text_place(struct book_text *x, uint64_t id, const unsigned char *p)
{
	struct book_text_places	*b = NULL;
	uint32_t		 block = id / BOOK_TEXT_PLACES_IDS;
	size_t			 i, off = id % BOOK_TEXT_PLACES_IDS;

	for (i = x->np; i > 0; i--)
		if (x->pv[i - 1]->block == block) {
			b = x->pv[i - 1];
			break;
		}
	if (b == NULL) {
		if (x->np == x->pcap) {
			x->pcap = x->pcap ? x->pcap * 2 : 8;
			x->pv = xreallocarray(x->pv, x->pcap, sizeof *x->pv);
		}
		b = x->pv[x->np++] = xcalloc(1, sizeof *b);
		b->block = block;
		x->bytes += sizeof *b;
	}
	memcpy(b->place + off * BOOK_TEXT_PLACE, p, BOOK_TEXT_PLACE);
	b->set[off / 8] |= 1 << (off % 8);
}

/* Notes the trigrams a contact loses and gains (old or new NULL). */
void
book_text_note(struct book_text *x, uint64_t id, const struct contact *old,
    const struct contact *new)
{
	struct book_gram	*a, *b;
	size_t			 na, nb, i = 0, j = 0, cap = 0;
	unsigned char		 pa[BOOK_TEXT_PLACE], pb[BOOK_TEXT_PLACE];
	unsigned char		 fa[BOOK_TEXT_FLOORLEN], fb[BOOK_TEXT_FLOORLEN];
	int			 c;

	book_text_place_of(old, pa, fa);
	book_text_place_of(new, pb, fb);
	if (old == NULL || memcmp(pa, pb, sizeof pa) != 0)
		book_text_place(x, id, pb);
	if (old == NULL && new != NULL) {	/* no diff: no sorting */
		b = NULL;
		nb = book_grams_contact(new, &b, &cap);
		for (j = 0; j < nb; j++)
			book_text_lower(book_text_op(x, &b[j], id), fb);
		free(b);
		return;
	}
	na = book_grams(old, &a);
	nb = book_grams(new, &b);
	while (i < na || j < nb) {
		if (i == na)
			c = 1;
		else if (j == nb)
			c = -1;
		else
			c = book_gram_cmp(&a[i], &b[j]);
		if (c < 0)
			book_text_op(x, &a[i++], id | BOOK_TEXT_DEL);
		else if (c > 0)
			book_text_lower(book_text_op(x, &b[j++], id), fb);
		else {	/* kept: its floor may have to come down */
			if (memcmp(fb, fa, sizeof fb) < 0)
				book_text_lower(book_text_at(x, &b[j], id),
				    fb);
			i++, j++;
		}
	}
	free(a);
	free(b);
}

/* The delta at p (a varint); where the next one begins. */
const unsigned char *
book_text_delta(const unsigned char *p, const unsigned char *end,
    uint64_t *d)
{
	int	shift;

	for (*d = 0, shift = 0; p < end && shift < 64; shift += 7) {
		*d |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p++ & 0x80))
			break;
	}
	return p;
}

/* Appends a posting's ids (delta varints from the block's first id). */
void
book_text_decode(const void *data, size_t len, uint32_t block,
    uint64_t **ids, size_t *n, size_t *cap)
{
	const unsigned char	*p = data, *end = p + len;
	uint64_t		 id = (uint64_t)block * BOOK_TEXT_BLOCK, d;

	while (p < end) {
		p = book_text_delta(p, end, &d);
		id += d;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*ids = xreallocarray(*ids, *cap, sizeof **ids);
		}
		(*ids)[(*n)++] = id;
	}
}

static void
book_text_encode(const uint64_t *ids, size_t n, uint32_t block,
    struct buf *out)
{
	uint64_t	prev = (uint64_t)block * BOOK_TEXT_BLOCK, d;
	size_t		i;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		for (d = ids[i] - prev; d >= 0x80; d >>= 7)
			buf_addc(out, (char)(0x80 | (d & 0x7f)));
		buf_addc(out, (char)d);
		prev = ids[i];
	}
}

/* Applies one op to a sorted id list. */
static void
book_text_apply(uint64_t **ids, size_t *n, size_t *cap, uint64_t op)
{
	uint64_t	id = op & ~BOOK_TEXT_DEL;
	size_t		lo = 0, hi = *n, mid;

	if (*n > 0 && (*ids)[*n - 1] < id)
		lo = *n;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((*ids)[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (op & BOOK_TEXT_DEL) {
		if (lo < *n && (*ids)[lo] == id)
			memmove(*ids + lo, *ids + lo + 1,
			    (--*n - lo) * sizeof **ids);
		return;
	}
	if (lo < *n && (*ids)[lo] == id)
		return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*ids = xreallocarray(*ids, *cap, sizeof **ids);
	}
	memmove(*ids + lo + 1, *ids + lo, (*n - lo) * sizeof **ids);
	(*ids)[lo] = id;
	++*n;
}

static int
book_text_ent_cmp(const void *a, const void *b)
{
	const struct book_text_ent	*x = a, *y = b;
	size_t				 n = x->klen < y->klen ? x->klen :
					    y->klen;
	int				 c = memcmp(x->key, y->key, n);

	if (c != 0)
		return c;
	return x->klen < y->klen ? -1 : x->klen > y->klen;
}

size_t
book_text_places_key(uint32_t block, unsigned char *out)
{
	const char	tag = BOOK_TEXT_PLACES;

	return book_text_key(&tag, 1, block, out);
}

static int
book_text_places_cmp(const void *a, const void *b)
{
	const struct book_text_places	*x = *(const struct book_text_places
					    * const *)a;
	const struct book_text_places	*y = *(const struct book_text_places
					    * const *)b;

	return x->block < y->block ? -1 : x->block > y->block;
}

/* The places of a block as they are to be stored: what is there (unless
 * fresh) with those noted set. */
static int
book_text_places_row(struct store_txn *t, const struct book_text_places *p,
    int fresh, unsigned char *row, int *there, struct err *e)
{
	unsigned char	k[BOOK_TEXT_KEYMAX];
	struct buf	b = BUF_INIT;
	size_t		klen = book_text_places_key(p->block, k), i;
	int		rc = STORE_NOTFOUND;

	memset(row, 0, sizeof p->place);
	if (!fresh)
		rc = store_kget(t, BOOK_T_TEXT, k, klen, &b, STORE_RMW, e);
	if (rc == 0 && b.len == sizeof p->place)
		memcpy(row, b.data, b.len);
	buf_free(&b);
	if (rc != 0 && rc != STORE_NOTFOUND)
		return rc;
	*there = rc == 0;
	for (i = 0; i < BOOK_TEXT_PLACES_IDS; i++)
		if ((p->set[i / 8] >> (i % 8)) & 1)
			memcpy(row + i * BOOK_TEXT_PLACE, p->place + i *
			    BOOK_TEXT_PLACE, BOOK_TEXT_PLACE);
	return 0;
}

/* Writes the places noted, a row a block in key order (none: deleted). */
static int
book_text_places_write(struct store_txn *t, struct book_text *x, int fresh,
    struct err *e)
{
	unsigned char	k[BOOK_TEXT_KEYMAX];
	unsigned char	row[BOOK_TEXT_PLACES_IDS * BOOK_TEXT_PLACE];
	size_t		i, j, klen;
	int		rc = 0, there, any;

	if (x->np > 1)
		qsort(x->pv, x->np, sizeof *x->pv, book_text_places_cmp);
	for (i = 0; i < x->np && rc == 0; i++) {
		if ((rc = book_text_places_row(t, x->pv[i], fresh, row,
		    &there, e)) != 0)
			break;
		for (j = any = 0; j < sizeof row && !any; j++)
			any = row[j] != 0;
		klen = book_text_places_key(x->pv[i]->block, k);
		if (any)
			rc = store_kput(t, BOOK_T_TEXT, k, klen, row,
			    sizeof row, e);
		else if (there)
			rc = store_kdel(t, BOOK_T_TEXT, k, klen, e);
	}
	for (i = 0; i < x->np; i++)
		free(x->pv[i]);
	free(x->pv);
	x->pv = NULL;
	x->np = x->pcap = 0;
	return rc;
}

/* Packs the postings noted to the front, in key order; how many.  Nothing
 * can be noted after this but a flush. */
static size_t
book_text_sort(struct book_text *x)
{
	size_t	i, k;

	for (i = k = 0; i < x->cap; i++)
		if (x->v[i].klen != 0)
			x->v[k++] = x->v[i];
	/* Packed: no longer a hash table, only to be read and freed. */
	if (k < x->cap)
		memset(x->v + k, 0, (x->cap - k) * sizeof *x->v);
	if (k > 1)
		qsort(x->v, k, sizeof *x->v, book_text_ent_cmp);
	return k;
}

/* Writes one posting: what it held (unless fresh) with the ops applied. */
static int
book_text_write(struct store_txn *t, const struct book_text_ent *s, int fresh,
    struct buf *b, uint64_t **ids, size_t *cap, struct err *e)
{
	const unsigned char	*k = s->key + s->klen - 4;
	uint32_t		 block = (uint32_t)k[0] << 24 | k[1] << 16 |
				    k[2] << 8 | k[3];
	size_t			 n = 0, i;
	int			 rc = STORE_NOTFOUND;

	if (s->n == 0 && s->pklen == 0)		/* its floor alone */
		return 0;
	if (!fresh)
		rc = store_kget(t, BOOK_T_TEXT, s->key, s->klen, b, STORE_RMW,
		    e);
	if (rc == STORE_NOTFOUND && s->n == 0)	/* written as packed */
		return store_kput(t, BOOK_T_TEXT, s->key, s->klen, s->pk,
		    s->pklen, e);
	if (rc == 0)
		book_text_decode(b->data, b->len, block, ids, &n, cap);
	else if (rc != STORE_NOTFOUND)
		return rc;
	if (s->pklen > 0) {	/* the packed adds, merged in */
		uint64_t	*add = NULL;
		size_t		 na = 0, acap = 0;

		book_text_decode(s->pk, s->pklen, block, &add, &na, &acap);
		for (i = 0; i < na; i++)
			book_text_apply(ids, &n, cap, add[i]);
		free(add);
	}
	for (i = 0; i < s->n; i++)
		book_text_apply(ids, &n, cap, s->ops[i]);
	if (n == 0)
		return rc == 0 ? store_kdel(t, BOOK_T_TEXT, s->key, s->klen,
		    e) : 0;
	book_text_encode(*ids, n, block, b);
	return store_kput(t, BOOK_T_TEXT, s->key, s->klen, b->data, b->len, e);
}

size_t
book_text_floor_key(const void *gram, size_t len, unsigned char *out)
{
	out[0] = out[1] = BOOK_TEXT_FLOOR;
	memcpy(out + BOOK_TEXT_FLOORPRE, gram, len);
	return len + BOOK_TEXT_FLOORPRE;
}

/* Whether a posting's gram is the same as another's. */
static int
book_text_same_gram(const struct book_text_ent *a,
    const struct book_text_ent *b)
{
	return a->klen == b->klen && memcmp(a->key, b->key, a->klen - 4) == 0;
}

/*
 * Lowers the floor of each gram noted to the least place noted with it,
 * in key order (v[n] sorted).  A floor is never raised: a contact that
 * leaves a gram, or moves later in name order, leaves it as low as it
 * was, still below every contact in the gram.
 */
static int
book_text_floors_write(struct store_txn *t, const struct book_text_ent *v,
    size_t n, int fresh, struct err *e)
{
	unsigned char	k[BOOK_TEXT_KEYMAX + BOOK_TEXT_FLOORPRE];
	unsigned char	least[BOOK_TEXT_FLOORLEN];
	struct buf	b = BUF_INIT;
	size_t		i, j, klen;
	int		rc = 0, any;

	for (i = 0; i < n && rc == 0; i = j) {
		for (j = i, any = 0; j < n && book_text_same_gram(&v[i],
		    &v[j]); j++) {
			if (v[j].floored && (!any || memcmp(v[j].floor, least,
			    sizeof least) < 0)) {
				memcpy(least, v[j].floor, sizeof least);
				any = 1;
			}
		}
		if (!any)
			continue;
		klen = book_text_floor_key(v[i].key, v[i].klen - 4, k);
		rc = fresh ? STORE_NOTFOUND : store_kget(t, BOOK_T_TEXT, k,
		    klen, &b, STORE_RMW, e);
		if (rc == 0 && b.len == sizeof least &&
		    memcmp(b.data, least, sizeof least) <= 0)
			continue;		/* as low already */
		if (rc == 0 || rc == STORE_NOTFOUND)
			rc = store_kput(t, BOOK_T_TEXT, k, klen, least,
			    sizeof least, e);
	}
	buf_free(&b);
	return rc;
}

/*
 * Writes every posting noted, in key order, and empties the accumulator.
 * fresh: the table held none of them (a load into a new database).
 */
int
book_text_flush(struct store_txn *t, struct book_text *x, int fresh,
    struct err *e)
{
	struct buf	 b = BUF_INIT;
	uint64_t	*ids = NULL;
	size_t		 i, k, cap = 0;
	int		 rc = 0;

	k = book_text_sort(x);
	for (i = 0; i < k && rc == 0; i++)
		rc = book_text_write(t, &x->v[i], fresh, &b, &ids, &cap, e);
	if (rc == 0)
		rc = book_text_floors_write(t, x->v, k, fresh, e);
	if (rc == 0)
		rc = book_text_places_write(t, x, fresh, e);
	for (i = 0; i < k; i++) {
		free(x->v[i].ops);
		free(x->v[i].pk);
	}
	free(x->v);
	x->v = NULL;
	x->cap = x->n = x->bytes = 0;
	free(ids);
	buf_free(&b);
	return rc;
}

/* Whether the table holds nothing at all (a new book), so that a flush
 * need not look for what is there. */
int
book_text_none(struct store_txn *t, int *none, struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	int			 rc;

	if ((rc = store_cursor_open(t, BOOK_T_TEXT, -1, 0, &c, e)) != 0)
		return rc;
	rc = store_cursor_seek(c, NULL, 0, &row);
	if (rc == -1)
		err_set(e, NULL, 0, "text postings: %s", store_cursor_error(c));
	store_cursor_close(c);
	*none = rc == STORE_NOTFOUND;
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* One contact's record changes from old to new (either empty: none). */
int
book_text_update(struct store_txn *t, uint64_t id, const struct buf *old,
    const void *new, size_t newlen, struct err *e)
{
	struct book_text	*x = book_text_new();
	struct contact		*a = NULL, *b = NULL;
	int			 rc;

	if (old != NULL && old->len > 0)
		a = contact_decode(old->data, old->len, NULL);
	if (new != NULL && newlen > 0)
		b = contact_decode(new, newlen, NULL);
	book_text_note(x, id, a, b);
	rc = book_text_flush(t, x, 0, e);
	contact_free(a);
	contact_free(b);
	book_text_free(x);
	return rc;
}

/* Notes every contact's trigrams, as a load would write them. */
static int
book_text_expect(struct store_txn *t, struct book_text *x, struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	struct contact		*ct;
	int			 rc;

	rc = store_cursor_open(t, BOOK_T_CONTACT, -1, STORE_CUR_DATA |
	    STORE_CUR_SCAN, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		ct = contact_decode(row.data, row.dlen, NULL);
		book_text_note(x, row.id, NULL, ct);
		contact_free(ct);
	}
	store_cursor_close(c);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Whether a stored posting holds exactly the ids expected of it. */
static int
book_text_same(const struct store_row *row, const struct book_text_ent *s,
    uint64_t **ids, size_t *cap)
{
	const unsigned char	*b = (const unsigned char *)row->key +
				    row->klen - 4;
	size_t			 n = 0;

	if (s->n == 0)		/* packed as it should be stored */
		return row->dlen == s->pklen && memcmp(row->data, s->pk,
		    s->pklen) == 0;
	book_text_decode(row->data, row->dlen, (uint32_t)b[0] << 24 |
	    b[1] << 16 | b[2] << 8 | b[3], ids, &n, cap);
	return n == s->n && memcmp(*ids, s->ops, n * sizeof **ids) == 0;
}

/* What a gram is, for kith check's messages. */
static const char *
book_gram_kind(const unsigned char *gram, size_t len)
{
	size_t	i, n = 0;

	if (gram[0] == BOOK_TEXT_LETTER)
		return "letter";
	if (gram[0] == BOOK_TEXT_DIGITS)
		return "digits";
	for (i = 0; i < len; i++)
		n += (gram[i] & 0xc0) != 0x80;
	return n == 2 ? "pair" : "trigram";
}

static void
book_text_bad(void (*bad)(const char *, void *), void *arg,
    const struct book_text_ent *s, const char *what)
{
	const unsigned char	*b = s->key + s->klen - 4;
	int			 tag = s->key[0] == BOOK_TEXT_LETTER ||
				    s->key[0] == BOOK_TEXT_DIGITS;
	char			 msg[128];

	snprintf(msg, sizeof msg, "text posting of the %s \"%.*s\" of ids "
	    "%u*%d: %s", book_gram_kind(s->key, s->klen - 4),
	    (int)s->klen - 4 - tag, (const char *)s->key + tag,
	    (unsigned)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]),
	    BOOK_TEXT_BLOCK, what);
	bad(msg, arg);
}

static void
book_text_floor_bad(void (*bad)(const char *, void *), void *arg,
    const unsigned char *gram, size_t len, const char *what)
{
	int	tag = gram[0] == BOOK_TEXT_LETTER || gram[0] == BOOK_TEXT_DIGITS;
	char	msg[128];

	snprintf(msg, sizeof msg, "floor of the %s \"%.*s\": %s",
	    book_gram_kind(gram, len), (int)len - tag,
	    (const char *)gram + tag, what);
	bad(msg, arg);
}

/* Compares a stored floor with the least place of the contacts with its
 * gram (v[n] sorted, as a load would note them). */
static void
book_text_floor_same(struct book_text_ent *v, size_t n,
    const struct store_row *row, void (*bad)(const char *, void *),
    void *arg)
{
	const unsigned char	*gram = (const unsigned char *)row->key +
				    BOOK_TEXT_FLOORPRE;
	struct book_text_ent	 key;
	size_t			 glen = row->klen - BOOK_TEXT_FLOORPRE, lo = 0,
				 hi = n, mid;
	unsigned char		 least[BOOK_TEXT_FLOORLEN];
	int			 any = 0;

	if (glen > BOOK_TEXT_GRAMMAX)
		return;
	book_text_key((const char *)gram, glen, 0, key.key);
	key.klen = glen + 4;
	while (lo < hi) {	/* the gram's first block */
		mid = (lo + hi) / 2;
		if (book_text_ent_cmp(&v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (mid = lo; mid < n && book_text_same_gram(&v[mid], &key); mid++) {
		v[mid].seen = 1;
		if (!any || memcmp(v[mid].floor, least, sizeof least) < 0)
			memcpy(least, v[mid].floor, sizeof least);
		any = 1;
	}
	if (!any)	/* a gram no contact has now: never raised */
		return;
	if (row->dlen != BOOK_TEXT_FLOORLEN)
		book_text_floor_bad(bad, arg, gram, glen, "is not a floor");
	else if (memcmp(row->data, least, sizeof least) > 0)
		book_text_floor_bad(bad, arg, gram, glen, "is above the "
		    "place of a contact with it");
}

/* Whether no contact of the block has a place (its row is not stored). */
static int
book_text_places_none(const struct book_text_places *p)
{
	size_t	i;

	for (i = 0; i < sizeof p->place; i++)
		if (p->place[i] != 0)
			return 0;
	return 1;
}

static void
book_text_places_bad(void (*bad)(const char *, void *), void *arg,
    uint32_t block, const char *what)
{
	char	msg[128];

	snprintf(msg, sizeof msg, "name-order places of ids %u*%d: %s",
	    (unsigned)block, BOOK_TEXT_PLACES_IDS, what);
	bad(msg, arg);
}

/* Compares a stored row of places with those expected (sorted). */
static void
book_text_places_same(struct book_text *x, const struct store_row *row,
    void (*bad)(const char *, void *), void *arg)
{
	const unsigned char	*k = (const unsigned char *)row->key + 1;
	struct book_text_places	 key, *kp = &key, **p;

	key.block = (uint32_t)k[0] << 24 | k[1] << 16 | k[2] << 8 | k[3];
	p = bsearch(&kp, x->pv, x->np, sizeof *x->pv,
	    book_text_places_cmp);
	if (p == NULL) {
		book_text_places_bad(bad, arg, key.block,
		    "has no contact with it");
		return;
	}
	(*p)->seen = 1;
	if (row->dlen != sizeof (*p)->place ||
	    memcmp(row->data, (*p)->place, row->dlen) != 0)
		book_text_places_bad(bad, arg, key.block,
		    "does not hold the contacts' places");
}

/*
 * Compares the postings with the contacts' trigrams: every contact must
 * be in the posting of each of its trigrams, and every id in a posting
 * must be a contact with that trigram.  Calls bad for each posting that
 * differs; returns 0 or a store error.
 */
int
book_text_check(struct store_txn *t, void (*bad)(const char *, void *),
    void *arg, struct err *e)
{
	struct book_text	*x = book_text_new();
	struct store_cursor	*c = NULL;
	struct store_row	 row;
	uint64_t		*ids = NULL;
	size_t			 i = 0, n, cap = 0;
	int			 rc, cmp;

	if ((rc = book_text_expect(t, x, e)) == 0)
		rc = store_cursor_open(t, BOOK_T_TEXT, -1, STORE_CUR_DATA |
		    STORE_CUR_SCAN, &c, e);
	n = book_text_sort(x);
	if (x->np > 1)
		qsort(x->pv, x->np, sizeof *x->pv, book_text_places_cmp);
	if (rc == 0)
		rc = store_cursor_seek(c, NULL, 0, &row);
	while (rc == 0 || (rc == STORE_NOTFOUND && i < n)) {
		struct book_text_ent	k;

		if (rc == 0 && row.klen == 5 &&
		    *(const unsigned char *)row.key == BOOK_TEXT_PLACES) {
			book_text_places_same(x, &row, bad, arg);
			rc = store_cursor_next(c, &row);
			continue;
		}
		if (rc == 0 && row.klen > BOOK_TEXT_FLOORPRE &&
		    ((const unsigned char *)row.key)[0] == BOOK_TEXT_FLOOR &&
		    ((const unsigned char *)row.key)[1] == BOOK_TEXT_FLOOR) {
			book_text_floor_same(x->v, n, &row, bad, arg);
			rc = store_cursor_next(c, &row);
			continue;
		}
		if (rc == 0) {
			memcpy(k.key, row.key, row.klen < sizeof k.key ?
			    row.klen : sizeof k.key);
			k.klen = row.klen;
		}
		cmp = rc != 0 ? 1 : i == n ? -1 : book_text_ent_cmp(&k,
		    &x->v[i]);
		if (cmp < 0)
			book_text_bad(bad, arg, &k, "has no contact with it");
		else if (cmp > 0)
			book_text_bad(bad, arg, &x->v[i], "is missing");
		else if (!book_text_same(&row, &x->v[i], &ids, &cap))
			book_text_bad(bad, arg, &k, "does not list the "
			    "contacts with it");
		if (cmp >= 0)
			i++;
		if (cmp <= 0)
			rc = store_cursor_next(c, &row);
	}
	for (i = 0; (rc == 0 || rc == STORE_NOTFOUND) && i < x->np; i++)
		if (!x->pv[i]->seen && !book_text_places_none(x->pv[i]))
			book_text_places_bad(bad, arg, x->pv[i]->block,
			    "is missing");
	for (i = 0; (rc == 0 || rc == STORE_NOTFOUND) && i < n; i++)
		if (!x->v[i].seen && (i == 0 ||
		    !book_text_same_gram(&x->v[i - 1], &x->v[i])))
			book_text_floor_bad(bad, arg, x->v[i].key,
			    x->v[i].klen - 4, "is missing");
	if (c != NULL)
		store_cursor_close(c);
	free(ids);
	book_text_free(x);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

/* Whether the meta table's mark is this version's. */
static int
book_text_current(const struct buf *mark)
{
	return mark->len == strlen(BOOK_TEXT_VERSION) &&
	    memcmp(mark->data, BOOK_TEXT_VERSION, mark->len) == 0;
}

/*
 * Refuses a mark of a later version than this one: its postings hold what
 * this kith does not keep up to date, and bringing them back to this
 * version would only have the later kith bring them forward again on its
 * next open (half a minute each way at a million contacts).
 */
static int
book_text_later(const struct buf *mark, struct err *e)
{
	char	v[16];

	if (mark->len == 0 || mark->len >= sizeof v)
		return 0;
	memcpy(v, mark->data, mark->len);
	v[mark->len] = '\0';
	if (strspn(v, "0123456789") != mark->len ||
	    strtoul(v, NULL, 10) <= strtoul(BOOK_TEXT_VERSION, NULL, 10))
		return 0;
	err_set(e, NULL, 0, "the look-up index is a later kith's (version "
	    "%s; this kith keeps version %s): use that kith", v,
	    BOOK_TEXT_VERSION);
	return 1;
}

/*
 * Databases made before the postings have contacts and none, and those
 * made before the letters have trigrams alone: built once, on the first
 * open, and marked with the version in the meta table.
 */
static int
book_text_build_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_text	*x;
	struct buf		 b = BUF_INIT;
	uint64_t		 n;
	int			*said = arg;	/* the notice given */
	int			 rc;

	rc = store_meta_get(t, BOOK_TEXT_META, &b, STORE_RMW, e);
	if (rc == 0 && book_text_current(&b)) {	/* by us or another */
		buf_free(&b);
		return 0;
	}
	if (rc == 0 && book_text_later(&b, e)) {
		buf_free(&b);
		return -1;
	}
	buf_free(&b);
	if (rc != 0 && rc != STORE_NOTFOUND)
		return rc;
	/* The postings there (an older version's) are kept: every id
	 * noted again is in them already. */
	if (store_count(t, BOOK_T_CONTACT, &n, e) == 0 && n > 0 &&
	    !*said) {
		book_notice("bringing the look-up index of %llu contacts up "
		    "to date, once", (unsigned long long)n);
		*said = 1;
	}
	x = book_text_new();
	if ((rc = book_text_expect(t, x, e)) == 0)
		rc = book_text_flush(t, x, 0, e);
	book_text_free(x);
	if (rc == 0)
		rc = store_meta_put(t, BOOK_TEXT_META, BOOK_TEXT_VERSION,
		    strlen(BOOK_TEXT_VERSION), e);
	return rc;
}

static int
book_text_ready_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct buf	b = BUF_INIT;
	int		rc;

	rc = store_meta_get(t, BOOK_TEXT_META, &b, 0, e);
	*(int *)arg = rc == 0 && book_text_current(&b);
	if (rc == 0 && book_text_later(&b, e))
		rc = -1;
	buf_free(&b);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

int
book_text_ready(struct store *st, struct err *e)
{
	int	ready = 0, said = 0;

	if (store_txn_run(st, STORE_READ, book_text_ready_fn, &ready, e) != 0)
		return -1;
	if (ready)
		return 0;
	return store_txn_run(st, 0, book_text_build_fn, &said, e);
}
