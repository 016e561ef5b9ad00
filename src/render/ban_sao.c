/*
 * ban_sao.c — copies: the original laid out inside the copy (see ban_sao.h).
 *
 * The original goes through the same stages as any input (read/, model/,
 * render/context.c), then through its own type's document.xml and page.html;
 * what is inside <w:body> (before the final section properties) and inside
 * <main class="sheet"> is what the copy prints.  Those two markers are the
 * contract with a type's templates (docs/templates.md §6).
 */
#include "render/ban_sao.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "congvan.h"
#include "read/body.h"
#include "read/frontmatter.h"
#include "read/meta.h"
#include "render/body_writer.h"
#include "render/context.h"
#include "render/read_document.h"


/* s[from..to) of the text between the first `open` and the last `close`
 * after it, as a fragment; NULL when a marker is missing. */
static cv_value *S_between(cv_arena *a, const cv_buf *b, const char *open, const char *close)
{
	const char *s = cv_buf_cstr(b);
	const char *p = strstr(s, open);
	if (!p)
		return NULL;
	p += strlen(open);
	const char *end = NULL;
	for (const char *q = strstr(p, close); q; q = strstr(q + 1, close))
		end = q;
	if (!end)
		return NULL;
	return cv_v_frag(a, p, (size_t)(end - p));
}

/* Read and check the original; on success *odoc and *otype describe it. */
static int S_read(cv_arena *a, cv_tpl_set *set, const char *name, const char *src, size_t len,
		  cv_doc *odoc, cv_type *otype, cv_diags *d)
{
	memset(odoc, 0, sizeof *odoc);
	odoc->file = name;
	odoc->src = src;
	odoc->src_len = len;
	if (cv_read_document(NULL, a, set, src, len, NULL, odoc, otype, d) != 0)
		return -1;
	if (odoc->meta.ban_goc.s) {
		cv_ynode *loai = cv_ymap_get(odoc->fm, "loai", NULL);
		cv_diag_at(d, CV_ERROR, loai ? loai->line : 1, loai ? loai->col : 1, NULL,
			   _("this is itself a copy (loai: %s): make the copy from the original"), odoc->meta.loai.s);
		return -1;
	}
	return 0;
}

/* The original through its templates: doc.ban_goc = {docx, html}. */
static int S_layout(cv_tpl_set *set, cv_arena *a, const cv_doc *odoc, const cv_type *otype,
		    const cv_body *body, int year_now, cv_value *copy_doc, cv_diags *d)
{
	cv_value *p, *odm;
	cv_layout lay;
	if (cv_profile_load(a, set, odoc->meta.profile.s, &p, &lay, d) != 0)
		return -1;
	cv_value *octx = cv_context_build(a, NULL, odoc, otype, p, &lay, year_now, &odm);
	/* the copy is typeset anew: the original's signature reads "(Đã ký)" */
	cv_v_set(a, odm, "da_ky", cv_v_bool(a, 1));
	/* the copy's styles.xml styles the original's paragraphs too */
	cv_v_set(a, copy_doc, "can_cu_italic", cv_v_get(odm, "can_cu_italic"));

	cv_value *bg = cv_v_map(a);
	cv_buf frag = CV_BUF_INIT, out = CV_BUF_INIT;
	int rc = -1;
	const char *docx_tpl = cv_arena_printf(a, "%s/docx/word/document.xml", otype->name);
	const char *html_tpl = cv_arena_printf(a, "%s/page.html", otype->name);
	cv_docx_body(body, &lay, &frag);
	cv_v_set(a, odm, "body", cv_v_frag(a, cv_buf_cstr(&frag), frag.len));
	if (cv_tpl_render(set, docx_tpl, octx, &out, d) != 0)
		goto done;
	cv_value *docx = S_between(a, &out, "<w:body>", "<w:sectPr>");
	if (!docx) {
		cv_diag_in(d, CV_ERROR, docx_tpl, NULL, 0, 0, 0, NULL,
			   _("a copy needs the original's <w:body> … <w:sectPr>: this template has no such body"));
		goto done;
	}
	cv_v_set(a, bg, "docx", docx);

	cv_buf_clear(&frag);
	cv_buf_clear(&out);
	cv_html_body(body, &lay, &frag);
	cv_v_set(a, odm, "body", cv_v_frag(a, cv_buf_cstr(&frag), frag.len));
	if (cv_tpl_render(set, html_tpl, octx, &out, d) != 0)
		goto done;
	cv_value *html = S_between(a, &out, "<main class=\"sheet\">", "</main>");
	if (!html) {
		cv_diag_in(d, CV_ERROR, html_tpl, NULL, 0, 0, 0, NULL,
			   _("a copy needs the original's <main class=\"sheet\"> … </main>: this template has none"));
		goto done;
	}
	cv_v_set(a, bg, "html", html);
	cv_v_set(a, copy_doc, "ban_goc", bg);
	rc = 0;
done:
	cv_buf_free(&frag);
	cv_buf_free(&out);
	return rc;
}

int cv_ban_sao_attach(cv_tpl_set *set, cv_arena *a, const cv_doc *doc, const cv_type *type,
		      cv_read_file_fn read_file, void *read_ctx, int year_now, cv_value *doc_map,
		      cv_diags *d)
{
	const cv_str *bg = &doc->meta.ban_goc;
	if (!bg->s)
		return 0;
	if (!read_file) {
		cv_diag_at(d, CV_ERROR, bg->line, bg->col, NULL,
			   _("'ban_goc' names a file, and this program cannot read files named in a document"));
		return -1;
	}
	char *data = NULL, why[512] = "";
	size_t len = 0;
	if (read_file(read_ctx, bg->s, &data, &len, why, sizeof why) != 0) {
		cv_diag_at(d, CV_ERROR, bg->line, bg->col, NULL, "ban_goc: %s", *why ? why : _("cannot read it"));
		free(data);
		return -1;
	}
	if (len > CV_INPUT_MAX_BYTES) {
		cv_diag_at(d, CV_ERROR, bg->line, bg->col, NULL, _("ban_goc: the original is larger than 16 MiB"));
		free(data);
		return -1;
	}
	/* the original's text and name live as long as the diagnostics */
	char *src = cv_arena_strndup(a, data ? data : "", len);
	free(data);
	const char *name = cv_arena_strdup(a, bg->s);

	/* the original's messages name the original */
	const char *file0 = d->file, *src0 = d->src;
	size_t len0 = d->src_len;
	d->file = name;
	d->src = src;
	d->src_len = len;
	cv_doc odoc;
	cv_type otype;
	int errors0 = d->errors;
	int rc = S_read(a, set, name, src, len, &odoc, &otype, d);
	d->file = file0;
	d->src = src0;
	d->src_len = len0;
	if (rc != 0 || d->errors > errors0) {
		cv_diag_at(d, CV_ERROR, bg->line, bg->col, NULL, _("ban_goc: the original '%s' has errors"), name);
		return -1;
	}

	/* A trích sao prints only the extract: its own body stands for the
	 * original's.  A sao y / sao lục prints the whole original. */
	const cv_body *body = &odoc.body;
	int extract = type->abbreviation && !strcmp(type->abbreviation, "TrS");
	if (doc->body.n && extract)
		body = &doc->body;
	else if (doc->body.n)
		cv_diag_at(d, CV_WARNING, doc->body_line, 1, NULL,
			   _("the body of a %s is not printed: the whole original is copied (an extract is a trich-sao)"),
			   type->name);
	return S_layout(set, a, &odoc, &otype, body, year_now, doc_map, d);
}
