/*
 * body.h — read the Markdown body (CommonMark + GFM tables) into cv_body.
 *
 * The only user of cmark-gfm.  Vietnamese dispatches number their sections
 * by hand ("1.", "2.1.", "a)") and use "-" / "+" for items; the reader keeps
 * the marker the author typed (CV_BLOCK_ITEM.marker) instead of turning lists
 * into auto-numbering.  Raw HTML is kept as literal text.
 */
#ifndef CV_BODY_H
#define CV_BODY_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/doc.h"

/* Parse body text (valid UTF-8) that starts on input line first_line.
 * Returns 0, or -1 with errors in d (whose file/src are the input). */
int cv_read_body(cv_arena *a, const char *text, size_t len, int first_line, cv_body *out,
		 cv_diags *d);

/* Append a run (text copied into the arena, NFC), merging with the previous
 * run when it has the same style. text NULL = a line break. */
void cv_inlines_add(cv_arena *a, cv_inlines *in, const char *text, size_t n, int bold,
		    int italic);

#endif
