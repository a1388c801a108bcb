/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Memory given out in order from blocks and given back at once. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define ARENA_BLOCK	(256 * 1024)

struct arena_block {
	struct arena_block	*next;
	size_t			 size, used;
	char			 data[];
};

void *
arena_alloc(struct arena *ar, size_t len)
{
	struct arena_block	*k = ar->head;
	size_t			 at;

	len = (len + 7) & ~(size_t)7;
	if (k == NULL || k->size - k->used < len) {
		if ((k = ar->spare) != NULL && k->size >= len)
			ar->spare = k->next;
		else {
			k = xmalloc(sizeof *k + (len > ARENA_BLOCK ? len :
			    ARENA_BLOCK));
			k->size = len > ARENA_BLOCK ? len : ARENA_BLOCK;
		}
		k->used = 0;
		k->next = ar->head;
		ar->head = k;
	}
	at = k->used;
	k->used += len;
	return k->data + at;
}

char *
arena_strndup(struct arena *ar, const char *s, size_t len)
{
	char	*p = arena_alloc(ar, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *ar, const char *s)
{
	return arena_strndup(ar, s, strlen(s));
}

void *
arena_grow(struct arena *ar, void *v, size_t n, size_t size)
{
	void	*w;

	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return v;
	w = arena_alloc(ar, (n ? 2 * n : 4) * size);
	if (n > 0)
		memcpy(w, v, n * size);
	return w;
}

/* Forgets what was allocated since the mark (from arena_mark). */
void
arena_pop(struct arena *ar, const struct arena_mark *m)
{
	struct arena_block	*k;

	while ((k = ar->head) != NULL && k != m->block) {
		ar->head = k->next;
		k->next = ar->spare;
		ar->spare = k;
	}
	if (k != NULL)
		k->used = m->used;
}

void
arena_mark(const struct arena *ar, struct arena_mark *m)
{
	m->block = ar->head;
	m->used = ar->head != NULL ? ar->head->used : 0;
}

void
arena_reset(struct arena *ar)
{
	struct arena_block	*k;

	while ((k = ar->head) != NULL) {
		ar->head = k->next;
		k->next = ar->spare;
		ar->spare = k;
	}
}

void
arena_free(struct arena *ar)
{
	struct arena_block	*k;

	arena_reset(ar);
	while ((k = ar->spare) != NULL) {
		ar->spare = k->next;
		free(k);
	}
}
