/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Follow-ups as iCalendar text: the content lines of one VTODO or VEVENT
 * written directly (RFC 5545 3.1: TEXT escaping, folding at 75 octets,
 * CRLF; RFC 6868 parameter values), in the order and forms libical used
 * to give them.  What needs libical, a time in a zone and the normal form
 * of an RRULE, comes from ical.c; no libical here.
 */
#include "ical.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "buf.h"
#include "contact.h"
#include "ical-int.h"
#include "xmalloc.h"

/* Octets of a content line, the line break not counted (RFC 5545 3.1). */
#define ICAL_FOLD	75

/* A byte TEXT takes as it is: not a control (tab aside), not one of the
 * three that take a backslash.  One load per byte of the longest texts. */
static unsigned char	ical_plain[256];
static pthread_once_t	ical_plain_once = PTHREAD_ONCE_INIT;

static void
ical_plain_init(void)
{
	int	ch;

	for (ch = 0; ch < 256; ch++)
		ical_plain[ch] = (ch >= 0x20 && ch != 0x7f && ch != '\\' &&
		    ch != ';' && ch != ',') || ch == '\t';
}

/*
 * The text goes straight into o->ob, which ical.c writes out a large
 * block at a time: room is made once per piece and the bytes are copied
 * without further checks (a struct buf's checks and terminating NULs
 * were a fifth of an export).
 */
static void
ical_room(struct ical_out *o, size_t n)
{
	if (o->ocap - o->olen >= n)
		return;
	while (o->ocap - o->olen < n)
		o->ocap = o->ocap ? o->ocap * 2 : 64 * 1024;
	o->ob = xrealloc(o->ob, o->ocap);
}

static void
ical_add(struct ical_out *o, const void *p, size_t n)
{
	ical_room(o, n);
	memcpy(o->ob + o->olen, p, n);
	o->olen += n;
}

static void
ical_adds(struct ical_out *o, const char *s)
{
	ical_add(o, s, strlen(s));
}

static void
ical_addc(struct ical_out *o, char c)
{
	ical_room(o, 1);
	o->ob[o->olen++] = c;
}

/* The line from o->lstart folded at 75 octets (never inside a UTF-8
 * character), and ended by CRLF. */
static void
ical_line_end(struct ical_out *o)
{
	const char	*s;
	size_t		 len = o->olen - o->lstart, at = 0, room = ICAL_FOLD;
	size_t		 cut;

	if (len <= ICAL_FOLD) {		/* most lines */
		ical_add(o, "\r\n", 2);
		return;
	}
	buf_reset(&o->fold);
	buf_add(&o->fold, o->ob + o->lstart, len);
	s = o->fold.data;
	o->olen = o->lstart;
	ical_room(o, len + 3 * (len / (ICAL_FOLD - 1) + 1) + 2);
	while (len - at > room) {
		cut = at + room;
		while (cut > at && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		if (cut == at)		/* not UTF-8: cut anyway */
			cut = at + room;
		ical_add(o, s + at, cut - at);
		ical_add(o, "\r\n ", 3);
		at = cut;
		room = ICAL_FOLD - 1;	/* the leading space counts */
	}
	ical_add(o, s + at, len - at);
	ical_add(o, "\r\n", 2);
}

/* s as an escaped TEXT value (RFC 5545 3.3.11). */
static void
ical_escape(struct ical_out *o, const char *s, size_t len)
{
	char		*w;
	size_t		 i, run = 0;
	unsigned char	 ch;

	pthread_once(&ical_plain_once, ical_plain_init);
	ical_room(o, 2 * len);
	w = o->ob + o->olen;
	for (i = 0; i < len; i++) {
		ch = (unsigned char)s[i];
		if (ical_plain[ch])
			continue;
		memcpy(w, s + run, i - run);
		w += i - run;
		run = i + 1;
		if (ch == '\n') {
			*w++ = '\\';
			*w++ = 'n';
		} else if (ch == '\\' || ch == ';' || ch == ',') {
			*w++ = '\\';
			*w++ = (char)ch;
		}			/* other controls are dropped */
	}
	memcpy(w, s + run, len - run);
	w += len - run;
	o->olen = (size_t)(w - o->ob);
}

/* s as a parameter value: quoted when it must be, RFC 6868 carets.  A
 * caret is doubled only where a reader would take it for the start of an
 * escape; readers that know no RFC 6868 then see it too. */
static void
ical_param(struct ical_out *o, const char *s)
{
	int		quote = strpbrk(s, ":;,") != NULL;
	const char	*p, *run = s;

	if (quote)
		ical_addc(o, '"');
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p >= 0x20 && *p != 0x7f && *p != '"' &&
		    (*p != '^' || strchr("n'^\"\n", p[1]) == NULL ||
		    p[1] == '\0'))
			continue;
		ical_add(o, run, (size_t)(p - run));
		run = p + 1;
		if (*p == '"')
			ical_add(o, "^'", 2);
		else if (*p == '^')
			ical_add(o, "^^", 2);
		else if (*p == '\n')
			ical_add(o, "^n", 2);
		else if (*p == '\t')
			ical_addc(o, '\t');
	}
	ical_add(o, run, (size_t)(p - run));
	if (quote)
		ical_addc(o, '"');
}

static void
ical_num(struct ical_out *o, long long v)
{
	char			d[24];
	size_t			i = sizeof d;
	unsigned long long	u = v < 0 ? -(unsigned long long)v :
				    (unsigned long long)v;

	do {
		d[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		d[--i] = '-';
	ical_add(o, d + i, sizeof d - i);
}

static void
ical_pad(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + (v < 0 ? 0 : v % 10));
		v /= 10;
	}
}

/* YYYYMMDD, or YYYYMMDDTHHMMSS with Z when in UTC. */
static void
ical_datetime(struct ical_out *o, const struct tm *tm, int date, int utc)
{
	char	s[16];

	ical_pad(s, tm->tm_year + 1900, 4);
	ical_pad(s + 4, tm->tm_mon + 1, 2);
	ical_pad(s + 6, tm->tm_mday, 2);
	if (date) {
		ical_add(o, s, 8);
		return;
	}
	s[8] = 'T';
	ical_pad(s + 9, tm->tm_hour, 2);
	ical_pad(s + 11, tm->tm_min, 2);
	ical_pad(s + 13, tm->tm_sec, 2);
	s[15] = 'Z';
	ical_add(o, s, utc ? 16 : 15);
}

/* A DURATION value as libical writes one: whole weeks as weeks, else
 * days, hours, minutes and seconds; nothing at all as PT0S. */
static void
ical_duration(struct ical_out *o, long t)
{
	static const char	 unit[] = "DHMS";
	long			 part[4];
	int			 i;

	if (t == 0) {
		ical_add(o, "PT0S", 4);
		return;
	}
	if (t < 0)
		ical_addc(o, '-');
	t = t < 0 ? -t : t;
	ical_addc(o, 'P');
	if (t % (7 * 86400) == 0) {
		ical_num(o, t / (7 * 86400));
		ical_addc(o, 'W');
		return;
	}
	part[0] = t / 86400;
	part[1] = t % 86400 / 3600;
	part[2] = t % 3600 / 60;
	part[3] = t % 60;
	for (i = 0; i < 4; i++) {
		if (i == 1 && t % 86400 != 0)
			ical_addc(o, 'T');
		if (part[i] != 0) {
			ical_num(o, part[i]);
			ical_addc(o, unit[i]);
		}
	}
}

static void
ical_line_name(struct ical_out *o, const char *name)
{
	o->lstart = o->olen;
	ical_adds(o, name);
	ical_addc(o, ':');
}

static void
ical_put_raw(struct ical_out *o, const char *name, const char *value)
{
	ical_line_name(o, name);
	ical_adds(o, value);
	ical_line_end(o);
}

static void
ical_put_text(struct ical_out *o, const char *name, const char *s)
{
	ical_line_name(o, name);
	ical_escape(o, s, strlen(s));
	ical_line_end(o);
}

static void
ical_put_num(struct ical_out *o, const char *name, long long v)
{
	ical_line_name(o, name);
	ical_num(o, v);
	ical_line_end(o);
}

static void
ical_put_duration(struct ical_out *o, const char *name, long t)
{
	ical_line_name(o, name);
	ical_duration(o, t);
	ical_line_end(o);
}

/* t in UTC, by arithmetic on days (gmtime_r takes a lock per call). */
void
ical_utc(time_t t, struct tm *tm)
{
	long long	days = t / 86400, secs = t % 86400, era, doe, yoe, doy;
	long long	mp, y;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	/* Days to a civil date in the proleptic Gregorian calendar, with
	 * years starting in March so that leap days come last. */
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	y = yoe + era * 400;
	memset(tm, 0, sizeof *tm);
	tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->tm_mon = (int)(mp < 10 ? mp + 2 : mp - 10);
	tm->tm_year = (int)(y + (tm->tm_mon <= 1) - 1900);
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs % 3600 / 60);
	tm->tm_sec = (int)(secs % 60);
}

static void
ical_put_stamp(struct ical_out *o, const char *name, time_t t)
{
	struct tm	tm;

	ical_utc(t, &tm);
	ical_line_name(o, name);
	ical_datetime(o, &tm, 0, 1);
	ical_line_end(o);
}

/* A DATE, a UTC time, or a local one with TZID; the zone's years
 * follow the times written. */
static void
ical_put_time(struct ical_out *o, const char *name, time_t t, int allday)
{
	struct tm	tm;
	int		y;

	if (!allday && o->zone == NULL)
		ical_utc(t, &tm);
	else
		ical_civil(o, t, allday, &tm);
	o->lstart = o->olen;
	ical_adds(o, name);
	if (allday)
		ical_add(o, ";VALUE=DATE", 11);
	else if (o->zone != NULL) {
		ical_add(o, ";TZID=", 6);
		ical_param(o, o->tzid);
	}
	ical_addc(o, ':');
	ical_datetime(o, &tm, allday, !allday && o->zone == NULL);
	ical_line_end(o);
	if (o->zone != NULL) {
		y = tm.tm_year + 1900;
		if (o->ymin == 0 || y < o->ymin)
			o->ymin = y;
		if (y > o->ymax)
			o->ymax = y;
	}
}

/*
 * A piece of the DESCRIPTION, escaped; *keep moves to the end of what is
 * written up to its last byte that is not a newline, so that newlines at
 * the end of the whole are left out.
 */
static void
ical_desc_add(struct ical_out *o, const char *s, size_t len, size_t *keep)
{
	size_t	last = len;

	while (last > 0 && s[last - 1] == '\n')
		last--;
	if (last > 0) {
		ical_escape(o, s, last);
		*keep = o->olen;
	}
	ical_escape(o, s + last, len - last);
}

static void
ical_desc_adds(struct ical_out *o, const char *s, size_t *keep)
{
	ical_desc_add(o, s, strlen(s), keep);
}

/* The contact's name, company, phones and e-mails, then the notes. */
static void
ical_put_description(struct ical_out *o, const struct ical_item *it)
{
	const struct contact	*c = it->c;
	size_t			 i, keep;

	ical_line_name(o, "DESCRIPTION");
	keep = o->olen;
	if (c != NULL) {
		ical_desc_adds(o, contact_label(c), &keep);
		ical_desc_add(o, "\n", 1, &keep);
		if (c->company != NULL && c->name != NULL) {
			ical_desc_adds(o, c->company, &keep);
			ical_desc_add(o, "\n", 1, &keep);
		}
		for (i = 0; i < c->phones.n; i++) {
			ical_desc_adds(o, c->phones.v[i].type != NULL ?
			    c->phones.v[i].type : "phone", &keep);
			ical_desc_add(o, ": ", 2, &keep);
			ical_desc_adds(o, c->phones.v[i].text, &keep);
			ical_desc_add(o, "\n", 1, &keep);
		}
		for (i = 0; i < c->emails.n; i++) {
			ical_desc_add(o, "e-mail: ", 8, &keep);
			ical_desc_adds(o, c->emails.v[i].text, &keep);
			ical_desc_add(o, "\n", 1, &keep);
		}
	}
	if (it->a->text != NULL) {
		ical_desc_add(o, "\n", 1, &keep);
		ical_desc_adds(o, it->a->text, &keep);
	}
	if (keep == o->lstart + 12) {	/* nothing but newlines */
		o->olen = o->lstart;
		return;
	}
	o->olen = keep;
	ical_line_end(o);
}

/* When, how long, how often, and whether done. */
static void
ical_put_times(struct ical_out *o, const struct activity *a, int event)
{
	long		 dur = a->duration;
	const char	*rr;

	ical_put_time(o, "DTSTART", a->due, a->allday);
	if (event && (dur > 0 || a->allday))
		ical_put_duration(o, "DURATION", dur > 0 ? dur : 86400);
	else if (!event)
		ical_put_time(o, "DUE", a->due + (a->allday && dur <= 0 ?
		    86400 : dur), a->allday);
	if (a->rrule != NULL && !a->done &&
	    (rr = ical_rrule(o, a->rrule)) != NULL) {
		ical_put_raw(o, "RRULE", rr);
		if (strstr(a->rrule, "UNTIL") == NULL &&
		    strstr(a->rrule, "COUNT") == NULL)
			o->forever = 1;
	}
	if (a->done) {
		ical_put_raw(o, "STATUS", "COMPLETED");
		ical_put_stamp(o, "COMPLETED", a->done_at);
	} else if (!event)
		ical_put_raw(o, "STATUS", "NEEDS-ACTION");
}

/* Kind and tags as CATEGORIES, whom it is with as ATTENDEE. */
static void
ical_put_who(struct ical_out *o, const struct ical_item *it)
{
	const struct contact	*c = it->c;
	size_t			 i;

	ical_put_text(o, "CATEGORIES", activity_kind_name(it->a->kind));
	for (i = 0; c != NULL && i < c->tags.n; i++)
		ical_put_text(o, "CATEGORIES", c->tags.v[i].text);
	if (c == NULL || c->emails.n == 0)
		return;
	o->lstart = o->olen;
	ical_add(o, "ATTENDEE;CN=", 12);
	ical_param(o, contact_label(c));
	ical_add(o, ":mailto:", 8);
	ical_adds(o, c->emails.v[0].text);
	ical_line_end(o);
}

/* The SUMMARY, kept escaped in o->summary for the VALARM. */
static void
ical_put_summary(struct ical_out *o, const struct ical_item *it)
{
	const struct activity	*a = it->a;
	size_t			 at;

	ical_line_name(o, "SUMMARY");
	at = o->olen;
	if (a->subject != NULL && *a->subject != '\0')
		ical_escape(o, a->subject, strlen(a->subject));
	else {
		ical_adds(o, activity_kind_name(a->kind));
		ical_addc(o, ' ');
		if (it->c != NULL)
			ical_escape(o, contact_label(it->c),
			    strlen(contact_label(it->c)));
	}
	buf_reset(&o->summary);
	buf_add(&o->summary, o->ob + at, o->olen - at);
	ical_line_end(o);
}

static void
ical_put_alarm(struct ical_out *o, const struct activity *a)
{
	ical_put_raw(o, "BEGIN", "VALARM");
	ical_put_raw(o, "ACTION", "DISPLAY");
	ical_put_duration(o, "TRIGGER", -a->alarm);
	ical_line_name(o, "DESCRIPTION");
	ical_add(o, o->summary.data, o->summary.len);
	ical_line_end(o);
	ical_put_raw(o, "END", "VALARM");
}

/* The UID kith makes for an activity without one. */
static void
ical_put_uid(struct ical_out *o, const struct activity *a)
{
	if (a->uid != NULL) {
		ical_put_text(o, "UID", a->uid);
		return;
	}
	ical_line_name(o, "UID");
	ical_add(o, "kith-a", 6);
	ical_num(o, (long long)a->id);
	ical_add(o, "@kith", 5);
	ical_line_end(o);
}

void
ical_text_item(struct ical_out *o, const struct ical_item *it)
{
	const struct activity	*a = it->a;
	const char		*comp;
	int			 event;

	event = !a->done && (a->kind == ACTIVITY_MEETING ||
	    (o->flags & ICAL_EVENTS));
	comp = event ? "VEVENT" : "VTODO";
	ical_put_raw(o, "BEGIN", comp);
	ical_put_uid(o, a);
	ical_put_stamp(o, "DTSTAMP", a->updated);
	ical_put_stamp(o, "CREATED", a->created);
	ical_put_stamp(o, "LAST-MODIFIED", a->updated);
	ical_put_num(o, "SEQUENCE", a->rev > 0 ? (long long)a->rev - 1 : 0);
	ical_put_summary(o, it);
	ical_put_description(o, it);
	ical_put_times(o, a, event);
	if (a->priority > 0)
		ical_put_num(o, "PRIORITY", a->priority);
	ical_put_who(o, it);
	if (a->alarm != ACTIVITY_NO_ALARM && !a->done)
		ical_put_alarm(o, a);
	ical_put_raw(o, "END", comp);
}
