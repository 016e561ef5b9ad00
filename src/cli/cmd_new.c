/*
 * cmd_new.c — `congvan new TYPE [FILE.md]`: a ready-to-fill starting file.
 *
 * The starting file of a type is the template file <type>/new.md (every
 * field of the type with a comment on each, and a body skeleton), so that a
 * user's template folder can give its own.  A type without one (a user's
 * type) gets a file built from its type.yaml: its required keys, its
 * fields, and the common keys commented out.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "render/profile.h"

/* Example value and comment of each key the generic starting file may hold
 * (docs/format.md §3 and §9 say more). */
static const struct {
	const char *key, *example, *comment;
} S_keys[] = {
	{"co_quan_chu_quan", "UBND tỉnh Khánh Hòa", "parent agency, printed in upper case; delete if none"},
	{"co_quan", "Sở Tài chính", "issuing agency, as written in a sentence; printed in upper case"},
	{"so", "15", "the number, given by the văn thư after signing; blank = draft"},
	{"ky_hieu", "STC-VP", "the symbol after \"Số: …/\", no spaces"},
	{"dia_danh", "Khánh Hòa", "place name of the date line"},
	{"ngay", "2026-03-05", "date of issue YYYY-MM-DD; blank = draft"},
	{"nam", "2026", "year printed in a draft's date line"},
	{"trich_yeu", "…", "the subject (trích yếu)"},
	{"kinh_gui", "…", "Kính gửi: one recipient, or a list"},
	{"noi_nhan", "[Như trên]", "Nơi nhận, one recipient per item, no dash, no final semicolon"},
	{"luu", "VP", "last line of Nơi nhận: \"- Lưu: VT, VP.\""},
	{"nguoi_soan", "NVA", "ô 12: drafter's initials"},
	{"so_ban", "10", "ô 12: number of copies issued"},
	{"do_khan", "KHẨN", "urgency: KHẨN, THƯỢNG KHẨN or HỎA TỐC"},
	{"do_mat", "MẬT", "secrecy: MẬT, TỐI MẬT or TUYỆT MẬT"},
	{"du_thao", "true", "a draft mark; delete when the document is issued"},
	{"co_chu", "13", "body size, 13 or 14 (default 14)"},
	{"ten_loai", "…", "the tên loại as printed, instead of the type's"},
	{"tham_quyen", "…", "the issuing authority (thẩm quyền ban hành)"},
	{"can_cu", "[Căn cứ …]", "căn cứ, one per item, no final semicolon or full stop"},
	{"de_nghi", "…", "printed \"Theo đề nghị của …\""},
	{"kem_theo", "…", "issued with a decision: \"Quyết định số … của …\""},
	{"ban_goc", "goc.md", "the original to copy, relative to this file"},
};

/* The signature block, written out as a mapping. */
static const char S_ky[] =
	"ky:                      # signature block\n"
	"  quyen_han: KT          # KT, TM, TL, TUQ, Q; delete when the head signs himself\n"
	"  chuc_vu_cap_tren: Giám đốc   # the head's title (for TM: the collective)\n"
	"  chuc_vu: Phó Giám đốc  # the signer's own title\n"
	"  ho_ten: Nguyễn Văn A   # full name, no degrees or titles\n";

static void S_key(cv_buf *b, const char *key, int commented)
{
	if (!strcmp(key, "ky")) {
		cv_buf_puts(b, S_ky);
		return;
	}
	const char *ex = "…", *comment = "a field of this type";
	for (size_t i = 0; i < sizeof S_keys / sizeof S_keys[0]; i++)
		if (!strcmp(S_keys[i].key, key)) {
			ex = S_keys[i].example;
			comment = S_keys[i].comment;
		}
	cv_buf_printf(b, "%s%s: %s   # %s\n", commented ? "# " : "", key, ex, comment);
}

static int S_listed(const char **v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], key))
			return 1;
	return 0;
}

/* A starting file built from the type's type.yaml. */
static void S_generic(const cv_type *t, cv_buf *b)
{
	cv_buf_printf(b, "---\n# %s: a starting file (congvan new %s).  Fill in the values;\n"
			 "# a line starting with # is a comment.  Reference: docs/format.md.\nloai: %s\n",
		      t->description, t->name, t->name);
	for (size_t i = 0; i < t->rules.nrequired; i++)
		S_key(b, t->rules.required[i], 0);
	for (size_t i = 0; i < t->rules.nfields; i++)
		if (!S_listed(t->rules.required, t->rules.nrequired, t->rules.fields[i]))
			S_key(b, t->rules.fields[i], 0);
	static const char *common[] = {"co_quan_chu_quan", "so", "ky_hieu", "ngay", "noi_nhan", "luu",
				       "nguoi_soan", "so_ban", "do_khan", "do_mat", "co_chu"};
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (!S_listed(t->rules.required, t->rules.nrequired, common[i]) &&
		    !S_listed(t->rules.fields, t->rules.nfields, common[i]))
			S_key(b, common[i], 1);
	if (!S_listed(t->rules.required, t->rules.nrequired, "ky"))
		cv_buf_puts(b, "# ky: see docs/format.md §3.5\n");
	cv_buf_puts(b, "du_thao: true   # a draft mark; delete when the document is issued\n---\n\n"
		       "Nội dung: mỗi đoạn một dòng, cách nhau một dòng trống; đoạn cuối kết thúc bằng ./.\n");
}

/* Marked with N_ (an array cannot call _()); printed as _(S_new_usage). */
static const char S_new_usage[] = N_(
	"Usage: congvan new TYPE [FILE.md] [--force] [--templates DIR]\n"
	"Write a starting file for a document of TYPE (see congvan templates) to\n"
	"FILE.md, or to standard output.  An existing file is kept unless --force.\n");

int cmd_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{"templates", required_argument, NULL, 't'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *tpl_dir = NULL;
	int force = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "fh", opts, NULL)) != -1) {
		switch (c) {
		case 't': tpl_dir = optarg; break;
		case 'f': force = 1; break;
		case 'h': fputs(_(S_new_usage), stdout); return EXIT_OK;
		default: return cli_usage_error("%s", _("bad option for 'new'"));
		}
	}
	if (argc - optind < 1)
		return cli_usage_error("%s", _("new: which type? (congvan templates lists them)"));
	if (argc - optind > 2)
		return cli_usage_error("%s", _("new: give one TYPE and at most one FILE.md"));
	const char *loai = argv[optind];
	const char *out = argc - optind == 2 ? argv[optind + 1] : "-";
	struct stat st;
	if (strcmp(out, "-") && !force && stat(out, &st) == 0) {
		fprintf(stderr, _("congvan: %s already exists: not overwritten (--force overwrites it)\n"), out);
		return EXIT_BAD_INPUT;
	}

	cv_tpl_set *set = cli_templates(tpl_dir);
	if (!set)
		return EXIT_BAD_INPUT;
	cv_arena a = CV_ARENA_INIT;
	cv_diags d = CV_DIAGS_INIT;
	cv_type t;
	int status = EXIT_OK;
	cv_buf b = CV_BUF_INIT;
	d.file = "congvan new";
	if (cv_type_load(&a, set, loai, 0, 0, &t, &d) != 0) {
		/* "unknown document type (loai) 'x'; known types: …" */
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "congvan: %s\n", d.items[i].msg);
		status = EXIT_USAGE;
		goto done;
	}
	size_t len;
	const char *path = cv_arena_printf(&a, "%s/new.md", loai);
	const char *starter = cv_tpl_source(set, path, &len);
	if (starter)
		cv_buf_put(&b, starter, len);
	else
		S_generic(&t, &b);
	if (cli_write(out, &b) != 0)
		status = EXIT_BAD_INPUT;
	else if (strcmp(out, "-"))
		fprintf(stderr, _("congvan: wrote %s (loai: %s); render it with: congvan render %s\n"), out, loai,
			out);
done:
	cv_buf_free(&b);
	cv_diags_free(&d);
	cv_arena_free(&a);
	cv_tpl_set_free(set);
	return status;
}
