/*
 * package.h — the DOCX package and the HTML page, each part through its
 * template.
 *
 * The DOCX parts are the files under templates/_shared/docx/ overlaid by
 * templates/<loai>/docx/ (a type overrides a part by having a file of the
 * same name), so adding a part is adding a template.  Entries are written in
 * bytewise name order with one fixed timestamp: the same input gives the same
 * bytes.  Every XML part that a user's template (--templates) makes is
 * checked for well-formedness with libxml2 before it is packed, so a broken
 * template gives an error naming the template, never a package that Word
 * refuses; the built-in templates are checked by the test suite instead
 * (check_all, which CONGVAN_CHECK_XML=1 turns on), not in every render.
 */
#ifndef CV_PACKAGE_H
#define CV_PACKAGE_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/diag.h"
#include "tpl/tpl.h"
#include "tpl/value.h"

/* What a render keeps for the next one: the deflate state and each part's
 * last bytes with their compressed form, so that a part that did not change
 * is not compressed again.  One per cv_result (one per thread); the
 * package is the same whatever the cache holds. */
typedef struct cv_pkg_cache cv_pkg_cache;
cv_pkg_cache *cv_pkg_cache_new(void);
void cv_pkg_cache_free(cv_pkg_cache *c);

/* Append the DOCX package to out.  check_all: check the XML of every part,
 * the built-in templates' too.  0 on success; -1 with errors in d. */
int cv_docx_package(cv_tpl_set *set, const char *loai, const cv_value *ctx, bool check_all,
		    cv_pkg_cache *cache, cv_buf *out, cv_diags *d);

/* The HTML page: <loai>/page.html.  0 on success; -1 with errors in d. */
int cv_html_page(cv_tpl_set *set, const char *loai, const cv_value *ctx, cv_buf *out, cv_diags *d);

/* Is xml[0..len) well-formed?  On error, adds a diagnostic naming `name`
 * with the line and column libxml2 reports, and returns -1. */
int cv_xml_check(const char *name, const char *xml, size_t len, cv_diags *d);

#endif
