/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for utf8: validation, widths, fitting, folding, keys. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static void
assert_fold(const char *in, const char *want)
{
	char	*got = utf8_fold(in);

	assert_string_equal(got, want);
	free(got);
}

static void
assert_fit(const char *in, int cols, const char *want)
{
	char	*got = utf8_fit(in, cols);

	assert_string_equal(got, want);
	assert_int_equal(utf8_width(got), cols < 0 ? 0 : cols);
	free(got);
}

static void
test_fold_examples(void **state)
{
	assert_fold("Søren Ågård", "soren agard");
	assert_fold("Čopova", "copova");
	assert_fold("Peña", "pena");
	assert_fold("Jyväskylä", "jyvaskyla");
	assert_fold("STRASSE", "strasse");
	assert_fold("Straße", "strasse");
	assert_fold("ß", "ss");
	assert_fold("Æ", "ae");
	assert_fold("Œ", "oe");
	assert_fold("Þ", "th");
	assert_fold("Đ", "d");
	assert_fold("Ł", "l");
	assert_fold("Nguyễn", "nguyen");
	assert_fold("Ştefan Ţărână", "stefan tarana");
	assert_fold("", "");
}

static void
test_fold_greek_cyrillic(void **state)
{
	assert_fold("ΑΘΗΝΑ", "αθηνα");
	assert_fold("Ἀθήνα", "Ἀθηνα");	/* polytonic passes through */
	assert_fold("Ελλάδα", "ελλαδα");
	assert_fold("ΟΔΥΣΣΕΥΣ", "οδυσσευσ");
	assert_fold("Οδυσσεύς", "οδυσσευσ");
	assert_fold("МОСКВА", "москва");
	assert_fold("Ёлкин", "елкин");
	assert_fold("ЄВРОПА Їжак", "європа іжак");
}

static void
test_fold_decomposed_like_precomposed(void **state)
{
	assert_fold("Pe\xcc\x81na", "pena");	/* U+0301 */
	assert_fold("A\xcc\x8a" "ga\xcc\x8a" "rd", "agard");
	assert_fold("C\xcc\x8c" "opova", "copova");
	assert_fold("\xd0\x98\xcc\x86", "\xd0\xb8");	/* И + breve */
	assert_fold("\xd0\x99", "\xd0\xb8");		/* Й */
}

static void
test_fold_passes_other_text(void **state)
{
	assert_fold("東京 123 @!", "東京 123 @!");
	assert_fold("a\xff" "B\xc3", "a\xff" "b\xc3");
	assert_fold("\xe2\x82\xac 5", "\xe2\x82\xac 5");
}

/* Sorts by sortkey and returns 1 if a < b < c. */
static int
sorts_between(const char *a, const char *b, const char *c)
{
	char	*ka = utf8_sortkey(a), *kb = utf8_sortkey(b);
	char	*kc = utf8_sortkey(c);
	int	 ok;

	ok = strcmp(ka, kb) < 0 && strcmp(kb, kc) < 0;
	free(ka);
	free(kb);
	free(kc);
	return (ok);
}

static void
test_sortkey_orders_by_fold(void **state)
{
	char	*k = utf8_sortkey("Ågård");

	assert_string_equal(k, "agard\001Ågård");
	free(k);
	assert_true(sorts_between("Aaron", "Ågård", "Ahmed"));
	assert_true(sorts_between("", "a", "b"));
	assert_true(sorts_between("Ann", "ann", "Anna"));
	assert_true(sorts_between("Peña", "Perez", "Zoë"));
	assert_true(sorts_between("Zoe", "Zoë", "Zoey"));
}

static void
test_digits(void **state)
{
	char	out[32];

	assert_int_equal(utf8_digits("+45 20 11 22 33", out, sizeof out), 10);
	assert_string_equal(out, "4520112233");
	assert_int_equal(utf8_digits("(030) 123-45", out, sizeof out), 8);
	assert_string_equal(out, "03012345");
	assert_int_equal(utf8_digits("no digits", out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(utf8_digits("١٢٣ 45", out, sizeof out), 2);
	assert_string_equal(out, "45");
	assert_int_equal(utf8_digits("123456", out, 4), 3);
	assert_string_equal(out, "123");
	assert_int_equal(utf8_digits("123", out, 0), 0);
}

static void
test_valid(void **state)
{
	static const char	*good[] = {
		"", "ascii", "Søren", "東京", "\xf0\x9f\x98\x80",
		"\xef\xbf\xbf", "\xf4\x8f\xbf\xbf"
	};
	static const char	*bad[] = {
		"\xc0\xaf", "\xe0\x80\xaf", "\xf0\x80\x80\xaf",	/* overlong */
		"\xed\xa0\x80", "\xed\xbf\xbf",			/* surrogate */
		"\xf4\x90\x80\x80", "\xff", "\x80", "abc\xc3",
		"\xe6\x9d", "\xc3\x28"
	};
	size_t			 i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(utf8_valid(good[i], strlen(good[i])));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	assert_true(utf8_valid("a\0b", 3));
}

static void
test_decode_encode(void **state)
{
	static const uint32_t	 cps[] = {
		0, 0x41, 0x7f, 0x80, 0xe5, 0x7ff, 0x800, 0x6771, 0xffff,
		0x10000, 0x1f600, 0x10ffff
	};
	char			 out[4];
	uint32_t		 cp;
	size_t			 i, n;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = utf8_encode(cps[i], out);
		assert_true(n >= 1 && n <= 4);
		assert_int_equal(utf8_decode(out, n, &cp), (int)n);
		assert_int_equal(cp, cps[i]);
		assert_int_equal(utf8_decode(out, n - 1, &cp), -1);
	}
	assert_int_equal(utf8_encode(0xd800, out), 0);
	assert_int_equal(utf8_encode(0x110000, out), 0);
	assert_int_equal(utf8_decode("\xc3\xa5x", 3, &cp), 2);
	assert_int_equal(cp, 0xe5);
}

static void
test_width(void **state)
{
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("Søren"), 5);
	assert_int_equal(utf8_width("東京"), 4);
	assert_int_equal(utf8_width("e\xcc\x81"), 1);
	assert_int_equal(utf8_width("a\tb"), 3);
	assert_int_equal(utf8_width("a\xff" "b"), 3);
}

static void
test_fit_pads_and_cuts(void **state)
{
	assert_fit("abc", 5, "abc  ");
	assert_fit("abc", 3, "abc");
	assert_fit("abcdef", 4, "abc…");
	assert_fit("Søren Ågård", 8, "Søren Å…");
	assert_fit("abc", 1, "…");
	assert_fit("", 3, "   ");
	assert_fit("abc", 0, "");
	assert_fit("abc", -2, "");
}

static void
test_fit_double_width(void **state)
{
	assert_fit("東京", 4, "東京");
	assert_fit("東京", 5, "東京 ");
	assert_fit("東京", 3, "東…");
	assert_fit("東京", 2, " …");
	assert_fit("a東京", 3, "a …");
	assert_fit("東京都", 5, "東京…");
}

static void
test_fit_combining(void **state)
{
	assert_fit("e\xcc\x81", 1, "e\xcc\x81");
	assert_fit("e\xcc\x81" "e\xcc\x81", 3, "e\xcc\x81" "e\xcc\x81 ");
	assert_fit("e\xcc\x81" "e\xcc\x81" "x", 2, "e\xcc\x81…");
	assert_fit("ab\xcc\x81" "cd", 3, "ab\xcc\x81…");
}

static void
test_fit_ascii_locale(void **state)
{
	char	*got;

	setlocale(LC_ALL, "C");
	got = utf8_fit("abcdef", 4);
	assert_string_equal(got, "abc~");
	free(got);
	setlocale(LC_ALL, "C.UTF-8");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_fold_examples),
		cmocka_unit_test(test_fold_greek_cyrillic),
		cmocka_unit_test(test_fold_decomposed_like_precomposed),
		cmocka_unit_test(test_fold_passes_other_text),
		cmocka_unit_test(test_sortkey_orders_by_fold),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_decode_encode),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_pads_and_cuts),
		cmocka_unit_test(test_fit_double_width),
		cmocka_unit_test(test_fit_combining),
		cmocka_unit_test(test_fit_ascii_locale),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return (1);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
