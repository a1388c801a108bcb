/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_IMPORT_H
#define KITH_IMPORT_H

/*
 * import: the one pipeline contact files go through: each file read
 * whole by its reader (vCard, or CSV with its columns mapped to fields),
 * every record checked, then all of them handed to book_contacts_import
 * in one transaction, which finds duplicates and applies the policy.  A
 * malformed record stops everything before the transaction begins (file,
 * line and reason in the error), unless skip_bad, when it is reported to
 * bad and left out.  Messages that are not errors (columns nothing maps)
 * go to note.  Nothing here prints.
 */

#include <stddef.h>

struct book;
struct field_users;
struct err;

enum import_format { IMPORT_GUESS, IMPORT_VCARD, IMPORT_CSV, IMPORT_ICS };

struct import_opts {
	int		  format;	/* enum import_format */
	int		  policy;	/* BOOK_DUP_* */
	int		  skip_bad;
	const struct field_users *users;	/* user-defined fields */
	char		**maps;		/* "COLUMN=FIELD" for CSV headers */
	size_t		  nmaps;
	int		(*progress)(size_t done, size_t n, void *arg);
	void		(*bad)(const struct err *e, void *arg);
	void		(*note)(const char *msg, void *arg);
	void		 *arg;
};

struct import_summary {
	size_t	added, merged, skipped, rejected;
};

/* A format name ("vcard", "vcf", "csv", "ics"); -1 when unknown. */
int	import_format_parse(const char *s);
/* The format of a file from its first bytes, else its name. */
int	import_guess(const char *path, const char *head, size_t len);
/* Reads "COLUMN=FIELD" lines (# comments) of a mapping file into o. */
int	import_map_file(struct import_opts *o, const char *path,
	    struct err *e);
int	import_files(struct book *b, char *const *paths, size_t n,
	    const struct import_opts *o, struct import_summary *s,
	    struct err *e);

#endif /* KITH_IMPORT_H */
