/*
 * fuzz_tpl.c — libFuzzer entry for the template engine: the input is a
 * template text, rendered with a small fixed context.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "tpl/tpl.h"

static cv_tpl_set *S_set;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!S_set) {
		cv_diags d = CV_DIAGS_INIT;
		S_set = cv_tpl_set_new(NULL, &d);
		cv_tpl_compile_all(S_set, &d);
		cv_diags_free(&d);
	}
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	cv_arena a = CV_ARENA_INIT;
	cv_value *ctx = cv_v_map(&a), *list = cv_v_list(&a), *m = cv_v_map(&a);
	cv_v_set_str(&a, ctx, "s", "a<b>&\"'");
	cv_v_set(&a, ctx, "f", cv_v_frag(&a, "<w:p/>", 6));
	cv_v_set(&a, ctx, "t", cv_v_bool(&a, 1));
	cv_v_push(&a, list, cv_v_str(&a, "x"));
	cv_v_push(&a, list, m);
	cv_v_set_str(&a, m, "k", "v");
	cv_v_set(&a, ctx, "l", list);
	cv_v_set(&a, ctx, "m", m);
	cv_diags d = CV_DIAGS_INIT;
	cv_buf out = CV_BUF_INIT;
	cv_tpl_render_string(S_set, "fuzz.tpl", text, ctx, &out, &d);
	cv_buf_free(&out);
	cv_diags_free(&d);
	cv_arena_free(&a);
	free(text);
	return 0;
}
