/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store on a real Berkeley DB environment in a temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <db.h>

#include "buf.h"
#include "err.h"
#include "store.h"

/* An index on the first word of the record's text. */
static void
test_keys_word(uint64_t id, const void *data, size_t len,
    struct store_keys *out)
{
	const char	*p = data, *sp = memchr(data, ' ', len);

	(void)id;
	if (len > 0)
		store_keys_add(out, p, sp ? (size_t)(sp - p) : len);
}

static const struct store_table_def tables[] = { { "things" } };
static const struct store_index_def indexes[] = {
	{ "things.word", 0, test_keys_word, 1 },
};
static const struct store_schema schema = { 1, tables, 1, indexes, 1, NULL };
static const struct store_schema schema_old = { 0, tables, 1, indexes, 1,
	NULL };
/* A later index, and a version that retired it. */
static const struct store_index_def indexes_two[] = {
	{ "things.word", 0, test_keys_word, 1 },
	{ "things.again", 0, test_keys_word, 0 },
};
static const struct store_schema schema_two = { 1, tables, 1, indexes_two,
	2, NULL };
static const char *const retired[] = { "things.again", NULL };
static const struct store_schema schema_retiring = { 2, tables, 1, indexes,
	1, retired };

static char *
test_dir(void)
{
	char	tmpl[] = "/tmp/kith-test-store-XXXXXX";
	char	*d = mkdtemp(tmpl);

	assert_non_null(d);
	return strdup(d);
}

static void
test_rmdir(const char *dir)
{
	char	cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

struct put_arg {
	const char	*text;
	uint64_t	 id;
};

static int
put_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct put_arg	*p = arg;
	int		 rc;

	if ((rc = store_next_id(t, 0, &p->id, e)) != 0)
		return rc;
	return store_put(t, 0, p->id, p->text, strlen(p->text), e);
}

static uint64_t
put(struct store *st, const char *text)
{
	struct put_arg	p = { text, 0 };
	struct err	e;

	err_clear(&e);
	assert_int_equal(store_txn_run(st, 0, put_fn, &p, &e), 0);
	return p.id;
}

struct scan_arg {
	const char	*word;
	uint64_t	 ids[16];
	size_t		 n;
};

static int
scan_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct scan_arg		*s = arg;
	struct store_cursor	*c;
	struct store_row	 row;
	int			 rc;

	s->n = 0;
	if ((rc = store_cursor_open(t, 0, 0, STORE_CUR_DATA, &c, e)) != 0)
		return rc;
	for (rc = store_cursor_find(c, s->word, strlen(s->word), &row);
	    rc == 0 && s->n < 16; rc = store_cursor_next_dup(c, &row)) {
		assert_int_equal(strncmp(row.data, s->word, strlen(s->word)), 0);
		s->ids[s->n++] = row.id;
	}
	store_cursor_close(c);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

static size_t
scan(struct store *st, const char *word, struct scan_arg *s)
{
	struct err	e;

	err_clear(&e);
	s->word = word;
	assert_int_equal(store_txn_run(st, STORE_READ, scan_fn, s, &e), 0);
	return s->n;
}

static int
del_fn(struct store_txn *t, void *arg, struct err *e)
{
	return store_del(t, 0, *(uint64_t *)arg, e);
}

static int
get_fn(struct store_txn *t, void *arg, struct err *e)
{
	return store_get(t, 0, 2, arg, 0, e);
}

static void
test_put_get_index(void **state)
{
	char		*dir = test_dir();
	struct store	*st;
	struct scan_arg	 s;
	struct buf	 b = BUF_INIT;
	struct err	 e;
	uint64_t	 id = 1;

	(void)state;
	err_clear(&e);
	st = store_open(dir, &schema, STORE_CREATE, 1000, &e);
	assert_non_null(st);
	assert_int_equal(put(st, "apple pie"), 1);
	assert_int_equal(put(st, "apple tart"), 2);
	assert_int_equal(put(st, "Ærø cake"), 3);
	assert_int_equal(scan(st, "apple", &s), 2);
	assert_int_equal(s.ids[0], 1);
	assert_int_equal(s.ids[1], 2);
	assert_int_equal(scan(st, "Ærø", &s), 1);
	assert_int_equal(store_txn_run(st, STORE_READ, get_fn, &b, &e), 0);
	assert_string_equal(buf_str(&b), "apple tart");
	/* Deleting removes the index entry too; ids are not reused. */
	assert_int_equal(store_txn_run(st, 0, del_fn, &id, &e), 0);
	assert_int_equal(scan(st, "apple", &s), 1);
	assert_int_equal(store_txn_run(st, 0, del_fn, &id, &e),
	    STORE_NOTFOUND);
	assert_int_equal(put(st, "apple crumble"), 4);
	store_close(st);

	/* Reopened, all is still there. */
	st = store_open(dir, &schema, 0, 1000, &e);
	assert_non_null(st);
	assert_int_equal(scan(st, "apple", &s), 2);
	store_close(st);
	buf_free(&b);
	test_rmdir(dir);
	free(dir);
}

static int
put_many_fn(struct store_txn *t, void *arg, struct err *e)
{
	char		text[32];
	uint64_t	id;
	int		i, rc;

	(void)arg;
	for (i = 0; i < 3000; i++) {
		snprintf(text, sizeof text, "w%04d shared", i);
		if ((rc = store_next_id(t, 0, &id, e)) != 0 ||
		    (rc = store_put(t, 0, id, text, strlen(text), e)) != 0)
			return rc;
	}
	return 0;
}

/* Every key of the index in order, with its id, through STORE_CUR_KEYS
 * (read a buffer at a time: 3000 rows take two). */
static int
keys_fn(struct store_txn *t, void *arg, struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	char			 last[32] = "", key[32];
	size_t			*n = arg;
	int			 rc;

	*n = 0;
	rc = store_cursor_open(t, 0, 0, STORE_CUR_KEYS, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		assert_true(row.klen < sizeof key);
		memcpy(key, row.key, row.klen);
		key[row.klen] = '\0';
		assert_true(strcmp(last, key) <= 0);
		assert_true(row.id >= 1 && row.id <= 3000);
		assert_null(row.data);
		memcpy(last, key, sizeof last);
		(*n)++;
	}
	assert_int_equal(store_cursor_seek(c, "w2999", 5, &row), 0);
	assert_int_equal(row.id, 3000);
	store_cursor_close(c);
	return rc == STORE_NOTFOUND ? 0 : rc;
}

static void
test_keys_cursor_reads_every_key(void **state)
{
	char		*dir = test_dir();
	struct store	*st;
	struct err	 e;
	size_t		 n;

	(void)state;
	err_clear(&e);
	st = store_open(dir, &schema, STORE_CREATE, 1000, &e);
	assert_non_null(st);
	assert_int_equal(store_txn_run(st, 0, put_many_fn, NULL, &e), 0);
	assert_int_equal(store_txn_run(st, STORE_READ, keys_fn, &n, &e), 0);
	assert_int_equal(n, 3000);
	store_close(st);
	test_rmdir(dir);
	free(dir);
}

/* Opens dir with sc, which must succeed, and closes it. */
static void
test_open_close(const char *dir, const struct store_schema *sc, int flags)
{
	struct store	*st;
	struct err	 e;

	err_clear(&e);
	st = store_open(dir, sc, flags, 1000, &e);
	if (st == NULL)
		fail_msg("%s", e.msg);
	store_close(st);
}

/* A later kith raises the version; the earlier one then refuses it. */
static void
test_schema_raised_then_older_refused(void **state)
{
	char		*dir = test_dir();
	struct store	*st;
	struct err	 e;

	(void)state;
	err_clear(&e);
	test_open_close(dir, &schema_old, STORE_CREATE);
	test_open_close(dir, &schema, 0);
	st = store_open(dir, &schema_old, 0, 1000, &e);
	assert_null(st);
	assert_non_null(strstr(e.msg, "database made by a newer kith "
	    "(schema 1; this kith knows 0)"));
	test_rmdir(dir);
	free(dir);
}

/* Whether the database file has the named sub-database. */
static int
test_has_db(const char *dir, const char *name)
{
	char	path[512];
	DB	*db;
	DBC	*c;
	DBT	 k, d;
	int	 found = 0;

	snprintf(path, sizeof path, "%s/kith.db", dir);
	assert_int_equal(db_create(&db, NULL, 0), 0);
	assert_int_equal(db->open(db, NULL, path, NULL, DB_BTREE, DB_RDONLY,
	    0), 0);
	assert_int_equal(db->cursor(db, NULL, &c, 0), 0);
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	while (c->get(c, &k, &d, DB_NEXT) == 0)
		if (k.size == strlen(name) && memcmp(k.data, name, k.size) == 0)
			found = 1;
	c->close(c);
	db->close(db, 0);
	return found;
}

static void
test_retired_index_removed(void **state)
{
	char		*dir = test_dir();
	struct store	*st;
	struct err	 e;

	(void)state;
	err_clear(&e);
	st = store_open(dir, &schema_two, STORE_CREATE, 1000, &e);
	assert_non_null(st);
	put(st, "apple pie");
	store_close(st);
	assert_true(test_has_db(dir, "idx.things.again"));
	test_open_close(dir, &schema_retiring, 0);
	assert_false(test_has_db(dir, "idx.things.again"));
	assert_true(test_has_db(dir, "idx.things.word"));
	/* What is retired stays gone, and the records stay. */
	test_open_close(dir, &schema_retiring, 0);
	assert_false(test_has_db(dir, "idx.things.again"));
	assert_true(test_has_db(dir, "things"));
	test_rmdir(dir);
	free(dir);
}

/* A child process holding the database open with schema sc until told
 * to close it: its pid, *fd written to (or closed) to let it go. */
static pid_t
test_holder(const char *dir, const struct store_schema *sc, int *fd)
{
	int	 up[2], down[2];
	char	 c = 0;
	pid_t	 pid;

	assert_int_equal(pipe(up), 0);
	assert_int_equal(pipe(down), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store	*st;
		struct err	 e;

		close(up[0]);
		close(down[1]);
		err_clear(&e);
		st = store_open(dir, sc, 0, 1000, &e);
		if (st == NULL)
			_exit(2);
		if (write(up[1], "o", 1) != 1)
			_exit(3);
		(void)read(down[0], &c, 1);
		store_close(st);
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	assert_int_equal(read(up[0], &c, 1), 1);
	close(up[0]);
	*fd = down[1];
	return pid;
}

/* Lets the holder go: the retired index it held is still there, and the
 * next opening removes it.  dir is removed and freed. */
static void
test_holder_gone(char *dir, pid_t pid, int fd)
{
	int	status;

	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(test_has_db(dir, "idx.things.again"));
	test_open_close(dir, &schema_retiring, 0);
	assert_false(test_has_db(dir, "idx.things.again"));
	test_rmdir(dir);
	free(dir);
}

/* An older kith still running holds a retired index open: the upgrade
 * is refused at once, changing nothing, and goes ahead once it is gone. */
static void
test_retired_index_held_open(void **state)
{
	char		*dir = test_dir();
	struct store	*st;
	struct err	 e;
	pid_t		 pid;
	int		 fd;

	(void)state;
	err_clear(&e);
	test_open_close(dir, &schema_two, STORE_CREATE);
	pid = test_holder(dir, &schema_two, &fd);
	st = store_open(dir, &schema_retiring, 0, 1000, &e);
	assert_null(st);
	assert_non_null(strstr(e.msg, "an older kith still has the database "
	    "open"));
	/* Still version 1: the holder's kind may open it again. */
	test_open_close(dir, &schema_two, 0);
	test_holder_gone(dir, pid, fd);

}

static void
test_missing_without_create(void **state)
{
	struct store	*st;
	struct err	 e;

	(void)state;
	err_clear(&e);
	st = store_open("/tmp/kith-test-store-does-not-exist", &schema, 0,
	    1000, &e);
	assert_null(st);
	assert_non_null(strstr(e.msg, "no database here"));
}

static int
fail_fn(struct store_txn *t, void *arg, struct err *e)
{
	int	rc;

	if ((rc = put_fn(t, arg, e)) != 0)
		return rc;
	err_set(e, NULL, 0, "changed my mind");
	return -1;
}

static void
test_abort_leaves_nothing(void **state)
{
	char		*dir = test_dir();
	struct put_arg	 p = { "ghost", 0 };
	struct scan_arg	 s;
	struct store	*st;
	struct err	 e;

	(void)state;
	err_clear(&e);
	st = store_open(dir, &schema, STORE_CREATE, 1000, &e);
	assert_non_null(st);
	assert_int_equal(store_txn_run(st, 0, fail_fn, &p, &e), -1);
	assert_string_equal(e.msg, "changed my mind");
	assert_int_equal(scan(st, "ghost", &s), 0);
	assert_int_equal(put(st, "real"), 1);	/* the id was rolled back */
	store_close(st);
	test_rmdir(dir);
	free(dir);
}

static void
test_backup_verifies(void **state)
{
	char		*dir = test_dir(), *bak;
	struct store	*st;
	struct scan_arg	 s;
	struct stat	 sb;
	struct err	 e;
	int		 i;

	(void)state;
	err_clear(&e);
	st = store_open(dir, &schema, STORE_CREATE, 1000, &e);
	assert_non_null(st);
	for (i = 0; i < 50; i++)
		put(st, "pear");
	if (asprintf(&bak, "%s/backup", dir) < 0)
		fail();
	assert_int_equal(store_backup(st, bak, &e), 0);
	store_close(st);
	assert_int_equal(store_verify(bak, &e), 0);
	st = store_open(bak, &schema, 0, 1000, &e);
	assert_non_null(st);
	assert_int_equal(scan(st, "pear", &s), 16);	/* 16: scan's cap */
	store_close(st);
	/* Files are never readable by others. */
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 07, 0);
	free(bak);
	test_rmdir(dir);
	free(dir);
}

/* Adds to dir's register a slot of this process, unlocked: what an
 * opening that failed in recovery leaves (__envreg_unregister). */
static void
test_leave_slot(const char *dir)
{
	char	path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/__db.register", dir);
	if ((f = fopen(path, "a")) == NULL)
		fail_msg("%s", path);
	fprintf(f, "%24lu\n", (unsigned long)getpid());
	fclose(f);
}

/*
 * After an opening that failed in recovery, the process's slot is left
 * filled so that the next opening recovers; the process's own next one
 * recovers too instead of being refused as registered twice.  A second
 * opening while the store is open here is still refused, and leaves the
 * open store's slot alone.
 */
static void
test_open_after_failed_recovery(void **state)
{
	char		*dir = test_dir();
	struct store	*st, *st2;
	struct scan_arg	 s;
	struct err	 e;

	(void)state;
	err_clear(&e);
	st = store_open(dir, &schema, STORE_CREATE, 1000, &e);
	assert_non_null(st);
	put(st, "kept");
	store_close(st);
	test_leave_slot(dir);
	st = store_open(dir, &schema, 0, 1000, &e);
	if (st == NULL)
		fail_msg("%s", e.msg);
	assert_int_equal(scan(st, "kept", &s), 1);

	err_clear(&e);
	st2 = store_open(dir, &schema, 0, 1000, &e);
	assert_null(st2);
	assert_non_null(strstr(e.msg, "BDB1528"));
	assert_int_equal(put(st, "still"), 2);
	store_close(st);
	test_open_close(dir, &schema, 0);
	test_rmdir(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_index),
		cmocka_unit_test(test_keys_cursor_reads_every_key),
		cmocka_unit_test(test_schema_raised_then_older_refused),
		cmocka_unit_test(test_retired_index_removed),
		cmocka_unit_test(test_retired_index_held_open),
		cmocka_unit_test(test_missing_without_create),
		cmocka_unit_test(test_abort_leaves_nothing),
		cmocka_unit_test(test_backup_verifies),
		cmocka_unit_test(test_open_after_failed_recovery),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
