/*
 * fuzz_body.c — libFuzzer entry for the Markdown body reader and both body
 * writers (DOCX and HTML fragments).
 */
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/text.h"
#include "read/body.h"
#include "render/body_writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	size_t bad;
	const char *why;
	if (cv_utf8_check(src, size, &bad, &why))
		return 0;
	cv_arena a = CV_ARENA_INIT;
	cv_diags d = CV_DIAGS_INIT;
	d.file = "fuzz.md";
	d.src = src;
	d.src_len = size;
	cv_body b = {0};
	if (cv_read_body(&a, src, size, 1, &b, &d) == 0) {
		cv_layout lay = {0};
		lay.page_width_tw = 11906;
		lay.margin_left_tw = 1701;
		lay.margin_right_tw = 850;
		lay.item_indent_tw = 720;
		lay.body_indent_tw = 720;
		lay.body_after_tw = 120;
		lay.size_table_pt = 13;
		cv_buf out = CV_BUF_INIT;
		cv_docx_body(&b, &lay, &out);
		cv_buf_clear(&out);
		cv_html_body(&b, &lay, &out);
		cv_buf_free(&out);
	}
	cv_diags_free(&d);
	cv_arena_free(&a);
	return 0;
}
