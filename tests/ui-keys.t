#!/bin/sh
# ui-keys.t: PC-style keys on a vt100 line.  PuTTY and tmux send
# ESC [ 5 ~ for PgUp, ESC [ 2 1 ~ for F10 and so on, which the vt100
# entry does not know: okno must read such a sequence whole and map it
# (the standard ones) or ignore it (the rest), never act on the digits
# inside it.  The bytes go in raw (send-keys -H), as a terminal sends
# them.  Also the double press of Call: the second, in the same second,
# must not finish the ticket the first one called.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 17

db() { sqlite3 "$T/okno.db" "$1"; }
# raw NAME TEXT: the bytes of TEXT (\033 for ESC) into the pane.
raw() {
	tmx send-keys -t "main:$1" -H $(printf "$2" | od -An -tx1 -v)
}
states() {
	db "SELECT group_concat(number || ':' || status, ' ') FROM
	    (SELECT number, status FROM tickets ORDER BY id)"
}
# The keys that must do nothing at the console or the kiosk: PgUp,
# PgDn, Ins, Del, Home, End (three forms), F11, F12, Ctrl-Up, Shift-F1
# (CSI and SS3 forms), an unknown CSI and SS3 key, a terminal's answer
# to a device attributes query.
NOOP='\033[5~\033[6~\033[2~\033[3~\033[1~\033[4~\033[H\033[F\033[7~\033[8~'
NOOP="$NOOP"'\033OH\033OF\033[23~\033[24~'
NOOP="$NOOP"'\033[1;5A\033[1;2P\033O2P\033[99~\033[?1;2c\033Oz'

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office
for s in pay pay pay; do "$OKNO" ticket issue $s >/dev/null; done
"$OKNO" window open 1 --manager anna >/dev/null
"$OKNO" ticket call 1 >/dev/null
nev=$(db "SELECT count(*) FROM ticket_events")

# The console, a minute later (the call guard is not what is tested
# here); its clock stands still, as the UI's does under OKNO_NOW.
start m vt100 env OKNO_NOW=2026-12-30T10:01:00+03:00 "$OKNO" --window 1
login m anna pw-anna1
wait_for m "Ticket +A001"
ok $? "anna serves A001 at the console on a vt100"
raw m "$NOOP"
raw m '\033OP'		# F1 of the vt100 entry: the help box
wait_for m "F2 2 c +call the next ticket"
ok $? "the sequences were read; F1 (ESC O P) opens the help"
is "$(states)" "A001:called A002:waiting A003:waiting" \
    "PgUp, Del, F12, unknown keys...: no ticket changed"
is "$(db "SELECT count(*) FROM ticket_events")" "$nev" \
    "and no event was recorded"
keys m Space	# closes the help
raw m '\033[21~'		# F10 as PuTTY sends it
wait_for m "finish A001 before you leave"
ok $? "ESC [ 2 1 ~ is F10: leave (refused while A001 is in service)"
raw m '\033[99~'
wait_line m 23 "unknown key"
ok $? "an unknown sequence is said on the message line"
raw m '\033[12~'		# F2: call
wait_for m "called A002"
ok $? "ESC [ 1 2 ~ is F2: Call finishes A001, calls A002"

# A double press: the second Call in the same second is ignored.
raw m '\033[12~'
wait_for m "A002 was called 0 s ago: call ignored"
ok $? "a second Call in the same second is refused on the message line"
is "$(states)" "A001:finished A002:called A003:waiting" \
    "A002 is still in service, A003 still waits"
raw m '\033[99~'
wait_line m 23 "unknown key"
keys m 2
wait_line m 23 "A002 was called 0 s ago: call ignored"
is "$(states)" "A001:finished A002:called A003:waiting" \
    "the digit 2 on a vt100 is refused the same way"
raw m '\033[15~'		# F5: no-show
wait_for m "A002 did not come"
ok $? "ESC [ 1 5 ~ is F5: no-show of A002"

# The kiosk: digits print tickets, so nothing in a sequence may read
# as one.
nt=$(db "SELECT count(*) FROM tickets")
start k vt100 "$OKNO" --kiosk
wait_for k "Choose a service"
ok $? "the ticket terminal on a vt100"
raw k "$NOOP"
raw k '\033OP'
wait_for k "staff: leave the ticket terminal"
ok $? "the sequences were read; F1 opens the help"
is "$(db "SELECT count(*) FROM tickets")" "$nt" \
    "PgUp, F12, unknown keys...: no ticket printed at the kiosk"
keys k Space
raw k '\033[21~'
wait_for k "Staff only"
ok $? "ESC [ 2 1 ~ is F10: leaving asks for a staff login"
keys k Escape
wait_for k "Choose a service"
raw k '\033[15~\033[5~\033[6~\033[24~'
raw k '\033[[A'		# F1 of the linux console
wait_for k "staff: leave the ticket terminal"
is "$(db "SELECT count(*) FROM tickets")" "$nt" \
    "F5, PgUp, PgDn, F12: still no ticket; the linux console's F1 works"
keys k Space
keys k 2
wait_for k "Ticket B001"
ok $? "the digit 2 alone still issues a ticket"
