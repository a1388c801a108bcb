/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_STORE_INT_H
#define KITH_STORE_INT_H

/*
 * store-int: what the files of the store module share and nobody else
 * sees: the environment handle with its tables and indexes, and the
 * transaction.  Only store*.c include it (and <db.h>).
 */

#include <sys/types.h>

#include <db.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
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
	int				 wrote;		/* checkpoint at close */
	/* The commit token: this process's nonce and attempt number. */
	uint64_t			 token[2];
	/* The guard (store-guard.c). */
	ino_t				 region_ino;	/* __db.001 mapped */
	int				 guarded;
	pthread_t			 guard;
	pthread_mutex_t			 guard_mu;
	pthread_cond_t			 guard_cv;
	int				 guard_stop;
	pthread_t			 worker;	/* in a transaction */
	volatile long			 busy_since;	/* ms, 0: idle */
	volatile sig_atomic_t		 phase;		/* STORE_IDLE ... */
	/* The stores this process has open (store_open_here). */
	dev_t				 dir_dev;
	ino_t				 dir_ino;
	struct store			*next_open;
	/* A bulk write's helper, to the end of its transaction. */
	struct store_writeback		*wb;
};

/* Where the worker is: what a jump out of the library leaves behind. */
enum {
	STORE_IDLE,
	STORE_WORK,	/* begun or not: not committed, run it again */
	STORE_COMMIT,	/* committing: the token tells */
	STORE_DONE	/* committed: a checkpoint or a close */
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

/* A helper that has the kernel write the log and the database file out
 * as they fill (store-writeback.c): st->wb, started by a bulk write if
 * there is none and stopped when the transaction ends, by a jump of the
 * guard too.  Stopping none does nothing. */
void	store_writeback_start(struct store *st);
void	store_writeback_stop(struct store *st);

/* Has a child open the environment, which recovers it if a kith died. */
void	store_probe(struct store *st);

/* The guard, see store-guard.c. */
extern sigjmp_buf store_guard_jmp;
void	store_guard_start(struct store *st);
void	store_guard_stop(struct store *st);
void	store_guard_pin(struct store *st);
void	store_guard_left_behind(struct store *st);
void	store_guard_unregister(struct store *st);
void	store_guard_orphan(struct store *st);
/* 1 when this thread is now the guarded worker (0: nested, unguarded). */
int	store_guard_enter(struct store *st);
void	store_guard_arm(struct store *st);
/* The worker is not stuck: a call into the library returned. */
void	store_guard_alive(struct store *st);
void	store_guard_leave(struct store *st);

#endif /* KITH_STORE_INT_H */
