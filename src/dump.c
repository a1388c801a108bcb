/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dump.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "book.h"
#include "buf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "field.h"
#include "record.h"
#include "ticket.h"
#include "utf8.h"
#include "when.h"
#include "xmalloc.h"

#define DUMP_MAGIC	"kith-dump 1"

/* The audit entry's items, named for the dump. */
static const struct field_def dump_audit_fields[] = {
	{ "time", 1, FIELD_TIME, 0, 0, CHECK_NONE, NULL },
	{ "user", 2, FIELD_TEXT, 0, 0, CHECK_NONE, NULL },
	{ "kind", 3, FIELD_TEXT, 0, 0, CHECK_NONE, NULL },
	{ "target", 4, FIELD_ID, 0, 0, CHECK_NONE, NULL },
	{ "action", 5, FIELD_TEXT, 0, 0, CHECK_NONE, NULL },
	{ "old", 6, FIELD_TEXT, 0, 0, CHECK_NONE, NULL },
	{ "new", 7, FIELD_TEXT, 0, 0, CHECK_NONE, NULL },
};

static const struct field_def *
dump_catalogue(char kind, size_t *n)
{
	switch (kind) {
	case 'c':
		*n = contact_nfields;
		return contact_fields;
	case 'a':
		*n = activity_nfields;
		return activity_fields;
	case 'd':
		*n = deal_nfields;
		return deal_fields;
	case 'k':
		*n = ticket_nfields;
		return ticket_fields;
	case 'x':
		*n = sizeof dump_audit_fields / sizeof dump_audit_fields[0];
		return dump_audit_fields;
	}
	*n = 0;
	return NULL;
}

static const struct field_def *
dump_def_by_tag(char kind, uint32_t tag)
{
	const struct field_def	*defs;
	size_t			 n, i;

	defs = dump_catalogue(kind, &n);
	for (i = 0; i < n; i++)
		if (defs[i].tag == tag)
			return &defs[i];
	return NULL;
}

static void
dump_escape(FILE *f, const char *s, size_t len, int in_type)
{
	uint32_t	cp;
	size_t		i = 0;
	int		w;

	while (i < len) {
		unsigned char	c = s[i];

		if (c == '\\')
			fputs("\\\\", f);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20 || c == 0x7f || (in_type && c == '='))
			fprintf(f, "\\x%02x", c);
		else if (c >= 0x80) {
			w = utf8_decode(s + i, len - i, &cp);
			if (w <= 0)
				fprintf(f, "\\x%02x", c);
			else {
				fwrite(s + i, 1, w, f);
				i += w;
				continue;
			}
		} else
			fputc(c, f);
		i++;
	}
}

static void
dump_item(FILE *f, char kind, const struct record_item *it)
{
	const struct field_def	*d = dump_def_by_tag(kind, it->tag);
	char			 ts[32];
	int			 numeric;

	numeric = d != NULL && (d->type == FIELD_TIME || d->type == FIELD_NUM ||
	    d->type == FIELD_ID || d->type == FIELD_BOOL);
	if (numeric && (it->len == 0 || it->len > 8 || it->type != NULL))
		d = NULL;	/* not what this kith writes: keep it raw */
	if (d != NULL)
		fputs(d->name, f);
	else
		fprintf(f, "#%u", it->tag);
	if (it->type != NULL) {
		fputc('.', f);
		dump_escape(f, it->type, strlen(it->type), 1);
	}
	fputc('=', f);
	if (d == NULL || !numeric)
		dump_escape(f, it->value, it->len, 0);
	else if (d->type == FIELD_TIME)
		fputs(when_format_utc((time_t)record_number(it->value, it->len), ts, sizeof ts), f);
	else if (d->type == FIELD_NUM)
		fprintf(f, "%lld", (long long)record_number(it->value, it->len));
	else
		fprintf(f, "%llu", (unsigned long long)record_number(it->value, it->len));
	fputc('\n', f);
}

static int
dump_record(const struct book_raw *r, void *arg)
{
	FILE		*f = arg;
	struct record	*rec;
	size_t		 i;

	if ((rec = record_decode(r->data, r->len, NULL)) == NULL)
		return -1;
	fprintf(f, "\n[%c%llu]\n", r->kind, (unsigned long long)r->id);
	for (i = 0; i < rec->n; i++)
		dump_item(f, r->kind, &rec->items[i]);
	record_free(rec);
	return ferror(f) ? -1 : 0;
}

int
dump_write(struct book *b, FILE *f, struct err *e)
{
	uint64_t	seqs[8];
	size_t		i;

	if (book_raw_seqs(b, seqs, e) != 0)
		return -1;
	fprintf(f, "%s\n", DUMP_MAGIC);
	for (i = 0; book_kinds[i] != '\0'; i++)
		fprintf(f, "seq %c %llu\n", book_kinds[i],
		    (unsigned long long)seqs[i]);
	if (book_raw_each(b, dump_record, f, e) != 0)
		return -1;
	if (fflush(f) == EOF || ferror(f)) {
		err_set(e, NULL, 0, "writing the dump failed");
		return -1;
	}
	return 0;
}

struct dump_reader {
	FILE		*f;
	const char	*name;
	int		 line;
	struct book_raw	*v;
	size_t		 n;
	struct record	*cur;
	char		 kind;
	uint64_t	 seqs[8];
};

static int
dump_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int
dump_unescape(struct dump_reader *r, const char *s, size_t len,
    struct buf *out, struct err *e)
{
	size_t	i;
	int	h, l;

	buf_reset(out);
	for (i = 0; i < len; i++) {
		if (s[i] != '\\') {
			buf_addc(out, s[i]);
			continue;
		}
		if (++i == len)
			goto bad;
		switch (s[i]) {
		case '\\': buf_addc(out, '\\'); break;
		case 'n': buf_addc(out, '\n'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 'x':
			if (i + 2 >= len)
				goto bad;
			if ((h = dump_hex(s[i + 1])) < 0 ||
			    (l = dump_hex(s[i + 2])) < 0)
				goto bad;
			buf_addc(out, h * 16 + l);
			i += 2;
			break;
		default:
			goto bad;
		}
	}
	return 0;
bad:
	err_set(e, r->name, r->line, "bad escape sequence");
	return -1;
}

static void
dump_finish_record(struct dump_reader *r, uint64_t id)
{
	struct buf	b = BUF_INIT;

	record_encode(r->cur, &b);
	r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
	r->v[r->n].kind = r->kind;
	r->v[r->n].id = id;
	r->v[r->n].len = b.len;
	r->v[r->n].data = buf_detach(&b);
	r->n++;
	record_free(r->cur);
	r->cur = NULL;
}

static const struct field_def *
dump_def_by_name(char kind, const char *name, size_t len)
{
	const struct field_def	*defs;
	size_t			 n, i;

	defs = dump_catalogue(kind, &n);
	for (i = 0; i < n; i++)
		if (strlen(defs[i].name) == len &&
		    strncmp(defs[i].name, name, len) == 0)
			return &defs[i];
	return NULL;
}

static int
dump_number(struct dump_reader *r, const struct field_def *d,
    const char *v, uint64_t *out, struct err *e)
{
	char	*end;
	time_t	 t;

	if (d->type == FIELD_TIME) {
		if (when_parse_utc(v, &t, NULL) != 0)
			goto bad;
		*out = (uint64_t)t;
		return 0;
	}
	if (*v == '\0')
		goto bad;
	if (d->type == FIELD_NUM)
		*out = (uint64_t)strtoll(v, &end, 10);
	else
		*out = strtoull(v, &end, 10);
	if (*end == '\0')
		return 0;
bad:
	err_set(e, r->name, r->line, "%s: bad value \"%s\"", d->name, v);
	return -1;
}

static int
dump_item_line(struct dump_reader *r, const char *line, struct err *e)
{
	const struct field_def	*d = NULL;
	const char		*eq = strchr(line, '='), *dot;
	struct buf		 type = BUF_INIT, val = BUF_INIT;
	unsigned long		 tag;
	char			*end;
	uint64_t		 u;
	int			 rc = -1;

	if (eq == NULL) {
		err_set(e, r->name, r->line, "expected NAME=VALUE");
		return -1;
	}
	dot = memchr(line, '.', eq - line);
	if (line[0] == '#') {
		tag = strtoul(line + 1, &end, 10);
		if (end == line + 1 || (end != dot && end != eq) ||
		    tag > UINT32_MAX) {
			err_set(e, r->name, r->line, "bad tag");
			return -1;
		}
	} else if ((d = dump_def_by_name(r->kind, line,
	    (dot ? dot : eq) - line)) == NULL) {
		err_set(e, r->name, r->line, "unknown field \"%.*s\"",
		    (int)((dot ? dot : eq) - line), line);
		return -1;
	} else
		tag = d->tag;
	if (dot != NULL && dump_unescape(r, dot + 1, eq - dot - 1, &type, e))
		goto out;
	if (d != NULL && (d->type == FIELD_TIME || d->type == FIELD_NUM ||
	    d->type == FIELD_ID || d->type == FIELD_BOOL)) {
		if (dump_number(r, d, eq + 1, &u, e) != 0)
			goto out;
		record_addu(r->cur, tag, u);
	} else {
		if (dump_unescape(r, eq + 1, strlen(eq + 1), &val, e) != 0)
			goto out;
		record_add(r->cur, tag, dot ? buf_str(&type) : NULL,
		    val.data ? val.data : "", val.len);
	}
	rc = 0;
out:
	buf_free(&type);
	buf_free(&val);
	return rc;
}

static int
dump_header_line(struct dump_reader *r, const char *line, uint64_t *id,
    struct err *e)
{
	char	*end;

	if (line[1] == '\0' || strchr(book_kinds, line[1]) == NULL ||
	    !isdigit((unsigned char)line[2]))
		goto bad;
	*id = strtoull(line + 2, &end, 10);
	if (strcmp(end, "]") != 0 || *id == 0)
		goto bad;
	r->kind = line[1];
	r->cur = record_new();
	return 0;
bad:
	err_set(e, r->name, r->line, "bad record header \"%s\"", line);
	return -1;
}

static int
dump_seq_line(struct dump_reader *r, const char *line, struct err *e)
{
	const char	*k;
	char		*end;

	if (line[4] != '\0' && (k = strchr(book_kinds, line[4])) != NULL &&
	    line[4] != '\0' && line[5] == ' ') {
		r->seqs[k - book_kinds] = strtoull(line + 6, &end, 10);
		if (*end == '\0' && end != line + 6)
			return 0;
	}
	err_set(e, r->name, r->line, "bad seq line");
	return -1;
}

static int
dump_parse(struct dump_reader *r, struct err *e)
{
	char		*line = NULL;
	size_t		 cap = 0;
	ssize_t		 len;
	uint64_t	 id = 0;
	int		 rc = 0;

	while (rc == 0 && (len = getline(&line, &cap, r->f)) != -1) {
		r->line++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (r->line == 1) {
			if (strcmp(line, DUMP_MAGIC) != 0) {
				err_set(e, r->name, 1, "not a kith dump (it "
				    "starts with \"%s\")", DUMP_MAGIC);
				rc = -1;
			}
			continue;
		}
		if (len == 0)
			continue;
		if (line[0] == '[') {
			if (r->cur != NULL)
				dump_finish_record(r, id);
			rc = dump_header_line(r, line, &id, e);
		} else if (r->cur == NULL && strncmp(line, "seq ", 4) == 0)
			rc = dump_seq_line(r, line, e);
		else if (r->cur == NULL) {
			err_set(e, r->name, r->line, "expected [ID]");
			rc = -1;
		} else
			rc = dump_item_line(r, line, e);
	}
	if (rc == 0 && r->line == 0) {
		err_set(e, r->name, 0, "empty file");
		rc = -1;
	}
	if (rc == 0 && ferror(r->f)) {
		err_set(e, r->name, r->line, "read error");
		rc = -1;
	}
	if (rc == 0 && r->cur != NULL)
		dump_finish_record(r, id);
	free(line);
	return rc;
}

int
dump_read(struct book *b, FILE *f, const char *name, struct err *e)
{
	struct dump_reader	r;
	size_t			i;
	int			rc;

	memset(&r, 0, sizeof r);
	r.f = f;
	r.name = name;
	rc = dump_parse(&r, e);
	if (rc == 0)
		rc = book_raw_load(b, r.v, r.n, r.seqs, e);
	for (i = 0; i < r.n; i++)
		free(r.v[i].data);
	free(r.v);
	record_free(r.cur);
	return rc;
}
