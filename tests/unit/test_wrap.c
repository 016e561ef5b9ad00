/*
 * test_wrap.c — unit tests for cv_wrap_balanced (src/model/wrap.c).
 *
 * Each case is measured with the real Liberation Serif metrics (bold 12 pt
 * unless stated), and the column width is chosen so that the case needs the
 * wrap it tests: the test first checks that the name does not fit (or does)
 * in one line, so a later change to the font tables cannot turn a case into
 * a trivial one silently.  Widths quoted in comments are bold 12 pt.
 *
 * Every case also goes through one memo shared by all of them
 * (cv_wrap_memo_lines), twice: computed, then remembered; both must equal
 * the direct result, so a memo that confused two cases (same text at
 * another width, another text in the same slot) fails here.
 */
#include "harness.h"
#include "model/metrics.h"
#include "model/wrap.h"

#include <stdarg.h>

static cv_wrap_memo *S_memo;

/* The memo's lines for a case, twice, against the direct ones. */
static void S_check_memo(const char *what, const char *text, int bold, double size_pt, double max_pt,
	char **want, int nwant)
{
	char msg[512];
	for (int round = 0; round < 2; round++) {
		cv_arena a = CV_ARENA_INIT;
		char **lines = NULL;
		int n = cv_wrap_memo_lines(S_memo, &a, text, bold, size_pt, max_pt, &lines);
		snprintf(msg, sizeof msg, "%s: memo round %d gives %d lines (got %d)", what, round + 1, nwant, n);
		CHECK(n == nwant, msg);
		for (int i = 0; i < n && i < nwant; i++) {
			snprintf(msg, sizeof msg, "%s: memo round %d, line %d", what, round + 1, i + 1);
			CHECK_STR(lines[i], want[i], msg);
		}
		cv_arena_free(&a);
	}
}

static double S_w(const char *s, int bold, double size_pt)
{
	return cv_text_width(s, strlen(s), bold, size_pt);
}

/*
 * Wrap `text` and compare with the expected lines (NULL-terminated list).
 * Also checks the contract: every line of more than one word fits.
 */
static void S_expect(const char *what, const char *text, int bold, double size_pt, double max_pt,
	...)
{
	cv_arena a = CV_ARENA_INIT;
	char **lines = NULL;
	int n = cv_wrap_balanced(&a, text, bold, size_pt, max_pt, &lines);
	va_list ap;
	int want = 0;
	char msg[512];

	va_start(ap, max_pt);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL; want++) {
		snprintf(msg, sizeof msg, "%s: line %d", what, want + 1);
		CHECK_STR(want < n ? lines[want] : NULL, s, msg);
	}
	va_end(ap);
	snprintf(msg, sizeof msg, "%s: %d lines (got %d)", what, want, n);
	CHECK(n == want, msg);
	for (int i = 0; i < n; i++) {
		int fits = S_w(lines[i], bold, size_pt) <= max_pt + 1e-9 || !strchr(lines[i], ' ');
		snprintf(msg, sizeof msg, "%s: line %d fits or is one word", what, i + 1);
		CHECK(fits, msg);
	}
	S_check_memo(what, text, bold, size_pt, max_pt, lines, n);
	cv_arena_free(&a);
}

/* Precondition of a case: the text is (or is not) wider than the column. */
static void S_needs_wrap(const char *text, int bold, double size_pt, double max_pt, int needs)
{
	char msg[512];
	snprintf(msg, sizeof msg, "precondition: \"%s\" %s %.0f pt", text,
		needs ? "overflows" : "fits in", max_pt);
	CHECK((S_w(text, bold, size_pt) > max_pt) == !!needs, msg);
}

static void S_test_bhxh(void)
{
	const char *t = "BẢO HIỂM XÃ HỘI VIỆT NAM"; /* 173.0 pt */
	S_needs_wrap(t, 1, 12, 180, 0);
	S_expect("BHXH fits", t, 1, 12, 180, "BẢO HIỂM XÃ HỘI VIỆT NAM", NULL);
	/* greedy filling would give "BẢO HIỂM XÃ HỘI VIỆT / NAM" (141.4 pt) */
	S_needs_wrap(t, 1, 12, 160, 1);
	CHECK(S_w("BẢO HIỂM XÃ HỘI VIỆT", 1, 12) <= 160, "greedy would leave NAM alone");
	S_expect("BHXH 160", t, 1, 12, 160, "BẢO HIỂM XÃ HỘI", "VIỆT NAM", NULL);
	/* 187.4 pt at 13 pt: the same name no longer fits a 180 pt column */
	S_needs_wrap(t, 1, 13, 180, 1);
	S_expect("BHXH 13 pt", t, 1, 13, 180, "BẢO HIỂM XÃ HỘI", "VIỆT NAM", NULL);
}

static void S_test_ubnd(void)
{
	const char *t = "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"; /* 209.3 pt */
	S_needs_wrap(t, 1, 12, 180, 1);
	S_expect("UBND Bắc Ninh", t, 1, 12, 180, "ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", NULL);

	/* "UBND / THÀNH PHỐ HỒ CHÍ MINH" would leave UBND alone */
	t = "UBND THÀNH PHỐ HỒ CHÍ MINH"; /* 194.3 pt */
	S_needs_wrap(t, 1, 12, 180, 1);
	S_expect("UBND HCM", t, 1, 12, 180, "UBND THÀNH PHỐ", "HỒ CHÍ MINH", NULL);

	/* "XÃ HỘI" is not the administrative unit "XÃ" */
	t = "BẢO HIỂM XÃ HỘI TỈNH BẮC NINH"; /* 205.4 pt */
	S_needs_wrap(t, 1, 12, 180, 1);
	S_expect("BHXH Bắc Ninh", t, 1, 12, 180, "BẢO HIỂM XÃ HỘI", "TỈNH BẮC NINH", NULL);
}

static void S_test_va(void)
{
	const char *t = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"; /* 210.6 pt */
	S_needs_wrap(t, 1, 12, 180, 1);
	S_expect("Sở NN&MT", t, 1, 12, 180, "SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG", NULL);

	/* 250.2 pt; "BỘ LAO ĐỘNG - THƯƠNG BINH" alone is 183.2 pt, so the
	 * balanced break after the dash; never a line opening with "-" */
	t = "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI";
	S_needs_wrap(t, 1, 12, 180, 1);
	S_expect("Bộ LĐTBXH", t, 1, 12, 180, "BỘ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI", NULL);
	S_expect("Bộ LĐTBXH one line", t, 1, 12, 260, "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", NULL);
}

static void S_test_provinces(void)
{
	/* greedy: "CỤC THUẾ TỈNH BÀ RỊA -" / "VŨNG TÀU" */
	const char *t = "CỤC THUẾ TỈNH BÀ RỊA - VŨNG TÀU"; /* 215.0 pt */
	S_needs_wrap(t, 1, 12, 180, 1);
	S_expect("Cục Thuế BR-VT", t, 1, 12, 180, "CỤC THUẾ", "TỈNH BÀ RỊA - VŨNG TÀU", NULL);

	/* the unit word stays with its (unlisted) name: not "HUYỆN / GIA LÂM" */
	t = "ỦY BAN NHÂN DÂN HUYỆN GIA LÂM THÀNH PHỐ HÀ NỘI"; /* 338.7 pt */
	S_needs_wrap(t, 1, 12, 220, 1);
	S_expect("UBND Gia Lâm 220", t, 1, 12, 220, "ỦY BAN NHÂN DÂN HUYỆN GIA LÂM",
		"THÀNH PHỐ HÀ NỘI", NULL);
	S_expect("UBND Gia Lâm 160", t, 1, 12, 160, "ỦY BAN NHÂN DÂN", "HUYỆN GIA LÂM",
		"THÀNH PHỐ HÀ NỘI", NULL);
}

static void S_test_three_lines(void)
{
	/* 352.6 pt: less than two 180 pt columns in total, yet no single
	 * break gives two lines that fit, so three */
	const char *t = "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH BÀ RỊA - VŨNG TÀU";
	S_needs_wrap(t, 1, 12, 180, 1);
	CHECK(S_w(t, 1, 12) < 2 * 180, "precondition: Sở TN&MT BR-VT is under 360 pt");
	S_expect("Sở TN&MT BR-VT", t, 1, 12, 180, "SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG",
		"TỈNH BÀ RỊA - VŨNG TÀU", NULL);
	/* at 210 pt two lines suffice */
	S_expect("Sở TN&MT BR-VT 210", t, 1, 12, 210, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
		"TỈNH BÀ RỊA - VŨNG TÀU", NULL);

	t = "BAN CHỈ ĐẠO PHÒNG CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN TỈNH BÀ RỊA - VŨNG TÀU";
	S_needs_wrap(t, 1, 12, 2 * 210, 1); /* 536.6 pt: more than two lines */
	S_expect("BCĐ PCTT 3 lines", t, 1, 12, 210, "BAN CHỈ ĐẠO PHÒNG CHỐNG",
		"THIÊN TAI VÀ TÌM KIẾM CỨU NẠN", "TỈNH BÀ RỊA - VŨNG TÀU", NULL);
	S_expect("BCĐ PCTT 4 lines", t, 1, 12, 160, "BAN CHỈ ĐẠO", "PHÒNG CHỐNG THIÊN TAI",
		"VÀ TÌM KIẾM CỨU NẠN", "TỈNH BÀ RỊA - VŨNG TÀU", NULL);
}

static void S_test_long_word(void)
{
	const char *big = "VIETNAMPOSTTELECOMMUNICATIONS";
	const char *t = "CÔNG TY CỔ PHẦN VIETNAMPOSTTELECOMMUNICATIONS HÀ NỘI";
	CHECK(S_w(big, 1, 12) > 180, "precondition: the long word alone overflows"); /* 238.7 pt */
	S_expect("long word", t, 1, 12, 180, "CÔNG TY CỔ PHẦN", big, "HÀ NỘI", NULL);
	S_expect("long word alone", big, 1, 12, 100, big, NULL);
}

static void S_test_edges(void)
{
	S_expect("empty", "", 1, 12, 180, "", NULL);
	S_expect("spaces only", "   ", 1, 12, 180, "", NULL);
	S_expect("extra spaces", "  BỘ   Y TẾ ", 1, 12, 180, "BỘ Y TẾ", NULL);
	S_needs_wrap("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", 0, 13, 150, 1); /* 221.7 pt */
	S_expect("regular weight", "ỦY BAN NHÂN DÂN TỈNH BẮC NINH", 0, 13, 150,
		"ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", NULL);
	/* a zero-width column: every word is over-long, one per line */
	S_expect("zero width", "BỘ Y TẾ", 1, 12, 0, "BỘ", "Y", "TẾ", NULL);
}

/* Mixed-case text (a công văn's V/v) is matched against the word tables
 * through its upper-case form: "kế hoạch" stays whole, and the regular
 * parent line "UBND THÀNH PHỐ HỒ CHÍ MINH" breaks before the city's name. */
static void S_test_mixed_case(void)
{
	S_expect("V/v keeps 'kế hoạch' whole",
		 "V/v báo cáo tình hình giải ngân kế hoạch vốn đầu tư công năm 2025", 0, 12, 176,
		 "V/v báo cáo tình hình giải ngân", "kế hoạch vốn đầu tư công năm 2025", NULL);
	/* a word followed by a comma is still the table's word: "bảo hiểm /
	 * xã hội," would split BẢO HIỂM XÃ HỘI */
	S_expect("V/v keeps 'bảo hiểm xã hội,' whole",
		 "V/v giao chỉ tiêu phát triển người tham gia bảo hiểm xã hội, bảo hiểm y tế năm 2026", 0, 12, 176,
		 "V/v giao chỉ tiêu phát triển", "người tham gia bảo hiểm xã hội,", "bảo hiểm y tế năm 2026", NULL);
	S_expect("UBND THÀNH PHỐ / HỒ CHÍ MINH, regular 12 pt", "UBND THÀNH PHỐ HỒ CHÍ MINH", 0, 12, 182,
		 "UBND THÀNH PHỐ", "HỒ CHÍ MINH", NULL);
}

/* The memo keeps no text longer than a header line: such a text is broken
 * anew each time, with the same lines. */
static void S_test_memo_long_text(void)
{
	char text[2200] = "";
	for (int i = 0; i < 100; i++) /* 1 100 bytes */
		strcat(text, i ? " BẢO HIỂM" : "BẢO HIỂM");
	cv_arena a = CV_ARENA_INIT;
	char **direct = NULL;
	int n = cv_wrap_balanced(&a, text, 1, 12, 200, &direct);
	S_check_memo("a text too long to keep", text, 1, 12, 200, direct, n);
	cv_arena_free(&a);
}

void run_tests(void)
{
	S_memo = cv_wrap_memo_new();
	S_test_mixed_case();
	S_test_bhxh();
	S_test_ubnd();
	S_test_va();
	S_test_provinces();
	S_test_three_lines();
	S_test_long_word();
	S_test_edges();
	S_test_memo_long_text();
	cv_wrap_memo_free(S_memo);
}
