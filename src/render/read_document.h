/*
 * read_document.h — the read stage of a render (defined in render.c), for
 * the other part of the renderer that reads a whole document: the original
 * of a copy (ban_sao.c).
 */
#ifndef CV_READ_DOCUMENT_H
#define CV_READ_DOCUMENT_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/doc.h"
#include "read/vars.h"
#include "render/profile.h"
#include "tpl/tpl.h"

/* What a cv_result keeps between renders (render.c). */
struct cv_render_cache;

/* The text's UTF-8, its front matter (from the cache c when the last
 * render read the same bytes; c may be NULL), its type (*type), this row's
 * placeholders (vars, may be NULL), the typed fields and the body, into
 * *doc.  The caller has set doc->file, doc->src and doc->src_len.  Returns
 * 0, or 1 when d holds an error. */
int cv_read_document(struct cv_render_cache *c, cv_arena *a, cv_tpl_set *set, const char *src, size_t len,
		     const cv_vars *vars, cv_doc *doc, cv_type *type, cv_diags *d);

#endif
