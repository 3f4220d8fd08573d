#!/bin/sh
# ui-keypad.t: the manager console asks the client to rate the visit on
# the serial keypad (okno-sim's keypad on a pty): F9 offers the keypad or
# typed scores; the keypad's answers are stored, a skipped question not.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 15

export OKNO_NOW=2026-12-30T10:00:00+03:00
cat >> "$T/okno.conf" <<CONF
devices = { keypad = { driver = "digits"; port = "$T/keypad";
                       timeout_ms = 3000; }; };
CONF
ui_office
sim_start keypad keypad --keys 5403
db() { sqlite3 "$T/okno.db" "$1"; }

"$OKNO" ticket issue pay >/dev/null
start w xterm-256color "$OKNO" --window 1
login w anna pw-anna1
wait_for w "Window 1 .*free"
keys w F2
wait_for w "Ticket +A001"
keys w F4
wait_for w "A001 finished"
ok $? "anna calls and finishes A001"
keys w F9
wait_for w "Ask the client on the keypad"
ok $? "F9 with a keypad offers to ask the client on it"
keys w Enter
wait_for w "the client rated A001: 3 of 4 questions" 200
ok $? "the client's answers come back: three scores, one skipped"
is "$(db "SELECT group_concat(criterion || score, ' ') FROM
    (SELECT * FROM ratings WHERE ticket_id = 1 ORDER BY id)")" \
    "speed5 politeness4 info3" "stored as the client pressed them"
is "$(db "SELECT DISTINCT manager FROM ratings")" anna \
    "with the manager who served"
is "$(grep -c '^? [1-4]$' "$T/keypad.out")" 4 \
    "the keypad was asked the four questions"
sim_stop

# Without the keypad the failure is said, and typing stays possible.
keys w F9
wait_for w "Ask the client on the keypad"
keys w Enter
wait_for w "keypad: no such port" 200
ok $? "a keypad gone is said on the message line"
is "$(db "SELECT event FROM device_events WHERE device = 'keypad'")" error \
    "and recorded as the keypad's fault"

# Typed scores instead: the form's own key bar, F2 saves from any field.
keys w F9
wait_for w "Enter the client's scores here"
keys w Down Enter
wait_for w "Rate visit A001"
wait_line w '$' "^1 +2Save .*10Cancel"
ok $? "the rating form shows its keys, not the console's"
keys w C-u
typ w 2
keys w F2
wait_for w "rating of A001 saved"
ok $? "F2 saves from the first field"
is "$(db "SELECT score FROM ratings WHERE ticket_id = 1 AND
    criterion = 'speed'")" 2 "the typed score replaced the keypad's"
wait_line w '$' "^1Help +2Call"
ok $? "the console's keys are back"

# Keys pressed while the keypad is asked are not the console's: an F10
# typed then does not log anna out when the survey ends.
sim_start keypad keypad --keys ""
keys w F9
wait_for w "Ask the client on the keypad"
keys w Enter
wait_for w "Question 1 of 4"
keys w F10
wait_for w "the client gave no score" 400
ok $? "the survey ends when the client walks away"
wait_line w '$' "^1Help +2Call"
ok $? "and the F10 typed meanwhile did not close the console"
sim_stop

# Logging out leaves nothing of anna's on the line for the next user.
keys w F10
wait_for w "Log in"
wait_line w 23 "^ *$"
ok $? "the login shows no message of anna's"
