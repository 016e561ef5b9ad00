/*
 * lint_symbol.c — the ký hiệu (ô 3) and the issuing agency's name:
 * ND30-NUM-FORMAT, ND30-NUM-NOYEAR, ND30-SYMBOL-TYPE, ND30-SYMBOL-CV,
 * ND30-SYMBOL-UPPER (spec ND30.md §3.2, §4) and ND30-AGENCY-FULL (§2.3 ô 2).
 *
 * The type code comes from the document type (type.yaml `abbreviation`,
 * with the §4 table as fallback: cv_lint_abbreviation()); "" = công văn,
 * whose ký hiệu is issuer-unit without a type code.
 */
#include "lint/lint_int.h"

#include <string.h>


#include "base/i18n.h"
/* The codes of ND30 Phụ lục III (spec §4), with the type each names. */
static const struct {
	const char *code, *type;
} S_codes[] = {
	{"NQ", "nghị quyết"},     {"QĐ", "quyết định"},    {"CT", "chỉ thị"},
	{"QC", "quy chế"},        {"QyĐ", "quy định"},     {"TC", "thông cáo"},
	{"TB", "thông báo"},      {"HD", "hướng dẫn"},     {"CTr", "chương trình"},
	{"KH", "kế hoạch"},       {"PA", "phương án"},     {"ĐA", "đề án"},
	{"DA", "dự án"},          {"BC", "báo cáo"},       {"BB", "biên bản"},
	{"TTr", "tờ trình"},      {"HĐ", "hợp đồng"},      {"CĐ", "công điện"},
	{"BGN", "bản ghi nhớ"},   {"BTT", "bản thỏa thuận"}, {"GUQ", "giấy ủy quyền"},
	{"GM", "giấy mời"},       {"GGT", "giấy giới thiệu"}, {"GNP", "giấy nghỉ phép"},
	{"PG", "phiếu gửi"},      {"PC", "phiếu chuyển"},  {"PB", "phiếu báo"},
	{"SY", "bản sao y"},      {"TrS", "bản trích sao"}, {"SL", "bản sao lục"},
};

/* Index in S_codes of the code g[0..n) (any case), or -1. */
static int S_code(const char *g, size_t n)
{
	for (size_t i = 0; i < sizeof S_codes / sizeof S_codes[0]; i++)
		if (cv_l_word_eq(g, n, S_codes[i].code))
			return (int)i;
	return -1;
}

static const char *S_type_word(const char *abbr)
{
	for (size_t i = 0; i < sizeof S_codes / sizeof S_codes[0]; i++)
		if (strcmp(S_codes[i].code, abbr) == 0)
			return S_codes[i].type;
	return "document of this type";
}

static void S_at(cv_lint_ctx *c, size_t off, int *line, int *col)
{
	cv_lint_val_pos(c, &c->m->ky_hieu, off, line, col);
}

static void S_symbol(cv_lint_ctx *c)
{
	const char *s = c->m->ky_hieu.s;
	int line, col;
	/* a year or another number before a '/': "2020/NĐ-CP" */
	const char *sym = s;
	for (const char *q = s; *q; q++) {
		if (*q != '/')
			continue;
		size_t n = (size_t)(q - sym);
		bool year = n == 4 && (sym[0] == '1' || sym[0] == '2');
		for (size_t k = 0; year && k < 4; k++)
			year = sym[k] >= '0' && sym[k] <= '9';
		S_at(c, (size_t)(sym - s), &line, &col);
		if (year)
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-NUM-NOYEAR",
				     _("the number of an administrative document has no year ('%.4s/'): the "
				     "form 30/2020/NĐ-CP belongs to legal normative documents"),
				     sym);
		else
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-NUM-FORMAT",
				     _("a '/' inside the ký hiệu: congvan prints 'Số: <so>/<ky_hieu>'; the "
				     "groups are joined by '-'"));
		sym = q + 1;
	}
	/* the groups */
	const char *g[16];
	size_t gl[16];
	int ng = 0;
	bool bad = false;
	for (const char *q = sym;;) {
		const char *e = q;
		while (*e && *e != '-')
			e++;
		if (ng < 16) {
			g[ng] = q;
			gl[ng++] = (size_t)(e - q);
		}
		if (e == q && !bad) {
			S_at(c, (size_t)(q - s), &line, &col);
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-NUM-FORMAT",
				     _("an empty group in the ký hiệu (a '-' %s): write groups joined by one "
				     "'-', e.g. BHXH-TĐKT"),
				     q == sym ? _("at the start") : *e ? _("twice") : _("at the end"));
			bad = true;
		}
		for (const char *r = q; r < e && !bad;) {
			int32_t cp;
			size_t l = cv_l_next(r, e, &cp);
			if (!cv_l_is_letter(cp) && !(cp >= '0' && cp <= '9') && cp != ' ') {
				S_at(c, (size_t)(r - s), &line, &col);
				cv_lint_emit(c, CV_ERROR, line, col, "ND30-NUM-FORMAT",
					     _("'%.*s' in the ký hiệu: its groups are letters and digits joined by '-'"),
					     (int)l, r);
				bad = true;
			}
			r += l;
		}
		if (!*e)
			break;
		q = e + 1;
	}
	if (bad || ng == 0)
		return;

	int first_upper = 0; /* groups from here on are abbreviations: upper case */
	if (!c->cong_van) {
		S_at(c, (size_t)(g[0] - s), &line, &col);
		int other = S_code(g[0], gl[0]);
		const char *tw = S_type_word(c->abbr);
		/* what congvan prints (model/nd30.c cv_nd30_symbol): the type code
		 * first, in its exact case, added when not typed; a first group that
		 * is another type's code is printed as typed */
		if (cv_l_word_eq(g[0], gl[0], c->abbr)) {
			if (ng < 2)
				cv_lint_emit(c, CV_ERROR, line, col, "ND30-SYMBOL-TYPE",
					     _("the issuing agency's abbreviation follows the type code: %s-<issuer>, "
					     "e.g. %s-UBND (or write only the issuer: congvan adds %s-)"),
					     c->abbr, c->abbr, c->abbr);
		} else if (other >= 0) {
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-SYMBOL-TYPE",
				     _("'%.*s' is the code of %s; the ký hiệu of a %s starts with %s (write the "
				     "issuer only, e.g. UBND, and congvan prints %s-UBND)"),
				     (int)gl[0], g[0], S_codes[other].type, tw, c->abbr, c->abbr);
		}
		first_upper = 1;
	} else {
		int code = S_code(g[0], gl[0]);
		S_at(c, (size_t)(g[0] - s), &line, &col);
		/* CT is also the usual abbreviation of a Cục Thuế (CT-TTHT): not flagged */
		if (cv_l_word_eq(g[0], gl[0], "CV"))
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-SYMBOL-CV",
				     _("a công văn's ký hiệu has no type code (CV is not one): write "
				     "<issuer>-<unit>, e.g. BHXH-TĐKT"));
		else if (code >= 0 && !cv_l_word_eq(g[0], gl[0], "CT"))
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-SYMBOL-CV",
				     _("'%.*s' is the type code of %s, but this is a công văn, whose ký hiệu "
				     "has no type code: write <issuer>-<unit>, e.g. BHXH-TĐKT (or set loai)"),
				     (int)gl[0], g[0], S_codes[code].type);
		else if (ng < 2)
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-SYMBOL-CV",
				     _("a công văn's ký hiệu has the issuer's and the drafting unit's "
				     "abbreviations: <issuer>-<unit>, e.g. BHXH-TĐKT"));
	}
	for (int i = first_upper; i < ng; i++) {
		if (!gl[i] || cv_l_is_caps(g[i], gl[i]))
			continue;
		bool lower = false;
		for (const char *r = g[i]; r < g[i] + gl[i];) {
			int32_t cp;
			r += cv_l_next(r, g[i] + gl[i], &cp);
			lower = lower || cv_l_case(cp) == -1;
		}
		if (!lower)
			continue;
		S_at(c, (size_t)(g[i] - s), &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-SYMBOL-UPPER",
			     _("'%.*s': the abbreviations of the ký hiệu are written in upper case"),
			     (int)gl[i], g[i]);
	}
}

/* ND30-AGENCY-FULL: an abbreviation (UBND, HĐND, BHXH) in co_quan. */
static void S_agency(cv_lint_ctx *c)
{
	const cv_strs *q = &c->m->co_quan;
	for (size_t i = 0; i < q->n; i++) {
		const char *s = q->v[i].s, *e = s + strlen(s);
		for (const char *p = s; p < e;) {
			size_t wl = cv_l_word_len(p, e);
			if (!wl) {
				int32_t cp;
				p += cv_l_next(p, e, &cp);
				continue;
			}
			bool roman = true;
			for (size_t k = 0; k < wl; k++)
				roman = roman && strchr("IVXLC", p[k]);
			if (cv_l_is_caps(p, wl) && !roman) {
				int line, col;
				cv_lint_val_pos(c, &q->v[i], (size_t)(p - s), &line, &col);
				cv_lint_emit(c, CV_WARNING, line, col, "ND30-AGENCY-FULL",
					     _("'%.*s' in the issuing agency's name: ND30 prints its full official "
					     "name (abbreviations only in the parent line, co_quan_chu_quan)"),
					     (int)wl, p);
				return;
			}
			p += wl;
		}
	}
}

void cv_lint_symbol(cv_lint_ctx *c)
{
	if (c->m->ky_hieu.s && !c->m->kem_theo.s) /* issued with a decision: no Số row */
		S_symbol(c);
	S_agency(c);
}
