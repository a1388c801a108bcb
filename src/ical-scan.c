/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The iCalendar text scanner: content lines unfolded, with the physical
 * line each starts on, and the structure checked, so that a malformed
 * file is refused with a line number (libical's own parser forgives
 * silently and knows no lines).  No libical here.
 */
#include "ical.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "utf8.h"
#include "xmalloc.h"

/* Nesting deeper than this is not a calendar. */
#define ICAL_MAX_DEPTH	8
/* Nor is a line longer than this (unfolded). */
#define ICAL_MAX_LINE	(1024 * 1024)

struct ical_scanner {
	const char		*name;
	ical_line_fn		 fn;
	void			*arg;
	char			*stack[ICAL_MAX_DEPTH];
	int			 depth;
	int			 calendars;
	struct err		*e;
};

static int
ical_scan_fail(struct ical_scanner *s, int line, const char *why)
{
	err_set(s->e, s->name, line, "not iCalendar: %s", why);
	return -1;
}

/* NAME[;PARAM=...]:VALUE, with a name of letters, digits and '-'. */
static int
ical_scan_syntax(struct ical_scanner *s, const char *t, int line)
{
	const char	*p = t;
	int		 quoted = 0;

	while (isalnum((unsigned char)*p) || *p == '-')
		p++;
	if (p == t)
		return ical_scan_fail(s, line, "a line must start with a "
		    "property name");
	if (*p != ':' && *p != ';')
		return ical_scan_fail(s, line, "expected \":\" after the "
		    "property name");
	for (; *p != '\0'; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ':' && !quoted)
			return 0;
	}
	return ical_scan_fail(s, line, "no \":\" before the value");
}

static int
ical_scan_nest(struct ical_scanner *s, const char *t, int line)
{
	char	msg[160];

	if (strncasecmp(t, "BEGIN:", 6) == 0) {
		if (s->depth == 0 && strcasecmp(t + 6, "VCALENDAR") != 0)
			return ical_scan_fail(s, line, "expected "
			    "BEGIN:VCALENDAR");
		if (s->depth == 0 && s->calendars++ > 0)
			return ical_scan_fail(s, line, "a second VCALENDAR");
		if (s->depth == ICAL_MAX_DEPTH)
			return ical_scan_fail(s, line, "nested too deeply");
		s->stack[s->depth++] = xstrdup(t + 6);
	} else if (strncasecmp(t, "END:", 4) == 0) {
		if (s->depth == 0)
			return ical_scan_fail(s, line, "END without BEGIN");
		if (strcasecmp(s->stack[s->depth - 1], t + 4) != 0) {
			snprintf(msg, sizeof msg, "END:%.40s closes "
			    "BEGIN:%.40s", t + 4, s->stack[s->depth - 1]);
			return ical_scan_fail(s, line, msg);
		}
		free(s->stack[--s->depth]);
	} else if (s->depth == 0)
		return ical_scan_fail(s, line, s->calendars == 0 ?
		    "expected BEGIN:VCALENDAR" : "text after END:VCALENDAR");
	return 0;
}

static int
ical_scan_line(struct ical_scanner *s, struct buf *b, int line)
{
	const char	*t;
	int		 depth;

	if (b->len == 0)
		return 0;
	t = buf_str(b);
	if (strlen(t) != b->len)
		return ical_scan_fail(s, line, "a NUL byte");
	if (!utf8_valid(t, b->len))
		return ical_scan_fail(s, line, "not UTF-8");
	if (ical_scan_nest(s, t, line) != 0 || ical_scan_syntax(s, t, line))
		return -1;
	depth = s->depth;	/* a BEGIN's is its parent's */
	if (strncasecmp(t, "BEGIN:", 6) == 0)
		depth--;
	return s->fn(t, b->len, line, depth, s->arg);
}

static void
ical_scan_chomp(char *l, size_t *len)
{
	while (*len > 0 && (l[*len - 1] == '\n' || l[*len - 1] == '\r'))
		l[--*len] = '\0';
}

static int
ical_scan_lines(struct ical_scanner *s, FILE *f)
{
	struct buf	 b = BUF_INIT;
	char		*l = NULL;
	size_t		 cap = 0, len;
	ssize_t		 r;
	int		 phys = 0, start = 0, rc = 0;

	while (rc == 0 && (r = getline(&l, &cap, f)) != -1) {
		phys++;
		len = (size_t)r;
		ical_scan_chomp(l, &len);
		if ((l[0] == ' ' || l[0] == '\t') && start != 0) {
			buf_add(&b, l + 1, len - 1);
			if (b.len > ICAL_MAX_LINE)
				rc = ical_scan_fail(s, phys, "line too long");
			continue;
		}
		if (start != 0)
			rc = ical_scan_line(s, &b, start);
		buf_reset(&b);
		buf_add(&b, l, len);
		start = phys;
	}
	if (rc == 0 && start != 0)
		rc = ical_scan_line(s, &b, start);
	if (rc == 0 && s->depth > 0) {
		err_set(s->e, s->name, phys, "not iCalendar: the file ends "
		    "inside %s", s->stack[s->depth - 1]);
		rc = -1;
	}
	if (rc == 0 && s->calendars == 0)
		rc = ical_scan_fail(s, phys, "no VCALENDAR");
	free(l);
	buf_free(&b);
	return rc;
}

int
ical_scan(FILE *f, const char *name, ical_line_fn fn, void *arg,
    struct err *e)
{
	struct ical_scanner	s;
	int			rc;

	memset(&s, 0, sizeof s);
	s.name = name;
	s.fn = fn;
	s.arg = arg;
	s.e = e;
	rc = ical_scan_lines(&s, f);
	if (rc == 0 && ferror(f)) {
		err_set(e, name, 0, "read error");
		rc = -1;
	}
	while (s.depth > 0)
		free(s.stack[--s.depth]);
	return rc != 0 ? -1 : 0;
}
