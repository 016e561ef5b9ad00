/*
 * render.c — the pipeline, top to bottom (see congvan.h): read, check,
 * build the context, write the outputs.  Each step appends diagnostics; the
 * outputs are produced only when no step found an error.
 */
#include "congvan.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "lint/lint.h"
#include "model/nd30.h"
#include "read/body.h"
#include "read/frontmatter.h"
#include "read/meta.h"
#include "render/body_writer.h"
#include "render/ban_sao.h"
#include "render/context.h"
#include "render/package.h"
#include "render/profile.h"

/* Input larger than this is not a dispatch (the longest real ones are a few
 * hundred kilobytes); refusing it early bounds time and memory. */
#define INPUT_MAX_BYTES ((size_t)16 * 1024 * 1024)

/* Checks that need the whole model: warnings a văn thư would want to see. */
static void S_cross_checks(const cv_doc *doc, cv_diags *d)
{
	const cv_meta *m = &doc->meta;
	if (m->dong_ngay.s) {
		const char *why = cv_nd30_date_line_problem(m->dong_ngay.s);
		if (why)
			cv_diag_at(d, CV_WARNING, m->dong_ngay.line, m->dong_ngay.col, "ND30-DATE-ZERO",
				   _("the date line is printed as given, but ND30 says %s"), _(why));
		if (m->ngay.s)
			cv_diag_at(d, CV_WARNING, m->dong_ngay.line, m->dong_ngay.col, NULL,
				   _("'dong_ngay' replaces the date line built from 'ngay'"));
	}
}

/* What a cv_result keeps between renders (congvan.h). */
struct cv_render_cache {
	cv_pkg_cache *pkg;
	cv_buf frag; /* the body fragment, DOCX then HTML */
};

/* CONGVAN_CHECK_XML=1: every DOCX part checked (see CV_OUT_CHECK_XML). */
static bool S_check_xml(int outputs)
{
	const char *e = getenv("CONGVAN_CHECK_XML");
	return (outputs & CV_OUT_CHECK_XML) || (e && *e && strcmp(e, "0") != 0);
}

static bool S_is_key(const char *key, void *rules)
{
	return cv_meta_is_key(key, rules);
}

int cv_render(cv_tpl_set *set, const char *src, size_t len, const cv_render_opts *o, cv_result *r)
{
	cv_buf_clear(&r->docx);
	cv_buf_clear(&r->html);
	cv_diags_clear(&r->diags);
	cv_arena_reset(&r->arena);
	memset(&r->doc, 0, sizeof r->doc);
	cv_arena *a = &r->arena;
	cv_diags *d = &r->diags;
	cv_doc *doc = &r->doc;
	d->file = doc->file = o->file;
	d->src = doc->src = src;
	d->src_len = doc->src_len = len;

	if (len > INPUT_MAX_BYTES) {
		cv_diag_at(d, CV_ERROR, 0, 0, NULL, _("the input is %zu bytes; the limit is %zu (16 MiB)"), len,
			   INPUT_MAX_BYTES);
		return 1;
	}
	/* ND30-UTF8-NFC: valid UTF-8 first, so every later position is right */
	size_t bad;
	const char *why;
	if (cv_utf8_check(src, len, &bad, &why)) {
		int line, col;
		cv_diag_locate(src, len, bad, &line, &col);
		cv_diag_at(d, CV_ERROR, line, col, "ND30-UTF8-NFC", "%s", why);
		return 1;
	}
	size_t fm_off, fm_len, body_off;
	if (cv_split_source(src, len, d, &fm_off, &fm_len, &body_off, &doc->body_line) != 0)
		return 1;
	int ok;
	doc->fm = cv_yaml_parse(a, o->file, src, len, fm_off, fm_len, d, &ok);
	if (!ok)
		return 1;

	cv_meta_read_type(a, doc->fm, &doc->meta, d);
	cv_ynode *loai = cv_ymap_get(doc->fm, "loai", NULL);
	cv_type type;
	if (cv_type_load(a, set, doc->meta.loai.s, loai ? loai->line : 1, loai ? loai->col : 1, &type, d) != 0)
		return 1;
	if (o->vars)
		doc->fm = cv_vars_apply_fm(a, doc->fm, o->vars, S_is_key, &type.rules, d);
	memset(&doc->meta, 0, sizeof doc->meta);
	cv_meta_read(a, doc->fm, &type.rules, &doc->meta, d);
	cv_read_body(a, src + body_off, len - body_off, doc->body_line, &doc->body, d);
	if (o->vars && !d->errors)
		cv_vars_apply_body(a, &doc->body, o->vars, d);
	if (d->errors)
		return 1;
	S_cross_checks(doc, d);
	/* LINT HOOK: the ND30 linter (congvan check) adds its diagnostics here,
	 * so render and serve show the same ones. */
	if (!(o->outputs & CV_OUT_NO_LINT))
		cv_lint(doc, &type, 0, d); /* never blocks the outputs: see lint/lint.h */

	cv_value *p, *dm;
	cv_layout lay;
	if (cv_profile_load(a, set, doc->meta.profile.s, &p, &lay, d) != 0)
		return 1;
	cv_value *ctx = cv_context_build(a, doc, &type, p, &lay, o->year_now, &dm);
	/* a copy lays out its original first (render/ban_sao.c) */
	if (cv_ban_sao_attach(set, a, doc, &type, o->read_file, o->read_ctx, o->year_now, dm, d) != 0)
		return 1;

	if (!r->cache) {
		r->cache = cv_xcalloc(1, sizeof *r->cache);
		r->cache->pkg = cv_pkg_cache_new();
	}
	cv_buf *fp = &r->cache->frag, frag;
	int rc = 0;
	if (o->outputs & CV_OUT_DOCX) {
		cv_buf_clear(fp);
		cv_docx_body(&doc->body, &lay, fp);
		frag = *fp;
		cv_v_set(a, dm, "body", cv_v_frag(a, cv_buf_cstr(&frag), frag.len));
		if (cv_docx_package(set, type.name, ctx, S_check_xml(o->outputs), r->cache->pkg, &r->docx, d) != 0)
			rc = 1;
	}
	if (rc == 0 && (o->outputs & CV_OUT_HTML)) {
		cv_buf_clear(fp);
		cv_html_body(&doc->body, &lay, fp);
		frag = *fp;
		cv_v_set(a, dm, "body", cv_v_frag(a, cv_buf_cstr(&frag), frag.len));
		if (cv_html_page(set, type.name, ctx, &r->html, d) != 0)
			rc = 1;
	}
	return rc;
}

void cv_result_free(cv_result *r)
{
	cv_buf_free(&r->docx);
	cv_buf_free(&r->html);
	cv_diags_free(&r->diags);
	cv_arena_free(&r->arena);
	if (r->cache) {
		cv_pkg_cache_free(r->cache->pkg);
		cv_buf_free(&r->cache->frag);
		free(r->cache);
		r->cache = NULL;
	}
}
