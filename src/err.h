/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_ERR_H
#define KITH_ERR_H

/*
 * Errors.  A function that can fail for a reason the user should hear
 * about returns -1 (or NULL) and fills a struct err with the file and
 * line the problem is about (if any) and a message; only the CLI and the
 * UI print it.  fatal() is for broken invariants and out-of-memory only:
 * it runs the hook registered with fatal_hook() (the UI uses it to call
 * endwin()), prints "kith: fatal: ..." and aborts.
 */

#include <stddef.h>

struct err {
	char	file[256];
	int	line;
	char	msg[512];
};

/* Every err_* function accepts a NULL struct err and then does nothing. */
void		 err_clear(struct err *e);
/* file may be NULL and line 0 when the error is about no file. */
void		 err_set(struct err *e, const char *file, int line,
		     const char *fmt, ...)
		     __attribute__((format(printf, 4, 5)));
int		 err_isset(const struct err *e);
/* "file:line: msg", "file: msg" or "msg" into buf; returns buf. */
const char	*err_format(const struct err *e, char *buf, size_t len);

/* Registers a function run once before fatal() exits. */
void		 fatal_hook(void (*hook)(void));
void		 fatal(const char *fmt, ...)
		     __attribute__((noreturn, format(printf, 1, 2)));

#endif
