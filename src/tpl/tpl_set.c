/*
 * tpl_set.c — the template set: built-in files overlaid by a user folder,
 * looked up by name, compiled once (see tpl.h).
 *
 * The set is one array of files sorted by name, so lookups (including
 * {{> includes}} while rendering) are binary searches and listing a prefix is
 * a range.  Override files are read whole when the set is made: a set never
 * touches the disk again, so a render cannot fail halfway on I/O.
 */
#include "tpl/tpl_int.h"
#include "tpl/embedded.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <stdatomic.h>

#include "base/i18n.h"

/* Folders nested deeper than this under --templates are a symlink loop. */
#define S_MAX_DIR_DEPTH 32

typedef struct {
	cv_tfile *files; /* collected override files (owned names and data) */
	size_t n, cap;
	const struct cv_embedded_file *builtin; /* to let dotfiles such as .rels through */
	size_t nbuiltin;
	char *root_real;  /* realpath of the override folder (malloc'ed) */
	cv_buf path;      /* the entry being visited, as a path on disk */
	cv_buf rel;       /* the same relative to the folder: the file's name */
	cv_diags *d;
} S_walk;

static void S_err(cv_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void S_err(cv_diags *d, const char *fmt, ...)
{
	/* no file position: the message names the path, which the list could
	 * not borrow (it is a temporary) */
	cv_buf msg = CV_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	cv_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	cv_diag_in(d, CV_ERROR, NULL, NULL, 0, 0, 0, NULL, "%s", cv_buf_cstr(&msg));
	cv_buf_free(&msg);
}

static void S_truncate(cv_buf *b, size_t len)
{
	b->len = len;
	if (b->ptr)
		b->ptr[len] = '\0';
}

static void S_file_free(cv_tfile *f)
{
	if (f->owned) {
		free((char *)f->name);
		free((char *)f->data);
	}
	cv_ttree_free(f->tree);
}

/* Read the file at w->path into a new entry named w->rel. */
static int S_read(S_walk *w)
{
	const char *path = cv_buf_cstr(&w->path);
	if (w->n == CV_TPL_MAX_FILES) {
		S_err(w->d, _("template folder '%s' holds more than %d files: is it the right folder?"),
		      w->root_real, CV_TPL_MAX_FILES);
		return -1;
	}
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		S_err(w->d, _("cannot read template file '%s': %s"), path, strerror(errno));
		return -1;
	}
	cv_buf data = CV_BUF_INIT;
	int rc = cv_buf_read_stream(&data, fp, CV_TPL_MAX_SIZE);
	int e = errno;
	fclose(fp);
	if (rc == CV_READ_ERROR) {
		S_err(w->d, _("cannot read template file '%s': %s"), path, strerror(e));
		cv_buf_free(&data);
		return -1;
	}
	if (rc == CV_READ_TOO_BIG) {
		S_err(w->d, _("template file '%s' is over the %zu MiB limit"), path,
		      CV_TPL_MAX_SIZE >> 20);
		cv_buf_free(&data);
		return -1;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 32;
		w->files = cv_xrealloc(w->files, w->cap * sizeof *w->files);
	}
	cv_tfile *f = &w->files[w->n++];
	memset(f, 0, sizeof *f);
	f->name = cv_xstrdup(cv_buf_cstr(&w->rel));
	f->data = cv_buf_detach(&data, &f->len);
	f->owned = true;
	return 0;
}

static int S_walk_dir(S_walk *w, int level);

/* Visit w->path: a file is read, a folder walked, a symlink followed only
 * when it stays inside the folder (a template folder from a download must
 * not pull in ~/.ssh/id_rsa as "a template"). */
static int S_visit(S_walk *w, int level)
{
	const char *path = cv_buf_cstr(&w->path);
	struct stat st;
	if (lstat(path, &st) != 0) {
		S_err(w->d, _("cannot read '%s': %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		char *real = realpath(path, NULL);
		if (!real) {
			S_err(w->d, _("cannot follow symlink '%s': %s"), path, strerror(errno));
			return -1;
		}
		size_t rl = strlen(w->root_real);
		bool inside = strcmp(w->root_real, "/") == 0 ||
			      (strncmp(real, w->root_real, rl) == 0 &&
			       (real[rl] == '/' || real[rl] == '\0'));
		if (!inside) {
			S_err(w->d, _("'%s' is a symlink to '%s', outside the template folder: refused"),
			      path, real);
			free(real);
			return -1;
		}
		free(real);
		if (stat(path, &st) != 0) {
			S_err(w->d, _("cannot read '%s': %s"), path, strerror(errno));
			return -1;
		}
	}
	if (S_ISDIR(st.st_mode)) {
		if (level >= S_MAX_DIR_DEPTH) {
			S_err(w->d, _("'%s' is nested more than %d folders deep: a symlink loop?"), path,
			      S_MAX_DIR_DEPTH);
			return -1;
		}
		return S_walk_dir(w, level + 1);
	}
	if (S_ISREG(st.st_mode))
		return S_read(w);
	return 0; /* a socket or a fifo is no template */
}

/* Dotfiles (.git, .DS_Store, editor swap files) are skipped, except those
 * that replace a built-in file: a docx needs _rels/.rels. */
static bool S_builtin_name(const S_walk *w, const char *rel)
{
	for (size_t i = 0; i < w->nbuiltin; i++)
		if (strcmp(w->builtin[i].name, rel) == 0)
			return true;
	return false;
}

static int S_walk_dir(S_walk *w, int level)
{
	DIR *dir = opendir(cv_buf_cstr(&w->path));
	if (!dir) {
		S_err(w->d, _("cannot read template folder '%s': %s"), cv_buf_cstr(&w->path),
		      strerror(errno));
		return -1;
	}
	size_t plen = w->path.len, rlen = w->rel.len;
	int rc = 0;
	for (;;) {
		errno = 0;
		struct dirent *e = readdir(dir);
		if (!e) {
			if (errno) {
				S_err(w->d, _("cannot read template folder '%s': %s"),
				      cv_buf_cstr(&w->path), strerror(errno));
				rc = -1;
			}
			break;
		}
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		cv_buf_putc(&w->path, '/');
		cv_buf_puts(&w->path, e->d_name);
		if (rlen)
			cv_buf_putc(&w->rel, '/');
		cv_buf_puts(&w->rel, e->d_name);
		if (e->d_name[0] != '.' || S_builtin_name(w, cv_buf_cstr(&w->rel)))
			rc = S_visit(w, level);
		S_truncate(&w->path, plen);
		S_truncate(&w->rel, rlen);
		if (rc < 0)
			break;
	}
	closedir(dir);
	return rc;
}

static int S_cmp_file(const void *x, const void *y)
{
	const cv_tfile *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	if (c)
		return c;
	return (int)a->owned - (int)b->owned; /* the override sorts last */
}

cv_tpl_set *cv_tpl_set_new_from(const struct cv_embedded_file *builtin, size_t n,
				const char *override_dir, cv_diags *d)
{
	S_walk w = {NULL, 0, 0, builtin, n, NULL, CV_BUF_INIT, CV_BUF_INIT, d};
	if (override_dir) {
		w.root_real = realpath(override_dir, NULL);
		if (!w.root_real) {
			S_err(d, _("cannot read template folder '%s': %s"), override_dir, strerror(errno));
			return NULL;
		}
		cv_buf_puts(&w.path, override_dir);
		cv_buf_puts(&w.rel, "");
		int rc = S_walk_dir(&w, 0);
		cv_buf_free(&w.path);
		cv_buf_free(&w.rel);
		free(w.root_real);
		if (rc < 0) {
			for (size_t i = 0; i < w.n; i++)
				S_file_free(&w.files[i]);
			free(w.files);
			return NULL;
		}
	}

	cv_tpl_set *set = cv_xcalloc(1, sizeof *set);
	static atomic_ulong last_id;
	set->id = atomic_fetch_add(&last_id, 1) + 1;
	set->files = cv_xcalloc(n + w.n + 1, sizeof *set->files);
	for (size_t i = 0; i < n; i++) {
		cv_tfile *f = &set->files[set->n++];
		f->name = builtin[i].name;
		f->data = (const char *)builtin[i].data;
		f->len = builtin[i].len;
	}
	if (w.n)
		memcpy(set->files + set->n, w.files, w.n * sizeof *w.files);
	set->n += w.n;
	free(w.files);
	qsort(set->files, set->n, sizeof *set->files, S_cmp_file);

	/* equal names are adjacent, override last: keep the last of each run */
	size_t k = 0;
	for (size_t i = 0; i < set->n; i++) {
		if (k && strcmp(set->files[k - 1].name, set->files[i].name) == 0)
			S_file_free(&set->files[k - 1]);
		else
			k++;
		set->files[k - 1] = set->files[i];
	}
	set->n = k;
	for (size_t i = 0; i < set->n; i++)
		set->overridden |= set->files[i].owned;
	/* A file with a NUL byte is binary (an image, a font): it may hold the
	 * bytes "{{" by chance, but it is data, never a template. */
	for (size_t i = 0; i < set->n; i++) {
		cv_tfile *f = &set->files[i];
		f->has_tags = !memchr(f->data, '\0', f->len) && cv_tfind2(f->data, f->len, '{');
	}
	return set;
}

cv_tpl_set *cv_tpl_set_new(const char *override_dir, cv_diags *d)
{
	return cv_tpl_set_new_from(cv_embedded_files, cv_embedded_count, override_dir, d);
}

unsigned long cv_tpl_set_id(const cv_tpl_set *set)
{
	return set ? set->id : 0;
}

void cv_tpl_set_free(cv_tpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		S_file_free(&set->files[i]);
	free(set->files);
	free(set);
}

/* strcmp(a, b[0..bn)) in sign, bytewise like the sort. */
static int S_cmpn(const char *a, const char *b, size_t bn)
{
	for (size_t i = 0; i < bn; i++) {
		unsigned char ca = (unsigned char)a[i], cb = (unsigned char)b[i];
		if (!ca)
			return -1;
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return a[bn] ? 1 : 0;
}

/* Index of the first file whose name is not below name[0..n). */
static size_t S_lower(const cv_tpl_set *set, const char *name, size_t n)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (S_cmpn(set->files[mid].name, name, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

cv_tfile *cv_tset_find(const cv_tpl_set *set, const char *name, size_t n)
{
	if (!set)
		return NULL;
	size_t i = S_lower(set, name, n);
	if (i < set->n && S_cmpn(set->files[i].name, name, n) == 0)
		return &set->files[i];
	return NULL;
}

int cv_tset_tree(cv_tpl_set *set, cv_tfile *f, cv_diags *d, const cv_ttree **out)
{
	(void)set;
	*out = f->tree;
	if (f->tree || !f->has_tags)
		return 0;
	cv_ttree *t = cv_ttree_compile(f->name, f->data, f->len, d);
	if (f->failed) {
		/* compiled and failed before: report again, but leave the set as it
		 * is, since other threads may be reading it */
		cv_ttree_free(t);
		return -1;
	}
	if (!t) {
		f->failed = true;
		return -1;
	}
	f->tree = t;
	*out = t;
	return 0;
}

const char *cv_tpl_source(const cv_tpl_set *set, const char *name, size_t *len)
{
	const cv_tfile *f = name ? cv_tset_find(set, name, strlen(name)) : NULL;
	if (!f)
		return NULL;
	if (len)
		*len = f->len;
	return f->data;
}

size_t cv_tpl_list(const cv_tpl_set *set, const char *prefix, const char **names, size_t max)
{
	if (!set)
		return 0;
	size_t plen = prefix ? strlen(prefix) : 0, k = 0;
	for (size_t i = S_lower(set, prefix ? prefix : "", plen); i < set->n && k < max; i++) {
		if (strncmp(set->files[i].name, prefix ? prefix : "", plen) != 0)
			break;
		names[k++] = set->files[i].name;
	}
	return k;
}

static bool S_builtin(cv_tpl_set *set, const cv_tfile *f, int depth)
{
	const cv_ttree *t;
	cv_diags quiet = CV_DIAGS_INIT; /* a template that does not compile fails its render, which says why */
	int rc = f->owned || depth > CV_TPL_MAX_INCLUDE_DEPTH ? -1 : cv_tset_tree(set, (cv_tfile *)f, &quiet, &t);
	cv_diags_free(&quiet);
	if (rc < 0)
		return false;
	for (size_t i = 0; t && i < t->n; i++) {
		if (t->nodes[i].kind != CV_TN_INCLUDE)
			continue;
		const cv_tfile *g = cv_tset_find(set, t->nodes[i].s.p, t->nodes[i].s.n);
		if (!g || !S_builtin(set, g, depth + 1))
			return false;
	}
	return true;
}

bool cv_tpl_builtin(cv_tpl_set *set, const char *name)
{
	const cv_tfile *f = set && name ? cv_tset_find(set, name, strlen(name)) : NULL;
	if (!f)
		return false;
	if (!set->overridden)
		return true; /* the common case, without --templates: no walk */
	return S_builtin(set, f, 0);
}

int cv_tpl_compile_all(cv_tpl_set *set, cv_diags *d)
{
	int before = d->errors;
	for (size_t i = 0; set && i < set->n; i++) {
		const cv_ttree *t;
		cv_tset_tree(set, &set->files[i], d, &t);
	}
	return d->errors - before;
}
