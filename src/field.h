/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_FIELD_H
#define KITH_FIELD_H

/*
 * field: catalogues of fields and what can be done with them generically.
 *
 * Each kind of record (contact, activity, deal, case) describes its struct
 * with a table of struct field_def; this module encodes and decodes such a
 * struct to a record (keeping tags it does not know), parses FIELD[.type]=
 * VALUE assignments, validates values and formats them for display.  The
 * user-defined fields declared in the configuration live here too.  It
 * neither prints nor touches the store.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct buf;
struct conf;
struct err;
struct record;
struct record_view;

enum field_type {
	FIELD_TEXT,		/* char * */
	FIELD_LIST,		/* struct field_list: repeated, typed values */
	FIELD_TIME,		/* time_t, UTC seconds */
	FIELD_NUM,		/* long */
	FIELD_BOOL,		/* int */
	FIELD_ID,		/* uint64_t */
	FIELD_USER		/* struct field_list, type = user field name */
};

#define FIELD_RO	0x01	/* kept by kith, not set by users */
#define FIELD_TYPED	0x02	/* takes a .type (phone.mobile) */
#define FIELD_HIDDEN	0x04	/* not shown as a field of its own */

enum field_check {
	CHECK_NONE, CHECK_EMAIL, CHECK_PHONE, CHECK_URL, CHECK_DATE,
	CHECK_STATUS, CHECK_NUMBER, CHECK_CHOICE, CHECK_OWNER
};

struct field_value {
	char	*type;		/* NULL when untyped */
	char	*text;
};
struct field_list {
	struct field_value	*v;
	size_t			 n;
};

struct field_def {
	const char		*name;
	uint32_t		 tag;
	enum field_type		 type;
	size_t			 off;
	int			 flags;
	enum field_check	 check;
	const char		*help;
};

/* A user-defined field from the configuration ([field NAME] sections). */
enum field_user_kind { USER_TEXT, USER_NUMBER, USER_DATE, USER_CHOICE };
struct field_user {
	char			*name;
	char			*label;
	enum field_user_kind	 kind;
	char			**choices;
	size_t			 nchoices;
};
struct field_users {
	struct field_user	*v;
	size_t			 n;
};

/* The statuses a contact may have (lead, prospect, customer, ...). */
extern const char *const field_statuses[];

struct field_users	*field_users_load(const struct conf *c, struct err *e);
void			 field_users_free(struct field_users *u);
const struct field_user	*field_user_find(const struct field_users *u,
			    const char *name);

/* The catalogue walk: encode obj, decode into obj, free obj's fields. */
void	field_encode(const struct field_def *defs, size_t n, const void *obj,
	    const struct record *extra, struct buf *out);
/* Sets a number field (time, number, flag, id) of obj from an item; 0
 * for a text or list field, which it leaves to the caller. */
int	field_set_number(const struct field_def *d, void *obj,
	    const struct record_view *it);
int	field_decode(const struct field_def *defs, size_t n, void *obj,
	    struct record **extra, const void *data, size_t len,
	    struct err *e);
void	field_free(const struct field_def *defs, size_t n, void *obj);

const struct field_def *field_find(const struct field_def *defs, size_t n,
	    const char *name);

/*
 * Applies one assignment NAME[.TYPE]=VALUE (or += to add to a list, -= to
 * remove from it, = with nothing to clear).  The first plain = of a list
 * field in one batch replaces the list; later ones add (so phone=a phone=b
 * sets both): pass the same *batch (zeroed first) for one command line.
 */
struct field_batch {
	uint32_t	cleared[32];
	size_t		ncleared;
};
int	field_apply(const struct field_def *defs, size_t n,
	    const struct field_users *users, void *obj, const char *assignment,
	    struct field_batch *batch, struct err *e);
/* The same with its parts apart: type may be NULL, op is '=', '+' or
 * '-' (an importer, which has them so, need not print and parse). */
int	field_apply_parts(const struct field_def *defs, size_t n,
	    const struct field_users *users, void *obj, const char *name,
	    const char *type, char op, const char *value,
	    struct field_batch *batch, struct err *e);

/* Validates one value for a field (also used by the forms as you type). */
int	field_check(const struct field_def *def, const struct field_user *user,
	    const char *value, struct err *e);

/* Lists. */
void		 field_list_add(struct field_list *l, const char *type,
		    const char *text);
void		 field_list_clear(struct field_list *l);
const char	*field_list_first(const struct field_list *l);
const char	*field_list_get(const struct field_list *l, const char *type);
void		 field_list_set(struct field_list *l, const char *type,
		    const char *text);

/* Text form of any field of obj for display (malloc'd; "" when empty). */
char	*field_text(const struct field_def *def, const void *obj);

#endif /* KITH_FIELD_H */
