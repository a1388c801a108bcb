/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_STORE_INT_H
#define KITH_STORE_INT_H

/*
 * store-int: what the files of the store module share and nobody else
 * sees: the environment handle with its tables and indexes, and the
 * transaction.  Only store*.c include it (and <db.h>).
 */

#include <db.h>
#include <stdint.h>

struct err;

#define STORE_FILE	"kith.db"
#define STORE_MODE	0660
#define STORE_MAX_DB	64

struct store {
	char				*dir;
	const struct store_schema	*schema;
	int				 flags;
	int				 timeout_ms;
	DB_ENV				*env;
	DB_TXN				*open_txn;	/* opening: no waits */
	DB				*meta;
	DB				*tables[STORE_MAX_DB];
	DB				*indexes[STORE_MAX_DB];
	/* The same indexes unassociated: keys and ids without the table. */
	DB				*keys[STORE_MAX_DB];
	char				 msg[512];	/* the library's last word */
};

struct store_txn {
	struct store		*st;
	DB_TXN			*txn;
	int			 flags;
	int			 recover;	/* the library asked for it */
	struct store_cursor	*cursors;
	/* Record count changes, written once at commit (see store_put). */
	int64_t			 counts[STORE_MAX_DB];
	/* Handles opened in the transaction, closed after it has ended
	 * (a handle opened in a transaction belongs to it until then). */
	DB			*late[2 * STORE_MAX_DB];
	size_t			 nlate;
};

/* Fails t with what Berkeley DB said: STORE_RETRY on a lock conflict or
 * when recovery is needed, else -1 with the reason in e. */
int	store_fail(struct store_txn *t, int ret, const char *what,
	    struct err *e);

#endif /* KITH_STORE_INT_H */
