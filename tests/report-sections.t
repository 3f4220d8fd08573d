#!/bin/sh
# report-sections.t: `okno report --appeals|--feedback|--inspections --csv`
# against the same tables computed by another route: SQL GROUP BY in the
# sqlite3 shell for the counts and awk for the shares, means and CSI, over
# generated history (appeals in every state, ratings, inspections, codes
# no longer configured).  The queue CSV stays SPEC's.
. "$(dirname "$0")/lib.sh"
plan 17

DB=$T/okno.db
export OKNO_NOW=2027-01-20T10:00:00+03:00
"$OKNO" init >/dev/null || bail "init failed"
sq() { TZ=Europe/Moscow sqlite3 -separator , "$DB" "$@"; }

# The ratings table comes with the terminal UI's migration; a database
# without it must still report, so create it only if missing.
sq "CREATE TABLE IF NOT EXISTS ratings (id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    criterion TEXT NOT NULL, score INTEGER NOT NULL
    CHECK (score BETWEEN 1 AND 5), at INTEGER NOT NULL, manager TEXT,
    updated_at INTEGER NOT NULL, UNIQUE (ticket_id, criterion))"

# History: 40 tickets a day from 2026-11-01 to 2027-01-15 (Moscow), a
# service no longer configured among them; ratings of most finished
# visits, some criteria skipped, a criterion no longer configured.  The
# mix comes from arithmetic on the ids, not random(), so that every run
# tests the same data (SQLite may evaluate random() in a join's WHERE
# fewer times than one would think).
base=$(date -d 2026-11-01T00:00:00+03:00 +%s)
sq "
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < 76 * 40 - 1)
INSERT INTO tickets (id, day, prefix, seq, number, service, issued_at,
  status, window, manager, wait_s, service_s, calls, updated_at)
SELECT i + 1, date($base + (i / 40) * 86400 + 32400 + (i % 40) * 600,
  'unixepoch', '+3 hours'), 'A', i % 40 + 1, 'A' || (i % 40 + 1),
  CASE (i * 7919 + 13) % 11 WHEN 0 THEN 'pay' WHEN 1 THEN 'meter'
    WHEN 2 THEN 'recalc' WHEN 3 THEN 'contract' WHEN 4 THEN 'legal'
    WHEN 5 THEN 'debt' WHEN 6 THEN 'benefit' WHEN 7 THEN 'complaint'
    WHEN 8 THEN 'consult' WHEN 9 THEN 'oldsvc' ELSE 'pay' END,
  $base + (i / 40) * 86400 + 32400 + (i % 40) * 600,
  CASE WHEN (i * 104729 + 7) % 10 < 8 THEN 'finished'
    WHEN i % 2 = 0 THEN 'noshow' ELSE 'cancelled' END,
  1, CASE WHEN (i * 31 + 3) % 7 = 0 THEN NULL
    ELSE 'm' || ((i * 17 + i / 40) % 5) END, 100, 100, 1, 0
FROM n;
INSERT INTO ratings (ticket_id, criterion, score, at, updated_at)
SELECT t.id, c.code, 1 + (t.id * 37 + c.k * 11 + t.id / 7) % 5, 0, 0
FROM tickets t, (SELECT 'speed' AS code, 0 AS k UNION ALL SELECT
  'politeness', 1 UNION ALL SELECT 'comfort', 2 UNION ALL SELECT 'info', 3
  UNION ALL SELECT 'legacy', 4) c
WHERE (t.id * 13 + c.k * 5) % 4 != 0 AND (c.code != 'legacy' OR t.id % 9 = 0);
DELETE FROM ratings WHERE (id * 7 + ticket_id) % 6 = 0;
"
# Appeals in every state, kinds and channels, one kind no longer
# configured; answers on, before and after the due date.
sq "
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < 599),
a AS (SELECT i, date($base + (i / 8) * 86400, 'unixepoch', '+3 hours')
  AS reg, (i * 7919 + 11) % 100 AS r, (i * 104729 + 5) % 40 AS late FROM n)
INSERT INTO appeals (reg_no, branch, year, seq, registered_at, reg_date,
  channel, kind, client_type, client_name, topic, first_contact, status,
  due_date, due_date_orig, answered_at, closed_at, updated_at)
SELECT 'R' || i, 'MSK-014', 2026, i + 1, 0, reg,
  CASE i % 6 WHEN 0 THEN 'in_person' WHEN 1 THEN 'written'
    WHEN 2 THEN 'book' WHEN 3 THEN 'box' WHEN 4 THEN 'phone'
    ELSE 'post' END,
  CASE i % 7 WHEN 0 THEN 'complaint' WHEN 1 THEN 'claim'
    WHEN 2 THEN 'request' WHEN 3 THEN 'question' WHEN 4 THEN 'proposal'
    WHEN 5 THEN 'gratitude' ELSE 'old_kind' END,
  CASE i % 4 WHEN 0 THEN 'individual' WHEN 1 THEN 'legal'
    WHEN 2 THEN 'sole_trader' ELSE 'utility' END,
  'X', 'T', r < 10,
  CASE WHEN r < 10 THEN 'closed' WHEN r < 40 THEN 'answered'
    WHEN r < 65 THEN 'closed' WHEN r < 85 THEN 'registered'
    ELSE 'forwarded' END,
  date(reg, '+30 days'), date(reg, '+30 days'),
  CASE WHEN r >= 10 AND r < 55 THEN
    strftime('%s', date(reg, '+' || (late + 10) || ' days')) - 10800
    + 86399 END,
  CASE WHEN r < 10 THEN strftime('%s', reg) - 10800 + 36000
    WHEN r >= 40 AND r < 65 THEN
    strftime('%s', date(reg, '+' || (late + 12) || ' days')) - 10800
    + 43200 END,
  0
FROM a;
"
# Inspections: by the command line, and one recorded against a code the
# catalogue no longer has.
ins() { OKNO_NOW=2026-12-20T12:00:00+03:00 "$OKNO" inspection add "$@" \
    >/dev/null || bail "inspection $*"; }
ins --date 2026-11-05 --kind internal --inspector A --result U1=met \
    --result U2=not_met --result U4=met --result C1=na
ins --date 2026-12-01 --kind mystery_shopper --inspector B \
    --result U5=not_met --result U6=met --result U9=met
ins --date 2026-12-19 --kind external --inspector C --result U1=met \
    --result C4=met --result C2=not_met
ins --date 2026-12-19 --kind internal --inspector D --result U8=met
sq "INSERT INTO inspections (date, kind, inspector, created_at, updated_at)
    VALUES ('2026-12-02', 'internal', 'E', 0, 0);
    INSERT INTO inspection_results (inspection_id, criterion, result,
    updated_at) VALUES (last_insert_rowid(), 'X9', 'not_met', 0)"

TODAY=2027-01-20
# pct PART WHOLE: tenths of a percent, half up, by integers; "" for 0/0.
PCT='function pct(a, b) { if (b == 0) return "";
	v = int((2000 * a + b) / (2 * b));
	return sprintf("%d.%d", int(v / 10), v % 10) }'

# appeals FROM TO: the expected --appeals CSV.
appeals() {
	echo "group,key,registered,closed,closed_on_time,closed_on_time_pct,\
open,overdue_now,first_contact,first_contact_pct"
	sq "
WITH k(grp, key, ord) AS (VALUES ('all', 'all', 0),
  ('kind', 'complaint', 1), ('kind', 'claim', 2), ('kind', 'request', 3),
  ('kind', 'question', 4), ('kind', 'proposal', 5),
  ('kind', 'gratitude', 6),
  ('channel', 'in_person', 101), ('channel', 'written', 102),
  ('channel', 'book', 103), ('channel', 'box', 104),
  ('channel', 'phone', 105), ('channel', 'post', 106),
  ('client_type', 'individual', 201), ('client_type', 'legal', 202),
  ('client_type', 'sole_trader', 203), ('client_type', 'utility', 204)),
a AS (SELECT * FROM appeals WHERE reg_date BETWEEN '$1' AND '$2'),
ko AS (SELECT * FROM k UNION ALL SELECT DISTINCT 'kind', kind, 50
  FROM a WHERE kind NOT IN (SELECT key FROM k WHERE grp = 'kind'))
SELECT ko.grp, ko.key, count(a.id),
  coalesce(sum(a.status IN ('answered', 'closed')), 0),
  coalesce(sum(a.status IN ('answered', 'closed') AND
    date(coalesce(a.answered_at, a.closed_at), 'unixepoch', 'localtime')
    <= a.due_date), 0),
  coalesce(sum(a.status IN ('registered', 'forwarded')), 0),
  coalesce(sum(a.status IN ('registered', 'forwarded') AND
    a.due_date < '$TODAY'), 0),
  coalesce(sum(a.first_contact), 0)
FROM ko LEFT JOIN a ON ko.grp = 'all' OR (ko.grp = 'kind' AND a.kind = ko.key)
  OR (ko.grp = 'channel' AND a.channel = ko.key)
  OR (ko.grp = 'client_type' AND a.client_type = ko.key)
GROUP BY ko.grp, ko.key ORDER BY ko.ord, ko.key" |
	awk -F, "$PCT"'{ printf "%s,%s,%d,%d,%d,%s,%d,%d,%d,%s\n", $1, $2, $3,
	    $4, $5, pct($5, $4), $6, $7, $8, pct($8, $3) }'
}

# feedback FROM TO: the expected --feedback CSV.  Raw counts by SQL, then
# awk puts the rows in order and computes means, shares and the CSI.
feedback() {
	sq "
WITH v AS (SELECT id, service, manager FROM tickets
  WHERE day BETWEEN '$1' AND '$2' AND status = 'finished'),
g(grp, key, tid) AS (SELECT 'all', 'all', id FROM v
  UNION ALL SELECT 'service', service, id FROM v
  UNION ALL SELECT 'manager', manager, id FROM v WHERE manager IS NOT NULL)
SELECT 'V', grp, key, count(*),
  sum(EXISTS (SELECT 1 FROM ratings r WHERE r.ticket_id = tid))
FROM g GROUP BY grp, key;
WITH v AS (SELECT id, service, manager FROM tickets
  WHERE day BETWEEN '$1' AND '$2' AND status = 'finished'),
g(grp, key, tid) AS (SELECT 'all', 'all', id FROM v
  UNION ALL SELECT 'service', service, id FROM v
  UNION ALL SELECT 'manager', manager, id FROM v WHERE manager IS NOT NULL)
SELECT 'R', grp, key, r.criterion, count(*), sum(score), sum(score = 1),
  sum(score = 2), sum(score = 3), sum(score = 4), sum(score = 5)
FROM g JOIN ratings r ON r.ticket_id = g.tid GROUP BY grp, key, criterion;
" | LC_ALL=C sort | awk -F, "$PCT"'
	function avg(s, n) { if (n == 0) return "";
		v = int((200 * s + n) / (2 * n));
		return sprintf("%d.%02d", int(v / 100), v % 100) }
	BEGIN {
		split("pay meter recalc contract legal debt benefit complaint \
consult", svc, " ")
		split("speed politeness comfort info", cr, " ")
		split("0.3 0.3 0.2 0.2", w, " ")
		nsvc = 9; ncr = 4
		print "group,key,criterion,visits,rated_visits,ratings,avg," \
		    "score_1,score_2,score_3,score_4,score_5,satisfied_pct"
	}
	$1 == "V" { vis[$2 "," $3] = $4; rated[$2 "," $3] = $5
		if ($2 == "service" && !($3 in known)) other[$3] = 1
		if ($2 == "manager") mgr[$3] = 1 }
	$1 == "R" { k = $2 "," $3 "," $4; n[k] = $5; s[k] = $6
		for (j = 1; j <= 5; j++) sc[k, j] = $(6 + j)
		isc = 0; for (j = 1; j <= ncr; j++) if (cr[j] == $4) isc = 1
		if (!isc) extra[$4] = 1 }
	function group(g, key,   j, k, c, a, num, den, tn, ts, t) {
		for (j = 1; j <= 5; j++) ts[j] = 0
		tn = 0; num = 0; den = 0
		for (j = 1; j <= ncr + nextra; j++) {
			c = j <= ncr ? cr[j] : ex[j - ncr]
			k = g "," key "," c
			a = avg(s[k], n[k] + 0)
			printf "%s,%s,%s,%d,%d,%d,%s", g, key, c,
			    vis[g "," key], rated[g "," key], n[k], a
			for (t = 1; t <= 5; t++) printf ",%d", sc[k, t]
			printf ",%s\n", pct(sc[k, 4] + sc[k, 5], n[k] + 0)
			if (j <= ncr && n[k] > 0) {
				v = int((200 * s[k] + n[k]) / (2 * n[k]))
				num += w[j] * v; den += w[j]
				tn += n[k]
				for (t = 1; t <= 5; t++) ts[t] += sc[k, t]
			}
		}
		if (den > 0) {
			v = int(num / den + 0.5 + 1e-9)
			a = sprintf("%d.%02d", int(v / 100), v % 100)
		} else
			a = ""
		printf "%s,%s,csi,%d,%d,%d,%s", g, key, vis[g "," key],
		    rated[g "," key], tn, a
		for (t = 1; t <= 5; t++) printf ",%d", ts[t]
		printf ",%s\n", pct(ts[4] + ts[5], tn)
	}
	END {
		for (c in extra) exl[++nextra] = c
		# The codes beyond the configuration, by code (few: sort here).
		for (i = 1; i <= nextra; i++) for (j = i + 1; j <= nextra; j++)
			if (exl[j] < exl[i]) { t = exl[i]; exl[i] = exl[j]
				exl[j] = t }
		for (i = 1; i <= nextra; i++) ex[i] = exl[i]
		group("all", "all")
		for (i = 1; i <= nsvc; i++) { known[svc[i]] = 1 }
		for (i = 1; i <= nsvc; i++) group("service", svc[i])
		no = 0
		for (x in other) if (!(x in known)) ol[++no] = x
		for (i = 1; i <= no; i++) for (j = i + 1; j <= no; j++)
			if (ol[j] < ol[i]) {
				t = ol[i]; ol[i] = ol[j]; ol[j] = t }
		for (i = 1; i <= no; i++) group("service", ol[i])
		nm = 0
		for (x in mgr) ml[++nm] = x
		for (i = 1; i <= nm; i++) for (j = i + 1; j <= nm; j++)
			if (ml[j] < ml[i]) {
				t = ml[i]; ml[i] = ml[j]; ml[j] = t }
		for (i = 1; i <= nm; i++) group("manager", ml[i])
	}'
}

# inspections FROM TO: the expected --inspections CSV.
inspections() {
	echo "group,key,inspections,results,met,not_met,na,compliance_pct"
	sq "
WITH k(grp, key, ord) AS (VALUES ('all', 'all', 0),
  ('kind', 'internal', 1), ('kind', 'external', 2),
  ('kind', 'mystery_shopper', 3),
  ('criterion', 'C1', 11), ('criterion', 'C2', 12), ('criterion', 'C3', 13),
  ('criterion', 'C4', 14), ('criterion', 'U1', 21), ('criterion', 'U2', 22),
  ('criterion', 'U3', 23), ('criterion', 'U4', 24), ('criterion', 'U5', 25),
  ('criterion', 'U6', 26), ('criterion', 'U7', 27), ('criterion', 'U8', 28),
  ('criterion', 'U9', 29)),
i AS (SELECT * FROM inspections WHERE date BETWEEN '$1' AND '$2'),
r AS (SELECT i.kind, x.* FROM i JOIN inspection_results x
  ON x.inspection_id = i.id),
ko AS (SELECT * FROM k UNION ALL SELECT DISTINCT 'criterion', criterion, 90
  FROM r WHERE criterion NOT IN (SELECT key FROM k))
SELECT ko.grp, ko.key,
  CASE ko.grp WHEN 'all' THEN (SELECT count(*) FROM i)
    WHEN 'kind' THEN (SELECT count(*) FROM i WHERE kind = ko.key)
    ELSE count(r.id) END,
  count(r.id), coalesce(sum(r.result = 'met'), 0),
  coalesce(sum(r.result = 'not_met'), 0), coalesce(sum(r.result = 'na'), 0)
FROM ko LEFT JOIN r ON ko.grp = 'all' OR (ko.grp = 'kind' AND r.kind = ko.key)
  OR (ko.grp = 'criterion' AND r.criterion = ko.key)
GROUP BY ko.grp, ko.key ORDER BY ko.ord, ko.key" |
	awk -F, "$PCT"'{ printf "%s,%s,%d,%d,%d,%d,%d,%s\n", $1, $2, $3, $4,
	    $5, $6, $7, pct($5, $5 + $6) }'
}

for p in "2026-11-01 2027-01-15" "2026-12-01 2026-12-31" \
    "2026-12-19 2026-12-19"; do
	set -- $p
	is "$("$OKNO" report --from "$1" --to "$2" --appeals --csv)" \
	    "$(appeals "$1" "$2")" "appeals $1..$2 as SQL counts them"
	is "$("$OKNO" report --from "$1" --to "$2" --feedback --csv)" \
	    "$(feedback "$1" "$2")" "feedback and CSI $1..$2 as SQL and awk"
	is "$("$OKNO" report --from "$1" --to "$2" --inspections --csv)" \
	    "$(inspections "$1" "$2")" "inspections $1..$2 as SQL counts them"
done

# The fixture covers what the definitions distinguish.
set -- $(sq "SELECT sum(status IN ('answered', 'closed') AND
    date(coalesce(answered_at, closed_at), 'unixepoch', 'localtime')
    > due_date), sum(status IN ('registered', 'forwarded') AND
    due_date < '$TODAY'), sum(status IN ('registered', 'forwarded') AND
    due_date >= '$TODAY') FROM appeals" | tr , ' ')
ok "$([ "$1" -gt 0 ] && [ "$2" -gt 0 ] && [ "$3" -gt 0 ]; echo $?)" \
    "appeals closed late ($1), overdue ($2) and open in time ($3)"
csi=$("$OKNO" report --from 2026-11-01 --to 2027-01-15 --feedback --csv |
    grep '^all,all,csi,')
like "$csi" '^all,all,csi,[0-9]+,[0-9]+,[0-9]+,[1-5]\.[0-9][0-9],' \
    "a CSI on the 1-5 scale ($csi)"
like "$("$OKNO" report --from 2026-11-01 --to 2027-01-15 --feedback \
    --csv)" '^all,all,legacy,' "a criterion no longer configured has a row"

# The queue CSV is SPEC's, whatever else the report learned.
is "$("$OKNO" report --from 2026-12-01 --to 2026-12-31 --csv | head -1)" \
    "group,key,tickets,served,noshow,wait_avg_s,wait_median_s,wait_p90_s,\
wait_max_s,wait_within_norm_pct,service_avg_s,service_median_s,\
service_p90_s,service_within_norm_pct" "report --csv: the queue CSV header"
is "$("$OKNO" report --from 2026-12-01 --to 2026-12-31 --csv)" \
    "$("$OKNO" report --from 2026-12-01 --to 2026-12-31 --csv --queue)" \
    "--queue --csv is the same"
out=$("$OKNO" report --from 2026-12-01 --to 2026-12-31 --csv --appeals \
    --feedback 2>&1); rc=$?
is "$rc" 64 "two sections in one CSV: exit 64"
text=$("$OKNO" report --from 2026-11-01 --to 2027-01-15)
like "$text" "^CSI +[0-9]+ +[1-5]\.[0-9][0-9] " "the text form has the CSI"
w=$(printf '%s\n' "$text" | wc -L)
ok "$([ "$w" -le 80 ]; echo $?)" "text report: no line over 80 columns ($w)"
exit $((tap_failed > 0))
