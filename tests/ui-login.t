#!/bin/sh
# ui-login.t: logging in: wrong passwords make the next try at that
# terminal wait (even the right one is refused then) while other
# terminals let the user in; roles choose what opens; the idle lock takes
# only the user's password, and a few wrong ones end the session.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 14

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office

# Two runs of okno on one terminal (the same tty), the second five
# seconds later on the clock: the wait is per terminal and on the clock.
cat > "$T/twice" <<EOS
#!/bin/sh
"$OKNO" --hall
OKNO_NOW=2026-12-30T10:00:05+03:00 exec "$OKNO" --hall
EOS
chmod +x "$T/twice"
start h xterm "$T/twice"
login h sveta wrong1
wait_for h "wrong login or password"
ok $? "a wrong password is refused"
for i in 2 3; do
	typ h "wrong$i"
	keys h Enter
done
wait_for h "wrong login or password: try again in 5 s"
ok $? "the third wrong password makes the next try wait 5 s"
typ h pw-sveta
keys h Enter
wait_for h "too many wrong passwords at this terminal:" &&
    wait_for h "^ *│ +try again in 5 s +│"
ok $? "the right password is refused during the wait"
is "$(sqlite3 "$T/okno.db" "SELECT group_concat(event, ',') FROM
    (SELECT event FROM login_events ORDER BY id)")" \
    "failed,failed,failed" \
    "the attempts are logged; a refusal before the check is not counted"

start h2 vt100 "$OKNO" --hall
login h2 sveta pw-sveta
wait_for h2 "Queues"
ok $? "at another terminal the supervisor logs in at once"

# F10 leaves the first run; the second, five seconds later, lets her in.
keys h F10
login h sveta pw-sveta
wait_for h "Queues"
ok $? "five seconds later the same terminal lets her in"

start m vt100 "$OKNO" --hall
login m anna pw-anna1
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
wait_for w "wrong password \\(4 more wrong ones end the session\\)"
ok $? "a wrong password keeps it locked, and says what more would do"
typ w pw-sveta
keys w Enter
wait_for w "Waiting for this window"
ok $? "the right one unlocks"

# Guessing at the lock: five wrong passwords end the session, and the
# login screen at this terminal then waits.
keys w l
wait_for w "type your password, or F10 to log out" >/dev/null
for i in 1 2 3 4 5; do
	typ w "guess$i"
	keys w Enter
	[ $i -lt 5 ] && wait_for w "\\($((5 - i)) more wrong" >/dev/null
done
wait_for w "too many wrong passwords: logged out"
ok $? "five wrong passwords at the lock end the session"
login w sveta pw-sveta
wait_for w "too many wrong passwords at this terminal:" &&
    wait_for w "^ *│ +try again in 20 s +│"
ok $? "and the login screen there then waits"
