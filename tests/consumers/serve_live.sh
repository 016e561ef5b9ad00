#!/bin/sh
# tests/consumers/serve_live.sh — live reload of `congvan serve` in real
# headless Chromium (the system one), driven by serve_live.mjs through
# playwright-core.  playwright-core comes from npm into tests/.node/ the first
# time (it never downloads a browser).  Without node, or when npm cannot
# install it, the fallback is weaker and says so: Chromium's --dump-dom
# after an edit shows the new text, which checks the re-render but not the
# in-place reload.
# Screenshots: $OUT/serve_live/serve-{preview,live,error}.png.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh.inc"

D=$OUT/serve_live
rm -rf "$D"
mkdir -p "$D/docs"
have_congvan || { summary; exit 1; }
need /usr/bin/chromium || { summary; exit 1; }

NODE_PREFIX=$TOP/tests/.node
if [ ! -f "$NODE_PREFIX/node_modules/playwright-core/package.json" ] && command -v npm >/dev/null 2>&1; then
	mkdir -p "$NODE_PREFIX"
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$NODE_PREFIX" --no-audit --no-fund \
		--loglevel=error playwright-core@1 >"$D/npm.log" 2>&1
fi

cp "$TOP"/samples/*.md "$D/docs/"
"$CONGVAN" serve "$D/docs" --port 0 >"$D/server.out" 2>"$D/server.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null' EXIT INT TERM
URL=""
i=0
while [ -z "$URL" ] && [ $i -lt 100 ] && kill -0 $PID 2>/dev/null; do
	sleep 0.1
	URL=$(sed -n 's|^congvan: serving .* at \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$D/server.out" 2>/dev/null)
	i=$((i + 1))
done
if [ -z "$URL" ]; then
	fail "server starts" "$(head -c 300 "$D/server.err")"
	summary
	exit 1
fi
pass

DOC=$D/docs/cong-van-giam-doc.md
if command -v node >/dev/null 2>&1 && [ -f "$NODE_PREFIX/node_modules/playwright-core/package.json" ]; then
	CV_URL=$URL CV_DOC=$DOC CV_NODE=$NODE_PREFIX CV_OUT=$D \
		timeout 120 node "$HERE/serve_live.mjs" >"$D/live.txt" 2>&1
	report "$D/live.txt"
	for s in preview live error; do
		check "screenshot serve-$s.png written" test -s "$D/serve-$s.png"
	done
else
	echo "note: no node, or playwright-core could not be installed (see $D/npm.log): falling back to chromium --dump-dom"
	marker="Đoạn văn mới thêm $(date +%s)"
	awk -v m="$marker" 'BEGIN{n=0} {print} /^---$/{n++; if(n==2) print "\n" m "."}' "$DOC" >"$DOC.tmp"
	mv "$DOC.tmp" "$DOC"
	sleep 1
	timeout 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--dump-dom "$URL/doc/cong-van-giam-doc.md" >"$D/dom.html" 2>"$D/chromium.log"
	check "dump-dom after the edit shows the new text" grep -qF "$marker" "$D/dom.html"
	check "dump-dom shows the toolbar" grep -qF 'id="cv-bar"' "$D/dom.html"
fi

kill -INT $PID
wait $PID
rc=$?
check "server stops with exit 0 (got $rc)" [ "$rc" = 0 ]
trap - EXIT INT TERM
summary
