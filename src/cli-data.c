/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The database as a whole: init, dump, load, check, backup. */
#include "cli.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book.h"
#include "dump.h"
#include "err.h"
#include "store.h"
#include "xmalloc.h"

/* The temporary file is the target's name with this appended. */
#define CLI_OUTPUT_SUFFIX ".tmp.XXXXXX"

/*
 * Opens FILE for writing in place: a device, a FIFO or a socket (or a
 * symbolic link to one), which a rename would replace with a file.
 */
static FILE *
cli_output_special(const char *path)
{
	FILE	*f;
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
		cli_errorf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		cli_errorf("%s: %s", path, strerror(errno));
		close(fd);
	}
	return f;
}

/*
 * Where the temporary file goes and what it is renamed over: the file a
 * symbolic link points to (so the link stays a link), else PATH itself.
 */
static char *
cli_output_target(const char *path)
{
	struct stat	 sb;
	char		*real;

	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		return real;
	return xstrdup(path);
}

/*
 * Opens FILE for writing personal data: mode 0600, written to a temporary
 * name and renamed into place by cli_output_close, so a failed export
 * never leaves half a file where a good one was. "-" is standard output;
 * anything that exists and is not a regular file (/dev/null, a FIFO) is
 * written in place, with *tmp left NULL.
 */
FILE *
cli_output_open(const char *path, char **tmp)
{
	struct stat	 sb;
	FILE		*f;
	char		*target;
	int		 fd;

	*tmp = NULL;
	if (strcmp(path, "-") == 0)
		return stdout;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return cli_output_special(path);
	target = cli_output_target(path);
	*tmp = xasprintf("%s" CLI_OUTPUT_SUFFIX, target);
	free(target);
	if ((fd = mkstemp(*tmp)) == -1) {
		cli_errorf("%s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	fchmod(fd, 0600);
	if ((f = fdopen(fd, "w")) == NULL) {
		cli_errorf("%s: %s", path, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

/* Closes an output written in place: standard output or a device. */
static int
cli_output_close_special(FILE *f, const char *path, int ok)
{
	int	failed;

	failed = fflush(f) == EOF || ferror(f);
	if (f != stdout && fclose(f) == EOF)
		failed = 1;
	if (failed && ok)
		cli_errorf("%s: %s", path, strerror(errno));
	return failed || !ok;
}

int
cli_output_close(FILE *f, const char *path, char *tmp, int ok)
{
	char	*target;
	int	 rc = 0;

	if (tmp == NULL)
		return cli_output_close_special(f, path, ok);
	if (fflush(f) == EOF || fsync(fileno(f)) == -1) {
		if (ok)
			cli_errorf("%s: %s", path, strerror(errno));
		ok = 0;
	}
	fclose(f);
	target = xstrdup(tmp);
	target[strlen(target) - strlen(CLI_OUTPUT_SUFFIX)] = '\0';
	if (ok && rename(tmp, target) == -1) {
		cli_errorf("%s: %s", path, strerror(errno));
		ok = 0;
	}
	free(target);
	if (!ok) {
		unlink(tmp);
		rc = 1;
	}
	free(tmp);
	return rc;
}

int
cli_dump(struct cli *cli, int argc, char **argv)
{
	struct err	 e;
	const char	*path = NULL;
	char		*tmp = NULL;
	FILE		*f = stdout;
	int		 ch, rc = 0;

	err_clear(&e);
	optind = 0;
	while ((ch = getopt(argc, argv, "+o:")) != -1) {
		if (ch != 'o')
			return cli_usage(argv[0]);
		path = optarg;
	}
	if (optind != argc)
		return cli_usage(argv[0]);
	if (path != NULL && (f = cli_output_open(path, &tmp)) == NULL)
		return 1;
	if (dump_write(cli->book, f, &e) != 0)
		rc = cli_error(&e);
	if (path != NULL && cli_output_close(f, path, tmp, rc == 0) != 0)
		rc = 1;
	return rc;
}

int
cli_load(struct cli *cli, int argc, char **argv)
{
	struct err	 e;
	FILE		*f;
	int		 rc = 0;

	if (argc != 2)
		return cli_usage(argv[0]);
	err_clear(&e);
	if (strcmp(argv[1], "-") == 0)
		f = stdin;
	else if ((f = fopen(argv[1], "r")) == NULL)
		return cli_errorf("%s: %s", argv[1], strerror(errno));
	if (dump_read(cli->book, f, argv[1], &e) != 0)
		rc = cli_error(&e);
	if (f != stdin)
		fclose(f);
	return rc;
}

static void
cli_check_say(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "kith: check: %s\n", msg);
}

int
cli_check(struct cli *cli, int argc, char **argv)
{
	struct err	e;
	int		n;

	if (argc != 1)
		return cli_usage(argv[0]);
	err_clear(&e);
	if ((n = book_check(cli->book, cli_check_say, NULL, &e)) < 0)
		return cli_error(&e);
	if (n > 0)
		return cli_errorf("%s: %d problem%s found", cli->dir, n,
		    n == 1 ? "" : "s");
	printf("%s: ok\n", cli->dir);
	return 0;
}

int
cli_backup(struct cli *cli, int argc, char **argv)
{
	struct err	e;

	if (argc != 2)
		return cli_usage(argv[0]);
	err_clear(&e);
	if (store_backup(book_store(cli->book), argv[1], &e) != 0)
		return cli_error(&e);
	return 0;
}

int
cli_init(struct cli *cli, int argc, char **argv)
{
	struct book	*b;
	struct err	 e;
	const char	*dir = cli->dir;

	if (argc > 1 && strcmp(argv[1], "--shared") == 0)
		return cli_init_shared(cli, argc, argv);
	if (argc > 2)
		return cli_usage(argv[0]);
	if (argc == 2)
		dir = argv[1];
	err_clear(&e);
	if ((b = book_open(dir, cli->conf, BOOK_CREATE, &e)) == NULL)
		return cli_error(&e);
	book_close(b);
	return 0;
}
