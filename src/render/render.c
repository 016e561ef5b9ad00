/*
 * render.c — the pipeline, top to bottom (see congvan.h): read, check,
 * build the context, write the outputs.  Each step appends diagnostics; the
 * outputs are produced unless reading or checking the input found an error
 * (the ND30 linter's findings are reported but never block them: see
 * congvan.h).
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
#include "render/read_document.h"


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

/* What a cv_result keeps between renders (congvan.h): what the last render
 * read that the next one, on the same text (a batch's next row), would read
 * again the same.  Each part is used only when its key matches, and only
 * when reading it produced no diagnostic, so that every render reports the
 * same as without it. */
struct cv_render_cache {
	cv_pkg_cache *pkg;
	cv_lint_memo *lint;
	cv_wrap_memo *wrap; /* balanced lines of the agency, V/v, signature */
	cv_buf frag; /* the body fragment, DOCX then HTML */
	/* the front matter's tree, for the text src[0..fm_end) of file `file` */
	cv_arena fm_arena;
	char *fm_src;
	size_t fm_end;
	cv_ynode *fm;
	bool fm_ok;
	/* the profile `prof_name` of the template set `prof_set` */
	cv_arena prof_arena;
	unsigned long prof_set;
	char *prof_name;
	cv_value *prof;
	cv_layout prof_lay;
	bool prof_ok;
};

static struct cv_render_cache *S_cache(cv_result *r)
{
	if (!r->cache) {
		r->cache = cv_xcalloc(1, sizeof *r->cache);
		r->cache->pkg = cv_pkg_cache_new();
		r->cache->lint = cv_lint_memo_new();
		r->cache->wrap = cv_wrap_memo_new();
	}
	return r->cache;
}

/* A copy of tree n in a.  Its strings are shared unless `strings` (the
 * renders' copies share the cache's: nothing changes a string in place;
 * placeholders and key columns replace nodes and pointers). */
static cv_ynode *S_ycopy(cv_arena *a, const cv_ynode *n, bool strings)
{
	if (!n)
		return NULL;
	cv_ynode *c = cv_arena_alloc(a, sizeof *c);
	*c = *n;
	if (strings && n->text)
		c->text = cv_arena_strdup(a, n->text);
	if (n->n && n->items) {
		c->items = cv_arena_alloc(a, n->n * sizeof *c->items);
		for (size_t i = 0; i < n->n; i++)
			c->items[i] = S_ycopy(a, n->items[i], strings);
	}
	if (n->n && n->keys) {
		c->keys = cv_arena_alloc(a, n->n * sizeof *c->keys);
		for (size_t i = 0; i < n->n; i++)
			c->keys[i] = strings && n->keys[i] ? cv_arena_strdup(a, n->keys[i]) : n->keys[i];
	}
	if (n->n && n->key_line) {
		c->key_line = cv_arena_alloc(a, n->n * sizeof *c->key_line);
		memcpy(c->key_line, n->key_line, n->n * sizeof *c->key_line);
	}
	if (n->n && n->key_col) {
		c->key_col = cv_arena_alloc(a, n->n * sizeof *c->key_col);
		memcpy(c->key_col, n->key_col, n->n * sizeof *c->key_col);
	}
	return c;
}

/* cv_yaml_parse, or a copy of the tree the last render parsed from the
 * same bytes (YAML is parsed once per batch, not once per row). */
static cv_ynode *S_front_matter(struct cv_render_cache *c, cv_arena *a, const char *file, const char *src,
				size_t len, size_t fm_off, size_t fm_len, cv_diags *d, int *ok)
{
	size_t end = fm_off + fm_len;
	if (c->fm_ok && c->fm_end == end && !memcmp(c->fm_src, src, end)) {
		*ok = 1;
		return S_ycopy(a, c->fm, false);
	}
	size_t n0 = d->n;
	cv_ynode *fm = cv_yaml_parse(a, file, src, len, fm_off, fm_len, d, ok);
	if (!*ok || d->n != n0)
		return fm; /* messages point into this render's text: not kept */
	c->fm_ok = false;
	free(c->fm_src);
	cv_arena_reset(&c->fm_arena);
	c->fm_src = cv_xmalloc(end + 1);
	memcpy(c->fm_src, src, end);
	c->fm_end = end;
	c->fm = S_ycopy(&c->fm_arena, fm, true);
	c->fm_ok = true;
	return fm;
}

/* CONGVAN_CHECK_XML=1: every DOCX part checked (see CV_OUT_CHECK_XML). */
static bool S_check_xml(int outputs)
{
	const char *e = getenv("CONGVAN_CHECK_XML");
	return (outputs & CV_OUT_CHECK_XML) || (e && *e && strcmp(e, "0") != 0);
}

/* cv_profile_load, or what the last render loaded for the same name from
 * the same set.  The profile is only read afterwards (templates, context). */
static int S_profile(struct cv_render_cache *c, cv_arena *a, cv_tpl_set *set, const char *name, cv_value **p,
		     cv_layout *lay, cv_diags *d)
{
	const char *key = name ? name : "";
	unsigned long id = cv_tpl_set_id(set);
	if (c->prof_ok && c->prof_set == id && !strcmp(c->prof_name, key)) {
		*p = c->prof;
		*lay = c->prof_lay;
		return 0;
	}
	cv_diags quiet = CV_DIAGS_INIT;
	cv_arena_reset(&c->prof_arena);
	c->prof_ok = false;
	int rc = cv_profile_load(&c->prof_arena, set, name, p, lay, &quiet);
	bool clean = rc == 0 && quiet.n == 0;
	cv_diags_free(&quiet);
	if (!clean) /* not kept: loaded again, its messages going to d */
		return cv_profile_load(a, set, name, p, lay, d);
	free(c->prof_name);
	c->prof_name = cv_xstrdup(key);
	c->prof_set = id;
	c->prof = *p;
	c->prof_lay = *lay;
	c->prof_ok = true;
	return 0;
}

static bool S_is_key(const char *key, void *rules)
{
	return cv_meta_is_key(key, rules);
}

/* The read stage (read_document.h): cv_render runs it on its input,
 * ban_sao.c on the original of a copy. */
int cv_read_document(struct cv_render_cache *c, cv_arena *a, cv_tpl_set *set, const char *src, size_t len,
		     const cv_vars *vars, cv_doc *doc, cv_type *type, cv_diags *d)
{
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
	doc->fm = c ? S_front_matter(c, a, doc->file, src, len, fm_off, fm_len, d, &ok)
		    : cv_yaml_parse(a, doc->file, src, len, fm_off, fm_len, d, &ok);
	if (!ok)
		return 1;

	cv_meta_read_type(a, doc->fm, &doc->meta, d);
	cv_ynode *loai = cv_ymap_get(doc->fm, "loai", NULL);
	if (cv_type_load(a, set, doc->meta.loai.s, loai ? loai->line : 1, loai ? loai->col : 1, type, d) != 0)
		return 1;
	if (vars)
		doc->fm = cv_vars_apply_fm(a, doc->fm, vars, S_is_key, &type->rules, d);
	memset(&doc->meta, 0, sizeof doc->meta);
	cv_meta_read(a, doc->fm, &type->rules, &doc->meta, d);
	cv_read_body(a, src + body_off, len - body_off, doc->body_line, &doc->body, d);
	if (vars && !d->errors)
		cv_vars_apply_body(a, &doc->body, vars, d);
	return d->errors ? 1 : 0;
}

int cv_render(cv_tpl_set *set, const char *src, size_t len, const cv_render_opts *o, cv_result *r)
{
	cv_buf_clear(&r->docx);
	cv_buf_clear(&r->html);
	cv_diags_clear(&r->diags);
	cv_arena_reset(&r->arena);
	memset(&r->doc, 0, sizeof r->doc);
	r->so_ky_hieu = "";
	cv_arena *a = &r->arena;
	cv_diags *d = &r->diags;
	cv_doc *doc = &r->doc;
	d->file = doc->file = o->file;
	d->src = doc->src = src;
	d->src_len = doc->src_len = len;

	if (len > CV_INPUT_MAX_BYTES) {
		cv_diag_at(d, CV_ERROR, 0, 0, NULL, _("the input is %zu bytes; the limit is %zu (16 MiB)"), len,
			   CV_INPUT_MAX_BYTES);
		return 1;
	}
	struct cv_render_cache *c = S_cache(r);
	cv_type type;
	if (cv_read_document(c, a, set, src, len, o->vars, doc, &type, d) != 0)
		return 1;
	S_cross_checks(doc, d);
	/* LINT HOOK: the ND30 linter (congvan check) adds its diagnostics here,
	 * so render and serve show the same ones. */
	cv_lint_memo_run(doc, &type, 0, c->lint, d); /* never blocks the outputs: see lint/lint.h */

	cv_value *p, *dm;
	cv_layout lay;
	if (S_profile(c, a, set, doc->meta.profile.s, &p, &lay, d) != 0)
		return 1;
	cv_value *ctx = cv_context_build(a, c->wrap, doc, &type, p, &lay, o->year_now, &dm);
	r->so_ky_hieu = doc->meta.so.s ? cv_v_get(dm, "so_ky_hieu")->s : "";
	/* a copy lays out its original first (render/ban_sao.c) */
	if (cv_ban_sao_attach(set, a, doc, &type, o->read_file, o->read_ctx, o->year_now, dm, d) != 0)
		return 1;

	cv_buf *fp = &c->frag, frag;
	int rc = 0;
	if (o->outputs & CV_OUT_DOCX) {
		cv_buf_clear(fp);
		cv_docx_body(&doc->body, &lay, fp);
		frag = *fp;
		cv_v_set(a, dm, "body", cv_v_frag(a, cv_buf_cstr(&frag), frag.len));
		if (cv_docx_package(set, type.name, ctx, S_check_xml(o->outputs), c->pkg, &r->docx, d) != 0)
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
		cv_lint_memo_free(r->cache->lint);
		cv_wrap_memo_free(r->cache->wrap);
		cv_arena_free(&r->cache->fm_arena);
		free(r->cache->fm_src);
		cv_arena_free(&r->cache->prof_arena);
		free(r->cache->prof_name);
		cv_buf_free(&r->cache->frag);
		free(r->cache);
		r->cache = NULL;
	}
}
