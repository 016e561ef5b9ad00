/*
 * fuzz_render.c — libFuzzer entry for the whole pipeline: bytes in, DOCX and
 * HTML out (or diagnostics).  Every DOCX part is checked for well-formedness
 * inside cv_render (CV_OUT_CHECK_XML: the built-in templates too), so a
 * template or escaping bug that breaks XML shows up as an error located in
 * a template; this entry aborts on any such error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "congvan.h"

static cv_tpl_set *S_set;
static cv_result S_r = CV_RESULT_INIT;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!S_set) {
		cv_diags d = CV_DIAGS_INIT;
		S_set = cv_tpl_set_new(NULL, &d);
		cv_tpl_compile_all(S_set, &d);
		cv_diags_free(&d);
	}
	cv_render_opts o = {"fuzz.md", CV_OUT_DOCX | CV_OUT_HTML | CV_OUT_CHECK_XML, 2026, NULL, NULL, NULL};
	int rc = cv_render(S_set, (const char *)data, size, &o, &S_r);
	if (rc == 0 && S_r.docx.len == 0)
		abort(); /* success must produce a package */
	/* Whatever the input, no error may be located outside it: an error
	 * naming a template or the package means user text broke the XML (an
	 * escaping bug) or a template failed on some value. */
	for (size_t i = 0; i < S_r.diags.n; i++) {
		const cv_diag *e = &S_r.diags.items[i];
		if (e->sev == CV_ERROR && (!e->file || strcmp(e->file, "fuzz.md") != 0))
			abort();
	}
	return 0;
}
