/*
 * context.c — the template context of one document (see context.h).
 *
 * Geometry that depends on the text (how long the line under the agency
 * name is, where the Kính gửi recipients start) is computed here with the
 * font metrics, so that the templates only place what they are given.
 */
#include "render/context.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "congvan.h"
#include "model/metrics.h"
#include "model/nd30.h"
#include "model/wrap.h"

const char CV_QUOC_HIEU[] = "C\xE1\xBB\x98NG H\xC3\x92" "A X\xC3\x83 H\xE1\xBB\x98I CH\xE1\xBB\xA6 NGH\xC4\xA8" "A VI\xE1\xBB\x86T NAM";
const char CV_TIEU_NGU[] = "\xC4\x90\xE1\xBB\x99" "c l\xE1\xBA\xAD" "p - T\xE1\xBB\xB1 do - H\xE1\xBA\xA1nh ph\xC3\xBA" "c";

/* Lines are set a little narrower than the column so that a renderer whose
 * metrics differ by a hair (Word with the real Times New Roman vs
 * LibreOffice with Liberation Serif) never wraps them again. */
#define WRAP_SAFETY 0.97
/* The right column never takes more than this share of the header, so the
 * agency keeps room for its name. */
#define HEADER_RIGHT_MAX 0.66

static double S_width(const char *s, int bold, double pt)
{
	return cv_text_width(s, strlen(s), bold, pt);
}

/* Agency lines in upper case: the user's own lines, or balanced lines that
 * fit the column. */
static cv_value *S_agency_lines(cv_arena *a, const cv_strs *in, int bold, double pt, double max_pt,
				double *widest)
{
	cv_value *list = cv_v_list(a);
	*widest = 0;
	if (!in->n)
		return list;
	if (in->explicit_lines) {
		for (size_t i = 0; i < in->n; i++) {
			char *up = cv_upper(a, in->v[i].s);
			double w = S_width(up, bold, pt);
			if (w > *widest)
				*widest = w;
			cv_v_push(a, list, cv_v_str(a, up));
		}
		return list;
	}
	char *up = cv_upper(a, in->v[0].s);
	char **lines = NULL;
	int n = cv_wrap_balanced(a, up, bold, pt, max_pt, &lines);
	for (int i = 0; i < n; i++) {
		double w = S_width(lines[i], bold, pt);
		if (w > *widest)
			*widest = w;
		cv_v_push(a, list, cv_v_str(a, lines[i]));
	}
	return list;
}

/* A rule line of width_pt centred in a cell of text width cell_tw. */
static cv_value *S_rule(cv_arena *a, double width_pt, double cell_tw)
{
	cv_value *m = cv_v_map(a);
	double ind = (cell_tw - width_pt * 20) / 2;
	if (ind < 0)
		ind = 0;
	cv_v_set(a, m, "ind_tw", cv_v_int(a, (long)(ind + 0.5)));
	cv_v_set(a, m, "width_pt", cv_v_str(a, cv_arena_printf(a, "%.1f", width_pt)));
	return m;
}

/* ô 10a/10b: a stamp box.  ND30 gives the urgency boxes' sizes (30×8 mm
 * HỎA TỐC, 40×8 THƯỢNG KHẨN, 20×8 KHẨN); others fit their text. */
static cv_value *S_stamp(cv_arena *a, const char *text, const cv_layout *lay, double cell_tw)
{
	double mm = 0;
	if (!strcmp(text, "KH\xE1\xBA\xA8N"))
		mm = 20;
	else if (!strncmp(text, "TH\xC6\xAF\xE1\xBB\xA2NG", 8))
		mm = 40;
	else if (!strncmp(text, "H\xE1\xBB\x8E" "A", 5))
		mm = 30;
	double w_pt = S_width(text, 1, lay->size_stamp_pt) + 8;
	if (mm * 72 / 25.4 > w_pt)
		w_pt = mm * 72 / 25.4;
	cv_value *m = S_rule(a, w_pt, cell_tw);
	cv_v_set(a, m, "text", cv_v_str(a, text));
	return m;
}

/* The whole front matter as values, for user-defined types' templates. */
static cv_value *S_fm(cv_arena *a, const cv_ynode *n)
{
	if (!n)
		return cv_v_null(a);
	if (n->kind == CV_Y_SCALAR)
		return cv_v_str(a, n->text);
	cv_value *v = n->kind == CV_Y_SEQ ? cv_v_list(a) : cv_v_map(a);
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == CV_Y_SEQ)
			cv_v_push(a, v, S_fm(a, n->items[i]));
		else
			cv_v_set(a, v, n->keys[i], S_fm(a, n->items[i]));
	}
	return v;
}

/* "label: value" joined to line with "; "; a no-break space keeps the value
 * on the label's line ("Website: stc.…" never splits after the colon). */
static void S_pair(cv_buf *line, const char *label, const char *value)
{
	if (!value)
		return;
	if (line->len)
		cv_buf_puts(line, "; ");
	cv_buf_printf(line, "%s:\xC2\xA0%s", label, value);
}

/* A CSS string literal holding text: every character that could end the
 * string, the declaration or the <style> element is written as a CSS hex
 * escape, so user text cannot become CSS or HTML. */
static void S_css_string(cv_buf *out, const char *s)
{
	cv_buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			cv_buf_puts(out, "\\A ");
		else if (*p < 0x20 || *p == '"' || *p == '\\' || *p == '<' || *p == '>' || *p == '&' ||
			 *p == '\'' || *p == '{' || *p == '}' || *p == ';' || *p == 0x7F)
			cv_buf_printf(out, "\\%X ", *p);
		else
			cv_buf_putc(out, (char)*p);
	}
	cv_buf_putc(out, '"');
}

cv_value *cv_context_build(cv_arena *a, const cv_doc *doc, const cv_type *type, cv_value *p,
			   const cv_layout *lay, int year_now, cv_value **doc_map)
{
	const cv_meta *m = &doc->meta;
	cv_value *ctx = cv_v_map(a);
	cv_value *d = cv_v_map(a);
	cv_v_set(a, ctx, "p", p);
	cv_v_set(a, ctx, "doc", d);
	cv_v_set(a, ctx, "fm", S_fm(a, doc->fm));
	cv_v_set_str(a, ctx, "version", CV_VERSION);
	*doc_map = d;

	cv_v_set_str(a, d, "type", type->name);
	cv_v_set_str(a, d, "type_description", type->description);

	/* ô 4 first: the date line decides the widths of the header columns */
	const char *date = m->dong_ngay.s;
	if (!date) {
		int year = m->year ? m->year : m->nam ? m->nam : year_now;
		date = cv_nd30_date_line(a, m->dia_danh.s ? m->dia_danh.s : "", year, m->month, m->day);
	}
	/* The date line stays on one line: a long place name ("Thành phố Hồ Chí
	 * Minh, ngày 20 tháng 11 năm 2025") widens the right column at the
	 * expense of the left one, as a văn thư drags the border in Word.  The
	 * regular face bounds the italic one from above. */
	double total_tw = lay->header_left_tw + lay->header_right_tw;
	double left_tw = lay->header_left_tw, right_tw = lay->header_right_tw;
	double need_tw = S_width(date, 0, lay->size_ngay_pt) * 20 / WRAP_SAFETY + 2 * lay->cell_margin_tw;
	if (need_tw > right_tw) {
		right_tw = need_tw < total_tw * HEADER_RIGHT_MAX ? need_tw : total_tw * HEADER_RIGHT_MAX;
		right_tw = (double)(long)(right_tw + 0.5);
		left_tw = total_tw - right_tw;
	}
	cv_value *hdr = cv_v_map(a);
	cv_v_set(a, hdr, "width_tw", cv_v_int(a, (long)total_tw));
	cv_v_set(a, hdr, "width_pt", cv_v_str(a, cv_arena_printf(a, "%g", total_tw / 20)));
	cv_v_set(a, hdr, "left_tw", cv_v_int(a, (long)left_tw));
	cv_v_set(a, hdr, "right_tw", cv_v_int(a, (long)right_tw));
	cv_v_set(a, hdr, "left_pt", cv_v_str(a, cv_arena_printf(a, "%g", left_tw / 20)));
	cv_v_set(a, hdr, "right_pt", cv_v_str(a, cv_arena_printf(a, "%g", right_tw / 20)));
	cv_v_set(a, d, "header", hdr);

	/* ô 2: agency names, upper case, balanced lines; the rule under the
	 * issuing agency (ND30-TRICHYEU-RULE) is a share of its widest line. */
	double left_cell_tw = left_tw - 2 * lay->cell_margin_tw;
	double right_cell_tw = right_tw - 2 * lay->cell_margin_tw;
	double max_pt = left_cell_tw / 20 * WRAP_SAFETY, w_parent, w_agency;
	cv_v_set(a, d, "co_quan_chu_quan",
		 S_agency_lines(a, &m->co_quan_chu_quan, 0, lay->size_co_quan_chu_quan_pt, max_pt, &w_parent));
	cv_v_set(a, d, "co_quan", S_agency_lines(a, &m->co_quan, 1, lay->size_co_quan_pt, max_pt, &w_agency));
	if (w_agency > 0)
		cv_v_set(a, d, "agency_rule", S_rule(a, w_agency * lay->agency_rule_ratio, left_cell_tw));

	/* ô 1: the rule under the Tiêu ngữ is as long as its text */
	cv_v_set_str(a, d, "quoc_hieu", CV_QUOC_HIEU);
	cv_v_set_str(a, d, "tieu_ngu", CV_TIEU_NGU);
	cv_v_set(a, d, "tieu_ngu_rule", S_rule(a, S_width(CV_TIEU_NGU, 1, lay->size_tieu_ngu_pt), right_cell_tw));

	cv_value *clo = cv_v_map(a);
	double cw = lay->closing_left_tw + lay->closing_right_tw;
	cv_v_set(a, clo, "width_tw", cv_v_int(a, (long)cw));
	cv_v_set(a, clo, "width_pt", cv_v_str(a, cv_arena_printf(a, "%g", cw / 20)));
	/* ND30 §3.6: "Nơi nhận:" flush with the left margin, so the table
	 * starts one cell margin to the left of it */
	cv_v_set(a, clo, "indent_tw", cv_v_int(a, -(long)lay->cell_margin_tw));
	cv_v_set(a, clo, "indent_pt", cv_v_str(a, cv_arena_printf(a, "%g", -lay->cell_margin_tw / 20)));
	cv_v_set(a, d, "closing", clo);

	/* ô 3, 4, 5 */
	const char *so = cv_nd30_number(a, m->so.s);
	const char *kh = m->ky_hieu.s ? m->ky_hieu.s : cv_arena_printf(a, "%s%s", CV_BLANK, CV_BLANK);
	cv_v_set_str(a, d, "so", so);
	cv_v_set_str(a, d, "ky_hieu", kh);
	cv_v_set_str(a, d, "so_ky_hieu", m->so.s || m->ky_hieu.s ? cv_arena_printf(a, "%s/%s", so, kh) : "");
	cv_v_set_str(a, d, "date_line", date);
	if (m->year)
		cv_v_set_str(a, d, "date_iso", cv_arena_printf(a, "%04d-%02d-%02d", m->year, m->month, m->day));
	if (m->trich_yeu.s) {
		const char *vv = cv_nd30_vv(a, m->trich_yeu.s);
		cv_v_set_str(a, d, "vv", vv);
		/* the V/v wraps in balanced lines too: no word left alone */
		char **vl = NULL;
		int nvl = cv_wrap_balanced(a, vv, 0, lay->size_vv_pt, max_pt, &vl);
		cv_value *lines_v = cv_v_list(a);
		for (int i = 0; i < nvl; i++)
			cv_v_push(a, lines_v, cv_v_str(a, vl[i]));
		cv_v_set(a, d, "vv_lines", lines_v);
		cv_v_set_str(a, d, "trich_yeu", cv_nd30_strip_vv(a, m->trich_yeu.s));
	}

	/* ô 10a above 10b */
	cv_value *stamps = cv_v_list(a);
	if (m->do_mat.s)
		cv_v_push(a, stamps, S_stamp(a, m->do_mat.s, lay, left_cell_tw));
	if (m->do_khan.s)
		cv_v_push(a, stamps, S_stamp(a, m->do_khan.s, lay, left_cell_tw));
	cv_v_set(a, d, "stamps", stamps);
	if (m->du_thao.s)
		cv_v_set_str(a, d, "du_thao", cv_upper(a, m->du_thao.s));

	/* ô 9a: one recipient on the label's line; several as a dash list
	 * aligned after the label (ND30-KG-SINGLE, ND30-KG-LIST) */
	if (m->kinh_gui.n == 1) {
		cv_v_set_str(a, d, "kinh_gui_single", cv_nd30_single_recipient(a, m->kinh_gui.v[0].s));
	} else if (m->kinh_gui.n > 1) {
		cv_value *items = cv_v_list(a);
		for (size_t i = 0; i < m->kinh_gui.n; i++)
			cv_v_push(a, items, cv_v_str(a, cv_nd30_dash_item(a, m->kinh_gui.v[i].s,
									     i + 1 == m->kinh_gui.n)));
		cv_v_set(a, d, "kinh_gui_items", items);
	}
	{
		/* "Kính gửi: " — the recipients start one space after the label */
		/* set in the body's size; a recipient that wraps continues under
		 * its own text, after the "- " */
		const char *label = "K\xC3\xADnh g\xE1\xBB\xADi: ";
		double hang = S_width(label, 0, m->co_chu) * 20;
		double dash = S_width("- ", 0, m->co_chu) * 20;
		double list = lay->kinh_gui_indent_tw + hang;
		cv_value *kg = cv_v_map(a);
		cv_v_set(a, kg, "label_tw", cv_v_int(a, (long)(lay->kinh_gui_indent_tw + 0.5)));
		cv_v_set(a, kg, "list_tw", cv_v_int(a, (long)(list + 0.5)));
		cv_v_set(a, kg, "hanging_tw", cv_v_int(a, (long)(hang + 0.5)));
		cv_v_set(a, kg, "text_tw", cv_v_int(a, (long)(list + dash + 0.5)));
		cv_v_set(a, kg, "first_hanging_tw", cv_v_int(a, (long)(hang + dash + 0.5)));
		cv_v_set(a, kg, "dash_tw", cv_v_int(a, (long)(dash + 0.5)));
		cv_v_set(a, kg, "list_pt", cv_v_str(a, cv_arena_printf(a, "%.2f", list / 20)));
		cv_v_set(a, kg, "hanging_pt", cv_v_str(a, cv_arena_printf(a, "%.2f", hang / 20)));
		cv_v_set(a, kg, "text_pt", cv_v_str(a, cv_arena_printf(a, "%.2f", (list + dash) / 20)));
		cv_v_set(a, kg, "dash_pt", cv_v_str(a, cv_arena_printf(a, "%.2f", dash / 20)));
		cv_v_set(a, d, "kg", kg);
	}

	/* ô 9b, 12 */
	cv_value *nn = cv_v_list(a);
	for (size_t i = 0; i < m->noi_nhan.n; i++)
		cv_v_push(a, nn, cv_v_str(a, cv_nd30_dash_item(a, m->noi_nhan.v[i].s, 0)));
	/* ô 12 follows the Lưu line, as in the decree's samples */
	const char *luu = cv_nd30_luu(a, m->luu.s);
	const char *drafter = cv_nd30_drafter(a, m->nguoi_soan.s, m->so_ban.s);
	cv_v_push(a, nn, cv_v_str(a, drafter ? cv_arena_printf(a, "%s %s", luu, drafter) : luu));
	cv_v_set(a, d, "noi_nhan", nn);

	/* ô 7 */
	cv_value *ky = cv_v_map(a), *lines = cv_v_list(a);
	const char *power = cv_nd30_power_line(a, m->ky.quyen_han.s, m->ky.chuc_vu_cap_tren.s, m->ky.chuc_vu.s);
	const char *title = cv_nd30_title_line(a, m->ky.quyen_han.s, m->ky.chuc_vu.s);
	if (power)
		cv_v_push(a, lines, cv_v_str(a, power));
	if (title)
		cv_v_push(a, lines, cv_v_str(a, title));
	cv_v_set(a, ky, "lines", lines);
	cv_v_set_str(a, ky, "ho_ten", m->ky.ho_ten.s);
	cv_v_set(a, d, "ky", ky);

	/* ô 13 */
	if (m->lh_dia_chi.s || m->lh_dien_thoai.s || m->lh_fax.s || m->lh_email.s || m->lh_website.s) {
		/* line 1 the address, line 2 the numbers and addresses (sample 1.5) */
		cv_value *lh = cv_v_map(a), *lh_lines = cv_v_list(a);
		cv_buf l1 = CV_BUF_INIT, l2 = CV_BUF_INIT, css = CV_BUF_INIT, all = CV_BUF_INIT;
		S_pair(&l1, "\xC4\x90\xE1\xBB\x8B" "a ch\xE1\xBB\x89", m->lh_dia_chi.s); /* Địa chỉ */
		S_pair(&l2, "\xC4\x90i\xE1\xBB\x87n tho\xE1\xBA\xA1i", m->lh_dien_thoai.s); /* Điện thoại */
		S_pair(&l2, "Fax", m->lh_fax.s);
		S_pair(&l2, "E-mail", m->lh_email.s);
		S_pair(&l2, "Website", m->lh_website.s);
		if (l1.len)
			cv_v_push(a, lh_lines, cv_v_str(a, cv_buf_cstr(&l1)));
		if (l2.len)
			cv_v_push(a, lh_lines, cv_v_str(a, cv_buf_cstr(&l2)));
		cv_buf_printf(&all, "%s%s%s", cv_buf_cstr(&l1), l1.len && l2.len ? "\n" : "", cv_buf_cstr(&l2));
		S_css_string(&css, cv_buf_cstr(&all));
		cv_v_set(a, lh, "lines", lh_lines);
		cv_v_set(a, lh, "css", cv_v_frag(a, cv_buf_cstr(&css), css.len));
		cv_v_set(a, d, "lh", lh);
		cv_buf_free(&l1);
		cv_buf_free(&l2);
		cv_buf_free(&css);
		cv_buf_free(&all);
	}

	/* body text settings and page numbers */
	int line = m->gian_dong ? m->gian_dong : lay->body_line;
	cv_v_set(a, d, "body_size_hp", cv_v_int(a, m->co_chu * 2));
	cv_v_set(a, d, "body_size_pt", cv_v_int(a, m->co_chu));
	cv_v_set(a, d, "body_line", cv_v_int(a, line));
	/* Word's "single" line of Times New Roman is 1.149 em (ascent + descent
	 * + line gap of the font); CSS line-height counts in em. */
	cv_v_set(a, d, "body_line_css", cv_v_str(a, cv_arena_printf(a, "%.3f", line / 240.0 * 1.149)));
	cv_v_set(a, d, "rule_pt", cv_v_str(a, cv_arena_printf(a, "%g", lay->rule_size_eighths / 8)));
	int footer = !strcmp(lay->page_number_position, "footer-right");
	cv_v_set(a, d, "page_number_in_header", cv_v_bool(a, !footer));
	cv_v_set(a, d, "page_number_in_footer", cv_v_bool(a, footer));
	cv_v_set_str(a, d, "page_number_jc", footer ? "right" : "center");

	/* document properties */
	const char *subject = m->trich_yeu.s ? cv_nd30_strip_vv(a, m->trich_yeu.s) : type->description;
	cv_v_set_str(a, d, "title", subject);
	const char *skh = cv_v_get(d, "so_ky_hieu")->s;
	cv_v_set_str(a, d, "title_html", *skh ? cv_arena_printf(a, "%s \xE2\x80\x93 %s", skh, subject) : subject);
	cv_v_set_str(a, d, "author", m->co_quan.n ? m->co_quan.v[0].s : "");
	return ctx;
}
