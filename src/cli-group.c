/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Groups, campaigns and reports from the command line. */
#include "cli.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "book.h"
#include "buf.h"
#include "contact.h"
#include "deal.h"
#include "err.h"
#include "field.h"
#include "out.h"
#include "query.h"
#include "report.h"
#include "ticket.h"
#include "utf8.h"
#include "vcard.h"
#include "when.h"
#include "xmalloc.h"

/* The members of a group, gathered: contacts, deals or cases. */
struct cli_members {
	struct query	 *q;
	char		  kind;
	void		**v;
	size_t		  n;
};

static int
cli_members_add(const void *obj, void *arg)
{
	struct cli_members	*m = arg;
	struct buf		 b = BUF_INIT;
	void			*copy = NULL;

	if (!query_match(m->q, obj))
		return 0;
	switch (m->kind) {	/* keep a copy: the walk only lends */
	case BOOK_CONTACT:
		copy = contact_copy(obj);
		break;
	case BOOK_DEAL:
		deal_encode(obj, &b);
		copy = deal_decode(b.data, b.len, NULL);
		((struct deal *)copy)->id = ((const struct deal *)obj)->id;
		break;
	case BOOK_CASE:
		ticket_encode(obj, &b);
		copy = ticket_decode(b.data, b.len, NULL);
		((struct ticket *)copy)->id = ((const struct ticket *)obj)->id;
		break;
	}
	buf_free(&b);
	m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
	m->v[m->n++] = copy;
	return 0;
}

static int
cli_contact_find_add(const struct contact *c, void *arg)
{
	return cli_members_add(c, arg);
}

/* The members of group name; contacts in name order, others by id. */
static int
cli_members(struct cli *cli, const char *name, struct cli_members *m,
    struct query_group *g, char *buf, size_t len)
{
	struct err	e;
	int		rc;

	memset(m, 0, sizeof *m);
	err_clear(&e);
	if (query_group_find(cli->conf, name, g, buf, len, &e) != 0)
		return cli_error(&e);
	m->kind = g->kind;
	m->q = query_parse(g->query, g->kind, book_users(cli->book),
	    time(NULL), &e);
	if (m->q == NULL) {
		cli_errorf("group %s: %s", name, e.msg);
		return 1;
	}
	if (g->kind == BOOK_CONTACT)
		rc = book_find(cli->book, "", cli_contact_find_add, m, &e);
	else
		rc = book_each(cli->book, g->kind, cli_members_add, m, &e);
	return rc != 0 ? cli_error(&e) : 0;
}

static void
cli_members_free(struct cli_members *m)
{
	size_t	i;

	for (i = 0; i < m->n; i++) {
		if (m->kind == BOOK_CONTACT)
			contact_free(m->v[i]);
		else if (m->kind == BOOK_DEAL)
			deal_free(m->v[i]);
		else
			ticket_free(m->v[i]);
	}
	free(m->v);
	query_free(m->q);
}

static int
cli_contacts_print(struct contact **v, size_t n, int fmt)
{
	static const char *const cols[] = {
		"id", "name", "company", "phone", "email"
	};
	struct out	*o = out_new(stdout, fmt, cols, 5);
	char		 id[32];
	size_t		 i;

	for (i = 0; i < n && !cli_output_failed(); i++) {
		const char *row[5] = { book_id_format(BOOK_CONTACT, v[i]->id,
		    id, sizeof id), v[i]->name, v[i]->company,
		    field_list_first(&v[i]->phones),
		    field_list_first(&v[i]->emails) };
		out_row(o, row);
	}
	return out_end(o) != 0 ? cli_errorf("writing output failed") : 0;
}

static int
cli_format_opt(int argc, char **argv, int *fmt, const char **path)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "+f:o:", opts, NULL)) != -1) {
		if (ch == 'f' && strcmp(optarg, "vcard") == 0)
			*fmt = -2;
		else if (ch == 'f' && (*fmt = out_format_parse(optarg)) < 0)
			return cli_errorf("unknown format \"%s\"", optarg) + 1;
		else if (ch == 'o' && path != NULL)
			*path = optarg;
		else if (ch != 'f')
			return 2;
	}
	return 0;
}

static int
cli_group_list(struct cli *cli)
{
	static const char *const cols[] = { "group", "of", "query", "about" };
	struct query_group	 g;
	struct out		*o = out_new(stdout, OUT_TSV, cols, 4);
	char			 buf[256];
	size_t			 i;

	for (i = 0; query_group_at(cli->conf, i, &g, buf, sizeof buf) == 0;
	    i++) {
		const char *row[4] = { g.name, query_kind_name(g.kind),
		    g.query, g.help };
		out_row(o, row);
	}
	return out_end(o) != 0 ? cli_errorf("writing output failed") : 0;
}

static int
cli_group_show(struct cli *cli, int argc, char **argv)
{
	struct cli_members	 m;
	struct query_group	 g;
	struct deal_stages	*s;
	struct err		 e;
	char			 buf[256];
	int			 fmt = OUT_TSV, rc;

	if ((rc = cli_format_opt(argc, argv, &fmt, NULL)) != 0 || fmt < 0)
		return rc ? rc : cli_usage("group");
	if (argc - optind != 1)
		return cli_usage("group");
	if ((rc = cli_members(cli, argv[optind], &m, &g, buf,
	    sizeof buf)) != 0)
		return rc;
	err_clear(&e);
	if (m.kind == BOOK_CONTACT)
		rc = cli_contacts_print((struct contact **)m.v, m.n, fmt);
	else if (m.kind == BOOK_CASE)
		rc = cli_case_print(cli, (struct ticket **)m.v, m.n, fmt);
	else if ((s = deal_stages_load(cli->conf, &e)) == NULL)
		rc = cli_error(&e);
	else {
		rc = cli_deal_print(cli, s, (struct deal **)m.v, m.n, fmt);
		deal_stages_free(s);
	}
	cli_members_free(&m);
	return rc;
}

int
cli_group(struct cli *cli, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return cli_group_list(cli);
	if (argc >= 3 && strcmp(argv[1], "show") == 0)
		return cli_group_show(cli, argc - 1, argv + 1);
	return cli_usage(argv[0]);
}

/* The contacts a group's members belong to, each once, in order. */
static void
cli_member_contacts(const struct cli_members *m, uint64_t **ids, size_t *n)
{
	uint64_t	id;
	size_t		i, j;

	*ids = xcalloc(m->n + 1, sizeof **ids);
	*n = 0;
	for (i = 0; i < m->n; i++) {
		if (m->kind == BOOK_CONTACT)
			id = ((struct contact *)m->v[i])->id;
		else if (m->kind == BOOK_DEAL)
			id = ((struct deal *)m->v[i])->contact;
		else
			id = ((struct ticket *)m->v[i])->contact;
		for (j = 0; j < *n && (*ids)[j] != id; j++)
			;
		if (j == *n)
			(*ids)[(*n)++] = id;
	}
}

struct cli_campaign {
	int		 kind;
	int		 done;
	time_t		 due;
	int		 allday;
	long		 alarm;
	const char	*owner;
	char		*text;
};

/* One activity for each contact; prints the ids. */
static int
cli_campaign_add(struct cli *cli, const uint64_t *ids, size_t n,
    const struct cli_campaign *c)
{
	struct activity	*a;
	struct err	 e;
	char		 aid[32];
	size_t		 i;

	err_clear(&e);
	for (i = 0; i < n && !cli_stopping(); i++) {
		a = activity_new();
		a->contact = ids[i];
		a->kind = c->kind;
		a->subject = c->text ? xstrdup(c->text) : NULL;
		a->owner = c->owner ? xstrdup(c->owner) : NULL;
		a->done = c->done;
		a->done_at = c->done ? time(NULL) : 0;
		a->due = c->due;
		a->allday = c->allday;
		a->alarm = c->alarm;
		if (book_activity_add(cli->book, a, &e) != 0) {
			activity_free(a);
			return cli_error(&e);
		}
		printf("%s\n", book_id_format(BOOK_ACTIVITY, a->id, aid,
		    sizeof aid));
		activity_free(a);
	}
	return 0;
}

static char *
cli_words(int argc, char **argv)
{
	struct buf	b = BUF_INIT;
	int		i;

	for (i = 0; i < argc; i++)
		buf_addf(&b, "%s%s", i ? " " : "", argv[i]);
	return b.len ? buf_detach(&b) : (buf_free(&b), NULL);
}

static int
cli_campaign_act(struct cli *cli, const uint64_t *ids, size_t n, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "for", required_argument, NULL, 'f' },
		{ "alarm", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_campaign	c;
	struct err		e;
	int			ch, rc, sched;

	memset(&c, 0, sizeof c);
	err_clear(&e);
	sched = strcmp(argv[0], "schedule") == 0;
	c.alarm = ACTIVITY_NO_ALARM;
	c.done = !sched;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+f:a:", opts, NULL)) != -1) {
		if (ch == 'f')
			c.owner = optarg;
		else if (ch != 'a')
			return cli_usage("campaign");
		else if (when_duration(optarg, &c.alarm, &e) != 0)
			return cli_error(&e);
	}
	if (argc - optind < 1 + sched)
		return cli_usage("campaign");
	if ((c.kind = activity_kind_parse(argv[optind], &e)) < 0)
		return cli_error(&e);
	if (sched && when_parse(argv[optind + 1], time(NULL), &c.due,
	    &c.allday, &e) != 0)
		return cli_error(&e);
	c.text = cli_words(argc - optind - 1 - sched, argv + optind + 1 +
	    sched);
	rc = cli_campaign_add(cli, ids, n, &c);
	free(c.text);
	return rc;
}

static void
cli_export_csv_row(struct cli *cli, struct out *o, const struct contact *c,
    size_t ncols)
{
	const struct field_users *us = book_users(cli->book);
	const char	**row = xcalloc(ncols, sizeof *row);
	char		  id[32], *tags = NULL;
	size_t		  i, k = 0;

	for (i = 0; i < c->tags.n; i++) {
		char *t = xasprintf("%s%s%s", tags ? tags : "", i ? ";" : "",
		    c->tags.v[i].text);
		free(tags);
		tags = t;
	}
	row[k++] = book_id_format(BOOK_CONTACT, c->id, id, sizeof id);
	row[k++] = c->name;
	row[k++] = c->company;
	row[k++] = c->title;
	row[k++] = field_list_first(&c->emails);
	row[k++] = field_list_first(&c->phones);
	row[k++] = field_list_first(&c->addresses);
	row[k++] = c->city;
	row[k++] = c->region;
	row[k++] = c->country;
	row[k++] = c->status;
	row[k++] = tags;
	for (i = 0; us != NULL && i < us->n; i++)
		row[k++] = field_list_get(&c->user, us->v[i].name);
	out_row(o, row);
	free(tags);
	free(row);
}

/* The group's contacts as CSV (for a mail merge) or vCard. */
static int
cli_campaign_export(struct cli *cli, const uint64_t *ids, size_t n,
    int argc, char **argv)
{
	static const char *const base[] = { "id", "name", "company", "title",
		"email", "phone", "address", "city", "region", "country",
		"status", "tags" };
	const struct field_users *us = book_users(cli->book);
	const char	**cols;
	const char	 *path = NULL;
	struct contact	 *c;
	struct out	 *o = NULL;
	struct err	  e;
	FILE		 *f = stdout;
	char		 *tmp = NULL;
	size_t		  i, nc = 12 + (us ? us->n : 0);
	int		  fmt = OUT_CSV, rc;

	if ((rc = cli_format_opt(argc, argv, &fmt, &path)) != 0)
		return rc;
	if (optind != argc)
		return cli_usage("campaign");
	if (path != NULL && (f = cli_output_open(path, &tmp)) == NULL)
		return 1;
	cols = xcalloc(nc, sizeof *cols);
	memcpy(cols, base, sizeof base);
	for (i = 12; i < nc; i++)
		cols[i] = us->v[i - 12].name;
	if (fmt != -2)
		o = out_new(f, fmt, cols, nc);
	err_clear(&e);
	for (i = 0; i < n && rc == 0; i++) {
		if (book_contact_get(cli->book, ids[i], &c, &e) != 0)
			continue;	/* removed or private meanwhile */
		if (o != NULL)
			cli_export_csv_row(cli, o, c, nc);
		else
			vcard_write(f, c, 3);
		contact_free(c);
	}
	if (o != NULL && out_end(o) != 0)
		rc = 1;
	free(cols);
	if (path != NULL)
		return cli_output_close(f, path, tmp, rc == 0) || rc;
	return rc ? cli_errorf("writing output failed") : 0;
}

int
cli_campaign(struct cli *cli, int argc, char **argv)
{
	struct cli_members	 m;
	struct query_group	 g;
	uint64_t		*ids;
	size_t			 n;
	char			 buf[256];
	int			 rc;

	if (argc < 3)
		return cli_usage(argv[0]);
	if (strcmp(argv[2], "schedule") && strcmp(argv[2], "log") &&
	    strcmp(argv[2], "export"))
		return cli_usage(argv[0]);
	if ((rc = cli_members(cli, argv[1], &m, &g, buf, sizeof buf)) != 0)
		return rc;
	cli_member_contacts(&m, &ids, &n);
	if (strcmp(argv[2], "export") == 0)
		rc = cli_campaign_export(cli, ids, n, argc - 2, argv + 2);
	else
		rc = cli_campaign_act(cli, ids, n, argc - 2, argv + 2);
	free(ids);
	cli_members_free(&m);
	return rc;
}

struct cli_find_q {
	struct query	*q;
	int		(*fn)(const struct contact *, void *);
	void		*arg;
};

static int
cli_find_q_row(const struct contact *c, void *arg)
{
	struct cli_find_q	*f = arg;

	return query_match(f->q, c) ? f->fn(c, f->arg) : 0;
}

int
cli_find_query(struct cli *cli, const char *query,
    int (*fn)(const struct contact *, void *), void *arg, struct err *e)
{
	struct cli_find_q	f = { NULL, fn, arg };
	int			rc;

	f.q = query_parse(query, BOOK_CONTACT, book_users(cli->book),
	    time(NULL), e);
	if (f.q == NULL)
		return -1;
	rc = book_find(cli->book, "", cli_find_q_row, &f, e);
	query_free(f.q);
	return rc;
}
