/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bulk writing: many new records of one table in one transaction.  The
 * records go in through a handle on the table that no index is associated
 * with; their index keys are gathered, sorted and written after them, each
 * index in key order, through handles of its own.  In key order every
 * insert lands on the page the last one did, and pages fill up instead of
 * splitting in half: an import of 100 000 contacts wrote each index's
 * pages a few times over in random order, and left them two-thirds full.
 *
 * An importer that holds the decoded records lends them (store_bulk_lender):
 * their keys are then computed index by index on the other core while
 * this one writes, and only two indexes' keys are in memory at a time.
 *
 * Every insert is logged as any other: Berkeley DB's DB_TXN_BULK, which
 * leaves inserts on new pages out of the log, made a database whose
 * loading was killed unrecoverable (recovery failed writing a page past
 * the end of the file, and every later open with it).
 */
#include "store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store-int.h"
#include "thread.h"
#include "xmalloc.h"

#define STORE_BULK_BUF	(1024 * 1024)	/* one DB_MULTIPLE_KEY put */

/* An index key: the first 8 bytes big-endian (most comparisons end
 * there), where the key and then the record's id start in the arena. */
struct store_bulk_ent {
	uint64_t	pre;
	size_t		off;
	uint32_t	klen;
};

struct store_bulk_run {
	int			 index;
	DB			*db;
	unsigned char		*arena;
	size_t			 len, cap;
	struct store_bulk_ent	*v;
	size_t			 n, vcap;
};

#define STORE_BULK_CHUNK	(4 * 1024 * 1024)	/* of records kept */

/* A record kept for its keys, computed later (a lender's). */
struct store_bulk_rec {
	uint64_t	 id;
	unsigned char	*data;		/* in a chunk */
	size_t		 len;
	void		*obj;
};

/*
 * The other core sorts the indexes one after the other (computing a
 * lender's keys first) while this one writes each as soon as it is
 * sorted: sorting is a third of the work.
 */
struct store_bulk_sorter {
	struct store_bulk	*b;
	pthread_t		 th;
	int			 started;	/* th runs, to be joined */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	size_t			 sorted, written;	/* indexes */
	int			 failed;	/* a write did: stop */
};

struct store_bulk {
	struct store_txn	*t;
	int			 table;
	DB			*db;
	DBT			 buf;	/* records waiting to be put */
	void			*p;
	size_t			 nbuf;
	struct store_bulk_run	 runs[STORE_MAX_DB];
	size_t			 nruns;
	struct store_keys	 keys;
	void			(*lend)(const void *, size_t, void *);
	struct store_bulk_rec	*recs;
	size_t			 nrecs, reccap;
	unsigned char		**chunks;	/* not moved as they grow */
	size_t			 nchunks, chunkleft;
	unsigned char		*chunkp;	/* free room in the last */
	struct store_bulk_sorter z;
};

static int
store_bulk_open(struct store_txn *t, DB **out, const char *name, int dup,
    struct err *e)
{
	DB	*db;
	int	 ret;

	if ((ret = db_create(&db, t->st->env, 0)) != 0)
		return store_fail(t, ret, "bulk", e);
	if (dup && (ret = db->set_flags(db, DB_DUP | DB_DUPSORT)) != 0) {
		db->close(db, 0);
		return store_fail(t, ret, "bulk", e);
	}
	ret = db->open(db, t->txn, STORE_FILE, name, DB_BTREE, 0, 0);
	if (ret != 0) {
		db->close(db, 0);
		return store_fail(t, ret, name, e);
	}
	*out = db;
	return 0;
}

static void
store_bulk_init(struct store_bulk *b)
{
	memset(&b->buf, 0, sizeof b->buf);
	b->buf.data = xmalloc(STORE_BULK_BUF);
	b->buf.ulen = STORE_BULK_BUF;
	b->buf.flags = DB_DBT_USERMEM;
	DB_MULTIPLE_WRITE_INIT(b->p, &b->buf);
	b->nbuf = 0;
}

int
store_bulk_begin(struct store_txn *t, int table, struct store_bulk **out,
    struct err *e)
{
	const struct store_schema	*sc = t->st->schema;
	struct store_bulk		*b = xcalloc(1, sizeof *b);
	char				 name[128];
	size_t				 i;
	int				 rc;

	b->t = t;
	b->table = table;
	b->z.b = b;
	pthread_mutex_init(&b->z.mu, NULL);
	pthread_cond_init(&b->z.cv, NULL);
	store_writeback_start(t->st);
	store_bulk_init(b);
	rc = store_bulk_open(t, &b->db, sc->tables[table].name, 0, e);
	for (i = 0; rc == 0 && i < sc->nindexes; i++) {
		if (sc->indexes[i].table != table)
			continue;
		snprintf(name, sizeof name, "idx.%s", sc->indexes[i].name);
		b->runs[b->nruns].index = i;
		rc = store_bulk_open(t, &b->runs[b->nruns].db, name, 1, e);
		if (rc == 0)
			b->nruns++;
	}
	if (rc != 0) {
		store_bulk_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

/* Puts what the buffer holds, in one call. */
static int
store_bulk_flush(struct store_txn *t, DB *db, DBT *buf, void **p,
    size_t *n, struct err *e)
{
	DBT	unused;
	int	ret;

	if (*n == 0)
		return 0;
	memset(&unused, 0, sizeof unused);
	ret = db->put(db, t->txn, buf, &unused, DB_MULTIPLE_KEY);
	store_guard_alive(t->st);
	DB_MULTIPLE_WRITE_INIT(*p, buf);
	*n = 0;
	return ret == 0 ? 0 : store_fail(t, ret, "write", e);
}

/* Adds a pair to the buffer, putting it first when it is full. */
static int
store_bulk_add(struct store_txn *t, DB *db, DBT *buf, void **p, size_t *n,
    const void *k, size_t klen, const void *d, size_t dlen, struct err *e)
{
	int	rc;

	if (klen + dlen + 64 > buf->ulen) {	/* too big for any buffer */
		DBT	kd, dd;
		int	ret;

		if ((rc = store_bulk_flush(t, db, buf, p, n, e)) != 0)
			return rc;
		memset(&kd, 0, sizeof kd);
		memset(&dd, 0, sizeof dd);
		kd.data = (void *)k;
		kd.size = klen;
		dd.data = (void *)d;
		dd.size = dlen;
		ret = db->put(db, t->txn, &kd, &dd, 0);
		return ret == 0 ? 0 : store_fail(t, ret, "write", e);
	}
	DB_MULTIPLE_KEY_WRITE_NEXT(*p, buf, k, klen, d, dlen);
	if (*p == NULL) {	/* full: what it holds is intact */
		if ((rc = store_bulk_flush(t, db, buf, p, n, e)) != 0)
			return rc;
		DB_MULTIPLE_KEY_WRITE_NEXT(*p, buf, k, klen, d, dlen);
	}
	(*n)++;
	return 0;
}

static void
store_bulk_note(struct store_bulk_run *r, uint64_t id, const void *key,
    size_t klen)
{
	struct store_bulk_ent	*x;
	unsigned char		 pre[8] = { 0 };
	int			 i;

	if (r->n == r->vcap) {
		r->vcap = r->vcap ? r->vcap * 2 : 4096;
		r->v = xreallocarray(r->v, r->vcap, sizeof *r->v);
	}
	while (r->len + klen + 8 > r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256 * 1024;
		r->arena = xrealloc(r->arena, r->cap);
	}
	x = &r->v[r->n++];
	memcpy(pre, key, klen < 8 ? klen : 8);
	for (x->pre = 0, i = 0; i < 8; i++)
		x->pre = x->pre << 8 | pre[i];
	x->off = r->len;
	x->klen = klen;
	memcpy(r->arena + r->len, key, klen);
	store_id_key(id, r->arena + r->len + klen);
	r->len += klen + 8;
}

/* Notes the keys one index has for a record. */
static void
store_bulk_keys(struct store_bulk *b, struct store_bulk_run *r, uint64_t id,
    const void *data, size_t len)
{
	size_t	j;

	b->keys.n = 0;
	b->t->st->schema->indexes[r->index].keys(id, data, len, &b->keys);
	for (j = 0; j < b->keys.n; j++) {
		store_bulk_note(r, id, b->keys.v[j].data, b->keys.v[j].len);
		free(b->keys.v[j].data);
	}
}

/* Keeps a lender's record for store_bulk_lent_keys. */
static void
store_bulk_keep(struct store_bulk *b, uint64_t id, const void *data,
    size_t len, void *obj)
{
	struct store_bulk_rec	*x;
	size_t			 size;

	if (b->nrecs == b->reccap) {
		b->reccap = b->reccap ? b->reccap * 2 : 4096;
		b->recs = xreallocarray(b->recs, b->reccap, sizeof *b->recs);
	}
	if (len > b->chunkleft || b->chunkp == NULL) {
		size = len > STORE_BULK_CHUNK ? len : STORE_BULK_CHUNK;
		b->chunks = xreallocarray(b->chunks, b->nchunks + 1,
		    sizeof *b->chunks);
		b->chunks[b->nchunks++] = b->chunkp = xmalloc(size);
		b->chunkleft = size;
	}
	x = &b->recs[b->nrecs++];
	x->id = id;
	x->data = b->chunkp;
	x->len = len;
	x->obj = obj;
	memcpy(x->data, data, len);
	b->chunkp += len;
	b->chunkleft -= len;
}

static void
store_bulk_forget(struct store_bulk *b)
{
	size_t	i;

	for (i = 0; i < b->nchunks; i++)
		free(b->chunks[i]);
	free(b->chunks);
	free(b->recs);
	b->chunks = NULL;
	b->recs = NULL;
	b->nchunks = b->nrecs = b->reccap = b->chunkleft = 0;
}

/* One index's keys of the records kept, each record lent first; the
 * last index's pass lets go of the records. */
static void
store_bulk_lent_keys(struct store_bulk *b, struct store_bulk_run *r)
{
	const struct store_bulk_rec	*x;
	size_t				 i;

	for (i = 0; i < b->nrecs; i++) {
		x = &b->recs[i];
		b->lend(x->data, x->len, x->obj);
		store_bulk_keys(b, r, x->id, x->data, x->len);
	}
	b->lend(NULL, 0, NULL);
	if (r == &b->runs[b->nruns - 1])
		store_bulk_forget(b);
}

void
store_bulk_lender(struct store_bulk *b,
    void (*lend)(const void *data, size_t len, void *obj))
{
	b->lend = lend;
}

int
store_bulk_put_obj(struct store_bulk *b, uint64_t id, const void *data,
    size_t len, void *obj, struct err *e)
{
	unsigned char	k[8];
	size_t		i;
	int		rc;

	store_id_key(id, k);
	rc = store_bulk_add(b->t, b->db, &b->buf, &b->p, &b->nbuf, k, 8,
	    data, len, e);
	if (rc != 0)
		return rc;
	b->t->counts[b->table]++;
	if (b->lend != NULL && obj != NULL && b->nruns > 0)
		store_bulk_keep(b, id, data, len, obj);
	else
		for (i = 0; i < b->nruns; i++)
			store_bulk_keys(b, &b->runs[i], id, data, len);
	return 0;
}

int
store_bulk_put(struct store_bulk *b, uint64_t id, const void *data,
    size_t len, struct err *e)
{
	return store_bulk_put_obj(b, id, data, len, NULL, e);
}

/* The order of the index: the keys as bytes, then the ids (big-endian,
 * so as bytes too), as Berkeley DB's default comparisons have it. */
static int
store_bulk_cmp(const void *pa, const void *pb, void *arena)
{
	const struct store_bulk_ent	*a = pa, *b = pb;
	const unsigned char		*m = arena;
	uint32_t			 n;
	int				 c;

	if (a->pre != b->pre)
		return a->pre < b->pre ? -1 : 1;
	n = a->klen < b->klen ? a->klen : b->klen;
	if ((c = memcmp(m + a->off, m + b->off,
	    n)) != 0)
		return c;
	if (a->klen != b->klen)
		return a->klen < b->klen ? -1 : 1;
	return memcmp(m + a->off + a->klen,
	    m + b->off + b->klen, 8);
}

/* An index's keys in order, computed first if a lender's. */
static void
store_bulk_sort(struct store_bulk *b, struct store_bulk_run *r)
{
	if (b->lend != NULL)
		store_bulk_lent_keys(b, r);
	if (r->n > 1)
		qsort_r(r->v, r->n, sizeof *r->v, store_bulk_cmp, r->arena);
}

/* Writes one index's keys, sorted, each pair once. */
static int
store_bulk_run_write(struct store_bulk *b, struct store_bulk_run *r,
    struct err *e)
{
	const struct store_bulk_ent	*x, *prev = NULL;
	size_t				 i;
	int				 rc = 0;

	for (i = 0; rc == 0 && i < r->n; i++) {
		x = &r->v[i];
		if (prev != NULL && store_bulk_cmp(prev, x, r->arena) == 0)
			continue;
		prev = x;
		rc = store_bulk_add(b->t, r->db, &b->buf, &b->p, &b->nbuf,
		    r->arena + x->off, x->klen, r->arena + x->off + x->klen,
		    8, e);
	}
	if (rc == 0)
		rc = store_bulk_flush(b->t, r->db, &b->buf, &b->p, &b->nbuf,
		    e);
	free(r->arena);
	free(r->v);
	r->arena = NULL;
	r->v = NULL;
	r->n = r->len = r->cap = r->vcap = 0;
	return rc;
}

static void *
store_bulk_sorter(void *arg)
{
	struct store_bulk_sorter	*z = arg;
	size_t				 i;
	int				 failed;

	for (i = 0; i < z->b->nruns; i++) {
		pthread_mutex_lock(&z->mu);
		/* A lender's keys: only those of the index being written
		 * and of the next are held. */
		while (z->b->lend != NULL && !z->failed && i > z->written + 1)
			pthread_cond_wait(&z->cv, &z->mu);
		failed = z->failed;
		pthread_mutex_unlock(&z->mu);
		if (!failed)
			store_bulk_sort(z->b, &z->b->runs[i]);
		pthread_mutex_lock(&z->mu);
		z->sorted = i + 1;
		pthread_cond_broadcast(&z->cv);
		pthread_mutex_unlock(&z->mu);
	}
	return NULL;
}

void
store_bulk_sort_ahead(struct store_bulk *b)
{
	struct store_bulk_sorter	*z = &b->z;

	if (!z->started && b->nruns > 0)
		z->started = thread_start(&z->th, store_bulk_sorter, z) == 0;
}

/* Waits for the sorter to end; failed: stops it at the next index. */
static void
store_bulk_sorted(struct store_bulk *b, int failed)
{
	struct store_bulk_sorter	*z = &b->z;

	if (!z->started)
		return;
	if (failed) {
		pthread_mutex_lock(&z->mu);
		z->failed = 1;
		pthread_cond_broadcast(&z->cv);
		pthread_mutex_unlock(&z->mu);
	}
	thread_join(z->th);
	z->started = 0;
}

int
store_bulk_end(struct store_bulk *b, struct err *e)
{
	struct store_bulk_sorter	*z = &b->z;
	size_t				 i;
	int				 rc;

	store_bulk_sort_ahead(b);
	rc = store_bulk_flush(b->t, b->db, &b->buf, &b->p, &b->nbuf, e);
	for (i = 0; i < b->nruns; i++) {
		if (z->started) {
			pthread_mutex_lock(&z->mu);
			while (z->sorted <= i)
				pthread_cond_wait(&z->cv, &z->mu);
			pthread_mutex_unlock(&z->mu);
		} else
			store_bulk_sort(b, &b->runs[i]);
		if (rc == 0)
			rc = store_bulk_run_write(b, &b->runs[i], e);
		if (z->started) {
			pthread_mutex_lock(&z->mu);
			z->written = i + 1;
			z->failed = rc != 0;
			pthread_cond_broadcast(&z->cv);
			pthread_mutex_unlock(&z->mu);
		}
	}
	store_bulk_sorted(b, 0);
	store_bulk_free(b);
	return rc;
}

int
store_bulk_finish(struct store_bulk *b, int rc, struct err *e)
{
	if (b == NULL)
		return rc;
	if (rc != 0) {
		store_bulk_free(b);
		return rc;
	}
	return store_bulk_end(b, e);
}

/* The handles are closed when the transaction has ended. */
static void
store_bulk_late(struct store_txn *t, DB *db)
{
	if (db == NULL)
		return;
	if (t->nlate == sizeof t->late / sizeof t->late[0])
		fatal("store: too many bulk writers in one transaction");
	t->late[t->nlate++] = db;
}

void
store_bulk_free(struct store_bulk *b)
{
	size_t	i;

	if (b == NULL)
		return;
	store_bulk_sorted(b, 1);	/* one still sorting ahead */
	pthread_mutex_destroy(&b->z.mu);
	pthread_cond_destroy(&b->z.cv);
	for (i = 0; i < b->nruns; i++) {
		store_bulk_late(b->t, b->runs[i].db);
		free(b->runs[i].arena);
		free(b->runs[i].v);
	}
	store_bulk_late(b->t, b->db);
	store_bulk_forget(b);
	free(b->keys.v);
	free(b->buf.data);
	free(b);
}
