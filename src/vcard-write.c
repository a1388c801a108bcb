/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing contacts as vCard 3.0 or 4.0. */
#include "vcard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "contact.h"
#include "field.h"
#include "record.h"
#include "xmalloc.h"

struct vcard_out {
	FILE	*f;
	int	 version;
	int	 item;		/* the last kithN group used for a label */
};

/* One content line, folded at 75 octets without splitting a character. */
static void
vcard_put(FILE *f, const char *line)
{
	size_t	len = strlen(line), max = 75, n;

	while (len > max) {
		n = max;
		while (n > 1 && ((unsigned char)line[n] & 0xc0) == 0x80)
			n--;
		fwrite(line, 1, n, f);
		fputs("\r\n ", f);
		line += n;
		len -= n;
		max = 74;
	}
	fwrite(line, 1, len, f);
	fputs("\r\n", f);
}

static void
vcard_esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\n')
			buf_adds(b, "\\n");
		else if (*s == '\r')
			continue;
		else {
			if (*s == '\\' || *s == ',' || *s == ';')
				buf_addc(b, '\\');
			buf_addc(b, *s);
		}
	}
}

static void
vcard_prop_text(struct vcard_out *o, const char *name, const char *value)
{
	struct buf	b = BUF_INIT;

	if (value == NULL || *value == '\0')
		return;
	buf_addf(&b, "%s:", name);
	vcard_esc(&b, value);
	vcard_put(o->f, buf_str(&b));
	buf_free(&b);
}

static int
vcard_std_type(const char *kind, const char *type)
{
	if (strcmp(type, "work") == 0 || strcmp(type, "home") == 0)
		return 1;
	return strcmp(kind, "TEL") == 0 && (strcmp(type, "mobile") == 0 ||
	    strcmp(type, "fax") == 0 || strcmp(type, "pager") == 0);
}

/* A typed value: TYPE= for the standard types, an X-ABLabel otherwise. */
static void
vcard_typed(struct vcard_out *o, const char *kind, const char *type,
    const char *value)
{
	struct buf	 b = BUF_INIT;
	const char	*t;
	int		 label = 0;
	char		 tb[32];
	size_t		 i;

	if (type != NULL && !vcard_std_type(kind, type)) {
		label = ++o->item;
		buf_addf(&b, "kith%d.", label);
	}
	buf_adds(&b, kind);
	if (o->version == 4 && strcmp(kind, "TEL") == 0)
		buf_adds(&b, ";VALUE=text");
	if (type != NULL && !label) {
		t = strcmp(type, "mobile") == 0 ? "cell" : type;
		for (i = 0; t[i] != '\0' && i + 1 < sizeof tb; i++)
			tb[i] = o->version == 4 ? t[i] : t[i] - 32 * (t[i] >=
			    'a' && t[i] <= 'z');
		tb[i] = '\0';
		buf_addf(&b, ";TYPE=%s", tb);
	}
	buf_addc(&b, ':');
	if (strcmp(kind, "ADR") == 0)
		buf_adds(&b, ";;");
	vcard_esc(&b, value);
	if (strcmp(kind, "ADR") == 0)
		buf_adds(&b, ";;;;");
	vcard_put(o->f, buf_str(&b));
	if (label) {
		buf_reset(&b);
		buf_addf(&b, "kith%d.X-ABLabel:", label);
		vcard_esc(&b, type);
		vcard_put(o->f, buf_str(&b));
	}
	buf_free(&b);
}

static void
vcard_list_out(struct vcard_out *o, const char *kind,
    const struct field_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		vcard_typed(o, kind, l->v[i].type, l->v[i].text);
}

/* N from the name: the last word as the family name. */
static void
vcard_n_out(struct vcard_out *o, const struct contact *c)
{
	struct buf	 b = BUF_INIT;
	const char	*sp;
	char		*given;

	buf_adds(&b, "N:");
	if (c->name != NULL && *c->name != '\0') {
		if ((sp = strrchr(c->name, ' ')) != NULL) {
			vcard_esc(&b, sp + 1);
			buf_addc(&b, ';');
			given = xstrndup(c->name, sp - c->name);
			vcard_esc(&b, given);
			free(given);
		} else {
			buf_addc(&b, ';');
			vcard_esc(&b, c->name);
		}
		buf_adds(&b, ";;;");
	} else
		buf_adds(&b, ";;;;");
	vcard_put(o->f, buf_str(&b));
	buf_free(&b);
}

static void
vcard_org_out(struct vcard_out *o, const struct contact *c)
{
	struct buf	b = BUF_INIT;

	if (c->company == NULL && c->department == NULL)
		return;
	buf_adds(&b, "ORG:");
	vcard_esc(&b, c->company);
	if (c->department != NULL) {
		buf_addc(&b, ';');
		vcard_esc(&b, c->department);
	}
	vcard_put(o->f, buf_str(&b));
	buf_free(&b);
}

static void
vcard_misc_out(struct vcard_out *o, const struct contact *c)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < c->tags.n; i++) {
		buf_adds(&b, i == 0 ? "CATEGORIES:" : ",");
		vcard_esc(&b, c->tags.v[i].text);
	}
	if (b.len > 0)
		vcard_put(o->f, buf_str(&b));
	if (c->birthday != NULL && strncmp(c->birthday, "--", 2) == 0 &&
	    strlen(c->birthday) == 7) {
		buf_reset(&b);
		buf_addf(&b, "BDAY:--%.2s%.2s", c->birthday + 2,
		    c->birthday + 5);
		vcard_put(o->f, buf_str(&b));
	} else
		vcard_prop_text(o, "BDAY", c->birthday);
	vcard_prop_text(o, "NOTE", c->note);
	if (c->uid == NULL) {	/* khard and others need one */
		buf_reset(&b);
		buf_addf(&b, "UID:kith-c%llu-%lld", (unsigned long long)c->id,
		    (long long)c->created);
		vcard_put(o->f, buf_str(&b));
	} else
		vcard_prop_text(o, "UID", c->uid);
	vcard_prop_text(o, "X-KITH-STATUS", c->status);
	vcard_prop_text(o, "X-KITH-SOURCE", c->source);
	vcard_prop_text(o, "X-KITH-CITY", c->city);
	vcard_prop_text(o, "X-KITH-REGION", c->region);
	vcard_prop_text(o, "X-KITH-COUNTRY", c->country);
	for (i = 0; i < c->user.n; i++) {
		buf_reset(&b);
		buf_addf(&b, "X-KITH-FIELD;X-NAME=%s", c->user.v[i].type ?
		    c->user.v[i].type : "");
		vcard_prop_text(o, buf_str(&b), c->user.v[i].text);
	}
	buf_free(&b);
}

void
vcard_write(FILE *f, const struct contact *c, int version)
{
	struct vcard_out	o = { f, version, 0 };
	size_t			i;

	vcard_put(f, "BEGIN:VCARD");
	vcard_put(f, version == 4 ? "VERSION:4.0" : "VERSION:3.0");
	vcard_put(f, "PRODID:-//kith//kith//EN");
	vcard_prop_text(&o, "FN", contact_label(c));
	vcard_n_out(&o, c);
	vcard_org_out(&o, c);
	vcard_prop_text(&o, "TITLE", c->title);
	vcard_list_out(&o, "TEL", &c->phones);
	vcard_list_out(&o, "EMAIL", &c->emails);
	vcard_list_out(&o, "ADR", &c->addresses);
	vcard_list_out(&o, "URL", &c->urls);
	vcard_misc_out(&o, c);
	for (i = 0; c->extra != NULL && i < c->extra->n; i++)
		if (c->extra->items[i].tag == VCARD_TAG_RAW)
			vcard_put(f, c->extra->items[i].value);
	vcard_put(f, "END:VCARD");
}
