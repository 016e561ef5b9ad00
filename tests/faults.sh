#!/bin/sh
# tests/faults.sh — I/O faults: a full disk (write fails with ENOSPC), a
# failed fsync, a failed rename, an unwritable folder.  Each must give a
# clear message naming the file, exit 1, leave the earlier output untouched
# and leave no temporary file behind.  Faults are injected with an
# LD_PRELOAD shim (tests/faults/inject.c).
. "$(dirname "$0")/lib.sh"
work=$OUT/faults
rm -rf "$work"
mkdir -p "$work/out"
shim=$work/inject.so
if ! cc -shared -fPIC -O1 -o "$shim" "$TOP/tests/faults/inject.c" -ldl 2>"$work/cc.log"; then
	fail "build the fault shim" "$(cat "$work/cc.log")"
	summary
	exit 1
fi
sample=$TOP/samples/cong-van-khan.md
"$CONGVAN" render -q "$sample" --outdir "$work/out" || fail "first render" "exit $?"
sum_before=$(cat "$work/out/cong-van-khan.docx" "$work/out/cong-van-khan.html" | cksum)
for mode in enospc fsync rename; do
	CV_FAIL=$mode LD_PRELOAD=$shim "$CONGVAN" render -q "$sample" --outdir "$work/out" \
		> "$work/$mode.out" 2> "$work/$mode.err"
	rc=$?
	[ $rc -eq 1 ] && pass || fail "$mode: exit status" "got $rc, want 1"
	grep -q "cong-van-khan.docx: cannot" "$work/$mode.err" && pass ||
		fail "$mode: the message names the file and what failed" "$(cat "$work/$mode.err")"
	sum_after=$(cat "$work/out/cong-van-khan.docx" "$work/out/cong-van-khan.html" | cksum)
	[ "$sum_before" = "$sum_after" ] && pass || fail "$mode: earlier output untouched" "files changed"
	left=$(find "$work/out" -name '*.XXXXXX' -o -name '*.docx.*' -o -name '*.html.*' | wc -l)
	[ "$left" -eq 0 ] && pass || fail "$mode: no temporary file left" "$(ls -a "$work/out")"
done
case "$(cat "$work/enospc.err")" in
*"No space left on device"*) pass ;;
*) fail "enospc: the reason is the full disk" "$(cat "$work/enospc.err")" ;;
esac
# a file where the output folder should be: a clear error, nothing written
: > "$work/notadir"
"$CONGVAN" render -q "$sample" --outdir "$work/notadir" > /dev/null 2> "$work/notadir.err"
rc=$?
[ $rc -eq 1 ] && pass || fail "--outdir is a file: exit status" "got $rc"
grep -q "notadir" "$work/notadir.err" && pass || fail "--outdir is a file: message" "$(cat "$work/notadir.err")"
# the target is an existing folder: rename fails after the temp file is written
mkdir -p "$work/out/x.docx"
"$CONGVAN" render -q "$sample" -o "$work/out/x.docx" > /dev/null 2> "$work/dir.err"
rc=$?
[ $rc -eq 1 ] && pass || fail "target is a folder: exit status" "got $rc"
left=$(find "$work/out" -name 'x.docx.*' | wc -l)
[ "$left" -eq 0 ] && pass || fail "target is a folder: temp file removed" "$(ls -a "$work/out")"
summary
