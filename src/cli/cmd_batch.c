/*
 * cmd_batch.c — `congvan batch` (not written yet).
 */
#include <stdio.h>

#include "cli/cli.h"

int cmd_batch(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("congvan: 'batch' is not available yet\n", stderr);
	return EXIT_USAGE;
}
