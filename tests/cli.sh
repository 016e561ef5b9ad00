#!/bin/sh
# tests/cli.sh — the command line (docs/format.md §8 and `congvan --help`):
# exit statuses (0 done, 1 bad input or unwritable output, 2 bad usage),
# where outputs go, standard input/output, atomic writes that never leave a
# temp file or clobber an existing output on failure, and template
# overrides (--templates DIR, $CONGVAN_TEMPLATES).
. "$(dirname "$0")/lib.sh"

T=$OUT/cli
rm -rf "$T"
mkdir -p "$T"
unset CONGVAN_TEMPLATES

# run ARGS...: run congvan, keep exit status in $rc, output in $T/stdout, $T/stderr
run() {
	"$CONGVAN" "$@" >"$T/stdout" 2>"$T/stderr"
	rc=$?
}
# run_in DIR ARGS...: the same from DIR
run_in() {
	_d=$1
	shift
	(cd "$_d" && "$CONGVAN" "$@" >"$T/stdout" 2>"$T/stderr")
	rc=$?
}
# expect NAME STATUS: the last run exited with STATUS
expect() {
	if [ "$rc" = "$2" ]; then
		pass
	else
		fail "$1" "exit status $rc, want $2; stderr: $(head -c 300 "$T/stderr")"
	fi
}
# has NAME FILE STRING: FILE contains the fixed STRING
has() {
	if grep -qF -- "$3" "$2"; then pass; else fail "$1" "$(basename "$2") lacks '$3': $(head -c 300 "$2")"; fi
}
hasnt() {
	if grep -qF -- "$3" "$2"; then fail "$1" "$(basename "$2") has '$3'"; else pass; fi
}
# only DIR FILES...: DIR holds exactly these names (no temp files)
only() {
	_n=$1
	_dir=$2
	shift 2
	_want=
	[ $# -gt 0 ] && _want=$(printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ')
	_got=$(ls -A "$_dir" | LC_ALL=C sort | tr '\n' ' ')
	if [ "$_got" = "$_want" ]; then pass; else fail "$_n" "$_dir holds '$_got', want '$_want'"; fi
}
# is_docx NAME FILE: a zip holding word/document.xml
is_docx() {
	if [ -s "$2" ] && unzip -l "$2" 2>/dev/null | grep -q 'word/document.xml'; then
		pass
	else
		fail "$1" "$2 is not a .docx"
	fi
}

GOOD_SRC='---
co_quan: Sở Tư pháp
so: 12
ky_hieu: STP-VP
dia_danh: Lâm Đồng
ngay: 2026-03-10
trich_yeu: cử công chức tham dự tập huấn
kinh_gui: Văn phòng Ủy ban nhân dân tỉnh
noi_nhan:
  - Như trên
luu: VP
ky:
  quyen_han: KT
  chuc_vu_cap_tren: Giám đốc
  chuc_vu: Phó Giám đốc
  ho_ten: Phạm Thị Lan
---

Sở Tư pháp kính gửi Văn phòng Ủy ban nhân dân tỉnh tổng hợp./.
'
write_good() { printf '%s' "$GOOD_SRC" >"$1"; }
write_bad() { printf '%s' "$GOOD_SRC" | sed 's/^ngay: .*/ngay: 2013-02-30/' >"$1"; }
write_warn() { printf '%s' "$GOOD_SRC" | sed 's/^luu: VP$/luu: VP\nkinhgui: x/' >"$1"; }

mkdir -p "$T/in"
write_good "$T/in/good.md"
write_bad "$T/in/bad.md"
write_warn "$T/in/warn.md"
GOOD=$T/in/good.md
BADF=$T/in/bad.md

# ---- help, version, usage errors (exit 2) --------------------------------

run --help
expect help 0
has help "$T/stdout" "Usage"
has help-render "$T/stdout" "render"
run -h
expect help-h 0
has help-h "$T/stdout" "Usage"
run render --help
expect render-help 0
has render-help "$T/stdout" "Usage"

run --version
expect version 0
has version "$T/stdout" "congvan"
if V=$(make -s -C "$TOP" version 2>/dev/null) && [ -n "$V" ]; then
	has version-number "$T/stdout" "$V"
fi

run
expect no-args 2
check no-args-message test -s "$T/stderr"
check no-args-stdout-empty test ! -s "$T/stdout"

run frobnicate
expect unknown-command 2
has unknown-command "$T/stderr" "frobnicate"

run render --bogus "$GOOD"
expect unknown-long-option 2
run render -x "$GOOD"
expect unknown-short-option 2
run --bogus
expect unknown-top-option 2

run render
expect render-no-file 2
has render-no-file "$T/stderr" "no input file"

mkdir -p "$T/usage"
run render "$GOOD" -o "$T/usage/out.txt"
expect o-bad-extension 2
has o-bad-extension "$T/stderr" "must end in"
run render "$GOOD" -o "$T/usage/out"
expect o-no-extension 2
run render "$GOOD" -o "$T/usage/out.docx" --outdir "$T/usage"
expect o-and-outdir 2
run render "$GOOD" --to bogus --outdir "$T/usage"
expect to-bogus 2
has to-bogus "$T/stderr" "bogus"
run render "$GOOD" --to docx,odt --outdir "$T/usage"
expect to-docx-odt 2
run render "$GOOD" "$BADF" -o "$T/usage/out.docx"
expect o-two-inputs 2
run render - -o - <"$GOOD"
expect stdout-without-to 2
run render - --to docx,html -o - <"$GOOD"
expect stdout-two-formats 2
run render - <"$GOOD"
expect stdin-without-output 2
only usage-wrote-nothing "$T/usage"

# ---- standard input and output -------------------------------------------

mkdir -p "$T/stdin"
run render - -o "$T/stdin/out.docx" <"$GOOD"
expect stdin-to-docx 0
is_docx stdin-to-docx "$T/stdin/out.docx"
only stdin-to-docx-only "$T/stdin" out.docx

run render - -o - --to html <"$GOOD"
expect stdin-to-stdout-html 0
has stdin-to-stdout-html "$T/stdout" "<html"
has stdin-to-stdout-html-text "$T/stdout" "Phạm Thị Lan"
only stdin-to-stdout-wrote-nothing "$T/stdin" out.docx

run render - -o - --to html <"$T/in/warn.md"
expect stdin-warning-to-stdout 0
has stdin-warning-on-stderr "$T/stderr" "<stdin>:12:1: warning: unknown key 'kinhgui'"
hasnt stdin-warning-not-on-stdout "$T/stdout" "warning"
has stdin-warning-page-on-stdout "$T/stdout" "<html"

run render - -o - --to docx <"$GOOD"
expect stdin-to-stdout-docx 0
cp "$T/stdout" "$T/stdin/piped.docx"
is_docx stdin-to-stdout-docx "$T/stdin/piped.docx"

run render - -o - --to html <"$BADF"
expect stdin-bad-to-stdout 1
check stdin-bad-stdout-empty test ! -s "$T/stdout"
run render - -o "$T/stdin/bad.docx" <"$BADF"
expect stdin-bad 1
has stdin-bad-name "$T/stderr" "<stdin>:"
check stdin-bad-no-output test ! -e "$T/stdin/bad.docx"

mkdir -p "$T/stdin-outdir"
run render - --outdir "$T/stdin-outdir" <"$GOOD"
expect stdin-outdir 0
check stdin-outdir-files test -s "$T/stdin-outdir/stdin.docx" -a -s "$T/stdin-outdir/stdin.html"

# ---- inputs that cannot be read (exit 1) ----------------------------------

run render "$T/in/does-not-exist.md" --outdir "$T/usage"
expect missing-input 1
has missing-input "$T/stderr" "does-not-exist.md"

run render "$T/in" --outdir "$T/usage"
expect input-is-directory 1
has input-is-directory "$T/stderr" "directory"

run render "$GOOD" --outdir "$T/no/such/folder"
expect outdir-missing 1
has outdir-missing "$T/stderr" "no/such/folder"
check outdir-missing-not-created test ! -e "$T/no"

: >"$T/in/a-file"
run render "$GOOD" --outdir "$T/in/a-file"
expect outdir-is-a-file 1

# ---- where the outputs go ------------------------------------------------

mkdir -p "$T/beside/sub"
write_good "$T/beside/sub/cv.md"
run_in "$T/beside" render sub/cv.md
expect beside 0
only beside-files "$T/beside/sub" cv.md cv.docx cv.html
is_docx beside-docx "$T/beside/sub/cv.docx"
has beside-html "$T/beside/sub/cv.html" "<html"
only beside-nothing-in-cwd "$T/beside" sub

mkdir -p "$T/dotted"
write_good "$T/dotted/cv.v2.md"
run render "$T/dotted/cv.v2.md"
expect dotted-name 0
only dotted-name-files "$T/dotted" cv.v2.md cv.v2.docx cv.v2.html

mkdir -p "$T/to-docx"
write_good "$T/to-docx/cv.md"
run render "$T/to-docx/cv.md" --to docx
expect to-docx 0
only to-docx-only "$T/to-docx" cv.md cv.docx

mkdir -p "$T/to-html"
write_good "$T/to-html/cv.md"
run render "$T/to-html/cv.md" --to html
expect to-html 0
only to-html-only "$T/to-html" cv.md cv.html

mkdir -p "$T/outdir"
run render "$GOOD" --outdir "$T/outdir"
expect outdir 0
only outdir-files "$T/outdir" good.docx good.html

mkdir -p "$T/outdir2"
run render "$GOOD" --outdir "$T/outdir2/"
expect outdir-trailing-slash 0
only outdir-trailing-slash-files "$T/outdir2" good.docx good.html

mkdir -p "$T/o"
run render "$GOOD" -o "$T/o/named.html"
expect o-html 0
only o-html-only "$T/o" named.html
run render "$GOOD" -o "$T/o/named.docx"
expect o-docx 0
is_docx o-docx "$T/o/named.docx"
only o-docx-only "$T/o" named.html named.docx

# several inputs: each rendered; one bad input makes the status 1
mkdir -p "$T/multi"
write_good "$T/multi/a.md"
write_bad "$T/multi/b.md"
write_good "$T/multi/c.md"
run render "$T/multi/a.md" "$T/multi/b.md" "$T/multi/c.md" --to docx
expect multi-one-bad 1
has multi-one-bad "$T/stderr" "b.md:6:7: error:"
only multi-files "$T/multi" a.md b.md c.md a.docx c.docx

# ---- diagnostics on the command line --------------------------------------

mkdir -p "$T/diag"
run render "$BADF" --outdir "$T/diag"
expect bad-input 1
has bad-input-position "$T/stderr" "bad.md:6:7: error: 'ngay' is not a real date"
has bad-input-quote "$T/stderr" "ngay: 2013-02-30"
has bad-input-summary "$T/stderr" "not rendered: 1 error"
only bad-input-no-output "$T/diag"

run render "$T/in/warn.md" --outdir "$T/diag"
expect warning-exit-0 0
has warning-shown "$T/stderr" "warn.md:12:1: warning: unknown key 'kinhgui': did you mean 'kinh_gui'?"
rm -f "$T/diag/"*
run render -q "$T/in/warn.md" --outdir "$T/diag"
expect quiet 0
check quiet-no-warning test ! -s "$T/stderr"
rm -f "$T/diag/"*
printf '%s' "$GOOD_SRC" | sed 's/^luu: VP$/luu: VP\nkinhgui: x/; s/^ngay: .*/ngay: 2013-02-30/' >"$T/in/warn-bad.md"
run render -q "$T/in/warn-bad.md" --outdir "$T/diag"
expect quiet-error 1
has quiet-error-shown "$T/stderr" "error: 'ngay' is not a real date"
hasnt quiet-error-no-warning "$T/stderr" "warning:"
only quiet-error-no-output "$T/diag"

# ---- unwritable outputs: exit 1, no temp files, nothing clobbered ---------

mkdir -p "$T/ro"
chmod 555 "$T/ro"
if (: >"$T/ro/probe") 2>/dev/null; then
	# root ignores the mode bits: use a regular file where a folder should be
	rm -f "$T/ro/probe"
	chmod 755 "$T/ro"
	: >"$T/ro/not-a-dir"
	RO_OUT=$T/ro/not-a-dir/cv.docx
	RO_DIR=$T/ro
	RO_FILES=not-a-dir
else
	RO_OUT=$T/ro/cv.docx
	RO_DIR=$T/ro
	RO_FILES=
fi
run render "$GOOD" -o "$RO_OUT"
expect unwritable-o 1
has unwritable-o-message "$T/stderr" "$RO_OUT"
# shellcheck disable=SC2086
only unwritable-o-no-temp "$RO_DIR" $RO_FILES
if [ -z "$RO_FILES" ]; then
	run render "$GOOD" --outdir "$T/ro"
	expect unwritable-outdir 1
	only unwritable-outdir-no-temp "$T/ro"
fi
chmod 755 "$T/ro"

run render "$GOOD" -o "$T/no-such-folder/cv.docx"
expect o-folder-missing 1
has o-folder-missing "$T/stderr" "no-such-folder/cv.docx"
check o-folder-missing-not-created test ! -e "$T/no-such-folder"

run render "$GOOD" -o /proc/congvan-cli-test.docx
expect unwritable-proc 1
check unwritable-proc-nothing test ! -e /proc/congvan-cli-test.docx

# the rename fails (the target is a folder) after the temp file was written:
# the temp file must be removed
mkdir -p "$T/rename/cv.docx"
run render "$GOOD" -o "$T/rename/cv.docx"
expect rename-fails 1
only rename-fails-no-temp "$T/rename" cv.docx
check rename-fails-folder-kept test -d "$T/rename/cv.docx"

# an existing output is left untouched when rendering fails
mkdir -p "$T/keep"
run render "$GOOD" -o "$T/keep/cv.docx"
expect keep-first 0
cp "$T/keep/cv.docx" "$T/keep.orig"
run render "$BADF" -o "$T/keep/cv.docx"
expect keep-bad 1
check keep-unchanged cmp -s "$T/keep/cv.docx" "$T/keep.orig"
only keep-no-temp "$T/keep" cv.docx
run render "$GOOD" -o "$T/keep/cv.html"
cp "$T/keep/cv.html" "$T/keep.orig.html"
run render "$BADF" -o "$T/keep/cv.html"
expect keep-bad-html 1
check keep-unchanged-html cmp -s "$T/keep/cv.html" "$T/keep.orig.html"
# and with the default names beside the input
mkdir -p "$T/keep2"
write_good "$T/keep2/cv.md"
run render "$T/keep2/cv.md"
cp "$T/keep2/cv.docx" "$T/keep2.docx"
cp "$T/keep2/cv.html" "$T/keep2.html"
write_bad "$T/keep2/cv.md"
run render "$T/keep2/cv.md"
expect keep-beside-bad 1
check keep-beside-docx cmp -s "$T/keep2/cv.docx" "$T/keep2.docx"
check keep-beside-html cmp -s "$T/keep2/cv.html" "$T/keep2.html"
only keep-beside-no-temp "$T/keep2" cv.md cv.docx cv.html

# a successful re-render replaces the output in place (no temp left behind)
run render "$GOOD" -o "$T/keep/cv.docx"
expect rerender 0
only rerender-no-temp "$T/keep" cv.docx cv.html

# ---- templates -------------------------------------------------------------

run templates
expect templates 0
if grep -qE '^cong-van( |$)' "$T/stdout"; then pass; else fail templates-list "$(cat "$T/stdout")"; fi

# --templates DIR: a profile override changes the left margin
mkdir -p "$T/tpl/profiles"
sed 's/^margin_left_tw: *[0-9]*/margin_left_tw: 1984/' "$TOP/templates/profiles/nd30.yaml" \
	>"$T/tpl/profiles/nd30.yaml"
check tpl-override-made grep -q '^margin_left_tw: 1984' "$T/tpl/profiles/nd30.yaml"
docxml() { unzip -p "$1" word/document.xml 2>/dev/null; }

mkdir -p "$T/tplout"
run render "$GOOD" -o "$T/tplout/default.docx"
expect tpl-default 0
if docxml "$T/tplout/default.docx" | grep -q 'w:left="1701"'; then pass; else fail tpl-default-margin "no w:left=\"1701\""; fi
if docxml "$T/tplout/default.docx" | grep -q 'w:left="1984"'; then fail tpl-default-not-1984 "1984 without override"; else pass; fi

run render "$GOOD" --templates "$T/tpl" -o "$T/tplout/override.docx"
expect tpl-override 0
if docxml "$T/tplout/override.docx" | grep -q 'w:left="1984"'; then
	pass
else
	fail tpl-override-margin "word/document.xml has no w:left=\"1984\""
fi

CONGVAN_TEMPLATES=$T/tpl "$CONGVAN" render "$GOOD" -o "$T/tplout/env.docx" >"$T/stdout" 2>"$T/stderr"
rc=$?
expect tpl-env 0
if docxml "$T/tplout/env.docx" | grep -q 'w:left="1984"'; then
	pass
else
	fail tpl-env-margin "CONGVAN_TEMPLATES: word/document.xml has no w:left=\"1984\""
fi
# an empty CONGVAN_TEMPLATES means the built-in templates
CONGVAN_TEMPLATES= "$CONGVAN" render "$GOOD" -o "$T/tplout/env-empty.docx" >"$T/stdout" 2>"$T/stderr"
rc=$?
expect tpl-env-empty 0
if docxml "$T/tplout/env-empty.docx" | grep -q 'w:left="1701"'; then pass; else fail tpl-env-empty-margin "not the built-in margin"; fi

# the html follows the override too (templates/profiles values reach both)
run render "$GOOD" --templates "$T/tpl" -o "$T/tplout/override.html"
expect tpl-override-html 0

CONGVAN_TEMPLATES=$T/tpl "$CONGVAN" templates >"$T/stdout" 2>"$T/stderr"
rc=$?
expect templates-env 0
if grep -qE '^cong-van( |$)' "$T/stdout"; then pass; else fail templates-env-list "$(cat "$T/stdout")"; fi

run render "$GOOD" --templates "$T/no-such-templates" -o "$T/tplout/x.docx"
expect tpl-missing-folder 1
has tpl-missing-folder "$T/stderr" "no-such-templates"
check tpl-missing-folder-no-output test ! -e "$T/tplout/x.docx"

summary
