/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_BOOK_INT_H
#define KITH_BOOK_INT_H

/*
 * book-int: what the files of the book module share and nobody else
 * sees: the handle, the tables and indexes of the schema, the audit
 * record's tags and the index key extractors.
 */

#include <stddef.h>
#include <stdint.h>

struct buf;
struct contact;
struct err;
struct field_users;
struct store;
struct store_keys;
struct store_txn;

#define BOOK_SCHEMA	3

struct book_lookup_memo;
struct book {
	struct store		*store;
	struct field_users	*users;
	char			*user;
	struct book_lookup_memo	*memo;		/* the last lookup's */
};

void	book_lookup_memo_free(struct book_lookup_memo *m);
void	book_notice(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
/* book_lookup_page for words (never phone digits); from the contact after
 * (from, from_id) in the order when from is not NULL; *candidates (unless
 * NULL): how many the postings gave, (size_t)-1 for every contact. */
int	book_lookup_text(struct book *b, const char *query, enum book_order o,
	    size_t max, const char *from, uint64_t from_id, book_contact_fn fn,
	    void *arg, int *more, size_t *candidates, struct err *e);

enum {
	BOOK_T_CONTACT, BOOK_T_ACTIVITY, BOOK_T_DEAL, BOOK_T_CASE,
	BOOK_T_AUDIT, BOOK_T_TEXT, BOOK_NTABLES
};

enum {
	BOOK_I_NAME, BOOK_I_EMAIL, BOOK_I_PHONE,
	BOOK_I_ACT_CONTACT, BOOK_I_ACT_DUE, BOOK_I_ACT_ALLDUE,
	BOOK_I_ACT_ALARM, BOOK_I_ACT_UID, BOOK_I_AUDIT, BOOK_I_DEAL_CONTACT,
	BOOK_I_CASE_CONTACT, BOOK_I_COMPANY, BOOK_I_CITY, BOOK_I_STATUS,
	BOOK_I_OWNER, BOOK_NINDEXES
};

/* The audit record. */
enum {
	BOOK_AUDIT_TIME = 1, BOOK_AUDIT_USER, BOOK_AUDIT_KIND,
	BOOK_AUDIT_TARGET, BOOK_AUDIT_ACTION, BOOK_AUDIT_OLD, BOOK_AUDIT_NEW
};

struct book_count {
	int		table;
	uint64_t	n;
};
int	book_count_fn(struct store_txn *t, void *arg, struct err *e);
int	book_table_of(char kind);
int	book_audit(struct store_txn *t, struct book *b, char kind,
	    uint64_t id, const char *action, const struct buf *old,
	    const struct buf *new, struct err *e);
/* An entry with neither old nor new is a creation whose version is the
 * next entry's old one, or the record as it is (book_history fills it
 * in): a bulk import does not store each contact twice. */
void	book_audit_encode(struct book *b, char kind, uint64_t id,
	    const char *action, const struct buf *old, const struct buf *new,
	    struct buf *out);

/* Index keys (book-keys.c). */
void	book_keys_name(uint64_t, const void *, size_t, struct store_keys *);
void	book_keys_email(uint64_t, const void *, size_t, struct store_keys *);
void	book_keys_phone(uint64_t, const void *, size_t, struct store_keys *);
/* An activity by contact: the contact's id, 0 for a pending one (then
 * its due time and 1 if all day) or 1 for one done, so a contact's next
 * follow-up is its first key (book_next_followup). */
#define BOOK_NEXT_KEY	18
/* A time in a key, big-endian with its sign bit flipped, so that times
 * before 1970 sort before the others (schema 3 for the due and alarm
 * indexes, which keyed them unsigned, after every later time). */
#define BOOK_TIME_SIGN		((uint64_t)1 << 63)
#define BOOK_TIME_KEY(t)	((uint64_t)(int64_t)(t) ^ BOOK_TIME_SIGN)
#define BOOK_KEY_TIME(k)	((time_t)(int64_t)((k) ^ BOOK_TIME_SIGN))
void	book_keys_act_contact(uint64_t, const void *, size_t,
	    struct store_keys *);
void	book_keys_act_due(uint64_t, const void *, size_t, struct store_keys *);
void	book_keys_act_alldue(uint64_t, const void *, size_t,
	    struct store_keys *);
void	book_keys_act_alarm(uint64_t, const void *, size_t,
	    struct store_keys *);
void	book_keys_act_uid(uint64_t, const void *, size_t, struct store_keys *);
void	book_keys_audit(uint64_t, const void *, size_t, struct store_keys *);
/* Deals and cases by contact (book-deal.c): tag 1 of either record. */
void	book_keys_contact(uint64_t, const void *, size_t, struct store_keys *);

/* Contacts by company, city, status and owner (book-sort.c), and the
 * index of an order (enum book_order). */
void	book_keys_company(uint64_t, const void *, size_t, struct store_keys *);
void	book_keys_city(uint64_t, const void *, size_t, struct store_keys *);
void	book_keys_status(uint64_t, const void *, size_t, struct store_keys *);
void	book_keys_owner(uint64_t, const void *, size_t, struct store_keys *);
int	book_order_index(int order);
/* The contact a record decodes to, shared by the extractors (book-keys.c):
 * decoded once for all indexes, owned by the cache; NULL if it does not. */
const struct contact *book_keys_decoded_contact(const void *data,
	    size_t len);
/* Lends c as what data (its encoding) decodes to, to the extractors that
 * come next on this thread: a bulk write has the contact it encodes.  Both
 * stay the caller's, and must stay as they are until the next lend;
 * book_keys_lend(NULL, 0, NULL) forgets them. */
void	book_keys_lend(const void *data, size_t len, const struct contact *c);

/* A phone's digits, last first (its key in BOOK_I_PHONE); their count. */
size_t	book_digits_reversed(const char *s, char *out, size_t size);

/*
 * The text postings (book-text.c): BOOK_T_TEXT is keyed by a trigram of
 * the folded name, company or e-mails, or by one of their characters
 * after BOOK_TEXT_LETTER (a byte no text has), or by three digits of a
 * phone number after BOOK_TEXT_DIGITS, and a 4-byte big-endian block
 * number (id / BOOK_TEXT_BLOCK); the data is the sorted ids of the block's
 * contacts that have the trigram, as varint deltas from the block's first
 * id.  Keyed by BOOK_TEXT_PLACES and a block of BOOK_TEXT_PLACES_IDS ids,
 * the first BOOK_TEXT_PLACE bytes of each of its contacts' sort keys
 * (zeros for none): where in name order a lookup's candidates can begin.
 * Keyed by BOOK_TEXT_FLOOR twice and a gram, its floor: BOOK_TEXT_FLOORLEN
 * bytes of a sort key no contact in the gram's postings sorts before
 * (lowered as contacts come, never raised), where a lookup of the gram
 * starts its walk.  (Twice: the versions before floors read the keys
 * of a tag and a pair of letters as postings.)
 * Derived: never dumped, rebuilt by load.
 */
#define BOOK_TEXT_BLOCK		4096
#define BOOK_TEXT_GRAMMAX	12	/* three characters of UTF-8 */
#define BOOK_TEXT_KEYMAX	(BOOK_TEXT_GRAMMAX + 4)
#define BOOK_TEXT_LETTER	'\001'	/* before a letter's character */
#define BOOK_TEXT_PLACES	'\002'	/* a block's places in name order */
#define BOOK_TEXT_DIGITS	'\003'	/* before three digits of a phone */
#define BOOK_TEXT_FLOOR		'\004'	/* twice before a gram: its floor */
#define BOOK_TEXT_FLOORPRE	2	/* bytes before the gram */
#define BOOK_TEXT_FLOORLEN	8	/* bytes of a floor: of the sort key */
#define BOOK_TEXT_PLACE		2	/* bytes of a place: of the sort key */
#define BOOK_TEXT_PLACES_IDS	256	/* ids a row of places: 512 bytes, on its
					 * page, not overflowing */
struct book_gram {
	char	s[BOOK_TEXT_GRAMMAX];
	size_t	len;
};
struct book_text;
struct book_text *book_text_new(void);
void	book_text_free(struct book_text *x);
size_t	book_grams(const struct contact *c, struct book_gram **out);
size_t	book_grams_of(const char *s, struct book_gram **v, size_t *cap);
size_t	book_letter(const char *s, size_t len, struct book_gram *g);
size_t	book_grams_digits(const char *digits, struct book_gram **v, size_t *n,
	    size_t *cap);
size_t	book_text_places_key(uint32_t block, unsigned char *out);
/* The key of a gram's floor (BOOK_TEXT_FLOORPRE + len bytes). */
size_t	book_text_floor_key(const void *gram, size_t len, unsigned char *out);
size_t	book_text_key(const char *tri, size_t len, uint32_t block,
	    unsigned char *out);
void	book_text_note(struct book_text *x, uint64_t id,
	    const struct contact *old, const struct contact *new);
size_t	book_text_pending(const struct book_text *x);
int	book_text_flush(struct store_txn *t, struct book_text *x, int fresh,
	    struct err *e);
int	book_text_none(struct store_txn *t, int *none, struct err *e);
int	book_text_update(struct store_txn *t, uint64_t id,
	    const struct buf *old, const void *new, size_t newlen,
	    struct err *e);
void	book_text_decode(const void *data, size_t len, uint32_t block,
	    uint64_t **ids, size_t *n, size_t *cap);
const unsigned char *book_text_delta(const unsigned char *p,
	    const unsigned char *end, uint64_t *d);
int	book_text_ready(struct store *st, struct err *e);
int	book_text_check(struct store_txn *t,
	    void (*bad)(const char *, void *), void *arg, struct err *e);
size_t	book_grams_unique(struct book_gram *v, size_t n);

/* The folded text a contact is found by, and the due key of an owner. */
char	*book_haystack(const struct contact *c);
void	 book_due_key(struct buf *out, const char *owner, time_t when);

#endif /* KITH_BOOK_INT_H */
