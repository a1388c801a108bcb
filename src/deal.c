/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "deal.h"

#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "conf.h"
#include "err.h"
#include "record.h"
#include "xmalloc.h"

#define F(n, tag, type, member, flags, check, help) \
	{ n, tag, type, offsetof(struct deal, member), flags, check, help }

/* Tags are forever: never renumber, only add. */
const struct field_def deal_fields[] = {
	F("contact", 1, FIELD_ID, contact, FIELD_RO, CHECK_NONE, "the contact"),
	F("title", 2, FIELD_TEXT, title, 0, CHECK_NONE, "what is sold"),
	F("company", 3, FIELD_TEXT, company, 0, CHECK_NONE,
	    "the company (default: the contact's)"),
	F("stage", 4, FIELD_TEXT, stage, FIELD_RO, CHECK_NONE,
	    "stage in the pipeline"),
	F("value", 5, FIELD_NUM, value, FIELD_RO, CHECK_NONE,
	    "value, e.g. 12500 or 12500.50"),
	F("currency", 6, FIELD_TEXT, currency, 0, CHECK_NONE,
	    "ISO 4217 code, e.g. EUR"),
	F("probability", 7, FIELD_NUM, probability, FIELD_RO, CHECK_NONE,
	    "percent (default: the stage's)"),
	F("close", 8, FIELD_TEXT, close, 0, CHECK_DATE,
	    "expected close date (YYYY-MM-DD)"),
	F("owner", 9, FIELD_TEXT, owner, 0, CHECK_OWNER, "owning user"),
	F("note", 10, FIELD_TEXT, note, 0, CHECK_NONE, "notes"),
	F("closed", 11, FIELD_TIME, closed, FIELD_RO, CHECK_NONE,
	    "when it was won or lost"),
	F("created", 12, FIELD_TIME, created, FIELD_RO, CHECK_NONE, NULL),
	F("created-by", 13, FIELD_TEXT, created_by, FIELD_RO, CHECK_NONE,
	    NULL),
	F("updated", 14, FIELD_TIME, updated, FIELD_RO, CHECK_NONE, NULL),
	F("updated-by", 15, FIELD_TEXT, updated_by, FIELD_RO, CHECK_NONE,
	    NULL),
	F("rev", 16, FIELD_ID, rev, FIELD_RO | FIELD_HIDDEN, CHECK_NONE, NULL),
};
const size_t deal_nfields = sizeof deal_fields / sizeof deal_fields[0];

struct deal *
deal_new(void)
{
	struct deal	*d = xcalloc(1, sizeof *d);

	d->probability = -1;
	return d;
}

void
deal_free(struct deal *d)
{
	if (d == NULL)
		return;
	field_free(deal_fields, deal_nfields, d);
	record_free(d->extra);
	free(d);
}

void
deal_array_free(struct deal **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		deal_free(v[i]);
	free(v);
}

void
deal_encode(const struct deal *d, struct buf *out)
{
	field_encode(deal_fields, deal_nfields, d, d->extra, out);
}

struct deal *
deal_decode(const void *data, size_t len, struct err *e)
{
	struct deal	*d = deal_new();

	if (field_decode(deal_fields, deal_nfields, d, &d->extra, data, len,
	    e) != 0) {
		deal_free(d);
		return NULL;
	}
	return d;
}

/* Digits, grouped by blanks, '_', '\'', '.' or ',' between digits; a '.'
 * or ',' before the last one or two digits is the decimal mark. */
int
deal_value_parse(const char *s, long *out, struct err *e)
{
	const char	*p = s;
	long		 v = 0;
	int		 neg = 0, dec = -1, digits = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			if (v > (LONG_MAX - 9) / 10 || dec == 2)
				goto bad;
			v = v * 10 + (*p - '0');
			digits++;
			if (dec >= 0)
				dec++;
		} else if ((*p == '.' || *p == ',') && dec < 0 &&
		    strlen(p + 1) >= 1 && strlen(p + 1) <= 2 &&
		    strspn(p + 1, "0123456789") == strlen(p + 1))
			dec = 0;
		else if (strchr(" _,.'", *p) == NULL || dec >= 0 ||
		    digits == 0 || !isdigit((unsigned char)p[-1]) ||
		    !isdigit((unsigned char)p[1]))
			goto bad;	/* a separator goes between digits */
	}
	if (digits == 0)
		goto bad;
	for (dec = dec < 0 ? 0 : dec; dec < 2; dec++) {
		if (v > LONG_MAX / 10)
			goto bad;
		v *= 10;
	}
	*out = neg ? -v : v;
	return 0;
bad:
	err_set(e, NULL, 0, "\"%s\" is not an amount (like 12500 or "
	    "12500.50)", s);
	return -1;
}

const char *
deal_value_format(long v, char *buf, size_t len)
{
	unsigned long	a = v < 0 ? -(unsigned long)v : (unsigned long)v;

	snprintf(buf, len, "%s%lu.%02lu", v < 0 ? "-" : "", a / 100, a % 100);
	return buf;
}

static const struct deal_stage deal_default_stages[] = {
	{ "Lead", 10 }, { "Qualified", 25 }, { "Proposal", 50 },
	{ "Negotiation", 75 }, { "Won", 100 }, { "Lost", 0 }
};

static void
deal_stages_add(struct deal_stages *s, const char *name, size_t len,
    long prob)
{
	while (len > 0 && isspace((unsigned char)name[len - 1]))
		len--;
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n].name = xstrndup(name, len);
	s->v[s->n++].probability = prob;
}

/* "Lead:10, Qualified, ..." (a stage without a number gets a share of
 * the way between its neighbours' defaults: simply its index's share). */
static int
deal_stages_parse(struct deal_stages *s, const char *list, struct err *e)
{
	const char	*p = list, *end, *colon;
	char		*num;
	long		 prob;

	while (*p != '\0') {
		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		if (*p == '\0')
			break;
		end = p + strcspn(p, ",");
		colon = memchr(p, ':', end - p);
		prob = -1;
		if (colon != NULL) {
			prob = strtol(colon + 1, &num, 10);
			while (isspace((unsigned char)*num))
				num++;
			if (num == colon + 1 || num != end || prob < 0 ||
			    prob > 100) {
				err_set(e, NULL, 0, "pipeline.stages: bad "
				    "probability in \"%.*s\"", (int)(end - p),
				    p);
				return -1;
			}
		}
		deal_stages_add(s, p, (colon ? colon : end) - p, prob);
		p = end;
	}
	return 0;
}

static void
deal_stages_defaults(struct deal_stages *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (s->v[i].probability < 0)
			s->v[i].probability = s->n > 1 ?
			    (long)(100 * i / (s->n - 1)) : 50;
	}
}

struct deal_stages *
deal_stages_load(const struct conf *c, struct err *e)
{
	struct deal_stages	*s = xcalloc(1, sizeof *s);
	const char		*list = conf_get(c, "pipeline.stages", NULL);
	size_t			 i;
	int			 w, l;

	if (list == NULL) {
		for (i = 0; i < 6; i++)
			deal_stages_add(s, deal_default_stages[i].name,
			    strlen(deal_default_stages[i].name),
			    deal_default_stages[i].probability);
	} else if (deal_stages_parse(s, list, e) != 0)
		goto bad;
	deal_stages_defaults(s);
	s->currency = xstrdup(conf_get(c, "pipeline.currency", "EUR"));
	w = deal_stage_find(s, conf_get(c, "pipeline.won", "Won"));
	l = deal_stage_find(s, conf_get(c, "pipeline.lost", "Lost"));
	if (w < 0 || l < 0 || w == l) {
		err_set(e, NULL, 0, "pipeline: the stages need a won and a "
		    "lost stage (pipeline.won, pipeline.lost)");
		goto bad;
	}
	s->won = w;
	s->lost = l;
	return s;
bad:
	deal_stages_free(s);
	return NULL;
}

void
deal_stages_free(struct deal_stages *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	free(s->currency);
	free(s);
}

int
deal_stage_find(const struct deal_stages *s, const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < s->n; i++)
		if (strcasecmp(s->v[i].name, name) == 0)
			return (int)i;
	return -1;
}

long
deal_probability(const struct deal_stages *s, const struct deal *d)
{
	int	i;

	if (d->probability >= 0)
		return d->probability;
	i = deal_stage_find(s, d->stage);
	return i < 0 ? 0 : s->v[i].probability;
}

int
deal_outcome(const struct deal_stages *s, const struct deal *d)
{
	int	i = deal_stage_find(s, d->stage);

	if (i >= 0 && (size_t)i == s->won)
		return 1;
	if (i >= 0 && (size_t)i == s->lost)
		return -1;
	return 0;
}

int
deal_set_stage(const struct deal_stages *s, struct deal *d,
    const char *name, time_t now, struct err *e)
{
	struct buf	names = BUF_INIT;
	size_t		j;
	int		i = deal_stage_find(s, name);

	if (i < 0) {
		for (j = 0; j < s->n; j++)
			buf_addf(&names, "%s%s", j ? ", " : "", s->v[j].name);
		err_set(e, NULL, 0, "stage: \"%s\" is not one of %s", name,
		    buf_str(&names));
		buf_free(&names);
		return -1;
	}
	free(d->stage);
	d->stage = xstrdup(s->v[i].name);
	if (deal_outcome(s, d) == 0)
		d->closed = 0;
	else if (d->closed == 0)
		d->closed = now;
	return 0;
}
