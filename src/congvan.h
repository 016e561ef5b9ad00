/*
 * congvan.h — the core entry point used by every front end (render, batch,
 * serve): bytes of a Markdown+YAML source in, DOCX and HTML bytes plus
 * diagnostics out.  Nothing below this API prints, exits or touches files
 * other than templates; the CLI (src/cli/) does that.
 *
 * Pipeline (one file per stage, like cmark):
 *   read/frontmatter.c  source → front matter tree      (libyaml)
 *   read/meta.c         tree → typed cv_meta, checked
 *   read/body.c         Markdown → cv_body              (cmark-gfm)
 *   model/nd30.c        ND30 text rules (số, date line, V/v, …)
 *   model/wrap.c        balanced agency-name lines     (font metrics)
 *   render/context.c    model + profile → template context
 *   render/docx_body.c  body → WordprocessingML fragment
 *   render/html_body.c  body → HTML fragment
 *   render/package.c    parts through templates → DOCX package (zip, zlib)
 *   tpl/                the template engine
 */
#ifndef CONGVAN_H
#define CONGVAN_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "model/doc.h"
#include "render/ban_sao.h"
#include "read/vars.h"
#include "tpl/tpl.h"

#ifndef CV_VERSION
#define CV_VERSION "0.1.0"
#endif

/* Input larger than this is not a dispatch (the longest real ones are a few
 * hundred kilobytes): cv_render refuses it, and so do the front ends and
 * the reader of a copy's original before reading it, which bounds time and
 * memory. */
#define CV_INPUT_MAX_BYTES ((size_t)16 * 1024 * 1024)

/* Which outputs to produce (cv_render_opts.outputs), and how. */
enum {
	CV_OUT_DOCX = 1,
	CV_OUT_HTML = 2,
	/* Check every DOCX part with libxml2, the built-in templates' too (the
	 * test suite and the fuzzers; the environment variable
	 * CONGVAN_CHECK_XML=1 does the same).  Without it, only the parts of a
	 * user's templates (--templates) are checked: see render/package.h. */
	CV_OUT_CHECK_XML = 4
};

typedef struct cv_render_opts {
	const char *file; /* name of the input for messages ("-" = stdin) */
	int outputs;      /* CV_OUT_DOCX | CV_OUT_HTML, and CV_OUT_CHECK_XML */
	int year_now;     /* year printed in a draft date line without `nam` */
	const cv_vars *vars; /* batch: this row's values for {{placeholders}}, or NULL */
	/* copies (sao y, sao lục, trích sao): reads the original a document
	 * names in `ban_goc`; NULL: such a document is refused */
	cv_read_file_fn read_file;
	void *read_ctx;
} cv_render_opts;

/* Everything one render produced.  Owned by the caller: initialise with
 * CV_RESULT_INIT, reuse across renders (buffers and arena are reset, which
 * keeps a batch's memory flat), release with cv_result_free(). */
typedef struct cv_result {
	cv_buf docx;      /* the DOCX package, when asked for */
	cv_buf html;      /* the HTML page, when asked for */
	cv_diags diags;   /* errors and warnings, in input order */
	cv_arena arena;   /* the document model and context */
	cv_doc doc;       /* the model (valid until the next render or free) */
	/* "1144/BHXH-TĐKT" as the document prints it after "Số: " (a typed
	 * document's code included: "15/QĐ-UBND"), "" when it has no số; in
	 * the arena, like doc */
	const char *so_ky_hieu;
	/* private to cv_render: buffers and compressed DOCX parts kept for the
	 * next render (render/package.h); the outputs do not depend on it */
	struct cv_render_cache *cache;
} cv_result;

#define CV_RESULT_INIT {CV_BUF_INIT, CV_BUF_INIT, CV_DIAGS_INIT, CV_ARENA_INIT, {0}, NULL, NULL}

/* Render src[0..len) with the templates of `set`.  Returns 0 when the
 * outputs were produced, 1 when the input cannot be rendered (errors in
 * r->diags; no output).  With rc 0, r->diags may still hold warnings and
 * content errors found by the ND30 linter (lint/lint.h): they never block
 * the outputs, so a drafter can preview while fixing them; `congvan check`
 * is the command that fails on them.  `src` must stay alive while r->diags
 * is used (messages quote it). */
int cv_render(cv_tpl_set *set, const char *src, size_t len, const cv_render_opts *o,
	      cv_result *r);

void cv_result_free(cv_result *r);

#endif
