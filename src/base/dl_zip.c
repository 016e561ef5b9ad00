/*
 * dl_zip.c — the table of libzip's functions (see base/dl_zip.h).
 */
#define CV_DL_NO_MACROS
#include "base/dl_zip.h"
#include "base/buf.h"

#include <pthread.h>
#include <string.h>

static struct cv_dl_zip S_fn;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_load(void)
{
	void *h = cv_dl_open(CV_SONAME_ZIP);
/* a function pointer from dlsym's void *: copied, as POSIX allows and ISO C
 * does not convert */
#define CV_DL_FILL(f)                                               \
	{                                                           \
		void *sym = cv_dl_sym(h, CV_SONAME_ZIP, #f);         \
		_Static_assert(sizeof S_fn.f == sizeof sym, #f);    \
		memcpy(&S_fn.f, &sym, sizeof sym);                  \
	}
	CV_DL_ZIP_FUNCS(CV_DL_FILL)
#undef CV_DL_FILL
}

const struct cv_dl_zip *cv_dl_zip(void)
{
	pthread_once(&S_once, S_load);
	return &S_fn;
}

int cv_zip_read_entry(zip_t *za, const char *name, zip_uint64_t max, cv_buf *b)
{
	/* through the table: this file defines it, so the call macros are off */
	const struct cv_dl_zip *z = cv_dl_zip();
	zip_stat_t st;
	if (z->zip_stat(za, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > max)
		return -1;
	zip_file_t *zf = z->zip_fopen(za, name, 0);
	if (!zf)
		return -1;
	cv_buf_clear(b);
	cv_buf_grow(b, (size_t)st.size);
	zip_int64_t got = z->zip_fread(zf, b->ptr, st.size);
	z->zip_fclose(zf);
	if (got < 0 || (zip_uint64_t)got != st.size)
		return -1;
	b->len = (size_t)got;
	b->ptr[b->len] = '\0';
	return 0;
}
