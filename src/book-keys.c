/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The index key extractors of the book's schema. */
#include "book.h"

#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "record.h"
#include "store.h"
#include "utf8.h"
#include "xmalloc.h"

/* Phone numbers with at least this many digits are indexed. */
#define BOOK_MIN_DIGITS	3

/*
 * The store calls every index's extractor of a table with the same record,
 * one after the other (four for a contact, five for an activity).  Decoding
 * it once for all of them was a fifth of a bulk load.  The cache is the
 * last record decoded, recognised by its bytes; static, because the store's
 * key callbacks carry no context of their own, and one a thread, because a
 * bulk write computes keys on a second core (store_bulk_lender).  The
 * objects belong to the cache: extractors never free them.
 */
struct book_keys_cache {
	void		*bytes;
	size_t		 len;
	struct contact	*c;
	struct activity	*a;
	int		 lent;	/* c and bytes are book_keys_lend's */
};
static _Thread_local struct book_keys_cache	book_keys_cache;

static void
book_keys_drop(struct book_keys_cache *k)
{
	if (!k->lent) {
		contact_free(k->c);
		free(k->bytes);
	}
	activity_free(k->a);
	memset(k, 0, sizeof *k);
}

static void
book_keys_keep(struct book_keys_cache *k, const void *data, size_t len)
{
	k->len = len;
	k->bytes = xmalloc(len > 0 ? len : 1);
	memcpy(k->bytes, data, len);
}

static int
book_keys_cached(const void *data, size_t len)
{
	struct book_keys_cache	*k = &book_keys_cache;

	if (k->bytes != NULL && k->len == len && (k->bytes == data ||
	    memcmp(k->bytes, data, len) == 0))
		return 1;
	book_keys_drop(k);
	book_keys_keep(k, data, len);
	return 0;
}

void
book_keys_lend(const void *data, size_t len, const struct contact *c)
{
	struct book_keys_cache	*k = &book_keys_cache;

	book_keys_drop(k);
	if (data == NULL)
		return;
	k->bytes = (void *)data;
	k->len = len;
	k->c = (struct contact *)c;
	k->lent = 1;
}

const struct contact *
book_keys_decoded_contact(const void *data, size_t len)
{
	if (!book_keys_cached(data, len) || book_keys_cache.c == NULL)
		book_keys_cache.c = contact_decode(data, len, NULL);
	return book_keys_cache.c;
}

static const struct activity *
book_keys_decoded_activity(const void *data, size_t len)
{
	if (!book_keys_cached(data, len) || book_keys_cache.a == NULL)
		book_keys_cache.a = activity_decode(data, len, NULL);
	return book_keys_cache.a;
}

char *
book_sortkey(const struct contact *c)
{
	return utf8_sortkey(contact_label(c));
}

void
book_keys_name(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const struct contact	*c = book_keys_decoded_contact(data, len);
	char		*k;

	(void)id;
	if (c == NULL)
		return;
	k = book_sortkey(c);
	store_keys_add(out, k, strlen(k));
	free(k);
}

void
book_keys_email(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const struct contact	*c = book_keys_decoded_contact(data, len);
	char		*k;
	size_t		 i;

	(void)id;
	if (c == NULL)
		return;
	for (i = 0; i < c->emails.n; i++) {
		k = utf8_fold(c->emails.v[i].text);
		store_keys_add(out, k, strlen(k));
		free(k);
	}
}

size_t
book_digits_reversed(const char *s, char *out, size_t size)
{
	char	d[64];
	size_t	i, n;

	n = utf8_digits(s, d, sizeof d);
	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++)
		out[i] = d[n - 1 - i];
	out[n] = '\0';
	return n;
}

/*
 * One key a phone: its digits last first, so the usual look-up, the end of
 * a number ("20112233" of "+45 20 11 22 33"), is a prefix of the key.
 * Every suffix as a key of its own was 16 rows a contact and a quarter of
 * a load; the middle of a number is found by reading the keys instead.
 */
void
book_keys_phone(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const struct contact	*c = book_keys_decoded_contact(data, len);
	char		 d[64];
	size_t		 i, n;

	(void)id;
	if (c == NULL)
		return;
	for (i = 0; i < c->phones.n; i++) {
		n = book_digits_reversed(c->phones.v[i].text, d, sizeof d);
		if (n >= BOOK_MIN_DIGITS)
			store_keys_add(out, d, n);
	}
}

/* Name, company and e-mails, folded, one a line. */
char *
book_haystack(const struct contact *c)
{
	struct buf	b = BUF_INIT;
	char		*f;
	size_t		 i;

	if (c->name != NULL) {
		f = utf8_fold(c->name);
		buf_addf(&b, "%s\n", f);
		free(f);
	}
	if (c->company != NULL) {
		f = utf8_fold(c->company);
		buf_addf(&b, "%s\n", f);
		free(f);
	}
	for (i = 0; i < c->emails.n; i++) {
		f = utf8_fold(c->emails.v[i].text);
		buf_addf(&b, "%s\n", f);
		free(f);
	}
	return buf_detach(&b);
}

static void
book_key_u64(struct buf *b, uint64_t v)
{
	unsigned char	k[8];

	store_id_key(v, k);
	buf_add(b, k, 8);
}

void
book_due_key(struct buf *out, const char *owner, time_t when)
{
	buf_adds(out, owner != NULL ? owner : "");
	buf_addc(out, '\0');
	book_key_u64(out, BOOK_TIME_KEY(when));
}

void
book_keys_act_contact(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const struct activity	*a = book_keys_decoded_activity(data, len);

	(void)id;
	if (a == NULL)
		return;
	if (a->contact != 0) {
		unsigned char	k[BOOK_NEXT_KEY];
		size_t		n = 9;

		store_id_key(a->contact, k);
		k[8] = activity_pending(a) ? 0 : 1;
		if (k[8] == 0) {
			store_id_key(BOOK_TIME_KEY(a->due), k + 9);
			k[17] = a->allday != 0;
			n = BOOK_NEXT_KEY;
		}
		store_keys_add(out, k, n);
	}
}

void
book_keys_act_due(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const struct activity	*a = book_keys_decoded_activity(data, len);
	struct buf	 b = BUF_INIT;

	(void)id;
	if (a == NULL)
		return;
	if (activity_pending(a)) {
		book_due_key(&b, a->owner, a->due);
		store_keys_add(out, b.data, b.len);
	}
	buf_free(&b);
}

void
book_keys_act_alldue(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const struct activity	*a = book_keys_decoded_activity(data, len);
	unsigned char	 k[8];

	(void)id;
	if (a == NULL)
		return;
	if (activity_pending(a)) {
		store_id_key(BOOK_TIME_KEY(a->due), k);
		store_keys_add(out, k, 8);
	}
}

void
book_keys_act_alarm(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const struct activity	*a = book_keys_decoded_activity(data, len);
	struct buf		 b = BUF_INIT;
	time_t			 t;

	(void)id;
	if (a == NULL)
		return;
	/* Owner first, as for due: each user's alarms are one range.  An
	 * alarm not given has alarmed 0, which is after a time before 1970. */
	t = activity_alarm_time(a);
	if (t != 0 && (a->alarmed == 0 || a->alarmed < t)) {
		book_due_key(&b, a->owner, t);
		store_keys_add(out, b.data, b.len);
	}
	buf_free(&b);
}

void
book_keys_act_uid(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const struct activity	*a = book_keys_decoded_activity(data, len);

	(void)id;
	if (a == NULL)
		return;
	if (a->uid != NULL && *a->uid != '\0')
		store_keys_add(out, a->uid, strlen(a->uid));
}

/* Read in place: an import writes an audit entry for every contact. */
void
book_keys_audit(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct record_scan	s;
	struct record_view	it, kind, target;
	unsigned char		k[9];
	int			rc;

	(void)id;
	memset(&kind, 0, sizeof kind);	/* tag 0: not found yet */
	memset(&target, 0, sizeof target);
	if (record_scan_init(&s, data, len, NULL) != 0)
		return;
	while ((rc = record_scan_next(&s, &it, NULL)) == 0) {
		if (it.tag == BOOK_AUDIT_KIND && kind.tag == 0)
			kind = it;
		else if (it.tag == BOOK_AUDIT_TARGET && target.tag == 0)
			target = it;
	}
	if (rc != 1 || kind.tag == 0 || kind.len != 1)
		return;
	k[0] = (unsigned char)kind.value[0];
	store_id_key(target.tag == 0 || target.len == 0 || target.len > 8 ?
	    0 : record_number(target.value, target.len), k + 1);
	store_keys_add(out, k, sizeof k);
}
