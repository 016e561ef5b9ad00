/*
 * buf.h — a growable byte buffer, and the only text escaper of the project.
 *
 * Every piece of user text that reaches XML or HTML goes through
 * cv_buf_put_escaped(); nothing else in the tree escapes by hand.  XML and
 * HTML need the same five entities for text and attribute values, so one
 * escaper serves both writers.
 *
 * Ownership: a cv_buf owns its memory; cv_buf_free() releases it.  The
 * content is always NUL-terminated once anything was written (ptr may be
 * NULL for an empty, never-written buffer: use cv_buf_cstr()).
 * Allocation failure aborts the program with a message (see cv_xmalloc).
 */
#ifndef CV_BUF_H
#define CV_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct cv_buf {
	char *ptr;  /* NUL-terminated content, or NULL when nothing written */
	size_t len; /* bytes in use, not counting the terminating NUL */
	size_t cap; /* bytes allocated */
} cv_buf;

#define CV_BUF_INIT {NULL, 0, 0}

/* malloc/realloc that abort with "out of memory" instead of returning NULL. */
void *cv_xmalloc(size_t n);
void *cv_xcalloc(size_t n, size_t size);
void *cv_xrealloc(void *p, size_t n);
char *cv_xstrdup(const char *s);
char *cv_xstrndup(const char *s, size_t n);

void cv_buf_grow(cv_buf *b, size_t extra);
void cv_buf_put(cv_buf *b, const char *s, size_t n);
void cv_buf_puts(cv_buf *b, const char *s);
void cv_buf_putc(cv_buf *b, char c);
void cv_buf_printf(cv_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cv_buf_vprintf(cv_buf *b, const char *fmt, va_list ap);

/* Append s[0..n) with & < > " ' replaced by entities: safe for XML/HTML text
 * and for attribute values in either quote style.  Characters XML 1.0
 * cannot carry (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) become
 * U+FFFD: the readers refuse them with a message where they can be typed
 * (read/), and this keeps every part well-formed whatever reaches it. */
void cv_buf_put_escaped(cv_buf *b, const char *s, size_t n);

/* The content as a C string; "" for an empty buffer.  Borrowed. */
const char *cv_buf_cstr(const cv_buf *b);
/* Forget the content, keep the allocation (for reuse across documents). */
void cv_buf_clear(cv_buf *b);
/* Hand the content to the caller (who frees it); the buffer becomes empty. */
char *cv_buf_detach(cv_buf *b, size_t *len);
void cv_buf_free(cv_buf *b);

/* Append the rest of stream f, reading no more than max bytes beyond the
 * limit (every whole-file reader has one: a 16 MiB input is not a
 * document).  0; CV_READ_TOO_BIG when f holds more than max bytes (b then
 * holds the first ones); CV_READ_ERROR on a read error (errno says why). */
enum { CV_READ_ERROR = -1, CV_READ_TOO_BIG = 1 };
int cv_buf_read_stream(cv_buf *b, FILE *f, size_t max);

#endif
