/*
 * body.c — Markdown body → cv_body, through cmark-gfm (see body.h).
 */
#include "read/body.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/text.h"

/* Lists and quotes nested deeper than this are not a dispatch; the limit
 * bounds the recursion of S_blocks (cmark itself accepts any depth). */
#define BODY_MAX_DEPTH 32
/* Emphasis nesting is tracked with counters, not recursion; no limit needed. */

static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static void S_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

typedef struct {
	cv_arena *a;
	cv_diags *d;
	const char *text;
	size_t len;
	int line0; /* input line of body line 1, minus 1 */
	cv_body *out;
	int failed;
	size_t *line_at; /* byte offset of each body line (1-based), so markers are found in O(1) */
	size_t nlines;
	bool refs;       /* the text has a '&': cmark may decode a character reference */
} S_ctx;

/* The text of body line `ln` (1-based) from byte column `col` (1-based). */
static const char *S_at(const S_ctx *c, int ln, int col, const char **end)
{
	*end = c->text + c->len;
	if (ln < 1 || (size_t)ln > c->nlines)
		return *end;
	const char *p = c->text + c->line_at[ln];
	const char *eol = memchr(p, '\n', (size_t)(*end - p));
	if (eol)
		*end = eol;
	return col > 1 && (size_t)(col - 1) <= (size_t)(*end - p) ? p + col - 1 : p;
}

/* Debian 12's cmark-gfm headers do not declare CMARK_NODE_TABLE & co. (the
 * library exports them), so extension nodes are recognised by type string
 * here and nowhere else. */
static int S_is(cmark_node *n, const char *type)
{
	return strcmp(cmark_node_get_type_string(n), type) == 0;
}

void cv_inlines_add(cv_arena *a, cv_inlines *in, const char *text, size_t n, int bold, int italic)
{
	if (in->n == in->cap) {
		size_t nc = in->cap ? in->cap * 2 : 4;
		cv_run *r = cv_arena_alloc(a, nc * sizeof *r);
		if (in->n)
			memcpy(r, in->runs, in->n * sizeof *r);
		in->runs = r;
		in->cap = nc;
	}
	cv_run *r = &in->runs[in->n++];
	r->text = text ? cv_nfc(a, text, n) : NULL;
	r->bold = !!bold;
	r->italic = !!italic;
}

/* Text that a character reference ("&#1;", "&#xFFFF;") made into what a
 * document cannot hold: a control character, U+FFFE or U+FFFF (which cmark
 * even encodes as a lone byte).  The input itself was checked before
 * (cv_utf8_check); this is the one way such a character comes back. */
static bool S_bad_ref(S_ctx *c, cmark_node *n, cmark_node *leaf, const char *lit)
{
	size_t bad;
	const char *why;
	if (!cv_utf8_check(lit, strlen(lit), &bad, &why))
		return false;
	int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
	if (line <= 0) { /* inlines without a position: the block's */
		line = cmark_node_get_start_line(leaf);
		col = cmark_node_get_start_column(leaf);
	}
	/* point at the reference itself: the first numeric one on the line
	 * (from the node on) that names such a character */
	if (line >= 1 && (size_t)line <= c->nlines) {
		const char *s = c->text + c->line_at[line], *e = memchr(s, '\n', c->len - c->line_at[line]);
		if (!e)
			e = c->text + c->len;
		for (const char *q = s; q + 2 < e; q++) {
			if (q[0] != '&' || q[1] != '#')
				continue;
			int hex = q[2] == 'x' || q[2] == 'X';
			unsigned long v = strtoul(q + 2 + hex, NULL, hex ? 16 : 10);
			if (v <= 0x10FFFF && !cv_xml_char((int32_t)v)) {
				int l;
				cv_diag_locate(c->text, c->len, (size_t)(q - c->text), &l, &col);
				break;
			}
		}
	}
	cv_diag_at(c->d, CV_ERROR, line + c->line0, col > 0 ? col : 1, NULL,
		   _("a character reference (&#…;) here stands for a character a document cannot hold (a control "
		     "character, U+FFFE or U+FFFF): write the text itself"));
	c->failed = 1;
	return true;
}

/* The inline content of a leaf block, walked with cmark's iterator so that
 * deeply nested emphasis costs no stack. */
/* Text of the same style is gathered in `pend` and becomes one run when the
 * style changes: one copy per run, whatever the number of cmark nodes. */
typedef struct {
	cv_buf text;
	int bold, italic;
} S_pending;

static void S_flush(S_ctx *c, cv_inlines *in, S_pending *p)
{
	if (p->text.len)
		cv_inlines_add(c->a, in, p->text.ptr, p->text.len, p->bold, p->italic);
	cv_buf_clear(&p->text);
}

static void S_text(S_ctx *c, cv_inlines *in, S_pending *p, const char *s, int bold, int italic)
{
	if (p->text.len && (p->bold != bold || p->italic != italic))
		S_flush(c, in, p);
	p->bold = bold;
	p->italic = italic;
	cv_buf_puts(&p->text, s);
}

/* The inline content of a leaf block, walked with cmark's iterator so that
 * deeply nested emphasis costs no stack. */
static void S_inlines(S_ctx *c, cmark_node *leaf, cv_inlines *in)
{
	cmark_iter *it = cmark_iter_new(leaf);
	int bold = 0, italic = 0;
	S_pending p = {CV_BUF_INIT, 0, 0};
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == leaf)
			continue;
		int enter = ev == CMARK_EVENT_ENTER;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_STRONG:
			bold += enter ? 1 : -1;
			break;
		case CMARK_NODE_EMPH:
			italic += enter ? 1 : -1;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE: /* raw HTML is shown as text, never passed through */
		{
			const char *lit = cmark_node_get_literal(n);
			if (lit && c->refs && S_bad_ref(c, n, leaf, lit))
				break;
			if (lit)
				S_text(c, in, &p, lit, bold > 0, italic > 0);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
			S_text(c, in, &p, " ", bold > 0, italic > 0);
			break;
		case CMARK_NODE_LINEBREAK:
			S_flush(c, in, &p);
			cv_inlines_add(c->a, in, NULL, 0, 0, 0);
			break;
		default: /* links and images: their text (children) is kept */
			break;
		}
	}
	S_flush(c, in, &p);
	cv_buf_free(&p.text);
	cmark_iter_free(it);
}

static cv_block *S_new_block(S_ctx *c, cv_block_kind kind, cmark_node *n, int quote)
{
	cv_body *b = c->out;
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 32;
		cv_block *nb = cv_arena_alloc(c->a, nc * sizeof *nb);
		if (b->n)
			memcpy(nb, b->blocks, b->n * sizeof *nb);
		b->blocks = nb;
		b->cap = nc;
	}
	cv_block *blk = &b->blocks[b->n++];
	memset(blk, 0, sizeof *blk);
	blk->kind = kind;
	blk->quote = quote;
	blk->line = cmark_node_get_start_line(n) + c->line0;
	return blk;
}

/* Literal text of a code or HTML block as lines separated by breaks. */
static void S_literal_lines(S_ctx *c, cv_inlines *in, const char *lit)
{
	size_t n = strlen(lit);
	while (n && (lit[n - 1] == '\n' || lit[n - 1] == '\r'))
		n--;
	const char *p = lit, *end = lit + n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t l = (size_t)(e - p);
		if (l && p[l - 1] == '\r')
			l--;
		if (l)
			cv_inlines_add(c->a, in, p, l, 0, 0);
		if (!nl)
			break;
		cv_inlines_add(c->a, in, NULL, 0, 0, 0);
		p = nl + 1;
	}
}

static void S_table(S_ctx *c, cmark_node *tn, int quote)
{
	cv_block *blk = S_new_block(c, CV_BLOCK_TABLE, tn, quote);
	cv_table *t = cv_arena_alloc(c->a, sizeof *t);
	blk->table = t;
	t->ncols = cmark_gfm_extensions_get_table_columns(tn);
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(tn);
	t->align = cv_arena_alloc(c->a, (t->ncols ? t->ncols : 1) * sizeof *t->align);
	for (size_t i = 0; i < t->ncols; i++) {
		char ch = al ? (char)al[i] : 0;
		t->align[i] = ch == 'l' ? CV_ALIGN_LEFT : ch == 'c' ? CV_ALIGN_CENTER
			    : ch == 'r' ? CV_ALIGN_RIGHT : CV_ALIGN_NONE;
	}
	for (cmark_node *r = cmark_node_first_child(tn); r; r = cmark_node_next(r))
		t->nrows++;
	t->cells = cv_arena_alloc(c->a, (t->nrows * t->ncols + 1) * sizeof *t->cells);
	size_t ri = 0;
	int in_header = 1;
	for (cmark_node *r = cmark_node_first_child(tn); r; r = cmark_node_next(r), ri++) {
		if (in_header && cmark_gfm_extensions_get_table_row_is_header(r))
			t->header_rows++;
		else
			in_header = 0;
		size_t ci = 0;
		for (cmark_node *cell = cmark_node_first_child(r); cell && ci < t->ncols;
		     cell = cmark_node_next(cell), ci++)
			S_inlines(c, cell, &t->cells[ri * t->ncols + ci]);
	}
}

static void S_blocks(S_ctx *c, cmark_node *parent, int quote, int depth);
static void S_block(S_ctx *c, cmark_node *n, int quote, int depth);

static void S_list(S_ctx *c, cmark_node *list, int quote, int depth)
{
	int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int num = cmark_node_get_list_start(list);
	char delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.';
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item), num++) {
		/* the marker exactly as the author typed it: "3." stays "3." even
		 * when it follows "1.", "01." keeps its zero; bullets "-" and "+"
		 * are kept, "*" reads as "-" */
		const char *end, *q = S_at(c, cmark_node_get_start_line(item),
					   cmark_node_get_start_column(item), &end);
		while (q < end && (*q == ' ' || *q == '>' || *q == '\t'))
			q++; /* markers inside block quotes start after the '>' */
		const char *marker;
		if (ordered) {
			size_t nd = 0;
			while (q + nd < end && nd < 9 && q[nd] >= '0' && q[nd] <= '9')
				nd++;
			if (nd && q + nd < end && (q[nd] == '.' || q[nd] == ')'))
				marker = cv_arena_strndup(c->a, q, nd + 1);
			else /* cannot happen for a CommonMark list; keep cmark's number */
				marker = cv_arena_printf(c->a, "%d%c", num, delim);
		} else {
			marker = q < end && *q == '+' ? "+" : "-";
		}
		cmark_node *first = cmark_node_first_child(item);
		if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH) {
			/* an empty item, or one that starts with something else: the marker
			 * gets a paragraph of its own */
			cv_block *blk = S_new_block(c, CV_BLOCK_ITEM, item, quote);
			blk->marker = marker;
			blk->level = depth;
			if (first)
				S_blocks(c, item, quote, depth + 1);
			continue;
		}
		cv_block *blk = S_new_block(c, CV_BLOCK_ITEM, first, quote);
		blk->marker = marker;
		blk->level = depth;
		S_inlines(c, first, &blk->in);
		for (cmark_node *n = cmark_node_next(first); n; n = cmark_node_next(n)) {
			if (cmark_node_get_type(n) == CMARK_NODE_LIST) {
				if (depth + 1 > BODY_MAX_DEPTH)
					goto too_deep;
				S_list(c, n, quote, depth + 1);
			} else if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
				/* later paragraphs of the item: plain body paragraphs */
				cv_block *p2 = S_new_block(c, CV_BLOCK_PARA, n, quote);
				S_inlines(c, n, &p2->in);
			} else {
				S_block(c, n, quote, depth + 1); /* headings, code, tables */
			}
		}
	}
	return;
too_deep:
	if (!c->failed)
		cv_diag_at(c->d, CV_ERROR, cmark_node_get_start_line(list) + c->line0, 1, NULL,
			   _("lists nested more than %d levels deep"), BODY_MAX_DEPTH);
	c->failed = 1;
}

/* One block node (not a list item). */
static void S_block(S_ctx *c, cmark_node *n, int quote, int depth)
{
	if (depth > BODY_MAX_DEPTH) {
		if (!c->failed)
			cv_diag_at(c->d, CV_ERROR, cmark_node_get_start_line(n) + c->line0, 1, NULL,
				   _("lists or quotes nested more than %d levels deep"), BODY_MAX_DEPTH);
		c->failed = 1;
		return;
	}
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH: {
		cv_block *blk = S_new_block(c, CV_BLOCK_PARA, n, quote);
		S_inlines(c, n, &blk->in);
		break;
	}
	case CMARK_NODE_HEADING: {
		cv_block *blk = S_new_block(c, CV_BLOCK_HEADING, n, quote);
		blk->level = cmark_node_get_heading_level(n);
		S_inlines(c, n, &blk->in);
		break;
	}
	case CMARK_NODE_LIST:
		S_list(c, n, quote, depth);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		S_blocks(c, n, quote + 1, depth + 1);
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK: { /* raw HTML: shown as text */
		cv_block *blk = S_new_block(c, CV_BLOCK_CODE, n, quote);
		const char *lit = cmark_node_get_literal(n);
		S_literal_lines(c, &blk->in, lit ? lit : "");
		break;
	}
	case CMARK_NODE_THEMATIC_BREAK:
		break; /* a dispatch has no rules between paragraphs */
	default:
		if (S_is(n, "table"))
			S_table(c, n, quote);
		break;
	}
}

static void S_blocks(S_ctx *c, cmark_node *parent, int quote, int depth)
{
	if (!parent)
		return;
	for (cmark_node *n = cmark_node_first_child(parent); n && !c->failed; n = cmark_node_next(n))
		S_block(c, n, quote, depth);
}

int cv_read_body(cv_arena *a, const char *text, size_t len, int first_line, cv_body *out,
		 cv_diags *d)
{
	pthread_once(&S_once, S_register);
	S_ctx c = {a, d, text, len, first_line - 1, out, 0, NULL, 0, memchr(text, '&', len) != NULL};
	/* byte offset of every line, for the markers (see S_at) */
	size_t nl = 1;
	for (size_t i = 0; i < len; i++)
		nl += text[i] == '\n';
	c.line_at = cv_xmalloc((nl + 1) * sizeof *c.line_at);
	c.line_at[1] = 0;
	for (size_t i = 0, l = 1; i < len; i++)
		if (text[i] == '\n')
			c.line_at[++l] = i + 1;
	c.nlines = nl;
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	if (!table || !cmark_parser_attach_syntax_extension(p, table)) {
		cmark_parser_free(p);
		free(c.line_at);
		cv_diag_at(d, CV_ERROR, 0, 0, NULL, _("cmark-gfm has no table extension"));
		return -1;
	}
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	S_blocks(&c, doc, 0, 0);
	cmark_node_free(doc);
	cmark_parser_free(p);
	free(c.line_at);
	return c.failed ? -1 : 0;
}
