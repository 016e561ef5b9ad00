/*
 * sha256.h — SHA-256 (FIPS 180-4) for the batch manifest, so that a batch
 * can be audited with `sha256sum`.  None of the libraries congvan links
 * (libxml2, libzip, …) exposes a hash, and OpenSSL for 150 lines is not
 * worth a dependency.
 */
#ifndef CV_SHA256_H
#define CV_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cv_sha256_ctx {
	uint32_t h[8];
	uint64_t len;       /* bytes hashed so far */
	unsigned char blk[64];
	size_t used;        /* bytes waiting in blk */
	bool portable;      /* never the SHA instructions (cv_sha256_portable) */
} cv_sha256_ctx;

void cv_sha256_init(cv_sha256_ctx *c);
void cv_sha256_update(cv_sha256_ctx *c, const void *data, size_t n);
void cv_sha256_final(cv_sha256_ctx *c, unsigned char out[32]);

/* One call: digest of data[0..n). */
void cv_sha256(const void *data, size_t n, unsigned char out[32]);
/* The same without the processor's SHA instructions, even where they
 * exist: the reference the unit test holds the fast path to. */
void cv_sha256_portable(const void *data, size_t n, unsigned char out[32]);
/* Lower-case hex of a digest; hex must hold 65 bytes. */
void cv_sha256_hex(const unsigned char d[32], char hex[65]);

#endif
