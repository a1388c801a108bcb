/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_RECORD_H
#define KITH_RECORD_H

/*
 * Records: the versioned tag-length-value encoding of one stored object.
 * A record is an ordered list of items (tag, type, value); tags may
 * repeat.  Items whose tags a model does not know are kept as they are,
 * so data written by a newer kith survives an edit by an older one.
 * This module is pure: it knows nothing of Berkeley DB or of what the
 * tags mean, and it never prints.
 *
 * Encoding: 'K', version (varint), item count (varint), then per item:
 * tag (varint), type length + 1 (varint; 0 means no type) and the type
 * bytes, value length (varint) and the value bytes.  Varints are
 * unsigned LEB128.  A number (record_addu) is big-endian: 8 bytes in
 * format 1, as few as it needs (at least one) since format 2, which
 * older kiths refuse rather than misread.
 */

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct err;

#define RECORD_VERSION 2

/*
 * type is NULL when absent (distinct from "").  value holds len bytes,
 * which may include NULs, followed by a NUL that is not counted.  Both
 * are owned by the record.
 */
struct record_item {
	uint32_t	 tag;
	char		*type;
	char		*value;
	size_t		 len;
};

/*
 * version is the format the record was decoded from (RECORD_VERSION for
 * a new one); record_encode always writes RECORD_VERSION.
 */
struct record {
	struct record_item	*items;
	size_t			 n;
	size_t			 cap;
	uint32_t		 version;
};

/* The caller owns what record_new, record_copy and record_decode return. */
struct record	*record_new(void);
/* NULL is accepted. */
void		 record_free(struct record *r);
struct record	*record_copy(const struct record *r);

/* Appends an item; value and type are copied.  value may be NULL if len is 0. */
void		 record_add(struct record *r, uint32_t tag, const char *type,
		     const void *value, size_t len);
/* A string value; nothing is added when value is NULL. */
void		 record_adds(struct record *r, uint32_t tag, const char *type,
		     const char *value);
/* An unsigned number, stored as 8 bytes big-endian. */
void		 record_addu(struct record *r, uint32_t tag, uint64_t v);

/* The first item with tag, or NULL.  Valid until the record changes. */
const struct record_item *record_get(const struct record *r, uint32_t tag);
/* The first item with tag as a number; dflt if absent or not 8 bytes. */
uint64_t	 record_getu(const struct record *r, uint32_t tag,
		     uint64_t dflt);
/* Removes every item with tag. */
void		 record_remove(struct record *r, uint32_t tag);

/* Appends the encoding of r to out. */
void		 record_encode(const struct record *r, struct buf *out);
/*
 * Decodes len bytes.  Returns NULL and fills e on damage ("record
 * damaged: <reason>") or on a format newer than RECORD_VERSION ("record
 * written by a newer kith (format N); upgrade kith").  Safe on any input.
 */
struct record	*record_decode(const void *data, size_t len, struct err *e);

/* The number a value of len bytes holds (record_addu's, of any format). */
uint64_t	 record_number(const void *value, size_t len);

/*
 * A record written item by item straight into out, without a struct
 * record's copies (the same bytes as record_encode): begin, the items,
 * end.  A NULL value of record_writes writes nothing.
 */
struct record_writer {
	struct buf	*out;
	struct buf	 items;
	uint64_t	 n;
};
void		 record_write_begin(struct record_writer *w, struct buf *out);
void		 record_write(struct record_writer *w, uint32_t tag,
		     const char *type, const void *value, size_t len);
void		 record_writes(struct record_writer *w, uint32_t tag,
		     const char *type, const char *value);
void		 record_writeu(struct record_writer *w, uint32_t tag,
		     uint64_t v);
void		 record_write_end(struct record_writer *w);

/*
 * The items of an encoded record read in place: what record_decode
 * checks, none of its copies (decoding a record into a model struct then
 * allocates only what the struct keeps).  type (tlen bytes) is NULL when
 * absent; value holds len bytes and is not NUL-terminated.  Both point
 * into data.  record_scan_init fails as record_decode does;
 * record_scan_next returns 0 with *it set, 1 after the last item, or -1
 * with e on damage.
 */
struct record_view {
	uint32_t	 tag;
	const char	*type;
	size_t		 tlen;
	const char	*value;
	size_t		 len;
};
struct record_scan {
	const unsigned char	*p;
	size_t			 left;
	uint64_t		 count;
};
int		 record_scan_init(struct record_scan *s, const void *data,
		     size_t len, struct err *e);
int		 record_scan_next(struct record_scan *s, struct record_view *it,
		     struct err *e);

#endif
