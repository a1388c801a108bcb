/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "activity.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "record.h"
#include "xmalloc.h"

#define F(n, tag, type, member, flags, help) \
	{ n, tag, type, offsetof(struct activity, member), flags, \
	    CHECK_NONE, help }

/* Tags are forever: never renumber, only add. */
const struct field_def activity_fields[] = {
	F("contact", 1, FIELD_ID, contact, FIELD_RO, "the contact"),
	F("kind", 2, FIELD_NUM, kind, FIELD_RO, "call, meeting, ..."),
	F("subject", 3, FIELD_TEXT, subject, 0, "what it is about"),
	F("text", 4, FIELD_TEXT, text, 0, "details"),
	F("result", 5, FIELD_TEXT, result, 0, "outcome"),
	F("owner", 6, FIELD_TEXT, owner, 0, "owning user"),
	F("due", 7, FIELD_TIME, due, FIELD_RO, "due time"),
	F("allday", 8, FIELD_BOOL, allday, FIELD_RO, "a whole day"),
	F("duration", 9, FIELD_NUM, duration, FIELD_RO, "seconds"),
	F("priority", 10, FIELD_NUM, priority, 0, "1 high .. 9 low"),
	F("alarm", 11, FIELD_NUM, alarm, FIELD_RO, "seconds before due"),
	F("rrule", 12, FIELD_TEXT, rrule, FIELD_RO, "recurrence"),
	F("start", 23, FIELD_TIME, start, FIELD_RO, "first occurrence"),
	F("done", 13, FIELD_BOOL, done, FIELD_RO, "completed"),
	F("done-at", 14, FIELD_TIME, done_at, FIELD_RO, "completed at"),
	F("uid", 20, FIELD_TEXT, uid, FIELD_RO, "iCalendar UID"),
	F("alarmed", 21, FIELD_TIME, alarmed, FIELD_RO, NULL),
	F("snoozed", 22, FIELD_TIME, snoozed, FIELD_RO, NULL),
	F("created", 15, FIELD_TIME, created, FIELD_RO, NULL),
	F("created-by", 16, FIELD_TEXT, created_by, FIELD_RO, NULL),
	F("updated", 17, FIELD_TIME, updated, FIELD_RO, NULL),
	F("updated-by", 18, FIELD_TEXT, updated_by, FIELD_RO, NULL),
	F("rev", 19, FIELD_ID, rev, FIELD_RO | FIELD_HIDDEN, NULL),
};
const size_t activity_nfields =
    sizeof activity_fields / sizeof activity_fields[0];

static const char *const activity_kinds[ACTIVITY_NKINDS] = {
	"call", "meeting", "todo", "email", "letter", "note"
};

struct activity *
activity_new(void)
{
	struct activity	*a = xcalloc(1, sizeof *a);

	a->alarm = ACTIVITY_NO_ALARM;
	a->kind = ACTIVITY_CALL;
	return a;
}

void
activity_free(struct activity *a)
{
	if (a == NULL)
		return;
	field_free(activity_fields, activity_nfields, a);
	record_free(a->extra);
	free(a);
}

void
activity_array_free(struct activity **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		activity_free(v[i]);
	free(v);
}

void
activity_encode(const struct activity *a, struct buf *out)
{
	field_encode(activity_fields, activity_nfields, a, a->extra, out);
}

struct activity *
activity_decode(const void *data, size_t len, struct err *e)
{
	struct activity	*a = activity_new();

	if (field_decode(activity_fields, activity_nfields, a, &a->extra,
	    data, len, e) != 0) {
		activity_free(a);
		return NULL;
	}
	return a;
}

struct activity *
activity_copy(const struct activity *a)
{
	struct buf	 b = BUF_INIT;
	struct activity	*copy;

	activity_encode(a, &b);
	copy = activity_decode(b.data, b.len, NULL);
	buf_free(&b);
	if (copy == NULL)
		fatal("activity_copy: own encoding refused");
	copy->id = a->id;
	return copy;
}

const char *
activity_kind_name(long kind)
{
	if (kind < 0 || kind >= ACTIVITY_NKINDS)
		return "activity";
	return activity_kinds[kind];
}

int
activity_kind_parse(const char *s, struct err *e)
{
	int	i;

	for (i = 0; i < ACTIVITY_NKINDS; i++) {
		if (strcasecmp(s, activity_kinds[i]) == 0)
			return i;
	}
	if (strcasecmp(s, "to-do") == 0 || strcasecmp(s, "callback") == 0 ||
	    strcasecmp(s, "call-back") == 0)
		return strcasecmp(s, "to-do") == 0 ? ACTIVITY_TODO :
		    ACTIVITY_CALL;
	if (strcasecmp(s, "mail") == 0 || strcasecmp(s, "e-mail") == 0)
		return ACTIVITY_EMAIL;
	err_set(e, NULL, 0, "unknown activity type \"%s\" (call, meeting, "
	    "todo, email, letter or note)", s);
	return -1;
}

/* Every way to make a follow-up gives it a due time, which may be 0:
 * 1970-01-01 in UTC. */
int
activity_pending(const struct activity *a)
{
	return !a->done;
}

time_t
activity_alarm_time(const struct activity *a)
{
	if (!activity_pending(a) || a->alarm == ACTIVITY_NO_ALARM)
		return 0;
	if (a->snoozed > 0)
		return a->snoozed;
	return a->due - a->alarm;
}
