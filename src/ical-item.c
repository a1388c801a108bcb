/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One iCalendar component through libical: parsed, its bad line named,
 * and a VTODO or VEVENT read into a follow-up.  Components may be read on
 * several threads at once, each with a context of its own; the zones
 * they share are looked up and used under the context's lock.
 */
#include "ical.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "activity.h"
#include "buf.h"
#include "err.h"
#include "ical-int.h"
#include "xmalloc.h"

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

void
ical_entry_clear(struct ical_entry *en)
{
	activity_free(en->a);
	free(en->email);
	free(en->name);
	memset(en, 0, sizeof *en);
}

/* libical's parser takes bad values quietly: check each one here. */
int
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

/* Whether the file defines tzid before the item: one defined after it
 * counts only once the whole file is read (the item waits till then), as
 * the file is read in order, whichever thread reads the item. */
static int
ical_zone_seen(const struct ical_ctx *x, const char *tzid)
{
	size_t	i;

	for (i = 0; i < x->seen; i++)
		if (strcmp(x->zones->tzid[i], tzid) == 0)
			return 1;
	return 0;
}

/* A date or date-time property as a time_t: UTC, TZID, floating, DATE. */
static int
ical_get_time(struct ical_ctx *x, icalproperty *p, time_t *t, int *allday)
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
		pthread_mutex_lock(&x->zones->mu);	/* filled in as used */
		z = ical_zone_seen(x, tzid) ?
		    icalcomponent_get_timezone(x->zones->root, tzid) : NULL;
		if (z == NULL)
			z = icaltimezone_get_builtin_timezone(tzid);
		if (z == NULL)
			z = icaltimezone_get_builtin_timezone_from_tzid(tzid);
		if (z != NULL)
			*t = icaltime_as_timet_with_zone(it, z);
		pthread_mutex_unlock(&x->zones->mu);
		if (z == NULL) {
			err_set(x->e, x->name, x->line, "unknown time zone "
			    "\"%s\" (no VTIMEZONE for it)", tzid);
			return -1;
		}
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
ical_prop_time(struct ical_ctx *x, icalcomponent *c, icalproperty_kind k,
    time_t *t, int *allday)
{
	icalproperty	*p = icalcomponent_get_first_property(c, k);

	*t = 0;
	if (p == NULL)
		return 0;
	return ical_get_time(x, p, t, allday);
}

/* Due time and duration: DTSTART, else DUE; the length from DUE, DTEND
 * or DURATION.  A to-do without a date is due today. */
static int
ical_read_times(struct ical_ctx *x, icalcomponent *c, struct activity *a)
{
	time_t		 start, end, enddue;
	int		 ad1 = 0, ad2 = 0, ad3 = 0, has_start, has_end;
	icalproperty	*p;

	/* Present or not, not 0: 1970-01-01 in UTC is a time like another. */
	has_start = icalcomponent_get_first_property(c,
	    ICAL_DTSTART_PROPERTY) != NULL;
	has_end = icalcomponent_get_first_property(c,
	    ICAL_DTEND_PROPERTY) != NULL;
	if (ical_prop_time(x, c, ICAL_DTSTART_PROPERTY, &start, &ad1) ||
	    ical_prop_time(x, c, ICAL_DUE_PROPERTY, &enddue, &ad2) ||
	    ical_prop_time(x, c, ICAL_DTEND_PROPERTY, &end, &ad3))
		return -1;
	if (!has_end) {
		end = enddue;
		has_end = icalcomponent_get_first_property(c,
		    ICAL_DUE_PROPERTY) != NULL;
	}
	a->due = has_start ? start : end;
	a->allday = has_start ? ad1 : ad2;
	if (!has_start && !has_end) {
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
	else if (has_start && has_end && end > start)
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

int
ical_read_one(struct ical_ctx *x, icalcomponent *c, struct ical_entry *en)
{
	struct activity	*a = activity_new();
	icalproperty			*p;
	struct icalrecurrencetype	 rr;
	int				 allday;

	en->a = a;
	en->line = x->line;
	a->alarm = ACTIVITY_NO_ALARM;
	if (ical_read_times(x, c, a) != 0)
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
		if (ical_prop_time(x, c, ICAL_COMPLETED_PROPERTY,
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
ical_check_lines(struct ical_ctx *x, const struct ical_lines *l)
{
	struct buf	b = BUF_INIT;
	size_t		i, end;
	int		rc = 0;

	for (i = 0; i < l->n && rc == 0; i++) {
		end = i + 1 < l->n ? l->off[i + 1] : l->len;
		buf_reset(&b);
		buf_add(&b, l->text + l->off[i], end - l->off[i] - 2);
		rc = ical_check_line(x->name, buf_str(&b), l->line[i], x->e);
	}
	buf_free(&b);
	return rc;
}

/*
 * The component parsed once, its lines fed one by one to a parser of its
 * own (icalparser_parse_string would split them again).  libical marks a
 * value it cannot parse with an X-LIC-ERROR and goes on; only then are
 * the lines checked one by one (which parses each again) to name the
 * first bad one.
 */
icalcomponent *
ical_parse(struct ical_ctx *x, const struct ical_lines *l)
{
	icalparser	*p = icalparser_new();
	icalcomponent	*c = NULL;
	struct buf	 b = BUF_INIT;
	size_t		 i, end;

	for (i = 0; i < l->n && c == NULL; i++) {
		end = i + 1 < l->n ? l->off[i + 1] : l->len;
		buf_reset(&b);
		buf_add(&b, l->text + l->off[i], end - l->off[i] - 2);
		c = icalparser_add_line(p, (char *)buf_str(&b));
	}
	if (c == NULL)
		c = icalparser_clean(p);
	icalparser_free(p);
	buf_free(&b);
	if (c == NULL || icalcomponent_count_errors(c) > 0) {
		if (ical_check_lines(x, l) != 0) {
			if (c != NULL)
				icalcomponent_free(c);
			return NULL;
		}
		if (c == NULL)
			err_set(x->e, x->name, x->line, "not iCalendar");
	}
	return c;
}
