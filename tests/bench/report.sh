#!/bin/sh
# report.sh: time and peak memory of `okno report --csv` for one year and
# ten years of history (300 tickets a day) in one ten-year database, and
# the memory ratio 10y/1y (the report streams: it should be about 1).
# Targets: one year under 0.2 s, ten years under 2 s.
set -u
. "$(dirname "$0")/../lib.sh"

bench_decade

# history DAYS: 300 tickets a day for DAYS days ending 2026-12-29, issued
# 08:00-20:00 Moscow time, with varied services, windows, managers (staff
# changes every year or so), outcomes and times: waits mostly under 20 min
# with a tail up to 3 h, services mostly under 15 min with a tail up to
# 2 h (so that some percentiles need the refinement passes).  The report
# reads only tickets, so no ticket_events are generated.
history() {
	bench_history <<SQL
CREATE TEMP TABLE g AS
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < $1 * 300 - 1)
SELECT i, i / 300 AS d, i % 300 AS s, abs(random()) % 1000 AS r1,
  abs(random()) % 1000 AS r2, abs(random()) % 100000 AS r3,
  abs(random()) % 12 AS svc
FROM n;
INSERT INTO tickets (id, day, prefix, seq, number, service, priority,
  issued_at, status, window, manager, wait_s, service_s, calls, closed_at,
  updated_at)
SELECT i + 1,
  date($base - d * 86400 + 28800 + s * 144, 'unixepoch', '+3 hours'),
  substr('ABCDEFGHKAAB', svc + 1, 1), s + 1,
  substr('ABCDEFGHKAAB', svc + 1, 1) || printf('%03d', s + 1),
  CASE svc WHEN 0 THEN 'pay' WHEN 1 THEN 'meter' WHEN 2 THEN 'recalc'
    WHEN 3 THEN 'contract' WHEN 4 THEN 'legal' WHEN 5 THEN 'debt'
    WHEN 6 THEN 'benefit' WHEN 7 THEN 'complaint' WHEN 8 THEN 'consult'
    WHEN 9 THEN 'pay' WHEN 10 THEN 'pay' ELSE 'meter' END,
  r1 < 30, $base - d * 86400 + 28800 + s * 144,
  CASE WHEN r2 < 880 THEN 'finished' WHEN r2 < 950 THEN 'noshow'
    ELSE 'cancelled' END,
  CASE WHEN r2 < 950 THEN 1 + (s + r1) % 4 END,
  CASE WHEN r2 < 950 THEN 'mgr' || ((d / 300 + (s + r1) % 4) % 14) END,
  CASE WHEN r2 >= 950 THEN 0
    WHEN r3 < 1000 THEN 3600 + r3 * 7
    ELSE (r3 % 1200) * (r1 % 3 + 1) / 2 END,
  CASE WHEN r2 < 880 THEN
    CASE WHEN r3 % 97 = 0 THEN 3600 + r1 * 4
      ELSE 60 + (r3 % 600) + (r1 % 500) END
    WHEN r2 < 950 THEN r1 % 40 ELSE 0 END,
  CASE WHEN r2 < 950 THEN 1 + (r3 % 50 = 0) ELSE 0 END,
  $base - d * 86400 + 28800 + s * 144 + 3600,
  $base - d * 86400 + 28800 + s * 144 + 3600
FROM g;
SQL
}

# run FROM TO: mean wall ms of 5 runs, then peak RSS in KiB.
run() {
	"$OKNO" report --from "$1" --to "$2" --csv >/dev/null	# warm cache
	s=$(date +%s%N)
	for i in 1 2 3 4 5; do
		"$OKNO" report --from "$1" --to "$2" --csv >/dev/null
	done
	e=$(date +%s%N)
	ms=$(((e - s) / 5000000))
	/usr/bin/time -f '%M' -o "$T/rss" "$OKNO" report --from "$1" \
	    --to "$2" --csv >/dev/null
	echo "$ms $(cat "$T/rss")"
}

t0=$(date +%s)
history "$DAYS"
echo "generated $((DAYS * 300)) tickets ($DAYS days) in" \
    "$(($(date +%s) - t0)) s; database $(du -m "$T/okno.db" | cut -f1) MB"
set -- $(run 2026-01-01 2026-12-29)
y1_ms=$1 y1_kb=$2
set -- $(run 2017-01-01 2026-12-29)
y10_ms=$1 y10_kb=$2
set -- $(run 2026-12-29 2026-12-29)
d1_ms=$1 d1_kb=$2
echo "report, 1 day:    ${d1_ms} ms, peak RSS ${d1_kb} KiB"
echo "report, 1 year:   ${y1_ms} ms, peak RSS ${y1_kb} KiB (target < 200 ms)"
echo "report, 10 years: ${y10_ms} ms, peak RSS ${y10_kb} KiB (target < 2000 ms)"
awk -v a="$y1_kb" -v b="$y10_kb" 'BEGIN {
	printf "peak memory ratio 10y/1y: %.3f (target: flat, about 1)\n",
	    b / a }'
"$OKNO" report --from 2017-01-01 --to 2026-12-29 --csv | sed -n 2p |
    sed 's/^/10-year all row: /'
# Worst case: a manager whose median and p90 wait are over an hour makes
# the report read the period a second time (report.c, refinement pass).
sqlite3 "$T/okno.db" "UPDATE tickets SET wait_s = wait_s + 5000
    WHERE manager = 'mgr3'"
set -- $(run 2017-01-01 2026-12-29)
echo "report, 10 years, one row's p90 over an hour (two passes):" \
    "$1 ms, peak RSS $2 KiB"
