#!/bin/sh
# board.sh: time from `okno ticket call` start to the board's last byte
# (seen by the simulator), next to the pure transfer time of the frame's
# bytes at the configured baud rate.
set -u
. "$(dirname "$0")/../lib.sh"
command -v strace >/dev/null || { echo "strace missing: skipped"; exit 0; }
export OKNO_NOW=2026-12-30T10:00:00+03:00
"$OKNO_BUILD/okno-sim" board --driver dmd --link "$T/board" \
    --out "$T/board.out" > "$T/board.path" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -rf "$T"' EXIT
while [ ! -s "$T/board.path" ]; do sleep 0.05; done
cat >> "$T/okno.conf" <<CONF
devices = { board = { driver = "dmd"; port = "$T/board"; baud = 9600; }; };
CONF
"$OKNO" init >/dev/null
frames() { cat "$T/board.out" 2>/dev/null | grep -c '^# dmd'; }
for d in dmd; do
	total=0; n=10; i=0
	while [ $i -lt $n ]; do
		"$OKNO" ticket issue pay >/dev/null
		frames=$(frames)
		s=$(date +%s%N)
		"$OKNO" ticket call 1 >/dev/null
		while [ "$(frames)" -le "$frames" ]; do
			:
		done
		e=$(date +%s%N)
		total=$((total + (e - s) / 1000))
		i=$((i + 1))
	done
	"$OKNO" ticket issue pay >/dev/null
	strace -f -e trace=write -o "$T/strace" "$OKNO" ticket call 1 >/dev/null
	# Bytes written to descriptors other than stdout and stderr.
	bytes=$(awk -F'= ' '/^[0-9]+ +write\([3-9]|^[0-9]+ +write\([1-9][0-9]/ { s += $NF } END { print s + 0 }' "$T/strace")
	echo "$d board, 9600 baud: call start to last board byte: $((total / n / 1000)) ms (mean of $n)"
	echo "$d board: frame $bytes bytes; pure transfer at 9600 8N1: $((bytes * 10 * 1000 / 9600)) ms"
done
