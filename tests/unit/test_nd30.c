/*
 * test_nd30.c — unit tests of the ND30 text rules (src/model/nd30.c): one
 * section per function of model/nd30.h, each case tagged with the rule it
 * exercises so that `grep -rn ND30-DATE-ZERO` finds the rule, its code and
 * these tests.
 */
#include "harness.h"
#include "model/nd30.h"

#include <stdio.h>
#include <string.h>

static cv_arena A = CV_ARENA_INIT;

/* Build "<a><CV_BLANK><b>…" style strings into a static buffer. */
static const char *S_cat(const char *a, const char *b, const char *c, const char *d,
			 const char *e)
{
	static char out[4][512];
	static int slot;
	char *o = out[slot++ & 3];
	snprintf(o, 512, "%s%s%s%s%s", a ? a : "", b ? b : "", c ? c : "", d ? d : "", e ? e : "");
	return o;
}

/* ---- ND30-NUM-ZERO: cv_nd30_number ----------------------------------- */

static void test_number(void)
{
	CHECK_STR(cv_nd30_number(&A, "1"), "01", "ND30-NUM-ZERO: 1 -> 01");
	CHECK_STR(cv_nd30_number(&A, "5"), "05", "ND30-NUM-ZERO: 5 -> 05");
	CHECK_STR(cv_nd30_number(&A, "9"), "09", "ND30-NUM-ZERO: 9 -> 09");
	CHECK_STR(cv_nd30_number(&A, "10"), "10", "ND30-NUM-ZERO: 10 unchanged");
	CHECK_STR(cv_nd30_number(&A, "99"), "99", "ND30-NUM-ZERO: 99 unchanged");
	CHECK_STR(cv_nd30_number(&A, "100"), "100", "ND30-NUM-ZERO: 100 unchanged");
	CHECK_STR(cv_nd30_number(&A, "1144"), "1144", "ND30-NUM-ZERO: 1144 unchanged");
	CHECK_STR(cv_nd30_number(&A, "99999999"), "99999999", "largest accepted so");

	/* draft: no number -> blanks of no-break spaces for the văn thư */
	const char *blank = S_cat(CV_BLANK, CV_BLANK, NULL, NULL, NULL);
	CHECK_STR(cv_nd30_number(&A, NULL), blank, "draft number (NULL) is blank");
	CHECK_STR(cv_nd30_number(&A, ""), blank, "draft number (\"\") is blank");
	const char *b = cv_nd30_number(&A, NULL);
	int only_nbsp = strlen(b) > 0 && strlen(b) % 2 == 0;
	for (size_t i = 0; only_nbsp && i < strlen(b); i += 2)
		only_nbsp = (unsigned char)b[i] == 0xC2 && (unsigned char)b[i + 1] == 0xA0;
	CHECK(only_nbsp, "draft number is made of U+00A0 only (not collapsible spaces)");
	CHECK(strchr(b, ' ') == NULL, "draft number has no ordinary space");

	/* the blank itself */
	size_t bl = strlen(CV_BLANK);
	int nbsp = bl >= 2 && bl % 2 == 0;
	for (size_t i = 0; nbsp && i < bl; i += 2)
		nbsp = (unsigned char)CV_BLANK[i] == 0xC2 && (unsigned char)CV_BLANK[i + 1] == 0xA0;
	CHECK(nbsp, "CV_BLANK is a run of no-break spaces");
}

/* ---- ND30-DATE-FORMAT, ND30-DATE-ZERO: cv_nd30_date_line --------------- */

static void test_date_line(void)
{
	CHECK_STR(cv_nd30_date_line(&A, "Hà Nội", 2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020",
		  "ND30-DATE-ZERO: day<10 and month<3 padded");
	CHECK_STR(cv_nd30_date_line(&A, "Hà Nội", 2013, 3, 28), "Hà Nội, ngày 28 tháng 3 năm 2013",
		  "ND30-DATE-ZERO: March without a zero (1144/BHXH-TĐKT)");
	CHECK_STR(cv_nd30_date_line(&A, "Hà Nội", 2019, 6, 29), "Hà Nội, ngày 29 tháng 6 năm 2019",
		  "ND30-DATE-ZERO: June without a zero");
	CHECK_STR(cv_nd30_date_line(&A, "Khánh Hòa", 2024, 2, 9),
		  "Khánh Hòa, ngày 09 tháng 02 năm 2024", "ND30-DATE-ZERO: ngày 09 tháng 02");
	CHECK_STR(cv_nd30_date_line(&A, "Hà Nội", 2024, 12, 31), "Hà Nội, ngày 31 tháng 12 năm 2024",
		  "ND30-DATE-ZERO: December 31");
	CHECK_STR(cv_nd30_date_line(&A, "Lâm Đồng", 2026, 3, 10),
		  "Lâm Đồng, ngày 10 tháng 3 năm 2026", "format.md §7 example");
	CHECK_STR(cv_nd30_date_line(&A, "Khánh Hòa", 2026, 1, 6),
		  "Khánh Hòa, ngày 06 tháng 01 năm 2026", "format.md §3.2 example");
	CHECK_STR(cv_nd30_date_line(&A, "Huế", 2025, 10, 1), "Huế, ngày 01 tháng 10 năm 2025",
		  "ND30-DATE-ZERO: day 1 padded, month 10 not");
	CHECK_STR(cv_nd30_date_line(&A, "Huế", 2025, 2, 10), "Huế, ngày 10 tháng 02 năm 2025",
		  "ND30-DATE-ZERO: day 10 not padded, February padded");
	CHECK_STR(cv_nd30_date_line(&A, "Huế", 2025, 3, 1), "Huế, ngày 01 tháng 3 năm 2025",
		  "ND30-DATE-ZERO: 1 March");

	/* draft: day 0 -> blank day and month, the given year */
	const char *want = S_cat("Hà Nội, ngày ", CV_BLANK, " tháng ", CV_BLANK, " năm 2026");
	CHECK_STR(cv_nd30_date_line(&A, "Hà Nội", 2026, 0, 0), want, "draft date line");
	CHECK_STR(cv_nd30_date_line(&A, "Hà Nội", 2026, 3, 0), want,
		  "draft date line when only the day is missing");

	/* every real date of a leap year and a common year is printed in a
	 * form the verbatim-line checker accepts: the two rules agree */
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int bad = 0;
	for (int m = 1; m <= 12; m++)
		for (int d = 1; d <= mdays[m - 1]; d++) {
			const char *line = cv_nd30_date_line(&A, "Hà Nội", 2024, m, d);
			if (cv_nd30_date_line_problem(line)) {
				if (!bad)
					fprintf(stderr, "  rejected own line: %s\n", line);
				bad++;
			}
		}
	CHECK(bad == 0, "cv_nd30_date_line_problem accepts every line cv_nd30_date_line builds");
}

/* ---- ND30-DATE-ZERO on a verbatim line: cv_nd30_date_line_problem ----- */

static void test_date_line_problem(void)
{
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 28 tháng 3 năm 2013") == NULL,
	      "good: ngày 28 tháng 3");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 05 tháng 01 năm 2020") == NULL,
	      "good: ngày 05 tháng 01");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 09 tháng 02 năm 2024") == NULL,
	      "good: ngày 09 tháng 02");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 31 tháng 12 năm 2024") == NULL,
	      "good: ngày 31 tháng 12");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 10 tháng 10 năm 2024") == NULL,
	      "good: ngày 10 tháng 10");
	CHECK(cv_nd30_date_line_problem("Hà Nội, tháng 3 năm 2013") == NULL,
	      "no day: nothing to check");
	CHECK(cv_nd30_date_line_problem("Số liệu năm 2013") == NULL, "no date at all");
	CHECK(cv_nd30_date_line_problem("") == NULL, "empty line");
	const char *draft = S_cat("Hà Nội, ngày ", CV_BLANK, " tháng ", CV_BLANK, " năm 2026");
	CHECK(cv_nd30_date_line_problem(draft) == NULL, "draft line with blanks is fine");

	const char *p;
	p = cv_nd30_date_line_problem("Hà Nội, ngày 28 tháng 03 năm 2013");
	CHECK(p != NULL, "bad: tháng 03");
	CHECK(p && strstr(p, "tháng 3"), "tháng 03: the message shows the right form");
	p = cv_nd30_date_line_problem("Hà Nội, ngày 5 tháng 3 năm 2013");
	CHECK(p != NULL, "bad: ngày 5");
	CHECK(p && strstr(p, "05"), "ngày 5: the message shows the right form");
	p = cv_nd30_date_line_problem("Hà Nội, ngày 15 tháng 1 năm 2013");
	CHECK(p != NULL, "bad: tháng 1");
	CHECK(p && strstr(p, "01"), "tháng 1: the message shows the right form");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 15 tháng 2 năm 2013") != NULL,
	      "bad: tháng 2");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 15 tháng 012 năm 2013") != NULL,
	      "bad: tháng 012");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 015 tháng 12 năm 2013") != NULL,
	      "bad: ngày 015");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 005 tháng 12 năm 2013") != NULL,
	      "bad: ngày 005 (three digits)");
	CHECK(cv_nd30_date_line_problem("Hà Nội, ngày 05 tháng 001 năm 2013") != NULL,
	      "bad: tháng 001 (three digits)");
}

/* ---- ND30-VV-PREFIX: cv_nd30_vv, cv_nd30_strip_vv ---------------------- */

static void test_vv(void)
{
	CHECK_STR(cv_nd30_vv(&A, "thi đua kỷ niệm 65 năm"), "V/v thi đua kỷ niệm 65 năm",
		  "ND30-VV-PREFIX: V/v added");
	CHECK_STR(cv_nd30_vv(&A, "V/v x"), "V/v x", "typed 'V/v ' not doubled");
	CHECK_STR(cv_nd30_vv(&A, "v/v x"), "V/v x", "typed 'v/v ' not doubled, case fixed");
	CHECK_STR(cv_nd30_vv(&A, "V/V: x"), "V/v x", "typed 'V/V: ' not doubled");
	CHECK_STR(cv_nd30_vv(&A, "V/v: x"), "V/v x", "typed 'V/v: ' not doubled");
	CHECK_STR(cv_nd30_vv(&A, "V/v thi đua"), "V/v thi đua", "1144/BHXH-TĐKT subject");
	CHECK_STR(cv_nd30_vv(&A, "Về việc x"), "V/v Về việc x", "only the abbreviation is recognised");
	CHECK(cv_nd30_vv(&A, NULL) == NULL, "NULL subject: no line");

	CHECK_STR(cv_nd30_strip_vv(&A, "V/v x"), "x", "strip 'V/v '");
	CHECK_STR(cv_nd30_strip_vv(&A, "V/V: x"), "x", "strip 'V/V: '");
	CHECK_STR(cv_nd30_strip_vv(&A, "v/v  x"), "x", "strip 'v/v  '");
	CHECK_STR(cv_nd30_strip_vv(&A, "x"), "x", "nothing to strip");
	CHECK_STR(cv_nd30_strip_vv(&A, "V/x"), "V/x", "not a V/v prefix");
	CHECK(cv_nd30_strip_vv(&A, NULL) == NULL, "strip NULL -> NULL");
}

/* ---- ND30-KG-LIST, ND30-NOINHAN-ITEM, ND30-KG-SINGLE ------------------- */

static void test_items(void)
{
	CHECK_STR(cv_nd30_dash_item(&A, "Như trên", 0), "- Như trên;", "ND30-NOINHAN-ITEM: '- X;'");
	CHECK_STR(cv_nd30_dash_item(&A, "Các đơn vị trực thuộc", 1), "- Các đơn vị trực thuộc.",
		  "ND30-KG-LIST: last item ends with '.'");
	CHECK_STR(cv_nd30_dash_item(&A, "Như trên;", 0), "- Như trên;", "typed ';' not doubled");
	CHECK_STR(cv_nd30_dash_item(&A, "Như trên;", 1), "- Như trên.", "typed ';' replaced by '.' at the end");
	CHECK_STR(cv_nd30_dash_item(&A, "Như trên.", 0), "- Như trên;", "typed '.' replaced by ';'");
	CHECK_STR(cv_nd30_dash_item(&A, "Như trên,", 0), "- Như trên;", "typed ',' replaced");
	CHECK_STR(cv_nd30_dash_item(&A, "Như trên ; ", 0), "- Như trên;", "typed ' ; ' replaced");
	CHECK_STR(cv_nd30_dash_item(&A, "Như trên;.", 1), "- Như trên.", "several marks stripped");
	CHECK_STR(cv_nd30_dash_item(&A, "- Như trên", 0), "- Như trên;", "typed '- ' not doubled");
	CHECK_STR(cv_nd30_dash_item(&A, "- Như trên;", 1), "- Như trên.", "typed '- ' and ';' together");
	CHECK_STR(cv_nd30_dash_item(&A, "Tổng Giám đốc (để b/c)", 0), "- Tổng Giám đốc (để b/c);",
		  "parentheses kept");
	CHECK_STR(cv_nd30_dash_item(&A, "Sở Tài chính./.", 1), "- Sở Tài chính.",
		  "a body closer './.' typed on an item is stripped (nd30.c says so)");

	CHECK_STR(cv_nd30_single_recipient(&A, "Sở Tài chính tỉnh Lâm Đồng"),
		  "Sở Tài chính tỉnh Lâm Đồng.", "ND30-KG-SINGLE: ends with '.'");
	CHECK_STR(cv_nd30_single_recipient(&A, "Sở Tài chính."), "Sở Tài chính.", "typed '.' not doubled");
	CHECK_STR(cv_nd30_single_recipient(&A, "Sở Tài chính;"), "Sở Tài chính.", "typed ';' replaced");
	CHECK_STR(cv_nd30_single_recipient(&A, "- Sở Tài chính"), "Sở Tài chính.", "typed dash dropped");

	CHECK_STR(cv_nd30_strip_end(&A, "x ;., "), "x", "strip_end: ; . , and spaces");
	CHECK_STR(cv_nd30_strip_end(&A, "x"), "x", "strip_end: nothing to strip");
	CHECK_STR(cv_nd30_strip_end(&A, ";;"), "", "strip_end: all punctuation");
	CHECK_STR(cv_nd30_strip_end(&A, ""), "", "strip_end: empty");
	CHECK_STR(cv_nd30_strip_end(&A, "a; b."), "a; b", "strip_end: inner ';' kept");
}

/* ---- ND30-NOINHAN-LUU: cv_nd30_luu ------------------------------------- */

static void test_luu(void)
{
	CHECK_STR(cv_nd30_luu(&A, "TĐKT (2)"), "- Lưu: VT, TĐKT (2).", "ND30-NOINHAN-LUU: unit and copies");
	CHECK_STR(cv_nd30_luu(&A, NULL), "- Lưu: VT.", "no luu: '- Lưu: VT.'");
	CHECK_STR(cv_nd30_luu(&A, ""), "- Lưu: VT.", "empty luu: '- Lưu: VT.'");
	CHECK_STR(cv_nd30_luu(&A, "VT, TCCB"), "- Lưu: VT, TCCB.", "typed 'VT,' not doubled");
	CHECK_STR(cv_nd30_luu(&A, "Lưu: VT, TCCB."), "- Lưu: VT, TCCB.", "typed 'Lưu: VT, … .' not doubled");
	CHECK_STR(cv_nd30_luu(&A, "- Lưu: VT, TCCB;"), "- Lưu: VT, TCCB.", "typed '- Lưu:' not doubled");
	CHECK_STR(cv_nd30_luu(&A, "VT"), "- Lưu: VT.", "typed 'VT' alone");
	CHECK_STR(cv_nd30_luu(&A, "VT."), "- Lưu: VT.", "typed 'VT.' alone");
	CHECK_STR(cv_nd30_luu(&A, "Lưu: VT"), "- Lưu: VT.", "typed 'Lưu: VT'");
	CHECK_STR(cv_nd30_luu(&A, "QLĐT"), "- Lưu: VT, QLĐT.", "cong-van-khan sample");
	CHECK_STR(cv_nd30_luu(&A, "VTTU"), "- Lưu: VT, VTTU.", "a unit starting with VT is kept");
	CHECK_STR(cv_nd30_luu(&A, "TCCB."), "- Lưu: VT, TCCB.", "typed final '.' not doubled");
}

/* ---- ô 12, ND30-DRAFTER-CODE: cv_nd30_drafter -------------------------- */

static void test_drafter(void)
{
	CHECK_STR(cv_nd30_drafter(&A, "PL", "300"), "PL.(300)", "ND30-DRAFTER-CODE: PL.(300)");
	CHECK_STR(cv_nd30_drafter(&A, "NTH", "35"), "NTH.(35)", "cong-van-khan sample");
	CHECK_STR(cv_nd30_drafter(&A, "PL", NULL), "PL.", "no copies: 'PL.'");
	CHECK_STR(cv_nd30_drafter(&A, "PL.", "300"), "PL.(300)", "typed '.' not doubled");
	CHECK_STR(cv_nd30_drafter(&A, "pl", "300"), "PL.(300)", "initials in upper case");
	CHECK_STR(cv_nd30_drafter(&A, "đh", "2"), "ĐH.(2)", "Vietnamese initials in upper case");
	CHECK(cv_nd30_drafter(&A, NULL, "300") == NULL, "no initials: no line");
}

/* ---- ND30-SIGN-PREFIX, ND30-SIGN-UPPER: power and title lines --------- */

static void test_sign(void)
{
	CHECK_STR(cv_nd30_power_line(&A, "KT", "Tổng Giám đốc", "Phó Tổng Giám đốc"), "KT. TỔNG GIÁM ĐỐC",
		  "ND30-SIGN-PREFIX: KT. + head title in upper case");
	CHECK_STR(cv_nd30_title_line(&A, "KT", "Phó Tổng Giám đốc"), "PHÓ TỔNG GIÁM ĐỐC",
		  "ND30-SIGN-UPPER: own title line under KT.");
	CHECK_STR(cv_nd30_power_line(&A, "TM", "Ủy ban nhân dân", "Chủ tịch"), "TM. ỦY BAN NHÂN DÂN",
		  "TM. + collective in upper case");
	CHECK_STR(cv_nd30_title_line(&A, "TM", "Chủ tịch"), "CHỦ TỊCH", "own title under TM.");
	CHECK_STR(cv_nd30_power_line(&A, "TL", "Bộ trưởng", "Chánh Văn phòng"), "TL. BỘ TRƯỞNG",
		  "TL. + head title");
	CHECK_STR(cv_nd30_title_line(&A, "TL", "Chánh Văn phòng"), "CHÁNH VĂN PHÒNG",
		  "own title under TL.");
	CHECK_STR(cv_nd30_power_line(&A, "TUQ", "Giám đốc", "Trưởng phòng"), "TUQ. GIÁM ĐỐC",
		  "TUQ. + head title");
	CHECK_STR(cv_nd30_title_line(&A, "TUQ", "Trưởng phòng"), "TRƯỞNG PHÒNG", "own title under TUQ.");

	/* Q.: the signer's own title, on one line; no second line */
	CHECK_STR(cv_nd30_power_line(&A, "Q", NULL, "Giám đốc"), "Q. GIÁM ĐỐC", "Q. + own title");
	CHECK_STR(cv_nd30_power_line(&A, "Q", "Tổng Giám đốc", "Giám đốc"), "Q. GIÁM ĐỐC",
		  "Q. ignores a head title");
	CHECK(cv_nd30_title_line(&A, "Q", "Giám đốc") == NULL, "Q. folds the title into one line");
	CHECK(cv_nd30_power_line(&A, "Q", NULL, NULL) == NULL, "Q. without a title: no line");

	/* no quyền hạn: the head signs in his own name */
	CHECK(cv_nd30_power_line(&A, NULL, "Tổng Giám đốc", "Giám đốc") == NULL, "no power: no power line");
	CHECK_STR(cv_nd30_title_line(&A, NULL, "Giám đốc"), "GIÁM ĐỐC", "no power: title line");
	CHECK(cv_nd30_title_line(&A, NULL, NULL) == NULL, "no title: no line");
	CHECK(cv_nd30_power_line(&A, "KT", NULL, "Phó Giám đốc") == NULL, "KT. without head title: no line");

	/* upper case is full Vietnamese mapping */
	CHECK_STR(cv_nd30_title_line(&A, NULL, "Tổng Giám đốc"), "TỔNG GIÁM ĐỐC", "TỔNG GIÁM ĐỐC");
	CHECK_STR(cv_nd30_title_line(&A, NULL, "phó giám đốc sở"), "PHÓ GIÁM ĐỐC SỞ", "all lower case typed");
	CHECK_STR(cv_nd30_title_line(&A, NULL, "PHÓ GIÁM ĐỐC"), "PHÓ GIÁM ĐỐC", "already upper case");
	CHECK_STR(cv_nd30_power_line(&A, "KT", "Ho\xCC\x80\xCC\x80", NULL), "KT. HÒ\xCC\x80",
		  "decomposed marks composed where possible (NFC out)");
}

/* ---- typed documents (ND30.md §4, [3.2]–[3.11]) ------------------------ */

static void test_types(void)
{
	CHECK_STR(cv_nd30_type_name("QĐ"), "Quyết định", "type name: QĐ");
	CHECK_STR(cv_nd30_type_name("TTr"), "Tờ trình", "type name: TTr");
	CHECK_STR(cv_nd30_type_name("SY"), "Bản sao y", "type name: SY");
	CHECK_STR(cv_nd30_type_name("KH"), "Kế hoạch", "type name: KH");
	CHECK_STR(cv_nd30_type_name("GUQ"), "Giấy ủy quyền", "type name: GUQ");
	CHECK(cv_nd30_type_name("qđ") == NULL, "type name: exact case only");
	CHECK(cv_nd30_type_name("TTR") == NULL, "type name: TTR is not TTr");
	CHECK(cv_nd30_type_name("XYZ") == NULL, "type name: unknown");
	CHECK(cv_nd30_type_name("") == NULL, "type name: empty");
	CHECK(cv_nd30_type_name(NULL) == NULL, "type name: NULL");

	CHECK_STR(cv_nd30_type_title(&A, "QĐ"), "QUYẾT ĐỊNH", "ND30-TITLE-PRESENT: QUYẾT ĐỊNH");
	CHECK_STR(cv_nd30_type_title(&A, "TTr"), "TỜ TRÌNH", "ND30-TITLE-PRESENT: TỜ TRÌNH");
	CHECK_STR(cv_nd30_type_title(&A, "NQ"), "NGHỊ QUYẾT", "ND30-TITLE-PRESENT: NGHỊ QUYẾT");
	CHECK_STR(cv_nd30_type_title(&A, "SY"), "SAO Y", "[3.11] SAO Y");
	CHECK_STR(cv_nd30_type_title(&A, "SL"), "SAO LỤC", "[3.11] SAO LỤC");
	CHECK_STR(cv_nd30_type_title(&A, "TrS"), "TRÍCH SAO", "[3.11] TRÍCH SAO");
	CHECK(cv_nd30_type_title(&A, "XYZ") == NULL, "type title: unknown");

	CHECK_STR(cv_nd30_symbol(&A, "QĐ", "UBND"), "QĐ-UBND", "ND30-SYMBOL-TYPE: code added");
	CHECK_STR(cv_nd30_symbol(&A, "QĐ", "QĐ-UBND"), "QĐ-UBND", "ND30-SYMBOL-TYPE: not doubled");
	CHECK_STR(cv_nd30_symbol(&A, "QĐ", "qđ-UBND"), "QĐ-UBND", "ND30-SYMBOL-TYPE: case fixed");
	CHECK_STR(cv_nd30_symbol(&A, "TTr", "TTR-SNV"), "TTr-SNV", "ND30-SYMBOL-TYPE: TTr case fixed");
	CHECK_STR(cv_nd30_symbol(&A, "QĐ", "NQ-HĐND"), "NQ-HĐND", "another type's code: as typed");
	CHECK_STR(cv_nd30_symbol(&A, "QĐ", "UBND-VX"), "QĐ-UBND-VX", "issuer with a unit");
	CHECK_STR(cv_nd30_symbol(&A, "QĐ", "QĐ"), "QĐ", "only the code typed");
	CHECK_STR(cv_nd30_symbol(&A, "QĐ", NULL), S_cat("QĐ-", CV_BLANK, NULL, NULL, NULL),
		  "no ký hiệu: blank after the code");
	CHECK_STR(cv_nd30_symbol(&A, NULL, "BHXH-TĐKT"), "BHXH-TĐKT", "công văn: no type code");
	CHECK_STR(cv_nd30_symbol(&A, "", "BHXH-TĐKT"), "BHXH-TĐKT", "empty type code");

	CHECK_STR(cv_nd30_trich_yeu(&A, "V/v ban hành Quy chế"), "Về việc ban hành Quy chế",
		  "[3.4] V/v written out");
	CHECK_STR(cv_nd30_trich_yeu(&A, "v/v: x"), "Về việc x", "[3.4] v/v: written out");
	CHECK_STR(cv_nd30_trich_yeu(&A, "Ban hành Quy chế"), "Ban hành Quy chế", "[3.4] plain subject");
	CHECK(cv_nd30_trich_yeu(&A, NULL) == NULL, "[3.4] NULL");

	CHECK_STR(cv_nd30_can_cu(&A, "Căn cứ Luật Tổ chức chính quyền địa phương", 0, "."),
		  "Căn cứ Luật Tổ chức chính quyền địa phương;", "ND30-CANCU-PUNCT: ';'");
	CHECK_STR(cv_nd30_can_cu(&A, "Căn cứ Luật X;", 0, "."), "Căn cứ Luật X;", "ND30-CANCU-PUNCT: not doubled");
	CHECK_STR(cv_nd30_can_cu(&A, "Theo đề nghị của Giám đốc;", 1, "."), "Theo đề nghị của Giám đốc.",
		  "ND30-CANCU-PUNCT: last ends with '.'");
	CHECK_STR(cv_nd30_can_cu(&A, "Theo đề nghị của Giám đốc.", 1, ","), "Theo đề nghị của Giám đốc,",
		  "ND30-CANCU-PUNCT: TT 01/2011 last ends with ','");

	CHECK_STR(cv_nd30_date_words(&A, 2024, 3, 5), "ngày 05 tháng 3 năm 2024", "date words: ngày 05 tháng 3");
	CHECK_STR(cv_nd30_date_words(&A, 2024, 2, 15), "ngày 15 tháng 02 năm 2024", "date words: tháng 02");
	CHECK_STR(cv_nd30_date_words(&A, 2024, 11, 30), "ngày 30 tháng 11 năm 2024", "date words: tháng 11");
	CHECK_STR(cv_nd30_date_words(&A, 2024, 0, 0), S_cat("ngày ", CV_BLANK, " tháng ", CV_BLANK, " năm 2024"),
		  "date words: draft");
	CHECK(cv_nd30_date_line_problem(cv_nd30_date_words(&A, 2024, 1, 9)) == NULL,
	      "date words pass the date-line check");

	CHECK_STR(cv_nd30_collective_line(&A, "Ủy ban nhân dân"), "TM. ỦY BAN NHÂN DÂN", "collective line");
	CHECK(cv_nd30_collective_line(&A, NULL) == NULL, "collective line: NULL");

	CHECK(cv_nd30_article_len("Điều 12. Phạm vi điều chỉnh") == strlen("Điều 12."), "ND30-DIEU-FORMAT: Điều 12.");
	CHECK(cv_nd30_article_len("Điều 1.") == strlen("Điều 1."), "ND30-DIEU-FORMAT: Điều 1. alone");
	CHECK(cv_nd30_article_len("Điều 1 Phạm vi") == 0, "no full stop: not an article");
	CHECK(cv_nd30_article_len("Điều12. x") == 0, "no space: not an article");
	CHECK(cv_nd30_article_len("Điều kiện. x") == 0, "'Điều kiện' is not an article");
	CHECK(cv_nd30_article_len("điều 3. x") == 0, "lower case 'điều' is not an article heading");
	CHECK(cv_nd30_article_len("Theo Điều 3. x") == 0, "only at the start");
	CHECK(cv_nd30_article_len("") == 0 && cv_nd30_article_len(NULL) == 0, "empty and NULL");

	const char *label = NULL, *title = NULL, *number = NULL;
	CHECK(cv_nd30_division(&A, "Chương II. Quy định chung", &label, &title) == 2, "ND30-CHUONG-ROMAN: Chương");
	CHECK_STR(label, "Chương II", "division label");
	CHECK_STR(title, "Quy định chung", "division title");
	label = title = NULL;
	CHECK(cv_nd30_division(&A, "CHƯƠNG III", &label, &title) == 2, "Chương in upper case");
	CHECK_STR(label, "Chương III", "division label in normal case");
	CHECK(title == NULL, "division without a title");
	CHECK(cv_nd30_division(&A, "Phần I - Tổng quan", &label, &title) == 1, "Phần");
	CHECK_STR(title, "Tổng quan", "Phần title after ' - '");
	CHECK(cv_nd30_division(&A, "Mục 1: Phạm vi", &label, &title) == 3, "Mục");
	CHECK_STR(label, "Mục 1", "Mục label");
	CHECK(cv_nd30_division(&A, "Tiểu mục 2", &label, &title) == 4, "Tiểu mục");
	CHECK(cv_nd30_division(&A, "Chương IV – Điều khoản thi hành", &label, &title) == 2, "en dash separator");
	CHECK_STR(title, "Điều khoản thi hành", "title after an en dash");
	CHECK(cv_nd30_division(&A, "Mục đích, ý nghĩa", &label, &title) == 0, "'Mục đích' is not a division");
	CHECK(cv_nd30_division(&A, "Mục lục", &label, &title) == 0, "'Mục lục' is not a division");
	CHECK(cv_nd30_division(&A, "Phần việc còn lại", &label, &title) == 0, "'Phần việc' is not a division");
	CHECK(cv_nd30_division(&A, "Chương trình công tác", &label, &title) == 0,
	      "'Chương trình' is not a division");
	CHECK(cv_nd30_division(&A, "Chương", &label, &title) == 0, "a bare word is not a division");
	CHECK(cv_nd30_division(&A, NULL, &label, &title) == 0, "division: NULL");

	CHECK(cv_nd30_appendix(&A, "Phụ lục II. Danh mục hồ sơ", &label, &title, &number) == 1,
	      "ND30-PHULUC-ROMAN: Phụ lục II.");
	CHECK_STR(label, "Phụ lục II", "appendix label");
	CHECK_STR(title, "Danh mục hồ sơ", "appendix title");
	CHECK_STR(number, "II", "appendix number");
	CHECK(cv_nd30_appendix(&A, "PHỤ LỤC 2", &label, &title, &number) == 1, "PHỤ LỤC 2");
	CHECK_STR(label, "Phụ lục 2", "appendix label in normal case");
	CHECK(title == NULL, "appendix without a title");
	CHECK(cv_nd30_appendix(&A, "Phụ lục", &label, &title, &number) == 1, "bare Phụ lục");
	CHECK_STR(label, "Phụ lục", "bare appendix label");
	CHECK(number == NULL && title == NULL, "bare appendix: no number, no title");
	CHECK(cv_nd30_appendix(&A, "Phụ lục: Biểu mẫu", &label, &title, &number) == 1, "Phụ lục: title");
	CHECK_STR(title, "Biểu mẫu", "appendix title after ':'");
	CHECK(number == NULL, "appendix with a title but no number");
	CHECK(cv_nd30_appendix(&A, "Phụ lục hóa các biểu mẫu", &label, &title, &number) == 0,
	      "'Phụ lục hóa' is not an appendix heading");
	CHECK(cv_nd30_appendix(&A, "Các phụ lục", &label, &title, &number) == 0, "only at the start");

	CHECK_STR(cv_nd30_roman(&A, 1), "I", "roman 1");
	CHECK_STR(cv_nd30_roman(&A, 4), "IV", "roman 4");
	CHECK_STR(cv_nd30_roman(&A, 9), "IX", "roman 9");
	CHECK_STR(cv_nd30_roman(&A, 12), "XII", "roman 12");
	CHECK_STR(cv_nd30_roman(&A, 40), "XL", "roman 40");
	CHECK_STR(cv_nd30_roman(&A, 1994), "MCMXCIV", "roman 1994");
	CHECK_STR(cv_nd30_roman(&A, 3999), "MMMCMXCIX", "roman 3999");

	CHECK_STR(cv_nd30_attached_to(&A, "Quyết định", "1258/QĐ-UBND", "ngày 05 tháng 3 năm 2024",
				      "Ủy ban nhân dân tỉnh Bắc Ninh"),
		  "(Kèm theo Quyết định số 1258/QĐ-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Bắc Ninh)",
		  "[3.10] reference line");
	CHECK_STR(cv_nd30_attached_to(&A, "Văn bản", "12/UBND-VX", "ngày 09 tháng 02 năm 2024", NULL),
		  "(Kèm theo Văn bản số 12/UBND-VX ngày 09 tháng 02 năm 2024)", "[3.10] without issuer");

	CHECK_STR(cv_nd30_kem_theo(&A, "Quyết định số 12/QĐ-UBND"), "(Kèm theo Quyết định số 12/QĐ-UBND)",
		  "kem_theo: wrapped");
	CHECK_STR(cv_nd30_kem_theo(&A, "Kèm theo Quyết định số 12/QĐ-UBND"),
		  "(Kèm theo Quyết định số 12/QĐ-UBND)", "kem_theo: typed 'Kèm theo' not doubled");
	CHECK_STR(cv_nd30_kem_theo(&A, "(Kèm theo Quyết định số 12/QĐ-UBND)"),
		  "(Kèm theo Quyết định số 12/QĐ-UBND)", "kem_theo: typed parentheses not doubled");
	CHECK_STR(cv_nd30_kem_theo(&A, "kèm theo Kế hoạch số 3/KH-UBND"), "(Kèm theo Kế hoạch số 3/KH-UBND)",
		  "kem_theo: lower-case 'kèm theo' not doubled");
	CHECK(cv_nd30_kem_theo(&A, NULL) == NULL, "kem_theo: NULL");

	CHECK_STR(cv_nd30_lower_first(&A, "Ông Nguyễn Văn A"), "ông Nguyễn Văn A", "lower first: Ông");
	CHECK_STR(cv_nd30_lower_first(&A, "Ủy ban nhân dân"), "ủy ban nhân dân", "lower first: Ủ");
	CHECK_STR(cv_nd30_lower_first(&A, "Đồng chí"), "đồng chí", "lower first: Đ");
	CHECK_STR(cv_nd30_lower_first(&A, "bà"), "bà", "lower first: already lower");
	CHECK_STR(cv_nd30_lower_first(&A, ""), "", "lower first: empty");
	CHECK(cv_nd30_lower_first(&A, NULL) == NULL, "lower first: NULL");
}

void run_tests(void)
{
	test_number();
	test_date_line();
	test_date_line_problem();
	test_vv();
	test_items();
	test_luu();
	test_drafter();
	test_sign();
	test_types();
	cv_arena_free(&A);
}
