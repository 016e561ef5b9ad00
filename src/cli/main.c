/*
 * main.c — the congvan command line: argv[1] names the subcommand, each in
 * its own cmd_*.c.  Exit status: 0 success, 1 bad input (or an output that
 * could not be written), 2 bad usage.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"

/* Marked with N_ (an array cannot call _()); printed as _(cli_usage). */
const char cli_usage[] = N_(
	"Usage: congvan COMMAND [OPTIONS] [ARGUMENTS]\n"
	"\n"
	"Turn a Markdown file with a YAML (or JSON) front matter into a Vietnamese\n"
	"official document laid out per Nghị định 30/2020/NĐ-CP, as DOCX, HTML or PDF.\n"
	"\n"
	"Commands:\n"
	"  render FILE.md...          write each document as DOCX and HTML (or PDF)\n"
	"  templates                  list the document types (the built-in templates)\n"
	"  new TYPE [FILE.md]         start a document of TYPE from its skeleton\n"
	"  check FILE.md...           check documents against the rules of ND30\n"
	"  batch FILE.md --data TABLE one document per row of a table\n"
	"  serve [FILE.md | DIR]      preview documents in a browser while editing\n"
	"'congvan COMMAND --help' describes the options of a command.\n"
	"\n"
	"render options:\n"
	"  -o, --output OUT     write one output to OUT (.docx, .html or .pdf; '-' =\n"
	"                       standard output, with --to naming the format)\n"
	"      --outdir DIR     write the outputs into DIR (default: beside each input)\n"
	"      --to LIST        formats to write, comma-separated: docx, html, pdf\n"
	"                       (default docx,html; pdf needs LibreOffice)\n"
	"      --templates DIR  use the templates in DIR before the built-in ones\n"
	"                       (default: $CONGVAN_TEMPLATES)\n"
	"  -q, --quiet          do not print warnings\n"
	"\n"
	"FILE '-' reads standard input. The input format: man congvan, docs/format.md.\n"
	"Exit status: 0 success, 1 bad input or unwritable output, 2 bad usage.\n");

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
	cv_i18n_init();
	if (argc < 2)
		return cli_usage_error("%s", _("no command given"));
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(_(cli_usage), stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("congvan %s\n", CV_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof S_commands / sizeof S_commands[0]; i++)
		if (!strcmp(cmd, S_commands[i].name))
			return S_commands[i].run(argc - 1, argv + 1);
	return cli_usage_error(_("unknown command '%s'"), cmd);
}
