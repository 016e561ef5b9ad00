/*
 * tpl_render.c — walk a compiled template with a context (tpl_int.h).
 *
 * The scope chain is a linked list of frames on the C stack, one per
 * {{#each}} iteration, so rendering allocates nothing but output.  Names
 * resolve from the innermost frame outwards; the first frame whose value is
 * a map holding the name wins.
 */
#include "tpl/tpl_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

typedef struct S_scope {
	const cv_value *v;        /* the context, or the current #each item */
	const struct S_scope *up; /* enclosing frame; NULL for the context */
	size_t i, n;              /* #each: position and count */
	bool each;
} S_scope;

typedef struct {
	cv_tpl_set *set; /* may be NULL (render_string without a set) */
	cv_buf *out;
	cv_diags *d;
	unsigned long steps; /* nodes visited, against CV_TPL_MAX_STEPS */
} S_ctx;

static void S_err(S_ctx *c, const cv_ttree *t, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void S_err(S_ctx *c, const cv_ttree *t, size_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cv_diag_vat_offset(c->d, CV_ERROR, t->name, t->src, t->len, off, NULL, fmt, ap);
	va_end(ap);
}

/* The value a VAR/IF/EACH node names.  Special names that are computed
 * (@index, @first…) are built in *tmp, whose text goes in num.  *v is NULL
 * for an unknown name; -1 only for @-names used outside any #each. */
static int S_resolve(S_ctx *c, const cv_ttree *t, const cv_tnode *nd, const S_scope *sc,
		     cv_value *tmp, char num[32], const cv_value **v)
{
	*v = NULL;
	if (nd->special == CV_TS_DOT) {
		*v = sc->v;
		return 0;
	}
	if (nd->special != CV_TS_NONE) {
		const S_scope *f = sc;
		while (f && !f->each)
			f = f->up;
		if (!f) {
			S_err(c, t, nd->off,
			      _("{{%.*s}} means nothing outside {{#each}}: "
			        "expected it between {{#each x}} and {{/each}}"),
			      (int)nd->s.n, nd->s.p);
			return -1;
		}
		memset(tmp, 0, sizeof *tmp);
		if (nd->special == CV_TS_FIRST || nd->special == CV_TS_LAST) {
			tmp->kind = CV_V_BOOL;
			tmp->b = nd->special == CV_TS_FIRST ? f->i == 0 : f->i + 1 == f->n;
		} else {
			size_t k = f->i + (nd->special == CV_TS_NUMBER);
			tmp->kind = CV_V_STR;
			tmp->len = (size_t)snprintf(num, 32, "%zu", k);
			tmp->s = num;
		}
		*v = tmp;
		return 0;
	}
	const cv_tslice *seg = &t->segs[nd->seg];
	const cv_value *cur = NULL;
	for (const S_scope *f = sc; f && !cur; f = f->up)
		cur = cv_v_getn(f->v, seg[0].p, seg[0].n);
	for (size_t k = 1; cur && k < nd->nseg; k++)
		cur = cv_v_getn(cur, seg[k].p, seg[k].n);
	*v = cur;
	return 0;
}

static int S_run(S_ctx *c, const cv_ttree *t, size_t i, size_t end, const S_scope *sc, int depth);

static int S_insert(S_ctx *c, const cv_ttree *t, const cv_tnode *nd, const cv_value *v)
{
	if (!v)
		return 0;
	switch (v->kind) {
	case CV_V_STR:
		cv_buf_put_escaped(c->out, v->s, v->len);
		return 0;
	case CV_V_FRAG:
		cv_buf_put(c->out, v->s, v->len);
		return 0;
	case CV_V_LIST:
		S_err(c, t, nd->off, _("'%.*s' is a list: use {{#each %.*s}}…{{/each}}"), (int)nd->s.n,
		      nd->s.p, (int)nd->s.n, nd->s.p);
		return -1;
	case CV_V_MAP:
		if (v->n)
			S_err(c, t, nd->off, _("'%.*s' is a map: insert one of its fields, as in {{%.*s.%s}}"),
			      (int)nd->s.n, nd->s.p, (int)nd->s.n, nd->s.p, v->keys[0]);
		else
			S_err(c, t, nd->off, _("'%.*s' is a map: insert one of its fields, as in {{%.*s.name}}"),
			      (int)nd->s.n, nd->s.p, (int)nd->s.n, nd->s.p);
		return -1;
	case CV_V_NULL:
	case CV_V_BOOL: /* booleans are for {{#if}}: "true" in a document is a bug */
		break;
	}
	return 0;
}

static int S_include(S_ctx *c, const cv_ttree *t, const cv_tnode *nd, const S_scope *sc, int depth)
{
	cv_tfile *f = c->set ? cv_tset_find(c->set, nd->s.p, nd->s.n) : NULL;
	if (!f) {
		S_err(c, t, nd->off, _("no template named '%.*s' (included from here)"), (int)nd->s.n,
		      nd->s.p);
		return -1;
	}
	if (depth >= CV_TPL_MAX_INCLUDE_DEPTH) {
		S_err(c, t, nd->off, _("include depth over %d: does the template include itself?"),
		      CV_TPL_MAX_INCLUDE_DEPTH);
		return -1;
	}
	const cv_ttree *sub;
	if (cv_tset_tree(c->set, f, c->d, &sub) < 0)
		return -1;
	if (!sub) {
		cv_buf_put(c->out, f->data, f->len);
		return 0;
	}
	return S_run(c, sub, 0, sub->n, sc, depth + 1);
}

/* Render nodes [i, end) of t. */
static int S_run(S_ctx *c, const cv_ttree *t, size_t i, size_t end, const S_scope *sc, int depth)
{
	cv_value tmp;
	char num[32];
	const cv_value *v;
	while (i < end) {
		const cv_tnode *nd = &t->nodes[i];
		if (++c->steps > CV_TPL_MAX_STEPS) {
			S_err(c, t, nd->off, _("the template does too much work (over %lu steps): "
					       "are {{#each}} blocks nested inside each other?"),
			      CV_TPL_MAX_STEPS);
			return -1;
		}
		switch (nd->kind) {
		case CV_TN_TEXT:
			cv_buf_put(c->out, nd->s.p, nd->s.n);
			i++;
			break;
		case CV_TN_VAR:
			if (S_resolve(c, t, nd, sc, &tmp, num, &v) < 0 || S_insert(c, t, nd, v) < 0)
				return -1;
			i++;
			break;
		case CV_TN_IF:
			if (S_resolve(c, t, nd, sc, &tmp, num, &v) < 0)
				return -1;
			if (cv_v_truthy(v) != nd->neg) {
				if (S_run(c, t, i + 1, nd->mid, sc, depth) < 0)
					return -1;
			} else if (S_run(c, t, nd->mid, nd->end, sc, depth) < 0) {
				return -1;
			}
			i = nd->end;
			break;
		case CV_TN_EACH:
			if (S_resolve(c, t, nd, sc, &tmp, num, &v) < 0)
				return -1;
			if (v && v->kind == CV_V_LIST) {
				for (size_t k = 0; k < v->n; k++) {
					S_scope f = {v->items[k], sc, k, v->n, true};
					if (S_run(c, t, i + 1, nd->end, &f, depth) < 0)
						return -1;
				}
			} else if (cv_v_truthy(v)) {
				/* a single value where a list may stand: one iteration */
				S_scope f = {v, sc, 0, 1, true};
				if (S_run(c, t, i + 1, nd->end, &f, depth) < 0)
					return -1;
			}
			i = nd->end;
			break;
		case CV_TN_INCLUDE:
			if (S_include(c, t, nd, sc, depth) < 0)
				return -1;
			i++;
			break;
		}
	}
	return 0;
}

int cv_tpl_render(cv_tpl_set *set, const char *name, const cv_value *ctx, cv_buf *out,
		  cv_diags *d)
{
	cv_tfile *f = set && name ? cv_tset_find(set, name, strlen(name)) : NULL;
	if (!f) {
		cv_diag_in(d, CV_ERROR, NULL, NULL, 0, 0, 0, NULL, _("no template named '%s'"),
			   name ? name : "(null)");
		return -1;
	}
	const cv_ttree *t;
	if (cv_tset_tree(set, f, d, &t) < 0)
		return -1;
	if (!t) {
		cv_buf_put(out, f->data, f->len);
		return 0;
	}
	S_ctx c = {set, out, d, 0};
	S_scope root = {ctx, NULL, 0, 0, false};
	return S_run(&c, t, 0, t->n, &root, 0);
}

int cv_tpl_render_string(cv_tpl_set *set, const char *name, const char *text,
			 const cv_value *ctx, cv_buf *out, cv_diags *d)
{
	if (!name)
		name = "<string>";
	cv_ttree *t = cv_ttree_compile(name, text ? text : "", text ? strlen(text) : 0, d);
	if (!t)
		return -1;
	S_ctx c = {set, out, d, 0};
	S_scope root = {ctx, NULL, 0, 0, false};
	int rc = S_run(&c, t, 0, t->n, &root, 0);
	cv_ttree_free(t);
	return rc;
}
