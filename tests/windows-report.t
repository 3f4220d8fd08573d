#!/bin/sh
# windows-report.t: where the day went (issue 13): a simulated office day
# at the command line with a scheduled lunch, coded pauses, a transfer, a
# postponement and a window left open; then `okno report --windows --csv`
# and `--pauses --csv`, checked three ways: by hand for some figures,
# open_s = serving_s + paused_s + idle_s on every row, and every figure
# against an independent computation in SQL from the exported event log
# (window_events.csv, ticket_events.csv): intervals paired from the events,
# measured second by second.  Also `window pause --reason` with codes.
. "$(dirname "$0")/lib.sh"
plan 23

"$OKNO" init >/dev/null || bail "init"
staff ivanova petrov sidorova

conf_lunch 1
conf_hours week
cat >>"$T/okno.conf" <<'CONF'
pause_reasons = ( { code = "lunch"; name = "Обед"; },
                  { code = "tech"; name = "Технический перерыв"; },
                  { code = "backoffice"; name = "Работа с документами"; } );
CONF

# at HH:MM COMMAND...: okno at that time of Wednesday 2026-12-16.
at() {
	t=$1
	shift
	OKNO_NOW=2026-12-16T$t:00+03:00 "$OKNO" "$@" >/dev/null 2>"$T/err" ||
	    [ "$1 $2" = "ticket call" ] || bail "at $t $*: $(cat "$T/err")"
}

at 08:00 window open 1 --manager ivanova
at 08:00 window open 2 --manager petrov
at 08:00 window open 3 --manager sidorova
at 08:05 ticket issue pay				# A001
at 08:05 ticket issue meter				# B001
at 08:10 ticket call 1
at 08:10 ticket call 2
at 08:20 ticket finish 1
at 08:25 ticket noshow 2
at 08:30 ticket issue pay				# A002
at 09:00 ticket call 1
at 09:10 ticket transfer 1 recalc
at 09:20 ticket call 3
at 09:30 ticket postpone 3 10				# back at 09:40
out=$(OKNO_NOW=2026-12-16T09:35:00+03:00 "$OKNO" window pause 2 \
    --reason smoke 2>&1)
is "$?" 65 "an unknown pause reason: exit 65"
is "$out" "okno: unknown pause reason 'smoke'; the reasons are: lunch, \
tech, backoffice" "one line naming the valid codes"
at 09:35 window pause 2 --reason tech --note "printer jam"
at 09:50 ticket call 3
at 10:00 ticket finish 3
at 10:30 window resume 2
at 11:00 window pause 3 --reason backoffice
at 11:30 window resume 3
at 12:30 ticket issue consult				# K001
at 12:50 ticket call 1
at 13:10 ticket finish 1				# lunch from now
is "$(OKNO_NOW=2026-12-16T13:10:00+03:00 "$OKNO" windows --csv | grep '^1,')" \
    "1,paused,,ivanova" "window 1 went to lunch when its visit ended"
at 13:20 ticket issue pay				# A003
out=$(OKNO_NOW=2026-12-16T13:25:00+03:00 "$OKNO" ticket call 1 2>&1)
is "$?" 1 "a call during the lunch is refused (exit 1)"
like "$out" "^okno: window 1 is on its lunch break until 13:45; resume it" \
    "saying until when"
at 13:30 ticket call 2
at 13:40 ticket finish 2
at 14:00 window open 4
is "$(OKNO_NOW=2026-12-16T14:00:00+03:00 "$OKNO" windows --csv | grep '^1,')" \
    "1,free,,ivanova" "back from lunch"
at 14:05 ticket issue debt				# F001
at 14:10 ticket call 4
at 14:20 ticket finish 4
at 17:00 ticket issue pay				# A004, never called
at 18:00 window close 1
at 18:00 window close 3
at 18:30 window close 2
# window 4 stays open: counted up to the office's closing, 20:00.

export OKNO_NOW=2026-12-17T09:00:00+03:00
"$OKNO" report --from 2026-12-16 --to 2026-12-16 --windows --csv \
    >"$T/w.csv"; ok $? "report --windows --csv"
is "$(head -1 "$T/w.csv")" \
    "group,key,open_s,serving_s,paused_s,idle_s,idle_waiting_s,calls" \
    "its header (SPEC)"
is "$(grep '^window,1,' "$T/w.csv")" "window,1,36000,2400,2100,31500,6900,3" \
    "window 1 by hand: 08:00-18:00, served 40 min, lunch 35 min, clients \
waited while it was idle 115 min (A001 and B001 5, A002 30, K001 20, A004 60; \
A003 came during the lunch)"
is "$(grep '^window,4,' "$T/w.csv")" "window,4,21600,600,0,21000,300,1" \
    "window 4, left open: 14:00 to the office's closing at 20:00"
is "$(awk -F, 'NR > 1 && $3 != $4 + $5 + $6 { print }' "$T/w.csv")" "" \
    "every row: open_s = serving_s + paused_s + idle_s"
is "$(awk -F, 'NR > 1 && $7 > $6 { print }' "$T/w.csv")" "" \
    "every row: idle while clients waited is part of idle"
is "$(grep -c '^window,' "$T/w.csv") $(grep '^manager,' "$T/w.csv" | cut -d, -f2 | tr '\n' ' ')" \
    "4 ivanova petrov sidorova " "a row per window, then per manager by login"
for m in ivanova:1 petrov:2 sidorova:3; do
	is "$(grep "^manager,${m%:*}," "$T/w.csv" | cut -d, -f3-)" \
	    "$(grep "^window,${m#*:}," "$T/w.csv" | cut -d, -f3-)" \
	    "${m%:*} worked window ${m#*:} all day: the same figures"
done

"$OKNO" report --from 2026-12-16 --to 2026-12-16 --pauses --csv \
    >"$T/p.csv"; ok $? "report --pauses --csv"
is "$(cat "$T/p.csv")" "window,manager,reason,pauses,paused_s
1,ivanova,lunch,1,2100
2,petrov,tech,1,3300
3,sidorova,backoffice,1,1800" "the pauses by window, manager and reason"

out=$("$OKNO" report --from 2026-12-16 --to 2026-12-16 --windows --pauses \
    --csv 2>&1); is $? 64 "--csv takes one section"
txt=$("$OKNO" report --from 2026-12-16 --to 2026-12-16 --windows)
like "$txt" "^1 +10:00:00 +0:40:00 +0:35:00 +8:45:00 +1:55:00 +3$" \
    "the printed report: window 1 in h:mm:ss"
like "$txt" "^2 +petrov +Технический перерыв +1 +0:55:00$" \
    "its pauses, the reason by its configured name"

# The independent computation, from head office's view of the day.
b=$("$OKNO" export --out "$T/out") || bail "export"
is "$(head -1 "$b/window_events.csv" | tr -d '\r')" \
    "branch,id,window,at,event,manager,reason" "window_events.csv header"
tr -d '\r' <"$b/window_events.csv" >"$T/we.csv"
tr -d '\r' <"$b/ticket_events.csv" >"$T/te.csv"
day0=$(date -d 2026-12-16T00:00:00+03:00 +%s)
close=$(date -d 2026-12-16T20:00:00+03:00 +%s)
sqlite3 "$T/check.db" <<SQL >"$T/independent.csv" || bail "sqlite3"
.mode csv
.import $T/we.csv we_raw
.import $T/te.csv te_raw
CREATE TABLE we AS SELECT CAST(id AS INT) id, CAST("window" AS INT) w,
    CAST(strftime('%s', at) AS INT) t, event FROM we_raw;
CREATE TABLE te AS SELECT CAST(id AS INT) id, CAST(ticket_id AS INT) k,
    CAST(strftime('%s', at) AS INT) t, event, CAST("window" AS INT) w,
    service FROM te_raw;
-- The windows' services, from the sample configuration.
CREATE TABLE ws (w INT, s TEXT);
INSERT INTO ws VALUES (1, 'pay'), (1, 'meter'), (1, 'consult'),
    (2, 'pay'), (2, 'meter'), (2, 'recalc'), (2, 'debt'),
    (3, 'contract'), (3, 'legal'), (3, 'benefit'), (3, 'recalc'),
    (4, 'complaint'), (4, 'debt'), (4, 'consult'), (4, 'legal');
-- Intervals [a, b): each from its event to the next that ends it.
CREATE TABLE open_iv AS SELECT w, t a, coalesce((SELECT min(x.t) FROM we x
    WHERE x.w = we.w AND x.event = 'closed' AND x.id > we.id), $close) b
    FROM we WHERE event = 'opened';
CREATE TABLE pause_iv AS SELECT w, t a, (SELECT min(x.t) FROM we x
    WHERE x.w = we.w AND x.event IN ('resumed', 'closed') AND x.id > we.id) b
    FROM we WHERE event = 'paused';
CREATE TABLE serve_iv AS SELECT w, t a, (SELECT min(x.t) FROM te x
    WHERE x.k = te.k AND x.id > te.id AND x.event IN ('finished', 'noshow',
    'transferred', 'postponed', 'cancelled')) b FROM te WHERE event = 'called';
CREATE TABLE wait_iv AS SELECT service s, t a, coalesce((SELECT min(x.t)
    FROM te x WHERE x.k = te.k AND x.t >= te.t AND x.id <> te.id
    AND x.event IN ('called', 'cancelled')), $day0 + 86400) b
    FROM te WHERE event IN ('issued', 'transferred', 'returned');
WITH RECURSIVE sec(t) AS (SELECT $day0 UNION ALL SELECT t + 1 FROM sec
    WHERE t + 1 < $day0 + 86400),
st AS (SELECT n.w, sec.t,
    EXISTS (SELECT 1 FROM open_iv o WHERE o.w = n.w AND sec.t >= o.a
        AND sec.t < o.b) o,
    EXISTS (SELECT 1 FROM serve_iv v WHERE v.w = n.w AND sec.t >= v.a
        AND sec.t < v.b) v,
    EXISTS (SELECT 1 FROM pause_iv p WHERE p.w = n.w AND sec.t >= p.a
        AND sec.t < p.b) p,
    EXISTS (SELECT 1 FROM wait_iv q JOIN ws ON ws.s = q.s AND ws.w = n.w
        WHERE sec.t >= q.a AND sec.t < q.b) q
    FROM sec, (SELECT 1 w UNION SELECT 2 UNION SELECT 3 UNION SELECT 4) n
    WHERE sec.t >= $day0 + 8 * 3600 - 60 AND sec.t < $close + 60)
SELECT 'window', w, sum(o), sum(o AND v), sum(o AND p AND NOT v),
    sum(o AND NOT v AND NOT p), sum(o AND NOT v AND NOT p AND q),
    (SELECT count(*) FROM te WHERE te.w = st.w AND event = 'called')
    FROM st GROUP BY w ORDER BY w;
SQL
is "$(grep '^window,' "$T/w.csv")" "$(cat "$T/independent.csv")" \
    "every window's figures agree with the independent computation"
