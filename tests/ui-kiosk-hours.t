#!/bin/sh
# ui-kiosk-hours.t: the ticket terminal and the office's time (issue 13):
# before the opening and inside a service's cut-off a page (not a status
# line) says so with the next opening, and no ticket is issued (the kiosk
# never forces one); a ticket no open window serves says that instead
# of a wait (issue 19).  In English, in Russian (UTF-8)
# and in KOI8-R at 80x24.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 14

# SPEC's week; pay stops 30 min before closing, the rest 15.
conf_pay_cutoff
conf_hours
ui_office

# 07:30 on Wednesday 2026-12-30: it opens at 08:00.
start k vt100 env OKNO_NOW=2026-12-30T07:30:00+03:00 "$OKNO" --kiosk
wait_for k "Choose a service"
ok $? "07:30: the terminal starts"
keys k 1
wait_for k "The office is closed\. It opens today at 08:00"
ok $? "a ticket before the opening: the page names today's opening"
wait_for k "Any key: back to the services"
ok $? "and the way back"
is "$(sqlite3 "$T/okno.db" "SELECT count(*) FROM tickets")" 0 \
    "no ticket issued"
keys k Space
wait_for k "Choose a service"
ok $? "any key: the services again"

# 19:40: pay's 30 min cut-off; the New Year holidays follow.
start c vt100 env OKNO_NOW=2026-12-30T19:40:00+03:00 "$OKNO" --kiosk
wait_for c "Choose a service"
keys c 1
wait_for c "Tickets for this service are no longer issued today"
ok $? "inside pay's cut-off: tickets for it have ended"
wait_for c "The office closes at 20:00\. Tickets are issued again on 09\.01\.2027 at 09:00"
ok $? "the closing and the next opening, after the holidays"
keys c Space
wait_for c "Choose a service"
keys c 2
wait_for c "Ticket B001"
ok $? "meter (15 min cut-off) is still issued at 19:40"

# 10:00: only window 3 is open, and it does not serve pay.
OKNO_NOW=2026-12-30T10:00:00+03:00 "$OKNO" window open 3 >/dev/null ||
    bail "window open"
start l vt100 env OKNO_NOW=2026-12-30T10:00:00+03:00 "$OKNO" --kiosk
wait_for l "Choose a service"
keys l 1
wait_for l "Ticket A001"
ok $? "a pay ticket is issued"
wait_for l "No one serves this service now"
ok $? "no open window serves pay: it says so instead of a wait"
keys l Space
wait_for l "Choose a service"
keys l 3
wait_for l "No one ahead of you"
ok $? "recalc, served by window 3: an ordinary ticket"

have_locale ru_RU.UTF-8 UTF-8 && have_locale ru_RU.KOI8-R KOI8-R &&
    [ -f "$OKNO_BUILD/locale/ru/LC_MESSAGES/okno.mo" ] &&
    command -v iconv >/dev/null && ru=1 || ru=
if [ -z "$ru" ]; then
	i=0
	while [ $i -lt 3 ]; do
		echo "ok $((tap_n + 1)) # SKIP Russian locales or catalogue missing"
		tap_n=$((tap_n + 1))
		i=$((i + 1))
	done
	exit 0
fi
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
start u xterm-256color env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR="$OKNO_LOCALEDIR" \
    OKNO_NOW=2026-12-30T07:30:00+03:00 "$OKNO" --kiosk
wait_for u "Выберите услугу"
keys u 1
wait_for u "Офис закрыт\. Откроется сегодня в 08:00"
ok $? "ru_RU.UTF-8: Офис закрыт. Откроется сегодня в 08:00"
# KOI8-R: the bytes on the line, read through pipe-pane and iconv.
koi8_start r OKNO_NOW=2026-12-30T10:00:00+03:00 "$OKNO" --kiosk
raw_wait "Выберите услугу"
keys r 1
raw_wait "Сейчас эту услугу никто не обслуживает"
ok $? "ru_RU.KOI8-R: the warning that no one serves it arrives as KOI8-R"
keys r Space
raw_wait "Выберите услугу"
koi8_start s OKNO_NOW=2026-12-30T19:50:00+03:00 "$OKNO" --kiosk
raw_wait "Выберите услугу"
keys s 2
raw_wait "Офис закрывается в 20:00\. Талоны снова выдаются 09\.01\.2027 в 09:00"
ok $? "ru_RU.KOI8-R: the cut-off page with the next opening"
