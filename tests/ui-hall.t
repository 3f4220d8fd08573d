#!/bin/sh
# ui-hall.t: the hall view for the head of office and the kiosk's truth
# (issue 19, items 5 and 6), at 80x24 in ru_RU.UTF-8 on vt100 and xterm:
# the overdue appeals show in the hall although the header gives its
# counts up for a long login; the hall names the service a ticket was
# transferred to; after 15 idle minutes it is still live (ui.idle_lock =
# 10, ui.idle_lock_hall = 0 as in the sample), and the first key then asks for the
# password; ui.idle_lock_hall = 1 covers it again.  The kiosk's ticket
# for a service no open window serves says so, with no "0 min".  The
# monotonic clock runs 60 times faster under the mono.so shim (see
# ui-idle.t): a real second is a minute.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
[ -r "$OKNO_BUILD/tests/mono.so" ] ||
    skip_all "$OKNO_BUILD/tests/mono.so not built"
have_locale ru_RU.UTF-8 UTF-8 || skip_all "no ru_RU.UTF-8 locale"
[ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] ||
    skip_all "no Russian catalogue built"
plan 18

export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
grep -q '^ *idle_lock = 10;' "$T/okno.conf" || bail "no ui.idle_lock = 10"
ui_office
# A head of office whose login leaves the header no room for the counts.
echo pw-head-1 | "$OKNO" user add nachalnik.ofisa --role supervisor ||
    bail "user add"
OKNO_NOW=2026-11-02T10:00:00+03:00 "$OKNO" appeal add --kind complaint \
    --channel in_person --client-type individual --name "Иванов" \
    --topic "счёт" >/dev/null || bail "appeal add"
export OKNO_NOW=2026-12-30T10:00:00+03:00
"$OKNO" ticket issue pay >/dev/null || bail "issue"
printf '#!/bin/sh\nLD_PRELOAD="%s" OKNO_MONO_RATE=60 ASAN_OPTIONS="verify_asan_link_order=0:$ASAN_OPTIONS" exec "$@"\n' \
    "$OKNO_BUILD/tests/mono.so" > "$T/fast"
chmod +x "$T/fast"
ru() { echo env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" "$@"; }

# vt100: the counts, then 17 idle minutes.
start h vt100 $(ru "$T/fast" "$OKNO" --hall)
login h nachalnik.ofisa pw-head-1
wait_line h 2 "^ Окна +Просрочено обращений: 1 · сегодня: 0"
ok $? "vt100: the hall counts the overdue appeal at 80 columns"
wait_line h '$' "10Выйти" >/dev/null
wait_line h 1 "nachalnik.ofisa"
ok $? "beside a long login in the header"
screen h | sed -n 1p | grep -q "просрочено"
ok $((!$?)) "which leaves the header's counts no room"
wait_line h 11 "^ A +Оплата и счета +1 "
ok $? "one pay ticket waits"
sleep 17
s=$(screen h)
ok $(printf '%s\n' "$s" | grep -q "Экран заблокирован"; echo $((!$?))) \
    "17 idle minutes: the hall is not locked"
like "$s" "Просрочено обращений: 1" "and still shows the overdue count"
"$OKNO" ticket issue pay >/dev/null
wait_line h 11 "^ A +Оплата и счета +2 "
ok $? "and is live: a new ticket shows"
"$OKNO" window open 1 --manager anna >/dev/null &&
    "$OKNO" ticket call 1 >/dev/null &&
    "$OKNO" ticket transfer 1 meter >/dev/null || bail "transfer"
wait_line h 23 "A001 переведён из окна 1 в услугу: Показания и приборы учёта"
ok $? "a transfer: the hall names the target service"
wait_line h 12 "^ B +Показания и приборы учёта +1 "
ok $? "where A001 now waits"
# A key after ui.idle_lock idle minutes: the password first.
keys h 5
wait_for h "Экран заблокирован"
ok $? "the first key after 10 idle minutes asks for the password"
wait_for h "type your password|введите пароль" >/dev/null
typ h pw-head-1
keys h Enter
wait_line h 2 "Просрочено обращений: 1"
ok $? "the password: the hall again"
s=$(screen h)
ok $(printf '%s\n' "$s" | grep -q "Фильтр\|Реестр"; echo $((!$?))) \
    "the key that woke it was not acted on"

# xterm: the same counts; then ui.idle_lock_hall = 1 covers the hall.
start x xterm $(ru "$OKNO" --hall)
login x nachalnik.ofisa pw-head-1
wait_line x 2 "^ Окна +Просрочено обращений: 1 · сегодня: 0"
ok $? "xterm: the overdue count at 80 columns"
sed -i 's/^\( *idle_lock_hall *=\).*/\1 1;/' "$T/okno.conf"
grep -q '^ *idle_lock_hall = 1;' "$T/okno.conf" || bail "no idle_lock_hall"
start y xterm $(ru "$T/fast" "$OKNO" --hall)
login y nachalnik.ofisa pw-head-1
wait_for y "Экран заблокирован" 300
ok $? "ui.idle_lock_hall = 1: the hall locks after a minute"

# The kiosk: window 1 closes; window 3 (recalc) is open, nobody serves pay.
"$OKNO" ticket finish 1 >/dev/null 2>&1
"$OKNO" window close 1 >/dev/null || bail "window close"
"$OKNO" window open 3 --manager boris >/dev/null || bail "window open"
for term in vt100 xterm; do
	start "k$term" "$term" $(ru "$OKNO" --kiosk)
	wait_for "k$term" "Выберите услугу" >/dev/null
	keys "k$term" 1
	wait_for "k$term" "Сейчас эту услугу никто не обслуживает"
	ok $? "$term: the kiosk's pay ticket says no one serves it now"
	wait_for "k$term" "Любая клавиша" >/dev/null
	s=$(screen "k$term")
	ok $(printf '%s\n' "$s" | grep -q "около 0 мин"; echo $((!$?))) \
	    "$term: and promises no 0 min"
done
