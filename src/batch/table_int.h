/*
 * table_int.h — what the three table readers share (see table.h): the
 * reader's hooks and the row being assembled, with the checks every cell
 * goes through (UTF-8, size, line breaks) done once, in table.c.
 */
#ifndef CV_ROWS_INT_H
#define CV_ROWS_INT_H

#include <stdbool.h>

#include "base/buf.h"
#include "batch/table.h"

struct cv_rows {
	/* the reader: fill the current row (cv_rows_cell) and set t->where */
	int (*next)(cv_rows *t, char *err, size_t errlen);
	void (*close)(cv_rows *t);
	void *impl;
	char *path;
	const char *where_word;
	char **cols;
	size_t ncols;
	cv_buf *cells;      /* ncols values of the current row, reused */
	const char **vals;  /* pointers into cells */
	bool cell_bad;      /* a cell of the current row was refused */
	char cell_err[256];
	long where;
	long rows;
};

/* A new table with its reader hooks; path copied. */
cv_rows *cv_rows_new(const char *path, const char *where_word);
/* Set the column names (trimmed); -1 with err for an empty, duplicate or
 * non-UTF-8 name, or too many. */
int cv_rows_set_columns(cv_rows *t, char **names, size_t n, char *err, size_t errlen);
/* Start a row: every cell empty. */
void cv_rows_row_clear(cv_rows *t);
/* Set cell `col` to s[0..n): CR LF and lone CR become LF.  A refused value
 * (not UTF-8, control character, too long) marks the row bad. */
void cv_rows_cell(cv_rows *t, size_t col, const char *s, size_t n);
/* Are all cells of the current row blank? */
bool cv_rows_row_blank(const cv_rows *t);
/* The same checks for a value that cannot be a cell (a header name). */
const char *cv_rows_value_problem(const char *s, size_t n);

cv_rows *cv_rows_open_csv(const char *path, char *err, size_t errlen);
cv_rows *cv_rows_open_xlsx(const char *path, const char *sheet, char *err, size_t errlen);
cv_rows *cv_rows_open_yaml(const char *path, char *err, size_t errlen);

#endif
