/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui.h"

#include <stdio.h>

/* Replaced by the interface; until then the command line is all. */
int
ui_main(const char *dir, const struct conf *conf)
{
	(void)conf;
	fprintf(stderr, "kith: the full-screen interface is not built yet "
	    "(database %s); see kith --help\n", dir);
	return 1;
}
