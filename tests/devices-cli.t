#!/bin/sh
# devices-cli.t: the queue's commands with a simulated printer and board on
# ptys: tickets print, boards follow the database, and no device fault
# ever fails or blocks a command.
. "$(dirname "$0")/lib.sh"
plan 19
export OKNO_NOW=2026-12-30T10:00:00+03:00

trap 'sim_stop; rm -rf "$T"' EXIT
wait_for() {	# wait_for FILE PATTERN: up to 30 s (a pass returns at once)
	i=0
	while ! grep -q -- "$2" "$1" 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.05; i=$((i + 1))
	done
	grep -q -- "$2" "$1"
}
sim_start printer printer
sim_start board board --driver dmd
conf_devices "$T/printer" "$T/board"
"$OKNO" init >/dev/null

is "$("$OKNO" ticket issue pay 2>"$T/err")" A001 "ticket issued with a printer"
is "$(cat "$T/err")" "" "no warning"
wait_for "$T/printer.out" 'A001'; ok $? "the printer printed A001"
wait_for "$T/printer.out" 'cut'; ok $? "and cut the paper"
"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket call 1 >/dev/null 2>"$T/err"
is "$(cat "$T/err")" "" "call: no warning"
wait_for "$T/board.out" '>A001'; ok $? "the board shows A001, marked newest"
"$OKNO" ticket call 2 >/dev/null
wait_for "$T/board.out" '>A002'; ok $? "then A002 on top"

# Two processes call at once, many times: the board ends on the database.
# Both are waited for (each has sent its last frame when it exits); then
# the simulator shows that last frame once the line has been quiet.  A
# minute between a window's calls: one within seconds of the last is
# refused as a double press.
for i in 1 2 3 4 5 6; do "$OKNO" ticket issue meter >/dev/null; done
( for i in 1 2 3; do OKNO_NOW=2026-12-30T10:0$i:00+03:00 \
    "$OKNO" ticket call 1 >/dev/null; done ) &
c1=$!
( for i in 1 2 3; do OKNO_NOW=2026-12-30T10:0$i:00+03:00 \
    "$OKNO" ticket call 2 >/dev/null; done ) &
c2=$!
wait $c1 $c2
last=$(sqlite3 -cmd '.timeout 5000' "$T/okno.db" "SELECT t.number FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.event = 'called' ORDER BY e.at DESC, e.id DESC LIMIT 1")
top() { grep '^|>' "$T/board.out" | tail -1 | sed 's/^|>\([A-Z0-9]*\).*/\1/'; }
i=0
while [ "$(top)" != "$last" ] && [ $i -lt 600 ]; do
	sleep 0.05; i=$((i + 1))
done
is "$(top)" "$last" "after concurrent calls the board shows the last call ($last)"

sim_stop
# Faults: paper end, no answer, absent.
sim_start printer printer --fault paper-end
num=$("$OKNO" ticket issue pay 2>"$T/err"); rc=$?
is "$rc" 0 "paper end: ticket issue still exits 0"
like "$num" '^A[0-9]{3}$' "and prints the number ($num)"
like "$(cat "$T/err")" 'warning: printer: .*paper' "the warning says paper"
is "$(sqlite3 "$T/okno.db" "SELECT d.event FROM device_events d JOIN tickets t ON t.id = d.ticket_id WHERE d.device = 'printer' AND t.number = '$num' AND t.day = '2026-12-30'")" \
    paper-end "the fault is a device event tied to the ticket"
sim_stop
sim_start printer printer --fault no-answer
conf_devices "$T/printer" "$T/board" 300
num=$("$OKNO" ticket issue pay 2>"$T/err"); rc=$?
is "$rc.$num" "0.$num" "no status answer: issued"
like "$num" '^A[0-9]{3}$' "number printed"
sim_stop
rm -f "$T/printer" "$T/board"
start=$(date +%s%N)
num=$("$OKNO" ticket issue pay 2>"$T/err"); rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
is "$rc" 0 "printer and board absent: exit 0"
like "$num" '^A[0-9]{3}$' "number printed"
like "$(cat "$T/err")" 'warning: printer' "printer warning on stderr"
ok $([ $ms -lt 3000 ] && echo 0 || echo 1) "and it did not hang (${ms} ms)"
OKNO_NOW=2026-12-30T10:04:00+03:00 "$OKNO" ticket call 1 >/dev/null 2>"$T/err"
like "$(cat "$T/err")" 'warning: board' "board absent: a warning, the call happens"
