/*
 * common.c — helpers shared by the subcommands (see cli.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/atomic_file.h"
#include "base/i18n.h"
#include "cli/cli.h"


int cli_usage_error(const char *fmt, const char *arg)
{
	fputs("congvan: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(_("Try 'congvan --help'."), stderr);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* Read a whole file (or stdin for "-"); NULL with a message on failure. */
char *cli_read(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, _("congvan: %s: cannot open: %s\n"), path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("congvan: %s: is a directory, expected a .md file\n"), path);
		fclose(f);
		return NULL;
	}
	cv_buf b = CV_BUF_INIT;
	int rc = cv_buf_read_stream(&b, f, CV_INPUT_MAX_BYTES);
	if (f != stdin)
		fclose(f);
	if (rc != 0) {
		if (rc == CV_READ_TOO_BIG)
			fprintf(stderr, _("congvan: %s: larger than 16 MiB, not a document\n"), path);
		else
			fprintf(stderr, _("congvan: %s: read error\n"), path);
		cv_buf_free(&b);
		return NULL;
	}
	return cv_buf_detach(&b, len);
}

/* Output path for input `in` with extension ext (".docx"): beside the
 * input, or in outdir with the input's base name only (so nothing is ever
 * written outside outdir). */
char *cli_out_path(const char *in, const char *outdir, const char *ext)
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

/* Is `path` (a real path) inside the folder `dir` (a real path)? */
static int S_inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return 1;
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* The real path of the nearest existing folder above `path` (which does
 * not exist itself), or NULL. */
static char *S_nearest_ancestor(const char *path)
{
	char *p = strdup(path);
	char *real = NULL;
	while (p && !real) {
		char *slash = strrchr(p, '/');
		if (!slash)
			break;
		if (slash == p) {
			real = realpath("/", NULL);
			break;
		}
		*slash = '\0';
		real = realpath(p, NULL);
	}
	free(p);
	return real;
}

int cli_read_named(void *ctx, const char *path, char **data, size_t *len, char *why, size_t whylen)
{
	const char *input = ctx;
	*data = NULL;
	*len = 0;
	if (path[0] == '/') {
		snprintf(why, whylen, _("'%s' is an absolute path: write it relative to this file"), path);
		return -1;
	}
	/* the folder of the input ("-" and "<stdin>": the current folder) */
	cv_buf dir = CV_BUF_INIT, full = CV_BUF_INIT;
	const char *slash = input && input[0] != '-' && input[0] != '<' ? strrchr(input, '/') : NULL;
	if (slash)
		cv_buf_put(&dir, input, (size_t)(slash - input) + (slash == input));
	else
		cv_buf_puts(&dir, ".");
	cv_buf_printf(&full, "%s/%s", cv_buf_cstr(&dir), path);
	char *real = realpath(cv_buf_cstr(&full), NULL);
	int err_real = errno;
	char *real_dir = realpath(cv_buf_cstr(&dir), NULL);
	char *real_cwd = realpath(".", NULL);
	int rc = -1;
	/* A path that leaves the folder is refused as "outside" even when it
	 * names nothing: whether a file exists elsewhere is none of the
	 * input's business. A missing file is judged by its nearest existing
	 * ancestor. */
	char *where = real ? real : S_nearest_ancestor(cv_buf_cstr(&full));
	int outside = where && !(real_dir && S_inside(where, real_dir)) && !(real_cwd && S_inside(where, real_cwd));
	if (where != real)
		free(where);
	if (outside) {
		snprintf(why, whylen,
			 _("'%s' is outside the folder of this file and the current folder: put the original beside "
			   "the copy"),
			 path);
		goto done;
	}
	if (!real) {
		snprintf(why, whylen, _("cannot open '%s': %s"), path, strerror(err_real));
		goto done;
	}
	struct stat st;
	if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, whylen, _("'%s' is not a file"), path);
		goto done;
	}
	if ((size_t)st.st_size > CV_INPUT_MAX_BYTES) {
		snprintf(why, whylen, _("'%s' is larger than 16 MiB, not a document"), path);
		goto done;
	}
	FILE *f = fopen(real, "rb");
	if (!f) {
		snprintf(why, whylen, _("cannot open '%s': %s"), path, strerror(errno));
		goto done;
	}
	cv_buf b = CV_BUF_INIT;
	int err = cv_buf_read_stream(&b, f, CV_INPUT_MAX_BYTES);
	fclose(f);
	if (err) {
		snprintf(why, whylen, _("cannot read '%s'"), path);
		cv_buf_free(&b);
		goto done;
	}
	*data = cv_buf_detach(&b, len);
	rc = 0;
done:
	free(real);
	free(real_dir);
	free(real_cwd);
	cv_buf_free(&dir);
	cv_buf_free(&full);
	return rc;
}

int cli_write(const char *path, const cv_buf *data)
{
	if (strcmp(path, "-") == 0) {
		fwrite(data->ptr ? data->ptr : "", 1, data->len, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, _("congvan: writing to standard output failed: %s\n"), strerror(errno));
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

int cli_year_now(void)
{
	/* reproducible builds and tests: SOURCE_DATE_EPOCH fixes "now" */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

cv_tpl_set *cli_templates(const char *dir)
{
	if (!dir)
		dir = getenv("CONGVAN_TEMPLATES");
	if (dir && !*dir)
		dir = NULL;
	cv_diags d = CV_DIAGS_INIT;
	cv_tpl_set *set = cv_tpl_set_new(dir, &d);
	cv_diag_print(&d, stderr, 0, CV_WARNING);
	cv_diags_free(&d);
	return set;
}

