#!/bin/sh
# ui-supervise.t: supervisor control of the queue (issue 14.4, 14.5) at
# 80x24 on a vt100 in ru_RU.UTF-8: the kiosk's priority category step
# (only when categories are configured; ordinary first), the supervisor's
# queue screen from the hall view (what waits per service, call out of
# order, cancel, give and take priority with a reason, each an event
# with who and why), and none of it for a manager or an auditor.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 22

have_locale ru_RU.UTF-8 UTF-8 || skip_all "no ru_RU.UTF-8 locale"
export OKNO_LOCALEDIR="$OKNO_BUILD/locale"
ui_office
echo pw-ivan-1 | "$OKNO" user add ivan --role auditor || bail "user add"
cat >>"$T/okno.conf" <<'CONF'
priorities = ( { code = "disabled"; name = "Инвалид"; },
               { code = "veteran"; name = "Ветеран"; } );
CONF
export OKNO_NOW=2026-12-30T10:00:00+03:00
ru() { echo "env LC_ALL=ru_RU.UTF-8 OKNO_LOCALEDIR=$OKNO_LOCALEDIR"; }
q() { sqlite3 "$T/okno.db" "$1"; }

# The kiosk: a service, then the category step.
start k vt100 $(ru) "$OKNO" --kiosk
wait_for k "Выберите услугу|Choose a service"
keys k 1
wait_for k "Льготное обслуживание"
ok $? "with categories configured the kiosk asks after the service"
wait_for k "1  Обычный талон"
ok $? "an ordinary ticket comes first"
wait_for k "3  Ветеран"
ok $? "then the configured categories by name"
keys k Enter
wait_for k "A001"
ok $? "Enter: the ordinary ticket at once"
is "$(q "SELECT priority || ':' || coalesce(category, '-') FROM tickets
    WHERE number = 'A001'")" "0:-" "stored as an ordinary ticket"
keys k Space
wait_for k "Выберите услугу|Choose a service"
keys k 1
wait_for k "Льготное обслуживание"
keys k 2
wait_for k "A002"
ok $? "2: a ticket as a disabled person"
is "$(q "SELECT priority || ':' || category FROM tickets
    WHERE number = 'A002'")" "1:disabled" \
    "stored with priority and the category"
keys k Space
wait_for k "Выберите услугу|Choose a service"
keys k 2
wait_for k "Льготное обслуживание"
keys k Escape
wait_for k "Выберите услугу|Choose a service"
is "$(q "SELECT count(*) FROM tickets WHERE service = 'meter'")" 0 \
    "backing out of the step issues nothing"
"$OKNO" ticket issue meter >/dev/null	# B001

# The supervisor's queue screen.
start s vt100 $(ru) "$OKNO"
login s sveta pw-sveta
wait_for s "8Очере"
ok $? "the hall view offers the queue screen on 8"
keys s 8
wait_for s "A002 +[0-9]+ мин +Инвалид"
ok $? "the queue screen lists A002 with its category"
wait_for s "A001 +[0-9]+ мин"
ok $? "and A001, below it in call order"
wait_line s 24 "Вызов|Call"
ok $? "its key bar fits the 24th line"

# Take A002's priority away with a reason.
keys s 4
wait_for s "Снять приоритет с талона A002"
ok $? "4 on a priority ticket offers to take it away"
typ s "нет документов"
keys s Enter
wait_for s "у A002 нет приоритета"
ok $? "taken"
is "$(q "SELECT e.event || ':' || e.manager || ':' || e.note
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE t.number = 'A002' AND e.event LIKE 'priority%'")" \
    "priority_taken:sveta:нет документов" "an event with who and why"

# Cancel the selected ticket (the first: A001).
keys s Home
keys s 3
wait_for s "Отменить талон A001"
ok $? "3 asks to cancel the selected ticket"
typ s "ушёл"
keys s Enter
wait_for s "A001 отменён"
ok $? "cancelled"
is "$(q "SELECT t.status || ':' || e.manager || ':' || e.note
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE t.number = 'A001' AND e.event = 'cancelled'")" \
    "cancelled:sveta:ушёл" "cancelled, with who and why"

# Call B001 out of order to window 2.
wait_for s "B001"
keys s Down Down Down Down
keys s 2
wait_for s "Вызвать к окну"
keys s Enter
wait_for s "вызван к окну"
ok $? "2 calls the selected ticket to a chosen window"
is "$(q "SELECT count(*) FROM ticket_events e JOIN tickets t
    ON t.id = e.ticket_id WHERE e.event = 'called'
    AND e.note = 'out of order by sveta'")" 1 \
    "the call's note says out of order and who"

# Not for a manager (the hall view is not his) nor an auditor.
start m vt100 $(ru) "$OKNO" --hall
login m anna pw-anna1
wait_for m "только руководителю|only a supervisor"
ok $? "a manager gets no hall view, so no queue screen"
start a vt100 $(ru) "$OKNO"
login a ivan pw-ivan-1
wait_for a "8Очере"
keys a 8
wait_for a "может только руково"
ok $? "an auditor is refused the queue screen"
