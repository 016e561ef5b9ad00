/*
 * sha256.c — SHA-256 after FIPS 180-4 §6.2 (see sha256.h); checked against
 * the standard's test vectors in tests/unit/test_batch.c.
 *
 * A batch hashes every file it writes (10 000 rows: some 250 MB), which the
 * portable code does at about 200 MB/s; on x86-64 processors with the SHA
 * extensions (Intel since Goldmont and Ice Lake, AMD since Zen) the same
 * compression function runs in hardware, several times faster.  Which one
 * runs is decided once, from CPUID; both give the same digest (the unit
 * test compares them).
 */
#include "batch/sha256.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define S_X86_SHA 1
#endif

/* FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes. */
static const uint32_t S_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void S_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | (uint32_t)p[4 * t + 3];
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = ROR(w[t - 15], 7) ^ ROR(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = ROR(w[t - 2], 17) ^ ROR(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (int t = 0; t < 64; t++) {
		uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + S_k[t] + w[t];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

#ifdef S_X86_SHA
/* The same compression over n blocks with the SHA-NI instructions.  The
 * state is kept as ABEF/CDGH, the order sha256rnds2 wants; each group of
 * four rounds takes four schedule words, computed four at a time with
 * sha256msg1/msg2 (FIPS 180-4 §6.2.2 step 1). */
__attribute__((target("sha,sse4.1,ssse3"))) static void S_blocks_shani(uint32_t h[8], const unsigned char *p,
									 size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i t = _mm_loadu_si128((const __m128i *)&h[0]);   /* A B C D (lane 0 = A) */
	__m128i s1 = _mm_loadu_si128((const __m128i *)&h[4]);  /* E F G H */
	t = _mm_shuffle_epi32(t, 0xB1);                         /* B A D C */
	s1 = _mm_shuffle_epi32(s1, 0x1B);                       /* H G F E */
	__m128i s0 = _mm_alignr_epi8(t, s1, 8);                 /* F E B A: "ABEF" */
	s1 = _mm_blend_epi16(s1, t, 0xF0);                      /* H G D C: "CDGH" */
	for (; n; n--, p += 64) {
		__m128i save0 = s0, save1 = s1, w[4];
		for (int g = 0; g < 16; g++) {
			__m128i x;
			if (g < 4) {
				x = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
			} else {
				/* W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], four at once */
				x = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
				x = _mm_add_epi32(x, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
				x = _mm_sha256msg2_epu32(x, w[(g + 3) & 3]);
			}
			w[g & 3] = x;
			__m128i m = _mm_add_epi32(x, _mm_loadu_si128((const __m128i *)&S_k[4 * g]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, m);
			s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
		}
		s0 = _mm_add_epi32(s0, save0);
		s1 = _mm_add_epi32(s1, save1);
	}
	t = _mm_shuffle_epi32(s0, 0x1B);  /* A B E F */
	s1 = _mm_shuffle_epi32(s1, 0xB1); /* C D G H */
	s0 = _mm_blend_epi16(t, s1, 0xF0); /* A B C D */
	s1 = _mm_alignr_epi8(s1, t, 8);    /* E F G H */
	_mm_storeu_si128((__m128i *)&h[0], s0);
	_mm_storeu_si128((__m128i *)&h[4], s1);
}

/* CPUID leaf 7: EBX bit 29 is SHA; leaf 1: ECX bits 19 (SSE4.1), 9 (SSSE3). */
static bool S_have_shani(void)
{
	static atomic_int known = -1;
	int k = atomic_load_explicit(&known, memory_order_relaxed);
	if (k < 0) {
		unsigned a, b, c, d;
		k = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29 & 1) && __get_cpuid(1, &a, &b, &c, &d) &&
		    (c >> 19 & 1) && (c >> 9 & 1);
		atomic_store_explicit(&known, k, memory_order_relaxed);
	}
	return k;
}
#endif

/* n whole blocks, in hardware when the processor can (portable: never). */
static void S_blocks(uint32_t h[8], const unsigned char *p, size_t n, bool portable)
{
#ifdef S_X86_SHA
	if (!portable && n && S_have_shani()) {
		S_blocks_shani(h, p, n);
		return;
	}
#endif
	(void)portable;
	for (; n; n--, p += 64)
		S_block(h, p);
}

void cv_sha256_init(cv_sha256_ctx *c)
{
	/* §5.3.3: the first 32 bits of the fractional parts of the square
	 * roots of the first 8 primes */
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(c->h, h0, sizeof h0);
	c->len = 0;
	c->used = 0;
	c->portable = false;
}

void cv_sha256_update(cv_sha256_ctx *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	c->len += n;
	if (c->used) {
		size_t take = 64 - c->used < n ? 64 - c->used : n;
		memcpy(c->blk + c->used, p, take);
		c->used += take;
		p += take;
		n -= take;
		if (c->used < 64)
			return;
		S_blocks(c->h, c->blk, 1, c->portable);
		c->used = 0;
	}
	S_blocks(c->h, p, n / 64, c->portable);
	p += n / 64 * 64;
	n %= 64;
	memcpy(c->blk, p, n);
	c->used = n;
}

void cv_sha256_final(cv_sha256_ctx *c, unsigned char out[32])
{
	/* §5.1.1: a 1 bit, zeros, then the length in bits as 64 bits */
	uint64_t bits = c->len * 8;
	c->blk[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->blk + c->used, 0, 64 - c->used);
		S_blocks(c->h, c->blk, 1, c->portable);
		c->used = 0;
	}
	memset(c->blk + c->used, 0, 56 - c->used);
	for (int i = 0; i < 8; i++)
		c->blk[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	S_blocks(c->h, c->blk, 1, c->portable);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void cv_sha256(const void *data, size_t n, unsigned char out[32])
{
	cv_sha256_ctx c;
	cv_sha256_init(&c);
	cv_sha256_update(&c, data, n);
	cv_sha256_final(&c, out);
}

void cv_sha256_portable(const void *data, size_t n, unsigned char out[32])
{
	cv_sha256_ctx c;
	cv_sha256_init(&c);
	c.portable = true;
	cv_sha256_update(&c, data, n);
	cv_sha256_final(&c, out);
}

void cv_sha256_hex(const unsigned char d[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}
