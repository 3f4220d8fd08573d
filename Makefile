# okno: build, test, benchmark and install the branch client-office system.
#
# Sources are found by wildcard so that a new module needs no edit here.
# Folders are layers, and each is compiled with only the include paths of
# itself and the layers below it, so an upward include fails to compile
# (`make layers` proves it):
#   src/*.c      the model: data, rules, SQLite (no devices, no curses)
#   hw/*.c       device drivers and transports: bytes in, bytes out
#   office/*.c   the office: what happens after a change (board, printer)
#   screens/*.c  the ncurses user interface
#   cli/*.c      the command line and main() (cli/main.c)
#   hw/sim/*.c   the device simulator, a program of its own (okno-sim)
#   tests/unit/*.c   one TAP program each, built as build/tests/NAME.t
#                    and linked with tests/tap.c and tests/fixture.c
#   tests/shim/*.c   LD_PRELOAD shims for tests, built as build/tests/NAME.so
#   tests/*.t    TAP scripts (sh or perl)
#
# `make SAN=1 ...` builds everything with ASan+UBSan into build-san/.
# `make ARCH=i386 ...` builds for 32-bit PCs (Debian i386) with the i686
# cross compiler and the i386 multiarch libraries into build-i386/ (and
# build-i386-san/ with SAN=1); `make ARCH=i386 deps` installs them.  The
# tests run the i386 programs on this machine.  CC, AR and PKG_CONFIG
# may be given on the command line as for any build.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
# The voice library (one WAV file per fragment), generated at build time.
VOICEDIR ?= $(PREFIX)/share/okno/voice/ru
SYSCONFDIR ?= /etc
DESTDIR	?=
VERSION	= 0.1.0

# ARCH is a Debian architecture name; the machine's own (or none) builds
# natively.  Another one is a cross build: its GNU triplet prefixes the
# tools and its multiarch libraries are found by the pkg-config of that
# triplet (Debian names it after the multiarch one: i386-linux-gnu-).
HOST_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
ARCH	?= $(HOST_ARCH)
ifeq ($(ARCH),$(HOST_ARCH))
CROSS	=
BA	=
PKG_CONFIG ?= pkg-config
else
CROSS	:= $(shell dpkg-architecture -a$(ARCH) -qDEB_HOST_GNU_TYPE \
	   2>/dev/null)
ifeq ($(CROSS),)
$(error ARCH=$(ARCH) is not a Debian architecture (try ARCH=i386))
endif
MULTIARCH := $(shell dpkg-architecture -a$(ARCH) -qDEB_HOST_MULTIARCH \
	   2>/dev/null)
CROSS	:= $(CROSS)-
BA	= -$(ARCH)
PKG_CONFIG ?= $(MULTIARCH)-pkg-config
endif
ifeq ($(origin CC),default)
CC	= $(CROSS)gcc
endif
ifeq ($(origin AR),default)
AR	= $(CROSS)ar
endif
PKGS	= ncursesw formw menuw panelw sqlite3 libconfig libserialport libxcrypt \
	  expat nettle hogweed alsa
WARN	= -std=c11 -Wall -Wextra -Wpedantic -Wformat=2 -Wshadow \
	  -Wstrict-prototypes -Wmissing-prototypes -Werror
CFLAGS	?= -O2 -g
ifeq ($(SAN),1)
B	= build$(BA)-san
CFLAGS	+= -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=address,undefined
else ifeq ($(FUZZ),1)
# libFuzzer harnesses (make fuzz): clang, coverage for the fuzzer, ASan
# and UBSan; the library is built without a main, harnesses link one.
B	= build-fuzz
CC	= clang
CFLAGS	+= -O1 -fsanitize=fuzzer-no-link,address,undefined \
	   -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=address,undefined
else
B	= build$(BA)
endif
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,\
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
# 64-bit time_t and off_t on every architecture, so that dates past
# 2038-01-19 and files past 2 GiB work on a 32-bit PC as on amd64 (no-ops
# on 64-bit ones; src/okno.h asserts it).  The libraries okno links are
# safe to use so: none of their interfaces carries a time_t, struct
# timespec/timeval/stat or off_t (checked in their i386 headers): ncursesw
# form menu panel (int milliseconds), sqlite3 (sqlite3_int64), libconfig,
# libserialport (int ms timeouts, opaque port), libxcrypt, expat, nettle
# and hogweed (its Ed25519 for the batch signature), libcsv (size_t and
# FILE * only).
TIME64	= -D_TIME_BITS=64 -D_FILE_OFFSET_BITS=64
ALL_CFLAGS = $(WARN) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(TIME64) \
	-DOKNO_VERSION='"$(VERSION)"' -DLOCALEDIR='"$(LOCALEDIR)"' \
	-DSYSCONFDIR='"$(SYSCONFDIR)"' -DVOICEDIR='"$(VOICEDIR)"' $(INC) \
	$(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
# Include paths per layer, set per target below: a layer sees itself and
# the layers under it, never one above.
INC_SRC	= -Isrc -I$(B)
INC_HW	= -Isrc -Ihw
INC_OFFICE = $(INC_HW) -Ioffice
INC_SCREENS = $(INC_OFFICE) -Iscreens
INC_CLI	= $(INC_SCREENS) -Icli
INC_SIM	= -Isrc -Ihw -Ihw/sim
INC_TEST = $(INC_CLI) -I$(B) -Itests
# libcsv (src/csvread.c) has no pkg-config file.
LIBS	= $(PKG_LIBS) -lcsv -lm

# Sorted: $(wildcard) lists files in the order of the locale's collation
# (ru_RU puts appeal.c before appeal-purge.c, C after it), and the object
# lists are part of .build-id below, so an unsorted list would rebuild
# everything whenever make runs under another locale (make demo in a
# Russian terminal after make check).  $(sort) orders by bytes.
MODEL_SRC  = $(sort $(wildcard src/*.c))
HW_SRC     = $(sort $(wildcard hw/*.c))
OFFICE_SRC = $(sort $(wildcard office/*.c))
UI_SRC     = $(sort $(wildcard screens/*.c))
CLI_SRC    = $(sort $(wildcard cli/*.c))
LIB_OBJ    = $(patsubst %.c,$(B)/%.o,$(MODEL_SRC) $(HW_SRC) $(OFFICE_SRC) \
	     $(UI_SRC)) $(B)/embed.o
CLI_OBJ    = $(patsubst %.c,$(B)/%.o,$(CLI_SRC))
SIM_SRC    = $(wildcard hw/sim/*.c)
UNIT_SRC   = $(wildcard tests/unit/*.c)
UNIT_BIN   = $(patsubst tests/unit/%.c,$(B)/tests/%.t,$(UNIT_SRC))
SHIM_SRC   = $(wildcard tests/shim/*.c)
SHIM_SO    = $(patsubst tests/shim/%.c,$(B)/tests/%.so,$(SHIM_SRC))
EMBED	   = conf/okno.conf conf/criteria.conf conf/calendar/ru-2026.xml \
	     conf/calendar/ru-2027.xml
PO	   = $(wildcard po/*.po)
MO	   = $(patsubst po/%.po,$(B)/locale/%/LC_MESSAGES/okno.mo,$(PO))

# Dependencies.  Each compile also writes TARGET.d (-MMD -MP): the headers
# that target really included, wherever they live (hw/sim/sim.h,
# tests/tap.h, tests/fuzz/fuzz.h, src/embed.h), so a changed header
# rebuilds exactly its users; -MP keeps a deleted header from stopping
# make.  $(B)/.build-id holds the compiler, the flags and the library's
# object list: when one of them changes (other CFLAGS, a source added or
# removed) the objects and the archive are rebuilt, not only those older
# than their sources, and no object of a removed source stays in it.
DEP	   = -MMD -MP -MF $@.d -MT $@
BUILD_ID  := $(strip $(CC) $(ALL_CFLAGS) | $(LDFLAGS) $(LIBS) | $(LIB_OBJ) \
	| $(CLI_OBJ))
ifneq ($(BUILD_ID),$(strip $(shell cat $(B)/.build-id 2>/dev/null)))
$(shell mkdir -p $(B))
$(file >$(B)/.build-id,$(BUILD_ID))
endif

# Debian packages needed to build (first line) and to run the tests; a
# cross build takes the libraries of its ARCH (multiarch, NAME:i386), its
# cross compiler and its C library (for the test shims too).
DEB_LIBS  = libncurses-dev libsqlite3-dev libconfig-dev libserialport-dev \
	libcrypt-dev libexpat1-dev nettle-dev libasound2-dev libcsv-dev
ifeq ($(CROSS),)
DEB_BUILD = build-essential pkg-config $(DEB_LIBS) gettext
else
DEB_BUILD = build-essential pkg-config pkgconf:$(ARCH) gettext \
	crossbuild-essential-$(ARCH) libc6-dev:$(ARCH) \
	$(addsuffix :$(ARCH),$(DEB_LIBS))
endif
# The voice library is spoken at build time by festival's Russian voice
# (tools/voice.sh says why this one), on the build machine.
DEB_BUILD += festival festvox-ru
DEB_TEST  = perl tmux sqlite3 tzdata procps locales rsync postgresql openssl \
	debhelper dpkg-dev fakeroot gettext
DEB_DEPS  = $(DEB_BUILD) $(DEB_TEST) $(DEB_EXTRA)
# make valgrind's tool.
DEB_TEST += valgrind
# Only `make fuzz` needs these: clang and its libFuzzer runtime.
DEB_FUZZ  = clang libclang-rt-14-dev

.PHONY: all deps check bench soak fuzz fuzz-build valgrind install clean demo \
	po pot update-po deb layers layers-flags
.PHONY: bench-hq
.DELETE_ON_ERROR:

$(B)/src/%.o $(B)/embed.o: INC = $(INC_SRC)
# libcsv's header is <csv.h>, which -Isrc would find as okno's own
# src/csv.h: the one file that includes it has its quoted includes found
# beside it instead.
$(B)/src/csvread.o: INC = -I$(B)
$(B)/hw/%.o: INC = $(INC_HW)
$(B)/hw/sim/%.o: INC = $(INC_SIM)
$(B)/tools/%.o: INC = $(INC_HW)
$(B)/office/%.o: INC = $(INC_OFFICE)
$(B)/screens/%.o: INC = $(INC_SCREENS)
$(B)/cli/%.o: INC = $(INC_CLI)
$(B)/tests/%: INC = $(INC_TEST)
# The shared fixtures set up tests through the model only.
$(B)/tests/fixture.o: INC = $(INC_SRC) -Itests
$(B)/fuzz/%: INC = $(INC_TEST)

all: $(B)/okno $(B)/okno-sim $(MO) $(B)/voice/ru/chime.wav

$(B)/okno: $(CLI_OBJ) $(B)/libokno.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/okno-sim: $(patsubst %.c,$(B)/%.o,$(SIM_SRC)) $(B)/libokno.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/libokno.a: $(LIB_OBJ) $(B)/.build-id
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(B)/%.o: %.c $(B)/.build-id | $(B)/.dirs
	$(CC) $(ALL_CFLAGS) $(DEP) -c -o $@ $<

# The voice library: fragments named by src/voice.c, spoken by festival
# (tools/voice.sh), trimmed and the chime made by tools/voicekit.c.  It
# depends on the words, not on every change of the library voicekit
# links: festival runs again only when what it says changes.
$(B)/tools/voicekit.o: tools/voicekit.c $(B)/.build-id | $(B)/.dirs
	@mkdir -p $(B)/tools
	$(CC) $(ALL_CFLAGS) $(DEP) -c -o $@ $<
$(B)/voicekit: $(B)/tools/voicekit.o $(B)/libokno.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
$(B)/voice/ru/chime.wav: src/voice.c tools/voice.sh tools/voicekit.c \
		| $(B)/voicekit
	sh tools/voice.sh $(B)/voicekit $(B)/voice/ru

# The demo runs on an embedded default configuration and calendars.
$(B)/embed.c: $(EMBED) tools/embed.sh | $(B)/.dirs
	sh tools/embed.sh $(EMBED) > $@
$(B)/embed.o: $(B)/embed.c $(B)/.build-id
	$(CC) $(ALL_CFLAGS) $(DEP) -c -o $@ $<

# The test library: TAP output (tests/tap.c) and the shared fixtures
# (tests/fixture.c: a throw-away office, SQL one-liners, okno-sim),
# linked into every unit test.
TEST_LIB   = $(B)/tests/tap.o $(B)/tests/fixture.o
$(B)/tests/%.t: tests/unit/%.c $(TEST_LIB) $(B)/libokno.a
	$(CC) $(ALL_CFLAGS) $(DEP) -o $@ $< $(TEST_LIB) \
		$(B)/libokno.a $(LDFLAGS) $(LIBS)
# Benchmark programs (tests/bench/NAME.c, run by tests/bench/NAME.sh):
# figures, not tests, built for `make bench` only.
BENCH_BIN  = $(patsubst tests/bench/%.c,$(B)/tests/bench-%,\
	     $(wildcard tests/bench/*.c))
$(B)/tests/bench-%: tests/bench/%.c $(TEST_LIB) $(B)/libokno.a
	$(CC) $(ALL_CFLAGS) $(DEP) -o $@ $< $(TEST_LIB) \
		$(B)/libokno.a $(LDFLAGS) $(LIBS)
# The replay of fuzz inputs compiles the harnesses in.
$(B)/tests/fuzz-regress.t: $(wildcard tests/fuzz/*.c tests/fuzz/*.h)
$(TEST_LIB): $(B)/tests/%.o: tests/%.c $(B)/.build-id | $(B)/.dirs
	$(CC) $(ALL_CFLAGS) $(DEP) -c -o $@ $<
$(B)/tests/%.so: tests/shim/%.c | $(B)/.dirs
	$(CC) $(WARN) $(DEP) -D_GNU_SOURCE -fPIC -shared $(PKG_CFLAGS) -o $@ \
		$< -ldl

$(B)/locale/%/LC_MESSAGES/okno.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(B)/.dirs:
	mkdir -p $(B)/src $(B)/hw/sim $(B)/office $(B)/screens $(B)/cli \
		$(B)/tests $(B)/tools
	touch $@

-include $(wildcard $(B)/*.d $(B)/*/*.d $(B)/*/*/*.d)

# Translation template, refreshed by hand when strings change.  Lines
# are not wrapped, as po/ru.po was written: a refresh then changes only
# the entries that changed.  `make pot POT=FILE` writes the template
# elsewhere (tests/po.t checks po/*.po against a fresh one).
POT	= po/okno.pot
pot:
	xgettext --keyword=_ --keyword=N_ --keyword=C_ --from-code=UTF-8 --add-comments \
		--no-wrap --package-name=okno --package-version=$(VERSION) \
		-o $(POT) $(sort $(wildcard src/*.c hw/*.c hw/sim/*.c \
		office/*.c screens/*.c cli/*.c))
update-po: pot
	for p in $(PO); do msgmerge -q --no-wrap --update --backup=none \
		$$p $(POT); done

# A cross build's packages need their architecture known to dpkg first.
deps:
	@if [ -n "$(CROSS)" ] && ! dpkg --print-foreign-architectures | \
	    grep -qx '$(ARCH)'; then \
		if [ "$$(id -u)" != 0 ]; then echo "make deps: run as" \
		    "root: dpkg --add-architecture $(ARCH)" >&2; exit 1; fi; \
		echo "make deps: dpkg --add-architecture $(ARCH)"; \
		dpkg --add-architecture $(ARCH); fi
	@missing=; for p in $(DEB_DEPS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "make deps: installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "make deps: missing packages; run as root:" >&2; \
		echo "  apt-get install$$missing" >&2; exit 1; \
	fi
	@if [ -n "$(CROSS)" ]; then sh tools/binfmt.sh $(ARCH) $(MULTIARCH); fi

check: deps
	$(MAKE) all $(UNIT_BIN) $(SHIM_SO) $(B)/tests/bench-hq-history
	OKNO_SRC=$(CURDIR) OKNO_BUILD=$(CURDIR)/$(B) LC_ALL=C.UTF-8 prove -j2 $(PROVEFLAGS) \
		$(UNIT_BIN) $(wildcard tests/*.t)

# With the i386 packages installed (make ARCH=i386 deps) the i386 build is
# made too: tests/bench/arch.sh prints its figures next to amd64's.
bench: deps all $(BENCH_BIN)
	@if [ -z "$(CROSS)" ] && dpkg-query -W libsqlite3-dev:i386 \
	    >/dev/null 2>&1; then $(MAKE) ARCH=i386 all; fi
	OKNO_SRC=$(CURDIR) OKNO_BUILD=$(CURDIR)/$(B) sh tests/bench/run.sh

# Head office at the scale of 300 branches (issue 20): a night's load
# against one session's COPY, a reload, and the report questions over a
# synthesised year, on a throw-away PostgreSQL (tests/bench/hq-bench.sh;
# never part of make check or make bench).  HQ_BRANCHES (300), HQ_DAYS
# (365; 0: the night only) and HQ_PER_DAY (288 tickets a branch a day)
# set the size; the full year takes a while and about 20 GB in TMPDIR.
HQ_BRANCHES ?= 300
HQ_DAYS ?= 365
HQ_PER_DAY ?= 288
bench-hq: deps all $(B)/tests/bench-hq-history
	OKNO_SRC=$(CURDIR) OKNO_BUILD=$(CURDIR)/$(B) HQ_BRANCHES=$(HQ_BRANCHES) \
		HQ_DAYS=$(HQ_DAYS) HQ_PER_DAY=$(HQ_PER_DAY) \
		sh tests/bench/hq-bench.sh

# The long soak: an office day in SOAK_SECONDS (default 300) under kills,
# replugs and a full disk; prints its figures (tests/soak.sh).
SOAK_SECONDS ?= 300
soak: deps all
	OKNO_SRC=$(CURDIR) OKNO_BUILD=$(CURDIR)/$(B) \
		SOAK_SECONDS=$(SOAK_SECONDS) sh tests/soak.sh

# The C unit tests (the model, the drivers, the fuzz replay) under
# valgrind: any memory error or leak fails the test.
VALGRIND = valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
	--suppressions=$(CURDIR)/tests/valgrind.supp \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=1
valgrind: deps
	$(MAKE) all $(UNIT_BIN)
	OKNO_SRC=$(CURDIR) OKNO_BUILD=$(CURDIR)/$(B) LC_ALL=C.UTF-8 \
		prove -j2 -e '$(VALGRIND)' $(UNIT_BIN)

# libFuzzer harnesses (tests/fuzz/NAME.c), each run FUZZ_SECONDS from its
# seed corpus tests/fuzz/corpus/NAME; crashes land in build-fuzz/crashes
# and tests/fuzz/run.sh says how to keep them as regression inputs.
FUZZ_SECONDS ?= 60
FUZZ_SRC = $(wildcard tests/fuzz/*.c)
FUZZ_BIN = $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRC))
fuzz:
	$(MAKE) deps DEB_DEPS="$(DEB_BUILD) $(DEB_FUZZ)"
	$(MAKE) FUZZ=1 fuzz-build
	sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)
fuzz-build: $(FUZZ_BIN)
$(B)/fuzz/%: tests/fuzz/%.c $(B)/libokno.a
	@mkdir -p $(B)/fuzz
	$(CC) $(ALL_CFLAGS) $(DEP) -Itests/fuzz -fsanitize=fuzzer -o $@ $< \
		$(B)/libokno.a $(LDFLAGS) $(LIBS)

demo: deps
	$(MAKE) all
	OKNO_LOCALEDIR=$(CURDIR)/$(B)/locale $(B)/okno demo

# Man pages are installed as far as they exist (each is written with its
# part); the configuration only when none is there yet, never over an
# administrator's file.
MAN1	= $(wildcard packaging/*.1)
MAN5	= $(wildcard packaging/*.5)
MAN7	= $(wildcard packaging/*.7)
DATADIR	?= $(PREFIX)/share

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(DATADIR)/okno/hq \
		$(DESTDIR)$(DATADIR)/doc/okno/examples $(DESTDIR)$(VOICEDIR) \
		$(DESTDIR)$(SYSCONFDIR)/okno/calendar
	install -m 755 $(B)/okno $(B)/okno-sim packaging/okno-sync \
		$(DESTDIR)$(BINDIR)/
	for m in $(MAN1); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN5); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man5/; done
	for m in $(MAN7); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/; done
	install -m 644 packaging/hq/schema.sql packaging/hq/load.sql \
		$(DESTDIR)$(DATADIR)/okno/hq/
	install -m 755 packaging/hq/okno-load packaging/hq/okno-hq \
		packaging/hq/okno-publish \
		$(DESTDIR)$(DATADIR)/okno/hq/
	install -m 644 $(B)/voice/ru/*.wav $(DESTDIR)$(VOICEDIR)/
	install -m 644 packaging/sync.conf \
		$(DESTDIR)$(DATADIR)/doc/okno/examples/
	for f in conf/okno.conf conf/criteria.conf conf/calendar/*.xml; do \
		t=$(DESTDIR)$(SYSCONFDIR)/okno/$${f#conf/}; \
		[ -e $$t ] || install -m 644 $$f $$t; done
	for m in $(MO); do l=$${m#$(B)/locale/}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$$(dirname $$l); \
		install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l; done

# The Debian package, built by dpkg-buildpackage -us -uc in a copy of the
# tree under $(B)/deb with packaging/debian as its debian/ folder; the
# .deb lands in $(B)/deb (`make ARCH=i386 deb`: the i386 package, cross
# built; debian/rules passes the host architecture back as ARCH).  The
# copy keeps the source tree clean and the build free of this make's
# variables (SAN=1 must not reach it).
DEBSRC	= $(B)/deb/okno-$(VERSION)
deb:
	rm -rf $(B)/deb
	mkdir -p $(DEBSRC)
	tar -cf - --exclude='./build' --exclude='./build-*' --exclude=./.git \
		--exclude=./debian . | tar -xf - -C $(DEBSRC)
	cp -R packaging/debian $(DEBSRC)/debian
	cd $(DEBSRC) && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u SAN \
		-u ARCH DEB_BUILD_OPTIONS="nocheck parallel=2 noddebs" \
		dpkg-buildpackage -us -uc $(if $(CROSS),-a$(ARCH))
	ls $(B)/deb/*.deb

# The layers hold: probes that an upward include fails to compile and a
# downward one compiles, and that each library is used only where it may
# be (tools/layers.sh; tests/layers.t runs it in make check).
layers:
	sh tools/layers.sh
# What tools/layers.sh compiles its probes with: one line per layer.
layers-flags:
	@echo 'base $(WARN) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(PKG_CFLAGS)'
	@echo 'src $(INC_SRC)'
	@echo 'hw $(INC_HW)'
	@echo 'office $(INC_OFFICE)'
	@echo 'screens $(INC_SCREENS)'
	@echo 'cli $(INC_CLI)'

clean:
	rm -rf build build-*
