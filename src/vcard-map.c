/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From the properties of one vCard to a contact. */
#include "vcard.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "record.h"
#include "vcard-int.h"
#include "xmalloc.h"

/* A card being mapped; every string here is in the arena. */
struct vcard_build {
	struct contact		*c;
	const struct vcard_prop	*v;
	size_t			 nv;
	struct arena		*ar;
	const char		*fn;
	const char		*n;		/* the name N makes */
	struct buf		 note;
};

/* Text with the vCard escapes undone (never longer than it was), and
 * its length; a backslash ending the text stays. */
static char *
vcard_unescape(struct arena *ar, const char *s, size_t n, size_t *len)
{
	const char	*end = s + n, *bs;
	char		*t = arena_alloc(ar, n + 1), *o = t;

	while (s < end) {
		if ((bs = memchr(s, '\\', end - s)) == NULL)
			bs = end;
		memcpy(o, s, bs - s);	/* a run without escapes */
		o += bs - s;
		if ((s = bs) == end)
			break;
		if (++s == end) {
			*o++ = '\\';
			break;
		}
		if (*s == 'n' || *s == 'N')
			*o++ = '\n';
		else if (*s == '\\' || *s == ',' || *s == ';' || *s == ':')
			*o++ = *s;
		else {
			*o++ = '\\';
			*o++ = *s;
		}
		s++;
	}
	*o = '\0';
	*len = o - t;
	return t;
}

/* t of len bytes without white space at its ends (cut in place). */
static char *
vcard_trim(char *t, size_t len)
{
	while (len > 0 && isspace((unsigned char)t[len - 1]))
		t[--len] = '\0';
	return t + strspn(t, " \t");
}

/* The parts of s between unescaped seps, each unescaped and trimmed. */
static char **
vcard_split(struct arena *ar, const char *s, int sep, size_t *n)
{
	char		**v, *t;
	const char	 *p = s, *start = s;
	size_t		  len, cap = 1;

	for (p = s; *p != '\0'; p++)	/* the most parts there can be */
		cap += *p == sep;
	v = arena_alloc(ar, cap * sizeof *v);
	*n = 0;
	for (p = s;; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p != sep && *p != '\0')
			continue;
		t = vcard_unescape(ar, start, p - start, &len);
		v[(*n)++] = vcard_trim(t, len);
		if (*p == '\0')
			return v;
		start = p + 1;
	}
}

/* The value as one text, unescaped and trimmed. */
static char *
vcard_text(struct vcard_build *b, const struct vcard_prop *p)
{
	size_t	 len;
	char	*t = vcard_unescape(b->ar, p->value, strlen(p->value), &len);

	return vcard_trim(t, len);
}

/* Keeps a property kith has no field for, as it was written. */
static void
vcard_keep(struct vcard_build *b, const struct vcard_prop *p)
{
	struct buf	 r = BUF_INIT;
	const char	*s, *e;

	if (b->c->extra == NULL)
		b->c->extra = record_new();
	if (!p->converted) {
		record_adds(b->c->extra, VCARD_TAG_RAW, NULL, p->raw);
		return;
	}
	if (p->group != NULL)
		buf_addf(&r, "%s.", p->group);
	buf_adds(&r, p->name);
	for (s = p->params; *s == ';'; s = e) {	/* no ENCODING, CHARSET */
		e = s + 1 + strcspn(s + 1, ";");
		if (strncasecmp(s + 1, "encoding=", 9) != 0 &&
		    strncasecmp(s + 1, "charset=", 8) != 0 &&
		    strncasecmp(s + 1, "quoted-printable", e - s - 1) != 0)
			buf_add(&r, s, e - s);
	}
	buf_addc(&r, ':');
	for (s = p->value; *s != '\0'; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		if (*s == '\n' || *s == '\r')
			buf_adds(&r, "\\n");
		else
			buf_addc(&r, *s);
	}
	record_adds(b->c->extra, VCARD_TAG_RAW, NULL, buf_str(&r));
	buf_free(&r);
}

static int
vcard_has(const struct vcard_prop *p, const char *type)
{
	size_t	i;

	for (i = 0; i < p->ntypes; i++)
		if (strcmp(p->types[i], type) == 0)
			return 1;
	return 0;
}

/* An Apple label ("_$!<Mobile>!$_", "Assistant") as a kith type. */
static const char *
vcard_label_type(struct vcard_build *b, const char *label)
{
	char	*t, *p;
	size_t	 n;

	if (strncmp(label, "_$!<", 4) == 0)
		label += 4;
	t = arena_strdup(b->ar, label);
	if ((n = strlen(t)) >= 4 && strcmp(t + n - 4, ">!$_") == 0)
		t[n - 4] = '\0';
	for (p = t; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	if (strcmp(t, "homefax") == 0 || strcmp(t, "workfax") == 0)
		return "fax";
	if (strcmp(t, "iphone") == 0 || strcmp(t, "cell") == 0)
		return "mobile";
	return t;
}

/* The X-ABLabel of the property's group, if any. */
static const char *
vcard_label(const struct vcard_build *b, const struct vcard_prop *p)
{
	size_t	i;

	if (p->group == NULL)
		return NULL;
	for (i = 0; i < b->nv; i++)
		if (b->v[i].group != NULL && strcmp(b->v[i].name,
		    "X-ABLABEL") == 0 && strcasecmp(b->v[i].group,
		    p->group) == 0)
			return b->v[i].value;
	return NULL;
}

/* Whether a group holds a property whose type its X-ABLabel becomes. */
static int
vcard_labels(const struct vcard_build *b, const char *group)
{
	static const char *const typed[] = { "TEL", "EMAIL", "ADR", "URL" };
	size_t			 i, k;

	for (i = 0; group != NULL && i < b->nv; i++) {
		if (b->v[i].group == NULL || strcasecmp(b->v[i].group, group))
			continue;
		for (k = 0; k < 4; k++)
			if (strcmp(b->v[i].name, typed[k]) == 0)
				return 1;
	}
	return 0;
}

static const char *const vcard_noise[] = {
	"voice", "pref", "internet", "x400", "msg", "dom", "intl", "postal",
	"parcel", "text", "x-internet", "uri", NULL
};

/* The kith type of a TEL, EMAIL, ADR or URL from its TYPEs or label. */
static const char *
vcard_type(struct vcard_build *b, const struct vcard_prop *p)
{
	const char	*label = vcard_label(b, p);
	size_t		 i, k;

	if (label != NULL && *label != '\0')
		return vcard_label_type(b, label);
	if (vcard_has(p, "fax"))
		return "fax";
	if (vcard_has(p, "cell") || vcard_has(p, "mobile") ||
	    vcard_has(p, "iphone"))
		return "mobile";
	if (vcard_has(p, "pager"))
		return "pager";
	if (vcard_has(p, "work") || vcard_has(p, "home"))
		return vcard_has(p, "work") ? "work" : "home";
	for (i = 0; i < p->ntypes; i++) {
		for (k = 0; vcard_noise[k] != NULL; k++)
			if (strcmp(p->types[i], vcard_noise[k]) == 0)
				break;
		if (vcard_noise[k] == NULL)
			return p->types[i];
	}
	return NULL;
}

/* Adds a typed value when kith's check takes it, else keeps the line. */
static void
vcard_list(struct vcard_build *b, const struct vcard_prop *p,
    const char *field, struct field_list *l, const char *text)
{
	const struct field_def	*d = field_find(contact_fields,
				    contact_nfields, field);

	if (*text == '\0' || field_check(d, NULL, text, NULL) != 0) {
		if (*text != '\0')
			vcard_keep(b, p);
		return;
	}
	field_list_add(l, vcard_type(b, p), text);
}

/* A text field takes a copy of text unless it is empty. */
static void
vcard_set(char **field, const char *text)
{
	if (*text == '\0')
		return;
	free(*field);
	*field = xstrdup(text);
}

static void
vcard_tel(struct vcard_build *b, const struct vcard_prop *p)
{
	char	*t = vcard_text(b, p), *s = t, *q;

	if (strncasecmp(s, "tel:", 4) == 0) {
		struct buf	n = BUF_INIT;

		s += 4;
		q = strchr(s, ';');
		buf_add(&n, s, q != NULL ? (size_t)(q - s) : strlen(s));
		if (q != NULL && (q = strcasestr(q, ";ext=")) != NULL)
			buf_addf(&n, " ext %.*s", (int)strcspn(q + 5, ";"),
			    q + 5);
		t = arena_strdup(b->ar, buf_str(&n));
		buf_free(&n);
	}
	vcard_list(b, p, "phone", &b->c->phones, t);
}

static void
vcard_email(struct vcard_build *b, const struct vcard_prop *p)
{
	const char	*t = vcard_text(b, p);

	if (strncasecmp(t, "mailto:", 7) == 0)
		t += 7;
	vcard_list(b, p, "email", &b->c->emails, t);
}

static void
vcard_line(struct buf *b, const char *a, const char *sep, const char *c)
{
	if (*a == '\0' && *c == '\0')
		return;
	if (b->len > 0)
		buf_addc(b, '\n');
	buf_adds(b, a);
	if (*a != '\0' && *c != '\0')
		buf_adds(b, sep);
	buf_adds(b, c);
}

/* ADR: pobox;extended;street;locality;region;code;country. */
static void
vcard_adr(struct vcard_build *b, const struct vcard_prop *p)
{
	struct buf	  t = BUF_INIT;
	size_t		  n, i;
	char		**v = vcard_split(b->ar, p->value, ';', &n);
	const char	 *x[7];

	for (i = 0; i < 7; i++)
		x[i] = i < n ? v[i] : "";
	vcard_line(&t, x[0], "", "");
	vcard_line(&t, x[1], "", "");
	vcard_line(&t, x[2], "", "");
	vcard_line(&t, x[5], " ", x[3]);
	vcard_line(&t, x[4], "", "");
	vcard_line(&t, x[6], "", "");
	if (t.len > 0)
		field_list_add(&b->c->addresses, vcard_type(b, p), buf_str(&t));
	if (b->c->city == NULL && *x[3] != '\0')
		b->c->city = xstrdup(x[3]);
	if (b->c->region == NULL && *x[4] != '\0')
		b->c->region = xstrdup(x[4]);
	if (b->c->country == NULL && *x[6] != '\0')
		b->c->country = xstrdup(x[6]);
	buf_free(&t);
}

static void
vcard_n(struct vcard_build *b, const struct vcard_prop *p)
{
	static const int order[] = { 3, 1, 2, 0, 4 };
	struct buf	  t = BUF_INIT;
	size_t		  n, i;
	char		**v = vcard_split(b->ar, p->value, ';', &n);

	for (i = 0; i < 5; i++) {
		if ((size_t)order[i] >= n || *v[order[i]] == '\0')
			continue;
		if (t.len > 0)
			buf_addc(&t, ' ');
		buf_adds(&t, v[order[i]]);
	}
	b->n = arena_strdup(b->ar, buf_str(&t));
	buf_free(&t);
}

static void
vcard_org(struct vcard_build *b, const struct vcard_prop *p)
{
	struct buf	  t = BUF_INIT;
	size_t		  n, i;
	char		**v = vcard_split(b->ar, p->value, ';', &n);

	vcard_set(&b->c->company, v[0]);
	for (i = 1; i < n; i++)
		if (*v[i] != '\0')
			buf_addf(&t, "%s%s", t.len > 0 ? ", " : "", v[i]);
	vcard_set(&b->c->department, buf_str(&t));
	buf_free(&t);
}

static void
vcard_categories(struct vcard_build *b, const struct vcard_prop *p)
{
	size_t	  n, i, k;
	char	**v = vcard_split(b->ar, p->value, ',', &n);

	for (i = 0; i < n; i++) {
		for (k = 0; k < b->c->tags.n; k++)
			if (strcmp(b->c->tags.v[k].text, v[i]) == 0)
				break;
		if (*v[i] != '\0' && k == b->c->tags.n)
			field_list_add(&b->c->tags, NULL, v[i]);
	}
}

static void
vcard_bday(struct vcard_build *b, const struct vcard_prop *p)
{
	char	*d = vcard_date(p->value);

	if (d == NULL)
		vcard_keep(b, p);
	else {
		free(b->c->birthday);
		b->c->birthday = d;
	}
}

/* A user-defined field: X-KITH-FIELD;X-NAME=name:value. */
static void
vcard_user(struct vcard_build *b, const struct vcard_prop *p)
{
	const char	*s = strcasestr(p->params, ";x-name=");

	if (s == NULL) {
		vcard_keep(b, p);
		return;
	}
	s += 8;
	field_list_set(&b->c->user, arena_strndup(b->ar, s, strcspn(s, ";")),
	    vcard_text(b, p));
}

static void
vcard_status(struct vcard_build *b, const struct vcard_prop *p)
{
	const char	*t = vcard_text(b, p);

	if (field_check(field_find(contact_fields, contact_nfields, "status"),
	    NULL, t, NULL) != 0)
		vcard_keep(b, p);
	else
		vcard_set(&b->c->status, t);
}

/* One property into the contact. */
static void
vcard_prop(struct vcard_build *b, const struct vcard_prop *p)
{
	const char	*n = p->name, *t;
	struct contact	*c = b->c;

	if (!strcmp(n, "FN")) {
		if (*(t = vcard_text(b, p)) != '\0')
			b->fn = t;
	} else if (!strcmp(n, "N"))
		vcard_n(b, p);
	else if (!strcmp(n, "ORG"))
		vcard_org(b, p);
	else if (!strcmp(n, "TITLE"))
		vcard_set(&c->title, vcard_text(b, p));
	else if (!strcmp(n, "TEL"))
		vcard_tel(b, p);
	else if (!strcmp(n, "EMAIL"))
		vcard_email(b, p);
	else if (!strcmp(n, "ADR"))
		vcard_adr(b, p);
	else if (!strcmp(n, "URL"))
		vcard_list(b, p, "url", &c->urls, vcard_text(b, p));
	else if (!strcmp(n, "NOTE")) {
		if (b->note.len > 0)
			buf_addc(&b->note, '\n');
		buf_adds(&b->note, vcard_text(b, p));
	} else if (!strcmp(n, "BDAY"))
		vcard_bday(b, p);
	else if (!strcmp(n, "UID"))
		vcard_set(&c->uid, vcard_text(b, p));
	else if (!strcmp(n, "CATEGORIES"))
		vcard_categories(b, p);
	else if (!strcmp(n, "X-KITH-STATUS"))
		vcard_status(b, p);
	else if (!strcmp(n, "X-KITH-SOURCE"))
		vcard_set(&c->source, vcard_text(b, p));
	else if (!strcmp(n, "X-KITH-CITY"))
		vcard_set(&c->city, vcard_text(b, p));
	else if (!strcmp(n, "X-KITH-REGION"))
		vcard_set(&c->region, vcard_text(b, p));
	else if (!strcmp(n, "X-KITH-COUNTRY"))
		vcard_set(&c->country, vcard_text(b, p));
	else if (!strcmp(n, "X-KITH-FIELD"))
		vcard_user(b, p);
	else if (strcmp(n, "VERSION") != 0 && strcmp(n, "PRODID") != 0 &&
	    (strcmp(n, "X-ABLABEL") != 0 || !vcard_labels(b, p->group)))
		vcard_keep(b, p);
}

/* FN, else what N makes; none for a company or address card. */
static void
vcard_name(struct vcard_build *b)
{
	struct contact	*c = b->c;
	int		 plain;

	plain = b->n == NULL || *b->n == '\0';
	if (b->fn != NULL && plain && ((c->company != NULL &&
	    strcmp(b->fn, c->company) == 0) || (c->emails.n > 0 &&
	    strcmp(b->fn, c->emails.v[0].text) == 0)))
		return;
	if (b->fn != NULL)
		c->name = xstrdup(b->fn);
	else if (!plain)
		c->name = xstrdup(b->n);
}

int
vcard_map(const struct vcard_prop *v, size_t n, struct arena *ar,
    const char *file, int line, struct contact **out, struct err *e)
{
	struct vcard_build	b;
	size_t			i;

	memset(&b, 0, sizeof b);
	b.c = contact_new();
	b.v = v;
	b.nv = n;
	b.ar = ar;
	for (i = 0; i < n; i++)
		vcard_prop(&b, &v[i]);
	vcard_name(&b);
	if (b.note.len > 0)
		b.c->note = buf_detach(&b.note);
	buf_free(&b.note);
	if (contact_validate(b.c, e) != 0) {
		err_set(e, file, line, "a card with no name, organisation or "
		    "e-mail address");
		contact_free(b.c);
		return -1;
	}
	*out = b.c;
	return 0;
}

static int
vcard_date_ok(int y, int m, int d, char *out, size_t len)
{
	if (m < 1 || m > 12 || d < 1 || d > 31 || y > 9999)
		return 0;
	if (y < 0)
		snprintf(out, len, "--%02d-%02d", m, d);
	else
		snprintf(out, len, "%04d-%02d-%02d", y, m, d);
	return 1;
}

char *
vcard_date(const char *s)
{
	char	out[16];
	int	y, m, d, k = 0;

	s += strspn(s, " \t");
	if ((sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 ||
	    sscanf(s, "%4d%2d%2d%n", &y, &m, &d, &k) == 3) && k >= 8 &&
	    (s[k] == '\0' || s[k] == 'T' || s[k] == ' ') &&
	    vcard_date_ok(y, m, d, out, sizeof out))
		return xstrdup(out);
	if (strncmp(s, "--", 2) == 0 && (sscanf(s, "--%2d-%2d%n", &m, &d,
	    &k) == 2 || sscanf(s, "--%2d%2d%n", &m, &d, &k) == 2) &&
	    s[k] == '\0' && vcard_date_ok(-1, m, d, out, sizeof out))
		return xstrdup(out);
	if (sscanf(s, "%d/%d/%d%n", &m, &d, &y, &k) == 3 && y >= 1000 &&
	    (s[k] == '\0' || s[k] == ' ') &&
	    vcard_date_ok(y, m, d, out, sizeof out))
		return xstrdup(out);
	if (sscanf(s, "%d.%d.%d%n", &d, &m, &y, &k) == 3 && y >= 1000 &&
	    s[k] == '\0' && vcard_date_ok(y, m, d, out, sizeof out))
		return xstrdup(out);
	return NULL;
}
