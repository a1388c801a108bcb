/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_CLI_H
#define KITH_CLI_H

/*
 * cli: the command line.  A table of subcommands (name, arguments, help,
 * what they need, function) from which --help, usage errors and the
 * manual's list come.  With main.c, the only code that writes to stdout
 * and stderr and chooses the exit status: 0 success, 1 error, 2 usage.
 */

#include <stdint.h>
#include <stdio.h>

struct book;
struct conf;
struct err;

struct cli {
	char		*dir;		/* the database directory */
	struct conf	*conf;
	struct book	*book;
	int		 format;	/* enum out_format, from --format */
};

/* What a command needs before it runs. */
#define CLI_BOOK	0x01	/* an open database */
#define CLI_CREATE	0x02	/* ... created when missing */
#define CLI_QUIET	0x04	/* no database: succeed silently (login) */
#define CLI_QUICK	0x08	/* busy: give up after a second */

struct cli_cmd {
	const char	*name;
	const char	*args;
	const char	*help;
	int		 flags;
	int		(*run)(struct cli *cli, int argc, char **argv);
};

extern const struct cli_cmd	cli_cmds[];

int	cli_main(int argc, char **argv);
/* Runs one command (argv[0] its name) with the database of cli. */
int	cli_run(struct cli *cli, int argc, char **argv);
/* Prints the command's usage on stderr; returns 2. */
int	cli_usage(const char *name);
/* Prints "kith: ..." on stderr; returns 1. */
int	cli_error(const struct err *e);
int	cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Resolves an id argument, printing the error; 0 or 1. */
int	cli_id(struct cli *cli, char kind, const char *s, uint64_t *id);
/* A signal asked us to stop: finish the transaction and leave. */
int	cli_stopping(void);
/* 1 when stdout can no longer be written (a closed pipe). */
int	cli_output_failed(void);
/* Personal data out: a 0600 temporary file renamed into place at close
 * (when ok), over the file a symbolic link points to; "-" is stdout, and
 * a device or FIFO is written in place (*tmp NULL). cli_output_close
 * returns 1 after printing an error. */
FILE	*cli_output_open(const char *path, char **tmp);
int	 cli_output_close(FILE *f, const char *path, char *tmp, int ok);


/* The commands (cli-*.c). */
int	cli_add(struct cli *, int, char **);
int	cli_show(struct cli *, int, char **);
int	cli_set(struct cli *, int, char **);
int	cli_rm(struct cli *, int, char **);
int	cli_find(struct cli *, int, char **);
int	cli_log(struct cli *, int, char **);
int	cli_schedule(struct cli *, int, char **);
int	cli_done(struct cli *, int, char **);
int	cli_due(struct cli *, int, char **);
int	cli_dump(struct cli *, int, char **);
int	cli_load(struct cli *, int, char **);
int	cli_check(struct cli *, int, char **);
int	cli_backup(struct cli *, int, char **);
int	cli_init(struct cli *, int, char **);
int	cli_fields(struct cli *, int, char **);
int	cli_deal(struct cli *, int, char **);
int	cli_case(struct cli *, int, char **);
int	cli_group(struct cli *, int, char **);
int	cli_campaign(struct cli *, int, char **);
int	cli_report(struct cli *, int, char **);
/* Lists of deals and cases (cli-deal.c), for kith group show too. */
struct deal;
struct deal_stages;
struct ticket;
int	cli_deal_print(struct cli *, const struct deal_stages *,
	    struct deal **, size_t, int);
int	cli_case_print(struct cli *, struct ticket **, size_t, int);
/* A contact's deals and cases, for kith show (cli-deal.c). */
void	cli_show_deals(struct cli *, uint64_t);
/* kith find with FIELD=VALUE terms (cli-group.c): see query.h. */
struct contact;
int	cli_find_query(struct cli *, const char *,
	    int (*)(const struct contact *, void *), void *, struct err *);
/* iCalendar (cli-ical.c): export and import when the format is ics. */
int	cli_import(struct cli *, int, char **);
int	cli_export(struct cli *, int, char **);
int	cli_query(struct cli *, int, char **);
int	cli_export_ics(struct cli *, int, char **);
int	cli_import_ics(struct cli *cli, const char *path);
int	cli_import_ics_cmd(struct cli *, int, char **);
/* Reminders (cli-remind.c). */
int	cli_remind(struct cli *, int, char **);
int	cli_batch(struct cli *, int, char **);
/* A shared office and the audit trail (cli-office.c). */
int	cli_init_shared(struct cli *, int, char **);
int	cli_history(struct cli *, int, char **);
int	cli_restore(struct cli *, int, char **);

#endif /* KITH_CLI_H */
