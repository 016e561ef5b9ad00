#!/bin/sh
# tests/batch.sh — `congvan batch` (docs/batch.md): the sample against the
# 34 provinces (every document through the render checks and LibreOffice),
# the three table formats (CSV quoting/BOM/CRLF, an XLSX made here, YAML),
# placeholder errors, hostile values, duplicate names, a bad row among good
# ones, --dry-run, the manifest's hashes, --zip, -j1 = -j4, --merge (pages
# and page numbers in LibreOffice), Ctrl-C, flat memory (peak RSS, more
# messages than are kept, names checked on disk, a long manifest), usage
# errors, the progress bar.
. "$(dirname "$0")/lib.sh"

T=$OUT/batch
rm -rf "$T"
mkdir -p "$T"
unset CONGVAN_TEMPLATES
HERE=$TOP/tests/consumers
SAMPLE=$TOP/samples/batch-bhxh-tinh.md
P34=$TOP/samples/provinces-34.csv

# run ARGS...: congvan batch, exit status in $rc, output in $T/stdout, $T/stderr
run() {
	"$CONGVAN" batch "$@" >"$T/stdout" 2>"$T/stderr"
	rc=$?
}
expect() {
	if [ "$rc" = "$2" ]; then pass; else fail "$1" "exit status $rc, want $2; stderr: $(head -c 400 "$T/stderr")"; fi
}
has() {
	if grep -qF -- "$3" "$2"; then pass; else fail "$1" "$(basename "$2") lacks '$3': $(head -c 400 "$2")"; fi
}
hasnt() {
	if grep -qF -- "$3" "$2"; then fail "$1" "$(basename "$2") has '$3'"; else pass; fi
}
# the text of a DOCX's document part
doc_xml() { unzip -p "$1" word/document.xml; }
# no temporary files (name.XXXXXX) left in a folder
no_temps() {
	_left=$(ls -A "$2" 2>/dev/null | grep -E '\.[A-Za-z0-9]{6}$' | head -n 3)
	if [ -z "$_left" ]; then pass; else fail "$1" "temporary files left: $_left"; fi
}
# manifest_ok NAME DIR: every line's hash is sha256sum of its file
manifest_ok() {
	_bad=$(tail -n +2 "$2/manifest.csv" | while IFS=, read -r _row _file _so _sha; do
		_got=$(sha256sum "$2/$_file" | cut -d' ' -f1)
		[ "$_got" = "$_sha" ] || echo "$_file"
	done)
	if [ -z "$_bad" ] && [ "$(wc -l <"$2/manifest.csv")" -gt 1 ]; then pass; else fail "$1" "hash differs for: $_bad"; fi
}
# A small document for the table tests: the values go into kinh_gui, the
# subject and a body paragraph between [ ].
cat >"$T/t.md" <<'EOF'
---
co_quan: Sở Tư pháp
dia_danh: Lâm Đồng
so: 12
ky_hieu: STP-VP
trich_yeu: "thông báo cho {{ten}}"
kinh_gui: "{{ten}}"
noi_nhan: [Như trên]
luu: VP
ky:
  chuc_vu: Giám đốc
  ho_ten: Lê Hoàng Phúc
---

Nội dung [{{ghi_chu}}]./.
EOF

# ---- the sample against the 34 provinces (README's example) ----------------
D34=$T/p34
run "$SAMPLE" --data "$P34" --outdir "$D34"
expect "batch of the sample over provinces-34.csv" 0
has "summary line" "$T/stderr" "34 documents written in"
has "summary line says 0 failed" "$T/stderr" "; 0 failed"
n=$(ls "$D34"/*.docx 2>/dev/null | wc -l)
[ "$n" = 34 ] && pass || fail "34 DOCX" "$n"
n=$(ls "$D34"/*.html 2>/dev/null | wc -l)
[ "$n" = 34 ] && pass || fail "34 HTML" "$n"
[ "$(wc -l <"$D34/manifest.csv")" = 69 ] && pass || fail "manifest: header + 68 files" "$(wc -l <"$D34/manifest.csv")"
has "default names: row and first column" "$D34/manifest.csv" "1,01-01.docx,215/BHXH-QLT,"
has "manifest names the 34th" "$D34/manifest.csv" "34,34-96.html,215/BHXH-QLT,"
manifest_ok "manifest hashes = sha256sum" "$D34"
no_temps "no temporary files after a batch" "$D34"
# each document: the render checks (raw OOXML) and its own recipient
bad=""
i=0
tail -n +2 "$P34" | while IFS=, read -r ma ten loai full; do
	i=$((i + 1))
	f=$D34/$(printf '%02d' "$i")-$ma.docx
	"$PY" "$HERE/ooxml_check.py" "$f" "$(basename "$f")" | grep -v '^ok ' | head -n 3
	unzip -tq "$f" >/dev/null 2>&1 || echo "not ok $(basename "$f") unzip -t"
	doc_xml "$f" | grep -qF "Bảo hiểm xã hội $loai $ten." || echo "not ok $(basename "$f") Kính gửi names $loai $ten"
	grep -qF "Bảo hiểm xã hội $loai $ten" "$D34/$(printf '%02d' "$i")-$ma.html" || echo "not ok html $ma"
	grep -qF '{{' "$D34/$(printf '%02d' "$i")-$ma.html" && echo "not ok html $ma has a placeholder left"
done >"$T/p34.checks" 2>&1
if [ -s "$T/p34.checks" ]; then fail "34 documents pass the OOXML checks" "$(head -n 5 "$T/p34.checks")"; else pass; fi
# LibreOffice: every document, in one soffice call
if command -v soffice >/dev/null 2>&1; then
	PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/congvan-lo.XXXXXX")
	mkdir -p "$T/pdf34"
	start=$(date +%s)
	timeout 300 soffice -env:UserInstallation="file://$PROFILE" --headless --norestore \
		--convert-to pdf --outdir "$T/pdf34" "$D34"/*.docx >"$T/soffice34.log" 2>&1
	echo "note: LibreOffice converted the 34 documents in $(($(date +%s) - start)) s"
	rm -rf "$PROFILE"
	n=$(ls "$T/pdf34"/*.pdf 2>/dev/null | wc -l)
	[ "$n" = 34 ] && pass || fail "LibreOffice converts the 34 DOCX" "$n PDFs; $(tail -n 3 "$T/soffice34.log")"
	for pdf in "$T/pdf34"/*.pdf; do
		[ -s "$pdf" ] || continue
		s=$(basename "$pdf" .pdf)
		pdfinfo -f 1 -l 999 "$pdf" >"$T/pdf34/$s.info" 2>&1
		pdffonts "$pdf" >"$T/pdf34/$s.fonts" 2>&1
		"$PY" "$HERE/pdf_check.py" pages "$T/pdf34/$s.info" "LO/$s" 1 3
		"$PY" "$HERE/pdf_check.py" fonts "$T/pdf34/$s.fonts" "LO/$s"
	done >"$T/pdf34.checks" 2>&1
	if grep -v '^ok ' "$T/pdf34.checks" | grep -q .; then
		fail "34 PDFs: A4 pages, Times/Liberation Serif only" "$(grep -v '^ok ' "$T/pdf34.checks" | head -n 5)"
	else
		pass
	fi
else
	fail "soffice installed" "LibreOffice is needed (tests/install-deps.sh)"
fi
# the sample stays a valid document on its own (placeholders as text)
"$CONGVAN" render -q "$SAMPLE" --outdir "$T/alone" >"$T/alone.log" 2>&1 || mkdir -p "$T/alone"
if "$CONGVAN" render -q "$SAMPLE" --outdir "$T/alone" >"$T/alone.log" 2>&1; then pass; else fail "the sample renders alone" "$(head -c 300 "$T/alone.log")"; fi
# the 63 provinces of before July 2025 have the same columns
run "$SAMPLE" --data "$TOP/samples/provinces-63.csv" --outdir "$T/p63" --to html --name '{{ma}}-{{ten}}'
expect "batch over provinces-63.csv" 0
[ -s "$T/p63/46-hue.html" ] && [ -s "$T/p63/48-da-nang.html" ] && [ -s "$T/p63/95-bac-lieu.html" ] && pass ||
	fail "--name {{ma}}-{{ten}} folds the names" "$(ls "$T/p63" | head -n 3)"
# per-row figures and a per-row số (a column named like a key)
run "$TOP/samples/batch-bhxh-chi-tieu.md" --data "$TOP/samples/bhxh-chi-tieu-2026.csv" --outdir "$T/ct" --to docx
expect "the figures sample" 0
has "a column 'so' sets each row's số" "$T/ct/manifest.csv" ",301/BHXH-QLT,"
# the manifest's số is the one the document prints: a quyết định's includes
# the type's code (ky_hieu UBND is printed QĐ-UBND)
printf 'so\n7\n12\n' >"$T/qd.csv"
run "$TOP/samples/quyet-dinh.md" --data "$T/qd.csv" --outdir "$T/qd" -q
expect "quyết định batch" 0
has "manifest: the số as printed, type code and leading zero" "$T/qd/manifest.csv" "1,1-7.docx,07/QĐ-UBND,"

# ---- CSV: quoting, BOM, CR LF ------------------------------------------------
printf '\357\273\277ten,ghi_chu\r\n"Hà Nội, thủ đô","nói ""xin chào"", rồi\r\nxuống dòng"\r\nHuế,  có dấu cách  \r\n' >"$T/q.csv"
run "$T/t.md" --data "$T/q.csv" --outdir "$T/q" --name '{{ten}}' --to html -q
expect "CSV with BOM, CR LF and quoted fields" 0
has "comma inside quotes" "$T/q/ha-noi-thu-do.html" "Kính gửi:</span>Hà Nội, thủ đô."
has "doubled quotes, line break in quotes" "$T/q/ha-noi-thu-do.html" "[nói &quot;xin chào&quot;, rồi"
has "spaces in a field are kept (RFC 4180)" "$T/q/hue.html" "[  có dấu cách  ]"
hasnt "the BOM is not part of the first column's name" "$T/stderr" "placeholder"
printf 'ten,ghi_chu\n1,"x\n' >"$T/open.csv"
run "$T/t.md" --data "$T/open.csv" --outdir "$T/open"
expect "an unclosed quote: bad input" 1
has "… with its line" "$T/stderr" "open.csv:2: a quoted field is never closed"
[ ! -e "$T/open" ] && pass || fail "nothing written for a broken table" "$(ls "$T/open")"

# ---- XLSX made here (shared and inline strings, a date, a gap), --sheet ------
if "$PY" "$TOP/tests/batch/mkxlsx.py" "$T/t.xlsx" >"$T/mkxlsx.log" 2>&1; then pass; else fail "make the test XLSX" "$(cat "$T/mkxlsx.log")"; fi
cat >"$T/x.md" <<'EOF'
---
co_quan: Sở Tư pháp
dia_danh: Lâm Đồng
trich_yeu: thử
kinh_gui: "{{ten}}"
noi_nhan: [Như trên]
luu: VP
ky: {chuc_vu: Giám đốc, ho_ten: Lê Hoàng Phúc}
---

[{{ten}}|{{so_luong}}|{{ngay}}|{{ghi_chu}}]./.
EOF
run "$T/x.md" --data "$T/t.xlsx" --outdir "$T/x" --to html -q
expect "XLSX table" 0
has "shared string, number, date cell, inline string with entities" "$T/x/1-ha-noi.html" "[Hà Nội|215|2026-01-12|inline &amp; &lt;b&gt;]"
has "a cell left out is empty; rich inline text without its phonetic run" "$T/x/2-cao-bang.html" "[Cao Bằng||2026-01-13|rich inline]"
has "rich shared string, float as Excel shows it, formula result" "$T/x/3-da-nang.html" "[Đà Nẵng|0.3||Đà Nẵng!]"
run "$T/x.md" --data "$T/t.xlsx" --sheet Khác --outdir "$T/x2" --to html -q
expect "--sheet: that sheet has no so_luong column" 1
has "--sheet reads the named sheet" "$T/stderr" "placeholder {{so_luong}} has no column in the data; the columns are: ten"
run "$T/x.md" --data "$T/t.xlsx" --sheet Nope --outdir "$T/x3"
expect "--sheet unknown" 1
has "an unknown sheet lists the sheets" "$T/stderr" "no sheet named 'Nope'; the sheets are: 'Tỉnh', 'Khác'"

# ---- YAML data -------------------------------------------------------------------
cat >"$T/d.yaml" <<'EOF'
- ten: Hà Nội
  ghi_chu: "a: b # c"
- ten: Huế
  kinh_gui:
    - Sở Tư pháp thành phố Huế
    - Sở Nội vụ thành phố Huế
  ky: {ho_ten: Trần Văn Bình}
EOF
run "$T/t.md" --data "$T/d.yaml" --outdir "$T/y" --to html -q
expect "YAML list of mappings" 0
has "YAML value with ': ' and '#'" "$T/y/1-ha-noi.html" "[a: b # c]"
has "a list value sets kinh_gui to several lines" "$T/y/2-hue.html" "Sở Nội vụ thành phố Huế."
has "a mapping value sets ky.ho_ten" "$T/y/2-hue.html" "Trần Văn Bình"
has "a key a row does not give keeps the document's value" "$T/y/1-ha-noi.html" "Lê Hoàng Phúc"

# ---- placeholder errors -----------------------------------------------------------
sed 's/{{ten}}/{{tinh}}/' "$T/t.md" >"$T/ph.md"
run "$T/ph.md" --data "$T/q.csv" --outdir "$T/ph"
expect "unknown placeholder: exit 1" 1
has "names the placeholder, its line and column, and the columns" "$T/stderr" "ph.md:6:27: error: placeholder {{tinh}} has no column in the data; the columns are: ten, ghi_chu"
has "… for every row, once" "$T/stderr" "congvan: rows 1-2: not written"
[ ! -e "$T/ph" ] && pass || fail "nothing written when no row is good" "$(ls "$T/ph")"
run "$T/t.md" --data "$T/q.csv" --outdir "$T/ph2" --name '{{row}}-{{tinh}}'
expect "unknown placeholder in --name" 1
has "--name placeholder error" "$T/stderr" "--name: placeholder {{tinh}} has no column in the data; the columns are: ten, ghi_chu"

# ---- hostile values -----------------------------------------------------------------
{
	echo 'ten,ghi_chu'
	echo '../../etc/x,"<b>&</b> **x** {{y}} _z_ # h"'
	echo '/abs/path,---'
	echo '.hidden,"- [link](http://x) | a |"'
	printf 'long,'
	head -c 10000 /dev/zero | tr '\0' 'a'
	echo
	printf '%s,z\n' "$(head -c 300 /dev/zero | tr '\0' 'b')"
} >"$T/h.csv"
run "$T/t.md" --data "$T/h.csv" --outdir "$T/h" --name '{{ten}}' -q
expect "hostile values" 0
if [ -z "$(find "$T" -path "$T/h" -prune -o -newer "$T/h.csv" -name 'x.*' -print)" ] && [ ! -e "$T/etc" ] &&
	[ -s "$T/h/etc-x.docx" ] && [ -s "$T/h/abs-path.docx" ] && [ -s "$T/h/hidden.docx" ]; then
	pass
else
	fail "names from '../../etc/x', '/abs/path', '.hidden' stay inside --outdir" "$(ls -A "$T/h" | head)"
fi
has "markup in a value is text in the HTML" "$T/h/etc-x.html" "[&lt;b&gt;&amp;&lt;/b&gt; **x** {{y}} _z_ # h]"
doc_xml "$T/h/etc-x.docx" >"$T/h-etc.xml"
has "markup in a value is text in the DOCX" "$T/h-etc.xml" "[&lt;b&gt;&amp;&lt;/b&gt; **x** {{y}} _z_ # h]"
hasnt "no bold run made from ** in a value" "$T/h-etc.xml" "<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">x"
has "a YAML-looking value stays text (---)" "$T/h/abs-path.html" "[---]"
if grep -q "$(head -c 10000 /dev/zero | tr '\0' 'a')" "$T/h/long.html"; then pass; else fail "a 10 000-character cell is printed whole" ""; fi
n=$(ls "$T/h" | grep -c '^b*\.docx$')
l=$(ls "$T/h" | grep '^b*\.docx$' | head -n 1)
[ "$n" = 1 ] && [ ${#l} -eq 85 ] && pass || fail "a long name is cut at 80 characters" "$l"
if command -v xmllint >/dev/null 2>&1 && doc_xml "$T/h/long.docx" | xmllint --noout - 2>/dev/null; then pass; else fail "the long document's XML is well-formed" ""; fi

# ---- duplicate names ------------------------------------------------------------------
printf 'ten,ghi_chu\nHà Nội,1\nHa Noi,2\nHÀ NỘI,3\nha-noi-2,4\n' >"$T/dup.csv"
run "$T/t.md" --data "$T/dup.csv" --outdir "$T/dup" --name '{{ten}}' --to html -q
expect "duplicate names" 0
for f in ha-noi ha-noi-2 ha-noi-3 ha-noi-2-2; do
	[ -s "$T/dup/$f.html" ] && pass || fail "duplicate names get suffixes: $f.html" "$(ls "$T/dup" | tr '\n' ' ')"
done
has "the third 'Hà Nội' is ha-noi-3" "$T/dup/ha-noi-3.html" "[3]"

# ---- a failing row among good ones --------------------------------------------------------
printf 'ten,ngay,ghi_chu\nHà Nội,2026-01-12,a\nHuế,2026-02-30,b\nĐà Nẵng,2026-03-01,c\nCần Thơ,2026-03-02\n' >"$T/mix.csv"
cat >"$T/mix.md" <<'EOF'
---
co_quan: Sở Tư pháp
dia_danh: Lâm Đồng
trich_yeu: thử
kinh_gui: "{{ten}}"
noi_nhan: [Như trên]
luu: VP
ky: {chuc_vu: Giám đốc, ho_ten: Lê Hoàng Phúc}
---

[{{ghi_chu}}]./.
EOF
run "$T/mix.md" --data "$T/mix.csv" --outdir "$T/mix" --name '{{ten}}' -q
expect "a bad row among good ones: exit 1" 1
for f in ha-noi da-nang; do
	[ -s "$T/mix/$f.docx" ] && [ -s "$T/mix/$f.html" ] && pass || fail "good row written: $f" "$(ls "$T/mix" | tr '\n' ' ')"
done
[ ! -e "$T/mix/hue.docx" ] && [ ! -e "$T/mix/hue.html" ] && pass || fail "the bad row is not written" ""
has "the bad row's reason" "$T/stderr" "2026-02-30"
has "the bad row's number and line" "$T/stderr" "congvan: row 2 (${T}/mix.csv line 3): not written"
has "a ragged row is reported with its line" "$T/stderr" "mix.csv:5: 2 fields, but the first line names 3 columns"
has "summary counts the failures" "$T/stderr" "2 documents written in"
has "summary: 2 failed" "$T/stderr" "; 2 failed"
[ "$(grep -c . "$T/mix/manifest.csv")" = 5 ] && pass || fail "manifest lists the written files only" "$(cat "$T/mix/manifest.csv")"

# ---- --dry-run --------------------------------------------------------------------------------
run "$SAMPLE" --data "$P34" --outdir "$T/dry" --dry-run --merge "$T/dry/all.docx" --zip "$T/dry.zip"
expect "--dry-run" 0
[ ! -e "$T/dry" ] && [ ! -e "$T/dry.zip" ] && pass || fail "--dry-run writes nothing" "$(ls -A "$T/dry" 2>/dev/null | head -n 3)"
[ "$(grep -c '' "$T/stdout")" = 71 ] && pass || fail "--dry-run lists 68 documents + merge, manifest, zip" "$(grep -c '' "$T/stdout") lines"
has "--dry-run lists a file" "$T/stdout" "$T/dry/34-96.html"
has "--dry-run summary" "$T/stderr" "dry run: 34 documents checked"
run "$T/mix.md" --data "$T/mix.csv" --outdir "$T/dry2" -n -q
expect "--dry-run with a bad row" 1
hasnt "--dry-run does not list the bad row" "$T/stdout" "hue"

# ---- --zip, -j1 = -j4 ----------------------------------------------------------------------------
run "$SAMPLE" --data "$P34" --outdir "$T/j1" -j1 --zip "$T/j1.zip" --merge "$T/j1/all.docx" -q
expect "-j1 with --zip and --merge" 0
run "$SAMPLE" --data "$P34" --outdir "$T/j4" -j4 --zip "$T/j4.zip" --merge "$T/j4/all.docx" -q
expect "-j4" 0
if diff -r "$T/j1" "$T/j4" >"$T/j.diff" 2>&1; then pass; else fail "-j1 and -j4 give the same bytes" "$(head -n 3 "$T/j.diff")"; fi
# a row alone (every cache of the render cold) gives the bytes it gives in
# the middle of the batch (the caches warm from the rows before it: the
# front matter, the profile, the linter's memo, the balanced lines)
for k in 7 34; do
	{ head -n 1 "$P34"; sed -n "$((k + 1))p" "$P34"; } >"$T/row$k.csv"
	ma=$(sed -n "$((k + 1))p" "$P34" | cut -d, -f1)
	run "$SAMPLE" --data "$T/row$k.csv" --outdir "$T/row$k" -q
	for ext in docx html; do
		if cmp -s "$T/row$k/1-$ma.$ext" "$T/j1/$(printf %02d $k)-$ma.$ext"; then pass
		else fail "row $k alone gives the same $ext as in the batch" "$(ls "$T/row$k" | head -n 3)"; fi
	done
done
unzip -Z1 "$T/j1.zip" >"$T/zip.list" 2>&1
[ "$(grep -c '' "$T/zip.list")" = 70 ] && pass || fail "--zip: 68 documents, the manifest and the merged DOCX" "$(grep -c '' "$T/zip.list")"
has "--zip holds the manifest" "$T/zip.list" "manifest.csv"
has "--zip holds the merged DOCX" "$T/zip.list" "all.docx"
if unzip -tq "$T/j1.zip" >/dev/null 2>&1; then pass; else fail "--zip passes unzip -t" ""; fi
mkdir -p "$T/unz" && (cd "$T/unz" && unzip -q "$T/j1.zip")
if cmp -s "$T/unz/07-15.docx" "$T/j1/07-15.docx"; then pass; else fail "--zip holds the written bytes" ""; fi

# ---- --merge: one DOCX, a section per document ------------------------------------------------
head -n 4 "$P34" >"$T/p3.csv"
run "$SAMPLE" --data "$T/p3.csv" --outdir "$T/m" --merge "$T/m/all.docx" --to docx -q
expect "--merge" 0
mkdir -p "$T/m/x" && (cd "$T/m/x" && unzip -q ../all.docx)
bad=""
for f in $(cd "$T/m/x" && find . -type f); do xmllint --noout "$T/m/x/$f" 2>/dev/null || bad="$bad $f"; done
[ -z "$bad" ] && pass || fail "merged DOCX: every part well-formed" "$bad"
n=$(grep -o '<w:sectPr' "$T/m/x/word/document.xml" | wc -l)
[ "$n" = 3 ] && pass || fail "merged DOCX: a section per document" "$n sections"
n=$(grep -o '<w:pgNumType w:start="1"/>' "$T/m/x/word/document.xml" | wc -l)
[ "$n" = 3 ] && pass || fail "merged DOCX: page numbers restart in each section" "$n"
ls "$T/m/x/word" | grep -c '^header-' | grep -qx 2 && pass || fail "equal headers stored once" "$(ls "$T/m/x/word")"
if command -v soffice >/dev/null 2>&1; then
	PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/congvan-lo.XXXXXX")
	timeout 300 soffice -env:UserInstallation="file://$PROFILE" --headless --norestore \
		--convert-to pdf --outdir "$T/m/pdf" "$T/m/all.docx" "$T/m"/[0-9]*.docx >"$T/m/soffice.log" 2>&1
	rm -rf "$PROFILE"
	total=0
	for f in "$T/m/pdf"/[0-9]*.pdf; do total=$((total + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2+0}'))); done
	merged=$(pdfinfo "$T/m/pdf/all.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	[ -n "$merged" ] && [ "$merged" = "$total" ] && [ "$total" -ge 3 ] && pass ||
		fail "LibreOffice: the merged PDF has the documents' pages together" "merged ${merged:-none}, documents $total"
	# page numbers: a document's first page shows none, its second shows 2
	p=1
	starts=0
	nums=""
	while [ "$p" -le "${merged:-0}" ]; do
		first=$(pdftotext -f "$p" -l "$p" -layout "$T/m/pdf/all.pdf" - 2>/dev/null | grep -v '^[[:space:]]*$' | head -n 1 | tr -s ' ')
		case $first in
		*"CỘNG HÒA"*) starts=$((starts + 1)) ;;
		" 2" | "2") nums="$nums $p" ;;
		*) fail "page $p of the merged PDF starts with a document or its page number" "$first" ;;
		esac
		p=$((p + 1))
	done
	[ "$starts" = 3 ] && pass || fail "LibreOffice shows every document" "$starts document starts"
	[ "$(echo $nums | wc -w)" = $((merged - 3)) ] && pass || fail "page numbers restart: every second page shows 2" "pages showing 2:$nums"
else
	fail "soffice installed" "LibreOffice is needed for --merge"
fi
# a first-page footer of each row's own (lien_he from the data): one part per row
cat >"$T/lh.md" <<'EOF2'
---
co_quan: Sở Tư pháp
dia_danh: Lâm Đồng
trich_yeu: thử
kinh_gui: "{{ten}}"
noi_nhan: [Như trên]
luu: VP
ky: {chuc_vu: Giám đốc, ho_ten: Lê Hoàng Phúc}
lien_he:
  dia_chi: "Trụ sở {{ten}}"
---

Nội dung./.
EOF2
printf 'ten\nHà Nội\nHuế\nCần Thơ\n' >"$T/lh.csv"
run "$T/lh.md" --data "$T/lh.csv" --outdir "$T/lh" --merge "$T/lh/all.docx" -q
expect "--merge with a footer per row" 0
n=$(unzip -Z1 "$T/lh/all.docx" | grep -c '^word/footer-')
[ "$n" = 4 ] && pass || fail "each row keeps its own first-page footer (3 + the shared one)" "$n footer parts"
for t in "Trụ sở Hà Nội" "Trụ sở Huế" "Trụ sở Cần Thơ"; do
	unzip -p "$T/lh/all.docx" 'word/footer-*' | grep -qF "$t" && pass || fail "merged footers hold '$t'" ""
done

# ---- Ctrl-C --------------------------------------------------------------------------------------
{
	head -n 1 "$P34"
	i=0
	while [ $i -lt 60 ]; do tail -n +2 "$P34"; i=$((i + 1)); done
} >"$T/big.csv"
rm -rf "$T/int"
# The check stages every file and the writing phase only renames them, which
# is over in a blink: a shim (tests/faults/inject.c) makes each rename take
# 20 ms, so that the interrupt lands in the middle of it.
slow=""
if cc -shared -fPIC -O1 -o "$T/inject.so" "$TOP/tests/faults/inject.c" -ldl 2>/dev/null; then slow=$T/inject.so; fi
# (an ASan build wants its runtime first: let the shim come before it)
CV_FAIL=slowrename LD_PRELOAD=$slow ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0 "$CONGVAN" batch "$SAMPLE" --data "$T/big.csv" --outdir "$T/int" -j2 >"$T/int.out" 2>&1 &
pid=$!
i=0
while [ $i -lt 300 ] && ! ls "$T/int"/*.docx >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
kill -INT $pid 2>/dev/null
wait $pid
rc=$?
[ "$rc" = 130 ] && pass || fail "Ctrl-C while writing: exit 130" "exit $rc: $(tail -n 2 "$T/int.out")"
has "Ctrl-C: says so" "$T/int.out" "interrupted:"
no_temps "Ctrl-C leaves no temporary file" "$T/int"
bad=""
for f in "$T/int"/*.docx; do unzip -tq "$f" >/dev/null 2>&1 || bad="$bad $(basename "$f")"; done
[ -z "$bad" ] && pass || fail "Ctrl-C leaves only whole DOCX (unzip -t)" "$bad"
n=$(ls "$T/int" | grep -c '\.docx$')
[ "$n" -gt 0 ] && [ "$n" -lt 2040 ] && pass || fail "Ctrl-C stopped the batch in the middle" "$n documents"
manifest_ok "after Ctrl-C the manifest lists the whole files" "$T/int"
# while checking: nothing at all
rm -rf "$T/int2"
"$CONGVAN" batch "$SAMPLE" --data "$T/big.csv" --outdir "$T/int2" -j1 >"$T/int2.out" 2>&1 &
pid=$!
sleep 0.5
kill -INT $pid 2>/dev/null
wait $pid
rc=$?
[ "$rc" = 130 ] && [ ! -e "$T/int2" ] && pass || fail "Ctrl-C while checking: exit 130, nothing written" "exit $rc"

# ---- memory: flat however many rows --------------------------------------------------------------
# What a row leaves goes to temporary files without a name, not to memory:
# the peak of a --dry-run over 200 000 rows is that of 10 000 (a tiny
# document, HTML only: the rows, not the render, are what is measured).
cat >"$T/tiny.md" <<'EOF2'
---
co_quan: Sở Tư pháp
dia_danh: Lâm Đồng
so: 12
ky_hieu: STP-VP
ngay: 2025-12-01
trich_yeu: thông báo
kinh_gui: "{{ten}}"
noi_nhan: [Như trên]
luu: VP
ky: {chuc_vu: Giám đốc, ho_ten: Lê Hoàng Phúc}
---

Nội dung./.
EOF2
case $CONGVAN in
*build-san/*) echo "note: peak memory not measured with a sanitizer build" ;;
*)
	if [ -x /usr/bin/time ]; then
		awk 'BEGIN { print "ten"; for (i = 1; i <= 200000; i++) print "Tỉnh " i }' >"$T/rows200k.csv"
		head -n 10001 "$T/rows200k.csv" >"$T/rows10k.csv"
		for n in 10k 200k; do
			/usr/bin/time -f %M -o "$T/rss$n" "$CONGVAN" batch "$T/tiny.md" --data "$T/rows$n.csv" --to html \
				--outdir "$T/rss" -n -q >/dev/null 2>"$T/rss$n.err"
		done
		a=$(tail -n 1 "$T/rss10k")
		b=$(tail -n 1 "$T/rss200k")
		echo "note: peak memory of --dry-run: $a KB for 10 000 rows, $b KB for 200 000"
		has "--dry-run over 200 000 rows" "$T/rss200k.err" "dry run: 200000 documents checked"
		[ "$b" -lt $((a + 1024)) ] && [ "$b" -lt 16384 ] && pass ||
			fail "peak memory flat: 200 000 rows within 1 MiB of 10 000, under 16 MiB" "$a KB, $b KB"
		[ ! -e "$T/rss" ] && pass || fail "--dry-run leaves nothing, not even its temporary files" "$(ls -A "$T/rss")"
		rm -f "$T/rows200k.csv"
	else
		fail "GNU time installed" "/usr/bin/time is needed to measure the peak memory"
	fi ;;
esac
ls -A "$D34" | grep -q '^\.congvan-batch-' && fail "no staging folder left after a batch" "$(ls -A "$D34" | grep '^\.')" || pass
# more distinct messages than the batch keeps in memory: every row still has
# its own, right above its row; the first ones, kept, still share one report
{
	echo 'ten,ngay,ghi_chu'
	for i in 1 2 3; do echo "T$i,same,g"; done
	awk 'BEGIN { for (i = 4; i <= 1203; i++) print "T" i ",x" i ",g"; for (i = 1204; i <= 1206; i++) print "T" i ",zz,g" }'
} >"$T/msgs.csv"
run "$T/mix.md" --data "$T/msgs.csv" --outdir "$T/msgs" -q
expect "1 206 bad rows with 1 202 distinct messages" 1
has "the first rows' shared message, once" "$T/stderr" "congvan: rows 1-3: not written (the errors above)"
[ "$(grep -c ": not written (the errors above)" "$T/stderr")" = 1204 ] && pass ||
	fail "every other row reported on its own" "$(grep -c ": not written" "$T/stderr") reports"
awk '/^congvan: row [0-9]+ \(/ { r = $3 + 0; v = (r >= 1204) ? "zz" : "x" r;
	if (index(prev, "found '\''" v "'\''") == 0) { print "row " r ": " prev; bad++ } } { prev = $0 }
	END { exit bad > 0 }' "$T/stderr" >"$T/msgs.check" && pass ||
	fail "each row's own message above its row" "$(head -n 3 "$T/msgs.check")"
[ ! -e "$T/msgs" ] && pass || fail "nothing written when no row is good" "$(ls -A "$T/msgs" | head -n 3)"
# a --name that does not start with {{row}}: names checked against all before
# them (a table in a temporary file), suffixes in row order
{
	echo 'ten,ghi_chu'
	echo 'ha-noi-3,0'
	awk 'BEGIN { for (i = 1; i <= 2000; i++) print "Hà Nội," i }'
} >"$T/dup2k.csv"
run "$T/t.md" --data "$T/dup2k.csv" --outdir "$T/dup2k" --name '{{ten}}' --to html -n -q
expect "2 001 rows, 2 000 of one name: --dry-run" 0
for f in ha-noi-3 ha-noi ha-noi-2 ha-noi-4 ha-noi-2001; do
	[ "$(grep -c "/$f\.html\$" "$T/stdout")" = 1 ] && pass || fail "2 000 equal names: $f.html once" "$(grep -c "/$f\.html\$" "$T/stdout")"
done
hasnt "2 000 equal names: the one taken is skipped, no more than needed" "$T/stdout" "ha-noi-2002.html"
[ "$(sort "$T/stdout" | uniq -d | wc -l)" = 0 ] && [ "$(wc -l <"$T/stdout")" = 2002 ] && pass ||
	fail "2 001 different names and the manifest" "$(wc -l <"$T/stdout") lines"
# the manifest is written as it is made: one longer than its buffer (64 KiB)
awk 'BEGIN { print "ten"; for (i = 1; i <= 500; i++) print "Tỉnh " i }' >"$T/m500.csv"
run "$T/tiny.md" --data "$T/m500.csv" --outdir "$T/m500" --name 'so {{ten}} van ban' -q
expect "500 rows" 0
[ "$(wc -l <"$T/m500/manifest.csv")" = 1001 ] && [ "$(wc -c <"$T/m500/manifest.csv")" -gt 65536 ] && pass ||
	fail "a manifest of 1 000 files, over 64 KiB" "$(wc -lc <"$T/m500/manifest.csv")"
manifest_ok "the long manifest's hashes = sha256sum" "$T/m500"
has "the long manifest names the last row" "$T/m500/manifest.csv" "500,so-tinh-500-van-ban.html,12/STP-VP,"
rm -rf "$T/m500" "$T/dup2k"

# ---- usage, progress bar ---------------------------------------------------------------------------
run "$SAMPLE"
expect "no --data: usage error" 2
run "$SAMPLE" --data "$P34" -j 0
expect "-j 0: usage error" 2
run "$SAMPLE" --data "$P34" --to pdf
expect "--to pdf: usage error" 2
run "$SAMPLE" --data "$P34" --merge all.pdf
expect "--merge without .docx: usage error" 2
run "$SAMPLE" --data "$T/nope.csv" --outdir "$T/nope"
expect "missing table: bad input" 1
run "$SAMPLE" --data "$P34" --outdir "$D34" --merge "$D34/01-01.docx" -q
expect "--merge onto a document: refused" 1
has "… saying which" "$T/stderr" "would overwrite the document of row 1"
run --help
expect "batch --help" 0
has "--help names the options" "$T/stdout" "--merge ALL.docx"
# not a terminal: no progress bar, one summary line
run "$SAMPLE" --data "$P34" --outdir "$T/nb" --to html
if tr '\r' '\n' <"$T/stderr" | grep -q 'checking \['; then fail "no progress bar when stderr is not a terminal" ""; else pass; fi
[ "$(grep -c '' "$T/stderr")" = 1 ] && pass || fail "one summary line" "$(cat "$T/stderr")"
if command -v script >/dev/null 2>&1; then
	script -qc "'$CONGVAN' batch '$SAMPLE' --data '$P34' --outdir '$T/tty' --to html" /dev/null >"$T/tty.out" 2>&1
	if tr '\r' '\n' <"$T/tty.out" | grep -q 'writing  \[.*\] [0-9]*/34  [0-9]*/s'; then pass; else fail "a progress bar on a terminal" "$(tr '\r' '\n' <"$T/tty.out" | head -n 3)"; fi
fi

summary
