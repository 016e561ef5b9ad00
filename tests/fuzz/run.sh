#!/bin/sh
# tests/fuzz/run.sh SECONDS — run every libFuzzer harness for SECONDS from
# the seed corpus (tests/fuzz/corpus/<name>) plus the regression inputs, with
# a working corpus in build-fuzz/corpus-<name>.  Prints one line per harness.
cd "$(dirname "$0")/../.." || exit 1
t=${1:-60}
status=0
for bin in build-fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin#build-fuzz/fuzz_}
	work=build-fuzz/corpus-$name
	mkdir -p "$work"
	seeds=tests/fuzz/corpus/$name
	regress=tests/fuzz/regressions/$name
	[ -d "$regress" ] || regress=
	"$bin" -max_total_time="$t" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix=build-fuzz/crash-$name- "$work" $seeds $regress \
		> "build-fuzz/$name.log" 2>&1 || status=1
	printf '%-12s %s\n' "$name" "$(grep -E '^(Done|#[0-9]+ +DONE)' "build-fuzz/$name.log" | tail -n 1)"
	grep -E 'ERROR|SUMMARY' "build-fuzz/$name.log" | head -n 5
done
exit $status
