/*
 * metrics.c — measure UTF-8 text with the baked Liberation Serif advances
 * (see metrics.h).
 *
 * The tables are sorted by code point, so a lookup is a binary search; no
 * allocation, no state, safe from any thread.  Widths are summed in font
 * units (integers, exact) and scaled to points once at the end, so the
 * result does not depend on the order of floating-point additions.
 */
#include "model/metrics.h"

#include "fonts/liberation-serif-regular.h"
#include "fonts/liberation-serif-bold.h"

#include <stdint.h>

/* Both faces come from the same family; a mismatch would make the single
 * scale factor below wrong, so catch a bad regeneration at compile time. */
_Static_assert(CV_METRICS_REGULAR_UNITS_PER_EM == CV_METRICS_BOLD_UNITS_PER_EM,
	"regular and bold faces must share unitsPerEm");

#define S_UNKNOWN_CP 0x30u /* '0': the stand-in width for unmapped code points */
#define S_NO_GLYPH (-1L)

/* Advance of `cp` in font units, or S_NO_GLYPH if the table lacks it. */
static long S_lookup(const cv_metric_entry *tab, size_t count, uint32_t cp)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tab[mid].cp < cp)
			lo = mid + 1;
		else if (tab[mid].cp > cp)
			hi = mid;
		else
			return tab[mid].advance;
	}
	return S_NO_GLYPH;
}

/*
 * Decode one code point from s[0..n) (n ≥ 1).  Returns the number of bytes
 * consumed; on malformed input (stray continuation byte, truncated or
 * overlong sequence, surrogate, > U+10FFFF) consumes exactly one byte and
 * reports *ok = 0, so each bad byte counts as one unknown character.
 */
static size_t S_decode(const unsigned char *s, size_t n, uint32_t *cp, int *ok)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;

	*ok = 1;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1Fu, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0Fu, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07u, min = 0x10000;
	} else {
		goto bad;
	}
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*cp = v;
	return len;
bad:
	*cp = 0xFFFD;
	*ok = 0;
	return 1;
}

double cv_text_width(const char *s, size_t n, int bold, double size_pt)
{
	const cv_metric_entry *tab = bold ? cv_metrics_bold : cv_metrics_regular;
	size_t count = bold ? CV_METRICS_BOLD_COUNT : CV_METRICS_REGULAR_COUNT;
	long unknown = S_lookup(tab, count, S_UNKNOWN_CP);
	const unsigned char *p = (const unsigned char *)s;
	long units = 0;

	if (!s)
		return 0.0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int ok;
		i += S_decode(p + i, n - i, &cp, &ok);
		long adv = ok ? S_lookup(tab, count, cp) : S_NO_GLYPH;
		units += adv == S_NO_GLYPH ? unknown : adv;
	}
	return (double)units * size_pt / (double)CV_METRICS_REGULAR_UNITS_PER_EM;
}
