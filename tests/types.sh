#!/bin/sh
# tests/types.sh — the document types other than the công văn (templates/<type>/):
# every type has a sample that renders to DOCX and HTML, with the parts ND30
# prescribes for it (tên loại, ký hiệu with the type's code, thẩm quyền, căn
# cứ, "QUYẾT ĐỊNH:", the signature forms, the biên bản's two signatures, the
# copies, the appendices); each type refuses a file without its required
# keys with the same "FILE:1:1: error: missing required key" message;
# `congvan new TYPE` writes a starting file that renders; `congvan templates`
# lists the types; the --templates examples of docs/templates.md work; the
# tt01 profile; a copy reads only files beside it.
. "$(dirname "$0")/lib.sh"

T=$OUT/types
rm -rf "$T"
mkdir -p "$T"
unset CONGVAN_TEMPLATES

if [ ! -x "$CONGVAN" ]; then
	fail "congvan built" "$CONGVAN missing (make)"
	summary
	exit 1
fi

run() { "$CONGVAN" "$@" >"$T/stdout" 2>"$T/stderr"; rc=$?; }
expect() { if [ "$rc" -eq "$2" ]; then pass; else fail "$1: exit $2" "got $rc: $(head -c 400 "$T/stderr")"; fi; }
has() { if grep -qF -- "$3" "$2"; then pass; else fail "$1: '$3'" "$(head -c 400 "$2")"; fi; }
hasnt() { if grep -qF -- "$3" "$2"; then fail "$1: no '$3'" "$(grep -F -- "$3" "$2" | head -c 300)"; else pass; fi; }
# the text of word/document.xml: one paragraph per line, runs joined, no-break
# spaces (dates in a title block are glued) as spaces
doctext() {
	unzip -p "$1" word/document.xml | tr -d '\n' | sed 's/<\/w:p>/\n/g; s/<w:br\/>/ /g; s/<[^>]*>//g' |
		sed 's/\xc2\xa0/ /g; s/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$'
}
# "A" comes before "B" (in the file $1)
before() {
	a=$(grep -nF -- "$3" "$2" | head -n 1 | cut -d: -f1)
	b=$(grep -nF -- "$4" "$2" | tail -n 1 | cut -d: -f1)
	if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -le "$b" ]; then pass; else fail "$1: '$3' before '$4'" "lines $a, $b"; fi
}

TYPES=$("$CONGVAN" templates | awk '{print $1}')

# ---- congvan templates ------------------------------------------------------
run templates
expect templates 0
for t in quyet-dinh nghi-quyet to-trinh ke-hoach bao-cao thong-bao chi-thi huong-dan chuong-trinh \
	phuong-an de-an du-an quy-che quy-dinh thong-cao giay-uy-quyen phieu-gui phieu-chuyen phieu-bao \
	cong-dien giay-moi giay-gioi-thieu bien-ban giay-nghi-phep sao-y sao-luc trich-sao; do
	if grep -qE "^$t +[^ ]+ +[^ ].*" "$T/stdout"; then pass; else fail "templates lists $t with a description" "$(cat "$T/stdout")"; fi
done
# the abbreviations of ND30 Phụ lục III in their exact case (ND30-SYMBOL-TYPE)
for pair in to-trinh:TTr chuong-trinh:CTr quy-dinh:QyĐ de-an:ĐA du-an:DA trich-sao:TrS cong-dien:CĐ; do
	if grep -qE "^${pair%%:*} +${pair#*:} " "$T/stdout"; then pass; else fail "templates: ${pair%%:*} is ${pair#*:}" "$(grep "^${pair%%:*} " "$T/stdout")"; fi
done

# ---- every type has a sample that renders ---------------------------------------
for t in $TYPES; do
	[ "$t" = cong-van ] && continue
	if [ -f "$TOP/samples/$t.md" ]; then pass; else fail "samples/$t.md exists" "one complete document per type"; fi
	run render "$TOP/samples/$t.md" --outdir "$T"
	expect "render samples/$t.md" 0
	if [ -s "$T/$t.docx" ] && [ -s "$T/$t.html" ] && unzip -tq "$T/$t.docx" >/dev/null 2>&1; then
		pass
	else
		fail "$t: DOCX and HTML written" "$(ls "$T" | grep "^$t\." | tr '\n' ' ')"
		continue
	fi
	doctext "$T/$t.docx" >"$T/$t.txt"
	unzip -p "$T/$t.docx" word/document.xml >"$T/$t.xml"
	unzip -p "$T/$t.docx" word/styles.xml >"$T/$t.styles"
	# every paragraph style used is defined (the typed styles are written
	# only when needed: doc.styles_ext)
	for st in $(grep -o 'w:pStyle w:val="[A-Za-z]*"' "$T/$t.xml" | sort -u | sed 's/.*val="//; s/"//'); do
		if grep -q "w:styleId=\"$st\"" "$T/$t.styles"; then pass; else fail "$t: style $st defined in styles.xml" ""; fi
	done
	hasnt "$t: no template text left" "$T/$t.xml" "{{"
	hasnt "$t: ND30-NO-SAMPLE-TEXT" "$T/$t.txt" "Chữ ký của người có thẩm quyền"
done

# ---- the parts of each type (document.xml text, one paragraph a line) ----------
# ô 5a and ô 3: tên loại, and the type's code in the ký hiệu (ND30-SYMBOL-TYPE)
for spec in "quyet-dinh:QUYẾT ĐỊNH:Số: 1258/QĐ-UBND" "nghi-quyet:NGHỊ QUYẾT:Số: 45/NQ-HĐND" \
	"to-trinh:TỜ TRÌNH:Số: 98/TTr-STC" "ke-hoach:KẾ HOẠCH:Số: 12/KH-SNV" "bao-cao:BÁO CÁO:Số: 215/BC-STC" \
	"thong-bao:THÔNG BÁO:Số: 86/TB-VP" "chi-thi:CHỈ THỊ:Số: 03/CT-UBND" "huong-dan:HƯỚNG DẪN:Số: 05/HD-SNV" \
	"chuong-trinh:CHƯƠNG TRÌNH:Số: 01/CTr-SKHCN" "phuong-an:PHƯƠNG ÁN:Số: 07/PA-UBND" \
	"de-an:ĐỀ ÁN:Số: 12/ĐA-UBDT" "thong-cao:THÔNG CÁO:Số: 02/TC-HĐND" "giay-uy-quyen:GIẤY ỦY QUYỀN:Số: 04/GUQ-STC" \
	"phieu-gui:PHIẾU GỬI:Số: 126/PG-VP" "phieu-chuyen:PHIẾU CHUYỂN:Số: 318/PC-VP" "phieu-bao:PHIẾU BÁO:Số: 15/PB-SGDĐT" \
	"cong-dien:CÔNG ĐIỆN:Số: 09/CĐ-UBND" "giay-moi:GIẤY MỜI:Số: 45/GM-SNV" "giay-gioi-thieu:GIẤY GIỚI THIỆU:Số: 27/GGT-STC" \
	"bien-ban:BIÊN BẢN:Số: 18/BB-SXD" "giay-nghi-phep:GIẤY NGHỈ PHÉP:Số: 08/GNP-STP"; do
	t=${spec%%:*}
	r=${spec#*:}
	title=${r%%:*}
	so=${r#*:}
	[ -f "$T/$t.txt" ] || continue
	if grep -qx -- "$title" "$T/$t.txt"; then pass; else fail "$t: tên loại '$title' on a line of its own" ""; fi
	has "$t: ký hiệu" "$T/$t.txt" "$so"
	before "$t: the Số line before the tên loại" "$T/$t.txt" "$so" "$title"
	if grep -q 'CVTenLoai' "$T/$t.xml" && grep -q 'w:styleId="CVTenLoai"' "$T/$t.styles"; then pass; else fail "$t: CVTenLoai" ""; fi
	hasnt "$t: no V/v under the Số (only the công văn has one)" "$T/$t.txt" "V/v "
	grep -q '<p class="ten-loai">' "$T/$t.html" && pass || fail "$t.html: the tên loại" ""
done

# quyết định (mẫu 1.2): trích yếu, thẩm quyền, căn cứ ";" … ".", QUYẾT ĐỊNH:, Điều N. bold, TM. + KT.
f=$T/quyet-dinh.txt
if [ -f "$f" ]; then
	has qd-trich-yeu "$f" "Về việc thành lập Tổ công tác rà soát"
	if grep -qx "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" "$f"; then pass; else fail "qd: thẩm quyền line in upper case" ""; fi
	before qd-order "$f" "Về việc thành lập" "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
	before qd-order2 "$f" "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;" "QUYẾT ĐỊNH:"
	has "qd: ND30-CANCU-PUNCT ';'" "$f" "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;"
	has "qd: ND30-CANCU-PUNCT last '.'" "$f" "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 98/TTr-STC ngày 20 tháng 02 năm 2024."
	if [ "$(grep -c 'w:val="CVCanCu"' "$T/quyet-dinh.xml")" -eq 4 ]; then pass; else fail "qd: 3 căn cứ + Theo đề nghị as CVCanCu" ""; fi
	if tr -d '\n' <"$T/quyet-dinh.styles" | grep -q 'w:styleId="CVCanCu">[^§]*<w:i/>[^§]*</w:style>  *<w:style[^>]*w:styleId="CVQuyetDinh"'; then pass; else fail "qd: ND30-CANCU-ITALIC" ""; fi
	if grep -qx "QUYẾT ĐỊNH:" "$f"; then pass; else fail "qd: 'QUYẾT ĐỊNH:' on a line of its own" ""; fi
	# ND30-DIEU-FORMAT: "Điều 1." in a bold run of its own, the rest not bold
	if grep -q '<w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Điều 1.</w:t>' "$T/quyet-dinh.xml"; then pass; else fail "qd: ND30-DIEU-FORMAT 'Điều 1.' bold" ""; fi
	if grep -q '<w:t xml:space="preserve"> Thành lập Tổ công tác' "$T/quyet-dinh.xml"; then pass; else fail "qd: the article's text after 'Điều 1.' not bold" ""; fi
	before "qd: TM./KT./title" "$f" "TM. ỦY BAN NHÂN DÂN" "KT. CHỦ TỊCH"
	before "qd: KT./title" "$f" "KT. CHỦ TỊCH" "PHÓ CHỦ TỊCH"
	has "qd: Như Điều 3" "$f" "- Như Điều 3;"
	grep -q '<p class="quyet-dinh">QUYẾT ĐỊNH:</p>' "$T/quyet-dinh.html" && pass || fail "qd.html: QUYẾT ĐỊNH:" ""
	grep -q '<p class="body"><b>Điều 1.</b> Thành lập' "$T/quyet-dinh.html" && pass || fail "qd.html: Điều 1. bold" ""
	grep -q 'class="body can-cu"' "$T/quyet-dinh.html" && pass || fail "qd.html: căn cứ" ""
fi
f=$T/nghi-quyet.txt
if [ -f "$f" ]; then
	if grep -qx "QUYẾT NGHỊ:" "$f"; then pass; else fail "nq: 'QUYẾT NGHỊ:'" ""; fi
	has "nq: thẩm quyền on two lines" "$f" "HỘI ĐỒNG NHÂN DÂN TỈNH KHÁNH HÒA KHÓA VII, KỲ HỌP THỨ 18"
	has "nq: TM. 2-line" "$f" "TM. HỘI ĐỒNG NHÂN DÂN"
	has "nq: Xét … last '.'" "$f" "về việc bầu bổ sung Ủy viên Ủy ban nhân dân tỉnh."
fi
# tờ trình / báo cáo to a superior: Kính gửi, "Như trên"
for t in to-trinh bao-cao; do
	[ -f "$T/$t.txt" ] && has "$t: Kính gửi" "$T/$t.txt" "Kính gửi: Ủy ban nhân dân tỉnh" && has "$t: Như trên" "$T/$t.txt" "- Như trên;"
done
# signature forms (ND30 §3.7)
[ -f "$T/thong-bao.txt" ] && has "TL." "$T/thong-bao.txt" "TL. CHỦ TỊCH"
[ -f "$T/phieu-chuyen.txt" ] && has "TUQ." "$T/phieu-chuyen.txt" "TUQ. CHỦ TỊCH"
[ -f "$T/huong-dan.txt" ] && { has "Q." "$T/huong-dan.txt" "Q. GIÁM ĐỐC"; hasnt "Q. is one line" "$T/huong-dan.txt" "PHÓ GIÁM ĐỐC"; }
[ -f "$T/phuong-an.txt" ] && has "TM." "$T/phuong-an.txt" "TM. ỦY BAN NHÂN DÂN"
[ -f "$T/de-an.txt" ] && { has "compound KT. title" "$T/de-an.txt" "KT. BỘ TRƯỞNG, CHỦ NHIỆM"; has "compound own title" "$T/de-an.txt" "THỨ TRƯỞNG, PHÓ CHỦ NHIỆM"; }
[ -f "$T/chi-thi.txt" ] && has "head signs: no prefix" "$T/chi-thi.txt" "CHỦ TỊCH"
# công điện (mẫu 1.6)
f=$T/cong-dien.txt
if [ -f "$f" ]; then
	has "cđ: urgency" "$f" "HỎA TỐC"
	has "cđ: sender" "$f" "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:"
	has "cđ: recipients ';'" "$f" "- Giám đốc các sở, Thủ trưởng các ban, ngành thuộc tỉnh;"
	has "cđ: last recipient '.'" "$f" "- Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu."
	before "cđ: order" "$f" "CÔNG ĐIỆN" "điện:"
fi
# giấy mời, giấy giới thiệu, giấy nghỉ phép (mẫu 1.7, 1.8, 1.10)
f=$T/giay-moi.txt
if [ -f "$f" ]; then
	has gm-1 "$f" "Sở Nội vụ trân trọng kính mời:"
	has gm-2 "$f" "Tới dự Hội nghị tập huấn"
	has gm-3 "$f" "Chủ trì: Bà Nguyễn Thị Thanh Xuân"
	has gm-4 "$f" "Thời gian: 01 ngày"
	has gm-5 "$f" "Địa điểm: Hội trường tầng 3"
	before gm-order "$f" "trân trọng kính mời:" "Địa điểm:"
fi
f=$T/giay-gioi-thieu.txt
if [ -f "$f" ]; then
	has ggt-1 "$f" "Sở Tài chính trân trọng giới thiệu:"
	has ggt-2 "$f" "Bà: Trương Thị Mỹ Duyên"
	has ggt-3 "$f" "Được cử đến: Kho bạc Nhà nước khu vực XX"
	has "ggt: ND30's request, bà" "$f" "để bà có tên ở trên hoàn thành nhiệm vụ."
	has "ggt: valid to, written out (ND30-DATE-ZERO)" "$f" "Giấy này có giá trị đến hết ngày 30 tháng 4 năm 2026./."
	if grep -q 'CVTrichYeu' "$T/giay-gioi-thieu.xml"; then fail "ggt: no trích yếu (mẫu 1.8)" ""; else pass; fi
fi
f=$T/giay-nghi-phep.txt
if [ -f "$f" ]; then
	has gnp-1 "$f" "Xét Đơn đề nghị nghỉ phép ngày 18 tháng 6 năm 2026 của ông Nguyễn Minh Trí,"
	has gnp-2 "$f" "kể từ ngày 06 tháng 7 năm 2026 đến hết ngày 17 tháng 7 năm 2026 tại xã Cửa Tùng"
	has gnp-3 "$f" "Sở Tư pháp cấp cho:"
	has "gnp: confirmation block" "$f" "Xác nhận của cơ quan (tổ chức) hoặc"
fi
# biên bản (mẫu 1.9): no date line; THƯ KÝ and CHỦ TỌA in one row, names in one row
f=$T/bien-ban.txt
if [ -f "$f" ]; then
	if grep -q 'w:val="CVNgay"/></w:pPr><w:r>' "$T/bien-ban.xml"; then fail "bb: no date line (mẫu 1.9)" ""; else pass; fi
	row=$(unzip -p "$T/bien-ban.docx" word/document.xml | tr -d '\n' | sed 's/<\/w:tr>/\n/g' | grep 'THƯ KÝ')
	case $row in *"CHỦ TỌA"*) pass ;; *) fail "bb: THƯ KÝ and CHỦ TỌA in one table row" "" ;; esac
	case $row in *"Cầm Thị Lan"*"Nguyễn Hữu Tiến"*) pass ;; *) fail "bb: the two names in that row, secretary first" "" ;; esac
	# the names on one line: both blocks have as many lines above the name
	n1=$(printf '%s' "$row" | sed 's/<\/w:tc>/\n/g' | head -n 1 | grep -o 'CVChucVu' | wc -l)
	n2=$(printf '%s' "$row" | sed 's/<\/w:tc>/\n/g' | sed -n 2p | grep -o 'CVChucVu' | wc -l)
	[ "$n1" -eq "$n2" ] && pass || fail "bb: as many title lines left and right ($n1, $n2)" ""
	has "bb: Lưu: VT, Hồ sơ" "$f" "- Lưu: VT, Hồ sơ."
	before "bb: Nơi nhận under the signatures" "$f" "CHỦ TỌA" "Nơi nhận:"
fi
# mẫu 1.3: quy chế issued with a decision: no Số, no date; (Kèm theo …); Chương centred
f=$T/quy-che.txt
if [ -f "$f" ]; then
	hasnt "qc: no Số line" "$f" "Số:"
	has "qc: Kèm theo" "$f" "(Kèm theo Quyết định số 2150/QĐ-UBND ngày 15 tháng 7 năm 2025 của Ủy ban nhân dân tỉnh Quảng Ninh)"
	hasnt "qc: no Nơi nhận" "$f" "Nơi nhận:"
	if grep -qx "Chương I" "$f" && grep -qx "QUY ĐỊNH CHUNG" "$f"; then pass; else fail "qc: 'Chương I' / 'QUY ĐỊNH CHUNG'" ""; fi
	if grep -q '<w:pStyle w:val="CVChuong"/></w:pPr><w:r><w:t xml:space="preserve">Chương II</w:t>' "$T/quy-che.xml"; then pass; else fail "qc: CVChuong" ""; fi
	grep -q '<p class="division">Chương I</p>' "$T/quy-che.html" && pass || fail "qc.html: division" ""
fi
[ -f "$T/quy-dinh.txt" ] && { if grep -qx "Mục 1" "$T/quy-dinh.txt"; then pass; else fail "qyđ: Mục 1" ""; fi; }
# phụ lục (mẫu 2.1): on a new page in a section of its own (numbered from 1)
f=$T/ke-hoach.txt
if [ -f "$f" ]; then
	if grep -qx "Phụ lục" "$f"; then pass; else fail "kh: 'Phụ lục' label" ""; fi
	has "kh: appendix title in upper case" "$f" "LỊCH KIỂM TRA CÔNG TÁC"
	has "kh: (Kèm theo Kế hoạch số …)" "$f" "(Kèm theo Kế hoạch số 12/KH-SNV ngày 15 tháng 01 năm 2026 của Sở Nội vụ)"
	before "kh: the appendix after the signature" "$f" "Lê Thị Thu Hà" "LỊCH KIỂM TRA"
	n=$(grep -o '<w:sectPr>' "$T/ke-hoach.xml" | wc -l)
	[ "$n" -eq 2 ] && pass || fail "kh: two sections (document, appendix)" "$n"
	[ "$(grep -o '<w:pgNumType w:start="1"/>' "$T/ke-hoach.xml" | wc -l)" -eq 2 ] && pass || fail "kh: the appendix numbered from 1" ""
	grep -q '<section class="phu-luc phu-luc-0">' "$T/ke-hoach.html" && pass || fail "kh.html: appendix section" ""
fi
# copies (mẫu 3.1): the original, then the copying agency's block
for spec in "sao-y|SAO Y|Số: 15/SY-STC|QUYẾT ĐỊNH" "sao-luc|SAO LỤC|Số: 03/SL-BHXH|Số: 1144/BHXH-TĐKT" \
	"trich-sao|TRÍCH SAO|Số: 02/TrS-SNNMT|CHỈ THỊ"; do
	t=${spec%%|*}; r=${spec#*|}; ht=${r%%|*}; r=${r#*|}; so=${r%|*}; orig=${r##*|}
	f=$T/$t.txt
	[ -f "$f" ] || continue
	has "$t: the original" "$f" "$orig"
	if grep -qx "$ht" "$f"; then pass; else fail "$t: '$ht' on a line of its own" ""; fi
	has "$t: the copy's number" "$f" "$so"
	before "$t: the original before the copy block" "$f" "$orig" "$ht"
	if grep -qx "(Đã ký)" "$f"; then pass; else fail "$t: the original's signature reads (Đã ký)" ""; fi
done
[ -f "$T/trich-sao.txt" ] && { has "trích sao: the extract" "$T/trich-sao.txt" "Tổ chức trực 24/24 giờ"; hasnt "trích sao: not the rest" "$T/trich-sao.txt" "Công an tỉnh, Bộ Chỉ huy quân sự tỉnh"; }

# ---- profile tt01 (ND30.md §8) -----------------------------------------------------
f=$T/quyet-dinh-tt01.txt
if [ -f "$f" ]; then
	has "tt01: căn cứ last ends ','" "$f" "Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng,"
	hasnt "tt01: no parent line for an agency under the Government" "$f" "CHÍNH PHỦ"
	if tr -d '\n' <"$T/quyet-dinh-tt01.styles" | grep -q 'w:styleId="CVCanCu">[^§]*<w:i/>[^§]*</w:style>  *<w:style[^>]*w:styleId="CVQuyetDinh"'; then fail "tt01: căn cứ upright" ""; else pass; fi
	unzip -p "$T/quyet-dinh-tt01.docx" word/footer1.xml | grep -q 'PAGE' && pass || fail "tt01: page number in the footer" ""
	unzip -p "$T/quyet-dinh-tt01.docx" word/header1.xml | grep -q 'PAGE' && fail "tt01: no page number in the header" "" || pass
fi
# 1144 as it was issued: profile tt01 and the date line as printed
sed -e 's/^loai: cong-van$/loai: cong-van\nprofile: tt01/' -e 's/^ngay: 2013-03-28$/dong_ngay: "Hà Nội, ngày 28 tháng 03 năm 2013"/' \
	"$TOP/samples/1144-BHXH-TDKT.md" >"$T/1144-tt01.md"
run render "$T/1144-tt01.md" --outdir "$T"
expect "1144 under tt01" 0
has "1144 tt01: the date as printed, with a warning" "$T/stderr" "ND30-DATE-ZERO"
doctext "$T/1144-tt01.docx" >"$T/1144-tt01.txt"
has "1144 tt01: tháng 03" "$T/1144-tt01.txt" "Hà Nội, ngày 28 tháng 03 năm 2013"
unzip -p "$T/1144-tt01.docx" word/footer1.xml | grep -q 'PAGE' && pass || fail "1144 tt01: page numbers at the bottom" ""
unzip -p "$T/1144-tt01.docx" word/styles.xml | grep -A2 'w:styleId="CVSoTrang"' >/dev/null
unzip -p "$T/1144-tt01.docx" word/styles.xml | tr -d '\n' | grep -q 'w:styleId="CVSoTrang">.*<w:jc w:val="right"/>' && pass || fail "1144 tt01: page number on the right" ""

# ---- required keys: the same message as the công văn's ---------------------------------
# drop_key FILE KEY: the sample without KEY (its line and the indented lines under it)
drop_key() { awk -v k="$2" 'BEGIN{skip=0} /^---$/{n++} n==1 && $0 ~ "^"k":" {skip=1; next} skip && /^[ ]/ {next} {skip=0; print}' "$1"; }
for spec in quyet-dinh:can_cu quyet-dinh:tham_quyen nghi-quyet:can_cu to-trinh:kinh_gui bien-ban:ky_thu_ky \
	bien-ban:ky_chu_toa cong-dien:dien_gui cong-dien:do_khan giay-moi:thoi_gian giay-moi:kinh_moi \
	giay-gioi-thieu:gia_tri_den giay-nghi-phep:tu_ngay sao-y:ban_goc ke-hoach:trich_yeu chi-thi:ky; do
	t=${spec%%:*}; k=${spec#*:}
	drop_key "$TOP/samples/$t.md" "$k" >"$T/no-$k-$t.md"
	run render "$T/no-$k-$t.md" --outdir "$T"
	expect "$t without $k" 1
	has "$t without $k: message" "$T/stderr" "no-$k-$t.md:1:1: error: missing required key '$k'"
	has "$t without $k: names the type" "$T/stderr" "(loai: $t)"
	[ -e "$T/no-$k-$t.docx" ] && fail "$t without $k: no output" "" || pass
done
# a document issued with a decision needs no place, date or signature (mẫu 1.3)
drop_key "$TOP/samples/quy-dinh.md" ky >"$T/qd-no-ky.md"
run render "$T/qd-no-ky.md" --outdir "$T"
expect "quy-dinh with kem_theo, without ky" 0

# ---- checked fields: errors at the value ---------------------------------------------
cat >"$T/bad-ggt.md" <<'EOF'
---
loai: giay-gioi-thieu
co_quan: Sở Tài chính
dia_danh: Cà Mau
ong_ba: Trương Thị Mỹ Duyên
chuc_vu: Chuyên viên
duoc_cu_den: Kho bạc
ve_viec: Đối chiếu số liệu
gia_tri_den: 2026-02-30
ky: {chuc_vu: Giám đốc, ho_ten: Lý Văn Tâm}
---
EOF
run render "$T/bad-ggt.md" --outdir "$T"
expect "gia_tri_den not a date" 1
has "gia_tri_den: position and rule" "$T/stderr" "bad-ggt.md:9:14: error: 'gia_tri_den' is not a real date: 2026-02-30 [ND30-DATE-VALID]"
cat >"$T/bad-tm.md" <<'EOF'
---
loai: quyet-dinh
co_quan: Ủy ban nhân dân tỉnh Bắc Ninh
dia_danh: Bắc Ninh
trich_yeu: Về việc x
tham_quyen: Ủy ban nhân dân tỉnh Bắc Ninh
can_cu: Căn cứ Luật x
xac_nhan: maybe
ky:
  tap_the: Ủy ban nhân dân
  quyen_han: TM
  chuc_vu_cap_tren: Ủy ban nhân dân
  chuc_vu: Chủ tịch
  ho_ten: Nguyễn Văn A
---
EOF
run render "$T/bad-tm.md" --outdir "$T"
expect "tap_the with TM." 1
has "tap_the + TM.: at quyen_han" "$T/stderr" "bad-tm.md:11:14: error: 'tap_the' already prints the TM. line"
has "a field of another type is an unknown key here" "$T/stderr" "bad-tm.md:8:1: warning: unknown key 'xac_nhan'"
cat >"$T/bad-bb.md" <<'EOF'
---
loai: bien-ban
co_quan: Sở Xây dựng
trich_yeu: Họp giao ban
ky_thu_ky: {chuc_vu: Chuyên viên}
ky_chu_toa: Nguyễn Hữu Tiến
---
EOF
run render "$T/bad-bb.md" --outdir "$T"
expect "biên bản signatures" 1
has "ky_thu_ky needs ho_ten" "$T/stderr" "bad-bb.md:5:12: error: 'ky_thu_ky' needs 'ho_ten': the signer's name"
has "ky_chu_toa is a mapping" "$T/stderr" "bad-bb.md:6:13: error: 'ky_chu_toa' expects a mapping"

# ---- congvan new ------------------------------------------------------------------------
mkdir -p "$T/new"
cp "$TOP/samples/quyet-dinh.md" "$T/new/quyet-dinh.md"   # the original the copies' starters name
for t in $TYPES; do
	rm -f "$T/new/$t.md"
	[ "$t" = quyet-dinh ] && rm -f "$T/new/quyet-dinh.md"
	run new "$t" "$T/new/$t.md"
	expect "new $t" 0
	[ "$t" = quyet-dinh ] || cp "$TOP/samples/quyet-dinh.md" "$T/new/quyet-dinh.md" 2>/dev/null
	has "new $t: loai" "$T/new/$t.md" "loai: $t"
	n=$(grep -c ' # ' "$T/new/$t.md")
	[ "$n" -ge 4 ] && pass || fail "new $t: keys with comments" "$n comments"
	# every required key of the type is present
	req=$(sed -n 's/^required: *\[\(.*\)\]/\1/p' "$TOP/templates/$t/type.yaml" | tr -d ' ' | tr ',' ' ')
	for k in $req; do grep -q "^$k:" "$T/new/$t.md" && pass || fail "new $t: required key $k present" ""; done
	run render "$T/new/$t.md" --outdir "$T/new"
	expect "the starting file of $t renders" 0
done
run new quyet-dinh "$T/new/quyet-dinh.md"
expect "new does not overwrite" 1
has "new: says why" "$T/stderr" "already exists"
run new quyet-dinh "$T/new/quyet-dinh.md" --force
expect "new --force overwrites" 0
run new quyet-dinh
expect "new to standard output" 0
has "new: stdout" "$T/stdout" "loai: quyet-dinh"
run new cong-vn
expect "new: unknown type" 2
has "new: known types listed" "$T/stderr" "known types:"
run new
expect "new: no type" 2

# ---- docs/templates.md: a user's type, and one part of a built-in type -------------
mkdir -p "$T/tpl/giay-bien-nhan/docx/word" "$T/tpl/quyet-dinh"
cat >"$T/tpl/giay-bien-nhan/type.yaml" <<'EOF'
description: Giấy biên nhận hồ sơ (mẫu của cơ quan)
abbreviation: GBN
required: [co_quan, dia_danh, nguoi_nop, ky]
fields: [nguoi_nop]
EOF
cat >"$T/tpl/giay-bien-nhan/docx/word/document.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <w:body>
{{> _shared/partials/docx/header.xml}}
{{> _shared/partials/docx/title.xml}}
    <w:p><w:pPr><w:pStyle w:val="CVNoiDung"/></w:pPr><w:r><w:t xml:space="preserve">Người nộp hồ sơ: {{fm.nguoi_nop}}</w:t></w:r></w:p>
{{doc.body}}
{{> _shared/partials/docx/closing.xml}}
{{> _shared/partials/docx/sectpr.xml}}
  </w:body>
</w:document>
EOF
cat >"$T/tpl/giay-bien-nhan/page.html" <<'EOF'
{{> _shared/html/head.html}}
<body>
<main class="sheet">
{{> _shared/html/header.html}}
{{> _shared/html/title.html}}
<p class="body">Người nộp hồ sơ: {{fm.nguoi_nop}}</p>
{{doc.body}}
{{> _shared/html/closing.html}}
</main>
</body>
</html>
EOF
cat >"$T/gbn.md" <<'EOF'
---
loai: giay-bien-nhan
co_quan: Sở Tư pháp
ky_hieu: STP
dia_danh: Lâm Đồng
nguoi_nop: Ông Nguyễn Văn An
noi_nhan: [Ông Nguyễn Văn An]
ky: {chuc_vu: Giám đốc, ho_ten: Phạm Thị Lan}
---

Sở Tư pháp đã nhận hồ sơ đề nghị cấp Phiếu lý lịch tư pháp./.
EOF
run render "$T/gbn.md" --outdir "$T" --templates "$T/tpl"
expect "a user's type" 0
doctext "$T/gbn.docx" >"$T/gbn.txt"
if grep -qx "GIẤY BIÊN NHẬN HỒ SƠ" "$T/gbn.txt"; then pass; else fail "user's type: tên loại from its description" "$(head -20 "$T/gbn.txt")"; fi
has "user's type: its code in the ký hiệu" "$T/gbn.txt" "/GBN-STP"
has "user's type: its field" "$T/gbn.txt" "Người nộp hồ sơ: Ông Nguyễn Văn An"
CONGVAN_TEMPLATES=$T/tpl "$CONGVAN" templates >"$T/stdout" 2>&1
has "templates lists the user's type" "$T/stdout" "giay-bien-nhan"
CONGVAN_TEMPLATES=$T/tpl "$CONGVAN" new giay-bien-nhan >"$T/stdout" 2>&1
has "new: a starting file for the user's type" "$T/stdout" "nguoi_nop:"
# one part of a built-in type: this agency requires "Theo đề nghị" in a quyết định
sed 's/^required: \[\(.*\)\]/required: [\1, de_nghi]/' "$TOP/templates/quyet-dinh/type.yaml" >"$T/tpl/quyet-dinh/type.yaml"
drop_key "$TOP/samples/quyet-dinh.md" de_nghi >"$T/qd-no-de-nghi.md"
run render "$T/qd-no-de-nghi.md" --outdir "$T"
expect "built-in quyet-dinh: de_nghi optional" 0
run render "$T/qd-no-de-nghi.md" --outdir "$T" --templates "$T/tpl"
expect "overridden type.yaml: de_nghi required" 1
has "overridden type.yaml: message" "$T/stderr" "missing required key 'de_nghi'"
run render "$TOP/samples/quyet-dinh.md" -o "$T/qd-override.docx" --templates "$T/tpl"
expect "overridden type.yaml: the rest of the type is built-in" 0

# ---- copies read only files beside them --------------------------------------------
mkdir -p "$T/copy/sub"
cp "$TOP/samples/quyet-dinh.md" "$T/copy/qd.md"
mk_copy() { sed "s|^ban_goc: .*|ban_goc: $2|" "$TOP/samples/sao-y.md" >"$1"; }
mk_copy "$T/copy/sub/ok.md" "../qd.md"
(cd "$T/copy" && "$CONGVAN" render sub/ok.md --outdir . >"$T/stdout" 2>"$T/stderr"); rc=$?
expect "ban_goc in the current folder" 0
mk_copy "$T/copy/abs.md" "/etc/passwd"
run render "$T/copy/abs.md" --outdir "$T/copy"
expect "ban_goc absolute" 1
has "ban_goc absolute: why" "$T/stderr" "is an absolute path"
mk_copy "$T/copy/up.md" "../../../../../../../../../../../../../../../../etc/passwd"
mk_copy "$T/copy/up2.md" "../../../../../../../../../../../../../../../../no/such/file"
run render "$T/copy/up.md" --outdir "$T/copy"
expect "ban_goc outside" 1
has "ban_goc outside: why" "$T/stderr" "outside the folder of this file"
run render "$T/copy/up2.md" --outdir "$T/copy"
expect "ban_goc outside, naming nothing" 1
has "ban_goc outside, naming nothing: why" "$T/stderr" "outside the folder of this file"
mk_copy "$T/copy/missing.md" "nothing.md"
run render "$T/copy/missing.md" --outdir "$T/copy"
expect "ban_goc missing" 1
has "ban_goc missing: at the value" "$T/stderr" "missing.md:8:10: error: ban_goc: cannot open"
cp "$T/copy/sub/ok.md" "$T/copy/sub/copy1.md"
mk_copy "$T/copy/sub/copy2.md" "copy1.md"
run render "$T/copy/sub/copy2.md" --outdir "$T/copy"
expect "a copy of a copy" 1
has "a copy of a copy: why" "$T/stderr" "make the copy from the original"
printf -- '---\nloai: quyet-dinh\nco_quan: X\n---\n' >"$T/copy/bad-orig.md"
mk_copy "$T/copy/bad.md" "bad-orig.md"
run render "$T/copy/bad.md" --outdir "$T/copy"
expect "an original with errors" 1
has "the original's errors name the original" "$T/stderr" "bad-orig.md:1:1: error: missing required key"

# ---- AddressSanitizer + UBSan build, when it exists ------------------------------
SAN=$TOP/build-san/congvan
if [ -x "$SAN" ]; then
	for md in "$TOP"/samples/*.md; do
		s=$(basename "$md" .md)
		if "$SAN" render -q "$md" --outdir "$T" >"$T/san.log" 2>&1; then pass; else fail "ASan render $s" "$(grep -m3 -E 'ERROR|runtime error' "$T/san.log")"; fi
	done
fi

summary
