#!/bin/sh
# ui-hangup.t: a terminal that goes away (an ssh session dropped, a serial
# line's carrier lost, tmux killed) ends its okno: the kiosk, the hall
# view, a window at the login form and a manager logged in at his window
# all exit within seconds, none stays behind spinning on a dead terminal
# (SPEC: no busy loops), and the database is left consistent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 6

export OKNO_NOW=2026-12-30T10:00:00+03:00
# (ui-lib.sh turns LeakSanitizer off under SAN=1: its exit-time check
# spins for ever in a process whose terminal has hung up.)
ui_office
"$OKNO" ticket issue pay >/dev/null

start kiosk xterm "$OKNO" --kiosk
start hall xterm "$OKNO" --hall
start login xterm "$OKNO" --window 2
start anna xterm "$OKNO" --window 1
wait_for kiosk "Choose a service" || bail "the kiosk did not start"
login anna anna pw-anna1
wait_for anna "A001|Window 1|Окно 1" || diag "anna's console did not show"

# The okno under each pane's shell, by the pane's process id.
pids=
for w in kiosk hall login anna; do
	sh=$(tmx display-message -p -t "main:$w" '#{pane_pid}')
	p=$(pgrep -P "$sh" | head -1)
	[ -n "$p" ] && pids="$pids $p"
done
is "$(echo $pids | wc -w | tr -d ' ')" 4 "four okno processes on terminals"

# Every terminal goes at once, as when the tmux server dies.
tmx kill-server 2>/dev/null
left=$pids
i=0
while [ -n "$left" ] && [ $i -lt 300 ]; do
	sleep 0.05
	still=
	for p in $left; do
		kill -0 "$p" 2>/dev/null && still="$still $p"
	done
	left=$still
	i=$((i + 1))
done
is "$left" "" "every okno ended within 15 s of its terminal's hang-up"
for p in $left; do
	diag "$(ps -o pid=,stat=,pcpu=,args= -p "$p")"
	kill -KILL "$p" 2>/dev/null
done

q() { sqlite3 -cmd '.timeout 5000' "$T/okno.db" "$1"; }
is "$(q 'PRAGMA integrity_check')" ok "the database is intact"
is "$(q "SELECT count(*) FROM tickets")" 1 "nothing was issued by the hang-up"
"$OKNO" ticket issue meter >/dev/null
ok $? "the office goes on: a ticket is issued"
"$OKNO" ticket call 1 >/dev/null
ok $? "and window 1 calls"
exit $((tap_failed > 0))
