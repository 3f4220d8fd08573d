#!/bin/sh
# queue.sh: cost of one issue+call+finish cycle with 10 000 and 1 000 000
# past tickets (instruction counts by callgrind, and wall time), and the
# start-up time and peak memory of `okno queue --csv` on the large database.
set -u
. "$(dirname "$0")/../lib.sh"

command -v valgrind >/dev/null || echo "valgrind missing: no instruction counts"
NOW=2026-12-30T10:00:00+03:00
export OKNO_NOW=$NOW

# past_tickets N: N finished tickets, 300 a day, ending yesterday, with
# their three events each; written by the sqlite3 shell in one go.
past_tickets() {
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

# instructions COMMAND...: instructions executed, by callgrind.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
	    >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

cycle_cost() {
	a=$(instructions "$OKNO" ticket issue pay)
	b=$(instructions "$OKNO" ticket call 1)
	c=$(instructions "$OKNO" ticket finish 1)
	echo $((a + b + c))
}

cycle_wall() {	# mean ms of 20 cycles
	s=$(date +%s%N)
	i=0
	while [ $i -lt 20 ]; do
		"$OKNO" ticket issue pay >/dev/null
		"$OKNO" ticket call 1 >/dev/null
		"$OKNO" ticket finish 1 >/dev/null
		i=$((i + 1))
	done
	e=$(date +%s%N)
	echo $(((e - s) / 20 / 1000000))
}

past_tickets 10000
small=$(cycle_cost)
small_ms=$(cycle_wall)
t0=$(date +%s)
LARGE=${OKNO_BENCH_LARGE:-1000000}
past_tickets $LARGE
echo "generated $LARGE past tickets in $(($(date +%s) - t0)) s"
large=$(cycle_cost)
large_ms=$(cycle_wall)
echo "issue+call+finish, 3 processes: 10k past: $small instructions, ${small_ms} ms wall"
echo "issue+call+finish, 3 processes: $LARGE past: $large instructions, ${large_ms} ms wall"
awk -v a="$small" -v b="$large" 'BEGIN { printf "ratio large/10k (instructions): %.3f (target < 1.2)\n", b / a }'

s=$(date +%s%N)
i=0
while [ $i -lt 20 ]; do
	"$OKNO" queue --csv >/dev/null
	i=$((i + 1))
done
e=$(date +%s%N)
echo "okno queue --csv on $LARGE tickets: $(((e - s) / 20000)) us mean start-to-exit (target < 50 ms)"
/usr/bin/time -f '%M' -o "$T/rss" "$OKNO" queue --csv >/dev/null
echo "okno queue --csv peak RSS: $(cat "$T/rss") KiB (target < 8 MB)"
echo "database size with $LARGE tickets: $(du -m "$T/okno.db" | cut -f1) MB"
