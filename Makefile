# congvan — Makefile
#
#   make            build build/congvan
#   make sample     install missing Debian packages, build, render samples/1144-BHXH-TDKT.md
#   make check      install missing Debian packages, build, run every test suite
#   make golden     rewrite tests/golden/ from the current output (review the diff!)
#   make bench      print speed and memory figures
#   make fonts      regenerate fonts/*.h from Debian's fonts-liberation2
#   make install    install under $(DESTDIR)$(PREFIX) (default /usr/local): the
#                   binary, its man page, bash completion, translations and a
#                   copy of templates/; `make uninstall` removes them again
#   make po         regenerate src/po/congvan.pot and merge it into src/po/*.po
#
# Variables: SAN=1 builds with AddressSanitizer+UBSan into build-san/.
#            PREFIX, DESTDIR (and BINDIR, DATADIR, MANDIR, LOCALEDIR,
#            COMPLETIONSDIR) for make install / make uninstall.

CC      ?= cc
PKGS    := libcmark-gfm libzip yaml-0.1 libutf8proc libxml-2.0 libmicrohttpd libdeflate
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
OPT     ?= -O2 -g

SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ifeq ($(SAN),1)
BUILD   := build-san
OPT     := -O1 -g $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
else
BUILD   := build
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS  += $(CSTD) $(WARN) $(OPT) -Isrc -I. $(PKG_CFLAGS)
# Linking (docs/performance.md, "start-up"): the small libraries go into the
# executable when their archives exist (Debian's -dev packages ship them),
# which spares the dynamic linker their relocations at every start.
# libxml2, libzip and libmicrohttpd (with ICU, libcrypto and GnuTLS behind
# them: 4 ms per start) are not linked at all: src/base/dl.h opens each the
# first time it is used, by the soname found here.  libcsv has no .pc file.
STATIC_LIBS := cmark-gfm-extensions cmark-gfm yaml utf8proc csv deflate
S_link   = $(if $(filter /%,$(shell $(CC) -print-file-name=lib$(1).a)),-l:lib$(1).a,-l$(1))
LINK_LIBS := $(foreach l,$(STATIC_LIBS),$(call S_link,$(l)))
LDLIBS  += $(LINK_LIBS) -ldl -lm -lpthread
S_soname = $(shell objdump -p "$$($(CC) -print-file-name=lib$(1).so)" 2>/dev/null | awk '/SONAME/ {print $$2}')
S_sodef  = $(if $(call S_soname,$(2)),-D$(1)='"$(call S_soname,$(2))"')
$(BUILD)/src/base/dl_xml2.o: CFLAGS += $(call S_sodef,CV_SONAME_XML2,xml2)
$(BUILD)/src/base/dl_zip.o: CFLAGS += $(call S_sodef,CV_SONAME_ZIP,zip)
$(BUILD)/src/base/dl_mhd.o: CFLAGS += $(call S_sodef,CV_SONAME_MHD,microhttpd)

# the version, written once (`make -s version` prints it for the tests)
VERSION := 0.1.0

LIB_SRC := $(sort $(wildcard src/base/*.c src/read/*.c src/model/*.c src/tpl/*.c src/render/*.c \
	src/lint/*.c src/batch/*.c src/serve/*.c))
LIB_SRC := $(filter-out src/tpl/mkembed.c,$(LIB_SRC))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEMPLATES := $(shell find templates -type f | LC_ALL=C sort)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Install locations (GNU names).  The binary looks for its translations in
# ../share/locale beside itself first (so an install under another PREFIX
# than the one it was built with still finds them), then in LOCALEDIR,
# compiled in.
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share
MANDIR    ?= $(DATADIR)/man
LOCALEDIR ?= $(DATADIR)/locale
COMPLETIONSDIR ?= $(DATADIR)/bash-completion/completions

# Translations: src/po/LANG.po → $(BUILD)/locale/LANG/LC_MESSAGES/congvan.mo,
# where the uninstalled $(BUILD)/congvan finds them.  Without msgfmt (Debian
# package gettext) `make` builds the English-only binary.
LINGUAS := $(patsubst src/po/%.po,%,$(wildcard src/po/*.po))
MO      := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/congvan.mo)
MSGFMT  := $(shell command -v msgfmt 2>/dev/null)

.PHONY: version fuzz fuzz-build all deps deps-build sample check test unit golden bench fonts clean asan valgrind \
	install uninstall po
all: $(BUILD)/congvan $(if $(MSGFMT),$(MO))

$(BUILD)/%.o: %.c $(wildcard src/*.h src/*/*.h) fonts/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DCV_VERSION='"$(VERSION)"' -c $< -o $@

# Built-in templates: every file under templates/ is compiled into the binary
# so that one installed file works; --templates DIR overrides file by file.
$(BUILD)/mkembed: src/tpl/mkembed.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 $< -o $@
$(BUILD)/embedded.c: $(BUILD)/mkembed $(TEMPLATES)
	$(BUILD)/mkembed templates $(TEMPLATES) > $@.tmp && mv $@.tmp $@
$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libcongvan.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/congvan: $(CLI_OBJ) $(BUILD)/libcongvan.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.c tests/unit/harness.h $(BUILD)/libcongvan.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $< tests/unit/harness.c $(BUILD)/libcongvan.a $(LDLIBS) -o $@

unit: $(UNIT_BIN)

# ---- translations (see src/po/README) ---------------------------------------
$(BUILD)/src/base/i18n.o: CFLAGS += -DCV_LOCALEDIR='"$(LOCALEDIR)"'
$(BUILD)/locale/%/LC_MESSAGES/congvan.mo: src/po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check --check-format -o $@.tmp $< && mv $@.tmp $@

# Every marked string of src/ (_, N_, P_) into the template, then merged into
# each translation; untranslated or fuzzy entries are then for a translator.
PO_SRC := $(filter-out src/tpl/mkembed.c,$(sort $(wildcard src/*/*.c src/*/*.h)))
po:
	xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
		--add-comments=TRANSLATORS: --add-location=file --package-name=congvan \
		--package-version=$(VERSION) --msgid-bugs-address="see README.md" -o src/po/congvan.pot $(PO_SRC)
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none --add-location=file \
		src/po/$$l.po src/po/congvan.pot || exit 1; done
	@for l in $(LINGUAS); do printf '%s: ' $$l; msgfmt --statistics -o /dev/null src/po/$$l.po; done

# ---- install ------------------------------------------------------------------
# The binary carries the templates built in; the copy under share/congvan is
# for reading and for starting a --templates folder of one's own.
$(BUILD)/congvan.1: docs/congvan.1 Makefile
	@mkdir -p $(dir $@)
	sed 's/^\(\.TH .*\)"congvan [^"]*"/\1"congvan $(VERSION)"/' docs/congvan.1 > $@

install: $(BUILD)/congvan $(BUILD)/congvan.1 $(MO)
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(COMPLETIONSDIR)'
	install -m 755 $(BUILD)/congvan '$(DESTDIR)$(BINDIR)/congvan'
	install -m 644 $(BUILD)/congvan.1 '$(DESTDIR)$(MANDIR)/man1/congvan.1'
	install -m 644 src/cli/congvan.bash-completion '$(DESTDIR)$(COMPLETIONSDIR)/congvan'
	for l in $(LINGUAS); do install -D -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/congvan.mo \
		'$(DESTDIR)$(LOCALEDIR)'/$$l/LC_MESSAGES/congvan.mo || exit 1; done
	rm -rf '$(DESTDIR)$(DATADIR)/congvan/templates'
	find templates -type f | LC_ALL=C sort | while IFS= read -r f; do \
		install -D -m 644 "$$f" '$(DESTDIR)$(DATADIR)/congvan'/"$$f" || exit 1; done

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/congvan' '$(DESTDIR)$(MANDIR)/man1/congvan.1' \
		'$(DESTDIR)$(COMPLETIONSDIR)/congvan'
	for l in $(LINGUAS); do rm -f '$(DESTDIR)$(LOCALEDIR)'/$$l/LC_MESSAGES/congvan.mo; done
	rm -rf '$(DESTDIR)$(DATADIR)/congvan'

# Install the Debian packages the build and the tests need (only what is missing).
deps:
	@sh tests/install-deps.sh
deps-build:
	@CONGVAN_NO_TEST_DEPS=1 sh tests/install-deps.sh

sample: deps-build
	$(MAKE) all
	$(BUILD)/congvan render samples/1144-BHXH-TDKT.md
	@echo "wrote samples/1144-BHXH-TDKT.docx and samples/1144-BHXH-TDKT.html"

check: deps
	$(MAKE) all unit
	$(MAKE) SAN=1 all unit
	sh tests/run.sh

# libFuzzer harnesses (tests/fuzz/fuzz_*.c), built with clang into build-fuzz/.
# `make fuzz` runs each for FUZZ_TIME seconds from the seed corpus; crashes
# land in build-fuzz/ and belong in tests/fuzz/regressions/ once fixed.
FUZZ_TIME ?= 60
FUZZ_CC   := clang
FUZZ_FLAGS := $(CSTD) -g -O1 -fsanitize=fuzzer-no-link,address,undefined -Isrc -I. $(PKG_CFLAGS)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN  := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_OBJ  := $(LIB_SRC:%.c=build-fuzz/%.o) build-fuzz/embedded.o
build-fuzz/%.o: %.c $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -c $< -o $@
build-fuzz/embedded.o: $(BUILD)/embedded.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -c $< -o $@
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $< $(FUZZ_OBJ) $(LDLIBS) -o $@
fuzz-build: $(FUZZ_BIN)
fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_TIME)

golden: all
	sh tests/golden.sh update

# tests/bench/: the in-process loop and the deflate-level table (bench.sh)
$(BUILD)/bench-loop: tests/bench/loop.c $(BUILD)/libcongvan.a
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(BUILD)/libcongvan.a $(LDLIBS) -o $@
# (zlib only here: the comparison that chose libdeflate)
$(BUILD)/bench-deflate: tests/bench/deflate.c
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(LDLIBS) $(call S_link,z) -o $@

bench: all $(BUILD)/bench-loop $(BUILD)/bench-deflate
	sh tests/bench.sh

fonts:
	python3 fonts/gen-metrics.py /usr/share/fonts/truetype/liberation2 fonts

version:
	@echo $(VERSION)

clean:
	rm -rf build build-san build-fuzz
