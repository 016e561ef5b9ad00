/*
 * test_text.c — unit tests of src/base/text.c: UTF-8 validation with the
 * byte offset of the first bad byte, NFC (ND30-UTF8-NFC), Vietnamese upper
 * and lower case, and cv_squeeze.
 */
#include "harness.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

static cv_arena A = CV_ARENA_INIT;

/* cv_utf8_check on n bytes: expect valid (want_bad == -1) or the first bad
 * byte at offset want_bad, with a description containing `why_has`. */
static void S_utf8(int tline, const char *what, const char *s, size_t n, long want_bad,
		   const char *why_has)
{
	size_t bad = 12345;
	const char *why = NULL;
	int rc = cv_utf8_check(s, n, &bad, &why);
	char msg[256];
	if (want_bad < 0) {
		snprintf(msg, sizeof msg, "%s: valid", what);
		cv_test_ok(rc == 0, __FILE__, tline, msg);
		return;
	}
	snprintf(msg, sizeof msg, "%s: rejected", what);
	cv_test_ok(rc == 1, __FILE__, tline, msg);
	if (rc == 1 && bad != (size_t)want_bad)
		fprintf(stderr, "  %s: bad byte at %zu, want %ld\n", what, bad, want_bad);
	snprintf(msg, sizeof msg, "%s: offset of the bad byte", what);
	cv_test_ok(rc == 1 && bad == (size_t)want_bad, __FILE__, tline, msg);
	snprintf(msg, sizeof msg, "%s: reason", what);
	cv_test_ok(rc == 1 && why && (!why_has || strstr(why, why_has)), __FILE__, tline, msg);
}
#define UTF8_OK(what, lit) S_utf8(__LINE__, (what), (lit), sizeof(lit) - 1, -1, NULL)
#define UTF8_BAD(what, lit, off, has) S_utf8(__LINE__, (what), (lit), sizeof(lit) - 1, (off), (has))

static void test_utf8_check(void)
{
	UTF8_OK("empty", "");
	UTF8_OK("ASCII", "co_quan: So Tu phap\n");
	UTF8_OK("Vietnamese precomposed", "Bảo hiểm xã hội Việt Nam, Đà Nẵng, Thừa Thiên Huế");
	UTF8_OK("Vietnamese decomposed", "Ho\xCC\x80" "a");
	UTF8_OK("tab, LF, CR allowed", "a\tb\r\nc\n");
	UTF8_OK("4-byte sequence", "\xF0\x9F\x98\x80 emoji");
	UTF8_OK("U+FEFF BOM", "\xEF\xBB\xBFx");
	UTF8_OK("last code point U+10FFFF", "\xF4\x8F\xBF\xBF");
	UTF8_OK("U+E000 after the surrogates", "\xEE\x80\x80");
	UTF8_OK("U+FFFD replacement character", "\xEF\xBF\xBD");
	UTF8_OK("U+10FFFE (XML allows the other noncharacters)", "\xF4\x8F\xBF\xBE");

	/* "ab\0cd": NUL at byte 2 */
	UTF8_BAD("NUL byte", "ab\0cd", 2, "NUL");
	UTF8_BAD("NUL byte first", "\0", 0, "NUL");
	UTF8_BAD("control char 0x01", "Việt\x01Nam", 6, "control");
	UTF8_BAD("control char ESC", "x\x1B[0m", 1, "control");
	UTF8_BAD("form feed", "x\fy", 1, "control");
	UTF8_BAD("vertical tab", "x\vy", 1, "control");
	/* "Hà" is 3 bytes, then a lone continuation byte */
	UTF8_BAD("lone continuation byte", "H\xC3\xA0\x80", 3, "UTF-8");
	UTF8_BAD("truncated 3-byte sequence at the end", "Vi\xE1\xBB", 2, "UTF-8");
	UTF8_BAD("truncated 2-byte sequence before ASCII", "ab\xC3x", 2, "UTF-8");
	UTF8_BAD("truncated 4-byte sequence", "\xF0\x9F\x98", 0, "UTF-8");
	UTF8_BAD("overlong '/' (C0 AF)", "a/\xC0\xAF", 2, "UTF-8");
	UTF8_BAD("overlong NUL (C0 80)", "\xC0\x80", 0, "UTF-8");
	UTF8_BAD("overlong 3-byte (E0 80 AF)", "xy\xE0\x80\xAF", 2, "UTF-8");
	UTF8_BAD("surrogate U+D800", "Hà\xED\xA0\x80", 3, "UTF-8");
	UTF8_BAD("surrogate U+DFFF", "\xED\xBF\xBF", 0, "UTF-8");
	UTF8_BAD("above U+10FFFF", "\xF4\x90\x80\x80", 0, "UTF-8");
	/* not XML 1.0 characters: a DOCX with one does not open */
	UTF8_BAD("U+FFFF", "Chí\xEF\xBF\xBF Minh", 4, "U+FFFF");
	UTF8_BAD("U+FFFE", "\xEF\xBF\xBE", 0, "U+FFFE");
	UTF8_BAD("byte 0xFF", "ok \xFF", 3, "UTF-8");
	UTF8_BAD("byte 0xF8", "\xF8\x88\x80\x80\x80", 0, "UTF-8");
	/* TCVN3 (ABC) "Hµ Néi": 0xB5 is a lone continuation byte in UTF-8 */
	UTF8_BAD("TCVN3 bytes", "H\xB5 N\xE9i", 1, "TCVN3");
	/* Windows-1258 "Vi\xD2t" */
	UTF8_BAD("cp1258 byte", "Vi\xD2t Nam", 2, "UTF-8");
	/* the first bad byte is reported, not a later one */
	UTF8_BAD("first of two errors", "a\xFF" "b\0", 1, "UTF-8");

	/* the check stops at n: a bad byte after n is not seen */
	size_t bad = 0;
	const char *why = NULL;
	CHECK(cv_utf8_check("abc\xFF", 3, &bad, &why) == 0, "bytes beyond n are not read");
}

static void test_utf8_next(void)
{
	int32_t cp = 0;
	CHECK(cv_utf8_next("a", 1, &cp) == 1 && cp == 'a', "next: ASCII");
	CHECK(cv_utf8_next("\xC3\xA0", 2, &cp) == 2 && cp == 0xE0, "next: à (2 bytes)");
	CHECK(cv_utf8_next("\xE1\xBB\x87", 3, &cp) == 3 && cp == 0x1EC7, "next: ệ (3 bytes)");
	CHECK(cv_utf8_next("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600, "next: 4 bytes");
	CHECK(cv_utf8_next("\xFF", 1, &cp) == 1 && cp == 0xFFFD, "next: invalid -> U+FFFD, 1 byte");
	CHECK(cv_utf8_next("\xE1\xBB", 2, &cp) == 1 && cp == 0xFFFD, "next: truncated -> U+FFFD");
	CHECK(cv_utf8_next("\xE1\xBB\x87", 2, &cp) == 1 && cp == 0xFFFD, "next: n cuts the sequence");
}

/* NFC of the code points c[0..n) by utf8proc, without allocating; the
 * number of code points of the result, in out. */
static utf8proc_ssize_t S_nfc32(const int32_t *c, int n, utf8proc_int32_t *out, int cap)
{
	utf8proc_uint8_t u[16];
	utf8proc_ssize_t len = 0;
	for (int i = 0; i < n; i++)
		len += utf8proc_encode_char(c[i], u + len);
	utf8proc_ssize_t k = utf8proc_decompose(u, len, out, cap, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	return k < 0 ? k : utf8proc_normalize_utf32(out, k, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* cv_is_nfc's fast path takes any string of cv_nfc_safe code points as
 * NFC: true when each is NFC alone with combining class 0 (so nothing is
 * reordered) and no two compose (canonical composition joins a starter
 * with the next starter or marks only, so pairs are enough). */
static void test_nfc_safe(void)
{
	static int32_t set[4096];
	int n = 0, bad = 0;
	char first[96] = "";
	for (int32_t c = 0; c < 0x3000; c++) {
		if (!cv_nfc_safe(c) || (c >= 0xD800 && c < 0xE000))
			continue;
		utf8proc_int32_t out[8];
		if (c == 0) /* NUL is refused on input; utf8proc stops at it */
			continue;
		if (utf8proc_get_property(c)->combining_class != 0 || S_nfc32(&c, 1, out, 8) != 1 || out[0] != c) {
			if (!bad++)
				snprintf(first, sizeof first, "U+%04X", (unsigned)c);
			continue;
		}
		set[n++] = c;
	}
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < n; j++) {
			int32_t pair[2] = {set[i], set[j]};
			utf8proc_int32_t out[8];
			if (S_nfc32(pair, 2, out, 8) != 2 || out[0] != pair[0] || out[1] != pair[1]) {
				if (!bad++)
					snprintf(first, sizeof first, "U+%04X U+%04X", (unsigned)pair[0], (unsigned)pair[1]);
			}
		}
	}
	char msg[160];
	snprintf(msg, sizeof msg, "%d NFC-safe code points, every pair NFC (first failure: %s)", n,
		 bad ? first : "none");
	CHECK(bad == 0 && n > 1000, msg);
	/* the fast path and utf8proc agree on the edges of the set */
	CHECK(!cv_is_nfc("\xE2\x80\x80", 3), "U+2000 (en quad) is not NFC: it is U+2002");
	CHECK(!cv_is_nfc("\xE2\x84\xA6", 3), "U+2126 (ohm sign) is not NFC");
	CHECK(cv_is_nfc("\xE2\x82\xAB \xE2\x80\x9C\xE1\xBB\x87\xE2\x80\x9D", 13), "₫ “ệ” is NFC");
}

static utf8proc_int32_t S_ref_up(utf8proc_int32_t c, void *data)
{
	(void)data;
	return utf8proc_toupper(c);
}

static utf8proc_int32_t S_ref_low(utf8proc_int32_t c, void *data)
{
	(void)data;
	return utf8proc_tolower(c);
}

/* cv_upper and cv_lower map NFC-safe text code point by code point without
 * utf8proc's normalisation: the same result as mapping then composing, for
 * every code point of the set (between two letters), and for a few outside
 * it (which take the slow path). */
static void test_case_fast(void)
{
	int bad = 0;
	char first[64] = "";
	for (int32_t c = 1; c < 0x3000; c++) {
		if (c >= 0xD800 && c < 0xE000)
			continue;
		char s[16];
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t k = utf8proc_encode_char(c, u);
		s[0] = 'x';
		memcpy(s + 1, u, (size_t)k);
		s[1 + k] = 'y';
		s[2 + k] = '\0';
		for (int up = 0; up < 2; up++) {
			utf8proc_uint8_t *ref = NULL;
			utf8proc_map_custom((const utf8proc_uint8_t *)s, 0, &ref,
					    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE, up ? S_ref_up : S_ref_low,
					    NULL);
			const char *got = up ? cv_upper(&A, s) : cv_lower(&A, s);
			if (!ref || strcmp(got, (const char *)ref)) {
				if (!bad++)
					snprintf(first, sizeof first, "U+%04X (%s)", (unsigned)c, up ? "upper" : "lower");
			}
			free(ref);
		}
	}
	char msg[192];
	snprintf(msg, sizeof msg, "cv_upper/cv_lower agree with utf8proc up to U+3000 (first difference: %s)",
		 bad ? first : "none");
	CHECK(bad == 0, msg);
}

static void test_nfc(void)
{
	/* "Hòa" = H o U+0300 a  ->  H U+00F2 a */
	const char *dec = "Ho\xCC\x80" "a";
	CHECK(!cv_is_nfc(dec, strlen(dec)), "decomposed 'Hòa' is not NFC");
	CHECK_STR(cv_nfc(&A, dec, strlen(dec)), "H\xC3\xB2" "a", "NFC of decomposed 'Hòa'");
	CHECK_STR(cv_nfc(&A, dec, strlen(dec)), "Hòa", "NFC 'Hòa' is the precomposed one");

	const char *pre = "Khánh Hòa, Thừa Thiên Huế, Bảo hiểm xã hội Việt Nam";
	CHECK(cv_is_nfc(pre, strlen(pre)), "precomposed Vietnamese is NFC");
	CHECK_STR(cv_nfc(&A, pre, strlen(pre)), pre, "NFC leaves NFC text unchanged");
	CHECK(cv_is_nfc("", 0), "empty is NFC");
	CHECK(cv_is_nfc("abc", 3), "ASCII is NFC");
	CHECK_STR(cv_nfc(&A, "", 0), "", "NFC of empty");

	/* two marks: ệ = e + U+0323 (dot below) + U+0302 (circumflex) */
	CHECK_STR(cv_nfc(&A, "Vie\xCC\xA3\xCC\x82t", 8), "Vi\xE1\xBB\x87t",
		  "NFC: e + dot below + circumflex -> ệ");
	/* marks typed in the other order are reordered canonically first */
	CHECK_STR(cv_nfc(&A, "Vie\xCC\x82\xCC\xA3t", 8), "Vi\xE1\xBB\x87t",
		  "NFC: e + circumflex + dot below -> ệ");
	/* partially composed: ê + U+0323 -> ệ */
	CHECK_STR(cv_nfc(&A, "Vi\xC3\xAA\xCC\xA3t", 7), "Vi\xE1\xBB\x87t", "NFC: ê + dot below -> ệ");
	/* đ has no decomposition */
	CHECK_STR(cv_nfc(&A, "\xC4\x91", 2), "đ", "NFC: đ unchanged");
	/* n limits the input; the copy is NUL-terminated */
	CHECK_STR(cv_nfc(&A, "Hòa Bình", 4), "Hòa", "NFC of a prefix (n bytes)");
	/* U+0340 (combining grave tone mark) is a singleton: NFC maps it to U+0300 */
	CHECK_STR(cv_nfc(&A, "o\xCD\x80", 3), "\xC3\xB2", "NFC: singleton U+0340 -> ò");
	/* compatibility characters are NOT folded by NFC (that would be NFKC) */
	CHECK_STR(cv_nfc(&A, "\xEF\xAC\x81", 3), "\xEF\xAC\x81", "NFC keeps the ligature ﬁ");
	CHECK(!cv_is_nfc("o\xCD\x80", 3), "U+0340 is not NFC");
}

static void test_case(void)
{
	CHECK_STR(cv_upper(&A, "Bảo hiểm xã hội Việt Nam"), "BẢO HIỂM XÃ HỘI VIỆT NAM", "upper: BHXH");
	CHECK_STR(cv_upper(&A, "đ"), "Đ", "upper: đ -> Đ");
	CHECK_STR(cv_upper(&A, "ủy ban nhân dân"), "ỦY BAN NHÂN DÂN", "upper: ủy ban nhân dân");
	CHECK_STR(cv_upper(&A, "Sở Nông nghiệp và Môi trường"), "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
		  "upper: ơ ư ệ");
	CHECK_STR(cv_upper(&A, "UBND tỉnh Khánh Hòa"), "UBND TỈNH KHÁNH HÒA", "upper: mixed");
	CHECK_STR(cv_upper(&A, "ầ ẩ ẫ ấ ậ ằ ẳ ẵ ắ ặ ỳ ỷ ỹ ý ỵ"), "Ầ Ẩ Ẫ Ấ Ậ Ằ Ẳ Ẵ Ắ Ặ Ỳ Ỷ Ỹ Ý Ỵ",
		  "upper: every tone on â ă y");
	CHECK_STR(cv_upper(&A, "ờ ở ỡ ớ ợ ừ ử ữ ứ ự"), "Ờ Ở Ỡ Ớ Ợ Ừ Ử Ữ Ứ Ự", "upper: every tone on ơ ư");
	CHECK_STR(cv_upper(&A, "BHXH-TĐKT 2013"), "BHXH-TĐKT 2013", "upper: upper case and digits kept");
	CHECK_STR(cv_upper(&A, ""), "", "upper: empty");
	/* decomposed in, NFC out */
	CHECK_STR(cv_upper(&A, "Kha\xCC\x81nh Ho\xCC\x80" "a"), "KH\xC3\x81NH H\xC3\x92" "A",
		  "upper: decomposed input gives NFC output");
	CHECK_STR(cv_upper(&A, "vie\xCC\xA3\xCC\x82t"), "VI\xE1\xBB\x86T",
		  "upper: decomposed ệ gives precomposed Ệ");

	CHECK_STR(cv_lower(&A, "ỦY BAN NHÂN DÂN"), "ủy ban nhân dân", "lower: ỦY BAN NHÂN DÂN");
	CHECK_STR(cv_lower(&A, "Đ"), "đ", "lower: Đ -> đ");
	CHECK_STR(cv_lower(&A, "BẢO HIỂM XÃ HỘI VIỆT NAM"), "bảo hiểm xã hội việt nam", "lower: BHXH");
	CHECK_STR(cv_lower(&A, "H\xC3\x92" "A"), "hòa", "lower: HÒA");
	CHECK_STR(cv_lower(&A, "HO\xCC\x80" "A"), "h\xC3\xB2" "a", "lower: decomposed in, NFC out");
	CHECK_STR(cv_lower(&A, "abc 123"), "abc 123", "lower: already lower");

	/* round trip on a long Vietnamese text */
	const char *t = "Phát huy truyền thống yêu nước, tạo khí thế thi đua sôi nổi";
	CHECK_STR(cv_lower(&A, cv_upper(&A, t)), "phát huy truyền thống yêu nước, tạo khí thế thi đua sôi nổi",
		  "lower(upper(x))");
}

static void test_squeeze(void)
{
	CHECK_STR(cv_squeeze(&A, "  a \t b\n c  "), "a b c", "squeeze: runs and ends");
	CHECK_STR(cv_squeeze(&A, "Sở   Tài\r\nchính"), "Sở Tài chính", "squeeze: CRLF and spaces");
	CHECK_STR(cv_squeeze(&A, "abc"), "abc", "squeeze: nothing to do");
	CHECK_STR(cv_squeeze(&A, ""), "", "squeeze: empty");
	CHECK_STR(cv_squeeze(&A, " \t\n "), "", "squeeze: only whitespace");
	CHECK_STR(cv_squeeze(&A, "x "), "x", "squeeze: trailing space");
	CHECK_STR(cv_squeeze(&A, " x"), "x", "squeeze: leading space");
	/* a no-break space is not ASCII whitespace: kept */
	CHECK_STR(cv_squeeze(&A, "a\xC2\xA0" "b"), "a\xC2\xA0" "b", "squeeze: NBSP kept");
}

static void test_ascii_fold(void)
{
	CHECK_STR(cv_ascii_fold(&A, "Hà Nội"), "Ha Noi", "fold: Hà Nội");
	CHECK_STR(cv_ascii_fold(&A, "Đà Nẵng"), "Da Nang", "fold: Đ -> D");
	CHECK_STR(cv_ascii_fold(&A, "đường Trường Sơn"), "duong Truong Son", "fold: đ ư ơ");
	CHECK_STR(cv_ascii_fold(&A, "Khánh Hòa"), "Khanh Hoa", "fold: keeps case");
	CHECK_STR(cv_ascii_fold(&A, "BẢO HIỂM XÃ HỘI"), "BAO HIEM XA HOI", "fold: upper case");
	CHECK_STR(cv_ascii_fold(&A, "Ho\xCC\x80" "a"), "Hoa", "fold: decomposed input");
	CHECK_STR(cv_ascii_fold(&A, "a\xE2\x80\x93" "b"), "a b", "fold: en dash -> space");
	CHECK_STR(cv_ascii_fold(&A, "x\xF0\x9F\x98\x80y"), "x y", "fold: emoji -> one space");
	CHECK_STR(cv_ascii_fold(&A, "so-12_ok.md"), "so-12_ok.md", "fold: ASCII unchanged");
	CHECK_STR(cv_ascii_fold(&A, ""), "", "fold: empty");
}

/* The one escaper (base/buf.c): the five entities, and what XML 1.0
 * cannot carry made U+FFFD, so that no part is ever ill-formed. */
static void S_esc(const char *in, size_t n, const char *want, const char *what)
{
	cv_buf b = CV_BUF_INIT;
	cv_buf_put_escaped(&b, in, n);
	CHECK_STR(cv_buf_cstr(&b), want, what);
	cv_buf_free(&b);
}

static void test_escape(void)
{
	S_esc("a<b>&\"'", 7, "a&lt;b&gt;&amp;&quot;&#39;", "escape: the five");
	S_esc("Hà Nội", strlen("Hà Nội"), "Hà Nội", "escape: Vietnamese untouched");
	S_esc("a\tb\nc\rd", 7, "a\tb\nc\rd", "escape: tab, LF, CR kept");
	S_esc("a\x01" "b\x1F", 4, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD", "escape: C0 controls -> U+FFFD");
	S_esc("x\0y", 3, "x\xEF\xBF\xBDy", "escape: NUL -> U+FFFD");
	S_esc("\xEF\xBF\xBF|\xEF\xBF\xBE", 7, "\xEF\xBF\xBD|\xEF\xBF\xBD", "escape: U+FFFF, U+FFFE -> U+FFFD");
	S_esc("\xEF\xBB\xBF" "\xEF\xBF\xBD", 6, "\xEF\xBB\xBF" "\xEF\xBF\xBD", "escape: U+FEFF, U+FFFD untouched");
	S_esc("end \xEF\xBF", 6, "end \xEF\xBF", "escape: a cut sequence at the end is left");
}

void run_tests(void)
{
	test_escape();
	test_utf8_check();
	test_utf8_next();
	test_nfc();
	test_nfc_safe();
	test_case_fast();
	test_case();
	test_squeeze();
	test_ascii_fold();
	cv_arena_free(&A);
}
