#!/bin/sh
# tests/consumers/docx_python.sh — python-docx reads each sample's DOCX: key
# texts in order, named styles, body formatting (justified, 1.27 cm first
# line, >= 6 pt after), header/Nơi nhận/signature formatting, and what is
# particular to each sample (KHẨN, table, contact footer; no KT. line).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh.inc"

D=$OUT/docx_python
rm -rf "$D"
mkdir -p "$D"

have_congvan || { summary; exit 1; }
if need "$PY" && "$PY" -c 'import docx' >"$D/import.log" 2>&1; then
	pass
else
	fail "python3-docx importable by $PY" "$(tail -n 1 "$D/import.log" 2>/dev/null)"
	summary
	exit 1
fi

render_samples "$D"
for s in $SAMPLES; do
	[ -s "$D/$s.docx" ] || continue
	"$PY" "$HERE/docx_check.py" "$D/$s.docx" "$s" >"$D/$s.checks" 2>&1
	report "$D/$s.checks"
done

summary
