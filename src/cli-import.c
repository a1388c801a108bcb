/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Contacts in and out: import, export and the mail clients' query. */
#include "cli.h"

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "book.h"
#include "buf.h"
#include "contact.h"
#include "csv.h"
#include "err.h"
#include "field.h"
#include "import.h"
#include "record.h"
#include "vcard.h"
#include "xmalloc.h"

struct cli_imp {
	int	tty;		/* standard error is a terminal: show progress */
	int	shown;
};

static int
cli_import_progress(size_t done, size_t n, void *arg)
{
	struct cli_imp	*x = arg;

	if (x->tty) {
		fprintf(stderr, "\rkith: importing %zu of %zu contacts", done,
		    n);
		x->shown = 1;
	}
	return cli_stopping();
}

static void
cli_import_eol(struct cli_imp *x)
{
	if (x->shown) {
		fputc('\n', stderr);
		x->shown = 0;
	}
}

static void
cli_import_bad(const struct err *e, void *arg)
{
	char	buf[1024];

	cli_import_eol(arg);
	fprintf(stderr, "kith: %s: skipped\n", err_format(e, buf, sizeof buf));
}

static void
cli_import_note(const char *msg, void *arg)
{
	cli_import_eol(arg);
	fprintf(stderr, "kith: %s\n", msg);
}

static int
cli_import_policy(const char *s)
{
	if (strcmp(s, "merge") == 0)
		return BOOK_DUP_MERGE;
	if (strcmp(s, "skip") == 0)
		return BOOK_DUP_SKIP;
	if (strcmp(s, "add") == 0)
		return BOOK_DUP_ADD;
	return -1;
}

/* iCalendar files go to the calendar importer, on their own. */
static int
cli_import_all_ics(int format, int argc, char **argv, int first)
{
	char	head[64];
	FILE	*f;
	size_t	 n;
	int	 i, ics = 0;

	if (format == IMPORT_ICS)
		return 1;
	if (format != IMPORT_GUESS)
		return 0;
	for (i = first; i < argc; i++) {
		n = 0;
		if (strcmp(argv[i], "-") != 0 &&
		    (f = fopen(argv[i], "rb")) != NULL) {
			n = fread(head, 1, sizeof head, f);
			fclose(f);
		}
		ics += import_guess(argv[i], head, n) == IMPORT_ICS;
	}
	return ics > 0 && ics == argc - first ? 1 : ics > 0 ? -1 : 0;
}

static int
cli_import_run(struct cli *cli, struct import_opts *o, int argc, char **argv)
{
	struct import_summary	s;
	struct cli_imp		x = { isatty(2), 0 };
	struct err		e;
	int			rc;

	err_clear(&e);
	o->users = book_users(cli->book);
	o->progress = cli_import_progress;
	o->bad = cli_import_bad;
	o->note = cli_import_note;
	o->arg = &x;
	rc = import_files(cli->book, argv, argc, o, &s, &e);
	cli_import_eol(&x);
	if (rc != 0) {
		cli_error(&e);
		return cli_errorf("nothing imported");
	}
	printf("imported: %zu added, %zu merged, %zu skipped, %zu rejected\n",
	    s.added, s.merged, s.skipped, s.rejected);
	return 0;
}

int
cli_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "on-duplicate", required_argument, NULL, 'd' },
		{ "skip-bad", no_argument, NULL, 'b' },
		{ "map", required_argument, NULL, 'm' },
		{ "mapping", required_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_opts	o;
	struct err		e;
	int			ch, rc;

	memset(&o, 0, sizeof o);
	err_clear(&e);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+f:", opts, NULL)) != -1) {
		if (ch == 'f' && (o.format = import_format_parse(optarg)) < 0)
			return cli_errorf("unknown format \"%s\" (vcard, csv "
			    "or ics)", optarg) + 1;
		else if (ch == 'd' &&
		    (o.policy = cli_import_policy(optarg)) < 0)
			return cli_errorf("--on-duplicate takes merge, skip "
			    "or add") + 1;
		else if (ch == 'b')
			o.skip_bad = 1;
		else if (ch == 'm') {
			if (strchr(optarg, '=') == NULL)
				return cli_errorf("--map takes COLUMN=FIELD") +
				    1;
			o.maps = xreallocarray(o.maps, o.nmaps + 1,
			    sizeof *o.maps);
			o.maps[o.nmaps++] = xstrdup(optarg);
		} else if (ch == 'M' && import_map_file(&o, optarg, &e) != 0)
			return cli_error(&e);
		else if (ch == '?')
			return cli_usage(argv[0]);
	}
	if (optind == argc)
		return cli_usage(argv[0]);
	switch (cli_import_all_ics(o.format, argc, argv, optind)) {
	case 1:
		rc = cli_import_ics_cmd(cli, argc, argv);
		break;
	case -1:
		rc = cli_errorf("import iCalendar files on their own");
		break;
	default:
		rc = cli_import_run(cli, &o, argc - optind, argv + optind);
	}
	while (o.nmaps > 0)
		free(o.maps[--o.nmaps]);
	free(o.maps);
	return rc;
}


static void
cli_export_push(char ***cols, size_t *n, const char *name)
{
	*cols = xreallocarray(*cols, *n + 1, sizeof **cols);
	(*cols)[(*n)++] = xstrdup(name);
}

/* How many columns before j have the same name as j. */
static size_t
cli_export_nth(char **cols, size_t j)
{
	size_t	k, n = 0;

	for (k = 0; k < j; k++)
		n += strcmp(cols[k], cols[j]) == 0;
	return n;
}

struct cli_exp {
	struct contact	**v;
	size_t		  n;
};

static int
cli_export_collect(const struct contact *c, void *arg)
{
	struct cli_exp	*x = arg;

	x->v = xreallocarray(x->v, x->n + 1, sizeof *x->v);
	x->v[x->n++] = contact_copy(c);
	return 0;
}

/* The columns of one list field: a column per type per value. */
static void
cli_csv_list_cols(struct cli_exp *x, const char *field, size_t off,
    char ***cols, size_t *ncols)
{
	const struct field_list	*l;
	char			*name;
	size_t			 i, j, k, have, need;

	for (i = 0; i < x->n; i++) {
		l = (const struct field_list *)((const char *)x->v[i] + off);
		for (j = 0; j < l->n; j++) {
			name = l->v[j].type == NULL ? xstrdup(field) :
			    xasprintf("%s.%s", field, l->v[j].type);
			for (k = need = 0; k <= j; k++)
				need += (l->v[k].type == NULL) ==
				    (l->v[j].type == NULL) && (l->v[j].type ==
				    NULL || !strcmp(l->v[k].type, l->v[j].type));
			for (k = have = 0; k < *ncols; k++)
				have += strcmp((*cols)[k], name) == 0;
			if (have < need) {
				*cols = xreallocarray(*cols, *ncols + 1,
				    sizeof **cols);
				(*cols)[(*ncols)++] = name;
			} else
				free(name);
		}
	}
}

static void
cli_csv_user_cols(struct cli_exp *x, char ***cols, size_t *ncols)
{
	size_t	i, j, k;

	for (i = 0; i < x->n; i++) {
		for (j = 0; j < x->v[i]->user.n; j++) {
			const char *t = x->v[i]->user.v[j].type;

			for (k = 0; t != NULL && k < *ncols; k++)
				if (strcmp((*cols)[k], t) == 0)
					break;
			if (t == NULL || k < *ncols)
				continue;
			*cols = xreallocarray(*cols, *ncols + 1, sizeof **cols);
			(*cols)[(*ncols)++] = xstrdup(t);
		}
	}
}

/* The n-th value (from 0) of column col of a contact. */
static char *
cli_csv_cell(const struct contact *c, const char *col, size_t nth)
{
	const struct field_def	*d;
	const struct field_list	*l;
	char			*name = xstrdup(col), *dot, *v = NULL;
	size_t			 i;

	if ((dot = strchr(name, '.')) != NULL)
		*dot++ = '\0';
	d = field_find(contact_fields, contact_nfields, name);
	if (d == NULL)
		v = xstrdup(field_list_get(&c->user, col));
	else if (d->type != FIELD_LIST)
		v = field_text(d, c);
	else {
		l = (const struct field_list *)((const char *)c + d->off);
		for (i = 0; v == NULL && i < l->n; i++) {
			if ((dot == NULL) != (l->v[i].type == NULL) ||
			    (dot != NULL && strcmp(dot, l->v[i].type) != 0))
				continue;
			if (nth-- == 0)
				v = xstrdup(l->v[i].text);
		}
	}
	free(name);
	return v;
}

static char *
cli_csv_extra(const struct contact *c)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; c->extra != NULL && i < c->extra->n; i++)
		if (c->extra->items[i].tag == VCARD_TAG_RAW)
			buf_addf(&b, "%s%s", b.len ? "\n" : "",
			    c->extra->items[i].value);
	return buf_detach(&b);
}

static void
cli_export_csv(FILE *f, struct cli_exp *x)
{
	static const char *const head[] = {
		"name", "company", "title", "department"
	}, *const mid[] = {
		"city", "region", "country"
	}, *const tail[] = {
		"status", "source", "birthday", "note", "uid"
	};
	char		**cols = NULL, **row;
	size_t		  n = 0, i, j;

	for (i = 0; i < 4; i++)
		cli_export_push(&cols, &n, head[i]);
	cli_csv_list_cols(x, "phone", offsetof(struct contact, phones), &cols,
	    &n);
	cli_csv_list_cols(x, "email", offsetof(struct contact, emails), &cols,
	    &n);
	cli_csv_list_cols(x, "address", offsetof(struct contact, addresses),
	    &cols, &n);
	for (i = 0; i < 3; i++)
		cli_export_push(&cols, &n, mid[i]);
	cli_csv_list_cols(x, "url", offsetof(struct contact, urls), &cols, &n);
	cli_csv_list_cols(x, "tag", offsetof(struct contact, tags), &cols, &n);
	for (i = 0; i < 5; i++)
		cli_export_push(&cols, &n, tail[i]);
	cli_csv_user_cols(x, &cols, &n);
	cli_export_push(&cols, &n, "extra");
	csv_write(f, (const char *const *)cols, n);
	row = xcalloc(n, sizeof *row);
	for (i = 0; i < x->n; i++) {
		for (j = 0; j < n; j++) {
			row[j] = j + 1 == n ? cli_csv_extra(x->v[i]) :
			    cli_csv_cell(x->v[i], cols[j], cli_export_nth(cols,
			    j));
		}
		csv_write(f, (const char *const *)row, n);
		for (j = 0; j < n; j++)
			free(row[j]);
	}
	free(row);
	while (n > 0)
		free(cols[--n]);
	free(cols);
}

/* An ics export goes to the calendar exporter with its own options. */
static int
cli_export_is_ics(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if ((strcmp(argv[i], "--format") == 0 && i + 1 < argc &&
		    strcasecmp(argv[i + 1], "ics") == 0) ||
		    strcasecmp(argv[i], "--format=ics") == 0)
			return 1;
	return 0;
}

static char *
cli_join(int argc, char **argv)
{
	struct buf	b = BUF_INIT;
	int		i;

	for (i = 0; i < argc; i++)
		buf_addf(&b, "%s%s", i ? " " : "", argv[i]);
	return buf_detach(&b);
}

static int
cli_export_write(struct cli *cli, const char *path, int fmt, int version,
    const char *query)
{
	struct cli_exp	 x = { NULL, 0 };
	struct err	 e;
	FILE		*f = stdout;
	char		*tmp = NULL;
	size_t		 i;
	int		 rc = 0;

	err_clear(&e);
	if (book_find(cli->book, query, cli_export_collect, &x, &e) != 0)
		rc = cli_error(&e);
	if (rc == 0 && path != NULL &&
	    (f = cli_output_open(path, &tmp)) == NULL)
		rc = 1;
	if (rc == 0 && fmt == 'c')
		cli_export_csv(f, &x);
	for (i = 0; rc == 0 && fmt == 'v' && i < x.n; i++)
		vcard_write(f, x.v[i], version);
	if (f != stdout && cli_output_close(f, path, tmp, !ferror(f)) != 0)
		rc = 1;
	for (i = 0; i < x.n; i++)
		contact_free(x.v[i]);
	free(x.v);
	return rc;
}

int
cli_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "version", required_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*path = NULL;
	char		*query;
	int		 ch, fmt = 'v', version = 3, rc;

	if (cli_export_is_ics(argc, argv))
		return cli_export_ics(cli, argc, argv);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+o:f:", opts, NULL)) != -1) {
		if (ch == 'o')
			path = optarg;
		else if (ch == 'f' && import_format_parse(optarg) ==
		    IMPORT_VCARD)
			fmt = 'v';
		else if (ch == 'f' && strcasecmp(optarg, "csv") == 0)
			fmt = 'c';
		else if (ch == 'V' && (!strcmp(optarg, "3.0") ||
		    !strcmp(optarg, "3") || !strcmp(optarg, "4.0") ||
		    !strcmp(optarg, "4")))
			version = optarg[0] - '0';
		else {
			if (ch == 'f' || ch == 'V')
				cli_errorf("unknown %s \"%s\"", ch == 'f' ?
				    "format" : "vCard version", optarg);
			return cli_usage(argv[0]);
		}
	}
	query = cli_join(argc - optind, argv + optind);
	rc = cli_export_write(cli, path, fmt, version, query);
	free(query);
	return rc;
}

/* A value for one tab-separated field of the query output. */
static void
cli_query_put(const char *s, int last)
{
	for (; s != NULL && *s != '\0'; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	putchar(last ? '\n' : '\t');
}

int
cli_query(struct cli *cli, int argc, char **argv)
{
	struct cli_exp	 x = { NULL, 0 };
	struct err	 e;
	char		*q;
	size_t		 i, j, n = 0;
	int		 rc;

	if (argc < 2)
		return cli_usage(argv[0]);
	err_clear(&e);
	q = cli_join(argc - 1, argv + 1);
	if ((rc = book_find(cli->book, q, cli_export_collect, &x, &e)) != 0)
		rc = cli_error(&e);
	for (i = 0; i < x.n; i++)
		n += x.v[i]->emails.n;
	if (rc == 0 && n == 0) {
		printf("kith: no matches for \"%s\"\n", q);
		rc = 1;
	} else if (rc == 0)
		printf("kith: %zu address%s for \"%s\"\n", n, n == 1 ? "" :
		    "es", q);
	for (i = 0; rc == 0 && i < x.n; i++) {
		for (j = 0; j < x.v[i]->emails.n; j++) {
			cli_query_put(x.v[i]->emails.v[j].text, 0);
			cli_query_put(x.v[i]->name, 0);
			cli_query_put(x.v[i]->company, 1);
		}
	}
	for (i = 0; i < x.n; i++)
		contact_free(x.v[i]);
	free(x.v);
	free(q);
	return rc;
}
