/*
 * atomic_file.h — write a whole file or nothing.
 *
 * The data goes to a temporary file created beside the target (rename is
 * atomic only within one file system), is flushed and fsync'ed, then renamed
 * over the target.  On any failure the temporary file is removed and the
 * target is left as it was.
 *
 * The folder is not fsync'ed after the rename: that would make the new name
 * durable, not the file whole, and it costs as much as a third of a render
 * (docs/performance.md).  After a crash the target is the old file or the
 * new one, each complete — never a part of either.
 */
#ifndef CV_ATOMIC_FILE_H
#define CV_ATOMIC_FILE_H

#include <stddef.h>

/* The whole file from memory.  Returns 0 on success; on failure -1 with a
 * message naming the file and the failed step in err. */
int cv_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* The same in pieces, for a file too big to hold (a batch's manifest):
 * open, write any number of times, then commit; abort instead of commit
 * when the caller gives up (after a failed write too).  Each returns 0, or
 * -1 with the message in err; after a failed open or commit nothing is
 * left to abort. */
typedef struct cv_atomic_file {
	const char *path;
	char *tmp;
	int fd;
} cv_atomic_file;
int cv_atomic_open(cv_atomic_file *f, const char *path, char *err, size_t errlen);
int cv_atomic_write(cv_atomic_file *f, const void *data, size_t len, char *err, size_t errlen);
int cv_atomic_commit(cv_atomic_file *f, char *err, size_t errlen);
void cv_atomic_abort(cv_atomic_file *f);

#endif
