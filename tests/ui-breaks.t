#!/bin/sh
# ui-breaks.t: the console and the office's day (issue 13): the coming
# lunch in the console's status area at 80x24, the pause key's list of
# the configured reasons and its note, and a window found at its lunch
# (paused by okno, shown so, resumed by the manager with F8); the report
# screen's Windows tab.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 14

ui_office
conf_lunch 1 2
cat >>"$T/okno.conf" <<'CONF'
pause_reasons = ( { code = "lunch"; name = "Обед"; },
                  { code = "tech"; name = "Технический перерыв"; },
                  { code = "backoffice"; name = "Работа с документами"; } );
CONF

# Window 1 at 12:50: the break is ten minutes away.
start m xterm-256color env OKNO_NOW=2026-12-16T12:50:00+03:00 \
    "$OKNO" --window 1
login m anna pw-anna1
wait_for m "Обед 13:00-13:45, in 10 min"
ok $? "the console shows the coming break and the minutes left"
wait_line m 8 "^ *Обед 13:00-13:45, in 10 min"
ok $? "on its own line above the queue, inside 80x24"
keys m F8
wait_for m "Pause: the reason"
ok $? "the pause key offers a list"
wait_for m "Работа с документами"
ok $? "of the configured reasons, by name"
keys m Down
keys m Enter
wait_for m "a note if needed"
ok $? "then a note, if needed"
typ m "принтер"
keys m Enter
wait_for m "paused: Технический перерыв"
ok $? "the window is paused with the chosen reason"
is "$(sqlite3 "$T/okno.db" "SELECT reason || '|' || note FROM window_events
    WHERE window = 1 AND event = 'paused'")" "tech|принтер" \
    "its code and note are stored"
keys m F8
wait_for m "window resumed"
ok $? "F8 resumes"

# Window 2, open since noon, found at 13:05 by its console: at lunch.
OKNO_NOW=2026-12-16T12:00:00+03:00 "$OKNO" window open 2 --manager boris \
    >/dev/null || bail "window open 2"
start b xterm-256color env OKNO_NOW=2026-12-16T13:05:00+03:00 \
    "$OKNO" --window 2
login b boris pw-boris
wait_for b "Обед until 13:45 \(F8 resumes now\)"
ok $? "a window at its lunch says until when, and how to come back"
wait_for b "paused: Обед"
ok $? "its state is the lunch pause"
keys b F8
wait_for b "window resumed"
ok $? "the manager may come back early"

# The report screen's Windows tab, at 14:00 that day.
start s xterm-256color env OKNO_NOW=2026-12-16T14:00:00+03:00 "$OKNO"
login s sveta pw-sveta
wait_for s "6Report" || bail "no hall"
keys s F6
wait_for s "Load by hour of issue|Tickets 0" || bail "no report screen"
keys s F2
wait_for s "Report period" || bail "no period form"
keys s C-u
typ s 2026-12-16
keys s Enter
keys s C-u
typ s 2026-12-16
keys s Enter
wait_for s "2026-12-16 \.\. 2026-12-16" || bail "period not set"
keys s F9
wait_for s "Windows: where the day went"
ok $? "F9: the Windows tab"
wait_for s "^ 2 +2:00:00 +0:00:00 +0:05:00 +1:55:00 +0:00:00 +0$"
ok $? "window 2: open since noon, five minutes of lunch"
wait_for s "^ 1 +anna +Технический перерыв +1 +0:00:00$"
ok $? "the pauses by reason, by name"
