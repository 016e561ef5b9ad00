/*
 * names.h — output file names of a batch: the --name pattern, folded to
 * safe ASCII, made unique.
 *
 * A pattern is text with {{column}} and {{row}} placeholders (row: the
 * document's number, zero-padded to the width of the row count).  The
 * result is folded: Vietnamese letters lose their marks ("Hà Nội" →
 * "ha-noi"), upper case becomes lower, every run of other characters one
 * '-'.  A name is thus [a-z0-9-], never empty, never starting with '.' and
 * never holding '/': whatever the data says, the file lands inside --outdir.
 */
#ifndef CV_NAMES_H
#define CV_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "read/vars.h"

/* A folded name is cut here: file systems allow 255 bytes, and a name is
 * read by a person in a file list; the suffix ("-2", ".docx") comes after. */
#define CV_NAME_MAX 80

/* Check that every placeholder of `pattern` is a column or "row"; -1 with
 * a message naming the unknown one and the columns otherwise. */
int cv_name_check(const char *pattern, const char *const *cols, size_t ncols, char *err, size_t errlen);

/* The default pattern: "{{row}}-{{<first column>}}".  Arena copy. */
char *cv_name_default(cv_arena *a, const char *first_column);

/* The folded name of one row (without extension) in the arena: "row-N" when
 * the fold leaves nothing.  `width` pads {{row}} with zeros. */
char *cv_name_make(cv_arena *a, const char *pattern, const cv_vars *v, long row, int width);

/* Fold any text as above (no "row-N" fallback: may return ""). */
char *cv_name_fold(cv_arena *a, const char *s);

/* Do the names of this pattern differ for every row by construction?  Yes
 * when it starts with {{row}}: each name then starts with the row's number,
 * all of one width, followed by '-' or nothing (a placeholder is followed
 * by a separator), and the fold keeps a run of digits whole.  A batch
 * skips the name set for such a pattern (the default one). */
bool cv_name_by_row(const char *pattern);

/* A set of names already given, kept in a scratch file (`fd`, read and
 * written at any offset; the caller's, who closes it after the set) so that
 * a million names take no memory: open addressing over a fixed table of
 * slots, sized for `most` names, then the names' text.  claim returns
 * `name` itself when free, else name-2, name-3, … (the first one free),
 * as the caller's (malloc); NULL with errno when the file cannot be read or
 * written, or the set already holds `most` names. */
typedef struct cv_nameset cv_nameset;
cv_nameset *cv_nameset_new(int fd, size_t most);
char *cv_nameset_claim(cv_nameset *s, const char *name);
void cv_nameset_free(cv_nameset *s);

#endif
