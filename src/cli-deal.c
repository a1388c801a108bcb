/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deals and support cases from the command line: kith deal and kith case,
 * each with add, set, show and list. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "book.h"
#include "buf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "field.h"
#include "out.h"
#include "query.h"
#include "ticket.h"
#include "when.h"
#include "xmalloc.h"

/* A field the command line sets itself (stage, value, ...), or 1. */
static int
cli_deal_special(const struct deal_stages *s, struct deal *d,
    const char *a, struct err *e)
{
	const char	*v = strchr(a, '=') + 1;
	char		*end;
	long		 p;

	if (strncmp(a, "stage=", 6) == 0)
		return deal_set_stage(s, d, v, time(NULL), e);
	if (strncmp(a, "value=", 6) == 0)
		return deal_value_parse(v, &d->value, e);
	if (strncmp(a, "probability=", 12) != 0)
		return 1;
	p = *v == '\0' ? -1 : strtol(v, &end, 10);
	if (*v != '\0' && (*end != '\0' || p < 0 || p > 100)) {
		err_set(e, NULL, 0, "probability: \"%s\" is not 0 to 100", v);
		return -1;
	}
	d->probability = p;
	return 0;
}

static int
cli_deal_apply(struct cli *cli, const struct deal_stages *s, struct deal *d,
    int argc, char **argv)
{
	struct field_batch	batch;
	struct err		e;
	int			i, rc;

	memset(&batch, 0, sizeof batch);
	err_clear(&e);
	for (i = 0; i < argc; i++) {
		if (strchr(argv[i], '=') == NULL) {
			cli_errorf("\"%s\": expected FIELD=VALUE", argv[i]);
			return 2;
		}
		rc = cli_deal_special(s, d, argv[i], &e);
		if (rc == 1)
			rc = field_apply(deal_fields, deal_nfields, NULL, d,
			    argv[i], &batch, &e);
		if (rc != 0)
			return cli_error(&e);
	}
	return 0;
}

static struct deal_stages *
cli_stages(struct cli *cli)
{
	struct deal_stages	*s;
	struct err		 e;

	err_clear(&e);
	if ((s = deal_stages_load(cli->conf, &e)) == NULL)
		cli_error(&e);
	return s;
}

/* The new deal's defaults: first stage, the contact's company, the
 * pipeline's currency. */
static int
cli_deal_defaults(struct cli *cli, const struct deal_stages *s,
    struct deal *d)
{
	struct contact	*c;
	struct err	 e;

	err_clear(&e);
	if (book_contact_get(cli->book, d->contact, &c, &e) != 0)
		return cli_error(&e);
	if (d->company == NULL && c->company != NULL)
		d->company = xstrdup(c->company);
	if (d->title == NULL)
		d->title = xstrdup(c->company ? c->company : contact_label(c));
	contact_free(c);
	if (d->stage == NULL)
		d->stage = xstrdup(s->v[0].name);
	if (d->currency == NULL)
		d->currency = xstrdup(s->currency);
	return 0;
}

static int
cli_deal_add(struct cli *cli, struct deal_stages *s, int argc, char **argv)
{
	struct deal	*d = deal_new();
	struct err	 e;
	char		 ids[32];
	int		 rc;

	err_clear(&e);
	if (argc < 2) {
		deal_free(d);
		return cli_usage("deal");
	}
	if ((rc = cli_id(cli, BOOK_CONTACT, argv[1], &d->contact)) == 0 &&
	    (rc = cli_deal_apply(cli, s, d, argc - 2, argv + 2)) == 0 &&
	    (rc = cli_deal_defaults(cli, s, d)) == 0) {
		if (deal_outcome(s, d) != 0)
			d->closed = time(NULL);
		if (book_deal_add(cli->book, d, &e) != 0)
			rc = cli_error(&e);
		else
			printf("%s\n", book_id_format(BOOK_DEAL, d->id, ids,
			    sizeof ids));
	}
	deal_free(d);
	return rc;
}

static int
cli_deal_set(struct cli *cli, struct deal_stages *s, int argc, char **argv)
{
	struct deal	*d;
	struct err	 e;
	uint64_t	 id;
	int		 rc;

	err_clear(&e);
	if (argc < 3)
		return cli_usage("deal");
	if ((rc = cli_id(cli, BOOK_DEAL, argv[1], &id)) != 0)
		return rc;
	if (book_deal_get(cli->book, id, &d, &e) != 0)
		return cli_error(&e);
	if ((rc = cli_deal_apply(cli, s, d, argc - 2, argv + 2)) == 0 &&
	    book_deal_save(cli->book, d, &e) != 0)
		rc = cli_error(&e);
	deal_free(d);
	return rc;
}

static void
cli_show_field(const struct field_def *defs, size_t n, const void *obj)
{
	char	*t, ts[32];
	size_t	 i;

	for (i = 0; i < n; i++) {
		if ((defs[i].flags & FIELD_HIDDEN) ||
		    defs[i].type == FIELD_LIST || strcmp(defs[i].name, "value") == 0 ||
		    strcmp(defs[i].name, "probability") == 0)
			continue;
		if (defs[i].type == FIELD_TIME) {
			time_t t0 = *(const time_t *)((const char *)obj +
			    defs[i].off);

			if (t0 != 0)
				printf("%-12s %s\n", defs[i].name,
				    when_format(t0, 0, ts, sizeof ts));
			continue;
		}
		if (defs[i].type == FIELD_ID)
			continue;
		t = field_text(&defs[i], obj);
		if (*t != '\0')
			printf("%-12s %s\n", defs[i].name, t);
		free(t);
	}
}

/* "c12 Ann Smith" for a contact id. */
static char *
cli_contact_name(struct cli *cli, uint64_t id)
{
	struct contact	*c;
	struct err	 e;
	char		*s;

	err_clear(&e);
	if (book_contact_get(cli->book, id, &c, &e) != 0)
		return xstrdup("?");
	s = xstrdup(contact_label(c));
	contact_free(c);
	return s;
}

static int
cli_deal_show(struct cli *cli, struct deal_stages *s, int argc, char **argv)
{
	struct deal	*d;
	struct err	 e;
	uint64_t	 id;
	char		 ids[32], v[32], *name;
	int		 rc;

	err_clear(&e);
	if (argc != 2)
		return cli_usage("deal");
	if ((rc = cli_id(cli, BOOK_DEAL, argv[1], &id)) != 0)
		return rc;
	if (book_deal_get(cli->book, id, &d, &e) != 0)
		return cli_error(&e);
	name = cli_contact_name(cli, d->contact);
	printf("%-12s %s\n", "id", book_id_format(BOOK_DEAL, id, ids,
	    sizeof ids));
	printf("%-12s %s %s\n", "contact", book_id_format(BOOK_CONTACT,
	    d->contact, ids, sizeof ids), name);
	printf("%-12s %s %s\n", "value", deal_value_format(d->value, v,
	    sizeof v), d->currency ? d->currency : s->currency);
	printf("%-12s %ld%%%s\n", "probability", deal_probability(s, d),
	    d->probability < 0 ? " (the stage's)" : "");
	printf("%-12s %s\n", "outcome", deal_outcome(s, d) > 0 ? "won" :
	    deal_outcome(s, d) < 0 ? "lost" : "open");
	cli_show_field(deal_fields, deal_nfields, d);
	free(name);
	deal_free(d);
	return 0;
}

/* Options of the list commands: --format, --open, --contact, terms. */
struct cli_list_opts {
	int		 fmt;
	int		 open;
	uint64_t	 contact;
	struct query	*q;
};

static int
cli_list_opts(struct cli *cli, char kind, int argc, char **argv,
    struct cli_list_opts *o)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "open", no_argument, NULL, 'o' },
		{ "contact", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct buf	 terms = BUF_INIT;
	struct err	 e;
	int		 ch, i, rc;

	memset(o, 0, sizeof *o);
	err_clear(&e);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+f:oc:", opts, NULL)) != -1) {
		if (ch == 'f' && (o->fmt = out_format_parse(optarg)) < 0)
			return cli_errorf("unknown format \"%s\"", optarg) + 1;
		else if (ch == 'o')
			o->open = 1;
		else if (ch == 'c' &&
		    (rc = cli_id(cli, BOOK_CONTACT, optarg, &o->contact)) != 0)
			return rc;
		else if (ch == '?')
			return 2;
	}
	for (i = optind; i < argc; i++)
		buf_addf(&terms, "%s ", argv[i]);
	o->q = query_parse(terms.len ? buf_str(&terms) : "", kind,
	    book_users(cli->book), time(NULL), &e);
	buf_free(&terms);
	return o->q == NULL ? cli_error(&e) : 0;
}

/* Prints deals as a list; the contact's name is looked up for each. */
int
cli_deal_print(struct cli *cli, const struct deal_stages *s,
    struct deal **v, size_t n, int fmt)
{
	static const char *const cols[] = { "id", "contact", "name", "title",
		"stage", "value", "currency", "probability", "close",
		"owner" };
	struct out	*o = out_new(stdout, fmt, cols, 10);
	char		 ids[32], cids[32], val[32], prob[16], *name;
	size_t		 i;

	for (i = 0; i < n && !cli_output_failed(); i++) {
		name = cli_contact_name(cli, v[i]->contact);
		snprintf(prob, sizeof prob, "%ld", deal_probability(s, v[i]));
		const char *row[10] = {
		    book_id_format(BOOK_DEAL, v[i]->id, ids, sizeof ids),
		    book_id_format(BOOK_CONTACT, v[i]->contact, cids,
		    sizeof cids), name, v[i]->title, v[i]->stage,
		    deal_value_format(v[i]->value, val, sizeof val),
		    v[i]->currency, prob, v[i]->close, v[i]->owner };
		out_row(o, row);
		free(name);
	}
	return out_end(o) != 0 ? cli_errorf("writing output failed") : 0;
}

static int
cli_deal_list(struct cli *cli, struct deal_stages *s, int argc, char **argv)
{
	struct cli_list_opts	  o;
	struct deal		**v;
	struct err		  e;
	size_t			  n, i, k = 0;
	int			  rc;

	err_clear(&e);
	if ((rc = cli_list_opts(cli, BOOK_DEAL, argc, argv, &o)) != 0)
		return rc;
	if (book_deals(cli->book, o.contact, &v, &n, &e) != 0) {
		query_free(o.q);
		return cli_error(&e);
	}
	for (i = 0; i < n; i++) {
		if (query_match(o.q, v[i]) && (!o.open ||
		    deal_outcome(s, v[i]) == 0))
			v[k++] = v[i];
		else
			deal_free(v[i]);
	}
	rc = cli_deal_print(cli, s, v, k, o.fmt);
	deal_array_free(v, k);
	query_free(o.q);
	return rc;
}

int
cli_deal(struct cli *cli, int argc, char **argv)
{
	struct deal_stages	*s;
	int			 rc;

	if (argc < 2)
		return cli_usage(argv[0]);
	if ((s = cli_stages(cli)) == NULL)
		return 1;
	if (strcmp(argv[1], "add") == 0)
		rc = cli_deal_add(cli, s, argc - 1, argv + 1);
	else if (strcmp(argv[1], "set") == 0)
		rc = cli_deal_set(cli, s, argc - 1, argv + 1);
	else if (strcmp(argv[1], "show") == 0)
		rc = cli_deal_show(cli, s, argc - 1, argv + 1);
	else if (strcmp(argv[1], "list") == 0)
		rc = cli_deal_list(cli, s, argc - 1, argv + 1);
	else
		rc = cli_usage(argv[0]);
	deal_stages_free(s);
	return rc;
}

/* Cases: status= and note= are the command line's own. */
static int
cli_case_apply(struct cli *cli, struct ticket *k, int argc, char **argv)
{
	struct field_batch	batch;
	struct err		e;
	time_t			now = time(NULL);
	int			i, rc;

	memset(&batch, 0, sizeof batch);
	err_clear(&e);
	for (i = 0; i < argc; i++) {
		rc = 0;
		if (strchr(argv[i], '=') == NULL) {
			cli_errorf("\"%s\": expected FIELD=VALUE", argv[i]);
			return 2;
		} else if (strncmp(argv[i], "status=", 7) == 0)
			rc = ticket_set_status(k, argv[i] + 7, now, &e);
		else if (strncmp(argv[i], "note=", 5) == 0 ||
		    strncmp(argv[i], "note+=", 6) == 0) {
			const char *t = strchr(argv[i], '=') + 1;

			if (field_check(field_find(ticket_fields,
			    ticket_nfields, "description"), NULL, t, &e) == 0 &&
			    *t != '\0')
				ticket_note(k, book_user(cli->book), now, t);
		} else
			rc = field_apply(ticket_fields, ticket_nfields, NULL,
			    k, argv[i], &batch, &e);
		if (rc != 0 || err_isset(&e))
			return cli_error(&e);
	}
	return 0;
}

static int
cli_case_add(struct cli *cli, int argc, char **argv)
{
	struct ticket	*k = ticket_new();
	struct err	 e;
	char		 ids[32];
	int		 rc;

	err_clear(&e);
	if (argc < 3) {
		ticket_free(k);
		return cli_usage("case");
	}
	if ((rc = cli_id(cli, BOOK_CONTACT, argv[1], &k->contact)) == 0 &&
	    (rc = cli_case_apply(cli, k, argc - 2, argv + 2)) == 0) {
		if (k->subject == NULL)
			rc = cli_errorf("a case needs a subject=");
		else if (book_case_add(cli->book, k, &e) != 0)
			rc = cli_error(&e);
		else
			printf("%s\n", book_id_format(BOOK_CASE, k->id, ids,
			    sizeof ids));
	}
	ticket_free(k);
	return rc;
}

static int
cli_case_set(struct cli *cli, int argc, char **argv)
{
	struct ticket	*k;
	struct err	 e;
	uint64_t	 id;
	int		 rc;

	err_clear(&e);
	if (argc < 3)
		return cli_usage("case");
	if ((rc = cli_id(cli, BOOK_CASE, argv[1], &id)) != 0)
		return rc;
	if (book_case_get(cli->book, id, &k, &e) != 0)
		return cli_error(&e);
	if ((rc = cli_case_apply(cli, k, argc - 2, argv + 2)) == 0 &&
	    book_case_save(cli->book, k, &e) != 0)
		rc = cli_error(&e);
	ticket_free(k);
	return rc;
}

static int
cli_case_show(struct cli *cli, int argc, char **argv)
{
	struct ticket	*k;
	struct err	 e;
	uint64_t	 id;
	char		 ids[32], ts[32], *name;
	time_t		 t;
	size_t		 i;
	int		 rc;

	err_clear(&e);
	if (argc != 2)
		return cli_usage("case");
	if ((rc = cli_id(cli, BOOK_CASE, argv[1], &id)) != 0)
		return rc;
	if (book_case_get(cli->book, id, &k, &e) != 0)
		return cli_error(&e);
	name = cli_contact_name(cli, k->contact);
	printf("%-12s %s\n", "id", book_id_format(BOOK_CASE, id, ids,
	    sizeof ids));
	printf("%-12s %s %s\n", "contact", book_id_format(BOOK_CONTACT,
	    k->contact, ids, sizeof ids), name);
	cli_show_field(ticket_fields, ticket_nfields, k);
	if (k->notes.n > 0)
		printf("\nNotes\n");
	for (i = 0; i < k->notes.n; i++) {
		const char *type = k->notes.v[i].type ? k->notes.v[i].type : "";
		const char *who = strchr(type, ' ');

		snprintf(ts, sizeof ts, "%.*s", who ? (int)(who - type) : 0,
		    type);
		if (when_parse_utc(ts, &t, NULL) != 0)
			t = 0;
		printf("  %s %s: %s\n", t ? when_format(t, 0, ts, sizeof ts) :
		    "?", who ? who + 1 : "?", k->notes.v[i].text);
	}
	free(name);
	ticket_free(k);
	return 0;
}

int
cli_case_print(struct cli *cli, struct ticket **v, size_t n, int fmt)
{
	static const char *const cols[] = { "id", "contact", "name",
		"subject", "status", "priority", "opened", "owner" };
	struct out	*o = out_new(stdout, fmt, cols, 8);
	char		 ids[32], cids[32], pri[16], ts[32], *name;
	size_t		 i;

	for (i = 0; i < n && !cli_output_failed(); i++) {
		name = cli_contact_name(cli, v[i]->contact);
		snprintf(pri, sizeof pri, "%ld", v[i]->priority);
		const char *row[8] = {
		    book_id_format(BOOK_CASE, v[i]->id, ids, sizeof ids),
		    book_id_format(BOOK_CONTACT, v[i]->contact, cids,
		    sizeof cids), name, v[i]->subject, v[i]->status, pri,
		    when_format(v[i]->opened, 0, ts, sizeof ts), v[i]->owner };
		out_row(o, row);
		free(name);
	}
	return out_end(o) != 0 ? cli_errorf("writing output failed") : 0;
}

static int
cli_case_list(struct cli *cli, int argc, char **argv)
{
	struct cli_list_opts	  o;
	struct ticket		**v;
	struct err		  e;
	size_t			  n, i, k = 0;
	int			  rc;

	err_clear(&e);
	if ((rc = cli_list_opts(cli, BOOK_CASE, argc, argv, &o)) != 0)
		return rc;
	if (book_cases(cli->book, o.contact, &v, &n, &e) != 0) {
		query_free(o.q);
		return cli_error(&e);
	}
	for (i = 0; i < n; i++) {
		if (query_match(o.q, v[i]) && (!o.open ||
		    ticket_status_of(v[i]) < TICKET_RESOLVED))
			v[k++] = v[i];
		else
			ticket_free(v[i]);
	}
	rc = cli_case_print(cli, v, k, o.fmt);
	ticket_array_free(v, k);
	query_free(o.q);
	return rc;
}

int
cli_case(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(argv[0]);
	if (strcmp(argv[1], "add") == 0)
		return cli_case_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "set") == 0)
		return cli_case_set(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return cli_case_show(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return cli_case_list(cli, argc - 1, argv + 1);
	return cli_usage(argv[0]);
}

/* A contact's deals and cases, under kith show. */
void
cli_show_deals(struct cli *cli, uint64_t contact)
{
	struct deal_stages	 *s = NULL;
	struct deal		**dv = NULL;
	struct ticket		**kv = NULL;
	struct err		  e;
	size_t			  dn = 0, kn = 0, i;
	char			  ids[32], val[32], ts[32];

	err_clear(&e);
	if ((s = deal_stages_load(cli->conf, &e)) == NULL ||
	    book_deals(cli->book, contact, &dv, &dn, &e) != 0 ||
	    book_cases(cli->book, contact, &kv, &kn, &e) != 0)
		cli_error(&e);
	for (i = 0; s != NULL && i < dn; i++) {
		printf("%s  %-6s %-12s %12s %-3s %3ld%% %-10s %s\n", i ? "" :
		    "\nDeals\n", book_id_format(BOOK_DEAL, dv[i]->id, ids,
		    sizeof ids), dv[i]->stage ? dv[i]->stage : "",
		    deal_value_format(dv[i]->value, val, sizeof val),
		    dv[i]->currency ? dv[i]->currency : "",
		    deal_probability(s, dv[i]), dv[i]->close ? dv[i]->close :
		    "", dv[i]->title ? dv[i]->title : "");
	}
	for (i = 0; i < kn; i++) {
		printf("%s  %-6s %-8s %-16s %s\n", i ? "" : "\nCases\n",
		    book_id_format(BOOK_CASE, kv[i]->id, ids, sizeof ids),
		    kv[i]->status ? kv[i]->status : "", when_format(
		    kv[i]->opened, 0, ts, sizeof ts), kv[i]->subject ?
		    kv[i]->subject : "");
	}
	deal_array_free(dv, dn);
	ticket_array_free(kv, kn);
	deal_stages_free(s);
}
