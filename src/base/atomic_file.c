/*
 * atomic_file.c — temp file + fsync + rename (see atomic_file.h; after
 * Redis's rdbSave, but with the temp file in the target's own directory).
 */
#include "atomic_file.h"
#include "buf.h"
#include "i18n.h"
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The message of a failed step (a format: path, strerror), then the
 * temporary file removed. */
static int S_fail(cv_atomic_file *f, const char *step, char *err, size_t errlen)
{
	int e = errno;
	snprintf(err, errlen, _(step), f->path, strerror(e));
	cv_atomic_abort(f);
	errno = e;
	return -1;
}

int cv_atomic_open(cv_atomic_file *f, const char *path, char *err, size_t errlen)
{
	size_t tn = strlen(path) + 16;
	f->path = path;
	f->tmp = cv_xmalloc(tn);
	snprintf(f->tmp, tn, "%s.XXXXXX", path);
	f->fd = mkstemp(f->tmp);
	if (f->fd < 0) {
		int e = errno;
		snprintf(err, errlen, _("%s: cannot create a temporary file beside the output file: %s"), path,
			 strerror(e));
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	/* mkstemp makes 0600; documents are ordinary files: honour the umask */
	mode_t um = umask(0);
	umask(um);
	if (fchmod(f->fd, 0666 & ~um) != 0)
		return S_fail(f, N_("%s: cannot set permissions of the output file: %s"), err, errlen);
	return 0;
}

int cv_atomic_write(cv_atomic_file *f, const void *data, size_t len, char *err, size_t errlen)
{
	if (cv_write_all(f->fd, data, len) != 0) {
		int e = errno;
		snprintf(err, errlen, _("%s: cannot write the output file: %s"), f->path, strerror(e));
		return -1;
	}
	return 0;
}

int cv_atomic_commit(cv_atomic_file *f, char *err, size_t errlen)
{
	if (fsync(f->fd) != 0)
		return S_fail(f, N_("%s: cannot flush the output file: %s"), err, errlen);
	int rc = close(f->fd);
	f->fd = -1;
	if (rc != 0)
		return S_fail(f, N_("%s: cannot close the output file: %s"), err, errlen);
	if (rename(f->tmp, f->path) != 0)
		return S_fail(f, N_("%s: cannot rename the temporary file to the output file: %s"), err, errlen);
	free(f->tmp);
	f->tmp = NULL;
	return 0;
}

void cv_atomic_abort(cv_atomic_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->tmp)
		unlink(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
}

int cv_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	cv_atomic_file f;
	if (cv_atomic_open(&f, path, err, errlen) != 0)
		return -1;
	if (cv_atomic_write(&f, data, len, err, errlen) != 0) {
		cv_atomic_abort(&f);
		return -1;
	}
	return cv_atomic_commit(&f, err, errlen);
}
