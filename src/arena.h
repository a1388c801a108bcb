/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_ARENA_H
#define KITH_ARENA_H

/*
 * arena: memory handed out in order from blocks of its own and given back
 * all at once (or back to a mark), for the many small strings and arrays
 * of something short-lived: a batch of decoded records, a card being
 * read.  Emptied blocks are kept for reuse until arena_free.  Memory
 * failures are fatal (xmalloc).  { NULL, NULL } is an empty arena.
 */

#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block	*head;	/* the one being filled first */
	struct arena_block	*spare;	/* emptied ones, for reuse */
};

/* Where an arena is, to forget what comes after. */
struct arena_mark {
	struct arena_block	*block;
	size_t			 used;
};

/* len bytes, aligned for any type. */
void	*arena_alloc(struct arena *ar, size_t len);
/* A NUL-terminated copy of the len bytes at s. */
char	*arena_strndup(struct arena *ar, const char *s, size_t len);
char	*arena_strdup(struct arena *ar, const char *s);
/* An array of n items of size bytes with room for one more: v itself,
 * or at n = 0, 4, 8, 16 ... a copy twice as large (n tells the room). */
void	*arena_grow(struct arena *ar, void *v, size_t n, size_t size);
void	 arena_mark(const struct arena *ar, struct arena_mark *m);
void	 arena_pop(struct arena *ar, const struct arena_mark *m);
/* Everything allocated is forgotten; the blocks are kept. */
void	 arena_reset(struct arena *ar);
void	 arena_free(struct arena *ar);

#endif
