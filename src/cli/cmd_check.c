/*
 * cmd_check.c — `congvan check FILE.md…`: each input read and linted
 * through cv_render() with no output (so check, render and serve report the
 * same diagnostics), printed compiler-style or as JSON; --fix rewrites each
 * file atomically with the certain fixes (src/lint/lint_fix.c) and reports
 * what is left.  Exit status 0 clean or only warnings, 1 any error (or an
 * unreadable file), 2 bad usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "lint/lint.h"

/* Marked with N_ (an array cannot call _()); printed as _(S_usage). */
static const char S_usage[] = N_(
	"Usage: congvan check [OPTIONS] FILE.md...\n"
	"\n"
	"Check documents against the rules of Nghị định 30/2020/NĐ-CP and the\n"
	"conventions a văn thư checks by hand; print FILE:LINE:COL: warning|error:\n"
	"message [RULE-ID] for each finding (standard output).\n"
	"\n"
	"  --format text|json  json: one array of {file, line, column, severity, rule,\n"
	"                      message} objects for all files\n"
	"  --fix               rewrite each file with the certain fixes (NFC, spaces\n"
	"                      in the body) and print what changed, then what is left\n"
	"  --list-rules        print every rule id with its severity and meaning\n"
	"  -q, --quiet         print errors only\n"
	"      --templates DIR use the templates in DIR before the built-in ones\n"
	"\n"
	"FILE '-' reads standard input (with --fix the fixed text goes to standard\n"
	"output). Rules and examples: docs/lint.md.\n"
	"Exit status: 0 no error (warnings allowed), 1 an error, 2 bad usage.\n");

/* s as a JSON string (UTF-8 passes through; controls escaped). */
static void S_json_str(cv_buf *b, const char *s)
{
	if (!s) {
		cv_buf_puts(b, "null");
		return;
	}
	cv_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			cv_buf_putc(b, '\\');
			cv_buf_putc(b, (char)*p);
		} else if (*p == '\n') {
			cv_buf_puts(b, "\\n");
		} else if (*p == '\t') {
			cv_buf_puts(b, "\\t");
		} else if (*p < 0x20 || *p == 0x7F) {
			cv_buf_printf(b, "\\u%04x", *p);
		} else {
			cv_buf_putc(b, (char)*p);
		}
	}
	cv_buf_putc(b, '"');
}

static void S_json_diags(cv_buf *b, const cv_diags *d, const char *file, cv_severity min, int *first)
{
	for (size_t i = 0; i < d->n; i++) {
		const cv_diag *e = &d->items[i];
		if (e->sev < min)
			continue;
		cv_buf_puts(b, *first ? "\n  {" : ",\n  {");
		*first = 0;
		cv_buf_puts(b, "\"file\": ");
		S_json_str(b, e->file ? e->file : file);
		cv_buf_printf(b, ", \"line\": %d, \"column\": %d, \"severity\": ", e->line, e->col);
		S_json_str(b, e->sev == CV_ERROR ? "error" : "warning");
		cv_buf_puts(b, ", \"rule\": ");
		S_json_str(b, e->rule);
		cv_buf_puts(b, ", \"message\": ");
		S_json_str(b, e->msg);
		cv_buf_putc(b, '}');
	}
}

static int S_list_rules(int json)
{
	size_t n;
	const cv_lint_rule *r = cv_lint_rules(&n);
	if (!json) {
		for (size_t i = 0; i < n; i++)
			printf("%-22s %-14s %s\n", r[i].id, r[i].sev, _(r[i].what));
		return EXIT_OK;
	}
	cv_buf b = CV_BUF_INIT;
	cv_buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		cv_buf_puts(&b, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
		S_json_str(&b, r[i].id);
		cv_buf_puts(&b, ", \"severity\": ");
		S_json_str(&b, r[i].sev);
		cv_buf_puts(&b, ", \"description\": ");
		S_json_str(&b, _(r[i].what));
		cv_buf_puts(&b, ", \"checked\": ");
		S_json_str(&b, r[i].by);
		cv_buf_putc(&b, '}');
	}
	cv_buf_puts(&b, "\n]\n");
	fwrite(cv_buf_cstr(&b), 1, b.len, stdout);
	cv_buf_free(&b);
	return EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'F'},
		{"fix", no_argument, NULL, 'x'},
		{"list-rules", no_argument, NULL, 'L'},
		{"templates", required_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *tpl_dir = NULL;
	int json = 0, fix = 0, list = 0, quiet = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'F':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (!strcmp(optarg, "text"))
				json = 0;
			else
				return cli_usage_error(_("--format: unknown format '%s' (expected text, json)"), optarg);
			break;
		case 'x': fix = 1; break;
		case 'L': list = 1; break;
		case 't': tpl_dir = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(_(S_usage), stdout); return EXIT_OK;
		default: return cli_usage_error("%s", _("bad option for 'check'"));
		}
	}
	if (list)
		return S_list_rules(json);
	if (optind >= argc)
		return cli_usage_error("%s", _("check: no input file (give FILE.md, or - for standard input)"));
	for (int i = optind; fix && json && i < argc; i++)
		if (!strcmp(argv[i], "-"))
			return cli_usage_error(
				"%s", _("--fix - writes the fixed text to standard output: not with --format json"));

	cv_tpl_set *set = cli_templates(tpl_dir);
	if (!set)
		return EXIT_BAD_INPUT;
	cv_severity min = quiet ? CV_ERROR : CV_WARNING;
	FILE *notes = json ? stderr : stdout; /* stdout stays one JSON document */
	cv_buf out = CV_BUF_INIT;
	int first = 1, status = EXIT_OK;
	if (json)
		cv_buf_putc(&out, '[');
	cv_result r = CV_RESULT_INIT;
	for (int i = optind; i < argc; i++) {
		const char *in = argv[i];
		const char *name = strcmp(in, "-") ? in : "<stdin>";
		size_t len = 0;
		char *src = cli_read(in, &len);
		if (!src) {
			status = EXIT_BAD_INPUT;
			continue;
		}
		cv_render_opts o;
		memset(&o, 0, sizeof o);
		o.file = name;
		o.outputs = 0; /* read and lint only */
		o.year_now = cli_year_now();
		o.read_file = cli_read_named; /* a copy's ban_goc, as render reads it */
		o.read_ctx = (void *)in;
		int rc = cv_render(set, src, len, &o, &r);
		if (fix) {
			cv_buf fixed = CV_BUF_INIT;
			cv_lint_changes ch = {NULL, 0, 0};
			int nchanged = cv_lint_fix(src, len, rc == 0 ? &r.doc.body : NULL, &fixed, &ch);
			if (nchanged && strcmp(in, "-") != 0) {
				if (cli_write(in, &fixed) != 0)
					status = EXIT_BAD_INPUT;
			}
			if (!strcmp(in, "-"))
				fwrite(cv_buf_cstr(&fixed), 1, fixed.len, stdout);
			for (size_t k = 0; k < ch.n; k++)
				fprintf(!strcmp(in, "-") ? stderr : notes, _("%s:%d: fixed: %s\n"), name, ch.v[k].line,
					ch.v[k].what);
			cv_lint_changes_free(&ch);
			if (nchanged) {
				/* what is left, at the positions of the new text */
				free(src);
				src = cv_buf_detach(&fixed, &len);
				rc = cv_render(set, src, len, &o, &r);
			}
			cv_buf_free(&fixed);
		}
		if (json)
			S_json_diags(&out, &r.diags, name, min, &first);
		else
			cv_diag_print(&r.diags, !strcmp(in, "-") && fix ? stderr : stdout, 1, min);
		if (r.diags.errors)
			status = EXIT_BAD_INPUT;
		free(src);
	}
	if (json) {
		cv_buf_puts(&out, first ? "]\n" : "\n]\n");
		fwrite(cv_buf_cstr(&out), 1, out.len, stdout);
	}
	fflush(stdout);
	cv_buf_free(&out);
	cv_result_free(&r);
	cv_tpl_set_free(set);
	return status;
}
