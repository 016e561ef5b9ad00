/*
 * test_tpl.c — unit tests of the template engine (src/tpl/): values, the
 * language, the standalone-line rule, the set and its overrides, and every
 * error with its exact position.
 */
#include "harness.h"
#include "tpl/embedded.h"
#include "tpl/tpl.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static cv_arena A = CV_ARENA_INIT;
static char S_dir[64]; /* the override folder made by S_setup() */

/* ---- helpers ---------------------------------------------------------- */

/* Render text; the output (or "<ERROR: message>") in a static buffer. */
static const char *S_r(cv_tpl_set *set, const char *text, const cv_value *ctx)
{
	static char out[8192];
	cv_buf b = CV_BUF_INIT;
	cv_diags d = CV_DIAGS_INIT;
	int rc = cv_tpl_render_string(set, "t.xml", text, ctx, &b, &d);
	if (rc == 0 && d.n == 0)
		snprintf(out, sizeof out, "%s", cv_buf_cstr(&b));
	else
		snprintf(out, sizeof out, "<ERROR: %s>", d.n ? d.items[0].msg : "no diagnostic");
	cv_buf_free(&b);
	cv_diags_free(&d);
	return out;
}

/* Check that rendering fails with exactly one error at line:col of `file`
 * whose message contains each of want1 and want2 (NULL: not checked). */
static void S_err_at(int tline, cv_tpl_set *set, const char *name, const char *text,
		     const cv_value *ctx, const char *file, int line, int col, const char *want1,
		     const char *want2)
{
	cv_buf b = CV_BUF_INIT;
	cv_diags d = CV_DIAGS_INIT;
	int rc = text ? cv_tpl_render_string(set, "t.xml", text, ctx, &b, &d)
		      : cv_tpl_render(set, name, ctx, &b, &d);
	char what[512];
	snprintf(what, sizeof what, "error case '%s'", text ? text : name);
	cv_test_ok(rc == -1, __FILE__, tline, what);
	cv_test_ok(d.n == 1 && d.errors == 1, __FILE__, tline, "exactly one error");
	if (d.n >= 1) {
		const cv_diag *e = &d.items[0];
		if (e->line != line || e->col != col || !e->file || strcmp(e->file, file) != 0)
			fprintf(stderr, "  at %s:%d:%d, want %s:%d:%d (%s)\n", e->file ? e->file : "-",
				e->line, e->col, file, line, col, e->msg);
		cv_test_ok(e->file && strcmp(e->file, file) == 0, __FILE__, tline, "error file");
		cv_test_ok(e->line == line, __FILE__, tline, "error line");
		cv_test_ok(e->col == col, __FILE__, tline, "error column");
		cv_test_ok(e->sev == CV_ERROR, __FILE__, tline, "severity");
		if (want1 && !strstr(e->msg, want1))
			fprintf(stderr, "  message: %s\n  lacks: %s\n", e->msg, want1);
		if (want2 && !strstr(e->msg, want2))
			fprintf(stderr, "  message: %s\n  lacks: %s\n", e->msg, want2);
		cv_test_ok(!want1 || strstr(e->msg, want1), __FILE__, tline, "message says what");
		cv_test_ok(!want2 || strstr(e->msg, want2), __FILE__, tline, "message says what (2)");
	}
	cv_buf_free(&b);
	cv_diags_free(&d);
}
#define ERR_AT(text, ctx, line, col, w1, w2) \
	S_err_at(__LINE__, set, NULL, (text), (ctx), "t.xml", (line), (col), (w1), (w2))

static void S_write(const char *rel, const char *content)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", S_dir, rel);
	for (char *p = path + strlen(S_dir) + 1; *p; p++) { /* make parent folders */
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		abort();
	}
	fputs(content, f);
	fclose(f);
}

static void S_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *dir = opendir(path);
		struct dirent *e;
		while (dir && (e = readdir(dir))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char sub[1024];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			S_rmtree(sub);
		}
		if (dir)
			closedir(dir);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* ---- values ----------------------------------------------------------- */

static void test_values(void)
{
	cv_value *m = cv_v_map(&A);
	cv_v_set_str(&A, m, "a", "1");
	cv_v_set_str(&A, m, "b", "2");
	cv_v_set_str(&A, m, "a", "3"); /* replaces */
	CHECK(m->n == 2, "set replaces an existing key");
	CHECK_STR(cv_v_get(m, "a")->s, "3", "replaced value");
	CHECK(cv_v_get(m, "zz") == NULL, "absent key");
	CHECK(cv_v_getn(m, "ab", 1) == cv_v_get(m, "a"), "getn compares the prefix only");
	cv_v_set_str(&A, m, "n", NULL);
	CHECK(cv_v_get(m, "n") && cv_v_get(m, "n")->kind == CV_V_NULL, "NULL string → NULL value");

	for (int i = 0; i < 100; i++) { /* grows past several doublings */
		char k[16];
		snprintf(k, sizeof k, "k%d", i);
		cv_v_set(&A, m, k, cv_v_int(&A, i * 7));
	}
	CHECK(m->n == 103, "map grows");
	CHECK_STR(cv_v_get(m, "k99")->s, "693", "int as decimal string");
	CHECK_STR(cv_v_get(m, "b")->s, "2", "early keys survive growth");
	CHECK_STR(cv_v_int(&A, -42)->s, "-42", "negative int");

	cv_value *l = cv_v_list(&A);
	for (int i = 0; i < 70; i++)
		cv_v_push(&A, l, cv_v_int(&A, i));
	CHECK(l->n == 70 && strcmp(l->items[69]->s, "69") == 0 && strcmp(l->items[0]->s, "0") == 0,
	      "list grows and keeps order");
	cv_v_push(&A, m, cv_v_str(&A, "x"));
	CHECK(m->n == 103, "push on a map is a no-op");

	cv_value *inner = cv_v_map(&A);
	cv_v_set_str(&A, inner, "c", "deep");
	cv_value *mid = cv_v_map(&A);
	cv_v_set(&A, mid, "b", inner);
	cv_v_set(&A, m, "a", mid);
	CHECK_STR(cv_v_path(m, "a.b.c")->s, "deep", "dotted path");
	CHECK(cv_v_path(m, "a.x.c") == NULL, "path with an absent step");
	CHECK(cv_v_path(m, "b.c") == NULL, "path through a string");

	cv_value *f = cv_v_frag(&A, "<w:br/>", 7);
	CHECK(f->kind == CV_V_FRAG && f->len == 7 && strcmp(f->s, "<w:br/>") == 0, "fragment copy");
	char src[] = "abc";
	cv_value *s = cv_v_strn(&A, src, 2);
	src[0] = 'X';
	CHECK_STR(s->s, "ab", "strn copies n bytes");

	CHECK(!cv_v_truthy(NULL), "NULL pointer falsy");
	CHECK(!cv_v_truthy(cv_v_null(&A)), "NULL falsy");
	CHECK(!cv_v_truthy(cv_v_str(&A, "")), "empty string falsy");
	CHECK(cv_v_truthy(cv_v_str(&A, "0")), "\"0\" truthy");
	CHECK(!cv_v_truthy(cv_v_frag(&A, "", 0)), "empty fragment falsy");
	CHECK(cv_v_truthy(cv_v_bool(&A, true)) && !cv_v_truthy(cv_v_bool(&A, false)), "bools");
	CHECK(!cv_v_truthy(cv_v_list(&A)) && cv_v_truthy(l), "lists");
	CHECK(cv_v_truthy(cv_v_map(&A)), "empty map truthy");
}

/* ---- the language ----------------------------------------------------- */

static void test_insert(cv_tpl_set *set)
{
	cv_value *c = cv_v_map(&A);
	cv_v_set_str(&A, c, "x", "a&b<c>d\"e'f");
	cv_v_set(&A, c, "frag", cv_v_frag(&A, "<w:t>&amp;</w:t>", 16));
	cv_v_set(&A, c, "yes", cv_v_bool(&A, true));
	cv_v_set(&A, c, "no", cv_v_bool(&A, false));
	cv_v_set(&A, c, "num", cv_v_int(&A, 1144));
	cv_v_set(&A, c, "nul", cv_v_null(&A));
	cv_value *co = cv_v_map(&A), *dc = cv_v_map(&A);
	cv_v_set_str(&A, dc, "ten", "Hà Nội");
	cv_v_set(&A, co, "dia_chi", dc);
	cv_v_set_str(&A, co, "ten", "BHXH");
	cv_v_set(&A, c, "co_quan", co);

	CHECK_STR(S_r(set, "[{{x}}]", c), "[a&amp;b&lt;c&gt;d&quot;e&#39;f]", "all five escaped");
	CHECK_STR(S_r(set, "{{ x }}", c), "a&amp;b&lt;c&gt;d&quot;e&#39;f", "spaces inside tag");
	CHECK_STR(S_r(set, "<p>{{frag}}</p>", c), "<p><w:t>&amp;</w:t></p>", "fragment raw");
	CHECK_STR(S_r(set, "{{co_quan.ten}}/{{co_quan.dia_chi.ten}}", c), "BHXH/Hà Nội",
		  "dotted paths");
	CHECK_STR(S_r(set, "[{{co_quan.nope}}][{{co_quan.ten.x}}][{{nope.x.y}}]", c), "[][][]",
		  "absent path steps render nothing");
	CHECK_STR(S_r(set, "[{{missing}}][{{nul}}]", c), "[][]", "unknown name and NULL");
	CHECK_STR(S_r(set, "[{{yes}}][{{no}}]", c), "[][]", "booleans render nothing");
	CHECK_STR(S_r(set, "Số {{num}}", c), "Số 1144", "number as string");
	CHECK_STR(S_r(set, "no tags at all\n", c), "no tags at all\n", "literal only");
	CHECK_STR(S_r(set, "", c), "", "empty template");
	CHECK_STR(S_r(set, "a } b }} c {", c), "a } b }} c {", "lone braces are text");
	CHECK_STR(S_r(set, "{{x}}", NULL), "", "NULL context");
	CHECK_STR(S_r(set, "{{.}}", cv_v_str(&A, "top")), "top", "{{.}} outside #each is the context");
}

static void test_if(cv_tpl_set *set)
{
	cv_value *c = cv_v_map(&A);
	cv_v_set_str(&A, c, "s", "x");
	cv_v_set_str(&A, c, "zero", "0");
	cv_v_set_str(&A, c, "empty", "");
	cv_v_set(&A, c, "t", cv_v_bool(&A, true));
	cv_v_set(&A, c, "f", cv_v_bool(&A, false));
	cv_v_set(&A, c, "nul", cv_v_null(&A));
	cv_v_set(&A, c, "el", cv_v_list(&A));
	cv_value *l = cv_v_list(&A);
	cv_v_push(&A, l, cv_v_str(&A, "a"));
	cv_v_set(&A, c, "l", l);
	cv_v_set(&A, c, "em", cv_v_map(&A));
	cv_v_set(&A, c, "ef", cv_v_frag(&A, "", 0));
	cv_v_set(&A, c, "fr", cv_v_frag(&A, "<b/>", 4));

	static const struct {
		const char *name;
		const char *want;
	} cases[] = {
		{"s", "T|"},  {"zero", "T|"},    {"empty", "F|N"}, {"t", "T|"},     {"f", "F|N"},
		{"nul", "F|N"}, {"absent", "F|N"}, {"el", "F|N"}, {"l", "T|"},     {"em", "T|"},
		{"ef", "F|N"},  {"fr", "T|"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char text[128], what[64];
		snprintf(text, sizeof text, "{{#if %s}}T{{#else}}F{{/if}}|{{#if not %s}}N{{/if}}",
			 cases[i].name, cases[i].name);
		snprintf(what, sizeof what, "truthiness of '%s'", cases[i].name);
		CHECK_STR(S_r(set, text, c), cases[i].want, what);
	}
	CHECK_STR(S_r(set, "{{#if s}}{{#if not f}}A{{#else}}B{{/if}}{{#else}}C{{/if}}", c), "A",
		  "nested if");
	CHECK_STR(S_r(set, "{{#if not   s}}A{{#else}}B{{/if}}", c), "B", "not with extra spaces");
	CHECK_STR(S_r(set, "{{#if nothing}}A{{/if}}", c), "", "if without else, false");
	cv_value *nt = cv_v_map(&A);
	cv_v_set_str(&A, nt, "not", "v");
	CHECK_STR(S_r(set, "{{#if notx}}A{{#else}}B{{/if}}{{not}}", nt), "Bv",
		  "'not' only negates as a separate word");
}

static void test_each(cv_tpl_set *set)
{
	cv_value *c = cv_v_map(&A);
	cv_value *l = cv_v_list(&A);
	cv_v_push(&A, l, cv_v_str(&A, "a"));
	cv_v_push(&A, l, cv_v_str(&A, "b<"));
	cv_v_push(&A, l, cv_v_str(&A, "c"));
	cv_v_set(&A, c, "l", l);
	cv_v_set_str(&A, c, "co_quan", "BHXH");
	cv_v_set_str(&A, c, "ten", "outer");

	CHECK_STR(S_r(set,
		      "{{#each l}}{{@index}}{{@number}}{{.}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}};{{/each}}",
		      c),
		  "01aF;12b&lt;;23cL;", "each over strings with @-names");
	cv_value *one = cv_v_list(&A);
	cv_v_push(&A, one, cv_v_str(&A, "x"));
	cv_v_set(&A, c, "one", one);
	CHECK_STR(S_r(set, "{{#each one}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}}{{/each}}", c),
		  "FL", "one item is first and last");

	cv_value *people = cv_v_list(&A);
	for (int i = 0; i < 2; i++) {
		cv_value *p = cv_v_map(&A);
		cv_v_set_str(&A, p, "ten", i ? "Bình" : "An");
		cv_value *tags = cv_v_list(&A);
		cv_v_push(&A, tags, cv_v_str(&A, i ? "y" : "x"));
		cv_v_push(&A, tags, cv_v_str(&A, "z"));
		cv_v_set(&A, p, "tags", tags);
		cv_v_push(&A, people, p);
	}
	cv_v_set(&A, c, "people", people);
	CHECK_STR(S_r(set, "{{#each people}}{{@number}}.{{ten}}@{{co_quan}} {{/each}}", c),
		  "1.An@BHXH 2.Bình@BHXH ", "item keys first, then outer names");
	CHECK_STR(S_r(set, "{{#each people}}{{#each tags}}{{ten}}:{{.}}{{@index}},{{/each}}|{{/each}}", c),
		  "An:x0,An:z1,|Bình:y0,Bình:z1,|", "nested each: @index is the inner one");
	CHECK_STR(S_r(set, "{{#each l}}{{#each people}}{{#if @last}}{{ten}}{{/if}}{{/each}}{{/each}}", c),
		  "BìnhBìnhBình", "nested each over the outer context");

	cv_value *m = cv_v_map(&A);
	cv_v_set_str(&A, m, "ten", "single");
	cv_v_set(&A, c, "m", m);
	cv_v_set(&A, c, "el", cv_v_list(&A));
	cv_v_set(&A, c, "f", cv_v_bool(&A, false));
	cv_v_set_str(&A, c, "e", "");
	CHECK_STR(S_r(set, "{{#each m}}[{{ten}}{{@index}}{{#if @last}}L{{/if}}]{{/each}}", c),
		  "[single0L]", "each over a map: one iteration");
	CHECK_STR(S_r(set, "{{#each co_quan}}[{{.}}]{{/each}}", c), "[BHXH]",
		  "each over a string: one iteration");
	CHECK_STR(S_r(set, "[{{#each el}}x{{/each}}{{#each f}}x{{/each}}{{#each nope}}x{{/each}}"
			   "{{#each e}}x{{/each}}]",
		      c),
		  "[]", "empty list, false, absent, empty string: no iteration");
	CHECK_STR(S_r(set, "{{#each l}}{{/each}}{{ten}}", c), "outer", "scope restored after each");

	/* an item key shadows an outer name, even when its value is NULL */
	cv_value *sh = cv_v_list(&A);
	cv_value *it = cv_v_map(&A);
	cv_v_set(&A, it, "ten", cv_v_null(&A));
	cv_v_push(&A, sh, it);
	cv_v_set(&A, c, "sh", sh);
	CHECK_STR(S_r(set, "{{#each sh}}[{{ten}}]{{/each}}", c), "[]", "null item key shadows");
}

static void test_standalone(cv_tpl_set *set)
{
	cv_value *c = cv_v_map(&A);
	cv_v_set(&A, c, "t", cv_v_bool(&A, true));
	cv_v_set_str(&A, c, "v", "V");
	cv_value *l = cv_v_list(&A);
	cv_v_push(&A, l, cv_v_str(&A, "a"));
	cv_v_push(&A, l, cv_v_str(&A, "b"));
	cv_v_set(&A, c, "l", l);
	const char *blk = "<a>\n  {{#if t}}\n  <b/>\n  {{#else}}\n  <c/>\n  {{/if}}\n</a>\n";
	CHECK_STR(S_r(set, blk, c), "<a>\n  <b/>\n</a>\n", "standalone block lines vanish (true)");
	CHECK_STR(S_r(set, blk, NULL), "<a>\n  <c/>\n</a>\n", "standalone block lines vanish (false)");
	CHECK_STR(S_r(set, "<l>\n\t{{#each l}}\n\t<i>{{.}}</i>\n\t{{/each}}\n</l>\n", c),
		  "<l>\n\t<i>a</i>\n\t<i>b</i>\n</l>\n", "standalone each with tabs");
	CHECK_STR(S_r(set, "a {{#if t}}b{{/if}} c\n", c), "a b c\n", "inline block keeps text");
	CHECK_STR(S_r(set, "{{#if t}}{{/if}}\n", c), "\n", "two tags on a line: not standalone");
	CHECK_STR(S_r(set, "  {{#if t}} x\n{{/if}}", c), "   x\n", "text after the tag: not standalone");
	CHECK_STR(S_r(set, "x\n  {{! a comment }}  \ny", c), "x\ny", "standalone comment");
	CHECK_STR(S_r(set, "x\n{{! two\n lines }}\ny", c), "x\ny", "standalone multi-line comment");
	CHECK_STR(S_r(set, "x{{! inline }}y", c), "xy", "inline comment");
	CHECK_STR(S_r(set, "x\n  {{ ! spaced }}\ny", c), "x\ny", "comment with a space before '!'");
	CHECK_STR(S_r(set, "  {{v}}\n", c), "  V\n", "a variable alone on its line stays");
	CHECK_STR(S_r(set, "{{#if t}}\nA\n{{/if}}", c), "A\n", "standalone at start and end of text");
	CHECK_STR(S_r(set, "a\r\n  {{#if t}}\r\nb\r\n{{/if}}\r\nc", c), "a\r\nb\r\nc", "CRLF lines");
	CHECK_STR(S_r(set, "<r>\n    {{> inc/item.xml}}\n</r>\n", c), "<r>\n<i>V</i>\n</r>\n",
		  "standalone include: content without indentation or the line's newline");
	CHECK_STR(S_r(set, "<r>{{> inc/item.xml}}</r>", c), "<r><i>V</i>\n</r>", "inline include");
	CHECK_STR(S_r(set, "\n\n  {{#if t}}\n\n{{/if}}\n\n", c), "\n\n\n\n", "blank lines kept");
}

/* ---- errors ------------------------------------------------------------ */

static void test_errors(cv_tpl_set *set)
{
	cv_value *c = cv_v_map(&A);
	cv_value *kg = cv_v_list(&A);
	cv_v_push(&A, kg, cv_v_str(&A, "BHXH"));
	cv_v_set(&A, c, "kinh_gui", kg);
	cv_value *m = cv_v_map(&A);
	cv_v_set_str(&A, m, "ten", "x");
	cv_v_set(&A, c, "co_quan", m);

	ERR_AT("ab\n  {{#foo x}}", c, 2, 3, "unknown tag {{#foo x}}", "expected");
	ERR_AT("{{/foo}}", c, 1, 1, "unknown tag {{/foo}}", "{{/if}}");
	ERR_AT("x\n{{#if a}}\nfoo\n", c, 2, 1, "unclosed {{#if a}} opened here: expected {{/if}}", NULL);
	ERR_AT("{{#each l}}\n  {{#if a}}{{/if}}\n", c, 1, 1, "unclosed {{#each l}}", "expected {{/each}}");
	ERR_AT("{{#if x}}\n  {{/each}}", c, 2, 3, "{{/each}} does not close {{#if x}}", "expected {{/if}}");
	ERR_AT("{{#each l}}{{/if}}", c, 1, 12, "{{/if}} does not close {{#each l}}", "expected {{/each}}");
	ERR_AT("a{{/if}}", c, 1, 2, "{{/if}} closes nothing", NULL);
	ERR_AT("line\n\n   {{/each}}", c, 3, 4, "{{/each}} closes nothing", NULL);
	ERR_AT("a\n {{#else}}", c, 2, 2, "{{#else}} outside {{#if}}", NULL);
	ERR_AT("{{#each l}}{{#else}}{{/each}}", c, 1, 12, "{{#else}} inside {{#each l}}", NULL);
	ERR_AT("{{#if a}}{{#else}}\n{{#else}}{{/if}}", c, 2, 1, "second {{#else}}", "expected {{/if}}");
	ERR_AT("{{#if a}}{{#else x}}{{/if}}", c, 1, 10, "{{#else}} takes no name", NULL);
	ERR_AT("ab {{x", c, 1, 4, "unclosed tag", "expected '}}'");
	ERR_AT("ab\n {{! never closed", c, 2, 2, "unclosed comment", "expected '}}'");
	ERR_AT("Kính gửi: {{#bad}}", c, 1, 11, "unknown tag {{#bad}}", NULL); /* columns in code points */
	ERR_AT("x {{}}", c, 1, 3, "empty tag", "expected a name");
	ERR_AT("{{a b}}", c, 1, 1, "bad name 'a b'", "expected");
	ERR_AT("{{a..b}}", c, 1, 1, "bad name 'a..b'", NULL);
	ERR_AT("{{{x}}}", c, 1, 1, "bad name '{x'", NULL);
	ERR_AT("{{@foo}}", c, 1, 1, "unknown name '@foo'", "expected @index, @number, @first or @last");
	ERR_AT("\n{{#if}}{{/if}}", c, 2, 1, "{{#if}} needs a name", "expected {{#if x}}");
	ERR_AT("{{#if not }}{{/if}}", c, 1, 1, "needs a name after 'not'", NULL);
	ERR_AT("{{#each}}{{/each}}", c, 1, 1, "{{#each}} needs a name", NULL);
	ERR_AT("{{>}}", c, 1, 1, "bad include", "expected {{> path/to/file}}");
	ERR_AT("{{> a b}}", c, 1, 1, "bad include", NULL);

	/* a tag longer than the limit is taken for a missing "}}" */
	char longtag[400];
	memset(longtag, 'a', sizeof longtag);
	memcpy(longtag, "xy{{", 4);
	memcpy(longtag + sizeof longtag - 3, "}}", 3);
	ERR_AT(longtag, c, 1, 3, "unclosed tag", "within 256 bytes");
	memcpy(longtag + 200, "}}", 3); /* a long name under the limit is fine */
	CHECK_STR(S_r(set, longtag, c), "xy", "196-byte name is a name");

	/* deeper than the nesting limit */
	cv_buf deep = CV_BUF_INIT;
	for (int i = 0; i < 65; i++)
		cv_buf_puts(&deep, "{{#if a}}");
	ERR_AT(cv_buf_cstr(&deep), c, 1, 1 + 64 * 9, "nested more than 64 deep", NULL);
	cv_buf_clear(&deep);
	for (int i = 0; i < 64; i++)
		cv_buf_puts(&deep, "{{#if not a}}");
	cv_buf_puts(&deep, "ok");
	for (int i = 0; i < 64; i++)
		cv_buf_puts(&deep, "{{/if}}");
	CHECK_STR(S_r(set, cv_buf_cstr(&deep), c), "ok", "64 nested blocks are fine");
	cv_buf_free(&deep);

	/* over the size limit */
	size_t big = ((size_t)4 << 20) + 1;
	char *huge = malloc(big + 1);
	memset(huge, 'x', big);
	huge[big] = '\0';
	ERR_AT(huge, c, 1, 1, "over the 4 MiB limit", NULL);
	free(huge);

	/* data errors, found while rendering */
	ERR_AT("Kính gửi:\n  {{kinh_gui}}", c, 2, 3, "'kinh_gui' is a list: use {{#each kinh_gui}}", NULL);
	ERR_AT("{{#each kinh_gui}}{{ kinh_gui }}{{/each}}", c, 1, 19, "is a list", NULL);
	ERR_AT("x {{co_quan}}", c, 1, 3, "'co_quan' is a map", "{{co_quan.ten}}");
	ERR_AT("{{#each kinh_gui}}{{.}}{{/each}}\n{{@index}}", c, 2, 1, "{{@index}}", "{{#each");
	ERR_AT("x\n {{> nope.xml}}", c, 2, 2, "no template named 'nope.xml' (included from here)", NULL);
}

/* ---- the set: overrides, includes, listing ------------------------------- */

static const struct cv_embedded_file builtin[] = {
	{"inc/item.xml", (const unsigned char *)"<i>BUILTIN</i>\n", 15},
	{"only-builtin.txt", (const unsigned char *)"built in {{v}}", 14},
	{"[Content_Types].xml", (const unsigned char *)"<Types {{/if}}/>", 16},
	{"bad/also.xml", (const unsigned char *)"{{#if x}}", 9},
	{"docx/_rels/.rels", (const unsigned char *)"<Relationships/>", 16},
	{"media/logo.png", (const unsigned char *)"\x89PNG\0{{#\xff}}", 11},
};

static void test_set(void)
{
	cv_diags d = CV_DIAGS_INIT;
	/* the override folder */
	S_write("inc/item.xml", "<i>{{v}}</i>\n");
	S_write("[Content_Types].xml", "<Types/>"); /* replaces a built-in that would not compile */
	S_write("bad/unclosed.xml", "ok\n  {{#each l}}\n");
	S_write("bad/also.xml", "{{#if x}}\n{{/if}}"); /* repairs a broken built-in */
	S_write("self.xml", "{{> self.xml}}");
	S_write("ping.xml", "a{{> pong.xml}}");
	S_write("pong.xml", "b{{> ping.xml}}");
	S_write(".hidden.xml", "hidden");
	S_write(".git/config", "hidden");
	S_write("sub/.swp", "hidden");
	S_write("docx/_rels/.rels", "<Relationships>{{v}}</Relationships>");
	S_write("sub/b.xml", "B");
	S_write("sub/a.xml", "A{{> sub/b.xml}}");
	S_write("sub/deeper/c.xml", "C");
	S_write("sub2/x.xml", "X");
	for (int i = 0; i <= 17; i++) { /* chain/c00 includes c01 … c17 */
		char name[64], text[64];
		snprintf(name, sizeof name, "chain/c%02d", i);
		if (i < 17)
			snprintf(text, sizeof text, "%d{{> chain/c%02d}}", i, i + 1);
		else
			snprintf(text, sizeof text, "end");
		S_write(name, text);
	}
	char inside[600], target[600];
	snprintf(inside, sizeof inside, "%s/link.xml", S_dir);
	snprintf(target, sizeof target, "%s/sub/b.xml", S_dir);
	CHECK(symlink(target, inside) == 0, "symlink inside made");

	cv_tpl_set *set = cv_tpl_set_new_from(builtin, sizeof builtin / sizeof *builtin, S_dir, &d);
	CHECK(set != NULL && d.n == 0, "set with overrides");
	if (!set) {
		cv_diag_print(&d, stderr, 0, CV_WARNING);
		cv_diags_free(&d);
		return;
	}
	size_t len = 0;
	const char *src = cv_tpl_source(set, "inc/item.xml", &len);
	CHECK(src && len == 13 && strcmp(src, "<i>{{v}}</i>\n") == 0, "override replaces a built-in");
	src = cv_tpl_source(set, "only-builtin.txt", &len);
	CHECK(src && len == 14 && strcmp(src, "built in {{v}}") == 0, "built-in kept when not overridden");
	CHECK(cv_tpl_source(set, "[Content_Types].xml", NULL) &&
		      strcmp(cv_tpl_source(set, "[Content_Types].xml", NULL), "<Types/>") == 0,
	      "name with brackets");
	CHECK(cv_tpl_source(set, ".hidden.xml", NULL) == NULL, "dotfile skipped");
	CHECK(cv_tpl_source(set, ".git/config", NULL) == NULL, "dot folder skipped");
	CHECK(cv_tpl_source(set, "sub/.swp", NULL) == NULL, "nested dotfile skipped");
	CHECK(cv_tpl_source(set, "sub", NULL) == NULL, "folders are not files");
	src = cv_tpl_source(set, "docx/_rels/.rels", NULL);
	CHECK(src && strcmp(src, "<Relationships>{{v}}</Relationships>") == 0,
	      "a dotfile that replaces a built-in one is read");
	CHECK(cv_tpl_source(set, "nope", NULL) == NULL, "absent file");
	CHECK(cv_tpl_source(set, "link.xml", NULL) &&
		      strcmp(cv_tpl_source(set, "link.xml", NULL), "B") == 0,
	      "symlink inside the folder followed");

	const char *names[8];
	size_t n = cv_tpl_list(set, "sub/", names, 8);
	CHECK(n == 3, "three files under sub/");
	if (n == 3) {
		CHECK_STR(names[0], "sub/a.xml", "sorted 1");
		CHECK_STR(names[1], "sub/b.xml", "sorted 2");
		CHECK_STR(names[2], "sub/deeper/c.xml", "sorted 3");
	}
	CHECK(cv_tpl_list(set, "sub/", names, 2) == 2, "list honours max");
	CHECK(cv_tpl_list(set, "chain/", names, 8) == 8, "list stops at max");
	CHECK(cv_tpl_list(set, "zzz/", names, 8) == 0, "empty prefix range");
	CHECK(cv_tpl_list(set, "", names, 8) == 8, "empty prefix lists everything");

	/* compile_all: the two broken templates fail, nothing else does */
	CHECK(cv_tpl_compile_all(set, &d) == 1, "compile_all counts the broken template");
	CHECK(d.n == 1 && d.items[0].file && strcmp(d.items[0].file, "bad/unclosed.xml") == 0 &&
		      d.items[0].line == 2 && d.items[0].col == 3,
	      "compile_all error located in its file");
	cv_diags_clear(&d);

	cv_value *c = cv_v_map(&A);
	cv_v_set_str(&A, c, "v", "V&");
	cv_buf out = CV_BUF_INIT;
	CHECK(cv_tpl_render(set, "sub/a.xml", c, &out, &d) == 0, "render a set file");
	CHECK_STR(cv_buf_cstr(&out), "AB", "include from the set");
	cv_buf_clear(&out);
	CHECK(cv_tpl_render(set, "only-builtin.txt", c, &out, &d) == 0 &&
		      strcmp(cv_buf_cstr(&out), "built in V&amp;") == 0,
	      "render a built-in file");
	cv_buf_clear(&out);
	CHECK(cv_tpl_render(set, "[Content_Types].xml", c, &out, &d) == 0 &&
		      strcmp(cv_buf_cstr(&out), "<Types/>") == 0,
	      "file without tags rendered as is");
	cv_buf_clear(&out);
	CHECK(cv_tpl_render(set, "media/logo.png", c, &out, &d) == 0 && out.len == 11 &&
		      memcmp(out.ptr, "\x89PNG\0{{#\xff}}", 11) == 0,
	      "binary file with '{{' is data, not a template");
	cv_buf_clear(&out);
	CHECK(cv_tpl_render(set, "chain/c01", c, &out, &d) == 0, "16 nested includes are fine");
	CHECK_STR(cv_buf_cstr(&out), "12345678910111213141516end", "the whole chain");
	CHECK(d.n == 0, "no diagnostics so far");
	cv_buf_clear(&out);

	CHECK(cv_tpl_render(set, "nope.xml", c, &out, &d) == -1 && d.n == 1 &&
		      strstr(d.items[0].msg, "no template named 'nope.xml'"),
	      "render of an absent file");
	cv_diags_clear(&d);
	/* a broken file fails each time it is used, with the same diagnostic */
	for (int i = 0; i < 2; i++) {
		CHECK(cv_tpl_render(set, "bad/unclosed.xml", c, &out, &d) == -1, "broken file fails");
		CHECK(d.n == 1 && d.items[0].line == 2 && d.items[0].col == 3 &&
			      strstr(d.items[0].msg, "unclosed {{#each l}} opened here: expected {{/each}}"),
		      "broken file reported again");
		cv_diags_clear(&d);
	}
	cv_buf_free(&out);

	S_err_at(__LINE__, set, "self.xml", NULL, c, "self.xml", 1, 1,
		 "include depth over 16: does the template include itself?", NULL);
	S_err_at(__LINE__, set, "ping.xml", NULL, c, "ping.xml", 1, 2, "include depth over 16", NULL);
	S_err_at(__LINE__, set, "chain/c00", NULL, c, "chain/c16", 1, 3, "include depth over 16",
		 NULL);
	/* errors inside an included file name that file */
	S_err_at(__LINE__, set, NULL, "x {{> bad/unclosed.xml}}", c, "bad/unclosed.xml", 2, 3,
		 "unclosed {{#each l}}", NULL);
	cv_value *lc = cv_v_map(&A);
	cv_value *lst = cv_v_list(&A);
	cv_v_set(&A, lc, "v", lst);
	S_err_at(__LINE__, set, NULL, "x\n{{> inc/item.xml}}", lc, "inc/item.xml", 1, 4,
		 "'v' is a list", NULL);

	test_insert(set);
	test_if(set);
	test_each(set);
	test_standalone(set);
	test_errors(set);
	cv_tpl_set_free(set);
	cv_diags_free(&d);
}

static void test_bad_folders(void)
{
	cv_diags d = CV_DIAGS_INIT;
	char missing[600];
	snprintf(missing, sizeof missing, "%s/does-not-exist", S_dir);
	CHECK(cv_tpl_set_new(missing, &d) == NULL, "missing folder refused");
	CHECK(d.n == 1 && d.errors == 1 && strstr(d.items[0].msg, "cannot read template folder") &&
		      strstr(d.items[0].msg, "does-not-exist"),
	      "missing folder named in the error");
	cv_diags_clear(&d);

	/* a symlink that leaves the folder */
	char dir2[600], outside[600], link[700];
	snprintf(dir2, sizeof dir2, "%s/escape", S_dir);
	snprintf(outside, sizeof outside, "%s/sub2/x.xml", S_dir);
	snprintf(link, sizeof link, "%s/secret.xml", dir2);
	mkdir(dir2, 0700);
	CHECK(symlink(outside, link) == 0, "symlink outside made");
	CHECK(cv_tpl_set_new(dir2, &d) == NULL, "symlink outside the folder refused");
	CHECK(d.n == 1 && strstr(d.items[0].msg, "outside the template folder"),
	      "symlink refusal explained");
	cv_diags_clear(&d);
	unlink(link);

	/* a file given where a folder is expected */
	snprintf(link, sizeof link, "%s/sub2/x.xml", S_dir);
	CHECK(cv_tpl_set_new(link, &d) == NULL && d.n == 1, "a file is not a template folder");
	cv_diags_free(&d);
}

/* The real built-in templates: present, sorted, terminated, and valid. */
static void test_embedded(void)
{
	cv_diags d = CV_DIAGS_INIT;
	cv_tpl_set *set = cv_tpl_set_new(NULL, &d);
	CHECK(set != NULL && d.n == 0, "built-in set");
	int sorted = 1, same = 1;
	for (size_t i = 0; i < cv_embedded_count; i++) {
		const struct cv_embedded_file *f = &cv_embedded_files[i];
		if (i && strcmp(cv_embedded_files[i - 1].name, f->name) >= 0)
			sorted = 0;
		size_t len;
		const char *s = cv_tpl_source(set, f->name, &len);
		if (!s || len != f->len || memcmp(s, f->data, len) != 0 || f->data[f->len] != 0)
			same = 0;
	}
	CHECK(sorted, "embedded files sorted bytewise");
	CHECK(same, "every embedded file in the set, NUL-terminated");
	CHECK(cv_tpl_list(set, "", (const char *[1]){0}, 0) == 0, "max 0 lists nothing");
	CHECK(cv_tpl_compile_all(set, &d) == 0, "the built-in templates compile");
	cv_diag_print(&d, stderr, 1, CV_WARNING);
	cv_tpl_set_free(set);
	cv_diags_free(&d);
}

/* Nested loops multiply: ten {{#each}} over five items would visit ~10
 * million nodes; the step budget stops the render with an error instead. */
static void test_template_bomb(void)
{
	cv_arena a = CV_ARENA_INIT;
	cv_value *ctx = cv_v_map(&a), *l = cv_v_list(&a);
	for (int i = 0; i < 5; i++)
		cv_v_push(&a, l, cv_v_str(&a, "x"));
	cv_v_set(&a, ctx, "l", l);
	cv_buf text = CV_BUF_INIT, out = CV_BUF_INIT;
	for (int i = 0; i < 10; i++)
		cv_buf_puts(&text, "{{#each l}}");
	cv_buf_puts(&text, "{{.}}");
	for (int i = 0; i < 10; i++)
		cv_buf_puts(&text, "{{/each}}");
	cv_diags d = CV_DIAGS_INIT;
	int rc = cv_tpl_render_string(NULL, "bomb.tpl", cv_buf_cstr(&text), ctx, &out, &d);
	CHECK(rc == -1, "template bomb: the render fails");
	CHECK(d.n == 1 && strstr(d.items[0].msg, "too much work") != NULL, "template bomb: says why");
	cv_diags_free(&d);
	cv_buf_free(&text);
	cv_buf_free(&out);
	cv_arena_free(&a);
}

void run_tests(void)
{
	test_template_bomb();
	snprintf(S_dir, sizeof S_dir, "/tmp/cv-tpl-test-XXXXXX");
	if (!mkdtemp(S_dir)) {
		perror("mkdtemp");
		abort();
	}
	test_values();
	test_set();
	test_bad_folders();
	test_embedded();
	S_rmtree(S_dir);
	cv_arena_free(&A);
}
