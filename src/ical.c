/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Follow-ups to iCalendar: the writer of ical.h.  libical does what it is
 * needed for here: the zones (the local time of an instant, the
 * VTIMEZONE trimmed to the years used) and the normal form of an RRULE;
 * the content lines themselves are written by ical-text.c.  The reader
 * is ical-read.c.
 */
#include "ical.h"

#include <errno.h>
#include <libical/ical.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "ical-int.h"
#include "xmalloc.h"

#define ICAL_PRODID	"-//kith//kith contact manager//EN"
/* Text written out a block at a time. */
#define ICAL_OUT_BLOCK	(128 * 1024)

/* tzdata's other names for UTC: a machine set to one of them (Debian's
 * default is Etc/UTC) gets UTC times, not a zone that never changes. */
static int
ical_is_utc_name(const char *name)
{
	static const char *const utc[] = {
		"UTC", "UCT", "Zulu", "Universal", "GMT", "GMT0", "GMT+0",
		"GMT-0", "Greenwich", "Etc/UTC", "Etc/UCT", "Etc/Zulu",
		"Etc/Universal", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0",
		"Etc/GMT-0", "Etc/Greenwich"
	};
	size_t	i;

	for (i = 0; i < sizeof utc / sizeof utc[0]; i++)
		if (strcmp(name, utc[i]) == 0)
			return 1;
	return 0;
}

const char *
ical_local_tzid(void)
{
	/* Static: one answer per process, handed out as a plain string. */
	static char	 name[PATH_MAX];
	const char	*tz = getenv("TZ"), *p;
	char		 link[PATH_MAX];
	ssize_t		 len;
	icaltimezone	*z;

	if (tz != NULL && *tz == '\0')		/* UTC, to the C library */
		return NULL;
	if (tz != NULL) {
		if (*tz == ':')
			tz++;
		p = strstr(tz, "zoneinfo/");
		p = p != NULL ? p + 9 : tz;
	} else if ((len = readlink("/etc/localtime", link,
	    sizeof link - 1)) > 0) {
		link[len] = '\0';
		if ((p = strstr(link, "zoneinfo/")) == NULL)
			return NULL;
		p += 9;
	} else
		return NULL;
	/* tzdata's posix/ tree holds the same zones under the same names. */
	if (strncmp(p, "posix/", 6) == 0)
		p += 6;
	snprintf(name, sizeof name, "%s", p);
	if (ical_is_utc_name(name))
		return NULL;
	z = icaltimezone_get_builtin_timezone(name);
	if (z == NULL || z == icaltimezone_get_utc_timezone())
		return NULL;
	return name;
}

/* Seconds the zone is ahead of UTC at t. */
static long
ical_zone_offset(struct ical_out *o, time_t t)
{
	struct icaltimetype	it;

	it = icaltime_from_timet_with_zone(t, 0, o->zone);
	it.zone = NULL;
	return (long)(icaltime_as_timet(it) - t);
}

/* t as written: a DATE, UTC, or local in the zone. */
void
ical_civil(struct ical_out *o, time_t t, int allday, struct tm *tm)
{
	struct icaltimetype	it;
	long			day, off;
	size_t			k;

	if (allday || o->zone == NULL) {
		if (allday)
			localtime_r(&t, tm);
		else
			gmtime_r(&t, tm);
		return;
	}
	/* libical finds the offset a time at a time, a fifth of an export
	 * in a zone: a day whose first and last second have the same one
	 * (no change that day) is converted by arithmetic. */
	day = t / 86400 - (t % 86400 < 0);
	k = (size_t)(day % ICAL_DAYS + ICAL_DAYS) % ICAL_DAYS;
	if (o->tz_state[k] == 0 || o->tz_day[k] != day) {
		off = ical_zone_offset(o, (time_t)day * 86400);
		o->tz_day[k] = day;
		o->tz_off[k] = (int)off;
		o->tz_state[k] = off == ical_zone_offset(o,
		    (time_t)day * 86400 + 86399) ? 1 : 2;
	}
	if (o->tz_state[k] == 1) {
		ical_utc(t + o->tz_off[k], tm);
		return;
	}
	it = icaltime_from_timet_with_zone(t, 0, o->zone);
	memset(tm, 0, sizeof *tm);
	tm->tm_year = it.year - 1900;
	tm->tm_mon = it.month - 1;
	tm->tm_mday = it.day;
	tm->tm_hour = it.hour;
	tm->tm_min = it.minute;
	tm->tm_sec = it.second;
}

/* libical parses and writes it again (upper case, its order of parts,
 * no INTERVAL=1); the last few answers are remembered. */
const char *
ical_rrule(struct ical_out *o, const char *rrule)
{
	struct icalrecurrencetype	 r;
	const char			*s = rrule;
	size_t				 i, k;

	for (i = 0; i < ICAL_RRULES && o->rr_in[i] != NULL; i++)
		if (strcmp(o->rr_in[i], rrule) == 0)
			return o->rr_out[i];
	if (strncasecmp(s, "RRULE:", 6) == 0)
		s += 6;
	icalerror_clear_errno();
	r = icalrecurrencetype_from_string(s);
	k = o->rr_next++ % ICAL_RRULES;
	free(o->rr_in[k]);
	free(o->rr_out[k]);
	o->rr_in[k] = xstrdup(rrule);
	o->rr_out[k] = NULL;
	if (r.freq != ICAL_NO_RECURRENCE && icalerrno == ICAL_NO_ERROR)
		o->rr_out[k] = icalrecurrencetype_as_string_r(&r);
	icalerror_clear_errno();
	return o->rr_out[k];
}

/* The zone's VTIMEZONE under its plain name, trimmed to the years used. */
static char *
ical_vtimezone_text(struct ical_out *o)
{
	icalcomponent		*tz;
	icalproperty		*p;
	struct icaltimetype	 from, to;
	char			*s;

	tz = icalcomponent_new_clone(icaltimezone_get_component(
	    (icaltimezone *)o->zone));
	from = icaltime_null_time();
	from.year = o->ymin;
	from.month = from.day = 1;
	from.zone = icaltimezone_get_utc_timezone();
	to = from;
	to.year = o->ymax + 1;
	icaltimezone_truncate_vtimezone(tz, from, o->forever ?
	    icaltime_null_time() : to, 0);
	p = icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY);
	if (p != NULL)
		icalproperty_set_tzid(p, o->tzid);
	while ((p = icalcomponent_get_first_property(tz,
	    ICAL_X_PROPERTY)) != NULL) {
		icalcomponent_remove_property(tz, p);
		icalproperty_free(p);
	}
	s = icalcomponent_as_ical_string_r(tz);
	icalcomponent_free(tz);
	return s;
}

struct ical_out *
ical_out_new(FILE *f, int flags, const char *tzid, struct err *e)
{
	struct ical_out	*o;
	icaltimezone	*zone = NULL;

	if (!(flags & ICAL_UTC) && tzid != NULL &&
	    (zone = icaltimezone_get_builtin_timezone(tzid)) == NULL) {
		err_set(e, NULL, 0, "unknown time zone \"%s\" (give an Olson "
		    "name such as Europe/Copenhagen)", tzid);
		return NULL;
	}
	o = xcalloc(1, sizeof *o);
	o->f = f;
	o->flags = flags;
	o->zone = zone;
	o->tzid = zone != NULL ? tzid : NULL;
	return o;
}

void
ical_out_free(struct ical_out *o)
{
	size_t	i;

	if (o == NULL)
		return;
	if (o->spool != NULL)
		fclose(o->spool);
	for (i = 0; i < ICAL_RRULES; i++) {
		free(o->rr_in[i]);
		free(o->rr_out[i]);
	}
	free(o->ob);
	buf_free(&o->fold);
	buf_free(&o->summary);
	free(o);
}

static int
ical_out_fail(const char *what, struct err *e)
{
	err_set(e, NULL, 0, "%s iCalendar: %s", what, strerror(errno));
	return -1;
}

/* The VCALENDAR's head: its properties, and the VTIMEZONE when the
 * items have times in the zone. */
static int
ical_out_head(struct ical_out *o, struct err *e)
{
	char	*s;
	int	 rc;

	o->begun = 1;
	if (fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" ICAL_PRODID
	    "\r\nCALSCALE:GREGORIAN\r\n", o->f) == EOF)
		return ical_out_fail("writing", e);
	if (o->zone == NULL || o->ymin == 0)
		return 0;
	s = ical_vtimezone_text(o);
	rc = fputs(s, o->f);
	free(s);
	return rc == EOF ? ical_out_fail("writing", e) : 0;
}

/* Without a zone the head goes first and items follow it at once; with
 * one, items wait in a spool file until the years the VTIMEZONE must
 * cover are known, so memory stays flat either way. */
int
ical_out_item(struct ical_out *o, const struct ical_item *it, struct err *e)
{
	FILE	*to = o->f;

	if (o->zone != NULL) {
		if (o->spool == NULL && (o->spool = tmpfile()) == NULL)
			return ical_out_fail("spooling", e);
		to = o->spool;
	} else if (!o->begun && ical_out_head(o, e) != 0)
		return -1;
	ical_text_item(o, it);
	return o->olen >= ICAL_OUT_BLOCK ? ical_out_flush(o, to, e) : 0;
}

int
ical_out_flush(struct ical_out *o, FILE *to, struct err *e)
{
	size_t	n = o->olen;

	o->olen = 0;
	if (n > 0 && fwrite(o->ob, 1, n, to) != n)
		return ical_out_fail(to == o->f ? "writing" : "spooling", e);
	return 0;
}

static int
ical_out_unspool(struct ical_out *o, struct err *e)
{
	char	b[65536];
	size_t	n;
	ssize_t	r;
	loff_t	at = 0;

	if (fflush(o->spool) == EOF || fseek(o->spool, 0, SEEK_SET) != 0)
		return ical_out_fail("spooling", e);
	if (fflush(o->f) == EOF)
		return ical_out_fail("writing", e);
	/* File to file the kernel copies; a pipe takes the loop below. */
	while ((r = copy_file_range(fileno(o->spool), &at, fileno(o->f),
	    NULL, 1 << 30, 0)) > 0)
		;
	if (r < 0 && at > 0)
		return ical_out_fail("writing", e);
	if (at > 0)
		return 0;
	while ((n = fread(b, 1, sizeof b, o->spool)) > 0)
		if (fwrite(b, 1, n, o->f) != n)
			return ical_out_fail("writing", e);
	return ferror(o->spool) ? ical_out_fail("spooling", e) : 0;
}

int
ical_out_end(struct ical_out *o, struct err *e)
{
	if (ical_out_flush(o, o->spool != NULL ? o->spool : o->f, e) != 0)
		return -1;
	if (!o->begun && ical_out_head(o, e) != 0)
		return -1;
	if (o->spool != NULL && ical_out_unspool(o, e) != 0)
		return -1;
	if (fputs("END:VCALENDAR\r\n", o->f) == EOF || fflush(o->f) == EOF)
		return ical_out_fail("writing", e);
	return 0;
}

int
ical_write(FILE *f, const struct ical_item *v, size_t n, int flags,
    const char *tzid, struct err *e)
{
	struct ical_out		*o;
	size_t			 i;
	int			 rc = 0;

	if ((o = ical_out_new(f, flags, tzid, e)) == NULL)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = ical_out_item(o, &v[i], e);
	if (rc == 0)
		rc = ical_out_end(o, e);
	ical_out_free(o);
	return rc;
}
