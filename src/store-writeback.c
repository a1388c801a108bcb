/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing back early.  A transaction that writes hundreds of megabytes
 * (an import, a load) fills the log file after file, and Berkeley DB
 * syncs each one as it moves to the next: the kernel, which starts
 * writing dirty pages out only when gigabytes are waiting, then writes
 * all of it while the transaction waits, 11 ms for every 10 MB file here,
 * and the database file's pages at the checkpoint.  A helper thread asks
 * the kernel every STORE_WB_MS to start writing out the newest log file,
 * and the database file every STORE_WB_DB times (sync_file_range, which
 * does not wait and changes nothing of what is durable when), so the
 * syncs find it done: 0.1 s of them in an import of 100 000 contacts
 * instead of 0.4 s.  It opens the files itself, read-only, and never
 * touches the library's handles.  Elsewhere than Linux it does nothing.
 */
#include "store-int.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xmalloc.h"

#define STORE_WB_MS	10
#define STORE_WB_DB	20	/* kith.db: every 200 ms */

struct store_writeback {
	char		*dir;
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 stop;
	int		 dbfd, logfd;
	unsigned long	 logno;		/* of logfd */
	unsigned	 ticks;
};

#ifdef SYNC_FILE_RANGE_WRITE
/* The number of the newest log file, 0 for none. */
static unsigned long
store_wb_newest(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	unsigned long	 n, newest = 0;
	char		*end;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "log.", 4) != 0)
			continue;
		n = strtoul(de->d_name + 4, &end, 10);
		if (*end == '\0' && n > newest && n != ULONG_MAX)
			newest = n;
	}
	closedir(d);
	return newest;
}

/* The whole log file: Berkeley DB makes it full size at once. */
static void
store_wb_log(struct store_writeback *w)
{
	sync_file_range(w->logfd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

static void
store_wb_once(struct store_writeback *w)
{
	unsigned long	 n = store_wb_newest(w->dir);
	char		*path;

	if (n != 0 && n != w->logno) {
		if (w->logfd != -1) {	/* the rest of the one before */
			store_wb_log(w);
			close(w->logfd);
		}
		path = xasprintf("%s/log.%010lu", w->dir, n);
		w->logfd = open(path, O_RDONLY | O_CLOEXEC);
		w->logno = n;
		free(path);
	}
	if (w->logfd != -1)
		store_wb_log(w);
	if (w->dbfd != -1 && ++w->ticks % STORE_WB_DB == 0)
		sync_file_range(w->dbfd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

static void *
store_wb_main(void *arg)
{
	struct store_writeback	*w = arg;
	struct timespec		 ts;

	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		pthread_mutex_unlock(&w->mu);
		store_wb_once(w);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += STORE_WB_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&w->mu);
		if (!w->stop)
			pthread_cond_timedwait(&w->cv, &w->mu, &ts);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}
#endif

/* Not a counted helper (thread.h): it holds nothing of the worker's, so
 * the guard may still take the worker out of a stuck library call while
 * it runs. */
void
store_writeback_start(struct store *st)
{
#ifdef SYNC_FILE_RANGE_WRITE
	struct store_writeback	*w;
	char			*path;

	if (st->wb != NULL)
		return;
	w = xcalloc(1, sizeof *w);
	path = xasprintf("%s/%s", st->dir, STORE_FILE);
	w->dir = xstrdup(st->dir);
	w->dbfd = open(path, O_RDONLY | O_CLOEXEC);
	w->logfd = -1;
	free(path);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->th, NULL, store_wb_main, w) != 0) {
		w->stop = -1;	/* no thread to join */
		st->wb = w;
		store_writeback_stop(st);
		return;
	}
	st->wb = w;
#else
	(void)st;
#endif
}

void
store_writeback_stop(struct store *st)
{
	struct store_writeback	*w = st->wb;

	if (w == NULL)
		return;
	st->wb = NULL;
	pthread_mutex_lock(&w->mu);
	if (w->stop == 0) {
		w->stop = 1;
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->th, NULL);
	} else
		pthread_mutex_unlock(&w->mu);
	if (w->dbfd != -1)
		close(w->dbfd);
	if (w->logfd != -1)
		close(w->logfd);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w->dir);
	free(w);
}
