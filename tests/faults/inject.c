/*
 * inject.c — LD_PRELOAD fault injection (after jq's inject_errors.c).
 *
 * CV_FAIL=enospc   write() to a regular file fails with ENOSPC (a full disk)
 * CV_FAIL=fsync    fsync() fails with EIO
 * CV_FAIL=rename   rename() fails with EXDEV
 * CV_FAIL=slowrename  rename() takes 20 ms more (a batch's writing phase
 *                  long enough to be interrupted in the middle)
 * Writes to stdout/stderr (ttys, pipes) are left alone so messages get out.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int S_mode(const char *m)
{
	const char *v = getenv("CV_FAIL");
	return v && strcmp(v, m) == 0;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	struct stat st;
	if (S_mode("enospc") && fd > 2 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, buf, n);
}

int fsync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	struct stat st;
	if (S_mode("fsync") && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}

int rename(const char *a, const char *b)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (S_mode("rename")) {
		errno = EXDEV;
		return -1;
	}
	if (S_mode("slowrename"))
		usleep(20000);
	return real(a, b);
}
