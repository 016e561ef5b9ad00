/*
 * tpl_int.h — what the three stages of the template engine share, and
 * nothing else includes: the compiled form (tpl_parse.c builds it,
 * tpl_render.c walks it) and the set's file table (tpl_set.c owns it).
 */
#ifndef CV_TPL_INT_H
#define CV_TPL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "tpl/tpl.h"

/* A self-including template would recurse until the stack overflows. */
#define CV_TPL_MAX_INCLUDE_DEPTH 16
/* Nodes visited in one render.  Nested {{#each}} blocks multiply: six lists
 * of ten nested give a million visits, and a hostile template can nest 64;
 * a real document visits a few thousand nodes (10 000 recipients: about
 * 50 000), so 2 million stops a
 * template bomb in a fraction of a second and never a document. */
#define CV_TPL_MAX_STEPS 2000000UL
/* Templates are a few KiB; a bigger file is a wrong folder, not a template. */
#define CV_TPL_MAX_SIZE ((size_t)4 << 20)
/* A forgotten "}}" should be reported at its "{{", not after the whole file
 * was taken for one tag (comments are exempt: they may run for lines). */
#define CV_TPL_MAX_TAG 256
/* Rendering recurses once per open block; bound it so the stack is too. */
#define CV_TPL_MAX_NEST 64
/* A --templates folder with more files than this was probably $HOME. */
#define CV_TPL_MAX_FILES 10000

enum { CV_TN_TEXT, CV_TN_VAR, CV_TN_IF, CV_TN_EACH, CV_TN_INCLUDE };
/* Names that are not looked up in the context. */
enum { CV_TS_NONE, CV_TS_DOT, CV_TS_INDEX, CV_TS_NUMBER, CV_TS_FIRST, CV_TS_LAST };

typedef struct cv_tslice {
	const char *p; /* into the template text; not NUL-terminated */
	size_t n;
} cv_tslice;

/* Nodes are stored in document order; a block's children are the nodes that
 * follow it, up to `end`, so a block is an index range and needs no
 * pointers.  Rendering a node list is a loop over a range. */
typedef struct cv_tnode {
	unsigned char kind;    /* CV_TN_* */
	unsigned char special; /* CV_TS_*: VAR, IF, EACH */
	bool neg;              /* IF: {{#if not x}} */
	size_t off;            /* byte offset of the tag in the text, for diagnostics */
	cv_tslice s;           /* TEXT: the bytes; VAR/IF/EACH: the path; INCLUDE: the name */
	size_t seg, nseg;      /* VAR/IF/EACH: path segments tree->segs[seg .. seg+nseg) */
	size_t mid;            /* IF: first node of the {{#else}} branch (== end without one) */
	size_t end;            /* IF/EACH: one past the block's last node */
} cv_tnode;

typedef struct cv_ttree {
	const char *name; /* borrowed, like src: both outlive the tree */
	const char *src;
	size_t len;
	cv_tnode *nodes; /* owned */
	size_t n;
	cv_tslice *segs; /* owned */
	size_t nsegs;
} cv_ttree;

/* Compile src[0..len).  name and src are borrowed and must outlive the
 * result (diagnostics and text nodes point into them).  NULL with one error
 * in d when the text is not a valid template.  Free with cv_ttree_free(). */
cv_ttree *cv_ttree_compile(const char *name, const char *src, size_t len, cv_diags *d);
void cv_ttree_free(cv_ttree *t);

/* First "cc" in s[0..n), or NULL (memmem is not in POSIX). */
static inline const char *cv_tfind2(const char *s, size_t n, char c)
{
	const char *end = s + n;
	while (n >= 2) {
		const char *p = memchr(s, c, n - 1);
		if (!p)
			return NULL;
		if (p[1] == c)
			return p;
		s = p + 1;
		n = (size_t)(end - s);
	}
	return NULL;
}

/* One file of a set. */
typedef struct cv_tfile {
	const char *name;  /* under the root, '/'-separated */
	const char *data;  /* len bytes, then a NUL */
	size_t len;
	bool owned;        /* name and data were malloc'ed (override files) */
	bool has_tags;     /* text with "{{"; otherwise the bytes are the output */
	bool failed;       /* compiled once and was found invalid */
	cv_ttree *tree;    /* compiled form, or NULL (not compiled yet / no tags / failed) */
} cv_tfile;

struct cv_tpl_set {
	cv_tfile *files; /* sorted bytewise by name */
	size_t n;
	bool overridden; /* some file comes from the user's folder */
	unsigned long id; /* cv_tpl_set_id() */
};

/* The file named name[0..n), or NULL. */
cv_tfile *cv_tset_find(const cv_tpl_set *set, const char *name, size_t n);
/* The compiled form of f, compiling it on first use; *out is NULL for a file
 * without tags (render its bytes as they are).  -1 with a diagnostic when
 * the file is not a valid template. */
int cv_tset_tree(cv_tpl_set *set, cv_tfile *f, cv_diags *d, const cv_ttree **out);

#endif
