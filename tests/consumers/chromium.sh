#!/bin/sh
# tests/consumers/chromium.sh — Chromium prints each sample's HTML to PDF
# (A4, Times/Liberation Serif, the sample's words in order, @page margin-box
# page numbers: none on page 1, "2" on top of page 2, margins, header lines,
# signature with the last paragraph, rule lines) and takes a screenshot;
# the HTML itself: lang="vi", no script, self-contained, parses cleanly.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh.inc"

D=$OUT/chromium
rm -rf "$D"
mkdir -p "$D"

have_congvan || { summary; exit 1; }
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
need "$CHROMIUM" xmllint pdfinfo pdffonts pdftotext pdftoppm "$PY" || { summary; exit 1; }

# chrome LOG ARGS...: one headless run with a throw-away profile; the
# background-networking flags keep it off the (closed) network
chrome() {
	_log=$1
	shift
	_ud=$(mktemp -d "${TMPDIR:-/tmp}/congvan-chromium.XXXXXX")
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$_ud" "$@" >>"$_log" 2>&1
	_rc=$?
	rm -rf "$_ud"
	return $_rc
}

render_samples "$D"

# HTML5 elements libxml2's HTML 4 parser does not know; anything else it
# reports is a real error
HTML5_TAGS='main|header|footer|section|article|nav|aside|figure|figcaption|time|mark'

for s in $SAMPLES; do
	html=$D/$s.html
	[ -s "$html" ] || continue

	# --- the HTML file itself
	"$PY" "$HERE/html_check.py" "$html" "$s.html" >"$D/$s.html.checks" 2>&1
	report "$D/$s.html.checks"
	xmllint --html --noout "$html" >"$D/$s.xmllint" 2>&1
	rc=$?
	errs=$(grep -E 'error|warning' "$D/$s.xmllint" | grep -Ev "Tag ($HTML5_TAGS) invalid")
	if [ "$rc" -eq 0 ] && [ -z "$errs" ]; then
		pass
	else
		fail "$s.html parses with xmllint --html without errors" "rc=$rc $(printf '%s' "$errs" | head -n 3)"
	fi

	# --- print to PDF
	pdf=$D/$s.pdf
	chrome "$D/$s.chromium.log" --print-to-pdf="$pdf" --no-pdf-header-footer "file://$html"
	if [ -s "$pdf" ]; then
		pass
	else
		fail "chromium --print-to-pdf $s.html" "$(grep -v dbus "$D/$s.chromium.log" | tail -n 3)"
		continue
	fi
	case $s in
	cong-van-khan) min=1 max=1 ;;
	cong-van-giam-doc) min=2 max=3 ;;
	*) min=1 max=6 ;;
	esac
	pdfinfo -f 1 -l 999 "$pdf" >"$D/$s.info" 2>&1
	pdffonts "$pdf" >"$D/$s.fonts" 2>&1
	pdftotext "$pdf" "$D/$s.txt" 2>/dev/null
	pdftotext -bbox-layout "$pdf" "$D/$s.bbox.html" 2>/dev/null
	pdftoppm -gray -r 100 -f 1 -l 1 -singlefile "$pdf" "$D/$s-p1" 2>/dev/null
	{
		"$PY" "$HERE/pdf_check.py" pages "$D/$s.info" "Chromium/$s" "$min" "$max"
		"$PY" "$HERE/pdf_check.py" fonts "$D/$s.fonts" "Chromium/$s"
		"$PY" "$HERE/pdf_check.py" words "$D/$s.txt" "$TOP/samples/$s.md" "Chromium/$s"
		"$PY" "$HERE/pdf_check.py" layout "$D/$s.bbox.html" "$s" "Chromium/$s" "$D/$s-p1.pgm" 100
	} >"$D/$s.checks" 2>&1
	report "$D/$s.checks"
done

# --- appendices are numbered separately (ND30.md §3.10), as the DOCX's
# sections are: each from 1, its first page without a number
pl=$D/phu-luc
{
	cat "$TOP/samples/cong-van-khan.md"
	for n in I II; do
		printf '\n# Phụ lục %s: Danh sách đơn vị %s\n\n' "$n" "$n"
		i=1
		while [ $i -le 45 ]; do
			printf '%d. Đơn vị thứ %d thực hiện rà soát, đối chiếu dữ liệu người tham gia bảo hiểm xã hội, bảo hiểm y tế trên địa bàn và báo cáo kết quả.\n' $i $i
			i=$((i + 1))
		done
	done
} >"$pl.md"
if "$CONGVAN" render -q "$pl.md" --to html -o "$pl.html" 2>"$pl.err" &&
	chrome "$pl.chromium.log" --print-to-pdf="$pl.pdf" --no-pdf-header-footer "file://$pl.html" && [ -s "$pl.pdf" ]; then
	pages=$(pdfinfo "$pl.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	# the first line of each page: its number, or the page's first words
	tops=""
	i=1
	while [ "$i" -le "${pages:-0}" ]; do
		t=$(pdftotext -f $i -l $i "$pl.pdf" - 2>/dev/null | grep -v '^[[:space:]]*$' | head -n 1)
		case $t in
		[0-9]|[0-9][0-9]) tops="$tops $t" ;;
		"Phụ lục"*) tops="$tops PL" ;;
		*) tops="$tops -" ;;
		esac
		i=$((i + 1))
	done
	# page 1 of the letter unnumbered, each appendix: unnumbered first page, then 2, 3, …
	case $tops in
	" - PL 2 PL 2"|" - PL 2 3 PL 2"|" - PL 2 PL 2 3"|" - PL 2 3 PL 2 3"|" - 2 PL 2 PL 2"|" - 2 PL 2 3 PL 2 3") pass ;;
	*) fail "HTML print: each appendix numbered from 1, its first page without a number" "page tops:$tops" ;;
	esac
else
	fail "render and print a document with two appendices" "$(cat "$pl.err" | head -n 3)"
fi

# --- a screenshot of the 1144 page as a browser shows it
s=1144-BHXH-TDKT
if [ -s "$D/$s.html" ]; then
	chrome "$D/screenshot.log" --screenshot="$D/$s.png" --window-size=1000,1400 "file://$D/$s.html"
	size=$(wc -c <"$D/$s.png" 2>/dev/null || echo 0)
	magic=$(od -An -c -N4 "$D/$s.png" 2>/dev/null | tr -d ' ')
	check "chromium --screenshot $s.png is a PNG" [ "$magic" = '211PNG' ]
	check "chromium --screenshot $s.png is non-trivial (> 20 kB, got $size bytes)" [ "$size" -gt 20480 ]
fi

summary
