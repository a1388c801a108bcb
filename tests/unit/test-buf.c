/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for buf and the xmalloc string helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "xmalloc.h"

static void
test_empty_buffer_is_empty_string(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*s;

	assert_null(b.data);
	assert_string_equal(buf_str(&b), "");
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
	buf_init(&b);
	buf_add(&b, "x", 0);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	buf_free(&b);
}

static void
test_add_keeps_nul_termination(void **state)
{
	struct buf	b;

	buf_init(&b);
	buf_add(&b, "ab", 2);
	assert_int_equal(b.len, 2);
	assert_int_equal(b.data[2], '\0');
	buf_addc(&b, 'c');
	buf_adds(&b, "def");
	buf_addf(&b, "-%d-%s", 42, "x");
	assert_string_equal(buf_str(&b), "abcdef-42-x");
	assert_int_equal(b.len, strlen("abcdef-42-x"));
	buf_add(&b, "\0z", 2);
	assert_int_equal(b.len, 13);
	assert_memory_equal(b.data + 11, "\0z\0", 3);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

static void
test_grows_past_many_reallocations(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	size_t		 i;

	for (i = 0; i < 10000; i++)
		buf_addf(&b, "%zu,", i % 10);
	assert_int_equal(b.len, 20000);
	assert_true(b.cap > b.len);
	assert_int_equal(strlen(buf_str(&b)), 20000);
	assert_memory_equal(b.data + 19990, "5,6,7,8,9,", 10);
	s = buf_detach(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(strlen(s), 20000);
	free(s);
}

static void
test_reset_keeps_memory(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*p;

	buf_adds(&b, "hello");
	p = b.data;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	assert_ptr_equal(b.data, p);
	buf_adds(&b, "hi");
	assert_string_equal(buf_str(&b), "hi");
	buf_free(&b);
}

static void
test_addf_empty_and_long(void **state)
{
	struct buf	 b = BUF_INIT;
	char		 big[300];

	buf_addf(&b, "%s", "");
	assert_string_equal(buf_str(&b), "");
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_addf(&b, "<%s>", big);
	assert_int_equal(b.len, 301);
	assert_int_equal(b.data[300], '>');
	buf_free(&b);
}

static void
test_xmalloc_strings(void **state)
{
	char	*s;
	int	*v;

	assert_null(xstrdup(NULL));
	s = xstrdup("abc");
	assert_string_equal(s, "abc");
	free(s);
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = xstrndup("ab", 10);
	assert_string_equal(s, "ab");
	free(s);
	s = xasprintf("%s=%d", "n", 7);
	assert_string_equal(s, "n=7");
	free(s);
	v = xcalloc(4, sizeof *v);
	assert_int_equal(v[3], 0);
	v = xreallocarray(v, 100, sizeof *v);
	v[99] = 1;
	free(v);
	free(xmalloc(0));
}

static void
test_overflow_is_fatal(void **state)
{
	char	out[256];
	ssize_t	n, got = 0;
	pid_t	pid;
	int	fd[2], status;

	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		dup2(fd[1], 2);
		xreallocarray(NULL, SIZE_MAX / 2, 4);
		_exit(0);
	}
	close(fd[1]);
	while ((n = read(fd[0], out + got, sizeof out - 1 - got)) > 0)
		got += n;
	close(fd[0]);
	out[got] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	assert_string_equal(out, "kith: fatal: out of memory\n");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_empty_buffer_is_empty_string),
		cmocka_unit_test(test_add_keeps_nul_termination),
		cmocka_unit_test(test_grows_past_many_reallocations),
		cmocka_unit_test(test_reset_keeps_memory),
		cmocka_unit_test(test_addf_empty_and_long),
		cmocka_unit_test(test_xmalloc_strings),
		cmocka_unit_test(test_overflow_is_fatal),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
