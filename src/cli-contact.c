/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Contacts from the command line: add, show, set, rm, find, fields. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "out.h"
#include "when.h"

static int
cli_apply(struct cli *cli, struct contact *c, int argc, char **argv)
{
	struct field_batch	batch;
	struct err		e;
	int			i;

	memset(&batch, 0, sizeof batch);
	err_clear(&e);
	for (i = 0; i < argc; i++) {
		if (field_apply(contact_fields, contact_nfields,
		    book_users(cli->book), c, argv[i], &batch, &e) != 0)
			return cli_error(&e);
	}
	return 0;
}

int
cli_add(struct cli *cli, int argc, char **argv)
{
	struct contact	*c;
	struct err	 e;
	char		 id[32];
	int		 rc;

	if (argc < 2)
		return cli_usage(argv[0]);
	err_clear(&e);
	c = contact_new();
	if ((rc = cli_apply(cli, c, argc - 1, argv + 1)) == 0) {
		if (book_contact_add(cli->book, c, &e) != 0)
			rc = cli_error(&e);
		else
			printf("%s\n", book_id_format(BOOK_CONTACT, c->id, id,
			    sizeof id));
	}
	contact_free(c);
	return rc;
}

/* --if-rev N: the edit was made on revision N (as kith show printed it);
 * the save is refused when someone saved a newer one meanwhile. */
static int
cli_set_rev(int *argc, char ***argv, uint64_t *rev)
{
	char	*end;

	*rev = 0;
	if (*argc < 2 || strcmp((*argv)[1], "--if-rev") != 0)
		return 0;
	if (*argc < 3 || ((*rev = strtoull((*argv)[2], &end, 10)) == 0 ||
	    *end != '\0'))
		return -1;
	(*argv)[2] = (*argv)[0];
	*argv += 2;
	*argc -= 2;
	return 0;
}

int
cli_set(struct cli *cli, int argc, char **argv)
{
	struct contact	*c;
	struct err	 e;
	uint64_t	 id, rev;
	int		 rc;

	if (cli_set_rev(&argc, &argv, &rev) != 0 || argc < 3)
		return cli_usage(argv[0]);
	err_clear(&e);
	if ((rc = cli_id(cli, BOOK_CONTACT, argv[1], &id)) != 0)
		return rc;
	if (book_contact_get(cli->book, id, &c, &e) != 0)
		return cli_error(&e);
	if (rev != 0)
		c->rev = rev;
	if ((rc = cli_apply(cli, c, argc - 2, argv + 2)) == 0 &&
	    book_contact_save(cli->book, c, &e) != 0)
		rc = cli_error(&e);
	contact_free(c);
	return rc;
}

int
cli_rm(struct cli *cli, int argc, char **argv)
{
	struct err	e;
	uint64_t	id;
	int		rc;

	if (argc != 2)
		return cli_usage(argv[0]);
	err_clear(&e);
	if ((rc = cli_id(cli, BOOK_CONTACT, argv[1], &id)) != 0)
		return rc;
	if (book_contact_remove(cli->book, id, &e) != 0)
		return cli_error(&e);
	return 0;
}

static void
cli_show_list(const char *label, const struct field_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].type != NULL)
			printf("%-12s %s (%s)\n", label, l->v[i].text,
			    l->v[i].type);
		else
			printf("%-12s %s\n", label, l->v[i].text);
	}
}

static void
cli_show_fields(struct cli *cli, const struct contact *c)
{
	const struct field_def	*d;
	const struct field_users *us = book_users(cli->book);
	char			*t, ts[32];
	size_t			 i;

	for (i = 0; i < contact_nfields; i++) {
		d = &contact_fields[i];
		if (d->flags & (FIELD_RO | FIELD_HIDDEN))
			continue;
		if (d->type == FIELD_LIST) {
			cli_show_list(d->name, (const struct field_list *)
			    ((const char *)c + d->off));
			continue;
		}
		t = field_text(d, c);
		if (*t != '\0' && strcmp(t, "no") != 0)
			printf("%-12s %s\n", d->name, t);
		free(t);
	}
	for (i = 0; us != NULL && i < us->n; i++) {
		const char *v = field_list_get(&c->user, us->v[i].name);

		if (v != NULL)
			printf("%-12s %s\n", us->v[i].name, v);
	}
	printf("%-12s %s by %s\n", "created", when_format(c->created, 0, ts,
	    sizeof ts), c->created_by ? c->created_by : "?");
	/* The revision is what kith set --if-rev takes. */
	printf("%-12s %s by %s (rev %llu)\n", "updated", when_format(c->updated,
	    0, ts, sizeof ts), c->updated_by ? c->updated_by : "?",
	    (unsigned long long)c->rev);
}

static void
cli_show_activity(const struct activity *a)
{
	char	id[32], ts[32], dur[32];

	book_id_format(BOOK_ACTIVITY, a->id, id, sizeof id);
	if (a->done)
		when_format(a->done_at, 0, ts, sizeof ts);
	else
		when_format(a->due, a->allday, ts, sizeof ts);
	printf("  %-6s %-8s %-16s %s", id, activity_kind_name(a->kind), ts,
	    a->subject ? a->subject : "");
	if (a->done && a->result != NULL)
		printf(" -- %s", a->result);
	if (!a->done && a->alarm != ACTIVITY_NO_ALARM)
		printf(" [alarm %s]", when_duration_format(a->alarm, dur,
		    sizeof dur));
	if (!a->done && a->rrule != NULL)
		printf(" [repeat %s]", a->rrule);
	if (a->owner != NULL)
		printf(" (%s)", a->owner);
	putchar('\n');
}

int
cli_show(struct cli *cli, int argc, char **argv)
{
	struct activity	**v;
	struct contact	 *c;
	struct err	  e;
	uint64_t	  id;
	size_t		  n, i;
	char		  ids[32];
	int		  rc, pass;

	if (argc != 2)
		return cli_usage(argv[0]);
	err_clear(&e);
	if ((rc = cli_id(cli, BOOK_CONTACT, argv[1], &id)) != 0)
		return rc;
	if (book_contact_get(cli->book, id, &c, &e) != 0)
		return cli_error(&e);
	if (book_activities(cli->book, id, &v, &n, &e) != 0) {
		contact_free(c);
		return cli_error(&e);
	}
	printf("%-12s %s\n", "id", book_id_format(BOOK_CONTACT, id, ids,
	    sizeof ids));
	cli_show_fields(cli, c);
	for (pass = 0; pass < 2; pass++) {
		int	header = 0;

		for (i = 0; i < n; i++) {
			if ((pass == 0) != (activity_pending(v[i]) != 0))
				continue;
			if (!header++)
				printf("\n%s\n", pass == 0 ? "Pending" :
				    "History");
			cli_show_activity(v[i]);
		}
	}
	cli_show_deals(cli, id);
	activity_array_free(v, n);
	contact_free(c);
	return 0;
}

struct cli_find_out {
	struct out	*out;
	const char	*owner;		/* --mine, --for USER; NULL: all */
};

static int
cli_find_row(const struct contact *c, void *arg)
{
	struct cli_find_out	*f = arg;
	const char		*v[5];
	char			 id[32];

	if (f->owner != NULL && (c->owner == NULL ||
	    strcmp(c->owner, f->owner) != 0))
		return 0;
	v[0] = book_id_format(BOOK_CONTACT, c->id, id, sizeof id);
	v[1] = c->name;
	v[2] = c->company;
	v[3] = field_list_first(&c->phones);
	v[4] = field_list_first(&c->emails);
	out_row(f->out, v);
	return cli_output_failed();
}

int
cli_find(struct cli *cli, int argc, char **argv)
{
	static const char *const cols[] = {
		"id", "name", "company", "phone", "email"
	};
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "mine", no_argument, NULL, 'm' },
		{ "for", required_argument, NULL, 'u' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_find_out	f = { NULL, NULL };
	struct err		e;
	int			ch, fmt = OUT_TSV, rc = 0;

	err_clear(&e);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
		if (ch == 'm' || ch == 'u' || ch == 'a') {
			f.owner = ch == 'm' ? book_user(cli->book) :
			    ch == 'u' ? optarg : NULL;
			continue;
		}
		if (ch != 'f' || (fmt = out_format_parse(optarg)) < 0) {
			if (ch == 'f')
				cli_errorf("unknown format \"%s\"", optarg);
			return cli_usage(argv[0]);
		}
	}
	if (argc - optind > 1)
		return cli_usage(argv[0]);
	f.out = out_new(stdout, fmt, cols, 5);
	if (optind < argc && strpbrk(argv[optind], "=<>~") != NULL) {
		if (cli_find_query(cli, argv[optind], cli_find_row, &f, &e))
			rc = cli_error(&e);
	} else if (book_find(cli->book, optind < argc ? argv[optind] : "",
	    cli_find_row, &f, &e) != 0)
		rc = cli_error(&e);
	if (out_end(f.out) != 0 && rc == 0)
		rc = cli_errorf("writing output failed");
	return rc;
}

int
cli_fields(struct cli *cli, int argc, char **argv)
{
	const struct field_users	*us = book_users(cli->book);
	size_t				 i;

	(void)argc;
	(void)argv;
	for (i = 0; i < contact_nfields; i++) {
		const struct field_def *d = &contact_fields[i];

		if (d->flags & (FIELD_RO | FIELD_HIDDEN))
			continue;
		printf("%s%s\t%s\n", d->name, d->flags & FIELD_TYPED ?
		    "[.TYPE]" : "", d->help);
	}
	for (i = 0; us != NULL && i < us->n; i++)
		printf("%s\t%s (user-defined)\n", us->v[i].name,
		    us->v[i].label);
	return 0;
}
