/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for strmap: a key keeps its first number, through growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "strmap.h"
#include "xmalloc.h"

static void
test_empty_map_finds_nothing(void **state)
{
	struct strmap	*m = strmap_new();

	assert_int_equal(strmap_count(m), 0);
	assert_true(strmap_get(m, "") == STRMAP_NONE);
	assert_true(strmap_get(m, "søren@ågård.dk") == STRMAP_NONE);
	strmap_free(m);
	strmap_free(NULL);
}

static void
test_first_number_stays(void **state)
{
	struct strmap	*m = strmap_new();

	assert_true(strmap_add(m, "ana@peña.es", 7) == STRMAP_NONE);
	assert_int_equal(strmap_add(m, "ana@peña.es", 9), 7);
	assert_int_equal(strmap_get(m, "ana@peña.es"), 7);
	assert_true(strmap_add(m, "", 0) == STRMAP_NONE);
	assert_int_equal(strmap_get(m, ""), 0);
	assert_true(strmap_get(m, "ana@pena.es") == STRMAP_NONE);
	assert_int_equal(strmap_count(m), 2);
	strmap_free(m);
}

/* Keys alike but for their first letters (what defeated hsearch_r's
 * hash), many times the first table's size. */
static void
test_many_similar_keys_through_growth(void **state)
{
	enum { N = 50000 };
	struct strmap	 *m = strmap_new();
	char		**k = xcalloc(N, sizeof *k);
	size_t		  i;

	for (i = 0; i < N; i++) {
		k[i] = xasprintf("%zu.%zu@example.com", i % 97, i);
		assert_true(strmap_add(m, k[i], i) == STRMAP_NONE);
	}
	assert_int_equal(strmap_count(m), N);
	for (i = 0; i < N; i++) {
		assert_int_equal(strmap_get(m, k[i]), i);
		assert_int_equal(strmap_add(m, k[i], 0), i);
	}
	assert_true(strmap_get(m, "97.0@example.com") == STRMAP_NONE);
	assert_int_equal(strmap_count(m), N);
	strmap_free(m);
	for (i = 0; i < N; i++)
		free(k[i]);
	free(k);
}

static void
test_hash_is_fnv1a(void **state)
{
	/* The published FNV-1a 64 values of "" and "a". */
	assert_true(hash_bytes("", 0) == 0xcbf29ce484222325ULL);
	assert_true(hash_bytes("a", 1) == 0xaf63dc4c8601ec8cULL);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_empty_map_finds_nothing),
		cmocka_unit_test(test_first_number_stays),
		cmocka_unit_test(test_many_similar_keys_through_growth),
		cmocka_unit_test(test_hash_is_fnv1a),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
