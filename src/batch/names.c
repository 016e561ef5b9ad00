/*
 * names.c — output names of a batch (see names.h).
 */
#include "batch/names.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
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

/* ---- the set: open addressing on FNV-1a ------------------------------- */

typedef struct {
	char *name;
	unsigned long next; /* the suffix to try next for this name as a base */
	bool owned;         /* name was made here (else borrowed: cv_nameset_take) */
} S_entry;

struct cv_nameset {
	S_entry *slot;
	size_t cap, n;
};

static uint64_t S_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

cv_nameset *cv_nameset_new(void)
{
	cv_nameset *s = cv_xcalloc(1, sizeof *s);
	s->cap = 64;
	s->slot = cv_xcalloc(s->cap, sizeof *s->slot);
	return s;
}

static S_entry *S_find(const cv_nameset *s, const char *name)
{
	for (size_t i = S_hash(name) & (s->cap - 1); s->slot[i].name; i = (i + 1) & (s->cap - 1))
		if (!strcmp(s->slot[i].name, name))
			return &s->slot[i];
	return NULL;
}

static S_entry *S_add(cv_nameset *s, char *name, bool owned)
{
	if (2 * (s->n + 1) > s->cap) {
		S_entry *old = s->slot;
		size_t oc = s->cap;
		s->cap *= 2;
		s->slot = cv_xcalloc(s->cap, sizeof *s->slot);
		s->n = 0;
		for (size_t i = 0; i < oc; i++)
			if (old[i].name)
			{
				S_entry *e = S_add(s, old[i].name, old[i].owned);
				e->next = old[i].next;
			}
		free(old);
	}
	size_t i = S_hash(name) & (s->cap - 1);
	while (s->slot[i].name)
		i = (i + 1) & (s->cap - 1);
	s->slot[i].name = name;
	s->slot[i].next = 2;
	s->slot[i].owned = owned;
	s->n++;
	return &s->slot[i];
}

/* name-k for the first k not taken, added to the set (owned) */
static const char *S_suffixed(cv_nameset *s, S_entry *e, const char *name);

char *cv_nameset_claim(cv_nameset *s, const char *name)
{
	S_entry *e = S_find(s, name);
	if (!e) {
		S_add(s, cv_xstrdup(name), true);
		return cv_xstrdup(name);
	}
	return cv_xstrdup(S_suffixed(s, e, name));
}

const char *cv_nameset_take(cv_nameset *s, const char *name)
{
	S_entry *e = S_find(s, name);
	if (!e) {
		S_add(s, (char *)name, false);
		return name;
	}
	return S_suffixed(s, e, name);
}

static const char *S_suffixed(cv_nameset *s, S_entry *e, const char *name)
{
	/* name-k for the first k not taken; remembered, so that a thousand
	 * equal names cost a thousand probes, not half a million */
	unsigned long k = e->next;
	cv_buf b = CV_BUF_INIT;
	for (;; k++) {
		cv_buf_clear(&b);
		cv_buf_printf(&b, "%s-%lu", name, k);
		if (!S_find(s, cv_buf_cstr(&b)))
			break;
	}
	e->next = k + 1;
	char *mine = cv_buf_detach(&b, NULL);
	S_add(s, mine, true);
	return mine;
}

void cv_nameset_free(cv_nameset *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i].owned)
			free(s->slot[i].name);
	free(s->slot);
	free(s);
}
