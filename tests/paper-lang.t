#!/bin/sh
# paper-lang.t: paper and boards speak the branch's language (issue 19,
# item 8; okno.conf(5) branch.language): a ticket issued under LANG=C and
# LC_ALL=C, with a LANGUAGE that says English, prints Russian on the
# simulated ESC/POS printer (read from the bytes it received, CP866), and
# so does the appeal slip and the board; the command's own messages keep
# the process's locale.  And the ticket of a service no open window serves
# says so instead of a wait (item 6).
. "$(dirname "$0")/lib.sh"
[ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] ||
    skip_all "no Russian catalogue built"
plan 14
export OKNO_NOW=2026-12-30T10:00:00+03:00
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"

trap 'sim_stop; rm -rf "$T"' EXIT
waitf() {	# waitf FILE PATTERN: up to 30 s (a pass returns at once)
	wait_until 600 grep -q -- "$2" "$1" 2>/dev/null
}
sim_start printer printer
sim_start board board --driver dmd
conf_devices "$T/printer" "$T/board"
"$OKNO" init >/dev/null || bail "init"
# As cron or a hardware button's script runs it.
c() { env -i PATH="$PATH" OKNO_CONFIG="$OKNO_CONFIG" OKNO_NOW="$OKNO_NOW" \
    OKNO_LOCALEDIR="$OKNO_LOCALEDIR" LANG=C LC_ALL=C LANGUAGE=en \
    "$OKNO" "$@"; }

# Window 3 (recalc only) is open: nobody serves pay.
c window open 3 >/dev/null || bail "window open"
is "$(c ticket estimate pay)" \
    "0 ahead, no open window serves this service now" \
    "LC_ALL=C: the estimate speaks the process's English, no 0 min"
is "$(c ticket issue pay 2>"$T/err")" A001 "LC_ALL=C: A001 issued"
is "$(cat "$T/err")" "" "no warning"
waitf "$T/printer.out" "cut"
out=$(cat "$T/printer.out")
like "$out" "Ваш номер" "the ticket says Ваш номер"
like "$out" "Перед вами: 0" "Перед вами: 0"
like "$out" "Сейчас эту услугу никто не обслуживает" \
    "no one serves pay now, it says"
printf '%s\n' "$out" | grep -Eq "Your|People|Estimated|Ожидание"
ok $((!$?)) "no English, and no wait promised"

# An open window for pay: the wait comes back.
: >"$T/printer.out"
c window open 1 >/dev/null || bail "window open"
is "$(c ticket issue pay)" A002 "window 1 open: A002"
waitf "$T/printer.out" "cut"
like "$(cat "$T/printer.out")" "Ожидание: около [0-9]+ мин" \
    "its ticket has the wait, in Russian"

# The board's text.
c ticket call 1 >/dev/null
waitf "$T/board.out" "A001"
like "$(cat "$T/board.out")" "окно 1" "the board says окно 1"

# The appeal slip.
: >"$T/printer.out"
reg=$(c appeal add --kind complaint --channel in_person \
    --client-type individual --name "Иванов" --topic "t" --print)
waitf "$T/printer.out" "cut"
like "$(cat "$T/printer.out")" "Рег. номер: $reg" \
    "the slip: Рег. номер $reg"

# branch.language = "en": English paper.
sed -i 's/^\( *language = \).*/\1"en";/' "$T/okno.conf"
: >"$T/printer.out"
c ticket issue pay >/dev/null
waitf "$T/printer.out" "cut"
like "$(cat "$T/printer.out")" "Your number" "branch.language = en: Your number"

# A language that is not one.
sed -i 's/^\( *language = \).*/\1"ru.UTF-8";/' "$T/okno.conf"
out=$(c check-config 2>&1); rc=$?
is "$rc" 78 "language = ru.UTF-8: exit 78"
like "$out" "okno.conf:[0-9]+: language \"ru.UTF-8\"" "FILE:LINE: message"
