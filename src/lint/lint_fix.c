/*
 * lint_fix.c — `congvan check --fix`: the fixes that cannot change what a
 * document says (see lint.h): Unicode NFC everywhere (ND30-UTF8-NFC), and in
 * the Markdown body runs of spaces collapsed (CV-DOUBLE-SPACE) and spaces
 * before , ; : . removed (CV-SPACE-BEFORE).  The body is found with the same
 * scanner the rules use, so code spans, code blocks and table padding are
 * never touched; the front matter gets NFC only, its quoting being YAML's.
 * Without the model of the body (a file with reading errors) only NFC is
 * applied.
 */
#include "lint/lint_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "read/frontmatter.h"

static void S_change(cv_lint_changes *ch, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void S_change(cv_lint_changes *ch, int line, const char *fmt, ...)
{
	if (ch->n == ch->cap) {
		ch->cap = ch->cap ? ch->cap * 2 : 16;
		ch->v = cv_xrealloc(ch->v, ch->cap * sizeof *ch->v);
	}
	cv_lint_change *e = &ch->v[ch->n++];
	e->line = line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof e->what, fmt, ap);
	va_end(ap);
}

void cv_lint_changes_free(cv_lint_changes *ch)
{
	free(ch->v);
	ch->v = NULL;
	ch->n = ch->cap = 0;
}

typedef struct {
	size_t off, len; /* bytes of the NFC text replaced */
	const char *with;
} S_edit;

int cv_lint_fix(const char *src, size_t len, const cv_body *body, cv_buf *out, cv_lint_changes *ch)
{
	cv_arena a = CV_ARENA_INIT;
	cv_buf nfc = CV_BUF_INIT;
	size_t n0 = ch->n;
	/* 1. NFC, line by line (composition never crosses a line break) */
	int line = 1;
	if (cv_is_nfc(src, len)) {
		cv_buf_put(&nfc, src, len);
		line = -1; /* nothing to do */
	}
	for (const char *p = src, *end = src + len; line > 0 && p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		if (cv_is_nfc(p, (size_t)(e - p))) {
			cv_buf_put(&nfc, p, (size_t)(e - p));
		} else {
			cv_buf_puts(&nfc, cv_nfc(&a, p, (size_t)(e - p)));
			S_change(ch, line, _("normalised to Unicode NFC"));
		}
		if (nl)
			cv_buf_putc(&nfc, '\n');
		p = nl ? nl + 1 : end;
	}
	const char *t = cv_buf_cstr(&nfc);
	size_t tlen = nfc.len;

	/* 2. the body's spacing */
	cv_diags d = CV_DIAGS_INIT;
	size_t fm_off, fm_len, body_off;
	int body_line = 0;
	/* without the model (a file that does not read) code blocks are not
	 * known for sure: NFC only */
	bool has_body = body && cv_split_source(t, tlen, &d, &fm_off, &fm_len, &body_off, &body_line) == 0;
	cv_diags_free(&d);
	cv_lspans sp = {NULL, 0, 0};
	if (has_body)
		cv_lint_spans(t, tlen, body_line, body, &sp);
	S_edit *ed = NULL;
	size_t ned = 0, cap = 0;
	/* counted per line (a line with a code span has several spans) */
	int cur = 0, runs = 0, before = 0;
	char punct[5] = "";
	for (size_t i = 0; i <= sp.n; i++) {
		const cv_lspan *s = i < sp.n ? &sp.v[i] : NULL;
		if (s && (s->flags & CV_LS_FM))
			continue;
		if (!s || s->line != cur) {
			if (runs)
				S_change(ch, cur, P_("collapsed %d run of spaces", "collapsed %d runs of spaces", runs), runs);
			if (before) {
				char list[32] = "";
				for (size_t k = 0; punct[k]; k++)
					snprintf(list + strlen(list), sizeof list - strlen(list), "%s'%c'",
						 k == 0 ? "" : punct[k + 1] ? ", " : _(" and "), punct[k]);
				S_change(ch, cur, P_("removed %d space before %s", "removed %d spaces before %s", before), before,
					 list);
			}
			runs = before = 0;
			memset(punct, 0, sizeof punct);
			if (!s)
				break;
			cur = s->line;
		}
		const char *p = s->p, *e = s->p + s->n;
		for (const char *q = p; q < e; q++) {
			if (*q != ' ')
				continue;
			const char *r = q;
			while (r < e && *r == ' ')
				r++;
			const char *with = NULL;
			if (q > p && r < e && strchr(",;:.", *r) && !(r + 1 < e && r[1] == '.' && *r == '.') &&
			    !(r + 1 < e && r[1] >= '0' && r[1] <= '9')) {
				with = ""; /* CV-SPACE-BEFORE */
				before++;
				if (!strchr(punct, *r))
					punct[strlen(punct)] = *r;
			} else if (r - q >= 2 && q > p && r < e) {
				with = " "; /* CV-DOUBLE-SPACE */
				runs++;
			}
			if (with) {
				if (ned == cap) {
					cap = cap ? cap * 2 : 32;
					ed = cv_xrealloc(ed, cap * sizeof *ed);
				}
				ed[ned].off = (size_t)(q - t);
				ed[ned].len = (size_t)(r - q);
				ed[ned++].with = with;
			}
			q = r - 1;
		}
	}
	/* 3. apply (edits are in text order: spans are) */
	size_t at = 0;
	for (size_t i = 0; i < ned; i++) {
		cv_buf_put(out, t + at, ed[i].off - at);
		cv_buf_puts(out, ed[i].with);
		at = ed[i].off + ed[i].len;
	}
	cv_buf_put(out, t + at, tlen - at);
	free(ed);
	free(sp.v);
	cv_buf_free(&nfc);
	cv_arena_free(&a);
	/* changed lines: the changes are in line order within each pass */
	int changed = 0;
	for (size_t i = n0; i < ch->n; i++) {
		bool seen = false;
		for (size_t j = n0; j < i && !seen; j++)
			seen = ch->v[j].line == ch->v[i].line;
		changed += !seen;
	}
	return changed;
}
