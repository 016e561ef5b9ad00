/*
 * dl.c — opening a library when first used (see dl.h).
 */
#include "base/dl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static void S_fail(const char *what, const char *soname)
{
	const char *why = dlerror();
	fprintf(stderr, "congvan: cannot load %s: %s\n", what, why ? why : soname);
	exit(127);
}

void *cv_dl_open(const char *soname)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		S_fail(soname, soname);
	return h;
}

void *cv_dl_sym(void *lib, const char *soname, const char *name)
{
	dlerror();
	void *p = dlsym(lib, name);
	if (!p)
		S_fail(name, soname);
	return p;
}
