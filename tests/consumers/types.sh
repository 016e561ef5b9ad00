#!/bin/sh
# tests/consumers/types.sh — LibreOffice opens the DOCX of every sample of a
# type other than the công văn (quyết định, nghị quyết, the văn bản có tên
# loại, công điện, giấy mời, giấy giới thiệu, biên bản, giấy nghỉ phép, the
# copies) and prints it to PDF; poppler reads it back: A4 pages, Times /
# Liberation Serif only, the document's words in order, page numbers (none
# on page 1 of the document or of an appendix, then centred on top — at the
# bottom right under profile tt01), 30 mm left and 15 mm right margins, the
# header, the tên loại centred, "QUYẾT ĐỊNH:", the signatures (types_check.py).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh.inc"

D=$OUT/types-lo
rm -rf "$D"
mkdir -p "$D"

have_congvan || { summary; exit 1; }
need soffice pdfinfo pdffonts pdftotext "$PY" || { summary; exit 1; }

# every sample whose loai is not cong-van (the công văn samples are
# libreoffice.sh's)
TYPED=""
for md in "$TOP"/samples/*.md; do
	l=$(sed -n '2,/^---$/{s/^loai: *\([a-z0-9-]*\).*/\1/p}' "$md" | head -n 1)
	[ -n "$l" ] && [ "$l" != cong-van ] && TYPED="$TYPED $(basename "$md" .md)"
done
[ -n "$TYPED" ] && pass || fail "samples of the typed documents" "none found in samples/"

for s in $TYPED; do
	if "$CONGVAN" render -q --to docx --outdir "$D" "$TOP/samples/$s.md" >"$D/$s.render.log" 2>&1 &&
		[ -s "$D/$s.docx" ]; then
		pass
	else
		fail "render $s" "$(head -c 400 "$D/$s.render.log")"
	fi
done

PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/congvan-lo.XXXXXX")
docs=""
for s in $TYPED; do [ -s "$D/$s.docx" ] && docs="$docs $D/$s.docx"; done
# shellcheck disable=SC2086
[ -n "$docs" ] && timeout 600 soffice -env:UserInstallation="file://$PROFILE" --headless --norestore \
	--convert-to pdf --outdir "$D" $docs >"$D/soffice.log" 2>&1
rm -rf "$PROFILE"

for s in $TYPED; do
	pdf=$D/$s.pdf
	[ -s "$D/$s.docx" ] || continue
	if [ -s "$pdf" ]; then
		pass
	else
		fail "soffice converts $s.docx to PDF" "$(tail -n 3 "$D/soffice.log")"
		continue
	fi
	pdfinfo -f 1 -l 999 "$pdf" >"$D/$s.info" 2>&1
	pdffonts "$pdf" >"$D/$s.fonts" 2>&1
	pdftotext "$pdf" "$D/$s.txt" 2>/dev/null
	pdftotext -bbox-layout "$pdf" "$D/$s.bbox.html" 2>/dev/null
	{
		"$PY" "$HERE/pdf_check.py" pages "$D/$s.info" "LO/$s" 1 6
		"$PY" "$HERE/pdf_check.py" fonts "$D/$s.fonts" "LO/$s"
		"$PY" "$HERE/types_check.py" words "$D/$s.txt" "$TOP/samples/$s.md" "LO/$s"
		"$PY" "$HERE/types_check.py" layout "$D/$s.bbox.html" "$TOP/samples/$s.md" "LO/$s"
	} >"$D/$s.checks" 2>&1
	report "$D/$s.checks"
done

summary
