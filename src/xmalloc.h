/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_XMALLOC_H
#define KITH_XMALLOC_H

/*
 * Allocation that never returns NULL: on failure these call
 * fatal("out of memory").  Everything returned is the caller's to free().
 * A size of zero still gives a unique pointer.
 */

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t size);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t size);
/* realloc to n * size bytes, with the multiplication overflow-checked. */
void	*xreallocarray(void *p, size_t n, size_t size);
/* NULL in gives NULL out. */
char	*xstrdup(const char *s);
/* At most n bytes of s, always NUL-terminated. */
char	*xstrndup(const char *s, size_t n);
char	*xasprintf(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *fmt, va_list ap)
	    __attribute__((format(printf, 1, 0)));

#endif
