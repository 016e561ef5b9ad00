/*
 * table_yaml.c — a YAML table: a list of mappings, one per document, read
 * with the front-matter reader (read/frontmatter.h: libyaml stays its only
 * user, and anchors and aliases stay refused).
 *
 *   - ma: "01"
 *     ten: Hà Nội
 *     kinh_gui:            # a list: one value with a line per item
 *       - Bảo hiểm xã hội thành phố Hà Nội
 *       - Sở Y tế thành phố Hà Nội
 *     ky: {ho_ten: …}      # a mapping: columns "ky.ho_ten", …
 *
 * The columns are every key met, in the order first met; a row without a
 * key has an empty value there.  The whole tree is in memory (the file is
 * limited to 16 MiB); big tables are better kept as CSV or XLSX.
 */
#include "batch/table_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/i18n.h"
#include "base/text.h"
#include "read/frontmatter.h"

/* The YAML reader takes the whole text; the same bound as a document. */
#define YAML_TABLE_MAX_BYTES ((size_t)16 * 1024 * 1024)

typedef struct {
	cv_arena arena;
	char *src;
	const cv_ynode *root;
	size_t next;
	cv_buf tmp;
} S_yaml;

/* A value as one cell: a scalar's text; a list of scalars as lines; "" for
 * a plain null.  NULL when it cannot be one cell. */
static const char *S_cell(const cv_ynode *v, cv_buf *tmp)
{
	if (v->kind == CV_Y_SCALAR) {
		const char *s = v->text ? v->text : "";
		if (v->plain && (!strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
				 !strcmp(s, "NULL")))
			return "";
		return s;
	}
	if (v->kind == CV_Y_SEQ) {
		cv_buf_clear(tmp);
		for (size_t i = 0; i < v->n; i++) {
			if (v->items[i]->kind != CV_Y_SCALAR)
				return NULL;
			if (i)
				cv_buf_putc(tmp, '\n');
			cv_buf_puts(tmp, v->items[i]->text ? v->items[i]->text : "");
		}
		return cv_buf_cstr(tmp);
	}
	return NULL;
}

/* Column name of key k of map m, with the parent's name for a nested one. */
static void S_colname(cv_buf *b, const char *parent, const char *key)
{
	cv_buf_clear(b);
	if (parent) {
		cv_buf_puts(b, parent);
		cv_buf_putc(b, '.');
	}
	cv_buf_puts(b, key);
}

static long S_find(cv_rows *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], name))
			return (long)i;
	return -1;
}

static int S_next(cv_rows *t, char *err, size_t errlen)
{
	S_yaml *y = t->impl;
	cv_buf name = CV_BUF_INIT;
	int rc = CV_ROWS_END;
	while (y->next < y->root->n) {
		const cv_ynode *m = y->root->items[y->next++];
		t->where = m->line;
		cv_rows_row_clear(t);
		if (m->kind != CV_Y_MAP) {
			snprintf(err, errlen, _("%s:%d: expected a mapping (key: value lines) for one document"),
				 t->path, m->line);
			rc = CV_ROWS_BAD;
			break;
		}
		rc = CV_ROWS_ROW;
		for (size_t k = 0; k < m->n && rc == CV_ROWS_ROW; k++) {
			const cv_ynode *v = m->items[k];
			if (v->kind == CV_Y_MAP) {
				for (size_t j = 0; j < v->n; j++) {
					S_colname(&name, m->keys[k], v->keys[j]);
					const char *s = S_cell(v->items[j], &y->tmp);
					if (!s) {
						snprintf(err, errlen, _("%s:%d: %s: expected text or a list of lines"),
							 t->path, v->items[j]->line, cv_buf_cstr(&name));
						rc = CV_ROWS_BAD;
						break;
					}
					cv_rows_cell(t, (size_t)S_find(t, cv_buf_cstr(&name)), s, strlen(s));
				}
				continue;
			}
			const char *s = S_cell(v, &y->tmp);
			if (!s) {
				snprintf(err, errlen, _("%s:%d: %s: expected text, a list of lines or a mapping of text"),
					 t->path, v->line, m->keys[k]);
				rc = CV_ROWS_BAD;
				break;
			}
			cv_rows_cell(t, (size_t)S_find(t, m->keys[k]), s, strlen(s));
		}
		if (rc == CV_ROWS_ROW && cv_rows_row_blank(t) && !t->cell_bad)
			continue;
		break;
	}
	cv_buf_free(&name);
	return rc;
}

static void S_close(cv_rows *t)
{
	S_yaml *y = t->impl;
	if (!y)
		return;
	cv_arena_free(&y->arena);
	cv_buf_free(&y->tmp);
	free(y->src);
	free(y);
}

/* Add name to the column list when new. */
static void S_addcol(char ***names, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*names)[i], name))
			return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*names = cv_xrealloc(*names, *cap * sizeof **names);
	}
	(*names)[(*n)++] = cv_xstrdup(name);
}

cv_rows *cv_rows_open_yaml(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, _("%s: cannot open: %s"), path, strerror(errno));
		return NULL;
	}
	cv_buf b = CV_BUF_INIT;
	int rrc = cv_buf_read_stream(&b, f, YAML_TABLE_MAX_BYTES);
	fclose(f);
	if (rrc != 0) {
		snprintf(err, errlen, rrc == CV_READ_ERROR ? _("%s: read error") : _("%s: larger than 16 MiB; use CSV or XLSX"),
			 path);
		cv_buf_free(&b);
		return NULL;
	}
	cv_rows *t = cv_rows_new(path, N_("line"));
	S_yaml *y = cv_xcalloc(1, sizeof *y);
	t->impl = y;
	t->next = S_next;
	t->close = S_close;
	size_t len = 0;
	y->src = cv_buf_detach(&b, &len);
	if (!y->src)
		y->src = cv_xstrdup("");
	size_t bad;
	const char *why;
	if (cv_utf8_check(y->src, len, &bad, &why)) {
		int l, c;
		cv_diag_locate(y->src, len, bad, &l, &c);
		snprintf(err, errlen, _("%s:%d:%d: %s"), path, l, c, why);
		cv_rows_close(t);
		return NULL;
	}
	size_t off = len >= 3 && memcmp(y->src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	cv_diags d = CV_DIAGS_INIT;
	d.file = t->path;
	d.src = y->src;
	d.src_len = len;
	int ok = 0;
	y->root = cv_yaml_parse(&y->arena, t->path, y->src, len, off, len - off, &d, &ok);
	if (!ok || d.errors) {
		for (size_t i = 0; i < d.n; i++) {
			if (d.items[i].sev == CV_ERROR) {
				cv_diag_format(&d.items[i], err, errlen);
				break;
			}
		}
		cv_diags_free(&d);
		cv_rows_close(t);
		return NULL;
	}
	cv_diags_free(&d);
	if (!y->root || y->root->kind != CV_Y_SEQ) {
		snprintf(err, errlen, _("%s:%d: expected a list of mappings (lines starting with \"- \"), one per "
			 "document"), path, y->root ? y->root->line : 1);
		cv_rows_close(t);
		return NULL;
	}
	/* the columns: every key, in the order first met */
	char **names = NULL;
	size_t n = 0, cap = 0;
	cv_buf name = CV_BUF_INIT;
	for (size_t i = 0; i < y->root->n; i++) {
		const cv_ynode *m = y->root->items[i];
		if (m->kind != CV_Y_MAP)
			continue;
		for (size_t k = 0; k < m->n; k++) {
			const cv_ynode *v = m->items[k];
			if (v->kind == CV_Y_MAP) {
				for (size_t j = 0; j < v->n; j++) {
					S_colname(&name, m->keys[k], v->keys[j]);
					S_addcol(&names, &n, &cap, cv_buf_cstr(&name));
				}
			} else {
				S_addcol(&names, &n, &cap, m->keys[k]);
			}
		}
	}
	cv_buf_free(&name);
	int rc = n == 0 ? (snprintf(err, errlen, _("%s: no keys: each item of the list is a mapping of "
				    "column: value"), path), -1)
			: cv_rows_set_columns(t, names, n, err, errlen);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc != 0) {
		cv_rows_close(t);
		return NULL;
	}
	return t;
}
