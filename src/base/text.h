/*
 * text.h — UTF-8 validation, NFC and Vietnamese case mapping.
 *
 * The only user of utf8proc.  All text entering the document model passes
 * through cv_nfc() (TCVN 6909 = Unicode; ND30-UTF8-NFC), and every UPPER CASE
 * line of the layout (agency names, quyền hạn, chức vụ) through cv_upper(),
 * which maps full Unicode case, so "ủy ban" becomes "ỦY BAN" and "đ" "Đ".
 */
#ifndef CV_TEXT_H
#define CV_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

/* Can XML 1.0 carry code point cp (its Char production, for the code points
 * valid UTF-8 can hold)?  Not NUL, the C0 controls but tab, LF and CR, nor
 * U+FFFE and U+FFFF: a DOCX part holding one is not well-formed. */
static inline bool cv_xml_char(int32_t cp)
{
	return cp >= 0x20 ? cp != 0xFFFE && cp != 0xFFFF : cp == '\t' || cp == '\n' || cp == '\r';
}

/* Check s[0..n) is valid UTF-8 of characters XML can carry (cv_xml_char).
 * Returns 0 when valid, else 1 and sets *bad to the byte offset of the
 * first offending byte and *why to a static description. */
int cv_utf8_check(const char *s, size_t n, size_t *bad, const char **why);

/* Decode one code point at s (n bytes available); returns its length in
 * bytes (≥1) and stores the code point, or U+FFFD for an invalid sequence. */
size_t cv_utf8_next(const char *s, size_t n, int32_t *cp);

/* NFC form of s[0..n) (valid UTF-8), allocated in the arena. */
char *cv_nfc(cv_arena *a, const char *s, size_t n);
/* Is s[0..n) already in NFC? */
bool cv_is_nfc(const char *s, size_t n);
/* Is code point c in the set that cv_is_nfc() takes without asking
 * utf8proc: NFC on its own, combining class 0, and composing with no other
 * member (so any string of them is NFC)?  Exposed for the unit test that
 * proves it. */
bool cv_nfc_safe(int32_t c);
/* Upper case (full Unicode mapping) of NFC text, in NFC, in the arena. */
char *cv_upper(cv_arena *a, const char *s);
/* Lower case likewise. */
char *cv_lower(cv_arena *a, const char *s);

/* s with leading/trailing ASCII whitespace removed and inner runs of
 * whitespace (space, tab, newline) collapsed to one space; arena copy. */
char *cv_squeeze(cv_arena *a, const char *s);

/* ASCII transliteration for file names: marks stripped by decomposition
 * ("Hà Nội" → "Ha Noi"), đ/Đ → d/D (they do not decompose), any other
 * non-ASCII code point → a space.  Case is kept.  Arena copy. */
char *cv_ascii_fold(cv_arena *a, const char *s);

#endif
