/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "store.h"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <db.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "store-int.h"
#include "xmalloc.h"

#define STORE_REJOIN_MS	500	/* lock conflicts this long: reopen */
#define STORE_PROBE_MS	5000	/* a probe that has not finished by then */
#define STORE_NOTOKEN	0x100	/* a transaction flag: no commit token */

struct store_cursor {
	struct store_txn	*t;
	DBC			*dbc;
	DB			*prim;	/* a scan of an index: its records' */
	int			 index;
	int			 flags;		/* STORE_CUR_* */
	DBT			 k, pk, d;
	DBT			 bulk;	/* STORE_CUR_KEYS, _BULK: rows read */
	void			*bp;		/* ahead, and the next one */
	char			 error[256];
	struct store_cursor	*next;
};

/*
 * Settings every process must share live in DB_CONFIG (NOTES 6, 7).
 * A load or an import is one transaction holding a lock on every page it
 * wrote: about 63 000 for 100 000 contacts, so 200 000 locks ran out past
 * 300 000 contacts.  The lock region grows as locks are taken, up to the
 * maxima; its hash table does not, and was sized from the maxima (41 MB
 * on disk in every database): a fixed table size keeps the region at a
 * few megabytes.
 */
static const char store_db_config[] =
    "# Written by kith when it created this database.\n"
    "# Log files are group read-write (0660, written in decimal).\n"
    "set_lg_filemode 432\n"
    "set_cachesize 0 16777216 1\n"
    "set_lg_bsize 1048576\n"
    "set_lg_max 10485760\n"
    "set_lk_detect DB_LOCK_DEFAULT\n"
    "set_lk_max_locks 3000000\n"
    "set_lk_max_objects 3000000\n"
    "set_lk_tablesize 65536\n"
    "set_lk_max_lockers 4000\n"
    "set_tx_max 200\n"
    "log_set_config DB_LOG_AUTO_REMOVE\n";

void
store_id_key(uint64_t id, unsigned char out[8])
{
	int	i;

	for (i = 7; i >= 0; i--) {
		out[i] = id & 0xff;
		id >>= 8;
	}
}

uint64_t
store_key_id(const void *p)
{
	const unsigned char	*b = p;
	uint64_t		 id = 0;
	int			 i;

	for (i = 0; i < 8; i++)
		id = (id << 8) | b[i];
	return id;
}

void
store_keys_add(struct store_keys *k, const void *p, size_t len)
{
	size_t	i;

	for (i = 0; i < k->n; i++) {	/* a key twice would upset BDB */
		if (k->v[i].len == len && memcmp(k->v[i].data, p, len) == 0)
			return;
	}
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 8;
		k->v = xreallocarray(k->v, k->cap, sizeof *k->v);
	}
	k->v[k->n].data = xmalloc(len ? len : 1);
	memcpy(k->v[k->n].data, p, len);
	k->v[k->n].len = len;
	k->n++;
}

static void
store_errcall(const DB_ENV *env, const char *pfx, const char *msg)
{
	struct store	*st = env->app_private;

	(void)pfx;
	if (st != NULL)
		snprintf(st->msg, sizeof st->msg, "%s", msg);
}

/*
 * Whether the disk of dir is full: less room than two log buffers.  On a
 * full disk the cache cannot write its pages out to make room, and the
 * library says EIO ("unable to allocate space from the buffer cache").
 */
static int
store_disk_full(const char *dir)
{
	struct statvfs	sv;

	return statvfs(dir, &sv) == 0 &&
	    (unsigned long long)sv.f_bavail * sv.f_frsize < 2 * 1048576ULL;
}

/* Classifies a library error: retry, recover, or a real error. */
int
store_fail(struct store_txn *t, int ret, const char *what, struct err *e)
{
	if (ret == DB_LOCK_DEADLOCK || ret == DB_LOCK_NOTGRANTED)
		return STORE_RETRY;
	if (ret == DB_RUNRECOVERY) {
		if (t != NULL)
			t->recover = 1;
		return STORE_RETRY;
	}
	if (ret == EIO && t != NULL && store_disk_full(t->st->dir))
		ret = ENOSPC;
	err_set(e, t ? t->st->dir : NULL, 0, "%s: %s", what,
	    ret == ENOSPC ? "no space left on device" : db_strerror(ret));
	return -1;
}

/* Secondary callback: the index definition hangs off the DB handle. */
static int
store_index_cb(DB *sec, const DBT *key, const DBT *data, DBT *result)
{
	const struct store_index_def	*def = sec->app_private;
	struct store_keys		 keys = { NULL, 0, 0 };
	DBT				*multi;
	size_t				 i;

	def->keys(store_key_id(key->data), data->data, data->size, &keys);
	memset(result, 0, sizeof *result);
	if (keys.n == 0) {
		free(keys.v);
		return DB_DONOTINDEX;
	}
	if (keys.n == 1) {
		result->data = keys.v[0].data;
		result->size = keys.v[0].len;
		result->flags = DB_DBT_APPMALLOC;
		free(keys.v);
		return 0;
	}
	multi = xcalloc(keys.n, sizeof *multi);
	for (i = 0; i < keys.n; i++) {
		multi[i].data = keys.v[i].data;
		multi[i].size = keys.v[i].len;
		multi[i].flags = DB_DBT_APPMALLOC;
	}
	result->data = multi;
	result->size = keys.n;
	result->flags = DB_DBT_MULTIPLE | DB_DBT_APPMALLOC;
	free(keys.v);
	return 0;
}

/*
 * Refuses, before the library touches anything, a directory this user
 * cannot use: an outsider of a shared office is told whose group it is,
 * and a read-only one is named as such, instead of a half-open database.
 */
static int
store_access(const char *dir, const struct stat *sb, struct err *e)
{
	struct group	*gr;

	if (access(dir, R_OK | W_OK | X_OK) == 0)
		return 0;
	if (errno == EROFS) {
		err_set(e, NULL, 0, "read-only file system: %s (kith needs "
		    "to write to its database directory)", dir);
		return -1;
	}
	if (errno != EACCES) {
		err_set(e, dir, 0, "%s", strerror(errno));
		return -1;
	}
	if (access(dir, R_OK | X_OK) == 0)
		err_set(e, NULL, 0, "permission denied: %s is read-only "
		    "(kith needs to write to its database directory)", dir);
	else if ((sb->st_mode & 0070) != 0 &&
	    (gr = getgrgid(sb->st_gid)) != NULL)
		err_set(e, NULL, 0, "permission denied: %s (you are not in "
		    "group %s)", dir, gr->gr_name);
	else
		err_set(e, NULL, 0, "permission denied: %s", dir);
	return -1;
}

static int
store_mkdir(const char *dir, int flags, struct err *e)
{
	struct stat	sb;
	mode_t		mode = (flags & STORE_SHARED) ? 02770 : 0700;

	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			err_set(e, dir, 0, "not a directory");
			return -1;
		}
		return store_access(dir, &sb, e);
	}
	if (errno != ENOENT || !(flags & STORE_CREATE)) {
		err_set(e, dir, 0, "%s", errno == ENOENT ?
		    "no database here (create one with kith init)" :
		    strerror(errno));
		return -1;
	}
	/* Parents are made as ordinary directories. */
	{
		char	*p = xstrdup(dir), *s;

		for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
			*s = '\0';
			if (mkdir(p, 0755) == -1 && errno != EEXIST) {
				err_set(e, p, 0, "%s", strerror(errno));
				free(p);
				return -1;
			}
			*s = '/';
		}
		free(p);
	}
	if (mkdir(dir, mode) == -1 && errno != EEXIST) {
		err_set(e, dir, 0, "%s", strerror(errno));
		return -1;
	}
	if (chmod(dir, mode) == -1) {
		err_set(e, dir, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Writes DB_CONFIG once, atomically, if the directory has none. */
static int
store_write_config(const char *dir, struct err *e)
{
	char	path[PATH_MAX], tmp[PATH_MAX];
	int	fd;
	ssize_t	n;

	snprintf(path, sizeof path, "%s/DB_CONFIG", dir);
	if (access(path, F_OK) == 0)
		return 0;
	snprintf(tmp, sizeof tmp, "%s/.DB_CONFIG.%ld", dir, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0660);
	if (fd == -1) {
		err_set(e, dir, 0, "%s", strerror(errno));
		return -1;
	}
	n = write(fd, store_db_config, sizeof store_db_config - 1);
	if (n != (ssize_t)(sizeof store_db_config - 1) || fsync(fd) == -1) {
		err_set(e, tmp, 0, "%s", strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (link(tmp, path) == -1 && errno != EEXIST) {
		err_set(e, path, 0, "%s", strerror(errno));
		unlink(tmp);
		return -1;
	}
	unlink(tmp);
	return 0;
}

static int
store_db_open(struct store *st, DB **out, const char *name, int dup,
    struct err *e)
{
	DB	*db;
	int	 ret;

	if ((ret = db_create(&db, st->env, 0)) != 0)
		goto fail;
	if (dup && (ret = db->set_flags(db, DB_DUP | DB_DUPSORT)) != 0)
		goto fail_close;
	ret = db->open(db, st->open_txn, STORE_FILE, name, DB_BTREE,
	    DB_CREATE, STORE_MODE);
	if (ret != 0)
		goto fail_close;
	*out = db;
	return 0;
fail_close:
	db->close(db, 0);
fail:
	err_set(e, st->dir, 0, "cannot open %s: %s", name,
	    ret == EACCES ? "permission denied" : ret == ENOSPC ?
	    "no space left on device" : db_strerror(ret));
	return ret;
}

/* Checks the database's schema version; raises it to this kith's, and
 * sets *older, when the database is an older kith's. */
static int
store_check_schema(struct store *st, int *older, struct err *e)
{
	DBT		k, d;
	unsigned char	v[4];
	uint32_t	have;
	int		ret;

	*older = 0;
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.data = "schema";
	k.size = 6;
	d.data = v;
	d.ulen = sizeof v;
	d.flags = DB_DBT_USERMEM;
	ret = st->meta->get(st->meta, st->open_txn, &k, &d, 0);
	if (ret != 0 && ret != DB_NOTFOUND)
		return store_fail(NULL, ret, "schema", e);
	if (ret == 0) {
		have = (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 |
		    v[2] << 8 | v[3];
		if (d.size != 4 || have > st->schema->version) {
			err_set(e, st->dir, 0, "database made by a newer kith "
			    "(schema %u; this kith knows %u): upgrade kith",
			    have, st->schema->version);
			return -1;
		}
		if (have == st->schema->version)
			return 0;
		*older = 1;
	}
	v[0] = st->schema->version >> 24;
	v[1] = st->schema->version >> 16;
	v[2] = st->schema->version >> 8;
	v[3] = st->schema->version;
	d.size = 4;
	ret = st->meta->put(st->meta, st->open_txn, &k, &d, 0);
	return ret == 0 ? 0 : store_fail(NULL, ret, "schema", e);
}

/*
 * An upgrade removes the retired indexes still in the file, each in a
 * transaction nested in the opening's, which never waits.  A kith of an
 * older version that is still running holds them open: upgrading the
 * database under it would leave it writing records whose new indexes it
 * does not keep up, so the opening fails, saying so.  The pages go back
 * to the file for reuse.
 */
static int
store_drop_retired(struct store *st, struct err *e)
{
	const char *const	*r;
	char			 name[128];
	DB_TXN			*txn;
	DBT			 k, d;
	int			 ret;

	for (r = st->schema->retired; r != NULL && *r != NULL; r++) {
		snprintf(name, sizeof name, "idx.%s", *r);
		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		k.data = name;
		k.size = strlen(name);
		ret = st->meta->get(st->meta, st->open_txn, &k, &d, 0);
		if (ret == DB_NOTFOUND)
			continue;
		if (ret != 0)
			return store_fail(NULL, ret, "index", e);
		ret = st->env->txn_begin(st->env, st->open_txn, &txn,
		    DB_TXN_NOWAIT);
		if (ret != 0)
			return store_fail(NULL, ret, "index", e);
		ret = st->env->dbremove(st->env, txn, STORE_FILE, name, 0);
		if (ret == 0 || ret == ENOENT)
			ret = st->meta->del(st->meta, txn, &k, 0);
		if (ret == 0)
			ret = txn->commit(txn, 0);
		else
			txn->abort(txn);
		if (ret == 0)
			continue;
		if (ret == DB_LOCK_NOTGRANTED || ret == DB_LOCK_DEADLOCK) {
			err_set(e, st->dir, 0, "an older kith still has the "
			    "database open: end its sessions, then open it "
			    "with this one to upgrade it");
			return -1;
		}
		return store_fail(NULL, ret, name, e);
	}
	return 0;
}

/* Associates one index; builds it from its table the first time. */
static int
store_associate(struct store *st, size_t i, struct err *e)
{
	const struct store_index_def	*def = &st->schema->indexes[i];
	char				 name[128];
	DBT				 k, d;
	DB				*sec;
	int				 ret, built;

	snprintf(name, sizeof name, "idx.%s", def->name);
	if (store_db_open(st, &st->indexes[i], name, 1, e) != 0)
		return -1;
	sec = st->indexes[i];
	sec->app_private = (void *)def;
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.data = name;
	k.size = strlen(name);
	ret = st->meta->get(st->meta, st->open_txn, &k, &d, 0);
	built = (ret == 0);
	ret = st->tables[def->table]->associate(st->tables[def->table],
	    st->open_txn,
	    sec, store_index_cb, built ? 0 : DB_CREATE);
	if (ret != 0) {
		err_set(e, st->dir, 0, "index %s: %s", def->name,
		    db_strerror(ret));
		return -1;
	}
	if (!built) {
		d.data = "1";
		d.size = 1;
		ret = st->meta->put(st->meta, st->open_txn, &k, &d, 0);
		if (ret != 0)
			return store_fail(NULL, ret, "index", e);
	}
	/* An extra handle costs every process a fraction of a millisecond. */
	return def->scanned ? store_db_open(st, &st->keys[i], name, 1, e) : 0;
}

static void
store_close_handles(struct store *st)
{
	size_t	i;

	if (st->env == NULL)
		return;
	for (i = 0; i < STORE_MAX_DB; i++) {
		if (st->keys[i] != NULL)
			st->keys[i]->close(st->keys[i], 0);
		st->keys[i] = NULL;
		if (st->indexes[i] != NULL)
			st->indexes[i]->close(st->indexes[i], 0);
		st->indexes[i] = NULL;
	}
	for (i = 0; i < STORE_MAX_DB; i++) {
		if (st->tables[i] != NULL)
			st->tables[i]->close(st->tables[i], 0);
		st->tables[i] = NULL;
	}
	if (st->meta != NULL)
		st->meta->close(st->meta, 0);
	st->meta = NULL;
	st->env->close(st->env, 0);
	st->env = NULL;
}

/*
 * The library maps its region files (__db.001 ...) and leaves them
 * sparse: on a full disk, touching a page never written kills the process
 * with SIGBUS.  Reserving their blocks at open turns that into a clear
 * "no space left on device" before any work starts.  A region grows as it
 * is used (the cache's, up to the cache size, while pages are read; the
 * locks', in a large transaction) by writing a byte past its end, inside
 * the size it is mapped at: that much is reserved, up to
 * STORE_REGION_RESERVE a file.  An import that filled the disk died of
 * SIGBUS when the cache's region grew.
 */
#define STORE_REGION_RESERVE	(24 * 1024 * 1024)

#define STORE_REGIONS		9	/* __db.001 to __db.009 */

struct store_region {
	int	 fd;		/* -1: no such file */
	dev_t	 dev;
	ino_t	 ino;
	off_t	 size, mapped;
};

/* The sizes this process maps the regions at, in one read of /proc
 * (none where it cannot be read). */
static void
store_regions_mapped(struct store_region *r)
{
	FILE			*f = fopen("/proc/self/maps", "r");
	char			 line[PATH_MAX + 128];
	unsigned long long	 lo, hi, off, inode;
	unsigned int		 maj, min;
	int			 i;

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%llx-%llx %*s %llx %x:%x %llu", &lo, &hi,
		    &off, &maj, &min, &inode) != 6)
			continue;
		for (i = 0; i < STORE_REGIONS; i++)
			if (r[i].fd != -1 && r[i].ino == inode &&
			    r[i].dev == makedev(maj, min) &&
			    (off_t)(off + hi - lo) > r[i].mapped)
				r[i].mapped = (off_t)(off + hi - lo);
	}
	fclose(f);
}

static int
store_regions_reserve(struct store *st, struct err *e)
{
	struct store_region	r[STORE_REGIONS];
	char			path[PATH_MAX];
	struct stat		sb;
	off_t			size;
	int			i, ret = 0;

	for (i = 0; i < STORE_REGIONS; i++) {
		memset(&r[i], 0, sizeof r[i]);
		snprintf(path, sizeof path, "%s/__db.%03d", st->dir, i + 1);
		if ((r[i].fd = open(path, O_RDWR)) == -1)
			continue;
		if (fstat(r[i].fd, &sb) == -1 || sb.st_size == 0) {
			close(r[i].fd);
			r[i].fd = -1;
			continue;
		}
		r[i].dev = sb.st_dev;
		r[i].ino = sb.st_ino;
		r[i].size = sb.st_size;
	}
	store_regions_mapped(r);
	for (i = 0; i < STORE_REGIONS; i++) {
		if (r[i].fd == -1)
			continue;
		size = r[i].mapped > STORE_REGION_RESERVE ?
		    STORE_REGION_RESERVE : r[i].mapped;
		if (size < r[i].size)
			size = r[i].size;
		if (ret == 0)
			ret = posix_fallocate(r[i].fd, 0, size);
		close(r[i].fd);
	}
	if (ret == ENOSPC) {
		err_set(e, st->dir, 0, "no space left on device");
		return -1;
	}
	return 0;
}

static int
store_env_open(struct store *st, struct err *e)
{
	u_int32_t	flags = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK |
			    DB_INIT_LOG | DB_INIT_MPOOL | DB_RECOVER |
			    DB_REGISTER;
	size_t		i;
	int		ret, older;

	st->msg[0] = '\0';	/* not an earlier attempt's word */
	if ((ret = db_env_create(&st->env, 0)) != 0) {
		err_set(e, st->dir, 0, "%s", db_strerror(ret));
		return -1;
	}
	st->env->app_private = st;
	st->env->set_errcall(st->env, store_errcall);
	ret = st->env->open(st->env, st->dir, flags, STORE_MODE);
	if (ret != 0) {
		err_set(e, st->dir, 0, "cannot open the database: %s%s%s",
		    ret == EACCES ? "permission denied" : db_strerror(ret),
		    st->msg[0] ? ": " : "", st->msg);
		st->env->close(st->env, 0);
		st->env = NULL;
		return -1;
	}
	if (store_regions_reserve(st, e) != 0)
		goto fail;
	/* One transaction that never waits: a writer holding a page the
	 * opening needs makes it fail (and retry) instead of hanging. */
	ret = st->env->txn_begin(st->env, NULL, &st->open_txn, DB_TXN_NOWAIT);
	if (ret != 0) {
		err_set(e, st->dir, 0, "cannot open: %s", ret == ENOSPC ?
		    "no space left on device" : db_strerror(ret));
		goto fail;
	}
	if (store_db_open(st, &st->meta, "meta", 0, e) != 0)
		goto fail;
	if (store_check_schema(st, &older, e) != 0 ||
	    (older && store_drop_retired(st, e) != 0))
		goto fail;
	for (i = 0; i < st->schema->ntables; i++) {
		if (store_db_open(st, &st->tables[i],
		    st->schema->tables[i].name, 0, e) != 0)
			goto fail;
	}
	for (i = 0; i < st->schema->nindexes; i++) {
		if (store_associate(st, i, e) != 0)
			goto fail;
	}
	ret = st->open_txn->commit(st->open_txn, 0);
	st->open_txn = NULL;
	if (ret != 0) {
		err_set(e, st->dir, 0, "cannot open: %s", ret == ENOSPC ?
		    "no space left on device" : db_strerror(ret));
		goto fail;
	}
	store_guard_pin(st);
	return 0;
fail:
	if (st->open_txn != NULL)
		st->open_txn->abort(st->open_txn);
	st->open_txn = NULL;
	if (!err_isset(e))	/* a lock conflict (STORE_RETRY) */
		err_set(e, st->dir, 0, "DB_LOCK_NOTGRANTED");
	store_close_handles(st);
	return -1;
}

static long	store_now_ms(void);
static void	store_close_env(struct store *);
static void	store_abandon(struct store *);
static int	store_txn_retry(struct store *, int, store_txn_fn, void *,
		    struct err *);
static struct store	*store_opened;	/* this process's, by next_open */

/* Whether another store of this process has the directory of st open
 * (one left without its environment holds no slot of the register). */
static int
store_open_here(const struct store *st)
{
	const struct store	*o;

	for (o = store_opened; o != NULL; o = o->next_open) {
		if (o != st && o->env != NULL && o->dir_dev == st->dir_dev &&
		    o->dir_ino == st->dir_ino)
			return 1;
	}
	return 0;
}

/*
 * An opening that failed in recovery leaves this process registered, so
 * that the next one recovers again; but this process's next one is
 * refused (BDB1528).  Unless another store of this process has the
 * database open, the slot is such a leftover: handed to a dead process,
 * the next attempt runs recovery again.  Says whether it was.
 */
static int
store_orphan_slot(struct store *st, const struct err *e)
{
	if (strstr(e->msg, "BDB1528") == NULL || store_open_here(st))
		return 0;
	store_guard_orphan(st);
	return 1;
}

static void
store_opened_drop(struct store *st)
{
	struct store	**pp;

	for (pp = &store_opened; *pp != NULL; pp = &(*pp)->next_open) {
		if (*pp == st) {
			*pp = st->next_open;
			break;
		}
	}
}

struct store *
store_open(const char *dir, const struct store_schema *schema, int flags,
    int timeout_ms, struct err *e)
{
	struct store	*st;
	struct err	 first;
	struct stat	 sb;
	mode_t		 mask;
	long		 deadline;
	int		 tries, orphaned = 0;

	if (schema->ntables > STORE_MAX_DB || schema->nindexes > STORE_MAX_DB)
		fatal("store: schema too large");
	/* Never take group write away, never give others anything (NOTES 6). */
	mask = umask(0);
	umask((mask & ~(mode_t)0070) | 0007);
	if (store_mkdir(dir, flags, e) != 0)
		return NULL;
	if (store_write_config(dir, e) != 0)
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->dir = xstrdup(dir);
	st->schema = schema;
	st->flags = flags;
	st->timeout_ms = timeout_ms;
	st->token[0] = ((uint64_t)getpid() << 32) ^ (uint64_t)time(NULL) ^
	    ((uint64_t)random() << 16);
	if (stat(dir, &sb) == 0) {
		st->dir_dev = sb.st_dev;
		st->dir_ino = sb.st_ino;
	}
	/* Several users starting at once after a crash: one recovers.  A
	 * writer holding a lock: wait for it, but not beyond the timeout. */
	deadline = store_now_ms() + timeout_ms;
	err_clear(&first);
	for (tries = 0; tries < 50 || store_now_ms() < deadline; tries++) {
		err_clear(e);
		if (store_env_open(st, e) == 0) {
			store_guard_start(st);
			st->next_open = store_opened;
			store_opened = st;
			return st;
		}
		if (!orphaned && store_orphan_slot(st, e)) {
			orphaned = 1;
			if (tries == 0)
				tries--;	/* not an attempt of its own */
			continue;
		}
		if (tries == 0)
			first = *e;
		else if (strstr(e->msg, "BDB1528") != NULL) {
			*e = first;	/* the failure that led to it */
			break;
		}
		if (strstr(e->msg, "DB_LOCK") == NULL &&
		    strstr(e->msg, "DB_RUNRECOVERY") == NULL &&
		    strstr(e->msg, "Resource temporarily") == NULL)
			break;
		if (strstr(e->msg, "DB_LOCK") != NULL &&
		    store_now_ms() >= deadline)
			break;
		usleep(20000);
	}
	if (strstr(e->msg, "DB_LOCK") != NULL)
		err_set(e, dir, 0, "database busy: another kith holds a lock "
		    "(gave up after %d ms)", timeout_ms);
	free(st->dir);
	free(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->env != NULL && store_guard_enter(st)) {
		st->phase = STORE_DONE;
		if (sigsetjmp(store_guard_jmp, 1) == 0) {
			store_guard_arm(st);
			store_close_env(st);
		} else
			store_abandon(st);
		store_guard_leave(st);
	} else if (st->env != NULL)
		store_close_env(st);
	store_writeback_stop(st);
	store_guard_stop(st);
	store_opened_drop(st);
	free(st->dir);
	free(st);
}

const char *
store_dir(const struct store *st)
{
	return st->dir;
}

const struct store_schema *
store_schema(const struct store *st)
{
	return st->schema;
}

struct store *
store_txn_store(struct store_txn *t)
{
	return t->st;
}

static void
store_txn_close_cursors(struct store_txn *t)
{
	while (t->cursors != NULL)
		store_cursor_close(t->cursors);
}

/* Sleeps a little longer on each attempt, with jitter. */
static void
store_backoff(int attempt)
{
	long	us = 500L << (attempt < 8 ? attempt : 8);

	us += random() % us;
	usleep(us);
}

static long
store_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int
store_reopen(struct store *st, struct err *e)
{
	long	deadline = store_now_ms() + st->timeout_ms;
	int	rc, orphaned = 0;

	store_close_handles(st);
	/* Opening never waits for a lock (store_env_open): retry here. */
	while ((rc = store_env_open(st, e)) != 0 && store_now_ms() < deadline) {
		if (!orphaned && store_orphan_slot(st, e))
			orphaned = 1;
		else if (strstr(e->msg, "DB_LOCK") == NULL)
			break;
		err_clear(e);
		usleep(20000);
	}
	return rc;
}

static int	store_meta_bump(struct store_txn *, const char *, int64_t,
		    uint64_t *, struct err *);

/* Adds the transaction's record count changes to the meta table. */
static int
store_txn_counts(struct store_txn *t, struct err *e)
{
	char	name[80];
	size_t	i;
	int	rc;

	for (i = 0; i < t->st->schema->ntables; i++) {
		if (t->counts[i] == 0)
			continue;
		snprintf(name, sizeof name, "count.%s",
		    t->st->schema->tables[i].name);
		if ((rc = store_meta_bump(t, name, t->counts[i], NULL, e)) != 0)
			return rc;
	}
	return 0;
}

/* The probe's own work, in the child (main.c). */
int
store_probe_main(const char *dir)
{
	DB_ENV	*env;
	int	 ret;

	if (db_env_create(&env, 0) != 0)
		return 1;
	ret = env->open(env, dir, DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK |
	    DB_INIT_LOG | DB_INIT_MPOOL | DB_RECOVER | DB_REGISTER,
	    STORE_MODE);
	env->close(env, 0);
	return ret != 0;
}

/*
 * A lock held this long may be a dead process's, which only recovery
 * frees, and only an opener notices the dead.  This process cannot open
 * again itself (closing its handles would wait forever on a mutex the
 * dead one holds, and a second handle would drop its registration), so a
 * child opens and closes the environment: when somebody died it recovers,
 * and this process then gets DB_RUNRECOVERY and reopens, or, stuck on a
 * mutex of the dead, is taken out by the guard (store-guard.c).  Otherwise
 * it costs a few milliseconds.  A child that does not finish (seen under
 * valgrind) is killed: it cannot have held anything anybody needs.
 *
 * The child is this program run afresh (STORE_PROBE_ARG), spawned without
 * a copy of this process: a forked child of a process with threads may
 * only call what is async-signal-safe (under the sanitizers it hung for
 * ever in malloc, on a lock another thread held at the fork), and forking
 * a process of gigabytes costs a fault on every page it writes next.  A
 * fork is the fallback, where /proc is not there.
 */
void
store_probe(struct store *st)
{
	char	*argv[] = { (char *)"kith", (char *)STORE_PROBE_ARG, st->dir,
		    NULL };
	pid_t	 pid;
	long	 deadline;
	int	 status;

	if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv,
	    environ) != 0) {
		if ((pid = fork()) == -1)
			return;
		if (pid == 0)
			_exit(store_probe_main(st->dir));
	}
	deadline = store_now_ms() + STORE_PROBE_MS;
	for (;;) {
		pid_t	r = waitpid(pid, &status, WNOHANG);

		if (r == pid || (r == -1 && errno != EINTR))
			return;
		if (store_now_ms() > deadline) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
				;
			return;
		}
		usleep(r == 0 ? 2000 : 0);
	}
}

/*
 * Every write transaction leaves this process's token in the meta table:
 * a nonce and the number of the attempt.  When the guard took this process
 * out of a commit, the token read back tells whether the commit made it
 * into the log that recovery replayed.
 */
static void
store_token_key(char *name, size_t size)
{
	snprintf(name, size, "txn.%ld", (long)getpid());
}

static int
store_token_put(struct store_txn *t, struct err *e)
{
	char	name[32];

	t->st->token[1]++;
	store_token_key(name, sizeof name);
	return store_meta_put(t, name, t->st->token, sizeof t->st->token, e);
}

struct store_token_read {
	uint64_t	token[2];
	int		found;
};

static int
store_token_get_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct store_token_read	*r = arg;
	struct buf		 b = BUF_INIT;
	char			 name[32];
	int			 rc;

	store_token_key(name, sizeof name);
	r->found = 0;
	rc = store_meta_get(t, name, &b, 0, e);
	if (rc == 0 && b.len == sizeof r->token) {
		memcpy(r->token, b.data, sizeof r->token);
		r->found = 1;
	}
	buf_free(&b);
	return rc < 0 ? rc : 0;
}

/* After a jump out of a commit: 0 if it committed, else STORE_RETRY. */
static int
store_txn_settle(struct store *st, struct err *e)
{
	struct store_token_read	r;

	if (store_txn_retry(st, STORE_READ, store_token_get_fn, &r, e) != 0)
		return -1;
	if (r.found && memcmp(r.token, st->token, sizeof r.token) == 0) {
		st->wrote = 1;
		return 0;
	}
	return STORE_RETRY;
}

/*
 * Leaves an environment another process has recovered, as it is: its
 * handles wait on mutexes of the dead, so closing them would hang.  The
 * memory stays mapped; the next transaction opens the new environment.
 */
static void
store_abandon(struct store *st)
{
	size_t	i;

	st->env = NULL;
	st->open_txn = NULL;
	st->meta = NULL;
	for (i = 0; i < STORE_MAX_DB; i++)
		st->tables[i] = st->indexes[i] = st->keys[i] = NULL;
	store_guard_left_behind(st);
	store_guard_unregister(st);
}

static int
store_token_drop_fn(struct store_txn *t, void *arg, struct err *e)
{
	char	name[32];
	DBT	k;
	int	ret;

	(void)arg;
	store_token_key(name, sizeof name);
	memset(&k, 0, sizeof k);
	k.data = name;
	k.size = strlen(name);
	ret = t->st->meta->del(t->st->meta, t->txn, &k, 0);
	if (ret != 0 && ret != DB_NOTFOUND)
		return store_fail(t, ret, "token", e);
	return 0;
}

/* Closing, after writing: the token goes, a checkpoint is taken. */
static void
store_close_env(struct store *st)
{
	struct err	e;

	if (st->wrote) {
		/* Not worth waiting for: a token left behind is 28 bytes. */
		err_clear(&e);
		st->wrote = 0;
		if (st->timeout_ms > 200)
			st->timeout_ms = 200;
		(void)store_txn_retry(st, STORE_NOSYNC | STORE_NOTOKEN,
		    store_token_drop_fn, NULL, &e);
		st->env->txn_checkpoint(st->env, 0, 0, 0);
	}
	store_close_handles(st);
}

static int
store_txn_once(struct store *st, int flags, store_txn_fn fn, void *arg,
    int *recover, struct err *e)
{
	struct store_txn	t;
	u_int32_t		bflags = DB_TXN_NOWAIT;
	int			ret, rc;

	memset(&t, 0, sizeof t);
	t.st = st;
	t.flags = flags;
	st->phase = STORE_WORK;
	if (flags & STORE_READ)
		bflags |= DB_READ_COMMITTED;
	if (flags & STORE_NOSYNC)
		bflags |= DB_TXN_NOSYNC;
	ret = st->env->txn_begin(st->env, NULL, &t.txn, bflags);
	if (ret != 0) {
		rc = store_fail(&t, ret, "begin", e);
		*recover = t.recover;
		return rc;
	}
	rc = fn(&t, arg, e);
	store_txn_close_cursors(&t);
	if (rc == 0)
		rc = store_txn_counts(&t, e);
	if (rc == 0 && !(flags & (STORE_READ | STORE_NOTOKEN)))
		rc = store_token_put(&t, e);
	if (rc == 0) {
		st->phase = STORE_COMMIT;
		ret = t.txn->commit(t.txn, 0);
		st->phase = ret == 0 ? STORE_DONE : STORE_WORK;
		if (ret != 0)
			rc = store_fail(&t, ret, "commit", e);
	} else
		t.txn->abort(t.txn);
	store_writeback_stop(st);
	while (t.nlate > 0) {	/* no sync: the commit made them durable */
		t.nlate--;
		t.late[t.nlate]->close(t.late[t.nlate], DB_NOSYNC);
	}
	*recover = t.recover;
	return rc;
}

/* Runs fn until it commits, fails, or the lock timeout has passed. */
static int
store_txn_retry(struct store *st, int flags, store_txn_fn fn, void *arg,
    struct err *e)
{
	long	deadline = store_now_ms() + st->timeout_ms;
	long	rejoin = store_now_ms() + STORE_REJOIN_MS;
	int	attempt, rc, recover;

	for (attempt = 0;; attempt++) {
		if (st->env == NULL && store_reopen(st, e) != 0)
			return -1;
		recover = 0;
		rc = store_txn_once(st, flags, fn, arg, &recover, e);
		if (rc != STORE_RETRY)
			break;
		if (!recover && store_now_ms() > rejoin) {
			store_probe(st);
			rejoin = store_now_ms() + STORE_REJOIN_MS;
		}
		if (recover && store_reopen(st, e) != 0)
			return -1;
		if (store_now_ms() > deadline) {
			err_set(e, st->dir, 0, "database busy: another kith "
			    "holds a lock (gave up after %d ms)",
			    st->timeout_ms);
			return -1;
		}
		store_backoff(attempt);
	}
	if (rc == 0 && !(flags & (STORE_READ | STORE_NOTOKEN))) {
		st->wrote = 1;
		/* Once the log has grown by a megabyte.  It holds the
		 * library's checkpoint mutex while it writes the cache out,
		 * the longest any mutex is held: a kith killed then leaves it
		 * held, and the next to checkpoint waits inside the library
		 * until the guard takes it out (store-guard.c). */
		st->env->txn_checkpoint(st->env, 1024, 0, 0);
	}
	return rc;
}

int
store_txn_run(struct store *st, int flags, store_txn_fn fn, void *arg,
    struct err *e)
{
	volatile int	jumps = 0;
	int		rc, phase;

	if (!store_guard_enter(st))
		return store_txn_retry(st, flags, fn, arg, e);
	/* The guard lands here when the environment was recovered while
	 * this thread waited inside the library (store-guard.c). */
	if (sigsetjmp(store_guard_jmp, 1) != 0) {
		phase = st->phase;
		store_abandon(st);
		store_writeback_stop(st);
		err_clear(e);
		if (phase == STORE_DONE) {	/* committed: only a checkpoint */
			rc = 0;
			goto out;
		}
		if (phase == STORE_COMMIT &&
		    (rc = store_txn_settle(st, e)) != STORE_RETRY)
			goto out;
		if (++jumps > 8) {
			err_set(e, st->dir, 0, "the database keeps being "
			    "recovered under this process; try again");
			rc = -1;
			goto out;
		}
	}
	store_guard_arm(st);
	rc = store_txn_retry(st, flags, fn, arg, e);
out:
	store_guard_leave(st);
	return rc;
}

static int
store_dbget(struct store_txn *t, DB *db, DBT *k, struct buf *out, int flags,
    struct err *e)
{
	DBT	d;
	int	ret;

	memset(&d, 0, sizeof d);
	d.flags = DB_DBT_MALLOC;
	ret = db->get(db, t->txn, k, &d, (flags & STORE_RMW) ? DB_RMW : 0);
	store_guard_alive(t->st);
	if (ret == DB_NOTFOUND)
		return STORE_NOTFOUND;
	if (ret != 0)
		return store_fail(t, ret, "read", e);
	buf_reset(out);
	buf_add(out, d.data, d.size);
	free(d.data);
	return 0;
}

int
store_get(struct store_txn *t, int table, uint64_t id, struct buf *out,
    int flags, struct err *e)
{
	unsigned char	kb[8];

	store_id_key(id, kb);
	return store_kget(t, table, kb, 8, out, flags, e);
}

int
store_kget(struct store_txn *t, int table, const void *key, size_t klen,
    struct buf *out, int flags, struct err *e)
{
	DBT	k;

	memset(&k, 0, sizeof k);
	k.data = (void *)key;
	k.size = klen;
	return store_dbget(t, t->st->tables[table], &k, out, flags, e);
}

static int
store_meta_bump(struct store_txn *t, const char *name, int64_t delta,
    uint64_t *value, struct err *e)
{
	struct buf	b = BUF_INIT;
	unsigned char	v[8];
	uint64_t	n = 0;
	int		rc;

	rc = store_meta_get(t, name, &b, STORE_RMW, e);
	if (rc == 0 && b.len == 8)
		n = store_key_id(b.data);
	buf_free(&b);
	if (rc < 0)
		return rc;
	n += delta;
	store_id_key(n, v);
	if ((rc = store_meta_put(t, name, v, 8, e)) != 0)
		return rc;
	if (value != NULL)
		*value = n;
	return 0;
}

int
store_put(struct store_txn *t, int table, uint64_t id, const void *data,
    size_t len, struct err *e)
{
	unsigned char	kb[8];

	store_id_key(id, kb);
	return store_kput(t, table, kb, 8, data, len, e);
}

int
store_kput(struct store_txn *t, int table, const void *key, size_t klen,
    const void *data, size_t len, struct err *e)
{
	DB	*db = t->st->tables[table];
	DBT	 k, d;
	int	 ret;

	memset(&k, 0, sizeof k);
	k.data = (void *)key;
	k.size = klen;
	memset(&d, 0, sizeof d);
	d.data = (void *)data;
	d.size = len;
	ret = db->put(db, t->txn, &k, &d, DB_NOOVERWRITE);
	store_guard_alive(t->st);
	if (ret == 0) {
		/*
		 * Counted at commit: a get and a put of the count per record
		 * cost a tenth of a bulk load, and held the count's write
		 * lock for the whole transaction from its first insert.
		 */
		t->counts[table]++;
		return 0;
	}
	if (ret == DB_KEYEXIST)
		ret = db->put(db, t->txn, &k, &d, 0);
	return ret == 0 ? 0 : store_fail(t, ret, "write", e);
}

int
store_del(struct store_txn *t, int table, uint64_t id, struct err *e)
{
	unsigned char	kb[8];

	store_id_key(id, kb);
	return store_kdel(t, table, kb, 8, e);
}

int
store_kdel(struct store_txn *t, int table, const void *key, size_t klen,
    struct err *e)
{
	DB	*db = t->st->tables[table];
	DBT	 k;
	int	 ret;

	memset(&k, 0, sizeof k);
	k.data = (void *)key;
	k.size = klen;
	ret = db->del(db, t->txn, &k, 0);
	if (ret == DB_NOTFOUND)
		return STORE_NOTFOUND;
	if (ret != 0)
		return store_fail(t, ret, "delete", e);
	t->counts[table]--;
	return 0;
}

int
store_next_id(struct store_txn *t, int table, uint64_t *id, struct err *e)
{
	char	name[80];

	snprintf(name, sizeof name, "seq.%s", t->st->schema->tables[table].name);
	return store_meta_bump(t, name, 1, id, e);
}

int
store_next_ids(struct store_txn *t, int table, uint64_t count,
    uint64_t *first, struct err *e)
{
	char		name[80];
	uint64_t	last;
	int		rc;

	snprintf(name, sizeof name, "seq.%s", t->st->schema->tables[table].name);
	if ((rc = store_meta_bump(t, name, count, &last, e)) == 0)
		*first = last - count + 1;
	return rc;
}

int
store_seq_get(struct store_txn *t, int table, uint64_t *seq, struct err *e)
{
	struct buf	b = BUF_INIT;
	char		name[80];
	int		rc;

	snprintf(name, sizeof name, "seq.%s", t->st->schema->tables[table].name);
	rc = store_meta_get(t, name, &b, 0, e);
	*seq = (rc == 0 && b.len == 8) ? store_key_id(b.data) : 0;
	buf_free(&b);
	return rc < 0 ? rc : 0;
}

int
store_seq_set(struct store_txn *t, int table, uint64_t seq, struct err *e)
{
	unsigned char	v[8];
	char		name[80];

	snprintf(name, sizeof name, "seq.%s", t->st->schema->tables[table].name);
	store_id_key(seq, v);
	return store_meta_put(t, name, v, 8, e);
}

int
store_count(struct store_txn *t, int table, uint64_t *n, struct err *e)
{
	struct buf	b = BUF_INIT;
	char		name[80];
	int		rc;

	snprintf(name, sizeof name, "count.%s",
	    t->st->schema->tables[table].name);
	rc = store_meta_get(t, name, &b, 0, e);
	*n = (rc == 0 && b.len == 8) ? store_key_id(b.data) : 0;
	*n += t->counts[table];
	buf_free(&b);
	return rc < 0 ? rc : 0;
}

int
store_meta_get(struct store_txn *t, const char *name, struct buf *out,
    int flags, struct err *e)
{
	DBT	k;

	memset(&k, 0, sizeof k);
	k.data = (void *)name;
	k.size = strlen(name);
	return store_dbget(t, t->st->meta, &k, out, flags, e);
}

int
store_meta_put(struct store_txn *t, const char *name, const void *data,
    size_t len, struct err *e)
{
	DBT	k, d;
	int	ret;

	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.data = (void *)name;
	k.size = strlen(name);
	d.data = (void *)data;
	d.size = len;
	ret = t->st->meta->put(t->st->meta, t->txn, &k, &d, 0);
	return ret == 0 ? 0 : store_fail(t, ret, "write", e);
}

int
store_changes(struct store *st, uint64_t *n, struct err *e)
{
	DB_LOG_STAT	*sp;
	int		 ret;

	if (st->env == NULL && store_reopen(st, e) != 0)
		return -1;
	if ((ret = st->env->log_stat(st->env, &sp, 0)) != 0) {
		err_set(e, st->dir, 0, "%s", db_strerror(ret));
		return -1;
	}
	*n = (uint64_t)sp->st_cur_file << 32 | sp->st_cur_offset;
	free(sp);
	return 0;
}

/*
 * A handle of its own, opened in the transaction and closed after it:
 * for an index not marked scanned read by STORE_CUR_KEYS (kith check),
 * and for a scan.  A scan's handle gives its pages the lowest priority
 * in the shared cache, so they are the first let go: the handle's, not
 * only its cursor's, as Berkeley DB reads overflow pages and runs the
 * cursors it makes internally (a bulk read's) at the handle's.
 */
static int
store_cursor_handle(struct store_txn *t, const char *name, int dup, int scan,
    DB **out, struct err *e)
{
	DB	*db;
	int	 ret;

	if (t->nlate == sizeof t->late / sizeof t->late[0])
		fatal("store: too many handles in one transaction");
	if ((ret = db_create(&db, t->st->env, 0)) != 0)
		return store_fail(t, ret, "cursor", e);
	if (scan)	/* only a hint: a failure changes nothing read */
		(void)db->set_priority(db, DB_PRIORITY_VERY_LOW);
	if ((dup && (ret = db->set_flags(db, DB_DUP | DB_DUPSORT)) != 0) ||
	    (ret = db->open(db, t->txn, STORE_FILE, name, DB_BTREE, 0,
	    0)) != 0) {
		db->close(db, 0);
		return store_fail(t, ret, name, e);
	}
	t->late[t->nlate++] = db;
	*out = db;
	return 0;
}

int
store_cursor_open(struct store_txn *t, int table, int index, int flags,
    struct store_cursor **out, struct err *e)
{
	const struct store_schema	*sc = t->st->schema;
	struct store_cursor		*c;
	char				 name[128];
	DB				*db, *prim = NULL;
	int				 ret, scan;

	if (index >= 0 && (flags & STORE_CUR_BULK))
		fatal("store: STORE_CUR_BULK reads tables only");
	scan = (flags & (STORE_CUR_SCAN | STORE_CUR_BULK)) != 0;
	if (index >= 0)
		snprintf(name, sizeof name, "idx.%s", sc->indexes[index].name);
	if (index >= 0 && (flags & STORE_CUR_KEYS)) {
		if ((db = t->st->keys[index]) == NULL || scan) {
			ret = store_cursor_handle(t, name, 1, scan, &db, e);
			if (ret != 0)
				return ret;
		}
	} else if (index >= 0 && scan && (flags & STORE_CUR_DATA)) {
		/* Not through the associated handles: their records would
		 * come in at the shared handles' priority. */
		ret = store_cursor_handle(t, name, 1, 1, &db, e);
		if (ret == 0)
			ret = store_cursor_handle(t, sc->tables[table].name, 0,
			    1, &prim, e);
		if (ret != 0)
			return ret;
	} else if (index >= 0)
		db = t->st->indexes[index];
	else if (scan) {
		ret = store_cursor_handle(t, sc->tables[table].name, 0, 1, &db,
		    e);
		if (ret != 0)
			return ret;
	} else
		db = t->st->tables[table];
	c = xcalloc(1, sizeof *c);
	ret = db->cursor(db, t->txn, &c->dbc,
	    (t->flags & STORE_READ) ? DB_READ_COMMITTED : 0);
	if (ret != 0) {
		free(c);
		return store_fail(t, ret, "cursor", e);
	}
	if (scan)	/* through an index's shared handle: its cursor */
		(void)c->dbc->set_priority(c->dbc, DB_PRIORITY_VERY_LOW);
	c->prim = prim;
	c->t = t;
	c->index = index;
	c->flags = flags;
	c->k.flags = c->pk.flags = c->d.flags = DB_DBT_REALLOC;
	if (!(flags & STORE_CUR_DATA)) {
		c->d.flags |= DB_DBT_PARTIAL;
		c->d.dlen = 0;
	}
	c->next = t->cursors;
	t->cursors = c;
	*out = c;
	return 0;
}

void
store_cursor_close(struct store_cursor *c)
{
	struct store_cursor	**pp;

	for (pp = &c->t->cursors; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	c->dbc->close(c->dbc);
	free(c->k.data);
	free(c->pk.data);
	free(c->d.data);
	free(c->bulk.data);
	free(c);
}

const char *
store_cursor_error(struct store_cursor *c)
{
	return c->error;
}

/* A cursor call's result: 0, STORE_NOTFOUND, STORE_RETRY or -1. */
static int
store_cursor_ret(struct store_cursor *c, int ret)
{
	if (ret == DB_NOTFOUND)
		return STORE_NOTFOUND;
	if (ret != 0) {
		if (ret == DB_LOCK_DEADLOCK || ret == DB_LOCK_NOTGRANTED)
			return STORE_RETRY;
		if (ret == DB_RUNRECOVERY) {
			c->t->recover = 1;
			return STORE_RETRY;
		}
		snprintf(c->error, sizeof c->error, "%s", db_strerror(ret));
		return -1;
	}
	return 0;
}

static int
store_cursor_get(struct store_cursor *c, u_int32_t op, struct store_row *row)
{
	int	ret;

	/* A secondary's get gives the primary data; pget the key too (with
	 * a zero-length partial data DBT when the data is not wanted). */
	c->bp = NULL;
	if (c->flags & STORE_CUR_KEYS)	/* the data is the id */
		ret = c->dbc->get(c->dbc, &c->k, &c->pk, op);
	else if (c->prim != NULL) {	/* the key, then its record */
		ret = c->dbc->get(c->dbc, &c->k, &c->pk, op);
		if (ret == 0 && (ret = c->prim->get(c->prim, c->t->txn,
		    &c->pk, &c->d, (c->t->flags & STORE_READ) ?
		    DB_READ_COMMITTED : 0)) == DB_NOTFOUND) {
			store_guard_alive(c->t->st);
			snprintf(c->error, sizeof c->error, "%s",	/* as pget */
			    db_strerror(DB_SECONDARY_BAD));
			return -1;
		}
	} else if (c->index >= 0)
		ret = c->dbc->pget(c->dbc, &c->k, &c->pk, &c->d, op);
	else
		ret = c->dbc->get(c->dbc, &c->k, &c->d, op);
	store_guard_alive(c->t->st);
	if ((ret = store_cursor_ret(c, ret)) != 0)
		return ret;
	memset(row, 0, sizeof *row);
	row->key = c->k.data;
	row->klen = c->k.size;
	if (c->index >= 0)
		row->id = c->pk.size == 8 ? store_key_id(c->pk.data) : 0;
	else
		row->id = c->k.size == 8 ? store_key_id(c->k.data) : 0;
	if ((c->flags & (STORE_CUR_DATA | STORE_CUR_KEYS)) == STORE_CUR_DATA) {
		row->data = c->d.data;
		row->dlen = c->d.size;
	}
	return 0;
}

static int
store_cursor_set(struct store_cursor *c, const void *key, size_t klen,
    u_int32_t op, struct store_row *row)
{
	void	*copy;

	if (klen == 0 && op == DB_SET_RANGE)
		return store_cursor_get(c, DB_FIRST, row);
	copy = xmalloc(klen ? klen : 1);
	memcpy(copy, key, klen);
	free(c->k.data);
	c->k.data = copy;
	c->k.size = klen;
	c->k.ulen = klen;
	return store_cursor_get(c, op, row);
}

int
store_cursor_seek(struct store_cursor *c, const void *key, size_t klen,
    struct store_row *row)
{
	return store_cursor_set(c, key, klen, DB_SET_RANGE, row);
}

int
store_cursor_find(struct store_cursor *c, const void *key, size_t klen,
    struct store_row *row)
{
	return store_cursor_set(c, key, klen, DB_SET, row);
}

/*
 * Rows read a buffer at a time: the keys and ids of a scanned index
 * (STORE_CUR_KEYS: a fifth of the time of a row at a time through a whole
 * index), or a table's ids and records (STORE_CUR_BULK).  A record larger
 * than the buffer makes it grow.
 */
static int
store_cursor_bulk_next(struct store_cursor *c, struct store_row *row)
{
	void	*k = NULL, *d = NULL;
	size_t	 klen = 0, dlen = 0;
	int	 ret;

	if (c->bp != NULL)
		DB_MULTIPLE_KEY_NEXT(c->bp, &c->bulk, k, klen, d, dlen);
	while (k == NULL) {
		if (c->bulk.data == NULL) {
			c->bulk.ulen = 64 * 1024;
			c->bulk.data = xmalloc(c->bulk.ulen);
			c->bulk.flags = DB_DBT_USERMEM;
		}
		ret = c->dbc->get(c->dbc, &c->k, &c->bulk,
		    DB_NEXT | DB_MULTIPLE_KEY);
		store_guard_alive(c->t->st);
		if (ret == DB_BUFFER_SMALL) {
			c->bulk.ulen = (c->bulk.size > c->bulk.ulen * 2 ?
			    c->bulk.size : c->bulk.ulen * 2) + 1024;
			c->bulk.data = xrealloc(c->bulk.data, c->bulk.ulen);
			c->bp = NULL;
			continue;
		}
		if ((ret = store_cursor_ret(c, ret)) != 0)
			return ret;
		DB_MULTIPLE_INIT(c->bp, &c->bulk);
		DB_MULTIPLE_KEY_NEXT(c->bp, &c->bulk, k, klen, d, dlen);
		if (k == NULL)
			return STORE_NOTFOUND;
	}
	memset(row, 0, sizeof *row);
	row->key = k;
	row->klen = klen;
	if (c->flags & STORE_CUR_KEYS)
		row->id = dlen == 8 ? store_key_id(d) : 0;
	else {
		row->id = klen == 8 ? store_key_id(k) : 0;
		row->data = d;
		row->dlen = dlen;
	}
	return 0;
}

int
store_cursor_next(struct store_cursor *c, struct store_row *row)
{
	if (c->flags & (STORE_CUR_KEYS | STORE_CUR_BULK))
		return store_cursor_bulk_next(c, row);
	return store_cursor_get(c, DB_NEXT, row);
}

int
store_cursor_next_dup(struct store_cursor *c, struct store_row *row)
{
	return store_cursor_get(c, DB_NEXT_DUP, row);
}

int
store_cursor_prev(struct store_cursor *c, struct store_row *row)
{
	return store_cursor_get(c, DB_PREV, row);
}

int
store_cursor_last(struct store_cursor *c, struct store_row *row)
{
	return store_cursor_get(c, DB_LAST, row);
}

int
store_cursor_count(struct store_cursor *c, uint64_t *n)
{
	db_recno_t	count;
	int		ret;

	if ((ret = c->dbc->count(c->dbc, &count, 0)) != 0) {
		if (ret == DB_LOCK_DEADLOCK || ret == DB_LOCK_NOTGRANTED)
			return STORE_RETRY;
		snprintf(c->error, sizeof c->error, "%s", db_strerror(ret));
		return -1;
	}
	*n = count;
	return 0;
}

static int
store_copy_file(const char *from, const char *to, struct err *e)
{
	char	buf[8192];
	ssize_t	n;
	int	in, out, rc = 0;

	if ((in = open(from, O_RDONLY)) == -1) {
		err_set(e, from, 0, "%s", strerror(errno));
		return -1;
	}
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0660)) == -1) {
		err_set(e, to, 0, "%s", strerror(errno));
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof buf)) > 0) {
		if (write(out, buf, n) != n) {
			err_set(e, to, 0, "%s", strerror(errno));
			rc = -1;
			break;
		}
	}
	if (rc == 0 && (n < 0 || fsync(out) == -1)) {
		err_set(e, to, 0, "%s", strerror(errno));
		rc = -1;
	}
	close(in);
	close(out);
	return rc;
}

int
store_backup(struct store *st, const char *dir, struct err *e)
{
	char	from[PATH_MAX], to[PATH_MAX];
	int	ret;

	if (st->env == NULL && store_reopen(st, e) != 0)
		return -1;
	if (store_mkdir(dir, STORE_CREATE | (st->flags & STORE_SHARED), e))
		return -1;
	ret = st->env->backup(st->env, dir, DB_BACKUP_CLEAN | DB_CREATE);
	if (ret != 0) {
		err_set(e, dir, 0, "backup failed: %s", ret == ENOSPC ?
		    "no space left on device" : db_strerror(ret));
		return -1;
	}
	snprintf(from, sizeof from, "%s/DB_CONFIG", st->dir);
	snprintf(to, sizeof to, "%s/DB_CONFIG", dir);
	return store_copy_file(from, to, e);
}

int
store_verify(const char *dir, struct err *e)
{
	char	 path[PATH_MAX];
	DB_ENV	*env;
	DB	*db;
	int	 ret;

	/* A hot copy is fuzzy until its logs are replayed. */
	if ((ret = db_env_create(&env, 0)) == 0) {
		ret = env->open(env, dir, DB_CREATE | DB_INIT_LOCK |
		    DB_INIT_LOG | DB_INIT_MPOOL | DB_INIT_TXN | DB_RECOVER |
		    DB_PRIVATE, 0);
		if (ret == 0)
			ret = env->txn_checkpoint(env, 0, 0, DB_FORCE);
		env->close(env, 0);
	}
	if (ret != 0) {
		err_set(e, dir, 0, "recovery failed: %s", db_strerror(ret));
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s", dir, STORE_FILE);
	if ((ret = db_create(&db, NULL, 0)) != 0) {
		err_set(e, dir, 0, "%s", db_strerror(ret));
		return -1;
	}
	/* DB->verify always destroys the handle. */
	ret = db->verify(db, path, NULL, NULL, 0);
	if (ret != 0) {
		err_set(e, path, 0, "verification failed: %s",
		    db_strerror(ret));
		return -1;
	}
	return 0;
}
