/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "out.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct out {
	FILE			*f;
	enum out_format		 fmt;
	const char *const	*columns;
	size_t			 n;
	size_t			 rows;
};

int
out_format_parse(const char *s)
{
	if (strcmp(s, "tsv") == 0 || strcmp(s, "text") == 0)
		return OUT_TSV;
	if (strcmp(s, "csv") == 0)
		return OUT_CSV;
	if (strcmp(s, "json") == 0)
		return OUT_JSON;
	return -1;
}

static void
out_csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void
out_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char	c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void
out_tsv_field(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		fputc((*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s, f);
}

struct out *
out_new(FILE *f, enum out_format fmt, const char *const *columns, size_t n)
{
	struct out	*o = xcalloc(1, sizeof *o);
	size_t		 i;

	o->f = f;
	o->fmt = fmt;
	o->columns = columns;
	o->n = n;
	if (fmt == OUT_CSV) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				fputc(',', f);
			out_csv_field(f, columns[i]);
		}
		fputs("\r\n", f);
	} else if (fmt == OUT_JSON)
		fputc('[', f);
	return o;
}

void
out_row(struct out *o, const char *const *v)
{
	size_t	i;

	if (o->fmt == OUT_JSON)
		fputs(o->rows > 0 ? ",\n{" : "\n{", o->f);
	for (i = 0; i < o->n; i++) {
		const char *s = v[i] != NULL ? v[i] : "";

		switch (o->fmt) {
		case OUT_TSV:
			if (i > 0)
				fputc('\t', o->f);
			out_tsv_field(o->f, s);
			break;
		case OUT_CSV:
			if (i > 0)
				fputc(',', o->f);
			out_csv_field(o->f, s);
			break;
		case OUT_JSON:
			if (i > 0)
				fputs(", ", o->f);
			out_json_string(o->f, o->columns[i]);
			fputs(": ", o->f);
			out_json_string(o->f, s);
			break;
		}
	}
	if (o->fmt == OUT_JSON)
		fputc('}', o->f);
	else
		fputs(o->fmt == OUT_CSV ? "\r\n" : "\n", o->f);
	o->rows++;
}

int
out_end(struct out *o)
{
	int	rc;

	if (o->fmt == OUT_JSON)
		fputs(o->rows > 0 ? "\n]\n" : "]\n", o->f);
	rc = ferror(o->f) ? -1 : 0;
	free(o);
	return rc;
}
