/*
 * table.c — the reader-independent half of table.h: choosing the reader by
 * extension, the column names, and the checks every cell goes through.
 */
#include "batch/table_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/text.h"

static bool S_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

cv_rows *cv_rows_open(const char *path, const char *sheet, char *err, size_t errlen)
{
	cv_rows *t = NULL;
	if (!strcmp(path, "-")) {
		snprintf(err, errlen, _("-: a table is read twice (checked, then written): give a file"));
		return NULL;
	}
	if (S_ends_with(path, ".xlsx"))
		return cv_rows_open_xlsx(path, sheet, err, errlen);
	if (sheet) {
		snprintf(err, errlen, _("%s: --sheet is for .xlsx tables"), path);
		return NULL;
	}
	if (S_ends_with(path, ".csv"))
		t = cv_rows_open_csv(path, err, errlen);
	else if (S_ends_with(path, ".yaml") || S_ends_with(path, ".yml"))
		t = cv_rows_open_yaml(path, err, errlen);
	else if (S_ends_with(path, ".xls") || S_ends_with(path, ".ods"))
		snprintf(err, errlen, _("%s: save the table as .xlsx or .csv (UTF-8); this format is not read"),
			 path);
	else
		snprintf(err, errlen, _("%s: unknown table format: the name must end in .csv, .xlsx, .yaml or .yml"),
			 path);
	return t;
}

cv_rows *cv_rows_new(const char *path, const char *where_word)
{
	cv_rows *t = cv_xcalloc(1, sizeof *t);
	t->path = cv_xstrdup(path);
	t->where_word = where_word;
	return t;
}

size_t cv_rows_ncols(const cv_rows *t)
{
	return t->ncols;
}

const char *const *cv_rows_columns(const cv_rows *t)
{
	return (const char *const *)t->cols;
}

const char *cv_rows_where_word(const cv_rows *t)
{
	return t->where_word;
}

const char *cv_rows_path(const cv_rows *t)
{
	return t->path;
}

const char *cv_rows_value_problem(const char *s, size_t n)
{
	size_t bad;
	const char *why;
	if (n > CV_ROWS_MAX_CELL)
		return _("longer than 1 MiB");
	if (cv_utf8_check(s, n, &bad, &why))
		return why; /* translated by cv_utf8_check */
	return NULL;
}

int cv_rows_set_columns(cv_rows *t, char **names, size_t n, char *err, size_t errlen)
{
	if (n == 0) {
		snprintf(err, errlen, _("%s: no column names (the first row names the columns)"), t->path);
		return -1;
	}
	if (n > CV_ROWS_MAX_COLS) {
		snprintf(err, errlen, _("%s: %zu columns; the limit is %d"), t->path, n, CV_ROWS_MAX_COLS);
		return -1;
	}
	t->cols = cv_xcalloc(n, sizeof *t->cols);
	t->cells = cv_xcalloc(n, sizeof *t->cells);
	t->vals = cv_xcalloc(n, sizeof *t->vals);
	t->ncols = n;
	for (size_t i = 0; i < n; i++) {
		const char *s = names[i] ? names[i] : "";
		size_t len = strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		while (len && (*s == ' ' || *s == '\t'))
			s++, len--;
		t->cols[i] = cv_xstrndup(s, len);
	}
	for (size_t i = 0; i < n; i++) {
		const char *why = cv_rows_value_problem(t->cols[i], strlen(t->cols[i]));
		if (why) {
			snprintf(err, errlen, _("%s: column %zu: the name is %s"), t->path, i + 1, why);
			return -1;
		}
		if (!t->cols[i][0]) {
			snprintf(err, errlen, _("%s: column %zu has no name (the first row names the columns)"),
				 t->path, i + 1);
			return -1;
		}
		if (strpbrk(t->cols[i], "{}\n")) {
			snprintf(err, errlen, _("%s: column %zu: a name cannot hold '{', '}' or a line break: %.80s"),
				 t->path, i + 1, t->cols[i]);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(t->cols[i], t->cols[j]) == 0) {
				snprintf(err, errlen, _("%s: columns %zu and %zu are both named '%.80s'"), t->path,
					 j + 1, i + 1, t->cols[i]);
				return -1;
			}
		}
	}
	return 0;
}

void cv_rows_row_clear(cv_rows *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		cv_buf_clear(&t->cells[i]);
	t->cell_bad = false;
	t->cell_err[0] = '\0';
}

void cv_rows_cell(cv_rows *t, size_t col, const char *s, size_t n)
{
	if (col >= t->ncols)
		return;
	cv_buf *b = &t->cells[col];
	cv_buf_clear(b);
	const char *why = cv_rows_value_problem(s, n);
	if (why) {
		if (!t->cell_bad)
			snprintf(t->cell_err, sizeof t->cell_err, _("the value in column '%.80s' is %s"),
				 t->cols[col], why);
		t->cell_bad = true;
		return;
	}
	/* line breaks as "\n", whatever the spreadsheet or editor wrote */
	if (!n)
		return;
	cv_buf_grow(b, n);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			cv_buf_putc(b, '\n');
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else {
			cv_buf_putc(b, s[i]);
		}
	}
}

bool cv_rows_row_blank(const cv_rows *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		for (size_t k = 0; k < t->cells[i].len; k++)
			if (!strchr(" \t\n", t->cells[i].ptr[k]))
				return false;
	return true;
}

int cv_rows_next(cv_rows *t, const char *const **values, long *where, char *err, size_t errlen)
{
	err[0] = '\0';
	int rc = t->next(t, err, errlen);
	*where = t->where;
	if (rc == CV_ROWS_ROW || rc == CV_ROWS_BAD) {
		if (++t->rows > CV_ROWS_MAX_ROWS) {
			snprintf(err, errlen, _("%s: more than %ld rows; split the table"), t->path,
				 CV_ROWS_MAX_ROWS);
			return CV_ROWS_FATAL;
		}
	}
	if (rc == CV_ROWS_ROW && t->cell_bad) {
		snprintf(err, errlen, "%s:%ld: %s", t->path, t->where, t->cell_err);
		rc = CV_ROWS_BAD;
	}
	if (rc == CV_ROWS_ROW) {
		for (size_t i = 0; i < t->ncols; i++)
			t->vals[i] = cv_buf_cstr(&t->cells[i]);
		*values = t->vals;
	}
	return rc;
}

void cv_rows_close(cv_rows *t)
{
	if (!t)
		return;
	if (t->close)
		t->close(t);
	for (size_t i = 0; i < t->ncols; i++) {
		free(t->cols[i]);
		cv_buf_free(&t->cells[i]);
	}
	free(t->cols);
	free(t->cells);
	free(t->vals);
	free(t->path);
	free(t);
}
