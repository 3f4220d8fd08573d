#!/bin/sh
# ui-kiosk.t: the ticket terminal: arrows and Enter, the priority toggle
# that only staff may use (the model refuses the kiosk role), and leaving
# the terminal only with a staff login.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 9

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office

start k vt100 "$OKNO" --kiosk
wait_for k "Choose a service"
ok $? "the ticket terminal starts without a login"
keys k Down Down Enter
wait_for k "Ticket C001"
ok $? "arrows and Enter choose the third service"
keys k Space
wait_for k "Choose a service"
ok $? "any key goes back to the menu"

keys k '*'
wait_for k "Staff only"
ok $? "priority asks for a staff login"
login k anna wrong
wait_for k "wrong login or password"
ok $? "a wrong password gives no priority"
keys k '*'
login k anna pw-anna1
wait_for k "PRIORITY ticket"
ok $? "a manager's login switches priority on for the next ticket"
keys k 1
wait_for k "Ticket A001 \(priority\)"
ok $? "the ticket is a priority one"
is "$(sqlite3 "$T/okno.db" "SELECT t.priority || ':' || e.manager FROM
    tickets t JOIN ticket_events e ON e.ticket_id = t.id
    WHERE t.number = 'A001' AND e.event = 'issued'")" "1:anna" \
    "stored with priority, issued under anna's name"
keys k Space
keys k 2
wait_for k "Ticket B001$"
ok $? "the next ticket is ordinary again"
