/*
 * context.c — the template context of one document (see context.h).
 *
 * Geometry that depends on the text (how long the line under the agency
 * name is, where the Kính gửi recipients start) is computed here with the
 * font metrics, so that the templates only place what they are given.
 */
#include "render/context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "congvan.h"
#include "model/metrics.h"
#include "model/nd30.h"
#include "model/wrap.h"
#include "read/frontmatter.h"
#include "read/meta.h"
#include "render/body_writer.h"

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
static cv_value *S_agency_lines(cv_arena *a, cv_wrap_memo *wm, const cv_strs *in, int bold, double pt, double max_pt,
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
	int n = cv_wrap_memo_lines(wm, a, up, bold, pt, max_pt, &lines);
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

static void S_typed_context(cv_arena *a, cv_wrap_memo *wm, const cv_doc *doc, const cv_type *type, const cv_value *p,
			    const cv_layout *lay, int year_now, cv_value *d);

cv_value *cv_context_build(cv_arena *a, cv_wrap_memo *wm, const cv_doc *doc, const cv_type *type, cv_value *p,
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
		 S_agency_lines(a, wm, &m->co_quan_chu_quan, 0, lay->size_co_quan_chu_quan_pt, max_pt, &w_parent));
	cv_v_set(a, d, "co_quan", S_agency_lines(a, wm, &m->co_quan, 1, lay->size_co_quan_pt, max_pt, &w_agency));
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
		int nvl = cv_wrap_memo_lines(wm, a, vv, 0, lay->size_vv_pt, max_pt, &vl);
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

	S_typed_context(a, wm, doc, type, p, lay, year_now, d);
	return ctx;
}

/* ==== Typed documents (ND30 Phụ lục III mẫu 1.1–1.10, 2.1, 3.1) ============
 *
 * Everything below adds to the context built above; a công văn (no type
 * abbreviation, no appendix) comes out exactly as before.  Each function
 * fills one part of `doc`, documented in docs/templates.md §4.
 */

/* A profile value as a number / text / yes-no, with a default for profiles
 * written before the key existed. */
static double S_pnum(const cv_value *p, const char *key, double dflt)
{
	const cv_value *v = cv_v_get(p, key);
	return v && v->kind == CV_V_STR && *v->s ? atof(v->s) : dflt;
}

static const char *S_pstr(const cv_value *p, const char *key, const char *dflt)
{
	const cv_value *v = cv_v_get(p, key);
	return v && v->kind == CV_V_STR ? v->s : dflt;
}

static int S_ptrue(const cv_value *p, const char *key, int dflt)
{
	const cv_value *v = cv_v_get(p, key);
	if (!v || v->kind != CV_V_STR || !*v->s)
		return dflt;
	return !strcmp(v->s, "true") || !strcmp(v->s, "yes");
}

/* A front-matter value that is one line of text, or NULL. */
static const char *S_fm_text(cv_arena *a, const cv_ynode *fm, const char *key)
{
	const cv_ynode *n = cv_ymap_get(fm, key, NULL);
	if (!n || n->kind != CV_Y_SCALAR)
		return NULL;
	const char *s = cv_squeeze(a, n->text);
	return *s ? s : NULL;
}

/* The agency's name in normal case, as typed ("Ủy ban nhân dân tỉnh Bắc
 * Ninh"), its lines joined: for sentences such as "… trân trọng kính mời:". */
static const char *S_agency_name(cv_arena *a, const cv_strs *s)
{
	cv_buf b = CV_BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		cv_buf_puts(&b, i ? " " : "");
		cv_buf_puts(&b, s->v[i].s);
	}
	const char *r = cv_arena_strdup(a, cv_buf_cstr(&b));
	cv_buf_free(&b);
	return r;
}

/* Upper-case lines pushed onto `list`, each broken into balanced lines when
 * it is wider than max_pt (a compound title such as "KT. BỘ TRƯỞNG, CHỦ
 * NHIỆM ỦY BAN DÂN TỘC" in a narrow column). */
static void S_push_wrapped(cv_arena *a, cv_wrap_memo *wm, cv_value *list, const char *line, double size_pt, double max_pt)
{
	if (!line)
		return;
	char **parts = NULL;
	int n = cv_wrap_memo_lines(wm, a, cv_squeeze(a, line), 1, size_pt, max_pt, &parts);
	for (int i = 0; i < n; i++)
		cv_v_push(a, list, cv_v_str(a, parts[i]));
}

/* ô 7a–7b (ND30.md §3.7): {lines, ho_ten}.  Lines, top to bottom: the
 * collective "TM. ỦY BAN NHÂN DÂN" when tap_the is given (the three-line
 * TM. + KT. form), the quyền hạn line ("KT. CHỦ TỊCH"), the signer's own
 * title ("PHÓ CHỦ TỊCH").  A biên bản signer has a fixed first line
 * (default_title: "THƯ KÝ", "CHỦ TỌA") with its chuc_vu, if any, under it.
 * ND30-SIGN-PREFIX, ND30-SIGN-KT-SECOND, ND30-SIGN-UPPER. */
static cv_value *S_signature(cv_arena *a, cv_wrap_memo *wm, const cv_sign *k, const char *default_title, double size_pt,
			     double max_pt)
{
	cv_value *ky = cv_v_map(a), *lines = cv_v_list(a);
	S_push_wrapped(a, wm, lines, cv_nd30_collective_line(a, k->tap_the.s), size_pt, max_pt);
	if (default_title && !k->quyen_han.s && !k->chuc_vu_cap_tren.s) {
		S_push_wrapped(a, wm, lines, default_title, size_pt, max_pt);
		S_push_wrapped(a, wm, lines, k->chuc_vu.s ? cv_upper(a, k->chuc_vu.s) : NULL, size_pt, max_pt);
	} else {
		S_push_wrapped(a, wm, lines, cv_nd30_power_line(a, k->quyen_han.s, k->chuc_vu_cap_tren.s, k->chuc_vu.s),
			       size_pt, max_pt);
		S_push_wrapped(a, wm, lines, cv_nd30_title_line(a, k->quyen_han.s, k->chuc_vu.s), size_pt, max_pt);
	}
	cv_v_set(a, ky, "lines", lines);
	cv_v_set_str(a, ky, "ho_ten", k->ho_ten.s);
	return ky;
}

/* Balanced lines of a sentence-case text (a trích yếu, an appendix title).
 * cv_wrap_balanced knows Vietnamese words only in upper case, so the breaks
 * are chosen on the upper-case text, in a column as much wider as that text
 * is, and carried back to the text word for word; if a line then does not
 * fit, the text's own balanced lines are used. */
static int S_wrap_sentence(cv_arena *a, cv_wrap_memo *wm, const char *text, int bold, double size_pt, double max_pt,
			   char ***lines)
{
	const char *up = cv_upper(a, text);
	double scale = S_width(up, bold, size_pt) / S_width(text, bold, size_pt);
	char **ul = NULL;
	int n = cv_wrap_memo_lines(wm, a, up, bold, size_pt, max_pt * scale, &ul);
	char **out = cv_arena_alloc(a, (size_t)(n + 1) * sizeof *out);
	const char *p = text;
	for (int i = 0; i < n; i++) {
		size_t words = 1;
		for (const char *c = ul[i]; *c; c++)
			words += *c == ' ';
		const char *q = p;
		for (size_t w = 0; *q && w < words; q++)
			if (*q == ' ' && ++w == words)
				break;
		out[i] = cv_arena_strndup(a, p, (size_t)(q - p));
		if (S_width(out[i], bold, size_pt) > max_pt / WRAP_SAFETY)
			return cv_wrap_memo_lines(wm, a, text, bold, size_pt, max_pt, lines);
		p = *q ? q + 1 : q;
	}
	if (*p) /* the two texts did not have the same words */
		return cv_wrap_memo_lines(wm, a, text, bold, size_pt, max_pt, lines);
	*lines = out;
	return n;
}

/* text with the spaces inside "ngày 05 tháng 3 năm 2024" and after "số"
 * (before a number) made no-break, so that no line of a title block breaks
 * a date or parts a number from its word. */
static const char *S_glue(cv_arena *a, const char *text)
{
	static const char *const words[] = {"ng\xC3\xA0y ", "th\xC3\xA1ng ", "n\xC4\x83m ", "s\xE1\xBB\x91 "};
	cv_buf b = CV_BUF_INIT;
	for (const char *p = text; *p;) {
		size_t w;
		for (w = 0; w < 4; w++) {
			size_t l = strlen(words[w]);
			int start = p == text || p[-1] == ' ' || p[-1] == '(';
			if (start && !strncmp(p, words[w], l) && p[l] >= '0' && p[l] <= '9') {
				cv_buf_put(&b, p, l - 1);
				cv_buf_puts(&b, "\xC2\xA0");
				p += l;
				/* the number, then the space that joins it to "tháng"/"năm" */
				while (*p && *p != ' ')
					cv_buf_putc(&b, *p++);
				if (w < 2 && *p == ' ' && !strncmp(p + 1, words[w + 1], strlen(words[w + 1]))) {
					cv_buf_puts(&b, "\xC2\xA0");
					p++;
				}
				break;
			}
		}
		if (w == 4)
			cv_buf_putc(&b, *p++);
	}
	const char *r = cv_arena_strdup(a, cv_buf_cstr(&b));
	cv_buf_free(&b);
	return r;
}

/* A sentence-case line as balanced lines (a list), as the trích yếu. */
static cv_value *S_balanced(cv_arena *a, cv_wrap_memo *wm, const char *text, int bold, double size_pt, double max_pt)
{
	char **parts = NULL;
	int n = S_wrap_sentence(a, wm, S_glue(a, text), bold, size_pt, max_pt, &parts);
	cv_value *list = cv_v_list(a);
	for (int i = 0; i < n; i++)
		cv_v_push(a, list, cv_v_str(a, parts[i]));
	return list;
}

/* ô 5a (ND30.md §3.4): the tên loại, the trích yếu in balanced centred
 * lines, the "(Kèm theo …)" line of a document issued with a decision, and
 * the short rule under them (ND30-TRICHYEU-RULE).  The Số line takes the
 * type's code (ND30-SYMBOL-TYPE); the V/v of the công văn goes. */
static void S_title_block(cv_arena *a, cv_wrap_memo *wm, const cv_doc *doc, const cv_type *type, const cv_value *p,
			  double text_tw, cv_value *d)
{
	const cv_meta *m = &doc->meta;
	const char *abbr = type->abbreviation && *type->abbreviation ? type->abbreviation : NULL;
	/* the tên loại: the front matter's ten_loai, else ND30's name of the
	 * type's abbreviation, else (a user's type with a code of its own) the
	 * type's description up to " (" */
	const char *name = m->ten_loai.s ? m->ten_loai.s : cv_nd30_type_name(abbr);
	const char *title = m->ten_loai.s ? cv_upper(a, m->ten_loai.s) : cv_nd30_type_title(a, abbr);
	if (!title && abbr && type->description && *type->description) {
		const char *paren = strstr(type->description, " (");
		name = paren ? cv_arena_strndup(a, type->description, (size_t)(paren - type->description))
			     : type->description;
		title = cv_upper(a, name);
	}
	cv_v_set_str(a, d, "ten_loai_thuong", name ? name : "V\xC4\x83n b\xE1\xBA\xA3n");
	if (!title)
		return; /* công văn: ô 5b, built above */
	cv_v_set(a, d, "typed", cv_v_bool(a, 1));
	cv_v_set_str(a, d, "ten_loai", title);

	/* ô 3: "Số: 15/QĐ-UBND" */
	const char *so = cv_nd30_number(a, m->so.s);
	const char *kh = cv_nd30_symbol(a, abbr, m->ky_hieu.s);
	cv_v_set_str(a, d, "ky_hieu", kh);
	cv_v_set_str(a, d, "so_ky_hieu", cv_arena_printf(a, "%s/%s", so, kh));
	cv_v_set(a, d, "vv", cv_v_null(a));
	cv_v_set(a, d, "vv_lines", cv_v_null(a));

	double size_ty = S_pnum(p, "size_trich_yeu_hp", 28) / 2;
	double size_tl = S_pnum(p, "size_ten_loai_hp", 28) / 2;
	double max_pt = text_tw / 20 * S_pnum(p, "trich_yeu_width_ratio", 0.85);
	double widest = S_width(title, 1, size_tl);
	cv_value *lines = cv_v_list(a);
	if (m->trich_yeu.s) {
		const char *ty = cv_nd30_trich_yeu(a, m->trich_yeu.s);
		char **parts = NULL;
		int n = S_wrap_sentence(a, wm, S_glue(a, ty), 1, size_ty, max_pt, &parts);
		for (int i = 0; i < n; i++) {
			double w = S_width(parts[i], 1, size_ty);
			if (w > widest)
				widest = w;
			cv_v_push(a, lines, cv_v_str(a, parts[i]));
		}
		cv_v_set_str(a, d, "trich_yeu", ty);
	}
	cv_v_set(a, d, "trich_yeu_lines", lines);
	if (m->kem_theo.s) {
		/* italic, measured upright: the upright face bounds it from above */
		const char *kt = cv_nd30_kem_theo(a, m->kem_theo.s);
		cv_v_set_str(a, d, "kem_theo", kt);
		cv_v_set(a, d, "kem_theo_lines", S_balanced(a, wm, kt, 0, S_pnum(p, "size_kem_theo_hp", 28) / 2, max_pt));
	}
	double ratio = S_pnum(p, "trich_yeu_rule_ratio", 0.4);
	cv_v_set(a, d, "title_rule", S_rule(a, widest * ratio, text_tw));
}

/* The thẩm quyền ban hành line (mẫu 1.1–1.3) and the căn cứ block
 * (ND30.md §3.8): one line per căn cứ, then the "Theo đề nghị …" lines,
 * each ending ";" and the last "." — under TT 01/2011 ","
 * (ND30-CANCU-PUNCT); italic under ND30, upright under TT 01
 * (ND30-CANCU-ITALIC; profile keys can_cu_italic, can_cu_last_punct). */
static void S_legal_bases(cv_arena *a, const cv_meta *m, const cv_value *p, cv_value *d)
{
	if (m->tham_quyen.n) {
		/* one or more lines ("HỘI ĐỒNG NHÂN DÂN TỈNH …" / "KHÓA VII, KỲ HỌP
		 * THỨ 18"); doc.tham_quyen is them on one line */
		cv_value *tl = cv_v_list(a);
		for (size_t i = 0; i < m->tham_quyen.n; i++)
			cv_v_push(a, tl, cv_v_str(a, cv_upper(a, m->tham_quyen.v[i].s)));
		cv_v_set(a, d, "tham_quyen_lines", tl);
		cv_v_set_str(a, d, "tham_quyen", cv_upper(a, S_agency_name(a, &m->tham_quyen)));
	}
	cv_v_set(a, d, "can_cu_italic", cv_v_bool(a, S_ptrue(p, "can_cu_italic", 1)));
	size_t total = m->can_cu.n + m->de_nghi.n, k = 0;
	if (!total)
		return;
	const char *last = S_pstr(p, "can_cu_last_punct", ".");
	cv_value *lines = cv_v_list(a);
	for (size_t i = 0; i < m->can_cu.n; i++, k++)
		cv_v_push(a, lines, cv_v_str(a, cv_nd30_can_cu(a, m->can_cu.v[i].s, k + 1 == total, last)));
	for (size_t i = 0; i < m->de_nghi.n; i++, k++) {
		/* one proposal without its verb: "Theo đề nghị của" is added; a
		 * list is printed as typed ("Xét Tờ trình …", "Báo cáo thẩm tra …") */
		const char *t = m->de_nghi.v[i].s;
		if (!m->de_nghi.explicit_lines && strncmp(t, "Theo ", strlen("Theo ")) &&
		    strncmp(t, "X\xC3\xA9t ", strlen("X\xC3\xA9t ")) && strncmp(t, "C\xC4\x83n c\xE1\xBB\xA9 ", strlen("C\xC4\x83n c\xE1\xBB\xA9 ")))
			t = cv_arena_printf(a, "Theo \xC4\x91\xE1\xBB\x81 ngh\xE1\xBB\x8B c\xE1\xBB\xA7" "a %s", t);
		cv_v_push(a, lines, cv_v_str(a, cv_nd30_can_cu(a, t, k + 1 == total, last)));
	}
	cv_v_set(a, d, "can_cu", lines);
}

/* A list of dash items "- X;" … "- Y." (ND30-KG-LIST) from a text or list. */
static cv_value *S_dash_list(cv_arena *a, const cv_strs *s)
{
	cv_value *items = cv_v_list(a);
	for (size_t i = 0; i < s->n; i++)
		cv_v_push(a, items, cv_v_str(a, cv_nd30_dash_item(a, s->v[i].s, i + 1 == s->n)));
	return items;
}

/* The same from a front-matter key (text or list of lines), or NULL. */
static cv_value *S_fm_dash_list(cv_arena *a, const cv_ynode *fm, const char *key)
{
	const cv_ynode *n = cv_ymap_get(fm, key, NULL);
	if (!n || n->kind == CV_Y_MAP)
		return NULL;
	cv_strs s = {0};
	s.v = cv_arena_alloc(a, (n->kind == CV_Y_SEQ ? n->n : 1) * sizeof *s.v + sizeof *s.v);
	if (n->kind == CV_Y_SCALAR)
		s.v[s.n++].s = cv_squeeze(a, n->text);
	for (size_t i = 0; n->kind == CV_Y_SEQ && i < n->n; i++)
		if (n->items[i]->kind == CV_Y_SCALAR && *n->items[i]->text)
			s.v[s.n++].s = cv_squeeze(a, n->items[i]->text);
	return s.n ? S_dash_list(a, &s) : NULL;
}

/* The forms: công điện (mẫu 1.6), giấy mời (1.7), giấy giới thiệu (1.8),
 * biên bản (1.9), giấy nghỉ phép (1.10).  Text fields reach the templates
 * as fm.<key>; here only what needs a rule: dates written out
 * (ND30-DATE-ZERO), dash lists (ND30-KG-LIST), Ông/Bà in a sentence. */
static void S_forms(cv_arena *a, const cv_doc *doc, cv_value *d)
{
	const cv_meta *m = &doc->meta;
	const cv_ynode *fm = doc->fm;
	if (m->dien_gui.n)
		cv_v_set(a, d, "dien_gui", S_dash_list(a, &m->dien_gui));
	cv_v_set_str(a, d, "co_quan_ten", S_agency_name(a, &m->co_quan));

	/* giấy mời: one invitee on the line of "kính mời:", several as a list */
	const cv_ynode *km = cv_ymap_get(fm, "kinh_moi", NULL);
	if (km && km->kind == CV_Y_SCALAR)
		cv_v_set_str(a, d, "kinh_moi", cv_nd30_single_recipient(a, cv_squeeze(a, km->text)));
	else if (km)
		cv_v_set(a, d, "kinh_moi_items", S_fm_dash_list(a, fm, "kinh_moi"));
	const cv_ynode *tp = cv_ymap_get(fm, "thanh_phan", NULL);
	if (tp && tp->kind == CV_Y_SCALAR)
		cv_v_set_str(a, d, "thanh_phan_single", cv_squeeze(a, tp->text));
	else if (tp)
		cv_v_set(a, d, "thanh_phan", S_fm_dash_list(a, fm, "thanh_phan"));

	static const char *dates[] = {"gia_tri_den", "ngay_don", "tu_ngay", "den_ngay"};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		const char *s = S_fm_text(a, fm, dates[i]);
		int y, mo, dd;
		if (s && cv_parse_iso_date(s, &y, &mo, &dd) == 0)
			cv_v_set_str(a, d, dates[i], cv_nd30_date_words(a, y, mo, dd));
	}
	const char *xh = S_fm_text(a, fm, "xung_ho");
	cv_v_set_str(a, d, "xung_ho", xh ? xh : "\xC3\x94ng (b\xC3\xA0)");
	cv_v_set_str(a, d, "xung_ho_thuong", cv_nd30_lower_first(a, xh ? xh : "\xC3\x94ng (b\xC3\xA0)"));
	const char *xn = S_fm_text(a, fm, "xac_nhan");
	cv_v_set(a, d, "xac_nhan", cv_v_bool(a, xn && (!strcmp(xn, "true") || !strcmp(xn, "yes"))));
}

/* Phụ lục (ND30.md §3.10, mẫu 2.1): each level-1 heading "Phụ lục …" of the
 * body starts an appendix, laid out after the signature on a new page:
 * label ("Phụ lục II"; numbered I, II, … when there are several and no
 * number is typed, ND30-PHULUC-ROMAN), title in upper case, the reference
 * line "(Kèm theo Quyết định số … ngày … của …)", a short rule, the
 * content.  Both fragments are built here (body_docx, body_html). */
static void S_appendices(cv_arena *a, cv_wrap_memo *wm, const cv_doc *doc, const cv_layout *lay, const cv_value *p,
			 double text_tw, int year_now, cv_value *d)
{
	const cv_body *b = &doc->body;
	const cv_meta *m = &doc->meta;
	size_t count = 0;
	for (size_t i = 0; i < b->n; i++)
		count += cv_block_is_appendix(a, &b->blocks[i], NULL, NULL, NULL);
	if (!count)
		return;
	const char *skh = cv_v_get(d, "so_ky_hieu")->s;
	if (!*skh)
		skh = cv_arena_printf(a, "%s/%s", cv_nd30_number(a, NULL), cv_v_get(d, "ky_hieu")->s);
	int year = m->year ? m->year : m->nam ? m->nam : year_now;
	const char *issuer = m->tham_quyen.n ? m->tham_quyen.v[0].s : m->co_quan.n ? S_agency_name(a, &m->co_quan) : NULL;
	const char *ref = cv_nd30_attached_to(a, cv_v_get(d, "ten_loai_thuong")->s, skh,
					      cv_nd30_date_words(a, year, m->month, m->day), issuer);
	double size_pl = S_pnum(p, "size_phu_luc_ten_hp", 28) / 2;
	double ratio = S_pnum(p, "trich_yeu_rule_ratio", 0.4);
	cv_value *list = cv_v_list(a);
	size_t k = 0;
	for (size_t i = 0; i < b->n; i++) {
		const char *label, *title, *number;
		if (!cv_block_is_appendix(a, &b->blocks[i], &label, &title, &number))
			continue;
		size_t end = i + 1;
		while (end < b->n && !cv_block_is_appendix(a, &b->blocks[end], NULL, NULL, NULL))
			end++;
		k++;
		if (!number && count > 1)
			label = cv_arena_printf(a, "%s %s", label, cv_nd30_roman(a, (int)k));
		cv_value *pl = cv_v_map(a);
		cv_v_set_str(a, pl, "label", label);
		double widest = S_width(ref, 0, size_pl);
		if (title) {
			const char *up = cv_upper(a, title);
			char **parts = NULL;
			int n = cv_wrap_memo_lines(wm, a, up, 1, size_pl, text_tw / 20 * 0.85, &parts);
			cv_value *tl = cv_v_list(a);
			for (int j = 0; j < n; j++) {
				cv_v_push(a, tl, cv_v_str(a, parts[j]));
				double w = S_width(parts[j], 1, size_pl);
				if (w > widest)
					widest = w;
			}
			cv_v_set(a, pl, "title_lines", tl);
		}
		cv_v_set_str(a, pl, "kem_theo", ref);
		cv_v_set(a, pl, "kem_theo_lines",
			 S_balanced(a, wm, ref, 0, S_pnum(p, "size_kem_theo_hp", 28) / 2, text_tw / 20 * 0.85));
		cv_v_set(a, pl, "rule", S_rule(a, widest * ratio, text_tw));
		cv_buf frag = CV_BUF_INIT;
		cv_docx_blocks(b, i + 1, end, lay, &frag);
		cv_v_set(a, pl, "body_docx", cv_v_frag(a, cv_buf_cstr(&frag), frag.len));
		cv_buf_clear(&frag);
		cv_html_blocks(b, i + 1, end, lay, &frag);
		cv_v_set(a, pl, "body_html", cv_v_frag(a, cv_buf_cstr(&frag), frag.len));
		cv_buf_free(&frag);
		cv_v_push(a, list, pl);
		i = end - 1;
	}
	cv_v_set(a, d, "phu_luc", list);
}

/* TT 01/2011 (ND30.md §8): agencies under the Government printed no parent
 * line; the profile names such parents (parent_not_printed: "Chính phủ",
 * several separated by "|"). */
static void S_parent_rule(cv_arena *a, const cv_meta *m, const cv_value *p, cv_value *d)
{
	const char *list = S_pstr(p, "parent_not_printed", "");
	if (!*list || !m->co_quan_chu_quan.n)
		return;
	const char *parent = cv_lower(a, S_agency_name(a, &m->co_quan_chu_quan));
	for (const char *s = list; *s;) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		const char *one = cv_lower(a, cv_squeeze(a, cv_arena_strndup(a, s, n)));
		if (!strcmp(one, parent)) {
			cv_v_set(a, d, "co_quan_chu_quan", cv_v_list(a));
			return;
		}
		s += n + (bar != NULL);
	}
}

static void S_typed_context(cv_arena *a, cv_wrap_memo *wm, const cv_doc *doc, const cv_type *type, const cv_value *p,
			    const cv_layout *lay, int year_now, cv_value *d)
{
	const cv_meta *m = &doc->meta;
	double text_tw = lay->page_width_tw - lay->margin_left_tw - lay->margin_right_tw;
	double size_ky = S_pnum(p, "size_ky_hp", 28) / 2;
	double right_pt = (lay->closing_right_tw - 2 * lay->cell_margin_tw) / 20 * WRAP_SAFETY;
	double half_tw = (lay->closing_left_tw + lay->closing_right_tw) / 2;
	double half_pt = (half_tw - 2 * lay->cell_margin_tw) / 20 * WRAP_SAFETY;

	S_parent_rule(a, m, p, d);
	S_title_block(a, wm, doc, type, p, text_tw, d);
	S_legal_bases(a, m, p, d);
	S_forms(a, doc, d);

	/* ô 4 is printed when the document has a place (a biên bản has none,
	 * mẫu 1.9); the Số row goes for a document issued with a decision
	 * (mẫu 1.3: its number is the decision's) */
	cv_v_set(a, d, "has_date", cv_v_bool(a, m->dia_danh.s || m->dong_ngay.s));
	cv_v_set(a, d, "so_row", cv_v_bool(a, !m->kem_theo.s));

	/* ô 7; the biên bản's two signatures side by side, THƯ KÝ left and
	 * CHỦ TỌA right (mẫu 1.9), in two equal columns */
	cv_v_set(a, d, "ky", S_signature(a, wm, &m->ky, NULL, size_ky, right_pt));
	if (m->ky_thu_ky.ho_ten.s || m->ky_chu_toa.ho_ten.s) {
		cv_value *tk = S_signature(a, wm, &m->ky_thu_ky, "TH\xC6\xAF K\xC3\x9D", size_ky, half_pt);
		cv_value *ct = S_signature(a, wm, &m->ky_chu_toa, "CH\xE1\xBB\xA6 T\xE1\xBB\x8C" "A", size_ky, half_pt);
		/* the two names on one row: the shorter block gets empty lines
		 * (a no-break space, so that an HTML line keeps its height) */
		cv_value *la = cv_v_get(tk, "lines"), *lb = cv_v_get(ct, "lines");
		while (la->n < lb->n)
			cv_v_push(a, la, cv_v_str(a, "\xC2\xA0"));
		while (lb->n < la->n)
			cv_v_push(a, lb, cv_v_str(a, "\xC2\xA0"));
		cv_v_set(a, d, "ky_thu_ky", tk);
		cv_v_set(a, d, "ky_chu_toa", ct);
	}
	cv_value *two = cv_v_map(a);
	cv_v_set(a, two, "half_tw", cv_v_int(a, (long)half_tw));
	cv_v_set(a, two, "half_pt", cv_v_str(a, cv_arena_printf(a, "%g", half_tw / 20)));
	cv_v_set(a, d, "closing2", two);

	/* a document issued with a decision signs only when it says so, and has
	 * no Nơi nhận of its own (mẫu 1.3) */
	cv_v_set(a, d, "has_closing", cv_v_bool(a, !m->kem_theo.s || m->ky.ho_ten.s));
	if (m->kem_theo.s && !m->noi_nhan.n && !m->luu.s)
		cv_v_set(a, d, "noi_nhan", cv_v_list(a));

	S_appendices(a, wm, doc, lay, p, text_tw, year_now, d);

	/* the styles of these parts are written into styles.xml / the CSS only
	 * when the document uses them, so a công văn's output does not change */
	int ext = cv_v_truthy(cv_v_get(d, "typed")) || cv_v_truthy(cv_v_get(d, "phu_luc")) ||
		  cv_body_has_divisions(&doc->body) || m->kem_theo.s;
	cv_v_set(a, d, "styles_ext", cv_v_bool(a, ext));
}
