/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Follow-ups from iCalendar: the reader of ical.h.
 *
 * The thread that calls scans the file a line at a time (ical-scan.c).
 * The lines of each VTODO and VEVENT directly inside the VCALENDAR are
 * gathered into jobs of ICAL_JOB items, which helper threads parse with
 * libical and read (ical-item.c) while this one scans on: parsing is most
 * of the work, and one thread spent 1.7 of the 2 seconds that 100 000
 * items took.  Jobs are handed over in file order by whichever thread
 * finishes the next one, and the error named is the first bad line in
 * the file, whichever thread met it.
 *
 * Other components are parsed here as they come: only the VTIMEZONEs
 * stay, for the times that name them.  An item sees the ones defined
 * before it, whenever its job is read; one whose zone is not known yet
 * waits for the end of the file, and every entry after it waits with it.
 * Nothing else of the file is held: its lines and libical's tree of it
 * all took half a gigabyte for 100 000 items.
 */
#include "ical.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "ical-int.h"
#include "thread.h"
#include "xmalloc.h"

#define ICAL_JOB	256	/* items a job */
#define ICAL_QUEUE	8	/* jobs waiting for a parser, at most */
#define ICAL_PARSERS	2	/* helper threads */

/* Components' lines, each with CRLF, each component ended by a NUL. */
struct ical_gather {
	struct buf	 text;
	size_t		 base;		/* where the last component starts */
	size_t		*off;		/* each line's start, from its
					 * component's */
	int		*lines;		/* and its line in the file */
	size_t		 nl, capl;
};

/* An item whose zone was not known when it was read. */
struct ical_later {
	icalcomponent	*c;
	size_t		 i;		/* its place among the entries */
	int		 line;
};

struct ical_job {
	size_t			 seq;
	struct ical_gather	 g;
	size_t			*first;		/* each item's first line */
	int			*begin;		/* and its BEGIN's line */
	size_t			*seen;		/* and the zones before it */
	size_t			 nc;
	struct ical_entry	*v;		/* what the items read to */
	size_t			 n;
	struct ical_later	*later;
	size_t			 nlater;
	struct err		 e;
	int			 rc;
	struct ical_job		*next;
};

struct ical_in {
	const char		*name;
	struct err		*e;
	struct ical_zones	 zones;		/* the VTIMEZONEs so far */
	struct ical_gather	 g;		/* a component not an item */
	int			 begin;		/* its BEGIN's line; 0: none */
	int			 item;		/* a VTODO or VEVENT */
	struct ical_job		*job;		/* being gathered */
	size_t			 seq;		/* jobs made */
	int			 stop;		/* a job failed: scan no more */

	pthread_mutex_t		 mu;		/* the rest */
	pthread_cond_t		 work, room;
	struct ical_job		*head, *tail;	/* waiting for a parser */
	size_t			 waiting;
	struct ical_job		*done;		/* parsed, waiting their turn,
						 * by seq */
	size_t			 next;		/* the seq handed over next */
	int			 closing;	/* no more jobs */
	int			 failed;	/* a job failed: jobe says why */
	struct err		 jobe;
	pthread_t		 th[ICAL_PARSERS];
	int			 nth, started;
	ical_take_fn		 fn;
	void			*arg;
	struct ical_entry	*held;		/* once an item waits: the
						 * entries from it on */
	size_t			 nheld, capheld;
	struct ical_later	*later;
	size_t			 nlater;
};

static void
ical_gather_line(struct ical_gather *g, const char *t, size_t len, int line)
{
	if (g->nl == g->capl) {
		g->capl = g->capl ? 2 * g->capl : 64;
		g->off = xreallocarray(g->off, g->capl, sizeof *g->off);
		g->lines = xreallocarray(g->lines, g->capl, sizeof *g->lines);
	}
	g->off[g->nl] = g->text.len - g->base;
	g->lines[g->nl++] = line;
	buf_add(&g->text, t, len);
	buf_add(&g->text, "\r\n", 2);
}

static void
ical_gather_free(struct ical_gather *g)
{
	buf_free(&g->text);
	free(g->off);
	free(g->lines);
	memset(g, 0, sizeof *g);
}

/* The component of lines [from, to) of g, which starts at base. */
static void
ical_gather_view(const struct ical_gather *g, size_t from, size_t to,
    size_t base, size_t end, struct ical_lines *l)
{
	l->text = (const char *)g->text.data + base;
	l->off = g->off + from;
	l->line = g->lines + from;
	l->n = to - from;
	l->len = end - base;
}

static void
ical_later_free(struct ical_later *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		icalcomponent_free(v[i].c);
	free(v);
}

static void
ical_job_free(struct ical_job *j)
{
	ical_gather_free(&j->g);
	free(j->first);
	free(j->begin);
	free(j->seen);
	ical_entries_free(j->v, j->n);
	ical_later_free(j->later, j->nlater);
	free(j);
}

/* Reads a job's items into its entries (on a parser, or this thread). */
static void
ical_job_run(struct ical_in *in, struct ical_job *j)
{
	struct ical_ctx		 x = { in->name, &in->zones, 0, &j->e, 0 };
	struct ical_lines	 l;
	struct ical_entry	*en;
	icalcomponent		*c;
	size_t			 k, to, base, end;

	j->v = xcalloc(j->nc + 1, sizeof *j->v);
	for (k = 0, base = 0; k < j->nc; k++, base = end + 1) {
		to = k + 1 < j->nc ? j->first[k + 1] : j->g.nl;
		end = base + strlen((const char *)j->g.text.data + base);
		ical_gather_view(&j->g, j->first[k], to, base, end, &l);
		x.line = j->begin[k];
		x.seen = j->seen[k];
		if ((c = ical_parse(&x, &l)) == NULL) {
			j->rc = -1;
			break;
		}
		en = &j->v[j->n++];
		if (ical_read_one(&x, c, en) == 0) {
			icalcomponent_free(c);
			continue;
		}
		ical_entry_clear(en);	/* its zone may come later */
		err_clear(&j->e);
		j->later = xreallocarray(j->later, j->nlater + 1,
		    sizeof *j->later);
		j->later[j->nlater].c = c;
		j->later[j->nlater].i = j->n - 1;
		j->later[j->nlater++].line = j->begin[k];
	}
	ical_gather_free(&j->g);
}

/* A job's entries handed over, or held once an item waits; under mu. */
static void
ical_job_hand(struct ical_in *in, struct ical_job *j)
{
	size_t	i;

	if (in->failed) {
		ical_job_free(j);
		return;
	}
	if (j->rc != 0) {
		in->failed = 1;
		in->jobe = j->e;
		ical_job_free(j);
		return;
	}
	if (in->nheld == 0 && j->nlater == 0) {
		if (j->n > 0 && in->fn(j->v, j->n, in->arg) != 0) {
			in->failed = 1;
			err_set(&in->jobe, in->name, 0, "reading stopped");
		} else if (j->n == 0)
			free(j->v);
		j->v = NULL;
		j->n = 0;
		ical_job_free(j);
		return;
	}
	if (in->nheld + j->n > in->capheld) {
		in->capheld = 2 * (in->nheld + j->n);
		in->held = xreallocarray(in->held, in->capheld,
		    sizeof *in->held);
	}
	memcpy(in->held + in->nheld, j->v, j->n * sizeof *j->v);
	in->later = xreallocarray(in->later, in->nlater + j->nlater + 1,
	    sizeof *in->later);
	for (i = 0; i < j->nlater; i++) {
		in->later[in->nlater] = j->later[i];
		in->later[in->nlater++].i += in->nheld;
	}
	in->nheld += j->n;
	free(j->v);
	j->v = NULL;
	j->n = 0;
	j->nlater = 0;
	ical_job_free(j);
}

/* A job parsed: it and those after it that are done go, in order. */
static void
ical_job_done(struct ical_in *in, struct ical_job *j)
{
	struct ical_job	**p = &in->done;

	while (*p != NULL && (*p)->seq < j->seq)
		p = &(*p)->next;
	j->next = *p;
	*p = j;
	while ((j = in->done) != NULL && j->seq == in->next) {
		in->done = j->next;
		in->next++;
		ical_job_hand(in, j);
	}
}

static void *
ical_parser_main(void *arg)
{
	struct ical_in	*in = arg;
	struct ical_job	*j;
	int		 skip;

	pthread_mutex_lock(&in->mu);
	for (;;) {
		while (in->head == NULL && !in->closing)
			pthread_cond_wait(&in->work, &in->mu);
		if ((j = in->head) == NULL)
			break;
		if ((in->head = j->next) == NULL)
			in->tail = NULL;
		in->waiting--;
		pthread_cond_signal(&in->room);
		skip = in->failed;
		pthread_mutex_unlock(&in->mu);
		if (!skip)
			ical_job_run(in, j);
		pthread_mutex_lock(&in->mu);
		ical_job_done(in, j);
	}
	pthread_mutex_unlock(&in->mu);
	return NULL;
}

/* The job gathered goes to a parser (read here when there is none); -1
 * once a job has failed. */
static int
ical_job_submit(struct ical_in *in)
{
	struct ical_job	*j = in->job;

	in->job = NULL;
	if (j == NULL)
		return in->stop ? -1 : 0;
	j->seq = in->seq++;
	if (!in->started) {
		in->started = 1;
		while (in->nth < ICAL_PARSERS && thread_start(&in->th[in->nth],
		    ical_parser_main, in) == 0)
			in->nth++;
	}
	if (in->nth == 0) {
		ical_job_run(in, j);
		pthread_mutex_lock(&in->mu);
		ical_job_done(in, j);
	} else {
		pthread_mutex_lock(&in->mu);
		while (in->waiting >= ICAL_QUEUE)
			pthread_cond_wait(&in->room, &in->mu);
		j->next = NULL;
		if (in->tail != NULL)
			in->tail->next = j;
		else
			in->head = j;
		in->tail = j;
		in->waiting++;
		pthread_cond_signal(&in->work);
	}
	in->stop = in->failed;
	pthread_mutex_unlock(&in->mu);
	return in->stop ? -1 : 0;
}

/* The parsers told there is no more, and gone. */
static void
ical_parsers_join(struct ical_in *in)
{
	int	i;

	pthread_mutex_lock(&in->mu);
	in->closing = 1;
	pthread_cond_broadcast(&in->work);
	pthread_mutex_unlock(&in->mu);
	for (i = 0; i < in->nth; i++)
		thread_join(in->th[i]);
	in->nth = 0;
}

/* A component that is not an item, parsed now: a VTIMEZONE kept. */
static int
ical_other(struct ical_in *in, int begin)
{
	struct ical_ctx		 x = { in->name, &in->zones, in->zones.n,
				    in->e, begin };
	struct ical_lines	 l;
	icalcomponent		*c;
	icalproperty		*p;
	const char		*tzid;

	ical_gather_view(&in->g, 0, in->g.nl, 0, in->g.text.len - 1, &l);
	if ((c = ical_parse(&x, &l)) == NULL)
		return -1;
	if (icalcomponent_isa(c) != ICAL_VTIMEZONE_COMPONENT) {
		icalcomponent_free(c);
		return 0;
	}
	p = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
	tzid = p != NULL ? icalproperty_get_tzid(p) : NULL;
	pthread_mutex_lock(&in->zones.mu);
	icalcomponent_add_component(in->zones.root, c);
	if (tzid != NULL) {
		in->zones.tzid = xreallocarray(in->zones.tzid,
		    in->zones.n + 1, sizeof *in->zones.tzid);
		in->zones.tzid[in->zones.n++] = xstrdup(tzid);
	}
	pthread_mutex_unlock(&in->zones.mu);
	return 0;
}

/* An item begins: a line of the job, made when there is none. */
static void
ical_item_begin(struct ical_in *in, int line)
{
	struct ical_job	*j = in->job;

	if (j == NULL)
		j = in->job = xcalloc(1, sizeof *j);
	j->first = xreallocarray(j->first, j->nc + 1, sizeof *j->first);
	j->begin = xreallocarray(j->begin, j->nc + 1, sizeof *j->begin);
	j->seen = xreallocarray(j->seen, j->nc + 1, sizeof *j->seen);
	j->first[j->nc] = j->g.nl;
	j->seen[j->nc] = in->zones.n;
	j->begin[j->nc++] = line;
	j->g.base = j->g.text.len;
}

/* Each line from the scanner: gathered into its component; at its END an
 * item joins the job, anything else is read; the calendar's own
 * properties are checked alone. */
static int
ical_line(const char *t, size_t len, int line, int depth, void *arg)
{
	struct ical_in		*in = arg;
	struct ical_gather	*g;
	int			 begin;

	if (depth == 0)
		return 0;
	if (depth == 1 && in->begin == 0) {
		if (strncasecmp(t, "BEGIN:", 6) != 0)
			return ical_check_line(in->name, t, line, in->e);
		in->begin = line;
		in->item = strcasecmp(t + 6, "VTODO") == 0 ||
		    strcasecmp(t + 6, "VEVENT") == 0;
		if (in->item)
			ical_item_begin(in, line);
		else {
			buf_reset(&in->g.text);
			in->g.nl = 0;
		}
	}
	g = in->item ? &in->job->g : &in->g;
	ical_gather_line(g, t, len, line);
	if (depth > 1 || strncasecmp(t, "END:", 4) != 0)
		return 0;
	begin = in->begin;
	in->begin = 0;
	buf_addc(&g->text, '\0');
	if (!in->item)
		return ical_other(in, begin);
	return in->job->nc == ICAL_JOB ? ical_job_submit(in) : 0;
}

/* The items that waited for a VTIMEZONE further on. */
static int
ical_read_later(struct ical_in *in)
{
	struct ical_ctx	x = { in->name, &in->zones, in->zones.n, in->e, 0 };
	size_t		i;
	int		rc = 0;

	for (i = 0; i < in->nlater && rc == 0; i++) {
		x.line = in->later[i].line;
		rc = ical_read_one(&x, in->later[i].c,
		    &in->held[in->later[i].i]);
	}
	return rc;
}

/* The job being gathered, without an item the scan stopped inside. */
static void
ical_job_last(struct ical_in *in)
{
	struct ical_job	*j = in->job;

	if (j != NULL && in->begin != 0 && in->item) {
		j->nc--;
		j->g.nl = j->first[j->nc];
		j->g.text.len = j->g.base;
	}
	if (j != NULL && j->nc == 0) {
		ical_job_free(j);
		in->job = NULL;
	}
}

/*
 * What libical keeps for every thread, set before any parser starts: its
 * UTC zone, made when first asked and compared with every time parsed;
 * the key of its threads' rings of buffers, made once when first used;
 * and the state of its "malformed data" error, which it saves, sets to
 * non-fatal and restores around many a parse, from every thread at once:
 * kept non-fatal, every such write leaves it as it was (and kith names a
 * bad line itself: libical is never to abort on one).
 */
static void
ical_libical_shared(void)
{
	(void)icaltimezone_get_utc_timezone();
	(void)icalmemory_tmp_buffer(1);
	icalerror_set_errors_are_fatal(0);
	icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR,
	    ICAL_ERROR_NONFATAL);
}

int
ical_read_each(FILE *f, const char *name, ical_take_fn fn, void *arg,
    struct err *e)
{
	struct ical_in	in;
	size_t		i;
	int		rc;

	memset(&in, 0, sizeof in);
	in.name = name;
	in.e = e;
	in.fn = fn;
	in.arg = arg;
	in.zones.root = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	pthread_mutex_init(&in.zones.mu, NULL);
	ical_libical_shared();
	pthread_mutex_init(&in.mu, NULL);
	pthread_cond_init(&in.work, NULL);
	pthread_cond_init(&in.room, NULL);
	rc = ical_scan(f, name, ical_line, &in, e);
	/* What was gathered before a bad line is read: a bad item in it
	 * comes first in the file. */
	ical_job_last(&in);
	ical_job_submit(&in);
	ical_parsers_join(&in);
	if (in.failed) {
		*e = in.jobe;
		rc = -1;
	}
	if (rc == 0)
		rc = ical_read_later(&in);
	if (rc == 0 && in.nheld > 0)
		(void)fn(in.held, in.nheld, arg);	/* the last anyway */
	else
		ical_entries_free(in.held, in.nheld);
	ical_later_free(in.later, in.nlater);
	ical_gather_free(&in.g);
	icalcomponent_free(in.zones.root);
	for (i = 0; i < in.zones.n; i++)
		free(in.zones.tzid[i]);
	free(in.zones.tzid);
	pthread_cond_destroy(&in.room);
	pthread_cond_destroy(&in.work);
	pthread_mutex_destroy(&in.mu);
	pthread_mutex_destroy(&in.zones.mu);
	return rc;
}

/* ical_read's entries, gathered. */
struct ical_all {
	struct ical_entry	*v;
	size_t			 n;
};

static int
ical_all_take(struct ical_entry *v, size_t n, void *arg)
{
	struct ical_all	*all = arg;

	all->v = xreallocarray(all->v, all->n + n + 1, sizeof *all->v);
	memcpy(all->v + all->n, v, n * sizeof *v);
	all->n += n;
	free(v);
	return 0;
}

int
ical_read(FILE *f, const char *name, struct ical_entry **out, size_t *n,
    struct err *e)
{
	struct ical_all	all = { NULL, 0 };

	*out = NULL;
	*n = 0;
	if (ical_read_each(f, name, ical_all_take, &all, e) != 0) {
		ical_entries_free(all.v, all.n);
		return -1;
	}
	*out = all.v;
	*n = all.n;
	return 0;
}
