/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "cli.h"
#include "store.h"

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], STORE_PROBE_ARG) == 0)
		return store_probe_main(argv[2]);
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
