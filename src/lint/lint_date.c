/*
 * lint_date.c — dates and the place name (spec ND30.md §3.3): the document
 * date not in the future (CV-DATE-FUTURE), dong_ngay in the ND30 form
 * (ND30-DATE-FORMAT), dates typed in the body — real dates
 * (ND30-DATE-VALID) with the leading-zero rule of the written form
 * (ND30-DATE-ZERO) — and dia_danh (ND30-PLACE-CAPS, ND30-PLACE-KNOWN).
 *
 * The date line built from `ngay` is right by construction (model/nd30.c);
 * the leading zeros of a verbatim `dong_ngay` are checked by render.c's
 * cross-checks, so they are not repeated here.
 */
#include "lint/lint_int.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

/* ---- small scanners -------------------------------------------------------------- */

/* Spaces (and no-break spaces) at p. */
static const char *S_ws(const char *p, const char *e)
{
	while (p < e) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (e - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
			p += 2;
		else
			break;
	}
	return p;
}

/* Digits at p: their count (≤ 9) and value. */
static int S_num(const char *p, const char *e, int *val)
{
	int n = 0;
	*val = 0;
	while (p + n < e && p[n] >= '0' && p[n] <= '9' && n < 9)
		*val = *val * 10 + (p[n++] - '0');
	if (p + n < e && p[n] >= '0' && p[n] <= '9')
		return 0;
	return n;
}

/* Length of the word `lit` at p (any case), or 0. */
static size_t S_word(const char *p, const char *e, const char *lit)
{
	size_t wl = cv_l_word_len(p, e);
	return wl && cv_l_word_eq(p, wl, lit) ? wl : 0;
}

/* ---- CV-DATE-FUTURE ----------------------------------------------------------------- */

static void S_future(cv_lint_ctx *c)
{
	const cv_meta *m = c->m;
	if (!m->year || m->du_thao.s)
		return;
	long ymd = (long)m->year * 10000 + m->month * 100 + m->day;
	if (ymd <= c->today)
		return;
	int line, col;
	cv_lint_val_pos(c, &m->ngay, 0, &line, &col);
	cv_lint_emit(c, CV_WARNING, line, col, "CV-DATE-FUTURE",
		     _("the document is dated %02d/%02d/%d, after today (%02ld/%02ld/%ld): a document is dated "
		     "the day it is signed; mark a draft with du_thao"),
		     m->day, m->month, m->year, c->today % 100, c->today / 100 % 100, c->today / 10000);
}

/* ---- ND30-DATE-FORMAT, ND30-DATE-VALID on dong_ngay ----------------------------------- */

static void S_dong_ngay(cv_lint_ctx *c)
{
	const cv_str *v = &c->m->dong_ngay;
	if (!v->s)
		return;
	const char *s = v->s, *e = s + strlen(s);
	int line, col;
	/* the place, up to "ngày" */
	const char *p = s, *ngay = NULL;
	while (p < e) {
		size_t wl = cv_l_word_len(p, e);
		if (wl && cv_l_word_eq(p, wl, "ngày")) {
			ngay = p;
			break;
		}
		if (wl) {
			p += wl;
		} else {
			int32_t cp;
			p += cv_l_next(p, e, &cp);
		}
	}
	if (!ngay) {
		cv_lint_val_pos(c, v, 0, &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-DATE-FORMAT",
			     _("dong_ngay reads '<Place>, ngày DD tháng M năm YYYY' (the date in words, not "
			     "05/01/2020)"));
		return;
	}
	const char *q = ngay;
	while (q > s && q[-1] == ' ')
		q--;
	if (q == s || q[-1] != ',') {
		cv_lint_val_pos(c, v, (size_t)(q - s), &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-DATE-FORMAT",
			     _("a comma follows the place name: '<Place>, ngày …'"));
	}
	p = S_ws(ngay + S_word(ngay, e, "ngày"), e);
	int d = 0, mo = 0, y = 0, nd, nm, ny = 0;
	nd = S_num(p, e, &d);
	p = S_ws(p + nd, e);
	size_t w = S_word(p, e, "tháng");
	if (w) {
		p = S_ws(p + w, e);
		nm = S_num(p, e, &mo);
		p = S_ws(p + nm, e);
		w = S_word(p, e, "năm");
		if (w) {
			p = S_ws(p + w, e);
			ny = S_num(p, e, &y);
			p += ny;
		}
	} else {
		nm = 0;
	}
	if (!w || ny != 4 || (nd == 0) != (nm == 0)) {
		cv_lint_val_pos(c, v, (size_t)(ngay - s), &line, &col);
		cv_lint_emit(c, CV_WARNING, line, col, "ND30-DATE-FORMAT",
			     _("the date reads 'ngày DD tháng M năm YYYY' with a 4-digit year"));
		return;
	}
	if (nd && !cv_l_real_date(y, mo, d)) {
		cv_lint_val_pos(c, v, (size_t)(ngay - s), &line, &col);
		cv_lint_emit(c, CV_ERROR, line, col, "ND30-DATE-VALID", _("'%.*s' is not a calendar date"),
			     (int)(p - ngay), ngay);
	}
}

/* ---- dates typed in the body ---------------------------------------------------------- */

static void S_zero(cv_lint_ctx *c, const cv_lspan *s, const char *dp, int nd, int d, const char *mp,
		   int nm, int mo)
{
	if (dp && d >= 1 && d <= 9 && nd == 1)
		cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, dp), "ND30-DATE-ZERO",
			     _("write 'ngày 0%d': days 1 to 9 take a leading zero"), d);
	if (mo >= 1 && mo <= 2 && nm == 1)
		cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, mp), "ND30-DATE-ZERO",
			     _("write 'tháng 0%d': January and February take a leading zero"), mo);
	if (mo >= 3 && mo <= 12 && nm >= 2 && *mp == '0')
		cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, mp), "ND30-DATE-ZERO",
			     _("write 'tháng %d': months from March on take no leading zero"), mo);
}

static void S_body_dates(cv_lint_ctx *c)
{
	for (size_t i = 0; i < c->sp.n; i++) {
		const cv_lspan *s = &c->sp.v[i];
		if (s->flags & CV_LS_FM)
			continue;
		const char *e = s->p + s->n;
		for (const char *p = s->p; p < e;) {
			size_t wl = cv_l_word_len(p, e);
			if (!wl) {
				int32_t cp;
				p += cv_l_next(p, e, &cp);
				continue;
			}
			const char *w0 = p;
			bool is_ngay = cv_l_word_eq(p, wl, "ngày"), is_thang = cv_l_word_eq(p, wl, "tháng");
			/* D/M/YYYY inside a word-like run of digits */
			if (*p >= '0' && *p <= '9') {
				int d, mo, y;
				int nd = S_num(p, e, &d);
				const char *q = p + nd;
				if (nd >= 1 && nd <= 2 && q < e && *q == '/' && !(p > s->p && p[-1] == '/')) {
					int nm = S_num(q + 1, e, &mo);
					const char *r = q + 1 + nm;
					if (nm >= 1 && nm <= 2 && r < e && *r == '/') {
						int ny = S_num(r + 1, e, &y);
						const char *t = r + 1 + ny;
						int32_t after = 0;
						if (t < e)
							cv_l_next(t, e, &after);
						if (ny == 4 && after != '/' && !cv_l_is_letter(after) &&
						    !(after >= '0' && after <= '9') && !cv_l_real_date(y, mo, d))
							cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, p),
								     "ND30-DATE-VALID", _("'%.*s' is not a calendar date"),
								     (int)(t - p), p);
					}
				}
				p += wl;
				continue;
			}
			if (!is_ngay && !is_thang) {
				p += wl;
				continue;
			}
			/* "ngày D tháng M [năm Y]" or "tháng M năm Y" */
			const char *q = S_ws(p + wl, e), *dp = NULL, *mp;
			int d = 0, nd = 0, mo, nm, y = 0, ny = 0;
			if (is_ngay) {
				nd = S_num(q, e, &d);
				if (!nd || nd > 2) {
					p += wl;
					continue;
				}
				dp = q;
				q = S_ws(q + nd, e);
				size_t tw = S_word(q, e, "tháng");
				if (!tw) {
					p += wl;
					continue;
				}
				q = S_ws(q + tw, e);
			}
			nm = S_num(q, e, &mo);
			if (!nm || nm > 2) {
				p += wl;
				continue;
			}
			mp = q;
			q += nm;
			if (q < e && (*q == '/' || *q == '.' || *q == ',') && q + 1 < e && q[1] >= '0' && q[1] <= '9') {
				p += wl; /* "tháng 3/2013", "tháng 3.5": not this form */
				continue;
			}
			const char *r = S_ws(q, e);
			size_t yw = S_word(r, e, "năm");
			if (yw) {
				r = S_ws(r + yw, e);
				ny = S_num(r, e, &y);
			}
			if (!is_ngay && ny != 4) {
				p += wl; /* "tháng 3" alone may be a duration: "06 tháng" */
				continue;
			}
			S_zero(c, s, dp, nd, d, mp, nm, mo);
			bool real = ny == 4 ? cv_l_real_date(y, mo, dp ? d : 1)
					    : mo >= 1 && mo <= 12 && (!dp || cv_l_real_date(2000, mo, d));
			if (!real) {
				const char *te = ny == 4 ? r + ny : mp + nm;
				cv_lint_emit(c, CV_ERROR, s->line, cv_lint_span_col(s, w0), "ND30-DATE-VALID",
					     _("'%.*s' is not a calendar date"), (int)(te - w0), w0);
			}
			p = mp + nm;
		}
	}
}

/* ---- ND30-PLACE-CAPS, ND30-PLACE-KNOWN --------------------------------------------------- */

/* Generic words of an administrative unit that stay lower case after their
 * first syllable: "Thành phố Hồ Chí Minh" (ND30's own example). */
static const char *S_generic[] = {"Thành phố", "Thị xã", "Thị trấn", "Đặc khu"};

static void S_place(cv_lint_ctx *c)
{
	const cv_str *v = &c->m->dia_danh;
	if (!v->s)
		return;
	const char *s = v->s, *e = s + strlen(s);
	const char *skip = s;
	for (size_t i = 0; i < sizeof S_generic / sizeof S_generic[0]; i++) {
		size_t gl = strlen(S_generic[i]);
		if ((size_t)(e - s) >= gl && cv_l_word_eq(s, gl, S_generic[i]) && (s[gl] == ' ' || !s[gl]))
			skip = s + gl;
	}
	for (const char *p = skip; p < e;) {
		size_t wl = cv_l_word_len(p, e);
		if (!wl) {
			int32_t cp;
			p += cv_l_next(p, e, &cp);
			continue;
		}
		if (cv_l_starts_lower(p, wl)) {
			int line, col;
			cv_lint_val_pos(c, v, (size_t)(p - s), &line, &col);
			cv_lint_emit(c, CV_ERROR, line, col, "ND30-PLACE-CAPS",
				     _("'%.*s': every syllable of the place name starts with a capital letter"), (int)wl, p);
			return;
		}
		p += wl;
	}
}

/* Provinces merged away on 01/07/2025 (Nghị quyết 202/2025/QH15; shared
 * data provinces-63-to-34.csv), with the province they are part of. */
static const struct {
	const char *old, *now;
} S_merged[] = {
	{"Hà Giang", "tỉnh Tuyên Quang"}, {"Bắc Kạn", "tỉnh Thái Nguyên"}, {"Yên Bái", "tỉnh Lào Cai"},
	{"Hòa Bình", "tỉnh Phú Thọ"}, {"Hoà Bình", "tỉnh Phú Thọ"}, {"Bắc Giang", "tỉnh Bắc Ninh"},
	{"Vĩnh Phúc", "tỉnh Phú Thọ"}, {"Hải Dương", "thành phố Hải Phòng"}, {"Thái Bình", "tỉnh Hưng Yên"},
	{"Hà Nam", "tỉnh Ninh Bình"}, {"Nam Định", "tỉnh Ninh Bình"}, {"Quảng Bình", "tỉnh Quảng Trị"},
	{"Quảng Nam", "thành phố Đà Nẵng"}, {"Bình Định", "tỉnh Gia Lai"}, {"Phú Yên", "tỉnh Đắk Lắk"},
	{"Ninh Thuận", "tỉnh Khánh Hòa"}, {"Bình Thuận", "tỉnh Lâm Đồng"}, {"Kon Tum", "tỉnh Quảng Ngãi"},
	{"Đắk Nông", "tỉnh Lâm Đồng"}, {"Bình Phước", "tỉnh Đồng Nai"},
	{"Bình Dương", "Thành phố Hồ Chí Minh"}, {"Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"},
	{"Bà Rịa-Vũng Tàu", "Thành phố Hồ Chí Minh"}, {"Long An", "tỉnh Tây Ninh"},
	{"Tiền Giang", "tỉnh Đồng Tháp"}, {"Bến Tre", "tỉnh Vĩnh Long"}, {"Trà Vinh", "tỉnh Vĩnh Long"},
	{"Kiên Giang", "tỉnh An Giang"}, {"Hậu Giang", "thành phố Cần Thơ"}, {"Sóc Trăng", "thành phố Cần Thơ"},
	{"Bạc Liêu", "tỉnh Cà Mau"},
};

static void S_known(cv_lint_ctx *c)
{
	const cv_str *v = &c->m->dia_danh;
	if (!v->s)
		return;
	long date = c->m->year ? (long)c->m->year * 10000 + c->m->month * 100 + c->m->day
		    : c->m->nam ? (long)c->m->nam * 10000 + 1231 : c->today;
	if (date < 20250701)
		return;
	const char *s = v->s;
	static const char *prefix[] = {"Tỉnh ", "tỉnh "};
	for (size_t i = 0; i < 2; i++)
		if (strncmp(s, prefix[i], strlen(prefix[i])) == 0)
			s += strlen(prefix[i]);
	for (size_t i = 0; i < sizeof S_merged / sizeof S_merged[0]; i++) {
		if (cv_l_word_eq(s, strlen(s), S_merged[i].old)) {
			int line, col;
			cv_lint_val_pos(c, v, 0, &line, &col);
			cv_lint_emit(c, CV_WARNING, line, col, "ND30-PLACE-KNOWN",
				     _("since 01/07/2025 %s is part of %s (Nghị quyết 202/2025/QH15): dia_danh is "
				     "the name of the unit where the agency sits today"),
				     S_merged[i].old, S_merged[i].now);
			return;
		}
	}
}

void cv_lint_date(cv_lint_ctx *c)
{
	S_future(c);
	S_dong_ngay(c);
	S_body_dates(c);
	S_place(c);
	S_known(c);
}
