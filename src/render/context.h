/*
 * context.h — model + profile → the template context.
 *
 * The context has three roots: `p` (the profile), `doc` (the printed forms
 * of every field, computed by model/nd30.c, plus geometry the templates
 * cannot compute: rule lengths from font metrics, Kính gửi indents), and
 * `fm` (the whole front matter, for fields of user-defined types).  The
 * body fragment is added by the writer as doc.body.
 */
#ifndef CV_CONTEXT_H
#define CV_CONTEXT_H

#include "model/doc.h"
#include "model/wrap.h"
#include "render/profile.h"
#include "tpl/value.h"

/* Build the context; all values in the arena.  `doc_map` receives the `doc`
 * map so the writer can set doc.body.  `wm` (may be NULL) remembers the
 * balanced lines of the last renders (model/wrap.h). */
cv_value *cv_context_build(cv_arena *a, cv_wrap_memo *wm, const cv_doc *doc, const cv_type *type, cv_value *p,
			   const cv_layout *lay, int year_now, cv_value **doc_map);

/* Official texts of ô 1 (ND30-QH-TEXT, ND30-TN-TEXT). */
extern const char CV_QUOC_HIEU[], CV_TIEU_NGU[];

#endif
