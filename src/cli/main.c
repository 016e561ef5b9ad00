/*
 * main.c — the congvan command line: argv → subcommand; exit statuses;
 * printing diagnostics; reading and (atomically) writing files.  No document
 * logic lives here: it calls cv_render() (congvan.h).
 *
 * Exit status: 0 success, 1 bad input (or an output that could not be
 * written), 2 bad usage.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "congvan.h"

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

/* Input files larger than this are refused before reading (render.c has
 * the same limit for stdin and library callers). */
#define CLI_MAX_INPUT ((size_t)16 * 1024 * 1024)

static const char S_usage[] =
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
	"      --to LIST        formats to write: docx, html or docx,html (default both)\n"
	"      --templates DIR  use the templates in DIR before the built-in ones\n"
	"                       (default: $CONGVAN_TEMPLATES)\n"
	"  -q, --quiet          do not print warnings\n"
	"\n"
	"FILE '-' reads standard input. The input format is described in docs/format.md.\n"
	"Exit status: 0 success, 1 bad input or unwritable output, 2 bad usage.\n";

static int S_usage_error(const char *fmt, const char *arg)
{
	fputs("congvan: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'congvan --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Read a whole file (or stdin for "-"); NULL with a message on failure. */
static char *S_read(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "congvan: %s: cannot open: %s\n", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "congvan: %s: is a directory, expected a .md file\n", path);
		fclose(f);
		return NULL;
	}
	cv_buf b = CV_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > CLI_MAX_INPUT) {
			fprintf(stderr, "congvan: %s: larger than 16 MiB, not a document\n", path);
			cv_buf_free(&b);
			if (f != stdin)
				fclose(f);
			return NULL;
		}
		cv_buf_put(&b, chunk, n);
	}
	int err = ferror(f);
	if (f != stdin)
		fclose(f);
	if (err) {
		fprintf(stderr, "congvan: %s: read error\n", path);
		cv_buf_free(&b);
		return NULL;
	}
	return cv_buf_detach(&b, len);
}

/* Output path for input `in` with extension ext (".docx"): beside the
 * input, or in outdir with the input's base name only (so nothing is ever
 * written outside outdir). */
static char *S_out_path(const char *in, const char *outdir, const char *ext)
{
	const char *base = in;
	if (outdir) {
		const char *slash = strrchr(in, '/');
		base = slash ? slash + 1 : in;
	}
	size_t bl = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot && !strchr(dot, '/') && dot != base)
		bl = (size_t)(dot - base);
	cv_buf b = CV_BUF_INIT;
	if (outdir) {
		cv_buf_puts(&b, outdir);
		if (b.len && b.ptr[b.len - 1] != '/')
			cv_buf_putc(&b, '/');
	}
	cv_buf_put(&b, base, bl);
	cv_buf_puts(&b, ext);
	return cv_buf_detach(&b, NULL);
}

static int S_write(const char *path, const cv_buf *data)
{
	if (strcmp(path, "-") == 0) {
		fwrite(data->ptr ? data->ptr : "", 1, data->len, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "congvan: writing to standard output failed: %s\n", strerror(errno));
			return -1;
		}
		return 0;
	}
	char err[1024];
	if (cv_write_atomic(path, data->ptr ? data->ptr : "", data->len, err, sizeof err) != 0) {
		fprintf(stderr, "congvan: %s\n", err);
		return -1;
	}
	return 0;
}

static int S_year_now(void)
{
	/* reproducible builds and tests: SOURCE_DATE_EPOCH fixes "now" */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

static cv_tpl_set *S_templates(const char *dir)
{
	if (!dir)
		dir = getenv("CONGVAN_TEMPLATES");
	if (dir && !*dir)
		dir = NULL;
	cv_diags d = CV_DIAGS_INIT;
	cv_tpl_set *set = cv_tpl_set_new(dir, &d);
	cv_diag_print(&d, stderr, 0);
	cv_diags_free(&d);
	return set;
}

static int S_cmd_render(int argc, char **argv)
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
		case 'h': fputs(S_usage, stdout); return EXIT_OK;
		case 'T': {
			char *list = cv_xstrdup(optarg), *save = NULL;
			for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				if (!strcmp(tok, "docx"))
					formats |= CV_OUT_DOCX;
				else if (!strcmp(tok, "html"))
					formats |= CV_OUT_HTML;
				else {
					int rc = S_usage_error("--to: unknown format '%s' (expected docx, html)", tok);
					free(list);
					return rc;
				}
			}
			free(list);
			break;
		}
		default: return S_usage_error("%s", "bad option for 'render'");
		}
	}
	int nfiles = argc - optind;
	if (nfiles < 1)
		return S_usage_error("%s", "render: no input file (give FILE.md, or - for standard input)");
	if (output && nfiles > 1)
		return S_usage_error("%s", "-o names one output: give one input file");
	if (output && outdir)
		return S_usage_error("%s", "use either -o or --outdir, not both");
	if (output) {
		const char *dot = strrchr(output, '.');
		if (strcmp(output, "-") == 0) {
			if (formats != CV_OUT_DOCX && formats != CV_OUT_HTML)
				return S_usage_error("%s", "-o - writes one format: add --to docx or --to html");
		} else if (dot && !strcmp(dot, ".docx")) {
			formats = CV_OUT_DOCX;
		} else if (dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm"))) {
			formats = CV_OUT_HTML;
		} else {
			return S_usage_error("-o %s: the name must end in .docx or .html", output);
		}
	}
	if (!formats)
		formats = CV_OUT_DOCX | CV_OUT_HTML;
	for (int i = optind; i < argc; i++)
		if (!strcmp(argv[i], "-") && !output && !outdir)
			return S_usage_error("%s", "standard input has no name: give -o OUT or --outdir DIR");
	if (outdir) {
		struct stat st;
		if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "congvan: --outdir %s: not an existing folder\n", outdir);
			return EXIT_BAD_INPUT;
		}
	}

	cv_tpl_set *set = S_templates(tpl_dir);
	if (!set)
		return EXIT_BAD_INPUT;
	int status = EXIT_OK;
	cv_result r = CV_RESULT_INIT;
	for (int i = optind; i < argc; i++) {
		const char *in = argv[i];
		size_t len = 0;
		char *src = S_read(in, &len);
		if (!src) {
			status = EXIT_BAD_INPUT;
			continue;
		}
		cv_render_opts o = {strcmp(in, "-") ? in : "<stdin>", formats, S_year_now()};
		int rc = cv_render(set, src, len, &o, &r);
		if (rc != 0 || !quiet) {
			if (quiet) { /* errors only */
				cv_diags errs = r.diags;
				(void)errs;
			}
			cv_diag_print(&r.diags, stderr, 1);
		}
		if (rc != 0) {
			fprintf(stderr, "congvan: %s: not rendered: %d error%s\n", o.file, r.diags.errors,
				r.diags.errors == 1 ? "" : "s");
			status = EXIT_BAD_INPUT;
			free(src);
			continue;
		}
		const char *stem = strcmp(in, "-") ? in : "stdin.md";
		if (formats & CV_OUT_DOCX) {
			char *path = output ? cv_xstrdup(output) : S_out_path(stem, outdir, ".docx");
			if (S_write(path, &r.docx) != 0)
				status = EXIT_BAD_INPUT;
			free(path);
		}
		if (formats & CV_OUT_HTML) {
			char *path = output ? cv_xstrdup(output) : S_out_path(stem, outdir, ".html");
			if (S_write(path, &r.html) != 0)
				status = EXIT_BAD_INPUT;
			free(path);
		}
		free(src);
	}
	cv_result_free(&r);
	cv_tpl_set_free(set);
	return status;
}

/* `congvan templates`: the document types with their one-line description. */
static int S_cmd_templates(int argc, char **argv)
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
			return S_usage_error("%s", "bad option for 'templates'");
	}
	cv_tpl_set *set = S_templates(tpl_dir);
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

int main(int argc, char **argv)
{
	if (argc < 2)
		return S_usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(S_usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("congvan %s\n", CV_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "render"))
		return S_cmd_render(argc - 1, argv + 1);
	if (!strcmp(cmd, "templates"))
		return S_cmd_templates(argc - 1, argv + 1);
	return S_usage_error("unknown command '%s' (expected render or templates)", cmd);
}
