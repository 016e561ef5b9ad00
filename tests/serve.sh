#!/bin/sh
# tests/serve.sh — `congvan serve` checked with a real HTTP client (curl):
# the index, a preview, the downloads, the error page and its recovery,
# path traversal and symlink escapes, server-sent events (a document and a
# template changing), concurrent requests, one-file mode, usage errors,
# SIGINT, and a short session under valgrind.  Every server listens on
# 127.0.0.1 with --port 0 and is stopped by the suite.
. "$(dirname "$0")/lib.sh"

W=$OUT/serve
rm -rf "$W"
mkdir -p "$W/docs" "$W/tpl/cong-van"
for t in curl unzip; do
	command -v $t >/dev/null 2>&1 || { fail "tool $t installed" "not found"; summary; exit 1; }
done
[ -x "$CONGVAN" ] || { fail "congvan built" "$CONGVAN missing: run make"; summary; exit 1; }

cp "$TOP"/samples/*.md "$W/docs/"
# a template folder that overrides one file with an identical copy, so the
# suite can change it and watch the pages follow
cp "$TOP/templates/cong-van/page.html" "$W/tpl/cong-van/page.html"
# something outside the served folder that must never come out
printf 'TOP-SECRET-OUTSIDE\n' >"$W/secret.md"
ln -s "$W/secret.md" "$W/docs/link-out.md"
ln -s /etc "$W/docs/etc-link"
ln -s /etc/passwd "$W/docs/passwd.md"

PID=""
RUN=""   # a command to run the server under (valgrind, at the end)
stop_server() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	PID=""
}
trap 'stop_server' EXIT INT TERM

# start_server LOG ARGS...: run `congvan serve ARGS --port 0`, wait up to 10 s
# for its "serving … at URL" line; sets PID and URL (without the final /).
start_server() {
	_log=$1
	shift
	$RUN "$CONGVAN" serve "$@" --port 0 >"$_log.out" 2>"$_log.err" &
	PID=$!
	URL=""
	_i=0
	while [ $_i -lt 100 ]; do
		URL=$(sed -n 's|^congvan: serving .* at \(http://127\.0\.0\.1:[0-9]*\)/.*$|\1|p' "$_log.out" 2>/dev/null)
		[ -n "$URL" ] && return 0
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# get PATH NAME: GET URL/PATH into $W/NAME.body and .head; prints the status
get() {
	curl -s --path-as-is -D "$W/$2.head" -o "$W/$2.body" -w '%{http_code}' "$URL$1"
}
has() { grep -qF -- "$2" "$W/$1.body"; }
header() { tr -d '\r' <"$W/$1.head" | grep -i "^$2:" | head -n 1 | sed 's/^[^:]*: //'; }

# wait_for FILE TEXT SECONDS: true once FILE contains TEXT
wait_for() {
	_n=0
	while [ $_n -lt $(($3 * 20)) ]; do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
		_n=$((_n + 1))
	done
	return 1
}

# wait_count FILE TEXT N SECONDS: true once FILE has N lines with TEXT
wait_count() {
	_n=0
	while [ $_n -lt $(($4 * 20)) ]; do
		[ "$(grep -cF -- "$2" "$1" 2>/dev/null)" -ge "$3" ] && return 0
		sleep 0.05
		_n=$((_n + 1))
	done
	return 1
}

# ---- start ------------------------------------------------------------------
if start_server "$W/main" "$W/docs" --templates "$W/tpl"; then
	pass
else
	fail "server starts and prints its URL" "$(cat "$W/main.out" "$W/main.err" | head -c 400)"
	summary
	exit 1
fi
check "prints 'congvan: serving DIR at http://127.0.0.1:PORT/'" \
	grep -qE "^congvan: serving $W/docs at http://127\.0\.0\.1:[1-9][0-9]*/\$" "$W/main.out"

# ---- index ------------------------------------------------------------------
code=$(get / index)
check "index: 200 (got $code)" [ "$code" = 200 ]
check "index: Content-Type text/html; charset=utf-8" [ "$(header index Content-Type)" = "text/html; charset=utf-8" ]
for so in "1144/BHXH-TĐKT" "07/STC-QLĐT" "4127/SNNMT-QLCTR"; do
	check "index lists số $so" has index "$so"
done
for s in 1144-BHXH-TDKT cong-van-khan cong-van-giam-doc; do
	check "index links /doc/$s.md" has index "href=\"/doc/$s.md\""
done
check "index shows the trích yếu" has index "báo cáo tình hình giải ngân kế hoạch vốn đầu tư công năm 2025"
check "index shows the date" has index "06/01/2026"
check "index does not list a symlink that leaves the folder" sh -c "! grep -q 'link-out\|passwd' '$W/index.body'"

# ---- preview ----------------------------------------------------------------
code=$(get /doc/cong-van-khan.md khan)
check "preview: 200 (got $code)" [ "$code" = 200 ]
check "preview: Content-Type text/html; charset=utf-8" [ "$(header khan Content-Type)" = "text/html; charset=utf-8" ]
check "preview: the document text" has khan "Đề nghị các chủ đầu tư khẩn trương thực hiện"
check "preview: the toolbar" has khan '<div id="cv-bar"'
check "preview: DOCX link" has khan 'href="/doc/cong-van-khan.docx"'
check "preview: HTML link" has khan 'href="/doc/cong-van-khan.html"'
check "preview: print button" has khan 'id="cv-print"'
check "preview: event stream of the document" has khan 'data-events="/events?doc=cong-van-khan.md"'
nonce=$(sed -n 's/.*<script id="cv-live" nonce="\([0-9a-f]*\)".*/\1/p' "$W/khan.body")
check "preview: CSP allows only the page's own script (nonce $nonce)" \
	sh -c "[ -n '$nonce' ] && tr -d '\r' <'$W/khan.head' | grep -q \"^Content-Security-Policy: .*script-src 'nonce-$nonce'\""
check "preview: no external script or stylesheet" sh -c "! grep -qiE '<script[^>]* src=|<link[^>]*stylesheet' '$W/khan.body'"
# the page is the one `render` writes: its <body> content appears unchanged
"$CONGVAN" render -q --to html -o "$W/khan.render.html" "$W/docs/cong-van-khan.md"
if "$PY" - "$W/khan.render.html" "$W/khan.body" <<'EOF'
import sys
r = open(sys.argv[1], encoding="utf-8").read()
p = open(sys.argv[2], encoding="utf-8").read()
body = r[r.index(">", r.index("<body")) + 1 : r.index("</body")]
sys.exit(0 if body.strip() and body in p and r[: r.index("</head")] in p else 1)
EOF
then pass; else fail "preview holds the page render writes (head and body unchanged)"; fi

# ---- downloads --------------------------------------------------------------
code=$(get /doc/cong-van-khan.docx docx)
check "DOCX: 200 (got $code)" [ "$code" = 200 ]
check "DOCX: Content-Type" [ "$(header docx Content-Type)" = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ]
cd_docx=$(header docx Content-Disposition)
case $cd_docx in
'attachment; filename="cong-van-khan.docx"'*) pass ;;
*) fail "DOCX: attachment named cong-van-khan.docx" "$cd_docx" ;;
esac
check "DOCX: a valid zip (unzip -t)" unzip -tq "$W/docx.body"
check "DOCX: has word/document.xml" sh -c "unzip -Z1 '$W/docx.body' | grep -qx word/document.xml"
check "DOCX: the same bytes as render" sh -c "'$CONGVAN' render -q -o '$W/khan.render.docx' '$W/docs/cong-van-khan.md' && cmp -s '$W/khan.render.docx' '$W/docx.body'"
code=$(get /doc/cong-van-khan.html dlhtml)
check "HTML download: 200 (got $code)" [ "$code" = 200 ]
cd_html=$(header dlhtml Content-Disposition)
case $cd_html in
'attachment; filename="cong-van-khan.html"'*) pass ;;
*) fail "HTML download: attachment named cong-van-khan.html" "$cd_html" ;;
esac
check "HTML download: the bytes render writes" cmp -s "$W/khan.render.html" "$W/dlhtml.body"

# ---- refused paths ----------------------------------------------------------
code=$(get /doc/missing.md missing)
check "/doc/missing.md → 404 (got $code)" [ "$code" = 404 ]
code=$(get /nothing-here nothing)
check "/nothing-here → 404 (got $code)" [ "$code" = 404 ]
n=0
for p in /doc/../../etc/passwd /doc/..%2f..%2fetc%2fpasswd /doc/%2e%2e/%2e%2e/%2e%2e/etc/passwd \
	/doc/%2e%2e/secret.md /doc/../secret.md /doc/..%5csecret.md /doc/%2Fetc%2Fpasswd //etc/passwd \
	/doc//etc/passwd.md /doc/link-out.md /doc/link-out.docx /doc/passwd.md /doc/etc-link/passwd.md \
	/doc/etc-link/passwd /doc/cong-van-khan.md%00.txt /doc/.%2e/secret.md /etc/passwd \
	"/events?doc=../secret.md" "/events?doc=link-out.md" "/events?doc=%2Fetc%2Fpasswd"; do
	n=$((n + 1))
	code=$(get "$p" trav$n)
	case $code in
	403 | 404) pass ;;
	*) fail "$p refused with 403/404" "got $code" ;;
	esac
	if grep -qE 'root:|TOP-SECRET-OUTSIDE' "$W/trav$n.body"; then
		fail "$p never returns the file" "$(head -c 200 "$W/trav$n.body")"
	else
		pass
	fi
done
code=$(get /doc/link-out.md linkout)
check "a symlink leaving the folder → 403 (got $code)" [ "$code" = 403 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: attacker.example' "$URL/")
check "a foreign Host header (DNS rebinding) → 403 (got $code)" [ "$code" = 403 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data x=1 "$URL/")
check "POST → 405 (got $code)" [ "$code" = 405 ]

# ---- the error page, and recovery -------------------------------------------
# line 8 of the copy is "ngay: …"; the bad value holds markup, which must
# come out escaped
sed 's|^ngay: .*|ngay: <b>2026</b>|' "$W/docs/cong-van-khan.md" >"$W/docs/bad.md"
line=$(grep -n '^ngay:' "$W/docs/bad.md" | cut -d: -f1)
code=$(get /doc/bad.md bad)
check "bad input: 422 (got $code)" [ "$code" = 422 ]
check "bad input: the page says error with bad.md:$line:7" has bad "bad.md:$line:7: error:"
check "bad input: the offending line quoted, escaped" has bad "ngay: &lt;b&gt;2026&lt;/b&gt;"
check "bad input: a caret under column 7" sh -c "grep -qE '^ +\\| {7}\\^' '$W/bad.body'"
check "bad input: no raw markup from the file" sh -c "! grep -qF '<b>2026</b>' '$W/bad.body'"
check "bad input: the page still has the live script" has bad 'id="cv-live"'
code=$(get /doc/bad.docx baddocx)
check "bad input: DOCX download → 422 with the error (got $code)" sh -c "[ $code = 422 ] && grep -qF 'error:' '$W/baddocx.body'"
code=$(get / index2)
check "server alive after bad input (index $code)" [ "$code" = 200 ]
check "index marks the bad document with its error" has index2 "bad.md:$line:7: error:"
cp "$W/docs/cong-van-khan.md" "$W/docs/bad.md"
code=$(get /doc/bad.md fixed)
check "fixed input: 200 again (got $code)" [ "$code" = 200 ]
check "fixed input: the document text" has fixed "Đề nghị các chủ đầu tư khẩn trương thực hiện"
# text from the file is escaped in the page
sed 's|^trich_yeu: .*|trich_yeu: "<script>alert(1)</script> \& co"|' "$W/docs/cong-van-khan.md" >"$W/docs/markup.md"
code=$(get /doc/markup.md markup)
check "markup in a field: rendered (got $code)" [ "$code" = 200 ]
check "markup in a field: escaped" sh -c "grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co' '$W/markup.body' && ! grep -qF '<script>alert(1)' '$W/markup.body'"
code=$(get / index3)
check "markup in a field: escaped in the index" sh -c "grep -qF '&lt;script&gt;alert(1)' '$W/index3.body' && ! grep -qF '<script>alert(1)' '$W/index3.body'"
rm -f "$W/docs/markup.md"

# a copy (sao y) names its original, read beside it under the served folder;
# an original outside the folder, even through a symlink, is refused
cp "$TOP/samples/quyet-dinh.md" "$W/docs/quyet-dinh.md"
cp "$TOP/samples/sao-y.md" "$W/docs/sao-y.md"
code=$(get /doc/sao-y.md saoy)
check "a copy: its original laid out in the page (got $code)" sh -c "[ $code = 200 ] && grep -qF 'SAO Y' '$W/saoy.body' && grep -qF 'Tổ công tác' '$W/saoy.body'"
sed 's|^ban_goc: .*|ban_goc: link-out.md|' "$W/docs/sao-y.md" >"$W/docs/copy-out.md"
code=$(get /doc/copy-out.md copyout)
check "a copy of a file outside the folder: 422, nothing of it shown (got $code)" sh -c "[ $code = 422 ] && grep -qF 'outside the folder served' '$W/copyout.body' && ! grep -qF TOP-SECRET '$W/copyout.body'"
sed 's|^ban_goc: .*|ban_goc: ../secret.md|' "$W/docs/sao-y.md" >"$W/docs/copy-up.md"
code=$(get /doc/copy-up.md copyup)
check "a copy naming ../: 422 (got $code)" sh -c "[ $code = 422 ] && ! grep -qF TOP-SECRET '$W/copyup.body'"
rm -f "$W/docs/quyet-dinh.md" "$W/docs/sao-y.md" "$W/docs/copy-out.md" "$W/docs/copy-up.md"

# hostile files: a FIFO, invalid UTF-8, an oversized file; none may hang or
# kill the server
mkfifo "$W/docs/fifo.md" 2>/dev/null
code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$URL/doc/fifo.md")
check "a FIFO named .md → 404, no hang (got $code)" [ "$code" = 404 ]
printf -- '---\nco_quan: S\377 \376x\n---\n' >"$W/docs/badutf8.md"
code=$(get /doc/badutf8.md badutf8)
check "invalid UTF-8: 422 with the position (got $code)" sh -c "[ $code = 422 ] && grep -qF 'badutf8.md:2:' '$W/badutf8.body'"
head -c 17000000 /dev/zero | tr '\0' 'a' >"$W/docs/huge.md"
code=$(get /doc/huge.md huge)
check "a 17 MB file: refused with a reason (got $code)" sh -c "[ $code = 422 ] && grep -qF '16 MiB' '$W/huge.body'"
rm -f "$W/docs/fifo.md" "$W/docs/badutf8.md" "$W/docs/huge.md"
code=$(get / index4)
check "server alive after hostile files (index $code)" [ "$code" = 200 ]

# ---- server-sent events -----------------------------------------------------
curl -sN "$URL/events?doc=cong-van-khan.md" >"$W/sse.txt" 2>/dev/null &
SSE=$!
check "events: the stream opens at once" wait_for "$W/sse.txt" ": congvan live reload" 3
check "events: Content-Type text/event-stream" sh -c "curl -s -m 1 -D - -o /dev/null '$URL/events?doc=cong-van-khan.md' | tr -d '\\r' | grep -qi '^Content-Type: text/event-stream'"
touch "$W/docs/cong-van-khan.md"
check "events: 'reload' within 2 s of touching the file" wait_for "$W/sse.txt" "event: reload" 2
# the other document's stream stays quiet
curl -sN "$URL/events?doc=1144-BHXH-TDKT.md" >"$W/sse2.txt" 2>/dev/null &
SSE2=$!
wait_for "$W/sse2.txt" ": congvan live reload" 3
# a template change reloads every page, and the pages use the new template
sed 's|<main class="sheet">|<main class="sheet"><p id="tpl-marker">TEMPLATE-CHANGED</p>|' \
	"$TOP/templates/cong-van/page.html" >"$W/tpl/cong-van/page.html.tmp"
mv "$W/tpl/cong-van/page.html.tmp" "$W/tpl/cong-van/page.html"
check "events: 'reload' within 2 s of a template change" wait_for "$W/sse2.txt" "event: reload" 2
code=$(get /doc/1144-BHXH-TDKT.md tplchanged)
check "template change: the page uses the new template ($code)" has tplchanged "TEMPLATE-CHANGED"
# a broken template: the page shows the template's file:line:col, then recovers
{ cat "$TOP/templates/cong-van/page.html"; printf '{{#if doc}}never closed\n'; } >"$W/tpl/cong-van/page.html.tmp"
mv "$W/tpl/cong-van/page.html.tmp" "$W/tpl/cong-van/page.html"
check "events: 'reload' after a broken template" wait_count "$W/sse2.txt" "event: reload" 2 3
code=$(get /doc/1144-BHXH-TDKT.md tplbroken)
check "broken template: 422 naming cong-van/page.html:LINE:COL (got $code)" \
	sh -c "[ $code = 422 ] && grep -qE 'cong-van/page\.html:[0-9]+:[0-9]+: error' '$W/tplbroken.body'"
cp "$TOP/templates/cong-van/page.html" "$W/tpl/cong-van/page.html"
check "events: 'reload' after the template is fixed" wait_count "$W/sse2.txt" "event: reload" 3 3
code=$(get /doc/1144-BHXH-TDKT.md tplfixed)
check "fixed template: 200, without the marker (got $code)" sh -c "[ $code = 200 ] && ! grep -q TEMPLATE-CHANGED '$W/tplfixed.body'"
kill $SSE $SSE2 2>/dev/null
wait $SSE $SSE2 2>/dev/null

# ---- concurrency ------------------------------------------------------------
# 20 clients at once (an event stream open alongside)
curl -sN "$URL/events" >"$W/sse3.txt" 2>/dev/null &
SSE3=$!
i=0
pids=""
while [ $i -lt 20 ]; do
	case $((i % 4)) in
	0) p=/ ;;
	1) p=/doc/1144-BHXH-TDKT.md ;;
	2) p=/doc/cong-van-giam-doc.docx ;;
	*) p=/doc/cong-van-khan.md ;;
	esac
	curl -s -m 20 -o /dev/null -w '%{http_code}\n' "$URL$p" >"$W/conc.$i" &
	pids="$pids $!"
	i=$((i + 1))
done
wait $pids
ok=$(cat "$W"/conc.* | grep -c '^200$')
check "20 concurrent requests all 200 (got $ok)" [ "$ok" = 20 ]
kill $SSE3 2>/dev/null
wait $SSE3 2>/dev/null

# ---- SIGINT -----------------------------------------------------------------
curl -sN "$URL/events?doc=cong-van-khan.md" >/dev/null 2>&1 &
SSE4=$!
sleep 0.3
kill -INT "$PID"
n=0
while kill -0 "$PID" 2>/dev/null && [ $n -lt 20 ]; do
	sleep 0.1
	n=$((n + 1))
done
if kill -0 "$PID" 2>/dev/null; then
	fail "SIGINT stops the server within 2 s" "still running"
	kill -9 "$PID"
	wait "$PID" 2>/dev/null
else
	wait "$PID"
	rc=$?
	check "SIGINT: exit 0 (got $rc)" [ "$rc" = 0 ]
	pass
fi
PID=""
wait $SSE4 2>/dev/null
check "no sanitizer or runtime error on stderr" sh -c "! grep -qE 'Sanitizer|runtime error|LeakSanitizer' '$W/main.err'"
check "template reload was logged" grep -q "templates reloaded from" "$W/main.err"

# ---- one file ---------------------------------------------------------------
if start_server "$W/one" "$W/docs/1144-BHXH-TDKT.md"; then
	check "one file: the URL is its page" grep -qE "^congvan: serving .* at http://127\.0\.0\.1:[0-9]+/doc/1144-BHXH-TDKT\.md\$" "$W/one.out"
	code=$(get /doc/1144-BHXH-TDKT.md one)
	check "one file: its page (got $code)" [ "$code" = 200 ]
	code=$(get /doc/cong-van-khan.md other)
	check "one file: another document of the folder → 404 (got $code)" [ "$code" = 404 ]
	code=$(get / oneindex)
	check "one file: the index lists it alone" sh -c "[ $code = 200 ] && grep -q '1144/BHXH-TĐKT' '$W/oneindex.body' && ! grep -q 'cong-van-khan' '$W/oneindex.body'"
	# port in use: a second server on the same port fails with status 1
	port=${URL##*:}
	"$CONGVAN" serve "$W/docs" --port "$port" >"$W/busy.out" 2>"$W/busy.err"
	rc=$?
	check "port in use: exit 1 (got $rc)" [ "$rc" = 1 ]
	check "port in use: says why" grep -q "cannot listen" "$W/busy.err"
	stop_server
else
	fail "one file: server starts" "$(cat "$W/one.err" | head -c 300)"
fi

# ---- usage ------------------------------------------------------------------
"$CONGVAN" serve --port x >/dev/null 2>&1
rc=$?
check "--port x: exit 2 (got $rc)" [ "$rc" = 2 ]
"$CONGVAN" serve a b >/dev/null 2>&1
rc=$?
check "two paths: exit 2 (got $rc)" [ "$rc" = 2 ]
"$CONGVAN" serve "$W/nonexistent" --port 0 >/dev/null 2>&1
rc=$?
check "missing folder: exit 1 (got $rc)" [ "$rc" = 1 ]
"$CONGVAN" serve "$W/docs" --host not-an-address --port 0 >/dev/null 2>&1
rc=$?
check "--host not-an-address: exit 1 (got $rc)" [ "$rc" = 1 ]
check "serve --help" sh -c "'$CONGVAN' serve --help | grep -q 'Usage: congvan serve'"

# ---- valgrind: a short session ----------------------------------------------
# (skipped for a sanitizer build, which cannot run inside valgrind)
if command -v valgrind >/dev/null 2>&1 && ! nm "$CONGVAN" 2>/dev/null | grep -qE '__(asan|tsan)_init'; then
	VGLOG=$W/valgrind.log
	RUN="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --log-file=$VGLOG"
	if start_server "$W/vg" "$W/docs"; then
		curl -sN "$URL/events?doc=cong-van-khan.md" >"$W/vgsse.txt" 2>/dev/null &
		VSSE=$!
		c1=$(get / vg1)
		c2=$(get /doc/1144-BHXH-TDKT.md vg2)
		c3=$(get /doc/cong-van-giam-doc.docx vg3)
		printf -- '---\nco_quan: [a, b\n---\n' >"$W/docs/vgbad.md"
		c4=$(get /doc/vgbad.md vg4)
		c5=$(get /doc/../../etc/passwd vg5)
		wait_for "$W/vgsse.txt" ": congvan live reload" 10
		touch "$W/docs/cong-van-khan.md"
		wait_for "$W/vgsse.txt" "event: reload" 10
		check "valgrind: requests answered ($c1 $c2 $c3 $c4 $c5)" [ "$c1 $c2 $c3 $c4 $c5" = "200 200 200 422 403" ]
		check "valgrind: event received" grep -q "event: reload" "$W/vgsse.txt"
		kill -INT "$PID"
		wait "$PID"
		rc=$?
		PID=""
		kill $VSSE 2>/dev/null
		wait $VSSE 2>/dev/null
		if [ "$rc" = 0 ] && [ ! -s "$VGLOG" ]; then
			pass
		else
			fail "valgrind: no errors, no leaks, exit 0 (got $rc)" "$(head -c 1500 "$VGLOG")"
		fi
		rm -f "$W/docs/vgbad.md"
	else
		fail "valgrind: server starts" "$(head -c 300 "$W/vg.err")"
	fi
	RUN=""
fi

summary
