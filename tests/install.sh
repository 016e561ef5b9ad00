#!/bin/sh
# tests/install.sh — `make install` / `make uninstall` (PREFIX and DESTDIR):
# the installed binary renders from anywhere with its built-in templates and
# finds its translations; `man` shows congvan(1) with every command; bash
# completion, sourced the way bash-completion loads it, completes commands,
# options, values, template names and files; uninstall leaves no file.
. "$(dirname "$0")/lib.sh"

T=$OUT/install
rm -rf "$T"
mkdir -p "$T"
P=$T/prefix

# installed FILES...: every path exists under $P
files="bin/congvan share/man/man1/congvan.1 share/bash-completion/completions/congvan
share/locale/vi/LC_MESSAGES/congvan.mo share/congvan/templates/profiles/nd30.yaml
share/congvan/templates/cong-van/type.yaml"

# ---- make install PREFIX=… ----------------------------------------------------------
if make -s -C "$TOP" install PREFIX="$P" >"$T/install.log" 2>&1; then pass; else
	fail "make install PREFIX=$P" "$(tail -n 5 "$T/install.log")"; fi
for f in $files; do
	if [ -f "$P/$f" ]; then pass; else fail "make install: $f" "missing under $P"; fi
done
if [ -x "$P/bin/congvan" ]; then pass; else fail "bin/congvan is executable"; fi
# every file of templates/ (empty folders are not installed), byte for byte
(cd "$TOP/templates" && find . -type f | LC_ALL=C sort) >"$T/templates.src"
(cd "$P/share/congvan/templates" && find . -type f | LC_ALL=C sort) >"$T/templates.inst"
_bad=$(diff "$T/templates.src" "$T/templates.inst" | head -n 3)
while IFS= read -r f; do
	cmp -s "$TOP/templates/$f" "$P/share/congvan/templates/$f" || _bad="$_bad $f differs"
done <"$T/templates.src"
if [ -s "$T/templates.src" ] && [ -z "$_bad" ]; then pass; else
	fail "share/congvan/templates is a copy of templates/" "$_bad"; fi
V=$(make -s -C "$TOP" version)
if grep -q '^\.TH CONGVAN 1 .*"congvan '"$V"'"' "$P/share/man/man1/congvan.1"; then pass; else
	fail "the installed man page carries the version" "$(grep '^\.TH' "$P/share/man/man1/congvan.1")"; fi

# ---- the installed binary, run from elsewhere, in a bare environment ----------------------
W=$T/work
mkdir -p "$W"
cp "$TOP/samples/cong-van-khan.md" "$W/cv.md"
# run_bare ARGS...: the installed congvan, from $W, PATH=$P/bin only + the basics
run_bare() {
	(cd "$W" && env -i HOME="$T" PATH="$P/bin:/usr/bin:/bin" SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" \
		"$@" >"$T/stdout" 2>"$T/stderr")
	rc=$?
}
run_bare congvan render cv.md
if [ "$rc" = 0 ] && [ -s "$W/cv.docx" ] && [ -s "$W/cv.html" ]; then pass; else
	fail "installed congvan renders a sample" "exit $rc: $(head -c 300 "$T/stderr")"; fi
if unzip -l "$W/cv.docx" 2>/dev/null | grep -q 'word/document.xml'; then pass; else fail "the installed render is a DOCX"; fi
"$CONGVAN" render -q -o "$T/built.docx" "$W/cv.md" >/dev/null 2>&1
if cmp -s "$T/built.docx" "$W/cv.docx"; then pass; else fail "installed and built binaries write the same DOCX"; fi
run_bare congvan templates
if [ "$rc" = 0 ] && grep -q '^cong-van ' "$T/stdout" && grep -q '^quyet-dinh ' "$T/stdout"; then pass; else
	fail "installed congvan templates lists the built-in types" "exit $rc: $(head -c 300 "$T/stdout")"; fi
run_bare congvan --version
if [ "$rc" = 0 ] && grep -qx "congvan $V" "$T/stdout"; then pass; else fail "installed --version"; fi
# translations found beside the installed binary (../share/locale)
if locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\{0,1\}8'; then
	run_bare env LANG=vi_VN.UTF-8 congvan --help
	if grep -q 'Cách dùng: congvan' "$T/stdout"; then pass; else
		fail "installed congvan speaks Vietnamese under LANG=vi_VN.UTF-8" "$(head -c 200 "$T/stdout")"; fi
else
	fail "locale vi_VN.UTF-8 generated" "missing: run tests/install-deps.sh as root (package locales)"
fi

# ---- man -----------------------------------------------------------------------------
if command -v man >/dev/null 2>&1; then
	MANPATH=$P/share/man MANWIDTH=80 man -P cat congvan >"$T/man.txt" 2>"$T/man.err"
	rc=$?
	if [ "$rc" = 0 ] && grep -q '^NAME' "$T/man.txt" && grep -q 'congvan.*Vietnamese official documents' "$T/man.txt"
	then pass; else fail "MANPATH=…/share/man man congvan shows the page" "exit $rc: $(head -c 300 "$T/man.err")"; fi
	for sec in SYNOPSIS DESCRIPTION COMMANDS FORMAT ENVIRONMENT "EXIT STATUS" FILES EXAMPLES; do
		if grep -q "^$sec\$" "$T/man.txt"; then pass; else fail "man congvan: section $sec"; fi
	done
	for c in render templates new check batch serve; do
		if grep -q "^   $c\$" "$T/man.txt"; then pass; else fail "man congvan: a section for '$c'"; fi
	done
	for o in --outdir --to --templates --format --fix --list-rules --data --sheet --name --merge --zip \
		--manifest --jobs --dry-run --port --host --force CONGVAN_TEMPLATES co_quan kinh_gui noi_nhan; do
		if grep -q -- "$o" "$T/man.txt"; then pass; else fail "man congvan mentions $o"; fi
	done
	if [ "$(MANPATH=$P/share/man man -w congvan 2>/dev/null)" = "$P/share/man/man1/congvan.1" ]; then pass; else
		fail "man -w congvan finds the installed page"; fi
	if groff -k -man -ww -z -Tutf8 "$TOP/docs/congvan.1" >"$T/groff.log" 2>&1 && [ ! -s "$T/groff.log" ]; then pass; else
		fail "docs/congvan.1 formats without groff warnings" "$(head -c 300 "$T/groff.log")"; fi
else
	fail "man installed" "not found (tests/install-deps.sh installs man-db)"
fi

# ---- bash completion -----------------------------------------------------------------------
# In a real bash: bash-completion's loader finds the installed file through
# XDG_DATA_DIRS, as it does after a TAB; then _congvan is called with
# COMP_WORDS/COMP_CWORD set as readline sets them.
C=$T/comp
mkdir -p "$C/sub"
: >"$C/a.md"
: >"$C/b.md"
: >"$C/c.txt"
: >"$C/t.csv"
: >"$C/u.xlsx"
cat >"$T/comp.bash" <<'EOF'
if [ -f /usr/share/bash-completion/bash_completion ]; then
	. /usr/share/bash-completion/bash_completion
	__load_completion congvan || echo "LOADER FAILED"
else
	echo "NO BASH-COMPLETION"
	. "$P/share/bash-completion/completions/congvan"
fi
complete -p congvan
# t WORD...: complete the last word; print "WORDS => sorted replies"
t() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_congvan congvan "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s => %s\n' "$*" "$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ')"
}
t congvan ren
t congvan ""
t congvan render --t
t congvan render --to ""
t congvan render --to docx,
t congvan batch a.md --to ""
t congvan check --format ""
t congvan new ""
t congvan new cong-v
t congvan new cong-van ""
t congvan render ""
t congvan check -q ""
t congvan render --outdir ""
t congvan batch a.md --data ""
t congvan serve --p
EOF
(cd "$C" && env -i HOME="$T" PATH="$P/bin:/usr/bin:/bin" XDG_DATA_DIRS="$P/share:/usr/share" P="$P" \
	bash --norc --noprofile "$T/comp.bash" >"$T/comp.out" 2>"$T/comp.err")
# comp NAME LINE: comp.out holds exactly this line
comp() {
	if grep -qxF -- "$2" "$T/comp.out"; then pass; else
		fail "completion: $1" "want '$2'; got '$(grep -F -- "${2%% => *} =>" "$T/comp.out" | head -n 1)'"
	fi
}
if grep -qx 'complete -F _congvan congvan' "$T/comp.out"; then pass; else
	fail "bash-completion loads the installed completion" "$(head -c 300 "$T/comp.out") $(head -c 300 "$T/comp.err")"; fi
comp "command" "congvan ren => render "
comp "every command" "congvan  => --help --version batch check new render serve templates "
comp "render options" "congvan render --t => --templates --to "
comp "render --to values" "congvan render --to  => docx html pdf "
comp "a list after a comma" "congvan render --to docx, => docx,html docx,pdf "
comp "batch --to values" "congvan batch a.md --to  => docx html "
comp "check --format values" "congvan check --format  => json text "
names=$("$P/bin/congvan" templates | while read -r n _; do printf '%s ' "$n"; done)
comp "new: the template names" "congvan new  => $(printf '%s\n' $names | LC_ALL=C sort | tr '\n' ' ')"
comp "new: a template name" "congvan new cong-v => cong-van "
comp "new TYPE: a .md file" "congvan new cong-van  => a.md b.md sub "
comp "render: *.md files and folders" "congvan render  => a.md b.md sub "
comp "check after an option: *.md files" "congvan check -q  => a.md b.md sub "
comp "--outdir: folders" "congvan render --outdir  => sub "
comp "--data: tables" "congvan batch a.md --data  => sub t.csv u.xlsx "
comp "serve options" "congvan serve --p => --port "

# ---- make uninstall ----------------------------------------------------------------------------
if make -s -C "$TOP" uninstall PREFIX="$P" >"$T/uninstall.log" 2>&1; then pass; else
	fail "make uninstall PREFIX=$P" "$(tail -n 5 "$T/uninstall.log")"; fi
left=$(find "$P" ! -type d | head -n 5)
if [ -z "$left" ]; then pass; else fail "make uninstall removes every installed file" "left: $left"; fi

# ---- DESTDIR (a package build): files under DESTDIR/PREFIX, run from there ----------------------------
D=$T/stage
if make -s -C "$TOP" install DESTDIR="$D" PREFIX=/usr >"$T/destdir.log" 2>&1; then pass; else
	fail "make install DESTDIR=… PREFIX=/usr" "$(tail -n 5 "$T/destdir.log")"; fi
for f in $files; do
	if [ -f "$D/usr/$f" ]; then pass; else fail "make install DESTDIR: usr/$f" "missing under $D"; fi
done
(cd "$W" && "$D/usr/bin/congvan" render -q -o "$T/staged.html" cv.md >/dev/null 2>&1)
if [ -s "$T/staged.html" ]; then pass; else fail "the staged binary renders"; fi
if make -s -C "$TOP" uninstall DESTDIR="$D" PREFIX=/usr >"$T/destdir-un.log" 2>&1 &&
	[ -z "$(find "$D" ! -type d)" ]; then pass; else
	fail "make uninstall DESTDIR=… removes every file" "$(find "$D" ! -type d | head -n 5)"; fi

summary
