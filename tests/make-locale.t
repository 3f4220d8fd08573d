#!/bin/sh
# make-locale.t: what make builds does not depend on the locale it runs
# in.  The object lists are part of the build's identity ($(B)/.build-id);
# listed in the locale's collation order they differed between C and
# ru_RU, and `make demo` in a Russian terminal rebuilt everything that
# `make check` had just built (issue 19.7).
. "${OKNO_SRC:-$(dirname "$0")/..}/tests/lib.sh"

command -v make >/dev/null 2>&1 || skip_all "make is not installed"
have_locale ru_RU.UTF-8 UTF-8 || skip_all "no ru_RU.UTF-8 locale"
plan 3

# make -n into a build folder of our own: it only writes .build-id there.
ids() {
	env -u MAKEFLAGS -u MFLAGS LC_ALL="$1" make -s -n -C "$SRC" \
	    B="$T/b" all >/dev/null 2>&1
	cat "$T/b/.build-id"
}
c=$(ids C.UTF-8)
ru=$(ids ru_RU.UTF-8)
ok "$([ -n "$c" ]; echo $?)" "make writes the build's identity"
is "$ru" "$c" "the same identity under ru_RU.UTF-8 as under C.UTF-8"
if have_locale ru_RU.KOI8-R KOI8-R; then
	is "$(ids ru_RU.KOI8-R)" "$c" "and under ru_RU.KOI8-R"
else
	ok 0 "# SKIP no ru_RU.KOI8-R locale"
fi
exit $((tap_failed > 0))
