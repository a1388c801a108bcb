/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "activity.h"
#include "book.h"
#include "buf.h"
#include "conf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "ticket.h"
#include "utf8.h"
#include "xmalloc.h"

#include "report-int.h"

struct report_row *
report_acc_row(struct report_acc *a, const char *key, const char *key2)
{
	size_t	i;

	for (i = a->n; i-- > 0;) {
		if (strcmp(a->v[i].key, key) == 0 && (key2 == NULL ||
		    strcmp(a->v[i].key2, key2) == 0))
			return &a->v[i];
	}
	a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
	memset(&a->v[a->n], 0, sizeof *a->v);
	a->v[a->n].key = xstrdup(key);
	a->v[a->n].key2 = xstrdup(key2 != NULL ? key2 : "");
	return &a->v[a->n++];
}

int
report_row_cmp(const void *x, const void *y)
{
	const struct report_row	*a = x, *b = y;
	int			 c = strcmp(a->key, b->key);

	return c != 0 ? c : strcmp(a->key2, b->key2);
}

void
report_acc_free(struct report_acc *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].key);
		free(a->v[i].key2);
	}
	free(a->v);
}

void
report_columns(struct report *r, const char *title, const char *const *cols,
    size_t n, int bar)
{
	size_t	i;

	r->title = xstrdup(title);
	r->ncols = n;
	r->cols = xcalloc(n, sizeof *r->cols);
	r->numeric = xcalloc(n, sizeof *r->numeric);
	for (i = 0; i < n; i++) {
		r->cols[i] = xstrdup(cols[i] + (cols[i][0] == '#'));
		r->numeric[i] = cols[i][0] == '#';
	}
	r->bar = bar;
}

/* Appends a row of cells given as strings. */
void
report_add(struct report *r, double value, const char *const *cells)
{
	size_t	i;

	r->cells = xreallocarray(r->cells, (r->nrows + 1) * r->ncols,
	    sizeof *r->cells);
	r->values = xreallocarray(r->values, r->nrows + 1, sizeof *r->values);
	for (i = 0; i < r->ncols; i++)
		r->cells[r->nrows * r->ncols + i] = xstrdup(cells[i] ?
		    cells[i] : "");
	r->values[r->nrows++] = value;
}

char *
report_num(char *buf, size_t len, long long n)
{
	snprintf(buf, len, "%lld", n);
	return buf;
}

/* Minor units times percent (cents * 100) as an amount: "1234.56". */
static char *
report_weighted(char *buf, size_t len, long long cp)
{
	long long	cents = (cp + (cp < 0 ? -50 : 50)) / 100;

	return (char *)deal_value_format((long)cents, buf, len);
}

char *
report_amount(char *buf, size_t len, long long cents)
{
	return (char *)deal_value_format((long)cents, buf, len);
}

const char *
report_month(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m", &tm);
	return buf;
}

static const char *
report_week(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%G-W%V", &tm);
	return buf;
}

/* Whether a deal counts: the chosen currency and owner. */
int
report_deal_counts(const struct report_acc *a, const struct deal *d)
{
	const char	*cur = d->currency ? d->currency : a->stages->currency;
	const char	*want = a->o->currency ? a->o->currency :
			    a->stages->currency;

	if (strcasecmp(cur, want) != 0)
		return 0;
	return a->o->owner == NULL || (d->owner != NULL &&
	    strcmp(a->o->owner, d->owner) == 0);
}

const char *
report_currency(const struct report_acc *a)
{
	return a->o->currency ? a->o->currency : a->stages->currency;
}

/* Activities per user per week. */
static int
report_activity_fn(const void *obj, void *arg)
{
	const struct activity	*x = obj;
	struct report_acc	*a = arg;
	struct report_row	*r;
	char			 wk[16];
	time_t			 t = x->done ? x->done_at : x->due;

	if (t == 0 || t < a->o->since || (a->o->owner != NULL &&
	    (x->owner == NULL || strcmp(x->owner, a->o->owner) != 0)))
		return 0;
	if (!x->done && x->due >= a->now)
		return 0;
	r = report_acc_row(a, x->owner ? x->owner : "?",
	    report_week(t, wk, sizeof wk));
	if (x->done && x->kind == ACTIVITY_CALL)
		r->sum[0]++;
	if (x->done && x->kind == ACTIVITY_MEETING)
		r->sum[1]++;
	if (x->done && x->due != 0)
		r->sum[2]++;
	if (!x->done)
		r->sum[3]++;
	return 0;
}

static int
report_activities(struct book *b, const struct conf *c,
    const struct report_opts *o, time_t now, struct report *r, struct err *e)
{
	static const char *const cols[] = { "user", "week", "#calls",
		"#meetings", "#follow-ups done", "#overdue" };
	struct report_acc	 a = { NULL, 0, o, NULL, now, NULL };
	char			 n[4][32];
	size_t			 i;

	(void)c;
	if (book_each(b, BOOK_ACTIVITY, report_activity_fn, &a, e) != 0)
		return -1;
	if (a.n > 1)
		qsort(a.v, a.n, sizeof *a.v, report_row_cmp);
	report_columns(r, "Activities per user per week", cols, 6, 4);
	for (i = 0; i < a.n; i++) {
		const char *v[6] = { a.v[i].key, a.v[i].key2,
		    report_num(n[0], 32, a.v[i].sum[0]),
		    report_num(n[1], 32, a.v[i].sum[1]),
		    report_num(n[2], 32, a.v[i].sum[2]),
		    report_num(n[3], 32, a.v[i].sum[3]) };
		report_add(r, (double)a.v[i].sum[2], v);
	}
	report_acc_free(&a);
	return 0;
}

/* Pipeline by stage: count, value, weighted value; sum[3]: open. */
static int
report_stage_fn(const void *obj, void *arg)
{
	const struct deal	*d = obj;
	struct report_acc	*a = arg;
	struct report_row	*r;
	int			 s = deal_stage_find(a->stages, d->stage);

	if (!report_deal_counts(a, d))
		return 0;
	r = s >= 0 ? &a->v[s] : report_acc_row(a, d->stage ? d->stage : "?",
	    NULL);
	r->sum[0]++;
	r->sum[1] += d->value;
	r->sum[2] += (long long)d->value * deal_probability(a->stages, d);
	if (deal_outcome(a->stages, d) == 0) {
		a->v[a->n - 1].sum[0]++;
		a->v[a->n - 1].sum[1] += d->value;
		a->v[a->n - 1].sum[2] += (long long)d->value *
		    deal_probability(a->stages, d);
	}
	return 0;
}

static void
report_money_rows(struct report *r, const struct report_acc *a, size_t from)
{
	char	n[3][32];
	size_t	i;

	for (i = from; i < a->n; i++) {
		const char *v[4] = { a->v[i].key,
		    report_num(n[0], 32, a->v[i].sum[0]),
		    report_amount(n[1], 32, a->v[i].sum[1]),
		    report_weighted(n[2], 32, a->v[i].sum[2]) };
		report_add(r, (double)a->v[i].sum[r->bar == 2 ? 1 : 2], v);
	}
}

static int
report_pipeline(struct book *b, const struct conf *c,
    const struct report_opts *o, time_t now, struct report *r, struct err *e)
{
	static const char *const cols[] = { "stage", "#deals", "#value",
		"#weighted" };
	struct report_acc	 a = { NULL, 0, o, NULL, now, NULL };
	struct report_row	 total;
	char			 title[64];
	size_t			 i;
	int			 rc = -1;

	if ((a.stages = deal_stages_load(c, e)) == NULL)
		return -1;
	for (i = 0; i < a.stages->n; i++)
		report_acc_row(&a, a.stages->v[i].name, NULL);
	report_acc_row(&a, "open total", NULL);
	if (book_each(b, BOOK_DEAL, report_stage_fn, &a, e) == 0) {
		total = a.v[a.stages->n];	/* the open total goes last */
		memmove(&a.v[a.stages->n], &a.v[a.stages->n + 1],
		    (a.n - a.stages->n - 1) * sizeof *a.v);
		a.v[a.n - 1] = total;
		snprintf(title, sizeof title, "Pipeline by stage (%s)",
		    report_currency(&a));
		report_columns(r, title, cols, 4, 2);
		report_money_rows(r, &a, 0);
		rc = 0;
	}
	report_acc_free(&a);
	deal_stages_free((struct deal_stages *)a.stages);
	return rc;
}

/* Open deals by expected close month. */
static int
report_month_fn(const void *obj, void *arg)
{
	const struct deal	*d = obj;
	struct report_acc	*a = arg;
	struct report_row	*r;
	char			 m[8] = "none";

	if (!report_deal_counts(a, d) || deal_outcome(a->stages, d) != 0)
		return 0;
	if (d->close != NULL && strlen(d->close) >= 7)
		snprintf(m, sizeof m, "%.7s", d->close);
	r = report_acc_row(a, m, NULL);
	r->sum[0]++;
	r->sum[1] += d->value;
	r->sum[2] += (long long)d->value * deal_probability(a->stages, d);
	return 0;
}

static int
report_forecast(struct book *b, const struct conf *c,
    const struct report_opts *o, time_t now, struct report *r, struct err *e)
{
	static const char *const cols[] = { "month", "#deals", "#value",
		"#weighted" };
	struct report_acc	 a = { NULL, 0, o, NULL, now, NULL };
	char			 title[64];
	int			 rc = -1;

	if ((a.stages = deal_stages_load(c, e)) == NULL)
		return -1;
	if (book_each(b, BOOK_DEAL, report_month_fn, &a, e) == 0) {
		if (a.n > 1)
			qsort(a.v, a.n, sizeof *a.v, report_row_cmp);
		snprintf(title, sizeof title, "Forecast of open deals by "
		    "expected close month (%s)", report_currency(&a));
		report_columns(r, title, cols, 4, 3);
		report_money_rows(r, &a, 0);
		rc = 0;
	}
	report_acc_free(&a);
	deal_stages_free((struct deal_stages *)a.stages);
	return rc;
}

/* Won and lost by the month they closed. */
static int
report_wonlost_fn(const void *obj, void *arg)
{
	const struct deal	*d = obj;
	struct report_acc	*a = arg;
	struct report_row	*r;
	char			 m[16];
	int			 out = deal_outcome(a->stages, d);

	if (!report_deal_counts(a, d) || out == 0)
		return 0;
	r = report_acc_row(a, report_month(d->closed ? d->closed : d->updated,
	    m, sizeof m), NULL);
	r->sum[out > 0 ? 0 : 2]++;
	r->sum[out > 0 ? 1 : 3] += d->value;
	return 0;
}

static int
report_wonlost(struct book *b, const struct conf *c,
    const struct report_opts *o, time_t now, struct report *r, struct err *e)
{
	static const char *const cols[] = { "month", "#won", "#won value",
		"#lost", "#lost value" };
	struct report_acc	 a = { NULL, 0, o, NULL, now, NULL };
	char			 n[4][32], title[64];
	size_t			 i;
	int			 rc = -1;

	if ((a.stages = deal_stages_load(c, e)) == NULL)
		return -1;
	if (book_each(b, BOOK_DEAL, report_wonlost_fn, &a, e) == 0) {
		if (a.n > 1)
			qsort(a.v, a.n, sizeof *a.v, report_row_cmp);
		snprintf(title, sizeof title, "Won and lost by month (%s)",
		    report_currency(&a));
		report_columns(r, title, cols, 5, 2);
		for (i = 0; i < a.n; i++) {
			const char *v[5] = { a.v[i].key,
			    report_num(n[0], 32, a.v[i].sum[0]),
			    report_amount(n[1], 32, a.v[i].sum[1]),
			    report_num(n[2], 32, a.v[i].sum[2]),
			    report_amount(n[3], 32, a.v[i].sum[3]) };
			report_add(r, (double)a.v[i].sum[1], v);
		}
		rc = 0;
	}
	report_acc_free(&a);
	deal_stages_free((struct deal_stages *)a.stages);
	return rc;
}

const struct report_def report_defs[] = {
	{ "activities", "activities per user per week: calls made, meetings, "
	    "follow-ups done and overdue", report_activities },
	{ "pipeline", "deals, value and weighted value by stage",
	    report_pipeline },
	{ "forecast", "open deals by expected close month, weighted",
	    report_forecast },
	{ "won-lost", "deals won and lost by month", report_wonlost },
	{ "sales", "customers, won and open value by city (--by region, "
	    "country, status)", report_sales },
	{ "cases", "cases opened and resolved by month, time to resolve",
	    report_cases },
	{ NULL, NULL, NULL }
};

struct report *
report_run(struct book *b, const struct conf *c, const char *name,
    const struct report_opts *o, time_t now, struct err *e)
{
	const struct report_def	*d;
	struct report_opts	 opts = *o;
	struct report		*r;

	for (d = report_defs; d->name != NULL; d++)
		if (strcmp(d->name, name) == 0)
			break;
	if (d->name == NULL) {
		err_set(e, NULL, 0, "no report \"%s\" (activities, pipeline, "
		    "forecast, won-lost, sales, cases)", name);
		return NULL;
	}
	if (opts.by == NULL)
		opts.by = "city";
	if (strcmp(opts.by, "city") && strcmp(opts.by, "region") &&
	    strcmp(opts.by, "country") && strcmp(opts.by, "status")) {
		err_set(e, NULL, 0, "--by %s: city, region, country or status",
		    opts.by);
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	if (d->run(b, c, &opts, now, r, e) != 0) {
		report_free(r);
		return NULL;
	}
	return r;
}

void
report_free(struct report *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	for (i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i]);
	free(r->cols);
	free(r->cells);
	free(r->numeric);
	free(r->values);
	free(r->title);
	free(r);
}

const char *
report_cell(const struct report *r, size_t row, size_t col)
{
	return r->cells[row * r->ncols + col];
}

double
report_max(const struct report *r)
{
	double	max = 0;
	size_t	i;

	for (i = 0; i < r->nrows; i++)
		if (r->values[i] > max)
			max = r->values[i];
	return max;
}

void
report_bar(struct buf *out, double value, double max, int width, int utf8)
{
	static const char *const eighths[] = { "", "\u258f", "\u258e",
		"\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	long	units, i;

	if (max <= 0 || value <= 0 || width <= 0)
		return;
	units = (long)(value / max * width * 8 + 0.5);
	if (units == 0)
		units = 1;	/* something is not nothing */
	for (i = 0; i < units / 8; i++)
		buf_adds(out, utf8 ? "\u2588" : "#");
	if (utf8)
		buf_adds(out, eighths[units % 8]);
	else if (units % 8 >= 4)
		buf_adds(out, "#");
}

static void
report_table_cell(const struct report *r, size_t col, const char *s, int w,
    struct buf *out)
{
	char	*fit;
	int	 pad = w - utf8_width(s);

	if (col > 0)
		buf_adds(out, "  ");
	if (r->numeric[col] && pad > 0)
		buf_addf(out, "%*s", pad, "");
	if (col + 1 == r->ncols && !r->numeric[col])
		w = utf8_width(s);	/* no trailing blanks */
	fit = utf8_fit(s, r->numeric[col] && pad > 0 ? w - pad : w);
	buf_adds(out, fit);
	free(fit);
}

void
report_table(const struct report *r, int width, int utf8, struct buf *out)
{
	struct buf	 bar = BUF_INIT;
	int		*w = xcalloc(r->ncols + 1, sizeof *w), used = 0, left;
	double		 max = report_max(r);
	size_t		 i, j;

	for (j = 0; j < r->ncols; j++) {
		w[j] = utf8_width(r->cols[j]);
		for (i = 0; i < r->nrows; i++)
			if (utf8_width(report_cell(r, i, j)) > w[j])
				w[j] = utf8_width(report_cell(r, i, j));
		used += w[j] + 2;
	}
	left = width - used - 1;
	buf_addf(out, "%s\n\n", r->title);
	for (j = 0; j < r->ncols; j++)
		report_table_cell(r, j, r->cols[j], w[j], out);
	buf_adds(out, "\n");
	for (i = 0; i < r->nrows; i++) {
		for (j = 0; j < r->ncols; j++)
			report_table_cell(r, j, report_cell(r, i, j), w[j],
			    out);
		buf_reset(&bar);
		if (r->bar >= 0 && left >= 4)
			report_bar(&bar, r->values[i], max, left, utf8);
		buf_addf(out, "%s%s\n", bar.len ? "  " : "", buf_str(&bar));
	}
	if (r->nrows == 0)
		buf_adds(out, "(nothing to report)\n");
	buf_free(&bar);
	free(w);
}
