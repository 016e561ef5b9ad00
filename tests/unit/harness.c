/*
 * harness.c — main() of every unit-test binary; prints "N passed, N failed".
 */
#include "harness.h"

int cv_test_passed, cv_test_failed;

void cv_test_ok(int cond, const char *file, int line, const char *what)
{
	if (cond) {
		cv_test_passed++;
	} else {
		cv_test_failed++;
		fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
	}
}

void cv_test_str(const char *got, const char *want, const char *file, int line, const char *what)
{
	if (got && want && strcmp(got, want) == 0) {
		cv_test_passed++;
	} else {
		cv_test_failed++;
		fprintf(stderr, "FAIL %s:%d: %s\n   got: %s\n  want: %s\n", file, line, what,
			got ? got : "(null)", want ? want : "(null)");
	}
}

int main(void)
{
	run_tests();
	printf("%d passed, %d failed\n", cv_test_passed, cv_test_failed);
	return cv_test_failed ? 1 : 0;
}
