#!/bin/sh
# sound.t: calls said in the hall, heard through ALSA's own file output:
# an ALSA configuration (ALSA_CONFIG_PATH) whose default device is the
# `file` plugin over a `null` slave, writing into a FIFO that
# tests/sound-tool.pl reads like a sound card.  The recorded sound of a
# call is exactly its fragments one after another; calls from several
# processes at once play whole, one after another; a call returns while
# its sound cannot play yet; a missing card is a warning and a device
# event, and the call stands.
. "$(dirname "$0")/lib.sh"
VOICE="$OKNO_BUILD/voice/ru"
[ -s "$VOICE/chime.wav" ] || bail "no voice library in $VOICE (make all)"
plan 33
TOOL="perl $SRC/tests/sound-tool.pl"
DB="$T/okno.db"

alsa_fifo

cp "$T/okno.conf" "$T/silent.conf"	# the same office without sound
rec=
rec_start() {	# the "sound card" plays from now on, into $T/out.raw
	: > "$T/out.raw"
	rm -f "$T/first"
	$TOOL record "$T/fifo" "$T/out.raw" "$T/first" &
	rec=$!
}
rec_stop() { [ -z "$rec" ] || { kill "$rec"; wait "$rec" 2>/dev/null; rec=; }; }
lock="$DB.sound-lock"
cleanup() {
	rec_stop
	# A player left waiting for the card (a failed check) is let go.
	if [ -e "$lock" ] && ! flock -n "$lock" true; then
		timeout 20 cat "$T/fifo" > /dev/null
	fi
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
q() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }
# wait_played N: N announcements played and the player gone (30 s).
wait_played() {
	i=0
	while [ $i -lt 600 ]; do
		if [ "$(q "SELECT count(*) FROM announcements
		    WHERE state = 'played'")" -ge "$1" ] &&
		    flock -n "$lock" true; then
			return 0
		fi
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
# wait_size FILE BYTES: the recorder has read that much (30 s).
wait_size() {
	i=0
	while [ "$(stat -c %s "$1")" -lt "$2" ] && [ $i -lt 600 ]; do
		sleep 0.05; i=$((i + 1))
	done
}
# The fragments of "клиент LETTER-N, окно W" for N and W below 20.
call_frags() { echo "chime client letter-$1 num-$2 window num-$3"; }
same_sound() {	# same_sound FILE FRAGMENTS DESCRIPTION
	$TOOL expect "$VOICE" $2 > "$T/want.raw"
	wait_size "$1" "$(stat -c %s "$T/want.raw")"
	cmp -s "$1" "$T/want.raw"
	ok $? "$3"
}

sound_conf ""
"$OKNO" init >/dev/null || bail "init"
like "$("$OKNO" check-config)" "Sound: alsa on default, volume 100%, voice $VOICE" \
    "check-config summarises devices.sound"
for w in 1 2 3 4; do "$OKNO" window open $w >/dev/null || bail "open $w"; done

# 1. A call is said: the recording is the fragments, nothing else.
rec_start
"$OKNO" ticket issue pay >/dev/null
out=$("$OKNO" ticket call 1 2>"$T/err"); st=$?
is "$st:$out" "0:A001" "the call is made"
is "$(cat "$T/err")" "" "no warning when the card plays"
wait_played 1; ok $? "the announcement is played"
same_sound "$T/out.raw" "$(call_frags a 1 1)" \
    "the sound of the call is chime, клиент, а, один, окно, один"

# 2. okno announce: "Клиент А-семнадцать, окно три", played when it returns.
: > "$T/out.raw"
"$OKNO" announce A017 3 2>"$T/err"; st=$?
is "$st:$(cat "$T/err")" "0:" "okno announce A017 3 plays without a warning"
same_sound "$T/out.raw" "$(call_frags a 17 3)" \
    "its sound is клиент А-семнадцать, окно три"
: > "$T/out.raw"
"$OKNO" announce B121 12 2>/dev/null
same_sound "$T/out.raw" "chime client letter-b num-100 num-20 num-1 window num-12" \
    "B121 at window 12 is бэ-сто двадцать один, окно двенадцать"
"$OKNO" announce 17 3 2>/dev/null; is $? 64 "a number without a prefix is a usage error"

# 3. A recall is said again.
: > "$T/out.raw"
"$OKNO" ticket recall 1 >/dev/null 2>&1
wait_played 2; ok $? "the recall is played"
same_sound "$T/out.raw" "$(call_frags a 1 1)" "the recall sounds as the call"

# 4. Four terminals call at once: four whole phrases, one after another,
# in the order the calls were queued.
: > "$T/out.raw"
"$OKNO" ticket finish 1 >/dev/null 2>&1	# its call was a moment ago
"$OKNO" ticket issue meter >/dev/null
"$OKNO" ticket issue contract >/dev/null
"$OKNO" ticket issue complaint >/dev/null
"$OKNO" ticket issue pay >/dev/null
pids=
for w in 1 2 3 4; do
	"$OKNO" ticket call $w > "$T/call$w" 2>&1 &
	pids="$pids $!"
done
wait $pids	# not the recorder
got=$(cat "$T/call1" "$T/call2" "$T/call3" "$T/call4" | sort | tr '\n' ' ')
is "$got" "A002 B001 D001 H001 " "four windows call at once"
wait_played 6; ok $? "four more announcements are played"
frags=
for row in $(q "SELECT number || ':' || window FROM announcements
    WHERE id > 2 ORDER BY id"); do
	n=${row%%:*}; w=${row#*:}
	l=$(echo "${n%%[0-9]*}" | tr A-Z a-z)
	frags="$frags $(call_frags "$l" "$(echo "${n#?}" | sed 's/^0*//')" "$w")"
done
is "$(echo $frags | wc -w)" 24 "the spool holds the four calls"
same_sound "$T/out.raw" "$frags" \
    "the recording is the four phrases whole, in the spool's order"

# 5. The call never waits for the sound: with the card not playing (no
# reader on the FIFO, so the player waits in the middle of its phrase),
# the call returns as fast as the same call in an office without sound.
rec_stop
"$OKNO" ticket finish 1 >/dev/null 2>&1
"$OKNO" ticket finish 2 >/dev/null 2>&1
"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket issue pay >/dev/null
t0=$($TOOL now)
OKNO_CONFIG="$T/silent.conf" "$OKNO" ticket call 2 >/dev/null 2>&1
t1=$($TOOL now)
out=$("$OKNO" ticket call 1 2>"$T/err"); st=$?
t2=$($TOOL now)
is "$st:$out" "0:A004" "the call is made while the card cannot play"
is "$(q "SELECT state FROM announcements WHERE number = 'A004'")" waiting \
    "when it returns, its sound has not played"
diag "call without sound $(perl -e 'printf "%.3f", $ARGV[1] - $ARGV[0]' "$t0" "$t1") s, with its sound waiting $(perl -e 'printf "%.3f", $ARGV[1] - $ARGV[0]' "$t1" "$t2") s"
is "$(perl -e 'print $ARGV[3] - $ARGV[2] <= $ARGV[1] - $ARGV[0] + 1.5 ?
    1 : 0' "$t0" "$t1" "$t1" "$t2")" 1 \
    "the call takes about the time of a call without sound"
rec_start
wait_played 8; ok $? "once the card plays, the announcements are played"
# The silent office's call is said too: whoever queues takes every call
# of the last minute not yet said.
same_sound "$T/out.raw" "$(call_frags a 3 2) $(call_frags a 4 1)" \
    "whole, the call of the office without sound first"

# 6. Quiet hours: the call is queued as quiet and not said; a person's
# okno announce still plays.
sound_conf 'quiet = "20:00-08:00";'
: > "$T/out.raw"
"$OKNO" ticket finish 1 >/dev/null 2>&1
"$OKNO" ticket issue pay >/dev/null
OKNO_NOW="$(TZ=Europe/Moscow date +%F)T21:00:00+03:00" \
    "$OKNO" ticket call 1 >/dev/null 2>&1
is "$(q "SELECT state FROM announcements WHERE number = 'A005'")" quiet \
    "a call in the quiet hours is not said"
"$OKNO" announce A005 1 2>/dev/null
same_sound "$T/out.raw" "$(call_frags a 5 1)" \
    "okno announce plays in the quiet hours"

# 7. No card: a warning and a device event; the call stands.
sound_conf 'device = "nosuch";'
"$OKNO" ticket finish 1 >/dev/null 2>&1
"$OKNO" ticket issue pay >/dev/null
out=$("$OKNO" ticket call 1 2>"$T/err"); st=$?
is "$st:$out" "0:A006" "with no card the call is made, exit 0"
like "$(cat "$T/err")" "^okno: warning: sound: sound device nosuch: " \
    "a warning names the card"
is "$("$OKNO" windows --csv | grep '^1,' | cut -d, -f1-3)" "1,serving,A006" \
    "the window serves the ticket"
is "$(q "SELECT device || ' ' || event FROM device_events
    ORDER BY id DESC LIMIT 1")" "sound error" "a device event is recorded"
is "$(q "SELECT state FROM announcements WHERE number = 'A006'")" failed \
    "the announcement is marked failed"
"$OKNO" device status > "$T/status" 2>&1; st=$?
like "$(cat "$T/status")" "sound: alsa on nosuch: " "device status checks the card"
is "$st:$(grep "^sound's" "$T/status")" "1:sound's last recorded event: error" \
    "and shows its last event"
"$OKNO" announce A006 1 2>"$T/err"; st=$?
is "$st" 0 "okno announce with no card: exit 0"
like "$(cat "$T/err")" "^okno: warning: sound: " "with a warning"

# 8. The test phrase.
sound_conf ""
: > "$T/out.raw"
out=$("$OKNO" device test sound 2>&1); st=$?
is "$st:$out" "0:sound: test phrase played" "okno device test sound plays"
same_sound "$T/out.raw" "chime test" "its sound is chime, проверка звука"
exit $((tap_failed > 0))
