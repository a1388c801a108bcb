/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The help screen, generated from the key table, and a text viewer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"
#include "ui-list.h"
#include "buf.h"
#include "utf8.h"
#include "xmalloc.h"

struct ui_text {
	char			 *title;
	char			**lines;
	struct ui_list_array	  arr;
	struct ui_list		  list;
};

static void
ui_text_row(struct ui *ui, void *arg, const void *row, int y, int width,
    int selected)
{
	attrset(ui_theme_attr(&ui->theme, selected ? ROLE_SELECTED :
	    ROLE_NORMAL));
	ui_put(stdscr, y, 0, row, width);
	attrset(A_NORMAL);
}

struct ui_text_arg {
	const char	 *title;
	char		**lines;
	size_t		  n;
};

static int
ui_text_enter(struct ui *ui, struct screen *s, void *arg)
{
	struct ui_text_arg	*a = arg;
	struct ui_text		*t = xcalloc(1, sizeof *t);

	t->title = xstrdup(a->title);
	t->lines = a->lines;
	t->arr.v = (void **)a->lines;
	t->arr.n = a->n;
	t->arr.draw = ui_text_row;
	ui_list_init(&t->list, &ui_list_array_src, &t->arr);
	ui_list_place(&t->list, 1, LINES - 2);
	ui_list_reset(&t->list, 0);
	s->data = t;
	return 0;
}

static void
ui_text_leave(struct ui *ui, struct screen *s)
{
	struct ui_text	*t = s->data;
	size_t		 i;

	ui_list_clear(&t->list);
	for (i = 0; i < t->arr.n; i++)
		free(t->lines[i]);
	free(t->lines);
	free(t->title);
	free(t);
}

static int
ui_text_key(struct ui *ui, struct screen *s, int act, int key)
{
	struct ui_text	*t = s->data;

	if (act == ACT_BACK || act == ACT_HELP) {
		ui_pop(ui);
		return UI_DRAW_SCREEN;
	}
	if (act == ACT_RELOAD)
		return UI_DRAW_NONE;
	return ui_list_move(&t->list, act) ? UI_DRAW_SCREEN : UI_DRAW_NONE;
}

static void
ui_text_draw(struct ui *ui, struct screen *s)
{
	static const struct ui_hint hints[] = { { ACT_BACK, "close" },
	    { ACT_DOWN, "down" }, { ACT_PGDN, "page" }, { 0, NULL } };
	struct ui_text	*t = s->data;

	ui_draw_title(ui, t->title, NULL);
	ui_list_draw(ui, &t->list, COLS);
	ui_draw_hints(ui, s->ops->name, hints);
}

static void
ui_text_resize(struct ui *ui, struct screen *s)
{
	struct ui_text	*t = s->data;

	ui_list_place(&t->list, 1, LINES - 2);
}

const struct screen_ops ui_text_ops = {
	"text", ui_text_enter, ui_text_key, ui_text_draw, ui_text_resize,
	ui_text_leave, 0
};
const struct screen_ops ui_help_ops = {
	"help", ui_text_enter, ui_text_key, ui_text_draw, ui_text_resize,
	ui_text_leave, 0
};

static int
ui_text_push(struct ui *ui, const struct screen_ops *ops, const char *title,
    char **lines, size_t n)
{
	struct ui_text_arg	a = { title, lines, n };
	size_t			i;

	if (ui_push(ui, ops, &a) == 0)
		return 0;
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return -1;
}

int
ui_text_show(struct ui *ui, const char *title, char **lines, size_t n)
{
	return ui_text_push(ui, &ui_text_ops, title, lines, n);
}

/* One line per binding: the keys in a column, then what they do. */
static char *
ui_help_line(const struct ui_keys *k, const struct ui_binding *b)
{
	struct buf	 out = BUF_INIT;
	char		 keys[128];
	char		*fit;

	ui_keys_for(k, b->view, b->action, keys, sizeof keys);
	if (keys[0] == '\0')
		strcpy(keys, "(none)");
	fit = utf8_fit(keys, 20);
	buf_addf(&out, "  %s  %s (%s.%s)", fit, b->help, b->view,
	    ui_keys_action_name(b->action));
	free(fit);
	return buf_detach(&out);
}

static void
ui_help_add(char ***v, size_t *n, char *line)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = line;
}

static void
ui_help_view(const struct ui_keys *k, const char *view, const char *title,
    char ***v, size_t *n)
{
	const struct ui_binding	*b;
	size_t			 i;

	ui_help_add(v, n, xstrdup(title));
	for (i = 0; (b = ui_keys_get(k, view, i)) != NULL; i++)
		ui_help_add(v, n, ui_help_line(k, b));
	ui_help_add(v, n, xstrdup(""));
}

int
ui_help_show(struct ui *ui)
{
	struct screen	 *top = ui_top(ui);
	const char	 *view = top != NULL ? top->ops->name : "contacts";
	char		**v = NULL, title[128];
	size_t		  n = 0;

	snprintf(title, sizeof title, "Keys of the %s view:", view);
	ui_help_view(ui->keys, view, title, &v, &n);
	if (strcmp(view, "record") == 0)
		ui_help_view(ui->keys, "field", "While a field is edited "
		    "(Left, Right, Home, End, Backspace and Delete edit):",
		    &v, &n);
	ui_help_add(&v, &n, xstrdup("In a prompt: Enter accepts, Esc "
	    "cancels; Left, Right, Home (C-a), End (C-e), C-u edit."));
	ui_help_add(&v, &n, xstrdup("Change a key in the configuration "
	    "file: [keys] then VIEW.ACTION = KEYS, e.g. contacts.quit = Q "
	    "(see kith-config(5))."));
	snprintf(title, sizeof title, "kith help: %s", view);
	return ui_text_push(ui, &ui_help_ops, title, v, n);
}

/*
 * The hint line: each hint's first key and label.  When the line is wider
 * than the screen, hints are left out from the end, all but help's, so
 * that the key to every other one stays in sight.
 */
void
ui_hints(struct ui *ui, const char *view, const struct ui_hint *h,
    char *buf, size_t len)
{
	char	keys[64], *sp;
	size_t	n, i, keep;

	for (n = 0; h[n].label != NULL; n++)
		;
	for (keep = n;; keep--) {
		buf[0] = '\0';
		for (i = 0; i < n; i++) {
			if (i >= keep && h[i].act != ACT_HELP)
				continue;
			ui_keys_for(ui->keys, view, h[i].act, keys,
			    sizeof keys);
			if ((sp = strchr(keys, ' ')) != NULL)
				*sp = '\0';
			if (keys[0] == '\0')
				continue;
			snprintf(buf + strlen(buf), len - strlen(buf),
			    "%s%s %s", buf[0] != '\0' ? "  " : "", keys,
			    h[i].label);
		}
		if (keep == 0 || utf8_width(buf) <= COLS)
			break;
	}
}

void
ui_draw_hints(struct ui *ui, const char *view, const struct ui_hint *h)
{
	char	buf[512];

	ui_hints(ui, view, h, buf, sizeof buf);
	ui_draw_status(ui, buf);
}
