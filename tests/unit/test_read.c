/*
 * test_read.c — unit tests of the readers (src/read/): cv_split_source,
 * cv_yaml_parse (positions, refusals), cv_meta_read (types, enums, dates,
 * bounds, signature consistency, unknown keys) and cv_read_body (the
 * Markdown subset of docs/format.md §5).  Every error is checked with its
 * exact line and column.
 */
#include "harness.h"
#include "base/text.h"
#include "read/body.h"
#include "read/frontmatter.h"
#include "read/meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cv_arena A = CV_ARENA_INIT;

/* The công văn rules (templates/cong-van/type.yaml). */
static const char *S_req[] = {"co_quan", "dia_danh", "trich_yeu", "kinh_gui", "ky"};
static const cv_type_rules S_rules = {S_req, 5, NULL, 0};

/* A minimal valid front matter, to which each meta case adds lines. */
#define GOOD_FM                                                                                    \
	"co_quan: Sở Tư pháp\n"                                                                    \
	"dia_danh: Lâm Đồng\n"                                                                     \
	"trich_yeu: cử công chức\n"                                                                \
	"kinh_gui: Văn phòng UBND tỉnh\n"                                                          \
	"ky:\n"                                                                                    \
	"  chuc_vu: Giám đốc\n"                                                                    \
	"  ho_ten: Lê Hoàng Phúc\n"
#define GOOD_LINES 7 /* lines in GOOD_FM */

/* Index of the first diagnostic whose message contains `has`, or -1. */
static int S_find(const cv_diags *d, const char *has)
{
	for (size_t i = 0; i < d->n; i++)
		if (!has || strstr(d->items[i].msg, has))
			return (int)i;
	return -1;
}

/* Check that d holds a diagnostic of severity sev at line:col whose message
 * contains `has` (and rule `rule` when not NULL). */
static void S_diag_at(int tline, const cv_diags *d, cv_severity sev, int line, int col,
		      const char *has, const char *rule)
{
	char what[512];
	int i = S_find(d, has);
	snprintf(what, sizeof what, "a diagnostic says '%s'", has ? has : "(any)");
	if (i < 0) {
		fprintf(stderr, "  no diagnostic containing '%s'; have:\n", has ? has : "");
		for (size_t k = 0; k < d->n; k++)
			fprintf(stderr, "    %d:%d %s\n", d->items[k].line, d->items[k].col, d->items[k].msg);
	}
	cv_test_ok(i >= 0, __FILE__, tline, what);
	if (i < 0)
		return;
	const cv_diag *e = &d->items[i];
	if (e->line != line || e->col != col)
		fprintf(stderr, "  '%s' at %d:%d, want %d:%d\n", e->msg, e->line, e->col, line, col);
	snprintf(what, sizeof what, "'%s': line", has ? has : "");
	cv_test_ok(e->line == line, __FILE__, tline, what);
	snprintf(what, sizeof what, "'%s': column", has ? has : "");
	cv_test_ok(e->col == col, __FILE__, tline, what);
	snprintf(what, sizeof what, "'%s': severity", has ? has : "");
	cv_test_ok(e->sev == sev, __FILE__, tline, what);
	if (rule) {
		snprintf(what, sizeof what, "'%s': rule %s", has ? has : "", rule);
		cv_test_ok(e->rule && strcmp(e->rule, rule) == 0, __FILE__, tline, what);
	}
}
#define ERR_AT(d, line, col, has) S_diag_at(__LINE__, (d), CV_ERROR, (line), (col), (has), NULL)
#define ERR_RULE(d, line, col, has, rule) S_diag_at(__LINE__, (d), CV_ERROR, (line), (col), (has), (rule))
#define WARN_AT(d, line, col, has) S_diag_at(__LINE__, (d), CV_WARNING, (line), (col), (has), NULL)

/* ---- cv_split_source ---------------------------------------------------- */

typedef struct {
	int rc;
	size_t fm_off, fm_len, body_off;
	int body_line;
	cv_diags d;
} S_split_t;

static S_split_t S_split(const char *src, size_t len)
{
	S_split_t s;
	memset(&s, 0, sizeof s);
	s.d.file = "t.md";
	s.d.src = src;
	s.d.src_len = len;
	s.rc = cv_split_source(src, len, &s.d, &s.fm_off, &s.fm_len, &s.body_off, &s.body_line);
	return s;
}

static void test_split(void)
{
	const char *src = "---\na: 1\n---\nbody\n";
	S_split_t s = S_split(src, strlen(src));
	CHECK(s.rc == 0 && s.d.n == 0, "split: plain");
	CHECK(s.fm_off == 4 && s.fm_len == 5, "split: front matter range");
	CHECK(s.body_off == 13 && s.body_line == 4, "split: body starts on line 4");
	CHECK(strncmp(src + s.fm_off, "a: 1\n", s.fm_len) == 0, "split: front matter text");
	cv_diags_free(&s.d);

	/* UTF-8 BOM before the opener */
	src = "\xEF\xBB\xBF---\na: 1\n---\nbody\n";
	s = S_split(src, strlen(src));
	CHECK(s.rc == 0, "split: BOM accepted");
	CHECK(s.fm_off == 7 && s.fm_len == 5 && s.body_line == 4, "split: BOM skipped");
	CHECK(strcmp(src + s.body_off, "body\n") == 0, "split: body after BOM");
	cv_diags_free(&s.d);

	/* CRLF line ends */
	src = "---\r\na: 1\r\n---\r\nbody\r\n";
	s = S_split(src, strlen(src));
	CHECK(s.rc == 0, "split: CRLF accepted");
	CHECK(s.fm_off == 5 && s.fm_len == 6, "split: CRLF front matter range");
	CHECK(s.body_line == 4 && strcmp(src + s.body_off, "body\r\n") == 0, "split: CRLF body");
	cv_diags_free(&s.d);

	/* "..." closes the front matter too (YAML's document end) */
	src = "---\na: 1\nb: 2\n...\nbody\n";
	s = S_split(src, strlen(src));
	CHECK(s.rc == 0 && s.fm_len == 10 && s.body_line == 5, "split: '...' closer");
	CHECK(strcmp(src + s.body_off, "body\n") == 0, "split: body after '...'");
	cv_diags_free(&s.d);

	/* trailing spaces on the fences */
	src = "---  \na: 1\n---\t\nbody";
	s = S_split(src, strlen(src));
	CHECK(s.rc == 0 && s.body_line == 4, "split: trailing blanks on the fences");
	cv_diags_free(&s.d);

	/* empty front matter, empty body, closer at end of file */
	src = "---\n---\n";
	s = S_split(src, strlen(src));
	CHECK(s.rc == 0 && s.fm_len == 0 && s.body_off == 8 && s.body_line == 3, "split: '---\\n---\\n'");
	cv_diags_free(&s.d);
	src = "---\na: 1\n---";
	s = S_split(src, strlen(src));
	CHECK(s.rc == 0 && s.body_off == strlen(src), "split: closer without newline at EOF");
	cv_diags_free(&s.d);

	/* a "---" inside a value does not close */
	src = "---\na: x---\n--- \nb";
	s = S_split(src, strlen(src));
	CHECK(s.rc == 0 && s.fm_len == 8 && s.body_line == 4, "split: '---' inside a line is not a fence");
	cv_diags_free(&s.d);

	/* missing opener */
	src = "co_quan: x\n---\nbody\n";
	s = S_split(src, strlen(src));
	CHECK(s.rc == -1, "split: missing opener refused");
	CHECK(s.d.errors == 1, "split: one error for the missing opener");
	ERR_AT(&s.d, 1, 1, "must start with a line '---'");
	cv_diags_free(&s.d);
	src = "----\na: 1\n---\n";
	s = S_split(src, strlen(src));
	CHECK(s.rc == -1, "split: '----' is not an opener");
	cv_diags_free(&s.d);
	src = " ---\na: 1\n---\n";
	s = S_split(src, strlen(src));
	CHECK(s.rc == -1, "split: ' ---' (indented) is not an opener");
	cv_diags_free(&s.d);
	s = S_split("", 0);
	CHECK(s.rc == -1 && s.d.errors == 1, "split: empty file refused");
	cv_diags_free(&s.d);

	/* unterminated */
	src = "---\nco_quan: x\nso: 5\n";
	s = S_split(src, strlen(src));
	CHECK(s.rc == -1, "split: unterminated refused");
	ERR_AT(&s.d, 1, 1, "never closed");
	cv_diags_free(&s.d);
	src = "---";
	s = S_split(src, strlen(src));
	CHECK(s.rc == -1, "split: lone '---' refused");
	cv_diags_free(&s.d);
}

/* ---- cv_yaml_parse ------------------------------------------------------ */

typedef struct {
	cv_ynode *root;
	int ok;
	cv_diags d;
	const char *src;
} S_yaml_t;

/* Parse the YAML part of a whole source "---\n<yaml>---\n…", as render does. */
static S_yaml_t S_fm(const char *src)
{
	S_yaml_t y;
	memset(&y, 0, sizeof y);
	y.src = src;
	y.d.file = "t.md";
	y.d.src = src;
	y.d.src_len = strlen(src);
	size_t fo, fl, bo;
	int bl;
	if (cv_split_source(src, strlen(src), &y.d, &fo, &fl, &bo, &bl) != 0) {
		y.ok = -1;
		return y;
	}
	y.root = cv_yaml_parse(&A, "t.md", src, strlen(src), fo, fl, &y.d, &y.ok);
	return y;
}

static void test_yaml(void)
{
	/* positions: value line/col, key line/col, offset by the "---" line */
	S_yaml_t y = S_fm("---\n"
			  "co_quan: Sở Tư pháp\n"         /* line 2 */
			  "so: 5\n"                       /* line 3 */
			  "ky:\n"                         /* line 4 */
			  "  ho_ten: Lê Hoàng Phúc\n"     /* line 5 */
			  "kinh_gui:\n"                   /* line 6 */
			  "  - Sở A\n"                    /* line 7 */
			  "  - \"Sở B\"\n"                /* line 8 */
			  "x: [Sở Tư, Bộ]\n"              /* line 9 */
			  "---\n");
	CHECK(y.ok == 1 && y.root && y.d.n == 0, "yaml: parsed");
	CHECK(y.root && y.root->kind == CV_Y_MAP && y.root->n == 5, "yaml: a map of 5 keys");
	if (y.root && y.root->n == 5) {
		cv_ynode *r = y.root;
		CHECK(r->key_line[0] == 2 && r->key_col[0] == 1, "yaml: key co_quan at 2:1");
		CHECK(r->items[0]->line == 2 && r->items[0]->col == 10, "yaml: co_quan value at 2:10");
		CHECK_STR(r->items[0]->text, "Sở Tư pháp", "yaml: co_quan text");
		CHECK(r->items[0]->plain, "yaml: co_quan plain");
		CHECK(r->items[1]->line == 3 && r->items[1]->col == 5, "yaml: so value at 3:5");
		CHECK(r->key_line[2] == 4 && r->key_col[2] == 1, "yaml: key ky at 4:1");
		cv_ynode *ky = r->items[2];
		CHECK(ky->kind == CV_Y_MAP && ky->n == 1, "yaml: ky is a map");
		if (ky->kind == CV_Y_MAP && ky->n == 1) {
			CHECK(ky->key_line[0] == 5 && ky->key_col[0] == 3, "yaml: key ho_ten at 5:3");
			CHECK(ky->items[0]->line == 5 && ky->items[0]->col == 11, "yaml: ho_ten at 5:11");
		}
		cv_ynode *kg = r->items[3];
		CHECK(kg->kind == CV_Y_SEQ && kg->n == 2, "yaml: kinh_gui is a list of 2");
		if (kg->kind == CV_Y_SEQ && kg->n == 2) {
			CHECK(kg->items[0]->line == 7 && kg->items[0]->col == 5, "yaml: item 1 at 7:5");
			CHECK(kg->items[1]->line == 8 && kg->items[1]->col == 5, "yaml: item 2 at 8:5");
			CHECK(!kg->items[1]->plain, "yaml: quoted item is not plain");
			CHECK_STR(kg->items[1]->text, "Sở B", "yaml: quoted text unquoted");
		}
		/* columns count characters: "x: [Sở Tư, " is 11 characters, 13 bytes */
		cv_ynode *x = r->items[4];
		CHECK(x->kind == CV_Y_SEQ && x->n == 2, "yaml: flow list");
		if (x->kind == CV_Y_SEQ && x->n == 2) {
			CHECK(x->items[0]->line == 9 && x->items[0]->col == 5, "yaml: flow item 1 at 9:5");
			if (x->items[1]->col != 12)
				fprintf(stderr, "  flow item 2 at col %d, want 12\n", x->items[1]->col);
			CHECK(x->items[1]->line == 9 && x->items[1]->col == 12,
			      "yaml: flow item 2 at 9:12 (characters, not bytes)");
		}
	}
	cv_ynode *g = cv_ymap_get(y.root, "so", NULL);
	size_t idx = 99;
	CHECK(g && strcmp(g->text, "5") == 0, "ymap_get: so");
	CHECK(cv_ymap_get(y.root, "ky", &idx) && idx == 2, "ymap_get: index");
	CHECK(cv_ymap_get(y.root, "nope", NULL) == NULL, "ymap_get: missing key");
	CHECK(cv_ymap_get(NULL, "so", NULL) == NULL, "ymap_get: NULL map");
	cv_diags_free(&y.d);

	/* with a BOM and a body offset of several lines */
	y = S_fm("\xEF\xBB\xBF---\n# comment\n\nco_quan: x\n---\n");
	CHECK(y.ok == 1 && y.root && y.root->n == 1, "yaml: after BOM and comments");
	if (y.root && y.root->n == 1)
		CHECK(y.root->key_line[0] == 4 && y.root->items[0]->col == 10, "yaml: positions after BOM");
	cv_diags_free(&y.d);

	/* scalars normalised to NFC */
	y = S_fm("---\nco_quan: Kha\xCC\x81nh Ho\xCC\x80" "a\n---\n");
	CHECK(y.ok == 1 && y.root && y.root->n == 1, "yaml: decomposed value");
	if (y.root && y.root->n == 1)
		CHECK_STR(y.root->items[0]->text, "Khánh Hòa", "yaml: value in NFC");
	cv_diags_free(&y.d);

	/* empty front matter: NULL root, no error */
	y = S_fm("---\n---\n");
	CHECK(y.ok == 1 && y.root == NULL && y.d.n == 0, "yaml: empty front matter");
	cv_diags_free(&y.d);
	y = S_fm("---\n# only a comment\n---\n");
	CHECK(y.ok == 1 && y.root == NULL && y.d.n == 0, "yaml: comment-only front matter");
	cv_diags_free(&y.d);

	/* anchors and aliases are refused, at the anchor / alias */
	y = S_fm("---\na: &x 1\nb: *x\n---\n");
	CHECK(y.ok == 0 && y.root == NULL, "yaml: anchor refused");
	ERR_AT(&y.d, 2, 4, "anchors");
	CHECK(y.d.errors == 1, "yaml: one error for an anchor");
	cv_diags_free(&y.d);
	y = S_fm("---\nco_quan: x\nb: *x\n---\n");
	CHECK(y.ok == 0, "yaml: alias refused");
	ERR_AT(&y.d, 3, 4, "aliases");
	cv_diags_free(&y.d);
	y = S_fm("---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\n");
	CHECK(y.ok == 0 && y.d.errors == 1, "yaml: billion laughs refused with one error");
	ERR_AT(&y.d, 2, 4, "anchors");
	cv_diags_free(&y.d);
	y = S_fm("---\nky: &k\n  ho_ten: x\n---\n");
	CHECK(y.ok == 0, "yaml: anchor on a mapping refused");
	ERR_AT(&y.d, 2, 5, "anchors");
	cv_diags_free(&y.d);

	/* duplicate keys */
	y = S_fm("---\nco_quan: x\nso: 5\nco_quan: y\n---\n");
	CHECK(y.ok == 0 && y.root == NULL, "yaml: duplicate key refused");
	ERR_AT(&y.d, 4, 1, "duplicate key 'co_quan' (first given on line 2)");
	cv_diags_free(&y.d);
	y = S_fm("---\nky:\n  ho_ten: a\n  chuc_vu: b\n  ho_ten: c\n---\n");
	CHECK(y.ok == 0, "yaml: nested duplicate key refused");
	ERR_AT(&y.d, 5, 3, "duplicate key 'ho_ten' (first given on line 3)");
	cv_diags_free(&y.d);

	/* tabs in the indentation */
	y = S_fm("---\nky:\n\tho_ten: x\n---\n");
	CHECK(y.ok == 0, "yaml: tab indentation refused");
	ERR_AT(&y.d, 3, 1, "tab character in the indentation");
	cv_diags_free(&y.d);
	y = S_fm("---\nco_quan: x\nky:\n  \tho_ten: x\n---\n");
	CHECK(y.ok == 0, "yaml: tab after spaces refused");
	ERR_AT(&y.d, 4, 3, "tab character in the indentation");
	cv_diags_free(&y.d);
	y = S_fm("---\nco_quan: a\tb   # c\n---\n");
	CHECK(y.ok == 1 && y.d.n == 0, "yaml: a tab inside a value is fine");
	cv_diags_free(&y.d);

	/* syntax errors carry a position in the file */
	y = S_fm("---\nco_quan: x\ntrich_yeu: V/v: x: y\n---\n");
	CHECK(y.ok == 0 && y.d.errors == 1, "yaml: ': ' in a plain value refused");
	ERR_AT(&y.d, 3, 15, "must be quoted");
	cv_diags_free(&y.d);
	y = S_fm("---\nco_quan: \"x\n---\n");
	CHECK(y.ok == 0 && y.d.errors == 1 && y.d.items[0].line >= 2, "yaml: unclosed quote refused");
	cv_diags_free(&y.d);

	/* nesting depth bounded */
	char deep[512] = "---\na: ";
	for (int i = 0; i < 60; i++)
		strcat(deep, "[");
	for (int i = 0; i < 60; i++)
		strcat(deep, "]");
	strcat(deep, "\n---\n");
	y = S_fm(deep);
	CHECK(y.ok == 0, "yaml: 60 levels of nesting refused");
	CHECK(S_find(&y.d, "nested too deeply") >= 0, "yaml: nesting message");
	cv_diags_free(&y.d);

	/* a list as the front matter parses (meta refuses it) */
	y = S_fm("---\n- a\n- b\n---\n");
	CHECK(y.ok == 1 && y.root && y.root->kind == CV_Y_SEQ, "yaml: a list root parses");
	cv_diags_free(&y.d);
}

/* ---- cv_meta_read ------------------------------------------------------- */

typedef struct {
	cv_meta m;
	cv_diags d;
	int errors;
	char *src;
} S_meta_t;

/* Read "---\n" + fm + "---\n" as render does (type first, then all). */
static S_meta_t S_meta(const char *fm)
{
	S_meta_t r;
	memset(&r, 0, sizeof r);
	size_t n = strlen(fm) + 16;
	r.src = cv_arena_alloc(&A, n);
	snprintf(r.src, n, "---\n%s---\n", fm);
	r.d.file = "t.md";
	r.d.src = r.src;
	r.d.src_len = strlen(r.src);
	size_t fo, fl, bo;
	int bl, ok = 0;
	if (cv_split_source(r.src, strlen(r.src), &r.d, &fo, &fl, &bo, &bl) != 0) {
		r.errors = -1;
		return r;
	}
	cv_ynode *root = cv_yaml_parse(&A, "t.md", r.src, strlen(r.src), fo, fl, &r.d, &ok);
	if (!ok) {
		r.errors = -1;
		return r;
	}
	r.errors = cv_meta_read(&A, root, &S_rules, &r.m, &r.d);
	return r;
}

/* A front matter GOOD_FM + extra must read with no error and no warning. */
static S_meta_t S_good(int tline, const char *extra)
{
	char fm[4096];
	snprintf(fm, sizeof fm, "%s%s", GOOD_FM, extra);
	S_meta_t r = S_meta(fm);
	char what[512];
	snprintf(what, sizeof what, "no diagnostics for '%s'", extra);
	if (r.d.n)
		for (size_t k = 0; k < r.d.n; k++)
			fprintf(stderr, "  %d:%d %s\n", r.d.items[k].line, r.d.items[k].col, r.d.items[k].msg);
	cv_test_ok(r.errors == 0 && r.d.n == 0, __FILE__, tline, what);
	return r;
}
#define GOOD(extra) S_good(__LINE__, (extra))

/* GOOD_FM + extra (whose first line is line GOOD_LINES + 2 of the file). */
static S_meta_t S_bad(const char *extra)
{
	char fm[4096];
	snprintf(fm, sizeof fm, "%s%s", GOOD_FM, extra);
	return S_meta(fm);
}
#define L1 (GOOD_LINES + 2) /* line of the first extra line in the file */

static void test_meta_types(void)
{
	S_meta_t r = GOOD("");
	CHECK_STR(r.m.loai.s, "cong-van", "meta: default loai");
	CHECK_STR(r.m.profile.s, "nd30", "meta: default profile");
	CHECK(r.m.co_chu == 14, "meta: default co_chu 14");
	CHECK(r.m.gian_dong == 0, "meta: default gian_dong = profile's");
	CHECK(r.m.co_quan.n == 1 && !r.m.co_quan.explicit_lines, "meta: co_quan as text");
	CHECK(r.m.co_quan.n == 1 && strcmp(r.m.co_quan.v[0].s, "Sở Tư pháp") == 0, "meta: co_quan value");
	CHECK(r.m.co_quan.line == 2 && r.m.co_quan.col == 10, "meta: co_quan position");
	CHECK_STR(r.m.dia_danh.s, "Lâm Đồng", "meta: dia_danh");
	CHECK(r.m.kinh_gui.n == 1 && !r.m.kinh_gui_list, "meta: one recipient, not a list");
	CHECK_STR(r.m.ky.chuc_vu.s, "Giám đốc", "meta: ky.chuc_vu");
	CHECK_STR(r.m.ky.ho_ten.s, "Lê Hoàng Phúc", "meta: ky.ho_ten");
	CHECK(r.m.ky.quyen_han.s == NULL, "meta: no quyen_han");
	CHECK(r.m.so.s == NULL && r.m.day == 0 && r.m.ngay.s == NULL, "meta: draft: no so, no ngay");
	cv_diags_free(&r.d);

	r = GOOD("co_quan_chu_quan:\n  - UBND Thành phố\n  - Hồ Chí Minh\n");
	CHECK(r.m.co_quan_chu_quan.n == 2 && r.m.co_quan_chu_quan.explicit_lines,
	      "meta: co_quan_chu_quan as a list of lines");
	CHECK(r.m.co_quan_chu_quan.line == L1 + 1 && r.m.co_quan_chu_quan.col == 3,
	      "meta: position of a list value");
	cv_diags_free(&r.d);

	r = S_meta("co_quan:\n  - Sở Nông nghiệp\n  - và Môi trường\n"
		   "dia_danh: Huế\ntrich_yeu: x\n"
		   "kinh_gui:\n  - BHXH các tỉnh\n  - Các đơn vị\n"
		   "noi_nhan:\n  - Như trên\n  - Lưu\n"
		   "ky:\n  chuc_vu: Giám đốc\n  ho_ten: A\n"
		   "so: 1144\nky_hieu: BHXH-TĐKT\nngay: 2013-03-28\nluu: TĐKT (2)\n"
		   "nguoi_soan: PL\nso_ban: 300\ndu_thao: true\nnam: 2026\n"
		   "lien_he:\n  dia_chi: Số 04\n  email: a@b.vn\n"
		   "dong_ngay: \"Hà Nội, ngày 28 tháng 3 năm 2013\"\n");
	CHECK(r.errors == 0 && r.d.n == 0, "meta: a full front matter reads cleanly");
	CHECK(r.m.co_quan.n == 2 && r.m.co_quan.explicit_lines, "meta: co_quan as a list of lines");
	CHECK(r.m.co_quan.n == 2 && strcmp(r.m.co_quan.v[1].s, "và Môi trường") == 0, "meta: co_quan line 2");
	CHECK(r.m.kinh_gui.n == 2 && r.m.kinh_gui_list, "meta: kinh_gui list");
	CHECK(r.m.noi_nhan.n == 2, "meta: noi_nhan list");
	CHECK_STR(r.m.so.s, "1144", "meta: so");
	CHECK_STR(r.m.ky_hieu.s, "BHXH-TĐKT", "meta: ky_hieu");
	CHECK(r.m.year == 2013 && r.m.month == 3 && r.m.day == 28, "meta: ngay parsed");
	CHECK_STR(r.m.luu.s, "TĐKT (2)", "meta: luu");
	CHECK_STR(r.m.nguoi_soan.s, "PL", "meta: nguoi_soan");
	CHECK_STR(r.m.so_ban.s, "300", "meta: so_ban");
	CHECK_STR(r.m.du_thao.s, "DỰ THẢO", "meta: du_thao true");
	CHECK(r.m.nam == 2026, "meta: nam");
	CHECK_STR(r.m.lh_dia_chi.s, "Số 04", "meta: lien_he.dia_chi");
	CHECK_STR(r.m.lh_email.s, "a@b.vn", "meta: lien_he.email");
	CHECK_STR(r.m.dong_ngay.s, "Hà Nội, ngày 28 tháng 3 năm 2013", "meta: dong_ngay");
	cv_diags_free(&r.d);

	/* a list of one recipient is not a list */
	r = S_meta("co_quan: x\ndia_danh: y\ntrich_yeu: z\nkinh_gui:\n  - Sở A\n"
		   "ky:\n  chuc_vu: a\n  ho_ten: b\n");
	CHECK(r.errors == 0 && r.m.kinh_gui.n == 1 && !r.m.kinh_gui_list, "meta: one-item kinh_gui list");
	cv_diags_free(&r.d);

	/* whitespace squeezed; an empty value is absent */
	r = GOOD("luu: \"  TĐKT   (2) \"\nnguoi_soan: \"\"\n");
	CHECK_STR(r.m.luu.s, "TĐKT (2)", "meta: value squeezed");
	CHECK(r.m.nguoi_soan.s == NULL, "meta: empty value is absent");
	cv_diags_free(&r.d);

	/* du_thao forms */
	r = GOOD("du_thao: false\n");
	CHECK(r.m.du_thao.s == NULL, "meta: du_thao false");
	cv_diags_free(&r.d);
	r = GOOD("du_thao: Dự thảo lần 2\n");
	CHECK_STR(r.m.du_thao.s, "Dự thảo lần 2", "meta: du_thao text");
	cv_diags_free(&r.d);
	r = GOOD("du_thao: \"true\"\n");
	CHECK_STR(r.m.du_thao.s, "true", "meta: quoted \"true\" is text");
	cv_diags_free(&r.d);

	/* ky_hieu: a typed slash is dropped; spaces refused */
	r = GOOD("ky_hieu: /BHXH-TĐKT\n");
	CHECK_STR(r.m.ky_hieu.s, "BHXH-TĐKT", "meta: ky_hieu leading '/' dropped");
	cv_diags_free(&r.d);
	r = S_bad("ky_hieu: BHXH TĐKT\n");
	ERR_RULE(&r.d, L1, 10, "no spaces", "ND30-NUM-FORMAT");
	cv_diags_free(&r.d);

	/* wrong types, each at the value */
	r = S_meta("co_quan:\n  ten: Sở Tư pháp\ndia_danh: y\ntrich_yeu: z\nkinh_gui: k\n"
		   "ky:\n  chuc_vu: a\n  ho_ten: b\n");
	CHECK(r.errors == 1, "meta: co_quan mapping: one error");
	ERR_AT(&r.d, 3, 3, "'co_quan' expects text or a list of lines, found a mapping");
	cv_diags_free(&r.d);
	r = S_meta("co_quan: x\ndia_danh: y\ntrich_yeu: z\nkinh_gui:\n  a: b\n"
		   "ky:\n  chuc_vu: a\n  ho_ten: b\n");
	ERR_AT(&r.d, 6, 3, "'kinh_gui' expects text or a list of lines, found a mapping");
	cv_diags_free(&r.d);
	r = S_meta("co_quan: x\ndia_danh: y\ntrich_yeu: z\nkinh_gui: k\nky: Nguyễn Văn A\n");
	ERR_AT(&r.d, 6, 5, "'ky' expects a mapping");
	cv_diags_free(&r.d);
	r = S_bad("luu:\n  - a\n  - b\n");
	ERR_AT(&r.d, L1 + 1, 3, "'luu' expects text, found a list");
	cv_diags_free(&r.d);
	r = S_bad("noi_nhan:\n  - Như trên\n  - [a, b]\n");
	ERR_AT(&r.d, L1 + 2, 5, "each item of 'noi_nhan' must be one line of text, found a list");
	cv_diags_free(&r.d);
	r = S_bad("lien_he: Số 04\n");
	ERR_AT(&r.d, L1, 10, "'lien_he' expects a mapping");
	cv_diags_free(&r.d);
	r = S_bad("so: [1]\n");
	ERR_AT(&r.d, L1, 5, "'so' expects a number, found a list");
	cv_diags_free(&r.d);

	/* the front matter itself must be a mapping */
	r = S_meta("- co_quan\n- so\n");
	CHECK(r.errors >= 1, "meta: a list as front matter refused");
	ERR_AT(&r.d, 2, 1, "must be a list of 'key: value' lines, found a list");
	cv_diags_free(&r.d);
	r = S_meta("just a sentence\n");
	ERR_AT(&r.d, 2, 1, "found a single value");
	cv_diags_free(&r.d);

	/* missing required keys: each one named */
	r = S_meta("so: 5\n");
	CHECK(r.errors == 5, "meta: five required keys missing");
	CHECK(S_find(&r.d, "missing required key 'co_quan'") >= 0, "meta: co_quan missing");
	CHECK(S_find(&r.d, "missing required key 'dia_danh'") >= 0, "meta: dia_danh missing");
	CHECK(S_find(&r.d, "missing required key 'trich_yeu'") >= 0, "meta: trich_yeu missing");
	CHECK(S_find(&r.d, "missing required key 'kinh_gui'") >= 0, "meta: kinh_gui missing");
	CHECK(S_find(&r.d, "missing required key 'ky'") >= 0, "meta: ky missing");
	cv_diags_free(&r.d);
	r = S_meta("");
	CHECK(r.errors == 5, "meta: empty front matter: all required keys missing");
	cv_diags_free(&r.d);
	/* a required key given with an empty value is as good as absent */
	r = S_meta("co_quan:\ndia_danh: y\ntrich_yeu: z\nkinh_gui: k\nky:\n  chuc_vu: a\n  ho_ten: b\n");
	CHECK(r.errors >= 1, "meta: 'co_quan:' with no value is an error (required)");
	CHECK(S_find(&r.d, "co_quan") >= 0, "meta: the empty co_quan is named");
	cv_diags_free(&r.d);
	r = S_meta("co_quan: x\ndia_danh: \"\"\ntrich_yeu: z\nkinh_gui: k\nky:\n  chuc_vu: a\n  ho_ten: b\n");
	CHECK(r.errors >= 1, "meta: 'dia_danh: \"\"' is an error (required)");
	cv_diags_free(&r.d);
	r = S_meta("co_quan: x\ndia_danh: y\ntrich_yeu: z\nkinh_gui: []\nky:\n  chuc_vu: a\n  ho_ten: b\n");
	CHECK(r.errors >= 1, "meta: 'kinh_gui: []' (no recipient) is an error (required)");
	CHECK(S_find(&r.d, "kinh_gui") >= 0, "meta: the empty kinh_gui list is named");
	cv_diags_free(&r.d);
	r = S_meta("co_quan:\n  - \"\"\ndia_danh: y\ntrich_yeu: z\nkinh_gui: k\nky:\n  chuc_vu: a\n  ho_ten: b\n");
	CHECK(r.errors >= 1, "meta: a co_quan list of empty lines is an error (required)");
	cv_diags_free(&r.d);
}

static void test_meta_enums(void)
{
	struct {
		const char *line, *want;
		int field; /* 0 do_khan, 1 do_mat, 2 quyen_han */
	} ok[] = {
		{"do_khan: KHẨN\n", "KHẨN", 0},
		{"do_khan: khẩn\n", "KHẨN", 0},
		{"do_khan: Thượng khẩn\n", "THƯỢNG KHẨN", 0},
		{"do_khan: HỎA TỐC\n", "HỎA TỐC", 0},
		{"do_khan: Hỏa tốc\n", "HỎA TỐC", 0},
		{"do_khan: Hoả tốc\n", "HỎA TỐC", 0},
		{"do_mat: MẬT\n", "MẬT", 1},
		{"do_mat: mật\n", "MẬT", 1},
		{"do_mat: Tối mật\n", "TỐI MẬT", 1},
		{"do_mat: TUYỆT MẬT\n", "TUYỆT MẬT", 1},
		{"do_mat: Mâ\xCC\xA3t\n", "MẬT", 1}, /* decomposed */
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		S_meta_t r = S_good(__LINE__, ok[i].line);
		const char *got = ok[i].field == 0 ? r.m.do_khan.s : r.m.do_mat.s;
		char what[256];
		snprintf(what, sizeof what, "enum: %s", ok[i].line);
		CHECK_STR(got, ok[i].want, what);
		cv_diags_free(&r.d);
	}
	const char *powers[][2] = {{"KT", "KT"}, {"kt", "KT"}, {"KT.", "KT"}, {"TM", "TM"},
				   {"TL", "TL"}, {"TUQ", "TUQ"}, {"tuq", "TUQ"}, {"Q", "Q"}};
	for (size_t i = 0; i < sizeof powers / sizeof powers[0]; i++) {
		char fm[512];
		snprintf(fm, sizeof fm,
			 "co_quan: x\ndia_danh: y\ntrich_yeu: z\nkinh_gui: k\n"
			 "ky:\n  quyen_han: %s\n  chuc_vu_cap_tren: Giám đốc\n  chuc_vu: Phó Giám đốc\n"
			 "  ho_ten: A\n",
			 powers[i][0]);
		S_meta_t r = S_meta(fm);
		char what[256];
		snprintf(what, sizeof what, "enum: quyen_han %s", powers[i][0]);
		CHECK(r.errors == 0 && r.d.n == 0, what);
		CHECK_STR(r.m.ky.quyen_han.s, powers[i][1], what);
		cv_diags_free(&r.d);
	}
	S_meta_t r = S_bad("do_khan: GẤP\n");
	CHECK(r.errors == 1, "enum: do_khan GẤP: one error");
	ERR_RULE(&r.d, L1, 10, "'do_khan' must be KHẨN, THƯỢNG KHẨN or HỎA TỐC, found 'GẤP'",
		 "ND30-URGENCY-VALUES");
	cv_diags_free(&r.d);
	r = S_bad("do_mat: BÍ MẬT\n");
	ERR_RULE(&r.d, L1, 9, "'do_mat' must be MẬT, TỐI MẬT or TUYỆT MẬT", "ND30-SECRET-VALUES");
	cv_diags_free(&r.d);
	r = S_bad("do_khan: [KHẨN]\n");
	ERR_AT(&r.d, L1, 10, "'do_khan' expects text, found a list");
	cv_diags_free(&r.d);
	r = S_meta("co_quan: x\ndia_danh: y\ntrich_yeu: z\nkinh_gui: k\n"
		   "ky:\n  quyen_han: XYZ\n  chuc_vu: a\n  ho_ten: b\n");
	ERR_RULE(&r.d, 7, 14, "'ky.quyen_han' must be KT, TM, TL, TUQ or Q, found 'XYZ'", "ND30-SIGN-PREFIX");
	cv_diags_free(&r.d);
	r = S_meta("co_quan: x\ndia_danh: y\ntrich_yeu: z\nkinh_gui: k\n"
		   "ky:\n  quyen_han: PGĐ\n  chuc_vu: a\n  ho_ten: b\n");
	ERR_AT(&r.d, 7, 14, "found 'PGĐ'");
	cv_diags_free(&r.d);

	/* profile */
	r = GOOD("profile: tt01\n");
	CHECK_STR(r.m.profile.s, "tt01", "profile: tt01");
	cv_diags_free(&r.d);
	r = GOOD("profile: ND30\n");
	CHECK_STR(r.m.profile.s, "nd30", "profile: ND30 -> nd30");
	cv_diags_free(&r.d);
	r = S_bad("profile: nd31\n");
	ERR_AT(&r.d, L1, 10, "'profile' must be ND30 or TT01, found 'nd31'");
	cv_diags_free(&r.d);

	/* loai */
	r = GOOD("loai: quyet-dinh\n");
	CHECK_STR(r.m.loai.s, "quyet-dinh", "loai: as given");
	cv_diags_free(&r.d);
}

static void test_meta_dates(void)
{
	int y, m, d;
	CHECK(cv_parse_iso_date("2013-03-28", &y, &m, &d) == 0 && y == 2013 && m == 3 && d == 28,
	      "date: 2013-03-28");
	CHECK(cv_parse_iso_date("2024-02-29", &y, &m, &d) == 0, "date: 2024-02-29 (leap)");
	CHECK(cv_parse_iso_date("2000-02-29", &y, &m, &d) == 0, "date: 2000-02-29 (leap, /400)");
	CHECK(cv_parse_iso_date("2023-02-29", &y, &m, &d) == -2, "date: 2023-02-29 not a date");
	CHECK(cv_parse_iso_date("2100-02-29", &y, &m, &d) == -2, "date: 2100-02-29 (/100) not a date");
	CHECK(cv_parse_iso_date("2013-02-30", &y, &m, &d) == -2, "date: 2013-02-30 not a date");
	CHECK(cv_parse_iso_date("2013-04-31", &y, &m, &d) == -2, "date: 2013-04-31 not a date");
	CHECK(cv_parse_iso_date("2013-12-31", &y, &m, &d) == 0, "date: 2013-12-31");
	CHECK(cv_parse_iso_date("2013-13-01", &y, &m, &d) == -2, "date: month 13");
	CHECK(cv_parse_iso_date("2013-00-10", &y, &m, &d) == -2, "date: month 0");
	CHECK(cv_parse_iso_date("2013-01-00", &y, &m, &d) == -2, "date: day 0");
	CHECK(cv_parse_iso_date("28/03/2013", &y, &m, &d) == -1, "date: dd/mm/yyyy is a format error");
	CHECK(cv_parse_iso_date("2013-3-28", &y, &m, &d) == -1, "date: no zero padding is a format error");
	CHECK(cv_parse_iso_date("2013-03-28x", &y, &m, &d) == -1, "date: trailing text");
	CHECK(cv_parse_iso_date("", &y, &m, &d) == -1, "date: empty");
	CHECK(cv_parse_iso_date(NULL, &y, &m, &d) == -1, "date: NULL");
	CHECK(cv_parse_iso_date("2013-+3-28", &y, &m, &d) == -1, "date: sign");

	S_meta_t r = GOOD("ngay: 2024-02-29\n");
	CHECK(r.m.year == 2024 && r.m.month == 2 && r.m.day == 29, "meta: leap day read");
	cv_diags_free(&r.d);
	r = GOOD("ngay: \"2020-01-05\"\n");
	CHECK(r.m.year == 2020 && r.m.month == 1 && r.m.day == 5, "meta: quoted date read");
	cv_diags_free(&r.d);
	r = S_bad("ngay: 2013-02-30\n");
	CHECK(r.errors == 1, "meta: 2013-02-30: one error");
	ERR_RULE(&r.d, L1, 7, "'ngay' is not a real date", "ND30-DATE-VALID");
	CHECK(r.m.day == 0 && r.m.month == 0 && r.m.year == 0, "meta: a bad date leaves no date");
	cv_diags_free(&r.d);
	r = S_bad("ngay: 2023-02-29\n");
	ERR_AT(&r.d, L1, 7, "'ngay' is not a real date");
	cv_diags_free(&r.d);
	r = S_bad("ngay: \"28/03/2013\"\n");
	ERR_RULE(&r.d, L1, 7, "'ngay' expects a date written YYYY-MM-DD", "ND30-DATE-VALID");
	cv_diags_free(&r.d);
	r = S_bad("ngay: 1900-01-01\n");
	ERR_AT(&r.d, L1, 7, "implausible year");
	cv_diags_free(&r.d);
	r = S_bad("ngay:\n  - 2013-03-28\n");
	ERR_AT(&r.d, L1 + 1, 3, "'ngay' expects text, found a list");
	cv_diags_free(&r.d);
	r = GOOD("nam: 2026\n");
	CHECK(r.m.nam == 2026, "meta: nam");
	cv_diags_free(&r.d);
	r = S_bad("nam: 26\n");
	ERR_AT(&r.d, L1, 6, "'nam' must be a whole number from 1945 to 2200");
	cv_diags_free(&r.d);
}

static void test_meta_numbers(void)
{
	S_meta_t r = GOOD("so: 05\n");
	CHECK_STR(r.m.so.s, "5", "so: '05' read as 5");
	cv_diags_free(&r.d);
	r = GOOD("so: 7\n");
	CHECK_STR(r.m.so.s, "7", "so: 7");
	CHECK(r.m.so.line == L1 && r.m.so.col == 5, "so: position");
	cv_diags_free(&r.d);
	r = GOOD("so: \"1144\"\n");
	CHECK_STR(r.m.so.s, "1144", "so: quoted number");
	cv_diags_free(&r.d);
	r = S_bad("so: abc\n");
	CHECK(r.errors == 1, "so: abc: one error");
	ERR_AT(&r.d, L1, 5, "'so' must be a whole number from 1 to 99999999, found 'abc'");
	cv_diags_free(&r.d);
	r = S_bad("so: 0\n");
	ERR_AT(&r.d, L1, 5, "'so' must be a whole number");
	cv_diags_free(&r.d);
	r = S_bad("so: -3\n");
	ERR_AT(&r.d, L1, 5, "'so' must be a whole number");
	cv_diags_free(&r.d);
	r = S_bad("so: 1.5\n");
	ERR_AT(&r.d, L1, 5, "'so' must be a whole number");
	cv_diags_free(&r.d);
	r = S_bad("so: 1234567890\n");
	ERR_AT(&r.d, L1, 5, "'so' must be a whole number");
	cv_diags_free(&r.d);
	r = S_bad("so_ban: 0\n");
	ERR_AT(&r.d, L1, 9, "'so_ban' must be a whole number");
	cv_diags_free(&r.d);

	r = GOOD("co_chu: 13\n");
	CHECK(r.m.co_chu == 13, "co_chu: 13");
	cv_diags_free(&r.d);
	r = GOOD("co_chu: 14\n");
	CHECK(r.m.co_chu == 14, "co_chu: 14");
	cv_diags_free(&r.d);
	const char *bad_sizes[] = {"12", "15", "20", "0", "13.5", "abc"};
	for (size_t i = 0; i < sizeof bad_sizes / sizeof *bad_sizes; i++) {
		char line[64];
		snprintf(line, sizeof line, "co_chu: %s\n", bad_sizes[i]);
		r = S_bad(line);
		char what[128];
		snprintf(what, sizeof what, "co_chu %s refused", bad_sizes[i]);
		CHECK(r.errors == 1, what);
		ERR_AT(&r.d, L1, 9, "'co_chu' must be a whole number from 13 to 14");
		cv_diags_free(&r.d);
	}

	struct {
		const char *v;
		int want;
	} sp[] = {{"1.0", 240}, {"1", 240}, {"1.15", 276}, {"1.5", 360}, {"1.2", 288}};
	for (size_t i = 0; i < sizeof sp / sizeof *sp; i++) {
		char line[64];
		snprintf(line, sizeof line, "gian_dong: %s\n", sp[i].v);
		r = S_good(__LINE__, line);
		char what[128];
		snprintf(what, sizeof what, "gian_dong %s -> %d", sp[i].v, sp[i].want);
		CHECK(r.m.gian_dong == sp[i].want, what);
		cv_diags_free(&r.d);
	}
	const char *bad_sp[] = {"2", "0.9", "1.51", "abc", "\"\"", "[1]", "nan", "NaN", "-nan", "inf"};
	for (size_t i = 0; i < sizeof bad_sp / sizeof *bad_sp; i++) {
		char line[64];
		snprintf(line, sizeof line, "gian_dong: %s\n", bad_sp[i]);
		r = S_bad(line);
		char what[128];
		snprintf(what, sizeof what, "gian_dong %s refused", bad_sp[i]);
		CHECK(r.errors == 1, what);
		ERR_RULE(&r.d, L1, 12, "'gian_dong' must be a line spacing from 1.0 to 1.5", "ND30-BODY-SPACING");
		cv_diags_free(&r.d);
	}
}

static void test_meta_sign(void)
{
#define KY_HEAD "co_quan: x\ndia_danh: y\ntrich_yeu: z\nkinh_gui: k\nky:\n" /* ky: on line 6 */
	S_meta_t r = S_meta(KY_HEAD "  quyen_han: KT\n  chuc_vu: Phó Giám đốc\n  ho_ten: A\n");
	CHECK(r.errors == 1, "ky: KT without chuc_vu_cap_tren: one error");
	ERR_RULE(&r.d, 7, 14, "quyền hạn KT. needs 'chuc_vu_cap_tren'", "ND30-SIGN-PREFIX");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  quyen_han: KT\n  chuc_vu_cap_tren: Giám đốc\n  ho_ten: A\n");
	CHECK(r.errors == 1, "ky: KT without chuc_vu: one error");
	ERR_RULE(&r.d, 7, 14, "quyền hạn KT. needs 'chuc_vu'", "ND30-SIGN-KT-SECOND");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  quyen_han: TM\n  chuc_vu: Chủ tịch\n  ho_ten: A\n");
	ERR_RULE(&r.d, 7, 14, "quyền hạn TM. needs 'chuc_vu_cap_tren'", "ND30-SIGN-PREFIX");
	CHECK(S_find(&r.d, "ỦY BAN NHÂN DÂN") >= 0, "ky: TM message gives the collective example");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  quyen_han: TL\n  chuc_vu: Chánh Văn phòng\n  ho_ten: A\n");
	ERR_AT(&r.d, 7, 14, "quyền hạn TL. needs 'chuc_vu_cap_tren'");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  quyen_han: Q\n  ho_ten: A\n");
	CHECK(r.errors == 1, "ky: Q without chuc_vu: one error");
	ERR_AT(&r.d, 7, 14, "quyền hạn Q. needs 'chuc_vu'");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  quyen_han: Q\n  chuc_vu: Giám đốc\n  ho_ten: A\n");
	CHECK(r.errors == 0 && r.d.n == 0, "ky: Q with only chuc_vu is complete");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  ho_ten: A\n");
	CHECK(r.errors == 1, "ky: no quyen_han, no chuc_vu: one error");
	ERR_AT(&r.d, 7, 3, "'ky' needs 'chuc_vu'");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  chuc_vu: Giám đốc\n");
	CHECK(r.errors == 1, "ky: no ho_ten: one error");
	ERR_AT(&r.d, 7, 3, "'ky' needs 'ho_ten'");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  chuc_vu: Giám đốc\n  ho_ten: A\n  ho_tn: B\n");
	CHECK(r.errors == 0, "ky: unknown key is not an error");
	WARN_AT(&r.d, 9, 3, "unknown key 'ho_tn' in 'ky': did you mean 'ho_ten'?");
	cv_diags_free(&r.d);
	r = S_meta(KY_HEAD "  chuc_vu: [a, b]\n  ho_ten: A\n");
	ERR_AT(&r.d, 7, 12, "'ky.chuc_vu' expects text, found a list");
	cv_diags_free(&r.d);
#undef KY_HEAD
}

static void test_meta_unknown(void)
{
	S_meta_t r = S_bad("kinh_gưi: x\n");
	CHECK(r.errors == 0, "unknown key: not an error");
	WARN_AT(&r.d, L1, 1, "unknown key 'kinh_gưi': did you mean 'kinh_gui'?");
	cv_diags_free(&r.d);
	r = S_bad("kinhgui: x\n");
	WARN_AT(&r.d, L1, 1, "unknown key 'kinhgui': did you mean 'kinh_gui'?");
	cv_diags_free(&r.d);
	r = S_bad("  \nnoi_nhn:\n  - a\n");
	WARN_AT(&r.d, L1 + 1, 1, "did you mean 'noi_nhan'?");
	cv_diags_free(&r.d);
	r = S_bad("hoang_hon: x\n");
	WARN_AT(&r.d, L1, 1, "unknown key 'hoang_hon' (ignored)");
	CHECK(r.d.n == 1 && r.d.warnings == 1, "unknown key: one warning");
	cv_diags_free(&r.d);
	r = S_bad("lien_he:\n  dien_thoaii: 1\n");
	WARN_AT(&r.d, L1 + 1, 3, "unknown key 'dien_thoaii' in 'lien_he': did you mean 'dien_thoai'?");
	cv_diags_free(&r.d);

	/* a type's own fields are known */
	static const char *req[] = {"co_quan"};
	static const char *fields[] = {"ten_loai", "can_cu"};
	cv_type_rules rules = {req, 1, fields, 2};
	const char *src = "---\nco_quan: x\nten_loai: y\ncan_cuu: z\n---\n";
	cv_diags d = CV_DIAGS_INIT;
	d.file = "t.md";
	d.src = src;
	d.src_len = strlen(src);
	int ok;
	cv_ynode *root = cv_yaml_parse(&A, "t.md", src, strlen(src), 4, strlen(src) - 8, &d, &ok);
	cv_meta m;
	memset(&m, 0, sizeof m);
	CHECK(ok && cv_meta_read(&A, root, &rules, &m, &d) == 0, "type fields: no error");
	CHECK(d.n == 1, "type fields: one warning (for the typo only)");
	WARN_AT(&d, 4, 1, "did you mean 'can_cu'?");
	cv_diags_free(&d);
}

/* ---- cv_read_body ------------------------------------------------------- */

typedef struct {
	cv_body b;
	cv_diags d;
	int rc;
} S_body_t;

static S_body_t S_body(const char *text, int first_line)
{
	S_body_t r;
	memset(&r, 0, sizeof r);
	r.d.file = "t.md";
	r.d.src = text;
	r.d.src_len = strlen(text);
	r.rc = cv_read_body(&A, text, strlen(text), first_line, &r.b, &r.d);
	return r;
}

/* The text of a block's runs joined, NULL runs (line breaks) as "\n". */
static const char *S_text(const cv_inlines *in)
{
	static char out[4][4096];
	static int slot;
	char *o = out[slot++ & 3];
	o[0] = '\0';
	for (size_t i = 0; i < in->n; i++)
		strncat(o, in->runs[i].text ? in->runs[i].text : "\n", 4095 - strlen(o));
	return o;
}

static void test_body(void)
{
	S_body_t r = S_body("1. Mục đích\n", 1);
	CHECK(r.rc == 0 && r.b.n == 1, "body: '1. Mục đích' one block");
	if (r.b.n == 1) {
		CHECK(r.b.blocks[0].kind == CV_BLOCK_ITEM, "body: '1.' is an ITEM");
		CHECK_STR(r.b.blocks[0].marker, "1.", "body: marker '1.'");
		CHECK_STR(S_text(&r.b.blocks[0].in), "Mục đích", "body: item text");
		CHECK(r.b.blocks[0].level == 0, "body: outer item level 0");
	}
	cv_diags_free(&r.d);

	r = S_body("3. Ba\n4. Bốn\n", 1);
	CHECK(r.b.n == 2 && r.b.blocks[0].marker && strcmp(r.b.blocks[0].marker, "3.") == 0 &&
		      r.b.blocks[1].marker && strcmp(r.b.blocks[1].marker, "4.") == 0,
	      "body: ordered list keeps its start number");
	cv_diags_free(&r.d);
	/* the number is kept exactly as typed (format.md §5), never renumbered */
	r = S_body("1. Một\n3. Ba\n", 1);
	CHECK(r.b.n == 2 && r.b.blocks[1].marker && strcmp(r.b.blocks[1].marker, "3.") == 0,
	      "body: '3.' after '1.' stays '3.' (as typed)");
	if (r.b.n == 2 && r.b.blocks[1].marker && strcmp(r.b.blocks[1].marker, "3.") != 0)
		fprintf(stderr, "  typed '3.' printed as '%s'\n", r.b.blocks[1].marker);
	cv_diags_free(&r.d);
	r = S_body("1. a\n1. b\n", 1);
	CHECK(r.b.n == 2 && r.b.blocks[1].marker && strcmp(r.b.blocks[1].marker, "1.") == 0,
	      "body: '1.' typed twice stays '1.' (never auto-numbered)");
	cv_diags_free(&r.d);
	r = S_body("01. a\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].marker && strcmp(r.b.blocks[0].marker, "01.") == 0,
	      "body: '01.' stays '01.' (as typed)");
	cv_diags_free(&r.d);
	r = S_body("1) Một\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].marker && strcmp(r.b.blocks[0].marker, "1)") == 0,
	      "body: '1)' marker");
	cv_diags_free(&r.d);

	r = S_body("2.1. Các cấp ủy Đảng\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].kind == CV_BLOCK_PARA, "body: '2.1.' is a PARA");
	if (r.b.n == 1)
		CHECK_STR(S_text(&r.b.blocks[0].in), "2.1. Các cấp ủy Đảng", "body: '2.1.' kept in the text");
	cv_diags_free(&r.d);

	r = S_body("a) Xây dựng kế hoạch\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].kind == CV_BLOCK_PARA, "body: 'a)' is a PARA");
	if (r.b.n == 1)
		CHECK_STR(S_text(&r.b.blocks[0].in), "a) Xây dựng kế hoạch", "body: 'a)' text");
	cv_diags_free(&r.d);

	r = S_body("- Thông qua\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].kind == CV_BLOCK_ITEM, "body: '- x' is an ITEM");
	if (r.b.n == 1) {
		CHECK_STR(r.b.blocks[0].marker, "-", "body: marker '-'");
		CHECK_STR(S_text(&r.b.blocks[0].in), "Thông qua", "body: dash item text");
	}
	cv_diags_free(&r.d);
	r = S_body("+ Căn cứ\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].kind == CV_BLOCK_ITEM, "body: '+ x' is an ITEM");
	if (r.b.n == 1)
		CHECK_STR(r.b.blocks[0].marker, "+", "body: marker '+'");
	cv_diags_free(&r.d);
	r = S_body("* Sao\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].kind == CV_BLOCK_ITEM, "body: '* x' is an ITEM");
	if (r.b.n == 1)
		CHECK_STR(r.b.blocks[0].marker, "-", "body: '*' reads as '-'");
	cv_diags_free(&r.d);

	/* nested lists */
	r = S_body("- Ngoài\n  + Trong\n    - Sâu\n- Hai\n", 1);
	CHECK(r.rc == 0 && r.b.n == 4, "body: nested list: four items");
	if (r.b.n == 4) {
		CHECK(r.b.blocks[0].level == 0 && r.b.blocks[1].level == 1 && r.b.blocks[2].level == 2 &&
			      r.b.blocks[3].level == 0,
		      "body: nesting levels 0, 1, 2, 0");
		CHECK_STR(r.b.blocks[1].marker, "+", "body: nested '+' marker");
		CHECK_STR(r.b.blocks[2].marker, "-", "body: doubly nested '-' marker");
		CHECK_STR(S_text(&r.b.blocks[1].in), "Trong", "body: nested item text");
		CHECK(r.b.blocks[0].line == 1 && r.b.blocks[1].line == 2 && r.b.blocks[2].line == 3 &&
			      r.b.blocks[3].line == 4,
		      "body: nested item lines");
	}
	cv_diags_free(&r.d);

	/* headings */
	r = S_body("## 1. Mục đích, ý nghĩa\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].kind == CV_BLOCK_HEADING, "body: '##' is a HEADING");
	if (r.b.n == 1) {
		CHECK(r.b.blocks[0].level == 2, "body: heading level 2");
		CHECK_STR(S_text(&r.b.blocks[0].in), "1. Mục đích, ý nghĩa", "body: heading text with its number");
	}
	cv_diags_free(&r.d);

	/* emphasis */
	r = S_body("Gửi **chậm nhất ngày 15** và *Sổ tay* nhé\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].in.n == 5, "body: five runs");
	if (r.b.n == 1 && r.b.blocks[0].in.n == 5) {
		cv_run *u = r.b.blocks[0].in.runs;
		CHECK(!u[0].bold && !u[0].italic && strcmp(u[0].text, "Gửi ") == 0, "body: run 1 plain");
		CHECK(u[1].bold && !u[1].italic && strcmp(u[1].text, "chậm nhất ngày 15") == 0, "body: bold run");
		CHECK(!u[2].bold && !u[2].italic && strcmp(u[2].text, " và ") == 0, "body: run 3 plain");
		CHECK(!u[3].bold && u[3].italic && strcmp(u[3].text, "Sổ tay") == 0, "body: italic run");
		CHECK(!u[4].bold && !u[4].italic && strcmp(u[4].text, " nhé") == 0, "body: run 5 plain");
	}
	cv_diags_free(&r.d);
	r = S_body("***đậm nghiêng***\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].in.n == 1 && r.b.blocks[0].in.runs[0].bold &&
		      r.b.blocks[0].in.runs[0].italic,
	      "body: bold italic run");
	cv_diags_free(&r.d);
	r = S_body("2013\\. Năm *x\\*\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].kind == CV_BLOCK_PARA, "body: escaped full stop: a PARA");
	if (r.b.n == 1)
		CHECK_STR(S_text(&r.b.blocks[0].in), "2013. Năm *x*", "body: escapes removed");
	cv_diags_free(&r.d);

	/* hard line breaks: backslash, two spaces; soft break is a space */
	r = S_body("liên hệ:\\\nông A\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].in.n == 3, "body: backslash break: three runs");
	if (r.b.n == 1 && r.b.blocks[0].in.n == 3) {
		CHECK_STR(r.b.blocks[0].in.runs[0].text, "liên hệ:", "body: text before the break");
		CHECK(r.b.blocks[0].in.runs[1].text == NULL, "body: the break is a NULL-text run");
		CHECK_STR(r.b.blocks[0].in.runs[2].text, "ông A", "body: text after the break");
	}
	cv_diags_free(&r.d);
	r = S_body("a  \nb\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].in.n == 3 && r.b.blocks[0].in.runs[1].text == NULL,
	      "body: two-space break");
	cv_diags_free(&r.d);
	r = S_body("một\nhai\n", 1);
	CHECK(r.b.n == 1 && strcmp(S_text(&r.b.blocks[0].in), "một hai") == 0, "body: soft break is a space");
	cv_diags_free(&r.d);

	/* raw HTML is text */
	r = S_body("<b>x</b>\n", 1);
	CHECK(r.b.n == 1, "body: inline HTML: one block");
	if (r.b.n == 1)
		CHECK_STR(S_text(&r.b.blocks[0].in), "<b>x</b>", "body: inline HTML kept as literal text");
	cv_diags_free(&r.d);
	r = S_body("Chữ <script>alert(1)</script> đây\n", 1);
	CHECK(r.b.n == 1 && strcmp(S_text(&r.b.blocks[0].in), "Chữ <script>alert(1)</script> đây") == 0,
	      "body: inline script tag kept as text");
	cv_diags_free(&r.d);
	r = S_body("<div>\nkhối\n</div>\n", 1);
	CHECK(r.b.n == 1 && strcmp(S_text(&r.b.blocks[0].in), "<div>\nkhối\n</div>") == 0,
	      "body: HTML block kept as text, line by line");
	cv_diags_free(&r.d);

	/* GFM table */
	r = S_body("Đoạn.\n\n| STT | Nội dung | Hạn |\n|:---|:---:|---:|\n| 1 | **Giải ngân** | 09/01 |\n"
		   "| 2 | Dự án | 12/01 |\n",
		   20);
	CHECK(r.rc == 0 && r.b.n == 2, "table: paragraph + table");
	if (r.b.n == 2) {
		cv_block *b = &r.b.blocks[1];
		CHECK(b->kind == CV_BLOCK_TABLE && b->table, "table: a TABLE block");
		CHECK(b->line == 22, "table: line of the table (offset)");
		cv_table *t = b->table;
		if (t) {
			CHECK(t->ncols == 3 && t->nrows == 3, "table: 3 columns, 3 rows");
			CHECK(t->header_rows == 1, "table: one header row");
			CHECK(t->align[0] == CV_ALIGN_LEFT && t->align[1] == CV_ALIGN_CENTER &&
				      t->align[2] == CV_ALIGN_RIGHT,
			      "table: alignments left, center, right");
			if (t->ncols == 3 && t->nrows == 3) {
				CHECK_STR(S_text(&t->cells[0]), "STT", "table: header cell 1");
				CHECK_STR(S_text(&t->cells[1]), "Nội dung", "table: header cell 2");
				CHECK_STR(S_text(&t->cells[4]), "Giải ngân", "table: body cell");
				CHECK(t->cells[4].n == 1 && t->cells[4].runs[0].bold, "table: bold in a cell");
				CHECK_STR(S_text(&t->cells[8]), "12/01", "table: last cell");
			}
		}
	}
	cv_diags_free(&r.d);
	r = S_body("| a | b |\n|---|---|\n| 1 |\n", 1);
	CHECK(r.rc == 0 && r.b.n == 1 && r.b.blocks[0].table && r.b.blocks[0].table->ncols == 2 &&
		      r.b.blocks[0].table->align[0] == CV_ALIGN_NONE,
	      "table: short row, no alignment");
	if (r.b.n == 1 && r.b.blocks[0].table && r.b.blocks[0].table->nrows == 2)
		CHECK_STR(S_text(&r.b.blocks[0].table->cells[3]), "", "table: missing cell is empty");
	cv_diags_free(&r.d);

	/* NFC */
	r = S_body("Kha\xCC\x81nh Ho\xCC\x80" "a\n", 1);
	CHECK(r.b.n == 1 && strcmp(S_text(&r.b.blocks[0].in), "Khánh Hòa") == 0, "body: text in NFC");
	cv_diags_free(&r.d);
	r = S_body("**Ho**\xCC\x80" "a\n", 1);
	CHECK(r.b.n == 1, "body: mark after emphasis");
	for (size_t i = 0; r.b.n == 1 && i < r.b.blocks[0].in.n; i++) {
		const char *t = r.b.blocks[0].in.runs[i].text;
		CHECK(t && cv_is_nfc(t, strlen(t)), "body: every run is NFC");
	}
	cv_diags_free(&r.d);

	/* block lines, offset by the body's first line */
	r = S_body("\nĐoạn một.\n\n## 2. Nội dung\n\n- Gạch\n\nĐoạn\ncuối./.\n", 31);
	CHECK(r.rc == 0 && r.b.n == 4, "lines: four blocks");
	if (r.b.n == 4) {
		CHECK(r.b.blocks[0].line == 32, "lines: paragraph on file line 32");
		CHECK(r.b.blocks[1].line == 34, "lines: heading on file line 34");
		CHECK(r.b.blocks[2].line == 36, "lines: item on file line 36");
		CHECK(r.b.blocks[3].line == 38, "lines: last paragraph on file line 38");
	}
	cv_diags_free(&r.d);

	/* thematic break dropped; code kept line by line */
	r = S_body("a\n\n---\n\nb\n", 1);
	CHECK(r.b.n == 2, "body: thematic break dropped");
	cv_diags_free(&r.d);
	r = S_body("```\nx\ny\n```\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].kind == CV_BLOCK_CODE &&
		      strcmp(S_text(&r.b.blocks[0].in), "x\ny") == 0,
	      "body: code block line by line");
	cv_diags_free(&r.d);

	/* block quotes count their depth; items inside keep their marker */
	r = S_body("> + trong\n", 1);
	CHECK(r.b.n == 1 && r.b.blocks[0].quote == 1 && r.b.blocks[0].marker &&
		      strcmp(r.b.blocks[0].marker, "+") == 0,
	      "body: '+' item inside a quote");
	cv_diags_free(&r.d);

	/* empty body */
	r = S_body("", 5);
	CHECK(r.rc == 0 && r.b.n == 0, "body: empty");
	cv_diags_free(&r.d);

	/* deep nesting: an error with a line, never a crash */
	static char deep[16384];
	deep[0] = '\0';
	for (int i = 0; i < 100; i++) {
		for (int k = 0; k < i * 2; k++)
			strcat(deep, " ");
		strcat(deep, "- x\n");
	}
	r = S_body(deep, 10);
	CHECK(r.rc == -1 && r.d.errors == 1, "body: 100 nested levels refused with one error");
	CHECK(r.d.n == 1 && r.d.items[0].line >= 10 && strstr(r.d.items[0].msg, "nested"),
	      "body: nesting error names a line of the file");
	cv_diags_free(&r.d);
	char quotes[256] = "";
	for (int i = 0; i < 100; i++)
		strcat(quotes, ">");
	strcat(quotes, " x\n");
	r = S_body(quotes, 1);
	CHECK(r.rc == -1 && r.d.errors == 1, "body: 100 nested quotes refused");
	cv_diags_free(&r.d);
	/* memory stays proportional to the input: 20 000 unmatched "*_" make
	 * 26 000 text nodes of one style, merged into one run; merging must not
	 * keep every intermediate concatenation (40 KB in, well under 10 MB) */
	{
		cv_arena big = CV_ARENA_INIT;
		size_t n = 20000;
		char *t = malloc(2 * n + 3);
		for (size_t i = 0; i < n; i++)
			memcpy(t + 2 * i, "*_", 2);
		memcpy(t + 2 * n, "x\n", 3);
		cv_body b;
		memset(&b, 0, sizeof b);
		cv_diags d = CV_DIAGS_INIT;
		int rc = cv_read_body(&big, t, 2 * n + 2, 1, &b, &d);
		CHECK(rc == 0 && b.n == 1, "body: 20000 '*_': one paragraph");
		if (big.total >= 10u * 1024 * 1024)
			fprintf(stderr, "  arena holds %zu bytes for a %zu-byte paragraph\n", big.total, 2 * n + 2);
		CHECK(big.total < 10u * 1024 * 1024, "body: memory linear in the input (runs merged without O(n^2) copies)");
		cv_diags_free(&d);
		cv_arena_free(&big);
		free(t);
	}
	char *deep_inline = malloc(20001);
	memset(deep_inline, '*', 20000);
	deep_inline[20000] = '\0';
	r = S_body(deep_inline, 1);
	CHECK(r.rc == 0, "body: 20000 asterisks: no crash");
	cv_diags_free(&r.d);
	free(deep_inline);
}

void run_tests(void)
{
	test_split();
	test_yaml();
	test_meta_types();
	test_meta_enums();
	test_meta_dates();
	test_meta_numbers();
	test_meta_sign();
	test_meta_unknown();
	test_body();
	cv_arena_free(&A);
}
