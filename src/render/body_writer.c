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

#include "model/metrics.h"

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

/* ---- DOCX ----------------------------------------------------------------- */

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

void cv_table_widths(const cv_table *t, double total_tw, double size_pt, long *widths)
{
	double nat[64], sum = 0;
	size_t nc = t->ncols;
	for (size_t c = 0; c < nc; c++) {
		double w = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			const cv_inlines *in = &t->cells[r * nc + c];
			double cw = 0;
			for (size_t i = 0; i < in->n; i++)
				if (in->runs[i].text)
					cw += cv_text_width(in->runs[i].text, strlen(in->runs[i].text),
							    in->runs[i].bold || r < t->header_rows, size_pt);
			if (cw > w)
				w = cw;
		}
		/* room for cell margins; no column narrower than 8% or wider than 60% */
		w = w * 20 + 300;
		double lo = total_tw * 0.08, hi = total_tw * 0.6;
		w = w < lo ? lo : w > hi ? hi : w;
		if (c < 64)
			nat[c] = w;
		sum += w;
	}
	long used = 0;
	for (size_t c = 0; c < nc; c++) {
		double w = c < 64 ? nat[c] : total_tw / nc;
		widths[c] = c + 1 == nc ? (long)total_tw - used : (long)(total_tw * w / sum);
		used += widths[c];
	}
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
	cv_table_widths(t, total, lay->size_table_pt, w);
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

void cv_docx_body(const cv_body *b, const cv_layout *lay, cv_buf *out)
{
	for (size_t i = 0; i < b->n; i++) {
		const cv_block *blk = &b->blocks[i];
		double quote_tw = blk->quote * lay->item_indent_tw;
		if (blk->kind == CV_BLOCK_TABLE) {
			S_docx_table(blk->table, lay, quote_tw, out);
			/* Word merges two adjacent tables, and the closing block is a
			 * table: keep a hairline paragraph between them. */
			if (i + 1 == b->n || b->blocks[i + 1].kind == CV_BLOCK_TABLE)
				cv_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"CVDuongKe\"/><w:keepNext/></w:pPr></w:p>");
			continue;
		}
		cv_buf_printf(out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", S_style(blk));
		if (i + 1 == b->n)
			cv_buf_puts(out, "<w:keepNext/>");
		/* a table has no space after it of its own: the paragraph adds it */
		if (i > 0 && b->blocks[i - 1].kind == CV_BLOCK_TABLE)
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
		S_docx_runs(&blk->in, blk->kind == CV_BLOCK_HEADING, out);
		cv_buf_puts(out, "</w:p>");
	}
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
	cv_table_widths(t, total, lay->size_table_pt, w);
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

void cv_html_body(const cv_body *b, const cv_layout *lay, cv_buf *out)
{
	for (size_t i = 0; i < b->n; i++) {
		const cv_block *blk = &b->blocks[i];
		double quote_tw = blk->quote * lay->item_indent_tw;
		if (blk->kind == CV_BLOCK_TABLE) {
			S_html_table(blk->table, lay, quote_tw, out);
			continue;
		}
		/* the last paragraph keeps with the closing block when printed */
		cv_buf_printf(out, "<p class=\"%s%s\"", S_class(blk), i + 1 == b->n ? " last" : "");
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
		S_html_runs(&blk->in, out);
		cv_buf_puts(out, "</p>\n");
	}
}
