/*
 * buf.c — growable byte buffer and the XML/HTML escaper (see buf.h).
 */
#include "buf.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_oom(void)
{
	fputs(_("congvan: out of memory\n"), stderr);
	abort();
}

void *cv_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		S_oom();
	return p;
}

void *cv_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		S_oom();
	return p;
}

void *cv_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		S_oom();
	return p;
}

char *cv_xstrndup(const char *s, size_t n)
{
	char *p = cv_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *cv_xstrdup(const char *s)
{
	return cv_xstrndup(s, strlen(s));
}

void cv_buf_grow(cv_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len) /* overflow */
		S_oom();
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > ((size_t)-1) / 2)
			S_oom();
		cap *= 2;
	}
	b->ptr = cv_xrealloc(b->ptr, cap);
	b->cap = cap;
}

void cv_buf_put(cv_buf *b, const char *s, size_t n)
{
	cv_buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void cv_buf_puts(cv_buf *b, const char *s)
{
	cv_buf_put(b, s, strlen(s));
}

void cv_buf_putc(cv_buf *b, char c)
{
	cv_buf_put(b, &c, 1);
}

void cv_buf_vprintf(cv_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	cv_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void cv_buf_printf(cv_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cv_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* The bytes the escaper looks at: & < > " ', the C0 controls but tab, LF
 * and CR, and 0xEF (which starts U+FFFE and U+FFFF).  A table, so that the
 * loop over ordinary text (nearly all of it) is one load and one test a
 * byte: every string of every part goes through here. */
static const unsigned char S_special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1,  /* 0x00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x10 */
	0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x20 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,  /* 0x30 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x40 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x50 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x60 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x70 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x80 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x90 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0xA0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0xB0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0xC0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0xD0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,  /* 0xE0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0xF0 */
};

void cv_buf_put_escaped(cv_buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!S_special[c])
			continue;
		const char *ent;
		size_t skip = 1;
		switch (c) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		case 0xEF: /* U+FFFE and U+FFFF (EF BF BE, EF BF BF); others pass */
			if (i + 2 >= n || (unsigned char)s[i + 1] != 0xBF || ((unsigned char)s[i + 2] & 0xFE) != 0xBE)
				continue;
			ent = "\xEF\xBF\xBD";
			skip = 3;
			break;
		default: /* a C0 control */
			ent = "\xEF\xBF\xBD";
			break;
		}
		cv_buf_put(b, s + start, i - start);
		cv_buf_puts(b, ent);
		i += skip - 1;
		start = i + 1;
	}
	cv_buf_put(b, s + start, n - start);
}

const char *cv_buf_cstr(const cv_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void cv_buf_clear(cv_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

char *cv_buf_detach(cv_buf *b, size_t *len)
{
	char *p = b->ptr ? b->ptr : cv_xstrdup("");
	if (len)
		*len = b->len;
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void cv_buf_free(cv_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

int cv_buf_read_stream(cv_buf *b, FILE *f, size_t max)
{
	size_t start = b->len, got;
	do {
		cv_buf_grow(b, 65536);
		got = fread(b->ptr + b->len, 1, 65536, f);
		b->len += got;
		b->ptr[b->len] = '\0';
	} while (got > 0 && b->len - start <= max);
	if (ferror(f))
		return CV_READ_ERROR;
	return b->len - start > max ? CV_READ_TOO_BIG : 0;
}
