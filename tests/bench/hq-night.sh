#!/bin/sh
# hq-night.sh: head office's night: okno-load over N branches' batches
# (OKNO_BENCH_BRANCHES, default 50; one day of PER_DAY tickets each, 3
# events a ticket), then the same batches again; and, for comparison,
# main's loader before issue 20 (one psql per batch, every batch read
# again), when git has it.  Figures only.  Needs the PostgreSQL server.
set -u
. "$(dirname "$0")/../lib.sh"
N=${OKNO_BENCH_BRANCHES:-50}
PER_DAY=${OKNO_BENCH_PER_DAY:-300}
plan() { :; }
. "$(dirname "$0")/../hq-lib.sh"

# One branch's day, inserted by the sqlite3 shell into a template that
# every branch copies before its first export (which sends every row).
export OKNO_NOW=2026-12-30T22:00:00+03:00
"$OKNO" init >/dev/null || exit 1
end=$(date -d "2026-12-30T12:00:00+03:00" +%s)
sqlite3 "$T/okno.db" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < $PER_DAY - 1)
INSERT INTO tickets (id, day, prefix, seq, number, service, priority,
  issued_at, status, window, manager, wait_s, service_s, calls, closed_at,
  updated_at)
SELECT 1 + i, '2026-12-30', 'A', i + 1, 'A' || printf('%03d', i + 1),
  'pay', 0, $end - 30000 + i * 70, 'finished', i % 4 + 1,
  'manager' || (i % 4 + 1), 300, 600, 1, $end - 30000 + i * 70 + 900, $end
FROM n;
INSERT INTO ticket_events (ticket_id, at, event, window, service)
SELECT id, issued_at, 'issued', NULL, service FROM tickets;
INSERT INTO ticket_events (ticket_id, at, event, window, manager, service)
SELECT id, issued_at + 300, 'called', window, manager, service FROM tickets;
INSERT INTO ticket_events (ticket_id, at, event, window, manager, service)
SELECT id, closed_at, 'finished', window, manager, service FROM tickets;
COMMIT;
SQL
mkdir "$T/in"
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	code=$(printf 'B%03d' $i)
	mkdir "$T/$code"
	cp -r "$T/calendar" "$T/criteria.conf" "$T/$code/"
	sed -e "s/code = \"MSK-014\"/code = \"$code\"/" \
	    -e "s|$T/okno.db|$T/$code/okno.db|" "$T/okno.conf" \
	    >"$T/$code/okno.conf"
	cp "$T/okno.db" "$T/$code/okno.db"
	"$LOAD" --register $("$OKNO" -c "$T/$code/okno.conf" keygen) \
	    >/dev/null || exit 1
	"$OKNO" -c "$T/$code/okno.conf" export --out "$T/in" >/dev/null ||
	    exit 1
done
rows=$(cat "$T"/in/*/*.csv | wc -l)
rows=$((rows - 7 * N))
ms() { echo $((($2 - $1) / 1000000)); }

s=$(date +%s%N); "$LOAD" "$T"/in/* >/dev/null; e=$(date +%s%N)
echo "okno-load, $N batches ($rows rows): $(ms "$s" "$e") ms"
s=$(date +%s%N); "$LOAD" "$T"/in/* >/dev/null; e=$(date +%s%N)
echo "okno-load again (all unchanged): $(ms "$s" "$e") ms"

# main's loader of before, into a database of its own.
old=$T/old
mkdir "$old"
if git -C "$SRC" show 41ac60f:packaging/hq/okno-load >"$old/okno-load" \
    2>/dev/null &&
    git -C "$SRC" show 41ac60f:packaging/hq/load.sql >"$old/load.sql" &&
    git -C "$SRC" show 41ac60f:packaging/hq/schema.sql >"$old/schema.sql"
then
	q "CREATE DATABASE old" >/dev/null
	export PGDATABASE=old
	s=$(date +%s%N); sh "$old/okno-load" --init "$T"/in/* >/dev/null
	e=$(date +%s%N)
	echo "the loader before (one psql per batch): $(ms "$s" "$e") ms"
	s=$(date +%s%N); sh "$old/okno-load" "$T"/in/* >/dev/null
	e=$(date +%s%N)
	echo "the loader before, again: $(ms "$s" "$e") ms"
fi
