/*
 * dl_xml2.c — the table of libxml2's functions (see base/dl_xml2.h).
 */
#define CV_DL_NO_MACROS
#include "base/dl_xml2.h"

#include <pthread.h>
#include <string.h>

static struct cv_dl_xml2 S_fn;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_load(void)
{
	void *h = cv_dl_open(CV_SONAME_XML2);
/* a function pointer from dlsym's void *: copied, as POSIX allows and ISO C
 * does not convert */
#define CV_DL_FILL(f)                                               \
	{                                                           \
		void *sym = cv_dl_sym(h, CV_SONAME_XML2, #f);         \
		_Static_assert(sizeof S_fn.f == sizeof sym, #f);    \
		memcpy(&S_fn.f, &sym, sizeof sym);                  \
	}
	CV_DL_XML2_FUNCS(CV_DL_FILL)
	CV_DL_XML2_VARS(CV_DL_FILL)
#undef CV_DL_FILL
}

const struct cv_dl_xml2 *cv_dl_xml2(void)
{
	pthread_once(&S_once, S_load);
	return &S_fn;
}
