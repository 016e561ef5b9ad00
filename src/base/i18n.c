/*
 * i18n.c — gettext set-up: which locale, and where congvan.mo is (see i18n.h).
 *
 * The catalogue folder is looked for in this order:
 *   1. locale/ beside the binary — build/congvan finds build/locale/ when
 *      run from the source tree (`make` builds the .mo there);
 *   2. ../share/locale from the binary — PREFIX/bin/congvan finds
 *      PREFIX/share/locale whatever PREFIX it was built with, or if the
 *      installed tree was moved;
 *   3. CV_LOCALEDIR, compiled in as $(LOCALEDIR) by the Makefile, for an
 *      install whose BINDIR and LOCALEDIR do not share a prefix.
 * A folder counts when it holds some <lang>/LC_MESSAGES/congvan.mo.
 */
#include "i18n.h"

#include <dirent.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CV_LOCALEDIR
#define CV_LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "congvan"

const char *cv_gettext(const char *msgid)
{
	/* gettext("") is the catalogue's header, never a message */
	return msgid && *msgid ? dgettext(DOMAIN, msgid) : msgid;
}

const char *cv_ngettext(const char *msgid, const char *plural, unsigned long n)
{
	return dngettext(DOMAIN, msgid, plural, n);
}

/* Does dir hold <lang>/LC_MESSAGES/congvan.mo for some lang? */
static int S_has_catalogue(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int found = 0;
	struct dirent *e;
	while (!found && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[PATH_MAX];
		struct stat st;
		if ((size_t)snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/" DOMAIN ".mo", dir, e->d_name) <
			    sizeof path &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode))
			found = 1;
	}
	closedir(d);
	return found;
}

void cv_i18n_init(void)
{
	/* Only the categories messages need: LC_NUMERIC stays "C" so that
	 * 1.15 is written and read as 1.15 in every document and profile, and
	 * LC_TIME stays "C" for the HTTP dates of `serve`. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");

	static char dir[PATH_MAX];
	const char *found = NULL;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = NULL;
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
	}
	if (slash) {
		*slash = '\0';
		if ((size_t)snprintf(dir, sizeof dir, "%s/locale", exe) < sizeof dir && S_has_catalogue(dir))
			found = dir;
	}
	if (!found && slash) {
		if ((size_t)snprintf(dir, sizeof dir, "%s/../share/locale", exe) < sizeof dir &&
		    S_has_catalogue(dir))
			found = dir;
	}
	if (!found && S_has_catalogue(CV_LOCALEDIR))
		found = CV_LOCALEDIR;
	bindtextdomain(DOMAIN, found ? found : CV_LOCALEDIR);
	/* our messages are UTF-8 like everything else congvan prints */
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}
