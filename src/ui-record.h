/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_RECORD_H
#define KITH_UI_RECORD_H

/*
 * ui-record: the contact record's state, shared by its screen
 * (ui-record.c) and its saving and conflict handling (ui-record-save.c).
 * Each form item stands for one value: a text field, one value of a
 * list field (phones...), an empty one to add to a list, or a
 * user-defined field.
 */

#include <stddef.h>

#include "ui-form.h"
#include "ui-list.h"

struct activity;
struct deal;
struct deal_stages;
struct err;
struct contact;
struct field_def;
struct field_user;
struct ticket;
struct ui;

struct ui_rfield {
	const struct field_def	*def;
	const struct field_user	*user;		/* a user-defined field */
	char			*type;		/* of a list value */
	char			*orig;		/* the text as opened */
};

enum {
	UI_TAB_DETAILS, UI_TAB_PENDING, UI_TAB_HISTORY, UI_TAB_DEALS,
	UI_TAB_CASES, UI_TAB_NOTES, UI_NTABS
};

struct ui_record {
	struct contact		 *c;		/* as opened: its revision */
	struct ui_form_item	 *items;
	struct ui_rfield	 *rf;
	size_t			  n;
	struct ui_form		 *form;
	int			  editing;
	int			  tab;
	struct activity		**acts;
	size_t			  nacts;
	struct activity		**rows;		/* of the tab shown */
	size_t			  nrows;
	size_t			  npending;
	struct deal		**deals;	/* the contact's, by id */
	size_t			  ndeals;
	struct ticket		**cases;
	size_t			  ncases;
	char			**notes;	/* its note, line by line */
	size_t			  nnotes;
	struct deal_stages	 *stages;
	struct ui_list_array	  arr;
	struct ui_list		  list;
};

/* Items from r->c (the form rebuilt by the caller). */
void	ui_record_items(struct ui *ui, struct ui_record *r);
void	ui_record_items_free(struct ui_record *r);
/* Whether the texts differ from the record as opened. */
int	ui_record_dirty(const struct ui_record *r);
/* Checks item i as typed: 0, or -1 with the reason in e. */
int	ui_record_check(const struct ui_record *r, size_t i, struct err *e);
/* Saves (asking what to do on a conflict); 0 when saved. */
int	ui_record_save(struct ui *ui, struct ui_record *r);
/* Builds the form again for the screen's size. */
void	ui_record_place(struct ui *ui, struct ui_record *r);
/* Shows c (which it takes) in place of r->c, at the same field. */
void	ui_record_take(struct ui *ui, struct ui_record *r, struct contact *c);

/* The Deals, Cases and Notes tabs (ui-record-tabs.c): loads what they
 * show (and, on one of them, points r->arr at it); frees it. */
void	ui_record_crm_load(struct ui *ui, struct ui_record *r);
void	ui_record_crm_free(struct ui_record *r);
/* The count a tab shows, or -1; what an empty tab says. */
long	ui_record_tab_count(const struct ui_record *r, int tab);
const char *ui_record_tab_empty(const struct ui_record *r);
/* Enter on a deal or a case: its details in a text view. */
void	ui_record_crm_show(struct ui *ui, struct ui_record *r);
/* The form item of the contact's note, or -1. */
int	ui_record_note_item(const struct ui_record *r);

#endif /* KITH_UI_RECORD_H */
