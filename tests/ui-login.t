#!/bin/sh
# ui-login.t: logging in: five wrong passwords lock the login for five
# minutes (even the right one is refused then); roles choose what opens.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 11

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office

start h vt100 "$OKNO" --hall
login h sveta wrong1
wait_for h "wrong login or password"
ok $? "a wrong password is refused"
for i in 2 3 4 5; do
	typ h "wrong$i"
	keys h Enter
done
wait_for h "locked for 5 more min"
ok $? "the fifth wrong password locks the login"
typ h pw-sveta
keys h Enter
sleep 0.3
wait_for h "locked for 5 more min"
ok $? "the right password is refused while locked"
is "$(sqlite3 "$T/okno.db" "SELECT group_concat(event, ',') FROM
    (SELECT event FROM login_events ORDER BY id)")" \
    "failed,failed,failed,failed,failed" \
    "the attempts are logged; a refusal before the check is not counted"

# The lock is five minutes on the clock: a process five minutes later
# lets sveta in.  (The new window opens before the old one goes: killing
# a session's last window ends the tmux server, and a loaded machine then
# raced the next start against the dying server.)
start h2 vt100 env OKNO_NOW=2026-12-30T10:05:00+03:00 "$OKNO" --hall
tmx kill-window -t main:h
login h2 sveta pw-sveta
wait_for h2 "Queues"
ok $? "five minutes later the supervisor opens the hall view"

start m vt100 "$OKNO" --hall
login m anna pw-anna
wait_for m "only a supervisor or an auditor"
ok $? "a manager may not open the hall view"
start w vt100 "$OKNO" --window 1
login w sveta pw-sveta
wait_for w "Window 1 .*free"
ok $? "a supervisor may work at a window"

# The lock: l locks at once (the idle lock does the same after ui.idle_lock
# minutes); nothing of the work shows until the same password is typed.
keys w l
wait_for w "Screen locked"
ok $? "l locks the screen"
# Look once the lock's key bar, the frame's last line, is drawn: in a
# frame half drawn a console line not yet overdrawn would still show.
wait_for w "type your password, or F10 to log out" >/dev/null
s=$(screen w)
ok $(printf '%s\n' "$s" | grep -q "Waiting for this window"; echo $((!$?))) \
    "the console is hidden behind the lock"
typ w wrong
keys w Enter
wait_for w "wrong login or password"
ok $? "a wrong password keeps it locked"
typ w pw-sveta
keys w Enter
wait_for w "Waiting for this window"
ok $? "the right one unlocks"
