/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "audit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "buf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "field.h"
#include "record.h"
#include "ticket.h"
#include "when.h"
#include "xmalloc.h"

struct audit_kind {
	char			 kind;
	const struct field_def	*defs;
	const size_t		*n;
	size_t			 size;
};

static const struct audit_kind audit_kinds[] = {
	{ 'c', contact_fields, &contact_nfields, sizeof(struct contact) },
	{ 'a', activity_fields, &activity_nfields, sizeof(struct activity) },
	{ 'd', deal_fields, &deal_nfields, sizeof(struct deal) },
	{ 'k', ticket_fields, &ticket_nfields, sizeof(struct ticket) },
};

/* Stamps every save changes: not worth a line of history each. */
static const char *const audit_quiet[] = {
	"rev", "created", "created-by", "updated", "updated-by",
	"last-contact", "alarmed", "snoozed", "uid", NULL
};

static int
audit_is_quiet(const char *name)
{
	size_t	i;

	for (i = 0; audit_quiet[i] != NULL; i++)
		if (strcmp(audit_quiet[i], name) == 0)
			return 1;
	return 0;
}

/* A field's value as text: times local, user fields as NAME: VALUE. */
static char *
audit_text(const struct field_def *d, const void *obj)
{
	const struct field_list	*l;
	struct buf		 b = BUF_INIT;
	time_t			 t;
	char			 ts[64];
	size_t			 i;

	if (d->type == FIELD_TIME) {
		t = *(const time_t *)(const void *)((const char *)obj + d->off);
		return xstrdup(t ? when_format(t, 0, ts, sizeof ts) : "");
	}
	if (d->type != FIELD_USER)
		return field_text(d, obj);
	l = (const void *)((const char *)obj + d->off);
	for (i = 0; i < l->n; i++)
		buf_addf(&b, "%s%s: %s", i ? ", " : "",
		    l->v[i].type ? l->v[i].type : "?", l->v[i].text);
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

static void *
audit_decode(const struct audit_kind *k, const void *data, size_t len,
    struct record **extra, struct err *e)
{
	void	*obj = xcalloc(1, k->size);

	*extra = NULL;
	if (len > 0 && field_decode(k->defs, *k->n, obj, extra, data, len,
	    e) != 0) {
		free(obj);
		return NULL;
	}
	return obj;
}

static void
audit_free(const struct audit_kind *k, void *obj, struct record *extra)
{
	if (obj == NULL)
		return;
	field_free(k->defs, *k->n, obj);
	record_free(extra);
	free(obj);
}

static int
audit_compare(const struct audit_kind *k, const void *a, const void *b,
    audit_change_fn fn, void *arg)
{
	const struct field_def	*d;
	char			*x, *y;
	size_t			 i;
	int			 n = 0;

	for (i = 0; i < *k->n; i++) {
		d = &k->defs[i];
		if (audit_is_quiet(d->name))
			continue;
		x = audit_text(d, a);
		y = audit_text(d, b);
		if (strcmp(x, y) != 0) {
			fn(d->name, x, y, arg);
			n++;
		}
		free(x);
		free(y);
	}
	return n;
}

int
audit_diff(char kind, const void *old, size_t oldlen, const void *new,
    size_t newlen, audit_change_fn fn, void *arg, struct err *e)
{
	const struct audit_kind	*k = NULL;
	struct record		*xa, *xb;
	void			*a, *b = NULL;
	size_t			 i;
	int			 n = -1;

	for (i = 0; i < sizeof audit_kinds / sizeof audit_kinds[0]; i++)
		if (audit_kinds[i].kind == kind)
			k = &audit_kinds[i];
	if (k == NULL) {
		err_set(e, NULL, 0, "audit: unknown kind of record '%c'", kind);
		return -1;
	}
	if ((a = audit_decode(k, old, oldlen, &xa, e)) != NULL &&
	    (b = audit_decode(k, new, newlen, &xb, e)) != NULL)
		n = audit_compare(k, a, b, fn, arg);
	audit_free(k, a, xa);
	if (b != NULL)
		audit_free(k, b, xb);
	return n;
}
