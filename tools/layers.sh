#!/bin/sh
# layers.sh: proves that the folders are layers (README, "Layout"), as a
# TAP stream.  With the include paths the Makefile gives each layer
# (make layers-flags): every header of a layer compiles on its own; no
# header of a layer above can even be found (an upward include fails to
# compile); no include cycle between files or modules; and the libraries
# stay where they belong: curses only in
# screens/, SQLite only in src/db.c, libconfig only in src/config*.[ch]
# and src/catalogue.c, libcsv only in src/csvread.c, libserialport and
# ALSA only in hw/.  No source reaches another folder by
# a relative path ("../"), which would walk around the include paths.
# Run from anywhere: OKNO_SRC (default: the folder above this script).
: "${OKNO_SRC:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${CC:=cc}"
cd "$OKNO_SRC" || exit 1
flags=$(make -s --no-print-directory layers-flags) || {
	echo "1..0 # SKIP make layers-flags failed"; exit 0; }
get() { printf '%s\n' "$flags" | sed -n "s/^$1 //p"; }
base=$(get base)
layers="src hw office screens cli"
t=$(mktemp -d "${TMPDIR:-/tmp}/okno-layers.XXXXXX")
trap 'rm -rf "$t"' EXIT

n=0 failed=0
ok() {	# ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"
	else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
# probe LAYER HEADER: 0 when HEADER compiles with LAYER's include paths.
probe() {
	printf '#include "%s"\n' "$2" > "$t/probe.c"
	# shellcheck disable=SC2086
	$CC $base $(get "$1") -fsyntax-only "$t/probe.c" 2> "$t/err"
}

for l in $layers; do
	# Each header of the layer compiles with the layer's own paths.
	bad=
	for h in $l/*.h; do
		[ -e "$h" ] || continue
		probe "$l" "$(basename "$h")" || bad="$bad $h"
	done
	[ -z "$bad" ] || sed 's/^/# /' "$t/err"
	ok "$([ -z "$bad" ]; echo $?)" "$l: its headers compile on its own include paths${bad:+ (not:$bad)}"

	# No header of a layer above it can be included.
	above= seen=
	for u in $layers; do
		[ -n "$seen" ] && above="$above $u"
		[ "$u" = "$l" ] && seen=1
	done
	bad=
	for u in $above; do
		for h in $u/*.h; do
			[ -e "$h" ] || continue
			# A header of the same name below would be found instead.
			[ -e "$l/$(basename "$h")" ] && continue
			if probe "$l" "$(basename "$h")" ||
			    ! grep -q 'No such file' "$t/err"; then
				bad="$bad $h"
			fi
		done
	done
	[ -n "$above" ] && ok "$([ -z "$bad" ]; echo $?)" \
	    "$l: no header of$above can be included${bad:+ (but:$bad)}"
done

# Libraries stay in their layer.  The lines that include them:
incl() {	# incl HEADER-ERE: files (outside tests) that include it
	grep -lE "^[[:space:]]*#[[:space:]]*include[[:space:]]*<($1)>" \
	    src/*.[ch] hw/*.[ch] hw/sim/*.[ch] office/*.[ch] screens/*.[ch] \
	    cli/*.[ch] 2>/dev/null
}
only() {	# only HEADER-ERE ALLOWED-ERE DESCRIPTION
	bad=$(incl "$1" | grep -vE "^($2)$" | tr '\n' ' ')
	ok "$([ -z "$bad" ]; echo $?)" "$3${bad:+ (also: $bad)}"
}
only 'n?curses[w]?\.h|ncursesw/[a-z]+\.h|form\.h|menu\.h|panel\.h|term\.h' \
    'screens/.*' "curses and its widgets only in screens/"
only 'sqlite3\.h' 'src/db\.c' "SQLite only in src/db.c"
only 'libconfig\.h' 'src/config[-a-z]*\.[ch]|src/catalogue\.c' \
    "libconfig only in the files that parse configuration files"
only 'csv\.h' 'src/csvread\.c' \
    "libcsv only in src/csvread.c (its <csv.h>, not okno's \"csv.h\")"
only 'libserialport\.h|alsa/[a-z]+\.h' 'hw/.*' \
    "libserialport and ALSA only in hw/"
bad=$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*/' \
    src/*.[ch] hw/*.[ch] hw/sim/*.[ch] office/*.[ch] screens/*.[ch] \
    cli/*.[ch] 2>/dev/null | tr '\n' ' ')
ok "$([ -z "$bad" ]; echo $?)" "no include names a path${bad:+ (but: $bad)}"

# No cycle between files.  The edges are the quoted includes.  Headers
# alone must form no loop; and between modules (a .c file and its .h are
# one module, and a module's private header, X-int.h or X_impl.h, belongs
# to X) no module may depend on one that depends back on it, however far
# round.  tsort(1) finds the loop and names its members.
srcs="src/*.[ch] hw/*.[ch] hw/sim/*.[ch] office/*.[ch] screens/*.[ch] cli/*.[ch]"
# edges FILES...: "from to" for each quoted include, by base name.
edges() {
	for f in "$@"; do
		[ -e "$f" ] || continue
		b=$(basename "$f")
		sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*)".*/\1/p' \
		    "$f" | while read -r d; do echo "$b $d"; done
	done
}
# shellcheck disable=SC2086
edges $(ls $srcs 2>/dev/null | grep '\.h$') > "$t/headers"
tsort "$t/headers" > /dev/null 2> "$t/err"
st=$?
[ "$st" -eq 0 ] || sed 's/^/# /' "$t/err"
ok "$st" "no header includes one that includes it back"
# shellcheck disable=SC2086
edges $srcs | sed -E 's/\.[ch]( |$)/\1/g; s/(-int|_impl)( |$)/\2/g' |
    awk '$1 != $2' | sort -u > "$t/modules"
tsort "$t/modules" > /dev/null 2> "$t/err"
st=$?
[ "$st" -eq 0 ] || sed 's/^/# /' "$t/err"
ok "$st" "no cycle between modules (a file and its header are one)"

echo "1..$n"
[ "$failed" -eq 0 ]
