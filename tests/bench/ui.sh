#!/bin/sh
# ui.sh: what the terminal UI costs a slow line and an old PC: bytes sent
# to the terminal per call-next at 80x24 (vt100 and xterm-256color), bytes
# per idle minute, CPU seconds of an idle console in 60 s, peak memory.
#
# okno runs in tmux; pipe-pane copies every byte the program writes to
# its terminal into a file, which is what a serial line would carry.
# Set OKNO_BENCH_IDLE=SECONDS to shorten the idle measurement (60).
set -u
: "${OKNO_SRC:=$(cd "$(dirname "$0")/../.." && pwd)}"
export OKNO_SRC
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../ui-lib.sh" 2>/dev/null || exit 0
IDLE=${OKNO_BENCH_IDLE:-60}

"$OKNO" init >/dev/null
echo pw-secret | "$OKNO" user add anna --role manager
NOW=2026-12-30T10:00:00+03:00
for i in $(seq 1 12); do
	OKNO_NOW=$NOW "$OKNO" ticket issue pay >/dev/null
	OKNO_NOW=$NOW "$OKNO" ticket issue meter >/dev/null
done

size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# settle FILE: waits until nothing more is written for 0.4 s.
settle() {
	last=-1
	while [ "$(size "$1")" != "$last" ]; do
		last=$(size "$1")
		sleep 0.4
	done
}

# callnext TERM N K: mean bytes of N call-next rounds on a console, the
# first calling the K-th ticket of the day (A001, B001, A002 ...).
callnext() {
	local term=$1 rounds=$2 k=$3 out="$T/out-$1" first total i before want
	: > "$out"
	# At 9600 baud, as a serial terminal line: ncurses weighs padding
	# against the bytes it saves at the line's speed.
	start "c-$term" "$term" sh -c "stty ispeed 9600 ospeed 9600; exec \
	    env OKNO_NOW=$NOW '$OKNO' --window 1"
	tmx pipe-pane -t "main:c-$term" -o "cat >> '$out'"
	login "c-$term" anna pw-secret
	wait_for "c-$term" "Window 1 .*free" >/dev/null
	settle "$out"
	first=$(size "$out")
	total=0 i=1
	while [ $i -le "$rounds" ]; do
		# Finish first: a second call within seconds of the last
		# asks "call again?" (the double-press guard).
		if [ $i -gt 1 ]; then
			fkey "c-$term" "$term" 4
			wait_for "c-$term" "finished" >/dev/null
			settle "$out"
		fi
		before=$(size "$out")
		fkey "c-$term" "$term" 2
		# Issued alternately: A001, B001, A002, B002 ...
		if [ $(((i + k - 1) % 2)) = 1 ]; then
			want=$(printf 'A%03d' $(((i + k) / 2)))
		else
			want=$(printf 'B%03d' $(((i + k - 1) / 2)))
		fi
		wait_for "c-$term" "called $want" >/dev/null
		settle "$out"
		total=$((total + $(size "$out") - before))
		i=$((i + 1))
	done
	fkey "c-$term" "$term" 4	# finish the last one: window free
	settle "$out"
	echo "$term: first screen after login: $first bytes"
	echo "$term: call-next at 80x24: $((total / rounds)) bytes mean of" \
	    "$rounds" \
	    "(target <= 240, tests/ui-bytes.t)"
	tmx pipe-pane -t "main:c-$term"
	tmx kill-window -t "main:c-$term"
}

callnext vt100 10 1
"$OKNO" window close 1 >/dev/null 2>&1
callnext xterm-256color 10 11
"$OKNO" window close 1 >/dev/null 2>&1

# Idle: the real clock, a free window; only the header clock changes.
out="$T/out-idle"
: > "$out"
start idle vt100 "$OKNO" --window 1
tmx pipe-pane -t main:idle -o "cat >> '$out'"
login idle anna pw-secret
wait_for idle "Window 1 .*free" >/dev/null
settle "$out"
pid=$(pgrep -n -f -- "$OKNO --window 1")
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
b0=$(size "$out")
c0=$(cpu "$pid")
sleep "$IDLE"
b1=$(size "$out")
c1=$(cpu "$pid")
hz=$(getconf CLK_TCK)
echo "idle console (window free), $IDLE s: $((b1 - b0)) bytes written"
awk -v t=$((c1 - c0)) -v hz="$hz" -v s="$IDLE" 'BEGIN {
	printf "idle console CPU in %d s: %.2f s\n", s, t / hz }'
# Serving: the service time ticks every second as well.
fkey idle vt100 2
wait_for idle "called [AB]" >/dev/null
settle "$out"
b0=$(size "$out")
sleep 20
b1=$(size "$out")
echo "console serving a ticket (seconds ticking): $(((b1 - b0) * 3))" \
    "bytes per minute (20 s measured)"
echo "console peak resident memory: $(awk '/VmHWM/ { print $2, $3 }' \
    "/proc/$pid/status")"
