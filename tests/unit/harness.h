/*
 * harness.h — the four-function unit-test harness (after cmark's api_test).
 *
 * Each test file defines `void run_tests(void)` calling CHECK/CHECK_STR; the
 * shared main in harness.c runs it and prints "N passed, N failed".
 */
#ifndef CV_HARNESS_H
#define CV_HARNESS_H

#include <stdio.h>
#include <string.h>

extern int cv_test_passed, cv_test_failed;

void cv_test_ok(int cond, const char *file, int line, const char *what);
void cv_test_str(const char *got, const char *want, const char *file, int line, const char *what);
void run_tests(void);

#define CHECK(cond, what) cv_test_ok(!!(cond), __FILE__, __LINE__, (what))
#define CHECK_STR(got, want, what) cv_test_str((got), (want), __FILE__, __LINE__, (what))

#endif
