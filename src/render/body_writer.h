/*
 * body_writer.h — the body (cv_body) as a WordprocessingML or HTML fragment.
 *
 * The two writers walk the same blocks and name the same styles (a DOCX
 * paragraph style and an HTML class per block kind), so that the DOCX and
 * the HTML read alike.  Only these fragments are built in C; everything
 * around them comes from templates.
 */
#ifndef CV_BODY_WRITER_H
#define CV_BODY_WRITER_H

#include "base/buf.h"
#include "model/doc.h"
#include "render/profile.h"

/* Append the body as <w:p>/<w:tbl> elements.  The last paragraph keeps with
 * the next block (the signature never starts a page alone).  Only the main
 * text is written: the appendices (from the first "# Phụ lục" heading on)
 * are laid out after the signature (see cv_body_main_end).
 *
 * Body structure (ND30.md §3.9): a heading "Phần I", "Chương II", "Mục 1"
 * or "Tiểu mục 1" (with its title after ". ", ": " or " - ") is printed as
 * two centred bold lines, the label and the title in upper case (styles
 * CVChuong, CVChuongTen; classes division, division-title); a paragraph
 * opening with "Điều N." has those words in bold (ND30-DIEU-FORMAT). */
void cv_docx_body(const cv_body *b, const cv_layout *lay, cv_buf *out);

/* Append the body as <p>/<table> elements (main text only, as above). */
void cv_html_body(const cv_body *b, const cv_layout *lay, cv_buf *out);

/* The same for blocks [from, to) of b: an appendix's content. */
void cv_docx_blocks(const cv_body *b, size_t from, size_t to, const cv_layout *lay, cv_buf *out);
void cv_html_blocks(const cv_body *b, size_t from, size_t to, const cv_layout *lay, cv_buf *out);

/* Index of the first appendix heading (a level-1 heading "Phụ lục …",
 * ND30.md §3.10), or b->n when the document has none. */
size_t cv_body_main_end(const cv_body *b);

/* Is blk an appendix heading?  Sets its label ("Phụ lục II"), title and
 * typed number (NULL when absent) when the pointers are not NULL. */
int cv_block_is_appendix(cv_arena *a, const cv_block *blk, const char **label, const char **title,
			 const char **number);

/* Does the body hold a division heading (Phần, Chương, Mục, Tiểu mục)? */
int cv_body_has_divisions(const cv_body *b);

/* Column widths of a body table in twips, summing to total_tw: from the
 * width of the longest text of each column, so narrow columns (STT, dates)
 * stay narrow; each cell also holds its margins (the profile's cell_margin_tw,
 * as the table style in styles.xml).  widths has t->ncols entries. */
void cv_table_widths(const cv_table *t, double total_tw, double size_pt, double cell_margin_tw, long *widths);

#endif
