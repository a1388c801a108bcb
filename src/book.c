/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "book.h"

#include <sys/types.h>

#include <ctype.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "conf.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "record.h"
#include "store.h"
#include "xmalloc.h"

static const struct store_table_def book_tables[BOOK_NTABLES] = {
	[BOOK_T_CONTACT] = { "contacts" },
	[BOOK_T_ACTIVITY] = { "activities" },
	[BOOK_T_DEAL] = { "deals" },
	[BOOK_T_CASE] = { "cases" },
	[BOOK_T_AUDIT] = { "audit" },
	/* Trigram postings (book-text.c); "contact.text" was an index. */
	[BOOK_T_TEXT] = { "contact.trigrams" },
};

static const struct store_index_def book_indexes[BOOK_NINDEXES] = {
	[BOOK_I_NAME] = { "contact.name", BOOK_T_CONTACT, book_keys_name, 1 },
	[BOOK_I_EMAIL] = { "contact.email", BOOK_T_CONTACT, book_keys_email },
	/* One key a phone, digits reversed; renamed so older databases
	 * rebuild it (and drop "contact.phone", of every suffix). */
	[BOOK_I_PHONE] = { "contact.phone-rev", BOOK_T_CONTACT,
	    book_keys_phone, 1 },
	/* Keyed contact, then pending first in due order (book_next_followup);
	 * renamed so older databases rebuild it. */
	[BOOK_I_ACT_CONTACT] = { "activity.contact-next", BOOK_T_ACTIVITY,
	    book_keys_act_contact, 1 },
	/* The due and alarm times keyed signed (BOOK_TIME_KEY); renamed in
	 * schema 3 so older databases rebuild them. */
	[BOOK_I_ACT_DUE] = { "activity.owner-due", BOOK_T_ACTIVITY,
	    book_keys_act_due },
	[BOOK_I_ACT_ALLDUE] = { "activity.due-any-owner", BOOK_T_ACTIVITY,
	    book_keys_act_alldue },
	/* Keyed owner, then time. */
	[BOOK_I_ACT_ALARM] = { "activity.owner-alarm-time", BOOK_T_ACTIVITY,
	    book_keys_act_alarm },
	[BOOK_I_ACT_UID] = { "activity.uid", BOOK_T_ACTIVITY,
	    book_keys_act_uid },
	[BOOK_I_AUDIT] = { "audit.target", BOOK_T_AUDIT, book_keys_audit },
	[BOOK_I_DEAL_CONTACT] = { "deal.contact", BOOK_T_DEAL,
	    book_keys_contact },
	[BOOK_I_CASE_CONTACT] = { "case.contact", BOOK_T_CASE,
	    book_keys_contact },
	[BOOK_I_COMPANY] = { "contact.by-company", BOOK_T_CONTACT,
	    book_keys_company },
	[BOOK_I_CITY] = { "contact.by-city", BOOK_T_CONTACT, book_keys_city },
	[BOOK_I_STATUS] = { "contact.by-status", BOOK_T_CONTACT,
	    book_keys_status },
	[BOOK_I_OWNER] = { "contact.by-owner", BOOK_T_CONTACT,
	    book_keys_owner },
};

/* Indexes of earlier versions, removed from their databases. */
static const char *const book_retired[] = {
	"contact.phone",	/* now contact.phone-rev */
	"activity.contact",	/* now activity.contact-next (schema 2) */
	"activity.due",		/* now activity.owner-due (schema 3) */
	"activity.alldue",	/* now activity.due-any-owner (schema 3) */
	"activity.alarm",	/* the first alarm index, by time alone */
	"activity.owner-alarm",	/* now activity.owner-alarm-time (schema 3) */
	NULL
};

static const struct store_schema book_schema = {
	BOOK_SCHEMA, book_tables, BOOK_NTABLES, book_indexes, BOOK_NINDEXES,
	book_retired
};

static char *
book_whoami(void)
{
	struct passwd	*pw = getpwuid(getuid());

	if (pw != NULL && pw->pw_name != NULL)
		return xstrdup(pw->pw_name);
	return xasprintf("%ld", (long)getuid());
}

static void	(*book_notice_fn)(const char *);

void
book_set_notice(void (*fn)(const char *msg))
{
	book_notice_fn = fn;
}

void
book_notice(const char *fmt, ...)
{
	va_list	ap;
	char	msg[256];

	if (book_notice_fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	book_notice_fn(msg);
}

struct book *
book_open(const char *dir, const struct conf *conf, int flags, struct err *e)
{
	struct book	*b;
	int		 sflags = 0;

	b = xcalloc(1, sizeof *b);
	if ((b->users = field_users_load(conf, e)) == NULL) {
		free(b);
		return NULL;
	}
	if (flags & BOOK_CREATE)
		sflags |= STORE_CREATE;
	if (flags & BOOK_SHARED)
		sflags |= STORE_SHARED;
	b->store = store_open(dir, &book_schema, sflags,
	    (flags & BOOK_QUICK) ? 1000 : 30000, e);
	/* The login check reads no look-up index: it leaves bringing one up
	 * to date to the next command, rather than hold up a login. */
	if (b->store != NULL && !(flags & BOOK_QUICK) &&
	    book_text_ready(b->store, e) != 0) {
		store_close(b->store);
		b->store = NULL;
	}
	if (b->store == NULL) {
		field_users_free(b->users);
		free(b);
		return NULL;
	}
	b->user = book_whoami();
	return b;
}

void
book_close(struct book *b)
{
	if (b == NULL)
		return;
	store_close(b->store);
	field_users_free(b->users);
	book_lookup_memo_free(b->memo);
	free(b->user);
	free(b);
}

const char *
book_user(const struct book *b)
{
	return b->user;
}

const struct field_users *
book_users(const struct book *b)
{
	return b->users;
}

struct store *
book_store(struct book *b)
{
	return b->store;
}

int
book_txn(struct book *b, int flags,
    int (*fn)(struct store_txn *, void *, struct err *), void *arg,
    struct err *e)
{
	return store_txn_run(b->store, flags, fn, arg, e);
}

const char *
book_id_format(char kind, uint64_t id, char *buf, size_t len)
{
	snprintf(buf, len, "%c%llu", kind, (unsigned long long)id);
	return buf;
}

int
book_table_of(char kind)
{
	switch (kind) {
	case BOOK_CONTACT:
		return BOOK_T_CONTACT;
	case BOOK_ACTIVITY:
		return BOOK_T_ACTIVITY;
	case BOOK_DEAL:
		return BOOK_T_DEAL;
	case BOOK_CASE:
		return BOOK_T_CASE;
	}
	return -1;
}

struct book_idq {
	int		 table;
	uint64_t	 prefix;
	int		 digits;
	uint64_t	 found;
	int		 nfound;
};

/* Counts ids (up to 2) that start with the decimal prefix. */
static int
book_id_scan(struct store_txn *t, void *arg, struct err *e)
{
	struct book_idq		*q = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	struct buf		 data = BUF_INIT;
	unsigned char		 key[8];
	uint64_t		 lo, hi;
	int			 k, rc;

	q->nfound = 0;
	rc = store_get(t, q->table, q->prefix, &data, 0, e);
	buf_free(&data);
	if (rc == 0) {
		q->found = q->prefix;
		q->nfound = 1;
		return 0;
	}
	if (rc < 0)
		return rc;
	if ((rc = store_cursor_open(t, q->table, -1, 0, &c, e)) != 0)
		return rc;
	lo = q->prefix;
	hi = q->prefix + 1;
	for (k = q->digits; k < 19 && q->nfound < 2; k++) {
		if (lo > UINT64_MAX / 10)
			break;
		lo *= 10;
		hi *= 10;
		store_id_key(lo, key);
		rc = store_cursor_seek(c, key, 8, &row);
		while (rc == 0 && row.id < hi && q->nfound < 2) {
			q->found = row.id;
			q->nfound++;
			rc = store_cursor_next(c, &row);
		}
		if (rc < 0 && rc != STORE_NOTFOUND)
			return rc;
	}
	return 0;
}

int
book_id_parse(struct book *b, char kind, const char *s, uint64_t *id,
    struct err *e)
{
	struct book_idq	 q;
	const char	*p = s;
	char		*end;
	int		 rc;

	if (*p == kind)
		p++;
	if (!isdigit((unsigned char)*p)) {
		err_set(e, NULL, 0, "\"%s\" is not %s id", s,
		    kind == BOOK_CONTACT ? "a contact" : kind == BOOK_ACTIVITY ?
		    "an activity" : kind == BOOK_DEAL ? "a deal" :
		    kind == BOOK_CASE ? "a case" : "an");
		return -1;
	}
	memset(&q, 0, sizeof q);
	q.table = book_table_of(kind);
	q.prefix = strtoull(p, &end, 10);
	q.digits = end - p;
	if (*end != '\0' || q.digits > 18) {
		err_set(e, NULL, 0, "\"%s\" is not an id", s);
		return -1;
	}
	if ((rc = store_txn_run(b->store, STORE_READ, book_id_scan, &q, e)))
		return rc;
	if (q.nfound == 0) {
		err_set(e, NULL, 0, "no %s %s", kind == BOOK_CONTACT ?
		    "contact" : kind == BOOK_ACTIVITY ? "activity" :
		    kind == BOOK_DEAL ? "deal" : kind == BOOK_CASE ? "case" :
		    "record",
		    s);
		return BOOK_NOTFOUND;
	}
	if (q.nfound > 1) {
		err_set(e, NULL, 0, "\"%s\" is ambiguous: more than one id "
		    "starts with it", s);
		return -1;
	}
	*id = q.found;
	return 0;
}

/* An audit entry (book-int.h). */
void
book_audit_encode(struct book *b, char kind, uint64_t id,
    const char *action, const struct buf *old, const struct buf *new,
    struct buf *out)
{
	struct record	*r = record_new();
	char		 k[2] = { kind, '\0' };

	record_addu(r, BOOK_AUDIT_TIME, (uint64_t)time(NULL));
	record_adds(r, BOOK_AUDIT_USER, NULL, b->user);
	record_adds(r, BOOK_AUDIT_KIND, NULL, k);
	record_addu(r, BOOK_AUDIT_TARGET, id);
	record_adds(r, BOOK_AUDIT_ACTION, NULL, action);
	if (old != NULL && old->len > 0)
		record_add(r, BOOK_AUDIT_OLD, NULL, old->data, old->len);
	if (new != NULL && new->len > 0)
		record_add(r, BOOK_AUDIT_NEW, NULL, new->data, new->len);
	record_encode(r, out);
	record_free(r);
}

/* Writes one audit entry in the same transaction as the change. */
int
book_audit(struct store_txn *t, struct book *b, char kind, uint64_t id,
    const char *action, const struct buf *old, const struct buf *new,
    struct err *e)
{
	struct buf	 out = BUF_INIT;
	uint64_t	 aid;
	int		 rc;

	if ((rc = store_next_id(t, BOOK_T_AUDIT, &aid, e)) != 0)
		return rc;
	book_audit_encode(b, kind, id, action, old, new, &out);
	rc = store_put(t, BOOK_T_AUDIT, aid, out.data, out.len, e);
	buf_free(&out);
	return rc;
}

int
book_visible(const struct book *b, const struct contact *c)
{
	return !c->is_private || c->owner == NULL ||
	    strcmp(c->owner, b->user) == 0;
}

int
book_contact_count(struct book *b, uint64_t *n, struct err *e)
{
	struct book_count	q = { BOOK_T_CONTACT, 0 };
	int			rc;

	rc = store_txn_run(b->store, STORE_READ, book_count_fn, &q, e);
	*n = q.n;
	return rc;
}

int
book_count_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_count	*q = arg;

	return store_count(t, q->table, &q->n, e);
}
