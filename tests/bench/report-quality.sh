#!/bin/sh
# report-quality.sh: time and peak memory of the report's other sections
# (--appeals, --feedback, --inspections as CSV) and of the whole text
# report, for one year and ten years of history in one ten-year database:
# 300 tickets a day, about two thirds of the visits rated on four
# criteria, ten appeals a day, two inspections a month.  The sections
# stream: memory should not grow from one year to ten (beyond SQLite's
# page cache, 2 MB by default, which a short period does not fill).
# CPU time (user + sys) is printed beside wall time: on a loaded machine
# the wall clock says more about the neighbours than about okno.
set -u
. "$(dirname "$0")/../lib.sh"

bench_decade

history() {
	bench_history <<SQL
CREATE TABLE IF NOT EXISTS ratings (id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  criterion TEXT NOT NULL, score INTEGER NOT NULL
  CHECK (score BETWEEN 1 AND 5), at INTEGER NOT NULL, manager TEXT,
  updated_at INTEGER NOT NULL, UNIQUE (ticket_id, criterion));
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < $1 * 300 - 1)
INSERT INTO tickets (id, day, prefix, seq, number, service, priority,
  issued_at, status, window, manager, wait_s, service_s, calls, closed_at,
  updated_at)
SELECT i + 1,
  date($base - (i / 300) * 86400 + 28800 + (i % 300) * 144, 'unixepoch',
  '+3 hours'), 'A', i % 300 + 1, 'A' || (i % 300 + 1),
  CASE abs(random()) % 9 WHEN 0 THEN 'pay' WHEN 1 THEN 'meter'
    WHEN 2 THEN 'recalc' WHEN 3 THEN 'contract' WHEN 4 THEN 'legal'
    WHEN 5 THEN 'debt' WHEN 6 THEN 'benefit' WHEN 7 THEN 'complaint'
    ELSE 'consult' END, 0,
  $base - (i / 300) * 86400 + 28800 + (i % 300) * 144,
  CASE WHEN i % 10 < 9 THEN 'finished' ELSE 'noshow' END,
  1 + i % 4, 'mgr' || ((i / 300 / 300 + i % 4) % 14), 300, 600, 1,
  0, 0
FROM n;
INSERT INTO ratings (ticket_id, criterion, score, at, manager, updated_at)
SELECT t.id, c.code, 1 + abs(random()) % 5, 0, t.manager, 0
FROM tickets t, (SELECT 'speed' AS code UNION ALL SELECT 'politeness'
  UNION ALL SELECT 'comfort' UNION ALL SELECT 'info') c
WHERE t.status = 'finished' AND t.id % 3 != 0
ORDER BY t.id, c.code;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < $1 * 10 - 1)
INSERT INTO appeals (reg_no, branch, year, seq, registered_at, reg_date,
  channel, kind, client_type, client_name, topic, first_contact, status,
  due_date, due_date_orig, answered_at, updated_at)
SELECT 'R' || i, 'MSK-014', 2026, i + 1, 0,
  date($base - (i / 10) * 86400, 'unixepoch', '+3 hours'),
  CASE i % 3 WHEN 0 THEN 'in_person' WHEN 1 THEN 'written' ELSE 'book' END,
  CASE i % 2 WHEN 0 THEN 'complaint' ELSE 'request' END, 'individual',
  'X', 'T', i % 4 = 0, CASE WHEN i % 5 = 0 THEN 'registered'
    ELSE 'answered' END,
  date($base - (i / 10) * 86400 + 30 * 86400, 'unixepoch', '+3 hours'),
  date($base - (i / 10) * 86400 + 30 * 86400, 'unixepoch', '+3 hours'),
  CASE WHEN i % 5 != 0 THEN $base - (i / 10) * 86400 + (i % 40) * 86400
    END, 0
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < $1 / 15)
INSERT INTO inspections (id, date, kind, inspector, created_at, updated_at)
SELECT i + 1, date($base - i * 15 * 86400, 'unixepoch', '+3 hours'),
  CASE i % 3 WHEN 0 THEN 'internal' WHEN 1 THEN 'external'
    ELSE 'mystery_shopper' END, 'I', 0, 0
FROM n;
INSERT INTO inspection_results (inspection_id, criterion, result,
  updated_at)
SELECT i.id, c.code, CASE abs(random()) % 4 WHEN 0 THEN 'not_met'
  WHEN 1 THEN 'na' ELSE 'met' END, 0
FROM inspections i, (SELECT 'U1' AS code UNION ALL SELECT 'U4'
  UNION ALL SELECT 'U7' UNION ALL SELECT 'C1') c;
SQL
}

# run FROM TO ARGS...: mean wall ms of 3 runs, then the CPU ms (user +
# sys) and peak RSS in KiB of a fourth.
run() {
	f=$1 t=$2
	shift 2
	"$OKNO" report --from "$f" --to "$t" "$@" >/dev/null	# warm cache
	s=$(date +%s%N)
	for i in 1 2 3; do
		"$OKNO" report --from "$f" --to "$t" "$@" >/dev/null
	done
	e=$(date +%s%N)
	/usr/bin/time -f '%U %S %M' -o "$T/rss" "$OKNO" report --from "$f" \
	    --to "$t" "$@" >/dev/null
	echo "$(((e - s) / 3000000)) $(awk '{ printf "%d %d", \
	    ($1 + $2) * 1000, $3 }' "$T/rss")"
}

t0=$(date +%s)
history "$DAYS"
echo "generated $((DAYS * 300)) tickets, $(sqlite3 "$T/okno.db" \
    'SELECT count(*) FROM ratings') ratings, $((DAYS * 10)) appeals," \
    "$(sqlite3 "$T/okno.db" 'SELECT count(*) FROM inspections')" \
    "inspections in $(($(date +%s) - t0)) s"
for s in --appeals --feedback --inspections text; do
	a=$s
	[ "$s" = text ] && a=
	if [ -n "$a" ]; then
		set -- $(run 2026-01-01 2026-12-29 $a --csv)
	else
		set -- $(run 2026-01-01 2026-12-29)
	fi
	y1_ms=$1 y1_cpu=$2 y1_kb=$3
	if [ -n "$a" ]; then
		set -- $(run 2017-01-01 2026-12-29 $a --csv)
	else
		set -- $(run 2017-01-01 2026-12-29)
	fi
	echo "report ${s#--}: 1 year ${y1_ms} ms (CPU ${y1_cpu} ms)," \
	    "peak RSS ${y1_kb} KiB; 10 years ${1} ms (CPU ${2} ms), peak RSS" \
	    "${3} KiB; memory 10y/1y $(awk -v a="$y1_kb" -v b="$3" \
	    'BEGIN { printf "%.3f", b / a }')"
done
"$OKNO" report --from 2017-01-01 --to 2026-12-29 --feedback --csv |
    grep '^all,all,csi,' | sed 's/^/10-year CSI row: /'
