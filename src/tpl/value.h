/*
 * value.h — the data a template is rendered with (the "context").
 *
 * A context is a tree of values: strings (user text, always escaped on
 * output), fragments (markup produced by congvan's own writers, inserted as
 * is), booleans, lists and maps.  User text can never become a fragment:
 * only C code that has escaped it builds fragments, so a template cannot
 * pass user text through unescaped by mistake.
 *
 * All values live in a cv_arena owned by the caller; nothing is freed alone.
 */
#ifndef CV_VALUE_H
#define CV_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

typedef enum {
	CV_V_NULL, /* absent: falsy, renders as nothing */
	CV_V_STR,  /* text: escaped when rendered; truthy when non-empty */
	CV_V_FRAG, /* trusted markup from a writer: inserted raw; truthy when non-empty */
	CV_V_BOOL,
	CV_V_LIST, /* truthy when non-empty */
	CV_V_MAP   /* always truthy */
} cv_vkind;

typedef struct cv_value cv_value;
struct cv_value {
	cv_vkind kind;
	const char *s; /* STR, FRAG: bytes (NUL-terminated) */
	size_t len;    /* STR, FRAG */
	bool b;        /* BOOL */
	cv_value **items;  /* LIST: items; MAP: values */
	const char **keys; /* MAP: keys, in insertion order */
	unsigned *hashes;  /* MAP: a hash of each key, compared before the key */
	size_t n, cap;     /* LIST/MAP size and capacity */
};

cv_value *cv_v_null(cv_arena *a);
cv_value *cv_v_str(cv_arena *a, const char *s);            /* copies s */
cv_value *cv_v_strn(cv_arena *a, const char *s, size_t n); /* copies s[0..n) */
cv_value *cv_v_frag(cv_arena *a, const char *s, size_t n); /* copies; trusted markup */
cv_value *cv_v_bool(cv_arena *a, bool b);
cv_value *cv_v_int(cv_arena *a, long v); /* a STR holding the decimal number */
cv_value *cv_v_list(cv_arena *a);
cv_value *cv_v_map(cv_arena *a);

/* Append to a list (no-op unless list is a LIST). */
void cv_v_push(cv_arena *a, cv_value *list, cv_value *item);
/* Set key in a map, replacing an existing entry (key copied). */
void cv_v_set(cv_arena *a, cv_value *map, const char *key, cv_value *val);
/* Convenience: cv_v_set(a, map, key, cv_v_str(a, s)); s may be NULL → NULL value. */
void cv_v_set_str(cv_arena *a, cv_value *map, const char *key, const char *s);
/* Look up one key (no dots); NULL when absent or map is not a MAP. */
cv_value *cv_v_get(const cv_value *map, const char *key);
/* The same for a key given as key[0..n) (not NUL-terminated). */
cv_value *cv_v_getn(const cv_value *map, const char *key, size_t n);
/* Look up a dotted path "a.b.c"; NULL when any step is absent. */
cv_value *cv_v_path(const cv_value *root, const char *path);
bool cv_v_truthy(const cv_value *v);

#endif
