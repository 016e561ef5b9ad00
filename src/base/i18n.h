/*
 * i18n.h — translated messages (GNU gettext, text domain "congvan").
 *
 * Mark every user-facing string where it is written:
 *
 *     cv_diag_at(d, CV_ERROR, line, col, NULL, _("'%s' is not a date"), s);
 *     static const char *S_why[] = {N_("NUL byte"), …};  … _(S_why[i]) …
 *     P_("%d error", "%d errors", n)
 *
 * _() translates now; N_() only marks a string for `make po` (for static
 * initialisers), to be passed through _() where it is used; P_() chooses
 * the plural form.  Catalogues live in src/po/ (see src/po/README).
 * Translation never touches what programs read: the "FILE:LINE:COL: "
 * prefix of a diagnostic and its "[RULE-ID]" suffix stay as they are, and
 * only the severity word and the message change language.
 *
 * Without cv_i18n_init() (the unit tests, the fuzzers, a library caller)
 * every message is the English msgid itself.
 */
#ifndef CV_I18N_H
#define CV_I18N_H

/* format_arg: gcc checks printf formats through _() as if it were absent */
const char *cv_gettext(const char *msgid) __attribute__((format_arg(1)));
const char *cv_ngettext(const char *msgid, const char *plural, unsigned long n)
	__attribute__((format_arg(1))) __attribute__((format_arg(2)));

#define _(s) cv_gettext(s)
#define N_(s) s
#define P_(s, p, n) cv_ngettext(s, p, n)

/* The user's locale for messages (LC_MESSAGES, LC_CTYPE only: numbers are
 * always printed and parsed the C way) and the catalogue folder.  Called
 * once by main() before anything prints. */
void cv_i18n_init(void);

#endif
