/*
 * test_types.c — unit tests of the typed documents: the type fields of
 * read/meta.c (checked only for the types that list them), the body
 * structure of render/body_writer.c (Phần/Chương/Mục, "Điều N.", the
 * appendices) and whole renders through the built-in templates (the
 * tên loại, căn cứ punctuation under nd30 and tt01, signatures, appendix
 * numbering).  The ND30 text rules themselves are in test_nd30.c.
 */
#include "harness.h"
#include "congvan.h"
#include "read/body.h"
#include "read/frontmatter.h"
#include "read/meta.h"
#include "render/body_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cv_arena A = CV_ARENA_INIT;

/* ---- read/meta.c: fields of the typed documents -------------------------- */

typedef struct {
	cv_meta m;
	cv_diags d;
	int errors;
} S_meta_t;

static S_meta_t S_read(const char *fm, const char **req, size_t nreq, const char **fields, size_t nf)
{
	S_meta_t r;
	memset(&r, 0, sizeof r);
	size_t len = strlen(fm);
	r.d.file = "t.md";
	r.d.src = fm;
	r.d.src_len = len;
	int ok;
	cv_ynode *root = cv_yaml_parse(&A, "t.md", fm, len, 0, len, &r.d, &ok);
	cv_type_rules rules = {req, nreq, fields, nf};
	r.errors = cv_meta_read(&A, root, &rules, &r.m, &r.d);
	return r;
}

static int S_has(const cv_diags *d, cv_severity sev, int line, int col, const char *msg)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].sev == sev && d->items[i].line == line && d->items[i].col == col &&
		    strstr(d->items[i].msg, msg))
			return 1;
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  have %d:%d %s\n", d->items[i].line, d->items[i].col, d->items[i].msg);
	return 0;
}

static void test_meta_fields(void)
{
	static const char *qd_req[] = {"co_quan", "tham_quyen", "can_cu"};
	static const char *qd_fields[] = {"tham_quyen", "can_cu", "de_nghi"};
	S_meta_t r = S_read("co_quan: UBND\ntham_quyen:\n  - Hội đồng nhân dân tỉnh\n  - Khóa VII\n"
			    "can_cu:\n  - Căn cứ Luật A\n  - Căn cứ Luật B;\nde_nghi: Giám đốc Sở\n",
			    qd_req, 3, qd_fields, 3);
	CHECK(r.errors == 0, "quyết định fields read");
	CHECK(r.m.tham_quyen.n == 2 && !strcmp(r.m.tham_quyen.v[1].s, "Khóa VII"), "tham_quyen: lines");
	CHECK(r.m.can_cu.n == 2 && !strcmp(r.m.can_cu.v[1].s, "Căn cứ Luật B;"), "can_cu: list as typed");
	CHECK(r.m.de_nghi.n == 1 && !r.m.de_nghi.explicit_lines, "de_nghi: one text");
	cv_diags_free(&r.d);

	/* a missing required type field: the công văn's message */
	r = S_read("co_quan: UBND\ntham_quyen: Chủ tịch\n", qd_req, 3, qd_fields, 3);
	CHECK(S_has(&r.d, CV_ERROR, 1, 1, "missing required key 'can_cu': the legal bases"), "can_cu required");
	cv_diags_free(&r.d);

	/* a field of another type: an unknown key, with a hint */
	r = S_read("co_quan: UBND\ntham_quyen: x\ncan_cu: y\nkinh_moi: z\n", qd_req, 3, qd_fields, 3);
	CHECK(r.errors == 0 && S_has(&r.d, CV_WARNING, 4, 1, "unknown key 'kinh_moi'"), "undeclared field warned");
	cv_diags_free(&r.d);

	/* wrong shapes and values, at the value */
	r = S_read("co_quan: UBND\ntham_quyen:\n  a: b\ncan_cu: y\n", qd_req, 3, qd_fields, 3);
	CHECK(S_has(&r.d, CV_ERROR, 3, 3, "'tham_quyen' expects text or a list of lines"), "tham_quyen mapping");
	cv_diags_free(&r.d);
	static const char *gnp_fields[] = {"tu_ngay", "xac_nhan", "ky_thu_ky", "ky_chu_toa", "kem_theo"};
	r = S_read("tu_ngay: 2026-02-30\nxac_nhan: có\n", NULL, 0, gnp_fields, 5);
	CHECK(S_has(&r.d, CV_ERROR, 1, 10, "'tu_ngay' is not a real date"), "date field: real date");
	CHECK(S_has(&r.d, CV_ERROR, 2, 11, "'xac_nhan' must be true or false"), "bool field");
	cv_diags_free(&r.d);
	r = S_read("tu_ngay: 26/7/2026\n", NULL, 0, gnp_fields, 5);
	CHECK(S_has(&r.d, CV_ERROR, 1, 10, "expects a date written YYYY-MM-DD"), "date field: format");
	cv_diags_free(&r.d);

	/* biên bản signers: title optional, name required */
	r = S_read("ky_thu_ky:\n  ho_ten: Cầm Thị Lan\nky_chu_toa:\n  chuc_vu: Giám đốc\n", NULL, 0, gnp_fields, 5);
	CHECK(r.errors == 1 && S_has(&r.d, CV_ERROR, 4, 3, "'ky_chu_toa' needs 'ho_ten'"), "signer needs ho_ten");
	CHECK(r.m.ky_thu_ky.ho_ten.s && !strcmp(r.m.ky_thu_ky.ho_ten.s, "Cầm Thị Lan"), "ky_thu_ky read");
	cv_diags_free(&r.d);

	/* ky.tap_the: TM. + KT.; not with TM. */
	r = S_read("ky:\n  tap_the: Ủy ban nhân dân\n  quyen_han: KT\n  chuc_vu_cap_tren: Chủ tịch\n"
		   "  chuc_vu: Phó Chủ tịch\n  ho_ten: A\n",
		   NULL, 0, NULL, 0);
	CHECK(r.errors == 0 && r.m.ky.tap_the.s && !strcmp(r.m.ky.tap_the.s, "Ủy ban nhân dân"), "tap_the read");
	cv_diags_free(&r.d);
	r = S_read("ky:\n  tap_the: Ủy ban nhân dân\n  quyen_han: TM\n  chuc_vu_cap_tren: Ủy ban nhân dân\n"
		   "  chuc_vu: Chủ tịch\n  ho_ten: A\n",
		   NULL, 0, NULL, 0);
	CHECK(S_has(&r.d, CV_ERROR, 3, 14, "'tap_the' already prints the TM. line"), "tap_the with TM.");
	cv_diags_free(&r.d);

	/* mẫu 1.3: with kem_theo, dia_danh and ky are not required */
	static const char *kh_req[] = {"co_quan", "dia_danh", "ky"};
	r = S_read("co_quan: x\nkem_theo: Quyết định số 1/QĐ-UBND\n", kh_req, 3, gnp_fields, 5);
	CHECK(r.errors == 0, "kem_theo: no place, date or signature needed");
	cv_diags_free(&r.d);
	r = S_read("co_quan: x\n", kh_req, 3, gnp_fields, 5);
	CHECK(r.errors == 2, "without kem_theo they are");
	cv_diags_free(&r.d);
	CHECK(cv_meta_is_key("can_cu", &(cv_type_rules){qd_req, 3, NULL, 0}), "a required key is a key");
}

/* ---- render/body_writer.c: structure ---------------------------------------- */

static cv_body S_body(const char *md)
{
	cv_body b;
	memset(&b, 0, sizeof b);
	cv_diags d = CV_DIAGS_INIT;
	d.file = "t.md";
	d.src = md;
	d.src_len = strlen(md);
	cv_read_body(&A, md, strlen(md), 1, &b, &d);
	cv_diags_free(&d);
	return b;
}

static cv_layout S_lay;

static void S_layout(void)
{
	/* the nd30.yaml values the body writer uses */
	S_lay.page_width_tw = 11906;
	S_lay.margin_left_tw = 1701;
	S_lay.margin_right_tw = 850;
	S_lay.cell_margin_tw = 108;
	S_lay.size_table_pt = 13;
	S_lay.body_after_tw = 120;
	S_lay.item_indent_tw = 720;
	S_lay.body_indent_tw = 720;
	S_lay.body_line = 276;
	S_lay.page_number_position = "header-center";
}

static void test_body(void)
{
	S_layout();
	cv_body b = S_body("## Chương I. Quy định chung\n\n### Điều 1. Phạm vi\n\nĐiều 2. Nội dung *x*.\n\n"
			   "## Mục tiêu\n\nVăn bản./.\n\n# Phụ lục I: Danh sách\n\nNội dung phụ lục.\n\n"
			   "# Phụ lục II\n\nHai.\n");
	CHECK(cv_body_main_end(&b) == 5, "the main text ends at the first '# Phụ lục'");
	CHECK(cv_body_has_divisions(&b), "a Chương heading is a division");
	const char *l, *t, *n;
	CHECK(cv_block_is_appendix(&A, &b.blocks[5], &l, &t, &n) && !strcmp(l, "Phụ lục I") &&
		      !strcmp(t, "Danh sách") && !strcmp(n, "I"),
	      "appendix heading parsed");
	CHECK(!cv_block_is_appendix(&A, &b.blocks[3], NULL, NULL, NULL), "'## Mục tiêu' is no appendix");

	cv_buf x = CV_BUF_INIT;
	cv_docx_body(&b, &S_lay, &x);
	const char *s = cv_buf_cstr(&x);
	CHECK(strstr(s, "<w:pStyle w:val=\"CVChuong\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Chương I</w:t>") != NULL,
	      "docx: Chương label");
	CHECK(strstr(s, "CVChuongTen\"/></w:pPr><w:r><w:t xml:space=\"preserve\">QUY ĐỊNH CHUNG</w:t>") != NULL,
	      "docx: chapter title in upper case");
	CHECK(strstr(s, "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Điều 2.</w:t></w:r>"
			"<w:r><w:t xml:space=\"preserve\"> Nội dung </w:t></w:r>") != NULL,
	      "docx: 'Điều 2.' bold, the rest not (ND30-DIEU-FORMAT)");
	CHECK(strstr(s, "Mục tiêu") && !strstr(s, "MỤC TIÊU"), "docx: '## Mục tiêu' is an ordinary heading");
	CHECK(!strstr(s, "Phụ lục") && !strstr(s, "Hai."), "docx: appendices are not in the main text");
	CHECK(strstr(s, "Văn bản./.</w:t></w:r></w:p>") && strstr(s, "<w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Văn bản./."),
	      "docx: the last main paragraph keeps with the signature");
	cv_buf_clear(&x);
	cv_html_body(&b, &S_lay, &x);
	s = cv_buf_cstr(&x);
	CHECK(strstr(s, "<p class=\"division\">Chương I</p>\n<p class=\"division-title\">QUY ĐỊNH CHUNG</p>") != NULL,
	      "html: division");
	CHECK(strstr(s, "<p class=\"body\"><b>Điều 2.</b> Nội dung <i>x</i>.</p>") != NULL, "html: article");
	cv_buf_clear(&x);
	cv_html_blocks(&b, 6, 7, &S_lay, &x);
	CHECK(!strcmp(cv_buf_cstr(&x), "<p class=\"body\">Nội dung phụ lục.</p>\n"), "html: an appendix's blocks");
	cv_buf_free(&x);

	/* a paragraph that merely mentions an article is not one */
	b = S_body("Theo Điều 3. x\n\n**Điều 4.** đã đậm\n");
	cv_docx_body(&b, &S_lay, &x);
	CHECK(strstr(cv_buf_cstr(&x), "<w:t xml:space=\"preserve\">Theo Điều 3. x</w:t>") != NULL, "mention: plain");
	CHECK(strstr(cv_buf_cstr(&x), "<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Điều 4.</w:t>") != NULL,
	      "typed bold: kept");
	cv_buf_free(&x);
}

/* ---- whole renders through the built-in templates --------------------------- */

static cv_tpl_set *S_set;

/* Render src as HTML (and DOCX), returning the HTML (static copy) or NULL. */
static char *S_html(const char *src, cv_result *r)
{
	cv_render_opts o;
	memset(&o, 0, sizeof o);
	o.file = "t.md";
	o.outputs = CV_OUT_DOCX | CV_OUT_HTML;
	o.year_now = 2026;
	if (cv_render(S_set, src, strlen(src), &o, r) != 0) {
		cv_diag_print(&r->diags, stderr, 0, CV_WARNING);
		return NULL;
	}
	return (char *)cv_buf_cstr(&r->html);
}

#define QD_HEAD                                                                                    \
	"---\nloai: quyet-dinh\nco_quan: Ủy ban nhân dân tỉnh Bắc Ninh\nso: 5\nky_hieu: UBND\n"     \
	"dia_danh: Bắc Ninh\nngay: 2024-03-05\ntrich_yeu: V/v thành lập Tổ công tác\n"            \
	"tham_quyen: Ủy ban nhân dân tỉnh Bắc Ninh\ncan_cu:\n  - Căn cứ Luật A\n  - Căn cứ Luật B.\n" \
	"de_nghi: Giám đốc Sở Tài chính\nnoi_nhan: [Như Điều 3]\n"                                   \
	"ky:\n  tap_the: Ủy ban nhân dân\n  quyen_han: KT\n  chuc_vu_cap_tren: Chủ tịch\n"           \
	"  chuc_vu: Phó Chủ tịch\n  ho_ten: Ngô Văn Thắng\n"

static void test_render(void)
{
	cv_diags d = CV_DIAGS_INIT;
	S_set = cv_tpl_set_new(NULL, &d);
	CHECK(S_set != NULL, "built-in templates");
	cv_diags_free(&d);
	if (!S_set)
		return;
	cv_result r = CV_RESULT_INIT;
	const char *h = S_html(QD_HEAD "---\n\nĐiều 1. Thành lập./.\n\n# Phụ lục\n\nA.\n\n# Phụ lục: Hai\n\nB.\n", &r);
	CHECK(h != NULL, "quyết định renders");
	if (h) {
		CHECK(strstr(h, "<p class=\"so\">Số: 05/QĐ-UBND</p>") != NULL, "ND30-SYMBOL-TYPE: QĐ- added, 05");
		CHECK(strstr(h, "<p class=\"ten-loai\">QUYẾT ĐỊNH</p>") != NULL, "tên loại");
		CHECK(strstr(h, "<p class=\"trich-yeu\">Về việc thành lập Tổ công tác</p>") != NULL, "V/v written out");
		CHECK(!strstr(h, "class=\"vv\""), "no V/v line");
		CHECK(strstr(h, "<p class=\"tham-quyen\">ỦY BAN NHÂN DÂN TỈNH BẮC NINH</p>") != NULL, "thẩm quyền");
		CHECK(strstr(h, ">Căn cứ Luật A;</p>") && strstr(h, ">Căn cứ Luật B;</p>") &&
			      strstr(h, ">Theo đề nghị của Giám đốc Sở Tài chính.</p>"),
		      "ND30-CANCU-PUNCT: ';' … '.', 'Theo đề nghị của' added");
		CHECK(strstr(h, ".can-cu { font-style: italic; }") != NULL, "ND30-CANCU-ITALIC");
		const char *tm = strstr(h, ">TM. ỦY BAN NHÂN DÂN<"), *kt = strstr(h, ">KT. CHỦ TỊCH<"),
			   *pct = strstr(h, ">PHÓ CHỦ TỊCH<");
		CHECK(tm && kt && pct && tm < kt && kt < pct, "the three-line TM. / KT. / title form");
		CHECK(strstr(h, "<p class=\"phu-luc-nhan\">Phụ lục I</p>") && strstr(h, "<p class=\"phu-luc-nhan\">Phụ lục II</p>"),
		      "ND30-PHULUC-ROMAN: two appendices numbered I, II");
		/* the date and the number glued with no-break spaces, the line
		 * broken after the date */
		CHECK(strstr(h, "(Kèm theo Quyết định số\xC2\xA0" "05/QĐ-UBND ngày\xC2\xA0" "05\xC2\xA0tháng\xC2\xA0"
				"3\xC2\xA0năm\xC2\xA0" "2024<br>của Ủy ban nhân dân tỉnh Bắc Ninh)") != NULL,
		      "appendix reference line");
		CHECK(strstr(h, "<p class=\"phu-luc-ten\">HAI</p>") != NULL, "appendix title in upper case");
	}
	/* the same under tt01: upright căn cứ, the last ending ',', no parent
	 * line for an agency under the Government */
	h = S_html(cv_arena_printf(&A, "---\nprofile: tt01\nco_quan_chu_quan: Chính phủ\n%s---\n\nĐiều 1. x./.\n", QD_HEAD + 4), &r);
	CHECK(h != NULL, "tt01 renders");
	if (h) {
		CHECK(strstr(h, ">Theo đề nghị của Giám đốc Sở Tài chính,</p>") != NULL, "tt01: last căn cứ ends ','");
		CHECK(strstr(h, ".can-cu { font-style: normal; }") != NULL, "tt01: căn cứ upright");
		CHECK(!strstr(h, "CHÍNH PHỦ"), "tt01: no parent line 'CHÍNH PHỦ'");
		CHECK(strstr(h, "@bottom-right { content: counter(page)") != NULL, "tt01: page numbers bottom right");
	}
	h = S_html(cv_arena_printf(&A, "---\nco_quan_chu_quan: Chính phủ\n%s---\n\nĐiều 1. x./.\n", QD_HEAD + 4), &r);
	CHECK(h && strstr(h, "<p class=\"parent\">CHÍNH PHỦ</p>"), "nd30: the parent line is printed");

	/* biên bản: the two names on one row */
	h = S_html("---\nloai: bien-ban\nco_quan: Sở Xây dựng\ntrich_yeu: Họp giao ban\n"
		   "ky_thu_ky: {ho_ten: Cầm Thị Lan}\nky_chu_toa: {chuc_vu: Giám đốc Sở, ho_ten: Nguyễn Hữu Tiến}\n"
		   "---\n\nCuộc họp kết thúc./.\n",
		   &r);
	CHECK(h != NULL, "biên bản renders");
	if (h) {
		CHECK(strstr(h, "<p class=\"sign first\">THƯ KÝ</p>\n<p class=\"sign\">\xC2\xA0</p>") != NULL,
		      "biên bản: THƯ KÝ padded to the lines of CHỦ TỌA");
		CHECK(strstr(h, "<p class=\"sign first\">CHỦ TỌA</p>\n<p class=\"sign\">GIÁM ĐỐC SỞ</p>") != NULL,
		      "biên bản: CHỦ TỌA and its chuc_vu");
		CHECK(!strstr(h, "class=\"date\""), "biên bản: no date line");
	}
	/* công văn output has no typed styles */
	h = S_html("---\nco_quan: Sở Tư pháp\ndia_danh: Lâm Đồng\ntrich_yeu: x\nkinh_gui: y\n"
		   "ky: {chuc_vu: Giám đốc, ho_ten: A}\n---\n\nNội dung./.\n",
		   &r);
	CHECK(h && !strstr(h, ".ten-loai") && strstr(h, "class=\"vv\""), "công văn: V/v, no typed styles");
	cv_result_free(&r);
	cv_tpl_set_free(S_set);
}

void run_tests(void)
{
	test_meta_fields();
	test_body();
	test_render();
	cv_arena_free(&A);
}
