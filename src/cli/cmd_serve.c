/*
 * cmd_serve.c — `congvan serve` (not written yet).
 */
#include <stdio.h>

#include "cli/cli.h"

int cmd_serve(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("congvan: 'serve' is not available yet\n", stderr);
	return EXIT_USAGE;
}
