/*
 * atomic_file.c — temp file + fsync + rename (see atomic_file.h; after
 * Redis's rdbSave, but with the temp file in the target's own directory).
 */
#include "atomic_file.h"
#include "buf.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cv_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	size_t tn = strlen(path) + 16;
	char *tmp = cv_xmalloc(tn);
	snprintf(tmp, tn, "%s.XXXXXX", path);
	/* the message of the step that failed (a format: path, strerror) */
	const char *step = N_("%s: cannot create a temporary file beside the output file: %s");
	int fd = mkstemp(tmp);
	if (fd < 0)
		goto fail_nofile;
	/* mkstemp makes 0600; documents are ordinary files: honour the umask */
	mode_t um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um) != 0) {
		step = N_("%s: cannot set permissions of the output file: %s");
		goto fail;
	}
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			step = N_("%s: cannot write the output file: %s");
			goto fail;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) != 0) {
		step = N_("%s: cannot flush the output file: %s");
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		step = N_("%s: cannot close the output file: %s");
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		step = N_("%s: cannot rename the temporary file to the output file: %s");
		goto fail;
	}
	free(tmp);
	return 0;
fail: {
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
}
fail_nofile:
	snprintf(err, errlen, _(step), path, strerror(errno)); /* gettext keeps errno */
	free(tmp);
	return -1;
}
