/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_CONF_H
#define KITH_CONF_H

/*
 * The configuration files, read into a flat list of key and value
 * strings that remember the file and line they came from.  conf_load()
 * reads /etc/kith/config (or $KITH_SYSCONFIG) and then the user's file,
 * $KITH_CONFIG, else $XDG_CONFIG_HOME/kith/config, else
 * ~/.config/kith/config; a missing file is no error.  The meaning of the
 * keys belongs to the modules that look them up: this one only parses.
 *
 * Syntax, one item a line:
 *
 *	# a comment (only as the first thing on a line)
 *	key = value
 *	key = "a value with \" and \\ escaped"
 *	[section]
 *	[section name]
 *
 * Blank lines are ignored and whitespace around keys and values is
 * trimmed.  Keys are letters, digits, "_", "-" and ".".  A header
 * prefixes the keys after it, until the next header: after
 * "[field industry]", "type = choice" is the key "field.industry.type".
 * The name in a header may be quoted like a value.  Any other line is an
 * error naming the file and line.  Keys are case-sensitive; when a key
 * appears twice the last one wins, so the user's file overrides the
 * system's.
 */

#include <stddef.h>

struct err;

struct conf_entry {
	char	*key;
	char	*value;
	char	*file;
	int	 line;
};

/* Entries in the order read; owned by the conf. */
struct conf {
	struct conf_entry	*v;
	size_t			 n;
};

/* Reads both files into a new conf; NULL with e set on an error. */
struct conf		*conf_load(struct err *e);
/* Appends the entries of one file; a missing file is 0, errors -1. */
int			 conf_load_file(struct conf *c, const char *path,
			     struct err *e);
struct conf		*conf_new(void);
void			 conf_free(struct conf *c);
/* The last entry with this key, or NULL. */
const struct conf_entry	*conf_find(const struct conf *c, const char *key);
/* The value of the last entry with this key, or dflt. */
const char		*conf_get(const struct conf *c, const char *key,
			     const char *dflt);

#endif
