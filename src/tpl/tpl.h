/*
 * tpl.h — the template engine: layout lives in templates/, not in C.
 *
 * A template set is every file under templates/ (compiled into the binary by
 * mkembed) overlaid, file by file, with the files of a user folder
 * (--templates DIR or $CONGVAN_TEMPLATES).  Files are named by their path
 * relative to that root, with '/' separators: "cong-van/docx/word/document.xml".
 *
 * Template language (mustache-like; the whole grammar):
 *   {{name}} {{a.b.c}}       insert a value: strings escaped (& < > " '), fragments raw,
 *                            NULL/false → nothing; a list or map is an error
 *   {{.}}                    the current item inside #each
 *   {{@index}} {{@number}}   0-based / 1-based position inside #each
 *   {{#if x}}…{{#else}}…{{/if}}     x truthy (see value.h); {{#if not x}} negates
 *   {{#each list}}…{{/each}} loop; inside, names resolve first in the item (when
 *                            it is a map), then outwards; @first/@last are booleans
 *   {{> path/to/file}}       include another file of the set, rendered in the same scope
 *   {{! comment }}           nothing
 * A tag that stands alone on its line (only spaces around it) — block tags,
 * comments and includes — removes that whole line from the output, so XML
 * templates can be indented readably.
 *
 * Errors (unknown tag, unclosed block, missing include, include depth > 16,
 * inserting a list) are reported through cv_diags naming the template file,
 * line and column, and rendering returns -1.
 *
 * Thread safety: a set is filled once (cv_tpl_set_new) and compiled lazily;
 * call cv_tpl_compile_all() before sharing it between threads, after which
 * rendering only reads it.
 */
#ifndef CV_TPL_H
#define CV_TPL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "tpl/value.h"

typedef struct cv_tpl_set cv_tpl_set;

/* The built-in templates, overlaid with the files under override_dir when it
 * is not NULL.  Returns NULL (with a diagnostic) when override_dir cannot be
 * read.  Free with cv_tpl_set_free().
 * Under override_dir, dotfiles and dot-folders are skipped unless they name a
 * built-in file (_rels/.rels), and a symlink leading outside it is an error. */
cv_tpl_set *cv_tpl_set_new(const char *override_dir, cv_diags *d);
void cv_tpl_set_free(cv_tpl_set *set);
/* A number no other set of this process has, even one made at the same
 * address after this one was freed: what a cache of things read from a set
 * (render.c keeps the profile) checks before it trusts them. */
unsigned long cv_tpl_set_id(const cv_tpl_set *set);

/* The same with another list of built-in files instead of the embedded
 * templates (tests, tools).  builtin[0..n) is borrowed and must outlive the
 * set; it need not be sorted.  See tpl/embedded.h for the struct. */
struct cv_embedded_file;
cv_tpl_set *cv_tpl_set_new_from(const struct cv_embedded_file *builtin, size_t n,
				const char *override_dir, cv_diags *d);

/* Raw bytes of a file of the set (a template, a profile, a type.yaml), or
 * NULL when absent.  Borrowed: lives as long as the set. */
const char *cv_tpl_source(const cv_tpl_set *set, const char *name, size_t *len);

/* Names of the files of the set under `prefix` (e.g. "_shared/docx/"), sorted
 * bytewise; returns how many were stored (up to max). */
size_t cv_tpl_list(const cv_tpl_set *set, const char *prefix, const char **names, size_t max);

/* Compile every template file now (for sharing between threads); returns the
 * number of errors added to d.  A template file is a text file containing
 * "{{"; any other file (no tags, or a NUL byte: binary) renders as it is. */
int cv_tpl_compile_all(cv_tpl_set *set, cv_diags *d);

/* Are template `name` and every template it includes, however deeply,
 * built-in files (none of them overridden by the user's folder)?  Built-in
 * templates are the ones the test suite renders; render/package.c trusts
 * their XML and checks the user's.  false when a file is missing or does
 * not compile.  Compiles on first use, like rendering. */
bool cv_tpl_builtin(cv_tpl_set *set, const char *name);

/* Render template `name` with context ctx, appending to out.  0 on success,
 * -1 on error (diagnostics added; out may hold partial output). */
int cv_tpl_render(cv_tpl_set *set, const char *name, const cv_value *ctx, cv_buf *out,
		  cv_diags *d);

/* Render template text that is not part of the set (used by tests); its
 * {{> includes}} resolve in set, which may be NULL.  Diagnostics borrow name
 * and text, so both must outlive d. */
int cv_tpl_render_string(cv_tpl_set *set, const char *name, const char *text,
			 const cv_value *ctx, cv_buf *out, cv_diags *d);

#endif
