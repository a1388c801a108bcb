/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Follow-ups from iCalendar, through libical: the reader of ical.h. */
#include "ical.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "activity.h"
#include "buf.h"
#include "err.h"
#include "xmalloc.h"

/* An item whose zone's VTIMEZONE comes later in the file. */
struct ical_later {
	icalcomponent	*c;
	size_t		 i;		/* its place among the entries */
	int		 line;
};

/*
 * The file is read a component at a time: the lines of one component
 * directly inside the VCALENDAR are gathered and parsed by libical alone,
 * read and freed; only the VTIMEZONEs stay, in root, for the times that
 * name them.  Holding every line and libical's tree of the whole file
 * took half a gigabyte for 100 000 items.
 */
struct ical_in {
	const char		*name;
	icalcomponent		*root;		/* the VTIMEZONEs so far */
	int			 line;		/* of the component being read */
	struct err		*e;
	struct buf		 text;		/* the component's lines */
	size_t			*off;		/* where each starts in text */
	int			*lines;		/* and its line in the file */
	size_t			 nl, capl;
	int			 begin;		/* its BEGIN's line; 0: none */
	int			 item;		/* a VTODO or VEVENT */
	struct ical_entry	*v;
	size_t			 n, cap;
	struct ical_later	*later;
	size_t			 nlater;
	ical_take_fn		 fn;
	void			*arg;
};

/* Entries handed over at a time. */
#define ICAL_READ_BATCH	512

/* The entries read so far, handed over unless one still waits. */
static void
ical_hand_over(struct ical_in *in)
{
	if (in->n == 0 || in->nlater > 0)
		return;
	in->fn(in->v, in->n, in->arg);
	in->v = NULL;
	in->n = in->cap = 0;
}

void
ical_entries_free(struct ical_entry *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		activity_free(v[i].a);
		free(v[i].email);
		free(v[i].name);
	}
	free(v);
}

/* libical's parser takes bad values quietly: check each one here. */
static int
ical_check_line(const char *name, const char *text, int line, struct err *e)
{
	icalproperty_kind	 kind;
	icalproperty		*p;
	char			 prop[64];
	size_t			 len = strcspn(text, ";:");

	if (len >= sizeof prop || strncasecmp(text, "BEGIN:", 6) == 0 ||
	    strncasecmp(text, "END:", 4) == 0)
		return 0;
	memcpy(prop, text, len);
	prop[len] = '\0';
	kind = icalproperty_string_to_kind(prop);
	if (kind == ICAL_NO_PROPERTY || kind == ICAL_X_PROPERTY)
		return 0;
	icalerror_clear_errno();
	if ((p = icalproperty_new_from_string(text)) == NULL) {
		icalerror_clear_errno();
		err_set(e, name, line, "not iCalendar: bad %s value \"%.60s\"",
		    prop, text + len + strcspn(text + len, ":") + 1);
		return -1;
	}
	icalproperty_free(p);
	return 0;
}

/* A date or date-time property as a time_t: UTC, TZID, floating, DATE. */
static int
ical_get_time(struct ical_in *in, icalproperty *p, time_t *t, int *allday)
{
	struct icaltimetype	 it = icalvalue_get_datetime(
				    icalproperty_get_value(p));
	icalparameter		*tp;
	icaltimezone		*z = NULL;
	const char		*tzid;
	struct tm		 tm;

	tp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	*allday = it.is_date;
	if (tp != NULL && !it.is_date && !icaltime_is_utc(it)) {
		tzid = icalparameter_get_tzid(tp);
		z = icalcomponent_get_timezone(in->root, tzid);
		if (z == NULL)
			z = icaltimezone_get_builtin_timezone(tzid);
		if (z == NULL)
			z = icaltimezone_get_builtin_timezone_from_tzid(tzid);
		if (z == NULL) {
			err_set(in->e, in->name, in->line, "unknown time zone "
			    "\"%s\" (no VTIMEZONE for it)", tzid);
			return -1;
		}
		*t = icaltime_as_timet_with_zone(it, z);
	} else if (icaltime_is_utc(it))
		*t = icaltime_as_timet(it);
	else {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = it.year - 1900;
		tm.tm_mon = it.month - 1;
		tm.tm_mday = it.day;
		tm.tm_hour = it.is_date ? 0 : it.hour;
		tm.tm_min = it.is_date ? 0 : it.minute;
		tm.tm_sec = it.is_date ? 0 : it.second;
		tm.tm_isdst = -1;
		*t = mktime(&tm);
	}
	return 0;
}

/* The first of a component's properties of a kind, as a time. */
static int
ical_prop_time(struct ical_in *in, icalcomponent *c, icalproperty_kind k,
    time_t *t, int *allday)
{
	icalproperty	*p = icalcomponent_get_first_property(c, k);

	*t = 0;
	if (p == NULL)
		return 0;
	return ical_get_time(in, p, t, allday);
}

/* Due time and duration: DTSTART, else DUE; the length from DUE, DTEND
 * or DURATION.  A to-do without a date is due today. */
static int
ical_read_times(struct ical_in *in, icalcomponent *c, struct activity *a)
{
	time_t		 start, end, enddue;
	int		 ad1 = 0, ad2 = 0, ad3 = 0;
	icalproperty	*p;

	if (ical_prop_time(in, c, ICAL_DTSTART_PROPERTY, &start, &ad1) ||
	    ical_prop_time(in, c, ICAL_DUE_PROPERTY, &enddue, &ad2) ||
	    ical_prop_time(in, c, ICAL_DTEND_PROPERTY, &end, &ad3))
		return -1;
	if (end == 0)
		end = enddue;
	a->due = start != 0 ? start : end;
	a->allday = start != 0 ? ad1 : ad2;
	if (a->due == 0) {
		struct tm	tm;
		time_t		now = time(NULL);

		localtime_r(&now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		a->due = mktime(&tm);
		a->allday = 1;
	}
	p = icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY);
	if (p != NULL)
		a->duration = icaldurationtype_as_int(
		    icalproperty_get_duration(p));
	else if (start != 0 && end > start)
		a->duration = end - start;
	if (a->allday && a->duration == 86400)
		a->duration = 0;
	a->start = a->due;
	return 0;
}

/* Lead time of the first VALARM, relative or absolute. */
static void
ical_read_alarm(icalcomponent *c, struct activity *a)
{
	icalcomponent		*al;
	icalproperty		*p;
	struct icaltriggertype	 tr;

	al = icalcomponent_get_first_component(c, ICAL_VALARM_COMPONENT);
	if (al == NULL || (p = icalcomponent_get_first_property(al,
	    ICAL_TRIGGER_PROPERTY)) == NULL)
		return;
	tr = icalproperty_get_trigger(p);
	if (!icaltime_is_null_time(tr.time))
		a->alarm = a->due - icaltime_as_timet(tr.time);
	else
		a->alarm = -icaldurationtype_as_int(tr.duration);
	if (a->alarm < 0)
		a->alarm = 0;
}

/* Kind from CATEGORIES when one names a kind, else by component. */
static void
ical_read_kind(icalcomponent *c, struct activity *a)
{
	icalproperty	*p;
	int		 k;

	a->kind = icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT ?
	    ACTIVITY_MEETING : ACTIVITY_TODO;
	for (p = icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY);
	    p != NULL; p = icalcomponent_get_next_property(c,
	    ICAL_CATEGORIES_PROPERTY)) {
		if ((k = activity_kind_parse(icalproperty_get_categories(p),
		    NULL)) >= 0) {
			a->kind = k;
			return;
		}
	}
}

static void
ical_read_who(icalcomponent *c, struct ical_entry *en)
{
	icalproperty	*p;
	icalparameter	*cn;
	const char	*v;

	p = icalcomponent_get_first_property(c, ICAL_ATTENDEE_PROPERTY);
	if (p == NULL)
		p = icalcomponent_get_first_property(c,
		    ICAL_ORGANIZER_PROPERTY);
	if (p == NULL)
		return;
	v = icalvalue_get_caladdress(icalproperty_get_value(p));
	if (v != NULL && strncasecmp(v, "mailto:", 7) == 0 && v[7] != '\0')
		en->email = xstrdup(v + 7);
	cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
	if (cn != NULL && icalparameter_get_cn(cn) != NULL)
		en->name = xstrdup(icalparameter_get_cn(cn));
}

static char *
ical_text(icalcomponent *c, icalproperty_kind k)
{
	icalproperty	*p = icalcomponent_get_first_property(c, k);
	const char	*s;

	if (p == NULL || (s = icalvalue_get_text(icalproperty_get_value(p)))
	    == NULL || *s == '\0')
		return NULL;
	return xstrdup(s);
}

static int
ical_read_one(struct ical_in *in, icalcomponent *c, struct ical_entry *en)
{
	struct activity	*a = activity_new();
	icalproperty			*p;
	struct icalrecurrencetype	 rr;
	int				 allday;

	en->a = a;
	en->line = in->line;
	a->alarm = ACTIVITY_NO_ALARM;
	if (ical_read_times(in, c, a) != 0)
		return -1;
	a->uid = ical_text(c, ICAL_UID_PROPERTY);
	a->subject = ical_text(c, ICAL_SUMMARY_PROPERTY);
	a->text = ical_text(c, ICAL_DESCRIPTION_PROPERTY);
	if ((p = icalcomponent_get_first_property(c, ICAL_PRIORITY_PROPERTY)))
		a->priority = icalproperty_get_priority(p);
	if (a->priority < 0 || a->priority > 9)
		a->priority = 0;
	if ((p = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY))) {
		rr = icalproperty_get_rrule(p);
		a->rrule = xstrdup(icalrecurrencetype_as_string(&rr));
	}
	if (icalcomponent_get_status(c) == ICAL_STATUS_COMPLETED ||
	    icalcomponent_get_first_property(c, ICAL_COMPLETED_PROPERTY)) {
		a->done = 1;
		if (ical_prop_time(in, c, ICAL_COMPLETED_PROPERTY,
		    &a->done_at, &allday) != 0)
			return -1;
		if (a->done_at == 0)
			a->done_at = a->due;
	}
	ical_read_kind(c, a);
	ical_read_alarm(c, a);
	ical_read_who(c, en);
	return 0;
}

/* The first line of the component whose value libical refuses, named;
 * 0 when none is. */
static int
ical_check_lines(struct ical_in *in)
{
	struct buf	l = BUF_INIT;
	size_t		i, end;
	int		rc = 0;

	for (i = 0; i < in->nl && rc == 0; i++) {
		end = i + 1 < in->nl ? in->off[i + 1] : in->text.len;
		buf_reset(&l);
		buf_add(&l, in->text.data + in->off[i], end - in->off[i] - 2);
		rc = ical_check_line(in->name, buf_str(&l), in->lines[i],
		    in->e);
	}
	buf_free(&l);
	return rc;
}

/* A line of the component being gathered. */
static void
ical_gather(struct ical_in *in, const char *t, size_t len, int line)
{
	if (in->nl == in->capl) {
		in->capl = in->capl ? 2 * in->capl : 64;
		in->off = xreallocarray(in->off, in->capl, sizeof *in->off);
		in->lines = xreallocarray(in->lines, in->capl,
		    sizeof *in->lines);
	}
	in->off[in->nl] = in->text.len;
	in->lines[in->nl++] = line;
	buf_add(&in->text, t, len);
	buf_add(&in->text, "\r\n", 2);
}

static void
ical_entry_clear(struct ical_entry *en)
{
	activity_free(en->a);
	free(en->email);
	free(en->name);
	memset(en, 0, sizeof *en);
}

/* A VTODO or VEVENT read into the next entry; one whose zone is not
 * known yet waits for the end of the file. */
static int
ical_take(struct ical_in *in, icalcomponent *c)
{
	struct ical_entry	*en;

	if (in->n == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 256;
		in->v = xreallocarray(in->v, in->cap, sizeof *in->v);
	}
	en = &in->v[in->n++];
	memset(en, 0, sizeof *en);
	in->line = in->begin;
	if (ical_read_one(in, c, en) == 0) {
		icalcomponent_free(c);
		if (in->n >= ICAL_READ_BATCH)
			ical_hand_over(in);
		return 0;
	}
	ical_entry_clear(en);
	err_clear(in->e);
	in->later = xreallocarray(in->later, in->nlater + 1,
	    sizeof *in->later);
	in->later[in->nlater].c = c;
	in->later[in->nlater].i = in->n - 1;
	in->later[in->nlater++].line = in->begin;
	return 0;
}

/*
 * The component gathered, parsed once.  libical marks a value it cannot
 * parse with an X-LIC-ERROR and goes on; only then are its lines checked
 * one by one (which parses each again) to name the first bad one.
 */
static int
ical_component(struct ical_in *in)
{
	icalcomponent	*c;

	c = icalparser_parse_string(buf_str(&in->text));
	if (c == NULL || icalcomponent_count_errors(c) > 0) {
		if (ical_check_lines(in) != 0) {
			if (c != NULL)
				icalcomponent_free(c);
			return -1;
		}
		if (c == NULL) {
			err_set(in->e, in->name, in->begin, "not iCalendar");
			return -1;
		}
	}
	if (in->item)
		return ical_take(in, c);
	if (icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT)
		icalcomponent_add_component(in->root, c);
	else
		icalcomponent_free(c);
	return 0;
}

/* Each line from the scanner: gathered into its component, which is
 * read at its END; the calendar's own properties checked alone. */
static int
ical_line(const char *t, size_t len, int line, int depth, void *arg)
{
	struct ical_in	*in = arg;
	int		 rc;

	if (depth == 0)
		return 0;
	if (depth == 1 && in->begin == 0) {
		if (strncasecmp(t, "BEGIN:", 6) != 0)
			return ical_check_line(in->name, t, line, in->e);
		in->begin = line;
		in->item = strcasecmp(t + 6, "VTODO") == 0 ||
		    strcasecmp(t + 6, "VEVENT") == 0;
		buf_reset(&in->text);
		in->nl = 0;
	}
	ical_gather(in, t, len, line);
	if (depth > 1 || strncasecmp(t, "END:", 4) != 0)
		return 0;
	rc = ical_component(in);
	in->begin = 0;
	return rc;
}

/* The items that waited for a VTIMEZONE further on. */
static int
ical_read_later(struct ical_in *in)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < in->nlater; i++) {
		in->line = in->later[i].line;
		if (rc == 0)
			rc = ical_read_one(in, in->later[i].c,
			    &in->v[in->later[i].i]);
		icalcomponent_free(in->later[i].c);
	}
	in->nlater = 0;
	return rc;
}

int
ical_read_each(FILE *f, const char *name, ical_take_fn fn, void *arg,
    struct err *e)
{
	struct ical_in	in;
	size_t		i;
	int		rc;

	memset(&in, 0, sizeof in);
	in.name = name;
	in.e = e;
	in.fn = fn;
	in.arg = arg;
	in.root = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	rc = ical_scan(f, name, ical_line, &in, e);
	if (rc == 0)
		rc = ical_read_later(&in);
	for (i = 0; i < in.nlater; i++)
		icalcomponent_free(in.later[i].c);
	free(in.later);
	in.nlater = 0;
	icalcomponent_free(in.root);
	buf_free(&in.text);
	free(in.off);
	free(in.lines);
	if (rc == 0)
		ical_hand_over(&in);
	else
		ical_entries_free(in.v, in.n);
	return rc;
}

/* ical_read's entries, gathered. */
struct ical_all {
	struct ical_entry	*v;
	size_t			 n;
};

static void
ical_all_take(struct ical_entry *v, size_t n, void *arg)
{
	struct ical_all	*all = arg;

	all->v = xreallocarray(all->v, all->n + n + 1, sizeof *all->v);
	memcpy(all->v + all->n, v, n * sizeof *v);
	all->n += n;
	free(v);
}

int
ical_read(FILE *f, const char *name, struct ical_entry **out, size_t *n,
    struct err *e)
{
	struct ical_all	all = { NULL, 0 };

	*out = NULL;
	*n = 0;
	if (ical_read_each(f, name, ical_all_take, &all, e) != 0) {
		ical_entries_free(all.v, all.n);
		return -1;
	}
	*out = all.v;
	*n = all.n;
	return 0;
}
