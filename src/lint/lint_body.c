/*
 * lint_body.c — the structure of the body (spec ND30.md §3.8–3.9, §6):
 * ND30-CV-NOTITLE, ND30-ENDMARK, ND30-NO-SAMPLE-TEXT, ND30-DIEM-LETTERS,
 * ND30-DIEU-FORMAT, ND30-CHUONG-ROMAN and ND30-CANCU-PUNCT.
 *
 * Blocks come from the model (cv_body); positions from the spans of the
 * source lines each block covers.
 */
#include "lint/lint_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

/* First and last span of each block (-1 when the block has no text). */
typedef struct {
	int *first, *last;
} S_index;

static void S_index_build(const cv_lint_ctx *c, S_index *x)
{
	size_t n = c->doc->body.n;
	x->first = cv_xmalloc((n + 1) * sizeof *x->first);
	x->last = cv_xmalloc((n + 1) * sizeof *x->last);
	for (size_t b = 0; b <= n; b++)
		x->first[b] = x->last[b] = -1;
	for (size_t i = 0; i < c->sp.n; i++) {
		const cv_lspan *s = &c->sp.v[i];
		if ((s->flags & CV_LS_FM) || s->block < 0 || (size_t)s->block >= n)
			continue;
		if (x->first[s->block] < 0)
			x->first[s->block] = (int)i;
		x->last[s->block] = (int)i;
	}
}

static bool S_text_block(const cv_block *b)
{
	return b->kind == CV_BLOCK_PARA || b->kind == CV_BLOCK_ITEM || b->kind == CV_BLOCK_HEADING;
}

/* Span s without trailing emphasis markers: the last character typed. */
static const char *S_last_char(const cv_lspan *s)
{
	const char *e = s->p + s->n;
	while (e > s->p && (e[-1] == '*' || e[-1] == '_' || e[-1] == ' '))
		e--;
	if (e == s->p)
		return NULL;
	const char *b = e - 1;
	while (b > s->p && ((unsigned char)*b & 0xC0) == 0x80)
		b--;
	return b;
}

/* Span text after leading emphasis markers. */
static const char *S_text_start(const cv_lspan *s)
{
	const char *p = s->p, *e = s->p + s->n;
	while (p < e && (*p == '*' || *p == '_'))
		p++;
	return p;
}

static void S_notitle(cv_lint_ctx *c, const S_index *x)
{
	const cv_body *b = &c->doc->body;
	if (!c->cong_van || !b->n || x->first[0] < 0)
		return;
	const cv_lspan *s = &c->sp.v[x->first[0]];
	const char *p = S_text_start(s), *e = s->p + s->n;
	while (e > p && (e[-1] == '*' || e[-1] == '_' || e[-1] == ' ' || e[-1] == ':'))
		e--;
	if (cv_l_word_eq(p, (size_t)(e - p), "CÔNG VĂN"))
		cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, p), "ND30-CV-NOTITLE",
			     _("a công văn has no tên loại: remove the 'CÔNG VĂN' heading (the subject is the "
			     "V/v line under the số)"));
}

static void S_endmark(cv_lint_ctx *c, const S_index *x)
{
	const cv_body *b = &c->doc->body;
	for (size_t i = b->n; i-- > 0;) {
		if (!S_text_block(&b->blocks[i]) || x->last[i] < 0)
			continue;
		const cv_lspan *s = &c->sp.v[x->last[i]];
		const char *lc = S_last_char(s);
		if (!lc)
			return;
		const char *st = s->p;
		/* "./.", or "…/." closing an extract (trích sao) */
		bool ok = (lc - st >= 2 && memcmp(lc - 2, "./.", 3) == 0) ||
			  (lc - st >= 4 && memcmp(lc - 4, "…/.", strlen("…/.")) == 0);
		if (!ok)
			cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, lc) + 1, "ND30-ENDMARK",
				     _("the body ends with './.' as in ND30's samples (… để được giải đáp./.)"));
		return;
	}
}

static void S_sample_text(cv_lint_ctx *c)
{
	static const char needle[] = "Chữ ký của người có thẩm quyền";
	for (size_t i = 0; i < c->sp.n; i++) {
		const cv_lspan *s = &c->sp.v[i];
		for (const char *p = s->p; p + sizeof needle - 1 <= s->p + s->n; p++)
			if (memcmp(p, needle, sizeof needle - 1) == 0) {
				cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, p), "ND30-NO-SAMPLE-TEXT",
					     _("'(Chữ ký của người có thẩm quyền, …)' is a note of ND30's sample forms, "
					     "never printed: congvan leaves the space for the signature and seal"));
				return;
			}
	}
}

/* Vietnamese point letters, in order. */
static const char *S_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
				  "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
#define S_NLETTERS ((int)(sizeof S_letters / sizeof S_letters[0]))

/* The point letter at p ("a) …", "đ) …"): its index, -2 for f j w z, -1 none. */
static int S_point(const char *p, const char *e, size_t *len)
{
	int32_t cp;
	size_t l = cv_l_next(p, e, &cp);
	if (p + l >= e || p[l] != ')' || (p + l + 1 < e && p[l + 1] != ' '))
		return -1;
	*len = l;
	if (cp == 'f' || cp == 'j' || cp == 'w' || cp == 'z')
		return -2;
	for (int i = 0; i < S_NLETTERS; i++) {
		int32_t lc;
		cv_l_next(S_letters[i], S_letters[i] + strlen(S_letters[i]), &lc);
		if (lc == cp)
			return i;
	}
	return -1;
}

static void S_structure(cv_lint_ctx *c, const S_index *x)
{
	const cv_body *b = &c->doc->body;
	int prev = -1;
	for (size_t i = 0; i < b->n; i++) {
		const cv_block *blk = &b->blocks[i];
		if (!S_text_block(blk) || x->first[i] < 0) {
			continue;
		}
		const cv_lspan *s = &c->sp.v[x->first[i]];
		if (!(s->flags & CV_LS_START))
			continue;
		const char *p = S_text_start(s), *e = s->p + s->n;
		/* ND30-DIEM-LETTERS */
		size_t pl;
		int pt = blk->kind == CV_BLOCK_HEADING ? -1 : S_point(p, e, &pl);
		if (pt == -2) {
			cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, p), "ND30-DIEM-LETTERS",
				     _("'%.*s)': points use the Vietnamese alphabet, which has no f, j, w or z "
				     "(… d) đ) e) g) h) i) k) …)"),
				     (int)pl, p);
		} else if (pt >= 0) {
			if (pt != 0 && prev >= 0 && pt != prev + 1 && prev + 1 < S_NLETTERS)
				cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, p), "ND30-DIEM-LETTERS",
					     _("after %s) comes %s) in the Vietnamese alphabet"), S_letters[prev],
					     S_letters[prev + 1]);
			prev = pt;
		} else if (blk->kind == CV_BLOCK_HEADING || (s->flags & CV_LS_MARKER) ||
			   (p < e && *p >= '0' && *p <= '9')) {
			prev = -1; /* a new khoản or section: points start again */
		}
		/* ND30-DIEU-FORMAT */
		size_t wl = cv_l_word_len(p, e);
		if (wl && cv_l_word_eq(p, wl, "Điều") && p + wl < e && p[wl] == ' ') {
			const char *q = p + wl + 1;
			const char *d = q;
			while (d < e && *d >= '0' && *d <= '9')
				d++;
			const char *r = q;
			while (r < e && strchr("IVXLC", *r) && *r)
				r++;
			if (d > q && (d == e || *d != '.'))
				cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, d), "ND30-DIEU-FORMAT",
					     _("an article reads 'Điều %.*s.' with a full stop after the number"),
					     (int)(d - q), q);
			else if (d == q && r > q && (r == e || *r == '.' || *r == ' '))
				cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, q), "ND30-DIEU-FORMAT",
					     _("articles are numbered with Arabic numerals: 'Điều 1.', not 'Điều %.*s'"),
					     (int)(r - q), q);
		}
		/* ND30-CHUONG-ROMAN */
		if (wl && (cv_l_word_eq(p, wl, "Chương") || cv_l_word_eq(p, wl, "Phần")) && p + wl < e &&
		    p[wl] == ' ' && p[wl + 1] >= '0' && p[wl + 1] <= '9') {
			cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, p + wl + 1), "ND30-CHUONG-ROMAN",
				     _("%.*s is numbered with Roman numerals (%.*s I, II, III …)"), (int)wl, p, (int)wl, p);
		} else if (wl && cv_l_word_eq(p, wl, "Mục") && p + wl < e && p[wl] == ' ') {
			const char *q = p + wl + 1, *r = q;
			while (r < e && *r && strchr("IVXLC", *r))
				r++;
			if (r > q && (r == e || *r == ' ' || *r == '.'))
				cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, q), "ND30-CHUONG-ROMAN",
					     _("Mục is numbered with Arabic numerals (Mục 1, Mục 2 …)"));
		}
	}
}

/* Does the block's text start with the words `lit`? */
static bool S_starts_with(const cv_lint_ctx *c, const S_index *x, size_t i, const char *lit)
{
	if (x->first[i] < 0)
		return false;
	const cv_lspan *s = &c->sp.v[x->first[i]];
	const char *p = S_text_start(s);
	size_t n = strlen(lit);
	return (size_t)(s->p + s->n - p) >= n && cv_l_word_eq(p, n, lit);
}

static void S_cancu(cv_lint_ctx *c, const S_index *x)
{
	const cv_body *b = &c->doc->body;
	/* the căn cứ block of a quyết định or nghị quyết (mẫu 1.1–1.3); in other
	 * documents "Căn cứ …;" is a sentence of the body */
	if (strcmp(c->abbr, "QĐ") != 0 && strcmp(c->abbr, "NQ") != 0)
		return;
	bool tt01 = c->m->profile.s && strcmp(c->m->profile.s, "tt01") == 0;
	for (size_t i = 0; i < b->n; i++) {
		if (b->blocks[i].kind != CV_BLOCK_PARA || !S_starts_with(c, x, i, "Căn cứ"))
			continue;
		/* the run: căn cứ lines, then an optional "Theo/Xét đề nghị của …" */
		size_t j = i;
		while (j + 1 < b->n && b->blocks[j + 1].kind == CV_BLOCK_PARA && S_starts_with(c, x, j + 1, "Căn cứ"))
			j++;
		if (j + 1 < b->n && b->blocks[j + 1].kind == CV_BLOCK_PARA &&
		    (S_starts_with(c, x, j + 1, "Theo đề nghị") || S_starts_with(c, x, j + 1, "Xét đề nghị")))
			j++;
		for (size_t k = i; k <= j; k++) {
			if (x->last[k] < 0)
				continue;
			const cv_lspan *s = &c->sp.v[x->last[k]];
			const char *lc = S_last_char(s);
			if (!lc)
				continue;
			bool last = k == j;
			bool ok = last ? (*lc == '.' || (tt01 && *lc == ',')) : *lc == ';';
			if (!ok)
				cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, lc), "ND30-CANCU-PUNCT",
					     last ? _("the last line of the căn cứ block ends with '%s'")
						  : _("each căn cứ line ends with '%s'"),
					     last ? (tt01 ? "." : ".") : ";");
		}
		i = j;
	}
}

void cv_lint_body(cv_lint_ctx *c)
{
	S_index x;
	S_index_build(c, &x);
	S_notitle(c, &x);
	S_endmark(c, &x);
	S_sample_text(c);
	S_structure(c, &x);
	S_cancu(c, &x);
	free(x.first);
	free(x.last);
}
