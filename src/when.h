/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_WHEN_H
#define KITH_WHEN_H

/*
 * Dates, times and durations: parsing what users type (WHEN and
 * DURATION), formatting for display in local time and for files in UTC,
 * and local-day arithmetic that stays right across daylight-saving
 * changes.  Local time is whatever TZ says (localtime_r and mktime);
 * a local time that does not exist or exists twice resolves to what
 * mktime() makes of it.  Nothing here reads the clock: callers pass now.
 */

#include <stddef.h>
#include <time.h>

struct err;

/*
 * Parses WHEN relative to now:
 *   2026-12-01                     midnight local, all day
 *   2026-12-01 14:30[:SS]          also with "T"; a trailing "Z" or
 *                                  "+01:00", "-0500", "+01" is an offset
 *   now
 *   today, tomorrow, yesterday     all day, or with " HH:MM" at that time
 *   monday .. sunday, mon .. sun   the next such day strictly after
 *                                  today; all day or with " HH:MM"
 *   HH:MM[:SS]                     today at that time
 *   +3d, -1d, +2h, +30m, +1w, +90s, +1h30m
 *   in 3 days, in 2 hours, in 30 minutes, in 1 week
 * Days and weeks in relative forms are calendar days (the same local
 * wall-clock time), the other units exact seconds.  Words are
 * case-insensitive.  *allday (which may be NULL) is set to 1 only for
 * the date-without-time forms.  Returns 0, or -1 with e set.
 */
int		 when_parse(const char *s, time_t now, time_t *out,
		     int *allday, struct err *e);
/*
 * Parses DURATION ("15m", "2h", "3d", "1w", "90s", "1h30m"; a bare number
 * is minutes) into seconds.  Returns 0, or -1 with e set.
 */
int		 when_duration(const char *s, long *secs, struct err *e);
/* Compact duration: 900 gives "15m", 5400 "1h30m", 86400 "1d", 0 "0m". */
const char	*when_duration_format(long secs, char *buf, size_t len);
/* Local display form: "2026-12-01 14:30", or "2026-12-01" if allday. */
const char	*when_format(time_t t, int allday, char *buf, size_t len);
/* UTC machine form for dumps and files: "2026-12-01T13:30:00Z". */
const char	*when_format_utc(time_t t, char *buf, size_t len);
/* Parses exactly the when_format_utc() form.  Returns 0, or -1 with e. */
int		 when_parse_utc(const char *s, time_t *out, struct err *e);
/* The local midnight starting the day that contains t. */
time_t		 when_day_start(time_t t);
/* The local midnight n days after (or before) the day of day_start. */
time_t		 when_add_days(time_t day_start, int n);

#endif
