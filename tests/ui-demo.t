#!/bin/sh
# ui-demo.t: okno demo: a throw-away office with history, the demo logins,
# the role's screens, and nothing left behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 20

mkdir "$T/tmp"
start d xterm-256color env OKNO_NOW=2026-12-30T11:00:00+03:00 \
    TMPDIR="$T/tmp" "$OKNO" demo
# The demo makes its office first (its logins' password hashes, a week of
# history): seconds, longer under ASan or an emulator; a pass returns at
# once.
wait_for d "demo: log in as demo" 600
ok $? "the demo starts at the login, showing the demo logins"
db=$(ls "$T"/tmp/okno-demo.*/okno.db)
is "$(sqlite3 "$db" "SELECT count(DISTINCT day) FROM tickets")" 8 \
    "history of seven working days and this morning"
is "$(sqlite3 "$db" "SELECT count(DISTINCT source), count(DISTINCT status)
    >= 4, sum(status = 'booked' AND slot_at > strftime('%s',
    '2026-12-30T08:00:00')) > 0, (SELECT count(*) > 0 FROM tickets t JOIN
    bookings b ON b.ticket_id = t.id AND t.booking_id = b.id
    AND t.booked_at = b.slot_at) FROM bookings")" "2|1|1|1" \
    "bookings in the history: both sources, four statuses or more, some still to come today, tickets that name their slot"
is "$(sqlite3 "$db" "SELECT group_concat(DISTINCT day) FROM tickets WHERE
    strftime('%w', day) IN ('0', '6') OR day = '2026-12-31'")" "" \
    "no weekend in it (the production calendar's days off)"
is "$(sqlite3 "$db" "SELECT count(*) > 100 FROM tickets WHERE
    status = 'finished'")" 1 "with many finished visits"
login d demo demo-okno
wait_for d "^ 2 +serving +boris"
ok $? "demo (supervisor) sees the hall: windows serving"
is "$(sqlite3 "$db" "SELECT count(*) FROM appeals")" 7 \
    "the register holds a few appeals"
wait_line d 1 "overdue 1 · today 1"
ok $? "one of them overdue, one due today"
dir=$(dirname "$db")
keys d F2
wait_for d "Choose a service"
keys d 1
wait_for d "Ticket A[0-9]+"
num=$(screen d | sed -n 's/.*Ticket \(A[0-9]*\).*/\1/p' | head -1)
wait_for d "Take your ticket from the printer"
ok $? "the kiosk prints $num on the simulated printer"
like "$(cat "$dir/printer.txt")" "\[center bold 2x2\] $num" \
    "printer.txt shows the ticket's number"
# Another terminal on the demo's configuration: its office, its devices.
n2=$(OKNO_NOW=2026-12-30T11:00:00+03:00 "$OKNO" -c "$dir/conf/okno.conf" \
    ticket issue pay 2>"$T/err2")
is "$?:$(cat "$T/err2")" "0:" \
    "okno -c on the demo's configuration issues $n2, without a warning"
wait_until 100 grep -q "\[center bold 2x2\] $n2" "$dir/printer.txt"
like "$(cat "$dir/printer.txt")" "\[center bold 2x2\] $n2" \
    "on the demo's simulated printer"
keys d F10
keys d F3
wait_for d "Work at window"
keys d Enter
wait_for d "Window 1 .*free"
keys d F2
wait_for d "called [A-Z][0-9]+"
called=$(screen d | sed -n 's/.*called \([A-Z][0-9]*\).*/\1/p' | head -1)
wait_until 600 grep -q ">$called *window 1" "$dir/board.txt"
like "$(tail -3 "$dir/board.txt")" ">$called +window 1" \
    "the simulated board shows $called called to window 1"
keys d F4
keys d F10
wait_for d "Board:  $called>1"
ok $? "so does the hall view's board line"
keys d F10
login d anna demo-okno
wait_for d "Your window"
ok $? "anna (manager) is asked for her window"
keys d Enter
wait_for d "Window 1 .*free"
ok $? "and works at window 1"
keys d F10
wait_for d "Log in"
keys d F10
wait_while 600 ls -d "$T"/tmp/okno-demo.* >/dev/null 2>&1
ok $(ls -d "$T"/tmp/okno-demo.* >/dev/null 2>&1; echo $((!$?))) \
    "leaving the demo removes its folder"
wait_for d "a throw-away office in"
ok $? "the demo printed how to open more terminals"

# A demo killed outright takes its simulators with it.
mkdir "$T/tmp2"
start d2 xterm-256color env OKNO_NOW=2026-12-30T11:00:00+03:00 \
    TMPDIR="$T/tmp2" "$OKNO" demo
# As long as the first start may take (the i386 emulator under load took
# more than wait_for's default 30 s); then both simulators' processes.
wait_for d2 "demo: log in as demo" 600 >/dev/null
wait_until 600 sh -c '[ "$(pgrep -f "okno-sim .*$1" | wc -l)" -eq 2 ]' \
    sh "$T/tmp2"
sims=$(pgrep -f "okno-sim .*$T/tmp2")
demo=$(ps -o ppid= -p "$(echo "$sims" | head -1)" | tr -d ' ')
is "$(echo "$sims" | wc -l)" 2 "the demo runs two simulators"
kill -9 "$demo"
wait_while 100 pgrep -f "okno-sim .*$T/tmp2" >/dev/null
ok $(pgrep -f "okno-sim .*$T/tmp2" >/dev/null; echo $((!$?))) \
    "kill -9 of the demo stops them too"
