/*
 * value.c — the template context: constructors and lookups (see value.h).
 *
 * Everything lives in the caller's arena.  A growing list or map copies its
 * arrays into a twice-as-big block of the same arena and abandons the old
 * one: the waste is bounded by the final size, and nothing needs freeing.
 */
#include "tpl/value.h"

#include <stdio.h>
#include <string.h>

#include "base/hash.h"

static cv_value *S_new(cv_arena *a, cv_vkind kind)
{
	cv_value *v = cv_arena_alloc(a, sizeof *v); /* zero-filled */
	v->kind = kind;
	return v;
}

cv_value *cv_v_null(cv_arena *a)
{
	return S_new(a, CV_V_NULL);
}

cv_value *cv_v_strn(cv_arena *a, const char *s, size_t n)
{
	cv_value *v = S_new(a, CV_V_STR);
	v->s = cv_arena_strndup(a, s ? s : "", s ? n : 0);
	v->len = s ? n : 0;
	return v;
}

cv_value *cv_v_str(cv_arena *a, const char *s)
{
	return cv_v_strn(a, s, s ? strlen(s) : 0);
}

cv_value *cv_v_frag(cv_arena *a, const char *s, size_t n)
{
	cv_value *v = cv_v_strn(a, s, n);
	v->kind = CV_V_FRAG;
	return v;
}

cv_value *cv_v_bool(cv_arena *a, bool b)
{
	cv_value *v = S_new(a, CV_V_BOOL);
	v->b = b;
	return v;
}

cv_value *cv_v_int(cv_arena *a, long n)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%ld", n);
	return cv_v_strn(a, tmp, (size_t)len);
}

cv_value *cv_v_list(cv_arena *a)
{
	return S_new(a, CV_V_LIST);
}

cv_value *cv_v_map(cv_arena *a)
{
	return S_new(a, CV_V_MAP);
}

/* FNV-1a of key[0..n): a template renders a few thousand lookups in maps
 * of up to a hundred keys (the profile), so keys are told apart by hash
 * first and compared only when the hashes match. */
static unsigned S_hash(const char *key, size_t n)
{
	return (unsigned)cv_hash_bytes(CV_HASH_SEED, key, n);
}

/* Make room for one more entry of a list or map (keys only for maps). */
static void S_reserve(cv_arena *a, cv_value *v)
{
	if (v->n < v->cap)
		return;
	size_t cap = v->cap ? v->cap * 2 : 4;
	cv_value **items = cv_arena_alloc(a, cap * sizeof *items);
	if (v->n)
		memcpy(items, v->items, v->n * sizeof *items);
	v->items = items;
	if (v->kind == CV_V_MAP) {
		const char **keys = cv_arena_alloc(a, cap * sizeof *keys);
		unsigned *hashes = cv_arena_alloc(a, cap * sizeof *hashes);
		if (v->n) {
			memcpy(keys, v->keys, v->n * sizeof *keys);
			memcpy(hashes, v->hashes, v->n * sizeof *hashes);
		}
		v->keys = keys;
		v->hashes = hashes;
	}
	v->cap = cap;
}

void cv_v_push(cv_arena *a, cv_value *list, cv_value *item)
{
	if (!list || list->kind != CV_V_LIST)
		return;
	S_reserve(a, list);
	list->items[list->n++] = item ? item : cv_v_null(a);
}

void cv_v_set(cv_arena *a, cv_value *map, const char *key, cv_value *val)
{
	if (!map || map->kind != CV_V_MAP || !key)
		return;
	if (!val)
		val = cv_v_null(a);
	size_t n = strlen(key);
	unsigned h = S_hash(key, n);
	for (size_t i = 0; i < map->n; i++) {
		if (map->hashes[i] == h && strcmp(map->keys[i], key) == 0) {
			map->items[i] = val;
			return;
		}
	}
	S_reserve(a, map);
	map->keys[map->n] = cv_arena_strndup(a, key, n);
	map->hashes[map->n] = h;
	map->items[map->n++] = val;
}

void cv_v_set_str(cv_arena *a, cv_value *map, const char *key, const char *s)
{
	cv_v_set(a, map, key, s ? cv_v_str(a, s) : cv_v_null(a));
}

cv_value *cv_v_getn(const cv_value *map, const char *key, size_t n)
{
	if (!map || map->kind != CV_V_MAP)
		return NULL;
	unsigned h = S_hash(key, n);
	for (size_t i = 0; i < map->n; i++)
		if (map->hashes[i] == h && strncmp(map->keys[i], key, n) == 0 && map->keys[i][n] == '\0')
			return map->items[i];
	return NULL;
}

cv_value *cv_v_get(const cv_value *map, const char *key)
{
	return key ? cv_v_getn(map, key, strlen(key)) : NULL;
}

cv_value *cv_v_path(const cv_value *root, const char *path)
{
	if (!root || !path)
		return NULL;
	const cv_value *cur = root;
	for (;;) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		cur = cv_v_getn(cur, path, n);
		if (!cur || !dot)
			return (cv_value *)cur;
		path = dot + 1;
	}
}

bool cv_v_truthy(const cv_value *v)
{
	if (!v)
		return false;
	switch (v->kind) {
	case CV_V_STR:
	case CV_V_FRAG: return v->len > 0;
	case CV_V_BOOL: return v->b;
	case CV_V_LIST: return v->n > 0;
	case CV_V_MAP: return true;
	case CV_V_NULL: break;
	}
	return false;
}
