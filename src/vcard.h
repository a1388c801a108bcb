/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_VCARD_H
#define KITH_VCARD_H

/*
 * vcard: contacts from and to vCard (RFC 2426 3.0, RFC 6350 4.0, and the
 * 2.1 that phones still write).
 *
 * The reader takes what real programs write: folded lines, CRLF or LF, a
 * byte-order mark, QUOTED-PRINTABLE with soft line breaks, CHARSET
 * parameters (converted with iconv; a value that is not UTF-8 and names
 * no charset is read as Windows-1252), escapes, grouped properties with
 * their X-ABLabel, TYPE parameters in every form and tel: URIs.  A
 * property kith has no field for (or a value kith cannot hold, such as a
 * phone number with letters) is kept whole in the contact's extra record
 * under VCARD_TAG_RAW and written back by vcard_write.  The reader and
 * writer never print or prompt.
 */

#include <stdio.h>

struct contact;
struct err;
struct vcard_reader;

/* A record tag reserved for a property line kept as it was (unfolded). */
#define VCARD_TAG_RAW	200

/* Reads from f; name is used in errors.  The caller closes f. */
struct vcard_reader	*vcard_reader_new(FILE *f, const char *name);
void			 vcard_reader_free(struct vcard_reader *r);
/*
 * The next card: 0 and *out (the caller's) with *line its BEGIN line;
 * 1 at the end of the file; -1 on a malformed card, with e naming the
 * file, line and reason; the reader has then skipped past that card, so
 * reading on gives the next one.
 */
int	vcard_read(struct vcard_reader *r, struct contact **out, int *line,
	    struct err *e);

/* Writes c as a vCard of version 3 or 4, CRLF lines folded at 75 octets. */
void	vcard_write(FILE *f, const struct contact *c, int version);

/* A date as kith keeps it (YYYY-MM-DD or --MM-DD) from the forms vCard
 * and CSV files use (19800517, 1980-05-17T00:00:00Z, --0517, 5/17/1980,
 * 17.05.1980); NULL when it is not one.  Malloc'd. */
char	*vcard_date(const char *s);

#endif /* KITH_VCARD_H */
