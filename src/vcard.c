/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading vCard 2.1, 3.0 and 4.0: lines, parameters and value encodings.
 * What the properties mean is in vcard-map.c. */
#include "vcard.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "utf8.h"
#include "vcard-int.h"
#include "xmalloc.h"

struct vcard_reader {
	FILE	*f;
	char	*name;
	int	 lineno;	/* physical lines read */
	char	*peek;		/* the next physical line, read ahead */
	int	 peek_line;
	char	*line;		/* what peek points into, kept for the next */
	size_t	 linecap;
	int	 started;
	int	 begin;		/* a BEGIN:VCARD line already read */
	struct buf	  logical;	/* the line being unfolded */
	struct arena	  ar;		/* the card's lines and properties */
	struct vcard_prop *props;	/* the card's, kept for the next */
	size_t		  propcap;
};

struct vcard_reader *
vcard_reader_new(FILE *f, const char *name)
{
	struct vcard_reader	*r = xcalloc(1, sizeof *r);

	r->f = f;
	r->name = xstrdup(name);
	return r;
}

void
vcard_reader_free(struct vcard_reader *r)
{
	if (r == NULL)
		return;
	free(r->line);
	free(r->name);
	buf_free(&r->logical);
	arena_free(&r->ar);
	free(r->props);
	free(r);
}

/* Reads the next physical line into r->peek without its line end, in
 * the reader's own buffer. */
static void
vcard_physical(struct vcard_reader *r)
{
	char	*line;
	size_t	 len;
	ssize_t	 n;

	r->peek = NULL;
	if ((n = getline(&r->line, &r->linecap, r->f)) == -1)
		return;
	line = r->line;
	len = n;
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (!r->started && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		memmove(line, line + 3, len - 2);
	r->started = 1;
	r->peek = line;
	r->peek_line = ++r->lineno;
}

/* Whether a line so far is QUOTED-PRINTABLE and ends with a soft break. */
static int
vcard_soft_break(struct buf *b)
{
	char	*colon;
	int	 qp;

	if (b->len == 0 || b->data[b->len - 1] != '=')
		return 0;
	if ((colon = strchr(b->data, ':')) == NULL)
		return 0;
	*colon = '\0';		/* the name and parameters alone */
	qp = strcasestr(b->data, "QUOTED-PRINTABLE") != NULL;
	*colon = ':';
	return qp;
}

/* The next logical line (unfolded) in the card's arena, or NULL at the
 * end of the file. */
static char *
vcard_logical(struct vcard_reader *r, int *line)
{
	struct buf	*b = &r->logical;

	if (r->peek == NULL)
		vcard_physical(r);
	while (r->peek != NULL && r->peek[strspn(r->peek, " \t")] == '\0')
		vcard_physical(r);	/* blank lines */
	if (r->peek == NULL)
		return NULL;
	*line = r->peek_line;
	buf_reset(b);
	buf_adds(b, r->peek);
	for (;;) {
		vcard_physical(r);
		if (r->peek == NULL)
			break;
		if (r->peek[0] == ' ' || r->peek[0] == '\t')
			buf_adds(b, r->peek + 1);
		else if (vcard_soft_break(b)) {
			b->data[--b->len] = '\0';
			buf_adds(b, r->peek);
		} else
			break;
	}
	return arena_strndup(&r->ar, buf_str(b), b->len);
}

/* The end of the text before a character of set (a double quote and
 * the stops) outside double quotes. */
#define VCARD_COLON	"\":"
#define VCARD_SEMI	"\";:"
static const char *
vcard_unquoted(const char *s, const char *set)
{
	const char	*q;

	for (;;) {
		s += strcspn(s, set);
		if (*s != '"')
			return s;	/* a stop, or the end */
		if ((q = strchr(s + 1, '"')) == NULL)
			return s + strlen(s);	/* never closed */
		s = q + 1;
	}
}

static char *
vcard_lower(struct arena *ar, const char *s, size_t n)
{
	char	*l = arena_strndup(ar, s, n), *p;

	for (p = l; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	return l;
}

static void
vcard_add_type(struct arena *ar, struct vcard_prop *p, const char *v,
    size_t n)
{
	p->types = arena_grow(ar, p->types, p->ntypes, sizeof *p->types);
	p->types[p->ntypes++] = vcard_lower(ar, v, n);
}

static void
vcard_add_types(struct arena *ar, struct vcard_prop *p, const char *v,
    size_t n)
{
	const char	*end = v + n, *c;

	if (n > 0 && *v == '"') {
		v++;
		if (end > v && end[-1] == '"')
			end--;
	}
	for (; v < end; v = c + 1) {
		if ((c = memchr(v, ',', end - v)) == NULL)
			c = end;
		if (c > v)
			vcard_add_type(ar, p, v, c - v);
	}
}

static int
vcard_is_encoding(const char *v, size_t n)
{
	return (n == 16 && strncasecmp(v, "quoted-printable", n) == 0) ||
	    (n == 6 && strncasecmp(v, "base64", n) == 0) ||
	    (n == 1 && strncasecmp(v, "b", n) == 0) ||
	    (n == 4 && (strncasecmp(v, "8bit", n) == 0 ||
	    strncasecmp(v, "7bit", n) == 0));
}

/* One parameter: TYPE=, ENCODING=, CHARSET=, VALUE= or a bare 2.1 word. */
static void
vcard_param(struct arena *ar, struct vcard_prop *p, const char *s, size_t n)
{
	const char	*eq = memchr(s, '=', n);
	size_t		 kl = eq != NULL ? (size_t)(eq - s) : 0;
	const char	*v = eq != NULL ? eq + 1 : s;
	size_t		 vl = eq != NULL ? n - kl - 1 : n;

	if (eq == NULL && vcard_is_encoding(v, vl))
		p->encoding = vcard_lower(ar, v, vl);
	else if (eq == NULL || (kl == 4 && strncasecmp(s, "type", 4) == 0))
		vcard_add_types(ar, p, v, vl);
	else if (kl == 8 && strncasecmp(s, "encoding", 8) == 0)
		p->encoding = vcard_lower(ar, v, vl);
	else if (kl == 7 && strncasecmp(s, "charset", 7) == 0) {
		p->charset = vcard_lower(ar, v, vl);
		if (vl >= 2 && *p->charset == '"') {
			memmove(p->charset, p->charset + 1, vl - 1);
			p->charset[vl - 2] = '\0';
		}
	} else if (kl == 5 && strncasecmp(s, "value", 5) == 0)
		p->valuetype = vcard_lower(ar, v, vl);
	else if (kl == 4 && strncasecmp(s, "pref", 4) == 0)
		vcard_add_type(ar, p, "pref", 4);
	else
		p->other_params = 1;
}

/* Splits "group.NAME;params" and the value. */
static int
vcard_split_line(struct arena *ar, struct vcard_prop *p, const char *line,
    struct err *e, const char *file)
{
	const char	*colon = vcard_unquoted(line, VCARD_COLON), *s, *end;
	const char	*dot;
	char		*u;

	if (*colon == '\0') {
		err_set(e, file, p->line, "no ':' in \"%.40s\"", line);
		return -1;
	}
	end = vcard_unquoted(line, VCARD_SEMI);
	if (end == line) {
		err_set(e, file, p->line, "a property without a name");
		return -1;
	}
	dot = memchr(line, '.', end - line);
	if (dot != NULL) {
		p->group = arena_strndup(ar, line, dot - line);
		p->name = arena_strndup(ar, dot + 1, end - dot - 1);
	} else
		p->name = arena_strndup(ar, line, end - line);
	for (u = p->name; *u != '\0'; u++)
		*u = toupper((unsigned char)*u);
	p->params = arena_strndup(ar, end, colon - end);
	for (s = end; *s == ';'; s = end) {
		s++;
		end = vcard_unquoted(s, VCARD_SEMI);
		if (end > s)
			vcard_param(ar, p, s, end - s);
	}
	p->value = arena_strdup(ar, colon + 1);
	return 0;
}

static int
vcard_hex(int c)
{
	if (isdigit(c))
		return c - '0';
	c = toupper(c);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes the value in place (it only shrinks). */
static int
vcard_qp_decode(struct vcard_prop *p, const char *file, struct err *e)
{
	const char	*s;
	char		*o = p->value;
	int		 h, l;

	for (s = p->value; *s != '\0'; s++) {
		if (*s != '=') {
			*o++ = *s;
			continue;
		}
		if (s[1] == '\0')
			break;
		h = vcard_hex((unsigned char)s[1]);
		l = h < 0 ? -1 : vcard_hex((unsigned char)s[2]);
		if (l < 0) {
			err_set(e, file, p->line, "%s: bad quoted-printable "
			    "\"=%.2s\"", p->name, s + 1);
			return -1;
		}
		if (o > p->value && o[-1] == '\r' && h * 16 + l == '\n')
			o--;	/* CRLF as LF */
		*o++ = h * 16 + l;
		s += 2;
	}
	*o = '\0';
	return 0;
}

/* Converts s from charset to UTF-8 in the arena; NULL when iconv
 * refuses. */
static char *
vcard_iconv(struct arena *ar, const char *s, const char *charset)
{
	iconv_t		 cd = iconv_open("UTF-8", charset);
	struct buf	 b = BUF_INIT;
	char		 out[1024], *in = (char *)s, *o, *u;
	size_t		 inl = strlen(s), ol;

	if (cd == (iconv_t)-1)
		return NULL;
	while (inl > 0) {
		o = out;
		ol = sizeof out;
		if (iconv(cd, &in, &inl, &o, &ol) == (size_t)-1 &&
		    errno != E2BIG) {
			iconv_close(cd);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, out, o - out);
	}
	iconv_close(cd);
	u = arena_strdup(ar, buf_str(&b));
	buf_free(&b);
	return u;
}

/* The value as UTF-8 text: quoted-printable decoded, charset converted. */
static int
vcard_decode(struct arena *ar, struct vcard_prop *p, const char *file,
    struct err *e)
{
	char	*u;

	if (p->encoding != NULL && strcmp(p->encoding, "quoted-printable") == 0)
		if (vcard_qp_decode(p, file, e) != 0)
			return -1;
	if (p->charset != NULL && strcmp(p->charset, "utf-8") != 0 &&
	    strcmp(p->charset, "utf8") != 0) {
		if ((u = vcard_iconv(ar, p->value, p->charset)) == NULL) {
			err_set(e, file, p->line, "%s: cannot convert from "
			    "charset \"%s\"", p->name, p->charset);
			return -1;
		}
		p->value = u;
		p->converted = 1;
	}
	if (!utf8_valid(p->value, strlen(p->value))) {
		if ((u = vcard_iconv(ar, p->value, "WINDOWS-1252")) == NULL) {
			err_set(e, file, p->line, "%s: not UTF-8 and no "
			    "CHARSET parameter says what it is", p->name);
			return -1;
		}
		p->value = u;
		p->converted = 1;
	}
	if (p->encoding != NULL && strcmp(p->encoding, "quoted-printable") == 0)
		p->converted = 1;
	return 0;
}

static int
vcard_is(const char *line, const char *what)
{
	size_t	n = strlen(what);

	return strncasecmp(line, what, n) == 0 &&
	    line[n + strspn(line + n, " \t")] == '\0';
}

/* Skips to just past the next END:VCARD (after a malformed card). */
static void
vcard_skip(struct vcard_reader *r)
{
	char	*l;
	int	 line;

	while ((l = vcard_logical(r, &line)) != NULL) {
		if (vcard_is(l, "END:VCARD"))
			return;
		if (vcard_is(l, "BEGIN:VCARD")) {	/* leave it for the next */
			r->begin = line;
			return;
		}
	}
}

/* The property lines of one card, after its BEGIN line, in r->props
 * and the arena. */
static int
vcard_card(struct vcard_reader *r, size_t *nout, int begin, struct err *e)
{
	struct vcard_prop	*p;
	size_t			 n = 0;
	char			*l;
	int			 line;

	for (;;) {
		if ((l = vcard_logical(r, &line)) == NULL) {
			err_set(e, r->name, begin, "BEGIN:VCARD without "
			    "END:VCARD");
			break;
		}
		if (vcard_is(l, "END:VCARD")) {
			*nout = n;
			return 0;
		}
		if (vcard_is(l, "BEGIN:VCARD")) {
			err_set(e, r->name, line, "BEGIN:VCARD before the "
			    "END:VCARD of the card from line %d", begin);
			r->begin = line;
			return -2;
		}
		if (n == r->propcap) {
			r->propcap = r->propcap ? r->propcap * 2 : 16;
			r->props = xreallocarray(r->props, r->propcap,
			    sizeof *r->props);
		}
		p = &r->props[n++];
		memset(p, 0, sizeof *p);
		p->line = line;
		p->raw = l;
		if (vcard_split_line(&r->ar, p, l, e, r->name) != 0 ||
		    vcard_decode(&r->ar, p, r->name, e) != 0)
			break;
	}
	return -1;
}

int
vcard_read(struct vcard_reader *r, struct contact **out, int *line,
    struct err *e)
{
	size_t	 n;
	char	*l;
	int	 rc;

	*out = NULL;
	arena_reset(&r->ar);
	if (r->begin != 0) {
		*line = r->begin;
		r->begin = 0;
	} else {
		if ((l = vcard_logical(r, line)) == NULL)
			return 1;
		rc = vcard_is(l, "BEGIN:VCARD");
		if (!rc) {
			err_set(e, r->name, *line, "\"%.40s\" outside "
			    "BEGIN:VCARD and END:VCARD", l);
			vcard_skip(r);
			return -1;
		}
	}
	if ((rc = vcard_card(r, &n, *line, e)) != 0) {
		if (rc == -1)
			vcard_skip(r);
		return -1;
	}
	return vcard_map(r->props, n, &r->ar, r->name, *line, out, e);
}
