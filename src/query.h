/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_QUERY_H
#define KITH_QUERY_H

/*
 * query: lookups by field and saved groups.
 *
 * A query is terms separated by blanks, all of which must hold:
 *
 *	status=customer		equal, ignoring case (a list field: any value)
 *	tag=vip,gold		any of the values
 *	status!=lead,inactive	none of the values
 *	city~hagen		contains, ignoring case and accents
 *	last-contact<-90d	a time before a WHEN (-90d: 90 days ago)
 *	close<today		a date field against a WHEN, by day
 *	value>=10000		a number (amounts of deals in units)
 *	idle=90d		no activity for 90 days (last-contact<-90d)
 *
 * Fields are those of the record's catalogue (contacts, deals, cases or
 * activities) and, for contacts, the user-defined fields.  A group is a
 * named query of one kind: built in, or [group NAME] in the configuration
 * with "query = ..." and "of = contacts|deals|cases".  Pure: nothing here
 * touches the store or prints.
 */

#include <stddef.h>
#include <time.h>

struct conf;
struct err;
struct field_users;

struct query;

/* kind: 'c' contacts, 'd' deals, 'k' cases, 'a' activities.  now anchors
 * relative times.  NULL with e on a bad term. */
struct query	*query_parse(const char *s, char kind,
		    const struct field_users *users, time_t now,
		    struct err *e);
void		 query_free(struct query *q);
/* Whether obj (of the query's kind) matches. */
int		 query_match(const struct query *q, const void *obj);
/* Whether s looks like a query rather than words to find (has =, < ...). */
int		 query_is_query(const char *s);

struct query_group {
	const char	*name;
	char		 kind;
	const char	*query;		/* owned by the conf or static */
	const char	*help;
};
/* Group number i (built-ins first, then the configuration's); 0 when
 * there is one, -1 past the last.  The stage names of the built-in
 * "overdue-deals" group are returned in buf. */
int	query_group_at(const struct conf *c, size_t i, struct query_group *g,
	    char *buf, size_t len);
/* The group called name: 0, or -1 with e. */
int	query_group_find(const struct conf *c, const char *name,
	    struct query_group *g, char *buf, size_t len, struct err *e);
/* "contacts", "deals", "cases" of a kind letter. */
const char *query_kind_name(char kind);

#endif /* KITH_QUERY_H */
