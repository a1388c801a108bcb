/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The keystroke benchmark (make bench): KITH_BENCH_KEYS="Vågbø" opens the
 * lookup after the first screen and types the text one character at a
 * time.  The keys come out of ui_getkey(), so each goes the way a typed
 * key goes (key table, prompt, lookup, drawing, doupdate); the time from
 * handing a character out to the next call of ui_getkey() is that
 * keystroke's.  The times (ms, one a line) go to the file named by
 * KITH_BENCH_TIMES, or to standard error after the screen is ended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "ui-int.h"
#include "xmalloc.h"

struct ui_bench {
	wchar_t		*keys;		/* '/' then the text */
	size_t		 nkeys, next;
	double		*ms;		/* one per character of the text */
	size_t		 nms;
	struct timespec	 given;		/* when the last key was handed out */
	int		 timing;	/* a character is being handled */
};

static double
ui_bench_since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1e3 +
	    (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

struct ui_bench *
ui_bench_new(void)
{
	const char	*s = getenv("KITH_BENCH_KEYS");
	struct ui_bench	*b;
	size_t		 n;

	if (s == NULL || *s == '\0' || (n = mbstowcs(NULL, s, 0)) ==
	    (size_t)-1)
		return NULL;
	b = xcalloc(1, sizeof *b);
	b->keys = xcalloc(n + 2, sizeof *b->keys);
	b->keys[0] = L'/';		/* the lookup's default key */
	mbstowcs(b->keys + 1, s, n + 1);
	b->nkeys = n + 1;
	b->ms = xcalloc(n, sizeof *b->ms);
	return b;
}

/* The next scripted key, UI_KEY_STOP after the last one is handled. */
int
ui_bench_key(struct ui_bench *b)
{
	if (b->timing) {
		b->ms[b->nms++] = ui_bench_since(&b->given);
		b->timing = 0;
	}
	if (b->next == b->nkeys)
		return UI_KEY_STOP;
	b->timing = b->next > 0;
	clock_gettime(CLOCK_MONOTONIC, &b->given);
	return (int)b->keys[b->next++];
}

/* Writes the times (after endwin) and frees b. */
void
ui_bench_free(struct ui_bench *b)
{
	const char	*path;
	FILE		*f = stderr;
	size_t		 i;

	if (b == NULL)
		return;
	if ((path = getenv("KITH_BENCH_TIMES")) != NULL && *path != '\0' &&
	    (f = fopen(path, "a")) == NULL)
		f = stderr;
	for (i = 0; i < b->nms; i++)
		fprintf(f, "%.3f\n", b->ms[i]);
	if (f != stderr)
		fclose(f);
	free(b->keys);
	free(b->ms);
	free(b);
}
