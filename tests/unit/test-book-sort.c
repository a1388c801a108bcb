/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for the contact list's orders (book-sort.c): keys, scans
 * and paging by company, index upkeep on a change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "book.h"
#include "contact.h"
#include "err.h"
#include "xmalloc.h"

struct test_book {
	char		 dir[64];
	struct book	*b;
};

static int
test_setup(void **state)
{
	struct test_book	*t = xcalloc(1, sizeof *t);
	struct err		 e;

	strcpy(t->dir, "/tmp/kith-test-sort-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	strcat(t->dir, "/db");
	err_clear(&e);
	t->b = book_open(t->dir, NULL, BOOK_CREATE, &e);
	assert_non_null(t->b);
	*state = t;
	return 0;
}

static int
test_teardown(void **state)
{
	struct test_book	*t = *state;
	char			 cmd[128];

	book_close(t->b);
	t->dir[strlen(t->dir) - 3] = '\0';
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static uint64_t
test_add(struct book *b, const char *name, const char *company)
{
	struct contact	*c = contact_new();
	struct err	 e;
	uint64_t	 id;

	c->name = xstrdup(name);
	c->company = company != NULL ? xstrdup(company) : NULL;
	err_clear(&e);
	assert_int_equal(book_contact_add(b, c, &e), 0);
	id = c->id;
	contact_free(c);
	return id;
}

/* The names scanned, joined by commas. */
struct test_seen {
	char	names[512];
	char	last_key[256];
	uint64_t last_id;
	int	max;
};

static int
test_seen_fn(const struct contact *c, void *arg)
{
	struct test_seen	*s = arg;
	char			*k = book_sortkey_by(c, BOOK_BY_COMPANY);

	if (s->names[0] != '\0')
		strcat(s->names, ",");
	strcat(s->names, c->name);
	snprintf(s->last_key, sizeof s->last_key, "%s", k);
	s->last_id = c->id;
	free(k);
	return --s->max == 0;
}

static const char *
test_scan(struct book *b, const char *from, uint64_t from_id, int back,
    int max, struct test_seen *s)
{
	struct err	e;

	memset(s, 0, sizeof *s);
	s->max = max;
	err_clear(&e);
	assert_int_equal(book_scan_by(b, BOOK_BY_COMPANY, from, from_id, back,
	    test_seen_fn, s, &e), 0);
	return s->names;
}

static void
test_company_order_pages(void **state)
{
	struct test_book	*t = *state;
	struct test_seen	 s;
	char			 key[256];

	test_add(t->b, "Anna", "Zeta");
	test_add(t->b, "Bo", "acme");
	test_add(t->b, "Dorte", NULL);
	test_add(t->b, "Carl", "Ågård");	/* folds to "agard" */
	test_add(t->b, "Bo", "acme");		/* same key: id order */
	assert_string_equal(test_scan(t->b, NULL, 0, 0, 0, &s),
	    "Bo,Bo,Carl,Anna,Dorte");
	assert_string_equal(test_scan(t->b, NULL, 0, 1, 0, &s),
	    "Dorte,Anna,Carl,Bo,Bo");
	/* A page of one, then on from it: the twin is not skipped. */
	assert_string_equal(test_scan(t->b, NULL, 0, 0, 1, &s), "Bo");
	snprintf(key, sizeof key, "%s", s.last_key);
	assert_string_equal(test_scan(t->b, key, s.last_id, 0, 2, &s),
	    "Bo,Carl");
	snprintf(key, sizeof key, "%s", s.last_key);	/* Carl's */
	assert_string_equal(test_scan(t->b, key, 0, 1, 0, &s), "Bo,Bo");
}

static void
test_change_moves_the_contact(void **state)
{
	struct test_book	*t = *state;
	struct test_seen	 s;
	struct contact		*c;
	struct err		 e;
	uint64_t		 id;

	test_add(t->b, "Anna", "Beta");
	id = test_add(t->b, "Bo", "Alpha");
	assert_string_equal(test_scan(t->b, NULL, 0, 0, 0, &s), "Bo,Anna");
	err_clear(&e);
	assert_int_equal(book_contact_get(t->b, id, &c, &e), 0);
	free(c->company);
	c->company = xstrdup("Gamma");
	assert_int_equal(book_contact_save(t->b, c, &e), 0);
	contact_free(c);
	assert_string_equal(test_scan(t->b, NULL, 0, 0, 0, &s), "Anna,Bo");
}

static void
test_empty_sorts_last(void **state)
{
	struct contact	*a = contact_new(), *b = contact_new();
	char		*ka, *kb;

	(void)state;
	a->name = xstrdup("Zed");
	a->city = xstrdup("Århus");
	b->name = xstrdup("Abe");
	ka = book_sortkey_by(a, BOOK_BY_CITY);
	kb = book_sortkey_by(b, BOOK_BY_CITY);
	assert_true(strcmp(ka, kb) < 0);
	free(kb);
	b->city = xstrdup("");
	kb = book_sortkey_by(b, BOOK_BY_CITY);
	assert_true(strcmp(ka, kb) < 0);
	assert_string_equal(book_order_name(BOOK_BY_OWNER), "owner");
	free(ka);
	free(kb);
	contact_free(a);
	contact_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_company_order_pages,
		    test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_change_moves_the_contact,
		    test_setup, test_teardown),
		cmocka_unit_test(test_empty_sorts_last),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
