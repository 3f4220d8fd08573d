#!/bin/sh
# ui-kiosk-guess.t: anyone at the ticket terminal in the hall may try the
# staff login as often as they like.  Guessing the supervisor's password
# there must slow only the kiosk: the supervisor logs in at a console at
# once, and her idle-locked session at a window opens with her password.
# (Before, five failures at the kiosk locked the name everywhere for five
# minutes, the locked session's unlock screen included.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 9

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office

# Sveta works at window 1 and has stepped away: her screen is locked.
start w vt100 "$OKNO" --window 1
login w sveta pw-sveta
wait_for w "Window 1 .*free"
ok $? "sveta works at window 1"
keys w l
wait_for w "type your password, or F10 to log out"
ok $? "her screen is locked"

# At the kiosk, eight guesses at sveta's password.
start k vt100 "$OKNO" --kiosk
wait_for k "Choose a service" || bail "no kiosk"
for i in 1 2 3 4 5 6 7 8; do
	keys k '*'
	wait_for k "Staff only" >/dev/null
	login k sveta "guess$i"
	wait_for k "Choose a service" >/dev/null
done
wait_for k "too many wrong passwords at this terminal: try again in 5 s"
ok $? "the kiosk makes the next guess wait"
# A wrong password for anna first, so that the next message is new.
kiosk_try() {
	keys k '*'
	wait_for k "Staff only" >/dev/null
	login k "$1" "$2"
}
kiosk_try anna wrong
wait_line k 23 "^ *wrong login or password *$" >/dev/null
kiosk_try sveta pw-sveta
wait_line k 23 "too many wrong passwords at this terminal"
ok $? "even the right password is refused there during the wait"
tty=$(tmx display-message -p -t main:k '#{pane_tty}')
is "$(sqlite3 "$T/okno.db" "SELECT group_concat(DISTINCT terminal)
    FROM login_events WHERE event = 'failed'")" "$tty" \
    "the failures are logged with the kiosk's terminal ($tty)"

# Elsewhere nothing waits.
start c vt100 "$OKNO" --hall
login c sveta pw-sveta
wait_for c "Queues"
ok $? "sveta logs in at the hall console at once"
typ w pw-sveta
keys w Enter
wait_for w "Waiting for this window"
ok $? "and her locked session at window 1 opens with her password"
is "$(sqlite3 "$T/okno.db" "SELECT count(*) FROM login_events
    WHERE login = 'sveta' AND event = 'ok'")" 3 \
    "each logged, with her first login: 3 successes, none at the kiosk"

# The kiosk still waits: her successes elsewhere are not the kiosk's.
kiosk_try anna wrong
wait_line k 23 "^ *wrong login or password *$" >/dev/null
kiosk_try sveta pw-sveta
wait_line k 23 "too many wrong passwords at this terminal"
ok $? "the kiosk's own wait is not lifted by them"
