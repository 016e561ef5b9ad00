#!/bin/sh
# tests/bad.sh — broken and hostile inputs: congvan must refuse each one with
# the right exit status and message (or render it, for warning cases), write
# nothing for an error, never crash, and stay within time and memory.
#
# Cases:
#   tests/bad/NAME.md      the input
#   tests/bad/NAME.expect  line 1: the exit status; line 2: a fixed string that
#                          must appear in stderr (empty: not checked)
# plus big or random inputs generated below into $OUT/bad/gen (10 MB line,
# random bytes, 10 000 recipients, deep nesting …), never committed.
#
# Each case runs as `congvan render NAME.md --outdir EMPTY` from a scratch
# folder (so messages say "NAME.md:LINE:COL: …"), under `timeout 10` and
# `ulimit -v 1000000`.  When build-san/congvan exists (make SAN=1) every case
# runs again against it with the same expectations (without the ulimit:
# ASan reserves terabytes of address space for its shadow memory).
. "$(dirname "$0")/lib.sh"

BAD=$TOP/tests/bad
W=$OUT/bad
GEN=$W/gen
rm -rf "$W"
mkdir -p "$GEN"

TIME_LIMIT=${BAD_TIMEOUT:-10}
MEM_LIMIT_KB=1000000

# run_case BIN LABEL NAME INPUT STATUS MESSAGE [EXTRA-RENDER-ARGS...]
#   STATUS may list alternatives: "0|1".
run_case() {
	_bin=$1 _label=$2 _name=$3 _input=$4 _want=$5 _msg=$6
	shift 6
	_t="$_label/$_name"
	_dir=$W/run
	rm -rf "$_dir"
	mkdir -p "$_dir/out"
	cp "$_input" "$_dir/$_name.md"
	(
		cd "$_dir" || exit 99
		case $_bin in
		*build-san/*) ;;
		*) ulimit -v $MEM_LIMIT_KB ;;
		esac
		timeout "$TIME_LIMIT" "$_bin" render "$_name.md" --outdir out "$@" >stdout 2>stderr
		echo $? >rc
	)
	_rc=$(cat "$_dir/rc" 2>/dev/null || echo none)
	# 1. exit status
	_ok=0
	_alts=$(printf '%s' "$_want" | tr '|' ' ')
	for _a in $_alts; do [ "$_rc" = "$_a" ] && _ok=1; done
	if [ $_ok = 1 ]; then
		pass
	else
		case $_rc in
		124) _why="timed out after ${TIME_LIMIT}s" ;;
		13[0-9]) _why="killed by signal $((_rc - 128))" ;;
		*) _why="" ;;
		esac
		fail "$_t" "exit status $_rc, want $_want $_why; stderr: $(head -c 400 "$_dir/stderr")"
	fi
	# 2. the message
	if [ -n "$_msg" ]; then
		if grep -qF -- "$_msg" "$_dir/stderr"; then
			pass
		else
			fail "$_t" "stderr lacks: $_msg; got: $(head -c 600 "$_dir/stderr")"
		fi
	fi
	# 3. no sanitizer report, no crash message
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation' "$_dir/stderr"; then
		fail "$_t" "sanitizer/crash report: $(grep -m1 -E 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation' "$_dir/stderr")"
	else
		pass
	fi
	# 3b. an input error is never blamed on the built-in templates
	if grep -qF 'the template produced XML that is not well-formed' "$_dir/stderr"; then
		fail "$_t" "input blamed on a template: $(grep -m1 -F 'not well-formed' "$_dir/stderr")"
	else
		pass
	fi
	# 4. outputs: nothing at all for an error; both files for a success
	_files=$(ls -A "$_dir/out")
	case $_rc in
	0)
		if [ -s "$_dir/out/$_name.docx" ] && [ -s "$_dir/out/$_name.html" ]; then
			pass
		else
			fail "$_t" "exit 0 but outputs missing: '$_files'"
		fi
		;;
	*)
		if [ -z "$_files" ]; then
			pass
		else
			fail "$_t" "error case wrote files: $_files"
		fi
		;;
	esac
	# 5. nothing written beside the input either
	_stray=$(cd "$_dir" && ls -A | grep -vxE "out|rc|stdout|stderr|$_name\\.md" | tr '\n' ' ')
	if [ -z "$_stray" ]; then pass; else fail "$_t" "stray files beside the input: $_stray"; fi
}

# ---- generated inputs ----------------------------------------------------

HEAD='---
co_quan: Sở Tư pháp
dia_danh: Lâm Đồng
trich_yeu: cử công chức tham dự tập huấn
kinh_gui: Văn phòng Ủy ban nhân dân tỉnh
ky:
  chuc_vu: Giám đốc
  ho_ten: Phạm Thị Lan
---
'

# 100 levels of "- " nesting in the body
{
	printf '%s\n' "$HEAD"
	awk 'BEGIN { ind = ""; for (i = 0; i < 100; i++) { printf "%s- mục %d\n", ind, i; ind = ind "  " } }'
} >"$GEN/deep-list.md"
# 100 levels of nesting as an ordered list with paragraphs in between
{
	printf '%s\n' "$HEAD"
	awk 'BEGIN { ind = ""; for (i = 0; i < 100; i++) { printf "%s1. mục %d\n\n", ind, i; ind = ind "   " } }'
} >"$GEN/deep-ordered.md"
# 200 levels of flow nesting in the front matter
{
	printf -- '---\nco_quan: '
	awk 'BEGIN { for (i = 0; i < 200; i++) printf "["; printf "x"; for (i = 0; i < 200; i++) printf "]"; print "" }'
	printf -- '---\n\nx./.\n'
} >"$GEN/deep-yaml.md"
# a 10 MB single-line body
{
	printf '%s\n' "$HEAD"
	awk 'BEGIN { s = "Nội dung công văn rất dài "; while (length(s) < 10485760) s = s s; print substr(s, 1, 10485760) }'
} >"$GEN/huge-line.md"
# 64 KiB of random bytes (fixed seed), after a valid opener and before it
LC_ALL=C awk 'BEGIN { srand(20130328); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }' >"$GEN/random-bytes.md"
{
	printf '%s\n' "$HEAD"
	LC_ALL=C awk 'BEGIN { srand(7); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }'
} >"$GEN/random-body.md"
# 10 000 recipients and 10 000 Nơi nhận items
{
	printf -- '---\nco_quan: Sở Tư pháp\ndia_danh: Lâm Đồng\ntrich_yeu: x\nkinh_gui:\n'
	awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "  - Cơ quan số %d\n", i }'
	printf 'noi_nhan:\n'
	awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "  - Nơi nhận số %d\n", i }'
	printf 'ky:\n  chuc_vu: Giám đốc\n  ho_ten: A\n---\n\nNội dung./.\n'
} >"$GEN/many-recipients.md"
# 200 000 dash items in the body (2.9 MB): linear time expected
{
	printf '%s\n' "$HEAD"
	awk 'BEGIN { for (i = 1; i <= 200000; i++) printf "- mục số %d\n", i }'
} >"$GEN/many-items.md"
# 200 000 paragraphs
{
	printf '%s\n' "$HEAD"
	awk 'BEGIN { for (i = 1; i <= 200000; i++) printf "Đoạn %d.\n\n", i }'
} >"$GEN/many-paras.md"
# more than 100 000 YAML values
{
	printf -- '---\nco_quan: x\nnoi_nhan: ['
	awk 'BEGIN { for (i = 0; i < 100010; i++) printf "a,"; printf "a" }'
	printf ']\n---\n\nx./.\n'
} >"$GEN/yaml-many-values.md"
# a table of 2000 columns
{
	printf '%s\n' "$HEAD"
	awk 'BEGIN { for (r = 0; r < 3; r++) { for (c = 0; c < 2000; c++) printf "| %s ", (r == 1 ? "---" : "ô"); print "|" } }'
} >"$GEN/wide-table.md"
# 100 000 nested emphasis openers and link brackets
{
	printf '%s\n' "$HEAD"
	awk 'BEGIN { for (i = 0; i < 50000; i++) printf "*_"; print "x"; for (i = 0; i < 50000; i++) printf "["; print "" }'
} >"$GEN/inline-bomb.md"
# 17 MiB: over the input limit
{
	printf '%s\n' "$HEAD"
	awk 'BEGIN { s = "x"; while (length(s) < 17825792) s = s s; print s }'
} >"$GEN/too-large.md"

# name|status|message
GENERATED='deep-list|1|deep-list.md:43:1: error: lists nested more than 32 levels deep
deep-ordered|0|1|
deep-yaml|1|deep-yaml.md:2:
huge-line|0|1|
random-bytes|1|: error: 
random-body|1|: error: 
many-recipients|0|
many-items|0|
many-paras|0|
yaml-many-values|1|too many values in the front matter
wide-table|0|
inline-bomb|0|
too-large|1|16 MiB'

# run_all BIN LABEL
run_all() {
	for _e in "$BAD"/*.expect; do
		_n=$(basename "$_e" .expect)
		if [ ! -f "$BAD/$_n.md" ]; then
			fail "$2/$_n" "no $BAD/$_n.md beside $_e"
			continue
		fi
		run_case "$1" "$2" "$_n" "$BAD/$_n.md" "$(sed -n 1p "$_e")" "$(sed -n 2p "$_e")"
	done
	printf '%s\n' "$GENERATED" | while IFS= read -r _line; do
		_n=${_line%%|*}
		_rest=${_line#*|}
		_st=${_rest%|*}
		_msg=${_rest##*|}
		run_case "$1" "$2" "$_n" "$GEN/$_n.md" "$_st" "$_msg"
		echo "$_passed $_failed" >"$W/counts"
	done
	# the loop ran in a subshell: carry its counts back
	if [ -f "$W/counts" ]; then
		read -r _passed _failed <"$W/counts"
		rm -f "$W/counts"
	fi

	# loai "../evil" must not reach a type.yaml outside the template folders,
	# even with an override folder whose sibling holds one
	_tpl=$W/tpl-root
	rm -rf "$_tpl"
	mkdir -p "$_tpl/templates" "$_tpl/evil"
	printf 'description: evil\nrequired: []\nfields: []\n' >"$_tpl/evil/type.yaml"
	run_case "$1" "$2" loai-escape "$BAD/loai-traversal.md" 1 "unknown document type (loai) '../etc'" \
		--templates "$_tpl/templates"
	sed 's|^loai: \.\./etc|loai: ../evil|' "$BAD/loai-traversal.md" >"$GEN/loai-evil.md"
	run_case "$1" "$2" loai-evil "$GEN/loai-evil.md" 1 "unknown document type (loai) '../evil'; known types: bao-cao," \
		--templates "$_tpl/templates"
	sed 's|^loai: \.\./etc|loai: /etc|' "$BAD/loai-traversal.md" >"$GEN/loai-abs.md"
	run_case "$1" "$2" loai-abs "$GEN/loai-abs.md" 1 "unknown document type (loai) '/etc'"

	# a user's template that includes itself: an error naming the template
	# and its line, not an endless loop or a stack overflow
	_loop=$W/tpl-loop
	rm -rf "$_loop"
	mkdir -p "$_loop/_shared/partials/docx"
	printf 'x\n{{> _shared/partials/docx/rule.xml}}\n' >"$_loop/_shared/partials/docx/rule.xml"
	run_case "$1" "$2" template-loop "$TOP/samples/cong-van-khan.md" 1 \
		"_shared/partials/docx/rule.xml:2:1: error: include depth over 16" --templates "$_loop"
	# two templates including each other
	mkdir -p "$_loop/_shared/html"
	printf '{{> _shared/html/kinh-gui.html}}\n' >"$_loop/_shared/html/header.html"
	printf '{{> _shared/html/header.html}}\n' >"$_loop/_shared/html/kinh-gui.html"
	run_case "$1" "$2" template-loop-2 "$TOP/samples/cong-van-khan.md" 1 "include depth over 16" \
		--templates "$_loop"
	# a batch value that names its own placeholder is text, never expanded again
	printf 'ten,so\n"{{ten}} {{so}} <b>&amp;",5\n' >"$GEN/self.csv"
	printf -- '---\nco_quan: Sở Tài chính\ndia_danh: Hà Nội\ntrich_yeu: gửi {{ten}}\nkinh_gui: "{{ten}}"\nky: {chuc_vu: Giám đốc, ho_ten: Nguyễn Văn A}\n---\n\nKính gửi {{ten}}./.\n' >"$GEN/self.md"
	rm -rf "$W/self-out"
	mkdir -p "$W/self-out"
	"$1" batch "$GEN/self.md" --data "$GEN/self.csv" --outdir "$W/self-out" --to html >/dev/null 2>&1
	_st=$?
	[ $_st -eq 0 ] && pass || fail "$2/placeholder-self" "batch exit $_st"
	grep -q 'Kính gửi {{ten}} {{so}} &lt;b&gt;&amp;amp;./.' "$W/self-out"/*.html 2>/dev/null && pass ||
		fail "$2/placeholder-self" "the value is not printed literally"
}

n_static=$(ls "$BAD"/*.expect 2>/dev/null | wc -l)
check "at least 30 committed bad cases" test "$n_static" -ge 30

if [ -x "$CONGVAN" ]; then
	run_all "$CONGVAN" plain
else
	fail plain "no $CONGVAN: run make"
fi
SAN=$TOP/build-san/congvan
if [ -x "$SAN" ]; then
	export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
	run_all "$SAN" asan
fi

summary
