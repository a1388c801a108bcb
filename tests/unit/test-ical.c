/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for sched and ical: recurrence across daylight saving, the
 * writer's stable output, the reader's round trip and its line numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "activity.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "ical.h"
#include "sched.h"
#include "xmalloc.h"

static time_t
utc(int y, int mon, int d, int h, int mi)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return timegm(&tm);
}

/* Weekly 09:00 Copenhagen: 07:00 UTC in summer, 08:00 UTC after. */
static void
test_weekly_across_dst(void **state)
{
	struct err	e;
	time_t		next;

	(void)state;
	assert_int_equal(sched_next("FREQ=WEEKLY", utc(2026, 10, 19, 7, 0), 0,
	    utc(2026, 10, 19, 7, 0), &next, &e), 0);
	assert_int_equal(next, utc(2026, 10, 26, 8, 0));
	assert_int_equal(sched_next("RRULE:FREQ=DAILY;COUNT=2",
	    utc(2026, 3, 28, 8, 0), 0, utc(2026, 3, 28, 8, 0), &next, &e), 0);
	assert_int_equal(next, utc(2026, 3, 29, 7, 0));
	assert_int_equal(sched_next("FREQ=DAILY;COUNT=2", utc(2026, 3, 28, 8,
	    0), 0, utc(2026, 3, 29, 7, 0), &next, &e), 1);
	assert_int_equal(sched_rrule_check("FREQ=SOMETIMES", &e), -1);
}

static struct activity *
test_activity(void)
{
	struct activity	*a = activity_new();

	a->id = 7;
	a->rev = 3;
	a->kind = ACTIVITY_CALL;
	a->subject = xstrdup("Ring til Søren Ågård");
	a->due = a->start = utc(2026, 12, 1, 8, 0);
	a->alarm = 900;
	a->priority = 2;
	a->rrule = xstrdup("FREQ=WEEKLY;BYDAY=TU");
	a->uid = xstrdup("kith-a7-1@test");
	a->created = a->updated = utc(2026, 11, 20, 9, 0);
	return a;
}

static char *
test_write(const struct ical_item *it, int flags)
{
	struct err	 e;
	char		*s = NULL;
	size_t		 len = 0;
	FILE		*f = open_memstream(&s, &len);

	assert_int_equal(ical_write(f, it, 1, flags, "Europe/Copenhagen",
	    &e), 0);
	fclose(f);
	return s;
}

static void
test_write_stable_and_read_back(void **state)
{
	struct ical_item	 it;
	struct ical_entry	*v;
	struct contact		*c = contact_new();
	struct err		 e;
	char			*one, *two;
	size_t			 n;
	FILE			*f;

	(void)state;
	c->name = xstrdup("Søren Ågård");
	field_list_add(&c->emails, NULL, "soren@agard.dk");
	it.a = test_activity();
	it.c = c;
	one = test_write(&it, 0);
	two = test_write(&it, 0);
	assert_string_equal(one, two);
	assert_non_null(strstr(one, "SEQUENCE:2\r\n"));
	assert_non_null(strstr(one, "DTSTAMP:20261120T090000Z\r\n"));
	assert_non_null(strstr(one, "TZID:Europe/Copenhagen\r\n"));
	assert_non_null(strstr(one, "DTSTART;TZID=Europe/Copenhagen:"
	    "20261201T090000\r\n"));
	f = fmemopen(one, strlen(one), "r");
	assert_int_equal(ical_read(f, "one.ics", &v, &n, &e), 0);
	fclose(f);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].a->due, it.a->due);
	assert_int_equal(v[0].a->alarm, 900);
	assert_int_equal(v[0].a->priority, 2);
	assert_string_equal(v[0].a->rrule, "FREQ=WEEKLY;BYDAY=TU");
	assert_string_equal(v[0].a->subject, "Ring til Søren Ågård");
	assert_string_equal(v[0].email, "soren@agard.dk");
	ical_entries_free(v, n);
	free(one);
	free(two);
	activity_free((struct activity *)it.a);
	contact_free(c);
}

static void
test_read_refuses_with_line(void **state)
{
	static const char bad[] = "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\n"
	    "SUMMARY:folded\r\n  line\r\nDUE:never\r\nEND:VTODO\r\n"
	    "END:VCALENDAR\r\n";
	struct ical_entry	*v;
	struct err		 e;
	size_t			 n;
	FILE			*f;

	(void)state;
	err_clear(&e);
	f = fmemopen((void *)bad, sizeof bad - 1, "r");
	assert_int_equal(ical_read(f, "bad.ics", &v, &n, &e), -1);
	fclose(f);
	assert_int_equal(e.line, 5);
	assert_string_equal(e.file, "bad.ics");
	assert_non_null(strstr(e.msg, "bad DUE value"));
	assert_null(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekly_across_dst),
		cmocka_unit_test(test_write_stable_and_read_back),
		cmocka_unit_test(test_read_refuses_with_line),
	};

	setenv("TZ", "Europe/Copenhagen", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
