/*
 * io.h — whole reads and writes on file descriptors, through short counts
 * and EINTR, for the files congvan writes itself (outputs, scratch files).
 */
#ifndef CV_IO_H
#define CV_IO_H

#include <stddef.h>
#include <stdint.h>

/* Write len bytes to fd; 0, or -1 with errno. */
int cv_write_all(int fd, const void *data, size_t len);

/* n bytes at offset `at`; 0, or -1 with errno.  What was never written (a
 * hole, or past the end of the file) reads as zeros: the scratch files'
 * records and slots are never written whole, and zero means "empty". */
int cv_pread_all(int fd, void *p, size_t n, uint64_t at);

/* n bytes at offset `at`; 0, or -1 with errno (ENOSPC when the system
 * writes nothing). */
int cv_pwrite_all(int fd, const void *p, size_t n, uint64_t at);

#endif
