/*
 * cmd_new.c — `congvan new` (not written yet).
 */
#include <stdio.h>

#include "cli/cli.h"

int cmd_new(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("congvan: 'new' is not available yet\n", stderr);
	return EXIT_USAGE;
}
