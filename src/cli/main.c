/*
 * main.c — the congvan command line: argv[1] names the subcommand, each in
 * its own cmd_*.c.  Exit status: 0 success, 1 bad input (or an output that
 * could not be written), 2 bad usage.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

const char cli_usage[] =
	"Usage: congvan render [OPTIONS] FILE.md...\n"
	"       congvan templates [--templates DIR]\n"
	"       congvan --help | --version\n"
	"\n"
	"Turn a Markdown file with a YAML front matter into a Vietnamese official\n"
	"document laid out per Nghị định 30/2020/NĐ-CP, as DOCX and HTML.\n"
	"\n"
	"render options:\n"
	"  -o, --output OUT     write one output to OUT (.docx or .html; '-' = stdout,\n"
	"                       with --to naming the format)\n"
	"      --outdir DIR     write the outputs into DIR (default: beside each input)\n"
	"      --to LIST        formats to write, comma-separated: docx, html, pdf\n"
	"                       (default docx,html; pdf needs LibreOffice)\n"
	"      --templates DIR  use the templates in DIR before the built-in ones\n"
	"                       (default: $CONGVAN_TEMPLATES)\n"
	"  -q, --quiet          do not print warnings\n"
	"\n"
	"FILE '-' reads standard input. The input format is described in docs/format.md.\n"
	"Exit status: 0 success, 1 bad input or unwritable output, 2 bad usage.\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} S_commands[] = {
	{"render", cmd_render},
	{"templates", cmd_templates},
	{"new", cmd_new},
	{"check", cmd_check},
	{"batch", cmd_batch},
	{"serve", cmd_serve},
};

int main(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(cli_usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("congvan %s\n", CV_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof S_commands / sizeof S_commands[0]; i++)
		if (!strcmp(cmd, S_commands[i].name))
			return S_commands[i].run(argc - 1, argv + 1);
	return cli_usage_error("unknown command '%s' (try congvan --help)", cmd);
}
