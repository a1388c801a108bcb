/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "field.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "record.h"
#include "xmalloc.h"

const char *const field_statuses[] = {
	"lead", "prospect", "customer", "inactive", "partner", "supplier",
	NULL
};

#define FIELD_AT(obj, def, type)	((type *)((char *)(obj) + (def)->off))
#define FIELD_CAT(obj, def, type) \
	((const type *)((const char *)(obj) + (def)->off))

void
field_list_add(struct field_list *l, const char *type, const char *text)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n].type = (type != NULL && *type != '\0') ? xstrdup(type) :
	    NULL;
	l->v[l->n].text = xstrdup(text);
	l->n++;
}

void
field_list_clear(struct field_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].type);
		free(l->v[i].text);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const char *
field_list_first(const struct field_list *l)
{
	return l->n > 0 ? l->v[0].text : NULL;
}

const char *
field_list_get(const struct field_list *l, const char *type)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].type != NULL && strcasecmp(l->v[i].type, type) == 0)
			return l->v[i].text;
	}
	return NULL;
}

/* Replaces the value of that type (used for user fields), or adds it. */
void
field_list_set(struct field_list *l, const char *type, const char *text)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].type == NULL || strcasecmp(l->v[i].type, type))
			continue;
		free(l->v[i].text);
		if (text == NULL || *text == '\0') {
			free(l->v[i].type);
			memmove(&l->v[i], &l->v[i + 1],
			    (l->n - i - 1) * sizeof *l->v);
			l->n--;
		} else
			l->v[i].text = xstrdup(text);
		return;
	}
	if (text != NULL && *text != '\0')
		field_list_add(l, type, text);
}

const struct field_def *
field_find(const struct field_def *defs, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(defs[i].name, name) == 0)
			return &defs[i];
	}
	return NULL;
}

void
field_encode(const struct field_def *defs, size_t n, const void *obj,
    const struct record *extra, struct buf *out)
{
	const struct field_def	*d;
	const struct field_list	*l;
	struct record_writer	 w;
	size_t			 i, j;

	record_write_begin(&w, out);
	for (i = 0; i < n; i++) {
		d = &defs[i];
		switch (d->type) {
		case FIELD_TEXT:
			record_writes(&w, d->tag, NULL,
			    *FIELD_CAT(obj, d, char *));
			break;
		case FIELD_LIST:
		case FIELD_USER:
			l = FIELD_CAT(obj, d, struct field_list);
			for (j = 0; j < l->n; j++)
				record_writes(&w, d->tag, l->v[j].type,
				    l->v[j].text);
			break;
		case FIELD_TIME:
			if (*FIELD_CAT(obj, d, time_t) != 0)
				record_writeu(&w, d->tag,
				    (uint64_t)*FIELD_CAT(obj, d, time_t));
			break;
		case FIELD_NUM:	/* always: 0 may differ from the default */
			record_writeu(&w, d->tag,
			    (uint64_t)*FIELD_CAT(obj, d, long));
			break;
		case FIELD_BOOL:
			if (*FIELD_CAT(obj, d, int))
				record_writeu(&w, d->tag, 1);
			break;
		case FIELD_ID:
			if (*FIELD_CAT(obj, d, uint64_t) != 0)
				record_writeu(&w, d->tag,
				    *FIELD_CAT(obj, d, uint64_t));
			break;
		}
	}
	for (i = 0; extra != NULL && i < extra->n; i++)
		record_write(&w, extra->items[i].tag, extra->items[i].type,
		    extra->items[i].value, extra->items[i].len);
	record_write_end(&w);
}

/* A typed value added to a list, from the bytes of a record. */
static void
field_list_add_view(struct field_list *l, const struct record_view *it)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n].type = it->type != NULL && it->tlen > 0 ?
	    xstrndup(it->type, it->tlen) : NULL;
	l->v[l->n].text = xstrndup(it->value, it->len);
	l->n++;
}

int
field_set_number(const struct field_def *d, void *obj,
    const struct record_view *it)
{
	switch (d->type) {
	case FIELD_TIME:
		*FIELD_AT(obj, d, time_t) = (time_t)record_number(it->value, it->len);
		break;
	case FIELD_NUM:
		*FIELD_AT(obj, d, long) = (long)record_number(it->value, it->len);
		break;
	case FIELD_BOOL:
		*FIELD_AT(obj, d, int) = record_number(it->value, it->len) != 0;
		break;
	case FIELD_ID:
		*FIELD_AT(obj, d, uint64_t) = record_number(it->value, it->len);
		break;
	default:
		return 0;
	}
	return 1;
}

static void
field_decode_item(const struct field_def *d, void *obj,
    const struct record_view *it)
{
	if (field_set_number(d, obj, it))
		return;
	if (d->type == FIELD_TEXT) {
		free(*FIELD_AT(obj, d, char *));
		*FIELD_AT(obj, d, char *) = xstrndup(it->value, it->len);
	} else
		field_list_add_view(FIELD_AT(obj, d, struct field_list), it);
}

/* The definition of tag; records list their items in catalogue order,
 * so the one after the last found is tried first. */
static const struct field_def *
field_def_of(const struct field_def *defs, size_t n, uint32_t tag,
    size_t *hint)
{
	size_t	i;

	if (*hint < n && defs[*hint].tag == tag)
		return &defs[(*hint)++];
	for (i = 0; i < n; i++) {
		if (defs[i].tag == tag) {
			*hint = i + 1;
			return &defs[i];
		}
	}
	return NULL;
}

/* Read in place (record_scan): only what obj keeps is copied. */
int
field_decode(const struct field_def *defs, size_t n, void *obj,
    struct record **extra, const void *data, size_t len, struct err *e)
{
	const struct field_def	*d;
	struct record_scan	 s;
	struct record_view	 it;
	struct record		*x;
	size_t			 hint = 0;
	char			*type;
	int			 rc;

	if (record_scan_init(&s, data, len, e) != 0)
		return -1;
	x = record_new();
	while ((rc = record_scan_next(&s, &it, e)) == 0) {
		if ((d = field_def_of(defs, n, it.tag, &hint)) != NULL) {
			field_decode_item(d, obj, &it);
			continue;
		}
		type = it.type != NULL ? xstrndup(it.type, it.tlen) : NULL;
		record_add(x, it.tag, type, it.value, it.len);
		free(type);
	}
	if (rc < 0) {		/* nothing half-decoded is left */
		field_free(defs, n, obj);
		record_free(x);
		return -1;
	}
	*extra = x;
	return 0;
}

void
field_free(const struct field_def *defs, size_t n, void *obj)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (defs[i].type == FIELD_TEXT) {
			free(*FIELD_AT(obj, &defs[i], char *));
			*FIELD_AT(obj, &defs[i], char *) = NULL;
		} else if (defs[i].type == FIELD_LIST ||
		    defs[i].type == FIELD_USER)
			field_list_clear(FIELD_AT(obj, &defs[i],
			    struct field_list));
	}
}

/* With a type, only the values of that type go (phone.work= keeps the
 * mobile number); without one, all of them. */
static void
field_list_clear_type(struct field_list *l, const char *type)
{
	size_t	i;

	if (type == NULL) {
		field_list_clear(l);
		return;
	}
	for (i = 0; i < l->n; i++) {
		if (l->v[i].type == NULL || strcasecmp(l->v[i].type, type))
			continue;
		free(l->v[i].type);
		free(l->v[i].text);
		memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
		l->n--;
		i--;
	}
}

static int
field_batch_first(struct field_batch *b, uint32_t tag, const char *type)
{
	uint32_t	key = tag << 8;
	size_t		i;
	const char	*p;

	for (p = type; p != NULL && *p != '\0'; p++)
		key = key * 31 + (unsigned char)tolower((unsigned char)*p);

	if (b == NULL)
		return 1;
	for (i = 0; i < b->ncleared; i++) {
		if (b->cleared[i] == key)
			return 0;
	}
	if (b->ncleared < sizeof b->cleared / sizeof b->cleared[0])
		b->cleared[b->ncleared++] = key;
	return 1;
}

static void
field_list_remove(struct field_list *l, const char *text)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].text, text) != 0)
			continue;
		free(l->v[i].type);
		free(l->v[i].text);
		memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
		l->n--;
		i--;
	}
}

/* Canonical spelling of words from a fixed list (status, choices). */
static const char *
field_canonical(const struct field_def *def, const struct field_user *u,
    const char *v)
{
	size_t	i;

	if (u != NULL && u->kind == USER_CHOICE) {
		for (i = 0; i < u->nchoices; i++)
			if (strcasecmp(u->choices[i], v) == 0)
				return u->choices[i];
	}
	if (u == NULL && def->check == CHECK_STATUS) {
		for (i = 0; field_statuses[i] != NULL; i++)
			if (strcasecmp(field_statuses[i], v) == 0)
				return field_statuses[i];
	}
	return v;
}

static int
field_set_scalar(const struct field_def *d, void *obj, const char *v,
    struct err *e)
{
	char	*end;
	long	 n;

	switch (d->type) {
	case FIELD_TEXT:
		free(*FIELD_AT(obj, d, char *));
		*FIELD_AT(obj, d, char *) = *v ? xstrdup(v) : NULL;
		return 0;
	case FIELD_BOOL:
		if (*v == '\0' || strcmp(v, "0") == 0 || !strcasecmp(v, "no") ||
		    !strcasecmp(v, "false"))
			*FIELD_AT(obj, d, int) = 0;
		else if (!strcmp(v, "1") || !strcasecmp(v, "yes") ||
		    !strcasecmp(v, "true"))
			*FIELD_AT(obj, d, int) = 1;
		else {
			err_set(e, NULL, 0, "%s: \"%s\" is not yes or no",
			    d->name, v);
			return -1;
		}
		return 0;
	case FIELD_NUM:
		n = *v ? strtol(v, &end, 10) : 0;
		if (*v && *end != '\0') {
			err_set(e, NULL, 0, "%s: \"%s\" is not a whole number",
			    d->name, v);
			return -1;
		}
		*FIELD_AT(obj, d, long) = n;
		return 0;
	default:
		err_set(e, NULL, 0, "%s cannot be set this way", d->name);
		return -1;
	}
}

static int
field_split(const char *a, char **name, char **type, char *op,
    const char **value, struct err *e)
{
	const char	*eq = strchr(a, '='), *dot;
	size_t		 nlen;

	if (eq == NULL || eq == a) {
		err_set(e, NULL, 0, "\"%s\": expected FIELD=VALUE", a);
		return -1;
	}
	*op = '=';
	nlen = eq - a;
	if (eq[-1] == '+' || eq[-1] == '-') {
		*op = eq[-1];
		nlen--;
	}
	*value = eq + 1;
	*name = xstrndup(a, nlen);
	*type = NULL;
	if ((dot = strchr(*name, '.')) != NULL) {
		*type = xstrdup(dot + 1);
		(*name)[dot - *name] = '\0';
	}
	return 0;
}

static int
field_apply_list(const struct field_def *d, const struct field_user *u,
    struct field_list *l, const char *type, char op, const char *v,
    struct field_batch *batch)
{
	v = field_canonical(d, u, v);
	if (u != NULL) {	/* a user field holds one value */
		field_list_set(l, u->name, op == '-' ? "" : v);
		return 0;
	}
	if (op == '-') {
		field_list_remove(l, v);
		return 0;
	}
	if (op == '=' && field_batch_first(batch, d->tag, type))
		field_list_clear_type(l, type);
	if (*v != '\0')
		field_list_add(l, type, v);
	return 0;
}

int
field_apply(const struct field_def *defs, size_t n,
    const struct field_users *users, void *obj, const char *a,
    struct field_batch *batch, struct err *e)
{
	const char	*v;
	char		*name, *type, op;
	int		 rc;

	if (field_split(a, &name, &type, &op, &v, e) != 0)
		return -1;
	rc = field_apply_parts(defs, n, users, obj, name, type, op, v, batch,
	    e);
	free(name);
	free(type);
	return rc;
}

int
field_apply_parts(const struct field_def *defs, size_t n,
    const struct field_users *users, void *obj, const char *name,
    const char *type, char op, const char *v, struct field_batch *batch,
    struct err *e)
{
	const struct field_def	*d;
	const struct field_user	*u = NULL;

	if ((d = field_find(defs, n, name)) == NULL || (d->flags & FIELD_RO)) {
		u = users ? field_user_find(users, name) : NULL;
		d = NULL;
		for (size_t i = 0; u != NULL && i < n; i++)
			if (defs[i].type == FIELD_USER)
				d = &defs[i];
		if (d == NULL) {
			err_set(e, NULL, 0, "unknown field \"%s\"", name);
			return -1;
		}
	}
	if (type != NULL && !(d->flags & FIELD_TYPED)) {
		err_set(e, NULL, 0, "field \"%s\" takes no type", d->name);
		return -1;
	}
	if (field_check(d, u, v, e) != 0) {
		char	msg[sizeof e->msg];

		snprintf(msg, sizeof msg, "%s", e->msg);
		err_set(e, NULL, 0, "%s: %s", u ? u->name : d->name, msg);
		return -1;
	}
	if (d->type == FIELD_LIST || d->type == FIELD_USER)
		return field_apply_list(d, u, FIELD_AT(obj, d,
		    struct field_list), type, op, v, batch);
	if (op != '=') {
		err_set(e, NULL, 0, "%s holds one value: use %s=", d->name,
		    d->name);
		return -1;
	}
	return field_set_scalar(d, obj, field_canonical(d, NULL, v), e);
}

char *
field_text(const struct field_def *d, const void *obj)
{
	const struct field_list	*l;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	switch (d->type) {
	case FIELD_TEXT:
		buf_adds(&b, *FIELD_CAT(obj, d, char *) ?
		    *FIELD_CAT(obj, d, char *) : "");
		break;
	case FIELD_LIST:
	case FIELD_USER:
		l = FIELD_CAT(obj, d, struct field_list);
		for (i = 0; i < l->n; i++)
			buf_addf(&b, "%s%s", i ? ", " : "", l->v[i].text);
		break;
	case FIELD_NUM:
		buf_addf(&b, "%ld", *FIELD_CAT(obj, d, long));
		break;
	case FIELD_BOOL:
		buf_adds(&b, *FIELD_CAT(obj, d, int) ? "yes" : "no");
		break;
	case FIELD_TIME:
	case FIELD_ID:
		buf_addf(&b, "%llu", (unsigned long long)
		    (d->type == FIELD_ID ? *FIELD_CAT(obj, d, uint64_t) :
		    (uint64_t)*FIELD_CAT(obj, d, time_t)));
		break;
	}
	return buf_detach(&b);
}
