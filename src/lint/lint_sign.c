/*
 * lint_sign.c — the signature block (ô 7a–7b, spec ND30.md §3.7): quyền hạn
 * consistent with the titles (ND30-SIGN-KT-DEPUTY, ND30-SIGN-FORM) and the
 * signer's name (ND30-SIGN-UPPER, ND30-SIGN-NAME, ND30-SIGN-NOTITLE).
 *
 * The reader already refused an unknown quyền hạn and a KT./TM./TL./TUQ.
 * without the head's title (ND30-SIGN-PREFIX, ND30-SIGN-KT-SECOND); what is
 * left needs judgement, so these are warnings — except a name in capitals,
 * which ND30 states outright.
 */
#include "lint/lint_int.h"

#include <string.h>

#include "base/i18n.h"

/* Does s start with the words of lit (any case), followed by a space or
 * the end? */
static bool S_starts(const char *s, const char *lit)
{
	size_t n = strlen(lit), sn = strlen(s);
	if (sn < n)
		return false;
	/* compare letter by letter over the first strlen(lit) bytes' worth */
	const char *e = s, *se = s + sn;
	int cps = cv_l_width(lit, n);
	for (int k = 0; k < cps && e < se; k++) {
		int32_t cp;
		e += cv_l_next(e, se, &cp);
	}
	int32_t next = 0;
	if (*e)
		cv_l_next(e, se, &next);
	return cv_l_word_eq(s, (size_t)(e - s), lit) && !cv_l_is_letter(next); /* "Thứ trưởng, Phó …" */
}

/* A deputy's title: Phó …, Thứ trưởng. */
static bool S_deputy(const char *t)
{
	return t && (S_starts(t, "Phó") || S_starts(t, "Thứ trưởng"));
}

/* A collective body: what TM. signs for. */
static bool S_collective(const char *t)
{
	static const char *w[] = {"Ủy ban", "Uỷ ban", "Hội đồng", "Ban", "Chính phủ", "Đảng ủy", "Đảng uỷ",
				  "Đoàn", "Thường trực", "Tập thể", "Bộ Chính trị", "Hội", "Liên đoàn",
				  "Tổ", "Đại hội", "Quốc hội"};
	for (size_t i = 0; t && i < sizeof w / sizeof w[0]; i++)
		if (S_starts(t, w[i]))
			return true;
	return false;
}

/* A person's title: Giám đốc, Bộ trưởng, Chủ tịch … */
static bool S_personal(const char *t)
{
	static const char *w[] = {"Giám đốc", "Tổng Giám đốc", "Chủ tịch", "Chủ nhiệm", "Chánh",
				  "Thủ tướng", "Phó", "Bí thư", "Tổng Thư ký", "Thư ký", "Trưởng",
				  "Viện trưởng", "Thủ trưởng"};
	if (!t)
		return false;
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (S_starts(t, w[i]))
			return true;
	/* Bộ trưởng, Cục trưởng, Hiệu trưởng, Vụ trưởng … */
	const char *e = t + strlen(t);
	for (const char *p = t; p < e;) {
		size_t wl = cv_l_word_len(p, e);
		if (wl && cv_l_word_eq(p, wl, "trưởng"))
			return true;
		if (wl) {
			p += wl;
		} else {
			int32_t cp;
			p += cv_l_next(p, e, &cp);
		}
	}
	return false;
}

static void S_powers(cv_lint_ctx *c)
{
	const cv_sign *k = &c->m->ky;
	const char *q = k->quyen_han.s, *head = k->chuc_vu_cap_tren.s, *own = k->chuc_vu.s;
	const cv_str *at = q ? &k->quyen_han : &k->chuc_vu;
	int line, col;
	if (!q) {
		if (S_deputy(own)) {
			cv_lint_val_pos(c, &k->chuc_vu, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-KT-DEPUTY",
				     _("a deputy (%s) signs 'KT.' for the head: add quyen_han: KT and the head's "
				     "title as chuc_vu_cap_tren"),
				     own);
		}
		if (head) {
			cv_lint_val_pos(c, &k->chuc_vu_cap_tren, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-FORM",
				     _("chuc_vu_cap_tren is printed only with a quyền hạn (KT, TM, TL, TUQ)"));
		}
		return;
	}
	cv_lint_val_pos(c, at, 0, &line, &col);
	if (!strcmp(q, "KT")) {
		if (S_deputy(head)) {
			cv_lint_val_pos(c, &k->chuc_vu_cap_tren, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-KT-DEPUTY",
				     _("KT. (ký thay) signs for the head: chuc_vu_cap_tren is the head's title "
				     "(e.g. Giám đốc), not a deputy's ('%s')"),
				     head);
		} else if (own && head && cv_l_word_eq(own, strlen(own), head)) {
			cv_lint_val_pos(c, &k->chuc_vu, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-KT-DEPUTY",
				     _("the signer's title is the head's own ('%s'): the head signs without KT.; "
				     "a deputy signs KT. with his own title (Phó %s)"),
				     own, head);
		} else if (own && !S_deputy(own)) {
			cv_lint_val_pos(c, &k->chuc_vu, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-KT-DEPUTY",
				     _("KT. (ký thay) is signed by a deputy (Phó …, Thứ trưởng) for the head; "
				     "'%s' is not a deputy's title"),
				     own);
		} else if (S_collective(head)) {
			cv_lint_val_pos(c, &k->chuc_vu_cap_tren, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-FORM",
				     _("KT. signs for the head's title; '%s' is a collective, signed for with TM."),
				     head);
		}
		if (k->tap_the.s && S_personal(k->tap_the.s) && !S_collective(k->tap_the.s)) {
			cv_lint_val_pos(c, &k->tap_the, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-FORM",
				     _("tap_the is the collective printed as 'TM. …' above the KT. lines (e.g. Ủy "
				     "ban nhân dân); '%s' is a person's title"),
				     k->tap_the.s);
		}
	} else if (!strcmp(q, "TM")) {
		if (head && S_personal(head) && !S_collective(head)) {
			cv_lint_val_pos(c, &k->chuc_vu_cap_tren, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-FORM",
				     _("TM. (thay mặt) signs on behalf of a collective (Ủy ban nhân dân, Hội đồng "
				     "…); '%s' is a person's title: for it use KT., TL. or TUQ."),
				     head);
		} else if (!own) {
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-FORM",
				     _("a TM. block names the signer's title under the collective (e.g. CHỦ TỊCH): "
				     "add chuc_vu"));
		}
	} else if (!strcmp(q, "TL") || !strcmp(q, "TUQ")) {
		if (S_collective(head)) {
			cv_lint_val_pos(c, &k->chuc_vu_cap_tren, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-FORM",
				     _("%s. signs by order of the head: chuc_vu_cap_tren is the head's title (e.g. "
				     "Bộ trưởng), not the collective '%s' (TM. signs for a collective)"),
				     q, head);
		} else if (!own) {
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-FORM",
				     _("a %s. block names the signer's own title (e.g. Chánh Văn phòng): add chuc_vu"),
				     q);
		}
	} else if (!strcmp(q, "Q") && head) {
		cv_lint_val_pos(c, &k->chuc_vu_cap_tren, 0, &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-FORM",
			     _("Q. (quyền) prints the acting title from chuc_vu only; chuc_vu_cap_tren is ignored"));
	}
}

static void S_name(cv_lint_ctx *c)
{
	const cv_str *n = &c->m->ky.ho_ten;
	if (!n->s)
		return;
	const char *s = n->s, *e = s + strlen(s);
	int line, col;
	/* ND30-SIGN-NOTITLE: học hàm, học vị, honorifics */
	static const char *titles[] = {"TS", "ThS", "PGS", "GS", "KS", "BS", "CN", "LS", "Ths",
				       "NGND", "NGƯT", "Ông", "Bà", "Đ/c", "Đồng chí", "Luật sư",
				       "Tiến sĩ", "Thạc sĩ", "Giáo sư", "Phó Giáo sư", "Kỹ sư", "Bác sĩ"};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		size_t tl = strlen(titles[i]);
		if (strncmp(s, titles[i], tl) == 0 && (s[tl] == '.' || s[tl] == ' ' || s[tl] == ',')) {
			cv_lint_val_pos(c, n, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-NOTITLE",
				     _("'%s' before the signer's name: ND30 prints the name without học hàm, học vị "
				     "or honorifics"),
				     titles[i]);
			return;
		}
	}
	/* ND30-SIGN-UPPER, ND30-SIGN-NAME */
	int words = 0, caps = 0;
	const char *lower = NULL;
	size_t lower_n = 0;
	for (const char *p = s; p < e;) {
		size_t wl = cv_l_word_len(p, e);
		if (!wl) {
			int32_t cp;
			p += cv_l_next(p, e, &cp);
			continue;
		}
		words++;
		caps += cv_l_is_caps(p, wl);
		if (!lower && cv_l_starts_lower(p, wl)) {
			lower = p;
			lower_n = wl;
		}
		p += wl;
	}
	if (words >= 2 && caps == words) {
		cv_lint_val_pos(c, n, 0, &line, &col);
		cv_lint_emit(c, CV_ERROR, line, col, "ND30-SIGN-UPPER",
			     _("the signer's name is printed as typed and ND30 writes it in normal "
			     "capitalisation, not upper case: e.g. Nguyễn Văn A"));
	} else if (lower) {
		cv_lint_val_pos(c, n, (size_t)(lower - s), &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-SIGN-NAME",
			     _("'%.*s': every syllable of a Vietnamese name starts with a capital letter"),
			     (int)lower_n, lower);
	}
}

void cv_lint_sign(cv_lint_ctx *c)
{
	S_powers(c);
	S_name(c);
}
