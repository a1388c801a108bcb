/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The interface: terminal set-up, the main loop and the screen stack. */
#include "ui.h"

#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui-int.h"
#include "book.h"
#include "err.h"
#include "store.h"
#include "utf8.h"

/* Set by the signal handler, read by the loop: a handler may do no more
 * (NOTES 4: the environment must be closed by the loop). */
static volatile sig_atomic_t ui_signalled;

/* How often others' changes and alarms are looked at (ms). */
#define UI_TICK_MS	2000

static void
ui_on_signal(int sig)
{
	ui_signalled = sig;
}

static void
ui_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* fatal() ends curses before it prints. */
static void
ui_fatal_hook(void)
{
	if (!isendwin())
		endwin();
}

int
ui_push(struct ui *ui, const struct screen_ops *ops, void *arg)
{
	struct screen	*s;

	if (ui->depth == UI_MAX_DEPTH)
		return -1;
	s = &ui->stack[ui->depth];
	s->ops = ops;
	s->data = NULL;
	if (ops->enter(ui, s, arg) != 0)
		return -1;
	ui->depth++;
	return 0;
}

void
ui_pop(struct ui *ui)
{
	struct screen	*s;

	if (ui->depth == 0)
		return;
	s = &ui->stack[--ui->depth];
	s->ops->leave(ui, s);
	s->data = NULL;
	if ((s = ui_top(ui)) != NULL)
		s->ops->key(ui, s, ACT_RELOAD, 0);
}

struct screen *
ui_top(struct ui *ui)
{
	return ui->depth > 0 ? &ui->stack[ui->depth - 1] : NULL;
}

struct screen *
ui_below(struct ui *ui)
{
	return ui->depth > 1 ? &ui->stack[ui->depth - 2] : NULL;
}

void
ui_say(struct ui *ui, int role, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_role = role;
}

/* Forgets the message: the status line shows the hints again. */
void
ui_unsay(struct ui *ui)
{
	ui->msg[0] = '\0';
}

void
ui_say_err(struct ui *ui, const struct err *e)
{
	char	buf[800];

	ui_say(ui, ROLE_ERROR, "%s", err_format(e, buf, sizeof buf));
}

int
ui_refuse_write(struct ui *ui)
{
	if (!ui->readonly)
		return 0;
	ui_say(ui, ROLE_ERROR, "read-only: the terminal's character set is "
	    "not UTF-8 (set LANG to a UTF-8 locale to edit)");
	return 1;
}

void
ui_put(WINDOW *w, int y, int x, const char *s, int width)
{
	char	*fit;

	if (width <= 0)
		return;
	fit = utf8_fit(s != NULL ? s : "", width);
	mvwaddstr(w, y, x, fit);
	free(fit);
}

void
ui_draw_title(struct ui *ui, const char *title, const char *right)
{
	char	ro[128];
	int	rw;

	if (ui->readonly) {	/* said on every screen, not just once */
		snprintf(ro, sizeof ro, "read-only%s%s", right && *right ?
		    "  " : "", right ? right : "");
		right = ro;
	}
	rw = right != NULL ? utf8_width(right) : 0;

	int	room = COLS;

	if (rw > 0 && utf8_width(title) + rw + 2 > COLS) {
		if (COLS - rw - 2 < 12)
			rw = 0;		/* the title matters more */
		else
			room = COLS - rw - 2;
	}
	attrset(ui_theme_attr(&ui->theme, ROLE_TITLE));
	ui_put(stdscr, 0, 0, "", COLS);
	ui_put(stdscr, 0, 0, title, room);
	if (rw > 0 && rw + 2 < COLS)
		ui_put(stdscr, 0, COLS - rw - 1, right, rw);
	attrset(A_NORMAL);
}

void
ui_draw_status(struct ui *ui, const char *hints)
{
	if (ui->msg[0] != '\0') {
		attrset(ui_theme_attr(&ui->theme, ui->msg_role));
		ui_put(stdscr, LINES - 1, 0, ui->msg, COLS);
	} else {
		attrset(ui_theme_attr(&ui->theme, ROLE_STATUS));
		ui_put(stdscr, LINES - 1, 0, hints, COLS);
	}
	attrset(A_NORMAL);
}

void
ui_draw_heading(struct ui *ui, const char *title, const char *header)
{
	ui_draw_title(ui, title, NULL);
	if (header == NULL)
		return;
	attrset(ui_theme_attr(&ui->theme, ROLE_HEADER));
	ui_put(stdscr, 1, 0, header, COLS);
	attrset(A_NORMAL);
}

int
ui_key_rest(struct ui *ui, int act, int key)
{
	switch (act) {
	case ACT_BACK:
		ui_pop(ui);
		break;
	case ACT_HELP:
		ui_help_show(ui);
		break;
	default:
		ui_say_no_key(ui, key, "");
	}
	return UI_DRAW_SCREEN;
}

void
ui_say_no_key(struct ui *ui, int key, const char *more)
{
	if (key > 0)
		ui_say(ui, ROLE_DIM, "no such key here: ? lists the keys%s",
		    more);
}

int
ui_too_small(struct ui *ui)
{
	if (COLS >= UI_MIN_COLS && LINES >= UI_MIN_ROWS)
		return 0;
	erase();
	attrset(ui_theme_attr(&ui->theme, ROLE_ERROR));
	ui_put(stdscr, 0, 0, "terminal too small", COLS);
	attrset(A_NORMAL);
	return 1;
}

/* Pushes what was drawn to the terminal, the cursor where wanted. */
void
ui_update(struct ui *ui)
{
	wnoutrefresh(stdscr);
	if (ui->cursor != NULL && COLS >= UI_MIN_COLS && LINES >= UI_MIN_ROWS)
		wnoutrefresh(ui->cursor);
	curs_set(ui->cursor != NULL ? 1 : 0);
	doupdate();
}

void
ui_draw(struct ui *ui)
{
	struct screen	*top = ui_top(ui), *below = ui_below(ui);

	ui->cursor = NULL;
	if (!ui_too_small(ui) && top != NULL) {
		erase();
		if (top->ops->popup && below != NULL)
			below->ops->draw(ui, below);
		top->ops->draw(ui, top);
	}
	ui_update(ui);
}

/* A new size: every screen follows, then the top one draws. */
static void
ui_resize(struct ui *ui)
{
	size_t	i;

	for (i = 0; i < ui->depth; i++)
		if (ui->stack[i].ops->resize != NULL)
			ui->stack[i].ops->resize(ui, &ui->stack[i]);
	ui_draw(ui);
}

/* Keys come normalised: Enter is '\n', Backspace one function key. */
static int
ui_normalise(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES) {
		if (ch == KEY_ENTER)
			return '\n';
		return (int)ch | UI_FKEY;
	}
	if (ch == '\r')
		return '\n';
	if (ch == 127 || ch == 8)
		return KEY_BACKSPACE | UI_FKEY;
	return (int)ch;
}

int
ui_getkey(struct ui *ui, int timeout_ms)
{
	wint_t	ch;
	int	rc;

	if (ui_signalled)
		return UI_KEY_STOP;
	if (ui->bench != NULL)
		return ui_bench_key(ui->bench);
	timeout(timeout_ms);
	rc = get_wch(&ch);
	if (ui_signalled)
		return UI_KEY_STOP;
	if (rc == ERR)
		return UI_KEY_NONE;
	if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
		ui_resize(ui);
		return UI_KEY_RESIZE;
	}
	return ui_normalise(rc, ch);
}

/* Others' changes reload the visible page; alarms pop up. */
static void
ui_tick(struct ui *ui)
{
	struct screen	*top;
	struct err	 e;
	uint64_t	 n;

	err_clear(&e);
	if (store_changes(book_store(ui->book), &n, &e) == 0 &&
	    n != ui->changes) {
		ui->changes = n;
		if ((top = ui_top(ui)) != NULL && !ui->editing &&
		    top->ops->key(ui, top, ACT_RELOAD, 0) != UI_DRAW_NONE)
			ui_draw(ui);
	}
	if (!ui->editing && ui_alarm_check(ui))
		ui_draw(ui);
}

/* Up to the next alarm, at most a tick. */
static int
ui_timeout(const struct ui *ui)
{
	time_t	now = time(NULL);

	if (ui->wake > now && ui->wake - now < UI_TICK_MS / 1000)
		return (int)(ui->wake - now) * 1000;
	return UI_TICK_MS;
}

static void
ui_dispatch(struct ui *ui, int key)
{
	struct screen	*top = ui_top(ui);
	int		 act, r;

	if (top == NULL)
		return;
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		beep();		/* nothing to see what the key would do */
		return;
	}
	ui_unsay(ui);
	act = ui_keys_action(ui->keys, top->ops->name, key);
	if (act == ACT_REDRAW) {
		clearok(curscr, TRUE);
		ui_draw(ui);
		return;
	}
	r = top->ops->key(ui, top, act, key);
	if (r != UI_DRAW_NONE || ui_top(ui) != top)
		ui_draw(ui);
	else
		ui_update(ui);
}

static void
ui_loop(struct ui *ui)
{
	time_t	now, last = 0;
	int	key;

	ui_draw(ui);
	if (getenv("KITH_BENCH_FIRST_SCREEN") != NULL)
		return;
	while (!ui->quit && ui->depth > 0) {
		key = ui_getkey(ui, ui_timeout(ui));
		if (key == UI_KEY_STOP)
			break;
		if (key >= 0)
			ui_dispatch(ui, key);
		now = time(NULL);
		if (key == UI_KEY_NONE || now != last) {
			last = now;
			ui_tick(ui);
		}
	}
}

/* Before curses: the database, the key table, the locale's codeset. */
static int
ui_open(struct ui *ui, const char *dir, const struct conf *conf)
{
	struct err	e;
	char		buf[800];

	err_clear(&e);
	memset(ui, 0, sizeof *ui);
	ui->conf = conf;
	if ((ui->keys = ui_keys_load(conf, &e)) == NULL ||
	    (ui->book = book_open(dir, conf, BOOK_CREATE, &e)) == NULL) {
		fprintf(stderr, "kith: %s\n", err_format(&e, buf, sizeof buf));
		ui_keys_free(ui->keys);
		return -1;
	}
	ui->readonly = strcasecmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
	    strcasecmp(nl_langinfo(CODESET), "utf8") != 0;
	return 0;
}

/* Home and End as terminals that disagree with their terminfo send them
 * (tmux and screen under TERM=xterm, the Linux console). */
static void
ui_define_keys(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} keys[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	};
	size_t	i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

static void
ui_curses(struct ui *ui)
{
	fatal_hook(ui_fatal_hook);
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_define_keys();
	set_escdelay(40);
	curs_set(0);
	ui_theme_init(&ui->theme, ui->conf);
	if (ui->readonly)
		ui_say(ui, ROLE_ERROR, "read-only: the character set is %s, "
		    "not UTF-8", nl_langinfo(CODESET));
}

int
ui_main(const char *dir, const struct conf *conf)
{
	struct ui	ui;
	struct err	e;
	uint64_t	n;

	if (ui_open(&ui, dir, conf) != 0)
		return 1;
	ui_signals();
	ui.bench = ui_bench_new();
	ui_curses(&ui);
	err_clear(&e);
	if (store_changes(book_store(ui.book), &n, &e) == 0)
		ui.changes = n;
	if (ui_push(&ui, &ui_contacts_ops, NULL) == 0) {
		ui_alarm_check(&ui);
		ui_loop(&ui);
	}
	while (ui.depth > 0) {
		ui.depth--;
		ui.stack[ui.depth].ops->leave(&ui, &ui.stack[ui.depth]);
	}
	endwin();
	ui_bench_free(ui.bench);
	book_close(ui.book);
	ui_keys_free(ui.keys);
	return 0;
}
