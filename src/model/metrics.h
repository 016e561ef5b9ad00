/*
 * metrics.h — text widths from real font metrics (Liberation Serif).
 *
 * The document header draws a rule under the agency name and one exactly as
 * long as the Tiêu ngữ, and long agency names are broken to fit a fixed
 * column.  Both need the width the text will really have when LibreOffice or
 * Word sets it in "Times New Roman"; LibreOffice substitutes the
 * metric-compatible Liberation Serif, whose advances are baked into
 * fonts/liberation-serif-{regular,bold}.h by fonts/gen-metrics.py.
 */
#ifndef CV_METRICS_H
#define CV_METRICS_H

#include <stddef.h>

/* Advance width in points of UTF-8 text `s[0..n)` set in Times New Roman
 * (Liberation Serif metrics) at size_pt, bold or regular.  Unknown code
 * points count as the width of '0'; combining marks (U+0300–U+036F) as their
 * own advance (normally 0); invalid UTF-8 bytes count as one unknown char
 * each.  No kerning. */
double cv_text_width(const char *s, size_t n, int bold, double size_pt);

#endif
