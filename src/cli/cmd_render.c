/*
 * cmd_render.c — `congvan render FILE.md…`: each input through cv_render(),
 * diagnostics printed compiler-style, outputs written atomically.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "cli/cli.h"

int cmd_render(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"outdir", required_argument, NULL, 'D'},
		{"to", required_argument, NULL, 'T'},
		{"templates", required_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL, *outdir = NULL, *tpl_dir = NULL;
	int formats = 0, quiet = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'D': outdir = optarg; break;
		case 't': tpl_dir = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(_(cli_usage), stdout); return EXIT_OK;
		case 'T': {
			char *list = cv_xstrdup(optarg), *save = NULL;
			for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				if (!strcmp(tok, "docx"))
					formats |= CV_OUT_DOCX;
				else if (!strcmp(tok, "html"))
					formats |= CV_OUT_HTML;
				else if (!strcmp(tok, "pdf"))
					formats |= CLI_OUT_PDF;
				else {
					int rc = cli_usage_error(_("--to: unknown format '%s' (expected docx, html, pdf)"), tok);
					free(list);
					return rc;
				}
			}
			free(list);
			break;
		}
		default: return cli_usage_error("%s", _("bad option for 'render'"));
		}
	}
	int nfiles = argc - optind;
	if (nfiles < 1)
		return cli_usage_error("%s", _("render: no input file (give FILE.md, or - for standard input)"));
	if (output && nfiles > 1)
		return cli_usage_error("%s", _("-o names one output: give one input file"));
	if (output && outdir)
		return cli_usage_error("%s", _("use either -o or --outdir, not both"));
	if (output) {
		const char *dot = strrchr(output, '.');
		if (strcmp(output, "-") == 0) {
			if (formats & CLI_OUT_PDF)
				return cli_usage_error("%s", _("-o - cannot write a PDF: give a file name"));
			if (formats != CV_OUT_DOCX && formats != CV_OUT_HTML)
				return cli_usage_error("%s", _("-o - writes one format: add --to docx or --to html"));
		} else if (dot && !strcmp(dot, ".docx")) {
			formats = CV_OUT_DOCX;
		} else if (dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm"))) {
			formats = CV_OUT_HTML;
		} else if (dot && !strcmp(dot, ".pdf")) {
			formats = CLI_OUT_PDF;
		} else {
			return cli_usage_error(_("-o %s: the name must end in .docx, .html or .pdf"), output);
		}
	}
	if (!formats)
		formats = CV_OUT_DOCX | CV_OUT_HTML;
	for (int i = optind; i < argc; i++)
		if (!strcmp(argv[i], "-") && !output && !outdir)
			return cli_usage_error("%s", _("standard input has no name: give -o OUT or --outdir DIR"));
	if (outdir) {
		struct stat st;
		if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, _("congvan: --outdir %s: not an existing folder\n"), outdir);
			return EXIT_BAD_INPUT;
		}
	}

	cv_tpl_set *set = cli_templates(tpl_dir);
	if (!set)
		return EXIT_BAD_INPUT;
	int status = EXIT_OK;
	cv_result r = CV_RESULT_INIT;
	for (int i = optind; i < argc; i++) {
		const char *in = argv[i];
		size_t len = 0;
		char *src = cli_read(in, &len);
		if (!src) {
			status = EXIT_BAD_INPUT;
			continue;
		}
		/* a PDF is made from the DOCX */
		int lib_formats = (formats & (CV_OUT_DOCX | CV_OUT_HTML)) | (formats & CLI_OUT_PDF ? CV_OUT_DOCX : 0);
		cv_render_opts o = {strcmp(in, "-") ? in : "<stdin>", lib_formats, cli_year_now(), NULL,
				 cli_read_named, (void *)in}; /* a copy's ban_goc: beside the input */
		int rc = cv_render(set, src, len, &o, &r);
		cv_diag_print(&r.diags, stderr, 1, quiet ? CV_ERROR : CV_WARNING);
		if (rc != 0) {
			fprintf(stderr, P_("congvan: %s: not rendered: %d error\n",
					   "congvan: %s: not rendered: %d errors\n", (unsigned long)r.diags.errors),
				o.file, r.diags.errors);
			status = EXIT_BAD_INPUT;
			free(src);
			continue;
		}
		if (r.diags.errors)
			/* rendered, but the ND30 linter found content to fix */
			fprintf(stderr, P_("congvan: %s: rendered, but %d error must be fixed before the document is sent (see congvan check)\n",
					   "congvan: %s: rendered, but %d errors must be fixed before the document is sent (see congvan check)\n",
					   (unsigned long)r.diags.errors),
				o.file, r.diags.errors);
		const char *stem = strcmp(in, "-") ? in : "stdin.md";
		if (formats & CV_OUT_DOCX) {
			char *path = output ? cv_xstrdup(output) : cli_out_path(stem, outdir, ".docx");
			if (cli_write(path, &r.docx) != 0)
				status = EXIT_BAD_INPUT;
			free(path);
		}
		if (formats & CV_OUT_HTML) {
			char *path = output ? cv_xstrdup(output) : cli_out_path(stem, outdir, ".html");
			if (cli_write(path, &r.html) != 0)
				status = EXIT_BAD_INPUT;
			free(path);
		}
		if (formats & CLI_OUT_PDF) {
			char *path = output ? cv_xstrdup(output) : cli_out_path(stem, outdir, ".pdf");
			if (cli_docx_to_pdf(&r.docx, path) != 0)
				status = EXIT_BAD_INPUT;
			free(path);
		}
		free(src);
	}
	cv_result_free(&r);
	cv_tpl_set_free(set);
	return status;
}

