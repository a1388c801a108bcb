/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import pipeline: files read whole, records checked, one
 * transaction. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "book.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "import-int.h"
#include "thread.h"
#include "vcard.h"
#include "xmalloc.h"

int
import_format_parse(const char *s)
{
	if (strcasecmp(s, "vcard") == 0 || strcasecmp(s, "vcf") == 0)
		return IMPORT_VCARD;
	if (strcasecmp(s, "csv") == 0)
		return IMPORT_CSV;
	if (strcasecmp(s, "ics") == 0 || strcasecmp(s, "ical") == 0 ||
	    strcasecmp(s, "icalendar") == 0)
		return IMPORT_ICS;
	return -1;
}

static int
import_ext(const char *path, const char *ext)
{
	size_t	n = strlen(path), k = strlen(ext);

	return n > k && strcasecmp(path + n - k, ext) == 0;
}

int
import_guess(const char *path, const char *head, size_t len)
{
	size_t	i = 0;

	if (len >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)head[i]))
		i++;
	if (len - i >= 11 && strncasecmp(head + i, "BEGIN:VCARD", 11) == 0)
		return IMPORT_VCARD;
	if (len - i >= 15 && strncasecmp(head + i, "BEGIN:VCALENDAR", 15) == 0)
		return IMPORT_ICS;
	if (import_ext(path, ".vcf") || import_ext(path, ".vcard"))
		return IMPORT_VCARD;
	if (import_ext(path, ".ics") || import_ext(path, ".ical"))
		return IMPORT_ICS;
	return IMPORT_CSV;
}

void
import_set_add(struct import_set *s, struct contact *c, char *file, int line)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
		s->files = xreallocarray(s->files, s->cap, sizeof *s->files);
		s->lines = xreallocarray(s->lines, s->cap, sizeof *s->lines);
	}
	s->v[s->n] = c;
	s->files[s->n] = file;
	s->lines[s->n++] = line;
}

int
import_reject(struct import_set *s, const struct import_opts *o,
    const struct err *bad, struct err *e)
{
	if (!o->skip_bad) {
		*e = *bad;
		return -1;
	}
	s->rejected++;
	if (o->bad != NULL)
		o->bad(bad, o->arg);
	return 0;
}

int
import_lines(const char *p, const char *end)
{
	int	n = 0;

	for (; (p = memchr(p, '\n', end - p)) != NULL; p++)
		n++;
	return n;
}

void
import_read_both(void *(*read)(void *), void *a, void *b)
{
	pthread_t	th;
	int		threaded;

	threaded = b != NULL && thread_start(&th, read, b) == 0;
	read(a);
	if (b != NULL && !threaded)
		read(b);
	if (threaded)
		thread_join(th);
}

int
import_take_both(struct import_set *s, struct import_part *a,
    struct import_part *b, const struct import_opts *o, struct err *e)
{
	int	rc = import_part_take(s, a, o, e);

	if (b != NULL && rc == 0)
		rc = import_part_take(s, b, o, e);
	else if (b != NULL)
		import_part_free(b);
	return rc;
}

/* A bad record of a part, after the contacts read so far. */
void
import_part_bad(struct import_part *p, const struct err *bad)
{
	p->bad = xreallocarray(p->bad, p->nbad + 1, sizeof *p->bad);
	p->badat = xreallocarray(p->badat, p->nbad + 1, sizeof *p->badat);
	p->bad[p->nbad] = *bad;
	p->badat[p->nbad++] = p->set.n;
}

static void *
import_part_read(void *arg)
{
	struct import_part	*p = arg;
	struct vcard_reader	*r;
	struct contact		*c;
	struct err		 bad;
	FILE			*f;
	int			 rc, line;

	if ((f = fmemopen((void *)p->data, p->len, "r")) == NULL) {
		p->rc = -1;
		return NULL;
	}
	r = vcard_reader_new(f, p->file);
	for (;;) {
		err_clear(&bad);
		if ((rc = vcard_read(r, &c, &line, &bad)) == 1)
			break;
		if (rc == 0) {
			import_set_add(&p->set, c, p->file, line + p->line0);
			continue;
		}
		bad.line += p->line0;
		import_part_bad(p, &bad);
		if (p->stop)
			break;
	}
	vcard_reader_free(r);
	fclose(f);
	return NULL;
}

void
import_part_free(struct import_part *p)
{
	size_t	i;

	for (i = 0; i < p->set.n; i++)
		contact_free(p->set.v[i]);
	free(p->set.v);
	free(p->set.files);
	free(p->set.lines);
	free(p->bad);
	free(p->badat);
	memset(&p->set, 0, sizeof p->set);	/* empty, to read again */
	p->bad = NULL;
	p->badat = NULL;
	p->nbad = 0;
}

int
import_part_take(struct import_set *s, struct import_part *p,
    const struct import_opts *o, struct err *e)
{
	size_t	i, k = 0;
	int	rc = p->rc;

	if (rc != 0)
		err_set(e, p->file, 0, "%s", strerror(errno));
	for (i = 0; i <= p->set.n && rc == 0; i++) {
		while (rc == 0 && k < p->nbad && p->badat[k] == i)
			rc = import_reject(s, o, &p->bad[k++], e);
		if (i < p->set.n && rc == 0) {
			import_set_add(s, p->set.v[i], p->file,
			    p->set.lines[i]);
			p->set.v[i] = NULL;
		}
	}
	import_part_free(p);
	return rc;
}

/*
 * Where a large file splits in two for two readers: at a BEGIN:VCARD
 * right after an END:VCARD past the middle (no card can have such a line
 * inside it, folded or not); 0 for none.
 */
static size_t
import_vcard_split(const char *data, size_t len, int *lines)
{
	const char	*p = data + len / 2, *end = data + len, *nl;

	for (; (nl = memchr(p, '\n', end - p)) != NULL; p = nl + 1) {
		if ((size_t)(end - nl) > 11 &&
		    strncasecmp(nl + 1, "BEGIN:VCARD", 11) == 0 &&
		    nl - data >= 9 && (strncasecmp(nl - 9, "END:VCARD", 9) == 0 ||
		    (nl - data >= 10 && strncasecmp(nl - 10, "END:VCARD\r",
		    10) == 0))) {
			*lines = import_lines(data, nl + 1);
			return nl + 1 - data;
		}
	}
	return 0;
}

/* A large file is read by two threads, each a half of it. */
static int
import_vcard(struct import_set *s, const char *data, size_t len, char *file,
    const struct import_opts *o, struct err *e)
{
	struct import_part	p[2];
	size_t			at = 0;
	int			lines = 0, i;

	if (len == 0)
		return 0;
	memset(p, 0, sizeof p);
	if (len >= IMPORT_SPLIT_MIN)
		at = import_vcard_split(data, len, &lines);
	for (i = 0; i < 2; i++) {
		p[i].file = file;
		p[i].stop = !o->skip_bad;
	}
	p[0].data = data;
	p[0].len = at ? at : len;
	p[1].data = data + at;
	p[1].len = len - at;
	p[1].line0 = lines;
	import_read_both(import_part_read, &p[0], at > 0 ? &p[1] : NULL);
	return import_take_both(s, &p[0], at > 0 ? &p[1] : NULL, o, e);
}

/* The whole file (or standard input for "-"). */
static int
import_slurp(const char *path, struct buf *b, struct err *e)
{
	FILE	*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char	 chunk[65536];
	size_t	 n;

	if (f == NULL) {
		err_set(e, path, 0, "%s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	n = ferror(f);
	if (f != stdin)
		fclose(f);
	if (n) {
		err_set(e, path, 0, "read error");
		return -1;
	}
	if (b->len >= 2 && ((unsigned char)b->data[0] == 0xff ||
	    (unsigned char)b->data[0] == 0xfe) &&
	    ((unsigned char)b->data[1] == 0xfe ||
	    (unsigned char)b->data[1] == 0xff)) {
		err_set(e, path, 1, "the file is UTF-16: save it as UTF-8");
		return -1;
	}
	return 0;
}

static int
import_one(struct import_set *s, const char *path, char *name,
    const struct import_opts *o, struct err *e)
{
	struct buf	b = BUF_INIT;
	int		fmt = o->format, rc;

	if (import_slurp(path, &b, e) != 0) {
		buf_free(&b);
		return -1;
	}
	if (fmt == IMPORT_GUESS)
		fmt = import_guess(path, b.data ? b.data : "", b.len);
	if (fmt == IMPORT_ICS) {
		err_set(e, path, 0, "an iCalendar file: import it on its own");
		rc = -1;
	} else if (fmt == IMPORT_VCARD)
		rc = import_vcard(s, b.data, b.len, name, o, e);
	else
		rc = import_csv(s, b.data ? b.data : "", b.len, name, o, e);
	buf_free(&b);
	return rc;
}

struct import_ctx {
	struct import_set		*s;
	const struct import_opts	*o;
};

static void
import_bad_late(size_t i, const struct err *ce, void *arg)
{
	struct import_ctx	*x = arg;
	struct err		 e;

	err_set(&e, x->s->files[i], x->s->lines[i], "%s", ce->msg);
	if (x->o->bad != NULL)
		x->o->bad(&e, x->o->arg);
}

/* The book's progress, handed on with the caller's own argument. */
static int
import_progress(size_t done, size_t n, void *arg)
{
	struct import_ctx	*x = arg;

	return x->o->progress(done, n, x->o->arg);
}

static int
import_store(struct book *b, struct import_set *s,
    const struct import_opts *o, struct import_summary *sum, struct err *e)
{
	struct import_ctx	x = { s, o };
	struct book_import	imp;
	int			rc;

	memset(&imp, 0, sizeof imp);
	imp.policy = o->policy;
	imp.skip_bad = o->skip_bad;
	imp.progress = o->progress != NULL ? import_progress : NULL;
	imp.bad = import_bad_late;
	imp.arg = &x;
	rc = book_contacts_import(b, s->v, s->n, &imp, e);
	if (rc != 0 && imp.failed < s->n) {
		char	msg[sizeof e->msg];

		memcpy(msg, e->msg, sizeof msg);
		err_set(e, s->files[imp.failed], s->lines[imp.failed], "%s",
		    msg);
	}
	sum->added = imp.added;
	sum->merged = imp.merged;
	sum->skipped = imp.skipped;
	sum->rejected = s->rejected + imp.rejected;
	return rc;
}

int
import_files(struct book *b, char *const *paths, size_t n,
    const struct import_opts *o, struct import_summary *sum, struct err *e)
{
	struct import_set	 s;
	char			**names = xcalloc(n + 1, sizeof *names);
	size_t			  i;
	int			  rc = 0;

	memset(&s, 0, sizeof s);
	memset(sum, 0, sizeof *sum);
	for (i = 0; rc == 0 && i < n; i++) {
		names[i] = xstrdup(strcmp(paths[i], "-") == 0 ?
		    "(standard input)" : paths[i]);
		rc = import_one(&s, paths[i], names[i], o, e);
	}
	if (rc == 0)
		rc = import_store(b, &s, o, sum, e);
	else
		sum->rejected = s.rejected;
	for (i = 0; i < s.n; i++)
		contact_free(s.v[i]);
	free(s.v);
	free(s.files);
	free(s.lines);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
