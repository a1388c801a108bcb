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

/* Phone digit suffixes at least this long are indexed. */
#define BOOK_MIN_DIGITS	3

char *
book_sortkey(const struct contact *c)
{
	return utf8_sortkey(contact_label(c));
}

void
book_keys_name(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct contact	*c = contact_decode(data, len, NULL);
	char		*k;

	(void)id;
	if (c == NULL)
		return;
	k = book_sortkey(c);
	store_keys_add(out, k, strlen(k));
	free(k);
	contact_free(c);
}

void
book_keys_email(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct contact	*c = contact_decode(data, len, NULL);
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
	contact_free(c);
}

void
book_keys_phone(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct contact	*c = contact_decode(data, len, NULL);
	char		 d[64];
	size_t		 i, n, j;

	(void)id;
	if (c == NULL)
		return;
	for (i = 0; i < c->phones.n; i++) {
		n = utf8_digits(c->phones.v[i].text, d, sizeof d);
		for (j = 0; j + BOOK_MIN_DIGITS <= n; j++)
			store_keys_add(out, d + j, n - j);
	}
	contact_free(c);
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

/* Every run of three characters of the haystack (within a line). */
void
book_keys_text(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct contact	*c = contact_decode(data, len, NULL);
	char		*h, *p;
	int		 w[3], k;
	uint32_t	 cp;

	(void)id;
	if (c == NULL)
		return;
	h = book_haystack(c);
	for (p = h; *p != '\0'; p += w[0]) {
		const char *q = p;

		for (k = 0; k < 3; k++) {
			w[k] = utf8_decode(q, strlen(q), &cp);
			if (w[k] <= 0 || cp == '\n')
				break;
			q += w[k];
		}
		if (k == 3)
			store_keys_add(out, p, q - p);
		if (w[0] <= 0)
			w[0] = 1;
	}
	free(h);
	contact_free(c);
}

static void
book_key_u64(struct buf *b, uint64_t v)
{
	unsigned char	k[8];

	store_id_key(v, k);
	buf_add(b, k, 8);
}

void
book_due_key(struct buf *out, const char *owner, uint64_t when)
{
	buf_adds(out, owner != NULL ? owner : "");
	buf_addc(out, '\0');
	book_key_u64(out, when);
}

void
book_keys_act_contact(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct activity	*a = activity_decode(data, len, NULL);

	(void)id;
	if (a == NULL)
		return;
	if (a->contact != 0) {
		unsigned char	k[8];

		store_id_key(a->contact, k);
		store_keys_add(out, k, 8);
	}
	activity_free(a);
}

void
book_keys_act_due(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct activity	*a = activity_decode(data, len, NULL);
	struct buf	 b = BUF_INIT;

	(void)id;
	if (a == NULL)
		return;
	if (activity_pending(a)) {
		book_due_key(&b, a->owner, (uint64_t)a->due);
		store_keys_add(out, b.data, b.len);
	}
	buf_free(&b);
	activity_free(a);
}

void
book_keys_act_alldue(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct activity	*a = activity_decode(data, len, NULL);
	unsigned char	 k[8];

	(void)id;
	if (a == NULL)
		return;
	if (activity_pending(a)) {
		store_id_key((uint64_t)a->due, k);
		store_keys_add(out, k, 8);
	}
	activity_free(a);
}

void
book_keys_act_alarm(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct activity	*a = activity_decode(data, len, NULL);
	unsigned char	 k[8];
	time_t		 t;

	(void)id;
	if (a == NULL)
		return;
	t = activity_alarm_time(a);
	if (t != 0 && a->alarmed < t) {
		store_id_key((uint64_t)t, k);
		store_keys_add(out, k, 8);
	}
	activity_free(a);
}

void
book_keys_act_uid(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct activity	*a = activity_decode(data, len, NULL);

	(void)id;
	if (a == NULL)
		return;
	if (a->uid != NULL && *a->uid != '\0')
		store_keys_add(out, a->uid, strlen(a->uid));
	activity_free(a);
}

void
book_keys_audit(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	struct record			*r = record_decode(data, len, NULL);
	const struct record_item	*kind;
	struct buf			 b = BUF_INIT;

	(void)id;
	if (r == NULL)
		return;
	if ((kind = record_get(r, BOOK_AUDIT_KIND)) != NULL && kind->len == 1) {
		buf_addc(&b, kind->value[0]);
		book_key_u64(&b, record_getu(r, BOOK_AUDIT_TARGET, 0));
		store_keys_add(out, b.data, b.len);
	}
	buf_free(&b);
	record_free(r);
}
