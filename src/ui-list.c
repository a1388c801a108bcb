/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The paged list widget: the rows on the screen, fetched by pages. */
#include "ui-list.h"

#include <stdlib.h>
#include <string.h>

#include "ui-int.h"
#include "xmalloc.h"

void
ui_list_init(struct ui_list *l, const struct ui_list_src *src, void *arg)
{
	memset(l, 0, sizeof *l);
	l->src = src;
	l->arg = arg;
}

/* Frees rows [from, from + n) and closes the gap. */
static void
ui_list_drop(struct ui_list *l, size_t from, size_t n)
{
	size_t	i;

	if (n == 0)
		return;
	for (i = from; i < from + n; i++)
		if (l->src->free != NULL)
			l->src->free(l->arg, l->rows[i]);
	memmove(l->rows + from, l->rows + from + n,
	    (l->n - from - n) * sizeof *l->rows);
	l->n -= n;
}

void
ui_list_clear(struct ui_list *l)
{
	ui_list_drop(l, 0, l->n);
	free(l->rows);
	l->rows = NULL;
	l->sel = 0;
}

static size_t
ui_list_cap(const struct ui_list *l)
{
	return l->height > 0 ? (size_t)l->height : 1;
}

/* Room for n more rows. */
static void
ui_list_grow(struct ui_list *l, size_t n)
{
	l->rows = xreallocarray(l->rows, l->n + n + 1, sizeof *l->rows);
}

/* Appends up to n rows after the last one; returns how many came. */
static size_t
ui_list_more_after(struct ui_list *l, size_t n)
{
	size_t	got;

	ui_list_grow(l, n);
	got = l->src->fetch(l->arg, l->n > 0 ? l->rows[l->n - 1] : NULL, 0,
	    n, l->rows + l->n);
	l->n += got;
	return got;
}

/* Prepends up to n rows before the first one. */
static size_t
ui_list_more_before(struct ui_list *l, size_t n)
{
	void	**tmp;
	size_t	  got, i;

	if (l->n == 0)
		return 0;
	tmp = xreallocarray(NULL, n + 1, sizeof *tmp);
	got = l->src->fetch(l->arg, l->rows[0], UI_LIST_BACK, n, tmp);
	ui_list_grow(l, got);
	memmove(l->rows + got, l->rows, l->n * sizeof *l->rows);
	for (i = 0; i < got; i++)
		l->rows[got - 1 - i] = tmp[i];
	l->n += got;
	free(tmp);
	return got;
}

void
ui_list_reset(struct ui_list *l, int bottom)
{
	size_t	cap = ui_list_cap(l), got, i;
	void	*t;

	ui_list_clear(l);
	ui_list_grow(l, cap);
	got = l->src->fetch(l->arg, NULL, bottom ? UI_LIST_BACK : 0, cap,
	    l->rows);
	l->n = got;
	if (bottom) {
		for (i = 0; i < got / 2; i++) {
			t = l->rows[i];
			l->rows[i] = l->rows[got - 1 - i];
			l->rows[got - 1 - i] = t;
		}
	}
	l->sel = bottom && got > 0 ? got - 1 : 0;
}

void
ui_list_reload(struct ui_list *l)
{
	void	**old = l->rows;
	size_t	  oldn = l->n, sel = l->sel, i, cap = ui_list_cap(l);

	if (oldn == 0) {
		ui_list_reset(l, 0);
		return;
	}
	l->rows = xreallocarray(NULL, cap + 1, sizeof *l->rows);
	l->n = l->src->fetch(l->arg, old[0], UI_LIST_INCL, cap, l->rows);
	for (i = 0; i < oldn; i++)
		if (l->src->free != NULL)
			l->src->free(l->arg, old[i]);
	free(old);
	if (l->n < cap)
		ui_list_more_before(l, cap - l->n);
	l->sel = l->n == 0 ? 0 : sel < l->n ? sel : l->n - 1;
}

void
ui_list_place(struct ui_list *l, int y, int height)
{
	size_t	cap;

	l->y = y;
	l->height = height;
	cap = ui_list_cap(l);
	if (l->n > cap) {
		if (l->sel >= cap) {
			ui_list_drop(l, 0, l->sel - cap + 1);
			l->sel = cap - 1;
		}
		ui_list_drop(l, cap, l->n - cap);
	} else if (l->n < cap && l->n > 0) {
		ui_list_more_after(l, cap - l->n);
		if (l->n < cap)
			l->sel += ui_list_more_before(l, cap - l->n);
	}
}

/* Scrolls by up to n rows down (fetching); returns how far it went. */
static size_t
ui_list_scroll_down(struct ui_list *l, size_t n)
{
	size_t	got = ui_list_more_after(l, n);

	if (l->n > ui_list_cap(l))
		ui_list_drop(l, 0, l->n - ui_list_cap(l));
	return got;
}

static size_t
ui_list_scroll_up(struct ui_list *l, size_t n)
{
	size_t	got = ui_list_more_before(l, n);

	if (l->n > ui_list_cap(l))
		ui_list_drop(l, ui_list_cap(l), l->n - ui_list_cap(l));
	return got;
}

static void
ui_list_down(struct ui_list *l)
{
	if (l->sel + 1 < l->n)
		l->sel++;
	else if (l->n > 0 && ui_list_scroll_down(l, 1) > 0)
		l->sel = l->n - 1;
}

static void
ui_list_up(struct ui_list *l)
{
	if (l->sel > 0)
		l->sel--;
	else
		ui_list_scroll_up(l, 1);
}

int
ui_list_move(struct ui_list *l, int action)
{
	size_t	cap = ui_list_cap(l);

	switch (action) {
	case ACT_DOWN:
		ui_list_down(l);
		break;
	case ACT_UP:
		ui_list_up(l);
		break;
	case ACT_PGDN:
		if (l->n == 0 || ui_list_scroll_down(l, cap) == 0)
			l->sel = l->n > 0 ? l->n - 1 : 0;
		break;
	case ACT_PGUP:
		if (ui_list_scroll_up(l, cap) == 0)
			l->sel = 0;
		break;
	case ACT_TOP:
		ui_list_reset(l, 0);
		break;
	case ACT_BOTTOM:
		ui_list_reset(l, 1);
		break;
	default:
		return 0;
	}
	if (l->sel >= l->n)
		l->sel = l->n > 0 ? l->n - 1 : 0;
	return 1;
}

void
ui_list_draw(struct ui *ui, struct ui_list *l, int width)
{
	size_t	i;

	for (i = 0; i < (size_t)l->height; i++) {
		if (i < l->n)
			l->src->draw(ui, l->arg, l->rows[i], l->y + (int)i,
			    width, i == l->sel);
		else {
			move(l->y + (int)i, 0);
			clrtoeol();
		}
	}
}

void *
ui_list_selected(const struct ui_list *l)
{
	return l->n > 0 && l->sel < l->n ? l->rows[l->sel] : NULL;
}

/* The array source: anchors are found by pointer. */
static size_t
ui_list_array_fetch(void *arg, const void *anchor, int flags, size_t n,
    void **out)
{
	struct ui_list_array	*a = arg;
	size_t			 i = 0, got = 0;
	long			 at;

	if (anchor != NULL) {
		while (i < a->n && a->v[i] != anchor)
			i++;
		if (i == a->n)
			return 0;
	}
	if (flags & UI_LIST_BACK) {
		at = anchor == NULL ? (long)a->n - 1 : (long)i -
		    ((flags & UI_LIST_INCL) ? 0 : 1);
		for (; at >= 0 && got < n; at--)
			out[got++] = a->v[at];
		return got;
	}
	if (anchor != NULL && !(flags & UI_LIST_INCL))
		i++;
	for (; i < a->n && got < n; i++)
		out[got++] = a->v[i];
	return got;
}

static void
ui_list_array_draw(struct ui *ui, void *arg, const void *row, int y,
    int width, int selected)
{
	struct ui_list_array	*a = arg;

	a->draw(ui, a->arg, row, y, width, selected);
}

const struct ui_list_src ui_list_array_src = {
	ui_list_array_fetch, NULL, ui_list_array_draw
};

void
ui_list_array_show(struct ui_list *l, struct ui_list_array *a, void **v,
    size_t n)
{
	a->v = v;
	a->n = n;
	ui_list_init(l, &ui_list_array_src, a);
	ui_list_place_view(l);
	ui_list_reset(l, 0);
}

void
ui_list_array_free(struct ui_list *l, void **v, size_t n,
    void (*free_row)(void *))
{
	size_t	i;

	ui_list_clear(l);
	for (i = 0; i < n; i++)
		free_row(v[i]);
	free(v);
}

void
ui_list_place_view(struct ui_list *l)
{
	ui_list_place(l, 2, LINES - 3);
}

void
ui_list_select(struct ui_list *l, size_t want, size_t n)
{
	size_t	i;

	for (i = 0; i < want && i + 1 < n; i++)
		ui_list_move(l, ACT_DOWN);
}
