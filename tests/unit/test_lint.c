/*
 * test_lint.c — unit tests of the linter (src/lint/): the pure helpers for
 * Vietnamese letters, tone placement (CV-TONE-MARKS), the TCVN3/VNI
 * converters (ND30-TCVN6909), type codes (ND30-SYMBOL-TYPE), "today"
 * (CV-DATE-FUTURE), the rule table, the source scanner that gives every rule
 * its exact position, --fix (ND30-UTF8-NFC, CV-DOUBLE-SPACE,
 * CV-SPACE-BEFORE), and cv_lint itself on small documents, each diagnostic
 * checked at its line and column.  tests/lint.sh covers every rule through
 * the command line.
 */
#include "harness.h"
#include "congvan.h"
#include "lint/lint_int.h"
#include "read/body.h"
#include "read/frontmatter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- letters ----------------------------------------------------------------------- */

static int32_t S_cp(const char *s)
{
	int32_t cp;
	cv_l_next(s, s + strlen(s), &cp);
	return cp;
}

static void test_letters(void)
{
	CHECK(cv_l_case('A') == 1 && cv_l_case('z') == -1 && cv_l_case('5') == 0, "ASCII case");
	CHECK(cv_l_case(S_cp("Đ")) == 1 && cv_l_case(S_cp("đ")) == -1, "Đ đ");
	CHECK(cv_l_case(S_cp("Ư")) == 1 && cv_l_case(S_cp("ơ")) == -1, "Ư ơ");
	CHECK(cv_l_case(S_cp("Ộ")) == 1 && cv_l_case(S_cp("ỹ")) == -1, "Latin Extended Additional");
	CHECK(cv_l_case(S_cp("×")) == 0 && cv_l_case(S_cp("·")) == 0, "× and · are not letters");
	CHECK(cv_l_lower(S_cp("Ủ")) == S_cp("ủ") && cv_l_lower(S_cp("Ă")) == S_cp("ă"), "lower Ủ Ă");
	CHECK(cv_l_lower(S_cp("Ơ")) == S_cp("ơ") && cv_l_lower(S_cp("É")) == S_cp("é"), "lower Ơ É");

	int b, t;
	bool up;
	CHECK(cv_l_vowel(S_cp("ộ"), &b, &t, &up) && b == 7 && t == 5 && !up, "ộ = ô + nặng");
	CHECK(cv_l_vowel(S_cp("Ằ"), &b, &t, &up) && b == 1 && t == 1 && up, "Ằ = Ă + huyền");
	CHECK(!cv_l_vowel('d', &b, &t, &up), "d is no vowel");
	CHECK(cv_l_vowel_cp(10, 2, false) == S_cp("ứ"), "ư + sắc = ứ");
	CHECK(cv_l_vowel_cp(11, 5, true) == S_cp("Ỵ"), "Y + nặng = Ỵ");

	CHECK(cv_l_word_eq("Ủy ban", strlen("Ủy ban"), "ủy BAN"), "word_eq ignores case");
	CHECK(!cv_l_word_eq("Ủy ban", strlen("Ủy ban"), "uỷ ban"), "word_eq keeps the tone placement");
	CHECK(!cv_l_word_eq("Ban", 3, "Bàn"), "word_eq keeps tones");
	const char *w1 = "H'Hen Niê", *w2 = "Hà, Nội";
	CHECK(cv_l_word_len(w1, w1 + strlen(w1)) == strlen("H'Hen"), "an apostrophe inside a word");
	CHECK(cv_l_word_len(w2, w2 + strlen(w2)) == strlen("Hà"), "a word stops at a comma");
	CHECK(cv_l_is_title("Nguyễn", strlen("Nguyễn")) && !cv_l_is_title("NGuyễn", 7), "title case");
	CHECK(cv_l_is_caps("UBND", 4) && cv_l_is_caps("HĐND", strlen("HĐND")) && !cv_l_is_caps("A", 1), "capitals");
	CHECK(cv_l_starts_lower("đồng", strlen("đồng")) && !cv_l_starts_lower("(Đồng", 6), "starts lower");
	CHECK(cv_l_width("Nguyễn", strlen("Nguyễn")) == 6, "width in code points");
	char low[16];
	cv_l_lower_first("Ủy", strlen("Ủy"), low, sizeof low);
	CHECK_STR(low, "ủy", "lower_first");
	char u[4];
	CHECK(cv_l_encode(0x1EA1, u) == 3 && memcmp(u, "ạ", 3) == 0, "encode ạ");

	CHECK(cv_l_real_date(2024, 2, 29) && !cv_l_real_date(2025, 2, 29), "ND30-DATE-VALID: leap years");
	CHECK(!cv_l_real_date(2000 + 26, 4, 31) && cv_l_real_date(2026, 12, 31), "ND30-DATE-VALID: month lengths");
	CHECK(cv_l_real_date(2000, 2, 29) && !cv_l_real_date(1900, 2, 29), "ND30-DATE-VALID: centuries");
	CHECK(!cv_l_real_date(2026, 13, 1) && !cv_l_real_date(2026, 1, 0), "ND30-DATE-VALID: bounds");
}

/* ---- CV-TONE-MARKS ---------------------------------------------------------------------- */

static int S_tone(const char *w)
{
	return cv_lint_tone_style(w, strlen(w));
}

static void test_tone(void)
{
	CHECK(S_tone("hòa") == 1 && S_tone("Hòa") == 1, "CV-TONE-MARKS: hòa is new");
	CHECK(S_tone("hoà") == 2 && S_tone("HOÀ") == 2, "CV-TONE-MARKS: hoà is old");
	CHECK(S_tone("thủy") == 1 && S_tone("thuỷ") == 2, "CV-TONE-MARKS: thủy / thuỷ");
	CHECK(S_tone("ủy") == 1 && S_tone("uỷ") == 2, "CV-TONE-MARKS: ủy / uỷ");
	CHECK(S_tone("khỏe") == 1 && S_tone("khoẻ") == 2, "CV-TONE-MARKS: khỏe / khoẻ");
	CHECK(S_tone("hoàn") == 0 && S_tone("hoa") == 0, "CV-TONE-MARKS: closed or toneless");
	CHECK(S_tone("quý") == 0 && S_tone("của") == 0 && S_tone("ngoài") == 0, "CV-TONE-MARKS: qu, ua, oai");
}

/* ---- ND30-TCVN6909 ----------------------------------------------------------------------- */

static void test_legacy(void)
{
	cv_buf b = CV_BUF_INIT;
	const char *t = "C\xC3\xA9ng h\xC3\x9F" "a x\xC2\xB7 h\xC3\xA9i ch\xC3\xB1 ngh\xC3\x9C" "a vi\xC3\x96t nam";
	cv_lint_from_tcvn3(t, t + strlen(t), &b);
	CHECK_STR(cv_buf_cstr(&b), "Cộng hòa xã hội chủ nghĩa việt nam", "ND30-TCVN6909: TCVN3 converted back");
	cv_buf_clear(&b);
	const char *v = "Co\xC3\xA4ng ho\xC3\xB8" "a xa\xC3\xB5 ho\xC3\xA4i chu\xC3\xBB ngh\xC3\xB3" "a Vie\xC3\xA4t Nam";
	cv_lint_from_vni(v, v + strlen(v), &b);
	CHECK_STR(cv_buf_cstr(&b), "Cộng hòa xã hội chủ nghĩa Việt Nam", "ND30-TCVN6909: VNI converted back");
	cv_buf_clear(&b);
	const char *v2 = "\xC3\xB1" "a\xC3\xA9t tr\xC3\xB6\xC3\xB4\xC3\xB9ng"; /* ñaét tröôùng */
	cv_lint_from_vni(v2, v2 + strlen(v2), &b);
	CHECK_STR(cv_buf_cstr(&b), "đắt trướng", "ND30-TCVN6909: VNI đ, breve + sắc, ư, ơ + sắc");
	cv_buf_free(&b);
}

/* ---- types, today, the rule table -------------------------------------------------------- */

static void test_types(void)
{
	cv_type t;
	memset(&t, 0, sizeof t);
	t.name = "to-trinh";
	t.abbreviation = "";
	CHECK_STR(cv_lint_abbreviation(&t), "TTr", "ND30-SYMBOL-TYPE: §4 fallback by type name");
	t.abbreviation = "QyĐ";
	CHECK_STR(cv_lint_abbreviation(&t), "QyĐ", "ND30-SYMBOL-TYPE: type.yaml first");
	t.name = "cong-van";
	t.abbreviation = "";
	CHECK_STR(cv_lint_abbreviation(&t), "", "ND30-SYMBOL-CV: công văn has no code");
	CHECK_STR(cv_lint_abbreviation(NULL), "", "no type = công văn");

	setenv("SOURCE_DATE_EPOCH", "1767225600", 1); /* 2026-01-01 00:00 UTC */
	CHECK(cv_lint_today() == 20260101, "CV-DATE-FUTURE: today from SOURCE_DATE_EPOCH");
	setenv("SOURCE_DATE_EPOCH", "1767200400", 1); /* 2025-12-31 17:00 UTC = 01/01 00:00 in Hà Nội */
	CHECK(cv_lint_today() == 20260101, "CV-DATE-FUTURE: today in Vietnam time");
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);

	size_t n;
	const cv_lint_rule *r = cv_lint_rules(&n);
	int ok = n >= 40;
	for (size_t i = 0; i < n; i++) {
		ok = ok && (!strncmp(r[i].id, "ND30-", 5) || !strncmp(r[i].id, "CV-", 3));
		ok = ok && (!strcmp(r[i].sev, "error") || !strcmp(r[i].sev, "warning") || !strcmp(r[i].sev, "error/warning"));
		ok = ok && r[i].what && *r[i].what && r[i].by;
		for (size_t j = 0; j < i; j++)
			ok = ok && strcmp(r[i].id, r[j].id) != 0;
	}
	CHECK(ok, "rule table: unique ids, known severities, a description each");
}

/* ---- the source scanner -------------------------------------------------------------------- */

static const cv_lspan *S_span(const cv_lspans *sp, int line, int nth)
{
	for (size_t i = 0; i < sp->n; i++)
		if (sp->v[i].line == line && nth-- == 0)
			return &sp->v[i];
	return NULL;
}

static void S_span_is(int tline, const cv_lspans *sp, int line, int nth, const char *text, int col,
		      const char *key)
{
	const cv_lspan *s = S_span(sp, line, nth);
	char what[160], got[200];
	snprintf(what, sizeof what, "span %d.%d is '%s' at column %d", line, nth, text, col);
	snprintf(got, sizeof got, "%.*s", s ? (int)s->n : 0, s ? s->p : "");
	cv_test_str(got, text, __FILE__, tline, what);
	cv_test_ok(s && s->col == col && (!key || !strcmp(s->key, key)), __FILE__, tline, what);
}

static void test_spans(void)
{
	const char *src = "---\n"
			  "so: 12       # comment\n"
			  "dia_danh: \"Hà Nội\"\n"
			  "noi_nhan:\n"
			  "  - Như trên\n"
			  "ky: {quyen_han: KT, ho_ten: Lê A}\n"
			  "lien_he:\n"
			  "  dia_chi: Số 4, phường 1\n"
			  "---\n"
			  "\n"
			  "## 1. Mục đích\n"
			  "\n"
			  "- Thông qua `a  b` đợt\n"
			  "\n"
			  "| STT | Nội dung  |\n"
			  "|---|---|\n"
			  "|  1  | Tập huấn |\n";
	cv_lspans sp = {NULL, 0, 0};
	cv_lint_spans(src, strlen(src), 10, NULL, &sp);
	S_span_is(__LINE__, &sp, 2, 0, "12", 5, "so");
	S_span_is(__LINE__, &sp, 3, 0, "Hà Nội", 12, "dia_danh");
	S_span_is(__LINE__, &sp, 5, 0, "Như trên", 5, "noi_nhan");
	S_span_is(__LINE__, &sp, 8, 0, "Số 4, phường 1", 12, "lien_he.dia_chi");
	const cv_lspan *f = S_span(&sp, 6, 0);
	CHECK(f && (f->flags & CV_LS_FLOW), "a flow mapping is marked: its , and : are YAML");
	S_span_is(__LINE__, &sp, 11, 0, "1. Mục đích", 4, "");
	S_span_is(__LINE__, &sp, 13, 0, "Thông qua ", 3, "");
	S_span_is(__LINE__, &sp, 13, 1, " đợt", 19, "");
	CHECK(!S_span(&sp, 1, 0) && !S_span(&sp, 9, 0), "the --- lines are no text");
	free(sp.v);
}

/* ---- --fix ------------------------------------------------------------------------------------- */

static void test_fix(void)
{
	const char *src = "---\n"
			  "trich_yeu: Nguye\xCC\x82\xCC\x83n  , x\n"
			  "---\n"
			  "\n"
			  "Sở  Tư pháp , Nguye\xCC\x82\xCC\x83n; xem `a  ,b` ngày ... tháng ./.\n"
			  "\n"
			  "| a   | b |\n"
			  "|---|---|\n"
			  "| 1   | 2 |\n";
	/* the model of the body marks the table */
	cv_arena a = CV_ARENA_INIT;
	cv_diags d = CV_DIAGS_INIT;
	size_t fo, fl, bo;
	int bl = 0;
	cv_body body;
	memset(&body, 0, sizeof body);
	CHECK(cv_split_source(src, strlen(src), &d, &fo, &fl, &bo, &bl) == 0 && bl == 4, "split");
	cv_read_body(&a, src + bo, strlen(src) - bo, bl, &body, &d);
	cv_buf out = CV_BUF_INIT;
	cv_lint_changes ch = {NULL, 0, 0};
	int n = cv_lint_fix(src, strlen(src), &body, &out, &ch);
	CHECK(n == 2, "ND30-UTF8-NFC, CV-DOUBLE-SPACE: two lines changed");
	CHECK_STR(cv_buf_cstr(&out),
		  "---\n"
		  "trich_yeu: Nguyễn  , x\n"
		  "---\n"
		  "\n"
		  "Sở Tư pháp, Nguyễn; xem `a  ,b` ngày ... tháng./.\n"
		  "\n"
		  "| a   | b |\n"
		  "|---|---|\n"
		  "| 1   | 2 |\n",
		  "--fix: NFC everywhere, spacing in the body only, code spans and tables left alone");
	CHECK(ch.n == 4 && ch.v[0].line == 2 && ch.v[1].line == 5 && ch.v[3].line == 5, "--fix: the changes by line");
	CHECK_STR(ch.v[0].what, "normalised to Unicode NFC", "--fix: NFC message");
	CHECK_STR(ch.v[2].what, "collapsed 1 run of spaces", "--fix: CV-DOUBLE-SPACE message");
	CHECK_STR(ch.v[3].what, "removed 2 spaces before ',' and '.'", "--fix: CV-SPACE-BEFORE message");
	/* idempotent */
	cv_buf again = CV_BUF_INIT;
	cv_lint_changes ch2 = {NULL, 0, 0};
	CHECK(cv_lint_fix(out.ptr, out.len, &body, &again, &ch2) == 0 && ch2.n == 0, "--fix twice changes nothing");
	CHECK(again.len == out.len && memcmp(again.ptr, out.ptr, out.len) == 0, "--fix twice: same text");
	/* without the model: NFC only */
	cv_buf nfc = CV_BUF_INIT;
	cv_lint_changes ch3 = {NULL, 0, 0};
	CHECK(cv_lint_fix(src, strlen(src), NULL, &nfc, &ch3) == 2 && ch3.n == 2, "--fix without the model: NFC only");
	CHECK(strstr(cv_buf_cstr(&nfc), "Sở  Tư pháp , Nguyễn;") != NULL, "--fix without the model keeps the spaces");
	cv_buf_free(&nfc);
	cv_lint_changes_free(&ch3);
	cv_buf_free(&out);
	cv_buf_free(&again);
	cv_lint_changes_free(&ch);
	cv_lint_changes_free(&ch2);
	cv_diags_free(&d);
	cv_arena_free(&a);
}

/* ---- cv_lint on documents ----------------------------------------------------------------------- */

static cv_tpl_set *S_set;

#define FM_TOP "---\nco_quan: Sở Tư pháp\nso: 12\n"
#define FM_REST                                                                                     \
	"dia_danh: Lâm Đồng\nngay: 2025-12-10\ntrich_yeu: cử công chức\nkinh_gui: Sở Nội vụ\n"       \
	"noi_nhan:\n  - Như trên\nluu: VP\nky:\n  quyen_han: KT\n  chuc_vu_cap_tren: Giám đốc\n"      \
	"  chuc_vu: Phó Giám đốc\n  ho_ten: Phạm Thị Lan\n---\n\n"
/* FM_TOP is 3 lines, the ky_hieu line 4, FM_REST 14 lines: the body starts on line 19 */

/* Render src without output and look for rule at line:col with severity sev
 * (sev 0: the rule must not be reported at all). */
static void S_lint(int tline, const char *src, const char *rule, cv_severity sev, int line, int col)
{
	cv_result r = CV_RESULT_INIT;
	cv_render_opts o;
	memset(&o, 0, sizeof o);
	o.file = "t.md";
	o.year_now = 2026;
	int rc = cv_render(S_set, src, strlen(src), &o, &r);
	int found = 0;
	for (size_t i = 0; i < r.diags.n; i++) {
		const cv_diag *e = &r.diags.items[i];
		if (e->rule && !strcmp(e->rule, rule) &&
		    (!sev || (e->sev == sev && e->line == line && e->col == col)))
			found = 1;
	}
	char what[200];
	snprintf(what, sizeof what, sev ? "%s at %d:%d" : "no %s", rule, line, col);
	if (found != (sev != 0) || rc != 0)
		for (size_t i = 0; i < r.diags.n; i++)
			fprintf(stderr, "    have %d:%d %s [%s]\n", r.diags.items[i].line, r.diags.items[i].col,
				r.diags.items[i].msg, r.diags.items[i].rule ? r.diags.items[i].rule : "");
	cv_test_ok(found == (sev != 0) && rc == 0, __FILE__, tline, what);
	cv_result_free(&r);
}

static void test_lint(void)
{
	cv_diags d = CV_DIAGS_INIT;
	S_set = cv_tpl_set_new(NULL, &d);
	cv_diags_free(&d);
	if (!S_set) {
		CHECK(0, "built-in templates");
		return;
	}
	const char *ok = FM_TOP "ky_hieu: STP-VP\n" FM_REST "Sở Tư pháp cử bà Hạnh tham dự./.\n";
	S_lint(__LINE__, ok, "ND30-SYMBOL-CV", 0, 0, 0);
	S_lint(__LINE__, ok, "ND30-ENDMARK", 0, 0, 0);
	S_lint(__LINE__, FM_TOP "ky_hieu: QĐ-VP\n" FM_REST "X./.\n", "ND30-SYMBOL-CV", CV_ERROR, 4, 10);
	S_lint(__LINE__, FM_TOP "ky_hieu: \"STP-vp\"\n" FM_REST "X./.\n", "ND30-SYMBOL-UPPER", CV_WARNING, 4, 15);
	S_lint(__LINE__, FM_TOP "ky_hieu: STP-VP\n" FM_REST "Xong.\n", "ND30-ENDMARK", CV_WARNING, 19, 6);
	S_lint(__LINE__, FM_TOP "ky_hieu: STP-VP\n" FM_REST "Ngày 5 tháng 3 năm 2026./.\n", "ND30-DATE-ZERO",
	       CV_WARNING, 19, 6);
	S_lint(__LINE__, FM_TOP "ky_hieu: STP-VP\n" FM_REST "Ngày 05 tháng 3 năm 2026./.\n", "ND30-DATE-ZERO", 0, 0, 0);
	S_lint(__LINE__, FM_TOP "ky_hieu: STP-VP\n" FM_REST "Hạn 29/02/2025./.\n", "ND30-DATE-VALID", CV_ERROR, 19, 5);
	S_lint(__LINE__, FM_TOP "ky_hieu: STP-VP\n" FM_REST "Hạn 29/02/2024./.\n", "ND30-DATE-VALID", 0, 0, 0);
	/* columns count code points, not bytes; code spans are no text */
	S_lint(__LINE__, FM_TOP "ky_hieu: STP-VP\n" FM_REST "Đề nghị  thực hiện./.\n", "CV-DOUBLE-SPACE", CV_WARNING, 19, 8);
	S_lint(__LINE__, FM_TOP "ky_hieu: STP-VP\n" FM_REST "Đề nghị `a  b` thực hiện./.\n", "CV-DOUBLE-SPACE", 0, 0, 0);
	S_lint(__LINE__, FM_TOP "ky_hieu: STP-VP\n" FM_REST "Theo điều 5 luật./.\n", "ND30-CAPS-DOCREF", CV_WARNING, 19, 6);
	cv_tpl_set_free(S_set);
}

void run_tests(void)
{
	test_letters();
	test_tone();
	test_legacy();
	test_types();
	test_spans();
	test_fix();
	test_lint();
}
