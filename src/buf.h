/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_BUF_H
#define KITH_BUF_H

/*
 * A growable byte buffer and string builder.  data is NULL until the
 * first byte is added and always NUL-terminated after that (the NUL is
 * not counted in len), so buf_str() can be handed to anything that wants
 * a string.  The buffer owns data; buf_free() releases it and
 * buf_detach() hands it over.  Memory failures are fatal (xmalloc).
 */

#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void		 buf_init(struct buf *b);
void		 buf_free(struct buf *b);
/* Empties the buffer (len = 0) but keeps its memory. */
void		 buf_reset(struct buf *b);
void		 buf_add(struct buf *b, const void *p, size_t n);
void		 buf_addc(struct buf *b, int c);
void		 buf_adds(struct buf *b, const char *s);
void		 buf_addf(struct buf *b, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* The contents as a string; "" when empty, never NULL. */
const char	*buf_str(const struct buf *b);
/* A malloc'd NUL-terminated string (never NULL); b is left empty. */
char		*buf_detach(struct buf *b);

#endif
