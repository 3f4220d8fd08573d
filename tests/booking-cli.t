#!/bin/sh
# booking-cli.t: pre-booked visits on the command line (SPEC, "Bookings";
# okno(1), BOOKINGS), the acceptance day on a real database file with the
# clock fixed by OKNO_NOW: slots from the hours, the windows and their
# lunch; a full slot, a closed day and hour, a past slot and one beyond
# the horizon refused (65); a client early (4), on time, late (4); the
# call order at the slot time with walk-ins and priority tickets waiting
# (a booked ticket before its slot time is not first); served at the
# finish, arrived after a no-show, missed after the grace; cancel; the
# list's CSV with the phone masked and a formula guarded; hostile text
# refused with nothing stored; an office without bookings (78).
. "$(dirname "$0")/lib.sh"
plan 66

conf_hours
conf_lunch 1
"$OKNO" init >/dev/null || bail "init"
command -v sqlite3 >/dev/null 2>&1 || bail "sqlite3 needed"
rows() { sqlite3 "$T/okno.db" "SELECT count(*) FROM bookings"; }
at() { OKNO_NOW="2026-12-28T$1:00+03:00"; export OKNO_NOW; }

# Monday 2026-12-28, 08:00-20:00.  pay: windows 1 and 2, norm 10 min:
# 2 x 15/10 = 3 visits a slot, 50% of them = 1.5 -> 1 bookable; while
# window 1 is at lunch (13:00-13:45) 0.75 -> 0.
at 09:00
out=$("$OKNO" booking slots --service pay --date 2026-12-28 --csv)
is $? 0 "slots --csv: exit 0"
is "$(printf '%s\n' "$out" | sed -n 1p)" "at,capacity,booked,free" \
    "slots: the header"
is "$(printf '%s\n' "$out" | sed -n 2p)" "2026-12-28T08:00,1,0,1" \
    "slots: the first slot at the opening"
is "$(printf '%s\n' "$out" | tail -n 1)" "2026-12-28T19:45,1,0,1" \
    "slots: the last slot ends at the closing"
is "$(printf '%s\n' "$out" | grep -c .)" 49 "slots: 48 slots of 15 min"
is "$(printf '%s\n' "$out" | grep -E '^2026-12-28T1[23]:' | tr '\n' ' ')" \
    "2026-12-28T12:00,1,0,1 2026-12-28T12:15,1,0,1 2026-12-28T12:30,1,0,1 2026-12-28T12:45,1,0,1 2026-12-28T13:00,0,0,0 2026-12-28T13:15,0,0,0 2026-12-28T13:30,0,0,0 2026-12-28T13:45,1,0,1 " \
    "slots: none bookable while window 1 is at lunch"
is "$("$OKNO" booking slots --service pay --date 2027-01-03 --csv | wc -l |
    tr -d ' ')" 1 "slots: a holiday has none"

# Booking: the code, and the refusals.
p1=$("$OKNO" booking add --service pay --at 2026-12-28T10:00 \
    --name "Иванов Иван" --phone "+7 916 123-45-67"); rc=$?
is "$rc" 0 "add: exit 0"
like "$p1" '^[0-4][0-9]{5}$' "add: a 6-digit branch code (0-4 first)"
out=$("$OKNO" booking add --service pay --at 2026-12-28T10:00 \
    --name "Петров" 2>&1); rc=$?
is "$rc" 65 "add: a full slot is refused (65)"
like "$out" "^okno: .*full" "add: the message says full"
out=$("$OKNO" booking add --service pay --at 2027-01-03T10:00 \
    --name "Петров" 2>&1); rc=$?
is "$rc" 65 "add: a holiday is refused (65)"
like "$out" "^okno: the office is closed on 2027-01-03" \
    "add: the message names the closed day"
out=$("$OKNO" booking add --service pay --at 2026-12-28T20:00 \
    --name "Петров" 2>&1); rc=$?
is "$rc" 65 "add: after the closing is refused (65)"
like "$out" "closed at 2026-12-28 20:00" "add: the message names the hour"
out=$("$OKNO" booking add --service pay --at 2026-12-28T13:15 \
    --name "Петров" 2>&1); rc=$?
is "$rc" 65 "add: a slot with no capacity (lunch) is refused"
out=$("$OKNO" booking add --service pay --at 2026-12-28T08:45 \
    --name "Петров" 2>&1); rc=$?
is "$rc" 65 "add: a past slot is refused (65)"
like "$out" "has passed" "add: the message says passed"
out=$("$OKNO" booking add --service pay --at 2027-01-12T10:00 \
    --name "Петров" 2>&1); rc=$?
is "$rc" 65 "add: beyond the 14-day horizon is refused (65)"
out=$("$OKNO" booking add --service pay --at 2026-12-28T10:05 \
    --name "Петров" 2>&1); rc=$?
is "$rc" 65 "add: not a slot start is refused (65)"
out=$("$OKNO" booking add --service pay --at 2026-12-28 --name X 2>&1); rc=$?
is "$rc" 64 "add: --at without the time is a usage error"
is "$(rows)" 1 "nothing stored by the refusals"

# Hostile text: stored only when it is text; a formula is guarded in CSV.
f=$("$OKNO" booking add --service pay --at 2026-12-28T10:30 \
    --name '=HYPERLINK("http://x","y")' --phone "8 495 000-11-22"); rc=$?
is "$rc" 0 "add: a name that looks like a formula is text"
esc=$(printf 'Bad\033[2Jname')
"$OKNO" booking add --service pay --at 2026-12-28T10:45 --name "$esc" \
    2>/dev/null
is $? 65 "add: a control character in the name (65)"
long=$(printf '%0201d' 0 | tr 0 Ж)
"$OKNO" booking add --service pay --at 2026-12-28T10:45 --name "$long" \
    2>/dev/null
is $? 65 "add: an overlong name (65)"
"$OKNO" booking add --service pay --at 2026-12-28T10:45 --name "  " \
    2>/dev/null
is $? 65 "add: a blank name (65)"
"$OKNO" booking add --service pay --at 2026-12-28T10:45 --name "Сидоров" \
    --phone "call me" 2>/dev/null
is $? 65 "add: a phone with letters (65)"
"$OKNO" booking add --service pay --at 2026-12-28T10:45 --name "Сидоров" \
    --account "12ab" 2>/dev/null
is $? 65 "add: a bad account (65)"
is "$(rows)" 2 "nothing stored by the hostile ones"

p2=$("$OKNO" booking add --service pay --at 2026-12-28T10:15 \
    --name "Сидорова Анна" --phone "+79161112233" --account 5012345678) ||
    bail "add p2"
r1=$("$OKNO" booking add --service recalc --at 2026-12-28T11:00 \
    --name "Кузнецов") || bail "add r1"
k1=$("$OKNO" booking add --service consult --at 2026-12-28T12:00 \
    --name "Морозов") || bail "add k1"
is "$(printf '%s\n' "$p1" "$f" "$p2" "$r1" "$k1" | sort -u | wc -l |
    tr -d ' ')" 5 "five bookings, five codes"

# Cancel.
"$OKNO" booking cancel "$k1"
is $? 0 "cancel: exit 0"
"$OKNO" booking cancel "$k1" 2>/dev/null
is $? 3 "cancel again: nothing booked with that code (3)"
"$OKNO" booking cancel 012345x 2>/dev/null
is $? 3 "cancel: not a code (3)"
is "$("$OKNO" booking slots --service consult --date 2026-12-28 --csv |
    grep '^2026-12-28T12:00,')" "2026-12-28T12:00,1,0,1" \
    "cancel: the slot is free again"

# The morning: walk-ins and a priority ticket wait before the slots.
at 09:30; a1=$("$OKNO" ticket issue pay)
at 09:35; a2=$("$OKNO" ticket issue pay --priority)
is "$a1 $a2" "A001 A002" "walk-ins A001, priority A002"
# Early: before 10:00 - 30 min.
at 09:29
out=$("$OKNO" ticket issue --booking "$p1" 2>&1); rc=$?
is "$rc" 4 "check-in 31 min early: exit 4"
like "$out" "^okno: too early: .* from 09:30 to 10:10" \
    "too early: the message names the check-in window"
"$OKNO" ticket issue --booking 499999 2>/dev/null
is $? 3 "check-in with an unknown code: exit 3"
at 09:40; b1=$("$OKNO" ticket issue --booking "$p1"); rc=$?
is "$rc" 0 "check-in 20 min early: exit 0"
is "$b1" A003 "check-in: the ticket of the booking's service"
"$OKNO" ticket issue --booking "$p1" 2>/dev/null
is $? 3 "a second check-in with the code: exit 3"
at 09:45; b2=$("$OKNO" ticket issue --booking "$p2")
is "$b2" A004 "the 10:15 booking checks in"
is "$(sqlite3 "$T/okno.db" "SELECT booked_at - strftime('%s',
    '2026-12-28 07:00:00'), account FROM tickets WHERE number = 'A004'")" \
    "900|5012345678" "its ticket carries the slot time and the account"

# Before its slot time a booked ticket is an ordinary one.
at 09:50
"$OKNO" window open 1 >/dev/null
is "$("$OKNO" ticket call 1)" A002 "09:50: the priority ticket first"
# From 10:00 the booked ticket goes before everyone of its service.
at 10:00
is "$("$OKNO" ticket call 1)" A003 "10:00: the 10:00 booking first"
at 10:05
"$OKNO" window open 2 >/dev/null
is "$("$OKNO" ticket call 2)" A001 \
    "10:05: the walk-in before the 10:15 booking (not its time yet)"
at 10:10; a5=$("$OKNO" ticket issue pay --priority)
at 10:15
is "$("$OKNO" ticket call 1)" A004 \
    "10:15: the booking before the priority ticket A005"
is "$("$OKNO" booking list --date 2026-12-28 --csv | grep "^$p1," |
    cut -d, -f4)" served "the booking whose ticket finished is served"
at 10:17
"$OKNO" ticket noshow 1 >/dev/null
is "$("$OKNO" booking list --date 2026-12-28 --csv | grep "^$p2," |
    cut -d, -f4)" arrived "a no-show leaves the booking arrived"

# Late: the 11:00 booking after 11:10 is missed.
at 11:10
is "$("$OKNO" booking list --date 2026-12-28 --csv | grep "^$r1," |
    cut -d, -f4)" booked "11:10: still within the grace"
at 11:11
out=$("$OKNO" ticket issue --booking "$r1" 2>&1); rc=$?
is "$rc" 4 "check-in 11 min late: exit 4"
like "$out" "^okno: too late: .* from 10:30 to 11:10" \
    "too late: the message names the check-in window"
is "$(sqlite3 "$T/okno.db" "SELECT status FROM bookings WHERE code = '$r1'")" \
    booked "the refusal changes nothing"
"$OKNO" ticket issue pay >/dev/null
is "$(sqlite3 "$T/okno.db" "SELECT status FROM bookings WHERE code = '$r1'")" \
    missed "the next queue change sweeps it: missed"
"$OKNO" ticket issue --booking "$r1" 2>/dev/null
is $? 4 "a missed booking checking in: exit 4"

# The day's list.
csv=$("$OKNO" booking list --date 2026-12-28 --csv)
is "$(printf '%s\n' "$csv" | sed -n 1p)" "code,service,at,status,name,phone" \
    "list --csv: the header"
is "$(printf '%s\n' "$csv" | grep "^$p1,")" \
    "$p1,pay,2026-12-28T10:00,served,Иванов Иван,'+7 *** ***-45-67" \
    "list --csv: the phone masked as everywhere (the last four digits; the + guarded)"
is "$(printf '%s\n' "$csv" | grep "^$f,")" \
    "$f,pay,2026-12-28T10:30,missed,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",8 *** ***-11-22" \
    "list --csv: a formula guarded"
is "$(printf '%s\n' "$csv" | cut -d, -f4 | grep -c missed)" 2 \
    "list --csv: two missed (10:30 and 11:00)"
is "$(printf '%s\n' "$csv" | grep "^$k1," | cut -d, -f4)" cancelled \
    "list --csv: the cancelled one"
is "$(printf '%s\n' "$csv" | grep -c '9161112233\|123-45-67')" 0 \
    "list --csv: no whole phone"
out=$("$OKNO" booking list --date 2026-12-28)
like "$out" "^10:00 $p1 +pay +served +A003 " "list: the text for people"
like "$("$OKNO" check-config)" "^Bookings: 15 min slots, 50% of capacity" \
    "check-config: the bookings"

# An office without bookings says so.
sed -i '/^bookings = /d' "$T/okno.conf"
out=$("$OKNO" booking list --date 2026-12-28 2>&1); rc=$?
is "$rc" 78 "no bookings group: booking list exits 78"
like "$out" "^okno: this office takes no bookings" \
    "no bookings group: the message"
"$OKNO" ticket issue --booking "$p1" 2>/dev/null
is $? 78 "no bookings group: ticket issue --booking exits 78"

exit $((tap_failed > 0))
