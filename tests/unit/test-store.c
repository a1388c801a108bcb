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
#include <unistd.h>

#include <cmocka.h>

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
static const struct store_schema schema = { 1, tables, 1, indexes, 1 };
static const struct store_schema schema_old = { 0, tables, 1, indexes, 1 };

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

static void
test_newer_schema_refused(void **state)
{
	char		*dir = test_dir();
	struct store	*st;
	struct err	 e;

	(void)state;
	err_clear(&e);
	st = store_open(dir, &schema, STORE_CREATE, 1000, &e);
	assert_non_null(st);
	store_close(st);
	st = store_open(dir, &schema_old, 0, 1000, &e);
	assert_null(st);
	assert_non_null(strstr(e.msg, "newer kith"));
	test_rmdir(dir);
	free(dir);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_index),
		cmocka_unit_test(test_keys_cursor_reads_every_key),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_missing_without_create),
		cmocka_unit_test(test_abort_leaves_nothing),
		cmocka_unit_test(test_backup_verifies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
