#!/bin/sh
# queue.sh: cost of one issue+call+finish cycle with 10 000 and 1 000 000
# past tickets (instruction counts by callgrind, and wall time), and the
# start-up time and peak memory of `okno queue --csv` on the large database.
set -u
. "$(dirname "$0")/../lib.sh"

command -v valgrind >/dev/null || echo "valgrind missing: no instruction counts"
NOW=2026-12-30T10:00:00+03:00
export OKNO_NOW=$NOW

# instructions COMMAND...: instructions executed, by callgrind.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
	    >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

cycle_cost() {
	a=$(instructions "$OKNO" ticket issue pay)
	b=$(instructions "$OKNO" ticket call 1)
	c=$(instructions "$OKNO" ticket finish 1)
	echo $((a + b + c))
}

cycle_wall() {	# mean ms of 20 cycles
	s=$(date +%s%N)
	i=0
	while [ $i -lt 20 ]; do
		"$OKNO" ticket issue pay >/dev/null
		"$OKNO" ticket call 1 >/dev/null
		"$OKNO" ticket finish 1 >/dev/null
		i=$((i + 1))
	done
	e=$(date +%s%N)
	echo $(((e - s) / 20 / 1000000))
}

bench_past_tickets 10000
small=$(cycle_cost)
small_ms=$(cycle_wall)
t0=$(date +%s)
LARGE=${OKNO_BENCH_LARGE:-1000000}
bench_past_tickets $LARGE
echo "generated $LARGE past tickets in $(($(date +%s) - t0)) s"
large=$(cycle_cost)
large_ms=$(cycle_wall)
echo "issue+call+finish, 3 processes: 10k past: $small instructions, ${small_ms} ms wall"
echo "issue+call+finish, 3 processes: $LARGE past: $large instructions, ${large_ms} ms wall"
awk -v a="$small" -v b="$large" 'BEGIN { printf "ratio large/10k (instructions): %.3f (target < 1.2)\n", b / a }'

s=$(date +%s%N)
i=0
while [ $i -lt 20 ]; do
	"$OKNO" queue --csv >/dev/null
	i=$((i + 1))
done
e=$(date +%s%N)
echo "okno queue --csv on $LARGE tickets: $(((e - s) / 20000)) us mean start-to-exit (target < 50 ms)"
/usr/bin/time -f '%M' -o "$T/rss" "$OKNO" queue --csv >/dev/null
echo "okno queue --csv peak RSS: $(cat "$T/rss") KiB (target < 8 MB)"
echo "database size with $LARGE tickets: $(du -m "$T/okno.db" | cut -f1) MB"
