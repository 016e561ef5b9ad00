#!/bin/sh
# tests/lint.sh — the ND30 linter (`congvan check`, src/lint/).
#
# Each tests/lint/NAME.md is checked (with the test types of
# tests/lint/templates/: to-trinh, cv-lite); NAME.expect lists, one a line,
#   L:C: error|warning: [RULE-ID] words of the message
# for every diagnostic the file must give — exactly those, no others —, then
#   clean: RULE-ID…   rules this file is a near miss for (must not fire),
#   exit: N           the exit status.
# Every rule has a file that triggers it (*-bad*.md) and one that does not
# (*-good*.md, clean.md), so `grep -rn ND30-DATE-ZERO tests/lint*` finds both.
# Then: JSON output, --list-rules, -q, usage errors, --fix on copies in $OUT,
# standard input, render showing the same diagnostics, and the samples.
. "$(dirname "$0")/lib.sh"
# messages in English (the severity words are translated under a Vietnamese locale)
unset LANGUAGE LC_MESSAGES
export LC_ALL=C.UTF-8

W=$OUT/lint
rm -rf "$W"
mkdir -p "$W"
cd "$TOP" || exit 1
T=tests/lint/templates
[ -x "$CONGVAN" ] || { fail "congvan" "not built: run make"; summary; exit 1; }

# ---- every rule: the expectations of each input --------------------------------------
for md in tests/lint/*.md; do
	exp=${md%.md}.expect
	[ -f "$exp" ] || { fail "$md" "no ${exp}"; continue; }
	"$CONGVAN" check --templates "$T" "$md" >"$W/out" 2>"$W/err"
	rc=$?
	grep -E "^$md:[0-9]+:[0-9]+: (error|warning): " "$W/out" >"$W/diags"
	want=0
	while IFS= read -r e; do
		case $e in
		'' | '#'*) continue ;;
		exit:*)
			[ "$rc" = "${e#exit: }" ] && pass || fail "$md" "exit status $rc, expected ${e#exit: }" ;;
		clean:*)
			for id in ${e#clean:}; do
				if grep -qF "[$id]" "$W/diags"; then fail "$md" "$id fired on a near miss"; else pass; fi
			done ;;
		*)
			want=$((want + 1))
			head=${e%% \[*}              # "L:C: severity:"
			rule=${e#*\[}
			frag=${rule#*\] }            # words of the message
			rule=${rule%%\]*}
			if grep -F "$md:$head " "$W/diags" | grep -F " [$rule]" | grep -qF -- "$frag"; then
				pass
			else
				fail "$md" "no '$md:$head … $frag … [$rule]'; got: $(cat "$W/diags")"
			fi ;;
		esac
	done <"$exp"
	got=$(wc -l <"$W/diags")
	[ "$got" -eq "$want" ] && pass || fail "$md" "$got diagnostics, $want expected: $(cat "$W/diags")"
done

# the rule table: every id listed, documented and tested
"$CONGVAN" check --list-rules >"$W/rules" 2>&1 && pass || fail "--list-rules" "exit $?"
n=0
for id in $(awk '{print $1}' "$W/rules"); do
	n=$((n + 1))
	grep -qF "$id" docs/lint.md && pass || fail "$id" "not in docs/lint.md"
	grep -qF "[$id]" tests/lint/*.expect && pass || fail "$id" "no test input triggers it"
done
[ "$n" -ge 40 ] && pass || fail "--list-rules" "only $n rules"
"$CONGVAN" check --list-rules --format json | $PY -c '
import json, sys
r = json.load(sys.stdin)
assert all(set(x) == {"id", "severity", "description", "checked"} for x in r), r[0]
' && pass || fail "--list-rules --format json" "not the expected JSON"

# ---- JSON ------------------------------------------------------------------------------
"$CONGVAN" check --format json --templates "$T" tests/lint/spacing-bad.md tests/lint/quotes-bad.md \
	tests/lint/clean.md >"$W/out.json"
[ $? -eq 0 ] && pass || fail "json" "exit status"
$PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and len(d) == 8, len(d)
for x in d:
    assert set(x) == {"file", "line", "column", "severity", "rule", "message"}, x
    assert isinstance(x["line"], int) and isinstance(x["column"], int)
    assert x["severity"] in ("error", "warning")
q = [x for x in d if x["rule"] == "CV-QUOTES"][0]
assert q["file"] == "tests/lint/quotes-bad.md" and q["line"] == 23 and q["column"] == 8, q
assert "(\"…\", 2)" in q["message"], q["message"]     # a quote inside the message, escaped
s = [x for x in d if x["rule"] == "CV-DOUBLE-SPACE"][0]
assert (s["line"], s["column"]) == (23, 11), s
' "$W/out.json" && pass || fail "json" "$(head -c 400 "$W/out.json")"
"$CONGVAN" check --format json tests/lint/clean.md | $PY -c 'import json,sys; assert json.load(sys.stdin) == []' &&
	pass || fail "json" "a clean file gives []"
# a file name that needs escaping
cp tests/lint/symbol-cv-bad.md "$W/a\"b\\c.md"
"$CONGVAN" check --format json "$W/a\"b\\c.md" | $PY -c '
import json, sys
d = json.load(sys.stdin)
assert d[0]["file"].endswith("a\"b\\c.md") and d[0]["rule"] == "ND30-SYMBOL-CV", d
' && pass || fail "json" "file name with a quote and a backslash"

# ---- options and exit status --------------------------------------------------------------
"$CONGVAN" check -q --templates "$T" tests/lint/spacing-bad.md >"$W/q" 2>&1
[ $? -eq 0 ] && [ ! -s "$W/q" ] && pass || fail "-q" "warnings only: no output, exit 0: $(cat "$W/q")"
"$CONGVAN" check -q tests/lint/body-bad.md >"$W/q" 2>&1
[ $? -eq 1 ] && ! grep -q "warning:" "$W/q" && grep -q "error:" "$W/q" && pass || fail "-q" "errors only, exit 1"
"$CONGVAN" check --format yaml tests/lint/clean.md >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "usage" "--format yaml exits 2"
"$CONGVAN" check >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "usage" "no file exits 2"
"$CONGVAN" check --fix --format json - <tests/lint/clean.md >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "usage" "--fix - with --format json exits 2"
"$CONGVAN" check "$W/no-such.md" >/dev/null 2>&1
[ $? -eq 1 ] && pass || fail "missing file" "exits 1"
"$CONGVAN" check --help | grep -q -- "--fix" && pass || fail "--help" "mentions --fix"
# standard input
"$CONGVAN" check - <tests/lint/symbol-cv-bad.md >"$W/stdin" 2>&1
[ $? -eq 1 ] && grep -q "^<stdin>:5:10: error: .*\[ND30-SYMBOL-CV\]$" "$W/stdin" && pass ||
	fail "stdin" "$(cat "$W/stdin")"

# ---- --fix ----------------------------------------------------------------------------------
cp tests/lint/nfc-bad.md tests/lint/spacing-bad.md tests/lint/clean.md "$W/"
"$CONGVAN" check --fix "$W/nfc-bad.md" >"$W/fix1" 2>&1
grep -qx "$W/nfc-bad.md:21: fixed: normalised to Unicode NFC" "$W/fix1" && pass || fail "--fix nfc" "$(cat "$W/fix1")"
grep -q "ND30-UTF8-NFC" "$W/fix1" && fail "--fix nfc" "still reported after the fix" || pass
$PY -c '
import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read()
assert t == unicodedata.normalize("NFC", t)
assert "Nguyễn Thị Hạnh" in t
' "$W/nfc-bad.md" && pass || fail "--fix nfc" "file not NFC"
"$CONGVAN" check --fix "$W/spacing-bad.md" >"$W/fix2" 2>&1
[ $? -eq 0 ] && pass || fail "--fix spacing" "exit status"
grep -qx "$W/spacing-bad.md:23: fixed: collapsed 1 run of spaces" "$W/fix2" && pass || fail "--fix spacing" "$(cat "$W/fix2")"
grep -qx "$W/spacing-bad.md:23: fixed: removed 2 spaces before ',' and ';'" "$W/fix2" && pass ||
	fail "--fix spacing" "$(cat "$W/fix2")"
grep -qx "Sở Tư pháp cử bà Hạnh, chuyên viên,tham dự.Tập huấn ngày 05 tháng 3 năm 2026; địa điểm:Hội trường tầng 2./." \
	"$W/spacing-bad.md" && pass || fail "--fix spacing" "body line: $(sed -n 23p "$W/spacing-bad.md")"
# what is not certain is left, and reported at its new position
grep -q "^$W/spacing-bad.md:23:36: warning: no space after ',' \[CV-SPACE-AFTER\]$" "$W/fix2" && pass ||
	fail "--fix spacing" "remaining diagnostics: $(grep warning "$W/fix2")"
grep -q "^$W/spacing-bad.md:10:17: warning: space before ',' \[CV-SPACE-BEFORE\]$" "$W/fix2" && pass ||
	fail "--fix spacing" "the front matter is left alone"
# idempotent, and a clean file is not rewritten
cp "$W/spacing-bad.md" "$W/spacing-bad.1"
"$CONGVAN" check --fix "$W/spacing-bad.md" >"$W/fix3" 2>&1
! grep -q "fixed:" "$W/fix3" && cmp -s "$W/spacing-bad.md" "$W/spacing-bad.1" && pass || fail "--fix" "not idempotent"
ls -i "$W/clean.md" >"$W/ino1"
"$CONGVAN" check --fix "$W/clean.md" >"$W/fix4" 2>&1
ls -i "$W/clean.md" >"$W/ino2"
[ ! -s "$W/fix4" ] && cmp -s "$W/ino1" "$W/ino2" && cmp -s "$W/clean.md" tests/lint/clean.md && pass ||
	fail "--fix" "a clean file is left untouched"
# a file that does not read: NFC only (code blocks are not known for sure)
printf -- '---\nco_quan: [\n---\n\nNguye\314\202\314\203n  ,\n' >"$W/broken.md"
"$CONGVAN" check --fix "$W/broken.md" >"$W/fix6" 2>&1
[ $? -eq 1 ] && grep -qx "$W/broken.md:5: fixed: normalised to Unicode NFC" "$W/fix6" &&
	[ "$(sed -n 5p "$W/broken.md")" = "Nguyễn  ," ] && pass || fail "--fix" "unreadable file: $(cat "$W/fix6")"
# standard input: the fixed text on standard output
"$CONGVAN" check --fix - <tests/lint/nfc-bad.md >"$W/fixed.md" 2>"$W/fix5"
grep -q "^<stdin>:21: fixed: normalised to Unicode NFC$" "$W/fix5" && cmp -s "$W/fixed.md" "$W/nfc-bad.md" && pass ||
	fail "--fix -" "$(cat "$W/fix5")"

# ---- render shows the same diagnostics and still writes its outputs -----------------------
"$CONGVAN" render --outdir "$W" tests/lint/body-bad.md 2>"$W/render.err"
[ $? -eq 0 ] && [ -s "$W/body-bad.docx" ] && [ -s "$W/body-bad.html" ] && pass ||
	fail "render" "lint errors do not stop the outputs: $(head -c 300 "$W/render.err")"
"$CONGVAN" check tests/lint/body-bad.md | grep -E '^tests/lint/body-bad.md:[0-9]' >"$W/a"
grep -E '^tests/lint/body-bad.md:[0-9]' "$W/render.err" >"$W/b"
[ -s "$W/a" ] && cmp -s "$W/a" "$W/b" && pass || fail "render" "diagnostics differ from check's: $(diff "$W/a" "$W/b")"

# ---- the samples: the three công văn samples give no diagnostic at all (with "now" after
# their dates: under this suite's clock, 2026-01-01, cong-van-khan.md, dated 2026-01-06, gets
# CV-DATE-FUTURE, which is right); the other samples (other document types) are checked
# without a crash
for md in samples/*.md; do
	SOURCE_DATE_EPOCH=1798675200 "$CONGVAN" check "$md" >"$W/sample" 2>&1   # 2026-12-31
	rc=$?
	case $md in
	*/1144-BHXH-TDKT.md | */cong-van-khan.md | */cong-van-giam-doc.md)
		[ $rc -eq 0 ] && [ ! -s "$W/sample" ] && pass || fail "$md" "diagnostics: $(cat "$W/sample")" ;;
	*)
		[ $rc -le 1 ] && pass || fail "$md" "exit status $rc" ;;
	esac
done
"$CONGVAN" check samples/cong-van-khan.md >"$W/sample" 2>&1
grep -q "^samples/cong-van-khan.md:8:7: warning: .*\[CV-DATE-FUTURE\]$" "$W/sample" && pass ||
	fail "cong-van-khan.md" "dated after the suite's today: $(cat "$W/sample")"
summary
