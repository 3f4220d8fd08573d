#!/bin/sh
# hq-report.t: head office's reports against a real PostgreSQL server
# (hq-lib.sh), issue 20.  A small network (three branches in two time
# zones, one with other norms, two days each, generated through okno's
# command line on a fixed clock) is exported and loaded; then:
#  - each ticket's wait_s, service_s, window, manager and closed_at at
#    head office are the branch's, and the daily summaries give the
#    service rows of the branch's own `okno report --csv`;
#  - `okno-hq report` gives, per branch and period, the figures of the
#    branch's own report sections (tickets, within the wait norm, p90,
#    overdue appeals, CSI, first contact, inspection compliance);
#  - loading the batches again, or a new batch with the same rows,
#    rewrites no row (xmin) of the tables or the summaries;
#  - over a third day in the next month, periods of whole months, across
#    the boundary and partly from the monthly rollups, as the branches'
#    reports; a branch whose waits are set in okno.tickets (exact
#    minutes, above an hour, the p90 at either end of its minute) as
#    computed directly; the rollups as the sums of the daily rows;
#    okno.rebuild_summaries and the upgrade's backfill as the loads.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hq-lib.sh"
plan 73

HQ=$SRC/packaging/hq/okno-hq
D1=2026-11-25 D2=2026-11-26 TODAY=2027-01-20

# A branch in Vladivostok (UTC+10: its mornings are the previous UTC day)
# and one whose wait norm for payments is 5 minutes.
hq_branches A=MSK-014 B=VVO-002 C=MSK-031
sed -i 's|timezone = "Europe/Moscow"|timezone = "Asia/Vladivostok"|' \
    "$T/VVO-002/okno.conf"
sed -i '/code = "pay"/{n;s/wait_norm = 15/wait_norm = 5/}' \
    "$T/MSK-031/okno.conf"
grep -q 'wait_norm = 5' "$T/MSK-031/okno.conf" || bail "norm not changed"

# A fixed pseudo-random sequence (an LCG), so that every run is the same.
seed=1
rnd() { seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (seed / 65536) % $1 )); }
# at CMD ZONE EPOCH ARGS...: the okno command at that instant.
at() {
	_c=$1 _z=$2 _t=$3; shift 3
	OKNO_NOW=$(TZ=$_z date -d "@$_t" +%Y-%m-%dT%H:%M:%S%:z) $_c "$@"
}
services="pay meter consult recalc debt"
# day CMD ZONE DATE: a working day of three windows, from 09:00 local.
day() {
	_cmd=$1 _zone=$2 _date=$3
	t=$(TZ=$_zone date -d "$_date 09:00" +%s)
	for w in 1 2 3; do
		at "$_cmd" "$_zone" $t window open $w --manager "m$w" \
		    >/dev/null || bail "window open $w"
	done
	nums=
	for round in 1 2 3 4 5 6 7 8 9 10; do
		rnd 6; t=$((t + 60 + r * 60 + round * 7))
		rnd 2
		for k in $(seq 0 $r); do
			rnd 5; set -- $services; shift $r
			n=$(at "$_cmd" "$_zone" $t ticket issue "$1") ||
			    bail "issue"
			nums="$nums $n"
		done
		rnd 3; w=$((r + 1))
		rnd 10
		case $r in
		0) at "$_cmd" "$_zone" $t ticket noshow $w ;;
		1) at "$_cmd" "$_zone" $t ticket postpone $w 5 ;;
		2) at "$_cmd" "$_zone" $t ticket transfer $w pay ;;
		*) at "$_cmd" "$_zone" $t ticket call $w ;;
		esac >/dev/null 2>&1
		rnd 3; w=$((r + 1))
		at "$_cmd" "$_zone" $((t + 30)) ticket call $w >/dev/null 2>&1
	done
	t=$((t + 400))
	for w in 1 2 3; do
		at "$_cmd" "$_zone" $t ticket finish $w >/dev/null 2>&1
	done
	# Ratings of some visits (those not finished are refused).
	for n in $nums; do
		rnd 3
		[ $r = 0 ] || continue
		for c in speed politeness comfort info; do
			rnd 5
			at "$_cmd" "$_zone" $t rate "$n" $c $((r + 1)) \
			    >/dev/null 2>&1
		done
	done
	# Appeals: one at the first contact, one answered, one left open.
	for k in 1 2 3; do
		set -- --kind question
		[ $k = 2 ] && set -- --kind complaint
		[ $k = 1 ] && set -- "$@" --first-contact
		reg=$(at "$_cmd" "$_zone" $t appeal add "$@" --channel \
		    in_person --client-type individual --name N --topic T) ||
		    bail "appeal"
		[ $k = 2 ] && at "$_cmd" "$_zone" $((t + 60)) appeal update \
		    "$reg" --status answered >/dev/null
	done
	rnd 2
	res=met; [ $r = 0 ] && res=not_met
	at "$_cmd" "$_zone" $t inspection add --date "$_date" --kind internal \
	    --inspector I --result U1=met --result "U2=$res" \
	    --result U3=na >/dev/null || bail "inspection"
}
for b in A:MSK-014:Europe/Moscow B:VVO-002:Asia/Vladivostok \
    C:MSK-031:Europe/Moscow; do
	v=${b%%:*} rest=${b#*:}; code=${rest%%:*} zone=${rest#*:}
	eval "cmd=\$$v"
	for m in 1 2 3; do
		echo "password-m$m" | $cmd user add "m$m" --role manager \
		    >/dev/null || bail "user"
	done
	day "$cmd" "$zone" $D1
	b1=$(at "$cmd" "$zone" $(TZ=$zone date -d "$D1 22:00" +%s) export \
	    --out "$T/out") || bail "export"
	at "$cmd" "$zone" $(TZ=$zone date -d "$D1 22:00" +%s) export \
	    --ack "$b1" || bail "ack"
	day "$cmd" "$zone" $D2
	b2=$(at "$cmd" "$zone" $(TZ=$zone date -d "$D2 22:00" +%s) export \
	    --out "$T/out") || bail "export"
	eval "${v}1=\$b1 ${v}2=\$b2 ${v}zone=\$zone ${v}code=\$code"
done

out=$("$LOAD" "$A1" "$B1" "$C1" "$A2" "$B2" "$C2"); ok $? "six batches load"
like "$out" "6 loaded" "$(echo "$out" | tail -1)"

is "$(q "SELECT string_agg(branch || ' ' || coalesce(timezone, '-'), ',' ORDER BY branch)
    FROM okno.branches")" \
    "MSK-014 Europe/Moscow,MSK-031 Europe/Moscow,VVO-002 Asia/Vladivostok" \
    "each branch's time zone, from its batch"
is "$(q "SELECT wait_norm_s || ' ' || service_norm_s FROM okno.branch_norms
    WHERE branch = 'MSK-031' AND service = 'pay'")" "300 600" \
    "each branch's norms, in seconds"
is "$(q "SELECT string_agg(criterion || ' ' || weight, ',' ORDER BY criterion)
    FROM okno.branch_criteria WHERE branch = 'MSK-014'")" \
    "comfort 0.2,info 0.2,politeness 0.3,speed 0.3" "and the CSI's weights"

# The tickets' new columns are the branch's own.
for v in A B C; do
	eval "code=\$${v}code"
	db=$T/$code/okno.db
	want=$(sqlite3 -separator ' ' "$db" "SELECT id, wait_s, service_s,
	    CASE WHEN calls > 0 THEN window ELSE '-' END,
	    CASE WHEN calls > 0 THEN coalesce(manager, '-') ELSE '-' END,
	    coalesce(closed_at, '-'), day FROM tickets ORDER BY id")
	got=$(q "SELECT id || ' ' || wait_s || ' ' || service_s || ' ' ||
	    coalesce(\"window\"::text, '-') || ' ' || coalesce(manager, '-')
	    || ' ' || coalesce(extract(epoch FROM closed_at)::bigint::text,
	    '-') || ' ' || day FROM okno.tickets WHERE branch = '$code'
	    ORDER BY id")
	is "$got" "$want" "$code: wait_s, service_s, window, manager, closed_at, local day as at the branch"
done
is "$(q "SELECT count(*) FILTER (WHERE day <> (issued_at AT TIME ZONE 'UTC')::date)
    > 0 FROM okno.tickets WHERE branch = 'VVO-002'")" t \
    "Vladivostok's mornings are the previous UTC day, and counted on its own"

# The daily summaries against the service rows of each branch's report.
for v in A B C; do
	eval "cmd=\$$v zone=\$${v}zone code=\$${v}code"
	want=$(OKNO_NOW=${TODAY}T12:00:00+03:00 $cmd report --from $D1 --to $D2 \
	    --csv | grep '^service,' | awk -F, '$3 > 0 { print $2, $3, $4, $5,
	    $6, $9, $10, $11, $14 }')
	got=$(q "SELECT service || ' ' || sum(tickets) || ' ' || sum(served)
	    || ' ' || sum(noshow) || ' ' || coalesce((round(sum(wait_sum)
	    ::numeric / nullif(sum(called), 0)))::text, '') || ' ' ||
	    coalesce(max(wait_max)::text, '') || ' ' || coalesce((round(
	    sum(wait_within) * 1000::numeric / nullif(sum(wait_normed), 0))
	    / 10)::numeric(5, 1)::text, '') || ' ' || coalesce((round(
	    sum(service_sum)::numeric / nullif(sum(served), 0)))::text, '')
	    || ' ' || coalesce((round(sum(service_within) * 1000::numeric /
	    nullif(sum(service_normed), 0)) / 10)::numeric(5, 1)::text, '')
	    FROM okno.daily_queue d JOIN (VALUES ('pay', 0), ('meter', 1),
	    ('recalc', 2), ('debt', 5), ('consult', 8)) o(s, n) ON o.s = service
	    WHERE branch = '$code' AND day BETWEEN '$D1' AND '$D2'
	    GROUP BY service, o.n ORDER BY o.n")
	is "$got" "$want" "$code: service rows (tickets, served, no-show, wait avg and max, within norm, service avg, within norm) as its report"
done

# okno-hq report against the branches' own reports.
# expected FROM TO CODE...: the CSV rows okno-hq must print, from the
# branches' own report --csv of that period, on TODAY.
expected() {
	_f=$1 _t=$2; shift 2
	for code; do
		c="$OKNO -c $T/$code/okno.conf"
		export OKNO_NOW=${TODAY}T12:00:00+03:00
		qr=$($c report --from $_f --to $_t --csv | grep '^all,all,')
		ap=$($c report --from $_f --to $_t --appeals --csv |
		    grep '^all,all,')
		fb=$($c report --from $_f --to $_t --feedback --csv |
		    grep '^all,all,csi,')
		in=$($c report --from $_f --to $_t --inspections --csv |
		    grep '^all,all,')
		unset OKNO_NOW
		echo "$code,$_f,$_t,$(echo "$qr" | cut -d, -f3),$(echo "$qr" |
		    cut -d, -f10),$(echo "$qr" | cut -d, -f8),$(echo "$ap" |
		    cut -d, -f8),$(echo "$fb" | cut -d, -f7),$(echo "$ap" |
		    cut -d, -f10),$(echo "$in" | cut -d, -f8)"
	done
}
header=branch,from,to,tickets,wait_within_norm_pct,wait_p90_s,overdue_appeals,csi,first_contact_pct,inspection_compliance_pct
for p in "$D1 $D2" "$D1 $D1" "$D2 $D2"; do
	set -- $p
	got=$("$HQ" report --from $1 --to $2 --today $TODAY --csv)
	is "$got" "$header
$(expected $1 $2 MSK-014 MSK-031 VVO-002)" "okno-hq report $1..$2 --csv: each branch's figures as its own report gives them"
done
got=$("$HQ" report --from $D1 --to $D2 --today $TODAY --csv --branch VVO-002)
is "$got" "$header
$(expected $D1 $D2 VVO-002)" "--branch: that branch alone"
row=$(expected $D1 $D2 MSK-014)
like "$row" "^MSK-014,$D1,$D2,[1-9][0-9]*,[0-9.]+,[0-9]+,[1-9][0-9]*,[0-9]\.[0-9][0-9],[0-9.]+,[0-9.]+$" \
    "every figure has a value (the network exercises them all): $row"
ok "$(echo "$(expected $D1 $D2 MSK-014 MSK-031)" | cut -d, -f5 | sort -u |
    [ "$(wc -l)" = 2 ]; echo $?)" "other norms, another share within the norm"
txt=$("$HQ" report --from $D1 --to $D2 --today $TODAY)
like "$txt" "^Head office report $D1 to $D2" "text: a title"
like "$txt" "branch +\\| tickets +\\| within norm %" "text: a table with headings"
like "$txt" "VVO-002 +\\| +[0-9]+ +\\|" "text: a row per branch"
out=$("$HQ" report --from $D1 2>&1); is $? 64 "no --to: usage, exit 64"
out=$("$HQ" report --from 2026-11-xx --to $D2 2>&1); is $? 64 "not a date: exit 64"
like "$out" "not a date" "the message says so"
out=$("$HQ" report --from $D1 --to $D2 --branch "x' OR '1'='1" 2>&1)
is $? 64 "a branch code with a quote: refused, exit 64"
out=$("$HQ" report --from $D2 --to $D1 2>&1); is $? 64 "a period backwards: exit 64"
out=$("$HQ" report --from $D1 --to $D2 --branch NONE --csv)
is "$out" "$header" "an unknown branch: the header alone"

# Reloads change nothing: the same batches again, and a new batch of
# branch C with the same rows (not acknowledged: exported again).
xmins() { q "SELECT string_agg(t || ':' || k || ':' || x, ' ' ORDER BY t, k)
    FROM (SELECT 't' t, branch || id k, xmin::text x FROM okno.tickets
    UNION ALL SELECT 'e', branch || id, xmin::text FROM okno.ticket_events
    UNION ALL SELECT 'r', branch || id, xmin::text FROM okno.ratings
    UNION ALL SELECT 'a', branch || id, xmin::text FROM okno.appeals
    UNION ALL SELECT 'b', branch, xmin::text FROM okno.branches
    UNION ALL SELECT 'n', branch || service, xmin::text FROM okno.branch_norms
    UNION ALL SELECT 'c', branch || criterion, xmin::text FROM okno.branch_criteria
    UNION ALL SELECT 'q', branch || day || service, xmin::text FROM okno.daily_queue
    UNION ALL SELECT 'g', branch || day || service || criterion, xmin::text FROM okno.daily_ratings
    UNION ALL SELECT 'p', branch || day, xmin::text FROM okno.daily_appeals
    UNION ALL SELECT 'i', branch || day, xmin::text FROM okno.daily_inspections
    UNION ALL SELECT 'm', branch || month, xmin::text FROM okno.monthly_queue
    UNION ALL SELECT 's', branch || month || minute, xmin::text FROM okno.monthly_wait_secs
    UNION ALL SELECT 'u', branch || month || criterion, xmin::text FROM okno.monthly_ratings) r"; }
before=$(xmins)
like "$before" " g:VVO-002.* i:VVO-002.* m:VVO-002.* p:VVO-002.* q:VVO-002.* s:VVO-002.* u:VVO-002" \
    "summaries of every kind exist, monthly rollups included"
out=$("$LOAD" "$A1" "$B1" "$C1" "$A2" "$B2" "$C2"); ok $? "the same night again"
like "$out" "0 loaded.*6 unchanged" "every batch unchanged"
is "$(xmins)" "$before" "no row version changed, summaries included"
C3=$(at "$C" Europe/Moscow $(TZ=Europe/Moscow date -d "$D2 23:00" +%s) \
    export --out "$T/out")
out=$("$LOAD" "$C3"); ok $? "a new batch repeating the same rows loads"
like "$out" "loaded [1-9][0-9]* rows" "its rows are read"
is "$(xmins)" "$before" "and rewrite nothing, summaries included"

# A change the next day updates the summary of the day it belongs to.
n=$(at "$C" Europe/Moscow $(TZ=Europe/Moscow date -d "$D2 23:10" +%s) \
    ticket issue pay)
C4=$(at "$C" Europe/Moscow $(TZ=Europe/Moscow date -d "$D2 23:20" +%s) \
    export --out "$T/out")
"$LOAD" "$C4" >/dev/null; ok $? "a batch with one more ticket"
is "$("$HQ" report --from $D1 --to $D2 --today $TODAY --csv --branch MSK-031 |
    sed 1d)" "$(expected $D1 $D2 MSK-031)" "the summaries follow ($n added)"

# A day of the next month: periods of whole months (read from the monthly
# rollups), across the month boundary, with days from the daily
# summaries and with a month's rollup less its days outside the period
# (November from the 10th), against the branches' own reports.
D3=2026-12-01
for v in A B C; do
	eval "cmd=\$$v zone=\$${v}zone"
	day "$cmd" "$zone" $D3
	b3=$(at "$cmd" "$zone" $(TZ=$zone date -d "$D3 22:00" +%s) export \
	    --out "$T/out") || bail "export"
	"$LOAD" "$b3" >/dev/null || bail "load $b3"
done
for p in "2026-11-01 2026-11-30" "2026-11-01 2026-12-31" "$D2 $D3" \
    "2026-11-20 2026-12-31" "2026-11-10 2026-12-01" "$D3 $D3"; do
	set -- $p
	got=$("$HQ" report --from $1 --to $2 --today $TODAY --csv)
	is "$got" "$header
$(expected $1 $2 MSK-014 MSK-031 VVO-002)" "okno-hq report $1..$2 (months and edges) as the branches' own reports"
done
got=$("$HQ" report --from 2026-11-01 --to 2026-12-31 --today $TODAY --csv \
    --branch VVO-002)
is "$got" "$header
$(expected 2026-11-01 2026-12-31 VVO-002)" "--branch over two whole months"

# The rollups are the sums of the daily summaries.
is "$(q "SELECT count(*) FROM (SELECT branch, date_trunc('month', day)::date
    AS month, sum(tickets)::int, sum(called)::int, sum(wait_normed)::int,
    sum(wait_within)::int, sum(wait_sum)::bigint, max(wait_max)
    FROM okno.daily_queue GROUP BY 1, 2 EXCEPT SELECT branch, month,
    tickets, called, wait_normed, wait_within, wait_sum, wait_max
    FROM okno.monthly_queue) x") $(q "SELECT count(*) FROM okno.monthly_queue")" \
    "0 $(q "SELECT count(DISTINCT (branch, date_trunc('month', day)))
    FROM okno.daily_queue")" "monthly_queue: the daily rows summed"
is "$(q "SELECT count(*) FROM ((SELECT branch, date_trunc('month', day)::date,
    w FROM okno.daily_queue, unnest(waits) w EXCEPT ALL SELECT branch, month,
    minute * 60 + i - 1 FROM okno.monthly_wait_secs, unnest(secs)
    WITH ORDINALITY x(n, i), generate_series(1, n)) UNION ALL
    (SELECT branch, month, minute * 60 + i - 1 FROM okno.monthly_wait_secs,
    unnest(secs) WITH ORDINALITY x(n, i), generate_series(1, n) EXCEPT ALL
    SELECT branch, date_trunc('month', day)::date, w FROM okno.daily_queue,
    unnest(waits) w)) d")" 0 "monthly_wait_secs: every wait of the month by second"
is "$(q "SELECT count(*) FROM ((SELECT branch, day::text, service, i - 1,
    n::bigint FROM okno.daily_queue, unnest(wait_mins) WITH ORDINALITY
    x(n, i) WHERE n > 0 EXCEPT SELECT branch, day::text, service, w / 60,
    count(*) FROM okno.daily_queue, unnest(waits) w GROUP BY 1, 2, 3, 4)
    UNION ALL (SELECT branch, month::text, '', minute, (SELECT sum(y) FROM
    unnest(secs) y) FROM okno.monthly_wait_secs EXCEPT SELECT branch,
    month::text, '', i - 1, n FROM okno.monthly_queue,
    unnest(wait_mins) WITH ORDINALITY x(n, i)
    WHERE n > 0)) d")" 0 "the minute histograms, daily and monthly, count the waits"
is "$(q "SELECT count(*) FROM (SELECT branch, date_trunc('month', day)::date,
    criterion, sum(ratings)::int, sum(score_sum)::bigint
    FROM okno.daily_ratings GROUP BY 1, 2, 3 EXCEPT SELECT branch, month,
    criterion, ratings, score_sum FROM okno.monthly_ratings) x")" 0 \
    "monthly_ratings: the daily rows summed"

# A branch whose waits are set directly in okno.tickets: minutes exact,
# above an hour, the nearest rank at the first and at the last wait of
# its minute, in whole months (October, November) and edge days
# (December 1 and 2, two services sharing the minute), not called tickets
# (NULL window) outside.  Each p90 against the direct computation and the
# wait the data was made for; then periods read as October's rollup less
# its first days (10-15..11-30) or less its first and last day
# (10-02..10-30), by days alone, and past the data.
q "INSERT INTO okno.branches (branch, pubkey, timezone) VALUES ('SYN-001',
    encode(decode(repeat('00', 32), 'hex'), 'base64'), 'Europe/Moscow');
    INSERT INTO okno.branch_norms VALUES ('SYN-001', 'pay', 600, 600),
    ('SYN-001', 'meter', 900, 900)" >/dev/null
# syn DAY SERVICE WAIT...: called tickets with those waits ("-": not called).
syn() {
	_d=$1 _s=$2; shift 2
	for _w; do
		case $_w in
		-) _win=NULL _w=NULL ;;
		*) _win=1 ;;
		esac
		echo "('$_d', '$_s', $_win, $_w),"
	done
}
vals=$( {
	# October: the 18th of 20 is 3600, the first of minute 60 (3599 before).
	syn 2026-10-01 pay 0 60 240 359 600 601 3540 3600 - -
	syn 2026-10-15 meter 0 120 300 360 900 3599
	syn 2026-10-31 pay 60 180 600 1800 3601 7260
	# November: the 18th of 20 is 1199, the last of minute 19.
	syn 2026-11-01 pay 0 59 61 120 300 480 600 1140 1199 -
	syn 2026-11-12 meter 30 60 119 240 420 599
	syn 2026-11-30 pay 660 1150 1198 1200 5400
	# December 1: the 9th of 10 is 120, the first of minute 2, in the
	# meter row (its 4th wait); December 2: 4259, the last of minute 70.
	syn 2026-12-01 pay 0 60 62 64 119 121
	syn 2026-12-01 meter 61 63 65 120
	syn 2026-12-02 pay 0 4201 4220 4240 4259
	syn 2026-12-02 meter 4200 4210 4230 4258 4260
} | sed '$s/,$//')
q "INSERT INTO okno.tickets (branch, id, service, status, day, \"window\",
    wait_s, service_s, issued_at)
    SELECT 'SYN-001', row_number() OVER (), s, 'finished', d::date, w,
    wait, 60, d::date + time '10:00' FROM (VALUES $vals) v(d, s, w, wait)" \
    >/dev/null || bail "SYN-001 tickets"
# Two batches: October, then November and December.
q "SELECT okno.refresh_daily('SYN-001', ARRAY['2026-10-01', '2026-10-15',
    '2026-10-31']::date[], '{}', '{}')" >/dev/null
q "SELECT okno.refresh_daily('SYN-001', ARRAY['2026-11-01', '2026-11-12',
    '2026-11-30', '2026-12-01', '2026-12-02']::date[], '{}', '{}')" >/dev/null
# direct FROM TO: okno-hq's CSV row for SYN-001 computed from okno.tickets.
direct() {
	q "WITH t AS (SELECT greatest(coalesce(t.wait_s, 0), 0) AS w,
	    t.\"window\" IS NOT NULL AS called, n.wait_norm_s
	    FROM okno.tickets t LEFT JOIN okno.branch_norms n
	    ON n.branch = t.branch AND n.service = t.service
	    WHERE t.branch = 'SYN-001' AND t.day BETWEEN '$1' AND '$2'),
	r AS (SELECT w, row_number() OVER (ORDER BY w) AS rn,
	    count(*) OVER () AS n FROM t WHERE called)
	SELECT 'SYN-001,$1,$2,' || (SELECT count(*) FROM t) || ',' ||
	    coalesce((SELECT (round(count(*) FILTER (WHERE w <= wait_norm_s)
	    * 1000::numeric / nullif(count(*) FILTER (WHERE wait_norm_s IS
	    NOT NULL), 0)) / 10)::numeric(5, 1)::text FROM t WHERE called), '')
	    || ',' || coalesce((SELECT w::text FROM r
	    WHERE rn = (9 * n + 9) / 10), '') || ',0,,,'"
}
synrep() { "$HQ" report --from $1 --to $2 --today $TODAY --csv \
    --branch SYN-001 | sed 1d; }
for p in "2026-10-01 2026-10-31 3600" "2026-11-01 2026-11-30 1199" \
    "2026-12-01 2026-12-01 120" "2026-12-02 2026-12-02 4259"; do
	set -- $p
	row=$(direct $1 $2)
	like "$row" "^SYN-001,$1,$2,[0-9]+,[0-9.]+,$3," \
	    "the direct p90 of $1..$2 is $3, as the data was made"
	is "$(synrep $1 $2)" "$row" "okno-hq report $1..$2: p90 $3, at the edge of its minute"
done
for p in "2026-10-01 2026-12-02" "2026-10-15 2026-11-30" \
    "2026-10-31 2026-11-01" "2026-11-01 2026-12-31" "2026-12-01 2026-12-02" \
    "2026-09-01 2026-10-14" "2026-10-02 2026-10-30" "2027-01-01 2027-01-31"; do
	set -- $p
	is "$(synrep $1 $2)" "$(direct $1 $2)" "okno-hq report $1..$2 as okno.tickets directly"
done

# The load's refresh again over the same days rewrites nothing; a wait
# added to October moves that month's rollups, and the report follows.
before=$(xmins)
q "SELECT okno.refresh_daily('SYN-001', ARRAY(SELECT DISTINCT day
    FROM okno.tickets WHERE branch = 'SYN-001'), '{}', '{}')" >/dev/null
is "$(xmins)" "$before" "refreshing unchanged days rewrites no row, rollups included"
q "INSERT INTO okno.tickets (branch, id, service, status, day, \"window\",
    wait_s, service_s) VALUES ('SYN-001', 1000, 'meter', 'finished',
    '2026-10-20', 2, 3659, 60)" >/dev/null
q "SELECT okno.refresh_daily('SYN-001', '{2026-10-20}', '{}', '{}')" >/dev/null
is "$(synrep 2026-10-01 2026-10-31)" "$(direct 2026-10-01 2026-10-31)" \
    "a wait added: the month's report follows"
like "$(synrep 2026-10-01 2026-10-31)" "^SYN-001,2026-10-01,2026-10-31,23,[0-9.]+,3601," \
    "(21 waits: the 19th, 3601)"
is "$(q "SELECT count(*) FROM okno.monthly_queue WHERE branch = 'SYN-001'
    AND month = '2026-11-01' AND xmin::text = (SELECT xmin::text
    FROM okno.monthly_queue WHERE branch = 'SYN-001' AND month =
    '2026-10-01')")" 0 "November's rollup untouched"

# The set-based rebuild (the bench's) gives the load's summaries, and an
# upgrade (summaries without histograms or rollups) fills them in.
snap() { q "SELECT md5(string_agg(x, ' ' ORDER BY x)) FROM (
    SELECT 'q' || d::text x FROM okno.daily_queue d
    UNION ALL SELECT 'g' || d::text FROM okno.daily_ratings d
    UNION ALL SELECT 'p' || d::text FROM okno.daily_appeals d
    UNION ALL SELECT 'i' || d::text FROM okno.daily_inspections d
    UNION ALL SELECT 'm' || d::text FROM okno.monthly_queue d
    UNION ALL SELECT 's' || d::text FROM okno.monthly_wait_secs d
    UNION ALL SELECT 'u' || d::text FROM okno.monthly_ratings d) r"; }
was=$(snap)
q "TRUNCATE okno.daily_queue, okno.daily_ratings, okno.daily_appeals,
    okno.daily_inspections, okno.monthly_queue, okno.monthly_wait_secs,
    okno.monthly_ratings; SELECT okno.rebuild_summaries()" >/dev/null
is "$(snap)" "$was" "okno.rebuild_summaries: the same rows as the loads made"
q "ALTER TABLE okno.daily_queue ALTER COLUMN wait_mins DROP NOT NULL;
    UPDATE okno.daily_queue SET wait_mins = NULL; TRUNCATE
    okno.monthly_queue, okno.monthly_wait_secs, okno.monthly_ratings" >/dev/null
"$LOAD" --init >/dev/null 2>&1; ok $? "okno-load --init on summaries of before the rollups"
is "$(snap)" "$was" "it fills in the histograms and the rollups"
is "$(q "SELECT attnotnull FROM pg_attribute WHERE attrelid =
    'okno.daily_queue'::regclass AND attname = 'wait_mins'")" t \
    "and wait_mins is NOT NULL again"
before=$(xmins)
"$LOAD" --init >/dev/null 2>&1; ok $? "--init once more"
is "$(xmins)" "$before" "rewrites no summary"
exit $((tap_failed > 0))
