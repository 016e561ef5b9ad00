#!/bin/sh
# tests/bench.sh — speed and memory figures (`make bench`), measured on the
# machine it runs on, in one run.  Prints one table; a benchmark, not a
# test: it passes or fails nothing.  docs/performance.md explains the
# figures and keeps a record of them.
#
#  1. One document as a whole process: samples/1144-BHXH-TDKT.md rendered
#     to DOCX by `congvan render` (start-up, reading, checking, writing the
#     file with its fsync), and the same Markdown body through pandoc's DOCX
#     writer, side by side, with the ratio.  Wall and CPU time are the mean
#     of many runs (hyperfine when installed); peak memory is GNU time's
#     maximum resident set size.
#  2. Rendering in a loop inside one process (tests/bench/loop.c, one
#     reused cv_result as a batch worker has): documents per second, and
#     instructions per document counted by valgrind's callgrind (the
#     difference between 1 and 11 documents, so without start-up), with the
#     functions that take most of them.
#  3. Batch: samples/batch-bhxh-tinh.md over the 34 provinces and over
#     10 000 rows made from them, with -j1 and one job per processor:
#     documents per second of the whole command (every row checked, then
#     written), CPU time per document (user + system: the figure to compare
#     when other work shares the machine) and peak memory.
#  4. Deflate: the DOCX's document.xml at levels 1 to 9 (the measurement
#     behind the level render/package.c uses).
#
# Tools, each optional (the row says so when one is missing): hyperfine,
# GNU time (/usr/bin/time), valgrind, pandoc — all Debian packages.
. "$(dirname "$0")/lib.sh"
unset CONGVAN_CHECK_XML # lib.sh turns the tests' extra check on; users do not have it

B=$OUT/bench
rm -rf "$B"
mkdir -p "$B"
NPROC=$(nproc 2>/dev/null || echo 1)
ONE=$TOP/samples/1144-BHXH-TDKT.md
SAMPLE=$TOP/samples/batch-bhxh-tinh.md
LOOP=${LOOP:-$TOP/build/bench-loop}
DEFL=${DEFL:-$TOP/build/bench-deflate}
have() { command -v "$1" >/dev/null 2>&1; }
HAVE_TIME=0
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 && HAVE_TIME=1

# ---- the machine --------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)
mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)
echo "congvan $("$CONGVAN" --version 2>/dev/null | head -n 1 | awk '{print $NF}') — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: ${cpu:-?}, $NPROC processor(s), ${mem:-?}, $(uname -sr)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (other work on the machine slows the wall-clock figures; CPU figures much less)"

# ---- helpers ------------------------------------------------------------------
# timed OUT-PREFIX RUNS COMMAND...: mean wall ms, mean CPU ms (user + system)
# of RUNS runs, in $B/OUT-PREFIX.wall and .cpu
timed() {
	_p=$1
	_runs=$2
	shift 2
	if have hyperfine; then
		hyperfine -N --warmup 3 --runs "$_runs" --export-json "$B/$_p.json" "$*" >/dev/null 2>&1
		"$PY" - "$B/$_p.json" "$B/$_p" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
open(sys.argv[2] + ".wall", "w").write("%.2f" % (1000 * r["mean"]))
open(sys.argv[2] + ".cpu", "w").write("%.2f" % (1000 * (r["user"] + r["system"])))
EOF
	else
		# without hyperfine: a shell loop (its own forks are counted too)
		_t0=$(date +%s%N)
		_i=0
		while [ $_i -lt "$_runs" ]; do "$@" >/dev/null 2>&1; _i=$((_i + 1)); done
		_t1=$(date +%s%N)
		awk -v a="$_t0" -v b="$_t1" -v n="$_runs" 'BEGIN {printf "%.2f", (b - a) / 1e6 / n}' >"$B/$_p.wall"
		echo "?" >"$B/$_p.cpu"
	fi
}
# peak MB of one run of a command (GNU time), or ?
peak() {
	if [ $HAVE_TIME = 1 ]; then
		/usr/bin/time -v -o "$B/peak.time" "$@" >/dev/null 2>&1
		awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); printf "%.1f", $2 / 1024}' "$B/peak.time"
	else
		echo "?"
	fi
}

# ---- 1. one document as a process -------------------------------------------------
echo
echo "1. One document as a process: $(basename "$ONE") (the mean of 50 runs)"
# pandoc gets the same text: the Markdown body, without the front matter
awk 'BEGIN {n = 0} /^---$/ && n < 2 {n++; next} n >= 2' "$ONE" >"$B/1144-body.md"
printf '%-44s %9s %9s %9s\n' "command" "wall ms" "cpu ms" "peak MB"
row1() {
	printf '%-44s %9s %9s %9s\n' "$1" "$(cat "$B/$2.wall")" "$(cat "$B/$2.cpu")" "$3"
}
timed docx 50 "$CONGVAN" render -q "$ONE" --to docx -o "$B/one.docx"
row1 "congvan render --to docx (file, fsync'd)" docx "$(peak "$CONGVAN" render -q "$ONE" --to docx -o "$B/one.docx")"
timed stdout 50 "$CONGVAN" render -q "$ONE" --to docx -o -
row1 "congvan render --to docx -o - (no file)" stdout "$(peak "$CONGVAN" render -q "$ONE" --to docx -o -)"
timed both 50 "$CONGVAN" render -q "$ONE" --outdir "$B"
row1 "congvan render (DOCX + HTML files)" both "$(peak "$CONGVAN" render -q "$ONE" --outdir "$B")"
if have pandoc; then
	timed pandoc 50 pandoc -f markdown -t docx -o "$B/pandoc.docx" "$B/1144-body.md"
	row1 "pandoc -f markdown -t docx (body only)" pandoc \
		"$(peak pandoc -f markdown -t docx -o "$B/pandoc.docx" "$B/1144-body.md")"
	for k in docx stdout; do
		awk -v p="$(cat "$B/pandoc.wall")" -v c="$(cat "$B/$k.wall")" -v pc="$(cat "$B/pandoc.cpu")" \
			-v cc="$(cat "$B/$k.cpu")" -v what="pandoc / congvan $([ $k = docx ] && echo "to a file" || echo "-o -")" 'BEGIN {
			printf "%-44s %8.1fx %8sx\n", what, p / c, (pc + 0 > 0 && cc + 0 > 0) ? sprintf("%.1f", pc / cc) : "?" }'
	done
	echo "(target: at least 25x; pandoc writes its file without fsync, congvan's file row includes one)"
	echo "($(pandoc --version | head -n 1))"
else
	echo "pandoc                                       not installed (Debian package pandoc): no comparison"
fi

# ---- 2. rendering in a loop ---------------------------------------------------------------
echo
echo "2. Rendering in one process (tests/bench/loop.c: cv_render again and again, one reused cv_result;"
echo "   \"+ rows\": each document takes the next of the 34 provinces' rows, as in a batch)"
printf '%-34s %8s %8s %14s\n' "document (DOCX + HTML)" "docs/s" "us/doc" "instr/doc"
loop_row() {
	_doc=$1
	_data=${2:-}
	_n=$("$LOOP" "$_doc" 2000 both $_data | sed -n 's/.*: \([0-9]*\) docs\/s.*/\1/p')
	_us=$(awk -v n="${_n:-0}" 'BEGIN {if (n > 0) printf "%.0f", 1e6 / n; else print "?"}')
	_ins="?"
	if have valgrind; then
		for k in 1 11; do
			valgrind --tool=callgrind --callgrind-out-file="$B/cg.$k" "$LOOP" "$_doc" $k both $_data \
				>/dev/null 2>"$B/cg.$k.err"
		done
		_i1=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$B/cg.1.err")
		_i11=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$B/cg.11.err")
		_ins=$(awk -v a="${_i1:-0}" -v b="${_i11:-0}" 'BEGIN {if (b > a) printf "%.0f", (b - a) / 10; else print "?"}')
	fi
	printf '%-34s %8s %8s %14s\n' "$(basename "$_doc")${_data:+ + rows}" "${_n:-?}" "$_us" "$_ins"
}
loop_row "$ONE"
loop_row "$SAMPLE" "$TOP/samples/provinces-34.csv"
# where they go: instructions per document of each stage, inclusive (the
# same difference between 11 and 1 documents), for the last document above
if have callgrind_annotate && [ -f "$B/cg.11" ]; then
	echo "where the instructions of one $(basename "$SAMPLE") go (inclusive, per document):"
	for k in 1 11; do
		callgrind_annotate --inclusive=yes "$B/cg.$k" 2>/dev/null |
			sed -n 's/^ *\([0-9,][0-9,]*\) *([^)]*) *[^ ]*:\([a-z_0-9]*\) \[.*/\2 \1/p' | tr -d , >"$B/stages.$k"
	done
	for f in cv_render:"the whole render" cv_yaml_parse:"front matter (YAML)" cv_read_body:"body (Markdown)" \
		cv_lint_memo_run/cv_lint:"ND30 linter" cv_profile_load:"profile" cv_context_build:"template context" \
		cv_docx_body:"body as WordprocessingML" cv_docx_package:"DOCX parts and zip" libdeflate_deflate_compress/deflate:"  of which deflate" \
		cv_html_body:"body as HTML" cv_html_page:"HTML page"; do
		fn=${f%%:*} # NAME or NAME/OLD-NAME
		a=$(awk -v f="$fn" 'BEGIN {n = split(f, w, "/")} {for (i = 1; i <= n; i++) if ($1 == w[i]) {print $2; exit}}' "$B/stages.1")
		b=$(awk -v f="$fn" 'BEGIN {n = split(f, w, "/")} {for (i = 1; i <= n; i++) if ($1 == w[i]) {print $2; exit}}' "$B/stages.11")
		printf '   %-28s %12s\n' "${f#*:}" "$(awk -v a="${a:-0}" -v b="${b:-0}" 'BEGIN {printf "%.0f", (b - a) / 10}')"
	done
fi

# ---- 3. batch -------------------------------------------------------------------------------
# 10 000 rows: the 34 provinces over and over, each name made unique
{
	head -n 1 "$TOP/samples/provinces-34.csv"
	i=0
	while [ $i -lt 295 ]; do
		tail -n +2 "$TOP/samples/provinces-34.csv" | sed "s/^\([0-9]*\),\([^,]*\),/\1,\2 $i,/"
		i=$((i + 1))
	done
} | head -n 10001 >"$B/rows-10000.csv"
# 100 000 rows: only checked (--dry-run), to see that memory does not grow with the rows
{
	cat "$B/rows-10000.csv"
	i=1
	while [ $i -lt 10 ]; do
		tail -n +2 "$B/rows-10000.csv" | sed "s/^\([0-9]*\),\([^,]*\),/\1,\2 x$i,/"
		i=$((i + 1))
	done
} >"$B/rows-100000.csv"

# bench_batch LABEL ROWS-FILE JOBS [OPTIONS…]: one line of the table.  Each
# run writes into a folder of its own, all removed at the end: on ext4, files
# created just after thousands were deleted cost several times more system
# time (the inode allocator skips recently freed inodes), which would
# measure the file system's memory of the previous run, not congvan.
_run=0
bench_batch() {
	_label=$1
	_data=$2
	_jobs=$3
	shift 3
	_run=$((_run + 1))
	_out=$B/out$_run
	if [ $HAVE_TIME = 1 ]; then
		/usr/bin/time -v -o "$B/time" "$CONGVAN" batch "$SAMPLE" --data "$_data" --outdir "$_out" \
			-j "$_jobs" -q "$@" >/dev/null 2>"$B/err"
		_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$B/time")
		_cpu=$(awk -F: '/User time|System time/ {t += $2} END {printf "%.2f", t}' "$B/time")
	else
		"$CONGVAN" batch "$SAMPLE" --data "$_data" --outdir "$_out" -j "$_jobs" -q "$@" >/dev/null 2>"$B/err"
		_kb=
		_cpu=
	fi
	# "34 documents written in 0.41 s (83/s); 0 failed" / "dry run: 34 documents checked in …"
	_line=$(tail -n 1 "$B/err")
	_n=$(echo "$_line" | sed -n 's/^[^0-9]*\([0-9][0-9]*\) documents* \(written\|checked\).*/\1/p')
	_s=$(echo "$_line" | sed -n 's/.* in \([0-9.]*\) s .*/\1/p')
	_rate=$(echo "$_line" | sed -n 's/.*(\([0-9]*\)\/s).*/\1/p')
	_per=$(awk -v c="${_cpu:-0}" -v n="${_n:-0}" 'BEGIN {if (c > 0 && n > 0) printf "%.2f", 1000 * c / n; else print "?"}')
	printf '%-26s %6s %4s %8s %8s %8s %8s\n' "$_label" "${_n:-?}" "$_jobs" "${_s:-?}" "${_rate:-?}" \
		"$_per" "$(awk -v k="${_kb:-0}" 'BEGIN {if (k > 0) printf "%.1f", k / 1024; else print "?"}')"
}

echo
echo "3. Batch: $(basename "$SAMPLE"), DOCX + HTML per row (targets: 10 000 rows at 5 000 docs/s or more with"
echo "   every processor, peak under 16 MiB)"
printf '%-26s %6s %4s %8s %8s %8s %8s\n' "run" "docs" "jobs" "seconds" "docs/s" "cpu ms" "peak MB"
for j in 1 "$NPROC"; do
	bench_batch "34 provinces" "$TOP/samples/provinces-34.csv" "$j"
done
for j in 1 "$NPROC"; do
	bench_batch "10 000 rows" "$B/rows-10000.csv" "$j"
done
bench_batch "10 000 rows, --dry-run" "$B/rows-10000.csv" "$NPROC" --dry-run
bench_batch "100 000 rows, --dry-run" "$B/rows-100000.csv" "$NPROC" --dry-run
bench_batch "34, --merge --zip" "$TOP/samples/provinces-34.csv" "$NPROC" --merge "$B/all.docx" --zip "$B/all.zip"

# ---- 4. deflate --------------------------------------------------------------------------------
if [ -x "$DEFL" ] && have unzip; then
	echo
	echo "4. Deflate of the 1144 DOCX's parts (tests/bench/deflate.c; render/package.c uses libdeflate, level 1)"
	mkdir -p "$B/parts"
	(cd "$B/parts" && unzip -qo "$B/one.docx")
	"$DEFL" "$B/parts/word/document.xml" "$B/parts/word/styles.xml" | awk 'NR == 1 || $4 == 1 || $4 == 3 || $4 == 6 || $4 == 9 || $4 == "crc"'
fi
rm -rf "$B"
