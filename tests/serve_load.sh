#!/bin/sh
# tests/serve_load.sh — `congvan serve` under load from a second process on
# loopback: wrk drives many concurrent previews and DOCX downloads for a
# bounded time; every answer must be a 200, the server must keep answering
# afterwards, and its memory must stay flat (after a warm-up round, RSS after
# a third round no more than 10% above RSS after the second: no growth per
# request).
. "$(dirname "$0")/lib.sh"
work=$OUT/serve_load
rm -rf "$work"
mkdir -p "$work/docs"
if ! command -v wrk >/dev/null 2>&1; then
	fail "wrk installed" "apt-get install wrk (make check installs it)"
	summary
	exit 1
fi
cp "$TOP/samples/1144-BHXH-TDKT.md" "$TOP/samples/cong-van-khan.md" "$work/docs/"
"$CONGVAN" serve "$work/docs" --port 0 > "$work/serve.out" 2> "$work/serve.err" &
pid=$!
url=""
i=0
while [ $i -lt 100 ] && [ -z "$url" ]; do
	sleep 0.1
	url=$(sed -n 's|^congvan: serving .* at \(http://127\.0\.0\.1:[0-9]*\)/.*$|\1|p' "$work/serve.out")
	i=$((i + 1))
done
if [ -z "$url" ]; then
	fail "server started" "$(cat "$work/serve.err")"
	kill "$pid" 2>/dev/null
	summary
	exit 1
fi
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
# wrk: 2 threads, 32 connections, 8 s per run; non-2xx answers are counted
load() {
	wrk -t2 -c32 -d8s --timeout 5s "$url$1" > "$work/$2.txt" 2>&1
	n=$(awk '/requests in/ { print $1 }' "$work/$2.txt")
	bad=$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$work/$2.txt")
	errs=$(awk '/Socket errors/ { print $0 }' "$work/$2.txt")
	[ -n "$n" ] && [ "$n" -gt 100 ] && pass || fail "$2: requests served" "$(cat "$work/$2.txt")"
	[ -z "$bad" ] && pass || fail "$2: every answer is 2xx" "$bad non-2xx"
	case $errs in *timeout\ [1-9]*) fail "$2: no timeouts" "$errs" ;; *) pass ;; esac
	echo "$2: $n requests, $(awk '/Requests\/sec/ { print $2 }' "$work/$2.txt")/s"
}
# the first round warms up (glibc gives each connection thread its malloc
# arena, libraries load on first use); after it, memory must not grow with
# the number of requests served
load /doc/1144-BHXH-TDKT.md preview-1
load /doc/cong-van-khan.docx docx-1
rss1=$(rss)
load /doc/1144-BHXH-TDKT.md preview-2
load /doc/cong-van-khan.docx docx-2
rss2=$(rss)
load /doc/1144-BHXH-TDKT.md preview-3
load /doc/cong-van-khan.docx docx-3
rss3=$(rss)
echo "RSS after the first round: ${rss1} kB, the second: ${rss2} kB, the third: ${rss3} kB"
[ "$rss3" -le $((rss2 * 11 / 10 + 2048)) ] && pass || fail "memory stays flat" "RSS ${rss1} → ${rss2} → ${rss3} kB"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/")
[ "$code" = 200 ] && pass || fail "still answering after the load" "index gave $code"
kill -INT "$pid"
wait "$pid"
rc=$?
[ $rc -eq 0 ] && pass || fail "stops cleanly after the load" "exit $rc"
summary
