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

# wait_until TRIES COMMAND...: runs COMMAND every 0.05 s until it
# succeeds, at most TRIES times; wait_while: until it fails.  1 when it
# never did.  Tests wait for what they check, not for a fixed time.
wait_until() {
	local n=$1 i=1
	shift
	until "$@"; do
		[ $i -lt "$n" ] || return 1
		i=$((i + 1))
		sleep 0.05
	done
}
wait_while() {
	local n=$1
	shift
	wait_until "$n" not "$@"
}
not() { ! "$@"; }	# not COMMAND...: succeeds when COMMAND fails

# sim_start NAME DEVICE [ARGS...]: okno-sim's DEVICE on the port $T/NAME,
# logging what it is sent to $T/NAME.out; its pid joins $sims.  Bails
# unless its port is up within 30 s.  sim_stop stops them all.
sims=
sim_start() {
	local name=$1
	shift
	# The path file says the simulator is up: one left by the last
	# simulator of that name must not (the background job's redirection
	# empties it only when that job gets to run).
	rm -f "$T/$name.path"
	"$OKNO_BUILD/okno-sim" "$@" --link "$T/$name" --out "$T/$name.out" \
	    > "$T/$name.path" </dev/null &
	sims="$sims $!"
	wait_until 600 test -s "$T/$name.path" ||
	    bail "okno-sim $name did not start"
}
sim_stop() {
	local p
	for p in $sims; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	sims=
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
		echo "password-$u" | "$OKNO" user add "$u" --role manager >/dev/null ||
		    bail "user add $u"
	done
}

# bench_history: a new database in $T (okno init) filled with the SQL on
# standard input, for the benchmarks' generated history: one transaction
# without syncs (the figures are okno's, not the generator's), then
# ANALYZE so that the planner sees the tables as they will be.
bench_history() {
	rm -f "$T/okno.db"*
	"$OKNO" init >/dev/null
	{
		echo 'PRAGMA synchronous = OFF;'
		echo 'BEGIN;'
		cat
		echo 'COMMIT;'
		echo 'ANALYZE;'
	} | sqlite3 "$T/okno.db"
}

# bench_decade: the report benchmarks' period, the same for all of them
# so that their figures compare: DAYS days (OKNO_BENCH_DAYS, ten years by
# default) ending 2026-12-29, reported on 2026-12-30 at 10:00 (OKNO_NOW);
# base is the last day's midnight in Moscow, for the generators' SQL.
bench_decade() {
	export OKNO_NOW=2026-12-30T10:00:00+03:00
	DAYS=${OKNO_BENCH_DAYS:-3650}
	base=$(date -d 2026-12-29T00:00:00+03:00 +%s)
}

# conf_devices PRINTER-PORT BOARD-PORT [TIMEOUT-MS [BOARD-LINES]]: the
# configuration's devices become an ESC/POS printer and a dmd board
# (BOARD-LINES lines, else the driver's own).  A device that answers must
# answer within the timeout, also under ASan on a loaded machine: 10 s
# unless the test is about one that does not answer, or must be quick.
conf_devices() {
	sed -i '/^devices = {/,$d' "$T/okno.conf"
	cat >> "$T/okno.conf" <<CONF
devices = {
  printer = { driver = "escpos"; port = "$1"; timeout_ms = ${3:-10000}; };
  board = { driver = "dmd"; port = "$2"; timeout_ms = ${3:-10000};${4:+
            lines = $4;} };
};
CONF
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

# Appends SPEC's opening hours to $T/okno.conf: the week (Monday..Sunday,
# closed on Sunday), then, unless the argument is "week", shortened = 60
# and cutoff = 15.
conf_hours() {
	{
		echo 'hours = {'
		echo '  week = [ "08:00-20:00", "08:00-20:00", "08:00-20:00", "08:00-20:00",'
		echo '           "08:00-19:00", "09:00-16:00", "" ];'
		[ "$1" = week ] || printf '  shortened = 60;\n  cutoff = 15;\n'
		echo '};'
	} >>"$T/okno.conf"
}

# Gives each window numbered in the arguments the lunch 13:00-13:45 in
# $T/okno.conf; bails out when one of them did not get it.
conf_lunch() {
	for w; do
		sed -i "s/{ number = $w; services = \(\[[^]]*\]\); }/{ number = $w; services = \1; lunch = \"13:00-13:45\"; }/" \
		    "$T/okno.conf"
		grep -q "{ number = $w; services = .*; lunch = \"13:00-13:45\"; }" \
		    "$T/okno.conf" || bail "lunch not set for window $w"
	done
}

# Service pay's own ticket cut-off in $T/okno.conf: 30 min.
conf_pay_cutoff() {
	sed -i '/code = "pay"/{n;s/service_norm = 10; }/service_norm = 10; cutoff = 30; }/}' \
	    "$T/okno.conf"
}

# A sound card for the tests: ALSA's default device becomes the file
# plugin over a null slave, writing the raw frames into the FIFO $T/fifo
# that tests/sound-tool.pl reads (ALSA_CONFIG_PATH is exported).
alsa_fifo() {
	mkfifo "$T/fifo"
	cat > "$T/asound.conf" <<ALSA
pcm.!default { type file; slave.pcm { type null; } file "$T/fifo";
	format "raw"; }
ALSA
	export ALSA_CONFIG_PATH="$T/asound.conf"
}

# sound_conf SETTINGS: $T/okno.conf's devices are only the sound card
# with the voice library $VOICE and these settings too.
sound_conf() {
	sed -i '/^devices = {/,$d' "$T/okno.conf"
	cat >> "$T/okno.conf" <<CONF
devices = { sound = { driver = "alsa"; voice = "$VOICE"; $1 }; };
CONF
}

# bench_past_tickets N: a new database ($OKNO init) with N finished
# tickets, 300 a day, ending 2026-12-29, with their three events each;
# written by the sqlite3 shell in one go (queue.sh, arch.sh).
bench_past_tickets() {
	end=$(date -d 2026-12-29T12:00:00+03:00 +%s)
	bench_history <<SQL
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $1 - 1)
INSERT INTO tickets (id, day, prefix, seq, number, service, priority,
  issued_at, status, window, manager, wait_s, service_s, calls, closed_at,
  updated_at)
SELECT i + 1, date($end - (i / 300) * 86400, 'unixepoch', 'localtime'),
  substr('ABCDEFGHK', i % 9 + 1, 1), i % 300 + 1,
  substr('ABCDEFGHK', i % 9 + 1, 1) || printf('%03d', i % 300 + 1),
  CASE i % 3 WHEN 0 THEN 'pay' WHEN 1 THEN 'meter' ELSE 'consult' END,
  0, $end - (i / 300) * 86400 - 30000 + (i % 300) * 100, 'finished',
  i % 4 + 1, NULL, 300, 600, 1,
  $end - (i / 300) * 86400 - 30000 + (i % 300) * 100 + 900,
  $end - (i / 300) * 86400
FROM n;
INSERT INTO ticket_events (ticket_id, at, event, window, service)
SELECT id, issued_at, 'issued', NULL, service FROM tickets;
INSERT INTO ticket_events (ticket_id, at, event, window, service)
SELECT id, issued_at + 300, 'called', window, service FROM tickets;
INSERT INTO ticket_events (ticket_id, at, event, window, service)
SELECT id, closed_at, 'finished', window, service FROM tickets;
SQL
}
