/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store-guard: a way out for a process stuck inside Berkeley DB.
 *
 * A kith killed while it holds one of the library's mutexes leaves it held
 * for ever, and Debian's libdb waits on its mutexes without a time limit:
 * a live process that needs the mutex next blocks inside the library and
 * never wakes, even after another process has recovered the environment
 * (NOTES 3).  Lock waits are avoided (transactions never wait); mutexes
 * cannot be.  Seen in tests/stress/kill-writer-survivor.sh as a writer
 * blocked in txn_begin and in txn_checkpoint.
 *
 * The guard is a thread that watches the one thread working in the store.
 * When that thread has been inside a transaction for STORE_STUCK_MS, the
 * guard has a child open the environment, which recovers it if a kith
 * died (store_probe), again every STORE_REPROBE_MS.  Recovery replaces
 * the region files; the guard knows the inode of the first one as this
 * process maps it (store_guard_pin), so it sees the replacement for
 * certain, and only then, with the worker still inside, interrupts it
 * with STORE_GUARD_SIGNAL.  The handler jumps back to store_txn_run, which
 * abandons the old environment without touching it (closing would block
 * on the same mutex), opens the new one and settles the transaction: not
 * begun or not committed, it runs again; caught while committing, the
 * commit token says whether it committed (store_txn_settle).
 *
 * What is abandoned is a few megabytes of mapped region and the handles,
 * once per recovery; nothing of the database.
 *
 * A long transaction that makes progress is not stuck: each call into the
 * library that returns restarts the clock (store_guard_alive).  An import
 * of a million contacts was probed every STORE_REPROBE_MS for a minute.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "store-int.h"
#include "thread.h"

#define STORE_STUCK_MS	2000	/* inside a transaction this long: look */
#define STORE_REPROBE_MS 5000	/* and look again this often */
#define STORE_GUARD_SIGNAL SIGUSR2
#define STORE_ALIVE_MS	250	/* how stale store_guard_alive lets it get */

sigjmp_buf			 store_guard_jmp;
static struct store *volatile	 store_guarded;	/* the process's store */
static volatile sig_atomic_t	 store_guard_armed;

static long
store_guard_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Inodes of region files this process has left behind (store_abandon). */
static ino_t	store_guard_left[16];
static size_t	store_guard_nleft;

static int
store_guard_was_left(ino_t ino)
{
	size_t	i;

	for (i = 0; i < store_guard_nleft; i++)
		if (store_guard_left[i] == ino)
			return 1;
	return 0;
}

/*
 * Notes which region file the environment just opened maps: the mapped
 * __db.001 that is not one left behind.  Read from the mapping, not by
 * the file's name: another process may recover the environment between
 * this one's open and the look, and the name would then give the new
 * file while this process still works in the old one.  The mapping also
 * keeps the inode in use, so a new file cannot have the same one.
 */
void
store_guard_pin(struct store *st)
{
	char		*line = NULL, *p;
	size_t		 cap = 0;
	FILE		*f;
	unsigned long	 ino;

	st->region_ino = 0;
	if ((f = fopen("/proc/self/maps", "re")) == NULL)
		return;
	while (getline(&line, &cap, f) != -1) {
		if ((p = strstr(line, "/__db.001")) == NULL ||
		    (p[9] != '\n' && p[9] != ' '))
			continue;
		/* address perms offset dev inode path */
		if (sscanf(line, "%*s %*s %*s %*s %lu", &ino) == 1 &&
		    ino != 0 && !store_guard_was_left((ino_t)ino))
			st->region_ino = (ino_t)ino;
	}
	free(line);
	fclose(f);
}

/* The environment this process works in is being left behind. */
void
store_guard_left_behind(struct store *st)
{
	if (st->region_ino == 0)
		return;
	if (store_guard_nleft == sizeof store_guard_left /
	    sizeof store_guard_left[0]) {
		memmove(store_guard_left, store_guard_left + 1,
		    sizeof store_guard_left - sizeof store_guard_left[0]);
		store_guard_nleft--;
	}
	store_guard_left[store_guard_nleft++] = st->region_ino;
	st->region_ino = 0;
}

/*
 * 1 when the region file this process works in has been replaced, that
 * is, another process recovered the environment.  Async-signal-safe: the
 * signal handler asks too.
 */
static int
store_guard_replaced(const struct store *st)
{
	char		path[PATH_MAX];
	struct stat	now;
	size_t		n;

	if (st->region_ino == 0)
		return 0;
	n = strlen(st->dir);
	if (n + sizeof "/__db.001" > sizeof path)
		return 0;
	memcpy(path, st->dir, n);
	memcpy(path + n, "/__db.001", sizeof "/__db.001");
	if (stat(path, &now) == -1)
		return errno == ENOENT;
	return now.st_ino != st->region_ino;
}

static void
store_guard_on_signal(int sig)
{
	struct store	*st = store_guarded;

	(void)sig;
	/* Helpers share the worker's stack frames: it cannot leave them. */
	if (store_guard_armed && st != NULL && thread_helpers() == 0 &&
	    store_guard_replaced(st)) {
		store_guard_armed = 0;
		siglongjmp(store_guard_jmp, 1);
	}
}

static void *
store_guard_main(void *arg)
{
	struct store	*st = arg;
	struct timespec	 ts;
	long		 since, probed = 0;	/* when, ms */

	pthread_mutex_lock(&st->guard_mu);
	while (!st->guard_stop) {
		if (st->busy_since == 0) {	/* idle: sleep until work */
			pthread_cond_wait(&st->guard_cv, &st->guard_mu);
			continue;
		}
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 200 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&st->guard_cv, &st->guard_mu, &ts);
		since = st->busy_since;
		if (st->guard_stop || since == 0 ||
		    store_guard_now() - since < STORE_STUCK_MS)
			continue;
		pthread_mutex_unlock(&st->guard_mu);
		if (store_guard_replaced(st))
			pthread_kill(st->worker, STORE_GUARD_SIGNAL);
		else if (store_guard_now() - probed >= STORE_REPROBE_MS) {
			probed = store_guard_now();
			store_probe(st);
		}
		pthread_mutex_lock(&st->guard_mu);
	}
	pthread_mutex_unlock(&st->guard_mu);
	return NULL;
}

/*
 * Rewrites this process's slot in the environment's register.  A slot is
 * a 25-byte line, the pid right-aligned or, free, "X" and a zero
 * (env_register.c).  Berkeley DB refuses a second open by a process it
 * finds registered (BDB1528).
 */
static void
store_guard_reslot(struct store *st, int dead)
{
	char		path[PATH_MAX], mine[32], slot[25], to[32];
	struct flock	fl;
	off_t		at;
	int		fd;

	snprintf(path, sizeof path, "%s/__db.register", st->dir);
	if ((fd = open(path, O_RDWR | O_CLOEXEC)) == -1)
		return;
	snprintf(mine, sizeof mine, "%24lu\n", (unsigned long)getpid());
	if (dead) {	/* a process that never holds its slot's lock */
		snprintf(to, sizeof to, "%24lu\n", 0UL);
		/* Under the register's own lock (byte 1), as the library
		 * writes it, or a recovery emptying every slot just then
		 * would be followed by this one, and another recovery. */
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = 1;
		fl.l_len = 1;
		if (fcntl(fd, F_SETLKW, &fl) == -1) {
			close(fd);
			return;
		}
	} else
		snprintf(to, sizeof to, "X%23lu\n", 0UL);
	for (at = 0; pread(fd, slot, sizeof slot, at) == sizeof slot;
	    at += sizeof slot) {
		if (memcmp(slot, mine, sizeof slot) == 0)
			(void)pwrite(fd, to, sizeof slot, at);
	}
	close(fd);	/* and the lock with it */
}

/* Frees the slot the abandoned handle still holds. */
void
store_guard_unregister(struct store *st)
{
	store_guard_reslot(st, 0);
}

/*
 * Hands this process's slot, left filled by an opening that failed in
 * recovery, to a dead process: the next opening, this process's too,
 * then runs recovery again (as every other would) instead of stopping
 * at BDB1528.
 */
void
store_guard_orphan(struct store *st)
{
	store_guard_reslot(st, 1);
}

void
store_guard_start(struct store *st)
{
	struct sigaction	sa;

	if (store_guarded != NULL)	/* one store per process is guarded */
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = store_guard_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(STORE_GUARD_SIGNAL, &sa, NULL);
	pthread_mutex_init(&st->guard_mu, NULL);
	pthread_cond_init(&st->guard_cv, NULL);
	st->guard_stop = 0;
	st->busy_since = 0;
	if (pthread_create(&st->guard, NULL, store_guard_main, st) != 0)
		return;
	st->guarded = 1;
	store_guarded = st;
}

void
store_guard_stop(struct store *st)
{
	if (st->guarded) {
		pthread_mutex_lock(&st->guard_mu);
		st->guard_stop = 1;
		pthread_cond_signal(&st->guard_cv);
		pthread_mutex_unlock(&st->guard_mu);
		pthread_join(st->guard, NULL);
		pthread_mutex_destroy(&st->guard_mu);
		pthread_cond_destroy(&st->guard_cv);
		st->guarded = 0;
		store_guarded = NULL;
	}
}

int
store_guard_enter(struct store *st)
{
	if (!st->guarded || st->busy_since != 0)
		return 0;	/* not guarded, or nested: the outer one is */
	pthread_mutex_lock(&st->guard_mu);
	st->worker = pthread_self();
	st->phase = STORE_WORK;
	st->busy_since = store_guard_now();
	pthread_cond_signal(&st->guard_cv);
	pthread_mutex_unlock(&st->guard_mu);
	return 1;
}

void
store_guard_alive(struct store *st)
{
	long	now;

	if (!st->guarded || st->busy_since == 0)
		return;
	now = store_guard_now();
	if (now - st->busy_since < STORE_ALIVE_MS)
		return;
	pthread_mutex_lock(&st->guard_mu);
	if (st->busy_since != 0)
		st->busy_since = now;
	pthread_mutex_unlock(&st->guard_mu);
}

/* After sigsetjmp(store_guard_jmp): the signal may now jump. */
void
store_guard_arm(struct store *st)
{
	(void)st;
	store_guard_armed = 1;
}

void
store_guard_leave(struct store *st)
{
	store_guard_armed = 0;
	pthread_mutex_lock(&st->guard_mu);
	st->busy_since = 0;
	st->phase = STORE_IDLE;
	pthread_mutex_unlock(&st->guard_mu);
}
