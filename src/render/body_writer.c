/*
 * body_writer.c — body blocks → DOCX and HTML fragments (see body_writer.h).
 *
 * Vietnamese dispatches number by hand: an ITEM block prints the marker the
 * author typed ("1.", "a)", "-", "+") as text at the start of an ordinary
 * justified paragraph — never Word auto-numbering, never bullet glyphs.
 */
#include "render/body_writer.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "model/metrics.h"
#include "model/nd30.h"

/* Word style ids and HTML classes per block kind; styles.xml and style.css
 * define them. */
static const char *S_style(const cv_block *b)
{
	switch (b->kind) {
	case CV_BLOCK_HEADING: return "CVDeMuc";
	case CV_BLOCK_ITEM: return "CVMuc";
	case CV_BLOCK_CODE: return "CVNguyenVan";
	default: return "CVNoiDung";
	}
}

static const char *S_class(const cv_block *b)
{
	switch (b->kind) {
	case CV_BLOCK_HEADING: return "body heading";
	case CV_BLOCK_ITEM: return "body item";
	case CV_BLOCK_CODE: return "body verbatim";
	default: return "body";
	}
}

/* ---- body structure (ND30.md §3.9, §3.10) --------------------------------- */

/* The text of a heading, its runs joined (line breaks as spaces). */
static const char *S_plain(cv_arena *a, const cv_inlines *in)
{
	cv_buf b = CV_BUF_INIT;
	for (size_t i = 0; i < in->n; i++)
		cv_buf_puts(&b, in->runs[i].text ? in->runs[i].text : " ");
	const char *s = cv_arena_strdup(a, cv_buf_cstr(&b));
	cv_buf_free(&b);
	return s;
}

int cv_block_is_appendix(cv_arena *a, const cv_block *blk, const char **label, const char **title,
			 const char **number)
{
	if (blk->kind != CV_BLOCK_HEADING || blk->level != 1 || blk->quote)
		return 0;
	const char *l, *t, *n;
	if (!cv_nd30_appendix(a, S_plain(a, &blk->in), &l, &t, &n))
		return 0;
	if (label)
		*label = l;
	if (title)
		*title = t;
	if (number)
		*number = n;
	return 1;
}

size_t cv_body_main_end(const cv_body *b)
{
	cv_arena a = CV_ARENA_INIT;
	size_t i;
	for (i = 0; i < b->n && !cv_block_is_appendix(&a, &b->blocks[i], NULL, NULL, NULL); i++)
		;
	cv_arena_free(&a);
	return i;
}

int cv_body_has_divisions(const cv_body *b)
{
	cv_arena a = CV_ARENA_INIT;
	int found = 0;
	for (size_t i = 0; i < b->n && !found; i++) {
		const char *l, *t;
		found = b->blocks[i].kind == CV_BLOCK_HEADING &&
			cv_nd30_division(&a, S_plain(&a, &b->blocks[i].in), &l, &t) > 0;
	}
	cv_arena_free(&a);
	return found;
}

/* A division heading (Phần, Chương, Mục, Tiểu mục): its label and its
 * title in upper case, or 0.  ND30-CHUONG-ROMAN. */
static int S_division(cv_arena *a, const cv_block *blk, const char **label, const char **title)
{
	if (blk->kind != CV_BLOCK_HEADING)
		return 0;
	const char *t = NULL;
	int level = cv_nd30_division(a, S_plain(a, &blk->in), label, &t);
	*title = t ? cv_upper(a, t) : NULL;
	return level;
}

/* ND30-DIEU-FORMAT: the length of the "Điều N." that opens a paragraph in
 * a run of its own that is not bold yet, or 0. */
static size_t S_article(const cv_block *blk)
{
	if (blk->kind != CV_BLOCK_PARA || !blk->in.n || !blk->in.runs[0].text || blk->in.runs[0].bold)
		return 0;
	return cv_nd30_article_len(blk->in.runs[0].text);
}

/* ---- DOCX ----------------------------------------------------------------- */

/* One run of text. */
static void S_docx_run(const char *text, size_t n, int bold, int italic, cv_buf *out)
{
	cv_buf_puts(out, "<w:r>");
	if (bold || italic) {
		cv_buf_puts(out, "<w:rPr>");
		if (bold)
			cv_buf_puts(out, "<w:b/><w:bCs/>");
		if (italic)
			cv_buf_puts(out, "<w:i/><w:iCs/>");
		cv_buf_puts(out, "</w:rPr>");
	}
	cv_buf_puts(out, "<w:t xml:space=\"preserve\">");
	cv_buf_put_escaped(out, text, n);
	cv_buf_puts(out, "</w:t></w:r>");
}

/* The runs of a paragraph; the first bold_prefix bytes of the first run are
 * printed bold (ND30-DIEU-FORMAT). */
static void S_docx_runs_prefix(const cv_inlines *in, size_t bold_prefix, cv_buf *out)
{
	for (size_t i = 0; i < in->n; i++) {
		const cv_run *r = &in->runs[i];
		if (i == 0 && bold_prefix && r->text) {
			S_docx_run(r->text, bold_prefix, 1, r->italic, out);
			if (r->text[bold_prefix])
				S_docx_run(r->text + bold_prefix, strlen(r->text + bold_prefix), 0, r->italic, out);
			continue;
		}
		if (!r->text) {
			cv_buf_puts(out, "<w:r><w:br/></w:r>");
			continue;
		}
		S_docx_run(r->text, strlen(r->text), r->bold, r->italic, out);
	}
}

static void S_docx_runs(const cv_inlines *in, int force_bold, cv_buf *out)
{
	for (size_t i = 0; i < in->n; i++) {
		const cv_run *r = &in->runs[i];
		if (!r->text) {
			cv_buf_puts(out, "<w:r><w:br/></w:r>");
			continue;
		}
		cv_buf_puts(out, "<w:r>");
		int bold = r->bold && !force_bold; /* a bold style needs no bold run */
		if (bold || r->italic) {
			cv_buf_puts(out, "<w:rPr>");
			if (bold)
				cv_buf_puts(out, "<w:b/><w:bCs/>");
			if (r->italic)
				cv_buf_puts(out, "<w:i/><w:iCs/>");
			cv_buf_puts(out, "</w:rPr>");
		}
		cv_buf_puts(out, "<w:t xml:space=\"preserve\">");
		cv_buf_put_escaped(out, r->text, strlen(r->text));
		cv_buf_puts(out, "</w:t></w:r>");
	}
}

/* Widest word of a cell's text, in points (header rows are bold). */
static double S_widest_word(const char *s, int bold, double size_pt)
{
	double best = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		double w = cv_text_width(s, n, bold, size_pt);
		if (w > best)
			best = w;
		s += n;
		s += strspn(s, " ");
	}
	return best;
}

void cv_table_widths(const cv_table *t, double total_tw, double size_pt, double cell_margin_tw, long *widths)
{
	/* Each column gets at least its widest word (so "STT" never wraps as
	 * "ST/T"), then the rest of the width goes to the columns in proportion
	 * to how much more their longest text would like, capped at 60%. */
	const double pad = 2 * cell_margin_tw + 60; /* the cell margins (profile), and a little air */
	size_t nc = t->ncols;
	double *nat = cv_xcalloc(nc, sizeof *nat), *min = cv_xcalloc(nc, sizeof *min);
	double sum_min = 0, sum_extra = 0;
	for (size_t c = 0; c < nc; c++) {
		for (size_t r = 0; r < t->nrows; r++) {
			const cv_inlines *in = &t->cells[r * nc + c];
			double cw = 0;
			for (size_t i = 0; i < in->n; i++) {
				if (!in->runs[i].text)
					continue;
				int bold = in->runs[i].bold || r < t->header_rows;
				cw += cv_text_width(in->runs[i].text, strlen(in->runs[i].text), bold, size_pt);
				double ww = S_widest_word(in->runs[i].text, bold, size_pt);
				if (ww * 20 + pad > min[c])
					min[c] = ww * 20 + pad;
			}
			if (cw * 20 + pad > nat[c])
				nat[c] = cw * 20 + pad;
		}
		if (nat[c] > total_tw * 0.6)
			nat[c] = total_tw * 0.6;
		if (min[c] > nat[c])
			nat[c] = min[c];
		sum_min += min[c];
		sum_extra += nat[c] - min[c];
	}
	double room = total_tw - sum_min;
	long used = 0;
	for (size_t c = 0; c < nc; c++) {
		double w;
		if (room <= 0) /* even the words do not fit: share by them */
			w = sum_min > 0 ? total_tw * min[c] / sum_min : total_tw / nc;
		else if (sum_extra > 0)
			w = min[c] + room * (nat[c] - min[c]) / sum_extra;
		else
			w = min[c] + room / nc;
		widths[c] = c + 1 == nc ? (long)total_tw - used : (long)w;
		used += widths[c];
	}
	free(nat);
	free(min);
}

static const char *S_jc(cv_align a)
{
	return a == CV_ALIGN_CENTER ? "center" : a == CV_ALIGN_RIGHT ? "right" : "left";
}

static void S_docx_table(const cv_table *t, const cv_layout *lay, double indent_tw, cv_buf *out)
{
	if (!t->ncols)
		return;
	double total = lay->page_width_tw - lay->margin_left_tw - lay->margin_right_tw - indent_tw;
	long *w = cv_xcalloc(t->ncols, sizeof *w);
	cv_table_widths(t, total, lay->size_table_pt, lay->cell_margin_tw, w);
	cv_buf_printf(out, "<w:tbl><w:tblPr><w:tblW w:w=\"%ld\" w:type=\"dxa\"/>", (long)total);
	if (indent_tw > 0)
		cv_buf_printf(out, "<w:tblInd w:w=\"%ld\" w:type=\"dxa\"/>", (long)indent_tw);
	cv_buf_puts(out, "<w:tblBorders>");
	static const char *sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	for (int i = 0; i < 6; i++)
		cv_buf_printf(out, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", sides[i]);
	cv_buf_puts(out, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
	for (size_t c = 0; c < t->ncols; c++)
		cv_buf_printf(out, "<w:gridCol w:w=\"%ld\"/>", w[c]);
	cv_buf_puts(out, "</w:tblGrid>");
	for (size_t r = 0; r < t->nrows; r++) {
		int head = r < t->header_rows;
		/* header rows repeat on every page; no row splits across pages */
		cv_buf_puts(out, head ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
				      : "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		for (size_t c = 0; c < t->ncols; c++) {
			cv_buf_printf(out, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/></w:tcPr>", w[c]);
			cv_buf_printf(out, "<w:p><w:pPr><w:pStyle w:val=\"CVBang\"/><w:jc w:val=\"%s\"/>",
				      head ? "center" : S_jc(t->align[c]));
			if (head)
				cv_buf_puts(out, "<w:rPr><w:b/><w:bCs/></w:rPr>");
			cv_buf_puts(out, "</w:pPr>");
			const cv_inlines *in = &t->cells[r * t->ncols + c];
			if (head) { /* the header row is bold: runs carry it */
				for (size_t i = 0; i < in->n; i++) {
					cv_inlines one = {&in->runs[i], 1, 1};
					cv_run bold = in->runs[i];
					bold.bold = 1;
					one.runs = &bold;
					S_docx_runs(&one, 0, out);
				}
			} else {
				S_docx_runs(in, 0, out);
			}
			cv_buf_puts(out, "</w:p></w:tc>");
		}
		cv_buf_puts(out, "</w:tr>");
	}
	cv_buf_puts(out, "</w:tbl>");
	free(w);
}

/* A division heading: the label line and the title line, both centred and
 * bold (ND30.md §3.9: "Chương I" / "QUY ĐỊNH CHUNG"). */
static void S_docx_division(const char *label, const char *title, cv_buf *out)
{
	cv_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"CVChuong\"/></w:pPr>");
	S_docx_run(label, strlen(label), 0, 0, out);
	cv_buf_puts(out, "</w:p>");
	if (title) {
		cv_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"CVChuongTen\"/></w:pPr>");
		S_docx_run(title, strlen(title), 0, 0, out);
		cv_buf_puts(out, "</w:p>");
	}
}

void cv_docx_blocks(const cv_body *b, size_t from, size_t to, const cv_layout *lay, cv_buf *out)
{
	cv_arena a = CV_ARENA_INIT;
	for (size_t i = from; i < to; i++) {
		const cv_block *blk = &b->blocks[i];
		double quote_tw = blk->quote * lay->item_indent_tw;
		if (blk->kind == CV_BLOCK_TABLE) {
			S_docx_table(blk->table, lay, quote_tw, out);
			/* Word merges two adjacent tables, and the closing block is a
			 * table: keep a hairline paragraph between them. */
			if (i + 1 == to || b->blocks[i + 1].kind == CV_BLOCK_TABLE)
				cv_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"CVDuongKe\"/><w:keepNext/></w:pPr></w:p>");
			continue;
		}
		const char *label, *title;
		if (S_division(&a, blk, &label, &title)) {
			S_docx_division(label, title, out);
			continue;
		}
		cv_buf_printf(out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", S_style(blk));
		if (i + 1 == to)
			cv_buf_puts(out, "<w:keepNext/>");
		/* a table has no space after it of its own: the paragraph adds it */
		if (i > from && b->blocks[i - 1].kind == CV_BLOCK_TABLE)
			cv_buf_printf(out, "<w:spacing w:before=\"%ld\"/>", (long)lay->body_after_tw);
		double first = 0;
		if (blk->kind == CV_BLOCK_ITEM && blk->level > 0)
			first = lay->body_indent_tw + blk->level * lay->item_indent_tw;
		if (quote_tw > 0 || first > 0) {
			cv_buf_puts(out, "<w:ind");
			if (quote_tw > 0)
				cv_buf_printf(out, " w:left=\"%ld\"", (long)quote_tw);
			if (first > 0)
				cv_buf_printf(out, " w:firstLine=\"%ld\"", (long)first);
			cv_buf_puts(out, "/>");
		}
		cv_buf_puts(out, "</w:pPr>");
		if (blk->marker) {
			cv_buf_puts(out, "<w:r><w:t xml:space=\"preserve\">");
			cv_buf_put_escaped(out, blk->marker, strlen(blk->marker));
			cv_buf_puts(out, " </w:t></w:r>");
		}
		size_t art = S_article(blk);
		if (art)
			S_docx_runs_prefix(&blk->in, art, out);
		else
			S_docx_runs(&blk->in, blk->kind == CV_BLOCK_HEADING, out);
		cv_buf_puts(out, "</w:p>");
	}
	cv_arena_free(&a);
}

void cv_docx_body(const cv_body *b, const cv_layout *lay, cv_buf *out)
{
	cv_docx_blocks(b, 0, cv_body_main_end(b), lay, out);
}

/* ---- HTML ----------------------------------------------------------------- */

static void S_html_runs(const cv_inlines *in, cv_buf *out)
{
	for (size_t i = 0; i < in->n; i++) {
		const cv_run *r = &in->runs[i];
		if (!r->text) {
			cv_buf_puts(out, "<br>");
			continue;
		}
		if (r->bold)
			cv_buf_puts(out, "<b>");
		if (r->italic)
			cv_buf_puts(out, "<i>");
		cv_buf_put_escaped(out, r->text, strlen(r->text));
		if (r->italic)
			cv_buf_puts(out, "</i>");
		if (r->bold)
			cv_buf_puts(out, "</b>");
	}
}

static void S_html_table(const cv_table *t, const cv_layout *lay, double indent_tw, cv_buf *out)
{
	if (!t->ncols)
		return;
	double total = lay->page_width_tw - lay->margin_left_tw - lay->margin_right_tw - indent_tw;
	long *w = cv_xcalloc(t->ncols, sizeof *w);
	cv_table_widths(t, total, lay->size_table_pt, lay->cell_margin_tw, w);
	if (indent_tw > 0)
		cv_buf_printf(out, "<table class=\"grid\" style=\"margin-left: %gpt; width: %gpt\"><colgroup>",
			      indent_tw / 20, total / 20);
	else
		cv_buf_puts(out, "<table class=\"grid\"><colgroup>");
	for (size_t c = 0; c < t->ncols; c++)
		cv_buf_printf(out, "<col style=\"width: %.1f%%\">", 100.0 * (double)w[c] / total);
	cv_buf_puts(out, "</colgroup>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		int head = r < t->header_rows;
		if (r == 0 && head)
			cv_buf_puts(out, "<thead>");
		if (r == t->header_rows)
			cv_buf_puts(out, "<tbody>");
		cv_buf_puts(out, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			cv_align al = t->align[c];
			if (!head && (al == CV_ALIGN_CENTER || al == CV_ALIGN_RIGHT))
				cv_buf_printf(out, "<td style=\"text-align: %s\">", S_jc(al));
			else
				cv_buf_puts(out, head ? "<th>" : "<td>");
			S_html_runs(&t->cells[r * t->ncols + c], out);
			cv_buf_puts(out, head ? "</th>" : "</td>");
		}
		cv_buf_puts(out, "</tr>\n");
		if (head && r + 1 == t->header_rows)
			cv_buf_puts(out, "</thead>");
	}
	if (t->header_rows < t->nrows)
		cv_buf_puts(out, "</tbody>");
	cv_buf_puts(out, "</table>\n");
	free(w);
}

void cv_html_blocks(const cv_body *b, size_t from, size_t to, const cv_layout *lay, cv_buf *out)
{
	cv_arena a = CV_ARENA_INIT;
	for (size_t i = from; i < to; i++) {
		const cv_block *blk = &b->blocks[i];
		double quote_tw = blk->quote * lay->item_indent_tw;
		if (blk->kind == CV_BLOCK_TABLE) {
			S_html_table(blk->table, lay, quote_tw, out);
			continue;
		}
		const char *label, *title;
		if (S_division(&a, blk, &label, &title)) {
			cv_buf_puts(out, "<p class=\"division\">");
			cv_buf_put_escaped(out, label, strlen(label));
			cv_buf_puts(out, "</p>\n");
			if (title) {
				cv_buf_puts(out, "<p class=\"division-title\">");
				cv_buf_put_escaped(out, title, strlen(title));
				cv_buf_puts(out, "</p>\n");
			}
			continue;
		}
		cv_buf_printf(out, "<p class=\"%s\"", S_class(blk));
		double first = 0;
		if (blk->kind == CV_BLOCK_ITEM && blk->level > 0)
			first = lay->body_indent_tw + blk->level * lay->item_indent_tw;
		if (quote_tw > 0 || first > 0) {
			cv_buf_puts(out, " style=\"");
			if (quote_tw > 0)
				cv_buf_printf(out, "margin-left: %gpt;", quote_tw / 20);
			if (first > 0)
				cv_buf_printf(out, "text-indent: %gpt;", first / 20);
			cv_buf_puts(out, "\"");
		}
		cv_buf_puts(out, ">");
		if (blk->marker) {
			cv_buf_put_escaped(out, blk->marker, strlen(blk->marker));
			cv_buf_puts(out, " ");
		}
		size_t art = S_article(blk);
		if (art) {
			const cv_run *r0 = &blk->in.runs[0];
			cv_buf_puts(out, r0->italic ? "<b><i>" : "<b>");
			cv_buf_put_escaped(out, r0->text, art);
			cv_buf_puts(out, r0->italic ? "</i></b>" : "</b>");
			cv_inlines rest = blk->in;
			cv_run first_rest = *r0;
			first_rest.text = r0->text + art;
			rest.runs = cv_arena_alloc(&a, blk->in.n * sizeof *rest.runs);
			memcpy(rest.runs, blk->in.runs, blk->in.n * sizeof *rest.runs);
			rest.runs[0] = first_rest;
			S_html_runs(&rest, out);
		} else {
			S_html_runs(&blk->in, out);
		}
		cv_buf_puts(out, "</p>\n");
	}
	cv_arena_free(&a);
}

void cv_html_body(const cv_body *b, const cv_layout *lay, cv_buf *out)
{
	cv_html_blocks(b, 0, cv_body_main_end(b), lay, out);
}
