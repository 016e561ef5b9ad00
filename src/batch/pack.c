/*
 * pack.c — the merged DOCX and the zip bundle of a batch (see pack.h).
 */
#include "batch/pack.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/dl_xml2.h" /* libxml2 and libzip, loaded on first use (base/dl.h) */
#include "base/dl_zip.h"

#include "base/buf.h"
#include "base/i18n.h"
#include "batch/sha256.h"

/* The entries of the merged DOCX carry the time the DOCX of one document
 * carries (render/package.c): 1980-01-01, the DOS epoch. */
#define PACK_MTIME ((time_t)315532800)
/* As render/package.c: where deflate stops paying for its time on XML. */
#define PACK_DEFLATE_LEVEL 6
/* A part of one row's DOCX: a long letter's document.xml is under a
 * megabyte; this bounds a package that is not one of ours. */
#define PACK_PART_MAX ((zip_uint64_t)64 * 1024 * 1024)

static const char S_NS_R[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
static const char S_RT_HEADER[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
static const char S_RT_FOOTER[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
static const char S_CT_HEADER[] = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
static const char S_CT_FOOTER[] = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";

void cv_pack_init(void)
{
	xmlInitParser();
}

/* ---- reading a row's package ------------------------------------------- */

static zip_t *S_zip_mem(const char *data, size_t len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!za && src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return za;
}


static xmlDocPtr S_parse(const cv_buf *b, const char *name)
{
	return xmlReadMemory(b->ptr ? b->ptr : "", (int)b->len, name, NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static bool S_is(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

static char *S_prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *r = v ? cv_xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return r;
}

typedef struct {
	char *id, *type, *target, *mode;
} S_rel;

static void S_rels_free(S_rel *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].id);
		free(r[i].type);
		free(r[i].target);
		free(r[i].mode);
	}
	free(r);
}

/* The relationships of a .rels part. */
static size_t S_rels(const cv_buf *xml, S_rel **out)
{
	*out = NULL;
	xmlDocPtr d = S_parse(xml, "rels");
	xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
	size_t n = 0;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
		if (!S_is(c, "Relationship"))
			continue;
		*out = cv_xrealloc(*out, (n + 1) * sizeof **out);
		(*out)[n].id = S_prop(c, "Id");
		(*out)[n].type = S_prop(c, "Type");
		(*out)[n].target = S_prop(c, "Target");
		(*out)[n].mode = S_prop(c, "TargetMode");
		n++;
	}
	xmlFreeDoc(d);
	return n;
}

static int S_hf_kind(const S_rel *r) /* 'h', 'f' or 0 */
{
	if (!r->type)
		return 0;
	return !strcmp(r->type, S_RT_HEADER) ? 'h' : !strcmp(r->type, S_RT_FOOTER) ? 'f' : 0;
}

/* A target of word/_rels/document.xml.rels as a part name. */
static void S_target_part(const char *target, char *out, size_t outlen)
{
	if (target[0] == '/')
		snprintf(out, outlen, "%s", target + 1);
	else
		snprintf(out, outlen, "word/%s", target);
}

/* "<qname xmlns…=… attr=…>" of an element, without its children. */
static void S_start_tag(cv_buf *b, xmlDocPtr d, xmlNodePtr n)
{
	cv_buf_putc(b, '<');
	if (n->ns && n->ns->prefix)
		cv_buf_printf(b, "%s:", (const char *)n->ns->prefix);
	cv_buf_puts(b, (const char *)n->name);
	for (xmlNsPtr ns = n->nsDef; ns; ns = ns->next) {
		cv_buf_puts(b, ns->prefix ? " xmlns:" : " xmlns");
		if (ns->prefix)
			cv_buf_puts(b, (const char *)ns->prefix);
		cv_buf_puts(b, "=\"");
		cv_buf_put_escaped(b, (const char *)ns->href, strlen((const char *)ns->href));
		cv_buf_putc(b, '"');
	}
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(d, a->children, 1);
		cv_buf_putc(b, ' ');
		if (a->ns && a->ns->prefix)
			cv_buf_printf(b, "%s:", (const char *)a->ns->prefix);
		cv_buf_printf(b, "%s=\"", (const char *)a->name);
		if (v)
			cv_buf_put_escaped(b, (const char *)v, strlen((const char *)v));
		cv_buf_putc(b, '"');
		xmlFree(v);
	}
	cv_buf_putc(b, '>');
}

static void S_end_tag(cv_buf *b, xmlNodePtr n)
{
	cv_buf_puts(b, "</");
	if (n->ns && n->ns->prefix)
		cv_buf_printf(b, "%s:", (const char *)n->ns->prefix);
	cv_buf_printf(b, "%s>", (const char *)n->name);
}

/* ---- the merge ------------------------------------------------------------ */

typedef struct {
	long row;
	off_t off;           /* in the spill: the body, then the sectPr */
	size_t body, sect;
	unsigned char sig[32]; /* of the parts every row must share */
} S_piece;

typedef struct {
	unsigned char sha[32];
	char kind;           /* 'h' or 'f' */
	char name[64];       /* word/header-<hex>.xml */
	char id[40];         /* its relationship id */
	off_t off;
	size_t len;
} S_hf;

struct cv_merge {
	pthread_mutex_t mu;
	int fd;              /* the spill: an unlinked temporary file */
	off_t end;
	S_piece *pieces;
	size_t n, cap;
	S_hf *hf;
	size_t nhf, hfcap;
	long base_row;       /* the lowest row: styles, settings, … come from it */
	char *base;
	size_t base_len;
	char *open_tags, *close_tags, *prefix;
};

cv_merge *cv_merge_new(char *err, size_t errlen)
{
	FILE *f = tmpfile();
	if (!f) {
		snprintf(err, errlen, _("--merge: cannot create a temporary file: %s"), strerror(errno));
		return NULL;
	}
	cv_merge *m = cv_xcalloc(1, sizeof *m);
	m->fd = dup(fileno(f));
	fclose(f); /* the dup keeps the unlinked file */
	if (m->fd < 0) {
		snprintf(err, errlen, _("--merge: cannot create a temporary file: %s"), strerror(errno));
		free(m);
		return NULL;
	}
	pthread_mutex_init(&m->mu, NULL);
	return m;
}

size_t cv_merge_count(const cv_merge *m)
{
	return m->n;
}

/* Append to the spill (lock held); -1 on a write error. */
static int S_spill(cv_merge *m, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = pwrite(m->fd, c, n, m->end);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
		m->end += w;
	}
	return 0;
}

static int S_unspill(const cv_merge *m, off_t off, size_t n, char *out)
{
	while (n) {
		ssize_t r = pread(m->fd, out, n, off);
		if (r <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			return -1;
		}
		out += r;
		n -= (size_t)r;
		off += r;
	}
	return 0;
}

/* The merged name and id of a header/footer part with this content, stored
 * once (lock held). */
static const S_hf *S_intern(cv_merge *m, char kind, const cv_buf *part, int *ioerr)
{
	unsigned char sha[32];
	cv_sha256(part->ptr ? part->ptr : "", part->len, sha);
	for (size_t i = 0; i < m->nhf; i++)
		if (m->hf[i].kind == kind && !memcmp(m->hf[i].sha, sha, 32))
			return &m->hf[i];
	if (m->nhf == m->hfcap) {
		m->hfcap = m->hfcap ? 2 * m->hfcap : 8;
		m->hf = cv_xrealloc(m->hf, m->hfcap * sizeof *m->hf);
	}
	S_hf *h = &m->hf[m->nhf];
	memcpy(h->sha, sha, 32);
	h->kind = kind;
	/* named by content, so that the package does not depend on which
	 * thread got there first */
	char hex[65];
	cv_sha256_hex(sha, hex);
	snprintf(h->name, sizeof h->name, "word/%s-%.16s.xml", kind == 'h' ? "header" : "footer", hex);
	snprintf(h->id, sizeof h->id, "rIdCv%c%.16s", kind == 'h' ? 'H' : 'F', hex);
	h->off = m->end;
	h->len = part->len;
	if (S_spill(m, part->ptr ? part->ptr : "", part->len) != 0) {
		*ioerr = 1;
		return NULL;
	}
	m->nhf++;
	return h;
}

/* SHA-256 over the parts every row must share (styles, settings, fonts,
 * relationships…): all but the document, its headers and footers and the
 * document properties. */
static void S_signature(zip_t *za, const S_rel *rl, size_t nrl, unsigned char sig[32])
{
	cv_sha256_ctx c;
	cv_sha256_init(&c);
	cv_buf b = CV_BUF_INIT;
	zip_int64_t ne = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < ne; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		if (!name || !strcmp(name, "word/document.xml") || !strncmp(name, "docProps/", 9))
			continue;
		bool hf = false;
		for (size_t k = 0; k < nrl && !hf; k++) {
			char p[512];
			if (!S_hf_kind(&rl[k]) || !rl[k].target)
				continue;
			S_target_part(rl[k].target, p, sizeof p);
			hf = !strcmp(p, name);
		}
		if (hf || cv_zip_read_entry(za, name, PACK_PART_MAX, &b) != 0)
			continue;
		cv_sha256_update(&c, name, strlen(name) + 1);
		cv_sha256_update(&c, b.ptr ? b.ptr : "", b.len);
	}
	cv_buf_free(&b);
	cv_sha256_final(&c, sig);
}

int cv_merge_add(cv_merge *m, long row, const char *docx, size_t len, char *err, size_t errlen)
{
	int rc = -1;
	cv_buf doc = CV_BUF_INIT, rels = CV_BUF_INIT, part = CV_BUF_INIT, tags = CV_BUF_INIT,
	       close_tags = CV_BUF_INIT;
	S_rel *rl = NULL;
	size_t nrl = 0;
	xmlDocPtr d = NULL;
	xmlBufferPtr xb = NULL;
	zip_t *za = S_zip_mem(docx, len);
	if (!za) {
		snprintf(err, errlen, _("--merge: the DOCX cannot be read back"));
		return -1;
	}
	if (cv_zip_read_entry(za, "word/document.xml", PACK_PART_MAX, &doc) != 0 || cv_zip_read_entry(za, "word/_rels/document.xml.rels", PACK_PART_MAX, &rels) != 0) {
		snprintf(err, errlen, _("--merge: the DOCX has no word/document.xml or no relationships for it"));
		goto done;
	}
	nrl = S_rels(&rels, &rl);
	d = S_parse(&doc, "word/document.xml");
	xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL, body = NULL, sect = NULL;
	for (xmlNodePtr c = root ? root->children : NULL; c && !body; c = c->next)
		if (S_is(c, "body"))
			body = c;
	xmlNodePtr last = body ? body->last : NULL;
	while (last && last->type != XML_ELEMENT_NODE)
		last = last->prev;
	if (S_is(last, "sectPr"))
		sect = last;
	if (!sect || !sect->ns || !sect->ns->prefix) {
		snprintf(err, errlen, _("--merge: word/document.xml does not end with its section properties "
			 "(w:sectPr), so the documents cannot be joined by sections"));
		goto done;
	}
	/* point the section's headers and footers at the merged parts */
	xmlNsPtr rns = xmlSearchNsByHref(d, sect, (const xmlChar *)S_NS_R);
	for (xmlNodePtr c = sect->children; c; c = c->next) {
		if (!S_is(c, "headerReference") && !S_is(c, "footerReference"))
			continue;
		xmlChar *id = xmlGetNsProp(c, (const xmlChar *)"id", (const xmlChar *)S_NS_R);
		const S_rel *r = NULL;
		for (size_t k = 0; k < nrl && id && !r; k++)
			if (rl[k].id && !strcmp(rl[k].id, (const char *)id) && rl[k].target && S_hf_kind(&rl[k]))
				r = &rl[k];
		xmlFree(id);
		char pname[512], prels[600];
		if (r)
			S_target_part(r->target, pname, sizeof pname);
		if (!r || !rns || cv_zip_read_entry(za, pname, PACK_PART_MAX, &part) != 0) {
			snprintf(err, errlen, _("--merge: a header or footer of the section is missing from the DOCX"));
			goto done;
		}
		const char *slash = strrchr(pname, '/');
		snprintf(prels, sizeof prels, "%.*s_rels/%s.rels", (int)(slash - pname) + 1, pname, slash + 1);
		zip_stat_t st;
		if (zip_stat(za, prels, 0, &st) == 0) {
			snprintf(err, errlen, _("--merge: %s has relationships of its own (an image?); such headers "
				 "and footers cannot be merged"), pname);
			goto done;
		}
		int ioerr = 0;
		pthread_mutex_lock(&m->mu);
		const S_hf *h = S_intern(m, (char)S_hf_kind(r), &part, &ioerr);
		char newid[40];
		if (h)
			snprintf(newid, sizeof newid, "%s", h->id);
		pthread_mutex_unlock(&m->mu);
		if (ioerr) {
			snprintf(err, errlen, _("--merge: cannot write the temporary file: %s"), strerror(errno));
			goto done;
		}
		xmlSetNsProp(c, rns, (const xmlChar *)"id", (const xmlChar *)newid);
	}

	/* the body without its final sectPr, then the sectPr */
	xb = xmlBufferCreate();
	for (xmlNodePtr c = body->children; c; c = c->next)
		if (c != sect)
			xmlNodeDump(xb, d, c, 0, 0);
	size_t body_len = (size_t)xmlBufferLength(xb);
	xmlNodeDump(xb, d, sect, 0, 0);
	size_t sect_len = (size_t)xmlBufferLength(xb) - body_len;

	S_piece p;
	memset(&p, 0, sizeof p);
	p.row = row;
	p.body = body_len;
	p.sect = sect_len;
	S_signature(za, rl, nrl, p.sig);
	S_start_tag(&tags, d, root);
	S_start_tag(&tags, d, body);
	S_end_tag(&close_tags, body);
	S_end_tag(&close_tags, root);

	pthread_mutex_lock(&m->mu);
	p.off = m->end;
	int werr = S_spill(m, xmlBufferContent(xb), body_len + sect_len);
	if (!werr) {
		if (m->n == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 64;
			m->pieces = cv_xrealloc(m->pieces, m->cap * sizeof *m->pieces);
		}
		m->pieces[m->n++] = p;
		if (!m->base || row < m->base_row) {
			free(m->base);
			free(m->open_tags);
			free(m->close_tags);
			free(m->prefix);
			m->base = cv_xmalloc(len);
			memcpy(m->base, docx, len);
			m->base_len = len;
			m->base_row = row;
			m->open_tags = cv_buf_detach(&tags, NULL);
			m->close_tags = cv_buf_detach(&close_tags, NULL);
			m->prefix = cv_xstrdup((const char *)sect->ns->prefix);
		}
	}
	pthread_mutex_unlock(&m->mu);
	if (werr) {
		snprintf(err, errlen, _("--merge: cannot write the temporary file: %s"), strerror(errno));
		goto done;
	}
	rc = 0;
done:
	if (xb)
		xmlBufferFree(xb);
	xmlFreeDoc(d);
	S_rels_free(rl, nrl);
	zip_discard(za);
	cv_buf_free(&doc);
	cv_buf_free(&rels);
	cv_buf_free(&part);
	cv_buf_free(&tags);
	cv_buf_free(&close_tags);
	return rc;
}

static int S_by_row(const void *a, const void *b)
{
	long x = ((const S_piece *)a)->row, y = ((const S_piece *)b)->row;
	return (x > y) - (x < y);
}

static int S_hf_by_name(const void *a, const void *b)
{
	return strcmp(((const S_hf *)a)->name, ((const S_hf *)b)->name);
}

static int S_by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* libzip asks while writing whether to give up (Ctrl-C). */
static int S_cancel(zip_t *za, void *ud)
{
	(void)za;
	return *(volatile sig_atomic_t *)ud != 0;
}

/* Write the document part into f: the rows' bodies in order, each but the
 * last closed by a paragraph holding its section break. */
static int S_assemble(cv_merge *m, FILE *f, volatile sig_atomic_t *stop)
{
	const char *w = m->prefix;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n", f);
	fputs(m->open_tags, f);
	cv_buf b = CV_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < m->n && rc == 0; i++) {
		if (stop && *stop) {
			rc = -1;
			break;
		}
		const S_piece *p = &m->pieces[i];
		cv_buf_clear(&b);
		cv_buf_grow(&b, p->body + p->sect);
		if (S_unspill(m, p->off, p->body + p->sect, b.ptr) != 0) {
			rc = -1;
			break;
		}
		fwrite(b.ptr, 1, p->body, f);
		if (i + 1 < m->n) {
			/* a section break lives in a paragraph; this one is 1 pt high
			 * so that it never pushes a full last page over */
			fprintf(f, "<%s:p><%s:pPr><%s:spacing %s:before=\"0\" %s:after=\"0\" %s:line=\"20\" "
				   "%s:lineRule=\"exact\"/><%s:rPr><%s:sz %s:val=\"2\"/><%s:szCs %s:val=\"2\"/></%s:rPr>",
				w, w, w, w, w, w, w, w, w, w, w, w, w);
			fwrite(b.ptr + p->body, 1, p->sect, f);
			fprintf(f, "</%s:pPr></%s:p>", w, w);
		} else {
			fwrite(b.ptr + p->body, 1, p->sect, f);
		}
	}
	cv_buf_free(&b);
	fputs(m->close_tags, f);
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	return rc;
}

/* [Content_Types].xml of the base row, with the header and footer parts
 * replaced by the merged ones. */
static void S_content_types(const cv_merge *m, const cv_buf *base_ct, const S_rel *rl, size_t nrl, cv_buf *out)
{
	xmlDocPtr d = S_parse(base_ct, "[Content_Types].xml");
	xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
	cv_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			 "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
		if (S_is(c, "Default")) {
			char *e = S_prop(c, "Extension"), *t = S_prop(c, "ContentType");
			cv_buf_puts(out, "<Default Extension=\"");
			cv_buf_put_escaped(out, e ? e : "", e ? strlen(e) : 0);
			cv_buf_puts(out, "\" ContentType=\"");
			cv_buf_put_escaped(out, t ? t : "", t ? strlen(t) : 0);
			cv_buf_puts(out, "\"/>");
			free(e);
			free(t);
		} else if (S_is(c, "Override")) {
			char *pn = S_prop(c, "PartName"), *t = S_prop(c, "ContentType");
			bool drop = false;
			for (size_t k = 0; k < nrl && pn && !drop; k++) {
				char p[512];
				if (!S_hf_kind(&rl[k]) || !rl[k].target)
					continue;
				S_target_part(rl[k].target, p, sizeof p);
				drop = !strcmp(pn + (pn[0] == '/'), p);
			}
			if (!drop) {
				cv_buf_puts(out, "<Override PartName=\"");
				cv_buf_put_escaped(out, pn ? pn : "", pn ? strlen(pn) : 0);
				cv_buf_puts(out, "\" ContentType=\"");
				cv_buf_put_escaped(out, t ? t : "", t ? strlen(t) : 0);
				cv_buf_puts(out, "\"/>");
			}
			free(pn);
			free(t);
		}
	}
	for (size_t i = 0; i < m->nhf; i++)
		cv_buf_printf(out, "<Override PartName=\"/%s\" ContentType=\"%s\"/>", m->hf[i].name,
			      m->hf[i].kind == 'h' ? S_CT_HEADER : S_CT_FOOTER);
	cv_buf_puts(out, "</Types>");
	xmlFreeDoc(d);
}

/* word/_rels/document.xml.rels: the base row's, headers and footers
 * replaced by the merged ones. */
static void S_doc_rels(const cv_merge *m, const S_rel *rl, size_t nrl, cv_buf *out)
{
	cv_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
	for (size_t k = 0; k < nrl; k++) {
		if (S_hf_kind(&rl[k]))
			continue;
		const char *f[4][2] = {{"Id", rl[k].id}, {"Type", rl[k].type}, {"Target", rl[k].target},
				       {"TargetMode", rl[k].mode}};
		cv_buf_puts(out, "<Relationship");
		for (int i = 0; i < 4; i++) {
			if (!f[i][1])
				continue;
			cv_buf_printf(out, " %s=\"", f[i][0]);
			cv_buf_put_escaped(out, f[i][1], strlen(f[i][1]));
			cv_buf_putc(out, '"');
		}
		cv_buf_puts(out, "/>");
	}
	for (size_t i = 0; i < m->nhf; i++)
		cv_buf_printf(out, "<Relationship Id=\"%s\" Type=\"%s\" Target=\"%s\"/>", m->hf[i].id,
			      m->hf[i].kind == 'h' ? S_RT_HEADER : S_RT_FOOTER, m->hf[i].name + 5);
	cv_buf_puts(out, "</Relationships>");
}

/* Temporary name beside path, created empty; NULL with err. */
static char *S_temp_beside(const char *path, char *err, size_t errlen)
{
	size_t n = strlen(path) + 8;
	char *tmp = cv_xmalloc(n);
	snprintf(tmp, n, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, _("%s: cannot create a temporary file beside it: %s"), path, strerror(errno));
		free(tmp);
		return NULL;
	}
	/* mkstemp makes 0600; a package is an ordinary file: honour the umask */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	close(fd);
	return tmp;
}

/* fsync tmp, rename it to path, fsync the folder. */
static int S_commit(const char *tmp, const char *path, char *err, size_t errlen)
{
	int fd = open(tmp, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0) {
		snprintf(err, errlen, _("%s: cannot flush the output file: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, _("%s: cannot rename the temporary file to it: %s"), path, strerror(errno));
		return -1;
	}
	const char *slash = strrchr(path, '/');
	char *dir = slash ? cv_xstrndup(path, (size_t)(slash - path) + (slash == path)) : cv_xstrdup(".");
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd); /* best effort: the data is already safe */
		close(dfd);
	}
	free(dir);
	return 0;
}

/* Add a source under name with a fixed time; the source is libzip's after. */
static int S_add(zip_t *za, const char *name, zip_source_t *src, time_t mtime, bool store)
{
	if (!src)
		return -1;
	zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0);
	zip_set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
				 store ? 0 : PACK_DEFLATE_LEVEL);
	return 0;
}

/* A malloc'd copy of b as a source libzip frees. */
static zip_source_t *S_src_copy(zip_t *za, const char *p, size_t n)
{
	char *c = cv_xmalloc(n ? n : 1);
	memcpy(c, p, n);
	zip_source_t *s = zip_source_buffer(za, c, n, 1);
	if (!s)
		free(c);
	return s;
}

int cv_merge_write(cv_merge *m, const char *path, volatile sig_atomic_t *stop, char *err, size_t errlen,
		   char *note, size_t notelen)
{
	note[0] = '\0';
	if (m->n == 0) {
		snprintf(err, errlen, _("%s: no document to merge"), path);
		return -1;
	}
	qsort(m->pieces, m->n, sizeof *m->pieces, S_by_row);
	/* parts in name order: the package does not depend on thread timing */
	qsort(m->hf, m->nhf, sizeof *m->hf, S_hf_by_name);
	size_t differ = 0;
	long first_differ = 0;
	for (size_t i = 1; i < m->n; i++) {
		if (memcmp(m->pieces[i].sig, m->pieces[0].sig, 32)) {
			if (!differ)
				first_differ = m->pieces[i].row;
			differ++;
		}
	}
	if (differ)
		snprintf(note, notelen,
			 P_("%s: %zu document (the first: row %ld) has other styles or settings than row %ld "
			    "(a column such as co_chu or gian_dong?); the merged file uses row %ld's",
			    "%s: %zu documents (the first: row %ld) have other styles or settings than row %ld "
			    "(a column such as co_chu or gian_dong?); the merged file uses row %ld's",
			    differ),
			 path, differ, first_differ, m->pieces[0].row, m->pieces[0].row);

	int rc = -1;
	char *tmp = NULL;
	zip_t *za = NULL, *base = S_zip_mem(m->base, m->base_len);
	S_rel *rl = NULL;
	size_t nrl = 0;
	cv_buf b = CV_BUF_INIT, ct = CV_BUF_INIT;
	const char **names = NULL;
	FILE *docf = tmpfile();
	if (!docf || !base) {
		snprintf(err, errlen, _("%s: cannot create a temporary file: %s"), path, strerror(errno));
		goto done;
	}
	if (S_assemble(m, docf, stop) != 0) {
		snprintf(err, errlen, stop && *stop ? _("%s: interrupted") : _("%s: cannot write a temporary file: %s"),
			 path, strerror(errno));
		goto done;
	}
	if (cv_zip_read_entry(base, "word/_rels/document.xml.rels", PACK_PART_MAX, &b) != 0 || cv_zip_read_entry(base, "[Content_Types].xml", PACK_PART_MAX, &ct) != 0) {
		snprintf(err, errlen, _("%s: the first document's package lacks its relationships"), path);
		goto done;
	}
	nrl = S_rels(&b, &rl);
	if (!(tmp = S_temp_beside(path, err, errlen)))
		goto done;
	int zerr = 0;
	za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		snprintf(err, errlen, _("%s: cannot start the package (libzip error %d)"), path, zerr);
		goto done;
	}
	if (stop)
		zip_register_cancel_callback_with_state(za, S_cancel, NULL, (void *)stop);

	/* [Content_Types].xml first, as Word writes it; then by name */
	cv_buf out = CV_BUF_INIT;
	S_content_types(m, &ct, rl, nrl, &out);
	int bad = S_add(za, "[Content_Types].xml", S_src_copy(za, out.ptr, out.len), PACK_MTIME, false);
	cv_buf_free(&out);
	zip_int64_t ne = zip_get_num_entries(base, 0);
	size_t nn = 0;
	names = cv_xcalloc((size_t)ne + m->nhf + 2, sizeof *names);
	for (zip_int64_t i = 0; i < ne; i++) {
		const char *name = zip_get_name(base, (zip_uint64_t)i, 0);
		bool skip = !name || !strcmp(name, "[Content_Types].xml");
		for (size_t k = 0; k < nrl && !skip; k++) {
			char p[512];
			if (!S_hf_kind(&rl[k]) || !rl[k].target)
				continue;
			S_target_part(rl[k].target, p, sizeof p);
			skip = !strcmp(p, name);
		}
		if (!skip)
			names[nn++] = name;
	}
	for (size_t i = 0; i < m->nhf; i++)
		names[nn++] = m->hf[i].name;
	qsort(names, nn, sizeof *names, S_by_name);
	for (size_t i = 0; i < nn && !bad; i++) {
		const char *name = names[i];
		const S_hf *h = NULL;
		for (size_t k = 0; k < m->nhf && !h; k++)
			if (names[i] == m->hf[k].name)
				h = &m->hf[k];
		if (h) {
			cv_buf_clear(&b);
			cv_buf_grow(&b, h->len);
			if (S_unspill(m, h->off, h->len, b.ptr) != 0) {
				bad = 1;
				break;
			}
			bad = S_add(za, name, S_src_copy(za, b.ptr, h->len), PACK_MTIME, false);
		} else if (!strcmp(name, "word/document.xml")) {
			/* the length given: libzip 1.7 takes "to the end" as the
			 * stream's size when the source is made, before rewinding */
			off_t dlen = ftello(docf);
			rewind(docf);
			zip_source_t *s = dlen >= 0 ? zip_source_filep(za, docf, 0, (zip_int64_t)dlen) : NULL;
			if (s)
				docf = NULL; /* libzip's now */
			bad = S_add(za, name, s, PACK_MTIME, false);
		} else if (!strcmp(name, "word/_rels/document.xml.rels")) {
			cv_buf_clear(&b);
			S_doc_rels(m, rl, nrl, &b);
			bad = S_add(za, name, S_src_copy(za, b.ptr, b.len), PACK_MTIME, false);
		} else {
			if (cv_zip_read_entry(base, name, PACK_PART_MAX, &b) != 0) {
				bad = 1;
				break;
			}
			bad = S_add(za, name, S_src_copy(za, b.ptr ? b.ptr : "", b.len), PACK_MTIME, false);
		}
	}
	if (bad) {
		snprintf(err, errlen, _("%s: cannot build the package: %s"), path, zip_strerror(za));
		goto done;
	}
	if (zip_close(za) != 0) {
		snprintf(err, errlen, stop && *stop ? _("%s: interrupted") : _("%s: cannot write the package: %s"), path,
			 zip_strerror(za));
		goto done;
	}
	za = NULL;
	if (S_commit(tmp, path, err, errlen) != 0)
		goto done;
	free(tmp);
	tmp = NULL;
	rc = 0;
done:
	if (za)
		zip_discard(za);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	if (docf)
		fclose(docf);
	if (base)
		zip_discard(base);
	S_rels_free(rl, nrl);
	free(names);
	cv_buf_free(&b);
	cv_buf_free(&ct);
	return rc;
}

void cv_merge_free(cv_merge *m)
{
	if (!m)
		return;
	close(m->fd);
	pthread_mutex_destroy(&m->mu);
	free(m->pieces);
	free(m->hf);
	free(m->base);
	free(m->open_tags);
	free(m->close_tags);
	free(m->prefix);
	free(m);
}

/* ---- the zip bundle -------------------------------------------------------- */

static bool S_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

int cv_zip_write(const char *zip_path, const cv_zip_item *items, size_t n, time_t mtime,
		 volatile sig_atomic_t *stop, char *err, size_t errlen)
{
	char *tmp = S_temp_beside(zip_path, err, errlen);
	if (!tmp)
		return -1;
	int zerr = 0, rc = -1;
	zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		snprintf(err, errlen, _("%s: cannot start the archive (libzip error %d)"), zip_path, zerr);
		goto done;
	}
	if (stop)
		zip_register_cancel_callback_with_state(za, S_cancel, NULL, (void *)stop);
	for (size_t i = 0; i < n; i++) {
		/* the file is opened when the archive is written, one at a time */
		zip_source_t *s = zip_source_file(za, items[i].path, 0, -1);
		bool store = S_ends(items[i].name, ".docx") || S_ends(items[i].name, ".zip");
		if (S_add(za, items[i].name, s, mtime, store) != 0) {
			snprintf(err, errlen, _("%s: cannot add %s: %s"), zip_path, items[i].path, zip_strerror(za));
			goto done;
		}
	}
	if (zip_close(za) != 0) {
		snprintf(err, errlen, stop && *stop ? _("%s: interrupted") : _("%s: cannot write the archive: %s"),
			 zip_path, zip_strerror(za));
		goto done;
	}
	za = NULL;
	if (S_commit(tmp, zip_path, err, errlen) != 0)
		goto done;
	rc = 0;
done:
	if (za)
		zip_discard(za);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
