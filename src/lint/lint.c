/*
 * lint.c — the linter's driver (see lint.h): the rule table, one run over
 * the rule families, the source scanner that gives every rule exact
 * positions, and the helpers for Vietnamese letters that the families share.
 */
#include "lint/lint_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/hash.h"
#include "base/i18n.h"
#include "base/text.h"

/* ---- the rule table --------------------------------------------------------- */

/* Every id `congvan check` can print, by family.  "read" rules are checked
 * while the file is read (src/read/, render.c); they are listed so that
 * --list-rules is complete.  docs/lint.md explains each with examples. */
static const cv_lint_rule S_rules[] = {
	/* text and encoding (lint_text.c) */
	{"ND30-UTF8-NFC", "error/warning",
	 N_("text is valid UTF-8 (error, when reading) in Unicode NFC (warning: congvan prints it normalised; --fix rewrites the file)"), "read+lint"},
	{"ND30-TCVN6909", "error",
	 N_("text is Vietnamese Unicode (TCVN 6909:2001), not TCVN3 (ABC) or VNI text shown as Latin-1 (\"Céng hßa\", \"Coäng hoøa\")"), "lint"},
	{"CV-DOUBLE-SPACE", "warning", N_("no runs of spaces inside a line of the body (--fix collapses them)"), "lint"},
	{"CV-SPACE-BEFORE", "warning", N_("no space before , . ; : (--fix removes it)"), "lint"},
	{"CV-SPACE-AFTER", "warning", N_("a space after , ; : and after a full stop that ends a sentence"), "lint"},
	{"CV-QUOTES", "warning", N_("one style of double quotes: straight \"…\" or curly “…”, not both"), "lint"},
	{"CV-TONE-MARKS", "warning", N_("one tone-mark placement throughout: new (hòa, thủy, khỏe) or old (hoà, thuỷ, khoẻ)"), "lint"},
	/* ký hiệu (lint_symbol.c) */
	{"ND30-NUM-FORMAT", "error", N_("the ký hiệu is groups of letters and digits joined by '-', no spaces, no empty group"), "read+lint"},
	{"ND30-NUM-NOYEAR", "warning", N_("an administrative document's number has no /YYYY/ year part (that is for legal normative documents)"), "lint"},
	{"ND30-SYMBOL-TYPE", "error", N_("a typed document's ký hiệu is its type code (ND30 Phụ lục III, added by congvan) then the issuer: not another type's code, not the code alone"), "lint"},
	{"ND30-SYMBOL-CV", "error", N_("a công văn's ký hiệu has no type code (no CV-, QĐ-, …) and has at least the issuer and the unit (BHXH-TĐKT)"), "lint"},
	{"ND30-SYMBOL-UPPER", "warning", N_("the groups of the ký hiệu other than the type code are upper case"), "lint"},
	{"ND30-AGENCY-FULL", "warning", N_("the issuing agency (co_quan) is its full name, without abbreviations such as UBND, HĐND"), "lint"},
	/* signature (lint_sign.c) */
	{"ND30-SIGN-PREFIX", "error", N_("quyền hạn is KT, TM, TL, TUQ or Q, and all but Q name the head or collective (chuc_vu_cap_tren)"), "read"},
	{"ND30-SIGN-KT-SECOND", "error", N_("KT. and Q. give the signer's own title (chuc_vu)"), "read"},
	{"ND30-SIGN-KT-DEPUTY", "warning", N_("KT.: a deputy (Phó …, Thứ trưởng) signs for the head; a deputy signing in his own name uses KT."), "lint"},
	{"ND30-SIGN-FORM", "warning", N_("TM. signs for a collective (Ủy ban nhân dân, Hội đồng …); TL./TUQ. for the head's personal title; Q. has no chuc_vu_cap_tren"), "lint"},
	{"ND30-SIGN-UPPER", "error", N_("the signer's name is not written in upper case (ND30 prints it in normal capitalisation)"), "lint"},
	{"ND30-SIGN-NAME", "warning", N_("every syllable of the signer's name starts with a capital letter (Nguyễn Văn A)"), "lint"},
	{"ND30-SIGN-NOTITLE", "warning", N_("no học hàm, học vị or honorific before the name (TS., ThS., PGS., GS., Ông, Bà …)"), "lint"},
	/* dates and place (lint_date.c) */
	{"ND30-DATE-VALID", "error", N_("a date (ngay, dong_ngay, a date in the body) is a real calendar date"), "read+lint"},
	{"ND30-DATE-ZERO", "warning", N_("in 'ngày … tháng … năm …': day 1–9 as 01–09, January/February as 01/02, months 3–12 without a zero (dong_ngay: while rendering)"), "read+lint"},
	{"ND30-DATE-FORMAT", "warning", N_("dong_ngay reads '<Place>, ngày DD tháng M năm YYYY' with a comma after the place"), "lint"},
	{"CV-DATE-FUTURE", "warning", N_("the document date is not after today, unless the file is a draft (du_thao)"), "lint"},
	{"ND30-PLACE-CAPS", "error", N_("every syllable of the place name (dia_danh) starts with a capital letter (Thành phố … excepted)"), "lint"},
	{"ND30-PLACE-KNOWN", "warning", N_("dia_danh is not a province merged away on 01/07/2025, for a document dated from then on"), "lint"},
	/* parts (lint_parts.c) */
	{"ND30-TRICHYEU-CASE", "warning", N_("a công văn's subject after V/v starts with a lower-case word; a typed document's trích yếu starts with a capital"), "lint"},
	{"ND30-VV-PREFIX", "warning", N_("the công văn subject reads V/v once: not 'V/v về việc …' (congvan prints the V/v)"), "lint"},
	{"ND30-TRICHYEU-PRESENT", "warning", N_("a typed document (other than giấy giới thiệu, giấy nghỉ phép) has a trích yếu"), "lint"},
	{"ND30-KG-REQUIRED", "error", N_("a công văn has a Kính gửi (kinh_gui)"), "lint"},
	{"ND30-NHU-TREN", "error/warning", N_("'Như trên' only with a Kính gửi (error), and first in noi_nhan when there is one (warning)"), "lint"},
	{"ND30-NOINHAN-LUU", "error/warning", N_("noi_nhan has no Lưu line of its own (error: congvan adds it from luu); luu names the drafting unit, e.g. TĐKT (2)"), "lint"},
	{"ND30-DRAFTER-CODE", "warning", N_("ô 12: nguoi_soan (initials) and so_ban (copies) are given together"), "lint"},
	/* body (lint_body.c) */
	{"ND30-CV-NOTITLE", "error", N_("a công văn has no tên loại line (no CÔNG VĂN heading)"), "lint"},
	{"ND30-ENDMARK", "warning", N_("the last paragraph of the body ends with ./. as in ND30's samples"), "lint"},
	{"ND30-NO-SAMPLE-TEXT", "error", N_("the sample placeholder '(Chữ ký của người có thẩm quyền, …)' is not part of a document"), "lint"},
	{"ND30-DIEM-LETTERS", "error", N_("points use a) b) c) d) đ) e) g) … in Vietnamese order, never f) j) w) z)"), "lint"},
	{"ND30-DIEU-FORMAT", "error", N_("an article reads 'Điều <n>.': Arabic number and a full stop"), "lint"},
	{"ND30-CHUONG-ROMAN", "error", N_("Phần and Chương are numbered with Roman numerals, Mục with Arabic ones"), "lint"},
	{"ND30-CANCU-PUNCT", "error", N_("in a quyết định or nghị quyết, each căn cứ paragraph ends with ';' and the last of the block with '.' (tt01: ',')"), "lint"},
	/* capitalisation (lint_caps.c) */
	{"ND30-CAPS-AGENCY", "warning", N_("agency names capitalise the first syllable of each part only: Ủy ban nhân dân, not Ủy Ban Nhân Dân"), "lint"},
	{"ND30-CAPS-PLACE", "warning", N_("Quận 1, Phường 5 (named by a number), Thành phố Hồ Chí Minh and Thủ đô Hà Nội are capitalised"), "lint"},
	{"ND30-CAPS-DOCREF", "warning", N_("Nghị định số …, Quyết định số …, Điều 5 are capitalised; khoản and điểm are not"), "lint"},
	{"ND30-CAPS-SENTENCE", "warning", N_("a paragraph, a sentence and a Kính gửi/Nơi nhận item start with a capital letter"), "lint"},
	/* read-time value checks */
	{"ND30-URGENCY-VALUES", "error", N_("do_khan is KHẨN, THƯỢNG KHẨN or HỎA TỐC"), "read"},
	{"ND30-SECRET-VALUES", "error", N_("do_mat is MẬT, TỐI MẬT or TUYỆT MẬT"), "read"},
	{"ND30-BODY-SPACING", "error", N_("gian_dong is a line spacing from 1.0 to 1.5"), "read"},
};

const cv_lint_rule *cv_lint_rules(size_t *n)
{
	*n = sizeof S_rules / sizeof S_rules[0];
	return S_rules;
}

/* ---- type abbreviations (ND30 Phụ lục III, spec §4) ------------------------- */

/* Fallback for types whose type.yaml has no `abbreviation`, by type name. */
static const struct {
	const char *loai, *abbr;
} S_abbr[] = {
	{"nghi-quyet", "NQ"},      {"quyet-dinh", "QĐ"},     {"chi-thi", "CT"},
	{"quy-che", "QC"},         {"quy-dinh", "QyĐ"},      {"thong-cao", "TC"},
	{"thong-bao", "TB"},       {"huong-dan", "HD"},      {"chuong-trinh", "CTr"},
	{"ke-hoach", "KH"},        {"phuong-an", "PA"},      {"de-an", "ĐA"},
	{"du-an", "DA"},           {"bao-cao", "BC"},        {"bien-ban", "BB"},
	{"to-trinh", "TTr"},       {"hop-dong", "HĐ"},       {"cong-dien", "CĐ"},
	{"ban-ghi-nho", "BGN"},    {"ban-thoa-thuan", "BTT"}, {"giay-uy-quyen", "GUQ"},
	{"giay-moi", "GM"},        {"giay-gioi-thieu", "GGT"}, {"giay-nghi-phep", "GNP"},
	{"phieu-gui", "PG"},       {"phieu-chuyen", "PC"},   {"phieu-bao", "PB"},
};

const char *cv_lint_abbreviation(const cv_type *type)
{
	if (!type)
		return "";
	if (type->abbreviation && *type->abbreviation)
		return type->abbreviation;
	for (size_t i = 0; type->name && i < sizeof S_abbr / sizeof S_abbr[0]; i++)
		if (strcmp(type->name, S_abbr[i].loai) == 0)
			return S_abbr[i].abbr;
	return "";
}

/* ---- today -------------------------------------------------------------------- */

long cv_lint_today(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	t += 7 * 3600; /* dispatches are dated in Vietnam time (UTC+7) */
	struct tm tm;
	gmtime_r(&t, &tm);
	return (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* ---- emitting ------------------------------------------------------------------ */

void cv_lint_emit(cv_lint_ctx *c, cv_severity sev, int line, int col, const char *rule,
		  const char *fmt, ...)
{
	int i;
	for (i = 0; i < c->nrules && c->per_rule[i].rule != rule; i++)
		;
	if (i == c->nrules && i < (int)(sizeof c->per_rule / sizeof c->per_rule[0])) {
		c->per_rule[i].rule = rule;
		c->per_rule[i].shown = c->per_rule[i].hidden = 0;
		c->nrules++;
	}
	if (i < c->nrules && c->per_rule[i].shown >= CV_LINT_MAX_PER_RULE) {
		c->per_rule[i].hidden++;
		return;
	}
	if (i < c->nrules)
		c->per_rule[i].shown++;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cv_diag_at(c->d, sev, line, col, rule, "%s", msg);
	if (sev == CV_ERROR)
		c->errors++;
}

int cv_lint_span_col(const cv_lspan *s, const char *p)
{
	return s->col + cv_l_width(s->p, (size_t)(p - s->p));
}

void cv_lint_val_pos(const cv_lint_ctx *c, const cv_str *v, size_t off, int *line, int *col)
{
	*line = v->line;
	*col = v->col;
	if (v->line <= 0)
		return;
	/* find the value on its source line: col counts code points */
	const char *p = c->doc->src, *end = p + c->doc->src_len;
	for (int l = 1; l < v->line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	int32_t cp;
	for (int k = 1; k < v->col && p < end && *p != '\n'; k++)
		p += cv_l_next(p, end, &cp);
	if (p < end && (*p == '"' || *p == '\'')) {
		(*col)++;
		p++;
	}
	if (p < end && *p == '/' && v->s[0] != '/')
		(*col)++; /* "/BHXH-TĐKT": the reader drops the slash congvan prints itself */
	*col += cv_l_width(v->s, off);
}

/* ---- the run --------------------------------------------------------------------- */

typedef struct {
	cv_diag e;
	size_t i;
} S_sorted;

static int S_by_pos(const void *a, const void *b)
{
	const S_sorted *x = a, *y = b;
	if (x->e.line != y->e.line)
		return x->e.line < y->e.line ? -1 : 1;
	if (x->e.col != y->e.col)
		return x->e.col < y->e.col ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* ---- the memo ------------------------------------------------------------------ */

/* What a family emitted: the diagnostics in order, and its rules' counters. */
typedef struct {
	struct {
		cv_severity sev;
		int line, col;
		const char *rule;
		char *msg;
	} *e;
	size_t n;
	struct {
		const char *rule;
		int shown, hidden;
	} per_rule[64];
	int nrules, errors;
} S_taken;

struct cv_lint_memo {
	bool valid;
	char *src;          /* the text the rest was computed from (a copy) */
	size_t len;
	int body_line;
	uint64_t body; /* S_body_print of its body */
	cv_lspan *sp;       /* its spans, with p as an offset into src */
	size_t nsp;
	S_taken text, caps; /* what lint_text and lint_caps emitted */
};

cv_lint_memo *cv_lint_memo_new(void)
{
	return cv_xcalloc(1, sizeof(cv_lint_memo));
}

static void S_taken_free(S_taken *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->e[i].msg);
	free(t->e);
	memset(t, 0, sizeof *t);
}

static void S_memo_clear(cv_lint_memo *m)
{
	free(m->src);
	free(m->sp);
	S_taken_free(&m->text);
	S_taken_free(&m->caps);
	memset(m, 0, sizeof *m);
}

void cv_lint_memo_free(cv_lint_memo *m)
{
	if (!m)
		return;
	S_memo_clear(m);
	free(m);
}

/* What cv_lint_spans reads of the body: each block's kind and line, a
 * table's rows, a code block's line breaks. */
static uint64_t S_body_print(const cv_body *b)
{
	uint64_t h = CV_HASH_SEED;
#define S_MIX(x) (h = cv_hash_value(h, (uint64_t)(x)))
	S_MIX(b->n);
	for (size_t i = 0; i < b->n; i++) {
		const cv_block *blk = &b->blocks[i];
		S_MIX(blk->kind);
		S_MIX((unsigned)blk->line);
		S_MIX(blk->kind == CV_BLOCK_TABLE && blk->table ? blk->table->nrows + 1 : 0);
		if (blk->kind == CV_BLOCK_CODE)
			for (size_t k = 0; k < blk->in.n; k++)
				S_MIX(blk->in.runs[k].text == NULL);
	}
#undef S_MIX
	return h;
}

static bool S_memo_hit(const cv_lint_memo *m, const cv_doc *doc, uint64_t body)
{
	return m->valid && m->len == doc->src_len && m->body_line == doc->body_line && m->body == body &&
	       (m->len == 0 || !memcmp(m->src, doc->src, m->len));
}

/* Keep what one family emitted: entries d->items[n0..], the per-rule
 * counters from index k0 on (the family's own rules: no two families
 * share a rule id), and the errors it counted. */
static void S_take(S_taken *t, const cv_lint_ctx *c, size_t n0, int k0, int errors0)
{
	t->n = c->d->n - n0;
	t->e = t->n ? cv_xcalloc(t->n, sizeof *t->e) : NULL;
	for (size_t i = 0; i < t->n; i++) {
		const cv_diag *e = &c->d->items[n0 + i];
		t->e[i].sev = e->sev;
		t->e[i].line = e->line;
		t->e[i].col = e->col;
		t->e[i].rule = e->rule;
		t->e[i].msg = cv_xstrdup(e->msg ? e->msg : "");
	}
	t->nrules = 0;
	for (int k = k0; k < c->nrules; k++) {
		t->per_rule[t->nrules].rule = c->per_rule[k].rule;
		t->per_rule[t->nrules].shown = c->per_rule[k].shown;
		t->per_rule[t->nrules++].hidden = c->per_rule[k].hidden;
	}
	t->errors = c->errors - errors0;
}

/* Emit again what a family emitted for the same text. */
static void S_replay(cv_lint_ctx *c, const S_taken *t)
{
	for (size_t i = 0; i < t->n; i++)
		cv_diag_at(c->d, t->e[i].sev, t->e[i].line, t->e[i].col, t->e[i].rule, "%s", t->e[i].msg);
	for (int k = 0; k < t->nrules && c->nrules < (int)(sizeof c->per_rule / sizeof c->per_rule[0]); k++) {
		c->per_rule[c->nrules].rule = t->per_rule[k].rule;
		c->per_rule[c->nrules].shown = t->per_rule[k].shown;
		c->per_rule[c->nrules++].hidden = t->per_rule[k].hidden;
	}
	c->errors += t->errors;
}

/* ---- the run --------------------------------------------------------------------- */

int cv_lint(const cv_doc *doc, const cv_type *type, long today, cv_diags *d)
{
	return cv_lint_memo_run(doc, type, today, NULL, d);
}

int cv_lint_memo_run(const cv_doc *doc, const cv_type *type, long today, cv_lint_memo *m, cv_diags *d)
{
	cv_lint_ctx c;
	memset(&c, 0, sizeof c);
	c.doc = doc;
	c.m = &doc->meta;
	c.type = type;
	c.abbr = cv_lint_abbreviation(type);
	c.cong_van = *c.abbr == '\0';
	c.today = today ? today : cv_lint_today();
	c.d = d;
	size_t n0 = d->n;
	uint64_t body = m ? S_body_print(&doc->body) : 0;
	bool hit = m && S_memo_hit(m, doc, body);
	if (hit) {
		c.sp.n = c.sp.cap = m->nsp;
		c.sp.v = m->nsp ? cv_xmalloc(m->nsp * sizeof *c.sp.v) : NULL;
		for (size_t i = 0; i < m->nsp; i++) {
			c.sp.v[i] = m->sp[i];
			c.sp.v[i].p = doc->src + (size_t)(uintptr_t)m->sp[i].p;
		}
		S_replay(&c, &m->text);
	} else {
		cv_lint_spans(doc->src, doc->src_len, doc->body_line, &doc->body, &c.sp);
		size_t t0 = d->n;
		cv_lint_text(&c);
		if (m) {
			S_memo_clear(m);
			S_take(&m->text, &c, t0, 0, 0);
		}
	}
	cv_lint_symbol(&c);
	cv_lint_date(&c);
	cv_lint_parts(&c);
	cv_lint_sign(&c);
	cv_lint_body(&c);
	if (hit) {
		S_replay(&c, &m->caps);
	} else {
		size_t t0 = d->n;
		int k0 = c.nrules, e0 = c.errors;
		cv_lint_caps(&c);
		if (m) {
			S_take(&m->caps, &c, t0, k0, e0);
			m->src = cv_xmalloc(doc->src_len + 1);
			if (doc->src_len)
				memcpy(m->src, doc->src, doc->src_len);
			m->len = doc->src_len;
			m->body_line = doc->body_line;
			m->body = body;
			m->nsp = c.sp.n;
			m->sp = c.sp.n ? cv_xmalloc(c.sp.n * sizeof *m->sp) : NULL;
			for (size_t i = 0; i < c.sp.n; i++) {
				m->sp[i] = c.sp.v[i];
				m->sp[i].p = (const char *)(uintptr_t)(size_t)(c.sp.v[i].p - doc->src);
			}
			m->valid = true;
		}
	}
	for (int i = 0; i < c.nrules; i++)
		if (c.per_rule[i].hidden)
			cv_diag_at(d, CV_WARNING, 0, 0, c.per_rule[i].rule,
				   _("%d more like this not shown"), c.per_rule[i].hidden);
	free(c.sp.v);

	/* in input order, like the reader's diagnostics */
	size_t n = d->n - n0;
	if (n > 1) {
		S_sorted *s = cv_xmalloc(n * sizeof *s);
		for (size_t i = 0; i < n; i++) {
			s[i].e = d->items[n0 + i];
			s[i].i = i;
			if (s[i].e.line == 0)
				s[i].e.line = 1 << 30; /* summaries last */
		}
		qsort(s, n, sizeof *s, S_by_pos);
		for (size_t i = 0; i < n; i++) {
			if (s[i].e.line == 1 << 30)
				s[i].e.line = 0;
			d->items[n0 + i] = s[i].e;
		}
		free(s);
	}
	return c.errors;
}

/* ---- the source scanner ------------------------------------------------------ */

static void S_push(cv_lspans *o, const char *p, size_t n, int line, int col, const char *key,
		   int block, unsigned flags)
{
	if (n == 0)
		return;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->v = cv_xrealloc(o->v, o->cap * sizeof *o->v);
	}
	cv_lspan *s = &o->v[o->n++];
	memset(s, 0, sizeof *s);
	s->p = p;
	s->n = n;
	s->line = line;
	s->col = col;
	snprintf(s->key, sizeof s->key, "%s", key ? key : "");
	s->block = block;
	s->flags = flags;
}

/* Trailing spaces/tabs of p[0..n) removed. */
static size_t S_rtrim(const char *p, size_t n)
{
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return n;
}

/* A YAML key at p: `name:` followed by a space or the end; returns the
 * length of the name and sets *val to the text after ": ". */
static size_t S_yaml_key(const char *p, const char *e, const char **val)
{
	const char *q = p;
	if (q >= e || !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_'))
		return 0;
	while (q < e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
			 *q == '_'))
		q++;
	size_t n = (size_t)(q - p);
	while (q < e && *q == ' ')
		q++;
	if (q >= e || *q != ':' || (q + 1 < e && q[1] != ' ' && q[1] != '\t'))
		return 0;
	q++;
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	*val = q;
	return n;
}

/* The value text of a front-matter line (after key or dash): quotes and a
 * trailing comment removed.  Sets *flow when it opens a flow collection. */
static void S_fm_value(cv_lspans *o, const char *ls, const char *v, const char *e, int line,
		       const char *key, int *flow_depth)
{
	int col = 1 + cv_l_width(ls, (size_t)(v - ls));
	if (v >= e)
		return;
	if (*flow_depth > 0 || *v == '[' || *v == '{') {
		/* flow collection: scan for the end, quotes and comment */
		const char *q = v;
		char quote = 0;
		for (; q < e; q++) {
			if (quote) {
				if (*q == quote)
					quote = 0;
				continue;
			}
			if (*q == '"' || *q == '\'')
				quote = *q;
			else if (*q == '[' || *q == '{')
				(*flow_depth)++;
			else if (*q == ']' || *q == '}')
				(*flow_depth)--;
			else if (*q == '#' && q > v && (q[-1] == ' ' || q[-1] == '\t'))
				break;
		}
		if (*flow_depth < 0)
			*flow_depth = 0;
		S_push(o, v, S_rtrim(v, (size_t)(q - v)), line, col, key, -1, CV_LS_FM | CV_LS_FLOW | CV_LS_START);
		return;
	}
	if (*v == '"' || *v == '\'') {
		char quote = *v;
		const char *q = v + 1;
		while (q < e) {
			if (quote == '"' && *q == '\\' && q + 1 < e) {
				q += 2;
				continue;
			}
			if (*q == quote) {
				if (quote == '\'' && q + 1 < e && q[1] == '\'') {
					q += 2;
					continue;
				}
				break;
			}
			q++;
		}
		S_push(o, v + 1, (size_t)(q - v - 1), line, col + 1, key, -1, CV_LS_FM | CV_LS_START);
		return;
	}
	const char *q = v;
	while (q < e && !(*q == '#' && q > v && (q[-1] == ' ' || q[-1] == '\t')))
		q++;
	S_push(o, v, S_rtrim(v, (size_t)(q - v)), line, col, key, -1, CV_LS_FM | CV_LS_START);
}

/* Lines of the body that are code (not text) and that are table rows, and
 * the block of each line, from the model. */
typedef struct {
	unsigned char *kind; /* per line: 0 text, 1 code, 2 table row, 3 table delimiter */
	int *block;
	int nlines;
} S_lines;

static const char *S_line_at(const char *src, const char *end, int line)
{
	const char *p = src;
	for (int l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	return p;
}

static int S_fence_len(const char *p, const char *e, char *ch)
{
	int ind = 0;
	while (p < e && *p == ' ' && ind < 4) {
		p++;
		ind++;
	}
	if (ind > 3 || p >= e || (*p != '`' && *p != '~'))
		return 0;
	int n = 0;
	while (p + n < e && p[n] == *p)
		n++;
	if (n < 3)
		return 0;
	*ch = *p;
	return n;
}

static void S_mark_lines(const char *src, size_t len, const cv_body *body, S_lines *L)
{
	const char *end = src + len;
	int nlines = 1;
	for (const char *p = src; p < end; p++)
		nlines += *p == '\n';
	L->nlines = nlines;
	L->kind = cv_xcalloc((size_t)nlines + 2, 1);
	L->block = cv_xmalloc(((size_t)nlines + 2) * sizeof *L->block);
	for (int i = 0; i <= nlines + 1; i++)
		L->block[i] = -1;
	if (!body)
		return;
	for (size_t b = 0; b < body->n; b++) {
		const cv_block *blk = &body->blocks[b];
		if (blk->line < 1 || blk->line > nlines)
			continue;
		if (blk->kind == CV_BLOCK_TABLE && blk->table) {
			for (size_t r = 0; r <= blk->table->nrows && blk->line + (int)r <= nlines; r++)
				L->kind[blk->line + (int)r] = r == 1 ? 3 : 2;
		} else if (blk->kind == CV_BLOCK_CODE) {
			const char *p = S_line_at(src, end, blk->line);
			const char *e = memchr(p, '\n', (size_t)(end - p));
			char ch;
			int fl = S_fence_len(p, e ? e : end, &ch);
			int lines = 1;
			for (size_t i = 0; i < blk->in.n; i++)
				lines += blk->in.runs[i].text == NULL;
			if (fl) {
				/* to the closing fence */
				int l = blk->line + 1;
				const char *q = e ? e + 1 : end;
				while (q < end) {
					const char *qe = memchr(q, '\n', (size_t)(end - q));
					char ch2;
					int fl2 = S_fence_len(q, qe ? qe : end, &ch2);
					L->kind[l] = 1;
					if (fl2 >= fl && ch2 == ch)
						break;
					l++;
					q = qe ? qe + 1 : end;
				}
				L->kind[blk->line] = 1;
			} else {
				for (int l = blk->line; l < blk->line + lines && l <= nlines; l++)
					L->kind[l] = 1;
			}
		}
	}
	/* each line belongs to the last block starting at or before it */
	int cur = -1;
	size_t b = 0;
	for (int l = 1; l <= nlines; l++) {
		while (b < body->n && body->blocks[b].line <= l) {
			cur = (int)b;
			b++;
		}
		L->block[l] = cur;
	}
}

/* Body line: block markers skipped; returns the text start and flags. */
static const char *S_skip_markers(const char *p, const char *e, unsigned *flags)
{
	for (;;) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && *p == '>') {
			p++;
			continue;
		}
		break;
	}
	if (p < e && *p == '#') {
		const char *q = p;
		while (q < e && *q == '#')
			q++;
		if (q - p <= 6 && (q == e || *q == ' ' || *q == '\t')) {
			*flags |= CV_LS_HEADING;
			p = q;
			while (p < e && (*p == ' ' || *p == '\t'))
				p++;
			return p;
		}
	}
	if (p + 1 < e && (*p == '-' || *p == '+' || *p == '*') && (p[1] == ' ' || p[1] == '\t')) {
		*flags |= CV_LS_MARKER;
		p += 2;
	} else {
		const char *q = p;
		while (q < e && *q >= '0' && *q <= '9' && q - p < 9)
			q++;
		if (q > p && q + 1 < e && (*q == '.' || *q == ')') && (q[1] == ' ' || q[1] == '\t')) {
			*flags |= CV_LS_MARKER;
			p = q + 2;
		}
	}
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* A thematic break or setext underline: only - * _ = and spaces. */
static bool S_rule_line(const char *p, const char *e)
{
	int n = 0;
	for (; p < e; p++) {
		if (*p == '-' || *p == '*' || *p == '_' || *p == '=')
			n++;
		else if (*p != ' ' && *p != '\t')
			return false;
	}
	return n >= 3;
}

/* Body text p[0..e) split around code spans. */
static void S_body_text(cv_lspans *o, const char *ls, const char *p, const char *e, int line,
			int block, unsigned flags)
{
	const char *start = p;
	const char *q = p;
	while (q < e) {
		if (*q == '\\' && q + 1 < e) {
			q += 2;
			continue;
		}
		if (*q != '`') {
			q++;
			continue;
		}
		size_t run = 0;
		while (q + run < e && q[run] == '`')
			run++;
		/* the matching closing run of the same length on this line */
		const char *r = q + run, *close = NULL;
		while (r < e) {
			if (*r == '`') {
				size_t k = 0;
				while (r + k < e && r[k] == '`')
					k++;
				if (k == run) {
					close = r;
					break;
				}
				r += k;
			} else {
				r++;
			}
		}
		if (!close) {
			q += run;
			continue;
		}
		S_push(o, start, (size_t)(q - start), line, 1 + cv_l_width(ls, (size_t)(start - ls)), "", block, flags);
		flags &= ~(unsigned)CV_LS_START;
		start = q = close + run;
	}
	S_push(o, start, (size_t)(e - start), line, 1 + cv_l_width(ls, (size_t)(start - ls)), "", block, flags);
}

void cv_lint_spans(const char *src, size_t len, int body_line, const cv_body *body, cv_lspans *o)
{
	const char *end = src + len;
	S_lines L;
	S_mark_lines(src, len, body, &L);
	char top[40] = "", path[40] = "";
	int flow_depth = 0, block_indent = -1, fence = 0;
	char fence_ch = 0;
	int line = 1;
	for (const char *p = src; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *next = nl ? nl + 1 : end;
		if (e > p && e[-1] == '\r')
			e--;
		const char *ls = p;
		if (line == 1 && e - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		bool in_fm = body_line > 0 && line > 1 && line < body_line - 1;
		if (body_line > 0 && line < body_line && !in_fm) {
			p = next;
			continue; /* the --- lines */
		}
		if (in_fm) {
			int indent = 0;
			while (p + indent < e && p[indent] == ' ')
				indent++;
			const char *r = p + indent;
			if (block_indent >= 0) {
				if (r == e) {
					p = next;
					continue;
				}
				if (indent > block_indent) {
					S_push(o, r, S_rtrim(r, (size_t)(e - r)), line, 1 + cv_l_width(ls, (size_t)(r - ls)),
					       path, -1, CV_LS_FM);
					p = next;
					continue;
				}
				block_indent = -1;
			}
			if (flow_depth > 0) {
				S_fm_value(o, ls, r, e, line, path, &flow_depth);
				p = next;
				continue;
			}
			if (r == e || *r == '#') {
				p = next;
				continue;
			}
			const char *v = r;
			if (*r == '-' && (r + 1 == e || r[1] == ' ')) {
				v = r + 1;
				while (v < e && *v == ' ')
					v++;
			} else {
				const char *val;
				size_t kn = S_yaml_key(r, e, &val);
				if (kn) {
					char key[40];
					snprintf(key, sizeof key, "%.*s", (int)kn, r);
					if (indent == 0) {
						snprintf(top, sizeof top, "%s", key);
						snprintf(path, sizeof path, "%s", key);
					} else {
						/* "ky.ho_ten"; keys longer than the buffer are not ours anyway */
						size_t tl = strlen(top), kl = strlen(key);
						if (tl + 1 + kl < sizeof path) {
							memcpy(path, top, tl);
							path[tl] = '.';
							memcpy(path + tl + 1, key, kl + 1);
						} else {
							path[0] = '\0';
						}
					}
					v = val;
				}
			}
			if (v < e && (*v == '|' || *v == '>')) {
				block_indent = indent;
				p = next;
				continue;
			}
			S_fm_value(o, ls, v, e, line, path, &flow_depth);
			p = next;
			continue;
		}
		/* the body */
		char ch;
		int fl = S_fence_len(p, e, &ch);
		if (fence) {
			if (fl >= fence && ch == fence_ch)
				fence = 0;
			p = next;
			continue;
		}
		if (fl) {
			fence = fl;
			fence_ch = ch;
			p = next;
			continue;
		}
		int kind = line <= L.nlines ? L.kind[line] : 0;
		int block = line <= L.nlines ? L.block[line] : -1;
		if (kind == 1 || kind == 3) {
			p = next;
			continue;
		}
		bool first = body && block >= 0 && body->blocks[block].line == line;
		if (!body) {
			/* no model: a line starting with '|' is a table row (GFM) */
			const char *q = p;
			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			if (q < e && *q == '|') {
				kind = 2;
				for (const char *r = q; r < e && kind == 2; r++)
					if (!strchr("|-: \t", *r))
						kind = 0;
				kind = kind == 2 ? 3 : 2; /* only | - : : the delimiter row */
				if (kind == 3) {
					p = next;
					continue;
				}
			}
		}
		if (kind == 2) {
			/* a table row: one span per cell, without its padding */
			const char *q = p;
			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			if (q < e && *q == '|')
				q++;
			while (q < e) {
				const char *c0 = q;
				while (q < e && !(*q == '|' && q[-1] != '\\'))
					q++;
				const char *c1 = q;
				while (c0 < c1 && (*c0 == ' ' || *c0 == '\t'))
					c0++;
				c1 = c0 + S_rtrim(c0, (size_t)(c1 - c0));
				S_body_text(o, ls, c0, c1, line, block, CV_LS_TABLE);
				if (q < e)
					q++;
			}
			p = next;
			continue;
		}
		const char *t = p;
		while (t < e && (*t == ' ' || *t == '\t'))
			t++;
		if (t == e || S_rule_line(t, e)) {
			p = next;
			continue;
		}
		unsigned flags = first ? CV_LS_START : 0;
		if (first || !body)
			t = S_skip_markers(p, e, &flags);
		else
			while (t < e && *t == '>')
				t = S_skip_markers(t, e, &flags);
		if (body && block >= 0 && body->blocks[block].kind == CV_BLOCK_HEADING)
			flags |= CV_LS_HEADING;
		size_t n = S_rtrim(t, (size_t)(e - t));
		if (n && t[n - 1] == '\\')
			n--; /* a hard line break */
		S_body_text(o, ls, t, t + n, line, block, flags);
		p = next;
	}
	free(L.kind);
	free(L.block);
}

/* ---- Vietnamese letters ---------------------------------------------------------- */

int cv_l_width(const char *p, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)p[i] & 0xC0) != 0x80;
	return w;
}

/* Precomposed vowels by base (a ă â e ê i o ô ơ u ư y) and tone
 * (none, huyền, sắc, hỏi, ngã, nặng): lower case, then upper case. */
static const int32_t S_vowels[2][12][6] = {
	{
		{0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1}, /* a */
		{0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7}, /* ă */
		{0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD}, /* â */
		{0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9}, /* e */
		{0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7}, /* ê */
		{0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB}, /* i */
		{0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD}, /* o */
		{0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9}, /* ô */
		{0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3}, /* ơ */
		{0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5}, /* u */
		{0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1}, /* ư */
		{0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5}, /* y */
	},
	{
		{0x0041, 0x00C0, 0x00C1, 0x1EA2, 0x00C3, 0x1EA0}, /* A */
		{0x0102, 0x1EB0, 0x1EAE, 0x1EB2, 0x1EB4, 0x1EB6}, /* Ă */
		{0x00C2, 0x1EA6, 0x1EA4, 0x1EA8, 0x1EAA, 0x1EAC}, /* Â */
		{0x0045, 0x00C8, 0x00C9, 0x1EBA, 0x1EBC, 0x1EB8}, /* E */
		{0x00CA, 0x1EC0, 0x1EBE, 0x1EC2, 0x1EC4, 0x1EC6}, /* Ê */
		{0x0049, 0x00CC, 0x00CD, 0x1EC8, 0x0128, 0x1ECA}, /* I */
		{0x004F, 0x00D2, 0x00D3, 0x1ECE, 0x00D5, 0x1ECC}, /* O */
		{0x00D4, 0x1ED2, 0x1ED0, 0x1ED4, 0x1ED6, 0x1ED8}, /* Ô */
		{0x01A0, 0x1EDC, 0x1EDA, 0x1EDE, 0x1EE0, 0x1EE2}, /* Ơ */
		{0x0055, 0x00D9, 0x00DA, 0x1EE6, 0x0168, 0x1EE4}, /* U */
		{0x01AF, 0x1EEA, 0x1EE8, 0x1EEC, 0x1EEE, 0x1EF0}, /* Ư */
		{0x0059, 0x1EF2, 0x00DD, 0x1EF6, 0x1EF8, 0x1EF4}, /* Y */
	},
};

/* The non-ASCII vowels of S_vowels sorted by code point, for a binary
 * search: {code point, base, tone, upper}. */
static const struct {
	int32_t cp;
	unsigned char base, tone, upper;
} S_vowel_index[] = {
	{0x00C0, 0, 1, 1}, {0x00C1, 0, 2, 1}, {0x00C2, 2, 0, 1}, {0x00C3, 0, 4, 1}, {0x00C8, 3, 1, 1}, {0x00C9, 3, 2, 1},
	{0x00CA, 4, 0, 1}, {0x00CC, 5, 1, 1}, {0x00CD, 5, 2, 1}, {0x00D2, 6, 1, 1}, {0x00D3, 6, 2, 1}, {0x00D4, 7, 0, 1},
	{0x00D5, 6, 4, 1}, {0x00D9, 9, 1, 1}, {0x00DA, 9, 2, 1}, {0x00DD, 11, 2, 1}, {0x00E0, 0, 1, 0}, {0x00E1, 0, 2, 0},
	{0x00E2, 2, 0, 0}, {0x00E3, 0, 4, 0}, {0x00E8, 3, 1, 0}, {0x00E9, 3, 2, 0}, {0x00EA, 4, 0, 0}, {0x00EC, 5, 1, 0},
	{0x00ED, 5, 2, 0}, {0x00F2, 6, 1, 0}, {0x00F3, 6, 2, 0}, {0x00F4, 7, 0, 0}, {0x00F5, 6, 4, 0}, {0x00F9, 9, 1, 0},
	{0x00FA, 9, 2, 0}, {0x00FD, 11, 2, 0}, {0x0102, 1, 0, 1}, {0x0103, 1, 0, 0}, {0x0128, 5, 4, 1}, {0x0129, 5, 4, 0},
	{0x0168, 9, 4, 1}, {0x0169, 9, 4, 0}, {0x01A0, 8, 0, 1}, {0x01A1, 8, 0, 0}, {0x01AF, 10, 0, 1}, {0x01B0, 10, 0, 0},
	{0x1EA0, 0, 5, 1}, {0x1EA1, 0, 5, 0}, {0x1EA2, 0, 3, 1}, {0x1EA3, 0, 3, 0}, {0x1EA4, 2, 2, 1}, {0x1EA5, 2, 2, 0},
	{0x1EA6, 2, 1, 1}, {0x1EA7, 2, 1, 0}, {0x1EA8, 2, 3, 1}, {0x1EA9, 2, 3, 0}, {0x1EAA, 2, 4, 1}, {0x1EAB, 2, 4, 0},
	{0x1EAC, 2, 5, 1}, {0x1EAD, 2, 5, 0}, {0x1EAE, 1, 2, 1}, {0x1EAF, 1, 2, 0}, {0x1EB0, 1, 1, 1}, {0x1EB1, 1, 1, 0},
	{0x1EB2, 1, 3, 1}, {0x1EB3, 1, 3, 0}, {0x1EB4, 1, 4, 1}, {0x1EB5, 1, 4, 0}, {0x1EB6, 1, 5, 1}, {0x1EB7, 1, 5, 0},
	{0x1EB8, 3, 5, 1}, {0x1EB9, 3, 5, 0}, {0x1EBA, 3, 3, 1}, {0x1EBB, 3, 3, 0}, {0x1EBC, 3, 4, 1}, {0x1EBD, 3, 4, 0},
	{0x1EBE, 4, 2, 1}, {0x1EBF, 4, 2, 0}, {0x1EC0, 4, 1, 1}, {0x1EC1, 4, 1, 0}, {0x1EC2, 4, 3, 1}, {0x1EC3, 4, 3, 0},
	{0x1EC4, 4, 4, 1}, {0x1EC5, 4, 4, 0}, {0x1EC6, 4, 5, 1}, {0x1EC7, 4, 5, 0}, {0x1EC8, 5, 3, 1}, {0x1EC9, 5, 3, 0},
	{0x1ECA, 5, 5, 1}, {0x1ECB, 5, 5, 0}, {0x1ECC, 6, 5, 1}, {0x1ECD, 6, 5, 0}, {0x1ECE, 6, 3, 1}, {0x1ECF, 6, 3, 0},
	{0x1ED0, 7, 2, 1}, {0x1ED1, 7, 2, 0}, {0x1ED2, 7, 1, 1}, {0x1ED3, 7, 1, 0}, {0x1ED4, 7, 3, 1}, {0x1ED5, 7, 3, 0},
	{0x1ED6, 7, 4, 1}, {0x1ED7, 7, 4, 0}, {0x1ED8, 7, 5, 1}, {0x1ED9, 7, 5, 0}, {0x1EDA, 8, 2, 1}, {0x1EDB, 8, 2, 0},
	{0x1EDC, 8, 1, 1}, {0x1EDD, 8, 1, 0}, {0x1EDE, 8, 3, 1}, {0x1EDF, 8, 3, 0}, {0x1EE0, 8, 4, 1}, {0x1EE1, 8, 4, 0},
	{0x1EE2, 8, 5, 1}, {0x1EE3, 8, 5, 0}, {0x1EE4, 9, 5, 1}, {0x1EE5, 9, 5, 0}, {0x1EE6, 9, 3, 1}, {0x1EE7, 9, 3, 0},
	{0x1EE8, 10, 2, 1}, {0x1EE9, 10, 2, 0}, {0x1EEA, 10, 1, 1}, {0x1EEB, 10, 1, 0}, {0x1EEC, 10, 3, 1}, {0x1EED, 10, 3, 0},
	{0x1EEE, 10, 4, 1}, {0x1EEF, 10, 4, 0}, {0x1EF0, 10, 5, 1}, {0x1EF1, 10, 5, 0}, {0x1EF2, 11, 1, 1}, {0x1EF3, 11, 1, 0},
	{0x1EF4, 11, 5, 1}, {0x1EF5, 11, 5, 0}, {0x1EF6, 11, 3, 1}, {0x1EF7, 11, 3, 0}, {0x1EF8, 11, 4, 1}, {0x1EF9, 11, 4, 0},
};

bool cv_l_vowel(int32_t cp, int *base, int *tone, bool *upper)
{
	if (cp < 0x80) {
		/* the common case, without the table */
		int b;
		switch (cp | 0x20) {
		case 'a': b = 0; break;
		case 'e': b = 3; break;
		case 'i': b = 5; break;
		case 'o': b = 6; break;
		case 'u': b = 9; break;
		case 'y': b = 11; break;
		default: return false;
		}
		if (cp < 'A' || (cp > 'Z' && cp < 'a'))
			return false;
		*base = b;
		*tone = 0;
		*upper = cp < 'a';
		return true;
	}
	size_t lo = 0, hi = sizeof S_vowel_index / sizeof S_vowel_index[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (S_vowel_index[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == sizeof S_vowel_index / sizeof S_vowel_index[0] || S_vowel_index[lo].cp != cp)
		return false;
	*base = S_vowel_index[lo].base;
	*tone = S_vowel_index[lo].tone;
	*upper = S_vowel_index[lo].upper;
	return true;
}

int32_t cv_l_vowel_cp(int base, int tone, bool upper)
{
	if (base < 0 || base > 11 || tone < 0 || tone > 5)
		return 0xFFFD;
	return S_vowels[upper ? 1 : 0][base][tone];
}

bool cv_l_word_eqn(const char *p, size_t n, const char *lit, size_t ln)
{
	/* case pairs of the letters Vietnamese uses have the same UTF-8 length */
	if (n != ln)
		return false;
	const char *e = p + n, *q = lit, *qe = lit + ln;
	while (p < e && q < qe) {
		unsigned char a = (unsigned char)*p, b = (unsigned char)*q;
		if (a < 0x80 && b < 0x80) { /* ASCII: no decoding */
			if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z'))
				return false;
			p++;
			q++;
			continue;
		}
		int32_t x, y;
		p += cv_l_next(p, e, &x);
		q += cv_l_next(q, qe, &y);
		if (cv_l_lower(x) != cv_l_lower(y))
			return false;
	}
	return p == e && q == qe;
}

int cv_l_letters_before(const char *p, const char *q, const char *end, const char **start, bool *lower)
{
	const char *w = q;
	int letters = 0;
	*lower = true;
	while (w > p) {
		const char *b = w - 1;
		while (b > p && ((unsigned char)*b & 0xC0) == 0x80)
			b--;
		int32_t cp;
		cv_l_next(b, end, &cp);
		if (!cv_l_is_letter(cp))
			break;
		*lower = *lower && cv_l_case(cp) != 1;
		letters++;
		w = b;
	}
	*start = w;
	return letters;
}

size_t cv_l_word_len(const char *p, const char *end)
{
	const char *q = p;
	while (q < end) {
		unsigned char ch = (unsigned char)*q;
		if (ch < 0x80 && ch != '\'') {
			/* ASCII letters and digits, without decoding */
			if (((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || (ch >= '0' && ch <= '9')) {
				q++;
				continue;
			}
			break;
		}
		int32_t cp;
		size_t l = cv_l_next(q, end, &cp);
		if (cv_l_is_letter(cp) || (cp >= '0' && cp <= '9')) {
			q += l;
			continue;
		}
		/* an apostrophe inside a word: H'Mông */
		if ((cp == '\'' || cp == 0x2019) && q > p && q + l < end) {
			int32_t nx;
			cv_l_next(q + l, end, &nx);
			if (cv_l_is_letter(nx)) {
				q += l;
				continue;
			}
		}
		break;
	}
	return (size_t)(q - p);
}

bool cv_l_is_title(const char *p, size_t n)
{
	const char *e = p + n;
	bool first = true;
	int letters = 0;
	while (p < e) {
		int32_t cp;
		p += cv_l_next(p, e, &cp);
		int k = cv_l_case(cp);
		if (!k)
			continue;
		if (first ? k != 1 : k != -1)
			return false;
		first = false;
		letters++;
	}
	return letters > 0;
}

bool cv_l_is_caps(const char *p, size_t n)
{
	const char *e = p + n;
	int letters = 0;
	while (p < e) {
		int32_t cp;
		p += cv_l_next(p, e, &cp);
		int k = cv_l_case(cp);
		if (k == -1)
			return false;
		letters += k == 1;
	}
	return letters >= 2;
}

bool cv_l_starts_lower(const char *p, size_t n)
{
	const char *e = p + n;
	while (p < e) {
		int32_t cp;
		p += cv_l_next(p, e, &cp);
		int k = cv_l_case(cp);
		if (k)
			return k == -1;
	}
	return false;
}

size_t cv_l_encode(int32_t cp, char *u)
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | (cp >> 18));
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void cv_l_lower_first(const char *p, size_t n, char *out, size_t outn)
{
	if (!outn)
		return;
	int32_t cp;
	size_t l = n ? cv_l_next(p, p + n, &cp) : 0;
	char u[4];
	size_t ul = l ? cv_l_encode(cv_l_lower(cp), u) : 0;
	if (ul + (n - l) + 1 > outn) {
		snprintf(out, outn, "%.*s", (int)n, p);
		return;
	}
	memcpy(out, u, ul);
	memcpy(out + ul, p + l, n - l);
	out[ul + n - l] = '\0';
}

bool cv_l_real_date(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || d < 1)
		return false;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}
