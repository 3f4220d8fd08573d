#!/bin/sh
# queue-concurrency.t: many okno processes on one database at once.
#
# Two issuers and eight callers (one per window) run together; every
# issued ticket must be called exactly once.  Then a writer is killed
# with SIGKILL at random moments: nothing committed is lost and the
# database stays intact.
. "$(dirname "$0")/lib.sh"
plan 9

# Eight windows, each serving both services.
sed -i -e '/^windows = (/,/^);/d' "$T/okno.conf"
{
	echo 'windows = ('
	for w in 1 2 3 4 5 6 7; do
		echo "  { number = $w; services = [ \"pay\", \"meter\" ]; },"
	done
	echo '  { number = 8; services = [ "pay", "meter" ]; }'
	echo ');'
} >> "$T/okno.conf"
export OKNO_NOW=2026-12-30T11:00:00+03:00
"$OKNO" init >/dev/null || bail "init failed"

N=150	# tickets per issuer
W=8	# callers, one per window
if emulated; then
	# Each emulated okno holds the write lock about ten times longer (qemu
	# translates SQLite's code inside the transaction): ten of them at
	# once starve one past the 15 s busy timeout on a loaded machine.
	N=40
	W=4
	diag "okno runs under qemu-user (this kernel has no 32-bit" \
	    "emulation): $W callers and $N tickets per issuer, not 8 and 150"
fi
issuer() {	# issuer SERVICE
	i=0
	while [ $i -lt $N ]; do
		"$OKNO" ticket issue "$1" || echo "ERROR" >&2
		i=$((i + 1))
	done
}
caller() {	# caller WINDOW: calls until the issuers are done and none waits
	# Only a call begun after the issuers were done may end the loop: one
	# that found nothing just before the last issue must not.  The
	# window's clock moves on 5 s after each call: a call within
	# QUEUE_CALL_GUARD_S of the last is refused as a double press.
	n=0
	while :; do
		done=
		[ -e "$T/issued.done" ] && done=1
		s=$((n * 5))
		OKNO_NOW=$(printf '2026-12-30T%02d:%02d:%02d+03:00' \
		    $((11 + s / 3600)) $((s / 60 % 60)) $((s % 60))) \
		    "$OKNO" ticket call "$1" 2>"$T/err.$1"
		rc=$?
		if [ $rc -eq 3 ]; then
			[ -n "$done" ] && break
			sleep 0.05
		elif [ $rc -ne 0 ]; then
			echo "ERROR $rc: $(cat "$T/err.$1")" >&2
		else
			n=$((n + 1))
		fi
	done
}

for w in $(seq 1 $W); do
	caller $w > "$T/called.$w" 2>>"$T/errors" &
done
issuer pay > "$T/issued.pay" 2>>"$T/errors" &
p1=$!
issuer meter > "$T/issued.meter" 2>>"$T/errors" &
p2=$!
wait $p1 $p2
touch "$T/issued.done"
wait

sort "$T"/issued.* > "$T/issued"
sort "$T"/called.* > "$T/called"
is "$(wc -l < "$T/issued" | tr -d ' ')" $((2 * N)) "every issue printed a number"
is "$(sort -u "$T/issued" | wc -l | tr -d ' ')" $((2 * N)) "numbers are unique"
is "$(wc -l < "$T/called" | tr -d ' ')" $((2 * N)) "as many calls as tickets"
cmp -s "$T/issued" "$T/called"; ok $? "every ticket called exactly once"
is "$(cat "$T/errors")" "" "no process failed"
is "$(sqlite3 -cmd ".timeout 10000" "$T/okno.db" "SELECT count(*) FROM (SELECT ticket_id FROM ticket_events WHERE event = 'called' GROUP BY ticket_id HAVING count(*) <> 1)")" \
    0 "the event log has one call per ticket"

# SIGKILL in the middle of writes.
: > "$T/printed"
i=0
while [ $i -lt 20 ]; do
	( while :; do "$OKNO" ticket issue consult || break; done ) >> "$T/printed" 2>/dev/null &
	pid=$!
	sleep 0.$((i % 9 + 1))
	# The loop first, so that it starts no new okno; then its child.
	kill -STOP $pid 2>/dev/null
	pkill -KILL -P $pid 2>/dev/null
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	i=$((i + 1))
done
missing=0
for n in $(cat "$T/printed"); do
	c=$(sqlite3 -cmd ".timeout 10000" "$T/okno.db" "SELECT count(*) FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id AND e.event = 'issued' WHERE t.number = '$n'")
	[ "$c" = 1 ] || missing=$((missing + 1))
done
is "$missing" 0 "every printed ticket is in the database with its event ($(wc -l < "$T/printed") printed)"
is "$(sqlite3 -cmd ".timeout 10000" "$T/okno.db" "SELECT max(seq) - count(*) FROM tickets WHERE prefix = 'K'")" 0 \
    "numbering has no gaps after the kills"
is "$(sqlite3 -cmd ".timeout 10000" "$T/okno.db" 'PRAGMA integrity_check')" ok "integrity_check is ok"
