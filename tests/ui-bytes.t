#!/bin/sh
# ui-bytes.t: the bytes a call-next sends down a slow line stay within the
# budget (issue 19: at or under what the console sent before the visits,
# undo and supervisor work).  A manager's console at 80x24 on a vt100 at
# 9600 baud in ru_RU.UTF-8: finish, then call, six times; pipe-pane records
# every byte okno writes, and the call's share is measured.
#
# Bytes, not time: with OKNO_NOW fixed nothing on the screen ticks, so the
# count depends only on what okno draws (and ncurses' choices for this
# terminal and speed).  Measured on 2026-12-03: 231 before those issues,
# 232 after them; the budget leaves a few bytes for rounding, not a line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"

have_locale ru_RU.UTF-8 UTF-8 ||
    skip_all "locale ru_RU.UTF-8 missing (apt-get install locales)"
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
BUDGET=240
ROUNDS=6
plan 3

export OKNO_NOW=2026-12-30T10:00:00+03:00
ui_office
i=0
while [ $i -lt 12 ]; do
	"$OKNO" ticket issue pay >/dev/null || bail "ticket issue"
	"$OKNO" ticket issue meter >/dev/null || bail "ticket issue"
	i=$((i + 1))
done

out="$T/line.out"
: > "$out"
# The pane's line runs at 9600 baud, as a serial terminal's would: ncurses
# weighs a clear-to-end-of-line's padding against the spaces it saves at
# the line's speed.
cat > "$T/run.sh" <<EOS
stty ispeed 9600 ospeed 9600
exec env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" "$OKNO" --window 1
EOS
start c vt100 sh "$T/run.sh"
tmx pipe-pane -t main:c -o "cat >> '$out'"
login c anna pw-anna1
wait_for c "Окно 1 .*свободно"
ok $? "anna's console, window 1 free"

size() { stat -c %s "$out"; }
# settled: the file has not grown for half a second (what the last key
# drew has all been written; the clock is fixed, so nothing else comes).
settled() {
	local a b
	a=$(size)
	sleep 0.5
	b=$(size)
	[ "$a" = "$b" ]
}
wait_until 600 settled || bail "the screen never settles"

total=0 i=1 fails=0
while [ $i -le $ROUNDS ]; do
	if [ $i -gt 1 ]; then
		fkey c vt100 4
		wait_for c "обслужен" || fails=$((fails + 1))
		wait_until 600 settled
	fi
	before=$(size)
	fkey c vt100 2
	# Called alternately: A001, B001, A002 ...
	if [ $((i % 2)) = 1 ]; then
		want=$(printf 'A%03d' $(((i + 1) / 2)))
	else
		want=$(printf 'B%03d' $((i / 2)))
	fi
	wait_for c "вызван $want" || fails=$((fails + 1))
	wait_until 600 settled
	n=$(($(size) - before))
	diag "call $i ($want): $n bytes"
	total=$((total + n))
	i=$((i + 1))
done
is "$fails" 0 "six rounds of finish and call"
mean=$((total / ROUNDS))
ok $(test "$mean" -le "$BUDGET"; echo $?) \
    "a call-next sends $mean bytes on average (budget $BUDGET)"
