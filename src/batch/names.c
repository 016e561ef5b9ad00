/*
 * names.c — output names of a batch (see names.h).
 */
#include "batch/names.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/io.h"
#include "base/i18n.h"
#include "base/text.h"
#include "read/vars.h"

static bool S_is(const char *name, size_t n, const char *want)
{
	return strlen(want) == n && memcmp(name, want, n) == 0;
}

int cv_name_check(const char *pattern, const char *const *cols, size_t ncols, char *err, size_t errlen)
{
	const char *name, *end;
	size_t n;
	for (const char *p = pattern; cv_vars_next(p, &name, &n, &end); p = end) {
		bool found = S_is(name, n, "row");
		for (size_t i = 0; i < ncols && !found; i++)
			found = S_is(name, n, cols[i]);
		if (found)
			continue;
		cv_buf b = CV_BUF_INIT;
		for (size_t i = 0; i < ncols && i < 40; i++) {
			cv_buf_puts(&b, i ? ", " : "");
			cv_buf_puts(&b, cols[i]);
		}
		snprintf(err, errlen, _("--name: placeholder {{%.*s}} has no column in the data; the columns "
			 "are: %s (and {{row}}, the row number)"), (int)n, name, cv_buf_cstr(&b));
		cv_buf_free(&b);
		return -1;
	}
	return 0;
}

char *cv_name_default(cv_arena *a, const char *first_column)
{
	return cv_arena_printf(a, "{{row}}-{{%s}}", first_column);
}

/* Device names Windows refuses as file names, whatever the extension: a
 * batch is often unzipped there. */
static bool S_reserved(const char *s)
{
	static const char *const names[] = {"con", "prn", "aux", "nul"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i]))
			return true;
	return (!strncmp(s, "com", 3) || !strncmp(s, "lpt", 3)) && s[3] >= '1' && s[3] <= '9' && !s[4];
}

char *cv_name_fold(cv_arena *a, const char *s)
{
	char *f = cv_ascii_fold(a, s);
	size_t o = 0;
	bool dash = false;
	for (const char *p = f; *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && o > 0 && o < CV_NAME_MAX)
				f[o++] = '-';
			dash = false;
			if (o < CV_NAME_MAX)
				f[o++] = c;
		} else {
			dash = true;
		}
	}
	while (o > 0 && f[o - 1] == '-')
		o--;
	f[o] = '\0';
	if (S_reserved(f))
		return cv_arena_printf(a, "%s-", f);
	return f;
}

char *cv_name_make(cv_arena *a, const char *pattern, const cv_vars *v, long row, int width)
{
	cv_buf b = CV_BUF_INIT;
	const char *name, *end, *o, *p = pattern;
	size_t n;
	while ((o = cv_vars_next(p, &name, &n, &end)) != NULL) {
		cv_buf_put(&b, p, (size_t)(o - p));
		if (S_is(name, n, "row")) {
			cv_buf_printf(&b, "%0*ld", width, row);
		} else {
			for (size_t i = 0; i < v->n; i++)
				if (S_is(name, n, v->names[i]) && v->values[i])
					cv_buf_puts(&b, v->values[i]);
		}
		/* a separator, so that values next to each other stay apart */
		cv_buf_putc(&b, ' ');
		p = end;
	}
	cv_buf_puts(&b, p);
	char *f = cv_name_fold(a, cv_buf_cstr(&b));
	cv_buf_free(&b);
	if (!*f)
		f = cv_arena_printf(a, "row-%0*ld", width, row);
	return f;
}

bool cv_name_by_row(const char *pattern)
{
	const char *name, *end;
	size_t n;
	return cv_vars_next(pattern, &name, &n, &end) == pattern && S_is(name, n, "row");
}

/* ---- the set: open addressing on FNV-1a, in a file --------------------- */

/* A slot of the table at the start of the file.  The table never grows
 * (it is made for `most` names), so a slot's place never changes. */
typedef struct {
	uint64_t hash;
	uint64_t at;   /* where the name's text is, + 1; 0: a free slot */
	uint64_t next; /* the suffix to try next for this name as a base */
} S_slot;

struct cv_nameset {
	int fd;
	size_t most, n;
	uint64_t cap;   /* slots: a power of two, at least twice `most` */
	uint64_t end;   /* where the next name's text goes (after the table) */
	cv_buf name;    /* a name read back, to compare */
};

cv_nameset *cv_nameset_new(int fd, size_t most)
{
	cv_nameset *s = cv_xcalloc(1, sizeof *s);
	s->fd = fd;
	s->most = most;
	s->cap = 64;
	while (s->cap < 2 * (uint64_t)most)
		s->cap *= 2;
	s->end = s->cap * sizeof(S_slot);
	return s;
}

/* Find `name` (hash h): 1 with its slot, 0 with the free slot where it would
 * go, -1 on a read error.  Names are compared only when the hashes match. */
static int S_find(cv_nameset *s, const char *name, uint64_t h, uint64_t *i, S_slot *e)
{
	size_t len = strlen(name) + 1;
	for (*i = h & (s->cap - 1);; *i = (*i + 1) & (s->cap - 1)) {
		if (cv_pread_all(s->fd, e, sizeof *e, *i * sizeof *e) != 0)
			return -1;
		if (!e->at)
			return 0;
		if (e->hash != h)
			continue;
		cv_buf_clear(&s->name);
		cv_buf_grow(&s->name, len);
		if (cv_pread_all(s->fd, s->name.ptr, len, e->at - 1) != 0)
			return -1;
		if (!memcmp(s->name.ptr, name, len))
			return 1;
	}
}

/* Put `name` in the free slot i. */
static int S_add(cv_nameset *s, const char *name, uint64_t h, uint64_t i)
{
	size_t len = strlen(name) + 1;
	S_slot e = {h, s->end + 1, 2};
	if (cv_pwrite_all(s->fd, name, len, s->end) != 0 || cv_pwrite_all(s->fd, &e, sizeof e, i * sizeof e) != 0)
		return -1;
	s->end += len;
	s->n++;
	return 0;
}

char *cv_nameset_claim(cv_nameset *s, const char *name)
{
	if (s->n >= s->most) {
		errno = ENOSPC;
		return NULL;
	}
	uint64_t h = cv_hash_str(name), i;
	S_slot e;
	int found = S_find(s, name, h, &i, &e);
	if (found < 0)
		return NULL;
	if (!found)
		return S_add(s, name, h, i) == 0 ? cv_xstrdup(name) : NULL;
	/* name-k for the first k not taken; the next k to try is remembered
	 * in the base name's slot, so that a thousand equal names cost a
	 * thousand probes, not half a million */
	uint64_t base = i, k = e.next, hk, j;
	cv_buf b = CV_BUF_INIT;
	S_slot x;
	for (;; k++) {
		cv_buf_clear(&b);
		cv_buf_printf(&b, "%s-%llu", name, (unsigned long long)k);
		hk = cv_hash_str(cv_buf_cstr(&b));
		if ((found = S_find(s, cv_buf_cstr(&b), hk, &j, &x)) <= 0)
			break;
	}
	e.next = k + 1;
	if (found < 0 || cv_pwrite_all(s->fd, &e, sizeof e, base * sizeof e) != 0 || S_add(s, cv_buf_cstr(&b), hk, j) != 0) {
		cv_buf_free(&b);
		return NULL;
	}
	return cv_buf_detach(&b, NULL);
}

void cv_nameset_free(cv_nameset *s)
{
	if (!s)
		return;
	cv_buf_free(&s->name);
	free(s);
}
