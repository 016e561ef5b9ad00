/*
 * meta.h — the front-matter tree → typed cv_meta, with every check on types
 * and values, each error naming the line and column of the offending value.
 */
#ifndef CV_META_H
#define CV_META_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/doc.h"

/* What a document type asks of its front matter (from its type.yaml). */
typedef struct cv_type_rules {
	const char **required; /* keys that must be present */
	size_t nrequired;
	const char **fields;   /* extra keys the type's templates use */
	size_t nfields;
} cv_type_rules;

/* Fill m from the root map fm (NULL = empty front matter).  Unknown keys are
 * warnings; wrong types, invalid values and missing required keys are
 * errors.  Returns the number of errors added. */
int cv_meta_read(cv_arena *a, const cv_ynode *fm, const cv_type_rules *rules, cv_meta *m,
		 cv_diags *d);

/* Only the `loai` and `profile` keys (needed to choose the templates before
 * the rest can be checked). */
void cv_meta_read_type(cv_arena *a, const cv_ynode *fm, cv_meta *m, cv_diags *d);

/* Is key a front-matter key congvan or this type understands? */
bool cv_meta_is_key(const char *key, const cv_type_rules *rules);

/* Parse "YYYY-MM-DD" into a real calendar date; 0 on success. */
int cv_parse_iso_date(const char *s, int *y, int *mo, int *d);

#endif
