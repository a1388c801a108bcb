/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "when.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

/* Longest WHEN or DURATION accepted, and the largest number in one. */
#define WHEN_MAX_LEN	64
#define WHEN_MAX_NUM	999999999L
/* The furthest a relative time may reach, in days (about 10000 years). */
#define WHEN_MAX_DAYS	3660000L

/* A unit in relative times and durations: seconds, or calendar days. */
struct when_unit {
	const char	*name;
	long		 secs;
	long		 days;
};

static const struct when_unit when_units[] = {
	{ "s", 1, 0 }, { "sec", 1, 0 }, { "secs", 1, 0 },
	{ "second", 1, 0 }, { "seconds", 1, 0 },
	{ "m", 60, 0 }, { "min", 60, 0 }, { "mins", 60, 0 },
	{ "minute", 60, 0 }, { "minutes", 60, 0 },
	{ "h", 3600, 0 }, { "hour", 3600, 0 }, { "hours", 3600, 0 },
	{ "d", 0, 1 }, { "day", 0, 1 }, { "days", 0, 1 },
	{ "w", 0, 7 }, { "week", 0, 7 }, { "weeks", 0, 7 },
};

static const char *when_weekdays[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday"
};

/* Copies s trimmed and in ASCII lower case; -1 if it does not fit. */
static int
when_lower(char *dst, size_t len, const char *s)
{
	size_t	n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= len)
		return (-1);
	for (dst[n] = '\0'; n > 0; n--) {
		dst[n - 1] = s[n - 1];
		if (s[n - 1] >= 'A' && s[n - 1] <= 'Z')
			dst[n - 1] = s[n - 1] - 'A' + 'a';
	}
	return (0);
}

static int
when_isdigit(char c)
{
	return (c >= '0' && c <= '9');
}

/* Reads min to max digits at *pp into *v; -1 if there are too few. */
static int
when_digits(const char **pp, int min, int max, long *v)
{
	const char	*p = *pp;
	int		 n;

	*v = 0;
	for (n = 0; n < max && when_isdigit(*p); n++, p++)
		*v = *v * 10 + (*p - '0');
	if (n < min)
		return (-1);
	*pp = p;
	return (0);
}

/* Local time from its parts, letting mktime() settle DST. */
static time_t
when_mklocal(struct tm *tm)
{
	tm->tm_isdst = -1;
	return (mktime(tm));
}

/* The local time h:m:s, days calendar days after the day of now. */
static time_t
when_day_at(time_t now, long days, int h, int m, int s)
{
	struct tm	tm;

	if (localtime_r(&now, &tm) == NULL)
		return ((time_t)-1);
	tm.tm_mday += (int)days;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = s;
	return (when_mklocal(&tm));
}

static int
when_month_days(long y, long m)
{
	static const int	days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			leap;

	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return (days[m - 1] + (m == 2 && leap));
}

/* Parses H[H]:MM[:SS] at *pp; returns why not, or NULL. */
static const char *
when_clock(const char **pp, int *h, int *m, int *s)
{
	long	v[3] = { 0, 0, 0 };

	if (when_digits(pp, 1, 2, &v[0]) == -1 || **pp != ':')
		return ("expected HH:MM");
	(*pp)++;
	if (when_digits(pp, 2, 2, &v[1]) == -1)
		return ("expected two digits of minutes");
	if (**pp == ':') {
		(*pp)++;
		if (when_digits(pp, 2, 2, &v[2]) == -1)
			return ("expected two digits of seconds");
	}
	if (v[0] > 23 || v[1] > 59 || v[2] > 59)
		return ("time out of range");
	*h = (int)v[0];
	*m = (int)v[1];
	*s = (int)v[2];
	return (NULL);
}

/* Parses a time zone offset: "z", "+HH", "+HHMM" or "+HH:MM". */
static const char *
when_offset(const char *p, long *off)
{
	long	h, m = 0;
	int	sign;

	if (*p == 'z' && p[1] == '\0') {
		*off = 0;
		return (NULL);
	}
	if (*p != '+' && *p != '-')
		return ("expected a time zone offset");
	sign = *p++ == '-' ? -1 : 1;
	if (when_digits(&p, 2, 2, &h) == -1)
		return ("expected a time zone offset");
	if (*p == ':')
		p++;
	if (*p != '\0' && when_digits(&p, 2, 2, &m) == -1)
		return ("expected a time zone offset");
	if (*p != '\0')
		return ("trailing characters");
	if (h > 23 || m > 59)
		return ("time zone offset out of range");
	*off = sign * (h * 3600 + m * 60);
	return (NULL);
}

/* Parses YYYY-MM-DD, then an optional time and offset. */
static const char *
when_parse_iso(const char *p, time_t *out, int *allday)
{
	struct tm	 tm;
	const char	*why;
	long		 y, mon, d, off;

	memset(&tm, 0, sizeof tm);
	if (when_digits(&p, 4, 4, &y) == -1 || *p++ != '-' ||
	    when_digits(&p, 2, 2, &mon) == -1 || *p++ != '-' ||
	    when_digits(&p, 2, 2, &d) == -1)
		return ("expected YYYY-MM-DD");
	if (y < 1000 || mon < 1 || mon > 12 || d < 1 ||
	    d > when_month_days(y, mon))
		return ("no such date");
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)mon - 1;
	tm.tm_mday = (int)d;
	*allday = *p == '\0';
	if (*p == '\0') {
		*out = when_mklocal(&tm);
		return (NULL);
	}
	if (*p != ' ' && *p != 't')
		return ("expected a time after the date");
	p++;
	if ((why = when_clock(&p, &tm.tm_hour, &tm.tm_min, &tm.tm_sec)) != NULL)
		return (why);
	if (*p == '\0') {
		*out = when_mklocal(&tm);
		return (NULL);
	}
	if ((why = when_offset(p, &off)) != NULL)
		return (why);
	*out = timegm(&tm) - off;
	return (NULL);
}

/* Finds a unit by name; NULL if there is none. */
static const struct when_unit *
when_unit_find(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof when_units / sizeof when_units[0]; i++) {
		if (strlen(when_units[i].name) == len &&
		    strncmp(when_units[i].name, name, len) == 0)
			return (&when_units[i]);
	}
	return (NULL);
}

/* Adds v * u->secs to *secs, or fails if it would overflow. */
static int
when_span_add(const struct when_unit *u, long v, long *days, long *secs)
{
	if (u->days != 0) {
		if (*days > LONG_MAX / 86400 - v * u->days)
			return (-1);
		*days += v * u->days;
	} else {
		if (*secs > LONG_MAX / 2 - v * u->secs)
			return (-1);
		*secs += v * u->secs;
	}
	return (0);
}

/*
 * Parses a span such as "1h30m", "3 days" or a bare number of minutes
 * into calendar days and seconds.  Returns why not, or NULL.
 */
static const char *
when_span(const char *p, long *days, long *secs)
{
	const struct when_unit	*u;
	const char		*name;
	long			 v;

	*days = *secs = 0;
	if (*p == '\0')
		return ("expected a number");
	do {
		if (when_digits(&p, 1, 10, &v) == -1)
			return ("expected a number");
		if (v > WHEN_MAX_NUM)
			return ("number too large");
		while (*p == ' ')
			p++;
		for (name = p; *p >= 'a' && *p <= 'z'; p++)
			/* nothing */;
		if (p == name && *p == '\0' && *days == 0 && *secs == 0)
			u = when_unit_find("m", 1);
		else if ((u = when_unit_find(name, p - name)) == NULL)
			return ("unknown unit (use s, m, h, d or w)");
		if (when_span_add(u, v, days, secs) == -1)
			return ("number too large");
		while (*p == ' ')
			p++;
	} while (*p != '\0');
	return (NULL);
}

/* Parses "+1h30m", "-1d" (p after the sign) or "in 3 days" (after "in "). */
static const char *
when_parse_rel(const char *p, int neg, time_t now, time_t *out)
{
	struct tm	 tm;
	const char	*why;
	long		 days, secs;

	const char	*sp = strrchr(p, ' '), *clock;
	char		 span[64];
	int		 h, m, s;

	/* "+3d 14:30": whole days ahead, at that time of day. */
	if (sp != NULL && strchr(sp, ':') != NULL && (size_t)(sp - p) <
	    sizeof span) {
		memcpy(span, p, sp - p);
		span[sp - p] = '\0';
		clock = sp + 1;
		if ((why = when_span(span, &days, &secs)) != NULL)
			return (why);
		if (secs != 0)
			return ("only whole days go with a time of day");
		if ((why = when_clock(&clock, &h, &m, &s)) != NULL)
			return (why);
		if (*clock != '\0')
			return ("unexpected text after the time");
		if (days > WHEN_MAX_DAYS)
			return ("too far away");
		*out = when_day_at(now, neg ? -days : days, h, m, s);
		return (NULL);
	}
	if ((why = when_span(p, &days, &secs)) != NULL)
		return (why);
	if (days > WHEN_MAX_DAYS || secs / 86400 > WHEN_MAX_DAYS)
		return ("too far away");
	if (neg) {
		days = -days;
		secs = -secs;
	}
	if (days != 0) {
		if (localtime_r(&now, &tm) == NULL)
			return ("out of range");
		tm.tm_mday += (int)days;
		now = when_mklocal(&tm);
	}
	*out = now + secs;
	return (NULL);
}

/* Calendar days from now to the named day; -1 if the name is no day. */
static int
when_word_days(const char *w, size_t len, time_t now, long *days)
{
	static const char	*words[] = { "yesterday", "today", "tomorrow" };
	struct tm		 tm;
	int			 i;

	for (i = 0; i < 3; i++) {
		if (strlen(words[i]) == len && strncmp(w, words[i], len) == 0) {
			*days = i - 1;
			return (0);
		}
	}
	for (i = 0; i < 7 && len >= 3; i++) {
		if (len <= strlen(when_weekdays[i]) &&
		    strncmp(w, when_weekdays[i], len) == 0)
			break;
	}
	if (len < 3 || i == 7 || localtime_r(&now, &tm) == NULL)
		return (-1);
	*days = (i - tm.tm_wday + 7) % 7;
	if (*days == 0)
		*days = 7;
	return (0);
}

/* Parses "now", or a day word optionally followed by " HH:MM". */
static const char *
when_parse_word(const char *p, time_t now, time_t *out, int *allday)
{
	const char	*why;
	size_t		 len;
	long		 days;
	int		 h = 0, m = 0, s = 0;

	if (strcmp(p, "now") == 0) {
		*out = now;
		return (NULL);
	}
	len = strcspn(p, " ");
	if (when_word_days(p, len, now, &days) == -1)
		return ("unknown word");
	for (p += len; *p == ' '; p++)
		/* nothing */;
	*allday = *p == '\0';
	if (*p != '\0') {
		if ((why = when_clock(&p, &h, &m, &s)) != NULL)
			return (why);
		if (*p != '\0')
			return ("trailing characters");
	}
	*out = when_day_at(now, days, h, m, s);
	return (NULL);
}

/* Parses "HH:MM[:SS]": today at that time. */
static const char *
when_parse_today(const char *p, time_t now, time_t *out)
{
	const char	*why;
	int		 h, m, s;

	if ((why = when_clock(&p, &h, &m, &s)) != NULL)
		return (why);
	if (*p != '\0')
		return ("trailing characters");
	*out = when_day_at(now, 0, h, m, s);
	return (NULL);
}

/* Chooses the form by its first characters; returns why not, or NULL. */
static const char *
when_parse_any(const char *p, time_t now, time_t *out, int *allday)
{
	*allday = 0;
	if (*p == '\0')
		return ("empty");
	if (*p == '+' || *p == '-')
		return (when_parse_rel(p + 1, *p == '-', now, out));
	if (strncmp(p, "in ", 3) == 0)
		return (when_parse_rel(p + 3, 0, now, out));
	if (when_isdigit(*p) && strlen(p) >= 5 && p[4] == '-')
		return (when_parse_iso(p, out, allday));
	if (when_isdigit(*p))
		return (when_parse_today(p, now, out));
	return (when_parse_word(p, now, out, allday));
}

int
when_parse(const char *s, time_t now, time_t *out, int *allday,
    struct err *e)
{
	char		 copy[WHEN_MAX_LEN];
	const char	*why = "too long";
	time_t		 t = 0;
	int		 ad = 0;

	if (when_lower(copy, sizeof copy, s) == 0)
		why = when_parse_any(copy, now, &t, &ad);
	if (why == NULL && t == (time_t)-1)
		why = "out of range";
	if (why != NULL) {
		err_set(e, NULL, 0, "bad date or time \"%s\": %s", s, why);
		return (-1);
	}
	*out = t;
	if (allday != NULL)
		*allday = ad;
	return (0);
}

int
when_duration(const char *s, long *secs, struct err *e)
{
	char	copy[WHEN_MAX_LEN];
	long	days, n;

	if (when_lower(copy, sizeof copy, s) == -1 ||
	    when_span(copy, &days, &n) != NULL ||
	    days > (LONG_MAX / 2 - n) / 86400) {
		err_set(e, NULL, 0, "bad duration \"%s\"", s);
		return (-1);
	}
	*secs = days * 86400 + n;
	return (0);
}

const char *
when_duration_format(long secs, char *buf, size_t len)
{
	static const struct {
		char	unit;
		long	secs;
	}		 parts[] = {
		{ 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 }
	};
	char		 tmp[64];
	size_t		 i, n = 0;
	unsigned long	 left;

	if (secs == 0) {
		snprintf(buf, len, "0m");
		return (buf);
	}
	left = secs < 0 ? 0UL - (unsigned long)secs : (unsigned long)secs;
	if (secs < 0)
		tmp[n++] = '-';
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (left / parts[i].secs == 0)
			continue;
		n += snprintf(tmp + n, sizeof tmp - n, "%lu%c",
		    left / parts[i].secs, parts[i].unit);
		left %= parts[i].secs;
	}
	tmp[n] = '\0';
	snprintf(buf, len, "%s", tmp);
	return (buf);
}

const char *
when_format(time_t t, int allday, char *buf, size_t len)
{
	struct tm	tm;

	if (len == 0)
		return (buf);
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, allday ? "%Y-%m-%d" : "%Y-%m-%d %H:%M",
	    &tm) == 0)
		snprintf(buf, len, "?");
	return (buf);
}

const char *
when_format_utc(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (len == 0)
		return (buf);
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
	return (buf);
}

int
when_parse_utc(const char *s, time_t *out, struct err *e)
{
	const char	*p = s;
	struct tm	 tm;
	long		 v[6];
	int		 i;

	for (i = 0; i < 6; i++) {
		if (when_digits(&p, i == 0 ? 4 : 2, i == 0 ? 4 : 2,
		    &v[i]) == -1 || *p++ != "--T::Z"[i])
			break;
	}
	if (i != 6 || *p != '\0' || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
	    v[2] > when_month_days(v[0], v[1]) || v[3] > 23 || v[4] > 59 ||
	    v[5] > 59) {
		err_set(e, NULL, 0, "bad UTC time \"%s\"", s);
		return (-1);
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)v[0] - 1900;
	tm.tm_mon = (int)v[1] - 1;
	tm.tm_mday = (int)v[2];
	tm.tm_hour = (int)v[3];
	tm.tm_min = (int)v[4];
	tm.tm_sec = (int)v[5];
	*out = timegm(&tm);
	return (0);
}

time_t
when_day_start(time_t t)
{
	return (when_day_at(t, 0, 0, 0, 0));
}

time_t
when_add_days(time_t day_start, int n)
{
	return (when_day_at(day_start, n, 0, 0, 0));
}
