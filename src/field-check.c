/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Validators shared by the command line and the forms. */
#include "field.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "utf8.h"

static int
field_check_email(const char *v, struct err *e)
{
	const char	*at = strchr(v, '@');

	if (at == NULL || at == v || at[1] == '\0' || strchr(at + 1, '@') ||
	    strpbrk(v, " \t<>,;\"") != NULL || at[1] == '.' ||
	    v[strlen(v) - 1] == '.') {
		err_set(e, NULL, 0, "\"%s\" is not an e-mail address", v);
		return -1;
	}
	return 0;
}

static int
field_check_phone(const char *v, struct err *e)
{
	char		digits[64];
	const char	*p;

	for (p = v; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p) || strchr(" +-()./", *p))
			continue;
		if (strncasecmp(p, "ext", 3) == 0) {
			p += 2;
			continue;
		}
		if (*p == 'x' || *p == '#' || *p == '*')
			continue;
		err_set(e, NULL, 0, "\"%s\" is not a phone number: "
		    "unexpected '%c'", v, *p);
		return -1;
	}
	if (utf8_digits(v, digits, sizeof digits) < 3) {
		err_set(e, NULL, 0, "\"%s\" is not a phone number: "
		    "too few digits", v);
		return -1;
	}
	return 0;
}

static int
field_check_date(const char *v, struct err *e)
{
	int	y, m, d, n = 0;

	if ((sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    n == 10 && v[n] == '\0') ||
	    (sscanf(v, "--%2d-%2d%n", &m, &d, &n) == 2 && n == 7 &&
	    v[n] == '\0')) {
		if (m >= 1 && m <= 12 && d >= 1 && d <= 31)
			return 0;
	}
	err_set(e, NULL, 0, "\"%s\" is not a date (YYYY-MM-DD)", v);
	return -1;
}

static int
field_check_number(const char *v, struct err *e)
{
	char	*end;

	(void)strtod(v, &end);
	if (end == v || *end != '\0') {
		err_set(e, NULL, 0, "\"%s\" is not a number", v);
		return -1;
	}
	return 0;
}

static int
field_check_word(const char *v, const char *const *words, const char *what,
    struct err *e)
{
	size_t	i;

	for (i = 0; words[i] != NULL; i++) {
		if (strcasecmp(words[i], v) == 0)
			return 0;
	}
	err_set(e, NULL, 0, "\"%s\" is not a %s", v, what);
	return -1;
}

static int
field_check_user(const struct field_user *u, const char *v, struct err *e)
{
	size_t	i;

	switch (u->kind) {
	case USER_NUMBER:
		return field_check_number(v, e);
	case USER_DATE:
		return field_check_date(v, e);
	case USER_CHOICE:
		for (i = 0; i < u->nchoices; i++) {
			if (strcasecmp(u->choices[i], v) == 0)
				return 0;
		}
		err_set(e, NULL, 0, "\"%s\" is not one of the choices for %s",
		    v, u->name);
		return -1;
	case USER_TEXT:
		break;
	}
	return 0;
}

int
field_check(const struct field_def *def, const struct field_user *user,
    const char *v, struct err *e)
{
	const char	*p;

	if (!utf8_valid(v, strlen(v))) {
		err_set(e, NULL, 0, "value is not valid UTF-8");
		return -1;
	}
	for (p = v; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\t' &&
		    !(*p == '\n' && def != NULL && def->check == CHECK_NONE)) {
			err_set(e, NULL, 0, "value holds a control character");
			return -1;
		}
	}
	if (*v == '\0')
		return 0;
	if (user != NULL)
		return field_check_user(user, v, e);
	switch (def->check) {
	case CHECK_EMAIL:
		return field_check_email(v, e);
	case CHECK_PHONE:
		return field_check_phone(v, e);
	case CHECK_DATE:
		return field_check_date(v, e);
	case CHECK_NUMBER:
		return field_check_number(v, e);
	case CHECK_STATUS:
		return field_check_word(v, field_statuses, "status (lead, "
		    "prospect, customer, inactive, partner, supplier)", e);
	case CHECK_URL:
		if (strpbrk(v, " \t") != NULL) {
			err_set(e, NULL, 0, "\"%s\" is not a web address", v);
			return -1;
		}
		return 0;
	case CHECK_OWNER:
		for (p = v; *p != '\0'; p++) {
			if (!isalnum((unsigned char)*p) && !strchr("._-", *p)) {
				err_set(e, NULL, 0, "\"%s\" is not a user name",
				    v);
				return -1;
			}
		}
		return 0;
	case CHECK_NONE:
	case CHECK_CHOICE:
		break;
	}
	return 0;
}
