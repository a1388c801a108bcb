/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Follow-ups to iCalendar, through libical: the writer of ical.h (the
 * reader is ical-read.c). */
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

/* The state of one write: where to, zone and the years its times fall
 * in (from ical_out_span, before the VTIMEZONE is written). */
struct ical_out {
	FILE		*f;
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

/* t as written: a DATE, UTC, or local in the zone. */
static struct icaltimetype
ical_local(struct ical_out *o, time_t t, int allday)
{
	struct icaltimetype	 it;
	struct tm		 tm;

	if (allday) {
		localtime_r(&t, &tm);
		it = icaltime_null_date();
		it.year = tm.tm_year + 1900;
		it.month = tm.tm_mon + 1;
		it.day = tm.tm_mday;
	} else if (o->zone == NULL)
		it = icaltime_from_timet_with_zone(t, 0,
		    icaltimezone_get_utc_timezone());
	else {
		it = icaltime_from_timet_with_zone(t, 0, o->zone);
		it.zone = NULL;
	}
	return it;
}

/* A time property: a DATE, UTC, or local with TZID=plain Olson name. */
static icalproperty *
ical_time(struct ical_out *o, icalproperty_kind kind, time_t t, int allday)
{
	icalproperty		*p = icalproperty_new(kind);
	struct icaltimetype	 it = ical_local(o, t, allday);

	if (allday)
		icalproperty_set_value(p, icalvalue_new_date(it));
	else {
		if (o->zone != NULL)
			icalproperty_add_parameter(p,
			    icalparameter_new_tzid(o->tzid));
		icalproperty_set_value(p, icalvalue_new_datetime(it));
	}
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
	if (a->rrule != NULL && !a->done)
		icalcomponent_add_property(v, icalproperty_new_rrule(
		    icalrecurrencetype_from_string(a->rrule)));
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
	free(o);
}

/* The years a's times fall in, as ical_component will write them. */
void
ical_out_years(struct ical_out *o, const struct activity *a,
    struct ical_years *y)
{
	long	dur = a->duration;
	int	event, y1, y2;

	memset(y, 0, sizeof *y);
	if (o->zone == NULL)
		return;
	event = !a->done && (a->kind == ACTIVITY_MEETING ||
	    (o->flags & ICAL_EVENTS));
	y1 = y2 = ical_local(o, a->due, a->allday).year;
	if (!event)
		y2 = ical_local(o, a->due + (a->allday && dur <= 0 ? 86400 :
		    dur), a->allday).year;
	y->lo = y1 < y2 ? y1 : y2;
	y->hi = y1 < y2 ? y2 : y1;
	y->forever = a->rrule != NULL && !a->done &&
	    strstr(a->rrule, "UNTIL") == NULL &&
	    strstr(a->rrule, "COUNT") == NULL;
}

void
ical_out_span(struct ical_out *o, const struct ical_years *y)
{
	if (y->lo == 0)
		return;
	if (o->ymin == 0 || y->lo < o->ymin)
		o->ymin = y->lo;
	if (y->hi > o->ymax)
		o->ymax = y->hi;
	if (y->forever)
		o->forever = 1;
}

static int
ical_out_fail(struct err *e)
{
	err_set(e, NULL, 0, "writing iCalendar: %s", strerror(errno));
	return -1;
}

/* Writes s, which is freed. */
static int
ical_out_put(struct ical_out *o, char *s, struct err *e)
{
	int	rc = fputs(s, o->f);

	free(s);
	return rc == EOF ? ical_out_fail(e) : 0;
}

static int
ical_out_prop(struct ical_out *o, icalproperty *p, struct err *e)
{
	char	*s = icalproperty_as_ical_string_r(p);

	icalproperty_free(p);
	return ical_out_put(o, s, e);
}

static int
ical_out_comp(struct ical_out *o, icalcomponent *c, struct err *e)
{
	char	*s = icalcomponent_as_ical_string_r(c);

	icalcomponent_free(c);
	return ical_out_put(o, s, e);
}

/* The VCALENDAR's head: its properties and the VTIMEZONE. */
int
ical_out_begin(struct ical_out *o, struct err *e)
{
	if (fputs("BEGIN:VCALENDAR\r\n", o->f) == EOF)
		return ical_out_fail(e);
	if (ical_out_prop(o, icalproperty_new_version("2.0"), e) != 0 ||
	    ical_out_prop(o, icalproperty_new_prodid(ICAL_PRODID), e) != 0 ||
	    ical_out_prop(o, icalproperty_new_calscale("GREGORIAN"), e) != 0)
		return -1;
	if (o->zone != NULL && o->ymin != 0)
		return ical_out_comp(o, ical_vtimezone(o), e);
	return 0;
}

int
ical_out_item(struct ical_out *o, const struct ical_item *it, struct err *e)
{
	return ical_out_comp(o, ical_component(o, it), e);
}

int
ical_out_end(struct ical_out *o, struct err *e)
{
	if (fputs("END:VCALENDAR\r\n", o->f) == EOF || fflush(o->f) == EOF)
		return ical_out_fail(e);
	return 0;
}

int
ical_write(FILE *f, const struct ical_item *v, size_t n, int flags,
    const char *tzid, struct err *e)
{
	struct ical_out		*o;
	struct ical_years	 y;
	size_t			 i;
	int			 rc;

	if ((o = ical_out_new(f, flags, tzid, e)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		ical_out_years(o, v[i].a, &y);
		ical_out_span(o, &y);
	}
	rc = ical_out_begin(o, e);
	for (i = 0; i < n && rc == 0; i++)
		rc = ical_out_item(o, &v[i], e);
	if (rc == 0)
		rc = ical_out_end(o, e);
	ical_out_free(o);
	return rc;
}
