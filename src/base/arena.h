/*
 * arena.h — bump allocator for everything that lives as long as one document.
 *
 * The reader, the model and the template context allocate from one arena
 * that the caller owns; freeing the arena frees the whole document at once.
 * Batch runs reset one arena per row, which keeps peak memory flat.  There is
 * no global arena: two documents (two threads) never share one.
 */
#ifndef CV_ARENA_H
#define CV_ARENA_H

#include <stddef.h>

typedef struct cv_arena_chunk cv_arena_chunk;

typedef struct cv_arena {
	cv_arena_chunk *head; /* most recent chunk; older chunks chained */
	size_t total;         /* bytes handed out, for statistics */
} cv_arena;

#define CV_ARENA_INIT {NULL, 0}

/* Zero-filled, aligned for any type.  Never returns NULL (aborts on OOM). */
void *cv_arena_alloc(cv_arena *a, size_t n);
char *cv_arena_strdup(cv_arena *a, const char *s);
char *cv_arena_strndup(cv_arena *a, const char *s, size_t n);
char *cv_arena_printf(cv_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Keep the first chunk, drop the rest: ready for the next document. */
void cv_arena_reset(cv_arena *a);
void cv_arena_free(cv_arena *a);

#endif
