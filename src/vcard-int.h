/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_VCARD_INT_H
#define KITH_VCARD_INT_H

/*
 * vcard-int: what the files of the vcard module share: one property as
 * the reader split and decoded it, and the step from a card's properties
 * to a contact (vcard-map.c).
 */

#include <stddef.h>

struct arena;
struct contact;
struct err;

/* Its strings live in the reader's arena, until the next card. */
struct vcard_prop {
	char	 *group;	/* item1 of item1.EMAIL, or NULL */
	char	 *name;		/* upper case */
	char	**types;	/* TYPE values (and bare 2.1 words), lower case */
	size_t	  ntypes;
	char	 *encoding;	/* lower case, or NULL */
	char	 *charset;
	char	 *valuetype;	/* VALUE=, lower case */
	char	 *params;	/* ";..." as written */
	char	 *value;	/* UTF-8, escapes still in */
	char	 *raw;		/* the unfolded line as written */
	int	  line;
	int	  converted;	/* value differs from what raw holds */
	int	  other_params;
};

/* The contact the properties of one card describe (-1: e says why);
 * what it works with on the way lives in ar, with the properties'
 * strings. */
int	vcard_map(const struct vcard_prop *v, size_t n, struct arena *ar,
	    const char *file, int line, struct contact **out, struct err *e);

#endif /* KITH_VCARD_INT_H */
