#!/bin/sh
# rate-keypad.t: `okno rate --keypad` with okno-sim's keypad: the client
# answers each configured criterion in turn, 0 skips, walking away stores
# what was answered; a visit that cannot be rated is never asked about;
# the ratings then show in the report's CSI and an inspection's evidence.
. "$(dirname "$0")/lib.sh"
plan 28
export OKNO_NOW=2026-12-10T10:00:00+03:00

start_keypad() {	# start_keypad KEYS: a keypad answering KEYS, new log
	sim_stop
	rm -f "$T/keypad.out"
	sim_start keypad keypad --keys "$1"
}
# sim_saw PATTERN: until the keypad's log has a line matching it (30 s):
# okno may exit before the simulator has written what it received.
sim_saw() {
	wait_until 600 grep -q -- "$1" "$T/keypad.out" 2>/dev/null
}
trap 'sim_stop; rm -rf "$T"' EXIT
db() { sqlite3 "$T/okno.db" "$1"; }
visit() {	# visit WINDOW: one visit issued, called and finished there
	"$OKNO" ticket issue pay >/dev/null
	"$OKNO" ticket call "$1" >/dev/null
	"$OKNO" ticket finish "$1" >/dev/null
}

"$OKNO" init >/dev/null || bail "init"
staff ivanova
"$OKNO" window open 1 --manager ivanova >/dev/null
visit 1		# A001, ticket 1
out=$("$OKNO" rate --keypad A001 2>&1); rc=$?
is "$rc" 74 "no keypad configured: exit 74"
like "$out" "no keypad is configured" "says so"

# The keypad answers each question within the timeout, also under ASan
# on a loaded machine; the client who walks away costs one timeout.
cat >> "$T/okno.conf" <<CONF
devices = { keypad = { driver = "digits"; port = "$T/keypad";
                       timeout_ms = 3000; }; };
CONF
out=$("$OKNO" rate --keypad A001 2>&1); rc=$?
is "$rc" 74 "the keypad's port is missing: exit 74"
is "$(db "SELECT device || ' ' || event FROM device_events")" \
    "keypad error" "recorded as the keypad's fault"
start_keypad 5403
like "$("$OKNO" device status)" "keypad: digits on $T/keypad: the port \
answers" "device status probes the keypad"
out=$("$OKNO" rate --keypad A001 2>"$T/err"); rc=$?
is "$rc" 0 "rate --keypad: exit 0"
is "$out" "speed 5
politeness 4
comfort -
info 3" "one line per criterion, the skipped one as -"
is "$(db "SELECT group_concat(criterion || score, ' ') FROM
    (SELECT * FROM ratings WHERE ticket_id = 1 ORDER BY id)")" \
    "speed5 politeness4 info3" "three scores stored, the skip not"
is "$(db "SELECT DISTINCT manager FROM ratings")" ivanova \
    "with the visit's manager"
is "$(db "SELECT group_concat(event, ' ') FROM device_events")" \
    "error ok" "and the keypad's recovery recorded"
sim_saw "^# end"
is "$(grep -c '^? ' "$T/keypad.out")" 4 "four questions asked"
like "$(cat "$T/keypad.out")" "# end" "and the end told"

# The CSI: (0.3 * 5 + 0.3 * 4 + 0.2 * 3) / 0.8 = 4.125, half up: 4.13.
is "$("$OKNO" report --from 2026-12-10 --to 2026-12-10 --feedback --csv |
    grep '^all,all,csi,')" "all,all,csi,1,1,3,4.13,0,0,1,1,1,66.7" \
    "the CSI weighs the criteria that were scored"

# A client who walks away after two answers.
visit 1		# A002
start_keypad 21
out=$("$OKNO" rate --keypad A002 2>"$T/err"); rc=$?
is "$rc" 0 "walking away: the answers given stand"
is "$(db "SELECT count(*) FROM ratings WHERE ticket_id = 2")" 2 \
    "two scores stored"
sim_saw "^# end"
is "$(grep -c '^? ' "$T/keypad.out")" 3 "no question after the unanswered one"

# One who answers nothing: exit 3, nothing stored.
visit 1		# A003
start_keypad ""
out=$("$OKNO" rate --keypad A003 2>"$T/err"); rc=$?
is "$rc" 3 "no score at all: exit 3"
like "$(cat "$T/err")" "no score" "a warning says so"
is "$(db "SELECT count(*) FROM ratings WHERE ticket_id = 3")" 0 \
    "nothing stored"

# A visit that cannot be rated is not put to the client.
"$OKNO" ticket issue pay >/dev/null		# A004, waiting
start_keypad 5555
out=$("$OKNO" rate --keypad A004 2>&1); rc=$?
is "$rc" 1 "a waiting ticket: refused"
like "$out" "only a finished visit" "says why"
sleep 0.2
is "$(grep -c '^? ' "$T/keypad.out")" 0 "the client was not asked"

# Rating again replaces the scores given again, in one transaction.
start_keypad 1111
"$OKNO" rate --keypad 1 >/dev/null
is "$(db "SELECT group_concat(score, '') FROM (SELECT score FROM ratings
    WHERE ticket_id = 1 ORDER BY criterion)")" 1111 \
    "a second survey replaces the first (by id)"

# The ratings show in an inspection's evidence for criterion U7.
OKNO_NOW=2026-12-20T12:00:00+03:00 "$OKNO" inspection add --date 2026-12-20 \
    --kind internal --inspector X --result U7=met >/dev/null
like "$(OKNO_NOW=2026-12-20T12:00:00+03:00 "$OKNO" inspection show 1 |
    tr '\n' ' ' | tr -s ' ')" "visits rated 2 of 3 \(66.7%\), ratings 6," \
    "U7: visits rated and ratings given"

# Line noise is not a rating (issue 18): 8 KB of random bytes (a fixed
# seed) after each question store nothing; framed keys amid noise do.
visit 1		# A004, waiting since above, is called and finished
sim_stop
rm -f "$T/keypad.out"
sim_start keypad keypad --keys "" --noise 8192 --seed 7
out=$("$OKNO" rate --keypad A004 2>"$T/err"); rc=$?
is "$rc" 3 "random bytes on the line: no score, exit 3"
is "$(db "SELECT count(*) FROM ratings WHERE ticket_id = 4")" 0 \
    "nothing stored"
sim_saw "^~ 8192"
ok $? "the keypad sent its noise"
sim_stop
rm -f "$T/keypad.out"
sim_start keypad keypad --keys 2405 --noise 4096
out=$("$OKNO" rate --keypad A004 2>"$T/err"); rc=$?
is "$out" "speed 2
politeness 4
comfort -
info 5" "keys amid noise are still taken"
sim_stop
exit $((tap_failed > 0))
