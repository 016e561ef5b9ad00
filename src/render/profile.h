/*
 * profile.h — the layout numbers (templates/profiles/<name>.yaml) and the
 * rules of a document type (templates/<loai>/type.yaml), loaded from the
 * template set so that users can override them like any template.
 */
#ifndef CV_PROFILE_H
#define CV_PROFILE_H

#include "base/arena.h"
#include "base/diag.h"
#include "read/meta.h"
#include "tpl/tpl.h"
#include "tpl/value.h"

/* The profile values the C side computes with (all from the profile file). */
typedef struct cv_layout {
	double page_width_tw, margin_left_tw, margin_right_tw;
	double header_left_tw, header_right_tw, closing_left_tw, closing_right_tw;
	double cell_margin_tw;
	double size_co_quan_chu_quan_pt, size_co_quan_pt, size_tieu_ngu_pt;
	double size_table_pt, size_stamp_pt, size_ngay_pt, size_vv_pt, size_quoc_hieu_pt;
	double body_after_tw;
	double agency_rule_ratio;
	double kinh_gui_indent_tw, item_indent_tw, body_indent_tw;
	double rule_size_eighths;
	int body_line;                    /* 240ths of a line */
	const char *page_number_position; /* "header-center" or "footer-right" */
} cv_layout;

/* Load profile `name` (following its `base:`), as a template map `p` (every
 * key as text, plus <key>_pt for _tw and _hp keys) and as numbers in lay.
 * Returns 0, or -1 with errors naming the profile file. */
int cv_profile_load(cv_arena *a, cv_tpl_set *set, const char *name, cv_value **p, cv_layout *lay,
		    cv_diags *d);

/* A document type: its required fields, extra fields, abbreviation and
 * description, from <loai>/type.yaml. Returns -1 (error in d, at the
 * position of `loai` in the input) when the type does not exist. */
typedef struct cv_type {
	const char *name, *description, *abbreviation;
	cv_type_rules rules;
} cv_type;

int cv_type_load(cv_arena *a, cv_tpl_set *set, const char *loai, int line, int col, cv_type *t,
		 cv_diags *d);

#endif
