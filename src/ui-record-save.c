/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record's items: from a contact, checked, and saved back. */
#include "ui-record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"
#include "ui-prompt.h"
#include "book.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "when.h"
#include "xmalloc.h"

/* Newlines show as this in a one-line field, and go back on saving. */
#define UI_NL	"\xe2\x86\xb5"	/* U+21B5 */

/* The list a catalogue entry describes in a contact. */
#define UI_LIST(obj, d)	((struct field_list *)((char *)(obj) + (d)->off))

static char *
ui_record_subst(const char *s, const char *from, const char *to)
{
	struct buf	 b = BUF_INIT;
	const char	*p;

	while ((p = strstr(s, from)) != NULL) {
		buf_add(&b, s, p - s);
		buf_adds(&b, to);
		s = p + strlen(from);
	}
	buf_adds(&b, s);
	return buf_detach(&b);
}

static void
ui_record_add(struct ui_record *r, const struct field_def *d,
    const struct field_user *u, const char *type, const char *label,
    const char *text)
{
	struct ui_form_item	*it;
	struct ui_rfield	*rf;

	r->items = xreallocarray(r->items, r->n + 1, sizeof *r->items);
	r->rf = xreallocarray(r->rf, r->n + 1, sizeof *r->rf);
	it = &r->items[r->n];
	rf = &r->rf[r->n++];
	it->label = xstrdup(label);
	it->text = ui_record_subst(text != NULL ? text : "", "\n", UI_NL);
	it->invalid = 0;
	rf->def = d;
	rf->user = u;
	rf->type = type != NULL ? xstrdup(type) : NULL;
	rf->orig = xstrdup(it->text);
}

static void
ui_record_list(struct ui_record *r, const struct field_def *d)
{
	const struct field_list	*l = UI_LIST(r->c, d);
	char			 label[80];
	size_t			 i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].type != NULL)
			snprintf(label, sizeof label, "%s (%s)", d->name,
			    l->v[i].type);
		else
			snprintf(label, sizeof label, "%s", d->name);
		ui_record_add(r, d, NULL, l->v[i].type, label, l->v[i].text);
	}
	snprintf(label, sizeof label, "%s%s", d->name, l->n ? " +" : "");
	ui_record_add(r, d, NULL, NULL, label, "");
}

void
ui_record_items(struct ui *ui, struct ui_record *r)
{
	const struct field_users	*users = book_users(ui->book);
	const struct field_def		*d, *ud = NULL;
	char				*t;
	size_t				 i;

	for (i = 0; i < contact_nfields; i++) {
		d = &contact_fields[i];
		if (d->type == FIELD_USER)
			ud = d;
		if (d->flags & (FIELD_RO | FIELD_HIDDEN))
			continue;
		if (d->type == FIELD_LIST) {
			ui_record_list(r, d);
			continue;
		}
		t = field_text(d, r->c);
		ui_record_add(r, d, NULL, NULL, d->name, t);
		free(t);
	}
	for (i = 0; users != NULL && ud != NULL && i < users->n; i++)
		ui_record_add(r, ud, &users->v[i], NULL, users->v[i].label ?
		    users->v[i].label : users->v[i].name,
		    field_list_get(&r->c->user, users->v[i].name));
}

void
ui_record_items_free(struct ui_record *r)
{
	size_t	i;

	ui_form_free(r->form);
	r->form = NULL;
	for (i = 0; i < r->n; i++) {
		free(r->items[i].label);
		free(r->items[i].text);
		free(r->rf[i].type);
		free(r->rf[i].orig);
	}
	free(r->items);
	free(r->rf);
	r->items = NULL;
	r->rf = NULL;
	r->n = 0;
}

int
ui_record_dirty(const struct ui_record *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->items[i].text ? r->items[i].text : "",
		    r->rf[i].orig) != 0)
			return 1;
	return 0;
}

int
ui_record_check(const struct ui_record *r, size_t i, struct err *e)
{
	const struct ui_rfield	*rf = &r->rf[i];
	char			*v, msg[sizeof e->msg];
	int			 rc;

	v = ui_record_subst(r->items[i].text ? r->items[i].text : "", UI_NL,
	    "\n");
	if (rf->def->type == FIELD_BOOL)
		rc = *v && strcmp(v, "yes") && strcmp(v, "no") ? -1 : 0;
	else
		rc = field_check(rf->def, rf->user, v, e);
	if (rf->def->type == FIELD_BOOL && rc != 0)
		err_set(e, NULL, 0, "give yes or no");
	free(v);
	if (rc != 0) {
		snprintf(msg, sizeof msg, "%s", e->msg);
		err_set(e, NULL, 0, "%s: %s", r->items[i].label, msg);
	}
	return rc;
}

/* One item as an assignment for field_apply (NULL: nothing to do). */
static char *
ui_record_assign(const struct ui_record *r, size_t i)
{
	const struct ui_rfield	*rf = &r->rf[i];
	struct buf		 b = BUF_INIT;
	char			*v;

	v = ui_record_subst(r->items[i].text ? r->items[i].text : "", UI_NL,
	    "\n");
	if (rf->user != NULL)
		buf_addf(&b, "%s=%s", rf->user->name, v);
	else if (rf->def->type != FIELD_LIST)
		buf_addf(&b, "%s=%s", rf->def->name, v);
	else if (*v != '\0')
		buf_addf(&b, "%s%s%s+=%s", rf->def->name, rf->type ? "." : "",
		    rf->type ? rf->type : "", v);
	free(v);
	return b.len > 0 ? buf_detach(&b) : NULL;
}

/* The contact as the form says; NULL with the bad item marked. */
static struct contact *
ui_record_build(struct ui *ui, struct ui_record *r, struct err *e)
{
	struct contact	*c = contact_copy(r->c);
	char		*a;
	size_t		 i;
	int		 rc = 0;

	c->id = r->c->id;
	c->rev = r->c->rev;
	for (i = 0; i < contact_nfields; i++)
		if (contact_fields[i].type == FIELD_LIST)
			field_list_clear(UI_LIST(c, &contact_fields[i]));
	for (i = 0; i < r->n && rc == 0; i++) {
		if ((a = ui_record_assign(r, i)) == NULL)
			continue;
		if ((rc = field_apply(contact_fields, contact_nfields,
		    book_users(ui->book), c, a, NULL, e)) != 0) {
			r->items[i].invalid = 1;
			ui_form_set_current(r->form, i);
		}
		free(a);
	}
	if (rc == 0 && contact_validate(c, e) != 0)
		rc = -1;
	if (rc != 0) {
		contact_free(c);
		return NULL;
	}
	return c;
}

static char *
ui_record_line(const char *prefix, const char *text)
{
	struct buf	b = BUF_INIT;
	char		*t = ui_record_subst(text, "\n", UI_NL);

	buf_addf(&b, "%s%s", prefix, *t ? t : "(empty)");
	free(t);
	return buf_detach(&b);
}

/* Both versions, field by field where they differ, as a text view. */
static void
ui_record_both(struct ui *ui, struct ui_record *r, const struct contact *mine,
    const struct contact *theirs)
{
	const struct field_def	*d;
	char			**v = NULL, *a, *b, title[200];
	size_t			  n = 0, i;

	for (i = 0; i < contact_nfields; i++) {
		d = &contact_fields[i];
		if (d->flags & (FIELD_RO | FIELD_HIDDEN))
			continue;
		a = field_text(d, mine);
		b = field_text(d, theirs);
		if (strcmp(a, b) != 0) {
			v = xreallocarray(v, n + 3, sizeof *v);
			v[n++] = xstrdup(d->name);
			v[n++] = ui_record_line("  yours:  ", a);
			v[n++] = ui_record_line("  theirs: ", b);
		}
		free(a);
		free(b);
	}
	snprintf(title, sizeof title, "Both versions of %s: yours (not "
	    "saved) and theirs (saved by %s)", contact_label(theirs),
	    theirs->updated_by ? theirs->updated_by : "?");
	ui_text_show(ui, title, v, n);
	(void)r;
}

/* Someone saved the contact since it was opened: say who, and let the
 * user choose instead of overwriting.  0 when saved after all. */
static int
ui_record_conflict(struct ui *ui, struct ui_record *r, struct contact *mine)
{
	struct contact	*theirs;
	struct err	 e;
	char		 q[400], ts[32];
	int		 ch, rc = -1;

	err_clear(&e);
	if (book_contact_get(ui->book, r->c->id, &theirs, &e) != 0) {
		ui_say(ui, ROLE_ERROR, "someone else deleted this contact "
		    "meanwhile: Esc and n to add it again");
		return -1;
	}
	snprintf(q, sizeof q, "Changed by %s at %s: b see both, "
	    "o overwrite, t theirs, Esc keep ",
	    theirs->updated_by ? theirs->updated_by : "someone",
	    when_format(theirs->updated, 0, ts, sizeof ts));
	ch = ui_prompt_choose(ui, q, "bot");
	if (ch == 'b')
		ui_record_both(ui, r, mine, theirs);
	else if (ch == 'o') {
		mine->rev = theirs->rev;
		if ((rc = book_contact_save(ui->book, mine, &e)) != 0)
			ui_say(ui, ROLE_ERROR, "not saved: changed again");
	} else if (ch == 't') {
		contact_free(r->c);
		r->c = theirs;
		theirs = NULL;
		ui_record_items_free(r);
		ui_record_items(ui, r);
		ui_record_place(ui, r);
		ui_say(ui, ROLE_OK, "Showing their version; yours is gone");
	} else
		ui_say(ui, ROLE_ERROR, "Not saved: changed by %s meanwhile",
		    theirs->updated_by ? theirs->updated_by : "someone");
	contact_free(theirs);
	return rc;
}

/* After a save: the record as stored, with fresh items. */
static void
ui_record_saved(struct ui *ui, struct ui_record *r, uint64_t id)
{
	struct contact	*c;
	struct err	 e;

	err_clear(&e);
	if (book_contact_get(ui->book, id, &c, &e) != 0)
		return;
	ui_record_take(ui, r, c);
	ui_say(ui, ROLE_OK, "Saved");
}

int
ui_record_save(struct ui *ui, struct ui_record *r)
{
	struct contact	*c;
	struct err	 e;
	size_t		 i;
	int		 rc;

	err_clear(&e);
	if (ui_refuse_write(ui))
		return -1;
	for (i = 0; i < r->n; i++) {
		if (ui_record_check(r, i, &e) != 0) {
			ui_form_set_current(r->form, i);
			r->items[i].invalid = 1;
			r->editing = ui->editing = 1;	/* to correct it */
			ui_say_err(ui, &e);
			return -1;
		}
	}
	if ((c = ui_record_build(ui, r, &e)) == NULL) {
		ui_say_err(ui, &e);
		return -1;
	}
	if (r->c->id == 0)
		rc = book_contact_add(ui->book, c, &e);
	else
		rc = book_contact_save(ui->book, c, &e);
	if (rc == BOOK_CONFLICT)
		rc = ui_record_conflict(ui, r, c);
	else if (rc != 0)
		ui_say_err(ui, &e);
	if (rc == 0)
		ui_record_saved(ui, r, c->id);
	contact_free(c);
	return rc;
}
