/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The contact list's other orders: by company, city, status and owner,
 * each an index whose key is the field's sort key, then the name's, so
 * that ties come in name order and paging works as in name order.
 */
#include "book.h"

#include <stdlib.h>
#include <string.h>

#include "book-int.h"
#include "contact.h"
#include "store.h"
#include "utf8.h"
#include "xmalloc.h"

/*
 * Contacts without the field sort last: a byte no UTF-8 text starts with
 * (sort keys are UTF-8), so a list by company shows companies first.
 */
#define BOOK_SORT_EMPTY	"\377"

static const struct {
	const char	*name;
	int		 index;
} book_orders[BOOK_NORDERS] = {
	[BOOK_BY_NAME] = { "name", BOOK_I_NAME },
	[BOOK_BY_COMPANY] = { "company", BOOK_I_COMPANY },
	[BOOK_BY_CITY] = { "city", BOOK_I_CITY },
	[BOOK_BY_STATUS] = { "status", BOOK_I_STATUS },
	[BOOK_BY_OWNER] = { "owner", BOOK_I_OWNER },
};

static enum book_order
book_order_valid(int o)
{
	return o >= 0 && o < BOOK_NORDERS ? (enum book_order)o : BOOK_BY_NAME;
}

int
book_order_index(int order)
{
	return book_orders[book_order_valid(order)].index;
}

const char *
book_order_name(enum book_order o)
{
	return book_orders[book_order_valid(o)].name;
}

/* The value a contact is ordered by (NULL or "" when it has none). */
static const char *
book_sort_value(const struct contact *c, enum book_order o)
{
	switch (o) {
	case BOOK_BY_COMPANY:
		return c->company;
	case BOOK_BY_CITY:
		return c->city;
	case BOOK_BY_STATUS:
		return c->status;
	case BOOK_BY_OWNER:
		return c->owner;
	default:
		return NULL;
	}
}

char *
book_sortkey_by(const struct contact *c, enum book_order o)
{
	const char	*v;
	char		*field, *name, *key;

	o = book_order_valid(o);
	if (o == BOOK_BY_NAME)
		return book_sortkey(c);
	v = book_sort_value(c, o);
	field = v != NULL && *v != '\0' ? utf8_sortkey(v) :
	    xstrdup(BOOK_SORT_EMPTY);
	name = book_sortkey(c);
	key = xasprintf("%s\002%s", field, name);
	free(field);
	free(name);
	return key;
}

static void
book_sort_keys(const void *data, size_t len, enum book_order o,
    struct store_keys *out)
{
	const struct contact	*c = book_keys_decoded_contact(data, len);
	char			*k;

	if (c == NULL)
		return;
	k = book_sortkey_by(c, o);
	store_keys_add(out, k, strlen(k));
	free(k);
}

void
book_keys_company(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	(void)id;
	book_sort_keys(data, len, BOOK_BY_COMPANY, out);
}

void
book_keys_city(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	(void)id;
	book_sort_keys(data, len, BOOK_BY_CITY, out);
}

void
book_keys_status(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	(void)id;
	book_sort_keys(data, len, BOOK_BY_STATUS, out);
}

void
book_keys_owner(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	(void)id;
	book_sort_keys(data, len, BOOK_BY_OWNER, out);
}
