/*
 * tpl_parse.c — compile template text into a flat node array (tpl_int.h).
 *
 * One pass over the text: find each "{{", find its "}}", classify the tag,
 * apply the standalone-line rule, and append nodes.  Open blocks sit on a
 * small fixed stack; closing one records where its children end.  All the
 * language's syntax errors are found here, so rendering a compiled template
 * can only fail on the data (a list inserted as text, a missing include).
 */
#include "tpl/tpl_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

typedef struct {
	const char *name, *src;
	size_t len;
	cv_diags *d;
	cv_tnode *nodes;
	size_t n, cap;
	cv_tslice *segs;
	size_t nsegs, scap;
} S_parser;

/* An open block: its node, and its tag as written, for messages. */
typedef struct {
	size_t node;
	size_t ts, te; /* the tag is src[ts..te) */
	bool has_else;
} S_open;

static void S_err(S_parser *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void S_err(S_parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cv_diag_vat_offset(p->d, CV_ERROR, p->name, p->src, p->len, off, NULL, fmt, ap);
	va_end(ap);
}

/* Append a node; returns its index (pointers into nodes move on growth). */
static size_t S_node(S_parser *p, int kind, size_t off)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->nodes = cv_xrealloc(p->nodes, p->cap * sizeof *p->nodes);
	}
	cv_tnode *nd = &p->nodes[p->n];
	memset(nd, 0, sizeof *nd);
	nd->kind = (unsigned char)kind;
	nd->off = off;
	return p->n++;
}

static void S_seg(S_parser *p, const char *s, size_t n)
{
	if (p->nsegs == p->scap) {
		p->scap = p->scap ? p->scap * 2 : 16;
		p->segs = cv_xrealloc(p->segs, p->scap * sizeof *p->segs);
	}
	p->segs[p->nsegs].p = s;
	p->segs[p->nsegs].n = n;
	p->nsegs++;
}

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static cv_tslice S_trim(const char *s, size_t n)
{
	while (n && S_space(*s)) {
		s++;
		n--;
	}
	while (n && S_space(s[n - 1]))
		n--;
	return (cv_tslice){s, n};
}

static bool S_is(cv_tslice s, const char *word)
{
	size_t n = strlen(word);
	return s.n == n && memcmp(s.p, word, n) == 0;
}

/* Bytes allowed in a name segment: ASCII letters and digits, '_', '-', and
 * any non-ASCII byte (so a Vietnamese key works). */
static bool S_name_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c >= 0x80;
}

/* Fill node i's path from `path` (trimmed, non-empty).  0, or -1 with an error
 * at the tag's offset. */
static int S_path(S_parser *p, size_t i, cv_tslice path, size_t ts, size_t te)
{
	static const struct {
		const char *name;
		unsigned char special;
	} specials[] = {
		{".", CV_TS_DOT},
		{"@index", CV_TS_INDEX},
		{"@number", CV_TS_NUMBER},
		{"@first", CV_TS_FIRST},
		{"@last", CV_TS_LAST},
	};
	p->nodes[i].s = path;
	for (size_t k = 0; k < sizeof specials / sizeof *specials; k++) {
		if (S_is(path, specials[k].name)) {
			p->nodes[i].special = specials[k].special;
			return 0;
		}
	}
	if (path.p[0] == '@') {
		S_err(p, ts, _("unknown name '%.*s' in %.*s: expected @index, @number, @first or @last"),
		      (int)path.n, path.p, (int)(te - ts), p->src + ts);
		return -1;
	}
	size_t first = p->nsegs, start = 0;
	for (size_t k = 0; k <= path.n; k++) {
		if (k < path.n && path.p[k] != '.') {
			if (S_name_byte((unsigned char)path.p[k]))
				continue;
		} else if (k > start) {
			S_seg(p, path.p + start, k - start);
			start = k + 1;
			continue;
		}
		S_err(p, ts,
		      _("bad name '%.*s' in %.*s: expected letters, digits, '_' or '-', "
		        "with '.' between the parts of a path"),
		      (int)path.n, path.p, (int)(te - ts), p->src + ts);
		return -1;
	}
	p->nodes[i].seg = first;
	p->nodes[i].nseg = p->nsegs - first;
	return 0;
}

/* The tag's name as written in messages: "{{/if}}" for an IF, say. */
static const char *S_block_word(const S_parser *p, const S_open *o)
{
	return p->nodes[o->node].kind == CV_TN_IF ? "if" : "each";
}

static void S_unknown(S_parser *p, size_t ts, size_t te)
{
	S_err(p, ts,
	      _("unknown tag %.*s: expected {{name}}, {{#if x}}, {{#else}}, {{/if}}, "
	        "{{#each x}}, {{/each}}, {{> file}} or {{! comment}}"),
	      (int)(te - ts), p->src + ts);
}

cv_ttree *cv_ttree_compile(const char *name, const char *src, size_t len, cv_diags *d)
{
	S_parser p = {name, src, len, d, NULL, 0, 0, NULL, 0, 0};
	S_open stack[CV_TPL_MAX_NEST];
	size_t depth = 0, cursor = 0, pos = 0;

	if (len > CV_TPL_MAX_SIZE) {
		S_err(&p, 0, _("template is %zu bytes, over the %zu MiB limit"), len,
		      CV_TPL_MAX_SIZE >> 20);
		return NULL;
	}
	for (;;) {
		const char *open = cv_tfind2(src + pos, len - pos, '{');
		if (!open)
			break;
		size_t ts = (size_t)(open - src), cs = ts + 2;
		bool comment = cs < len && src[cs] == '!';
		size_t window = len - cs;
		if (!comment && window > CV_TPL_MAX_TAG + 2)
			window = CV_TPL_MAX_TAG + 2;
		const char *close = cv_tfind2(src + cs, window, '}');
		if (!close) {
			if (comment)
				S_err(&p, ts, _("unclosed comment: expected '}}' to end {{!"));
			else if (window < len - cs)
				S_err(&p, ts, _("unclosed tag: expected '}}' within %d bytes of '{{'"),
				      CV_TPL_MAX_TAG);
			else
				S_err(&p, ts, _("unclosed tag: expected '}}' after '{{'"));
			goto fail;
		}
		size_t te = (size_t)(close - src) + 2;
		cv_tslice body = S_trim(src + cs, (size_t)(close - src) - cs);
		char sigil = body.n ? body.p[0] : '\0';
		comment |= sigil == '!'; /* "{{ ! x }}": a comment all the same */

		/* Standalone line: only blanks around a non-inserting tag.  Then
		 * the text before it stops at the line start and the text after it
		 * resumes on the next line. */
		size_t lit_end = ts, next = te;
		if (comment || sigil == '#' || sigil == '/' || sigil == '>') {
			size_t ls = ts, re = te;
			while (ls > cursor && (src[ls - 1] == ' ' || src[ls - 1] == '\t'))
				ls--;
			while (re < len && (src[re] == ' ' || src[re] == '\t'))
				re++;
			if (re + 1 < len && src[re] == '\r' && src[re + 1] == '\n')
				re++;
			if ((ls == 0 || src[ls - 1] == '\n') && (re == len || src[re] == '\n')) {
				lit_end = ls;
				next = re < len ? re + 1 : re;
			}
		}
		if (lit_end > cursor) {
			size_t i = S_node(&p, CV_TN_TEXT, cursor);
			p.nodes[i].s = (cv_tslice){src + cursor, lit_end - cursor};
		}
		cursor = pos = next;

		if (comment)
			continue;
		if (sigil == '#') {
			cv_tslice word = {body.p + 1, 0};
			while (word.n < body.n - 1 && !S_space(word.p[word.n]))
				word.n++;
			cv_tslice rest = S_trim(word.p + word.n, body.n - 1 - word.n);
			if (S_is(word, "else")) {
				if (rest.n) {
					S_err(&p, ts, _("{{#else}} takes no name: expected {{#else}}"));
					goto fail;
				}
				if (!depth) {
					S_err(&p, ts, _("{{#else}} outside {{#if}}: expected it between {{#if x}} and {{/if}}"));
					goto fail;
				}
				S_open *o = &stack[depth - 1];
				if (p.nodes[o->node].kind != CV_TN_IF) {
					int line, col;
					cv_diag_locate(src, len, o->ts, &line, &col);
					S_err(&p, ts, _("{{#else}} inside %.*s (line %d): only {{#if}} has an {{#else}}"),
					      (int)(o->te - o->ts), src + o->ts, line);
					goto fail;
				}
				if (o->has_else) {
					int line, col;
					cv_diag_locate(src, len, o->ts, &line, &col);
					S_err(&p, ts, _("second {{#else}} in %.*s (line %d): expected {{/if}}"),
					      (int)(o->te - o->ts), src + o->ts, line);
					goto fail;
				}
				o->has_else = true;
				p.nodes[o->node].mid = p.n;
				continue;
			}
			bool is_if = S_is(word, "if");
			if (!is_if && !S_is(word, "each")) {
				S_unknown(&p, ts, te);
				goto fail;
			}
			size_t i = S_node(&p, is_if ? CV_TN_IF : CV_TN_EACH, ts);
			if (is_if && rest.n >= 3 && memcmp(rest.p, "not", 3) == 0 &&
			    (rest.n == 3 || S_space(rest.p[3]))) {
				p.nodes[i].neg = true;
				rest = S_trim(rest.p + 3, rest.n - 3);
				if (!rest.n) {
					S_err(&p, ts, _("%.*s needs a name after 'not': expected {{#if not x}}"),
					      (int)(te - ts), src + ts);
					goto fail;
				}
			}
			if (!rest.n) {
				S_err(&p, ts, is_if ? _("{{#if}} needs a name: expected {{#if x}} or {{#if not x}}")
						    : _("{{#each}} needs a name: expected {{#each list}}"));
				goto fail;
			}
			if (S_path(&p, i, rest, ts, te) < 0)
				goto fail;
			if (depth == CV_TPL_MAX_NEST) {
				S_err(&p, ts, _("blocks nested more than %d deep: expected a {{/if}} or {{/each}} before this"),
				      CV_TPL_MAX_NEST);
				goto fail;
			}
			stack[depth++] = (S_open){i, ts, te, false};
		} else if (sigil == '/') {
			cv_tslice word = S_trim(body.p + 1, body.n - 1);
			bool is_if = S_is(word, "if");
			if (!is_if && !S_is(word, "each")) {
				S_unknown(&p, ts, te);
				goto fail;
			}
			if (!depth) {
				S_err(&p, ts, _("{{/%s}} closes nothing: no {{#%s}} is open"), is_if ? "if" : "each",
				      is_if ? "if" : "each");
				goto fail;
			}
			S_open *o = &stack[depth - 1];
			cv_tnode *nd = &p.nodes[o->node];
			if ((nd->kind == CV_TN_IF) != is_if) {
				int line, col;
				cv_diag_locate(src, len, o->ts, &line, &col);
				S_err(&p, ts, _("{{/%s}} does not close %.*s (line %d): expected {{/%s}}"),
				      is_if ? "if" : "each", (int)(o->te - o->ts), src + o->ts, line,
				      S_block_word(&p, o));
				goto fail;
			}
			nd->end = p.n;
			if (!o->has_else)
				nd->mid = p.n;
			depth--;
		} else if (sigil == '>') {
			cv_tslice file = S_trim(body.p + 1, body.n - 1);
			bool blank = false;
			for (size_t k = 0; k < file.n; k++)
				blank |= S_space(file.p[k]);
			if (!file.n || blank) {
				S_err(&p, ts, _("bad include %.*s: expected {{> path/to/file}}"),
				      (int)(te - ts), src + ts);
				goto fail;
			}
			size_t i = S_node(&p, CV_TN_INCLUDE, ts);
			p.nodes[i].s = file;
		} else if (!body.n) {
			S_err(&p, ts, _("empty tag {{}}: expected a name, as in {{so_hieu}}"));
			goto fail;
		} else {
			size_t i = S_node(&p, CV_TN_VAR, ts);
			if (S_path(&p, i, body, ts, te) < 0)
				goto fail;
		}
	}
	if (depth) {
		S_open *o = &stack[depth - 1];
		S_err(&p, o->ts, _("unclosed %.*s opened here: expected {{/%s}}"), (int)(o->te - o->ts),
		      src + o->ts, S_block_word(&p, o));
		goto fail;
	}
	if (cursor < len) {
		size_t i = S_node(&p, CV_TN_TEXT, cursor);
		p.nodes[i].s = (cv_tslice){src + cursor, len - cursor};
	}

	cv_ttree *t = cv_xmalloc(sizeof *t);
	*t = (cv_ttree){name, src, len, p.nodes, p.n, p.segs, p.nsegs};
	return t;
fail:
	free(p.nodes);
	free(p.segs);
	return NULL;
}

void cv_ttree_free(cv_ttree *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->segs);
	free(t);
}
