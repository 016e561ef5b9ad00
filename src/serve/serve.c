/*
 * serve.c — the HTTP side of `congvan serve` (see serve.h): libmicrohttpd
 * set-up (this is the only file that includes it), routing, the mapping of
 * URL paths to files under the root, and the pages: the index, the preview
 * (the HTML cv_render writes, with a toolbar injected), the error page.
 *
 * Threads: libmicrohttpd runs one thread per connection
 * (MHD_USE_THREAD_PER_CONNECTION).  An event stream stays open as long as
 * its page, and with a thread of its own it can simply block until it has
 * something to say (sse.c); with the epoll pool, each stream would need
 * suspend/resume and a wake-up path from the watchers, for a server that
 * sees one drafter and a handful of tabs.  The connection limit bounds the
 * threads.
 *
 * Every request renders afresh from the file on disk with its own
 * cv_result; the template set is shared read-only under a rwlock that a
 * template reload takes for writing (serve_int.h).
 *
 * Text reaches a page only through cv_buf_put_escaped (directly, or via
 * S_text / S_url); the pages carry a Content-Security-Policy that allows no
 * network access but this server, and scripts only with the page's nonce.
 */
#include "serve/serve_int.h"

#include "base/dl_mhd.h" /* <microhttpd.h>, the library loaded when serve starts (base/dl.h) */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "congvan.h"
#include "model/nd30.h"
#include "render/profile.h"

/* Threads (one per connection, event streams included). */
#define S_MAX_CONNECTIONS 128
/* An idle keep-alive connection is closed after this many seconds; event
 * streams write a ping every 10 s, so they stay. */
#define S_IDLE_TIMEOUT 60
/* Documents rendered for the index; a folder with more is not a folder of
 * dispatches, and each costs a render. */
#define S_MAX_INDEX 500

_Static_assert(MHD_CONTENT_READER_END_OF_STREAM == -1, "sse.c returns -1 to end a stream");

/* ---- logging ---------------------------------------------------------- */

void cv_srv_log(cv_serve *s, const char *fmt, ...)
{
	if (!s->log)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	s->log(s->log_cls, line);
}

/* ---- small writers ---------------------------------------------------- */

static void S_text(cv_buf *b, const char *s)
{
	cv_buf_put_escaped(b, s ? s : "", s ? strlen(s) : 0);
}

/* prefix + rel (percent-encoded, '/' kept) + suffix, escaped for an
 * attribute.  rel may end in ".md" that `strip` removes first. */
static void S_url(cv_buf *b, const char *prefix, const char *rel, bool strip, const char *suffix)
{
	static const char hex[] = "0123456789ABCDEF";
	cv_buf u = CV_BUF_INIT;
	cv_buf_puts(&u, prefix);
	size_t n = strlen(rel);
	if (strip && n > 3 && !strcmp(rel + n - 3, ".md"))
		n -= 3;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)rel[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			cv_buf_putc(&u, (char)c);
		} else {
			cv_buf_putc(&u, '%');
			cv_buf_putc(&u, hex[c >> 4]);
			cv_buf_putc(&u, hex[c & 15]);
		}
	}
	cv_buf_puts(&u, suffix);
	cv_buf_put_escaped(b, cv_buf_cstr(&u), u.len);
	cv_buf_free(&u);
}

/* A fresh script nonce for each page (CSP: only our own script runs). */
static void S_nonce(char out[33])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
		/* not seen on Linux ≥ 3.17; a guessable nonce only weakens a
		 * defence in depth (the pages carry no untrusted script) */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t v = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
		for (size_t i = 0; i < sizeof r; i++, v = v * 6364136223846793005u + 1442695040888963407u)
			r[i] = (unsigned char)(v >> 56);
	}
	for (size_t i = 0; i < sizeof r; i++) {
		out[2 * i] = hex[r[i] >> 4];
		out[2 * i + 1] = hex[r[i] & 15];
	}
	out[32] = '\0';
}

/* ---- paths ------------------------------------------------------------ */

/* Map the part of a URL after "/doc/" (already percent-decoded) to a
 * document under the root.  Returns 0 with *real (malloc'ed realpath),
 * 403 for a path that tries to leave the root, 404 for anything that is
 * not a served document.  `page`: a page asked for, which serving one file
 * limits to that file; else a file a document names (the original of a
 * copy), read under the root by the same rules, never served itself. */
static int S_path_in_root(const cv_serve *s, const char *rel, bool page, char **real)
{
	*real = NULL;
	size_t n = strlen(rel);
	if (n == 0 || n > 4096 || rel[0] == '/')
		return n == 0 ? 404 : 403;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)rel[i];
		/* control bytes include a decoded %00 (see S_unescape) */
		if (c < 0x20 || c == 0x7f || c == '\\')
			return 403;
	}
	/* every component: no "..", no ".", no empty one, no dotfile */
	for (const char *p = rel; *p;) {
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0 || (len == 2 && p[0] == '.' && p[1] == '.') || (len == 1 && p[0] == '.'))
			return 403;
		if (p[0] == '.')
			return 404;
		p += len + (e ? 1 : 0);
	}
	if (n <= 3 || strcmp(rel + n - 3, ".md") != 0)
		return 404;
	if (page && s->only && strcmp(rel, s->only) != 0)
		return 404;

	cv_buf path = CV_BUF_INIT;
	cv_buf_puts(&path, s->root);
	cv_buf_putc(&path, '/');
	cv_buf_puts(&path, rel);
	char *r = realpath(cv_buf_cstr(&path), NULL);
	cv_buf_free(&path);
	if (!r)
		return errno == EACCES ? 403 : 404;
	/* symlinks resolved: the file itself must be under the root (or be the
	 * one file served) */
	size_t rl = strlen(s->root);
	bool inside = page && s->only ? strcmp(r, s->only_real) == 0
				      : strncmp(r, s->root, rl) == 0 && (r[rl] == '/' || rl == 1);
	struct stat st;
	if (!inside) {
		free(r);
		return 403;
	}
	if (stat(r, &st) != 0 || !S_ISREG(st.st_mode)) {
		free(r);
		return 404;
	}
	*real = r;
	return 0;
}

static int S_doc_path(const cv_serve *s, const char *rel, char **real)
{
	return S_path_in_root(s, rel, true, real);
}

/* The whole file, or NULL (errno set; EFBIG when over the limit). */
static char *S_read_file(const char *path, size_t *len);

/* What a copy names in `ban_goc` (cv_read_file_fn): `path` relative to the
 * copy's folder, read under the root only (S_path_in_root), whatever the
 * server's current folder. */
typedef struct {
	const cv_serve *s;
	const char *rel; /* the copy, relative to the root */
} S_named;

static int S_read_named(void *ctx, const char *path, char **data, size_t *len, char *why, size_t whylen)
{
	const S_named *n = ctx;
	cv_buf rel = CV_BUF_INIT;
	const char *slash = strrchr(n->rel, '/');
	if (slash)
		cv_buf_put(&rel, n->rel, (size_t)(slash - n->rel) + 1);
	cv_buf_puts(&rel, path);
	char *real;
	int code = path[0] == '/' ? 403 : S_path_in_root(n->s, cv_buf_cstr(&rel), false, &real);
	cv_buf_free(&rel);
	*data = NULL;
	if (code) {
		snprintf(why, whylen, code == 403 ? _("'%s' is outside the folder served: put the original beside the copy")
						  : _("cannot open '%s': no such document under the folder served"),
			 path);
		return -1;
	}
	*data = S_read_file(real, len);
	int e = errno;
	free(real);
	if (!*data) {
		snprintf(why, whylen, _("cannot open '%s': %s"), path,
			 e == EFBIG ? _("larger than 16 MiB, not a document") : strerror(e));
		return -1;
	}
	return 0;
}

static char *S_read_file(const char *path, size_t *len)
{
	/* O_NONBLOCK: a FIFO put in the file's place after S_doc_path looked
	 * must not block this thread in open(); it is refused below */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	cv_buf b = CV_BUF_INIT;
	int rc = cv_buf_read_stream(&b, f, CV_INPUT_MAX_BYTES);
	int e = errno;
	fclose(f);
	if (rc != 0) {
		cv_buf_free(&b);
		errno = rc == CV_READ_TOO_BIG ? EFBIG : e;
		return NULL;
	}
	return cv_buf_detach(&b, len);
}

/* ---- page pieces ------------------------------------------------------ */

/* The toolbar and error/index styles; the document's own sheet is left as
 * the templates made it.  Hidden when printing. */
static const char S_css[] =
	"#cv-bar{position:sticky;top:0;z-index:1000;background:#1f2d3a;color:#eef2f5;"
	"font:14px/1.4 system-ui,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
	"box-shadow:0 1px 5px rgba(0,0,0,.45);text-align:left}\n"
	"#cv-bar .cv-row{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;padding:6px 14px}\n"
	"#cv-bar a,#cv-bar button{color:#fff;background:#34495e;border:1px solid #56708a;border-radius:4px;"
	"padding:3px 11px;font:inherit;text-decoration:none;cursor:pointer}\n"
	"#cv-bar a:hover,#cv-bar button:hover{background:#46627c}\n"
	"#cv-bar .cv-name{font-weight:600;margin-right:auto;overflow-wrap:anywhere}\n"
	"#cv-bar .cv-state{font-size:12px;color:#9fb3c8}\n"
	"#cv-bar .cv-state.on::before{content:'\\25CF  ';color:#5fd068}\n"
	"#cv-bar .cv-ok{font-size:12px;color:#9fd3a8}\n"
	"#cv-bar details{padding:0 14px 6px}\n"
	"#cv-bar summary{cursor:pointer;color:#ffd54f;font-weight:600}\n"
	"#cv-bar details ol{max-height:40vh;overflow:auto;margin:6px 0 0;padding-left:22px}\n"
	".cv-d code{font:13px/1.4 ui-monospace,'DejaVu Sans Mono',monospace;white-space:pre-wrap;"
	"overflow-wrap:anywhere}\n"
	".cv-d pre{font:13px/1.35 ui-monospace,'DejaVu Sans Mono',monospace;margin:2px 0 8px;"
	"padding:4px 8px;overflow-x:auto}\n"
	"#cv-bar .cv-d pre{background:#15202b;color:#dfe7ee}\n"
	"#cv-bar .cv-tpl{background:#8e1c1c;color:#fff;padding:4px 14px;white-space:pre-wrap}\n"
	".cv-page{max-width:62em;margin:24px auto;background:#fff;color:#000;padding:18px 28px;"
	"font:15px/1.5 system-ui,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
	"box-shadow:0 1px 6px rgba(0,0,0,.3)}\n"
	".cv-page h1{font-size:20px;margin:0 0 10px}\n"
	".cv-error{border-left:6px solid #c62828}\n"
	".cv-error h1{color:#b71c1c}\n"
	".cv-error .cv-d pre{background:#f4f4f4;color:#000}\n"
	".cv-d.cv-sev-error code{color:#b71c1c}\n"
	".cv-list table{border-collapse:collapse;width:100%}\n"
	".cv-list th,.cv-list td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;"
	"vertical-align:top}\n"
	".cv-list th{background:#eef2f5}\n"
	".cv-list tr.cv-bad td{color:#b71c1c}\n"
	".cv-list td.cv-nowrap{white-space:nowrap}\n"
	".cv-list .cv-nwarn{font-size:12px;color:#8a6d00;white-space:nowrap}\n"
	"@media print{#cv-bar{display:none!important}}\n";

/* Live reload: the stream says "reload", the page fetches itself again and
 * swaps its body and styles in place, so the scroll position stays where the
 * reader left it.  No library, no other request than this server. */
static const char S_js[] =
	"(function(){'use strict';\n"
	"var bar=document.getElementById('cv-bar');\n"
	"if(!bar||!window.EventSource||!window.fetch)return;\n"
	"var page=bar.getAttribute('data-page'),src=bar.getAttribute('data-events');\n"
	"var busy=false,again=false,lost=false,count=0;\n"
	"function wire(){var p=document.getElementById('cv-print');"
	"if(p)p.addEventListener('click',function(){window.print();});}\n"
	"function state(on){var l=document.getElementById('cv-live-state');"
	"if(l){l.className=on?'cv-state on':'cv-state';"
	"l.textContent=on?'tự cập nhật':'mất kết nối, đang thử lại…';}}\n"
	"function swap(html){\n"
	" var d=new DOMParser().parseFromString(html,'text/html');\n"
	" var x=window.scrollX,y=window.scrollY,me=document.getElementById('cv-live');\n"
	" var open=!!document.querySelector('#cv-bar details[open]');\n"
	" document.title=d.title;\n"
	" document.head.querySelectorAll('style').forEach(function(s){s.remove();});\n"
	" d.head.querySelectorAll('style').forEach(function(s){"
	"document.head.appendChild(document.importNode(s,true));});\n"
	" var nodes=[];\n"
	" d.body.childNodes.forEach(function(n){if(n.id!=='cv-live')nodes.push(document.importNode(n,true));});\n"
	" nodes.push(me);\n"
	" document.body.className=d.body.className;\n"
	" document.body.replaceChildren.apply(document.body,nodes);\n"
	" var w=document.querySelector('#cv-bar details');if(w&&open)w.open=true;\n"
	" wire();state(!lost);\n"
	" window.scrollTo(x,y);\n"
	" document.documentElement.setAttribute('data-cv-reloads',String(++count));\n"
	"}\n"
	"function refresh(){\n"
	" if(busy){again=true;return;}\n"
	" busy=true;\n"
	" fetch(page,{cache:'no-store'}).then(function(r){return r.text();}).then(swap)"
	".catch(function(){}).then(function(){busy=false;if(again){again=false;refresh();}});\n"
	"}\n"
	"var es=new EventSource(src);\n"
	"es.addEventListener('reload',refresh);\n"
	"es.onopen=function(){if(lost){lost=false;refresh();}state(true);};\n"
	"es.onerror=function(){lost=true;state(false);};\n"
	"wire();\n"
	"})();\n";

/* The entry's source line with a caret, as the CLI prints it (diag.c). */
static void S_quote(cv_buf *b, const cv_diag *e)
{
	cv_buf line = CV_BUF_INIT;
	cv_diag_quote(e, &line);
	if (line.len) {
		cv_buf_puts(b, "<pre>");
		cv_buf_put_escaped(b, cv_buf_cstr(&line), line.len);
		cv_buf_puts(b, "</pre>");
	}
	cv_buf_free(&line);
}

/* One diagnostic: "FILE:LINE:COL: error: message [RULE]" and the quote. */
static void S_diag(cv_buf *b, const cv_diag *e)
{
	char line[4096];
	cv_diag_format(e, line, sizeof line);
	cv_buf_puts(b, e->sev == CV_ERROR ? "<li class=\"cv-d cv-sev-error\"><code>"
					  : "<li class=\"cv-d cv-sev-warning\"><code>");
	S_text(b, line);
	cv_buf_puts(b, "</code>");
	S_quote(b, e);
	cv_buf_puts(b, "</li>\n");
}

typedef enum { S_BAR_INDEX, S_BAR_DOC, S_BAR_ERROR } S_bar_kind;

/* The toolbar.  Its data-page and data-events attributes tell the script
 * what to fetch and which stream to follow.  Call with the read lock held
 * (the template problem and template diagnostics live in the set). */
static void S_bar(cv_buf *b, cv_serve *s, S_bar_kind kind, const char *rel, const cv_diags *d)
{
	cv_buf_puts(b, "<div id=\"cv-bar\" data-page=\"");
	if (kind == S_BAR_INDEX) {
		cv_buf_puts(b, "/\" data-events=\"/events\">\n<div class=\"cv-row\">");
		cv_buf_puts(b, "<span class=\"cv-name\">congvan — ");
		const char *base = strrchr(s->root, '/');
		S_text(b, base && base[1] ? base + 1 : s->root);
		cv_buf_puts(b, "</span>");
	} else {
		S_url(b, "/doc/", rel, false, "");
		cv_buf_puts(b, "\" data-events=\"");
		S_url(b, "/events?doc=", rel, false, "");
		cv_buf_puts(b, "\">\n<div class=\"cv-row\">");
		cv_buf_puts(b, "<a href=\"/\" title=\"Danh sách văn bản\">&#9776; Danh sách</a>");
		cv_buf_puts(b, "<span class=\"cv-name\">");
		S_text(b, rel);
		cv_buf_puts(b, "</span>");
		if (kind == S_BAR_DOC) {
			cv_buf_puts(b, "<a id=\"cv-docx\" href=\"");
			S_url(b, "/doc/", rel, true, ".docx");
			cv_buf_puts(b, "\">Tải DOCX</a><a id=\"cv-html\" href=\"");
			S_url(b, "/doc/", rel, true, ".html");
			cv_buf_puts(b, "\">Tải HTML</a>"
				       "<button type=\"button\" id=\"cv-print\">In</button>");
			if (d && !d->warnings)
				cv_buf_puts(b, "<span class=\"cv-ok\">không có cảnh báo</span>");
		}
	}
	cv_buf_puts(b, "<span id=\"cv-live-state\" class=\"cv-state\">đang kết nối…</span></div>\n");
	if (s->tpl_problem) {
		cv_buf_puts(b, "<div class=\"cv-tpl\">");
		S_text(b, s->tpl_problem);
		cv_buf_puts(b, "</div>\n");
	}
	if (kind == S_BAR_DOC && d && d->warnings) {
		cv_buf_printf(b, "<details class=\"cv-diags\"><summary>%d cảnh báo</summary><ol>\n",
			      d->warnings);
		for (size_t i = 0; i < d->n; i++)
			S_diag(b, &d->items[i]);
		cv_buf_puts(b, "</ol></details>\n");
	}
	cv_buf_puts(b, "</div>\n");
}

static void S_script(cv_buf *b, const char *nonce)
{
	cv_buf_printf(b, "<script id=\"cv-live\" nonce=\"%s\">\n", nonce);
	cv_buf_puts(b, S_js);
	cv_buf_puts(b, "</script>\n");
}

/* The head and body of the server's own pages (index, errors). */
static void S_shell_begin(cv_buf *b, const char *title)
{
	cv_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<title>");
	S_text(b, title);
	cv_buf_puts(b, "</title>\n<style>\nhtml{background:#d9d9d9}body{margin:0}\n");
	cv_buf_puts(b, S_css);
	cv_buf_puts(b, "</style>\n</head>\n<body>\n");
}

static void S_shell_end(cv_buf *b, const char *nonce)
{
	if (nonce)
		S_script(b, nonce);
	cv_buf_puts(b, "</body>\n</html>\n");
}

/* Case-insensitive search for an ASCII tag start such as "<body". */
static const char *S_find_tag(const char *s, size_t n, const char *tag)
{
	size_t tl = strlen(tag);
	for (size_t i = 0; i + tl <= n; i++) {
		if (s[i] != '<')
			continue;
		size_t k = 0;
		while (k < tl && (s[i + k] | 0x20) == (tag[k] | 0x20))
			k++;
		if (k == tl && (i + tl == n || s[i + tl] == '>' || s[i + tl] == ' ' ||
				s[i + tl] == '\n' || s[i + tl] == '\t' || s[i + tl] == '\r'))
			return s + i;
	}
	return NULL;
}

/* The rendered page with the toolbar style in its head, the toolbar first
 * in its body and the script last.  A page from a template that lacks those
 * tags still gets all three (browsers accept them out of place). */
static void S_inject(cv_buf *out, const cv_buf *html, const cv_buf *bar, const char *nonce)
{
	const char *h = cv_buf_cstr(html);
	size_t n = html->len;
	const char *head_end = S_find_tag(h, n, "</head");
	const char *body = S_find_tag(h, n, "<body");
	const char *body_open = body ? memchr(body, '>', n - (size_t)(body - h)) : NULL;
	const char *body_end = S_find_tag(h, n, "</body");
	if (!head_end || !body_open || !body_end || head_end > body || body_end < body_open) {
		cv_buf_puts(out, "<style>\n");
		cv_buf_puts(out, S_css);
		cv_buf_puts(out, "</style>\n");
		cv_buf_put(out, bar->ptr, bar->len);
		cv_buf_put(out, h, n);
		S_script(out, nonce);
		return;
	}
	cv_buf_put(out, h, (size_t)(head_end - h));
	cv_buf_puts(out, "<style id=\"cv-bar-style\">\n");
	cv_buf_puts(out, S_css);
	cv_buf_puts(out, "</style>\n");
	cv_buf_put(out, head_end, (size_t)(body_open + 1 - head_end));
	cv_buf_putc(out, '\n');
	cv_buf_put(out, bar->ptr, bar->len);
	cv_buf_put(out, body_open + 1, (size_t)(body_end - body_open - 1));
	S_script(out, nonce);
	cv_buf_put(out, body_end, n - (size_t)(body_end - h));
}

/* The page for a document that did not render: every diagnostic with its
 * file, line, column and quoted line.  The same toolbar and script, so the
 * page recovers by itself on the next good save. */
static void S_error_page(cv_buf *b, cv_serve *s, const char *rel, const cv_diags *d,
			 const char *nonce)
{
	cv_buf title = CV_BUF_INIT;
	cv_buf_printf(&title, _("error – %s"), rel);
	S_shell_begin(b, cv_buf_cstr(&title));
	cv_buf_free(&title);
	S_bar(b, s, S_BAR_ERROR, rel, d);
	cv_buf_puts(b, "<main class=\"cv-page cv-error\">\n<h1>");
	cv_buf head = CV_BUF_INIT;
	cv_buf_printf(&head, P_("%s: not rendered, %d error", "%s: not rendered, %d errors", (unsigned long)d->errors),
		      rel, d->errors);
	S_text(b, cv_buf_cstr(&head));
	cv_buf_free(&head);
	cv_buf_puts(b, "</h1>\n");
	cv_buf_puts(b, "<p>Sửa tệp và lưu lại: trang sẽ tự cập nhật.</p>\n<ol>\n");
	for (size_t i = 0; i < d->n; i++)
		S_diag(b, &d->items[i]);
	cv_buf_puts(b, "</ol>\n</main>\n");
	S_shell_end(b, nonce);
}

/* A page for a problem that is not the document's (missing, unreadable,
 * refused). */
static void S_message_page(cv_buf *b, const char *title, const char *msg)
{
	S_shell_begin(b, title);
	cv_buf_puts(b, "<main class=\"cv-page cv-error\"><h1>");
	S_text(b, title);
	cv_buf_puts(b, "</h1>\n<p>");
	S_text(b, msg);
	cv_buf_puts(b, "</p>\n<p><a href=\"/\">Danh sách văn bản</a></p>\n</main>\n");
	S_shell_end(b, NULL);
}

/* ---- responses -------------------------------------------------------- */

static const char S_csp_fmt[] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
				"font-src 'self' data:; connect-src 'self'; script-src %s%s%s; "
				"base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/* Queue body (taken) with the headers every response carries. */
static enum MHD_Result S_send(struct MHD_Connection *c, unsigned status, const char *type,
			      cv_buf *body, const char *nonce, const char *disposition)
{
	size_t len;
	char *p = cv_buf_detach(body, &len);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, p, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(p);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	char csp[512];
	snprintf(csp, sizeof csp, S_csp_fmt, nonce ? "'nonce-" : "'none", nonce ? nonce : "", "'");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	if (disposition)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, disposition);
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static const char S_html_type[] = "text/html; charset=utf-8";

static enum MHD_Result S_send_message(struct MHD_Connection *c, unsigned status, const char *title,
				      const char *msg)
{
	cv_buf b = CV_BUF_INIT;
	S_message_page(&b, title, msg);
	return S_send(c, status, S_html_type, &b, NULL, NULL);
}

static enum MHD_Result S_send_refused(struct MHD_Connection *c, int code)
{
	if (code == 403)
		return S_send_message(c, MHD_HTTP_FORBIDDEN, _("403 Forbidden"),
				      _("Only the documents of the served folder can be opened."));
	return S_send_message(c, MHD_HTTP_NOT_FOUND, _("404 Not Found"), _("No such document here."));
}

/* `attachment; filename="x.docx"; filename*=UTF-8''x.docx`: the quoted
 * name in ASCII for old clients, the exact one percent-encoded (RFC 6266). */
static void S_disposition(cv_buf *b, const char *rel, const char *ext)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	size_t n = strlen(base) - 3; /* without ".md" (S_doc_path checked it) */
	cv_buf_puts(b, "attachment; filename=\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)base[i];
		bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			     c == '-' || c == '.' || c == '_';
		cv_buf_putc(b, plain ? (char)c : '_');
	}
	cv_buf_printf(b, "%s\"; filename*=UTF-8''", ext);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)base[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.' || c == '_') {
			cv_buf_putc(b, (char)c);
		} else {
			cv_buf_putc(b, '%');
			cv_buf_putc(b, hex[c >> 4]);
			cv_buf_putc(b, hex[c & 15]);
		}
	}
	cv_buf_puts(b, ext);
}

/* ---- routes ----------------------------------------------------------- */

typedef enum { S_PREVIEW, S_DOCX, S_HTML } S_want;

/* /doc/REL.md, /doc/REL.docx, /doc/REL.html. */
static enum MHD_Result S_route_doc(struct MHD_Connection *c, cv_serve *s, const char *path)
{
	size_t n = strlen(path);
	S_want want;
	size_t stem;
	if (n > 3 && !strcmp(path + n - 3, ".md")) {
		want = S_PREVIEW;
		stem = n - 3;
	} else if (n > 5 && !strcmp(path + n - 5, ".docx")) {
		want = S_DOCX;
		stem = n - 5;
	} else if (n > 5 && !strcmp(path + n - 5, ".html")) {
		want = S_HTML;
		stem = n - 5;
	} else {
		/* still refuse a traversal with 403 rather than 404 */
		char *real;
		int code = S_doc_path(s, path, &real);
		free(real);
		return S_send_refused(c, code == 403 ? 403 : 404);
	}
	char *rel = cv_xmalloc(stem + 4);
	memcpy(rel, path, stem);
	memcpy(rel + stem, ".md", 4);
	char *real;
	int code = S_doc_path(s, rel, &real);
	if (code) {
		free(rel);
		return S_send_refused(c, code);
	}
	size_t len;
	char *src = S_read_file(real, &len);
	free(real);
	if (!src) {
		int e = errno;
		cv_buf msg = CV_BUF_INIT;
		cv_buf_printf(&msg, "%s: %s", rel, e == EFBIG ? _("larger than 16 MiB, not a document")
							       : strerror(e));
		free(rel);
		cv_buf b = CV_BUF_INIT;
		S_message_page(&b, _("cannot read the document"), cv_buf_cstr(&msg));
		cv_buf_free(&msg);
		return S_send(c, MHD_HTTP_UNPROCESSABLE_CONTENT, S_html_type, &b, NULL, NULL);
	}

	char nonce[33];
	S_nonce(nonce);
	cv_result r = CV_RESULT_INIT;
	S_named named = {s, rel};
	cv_render_opts o = {.file = rel,
			    .outputs = want == S_DOCX ? CV_OUT_DOCX : CV_OUT_HTML,
			    .year_now = s->year_now,
			    .read_file = S_read_named,
			    .read_ctx = &named};
	cv_buf page = CV_BUF_INIT, bar = CV_BUF_INIT, disp = CV_BUF_INIT;
	unsigned status = MHD_HTTP_OK;
	const char *type = S_html_type;
	bool script = true;
	pthread_rwlock_rdlock(&s->tpl_lock);
	int rc = cv_render(s->set, src, len, &o, &r);
	if (rc != 0) {
		/* a download of a bad document shows why instead (not as an
		 * attachment, so the browser displays it) */
		S_error_page(&page, s, rel, &r.diags, nonce);
		status = MHD_HTTP_UNPROCESSABLE_CONTENT;
	} else if (want == S_PREVIEW) {
		S_bar(&bar, s, S_BAR_DOC, rel, &r.diags);
		S_inject(&page, &r.html, &bar, nonce);
	} else if (want == S_DOCX) {
		page = r.docx;
		r.docx = (cv_buf)CV_BUF_INIT;
		type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		S_disposition(&disp, rel, ".docx");
		script = false;
	} else {
		page = r.html;
		r.html = (cv_buf)CV_BUF_INIT;
		S_disposition(&disp, rel, ".html");
		script = false;
	}
	pthread_rwlock_unlock(&s->tpl_lock);
	cv_result_free(&r);
	cv_buf_free(&bar);
	free(src);
	free(rel);
	enum MHD_Result ret =
		S_send(c, status, type, &page, script ? nonce : NULL, disp.len ? cv_buf_cstr(&disp) : NULL);
	cv_buf_free(&disp);
	return ret;
}

typedef struct {
	char **names;
	size_t n, cap;
} S_names;

static int S_collect(void *cls, const char *rel, const struct stat *st)
{
	(void)st;
	S_names *l = cls;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->names = cv_xrealloc(l->names, l->cap * sizeof *l->names);
	}
	l->names[l->n++] = cv_xstrdup(rel);
	return l->n >= S_MAX_INDEX;
}

static int S_cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The cells of a document that renders: type, số, trích yếu, date.  With
 * the read lock held (the type's description comes from the set). */
static void S_index_cells(cv_buf *cells, cv_serve *s, cv_result *r)
{
	const cv_meta *m = &r->doc.meta;
	const char *loai = m->loai.s ? m->loai.s : "cong-van";
	cv_type type;
	cv_diags quiet = CV_DIAGS_INIT;
	bool described = cv_type_load(&r->arena, s->set, loai, 0, 0, &type, &quiet) == 0 &&
			 type.description && *type.description;
	cv_diags_free(&quiet);
	cv_buf_puts(cells, "<td title=\"");
	S_text(cells, loai);
	cv_buf_puts(cells, "\">");
	S_text(cells, described ? type.description : loai);
	cv_buf_puts(cells, "</td><td class=\"cv-nowrap\">");
	if (m->so.s || m->ky_hieu.s) {
		S_text(cells, m->so.s ? cv_nd30_number(&r->arena, m->so.s) : "…");
		if (m->ky_hieu.s) {
			cv_buf_putc(cells, '/');
			S_text(cells, m->ky_hieu.s);
		}
	} else {
		cv_buf_puts(cells, "(chưa có số)");
	}
	cv_buf_puts(cells, "</td><td>");
	/* the subject as typed, without a "V/v" the page adds anyway */
	S_text(cells, m->trich_yeu.s ? cv_nd30_strip_vv(&r->arena, m->trich_yeu.s) : "");
	cv_buf_puts(cells, "</td><td class=\"cv-nowrap\">");
	if (m->day)
		cv_buf_printf(cells, "%02d/%02d/%04d", m->day, m->month, m->year);
	else if (m->dong_ngay.s)
		S_text(cells, m->dong_ngay.s);
	else
		cv_buf_puts(cells, "(dự thảo)");
	cv_buf_puts(cells, "</td>");
}

/* One row of the index: the fields from a render without outputs, or the
 * first error when the document does not render. */
static void S_index_row(cv_buf *b, cv_serve *s, const char *rel)
{
	char *real;
	size_t len = 0;
	char *src = S_doc_path(s, rel, &real) == 0 ? S_read_file(real, &len) : NULL;
	int read_errno = errno;
	free(real);
	cv_result r = CV_RESULT_INIT;
	cv_buf cells = CV_BUF_INIT;
	bool bad = true;
	if (!src) {
		cv_buf_puts(&cells, "<td colspan=\"4\">");
		cv_buf why = CV_BUF_INIT;
		cv_buf_printf(&why, _("cannot read: %s"), strerror(read_errno));
		S_text(&cells, cv_buf_cstr(&why));
		cv_buf_free(&why);
		cv_buf_puts(&cells, "</td>");
	} else {
		/* no outputs: read and check only */
		S_named named = {s, rel};
		cv_render_opts o = {.file = rel, .outputs = 0, .year_now = s->year_now, .read_file = S_read_named,
				    .read_ctx = &named};
		pthread_rwlock_rdlock(&s->tpl_lock);
		if (cv_render(s->set, src, len, &o, &r) != 0) {
			char line[4096] = "";
			for (size_t i = 0; i < r.diags.n && !line[0]; i++)
				if (r.diags.items[i].sev == CV_ERROR)
					cv_diag_format(&r.diags.items[i], line, sizeof line);
			cv_buf_puts(&cells, "<td colspan=\"4\">");
			S_text(&cells, line);
			cv_buf_puts(&cells, "</td>");
		} else {
			bad = false;
			S_index_cells(&cells, s, &r);
		}
		pthread_rwlock_unlock(&s->tpl_lock);
	}
	cv_buf_puts(b, bad ? "<tr class=\"cv-bad\"><td><a href=\"" : "<tr><td><a href=\"");
	S_url(b, "/doc/", rel, false, "");
	cv_buf_puts(b, "\">");
	S_text(b, rel);
	cv_buf_puts(b, "</a>");
	if (!bad && r.diags.warnings)
		cv_buf_printf(b, " <span class=\"cv-nwarn\">%d cảnh báo</span>", r.diags.warnings);
	cv_buf_puts(b, "</td>");
	cv_buf_put(b, cells.ptr, cells.len);
	cv_buf_puts(b, "</tr>\n");
	cv_buf_free(&cells);
	cv_result_free(&r);
	free(src);
}

static enum MHD_Result S_route_index(struct MHD_Connection *c, cv_serve *s)
{
	S_names l = {NULL, 0, 0};
	if (s->only)
		S_collect(&l, s->only, NULL);
	else
		cv_srv_walk(s->root, CV_SRV_WALK_DOCS, S_collect, &l);
	qsort(l.names, l.n, sizeof *l.names, S_cmp_name);

	char nonce[33];
	S_nonce(nonce);
	cv_buf b = CV_BUF_INIT;
	S_shell_begin(&b, "congvan");
	pthread_rwlock_rdlock(&s->tpl_lock);
	S_bar(&b, s, S_BAR_INDEX, NULL, NULL);
	pthread_rwlock_unlock(&s->tpl_lock);
	cv_buf_puts(&b, "<main class=\"cv-page cv-list\">\n<h1>Văn bản</h1>\n");
	if (!l.n) {
		cv_buf_puts(&b, "<p>Không có tệp .md nào trong thư mục này.</p>\n");
	} else {
		cv_buf_puts(&b, "<table>\n<thead><tr><th>Tệp</th><th>Loại</th><th>Số, ký hiệu</th>"
				"<th>Trích yếu</th><th>Ngày</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < l.n; i++)
			S_index_row(&b, s, l.names[i]);
		cv_buf_puts(&b, "</tbody>\n</table>\n");
		cv_buf_printf(&b, "<p>%zu văn bản%s</p>\n", l.n,
			      l.n >= S_MAX_INDEX ? " (chỉ hiện những văn bản đầu tiên)" : "");
	}
	cv_buf_puts(&b, "</main>\n");
	S_shell_end(&b, nonce);
	for (size_t i = 0; i < l.n; i++)
		free(l.names[i]);
	free(l.names);
	return S_send(c, MHD_HTTP_OK, S_html_type, &b, nonce, NULL);
}

/* /events?doc=REL.md (or no doc: the folder). */
static enum MHD_Result S_route_events(struct MHD_Connection *c, cv_serve *s)
{
	const char *doc = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "doc");
	char *real = NULL;
	if (doc && *doc) {
		int code = S_doc_path(s, doc, &real);
		if (code)
			return S_send_refused(c, code);
	}
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	cv_srv_stream *st =
		cv_srv_sse_open(s, real ? real : s->only_real, ci ? ci->connect_fd : -1);
	free(real);
	struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, cv_srv_sse_read,
								   st, cv_srv_sse_free);
	if (!r) {
		cv_srv_sse_free(st);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* A page served from 127.0.0.1 must not be readable by a web site that
 * points its own host name at 127.0.0.1 (DNS rebinding): on a loopback
 * address only loopback host names are answered. */
static bool S_host_ok(const cv_serve *s, struct MHD_Connection *c)
{
	if (!s->loopback)
		return true;
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if (!h)
		return true; /* HTTP/1.0 without Host: not a browser */
	char name[256];
	size_t n;
	if (h[0] == '[') {
		const char *e = strchr(h, ']');
		if (!e)
			return false;
		n = (size_t)(e - h - 1);
		h++;
	} else {
		const char *e = strchr(h, ':');
		n = e ? (size_t)(e - h) : strlen(h);
	}
	if (n == 0 || n >= sizeof name)
		return false;
	memcpy(name, h, n);
	name[n] = '\0';
	if (!strcasecmp(name, "localhost") || !strcmp(name, "::1"))
		return true;
	struct in_addr a;
	return inet_pton(AF_INET, name, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

static enum MHD_Result S_handler(void *cls, struct MHD_Connection *c, const char *url,
				 const char *method, const char *version, const char *upload_data,
				 size_t *upload_data_size, void **con_cls)
{
	cv_serve *s = cls;
	(void)version;
	(void)upload_data;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
		/* at once, without reading any body: the connection is closed */
		cv_buf b = CV_BUF_INIT;
		S_message_page(&b, _("405 Method Not Allowed"), _("This server only shows documents."));
		size_t len;
		char *p = cv_buf_detach(&b, &len);
		struct MHD_Response *r = MHD_create_response_from_buffer(len, p, MHD_RESPMEM_MUST_FREE);
		if (!r) {
			free(p);
			return MHD_NO;
		}
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, S_html_type);
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_METHOD_NOT_ALLOWED, r);
		MHD_destroy_response(r);
		return ret;
	}
	/* The first call comes with the headers; answering only on the second,
	 * once the request is complete, lets libmicrohttpd keep the connection
	 * alive (an answer given earlier makes it close the connection, since
	 * a request body might still be on its way). */
	static int first_call_seen; /* only its address is used, as a mark */
	if (*con_cls != &first_call_seen) {
		*con_cls = &first_call_seen;
		return MHD_YES;
	}
	if (*upload_data_size) {
		*upload_data_size = 0; /* a body with a GET: ignored */
		return MHD_YES;
	}
	if (!S_host_ok(s, c))
		return S_send_message(c, MHD_HTTP_FORBIDDEN, _("403 Forbidden"),
				      _("This preview answers only to localhost."));
	if (!strcmp(url, "/"))
		return S_route_index(c, s);
	if (!strncmp(url, "/doc/", 5))
		return S_route_doc(c, s, url + 5);
	if (!strcmp(url, "/events"))
		return S_route_events(c, s);
	if (!strcmp(url, "/favicon.ico")) {
		cv_buf none = CV_BUF_INIT;
		return S_send(c, MHD_HTTP_NO_CONTENT, "image/x-icon", &none, NULL, NULL);
	}
	return S_send_refused(c, 404);
}

static int S_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decoding of the path and the query values.  A decoded NUL
 * becomes byte 0x01 so that "/doc/a.md%00.png" is refused as a control
 * character instead of being cut short at the NUL into "a.md". */
static size_t S_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	char *w = s;
	for (const char *r = s; *r; r++) {
		int hi, lo;
		if (r[0] == '%' && (hi = S_hexval(r[1])) >= 0 && (lo = S_hexval(r[2])) >= 0) {
			int v = hi * 16 + lo;
			*w++ = v ? (char)v : '\x01';
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* ---- templates -------------------------------------------------------- */

void cv_srv_reload_templates(cv_serve *s)
{
	cv_diags d = CV_DIAGS_INIT;
	cv_tpl_set *set = cv_tpl_set_new(s->tpl_dir, &d);
	if (set)
		cv_tpl_compile_all(set, &d);
	/* the messages quote the new set: format them before anything frees it */
	cv_buf problem = CV_BUF_INIT;
	char line[4096];
	for (size_t i = 0; i < d.n; i++) {
		cv_diag_format(&d.items[i], line, sizeof line);
		cv_srv_log(s, "%s", line);
		if (!set && problem.len)
			cv_buf_printf(&problem, "\n%s", line);
		else if (!set)
			cv_buf_printf(&problem, _("templates not reloaded: %s"), line);
	}
	cv_diags_free(&d);
	pthread_rwlock_wrlock(&s->tpl_lock);
	cv_tpl_set *old = NULL;
	if (set) {
		old = s->set;
		s->set = set;
	}
	free(s->tpl_problem);
	s->tpl_problem = set ? NULL : cv_buf_detach(&problem, NULL);
	pthread_rwlock_unlock(&s->tpl_lock);
	cv_tpl_set_free(old); /* no render holds it: we had the write lock */
	cv_buf_free(&problem);
	if (set)
		cv_srv_log(s, _("templates reloaded from %s"), s->tpl_dir);
	else
		cv_srv_log(s, _("templates in %s not reloaded: still using the previous ones"), s->tpl_dir);

	pthread_mutex_lock(&s->mu);
	s->tpl_gen++;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->mu);
}

/* ---- start and stop --------------------------------------------------- */

static void S_free(cv_serve *s)
{
	pthread_rwlock_destroy(&s->tpl_lock);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cond);
	cv_tpl_set_free(s->set);
	free(s->tpl_problem);
	free(s->root);
	free(s->only);
	free(s->only_real);
	free(s->tpl_dir);
	free(s->url);
	free(s);
}

/* Where to listen: a numeric address ("localhost" is 127.0.0.1), so that
 * nothing is resolved over the network. */
static int S_address(const char *host, int port, struct sockaddr_storage *ss, bool *v6, bool *loop)
{
	if (!strcmp(host, "localhost"))
		host = "127.0.0.1";
	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		*v6 = false;
		*loop = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
		return 0;
	}
	if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*v6 = true;
		*loop = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
		return 0;
	}
	return -1;
}

int cv_serve_start(const cv_serve_opts *o, cv_tpl_set *set, cv_serve **out, char *err, size_t errlen)
{
	*out = NULL;
	cv_serve *s = cv_xcalloc(1, sizeof *s);
	s->set = set;
	s->year_now = o->year_now;
	s->log = o->log;
	s->log_cls = o->log_cls;
	pthread_rwlock_init(&s->tpl_lock, NULL);
	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cond, &ca);
	pthread_condattr_destroy(&ca);

	const char *host = o->host ? o->host : "127.0.0.1";
	struct sockaddr_storage ss;
	bool v6;
	if (o->port < 0 || o->port > 65535 || S_address(host, o->port, &ss, &v6, &s->loopback) != 0) {
		snprintf(err, errlen, _("--host %s: not a numeric IPv4 or IPv6 address"), host);
		goto fail;
	}
	char *real = realpath(o->path, NULL);
	struct stat st;
	if (!real || stat(real, &st) != 0) {
		snprintf(err, errlen, "%s: %s", o->path, strerror(errno));
		free(real);
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		s->root = real;
	} else {
		size_t n = strlen(real);
		char *slash = strrchr(real, '/');
		if (!S_ISREG(st.st_mode) || n <= 3 || strcmp(real + n - 3, ".md") != 0 || !slash ||
		    slash[1] == '.') {
			snprintf(err, errlen, _("%s: not a folder or a .md file"), o->path);
			free(real);
			goto fail;
		}
		s->only_real = real;
		s->only = cv_xstrdup(slash + 1);
		s->root = slash == real ? cv_xstrdup("/") : cv_xstrndup(real, (size_t)(slash - real));
	}
	if (o->tpl_dir && !(s->tpl_dir = realpath(o->tpl_dir, NULL))) {
		snprintf(err, errlen, "--templates %s: %s", o->tpl_dir, strerror(errno));
		goto fail;
	}

	/* ITC: a pipe that wakes the listening thread at once on stop (without
	 * it, stopping waits for select() to time out: over a second); POLL:
	 * poll() rather than select(), which fails past descriptor 1024 */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ITC |
			 MHD_USE_POLL |
			 (v6 ? MHD_USE_IPv6 : 0);
	errno = 0;
	s->mhd = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, S_handler, s,
				  MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
				  MHD_OPTION_CONNECTION_LIMIT, (unsigned)S_MAX_CONNECTIONS,
				  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)S_IDLE_TIMEOUT,
				  MHD_OPTION_UNESCAPE_CALLBACK, S_unescape, NULL,
				  MHD_OPTION_END);
	if (!s->mhd) {
		int e = errno;
		if (e)
			snprintf(err, errlen, _("cannot listen on %s port %d: %s"), host, o->port, strerror(e));
		else
			snprintf(err, errlen, _("cannot listen on %s port %d"), host, o->port);
		goto fail;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = di ? di->port : (unsigned)o->port;

	cv_buf url = CV_BUF_INIT;
	char shown[INET6_ADDRSTRLEN];
	inet_ntop(v6 ? AF_INET6 : AF_INET,
		  v6 ? (void *)&((struct sockaddr_in6 *)&ss)->sin6_addr
		     : (void *)&((struct sockaddr_in *)&ss)->sin_addr,
		  shown, sizeof shown);
	cv_buf_printf(&url, v6 ? "http://[%s]:%u/" : "http://%s:%u/", shown, port);
	if (s->only) {
		cv_buf enc = CV_BUF_INIT;
		S_url(&enc, "doc/", s->only, false, "");
		cv_buf_put(&url, enc.ptr, enc.len); /* percent-encoded: no entity in it */
		cv_buf_free(&enc);
	}
	s->url = cv_buf_detach(&url, NULL);
	if (cv_srv_watch_start(s) != 0) {
		snprintf(err, errlen, _("cannot start the template watcher: %s"), strerror(errno));
		MHD_stop_daemon(s->mhd);
		goto fail;
	}
	*out = s;
	return 0;
fail:
	S_free(s);
	return -1;
}

const char *cv_serve_url(const cv_serve *s)
{
	return s->url;
}

void cv_serve_stop(cv_serve *s)
{
	if (!s)
		return;
	/* streams and the watcher wake up, see the flag and end; then
	 * MHD_stop_daemon closes the sockets and joins the connection threads */
	pthread_mutex_lock(&s->mu);
	s->stopping = true;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->mu);
	cv_srv_watch_join(s);
	MHD_stop_daemon(s->mhd);
	S_free(s);
}
