/*
 * hash.h — FNV-1a, the one hash of the project: hash tables of names,
 * messages, template keys and memo slots, and serve's "did this folder
 * change" signatures.  Small keys, in memory, never
 * from an attacker who could gain by collisions (every table compares the
 * keys when the hashes match), so a simple, fast, well-known hash will do.
 */
#ifndef CV_HASH_H
#define CV_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CV_HASH_SEED 14695981039346656037ULL /* the FNV-1a offset basis */
#define CV_HASH_PRIME 1099511628211ULL

/* h with the bytes p[0..n) mixed in; start from CV_HASH_SEED. */
static inline uint64_t cv_hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * CV_HASH_PRIME;
	return h;
}

/* h with one number mixed in as a whole (not byte by byte). */
static inline uint64_t cv_hash_value(uint64_t h, uint64_t x)
{
	return (h ^ x) * CV_HASH_PRIME;
}

/* The hash of a NUL-terminated string. */
static inline uint64_t cv_hash_str(const char *s)
{
	return cv_hash_bytes(CV_HASH_SEED, s, strlen(s));
}

#endif
