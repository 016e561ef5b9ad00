/*
 * lint_int.h — what the rule families of the linter (lint_*.c) share: the
 * context of one run, the text spans of the source with their exact
 * positions, and small helpers for Vietnamese letters.  Not a public API
 * (see lint.h).
 *
 * Positions: every diagnostic points into the input file as the user typed
 * it (doc->src), never into the normalised model, so rules that look at
 * text scan the source again (cv_lint_spans) and columns are exact, in code
 * points, 1-based.
 */
#ifndef CV_LINT_INT_H
#define CV_LINT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/lint.h"

/* ---- text spans of the source ------------------------------------------- */

enum {
	CV_LS_FM = 1,       /* a front-matter value */
	CV_LS_TABLE = 2,    /* body: a table row (cell padding is layout, not text) */
	CV_LS_FLOW = 4,     /* front matter: inside [a, b] or {k: v}, where , : are YAML */
	CV_LS_START = 8,    /* first text of a body block or of a front-matter value */
	CV_LS_MARKER = 16,  /* body: the block starts with a list marker (-, +, 1.) */
	CV_LS_HEADING = 32  /* body: a Markdown heading */
};

/* One stretch of document text on one source line: a front-matter value
 * without key, quotes and comment; a body line without indentation, block
 * markers and code spans (a line with a code span gives several spans). */
typedef struct cv_lspan {
	const char *p;  /* into doc->src */
	size_t n;       /* bytes */
	int line, col;  /* position of p */
	char key[40];   /* front matter: key path "kinh_gui", "ky.ho_ten"; "" in the body */
	int block;      /* body: index in doc->body.blocks of the block the line belongs to, or -1 */
	unsigned flags; /* CV_LS_* */
} cv_lspan;

typedef struct cv_lspans {
	cv_lspan *v; /* owned: free() */
	size_t n, cap;
} cv_lspans;

/* Spans of src[0..len) whose body starts on line body_line (0 = no front
 * matter: everything is body).  `body` (may be NULL) tells which lines are
 * table rows and code, and which block each line belongs to. */
void cv_lint_spans(const char *src, size_t len, int body_line, const cv_body *body, cv_lspans *out);

/* ---- one run --------------------------------------------------------------- */

#define CV_LINT_MAX_PER_RULE 20 /* then one "… more" line: a file full of double spaces stays readable */

typedef struct cv_lint_ctx {
	const cv_doc *doc;
	const cv_meta *m;
	const cv_type *type;
	const char *abbr; /* type code of the ký hiệu ("QĐ", "TTr"), "" for công văn */
	bool cong_van;    /* no type code: the công văn rules apply */
	long today;       /* YYYYMMDD */
	cv_diags *d;
	cv_lspans sp;
	struct {
		const char *rule;
		int shown, hidden;
	} per_rule[64];
	int nrules;
	int errors;
} cv_lint_ctx;

/* Add a diagnostic (at most CV_LINT_MAX_PER_RULE per rule, the rest counted). */
void cv_lint_emit(cv_lint_ctx *c, cv_severity sev, int line, int col, const char *rule,
		  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Position of byte `off` of a front-matter value (cv_str line/col point at
 * the value as typed; a quote is skipped). */
void cv_lint_val_pos(const cv_lint_ctx *c, const cv_str *v, size_t off, int *line, int *col);
/* Column of p inside span s. */
int cv_lint_span_col(const cv_lspan *s, const char *p);

/* The rule families, one file each. */
void cv_lint_symbol(cv_lint_ctx *c); /* lint_symbol.c: ký hiệu, agency name */
void cv_lint_sign(cv_lint_ctx *c);   /* lint_sign.c: quyền hạn, titles, name */
void cv_lint_date(cv_lint_ctx *c);   /* lint_date.c: ngày, dates in the body, địa danh */
void cv_lint_parts(cv_lint_ctx *c);  /* lint_parts.c: trích yếu, Kính gửi, Nơi nhận, Lưu, ô 12 */
void cv_lint_body(cv_lint_ctx *c);   /* lint_body.c: structure of the body */
void cv_lint_caps(cv_lint_ctx *c);   /* lint_caps.c: ND30 Phụ lục II capitalisation */
void cv_lint_text(cv_lint_ctx *c);   /* lint_text.c: hygiene, NFC, tone marks, TCVN3/VNI */

/* ---- Vietnamese letters ------------------------------------------------------ */

/* Decode one code point of p[0..end); returns bytes used (≥ 1). */
size_t cv_l_next(const char *p, const char *end, int32_t *cp);
/* Code points in p[0..n). */
int cv_l_width(const char *p, size_t n);
/* 1 = upper-case letter, -1 = lower-case letter, 0 = anything else
 * (Latin letters used by Vietnamese and their neighbours). */
int cv_l_case(int32_t cp);
bool cv_l_is_letter(int32_t cp);
int32_t cv_l_lower(int32_t cp);
/* A Vietnamese vowel letter: its base (0 a, 1 ă, 2 â, 3 e, 4 ê, 5 i, 6 o, 7 ô,
 * 8 ơ, 9 u, 10 ư, 11 y), tone (0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng)
 * and case; false for anything else. */
bool cv_l_vowel(int32_t cp, int *base, int *tone, bool *upper);
/* The precomposed vowel for base/tone/case. */
int32_t cv_l_vowel_cp(int base, int tone, bool upper);
/* Does the word p[0..n) equal `lit` ignoring case (Vietnamese letters)? */
bool cv_l_word_eq(const char *p, size_t n, const char *lit);
/* Length in bytes of the word (letters, digits, combining marks and inner
 * apostrophes) starting at p. */
size_t cv_l_word_len(const char *p, const char *end);
/* Title case: first letter upper, every other letter lower. */
bool cv_l_is_title(const char *p, size_t n);
/* Every letter upper case and at least two letters. */
bool cv_l_is_caps(const char *p, size_t n);
/* First letter lower case. */
bool cv_l_starts_lower(const char *p, size_t n);

/* Tone placement of one syllable ending in oa, oe or uy without a final
 * consonant: 1 new style (hòa, thủy), 2 old style (hoà, thuỷ), 0 other. */
int cv_lint_tone_style(const char *w, size_t n);
/* TCVN3 (ABC) or VNI Windows text that was read as Latin-1, converted
 * back to Unicode (appended to out), for the ND30-TCVN6909 hint. */
void cv_lint_from_tcvn3(const char *p, const char *e, cv_buf *out);
void cv_lint_from_vni(const char *p, const char *e, cv_buf *out);

/* UTF-8 of cp into out (≤ 4 bytes); returns the length. */
size_t cv_l_encode(int32_t cp, char *out);
/* The word p[0..n) with its first letter in lower case, NUL-terminated in
 * out (truncated to outn). */
void cv_l_lower_first(const char *p, size_t n, char *out, size_t outn);

/* Gregorian calendar: is y-m-d a real date? */
bool cv_l_real_date(int y, int m, int d);

#endif
