#!/bin/sh
# tests/consumers/ooxml.sh — the DOCX package as raw OOXML: parts, content
# types, relationships, styles, section (ND30-PAGE-A4, ND30-MARGIN-RANGE,
# ND30-PAGENUM-FIRST), tables, fonts, core properties, determinism.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh.inc"

D=$OUT/ooxml
rm -rf "$D"
mkdir -p "$D"

have_congvan || { summary; exit 1; }
need unzip xmllint "$PY"

# The command line documented in docs/format.md §8 and in --help's examples:
# the file first, then --outdir.
mkdir -p "$D/cli"
if "$CONGVAN" render "$TOP/samples/1144-BHXH-TDKT.md" --outdir "$D/cli" >"$D/cli.log" 2>&1 &&
	[ -s "$D/cli/1144-BHXH-TDKT.docx" ]; then
	pass
else
	fail "render FILE.md --outdir DIR (docs/format.md §8 order) writes DIR/FILE.docx" "$(head -c 300 "$D/cli.log")"
fi

render_samples "$D/a"

EXPECTED_PARTS='[Content_Types].xml
_rels/.rels
docProps/app.xml
docProps/core.xml
word/_rels/document.xml.rels
word/document.xml
word/fontTable.xml
word/footer1.xml
word/footer2.xml
word/header1.xml
word/header2.xml
word/settings.xml
word/styles.xml'

for s in $SAMPLES; do
	f=$D/a/$s.docx
	[ -s "$f" ] || { fail "$s.docx exists" "not rendered"; continue; }

	# parts: exactly the expected set, [Content_Types].xml first
	unzip -Z1 "$f" >"$D/$s.parts" 2>&1
	if [ "$(LC_ALL=C sort "$D/$s.parts")" = "$EXPECTED_PARTS" ]; then
		pass
	else
		fail "$s.docx lists exactly the expected parts" "$(LC_ALL=C sort "$D/$s.parts" | tr '\n' ' ')"
	fi
	first=$(head -n 1 "$D/$s.parts")
	check "$s.docx [Content_Types].xml is the first zip entry (got '$first')" [ "$first" = "[Content_Types].xml" ]
	check "$s.docx zip integrity (unzip -t)" unzip -tq "$f"

	# every part well-formed
	x=$D/x/$s
	rm -rf "$x"
	mkdir -p "$x"
	unzip -q -o "$f" -d "$x" 2>/dev/null
	bad=""
	while IFS= read -r part; do
		xmllint --noout "$x/$part" >/dev/null 2>&1 || bad="$bad $part"
	done <"$D/$s.parts"
	if [ -z "$bad" ]; then pass; else fail "$s.docx every part is well-formed XML (xmllint)" "bad:$bad"; fi

	# structure (relationships, content types, styles, section, tables, fonts, core)
	"$PY" "$HERE/ooxml_check.py" "$f" "$s.docx" >"$D/$s.checks" 2>&1
	report "$D/$s.checks"
done

# determinism: same input twice, and the same input with another mtime and
# without SOURCE_DATE_EPOCH, give byte-identical files
render_samples "$D/b"
mkdir -p "$D/mtime"
for s in $SAMPLES; do
	if [ -s "$D/a/$s.docx" ] && cmp -s "$D/a/$s.docx" "$D/b/$s.docx"; then
		pass
	else
		fail "$s.docx deterministic (two renders byte-identical)" "$(cmp "$D/a/$s.docx" "$D/b/$s.docx" 2>&1)"
	fi
	cp "$TOP/samples/$s.md" "$D/mtime/$s.md"
	touch -d '2001-02-03 04:05:06' "$D/mtime/$s.md"
	(unset SOURCE_DATE_EPOCH; "$CONGVAN" render -q --outdir "$D/mtime" "$D/mtime/$s.md") >/dev/null 2>&1
	if [ -s "$D/a/$s.docx" ] && cmp -s "$D/a/$s.docx" "$D/mtime/$s.docx"; then
		pass
	else
		fail "$s.docx independent of the input's mtime and of SOURCE_DATE_EPOCH" "$(cmp "$D/a/$s.docx" "$D/mtime/$s.docx" 2>&1)"
	fi
	if [ -s "$D/a/$s.html" ] && cmp -s "$D/a/$s.html" "$D/b/$s.html"; then
		pass
	else
		fail "$s.html deterministic (two renders byte-identical)" "$(cmp "$D/a/$s.html" "$D/b/$s.html" 2>&1)"
	fi
done

summary
