/*
 * watch.c — noticing changes on disk, for live reload (see serve_int.h).
 *
 * Changes are found by comparing stat() signatures every CV_SRV_TICK_MS on
 * the server side rather than with inotify: it is portable, it follows a
 * file that an editor replaces by rename (inotify watches the old inode), it
 * needs no descriptor per file, and a few stat() calls five times a second
 * cost nothing.  The page itself never polls: it waits on its event stream.
 */
#include "serve/serve_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/hash.h"

int64_t cv_srv_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void cv_srv_deadline(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}


static uint64_t S_sig_stat(uint64_t h, const struct stat *st)
{
	/* the change time too: a write within the same mtime tick, or a
	 * `touch -d` back to an old date, still moves it */
	int64_t v[8] = {(int64_t)st->st_dev, (int64_t)st->st_ino, (int64_t)st->st_size,
			(int64_t)st->st_mtim.tv_sec, (int64_t)st->st_mtim.tv_nsec,
			(int64_t)st->st_ctim.tv_sec, (int64_t)st->st_ctim.tv_nsec,
			(int64_t)st->st_mode};
	return cv_hash_bytes(h, v, sizeof v);
}

uint64_t cv_srv_sig_file(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return cv_hash_bytes(CV_HASH_SEED, "absent", 6);
	return S_sig_stat(CV_HASH_SEED, &st);
}

/* ---- the folder walk -------------------------------------------------- */

typedef struct {
	const char *root;
	size_t rootlen;
	int which;
	cv_srv_visit_fn fn;
	void *cls;
	cv_buf path;      /* the entry on disk */
	cv_buf rel;       /* the same relative to root */
	size_t entries;   /* visited so far, against CV_SRV_MAX_ENTRIES */
	bool stop;
} S_walk;

static void S_truncate(cv_buf *b, size_t len)
{
	b->len = len;
	if (b->ptr)
		b->ptr[len] = '\0';
}

static bool S_is_md(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static void S_walk_dir(S_walk *w, int depth);

static void S_visit(S_walk *w, const char *name, int depth)
{
	const char *path = cv_buf_cstr(&w->path);
	struct stat st;
	if (lstat(path, &st) != 0)
		return; /* removed while we looked: the next tick sees it */
	if (S_ISLNK(st.st_mode)) {
		/* followed only when it stays under root: a link to /etc is not
		 * part of the folder, in the listing or anywhere else */
		char *real = realpath(path, NULL);
		bool inside = real && strncmp(real, w->root, w->rootlen) == 0 &&
			      (real[w->rootlen] == '/' || w->rootlen == 1);
		free(real);
		if (!inside || stat(path, &st) != 0)
			return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth < CV_SRV_MAX_DEPTH)
			S_walk_dir(w, depth + 1);
		return;
	}
	if (!S_ISREG(st.st_mode))
		return;
	if (w->which == CV_SRV_WALK_DOCS && !S_is_md(name))
		return;
	if (w->fn(w->cls, cv_buf_cstr(&w->rel), &st))
		w->stop = true;
}

static void S_walk_dir(S_walk *w, int depth)
{
	DIR *dir = opendir(cv_buf_cstr(&w->path));
	if (!dir)
		return;
	size_t plen = w->path.len, rlen = w->rel.len;
	struct dirent *e;
	while (!w->stop && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".rels") != 0)
			continue; /* ".", "..", dotfiles, editor swap files, .git */
		if (++w->entries > CV_SRV_MAX_ENTRIES) {
			w->stop = true;
			break;
		}
		cv_buf_putc(&w->path, '/');
		cv_buf_puts(&w->path, e->d_name);
		if (rlen)
			cv_buf_putc(&w->rel, '/');
		cv_buf_puts(&w->rel, e->d_name);
		S_visit(w, e->d_name, depth);
		S_truncate(&w->path, plen);
		S_truncate(&w->rel, rlen);
	}
	closedir(dir);
}

void cv_srv_walk(const char *root_real, int which, cv_srv_visit_fn fn, void *cls)
{
	S_walk w = {root_real, strlen(root_real), which, fn, cls, CV_BUF_INIT, CV_BUF_INIT, 0, false};
	cv_buf_puts(&w.path, root_real);
	cv_buf_puts(&w.rel, "");
	S_walk_dir(&w, 0);
	cv_buf_free(&w.path);
	cv_buf_free(&w.rel);
}

static int S_sig_visit(void *cls, const char *rel, const struct stat *st)
{
	/* a sum of per-entry hashes, so the order readdir returns does not
	 * matter */
	uint64_t *sum = cls;
	*sum += S_sig_stat(cv_hash_bytes(CV_HASH_SEED, rel, strlen(rel) + 1), st);
	return 0;
}

uint64_t cv_srv_sig_tree(const char *root_real, int which)
{
	uint64_t sum = 0;
	cv_srv_walk(root_real, which, S_sig_visit, &sum);
	return sum;
}

/* ---- the template watcher --------------------------------------------- */

static void *S_watch(void *arg)
{
	cv_serve *s = arg;
	uint64_t seen = cv_srv_sig_tree(s->tpl_dir, CV_SRV_WALK_ALL), pending = seen;
	pthread_mutex_lock(&s->mu);
	while (!s->stopping) {
		struct timespec ts;
		cv_srv_deadline(&ts, CV_SRV_TICK_MS);
		pthread_cond_timedwait(&s->cond, &s->mu, &ts);
		if (s->stopping)
			break;
		pthread_mutex_unlock(&s->mu);
		uint64_t now = cv_srv_sig_tree(s->tpl_dir, CV_SRV_WALK_ALL);
		if (now == seen || now != pending) {
			pending = now; /* unchanged, or still changing: wait a tick */
		} else {
			seen = now;
			cv_srv_reload_templates(s);
		}
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

int cv_srv_watch_start(cv_serve *s)
{
	if (!s->tpl_dir)
		return 0;
	int rc = pthread_create(&s->watcher, NULL, S_watch, s);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	s->watcher_running = true;
	return 0;
}

void cv_srv_watch_join(cv_serve *s)
{
	if (s->watcher_running)
		pthread_join(s->watcher, NULL);
	s->watcher_running = false;
}
