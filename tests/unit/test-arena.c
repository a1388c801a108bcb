/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for arena: order, alignment, marks and reuse of blocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

static void
test_allocations_are_aligned_and_distinct(void **state)
{
	struct arena	 ar = { NULL, NULL };
	char		*a, *b, *c;

	a = arena_alloc(&ar, 1);
	b = arena_alloc(&ar, 3);
	c = arena_alloc(&ar, 8);
	assert_int_equal((uintptr_t)a % 8, 0);
	assert_int_equal((uintptr_t)b % 8, 0);
	assert_int_equal((uintptr_t)c % 8, 0);
	assert_true(b >= a + 1 && c >= b + 3);
	memset(a, 'a', 1);
	memset(b, 'b', 3);
	memset(c, 'c', 8);
	assert_int_equal(a[0], 'a');
	assert_int_equal(b[2], 'b');
	arena_free(&ar);
	arena_free(&ar);	/* twice is harmless */
}

static void
test_strings_are_copies(void **state)
{
	struct arena	 ar = { NULL, NULL };
	char		 src[] = "Søren Ågård;Jyväskylä";
	char		*s, *t;

	s = arena_strndup(&ar, src, 14);
	t = arena_strdup(&ar, src);
	src[0] = 'X';
	assert_string_equal(s, "Søren Ågård");
	assert_string_equal(t, "Søren Ågård;Jyväskylä");
	assert_string_equal(arena_strndup(&ar, "", 0), "");
	arena_free(&ar);
}

/* What is allocated after a mark goes; what came before stays. */
static void
test_pop_to_mark_keeps_what_came_before(void **state)
{
	struct arena		 ar = { NULL, NULL };
	struct arena_mark	 m;
	char			*keep, *later;
	int			 i;

	keep = arena_strdup(&ar, "kept");
	arena_mark(&ar, &m);
	for (i = 0; i < 100; i++)	/* past several blocks */
		arena_alloc(&ar, 10000);
	arena_pop(&ar, &m);
	later = arena_strdup(&ar, "after");
	assert_string_equal(keep, "kept");
	assert_string_equal(later, "after");
	assert_ptr_equal(later, keep + 8);	/* the same place again */
	arena_free(&ar);
}

/* An array grown an item at a time keeps its items in order. */
static void
test_grow_keeps_items(void **state)
{
	struct arena	 ar = { NULL, NULL };
	int		*v = NULL, *was;
	size_t		 n;

	for (n = 0; n < 1000; n++) {
		was = v;
		v = arena_grow(&ar, v, n, sizeof *v);
		/* A new array only when the room is used up. */
		assert_true(v == was || n == 0 || n == 4 || n == 8 ||
		    n == 16 || n == 32 || n == 64 || n == 128 || n == 256 ||
		    n == 512);
		v[n] = (int)n * 7;
	}
	for (n = 0; n < 1000; n++)
		assert_int_equal(v[n], (int)n * 7);
	arena_free(&ar);
}

/* A reset keeps the blocks: the same sizes come from the same memory. */
static void
test_reset_reuses_blocks(void **state)
{
	struct arena	 ar = { NULL, NULL };
	char		*first, *big;

	first = arena_alloc(&ar, 100);
	big = arena_alloc(&ar, 1024 * 1024);	/* a block of its own */
	memset(big, 'x', 1024 * 1024);
	arena_reset(&ar);
	assert_ptr_equal(arena_alloc(&ar, 100), first);
	assert_ptr_equal(arena_alloc(&ar, 1024 * 1024), big);
	arena_free(&ar);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_allocations_are_aligned_and_distinct),
		cmocka_unit_test(test_strings_are_copies),
		cmocka_unit_test(test_pop_to_mark_keeps_what_came_before),
		cmocka_unit_test(test_grow_keeps_items),
		cmocka_unit_test(test_reset_reuses_blocks),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
