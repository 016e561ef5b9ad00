/*
 * nd30.h — the text rules of Nghị định 30/2020/NĐ-CP: how each field of the
 * front matter is printed.  One function per rule, each tagged with its rule
 * id from shared spec ND30.md §7, so `grep -rn ND30-DATE-ZERO` finds the rule,
 * this code and its tests.  Layout (sizes, positions, labels such as
 * "Kính gửi:") lives in templates/, not here.
 *
 * Every function returns text allocated in the arena (NFC in, NFC out).
 */
#ifndef CV_ND30_H
#define CV_ND30_H

#include <stddef.h>

#include "base/arena.h"

/* Blank left for a value the văn thư fills in by hand (number, day, month):
 * no-break spaces, so neither Word nor a browser collapses them. */
extern const char CV_BLANK[];

/* ND30-NUM-ZERO: the number as printed: "1144", "05"; blanks when so is NULL. */
const char *cv_nd30_number(cv_arena *a, const char *so);

/* ND30-DATE-FORMAT, ND30-DATE-ZERO: "Hà Nội, ngày 05 tháng 3 năm 2013".
 * day == 0 gives the draft form with blanks for day and month and the year
 * `year` ("Hà Nội, ngày     tháng     năm 2026"). */
const char *cv_nd30_date_line(cv_arena *a, const char *place, int year, int month, int day);

/* ND30-DATE-ZERO on a date line given verbatim: NULL when it follows the
 * leading-zero rule (or has no recognisable date), else a static message. */
const char *cv_nd30_date_line_problem(const char *line);

/* ND30-VV-PREFIX: "V/v " + the subject, accepting it with or without a typed
 * "V/v" (never doubled). */
const char *cv_nd30_vv(cv_arena *a, const char *trich_yeu);
/* Length of a "V/v" typed at the start of s (any case, with the spaces or
 * colon after it); 0 when there is none. */
size_t cv_nd30_vv_prefix(const char *s);
/* The subject without any typed "V/v" prefix (for typed documents). */
const char *cv_nd30_strip_vv(cv_arena *a, const char *trich_yeu);

/* ND30-KG-LIST, ND30-NOINHAN-ITEM: "- X;" or, for the last item, "- X."
 * (trailing ; . , typed by the user are replaced, never doubled). */
const char *cv_nd30_dash_item(cv_arena *a, const char *text, int last);
/* ND30-KG-SINGLE: one recipient, ending with "." */
const char *cv_nd30_single_recipient(cv_arena *a, const char *text);

/* ND30-NOINHAN-LUU: "- Lưu: VT, TĐKT (2)." from "TĐKT (2)" (a typed leading
 * "VT," or "Lưu:" is not doubled); NULL luu gives "- Lưu: VT.". */
const char *cv_nd30_luu(cv_arena *a, const char *luu);

/* The part of a Lưu value after a typed "- ", "Lưu:" and "VT,": a pointer
 * into luu (not a copy). */
const char *cv_nd30_luu_units(const char *luu);

/* ô 12 (ND30-DRAFTER-CODE): "PL.(300)"; NULL when initials is NULL. */
const char *cv_nd30_drafter(cv_arena *a, const char *initials, const char *copies);

/* ND30-SIGN-PREFIX, ND30-SIGN-UPPER: the quyền hạn line, e.g.
 * "KT. TỔNG GIÁM ĐỐC" (power "KT", title of the head), or for Q. the
 * signer's own title "Q. GIÁM ĐỐC".  NULL when there is no quyền hạn. */
const char *cv_nd30_power_line(cv_arena *a, const char *power, const char *head_title,
			       const char *own_title);
/* The signer's own title line in upper case; NULL when it is folded into the
 * power line (Q.) or absent. */
const char *cv_nd30_title_line(cv_arena *a, const char *power, const char *own_title);

/* Text with trailing spaces and any of ";.," removed. */
const char *cv_nd30_strip_end(cv_arena *a, const char *text);

/* ---- typed documents: văn bản có tên loại, copies, body structure ------- */

/* ND30.md §4: the official name of the type with abbreviation abbr, e.g.
 * "QĐ" → "Quyết định", "TTr" → "Tờ trình", "SY" → "Bản sao y"; NULL when abbr
 * is not in the table (abbreviations are matched in their exact case). */
const char *cv_nd30_type_name(const char *abbr);

/* ND30-TITLE-PRESENT [3.4]: the tên loại line, the type's name in upper case
 * ("QUYẾT ĐỊNH"); for the copies the hình thức sao [3.11] ("SAO Y",
 * "SAO LỤC", "TRÍCH SAO").  NULL when abbr is not in the table. */
const char *cv_nd30_type_title(cv_arena *a, const char *abbr);

/* ND30-SYMBOL-TYPE [3.2]: the ký hiệu of a typed document starts with its
 * type's abbreviation in the exact case: "UBND" → "QĐ-UBND"; "QĐ-UBND" and
 * "qđ-UBND" → "QĐ-UBND"; a first group that is another official
 * abbreviation is left as typed (the linter reports it). */
const char *cv_nd30_symbol(cv_arena *a, const char *abbr, const char *ky_hieu);

/* [3.4] The trích yếu of a typed document, centred under the tên loại: the
 * công văn abbreviation "V/v" is written out ("V/v x" → "Về việc x"). */
const char *cv_nd30_trich_yeu(cv_arena *a, const char *text);

/* ND30-CANCU-PUNCT [3.8]: one line of the căn cứ block ending with ";", or,
 * for the last line, with last_punct ("." under ND30, "," under TT 01/2011);
 * ; . , typed at the end are replaced, never doubled. */
const char *cv_nd30_can_cu(cv_arena *a, const char *text, int last, const char *last_punct);

/* ND30-DATE-ZERO written out inside a sentence: "ngày 05 tháng 3 năm 2024";
 * day 0 gives blanks for day and month ("ngày      tháng      năm 2024"). */
const char *cv_nd30_date_words(cv_arena *a, int year, int month, int day);

/* ND30-SIGN-PREFIX [3.7]: the collective line "TM. ỦY BAN NHÂN DÂN" above a
 * KT./Q. block (the three-line form of a deputy signing for a collective). */
const char *cv_nd30_collective_line(cv_arena *a, const char *collective);

/* ND30-DIEU-FORMAT [3.9]: byte length of a leading "Điều <n>." in text (the
 * part printed in bold), or 0. */
size_t cv_nd30_article_len(const char *text);

/* ND30-CHUONG-ROMAN [3.9]: a division heading "Phần I", "Chương II",
 * "Mục 1", "Tiểu mục 2", optionally followed by ". " ": " or " - " and its
 * title.  Returns the level (1 Phần, 2 Chương, 3 Mục, 4 Tiểu mục) and sets
 * *label ("Chương II") and *title (NULL when absent), or returns 0. */
int cv_nd30_division(cv_arena *a, const char *text, const char **label, const char **title);

/* ND30-PHULUC-ROMAN [3.10]: an appendix heading "Phụ lục", "Phụ lục II",
 * "PHỤ LỤC 2", optionally followed by ". " ": " or " - " and its title.
 * Returns 1 and sets *label ("Phụ lục II"; the words in normal case),
 * *title (NULL when absent) and *number (the typed number or NULL), or 0. */
int cv_nd30_appendix(cv_arena *a, const char *text, const char **label, const char **title,
		     const char **number);

/* Roman numeral of n (1–3999): "I", "IV", "XII". */
const char *cv_nd30_roman(cv_arena *a, int n);

/* [3.10] The reference line of an appendix or of a document issued with a
 * decision: "(Kèm theo Quyết định số 1258/QĐ-UBND ngày 05 tháng 3 năm 2024
 * của Ủy ban nhân dân tỉnh Bắc Ninh)".  issuer may be NULL. */
const char *cv_nd30_attached_to(cv_arena *a, const char *type_name, const char *so_ky_hieu,
				const char *date_words, const char *issuer);

/* [mẫu 1.3] A typed `kem_theo` as the italic line "(Kèm theo …)": a typed
 * "Kèm theo" and parentheses are not doubled. */
const char *cv_nd30_kem_theo(cv_arena *a, const char *text);

/* Text with its first letter in lower case ("Ông" → "ông"), for a word
 * moved into the middle of a sentence. */
const char *cv_nd30_lower_first(cv_arena *a, const char *text);

#endif
