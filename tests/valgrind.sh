#!/bin/sh
# tests/valgrind.sh — the renderer and the unit tests under valgrind: no
# invalid reads or writes, no leaks.  (ASan/UBSan builds run in run.sh.)
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
	fail valgrind "valgrind is not installed (make check installs it)"
	summary
	exit 1
fi
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
work=$OUT/valgrind
rm -rf "$work"
mkdir -p "$work"
for md in "$TOP"/samples/1144-BHXH-TDKT.md "$TOP"/samples/cong-van-khan.md; do
	name=$(basename "$md" .md)
	$VG "$CONGVAN" render -q "$md" --outdir "$work" > "$work/$name.log" 2>&1
	rc=$?
	[ $rc -eq 0 ] && pass || { fail "render $name" "valgrind exit $rc"; head -n 30 "$work/$name.log"; }
done
# an input with errors takes the other paths (diagnostics, early returns)
printf -- '---\nco_quan: [a, b\nngay: 2013-02-30\n---\n' > "$work/bad.md"
$VG "$CONGVAN" render "$work/bad.md" --outdir "$work" > "$work/bad.log" 2>&1
rc=$?
[ $rc -eq 1 ] && pass || { fail "render bad input" "exit $rc, expected 1"; head -n 30 "$work/bad.log"; }
for t in "$TOP"/build/tests/test_*; do
	[ -x "$t" ] || continue
	$VG "$t" > "$work/$(basename "$t").log" 2>&1
	rc=$?
	[ $rc -eq 0 ] && pass || { fail "$(basename "$t")" "valgrind exit $rc"; tail -n 30 "$work/$(basename "$t").log"; }
done
summary
