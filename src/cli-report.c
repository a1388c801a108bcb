/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kith report NAME: a table with a bar chart, or CSV, TSV or JSON. */
#include "cli.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "out.h"
#include "report.h"
#include "when.h"
#include "xmalloc.h"

#define CLI_REPORT_TABLE	(-1)

static int
cli_report_width(void)
{
	const char	*s = getenv("COLUMNS");
	int		 w = s != NULL ? atoi(s) : 0;

	return w >= 40 ? w : 80;
}

static int
cli_report_out(const struct report *r, int fmt)
{
	struct out	*o = out_new(stdout, fmt, (const char *const *)r->cols,
			    r->ncols);
	size_t		 i;

	for (i = 0; i < r->nrows; i++)
		out_row(o, (const char *const *)&r->cells[i * r->ncols]);
	return out_end(o) != 0 ? cli_errorf("writing output failed") : 0;
}

static int
cli_report_opts(int argc, char **argv, struct report_opts *o, int *fmt)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "by", required_argument, NULL, 'b' },
		{ "currency", required_argument, NULL, 'c' },
		{ "owner", required_argument, NULL, 'u' },
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct err	e;
	int		ch;

	err_clear(&e);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:b:c:u:s:", opts, NULL)) != -1) {
		if (ch == 'f' && strcmp(optarg, "table") == 0)
			*fmt = CLI_REPORT_TABLE;
		else if (ch == 'f' && (*fmt = out_format_parse(optarg)) < 0)
			return cli_errorf("unknown format \"%s\"", optarg) + 1;
		else if (ch == 'b')
			o->by = optarg;
		else if (ch == 'c')
			o->currency = optarg;
		else if (ch == 'u')
			o->owner = optarg;
		else if (ch == 's' && when_parse(optarg, time(NULL), &o->since,
		    NULL, &e) != 0)
			return cli_error(&e);
		else if (ch == '?')
			return 2;
	}
	return 0;
}

static int
cli_report_list(void)
{
	const struct report_def	*d;

	for (d = report_defs; d->name != NULL; d++)
		printf("%s\t%s\n", d->name, d->help);
	return 0;
}

int
cli_report(struct cli *cli, int argc, char **argv)
{
	struct report_opts	 o;
	struct report		*r;
	struct err		 e;
	int			 fmt = CLI_REPORT_TABLE, rc;

	memset(&o, 0, sizeof o);
	err_clear(&e);
	if ((rc = cli_report_opts(argc, argv, &o, &fmt)) != 0)
		return rc == 2 ? cli_usage(argv[0]) : rc;
	if (argc - optind == 0)
		return cli_report_list();
	if (argc - optind != 1)
		return cli_usage(argv[0]);
	r = report_run(cli->book, cli->conf, argv[optind], &o, time(NULL), &e);
	if (r == NULL)
		return cli_error(&e);
	if (fmt == CLI_REPORT_TABLE) {
		struct buf	out = BUF_INIT;

		report_table(r, cli_report_width(),
		    strcmp(nl_langinfo(CODESET), "UTF-8") == 0, &out);
		fputs(buf_str(&out), stdout);
		buf_free(&out);
	} else
		rc = cli_report_out(r, fmt);
	report_free(r);
	return rc;
}
