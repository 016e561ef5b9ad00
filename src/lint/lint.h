/*
 * lint.h — the ND30 linter: content rules a văn thư checks by hand (ký hiệu,
 * signature, dates, trích yếu, Kính gửi/Nơi nhận, capitalisation, text
 * hygiene, legacy encodings), reported like a compiler's warnings.
 *
 * Stage: after read/ (it looks at a cv_doc that read without errors) and
 * before render/ writes anything; render.c calls cv_lint() at its LINT HOOK,
 * so `congvan render`, `serve` and `check` show the same diagnostics.  The
 * linter never changes the document: what it finds does not stop rendering
 * (a văn thư previews the file while fixing it); `congvan check` turns
 * errors into exit status 1.
 *
 * Rule ids come from shared spec ND30.md §7 (ND30-…) or, for congvan's own
 * conventions, start with CV-; cv_lint_rules() lists every id `check` can
 * print, so `grep -rn ND30-SYMBOL-TYPE` finds the rule here, in its
 * lint_*.c file, in docs/lint.md and in tests/lint*.
 *
 * Severity: error only where ND30 states the rule (§7 "E"), warning for
 * conventions and for what needs a human's judgement.
 */
#ifndef CV_LINT_H
#define CV_LINT_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "model/doc.h"
#include "render/profile.h"

/* One rule of the table printed by `congvan check --list-rules`. */
typedef struct cv_lint_rule {
	const char *id;   /* "ND30-SYMBOL-TYPE" */
	const char *sev;  /* "error", "warning", or "error/warning" (depends on the case) */
	const char *what; /* one line */
	const char *by;   /* "lint", or "read" for checks made while reading */
} cv_lint_rule;

/* The rule table (static, sorted by family). */
const cv_lint_rule *cv_lint_rules(size_t *n);

/* Check doc (read without errors; its src, body_line, fm, meta and body are
 * used) against every rule; `type` is the document type (its abbreviation
 * drives the ký hiệu rules; NULL = công văn).  `today` is "now" as
 * YYYYMMDD for the future-date rule; 0 takes it from SOURCE_DATE_EPOCH or
 * the clock (Vietnam time).  Diagnostics are appended to d sorted by
 * position; returns the number of errors added. */
int cv_lint(const cv_doc *doc, const cv_type *type, long today, cv_diags *d);

/* The same, remembering in `m` what depends on the text alone — the spans
 * of the source and the findings of the text and capitalisation rules,
 * which read nothing else — so that the next run on the same text (a
 * batch's next row: placeholders change the model, never the source) gives
 * them again without computing them.  Same diagnostics, in the same order,
 * as cv_lint(); m == NULL is cv_lint().  One memo per thread. */
typedef struct cv_lint_memo cv_lint_memo;
cv_lint_memo *cv_lint_memo_new(void);
void cv_lint_memo_free(cv_lint_memo *m);
int cv_lint_memo_run(const cv_doc *doc, const cv_type *type, long today, cv_lint_memo *m, cv_diags *d);

/* "Now" as YYYYMMDD in Vietnam time (UTC+7), from SOURCE_DATE_EPOCH when it
 * is set (reproducible tests), else from the clock. */
long cv_lint_today(void);

/* The type abbreviation of ND30 Phụ lục III for a document type: the
 * type's own (type.yaml `abbreviation`) when it has one, else the §4 table
 * by type name ("to-trinh" → "TTr"); "" for công văn and types without
 * one.  Static or owned by `type`. */
const char *cv_lint_abbreviation(const cv_type *type);

/* ---- --fix: the fixes that are certain ------------------------------------ */

/* One line changed by cv_lint_fix(). */
typedef struct cv_lint_change {
	int line;
	char what[120]; /* "normalised to NFC", "collapsed 2 double spaces", … */
} cv_lint_change;

typedef struct cv_lint_changes {
	cv_lint_change *v; /* owned: free() */
	size_t n, cap;
} cv_lint_changes;

/* Rewrite src[0..len) into out with the certain fixes: the whole text in
 * NFC (ND30-UTF8-NFC), and in the Markdown body — outside code spans,
 * code blocks and table cell padding — runs of spaces inside a line
 * collapsed to one (CV-DOUBLE-SPACE) and spaces before , ; : . removed
 * (CV-SPACE-BEFORE).  The front matter gets NFC only (its quoting is
 * YAML's).  `body` is the model read from src (it marks table and code
 * lines); NULL (a file that does not read) applies NFC only.  src must be
 * valid UTF-8.  Changes are appended to ch.  Returns the number of changed
 * lines. */
int cv_lint_fix(const char *src, size_t len, const cv_body *body, cv_buf *out, cv_lint_changes *ch);

void cv_lint_changes_free(cv_lint_changes *ch);

#endif
