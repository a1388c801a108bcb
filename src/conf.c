/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "conf.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "xmalloc.h"

#define CONF_SYSTEM_PATH	"/etc/kith/config"

struct conf *
conf_new(void)
{
	return (xcalloc(1, sizeof (struct conf)));
}

void
conf_free(struct conf *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].value);
		free(c->v[i].file);
	}
	free(c->v);
	free(c);
}

/* Appends an entry; the array doubles when n reaches a power of two. */
static void
conf_add(struct conf *c, const char *key, const char *value,
    const char *file, int line)
{
	struct conf_entry	*ce;

	if (c->n == 0 || (c->n >= 8 && (c->n & (c->n - 1)) == 0))
		c->v = xreallocarray(c->v, c->n == 0 ? 8 : c->n * 2,
		    sizeof *c->v);
	ce = &c->v[c->n++];
	ce->key = xstrdup(key);
	ce->value = xstrdup(value);
	ce->file = xstrdup(file);
	ce->line = line;
}

const struct conf_entry *
conf_find(const struct conf *c, const char *key)
{
	size_t	i;

	if (c == NULL)
		return (NULL);
	for (i = c->n; i > 0; i--) {
		if (strcmp(c->v[i - 1].key, key) == 0)
			return (&c->v[i - 1]);
	}
	return (NULL);
}

const char *
conf_get(const struct conf *c, const char *key, const char *dflt)
{
	const struct conf_entry	*ce;

	if ((ce = conf_find(c, key)) == NULL)
		return (dflt);
	return (ce->value);
}

/* Trims leading and trailing blanks in place. */
static char *
conf_trim(char *s)
{
	size_t	n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		s[--n] = '\0';
	return (s);
}

/* Removes the quotes and escapes of a trimmed "..." in place. */
static const char *
conf_unquote(char *s)
{
	char	*out = s, *p = s + 1;

	for (; *p != '"'; p++) {
		if (*p == '\0')
			return ("missing closing quote");
		if (*p == '\\') {
			p++;
			if (*p != '"' && *p != '\\')
				return ("unknown escape (only \\\" and \\\\)");
		}
		*out++ = *p;
	}
	if (p[1] != '\0')
		return ("text after the closing quote");
	*out = '\0';
	return (NULL);
}

static int
conf_key_ok(const char *k)
{
	if (*k == '\0')
		return (0);
	return (k[strspn(k, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")] == '\0');
}

/* Parses "[section]" or "[section name]" (s trimmed) into section. */
static const char *
conf_header(char *s, struct buf *section)
{
	const char	*why;
	char		*word, *name;
	size_t		 len = strlen(s);
	int		 quoted;

	if (s[len - 1] != ']')
		return ("expected \"]\" at the end of the section header");
	s[len - 1] = '\0';
	word = conf_trim(s + 1);
	name = word + strcspn(word, " \t");
	if (*name != '\0')
		*name++ = '\0';
	name = conf_trim(name);
	quoted = *name == '"';
	if (quoted && (why = conf_unquote(name)) != NULL)
		return (why);
	if (!conf_key_ok(word))
		return ("bad section (use letters, digits, _, - and .)");
	buf_reset(section);
	buf_adds(section, word);
	if (*name != '\0' || quoted) {
		if (*name == '\0')
			return ("empty section name");
		buf_addc(section, '.');
		buf_adds(section, name);
	}
	return (NULL);
}

/* Parses one line into c; returns why it is wrong, or NULL. */
static const char *
conf_line(struct conf *c, char *s, struct buf *section, const char *path,
    int line)
{
	const char	*why;
	char		*key, *value, *eq, *full;

	s = conf_trim(s);
	if (*s == '\0' || *s == '#')
		return (NULL);
	if (*s == '[')
		return (conf_header(s, section));
	if ((eq = strchr(s, '=')) == NULL)
		return ("expected \"key = value\", \"[section]\" or a comment");
	*eq = '\0';
	key = conf_trim(s);
	value = conf_trim(eq + 1);
	if (!conf_key_ok(key))
		return ("bad key (use letters, digits, _, - and .)");
	if (*value == '"' && (why = conf_unquote(value)) != NULL)
		return (why);
	if (section->len == 0)
		full = xstrdup(key);
	else
		full = xasprintf("%s.%s", buf_str(section), key);
	conf_add(c, full, value, path, line);
	free(full);
	return (NULL);
}

/* Reads the lines of fp into c. */
static int
conf_read(struct conf *c, FILE *fp, const char *path, struct err *e)
{
	struct buf	 section = BUF_INIT;
	const char	*why = NULL;
	char		*line = NULL;
	size_t		 cap = 0;
	ssize_t		 n;
	int		 lineno = 0;

	while (why == NULL && (n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (strlen(line) != (size_t)n)
			why = "NUL byte in line";
		else
			why = conf_line(c, line, &section, path, lineno);
	}
	free(line);
	buf_free(&section);
	if (why != NULL) {
		err_set(e, path, lineno, "%s", why);
		return (-1);
	}
	if (ferror(fp)) {
		err_set(e, path, 0, "%s", strerror(errno));
		return (-1);
	}
	return (0);
}

int
conf_load_file(struct conf *c, const char *path, struct err *e)
{
	FILE	*fp;
	int	 rc;

	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return (0);
		err_set(e, path, 0, "%s", strerror(errno));
		return (-1);
	}
	rc = conf_read(c, fp, path, e);
	fclose(fp);
	return (rc);
}

/* Returns the variable's value if it is set and not empty, else NULL. */
static const char *
conf_env(const char *name)
{
	const char	*v = getenv(name);

	return (v != NULL && *v != '\0' ? v : NULL);
}

/* The user's configuration file (malloc'd), or NULL without a home. */
static char *
conf_user_path(void)
{
	const char	*v;
	struct passwd	*pw;

	if ((v = conf_env("KITH_CONFIG")) != NULL)
		return (xstrdup(v));
	if ((v = conf_env("XDG_CONFIG_HOME")) != NULL && *v == '/')
		return (xasprintf("%s/kith/config", v));
	if ((v = conf_env("HOME")) == NULL &&
	    (pw = getpwuid(getuid())) != NULL)
		v = pw->pw_dir;
	if (v == NULL)
		return (NULL);
	return (xasprintf("%s/.config/kith/config", v));
}

struct conf *
conf_load(struct err *e)
{
	struct conf	*c = conf_new();
	const char	*sys;
	char		*user;
	int		 rc = 0;

	if ((sys = conf_env("KITH_SYSCONFIG")) == NULL)
		sys = CONF_SYSTEM_PATH;
	if (conf_load_file(c, sys, e) == -1)
		rc = -1;
	if (rc == 0 && (user = conf_user_path()) != NULL) {
		rc = conf_load_file(c, user, e);
		free(user);
	}
	if (rc == -1) {
		conf_free(c);
		return (NULL);
	}
	return (c);
}
