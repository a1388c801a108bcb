/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_FORM_H
#define KITH_UI_FORM_H

/*
 * ui-form: a page of labelled one-line fields over the ncurses form
 * library, wide-character.  The items (label, text) belong to the
 * caller; the form keeps each item's text up to date, so rebuilding the
 * form for a new terminal size never loses what was typed.  It knows
 * nothing of contacts: validation is the caller's.
 */

#include <stddef.h>

struct ui;

struct ui_form_item {
	char	*label;
	char	*text;		/* the value shown (malloc'd) */
	int	 invalid;	/* drawn as invalid */
};

struct ui_form;

struct ui_form	*ui_form_new(struct ui_form_item *items, size_t n);
void		 ui_form_free(struct ui_form *f);
/* (Re)builds the form in a box of the screen, keeping texts. */
void		 ui_form_place(struct ui *ui, struct ui_form *f, int y,
		     int height, int width);
/* Draws labels and fields; editing shows the cursor in the field. */
void		 ui_form_draw(struct ui *ui, struct ui_form *f, int editing);
size_t		 ui_form_current(const struct ui_form *f);
void		 ui_form_set_current(struct ui_form *f, size_t i);
/* Feeds an editing key to the current field: 1 if the text changed,
 * 0 if not, -1 if it is no editing key. */
int		 ui_form_key(struct ui_form *f, int key);
/* Marks the current field valid or not, redrawing it in place. */
void		 ui_form_mark(struct ui *ui, struct ui_form *f, int invalid);
/* "page 1/2" or "" when one page. */
const char	*ui_form_page(const struct ui_form *f, char *buf, size_t len);

#endif /* KITH_UI_FORM_H */
