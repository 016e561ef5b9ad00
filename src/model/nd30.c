/*
 * nd30.c — ND30 text rules (see nd30.h).  Rule ids refer to shared spec
 * ND30.md §7; sections in brackets to its §3.
 */
#include "model/nd30.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* Five no-break spaces (U+00A0): room for the văn thư's handwriting. */
const char CV_BLANK[] = "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0";

/* ND30-NUM-ZERO [3.1]: a number below 10 is written with a leading zero,
 * and no other zeros are added. */
const char *cv_nd30_number(cv_arena *a, const char *so)
{
	if (!so || !*so)
		return cv_arena_printf(a, "%s%s", CV_BLANK, CV_BLANK);
	long n = atol(so);
	return n < 10 ? cv_arena_printf(a, "%02ld", n) : cv_arena_printf(a, "%ld", n);
}

/* ND30-DATE-FORMAT, ND30-DATE-ZERO [3.3]: days 1–9 and months 1–2 take a
 * leading zero; months 3–12 are written without one. */
const char *cv_nd30_date_line(cv_arena *a, const char *place, int year, int month, int day)
{
	if (day <= 0 || month <= 0)
		return cv_arena_printf(a, "%s, ng\xC3\xA0y %s th\xC3\xA1ng %s n\xC4\x83m %d", place, CV_BLANK,
				       CV_BLANK, year);
	char dd[8], mm[8];
	snprintf(dd, sizeof dd, day < 10 ? "%02d" : "%d", day);
	snprintf(mm, sizeof mm, month < 3 ? "%02d" : "%d", month);
	/* "%s, ngày %s tháng %s năm %d" */
	return cv_arena_printf(a, "%s, ng\xC3\xA0y %s th\xC3\xA1ng %s n\xC4\x83m %d", place, dd, mm,
			       year);
}

/* Digits following `word` in s ("ngày 05" → "05"), or NULL. */
static const char *S_after(const char *s, const char *word, size_t *ndigits)
{
	const char *p = strstr(s, word);
	if (!p)
		return NULL;
	p += strlen(word);
	while (*p == ' ')
		p++;
	size_t n = 0;
	while (isdigit((unsigned char)p[n]))
		n++;
	*ndigits = n;
	return n ? p : NULL;
}

const char *cv_nd30_date_line_problem(const char *line)
{
	size_t nd = 0, nm = 0;
	const char *d = S_after(line, "ng\xC3\xA0y", &nd);         /* "ngày" */
	const char *m = S_after(line, "th\xC3\xA1ng", &nm);        /* "tháng" */
	if (!d || !m)
		return NULL;
	int day = atoi(d), month = atoi(m);
	if (day < 10 && nd < 2)
		return "a day below 10 is written with a leading zero (ngày 05)";
	if (month < 3 && nm < 2)
		return "January and February are written with a leading zero (tháng 01, tháng 02)";
	if (month >= 3 && nm > 1 && m[0] == '0')
		return "months from March on are written without a leading zero (tháng 3, not tháng 03)";
	if (day >= 10 && nd > 2)
		return "the day has too many digits";
	return NULL;
}

/* Length of a typed "V/v" prefix (any case, optional space/colon after). */
static size_t S_vv_prefix(const char *s)
{
	if ((s[0] == 'V' || s[0] == 'v') && s[1] == '/' && (s[2] == 'V' || s[2] == 'v')) {
		size_t n = 3;
		while (s[n] == ' ' || s[n] == ':')
			n++;
		return n;
	}
	return 0;
}

const char *cv_nd30_strip_vv(cv_arena *a, const char *trich_yeu)
{
	if (!trich_yeu)
		return NULL;
	return cv_arena_strdup(a, trich_yeu + S_vv_prefix(trich_yeu));
}

/* ND30-VV-PREFIX [3.4]: the công văn subject reads "V/v …". */
const char *cv_nd30_vv(cv_arena *a, const char *trich_yeu)
{
	if (!trich_yeu)
		return NULL;
	return cv_arena_printf(a, "V/v %s", trich_yeu + S_vv_prefix(trich_yeu));
}

const char *cv_nd30_strip_end(cv_arena *a, const char *text)
{
	size_t n = strlen(text);
	while (n && (text[n - 1] == ' ' || text[n - 1] == ';' || text[n - 1] == '.' ||
		     text[n - 1] == ','))
		n--;
	/* "./." belongs to the body, never to a list item: stripped above too */
	return cv_arena_strndup(a, text, n);
}

/* A typed leading "- " is not doubled. */
static const char *S_strip_dash(const char *text)
{
	if (text[0] == '-' && text[1] == ' ')
		return text + 2;
	return text;
}

/* ND30-KG-LIST, ND30-NOINHAN-ITEM [3.5, 3.6]. */
const char *cv_nd30_dash_item(cv_arena *a, const char *text, int last)
{
	const char *t = cv_nd30_strip_end(a, S_strip_dash(text));
	return cv_arena_printf(a, "- %s%c", t, last ? '.' : ';');
}

/* ND30-KG-SINGLE [3.5]. */
const char *cv_nd30_single_recipient(cv_arena *a, const char *text)
{
	return cv_arena_printf(a, "%s.", cv_nd30_strip_end(a, S_strip_dash(text)));
}

/* ND30-NOINHAN-LUU [3.6]: "- Lưu: VT, <unit> <copies>." */
const char *cv_nd30_luu(cv_arena *a, const char *luu)
{
	if (!luu || !*luu)
		return "- L\xC6\xB0u: VT."; /* "- Lưu: VT." */
	const char *p = S_strip_dash(luu);
	if (strncmp(p, "L\xC6\xB0u:", 5) == 0) /* "Lưu:" typed */
		p += 5;
	while (*p == ' ')
		p++;
	if (strncmp(p, "VT", 2) == 0 && (p[2] == ',' || p[2] == '\0' || p[2] == '.')) {
		p += 2;
		while (*p == ',' || *p == ' ')
			p++;
	}
	const char *rest = cv_nd30_strip_end(a, p);
	if (!*rest)
		return "- L\xC6\xB0u: VT.";
	return cv_arena_printf(a, "- L\xC6\xB0u: VT, %s.", rest);
}

const char *cv_nd30_drafter(cv_arena *a, const char *initials, const char *copies)
{
	if (!initials)
		return NULL;
	const char *up = cv_upper(a, cv_nd30_strip_end(a, initials));
	return copies ? cv_arena_printf(a, "%s.(%s)", up, copies) : cv_arena_printf(a, "%s.", up);
}

/* ND30-SIGN-PREFIX, ND30-SIGN-UPPER [3.7]. */
const char *cv_nd30_power_line(cv_arena *a, const char *power, const char *head_title,
			       const char *own_title)
{
	if (!power)
		return NULL;
	if (strcmp(power, "Q") == 0)
		return own_title ? cv_arena_printf(a, "Q. %s", cv_upper(a, own_title)) : NULL;
	if (!head_title)
		return NULL;
	return cv_arena_printf(a, "%s. %s", power, cv_upper(a, head_title));
}

const char *cv_nd30_title_line(cv_arena *a, const char *power, const char *own_title)
{
	if (!own_title || (power && strcmp(power, "Q") == 0))
		return NULL;
	return cv_upper(a, own_title);
}
