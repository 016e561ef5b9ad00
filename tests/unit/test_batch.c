/*
 * test_batch.c — unit tests of the batch pieces (src/batch/): SHA-256
 * against the FIPS 180-4 example vectors, ASCII folding (base/text.c) and
 * output names, the name set, and the three table readers on small files
 * written here (CSV quoting, BOM, CRLF, ragged rows, bad quoting; an XLSX
 * written with libzip; YAML lists of mappings).
 */
#include "harness.h"
#include "base/buf.h"
#include "base/text.h"
#include "batch/names.h"
#include "batch/sha256.h"
#include "batch/table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/dl_zip.h" /* <zip.h>; libzip is loaded on first use */

static cv_arena A = CV_ARENA_INIT;
static char S_dir[64];

/* ---- SHA-256 -------------------------------------------------------------- */

static const char *S_hex(const void *data, size_t n)
{
	static char hex[65];
	unsigned char d[32];
	cv_sha256(data, n, d);
	cv_sha256_hex(d, hex);
	return hex;
}

static void test_sha256(void)
{
	/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf") */
	CHECK_STR(S_hex("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty");
	CHECK_STR(S_hex("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	CHECK_STR(S_hex(two, strlen(two)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
		  "two-block message (448 bits)");
	/* one million 'a', fed in uneven pieces to cross block boundaries */
	cv_sha256_ctx c;
	cv_sha256_init(&c);
	char chunk[997];
	memset(chunk, 'a', sizeof chunk);
	size_t left = 1000000;
	while (left) {
		size_t n = left < sizeof chunk ? left : sizeof chunk;
		cv_sha256_update(&c, chunk, n);
		left -= n;
	}
	unsigned char d[32];
	char hex[65];
	cv_sha256_final(&c, d);
	cv_sha256_hex(d, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "a million 'a'");
	/* 55, 56 and 64 bytes: the padding edge cases */
	char a64[64];
	memset(a64, 'a', sizeof a64);
	CHECK_STR(S_hex(a64, 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318", "55 bytes");
	CHECK_STR(S_hex(a64, 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a", "56 bytes");
	CHECK_STR(S_hex(a64, 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb", "64 bytes");
	/* the fast path (the processor's SHA instructions, where it has them)
	 * and the portable code agree on every length up to a few blocks */
	static unsigned char buf[1100];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof buf; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(x >> 16);
	}
	int differ = 0;
	for (size_t n = 0; n <= sizeof buf; n++) {
		unsigned char d1[32], d2[32];
		cv_sha256(buf, n, d1);
		cv_sha256_portable(buf, n, d2);
		differ += memcmp(d1, d2, 32) != 0;
	}
	CHECK(differ == 0, "SHA-256: fast path and portable code agree on 0 to 1100 bytes");
}

/* ---- folding and names ------------------------------------------------------- */

static void test_fold(void)
{
	CHECK_STR(cv_ascii_fold(&A, "Hà Nội"), "Ha Noi", "marks stripped");
	CHECK_STR(cv_ascii_fold(&A, "Đà Nẵng, đường"), "Da Nang, duong", "đ and Đ");
	CHECK_STR(cv_ascii_fold(&A, "Thừa Thiên Huế – Ơn"), "Thua Thien Hue   On", "horn letters; a dash is a space");
	CHECK_STR(cv_ascii_fold(&A, "Ho\xCC\x80" "a"), "Hoa", "decomposed input");
	CHECK_STR(cv_ascii_fold(&A, "x\xF0\x9F\x98\x80y"), "x y", "an emoji is a space");

	CHECK_STR(cv_name_fold(&A, "Hà Nội"), "ha-noi", "file name");
	CHECK_STR(cv_name_fold(&A, "Thành phố Hồ Chí Minh"), "thanh-pho-ho-chi-minh", "file name, longer");
	CHECK_STR(cv_name_fold(&A, "../../etc/passwd"), "etc-passwd", "no way out of the folder");
	CHECK_STR(cv_name_fold(&A, ".hidden"), "hidden", "no leading dot");
	CHECK_STR(cv_name_fold(&A, "<b>&</b> **x** {{y}}"), "b-b-x-y", "markup is only characters");
	CHECK_STR(cv_name_fold(&A, "  --  "), "", "nothing left");
	CHECK_STR(cv_name_fold(&A, "CON"), "con-", "a Windows device name");
	CHECK_STR(cv_name_fold(&A, "com1"), "com1-", "COM1 too");
	CHECK_STR(cv_name_fold(&A, "console"), "console", "but not a longer word");
	char longs[300];
	memset(longs, 'x', sizeof longs - 1);
	longs[sizeof longs - 1] = '\0';
	CHECK(strlen(cv_name_fold(&A, longs)) == CV_NAME_MAX, "cut at CV_NAME_MAX");
	char cut[200];
	snprintf(cut, sizeof cut, "%.*s b", CV_NAME_MAX - 1, longs);
	const char *f = cv_name_fold(&A, cut);
	CHECK(strlen(f) == CV_NAME_MAX - 1 && f[strlen(f) - 1] == 'x', "no dash left at the cut");

	const char *names[] = {"ma", "ten"};
	const char *vals[] = {"01", "Hà Nội"};
	cv_vars v = {names, vals, 2};
	CHECK_STR(cv_name_make(&A, "{{row}}-{{ten}}", &v, 7, 3), "007-ha-noi", "{{row}} zero-padded");
	CHECK_STR(cv_name_make(&A, "{{ma}}{{ten}}", &v, 7, 1), "01-ha-noi", "values kept apart");
	CHECK_STR(cv_name_make(&A, "{{ row }}_{{ ten }}", &v, 12, 2), "12-ha-noi", "spaces in the braces");
	const char *empty[] = {"", ""};
	cv_vars e = {names, empty, 2};
	CHECK_STR(cv_name_make(&A, "{{ten}}", &e, 5, 2), "row-05", "empty: row-N");
	CHECK_STR(cv_name_default(&A, "ma"), "{{row}}-{{ma}}", "default pattern");

	char err[512];
	CHECK(cv_name_check("{{row}}-{{ten}}", names, 2, err, sizeof err) == 0, "pattern with known names");
	CHECK(cv_name_check("{{tinh}}", names, 2, err, sizeof err) != 0, "unknown placeholder refused");
	CHECK(strstr(err, "{{tinh}}") && strstr(err, "ma, ten"), "message names it and the columns");

	/* a pattern starting with {{row}} gives unique names by construction:
	 * the row's digits, then a '-' or nothing */
	CHECK(cv_name_by_row("{{row}}-{{ten}}") && cv_name_by_row("{{ row }}{{ma}}") && cv_name_by_row("{{row}}"),
	      "{{row}} first: unique by construction");
	CHECK(!cv_name_by_row("{{ten}}-{{row}}") && !cv_name_by_row("x{{row}}") && !cv_name_by_row("{{ten}}"),
	      "{{row}} not first: the set is needed");
	CHECK_STR(cv_name_make(&A, "{{row}}{{ma}}", &v, 7, 3), "007-01", "the row's digits stay apart from a value's");
	CHECK_STR(cv_name_make(&A, "{{row}}", &e, 12, 2), "12", "{{row}} alone");

	FILE *sf = tmpfile();
	CHECK(sf != NULL, "a scratch file for the name set");
	if (!sf)
		return;
	cv_nameset *s = cv_nameset_new(fileno(sf), 5008);
	char *a1 = cv_nameset_claim(s, "a"), *a2 = cv_nameset_claim(s, "a"), *a3 = cv_nameset_claim(s, "a-2"),
	     *a4 = cv_nameset_claim(s, "a");
	CHECK_STR(a1, "a", "first claim");
	CHECK_STR(a2, "a-2", "second: -2");
	CHECK_STR(a3, "a-2-2", "a name that is someone's suffix");
	CHECK_STR(a4, "a-3", "third: -3");
	free(a1);
	free(a2);
	free(a3);
	free(a4);
	/* many equal names stay fast and distinct */
	char *last = NULL;
	for (int i = 0; i < 5000; i++) {
		free(last);
		last = cv_nameset_claim(s, "x");
	}
	CHECK_STR(last, "x-5000", "5000 equal names");
	free(last);
	char *y = cv_nameset_claim(s, "x-5000");
	CHECK_STR(y, "x-5000-2", "a suffixed name is taken too");
	free(y);
	for (int i = 0; i < 3; i++)
		free(cv_nameset_claim(s, "z"));
	errno = 0;
	CHECK(cv_nameset_claim(s, "w") == NULL && errno == ENOSPC, "no more names than the set was made for");
	cv_nameset_free(s);
	fclose(sf);

	cv_buf b = CV_BUF_INIT;
	cv_csv_put_field(&b, "plain");
	cv_buf_putc(&b, '|');
	cv_csv_put_field(&b, "a,b \"c\"");
	cv_buf_putc(&b, '|');
	cv_csv_put_field(&b, "");
	CHECK_STR(cv_buf_cstr(&b), "plain|\"a,b \"\"c\"\"\"|", "CSV field quoting");
	cv_buf_free(&b);
}

/* ---- table readers ------------------------------------------------------------ */

static const char *S_file(const char *name, const char *data, size_t n)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", S_dir, name);
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, n, f);
	fclose(f);
	return path;
}
#define FILE_OF(name, lit) S_file((name), (lit), sizeof(lit) - 1)

/* All rows of a table as "v1|v2;…" with "!BAD(where):msg" and "!FATAL:msg"
 * entries; the columns as "c1,c2>" first.  Static buffer. */
static const char *S_dump(const char *path, const char *sheet)
{
	static char out[8192];
	char err[1024];
	cv_rows *t = cv_rows_open(path, sheet, err, sizeof err);
	if (!t) {
		snprintf(out, sizeof out, "!OPEN:%s", err);
		return out;
	}
	cv_buf b = CV_BUF_INIT;
	for (size_t i = 0; i < cv_rows_ncols(t); i++)
		cv_buf_printf(&b, "%s%s", i ? "," : "", cv_rows_columns(t)[i]);
	cv_buf_putc(&b, '>');
	const char *const *v;
	long where;
	int rc;
	while ((rc = cv_rows_next(t, &v, &where, err, sizeof err)) != CV_ROWS_END) {
		if (rc == CV_ROWS_FATAL) {
			cv_buf_printf(&b, "!FATAL:%s", err);
			break;
		}
		if (rc == CV_ROWS_BAD) {
			cv_buf_printf(&b, "!BAD(%ld):%s;", where, err);
			continue;
		}
		cv_buf_printf(&b, "@%ld:", where);
		for (size_t i = 0; i < cv_rows_ncols(t); i++)
			cv_buf_printf(&b, "%s%s", i ? "|" : "", v[i]);
		cv_buf_putc(&b, ';');
	}
	cv_rows_close(t);
	snprintf(out, sizeof out, "%s", cv_buf_cstr(&b));
	cv_buf_free(&b);
	return out;
}

static void test_csv(void)
{
	const char *p = FILE_OF("q.csv", "ten,ghi chu\n"
					 "\"Hà Nội, thủ đô\",\"nói \"\"xin chào\"\"\"\n"
					 "\"hai\ndòng\",x\n"
					 "Huế,  có dấu cách  \n"
					 "cuối,không xuống dòng");
	CHECK_STR(S_dump(p, NULL),
		  "ten,ghi chu>@2:Hà Nội, thủ đô|nói \"xin chào\";@3:hai\ndòng|x;@5:Huế|  có dấu cách  ;"
		  "@6:cuối|không xuống dòng;",
		  "RFC 4180 quoting, line breaks in quotes, spaces kept, no final newline");
	p = FILE_OF("bom.csv", "\xEF\xBB\xBF" "ma,ten\r\n01,Hà Nội\r\n\r\n\"02\",\"a\r\nb\"\r\n");
	CHECK_STR(S_dump(p, NULL), "ma,ten>@2:01|Hà Nội;@4:02|a\nb;", "BOM dropped, CR LF, CR LF in quotes, blank line");
	p = FILE_OF("rag.csv", "a,b,c\n1,2,3\n1,2\n4,5,6\n7,8,9,10\n");
	const char *got = S_dump(p, NULL);
	CHECK(strstr(got, "!BAD(3):") && strstr(got, "rag.csv:3: 2 fields, but the first line names 3 columns"),
	      "a short row is bad, with its line");
	CHECK(strstr(got, "!BAD(5):") && strstr(got, "@4:4|5|6;"), "a long row is bad; the others are read");
	p = FILE_OF("quote.csv", "a,b\n1,x\"y\n");
	CHECK(strstr(S_dump(p, NULL), "!FATAL:") && strstr(S_dump(p, NULL), "quote.csv:2: bad quoting"),
	      "a quote inside an unquoted field stops the reading, with the line");
	p = FILE_OF("open.csv", "a,b\n1,\"never closed\n2,3\n");
	CHECK(strstr(S_dump(p, NULL), "open.csv:2: a quoted field is never closed"),
	      "an unclosed quote names the row's line");
	p = FILE_OF("dup.csv", "a,b,a\n1,2,3\n");
	CHECK(strstr(S_dump(p, NULL), "!OPEN:") && strstr(S_dump(p, NULL), "columns 1 and 3 are both named 'a'"),
	      "duplicate column names");
	p = FILE_OF("noname.csv", "a,,c\n1,2,3\n");
	CHECK(strstr(S_dump(p, NULL), "column 2 has no name"), "a column without a name");
	p = FILE_OF("brace.csv", "a,{{b}}\n1,2\n");
	CHECK(strstr(S_dump(p, NULL), "cannot hold '{'"), "a column name with braces");
	p = FILE_OF("empty.csv", "");
	CHECK(strstr(S_dump(p, NULL), "empty: the first line names the columns"), "an empty file");
	p = FILE_OF("latin1.csv", "a,b\nH\xE0 N\xF4i,1\nok,2\n");
	got = S_dump(p, NULL);
	CHECK(strstr(got, "!BAD(2):") && strstr(got, "column 'a'") && strstr(got, "@3:ok|2;"),
	      "a cell that is not UTF-8 spoils its row only");
	CHECK(strstr(S_dump("/nonexistent/x.csv", NULL), "cannot open"), "a missing file");
	CHECK(strstr(S_dump(p, "Sheet1"), "--sheet is for .xlsx"), "--sheet on a CSV");
	CHECK(strstr(S_dump("t.xls", NULL), "save the table as .xlsx or .csv"), "an old .xls");
	CHECK(strstr(S_dump("t.txt", NULL), "unknown table format"), "an unknown extension");

	/* a cell over the limit: bad row; a runaway quote: stopped early */
	cv_buf big = CV_BUF_INIT;
	cv_buf_puts(&big, "a,b\n1,");
	for (size_t i = 0; i < CV_ROWS_MAX_CELL + 10; i++)
		cv_buf_putc(&big, 'x');
	cv_buf_puts(&big, "\n2,3\n");
	p = S_file("big.csv", big.ptr, big.len);
	got = S_dump(p, NULL);
	CHECK(strstr(got, "!BAD(2):") && strstr(got, "longer than 1 MiB") && strstr(got, "@3:2|3;"),
	      "a cell over 1 MiB spoils its row only");
	cv_buf_clear(&big);
	cv_buf_puts(&big, "a,b\n1,\"");
	for (size_t i = 0; i < CV_ROWS_MAX_CELL + 10000; i++)
		cv_buf_putc(&big, i % 100 ? 'x' : '\n');
	p = S_file("runaway.csv", big.ptr, big.len);
	CHECK(strstr(S_dump(p, NULL), "is a closing \" missing in the row starting on line 2?"),
	      "a runaway quote is stopped at 1 MiB");
	cv_buf_free(&big);
}

static void test_yaml(void)
{
	const char *p = FILE_OF("d.yaml", "# a comment\n"
					  "- ten: Hà Nội\n"
					  "  so: 12\n"
					  "- ten: Huế\n"
					  "  kinh_gui:\n"
					  "    - Sở A\n"
					  "    - Sở B\n"
					  "  ky: {ho_ten: Trần B}\n"
					  "  ghi_chu: ~\n");
	CHECK_STR(S_dump(p, NULL),
		  "ten,so,kinh_gui,ky.ho_ten,ghi_chu>@2:Hà Nội|12|||;@4:Huế||Sở A\nSở B|Trần B|;",
		  "keys in order met, lists as lines, mappings as dotted columns, null empty");
	p = FILE_OF("bad.yaml", "- a: 1\n- 5\n- a: [x, [y]]\n- a: 3\n");
	const char *got = S_dump(p, NULL);
	CHECK(strstr(got, "!BAD(2):") && strstr(got, "expected a mapping"), "an item that is not a mapping");
	CHECK(strstr(got, "!BAD(3):") && strstr(got, "bad.yaml:3: a: expected text"), "a nested list");
	CHECK(strstr(got, "@4:3;"), "rows after bad ones are read");
	p = FILE_OF("map.yaml", "a: 1\n");
	CHECK(strstr(S_dump(p, NULL), "expected a list of mappings"), "a mapping at the top");
	p = FILE_OF("alias.yaml", "- a: &x 1\n- a: *x\n");
	CHECK(strstr(S_dump(p, NULL), "!OPEN:") && strstr(S_dump(p, NULL), "alias.yaml:1:"),
	      "anchors refused (as in the front matter)");
	p = FILE_OF("syntax.yaml", "- a: [1\n");
	CHECK(strstr(S_dump(p, NULL), "!OPEN:syntax.yaml") || strstr(S_dump(p, NULL), "syntax.yaml:"),
	      "a YAML syntax error names the file");
}

/* ---- XLSX, written here with libzip ------------------------------------------ */

static void S_zadd(zip_t *z, const char *name, const char *text)
{
	zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);
	zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8);
}

#define XNS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define PKG_RELS "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char *S_xlsx(const char *name, const char *sheet1, const char *sst)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", S_dir, name);
	unlink(path);
	int e;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
	S_zadd(z, "_rels/.rels", PKG_RELS "<Relationship Id=\"rId1\" Type=\"" RT "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
	S_zadd(z, "xl/workbook.xml", "<workbook " XNS " " RNS "><workbookPr/><sheets><sheet name=\"Một\" sheetId=\"1\" r:id=\"rId1\"/>"
				     "<sheet name=\"Hai\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>");
	S_zadd(z, "xl/_rels/workbook.xml.rels",
	       PKG_RELS "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
			"<Relationship Id=\"rId2\" Type=\"" RT "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
			"<Relationship Id=\"rId3\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/>"
			"<Relationship Id=\"rId4\" Type=\"" RT "styles\" Target=\"styles.xml\"/></Relationships>");
	S_zadd(z, "xl/styles.xml", "<styleSheet " XNS "><numFmts><numFmt numFmtId=\"164\" formatCode=\"[$-42A]d/m/yyyy;@\"/>"
				   "<numFmt numFmtId=\"165\" formatCode=\"&quot;ngày&quot; 0\"/></numFmts>"
				   "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>");
	S_zadd(z, "xl/worksheets/sheet1.xml", sheet1);
	S_zadd(z, "xl/worksheets/sheet2.xml", "<worksheet " XNS "><sheetData><row><c t=\"inlineStr\"><is><t>k</t></is></c></row>"
					      "<row><c t=\"inlineStr\"><is><t>hai</t></is></c></row></sheetData></worksheet>");
	if (sst)
		S_zadd(z, "xl/sharedStrings.xml", sst);
	zip_close(z);
	return path;
}

static void test_xlsx(void)
{
	const char *sst = "<sst " XNS "><si><t>ten</t></si><si><t>so</t></si><si><t>ngay</t></si>"
			  "<si><t>Hà Nội</t></si><si><r><t>Đà </t></r><r><rPr><b/></rPr><t>Nẵng</t></r>"
			  "<rPh><t>X</t></rPh></si><si><t xml:space=\"preserve\"> sp </t></si></sst>";
	const char *sheet = "<worksheet " XNS "><sheetData>"
			    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
			    "<c r=\"D2\" t=\"s\"><v>2</v></c></row>"
			    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\"><v>215</v></c>"
			    "<c r=\"D3\" s=\"1\"><v>46034</v></c></row>"
			    "<row r=\"4\"/>"
			    "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>4</v></c><c r=\"D5\" s=\"2\"><v>60</v></c></row>"
			    "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>a &amp; &lt;b&gt;</t></is></c>"
			    "<c r=\"B6\"><v>0.30000000000000004</v></c><c r=\"D6\" s=\"3\"><v>7</v></c></row>"
			    "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>5</v></c><c r=\"B7\" t=\"b\"><v>1</v></c>"
			    "<c r=\"D7\" t=\"str\"><f>1+1</f><v>2</v></c></row>"
			    "<row r=\"8\"><c r=\"A8\" t=\"e\"><v>#N/A</v></c></row>"
			    "<row r=\"9\"><c r=\"A9\" t=\"s\"><v>3</v></c><c r=\"C9\" t=\"inlineStr\"><is><t>lạc</t></is></c></row>"
			    "<row r=\"10\"><c r=\"A10\" t=\"s\"><v>99</v></c></row>"
			    "<row r=\"11\"><c r=\"A11\" s=\"1\"><v>1</v></c><c r=\"B11\" s=\"2\"><v>61</v></c></row>"
			    "</sheetData></worksheet>";
	const char *p = S_xlsx("t.xlsx", sheet, sst);
	const char *got = S_dump(p, NULL);
	CHECK(strncmp(got, "ten,so,ngay>", 12) == 0, "columns from the first row with values; an empty column skipped");
	CHECK(strstr(got, "@3:Hà Nội|215|2026-01-12;"), "shared string, number, date format → YYYY-MM-DD");
	CHECK(strstr(got, "@5:Đà Nẵng||!") == NULL && strstr(got, "!BAD(5):") && strstr(got, "60 is not a date"),
	      "rich text; Excel's 29 February 1900 is refused");
	CHECK(strstr(got, "@6:a & <b>|0.3|7;"), "inline string, float noise, a number format that is not a date");
	CHECK(strstr(got, "@7: sp |TRUE|2;"), "spaces kept, boolean, formula's cached value");
	CHECK(strstr(got, "!BAD(8):") && strstr(got, "cell A8 holds the error #N/A"), "an error value spoils the row");
	CHECK(strstr(got, "!BAD(9):") && strstr(got, "cell C9 has a value, but column C has no name"),
	      "a value under a column without a name");
	CHECK(strstr(got, "!BAD(10):") && strstr(got, "shared string 99 does not exist"), "a bad shared string index");
	CHECK(strstr(got, "@11:1900-01-01|1900-03-01|;"), "serials 1 and 61 (either side of the 1900 bug)");
	CHECK(strstr(got, "@4") == NULL, "an empty row is no document");

	got = S_dump(p, "Hai");
	CHECK_STR(got, "k>@2:hai;", "--sheet names another sheet (rows without r= attributes)");
	got = S_dump(p, "Ba");
	CHECK(strstr(got, "no sheet named 'Ba'; the sheets are: 'Một', 'Hai'"), "an unknown sheet lists the sheets");

	p = S_xlsx("nosst.xlsx", "<worksheet " XNS "><sheetData><row><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
				 "<row><c><v>1</v></c></row></sheetData></worksheet>", NULL);
	CHECK_STR(S_dump(p, NULL), "a>@2:1;", "no shared strings part");
	p = S_xlsx("broken.xlsx", "<worksheet " XNS "><sheetData><row><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
				  "<row><c><v>1</v></row></sheetData></worksheet>", NULL);
	/* libxml2 reads ahead, so the error may come with the column names */
	CHECK((strstr(S_dump(p, NULL), "!FATAL:") || strstr(S_dump(p, NULL), "!OPEN:")) &&
		      strstr(S_dump(p, NULL), "not well-formed") && strstr(S_dump(p, NULL), "mismatch"),
	      "broken XML stops the reading, with libxml2's reason");
	p = S_xlsx("dtd.xlsx", "<!DOCTYPE x [<!ENTITY a \"b\">]><worksheet " XNS "><sheetData/></worksheet>", NULL);
	CHECK(strstr(S_dump(p, NULL), "DTD"), "a DTD is refused");
	p = FILE_OF("fake.xlsx", "ma,ten\n1,2\n");
	CHECK(strstr(S_dump(p, NULL), "not a zip package"), "a CSV named .xlsx");
}

void run_tests(void)
{
	snprintf(S_dir, sizeof S_dir, "/tmp/cv-test-batch-XXXXXX");
	if (!mkdtemp(S_dir)) {
		CHECK(0, "temporary folder");
		return;
	}
	test_sha256();
	test_fold();
	test_csv();
	test_yaml();
	test_xlsx();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", S_dir);
	cv_arena_free(&A);
}
