/*
 * profile.c — profiles and document types from the template set (see profile.h).
 */
#include "render/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "read/frontmatter.h"

/* A `base:` chain longer than this is a loop. */
#define PROFILE_MAX_BASES 4

static cv_ynode *S_load_yaml(cv_arena *a, cv_tpl_set *set, const char *name, cv_diags *d, int *found)
{
	size_t len;
	const char *src = cv_tpl_source(set, name, &len);
	*found = src != NULL;
	if (!src)
		return NULL;
	int ok;
	cv_ynode *root = cv_yaml_parse(a, name, src, len, 0, len, d, &ok);
	if (ok && root && root->kind != CV_Y_MAP) {
		cv_diag_in(d, CV_ERROR, name, src, len, root->line, root->col, NULL,
			   _("expected 'key: value' lines"));
		return NULL;
	}
	return ok ? root : NULL;
}

static double S_num(cv_value *p, const char *key, const char *file, cv_diags *d, int *bad)
{
	cv_value *v = cv_v_get(p, key);
	char *end = NULL;
	double x = v && v->kind == CV_V_STR ? strtod(v->s, &end) : 0;
	if (!v || v->kind != CV_V_STR || end == v->s || *end) {
		cv_diag_in(d, CV_ERROR, file, NULL, 0, 0, 0, NULL,
			   _("profile value '%s' is missing or not a number"), key);
		*bad = 1;
	}
	return x;
}

int cv_profile_load(cv_arena *a, cv_tpl_set *set, const char *name, cv_value **pp, cv_layout *lay,
		    cv_diags *d)
{
	/* collect the chain name → base → base's base, then apply from the root */
	cv_ynode *chain[PROFILE_MAX_BASES + 1];
	const char *files[PROFILE_MAX_BASES + 1];
	int n = 0;
	const char *cur = name;
	while (cur) {
		if (n > PROFILE_MAX_BASES) {
			cv_diag_in(d, CV_ERROR, files[0], NULL, 0, 0, 0, NULL,
				   _("profile 'base:' chain longer than %d: is there a loop?"), PROFILE_MAX_BASES);
			return -1;
		}
		const char *file = cv_arena_printf(a, "profiles/%s.yaml", cur);
		int found, errors0 = d->errors;
		cv_ynode *root = S_load_yaml(a, set, file, d, &found);
		if (!found) {
			cv_diag_in(d, CV_ERROR, file, NULL, 0, 0, 0, NULL, _("no such profile '%s'"), cur);
			return -1;
		}
		if (d->errors > errors0) /* this profile file itself is broken */
			return -1;
		files[n] = file;
		chain[n++] = root;
		cv_ynode *base = cv_ymap_get(root, "base", NULL);
		cur = base && base->kind == CV_Y_SCALAR ? base->text : NULL;
	}
	cv_value *p = cv_v_map(a);
	for (int i = n - 1; i >= 0; i--) {
		cv_ynode *root = chain[i];
		for (size_t k = 0; root && k < root->n; k++) {
			cv_ynode *v = root->items[k];
			const char *key = root->keys[k];
			if (v->kind != CV_Y_SCALAR || !strcmp(key, "base"))
				continue;
			cv_v_set_str(a, p, key, v->text);
			size_t kl = strlen(key);
			double div = 0;
			if (kl > 3 && !strcmp(key + kl - 3, "_tw"))
				div = 20; /* twips → points */
			else if (kl > 3 && !strcmp(key + kl - 3, "_hp"))
				div = 2; /* half-points → points */
			if (div > 0) {
				char pk[128];
				snprintf(pk, sizeof pk, "%.*s_pt", (int)(kl - 3), key);
				cv_v_set(a, p, pk, cv_v_str(a, cv_arena_printf(a, "%g", atof(v->text) / div)));
			}
		}
	}
	const char *f = files[0];
	int bad = 0;
	lay->page_width_tw = S_num(p, "page_width_tw", f, d, &bad);
	lay->margin_left_tw = S_num(p, "margin_left_tw", f, d, &bad);
	lay->margin_right_tw = S_num(p, "margin_right_tw", f, d, &bad);
	lay->header_left_tw = S_num(p, "header_left_tw", f, d, &bad);
	lay->header_right_tw = S_num(p, "header_right_tw", f, d, &bad);
	lay->closing_left_tw = S_num(p, "closing_left_tw", f, d, &bad);
	lay->closing_right_tw = S_num(p, "closing_right_tw", f, d, &bad);
	lay->cell_margin_tw = S_num(p, "cell_margin_tw", f, d, &bad);
	lay->size_co_quan_chu_quan_pt = S_num(p, "size_co_quan_chu_quan_hp", f, d, &bad) / 2;
	lay->size_co_quan_pt = S_num(p, "size_co_quan_hp", f, d, &bad) / 2;
	lay->size_tieu_ngu_pt = S_num(p, "size_tieu_ngu_hp", f, d, &bad) / 2;
	lay->size_table_pt = S_num(p, "size_table_hp", f, d, &bad) / 2;
	lay->size_stamp_pt = S_num(p, "size_stamp_hp", f, d, &bad) / 2;
	lay->size_ngay_pt = S_num(p, "size_ngay_hp", f, d, &bad) / 2;
	lay->size_vv_pt = S_num(p, "size_vv_hp", f, d, &bad) / 2;
	lay->size_quoc_hieu_pt = S_num(p, "size_quoc_hieu_hp", f, d, &bad) / 2;
	lay->body_after_tw = S_num(p, "body_after_tw", f, d, &bad);
	lay->agency_rule_ratio = S_num(p, "agency_rule_ratio", f, d, &bad);
	lay->kinh_gui_indent_tw = S_num(p, "kinh_gui_indent_tw", f, d, &bad);
	lay->item_indent_tw = S_num(p, "item_indent_tw", f, d, &bad);
	lay->body_indent_tw = S_num(p, "body_indent_tw", f, d, &bad);
	lay->rule_size_eighths = S_num(p, "rule_size_eighths", f, d, &bad);
	lay->body_line = (int)S_num(p, "body_line", f, d, &bad);
	cv_value *pos = cv_v_get(p, "page_number_position");
	lay->page_number_position = pos && pos->kind == CV_V_STR ? pos->s : "header-center";
	*pp = p;
	return bad ? -1 : 0;
}

/* A YAML list of plain names as an array. */
static const char **S_names(cv_arena *a, cv_ynode *n, size_t *count)
{
	*count = 0;
	if (!n || n->kind != CV_Y_SEQ)
		return NULL;
	const char **v = cv_arena_alloc(a, (n->n + 1) * sizeof *v);
	for (size_t i = 0; i < n->n; i++)
		if (n->items[i]->kind == CV_Y_SCALAR)
			v[(*count)++] = n->items[i]->text;
	return v;
}

int cv_type_load(cv_arena *a, cv_tpl_set *set, const char *loai, int line, int col, cv_type *t,
		 cv_diags *d)
{
	memset(t, 0, sizeof *t);
	t->name = loai;
	/* a type name is a folder name: nothing that could climb out of templates/ */
	int ok = *loai != '\0' && *loai != '_' && strlen(loai) < 64;
	for (const char *c = loai; ok && *c; c++)
		ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-';
	const char *file = ok ? cv_arena_printf(a, "%s/type.yaml", loai) : NULL;
	int found = 0;
	cv_ynode *root = file ? S_load_yaml(a, set, file, d, &found) : NULL;
	if (!found) {
		const char *names[256];
		size_t n = cv_tpl_list(set, "", names, 256);
		cv_buf known = CV_BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			size_t l = strlen(names[i]);
			if (l > 10 && !strcmp(names[i] + l - 10, "/type.yaml") && !memchr(names[i], '/', l - 10)) {
				cv_buf_puts(&known, known.len ? ", " : "");
				cv_buf_put(&known, names[i], l - 10);
			}
		}
		cv_diag_at(d, CV_ERROR, line, col, NULL, _("unknown document type (loai) '%s'; known types: %s"),
			   loai, cv_buf_cstr(&known));
		cv_buf_free(&known);
		return -1;
	}
	if (!root)
		return -1;
	cv_ynode *v;
	t->description = (v = cv_ymap_get(root, "description", NULL)) && v->kind == CV_Y_SCALAR ? v->text : "";
	t->abbreviation = (v = cv_ymap_get(root, "abbreviation", NULL)) && v->kind == CV_Y_SCALAR ? v->text : "";
	t->rules.required = S_names(a, cv_ymap_get(root, "required", NULL), &t->rules.nrequired);
	t->rules.fields = S_names(a, cv_ymap_get(root, "fields", NULL), &t->rules.nfields);
	return 0;
}
