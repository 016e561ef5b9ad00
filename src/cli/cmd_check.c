/*
 * cmd_check.c — `congvan check` (not written yet).
 */
#include <stdio.h>

#include "cli/cli.h"

int cmd_check(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("congvan: 'check' is not available yet\n", stderr);
	return EXIT_USAGE;
}
