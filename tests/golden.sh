#!/bin/sh
# tests/golden.sh — golden files of whole documents.
#
# Each sample is rendered; every part of its DOCX (pretty-printed with
# xmllint so that a diff reads line by line) and its HTML page are compared
# with tests/golden/<sample>/.  `sh tests/golden.sh update` (make golden)
# rewrites them: review the diff before committing, as with pandoc's
# --accept.
. "$(dirname "$0")/lib.sh"
mode=${1:-check}
work=$OUT/golden
rm -rf "$work"
mkdir -p "$work"
for md in "$TOP"/samples/*.md; do
	name=$(basename "$md" .md)
	"$CONGVAN" render -q "$md" --outdir "$work" || { fail "$name" "render failed"; continue; }
	got=$work/$name
	mkdir -p "$got"
	(cd "$got" && unzip -q -o "../$name.docx") || { fail "$name" "unzip failed"; continue; }
	find "$got" -type f | while read -r f; do
		xmllint --format "$f" > "$f.fmt" 2>/dev/null && mv "$f.fmt" "$f" || rm -f "$f.fmt"
	done
	cp "$work/$name.html" "$got/page.html"
	want=$TOP/tests/golden/$name
	if [ "$mode" = update ]; then
		rm -rf "$want"
		mkdir -p "$want"
		cp -R "$got/." "$want/"
		pass
		continue
	fi
	if [ ! -d "$want" ]; then
		fail "$name" "no golden files: run make golden"
		continue
	fi
	# every golden part is produced, identically; no part is new
	for f in $(cd "$want" && find . -type f | sort); do
		if cmp -s "$want/$f" "$got/$f"; then
			pass
		else
			fail "$name/$f" "differs from tests/golden (diff -u tests/golden/$name/$f $got/$f)"
			diff -u "$want/$f" "$got/$f" 2>&1 | head -n 20
		fi
	done
	for f in $(cd "$got" && find . -type f | sort); do
		[ -f "$want/$f" ] && pass || fail "$name/$f" "new part not in tests/golden"
	done
done
summary
