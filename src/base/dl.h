/*
 * dl.h — libraries loaded when first used, not when congvan starts.
 *
 * libxml2, libzip and libmicrohttpd (with ICU, OpenSSL's libcrypto and
 * GnuTLS behind them) cost some 4 ms of dynamic linking at every start,
 * more than a whole render; only `batch` with XLSX, --merge or --zip,
 * `serve`, and checking a user's templates use them.  So the executable is
 * not linked to them: each is opened with dlopen the first time one of its
 * functions is called (docs/performance.md has the figures).
 *
 * The code that uses a library is unchanged: it includes the library's
 * headers through base/dl_<lib>.h, whose macros turn each call into a call
 * through a table of pointers that the first call fills.  The table's
 * types come from the library's own declarations (__typeof__), so the
 * compiler checks every call as before.
 */
#ifndef CV_DL_H
#define CV_DL_H

/* dlopen(soname); on failure, says so on stderr and exits with status 127,
 * as the dynamic linker does at start-up for a missing library (the
 * package depends on these libraries: only a broken installation lacks
 * one). */
void *cv_dl_open(const char *soname);
/* dlsym, failing the same way. */
void *cv_dl_sym(void *lib, const char *soname, const char *name);

#endif
