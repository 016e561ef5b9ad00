/*
 * frontmatter.h — split an input file into YAML front matter and Markdown
 * body, and read YAML (the front matter, type.yaml and profile files) into a
 * cv_ynode tree that keeps every value's line and column.
 *
 * The only user of libyaml.  Anchors and aliases are refused (they serve no
 * purpose in a front matter and are the classic "billion laughs" bomb).
 */
#ifndef CV_FRONTMATTER_H
#define CV_FRONTMATTER_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/doc.h"

/* Find the front matter of src[0..len): the file must start (after an
 * optional BOM) with a line "---" and the front matter ends at the next line
 * "---" (or "..."). On success returns 0 and sets the byte ranges and the
 * 1-based line where the body starts; on failure adds an error to d (whose
 * file/src are the input) and returns -1. */
int cv_split_source(const char *src, size_t len, cv_diags *d, size_t *fm_off, size_t *fm_len,
		    size_t *body_off, int *body_line);

/* Parse YAML text src[off..off+len) of the file `file` (whole text src,
 * src_len bytes, used for positions and quotes).  Returns the root node
 * (NULL for an empty document), or NULL with errors added to d.  Scalars are
 * normalised to NFC.  *ok is set to 0 on error, 1 otherwise. */
cv_ynode *cv_yaml_parse(cv_arena *a, const char *file, const char *src, size_t src_len,
			size_t off, size_t len, cv_diags *d, int *ok);

/* Value of `key` in a MAP node, or NULL; *idx receives its index if not NULL. */
cv_ynode *cv_ymap_get(const cv_ynode *map, const char *key, size_t *idx);

#endif
