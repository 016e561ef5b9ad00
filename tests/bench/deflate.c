/*
 * deflate.c — the measurement behind the DOCX deflate library and level
 * (render/package.c, docs/performance.md): each file given, deflated as
 * package.c deflates a part (raw deflate, one compressor for every part),
 * with libdeflate (what package.c uses) and with zlib (what it used before)
 * at levels 1 to 9; prints the compressed size and the time per deflate,
 * and the time of a CRC-32 with each.
 *
 *   build/bench-deflate word/document.xml word/styles.xml …
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libdeflate.h>
#include <zlib.h>

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned char *S_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	unsigned char *p = malloc(cap);
	while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			p = realloc(p, cap *= 2);
	}
	fclose(f);
	*len = n;
	return p;
}

/* One deflate of in[0..len) into out (cap bytes) with library `lib` (0
 * libdeflate, 1 zlib); the state is made by the caller.  Returns the
 * compressed size, 0 on failure. */
static size_t S_deflate(int lib, void *state, const unsigned char *in, size_t len, unsigned char *out, size_t cap)
{
	if (lib == 0)
		return libdeflate_deflate_compress(state, in, len, out, cap);
	z_stream *z = state;
	deflateReset(z);
	z->next_in = (Bytef *)in;
	z->avail_in = (uInt)len;
	z->next_out = out;
	z->avail_out = (uInt)cap;
	return deflate(z, Z_FINISH) == Z_STREAM_END ? cap - z->avail_out : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	static const char *const names[2] = {"libdeflate", "zlib"};
	printf("%-20s %7s %-10s %5s %8s %8s\n", "file", "bytes", "library", "level", "deflated", "us");
	for (int i = 1; i < argc; i++) {
		size_t len;
		unsigned char *in = S_read(argv[i], &len);
		if (!in) {
			perror(argv[i]);
			return 1;
		}
		const char *slash = strrchr(argv[i], '/');
		const char *base = slash ? slash + 1 : argv[i];
		size_t cap = len + len / 8 + 1024; /* above both libraries' bounds */
		unsigned char *out = malloc(cap);
		for (int lib = 0; lib < 2; lib++) {
			for (int level = 1; level <= 9; level++) {
				z_stream z;
				void *state = &z;
				memset(&z, 0, sizeof z);
				if (lib == 0)
					state = libdeflate_alloc_compressor(level);
				else if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
					state = NULL;
				if (!state)
					return 1;
				size_t outlen = 0;
				long rounds = 0; /* enough rounds for a tenth of a second */
				double t0 = S_now(), t;
				do {
					if (!(outlen = S_deflate(lib, state, in, len, out, cap)))
						return 1;
					rounds++;
				} while ((t = S_now() - t0) < 0.1);
				printf("%-20s %7zu %-10s %5d %8zu %8.1f\n", base, len, names[lib], level, outlen,
				       1e6 * t / (double)rounds);
				if (lib == 0)
					libdeflate_free_compressor(state);
				else
					deflateEnd(&z);
			}
			/* CRC-32 of the same bytes */
			long rounds = 0;
			double t0 = S_now(), t;
			unsigned long crc = 0;
			do {
				crc += lib == 0 ? libdeflate_crc32(0, in, len) : crc32(0L, in, (uInt)len);
				rounds++;
			} while ((t = S_now() - t0) < 0.1);
			printf("%-20s %7zu %-10s %5s %8s %8.1f\n", base, len, names[lib], "crc", "-",
			       1e6 * t / (double)rounds + 0 * (double)crc);
		}
		free(out);
		free(in);
	}
	return 0;
}
