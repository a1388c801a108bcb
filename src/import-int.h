/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_IMPORT_INT_H
#define KITH_IMPORT_INT_H

/*
 * import-int: what the files of the import module share: the contacts
 * read so far with where each came from, and the CSV reader's entry.
 */

#include <stddef.h>

struct contact;
struct err;
struct import_opts;

struct import_set {
	struct contact	**v;
	char		**files;	/* the file of each (shared strings) */
	int		 *lines;
	size_t		  n, cap;
	size_t		  rejected;
};

void	import_set_add(struct import_set *s, struct contact *c,
	    char *file, int line);
/* A bad record: reported and counted with skip_bad (0), else -1 with e. */
int	import_reject(struct import_set *s, const struct import_opts *o,
	    const struct err *bad, struct err *e);
int	import_csv(struct import_set *s, const char *data, size_t len,
	    char *file, const struct import_opts *o, struct err *e);

#endif /* KITH_IMPORT_INT_H */
