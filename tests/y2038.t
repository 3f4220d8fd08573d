#!/bin/sh
# y2038.t: dates past 2038-01-19 (the end of a 32-bit time_t) work as
# before it, on every architecture: a ticket issued and called on
# 2038-02-01 lands on that day, an appeal's deadline and overdue flag, a
# report period, an export batch's name, the purge of personal data at and
# after 2038-02-01; and a date okno cannot represent is refused, never
# stored as another.  On a 32-bit time_t build (i386 before TIME64) each
# of these was silently wrong: day 1901-12-27, batch 1901..., no overdue
# appeal, appeal ...-1969-000001.
. "$(dirname "$0")/lib.sh"
plan 17

db() { sqlite3 "$T/okno.db" "$1"; }
add() {	# add [OPTIONS]: a complaint (30 calendar days)
	"$OKNO" appeal add --kind complaint --channel written \
	    --client-type individual --name "Иванов Иван" \
	    --topic "Начисления" "$@"
}

export OKNO_NOW=2038-02-01T10:00:00+03:00
"$OKNO" init >/dev/null || bail "init failed"
"$OKNO" window open 1 >/dev/null 2>&1 || true

# The queue: issued and called at 2038-02-01 10:00 (Moscow), on its day.
n=$("$OKNO" ticket issue pay --force 2>/dev/null)
ok $? "a ticket is issued on 2038-02-01 ($n)"
OKNO_NOW=2038-02-01T10:05:00+03:00 "$OKNO" ticket call 1 >/dev/null 2>&1
ok $? "and called"
is "$(db "SELECT day || ',' || issued_at || ',' || status || ',' || called_at FROM tickets")" \
    "2038-02-01,2148620400,called,2148620700" \
    "stored on 2038-02-01 with the right instants"
is "$(db "SELECT count(*) FROM tickets WHERE day = '1901-12-27' OR issued_at < 0")" \
    0 "nothing on 1901-12-27"
OKNO_NOW=2038-02-01T10:20:00+03:00 "$OKNO" ticket finish 1 >/dev/null 2>&1
ok $? "and finished"

# The report of February 2038 counts it: 5 minutes waited, 15 served.
rep() { OKNO_NOW=2038-03-01T10:00:00+03:00 "$OKNO" report --from "$1" \
    --to "$2" --csv 2>&1 | grep '^all,all,' | cut -d, -f3-6,11; }
is "$(rep 2038-02-01 2038-02-28)" "1,1,0,300,900" \
    "the report of February 2038 counts the ticket, its wait and service"
is "$(rep 2038-01-01 2038-01-31)" "0,0,0,," "January 2038 has none"

# Appeals: the number and the 30-day deadline of 2038-02-01, overdue later.
r=$(add 2>/dev/null)
is "$r" MSK-014-2038-000001 "an appeal of 2038 is numbered in 2038"
is "$("$OKNO" appeal list --csv | cut -d, -f2,5,6 | tail -1)" \
    "2038-02-01T10:00:00+03:00,2038-03-03,0" \
    "registered 2038-02-01, due 2038-03-03, not overdue"
is "$(OKNO_NOW=2038-03-04T10:00:00+03:00 "$OKNO" appeal list --overdue --csv |
    cut -d, -f1,6 | tail -n +2)" "$r,1" "on 2038-03-04 it is overdue"

# The nightly batch is named after its day.
b=$("$OKNO" export --out "$T/out" 2>&1)
like "$b" "/MSK-014-20380201-?[0-9T]*|/MSK-014-2038-02-01" \
    "the export batch is named after 2038-02-01 ($b)"
"$OKNO" export --ack "$b" >/dev/null 2>&1

# Personal data: closed on 2038-02-01, kept retention_days (1095), then
# destroyed; the destruction is dated as run.
"$OKNO" appeal update "$r" --status closed >/dev/null 2>&1
b=$("$OKNO" export --out "$T/out") && "$OKNO" export --ack "$b" >/dev/null
out=$(OKNO_NOW=2041-01-30T10:00:00+03:00 "$OKNO" purge)
is "$out" "0 appeals anonymised" "2041-01-30: within the retention"
out=$(OKNO_NOW=2041-02-02T10:00:00+03:00 "$OKNO" purge)
is "$out" "1 appeal anonymised" "2041-02-02: past it, purged"
is "$(OKNO_NOW=2041-02-02T10:00:00+03:00 "$OKNO" appeal show "$r" |
    sed -n 's/^Data destroyed: *//p')" "2041-02-02T10:00:00+03:00" \
    "the purge is dated 2041-02-02"

# What cannot be represented is refused, not wrapped to another date.
out=$(OKNO_NOW=9999-12-31T10:00:00+03:00 add 2>&1)
is $? 65 "an appeal on 9999-12-31 (due in year 10000) is refused: exit 65"
diag "$out"
is "$(db "SELECT count(*) FROM appeals WHERE reg_no NOT LIKE '%-2038-%'")" 0 \
    "nothing stored for it (no ...-1969-... number)"
out=$(OKNO_NOW=2038-02-30T10:00:00+03:00 "$OKNO" queue --csv 2>&1)
is $? 64 "OKNO_NOW=2038-02-30 is refused (exit 64): $out"
exit $((tap_failed > 0))
