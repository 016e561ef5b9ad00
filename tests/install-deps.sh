#!/bin/sh
# tests/install-deps.sh — install the Debian 12 packages congvan needs to
# build, render and test, when they are missing.  Used by `make sample` and
# `make check` (and so by CI on a fresh machine).
set -e
PKGS="build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev \
libzip-dev libxml2-dev libxml2-utils libutf8proc-dev libcsv-dev libmicrohttpd-dev fonts-liberation2 python3-fonttools \
poppler-utils python3-docx libreoffice-writer-nogui chromium valgrind zip unzip"
[ "${CONGVAN_NO_TEST_DEPS:-}" = 1 ] && PKGS="build-essential pkg-config libcmark-gfm-dev \
libcmark-gfm-extensions-dev libyaml-dev libzip-dev libxml2-dev libutf8proc-dev libcsv-dev \
libmicrohttpd-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
