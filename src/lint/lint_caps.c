/*
 * lint_caps.c — the capitalisation rules of ND30 Phụ lục II that a program
 * can check without a dictionary of every agency (spec ND30.md §5):
 * ND30-CAPS-AGENCY (VH-6, VH-9), ND30-CAPS-PLACE (VH-4, VH-5),
 * ND30-CAPS-DOCREF (VH-11, VH-12) and ND30-CAPS-SENTENCE (VH-1).
 *
 * All warnings: a proper name can always make a rule wrong.  Text printed
 * in upper case (agency names, titles) is not checked.
 */
#include "lint/lint_int.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

/* Front-matter keys whose text is printed as typed, in running case. */
static bool S_cased_key(const cv_lspan *s)
{
	static const char *keys[] = {"trich_yeu", "kinh_gui", "noi_nhan", "lien_he.dia_chi"};
	if (!(s->flags & CV_LS_FM))
		return true;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(s->key, keys[i]) == 0)
			return true;
	return false;
}

/* Words of one span, for the pattern rules, each with its first code
 * point in lower case (rules compare it before the whole word: most words
 * start with another letter than every pattern) and whether its first
 * letter is lower case. */
typedef struct {
	const char *p[64];
	size_t n[64];
	int32_t first[64];
	bool lower[64];
	int count;
} S_words;

static void S_split(const cv_lspan *s, S_words *w)
{
	const char *p = s->p, *e = s->p + s->n;
	w->count = 0;
	while (p < e && w->count < 64) {
		size_t wl = cv_l_word_len(p, e);
		if (!wl) {
			int32_t cp;
			p += cv_l_next(p, e, &cp);
			continue;
		}
		int32_t cp;
		cv_l_next(p, p + wl, &cp);
		w->p[w->count] = p;
		w->n[w->count] = wl;
		w->first[w->count] = cv_l_lower(cp);
		w->lower[w->count++] = cv_l_starts_lower(p, wl);
		p += wl;
	}
}

/* The first code point of a pattern, in lower case. */
static int32_t S_first(const char *lit)
{
	int32_t cp;
	cv_l_next(lit, lit + strlen(lit), &cp);
	return cv_l_lower(cp);
}

/* Are words i and i+1 separated by exactly one space? */
static bool S_adjacent(const S_words *w, int i)
{
	return i + 1 < w->count && w->p[i] + w->n[i] + 1 == w->p[i + 1] && w->p[i][w->n[i]] == ' ';
}

/* ND30-CAPS-AGENCY: two-syllable words naming a kind of body or office, of
 * which only the first syllable is capitalised (ND30's examples: Ủy ban nhân
 * dân, Hội đồng nhân dân, Văn phòng Chủ tịch nước, Tập đoàn Điện lực). */
static const char *S_pairs[] = {
	"ủy ban", "uỷ ban", "hội đồng", "văn phòng", "trung tâm", "tổng cục", "kho bạc", "ngân hàng",
	"bảo hiểm", "tập đoàn", "công ty", "bệnh viện", "tòa án", "toà án", "mặt trận", "chính phủ",
	"quốc hội", "thủ tướng", "chủ tịch", "bộ trưởng", "giám đốc", "nhà nước", "trung ương",
	"nhân dân", "thanh tra", "kiểm toán", "kiểm sát",
};

static void S_agency(cv_lint_ctx *c, const cv_lspan *s, const S_words *w)
{
	for (int i = 0; i + 1 < w->count; i++) {
		if (!S_adjacent(w, i) || !cv_l_is_title(w->p[i], w->n[i]) || !cv_l_is_title(w->p[i + 1], w->n[i + 1]))
			continue;
		size_t n = (size_t)(w->p[i + 1] + w->n[i + 1] - w->p[i]);
		size_t k;
		for (k = 0; k < sizeof S_pairs / sizeof S_pairs[0] &&
			    (w->first[i] != S_first(S_pairs[k]) || !cv_l_word_eq(w->p[i], n, S_pairs[k]));
		     k++)
			;
		if (k == sizeof S_pairs / sizeof S_pairs[0])
			continue;
		/* "Nhân Dân" alone is the special noun of VH-9; inside a name see below */
		if (strcmp(S_pairs[k], "nhân dân") == 0)
			continue;
		char low[64], want[160];
		cv_l_lower_first(w->p[i + 1], w->n[i + 1], low, sizeof low);
		snprintf(want, sizeof want, "%.*s %s", (int)w->n[i], w->p[i], low);
		const char *at = w->p[i + 1];
		/* "Ủy Ban Nhân Dân": one message for the whole name */
		if (i + 3 < w->count && S_adjacent(w, i + 1) && S_adjacent(w, i + 2) &&
		    cv_l_word_eq(w->p[i + 2], w->n[i + 2], "nhân") && cv_l_word_eq(w->p[i + 3], w->n[i + 3], "dân") &&
		    (cv_l_word_eq(w->p[i + 1], w->n[i + 1], "ban") || cv_l_word_eq(w->p[i + 1], w->n[i + 1], "đồng"))) {
			snprintf(want + strlen(want), sizeof want - strlen(want), " nhân dân");
			i += 2;
		}
		cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, at),
			     "ND30-CAPS-AGENCY",
			     _("write '%s': in the name of a body or office only the first syllable of each part "
			     "is capitalised (Ủy ban nhân dân, Văn phòng Chính phủ)"),
			     want);
		i++;
	}
	/* "Ủy ban Nhân dân": nhân dân stays lower case inside the name */
	for (int i = 1; i + 1 < w->count; i++) {
		if (!S_adjacent(w, i - 1) || !S_adjacent(w, i))
			continue;
		bool after = cv_l_word_eq(w->p[i - 1], w->n[i - 1], "ban") || cv_l_word_eq(w->p[i - 1], w->n[i - 1], "đồng");
		if (after && cv_l_starts_lower(w->p[i - 1], w->n[i - 1]) && cv_l_word_eq(w->p[i], w->n[i], "nhân") &&
		    cv_l_is_title(w->p[i], w->n[i]) && cv_l_word_eq(w->p[i + 1], w->n[i + 1], "dân"))
			cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, w->p[i]), "ND30-CAPS-AGENCY",
				     _("write '%.*s nhân dân': in Ủy ban nhân dân and Hội đồng nhân dân only the first "
				     "syllable is capitalised"),
				     (int)w->n[i - 1], w->p[i - 1]);
	}
}

/* ND30-CAPS-PLACE: "quận 1" → "Quận 1" (VH-4); "thành phố Hồ Chí Minh" → "Thành
 * phố …", "thủ đô Hà Nội" → "Thủ đô …" (VH-5). */
static void S_place(cv_lint_ctx *c, const cv_lspan *s, const S_words *w)
{
	static const char *units[] = {"quận", "phường", "xã"};
	for (int i = 0; i < w->count; i++) {
		if (!w->lower[i])
			continue;
		for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
			if (w->first[i] != (unsigned char)units[k][0] || !cv_l_word_eq(w->p[i], w->n[i], units[k]) ||
			    i + 1 >= w->count || !S_adjacent(w, i))
				continue;
			if (w->p[i + 1][0] >= '0' && w->p[i + 1][0] <= '9') {
				cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, w->p[i]), "ND30-CAPS-PLACE",
					     _("a unit named by a number is capitalised: '%.*s %.*s' is written with a "
					     "capital (Quận 1, Phường 5)"),
					     (int)w->n[i], w->p[i], (int)w->n[i + 1], w->p[i + 1]);
			}
		}
		if (w->first[i] == 't' && i + 2 < w->count && S_adjacent(w, i) && S_adjacent(w, i + 1) &&
		    ((cv_l_word_eq(w->p[i], w->n[i], "thành") && cv_l_word_eq(w->p[i + 1], w->n[i + 1], "phố") &&
		      cv_l_word_eq(w->p[i + 2], w->n[i + 2], "Hồ")) ||
		     (cv_l_word_eq(w->p[i], w->n[i], "thủ") && cv_l_word_eq(w->p[i + 1], w->n[i + 1], "đô") &&
		      cv_l_word_eq(w->p[i + 2], w->n[i + 2], "Hà"))) &&
		    cv_l_is_title(w->p[i + 2], w->n[i + 2]))
			cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, w->p[i]), "ND30-CAPS-PLACE",
				     _("ND30 writes 'Thành phố Hồ Chí Minh' and 'Thủ đô Hà Nội' with a capital, "
				     "also inside a sentence"));
	}
}

/* ND30-CAPS-DOCREF: "nghị định số 30/…" → "Nghị định số" (VH-11); "điều 5" →
 * "Điều 5", "Khoản 2" inside a sentence → "khoản 2" (VH-12). */
static void S_docref(cv_lint_ctx *c, const cv_lspan *s, const S_words *w)
{
	static const char *types[] = {"nghị định", "quyết định", "thông tư", "nghị quyết", "chỉ thị",
				      "kế hoạch", "công văn", "thông báo", "tờ trình", "báo cáo",
				      "pháp lệnh", "hướng dẫn", "luật", "công điện"};
	for (int i = 0; i < w->count; i++) {
		if (!w->lower[i])
			goto upper;
		for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
			/* every type starts with an ASCII letter */
			if (w->first[i] != (unsigned char)types[k][0])
				continue;
			bool two = strchr(types[k], ' ') != NULL;
			int so = two ? i + 2 : i + 1;
			if (so + 1 >= w->count || (two && !S_adjacent(w, i)) || !S_adjacent(w, so - 1) ||
			    !S_adjacent(w, so))
				continue;
			size_t n = (size_t)(w->p[so - 1] + w->n[so - 1] - w->p[i]);
			if (!cv_l_word_eq(w->p[i], n, types[k]) || !cv_l_word_eq(w->p[so], w->n[so], "số") ||
			    !(w->p[so + 1][0] >= '0' && w->p[so + 1][0] <= '9'))
				continue;
			char up[64];
			snprintf(up, sizeof up, "%.*s", (int)n, w->p[i]);
			cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, w->p[i]), "ND30-CAPS-DOCREF",
				     _("a specific document is named with a capital: '%s số …' starts with a "
				     "capital letter (Nghị định số 30/2020/NĐ-CP)"),
				     up);
			break;
		}
		if (w->first[i] == 0x111 /* đ */ && cv_l_word_eq(w->p[i], w->n[i], "điều") && S_adjacent(w, i) &&
		    w->p[i + 1][0] >= '0' &&
		    w->p[i + 1][0] <= '9')
			cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, w->p[i]), "ND30-CAPS-DOCREF",
				     _("'Điều %.*s' is written with a capital (Điều, Chương, Mục, Phần are; khoản "
				     "and điểm are not)"),
				     (int)w->n[i + 1], w->p[i + 1]);
		continue;
	upper:
		/* "… theo Khoản 2 Điều 5": khoản and điểm stay lower case inside a sentence */
		if (i > 0 && (w->first[i] == 'k' || w->first[i] == 0x111) &&
		    (cv_l_word_eq(w->p[i], w->n[i], "khoản") || cv_l_word_eq(w->p[i], w->n[i], "điểm")) &&
		    cv_l_is_title(w->p[i], w->n[i]) && w->lower[i - 1] &&
		    S_adjacent(w, i - 1) && S_adjacent(w, i) && i + 2 < w->count &&
		    cv_l_word_eq(w->p[i + 2], w->n[i + 2], "Điều"))
			cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, w->p[i]), "ND30-CAPS-DOCREF",
				     _("'%.*s' stays lower case when citing a part of a document (điểm a khoản 2 "
				     "Điều 5)"),
				     (int)w->n[i], w->p[i]);
	}
}

/* ND30-CAPS-SENTENCE: a paragraph or heading, a sentence after ". ", and a
 * Kính gửi/Nơi nhận item start with a capital (VH-1).  List items of the
 * body are left alone: after "…gồm:" they may continue the sentence. */
static void S_sentence(cv_lint_ctx *c, const cv_lspan *s)
{
	const char *p = s->p, *e = s->p + s->n;
	bool item_key = (s->flags & CV_LS_FM) && (!strcmp(s->key, "kinh_gui") || !strcmp(s->key, "noi_nhan"));
	bool start = (s->flags & CV_LS_START) && !(s->flags & (CV_LS_MARKER | CV_LS_TABLE | CV_LS_FLOW)) &&
		     (!(s->flags & CV_LS_FM) || item_key);
	if (start) {
		const char *q = p;
		while (q < e && (*q == '*' || *q == '_' || *q == '"' || *q == '(' || *q == '['))
			q++;
		size_t wl = cv_l_word_len(q, e);
		/* "a) …", "đ) …": a point letter, not a sentence */
		bool point = wl && q + wl < e && q[wl] == ')';
		if (wl && !point && cv_l_starts_lower(q, wl)) {
			cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, q), "ND30-CAPS-SENTENCE",
				     _("%s starts with a capital letter"), item_key ? _("a recipient") : _("a paragraph"));
			return;
		}
	}
	if (s->flags & (CV_LS_FM | CV_LS_TABLE))
		return;
	/* ". x" after a lower-case word of two letters or more: a sentence in lower case */
	for (const char *q = p; q + 2 < e; q++) {
		if (*q != '.' || q[1] != ' ')
			continue;
		const char *w;
		bool lower;
		int letters = cv_l_letters_before(p, q, e, &w, &lower);
		if (letters < 2 || !lower || (w > p && (w[-1] == '.' || w[-1] == '/')))
			continue;
		const char *r = q + 2;
		size_t wl = cv_l_word_len(r, e);
		if (wl && cv_l_starts_lower(r, wl) && !(r + wl < e && r[wl] == ')'))
			cv_lint_emit(c, CV_WARNING, s->line, cv_lint_span_col(s, r), "ND30-CAPS-SENTENCE",
				     _("a sentence starts with a capital letter"));
	}
}

void cv_lint_caps(cv_lint_ctx *c)
{
	S_words w;
	for (size_t i = 0; i < c->sp.n; i++) {
		const cv_lspan *s = &c->sp.v[i];
		if (!S_cased_key(s))
			continue;
		S_split(s, &w);
		S_agency(c, s, &w);
		S_place(c, s, &w);
		S_docref(c, s, &w);
		S_sentence(c, s);
	}
}
