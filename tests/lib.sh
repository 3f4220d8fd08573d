# lib.sh: TAP helpers and a throw-away office for shell tests.
#
# Source it from a test script: it sets OKNO (the binary), T (a temporary
# folder removed at exit; KEEP=1 in the environment keeps it to look at),
# writes $T/okno.conf (the sample configuration without devices, database
# in $T; the inspection catalogue beside it) and exports OKNO_CONFIG.

: "${OKNO_SRC:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${OKNO_BUILD:=$OKNO_SRC/build}"
OKNO="$OKNO_BUILD/okno"
SRC=$OKNO_SRC
T=$(mktemp -d "${TMPDIR:-/tmp}/okno-t.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8
unset OKNO_DB OKNO_NOW

tap_n=0
tap_failed=0
plan() { echo "1..$1"; }
ok() {	# ok CONDITION-EXIT-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}
is() {	# is GOT WANT DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $tap_n - $3"
	else
		echo "not ok $tap_n - $3"
		printf '#   got: %s\n#  want: %s\n' "$1" "$2"
		tap_failed=$((tap_failed + 1))
	fi
}
like() {	# like GOT GREP-ERE DESCRIPTION
	tap_n=$((tap_n + 1))
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		echo "ok $tap_n - $3"
	else
		echo "not ok $tap_n - $3"
		printf '#   got: %s\n#  want match: %s\n' "$1" "$2"
		tap_failed=$((tap_failed + 1))
	fi
}
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
diag() { echo "# $*"; }
bail() { echo "Bail out! $*"; exit 255; }

# have_locale NAME CHARMAP: the locale exists, or is made (as root).
have_locale() {
	locale -a 2>/dev/null | grep -qix "$(echo "$1" | tr -d '-' |
	    sed 's/UTF8$/utf8/')" && return 0
	[ "$(id -u)" = 0 ] && command -v localedef >/dev/null 2>&1 &&
	    localedef -i ru_RU -f "$2" "$1" >/dev/null 2>&1
}

# emulated: $OKNO runs under qemu-user, about ten times slower: an i386
# build on a kernel without 32-bit emulation (tools/binfmt.sh registered
# qemu for it).  Tests that load the machine on purpose scale down then,
# and say so.
emulated() {
	[ "$(od -An -tx1 -j4 -N1 "$OKNO" 2>/dev/null | tr -d ' ')" = 01 ] &&
	    grep -qsx enabled /proc/sys/fs/binfmt_misc/status &&
	    grep -qsx enabled /proc/sys/fs/binfmt_misc/qemu-i386
}

# staff LOGIN...: managers the command line may name (window open
# --manager, appeal add --manager refuse a login that is no user).
staff() {
	local u
	for u in "$@"; do
		echo "pw-$u" | "$OKNO" user add "$u" --role manager >/dev/null ||
		    bail "user add $u"
	done
}

# Writes an office configuration without devices into $T.
office_conf() {
	mkdir -p "$T/calendar"
	cp "$SRC"/conf/calendar/*.xml "$T/calendar/"
	cp "$SRC/conf/criteria.conf" "$T/"
	sed -e "s|^database = .*|database = \"$T/okno.db\";|" \
	    -e '/^devices = {/,/^};/d' "$SRC/conf/okno.conf" > "$T/okno.conf"
	export OKNO_CONFIG="$T/okno.conf"
}
office_conf
