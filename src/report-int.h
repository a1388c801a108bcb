/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_REPORT_INT_H
#define KITH_REPORT_INT_H

/*
 * report-int: what the files of the report module share: rows being
 * summed up by key, and helpers that turn them into a table.  Only
 * report*.c include it.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct book;
struct conf;
struct deal;
struct err;
struct deal_stages;
struct report;
struct report_opts;

/* Rows being summed up: a key (or two) and counters. */
#define REPORT_NSUM	6
struct report_row {
	char		*key;
	char		*key2;
	long long	 sum[REPORT_NSUM];
};
struct report_acc {
	struct report_row	*v;
	size_t			 n;
	const struct report_opts *o;
	const struct deal_stages *stages;
	time_t			 now;
	struct report_ids	*ids;
};

/* A contact id and its grouping key, for sales by location. */
struct report_id {
	uint64_t	 id;
	char		*key;
};
struct report_ids {
	struct report_id	*v;
	size_t			 n;
};

/* The row of key (and key2), added when new. */
struct report_row *report_acc_row(struct report_acc *a, const char *key,
	    const char *key2);
int	report_row_cmp(const void *x, const void *y);
void	report_acc_free(struct report_acc *a);
/* Column names starting with '#' are numeric (right-aligned). */
void	report_columns(struct report *r, const char *title,
	    const char *const *cols, size_t n, int bar);
void	report_add(struct report *r, double value, const char *const *cells);
char	*report_num(char *buf, size_t len, long long n);
char	*report_amount(char *buf, size_t len, long long cents);
const char *report_month(time_t t, char *buf, size_t len);
/* Whether a deal counts: the chosen currency and owner. */
int	report_deal_counts(const struct report_acc *a, const struct deal *d);
const char *report_currency(const struct report_acc *a);

/* Sales by location and cases (report-sales.c). */
int	report_sales(struct book *, const struct conf *,
	    const struct report_opts *, time_t, struct report *, struct err *);
int	report_cases(struct book *, const struct conf *,
	    const struct report_opts *, time_t, struct report *, struct err *);

#endif /* KITH_REPORT_INT_H */
