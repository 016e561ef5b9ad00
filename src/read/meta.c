/*
 * meta.c — typed view of the front matter (see meta.h).
 *
 * Keys are ASCII Vietnamese snake_case, as the documents speak Vietnamese.
 * The format is documented in docs/format.md; keep the two in step.
 */
#include "read/meta.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/text.h"
#include "read/frontmatter.h"

/* Every key congvan itself understands, with a word on each for messages
 * (marked with N_, printed through _()). */
static const struct {
	const char *key, *what;
} S_keys[] = {
	{"loai", N_("the document type")},
	{"profile", N_("nd30 or tt01")},
	{"co_quan_chu_quan", N_("the parent agency")},
	{"co_quan", N_("the issuing agency")},
	{"so", N_("the number")},
	{"ky_hieu", N_("the symbol, e.g. BHXH-TĐKT")},
	{"dia_danh", N_("the place name of the date line")},
	{"ngay", N_("the date, YYYY-MM-DD")},
	{"nam", N_("the year of a draft date line")},
	{"dong_ngay", N_("the date line as printed")},
	{"trich_yeu", N_("the subject (trích yếu)")},
	{"kinh_gui", N_("the recipients (Kính gửi)")},
	{"noi_nhan", N_("the Nơi nhận list")},
	{"luu", N_("the archive line, e.g. TĐKT (2)")},
	{"ky", N_("the signature block")},
	{"do_khan", N_("the urgency mark")},
	{"do_mat", N_("the secrecy mark")},
	{"du_thao", N_("the draft mark")},
	{"nguoi_soan", N_("the drafter's initials")},
	{"so_ban", N_("the number of copies issued")},
	{"lien_he", N_("the contact footer")},
	{"co_chu", N_("the body font size")},
	{"gian_dong", N_("the line spacing")},
};

static const char *S_sign_keys[] = {"quyen_han", "chuc_vu_cap_tren", "chuc_vu", "ho_ten", "tap_the"};
static const char *S_contact_keys[] = {"dia_chi", "dien_thoai", "fax", "email", "website"};

/* What a node is, for "… found %s" (translated). */
static const char *S_kind_name(const cv_ynode *n)
{
	return n->kind == CV_Y_SCALAR ? _("a single value") : n->kind == CV_Y_SEQ ? _("a list") : _("a mapping");
}

/* Levenshtein distance, small strings only: for "did you mean" hints. */
static size_t S_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t prev[41], cur[41];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (lb + 1) * sizeof *prev);
	}
	return prev[lb];
}

/* An unknown key of the front matter (in: NULL) or of the mapping `in`. */
static void S_unknown(cv_diags *d, const char *key, int line, int col, const char **known,
		      size_t nknown, const char *in)
{
	const char *best = NULL;
	size_t bestd = 3;
	for (size_t i = 0; i < nknown; i++) {
		size_t dist = S_distance(key, known[i]);
		if (dist < bestd) {
			bestd = dist;
			best = known[i];
		}
	}
	if (best && in)
		cv_diag_at(d, CV_WARNING, line, col, NULL, _("unknown key '%s' in '%s': did you mean '%s'?"), key,
			   in, best);
	else if (best)
		cv_diag_at(d, CV_WARNING, line, col, NULL, _("unknown key '%s': did you mean '%s'?"), key, best);
	else if (in)
		cv_diag_at(d, CV_WARNING, line, col, NULL, _("unknown key '%s' in '%s' (ignored)"), key, in);
	else
		cv_diag_at(d, CV_WARNING, line, col, NULL, _("unknown key '%s' (ignored)"), key);
}

/* A scalar value as cv_str; an error if the node is a list or mapping. */
static int S_text(cv_arena *a, const cv_ynode *n, const char *key, cv_str *out, cv_diags *d)
{
	if (!n)
		return 0;
	if (n->kind != CV_Y_SCALAR) {
		cv_diag_at(d, CV_ERROR, n->line, n->col, NULL, _("'%s' expects text, found %s"), key,
			   S_kind_name(n));
		return -1;
	}
	out->s = cv_squeeze(a, n->text);
	out->line = n->line;
	out->col = n->col;
	if (!*out->s) {
		out->line = 0; /* an empty value is as good as absent */
		out->s = NULL;
	}
	return 0;
}

/* A scalar or a list of scalars. */
static int S_texts(cv_arena *a, const cv_ynode *n, const char *key, cv_strs *out, cv_diags *d)
{
	if (!n)
		return 0;
	out->line = n->line;
	out->col = n->col;
	if (n->kind == CV_Y_MAP) {
		cv_diag_at(d, CV_ERROR, n->line, n->col, NULL,
			   _("'%s' expects text or a list of lines, found a mapping"), key);
		return -1;
	}
	if (n->kind == CV_Y_SCALAR) {
		cv_str s = {0};
		S_text(a, n, key, &s, d);
		if (!s.s)
			return 0;
		out->v = cv_arena_alloc(a, sizeof *out->v);
		out->v[0] = s;
		out->n = 1;
		return 0;
	}
	out->explicit_lines = true;
	out->v = cv_arena_alloc(a, (n->n + 1) * sizeof *out->v);
	for (size_t i = 0; i < n->n; i++) {
		cv_str s = {0};
		if (n->items[i]->kind != CV_Y_SCALAR) {
			cv_diag_at(d, CV_ERROR, n->items[i]->line, n->items[i]->col, NULL,
				   _("each item of '%s' must be one line of text, found %s"), key,
				   S_kind_name(n->items[i]));
			return -1;
		}
		S_text(a, n->items[i], key, &s, d);
		if (s.s)
			out->v[out->n++] = s;
	}
	return 0;
}

int cv_parse_iso_date(const char *s, int *y, int *mo, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	*y = atoi(s);
	*mo = atoi(s + 5);
	*d = atoi(s + 8);
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (*mo < 1 || *mo > 12 || *d < 1)
		return -2;
	int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	int max = mdays[*mo - 1] + (*mo == 2 && leap);
	return *d > max ? -2 : 0;
}

/* Whole number in [lo, hi] written with digits only. */
static int S_number(const cv_ynode *n, const char *key, long lo, long hi, long *out, cv_diags *d)
{
	if (n->kind != CV_Y_SCALAR) {
		cv_diag_at(d, CV_ERROR, n->line, n->col, NULL, _("'%s' expects a number, found %s"), key,
			   S_kind_name(n));
		return -1;
	}
	const char *s = n->text;
	size_t len = strlen(s);
	int ok = len > 0 && len <= 9;
	for (size_t i = 0; ok && i < len; i++)
		ok = isdigit((unsigned char)s[i]);
	long v = ok ? atol(s) : 0;
	if (!ok || v < lo || v > hi) {
		cv_diag_at(d, CV_ERROR, n->line, n->col, NULL,
			   _("'%s' must be a whole number from %ld to %ld, found '%.40s'"), key, lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* Value of an enumerated key, matched case-insensitively (Vietnamese case
 * mapping) against the allowed upper-case values; the canonical value is
 * stored.  `alias` lists accepted spellings mapped to allowed[i]. */
static int S_enum(cv_arena *a, const cv_ynode *n, const char *key, const char **allowed,
		  size_t nallowed, const char *rule, cv_str *out, cv_diags *d)
{
	cv_str s = {0};
	if (S_text(a, n, key, &s, d) != 0 || !s.s)
		return -1;
	char *up = cv_upper(a, s.s);
	size_t ul = strlen(up);
	if (ul && up[ul - 1] == '.')
		up[ul - 1] = '\0'; /* "KT." is as good as "KT" */
	/* the old tone placement HOẢ is the same mark as HỎA */
	const char *hoa_old = "HO\xE1\xBA\xA2"; /* "HOẢ" */
	char *p = strstr(up, hoa_old);
	if (p)
		memcpy(p, "H\xE1\xBB\x8E" "A", 5); /* "HỎA" */
	for (size_t i = 0; i < nallowed; i++) {
		if (strcmp(up, allowed[i]) == 0) {
			*out = s;
			out->s = allowed[i];
			return 0;
		}
	}
	cv_buf b = CV_BUF_INIT;
	for (size_t i = 0; i < nallowed; i++) {
		/* TRANSLATORS: between the last two allowed values of a key, as in
		 * "KHẨN, THƯỢNG KHẨN or HỎA TỐC" */
		cv_buf_puts(&b, i ? (i + 1 == nallowed ? _(" or ") : ", ") : "");
		cv_buf_puts(&b, allowed[i]);
	}
	cv_diag_at(d, CV_ERROR, n->line, n->col, rule, _("'%s' must be %s, found '%.60s'"), key,
		   cv_buf_cstr(&b), s.s);
	cv_buf_free(&b);
	return -1;
}

static const char *S_urgency[] = {"KH\xE1\xBA\xA8N", "TH\xC6\xAF\xE1\xBB\xA2NG KH\xE1\xBA\xA8N",
				  "H\xE1\xBB\x8E" "A T\xE1\xBB\x90" "C"}; /* KHẨN, THƯỢNG KHẨN, HỎA TỐC */
static const char *S_secrecy[] = {"M\xE1\xBA\xACT", "T\xE1\xBB\x90I M\xE1\xBA\xACT",
				  "TUY\xE1\xBB\x86T M\xE1\xBA\xACT"}; /* MẬT, TỐI MẬT, TUYỆT MẬT */
static const char *S_powers[] = {"KT", "TM", "TL", "TUQ", "Q"};

/* A signature mapping under `name` ("ky", "ky_thu_ky", …).  title_optional:
 * the block has a fixed title of its own (THƯ KÝ, CHỦ TỌA of a biên bản), so
 * chuc_vu may be left out. */
static void S_sign(cv_arena *a, const cv_ynode *n, cv_sign *k, cv_diags *d, const char *name,
		   int title_optional)
{
	k->line = n->line;
	k->col = n->col;
	if (n->kind != CV_Y_MAP) {
		cv_diag_at(d, CV_ERROR, n->line, n->col, NULL,
			   _("'%s' expects a mapping (quyen_han, chuc_vu_cap_tren, chuc_vu, ho_ten), found %s"),
			   name, S_kind_name(n));
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const char *key = n->keys[i];
		const cv_ynode *v = n->items[i];
		const char *full = cv_arena_printf(a, "%s.%s", name, key);
		if (strcmp(key, "quyen_han") == 0)
			S_enum(a, v, full, S_powers, 5, "ND30-SIGN-PREFIX", &k->quyen_han, d);
		else if (strcmp(key, "chuc_vu_cap_tren") == 0)
			S_text(a, v, full, &k->chuc_vu_cap_tren, d);
		else if (strcmp(key, "chuc_vu") == 0)
			S_text(a, v, full, &k->chuc_vu, d);
		else if (strcmp(key, "ho_ten") == 0)
			S_text(a, v, full, &k->ho_ten, d);
		else if (strcmp(key, "tap_the") == 0)
			S_text(a, v, full, &k->tap_the, d);
		else
			S_unknown(d, key, n->key_line[i], n->key_col[i], S_sign_keys, 5, name);
	}
	const char *q = k->quyen_han.s;
	if (q && strcmp(q, "TM") == 0 && !k->chuc_vu_cap_tren.s)
		cv_diag_at(d, CV_ERROR, k->quyen_han.line, k->quyen_han.col, "ND30-SIGN-PREFIX",
			   _("quyền hạn %s. needs 'chuc_vu_cap_tren': the title of the collective signed for "
			     "(e.g. ỦY BAN NHÂN DÂN)"), q);
	else if (q && strcmp(q, "Q") != 0 && !k->chuc_vu_cap_tren.s)
		cv_diag_at(d, CV_ERROR, k->quyen_han.line, k->quyen_han.col, "ND30-SIGN-PREFIX",
			   _("quyền hạn %s. needs 'chuc_vu_cap_tren': the title of the head signed for "
			     "(e.g. TỔNG GIÁM ĐỐC)"), q);
	if (q && (strcmp(q, "KT") == 0 || strcmp(q, "Q") == 0) && !k->chuc_vu.s)
		cv_diag_at(d, CV_ERROR, k->quyen_han.line, k->quyen_han.col, "ND30-SIGN-KT-SECOND",
			   _("quyền hạn %s. needs 'chuc_vu': the signer's own title"), q);
	/* ND30-SIGN-PREFIX: TM. + KT. — the collective line is tap_the, so the
	 * quyền hạn under it is the deputy's (KT.) or an acting head's (Q.) */
	if (k->tap_the.s && q && strcmp(q, "TM") == 0)
		cv_diag_at(d, CV_ERROR, k->quyen_han.line, k->quyen_han.col, "ND30-SIGN-PREFIX",
			   _("'tap_the' already prints the TM. line: write quyen_han: KT (a deputy signs for the "
			     "collective) or leave quyen_han out (the head signs)"));
	if (!q && !k->chuc_vu.s && !title_optional)
		cv_diag_at(d, CV_ERROR, n->line, n->col, NULL, _("'%s' needs 'chuc_vu': the signer's title"), name);
	if (!k->ho_ten.s)
		cv_diag_at(d, CV_ERROR, n->line, n->col, NULL, _("'%s' needs 'ho_ten': the signer's name"), name);
}

static void S_contact(cv_arena *a, const cv_ynode *n, cv_meta *m, cv_diags *d)
{
	if (n->kind != CV_Y_MAP) {
		cv_diag_at(d, CV_ERROR, n->line, n->col, NULL,
			   _("'lien_he' expects a mapping (dia_chi, dien_thoai, fax, email, website), found %s"),
			   S_kind_name(n));
		return;
	}
	cv_str *slots[] = {&m->lh_dia_chi, &m->lh_dien_thoai, &m->lh_fax, &m->lh_email, &m->lh_website};
	for (size_t i = 0; i < n->n; i++) {
		size_t j;
		for (j = 0; j < 5 && strcmp(n->keys[i], S_contact_keys[j]) != 0; j++)
			;
		if (j < 5)
			S_text(a, n->items[i], n->keys[i], slots[j], d);
		else
			S_unknown(d, n->keys[i], n->key_line[i], n->key_col[i], S_contact_keys, 5, "lien_he");
	}
}

/* ---- fields of the typed documents --------------------------------------- */

/* Keys that only some types use.  A key of this table is read when the
 * type's type.yaml lists it under `fields` or `required`; elsewhere it is an
 * unknown key like any other.  Keys a type lists that are not in this table
 * (a user's own type) reach the templates unchecked, as fm.<key>. */
typedef enum { F_TEXT, F_TEXTS, F_DATE, F_BOOL, F_SIGN, F_SIGN_TITLED } S_fkind;
static const struct {
	const char *key;
	S_fkind kind;
	const char *what;
} S_fields[] = {
	{"ten_loai", F_TEXT, N_("the tên loại as printed, e.g. Quyết định")},
	{"tham_quyen", F_TEXTS, N_("the issuing authority (thẩm quyền ban hành), e.g. Chủ tịch Ủy ban nhân dân tỉnh")},
	{"can_cu", F_TEXTS, N_("the legal bases (căn cứ), one per item")},
	{"de_nghi", F_TEXTS, N_("the proposal line (Theo đề nghị của …)")},
	{"kem_theo", F_TEXT, N_("the decision this document is issued with")},
	{"dien_gui", F_TEXTS, N_("the recipients of the công điện")},
	{"ky_thu_ky", F_SIGN_TITLED, N_("the secretary's signature (thư ký)")},
	{"ky_chu_toa", F_SIGN_TITLED, N_("the chair's signature (chủ tọa)")},
	{"ban_goc", F_TEXT, N_("the original document to copy (a .md file beside this one)")},
	/* giấy mời (mẫu 1.7) */
	{"kinh_moi", F_TEXTS, N_("who is invited")},
	{"toi_du", F_TEXT, N_("the meeting the invitees attend")},
	{"chu_tri", F_TEXT, N_("who chairs the meeting")},
	{"thoi_gian", F_TEXT, N_("the time of the meeting")},
	{"dia_diem", F_TEXT, N_("the place")},
	/* giấy giới thiệu, giấy nghỉ phép (mẫu 1.8, 1.10) */
	{"ong_ba", F_TEXT, N_("the person's full name")},
	{"xung_ho", F_TEXT, N_("Ông or Bà")},
	{"chuc_vu", F_TEXT, N_("the person's position and unit")},
	{"duoc_cu_den", F_TEXT, N_("where the person is sent")},
	{"ve_viec", F_TEXT, N_("what the person is sent for")},
	{"gia_tri_den", F_DATE, N_("the last day the paper is valid, YYYY-MM-DD")},
	{"ngay_don", F_DATE, N_("the date of the leave application, YYYY-MM-DD")},
	{"thoi_gian_nghi", F_TEXT, N_("the length of the leave, e.g. 10 ngày làm việc")},
	{"tu_ngay", F_DATE, N_("the first day, YYYY-MM-DD")},
	{"den_ngay", F_DATE, N_("the last day, YYYY-MM-DD")},
	{"noi_nghi", F_TEXT, N_("where the leave is spent")},
	{"tinh_vao", F_TEXT, N_("what the leave counts as, e.g. thời gian nghỉ phép năm 2026")},
	{"xac_nhan", F_BOOL, N_("true to print the confirmation block of the place of leave")},
	/* biên bản (mẫu 1.9) */
	{"bat_dau", F_TEXT, N_("when the meeting began")},
	{"thanh_phan", F_TEXTS, N_("who attended")},
	{"thu_ky", F_TEXT, N_("who kept the minutes")},
};

static int S_declared(const cv_type_rules *rules, const char *key)
{
	for (size_t k = 0; rules && k < rules->nfields; k++)
		if (!strcmp(rules->fields[k], key))
			return 1;
	for (size_t k = 0; rules && k < rules->nrequired; k++)
		if (!strcmp(rules->required[k], key))
			return 1;
	return 0;
}

static const char *S_what(const char *key)
{
	for (size_t k = 0; k < sizeof S_keys / sizeof S_keys[0]; k++)
		if (!strcmp(S_keys[k].key, key))
			return _(S_keys[k].what);
	for (size_t k = 0; k < sizeof S_fields / sizeof S_fields[0]; k++)
		if (!strcmp(S_fields[k].key, key))
			return _(S_fields[k].what);
	return "";
}

/* Read the type field `key` (declared by the type): 1 when it is one of
 * S_fields (checked, and stored when cv_meta has a place for it), 0 when it
 * is a field of a user's type. */
static int S_type_field(cv_arena *a, const char *key, const cv_ynode *v, cv_meta *m, cv_diags *d)
{
	size_t k;
	for (k = 0; k < sizeof S_fields / sizeof S_fields[0] && strcmp(S_fields[k].key, key); k++)
		;
	if (k == sizeof S_fields / sizeof S_fields[0])
		return 0;
	static const struct {
		const char *key;
		size_t off;
	} text_slots[] = {
		{"ten_loai", offsetof(cv_meta, ten_loai)},
		{"kem_theo", offsetof(cv_meta, kem_theo)},
		{"ban_goc", offsetof(cv_meta, ban_goc)},
	}, list_slots[] = {
		{"tham_quyen", offsetof(cv_meta, tham_quyen)},
		{"can_cu", offsetof(cv_meta, can_cu)},
		{"de_nghi", offsetof(cv_meta, de_nghi)},
		{"dien_gui", offsetof(cv_meta, dien_gui)},
	};
	switch (S_fields[k].kind) {
	case F_TEXT: {
		cv_str tmp = {0}, *slot = &tmp;
		for (size_t i = 0; i < sizeof text_slots / sizeof text_slots[0]; i++)
			if (!strcmp(text_slots[i].key, key))
				slot = (cv_str *)((char *)m + text_slots[i].off);
		S_text(a, v, key, slot, d);
		break;
	}
	case F_TEXTS: {
		cv_strs tmp = {0}, *slot = &tmp;
		for (size_t i = 0; i < sizeof list_slots / sizeof list_slots[0]; i++)
			if (!strcmp(list_slots[i].key, key))
				slot = (cv_strs *)((char *)m + list_slots[i].off);
		S_texts(a, v, key, slot, d);
		break;
	}
	case F_DATE: {
		cv_str s = {0};
		int y, mo, dd;
		if (S_text(a, v, key, &s, d) == 0 && s.s) {
			int rc = cv_parse_iso_date(s.s, &y, &mo, &dd);
			if (rc == -1)
				cv_diag_at(d, CV_ERROR, v->line, v->col, "ND30-DATE-VALID",
					   _("'%s' expects a date written YYYY-MM-DD (e.g. 2026-03-31), found '%.40s'"), key,
					   s.s);
			else if (rc == -2)
				cv_diag_at(d, CV_ERROR, v->line, v->col, "ND30-DATE-VALID", _("'%s' is not a real date: %s"),
					   key, s.s);
		}
		break;
	}
	case F_BOOL:
		if (v->kind != CV_Y_SCALAR || !v->plain ||
		    (strcmp(v->text, "true") && strcmp(v->text, "false") && strcmp(v->text, "yes") &&
		     strcmp(v->text, "no")))
			cv_diag_at(d, CV_ERROR, v->line, v->col, NULL, _("'%s' must be true or false"), key);
		break;
	case F_SIGN:
	case F_SIGN_TITLED: {
		cv_sign tmp, *slot = &tmp;
		memset(&tmp, 0, sizeof tmp);
		if (!strcmp(key, "ky_thu_ky"))
			slot = &m->ky_thu_ky;
		else if (!strcmp(key, "ky_chu_toa"))
			slot = &m->ky_chu_toa;
		S_sign(a, v, slot, d, key, S_fields[k].kind == F_SIGN_TITLED);
		break;
	}
	}
	return 1;
}

bool cv_meta_is_key(const char *key, const cv_type_rules *rules)
{
	for (size_t k = 0; k < sizeof S_keys / sizeof S_keys[0]; k++)
		if (!strcmp(S_keys[k].key, key))
			return true;
	return S_declared(rules, key);
}

void cv_meta_read_type(cv_arena *a, const cv_ynode *fm, cv_meta *m, cv_diags *d)
{
	S_text(a, cv_ymap_get(fm, "loai", NULL), "loai", &m->loai, d);
	if (!m->loai.s)
		m->loai.s = "cong-van";
	static const char *profiles[] = {"ND30", "TT01"};
	const cv_ynode *p = cv_ymap_get(fm, "profile", NULL);
	if (p && S_enum(a, p, "profile", profiles, 2, NULL, &m->profile, d) == 0)
		m->profile.s = strcmp(m->profile.s, "ND30") == 0 ? "nd30" : "tt01";
	if (!m->profile.s)
		m->profile.s = "nd30";
}

int cv_meta_read(cv_arena *a, const cv_ynode *fm, const cv_type_rules *rules, cv_meta *m,
		 cv_diags *d)
{
	int errors0 = d->errors;
	cv_meta_read_type(a, fm, m, d);
	m->co_chu = 14;
	m->gian_dong = 0; /* 0 = the profile's default */
	if (fm && fm->kind != CV_Y_MAP) {
		cv_diag_at(d, CV_ERROR, fm->line, fm->col, NULL,
			   _("the front matter must be a list of 'key: value' lines, found %s"), S_kind_name(fm));
		return d->errors - errors0;
	}
	size_t nfm = fm ? fm->n : 0;
	for (size_t i = 0; i < nfm; i++) {
		const char *key = fm->keys[i];
		const cv_ynode *v = fm->items[i];
		if (!strcmp(key, "loai") || !strcmp(key, "profile"))
			continue;
		else if (!strcmp(key, "co_quan_chu_quan"))
			S_texts(a, v, key, &m->co_quan_chu_quan, d);
		else if (!strcmp(key, "co_quan"))
			S_texts(a, v, key, &m->co_quan, d);
		else if (!strcmp(key, "so")) {
			long num;
			if (S_number(v, key, 1, 99999999, &num, d) == 0) {
				m->so.s = cv_arena_printf(a, "%ld", num);
				m->so.line = v->line;
				m->so.col = v->col;
			}
		} else if (!strcmp(key, "ky_hieu")) {
			S_text(a, v, key, &m->ky_hieu, d);
			if (m->ky_hieu.s && strchr(m->ky_hieu.s, ' '))
				cv_diag_at(d, CV_ERROR, v->line, v->col, "ND30-NUM-FORMAT",
					   _("the ký hiệu has no spaces: write groups joined by '-', e.g. BHXH-TĐKT"));
			if (m->ky_hieu.s && m->ky_hieu.s[0] == '/')
				m->ky_hieu.s++; /* "/BHXH-TĐKT": the slash is printed by congvan */
		} else if (!strcmp(key, "dia_danh"))
			S_text(a, v, key, &m->dia_danh, d);
		else if (!strcmp(key, "ngay")) {
			if (S_text(a, v, key, &m->ngay, d) == 0 && m->ngay.s) {
				int rc = cv_parse_iso_date(m->ngay.s, &m->year, &m->month, &m->day);
				if (rc == -1)
					cv_diag_at(d, CV_ERROR, v->line, v->col, "ND30-DATE-VALID",
						   _("'ngay' expects a date written YYYY-MM-DD (e.g. 2013-03-28), found '%.40s'"),
						   m->ngay.s);
				else if (rc == -2)
					cv_diag_at(d, CV_ERROR, v->line, v->col, "ND30-DATE-VALID",
						   _("'ngay' is not a real date: %s"), m->ngay.s);
				else if (m->year < 1945 || m->year > 2200)
					cv_diag_at(d, CV_ERROR, v->line, v->col, "ND30-DATE-VALID",
						   _("'ngay' has an implausible year: %d"), m->year);
				if (rc != 0)
					m->year = m->month = m->day = 0;
			}
		} else if (!strcmp(key, "nam")) {
			long y;
			if (S_number(v, key, 1945, 2200, &y, d) == 0)
				m->nam = (int)y;
		} else if (!strcmp(key, "dong_ngay"))
			S_text(a, v, key, &m->dong_ngay, d);
		else if (!strcmp(key, "trich_yeu"))
			S_text(a, v, key, &m->trich_yeu, d);
		else if (!strcmp(key, "kinh_gui")) {
			S_texts(a, v, key, &m->kinh_gui, d);
			m->kinh_gui_list = v->kind == CV_Y_SEQ && m->kinh_gui.n > 1;
		} else if (!strcmp(key, "noi_nhan")) {
			S_texts(a, v, key, &m->noi_nhan, d);
		} else if (!strcmp(key, "luu"))
			S_text(a, v, key, &m->luu, d);
		else if (!strcmp(key, "ky"))
			S_sign(a, v, &m->ky, d, "ky", 0);
		else if (!strcmp(key, "do_khan"))
			S_enum(a, v, key, S_urgency, 3, "ND30-URGENCY-VALUES", &m->do_khan, d);
		else if (!strcmp(key, "do_mat"))
			S_enum(a, v, key, S_secrecy, 3, "ND30-SECRET-VALUES", &m->do_mat, d);
		else if (!strcmp(key, "du_thao")) {
			if (v->kind == CV_Y_SCALAR && v->plain &&
			    (!strcmp(v->text, "false") || !strcmp(v->text, "no")))
				continue;
			if (v->kind == CV_Y_SCALAR && v->plain &&
			    (!strcmp(v->text, "true") || !strcmp(v->text, "yes"))) {
				m->du_thao.s = "D\xE1\xBB\xB0 TH\xE1\xBA\xA2O"; /* "DỰ THẢO" */
				m->du_thao.line = v->line;
				m->du_thao.col = v->col;
			} else {
				S_text(a, v, key, &m->du_thao, d);
			}
		} else if (!strcmp(key, "nguoi_soan"))
			S_text(a, v, key, &m->nguoi_soan, d);
		else if (!strcmp(key, "so_ban")) {
			long n;
			if (S_number(v, key, 1, 999999, &n, d) == 0) {
				m->so_ban.s = cv_arena_printf(a, "%ld", n);
				m->so_ban.line = v->line;
			}
		} else if (!strcmp(key, "lien_he"))
			S_contact(a, v, m, d);
		else if (!strcmp(key, "co_chu")) {
			long n;
			if (S_number(v, key, 13, 14, &n, d) == 0)
				m->co_chu = (int)n;
		} else if (!strcmp(key, "gian_dong")) {
			/* ND30-BODY-SPACING: at least single, at most 1.5 lines */
			char *end = NULL;
			double x = v->kind == CV_Y_SCALAR ? strtod(v->text, &end) : 0;
			/* written so that NaN fails too */
			if (v->kind != CV_Y_SCALAR)
				cv_diag_at(d, CV_ERROR, v->line, v->col, "ND30-BODY-SPACING",
					   _("'gian_dong' must be a line spacing from 1.0 to 1.5 (e.g. 1.15), found a list "
					     "or mapping"));
			else if (!end || *end || !(x >= 1.0 && x <= 1.5))
				cv_diag_at(d, CV_ERROR, v->line, v->col, "ND30-BODY-SPACING",
					   _("'gian_dong' must be a line spacing from 1.0 to 1.5 (e.g. 1.15)"));
			else
				m->gian_dong = (int)(x * 240 + 0.5);
		} else {
			if (S_declared(rules, key)) {
				S_type_field(a, key, v, m, d); /* else a field of a user's type */
				continue;
			}
			const char *known[sizeof S_keys / sizeof S_keys[0] + 64];
			size_t nk = 0;
			for (size_t k = 0; k < sizeof S_keys / sizeof S_keys[0]; k++)
				known[nk++] = S_keys[k].key;
			for (size_t k = 0; rules && k < rules->nfields && nk < sizeof known / sizeof *known; k++)
				known[nk++] = rules->fields[k];
			S_unknown(d, key, fm->key_line[i], fm->key_col[i], known, nk, NULL);
		}
	}
	/* required keys of this type */
	for (size_t r = 0; rules && r < rules->nrequired; r++) {
		const char *key = rules->required[r];
		const cv_ynode *v = cv_ymap_get(fm, key, NULL);
		/* mẫu 1.3: a document issued with a decision has the decision's
		 * place, date and signature, none of its own */
		if (m->kem_theo.s && (!strcmp(key, "dia_danh") || !strcmp(key, "ky")))
			continue;
		size_t filled = 0; /* a list counts only its non-empty lines */
		for (size_t i = 0; v && v->kind == CV_Y_SEQ && i < v->n; i++)
			filled += v->items[i]->kind != CV_Y_SCALAR || *cv_squeeze(a, v->items[i]->text);
		if (v && ((v->kind == CV_Y_SCALAR && !*cv_squeeze(a, v->text)) ||
			  (v->kind == CV_Y_SEQ && !filled))) {
			cv_diag_at(d, CV_ERROR, v->line, v->col, NULL, _("'%s' is required and cannot be empty (loai: %s)"),
				   key, m->loai.s);
			continue;
		}
		if (v)
			continue;
		const char *what = S_what(key);
		if (*what)
			cv_diag_at(d, CV_ERROR, 1, 1, NULL, _("missing required key '%s': %s (loai: %s)"), key, what,
				   m->loai.s);
		else
			cv_diag_at(d, CV_ERROR, 1, 1, NULL, _("missing required key '%s' (loai: %s)"), key, m->loai.s);
	}
	return d->errors - errors0;
}
