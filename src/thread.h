/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_THREAD_H
#define KITH_THREAD_H

/*
 * Helper threads, counted.  kith's helpers (a parser, a sorter, a reader)
 * share structures on the stack of the thread that started them, which
 * must not leave that frame while one runs: the store's guard
 * (store-guard.c) asks thread_helpers() before it unwinds a stuck thread.
 */

#include <pthread.h>

/* pthread_create with default attributes: 0, or the error number. */
int	thread_start(pthread_t *th, void *(*fn)(void *), void *arg);
/* pthread_join, discarding the thread's result. */
void	thread_join(pthread_t th);
/* Helpers started and not yet joined; async-signal-safe. */
int	thread_helpers(void);

#endif
