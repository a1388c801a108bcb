/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Follow-ups from iCalendar, through libical: the reader of ical.h. */
#include "ical.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "ical-int.h"
#include "xmalloc.h"

/* An item whose zone's VTIMEZONE comes later in the file. */
struct ical_later {
	icalcomponent	*c;
	size_t		 i;		/* its place among the entries */
	int		 line;
};

/*
 * The file is read a component at a time: the lines of one component
 * directly inside the VCALENDAR are gathered and parsed by libical alone,
 * read and freed; only the VTIMEZONEs stay, in root, for the times that
 * name them.  Holding every line and libical's tree of the whole file
 * took half a gigabyte for 100 000 items.
 */
struct ical_in {
	struct ical_ctx		 x;		/* name, root, zones, e, line */
	pthread_mutex_t		 zones;
	struct buf		 text;		/* the component's lines */
	size_t			*off;		/* where each starts in text */
	int			*lines;		/* and its line in the file */
	size_t			 nl, capl;
	int			 begin;		/* its BEGIN's line; 0: none */
	int			 item;		/* a VTODO or VEVENT */
	struct ical_entry	*v;
	size_t			 n, cap;
	struct ical_later	*later;
	size_t			 nlater;
	ical_take_fn		 fn;
	void			*arg;
};

/* Entries handed over at a time. */
#define ICAL_READ_BATCH	512

/* The entries read so far, handed over unless one still waits. */
static void
ical_hand_over(struct ical_in *in)
{
	if (in->n == 0 || in->nlater > 0)
		return;
	in->fn(in->v, in->n, in->arg);
	in->v = NULL;
	in->n = in->cap = 0;
}

/* A line of the component being gathered. */
static void
ical_gather(struct ical_in *in, const char *t, size_t len, int line)
{
	if (in->nl == in->capl) {
		in->capl = in->capl ? 2 * in->capl : 64;
		in->off = xreallocarray(in->off, in->capl, sizeof *in->off);
		in->lines = xreallocarray(in->lines, in->capl,
		    sizeof *in->lines);
	}
	in->off[in->nl] = in->text.len;
	in->lines[in->nl++] = line;
	buf_add(&in->text, t, len);
	buf_add(&in->text, "\r\n", 2);
}

/* A VTODO or VEVENT read into the next entry; one whose zone is not
 * known yet waits for the end of the file. */
static int
ical_take(struct ical_in *in, icalcomponent *c)
{
	struct ical_entry	*en;

	if (in->n == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 256;
		in->v = xreallocarray(in->v, in->cap, sizeof *in->v);
	}
	en = &in->v[in->n++];
	memset(en, 0, sizeof *en);
	in->x.line = in->begin;
	if (ical_read_one(&in->x, c, en) == 0) {
		icalcomponent_free(c);
		if (in->n >= ICAL_READ_BATCH)
			ical_hand_over(in);
		return 0;
	}
	ical_entry_clear(en);
	err_clear(in->x.e);
	in->later = xreallocarray(in->later, in->nlater + 1,
	    sizeof *in->later);
	in->later[in->nlater].c = c;
	in->later[in->nlater].i = in->n - 1;
	in->later[in->nlater++].line = in->begin;
	return 0;
}

/* The component gathered, parsed and read. */
static int
ical_component(struct ical_in *in)
{
	struct ical_lines	 l = { buf_str(&in->text), in->off, in->lines,
				    in->nl, in->text.len };
	icalcomponent		*c;

	if ((c = ical_parse(&in->x, &l, in->begin)) == NULL)
		return -1;
	if (in->item)
		return ical_take(in, c);
	if (icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT)
		icalcomponent_add_component(in->x.root, c);
	else
		icalcomponent_free(c);
	return 0;
}

/* Each line from the scanner: gathered into its component, which is
 * read at its END; the calendar's own properties checked alone. */
static int
ical_line(const char *t, size_t len, int line, int depth, void *arg)
{
	struct ical_in	*in = arg;
	int		 rc;

	if (depth == 0)
		return 0;
	if (depth == 1 && in->begin == 0) {
		if (strncasecmp(t, "BEGIN:", 6) != 0)
			return ical_check_line(in->x.name, t, line, in->x.e);
		in->begin = line;
		in->item = strcasecmp(t + 6, "VTODO") == 0 ||
		    strcasecmp(t + 6, "VEVENT") == 0;
		buf_reset(&in->text);
		in->nl = 0;
	}
	ical_gather(in, t, len, line);
	if (depth > 1 || strncasecmp(t, "END:", 4) != 0)
		return 0;
	rc = ical_component(in);
	in->begin = 0;
	return rc;
}

/* The items that waited for a VTIMEZONE further on. */
static int
ical_read_later(struct ical_in *in)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < in->nlater; i++) {
		in->x.line = in->later[i].line;
		if (rc == 0)
			rc = ical_read_one(&in->x, in->later[i].c,
			    &in->v[in->later[i].i]);
		icalcomponent_free(in->later[i].c);
	}
	in->nlater = 0;
	return rc;
}

int
ical_read_each(FILE *f, const char *name, ical_take_fn fn, void *arg,
    struct err *e)
{
	struct ical_in	in;
	size_t		i;
	int		rc;

	memset(&in, 0, sizeof in);
	pthread_mutex_init(&in.zones, NULL);
	in.x.name = name;
	in.x.root = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	in.x.zones = &in.zones;
	in.x.e = e;
	in.fn = fn;
	in.arg = arg;
	rc = ical_scan(f, name, ical_line, &in, e);
	if (rc == 0)
		rc = ical_read_later(&in);
	for (i = 0; i < in.nlater; i++)
		icalcomponent_free(in.later[i].c);
	free(in.later);
	in.nlater = 0;
	icalcomponent_free(in.x.root);
	pthread_mutex_destroy(&in.zones);
	buf_free(&in.text);
	free(in.off);
	free(in.lines);
	if (rc == 0)
		ical_hand_over(&in);
	else
		ical_entries_free(in.v, in.n);
	return rc;
}

/* ical_read's entries, gathered. */
struct ical_all {
	struct ical_entry	*v;
	size_t			 n;
};

static void
ical_all_take(struct ical_entry *v, size_t n, void *arg)
{
	struct ical_all	*all = arg;

	all->v = xreallocarray(all->v, all->n + n + 1, sizeof *all->v);
	memcpy(all->v + all->n, v, n * sizeof *v);
	all->n += n;
	free(v);
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
