/*
 * io.c — whole reads and writes on file descriptors (see io.h).
 */
#include "base/io.h"

#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

int cv_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int cv_pread_all(int fd, void *p, size_t n, uint64_t at)
{
	char *c = p;
	while (n) {
		ssize_t r = pread(fd, c, n, (off_t)at);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0) {
			memset(c, 0, n);
			break;
		}
		c += r;
		n -= (size_t)r;
		at += (uint64_t)r;
	}
	return 0;
}

int cv_pwrite_all(int fd, const void *p, size_t n, uint64_t at)
{
	const char *c = p;
	while (n) {
		ssize_t w = pwrite(fd, c, n, (off_t)at);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return -1;
		}
		c += w;
		n -= (size_t)w;
		at += (uint64_t)w;
	}
	return 0;
}
