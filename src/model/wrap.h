/*
 * wrap.h — break a long agency name into balanced lines, as a văn thư would.
 *
 * The agency name sits centred in a fixed-width column of the document
 * header (Nghị định 30/2020/NĐ-CP, Phụ lục I).  Greedy filling gives lines
 * like "BẢO HIỂM XÃ HỘI VIỆT / NAM"; clerks instead use the fewest lines,
 * never split a word of two or more syllables or a province name, start a
 * new line at an administrative unit ("TỈNH", "THÀNH PHỐ", ...) or at "VÀ",
 * and keep the lines even.  Widths come from real font metrics (metrics.h).
 */
#ifndef CV_WRAP_H
#define CV_WRAP_H

#include "base/arena.h"

/* Break `text` (UTF-8, NFC, already upper case, words separated by single
 * spaces) into lines that each fit in max_pt at size_pt (bold or regular).
 * Returns the number of lines (≥1) and stores arena-allocated NUL-terminated
 * lines in *lines.  If the whole text fits on one line, one line.  A word
 * wider than max_pt gets a line of its own (no hyphenation). */
int cv_wrap_balanced(cv_arena *a, const char *text, int bold, double size_pt, double max_pt,
	char ***lines);

/*
 * A memo of the last results, for renders that repeat themselves: every row
 * of a batch sets the same agency name, V/v line and signature in the same
 * columns, and breaking them is a third of a row's work.  A memo holds a
 * few dozen (text, bold, size, width) → lines, copies of its own, so it
 * costs a few kilobytes whatever the batch; it belongs to one thread at a
 * time (render.c keeps one per cv_result, as it does its other caches).
 */
typedef struct cv_wrap_memo cv_wrap_memo;
cv_wrap_memo *cv_wrap_memo_new(void);
void cv_wrap_memo_free(cv_wrap_memo *m);

/* cv_wrap_balanced through the memo `m` (NULL: no memo); the lines are the
 * same, in the arena `a` either way. */
int cv_wrap_memo_lines(cv_wrap_memo *m, cv_arena *a, const char *text, int bold, double size_pt,
	double max_pt, char ***lines);

#endif
