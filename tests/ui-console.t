#!/bin/sh
# ui-console.t: the manager console's actions one by one: the service
# time turning urgent past the norm, recall, transfer (a list), postpone
# (minutes), pause and resume (a reason), no-show, the appeal key, help,
# and a window another manager holds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 15

ui_office
T0=2026-12-30T09:00:00+03:00
OKNO_NOW=$T0 "$OKNO" ticket issue pay >/dev/null
OKNO_NOW=$T0 "$OKNO" ticket issue pay >/dev/null
OKNO_NOW=$T0 "$OKNO" window open 1 --manager anna >/dev/null
OKNO_NOW=$T0 "$OKNO" ticket call 1 >/dev/null

# Twenty minutes later: A001 has been in service past its 10 min norm.
start m xterm-256color env OKNO_NOW=2026-12-30T09:20:00+03:00 \
    "$OKNO" --window 1
login m anna pw-anna1
wait_for m "In service +20:00"
ok $? "the console shows A001's time in service"
wait_for m "! over the service norm by 10 min"
ok $? "past the norm it says so, in the urgent look"
keys m F1
wait_for m "F2 2 c +call the next ticket"
ok $? "F1 lists the keys with their alternatives"
keys m Escape
keys m F3
wait_for m "A001 called again"
ok $? "Recall calls A001 again"
keys m F6
wait_for m "Transfer to service"
ok $? "Transfer offers the services"
keys m 3
wait_for m "A001 transferred"
ok $? "choosing one transfers A001"
is "$("$OKNO" queue --csv | grep '^recalc,' | cut -d, -f3)" 1 \
    "A001 waits in recalc now"
keys m F2
wait_for m "called A002"
ok $? "Call brings A002"
keys m F7
wait_for m "Postpone the ticket"
keys m C-u
typ m 15
keys m Enter
wait_for m "A002 postponed"
ok $? "Postpone for 15 minutes"
keys m F8
wait_for m "Pause the window"
typ m "обед"
keys m Enter
wait_for m "paused: обед"
ok $? "Pause with a reason typed in Russian"
keys m F8
wait_for m "window resumed"
ok $? "and resume"
OKNO_NOW=2026-12-30T09:20:00+03:00 "$OKNO" ticket issue meter >/dev/null
keys m F2
wait_for m "called B001"
keys m a
wait_for m "Ticket +B001"
ok $? "a opens appeal registration with the ticket in service linked"
keys m F10
wait_for m "Waiting for this window"
ok $? "and F10 returns to the console"
keys m F5
wait_for m "B001 did not come"
ok $? "No-show"

start b xterm-256color env OKNO_NOW=2026-12-30T09:20:00+03:00 \
    "$OKNO" --window 1
login b boris pw-boris
wait_for b "window 1 is open for anna, not for you"
ok $? "boris cannot take anna's window"
