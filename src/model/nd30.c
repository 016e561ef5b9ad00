/*
 * nd30.c — ND30 text rules (see nd30.h).  Rule ids refer to shared spec
 * ND30.md §7; sections in brackets to its §3.
 */
#include "model/nd30.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
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
		return N_("a day below 10 is written with a leading zero (ng\xC3\xA0y 05)");
	if (month < 3 && nm < 2)
		return N_("January and February are written with a leading zero (th\xC3\xA1ng 01, th\xC3\xA1ng 02)");
	if (month >= 3 && nm > 1 && m[0] == '0')
		return N_("months from March on are written without a leading zero (th\xC3\xA1ng 3, not th\xC3\xA1ng 03)");
	if (nd > 2)
		return N_("the day has too many digits (ng\xC3\xA0y 05, ng\xC3\xA0y 28)");
	if (nm > 2)
		return N_("the month has too many digits (th\xC3\xA1ng 01, th\xC3\xA1ng 12)");
	return NULL;
}

/* Length of a typed "V/v" prefix (any case, optional space/colon after). */
size_t cv_nd30_vv_prefix(const char *s)
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
	return cv_arena_strdup(a, trich_yeu + cv_nd30_vv_prefix(trich_yeu));
}

/* ND30-VV-PREFIX [3.4]: the công văn subject reads "V/v …". */
const char *cv_nd30_vv(cv_arena *a, const char *trich_yeu)
{
	if (!trich_yeu)
		return NULL;
	return cv_arena_printf(a, "V/v %s", trich_yeu + cv_nd30_vv_prefix(trich_yeu));
}

const char *cv_nd30_strip_end(cv_arena *a, const char *text)
{
	size_t n = strlen(text);
	/* "./." closes a body, never a list item: its "/" goes too */
	while (n && (text[n - 1] == ' ' || text[n - 1] == ';' || text[n - 1] == '.' ||
		     text[n - 1] == ',' || (text[n - 1] == '/' && n >= 2 && text[n - 2] == '.')))
		n--;
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

/* What follows a typed "- ", "Lưu:" and "VT," in a Lưu value: the units
 * (and copy count) that congvan prints after "- Lưu: VT, ". */
const char *cv_nd30_luu_units(const char *luu)
{
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
	return p;
}

/* ND30-NOINHAN-LUU [3.6]: "- Lưu: VT, <unit> <copies>." */
const char *cv_nd30_luu(cv_arena *a, const char *luu)
{
	if (!luu || !*luu)
		return "- L\xC6\xB0u: VT."; /* "- Lưu: VT." */
	const char *p = cv_nd30_luu_units(luu);
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

/* ---- typed documents ---------------------------------------------------- */

/* ND30.md §4 (Phụ lục III, Mục I): the official abbreviations, in their exact
 * case, with the type's name; `title` is the printed tên loại when it is not
 * the name in upper case (the copies print the hình thức sao, [3.11]). */
static const struct {
	const char *abbr, *name, *title;
} S_types[] = {
	{"NQ", "Ngh\xE1\xBB\x8B quy\xE1\xBA\xBFt", NULL},      {"Q\xC4\x90", "Quy\xE1\xBA\xBFt \xC4\x91\xE1\xBB\x8Bnh", NULL},
	{"CT", "Ch\xE1\xBB\x89 th\xE1\xBB\x8B", NULL},         {"QC", "Quy ch\xE1\xBA\xBF", NULL},
	{"Qy\xC4\x90", "Quy \xC4\x91\xE1\xBB\x8Bnh", NULL},       {"TC", "Th\xC3\xB4ng c\xC3\xA1o", NULL},
	{"TB", "Th\xC3\xB4ng b\xC3\xA1o", NULL},       {"HD", "H\xC6\xB0\xE1\xBB\x9Bng d\xE1\xBA\xABn", NULL},
	{"CTr", "Ch\xC6\xB0\xC6\xA1ng tr\xC3\xACnh", NULL},   {"KH", "K\xE1\xBA\xBF ho\xE1\xBA\xA1" "ch", NULL},
	{"PA", "Ph\xC6\xB0\xC6\xA1ng \xC3\xA1n", NULL},       {"\xC4\x90" "A", "\xC4\x90\xE1\xBB\x81 \xC3\xA1n", NULL},
	{"DA", "D\xE1\xBB\xB1 \xC3\xA1n", NULL},           {"BC", "B\xC3\xA1o c\xC3\xA1o", NULL},
	{"BB", "Bi\xC3\xAAn b\xE1\xBA\xA3n", NULL},        {"TTr", "T\xE1\xBB\x9D tr\xC3\xACnh", NULL},
	{"H\xC4\x90", "H\xE1\xBB\xA3p \xC4\x91\xE1\xBB\x93ng", NULL},        {"C\xC4\x90", "C\xC3\xB4ng \xC4\x91i\xE1\xBB\x87n", NULL},
	{"BGN", "B\xE1\xBA\xA3n ghi nh\xE1\xBB\x9B", NULL},    {"BTT", "B\xE1\xBA\xA3n th\xE1\xBB\x8F" "a thu\xE1\xBA\xADn", NULL},
	{"GUQ", "Gi\xE1\xBA\xA5y \xE1\xBB\xA7y quy\xE1\xBB\x81n", NULL},  {"GM", "Gi\xE1\xBA\xA5y m\xE1\xBB\x9Di", NULL},
	{"GGT", "Gi\xE1\xBA\xA5y gi\xE1\xBB\x9Bi thi\xE1\xBB\x87u", NULL}, {"GNP", "Gi\xE1\xBA\xA5y ngh\xE1\xBB\x89 ph\xC3\xA9p", NULL},
	{"PG", "Phi\xE1\xBA\xBFu g\xE1\xBB\xADi", NULL},       {"PC", "Phi\xE1\xBA\xBFu chuy\xE1\xBB\x83n", NULL},
	{"PB", "Phi\xE1\xBA\xBFu b\xC3\xA1o", NULL},       {"SY", "B\xE1\xBA\xA3n sao y", "SAO Y"},
	{"TrS", "B\xE1\xBA\xA3n tr\xC3\xAD" "ch sao", "TR\xC3\x8D" "CH SAO"}, {"SL", "B\xE1\xBA\xA3n sao l\xE1\xBB\xA5" "c", "SAO L\xE1\xBB\xA4" "C"},
};
#define S_NTYPES (sizeof S_types / sizeof S_types[0])

const char *cv_nd30_type_name(const char *abbr)
{
	for (size_t i = 0; abbr && i < S_NTYPES; i++)
		if (!strcmp(S_types[i].abbr, abbr))
			return S_types[i].name;
	return NULL;
}

/* ND30-TITLE-PRESENT [3.4, 3.11]. */
const char *cv_nd30_type_title(cv_arena *a, const char *abbr)
{
	for (size_t i = 0; abbr && i < S_NTYPES; i++)
		if (!strcmp(S_types[i].abbr, abbr))
			return S_types[i].title ? S_types[i].title : cv_upper(a, S_types[i].name);
	return NULL;
}

/* ND30-SYMBOL-TYPE [3.2]: "<type>-<issuer>", the type code in its exact case. */
const char *cv_nd30_symbol(cv_arena *a, const char *abbr, const char *ky_hieu)
{
	if (!abbr || !*abbr)
		return ky_hieu;
	if (!ky_hieu || !*ky_hieu)
		return cv_arena_printf(a, "%s-%s", abbr, CV_BLANK);
	const char *dash = strchr(ky_hieu, '-');
	size_t gl = dash ? (size_t)(dash - ky_hieu) : strlen(ky_hieu);
	char *group = cv_arena_strndup(a, ky_hieu, gl);
	const char *gup = cv_upper(a, group);
	if (!strcmp(gup, cv_upper(a, abbr)))
		return dash ? cv_arena_printf(a, "%s%s", abbr, dash) : abbr;
	for (size_t i = 0; i < S_NTYPES; i++)
		if (!strcmp(gup, cv_upper(a, S_types[i].abbr)))
			return ky_hieu; /* another type's code: as typed */
	return cv_arena_printf(a, "%s-%s", abbr, ky_hieu);
}

const char *cv_nd30_trich_yeu(cv_arena *a, const char *text)
{
	if (!text)
		return NULL;
	size_t n = cv_nd30_vv_prefix(text);
	return n ? cv_arena_printf(a, "V\xE1\xBB\x81 vi\xE1\xBB\x87" "c %s", text + n) : cv_arena_strdup(a, text);
}

/* ND30-CANCU-PUNCT [3.8; TT 01/2011: the last ends with ","]. */
const char *cv_nd30_can_cu(cv_arena *a, const char *text, int last, const char *last_punct)
{
	return cv_arena_printf(a, "%s%s", cv_nd30_strip_end(a, text), last ? last_punct : ";");
}

/* ND30-DATE-ZERO [3.3], in a sentence. */
const char *cv_nd30_date_words(cv_arena *a, int year, int month, int day)
{
	if (day <= 0 || month <= 0)
		return cv_arena_printf(a, "ng\xC3\xA0y %s th\xC3\xA1ng %s n\xC4\x83m %d", CV_BLANK, CV_BLANK, year);
	char dd[8], mm[8];
	snprintf(dd, sizeof dd, day < 10 ? "%02d" : "%d", day);
	snprintf(mm, sizeof mm, month < 3 ? "%02d" : "%d", month);
	return cv_arena_printf(a, "ng\xC3\xA0y %s th\xC3\xA1ng %s n\xC4\x83m %d", dd, mm, year);
}

/* ND30-SIGN-PREFIX [3.7]: TM. above KT. (decree example: "TM. ỦY BAN NHÂN
 * DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"). */
const char *cv_nd30_collective_line(cv_arena *a, const char *collective)
{
	return collective ? cv_arena_printf(a, "TM. %s", cv_upper(a, collective)) : NULL;
}

/* ND30-DIEU-FORMAT [3.9]: "Điều 12." */
size_t cv_nd30_article_len(const char *text)
{
	static const char word[] = "\xC4\x90i\xE1\xBB\x81u";
	size_t wl = sizeof word - 1;
	if (!text || strncmp(text, word, wl) != 0 || text[wl] != ' ')
		return 0;
	size_t i = wl;
	while (text[i] == ' ')
		i++;
	size_t d = i;
	while (isdigit((unsigned char)text[i]))
		i++;
	if (i == d || i - d > 4 || text[i] != '.')
		return 0;
	return i + 1;
}

/* A Roman numeral (upper case) or Arabic number at s: its length, or 0. */
static size_t S_number_len(const char *s)
{
	size_t n = 0;
	if (isdigit((unsigned char)s[0])) {
		while (isdigit((unsigned char)s[n]))
			n++;
	} else {
		while (s[n] && strchr("IVXLCDM", s[n]))
			n++;
	}
	return n;
}

/* After a label's number: optional separator (". ", ": ", " - ", " – "),
 * then the title; NULL when nothing follows.  -1 when the text goes on
 * without a break (the "number" was the start of a word). */
static int S_title_after(cv_arena *a, const char *p, const char **title)
{
	*title = NULL;
	if (*p && *p != ' ' && *p != '.' && *p != ':' && *p != '-' && strncmp(p, "\xE2\x80\x93", 3) != 0 &&
	    strncmp(p, "\xE2\x80\x94", 3) != 0)
		return -1;
	while (*p == ' ')
		p++;
	if (*p == '.' || *p == ':' || *p == '-')
		p++;
	else if (!strncmp(p, "\xE2\x80\x93", 3) || !strncmp(p, "\xE2\x80\x94", 3))
		p += 3;
	while (*p == ' ')
		p++;
	if (*p)
		*title = cv_arena_strdup(a, p);
	return 0;
}

/* ND30-CHUONG-ROMAN [3.9]. */
int cv_nd30_division(cv_arena *a, const char *text, const char **label, const char **title)
{
	static const struct {
		const char *lower, *word;
		int level;
	} words[] = {
		{"ti\xE1\xBB\x83u m\xE1\xBB\xA5" "c ", "Ti\xE1\xBB\x83u m\xE1\xBB\xA5" "c", 4},
		{"ph\xE1\xBA\xA7n ", "Ph\xE1\xBA\xA7n", 1},
		{"ch\xC6\xB0\xC6\xA1ng ", "Ch\xC6\xB0\xC6\xA1ng", 2},
		{"m\xE1\xBB\xA5" "c ", "M\xE1\xBB\xA5" "c", 3},
	};
	if (!text)
		return 0;
	const char *low = cv_lower(a, text);
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t wl = strlen(words[w].lower);
		if (strncmp(low, words[w].lower, wl) != 0)
			continue;
		const char *p = text + wl; /* these words keep their byte length in lower case */
		size_t nl = S_number_len(p);
		if (!nl)
			return 0;
		if (S_title_after(a, p + nl, title) != 0)
			return 0;
		*label = cv_arena_printf(a, "%s %.*s", words[w].word, (int)nl, p);
		return words[w].level;
	}
	return 0;
}

/* ND30-PHULUC-ROMAN [3.10]. */
int cv_nd30_appendix(cv_arena *a, const char *text, const char **label, const char **title,
		     const char **number)
{
	static const char lower[] = "ph\xE1\xBB\xA5 l\xE1\xBB\xA5" "c";
	size_t wl = sizeof lower - 1;
	*number = NULL;
	*title = NULL;
	if (!text || strncmp(cv_lower(a, text), lower, wl) != 0)
		return 0;
	const char *p = text + wl;
	if (*p && *p != ' ' && *p != '.' && *p != ':' && *p != '-' && strncmp(p, "\xE2\x80\x93", 3) != 0)
		return 0; /* "Phụ lục hóa …": another word */
	while (*p == ' ')
		p++;
	size_t nl = S_number_len(p);
	if (nl && S_title_after(a, p + nl, title) == 0)
		*number = cv_arena_strndup(a, p, nl);
	else if (*p && *p != '.' && *p != ':' && *p != '-' && strncmp(p, "\xE2\x80\x93", 3) != 0)
		return 0; /* "Phụ lục hóa các biểu mẫu": a sentence, not a heading */
	else
		S_title_after(a, p, title);
	*label = *number ? cv_arena_printf(a, "Ph\xE1\xBB\xA5 l\xE1\xBB\xA5" "c %s", *number) : "Ph\xE1\xBB\xA5 l\xE1\xBB\xA5" "c";
	return 1;
}

const char *cv_nd30_roman(cv_arena *a, int n)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
		 {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};
	char buf[32] = "";
	size_t len = 0;
	if (n < 1 || n > 3999)
		return cv_arena_printf(a, "%d", n);
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		while (n >= r[i].v) {
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", r[i].s);
			n -= r[i].v;
		}
	return cv_arena_strdup(a, buf);
}

/* [3.10] mẫu 2.1: "(Kèm theo Văn bản số … ngày … tháng … năm … của …)". */
const char *cv_nd30_attached_to(cv_arena *a, const char *type_name, const char *so_ky_hieu,
				const char *date_words, const char *issuer)
{
	return cv_arena_printf(a, "(K\xC3\xA8m theo %s s\xE1\xBB\x91 %s %s%s%s)", type_name, so_ky_hieu, date_words,
			       issuer ? " c\xE1\xBB\xA7" "a " : "", issuer ? issuer : "");
}

/* [mẫu 1.3] "(Kèm theo Quyết định số … của …)". */
const char *cv_nd30_kem_theo(cv_arena *a, const char *text)
{
	if (!text)
		return NULL;
	while (*text == '(' || *text == ' ')
		text++;
	size_t n = strlen(text);
	while (n && (text[n - 1] == ')' || text[n - 1] == ' ' || text[n - 1] == '.'))
		n--;
	const char *body = cv_arena_strndup(a, text, n);
	const char *low = cv_lower(a, body);
	if (!strncmp(low, "k\xC3\xA8m theo ", strlen("k\xC3\xA8m theo ")))
		body += strlen("k\xC3\xA8m theo ");
	return cv_arena_printf(a, "(K\xC3\xA8m theo %s)", body);
}

const char *cv_nd30_lower_first(cv_arena *a, const char *text)
{
	if (!text || !*text)
		return text;
	size_t n = 1;
	while (((unsigned char)text[n] & 0xC0) == 0x80)
		n++;
	char *first = cv_arena_strndup(a, text, n);
	return cv_arena_printf(a, "%s%s", cv_lower(a, first), text + n);
}
