#!/bin/sh
# ui-report.t: the head of office's report screen and inspection entry in
# tmux: last month by default, with its charts (load by hour, waits against
# the norm); the other tabs; another period; the printable text saved; an
# inspection recorded criterion by criterion; on xterm and on a vt100.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 24

# Today is 15 December: last month is November.
export OKNO_NOW=2026-12-15T10:00:00+03:00
ui_office
echo pw-olga1 | "$OKNO" user add olga --role auditor || bail "user add"

# November: 20 tickets a day on weekdays, 09:00-14:00, waits from 2 to
# 40 minutes, every third visit rated; an appeal and an inspection.
base=$(date -d 2026-11-02T09:00:00+03:00 +%s)
sqlite3 "$T/okno.db" "
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < 28 * 20 - 1)
INSERT INTO tickets (day, prefix, seq, number, service, issued_at, status,
  window, manager, wait_s, service_s, calls, updated_at)
SELECT date($base + (i / 20) * 86400 + (i % 20) * 900, 'unixepoch',
  '+3 hours'), 'A', i % 20 + 1, 'A' || (i % 20 + 1), 'pay',
  $base + (i / 20) * 86400 + (i % 20) * 900, 'finished', 1 + i % 2,
  CASE i % 2 WHEN 0 THEN 'anna' ELSE 'boris' END,
  120 + (i * 37) % 2280, 300 + (i * 53) % 600, 1, 0
FROM n WHERE strftime('%w', $base + (i / 20) * 86400, 'unixepoch') NOT IN
  ('0', '6');
INSERT INTO ratings (ticket_id, criterion, score, at, manager, updated_at)
SELECT id, c, 1 + (id * 7 + length(c)) % 5, 0, manager, 0 FROM tickets,
  (SELECT 'speed' c UNION SELECT 'politeness' UNION SELECT 'comfort'
  UNION SELECT 'info') WHERE id % 3 = 0;" || bail "history"
OKNO_NOW=2026-11-20T10:00:00+03:00 "$OKNO" appeal add --kind complaint \
    --channel book --client-type individual --name X --topic T >/dev/null
OKNO_NOW=2026-11-25T12:00:00+03:00 "$OKNO" inspection add \
    --date 2026-11-25 --kind internal --inspector Petrova --result U1=met \
    --result U4=not_met >/dev/null || bail "inspection"

# press NAME KEY ERE: a key whose effect the screen shows; pressed once
# more if nothing shows in 10 s (a loaded machine can split an F-key's
# escape sequence past the terminal's escape delay).  Only for keys that
# do no harm twice.
press() {
	keys "$1" "$2"
	wait_for "$1" "$3" 100 >/dev/null && return 0
	keys "$1" "$2"
	wait_for "$1" "$3" 200
}

start s1 xterm-256color "$OKNO"
login s1 sveta pw-sveta
wait_for s1 "6Report"
ok $? "the hall offers the report"
press s1 F6 "2026-11-01 \.\. 2026-11-30"
ok $? "the report screen opens on last month"
wait_for s1 "Load by hour of issue"; ok $? "the hour chart's title"
wait_for s1 "^ +[0-9]+ \|( +##)+"; ok $? "bars of the hour chart"
wait_for s1 "\+-{30,}"; ok $? "its axis"
wait_for s1 " 09 10 11 12 13 14"; ok $? "and the hours"
wait_for s1 "Waits against the norm"; ok $? "the waits chart"
wait_for s1 "^ (half to the norm|up to half the norm) +[0-9]+ +[0-9.]+ +#+"
ok $? "its bars against the norm"
wait_for s1 "^ Tickets [0-9]+, served [0-9]+"; ok $? "the summary"

press s1 F7 "^ CSI +[0-9]+ +[1-5]\.[0-9][0-9] "
ok $? "the satisfaction tab: CSI"
press s1 F8 "U4 +Сроки обслуживания +1 +1 +0 +1 +0 +0\.0"
ok $? "the inspections tab: compliance by criterion"
press s1 F6 "^ complaint book +1 "
ok $? "the appeals tab: by channel"

# Another period: the form takes the dates (^U clears a field).
press s1 F5 "Load by hour of issue"
press s1 F2 "Report period"
keys s1 C-u
typ s1 2026-11-16
keys s1 Enter
keys s1 C-u
typ s1 2026-11-20
keys s1 Enter
wait_for s1 "2026-11-16 \.\. 2026-11-20"
ok $? "a chosen period"
wait_for s1 "^ Tickets 100, served 100"
ok $? "five weekdays of 20 tickets"

# The printable text, saved in the reports folder beside the database.
press s1 F4 "Save the report as text"
keys s1 Enter
wait_for s1 "saved to $T/reports/report-2026-11-16_2026-11-20.txt"
ok $? "saved"
is "$(head -1 "$T/reports/report-2026-11-16_2026-11-20.txt")" \
    "Report 2026-11-16 to 2026-11-20" "the file is the whole report's text"

# An inspection, from the hall: two met, one not, U5 refused for an
# internal audit, a comment, then recorded.
keys s1 F10
wait_for s1 "7Inspec"
keys s1 F7
wait_for s1 "New inspection +2026-12-15  internal audit"
ok $? "the inspection screen: today, internal audit"
keys s1 F3
keys s1 F3
keys s1 F4
wait_for s1 "^ C3 +not met"
keys s1 Enter
wait_for s1 "Comment on C4"
typ s1 "телефон только один"
keys s1 Enter
wait_for s1 "^ C4 +\. +Телефонные линии в клиентском зале \*"
keys s1 F9
wait_for s1 "C4 has a comment but no result"
ok $? "a comment without a result is not lost silently"
keys s1 F5
for i in 1 2 3 4; do keys s1 Down; done
wait_for s1 "^ U5 +-- "
keys s1 F3
wait_for s1 "U5 is not checked by internal audit"
ok $? "a criterion this kind does not check is refused"
keys s1 F9
wait_for s1 "inspection 2 recorded: 4 results"
ok $? "recorded"
is "$("$OKNO" inspection list --csv | tail -1 | cut -d, -f1-8)" \
    "2,2026-12-15,internal,sveta,2,1,1,66.7" "as the command line lists it"
is "$(sqlite3 "$T/okno.db" "SELECT comment FROM inspection_results
    WHERE criterion = 'C4'")" "телефон только один" "with the comment"

# An auditor on a vt100: digits for F-keys, the same charts.
start a1 vt100 "$OKNO"
login a1 olga pw-olga1
wait_for a1 "Windows"
keys a1 6
wait_for a1 "Load by hour of issue"
ok $? "vt100: the report screen"
wait_for a1 "^ +[0-9]+ \|( +##)+"
ok $? "vt100: the hour chart's bars"
exit $((tap_failed > 0))
