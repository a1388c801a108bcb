/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "contact.h"

#include <stddef.h>
#include <stdlib.h>

#include "buf.h"
#include "err.h"
#include "record.h"
#include "xmalloc.h"

#define F(n, tag, type, member, flags, check, help) \
	{ n, tag, type, offsetof(struct contact, member), flags, check, help }

/* Tags are forever: never renumber, only add. */
const struct field_def contact_fields[] = {
	F("name", 1, FIELD_TEXT, name, 0, CHECK_NONE, "full name"),
	F("company", 2, FIELD_TEXT, company, 0, CHECK_NONE, "organisation"),
	F("title", 3, FIELD_TEXT, title, 0, CHECK_NONE, "job title"),
	F("department", 4, FIELD_TEXT, department, 0, CHECK_NONE,
	    "department"),
	F("phone", 5, FIELD_LIST, phones, FIELD_TYPED, CHECK_PHONE,
	    "phone number (phone.mobile=, phone.work=, ...)"),
	F("email", 6, FIELD_LIST, emails, FIELD_TYPED, CHECK_EMAIL,
	    "e-mail address (email.work=, ...)"),
	F("address", 7, FIELD_LIST, addresses, FIELD_TYPED, CHECK_NONE,
	    "postal address (address.home=, ...)"),
	F("city", 22, FIELD_TEXT, city, 0, CHECK_NONE, "city"),
	F("region", 23, FIELD_TEXT, region, 0, CHECK_NONE,
	    "region, state or county"),
	F("country", 24, FIELD_TEXT, country, 0, CHECK_NONE, "country"),
	F("url", 8, FIELD_LIST, urls, FIELD_TYPED, CHECK_URL, "web site"),
	F("status", 9, FIELD_TEXT, status, 0, CHECK_STATUS,
	    "lead, prospect, customer, inactive, partner or supplier"),
	F("source", 10, FIELD_TEXT, source, 0, CHECK_NONE,
	    "where the contact came from"),
	F("tag", 11, FIELD_LIST, tags, 0, CHECK_NONE, "tag or group"),
	F("note", 12, FIELD_TEXT, note, 0, CHECK_NONE, "notes"),
	F("owner", 13, FIELD_TEXT, owner, 0, CHECK_OWNER, "owning user"),
	F("private", 14, FIELD_BOOL, is_private, 0, CHECK_NONE,
	    "yes: only the owner sees it"),
	F("birthday", 15, FIELD_TEXT, birthday, 0, CHECK_DATE,
	    "birthday (YYYY-MM-DD)"),
	F("uid", 21, FIELD_TEXT, uid, FIELD_HIDDEN, CHECK_NONE,
	    "unique id from a vCard"),
	F("user", 100, FIELD_USER, user, FIELD_HIDDEN | FIELD_RO, CHECK_NONE,
	    "user-defined fields"),
	F("created", 16, FIELD_TIME, created, FIELD_RO, CHECK_NONE, NULL),
	F("created-by", 17, FIELD_TEXT, created_by, FIELD_RO, CHECK_NONE,
	    NULL),
	F("updated", 18, FIELD_TIME, updated, FIELD_RO, CHECK_NONE, NULL),
	F("updated-by", 19, FIELD_TEXT, updated_by, FIELD_RO, CHECK_NONE,
	    NULL),
	F("last-contact", 25, FIELD_TIME, last_contact, FIELD_RO, CHECK_NONE,
	    NULL),
	F("rev", 20, FIELD_ID, rev, FIELD_RO | FIELD_HIDDEN, CHECK_NONE, NULL),
};
const size_t contact_nfields = sizeof contact_fields / sizeof contact_fields[0];

struct contact *
contact_new(void)
{
	return xcalloc(1, sizeof(struct contact));
}

void
contact_free(struct contact *c)
{
	if (c == NULL)
		return;
	field_free(contact_fields, contact_nfields, c);
	record_free(c->extra);
	free(c);
}

void
contact_encode(const struct contact *c, struct buf *out)
{
	field_encode(contact_fields, contact_nfields, c, c->extra, out);
}

struct contact *
contact_decode(const void *data, size_t len, struct err *e)
{
	struct contact	*c = contact_new();

	if (field_decode(contact_fields, contact_nfields, c, &c->extra, data,
	    len, e) != 0) {
		contact_free(c);
		return NULL;
	}
	return c;
}

struct contact *
contact_copy(const struct contact *c)
{
	struct buf	 b = BUF_INIT;
	struct contact	*copy;

	contact_encode(c, &b);
	copy = contact_decode(b.data, b.len, NULL);
	buf_free(&b);
	if (copy == NULL)
		fatal("contact_copy: own encoding refused");
	copy->id = c->id;
	return copy;
}

const char *
contact_label(const struct contact *c)
{
	if (c->name != NULL && *c->name != '\0')
		return c->name;
	if (c->company != NULL && *c->company != '\0')
		return c->company;
	if (c->emails.n > 0)
		return c->emails.v[0].text;
	return "?";
}

int
contact_validate(const struct contact *c, struct err *e)
{
	if ((c->name == NULL || *c->name == '\0') &&
	    (c->company == NULL || *c->company == '\0') && c->emails.n == 0) {
		err_set(e, NULL, 0, "a contact needs a name, a company or an "
		    "e-mail address");
		return -1;
	}
	return 0;
}
