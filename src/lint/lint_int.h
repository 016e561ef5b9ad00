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
#include <string.h>

#include "base/text.h"
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

/* The helpers every rule calls for every letter are inline: the linter
 * runs inside every render (docs/performance.md). */

/* Decode one code point of p[0..end); returns bytes used (≥ 1). */
static inline size_t cv_l_next(const char *p, const char *end, int32_t *cp)
{
	if (p >= end) {
		*cp = 0;
		return 1;
	}
	const unsigned char *u = (const unsigned char *)p;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* two and three bytes (all Vietnamese), well formed: inline; the rest
	 * (and anything malformed) as before */
	if (u[0] >= 0xC2 && u[0] < 0xE0 && end - p >= 2 && (u[1] & 0xC0) == 0x80) {
		*cp = (int32_t)(((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu));
		return 2;
	}
	if (u[0] >= 0xE1 && u[0] < 0xF0 && u[0] != 0xED && end - p >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		*cp = (int32_t)(((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu));
		return 3;
	}
	return cv_utf8_next(p, (size_t)(end - p), cp);
}
/* Code points in p[0..n). */
int cv_l_width(const char *p, size_t n);
/* 1 = upper-case letter, -1 = lower-case letter, 0 = anything else
 * (Latin letters used by Vietnamese and their neighbours). */
static inline int cv_l_case(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? 1 : cp >= 'a' && cp <= 'z' ? -1 : 0;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return 1;
	if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
		return -1;
	if (cp >= 0x100 && cp <= 0x17F) /* Latin Extended-A: Ă ă, Đ đ, Ĩ ĩ, Ũ ũ … in pairs */
		return cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F ? -1
		       : (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E) ? (cp % 2 ? 1 : -1)
										      : (cp % 2 ? -1 : 1);
	if (cp == 0x1A0 || cp == 0x1AF)
		return 1;
	if (cp == 0x1A1 || cp == 0x1B0)
		return -1;
	if (cp >= 0x1E00 && cp <= 0x1EFF) /* Latin Extended Additional: even upper, odd lower */
		return cp % 2 ? -1 : 1;
	return 0;
}
static inline bool cv_l_is_letter(int32_t cp)
{
	return cv_l_case(cp) != 0 || (cp >= 0x300 && cp <= 0x36F);
}
static inline int32_t cv_l_lower(int32_t cp)
{
	if (cv_l_case(cp) != 1)
		return cp;
	if (cp < 0x80 || (cp >= 0xC0 && cp <= 0xDE))
		return cp + 32;
	return cp + 1; /* Ơ Ư, and the Latin Extended-A/Additional pairs */
}
/* A Vietnamese vowel letter: its base (0 a, 1 ă, 2 â, 3 e, 4 ê, 5 i, 6 o, 7 ô,
 * 8 ơ, 9 u, 10 ư, 11 y), tone (0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng)
 * and case; false for anything else. */
bool cv_l_vowel(int32_t cp, int *base, int *tone, bool *upper);
/* The precomposed vowel for base/tone/case. */
int32_t cv_l_vowel_cp(int base, int tone, bool upper);
/* Does the word p[0..n) equal `lit` ignoring case (Vietnamese letters)?
 * (A macro so that the length of a literal is known when compiling.) */
bool cv_l_word_eqn(const char *p, size_t n, const char *lit, size_t lit_len);
#define cv_l_word_eq(p, n, lit) cv_l_word_eqn((p), (n), (lit), strlen(lit))
/* Length in bytes of the word (letters, digits, combining marks and inner
 * apostrophes) starting at p. */
size_t cv_l_word_len(const char *p, const char *end);
/* Title case: first letter upper, every other letter lower. */
bool cv_l_is_title(const char *p, size_t n);
/* Every letter upper case and at least two letters. */
bool cv_l_is_caps(const char *p, size_t n);
/* First letter lower case. */
bool cv_l_starts_lower(const char *p, size_t n);
/* The run of letters that ends at q (no further back than p): its start,
 * and whether none of them is upper case.  Returns how many letters; the
 * full-stop rules ask "is the word before this '.' a lower-case word?". */
int cv_l_letters_before(const char *p, const char *q, const char *end, const char **start, bool *lower);

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
