/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct strmap_slot {
	const char	*key;	/* NULL: empty */
	uint64_t	 hash;
	size_t		 val;
};

struct strmap {
	struct strmap_slot	*v;
	size_t			 n, cap;	/* cap: a power of two */
};

uint64_t
hash_bytes(const void *p, size_t len)
{
	const unsigned char	*s = p;
	uint64_t		 h = 14695981039346656037ULL;

	while (len-- > 0)
		h = (h ^ *s++) * 1099511628211ULL;
	return h;
}

struct strmap *
strmap_new(void)
{
	struct strmap	*m = xcalloc(1, sizeof *m);

	m->cap = 1024;
	m->v = xcalloc(m->cap, sizeof *m->v);
	return m;
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->v);
	free(m);
}

size_t
strmap_count(const struct strmap *m)
{
	return m->n;
}

/* The slot holding key, or the empty one where it would go. */
static struct strmap_slot *
strmap_slot(const struct strmap *m, const char *key, uint64_t h)
{
	struct strmap_slot	*s;
	size_t			 i;

	for (i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		s = &m->v[i];
		if (s->key == NULL ||
		    (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

static void
strmap_grow(struct strmap *m)
{
	struct strmap_slot	*old = m->v;
	size_t			 i, cap = m->cap;

	m->cap *= 2;
	m->v = xcalloc(m->cap, sizeof *m->v);
	for (i = 0; i < cap; i++)
		if (old[i].key != NULL)
			*strmap_slot(m, old[i].key, old[i].hash) = old[i];
	free(old);
}

size_t
strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot	*s;

	s = strmap_slot(m, key, hash_bytes(key, strlen(key)));
	return s->key != NULL ? s->val : STRMAP_NONE;
}

size_t
strmap_add(struct strmap *m, const char *key, size_t val)
{
	struct strmap_slot	*s;
	uint64_t		 h = hash_bytes(key, strlen(key));

	s = strmap_slot(m, key, h);
	if (s->key != NULL)
		return s->val;
	if (2 * (m->n + 1) > m->cap) {
		strmap_grow(m);
		s = strmap_slot(m, key, h);
	}
	s->key = key;
	s->hash = h;
	s->val = val;
	m->n++;
	return STRMAP_NONE;
}
