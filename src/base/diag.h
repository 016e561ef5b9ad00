/*
 * diag.h — diagnostics: what went wrong, where, and (for ND30 rules) which rule.
 *
 * Readers, the model, the template engine and the writers never print and
 * never exit: they append to a cv_diags list and return a status.  Only the
 * CLI prints, in the compiler-like form
 *
 *     FILE:LINE:COL: error: message [RULE-ID]
 *        12 | the offending source line
 *           |     ^
 *
 * Lines and columns are 1-based; columns count characters (code points), not
 * bytes, so they match what an editor shows for Vietnamese text.
 *
 * Ownership: the list owns its messages.  `file` and `src` of each entry are
 * borrowed: they must outlive the list (they are the input file name and
 * text, or a template's name and text, all of which live longer).
 */
#ifndef CV_DIAG_H
#define CV_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { CV_WARNING = 1, CV_ERROR = 2 } cv_severity;

typedef struct cv_diag {
	cv_severity sev;
	const char *file; /* borrowed; may be NULL (no position) */
	const char *src;  /* borrowed whole text of `file`, to quote the line; may be NULL */
	size_t src_len;
	int line, col;    /* 1-based; 0 when unknown */
	const char *rule; /* static rule id such as "ND30-DATE-ZERO", or NULL */
	char *msg;        /* owned */
} cv_diag;

typedef struct cv_diags {
	cv_diag *items;
	size_t n, cap;
	int errors, warnings;
	/* defaults for entries added with cv_diag_at(): the current source */
	const char *file;
	const char *src;
	size_t src_len;
} cv_diags;

#define CV_DIAGS_INIT {NULL, 0, 0, 0, 0, NULL, NULL, 0}

/* Add an entry located in the list's current source (d->file, d->src). */
void cv_diag_at(cv_diags *d, cv_severity sev, int line, int col, const char *rule,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Add an entry located in another text (a template, say). */
void cv_diag_in(cv_diags *d, cv_severity sev, const char *file, const char *src, size_t src_len,
		int line, int col, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 9, 10)));

/* Add an entry at byte offset `off` of the text src (file `file`): the
 * line and column are computed from it.  va_list form for wrappers. */
void cv_diag_vat_offset(cv_diags *d, cv_severity sev, const char *file, const char *src,
			size_t src_len, size_t off, const char *rule, const char *fmt, va_list ap);

/* Line and column (1-based, column in code points) of byte `off` in src. */
void cv_diag_locate(const char *src, size_t len, size_t off, int *line, int *col);

/* Print every entry of severity >= min_sev in the compiler-like form above;
 * `quote` adds the source line and a caret. */
void cv_diag_print(const cv_diags *d, FILE *f, int quote, cv_severity min_sev);
/* Append the entry's source line, cleaned (control bytes as spaces, bytes
 * that are not UTF-8 as '?'), cut at 200 characters, and a caret under its
 * column: " 12 | text\n    |   ^\n".  Nothing when it has no position. */
struct cv_buf;
void cv_diag_quote(const cv_diag *e, struct cv_buf *out);
/* Print one entry as a single line, without the source quote. */
void cv_diag_format(const cv_diag *e, char *out, size_t outlen);

void cv_diags_clear(cv_diags *d);
void cv_diags_free(cv_diags *d);

#endif
