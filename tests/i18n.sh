#!/bin/sh
# tests/i18n.sh — messages in Vietnamese under a Vietnamese locale, English
# otherwise (gettext, src/po/vi.po):
#   help, usage errors and diagnostics are translated under LANG=vi_VN.UTF-8;
#   a diagnostic keeps its "FILE:LINE:COL: " prefix and "[RULE-ID]" suffix
#   in both languages, only "lỗi"/"cảnh báo" and the message change;
#   the documents themselves do not depend on the locale;
#   vi.po passes `msgfmt -c`, and every marked message of src/ has a
#   translation (none untranslated, none fuzzy), src/po/congvan.pot is current.
. "$(dirname "$0")/lib.sh"

T=$OUT/i18n
rm -rf "$T"
mkdir -p "$T"
unset CONGVAN_TEMPLATES

# run_in LOCALE ARGS...: congvan under LANG=LOCALE (nothing else set), from $T
run_in() {
	_l=$1
	shift
	(cd "$T" && env -u LC_ALL -u LC_MESSAGES -u LC_CTYPE -u LANGUAGE LANG="$_l" "$CONGVAN" "$@" \
		>"$T/stdout" 2>"$T/stderr")
	rc=$?
}
# has NAME FILE STRING / hasnt: FILE contains (or not) the fixed STRING
has() { if grep -qF -- "$3" "$2"; then pass; else fail "$1" "$(basename "$2") lacks '$3': $(head -c 300 "$2")"; fi; }
hasnt() { if grep -qF -- "$3" "$2"; then fail "$1" "$(basename "$2") has '$3'"; else pass; fi; }
# line NAME FILE REGEX: some line of FILE matches the extended REGEX
line() { if grep -qE -- "$3" "$2"; then pass; else fail "$1" "no line /$3/ in: $(head -c 400 "$2")"; fi; }

if [ ! -x "$CONGVAN" ]; then
	fail "congvan built" "$CONGVAN missing (make)"
	summary
	exit 1
fi

VI=
locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\{0,1\}8' && VI=vi_VN.UTF-8
if [ -n "$VI" ]; then pass; else
	fail "the vi_VN.UTF-8 locale is generated" \
		"locale -a lacks it: run tests/install-deps.sh as root (package locales, locale-gen)"
fi

# inputs: bad UTF-8 (an error with a rule id), no front matter (an error
# without one), a dong_ngay that breaks ND30 (a warning with a rule id)
printf -- '---\nco_quan: Sở Tư pháp\n---\n\nVăn b\377n./.\n' >"$T/utf8.md"
printf 'co_quan: Sở Tư pháp\n\nNội dung./.\n' >"$T/nofm.md"
cat >"$T/date.md" <<'EOF'
---
co_quan: Sở Tư pháp
ky_hieu: STP-VP
dia_danh: Lâm Đồng
dong_ngay: "Lâm Đồng, ngày 10 tháng 03 năm 2026"
trich_yeu: cử công chức tham dự tập huấn
kinh_gui: Văn phòng Ủy ban nhân dân tỉnh
noi_nhan: [Như trên]
ky: {chuc_vu: Giám đốc, ho_ten: Phạm Thị Lan}
---

Sở Tư pháp kính gửi Văn phòng Ủy ban nhân dân tỉnh tổng hợp./.
EOF

# ---- English: LANG=C and an English locale ------------------------------------------
for l in C C.UTF-8; do
	run_in "$l" --help
	has "LANG=$l --help is English" "$T/stdout" "Usage: congvan COMMAND"
	hasnt "LANG=$l --help is not Vietnamese" "$T/stdout" "Cách dùng"
done
run_in C.UTF-8 render -o out.html utf8.md
line "English error: FILE:LINE:COL: error: … [RULE]" "$T/stderr" \
	'^utf8\.md:5:6: error: invalid UTF-8 byte sequence .*\[ND30-UTF8-NFC\]$'
cp "$T/stderr" "$T/utf8.en"
run_in C.UTF-8 render -o out.html date.md
line "English warning: FILE:LINE:COL: warning: … [RULE]" "$T/stderr" '^date\.md:5:12: warning: .*\[ND30-DATE-ZERO\]$'

# ---- Vietnamese ------------------------------------------------------------------------
if [ -n "$VI" ]; then
	run_in "$VI" --help
	if [ "$rc" = 0 ]; then pass; else fail "LANG=$VI --help exits 0" "exit $rc"; fi
	has "Vietnamese --help" "$T/stdout" "Cách dùng: congvan LỆNH"
	has "Vietnamese --help: the commands" "$T/stdout" "Các lệnh:"
	has "Vietnamese --help: exit status" "$T/stdout" "Mã thoát: 0 thành công"
	hasnt "Vietnamese --help has no English left" "$T/stdout" "Usage:"
	run_in "$VI" render --help
	has "Vietnamese render --help" "$T/stdout" "Tùy chọn của lệnh render:"
	run_in "$VI" templates --help
	has "Vietnamese templates --help" "$T/stdout" "Liệt kê các loại văn bản"
	# the same with LC_ALL (which overrides LANG) and with LC_MESSAGES alone
	(cd "$T" && env -u LANGUAGE LANG=C LC_ALL="$VI" "$CONGVAN" --help >"$T/stdout" 2>&1)
	has "LC_ALL=$VI" "$T/stdout" "Cách dùng"
	(cd "$T" && env -u LANGUAGE -u LC_ALL LANG=C LC_MESSAGES="$VI" "$CONGVAN" --help >"$T/stdout" 2>&1)
	has "LC_MESSAGES=$VI" "$T/stdout" "Cách dùng"

	# usage errors: translated, exit 2
	run_in "$VI" frobnicate
	if [ "$rc" = 2 ]; then pass; else fail "Vietnamese usage error exits 2" "exit $rc"; fi
	has "Vietnamese usage error" "$T/stderr" "congvan: không có lệnh 'frobnicate'"
	has "Vietnamese hint" "$T/stderr" "Xem hướng dẫn: 'congvan --help'."
	run_in "$VI" render
	has "Vietnamese: no input file" "$T/stderr" "render: chưa có tệp nguồn"
	run_in "$VI" render --to odt x.md
	has "Vietnamese: --to format" "$T/stderr" "--to: không có định dạng 'odt' (chỉ nhận docx, html, pdf)"

	# diagnostics: the prefix and the rule id as in English, the rest Vietnamese
	run_in "$VI" render -o out.html utf8.md
	if [ "$rc" = 1 ]; then pass; else fail "Vietnamese bad input exits 1" "exit $rc"; fi
	line "Vietnamese error: FILE:LINE:COL: lỗi: … [RULE]" "$T/stderr" \
		'^utf8\.md:5:6: lỗi: chuỗi byte UTF-8 không hợp lệ .*\[ND30-UTF8-NFC\]$'
	line "Vietnamese error: the source line quoted" "$T/stderr" '^     5 \| Văn b\?n\./\.$'
	has "Vietnamese summary line" "$T/stderr" "congvan: utf8.md: không xuất được văn bản vì có 1 lỗi"
	# the part before the severity word is byte-identical in both languages
	_en=$(head -n 1 "$T/utf8.en" | cut -d' ' -f1)
	_vi=$(head -n 1 "$T/stderr" | cut -d' ' -f1)
	if [ "$_en" = "$_vi" ] && [ "$_en" = "utf8.md:5:6:" ]; then pass; else
		fail "the FILE:LINE:COL: prefix is the same in both languages" "'$_en' / '$_vi'"; fi
	run_in "$VI" render -o out.html nofm.md
	line "Vietnamese error without a rule id" "$T/stderr" '^nofm\.md:1:1: lỗi: thiếu phần khai báo: tệp phải mở đầu bằng một dòng .---.'
	run_in "$VI" render -o out.html date.md
	line "Vietnamese warning: FILE:LINE:COL: cảnh báo: … [RULE]" "$T/stderr" \
		'^date\.md:5:12: cảnh báo: dòng ngày tháng được in đúng như đã nhập.*\[ND30-DATE-ZERO\]$'
	if [ "$rc" = 0 ]; then pass; else fail "a warning does not change the exit status (vi)" "exit $rc"; fi
	# standard input and a file that cannot be opened (libc's own words too)
	printf 'x\n' | (cd "$T" && env -u LC_ALL -u LANGUAGE LANG="$VI" "$CONGVAN" render - -o - --to html \
		>/dev/null 2>"$T/stderr")
	line "Vietnamese diagnostic for <stdin>" "$T/stderr" '^<stdin>:1:1: lỗi: thiếu phần khai báo'
	run_in "$VI" render -o out.html missing.md
	has "Vietnamese: cannot open" "$T/stderr" "congvan: missing.md: không mở được: "
	# --to pdf without LibreOffice: the package is named in Vietnamese too
	mkdir -p "$T/emptybin"
	(cd "$T" && env -u LC_ALL -u LANGUAGE LANG="$VI" PATH="$T/emptybin" "$CONGVAN" render -q --to pdf \
		-o out.pdf date.md >/dev/null 2>"$T/stderr")
	has "Vietnamese: --to pdf without LibreOffice" "$T/stderr" \
		"congvan: --to pdf cần LibreOffice nhưng máy chưa cài: apt-get install libreoffice-writer-nogui"

	# the documents do not depend on the locale (numbers stay "1.15", not "1,15")
	for s in 1144-BHXH-TDKT cong-van-khan; do
		mkdir -p "$T/c" "$T/vi"
		(cd "$T" && env -u LC_ALL -u LANGUAGE LANG=C "$CONGVAN" render -q --outdir c "$TOP/samples/$s.md" \
			>/dev/null 2>&1)
		(cd "$T" && env -u LANGUAGE LC_ALL="$VI" "$CONGVAN" render -q --outdir vi "$TOP/samples/$s.md" \
			>/dev/null 2>&1)
		if [ -s "$T/c/$s.docx" ] && cmp -s "$T/c/$s.docx" "$T/vi/$s.docx" && cmp -s "$T/c/$s.html" "$T/vi/$s.html"
		then pass; else fail "$s: the same DOCX and HTML under LANG=C and $VI"; fi
	done
fi

# ---- the catalogue --------------------------------------------------------------------------
PO=$TOP/src/po
if command -v msgfmt >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1; then
	if msgfmt -c --check-format -o /dev/null "$PO/vi.po" >"$T/msgfmt.log" 2>&1; then pass; else
		fail "msgfmt -c --check-format vi.po" "$(head -c 400 "$T/msgfmt.log")"; fi
	msgfmt --statistics -o /dev/null "$PO/vi.po" >"$T/stats.log" 2>&1
	if grep -Eq '^[0-9]+ translated messages\.$' "$T/stats.log"; then pass; else
		fail "vi.po: no fuzzy or untranslated entries" "$(cat "$T/stats.log")"; fi
	# the marked strings of src/ now (as `make po` extracts them)
	# shellcheck disable=SC2046  # the file list
	(cd "$TOP" && xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
		-o "$T/fresh.pot" $(find src -name '*.[ch]' ! -name mkembed.c | LC_ALL=C sort)) >"$T/xgettext.log" 2>&1
	if [ -s "$T/fresh.pot" ]; then pass; else fail "xgettext extracts the messages" "$(head -c 300 "$T/xgettext.log")"; fi
	_n=$(grep -c '^msgid ' "$T/fresh.pot")
	if [ "$_n" -gt 100 ]; then pass; else fail "more than 100 messages are marked" "$_n msgids"; fi
	# every message of the sources has a (non-fuzzy) translation in vi.po
	if msgcmp "$PO/vi.po" "$T/fresh.pot" >"$T/msgcmp.log" 2>&1; then pass; else
		fail "every marked message is translated in vi.po (make po, then translate)" "$(head -c 600 "$T/msgcmp.log")"; fi
	# congvan.pot holds the same messages as the sources (`make po` was run)
	if msgcmp --use-untranslated "$PO/congvan.pot" "$T/fresh.pot" >"$T/potcmp.log" 2>&1 &&
		msgcmp --use-untranslated "$T/fresh.pot" "$PO/congvan.pot" >>"$T/potcmp.log" 2>&1; then pass; else
		fail "src/po/congvan.pot is current (make po)" "$(head -c 600 "$T/potcmp.log")"; fi
	# no obsolete (#~) entries left behind in vi.po
	if grep -q '^#~' "$PO/vi.po"; then fail "vi.po has no obsolete entries" "$(grep -m 3 '^#~' "$PO/vi.po")"; else pass; fi
	# the catalogue the build uses is the one of vi.po
	_mo=$(dirname "$CONGVAN")/locale/vi/LC_MESSAGES/congvan.mo
	msgfmt -o "$T/vi.mo" "$PO/vi.po" 2>/dev/null
	if [ -s "$_mo" ] && cmp -s "$T/vi.mo" "$_mo"; then pass; else
		fail "$(basename "$(dirname "$CONGVAN")")/locale/vi/LC_MESSAGES/congvan.mo built from vi.po (make)"; fi
else
	fail "gettext installed" "msgfmt/xgettext not found (tests/install-deps.sh installs gettext)"
fi

summary
