/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_CONTACTS_H
#define KITH_UI_CONTACTS_H

/*
 * ui-contacts: the contact list's state, shared by its screen
 * (ui-contacts.c) and its pages (ui-contacts-page.c), which scan the
 * book in an index's order a page at a time, keeping the contacts the
 * screen's scope and filter want.
 */

#include <stddef.h>
#include <time.h>

#include "book.h"
#include "ui-list.h"

struct contact;
struct query;
struct ui;

#define UI_LOOKUP_PAGE	16	/* fewest matches fetched per keystroke */

/* One row: a contact and, once drawn, its next follow-up. */
struct ui_crow {
	struct contact	*c;
	char		*key;		/* sort key */
	int		 known;		/* next looked up */
	time_t		 next;
	int		 allday;
};

struct ui_contacts {
	struct ui_list		 list;
	int			 mine;		/* only my contacts */
	struct query		*filter;	/* only those matching */
	char			*filter_text;
	char			*query;		/* NULL: the whole book */
	enum book_order		 order;		/* S cycles it */
	struct ui_crow		**hits;		/* the lookup's rows */
	size_t			 nhits;
	size_t			 want;		/* matches fetched (0: a page) */
	int			 more;		/* more than want */
	struct ui_list_array	 arr;
	struct ui		*ui;
	size_t			 due;		/* my calls due today */
};

/* A row for c (copied); ui_crow_free frees one (arg unused). */
struct ui_crow *ui_crow_new(const struct ui_contacts *uc,
	    const struct contact *c);
void	ui_crow_free(void *arg, void *row);
/* Looks up the next pending follow-up of the row's contact. */
void	ui_crow_next(struct ui *ui, struct ui_crow *r);
/* Whether the list shows c (its scope and filter). */
int	ui_contacts_wanted(const struct ui_contacts *uc,
	    const struct contact *c);
/* The list source's fetch over the book (arg is the ui_contacts). */
size_t	ui_contacts_fetch(void *arg, const void *anchor, int flags, size_t n,
	    void **out);

#endif /* KITH_UI_CONTACTS_H */
