/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Follow-ups out to and in from iCalendar: kith export --format ics and
 * kith import FILE.ics.  The generic import and export commands call
 * cli_export_ics and cli_import_ics when the format is ics.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "activity.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "ical.h"
#include "strmap.h"
#include "thread.h"
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
	if (a->done && (a->due == 0 || !o->completed))
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

static int
cli_ics_has_tag(const struct contact *c, const char *want)
{
	char	*have;
	size_t	 i;
	int	 yes = 0;

	for (i = 0; c != NULL && !yes && i < c->tags.n; i++) {
		have = utf8_fold(c->tags.v[i].text);
		yes = strcmp(have, want) == 0;
		free(have);
	}
	return yes;
}

/* One export under way. */
struct cli_ics {
	const struct cli_ics_opts	*o;
	struct ical_out			*w;
	char				*tag;	/* --tag, folded */
	int				 failed;
	struct err			*e;
};

static int
cli_ics_want(const struct activity *a, void *arg)
{
	const struct cli_ics	*x = arg;

	return cli_ics_wanted(x->o, a);
}

static int
cli_ics_put(const struct activity *a, const struct contact *c, void *arg)
{
	struct cli_ics		*x = arg;
	struct ical_item	 it = { a, c };

	if (x->tag != NULL && !cli_ics_has_tag(c, x->tag))
		return 0;
	if (ical_out_item(x->w, &it, x->e) != 0) {
		x->failed = 1;
		return 1;
	}
	return 0;
}

/*
 * Streams the follow-ups out as they are read, in id order, each with
 * its contact from the same pass (book_activities_join): nothing is
 * collected, so memory does not grow with the book.
 */
static int
cli_ics_write(struct cli *cli, const struct cli_ics_opts *o, FILE *f,
    struct err *e)
{
	struct cli_ics	x = { o, NULL, NULL, 0, e };
	int		rc;

	if ((x.w = ical_out_new(f, o->flags, o->tzid != NULL ? o->tzid :
	    ical_local_tzid(), e)) == NULL)
		return -1;
	if (o->tag != NULL)
		x.tag = utf8_fold(o->tag);
	rc = book_activities_join(cli->book, cli_ics_want, cli_ics_put, &x, e);
	if (rc == 0 && x.failed)
		rc = -1;
	if (rc == 0)
		rc = ical_out_end(x.w, e);
	free(x.tag);
	ical_out_free(x.w);
	return rc;
}

int
cli_export_ics(struct cli *cli, int argc, char **argv)
{
	struct cli_ics_opts	 o;
	struct err		 e;
	char			*tmp = NULL;
	FILE			*f = stdout;
	int			 rc;

	err_clear(&e);
	memset(&o, 0, sizeof o);
	if ((rc = cli_ics_opts(cli, argc, argv, &o, &e)) != 0)
		return rc == 2 ? cli_usage(argv[0]) : rc == 1 ?
		    cli_error(&e) : 1;
	if (o.path != NULL && (f = cli_output_open(o.path, &tmp)) == NULL)
		rc = 1;
	else if (cli_ics_write(cli, &o, f, &e) != 0)
		rc = cli_error(&e);
	if (o.path != NULL && f != NULL &&
	    cli_output_close(f, o.path, tmp, rc == 0) != 0)
		rc = 1;
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
	struct cli_ics_name	 q;
	int			 rc;

	*id = 0;
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
 * the same file twice still finds it.  The hash is FNV-1a's with a basis
 * one digit short of FNV's; UIDs made with it are stored, so it stays. */
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

/* What is new, and with whom, for some entries of the file: their UIDs
 * and e-mail addresses looked up in one transaction; names (when no
 * address matched) one by one. */
static int
cli_ics_plan(struct cli *cli, struct cli_ics_in *in, struct strmap *q,
    struct ical_entry *v, size_t n, struct err *e)
{
	struct book_probe	*l;
	char			*dup;
	size_t			 i;
	int			 rc;

	dup = xcalloc(n + 1, 1);
	l = xcalloc(n + 1, sizeof *l);
	for (i = 0; i < n; i++) {
		if (v[i].a->uid == NULL)
			v[i].a->uid = cli_ics_uid(v[i].a);
		dup[i] = strmap_add(q, v[i].a->uid, 0) != STRMAP_NONE;
		l[i].uid = dup[i] ? NULL : v[i].a->uid;
		l[i].email = dup[i] ? NULL : v[i].email;
	}
	rc = book_probe(cli->book, l, n, e);
	in->add = xreallocarray(in->add, in->nadd + n + 1, sizeof *in->add);
	for (i = 0; i < n && rc == 0; i++) {
		if (dup[i] || l[i].known) {
			in->same++;
			continue;
		}
		v[i].a->contact = l[i].contact;
		if (l[i].contact == 0 && v[i].name != NULL &&
		    (rc = cli_ics_match(cli, &v[i], &v[i].a->contact, e)) != 0)
			break;
		if (v[i].a->contact == 0)
			in->nobody++;
		in->add[in->nadd++] = v[i].a;
	}
	free(l);
	free(dup);
	return rc;
}

/*
 * The file is read and parsed on the other core while this one looks
 * its entries up as they come (cli_ics_plan), through a queue of the
 * batches ical_read_each hands over.
 */
struct cli_ics_batch {
	struct ical_entry	*v;
	size_t			 n;
	struct cli_ics_batch	*next;
};

struct cli_ics_feed {
	FILE			*f;
	const char		*path;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct cli_ics_batch	*head, *tail;
	int			 done, rc;
	int			 stop;		/* interrupted: read no more */
	struct err		 e;
};

static int
cli_ics_feed_take(struct ical_entry *v, size_t n, void *arg)
{
	struct cli_ics_feed	*d = arg;
	struct cli_ics_batch	*bt = xcalloc(1, sizeof *bt);
	int			 stop;

	bt->v = v;
	bt->n = n;
	pthread_mutex_lock(&d->mu);
	if (d->tail != NULL)
		d->tail->next = bt;
	else
		d->head = bt;
	d->tail = bt;
	stop = d->stop;
	pthread_cond_signal(&d->cv);
	pthread_mutex_unlock(&d->mu);
	return stop;
}

static void *
cli_ics_feed_main(void *arg)
{
	struct cli_ics_feed	*d = arg;
	int			 rc;

	rc = ical_read_each(d->f, d->path, cli_ics_feed_take, d, &d->e);
	pthread_mutex_lock(&d->mu);
	d->rc = rc;
	d->done = 1;
	pthread_cond_signal(&d->cv);
	pthread_mutex_unlock(&d->mu);
	return NULL;
}

/* The next batch read, or NULL at the end. */
static struct cli_ics_batch *
cli_ics_feed_next(struct cli_ics_feed *d)
{
	struct cli_ics_batch	*bt;

	pthread_mutex_lock(&d->mu);
	while (d->head == NULL && !d->done)
		pthread_cond_wait(&d->cv, &d->mu);
	if ((bt = d->head) != NULL && (d->head = bt->next) == NULL)
		d->tail = NULL;
	pthread_mutex_unlock(&d->mu);
	return bt;
}

/* Every entry of the file into all, planned as it comes, the reading
 * stopped by an interrupt; 0, or -1 when reading failed (d->e) or 1 when
 * planning did (e). */
static int
cli_ics_take_all(struct cli *cli, struct cli_ics_feed *d,
    struct cli_ics_in *in, struct ical_entry **all, size_t *nall,
    struct err *e)
{
	struct strmap		*q = strmap_new();
	struct cli_ics_batch	*bt;
	pthread_t		 th;
	int			 threaded, rc = 0, tty = isatty(2);

	pthread_mutex_init(&d->mu, NULL);
	pthread_cond_init(&d->cv, NULL);
	threaded = thread_start(&th, cli_ics_feed_main, d) == 0;
	if (!threaded)
		cli_ics_feed_main(d);
	while ((bt = cli_ics_feed_next(d)) != NULL) {
		*all = xreallocarray(*all, *nall + bt->n + 1, sizeof **all);
		memcpy(*all + *nall, bt->v, bt->n * sizeof **all);
		if (rc == 0)
			rc = cli_ics_plan(cli, in, q, *all + *nall, bt->n, e);
		*nall += bt->n;
		free(bt->v);
		free(bt);
		if (rc == 0 && tty)	/* the count read so far */
			fprintf(stderr, "\rkith: read %zu follow-ups", *nall);
		if (rc == 0 && cli_stopping()) {	/* reading stops soon */
			pthread_mutex_lock(&d->mu);
			d->stop = 1;
			pthread_mutex_unlock(&d->mu);
			rc = 1;
		}
	}
	if (threaded)
		thread_join(th);
	pthread_mutex_destroy(&d->mu);
	pthread_cond_destroy(&d->cv);
	strmap_free(q);
	if (tty && *nall > 0)
		fputs(d->rc == 0 && rc == 0 && in->nadd > 0 ?
		    ", writing them\n" : "\n", stderr);
	return d->rc != 0 ? -1 : rc != 0 ? 1 : 0;
}

/* Imports the follow-ups of one iCalendar file, all or nothing. */
int
cli_import_ics(struct cli *cli, const char *path)
{
	struct cli_ics_in	 in;
	struct cli_ics_feed	 d;
	struct ical_entry	*v = NULL;
	struct err		 e;
	char			 msg[1024];
	size_t			 n = 0;
	int			 rc;

	err_clear(&e);
	memset(&d, 0, sizeof d);
	err_clear(&d.e);
	d.path = path;
	if (strcmp(path, "-") == 0) {	/* named as the contact import does */
		d.f = stdin;
		d.path = path = "(standard input)";
	} else if ((d.f = fopen(path, "r")) == NULL)
		return cli_errorf("%s: %s", path, strerror(errno));
	memset(&in, 0, sizeof in);
	rc = cli_ics_take_all(cli, &d, &in, &v, &n, &e);
	if (d.f != stdin)
		fclose(d.f);
	if (cli_stopping()) {	/* also what a read it cut short says */
		err_set(&e, NULL, 0, "import interrupted: nothing imported");
		rc = 1;
	}
	if (rc < 0)
		rc = cli_errorf("%s (nothing imported)",
		    err_format(&d.e, msg, sizeof msg));
	else if (rc > 0 || (in.nadd > 0 &&
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
