/*
 * loop.c — `make bench`'s in-process figure: one document rendered N times
 * in one process with one reused cv_result, as a batch worker does, so the
 * time per document is the pipeline's alone (no process start, no files).
 *
 *   build/bench-loop FILE.md N [docx|html|both] [TABLE.csv]
 *
 * With a table, document i takes row i (cycling) as its {{placeholders}},
 * as `congvan batch` does (without writing files): the document's text then
 * changes from one render to the next.  Prints "N documents in S s: R
 * docs/s, B bytes of DOCX" on stdout.  Run it
 * under `valgrind --tool=callgrind` with two values of N: the difference of
 * the instruction counts divided by the difference of N is the instructions
 * per document, without the start-up (tests/bench.sh does this).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch/table.h"
#include "congvan.h"

/* The rows of a table, copied (the reader reuses its buffers). */
typedef struct {
	char **cells; /* nrows * ncols */
	const char **names;
	size_t ncols, nrows;
} S_table;

static int S_load(const char *path, S_table *t)
{
	char err[512];
	cv_rows *r = cv_rows_open(path, NULL, err, sizeof err);
	if (!r) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	t->ncols = cv_rows_ncols(r);
	t->names = malloc(t->ncols * sizeof *t->names);
	for (size_t i = 0; i < t->ncols; i++)
		t->names[i] = strdup(cv_rows_columns(r)[i]);
	const char *const *vals;
	long where;
	while (cv_rows_next(r, &vals, &where, err, sizeof err) == CV_ROWS_ROW) {
		t->cells = realloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
		for (size_t i = 0; i < t->ncols; i++)
			t->cells[t->nrows * t->ncols + i] = strdup(vals[i]);
		t->nrows++;
	}
	cv_rows_close(r);
	return t->nrows ? 0 : -1;
}

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s FILE.md N [docx|html|both] [TABLE.csv]\n", argv[0]);
		return 2;
	}
	S_table t = {NULL, NULL, 0, 0};
	if (argc > 4 && S_load(argv[4], &t) != 0)
		return 1;
	long n = strtol(argv[2], NULL, 10);
	int outputs = CV_OUT_DOCX | CV_OUT_HTML;
	if (argc > 3 && !strcmp(argv[3], "docx"))
		outputs = CV_OUT_DOCX;
	else if (argc > 3 && !strcmp(argv[3], "html"))
		outputs = CV_OUT_HTML;
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	cv_buf src = CV_BUF_INIT;
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		cv_buf_put(&src, chunk, got);
	fclose(f);

	cv_diags d = CV_DIAGS_INIT;
	cv_tpl_set *set = cv_tpl_set_new(NULL, &d);
	if (!set || cv_tpl_compile_all(set, &d) != 0) {
		cv_diag_print(&d, stderr, 0, CV_WARNING);
		return 1;
	}
	cv_result r = CV_RESULT_INIT;
	cv_render_opts o;
	memset(&o, 0, sizeof o);
	o.file = argv[1];
	o.outputs = outputs;
	o.year_now = 2026;
	size_t bytes = 0;
	double t0 = S_now();
	for (long i = 0; i < n; i++) {
		cv_vars v;
		if (t.nrows) {
			v.names = t.names;
			v.values = (const char *const *)&t.cells[(size_t)i % t.nrows * t.ncols];
			v.n = t.ncols;
			o.vars = &v;
		}
		if (cv_render(set, cv_buf_cstr(&src), src.len, &o, &r) != 0) {
			cv_diag_print(&r.diags, stderr, 0, CV_ERROR);
			return 1;
		}
		bytes = r.docx.len;
	}
	double s = S_now() - t0;
	printf("%ld documents in %.3f s: %.0f docs/s, %zu bytes of DOCX\n", n, s, s > 0 ? (double)n / s : 0.0,
	       bytes);
	cv_result_free(&r);
	cv_tpl_set_free(set);
	cv_diags_free(&d);
	cv_buf_free(&src);
	for (size_t i = 0; i < t.nrows * t.ncols; i++)
		free(t.cells[i]);
	for (size_t i = 0; i < t.ncols; i++)
		free((char *)t.names[i]);
	free(t.cells);
	free(t.names);
	return 0;
}
