/*
 * package.c — DOCX package assembly (libzip) and the HTML page (see package.h).
 */
#include "render/package.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <zip.h>

#include "base/i18n.h"

/* All entries carry this time (1980-01-01 00:00, the DOS epoch), so the
 * package does not change from one run to the next. */
#define PACKAGE_MTIME ((time_t)315532800)
/* Most parts are small; level 6 is where deflate stops paying for its time
 * on XML of this size (see docs/performance.md). */
#define PACKAGE_DEFLATE_LEVEL 6
/* A package holds a dozen parts; more means a template folder gone wrong. */
#define PACKAGE_MAX_PARTS 64

typedef struct {
	const char *part;     /* name in the package: "word/document.xml" */
	const char *template; /* template it comes from */
	cv_buf data;
} S_part;

static void S_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int cv_xml_check(const char *name, const char *xml, size_t len, cv_diags *d)
{
	/* no network, no entities, no DTD loading: the parts are our own */
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return -1;
	xmlSetGenericErrorFunc(NULL, S_silent);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, xml, (int)len, name, "UTF-8",
					  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
						  XML_PARSE_HUGE /* a 10 MB paragraph is one text node */);
	int rc = 0;
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[256];
		snprintf(msg, sizeof msg, "%s", _("not well-formed"));
		if (e && e->message) {
			snprintf(msg, sizeof msg, "%s", e->message);
			size_t n = strlen(msg);
			while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
		}
		cv_diag_in(d, CV_ERROR, name, NULL, 0, e ? e->line : 0, e ? e->int2 : 0, NULL,
			   _("the template produced XML that is not well-formed: %s"), msg);
		rc = -1;
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return rc;
}

/* Collect the parts: every file under _shared/docx/ and <loai>/docx/, the
 * type's file winning. Sorted by part name. */
static size_t S_parts(cv_tpl_set *set, const char *loai, S_part *parts)
{
	const char *names[PACKAGE_MAX_PARTS];
	size_t n = 0;
	char prefix[128];
	snprintf(prefix, sizeof prefix, "%s/docx/", loai);
	size_t nt = cv_tpl_list(set, prefix, names, PACKAGE_MAX_PARTS);
	for (size_t i = 0; i < nt && n < PACKAGE_MAX_PARTS; i++) {
		parts[n].part = names[i] + strlen(prefix);
		parts[n].template = names[i];
		n++;
	}
	const char *shared = "_shared/docx/";
	size_t ns = cv_tpl_list(set, shared, names, PACKAGE_MAX_PARTS);
	for (size_t i = 0; i < ns && n < PACKAGE_MAX_PARTS; i++) {
		const char *part = names[i] + strlen(shared);
		size_t j;
		for (j = 0; j < n && strcmp(parts[j].part, part) != 0; j++)
			;
		if (j == n) {
			parts[n].part = part;
			parts[n].template = names[i];
			n++;
		}
	}
	/* insertion sort: a dozen entries */
	for (size_t i = 1; i < n; i++) {
		S_part t = parts[i];
		size_t j = i;
		while (j > 0 && strcmp(parts[j - 1].part, t.part) > 0) {
			parts[j] = parts[j - 1];
			j--;
		}
		parts[j] = t;
	}
	return n;
}

int cv_docx_package(cv_tpl_set *set, const char *loai, const cv_value *ctx, cv_buf *out, cv_diags *d)
{
	S_part parts[PACKAGE_MAX_PARTS];
	memset(parts, 0, sizeof parts);
	size_t n = S_parts(set, loai, parts);
	int rc = -1;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	for (size_t i = 0; i < n; i++) {
		if (cv_tpl_render(set, parts[i].template, ctx, &parts[i].data, d) != 0)
			goto done;
		if (cv_xml_check(parts[i].template, parts[i].data.ptr ? parts[i].data.ptr : "",
				 parts[i].data.len, d) != 0)
			goto done;
	}
	zip_error_t zerr;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(NULL, 0, 0, &zerr);
	if (!src)
		goto zipfail;
	zip_source_keep(src); /* still ours after zip_close, to read the bytes back */
	za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
	if (!za)
		goto zipfail;
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, parts[i].data.ptr, parts[i].data.len, 0);
		zip_int64_t idx = s ? zip_file_add(za, parts[i].part, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			zip_source_free(s);
			goto zipfail_za;
		}
		zip_file_set_mtime(za, (zip_uint64_t)idx, PACKAGE_MTIME, 0);
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, PACKAGE_DEFLATE_LEVEL);
	}
	if (zip_close(za) != 0)
		goto zipfail_za;
	za = NULL;
	zip_stat_t st;
	if (zip_source_open(src) != 0)
		goto zipfail;
	if (zip_source_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
		zip_source_close(src);
		goto zipfail;
	}
	cv_buf_grow(out, (size_t)st.size);
	zip_int64_t got = zip_source_read(src, out->ptr + out->len, st.size);
	zip_source_close(src);
	if (got < 0 || (zip_uint64_t)got != st.size)
		goto zipfail;
	out->len += (size_t)got;
	out->ptr[out->len] = '\0';
	rc = 0;
	goto done;
zipfail_za:
	cv_diag_in(d, CV_ERROR, NULL, NULL, 0, 0, 0, NULL, _("cannot build the DOCX package: %s"),
		   zip_strerror(za));
	zip_discard(za);
	za = NULL;
	goto done;
zipfail:
	cv_diag_in(d, CV_ERROR, NULL, NULL, 0, 0, 0, NULL, _("cannot build the DOCX package: %s"),
		   zip_error_strerror(&zerr));
done:
	if (za)
		zip_discard(za);
	if (src)
		zip_source_free(src);
	for (size_t i = 0; i < n; i++)
		cv_buf_free(&parts[i].data);
	return rc;
}

int cv_html_page(cv_tpl_set *set, const char *loai, const cv_value *ctx, cv_buf *out, cv_diags *d)
{
	char name[128];
	snprintf(name, sizeof name, "%s/page.html", loai);
	if (!cv_tpl_source(set, name, NULL))
		snprintf(name, sizeof name, "_shared/html/page.html");
	return cv_tpl_render(set, name, ctx, out, d);
}
