/*
 * wrap.c — balanced line breaking of agency names (see wrap.h).
 *
 * A name is short (a few to ~30 words), so instead of a clever algorithm we
 * search all break positions exactly:
 *
 *   1. the number of lines L is the fewest that fit (a word wider than the
 *      column is allowed a line of its own);
 *   2. among the ways to set the name in L lines, minimise
 *        penalties (split word or place name, one-word line, line opening
 *        with "-", line ending in "VÀ" or in "TỈNH", "HUYỆN", ...)
 *      - bonuses (break before an administrative unit or before "VÀ")
 *      + width of the widest line
 *      + a tiny evenness term (ties between equally wide layouts).
 *
 * The widest line is not an additive cost, so step 2 tries every candidate
 * width T (the width of some line that fits) as the ceiling, runs an additive
 * dynamic programme over (lines used, words consumed) with lines ≤ T, and
 * keeps the T with the smallest total.  With n words that is at most n²
 * DPs of n²·L steps; bisecting for the smallest workable T and stopping once
 * larger ones cannot win leaves a handful (30 words: well under 1 ms).
 *
 * Word boundaries of Vietnamese are not spaces: a space separates syllables,
 * and "BẢO HIỂM" is one word.  The tables below list the multi-syllable words
 * that occur in agency names; the name is segmented by longest match, left
 * to right, and a break inside a segment is penalised.
 */
#include "model/wrap.h"
#include "model/metrics.h"
#include "base/buf.h"
#include "base/hash.h"
#include "base/text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Multi-syllable words of agency names (upper case, NFC, single spaces).
 * Breaking inside one reads like splitting an English word in two, which a
 * văn thư never does.  Where both accent placements are in use ("ỦY"/"UỶ",
 * "HÒA"/"HOÀ", "HÓA"/"HOÁ", "THỦY"/"THUỶ") both are listed, because input is
 * NFC but either spelling is NFC.  "THÀNH PHỐ" and "THỊ XÃ" live in S_admin.
 */
static const char *const S_compounds[] = {
	/* the state, the Party, mass organisations */
	"CỘNG HÒA", "CỘNG HOÀ", "XÃ HỘI", "CHỦ NGHĨA", "VIỆT NAM", "NHÀ NƯỚC",
	"CHÍNH PHỦ", "QUỐC HỘI", "QUỐC GIA", "CHỦ TỊCH", "TRUNG ƯƠNG",
	"ĐỊA PHƯƠNG", "NHÂN DÂN", "ỦY BAN", "UỶ BAN", "HỘI ĐỒNG", "VĂN PHÒNG",
	"THƯỜNG TRỰC", "THƯỜNG VỤ", "CHỈ ĐẠO", "CHỈ HUY", "ĐẢNG BỘ", "ĐẢNG ỦY",
	"ĐẢNG UỶ", "CỘNG SẢN", "HỒ CHÍ MINH", "MẶT TRẬN", "TỔ QUỐC",
	"CÔNG ĐOÀN", "THANH NIÊN", "PHỤ NỮ", "NÔNG DÂN", "CỰU CHIẾN BINH",
	"CHIẾN BINH", "CHÍNH TRỊ", "KINH TẾ", "HÀNH CHÍNH", "SỰ NGHIỆP",
	"ĐƠN VỊ", "TỔ CHỨC", "CÁN BỘ", "DOANH NGHIỆP", "HỢP TÁC XÃ", "HỢP TÁC",
	"ĐỐI NGOẠI", "LÃNH SỰ", "ĐẠI SỨ QUÁN", "SỨ QUÁN",
	/* ministries and their departments (sở, phòng, chi cục) */
	"TÀI CHÍNH", "KẾ HOẠCH", "ĐẦU TƯ", "NGÂN SÁCH", "KHO BẠC", "HẢI QUAN",
	"KIỂM TOÁN", "THỐNG KÊ", "NGÂN HÀNG", "CHÍNH SÁCH", "TÍN DỤNG",
	"CHỨNG KHOÁN", "BẢO HIỂM XÃ HỘI", "BẢO HIỂM Y TẾ", "BẢO HIỂM", "Y TẾ",
	"DÂN SỐ", "DƯỢC PHẨM", "BỆNH VIỆN", "NỘI VỤ", "TƯ PHÁP", "CÔNG AN",
	"QUÂN SỰ", "QUÂN ĐỘI", "QUÂN KHU", "QUỐC PHÒNG", "BIÊN PHÒNG",
	"BIÊN GIỚI", "CẢNH SÁT", "AN NINH", "TRẬT TỰ", "AN TOÀN", "PHÒNG CHÁY",
	"CHỮA CHÁY", "CỨU NẠN", "CỨU HỘ", "PHÒNG CHỐNG", "THIÊN TAI",
	"TÌM KIẾM", "NGOẠI GIAO", "NGOẠI VỤ", "THANH TRA", "KIỂM SÁT",
	"TÒA ÁN", "TOÀ ÁN", "THI HÀNH ÁN", "DÂN SỰ", "HÌNH SỰ", "CÔNG CHỨNG",
	"HỘ TỊCH", "ĐĂNG KÝ", "NÔNG NGHIỆP", "PHÁT TRIỂN", "NÔNG THÔN",
	"LÂM NGHIỆP", "KIỂM LÂM", "THỦY LỢI", "THUỶ LỢI", "THỦY SẢN",
	"THUỶ SẢN", "THÚ Y", "BẢO VỆ", "THỰC VẬT", "TRỒNG TRỌT", "CHĂN NUÔI",
	"KHUYẾN NÔNG", "MÔI TRƯỜNG", "TÀI NGUYÊN", "ĐẤT ĐAI", "KHÍ TƯỢNG",
	"THỦY VĂN", "THUỶ VĂN", "ĐO ĐẠC", "BẢN ĐỒ", "ĐỊA CHẤT", "KHOÁNG SẢN",
	"BIỂN ĐẢO", "HẢI ĐẢO", "KHOA HỌC", "CÔNG NGHỆ", "CÔNG NGHIỆP",
	"CÔNG THƯƠNG", "THƯƠNG MẠI", "NĂNG LƯỢNG", "ĐIỆN LỰC", "THỊ TRƯỜNG",
	"XÂY DỰNG", "QUY HOẠCH", "KIẾN TRÚC", "ĐÔ THỊ", "NHÀ Ở", "VẬT LIỆU",
	"GIAO THÔNG", "VẬN TẢI", "ĐƯỜNG BỘ", "ĐƯỜNG SẮT", "HÀNG KHÔNG",
	"HÀNG HẢI", "ĐĂNG KIỂM", "CẢNG VỤ", "THÔNG TIN", "TRUYỀN THÔNG",
	"BƯU ĐIỆN", "BƯU CHÍNH", "VIỄN THÔNG", "BÁO CHÍ", "XUẤT BẢN",
	"PHÁT THANH", "TRUYỀN HÌNH", "VĂN HÓA", "VĂN HOÁ", "THỂ THAO",
	"DU LỊCH", "GIA ĐÌNH", "THƯ VIỆN", "BẢO TÀNG", "DI TÍCH", "NGHỆ THUẬT",
	"GIÁO DỤC", "ĐÀO TẠO", "ĐẠI HỌC", "CAO ĐẲNG", "TRUNG HỌC", "TIỂU HỌC",
	"MẦM NON", "HỌC VIỆN", "NGHỀ NGHIỆP", "DẠY NGHỀ", "LAO ĐỘNG",
	"THƯƠNG BINH", "VIỆC LÀM", "TRẺ EM", "BÌNH ĐẲNG", "BẢO TRỢ",
	"DÂN TỘC", "TÔN GIÁO", "MIỀN NÚI", "THI ĐUA", "KHEN THƯỞNG",
	"VĂN THƯ", "LƯU TRỮ", "QUẢN LÝ", "DỰ ÁN", "CÔNG TRÌNH", "TRUNG TÂM",
	"CHI CỤC", "TỔNG CỤC", "CÔNG TY", "CỔ PHẦN", "TRÁCH NHIỆM", "HỮU HẠN",
	"MỘT THÀNH VIÊN", "THÀNH VIÊN", "TẬP ĐOÀN", "TỔNG CÔNG TY",
};

/*
 * Province and city names, upper-cased from /work/shared/data/
 * provinces-63.csv (the 63 units before the 2025 merger) and
 * provinces-34.csv (the 34 after; all of them also appear in the 63-list),
 * column `ten`.  A province name is never split across lines, hence its own
 * (heavier) penalty.  "THỪA THIÊN HUẾ" and the old accent spellings are
 * added by hand: names in documents drafted before the changes still use them.
 */
static const char *const S_provinces[] = {
	"AN GIANG", "BÀ RỊA - VŨNG TÀU", "BÌNH DƯƠNG", "BÌNH PHƯỚC",
	"BÌNH THUẬN", "BÌNH ĐỊNH", "BẠC LIÊU", "BẮC GIANG", "BẮC KẠN",
	"BẮC NINH", "BẾN TRE", "CAO BẰNG", "CÀ MAU", "CẦN THƠ", "GIA LAI",
	"HUẾ", "HÀ GIANG", "HÀ NAM", "HÀ NỘI", "HÀ TĨNH", "HÒA BÌNH",
	"HƯNG YÊN", "HẢI DƯƠNG", "HẢI PHÒNG", "HẬU GIANG", "HỒ CHÍ MINH",
	"KHÁNH HÒA", "KIÊN GIANG", "KON TUM", "LAI CHÂU", "LONG AN", "LÀO CAI",
	"LÂM ĐỒNG", "LẠNG SƠN", "NAM ĐỊNH", "NGHỆ AN", "NINH BÌNH",
	"NINH THUẬN", "PHÚ THỌ", "PHÚ YÊN", "QUẢNG BÌNH", "QUẢNG NAM",
	"QUẢNG NGÃI", "QUẢNG NINH", "QUẢNG TRỊ", "SÓC TRĂNG", "SƠN LA",
	"THANH HÓA", "THÁI BÌNH", "THÁI NGUYÊN", "TIỀN GIANG", "TRÀ VINH",
	"TUYÊN QUANG", "TÂY NINH", "VĨNH LONG", "VĨNH PHÚC", "YÊN BÁI",
	"ĐIỆN BIÊN", "ĐÀ NẴNG", "ĐẮK LẮK", "ĐẮK NÔNG", "ĐỒNG NAI", "ĐỒNG THÁP",
	/* by hand, see above */
	"THỪA THIÊN HUẾ", "HOÀ BÌNH", "KHÁNH HOÀ", "THANH HOÁ",
};

/*
 * Words that open the name of an administrative unit (or of a special
 * zone).  "ỦY BAN NHÂN DÂN / TỈNH BẮC NINH": the clerk starts the second
 * line with the unit, so a break just before one earns a bonus.  "XÃ" only
 * counts when it is not part of a longer word ("XÃ HỘI", "THỊ XÃ"), which
 * the longest-match segmentation guarantees.
 */
static const char *const S_admin[] = {
	"TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "THỊ TRẤN", "XÃ",
	"PHƯỜNG", "ĐẶC KHU",
};

#define S_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Segment kinds, in increasing order of precedence on a tie in length. */
enum { S_PLAIN, S_COMPOUND, S_ADMIN, S_PROVINCE };

/*
 * Costs, in points (the unit of the width term).  The penalties are orders
 * of magnitude above any line width so that they act as rules, ranked
 * province split > (split word = one-word line = line opening with "-" =
 * unit word parted from its name) > (line ending in "VÀ" = unlisted place
 * name split after its first syllable); the bonuses are scaled by the font
 * size so they trade off against a few characters of imbalance, no more.
 */
#define S_P_PROVINCE 1e7   /* "BÀ RỊA - / VŨNG TÀU" */
#define S_P_SPLIT 1e6      /* "NÔNG / NGHIỆP", "TỈNH / BẮC NINH" */
#define S_P_SINGLE 1e6     /* "... VIỆT / NAM", "UBND / ..." */
#define S_P_DASH 1e6       /* "BỘ LAO ĐỘNG / - THƯƠNG BINH ..." */
#define S_P_VA_END 1e5     /* "SỞ NÔNG NGHIỆP VÀ / MÔI TRƯỜNG" */
#define S_P_NAME 1e5       /* "HUYỆN GIA / LÂM" */
#define S_B_ADMIN_EM 3.0   /* bonus (in em) for a break before an admin unit */
#define S_B_VA_EM 1.0      /* bonus (in em) for a break before "VÀ" */
#define S_EVEN_WEIGHT 0.25 /* total weight of the evenness tie-breaker */
#define S_INF 1e300
#define S_FIT_EPS 1e-9     /* widths are sums of doubles; absorb rounding */

typedef struct {
	const char *s;
	size_t len;
	const char *up; /* the word in upper case, for the tables (V/v lines are mixed case) */
	size_t uplen;
	size_t upcore;  /* uplen without the punctuation that may follow a word ("XÃ HỘI,") */
	double w;      /* advance width in points */
	int dash;      /* "-", "–" or "—" standing alone: not a word of its own */
	int va;        /* the conjunction "VÀ" */
	int inside;    /* segment kind if this word continues a segment, else 0 */
	int admin;     /* starts an administrative-unit segment */
	int admin_end; /* ends one: its proper name must follow on the same line */
	int name_head; /* first syllable of an unlisted name after such a unit */
	int province;  /* starts a province or city name */
	double brk;    /* additive cost of a line break just before this word */
} S_word;

typedef struct {
	const S_word *w;
	size_t n;
	const double *pre;  /* pre[i] = sum of widths of words [0, i) */
	const size_t *real; /* real[i] = words (not dashes) in [0, i) */
	double space;       /* width of U+0020 */
	double max_pt;
	double even;        /* weight of one line's (width/norm)² */
	double norm;
	size_t nreal;
	size_t L;
} S_ctx;

/* Number of words of `e` matched at w[i..], or 0 if it does not match.
 * The entry's last word may be followed by punctuation ("BẢO HIỂM XÃ
 * HỘI, BẢO HIỂM Y TẾ"); a word inside it may not. */
static size_t S_match(const S_word *w, size_t n, size_t i, const char *e)
{
	size_t k = 0;
	while (*e) {
		size_t el = strcspn(e, " ");
		if (i + k >= n)
			return 0;
		size_t have = e[el] ? w[i + k].uplen : w[i + k].upcore;
		if (el != have || memcmp(e, w[i + k].up, el) != 0)
			return 0;
		k++;
		e += el;
		if (*e == ' ')
			e++;
	}
	return k;
}

/*
 * The three tables as one index sorted by first word, so that a word is
 * looked up by bisection instead of matched against every entry (which was
 * half the cost of breaking a name).  Built once, in static storage.
 */
typedef struct {
	const char *entry;
	size_t first; /* bytes of its first word */
	int kind;
} S_index_entry;

static S_index_entry S_index[S_NELEM(S_compounds) + S_NELEM(S_admin) + S_NELEM(S_provinces)];
static pthread_once_t S_index_once = PTHREAD_ONCE_INIT;

static int S_first_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : (an > bn) - (an < bn);
}

static int S_index_cmp(const void *pa, const void *pb)
{
	const S_index_entry *a = pa, *b = pb;
	return S_first_cmp(a->entry, a->first, b->entry, b->first);
}

static void S_index_build(void)
{
	static const struct {
		const char *const *tab;
		size_t count;
		int kind;
	} tables[] = {
		{S_compounds, S_NELEM(S_compounds), S_COMPOUND},
		{S_admin, S_NELEM(S_admin), S_ADMIN},
		{S_provinces, S_NELEM(S_provinces), S_PROVINCE},
	};
	size_t k = 0;
	for (size_t t = 0; t < S_NELEM(tables); t++)
		for (size_t e = 0; e < tables[t].count; e++, k++) {
			S_index[k].entry = tables[t].tab[e];
			S_index[k].first = strcspn(tables[t].tab[e], " ");
			S_index[k].kind = tables[t].kind;
		}
	qsort(S_index, k, sizeof S_index[0], S_index_cmp);
}

/* Longest table entry starting at word i: length in *len, kind returned.
 * On a tie in length the higher kind wins (province over unit over word),
 * whatever the order the entries are tried in. */
static int S_longest(const S_word *w, size_t n, size_t i, size_t *len)
{
	pthread_once(&S_index_once, S_index_build);
	/* the first entry whose first word is not below word i */
	size_t lo = 0, hi = S_NELEM(S_index);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (S_first_cmp(S_index[mid].entry, S_index[mid].first, w[i].up, w[i].upcore) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t best = 0;
	int kind = S_PLAIN;
	for (size_t e = lo; e < S_NELEM(S_index) &&
	     !S_first_cmp(S_index[e].entry, S_index[e].first, w[i].up, w[i].upcore); e++) {
		size_t m = S_match(w, n, i, S_index[e].entry);
		if (m > best || (m == best && m > 0 && S_index[e].kind > kind)) {
			best = m;
			kind = S_index[e].kind;
		}
	}
	*len = best ? best : 1;
	return best ? kind : S_PLAIN;
}

static int S_is_dash(const char *s, size_t len)
{
	return (len == 1 && s[0] == '-') || (len == 3 && (memcmp(s, "\xE2\x80\x93", 3) == 0 ||
							  memcmp(s, "\xE2\x80\x94", 3) == 0));
}

/* Width of words [i, j) set on one line. */
static double S_width(const S_ctx *c, size_t i, size_t j)
{
	return c->pre[j] - c->pre[i] + (double)(j - i - 1) * c->space;
}

/* Words [i, j) may form a line: they fit, or it is one over-long word. */
static int S_fits(const S_ctx *c, size_t i, size_t j)
{
	return j - i == 1 || S_width(c, i, j) <= c->max_pt + S_FIT_EPS;
}

/* Additive cost of the line [i, j) apart from the break that opens it. */
static double S_line_cost(const S_ctx *c, size_t i, size_t j)
{
	double cost = 0.0;
	/* rule (a): a one-word line is only acceptable when unavoidable, and
	 * it is not unavoidable when there are more words than lines */
	if (c->real[j] - c->real[i] <= 1 && c->nreal > c->L)
		cost += S_P_SINGLE;
	double r = S_width(c, i, j) / c->norm;
	return cost + c->even * r * r;
}

/* Fewest lines the words can be set in. */
static size_t S_min_lines(cv_arena *a, const S_ctx *c)
{
	size_t *g = cv_arena_alloc(a, (c->n + 1) * sizeof *g);
	for (size_t j = 1; j <= c->n; j++) {
		g[j] = (size_t)-1;
		for (size_t i = j; i-- > 0;) {
			if (!S_fits(c, i, j))
				break; /* widening further back only gets wider */
			if (g[i] + 1 < g[j])
				g[j] = g[i] + 1;
		}
	}
	return g[c->n];
}

/*
 * Additive DP with every line no wider than T: f[k*(n+1)+j] is the least
 * cost of setting words [0, j) in k lines; par[] remembers where the last
 * line began.  Returns f for (L, n), S_INF if impossible.
 */
static double S_dp(const S_ctx *c, double T, double *f, size_t *par)
{
	size_t n = c->n, L = c->L, W = n + 1;
	for (size_t x = 0; x < (L + 1) * W; x++)
		f[x] = S_INF;
	f[0] = 0.0;
	for (size_t k = 1; k <= L; k++) {
		for (size_t j = k; j <= n; j++) {
			double best = S_INF;
			size_t arg = 0;
			for (size_t i = j; i-- > k - 1;) {
				if (!S_fits(c, i, j) || S_width(c, i, j) > T + S_FIT_EPS)
					break; /* lines only widen as i moves left */
				double prev = f[(k - 1) * W + i];
				if (prev >= S_INF)
					continue;
				double v = prev + (i > 0 ? c->w[i].brk : 0.0) + S_line_cost(c, i, j);
				if (v < best) {
					best = v;
					arg = i;
				}
			}
			f[k * W + j] = best;
			par[k * W + j] = arg;
		}
	}
	return f[L * W + n];
}

static int S_cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

/* Join words [i, j) with single spaces into a fresh arena string. */
static char *S_join(cv_arena *a, const S_word *w, size_t i, size_t j)
{
	size_t len = 0;
	for (size_t k = i; k < j; k++)
		len += w[k].len + (k > i);
	char *out = cv_arena_alloc(a, len + 1), *p = out;
	for (size_t k = i; k < j; k++) {
		if (k > i)
			*p++ = ' ';
		memcpy(p, w[k].s, w[k].len);
		p += w[k].len;
	}
	*p = '\0';
	return out;
}

int cv_wrap_balanced(cv_arena *a, const char *text, int bold, double size_pt, double max_pt,
	char ***lines)
{
	if (!text)
		text = "";

	/* split on spaces (tolerating runs of them and leading/trailing ones) */
	size_t n = 0;
	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		n++;
		while (*p && *p != ' ')
			p++;
	}
	if (n == 0) {
		*lines = cv_arena_alloc(a, sizeof **lines);
		(*lines)[0] = cv_arena_strdup(a, "");
		return 1;
	}
	S_word *w = cv_arena_alloc(a, n * sizeof *w);
	/* the tables are upper case; a mixed-case text ("V/v … kế hoạch …") is
	 * matched through its upper-case twin, word for word (spaces are kept
	 * by case mapping, so the words correspond one to one) */
	const char *upper = cv_upper(a, text);
	size_t k = 0;
	for (const char *q = upper; *q && k < n;) {
		while (*q == ' ')
			q++;
		if (!*q)
			break;
		const char *s = q;
		while (*q && *q != ' ')
			q++;
		w[k].up = s;
		w[k].uplen = (size_t)(q - s);
		w[k].upcore = w[k].uplen;
		while (w[k].upcore > 1 && strchr(",;:.!?)", s[w[k].upcore - 1]))
			w[k].upcore--;
		k++;
	}
	k = 0;
	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *s = p;
		while (*p && *p != ' ')
			p++;
		w[k].s = s;
		w[k].len = (size_t)(p - s);
		w[k].w = cv_text_width(s, w[k].len, bold, size_pt);
		w[k].dash = S_is_dash(s, w[k].len);
		w[k].va = w[k].uplen == 3 && memcmp(w[k].up, "VÀ", 3) == 0;
		k++;
	}

	/* segment into (multi-syllable) words, longest match first */
	for (size_t i = 0; i < n;) {
		size_t len;
		int kind = S_longest(w, n, i, &len);
		w[i].admin = kind == S_ADMIN;
		w[i + len - 1].admin_end = kind == S_ADMIN;
		w[i].province = kind == S_PROVINCE;
		for (size_t m = 1; m < len; m++)
			w[i + m].inside = kind;
		i += len;
	}
	/* The proper name after "HUYỆN", "PHƯỜNG", ... is not in our tables
	 * ("HUYỆN GIA LÂM"), but nearly all such names have two syllables or
	 * more; a number ("QUẬN 1") or a known segment stands alone. */
	for (size_t i = 1; i < n; i++) {
		unsigned char c0 = (unsigned char)w[i].s[0];
		size_t len;
		w[i].name_head = w[i - 1].admin_end && !w[i].inside && !w[i].dash &&
			!w[i].va && !(c0 >= '0' && c0 <= '9') &&
			S_longest(w, n, i, &len) == S_PLAIN;
	}
	double em = size_pt > 0 ? size_pt : 0.0;
	for (size_t i = 1; i < n; i++) {
		double b = 0.0;
		if (w[i].inside == S_PROVINCE)
			b += S_P_PROVINCE;
		else if (w[i].inside)
			b += S_P_SPLIT;
		if (w[i].dash)
			b += S_P_DASH; /* a line opening with "-" reads as a list item */
		if (w[i - 1].va)
			b += S_P_VA_END; /* "VÀ" belongs with what it joins next */
		if (w[i].va)
			b -= S_B_VA_EM * em;
		if (w[i].admin)
			b -= S_B_ADMIN_EM * em;
		/* "TỈNH / BẮC NINH": the unit is part of its name; but when the
		 * line before would otherwise be one word or split a word, a clerk
		 * does write "UBND THÀNH PHỐ / HỒ CHÍ MINH" (a known name follows) */
		if (w[i - 1].admin_end)
			b += w[i].province ? S_P_NAME : S_P_SPLIT;
		if (w[i - 1].name_head && !w[i].inside && !w[i].admin && !w[i].va && !w[i].dash)
			b += S_P_NAME;
		w[i].brk = b;
	}

	double *pre = cv_arena_alloc(a, (n + 1) * sizeof *pre);
	size_t *real = cv_arena_alloc(a, (n + 1) * sizeof *real);
	for (size_t i = 0; i < n; i++) {
		pre[i + 1] = pre[i] + w[i].w;
		real[i + 1] = real[i] + !w[i].dash;
	}
	S_ctx c = {
		.w = w, .n = n, .pre = pre, .real = real,
		.space = cv_text_width(" ", 1, bold, size_pt),
		.max_pt = max_pt > 0 ? max_pt : 0.0,
		.nreal = real[n],
	};
	c.norm = c.max_pt > size_pt ? c.max_pt : size_pt;
	if (!(c.norm > 1.0))
		c.norm = 1.0;
	c.L = S_min_lines(a, &c);
	c.even = S_EVEN_WEIGHT / (double)c.L;

	/* the candidate ceilings: the width of every line that may be set */
	size_t ncand = 0;
	double *cand = cv_arena_alloc(a, (n * (n + 1) / 2) * sizeof *cand);
	for (size_t j = 1; j <= n; j++)
		for (size_t i = j; i-- > 0 && S_fits(&c, i, j);)
			cand[ncand++] = S_width(&c, i, j);
	qsort(cand, ncand, sizeof *cand, S_cmp_double);
	size_t u = 0;
	for (size_t t = 0; t < ncand; t++)
		if (u == 0 || cand[t] != cand[u - 1])
			cand[u++] = cand[t];
	ncand = u;

	double *f = cv_arena_alloc(a, (c.L + 1) * (n + 1) * sizeof *f);
	size_t *par = cv_arena_alloc(a, (c.L + 1) * (n + 1) * sizeof *par);

	/* Setting the words in L lines no wider than T is possible for every T
	 * from some ceiling up, so bisect for the smallest candidate that
	 * works (the last one always does: it is at least the min-lines
	 * layout's widest line) instead of running the DP below it. */
	size_t lo = 0, hi = ncand - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (S_dp(&c, cand[mid], f, par) < S_INF)
			hi = mid;
		else
			lo = mid + 1;
	}

	/* A break earns at most one bonus (a word is not both "VÀ" and a unit;
	 * the admin bonus is the larger) and every other term is ≥ 0, which
	 * bounds the total from below: once a ceiling minus every possible
	 * bonus cannot beat the best total found, no larger ceiling can. */
	double max_bonus = (double)(c.L - 1) * S_B_ADMIN_EM * em;
	double best = S_INF, bestT = cand[lo];
	for (size_t t = lo; t < ncand; t++) {
		if (cand[t] - max_bonus >= best)
			break;
		double v = S_dp(&c, cand[t], f, par);
		if (v < S_INF && v + cand[t] < best) {
			best = v + cand[t];
			bestT = cand[t];
		}
	}
	S_dp(&c, bestT, f, par);

	/* walk the parents back from (L, n) */
	size_t L = c.L, W = n + 1;
	size_t *start = cv_arena_alloc(a, (L + 1) * sizeof *start);
	start[L] = n;
	for (size_t j = n, m = L; m > 0; m--) {
		j = par[m * W + j];
		start[m - 1] = j;
	}
	char **out = cv_arena_alloc(a, L * sizeof *out);
	for (size_t m = 0; m < L; m++)
		out[m] = S_join(a, w, start[m], start[m + 1]);
	*lines = out;
	return (int)L;
}

/* ---- the memo ------------------------------------------------------------------ */

/* Direct-mapped: a slot per hash, the newest result wins it.  A batch row
 * breaks some six texts; 64 slots keep them all with room for collisions,
 * and texts longer than any header line are not kept at all, so the memo's
 * size has a bound (64 × 2 KiB) whatever it is given. */
#define S_MEMO_SLOTS 64
#define S_MEMO_MAX_TEXT 1024

typedef struct {
	char *text;  /* NULL: empty slot */
	int bold;
	double size_pt, max_pt;
	int n;       /* lines, stored one after another, each NUL-terminated */
	char *lines;
	size_t lines_len;
} S_memo_slot;

struct cv_wrap_memo {
	S_memo_slot slot[S_MEMO_SLOTS];
};

cv_wrap_memo *cv_wrap_memo_new(void)
{
	return cv_xcalloc(1, sizeof(cv_wrap_memo));
}

void cv_wrap_memo_free(cv_wrap_memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < S_MEMO_SLOTS; i++) {
		free(m->slot[i].text);
		free(m->slot[i].lines);
	}
	free(m);
}

static size_t S_memo_hash(const char *text, size_t len, int bold, double size_pt, double max_pt)
{
	/* the sizes by their bytes: a double cast to an integer is undefined
	 * when out of range, and a user's profile may give any number */
	uint64_t h = cv_hash_bytes(CV_HASH_SEED, text, len);
	h = cv_hash_value(h, (uint64_t)(bold != 0));
	h = cv_hash_bytes(h, &size_pt, sizeof size_pt);
	h = cv_hash_bytes(h, &max_pt, sizeof max_pt);
	return (size_t)(h % S_MEMO_SLOTS);
}

int cv_wrap_memo_lines(cv_wrap_memo *m, cv_arena *a, const char *text, int bold, double size_pt,
	double max_pt, char ***lines)
{
	if (!text)
		text = "";
	size_t len = strlen(text);
	if (!m || len > S_MEMO_MAX_TEXT)
		return cv_wrap_balanced(a, text, bold, size_pt, max_pt, lines);
	S_memo_slot *s = &m->slot[S_memo_hash(text, len, bold, size_pt, max_pt)];
	if (!(s->text && s->bold == bold && s->size_pt == size_pt && s->max_pt == max_pt &&
	      strcmp(s->text, text) == 0)) {
		int n = cv_wrap_balanced(a, text, bold, size_pt, max_pt, lines);
		size_t total = 0;
		for (int i = 0; i < n; i++)
			total += strlen((*lines)[i]) + 1;
		free(s->text);
		free(s->lines);
		s->text = cv_xstrdup(text);
		s->bold = bold;
		s->size_pt = size_pt;
		s->max_pt = max_pt;
		s->n = n;
		s->lines = cv_xmalloc(total);
		s->lines_len = total;
		char *p = s->lines;
		for (int i = 0; i < n; i++) {
			size_t l = strlen((*lines)[i]) + 1;
			memcpy(p, (*lines)[i], l);
			p += l;
		}
		return n;
	}
	/* a copy in the caller's arena: the caller owns its lines, as it would
	 * from cv_wrap_balanced */
	char *copy = cv_arena_alloc(a, s->lines_len);
	memcpy(copy, s->lines, s->lines_len);
	char **out = cv_arena_alloc(a, (size_t)s->n * sizeof *out);
	for (int i = 0; i < s->n; i++) {
		out[i] = copy;
		copy += strlen(copy) + 1;
	}
	*lines = out;
	return s->n;
}
