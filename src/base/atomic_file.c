/*
 * atomic_file.c — temp file + fsync + rename (see atomic_file.h; after
 * Redis's rdbSave, but with the temp file in the target's own directory).
 */
#include "atomic_file.h"
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cv_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? cv_xstrndup(path, (size_t)(slash - path) + (slash == path)) : cv_xstrdup(".");
	size_t tn = strlen(path) + 16;
	char *tmp = cv_xmalloc(tn);
	snprintf(tmp, tn, "%s.XXXXXX", path);
	const char *step = "create a temporary file beside";
	int fd = mkstemp(tmp);
	if (fd < 0)
		goto fail_nofile;
	/* mkstemp makes 0600; documents are ordinary files: honour the umask */
	mode_t um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um) != 0) {
		step = "set permissions of";
		goto fail;
	}
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			step = "write";
			goto fail;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) != 0) {
		step = "flush";
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		step = "close";
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		step = "rename the temporary file to";
		goto fail;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd); /* best effort: the data itself is already safe */
		close(dfd);
	}
	free(tmp);
	free(dir);
	return 0;
fail: {
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
}
fail_nofile:
	snprintf(err, errlen, "%s: cannot %s the output file: %s", path, step, strerror(errno));
	free(tmp);
	free(dir);
	return -1;
}
