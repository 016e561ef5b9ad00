/*
 * test_metrics.c — unit tests for cv_text_width (src/model/metrics.c).
 *
 * The figures are checked against the Liberation Serif tables baked into
 * fonts/liberation-serif-{regular,bold}.h, which are metric-compatible with Times New Roman; the header
 * rules in the DOCX/HTML output are sized from these numbers, so the test
 * also prints the widths the layout code will see.
 */
#include "harness.h"
#include "model/metrics.h"

#include <math.h>

static double S_w(const char *s, int bold, double size_pt)
{
	return cv_text_width(s, strlen(s), bold, size_pt);
}

static int S_near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void S_test_digits(void)
{
	/* Times/Liberation digits are 1024/2048 em wide in both weights */
	CHECK(S_near(S_w("0", 0, 12), 6.0), "'0' regular 12 pt is 6.0 pt");
	CHECK(S_near(S_w("0", 1, 12), 6.0), "'0' bold 12 pt is 6.0 pt");
	CHECK(S_near(S_w("2020", 0, 13), 26.0), "four digits at 13 pt are 26.0 pt");
	CHECK(S_near(S_w(" ", 0, 12), 3.0), "space is 512/2048 em");
	/* width scales linearly with the size */
	CHECK(S_near(S_w("Hà Nội", 0, 24), 2.0 * S_w("Hà Nội", 0, 12)), "linear in size");
}

static void S_test_weights(void)
{
	CHECK(S_w("BẢO HIỂM XÃ HỘI", 1, 12) > S_w("BẢO HIỂM XÃ HỘI", 0, 12),
		"bold upper case is wider than regular");
	CHECK(!S_near(S_w("Ộ", 1, 12), S_w("Ộ", 0, 12)), "bold and regular Ộ differ");
}

static void S_test_vietnamese(void)
{
	CHECK(S_w("Ộ", 0, 12) > 0.0, "precomposed Ộ has a width");
	CHECK(S_near(S_w("Ộ", 0, 12), S_w("O", 0, 12)), "Ộ is as wide as O");
	CHECK(S_near(S_w("Đ", 0, 12), S_w("O", 0, 12)), "Đ U+0110 is in the table");
	/* O + COMBINING CIRCUMFLEX + COMBINING DOT BELOW: the marks advance 0 */
	CHECK(S_near(S_w("O\xCC\x82\xCC\xA3", 0, 12), S_w("O", 0, 12)),
		"decomposed Ộ is as wide as its base letter");
	/* advances read off fonts/liberation-serif-regular.h (2048 units/em) */
	CHECK(S_near(S_w("\xE2\x82\xAB", 0, 2048), 1050.0), "the đồng sign U+20AB is 1050 units");
	CHECK(S_near(S_w("ư", 0, 2048), 1110.0), "ư U+01B0 is 1110 units");
	CHECK(S_near(S_w("\xE2\x80\x93", 0, 12), 6.0), "en dash U+2013 is half an em");
}

static void S_test_edges(void)
{
	double zero = S_w("0", 0, 12);
	CHECK(S_near(S_w("", 0, 12), 0.0), "empty string is 0");
	CHECK(S_near(cv_text_width(NULL, 0, 0, 12), 0.0), "NULL with n 0 is 0");
	CHECK(S_near(cv_text_width("AB", 1, 0, 12), S_w("A", 0, 12)), "only n bytes are measured");
	/* U+4E2D is not in the tables: counts as a '0' */
	CHECK(S_near(S_w("\xE4\xB8\xAD", 0, 12), zero), "unknown code point counts as '0'");
	CHECK(S_near(S_w("\xFF", 0, 12), zero), "invalid byte counts as '0'");
	CHECK(S_near(S_w("\xC0\x80", 0, 12), 2 * zero), "overlong NUL is two bad bytes");
	CHECK(S_near(S_w("\xED\xA0\x80", 0, 12), 3 * zero), "surrogate is three bad bytes");
	/* a sequence cut short by n: each byte of it is one unknown char */
	CHECK(S_near(cv_text_width("\xE1\xBB\x98", 2, 0, 12), 2 * zero), "truncated sequence");
	CHECK(S_near(S_w("\x80" "A", 0, 12), zero + S_w("A", 0, 12)),
		"stray continuation byte then A");
}

static void S_test_figures(void)
{
	double tieu = S_w("Độc lập - Tự do - Hạnh phúc", 1, 13);
	double quoc = S_w("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, 12);
	double bh12 = S_w("BẢO HIỂM XÃ HỘI VIỆT NAM", 1, 12);
	double bh13 = S_w("BẢO HIỂM XÃ HỘI VIỆT NAM", 1, 13);
	double kg = S_w("Kính gửi:", 0, 14);

	printf("Tiêu ngữ bold 13 pt: %.3f pt\n", tieu);
	printf("Quốc hiệu bold 12 pt: %.3f pt\n", quoc);
	printf("BẢO HIỂM XÃ HỘI VIỆT NAM bold 12 pt: %.3f pt, 13 pt: %.3f pt\n", bh12, bh13);
	printf("Kính gửi: regular 14 pt: %.3f pt\n", kg);
	CHECK(tieu > 150.0 && tieu < 200.0, "Tiêu ngữ bold 13 pt is between 150 and 200 pt");
	CHECK(quoc > tieu, "Quốc hiệu is wider than the Tiêu ngữ");
	CHECK(quoc > 200.0 && quoc < 300.0, "Quốc hiệu bold 12 pt is plausible");
	CHECK(S_near(bh13, bh12 * 13.0 / 12.0), "13 pt is 13/12 of 12 pt");
}

void run_tests(void)
{
	S_test_digits();
	S_test_weights();
	S_test_vietnamese();
	S_test_edges();
	S_test_figures();
}
