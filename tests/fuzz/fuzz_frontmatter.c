/*
 * fuzz_frontmatter.c — libFuzzer entry for the front matter: splitting,
 * YAML reading and the typed checks of read/meta.c.
 */
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/text.h"
#include "read/frontmatter.h"
#include "read/meta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	size_t bad;
	const char *why;
	if (cv_utf8_check(src, size, &bad, &why))
		return 0; /* the pipeline rejects invalid UTF-8 before the readers */
	cv_arena a = CV_ARENA_INIT;
	cv_diags d = CV_DIAGS_INIT;
	d.file = "fuzz.md";
	d.src = src;
	d.src_len = size;
	size_t fo, fl, bo;
	int bl, ok;
	if (cv_split_source(src, size, &d, &fo, &fl, &bo, &bl) == 0) {
		cv_ynode *fm = cv_yaml_parse(&a, "fuzz.md", src, size, fo, fl, &d, &ok);
		if (ok) {
			static const char *req[] = {"co_quan", "dia_danh", "ky"};
			static const char *fields[] = {"can_cu"};
			cv_type_rules rules = {req, 3, fields, 1};
			cv_meta m = {0};
			cv_meta_read(&a, fm, &rules, &m, &d);
		}
	}
	/* printing exercises the position and quoting code */
	char line[512];
	for (size_t i = 0; i < d.n; i++)
		cv_diag_format(&d.items[i], line, sizeof line);
	cv_diags_free(&d);
	cv_arena_free(&a);
	return 0;
}
