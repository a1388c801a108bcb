/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_KEYS_H
#define KITH_UI_KEYS_H

/*
 * ui-keys: actions apart from keys.  Screens handle actions (ACT_OPEN),
 * never raw keys; the bindings are a table per view with help text, which
 * the configuration can override ("[keys]" section, "contacts.quit = Q"),
 * and from which the help screen is generated.  No curses here: keys are
 * ints, a wide character or a curses KEY_* code with UI_FKEY set.
 */

#include <stddef.h>

struct conf;
struct err;

#define UI_FKEY		0x40000000	/* set on curses function keys */

enum ui_action {
	ACT_NONE, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_HELP, ACT_LOOKUP, ACT_REDRAW,
	ACT_NEW, ACT_EDIT, ACT_SAVE, ACT_LOG, ACT_SCHEDULE, ACT_DONE,
	ACT_RESCHEDULE, ACT_DELETE, ACT_AGENDA, ACT_TAB, ACT_BACKTAB,
	ACT_SCOPE, ACT_SNOOZE, ACT_DISMISS, ACT_RELOAD, ACT_PIPELINE,
	ACT_CASES, ACT_REPORTS, ACT_STAGE_NEXT, ACT_STAGE_PREV,
	ACT_FILTER, ACT_SORT, ACT_NACTIONS
};

struct ui_binding {
	const char	*view;		/* "contacts", "record", ... */
	int		 action;
	int		 keys[4];	/* 0-terminated */
	const char	*help;
};

struct ui_keys;

/* The default table, with the configuration's overrides applied; NULL
 * with e set for an unknown view, action or key name. */
struct ui_keys	*ui_keys_load(const struct conf *conf, struct err *e);
void		 ui_keys_free(struct ui_keys *k);
/* The action bound to key in view, or ACT_NONE. */
int		 ui_keys_action(const struct ui_keys *k, const char *view,
		     int key);
/* The bindings of a view, in table order (i from 0 until NULL). */
const struct ui_binding *ui_keys_get(const struct ui_keys *k,
		     const char *view, size_t i);
/* The configuration's name of an action ("quit"). */
const char	*ui_keys_action_name(int action);
/* A key's name ("j", "Down", "C-f", "Enter") into buf. */
const char	*ui_keys_name(int key, char *buf, size_t len);
/* "j Down" style list of the keys bound to an action in a view. */
const char	*ui_keys_for(const struct ui_keys *k, const char *view,
		     int action, char *buf, size_t len);

#endif /* KITH_UI_KEYS_H */
