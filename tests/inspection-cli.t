#!/bin/sh
# inspection-cli.t: quality inspections at the command line: add, list,
# show, catalogue; refusals with nothing stored; the evidence beside the
# criteria against the same figures computed by the sqlite3 shell; the
# inspections.csv export against the tables; a broken catalogue stops
# inspections but never the queue.
. "$(dirname "$0")/lib.sh"
plan 44

db() { TZ=Europe/Moscow sqlite3 "$T/okno.db" "$1"; }
# at TIME COMMAND...: okno at branch time 2026-TIME.
at() {
	t=$1
	shift
	OKNO_NOW="2026-${t}+03:00" "$OKNO" "$@" >/dev/null 2>"$T/err" ||
	    [ $? -eq 3 ] || bail "okno $* at $t: $(cat "$T/err")"
}
counts() { db "SELECT (SELECT count(*) FROM inspections) || '/' ||
    (SELECT count(*) FROM inspection_results)"; }

"$OKNO" init >/dev/null || bail "init failed"
staff ivanova

# History for the evidence: visits in November and December, appeals due
# inside and outside the 30 days before 15 December.
at 11-10T08:59:00 window open 1 --manager ivanova
at 11-10T09:00:00 ticket issue pay
at 11-10T09:01:00 ticket issue meter
at 11-10T09:05:00 ticket call 1
at 11-10T09:14:00 ticket call 1		# pay 5:00 wait, 9:00 service
at 11-10T09:40:00 ticket finish 1	# meter 13:00 wait, 26:00 service
for d in 16 20 27; do
	at 11-${d}T10:00:00 window open 1 --manager ivanova
	at 11-${d}T10:00:00 ticket issue pay
	at 11-${d}T10:02:00 ticket issue consult
	at 11-${d}T10:03:00 ticket issue pay
	at 11-${d}T10:10:00 ticket call 1
	at 11-${d}T10:20:00 ticket call 1
	at 11-${d}T10:40:00 ticket call 1
	at 11-${d}T10:41:00 ticket noshow 1
	at 11-${d}T20:00:00 day close
done
at 12-15T10:00:00 ticket issue pay	# the inspection day: outside

add_appeal() {	# TIME KIND CHANNEL [OPTIONS]
	t=$1 k=$2 ch=$3
	shift 3
	OKNO_NOW="2026-${t}+03:00" "$OKNO" appeal add --kind "$k" \
	    --channel "$ch" --client-type individual --name "Клиент" \
	    --topic "Прочее" "$@"
}
r1=$(add_appeal 10-20T10:00:00 complaint written)	# due 2026-11-19
r2=$(add_appeal 10-25T10:00:00 complaint book)		# due 2026-11-24
r3=$(add_appeal 11-05T10:00:00 claim box)		# due 2026-12-07
r4=$(add_appeal 11-06T10:00:00 complaint written)	# due 2026-12-07
r5=$(add_appeal 10-01T10:00:00 complaint written)	# due 2026-11-02
r6=$(add_appeal 11-20T10:00:00 question in_person --first-contact)
at 11-18T12:00:00 appeal update "$r1" --status answered
at 11-25T09:00:00 appeal update "$r2" --status answered	# a day late
at 12-07T23:00:00 appeal update "$r3" --status closed	# on time
at 11-01T10:00:00 appeal update "$r5" --status answered

# Adding.
export OKNO_NOW=2026-12-15T16:00:00+03:00
id=$("$OKNO" inspection add --date 2026-12-15 --kind internal \
    --inspector "Сидорова А. В." --note "плановая проверка" \
    --result U1=met --result "U4=not_met:очередь: 40 минут" \
    --result U7=met --result U8=met --result C1=na \
    --result "U2=met:=SUM(A1)")
is "$id" 1 "add prints the inspection's number"
is "$(counts)" 1/6 "one inspection, six results"
is "$(db "SELECT comment FROM inspection_results WHERE criterion = 'U4'")" \
    "очередь: 40 минут" "the comment is everything after the first colon"

out=$("$OKNO" inspection add --date 2026-12-15 --kind mystery_shopper \
    --inspector X --result U4=met 2>&1); rc=$?
is "$rc" 65 "a criterion the kind does not check: exit 65"
like "$out" "^okno: criterion U4 is not checked by mystery shopper \
\(its control: internal audit\)$" "one line saying why"
out=$("$OKNO" inspection add --date 2026-12-16 --kind internal \
    --inspector X --result U4=met 2>&1); rc=$?
is "$rc" 65 "a date after today: exit 65"
out=$("$OKNO" inspection add --date 2026-12-15 --kind audit \
    --inspector X --result U4=met 2>&1); rc=$?
is "$rc" 65 "an unknown kind: exit 65"
like "$out" "internal, external or mystery_shopper" "the kinds are named"
out=$("$OKNO" inspection add --date 2026-12-15 --kind internal \
    --inspector X --result U4=done 2>&1); rc=$?
is "$rc" 65 "an unknown result: exit 65"
out=$("$OKNO" inspection add --date 2026-12-15 --kind internal \
    --inspector X --result U4 2>&1); rc=$?
is "$rc" 64 "a result without = : usage, exit 64"
out=$("$OKNO" inspection add --date 2026-12-15 --kind internal \
    --result U4=met 2>&1); rc=$?
is "$rc" 64 "no inspector: usage, exit 64"
out=$("$OKNO" inspection add --date 2026-12-15 --kind internal \
    --inspector "$(printf 'a\033[31mb')" --result U4=met 2>&1); rc=$?
is "$rc" 65 "ESC in the inspector's name: exit 65"
out=$("$OKNO" inspection add --date 2026-12-15 --kind internal \
    --inspector X --result U4=met --result U4=na 2>&1); rc=$?
is "$rc" 65 "a criterion twice: exit 65"
out=$("$OKNO" inspection add --date 2026-12-15 --kind internal \
    --inspector X --result U99=met 2>&1); rc=$?
is "$rc" 65 "a code not in the catalogue: exit 65"
is "$(counts)" 1/6 "nothing stored by the refusals"
is "$("$OKNO" inspection add --date 2026-12-01 --kind mystery_shopper \
    --inspector "Тайный покупатель" --result U5=not_met:грубость \
    --result U6=met)" 2 "a mystery shopper checks etiquette and dress"

# Listing.
is "$("$OKNO" inspection list --csv)" \
"id,date,kind,inspector,met,not_met,na,compliance_pct,recorded_by,created_at
2,2026-12-01,mystery_shopper,Тайный покупатель,1,1,0,50.0,,2026-12-15T16:00:00+03:00
1,2026-12-15,internal,Сидорова А. В.,4,1,1,80.0,,2026-12-15T16:00:00+03:00" \
    "list --csv: by date, with counts and compliance"
is "$("$OKNO" inspection list --from 2026-12-02 --csv | tail -n +2 |
    cut -d, -f1)" 1 "list --from"
like "$("$OKNO" inspection list)" "^ +2  2026-12-01  mystery_shopper +1 +1 +0 \
+50.0  Тайный покупатель" "the human list"

# Showing, with the evidence of the 30 days 2026-11-15..2026-12-14.
show=$("$OKNO" inspection show 1)
flat=$(printf '%s\n' "$show" | tr '\n' ' ' | tr -s ' ')
like "$show" "^Inspection 1 of 2026-12-15: internal audit" "show: the title"
like "$show" "^U4   not met  Сроки обслуживания" "show: a result"
like "$show" "^ +очередь: 40 минут" "show: its comment"
like "$show" "^U5   -        Этикет общения" "show: a criterion not assessed"
like "$show" "^C1   n/a " "show: not applicable"
like "$show" "^Unconditionally achievable criteria" "show: the groups"
ok "$(printf '%s\n' "$show" | awk 'length > 79 { bad = 1 } END {
    exit bad }'; echo $?)" "show: no line over 79 characters"

# The same figures by the sqlite3 shell.
W="BETWEEN '2026-11-15' AND '2026-12-14'"
due=$(db "SELECT count(*) FROM appeals WHERE due_date $W")
ontime=$(db "SELECT count(*) FROM appeals WHERE due_date $W AND
    date(coalesce(answered_at, closed_at), 'unixepoch', 'localtime')
    <= due_date")
late=$(db "SELECT count(*) FROM appeals WHERE due_date $W AND
    date(coalesce(answered_at, closed_at), 'unixepoch', 'localtime')
    > due_date")
un=$(db "SELECT count(*) FROM appeals WHERE due_date $W AND
    coalesce(answered_at, closed_at) IS NULL")
is "$due/$ontime/$late/$un" "4/2/1/1" "the fixture: 4 appeals due, 2 on \
time, 1 late, 1 unanswered"
like "$flat" "appeals due $due, answered on time $ontime \(50.0%\), late \
$late, unanswered $un" "U1: appeals answered on time"
# Norms: 15 min waits for every service, 10 min service for pay and
# consult (the sample), from the tickets' own sums.
waited=$(db "SELECT count(*) FROM tickets WHERE day $W AND calls > 0")
wok=$(db "SELECT count(*) FROM tickets WHERE day $W AND calls > 0 AND
    wait_s <= 900")
served=$(db "SELECT count(*) FROM tickets WHERE day $W AND
    status = 'finished'")
sok=$(db "SELECT count(*) FROM tickets WHERE day $W AND
    status = 'finished' AND service_s <= 600")
wpct=$(awk -v a="$wok" -v b="$waited" 'BEGIN { printf "%.1f", 100 * a / b }')
spct=$(awk -v a="$sok" -v b="$served" 'BEGIN { printf "%.1f", 100 * a / b }')
like "$flat" "waits within norm $wok of $waited \($wpct%\), services within \
norm $sok of $served \($spct%\)" "U4: norms ($wok/$waited, $sok/$served)"
visits=$(db "SELECT count(*) FROM tickets WHERE day $W AND
    status = 'finished'")
book=$(db "SELECT count(*) FROM appeals WHERE reg_date $W AND
    channel IN ('book', 'box')")
like "$flat" "visits rated 0 of $visits \(0.0%\), ratings 0, complaint \
book and box entries $book" "U7: feedback collected"
tickets=$(db "SELECT count(*) FROM tickets WHERE day $W")
appeals=$(db "SELECT count(*) FROM appeals WHERE reg_date $W")
like "$flat" "tickets issued $tickets, appeals registered $appeals" \
    "U8: the queue and the register in use"

out=$("$OKNO" inspection show 9 2>&1); rc=$?
is "$rc" 65 "show of an unknown inspection: exit 65"
like "$out" "^okno: no inspection 9$" "one line"

# The catalogue.
cat_csv=$("$OKNO" inspection catalogue --csv)
is "$(printf '%s\n' "$cat_csv" | head -1)" \
    "code,group,number,title,mechanisms,evidence,text,control" \
    "catalogue --csv: header"
is "$(printf '%s\n' "$cat_csv" | grep -c '^[CU][0-9],')" 13 \
    "catalogue: 13 criteria"
like "$(printf '%s\n' "$cat_csv" | grep '^U5,')" \
    '^U5,unconditional,5,Этикет общения,mystery_shopper,,Соблюдение этикета' \
    "catalogue: U5 by mystery shopper, as the standard says"
like "$("$OKNO" inspection catalogue)" "^C1   Территориальная доступность" \
    "catalogue: the human form"

# The export: one row per result, the same as the tables say (no cell
# here needs CSV quoting, so the shell's plain list mode compares).
b=$("$OKNO" export --out "$T/out") || bail "export"
is "$(head -1 "$b/inspections.csv" | tr -d '\r')" \
    "branch,id,inspection_id,date,kind,inspector,criterion,result,comment,\
note,recorded_by,recorded_at" "inspections.csv: header"
want=$(TZ=Europe/Moscow sqlite3 -separator , "$T/okno.db" "
SELECT 'MSK-014', r.id, r.inspection_id, i.date, i.kind, i.inspector,
  r.criterion, r.result,
  CASE WHEN substr(r.comment, 1, 1) IN ('=', '+', '-', '@') THEN
    '''' || r.comment ELSE r.comment END, i.note, i.recorded_by,
  strftime('%Y-%m-%dT%H:%M:%S+03:00', i.created_at, 'unixepoch',
  'localtime')
FROM inspection_results r JOIN inspections i ON i.id = r.inspection_id
ORDER BY r.id" | tr -d '\r')
is "$(tail -n +2 "$b/inspections.csv" | tr -d '\r')" "$want" \
    "inspections.csv: every result, as the tables say (formula guarded)"
"$OKNO" export --ack "$b" >/dev/null
b2=$("$OKNO" export --out "$T/out")
is "$(wc -l < "$b2/inspections.csv")" 1 "acknowledged results are not sent \
again"

# A broken catalogue: inspections refuse with FILE:LINE, the queue works.
sed -i 's/group = "conditional"; number = 2;/group = "often"; number = 2;/' \
    "$T/criteria.conf"
out=$("$OKNO" inspection show 1 2>&1); rc=$?
is "$rc" 78 "a broken catalogue: exit 78"
like "$out" "^$T/criteria.conf:[0-9]+: group \"often\"" "FILE:LINE: message"
out=$("$OKNO" check-config 2>&1); rc=$?
is "$rc" 78 "check-config checks the catalogue too"
"$OKNO" ticket issue pay >/dev/null; ok $? "the queue does not need it"
exit $((tap_failed > 0))
