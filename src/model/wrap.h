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

#endif
