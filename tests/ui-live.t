#!/bin/sh
# ui-live.t: every terminal is its own process; a change made elsewhere
# (the command line, another window) shows on a manager's screen within a
# second, through PRAGMA data_version polling.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 6

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office

# ms_until NAME ERE: milliseconds until the screen matches (max 3 s).
ms_until() {
	t0=$(date +%s%N)
	wait_for "$1" "$2" 30 >&2 || { echo 99999; return; }
	echo $((($(date +%s%N) - t0) / 1000000))
}

start m1 xterm-256color "$OKNO" --window 1
start m2 xterm-256color "$OKNO" --window 2
login m1 anna pw-anna1
login m2 boris pw-boris
wait_for m1 "Window 1 .*free" && wait_for m2 "Window 2 .*free"
ok $? "two managers at windows 1 and 2"

"$OKNO" ticket issue pay >/dev/null
ms=$(ms_until m2 "Оплата и счета +1 ")
ok $([ "$ms" -le 1000 ]; echo $?) \
    "a ticket issued at the command line shows at window 2 in ${ms} ms"
ms=$(ms_until m1 "Оплата и счета +1 ")
ok $([ "$ms" -le 1000 ]; echo $?) "and at window 1 (${ms} ms)"

keys m1 F2
wait_for m1 "Ticket +A001"
ok $? "window 1 calls A001"
ms=$(ms_until m2 "Оплата и счета +0$")
ok $([ "$ms" -le 1000 ]; echo $?) \
    "window 2 sees the queue shrink in ${ms} ms"

# An idle console sleeps in its blocking read: CPU time over 3 s of
# idling stays within a few ticks (clock ticks of 10 ms).
pid=$(pgrep -f -n -- "$OKNO --window 2")
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
c0=$(cpu "$pid")
sleep 3
c1=$(cpu "$pid")
ok $([ $((c1 - c0)) -le 3 ]; echo $?) \
    "an idle console used $((c1 - c0)) clock ticks in 3 s"
