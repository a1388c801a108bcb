/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Follow-ups to and from iCalendar, through libical. */
#include "ical.h"

#include <errno.h>
#include <libical/ical.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "activity.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "xmalloc.h"

#define ICAL_PRODID	"-//kith//kith contact manager//EN"

/* The state of one write: zone and the years its times fall in. */
struct ical_out {
	int		 flags;
	const char	*tzid;
	icaltimezone	*zone;
	int		 ymin, ymax;
	int		 forever;	/* a series without end: keep all rules */
};

const char *
ical_local_tzid(void)
{
	/* Static: one answer per process, handed out as a plain string. */
	static char	 name[PATH_MAX];
	const char	*tz = getenv("TZ"), *p;
	char		 link[PATH_MAX];
	ssize_t		 len;
	icaltimezone	*z;

	if (tz != NULL && *tz != '\0') {
		if (*tz == ':')
			tz++;
		p = strstr(tz, "zoneinfo/");
		snprintf(name, sizeof name, "%s", p != NULL ? p + 9 : tz);
	} else if ((len = readlink("/etc/localtime", link,
	    sizeof link - 1)) > 0) {
		link[len] = '\0';
		if ((p = strstr(link, "zoneinfo/")) == NULL)
			return NULL;
		snprintf(name, sizeof name, "%s", p + 9);
	} else
		return NULL;
	z = icaltimezone_get_builtin_timezone(name);
	if (z == NULL || z == icaltimezone_get_utc_timezone())
		return NULL;
	return name;
}

static void
ical_year(struct ical_out *o, int y)
{
	if (o->ymin == 0 || y < o->ymin)
		o->ymin = y;
	if (y > o->ymax)
		o->ymax = y;
}

/* A time property: a DATE, UTC, or local with TZID=plain Olson name. */
static icalproperty *
ical_time(struct ical_out *o, icalproperty_kind kind, time_t t, int allday)
{
	icalproperty		*p;
	struct icaltimetype	 it;
	struct tm		 tm;

	p = icalproperty_new(kind);
	if (allday) {
		localtime_r(&t, &tm);
		it = icaltime_null_date();
		it.year = tm.tm_year + 1900;
		it.month = tm.tm_mon + 1;
		it.day = tm.tm_mday;
		icalproperty_set_value(p, icalvalue_new_date(it));
		ical_year(o, it.year);
		return p;
	}
	if (o->zone == NULL)
		it = icaltime_from_timet_with_zone(t, 0,
		    icaltimezone_get_utc_timezone());
	else {
		it = icaltime_from_timet_with_zone(t, 0, o->zone);
		it.zone = NULL;
		icalproperty_add_parameter(p, icalparameter_new_tzid(o->tzid));
	}
	icalproperty_set_value(p, icalvalue_new_datetime(it));
	ical_year(o, it.year);
	return p;
}

static icalproperty *
ical_stamp(icalproperty_kind kind, time_t t)
{
	icalproperty	*p = icalproperty_new(kind);

	icalproperty_set_value(p, icalvalue_new_datetime(
	    icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone())));
	return p;
}

/* The contact's name, company, phones and e-mails, then the notes. */
static char *
ical_description(const struct ical_item *it)
{
	const struct contact	*c = it->c;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	if (c != NULL) {
		buf_addf(&b, "%s\n", contact_label(c));
		if (c->company != NULL && c->name != NULL)
			buf_addf(&b, "%s\n", c->company);
		for (i = 0; i < c->phones.n; i++)
			buf_addf(&b, "%s: %s\n", c->phones.v[i].type ?
			    c->phones.v[i].type : "phone", c->phones.v[i].text);
		for (i = 0; i < c->emails.n; i++)
			buf_addf(&b, "e-mail: %s\n", c->emails.v[i].text);
	}
	if (it->a->text != NULL)
		buf_addf(&b, "\n%s\n", it->a->text);
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	return buf_detach(&b);
}

static icalcomponent *
ical_alarm(const struct activity *a, const char *summary)
{
	icalcomponent		*v = icalcomponent_new(ICAL_VALARM_COMPONENT);
	struct icaltriggertype	 tr;

	memset(&tr, 0, sizeof tr);
	tr.time = icaltime_null_time();
	tr.duration = icaldurationtype_from_int(-(int)a->alarm);
	icalcomponent_add_property(v, icalproperty_new_action(
	    ICAL_ACTION_DISPLAY));
	icalcomponent_add_property(v, icalproperty_new_trigger(tr));
	icalcomponent_add_property(v, icalproperty_new_description(summary));
	return v;
}

static void
ical_categories(icalcomponent *v, const struct ical_item *it)
{
	size_t	i;

	icalcomponent_add_property(v, icalproperty_new_categories(
	    activity_kind_name(it->a->kind)));
	for (i = 0; it->c != NULL && i < it->c->tags.n; i++)
		icalcomponent_add_property(v, icalproperty_new_categories(
		    it->c->tags.v[i].text));
}

/* The person it is with, so an import finds the contact again. */
static void
ical_attendee(icalcomponent *v, const struct contact *c)
{
	icalproperty	*p;
	char		*to;

	if (c == NULL || c->emails.n == 0)
		return;
	to = xasprintf("mailto:%s", c->emails.v[0].text);
	p = icalproperty_new_attendee(to);
	icalproperty_add_parameter(p, icalparameter_new_cn(contact_label(c)));
	icalcomponent_add_property(v, p);
	free(to);
}

/* When, how long, how often, and whether done. */
static void
ical_times(struct ical_out *o, icalcomponent *v, const struct activity *a,
    int event)
{
	long	dur = a->duration;

	icalcomponent_add_property(v, ical_time(o, ICAL_DTSTART_PROPERTY,
	    a->due, a->allday));
	if (event && (dur > 0 || a->allday))
		icalcomponent_add_property(v, icalproperty_new_duration(
		    icaldurationtype_from_int(dur > 0 ? (int)dur : 86400)));
	else if (!event)
		icalcomponent_add_property(v, ical_time(o, ICAL_DUE_PROPERTY,
		    a->due + (a->allday && dur <= 0 ? 86400 : dur),
		    a->allday));
	if (a->rrule != NULL && !a->done) {
		icalcomponent_add_property(v, icalproperty_new_rrule(
		    icalrecurrencetype_from_string(a->rrule)));
		if (strstr(a->rrule, "UNTIL") == NULL &&
		    strstr(a->rrule, "COUNT") == NULL)
			o->forever = 1;
	}
	if (a->done) {
		icalcomponent_add_property(v, icalproperty_new_status(
		    ICAL_STATUS_COMPLETED));
		icalcomponent_add_property(v, ical_stamp(
		    ICAL_COMPLETED_PROPERTY, a->done_at));
	} else if (!event)
		icalcomponent_add_property(v, icalproperty_new_status(
		    ICAL_STATUS_NEEDSACTION));
}

static icalcomponent *
ical_component(struct ical_out *o, const struct ical_item *it)
{
	const struct activity	*a = it->a;
	icalcomponent		*v;
	char			*desc, *sum, uid[64];
	int			 event;

	event = !a->done && (a->kind == ACTIVITY_MEETING ||
	    (o->flags & ICAL_EVENTS));
	v = icalcomponent_new(event ? ICAL_VEVENT_COMPONENT :
	    ICAL_VTODO_COMPONENT);
	snprintf(uid, sizeof uid, "kith-a%llu@kith",
	    (unsigned long long)a->id);
	icalcomponent_add_property(v, icalproperty_new_uid(a->uid != NULL ?
	    a->uid : uid));
	icalcomponent_add_property(v, ical_stamp(ICAL_DTSTAMP_PROPERTY,
	    a->updated));
	icalcomponent_add_property(v, ical_stamp(ICAL_CREATED_PROPERTY,
	    a->created));
	icalcomponent_add_property(v, ical_stamp(ICAL_LASTMODIFIED_PROPERTY,
	    a->updated));
	icalcomponent_add_property(v, icalproperty_new_sequence(
	    a->rev > 0 ? (int)a->rev - 1 : 0));
	if (a->subject != NULL && *a->subject != '\0')
		sum = xstrdup(a->subject);
	else
		sum = xasprintf("%s %s", activity_kind_name(a->kind),
		    it->c != NULL ? contact_label(it->c) : "");
	icalcomponent_add_property(v, icalproperty_new_summary(sum));
	desc = ical_description(it);
	if (*desc != '\0')
		icalcomponent_add_property(v,
		    icalproperty_new_description(desc));
	free(desc);
	ical_times(o, v, a, event);
	if (a->priority > 0)
		icalcomponent_add_property(v, icalproperty_new_priority(
		    (int)a->priority));
	ical_categories(v, it);
	ical_attendee(v, it->c);
	if (a->alarm != ACTIVITY_NO_ALARM && !a->done)
		icalcomponent_add_component(v, ical_alarm(a, sum));
	free(sum);
	return v;
}

/* The zone's VTIMEZONE under its plain name, trimmed to the years used. */
static icalcomponent *
ical_vtimezone(struct ical_out *o)
{
	icalcomponent		*tz;
	icalproperty		*p;
	struct icaltimetype	 from, to;

	tz = icalcomponent_new_clone(icaltimezone_get_component(o->zone));
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
	return tz;
}

int
ical_write(FILE *f, const struct ical_item *v, size_t n, int flags,
    const char *tzid, struct err *e)
{
	struct ical_out	  o;
	icalcomponent	 *cal, **items;
	size_t		  i;
	char		 *s;
	int		  rc = 0;

	memset(&o, 0, sizeof o);
	o.flags = flags;
	if (!(flags & ICAL_UTC) && tzid != NULL &&
	    (o.zone = icaltimezone_get_builtin_timezone(tzid)) == NULL) {
		err_set(e, NULL, 0, "unknown time zone \"%s\" (give an Olson "
		    "name such as Europe/Copenhagen)", tzid);
		return -1;
	}
	o.tzid = o.zone != NULL ? tzid : NULL;
	cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid(ICAL_PRODID));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	/* Items first, for the years; the VTIMEZONE goes before them. */
	items = xreallocarray(NULL, n + 1, sizeof *items);
	for (i = 0; i < n; i++)
		items[i] = ical_component(&o, &v[i]);
	if (o.zone != NULL && o.ymin != 0)
		icalcomponent_add_component(cal, ical_vtimezone(&o));
	for (i = 0; i < n; i++)
		icalcomponent_add_component(cal, items[i]);
	free(items);
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (fputs(s, f) == EOF || fflush(f) == EOF) {
		err_set(e, NULL, 0, "writing iCalendar: %s", strerror(errno));
		rc = -1;
	}
	free(s);
	return rc;
}

/* Reading. */
struct ical_in {
	const char	*name;
	icalcomponent	*root;
	int		 line;		/* of the component being read */
	struct err	*e;
};

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
ical_check_line(const char *name, const struct ical_line *l, struct err *e)
{
	icalproperty_kind	 kind;
	icalproperty		*p;
	char			 prop[64];
	size_t			 len = strcspn(l->text, ";:");

	if (len >= sizeof prop || strncasecmp(l->text, "BEGIN:", 6) == 0 ||
	    strncasecmp(l->text, "END:", 4) == 0)
		return 0;
	memcpy(prop, l->text, len);
	prop[len] = '\0';
	kind = icalproperty_string_to_kind(prop);
	if (kind == ICAL_NO_PROPERTY || kind == ICAL_X_PROPERTY)
		return 0;
	icalerror_clear_errno();
	if ((p = icalproperty_new_from_string(l->text)) == NULL) {
		icalerror_clear_errno();
		err_set(e, name, l->line, "not iCalendar: bad %s value \"%.60s\"",
		    prop, l->text + len + strcspn(l->text + len, ":") + 1);
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

/* The scanned lines, checked one by one, then joined for libical. */
static icalcomponent *
ical_parse(const char *name, struct ical_line *l, size_t n, int **begins,
    size_t *nbegins, struct err *e)
{
	struct buf	 b = BUF_INIT;
	icalcomponent	*root;
	size_t		 i;

	*begins = NULL;
	*nbegins = 0;
	for (i = 0; i < n; i++) {
		if (ical_check_line(name, &l[i], e) != 0) {
			buf_free(&b);
			return NULL;
		}
		if (strcasecmp(l[i].text, "BEGIN:VTODO") == 0 ||
		    strcasecmp(l[i].text, "BEGIN:VEVENT") == 0) {
			*begins = xreallocarray(*begins, *nbegins + 1,
			    sizeof **begins);
			(*begins)[(*nbegins)++] = l[i].line;
		}
		buf_addf(&b, "%s\r\n", l[i].text);
	}
	root = icalparser_parse_string(buf_str(&b));
	buf_free(&b);
	if (root == NULL)
		err_set(e, name, l[0].line, "not iCalendar");
	return root;
}

/* The VTODOs and VEVENTs of root, in file order. */
static int
ical_read_items(struct ical_in *in, const int *begins, size_t nbegins,
    struct ical_entry **out, size_t *n)
{
	icalcomponent		*c;
	icalcomponent_kind	 k;
	struct ical_entry	*v = NULL;
	size_t			 i = 0;
	int			 rc = 0;

	for (c = icalcomponent_get_first_component(in->root,
	    ICAL_ANY_COMPONENT); c != NULL && rc == 0;
	    c = icalcomponent_get_next_component(in->root,
	    ICAL_ANY_COMPONENT)) {
		k = icalcomponent_isa(c);
		if (k != ICAL_VTODO_COMPONENT && k != ICAL_VEVENT_COMPONENT)
			continue;
		in->line = i < nbegins ? begins[i] : 0;
		v = xreallocarray(v, i + 1, sizeof *v);
		memset(&v[i], 0, sizeof v[i]);
		rc = ical_read_one(in, c, &v[i]);
		i++;
	}
	if (rc != 0) {
		ical_entries_free(v, i);
		return -1;
	}
	*out = v;
	*n = i;
	return 0;
}

int
ical_read(FILE *f, const char *name, struct ical_entry **out, size_t *n,
    struct err *e)
{
	struct ical_in		 in;
	struct ical_line	*l;
	size_t			 nl, nb;
	int			*begins, rc;

	*out = NULL;
	*n = 0;
	if (ical_scan(f, name, &l, &nl, e) != 0)
		return -1;
	memset(&in, 0, sizeof in);
	in.name = name;
	in.e = e;
	in.root = ical_parse(name, l, nl, &begins, &nb, e);
	ical_lines_free(l, nl);
	if (in.root == NULL) {
		free(begins);
		return -1;
	}
	rc = ical_read_items(&in, begins, nb, out, n);
	icalcomponent_free(in.root);
	free(begins);
	return rc;
}
