/*
 * cmd_templates.c — `congvan templates`: the document types, one line each.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* `congvan templates`: the document types with their one-line description. */
int cmd_templates(int argc, char **argv)
{
	static const struct option opts[] = {
		{"templates", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *tpl_dir = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			tpl_dir = optarg;
		else
			return cli_usage_error("%s", "bad option for 'templates'");
	}
	cv_tpl_set *set = cli_templates(tpl_dir);
	if (!set)
		return EXIT_BAD_INPUT;
	const char *names[512];
	size_t n = cv_tpl_list(set, "", names, 512);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(names[i]);
		if (l <= 10 || strcmp(names[i] + l - 10, "/type.yaml") != 0 || memchr(names[i], '/', l - 10))
			continue;
		size_t dl;
		const char *src = cv_tpl_source(set, names[i], &dl);
		const char *desc = src ? strstr(src, "description:") : NULL;
		int dlen = 0;
		if (desc) {
			desc += 12;
			while (*desc == ' ')
				desc++;
			while (desc[dlen] && desc[dlen] != '\n')
				dlen++;
		}
		printf("%-16.*s %.*s\n", (int)(l - 10), names[i], dlen, desc ? desc : "");
	}
	cv_tpl_set_free(set);
	return EXIT_OK;
}

