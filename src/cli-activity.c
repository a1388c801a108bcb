/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Activities from the command line: log, schedule, done, due. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "book.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "out.h"
#include "sched.h"
#include "when.h"
#include "xmalloc.h"

/* The words after the fixed arguments, joined: an unquoted subject. */
static char *
cli_join(int argc, char **argv)
{
	size_t	len = 0;
	char	*s;
	int	 i;

	if (argc <= 0)
		return NULL;
	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = xcalloc(1, len);
	for (i = 0; i < argc; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

int
cli_log(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 't' },
		{ "result", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct activity	*a;
	struct err	 e;
	uint64_t	 id;
	time_t		 at = time(NULL);
	const char	*result = NULL;
	char		 ids[32];
	int		 ch, kind, rc;

	err_clear(&e);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "t:r:", opts, NULL)) != -1) {
		if (ch == 't' && when_parse(optarg, time(NULL), &at, NULL, &e))
			return cli_error(&e);
		else if (ch == 'r')
			result = optarg;
		else if (ch != 't')
			return cli_usage(argv[0]);
	}
	if (argc - optind < 2)
		return cli_usage(argv[0]);
	if ((rc = cli_id(cli, BOOK_CONTACT, argv[optind], &id)) != 0)
		return rc;
	if ((kind = activity_kind_parse(argv[optind + 1], &e)) < 0)
		return cli_error(&e);
	a = activity_new();
	a->contact = id;
	a->kind = kind;
	a->done = 1;
	a->done_at = at;
	a->subject = cli_join(argc - optind - 2, argv + optind + 2);
	a->result = result != NULL ? xstrdup(result) : NULL;
	if (book_activity_add(cli->book, a, &e) != 0)
		rc = cli_error(&e);
	else
		printf("%s\n", book_id_format(BOOK_ACTIVITY, a->id, ids,
		    sizeof ids));
	activity_free(a);
	return rc;
}

struct cli_sched_opts {
	long		 alarm;
	long		 duration;
	long		 priority;
	const char	*rrule;
	const char	*owner;
};

static int
cli_schedule_opts(int argc, char **argv, struct cli_sched_opts *o,
    struct err *e)
{
	static const struct option opts[] = {
		{ "alarm", required_argument, NULL, 'a' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "for", required_argument, NULL, 'f' },
		{ "duration", required_argument, NULL, 'D' },
		{ "priority", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	char	*end;
	int	 ch;

	o->alarm = ACTIVITY_NO_ALARM;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "a:r:f:D:p:", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (when_duration(optarg, &o->alarm, e) != 0)
				return 1;
			break;
		case 'D':
			if (when_duration(optarg, &o->duration, e) != 0)
				return 1;
			break;
		case 'r':
			if (sched_rrule_check(optarg, e) != 0)
				return 1;
			o->rrule = optarg;
			break;
		case 'f':
			if (field_check(field_find(contact_fields,
			    contact_nfields, "owner"), NULL, optarg, e) != 0)
				return 1;
			o->owner = optarg;
			break;
		case 'p':
			o->priority = strtol(optarg, &end, 10);
			if (*end != '\0' || o->priority < 0 || o->priority > 9) {
				err_set(e, NULL, 0, "priority \"%s\": give 1 "
				    "(high) to 9 (low), or 0 for none", optarg);
				return 1;
			}
			break;
		default:
			return 2;
		}
	}
	return 0;
}

int
cli_schedule(struct cli *cli, int argc, char **argv)
{
	struct cli_sched_opts	 o;
	struct activity		*a;
	struct err		 e;
	uint64_t		 id;
	time_t			 due;
	char			 ids[32];
	int			 kind, allday, rc;

	err_clear(&e);
	memset(&o, 0, sizeof o);
	if ((rc = cli_schedule_opts(argc, argv, &o, &e)) != 0)
		return rc == 2 ? cli_usage(argv[0]) : cli_error(&e);
	if (argc - optind < 3)
		return cli_usage(argv[0]);
	if ((rc = cli_id(cli, BOOK_CONTACT, argv[optind], &id)) != 0)
		return rc;
	if ((kind = activity_kind_parse(argv[optind + 1], &e)) < 0)
		return cli_error(&e);
	if (when_parse(argv[optind + 2], time(NULL), &due, &allday, &e) != 0)
		return cli_error(&e);
	a = activity_new();
	a->contact = id;
	a->kind = kind;
	a->due = a->start = due;
	a->allday = allday;
	a->alarm = o.alarm;
	a->duration = o.duration;
	a->priority = o.priority;
	a->rrule = o.rrule != NULL ? xstrdup(o.rrule) : NULL;
	a->owner = o.owner != NULL ? xstrdup(o.owner) : NULL;
	a->subject = cli_join(argc - optind - 3, argv + optind + 3);
	if (book_activity_add(cli->book, a, &e) != 0)
		rc = cli_error(&e);
	else
		printf("%s\n", book_id_format(BOOK_ACTIVITY, a->id, ids,
		    sizeof ids));
	activity_free(a);
	return rc;
}

int
cli_done(struct cli *cli, int argc, char **argv)
{
	struct activity	*a;
	struct err	 e;
	uint64_t	 id;
	time_t		 next = 0;
	char		*result, ts[32];
	int		 rc;

	if (argc < 2)
		return cli_usage(argv[0]);
	err_clear(&e);
	if ((rc = cli_id(cli, BOOK_ACTIVITY, argv[1], &id)) != 0)
		return rc;
	if (book_activity_get(cli->book, id, &a, &e) != 0)
		return cli_error(&e);
	if (a->done) {
		activity_free(a);
		return cli_errorf("%s is already done", argv[1]);
	}
	result = cli_join(argc - 2, argv + 2);
	if (sched_complete(cli->book, a, result, &next, &e) != 0)
		rc = cli_error(&e);
	else if (next != 0)	/* a recurring one: say where it went */
		printf("%s next %s\n", argv[1], when_format(next, a->allday,
		    ts, sizeof ts));
	free(result);
	activity_free(a);
	return rc;
}

struct cli_due_opts {
	long		 within;
	const char	*owner;
	int		 all;
	int		 fmt;
};

static int
cli_due_opts(int argc, char **argv, struct cli_due_opts *o, struct err *e)
{
	static const struct option opts[] = {
		{ "within", required_argument, NULL, 'w' },
		{ "for", required_argument, NULL, 'f' },
		{ "all", no_argument, NULL, 'A' },
		{ "mine", no_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "w:f:AmF:", opts, NULL)) != -1) {
		if (ch == 'm') {	/* the default, said out loud */
			o->owner = NULL;
			o->all = 0;
			continue;
		}
		if (ch == 'w' && when_duration(optarg, &o->within, e) != 0)
			return 1;
		else if (ch == 'f')
			o->owner = optarg;
		else if (ch == 'A')
			o->all = 1;
		else if (ch == 'F' && (o->fmt = out_format_parse(optarg)) < 0) {
			err_set(e, NULL, 0, "unknown format \"%s\"", optarg);
			return 1;
		} else if (ch != 'w' && ch != 'F')
			return 2;
	}
	return optind != argc ? 2 : 0;
}

/* "overdue" (before this minute, or an all-day one before today),
 * "due" (this minute, or today) or "soon". */
static const char *
cli_due_state(const struct activity *a, time_t now)
{
	time_t	since = a->allday ? when_day_start(now) : now - now % 60;

	return a->due < since ? "overdue" : a->due <= now ? "due" : "soon";
}

/* One line: id, due, state, type, name, phone, subject, owner (the
 * last shown only with --all). */
static void
cli_due_row(struct cli *cli, struct out *out, const struct activity *a,
    time_t now)
{
	struct contact	*c = NULL;
	struct err	 e;
	const char	*row[8];
	char		 ids[32], ts[32];

	err_clear(&e);	/* another's private contact: no name */
	if (a->contact != 0)
		book_contact_get(cli->book, a->contact, &c, &e);
	row[0] = book_id_format(BOOK_ACTIVITY, a->id, ids, sizeof ids);
	row[1] = when_format(a->due, a->allday, ts, sizeof ts);
	row[2] = cli_due_state(a, now);
	row[3] = activity_kind_name(a->kind);
	row[4] = c != NULL ? contact_label(c) : a->contact != 0 ? "?" : NULL;
	row[5] = c != NULL ? field_list_first(&c->phones) : NULL;
	row[6] = a->subject;
	row[7] = a->owner;
	out_row(out, row);
	contact_free(c);
}

int
cli_due(struct cli *cli, int argc, char **argv)
{
	static const char *const cols[] = {
		"id", "due", "state", "type", "name", "phone", "subject",
		"owner"
	};
	struct cli_due_opts	  o;
	struct activity		**v;
	struct out		 *out;
	struct err		  e;
	time_t			  now = time(NULL);
	size_t			  n, i;
	int			  rc;

	err_clear(&e);
	memset(&o, 0, sizeof o);
	if ((rc = cli_due_opts(argc, argv, &o, &e)) != 0)
		return rc == 2 ? cli_usage(argv[0]) : cli_error(&e);
	if (sched_due(cli->book, o.all ? NULL : o.owner ? o.owner :
	    book_user(cli->book), now + o.within, &v, &n, &e) != 0)
		return cli_errorf("due: %s", e.msg);
	if (n == 0 && o.fmt == OUT_TSV) {
		free(v);
		return 0;
	}
	/* The owner column only office-wide, where it tells them apart. */
	out = out_new(stdout, o.fmt, cols, o.all ? 8 : 7);
	for (i = 0; i < n && !cli_output_failed(); i++)
		cli_due_row(cli, out, v[i], now);
	out_end(out);
	activity_array_free(v, n);
	return 0;
}
