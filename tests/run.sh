#!/bin/sh
# tests/run.sh — every test suite, in order; the last line is the total
# "N passed, N failed".  `make check` builds first (plain and with
# ASan/UBSan) and then runs this.
#
# Suites: unit binaries (plain and sanitised), then the shell suites in
# tests/*.sh and tests/consumers/*.sh.  Each prints "N passed, N failed" last.
cd "$(dirname "$0")/.." || exit 1
total_p=0
total_f=0
failed_suites=""
run() {
	name=$1
	shift
	out=$("$@" 2>&1)
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -n 20
		line="0 passed, 1 failed"
		echo "suite $name printed no summary"
	fi
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed*}
	total_p=$((total_p + p))
	total_f=$((total_f + f))
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -E '^(FAIL|ASSERT|==[0-9]+==|.*runtime error)' | head -n 40
		failed_suites="$failed_suites $name"
	fi
	printf '%-28s %s\n' "$name" "$line"
}
for t in build/tests/test_*; do
	[ -x "$t" ] && run "unit/$(basename "$t")" "$t"
done
for t in build-san/tests/test_*; do
	[ -x "$t" ] && run "asan/$(basename "$t")" "$t"
done
for s in tests/*.sh tests/consumers/*.sh; do
	case $s in */lib.sh|*/run.sh|*/install-deps.sh|*/bench.sh) continue ;; esac
	[ -f "$s" ] && run "${s#tests/}" sh "$s"
done
# the end-to-end suites once more against the ASan/UBSan build: any
# sanitizer report makes the render fail, and so the suite
if [ -x build-san/congvan ]; then
	for s in golden cli serve; do
		run "asan/$s.sh" env CONGVAN="$PWD/build-san/congvan" OUT="$PWD/tests/out/asan" \
			ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1 sh "tests/$s.sh"
	done
fi
[ -n "$failed_suites" ] && echo "failing suites:$failed_suites"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
