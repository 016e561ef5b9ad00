/*
 * table_csv.c — CSV tables (RFC 4180) through libcsv, its only user: fields
 * in double quotes may hold commas, quotes ("") and line breaks; a UTF-8
 * byte-order mark is dropped; lines end in LF or CR LF.  Spaces are part of
 * a field (RFC 4180 §2.4), so libcsv's trimming is turned off.
 *
 * libcsv does not count lines, so the file is fed to it one line at a time:
 * a row ends on the line being fed, and starts as many lines earlier as its
 * quoted fields hold line breaks.
 */
#include "batch/table_int.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

/* Bytes read from the file at a time. */
#define CSV_CHUNK 65536

typedef struct {
	FILE *f;
	struct csv_parser p;
	char chunk[CSV_CHUNK];
	size_t pos, end;
	bool started, eof, fini;
	long line;         /* line being fed, 1-based */
	long prev_end;     /* line on which the previous row ended */
	/* the row being parsed */
	cv_buf fields;     /* field texts, each NUL-terminated */
	size_t nfields;
	size_t *offs;      /* start of each field in `fields` (up to the limit) */
	bool too_many;
	long newlines;     /* line breaks inside its quoted fields */
	/* a finished row waiting to be handed out */
	bool ready;
	long ready_line;
	size_t ready_n;
	cv_buf ready_fields;
	size_t *ready_offs;
} S_csv;

static void S_field(void *s, size_t len, void *data)
{
	S_csv *c = data;
	const char *text = s ? s : "";
	for (size_t i = 0; i < len; i++)
		c->newlines += text[i] == '\n';
	if (c->nfields >= CV_ROWS_MAX_COLS) {
		c->too_many = true;
		c->nfields++;
		return;
	}
	c->offs[c->nfields++] = c->fields.len;
	cv_buf_put(&c->fields, text, len);
	cv_buf_putc(&c->fields, '\0');
}

static void S_row(int term, void *data)
{
	(void)term;
	S_csv *c = data;
	/* hand the row over: swap buffers so the parser can go on */
	cv_buf tb = c->ready_fields;
	c->ready_fields = c->fields;
	c->fields = tb;
	cv_buf_clear(&c->fields);
	size_t *to = c->ready_offs;
	c->ready_offs = c->offs;
	c->offs = to;
	c->ready_n = c->nfields;
	c->ready_line = c->line - c->newlines;
	if (c->too_many)
		c->ready_n = CV_ROWS_MAX_COLS + 1;
	c->ready = true;
	c->prev_end = c->line;
	c->nfields = 0;
	c->newlines = 0;
	c->too_many = false;
}

/* Feed the parser until a row is ready or the file ends.  -1 on a parse
 * error or a read error (err set). */
static int S_fill(cv_rows *t, S_csv *c, char *err, size_t errlen)
{
	while (!c->ready && !c->fini) {
		if (c->pos == c->end && !c->eof) {
			c->end = fread(c->chunk, 1, sizeof c->chunk, c->f);
			c->pos = 0;
			if (c->end < sizeof c->chunk) {
				if (ferror(c->f)) {
					snprintf(err, errlen, _("%s: read error: %s"), t->path, strerror(errno));
					return -1;
				}
				c->eof = true;
			}
			/* a UTF-8 byte-order mark (Excel writes one) is not data */
			if (!c->started && c->end >= 3 && memcmp(c->chunk, "\xEF\xBB\xBF", 3) == 0)
				c->pos = 3;
			c->started = true;
		}
		if (c->pos == c->end) {
			/* end of file: the last row may lack its line break */
			c->fini = true;
			if (csv_fini(&c->p, S_field, S_row, c) != 0) {
				snprintf(err, errlen,
					 _("%s:%ld: a quoted field is never closed (a \" is missing in the row "
					 "starting on this line)"),
					 t->path, c->prev_end + 1);
				return -1;
			}
			break;
		}
		const char *seg = c->chunk + c->pos;
		const char *nl = memchr(seg, '\n', c->end - c->pos);
		size_t n = nl ? (size_t)(nl - seg) + 1 : c->end - c->pos;
		if (csv_parse(&c->p, seg, n, S_field, S_row, c) != n) {
			snprintf(err, errlen,
				 _("%s:%ld: bad quoting: a \" inside a field that does not start with one, or "
				 "text after a closing \" (RFC 4180: quote the whole field and double the "
				 "quotes inside)"),
				 t->path, c->line);
			return -1;
		}
		c->pos += n;
		/* a quote never closed swallows the rest of the file: stop early */
		if (csv_get_buffer_size(&c->p) > CV_ROWS_MAX_CELL + 4096) {
			snprintf(err, errlen,
				 _("%s:%ld: a field longer than 1 MiB — is a closing \" missing in the row "
				 "starting on line %ld?"),
				 t->path, c->line, c->prev_end + 1);
			return -1;
		}
		if (nl)
			c->line++;
	}
	return 0;
}

/* Take the ready row; false at the end of the file. */
static int S_take(cv_rows *t, S_csv *c, char *err, size_t errlen)
{
	c->ready = false;
	if (S_fill(t, c, err, errlen) != 0)
		return CV_ROWS_FATAL;
	if (!c->ready)
		return CV_ROWS_END;
	return CV_ROWS_ROW;
}

static int S_next(cv_rows *t, char *err, size_t errlen)
{
	S_csv *c = t->impl;
	for (;;) {
		int rc = S_take(t, c, err, errlen);
		if (rc != CV_ROWS_ROW)
			return rc;
		t->where = c->ready_line;
		cv_rows_row_clear(t);
		size_t n = c->ready_n < t->ncols ? c->ready_n : t->ncols;
		for (size_t i = 0; i < n; i++) {
			const char *f = c->ready_fields.ptr + c->ready_offs[i];
			cv_rows_cell(t, i, f, strlen(f));
		}
		if (c->ready_n != t->ncols) {
			if (c->ready_n == 1 && cv_rows_row_blank(t))
				continue; /* a line of spaces */
			if (c->ready_n > CV_ROWS_MAX_COLS)
				snprintf(err, errlen, _("%s:%ld: more than %d fields, but the first line names %zu "
					 "columns"), t->path, t->where, CV_ROWS_MAX_COLS, t->ncols);
			else
				snprintf(err, errlen, _("%s:%ld: %zu fields, but the first line names %zu columns "
					 "(a comma too many or too few, or a field with a comma not in quotes?)"),
					 t->path, t->where, c->ready_n, t->ncols);
			return CV_ROWS_BAD;
		}
		if (cv_rows_row_blank(t) && !t->cell_bad)
			continue;
		return CV_ROWS_ROW;
	}
}

static void S_close(cv_rows *t)
{
	S_csv *c = t->impl;
	if (!c)
		return;
	if (c->f)
		fclose(c->f);
	csv_free(&c->p);
	cv_buf_free(&c->fields);
	cv_buf_free(&c->ready_fields);
	free(c->offs);
	free(c->ready_offs);
	free(c);
}

/* libcsv trims spaces and tabs around unquoted fields unless told that
 * nothing is a space. */
static int S_no_space(unsigned char ch)
{
	(void)ch;
	return 0;
}

cv_rows *cv_rows_open_csv(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, _("%s: cannot open: %s"), path, strerror(errno));
		return NULL;
	}
	cv_rows *t = cv_rows_new(path, N_("line"));
	S_csv *c = cv_xcalloc(1, sizeof *c);
	t->impl = c;
	t->next = S_next;
	t->close = S_close;
	c->f = f;
	c->line = 1;
	c->offs = cv_xcalloc(CV_ROWS_MAX_COLS, sizeof *c->offs);
	c->ready_offs = cv_xcalloc(CV_ROWS_MAX_COLS, sizeof *c->ready_offs);
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		snprintf(err, errlen, _("%s: cannot start the CSV reader"), path);
		cv_rows_close(t);
		return NULL;
	}
	csv_set_space_func(&c->p, S_no_space);
	/* the first row names the columns */
	int rc = S_take(t, c, err, errlen);
	if (rc == CV_ROWS_END)
		snprintf(err, errlen, _("%s: empty: the first line names the columns"), path);
	if (rc != CV_ROWS_ROW) {
		cv_rows_close(t);
		return NULL;
	}
	size_t n = c->ready_n;
	if (n > CV_ROWS_MAX_COLS) {
		snprintf(err, errlen, _("%s:%ld: more than %d columns"), path, c->ready_line, CV_ROWS_MAX_COLS);
		cv_rows_close(t);
		return NULL;
	}
	char **names = cv_xcalloc(n ? n : 1, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = c->ready_fields.ptr + c->ready_offs[i];
	rc = cv_rows_set_columns(t, names, n, err, errlen);
	free(names);
	if (rc != 0) {
		/* name the line: the header is on it */
		char tmp[512];
		snprintf(tmp, sizeof tmp, "%s", err);
		size_t pl = strlen(path);
		if (strncmp(tmp, path, pl) == 0 && tmp[pl] == ':')
			snprintf(err, errlen, "%s:%ld:%s", path, c->ready_line, tmp + pl + 1);
		cv_rows_close(t);
		return NULL;
	}
	return t;
}

void cv_csv_put_field(cv_buf *b, const char *s)
{
	size_t n = strlen(s);
	if (!strpbrk(s, ",\"\r\n") && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
		cv_buf_put(b, s, n);
		return;
	}
	/* csv_write quotes the field and doubles its quotes: 2n + 2 bytes at most */
	cv_buf_grow(b, 2 * n + 2);
	size_t w = csv_write(b->ptr + b->len, 2 * n + 2, s, n);
	b->len += w;
	b->ptr[b->len] = '\0';
}
