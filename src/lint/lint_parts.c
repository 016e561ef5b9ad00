/*
 * lint_parts.c — the parts around the body (spec ND30.md §3.4–3.6): trích
 * yếu (ND30-TRICHYEU-CASE, ND30-VV-PREFIX, ND30-TRICHYEU-PRESENT), Kính gửi
 * (ND30-KG-REQUIRED), Nơi nhận and its Lưu line (ND30-NHU-TREN,
 * ND30-NOINHAN-LUU) and ô 12 (ND30-DRAFTER-CODE).
 *
 * congvan prints "V/v", the dashes, the ; and . and the Lưu line itself
 * (model/nd30.c), so these rules look at what the user typed into them.
 */
#include "lint/lint_int.h"

#include <string.h>

#include "base/i18n.h"
#include "model/nd30.h"
#include "read/frontmatter.h"


/* The first word of s (after spaces and opening quotes/brackets). */
static const char *S_first_word(const char *s, size_t *wl)
{
	const char *e = s + strlen(s);
	while (s < e) {
		int32_t cp;
		size_t l = cv_l_next(s, e, &cp);
		if (cv_l_is_letter(cp) || (cp >= '0' && cp <= '9'))
			break;
		s += l;
	}
	*wl = cv_l_word_len(s, e);
	return s;
}

static void S_trich_yeu(cv_lint_ctx *c)
{
	const cv_str *v = &c->m->trich_yeu;
	int line, col;
	if (!v->s) {
		/* types without one: ND30's samples of these and the copies (mẫu 3.x) */
		static const char *none[] = {"GGT", "GNP", "PG", "PC", "PB", "SY", "SL", "TrS"};
		bool needs = !c->cong_van;
		for (size_t i = 0; needs && i < sizeof none / sizeof none[0]; i++)
			needs = strcmp(c->abbr, none[i]) != 0;
		if (needs)
			cv_lint_emit(c, CV_WARNING, 1, 1, "ND30-TRICHYEU-PRESENT",
				     _("no trich_yeu: under the tên loại ND30 prints the trích yếu, a short phrase "
				     "saying what the document is about"));
		return;
	}
	size_t vv = cv_nd30_vv_prefix(v->s);
	const char *rest = v->s + vv;
	size_t wl;
	const char *w = S_first_word(rest, &wl);
	if (!wl)
		return;
	cv_lint_val_pos(c, v, (size_t)(w - v->s), &line, &col);
	if (c->cong_van) {
		if (cv_l_word_eq(w, wl, "về") && strncmp(w + wl, " việc", 6) == 0) {
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-VV-PREFIX",
				     _("'V/v' means 'về việc': congvan prints 'V/v' before the subject, so it "
				     "would read 'V/v về việc …'; start with what the letter is about"));
		} else if (cv_l_is_title(w, wl) && !cv_l_is_caps(w, wl) && cv_l_width(w, wl) > 1) {
			char low[64];
			cv_l_lower_first(w, wl, low, sizeof low);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-TRICHYEU-CASE",
				     _("the subject after 'V/v' continues in lower case ('V/v %s …'), unless "
				     "'%.*s' begins a proper name"),
				     low, (int)wl, w);
		}
		return;
	}
	if (vv)
		return; /* congvan writes a typed V/v out: "Về việc …" */
	if (cv_l_starts_lower(w, wl))
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-TRICHYEU-CASE",
			     _("the trích yếu of a typed document starts with a capital letter ('Về việc …')"));
}

/* Item text without a typed leading "- " and trailing ; . , */
static size_t S_item(const char *s, const char **start)
{
	if (s[0] == '-' && s[1] == ' ')
		s += 2;
	size_t n = strlen(s);
	while (n && strchr(" ;.,", s[n - 1]))
		n--;
	*start = s;
	return n;
}

static void S_recipients(cv_lint_ctx *c)
{
	const cv_meta *m = c->m;
	/* a công điện's recipients (dien_gui) are its Kính gửi */
	bool kg = m->kinh_gui.n > 0 || m->dien_gui.n > 0;
	int line, col;
	if (!kg && c->cong_van && !(c->type && c->type->name && !strcmp(c->type->name, "thu-cong")))
		cv_lint_emit(c, CV_ERROR, 1, 1, "ND30-KG-REQUIRED",
			     _("a công văn has a Kính gửi: add kinh_gui with its recipients"));
	int nhu_tren = -1;
	for (size_t i = 0; i < m->noi_nhan.n; i++) {
		const char *t;
		size_t n = S_item(m->noi_nhan.v[i].s, &t);
		if (cv_l_word_eq(t, n, "Như trên")) {
			if (nhu_tren < 0)
				nhu_tren = (int)i;
		}
		if (n >= 4 && cv_l_word_eq(t, strlen("Lưu"), "Lưu") && (t[4] == ':' || t[4] == ' ')) {
			cv_lint_val_pos(c, &m->noi_nhan.v[i], (size_t)(t - m->noi_nhan.v[i].s), &line, &col);
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-NOINHAN-LUU",
				     _("congvan ends Nơi nhận with the Lưu line built from 'luu'; this item would "
				     "print a second one: move it to luu (e.g. luu: TĐKT (2))"));
		}
	}
	/* a giấy giới thiệu's and a giấy mời's "Như trên" is the person named in
	 * the body (ND30 mẫu 1.8 has it) */
	bool named_above = !strcmp(c->abbr, "GGT") || !strcmp(c->abbr, "GM");
	if (nhu_tren >= 0 && !kg && !named_above) {
		cv_lint_val_pos(c, &m->noi_nhan.v[nhu_tren], 0, &line, &col);
		if (c->cong_van)
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-NHU-TREN",
				     _("'Như trên' stands for the Kính gửi recipients, and this document has no "
				     "Kính gửi: name the recipients here"));
		else
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-NHU-TREN",
				     _("'Như trên' stands for the Kính gửi recipients, and this document has none: "
				     "name the recipients (a quyết định writes 'Như Điều 3')"));
	} else if (nhu_tren > 0 && kg) {
		cv_lint_val_pos(c, &m->noi_nhan.v[nhu_tren], 0, &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-NHU-TREN",
			     _("'Như trên' comes first in Nơi nhận"));
	} else if (nhu_tren < 0 && kg) {
		const cv_str *at = m->noi_nhan.n ? &m->noi_nhan.v[0] : &m->kinh_gui.v[0];
		cv_lint_val_pos(c, at, 0, &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-NHU-TREN",
			     _("with a Kính gửi, Nơi nhận starts with 'Như trên' (standing for the Kính gửi "
			     "recipients): add it as the first item of noi_nhan"));
	}
}

/* An abbreviation: letters and digits with no lower-case letter, . and - allowed inside. */
static bool S_abbrev(const char *p, size_t n)
{
	const char *e = p + n;
	int letters = 0;
	while (p < e) {
		int32_t cp;
		p += cv_l_next(p, e, &cp);
		if (cv_l_case(cp) == -1)
			return false;
		if (cv_l_case(cp) == 1)
			letters++;
		else if (!(cp >= '0' && cp <= '9') && cp != '.' && cp != '-')
			return false;
	}
	return letters > 0;
}

static void S_luu(cv_lint_ctx *c)
{
	const cv_meta *m = c->m;
	int line, col;
	const char *s = m->luu.s;
	const char *p = s ? cv_nd30_luu_units(s) : s; /* as nd30.c prints it */
	/* "- Lưu: VT." alone: ND30's giấy giới thiệu (mẫu 1.8) and the copies;
	 * a document issued with a decision has no Nơi nhận */
	bool vt_only = !strcmp(c->abbr, "GGT") || !strcmp(c->abbr, "SY") || !strcmp(c->abbr, "SL") ||
		       !strcmp(c->abbr, "TrS");
	if ((!p || !*p) && (vt_only || (m->kem_theo.s && !m->noi_nhan.n)))
		return;
	if (!p || !*p || *p == '.') {
		const cv_str *at = s ? &m->luu : m->noi_nhan.n ? &m->noi_nhan.v[m->noi_nhan.n - 1] : NULL;
		if (at)
			cv_lint_val_pos(c, at, 0, &line, &col);
		else
			line = col = 1;
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-NOINHAN-LUU",
			     _("Nơi nhận ends '- Lưu: VT.' only: ND30 adds the drafting unit's abbreviation and, "
			     "if needed, the copies kept: luu: TĐKT (2)"));
		return;
	}
	/* UNIT[ (n)][, UNIT[ (n)]]… */
	const char *e = s + strlen(s);
	while (e > p && strchr(" .;", e[-1]))
		e--;
	for (const char *q = p; q < e;) {
		const char *u = q;
		while (q < e && *q != ' ' && *q != ',' && *q != '(')
			q++;
		if (!strncmp(u, "Hồ sơ", strlen("Hồ sơ"))) {
			q = u + strlen("Hồ sơ"); /* ND30's biên bản sample: "Lưu: VT, Hồ sơ." */
		} else if (!S_abbrev(u, (size_t)(q - u))) {
			cv_lint_val_pos(c, &m->luu, (size_t)(u - s), &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-NOINHAN-LUU",
				     _("luu names the drafting unit by its abbreviation, optionally with the "
				     "copies kept (e.g. TĐKT (2)); found '%.*s'"),
				     (int)(e - u), u);
			return;
		}
		while (q < e && *q == ' ')
			q++;
		if (q < e && *q == '(') {
			const char *d = q + 1;
			while (d < e && *d >= '0' && *d <= '9')
				d++;
			if (d == q + 1 || d >= e || *d != ')') {
				cv_lint_val_pos(c, &m->luu, (size_t)(q - s), &line, &col);
				cv_lint_emit(c, CV_WARNING, line, col, "ND30-NOINHAN-LUU",
					     _("the copies kept are a number in brackets after the unit: TĐKT (2)"));
				return;
			}
			q = d + 1;
		} else if (q < e && *q >= '0' && *q <= '9') {
			while (q < e && *q >= '0' && *q <= '9')
				q++;
		}
		while (q < e && *q == ' ')
			q++;
		if (q < e && *q == ',') {
			q++;
			while (q < e && *q == ' ')
				q++;
		} else if (q < e) {
			cv_lint_val_pos(c, &m->luu, (size_t)(q - s), &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-NOINHAN-LUU",
				     _("luu reads 'UNIT' or 'UNIT (copies)', units separated by ', ' (e.g. TĐKT (2))"));
			return;
		}
	}
}

static void S_drafter(cv_lint_ctx *c)
{
	const cv_meta *m = c->m;
	int line, col;
	if (m->nguoi_soan.s && !m->so_ban.s) {
		cv_lint_val_pos(c, &m->nguoi_soan, 0, &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-DRAFTER-CODE",
			     _("ô 12 gives the drafter's initials with the number of copies issued: add so_ban "
			     "(printed %s.(so_ban))"),
			     m->nguoi_soan.s);
	} else if (m->so_ban.s && !m->nguoi_soan.s) {
		const cv_ynode *n = cv_ymap_get(c->doc->fm, "so_ban", NULL);
		cv_lint_emit(c, CV_WARNING, n ? n->line : m->so_ban.line, n ? n->col : 1, "ND30-DRAFTER-CODE",
			     _("so_ban is printed after the drafter's initials: add nguoi_soan"));
	}
	if (m->nguoi_soan.s) {
		const char *s = m->nguoi_soan.s, *e = s + strlen(s);
		for (const char *p = s; p < e;) {
			int32_t cp;
			size_t l = cv_l_next(p, e, &cp);
			if (!cv_l_is_letter(cp) && cp != '.') {
				cv_lint_val_pos(c, &m->nguoi_soan, (size_t)(p - s), &line, &col);
				cv_lint_emit(c, CV_WARNING, line, col, "ND30-DRAFTER-CODE",
					     _("nguoi_soan is the drafter's initials (e.g. PL), printed in upper case"));
				break;
			}
			p += l;
		}
	}
}

void cv_lint_parts(cv_lint_ctx *c)
{
	S_trich_yeu(c);
	S_recipients(c);
	S_luu(c);
	S_drafter(c);
}
