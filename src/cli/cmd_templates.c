/*
 * cmd_templates.c — `congvan templates`: the document types, one line each:
 * the type (the value of `loai`), its abbreviation (the code in the ký hiệu,
 * ND30 Phụ lục III) and its description, all read from <type>/type.yaml of
 * the template set, so that a user's own types are listed too.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "render/profile.h"

/* Display width of UTF-8 text (code points; Vietnamese has no wide ones). */
static int S_cols(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int cmd_templates(int argc, char **argv)
{
	static const struct option opts[] = {
		{"templates", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *tpl_dir = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 't') {
			tpl_dir = optarg;
		} else if (c == 'h') {
			fputs(_("Usage: congvan templates [--templates DIR]\n"
				"\n"
				"List the document types, one a line: the name to give as 'loai:' in the\n"
				"front matter (or to 'congvan new'), the code of the type in the ky_hieu\n"
				"('-' for none), then what the type is.\n"
				"\n"
				"      --templates DIR  use the templates in DIR before the built-in ones\n"
				"                       (default: $CONGVAN_TEMPLATES)\n"),
			      stdout);
			return EXIT_OK;
		} else {
			return cli_usage_error("%s", _("bad option for 'templates'"));
		}
	}
	cv_tpl_set *set = cli_templates(tpl_dir);
	if (!set)
		return EXIT_BAD_INPUT;
	const char *names[512];
	size_t n = cv_tpl_list(set, "", names, 512);
	int status = EXIT_OK;
	cv_arena a = CV_ARENA_INIT;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(names[i]);
		if (l <= 10 || strcmp(names[i] + l - 10, "/type.yaml") != 0 || memchr(names[i], '/', l - 10))
			continue;
		const char *loai = cv_arena_strndup(&a, names[i], l - 10);
		cv_diags d = CV_DIAGS_INIT;
		cv_type t;
		if (cv_type_load(&a, set, loai, 0, 0, &t, &d) != 0) {
			cv_diag_print(&d, stderr, 0, CV_WARNING);
			status = EXIT_BAD_INPUT;
		} else {
			const char *ab = t.abbreviation && *t.abbreviation ? t.abbreviation : "-";
			printf("%-16s %s%*s %s\n", loai, ab, 5 - S_cols(ab), "", t.description);
		}
		cv_diags_free(&d);
	}
	cv_arena_free(&a);
	cv_tpl_set_free(set);
	return status;
}
