/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The contact list's pages: the book scanned in the list's order, before
 * or after an anchor row, keeping what the scope and filter want. */
#include "ui-contacts.h"

#include <stdlib.h>
#include <string.h>

#include "ui-int.h"
#include "contact.h"
#include "err.h"
#include "query.h"
#include "xmalloc.h"

void
ui_crow_free(void *arg, void *row)
{
	struct ui_crow	*r = row;

	(void)arg;
	contact_free(r->c);
	free(r->key);
	free(r);
}

struct ui_crow *
ui_crow_new(const struct ui_contacts *uc, const struct contact *c)
{
	struct ui_crow	*r = xcalloc(1, sizeof *r);

	r->c = contact_copy(c);
	r->c->id = c->id;
	r->key = book_sortkey_by(c, uc->order);
	return r;
}

/* The next pending follow-up of the row's contact. */
void
ui_crow_next(struct ui *ui, struct ui_crow *r)
{
	struct err	e;

	r->known = 1;
	err_clear(&e);
	(void)book_next_followup(ui->book, r->c->id, &r->next, &r->allday,
	    &e);
}

struct ui_collect {
	struct ui_contacts	 *uc;
	struct ui_crow		**out;
	size_t			  n;
	size_t			  max;
	const char		 *skip_key;	/* same key, ids below skip_id */
	uint64_t		  skip_id;
	int			  same_only;
};

/* Whether c is in the list: the filter's, and mine unless all. */
int
ui_contacts_wanted(const struct ui_contacts *uc, const struct contact *c)
{
	const char	*me = book_user(uc->ui->book);

	if (uc->filter != NULL && !query_match(uc->filter, c))
		return 0;
	return !uc->mine || (c->owner != NULL && strcmp(c->owner, me) == 0);
}

/* Collects scanned contacts into a page (the scan holds a read
 * transaction: nothing here calls the book). */
static int
ui_contacts_collect(const struct contact *c, void *arg)
{
	struct ui_collect	*k = arg;
	char			*key;

	if (k->same_only) {
		key = book_sortkey_by(c, k->uc->order);
		if (strcmp(key, k->skip_key) != 0 || c->id >= k->skip_id) {
			free(key);
			return 1;
		}
		free(key);
	}
	if (!ui_contacts_wanted(k->uc, c))
		return 0;
	k->out[k->n++] = ui_crow_new(k->uc, c);
	return k->n == k->max;
}

/* Rows before anchor in the list's order, nearest first: first those with
 * the same sort key and a lower id, then those with a lower key. */
static void
ui_contacts_before(struct ui_contacts *uc, struct ui_collect *k,
    const struct ui_crow *a, int incl)
{
	struct err	e;
	size_t		from = k->n, i;
	void		*t;

	err_clear(&e);
	k->same_only = 1;
	k->skip_key = a->key;
	k->skip_id = a->c->id + (incl ? 1 : 0);
	book_scan_by(uc->ui->book, uc->order, a->key, 0, 0,
	    ui_contacts_collect, k, &e);
	for (i = 0; i < (k->n - from) / 2; i++) {
		t = k->out[from + i];
		k->out[from + i] = k->out[k->n - 1 - i];
		k->out[k->n - 1 - i] = t;
	}
	k->same_only = 0;
	if (k->n < k->max)
		book_scan_by(uc->ui->book, uc->order, a->key, 0, 1,
		    ui_contacts_collect, k, &e);
}

size_t
ui_contacts_fetch(void *arg, const void *anchor, int flags, size_t n,
    void **out)
{
	struct ui_contacts	*uc = arg;
	const struct ui_crow	*a = anchor;
	struct ui_collect	 k;
	struct err		 e;

	memset(&k, 0, sizeof k);
	k.uc = uc;
	k.out = (struct ui_crow **)out;
	k.max = n;
	err_clear(&e);
	if (n == 0)
		return 0;
	if (a == NULL)
		book_scan_by(uc->ui->book, uc->order, NULL, 0,
		    flags & UI_LIST_BACK, ui_contacts_collect, &k, &e);
	else if (flags & UI_LIST_BACK)
		ui_contacts_before(uc, &k, a, flags & UI_LIST_INCL);
	else
		book_scan_by(uc->ui->book, uc->order, a->key,
		    (flags & UI_LIST_INCL) ? a->c->id - 1 : a->c->id, 0,
		    ui_contacts_collect, &k, &e);
	if (err_isset(&e))
		ui_say_err(uc->ui, &e);
	return k.n;
}
