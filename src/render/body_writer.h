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
 * the next block (the signature never starts a page alone). */
void cv_docx_body(const cv_body *b, const cv_layout *lay, cv_buf *out);

/* Append the body as <p>/<table> elements. */
void cv_html_body(const cv_body *b, const cv_layout *lay, cv_buf *out);

/* Column widths of a body table in twips, summing to total_tw: from the
 * width of the longest text of each column, so narrow columns (STT, dates)
 * stay narrow.  widths has t->ncols entries. */
void cv_table_widths(const cv_table *t, double total_tw, double size_pt, long *widths);

#endif
