#!/bin/sh
# export.sh: time of `okno export` for one day and for a month of history
# of a busy office (400 tickets a day, 3 events each), with the fsyncs;
# the mean of three runs (an unacknowledged batch is written again whole).
set -u
. "$(dirname "$0")/../lib.sh"

PER_DAY=${OKNO_BENCH_PER_DAY:-400}
export OKNO_NOW=2026-12-30T22:00:00+03:00
"$OKNO" init >/dev/null || exit 1
# Tracking triggers in place first, as on a running office.
b=$("$OKNO" export --out "$T/out") && "$OKNO" export --ack "$b" || exit 1

# history FIRST_ID DAYS LAST_DAY: DAYS days of finished tickets,
# inserted by the sqlite3 shell (the triggers log them as the queue's
# own writes would be logged).
history() {
	end=$(date -d "$3T12:00:00+03:00" +%s)
	n=$(($2 * PER_DAY))
	sqlite3 "$T/okno.db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $n - 1)
INSERT INTO tickets (id, day, prefix, seq, number, service, priority,
  issued_at, status, window, manager, wait_s, service_s, calls, closed_at,
  updated_at)
SELECT $1 + i, date($end - (i / $PER_DAY) * 86400, 'unixepoch', 'localtime'),
  substr('ABCK', i % 4 + 1, 1), i % $PER_DAY + 1,
  substr('ABCK', i % 4 + 1, 1) || printf('%03d', i % $PER_DAY + 1),
  CASE i % 3 WHEN 0 THEN 'pay' WHEN 1 THEN 'meter' ELSE 'consult' END,
  i % 20 = 0, $end - (i / $PER_DAY) * 86400 - 30000 + (i % $PER_DAY) * 70,
  'finished', i % 4 + 1, 'manager' || (i % 4 + 1), 300, 600, 1,
  $end - (i / $PER_DAY) * 86400 - 30000 + (i % $PER_DAY) * 70 + 900,
  $end - (i / $PER_DAY) * 86400
FROM n;
INSERT INTO ticket_events (ticket_id, at, event, window, service)
SELECT id, issued_at, 'issued', NULL, service FROM tickets WHERE id >= $1;
INSERT INTO ticket_events (ticket_id, at, event, window, manager, service)
SELECT id, issued_at + 300, 'called', window, manager, service FROM tickets
WHERE id >= $1;
INSERT INTO ticket_events (ticket_id, at, event, window, manager, service)
SELECT id, closed_at, 'finished', window, manager, service FROM tickets
WHERE id >= $1;
COMMIT;
SQL
}

# bench LABEL: mean ms of three exports of what is not acknowledged.
bench() {
	s=$(date +%s%N)
	for i in 1 2 3; do
		b=$("$OKNO" export --out "$T/out") || { echo "export failed"; return; }
	done
	e=$(date +%s%N)
	rows=$(($(cat "$b"/*.csv | wc -l) - 6))
	kb=$(du -k "$b" | cut -f1)
	echo "export, $1: $rows rows, $kb KiB: $(((e - s) / 3000000)) ms" \
	    "(mean of 3)"
	"$OKNO" export --ack "$b" >/dev/null
}

history 1000000 30 2026-12-29
bench "a month ($((30 * PER_DAY)) tickets)"
history 2000000 1 2026-12-30
bench "one day ($PER_DAY tickets)"
echo "database size: $(du -k "$T/okno.db" | cut -f1) KiB"
