/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kith remind: for each follow-up whose alarm time has come, print it or
 * run a command of the user's choice (mail, notify-send), once.  Meant
 * for cron and a systemd user timer.
 */
#include "cli.h"

#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "activity.h"
#include "book.h"
#include "conf.h"
#include "contact.h"
#include "err.h"
#include "field.h"
#include "sched.h"
#include "when.h"
#include "xmalloc.h"

/* One reminder, as its command sees it. */
struct cli_remind_msg {
	const char	*vars[8][2];	/* KITH_* environment */
	char		*text;		/* the one-line reminder */
};

static void
cli_remind_msg(struct cli_remind_msg *m, const struct activity *a,
    const struct contact *c, char *ids, char *ts)
{
	const char	*name = c != NULL ? contact_label(c) : "";
	const char	*phone = c != NULL ? field_list_first(&c->phones) : NULL;
	const char	*mail = c != NULL ? field_list_first(&c->emails) : NULL;
	const char	*kind = activity_kind_name(a->kind);

	m->vars[0][0] = "KITH_ID", m->vars[0][1] = ids;
	m->vars[1][0] = "KITH_DUE", m->vars[1][1] = ts;
	m->vars[2][0] = "KITH_TYPE", m->vars[2][1] = kind;
	m->vars[3][0] = "KITH_NAME", m->vars[3][1] = name;
	m->vars[4][0] = "KITH_PHONE", m->vars[4][1] = phone ? phone : "";
	m->vars[5][0] = "KITH_EMAIL", m->vars[5][1] = mail ? mail : "";
	m->vars[6][0] = "KITH_SUBJECT", m->vars[6][1] = a->subject ?
	    a->subject : "";
	m->text = xasprintf("%s %s %s%s%s%s%s", ts, kind, name,
	    phone != NULL ? " " : "", phone != NULL ? phone : "",
	    a->subject != NULL ? ": " : "", a->subject ? a->subject : "");
	m->vars[7][0] = "KITH_TEXT", m->vars[7][1] = m->text;
}

/* Runs cmd through /bin/sh with the reminder in its environment and on
 * its standard input; its exit status, or -1. */
static int
cli_remind_run(const char *cmd, const struct cli_remind_msg *m)
{
	int	fd[2], st, i;
	pid_t	pid;

	if (pipe(fd) == -1 || (pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		close(fd[1]);
		dup2(fd[0], 0);
		close(fd[0]);
		signal(SIGPIPE, SIG_DFL);
		for (i = 0; i < 8; i++)
			setenv(m->vars[i][0], m->vars[i][1], 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	/* The command need not read it: a closed pipe is no error. */
	if (write(fd[1], m->text, strlen(m->text)) >= 0)
		(void)!write(fd[1], "\n", 1);
	close(fd[1]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Gives one alarm: claims it (so it fires once, even with two
 * reminders running), then prints it or runs the command. */
static int
cli_remind_one(struct cli *cli, struct activity *a, const char *cmd,
    time_t now)
{
	struct cli_remind_msg	 m;
	struct contact		*c = NULL;
	struct err		 e;
	char			 ids[32], ts[32];
	time_t			 was = a->alarmed;
	int			 rc, st;

	err_clear(&e);
	if (a->contact != 0 &&
	    book_contact_get(cli->book, a->contact, &c, &e) < 0)
		return cli_error(&e);
	if ((rc = sched_alarm_given(cli->book, a, now, &e)) != 0) {
		contact_free(c);
		return rc == BOOK_CONFLICT ? 0 : cli_error(&e);
	}
	book_id_format(BOOK_ACTIVITY, a->id, ids, sizeof ids);
	when_format(a->due, a->allday, ts, sizeof ts);
	cli_remind_msg(&m, a, c, ids, ts);
	rc = 0;
	if (cmd == NULL)
		printf("%s\n", m.text);
	else if ((st = cli_remind_run(cmd, &m)) != 0) {
		rc = cli_errorf("remind: the command for %s %s", ids, st < 0 ?
		    strerror(errno) : "failed: it will be tried again");
		a->alarmed = was;	/* give it again next time */
		if (book_activity_save(cli->book, a, &e) != 0)
			cli_error(&e);
	}
	free(m.text);
	contact_free(c);
	return rc;
}

int
cli_remind(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "command", required_argument, NULL, 'c' },
		{ "for", required_argument, NULL, 'f' },
		{ "all", no_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 }
	};
	struct activity	**v;
	struct err	  e;
	const char	 *cmd, *owner = book_user(cli->book);
	time_t		  now = time(NULL);
	size_t		  n, i;
	int		  ch, rc = 0;

	err_clear(&e);
	cmd = conf_get(cli->conf, "remind.command", NULL);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		if (ch == 'c')
			cmd = *optarg != '\0' ? optarg : NULL;
		else if (ch == 'f')
			owner = optarg;
		else if (ch == 'A')
			owner = NULL;
		else
			return cli_usage(argv[0]);
	}
	if (optind != argc)
		return cli_usage(argv[0]);
	if (sched_alarms_due(cli->book, owner, now, &v, &n, &e) != 0)
		return cli_error(&e);
	for (i = 0; i < n && !cli_stopping(); i++)
		if (cli_remind_one(cli, v[i], cmd, now) != 0)
			rc = 1;
	activity_array_free(v, n);
	return rc;
}
