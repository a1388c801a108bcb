/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one clean-up hook; global because fatal() can be reached anywhere. */
static void (*err_fatal_hook)(void);

void
err_clear(struct err *e)
{
	if (e == NULL)
		return;
	e->file[0] = '\0';
	e->line = 0;
	e->msg[0] = '\0';
}

void
err_set(struct err *e, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	if (e == NULL)
		return;
	snprintf(e->file, sizeof e->file, "%s", file != NULL ? file : "");
	e->line = line;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	if (e->msg[0] == '\0')
		snprintf(e->msg, sizeof e->msg, "unknown error");
}

int
err_isset(const struct err *e)
{
	return (e != NULL && e->msg[0] != '\0');
}

const char *
err_format(const struct err *e, char *buf, size_t len)
{
	if (len == 0)
		return (buf);
	if (e == NULL || !err_isset(e))
		buf[0] = '\0';
	else if (e->file[0] != '\0' && e->line > 0)
		snprintf(buf, len, "%s:%d: %s", e->file, e->line, e->msg);
	else if (e->file[0] != '\0')
		snprintf(buf, len, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, len, "%s", e->msg);
	return (buf);
}

void
fatal_hook(void (*hook)(void))
{
	err_fatal_hook = hook;
}

void
fatal(const char *fmt, ...)
{
	void	(*hook)(void) = err_fatal_hook;
	char	 msg[1024];
	va_list	 ap;

	err_fatal_hook = NULL;	/* run once, even if the hook is fatal */
	if (hook != NULL)
		hook();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "kith: fatal: %s\n", msg);
	fflush(stderr);
	abort();
}
