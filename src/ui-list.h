/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_LIST_H
#define KITH_UI_LIST_H

/*
 * ui-list: the one paged list widget every list uses.  It holds only the
 * rows on the screen and asks a source for more a page at a time, so a
 * list of 100 000 contacts costs what a page costs.  Sources that have
 * their rows in memory anyway use the array source.
 */

#include <stddef.h>

struct ui;

#define UI_LIST_BACK	0x1	/* rows before the anchor, nearest first */
#define UI_LIST_INCL	0x2	/* the anchor row itself too */

struct ui_list_src {
	/* Up to n rows after (or before) anchor into out; anchor NULL
	 * means from the start (or the end).  Returns the count. */
	size_t	(*fetch)(void *arg, const void *anchor, int flags, size_t n,
		    void **out);
	void	(*free)(void *arg, void *row);		/* may be NULL */
	/* Draws a row at y across width columns. */
	void	(*draw)(struct ui *ui, void *arg, const void *row, int y,
		    int width, int selected);
};

struct ui_list {
	const struct ui_list_src	*src;
	void				*arg;
	void				**rows;
	size_t				 n;
	size_t				 sel;
	int				 y;		/* first screen row */
	int				 height;
};

void	ui_list_init(struct ui_list *l, const struct ui_list_src *src,
	    void *arg);
void	ui_list_clear(struct ui_list *l);
/* Sets the place on the screen; fetches or drops rows to fit. */
void	ui_list_place(struct ui_list *l, int y, int height);
/* From the top (or the end when bottom is set). */
void	ui_list_reset(struct ui_list *l, int bottom);
/* Fetches the page again from its first row (the data changed). */
void	ui_list_reload(struct ui_list *l);
/* Handles a movement action; 1 if it was one. */
int	ui_list_move(struct ui_list *l, int action);
void	ui_list_draw(struct ui *ui, struct ui_list *l, int width);
/* The selected row, or NULL when the list is empty. */
void	*ui_list_selected(const struct ui_list *l);

/* The array source: rows are pointers into v, which the caller owns. */
struct ui_list_array {
	void	**v;
	size_t	  n;
	void	(*draw)(struct ui *ui, void *arg, const void *row, int y,
		    int width, int selected);
	void	 *arg;
};
extern const struct ui_list_src ui_list_array_src;

/* Points l at the n rows of v through a (whose draw and arg are set),
 * in a view's usual place, from the top. */
void	ui_list_array_show(struct ui_list *l, struct ui_list_array *a,
	    void **v, size_t n);
/* Empties l, frees each of the n rows of v with free_row, then v. */
void	ui_list_array_free(struct ui_list *l, void **v, size_t n,
	    void (*free_row)(void *));
/* The usual place of a view's list: below the title and the column
 * header, above the status line. */
void	ui_list_place_view(struct ui_list *l);
/* Moves the selection down to row want of the n (or the last). */
void	ui_list_select(struct ui_list *l, size_t want, size_t n);

#endif /* KITH_UI_LIST_H */
