/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_BOOK_H
#define KITH_BOOK_H

/*
 * book: one database as one user sees it; the API both front ends use.
 *
 * Open, get, add, save (refusing a stale revision), remove, look up by
 * pages through the indexes, and the audit trail, each write one
 * transaction.  Ids are short printable strings: a kind letter and a
 * number ("c12" a contact, "a7" an activity), and a unique prefix of one
 * is accepted.  It neither prints nor prompts.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct activity;
struct conf;
struct contact;
struct err;
struct field_users;
struct store;
struct store_txn;

struct book;

/* Results besides 0 and -1. */
#define BOOK_NOTFOUND	1
#define BOOK_CONFLICT	2	/* saved over a newer revision: refused */

/* book_open flags. */
#define BOOK_CREATE	0x1	/* create the database when missing */
#define BOOK_SHARED	0x2	/* with STORE_SHARED modes */
#define BOOK_QUICK	0x4	/* busy: give up after a second (login) */

/* Kinds of record, as their id letters. */
#define BOOK_CONTACT	'c'
#define BOOK_ACTIVITY	'a'
#define BOOK_DEAL	'd'
#define BOOK_CASE	'k'	/* a support case: struct ticket */

/* Where a book says what it is doing that takes a while (the one rebuild
 * of its look-up index after an upgrade); by default nowhere. */
void		 book_set_notice(void (*fn)(const char *msg));
struct book	*book_open(const char *dir, const struct conf *conf, int flags,
		    struct err *e);
void		 book_close(struct book *b);
const char	*book_user(const struct book *b);
const struct field_users *book_users(const struct book *b);
struct store	*book_store(struct book *b);
/* Runs fn in one transaction of the book's store (see store_txn_run). */
int		 book_txn(struct book *b, int flags,
		    int (*fn)(struct store_txn *, void *, struct err *),
		    void *arg, struct err *e);

const char	*book_id_format(char kind, uint64_t id, char *buf,
		    size_t len);
/* An id or a unique prefix of one; BOOK_NOTFOUND, or -1 when ambiguous. */
int		 book_id_parse(struct book *b, char kind, const char *s,
		    uint64_t *id, struct err *e);

/* Contacts. */
int	book_contact_add(struct book *b, struct contact *c, struct err *e);
int	book_contact_get(struct book *b, uint64_t id, struct contact **out,
	    struct err *e);
int	book_contact_save(struct book *b, struct contact *c, struct err *e);
int	book_contact_remove(struct book *b, uint64_t id, struct err *e);
/* Whether this user may see c (private contacts are their owner's). */
int	book_visible(const struct book *b, const struct contact *c);

/* Activities.  Adding or completing one updates the contact's
 * last-contact time in the same transaction. */
int	book_activity_add(struct book *b, struct activity *a, struct err *e);
int	book_activity_get(struct book *b, uint64_t id, struct activity **out,
	    struct err *e);
int	book_activity_save(struct book *b, struct activity *a, struct err *e);
/* Completes a: with next (a recurring one's next occurrence), a done copy
 * goes to the history and a moves on to next; else a itself is done.
 * One transaction. */
int	book_activity_done(struct book *b, struct activity *a,
	    const char *result, time_t next, struct err *e);
int	book_activity_remove(struct book *b, uint64_t id, struct err *e);
/* A contact's activities in time order (pending and history). */
int	book_activities(struct book *b, uint64_t contact,
	    struct activity ***out, size_t *n, struct err *e);
/* When a contact's next pending follow-up is due (*due 0: none), read
 * from the index's keys alone: no activity is read. */
int	book_next_followup(struct book *b, uint64_t contact, time_t *due,
	    int *allday, struct err *e);
/* Pending activities of owner (NULL: everyone's) due before until, most
 * urgent first, at most max (0: no limit). */
int	book_due(struct book *b, const char *owner, time_t until, size_t max,
	    struct activity ***out, size_t *n, struct err *e);

/* Pending activities of owner (NULL: everyone's) whose alarm, not yet
 * given, is at or before until; earliest first, at most max (0: no
 * limit), via the alarm index. */
int	book_alarms(struct book *b, const char *owner, time_t until,
	    size_t max, struct activity ***out, size_t *n, struct err *e);
/* The activity with this iCalendar UID; BOOK_NOTFOUND when none. */
int	book_activity_by_uid(struct book *b, const char *uid,
	    struct activity **out, struct err *e);
/* The first visible contact with this e-mail address (ignoring case);
 * BOOK_NOTFOUND when none. */
int	book_contact_by_email(struct book *b, const char *email,
	    struct contact **out, struct err *e);
/* Adds n activities in one transaction (all or nothing), as
 * book_activity_add does each. */
int	book_activities_add(struct book *b, struct activity **v, size_t n,
	    struct err *e);

/* Deals and support cases (book-deal.c), like activities: a save refuses
 * a stale revision, and a deal's change of stage is logged in its
 * contact's history (a done note) in the same transaction. */
struct deal;
struct ticket;
int	book_deal_add(struct book *b, struct deal *d, struct err *e);
int	book_deal_get(struct book *b, uint64_t id, struct deal **out,
	    struct err *e);
int	book_deal_save(struct book *b, struct deal *d, struct err *e);
int	book_deal_remove(struct book *b, uint64_t id, struct err *e);
/* The deals of a contact (0: every deal), by id. */
int	book_deals(struct book *b, uint64_t contact, struct deal ***out,
	    size_t *n, struct err *e);
int	book_case_add(struct book *b, struct ticket *k, struct err *e);
int	book_case_get(struct book *b, uint64_t id, struct ticket **out,
	    struct err *e);
int	book_case_save(struct book *b, struct ticket *k, struct err *e);
int	book_case_remove(struct book *b, uint64_t id, struct err *e);
int	book_cases(struct book *b, uint64_t contact, struct ticket ***out,
	    size_t *n, struct err *e);
/* Every record of a kind (BOOK_ACTIVITY, BOOK_DEAL, BOOK_CASE or
 * BOOK_CONTACT), decoded and lent to fn inside one read transaction (fn
 * must not call the book); nonzero from fn stops. */
typedef int (*book_each_fn)(const void *obj, void *arg);
int	book_each(struct book *b, char kind, book_each_fn fn, void *arg,
	    struct err *e);
/* Every activity that want says yes to, in id order, lent to fn with its
 * contact (NULL when it has none; those whose contact is gone or another
 * user's private one are left out), in one read transaction and one pass
 * over each table (book-join.c).  want and fn run on a second thread
 * while this one reads on, in id order; neither may call the book;
 * nonzero from fn stops.  a and c hold only what an export reads:
 * no result, alarm state, first occurrence or created-by and updated-by
 * of a, and of c only the name, company, phones, e-mails, tags, owner and
 * privacy; they last until fn returns.  A retried transaction resumes
 * after the last activity queued, so fn never gets one twice. */
typedef int (*book_join_want_fn)(const struct activity *a, void *arg);
typedef int (*book_join_fn)(const struct activity *a,
	    const struct contact *c, void *arg);
int	book_activities_join(struct book *b, book_join_want_fn want,
	    book_join_fn fn, void *arg, struct err *e);
/* Many lookups in one read transaction (book-join.c), as an import of
 * follow-ups needs them: for each, whether an activity has the UID uid
 * (NULL: none asked), and when it has not, the first visible contact
 * with the e-mail address email (ignoring case; 0 when none or NULL). */
struct book_probe {
	const char	*uid;
	const char	*email;
	int		 known;
	uint64_t	 contact;
};
int	book_probe(struct book *b, struct book_probe *v, size_t n,
	    struct err *e);

/* Lookup.  fn gets each match (the contact is only lent); nonzero stops. */
typedef int (*book_contact_fn)(const struct contact *c, void *arg);
/* Contacts matching query (every word of it, as a part of the name,
 * company or e-mail, ignoring case and accents; or phone digits), in name
 * order; an empty query matches all. */
int	book_find(struct book *b, const char *query, book_contact_fn fn,
	    void *arg, struct err *e);

/* Like book_find, but stops after max matches (0: no limit) and sets
 * *more (when not NULL) if there were more: a lookup as you type never
 * loads the whole book.  One- and two-letter words go through the
 * lookup's postings (book_lookup_text), or scan in name order when most
 * names hold them. */
int	book_find_page(struct book *b, const char *query, size_t max,
	    book_contact_fn fn, void *arg, int *more, struct err *e);

/* Paging in name order: the sort key of a contact, and a scan from one. */
char	*book_sortkey(const struct contact *c);
int	book_scan(struct book *b, const char *from, uint64_t from_id,
	    int backwards, book_contact_fn fn, void *arg, struct err *e);

/* Paging in other orders (book-sort.c), each from an index of its own:
 * by a field's value, ties in name order, contacts without the field
 * last.  book_scan is book_scan_by(BOOK_BY_NAME); from is a key of
 * book_sortkey_by in the same order. */
enum book_order {
	BOOK_BY_NAME, BOOK_BY_COMPANY, BOOK_BY_CITY, BOOK_BY_STATUS,
	BOOK_BY_OWNER, BOOK_NORDERS
};
char	*book_sortkey_by(const struct contact *c, enum book_order o);
int	book_scan_by(struct book *b, enum book_order o, const char *from,
	    uint64_t from_id, int backwards, book_contact_fn fn, void *arg,
	    struct err *e);
/* A page of a lookup as you type (book-lookup.c): the first max matches
 * of query (as book_find matches) in order o, costing about what the page
 * costs, not what every match costs; *more (when not NULL) is set if
 * there are more.  Phone digits go through book_find_page. */
int	book_lookup_page(struct book *b, const char *query, enum book_order o,
	    size_t max, book_contact_fn fn, void *arg, int *more,
	    struct err *e);
/* "name", "company", ...: the field an order is by. */
const char *book_order_name(enum book_order o);
int	book_contact_count(struct book *b, uint64_t *n, struct err *e);

/* Importing many contacts (book-import.c): one transaction, all or
 * nothing.  A contact that has an e-mail address or a phone number (its
 * last 8 digits, at least 7) of a visible contact, one stored before or
 * one added earlier in the same import, is a duplicate, and policy says
 * what becomes of it: merged into that one (fields it lacks filled in,
 * values it lacks added), skipped, or added anyway.  Invalid contacts
 * stop it (failed is then their index), or with skip_bad are rejected and
 * reported to bad.  progress runs every 1000 contacts; nonzero from it
 * stops the import with nothing imported.  The contacts are the caller's;
 * ids are set on the added ones. */
#define BOOK_DUP_MERGE	0
#define BOOK_DUP_SKIP	1
#define BOOK_DUP_ADD	2
struct book_import {
	int	 policy;
	int	 skip_bad;
	int	(*progress)(size_t done, size_t n, void *arg);
	void	(*bad)(size_t i, const struct err *e, void *arg);
	void	*arg;
	size_t	 added, merged, skipped, rejected;
	size_t	 failed;
};
int	book_contacts_import(struct book *b, struct contact **v, size_t n,
	    struct book_import *imp, struct err *e);

/* Raw records, for dump and load: kinds in book_kinds order, ids rising. */
extern const char book_kinds[];
struct book_raw {
	char		 kind;
	uint64_t	 id;
	void		*data;
	size_t		 len;
};
/* fn runs inside a read transaction: it must not call the book. */
typedef int (*book_raw_fn)(const struct book_raw *r, void *arg);
int	book_raw_each(struct book *b, book_raw_fn fn, void *arg,
	    struct err *e);
/* The id counters, one per kind in book_kinds order. */
int	book_raw_seqs(struct book *b, uint64_t *seqs, struct err *e);
/* Puts the records and counters in one transaction; refuses unless the
 * database is empty. */
int	book_raw_load(struct book *b, const struct book_raw *v, size_t n,
	    const uint64_t *seqs, struct err *e);

/* The audit trail (book-audit.c): one entry per write, oldest first.
 * old is the record before (none for "add" and "restore"), new the record
 * after (none for "rm"), both in their stored encoding. */
struct book_audit_entry {
	uint64_t	 seq;
	time_t		 when;
	char		*user;
	char		 kind;
	uint64_t	 target;
	char		*action;	/* add, set, rm, import, restore */
	void		*old, *new;
	size_t		 oldlen, newlen;
};
/* The history of one record; BOOK_NOTFOUND when it has none (or it is
 * another user's private contact).  The caller frees it. */
int	book_history(struct book *b, char kind, uint64_t id,
	    struct book_audit_entry **out, size_t *n, struct err *e);
void	book_history_free(struct book_audit_entry *v, size_t n);
/* Re-creates a deleted contact with its old id, and the activities
 * deleted with it, from the audit trail: one transaction, audited as
 * "restore"; *nact is set to the number of activities restored. */
int	book_contact_restore(struct book *b, uint64_t id, size_t *nact,
	    struct err *e);

/* Verifies the database: the file structure (on a hot copy, so others
 * keep working), every record decodes, every index entry has its record,
 * and the counts agree.  Problems go to fn, one line each; returns the
 * number of problems, or -1 when the check itself failed. */
int	book_check(struct book *b, void (*fn)(const char *, void *),
	    void *arg, struct err *e);

#endif /* KITH_BOOK_H */
