/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_STRMAP_H
#define KITH_STRMAP_H

/*
 * A map from strings to numbers, for sets built while reading a file (the
 * e-mail addresses and phones of an import, the UIDs of a calendar).
 * Open addressing on FNV-1a, kept at most half full.  The keys are not
 * copied: each must outlive the map.  glibc's hsearch_r was here first; its
 * hash, a shifted sum of the bytes, put addresses that differ in their
 * first letters into one long chain, and an import of 100 000 contacts
 * spent a fifth of its time comparing strings there.
 */

#include <stddef.h>
#include <stdint.h>

#define STRMAP_NONE	((size_t)-1)

struct strmap;

struct strmap	*strmap_new(void);
void		 strmap_free(struct strmap *m);
/* The number key maps to, or STRMAP_NONE. */
size_t		 strmap_get(const struct strmap *m, const char *key);
/* Maps key to val unless it is mapped already: the number it had, or
 * STRMAP_NONE when it is new. */
size_t		 strmap_add(struct strmap *m, const char *key, size_t val);
size_t		 strmap_count(const struct strmap *m);

/* FNV-1a over len bytes. */
uint64_t	 hash_bytes(const void *p, size_t len);

#endif
