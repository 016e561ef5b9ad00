/*
 * ban_sao.h — copies of a document: bản sao y, bản sao lục, bản trích sao
 * (ND30 Điều 25–27; Phụ lục I Mục III; Phụ lục III mẫu 3.1; shared spec
 * ND30.md §3.11).
 *
 * A copy is its own small document (loai: sao-y, sao-luc, trich-sao) whose
 * front matter names the original: `ban_goc: qd-1258.md`.  The original is
 * read through the front end (the core never opens files: congvan.h), checked
 * like any input, laid out by its own type's templates and profile, and put
 * into the copy's context as doc.ban_goc.docx / doc.ban_goc.html, the
 * contents of its document body and of its HTML sheet.  The copy's template
 * prints them, then the copying agency's block.
 */
#ifndef CV_BAN_SAO_H
#define CV_BAN_SAO_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/doc.h"
#include "render/profile.h"
#include "tpl/tpl.h"
#include "tpl/value.h"

/* How the front end reads a file that a document names.  `path` is as
 * written in the front matter; the front end resolves it (relative to the
 * input's folder) and refuses what it must not read.  Returns 0 and the bytes
 * in *data (malloc'ed; the caller frees), or -1 with a one-line reason in
 * why[0..whylen). */
typedef int (*cv_read_file_fn)(void *ctx, const char *path, char **data, size_t *len, char *why,
			       size_t whylen);

/* The original of a copy is read only this deep: a copy of a copy is
 * refused (a copy is made from the original or a bản chính). */

/* When doc (the copy) names `ban_goc`, read the original with read_file,
 * check it (its diagnostics name its own file and lines), lay it out with
 * its type's templates and set doc.ban_goc in `doc_map` (the copy's `doc`).
 * A trích sao's own body, when not empty, stands for the original's body.
 * Returns 0 (also when doc is not a copy), or -1 with errors in d.
 * Everything is allocated in `a`; the original's text lives there too, so
 * d may quote it. */
int cv_ban_sao_attach(cv_tpl_set *set, cv_arena *a, const cv_doc *doc, const cv_type *type,
		      cv_read_file_fn read_file, void *read_ctx, int year_now, cv_value *doc_map,
		      cv_diags *d);

#endif
