/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_DEAL_H
#define KITH_DEAL_H

/*
 * deal: an opportunity with a contact (and its company): title, stage in
 * the pipeline, value and currency, probability, expected close date,
 * owner and notes.  A plain struct with its field catalogue and record
 * encoding, and the pipeline's stages from the configuration.  No
 * storage, no output.
 *
 * Values are whole minor units (cents) in a long: 12500.50 EUR is 1250050.
 * deal_value_parse() and deal_value_format() convert to and from the
 * decimal form people type and read, so no floating point is involved.
 */

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "field.h"

struct buf;
struct conf;
struct err;
struct record;

struct deal {
	uint64_t	 id;
	uint64_t	 rev;
	uint64_t	 contact;
	char		*title;
	char		*company;
	char		*stage;
	long		 value;		/* minor units */
	char		*currency;
	long		 probability;	/* percent; -1: the stage's default */
	char		*close;		/* expected close date, YYYY-MM-DD */
	char		*owner;
	char		*note;
	time_t		 closed;	/* when it moved to won or lost */
	time_t		 created;
	char		*created_by;
	time_t		 updated;
	char		*updated_by;
	struct record	*extra;
};

extern const struct field_def	deal_fields[];
extern const size_t		deal_nfields;

struct deal	*deal_new(void);
void		 deal_free(struct deal *d);
void		 deal_array_free(struct deal **v, size_t n);
void		 deal_encode(const struct deal *d, struct buf *out);
struct deal	*deal_decode(const void *data, size_t len, struct err *e);

/* "12500", "12500.5", "12 500,50" into minor units; -1 with e if not. */
int		 deal_value_parse(const char *s, long *out, struct err *e);
/* Minor units as "12500.50". */
const char	*deal_value_format(long v, char *buf, size_t len);

/* The pipeline: [pipeline] stages = Lead:10, Qualified:25, ... */
struct deal_stage {
	char	*name;
	long	 probability;
};
struct deal_stages {
	struct deal_stage	*v;
	size_t			 n;
	size_t			 won, lost;	/* the two outcomes */
	char			*currency;	/* the default currency */
};
struct deal_stages	*deal_stages_load(const struct conf *c, struct err *e);
void			 deal_stages_free(struct deal_stages *s);
/* The stage's index (case-insensitive), or -1. */
int			 deal_stage_find(const struct deal_stages *s,
			     const char *name);
/* The probability that counts: the deal's own, else its stage's. */
long			 deal_probability(const struct deal_stages *s,
			     const struct deal *d);
/* Moves d to a stage (by name, any case), keeping closed in step:
 * set when it becomes won or lost, cleared when it reopens.  -1 with e
 * for a stage the pipeline does not have. */
int			 deal_set_stage(const struct deal_stages *s,
			     struct deal *d, const char *name, time_t now,
			     struct err *e);
/* 1 won, -1 lost, 0 still open. */
int			 deal_outcome(const struct deal_stages *s,
			     const struct deal *d);

#endif /* KITH_DEAL_H */
