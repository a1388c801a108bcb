/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "activity.h"
#include "conf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "field.h"
#include "ticket.h"
#include "utf8.h"
#include "when.h"
#include "xmalloc.h"

enum query_op { Q_EQ, Q_NE, Q_HAS, Q_LT, Q_LE, Q_GT, Q_GE };

struct query_term {
	const struct field_def	*def;
	const struct field_user	*user;
	enum query_op		 op;
	char			**vals;		/* folded */
	size_t			 nvals;
	long			 num;
	time_t			 t;
	char			 date[16];	/* YYYY-MM-DD */
};

struct query {
	char			 kind;
	struct query_term	*v;
	size_t			 n;
};

static const struct field_def *
query_catalogue(char kind, size_t *n)
{
	switch (kind) {
	case 'c':
		*n = contact_nfields;
		return contact_fields;
	case 'd':
		*n = deal_nfields;
		return deal_fields;
	case 'k':
		*n = ticket_nfields;
		return ticket_fields;
	case 'a':
		*n = activity_nfields;
		return activity_fields;
	}
	*n = 0;
	return NULL;
}

int
query_is_query(const char *s)
{
	return strpbrk(s, "=<>~") != NULL;
}

/* Splits "name OP value" at its operator. */
static int
query_split(const char *s, char **name, enum query_op *op,
    const char **value, struct err *e)
{
	size_t	n = strcspn(s, "=!~<>");

	if (n == 0 || s[n] == '\0') {
		err_set(e, NULL, 0, "\"%s\": expected FIELD=VALUE, "
		    "FIELD<VALUE, ...", s);
		return -1;
	}
	*name = xstrndup(s, n);
	s += n;
	if (s[0] == '!' && s[1] == '=')
		*op = Q_NE, s += 2;
	else if (s[0] == '<')
		*op = s[1] == '=' ? Q_LE : Q_LT, s += 1 + (s[1] == '=');
	else if (s[0] == '>')
		*op = s[1] == '=' ? Q_GE : Q_GT, s += 1 + (s[1] == '=');
	else if (s[0] == '=' || s[0] == '~')
		*op = s[0] == '=' ? Q_EQ : Q_HAS, s++;
	else {
		err_set(e, NULL, 0, "\"%s\": unknown operator", *name);
		free(*name);
		return -1;
	}
	*value = s;
	return 0;
}

static void
query_values(struct query_term *t, const char *v)
{
	char	*copy = xstrdup(v), *p, *save = NULL;

	for (p = strtok_r(copy, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		t->vals = xreallocarray(t->vals, t->nvals + 1, sizeof *t->vals);
		t->vals[t->nvals++] = utf8_fold(p);
	}
	if (t->nvals == 0) {
		t->vals = xcalloc(1, sizeof *t->vals);
		t->vals[t->nvals++] = xstrdup("");
	}
	free(copy);
}

/* The right-hand side of <, > for the field's kind of value. */
static int
query_bound(struct query_term *t, char kind, const char *v, time_t now,
    struct err *e)
{
	char	*end;
	int	 dated = t->def->check == CHECK_DATE ||
		    (t->user != NULL && t->user->kind == USER_DATE);

	if (t->def->type == FIELD_TIME || dated) {
		if (when_parse(v, now, &t->t, NULL, e) != 0)
			return -1;
		t->num = (long)t->t;
		if (t->def->type == FIELD_TIME)
			return 0;
		when_format(when_day_start(t->t), 1, t->date, sizeof t->date);
		return 0;
	}
	if (kind == 'd' && strcmp(t->def->name, "value") == 0)
		return deal_value_parse(v, &t->num, e);
	t->num = strtol(v, &end, 10);
	if (t->def->type == FIELD_NUM || (t->user != NULL &&
	    t->user->kind == USER_NUMBER)) {
		if (*v == '\0' || *end != '\0') {
			err_set(e, NULL, 0, "\"%s\" is not a number", v);
			return -1;
		}
		return 0;
	}
	query_values(t, v);
	return 0;
}

static int
query_term_parse(struct query *q, const char *s,
    const struct field_users *users, time_t now, struct err *e)
{
	struct query_term	 t;
	const struct field_def	*defs;
	const char		*v;
	char			*name, *idle = NULL;
	size_t			 n, i;
	int			 rc = -1;

	memset(&t, 0, sizeof t);
	if (query_split(s, &name, &t.op, &v, e) != 0)
		return -1;
	defs = query_catalogue(q->kind, &n);
	if (q->kind == 'c' && strcmp(name, "idle") == 0 && t.op == Q_EQ) {
		free(name);
		name = xstrdup("last-contact");
		t.op = Q_LT;
		v = idle = xasprintf("-%s", v);
	}
	t.def = field_find(defs, n, name);
	if (t.def == NULL && q->kind == 'c' && users != NULL &&
	    (t.user = field_user_find(users, name)) != NULL) {
		for (i = 0; i < n; i++)
			if (defs[i].type == FIELD_USER)
				t.def = &defs[i];
	}
	if (t.def == NULL)
		err_set(e, NULL, 0, "\"%s\": no field %s in %s", s, name,
		    query_kind_name(q->kind));
	else if (t.op == Q_EQ || t.op == Q_NE || t.op == Q_HAS) {
		query_values(&t, v);
		rc = 0;
	} else
		rc = query_bound(&t, q->kind, v, now, e);
	if (rc == 0) {
		q->v = xreallocarray(q->v, q->n + 1, sizeof *q->v);
		q->v[q->n++] = t;
	} else {
		for (i = 0; i < t.nvals; i++)
			free(t.vals[i]);
		free(t.vals);
	}
	free(idle);
	free(name);
	return rc;
}

struct query *
query_parse(const char *s, char kind, const struct field_users *users,
    time_t now, struct err *e)
{
	struct query	*q = xcalloc(1, sizeof *q);
	char		*copy = xstrdup(s), *p, *save = NULL;

	q->kind = kind;
	for (p = strtok_r(copy, " \t", &save); p != NULL;
	    p = strtok_r(NULL, " \t", &save)) {
		if (query_term_parse(q, p, users, now, e) != 0) {
			query_free(q);
			q = NULL;
			break;
		}
	}
	free(copy);
	return q;
}

void
query_free(struct query *q)
{
	size_t	i, j;

	if (q == NULL)
		return;
	for (i = 0; i < q->n; i++) {
		for (j = 0; j < q->v[i].nvals; j++)
			free(q->v[i].vals[j]);
		free(q->v[i].vals);
	}
	free(q->v);
	free(q);
}

/* One text value against a term. */
static int
query_text(const struct query_term *t, const char *s)
{
	char	*f = utf8_fold(s != NULL ? s : "");
	size_t	 i;
	int	 hit = 0, c;

	if (t->op == Q_LT || t->op == Q_LE || t->op == Q_GT || t->op == Q_GE) {
		if (t->date[0] != '\0') {
			c = *f == '\0' ? 0 : strncmp(f, t->date, 10);
			hit = *f != '\0' && (t->op == Q_LT ? c < 0 : t->op ==
			    Q_LE ? c <= 0 : t->op == Q_GT ? c > 0 : c >= 0);
		} else {
			c = strcmp(f, t->vals[0]);
			hit = t->op == Q_LT ? c < 0 : t->op == Q_LE ? c <= 0 :
			    t->op == Q_GT ? c > 0 : c >= 0;
		}
		free(f);
		return hit;
	}
	for (i = 0; i < t->nvals && !hit; i++)
		hit = t->op == Q_HAS ? strstr(f, t->vals[i]) != NULL :
		    strcmp(f, t->vals[i]) == 0;
	free(f);
	return hit;
}

static int
query_number(const struct query_term *t, long v)
{
	switch (t->op) {
	case Q_LT:
		return v < t->num;
	case Q_LE:
		return v <= t->num;
	case Q_GT:
		return v > t->num;
	case Q_GE:
		return v >= t->num;
	default:
		return 0;
	}
}

static int
query_term_match(const struct query_term *t, const void *obj)
{
	const struct field_list	*l;
	const char		*s;
	char			*text;
	size_t			 i;
	int			 hit = 0, ord;

	ord = t->op == Q_LT || t->op == Q_LE || t->op == Q_GT || t->op == Q_GE;
	switch (t->def->type) {
	case FIELD_TIME:
		if (ord)
			return query_number(t, (long)*(const time_t *)
			    ((const char *)obj + t->def->off)) ;
		break;
	case FIELD_NUM:
		if (ord)
			return query_number(t, *(const long *)
			    ((const char *)obj + t->def->off));
		break;
	case FIELD_LIST:
	case FIELD_USER:
		l = (const void *)((const char *)obj + t->def->off);
		if (t->user != NULL) {
			s = field_list_get(l, t->user->name);
			if (ord && t->date[0] == '\0' && t->vals == NULL)
				return s != NULL && query_number(t,
				    strtol(s, NULL, 10));
			hit = query_text(t, s);
			return t->op == Q_NE ? !hit : hit;
		}
		for (i = 0; i < l->n && !hit; i++)
			hit = query_text(t, l->v[i].text);
		if (l->n == 0)
			hit = query_text(t, "");
		return t->op == Q_NE ? !hit : hit;
	default:
		break;
	}
	text = field_text(t->def, obj);
	hit = query_text(t, text);
	free(text);
	return t->op == Q_NE ? !hit : hit;
}

int
query_match(const struct query *q, const void *obj)
{
	size_t	i;

	for (i = 0; i < q->n; i++)
		if (!query_term_match(&q->v[i], obj))
			return 0;
	return 1;
}

const char *
query_kind_name(char kind)
{
	switch (kind) {
	case 'd':
		return "deals";
	case 'k':
		return "cases";
	case 'a':
		return "activities";
	}
	return "contacts";
}

static char
query_kind_parse(const char *s)
{
	if (s == NULL || strcasecmp(s, "contacts") == 0)
		return 'c';
	if (strcasecmp(s, "deals") == 0)
		return 'd';
	if (strcasecmp(s, "cases") == 0)
		return 'k';
	return 0;
}

/* The built-in retention groups: one keystroke away in the interface. */
static const struct query_group query_builtin[] = {
	{ "dormant", 'c', "status=customer last-contact<-90d",
	    "customers not contacted in 90 days" },
	{ "stale-cases", 'k', "status=open,waiting opened<-7d",
	    "open cases older than a week" },
	{ "overdue-deals", 'd', NULL, "deals past their close date" },
};
#define QUERY_NBUILTIN	(sizeof query_builtin / sizeof query_builtin[0])

/* A configured group whose "of" is wrong still lists (as contacts). */
static int
query_group_fallback(struct query_group *g, const char *name,
    const char *query)
{
	g->name = name;
	g->query = query;
	g->help = NULL;
	g->kind = 'c';
	return 0;
}

int
query_group_at(const struct conf *c, size_t i, struct query_group *g,
    char *buf, size_t len)
{
	const struct conf_entry	*ce;
	size_t			 k, nlen;
	static const char	 sfx[] = ".query";

	if (i < QUERY_NBUILTIN) {
		*g = query_builtin[i];
		if (g->query == NULL) {
			snprintf(buf, len, "stage!=%s,%s close<today",
			    conf_get(c, "pipeline.won", "Won"),
			    conf_get(c, "pipeline.lost", "Lost"));
			g->query = buf;
		}
		return 0;
	}
	i -= QUERY_NBUILTIN;
	for (k = 0; c != NULL && k < c->n; k++) {
		ce = &c->v[k];
		nlen = strlen(ce->key);
		if (strncmp(ce->key, "group.", 6) != 0 || nlen <= 6 +
		    sizeof sfx - 1 || strcmp(ce->key + nlen - sizeof sfx + 1,
		    sfx) != 0 || i-- > 0)
			continue;
		snprintf(buf, len, "%.*s", (int)(nlen - 6 - sizeof sfx + 1),
		    ce->key + 6);
		return query_group_find(c, buf, g, NULL, 0, NULL) == 0 ? 0 :
		    query_group_fallback(g, buf, ce->value);
	}
	return -1;
}

int
query_group_find(const struct conf *c, const char *name,
    struct query_group *g, char *buf, size_t len, struct err *e)
{
	char		 key[256];
	const char	*of, *help;
	size_t		 i;

	for (i = 0; i < QUERY_NBUILTIN; i++) {
		if (strcmp(query_builtin[i].name, name) == 0)
			return query_group_at(c, i, g, buf, len);
	}
	snprintf(key, sizeof key, "group.%s.query", name);
	if ((g->query = conf_get(c, key, NULL)) == NULL) {
		err_set(e, NULL, 0, "no group \"%s\" (kith group list)", name);
		return -1;
	}
	snprintf(key, sizeof key, "group.%s.of", name);
	of = conf_get(c, key, NULL);
	snprintf(key, sizeof key, "group.%s.label", name);
	help = conf_get(c, key, NULL);
	if ((g->kind = query_kind_parse(of)) == 0) {
		err_set(e, NULL, 0, "group %s: \"of = %s\" is not contacts, "
		    "deals or cases", name, of);
		return -1;
	}
	g->name = name;
	g->help = help;
	(void)buf;
	(void)len;
	return 0;
}
