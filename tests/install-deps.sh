#!/bin/sh
# tests/install-deps.sh — install the Debian 12 packages congvan needs to
# build, render and test, when they are missing.  Used by `make sample` and
# `make check` (and so by CI on a fresh machine).
#
# `time`, `hyperfine` and `valgrind` are for `make bench` too; pandoc, which
# the bench compares with, is not installed here (the bench says when it is
# missing: apt-get install pandoc).
#
# For the tests it also generates the vi_VN.UTF-8 locale (tests/i18n.sh
# checks the Vietnamese messages under LANG=vi_VN.UTF-8), only when missing.
set -e
BUILD_PKGS="build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev \
libzip-dev libxml2-dev libutf8proc-dev libcsv-dev libmicrohttpd-dev libdeflate-dev zlib1g-dev gettext"
PKGS="$BUILD_PKGS libxml2-utils fonts-liberation2 python3-fonttools \
poppler-utils python3-docx curl time hyperfine libreoffice-writer-nogui chromium valgrind zip unzip \
man-db bash-completion locales python3-yaml"
[ "${CONGVAN_NO_TEST_DEPS:-}" = 1 ] && PKGS=$BUILD_PKGS
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi
[ "${CONGVAN_NO_TEST_DEPS:-}" = 1 ] && exit 0
if ! locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\{0,1\}8'; then
	echo "generating the vi_VN.UTF-8 locale"
	if grep -q '^# *vi_VN\.UTF-8 UTF-8' /etc/locale.gen; then
		$SUDO sed -i 's/^# *\(vi_VN\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
	elif ! grep -q '^vi_VN\.UTF-8 UTF-8' /etc/locale.gen; then
		echo 'vi_VN.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
	fi
	$SUDO locale-gen
fi
