/*
 * batch.c — the batch engine (see batch.h): the pass over the table, the
 * worker threads, the staging area and the per-row results (kept in
 * scratch files: see "Memory" below).
 */
#define _GNU_SOURCE /* syncfs(2), O_TMPFILE */
#include "batch/batch.h"

#include <dirent.h>
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
#include "base/hash.h"
#include "base/io.h"
#include "base/i18n.h"
#include "batch/names.h"
#include "batch/pack.h"
#include "batch/sha256.h"
#include "batch/table.h"

/* A row's messages are kept until the report at the end; a screenful is
 * enough to see what is wrong, and bounds what 10 000 bad rows can hold. */
#define BATCH_MSG_MAX 4096
/* Distinct messages kept in memory, each once (34 rows failing on the same
 * template line share one text, and the report prints it once with its
 * rows); past this many, or this many bytes, a message is kept with its
 * row in the texts file instead: a message quoting a row's value is new
 * for every row, and a million of them must not fill the memory. */
#define BATCH_MSGS 1024
#define BATCH_MSGS_BYTES ((size_t)1 << 20)
/* Row records read back at once by the passes after the check (which go
 * in row order): 96 KiB; and bytes of the rows' texts, which the workers
 * append in about the same order. */
#define BATCH_WINDOW 4096
#define BATCH_TEXT_WINDOW 65536
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

/* ---- Memory ----------------------------------------------------------------
 * The memory of a batch does not grow with its rows (up to a million): what
 * a row leaves goes to scratch files, not to memory.
 *   rows   one S_rec per row, at (row - 1) * sizeof (S_rec): written by the
 *          worker that checked the row (pwrite, no lock: each its own
 *          place), then read and updated by the calling thread through a
 *          window of BATCH_WINDOW records, since every pass after the check
 *          (names, commit, manifest, report) goes in row order
 *   texts  the row's name, số and, when it is not one of the messages kept
 *          in memory, its message: appended (an atomic add gives the place,
 *          a length first), the record says where
 *   sha    the SHA-256 of the row's files, 64 bytes per row (not for
 *          --dry-run), read back for the manifest
 * They are anonymous (O_TMPFILE in the staging folder, so on the output's
 * disk; tmpfile() for --dry-run, which must make nothing under a name) and
 * vanish with the process, even a killed one.  Their pages are the page
 * cache's, which the kernel writes out or drops as it needs: not the
 * process's memory.  The name set of a --name pattern that does not start
 * with {{row}} is a file too (names.h). */

/* A row's record.  All zeros (never written: a row not reached) reads as
 * CV_ROW_UNSEEN with nothing to say. */
typedef struct {
	unsigned char state;   /* cv_row_state */
	unsigned char formats; /* the files written (CV_OUT_*) */
	unsigned char staged;  /* the files waiting in the staging area (CV_OUT_*) */
	unsigned char named;   /* it has a name (an unreadable row has none) */
	int32_t msg;           /* S_MSG_NONE, S_MSG_OWN, or a kept message's index + 1 */
	int64_t where;         /* line (CSV, YAML) or sheet row (XLSX) */
	uint64_t text;         /* its texts in the texts file; 0: none */
} S_rec;

enum { S_MSG_NONE = 0, S_MSG_OWN = -1 /* the third of the row's texts */ };

/* Distinct messages, each kept once, up to BATCH_MSGS. */
typedef struct {
	pthread_mutex_t mu;
	char **v;
	size_t n, cap, bytes;
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
	size_t nrows;
	int width;               /* digits of nrows, for {{row}} */
	/* the staging area: a hidden folder in the output folder where the
	 * check leaves each good row's files under its row number, moved to
	 * their names once every row is checked; NULL for --dry-run */
	char *stage;
	int stage_fd;
	char **made;             /* folders of --outdir that the batch created */
	size_t nmade;
	bool committed;          /* files were moved out of the staging area */
	/* the scratch files (see "Memory" above) and where they are, for messages */
	int rows_fd, text_fd, sha_fd;
	char *scratch;
	atomic_ullong text_end;  /* the texts file's end (it starts at 1: 0 is "none") */
	S_rec *win;              /* the window: records win_first … win_first + win_n */
	size_t win_first, win_n;
	bool win_dirty;
	char *twin;              /* the texts' window: bytes twin_first … twin_first + twin_n */
	uint64_t twin_first;
	size_t twin_n;
	cv_buf texts, out;       /* a row's texts read back; texts being written */
	cv_batch_row row;        /* cv_batch_row_at's copy, its texts in row_texts */
	cv_buf row_texts;
	char ioerr[1024];        /* why a row could not be read back, or "" */
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

/* The index of a message kept in memory, or -1 when it is new and there
 * is no more room (the row then keeps it in the texts file). */
static int S_intern(cv_batch *b, const char *text)
{
	S_msgs *m = &b->msgs;
	pthread_mutex_lock(&m->mu);
	if (2 * (m->n + 1) > m->scap) {
		free(m->slot);
		m->scap = m->scap ? 2 * m->scap : 64;
		m->slot = cv_xcalloc(m->scap, sizeof *m->slot);
		for (size_t i = 0; i < m->n; i++) {
			size_t k = cv_hash_str(m->v[i]) & (m->scap - 1);
			while (m->slot[k])
				k = (k + 1) & (m->scap - 1);
			m->slot[k] = i + 1;
		}
	}
	size_t k = cv_hash_str(text) & (m->scap - 1);
	while (m->slot[k] && strcmp(m->v[m->slot[k] - 1], text))
		k = (k + 1) & (m->scap - 1);
	int idx = -1;
	if (m->slot[k]) {
		idx = (int)(m->slot[k] - 1);
	} else if (m->n < BATCH_MSGS && m->bytes + strlen(text) <= BATCH_MSGS_BYTES) {
		if (m->n == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 16;
			m->v = cv_xrealloc(m->v, m->cap * sizeof *m->v);
		}
		m->v[m->n++] = cv_xstrdup(text);
		m->bytes += strlen(text);
		m->slot[k] = m->n;
		idx = (int)(m->n - 1);
	}
	pthread_mutex_unlock(&m->mu);
	return idx;
}

/* Give row R the message `text` ("": none): a kept one, or its own, copied
 * to `own` for the texts file. */
static void S_message(cv_batch *b, S_rec *R, cv_buf *own, const char *text)
{
	cv_buf_clear(own);
	R->msg = S_MSG_NONE;
	if (!*text)
		return;
	int idx = S_intern(b, text);
	if (idx >= 0) {
		R->msg = idx + 1;
	} else {
		R->msg = S_MSG_OWN;
		cv_buf_puts(own, text);
	}
}

/* The diagnostics of a render as printed (with the quoted lines), cut at
 * BATCH_MSG_MAX. */
static void S_diag_msg(cv_batch *b, S_rec *R, cv_buf *own, const cv_diags *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	cv_buf_clear(own);
	R->msg = S_MSG_NONE;
	if (!f)
		return;
	cv_diag_print(d, f, 1, b->o.quiet ? CV_ERROR : CV_WARNING);
	fclose(f);
	if (len > BATCH_MSG_MAX) {
		/* cut on a line boundary */
		size_t cut = BATCH_MSG_MAX;
		while (cut > 0 && text[cut - 1] != '\n')
			cut--;
		snprintf(text + cut, len - cut, "…\n");
	}
	S_message(b, R, own, text ? text : "");
	free(text);
}

static void S_text_msg(cv_batch *b, S_rec *R, cv_buf *own, const char *s)
{
	cv_buf t = CV_BUF_INIT;
	cv_buf_puts(&t, s);
	cv_buf_putc(&t, '\n');
	S_message(b, R, own, cv_buf_cstr(&t));
	cv_buf_free(&t);
}

/* ---- the scratch files (see "Memory" above) ------------------------------------ */

/* An anonymous file: O_TMPFILE in the staging folder, else (--dry-run, or
 * a file system without O_TMPFILE) tmpfile()'s; -1 with a message. */
static int S_scratch(cv_batch *b, char *err, size_t errlen)
{
	int fd = -1;
#ifdef O_TMPFILE
	if (b->stage)
		fd = open(b->stage, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
	if (fd < 0) {
		FILE *f = tmpfile();
		if (f) {
			fd = fcntl(fileno(f), F_DUPFD_CLOEXEC, 0);
			fclose(f); /* the copy keeps the unlinked file */
		}
	}
	if (!b->scratch)
		b->scratch = cv_xstrdup(b->stage ? b->stage : P_tmpdir);
	if (fd < 0)
		snprintf(err, errlen, _("%s: cannot create a temporary file: %s"), b->scratch, strerror(errno));
	return fd;
}

/* The message of a failed read or write of a scratch file (errno). */
static void S_scratch_err(const cv_batch *b, bool reading, char *err, size_t errlen)
{
	int e = errno ? errno : EIO;
	const char *dir = b->scratch ? b->scratch : P_tmpdir;
	if (reading)
		snprintf(err, errlen, _("%s: cannot read a temporary file back: %s"), dir, strerror(e));
	else
		snprintf(err, errlen, _("%s: cannot write a temporary file: %s"), dir, strerror(e));
}

/* Append a row's texts (name, số, message of its own), each ending in NUL,
 * after their length; `tmp` holds them meanwhile.  Where they went, or 0
 * with errno.  Any thread. */
static uint64_t S_put_texts(cv_batch *b, cv_buf *tmp, const char *name, const char *so, const char *msg)
{
	cv_buf_clear(tmp);
	uint32_t len = 0;
	cv_buf_put(tmp, (const char *)&len, sizeof len);
	const char *t[3] = {name, so, msg};
	for (int k = 0; k < 3; k++)
		cv_buf_put(tmp, t[k], strlen(t[k]) + 1);
	len = (uint32_t)(tmp->len - sizeof len); /* a cell is at most 1 MiB */
	memcpy(tmp->ptr, &len, sizeof len);
	uint64_t at = atomic_fetch_add(&b->text_end, tmp->len);
	return cv_pwrite_all(b->text_fd, tmp->ptr, tmp->len, at) == 0 ? at : 0;
}

/* Does the texts' window hold the n bytes at `at`? */
static bool S_twin_has(const cv_batch *b, uint64_t at, size_t n)
{
	return at >= b->twin_first && at - b->twin_first <= b->twin_n && n <= b->twin_n - (at - b->twin_first);
}

/* The texts' window from `at` on: as much of BATCH_TEXT_WINDOW as the file
 * holds.  (Texts are only added, never changed: what it holds stays true.) */
static int S_twin_load(cv_batch *b, uint64_t at)
{
	if (!b->twin)
		b->twin = cv_xmalloc(BATCH_TEXT_WINDOW);
	b->twin_n = 0;
	size_t n = 0;
	while (n < BATCH_TEXT_WINDOW) {
		ssize_t r = pread(b->text_fd, b->twin + n, BATCH_TEXT_WINDOW - n, (off_t)(at + n));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	b->twin_first = at;
	b->twin_n = n;
	return 0;
}

/* Read the texts at `at` into `out`: t[0] the name, t[1] the số, t[2] the
 * row's own message ("" each when at is 0).  -1 with errno.  Through the
 * texts' window (the calling thread only, once the workers are done): the
 * passes go in row order, and so, about, do the texts. */
static int S_get_texts(cv_batch *b, uint64_t at, cv_buf *out, const char *t[3])
{
	t[0] = t[1] = t[2] = "";
	if (!at)
		return 0;
	uint32_t len;
	if (!S_twin_has(b, at, sizeof len) && S_twin_load(b, at) != 0)
		return -1;
	if (!S_twin_has(b, at, sizeof len)) {
		errno = EIO; /* texts the file does not hold */
		return -1;
	}
	memcpy(&len, b->twin + (at - b->twin_first), sizeof len);
	uint64_t from = at + sizeof len;
	if (!S_twin_has(b, from, len) && len <= BATCH_TEXT_WINDOW - sizeof len && S_twin_load(b, at) != 0)
		return -1;
	cv_buf_clear(out);
	cv_buf_grow(out, (size_t)len + 3);
	memset(out->ptr, 0, (size_t)len + 3); /* three NULs, whatever was read */
	if (S_twin_has(b, from, len))
		memcpy(out->ptr, b->twin + (from - b->twin_first), len);
	else if (cv_pread_all(b->text_fd, out->ptr, len, from) != 0) /* longer than the window */
		return -1;
	t[0] = out->ptr;
	t[1] = t[0] + strlen(t[0]) + 1;
	t[2] = t[1] + strlen(t[1]) + 1;
	return 0;
}

/* Write the window's records back when they changed. */
static int S_flush(cv_batch *b)
{
	if (b->win_dirty &&
	    cv_pwrite_all(b->rows_fd, b->win, b->win_n * sizeof *b->win, (uint64_t)b->win_first * sizeof *b->win) != 0)
		return -1;
	b->win_dirty = false;
	return 0;
}

/* Row i's record in the window (the calling thread only, once the workers
 * are done); NULL with errno.  A caller that changes it sets win_dirty. */
static S_rec *S_get(cv_batch *b, size_t i)
{
	if (i - b->win_first >= b->win_n) { /* (i < win_first wraps round: also outside) */
		if (S_flush(b) != 0)
			return NULL;
		if (!b->win)
			b->win = cv_xcalloc(BATCH_WINDOW, sizeof *b->win);
		b->win_n = 0;
		b->win_first = i - i % BATCH_WINDOW;
		size_t n = b->nrows - b->win_first < BATCH_WINDOW ? b->nrows - b->win_first : BATCH_WINDOW;
		if (b->rows_fd < 0) {
			errno = EBADF;
			return NULL;
		}
		if (cv_pread_all(b->rows_fd, b->win, n * sizeof *b->win, (uint64_t)b->win_first * sizeof *b->win) != 0)
			return NULL;
		b->win_n = n;
	}
	return &b->win[i - b->win_first];
}

/* Which columns the document names as {{placeholders}}, found by
 * read/vars.c's own scanner. */
static void S_used_columns(cv_batch *b, const char *src, size_t len)
{
	char *text = cv_xstrndup(src, len); /* the scanner wants a C string */
	const char *name, *end;
	size_t n;
	for (const char *p = text; cv_vars_next(p, &name, &n, &end); p = end)
		for (size_t i = 0; i < b->ncols; i++)
			if (strlen(b->cols[i]) == n && !memcmp(b->cols[i], name, n))
				b->used[i] = true;
	free(text);
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
	/* the row being checked: its record, its texts (the name in the arena),
	 * and the texts written out */
	S_rec rec;
	const char *name;
	const char *so;     /* the số as the document prints it (the result's) */
	cv_buf own, texts;
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
	if (cv_write_all(fd, data->ptr ? data->ptr : "", data->len) != 0) {
		snprintf(err, errlen, _("%s: cannot write the output file: %s"), path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	if (close(fd) != 0) {
		snprintf(err, errlen, _("%s: cannot close the output file: %s"), path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

static void S_fail(cv_batch *b, S_rec *R, cv_buf *own, const char *why)
{
	R->state = CV_ROW_FAILED;
	S_text_msg(b, R, own, why);
}

/* A good row's files into the staging area, with their hashes; the row
 * is FAILED (and leaves nothing behind) when one cannot be written. */
static void S_stage_row(S_worker *w, long row)
{
	cv_batch *b = w->b;
	S_rec *R = &w->rec;
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
			S_fail(b, R, &w->own, w->err);
			return;
		}
		unsigned char sha[32];
		cv_sha256(out[k]->ptr ? out[k]->ptr : "", out[k]->len, sha);
		if (cv_pwrite_all(b->sha_fd, sha, 32, ((uint64_t)(row - 1) * 2 + (uint64_t)k) * 32) != 0) {
			snprintf(w->err, sizeof w->err, _("%s: cannot write the output file: %s"), b->stage,
				 strerror(errno));
			S_fail(b, R, &w->own, w->err); /* its files go when the staging folder does */
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

/* The row's texts and record to the scratch files; a batch that cannot
 * keep what its rows leave stops (b->fatal), as for a broken table. */
static void S_save(S_worker *w, long row)
{
	cv_batch *b = w->b;
	S_rec *R = &w->rec;
	const char *own = cv_buf_cstr(&w->own);
	int rc = 0;
	if (R->named || (w->so && *w->so) || *own) {
		R->text = S_put_texts(b, &w->texts, R->named ? w->name : "", w->so ? w->so : "", own);
		rc = R->text ? 0 : -1;
	}
	if (rc == 0)
		rc = cv_pwrite_all(b->rows_fd, R, sizeof *R, (uint64_t)(row - 1) * sizeof *R);
	w->so = NULL;
	if (rc != 0) {
		S_scratch_err(b, false, w->err, sizeof w->err);
		pthread_mutex_lock(&b->mu);
		if (!b->fatal)
			snprintf(b->fatal_err, sizeof b->fatal_err, "%s", w->err);
		b->fatal = true;
		pthread_mutex_unlock(&b->mu);
	}
}

/* Render the row: its state, name, số and messages; a good row's files go
 * to the staging area at once, so that it is rendered only this once. */
static void S_check_row(S_worker *w, long row, long where, int rc)
{
	cv_batch *b = w->b;
	S_rec *R = &w->rec;
	memset(R, 0, sizeof *R);
	R->where = where;
	if (rc == CV_ROWS_BAD) {
		R->state = CV_ROW_BAD;
		S_text_msg(b, R, &w->own, w->err);
		S_save(w, row);
		return;
	}
	cv_vars v = S_vars(b, w);
	cv_arena_reset(&w->a);
	w->name = cv_name_make(&w->a, b->pattern, &v, row, b->width);
	R->named = 1;
	cv_render_opts ro = {b->o.file, S_outputs(b), b->o.year_now, &v, NULL, NULL};
	int rr = cv_render(b->o.set, b->o.src, b->o.len, &ro, &w->r);
	S_diag_msg(b, R, &w->own, &w->r.diags);
	if (rr != 0) {
		R->state = CV_ROW_BAD;
		S_save(w, row);
		return;
	}
	w->so = w->r.so_ky_hieu;
	R->state = CV_ROW_GOOD;
	if (b->stage)
		S_stage_row(w, row);
	S_save(w, row);
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
	b->win_n = b->twin_n = 0; /* the workers write the rows: nothing read before holds */
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
		cv_buf_free(&w[i].own);
		cv_buf_free(&w[i].texts);
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
	b->stage_fd = b->rows_fd = b->text_fd = b->sha_fd = -1;
	atomic_init(&b->text_end, 1);
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
	S_used_columns(b, o->src, o->len);
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
 * output folder, the folders the batch made for it.  The files left in it
 * are the rows not moved to their names: whatever the folders hold goes,
 * without reading the rows back. */
static void S_unstage(cv_batch *b)
{
	if (b->stage) {
		cv_buf p = CV_BUF_INIT;
		for (int k = 0; k < BATCH_STAGE_DIRS; k++) {
			cv_buf_clear(&p);
			cv_buf_printf(&p, "%s/%d", b->stage, k);
			DIR *d = opendir(cv_buf_cstr(&p));
			if (!d)
				continue;
			struct dirent *e;
			while ((e = readdir(d)) != NULL)
				if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
					unlinkat(dirfd(d), e->d_name, 0);
			closedir(d);
			rmdir(cv_buf_cstr(&p));
		}
		cv_buf_free(&p);
		if (b->stage_fd >= 0)
			close(b->stage_fd);
		rmdir(b->stage); /* the scratch files in it have no name: it is empty */
		free(b->stage);
		b->stage = NULL; /* nothing is staged any more (cv_batch_row_at) */
		b->stage_fd = -1;
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

/* The output folder and the staging area in it (not for --dry-run), the
 * scratch files, and the merged document's builder. */
static int S_prepare(cv_batch *b, char *err, size_t errlen)
{
	if (!b->o.dry_run) {
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
		cv_buf_free(&p);
		if ((b->sha_fd = S_scratch(b, err, errlen)) < 0)
			return -1;
	}
	if ((b->rows_fd = S_scratch(b, err, errlen)) < 0 || (b->text_fd = S_scratch(b, err, errlen)) < 0)
		return -1;
	/* the records' file at its size at once (a hole until written): a
	 * write inside a file costs less than one that makes it longer */
	if (ftruncate(b->rows_fd, (off_t)(b->nrows * sizeof(S_rec))) != 0) {
		S_scratch_err(b, false, err, errlen);
		return -1;
	}
	if (b->o.merge && !b->o.dry_run && !(b->merge = cv_merge_new(err, errlen)))
		return -1;
	return 0;
}

/* Give the rows unique names, in row order, so that the same table always
 * gives the same names; rows that fail keep theirs, so fixing one renames
 * nothing.  A pattern starting with {{row}} makes unique names already
 * (cv_name_by_row): nothing to do.  Counts the rows that are not good. */
static int S_names(cv_batch *b, long *bad, char *err, size_t errlen)
{
	cv_nameset *ns = NULL;
	int fd = -1, rc = 0;
	if (!cv_name_by_row(b->pattern)) {
		if ((fd = S_scratch(b, err, errlen)) < 0)
			return -1;
		ns = cv_nameset_new(fd, b->nrows);
	}
	*bad = 0;
	for (size_t i = 0; i < b->nrows && rc == 0; i++) {
		S_rec *R = S_get(b, i);
		const char *t[3];
		if (!R || (ns && R->named && S_get_texts(b, R->text, &b->texts, t) != 0)) {
			S_scratch_err(b, true, err, errlen);
			rc = -1;
			break;
		}
		*bad += R->state != CV_ROW_GOOD;
		if (!ns || !R->named)
			continue;
		char *u = cv_nameset_claim(ns, t[0]);
		if (u && strcmp(u, t[0])) { /* renamed: its texts again, with the new name */
			R->text = S_put_texts(b, &b->out, u, t[1], t[2]);
			b->win_dirty = true;
		}
		if (!u || !R->text) {
			S_scratch_err(b, false, err, errlen);
			rc = -1;
		}
		free(u);
	}
	cv_nameset_free(ns);
	if (fd >= 0)
		close(fd);
	return rc;
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
	long bad = 0;
	if (S_names(b, &bad, err, errlen) != 0) {
		S_unstage(b);
		return -1;
	}
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

/* The path of a file named `name` in format k; caller frees. */
static char *S_path(const cv_batch *b, const char *name, int k)
{
	cv_buf p = CV_BUF_INIT;
	if (strcmp(b->outdir, "."))
		cv_buf_printf(&p, "%s/", b->outdir);
	cv_buf_printf(&p, "%s%s", name, S_ext[k]);
	return cv_buf_detach(&p, NULL);
}

/* Would one of `paths` (--merge, --zip, the manifest; NULL: none) overwrite
 * a document?  rows[k]: the first row whose document paths[k] is, or 0.
 * One pass over the rows for the three.  -1 with a message when the rows
 * cannot be read back. */
static int S_clash(cv_batch *b, const char *const paths[3], long rows[3], char *err, size_t errlen)
{
	for (int j = 0; j < 3; j++)
		rows[j] = 0;
	for (size_t i = 0; i < b->nrows; i++) {
		S_rec *R = S_get(b, i);
		const char *t[3];
		if (!R || (R->state == CV_ROW_GOOD && S_get_texts(b, R->text, &b->texts, t) != 0)) {
			S_scratch_err(b, true, err, errlen);
			return -1;
		}
		if (R->state != CV_ROW_GOOD)
			continue;
		for (int k = 0; k < 2; k++) {
			if (!(b->o.formats & S_fmt[k]))
				continue;
			char *p = S_path(b, t[0], k);
			for (int j = 0; j < 3; j++)
				if (paths[j] && !rows[j] && !strcmp(S_norm(p), S_norm(paths[j])))
					rows[j] = (long)i + 1;
			free(p);
		}
	}
	return 0;
}

/* The manifest, written as it is made (a line per file: a million rows
 * would make it a hundred megabytes), whole or not at all. */
static int S_write_manifest(cv_batch *b, char *err, size_t errlen)
{
	cv_atomic_file f;
	if (cv_atomic_open(&f, b->manifest, err, errlen) != 0)
		return -1;
	cv_buf m = CV_BUF_INIT;
	cv_buf_puts(&m, "row,file,so,sha256\n");
	unsigned char sha[2][32];
	for (size_t i = 0; i < b->nrows; i++) {
		S_rec *R = S_get(b, i);
		const char *t[3];
		if (!R || (R->state == CV_ROW_WRITTEN && S_get_texts(b, R->text, &b->texts, t) != 0)) {
			S_scratch_err(b, true, err, errlen);
			goto fail;
		}
		if (R->state != CV_ROW_WRITTEN)
			continue;
		/* (the last row's HTML hash may be missing, --to docx: it reads as zeros) */
		if (cv_pread_all(b->sha_fd, sha, sizeof sha, (uint64_t)i * sizeof sha) != 0) {
			/* the hashes cannot be read back: no manifest */
			snprintf(err, errlen, _("%s: cannot write the output file: %s"), b->manifest,
				 strerror(errno ? errno : EIO));
			goto fail;
		}
		for (int k = 0; k < 2; k++) {
			if (!(R->formats & S_fmt[k]))
				continue;
			char hex[65], file[256];
			cv_sha256_hex(sha[k], hex);
			snprintf(file, sizeof file, "%s%s", t[0], S_ext[k]);
			cv_buf_printf(&m, "%zu,", i + 1);
			cv_csv_put_field(&m, file);
			cv_buf_putc(&m, ',');
			cv_csv_put_field(&m, t[1]);
			cv_buf_printf(&m, ",%s\n", hex);
		}
		if (m.len >= 65536) {
			if (cv_atomic_write(&f, m.ptr, m.len, err, errlen) != 0)
				goto fail;
			cv_buf_clear(&m);
		}
	}
	if (cv_atomic_write(&f, m.ptr ? m.ptr : "", m.len, err, errlen) != 0)
		goto fail;
	cv_buf_free(&m);
	return cv_atomic_commit(&f, err, errlen);
fail:
	cv_atomic_abort(&f);
	cv_buf_free(&m);
	return -1;
}

static int S_write_zip(cv_batch *b, char *err, size_t errlen)
{
	/* (libzip holds every entry until the archive is written: the list
	 * below is no more than what it keeps per file anyway) */
	size_t n = 0, cap = 0, no = 0, ocap = 0;
	cv_zip_item *items = NULL;
	char **owned = NULL;
	int rc = -1;
	for (size_t i = 0; i < b->nrows; i++) {
		S_rec *R = S_get(b, i);
		const char *t[3];
		if (!R || (R->state == CV_ROW_WRITTEN && S_get_texts(b, R->text, &b->texts, t) != 0)) {
			S_scratch_err(b, true, err, errlen);
			goto done;
		}
		if (R->state != CV_ROW_WRITTEN)
			continue;
		for (int k = 0; k < 2; k++) {
			if (!(R->formats & S_fmt[k]))
				continue;
			if (n + 2 >= cap) {
				cap = cap ? 2 * cap : 64;
				items = cv_xrealloc(items, cap * sizeof *items);
			}
			if (no + 2 >= ocap) {
				ocap = ocap ? 2 * ocap : 128;
				owned = cv_xrealloc(owned, ocap * sizeof *owned);
			}
			cv_buf nm = CV_BUF_INIT;
			cv_buf_printf(&nm, "%s%s", t[0], S_ext[k]);
			items[n].path = owned[no++] = S_path(b, t[0], k);
			items[n++].name = owned[no++] = cv_buf_detach(&nm, NULL);
		}
	}
	const char *extra[2] = {b->manifest, b->o.merge};
	for (int k = 0; k < 2; k++) {
		if (!extra[k])
			continue;
		if (n + 1 >= cap) {
			cap = cap ? 2 * cap : 64;
			items = cv_xrealloc(items, cap * sizeof *items);
		}
		const char *slash = strrchr(extra[k], '/');
		items[n].path = extra[k];
		items[n++].name = slash ? slash + 1 : extra[k];
	}
	rc = cv_zip_write(b->o.zip, items, n, b->o.zip_mtime, b->o.stop, err, errlen);
done:
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
		S_rec *R = S_get(b, i);
		if (!R) {
			S_scratch_err(b, true, err, errlen);
			return -1;
		}
		for (int k = 0; k < 2; k++) {
			if (!(R->staged & S_fmt[k]))
				continue;
			char *p = S_staged(b, i, k);
			int fd = open(p, O_RDONLY | O_CLOEXEC);
			int rc = fd < 0 ? -1 : fsync(fd);
			int e = errno;
			if (fd >= 0)
				close(fd);
			free(p);
			if (rc != 0) {
				const char *t[3];
				char *path = S_get_texts(b, R->text, &b->texts, t) == 0 ? S_path(b, t[0], k) : cv_xstrdup(b->outdir);
				snprintf(err, errlen, _("%s: cannot flush the output file: %s"), path, strerror(e));
				free(path);
				return -1;
			}
		}
	}
	return 0;
}

/* Move row i's staged files to their names: all of them or none.  -1 when
 * the row cannot be read back or its record kept. */
static int S_move_row(cv_batch *b, size_t i, S_rec *R, char *err, size_t errlen)
{
	const char *t[3];
	if (S_get_texts(b, R->text, &b->texts, t) != 0) {
		S_scratch_err(b, true, err, errlen);
		return -1;
	}
	char why[1024];
	b->win_dirty = true;
	for (int k = 0; k < 2; k++) {
		if (!(R->staged & S_fmt[k]))
			continue;
		char *from = S_staged(b, i, k), *to = S_path(b, t[0], k);
		int rc = rename(from, to);
		if (rc != 0)
			snprintf(why, sizeof why, _("%s: cannot rename the temporary file to the output file: %s"), to,
				 strerror(errno));
		free(from);
		free(to);
		if (rc != 0) {
			/* a row is written whole or not at all */
			for (int j = 0; j < k; j++) {
				if (R->formats & S_fmt[j]) {
					char *p = S_path(b, t[0], j);
					unlink(p);
					free(p);
				}
			}
			R->formats = 0;
			cv_buf own = CV_BUF_INIT;
			S_fail(b, R, &own, why);
			/* its texts again, with the message when it is its own */
			R->text = S_put_texts(b, &b->out, t[0], t[1], cv_buf_cstr(&own));
			cv_buf_free(&own);
			if (!R->text) {
				S_scratch_err(b, false, err, errlen);
				return -1;
			}
			return 0;
		}
		R->staged &= (unsigned char)~S_fmt[k];
		R->formats |= (unsigned char)S_fmt[k];
	}
	R->state = CV_ROW_WRITTEN;
	return 0;
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
	int rc = 0;
	for (size_t i = 0; i < b->nrows; i++, done++) {
		if (b->o.stop && *b->o.stop) {
			b->interrupted = true;
			break;
		}
		S_rec *R = S_get(b, i);
		if (!R) {
			S_scratch_err(b, true, err, errlen);
			rc = -1;
			break;
		}
		if (R->state == CV_ROW_GOOD && R->staged && (rc = S_move_row(b, i, R, err, errlen)) != 0)
			break;
	}
	if (rc == 0 && S_flush(b) != 0) {
		S_scratch_err(b, false, err, errlen);
		rc = -1;
	}
	int dfd = open(b->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd); /* best effort: the data itself is already safe */
		close(dfd);
	}
	if (b->o.progress)
		b->o.progress(b->o.progress_ctx, phase, done, b->nrows);
	return rc;
}

/* How many rows are in `state`; -1 with a message when they cannot be read back. */
static long S_count(cv_batch *b, int state, char *err, size_t errlen)
{
	long n = 0;
	for (size_t i = 0; i < b->nrows; i++) {
		S_rec *R = S_get(b, i);
		if (!R) {
			S_scratch_err(b, true, err, errlen);
			return -1;
		}
		n += R->state == state;
	}
	return n;
}

int cv_batch_write(cv_batch *b, char *err, size_t errlen, char *note, size_t notelen)
{
	note[0] = '\0';
	long good = S_count(b, CV_ROW_GOOD, err, errlen);
	if (good <= 0)
		return (int)good; /* nothing to write: not even the folder */
	if (!b->stage) {
		snprintf(err, errlen, "%s", _("interrupted while checking; nothing was written"));
		return -1; /* checked with --dry-run, or the check failed */
	}
	const char *others[3][2] = {{"--merge", b->o.merge}, {"--zip", b->o.zip}, {N_("the manifest"), b->manifest}};
	const char *paths[3] = {others[0][1], others[1][1], others[2][1]};
	long rows[3];
	if (S_clash(b, paths, rows, err, errlen) != 0) {
		S_unstage(b);
		return -1;
	}
	for (int k = 0; k < 3; k++) {
		if (rows[k]) {
			snprintf(err, errlen, _("%s %s would overwrite the document of row %ld; choose another name"),
				 _(others[k][0]), others[k][1], rows[k]);
			return -1;
		}
	}
	if (S_commit(b, err, errlen) != 0) {
		S_unstage(b);
		return -1;
	}
	long written = S_count(b, CV_ROW_WRITTEN, err, errlen);
	if (written <= 0) {
		S_unstage(b);
		return (int)written;
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

const cv_batch_row *cv_batch_row_at(cv_batch *b, size_t i)
{
	cv_batch_row *row = &b->row;
	memset(row, 0, sizeof *row);
	row->name = NULL;
	row->so = row->message = "";
	row->msg = -1;
	S_rec *R = S_get(b, i);
	const char *t[3];
	if (!R || S_get_texts(b, R->text, &b->row_texts, t) != 0) {
		S_scratch_err(b, true, b->ioerr, sizeof b->ioerr);
		return row; /* CV_ROW_UNSEEN */
	}
	row->state = R->state;
	row->formats = R->formats;
	row->staged = b->stage ? R->staged : 0; /* the staging area is gone */
	row->where = (long)R->where;
	row->name = R->named ? t[0] : NULL;
	row->so = t[1];
	if (R->msg > 0 && (size_t)R->msg <= b->msgs.n) {
		row->msg = R->msg - 1;
		row->message = b->msgs.v[row->msg];
	} else if (R->msg == S_MSG_OWN) {
		row->message = t[2];
	}
	return row;
}

const char *cv_batch_table(const cv_batch *b)
{
	return b->o.data;
}

const char *cv_batch_where_word(const cv_batch *b)
{
	return cv_rows_where_word(b->t);
}

char *cv_batch_path(cv_batch *b, size_t i, int format)
{
	S_rec *R = S_get(b, i);
	const char *t[3] = {"", "", ""};
	cv_buf texts = CV_BUF_INIT;
	if (!R || S_get_texts(b, R->text, &texts, t) != 0)
		S_scratch_err(b, true, b->ioerr, sizeof b->ioerr);
	char *p = S_path(b, t[0], format == CV_OUT_DOCX ? 0 : 1);
	cv_buf_free(&texts);
	return p;
}

const char *cv_batch_manifest(const cv_batch *b)
{
	return b->manifest;
}

const char *cv_batch_error(const cv_batch *b)
{
	return b->ioerr[0] ? b->ioerr : NULL;
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
	int fds[3] = {b->rows_fd, b->text_fd, b->sha_fd};
	for (int k = 0; k < 3; k++)
		if (fds[k] >= 0)
			close(fds[k]);
	free(b->scratch);
	free(b->win);
	free(b->twin);
	cv_buf_free(&b->texts);
	cv_buf_free(&b->out);
	cv_buf_free(&b->row_texts);
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
