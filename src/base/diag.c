/*
 * diag.c — the diagnostics list and its printer (see diag.h).
 */
#include "diag.h"
#include "buf.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void S_add(cv_diags *d, cv_severity sev, const char *file, const char *src, size_t src_len,
		  int line, int col, const char *rule, const char *fmt, va_list ap)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = cv_xrealloc(d->items, d->cap * sizeof *d->items);
	}
	cv_buf b = CV_BUF_INIT;
	cv_buf_vprintf(&b, fmt, ap);
	cv_diag *e = &d->items[d->n++];
	e->sev = sev;
	e->file = file;
	e->src = src;
	e->src_len = src_len;
	e->line = line;
	e->col = col;
	e->rule = rule;
	e->msg = cv_buf_detach(&b, NULL);
	if (sev == CV_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void cv_diag_at(cv_diags *d, cv_severity sev, int line, int col, const char *rule,
		const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	S_add(d, sev, d->file, d->src, d->src_len, line, col, rule, fmt, ap);
	va_end(ap);
}

void cv_diag_in(cv_diags *d, cv_severity sev, const char *file, const char *src, size_t src_len,
		int line, int col, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	S_add(d, sev, file, src, src_len, line, col, rule, fmt, ap);
	va_end(ap);
}

void cv_diag_vat_offset(cv_diags *d, cv_severity sev, const char *file, const char *src,
			size_t src_len, size_t off, const char *rule, const char *fmt, va_list ap)
{
	int line, col;
	cv_diag_locate(src, src_len, off, &line, &col);
	S_add(d, sev, file, src, src_len, line, col, rule, fmt, ap);
}

void cv_diag_locate(const char *src, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)src[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++; /* count code points: skip UTF-8 continuation bytes */
		}
	}
	*line = l;
	*col = c;
}

void cv_diag_format(const cv_diag *e, char *out, size_t outlen)
{
	/* only the severity word and the message are translated: the
	 * "FILE:LINE:COL: " prefix and the " [RULE-ID]" suffix are the same in
	 * every language, for editors and scripts that read them */
	const char *sev = e->sev == CV_ERROR ? _("error") : _("warning");
	char rule[80] = "";
	if (e->rule)
		snprintf(rule, sizeof rule, " [%s]", e->rule);
	if (e->file && e->line > 0 && e->col > 0)
		snprintf(out, outlen, "%s:%d:%d: %s: %s%s", e->file, e->line, e->col, sev, e->msg, rule);
	else if (e->file && e->line > 0)
		snprintf(out, outlen, "%s:%d: %s: %s%s", e->file, e->line, sev, e->msg, rule);
	else if (e->file)
		snprintf(out, outlen, "%s: %s: %s%s", e->file, sev, e->msg, rule);
	else
		snprintf(out, outlen, "%s: %s%s", sev, e->msg, rule);
}

/* Quotes are cut here: a 10 MB line is not worth quoting whole. */
#define QUOTE_MAX 200

void cv_diag_quote(const cv_diag *e, cv_buf *out)
{
	if (!e->src || e->line <= 0 || e->col <= 0)
		return;
	const char *p = e->src, *end = e->src + e->src_len;
	for (int l = 1; l < e->line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return;
		p = nl + 1;
	}
	if (p >= end)
		return;
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	size_t n = (size_t)(eol - p);
	if (n && p[n - 1] == '\r')
		n--;
	if (n > QUOTE_MAX)
		n = QUOTE_MAX;
	cv_buf_printf(out, " %5d | ", e->line);
	for (size_t i = 0; i < n;) {
		/* tabs and control bytes shown as spaces, bytes that are not
		 * UTF-8 as '?', so the quote never garbles a terminal or a page */
		unsigned char c = (unsigned char)p[i];
		size_t l = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		int ok = l > 0 && i + l <= n;
		for (size_t k = 1; ok && k < l; k++)
			ok = ((unsigned char)p[i + k] & 0xC0) == 0x80;
		if (!ok) {
			cv_buf_putc(out, '?');
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			cv_buf_putc(out, ' ');
			i++;
		} else {
			cv_buf_put(out, p + i, l);
			i += l;
		}
	}
	cv_buf_puts(out, "\n       | ");
	for (int c = 1; c < e->col && c < QUOTE_MAX; c++)
		cv_buf_putc(out, ' ');
	cv_buf_puts(out, "^\n");
}

void cv_diag_print(const cv_diags *d, FILE *f, int quote, cv_severity min_sev)
{
	char line[4096];
	for (size_t i = 0; i < d->n; i++) {
		const cv_diag *e = &d->items[i];
		if (e->sev < min_sev)
			continue;
		cv_diag_format(e, line, sizeof line);
		fprintf(f, "%s\n", line);
		if (quote && e->src && e->line > 0 && e->col > 0) {
			cv_buf q = CV_BUF_INIT;
			cv_diag_quote(e, &q);
			fputs(cv_buf_cstr(&q), f);
			cv_buf_free(&q);
		}
	}
}

void cv_diags_clear(cv_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->items[i].msg);
	d->n = 0;
	d->errors = d->warnings = 0;
}

void cv_diags_free(cv_diags *d)
{
	cv_diags_clear(d);
	free(d->items);
	d->items = NULL;
	d->cap = 0;
}
