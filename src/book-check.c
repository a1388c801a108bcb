/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verifying a database while others keep working. */
#include "book.h"

#include <dirent.h>
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
#include "xmalloc.h"

struct book_chk {
	void		(*fn)(const char *, void *);
	void		 *arg;
	int		  problems;
	int		  text;		/* text postings that differ */
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

static int
book_chk_decodes(int table, const void *data, size_t len)
{
	struct record	*r;
	void		*obj = NULL;

	if (table == BOOK_T_CONTACT)
		obj = contact_decode(data, len, NULL);
	else if (table == BOOK_T_ACTIVITY)
		obj = activity_decode(data, len, NULL);
	else if ((r = record_decode(data, len, NULL)) != NULL) {
		record_free(r);
		return 1;
	}
	if (table == BOOK_T_CONTACT)
		contact_free(obj);
	else
		activity_free(obj);
	return obj != NULL;
}

static int
book_chk_table(struct store_txn *t, struct book_chk *k, int table,
    struct err *e)
{
	static const char *const names[] = {
		"contact", "activity", "deal", "case", "audit entry"
	};
	struct store_cursor	*c;
	struct store_row	 row;
	uint64_t		 n = 0, counted;
	int			 rc;

	if ((rc = store_cursor_open(t, table, -1, STORE_CUR_DATA, &c, e)))
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;
	    rc = store_cursor_next(c, &row)) {
		n++;
		if (!book_chk_decodes(table, row.data, row.dlen))
			book_chk_say(k, "%s %llu does not decode", names[table],
			    (unsigned long long)row.id);
	}
	if (rc == -1)
		book_chk_say(k, "%ss: %s", names[table], store_cursor_error(c));
	store_cursor_close(c);
	if (rc == STORE_RETRY)
		return rc;
	if ((rc = store_count(t, table, &counted, e)) != 0)
		return rc;
	if (counted != n)
		book_chk_say(k, "%ss: %llu records, but the count says %llu",
		    names[table], (unsigned long long)n,
		    (unsigned long long)counted);
	return 0;
}

/* Every index entry must lead to its record (pget fails otherwise). */
static int
book_chk_index(struct store_txn *t, struct book_chk *k, int table, int index,
    struct err *e)
{
	struct store_cursor	*c;
	struct store_row	 row;
	int			 rc;

	rc = store_cursor_open(t, table, index, STORE_CUR_DATA, &c, e);
	if (rc != 0)
		return rc;
	for (rc = store_cursor_seek(c, NULL, 0, &row); rc == 0;
	    rc = store_cursor_next(c, &row))
		;
	if (rc == -1)
		book_chk_say(k, "index %d: %s", index, store_cursor_error(c));
	store_cursor_close(c);
	return rc == STORE_RETRY ? rc : 0;
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
	int		 i, rc, tables[BOOK_NINDEXES] = {
		BOOK_T_CONTACT, BOOK_T_CONTACT, BOOK_T_CONTACT,
		BOOK_T_ACTIVITY, BOOK_T_ACTIVITY, BOOK_T_ACTIVITY,
		BOOK_T_ACTIVITY, BOOK_T_ACTIVITY, BOOK_T_AUDIT, BOOK_T_DEAL,
		BOOK_T_CASE, BOOK_T_CONTACT, BOOK_T_CONTACT, BOOK_T_CONTACT,
		BOOK_T_CONTACT
	};

	k->problems = k->text = 0;
	for (i = 0; i < BOOK_NTABLES; i++)
		if (i != BOOK_T_TEXT && (rc = book_chk_table(t, k, i, e)) != 0)
			return rc;
	for (i = 0; i < BOOK_NINDEXES; i++)
		if ((rc = book_chk_index(t, k, tables[i], i, e)) != 0)
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

/* The file structure, verified on a recovered hot copy. */
static int
book_chk_files(struct book *b, struct book_chk *k, struct err *e)
{
	const char	*tmp = getenv("TMPDIR");
	char		*dir;
	struct err	 ve;
	int		 rc = 0;

	dir = xasprintf("%s/kith-check-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		err_set(e, dir, 0, "cannot make a temporary directory");
		free(dir);
		return -1;
	}
	if (store_backup(b->store, dir, e) != 0)
		rc = -1;
	else {
		err_clear(&ve);
		if (store_verify(dir, &ve) != 0)
			book_chk_say(k, "%s", ve.msg);
	}
	book_rmtree(dir);
	free(dir);
	return rc;
}

int
book_check(struct book *b, void (*fn)(const char *, void *), void *arg,
    struct err *e)
{
	struct book_chk	k = { fn, arg, 0, 0 };

	if (store_txn_run(b->store, STORE_READ, book_chk_fn, &k, e) != 0)
		return -1;
	if (book_chk_files(b, &k, e) != 0)
		return -1;
	return k.problems;	/* the transaction's and the files' */
}
