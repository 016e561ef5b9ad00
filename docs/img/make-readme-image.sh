#!/bin/sh
# docs/img/make-readme-image.sh — regenerate docs/img/readme-1144.png, the
# picture at the top of README.md: the first lines of
# samples/1144-BHXH-TDKT.md next to page 1 of the document congvan makes
# of it.
#
#   sh docs/img/make-readme-image.sh     (from the top folder, after `make`)
#
# Page 1 is the DOCX printed to PDF by LibreOffice (`congvan render --to pdf`)
# and rasterised by pdftoppm at 60 dpi; Chromium (headless) lays the source
# and the page side by side in a small HTML page and takes the screenshot.
# Needs: build/congvan, soffice, pdftoppm (poppler-utils), chromium.
set -eu
cd "$(dirname "$0")/../.."
CONGVAN=${CONGVAN:-build/congvan}
CHROMIUM=${CHROMIUM:-chromium}
SRC=samples/1144-BHXH-TDKT.md
OUTPNG=docs/img/readme-1144.png
LINES=40
W=$(mktemp -d "${TMPDIR:-/tmp}/congvan-readme.XXXXXX")
trap 'rm -rf "$W"' EXIT

# 1. page 1 of the document, 60 dpi (496 x 702 px for A4)
"$CONGVAN" render -q --to pdf --outdir "$W" "$SRC"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$W/1144-BHXH-TDKT.pdf" "$W/page1"

# 2. the source, HTML-escaped, its first $LINES lines
head -n "$LINES" "$SRC" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' >"$W/source.txt"

# 3. side by side
{
	cat <<'HTML'
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><style>
html, body { margin: 0; background: #eef0f3; }
body { font: 13px "Liberation Sans", Arial, sans-serif; color: #333; }
.row { display: flex; align-items: flex-start; gap: 14px; padding: 14px 16px 10px; }
.box { background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .25); }
pre { margin: 0; width: 470px; height: 702px; overflow: hidden; padding: 6px 10px 0; box-sizing: border-box;
      font: 10.6px/1.42 "Liberation Mono", monospace; white-space: pre-wrap; word-break: break-word;
      -webkit-mask-image: linear-gradient(#000 88%, transparent); }
pre .c { color: #777; }
img { display: block; width: 496px; height: 702px; }
.arrow { align-self: center; font-size: 30px; color: #557; }
.cap { display: flex; gap: 14px; padding: 0 16px 12px; }
.cap div { text-align: center; }
code { font: 12px "Liberation Mono", monospace; }
</style></head><body>
<div class="row"><pre class="box">
HTML
	# YAML comments in grey and Markdown headings in bold, as an editor shows them
	awk '/^---$/ { fences++ }
		fences < 2 && /^#/ { print "<span class=\"c\">" $0 "</span>"; next }
		fences >= 2 && /^#/ { print "<b>" $0 "</b>"; next }
		{ print }' "$W/source.txt"
	cat <<'HTML'
</pre><div class="arrow">&#x2192;</div><img class="box" src="page1.png" alt=""></div>
<div class="cap"><div style="width:470px"><code>samples/1144-BHXH-TDKT.md</code> (the first lines)</div>
<div style="width:30px"></div>
<div style="width:496px"><code>congvan render</code> &#x2192; DOCX, HTML, PDF (page 1)</div></div>
</body></html>
HTML
} >"$W/readme.html"

UD=$W/profile
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync --user-data-dir="$UD" \
	--window-size=1060,758 --screenshot="$W/shot.png" "file://$W/readme.html" >"$W/chromium.log" 2>&1 || {
	cat "$W/chromium.log" >&2
	exit 1
}
cp "$W/shot.png" "$OUTPNG"
echo "wrote $OUTPNG ($(wc -c <"$OUTPNG") bytes)"
