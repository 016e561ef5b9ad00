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

#endif
