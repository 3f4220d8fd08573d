#!/bin/sh
# soak.sh: a whole office day under faults, time compressed: a ticket
# terminal and eight managers work while a chaos loop kills okno processes
# with SIGKILL, unplugs and replugs the simulated printer and board, and
# fills the database's disk once.  Then the day is closed and the evidence
# checked: every ticket in exactly one final state, every printed appeal
# number registered, a complete and valid event log, an intact database,
# and a board that shows the database's state.  TAP on stdout; the figures
# as "# soak: ..." lines.
#
# tests/soak.t runs it short for `make check`; `make soak` runs it long.
# Settings (environment):
#   SOAK_SECONDS  wall-clock length of the office day (default 30)
#   SOAK_SEED     seed of every random choice (default 1)
#   SOAK_CHAOS    1 (default) or 0: no kills, replugs or full disk
#
# The clock.  Every okno command gets OKNO_NOW from the wall clock scaled
# so that 08:00-20:00 of 2026-12-29 (a Tuesday) lasts SOAK_SECONDS: one
# clock for all processes, monotonic across them, and no lock to share.
# A command reads it when it starts, as the real okno reads its clock at
# start, so a command that waited for the write lock may record a time a
# little before a rival's: the figure "clock inversions" counts those.

# The full disk needs a tmpfs of our own: run in a private mount namespace
# when this machine allows one (root with CAP_SYS_ADMIN).
if [ -z "${SOAK_NS:-}" ] && [ "$(id -u)" = 0 ] &&
    unshare -m true 2>/dev/null; then
	SOAK_NS=1 exec unshare -m sh "$0" "$@"
fi

. "$(dirname "$0")/lib.sh"
SIM="$OKNO_BUILD/okno-sim"
: "${SOAK_SECONDS:=30}" "${SOAK_SEED:=1}" "${SOAK_CHAOS:=1}"
SECS=$SOAK_SECONDS
DAY=2026-12-29
OPEN_S=$((8 * 3600))	# 08:00, seconds into the day
DAY_S=$((12 * 3600))	# until 20:00
L=$T/log		# drivers' records
mkdir -p "$L" "$T/db"
plan 17

# --- the office: eight windows, a printer and a 20x4 board on ptys ---

DBDIR=$T/db
FULL=skip
if [ "${SOAK_NS:-}" = 1 ] &&
    mount -t tmpfs -o size=48m,mode=0750 soak "$DBDIR" 2>/dev/null; then
	FULL=tmpfs
	trap 'cleanup; umount "$DBDIR" 2>/dev/null; rm -rf "$T"' EXIT
else
	trap 'cleanup; rm -rf "$T"' EXIT
fi
sed -i -e "s|^database = .*|database = \"$DBDIR/okno.db\";|" \
    -e '/^windows = (/,/^);/d' "$T/okno.conf"
cat >> "$T/okno.conf" <<CONF
windows = (
  { number = 1; services = [ "pay", "meter", "consult" ]; },
  { number = 2; services = [ "pay", "meter", "debt" ]; },
  { number = 3; services = [ "pay", "recalc", "meter" ]; },
  { number = 4; services = [ "contract", "legal", "benefit" ]; },
  { number = 5; services = [ "complaint", "consult", "debt" ]; },
  { number = 6; services = [ "pay", "meter" ]; },
  { number = 7; services = [ "legal", "contract", "recalc" ]; },
  { number = 8; services = [ "benefit", "complaint", "pay", "consult" ]; }
);
CONF
conf_devices "$T/printer" "$T/board" 300 4
SERVICES="pay meter recalc contract legal debt benefit complaint consult"

cleanup() {
	touch "$L/stop"
	for f in "$L"/*.pid; do
		[ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	for p in ${drivers:-}; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
}

# --- helpers every driver uses ---

T0=$(date +%s%N)
# clock: S (seconds since 08:00) and NOW (ISO 8601) for this moment,
# held below 20:00 so that only the final close happens at 20:00.
clock() {
	S=$((($(date +%s%N) - T0) / 1000000 * DAY_S / (SECS * 1000)))
	[ $S -gt $((DAY_S - 60)) ] && S=$((DAY_S - 60))
	at $S
}
at() {	# at SECONDS: NOW for 08:00 + SECONDS
	NOW=$(printf '%sT%02d:%02d:%02d+03:00' $DAY \
	    $((($1 + OPEN_S) / 3600)) $((($1 + OPEN_S) / 60 % 60)) \
	    $((($1 + OPEN_S) % 60)))
}
# rnd N: R in 0..N-1 from this driver's own generator (seed in RS).
rnd() {
	RS=$(((RS * 1103515245 + 12345) % 2147483648))
	R=$((RS / 65536 % $1))
}
nap() {	# nap MS
	sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}
# o ARGS: runs okno now; OUT and RC.  Exit 0, 3 (nothing to act on) and
# 137 (our SIGKILL) are expected; 74 only from a command that ran while
# the disk was full (full when it started or when it ended: under ASan on
# a loaded machine a command started on a full disk can end after the
# filler is gone); any other status (but $EXPECT), or a stderr line that
# is not a device warning, is a failure, recorded with its command.
o() {
	clock
	full0=
	[ -e "$L/full" ] && full0=1
	OUT=$(OKNO_NOW=$NOW "$OKNO" "$@" 2>"$L/err.$ME"); RC=$?
	echo x >> "$L/cmds.$ME"
	case $RC in
	0|3)	;;
	137)	echo "$*" >> "$L/killed.$ME"; return ;;
	74)	if [ -n "$full0" ] || [ -e "$L/full" ]; then
			echo "$*: $(head -1 "$L/err.$ME")" >> "$L/fullerr.$ME"
			return
		fi ;;
	esac
	# Exit 3 says why on stderr; success may only warn about devices.
	[ $RC = "${EXPECT:-x}" ] && return
	if [ $RC -ne 0 ] && [ $RC -ne 3 ] || [ $RC = 0 ] &&
	    grep -qv '^okno: warning: ' "$L/err.$ME"; then
		{ echo "$NOW [$RC] okno $*"; sed 's/^/    /' "$L/err.$ME"
		} >> "$L/fail.$ME"
	fi
}

# --- the ticket terminal ---

issuer() {
	ME=issuer
	RS=$((SOAK_SEED * 7919 + 1))
	while clock; [ $S -lt $((DAY_S - 3600)) ] && [ ! -e "$L/stop" ]; do
		# Payments and meters are most of an office's day.
		rnd 20
		if [ $R -lt 6 ]; then svc=pay
		elif [ $R -lt 10 ]; then svc=meter
		else
			rnd 9
			set -- $SERVICES
			shift $R
			svc=$1
		fi
		rnd 100
		if [ $R -lt 8 ]; then o ticket issue $svc --priority
		else o ticket issue $svc
		fi
		[ $RC = 0 ] && echo "$OUT" >> "$L/issued"
		rnd 40
		nap $((20 + R))
	done
	touch "$L/issuer.done"
}

# --- a manager at window $1 ---

manager() {
	w=$1
	ME=m$w
	RS=$((SOAK_SEED * 104729 + w))
	until o window open $w; [ $RC = 0 ]; do nap 10; done
	while clock; [ $S -lt $((DAY_S - 120)) ] && [ ! -e "$L/stop" ]; do
		o ticket call $w
		if [ $RC = 3 ]; then
			# Home when the terminal is done and nobody waits.
			if [ -e "$L/issuer.done" ]; then
				o queue --csv
				[ $RC = 0 ] && [ "$(echo "$OUT" | awk -F, \
				    'NR > 1 { n += $3 } END { print n + 0 }')" \
				    = 0 ] && break
			fi
			rnd 100
			nap $((100 + R))
			continue
		fi
		[ $RC = 0 ] || continue
		cur=$OUT
		echo "$cur" >> "$L/called.$w"
		rnd 60
		nap $((10 + R))		# serving
		rnd 100
		if [ $R -lt 8 ]; then
			o ticket noshow $w
		elif [ $R -lt 16 ]; then
			rnd 10
			o ticket postpone $w $((R + 1))
		elif [ $R -lt 26 ]; then
			rnd 9
			set -- $SERVICES
			shift $R
			# The ticket may already be in that service (an
			# earlier transfer): okno refuses that with 65.
			EXPECT=65
			o ticket transfer $w $1
			EXPECT=
		elif [ $R -lt 32 ]; then
			o ticket recall $w
			nap 20
			o ticket finish $w
		elif [ $R -lt 44 ]; then
			rnd 4
			set -- complaint claim request question
			kind=$1
			rnd 10
			first=
			[ $R -lt 3 ] && first=--first-contact
			o appeal add --kind $kind --channel in_person \
			    --client-type individual \
			    --name "Соак Клиентов $w-$cur" \
			    --phone "+7 916 55$w-${cur#?}-77" \
			    --topic "Начисления и перерасчёт" \
			    --text "Клиент у окна $w" --ticket "$cur" \
			    $first --print
			[ $RC = 0 ] && echo "$OUT" >> "$L/appeals.$w"
			o ticket finish $w
		else
			o ticket finish $w
		fi
	done
	# The end of the day: whoever is at the window is seen to the end.
	until o ticket finish $w; [ $RC = 0 ] || [ $RC = 3 ]; do nap 10; done
	until o window close $w; [ $RC = 0 ]; do nap 10; done
}

# --- the chaos loop ---

start_sim() {	# start_sim printer|board
	rm -f "$L/$1.path"
	if [ $1 = printer ]; then
		"$SIM" printer --link "$T/printer" --out "$L/printer.out" \
		    > "$L/printer.path" 2>>"$L/sim.err" &
	else
		"$SIM" board --driver dmd --lines 4 --link "$T/board" \
		    --out "$L/board.out" > "$L/board.path" 2>>"$L/sim.err" &
	fi
	echo $! > "$L/$1.pid"
	i=0
	while [ ! -s "$L/$1.path" ] && [ $i -lt 3000 ]; do
		nap 10; i=$((i + 1))
	done
}
# unplug printer|board [hard]: the cable out.  Hard: the simulator dies
# by SIGKILL, mid-job for whoever has the port open, and the link stays,
# pointing at nothing.  Not at its old pty: the kernel soon gives that
# number to another terminal (a tmux pane of a test running beside us),
# and okno would write board frames into it.
unplug() {
	p=$(cat "$L/$1.pid")
	if [ "${2:-}" = hard ]; then
		ln -sfn "$T/unplugged-$1" "$T/$1"
		kill -KILL $p
	else
		kill -TERM $p
	fi
	wait $p 2>/dev/null
	rm -f "$L/$1.pid"
	[ "${2:-}" = hard ] || rm -f "$T/$1"
}
# The okno processes the drivers run now (their descendants named okno).
oknos() {
	ps -e -o pid= -o ppid= -o comm= | awk -v roots="$drivers" '
	    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++)
	        mine[r[i]] = 1 }
	    { pp[$1] = $2; cm[$1] = $3 }
	    END { for (p in pp) if (cm[p] == "okno") {
	        for (q = pp[p]; q > 1; q = pp[q])
	            if (q in mine) { print p; break } } }'
}
fill_disk() {
	touch "$L/full"
	dd if=/dev/zero of="$DBDIR/filler" bs=64k 2>/dev/null
	df -k "$DBDIR" | awk 'NR == 2 { print $4 }' > "$L/full.avail"
	nap $((SECS * 40))	# 4% of the day with no room
	rm -f "$DBDIR/filler"
	nap 300
	rm -f "$L/full"
	echo 1 > "$L/fulls"
}
chaos() {
	ME=chaos
	RS=$((SOAK_SEED * 15485863 + 3))
	filled=0
	while [ ! -e "$L/stop" ]; do
		rnd 350
		nap $((150 + R))
		[ "$SOAK_CHAOS" = 1 ] || continue
		clock
		if [ $filled = 0 ] && [ $S -gt $((DAY_S * 2 / 5)) ]; then
			filled=1
			[ $FULL = tmpfs ] && fill_disk
			continue
		fi
		rnd 100
		if [ $R -lt 60 ]; then
			# Short-lived processes: look a few times.
			for try in 1 2 3 4 5 6 7 8; do
				set -- $(oknos)
				[ $# -eq 0 ] && continue
				rnd $#
				shift $R
				kill -KILL $1 2>/dev/null || continue
				echo $1 >> "$L/kills"
				break
			done
		else
			dev=printer
			[ $R -ge 80 ] && dev=board
			how=soft
			[ $((R % 4)) = 0 ] && how=hard
			unplug $dev $how
			rnd 400
			nap $((50 + R))
			start_sim $dev
			echo "$dev $how" >> "$L/replugs"
		fi
	done
}

# --- the day ---

OKNO_NOW=${DAY}T07:55:00+03:00 "$OKNO" init >/dev/null || bail "init failed"
start_sim printer
start_sim board
[ -s "$L/printer.path" ] && [ -s "$L/board.path" ] ||
    bail "the simulators did not start"
drivers=
# The shells' own "Killed" notes go to a log, not into the TAP stream.
for w in 1 2 3 4 5 6 7 8; do
	manager $w 2>>"$L/shell.err" &
	drivers="$drivers $!"
done
issuer 2>>"$L/shell.err" &
drivers="$drivers $!"
chaos 2>>"$L/shell.err" &
chaos_pid=$!

# A watchdog: a driver that outlives three days' length is stuck.
limit=$((SECS * 3 + 60))
start=$(date +%s)
hung=0
for p in $drivers; do
	while kill -0 $p 2>/dev/null; do
		if [ $(($(date +%s) - start)) -gt $limit ]; then
			hung=$((hung + 1))
			diag "driver $p still runs after ${limit}s: stopped"
			touch "$L/stop"
			kill $p 2>/dev/null
			break
		fi
		sleep 0.2
	done
	wait $p 2>/dev/null
done
touch "$L/stop"
wait $chaos_pid 2>/dev/null
# Whatever chaos left unplugged goes back in before the close.
for d in printer board; do [ -e "$L/$d.pid" ] || start_sim $d; done
elapsed=$(($(date +%s) - start))

ME=close
at $DAY_S
OKNO_NOW=$NOW "$OKNO" day close > "$L/close.out" 2>"$L/close.err"
is "$?" 0 "okno day close"
like "$(cat "$L/close.out")" '^[0-9]+ waiting tickets cancelled$' \
    "it says how many it cancelled"
nap 300

# --- the evidence ---

db=$DBDIR/okno.db
q() { sqlite3 -cmd '.timeout 10000' "$db" "$1"; }

is "$hung" 0 "no driver got stuck"
cat "$L"/fail.* > "$L/failures" 2>/dev/null
failures=$(grep -c '^[^ ]' "$L/failures")
is "$failures" 0 "no command failed unexpectedly"
[ "$failures" = 0 ] || sed -n '1,20s/^/# /p' "$L/failures"

tickets=$(q "SELECT count(*) FROM tickets")
ok $([ "$tickets" -gt 0 ]; echo $?) "tickets were issued ($tickets)"
is "$(q "SELECT count(*) FROM tickets WHERE status NOT IN
    ('finished', 'noshow', 'cancelled')")" 0 \
    "after the close every ticket is finished, no-show or cancelled"
is "$(q "SELECT count(*) FROM tickets WHERE status = 'called'")" 0 \
    "every called ticket was finished by its manager"
sort -u "$L/issued" > "$L/issued.sorted"
q "SELECT number FROM tickets WHERE day = '$DAY'" | sort -u > "$L/db.numbers"
is "$(comm -23 "$L/issued.sorted" "$L/db.numbers" | wc -l | tr -d ' ')" 0 \
    "every number the terminal printed is in the database"
grep -Eo '^\[center bold 2x2\] [A-Z][0-9]{3}' "$L/printer.out" |
    sed 's/.* //' | sort -u > "$L/printed"
is "$(comm -23 "$L/printed" "$L/db.numbers" | wc -l | tr -d ' ')" 0 \
    "every ticket on paper is in the database"

# Each ticket's events, in commit order, must tell one valid story.
q "SELECT e.ticket_id, e.event, t.status, t.calls, e.at
    FROM tickets t LEFT JOIN ticket_events e ON e.ticket_id = t.id
    ORDER BY t.id, e.id" | awk -F'|' '
function bad(why) { nbad++; if (nbad <= 10) print "# ticket " id ": " why }
function done() {
	if (id == "") return
	if (st != status) bad("ends " st " but its status is " status)
	if (ncalled != calls) bad(ncalled " calls, " calls " counted")
}
$1 != id { done(); id = $1; status = $3; calls = $4; ncalled = 0; last = 0
	if ($2 != "issued") bad("starts with \"" $2 "\"")
	st = "waiting"; last = $5; next }
{ ev = $2
	if ($5 < last) inv++
	last = $5
	if (ev == "called") { if (st != "waiting") bad("called when " st)
		st = "called"; ncalled++ }
	else if (ev == "recalled") { if (st != "called") bad("recalled when " st) }
	else if (ev == "finished" || ev == "noshow") {
		if (st != "called") bad(ev " when " st); st = ev }
	else if (ev == "transferred") {
		if (st != "called") bad("transferred when " st); st = "waiting" }
	else if (ev == "postponed") {
		if (st != "called") bad("postponed when " st); st = "postponed" }
	else if (ev == "returned") {
		if (st != "postponed") bad("returned when " st); st = "waiting" }
	else if (ev == "cancelled") {
		if (st != "waiting" && st != "postponed") bad("cancelled when " st)
		st = "cancelled" }
	else bad("unknown event " ev)
}
END { done(); print nbad + 0 > "/dev/stderr"; print inv + 0 }' \
    > "$L/inversions" 2> "$L/badstories"
is "$(tail -1 "$L/badstories")" 0 \
    "every ticket's events: issued first, each call closed, final = status"
inversions=$(cat "$L/inversions")

# Appeals: every number shown to a manager or printed on a slip exists.
cat "$L"/appeals.* 2>/dev/null | sort -u > "$L/appeals.shown"
sed -n 's/^Registration number: //p' "$L/printer.out" | sort -u \
    > "$L/appeals.printed"
q "SELECT reg_no FROM appeals" | sort -u > "$L/appeals.db"
appeals=$(wc -l < "$L/appeals.db" | tr -d ' ')
is "$(cat "$L/appeals.shown" "$L/appeals.printed" | sort -u |
    comm -23 - "$L/appeals.db" | wc -l | tr -d ' ')" 0 \
    "every appeal number shown or printed is registered ($appeals)"
is "$(q "SELECT count(*) FROM appeals a WHERE NOT EXISTS (SELECT 1 FROM
    appeal_events v WHERE v.appeal_id = a.id AND v.event = 'registered')")" \
    0 "every appeal has its registration event"

is "$(q 'PRAGMA integrity_check')" ok "PRAGMA integrity_check: ok"
is "$(q 'PRAGMA foreign_key_check' | wc -l | tr -d ' ')" 0 \
    "no dangling references"

# The board: its last frame against the database's state rendered by a
# second, untouched board (okno's own office_board_state and driver).
lastframe() { awk '/^# dmd$/ { n = 0; next } /^\|/ { f[++n] = $0 }
    END { for (i = 1; i <= n; i++) print f[i] }' "$1"; }
"$SIM" board --driver dmd --lines 4 --link "$T/ref" --out "$L/ref.out" \
    > "$L/ref.path" &
echo $! > "$L/ref.pid"
i=0; while [ ! -s "$L/ref.path" ] && [ $i -lt 3000 ]; do nap 10; i=$((i + 1)); done
sed "s|port = \"$T/board\"|port = \"$T/ref\"|" "$T/okno.conf" > "$T/ref.conf"
OKNO_NOW=$NOW "$OKNO" -c "$T/ref.conf" window close 1 2>"$L/ref.err"
# A simulator prints a frame once its line has been quiet: wait (30 s)
# for the reference's one frame, and for the board to show the same.
# Nobody writes to the board any more, so it cannot change after this.
i=0
while { [ -z "$(lastframe "$L/ref.out")" ] ||
    [ "$(lastframe "$L/board.out")" != "$(lastframe "$L/ref.out")" ]; } &&
    [ $i -lt 300 ]; do
	nap 100; i=$((i + 1))
done
is "$(lastframe "$L/board.out")" "$(lastframe "$L/ref.out")" \
    "the board shows the database's state"
top=$(q "SELECT t.number FROM ticket_events e JOIN tickets t ON
    t.id = e.ticket_id WHERE e.event IN ('called', 'recalled')
    ORDER BY e.at DESC, e.id DESC LIMIT 1")
like "$(lastframe "$L/board.out" | head -1)" "^\\|>$top " \
    "its top line is the latest call ($top)"
ok $(grep -q 'Соак' "$L/board.out"; [ $? = 1 ]; echo $?) \
    "no client's name ever reached the board"

# --- the figures ---

count() { cat "$@" 2>/dev/null | wc -l | tr -d ' '; }
calls=$(q "SELECT count(*) FROM ticket_events WHERE event = 'called'")
diag "soak: day ${DAY} 08:00-20:00 in ${SECS}s (seed $SOAK_SEED," \
    "full disk: $FULL)"
diag "soak: tickets $tickets, calls $calls, appeals $appeals;" \
    "$(q "SELECT group_concat(status || ' ' || n, ', ') FROM (SELECT
    status, count(*) n FROM tickets GROUP BY 1)")"
diag "soak: commands $(count "$L"/cmds.*), kills $(count "$L/kills")" \
    "(commands killed $(count "$L"/killed.*)), replugs $(count \
    "$L/replugs") (printer $(grep -c printer "$L/replugs" 2>/dev/null)," \
    "board $(grep -c board "$L/replugs" 2>/dev/null))"
diag "soak: disk filled $(count "$L/fulls") time(s)," \
    "commands refused for it $(count "$L"/fullerr.*)"
diag "soak: device events $(q "SELECT group_concat(device || ' ' || event
    || ' ' || n, ', ') FROM (SELECT device, event, count(*) n FROM
    device_events GROUP BY 1, 2)")"
diag "soak: elapsed ${elapsed}s, failures $failures, clock inversions" \
    "$inversions"
exit $((tap_failed > 0))
