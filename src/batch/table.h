/*
 * table.h — the rows of a batch: one interface (open → column names → next
 * row → close) over three readers, chosen by the file's extension:
 *   .csv          table_csv.c   RFC 4180 (libcsv)
 *   .xlsx         table_xlsx.c  the first sheet, or a named one (libzip + libxml2)
 *   .yaml, .yml   table_yaml.c  a list of mappings (the front-matter YAML reader)
 *
 * The first row names the columns.  Every row handed out has exactly one
 * value per column, each valid UTF-8 without control characters (tab and
 * line feed allowed), line breaks as "\n".  Rows whose cells are all blank
 * are skipped: they are not documents.
 *
 * Readers stream: a row is read when asked for, so a table of any length
 * takes the memory of one row (XLSX adds its shared strings, YAML its tree).
 *
 * Errors name the table file and the line (CSV, YAML) or sheet row (XLSX).
 * A bad row (ragged, a cell too long, not UTF-8) spoils only itself; a
 * broken file (bad quoting, not a zip, bad XML) stops the reading.
 */
#ifndef CV_ROWS_H
#define CV_ROWS_H

#include <stddef.h>

/* A batch table has a few dozen columns; thousands mean the file is not one. */
#define CV_ROWS_MAX_COLS 1024
/* A value goes into one letter, and a whole letter is limited to 16 MiB; a
 * 1 MiB cell is already far beyond any real one (and bounds a runaway quote). */
#define CV_ROWS_MAX_CELL ((size_t)1 << 20)
/* A million rows is hours of rendering, and ~150 MB of results in the
 * batch's temporary files (batch.c) — past that it is not a batch of letters. */
#define CV_ROWS_MAX_ROWS 1000000L

typedef struct cv_rows cv_rows;

enum {
	CV_ROWS_FATAL = -2, /* the file cannot be read on; err says why */
	CV_ROWS_BAD = -1,   /* this row is bad (err says why); the next call goes on */
	CV_ROWS_END = 0,
	CV_ROWS_ROW = 1,
};

/* Open `path` (the kind from its extension); `sheet` names the XLSX sheet
 * (NULL: the first) and is refused for other kinds.  NULL on failure with a
 * message starting with the file name in err. */
cv_rows *cv_rows_open(const char *path, const char *sheet, char *err, size_t errlen);

size_t cv_rows_ncols(const cv_rows *t);
/* Column names in order, trimmed, unique, non-empty.  Borrowed. */
const char *const *cv_rows_columns(const cv_rows *t);

/* The next row: values[0..ncols), borrowed until the next call or close;
 * *where = the line (CSV, YAML) or sheet row (XLSX) it starts on.  Returns
 * CV_ROWS_ROW, CV_ROWS_END, CV_ROWS_BAD or CV_ROWS_FATAL. */
int cv_rows_next(cv_rows *t, const char *const **values, long *where, char *err, size_t errlen);

/* What *where counts ("line" or "row", marked for translation: print it
 * through _()), and the file's name, for messages. */
const char *cv_rows_where_word(const cv_rows *t);
const char *cv_rows_path(const cv_rows *t);

void cv_rows_close(cv_rows *t);

/* Append s to b as one CSV field (RFC 4180 quoting when needed). */
struct cv_buf;
void cv_csv_put_field(struct cv_buf *b, const char *s);

#endif
