/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_DUMP_H
#define KITH_DUMP_H

/*
 * dump: the whole database as portable text, and back, exactly.
 *
 * The format, line by line, UTF-8:
 *
 *	kith-dump 1
 *	seq KIND N		the id counter of each kind (c, a, d, k, x)
 *	[ID]			a record: c12 contact, a7 activity, d3 deal,
 *				k2 case, x90 audit entry; then its items:
 *	NAME[.TYPE]=VALUE	in the record's own order; NAME is the field's
 *				name, or #TAG for a tag this kith does not
 *				know; times are UTC (2026-12-01T13:30:00Z),
 *				numbers decimal
 *
 * In TYPE and VALUE, \\ \n \t \r and \xHH (any other control byte, a byte
 * that is not UTF-8, or = in a TYPE) are escaped.  Blank lines are
 * ignored.  Loading re-creates every record byte for byte, so dump, load
 * and dump again gives the same text.  Readers and writers never print.
 */

#include <stdio.h>

struct book;
struct err;

int	dump_write(struct book *b, FILE *f, struct err *e);
/* All or nothing, into an empty database; errors name file and line. */
int	dump_read(struct book *b, FILE *f, const char *name, struct err *e);

#endif /* KITH_DUMP_H */
