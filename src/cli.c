/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book.h"
#include "conf.h"
#include "err.h"
#include "out.h"
#include "ui.h"
#include "xmalloc.h"

#ifndef KITH_VERSION
#define KITH_VERSION "0.1"
#endif

const struct cli_cmd cli_cmds[] = {
	{ "add", "FIELD=VALUE ...", "add a contact; prints its id",
	    CLI_BOOK | CLI_CREATE, cli_add },
	{ "show", "ID", "a contact with its activities",
	    CLI_BOOK, cli_show },
	{ "set", "[--if-rev N] ID FIELD=VALUE ...", "change fields of a "
	    "contact (--if-rev: only if it is still at revision N)",
	    CLI_BOOK, cli_set },
	{ "rm", "ID", "delete a contact (the audit trail keeps it)",
	    CLI_BOOK, cli_rm },
	{ "find", "[--mine | --for USER | --all] [--format tsv|csv|json] "
	    "[QUERY]",
	    "matching contacts: id, name, company, phone, e-mail",
	    CLI_BOOK | CLI_CREATE, cli_find },
	{ "log", "[--at WHEN] [--result TEXT] ID TYPE [TEXT]",
	    "record a completed activity in the history",
	    CLI_BOOK, cli_log },
	{ "schedule", "[--alarm DURATION] [--repeat RRULE] [--for USER] "
	    "[--duration DURATION] [--priority N] ID TYPE WHEN [TEXT]",
	    "schedule a follow-up; prints its id", CLI_BOOK, cli_schedule },
	{ "done", "ACTIVITY_ID [RESULT]", "complete a pending activity",
	    CLI_BOOK, cli_done },
	{ "due", "[--within DURATION] [--mine | --for USER | --all] "
	    "[--format tsv|csv|json]",
	    "my pending follow-ups that are due; nothing when none",
	    CLI_BOOK | CLI_QUIET | CLI_QUICK, cli_due },
	{ "remind", "[--command CMD] [--for USER | --all]",
	    "give each alarm that has come, once: print it or run CMD",
	    CLI_BOOK | CLI_QUIET | CLI_QUICK, cli_remind },
	{ "import", "[--format vcard|csv|ics] [--on-duplicate merge|skip|add] "
	    "[--skip-bad] [--map COLUMN=FIELD] [--mapping FILE] FILE ...",
	    "contacts from vCard or CSV files (follow-ups from iCalendar), "
	    "all or nothing", CLI_BOOK | CLI_CREATE, cli_import },
	{ "export", "--format vcard|csv|ics [--version 3.0|4.0] [-o FILE] "
	    "[QUERY]", "contacts as vCard or CSV (follow-ups as iCalendar: "
	    "see kith(1))", CLI_BOOK | CLI_CREATE, cli_export },
	{ "query", "STRING", "e-mail addresses for mail clients (mutt's "
	    "query_command)", CLI_BOOK | CLI_CREATE, cli_query },
	{ "dump", "[-o FILE]", "the whole database as portable text",
	    CLI_BOOK | CLI_CREATE, cli_dump },
	{ "load", "FILE", "load a dump into an empty database",
	    CLI_BOOK | CLI_CREATE, cli_load },
	{ "check", "", "verify the database", CLI_BOOK, cli_check },
	{ "backup", "DIR", "hot backup of the database into DIR",
	    CLI_BOOK, cli_backup },
	{ "init", "[--shared GROUP] [DIR]", "create a database (--shared: "
	    "for a group of users, closed to everyone else)", 0, cli_init },
	{ "history", "ID", "who changed the record, when, and which fields "
	    "from what to what", CLI_BOOK, cli_history },
	{ "restore", "ID", "bring a deleted contact back, with its "
	    "activities, from the audit trail", CLI_BOOK, cli_restore },
	{ "fields", "", "the fields a contact has", CLI_BOOK | CLI_CREATE,
	    cli_fields },
	{ "batch", "", "run commands read from standard input, one a line, "
	    "arguments separated by tabs", CLI_BOOK | CLI_CREATE, cli_batch },
	{ "deal", "add CONTACT FIELD=VALUE ... | set ID FIELD=VALUE ... | "
	    "show ID | list [--open] [--contact ID] [--format F] [TERM ...]",
	    "opportunities in the pipeline", CLI_BOOK | CLI_CREATE, cli_deal },
	{ "case", "add CONTACT subject=TEXT ... | set ID FIELD=VALUE ... | "
	    "show ID | list [--open] [--contact ID] [--format F] [TERM ...]",
	    "support cases", CLI_BOOK | CLI_CREATE, cli_case },
	{ "group", "list | show [--format F] NAME",
	    "saved lookups: the groups and their members",
	    CLI_BOOK | CLI_CREATE, cli_group },
	{ "campaign", "GROUP schedule [--for USER] [--alarm DURATION] TYPE "
	    "WHEN [TEXT] | GROUP log TYPE [TEXT] | GROUP export "
	    "[--format csv|vcard] [-o FILE]",
	    "one action for every contact of a group", CLI_BOOK, cli_campaign },
	{ "report", "[--format table|csv|tsv|json] [--by FIELD] "
	    "[--currency C] [--owner USER] [--since WHEN] [NAME]",
	    "activities, pipeline, forecast, won-lost, sales, cases",
	    CLI_BOOK | CLI_CREATE, cli_report },
	{ NULL, NULL, NULL, 0, NULL }
};

static volatile sig_atomic_t	cli_signal;

static void
cli_on_signal(int sig)
{
	cli_signal = sig;
}

int
cli_stopping(void)
{
	return cli_signal != 0;
}

int
cli_output_failed(void)
{
	return ferror(stdout) || cli_signal != 0;
}

/* Closing cleanly on a signal spares everyone a recovery (NOTES 4). */
static void
cli_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cli_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int
cli_errorf(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("kith: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
cli_error(const struct err *e)
{
	char	buf[1024];

	return cli_errorf("%s", err_format(e, buf, sizeof buf));
}

/* A book's notice of something slow, before it starts. */
static void
cli_notice(const char *msg)
{
	fflush(stdout);
	fprintf(stderr, "kith: %s\n", msg);
}

static const struct cli_cmd *
cli_find_cmd(const char *name)
{
	const struct cli_cmd	*c;

	for (c = cli_cmds; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
cli_usage(const char *name)
{
	const struct cli_cmd	*c = cli_find_cmd(name);

	if (c != NULL)
		fprintf(stderr, "usage: kith [-d DIR] %s%s%s\n", c->name,
		    *c->args ? " " : "", c->args);
	return 2;
}

static void
cli_help(FILE *f)
{
	const struct cli_cmd	*c;

	fputs("usage: kith [-d DIR] [COMMAND [ARGS...]]\n"
	    "\n"
	    "Without a command, kith opens the full-screen interface.\n"
	    "\n"
	    "Commands:\n", f);
	for (c = cli_cmds; c->name != NULL; c++)
		fprintf(f, "  %s%*s%s\n  %9s   %s\n", c->name,
		    *c->args ? 10 - (int)strlen(c->name) : 0, "", c->args, "",
		    c->help);
	fputs("\nOptions:\n"
	    "  -d DIR     the database directory (also KITH_DIR; default\n"
	    "             $XDG_DATA_HOME/kith)\n"
	    "  --help     this text; kith COMMAND --help for one command\n"
	    "  --version  the version\n"
	    "\nSee kith(1) for fields, dates and everything else.\n", f);
}

/* -d, then KITH_DIR, then the configuration, then the XDG default. */
static char *
cli_default_dir(const struct conf *conf)
{
	const char	*s;

	if ((s = getenv("KITH_DIR")) != NULL && *s != '\0')
		return xstrdup(s);
	if ((s = conf_get(conf, "database", NULL)) != NULL)
		return xstrdup(s);
	if ((s = getenv("XDG_DATA_HOME")) != NULL && *s == '/')
		return xasprintf("%s/kith", s);
	if ((s = getenv("HOME")) != NULL)
		return xasprintf("%s/.local/share/kith", s);
	return xstrdup(".kith");
}

int
cli_id(struct cli *cli, char kind, const char *s, uint64_t *id)
{
	struct err	e;

	err_clear(&e);
	if (book_id_parse(cli->book, kind, s, id, &e) != 0)
		return cli_error(&e);
	return 0;
}

static int
cli_open(struct cli *cli, const struct cli_cmd *c)
{
	struct err	e;
	int		flags = 0;

	err_clear(&e);
	if (!(c->flags & CLI_BOOK) || cli->book != NULL)
		return 0;
	if ((c->flags & CLI_QUIET) && access(cli->dir, F_OK) == -1 &&
	    errno == ENOENT)
		return -1;
	if (c->flags & CLI_CREATE)
		flags |= BOOK_CREATE;
	if (c->flags & CLI_QUICK)
		flags |= BOOK_QUICK;
	cli->book = book_open(cli->dir, cli->conf, flags, &e);
	if (cli->book == NULL)
		return cli_error(&e);
	return 0;
}

/* Whether a usage line has arguments outside [brackets]: required ones. */
static int
cli_needs_args(const char *args)
{
	int	depth = 0;

	for (; *args != '\0'; args++) {
		if (*args == '[')
			depth++;
		else if (*args == ']')
			depth--;
		else if (depth == 0 && *args != ' ')
			return 1;
	}
	return 0;
}

int
cli_run(struct cli *cli, int argc, char **argv)
{
	const struct cli_cmd	*c;
	int			 rc, i;

	if ((c = cli_find_cmd(argv[0])) == NULL) {
		cli_errorf("unknown command \"%s\" (kith --help lists them)",
		    argv[0]);
		return 2;
	}
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			printf("usage: kith [-d DIR] %s%s%s\n%s\n", c->name,
			    *c->args ? " " : "", c->args, c->help);
			return 0;
		}
	}
	/* A usage error comes before any database is opened. */
	if (argc == 1 && cli_needs_args(c->args))
		return cli_usage(c->name);
	if ((rc = cli_open(cli, c)) != 0)
		return rc < 0 ? 0 : rc;
	rc = c->run(cli, argc, argv);
	/* A reader that went away (| head) is no error of ours. */
	if (fflush(stdout) == EOF && rc == 0 && errno != EPIPE)
		rc = cli_errorf("writing output: %s", strerror(errno));
	return rc;
}

/* Commands from stdin in one process: "add<TAB>name=Ana<TAB>...". */
int
cli_batch(struct cli *cli, int argc, char **argv)
{
	char	*line = NULL, *args[256], *save, *tok;
	size_t	 cap = 0;
	ssize_t	 len;
	int	 n, rc = 0, lineno = 0, r;

	if (argc != 1)
		return cli_usage(argv[0]);
	while (!cli_stopping() && (len = getline(&line, &cap, stdin)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		n = 0;
		for (tok = strtok_r(line, "\t", &save); tok != NULL && n < 255;
		    tok = strtok_r(NULL, "\t", &save))
			args[n++] = tok;
		if (n == 0 || args[0][0] == '#')
			continue;
		args[n] = NULL;
		if (strcmp(args[0], "batch") == 0)
			r = cli_errorf("batch: line %d: batch in a batch",
			    lineno);
		else
			r = cli_run(cli, n, args);
		if (r != 0 && rc == 0)
			rc = r;
		fflush(stdout);
	}
	free(line);
	return rc;
}

int
cli_main(int argc, char **argv)
{
	struct cli	cli;
	struct err	e;
	int		i = 1, rc;
	const char	*dir = NULL;

	memset(&cli, 0, sizeof cli);
	err_clear(&e);
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || !strcmp(argv[i], "-h")) {
			cli_help(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("kith %s\n", KITH_VERSION);
			return 0;
		}
		if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strncmp(argv[i], "-d", 2) == 0 && argv[i][2] != '\0')
			dir = argv[i] + 2;
		else {
			cli_errorf("unknown option \"%s\"", argv[i]);
			fputs("usage: kith [-d DIR] [COMMAND [ARGS...]]\n",
			    stderr);
			return 2;
		}
	}
	if ((cli.conf = conf_load(&e)) == NULL)
		return cli_error(&e);
	cli.dir = dir != NULL ? xstrdup(dir) : cli_default_dir(cli.conf);
	cli_signals();
	book_set_notice(cli_notice);
	if (i == argc)
		rc = ui_main(cli.dir, cli.conf);
	else
		rc = cli_run(&cli, argc - i, argv + i);
	book_close(cli.book);
	conf_free(cli.conf);
	free(cli.dir);
	return rc;
}
