/*
 * pack.h — the packages a batch writes besides its documents: the merged
 * DOCX (--merge: every document in one file, for printing in one go) and
 * the zip bundle (--zip).  Both are built with libzip, and the merge reads
 * each row's DOCX with libxml2.
 *
 * The merged DOCX holds each row's body followed by a section break whose
 * section properties are that row's own: a new page, page numbers from 1
 * again, its own first-page header and footer (titlePg).  Header and footer
 * parts equal across rows are stored once.  Styles, settings and fonts come
 * from the first row; rows whose styles differ (co_chu set per row, say)
 * are reported, since one package has one set of styles.
 *
 * Memory stays flat: each row's body goes to a spill file as it is added
 * (rows arrive from several threads, in any order), and the document part
 * is assembled from it, in row order, into a temporary file that libzip
 * reads when the package is written.
 */
#ifndef CV_PACK_H
#define CV_PACK_H

#include <signal.h>
#include <stddef.h>
#include <time.h>

/* libxml2 initialises itself lazily, which is not thread-safe in the 2.9
 * series: call this once before worker threads parse XML. */
void cv_pack_init(void);

typedef struct cv_merge cv_merge;

/* NULL with a message when the spill file cannot be made. */
cv_merge *cv_merge_new(char *err, size_t errlen);
/* Add the DOCX of row `row` (thread-safe).  -1 with a message when the
 * package is not one that can be merged. */
int cv_merge_add(cv_merge *m, long row, const char *docx, size_t len, char *err, size_t errlen);
/* Rows added so far. */
size_t cv_merge_count(const cv_merge *m);
/* Write the merged package to `path` atomically (temporary file beside it,
 * fsync, rename).  -1 with a message on failure or when *stop became set;
 * `note` receives a warning (rows with other styles) or "". */
int cv_merge_write(cv_merge *m, const char *path, volatile sig_atomic_t *stop, char *err, size_t errlen,
		   char *note, size_t notelen);
void cv_merge_free(cv_merge *m);

/* One file of a zip bundle: where it is, and its name inside. */
typedef struct cv_zip_item {
	const char *path;
	const char *name;
} cv_zip_item;

/* Write `zip_path` atomically with the files items[0..n), each stamped
 * `mtime`; DOCX (already compressed) stored, the rest deflated.  The files
 * are read one at a time while the archive is written. */
int cv_zip_write(const char *zip_path, const cv_zip_item *items, size_t n, time_t mtime,
		 volatile sig_atomic_t *stop, char *err, size_t errlen);

#endif
