/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verifying a database while others keep working. */
#include "book.h"

#include <dirent.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "activity.h"
#include "book-int.h"
#include "buf.h"
#include "contact.h"
#include "err.h"
#include "record.h"
#include "store.h"
#include "thread.h"
#include "xmalloc.h"

/*
 * An order-independent digest of an index's (key, id) pairs: their count
 * and two sums of 64-bit hashes.  The pairs an index holds and the pairs
 * its key callback gives for the records are tallied apart, each in one
 * pass in key order, and compared; no entry is looked up.
 */
struct book_tally {
	uint64_t	n;
	uint64_t	sum[2];
};

struct book_chk {
	void		(*fn)(const char *, void *);
	void		 *arg;
	int		  problems;
	int		  text;		/* text postings that differ */
	const struct store_schema *schema;
	struct book_tally want[BOOK_NINDEXES];	/* from the records */
	struct store_keys keys;
};

/* Reads of a table and its indexes that differ, while others write,
 * before only the slow entry-by-entry walk is left. */
#define BOOK_CHK_TRIES	3

static const char *const book_chk_names[] = {
	"contact", "activity", "deal", "case", "audit entry"
};

static void
book_chk_say(struct book_chk *k, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
book_chk_say(struct book_chk *k, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	k->fn(msg, k->arg);
	k->problems++;
}

static uint64_t
book_chk_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void
book_tally_add(struct book_tally *t, const void *key, size_t klen,
    uint64_t id)
{
	const unsigned char	*p = key;
	uint64_t		 h = 0xcbf29ce484222325ULL ^ klen;
	size_t			 i;

	for (i = 0; i < klen; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	t->n++;
	t->sum[0] += book_chk_mix(h ^ id);
	t->sum[1] += book_chk_mix(h + 0x9e3779b97f4a7c15ULL * (id + 1));
}

static int
book_chk_decodes(int table, const void *data, size_t len)
{
	struct activity	*a;
	struct record	*r;
	int		 ok;

	if (table == BOOK_T_CONTACT)	/* decoded for its keys just now */
		return book_keys_decoded_contact(data, len) != NULL;
	if (table == BOOK_T_ACTIVITY) {
		ok = (a = activity_decode(data, len, NULL)) != NULL;
		activity_free(a);
		return ok;
	}
	ok = (r = record_decode(data, len, NULL)) != NULL;
	record_free(r);
	return ok;
}

/* What the key callbacks of the table's indexes give for one record. */
static void
book_chk_keys(struct book_chk *k, int table, const struct store_row *row)
{
	const struct store_index_def	*def;
	size_t				 i, j;

	for (i = 0; i < k->schema->nindexes; i++) {
		def = &k->schema->indexes[i];
		if (def->table != table)
			continue;
		def->keys(row->id, row->data, row->dlen, &k->keys);
		for (j = 0; j < k->keys.n; j++) {
			book_tally_add(&k->want[i], k->keys.v[j].data,
			    k->keys.v[j].len, row->id);
			free(k->keys.v[j].data);
		}
		k->keys.n = 0;
	}
}

/* The records of a table, a buffer at a time: each decodes, the count
 * agrees, and their index keys are tallied. */
static int
book_chk_table(struct store_txn *t, struct book_chk *k, int table,
    struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	uint64_t		 n = 0, counted;
	int			 rc;

	rc = store_cursor_open(t, table, -1, STORE_CUR_DATA | STORE_CUR_BULK,
	    &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		n++;
		book_chk_keys(k, table, &row);
		if (!book_chk_decodes(table, row.data, row.dlen))
			book_chk_say(k, "%s %llu does not decode",
			    book_chk_names[table], (unsigned long long)row.id);
	}
	if (rc == -1)
		book_chk_say(k, "%ss: %s", book_chk_names[table],
		    store_cursor_error(c));
	store_cursor_close(c);
	if (rc == STORE_RETRY)
		return rc;
	if ((rc = store_count(t, table, &counted, e)) != 0)
		return rc;
	if (counted != n)
		book_chk_say(k, "%ss: %llu records, but the count says %llu",
		    book_chk_names[table], (unsigned long long)n,
		    (unsigned long long)counted);
	return 0;
}

/* Every index entry must lead to its record (pget fails otherwise): the
 * slow walk, when the tallies differ, to name what is wrong. */
static int
book_chk_walk(struct store_txn *t, struct book_chk *k, int table, int index,
    struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	int			 rc;

	rc = store_cursor_open(t, table, index, STORE_CUR_DATA |
	    STORE_CUR_SCAN, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;
	    rc = store_cursor_next(c, &row))
		;
	if (rc == -1)
		book_chk_say(k, "index %d: %s", index, store_cursor_error(c));
	store_cursor_close(c);
	return rc == STORE_RETRY ? rc : rc == -1 ? 1 : 0;
}

/* The (key, id) pairs an index holds, a buffer at a time. */
static int
book_chk_index(struct store_txn *t, struct book_chk *k, int index,
    struct book_tally *have, struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	int			 rc;

	memset(have, 0, sizeof *have);
	rc = store_cursor_open(t, k->schema->indexes[index].table, index,
	    STORE_CUR_KEYS | STORE_CUR_SCAN, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;
	    rc = store_cursor_next(c, &row))
		book_tally_add(have, row.key, row.klen, row.id);
	if (rc == -1)
		book_chk_say(k, "index %d: %s", index, store_cursor_error(c));
	store_cursor_close(c);
	return rc == STORE_RETRY ? rc : 0;
}

/*
 * An index whose entries are not what its records give: the slow walk
 * names an entry without its record; else (an entry missing, or a stale
 * key) the counts are told.
 */
static int
book_chk_differs(struct store_txn *t, struct book_chk *k, int index,
    const struct book_tally *have, struct err *e)
{
	int	rc;

	rc = book_chk_walk(t, k, k->schema->indexes[index].table, index, e);
	if (rc != 0)
		return rc == 1 ? 0 : rc;
	book_chk_say(k, "index %d (%s): %llu entries, but the records give "
	    "%llu%s", index, k->schema->indexes[index].name,
	    (unsigned long long)have->n,
	    (unsigned long long)k->want[index].n, have->n ==
	    k->want[index].n ? ", not the same" : "");
	return 0;
}

/* Problems found again, or after the check failed, are not told. */
static void
book_chk_quiet(const char *msg, void *arg)
{
	(void)msg;
	(void)arg;
}

/* A table's records and the entries of its indexes, tallied; the number
 * of indexes whose tallies differ. */
static int
book_chk_pass(struct store_txn *t, struct book_chk *k, int table,
    struct book_tally *have, size_t *bad, struct err *e)
{
	size_t	i;
	int	rc;

	memset(k->want, 0, sizeof k->want);
	if ((rc = book_chk_table(t, k, table, e)) != 0)
		return rc;
	for (i = *bad = 0; i < k->schema->nindexes; i++) {
		if (k->schema->indexes[i].table != table)
			continue;
		if ((rc = book_chk_index(t, k, i, &have[i], e)) != 0)
			return rc;
		*bad += memcmp(&have[i], &k->want[i], sizeof *have) != 0;
	}
	return 0;
}

/*
 * A table and its indexes.  Tallies that differ may be another process's
 * write between the reads, so they are read again (quietly) until the
 * same difference is seen twice; if it keeps changing, only the
 * entry-by-entry walk is left.
 */
static int
book_chk_group(struct store_txn *t, struct book_chk *k, int table,
    struct err *e)
{
	struct book_tally	 have[BOOK_NINDEXES], was[2][BOOK_NINDEXES];
	void			(*fn)(const char *, void *) = k->fn;
	size_t			 i, bad;
	int			 rc, said, stable = 0, try;

	memset(have, 0, sizeof have);
	if ((rc = book_chk_pass(t, k, table, have, &bad, e)) != 0 || bad == 0)
		return rc;
	said = k->problems;
	k->fn = book_chk_quiet;
	for (try = 1; try < BOOK_CHK_TRIES && !stable && bad > 0; try++) {
		memcpy(was[0], have, sizeof have);
		memcpy(was[1], k->want, sizeof k->want);
		if ((rc = book_chk_pass(t, k, table, have, &bad, e)) != 0)
			break;
		stable = memcmp(was[0], have, sizeof have) == 0 &&
		    memcmp(was[1], k->want, sizeof k->want) == 0;
	}
	k->fn = fn;
	k->problems = said;
	for (i = 0; rc == 0 && bad > 0 && i < k->schema->nindexes; i++) {
		if (k->schema->indexes[i].table != table ||
		    memcmp(&have[i], &k->want[i], sizeof *have) == 0)
			continue;
		rc = stable ? book_chk_differs(t, k, i, &have[i], e) :
		    book_chk_walk(t, k, table, i, e);
		rc = rc == 1 ? 0 : rc;
	}
	return rc;
}

/* At most a few of the postings that differ are told (each is one). */
static void
book_chk_text(const char *msg, void *arg)
{
	struct book_chk	*k = arg;

	if (k->text++ < 5)
		book_chk_say(k, "%s", msg);
	else
		k->problems++;
}

static int
book_chk_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct book_chk	*k = arg;
	int		 i, rc;

	k->problems = k->text = 0;
	for (i = 0; i < BOOK_NTABLES; i++)
		if (i != BOOK_T_TEXT && (rc = book_chk_group(t, k, i, e)) != 0)
			return rc;
	return book_text_check(t, book_chk_text, k, e);
}

static void
book_rmtree(const char *dir)
{
	struct dirent	*d;
	DIR		*dp;
	char		*p;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, d->d_name);
		unlink(p);
		free(p);
	}
	closedir(dp);
	rmdir(dir);
}

/*
 * The file structure, verified on a recovered hot copy.  The copy is taken
 * first and verified by a thread on the other core, in an environment of
 * its own, while the transaction reads the tables.  (A child process
 * would not do: a fork of a process with the environment mapped spun
 * forever under valgrind.)
 */
struct book_files {
	char		*dir;
	pthread_t	 th;
	int		 threaded;
	int		 failed;
	struct err	 ve;
};

static void *
book_files_main(void *arg)
{
	struct book_files	*f = arg;

	f->failed = store_verify(f->dir, &f->ve) != 0;
	return NULL;
}

static int
book_files_start(struct book *b, struct book_files *f, struct err *e)
{
	const char	*tmp = getenv("TMPDIR");

	memset(f, 0, sizeof *f);
	f->dir = xasprintf("%s/kith-check-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL) {
		err_set(e, f->dir, 0, "cannot make a temporary directory");
		free(f->dir);
		return -1;
	}
	if (store_backup(b->store, f->dir, e) != 0) {
		book_rmtree(f->dir);
		free(f->dir);
		return -1;
	}
	err_clear(&f->ve);
	f->threaded = thread_start(&f->th, book_files_main, f) == 0;
	return 0;
}

static void
book_files_end(struct book_chk *k, struct book_files *f)
{
	if (f->threaded)
		thread_join(f->th);
	else
		book_files_main(f);
	if (f->failed)
		book_chk_say(k, "%s", f->ve.msg);
	book_rmtree(f->dir);
	free(f->dir);
}

int
book_check(struct book *b, void (*fn)(const char *, void *), void *arg,
    struct err *e)
{
	struct book_chk		k;
	struct book_files	f;
	int			rc;

	memset(&k, 0, sizeof k);
	k.fn = fn;
	k.arg = arg;
	k.schema = store_schema(b->store);
	if (book_files_start(b, &f, e) != 0)
		return -1;
	rc = store_txn_run(b->store, STORE_READ, book_chk_fn, &k, e);
	free(k.keys.v);
	if (rc != 0)
		k.fn = book_chk_quiet;
	book_files_end(&k, &f);
	return rc != 0 ? -1 : k.problems; /* the transaction's and the files' */
}
