#!/bin/sh
# ui-locale.t: the UI in Russian, in a UTF-8 and in a KOI8-R locale.  In
# KOI8-R the bytes on the line are KOI8-R (read through pipe-pane and
# iconv), and text typed in KOI8-R is stored as UTF-8.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"

have_locale ru_RU.UTF-8 UTF-8 && have_locale ru_RU.KOI8-R KOI8-R ||
    skip_all "locales ru_RU.UTF-8 and ru_RU.KOI8-R missing (apt-get install locales; make check generates them as root)"
[ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] ||
    skip_all "no Russian catalogue built"
command -v iconv >/dev/null || skip_all "iconv missing"
plan 7

export OKNO_NOW=2026-12-30T10:00:00+03:00
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
ui_office
"$OKNO" ticket issue pay >/dev/null

start u xterm-256color env LC_ALL=ru_RU.UTF-8 \
    OKNO_LOCALEDIR="$OKNO_LOCALEDIR" "$OKNO" --window 1
login u anna pw-anna1
wait_for u "Окно 1 .*свободно"
ok $? "ru_RU.UTF-8: the console speaks Russian"
wait_line u '$' "^1Помощь +2Вызов"
ok $? "and so does the key bar"
keys u F10
wait_for u "Вход"
ok $? "F10 closes the window and returns to the login"

koi8_start k "$OKNO" --window 1
raw_wait "Логин"
typ k anna
keys k Enter
typ k pw-anna1
keys k Enter
raw_wait "Ожидают это окно"
text=$(iconv -f KOI8-R -t UTF-8 "$out" 2>/dev/null)
like "$text" "Ожидают это окно" "ru_RU.KOI8-R: labels arrive as KOI8-R"
like "$text" "Оплата и счета" \
    "and so do the service names from the UTF-8 configuration"
# Pause with a reason typed in KOI8-R ("обед", lunch).
keys k 8
raw_wait "Приостановить окно"
tmx send-keys -t main:k -H $(printf 'обед' | iconv -f UTF-8 -t KOI8-R |
    od -An -tx1)
keys k Enter
i=0
while [ $i -lt 600 ] && [ -z "$("$OKNO" windows --csv | grep '^1,paused')" ]
do
	sleep 0.05
	i=$((i + 1))
done
is "$(sqlite3 "$T/okno.db" "SELECT reason FROM windows WHERE number = 1")" \
    "обед" "a reason typed in KOI8-R is stored as UTF-8"
is "$(sqlite3 "$T/okno.db" "SELECT hex(reason) FROM windows
    WHERE number = 1")" "D0BED0B1D0B5D0B4" "byte for byte"
