/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for when: WHEN and DURATION parsing, formats, local days. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "err.h"
#include "when.h"

/* Wednesday 2026-06-10 10:00 in Copenhagen (CEST, UTC+2). */
#define NOW	((time_t)1781078400)
#define HOUR	3600
#define DAY	86400

/* A UTC time from its parts, computed without the code under test. */
static time_t
utc(int y, int mon, int d, int h, int mi, int s)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (timegm(&tm));
}

static void
assert_when(const char *s, time_t now, time_t want, int want_allday)
{
	struct err	e;
	time_t		t = 0;
	int		allday = -1;

	err_clear(&e);
	if (when_parse(s, now, &t, &allday, &e) != 0)
		fail_msg("\"%s\": %s", s, e.msg);
	if (t != want)
		fail_msg("\"%s\": got %lld, want %lld", s, (long long)t,
		    (long long)want);
	assert_int_equal(allday, want_allday);
	assert_false(err_isset(&e));
}

static void
assert_when_bad(const char *s)
{
	struct err	e;
	time_t		t = 42;
	char		prefix[128];

	err_clear(&e);
	if (when_parse(s, NOW, &t, NULL, &e) != -1)
		fail_msg("\"%s\" parsed as %lld", s, (long long)t);
	assert_int_equal(t, 42);
	snprintf(prefix, sizeof prefix, "bad date or time \"%s\": ", s);
	assert_true(strncmp(e.msg, prefix, strlen(prefix)) == 0);
	assert_true(strlen(e.msg) > strlen(prefix));
}

static void
test_parse_iso(void **state)
{
	assert_when("2026-12-01", NOW, utc(2026, 11, 30, 23, 0, 0), 1);
	assert_when("2026-06-01", NOW, utc(2026, 5, 31, 22, 0, 0), 1);
	assert_when("2026-12-01 14:30", NOW, utc(2026, 12, 1, 13, 30, 0), 0);
	assert_when("2026-12-01T14:30", NOW, utc(2026, 12, 1, 13, 30, 0), 0);
	assert_when("2026-12-01T14:30:15", NOW, utc(2026, 12, 1, 13, 30, 15),
	    0);
	assert_when("2026-12-01T14:30Z", NOW, utc(2026, 12, 1, 14, 30, 0), 0);
	assert_when("2026-12-01T14:30:05Z", NOW, utc(2026, 12, 1, 14, 30, 5),
	    0);
	assert_when("2026-12-01 14:30+01:00", NOW,
	    utc(2026, 12, 1, 13, 30, 0), 0);
	assert_when("2026-12-01T14:30-0500", NOW,
	    utc(2026, 12, 1, 19, 30, 0), 0);
	assert_when("2026-12-01T14:30+05", NOW, utc(2026, 12, 1, 9, 30, 0), 0);
	assert_when("  2028-02-29  ", NOW, utc(2028, 2, 28, 23, 0, 0), 1);
}

static void
test_parse_words(void **state)
{
	assert_when("now", NOW, NOW, 0);
	assert_when("today", NOW, utc(2026, 6, 9, 22, 0, 0), 1);
	assert_when("TODAY 14:30", NOW, utc(2026, 6, 10, 12, 30, 0), 0);
	assert_when("tomorrow", NOW, utc(2026, 6, 10, 22, 0, 0), 1);
	assert_when("tomorrow 09:00", NOW, utc(2026, 6, 11, 7, 0, 0), 0);
	assert_when("yesterday 9:05", NOW, utc(2026, 6, 9, 7, 5, 0), 0);
	assert_when("yesterday", NOW, utc(2026, 6, 8, 22, 0, 0), 1);
	assert_when("14:30", NOW, utc(2026, 6, 10, 12, 30, 0), 0);
	assert_when("7:15:30", NOW, utc(2026, 6, 10, 5, 15, 30), 0);
}

static void
test_parse_weekdays(void **state)
{
	/* NOW is a Wednesday: "wed" is a week later, never today. */
	assert_when("wed", NOW, utc(2026, 6, 16, 22, 0, 0), 1);
	assert_when("Wednesday", NOW, utc(2026, 6, 16, 22, 0, 0), 1);
	assert_when("thu", NOW, utc(2026, 6, 10, 22, 0, 0), 1);
	assert_when("thursday 08:00", NOW, utc(2026, 6, 11, 6, 0, 0), 0);
	assert_when("Fri", NOW, utc(2026, 6, 11, 22, 0, 0), 1);
	assert_when("sat", NOW, utc(2026, 6, 12, 22, 0, 0), 1);
	assert_when("SUNDAY", NOW, utc(2026, 6, 13, 22, 0, 0), 1);
	assert_when("Mon", NOW, utc(2026, 6, 14, 22, 0, 0), 1);
	assert_when("tues 23:59", NOW, utc(2026, 6, 16, 21, 59, 0), 0);
	assert_when("tuesday", NOW, utc(2026, 6, 15, 22, 0, 0), 1);
}

static void
test_parse_relative(void **state)
{
	assert_when("+3d", NOW, NOW + 3 * DAY, 0);
	assert_when("+2h", NOW, NOW + 2 * HOUR, 0);
	assert_when("+30m", NOW, NOW + 30 * 60, 0);
	assert_when("+1w", NOW, NOW + 7 * DAY, 0);
	assert_when("+90s", NOW, NOW + 90, 0);
	assert_when("-1d", NOW, NOW - DAY, 0);
	assert_when("-2h", NOW, NOW - 2 * HOUR, 0);
	assert_when("+1h30m", NOW, NOW + 90 * 60, 0);
	assert_when("+0m", NOW, NOW, 0);
	assert_when("in 3 days", NOW, NOW + 3 * DAY, 0);
	assert_when("in 2 hours", NOW, NOW + 2 * HOUR, 0);
	assert_when("in 1 hour", NOW, NOW + HOUR, 0);
	assert_when("In 45 minutes", NOW, NOW + 45 * 60, 0);
	assert_when("in 1 week", NOW, NOW + 7 * DAY, 0);
}

static void
test_parse_errors(void **state)
{
	static const char	*bad[] = {
		"", "   ", "2026-13-01", "2026-00-10", "2026-02-29",
		"2026-04-31", "2026-12-01 25:00", "2026-12-01 12:60",
		"2026-12-01 12", "2026-12-01Z", "2026-12-01 14:30 junk",
		"2026-12-01 14:30+2400", "2026-1-1", "26-12-01", "24:00",
		"12:5", "someday", "mo", "yes", "today 9", "tomorrow noon",
		"+3x", "+", "+1h30", "-d", "in", "in three days", "in 2 fortnights",
		"+9999999999d", "+999999999w", "nowish", "now 12:00",
		"wed 12:00 sharp",
		"a very long string that goes on and on past sixty four bytes",
	};
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_when_bad(bad[i]);
}

static void
test_parse_allday_may_be_null(void **state)
{
	time_t	t;

	assert_int_equal(when_parse("today", NOW, &t, NULL, NULL), 0);
	assert_int_equal(t, utc(2026, 6, 9, 22, 0, 0));
	assert_int_equal(when_parse("junk", NOW, &t, NULL, NULL), -1);
}

static void
test_parse_dst_gaps(void **state)
{
	struct err	e;
	time_t		t;

	/* 02:30 does not exist on 2026-03-29: either neighbour will do. */
	assert_int_equal(when_parse("2026-03-29 02:30", NOW, &t, NULL, &e),
	    0);
	assert_true(t == utc(2026, 3, 29, 0, 30, 0) ||
	    t == utc(2026, 3, 29, 1, 30, 0));
	/* 02:30 happens twice on 2026-10-25. */
	assert_int_equal(when_parse("2026-10-25 02:30", NOW, &t, NULL, &e),
	    0);
	assert_true(t == utc(2026, 10, 25, 0, 30, 0) ||
	    t == utc(2026, 10, 25, 1, 30, 0));
	assert_when("2026-03-29 03:30", NOW, utc(2026, 3, 29, 1, 30, 0), 0);
	assert_when("2026-10-25 12:00", NOW, utc(2026, 10, 25, 11, 0, 0), 0);
}

static void
test_relative_days_keep_wall_clock(void **state)
{
	time_t	noon = utc(2026, 10, 24, 10, 0, 0);	/* 12:00 CEST */

	assert_when("+1d", noon, noon + 25 * HOUR, 0);
	assert_when("+24h", noon, noon + 24 * HOUR, 0);
	assert_when("tomorrow 12:00", noon, noon + 25 * HOUR, 0);
	noon = utc(2026, 3, 28, 11, 0, 0);		/* 12:00 CET */
	assert_when("+1d", noon, noon + 23 * HOUR, 0);
	assert_when("-1d", noon + 23 * HOUR, noon, 0);
}

static void
test_day_start_and_add_days(void **state)
{
	time_t	d;

	d = when_day_start(utc(2026, 10, 25, 11, 0, 0));
	assert_int_equal(d, utc(2026, 10, 24, 22, 0, 0));
	assert_int_equal(when_add_days(d, 1) - d, 25 * HOUR);
	assert_int_equal(when_add_days(d, 1), utc(2026, 10, 25, 23, 0, 0));
	d = when_day_start(utc(2026, 3, 29, 11, 0, 0));
	assert_int_equal(d, utc(2026, 3, 28, 23, 0, 0));
	assert_int_equal(when_add_days(d, 1) - d, 23 * HOUR);
	assert_int_equal(when_add_days(d, 0), d);
	assert_int_equal(when_add_days(d, -1), utc(2026, 3, 27, 23, 0, 0));
	assert_int_equal(when_add_days(when_day_start(NOW), 365),
	    utc(2027, 6, 9, 22, 0, 0));
	assert_int_equal(when_day_start(utc(2026, 6, 9, 22, 0, 0)),
	    utc(2026, 6, 9, 22, 0, 0));
	assert_int_equal(when_day_start(utc(2026, 6, 9, 21, 59, 59)),
	    utc(2026, 6, 8, 22, 0, 0));
}

static void
assert_duration(const char *s, long want)
{
	struct err	e;
	long		secs = -1;

	err_clear(&e);
	if (when_duration(s, &secs, &e) != 0)
		fail_msg("\"%s\": %s", s, e.msg);
	assert_int_equal(secs, want);
}

static void
test_duration_parse(void **state)
{
	static const char	*bad[] = {
		"", "abc", "1x", "-5m", "1h30", "1.5h", "h", "m30",
		"99999999999m", "1 h 3 0m",
	};
	struct err		 e;
	long			 secs = 7;
	size_t			 i;

	assert_duration("15m", 900);
	assert_duration("2h", 7200);
	assert_duration("3d", 3 * DAY);
	assert_duration("1w", 7 * DAY);
	assert_duration("90s", 90);
	assert_duration("1h30m", 5400);
	assert_duration("1d2h3m4s", DAY + 2 * HOUR + 3 * 60 + 4);
	assert_duration("90", 5400);
	assert_duration("0", 0);
	assert_duration("2H", 7200);
	assert_duration(" 1h 30m ", 5400);
	assert_duration("45 minutes", 45 * 60);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		assert_int_equal(when_duration(bad[i], &secs, &e), -1);
		assert_int_equal(secs, 7);
		assert_true(strncmp(e.msg, "bad duration \"", 14) == 0);
	}
}

static void
test_duration_format(void **state)
{
	static const long	round[] = {
		0, 1, 59, 60, 900, 3600, 5400, DAY, DAY + 1, 7 * DAY,
		123456789
	};
	char			buf[32];
	long			secs;
	size_t			i;

	assert_string_equal(when_duration_format(900, buf, sizeof buf), "15m");
	assert_string_equal(when_duration_format(5400, buf, sizeof buf),
	    "1h30m");
	assert_string_equal(when_duration_format(DAY, buf, sizeof buf), "1d");
	assert_string_equal(when_duration_format(0, buf, sizeof buf), "0m");
	assert_string_equal(when_duration_format(90, buf, sizeof buf),
	    "1m30s");
	assert_string_equal(when_duration_format(90061, buf, sizeof buf),
	    "1d1h1m1s");
	assert_string_equal(when_duration_format(-900, buf, sizeof buf),
	    "-15m");
	assert_string_equal(when_duration_format(5400, buf, 3), "1h");
	for (i = 0; i < sizeof round / sizeof round[0]; i++) {
		when_duration_format(round[i], buf, sizeof buf);
		assert_int_equal(when_duration(buf, &secs, NULL), 0);
		assert_int_equal(secs, round[i]);
	}
}

static void
test_format(void **state)
{
	char	buf[64];

	assert_string_equal(when_format(NOW, 0, buf, sizeof buf),
	    "2026-06-10 10:00");
	assert_string_equal(when_format(NOW, 1, buf, sizeof buf),
	    "2026-06-10");
	assert_string_equal(when_format(utc(2026, 12, 1, 13, 30, 0), 0, buf,
	    sizeof buf), "2026-12-01 14:30");
	assert_string_equal(when_format_utc(utc(2026, 12, 1, 13, 30, 0), buf,
	    sizeof buf), "2026-12-01T13:30:00Z");
}

static void
test_parse_utc(void **state)
{
	static const char	*bad[] = {
		"", "2026-12-01T13:30:00", "2026-12-01T13:30:00z",
		"2026-12-01 13:30:00Z", "2026-12-01T13:30Z",
		"2026-02-30T00:00:00Z", "2026-12-01T24:00:00Z",
		"2026-12-01T13:30:00Zx", "2026-12-01T13:30:00+00:00",
		"20261201T133000Z",
	};
	struct err		 e;
	char			 buf[32];
	time_t			 t, want = utc(2026, 12, 1, 13, 30, 0);
	size_t			 i;

	assert_int_equal(when_parse_utc("2026-12-01T13:30:00Z", &t, &e), 0);
	assert_int_equal(t, want);
	when_format_utc(NOW, buf, sizeof buf);
	assert_int_equal(when_parse_utc(buf, &t, &e), 0);
	assert_int_equal(t, NOW);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		assert_int_equal(when_parse_utc(bad[i], &t, &e), -1);
		assert_true(err_isset(&e));
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_parse_words),
		cmocka_unit_test(test_parse_weekdays),
		cmocka_unit_test(test_parse_relative),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_allday_may_be_null),
		cmocka_unit_test(test_parse_dst_gaps),
		cmocka_unit_test(test_relative_days_keep_wall_clock),
		cmocka_unit_test(test_day_start_and_add_days),
		cmocka_unit_test(test_duration_parse),
		cmocka_unit_test(test_duration_format),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_parse_utc),
	};

	setenv("TZ", "Europe/Copenhagen", 1);
	tzset();
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
