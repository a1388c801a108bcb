/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RFC 4180 reading and writing. */
#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "utf8.h"
#include "xmalloc.h"

struct csv {
	const char	*p, *end;
	char		*name;
	int		 sep;
	int		 line;
	char		**fields;	/* in ar, emptied at each record */
	size_t		 n, cap;
	struct arena	 ar;
	struct buf	 b;		/* the field being read */
	const char	*start;
	int		 torn;		/* ended inside quotes */
	iconv_t		 cd;		/* Windows-1252, opened when needed */
};

/* The separator of the header line: whichever occurs most outside quotes. */
static int
csv_guess(const char *p, const char *end)
{
	size_t	comma = 0, semi = 0, tab = 0;
	int	q = 0;

	for (; p < end && (q || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			q = !q;
		else if (!q && *p == ',')
			comma++;
		else if (!q && *p == ';')
			semi++;
		else if (!q && *p == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

struct csv *
csv_open_part(const char *data, size_t len, const char *name, int sep,
    int line)
{
	struct csv	*r = xcalloc(1, sizeof *r);

	r->p = r->start = data;
	r->end = data + len;
	r->name = xstrdup(name);
	r->sep = sep;
	r->line = line;
	r->cd = (iconv_t)-1;
	return r;
}

struct csv *
csv_open(const char *data, size_t len, const char *name)
{
	size_t		 bom = len >= 3 &&
			    memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	struct csv	*r = csv_open_part(data + bom, len - bom, name,
			    csv_guess(data + bom, data + len), 1);

	r->start = data;	/* offsets count the byte-order mark */
	return r;
}

size_t
csv_offset(const struct csv *r, int *line)
{
	*line = r->line;
	return r->p - r->start;
}

int
csv_torn(const struct csv *r)
{
	return r->torn;
}

static void
csv_clear(struct csv *r)
{
	arena_reset(&r->ar);
	r->n = 0;
}

void
csv_free(struct csv *r)
{
	if (r == NULL)
		return;
	arena_free(&r->ar);
	buf_free(&r->b);
	free(r->fields);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->name);
	free(r);
}

int
csv_separator(const struct csv *r)
{
	return r->sep;
}

/* A field that is not UTF-8, from Windows-1252. */
static char *
csv_recode(struct csv *r, struct buf *b)
{
	struct buf	 o = BUF_INIT;
	char		 out[512], *in = b->data, *op;
	size_t		 inl = b->len, ol;

	if (r->cd == (iconv_t)-1 &&
	    (r->cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1)
		return NULL;
	iconv(r->cd, NULL, NULL, NULL, NULL);
	buf_adds(&o, "");
	while (inl > 0) {
		op = out;
		ol = sizeof out;
		if (iconv(r->cd, &in, &inl, &op, &ol) == (size_t)-1 &&
		    errno != E2BIG) {
			buf_free(&o);
			return NULL;
		}
		buf_add(&o, out, op - out);
	}
	return buf_detach(&o);
}

static int
csv_field_end(struct csv *r, struct buf *b, struct err *e)
{
	char	*s;

	if (b->len > 0 && !utf8_valid(b->data, b->len)) {
		if ((s = csv_recode(r, b)) == NULL) {
			err_set(e, r->name, r->line, "field %zu is neither "
			    "UTF-8 nor Windows-1252", r->n + 1);
			return -1;
		}
		buf_reset(b);
		buf_adds(b, s);
		free(s);
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->fields = xreallocarray(r->fields, r->cap, sizeof *r->fields);
	}
	r->fields[r->n++] = arena_strndup(&r->ar, buf_str(b), b->len);
	buf_reset(b);
	return 0;
}

/* A quoted field from just after its opening quote. */
static int
csv_quoted(struct csv *r, struct buf *b, struct err *e)
{
	const char	*q;
	int		 start = r->line;

	for (; r->p < r->end; r->p++) {
		for (q = r->p; q < r->end && *q != '"' && *q != '\n' &&
		    *q != '\r'; q++)
			;
		buf_add(b, r->p, q - r->p);	/* a run of plain text */
		if ((r->p = q) == r->end)
			break;
		if (*r->p == '\n')
			r->line++;
		if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
			continue;
		if (*r->p != '"') {
			buf_addc(b, *r->p);
			continue;
		}
		if (r->p + 1 < r->end && r->p[1] == '"') {
			buf_addc(b, '"');
			r->p++;
			continue;
		}
		r->p++;
		if (r->p < r->end && *r->p != r->sep && *r->p != '\n' &&
		    *r->p != '\r') {
			err_set(e, r->name, r->line, "'%c' after the closing "
			    "quote of field %zu", *r->p, r->n + 1);
			return -1;
		}
		return 0;
	}
	err_set(e, r->name, start, "a quoted field that never ends "
	    "(field %zu)", r->n + 1);
	r->torn = 1;
	return -1;
}

/* Skips the rest of a malformed line. */
static void
csv_skip_line(struct csv *r)
{
	while (r->p < r->end && *r->p != '\n')
		r->p++;
	if (r->p < r->end) {
		r->p++;
		r->line++;
	}
}

static int
csv_record(struct csv *r, struct err *e)
{
	struct buf	*b = &r->b;
	const char	*q;
	int		 rc = 0, fresh = 1;

	buf_reset(b);
	for (;;) {
		if (fresh && r->p < r->end && *r->p == '"') {
			r->p++;
			if ((rc = csv_quoted(r, b, e)) != 0)
				break;
		}
		fresh = 0;
		for (q = r->p; q < r->end && *q != '\n' && *q != '\r' &&
		    *q != r->sep; q++)
			;
		buf_add(b, r->p, q - r->p);	/* the rest of the field */
		r->p = q;
		if ((rc = csv_field_end(r, b, e)) != 0)
			break;
		if (r->p < r->end && *r->p == r->sep) {
			r->p++;
			fresh = 1;
			continue;
		}
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n') {
			r->p++;
			r->line++;
		}
		break;
	}
	return rc;
}

int
csv_next(struct csv *r, char ***fields, size_t *n, int *line, struct err *e)
{
	csv_clear(r);
	while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
		if (*r->p++ == '\n')
			r->line++;
	}
	if (r->p >= r->end)
		return 1;
	*line = r->line;
	if (csv_record(r, e) != 0) {
		csv_skip_line(r);
		return -1;
	}
	*fields = r->fields;
	*n = r->n;
	return 0;
}

void
csv_write(FILE *f, const char *const *v, size_t n)
{
	const char	*s;
	size_t		 i;

	for (i = 0; i < n; i++) {
		s = v[i] != NULL ? v[i] : "";
		if (i > 0)
			putc(',', f);
		if (strpbrk(s, ",\"\r\n;") == NULL && *s != ' ') {
			fputs(s, f);
			continue;
		}
		putc('"', f);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				putc('"', f);
			putc(*s, f);
		}
		putc('"', f);
	}
	fputs("\r\n", f);
}
