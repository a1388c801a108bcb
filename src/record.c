/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "xmalloc.h"

#define RECORD_MAGIC 'K'

/* The smallest encoded item: tag, type length and value length. */
#define RECORD_ITEM_MIN 3

/* A bounded cursor over the bytes being decoded. */
struct record_reader {
	const unsigned char	*p;
	size_t			 left;
	const char		*why;
};

struct record *
record_new(void)
{
	struct record	*r;

	r = xcalloc(1, sizeof *r);
	r->version = RECORD_VERSION;
	return (r);
}

void
record_free(struct record *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->items[i].type);
		free(r->items[i].value);
	}
	free(r->items);
	free(r);
}

/* Appends an item taking ownership of type and value. */
static void
record_push(struct record *r, uint32_t tag, char *type, char *value,
    size_t len)
{
	struct record_item	*it;

	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 8 : r->cap * 2;
		r->items = xreallocarray(r->items, r->cap, sizeof *r->items);
	}
	it = &r->items[r->n++];
	it->tag = tag;
	it->type = type;
	it->value = value;
	it->len = len;
}

/* A NUL-terminated copy of len bytes that may contain NULs. */
static char *
record_dup(const void *value, size_t len)
{
	char	*s;

	if (len == SIZE_MAX)
		fatal("record value too large");
	s = xmalloc(len + 1);
	if (len != 0)
		memcpy(s, value, len);
	s[len] = '\0';
	return (s);
}

void
record_add(struct record *r, uint32_t tag, const char *type,
    const void *value, size_t len)
{
	record_push(r, tag, xstrdup(type), record_dup(value, len), len);
}

void
record_adds(struct record *r, uint32_t tag, const char *type,
    const char *value)
{
	if (value != NULL)
		record_add(r, tag, type, value, strlen(value));
}

/* A number's item: big-endian in as few bytes as it needs (at least
 * one), from b + the offset returned. */
static size_t
record_u64(uint64_t v, unsigned char b[8])
{
	int	i;

	for (i = 7; i >= 0; i--) {
		b[i] = v & 0xff;
		v >>= 8;
	}
	for (i = 0; i < 7 && b[i] == 0; i++)
		;
	return i;
}

void
record_addu(struct record *r, uint32_t tag, uint64_t v)
{
	unsigned char	b[8];
	size_t		at = record_u64(v, b);

	record_add(r, tag, NULL, b + at, sizeof b - at);
}

uint64_t
record_number(const void *value, size_t len)
{
	const unsigned char	*p = value;
	uint64_t		 v = 0;
	size_t			 i;

	for (i = 0; i < len && i < 8; i++)
		v = (v << 8) | p[i];
	return (v);
}

const struct record_item *
record_get(const struct record *r, uint32_t tag)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		if (r->items[i].tag == tag)
			return (&r->items[i]);
	}
	return (NULL);
}

uint64_t
record_getu(const struct record *r, uint32_t tag, uint64_t dflt)
{
	const struct record_item	*it;

	it = record_get(r, tag);
	if (it == NULL || it->len == 0 || it->len > 8)
		return (dflt);
	return (record_number(it->value, it->len));
}

void
record_remove(struct record *r, uint32_t tag)
{
	size_t	i, j = 0;

	for (i = 0; i < r->n; i++) {
		if (r->items[i].tag == tag) {
			free(r->items[i].type);
			free(r->items[i].value);
		} else
			r->items[j++] = r->items[i];
	}
	r->n = j;
}

struct record *
record_copy(const struct record *r)
{
	struct record	*c;
	size_t		 i;

	c = record_new();
	c->version = r->version;
	for (i = 0; i < r->n; i++) {
		record_add(c, r->items[i].tag, r->items[i].type,
		    r->items[i].value, r->items[i].len);
	}
	return (c);
}

static void
record_put_varint(struct buf *out, uint64_t v)
{
	while (v >= 0x80) {
		buf_addc(out, (char)((v & 0x7f) | 0x80));
		v >>= 7;
	}
	buf_addc(out, (char)v);
}

void
record_encode(const struct record *r, struct buf *out)
{
	const struct record_item	*it;
	size_t				 i, tlen;

	buf_addc(out, RECORD_MAGIC);
	record_put_varint(out, RECORD_VERSION);
	record_put_varint(out, r->n);
	for (i = 0; i < r->n; i++) {
		it = &r->items[i];
		record_put_varint(out, it->tag);
		if (it->type == NULL)
			record_put_varint(out, 0);
		else {
			tlen = strlen(it->type);
			record_put_varint(out, (uint64_t)tlen + 1);
			buf_add(out, it->type, tlen);
		}
		record_put_varint(out, it->len);
		buf_add(out, it->value, it->len);
	}
}

void
record_write_begin(struct record_writer *w, struct buf *out)
{
	w->out = out;
	w->n = 0;
	memset(&w->items, 0, sizeof w->items);
}

void
record_write(struct record_writer *w, uint32_t tag, const char *type,
    const void *value, size_t len)
{
	size_t	tlen;

	record_put_varint(&w->items, tag);
	if (type == NULL)
		record_put_varint(&w->items, 0);
	else {
		tlen = strlen(type);
		record_put_varint(&w->items, (uint64_t)tlen + 1);
		buf_add(&w->items, type, tlen);
	}
	record_put_varint(&w->items, len);
	buf_add(&w->items, value, len);
	w->n++;
}

void
record_writes(struct record_writer *w, uint32_t tag, const char *type,
    const char *value)
{
	if (value != NULL)
		record_write(w, tag, type, value, strlen(value));
}

void
record_writeu(struct record_writer *w, uint32_t tag, uint64_t v)
{
	unsigned char	b[8];
	size_t		at = record_u64(v, b);

	record_write(w, tag, NULL, b + at, sizeof b - at);
}

void
record_write_end(struct record_writer *w)
{
	buf_addc(w->out, RECORD_MAGIC);
	record_put_varint(w->out, RECORD_VERSION);
	record_put_varint(w->out, w->n);
	buf_add(w->out, w->items.data, w->items.len);
	buf_free(&w->items);
}

/* Reads an unsigned LEB128 number of at most 64 bits; -1 on damage. */
static int
record_get_varint(struct record_reader *rd, uint64_t *v)
{
	unsigned int	shift = 0;
	unsigned char	c;

	*v = 0;
	for (;;) {
		if (rd->left == 0) {
			rd->why = "truncated";
			return (-1);
		}
		c = *rd->p++;
		rd->left--;
		if (shift == 63 && (c & 0x7e) != 0) {
			rd->why = "number too large";
			return (-1);
		}
		*v |= (uint64_t)(c & 0x7f) << shift;
		if ((c & 0x80) == 0)
			return (0);
		shift += 7;
		if (shift > 63) {
			rd->why = "number too long";
			return (-1);
		}
	}
}

/* Reads a length and checks it against the bytes remaining. */
static int
record_get_len(struct record_reader *rd, uint64_t *len)
{
	if (record_get_varint(rd, len) != 0)
		return (-1);
	if (*len > rd->left) {
		rd->why = "length beyond the end";
		return (-1);
	}
	return (0);
}

/* Reads one item in place; -1 with rd->why set on damage. */
static int
record_get_view(struct record_reader *rd, struct record_view *it)
{
	uint64_t	 tag, tlen, vlen;

	if (record_get_varint(rd, &tag) != 0)
		return (-1);
	if (tag > UINT32_MAX) {
		rd->why = "tag too large";
		return (-1);
	}
	if (record_get_varint(rd, &tlen) != 0)
		return (-1);
	it->tag = (uint32_t)tag;
	it->type = NULL;
	it->tlen = 0;
	if (tlen != 0) {
		if (tlen - 1 > rd->left) {
			rd->why = "length beyond the end";
			return (-1);
		}
		if (memchr(rd->p, '\0', tlen - 1) != NULL) {
			rd->why = "NUL in a type";
			return (-1);
		}
		it->type = (const char *)rd->p;
		it->tlen = tlen - 1;
		rd->p += tlen - 1;
		rd->left -= tlen - 1;
	}
	if (record_get_len(rd, &vlen) != 0)
		return (-1);
	it->value = (const char *)rd->p;
	it->len = vlen;
	rd->p += vlen;
	rd->left -= vlen;
	return (0);
}

/* Reads one item into r; -1 with rd->why set on damage. */
static int
record_get_item(struct record_reader *rd, struct record *r)
{
	struct record_view	it;

	if (record_get_view(rd, &it) != 0)
		return (-1);
	record_push(r, it.tag, it.type != NULL ? xstrndup(it.type, it.tlen) :
	    NULL, record_dup(it.value, it.len), it.len);
	return (0);
}

/* Reads the magic, version and item count. */
static int
record_get_header(struct record_reader *rd, uint64_t *version,
    uint64_t *count)
{
	if (rd->left == 0 || *rd->p != RECORD_MAGIC) {
		rd->why = "bad magic";
		return (-1);
	}
	rd->p++;
	rd->left--;
	if (record_get_varint(rd, version) != 0)
		return (-1);
	if (*version == 0) {
		rd->why = "format 0";
		return (-1);
	}
	if (*version > RECORD_VERSION)
		return (0);
	if (record_get_varint(rd, count) != 0)
		return (-1);
	if (*count > rd->left / RECORD_ITEM_MIN) {
		rd->why = "item count beyond the end";
		return (-1);
	}
	return (0);
}

struct record *
record_decode(const void *data, size_t len, struct err *e)
{
	struct record_reader	 rd = { data, len, NULL };
	struct record		*r;
	uint64_t		 version, count = 0, i;

	if (record_get_header(&rd, &version, &count) != 0)
		goto damaged;
	if (version > RECORD_VERSION) {
		err_set(e, NULL, 0, "record written by a newer kith "
		    "(format %llu); upgrade kith", (unsigned long long)version);
		return (NULL);
	}
	r = record_new();
	r->version = version;
	for (i = 0; i < count; i++) {
		if (record_get_item(&rd, r) != 0) {
			record_free(r);
			goto damaged;
		}
	}
	if (rd.left != 0) {
		record_free(r);
		rd.why = "trailing bytes";
		goto damaged;
	}
	return (r);

damaged:
	err_set(e, NULL, 0, "record damaged: %s", rd.why);
	return (NULL);
}

int
record_scan_init(struct record_scan *s, const void *data, size_t len,
    struct err *e)
{
	struct record_reader	 rd = { data, len, NULL };
	uint64_t		 version;

	if (record_get_header(&rd, &version, &s->count) != 0) {
		err_set(e, NULL, 0, "record damaged: %s", rd.why);
		return (-1);
	}
	if (version > RECORD_VERSION) {
		err_set(e, NULL, 0, "record written by a newer kith "
		    "(format %llu); upgrade kith", (unsigned long long)version);
		return (-1);
	}
	s->p = rd.p;
	s->left = rd.left;
	return (0);
}

int
record_scan_next(struct record_scan *s, struct record_view *it,
    struct err *e)
{
	struct record_reader	 rd = { s->p, s->left, NULL };

	if (s->count == 0) {
		if (s->left == 0)
			return (1);
		rd.why = "trailing bytes";
	} else if (record_get_view(&rd, it) == 0) {
		s->count--;
		s->p = rd.p;
		s->left = rd.left;
		return (0);
	}
	err_set(e, NULL, 0, "record damaged: %s", rd.why);
	return (-1);
}
