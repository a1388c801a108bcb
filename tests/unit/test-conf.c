/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for conf (the configuration files) and err. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf.h"
#include "err.h"

/* The test's private directory, made in main() and removed at the end. */
static char	test_dir[] = "/tmp/kith-test-conf.XXXXXX";

/* Writes text to a file in the test directory; returns its path. */
static const char *
write_file(const char *name, const char *text)
{
	static char	 path[512];
	FILE		*fp;

	snprintf(path, sizeof path, "%s/%s", test_dir, name);
	if ((fp = fopen(path, "w")) == NULL)
		fail_msg("cannot write %s", path);
	fputs(text, fp);
	fclose(fp);
	return (path);
}

static void
assert_value(const struct conf *c, const char *key, const char *want)
{
	const char	*got = conf_get(c, key, NULL);

	if (got == NULL)
		fail_msg("no key \"%s\"", key);
	assert_string_equal(got, want);
}

static void
test_parse_sections_quotes_comments(void **state)
{
	static const char	 text[] =
	    "# kith configuration\n"
	    "\n"
	    "   # an indented comment\n"
	    "editor = vi\n"
	    "  colour=yes  \n"
	    "prompt = \"  two spaces  \"\n"
	    "quoted = \"say \\\"hi\\\" to C:\\\\\"\n"
	    "hash = #ff0000 # not a comment\n"
	    "equals = a=b\n"
	    "empty =\n"
	    "crlf = yes\r\n"
	    "[ui]\n"
	    "scheme = dark\n"
	    "[field industry]\n"
	    "type = choice\n"
	    "choices = \"retail, public, other\"\n"
	    "[group \"Big Customers\"]\n"
	    "query = deals>10000\n"
	    "[ui]\n"
	    "scheme = light\n"
	    "utf8 = Søren Ågård\n";
	struct conf		*c = conf_new();
	const struct conf_entry	*ce;
	struct err		 e;
	const char		*path = write_file("full", text);

	err_clear(&e);
	assert_int_equal(conf_load_file(c, path, &e), 0);
	assert_false(err_isset(&e));
	assert_int_equal(c->n, 14);
	assert_value(c, "editor", "vi");
	assert_value(c, "colour", "yes");
	assert_value(c, "prompt", "  two spaces  ");
	assert_value(c, "quoted", "say \"hi\" to C:\\");
	assert_value(c, "hash", "#ff0000 # not a comment");
	assert_value(c, "equals", "a=b");
	assert_value(c, "empty", "");
	assert_value(c, "crlf", "yes");
	assert_value(c, "field.industry.type", "choice");
	assert_value(c, "field.industry.choices", "retail, public, other");
	assert_value(c, "group.Big Customers.query", "deals>10000");
	assert_value(c, "ui.scheme", "light");
	assert_value(c, "ui.utf8", "Søren Ågård");
	assert_null(conf_find(c, "scheme"));
	assert_null(conf_find(c, "type"));
	ce = conf_find(c, "ui.scheme");
	assert_non_null(ce);
	assert_string_equal(ce->file, path);
	assert_int_equal(ce->line, 20);
	assert_string_equal(conf_get(c, "nothing", "dflt"), "dflt");
	assert_null(conf_get(c, "nothing", NULL));
	conf_free(c);
}

static void
assert_conf_error(const char *text, int line)
{
	struct conf	*c = conf_new();
	struct err	 e;
	const char	*path = write_file("bad", text);
	char		 want[600], msg[1024];

	err_clear(&e);
	if (conf_load_file(c, path, &e) != -1)
		fail_msg("no error for \"%s\"", text);
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, line);
	snprintf(want, sizeof want, "%s:%d: ", path, line);
	err_format(&e, msg, sizeof msg);
	assert_true(strncmp(msg, want, strlen(want)) == 0);
	assert_true(strlen(msg) > strlen(want));
	conf_free(c);
}

static void
test_errors_name_file_and_line(void **state)
{
	assert_conf_error("a = 1\njust some words\n", 2);
	assert_conf_error("# c\n\n[unclosed\n", 3);
	assert_conf_error("[]\n", 1);
	assert_conf_error("[ ]\n", 1);
	assert_conf_error("[ui] extra\n", 1);
	assert_conf_error("[group \"\"]\n", 1);
	assert_conf_error("[group \"open]\n", 1);
	assert_conf_error("a = 1\nb = 2\nkey = \"unterminated\n", 3);
	assert_conf_error("key = \"x\" trailing\n", 1);
	assert_conf_error("key = \"bad \\n escape\"\n", 1);
	assert_conf_error("bad key! = 1\n", 1);
	assert_conf_error("= value\n", 1);
	assert_conf_error("two words = 1\n", 1);
	assert_conf_error("ok = 1\n\n\n\n=\n", 5);
}

static void
test_missing_file_is_fine(void **state)
{
	struct conf	*c = conf_new();
	struct err	 e;
	char		 path[512];

	err_clear(&e);
	snprintf(path, sizeof path, "%s/does-not-exist", test_dir);
	assert_int_equal(conf_load_file(c, path, &e), 0);
	snprintf(path, sizeof path, "%s/no/such/dir/config", test_dir);
	assert_int_equal(conf_load_file(c, path, &e), 0);
	assert_int_equal(c->n, 0);
	assert_false(err_isset(&e));
	conf_free(c);
	conf_free(NULL);
	assert_null(conf_find(NULL, "x"));
}

static void
test_directory_is_an_error(void **state)
{
	struct conf	*c = conf_new();
	struct err	 e;

	err_clear(&e);
	assert_int_equal(conf_load_file(c, test_dir, &e), -1);
	assert_string_equal(e.file, test_dir);
	conf_free(c);
}

static void
test_user_file_overrides_system(void **state)
{
	struct conf		*c;
	const struct conf_entry	*ce;
	struct err		 e;
	char			 sys[512];

	snprintf(sys, sizeof sys, "%s", write_file("sys",
	    "a = system\nb = system\n[ui]\nscheme = dark\n"));
	setenv("KITH_SYSCONFIG", sys, 1);
	setenv("KITH_CONFIG", write_file("user", "b = user\n"), 1);
	err_clear(&e);
	assert_non_null(c = conf_load(&e));
	assert_value(c, "a", "system");
	assert_value(c, "b", "user");
	assert_value(c, "ui.scheme", "dark");
	ce = conf_find(c, "b");
	assert_int_equal(ce->line, 1);
	assert_true(strstr(ce->file, "/user") != NULL);
	conf_free(c);
}

static void
test_xdg_and_home_paths(void **state)
{
	struct conf	*c;
	struct err	 e;
	char		 dir[512];

	setenv("KITH_SYSCONFIG", write_file("sys", "a = system\n"), 1);
	unsetenv("KITH_CONFIG");
	snprintf(dir, sizeof dir, "%s/kith", test_dir);
	mkdir(dir, 0700);
	write_file("kith/config", "a = xdg\n");
	setenv("XDG_CONFIG_HOME", test_dir, 1);
	assert_non_null(c = conf_load(&e));
	assert_value(c, "a", "xdg");
	conf_free(c);

	unsetenv("XDG_CONFIG_HOME");
	snprintf(dir, sizeof dir, "%s/.config", test_dir);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/.config/kith", test_dir);
	mkdir(dir, 0700);
	write_file(".config/kith/config", "a = home\n");
	setenv("HOME", test_dir, 1);
	assert_non_null(c = conf_load(&e));
	assert_value(c, "a", "home");
	conf_free(c);
}

static void
test_load_error_returns_null(void **state)
{
	struct err	e;
	char		msg[1024];

	setenv("KITH_SYSCONFIG", write_file("sys", "a = 1\n"), 1);
	setenv("KITH_CONFIG", write_file("user", "a = 2\noops\n"), 1);
	err_clear(&e);
	assert_null(conf_load(&e));
	assert_int_equal(e.line, 2);
	assert_true(strstr(err_format(&e, msg, sizeof msg), "/user:2: ") !=
	    NULL);
	unsetenv("KITH_CONFIG");
}

static void
test_err_format(void **state)
{
	struct err	e;
	char		buf[64];

	err_clear(&e);
	assert_false(err_isset(&e));
	assert_string_equal(err_format(&e, buf, sizeof buf), "");
	err_set(&e, "f.txt", 12, "bad %s", "thing");
	assert_true(err_isset(&e));
	assert_string_equal(err_format(&e, buf, sizeof buf),
	    "f.txt:12: bad thing");
	err_set(&e, "f.txt", 0, "unreadable");
	assert_string_equal(err_format(&e, buf, sizeof buf),
	    "f.txt: unreadable");
	err_set(&e, NULL, 0, "plain %d", 1);
	assert_string_equal(err_format(&e, buf, sizeof buf), "plain 1");
	assert_string_equal(err_format(&e, buf, 4), "pla");
	err_clear(&e);
	assert_false(err_isset(&e));
	err_set(NULL, "x", 1, "ignored");
	err_clear(NULL);
	assert_false(err_isset(NULL));
	assert_string_equal(err_format(NULL, buf, sizeof buf), "");
}

static void
fatal_test_hook(void)
{
	fputs("hook;", stderr);
}

static void
test_fatal_runs_hook_then_aborts(void **state)
{
	char	out[256];
	ssize_t	n, got = 0;
	pid_t	pid;
	int	fd[2], status;

	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		dup2(fd[1], 2);
		fatal_hook(fatal_test_hook);
		fatal("broken %s", "invariant");
	}
	close(fd[1]);
	while ((n = read(fd[0], out + got, sizeof out - 1 - got)) > 0)
		got += n;
	close(fd[0]);
	out[got] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	assert_string_equal(out, "hook;kith: fatal: broken invariant\n");
}

static int
remove_test_dir(void **state)
{
	static const char	*files[] = {
		"full", "bad", "sys", "user", "kith/config", "kith",
		".config/kith/config", ".config/kith", ".config"
	};
	char			 path[512];
	size_t			 i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", test_dir, files[i]);
		remove(path);
	}
	return (rmdir(test_dir));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_parse_sections_quotes_comments),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_missing_file_is_fine),
		cmocka_unit_test(test_directory_is_an_error),
		cmocka_unit_test(test_user_file_overrides_system),
		cmocka_unit_test(test_xdg_and_home_paths),
		cmocka_unit_test(test_load_error_returns_null),
		cmocka_unit_test(test_err_format),
		cmocka_unit_test(test_fatal_runs_hook_then_aborts),
	};

	if (mkdtemp(test_dir) == NULL)
		return (1);
	unsetenv("KITH_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	return (cmocka_run_group_tests(tests, NULL, remove_test_dir));
}
