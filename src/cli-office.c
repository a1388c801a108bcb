/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A shared office: kith init --shared GROUP DIR, and the audit trail from
 * the command line: kith history ID, kith restore ID. */
#include "cli.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "book.h"
#include "err.h"
#include "when.h"
#include "xmalloc.h"

/* Whether this process may act for group gid (root, or a member). */
static int
cli_office_member(gid_t gid)
{
	gid_t	*v;
	int	 n, i, ok = geteuid() == 0 || getegid() == gid;

	if (ok || (n = getgroups(0, NULL)) <= 0)
		return ok;
	v = xreallocarray(NULL, n, sizeof *v);
	if ((n = getgroups(n, v)) > 0) {
		for (i = 0; i < n; i++)
			if (v[i] == gid)
				ok = 1;
	}
	free(v);
	return ok;
}

/* Gives dir and everything in it to the group: rw for it, none for
 * others; the directory set-group-ID so later files inherit the group. */
static int
cli_office_chgrp(const char *dir, gid_t gid)
{
	char		 path[PATH_MAX];
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;

	if (chown(dir, (uid_t)-1, gid) == -1 || chmod(dir, 02770) == -1)
		return cli_errorf("%s: %s", dir, strerror(errno));
	if ((d = opendir(dir)) == NULL)
		return cli_errorf("%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (lstat(path, &sb) == -1 || !S_ISREG(sb.st_mode))
			continue;
		if (chown(path, (uid_t)-1, gid) == -1 ||
		    chmod(path, (sb.st_mode & 0660) | 0660) == -1) {
			closedir(d);
			return cli_errorf("%s: %s", path, strerror(errno));
		}
	}
	closedir(d);
	return 0;
}

/* kith init --shared GROUP DIR */
int
cli_init_shared(struct cli *cli, int argc, char **argv)
{
	struct book	*b;
	struct group	*gr;
	struct err	 e;
	gid_t		 gid;
	const char	*dir = argc == 4 ? argv[3] : cli->dir;

	if (argc != 3 && argc != 4)
		return cli_usage(argv[0]);
	if ((gr = getgrnam(argv[2])) == NULL)
		return cli_errorf("no group \"%s\" on this machine (an "
		    "administrator creates it with groupadd %s)", argv[2],
		    argv[2]);
	gid = gr->gr_gid;
	if (!cli_office_member(gid))
		return cli_errorf("you are not in group %s: cannot give it a "
		    "database (log in again after being added to it)",
		    argv[2]);
	if (mkdir(dir, 02770) == -1 && errno != EEXIST)
		return cli_errorf("%s: %s", dir, strerror(errno));
	if (cli_office_chgrp(dir, gid) != 0)
		return 1;
	err_clear(&e);
	if ((b = book_open(dir, cli->conf, BOOK_CREATE | BOOK_SHARED,
	    &e)) == NULL)
		return cli_error(&e);
	book_close(b);
	return cli_office_chgrp(dir, gid);
}

/* A record id in full (a kind letter and digits; a contact without its
 * letter), also of a record that is gone: prefixes could name another. */
static int
cli_office_id(const char *s, char *kind, uint64_t *id)
{
	const char	*p = s;
	char		*end;

	*kind = BOOK_CONTACT;
	if (*p != '\0' && strchr("cadk", *p) != NULL)
		*kind = *p++;
	if (!isdigit((unsigned char)*p))
		return cli_errorf("\"%s\" is not an id", s);
	errno = 0;
	*id = strtoull(p, &end, 10);
	if (*end != '\0' || errno != 0 || *id == 0)
		return cli_errorf("\"%s\" is not an id", s);
	return 0;
}

static void
cli_history_change(const char *field, const char *old, const char *new,
    void *arg)
{
	int	set = *(int *)arg;

	if (!set)
		printf("  %s: %s\n", field, new);
	else
		printf("  %s: %s -> %s\n", field, *old ? old : "(none)",
		    *new ? new : "(none)");
}

static int
cli_history_entry(const struct book_audit_entry *x)
{
	struct err	e;
	char		ts[64], ids[32];
	int		set = strcmp(x->action, "set") == 0;

	printf("%s\t%s\t%s\t%s\n", when_format(x->when, 0, ts, sizeof ts),
	    x->user, x->action, book_id_format(x->kind, x->target, ids,
	    sizeof ids));
	if (strcmp(x->action, "rm") == 0)
		return 0;
	err_clear(&e);
	if (audit_diff(x->kind, x->old, x->oldlen, x->new, x->newlen,
	    cli_history_change, &set, &e) < 0)
		return cli_error(&e);
	return 0;
}

/* kith history ID */
int
cli_history(struct cli *cli, int argc, char **argv)
{
	struct book_audit_entry	*v;
	struct err		 e;
	uint64_t		 id;
	size_t			 n, i;
	char			 kind;
	int			 rc = 0;

	if (argc != 2)
		return cli_usage(argv[0]);
	if (cli_office_id(argv[1], &kind, &id) != 0)
		return 1;
	err_clear(&e);
	if (book_history(cli->book, kind, id, &v, &n, &e) != 0)
		return cli_error(&e);
	for (i = 0; i < n && rc == 0 && !cli_output_failed(); i++)
		rc = cli_history_entry(&v[i]);
	book_history_free(v, n);
	return rc;
}

/* kith restore ID */
int
cli_restore(struct cli *cli, int argc, char **argv)
{
	struct err	e;
	uint64_t	id;
	size_t		nact;
	char		kind, ids[32];

	if (argc != 2)
		return cli_usage(argv[0]);
	if (cli_office_id(argv[1], &kind, &id) != 0)
		return 1;
	if (kind != BOOK_CONTACT)
		return cli_errorf("\"%s\": only a contact can be restored",
		    argv[1]);
	err_clear(&e);
	if (book_contact_restore(cli->book, id, &nact, &e) != 0)
		return cli_error(&e);
	printf("%s\n", book_id_format(BOOK_CONTACT, id, ids, sizeof ids));
	if (nact > 0)
		fprintf(stderr, "kith: restored with %zu activit%s\n", nact,
		    nact == 1 ? "y" : "ies");
	return 0;
}
