/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_INT_H
#define KITH_UI_INT_H

/*
 * ui-int: what the interface's own files share and nothing else sees:
 * struct ui (one running interface), the screen vtable and the screen
 * stack, and the helpers of ui.c.  Only ui*.c include it; it includes
 * curses.  Screens never read the keyboard themselves except through
 * ui_getkey(), so resizing, signals and alarms are handled in one place.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include <curses.h>

#include "ui-keys.h"
#include "ui-theme.h"

struct book;
struct err;
struct conf;
struct ui;

/* What key() asks to redraw. */
#define UI_DRAW_NONE	0
#define UI_DRAW_SCREEN	1

/* Pseudo-keys from ui_getkey(). */
#define UI_KEY_NONE	(-1)	/* timeout */
#define UI_KEY_RESIZE	(-2)	/* the terminal changed size (redrawn) */
#define UI_KEY_STOP	(-3)	/* a signal: close everything */

/* Minimum terminal size; smaller shows "terminal too small". */
#define UI_MIN_COLS	24
#define UI_MIN_ROWS	6

struct screen;

/*
 * A screen: enter gets its argument and sets scr->data (nonzero refuses),
 * key gets an action (ACT_NONE when unbound) with the raw key and returns
 * UI_DRAW_*, draw paints the whole terminal, resize follows a new size,
 * leave frees.  ACT_RELOAD tells the top screen that the data changed.
 */
struct screen_ops {
	const char	*name;		/* the view name in ui-keys */
	int		(*enter)(struct ui *, struct screen *, void *arg);
	int		(*key)(struct ui *, struct screen *, int act, int key);
	void		(*draw)(struct ui *, struct screen *);
	void		(*resize)(struct ui *, struct screen *);
	void		(*leave)(struct ui *, struct screen *);
	int		 popup;		/* drawn over the screen below */
};

struct screen {
	const struct screen_ops	*ops;
	void			*data;
};

#define UI_MAX_DEPTH	16

struct ui {
	struct book		*book;
	const struct conf	*conf;
	struct ui_keys		*keys;
	struct ui_theme		 theme;
	struct screen		 stack[UI_MAX_DEPTH];
	size_t			 depth;
	int			 readonly;	/* not a UTF-8 locale */
	int			 quit;
	int			 editing;	/* a field or prompt is open */
	int			 everyone;	/* agenda and alarms: all users */
	uint64_t		 changes;	/* store change counter seen */
	time_t			 wake;		/* next alarm to look at */
	char			 msg[512];	/* the message line */
	int			 msg_role;
	WINDOW			*cursor;	/* shows the cursor, or NULL */
	struct ui_bench		*bench;		/* or NULL */
};

extern const struct screen_ops ui_contacts_ops;
extern const struct screen_ops ui_record_ops;
extern const struct screen_ops ui_agenda_ops;
extern const struct screen_ops ui_help_ops;
extern const struct screen_ops ui_alarm_ops;
extern const struct screen_ops ui_text_ops;
extern const struct screen_ops ui_pipeline_ops;
extern const struct screen_ops ui_cases_ops;
extern const struct screen_ops ui_reports_ops;
/* The pipeline, cases and reports views for their actions (ACT_PIPELINE,
 * ACT_CASES, ACT_REPORTS): 1 if act was one (ui-reports.c). */
int	ui_crm_open(struct ui *ui, int act);

/* The keystroke benchmark (ui-bench.c): NULL unless KITH_BENCH_KEYS is
 * set; then ui_getkey() takes its keys from ui_bench_key(), which times
 * each; ui_bench_free writes the times (call it after endwin). */
struct ui_bench;
struct ui_bench *ui_bench_new(void);
int	ui_bench_key(struct ui_bench *b);
void	ui_bench_free(struct ui_bench *b);

/* The screen stack. */
int	ui_push(struct ui *ui, const struct screen_ops *ops, void *arg);
void	ui_pop(struct ui *ui);
struct screen *ui_top(struct ui *ui);
/* The screen below the top (for help), or NULL. */
struct screen *ui_below(struct ui *ui);

/* Next key: a wide character, KEY_* | UI_FKEY, or a UI_KEY_* value. */
int	ui_getkey(struct ui *ui, int timeout_ms);
/* Pushes what was drawn to the terminal (the cursor in ui->cursor). */
void	ui_update(struct ui *ui);
/* Draws the top screen (and everything a popup lies over). */
void	ui_draw(struct ui *ui);
/* Whether the terminal is too small (and says so). */
int	ui_too_small(struct ui *ui);

/* The message line: printf-style, shown until the next key. */
void	ui_say(struct ui *ui, int role, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	ui_say_err(struct ui *ui, const struct err *e);
void	ui_unsay(struct ui *ui);
/* Draws the message line (or key hints when empty) at the bottom. */
void	ui_draw_status(struct ui *ui, const char *hints);
/* Draws the title bar at the top. */
void	ui_draw_title(struct ui *ui, const char *title, const char *right);

/* Writes UTF-8 text at y, x cut and padded to exactly width columns. */
void	ui_put(WINDOW *w, int y, int x, const char *s, int width);
/* Whether writing is refused (read-only); says why. */
int	ui_refuse_write(struct ui *ui);

/* Pops up the first alarm that is due (unless one is up); sets
 * ui->wake to the next.  1 if it pushed a screen. */
int	ui_alarm_check(struct ui *ui);
/* Shows lines of text (a view of its own, Esc closes); takes them. */
int	ui_text_show(struct ui *ui, const char *title, char **lines,
	    size_t n);
/* The help of the view under the top screen. */
int	ui_help_show(struct ui *ui);
/* A key hint: the action and what the status line calls it.  Lists of
 * hints end with a NULL label. */
struct ui_hint {
	int		 act;
	const char	*label;
};
/* Hints for the status line: "KEY label" for each action given. */
void	ui_hints(struct ui *ui, const char *view, const struct ui_hint *h,
	    char *buf, size_t len);
/* Draws the status line with the hints of view. */
void	ui_draw_hints(struct ui *ui, const char *view,
	    const struct ui_hint *h);
/* Draws the title bar and the column header (unless NULL) below it. */
void	ui_draw_heading(struct ui *ui, const char *title,
	    const char *header);
/* What every view does with back, help and a key it has no use for;
 * returns what to redraw. */
int	ui_key_rest(struct ui *ui, int act, int key);
/* Says (for a real key) that it does nothing here, then more. */
void	ui_say_no_key(struct ui *ui, int key, const char *more);

/* Quick actions (ui-action.c), for the list, the record and the agenda:
 * each prompts, writes, and says what it did.  0 done, -1 not. */
struct activity;
int	ui_act_log(struct ui *ui, uint64_t contact);
int	ui_act_schedule(struct ui *ui, uint64_t contact);
int	ui_act_done(struct ui *ui, struct activity *a);
int	ui_act_reschedule(struct ui *ui, struct activity *a);
int	ui_act_delete_activity(struct ui *ui, struct activity *a);
int	ui_act_delete_contact(struct ui *ui, uint64_t contact);
/* Opens the record of a contact (0 for a new one). */
int	ui_open_contact(struct ui *ui, uint64_t contact);

#endif /* KITH_UI_INT_H */
