/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "err.h"
#include "record.h"

/* A record with repeated tags, types, NULs, an empty value and a number. */
static struct record *
sample(void)
{
	struct record	*r;

	r = record_new();
	record_adds(r, 1, NULL, "Ada Lovelace");
	record_adds(r, 2, "mobile", "+45 12 34 56 78");
	record_adds(r, 2, "work", "+45 87 65 43 21");
	record_adds(r, 2, "", "no type but empty");
	record_add(r, 3, NULL, "a\0b\0c", 5);
	record_adds(r, 4, "x", "");
	record_addu(r, 5, UINT64_C(0x0123456789abcdef));
	record_adds(r, 300000, "big-tag", "multi-byte varint tag");
	return (r);
}

static void
assert_same(const struct record *a, const struct record *b)
{
	size_t	i;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(a->items[i].tag, b->items[i].tag);
		if (a->items[i].type == NULL)
			assert_null(b->items[i].type);
		else {
			assert_non_null(b->items[i].type);
			assert_string_equal(a->items[i].type, b->items[i].type);
		}
		assert_int_equal(a->items[i].len, b->items[i].len);
		assert_memory_equal(a->items[i].value, b->items[i].value,
		    a->items[i].len);
		assert_int_equal(b->items[i].value[b->items[i].len], '\0');
	}
}

static void
test_round_trip(void **state)
{
	struct record	*r, *d;
	struct buf	 b = BUF_INIT;
	struct err	 e;

	r = sample();
	record_encode(r, &b);
	assert_int_equal(b.data[0], 'K');
	d = record_decode(b.data, b.len, &e);
	assert_non_null(d);
	assert_int_equal(d->version, RECORD_VERSION);
	assert_same(r, d);
	assert_string_equal(record_get(d, 2)->type, "mobile");
	assert_int_equal(record_getu(d, 5, 0), UINT64_C(0x0123456789abcdef));
	assert_int_equal(record_getu(d, 1, 42), 42);
	assert_int_equal(record_getu(d, 99, 7), 7);
	assert_null(record_get(d, 99));
	record_free(d);
	record_free(r);
	buf_free(&b);
}

/* Numbers take the bytes they need; format 1's eight still read. */
static void
test_short_numbers(void **state)
{
	const char	 v1[] = { 'K', 1, 1, 7, 0, 8, 0, 0, 0, 0, 0x69, 0x2a,
			    (char)0x9c, 0x00 };
	struct record	*r = record_new(), *d;
	struct buf	 b = BUF_INIT;
	struct err	 e;

	(void)state;
	record_addu(r, 1, 0);
	record_addu(r, 2, 300);
	record_addu(r, 3, UINT64_MAX);
	assert_int_equal(record_get(r, 1)->len, 1);
	assert_int_equal(record_get(r, 2)->len, 2);
	assert_int_equal(record_get(r, 3)->len, 8);
	record_encode(r, &b);
	assert_non_null(d = record_decode(b.data, b.len, &e));
	assert_int_equal(record_getu(d, 1, 9), 0);
	assert_int_equal(record_getu(d, 2, 9), 300);
	assert_true(record_getu(d, 3, 9) == UINT64_MAX);
	record_free(d);
	assert_non_null(d = record_decode(v1, sizeof v1, &e));
	assert_int_equal(d->version, 1);
	assert_int_equal(record_getu(d, 7, 9), 0x692a9c00);
	record_free(d);
	record_free(r);
	buf_free(&b);
}

/* The writer makes the bytes record_encode makes of the same items. */
static void
test_writer_same_bytes(void **state)
{
	struct record		*r;
	struct record_writer	 w;
	struct buf		 a = BUF_INIT, b = BUF_INIT;
	size_t			 i;

	(void)state;
	r = sample();
	record_encode(r, &a);
	buf_add(&b, "kept", 4);		/* appends, keeps what is there */
	record_write_begin(&w, &b);
	for (i = 0; i < r->n; i++)
		record_write(&w, r->items[i].tag, r->items[i].type,
		    r->items[i].value, r->items[i].len);
	record_writes(&w, 9, NULL, NULL);	/* nothing */
	record_write_end(&w);
	assert_int_equal(b.len, a.len + 4);
	assert_memory_equal(b.data, "kept", 4);
	assert_memory_equal(b.data + 4, a.data, a.len);
	record_free(r);
	buf_free(&a);
	buf_free(&b);
}

static void
test_empty(void **state)
{
	struct record	*r, *d;
	struct buf	 b = BUF_INIT;
	struct err	 e;

	r = record_new();
	record_adds(r, 1, NULL, NULL);
	assert_int_equal(r->n, 0);
	record_encode(r, &b);
	assert_int_equal(b.len, 3);
	d = record_decode(b.data, b.len, &e);
	assert_non_null(d);
	assert_int_equal(d->n, 0);
	record_free(d);
	record_free(r);
	record_free(NULL);
	buf_free(&b);
}

static void
test_remove_copy(void **state)
{
	struct record	*r, *c;

	r = sample();
	c = record_copy(r);
	assert_same(r, c);
	record_remove(c, 2);
	assert_int_equal(c->n, r->n - 3);
	assert_null(record_get(c, 2));
	assert_string_equal(record_get(c, 4)->type, "x");
	assert_int_equal(r->n, 8);
	record_free(c);
	record_free(r);
}

/* A model that knows tags 1 and 2 edits a record from a newer kith. */
static void
test_unknown_tags_kept(void **state)
{
	struct record	*r, *d, *d2;
	struct buf	 b = BUF_INIT;
	struct err	 e;

	r = record_new();
	record_adds(r, 1, NULL, "Old name");
	record_adds(r, 77, "future", "from a newer kith");
	record_adds(r, 2, NULL, "note");
	record_encode(r, &b);
	d = record_decode(b.data, b.len, &e);
	assert_non_null(d);
	record_remove(d, 1);
	record_adds(d, 1, NULL, "New name");
	buf_reset(&b);
	record_encode(d, &b);
	d2 = record_decode(b.data, b.len, &e);
	assert_non_null(d2);
	assert_string_equal(record_get(d2, 1)->value, "New name");
	assert_string_equal(record_get(d2, 77)->value, "from a newer kith");
	assert_string_equal(record_get(d2, 77)->type, "future");
	record_free(d2);
	record_free(d);
	record_free(r);
	buf_free(&b);
}

static void
test_newer_version(void **state)
{
	const char	 data[] = { 'K', 3, 0 };
	const char	 big[] = { 'K', (char)0x81, 0x01 };
	struct err	 e;

	assert_null(record_decode(data, sizeof data, &e));
	assert_string_equal(e.msg,
	    "record written by a newer kith (format 3); upgrade kith");
	assert_null(record_decode(big, sizeof big, &e));
	assert_string_equal(e.msg,
	    "record written by a newer kith (format 129); upgrade kith");
}

static void
test_damage(void **state)
{
	static const struct {
		const char	*data;
		size_t		 len;
	} bad[] = {
		{ "", 0 },
		{ "X\x01\x00", 3 },
		{ "K\x00\x00", 3 },			/* format 0 */
		{ "K\x01\x00\x00", 4 },			/* trailing */
		{ "K\x01\x01\x01\x00\x05" "ab", 8 },	/* value too long */
		{ "K\x01\x01\x01\x09" "ab\x00", 8 },	/* type too long */
		{ "K\x01\x01\x01\x03" "a\0\x00", 8 },	/* NUL in type */
		{ "K\x01\x7f\x01\x00\x00", 6 },		/* count too big */
		{ "K\x01\x01\x80\x80\x80\x80\x10\x00\x00", 10 },  /* tag */
		{ "K\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 11 },
		{ "K\x01\x01\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
		    15 },				/* len 2^64-1 */
	};
	struct err	 e;
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&e, 0, sizeof e);
		assert_null(record_decode(bad[i].data, bad[i].len, &e));
		assert_true(strncmp(e.msg, "record damaged: ", 16) == 0);
	}
	assert_null(record_decode("", 0, NULL));
}

static void
test_truncation(void **state)
{
	struct record	*r;
	struct buf	 b = BUF_INIT;
	struct err	 e;
	char		*copy;
	size_t		 n;

	r = sample();
	record_encode(r, &b);
	for (n = 0; n < b.len; n++) {
		/* An exact-size copy lets the sanitizer see any overread. */
		copy = malloc(n == 0 ? 1 : n);
		assert_non_null(copy);
		memcpy(copy, b.data, n);
		memset(&e, 0, sizeof e);
		assert_null(record_decode(copy, n, &e));
		assert_true(strncmp(e.msg, "record damaged: ", 16) == 0);
		free(copy);
	}
	record_free(r);
	buf_free(&b);
}

/* Decodes a buffer that may or may not be valid; re-encodes what decodes. */
static void
try_decode(const unsigned char *data, size_t len)
{
	struct record	*r;
	struct buf	 b = BUF_INIT;
	struct err	 e;

	r = record_decode(data, len, &e);
	if (r == NULL) {
		assert_true(e.msg[0] != '\0');
		return;
	}
	record_encode(r, &b);
	record_free(r);
	buf_free(&b);
}

/* Items read in place (record_scan) are those record_decode copies, and
 * damage is refused the same way. */
static void
test_scan_in_place(void **state)
{
	struct record		*r = record_new();
	struct record_scan	 s;
	struct record_view	 it;
	struct buf		 b = BUF_INIT;
	struct err		 e;

	(void)state;
	record_adds(r, 3, "work", "Søren");
	record_adds(r, 900, NULL, "unknown");
	record_encode(r, &b);
	assert_int_equal(record_scan_init(&s, b.data, b.len, &e), 0);
	assert_int_equal(record_scan_next(&s, &it, &e), 0);
	assert_int_equal(it.tag, 3);
	assert_int_equal(it.tlen, 4);
	assert_memory_equal(it.type, "work", 4);
	assert_int_equal(it.len, strlen("Søren"));
	assert_memory_equal(it.value, "Søren", it.len);
	assert_int_equal(record_scan_next(&s, &it, &e), 0);
	assert_int_equal(it.tag, 900);
	assert_null(it.type);
	assert_int_equal(record_scan_next(&s, &it, &e), 1);
	buf_addc(&b, 'x');
	assert_int_equal(record_scan_init(&s, b.data, b.len, &e), 0);
	while (record_scan_next(&s, &it, &e) == 0)
		;
	assert_non_null(strstr(e.msg, "trailing bytes"));
	assert_int_equal(record_scan_init(&s, b.data, 5, &e) == -1 ||
	    record_scan_next(&s, &it, &e) == -1, 1);
	buf_free(&b);
	record_free(r);
}

static void
test_garbage(void **state)
{
	struct record	*r;
	struct buf	 b = BUF_INIT;
	unsigned char	*p;
	unsigned int	 seed = 12345;
	size_t		 i, j, len;

	r = sample();
	record_encode(r, &b);
	for (i = 0; i < 4000; i++) {
		len = rand_r(&seed) % 64;
		p = malloc(len + 1);
		assert_non_null(p);
		for (j = 0; j < len; j++)
			p[j] = rand_r(&seed);
		if (len > 2 && i % 2 == 0) {
			p[0] = 'K';
			p[1] = 1;
		}
		try_decode(p, len);
		free(p);
	}
	for (i = 0; i < 4000; i++) {
		p = malloc(b.len);
		assert_non_null(p);
		memcpy(p, b.data, b.len);
		for (j = 0; j < 1 + (size_t)rand_r(&seed) % 3; j++)
			p[rand_r(&seed) % b.len] = rand_r(&seed);
		try_decode(p, b.len);
		free(p);
	}
	record_free(r);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_writer_same_bytes),
		cmocka_unit_test(test_short_numbers),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_remove_copy),
		cmocka_unit_test(test_unknown_tags_kept),
		cmocka_unit_test(test_newer_version),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_scan_in_place),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
