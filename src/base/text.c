/*
 * text.c — UTF-8, NFC and case mapping on top of utf8proc (see text.h).
 */
#include "text.h"
#include "buf.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t cv_utf8_next(const char *s, size_t n, int32_t *cp)
{
	/* one, two and three bytes, well formed, decoded here (every
	 * Vietnamese letter); the rest through utf8proc */
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 1 && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (n >= 2 && u[0] >= 0xC2 && u[0] < 0xE0 && (u[1] & 0xC0) == 0x80) {
		*cp = (int32_t)(((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu));
		return 2;
	}
	if (n >= 3 && u[0] >= 0xE1 && u[0] < 0xF0 && u[0] != 0xED && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		*cp = (int32_t)(((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu));
		return 3;
	}
	utf8proc_int32_t c;
	utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
	if (len < 1) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return (size_t)len;
}

int cv_utf8_check(const char *s, size_t n, size_t *bad, const char **why)
{
	size_t i = 0;
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80) {
			if (ch == 0) {
				*bad = i;
				*why = _("NUL byte");
				return 1;
			}
			if (!cv_xml_char(ch)) {
				*bad = i;
				*why = _("control character");
				return 1;
			}
			i++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							(utf8proc_ssize_t)(n - i), &c);
		if (len < 1) {
			*bad = i;
			*why = _("invalid UTF-8 byte sequence (is the file saved as UTF-8? TCVN3/VNI files must be converted to Unicode)");
			return 1;
		}
		/* valid Unicode, but not characters XML can carry: a DOCX
		 * holding one does not open (found by fuzz_render) */
		if (!cv_xml_char(c)) {
			*bad = i;
			*why = _("U+FFFE or U+FFFF, which are not characters (a document cannot hold them)");
			return 1;
		}
		i += (size_t)len;
	}
	return 0;
}

/* Map s through utf8proc with the given options and an optional per-code-point
 * function; result copied into the arena. */
static char *S_map(cv_arena *a, const char *s, size_t n, utf8proc_option_t opt,
		   utf8proc_custom_func fn)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t len = utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
						   &out, opt, fn, NULL);
	if (len < 0) { /* only on invalid input, which the reader rejected earlier */
		free(out);
		return cv_arena_strndup(a, s, n);
	}
	char *r = cv_arena_strndup(a, (const char *)out, (size_t)len);
	free(out);
	return r;
}

char *cv_nfc(cv_arena *a, const char *s, size_t n)
{
	if (cv_is_nfc(s, n))
		return cv_arena_strndup(a, s, n);
	return S_map(a, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, NULL);
}

bool cv_nfc_safe(int32_t c)
{
	return c < 0x300                       /* ASCII, Latin-1, Latin Extended-A/B, IPA, modifiers */
	       || (c >= 0x1E00 && c < 0x1F00)  /* Latin Extended Additional: ạ ả ấ … ỹ */
	       || (c >= 0x2002 && c < 0x2070)  /* punctuation – — “ ” … (not U+2000/2001) */
	       || (c >= 0x20A0 && c < 0x20D0); /* currency: ₫ */
}

bool cv_is_nfc(const char *s, size_t n)
{
	/* fast path, for every dispatch in practice: text of code points that
	 * are NFC on their own and never combine with one another
	 * (cv_nfc_safe; tests/unit/test_text.c checks every pair) is NFC.  The
	 * decoding is strict; anything else goes to utf8proc. */
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p;
		if (c < 0x80) {
			p++;
			continue;
		}
		int32_t cp;
		size_t k;
		if (c >= 0xC2 && c < 0xE0 && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
			cp = (int32_t)(((c & 0x1F) << 6) | (p[1] & 0x3F));
			k = 2;
		} else if (c >= 0xE0 && c < 0xF0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			cp = (int32_t)(((c & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3F));
			k = 3;
		} else {
			break;
		}
		if ((k == 3 && cp < 0x800) || !cv_nfc_safe(cp)) /* (an overlong form is not safe either) */
			break;
		p += k;
	}
	if (p == end)
		return true;
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
					    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	bool same = len >= 0 && (size_t)len == n && memcmp(out, s, n) == 0;
	free(out);
	return same;
}

static utf8proc_int32_t S_up(utf8proc_int32_t c, void *data)
{
	(void)data;
	return utf8proc_toupper(c);
}

static utf8proc_int32_t S_low(utf8proc_int32_t c, void *data)
{
	(void)data;
	return utf8proc_tolower(c);
}

/* Case mapping, quickly: when every code point of s and of its image is
 * NFC-safe (cv_nfc_safe: nothing composes or reorders), the NFC of the
 * mapped text that S_map computes is the mapped text itself, so it is
 * written code point by code point; NULL when the text leaves the set. */
static char *S_case_fast(cv_arena *a, const char *s, size_t n, bool up)
{
	size_t len = 0;
	for (int pass = 0; pass < 2; pass++) {
		char *out = pass ? cv_arena_alloc(a, len + 1) : NULL, *o = out;
		for (size_t i = 0; i < n;) {
			int32_t cp;
			size_t k = cv_utf8_next(s + i, n - i, &cp);
			if (!pass && !cv_nfc_safe(cp))
				return NULL;
			int32_t m = cp < 0x80 ? (up ? (cp >= 'a' && cp <= 'z' ? cp - 32 : cp)
						    : (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp))
					      : up ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
			if (!pass && !cv_nfc_safe(m))
				return NULL;
			if (pass)
				o += utf8proc_encode_char(m, (utf8proc_uint8_t *)o);
			else
				len += m < 0x80 ? 1 : m < 0x800 ? 2 : m < 0x10000 ? 3 : 4;
			i += k;
		}
		if (pass) {
			*o = '\0';
			return out;
		}
	}
	return NULL;
}

char *cv_upper(cv_arena *a, const char *s)
{
	size_t n = strlen(s);
	char *r = S_case_fast(a, s, n, true);
	return r ? r : S_map(a, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, S_up);
}

char *cv_lower(cv_arena *a, const char *s)
{
	size_t n = strlen(s);
	char *r = S_case_fast(a, s, n, false);
	return r ? r : S_map(a, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, S_low);
}

char *cv_squeeze(cv_arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = cv_arena_alloc(a, n + 1);
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && o > 0)
			out[o++] = ' ';
		space = 0;
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

/* đ and Đ are letters of their own in Unicode, not d/D with a mark. */
static utf8proc_int32_t S_fold_dd(utf8proc_int32_t c, void *data)
{
	(void)data;
	return c == 0x111 ? 'd' : c == 0x110 ? 'D' : c;
}

char *cv_ascii_fold(cv_arena *a, const char *s)
{
	char *m = S_map(a, s, strlen(s), UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK,
			S_fold_dd);
	size_t n = strlen(m), o = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t l = cv_utf8_next(m + i, n - i, &cp);
		m[o++] = cp < 0x80 ? (char)cp : ' ';
		i += l;
	}
	m[o] = '\0';
	return m;
}
