/*
 * serve.h — the live preview server behind `congvan serve`: documents of a
 * folder (or one file) rendered in memory on each request, served over HTTP
 * on a loopback address, with pages that re-render when a file changes.
 *
 * Like the rest of the library it never prints and never exits: messages for
 * the operator go through the log callback, and the CLI (src/cli/cmd_serve.c)
 * owns signals, stdout and the exit status.
 *
 * Routes (all GET or HEAD):
 *   /                    index of the documents (type, số, trích yếu, date)
 *   /doc/REL.md          preview: the page `render` writes, plus a toolbar,
 *                        or the error page (HTTP 422) when the input is bad
 *   /doc/REL.docx        the DOCX, as a download
 *   /doc/REL.html        the HTML `render` writes, as a download
 *   /events?doc=REL.md   server-sent events: "reload" when the file or the
 *                        templates change (no doc: the folder's documents)
 * REL is a path relative to the served folder; nothing outside it, no
 * dotfile and no file other than *.md is ever read.
 *
 * Out of memory aborts the process (cv_xmalloc), as in the CLI: this is a
 * preview for one drafter, not a shared service.
 */
#ifndef CV_SERVE_H
#define CV_SERVE_H

#include "tpl/tpl.h"

typedef struct cv_serve cv_serve;

typedef struct cv_serve_opts {
	const char *path;    /* folder to serve, or one .md file */
	const char *host;    /* numeric address to bind; NULL = 127.0.0.1 */
	int port;            /* 0 = any free port (cv_serve_url tells which) */
	const char *tpl_dir; /* folder the templates were overlaid from, watched
			      * and reloaded on change; NULL = built-ins only */
	int year_now;        /* year of draft date lines (cv_render_opts) */
	/* one line for the operator (no trailing newline); may be NULL */
	void (*log)(void *cls, const char *line);
	void *log_cls;
} cv_serve_opts;

/* Start serving on threads of its own.  `set` is the template set to start
 * with, compiled (cv_tpl_compile_all); the server owns it from now on, also
 * when starting fails.  Returns 0 and *out, or -1 with a one-line reason in
 * err. */
int cv_serve_start(const cv_serve_opts *o, cv_tpl_set *set, cv_serve **out, char *err,
		   size_t errlen);

/* The address to open: "http://127.0.0.1:PORT/" (for one file, its page).
 * Borrowed: lives as long as the server. */
const char *cv_serve_url(const cv_serve *s);

/* Close every event stream, stop listening, wait for the threads and free
 * everything.  Safe to call from any thread but the server's own. */
void cv_serve_stop(cv_serve *s);

#endif
