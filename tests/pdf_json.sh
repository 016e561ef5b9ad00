#!/bin/sh
# tests/pdf_json.sh — three ways in and out of `congvan render`:
#   --to pdf  a PDF through LibreOffice (headless) that passes the page checks
#             of tests/consumers/libreoffice.sh (A4 pages, Times/Liberation
#             fonts only, the page count, the words in order, the ND30 layout);
#             without LibreOffice a message naming the Debian package, exit 1;
#   JSON      a front matter written as a JSON object renders to the same
#             document as the YAML one;
#   pipes     `render -` reads standard input, `-o -` writes standard output.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/consumers/common.sh.inc"

T=$OUT/pdf_json
rm -rf "$T"
mkdir -p "$T"
unset CONGVAN_TEMPLATES

if [ ! -x "$CONGVAN" ]; then
	fail "congvan built" "$CONGVAN missing (make)"
	summary
	exit 1
fi

# ---- --to pdf ------------------------------------------------------------------
# pdf_checks PDF SAMPLE MIN MAX: the checks libreoffice.sh makes on its PDFs
pdf_checks() {
	_pdf=$1 _s=$2 _b=$T/$(basename "$1" .pdf)
	pdfinfo -f 1 -l 999 "$_pdf" >"$_b.info" 2>&1
	pdffonts "$_pdf" >"$_b.fonts" 2>&1
	pdftotext "$_pdf" "$_b.txt" 2>/dev/null
	pdftotext -bbox-layout "$_pdf" "$_b.bbox.html" 2>/dev/null
	pdftoppm -gray -r 100 -f 1 -l 1 -singlefile "$_pdf" "$_b-p1" 2>/dev/null
	{
		"$PY" "$HERE/pdf_check.py" pages "$_b.info" "pdf/$_s" "$3" "$4"
		"$PY" "$HERE/pdf_check.py" fonts "$_b.fonts" "pdf/$_s"
		"$PY" "$HERE/pdf_check.py" words "$_b.txt" "$TOP/samples/$_s.md" "pdf/$_s"
		"$PY" "$HERE/pdf_check.py" layout "$_b.bbox.html" "$_s" "pdf/$_s" "$_b-p1.pgm" 100
	} >"$_b.checks" 2>&1
	report "$_b.checks"
}

if need soffice pdfinfo pdffonts pdftotext pdftoppm "$PY"; then
	# --to pdf with --outdir: FILE.pdf only
	mkdir -p "$T/outdir"
	if "$CONGVAN" render -q --to pdf --outdir "$T/outdir" "$TOP/samples/1144-BHXH-TDKT.md" \
		>"$T/pdf1.log" 2>&1; then pass; else fail "render --to pdf" "$(head -c 400 "$T/pdf1.log")"; fi
	_got=$(ls -A "$T/outdir" | tr '\n' ' ')
	if [ "$_got" = "1144-BHXH-TDKT.pdf " ]; then pass; else fail "--to pdf writes only FILE.pdf, no work folder left" "$_got"; fi
	[ -s "$T/outdir/1144-BHXH-TDKT.pdf" ] && pdf_checks "$T/outdir/1144-BHXH-TDKT.pdf" 1144-BHXH-TDKT 1 6
	# -o X.pdf: the format from the extension; one page by design
	if "$CONGVAN" render -q -o "$T/khan.pdf" "$TOP/samples/cong-van-khan.md" >"$T/pdf2.log" 2>&1 &&
		[ -s "$T/khan.pdf" ]; then pass; else fail "render -o X.pdf" "$(head -c 400 "$T/pdf2.log")"; fi
	[ -s "$T/khan.pdf" ] && cp "$T/khan.pdf" "$T/cong-van-khan.pdf" && pdf_checks "$T/cong-van-khan.pdf" cong-van-khan 1 1
	# --to docx,pdf: both, from one render
	mkdir -p "$T/both"
	"$CONGVAN" render -q --to docx,pdf --outdir "$T/both" "$TOP/samples/cong-van-khan.md" >/dev/null 2>&1
	_got=$(ls -A "$T/both" | LC_ALL=C sort | tr '\n' ' ')
	if [ "$_got" = "cong-van-khan.docx cong-van-khan.pdf " ]; then pass; else fail "--to docx,pdf" "$_got"; fi
	# a PDF from standard input
	if "$CONGVAN" render -q -o "$T/stdin.pdf" - <"$TOP/samples/cong-van-khan.md" >/dev/null 2>&1 &&
		pdfinfo "$T/stdin.pdf" 2>/dev/null | grep -q '^Pages: *1$'; then pass; else fail "render - -o X.pdf"; fi
fi

# without LibreOffice on PATH: exit 1, the package named, nothing written
mkdir -p "$T/nooffice" "$T/emptybin"
(PATH=$T/emptybin "$CONGVAN" render -q --to pdf --outdir "$T/nooffice" "$TOP/samples/cong-van-khan.md" \
	>"$T/nooffice.out" 2>"$T/nooffice.err")
rc=$?
if [ "$rc" = 1 ]; then pass; else fail "--to pdf without LibreOffice exits 1" "exit $rc"; fi
if grep -q 'libreoffice-writer-nogui' "$T/nooffice.err"; then pass; else
	fail "--to pdf without LibreOffice names the package" "$(cat "$T/nooffice.err")"; fi
if [ -z "$(ls -A "$T/nooffice")" ]; then pass; else fail "--to pdf without LibreOffice writes nothing" "$(ls -A "$T/nooffice")"; fi
# -o - cannot be a PDF (usage error, 2)
"$CONGVAN" render -o - --to pdf "$TOP/samples/cong-van-khan.md" >/dev/null 2>&1
rc=$?
if [ "$rc" = 2 ]; then pass; else fail "-o - --to pdf is bad usage" "exit $rc"; fi

# ---- JSON front matter -----------------------------------------------------------
# every sample's front matter as one JSON object (dates as strings, numbers
# as numbers), then the same body
for s in 1144-BHXH-TDKT cong-van-khan cong-van-giam-doc; do
	if ! "$PY" - "$TOP/samples/$s.md" "$T/$s.json.md" <<'EOF'; then
import datetime, json, sys, yaml
src = open(sys.argv[1], encoding="utf-8").read()
_, fm, body = src.split("---\n", 2)
data = yaml.safe_load(fm)
text = json.dumps(data, ensure_ascii=False, indent=2,
                  default=lambda v: v.isoformat() if isinstance(v, datetime.date) else str(v))
open(sys.argv[2], "w", encoding="utf-8").write(text + "\n" + body)
EOF
		fail "JSON copy of $s" "python3-yaml missing?"
		continue
	fi
	mkdir -p "$T/yaml" "$T/json"
	cp "$TOP/samples/$s.md" "$T/yaml/$s.md"
	cp "$T/$s.json.md" "$T/json/$s.md"
	"$CONGVAN" render -q "$T/yaml/$s.md" >"$T/yaml/$s.log" 2>&1
	if "$CONGVAN" render -q "$T/json/$s.md" >"$T/json/$s.log" 2>&1; then pass; else
		fail "render JSON front matter $s" "$(head -c 400 "$T/json/$s.log")"; continue; fi
	unzip -p "$T/yaml/$s.docx" word/document.xml >"$T/yaml/$s.document.xml" 2>/dev/null
	unzip -p "$T/json/$s.docx" word/document.xml >"$T/json/$s.document.xml" 2>/dev/null
	if [ -s "$T/yaml/$s.document.xml" ] && cmp -s "$T/yaml/$s.document.xml" "$T/json/$s.document.xml"; then
		pass
	else
		fail "JSON $s: same word/document.xml as YAML" \
			"$(diff "$T/yaml/$s.document.xml" "$T/json/$s.document.xml" 2>&1 | head -c 300)"
	fi
	# and every other part (the title and author in docProps too): the same bytes
	if cmp -s "$T/yaml/$s.docx" "$T/json/$s.docx"; then pass; else fail "JSON $s: the same DOCX as YAML"; fi
	if cmp -s "$T/yaml/$s.html" "$T/json/$s.html"; then pass; else fail "JSON $s: the same HTML as YAML"; fi
done
# a JSON error is located like a YAML one: FILE:LINE:COL
printf '{\n  "co_quan": "Sở Tư pháp",\n  "so": 12,,\n}\nx\n' >"$T/bad.json.md"
"$CONGVAN" render -o "$T/bad.html" "$T/bad.json.md" >/dev/null 2>"$T/bad.json.err"
rc=$?
if [ "$rc" = 1 ] && grep -q "^$T/bad.json.md:3:[0-9]*: error: " "$T/bad.json.err"; then pass; else
	fail "bad JSON reported at FILE:3:COL, exit 1" "exit $rc: $(head -c 300 "$T/bad.json.err")"; fi
printf '{ "co_quan": "x",\n\nbody\n' >"$T/open.json.md"
"$CONGVAN" render -o "$T/open.html" "$T/open.json.md" >/dev/null 2>"$T/open.json.err"
if grep -q "open.json.md:1:1: error: .*never closed" "$T/open.json.err"; then pass; else
	fail "unclosed JSON front matter" "$(head -c 300 "$T/open.json.err")"; fi

# ---- pipes -------------------------------------------------------------------------
# shellcheck disable=SC2002  # `cat x |`: a real pipe, as the issue writes it
if cat "$TOP/samples/1144-BHXH-TDKT.md" | "$CONGVAN" render - -o - --to html 2>"$T/pipe.err" |
	grep -q 'Nguyễn Đình Khương'; then pass; else fail "cat x.md | render - -o - --to html | grep" "$(head -c 300 "$T/pipe.err")"; fi
if cat "$T/1144-BHXH-TDKT.json.md" | "$CONGVAN" render -q - -o - --to html 2>/dev/null |
	grep -q 'BHXH-TĐKT'; then pass; else fail "JSON through a pipe"; fi
"$CONGVAN" render -q - -o - --to html <"$TOP/samples/cong-van-khan.md" >"$T/pipe.html" 2>/dev/null
"$CONGVAN" render -q -o "$T/file.html" "$TOP/samples/cong-van-khan.md" >/dev/null 2>&1
if [ -s "$T/pipe.html" ] && cmp -s "$T/pipe.html" "$T/file.html"; then pass; else fail "the piped HTML is the file's HTML"; fi
"$CONGVAN" render -q - -o - --to docx <"$TOP/samples/cong-van-khan.md" >"$T/pipe.docx" 2>/dev/null
if unzip -l "$T/pipe.docx" 2>/dev/null | grep -q 'word/document.xml'; then pass; else fail "render - -o - --to docx writes a DOCX"; fi
# errors through a pipe name <stdin> and go to standard error only
printf -- '---\nco_quan: A\n' | "$CONGVAN" render - -o - --to html >"$T/pipe-bad.out" 2>"$T/pipe-bad.err"
rc=$?
if [ "$rc" = 1 ] && [ ! -s "$T/pipe-bad.out" ] && grep -q '^<stdin>:1:1: error: ' "$T/pipe-bad.err"; then pass; else
	fail "a bad document through a pipe: <stdin>:1:1, exit 1, nothing on stdout" "exit $rc: $(head -c 300 "$T/pipe-bad.err")"; fi

summary
