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
#    rewrites no row (xmin) of the tables or the summaries.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hq-lib.sh"
plan 36

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
    UNION ALL SELECT 'i', branch || day, xmin::text FROM okno.daily_inspections) r"; }
before=$(xmins)
like "$before" " g:VVO-002.* i:VVO-002.* p:VVO-002.* q:VVO-002" \
    "summaries of every kind exist"
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
exit $((tap_failed > 0))
