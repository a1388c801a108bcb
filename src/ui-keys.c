/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key bindings: the default table per view and the configuration's. */
#include "ui-keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "conf.h"
#include "err.h"
#include "utf8.h"
#include "xmalloc.h"

#define F(k)	((k) | UI_FKEY)
#define CTRL(c)	((c) & 0x1f)
#define ESC	27

struct ui_keys {
	struct ui_binding	*v;
	size_t			 n;
};

/* Indexed by enum ui_action: the names the configuration uses. */
static const char *const ui_keys_actions[ACT_NACTIONS] = {
	"none", "up", "down", "page-up", "page-down", "top", "bottom",
	"open", "back", "quit", "help", "lookup", "redraw", "new", "edit",
	"save", "log", "schedule", "done", "reschedule", "delete", "agenda",
	"next-tab", "prev-tab", "scope", "snooze", "dismiss", "reload",
	"pipeline", "cases", "reports", "next-stage", "prev-stage", "filter",
	"sort"
};

#define NAV(v) \
	{ v, ACT_UP, { 'k', F(KEY_UP) }, "move up" }, \
	{ v, ACT_DOWN, { 'j', F(KEY_DOWN) }, "move down" }, \
	{ v, ACT_PGDN, { CTRL('f'), F(KEY_NPAGE), ' ' }, "next page" }, \
	{ v, ACT_PGUP, { CTRL('b'), F(KEY_PPAGE) }, "previous page" }, \
	{ v, ACT_TOP, { 'g', F(KEY_HOME) }, "first line" }, \
	{ v, ACT_BOTTOM, { 'G', F(KEY_END) }, "last line" }, \
	{ v, ACT_HELP, { '?', F(KEY_F(1)) }, "this help" }, \
	{ v, ACT_REDRAW, { CTRL('l') }, "redraw the screen" }

/* The default bindings; the help screen lists them in this order. */
static const struct ui_binding ui_keys_default[] = {
	NAV("contacts"),
	{ "contacts", ACT_OPEN, { '\n' }, "open the contact" },
	{ "contacts", ACT_LOOKUP, { '/' }, "look up: narrows as you type" },
	{ "contacts", ACT_BACK, { ESC }, "clear the lookup" },
	{ "contacts", ACT_NEW, { 'n' }, "new contact" },
	{ "contacts", ACT_LOG, { 'l' }, "log a call with its outcome" },
	{ "contacts", ACT_SCHEDULE, { 's' }, "schedule a call-back" },
	{ "contacts", ACT_DELETE, { 'd' }, "delete the contact (asks)" },
	{ "contacts", ACT_AGENDA, { 'a' }, "agenda: the calls to make" },
	{ "contacts", ACT_SCOPE, { 'o' }, "mine only / everyone's" },
	{ "contacts", ACT_FILTER, { 'f' },
	    "filter by fields: status=customer tag=vip city~hagen" },
	{ "contacts", ACT_SORT, { 'S' },
	    "sort by name, company, city, status or owner (cycles)" },
	{ "contacts", ACT_PIPELINE, { 'p' }, "pipeline: deals by stage" },
	{ "contacts", ACT_CASES, { 'c' }, "support cases" },
	{ "contacts", ACT_REPORTS, { 'r' },
	    "groups (retention: dormant, stale cases, overdue deals) and "
	    "reports" },
	{ "contacts", ACT_QUIT, { 'q' }, "quit kith" },
	NAV("record"),
	{ "record", ACT_EDIT, { '\n', 'e', 'i' },
	    "edit the field; on an activity, a deal or a case, show all "
	    "of it; on the notes, edit them" },
	{ "record", ACT_SAVE, { 'w', F(KEY_F(2)), CTRL('s') }, "save" },
	{ "record", ACT_TAB, { '\t', F(KEY_RIGHT) }, "next tab" },
	{ "record", ACT_BACKTAB, { F(KEY_BTAB), F(KEY_LEFT) },
	    "previous tab" },
	{ "record", ACT_LOG, { 'l' }, "log a call with its outcome" },
	{ "record", ACT_SCHEDULE, { 's' }, "schedule a call-back" },
	{ "record", ACT_DONE, { 'c' }, "complete the selected activity" },
	{ "record", ACT_RESCHEDULE, { 'r' }, "reschedule the activity" },
	{ "record", ACT_DELETE, { 'd' },
	    "delete the contact, or the selected activity (asks)" },
	{ "record", ACT_NEW, { 'n' }, "new contact" },
	{ "record", ACT_BACK, { ESC, 'q' }, "back (asks to save changes)" },
	{ "field", ACT_BACK, { '\n', ESC }, "end editing the field" },
	{ "field", ACT_DOWN, { '\t', F(KEY_DOWN) }, "next field" },
	{ "field", ACT_UP, { F(KEY_BTAB), F(KEY_UP) }, "previous field" },
	{ "field", ACT_SAVE, { F(KEY_F(2)), CTRL('s') }, "save" },
	NAV("agenda"),
	{ "agenda", ACT_OPEN, { '\n' }, "go to the contact" },
	{ "agenda", ACT_DONE, { 'c' }, "complete the activity" },
	{ "agenda", ACT_RESCHEDULE, { 'r' }, "reschedule the activity" },
	{ "agenda", ACT_LOG, { 'l' }, "log a call with the contact" },
	{ "agenda", ACT_SCOPE, { 'o' }, "mine / the office's" },
	{ "agenda", ACT_BACK, { ESC, 'q' }, "back to the contacts" },
	{ "alarm", ACT_OPEN, { '\n', 'o' }, "open the contact" },
	{ "alarm", ACT_DONE, { 'c' }, "complete the activity" },
	{ "alarm", ACT_SNOOZE, { 'z' }, "snooze (asks for how long)" },
	{ "alarm", ACT_DISMISS, { ESC, 'q' }, "dismiss" },
	NAV("pipeline"),
	{ "pipeline", ACT_STAGE_NEXT, { '>', '.' }, "move the deal a stage on" },
	{ "pipeline", ACT_STAGE_PREV, { '<', ',' },
	    "move the deal a stage back" },
	{ "pipeline", ACT_OPEN, { '\n' }, "go to the deal's contact" },
	{ "pipeline", ACT_LOOKUP, { '/' }, "only one close month" },
	{ "pipeline", ACT_SCOPE, { 'o' }, "mine / the office's" },
	{ "pipeline", ACT_BACK, { ESC, 'q' }, "back" },
	NAV("cases"),
	{ "cases", ACT_OPEN, { '\n' }, "go to the case's contact" },
	{ "cases", ACT_DONE, { 'c' }, "resolve the case" },
	{ "cases", ACT_LOOKUP, { '/' }, "filter: a query (status=closed)" },
	{ "cases", ACT_SCOPE, { 'o' }, "mine / the office's" },
	{ "cases", ACT_BACK, { ESC, 'q' }, "back" },
	NAV("reports"),
	{ "reports", ACT_OPEN, { '\n' }, "show the group or the report" },
	{ "reports", ACT_SCOPE, { 'o' }, "mine / the office's" },
	{ "reports", ACT_BACK, { ESC, 'q' }, "back" },
	NAV("help"),
	{ "help", ACT_BACK, { ESC, 'q' }, "close the help" },
	NAV("text"),
	{ "text", ACT_BACK, { ESC, 'q' }, "close" },
};

/* Key names besides printable characters and C-x. */
static const struct {
	const char	*name;
	int		 key;
} ui_keys_names[] = {
	{ "Enter", '\n' }, { "Esc", ESC }, { "Tab", '\t' }, { "Space", ' ' },
	{ "BTab", F(KEY_BTAB) }, { "Up", F(KEY_UP) }, { "Down", F(KEY_DOWN) },
	{ "Left", F(KEY_LEFT) }, { "Right", F(KEY_RIGHT) },
	{ "PageUp", F(KEY_PPAGE) }, { "PageDown", F(KEY_NPAGE) },
	{ "Home", F(KEY_HOME) }, { "End", F(KEY_END) },
	{ "Backspace", F(KEY_BACKSPACE) }, { "Delete", F(KEY_DC) },
	{ "Insert", F(KEY_IC) },
	{ "F1", F(KEY_F(1)) }, { "F2", F(KEY_F(2)) }, { "F3", F(KEY_F(3)) },
	{ "F4", F(KEY_F(4)) }, { "F5", F(KEY_F(5)) }, { "F6", F(KEY_F(6)) },
	{ "F7", F(KEY_F(7)) }, { "F8", F(KEY_F(8)) }, { "F9", F(KEY_F(9)) },
	{ "F10", F(KEY_F(10)) }, { "F11", F(KEY_F(11)) },
	{ "F12", F(KEY_F(12)) },
};
#define UI_KEYS_NNAMES (sizeof ui_keys_names / sizeof ui_keys_names[0])

const char *
ui_keys_name(int key, char *buf, size_t len)
{
	char	u[5];
	size_t	i, n;

	for (i = 0; i < UI_KEYS_NNAMES; i++)
		if (ui_keys_names[i].key == key)
			return ui_keys_names[i].name;
	if (key > 0 && key < 0x20)
		snprintf(buf, len, "C-%c", key + 'a' - 1);
	else if ((key & UI_FKEY) || (n = utf8_encode(key, u)) == 0)
		snprintf(buf, len, "key%d", key & ~UI_FKEY);
	else {
		u[n] = '\0';
		snprintf(buf, len, "%s", u);
	}
	return buf;
}

const char *
ui_keys_action_name(int action)
{
	if (action < 0 || action >= ACT_NACTIONS)
		return "none";
	return ui_keys_actions[action];
}

/* A key from its name; 0 when there is no such key. */
static int
ui_keys_parse_key(const char *s)
{
	uint32_t	cp;
	size_t		i;

	for (i = 0; i < UI_KEYS_NNAMES; i++)
		if (strcasecmp(ui_keys_names[i].name, s) == 0)
			return ui_keys_names[i].key;
	if ((strlen(s) == 3 && (s[0] | 0x20) == 'c' && s[1] == '-') ||
	    (strlen(s) == 2 && s[0] == '^')) {
		i = (unsigned char)s[strlen(s) - 1] | 0x20;
		if (i >= 'a' && i <= 'z')
			return CTRL(i);
	}
	if (utf8_decode(s, strlen(s), &cp) == (int)strlen(s) && cp >= 0x20)
		return (int)cp;
	return 0;
}

static int
ui_keys_parse_action(const char *s)
{
	int	i;

	for (i = 1; i < ACT_NACTIONS; i++)
		if (strcmp(ui_keys_actions[i], s) == 0)
			return i;
	return -1;
}

/* Takes key away from every binding of view (it is being rebound). */
static void
ui_keys_unbind(struct ui_keys *k, const char *view, int key)
{
	size_t	i, j;

	for (i = 0; i < k->n; i++) {
		if (strcmp(k->v[i].view, view) != 0)
			continue;
		for (j = 0; j < 4 && k->v[i].keys[j] != 0; j++) {
			if (k->v[i].keys[j] != key)
				continue;
			memmove(&k->v[i].keys[j], &k->v[i].keys[j + 1],
			    (3 - j) * sizeof k->v[i].keys[j]);
			k->v[i].keys[3] = 0;
			j--;
		}
	}
}

static struct ui_binding *
ui_keys_lookup(struct ui_keys *k, const char *view, int action)
{
	size_t	i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->v[i].view, view) == 0 && k->v[i].action == action)
			return &k->v[i];
	return NULL;
}

/* One override: key "keys.VIEW.ACTION", value the key names. */
static int
ui_keys_override(struct ui_keys *k, const struct conf_entry *ce,
    struct err *e)
{
	struct ui_binding	*b = NULL;
	char			*copy, *dot, *tok, *save;
	int			 key, n = 0, keys[4] = { 0 };

	copy = xstrdup(ce->key + 5);
	if ((dot = strrchr(copy, '.')) != NULL) {
		*dot = '\0';
		if (ui_keys_parse_action(dot + 1) > 0)
			b = ui_keys_lookup(k, copy,
			    ui_keys_parse_action(dot + 1));
	}
	free(copy);
	if (b == NULL) {
		err_set(e, ce->file, ce->line, "no key binding \"%s\" (give "
		    "VIEW.ACTION, e.g. contacts.quit)", ce->key + 5);
		return -1;
	}
	copy = xstrdup(ce->value);
	for (tok = strtok_r(copy, " \t,", &save); tok != NULL && n < 3;
	    tok = strtok_r(NULL, " \t,", &save)) {
		if ((key = ui_keys_parse_key(tok)) == 0) {
			err_set(e, ce->file, ce->line, "unknown key \"%s\"",
			    tok);
			free(copy);
			return -1;
		}
		ui_keys_unbind(k, b->view, key);
		keys[n++] = key;
	}
	free(copy);
	memcpy(b->keys, keys, sizeof keys);
	return 0;
}

struct ui_keys *
ui_keys_load(const struct conf *conf, struct err *e)
{
	struct ui_keys	*k;
	size_t		 i;

	k = xcalloc(1, sizeof *k);
	k->n = sizeof ui_keys_default / sizeof ui_keys_default[0];
	k->v = xreallocarray(NULL, k->n, sizeof *k->v);
	memcpy(k->v, ui_keys_default, sizeof ui_keys_default);
	for (i = 0; conf != NULL && i < conf->n; i++) {
		if (strncmp(conf->v[i].key, "keys.", 5) != 0)
			continue;
		if (ui_keys_override(k, &conf->v[i], e) != 0) {
			ui_keys_free(k);
			return NULL;
		}
	}
	return k;
}

void
ui_keys_free(struct ui_keys *k)
{
	if (k == NULL)
		return;
	free(k->v);
	free(k);
}

int
ui_keys_action(const struct ui_keys *k, const char *view, int key)
{
	size_t	i, j;

	for (i = 0; i < k->n; i++) {
		if (strcmp(k->v[i].view, view) != 0)
			continue;
		for (j = 0; j < 4 && k->v[i].keys[j] != 0; j++)
			if (k->v[i].keys[j] == key)
				return k->v[i].action;
	}
	return ACT_NONE;
}

const struct ui_binding *
ui_keys_get(const struct ui_keys *k, const char *view, size_t n)
{
	size_t	i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->v[i].view, view) == 0 && n-- == 0)
			return &k->v[i];
	return NULL;
}

const char *
ui_keys_for(const struct ui_keys *k, const char *view, int action,
    char *buf, size_t len)
{
	const struct ui_binding	*b;
	char			 name[32];
	size_t			 i, j;

	buf[0] = '\0';
	for (i = 0; (b = ui_keys_get(k, view, i)) != NULL; i++) {
		if (b->action != action)
			continue;
		for (j = 0; j < 4 && b->keys[j] != 0; j++) {
			if (buf[0] != '\0')
				strncat(buf, " ", len - strlen(buf) - 1);
			strncat(buf, ui_keys_name(b->keys[j], name,
			    sizeof name), len - strlen(buf) - 1);
		}
	}
	return buf;
}
