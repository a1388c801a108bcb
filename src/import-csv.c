/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV files: the header row mapped to fields (Google Contacts, Outlook,
 * kith's own export, --map), then each row to a contact. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "contact.h"
#include "csv.h"
#include "err.h"
#include "field.h"
#include "import-int.h"
#include "record.h"
#include "vcard.h"
#include "xmalloc.h"

/* What a column holds. */
enum import_col_kind {
	COL_NONE, COL_IGNORE, COL_FIELD, COL_LABEL, COL_TAGS, COL_EXTRA,
	COL_GIVEN, COL_MIDDLE, COL_FAMILY, COL_PREFIX, COL_SUFFIX,
	COL_STREET, COL_POBOX, COL_EXT, COL_CITY, COL_REGION, COL_CODE,
	COL_COUNTRY, COL_FORMATTED
};
#define COL_NAMEPART(k)	((k) >= COL_GIVEN && (k) <= COL_SUFFIX)
#define COL_ADDRPART(k)	((k) >= COL_STREET)

struct import_col {
	int	 kind;
	char	*field;		/* COL_FIELD: "phone.mobile", "email" */
	char	*group;		/* label/value pairs, address parts */
	int	 used;		/* a value was seen (for the report) */
	char	*header;
};

/* Names a column may have, per kind of file: "#" is a number. */
struct import_name {
	const char	*header;
	int		 kind;
	const char	*field;		/* or the address type */
};

static const struct import_name import_google[] = {
	{ "Name", COL_FIELD, "name" },
	{ "First Name", COL_GIVEN, NULL }, { "Given Name", COL_GIVEN, NULL },
	{ "Middle Name", COL_MIDDLE, NULL },
	{ "Additional Name", COL_MIDDLE, NULL },
	{ "Last Name", COL_FAMILY, NULL }, { "Family Name", COL_FAMILY, NULL },
	{ "Name Prefix", COL_PREFIX, NULL }, { "Name Suffix", COL_SUFFIX, NULL },
	{ "Organization Name", COL_FIELD, "company" },
	{ "Organization Title", COL_FIELD, "title" },
	{ "Organization Department", COL_FIELD, "department" },
	{ "Organization # - Name", COL_FIELD, "company" },
	{ "Organization # - Title", COL_FIELD, "title" },
	{ "Organization # - Department", COL_FIELD, "department" },
	{ "Birthday", COL_FIELD, "birthday" },
	{ "Notes", COL_FIELD, "note" },
	{ "Labels", COL_TAGS, NULL }, { "Group Membership", COL_TAGS, NULL },
	{ "E-mail # - Value", COL_FIELD, "email" },
	{ "E-mail # - Label", COL_LABEL, NULL },
	{ "E-mail # - Type", COL_LABEL, NULL },
	{ "Phone # - Value", COL_FIELD, "phone" },
	{ "Phone # - Label", COL_LABEL, NULL },
	{ "Phone # - Type", COL_LABEL, NULL },
	{ "Website # - Value", COL_FIELD, "url" },
	{ "Website # - Label", COL_LABEL, NULL },
	{ "Website # - Type", COL_LABEL, NULL },
	{ "Address # - Label", COL_LABEL, NULL },
	{ "Address # - Type", COL_LABEL, NULL },
	{ "Address # - Formatted", COL_FORMATTED, NULL },
	{ "Address # - Street", COL_STREET, NULL },
	{ "Address # - City", COL_CITY, NULL },
	{ "Address # - PO Box", COL_POBOX, NULL },
	{ "Address # - Region", COL_REGION, NULL },
	{ "Address # - Postal Code", COL_CODE, NULL },
	{ "Address # - Country", COL_COUNTRY, NULL },
	{ "Address # - Extended Address", COL_EXT, NULL },
	{ NULL, 0, NULL }
};

static const struct import_name import_outlook[] = {
	{ "First Name", COL_GIVEN, NULL }, { "Middle Name", COL_MIDDLE, NULL },
	{ "Last Name", COL_FAMILY, NULL }, { "Title", COL_PREFIX, NULL },
	{ "Suffix", COL_SUFFIX, NULL }, { "Company", COL_FIELD, "company" },
	{ "Department", COL_FIELD, "department" },
	{ "Job Title", COL_FIELD, "title" },
	{ "Notes", COL_FIELD, "note" }, { "Birthday", COL_FIELD, "birthday" },
	{ "Categories", COL_TAGS, NULL }, { "Web Page", COL_FIELD, "url" },
	{ "E-mail Address", COL_FIELD, "email" },
	{ "E-mail 2 Address", COL_FIELD, "email" },
	{ "E-mail 3 Address", COL_FIELD, "email" },
	{ "Primary Phone", COL_FIELD, "phone.main" },
	{ "Home Phone", COL_FIELD, "phone.home" },
	{ "Home Phone 2", COL_FIELD, "phone.home" },
	{ "Mobile Phone", COL_FIELD, "phone.mobile" },
	{ "Pager", COL_FIELD, "phone.pager" },
	{ "Home Fax", COL_FIELD, "phone.fax" },
	{ "Business Fax", COL_FIELD, "phone.fax" },
	{ "Other Fax", COL_FIELD, "phone.fax" },
	{ "Business Phone", COL_FIELD, "phone.work" },
	{ "Business Phone 2", COL_FIELD, "phone.work" },
	{ "Company Main Phone", COL_FIELD, "phone.main" },
	{ "Assistant's Phone", COL_FIELD, "phone.assistant" },
	{ "Car Phone", COL_FIELD, "phone.car" },
	{ "Other Phone", COL_FIELD, "phone.other" },
	{ "E-mail Display Name", COL_IGNORE, NULL },
	{ "E-mail 2 Display Name", COL_IGNORE, NULL },
	{ "E-mail 3 Display Name", COL_IGNORE, NULL },
	{ "E-mail Type", COL_IGNORE, NULL },
	{ "E-mail 2 Type", COL_IGNORE, NULL },
	{ "E-mail 3 Type", COL_IGNORE, NULL },
	{ NULL, 0, NULL }
};

/* Outlook's address columns: "Home Street", "Business City", ... */
static const struct import_name import_outlook_addr[] = {
	{ "Street", COL_STREET, NULL }, { "Street 2", COL_STREET, NULL },
	{ "Street 3", COL_STREET, NULL },
	{ "Address PO Box", COL_POBOX, NULL }, { "City", COL_CITY, NULL },
	{ "State", COL_REGION, NULL }, { "Postal Code", COL_CODE, NULL },
	{ "Country", COL_COUNTRY, NULL },
	{ "Country/Region", COL_COUNTRY, NULL },
	{ NULL, 0, NULL }
};

/* Other headers, and the words --map takes besides field names. */
static const struct import_name import_generic[] = {
	{ "full name", COL_FIELD, "name" }, { "given", COL_GIVEN, NULL },
	{ "first name", COL_GIVEN, NULL }, { "given name", COL_GIVEN, NULL },
	{ "middle", COL_MIDDLE, NULL }, { "family", COL_FAMILY, NULL },
	{ "last name", COL_FAMILY, NULL }, { "surname", COL_FAMILY, NULL },
	{ "family name", COL_FAMILY, NULL }, { "prefix", COL_PREFIX, NULL },
	{ "suffix", COL_SUFFIX, NULL }, { "e-mail", COL_FIELD, "email" },
	{ "mail", COL_FIELD, "email" }, { "email address", COL_FIELD, "email" },
	{ "e-mail address", COL_FIELD, "email" },
	{ "telephone", COL_FIELD, "phone" }, { "tel", COL_FIELD, "phone" },
	{ "phone number", COL_FIELD, "phone" },
	{ "mobile", COL_FIELD, "phone.mobile" },
	{ "cell", COL_FIELD, "phone.mobile" },
	{ "organisation", COL_FIELD, "company" },
	{ "organization", COL_FIELD, "company" },
	{ "job title", COL_FIELD, "title" }, { "website", COL_FIELD, "url" },
	{ "web", COL_FIELD, "url" }, { "notes", COL_FIELD, "note" },
	{ "tags", COL_TAGS, NULL }, { "groups", COL_TAGS, NULL },
	{ "categories", COL_TAGS, NULL }, { "street", COL_STREET, NULL },
	{ "postcode", COL_CODE, NULL }, { "zip", COL_CODE, NULL },
	{ "postal code", COL_CODE, NULL }, { "extra", COL_EXTRA, NULL },
	{ "ignore", COL_IGNORE, NULL },
	{ NULL, 0, NULL }
};

/* Matches a header against a pattern where "#" stands for a number;
 * the header without its number is the group. */
static int
import_match(const char *pat, const char *h, char **group)
{
	const char	*hash = strchr(pat, '#');
	size_t		 pre, dig;

	if (hash == NULL)
		return strcasecmp(pat, h) == 0;
	pre = hash - pat;
	if (strncasecmp(pat, h, pre) != 0)
		return 0;
	dig = strspn(h + pre, "0123456789");
	if (dig == 0 || strcasecmp(hash + 1, h + pre + dig) != 0)
		return 0;
	*group = xstrndup(h, pre + dig);
	return 1;
}

static int
import_table(const struct import_name *t, const char *h,
    struct import_col *c)
{
	char	*group = NULL;

	for (; t->header != NULL; t++) {
		if (!import_match(t->header, h, &group))
			continue;
		c->kind = t->kind;
		c->field = xstrdup(t->field);
		c->group = group != NULL ? group : xstrdup("");
		return 1;
	}
	return 0;
}

/* A kith field name, with a type for the typed ones ("phone.mobile"). */
static int
import_field_name(const char *h, struct import_col *c)
{
	const struct field_def	*d;
	char			*name = xstrdup(h), *dot, *p;

	for (p = name; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	if ((dot = strchr(name, '.')) != NULL)
		*dot = '\0';
	d = field_find(contact_fields, contact_nfields, name);
	if (d == NULL || (d->flags & FIELD_RO) || (dot != NULL &&
	    !(d->flags & FIELD_TYPED))) {
		free(name);
		return 0;
	}
	if (dot != NULL)
		*dot = '.';
	c->kind = COL_FIELD;
	c->field = name;
	c->group = xstrdup("");
	return 1;
}

static void
import_outlook_col(const char *h, struct import_col *c)
{
	static const char *const where[][2] = {
		{ "Home ", "home" }, { "Business ", "work" },
		{ "Other ", "other" }
	};
	size_t	i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(where[i][0]);
		if (strncasecmp(h, where[i][0], n) == 0 &&
		    import_table(import_outlook_addr, h + n, c)) {
			free(c->group);
			c->group = xstrdup(where[i][1]);
			return;
		}
	}
}

static int
import_has(char **h, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcasecmp(h[i], name) == 0)
			return 1;
	return 0;
}

/* Which export the header row comes from: 'g', 'o' or 0. */
static int
import_kind_of(char **h, size_t n)
{
	if (import_has(h, n, "Phone 1 - Value") ||
	    import_has(h, n, "E-mail 1 - Value"))
		return 'g';
	if (import_has(h, n, "E-mail Address") && (import_has(h, n,
	    "Business Phone") || import_has(h, n, "Mobile Phone") ||
	    import_has(h, n, "Home Phone")))
		return 'o';
	return 0;
}

/* --map COLUMN=FIELD: the target, or -1 when FIELD is unknown. */
static int
import_map_col(const char *target, const struct field_users *users,
    struct import_col *c)
{
	if (import_field_name(target, c) || import_table(import_generic,
	    target, c))
		return 0;
	if (users != NULL && field_user_find(users, target) != NULL) {
		c->kind = COL_FIELD;
		c->field = xstrdup(target);
		c->group = xstrdup("");
		return 0;
	}
	return -1;
}

static int
import_user_map(const struct import_opts *o, const char *h,
    const struct field_users *users, struct import_col *c, struct err *e)
{
	const char	*eq;
	size_t		 i;

	for (i = o->nmaps; i-- > 0;) {
		eq = strrchr(o->maps[i], '=');
		if (eq == NULL || (size_t)(eq - o->maps[i]) != strlen(h) ||
		    strncasecmp(o->maps[i], h, eq - o->maps[i]) != 0)
			continue;
		if (import_map_col(eq + 1, users, c) != 0) {
			err_set(e, NULL, 0, "--map %s: no field \"%s\" (kith "
			    "fields lists them)", o->maps[i], eq + 1);
			return -1;
		}
		return 1;
	}
	return 0;
}

/* The meaning of each column of the header row. */
static int
import_header(char **h, size_t n, const struct import_opts *o,
    const struct field_users *users, struct import_col *cols, struct err *e)
{
	int	kind = import_kind_of(h, n), rc;
	size_t	i;

	for (i = 0; i < n; i++) {
		struct import_col	*c = &cols[i];

		if ((rc = import_user_map(o, h[i], users, c, e)) != 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		if (kind == 'g' && import_table(import_google, h[i], c))
			continue;
		if (kind == 'o' && (import_table(import_outlook, h[i], c) ||
		    (import_outlook_col(h[i], c), c->kind != COL_NONE)))
			continue;
		if (import_field_name(h[i], c))
			continue;
		if (kind == 0 && strcasecmp(h[i], "name") != 0)
			import_table(import_generic, h[i], c);
	}
	return 0;
}


/* A label ("* Mobile", "Work") as a kith type; NULL when empty. */
static char *
import_label(const char *s)
{
	struct buf	b = BUF_INIT;
	char		*t;

	if (strncmp(s, "* ", 2) == 0)
		s += 2;
	for (; *s != '\0' && strncmp(s, " :::", 4) != 0; s++)
		if (isalnum((unsigned char)*s) || *s == '-' || *s == '_')
			buf_addc(&b, tolower((unsigned char)*s));
	t = buf_detach(&b);
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	if (strcmp(t, "cell") == 0 || strcmp(t, "iphone") == 0) {
		free(t);
		return xstrdup("mobile");
	}
	return t;
}

struct import_row {
	struct contact		 *c;
	struct field_batch	  batch;
	struct import_col	 *cols;
	char			**cells;
	size_t			  n;
	const struct field_users *users;
};

static char *
import_trim(const char *s)
{
	size_t	n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* The cell of the column of kind in group, or "". */
static const char *
import_cell(struct import_row *r, int kind, const char *group)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (r->cols[i].kind == kind &&
		    strcmp(r->cols[i].group, group) == 0 && *r->cells[i])
			return r->cells[i];
	return "";
}

static int
import_apply(struct import_row *r, const char *field, const char *type,
    const char *value, struct err *e)
{
	const char	*dot = strchr(field, '.');
	char		*d = NULL, *name = NULL;
	int		 rc;

	if (strcmp(field, "birthday") == 0) {
		if (strcmp(value, "0/0/00") == 0)
			return 0;
		if ((d = vcard_date(value)) == NULL) {
			err_set(e, NULL, 0, "\"%s\" is not a date", value);
			return -1;
		}
		value = d;
	}
	if (dot != NULL) {	/* a type of the mapping's own */
		name = xstrndup(field, dot - field);
		type = dot + 1;
	}
	rc = field_apply_parts(contact_fields, contact_nfields, r->users, r->c,
	    name != NULL ? name : field, type, '=', value, &r->batch, e);
	free(name);
	free(d);
	return rc;
}

static void
import_tags(struct import_row *r, const char *v, int extra)
{
	char	*copy = xstrdup(v), *tok, *save, *t;
	size_t	 k;

	for (tok = strtok_r(copy, extra ? "\n" : ";,:", &save); tok != NULL;
	    tok = strtok_r(NULL, extra ? "\n" : ";,:", &save)) {
		t = import_trim(tok);
		if (extra && *t != '\0') {
			if (r->c->extra == NULL)
				r->c->extra = record_new();
			record_adds(r->c->extra, VCARD_TAG_RAW, NULL, t);
		} else if (*t != '\0' && *t != '*') {
			for (k = 0; k < r->c->tags.n; k++)
				if (strcmp(r->c->tags.v[k].text, t) == 0)
					break;
			if (k == r->c->tags.n)
				field_list_add(&r->c->tags, NULL, t);
		}
		free(t);
	}
	free(copy);
}

/* One value column (Google's " ::: " separates several values). */
static int
import_value(struct import_row *r, size_t i, struct err *e)
{
	struct import_col	*c = &r->cols[i];
	char			*type = NULL, *copy, *p, *sep, *v;
	int			 rc = 0;

	if (*c->group != '\0')
		type = import_label(import_cell(r, COL_LABEL, c->group));
	copy = xstrdup(r->cells[i]);
	for (p = copy; rc == 0 && p != NULL; p = sep) {
		if ((sep = strstr(p, " ::: ")) != NULL) {
			*sep = '\0';
			sep += 5;
		}
		v = import_trim(p);
		if (*v != '\0')
			rc = import_apply(r, c->field, type, v, e);
		free(v);
	}
	free(copy);
	free(type);
	return rc;
}

static void
import_line(struct buf *b, const char *a, const char *c)
{
	if (*a == '\0' && *c == '\0')
		return;
	if (b->len > 0)
		buf_addc(b, '\n');
	buf_adds(b, a);
	if (*a != '\0' && *c != '\0')
		buf_addc(b, ' ');
	buf_adds(b, c);
}

/* The address of one group of address columns. */
static int
import_address(struct import_row *r, const char *group, struct err *e)
{
	struct buf	 t = BUF_INIT;
	const char	*f = import_cell(r, COL_FORMATTED, group);
	char		*type = import_label(import_cell(r, COL_LABEL, group));
	size_t		 i;
	int		 rc = 0;

	if (type == NULL && (!strcmp(group, "home") || !strcmp(group,
	    "work") || !strcmp(group, "other")))
		type = xstrdup(group);
	for (i = 0; i < r->n; i++)
		if (r->cols[i].kind == COL_STREET &&
		    strcmp(r->cols[i].group, group) == 0)
			import_line(&t, r->cells[i], "");
	import_line(&t, import_cell(r, COL_POBOX, group), "");
	import_line(&t, import_cell(r, COL_EXT, group), "");
	import_line(&t, import_cell(r, COL_CODE, group),
	    import_cell(r, COL_CITY, group));
	import_line(&t, import_cell(r, COL_REGION, group), "");
	import_line(&t, import_cell(r, COL_COUNTRY, group), "");
	if (*f != '\0' || t.len > 0)
		rc = import_apply(r, "address", type, *f ? f : buf_str(&t), e);
	if (rc == 0 && r->c->city == NULL && *import_cell(r, COL_CITY, group))
		rc = import_apply(r, "city", NULL, import_cell(r, COL_CITY,
		    group), e);
	if (rc == 0 && r->c->region == NULL &&
	    *import_cell(r, COL_REGION, group))
		rc = import_apply(r, "region", NULL, import_cell(r,
		    COL_REGION, group), e);
	if (rc == 0 && r->c->country == NULL &&
	    *import_cell(r, COL_COUNTRY, group))
		rc = import_apply(r, "country", NULL, import_cell(r,
		    COL_COUNTRY, group), e);
	buf_free(&t);
	free(type);
	return rc;
}

/* The name from its parts when no column gave it whole. */
static void
import_name_parts(struct import_row *r)
{
	static const int order[] = {
		COL_PREFIX, COL_GIVEN, COL_MIDDLE, COL_FAMILY, COL_SUFFIX
	};
	struct buf	b = BUF_INIT;
	const char	*v;
	size_t		i;

	if (r->c->name != NULL)
		return;
	for (i = 0; i < 5; i++) {
		v = import_cell(r, order[i], "");
		if (*v != '\0')
			buf_addf(&b, "%s%s", b.len > 0 ? " " : "", v);
	}
	if (b.len > 0)
		r->c->name = buf_detach(&b);
	buf_free(&b);
}

static int
import_row(struct import_row *r, struct err *e)
{
	struct import_col	*c;
	size_t			 i, k;
	int			 rc = 0;

	for (i = 0; rc == 0 && i < r->n; i++) {
		c = &r->cols[i];
		if (*r->cells[i] == '\0')
			continue;
		c->used = 1;
		if (c->kind == COL_FIELD)
			rc = import_value(r, i, e);
		else if (c->kind == COL_TAGS || c->kind == COL_EXTRA)
			import_tags(r, r->cells[i], c->kind == COL_EXTRA);
		else if (!COL_ADDRPART(c->kind))
			continue;
		for (k = 0; rc == 0 && COL_ADDRPART(c->kind) && k < i; k++)
			if (COL_ADDRPART(r->cols[k].kind) && *r->cells[k] &&
			    !strcmp(r->cols[k].group, c->group))
				break;
		if (rc == 0 && COL_ADDRPART(c->kind) && k == i)
			rc = import_address(r, c->group, e);
		if (rc != 0) {
			char	msg[sizeof e->msg];

			memcpy(msg, e->msg, sizeof msg);
			err_set(e, NULL, 0, "column \"%s\": %s", c->header,
			    msg);
		}
	}
	if (rc == 0) {
		for (i = 0; i < r->n; i++)
			if (COL_NAMEPART(r->cols[i].kind) && *r->cells[i])
				r->cols[i].used = 1;
		import_name_parts(r);
		rc = contact_validate(r->c, e);
	}
	return rc;
}

static void
import_cols_free(struct import_col *cols, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(cols[i].field);
		free(cols[i].group);
		free(cols[i].header);
	}
	free(cols);
}

/* Columns with values that nothing took, for the summary. */
static void
import_unmapped(const struct import_col *cols, size_t n, const char *file,
    const struct import_opts *o)
{
	char	*msg;
	size_t	 i;

	for (i = 0; o->note != NULL && i < n; i++) {
		if (cols[i].kind != COL_NONE || !cols[i].used)
			continue;
		msg = xasprintf("%s: column \"%s\" maps to no field and was "
		    "not imported (--map '%s=FIELD' takes it)", file,
		    cols[i].header, cols[i].header);
		o->note(msg, o->arg);
		free(msg);
	}
}

/* A part of the rows: read by import_csv_part_read into p. */
struct import_csv_part {
	struct import_part	  p;
	int			  sep;		/* the header's */
	int			  line;		/* where the part starts */
	struct import_col	 *cols;		/* the second part's a copy */
	size_t			  ncols;
	const struct import_opts *o;
	int			  torn;		/* ended in a quoted field */
};

static void *
import_csv_part_read(void *arg)
{
	struct import_csv_part	 *x = arg;
	struct import_part	 *p = &x->p;
	struct csv		 *r = csv_open_part(p->data, p->len, p->file,
				     x->sep, x->line);
	struct import_row	  row;
	struct err		  bad;
	char			**f;
	size_t			  n;
	int			  rc, line;

	for (;;) {
		err_clear(&bad);
		if ((rc = csv_next(r, &f, &n, &line, &bad)) == 1)
			break;
		memset(&row, 0, sizeof row);
		if (rc == 0 && n > x->ncols) {
			err_set(&bad, p->file, line, "%zu fields, but the "
			    "header has %zu", n, x->ncols);
			rc = -1;
		}
		if (rc == 0) {
			row.c = contact_new();
			row.cols = x->cols;
			row.cells = f;
			row.n = n;
			row.users = x->o->users;
			if ((rc = import_row(&row, &bad)) == 0) {
				import_set_add(&p->set, row.c, p->file, line);
				continue;
			}
			contact_free(row.c);
			bad.line = line;
			snprintf(bad.file, sizeof bad.file, "%s", p->file);
		}
		import_part_bad(p, &bad);
		if (p->stop)
			break;
	}
	x->torn = csv_torn(r);
	csv_free(r);
	return NULL;
}

/*
 * Where the rows from off split in two for two readers: just after a line
 * break past the middle with an even number of quotes before it, and
 * *lines the line breaks up to there; 0 for none.  A guess: a quote inside
 * an unquoted field fools it, and the first reader then ends inside a
 * quoted field (csv_torn).
 */
static size_t
import_csv_split(const char *data, size_t off, size_t len, int *lines)
{
	const char	*p = data + off, *mid = p + (len - off) / 2;
	const char	*end = data + len, *q;
	int		 odd = 0;

	for (q = p; (q = memchr(q, '"', mid - q)) != NULL; q++)
		odd = !odd;
	for (q = mid; q + 1 < end; q++) {
		if (*q == '"')
			odd = !odd;
		else if (*q == '\n' && !odd)
			break;
	}
	if (q + 1 >= end)
		return 0;
	*lines = import_lines(p, q + 1);
	return q + 1 - data;
}

/*
 * The rows after the header: a large file's in two halves on two
 * threads, unless the guess at where a row starts was wrong, when the
 * rows are read again on one.
 */
static int
import_csv_rows(struct import_set *s, const char *data, size_t len,
    struct csv *r, struct import_col *cols, size_t ncols, char *file,
    const struct import_opts *o, struct err *e)
{
	struct import_csv_part	x[2];
	size_t			off, at = 0, i;
	int			line, lines = 0, k;

	off = csv_offset(r, &line);
	memset(x, 0, sizeof x);
	for (k = 0; k < 2; k++) {
		x[k].p.file = file;
		x[k].p.stop = !o->skip_bad;
		x[k].sep = csv_separator(r);
		x[k].ncols = ncols;
		x[k].o = o;
	}
	if (len - off >= IMPORT_SPLIT_MIN)
		at = import_csv_split(data, off, len, &lines);
	x[0].p.data = data + off;
	x[0].p.len = (at ? at : len) - off;
	x[0].line = line;
	x[0].cols = cols;
	if (at > 0) {
		x[1].p.data = data + at;
		x[1].p.len = len - at;
		x[1].line = line + lines;
		x[1].cols = xreallocarray(NULL, ncols, sizeof *cols);
		memcpy(x[1].cols, cols, ncols * sizeof *cols);
	}
	import_read_both(import_csv_part_read, &x[0], at > 0 ? &x[1] : NULL);
	if (at > 0 && x[0].torn) {	/* split inside a quoted field */
		import_part_free(&x[0].p);
		import_part_free(&x[1].p);
		x[0].p.len = len - off;
		free(x[1].cols);
		at = 0;
		import_csv_part_read(&x[0]);
	}
	if (at > 0) {
		for (i = 0; i < ncols; i++)
			cols[i].used |= x[1].cols[i].used;
		free(x[1].cols);
	}
	return import_take_both(s, &x[0].p, at > 0 ? &x[1].p : NULL, o, e);
}

int
import_csv(struct import_set *s, const char *data, size_t len, char *file,
    const struct import_opts *o, struct err *e)
{
	struct csv		 *r = csv_open(data, len, file);
	struct import_col	 *cols = NULL;
	char			**h;
	size_t			  n = 0, i, mapped = 0;
	int			  rc, line;

	if ((rc = csv_next(r, &h, &n, &line, e)) == 1) {
		csv_free(r);
		return 0;
	}
	if (rc == 0) {
		cols = xcalloc(n, sizeof *cols);
		for (i = 0; i < n; i++)
			cols[i].header = xstrdup(h[i]);
		rc = import_header(h, n, o, o->users, cols, e);
	}
	for (i = 0; rc == 0 && i < n; i++)
		mapped += cols[i].kind != COL_NONE && cols[i].kind !=
		    COL_IGNORE;
	if (rc == 0 && mapped == 0) {
		err_set(e, file, line, "no column of the header row maps to a "
		    "field: name them with --map COLUMN=FIELD");
		rc = -1;
	}
	if (rc == 0 && (rc = import_csv_rows(s, data, len, r, cols, n, file,
	    o, e)) == 0)
		import_unmapped(cols, n, file, o);
	import_cols_free(cols, n);
	csv_free(r);
	return rc;
}

int
import_map_file(struct import_opts *o, const char *path, struct err *e)
{
	FILE	*f = fopen(path, "r");
	char	*line = NULL, *t, *eq = "", *col;
	size_t	 cap = 0;
	int	 n = 0;

	if (f == NULL) {
		err_set(e, path, 0, "%s", strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		n++;
		line[strcspn(line, "\r\n")] = '\0';
		t = import_trim(line);
		if (*t == '\0' || *t == '#') {
			free(t);
			continue;
		}
		if ((eq = strrchr(t, '=')) == NULL) {
			err_set(e, path, n, "not COLUMN=FIELD: \"%s\"", t);
			free(t);
			break;
		}
		*eq = '\0';
		col = import_trim(t);
		o->maps = xreallocarray(o->maps, o->nmaps + 1, sizeof *o->maps);
		o->maps[o->nmaps++] = xasprintf("%s=%s", col,
		    eq + 1 + strspn(eq + 1, " \t"));
		free(col);
		free(t);
	}
	free(line);
	fclose(f);
	return eq == NULL ? -1 : 0;
}
