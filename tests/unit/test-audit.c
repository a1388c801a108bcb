/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "xmalloc.h"

/* The changes audit_diff reported, one "field|old|new" line each. */
static void
collect(const char *field, const char *old, const char *new, void *arg)
{
	buf_addf(arg, "%s|%s|%s\n", field, old, new);
}

static char *
diff(const struct contact *a, const struct contact *b, int *n)
{
	struct buf	x = BUF_INIT, y = BUF_INIT, out = BUF_INIT;
	struct err	e;

	err_clear(&e);
	if (a != NULL)
		contact_encode(a, &x);
	if (b != NULL)
		contact_encode(b, &y);
	*n = audit_diff('c', x.data, x.len, y.data, y.len, collect, &out, &e);
	buf_free(&x);
	buf_free(&y);
	buf_addc(&out, '\0');
	return buf_detach(&out);
}

static struct contact *
ann(void)
{
	struct contact	*c = contact_new();

	c->name = xstrdup("Ann Smith");
	field_list_add(&c->phones, "work", "+45 33 12 34 56");
	c->rev = 1;
	c->updated = 1000;
	return c;
}

/* A change lists the fields that differ, not the stamps of the save. */
static void
test_set_lists_changed_fields(void **state)
{
	struct contact	*a = ann(), *b = ann();
	char		*s;
	int		 n;

	(void)state;
	b->company = xstrdup("Acme");
	field_list_clear(&b->phones);
	field_list_add(&b->phones, "work", "+45 20 11 22 33");
	b->is_private = 1;
	b->rev = 2;
	b->updated = 2000;
	s = diff(a, b, &n);
	assert_int_equal(n, 3);
	assert_string_equal(s, "company||Acme\n"
	    "phone|+45 33 12 34 56|+45 20 11 22 33\n"
	    "private|no|yes\n");
	free(s);
	contact_free(a);
	contact_free(b);
}

/* An addition lists the fields set; nothing differs from itself. */
static void
test_add_and_same(void **state)
{
	struct contact	*a = ann();
	char		*s;
	int		 n;

	(void)state;
	s = diff(NULL, a, &n);
	assert_int_equal(n, 2);
	assert_string_equal(s, "name||Ann Smith\nphone||+45 33 12 34 56\n");
	free(s);
	s = diff(a, a, &n);
	assert_int_equal(n, 0);
	free(s);
	contact_free(a);
}

static void
test_damaged_and_unknown(void **state)
{
	struct err	e;
	struct buf	out = BUF_INIT;

	(void)state;
	err_clear(&e);
	assert_int_equal(audit_diff('c', "garbage", 7, NULL, 0, collect,
	    &out, &e), -1);
	assert_int_equal(audit_diff('z', NULL, 0, NULL, 0, collect, &out,
	    &e), -1);
	assert_non_null(strstr(e.msg, "unknown kind"));
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_lists_changed_fields),
		cmocka_unit_test(test_add_and_same),
		cmocka_unit_test(test_damaged_and_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
