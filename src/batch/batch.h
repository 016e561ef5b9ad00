/*
 * batch.h — `congvan batch`: one document per row of a table, rendered on
 * all cores.  The CLI (cli/cmd_batch.c) parses options, prints and draws
 * the progress bar; this engine reads, renders and writes, and reports
 * through the row table below and the progress callback.  It never prints.
 *
 *   cv_batch_open    open the table, count its rows (a broken file stops here)
 *   cv_batch_check   render every row once: each row's state, name, số and
 *                    messages; a good row's files go to the staging area
 *   cv_batch_write   give the staged files their names, then write the
 *                    merged DOCX, the manifest and the zip bundle
 *
 * Check, then write: no file appears under its name until every row has
 * been rendered, so a batch whose template is wrong writes nothing and
 * --dry-run is the check alone.  Each row is rendered once: the check
 * writes a good row's files at once, under its row number, into a hidden
 * staging folder inside the output folder (.congvan-batch-XXXXXX).  What a
 * row leaves (its state, name, số, message and the files' SHA-256) goes to
 * scratch files, not to memory, so that memory stays flat however many rows
 * there are: see "Memory" in batch.c.  Once every row is
 * checked, one syncfs makes the staged files durable, and each is renamed
 * to its name (the same file system: a rename, never a copy) — so a file
 * under its name is always complete, without an fsync per file.  An
 * interrupted or failed check removes the staging folder (and the output
 * folders it made), leaving nothing.  docs/performance.md has the figures.
 *
 * Threads: `jobs` workers, each with its own cv_result (reset per row, so
 * memory stays flat) sharing the compiled template set read-only.  The
 * table is a stream, so rows are dealt under a lock, one at a time
 * (reading a row takes microseconds; rendering it milliseconds).
 */
#ifndef CV_BATCH_H
#define CV_BATCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "congvan.h"

/* More threads than this only wait on each other. */
#define CV_BATCH_MAX_JOBS 256

typedef struct cv_batch_opts {
	const char *file;            /* the document's name, for messages */
	const char *src;             /* its text; outlives the batch */
	size_t len;
	cv_tpl_set *set;             /* compiled (cv_tpl_compile_all) */
	const char *data;            /* the table */
	const char *sheet;           /* XLSX sheet, or NULL for the first */
	const char *name_pattern;    /* NULL: "{{row}}-{{<first column>}}" */
	const char *outdir;          /* NULL: "." */
	int formats;                 /* CV_OUT_DOCX | CV_OUT_HTML */
	const char *merge;           /* the merged DOCX, or NULL */
	const char *zip;             /* the bundle, or NULL */
	const char *manifest;        /* NULL: <outdir>/manifest.csv */
	int jobs;                    /* 1 … CV_BATCH_MAX_JOBS */
	bool dry_run;                /* check only: nothing is written, not even a folder */
	int year_now;
	time_t zip_mtime;            /* time stamped on the bundle's entries */
	bool quiet;                  /* keep warnings out of the messages */
	volatile sig_atomic_t *stop; /* becomes non-zero: deal no more rows */
	/* called from the calling thread about ten times a second while a
	 * pass runs, and once at its end; phase is "checking" or "writing" */
	void (*progress)(void *ctx, const char *phase, size_t done, size_t total);
	void *progress_ctx;
} cv_batch_opts;

typedef enum {
	CV_ROW_UNSEEN,  /* not reached (interrupted) */
	CV_ROW_GOOD,    /* checked: will be (or would be) written */
	CV_ROW_BAD,     /* the row or its document has errors */
	CV_ROW_WRITTEN, /* its files are written */
	CV_ROW_FAILED,  /* good, but writing failed (message says why) */
} cv_row_state;

/* A row as cv_batch_row_at gives it: a copy, the texts borrowed from the
 * batch until the next call of cv_batch_row_at. */
typedef struct cv_batch_row {
	unsigned char state;       /* cv_row_state */
	unsigned char formats;     /* the files written (CV_OUT_*) */
	unsigned char staged;      /* the files waiting in the staging area (CV_OUT_*) */
	long where;                /* line (CSV, YAML) or sheet row (XLSX) it starts on */
	const char *name;          /* file name without extension; NULL for an unreadable row */
	const char *so;            /* the số as printed, "1144/BHXH-TĐKT"; "" for none */
	const char *message;       /* its diagnostics as printed (quoted source lines
	                            * included); "" for none */
	int msg;                   /* >= 0: rows with the same message have the same
	                            * number (the batch keeps a thousand distinct ones
	                            * once); -1: none, or a message of the row's own */
} cv_batch_row;

typedef struct cv_batch cv_batch;

/* NULL with a message when the table cannot be read, the name pattern names
 * no column, or the table has more rows than allowed. */
cv_batch *cv_batch_open(const cv_batch_opts *o, char *err, size_t errlen);

/* The check pass (which also stages the good rows' files, unless
 * o.dry_run).  Returns the number of bad rows, or -1 with a message when
 * the table broke off, the output folder cannot be made, or *stop was set
 * (cv_batch_interrupted); then nothing is left on disk. */
long cv_batch_check(cv_batch *b, char *err, size_t errlen);

/* The staged files to their names (good rows, in row order), then
 * --merge, the manifest and --zip.
 * Returns 0, or -1 with a message when something beyond a single row went
 * wrong; rows that failed are CV_ROW_FAILED with their message.  `note`
 * receives a warning for the merged file, or "". */
int cv_batch_write(cv_batch *b, char *err, size_t errlen, char *note, size_t notelen);

size_t cv_batch_count(const cv_batch *b);
/* Row i + 1, read back from the batch's scratch file.  Valid until the next
 * call; a row that cannot be read back is CV_ROW_UNSEEN, and
 * cv_batch_error says why. */
const cv_batch_row *cv_batch_row_at(cv_batch *b, size_t i);
/* The table's name and what `where` counts ("line", "row"). */
const char *cv_batch_table(const cv_batch *b);
const char *cv_batch_where_word(const cv_batch *b);
/* The path of row i's file in one format; caller frees. */
char *cv_batch_path(cv_batch *b, size_t i, int format);
/* The manifest's path (borrowed). */
const char *cv_batch_manifest(const cv_batch *b);
/* Why a row could not be read back (cv_batch_row_at), or NULL. */
const char *cv_batch_error(const cv_batch *b);
bool cv_batch_interrupted(const cv_batch *b);

void cv_batch_close(cv_batch *b);

#endif
