# tests/lib.sh — shared by every shell test suite (sourced, not run).
#
# A suite calls pass/fail for each assertion and `summary` at the end, which
# prints "N passed, N failed" as its last line (tests/run.sh adds them up)
# and sets the exit status.

set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
while [ ! -f "$TOP/Makefile" ] && [ "$TOP" != / ]; do TOP=$(dirname "$TOP"); done
CONGVAN=${CONGVAN:-$TOP/build/congvan}
OUT=${OUT:-$TOP/tests/out}
PY=/usr/bin/python3   # Debian's python: it has python3-docx (a pyenv python on PATH may not)
mkdir -p "$OUT"
# messages are compared in English: whatever the caller's locale (i18n.sh
# sets a Vietnamese one per command)
export LANG=C.UTF-8
unset LC_ALL LANGUAGE LC_MESSAGES
# every DOCX part checked with libxml2, the built-in templates' too: a render
# trusts the built-in templates' XML because the suites check it here
# (src/render/package.h); tests/bench.sh turns it off again
export CONGVAN_CHECK_XML=1
# reproducible draft years
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}   # 2026-01-01
_passed=0
_failed=0

pass() { _passed=$((_passed + 1)); }
fail() { _failed=$((_failed + 1)); printf 'FAIL %s: %s\n' "$1" "${2:-}"; }
# check NAME CONDITION-COMMAND...: pass when the command succeeds
check() { _n=$1; shift; if "$@" >/dev/null 2>&1; then pass; else fail "$_n" "$*"; fi; }
summary() { printf '%d passed, %d failed\n' "$_passed" "$_failed"; [ "$_failed" -eq 0 ]; }
