/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_STORE_H
#define KITH_STORE_H

/*
 * store: one Berkeley DB transactional environment in a directory.
 *
 * Primary tables keyed by a 64-bit id, secondary indexes whose keys come
 * from callbacks, transactions that never block on another process (they
 * fail fast and are retried with backoff), recovery after a crash, reopen
 * when the library says the environment needs recovery, hot backup and
 * verification.  Nothing here knows what a contact is; no DBT escapes.
 * This is the only module that includes <db.h>.
 */

#include <stddef.h>
#include <stdint.h>

struct err;
struct buf;
struct store;
struct store_txn;
struct store_cursor;

/* Results besides 0 and -1. */
#define STORE_NOTFOUND	1
#define STORE_RETRY	(-2)	/* lock conflict: return it from the txn fn */

/* Keys an index callback produces for one record (copied by the store). */
struct store_key {
	void	*data;
	size_t	 len;
};
struct store_keys {
	struct store_key *v;
	size_t		  n, cap;
};
void	store_keys_add(struct store_keys *k, const void *p, size_t len);

/* Fills keys for the record (id, data); adds none to leave it unindexed. */
typedef void (*store_keys_fn)(uint64_t id, const void *data, size_t len,
	    struct store_keys *out);

struct store_table_def {
	const char	*name;
};
struct store_index_def {
	const char	*name;
	int		 table;		/* index into the schema's tables */
	store_keys_fn	 keys;
	int		 scanned;	/* read through by STORE_CUR_KEYS */
};
/* An opening raises a database's version to the schema's (an older kith
 * then refuses it: it would not keep up the indexes it does not know),
 * and then removes the indexes retired (NULL-terminated): retiring one
 * takes a raise of the version. */
struct store_schema {
	uint32_t			 version;
	const struct store_table_def	*tables;
	size_t				 ntables;
	const struct store_index_def	*indexes;
	size_t				 nindexes;
	const char *const		*retired;
};

/* Flags for store_open. */
#define STORE_CREATE	0x1	/* create the directory and environment */
#define STORE_SHARED	0x2	/* group-shared: files 0660, directory 2770 */

/*
 * Opens (running recovery when a process died) the environment in dir.
 * timeout_ms bounds how long any transaction keeps retrying on lock
 * conflicts before it gives up with "database busy".
 */
struct store	*store_open(const char *dir, const struct store_schema *schema,
		    int flags, int timeout_ms, struct err *e);
void		 store_close(struct store *st);
const char	*store_dir(const struct store *st);
const struct store_schema *store_schema(const struct store *st);

/* Transactions: fn runs inside one; STORE_RETRY from it retries. */
#define STORE_READ	0x1	/* read-only: read committed */
#define STORE_NOSYNC	0x2	/* do not sync the log at commit */
typedef int (*store_txn_fn)(struct store_txn *t, void *arg, struct err *e);
int	store_txn_run(struct store *st, int flags, store_txn_fn fn, void *arg,
	    struct err *e);
struct store	*store_txn_store(struct store_txn *t);

/* Records.  Each returns 0, STORE_NOTFOUND, STORE_RETRY or -1. */
#define STORE_RMW	0x1	/* read for update: lock for writing now */
int	store_get(struct store_txn *t, int table, uint64_t id, struct buf *out,
	    int flags, struct err *e);
int	store_put(struct store_txn *t, int table, uint64_t id, const void *data,
	    size_t len, struct err *e);
int	store_del(struct store_txn *t, int table, uint64_t id, struct err *e);
/* Records of a table keyed by any bytes instead of an id (a cursor gives
 * them with id 0 and the key). */
int	store_kget(struct store_txn *t, int table, const void *key,
	    size_t klen, struct buf *out, int flags, struct err *e);
int	store_kput(struct store_txn *t, int table, const void *key,
	    size_t klen, const void *data, size_t len, struct err *e);
int	store_kdel(struct store_txn *t, int table, const void *key,
	    size_t klen, struct err *e);
/* The next unused id of a table (1, 2, ...); never reused. */
int	store_next_id(struct store_txn *t, int table, uint64_t *id,
	    struct err *e);
/* Reserves count ids at once; the first is *first. */
int	store_next_ids(struct store_txn *t, int table, uint64_t count,
	    uint64_t *first, struct err *e);

/*
 * The probe: kith run as "kith STORE_PROBE_ARG DIR" opens and closes the
 * environment in DIR, which recovers it if a process died in it, and
 * exits with store_probe_main's result (0, or 1 when it could not).
 * A process stuck behind a lock runs it (store-guard.c).
 */
#define STORE_PROBE_ARG	"--probe-environment"
int	store_probe_main(const char *dir);

/*
 * Bulk writing of many new records of one table in one transaction (a
 * load, an import): store_bulk_put takes the records in id order, ids that
 * are not in the table; store_bulk_end writes their index keys, sorted.
 * Nothing may read the table's indexes in between (they lack the records
 * put so far).  store_bulk_free drops a bulk write that failed.
 */
struct store_bulk;
int	store_bulk_begin(struct store_txn *t, int table,
	    struct store_bulk **out, struct err *e);
int	store_bulk_put(struct store_bulk *b, uint64_t id, const void *data,
	    size_t len, struct err *e);
int	store_bulk_end(struct store_bulk *b, struct err *e);
void	store_bulk_free(struct store_bulk *b);
/* Ends b (NULL: none) if rc is 0, else drops it; the rc that follows. */
int	store_bulk_finish(struct store_bulk *b, int rc, struct err *e);
/*
 * With a lender, store_bulk_end computes the index keys on the second
 * core, one index at a time while this one writes the last, instead of
 * store_bulk_put computing them all: lend(data, len, obj) is called there
 * before each record's keys, obj as given to store_bulk_put_obj, and
 * lend(NULL, 0, NULL) after each index.  obj must outlive the bulk write;
 * a record put without one has its keys computed at once.
 */
void	store_bulk_lender(struct store_bulk *b,
	    void (*lend)(const void *data, size_t len, void *obj));
/* After the last put: the other core starts on the index keys now, while
 * this one writes something else (another bulk write's end) before
 * store_bulk_end. */
void	store_bulk_sort_ahead(struct store_bulk *b);
int	store_bulk_put_obj(struct store_bulk *b, uint64_t id,
	    const void *data, size_t len, void *obj, struct err *e);

/* The id counter itself (the last id given), read and restored by load. */
int	store_seq_get(struct store_txn *t, int table, uint64_t *seq,
	    struct err *e);
int	store_seq_set(struct store_txn *t, int table, uint64_t seq,
	    struct err *e);
/* Small named values in the meta table. */
int	store_meta_get(struct store_txn *t, const char *name, struct buf *out,
	    int flags, struct err *e);
int	store_meta_put(struct store_txn *t, const char *name, const void *data,
	    size_t len, struct err *e);
/* A counter bumped by every write transaction (to notice others' edits). */
int	store_changes(struct store *st, uint64_t *n, struct err *e);

/* Cursors, over a table (index < 0) or an index; closed with the txn. */
struct store_row {
	const void	*key;	/* index key (or 8-byte id for a table) */
	size_t		 klen;
	uint64_t	 id;
	const void	*data;	/* the primary record, when asked for */
	size_t		 dlen;
};
#define STORE_CUR_DATA	0x1	/* fetch the primary record too */
#define STORE_CUR_KEYS	0x2	/* keys and ids alone of an index marked
				 * scanned: no record read, much faster;
				 * seek and next only (of another index:
				 * a handle opened for the transaction) */
#define STORE_CUR_BULK	0x4	/* a table's rows with their records read
				 * a buffer at a time: next after a seek;
				 * a row lasts until the next call (and a
				 * scan, as STORE_CUR_SCAN) */
#define STORE_CUR_SCAN	0x8	/* read from end to end: the pages it
				 * brings into the shared cache are the
				 * first let go, so a dump, an export or a
				 * report does not push out what everyone's
				 * look-ups keep there */
int	store_cursor_open(struct store_txn *t, int table, int index, int flags,
	    struct store_cursor **out, struct err *e);
/* First row with key >= (key, klen); klen 0: the first row. */
int	store_cursor_seek(struct store_cursor *c, const void *key, size_t klen,
	    struct store_row *row);
/* Exactly (key, klen), and then rows with the same key by next_dup. */
int	store_cursor_find(struct store_cursor *c, const void *key, size_t klen,
	    struct store_row *row);
int	store_cursor_next(struct store_cursor *c, struct store_row *row);
int	store_cursor_next_dup(struct store_cursor *c, struct store_row *row);
int	store_cursor_prev(struct store_cursor *c, struct store_row *row);
int	store_cursor_last(struct store_cursor *c, struct store_row *row);
/* Rows with the current key (indexes only). */
int	store_cursor_count(struct store_cursor *c, uint64_t *n);
void	store_cursor_close(struct store_cursor *c);
/* Error detail for a cursor call that returned -1. */
const char *store_cursor_error(struct store_cursor *c);

/* Records in a table (from the btree's statistics). */
int	store_count(struct store_txn *t, int table, uint64_t *n,
	    struct err *e);

/* Maintenance. */
int	store_backup(struct store *st, const char *dir, struct err *e);
/* Verifies the database file (of a quiet environment) and the indexes. */
int	store_verify(const char *dir, struct err *e);

/* Id <-> 8-byte big-endian key. */
void		store_id_key(uint64_t id, unsigned char out[8]);
uint64_t	store_key_id(const void *p);

#endif /* KITH_STORE_H */
