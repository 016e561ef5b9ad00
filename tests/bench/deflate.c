/*
 * deflate.c — the measurement behind the DOCX deflate level
 * (render/package.c, docs/performance.md): each file given, deflated as
 * package.c deflates a part (raw deflate, one z_stream reset per part) at
 * levels 1 to 9, prints its compressed size and the time per deflate.
 *
 *   build/bench-deflate word/document.xml word/styles.xml …
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	printf("%-28s %7s %5s %8s %8s\n", "file", "bytes", "level", "deflated", "us");
	for (int i = 1; i < argc; i++) {
		size_t len;
		unsigned char *in = S_read(argv[i], &len);
		if (!in) {
			perror(argv[i]);
			return 1;
		}
		for (int level = 1; level <= 9; level++) {
			z_stream z;
			memset(&z, 0, sizeof z);
			if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
				return 1;
			size_t cap = deflateBound(&z, len);
			unsigned char *out = malloc(cap);
			size_t outlen = 0;
			/* enough rounds for a tenth of a second */
			long rounds = 0;
			double t0 = S_now(), t;
			do {
				deflateReset(&z);
				z.next_in = in;
				z.avail_in = (uInt)len;
				z.next_out = out;
				z.avail_out = (uInt)cap;
				if (deflate(&z, Z_FINISH) != Z_STREAM_END)
					return 1;
				outlen = cap - z.avail_out;
				rounds++;
			} while ((t = S_now() - t0) < 0.1);
			const char *slash = strrchr(argv[i], '/');
			printf("%-28s %7zu %5d %8zu %8.1f\n", slash ? slash + 1 : argv[i], len, level, outlen,
			       1e6 * t / (double)rounds);
			deflateEnd(&z);
			free(out);
		}
		free(in);
	}
	return 0;
}
