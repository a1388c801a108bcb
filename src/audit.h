/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_AUDIT_H
#define KITH_AUDIT_H

/*
 * audit: reading the audit trail.  An entry keeps a record before and
 * after a change in its stored encoding; this module tells which fields
 * changed, with old and new values as text, through the catalogues of
 * the kinds of record.  Writing entries is book's (in the transaction of
 * the change); this module neither reads the store nor prints.
 */

#include <stddef.h>

struct err;

/* One changed field: its name, old and new text ("" when empty). */
typedef void (*audit_change_fn)(const char *field, const char *old,
    const char *new, void *arg);

/*
 * Calls fn for each field that differs between old and new (either may
 * be empty: an addition or a removal) of a record of kind ('c' contact,
 * 'a' activity, 'd' deal, 'k' case), in catalogue order, leaving out the
 * bookkeeping (revision, created and updated stamps).  Returns the
 * number of changes, or -1 on a damaged record or an unknown kind.
 */
int	audit_diff(char kind, const void *old, size_t oldlen, const void *new,
	    size_t newlen, audit_change_fn fn, void *arg, struct err *e);

#endif /* KITH_AUDIT_H */
