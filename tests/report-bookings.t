#!/bin/sh
# report-bookings.t: okno report --bookings (issue 15 item 5; okno(1)
# "Bookings report").  One day at window 1 with walk-in and booked
# tickets at fixed times; every figure below is worked out by hand:
# bookings by slot date in the branch's time zone, cancelled, missed,
# arrived, served, punctuality within the grace, and the wait of booked
# clients (counted from the later of check-in and slot) against walk-ins'.
#
# The bookings are written with sqlite3 and linked to tickets issued by
# okno: `okno booking add` and `ticket issue --booking` (bkcore) may
# replace that once merged; the figures stay the same.
. "$(dirname "$0")/lib.sh"
plan 17

# The sample configuration may have the group already (slot 15, grace
# 10, as here).
grep -q '^bookings' "$T/okno.conf" ||
    echo 'bookings = { slot = 15; grace = 10; };' >>"$T/okno.conf"
"$OKNO" init >/dev/null || bail "init"
staff ivanova

# at HH:MM COMMAND...: okno on 2026-12-08 (a Tuesday) at that time.
at() {
	t=$1
	shift
	OKNO_NOW=2026-12-08T$t:00+03:00 "$OKNO" "$@" >/dev/null 2>"$T/err" ||
	    bail "at $t $*: $(cat "$T/err")"
}
sql() { sqlite3 "$T/okno.db" "$1"; }
epoch() { date -d "$1" +%s; }
# booking CODE SOURCE SERVICE SLOT STATUS [TICKET]: a booking with that
# slot (local, +03:00) and status, linked to the ticket numbered TICKET.
n=0
booking() {
	n=$((n + 1))
	slot=$(epoch "$4")
	hq=NULL
	[ "$2" = hq ] && hq="'HQ-$n'"
	sql "INSERT INTO bookings (id, code, source, hq_id, service, slot_at,
	    status, name, created_at, changed_at) VALUES ($n, '$1', '$2', $hq,
	    '$3', $slot, '$5', 'Client $n', $slot - 86400, $slot)" ||
	    bail "booking $1"
	[ -n "${6:-}" ] || return 0
	sql "UPDATE bookings SET ticket_id = (SELECT id FROM tickets WHERE
	    number = '$6'), arrived_at = (SELECT issued_at FROM tickets WHERE
	    number = '$6') WHERE id = $n;
	    UPDATE tickets SET booking_id = $n, booked_at = $slot
	    WHERE number = '$6'" || bail "link $6"
}

# The day.  Walk-ins: A001 waits 5:00, A002 8:00, B002 15:00.
# Booked: A003 (slot 09:15) checked in at 09:05, called 09:20: waited
# 15:00, 5:00 of it from its slot; punctual (09:20 <= 09:25).
# A004 (slot 09:30) came late, 09:35, called 09:50: 15:00 from its
# check-in; not punctual (09:50 > 09:40).  B001 (slot 09:45) checked in
# 09:40, called early at 09:42: 0:00 from its slot; punctual; then a
# no-show (arrived, not served).
at 09:00 window open 1 --manager ivanova
at 09:00 ticket issue pay			# A001 walk-in
at 09:02 ticket issue pay			# A002 walk-in
at 09:05 ticket issue pay			# A003 booked 09:15
at 09:05 ticket call 1 --number A001
at 09:10 ticket call 1 --number A002
at 09:20 ticket call 1 --number A003
at 09:35 ticket issue pay			# A004 booked 09:30
at 09:40 ticket issue meter			# B001 booked 09:45
at 09:42 ticket call 1 --number B001
at 09:45 ticket issue meter			# B002 walk-in
at 09:48 ticket noshow 1
at 09:50 ticket call 1 --number A004
at 10:00 ticket call 1 --number B002
at 10:10 ticket finish 1
booking 012301 branch pay 2026-12-08T09:15:00+03:00 served A003
booking 512302 hq pay 2026-12-08T09:30:00+03:00 served A004
booking 012303 branch meter 2026-12-08T09:45:00+03:00 arrived B001
booking 512304 hq pay 2026-12-08T10:00:00+03:00 missed
booking 012305 branch pay 2026-12-08T10:15:00+03:00 cancelled
# 01:00 Moscow is the 7th in UTC: still the 8th's, by the branch's day.
booking 012306 branch pay 2026-12-08T01:00:00+03:00 missed
# Neither the day before nor the day after (23:50 Moscow, 21:00 UTC).
booking 012307 branch pay 2026-12-07T23:50:00+03:00 missed
booking 012308 hq pay 2026-12-09T09:00:00+03:00 booked

export OKNO_NOW=2026-12-08T18:00:00+03:00
csv=$("$OKNO" report --from 2026-12-08 --to 2026-12-08 --bookings --csv)
ok $? "report --bookings --csv"
is "$(echo "$csv" | head -1 | tr -d '\r')" "group,key,bookings,cancelled,missed,arrived,served,called,punctual,punctual_pct,booked_wait_avg_s,booked_wait_median_s,booked_wait_p90_s,walkin_tickets,walkin_called,walkin_wait_avg_s,walkin_wait_median_s,walkin_wait_p90_s" \
    "the header (okno(1))"
row() { echo "$csv" | tr -d '\r' | grep "^$1,"; }
# Booked waits 300, 900, 0: mean 400, median (rank 2 of 3) 300, p90
# (rank 3) 900.  Walk-ins 300, 480, 900: mean 560, median 480, p90 900.
is "$(row all,all)" "all,all,6,1,2,3,2,3,2,66.7,400,300,900,3,3,560,480,900" \
    "all: 6 bookings by slot date, 1 cancelled, 2 missed, 3 arrived, 2 served; 2 of 3 punctual; waits booked against walk-in"
# pay: booked 300 and 900 (mean 600, median rank 1 = 300, p90 rank 2 =
# 900); walk-ins 300 and 480 (mean 390).
is "$(row service,pay)" "service,pay,5,1,2,2,2,2,1,50.0,600,300,900,2,2,390,300,480" \
    "pay: the service row"
is "$(row service,meter)" "service,meter,1,0,0,1,0,1,1,100.0,0,0,0,1,1,900,900,900" \
    "meter: called before its slot waited nothing from the slot"
is "$(row service,recalc)" "service,recalc,0,0,0,0,0,0,0,,,,,0,0,,," \
    "a service without bookings: zeros and empty figures"
# The branch's: A003 (300), B001 (0), 012305, 012306; head office's:
# A004 (900), 512304.  Walk-ins have no source: empty cells.
is "$(row source,branch)" "source,branch,4,1,1,2,1,2,2,100.0,150,0,300,,,,," \
    "source branch"
is "$(row source,hq)" "source,hq,2,0,1,1,1,1,0,0.0,900,900,900,,,,," \
    "source hq"
is "$(echo "$csv" | cut -d, -f1 | tr -d '\r' | uniq | tr '\n' ' ')" \
    "group all service source " "rows: all, services, sources"

csv2=$("$OKNO" report --from 2026-12-07 --to 2026-12-09 --bookings --csv)
is "$(echo "$csv2" | tr -d '\r' | grep '^all,' | cut -d, -f3-6)" "8,1,3,3" \
    "three days: the day before's and the day after's bookings too"

# The grace is the configured one: 20 minutes make A004 punctual.
sed -i '/^bookings/s/grace = 10;/grace = 20;/' "$T/okno.conf"
is "$("$OKNO" report --from 2026-12-08 --to 2026-12-08 --bookings --csv |
    tr -d '\r' | grep '^all,' | cut -d, -f8-10)" "3,3,100.0" \
    "grace 20: all three called within it"
sed -i '/^bookings/s/grace = 20;/grace = 10;/' "$T/okno.conf"

# The text form: the same figures for people.
txt=$("$OKNO" report --from 2026-12-08 --to 2026-12-08 --bookings)
ok $? "report --bookings as text"
like "$txt" "^All +6 +1 +2 +3 +2 +3 +2 +66\.7$" "text: the all row"
like "$txt" "^Оплата и счета +5 +1 +2 +2 +2 +2 +1 +50\.0$" \
    "text: a service row by its name"
like "$txt" "^All +3 +6:40 +5:00 +15:00 +3 +9:20 +8:00 +15:00$" \
    "text: waits booked against walk-in, m:ss"
w=$(printf '%s\n' "$txt" | wc -L)
ok "$([ "$w" -le 78 ]; echo $?)" "no line over 78 columns ($w): the screen shows them whole"

# The whole report has the section when the office takes bookings.
like "$("$OKNO" report --from 2026-12-08 --to 2026-12-08)" "^Bookings: " \
    "the full report includes the bookings section"
exit $((tap_failed > 0))
