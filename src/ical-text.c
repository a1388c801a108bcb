/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Follow-ups as iCalendar text: the content lines of one VTODO or VEVENT
 * written directly (RFC 5545 3.1: TEXT escaping, folding at 75 octets,
 * CRLF; RFC 6868 parameter values), in the order and forms libical used
 * to give them.  What needs libical, a time in a zone and the normal form
 * of an RRULE, comes from ical.c; no libical here.
 */
#include "ical.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "buf.h"
#include "contact.h"
#include "ical-int.h"

/* Octets of a content line, the line break not counted (RFC 5545 3.1). */
#define ICAL_FOLD	75

/* A byte TEXT takes as it is: not a control (tab aside), not one of the
 * three that take a backslash. */
#define ICAL_PLAIN(ch)	(((ch) >= 0x20 && (ch) != 0x7f && (ch) != '\\' && \
			    (ch) != ';' && (ch) != ',') || (ch) == '\t')

void
ical_text_fold(struct buf *line, struct buf *out)
{
	const char	*s = buf_str(line);
	size_t		 len = line->len, at = 0, room = ICAL_FOLD, cut;

	if (len <= ICAL_FOLD) {		/* most lines */
		buf_add(line, "\r\n", 2);
		buf_add(out, line->data, line->len);
		buf_reset(line);
		return;
	}
	while (len - at > room) {
		cut = at + room;
		while (cut > at && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		if (cut == at)		/* not UTF-8: cut anyway */
			cut = at + room;
		buf_add(out, s + at, cut - at);
		buf_add(out, "\r\n ", 3);
		at = cut;
		room = ICAL_FOLD - 1;	/* the leading space counts */
	}
	buf_add(out, s + at, len - at);
	buf_add(out, "\r\n", 2);
	buf_reset(line);
}

void
ical_text_escape(struct buf *b, const char *s, size_t len)
{
	size_t		i, run = 0;
	unsigned char	ch;
	char		esc[2] = { '\\', 0 };

	for (i = 0; i < len; i++) {
		ch = (unsigned char)s[i];
		if (ICAL_PLAIN(ch))
			continue;
		buf_add(b, s + run, i - run);
		run = i + 1;
		if (ch == '\n')
			buf_add(b, "\\n", 2);
		else if (ch == '\\' || ch == ';' || ch == ',') {
			esc[1] = (char)ch;
			buf_add(b, esc, 2);
		}			/* other controls are dropped */
	}
	buf_add(b, s + run, len - run);
}

/* A caret is doubled only where a reader would take it for the start of
 * an RFC 6868 escape; readers that know no RFC 6868 then see it too. */
void
ical_text_param(struct buf *b, const char *s)
{
	int		quote = strpbrk(s, ":;,") != NULL;
	const char	*p, *run = s;

	if (quote)
		buf_addc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p >= 0x20 && *p != 0x7f && *p != '"' &&
		    (*p != '^' || strchr("n'^\"\n", p[1]) == NULL ||
		    p[1] == '\0'))
			continue;
		buf_add(b, run, (size_t)(p - run));
		run = p + 1;
		if (*p == '"')
			buf_add(b, "^'", 2);
		else if (*p == '^')
			buf_add(b, "^^", 2);
		else if (*p == '\n')
			buf_add(b, "^n", 2);
		else if (*p == '\t')
			buf_addc(b, '\t');
	}
	buf_add(b, run, (size_t)(p - run));
	if (quote)
		buf_addc(b, '"');
}

static void
ical_num(struct buf *b, long long v)
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
	buf_add(b, d + i, sizeof d - i);
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
ical_datetime(struct buf *b, const struct tm *tm, int date, int utc)
{
	char	s[16];

	ical_pad(s, tm->tm_year + 1900, 4);
	ical_pad(s + 4, tm->tm_mon + 1, 2);
	ical_pad(s + 6, tm->tm_mday, 2);
	if (date) {
		buf_add(b, s, 8);
		return;
	}
	s[8] = 'T';
	ical_pad(s + 9, tm->tm_hour, 2);
	ical_pad(s + 11, tm->tm_min, 2);
	ical_pad(s + 13, tm->tm_sec, 2);
	s[15] = 'Z';
	buf_add(b, s, utc ? 16 : 15);
}

/* A DURATION value as libical writes one: whole weeks as weeks, else
 * days, hours, minutes and seconds; nothing at all as PT0S. */
static void
ical_duration(struct buf *b, long t)
{
	static const char	 unit[] = "DHMS";
	long			 part[4];
	int			 i;

	if (t == 0) {
		buf_add(b, "PT0S", 4);
		return;
	}
	if (t < 0)
		buf_addc(b, '-');
	t = t < 0 ? -t : t;
	buf_addc(b, 'P');
	if (t % (7 * 86400) == 0) {
		ical_num(b, t / (7 * 86400));
		buf_addc(b, 'W');
		return;
	}
	part[0] = t / 86400;
	part[1] = t % 86400 / 3600;
	part[2] = t % 3600 / 60;
	part[3] = t % 60;
	for (i = 0; i < 4; i++) {
		if (i == 1 && t % 86400 != 0)
			buf_addc(b, 'T');
		if (part[i] != 0) {
			ical_num(b, part[i]);
			buf_addc(b, unit[i]);
		}
	}
}

static void
ical_line_name(struct ical_out *o, const char *name)
{
	buf_adds(&o->line, name);
	buf_addc(&o->line, ':');
}

static void
ical_line_end(struct ical_out *o)
{
	ical_text_fold(&o->line, &o->item);
}

static void
ical_put_raw(struct ical_out *o, const char *name, const char *value)
{
	ical_line_name(o, name);
	buf_adds(&o->line, value);
	ical_line_end(o);
}

static void
ical_put_text(struct ical_out *o, const char *name, const char *s)
{
	ical_line_name(o, name);
	ical_text_escape(&o->line, s, strlen(s));
	ical_line_end(o);
}

static void
ical_put_num(struct ical_out *o, const char *name, long long v)
{
	ical_line_name(o, name);
	ical_num(&o->line, v);
	ical_line_end(o);
}

static void
ical_put_duration(struct ical_out *o, const char *name, long t)
{
	ical_line_name(o, name);
	ical_duration(&o->line, t);
	ical_line_end(o);
}

/* t in UTC, by arithmetic on days (gmtime_r takes a lock per call). */
static void
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
	ical_datetime(&o->line, &tm, 0, 1);
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
	buf_adds(&o->line, name);
	if (allday)
		buf_adds(&o->line, ";VALUE=DATE");
	else if (o->zone != NULL) {
		buf_adds(&o->line, ";TZID=");
		ical_text_param(&o->line, o->tzid);
	}
	buf_addc(&o->line, ':');
	ical_datetime(&o->line, &tm, allday, !allday && o->zone == NULL);
	ical_line_end(o);
	if (o->zone != NULL) {
		y = tm.tm_year + 1900;
		if (o->ymin == 0 || y < o->ymin)
			o->ymin = y;
		if (y > o->ymax)
			o->ymax = y;
	}
}

/* The contact's name, company, phones and e-mails, then the notes. */
static void
ical_put_description(struct ical_out *o, const struct ical_item *it)
{
	const struct contact	*c = it->c;
	struct buf		*b = &o->text;
	size_t			 i;

	buf_reset(b);
	if (c != NULL) {
		buf_adds(b, contact_label(c));
		buf_addc(b, '\n');
		if (c->company != NULL && c->name != NULL) {
			buf_adds(b, c->company);
			buf_addc(b, '\n');
		}
		for (i = 0; i < c->phones.n; i++) {
			buf_adds(b, c->phones.v[i].type != NULL ?
			    c->phones.v[i].type : "phone");
			buf_add(b, ": ", 2);
			buf_adds(b, c->phones.v[i].text);
			buf_addc(b, '\n');
		}
		for (i = 0; i < c->emails.n; i++) {
			buf_add(b, "e-mail: ", 8);
			buf_adds(b, c->emails.v[i].text);
			buf_addc(b, '\n');
		}
	}
	if (it->a->text != NULL) {
		buf_addc(b, '\n');
		buf_adds(b, it->a->text);
	}
	while (b->len > 0 && b->data[b->len - 1] == '\n')
		b->len--;
	if (b->len == 0)
		return;
	ical_line_name(o, "DESCRIPTION");
	ical_text_escape(&o->line, b->data, b->len);
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
	buf_adds(&o->line, "ATTENDEE;CN=");
	ical_text_param(&o->line, contact_label(c));
	buf_adds(&o->line, ":mailto:");
	buf_adds(&o->line, c->emails.v[0].text);
	ical_line_end(o);
}

/* The SUMMARY, kept in o->summary for the VALARM. */
static void
ical_put_summary(struct ical_out *o, const struct ical_item *it)
{
	const struct activity	*a = it->a;
	struct buf		*b = &o->summary;

	buf_reset(b);
	if (a->subject != NULL && *a->subject != '\0')
		buf_adds(b, a->subject);
	else {
		buf_adds(b, activity_kind_name(a->kind));
		buf_addc(b, ' ');
		if (it->c != NULL)
			buf_adds(b, contact_label(it->c));
	}
	ical_line_name(o, "SUMMARY");
	ical_text_escape(&o->line, b->data, b->len);
	ical_line_end(o);
}

static void
ical_put_alarm(struct ical_out *o, const struct activity *a)
{
	ical_put_raw(o, "BEGIN", "VALARM");
	ical_put_raw(o, "ACTION", "DISPLAY");
	ical_put_duration(o, "TRIGGER", -a->alarm);
	ical_line_name(o, "DESCRIPTION");
	ical_text_escape(&o->line, o->summary.data, o->summary.len);
	ical_line_end(o);
	ical_put_raw(o, "END", "VALARM");
}

void
ical_text_item(struct ical_out *o, const struct ical_item *it)
{
	const struct activity	*a = it->a;
	const char		*comp;
	char			 uid[64];
	int			 event;

	event = !a->done && (a->kind == ACTIVITY_MEETING ||
	    (o->flags & ICAL_EVENTS));
	comp = event ? "VEVENT" : "VTODO";
	buf_reset(&o->item);
	ical_put_raw(o, "BEGIN", comp);
	snprintf(uid, sizeof uid, "kith-a%llu@kith",
	    (unsigned long long)a->id);
	ical_put_text(o, "UID", a->uid != NULL ? a->uid : uid);
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
