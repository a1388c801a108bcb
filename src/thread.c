/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "thread.h"

#include <stdatomic.h>

static atomic_int	thread_count;

int
thread_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
	int	ret;

	atomic_fetch_add(&thread_count, 1);
	if ((ret = pthread_create(th, NULL, fn, arg)) != 0)
		atomic_fetch_sub(&thread_count, 1);
	return ret;
}

void
thread_join(pthread_t th)
{
	pthread_join(th, NULL);
	atomic_fetch_sub(&thread_count, 1);
}

int
thread_helpers(void)
{
	return atomic_load(&thread_count);
}
