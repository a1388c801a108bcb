/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_CSV_H
#define KITH_CSV_H

/*
 * csv: comma-separated values as RFC 4180 has them (quoted fields with
 * embedded quotes, separators and line breaks), with a comma, semicolon
 * or tab separator guessed from the header line, a byte-order mark
 * skipped, and fields that are not UTF-8 read as Windows-1252 (as
 * Outlook writes them).  A reader of text in memory and a writer of one
 * row; what the columns mean is the importer's business.  Never prints.
 */

#include <stddef.h>
#include <stdio.h>

struct err;
struct csv;

/* Reads data[0..len) (not copied: keep it until csv_free); name for errors. */
struct csv	*csv_open(const char *data, size_t len, const char *name);
void		 csv_free(struct csv *r);
/* The separator in use: ',', ';' or '\t'. */
int		 csv_separator(const struct csv *r);
/* A reader of a later part of a file, from the start of a record: sep
 * as the first part's, line the line it starts on. */
struct csv	*csv_open_part(const char *data, size_t len, const char *name,
		    int sep, int line);
/* Bytes read so far, and the line the next record starts on. */
size_t		 csv_offset(const struct csv *r, int *line);
/* Whether the data ended inside a quoted field (a part cut in one). */
int		 csv_torn(const struct csv *r);
/*
 * The next record: 0 with its fields (the reader's, valid until the next
 * call) and *line the line it starts on; 1 at the end; -1 when it is
 * malformed (e says where and why; reading on goes to the next line).
 * Blank lines are skipped.
 */
int		 csv_next(struct csv *r, char ***fields, size_t *n, int *line,
		    struct err *e);

/* One row, quoted where needed, ending in CRLF. */
void		 csv_write(FILE *f, const char *const *v, size_t n);

#endif /* KITH_CSV_H */
