/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ticket.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "record.h"
#include "when.h"
#include "xmalloc.h"

#define F(n, tag, type, member, flags, check, help) \
	{ n, tag, type, offsetof(struct ticket, member), flags, check, help }

/* Tags are forever: never renumber, only add. */
const struct field_def ticket_fields[] = {
	F("contact", 1, FIELD_ID, contact, FIELD_RO, CHECK_NONE, "the contact"),
	F("subject", 2, FIELD_TEXT, subject, 0, CHECK_NONE, "what it is about"),
	F("description", 3, FIELD_TEXT, description, 0, CHECK_NONE,
	    "the request in full"),
	F("status", 4, FIELD_TEXT, status, FIELD_RO, CHECK_NONE,
	    "open, waiting, resolved or closed"),
	F("priority", 5, FIELD_NUM, priority, 0, CHECK_NONE,
	    "1 high .. 9 low, 0 none"),
	F("opened", 6, FIELD_TIME, opened, FIELD_RO, CHECK_NONE, "opened at"),
	F("resolved", 7, FIELD_TIME, resolved, FIELD_RO, CHECK_NONE,
	    "resolved at"),
	F("owner", 8, FIELD_TEXT, owner, 0, CHECK_OWNER, "owning user"),
	F("notes", 9, FIELD_LIST, notes, FIELD_RO, CHECK_NONE,
	    "the thread of notes"),
	F("created", 10, FIELD_TIME, created, FIELD_RO, CHECK_NONE, NULL),
	F("created-by", 11, FIELD_TEXT, created_by, FIELD_RO, CHECK_NONE,
	    NULL),
	F("updated", 12, FIELD_TIME, updated, FIELD_RO, CHECK_NONE, NULL),
	F("updated-by", 13, FIELD_TEXT, updated_by, FIELD_RO, CHECK_NONE,
	    NULL),
	F("rev", 14, FIELD_ID, rev, FIELD_RO | FIELD_HIDDEN, CHECK_NONE, NULL),
};
const size_t ticket_nfields = sizeof ticket_fields / sizeof ticket_fields[0];

const char *const ticket_statuses[] = {
	"open", "waiting", "resolved", "closed", NULL
};

struct ticket *
ticket_new(void)
{
	return xcalloc(1, sizeof(struct ticket));
}

void
ticket_free(struct ticket *k)
{
	if (k == NULL)
		return;
	field_free(ticket_fields, ticket_nfields, k);
	record_free(k->extra);
	free(k);
}

void
ticket_array_free(struct ticket **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		ticket_free(v[i]);
	free(v);
}

void
ticket_encode(const struct ticket *k, struct buf *out)
{
	field_encode(ticket_fields, ticket_nfields, k, k->extra, out);
}

struct ticket *
ticket_decode(const void *data, size_t len, struct err *e)
{
	struct ticket	*k = ticket_new();

	if (field_decode(ticket_fields, ticket_nfields, k, &k->extra, data,
	    len, e) != 0) {
		ticket_free(k);
		return NULL;
	}
	return k;
}

int
ticket_status_of(const struct ticket *k)
{
	int	i;

	for (i = 0; k->status != NULL && i < TICKET_NSTATUS; i++)
		if (strcasecmp(k->status, ticket_statuses[i]) == 0)
			return i;
	return TICKET_OPEN;
}

int
ticket_set_status(struct ticket *k, const char *status, time_t now,
    struct err *e)
{
	int	i;

	for (i = 0; i < TICKET_NSTATUS; i++)
		if (strcasecmp(status, ticket_statuses[i]) == 0)
			break;
	if (i == TICKET_NSTATUS) {
		err_set(e, NULL, 0, "status: \"%s\" is not open, waiting, "
		    "resolved or closed", status);
		return -1;
	}
	free(k->status);
	k->status = xstrdup(ticket_statuses[i]);
	if (i >= TICKET_RESOLVED && k->resolved == 0)
		k->resolved = now;
	else if (i < TICKET_RESOLVED)
		k->resolved = 0;
	return 0;
}

void
ticket_note(struct ticket *k, const char *user, time_t now, const char *text)
{
	char	ts[32], *type;

	type = xasprintf("%s %s", when_format_utc(now, ts, sizeof ts),
	    user != NULL ? user : "?");
	field_list_add(&k->notes, type, text);
	free(type);
}
