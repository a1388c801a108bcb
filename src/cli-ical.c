/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Follow-ups out to and in from iCalendar: kith export --format ics and
 * kith import FILE.ics.  The generic import and export commands call
 * cli_export_ics and cli_import_ics when the format is ics.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "ical.h"
#include "utf8.h"
#include "when.h"
#include "xmalloc.h"

struct cli_ics_opts {
	const char	*path;
	const char	*owner;
	const char	*tag;
	uint64_t	 contact;
	time_t		 from, to;
	int		 completed;
	int		 flags;		/* ICAL_* */
	const char	*tzid;
};

/* What is collected, activities with their contacts. */
struct cli_ics {
	struct cli_ics_opts	*o;
	struct activity		**v;
	size_t			  n, cap;
};

static int
cli_ics_when(const char *s, int end, time_t *t, struct err *e)
{
	int	allday = 0;

	if (when_parse(s, time(NULL), t, &allday, e) != 0)
		return -1;
	if (end && allday)	/* --to a date: to the end of that day */
		*t = when_add_days(*t, 1) - 1;
	return 0;
}

static int
cli_ics_opts(struct cli *cli, int argc, char **argv, struct cli_ics_opts *o,
    struct err *e)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "for", required_argument, NULL, 'f' },
		{ "owner", required_argument, NULL, 'f' },
		{ "contact", required_argument, NULL, 'c' },
		{ "tag", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'S' },
		{ "to", required_argument, NULL, 'E' },
		{ "completed", no_argument, NULL, 'C' },
		{ "events", no_argument, NULL, 'V' },
		{ "utc", no_argument, NULL, 'U' },
		{ "tzid", required_argument, NULL, 'z' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "F:o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'F':
			if (strcmp(optarg, "ics") != 0 &&
			    strcmp(optarg, "ical") != 0 &&
			    strcmp(optarg, "icalendar") != 0)
				return 2;
			break;
		case 'o':
			o->path = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'f':
			o->owner = optarg;
			break;
		case 'c':
			if (cli_id(cli, BOOK_CONTACT, optarg, &o->contact))
				return 3;
			break;
		case 't':
			o->tag = optarg;
			break;
		case 'S':
		case 'E':
			if (cli_ics_when(optarg, ch == 'E', ch == 'S' ?
			    &o->from : &o->to, e) != 0)
				return 1;
			break;
		case 'C':
			o->completed = 1;
			break;
		case 'V':
			o->flags |= ICAL_EVENTS;
			break;
		case 'U':
			o->flags |= ICAL_UTC;
			break;
		case 'z':
			o->tzid = optarg;
			break;
		default:
			return 2;
		}
	}
	return optind != argc ? 2 : 0;
}

/* The filters that need only the activity. */
static int
cli_ics_wanted(const struct cli_ics_opts *o, const struct activity *a)
{
	if (a->due == 0 || (a->done && !o->completed))
		return 0;
	if (o->owner != NULL && (a->owner == NULL ||
	    strcmp(a->owner, o->owner) != 0))
		return 0;
	if (o->contact != 0 && a->contact != o->contact)
		return 0;
	if ((o->from != 0 && a->due < o->from) ||
	    (o->to != 0 && a->due > o->to))
		return 0;
	return 1;
}

/* Adds a, which x then owns. */
static void
cli_ics_push(struct cli_ics *x, struct activity *a)
{
	if (x->n == x->cap) {
		x->cap = x->cap == 0 ? 256 : x->cap * 2;
		x->v = xreallocarray(x->v, x->cap, sizeof *x->v);
	}
	x->v[x->n++] = a;
}

static int
cli_ics_collect(const void *obj, void *arg)
{
	struct cli_ics	*x = arg;

	if (cli_ics_wanted(x->o, obj))
		cli_ics_push(x, activity_copy(obj));
	return 0;
}

static int
cli_ics_cmp(const void *p, const void *q)
{
	const struct activity	*a = *(struct activity *const *)p;
	const struct activity	*b = *(struct activity *const *)q;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Pending ones through the due index; with done ones, every activity. */
static int
cli_ics_select(struct cli *cli, struct cli_ics *x, struct err *e)
{
	struct activity	**v;
	size_t		  n, i;

	if (x->o->completed) {
		if (book_each(cli->book, BOOK_ACTIVITY, cli_ics_collect, x,
		    e) != 0)
			return -1;
	} else {
		if (book_due(cli->book, x->o->owner, x->o->to != 0 ?
		    x->o->to : (time_t)INT64_MAX, 0, &v, &n, e) != 0)
			return -1;
		for (i = 0; i < n; i++) {
			if (cli_ics_wanted(x->o, v[i]))
				cli_ics_push(x, v[i]);
			else
				activity_free(v[i]);
		}
		free(v);
	}
	if (x->n > 1)
		qsort(x->v, x->n, sizeof *x->v, cli_ics_cmp);
	return 0;
}

static int
cli_ics_has_tag(const struct contact *c, const char *tag)
{
	char	*want = utf8_fold(tag), *have;
	size_t	 i;
	int	 yes = 0;

	for (i = 0; c != NULL && !yes && i < c->tags.n; i++) {
		have = utf8_fold(c->tags.v[i].text);
		yes = strcmp(have, want) == 0;
		free(have);
	}
	free(want);
	return yes;
}

/* The contact of a, in *c, when a is to be written: not when the
 * contact is invisible or lacks the tag asked for. */
static int
cli_ics_contact(struct cli *cli, struct cli_ics *x, const struct activity *a,
    struct contact **c)
{
	struct err	e;

	*c = NULL;
	err_clear(&e);
	if (a->contact != 0 &&
	    book_contact_get(cli->book, a->contact, c, &e) != 0)
		return 0;
	if (x->o->tag != NULL && !cli_ics_has_tag(*c, x->o->tag)) {
		contact_free(*c);
		*c = NULL;
		return 0;
	}
	return 1;
}

/* The years of the items to be written, for the VTIMEZONE. */
struct cli_ics_years {
	struct cli		*cli;
	struct cli_ics		*x;
	struct ical_years	*y;
	char			*seen;	/* 0 not yet, 1 written, 2 left out */
	size_t			*by;	/* indexes, in the order looked at */
};

static int
cli_ics_shown(struct cli_ics_years *s, size_t i)
{
	struct contact	*c;

	if (s->seen[i] == 0) {
		s->seen[i] = cli_ics_contact(s->cli, s->x, s->x->v[i], &c) ?
		    1 : 2;
		contact_free(c);
	}
	return s->seen[i] == 1;
}

static int
cli_ics_by_lo(const void *p, const void *q, void *arg)
{
	const struct ical_years	*y = arg;
	size_t			 i = *(const size_t *)p, j = *(const size_t *)q;

	if (y[i].lo != y[j].lo)
		return y[i].lo < y[j].lo ? -1 : 1;
	return (i > j) - (i < j);
}

static int
cli_ics_by_hi(const void *p, const void *q, void *arg)
{
	const struct ical_years	*y = arg;
	size_t			 i = *(const size_t *)p, j = *(const size_t *)q;

	if (y[i].hi != y[j].hi)
		return y[i].hi > y[j].hi ? -1 : 1;
	return (i > j) - (i < j);
}

/* The years of the first item in cmp's order that is written. */
static void
cli_ics_first(struct cli_ics_years *s, struct ical_out *w,
    int (*cmp)(const void *, const void *, void *))
{
	size_t	i;

	for (i = 0; i < s->x->n; i++)
		s->by[i] = i;
	qsort_r(s->by, s->x->n, sizeof *s->by, cmp, s->y);
	for (i = 0; i < s->x->n; i++) {
		if (cli_ics_shown(s, s->by[i])) {
			ical_out_span(w, &s->y[s->by[i]]);
			return;
		}
	}
}

/*
 * The VTIMEZONE covers the years of the items written: those of the
 * earliest, the latest and an endless series suffice, so only the
 * contacts of those are read here, not every one twice.
 */
static void
cli_ics_span(struct cli *cli, struct cli_ics *x, struct ical_out *w)
{
	struct cli_ics_years	 s = { cli, x, NULL, NULL, NULL };
	size_t			 i, n = x->n;

	s.y = xreallocarray(NULL, n + 1, sizeof *s.y);
	for (i = 0; i < n; i++)
		ical_out_years(w, x->v[i], &s.y[i]);
	if (n > 0 && s.y[0].lo != 0) {		/* else no VTIMEZONE */
		s.seen = xcalloc(n, 1);
		s.by = xreallocarray(NULL, n, sizeof *s.by);
		cli_ics_first(&s, w, cli_ics_by_lo);
		cli_ics_first(&s, w, cli_ics_by_hi);
		for (i = 0; i < n; i++) {
			if (s.y[i].forever && cli_ics_shown(&s, i)) {
				ical_out_span(w, &s.y[i]);
				break;
			}
		}
	}
	free(s.by);
	free(s.seen);
	free(s.y);
}

/* Writes the follow-ups one by one, each with its contact read again. */
static int
cli_ics_write(struct cli *cli, struct cli_ics *x, FILE *f, struct err *e)
{
	struct ical_out		*w;
	struct ical_item	 it;
	struct contact		*c;
	size_t			 i;
	int			 rc;

	if ((w = ical_out_new(f, x->o->flags, x->o->tzid != NULL ?
	    x->o->tzid : ical_local_tzid(), e)) == NULL)
		return -1;
	cli_ics_span(cli, x, w);
	rc = ical_out_begin(w, e);
	for (i = 0; i < x->n && rc == 0; i++) {
		if (!cli_ics_contact(cli, x, x->v[i], &c))
			continue;	/* gone since */
		it.a = x->v[i];
		it.c = c;
		rc = ical_out_item(w, &it, e);
		contact_free(c);
	}
	if (rc == 0)
		rc = ical_out_end(w, e);
	ical_out_free(w);
	return rc;
}

int
cli_export_ics(struct cli *cli, int argc, char **argv)
{
	struct cli_ics_opts	 o;
	struct cli_ics		 x;
	struct err		 e;
	char			*tmp = NULL;
	FILE			*f = stdout;
	int			 rc;

	err_clear(&e);
	memset(&o, 0, sizeof o);
	if ((rc = cli_ics_opts(cli, argc, argv, &o, &e)) != 0)
		return rc == 2 ? cli_usage(argv[0]) : rc == 1 ?
		    cli_error(&e) : 1;
	memset(&x, 0, sizeof x);
	x.o = &o;
	if (cli_ics_select(cli, &x, &e) != 0)
		return cli_error(&e);
	if (o.path != NULL && (f = cli_output_open(o.path, &tmp)) == NULL)
		rc = 1;
	else if (cli_ics_write(cli, &x, f, &e) != 0)
		rc = cli_error(&e);
	if (o.path != NULL && f != NULL &&
	    cli_output_close(f, o.path, tmp, rc == 0) != 0)
		rc = 1;
	activity_array_free(x.v, x.n);
	return rc;
}

/* Import. */
struct cli_ics_in {
	struct activity	**add;
	size_t		  nadd;
	size_t		  same, nobody;
};

/* A contact whose name is exactly name (ignoring case and accents), when
 * there is just one. */
struct cli_ics_name {
	char		*want;
	uint64_t	 id;
	int		 hits;
};

static int
cli_ics_name_fn(const struct contact *c, void *arg)
{
	struct cli_ics_name	*q = arg;
	char			*have = utf8_fold(contact_label(c));

	if (strcmp(have, q->want) == 0) {
		q->id = c->id;
		q->hits++;
	}
	free(have);
	return 0;
}

static int
cli_ics_match(struct cli *cli, const struct ical_entry *en, uint64_t *id,
    struct err *e)
{
	struct contact		*c;
	struct cli_ics_name	 q;
	int			 rc;

	*id = 0;
	if (en->email != NULL) {
		rc = book_contact_by_email(cli->book, en->email, &c, e);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			*id = c->id;
			contact_free(c);
			return 0;
		}
		err_clear(e);
	}
	if (en->name == NULL)
		return 0;
	memset(&q, 0, sizeof q);
	q.want = utf8_fold(en->name);
	rc = book_find(cli->book, en->name, cli_ics_name_fn, &q, e);
	free(q.want);
	if (rc == 0 && q.hits == 1)
		*id = q.id;
	return rc;
}

/* A UID for an item without one, from what it says, so that importing
 * the same file twice still finds it (FNV-1a). */
static char *
cli_ics_uid(const struct activity *a)
{
	uint64_t	 h = 1469598103934665603ULL;
	char		*s;
	const char	*p;

	s = xasprintf("%lld|%s|%s", (long long)a->due,
	    a->subject != NULL ? a->subject : "", a->rrule ? a->rrule : "");
	for (p = s; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	free(s);
	return xasprintf("kith-import-%016llx", (unsigned long long)h);
}

/* Already in the book or earlier in this file? */
static int
cli_ics_known(struct cli *cli, struct cli_ics_in *in, const char *uid,
    struct err *e)
{
	struct activity	*a;
	size_t		 i;
	int		 rc;

	for (i = 0; i < in->nadd; i++)
		if (strcmp(in->add[i]->uid, uid) == 0)
			return 1;
	rc = book_activity_by_uid(cli->book, uid, &a, e);
	activity_free(a);
	if (rc == BOOK_NOTFOUND) {
		err_clear(e);
		return 0;
	}
	return rc == 0 ? 1 : -1;
}

static int
cli_ics_plan(struct cli *cli, struct cli_ics_in *in, struct ical_entry *v,
    size_t n, struct err *e)
{
	size_t	i;
	int	rc;

	for (i = 0; i < n; i++) {
		if (v[i].a->uid == NULL)
			v[i].a->uid = cli_ics_uid(v[i].a);
		if ((rc = cli_ics_known(cli, in, v[i].a->uid, e)) < 0)
			return -1;
		if (rc == 1) {
			in->same++;
			continue;
		}
		if (cli_ics_match(cli, &v[i], &v[i].a->contact, e) != 0)
			return -1;
		if (v[i].a->contact == 0)
			in->nobody++;
		in->add = xreallocarray(in->add, in->nadd + 1,
		    sizeof *in->add);
		in->add[in->nadd++] = v[i].a;
	}
	return 0;
}

/* Imports the follow-ups of one iCalendar file, all or nothing. */
int
cli_import_ics(struct cli *cli, const char *path)
{
	struct cli_ics_in	 in;
	struct ical_entry	*v;
	struct err		 e;
	FILE			*f;
	char			 msg[1024];
	size_t			 n;
	int			 rc = 0;

	err_clear(&e);
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL)
		return cli_errorf("%s: %s", path, strerror(errno));
	rc = ical_read(f, path, &v, &n, &e);
	if (f != stdin)
		fclose(f);
	if (rc != 0)
		return cli_errorf("%s (nothing imported)",
		    err_format(&e, msg, sizeof msg));
	memset(&in, 0, sizeof in);
	if (cli_ics_plan(cli, &in, v, n, &e) != 0 || (in.nadd > 0 &&
	    book_activities_add(cli->book, in.add, in.nadd, &e) != 0))
		rc = cli_error(&e);
	else
		printf("%s: %zu follow-ups imported, %zu already there, "
		    "%zu without a contact\n", path, in.nadd, in.same,
		    in.nobody);
	free(in.add);
	ical_entries_free(v, n);
	return rc;
}

/* From the generic import, with its argv: the options were checked
 * there; the files are the words that are not options. */
int
cli_import_ics_cmd(struct cli *cli, int argc, char **argv)
{
	int	i, files = 0, rc = 0;

	for (i = 1; i < argc && rc == 0; i++) {
		if (strcmp(argv[i], "--") == 0)
			continue;
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			if (strchr(argv[i], '=') == NULL &&
			    (strcmp(argv[i], "--format") == 0 ||
			    strcmp(argv[i], "-f") == 0 ||
			    strcmp(argv[i], "--on-duplicate") == 0))
				i++;	/* and its argument */
			continue;
		}
		files++;
		rc = cli_import_ics(cli, argv[i]);
	}
	return files == 0 ? cli_usage(argv[0]) : rc;
}
