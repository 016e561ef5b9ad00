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
