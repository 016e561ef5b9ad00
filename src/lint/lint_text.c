/*
 * lint_text.c — text hygiene and encoding: NFC (ND30-UTF8-NFC), TCVN3/VNI
 * text shown as Latin-1 (ND30-TCVN6909), runs of spaces (CV-DOUBLE-SPACE),
 * spaces around punctuation (CV-SPACE-BEFORE, CV-SPACE-AFTER), mixed quote
 * styles (CV-QUOTES) and mixed tone-mark placement (CV-TONE-MARKS).
 *
 * All of them look at the source text as typed (cv_lspan), so columns are
 * exact; code spans and code blocks are never text.
 */
#include "lint/lint_int.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"

/* Front-matter keys whose values are not prose (numbers, dates, codes,
 * addresses on the Internet): the punctuation rules leave them alone. */
static bool S_prose_key(const cv_lspan *s)
{
	static const char *skip[] = {"loai", "profile", "so", "ngay", "nam", "ky_hieu", "so_ban",
				     "co_chu", "gian_dong", "lien_he.email", "lien_he.website",
				     "lien_he.dien_thoai", "lien_he.fax", "du_thao"};
	if (!(s->flags & CV_LS_FM))
		return true;
	if (s->flags & CV_LS_FLOW)
		return false;
	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (strcmp(s->key, skip[i]) == 0)
			return false;
	return true;
}

/* ---- ND30-UTF8-NFC ------------------------------------------------------------- */

static void S_nfc(cv_lint_ctx *c)
{
	const char *src = c->doc->src, *end = src + c->doc->src_len;
	int line = 1, first = 0, first_col = 1, count = 0;
	if (cv_is_nfc(src, c->doc->src_len))
		return; /* the usual case: one pass */
	for (const char *p = src; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		if (!cv_is_nfc(p, (size_t)(e - p))) {
			if (!first) {
				first = line;
				/* the letter before the first combining mark */
				const char *q = p, *prev = p;
				while (q < e) {
					int32_t cp;
					size_t l = cv_l_next(q, e, &cp);
					if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1DC0 && cp <= 0x1DFF)) {
						q = prev;
						break;
					}
					prev = q;
					q += l;
				}
				first_col = 1 + cv_l_width(p, (size_t)((q < e ? q : p) - p));
			}
			count++;
		}
		p = nl ? nl + 1 : end;
	}
	if (first)
		cv_lint_emit(c, CV_WARNING, first, first_col, "ND30-UTF8-NFC",
			     P_("text not in Unicode NFC (accents typed as separate marks) on %d line, the first here: "
				"congvan prints it normalised; 'congvan check --fix' rewrites the file in NFC",
				"text not in Unicode NFC (accents typed as separate marks) on %d lines, the first here: "
				"congvan prints it normalised; 'congvan check --fix' rewrites the file in NFC",
				count),
			     count);
}

/* ---- ND30-TCVN6909: TCVN3 (ABC) and VNI text read as Latin-1 ---------------- */

/* Code points of Latin-1 that Vietnamese Unicode text never has inside a
 * word but TCVN3/VNI text read as Windows-1252 is full of: the symbols
 * TCVN3 uses for ă â ê ô ơ ư đ à ả ã á ạ …, and the Latin-1 letters that are
 * not Vietnamese (ß ñ ö ø …). */
static bool S_legacy_char(int32_t cp)
{
	if ((cp >= 0xA1 && cp <= 0xAE) || (cp >= 0xB5 && cp <= 0xB9) || (cp >= 0xBB && cp <= 0xBE))
		return true;
	switch (cp) {
	case 0xC4: case 0xC5: case 0xC6: case 0xC7: case 0xCB: case 0xCE: case 0xCF: case 0xD0:
	case 0xD1: case 0xD6: case 0xD7: case 0xD8: case 0xDB: case 0xDC: case 0xDE: case 0xDF:
	case 0xE4: case 0xE5: case 0xE6: case 0xE7: case 0xEB: case 0xEE: case 0xEF: case 0xF0:
	case 0xF1: case 0xF6: case 0xF7: case 0xF8: case 0xFB: case 0xFC: case 0xFE: case 0xFF:
		return true;
	default:
		return false;
	}
}

/* TCVN3 (TCVN 5712:1993 VN3) bytes 0xA1–0xFF as Unicode (glibc's TCVN5712-1
 * table); 0 = the byte means itself or a combining mark. */
static const uint16_t S_tcvn3[95] = {
	/* A1 */ 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, 0x0103, 0x00E2, 0x00EA, 0x00F4,
	/* AC */ 0x01A1, 0x01B0, 0x0111, 0x1EB0, 0, 0, 0, 0, 0,
	/* B5 */ 0x00E0, 0x1EA3, 0x00E3, 0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
	/* C0 */ 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EA5,
	/* CB */ 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF,
	/* D6 */ 0x1EC7, 0x00EC, 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, 0x1ED4,
	/* E1 */ 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF,
	/* EC */ 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, 0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED,
	/* F7 */ 0x1EEF, 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};

static void S_put_cp(cv_buf *b, int32_t cp)
{
	char u[4];
	cv_buf_put(b, u, cv_l_encode(cp, u));
}

/* Text in TCVN3 read as Latin-1, converted back. */
void cv_lint_from_tcvn3(const char *p, const char *e, cv_buf *out)
{
	while (p < e) {
		int32_t cp;
		p += cv_l_next(p, e, &cp);
		if (cp >= 0xA1 && cp <= 0xFF && S_tcvn3[cp - 0xA1])
			cp = S_tcvn3[cp - 0xA1];
		S_put_cp(out, cp);
	}
}

/* VNI Windows: a base letter followed by a mark letter.  Marks (lower
 * case; upper case likewise): ù ø û õ ï = sắc huyền hỏi ngã nặng; â á à å ã ä =
 * circumflex + none/sắc/huyền/hỏi/ngã/nặng; ê é è ú ü ë = breve + the same;
 * and the single letters ô ö ñ = ơ ư đ, í ì æ ó ò = í ì ỉ ĩ ị, î = ỵ. */
static int S_vni_mark(int32_t cp, int *tone, int *hat)
{
	int32_t l = cv_l_lower(cp);
	static const struct {
		int32_t cp;
		int tone, hat; /* hat: 0 none, 1 circumflex, 2 breve */
	} marks[] = {
		{0xF9, 2, 0}, {0xF8, 1, 0}, {0xFB, 3, 0}, {0xF5, 4, 0}, {0xEF, 5, 0},
		{0xE2, 0, 1}, {0xE1, 2, 1}, {0xE0, 1, 1}, {0xE5, 3, 1}, {0xE3, 4, 1}, {0xE4, 5, 1},
		{0xEA, 0, 2}, {0xE9, 2, 2}, {0xE8, 1, 2}, {0xFA, 3, 2}, {0xFC, 4, 2}, {0xEB, 5, 2},
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (marks[i].cp == l) {
			*tone = marks[i].tone;
			*hat = marks[i].hat;
			return 1;
		}
	return 0;
}

void cv_lint_from_vni(const char *p, const char *e, cv_buf *out)
{
	while (p < e) {
		int32_t cp;
		p += cv_l_next(p, e, &cp);
		int32_t l = cv_l_lower(cp);
		bool up = l != cp;
		int base = -1, tone = 0;
		switch (l) {
		case 'a': base = 0; break;
		case 'e': base = 3; break;
		case 'i': base = 5; break;
		case 'o': base = 6; break;
		case 'u': base = 9; break;
		case 'y': base = 11; break;
		case 0xF4: base = 8; break;  /* ô = ơ */
		case 0xF6: base = 10; break; /* ö = ư */
		case 0xF1: S_put_cp(out, up ? 0x110 : 0x111); continue; /* ñ = đ */
		case 0xE6: base = 5; tone = 3; break; /* æ = ỉ */
		case 0xF3: base = 5; tone = 4; break; /* ó = ĩ */
		case 0xF2: base = 5; tone = 5; break; /* ò = ị */
		case 0xEE: base = 11; tone = 5; break; /* î = ỵ */
		default: break;
		}
		if (base < 0) {
			S_put_cp(out, cp);
			continue;
		}
		/* up to two marks: a hat, then a tone (ơ/ư take a tone only) */
		for (int k = 0; k < 2 && p < e; k++) {
			int32_t m;
			size_t ml = cv_l_next(p, e, &m);
			int t, hat;
			if (!S_vni_mark(m, &t, &hat))
				break;
			if (hat == 1 && (base == 0 || base == 3 || base == 6))
				base = base == 0 ? 2 : base == 3 ? 4 : 7;
			else if (hat == 2 && base == 0)
				base = 1;
			else if (hat)
				break;
			tone = t ? t : tone;
			p += ml;
		}
		S_put_cp(out, cv_l_vowel_cp(base, tone, up));
	}
}

static bool S_ascii_vowel(int32_t cp)
{
	return cp && strchr("aeiouyAEIOUY", (int)cp) != NULL && cp < 0x80;
}

static void S_legacy(cv_lint_ctx *c)
{
	int words = 0, vni = 0, tcvn = 0;
	const cv_lspan *fs = NULL;
	const char *fw = NULL;
	size_t fwn = 0;
	for (size_t i = 0; i < c->sp.n; i++) {
		const cv_lspan *s = &c->sp.v[i];
		const char *p = s->p, *e = s->p + s->n;
		while (p < e) {
			/* a word: letters and legacy symbols */
			const char *w = p;
			int legacy = 0, ascii = 0, v = 0, t = 0;
			int32_t prev = 0;
			while (p < e) {
				int32_t cp;
				size_t l = cv_l_next(p, e, &cp);
				bool lg = S_legacy_char(cp);
				if (lg && (cp == 0xAB || cp == 0xBB)) {
					/* « » are quotation marks unless inside a word (h«m, b»ng) */
					int32_t nx = 0;
					if (p + l < e)
						cv_l_next(p + l, e, &nx);
					lg = cv_l_is_letter(nx) && (cp == 0xBB || p > w);
				}
				if (!lg && !cv_l_is_letter(cp))
					break;
				if (lg) {
					legacy++;
					if (cp != 0xF1 && cp != 0xD1) /* ñ is đ in VNI, ủ in TCVN3: no vote */
						S_ascii_vowel(prev) ? v++ : t++;
				} else if (cp < 0x80) {
					ascii++;
				}
				prev = cp;
				p += l;
			}
			if (p == w) {
				int32_t cp;
				p += cv_l_next(p, e, &cp);
				continue;
			}
			if (legacy && ascii) {
				words++;
				vni += v;
				tcvn += t;
				if (!fs) {
					fs = s;
					fw = w;
					fwn = (size_t)(p - w);
				}
			}
		}
	}
	if (words < 3 || !fs)
		return;
	bool is_vni = vni > tcvn;
	/* a few words from the first one, converted, as a preview */
	const char *e = fs->p + fs->n, *q = fw + fwn;
	for (int k = 0; k < 3 && q < e; k++) {
		const char *r = q;
		while (r < e && *r == ' ')
			r++;
		if (r == e)
			break;
		while (r < e && *r != ' ')
			r++;
		q = r;
	}
	if (q - fw > 60) {
		q = fw + fwn;
	}
	cv_buf conv = CV_BUF_INIT;
	if (is_vni)
		cv_lint_from_vni(fw, q, &conv);
	else
		cv_lint_from_tcvn3(fw, q, &conv);
	cv_lint_emit(c, CV_ERROR, fs->line, cv_lint_span_col(fs, fw), "ND30-TCVN6909",
		     _("this looks like %s text shown as Latin-1 (%d words such as '%.*s', which reads '%s'): "
		     "ND30 requires Unicode (TCVN 6909:2001); convert the file %s"),
		     is_vni ? "VNI" : "TCVN3 (ABC)", words, (int)(q - fw), fw, cv_buf_cstr(&conv),
		     is_vni ? _("with unikey's Toolkit (source: VNI Windows, destination: Unicode)")
			    : _("with unikey's Toolkit (source: TCVN3 (ABC), destination: Unicode), or "
			      "iconv -f UTF-8 -t LATIN1 | iconv -f TCVN5712-1 -t UTF-8"));
	cv_buf_free(&conv);
}

/* ---- CV-DOUBLE-SPACE, CV-SPACE-BEFORE, CV-SPACE-AFTER ------------------------ */

static void S_spacing(cv_lint_ctx *c)
{
	for (size_t i = 0; i < c->sp.n; i++) {
		const cv_lspan *s = &c->sp.v[i];
		if (!S_prose_key(s))
			continue;
		const char *p = s->p, *e = s->p + s->n;
		for (const char *q = p; q < e; q++) {
			if (*q == ' ') {
				const char *r = q;
				while (r < e && *r == ' ')
					r++;
				/* runs of spaces between text: the front matter's are squeezed when read */
				if (r - q >= 2 && q > p && r < e && !(s->flags & CV_LS_FM))
					cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, q), "CV-DOUBLE-SPACE",
						     _("%d spaces in a row"), (int)(r - q));
				/* a space before , ; : . (not an ellipsis, not a decimal .5) */
				if (q > p && r < e && strchr(",;:.", *r) && !(r + 1 < e && r[1] == '.' && *r == '.') &&
				    !(r + 1 < e && r[1] >= '0' && r[1] <= '9'))
					cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, q), "CV-SPACE-BEFORE",
						     _("space before '%c'"), *r);
				q = r - 1;
				continue;
			}
			if (q + 1 >= e || q == p)
				continue;
			int32_t next;
			cv_l_next(q + 1, e, &next);
			if ((*q == ',' || *q == ';' || *q == ':') && cv_l_is_letter(next)) {
				cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, q + 1), "CV-SPACE-AFTER",
					     _("no space after '%c'"), *q);
			} else if (*q == '.' && cv_l_case(next) == 1) {
				/* "…thực hiện.Các": a sentence end; not "TP.HCM", "v.v." or an address */
				const char *w;
				bool lower;
				int letters = cv_l_letters_before(p, q, e, &w, &lower);
				if (letters >= 2 && lower && !(w > p && (w[-1] == '.' || w[-1] == '@' || w[-1] == '/')))
					cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, q + 1), "CV-SPACE-AFTER",
						     _("no space after the full stop"));
			}
		}
	}
}

/* ---- CV-QUOTES ------------------------------------------------------------------- */

static void S_quotes(cv_lint_ctx *c)
{
	int straight = 0, curly = 0;
	int sl = 0, sc = 0, cl = 0, cc = 0;
	for (size_t i = 0; i < c->sp.n; i++) {
		const cv_lspan *s = &c->sp.v[i];
		if (!S_prose_key(s))
			continue;
		const char *p = s->p, *e = s->p + s->n;
		while (p < e) {
			int32_t cp;
			size_t l = cv_l_next(p, e, &cp);
			if (cp == '"' && !(p > s->p && p[-1] == '\\' && (s->flags & CV_LS_FM))) {
				if (!straight++) {
					sl = s->line;
					sc = cv_lint_span_col(s, p);
				}
			} else if (cp == 0x201C || cp == 0x201D) {
				if (!curly++) {
					cl = s->line;
					cc = cv_lint_span_col(s, p);
				}
			}
			p += l;
		}
	}
	if (!straight || !curly)
		return;
	bool flag_straight = straight <= curly;
	cv_lint_emit(c, CV_WARNING, flag_straight ? sl : cl, flag_straight ? sc : cc, "CV-QUOTES",
		     _("straight quotes (\"…\", %d) and curly quotes (“…”, %d) in one document: use one style, "
		     "e.g. the %s ones used at line %d"),
		     straight, curly, flag_straight ? _("curly") : _("straight"), flag_straight ? cl : sl);
}

/* ---- CV-TONE-MARKS ---------------------------------------------------------------- */

/* Tone placement of one syllable ending in oa, oe or uy (no final
 * consonant): 1 new style (hòa: tone on the first vowel), 2 old style (hoà),
 * 0 neither or not such a syllable. */
int cv_lint_tone_style(const char *w, size_t n)
{
	const char *e = w + n;
	/* most words end in a consonant: look at the last letter first */
	const char *last = e;
	while (last > w && ((unsigned char)last[-1] & 0xC0) == 0x80)
		last--;
	if (last > w)
		last--;
	while (last > w && ((unsigned char)*last & 0xC0) == 0x80)
		last--;
	int32_t lc;
	int lb, lt;
	bool lu;
	cv_l_next(last, e, &lc);
	if (!cv_l_vowel(lc, &lb, &lt, &lu) || (lb != 0 && lb != 3 && lb != 11))
		return 0;
	int base[16], tone[16], cnt = 0;
	int32_t cps[16];
	while (w < e && cnt < 16) {
		int32_t cp;
		w += cv_l_next(w, e, &cp);
		bool up;
		cps[cnt] = cv_l_lower(cp);
		if (!cv_l_vowel(cp, &base[cnt], &tone[cnt], &up))
			base[cnt] = -1, tone[cnt] = 0;
		cnt++;
	}
	if (w < e || cnt < 2)
		return 0;
	int a = cnt - 2, b = cnt - 1;
	bool pair = (base[a] == 6 && (base[b] == 0 || base[b] == 3)) || (base[a] == 9 && base[b] == 11);
	if (!pair)
		return 0;
	/* only consonants before the pair; "qu" + y is quý, not u-y */
	for (int k = 0; k < a; k++)
		if (base[k] >= 0)
			return 0;
	if (base[a] == 9 && a > 0 && cps[a - 1] == 'q')
		return 0;
	if (tone[a] && !tone[b])
		return 1;
	if (tone[b] && !tone[a])
		return 2;
	return 0;
}

static void S_tones(cv_lint_ctx *c)
{
	int n[3] = {0, 0, 0}, line[3] = {0}, col[3] = {0};
	char word[3][32] = {"", "", ""};
	for (size_t i = 0; i < c->sp.n; i++) {
		const cv_lspan *s = &c->sp.v[i];
		const char *p = s->p, *e = s->p + s->n;
		while (p < e) {
			size_t wl = cv_l_word_len(p, e);
			if (!wl) {
				int32_t cp;
				p += cv_l_next(p, e, &cp);
				continue;
			}
			int st = cv_lint_tone_style(p, wl);
			if (st && !n[st]++) {
				line[st] = s->line;
				col[st] = cv_lint_span_col(s, p);
				snprintf(word[st], sizeof word[st], "%.*s", (int)wl, p);
			}
			p += wl;
		}
	}
	if (!n[1] || !n[2])
		return;
	int minor = n[2] <= n[1] ? 2 : 1, major = 3 - minor;
	/* two counts, each with its own plural: each "N times" is a whole phrase */
	char times[2][64];
	snprintf(times[0], sizeof times[0], P_("%d time", "%d times", n[minor]), n[minor]);
	snprintf(times[1], sizeof times[1], P_("%d time", "%d times", n[major]), n[major]);
	cv_lint_emit(c, CV_WARNING, line[minor], col[minor], "CV-TONE-MARKS",
		     /* TRANSLATORS: the two %s after the words are "N time(s)" */
		     _("tone marks placed the %s way ('%s', %s) and the %s way ('%s' at line %d, %s) in one document: "
		       "write one style throughout (ND30's own text writes hòa, thủy)"),
		     minor == 2 ? _("old") : _("new"), word[minor], times[0], major == 2 ? _("old") : _("new"),
		     word[major], line[major], times[1]);
}

void cv_lint_text(cv_lint_ctx *c)
{
	S_nfc(c);
	S_legacy(c);
	S_spacing(c);
	S_quotes(c);
	S_tones(c);
}
