/*
 * frontmatter.c — front matter splitting and YAML reading (see frontmatter.h).
 */
#include "read/frontmatter.h"

#include <string.h>
#include <yaml.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/text.h"

/* Nesting deeper than this is not a front matter any more; the limit keeps a
 * hostile "[[[[[[…" from exhausting the stack of the recursive builder. */
#define YAML_MAX_DEPTH 32
/* A front matter holds dozens of values; a million is an attack. */
#define YAML_MAX_NODES 100000

/* Is the line at p (up to end) exactly `mark` (allowing trailing spaces and CR)? */
static int S_is_fence(const char *p, const char *end, const char *mark, const char **next)
{
	size_t m = strlen(mark);
	if ((size_t)(end - p) < m || memcmp(p, mark, m) != 0)
		return 0;
	const char *q = p + m;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if (q < end && *q != '\n')
		return 0;
	*next = q < end ? q + 1 : q;
	return 1;
}

/* A front matter written as one JSON object ({ … }) at the start of the
 * file, as a system exporting JSON writes it; the body follows the closing
 * brace.  JSON is YAML's flow syntax, so the same reader parses it. */
static int S_split_json(const char *src, size_t len, const char *p, cv_diags *d, size_t *fm_off,
			size_t *fm_len, size_t *body_off, int *body_line)
{
	const char *end = src + len, *q = p;
	int depth = 0, in_str = 0;
	for (; q < end; q++) {
		char c = *q;
		if (in_str) {
			if (c == '\\' && q + 1 < end)
				q++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"')
			in_str = 1;
		else if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			break;
	}
	if (q >= end) {
		cv_diag_at(d, CV_ERROR, 1, (int)(p - src) + 1, NULL,
			   _("the JSON front matter opened here is never closed: expected a matching '}'"));
		return -1;
	}
	*fm_off = (size_t)(p - src);
	*fm_len = (size_t)(q + 1 - p);
	const char *b = q + 1;
	while (b < end && (*b == ' ' || *b == '\t' || *b == '\r'))
		b++;
	if (b < end && *b == '\n')
		b++;
	*body_off = (size_t)(b - src);
	int line, col;
	cv_diag_locate(src, len, *body_off, &line, &col);
	*body_line = line;
	return 0;
}

int cv_split_source(const char *src, size_t len, cv_diags *d, size_t *fm_off, size_t *fm_len,
		    size_t *body_off, int *body_line)
{
	const char *p = src, *end = src + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if (p < end && *p == '{')
		return S_split_json(src, len, p, d, fm_off, fm_len, body_off, body_line);
	const char *next;
	if (!S_is_fence(p, end, "---", &next)) {
		cv_diag_at(d, CV_ERROR, 1, 1, NULL,
			   _("expected the front matter: the file must start with a line '---', then "
			     "the fields (co_quan: …, so: …), then a line '---', then the body"));
		return -1;
	}
	*fm_off = (size_t)(next - src);
	int line = 2;
	for (const char *q = next; q < end; line++) {
		const char *after;
		if (S_is_fence(q, end, "---", &after) || S_is_fence(q, end, "...", &after)) {
			*fm_len = (size_t)(q - next);
			*body_off = (size_t)(after - src);
			*body_line = line + 1;
			return 0;
		}
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		if (!nl)
			break;
		q = nl + 1;
	}
	cv_diag_at(d, CV_ERROR, 1, 1, NULL,
		   _("the front matter opened here is never closed: expected a line '---' after the "
		     "last field and before the body"));
	return -1;
}

typedef struct {
	yaml_parser_t parser;
	cv_arena *a;
	cv_diags *d;
	const char *file, *src;
	size_t src_len;
	int line0;  /* line of the first YAML line, minus 1 */
	size_t nodes;
	int failed;
} S_ctx;

static void S_err(S_ctx *c, int line, int col, const char *msg)
{
	if (!c->failed)
		cv_diag_in(c->d, CV_ERROR, c->file, c->src, c->src_len, line, col, NULL, "%s", msg);
	c->failed = 1;
}

static void S_mark_pos(S_ctx *c, yaml_mark_t m, int *line, int *col)
{
	*line = (int)m.line + 1 + c->line0;
	*col = (int)m.column + 1;
}

/* The words of libyaml (0.2.5) a front matter can meet, so that they are in
 * the message catalogue; the others are printed as libyaml writes them. */
static const char *const S_yaml_words[] = {
	N_("while parsing a block mapping"),
	N_("while parsing a block collection"),
	N_("while parsing a block node"),
	N_("while parsing a flow mapping"),
	N_("while parsing a flow sequence"),
	N_("while parsing a flow node"),
	N_("while parsing a node"),
	N_("while scanning a simple key"),
	N_("while scanning a quoted scalar"),
	N_("while scanning a plain scalar"),
	N_("while scanning a block scalar"),
	N_("while scanning an alias"),
	N_("while scanning an anchor"),
	N_("while scanning a tag"),
	N_("while scanning a directive"),
	N_("while scanning for the next token"),
	N_("mapping values are not allowed in this context"),
	N_("mapping keys are not allowed in this context"),
	N_("block sequence entries are not allowed in this context"),
	N_("did not find expected key"),
	N_("did not find expected node content"),
	N_("did not find expected ',' or ']'"),
	N_("did not find expected ',' or '}'"),
	N_("did not find expected '-' indicator"),
	N_("did not find expected <document start>"),
	N_("did not find expected comment or line break"),
	N_("could not find expected ':'"),
	N_("found character that cannot start any token"),
	N_("found unexpected end of stream"),
	N_("found unknown escape character"),
	N_("found a tab character that violates indentation"),
	N_("found a tab character where an indentation space is expected"),
	N_("found unexpected ':'"),
	N_("found undefined tag handle"),
	N_("found unexpected document indicator"),
	N_("control characters are not allowed"),
};

static const char *S_yaml_text(const char *s)
{
	for (size_t i = 0; i < sizeof S_yaml_words / sizeof *S_yaml_words; i++)
		if (strcmp(s, S_yaml_words[i]) == 0)
			return _(S_yaml_words[i]);
	return s;
}

static int S_next(S_ctx *c, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&c->parser, ev)) {
		int line, col;
		S_mark_pos(c, c->parser.problem_mark, &line, &col);
		char msg[512];
		const char *prob = c->parser.problem ? S_yaml_text(c->parser.problem) : _("syntax error");
		if (c->parser.context)
			snprintf(msg, sizeof msg, _("YAML: %s %s"), S_yaml_text(c->parser.context), prob);
		else
			snprintf(msg, sizeof msg, _("YAML: %s"), prob);
		if (c->parser.problem && strstr(c->parser.problem, "mapping values are not allowed"))
			strncat(msg, _(" (a value containing ': ' must be quoted)"), sizeof msg - strlen(msg) - 1);
		S_err(c, line, col, msg);
		return 0;
	}
	return 1;
}

static cv_ynode *S_node(S_ctx *c, yaml_event_t *ev, int depth);

static void S_push(S_ctx *c, cv_ynode *n, cv_ynode *item, size_t *cap)
{
	if (n->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		cv_ynode **items = cv_arena_alloc(c->a, nc * sizeof *items);
		if (n->n)
			memcpy(items, n->items, n->n * sizeof *items);
		n->items = items;
		if (n->kind == CV_Y_MAP) {
			const char **keys = cv_arena_alloc(c->a, nc * sizeof *keys);
			int *kl = cv_arena_alloc(c->a, nc * sizeof *kl);
			int *kc = cv_arena_alloc(c->a, nc * sizeof *kc);
			if (n->n) {
				memcpy(keys, n->keys, n->n * sizeof *keys);
				memcpy(kl, n->key_line, n->n * sizeof *kl);
				memcpy(kc, n->key_col, n->n * sizeof *kc);
			}
			n->keys = keys;
			n->key_line = kl;
			n->key_col = kc;
		}
		*cap = nc;
	}
	n->items[n->n++] = item;
}

/* Build the node that starts with event ev (consumed). */
static cv_ynode *S_node(S_ctx *c, yaml_event_t *ev, int depth)
{
	int line, col;
	S_mark_pos(c, ev->start_mark, &line, &col);
	if (++c->nodes > YAML_MAX_NODES) {
		S_err(c, line, col, _("too many values in the front matter (limit 100000)"));
		return NULL;
	}
	if (depth > YAML_MAX_DEPTH) {
		S_err(c, line, col, _("front matter nested too deeply (limit 32 levels)"));
		return NULL;
	}
	if (ev->type == YAML_ALIAS_EVENT) {
		S_err(c, line, col, _("YAML aliases (*name) are not supported in the front matter: "
				      "write the value out"));
		return NULL;
	}
	const yaml_char_t *anchor = ev->type == YAML_SCALAR_EVENT ? ev->data.scalar.anchor
				  : ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.anchor
				  : ev->type == YAML_MAPPING_START_EVENT ? ev->data.mapping_start.anchor
				  : NULL;
	if (anchor) {
		S_err(c, line, col, _("YAML anchors (&name) are not supported in the front matter"));
		return NULL;
	}
	cv_ynode *n = cv_arena_alloc(c->a, sizeof *n);
	n->line = line;
	n->col = col;
	if (ev->type == YAML_SCALAR_EVENT) {
		/* the input was checked (cv_utf8_check), but a double-quoted
		 * value's escapes ("\x01", "\uFFFF", "\0") can still make a
		 * character a document cannot hold */
		size_t bad;
		const char *why;
		if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
		    cv_utf8_check((const char *)ev->data.scalar.value, ev->data.scalar.length, &bad, &why)) {
			S_err(c, line, col, _("an escape in this value stands for a character a document cannot hold (a "
					      "control character, U+FFFE or U+FFFF): write the text itself"));
			return NULL;
		}
		n->kind = CV_Y_SCALAR;
		n->text = cv_nfc(c->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return n;
	}
	int is_map = ev->type == YAML_MAPPING_START_EVENT;
	if (!is_map && ev->type != YAML_SEQUENCE_START_EVENT) {
		S_err(c, line, col, _("YAML: unexpected event"));
		return NULL;
	}
	n->kind = is_map ? CV_Y_MAP : CV_Y_SEQ;
	size_t cap = 0;
	for (;;) {
		yaml_event_t e;
		if (!S_next(c, &e))
			return NULL;
		if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&e);
			return n;
		}
		const char *key = NULL;
		int kl = 0, kc = 0;
		if (is_map) {
			S_mark_pos(c, e.start_mark, &kl, &kc);
			if (e.type != YAML_SCALAR_EVENT) {
				yaml_event_delete(&e);
				S_err(c, kl, kc, _("a key must be a plain name such as co_quan"));
				return NULL;
			}
			key = cv_arena_strndup(c->a, (const char *)e.data.scalar.value, e.data.scalar.length);
			yaml_event_delete(&e);
			for (size_t i = 0; i < n->n; i++) {
				if (strcmp(n->keys[i], key) == 0) {
					char msg[256];
					snprintf(msg, sizeof msg, _("duplicate key '%.60s' (first given on line %d)"),
						 key, n->key_line[i]);
					S_err(c, kl, kc, msg);
					return NULL;
				}
			}
			if (!S_next(c, &e))
				return NULL;
		}
		cv_ynode *child = S_node(c, &e, depth + 1);
		yaml_event_delete(&e);
		if (!child)
			return NULL;
		S_push(c, n, child, &cap);
		if (is_map) {
			n->keys[n->n - 1] = key;
			n->key_line[n->n - 1] = kl;
			n->key_col[n->n - 1] = kc;
		}
	}
}

/* YAML forbids tabs in indentation; libyaml's message for them ("found
 * character that cannot start any token") is cryptic, so catch them first. */
static int S_check_tabs(S_ctx *c, const char *text, size_t len)
{
	int line = c->line0 + 1;
	const char *p = text, *end = text + len;
	while (p < end) {
		int col = 1;
		while (p < end && *p == ' ') {
			p++;
			col++;
		}
		if (p < end && *p == '\t') {
			S_err(c, line, col, _("tab character in the indentation: the front matter must be "
					      "indented with spaces"));
			return -1;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		p = nl + 1;
		line++;
	}
	return 0;
}

cv_ynode *cv_yaml_parse(cv_arena *a, const char *file, const char *src, size_t src_len,
			size_t off, size_t len, cv_diags *d, int *ok)
{
	S_ctx c;
	memset(&c, 0, sizeof c);
	c.a = a;
	c.d = d;
	c.file = file;
	c.src = src;
	c.src_len = src_len;
	int l, col;
	cv_diag_locate(src, src_len, off, &l, &col);
	c.line0 = l - 1;
	*ok = 0;
	/* JSON (a flow mapping) may be indented with tabs; YAML blocks may not */
	if ((len == 0 || src[off] != '{') && S_check_tabs(&c, src + off, len) != 0)
		return NULL;
	yaml_parser_initialize(&c.parser);
	yaml_parser_set_input_string(&c.parser, (const unsigned char *)src + off, len);
	yaml_parser_set_encoding(&c.parser, YAML_UTF8_ENCODING);
	cv_ynode *root = NULL;
	yaml_event_t ev;
	int done = 0;
	while (!done && S_next(&c, &ev)) {
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (root) {
				int ln, cl;
				S_mark_pos(&c, ev.start_mark, &ln, &cl);
				S_err(&c, ln, cl, _("only one YAML document is allowed in the front matter"));
				done = 1;
			}
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			root = S_node(&c, &ev, 0);
			if (!root)
				done = 1;
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&c.parser);
	if (c.failed)
		return NULL;
	*ok = 1;
	return root;
}

cv_ynode *cv_ymap_get(const cv_ynode *map, const char *key, size_t *idx)
{
	if (!map || map->kind != CV_Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i], key) == 0) {
			if (idx)
				*idx = i;
			return map->items[i];
		}
	}
	return NULL;
}
