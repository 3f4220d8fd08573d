#!/bin/sh
# voice.sh: time from `okno ticket call` start to the first sound frame
# the card receives (ALSA's file plugin into a FIFO read by
# tests/sound-tool.pl, as in tests/sound.t), and the time the call
# itself takes while its phrase plays.
set -u
. "$(dirname "$0")/../lib.sh"
VOICE="$OKNO_BUILD/voice/ru"
[ -s "$VOICE/chime.wav" ] || { echo "no voice library: skipped"; exit 0; }
TOOL="perl $SRC/tests/sound-tool.pl"
alsa_fifo
sound_conf ""
: > "$T/out.raw"
$TOOL record "$T/fifo" "$T/out.raw" "$T/first" &
rec=$!
trap 'kill $rec 2>/dev/null; rm -rf "$T"' EXIT
"$OKNO" init >/dev/null
"$OKNO" window open 1 >/dev/null
n=5; i=0; first=0; call=0
while [ $i -lt $n ]; do
	"$OKNO" ticket finish 1 >/dev/null 2>&1
	"$OKNO" ticket issue pay >/dev/null
	rm -f "$T/first"
	# The recorder notes only its first byte: start it afresh.
	kill $rec; wait $rec 2>/dev/null
	$TOOL record "$T/fifo" "$T/out.raw" "$T/first" &
	rec=$!
	s=$($TOOL now)
	"$OKNO" ticket call 1 >/dev/null
	e=$($TOOL now)
	while [ ! -s "$T/first" ]; do sleep 0.01; done
	f=$(cat "$T/first")
	first=$(perl -e 'print $ARGV[0] + ($ARGV[2] - $ARGV[1]) * 1000' \
	    "$first" "$s" "$f")
	call=$(perl -e 'print $ARGV[0] + ($ARGV[2] - $ARGV[1]) * 1000' \
	    "$call" "$s" "$e")
	# The phrase is long gone before the next call (the repeated-call
	# guard wants 5 s between a window's calls, OKNO_NOW does not).
	i=$((i + 1))
	export OKNO_NOW=$(date -d "@$(( $(date +%s) + i * 10 ))" -Iseconds)
done
echo "voice: call start to first sound frame: $(perl -e 'printf "%.0f", $ARGV[0] / $ARGV[1]' "$first" "$n") ms (mean of $n)"
echo "voice: the call itself: $(perl -e 'printf "%.0f", $ARGV[0] / $ARGV[1]' "$call" "$n") ms (mean of $n)"
