/*
 * serve_int.h — what the three files of the preview server share:
 *   serve.c  HTTP (the only libmicrohttpd user): routing, pages, paths
 *   sse.c    one server-sent-event stream per open page
 *   watch.c  change detection (stat signatures), the folder walk, and the
 *            thread that reloads the templates when their folder changes
 */
#ifndef CV_SERVE_INT_H
#define CV_SERVE_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "serve/serve.h"

/* How often the watchers look at the disk.  A change is announced once its
 * signature has stayed the same for one more tick, so an editor's save in
 * several writes gives one reload, 0.2–0.4 s after the last write. */
#define CV_SRV_TICK_MS 200

struct cv_serve {
	/* fixed once started: read by every thread without a lock */
	char *root;        /* realpath of the served folder */
	char *only;        /* one-file mode: its name relative to root, else NULL */
	char *only_real;   /* one-file mode: its realpath */
	char *tpl_dir;     /* template folder to watch, or NULL */
	char *url;
	bool loopback;     /* bound to a loopback address: check the Host header */
	int year_now;
	void (*log)(void *cls, const char *line);
	void *log_cls;
	void *mhd;         /* struct MHD_Daemon *, known to serve.c only */

	/* the template set: renders hold the read lock for as long as they use
	 * the set (diagnostics quote template text), the reload swaps it under
	 * the write lock and frees the old one after */
	pthread_rwlock_t tpl_lock;
	cv_tpl_set *set;
	char *tpl_problem; /* why the last reload failed (shown on pages), or NULL */

	/* change notices, under mu: streams wait on cond for either */
	pthread_mutex_t mu;
	pthread_cond_t cond; /* CLOCK_MONOTONIC */
	bool stopping;
	unsigned long tpl_gen; /* bumped by every template reload */

	pthread_t watcher;
	bool watcher_running;
};

/* ---- serve.c ---------------------------------------------------------- */

/* One line for the operator through the log callback. */
void cv_srv_log(cv_serve *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Build a new template set from s->tpl_dir and swap it in; then tell every
 * stream.  Keeps the old set when the folder cannot be read. */
void cv_srv_reload_templates(cv_serve *s);

/* ---- watch.c ---------------------------------------------------------- */

/* Milliseconds on the monotonic clock. */
int64_t cv_srv_now_ms(void);
/* Deadline `ms` from now for pthread_cond_timedwait on a CLOCK_MONOTONIC cond. */
void cv_srv_deadline(struct timespec *ts, int ms);

/* Signature of one file: changes when it is written, replaced, created or
 * removed (identity, size, modification and change times). */
uint64_t cv_srv_sig_file(const char *path);

/* Which entries a walk reports. */
enum { CV_SRV_WALK_DOCS = 1, /* folders and *.md files (the served folder) */
       CV_SRV_WALK_ALL = 2 /* every file (a template folder) */ };

/* Visit the entries under root_real (a realpath), depth first.  Dot entries
 * are skipped (editor swap files, .git) except ".rels", which a DOCX
 * template needs; a symlink is followed only when it stays under root.
 * Bounded: CV_SRV_MAX_DEPTH folders deep, CV_SRV_MAX_ENTRIES entries.  fn gets
 * the path relative to root and the stat of the target; nonzero stops. */
#define CV_SRV_MAX_DEPTH 16
#define CV_SRV_MAX_ENTRIES 10000
typedef int (*cv_srv_visit_fn)(void *cls, const char *rel, const struct stat *st);
void cv_srv_walk(const char *root_real, int which, cv_srv_visit_fn fn, void *cls);

/* Signature of a folder's entries (as cv_srv_walk reports them). */
uint64_t cv_srv_sig_tree(const char *root_real, int which);

/* The thread that reloads the templates when s->tpl_dir changes. */
int cv_srv_watch_start(cv_serve *s);
void cv_srv_watch_join(cv_serve *s);

/* ---- sse.c ------------------------------------------------------------ */

/* An event stream for one open page: `path` is the document's realpath, or
 * NULL for the index (the whole folder); fd is the client's socket, looked
 * at (never read) to notice a closed page.  Takes no ownership of path. */
typedef struct cv_srv_stream cv_srv_stream;
cv_srv_stream *cv_srv_sse_open(cv_serve *s, const char *path, int fd);
/* libmicrohttpd's content reader and free callbacks, in its own types
 * (ssize_t (*)(void *, uint64_t, char *, size_t), void (*)(void *)): blocks
 * until there is something to send; -1 ends the stream. */
ssize_t cv_srv_sse_read(void *cls, uint64_t pos, char *buf, size_t max);
void cv_srv_sse_free(void *cls);

#endif
