/*
 * vars.c — placeholders and per-row front-matter keys (see vars.h).
 */
#include "read/vars.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/text.h"

/* A placeholder name longer than this is not one (it is text with braces). */
#define VAR_NAME_MAX 128

/* Find the next "{{name}}" in s from p: returns its start, sets the name
 * span (trimmed) and the end (after "}}"); NULL when there is none. */
const char *cv_vars_next(const char *p, const char **name, size_t *nlen, const char **end)
{
	for (const char *o = strstr(p, "{{"); o; o = strstr(o + 1, "{{")) {
		const char *c = strstr(o + 2, "}}");
		if (!c)
			return NULL;
		const char *ns = o + 2, *ne = c;
		while (ns < ne && *ns == ' ')
			ns++;
		while (ne > ns && ne[-1] == ' ')
			ne--;
		if (ne == ns || ne - ns > VAR_NAME_MAX || memchr(ns, '{', (size_t)(ne - ns)))
			continue;
		*name = ns;
		*nlen = (size_t)(ne - ns);
		*end = c + 2;
		return o;
	}
	return NULL;
}

bool cv_vars_has_placeholder(const char *s)
{
	const char *n, *e;
	size_t l;
	return s && cv_vars_next(s, &n, &l, &e) != NULL;
}

static const char *S_lookup(const cv_vars *v, const char *name, size_t len)
{
	for (size_t i = 0; i < v->n; i++)
		if (strlen(v->names[i]) == len && memcmp(v->names[i], name, len) == 0)
			return v->values[i] ? v->values[i] : "";
	return NULL;
}

static void S_unknown(cv_diags *d, const cv_vars *v, int line, int col, const char *name, size_t len)
{
	cv_buf cols = CV_BUF_INIT;
	for (size_t i = 0; i < v->n && i < 40; i++) {
		cv_buf_puts(&cols, i ? ", " : "");
		cv_buf_puts(&cols, v->names[i]);
	}
	if (v->n > 40)
		cv_buf_puts(&cols, ", …");
	cv_diag_at(d, CV_ERROR, line, col, NULL,
		   _("placeholder {{%.*s}} has no column in the data; the columns are: %s"), (int)len, name,
		   v->n ? cv_buf_cstr(&cols) : _("(none)"));
	cv_buf_free(&cols);
}

/* s with its placeholders replaced (NFC), or s itself when it has none.
 * Unknown placeholders are reported at (line, col + their offset). */
static const char *S_subst(cv_arena *a, const char *s, const cv_vars *v, int line, int col, cv_diags *d)
{
	const char *name, *end;
	size_t nlen;
	const char *o = cv_vars_next(s, &name, &nlen, &end);
	if (!o)
		return s;
	cv_buf out = CV_BUF_INIT;
	const char *p = s;
	while ((o = cv_vars_next(p, &name, &nlen, &end)) != NULL) {
		cv_buf_put(&out, p, (size_t)(o - p));
		const char *val = S_lookup(v, name, nlen);
		if (val) {
			cv_buf_puts(&out, val);
		} else {
			int l, c;
			cv_diag_locate(s, strlen(s), (size_t)(o - s), &l, &c);
			S_unknown(d, v, line + l - 1, l == 1 ? col + c - 1 : c, name, nlen);
			cv_buf_put(&out, o, (size_t)(end - o));
		}
		p = end;
	}
	cv_buf_puts(&out, p);
	char *r = cv_nfc(a, cv_buf_cstr(&out), out.len);
	cv_buf_free(&out);
	return r;
}

static void S_fm_walk(cv_arena *a, cv_ynode *n, const cv_vars *v, cv_diags *d, int depth)
{
	if (!n || depth > 64)
		return;
	if (n->kind == CV_Y_SCALAR) {
		/* a quoted or block scalar starts after its opening character */
		n->text = S_subst(a, n->text, v, n->line, n->col + (n->plain ? 0 : 1), d);
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		S_fm_walk(a, n->items[i], v, d, depth + 1);
}

/* A value as a front-matter node: lines become a list when there are several. */
static cv_ynode *S_value_node(cv_arena *a, const char *val)
{
	cv_ynode *n = cv_arena_alloc(a, sizeof *n);
	n->line = n->col = 0; /* from the data, not the file */
	if (!strchr(val, '\n')) {
		n->kind = CV_Y_SCALAR;
		n->text = cv_nfc(a, val, strlen(val));
		return n;
	}
	size_t count = 1;
	for (const char *p = val; *p; p++)
		count += *p == '\n';
	n->kind = CV_Y_SEQ;
	n->items = cv_arena_alloc(a, count * sizeof *n->items);
	for (const char *p = val; *p;) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		if (l && p[l - 1] == '\r')
			l--;
		if (l) {
			cv_ynode *it = cv_arena_alloc(a, sizeof *it);
			it->kind = CV_Y_SCALAR;
			it->text = cv_nfc(a, p, l);
			n->items[n->n++] = it;
		}
		p = nl ? nl + 1 : p + strlen(p);
	}
	return n;
}

/* Set key in map (replacing, or appending with room made in the arena). */
static void S_set(cv_arena *a, cv_ynode *map, const char *key, cv_ynode *val)
{
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i], key) == 0) {
			val->line = map->items[i]->line;
			val->col = map->items[i]->col;
			map->items[i] = val;
			return;
		}
	}
	size_t n = map->n + 1;
	cv_ynode **items = cv_arena_alloc(a, n * sizeof *items);
	const char **keys = cv_arena_alloc(a, n * sizeof *keys);
	int *kl = cv_arena_alloc(a, n * sizeof *kl), *kc = cv_arena_alloc(a, n * sizeof *kc);
	if (map->n) {
		memcpy(items, map->items, map->n * sizeof *items);
		memcpy(keys, map->keys, map->n * sizeof *keys);
		memcpy(kl, map->key_line, map->n * sizeof *kl);
		memcpy(kc, map->key_col, map->n * sizeof *kc);
	}
	items[map->n] = val;
	keys[map->n] = cv_arena_strdup(a, key);
	kl[map->n] = kc[map->n] = 0;
	map->items = items;
	map->keys = keys;
	map->key_line = kl;
	map->key_col = kc;
	map->n = n;
}

cv_ynode *cv_vars_apply_fm(cv_arena *a, cv_ynode *fm, const cv_vars *v,
			   bool (*is_key)(const char *key, void *ctx), void *ctx, cv_diags *d)
{
	if (!fm) {
		fm = cv_arena_alloc(a, sizeof *fm);
		fm->kind = CV_Y_MAP;
		fm->line = fm->col = 1;
	}
	if (fm->kind != CV_Y_MAP)
		return fm;
	/* placeholders first: a column's own value is never searched for them */
	S_fm_walk(a, fm, v, d, 0);
	for (size_t i = 0; i < v->n; i++) {
		const char *name = v->names[i];
		const char *dot = strchr(name, '.');
		if (dot) { /* "ky.ho_ten": a key of a mapping */
			char *parent = cv_arena_strndup(a, name, (size_t)(dot - name));
			if (!is_key(parent, ctx) || !*(dot + 1))
				continue;
			cv_ynode *m = NULL;
			for (size_t k = 0; k < fm->n; k++)
				if (!strcmp(fm->keys[k], parent))
					m = fm->items[k];
			if (!m) {
				m = cv_arena_alloc(a, sizeof *m);
				m->kind = CV_Y_MAP;
				S_set(a, fm, parent, m);
			}
			if (m->kind == CV_Y_MAP)
				S_set(a, m, dot + 1, S_value_node(a, v->values[i] ? v->values[i] : ""));
		} else if (is_key(name, ctx)) {
			S_set(a, fm, name, S_value_node(a, v->values[i] ? v->values[i] : ""));
		}
	}
	return fm;
}

/* Column of the first "{{" of `name` on input line `line`, or 1. */
static int S_col_in_source(const cv_diags *d, int line, const char *needle)
{
	if (!d->src)
		return 1;
	const char *p = d->src, *end = d->src + d->src_len;
	for (int l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	size_t nl = strlen(needle);
	for (const char *q = p; q + nl <= eol; q++) {
		if (memcmp(q, needle, nl) == 0) {
			int l, c;
			cv_diag_locate(p, (size_t)(eol - p), (size_t)(q - p), &l, &c);
			return c;
		}
	}
	return 1;
}

static void S_inlines(cv_arena *a, cv_inlines *in, const cv_vars *v, int line, cv_diags *d)
{
	for (size_t i = 0; i < in->n; i++) {
		const char *t = in->runs[i].text;
		const char *name, *end;
		size_t nlen;
		if (!t || !cv_vars_next(t, &name, &nlen, &end))
			continue;
		/* report unknown names at their column in the source line */
		for (const char *p = t; cv_vars_next(p, &name, &nlen, &end); p = end) {
			if (!S_lookup(v, name, nlen)) {
				char needle[VAR_NAME_MAX + 4];
				snprintf(needle, sizeof needle, "{{%.*s", (int)nlen, name);
				S_unknown(d, v, line, S_col_in_source(d, line, needle), name, nlen);
			}
		}
		cv_diags quiet = CV_DIAGS_INIT; /* already reported above */
		in->runs[i].text = S_subst(a, t, v, line, 1, &quiet);
		cv_diags_free(&quiet);
	}
}

void cv_vars_apply_body(cv_arena *a, cv_body *b, const cv_vars *v, cv_diags *d)
{
	for (size_t i = 0; i < b->n; i++) {
		cv_block *blk = &b->blocks[i];
		if (blk->kind == CV_BLOCK_TABLE) {
			cv_table *t = blk->table;
			/* row r of the table is on line blk->line + r, plus one for the
			 * delimiter row "|---|" after the header */
			for (size_t c = 0; c < t->nrows * t->ncols; c++) {
				size_t r = c / t->ncols;
				int line = blk->line + (int)r + (r >= t->header_rows && t->header_rows ? 1 : 0);
				S_inlines(a, &t->cells[c], v, line, d);
			}
		} else {
			S_inlines(a, &blk->in, v, blk->line, d);
		}
	}
}
