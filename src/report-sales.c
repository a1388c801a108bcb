/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sales by city, region, country or status; cases opened and resolved. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "report-int.h"
#include "ticket.h"
#include "xmalloc.h"

static const char *
report_contact_key(const struct contact *c, const char *by)
{
	if (strcmp(by, "region") == 0)
		return c->region;
	if (strcmp(by, "country") == 0)
		return c->country;
	if (strcmp(by, "status") == 0)
		return c->status;
	return c->city;
}

/* Contacts in id order with their key; counts customers per key. */
static int
report_sales_contact_fn(const void *obj, void *arg)
{
	const struct contact	*c = obj;
	struct report_acc	*a = arg;
	const char		*k = report_contact_key(c, a->o->by);
	struct report_ids	*ids = a->ids;

	if (k == NULL || *k == '\0')
		k = "(none)";
	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
	ids->v[ids->n].id = c->id;
	ids->v[ids->n++].key = xstrdup(k);
	if (c->status != NULL && strcmp(c->status, "customer") == 0)
		report_acc_row(a, k, NULL)->sum[0]++;
	return 0;
}

static int
report_id_cmp(const void *k, const void *x)
{
	uint64_t			 id = *(const uint64_t *)k;
	const struct report_id		*r = x;

	return id < r->id ? -1 : id > r->id;
}

static int
report_sales_deal_fn(const void *obj, void *arg)
{
	const struct deal	*d = obj;
	struct report_acc	*a = arg;
	struct report_id	*who;
	struct report_row	*r;
	int			 out = deal_outcome(a->stages, d);

	if (!report_deal_counts(a, d) || out < 0)
		return 0;
	who = a->ids->n == 0 ? NULL : bsearch(&d->contact, a->ids->v,
	    a->ids->n, sizeof *a->ids->v, report_id_cmp);
	r = report_acc_row(a, who != NULL ? who->key : "(none)", NULL);
	if (out > 0) {
		r->sum[1]++;
		r->sum[2] += d->value;
	} else
		r->sum[3] += d->value;
	return 0;
}

static void
report_sales_rows(struct report *r, struct report_acc *a)
{
	char	n[4][32];
	size_t	i;

	for (i = 0; i < a->n; i++) {
		const char *v[5] = { a->v[i].key,
		    report_num(n[0], 32, a->v[i].sum[0]),
		    report_num(n[1], 32, a->v[i].sum[1]),
		    report_amount(n[2], 32, a->v[i].sum[2]),
		    report_amount(n[3], 32, a->v[i].sum[3]) };
		report_add(r, (double)a->v[i].sum[2], v);
	}
}

int
report_sales(struct book *b, const struct conf *c,
    const struct report_opts *o, time_t now, struct report *r, struct err *e)
{
	const char		*cols[] = { o->by, "#customers", "#won",
				    "#won value", "#open value" };
	struct report_ids	 ids = { NULL, 0 };
	struct report_acc	 a = { NULL, 0, o, NULL, now, &ids };
	char			 title[80];
	size_t			 i;
	int			 rc = -1;

	if ((a.stages = deal_stages_load(c, e)) == NULL)
		return -1;
	if (book_each(b, BOOK_CONTACT, report_sales_contact_fn, &a, e) == 0 &&
	    book_each(b, BOOK_DEAL, report_sales_deal_fn, &a, e) == 0) {
		if (a.n > 1)
			qsort(a.v, a.n, sizeof *a.v, report_row_cmp);
		snprintf(title, sizeof title, "Sales by %s (%s)", o->by,
		    report_currency(&a));
		report_columns(r, title, cols, 5, 3);
		report_sales_rows(r, &a);
		rc = 0;
	}
	for (i = 0; i < ids.n; i++)
		free(ids.v[i].key);
	free(ids.v);
	report_acc_free(&a);
	deal_stages_free((struct deal_stages *)a.stages);
	return rc;
}

/* Cases opened and resolved per month; sum[2]: seconds to resolve. */
static int
report_case_fn(const void *obj, void *arg)
{
	const struct ticket	*k = obj;
	struct report_acc	*a = arg;
	struct report_row	*r;
	char			 m[16];

	if (a->o->owner != NULL && (k->owner == NULL ||
	    strcmp(k->owner, a->o->owner) != 0))
		return 0;
	if (k->opened >= a->o->since)
		report_acc_row(a, report_month(k->opened, m, sizeof m),
		    NULL)->sum[0]++;
	if (k->resolved != 0 && k->resolved >= a->o->since) {
		r = report_acc_row(a, report_month(k->resolved, m, sizeof m),
		    NULL);
		r->sum[1]++;
		r->sum[2] += k->resolved - k->opened;
	}
	return 0;
}

int
report_cases(struct book *b, const struct conf *c,
    const struct report_opts *o, time_t now, struct report *r, struct err *e)
{
	static const char *const cols[] = { "month", "#opened", "#resolved",
		"#hours to resolve" };
	struct report_acc	 a = { NULL, 0, o, NULL, now, NULL };
	char			 n[3][32];
	size_t			 i;

	(void)c;
	if (book_each(b, BOOK_CASE, report_case_fn, &a, e) != 0)
		return -1;
	if (a.n > 1)
		qsort(a.v, a.n, sizeof *a.v, report_row_cmp);
	report_columns(r, "Cases opened and resolved by month (mean hours "
	    "to resolve)", cols, 4, 1);
	for (i = 0; i < a.n; i++) {
		const char *v[4] = { a.v[i].key,
		    report_num(n[0], 32, a.v[i].sum[0]),
		    report_num(n[1], 32, a.v[i].sum[1]), "" };

		if (a.v[i].sum[1] > 0) {
			snprintf(n[2], 32, "%.1f", (double)a.v[i].sum[2] /
			    a.v[i].sum[1] / 3600.0);
			v[3] = n[2];
		}
		report_add(r, (double)a.v[i].sum[0], v);
	}
	report_acc_free(&a);
	return 0;
}
