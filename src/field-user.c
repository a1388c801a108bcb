/* SPDX-License-Identifier: GPL-3.0-or-later */
/* User-defined fields, declared in [field NAME] sections of the configuration. */
#include "field.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "err.h"
#include "xmalloc.h"

static enum field_user_kind
field_user_kind(const char *s, int *ok)
{
	*ok = 1;
	if (s == NULL || strcmp(s, "text") == 0)
		return USER_TEXT;
	if (strcmp(s, "number") == 0)
		return USER_NUMBER;
	if (strcmp(s, "date") == 0)
		return USER_DATE;
	if (strcmp(s, "choice") == 0)
		return USER_CHOICE;
	*ok = 0;
	return USER_TEXT;
}

static void
field_user_choices(struct field_user *u, const char *list)
{
	char	*copy, *tok, *save, *s, *end;

	if (list == NULL)
		return;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (s = tok; isspace((unsigned char)*s); s++)
			;
		end = s + strlen(s);
		while (end > s && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (*s == '\0')
			continue;
		u->choices = xreallocarray(u->choices, u->nchoices + 1,
		    sizeof *u->choices);
		u->choices[u->nchoices++] = xstrdup(s);
	}
	free(copy);
}

/* Reads [field NAME] sections: type, label, choices. */
struct field_users *
field_users_load(const struct conf *c, struct err *e)
{
	struct field_users	*us = xcalloc(1, sizeof *us);
	struct field_user	*u;
	char			 key[256];
	size_t			 i, j;
	int			 ok;

	for (i = 0; c != NULL && i < c->n; i++) {
		const char *k = c->v[i].key, *dot;

		if (strncmp(k, "field.", 6) != 0 ||
		    (dot = strchr(k + 6, '.')) == NULL)
			continue;
		for (j = 0; j < us->n; j++)
			if (strlen(us->v[j].name) == (size_t)(dot - k - 6) &&
			    strncmp(us->v[j].name, k + 6, dot - k - 6) == 0)
				break;
		if (j < us->n)
			continue;
		us->v = xreallocarray(us->v, us->n + 1, sizeof *us->v);
		u = &us->v[us->n++];
		memset(u, 0, sizeof *u);
		u->name = xstrndup(k + 6, dot - k - 6);
		snprintf(key, sizeof key, "field.%s.type", u->name);
		u->kind = field_user_kind(conf_get(c, key, NULL), &ok);
		if (!ok) {
			const struct conf_entry *ce = conf_find(c, key);

			err_set(e, ce->file, ce->line, "field %s: unknown type "
			    "\"%s\" (text, number, date or choice)", u->name,
			    ce->value);
			field_users_free(us);
			return NULL;
		}
		snprintf(key, sizeof key, "field.%s.label", u->name);
		u->label = xstrdup(conf_get(c, key, u->name));
		snprintf(key, sizeof key, "field.%s.choices", u->name);
		field_user_choices(u, conf_get(c, key, NULL));
	}
	return us;
}

void
field_users_free(struct field_users *us)
{
	size_t	i, j;

	if (us == NULL)
		return;
	for (i = 0; i < us->n; i++) {
		free(us->v[i].name);
		free(us->v[i].label);
		for (j = 0; j < us->v[i].nchoices; j++)
			free(us->v[i].choices[j]);
		free(us->v[i].choices);
	}
	free(us->v);
	free(us);
}

const struct field_user *
field_user_find(const struct field_users *us, const char *name)
{
	size_t	i;

	for (i = 0; us != NULL && i < us->n; i++) {
		if (strcasecmp(us->v[i].name, name) == 0)
			return &us->v[i];
	}
	return NULL;
}
