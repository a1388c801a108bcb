/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_CONTACT_H
#define KITH_CONTACT_H

/*
 * contact: a person or company, as a plain struct, with its field
 * catalogue (so the CLI, the forms and the file formats share one list of
 * fields), encoding to a record and validation.  No storage, no output.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "field.h"

struct buf;
struct err;
struct record;

struct contact {
	uint64_t		 id;
	uint64_t		 rev;
	char			*name;
	char			*company;
	char			*title;
	char			*department;
	struct field_list	 phones;
	struct field_list	 emails;
	struct field_list	 addresses;
	char			*city;
	char			*region;
	char			*country;
	struct field_list	 urls;
	char			*status;
	char			*source;
	struct field_list	 tags;
	char			*note;
	char			*owner;
	int			 is_private;
	char			*birthday;
	char			*uid;		/* a vCard UID, kept */
	struct field_list	 user;		/* user-defined fields */
	time_t			 created;
	char			*created_by;
	time_t			 updated;
	char			*updated_by;
	time_t			 last_contact;	/* last logged activity */
	struct record		*extra;		/* tags this kith does not know */
};

extern const struct field_def	contact_fields[];
extern const size_t		contact_nfields;

struct contact	*contact_new(void);
void		 contact_free(struct contact *c);
struct contact	*contact_copy(const struct contact *c);
void		 contact_encode(const struct contact *c, struct buf *out);
struct contact	*contact_decode(const void *data, size_t len, struct err *e);
/* The name to show: name, else company, else first e-mail, else "?". */
const char	*contact_label(const struct contact *c);
/* A contact needs a name, a company or an e-mail. */
int		 contact_validate(const struct contact *c, struct err *e);

#endif /* KITH_CONTACT_H */
