#!/bin/sh
# tests/bench.sh — speed and memory figures (`make bench`).  Prints a table;
# passes or fails nothing.
#
# batch: samples/batch-bhxh-tinh.md (two pages, DOCX + HTML per row) over
# the 34 provinces and over 10 000 rows made here from them, with one job
# and with one per processor.  docs/s is documents written per second of
# the whole command (both passes: every row is rendered once to check it
# and once to write it); --dry-run is the check alone.  Peak memory is the
# maximum resident set size (GNU time; without it, VmHWM read from /proc
# while the command runs).  cpu ms is user + system time per document: the
# figure to compare when other work shares the machine.
. "$(dirname "$0")/lib.sh"

B=$OUT/bench
rm -rf "$B"
mkdir -p "$B"
NPROC=$(nproc 2>/dev/null || echo 1)
SAMPLE=$TOP/samples/batch-bhxh-tinh.md

# 10 000 rows: the 34 provinces over and over, each name made unique
{
	head -n 1 "$TOP/samples/provinces-34.csv"
	i=0
	while [ $i -lt 295 ]; do
		tail -n +2 "$TOP/samples/provinces-34.csv" | sed "s/^\([0-9]*\),\([^,]*\),/\1,\2 $i,/"
		i=$((i + 1))
	done
} | head -n 10001 >"$B/rows-10000.csv"

# peak KB of a command run in the background, from /proc (fallback)
S_peak_proc() {
	"$@" &
	_pid=$!
	_peak=0
	while kill -0 $_pid 2>/dev/null; do
		_h=$(awk '/^VmHWM:/ {print $2}' /proc/$_pid/status 2>/dev/null)
		[ -n "$_h" ] && [ "$_h" -gt "$_peak" ] && _peak=$_h
		sleep 0.05
	done
	wait $_pid
	echo "$_peak" >"$B/peak"
}

# bench_batch LABEL ROWS-FILE JOBS [OPTIONS…]: one line of the table
bench_batch() {
	_label=$1
	_data=$2
	_jobs=$3
	shift 3
	rm -rf "$B/out"
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v -o "$B/time" "$CONGVAN" batch "$SAMPLE" --data "$_data" --outdir "$B/out" \
			-j "$_jobs" -q "$@" >/dev/null 2>"$B/err"
		_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$B/time")
		_cpu=$(awk -F: '/User time|System time/ {t += $2} END {printf "%.2f", t}' "$B/time")
	else
		S_peak_proc "$CONGVAN" batch "$SAMPLE" --data "$_data" --outdir "$B/out" -j "$_jobs" -q "$@" \
			>/dev/null 2>"$B/err"
		_kb=$(cat "$B/peak")
		_cpu=
	fi
	# "34 documents written in 0.41 s (83/s); 0 failed" / "dry run: 34 documents checked in …"
	_line=$(tail -n 1 "$B/err")
	_n=$(echo "$_line" | sed -n 's/^[^0-9]*\([0-9][0-9]*\) documents* \(written\|checked\).*/\1/p')
	_s=$(echo "$_line" | sed -n 's/.* in \([0-9.]*\) s .*/\1/p')
	_rate=$(echo "$_line" | sed -n 's/.*(\([0-9]*\)\/s).*/\1/p')
	_per=$(awk -v c="${_cpu:-0}" -v n="${_n:-0}" 'BEGIN {if (c > 0 && n > 0) printf "%.1f", 1000 * c / n; else print "?"}')
	printf '%-22s %6s %4s %8s %8s %8s %10s\n' "$_label" "${_n:-?}" "$_jobs" "${_s:-?}" "${_rate:-?}" \
		"$_per" "$(awk -v k="${_kb:-0}" 'BEGIN {printf "%.1f", k / 1024}')"
	rm -rf "$B/out"
}

echo "congvan batch: $(basename "$SAMPLE"), DOCX + HTML per row; $NPROC processor(s)"
printf '%-22s %6s %4s %8s %8s %8s %10s\n' "run" "docs" "jobs" "seconds" "docs/s" "cpu ms" "peak MB"
for j in 1 "$NPROC"; do
	bench_batch "34 provinces" "$TOP/samples/provinces-34.csv" "$j"
done
for j in 1 "$NPROC"; do
	bench_batch "10 000 rows" "$B/rows-10000.csv" "$j"
done
bench_batch "10 000 rows, --dry-run" "$B/rows-10000.csv" "$NPROC" --dry-run
bench_batch "34, --merge --zip" "$TOP/samples/provinces-34.csv" "$NPROC" --merge "$B/out/all.docx" --zip "$B/out.zip"
rm -rf "$B"
