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

/*
 * What a reader made of a part of a file (a large one is read by two
 * threads, a half each), in order: contacts, and the bad records with the
 * number of contacts read before each.  import_part_take hands them to
 * the set in file order and frees the part; import_part_free drops them,
 * leaving the part empty.
 */
struct import_part {
	const char	 *data;
	size_t		  len;
	char		 *file;
	int		  line0;	/* lines of the file before it */
	int		  stop;		/* at the first bad record */
	struct import_set set;
	struct err	 *bad;
	size_t		 *badat, nbad;
	int		  rc;
};
#define IMPORT_SPLIT_MIN	(4 * 1024 * 1024)	/* bytes, to split */
void	import_part_bad(struct import_part *p, const struct err *bad);
/* Runs read(b) on a thread of its own while read(a) runs here (both
 * here when no thread starts); b NULL: read(a) alone. */
void	import_read_both(void *(*read)(void *), void *a, void *b);
/* Takes a, then b if a went well (else frees b); b may be NULL. */
int	import_take_both(struct import_set *s, struct import_part *a,
	    struct import_part *b, const struct import_opts *o,
	    struct err *e);
/* The line breaks in [p, end): a second part's line numbers. */
int	import_lines(const char *p, const char *end);
int	import_part_take(struct import_set *s, struct import_part *p,
	    const struct import_opts *o, struct err *e);
void	import_part_free(struct import_part *p);

#endif /* KITH_IMPORT_INT_H */
