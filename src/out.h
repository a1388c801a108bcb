/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_OUT_H
#define KITH_OUT_H

/*
 * out: writers of lists for scripts: tab-separated (the default; tabs and
 * line breaks inside values become spaces), CSV (RFC 4180, with a header
 * row) and JSON (an array of objects).  Used by the command line only.
 */

#include <stddef.h>
#include <stdio.h>

enum out_format { OUT_TSV, OUT_CSV, OUT_JSON };

struct out;

/* -1 for an unknown name. */
int		 out_format_parse(const char *s);
struct out	*out_new(FILE *f, enum out_format fmt,
		    const char *const *columns, size_t ncolumns);
/* One row of ncolumns values (NULL is empty). */
void		 out_row(struct out *o, const char *const *values);
/* Finishes the list and frees o; -1 when writing failed. */
int		 out_end(struct out *o);

#endif /* KITH_OUT_H */
