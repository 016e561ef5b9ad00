/*
 * arena.c — bump allocator (see arena.h).
 *
 * A reset that finds several chunks replaces them with one as big as all
 * of them, so that a batch's next row allocates nothing (freeing and
 * allocating chunks for every row made glibc give memory back to the system
 * and fault it in again, row after row).
 */
#include "arena.h"
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cv_arena_chunk {
	cv_arena_chunk *prev;
	size_t used, size;
	max_align_t data[]; /* payload, aligned for any type */
};

#define CHUNK_MIN ((size_t)64 * 1024)
#define ALIGN (sizeof(max_align_t))

void *cv_arena_alloc(cv_arena *a, size_t n)
{
	n = (n + ALIGN - 1) / ALIGN * ALIGN;
	if (n == 0)
		n = ALIGN;
	cv_arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
		c = cv_xmalloc(sizeof *c + size);
		c->prev = a->head;
		c->used = 0;
		c->size = size;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *cv_arena_strndup(cv_arena *a, const char *s, size_t n)
{
	char *p = cv_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *cv_arena_strdup(cv_arena *a, const char *s)
{
	return cv_arena_strndup(a, s, strlen(s));
}

char *cv_arena_printf(cv_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	/* format straight into the free end of the current chunk; only text
	 * that does not fit there is formatted a second time */
	cv_arena_chunk *c = a->head;
	size_t room = c ? c->size - c->used : 0;
	char *p = c ? (char *)c->data + c->used : NULL;
	int n = vsnprintf(p, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if (c && (size_t)n < room) {
		size_t take = ((size_t)n + 1 + ALIGN - 1) / ALIGN * ALIGN;
		if (take > room)
			take = room;
		c->used += take;
		a->total += take;
		va_end(ap2);
		return p;
	}
	p = cv_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void cv_arena_reset(cv_arena *a)
{
	cv_arena_chunk *c = a->head;
	if (!c)
		return;
	if (c->prev) {
		/* several chunks: one of their total size serves the next document */
		size_t size = 0;
		while (c) {
			cv_arena_chunk *prev = c->prev;
			size += c->size;
			free(c);
			c = prev;
		}
		c = cv_xmalloc(sizeof *c + size);
		c->prev = NULL;
		c->size = size;
	}
	c->used = 0;
	a->head = c;
	a->total = 0;
}

void cv_arena_free(cv_arena *a)
{
	cv_arena_chunk *c = a->head;
	while (c) {
		cv_arena_chunk *prev = c->prev;
		free(c);
		c = prev;
	}
	a->head = NULL;
	a->total = 0;
}
