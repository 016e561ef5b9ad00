/*
 * vars.h — per-document values for batch runs: `{{name}}` placeholders in
 * front-matter values and body text, and columns that set front-matter keys.
 *
 * Substitution happens after parsing, on the model's strings, so a value
 * holding Markdown, YAML, quotes, '<' or '&' appears literally: data never
 * becomes markup.
 */
#ifndef CV_VARS_H
#define CV_VARS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/doc.h"

typedef struct cv_vars {
	const char *const *names;  /* column names */
	const char *const *values; /* this row's values (UTF-8) */
	size_t n;
} cv_vars;

/* A column whose name is a front-matter key (for which is_key says yes)
 * sets that key; "ky.ho_ten" sets a key of the `ky` mapping.  A value with
 * line breaks sets a list of lines (for kinh_gui, noi_nhan, …).  Then every
 * placeholder in the front-matter values is replaced; an unknown one is an
 * error naming it, its position and the columns that exist.  `fm` may be
 * NULL (an empty front matter): a new root is returned in that case. */
cv_ynode *cv_vars_apply_fm(cv_arena *a, cv_ynode *fm, const cv_vars *v,
			   bool (*is_key)(const char *key, void *ctx), void *ctx, cv_diags *d);

/* Replace the placeholders in the body's text (paragraphs and table
 * cells); errors point at the block's line and the placeholder's column. */
void cv_vars_apply_body(cv_arena *a, cv_body *b, const cv_vars *v, cv_diags *d);

/* The next "{{name}}" in p: returns where it starts and sets the name
 * (trimmed, not NUL-terminated) and the end (after "}}"); NULL when none. */
const char *cv_vars_next(const char *p, const char **name, size_t *nlen, const char **end);

/* Does s contain a placeholder? (to warn when rendering without data) */
bool cv_vars_has_placeholder(const char *s);

#endif
