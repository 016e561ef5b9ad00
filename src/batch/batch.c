/*
 * batch.c — the batch engine (see batch.h): the pass over the table, the
 * worker threads, the staging area and the per-row results.
 */
#define _GNU_SOURCE /* syncfs(2) */
#include "batch/batch.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "batch/names.h"
#include "batch/pack.h"
#include "batch/sha256.h"
#include "batch/table.h"
#include "model/nd30.h"

/* A row's messages are kept until the report at the end; a screenful is
 * enough to see what is wrong, and bounds what 10 000 bad rows can hold. */
#define BATCH_MSG_MAX 4096
/* The staging area's files are spread over this many folders, row i in
 * folder i % BATCH_STAGE_DIRS: the workers, which take consecutive rows,
 * then create their files in different folders, and each folder stays
 * small (ext4 locks a folder while it adds a name, and a big folder's
 * names take longer to search): 10 % less system time than one folder. */
#define BATCH_STAGE_DIRS 16
/* How often the progress callback runs while a pass is under way. */
#define BATCH_TICK_NS 100000000L

static const char *const S_ext[2] = {".docx", ".html"};
static const int S_fmt[2] = {CV_OUT_DOCX, CV_OUT_HTML};

/* Distinct messages, each kept once: 34 rows failing on the same template
 * line share one text. */
typedef struct {
	pthread_mutex_t mu;
	char **v;
	size_t n, cap;
	size_t *slot; /* open addressing: index + 1, 0 = free */
	size_t scap;
} S_msgs;

struct cv_batch {
	cv_batch_opts o;
	char *outdir, *pattern, *manifest;
	cv_rows *t;
	char **cols;
	size_t ncols;
	bool *used;              /* column i appears as {{placeholder}} in the document */
	cv_batch_row *rows;
	size_t nrows;
	int width;               /* digits of nrows, for {{row}} */
	/* the staging area: a hidden folder in the output folder where the
	 * check leaves each good row's files under its row number, moved to
	 * their names once every row is checked; NULL for --dry-run */
	char *stage;
	int stage_fd;
	int sha_fd;              /* <stage>/sha256: 64 bytes per row, the DOCX's then the HTML's */
	char **made;             /* folders of --outdir that the batch created */
	size_t nmade;
	bool committed;          /* files were moved out of the staging area */
	/* the pass under way */
	pthread_mutex_t mu;      /* the table, the row counter, `running` */
	pthread_cond_t cv;
	long next;               /* rows dealt */
	int running;             /* workers still at work */
	atomic_size_t done;
	bool fatal;
	char fatal_err[1024];
	bool interrupted;
	S_msgs msgs;
	cv_merge *merge;
	pthread_mutex_t merr_mu;
	char merge_err[1024];
};

/* ---- messages ------------------------------------------------------------ */

static uint64_t S_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int S_intern(cv_batch *b, const char *text)
{
	S_msgs *m = &b->msgs;
	pthread_mutex_lock(&m->mu);
	if (2 * (m->n + 1) > m->scap) {
		free(m->slot);
		m->scap = m->scap ? 2 * m->scap : 64;
		m->slot = cv_xcalloc(m->scap, sizeof *m->slot);
		for (size_t i = 0; i < m->n; i++) {
			size_t k = S_hash(m->v[i]) & (m->scap - 1);
			while (m->slot[k])
				k = (k + 1) & (m->scap - 1);
			m->slot[k] = i + 1;
		}
	}
	size_t k = S_hash(text) & (m->scap - 1);
	while (m->slot[k] && strcmp(m->v[m->slot[k] - 1], text))
		k = (k + 1) & (m->scap - 1);
	if (!m->slot[k]) {
		if (m->n == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 16;
			m->v = cv_xrealloc(m->v, m->cap * sizeof *m->v);
		}
		m->v[m->n++] = cv_xstrdup(text);
		m->slot[k] = m->n;
	}
	int idx = (int)(m->slot[k] - 1);
	pthread_mutex_unlock(&m->mu);
	return idx;
}

/* The same, for a string kept for the batch's life: the shared copy. */
static const char *S_intern_str(cv_batch *b, const char *text)
{
	S_msgs *m = &b->msgs;
	int idx = S_intern(b, text);
	pthread_mutex_lock(&m->mu);
	const char *s = m->v[idx];
	pthread_mutex_unlock(&m->mu);
	return s;
}

/* The diagnostics of a render as printed (with the quoted lines), cut at
 * BATCH_MSG_MAX; -1 when there is nothing to say. */
static int S_diag_msg(cv_batch *b, const cv_diags *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return -1;
	cv_diag_print(d, f, 1, b->o.quiet ? CV_ERROR : CV_WARNING);
	fclose(f);
	int idx = -1;
	if (len > BATCH_MSG_MAX) {
		/* cut on a line boundary */
		size_t cut = BATCH_MSG_MAX;
		while (cut > 0 && text[cut - 1] != '\n')
			cut--;
		snprintf(text + cut, len - cut, "…\n");
	}
	if (text && *text)
		idx = S_intern(b, text);
	free(text);
	return idx;
}

static int S_text_msg(cv_batch *b, const char *s)
{
	cv_buf t = CV_BUF_INIT;
	cv_buf_puts(&t, s);
	cv_buf_putc(&t, '\n');
	int idx = S_intern(b, cv_buf_cstr(&t));
	cv_buf_free(&t);
	return idx;
}

/* Does the document's text hold {{name}} (spaces inside the braces
 * allowed, as read/vars.c reads them)? */
static bool S_names_placeholder(const char *src, size_t len, const char *name)
{
	size_t nl = strlen(name);
	const char *end = src + len;
	for (const char *p = src; p + 4 + nl <= end; p++) {
		p = memchr(p, '{', (size_t)(end - p));
		if (!p || p + 4 + nl > end)
			break;
		if (p[1] != '{')
			continue;
		const char *q = p + 2;
		while (q < end && *q == ' ')
			q++;
		if ((size_t)(end - q) < nl + 2 || memcmp(q, name, nl))
			continue;
		q += nl;
		while (q < end && *q == ' ')
			q++;
		if (q + 1 < end && q[0] == '}' && q[1] == '}')
			return true;
	}
	return false;
}

/* ---- workers ----------------------------------------------------------------- */

typedef struct {
	cv_batch *b;
	pthread_t th;
	cv_result r;
	cv_arena a;
	cv_buf vals;        /* this row's values, copied out of the reader */
	size_t *offs;
	const char **vp;
	const char **vn;    /* the columns passed to the render, and their values */
	const char **vv;
	char err[1024];
} S_worker;

/* The row's values as placeholders and keys.  An empty cell in a column
 * the document never names as a placeholder is left out: such a column can
 * only set a front-matter key, and an empty cell means "as the document
 * says" (a kinh_gui column filled for a few rows only), not "empty". */
static cv_vars S_vars(const cv_batch *b, S_worker *w)
{
	size_t n = 0;
	for (size_t i = 0; i < b->ncols; i++) {
		const char *v = w->vp[i];
		while (*v == ' ' || *v == '\t' || *v == '\n')
			v++;
		if (!*v && !b->used[i])
			continue;
		w->vn[n] = b->cols[i];
		w->vv[n++] = w->vp[i];
	}
	cv_vars vars = {w->vn, w->vv, n};
	return vars;
}

static void S_copy_row(cv_batch *b, S_worker *w, const char *const *vals)
{
	cv_buf_clear(&w->vals);
	for (size_t i = 0; i < b->ncols; i++) {
		w->offs[i] = w->vals.len;
		cv_buf_puts(&w->vals, vals[i]);
		cv_buf_putc(&w->vals, '\0');
	}
	for (size_t i = 0; i < b->ncols; i++)
		w->vp[i] = w->vals.ptr + w->offs[i];
}

/* Deal the next row to a worker: CV_ROWS_ROW or CV_ROWS_BAD with *row set,
 * or CV_ROWS_END when there is no more (or the batch must stop). */
static int S_deal(cv_batch *b, S_worker *w, long *row, long *where)
{
	int rc = CV_ROWS_END;
	pthread_mutex_lock(&b->mu);
	if (b->o.stop && *b->o.stop) {
		b->interrupted = true;
	} else if (!b->fatal) {
		const char *const *vals = NULL;
		rc = cv_rows_next(b->t, &vals, where, w->err, sizeof w->err);
		if (rc == CV_ROWS_ROW)
			S_copy_row(b, w, vals);
		if (rc == CV_ROWS_ROW || rc == CV_ROWS_BAD) {
			*row = ++b->next;
			if ((size_t)*row > b->nrows) {
				snprintf(b->fatal_err, sizeof b->fatal_err,
					 _("%s: the table changed while the batch ran (more rows than counted)"),
					 cv_rows_path(b->t));
				b->fatal = true;
				rc = CV_ROWS_END;
			}
		} else if (rc == CV_ROWS_FATAL) {
			snprintf(b->fatal_err, sizeof b->fatal_err, "%s", w->err);
			b->fatal = true;
			rc = CV_ROWS_END;
		}
	}
	pthread_mutex_unlock(&b->mu);
	return rc;
}

static int S_outputs(const cv_batch *b)
{
	return b->o.formats | (b->o.merge ? CV_OUT_DOCX : 0);
}

/* "1144/BHXH-TĐKT" as printed after "Số: ", or "" (malloc) */
static char *S_so(const cv_result *r)
{
	const cv_meta *m = &r->doc.meta;
	cv_arena tmp = CV_ARENA_INIT;
	cv_buf b = CV_BUF_INIT;
	if (m->so.s && *m->so.s) {
		cv_buf_puts(&b, cv_nd30_number(&tmp, m->so.s));
		if (m->ky_hieu.s && *m->ky_hieu.s)
			cv_buf_printf(&b, "/%s", m->ky_hieu.s);
	}
	cv_buf_putc(&b, '\0');
	cv_arena_free(&tmp);
	return cv_buf_detach(&b, NULL);
}

/* Row i's file in the staging area ("<stage>/0/17.docx"); caller frees. */
static char *S_staged(const cv_batch *b, size_t i, int k)
{
	cv_buf p = CV_BUF_INIT;
	cv_buf_printf(&p, "%s/%zu/%zu%s", b->stage, i % BATCH_STAGE_DIRS, i + 1, S_ext[k]);
	return cv_buf_detach(&p, NULL);
}

/* Write a new file whole; no fsync here: the staging area is synced once,
 * before anything is moved out of it (S_commit). */
static int S_put(const char *path, const cv_buf *data, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		snprintf(err, errlen, _("%s: cannot create a temporary file beside the output file: %s"), path,
			 strerror(errno));
		return -1;
	}
	const char *p = data->ptr ? data->ptr : "";
	size_t left = data->len;
	while (left) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, _("%s: cannot write the output file: %s"), path, strerror(errno));
			close(fd);
			unlink(path);
			return -1;
		}
		p += n;
		left -= (size_t)n;
	}
	if (close(fd) != 0) {
		snprintf(err, errlen, _("%s: cannot close the output file: %s"), path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

static void S_fail(cv_batch *b, cv_batch_row *R, const char *why)
{
	R->state = CV_ROW_FAILED;
	R->msg = S_text_msg(b, why);
}

/* A good row's files into the staging area, with their hashes; the row
 * is FAILED (and leaves nothing behind) when one cannot be written. */
static void S_stage_row(S_worker *w, long row)
{
	cv_batch *b = w->b;
	cv_batch_row *R = &b->rows[row - 1];
	const cv_buf *out[2] = {&w->r.docx, &w->r.html};
	for (int k = 0; k < 2; k++) {
		if (!(b->o.formats & S_fmt[k]))
			continue;
		char *path = S_staged(b, (size_t)row - 1, k);
		int rc = S_put(path, out[k], w->err, sizeof w->err);
		free(path);
		if (rc != 0) {
			for (int j = 0; j < k; j++) {
				if (R->staged & S_fmt[j]) {
					char *p = S_staged(b, (size_t)row - 1, j);
					unlink(p);
					free(p);
				}
			}
			R->staged = 0;
			S_fail(b, R, w->err);
			return;
		}
		unsigned char sha[32];
		cv_sha256(out[k]->ptr ? out[k]->ptr : "", out[k]->len, sha);
		if (pwrite(b->sha_fd, sha, 32, ((off_t)(row - 1) * 2 + k) * 32) != 32) {
			snprintf(w->err, sizeof w->err, _("%s: cannot write the output file: %s"), b->stage,
				 strerror(errno));
			S_fail(b, R, w->err); /* its files go when the staging folder does */
			return;
		}
		R->staged |= (unsigned char)S_fmt[k];
	}
	if (b->merge && cv_merge_add(b->merge, row, w->r.docx.ptr, w->r.docx.len, w->err, sizeof w->err) != 0) {
		pthread_mutex_lock(&b->merr_mu);
		if (!b->merge_err[0])
			snprintf(b->merge_err, sizeof b->merge_err, "%.900s (row %ld)", w->err, row);
		pthread_mutex_unlock(&b->merr_mu);
	}
}

/* Render the row: its state, name, số and messages; a good row's files go
 * to the staging area at once, so that it is rendered only this once. */
static void S_check_row(S_worker *w, long row, long where, int rc)
{
	cv_batch *b = w->b;
	cv_batch_row *R = &b->rows[row - 1];
	R->where = where;
	if (rc == CV_ROWS_BAD) {
		R->state = CV_ROW_BAD;
		R->msg = S_text_msg(b, w->err);
		return;
	}
	cv_vars v = S_vars(b, w);
	cv_arena_reset(&w->a);
	R->name = cv_xstrdup(cv_name_make(&w->a, b->pattern, &v, row, b->width));
	cv_render_opts ro = {b->o.file, S_outputs(b), b->o.year_now, &v, NULL, NULL};
	int rr = cv_render(b->o.set, b->o.src, b->o.len, &ro, &w->r);
	R->msg = S_diag_msg(b, &w->r.diags);
	if (rr != 0) {
		R->state = CV_ROW_BAD;
		return;
	}
	char *so = S_so(&w->r);
	R->so = S_intern_str(b, so);
	free(so);
	R->state = CV_ROW_GOOD;
	if (b->stage)
		S_stage_row(w, row);
}

static void *S_work(void *arg)
{
	S_worker *w = arg;
	cv_batch *b = w->b;
	for (;;) {
		long row = 0, where = 0;
		int rc = S_deal(b, w, &row, &where);
		if (rc == CV_ROWS_END)
			break;
		S_check_row(w, row, where, rc);
		atomic_fetch_add(&b->done, 1);
	}
	pthread_mutex_lock(&b->mu);
	b->running--;
	pthread_cond_signal(&b->cv);
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

/* Open the table (again) and check it still has the columns it had. */
static int S_reopen(cv_batch *b, char *err, size_t errlen)
{
	cv_rows_close(b->t);
	b->t = cv_rows_open(b->o.data, b->o.sheet, err, errlen);
	if (!b->t)
		return -1;
	size_t n = cv_rows_ncols(b->t);
	const char *const *c = cv_rows_columns(b->t);
	bool same = n == b->ncols;
	for (size_t i = 0; i < n && same; i++)
		same = !strcmp(c[i], b->cols[i]);
	if (!same) {
		snprintf(err, errlen, _("%s: the columns changed while the batch ran"), b->o.data);
		return -1;
	}
	return 0;
}

/* The pass over the table on the workers; 0, or -1 when the table broke
 * off.  An interruption is not an error: b->interrupted says it. */
static int S_pass(cv_batch *b, char *err, size_t errlen)
{
	if (S_reopen(b, err, errlen) != 0)
		return -1;
	b->next = 0;
	b->fatal = false;
	atomic_store(&b->done, 0);
	/* the progress bar's label, translated where it is printed */
	const char *phase = N_("checking");
	size_t nth = (size_t)b->o.jobs;
	if (nth > b->nrows)
		nth = b->nrows;
	if (nth < 1)
		nth = 1;
	if (b->o.progress)
		b->o.progress(b->o.progress_ctx, phase, 0, b->nrows);
	S_worker *w = cv_xcalloc(nth, sizeof *w);
	pthread_mutex_lock(&b->mu);
	b->running = 0;
	for (size_t i = 0; i < nth; i++) {
		w[i].b = b;
		w[i].offs = cv_xcalloc(b->ncols, sizeof *w[i].offs);
		w[i].vp = cv_xcalloc(b->ncols, sizeof *w[i].vp);
		w[i].vn = cv_xcalloc(b->ncols, sizeof *w[i].vn);
		w[i].vv = cv_xcalloc(b->ncols, sizeof *w[i].vv);
		cv_result r0 = CV_RESULT_INIT;
		w[i].r = r0;
		if (pthread_create(&w[i].th, NULL, S_work, &w[i]) != 0) {
			free(w[i].offs);
			free(w[i].vp);
			free(w[i].vn);
			free(w[i].vv);
			break;
		}
		b->running++;
	}
	size_t started = (size_t)b->running;
	if (started == 0) {
		pthread_mutex_unlock(&b->mu);
		free(w);
		snprintf(err, errlen, _("cannot start a worker thread: %s"), strerror(errno));
		return -1;
	}
	while (b->running > 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += BATCH_TICK_NS;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&b->cv, &b->mu, &ts);
		if (b->o.progress && b->running > 0) {
			pthread_mutex_unlock(&b->mu);
			b->o.progress(b->o.progress_ctx, phase, atomic_load(&b->done), b->nrows);
			pthread_mutex_lock(&b->mu);
		}
	}
	pthread_mutex_unlock(&b->mu);
	for (size_t i = 0; i < started; i++) {
		pthread_join(w[i].th, NULL);
		cv_result_free(&w[i].r);
		cv_arena_free(&w[i].a);
		cv_buf_free(&w[i].vals);
		free(w[i].offs);
		free(w[i].vp);
		free(w[i].vn);
		free(w[i].vv);
	}
	free(w);
	if (b->o.progress)
		b->o.progress(b->o.progress_ctx, phase, atomic_load(&b->done), b->nrows);
	if (b->fatal) {
		snprintf(err, errlen, "%s", b->fatal_err);
		return -1;
	}
	return 0;
}

/* ---- the public steps ---------------------------------------------------------- */

cv_batch *cv_batch_open(const cv_batch_opts *o, char *err, size_t errlen)
{
	cv_rows *t = cv_rows_open(o->data, o->sheet, err, errlen);
	if (!t)
		return NULL;
	cv_batch *b = cv_xcalloc(1, sizeof *b);
	b->o = *o;
	b->t = t;
	b->stage_fd = b->sha_fd = -1;
	pthread_mutex_init(&b->mu, NULL);
	pthread_mutex_init(&b->merr_mu, NULL);
	pthread_mutex_init(&b->msgs.mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	b->outdir = cv_xstrdup(o->outdir && *o->outdir ? o->outdir : ".");
	size_t ol = strlen(b->outdir);
	while (ol > 1 && b->outdir[ol - 1] == '/')
		b->outdir[--ol] = '\0';
	if (o->manifest) {
		b->manifest = cv_xstrdup(o->manifest);
	} else {
		cv_buf m = CV_BUF_INIT;
		if (strcmp(b->outdir, "."))
			cv_buf_printf(&m, "%s/", b->outdir);
		cv_buf_puts(&m, "manifest.csv");
		b->manifest = cv_buf_detach(&m, NULL);
	}
	b->ncols = cv_rows_ncols(t);
	b->cols = cv_xcalloc(b->ncols, sizeof *b->cols);
	for (size_t i = 0; i < b->ncols; i++)
		b->cols[i] = cv_xstrdup(cv_rows_columns(t)[i]);
	if (o->name_pattern) {
		b->pattern = cv_xstrdup(o->name_pattern);
	} else {
		cv_arena a = CV_ARENA_INIT;
		b->pattern = cv_xstrdup(cv_name_default(&a, b->cols[0]));
		cv_arena_free(&a);
	}
	if (cv_name_check(b->pattern, (const char *const *)b->cols, b->ncols, err, errlen) != 0)
		goto fail;
	b->used = cv_xcalloc(b->ncols, sizeof *b->used);
	for (size_t i = 0; i < b->ncols; i++)
		b->used[i] = S_names_placeholder(o->src, o->len, b->cols[i]);
	/* count the rows: the width of {{row}}, the progress bar's total, and
	 * a broken file found before any rendering */
	const char *const *vals;
	long where;
	char rerr[1024];
	int rc;
	while ((rc = cv_rows_next(t, &vals, &where, rerr, sizeof rerr)) != CV_ROWS_END) {
		if (rc == CV_ROWS_FATAL) {
			snprintf(err, errlen, "%s", rerr);
			goto fail;
		}
		b->nrows++;
	}
	if (b->nrows == 0) {
		snprintf(err, errlen, _("%s: no rows below the column names: nothing to do"), o->data);
		goto fail;
	}
	b->width = snprintf(NULL, 0, "%zu", b->nrows);
	b->rows = cv_xcalloc(b->nrows, sizeof *b->rows);
	for (size_t i = 0; i < b->nrows; i++)
		b->rows[i].msg = -1;
	return b;
fail:
	cv_batch_close(b);
	return NULL;
}

/* mkdir -p, remembering the folders it made (to remove them again when
 * nothing is written) */
static int S_mkdirs(cv_batch *b, const char *dir, char *err, size_t errlen)
{
	char *d = cv_xstrdup(dir);
	int rc = 0;
	for (char *p = d + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;
		*p = '\0';
		struct stat st;
		if (stat(d, &st) != 0) {
			if (mkdir(d, 0777) == 0) {
				b->made = cv_xrealloc(b->made, (b->nmade + 1) * sizeof *b->made);
				b->made[b->nmade++] = cv_xstrdup(d);
			} else if (errno != EEXIST) {
				snprintf(err, errlen, _("--outdir %s: cannot create %s: %s"), dir, d, strerror(errno));
				rc = -1;
				break;
			}
		}
		*p = c;
		if (!c)
			break;
	}
	struct stat st;
	if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		snprintf(err, errlen, _("--outdir %s: not a folder"), dir);
		rc = -1;
	}
	free(d);
	return rc;
}

/* Empty the staging area and remove it; then, when no file reached the
 * output folder, the folders the batch made for it. */
static void S_unstage(cv_batch *b)
{
	if (b->stage) {
		for (size_t i = 0; i < b->nrows; i++) {
			for (int k = 0; k < 2; k++) {
				if (b->rows[i].staged & S_fmt[k]) {
					char *p = S_staged(b, i, k);
					unlink(p);
					free(p);
				}
			}
			b->rows[i].staged = 0;
		}
		if (b->stage_fd >= 0)
			close(b->stage_fd);
		cv_buf p = CV_BUF_INIT;
		if (b->sha_fd >= 0) {
			close(b->sha_fd);
			cv_buf_printf(&p, "%s/sha256", b->stage);
			unlink(cv_buf_cstr(&p));
		}
		for (int k = 0; k < BATCH_STAGE_DIRS; k++) {
			cv_buf_clear(&p);
			cv_buf_printf(&p, "%s/%d", b->stage, k);
			rmdir(cv_buf_cstr(&p));
		}
		cv_buf_free(&p);
		rmdir(b->stage);
		free(b->stage);
		b->stage = NULL;
		b->stage_fd = b->sha_fd = -1;
	}
	for (size_t i = b->nmade; i > 0; i--) {
		if (!b->committed)
			rmdir(b->made[i - 1]); /* deepest first */
		free(b->made[i - 1]);
	}
	free(b->made);
	b->made = NULL;
	b->nmade = 0;
}

/* The output folder and the staging area in it (not for --dry-run), and
 * the merged document's builder. */
static int S_prepare(cv_batch *b, char *err, size_t errlen)
{
	if (b->o.dry_run)
		return 0;
	if (S_mkdirs(b, b->outdir, err, errlen) != 0)
		return -1;
	cv_buf t = CV_BUF_INIT;
	cv_buf_printf(&t, "%s/.congvan-batch-XXXXXX", b->outdir);
	b->stage = cv_buf_detach(&t, NULL);
	if (!mkdtemp(b->stage)) {
		snprintf(err, errlen, _("%s: cannot create a temporary file beside the output file: %s"), b->stage,
			 strerror(errno));
		free(b->stage);
		b->stage = NULL;
		return -1;
	}
	b->stage_fd = open(b->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cv_buf p = CV_BUF_INIT;
	for (int k = 0; k < BATCH_STAGE_DIRS; k++) {
		cv_buf_clear(&p);
		cv_buf_printf(&p, "%s/%d", b->stage, k);
		if (mkdir(cv_buf_cstr(&p), 0700) != 0) {
			snprintf(err, errlen, _("%s: cannot create a temporary file beside the output file: %s"),
				 cv_buf_cstr(&p), strerror(errno));
			cv_buf_free(&p);
			return -1;
		}
	}
	cv_buf_clear(&p);
	cv_buf_printf(&p, "%s/sha256", b->stage);
	b->sha_fd = open(cv_buf_cstr(&p), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (b->sha_fd < 0)
		snprintf(err, errlen, _("%s: cannot create a temporary file beside the output file: %s"),
			 cv_buf_cstr(&p), strerror(errno));
	cv_buf_free(&p);
	if (b->sha_fd < 0)
		return -1;
	if (b->o.merge && !(b->merge = cv_merge_new(err, errlen)))
		return -1;
	return 0;
}

long cv_batch_check(cv_batch *b, char *err, size_t errlen)
{
	if (S_prepare(b, err, errlen) != 0 || S_pass(b, err, errlen) != 0) {
		S_unstage(b);
		return -1;
	}
	if (b->interrupted) {
		S_unstage(b);
		snprintf(err, errlen, _("interrupted while checking; nothing was written"));
		return -1;
	}
	/* names: in row order, so that the same table always gives the same
	 * names; rows that fail keep theirs, so fixing one renames nothing */
	cv_nameset *ns = cv_nameset_new();
	long bad = 0;
	for (size_t i = 0; i < b->nrows; i++) {
		cv_batch_row *R = &b->rows[i];
		bad += R->state != CV_ROW_GOOD;
		if (R->name) {
			/* the set borrows the row's name; only a renamed one is copied */
			const char *u = cv_nameset_take(ns, R->name);
			if (u != R->name) {
				char *c = cv_xstrdup(u);
				free(R->name);
				R->name = c;
			}
		}
	}
	cv_nameset_free(ns);
	if (bad == (long)b->nrows)
		S_unstage(b); /* nothing to write: not even the folder */
	return bad;
}

/* "./x" and "x" are the same file. */
static const char *S_norm(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

/* Would `path` (--merge, --zip, the manifest) overwrite a document? */
static long S_clash(const cv_batch *b, const char *path)
{
	for (size_t i = 0; i < b->nrows; i++) {
		if (b->rows[i].state != CV_ROW_GOOD)
			continue;
		for (int k = 0; k < 2; k++) {
			if (!(b->o.formats & S_fmt[k]))
				continue;
			char *p = cv_batch_path(b, i, S_fmt[k]);
			bool same = !strcmp(S_norm(p), S_norm(path));
			free(p);
			if (same)
				return (long)i + 1;
		}
	}
	return 0;
}

static int S_write_manifest(cv_batch *b, char *err, size_t errlen)
{
	cv_buf m = CV_BUF_INIT;
	cv_buf_puts(&m, "row,file,so,sha256\n");
	unsigned char sha[2][32];
	for (size_t i = 0; i < b->nrows; i++) {
		const cv_batch_row *R = &b->rows[i];
		if (R->state != CV_ROW_WRITTEN)
			continue;
		/* (the last row's HTML hash may be missing: --to docx) */
		memset(sha, 0, sizeof sha);
		if (pread(b->sha_fd, sha, sizeof sha, (off_t)i * (off_t)sizeof sha) < 32) {
			/* the hashes cannot be read back: no manifest */
			snprintf(err, errlen, _("%s: cannot write the output file: %s"), b->manifest,
				 strerror(errno ? errno : EIO));
			cv_buf_free(&m);
			return -1;
		}
		for (int k = 0; k < 2; k++) {
			if (!(R->formats & S_fmt[k]))
				continue;
			char hex[65], file[256];
			cv_sha256_hex(sha[k], hex);
			snprintf(file, sizeof file, "%s%s", R->name, S_ext[k]);
			cv_buf_printf(&m, "%zu,", i + 1);
			cv_csv_put_field(&m, file);
			cv_buf_putc(&m, ',');
			cv_csv_put_field(&m, R->so ? R->so : "");
			cv_buf_printf(&m, ",%s\n", hex);
		}
	}
	int rc = cv_write_atomic(b->manifest, m.ptr, m.len, err, errlen);
	cv_buf_free(&m);
	return rc;
}

static int S_write_zip(cv_batch *b, char *err, size_t errlen)
{
	size_t n = 0;
	cv_zip_item *items = cv_xcalloc(2 * b->nrows + 2, sizeof *items);
	char **owned = cv_xcalloc(4 * b->nrows + 2, sizeof *owned);
	size_t no = 0;
	for (size_t i = 0; i < b->nrows; i++) {
		const cv_batch_row *R = &b->rows[i];
		if (R->state != CV_ROW_WRITTEN)
			continue;
		for (int k = 0; k < 2; k++) {
			if (!(R->formats & S_fmt[k]))
				continue;
			char *path = cv_batch_path(b, i, S_fmt[k]);
			cv_buf nm = CV_BUF_INIT;
			cv_buf_printf(&nm, "%s%s", R->name, S_ext[k]);
			owned[no++] = path;
			owned[no] = cv_buf_detach(&nm, NULL);
			items[n].path = path;
			items[n++].name = owned[no++];
		}
	}
	const char *extra[2] = {b->manifest, b->o.merge};
	for (int k = 0; k < 2; k++) {
		if (!extra[k])
			continue;
		const char *slash = strrchr(extra[k], '/');
		items[n].path = extra[k];
		items[n++].name = slash ? slash + 1 : extra[k];
	}
	int rc = cv_zip_write(b->o.zip, items, n, b->o.zip_mtime, b->o.stop, err, errlen);
	for (size_t i = 0; i < no; i++)
		free(owned[i]);
	free(owned);
	free(items);
	return rc;
}

/* Make the staged files durable (one syncfs for the whole area; fsync of
 * each file where that is refused), so that a file is complete on disk
 * before it has its name. */
static int S_sync(cv_batch *b, char *err, size_t errlen)
{
#ifdef __linux__
	if (b->stage_fd >= 0 && syncfs(b->stage_fd) == 0)
		return 0;
#endif
	for (size_t i = 0; i < b->nrows; i++) {
		for (int k = 0; k < 2; k++) {
			if (!(b->rows[i].staged & S_fmt[k]))
				continue;
			char *p = S_staged(b, i, k);
			int fd = open(p, O_RDONLY | O_CLOEXEC);
			int rc = fd < 0 ? -1 : fsync(fd);
			int e = errno;
			if (fd >= 0)
				close(fd);
			if (rc != 0) {
				char *path = cv_batch_path(b, i, S_fmt[k]);
				snprintf(err, errlen, _("%s: cannot flush the output file: %s"), path, strerror(e));
				free(path);
				free(p);
				return -1;
			}
			free(p);
		}
	}
	return 0;
}

/* Move row i's staged files to their names: all of them or none. */
static void S_move_row(cv_batch *b, size_t i)
{
	cv_batch_row *R = &b->rows[i];
	char err[1024];
	for (int k = 0; k < 2; k++) {
		if (!(R->staged & S_fmt[k]))
			continue;
		char *from = S_staged(b, i, k), *to = cv_batch_path(b, i, S_fmt[k]);
		int rc = rename(from, to);
		if (rc != 0)
			snprintf(err, sizeof err, _("%s: cannot rename the temporary file to the output file: %s"), to,
				 strerror(errno));
		free(from);
		free(to);
		if (rc != 0) {
			/* a row is written whole or not at all */
			for (int j = 0; j < k; j++) {
				if (R->formats & S_fmt[j]) {
					char *p = cv_batch_path(b, i, S_fmt[j]);
					unlink(p);
					free(p);
				}
			}
			R->formats = 0;
			S_fail(b, R, err);
			return;
		}
		R->staged &= (unsigned char)~S_fmt[k];
		R->formats |= (unsigned char)S_fmt[k];
	}
	R->state = CV_ROW_WRITTEN;
}

/* Sync the staging area, then give each good row's files their names, in
 * row order, until done or interrupted; then sync the folder's entries. */
static int S_commit(cv_batch *b, char *err, size_t errlen)
{
	if (S_sync(b, err, errlen) != 0)
		return -1;
	const char *phase = N_("writing");
	if (b->o.progress)
		b->o.progress(b->o.progress_ctx, phase, 0, b->nrows);
	b->committed = true;
	size_t done = 0;
	for (size_t i = 0; i < b->nrows; i++, done++) {
		if (b->o.stop && *b->o.stop) {
			b->interrupted = true;
			break;
		}
		if (b->rows[i].state == CV_ROW_GOOD && b->rows[i].staged)
			S_move_row(b, i);
	}
	int dfd = open(b->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd); /* best effort: the data itself is already safe */
		close(dfd);
	}
	if (b->o.progress)
		b->o.progress(b->o.progress_ctx, phase, done, b->nrows);
	return 0;
}

int cv_batch_write(cv_batch *b, char *err, size_t errlen, char *note, size_t notelen)
{
	note[0] = '\0';
	size_t good = 0;
	for (size_t i = 0; i < b->nrows; i++)
		good += b->rows[i].state == CV_ROW_GOOD;
	if (good == 0)
		return 0; /* nothing to write: not even the folder */
	if (!b->stage) {
		snprintf(err, errlen, "%s", _("interrupted while checking; nothing was written"));
		return -1; /* checked with --dry-run, or the check failed */
	}
	const char *others[3][2] = {{"--merge", b->o.merge}, {"--zip", b->o.zip}, {N_("the manifest"), b->manifest}};
	for (int k = 0; k < 3; k++) {
		long row = others[k][1] ? S_clash(b, others[k][1]) : 0;
		if (row) {
			snprintf(err, errlen, _("%s %s would overwrite the document of row %ld; choose another name"),
				 _(others[k][0]), others[k][1], row);
			return -1;
		}
	}
	if (S_commit(b, err, errlen) != 0) {
		S_unstage(b);
		return -1;
	}
	size_t written = 0;
	for (size_t i = 0; i < b->nrows; i++)
		written += b->rows[i].state == CV_ROW_WRITTEN;
	if (written == 0) {
		S_unstage(b);
		return 0;
	}
	/* a failed merge does not stop the manifest of the files written */
	int rc = 0;
	if (b->merge && !b->interrupted) {
		if (b->merge_err[0]) {
			snprintf(err, errlen, "%s", b->merge_err);
			rc = -1;
		} else if (cv_merge_write(b->merge, b->o.merge, b->o.stop, err, errlen, note, notelen) != 0) {
			rc = -1;
		}
	}
	/* the manifest names what is on disk, interrupted or not */
	char merr[1024];
	if (S_write_manifest(b, rc ? merr : err, rc ? sizeof merr : errlen) != 0)
		rc = -1;
	if (rc == 0 && b->o.zip && !b->interrupted && S_write_zip(b, err, errlen) != 0)
		rc = -1;
	S_unstage(b); /* the hashes were read for the manifest: the staging folder goes */
	return rc;
}

size_t cv_batch_count(const cv_batch *b)
{
	return b->nrows;
}

const cv_batch_row *cv_batch_row_at(const cv_batch *b, size_t i)
{
	return &b->rows[i];
}

const char *cv_batch_message(const cv_batch *b, int msg)
{
	return msg >= 0 && (size_t)msg < b->msgs.n ? b->msgs.v[msg] : "";
}

const char *cv_batch_table(const cv_batch *b)
{
	return b->o.data;
}

const char *cv_batch_where_word(const cv_batch *b)
{
	return cv_rows_where_word(b->t);
}

char *cv_batch_path(const cv_batch *b, size_t i, int format)
{
	cv_buf p = CV_BUF_INIT;
	if (strcmp(b->outdir, "."))
		cv_buf_printf(&p, "%s/", b->outdir);
	cv_buf_printf(&p, "%s%s", b->rows[i].name ? b->rows[i].name : "", format == CV_OUT_DOCX ? ".docx" : ".html");
	return cv_buf_detach(&p, NULL);
}

const char *cv_batch_manifest(const cv_batch *b)
{
	return b->manifest;
}

bool cv_batch_interrupted(const cv_batch *b)
{
	return b->interrupted;
}

void cv_batch_close(cv_batch *b)
{
	if (!b)
		return;
	S_unstage(b);
	cv_rows_close(b->t);
	for (size_t i = 0; i < b->ncols; i++)
		free(b->cols[i]);
	free(b->cols);
	free(b->used);
	for (size_t i = 0; i < b->nrows; i++) {
		free(b->rows[i].name);
	}
	free(b->rows);
	for (size_t i = 0; i < b->msgs.n; i++)
		free(b->msgs.v[i]);
	free(b->msgs.v);
	free(b->msgs.slot);
	cv_merge_free(b->merge);
	pthread_mutex_destroy(&b->mu);
	pthread_mutex_destroy(&b->merr_mu);
	pthread_mutex_destroy(&b->msgs.mu);
	pthread_cond_destroy(&b->cv);
	free(b->outdir);
	free(b->pattern);
	free(b->manifest);
	free(b);
}
