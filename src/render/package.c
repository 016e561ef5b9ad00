/*
 * package.c — DOCX package assembly and the HTML page (see package.h).
 *
 * The package is a zip written here, not through libzip: its parts are
 * deflated with libdeflate into buffers that a cv_pkg_cache keeps from one render
 * to the next, so a part whose bytes did not change since the last render
 * (styles, settings, fonts, rels, headers: everything but the text, in a
 * batch) is copied, not compressed again.  Writing the container by hand is
 * what makes that possible — libzip compresses every entry it is given — and
 * it is small: one local header per entry, the central directory, the end
 * record, no data descriptors (sizes and CRC are known before the header is
 * written), no extra fields.  docs/performance.md has the measurements.
 */
#include "render/package.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "base/dl_xml2.h" /* libxml2, loaded when a part needs checking */

#include "base/i18n.h"

/* Every entry carries 1980-01-01 00:00 (the DOS epoch) in DOS format, so
 * the package does not change from one run to the next. */
#define PACKAGE_DOS_TIME 0
#define PACKAGE_DOS_DATE ((1 << 5) | 1)
/* libdeflate's level 1 is the knee on a dispatch's document.xml: 12 % larger
 * than level 6 in half the time, and 1.5x faster than zlib's level 3 that it
 * replaced, for 3 % more bytes; levels 2 and 3 cost as much as zlib's 3 (the
 * table in docs/performance.md, made with tests/bench/deflate.c). */
#define PACKAGE_DEFLATE_LEVEL 1
/* A package holds a dozen parts; more means a template folder gone wrong. */
#define PACKAGE_MAX_PARTS 64
/* Without zip64 records, sizes and offsets are 32-bit. */
#define PACKAGE_MAX_BYTES ((size_t)0xffffffffu)

typedef struct {
	const char *part;     /* name in the package: "word/document.xml" */
	const char *template; /* template it comes from */
} S_part;

/* One part as the last render left it. */
typedef struct {
	char *part;       /* its name (owned), or NULL for a free slot */
	cv_buf cur;       /* this render's bytes */
	cv_buf raw;       /* the bytes `z` holds, compressed by an earlier render */
	cv_buf z;         /* raw deflated (method 8); unused when stored (method 0) */
	uint32_t crc;     /* CRC-32 of raw */
	unsigned method;  /* 0 stored, 8 deflated */
	bool have;        /* raw, z, crc, method hold a part */
	unsigned long render; /* the render that used it last (cv_pkg_cache.renders) */
} S_slot;

struct cv_pkg_cache {
	struct libdeflate_compressor *zc; /* one for every part, allocated once */
	unsigned long renders; /* packages made with this cache */
	S_slot slot[PACKAGE_MAX_PARTS];
};

cv_pkg_cache *cv_pkg_cache_new(void)
{
	return cv_xcalloc(1, sizeof(cv_pkg_cache));
}

void cv_pkg_cache_free(cv_pkg_cache *c)
{
	if (!c)
		return;
	libdeflate_free_compressor(c->zc);
	for (size_t i = 0; i < PACKAGE_MAX_PARTS; i++) {
		free(c->slot[i].part);
		cv_buf_free(&c->slot[i].cur);
		cv_buf_free(&c->slot[i].raw);
		cv_buf_free(&c->slot[i].z);
	}
	free(c);
}

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

/* The slot of part `name`: the one it had in the last render (usually at
 * the same index), else a free one, else one that this render does not use
 * (there is always one: a package has at most as many parts as the cache
 * has slots).  A slot's bytes are compared before they are reused, so a
 * part that moves only costs a compression. */
static S_slot *S_slot_for(cv_pkg_cache *c, const char *name, size_t i)
{
	S_slot *s = NULL;
	if (c->slot[i].part && !strcmp(c->slot[i].part, name))
		s = &c->slot[i];
	for (size_t j = 0; !s && j < PACKAGE_MAX_PARTS; j++)
		if (c->slot[j].part && !strcmp(c->slot[j].part, name))
			s = &c->slot[j];
	if (!s) {
		for (size_t j = 0; !s && j < PACKAGE_MAX_PARTS; j++)
			if (!c->slot[j].part)
				s = &c->slot[j];
		for (size_t j = 0; !s && j < PACKAGE_MAX_PARTS; j++)
			if (c->slot[j].render != c->renders)
				s = &c->slot[j];
		free(s->part);
		s->part = cv_xstrdup(name);
		s->have = false;
	}
	s->render = c->renders;
	return s;
}

/* Compress the slot's new bytes (s->cur) unless they are the ones already
 * compressed.  Deflate output depends only on the bytes and the settings,
 * so a reused part is byte for byte what compressing it again would give. */
static int S_compress(cv_pkg_cache *c, S_slot *s)
{
	if (s->have && s->raw.len == s->cur.len && (!s->cur.len || !memcmp(s->raw.ptr, s->cur.ptr, s->cur.len)))
		return 0;
	cv_buf t = s->raw;
	s->raw = s->cur;
	s->cur = t;
	s->have = false;
	if (s->raw.len > PACKAGE_MAX_BYTES)
		return -1;
	const char *in = s->raw.ptr ? s->raw.ptr : "";
	s->crc = libdeflate_crc32(0, in, s->raw.len);
	if (!c->zc && !(c->zc = libdeflate_alloc_compressor(PACKAGE_DEFLATE_LEVEL)))
		return -1;
	size_t bound = libdeflate_deflate_compress_bound(c->zc, s->raw.len);
	cv_buf_clear(&s->z);
	cv_buf_grow(&s->z, bound);
	s->z.len = libdeflate_deflate_compress(c->zc, in, s->raw.len, s->z.ptr, bound);
	if (!s->z.len)
		return -1; /* cannot happen: the buffer has the bound */
	/* a part that deflate cannot shrink is stored */
	s->method = s->z.len < s->raw.len ? 8 : 0;
	s->have = true;
	return 0;
}

static void S_le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)((v >> 8) & 0xff);
}

static void S_le32(unsigned char *p, uint32_t v)
{
	S_le16(p, v & 0xffff);
	S_le16(p + 2, v >> 16);
}

/* The fields local and central headers share, from "version needed" on. */
static void S_common(unsigned char *p, const S_slot *s, size_t name_len)
{
	bool utf8 = false;
	for (const char *q = s->part; *q; q++)
		utf8 |= (unsigned char)*q >= 0x80;
	size_t data = s->method ? s->z.len : s->raw.len;
	S_le16(p, 20);                  /* version needed: 2.0 (deflate) */
	S_le16(p + 2, utf8 ? 1u << 11 : 0); /* flags: bit 11, the name is UTF-8 */
	S_le16(p + 4, s->method);
	S_le16(p + 6, PACKAGE_DOS_TIME);
	S_le16(p + 8, PACKAGE_DOS_DATE);
	S_le32(p + 10, s->crc);
	S_le32(p + 14, (uint32_t)data);
	S_le32(p + 18, (uint32_t)s->raw.len);
	S_le16(p + 22, (unsigned)name_len);
	S_le16(p + 24, 0); /* extra field length */
}

/* The zip: local header and data of each part in order, the central
 * directory, the end record. */
static int S_zip(S_slot *const *sl, size_t n, cv_buf *out)
{
	size_t total = 22, cd = 0;
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(sl[i]->part);
		total += 30 + nl + (sl[i]->method ? sl[i]->z.len : sl[i]->raw.len) + 46 + nl;
		cd += 46 + nl;
	}
	if (total > PACKAGE_MAX_BYTES || n > 0xffff)
		return -1;
	cv_buf_grow(out, total);
	unsigned char *base = (unsigned char *)out->ptr + out->len, *p = base;
	uint32_t offs[PACKAGE_MAX_PARTS];
	for (size_t i = 0; i < n; i++) {
		const S_slot *s = sl[i];
		size_t nl = strlen(s->part), dl = s->method ? s->z.len : s->raw.len;
		offs[i] = (uint32_t)(p - base);
		S_le32(p, 0x04034b50);
		S_common(p + 4, s, nl);
		memcpy(p + 30, s->part, nl);
		if (dl)
			memcpy(p + 30 + nl, s->method ? s->z.ptr : s->raw.ptr, dl);
		p += 30 + nl + dl;
	}
	size_t cd_off = (size_t)(p - base);
	for (size_t i = 0; i < n; i++) {
		const S_slot *s = sl[i];
		size_t nl = strlen(s->part);
		S_le32(p, 0x02014b50);
		S_le16(p + 4, (3u << 8) | 20); /* made by: Unix, zip 2.0 (so modes below mean something) */
		S_common(p + 6, s, nl);
		S_le16(p + 32, 0);                   /* comment length */
		S_le16(p + 34, 0);                   /* disk */
		S_le16(p + 36, 0);                   /* internal attributes */
		S_le32(p + 38, (uint32_t)0100644 << 16); /* external: a regular file, rw-r--r-- */
		S_le32(p + 42, offs[i]);
		memcpy(p + 46, s->part, nl);
		p += 46 + nl;
	}
	S_le32(p, 0x06054b50);
	S_le16(p + 4, 0);
	S_le16(p + 6, 0);
	S_le16(p + 8, (unsigned)n);
	S_le16(p + 10, (unsigned)n);
	S_le32(p + 12, (uint32_t)cd);
	S_le32(p + 16, (uint32_t)cd_off);
	S_le16(p + 20, 0);
	p += 22;
	out->len += (size_t)(p - base);
	out->ptr[out->len] = '\0';
	return 0;
}

int cv_docx_package(cv_tpl_set *set, const char *loai, const cv_value *ctx, bool check_all,
		    cv_pkg_cache *cache, cv_buf *out, cv_diags *d)
{
	S_part parts[PACKAGE_MAX_PARTS];
	S_slot *sl[PACKAGE_MAX_PARTS];
	size_t n = S_parts(set, loai, parts);
	cache->renders++;
	/* every part rendered and checked before anything is packed */
	for (size_t i = 0; i < n; i++) {
		sl[i] = S_slot_for(cache, parts[i].part, i);
		cv_buf_clear(&sl[i]->cur);
		if (cv_tpl_render(set, parts[i].template, ctx, &sl[i]->cur, d) != 0)
			return -1;
		/* the built-in templates are rendered by the test suite with the
		 * check on (CONGVAN_CHECK_XML=1); a user's template is checked
		 * every time, since only a template can break the XML: values are
		 * escaped, and fragments come from congvan's own writers */
		if ((check_all || !cv_tpl_builtin(set, parts[i].template)) &&
		    cv_xml_check(parts[i].template, cv_buf_cstr(&sl[i]->cur), sl[i]->cur.len, d) != 0)
			return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (S_compress(cache, sl[i]) != 0) {
			cv_diag_in(d, CV_ERROR, NULL, NULL, 0, 0, 0, NULL, _("cannot build the DOCX package: %s"),
				   sl[i]->raw.len > PACKAGE_MAX_BYTES ? _("a part is over 4 GiB")
								       : _("compression failed"));
			return -1;
		}
	}
	if (S_zip(sl, n, out) != 0) {
		cv_diag_in(d, CV_ERROR, NULL, NULL, 0, 0, 0, NULL, _("cannot build the DOCX package: %s"),
			   _("the package would be over 4 GiB"));
		return -1;
	}
	return 0;
}

int cv_html_page(cv_tpl_set *set, const char *loai, const cv_value *ctx, cv_buf *out, cv_diags *d)
{
	char name[128];
	snprintf(name, sizeof name, "%s/page.html", loai);
	if (!cv_tpl_source(set, name, NULL))
		snprintf(name, sizeof name, "_shared/html/page.html");
	return cv_tpl_render(set, name, ctx, out, d);
}
