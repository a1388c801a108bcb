/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_REPORT_H
#define KITH_REPORT_H

/*
 * report: aggregates over the database returned as tables of cells, the
 * same for the command line (a terminal table or CSV) and for the
 * interface's charts.  Each report names one column to chart; report_bar
 * draws a horizontal bar in Unicode eighth blocks or ASCII.  It neither
 * prints nor draws on a terminal.
 */

#include <stddef.h>
#include <time.h>

struct book;
struct buf;
struct conf;
struct err;

struct report {
	char	 *title;
	size_t	  ncols;
	char	**cols;
	size_t	  nrows;
	char	**cells;	/* nrows * ncols, row-major, never NULL */
	int	 *numeric;	/* per column: right-aligned */
	int	  bar;		/* the column charted, -1 for none */
	double	 *values;	/* per row: the charted value */
};

struct report_opts {
	const char	*by;		/* sales: city, region, country or
					   status */
	const char	*currency;	/* deals: the one counted (default:
					   pipeline.currency) */
	const char	*owner;		/* only this user's (NULL: all) */
	time_t		 since;		/* activities, cases: from (0: all) */
};

struct report_def {
	const char	*name;
	const char	*help;
	int		(*run)(struct book *, const struct conf *,
			    const struct report_opts *, time_t,
			    struct report *, struct err *);
};
extern const struct report_def	report_defs[];

/* Runs the report called name at time now: NULL with e. */
struct report	*report_run(struct book *b, const struct conf *c,
		    const char *name, const struct report_opts *o, time_t now,
		    struct err *e);
void		 report_free(struct report *r);
const char	*report_cell(const struct report *r, size_t row, size_t col);
/* The largest charted value (for scaling bars); 0 when none. */
double		 report_max(const struct report *r);
/* The report as text: a title, a blank line, the columns as wide as
 * their widest cell, and a bar of the charted value in what is left of
 * width columns; lines end in newlines. */
void		 report_table(const struct report *r, int width, int utf8,
		     struct buf *out);
/* A bar of value/max of width columns: eighth blocks when utf8, else '#'. */
void		 report_bar(struct buf *out, double value, double max,
		     int width, int utf8);

#endif /* KITH_REPORT_H */
