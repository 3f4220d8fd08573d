#!/bin/sh
# hours-cli.t: opening hours on the command line (SPEC, "Office hours"):
# okno hours over the 2026-2027 New Year holidays from the shipped
# calendars, ticket issue refused outside the hours and inside the
# cut-off (exit 4, naming the next opening), --force and its note in the
# event log, the configuration's FILE:LINE messages.
. "$(dirname "$0")/lib.sh"
plan 50

"$OKNO" init >/dev/null || bail "init"

# Without hours the office is always open, as before.
is "$(OKNO_NOW=2027-01-01T23:30 "$OKNO" ticket issue pay)" A001 \
    "no hours: a ticket at 23:30 on New Year's day"
is "$("$OKNO" hours --from 2027-01-01 --to 2027-01-01 --csv | sed -n 2p)" \
    "2027-01-01,00:00,24:00,regular" "no hours: open all day"
like "$("$OKNO" check-config)" "^Opening hours: none \(always open\)" \
    "no hours: check-config says always open"
like "$("$OKNO" check-config)" "^Pause reasons: any text" \
    "no pause_reasons: any text"

# SPEC's week; pay has its own 30 min cut-off, the rest hours.cutoff's 15.
conf_pay_cutoff
conf_lunch 1
conf_hours
cat >>"$T/okno.conf" <<'CONF'
pause_reasons = ( { code = "lunch"; name = "Обед"; },
                  { code = "tech"; name = "Технический перерыв"; } );
CONF

# The calendars: 2026-12-31 is off (moved from 2026-01-04), 2027-01-01
# to 01-08 are the holidays (01-02, 01-03 a weekend listed t=1); 01-09 is
# an ordinary Saturday (Saturday's hours), 01-10 a Sunday (closed).
"$OKNO" hours --from 2026-12-28 --to 2027-01-12 --csv >"$T/hours.csv"
is $? 0 "hours --csv: exit 0"
i=0
while IFS= read -r want; do
	i=$((i + 1))
	is "$(sed -n "${i}p" "$T/hours.csv")" "$want" "hours line $i: $want"
done <<'WANT'
date,open,close,kind
2026-12-28,08:00,20:00,regular
2026-12-29,08:00,20:00,regular
2026-12-30,08:00,20:00,regular
2026-12-31,,,closed
2027-01-01,,,closed
2027-01-02,,,closed
2027-01-03,,,closed
2027-01-04,,,closed
2027-01-05,,,closed
2027-01-06,,,closed
2027-01-07,,,closed
2027-01-08,,,closed
2027-01-09,09:00,16:00,regular
2027-01-10,,,closed
2027-01-11,08:00,20:00,regular
2027-01-12,08:00,20:00,regular
WANT
is "$(wc -l <"$T/hours.csv" | tr -d ' ')" 17 "hours: a header and 16 days"
# 2027-02-20 is a shortened working Saturday; 2027-02-22 (Monday) is
# off in its place, so it takes Monday's hours less 60 minutes.
is "$("$OKNO" hours --from 2027-02-20 --to 2027-02-20 --csv | sed -n 2p)" \
    "2027-02-20,08:00,19:00,shortened" "a working Saturday, shortened"
like "$("$OKNO" hours --from 2026-12-31 --to 2027-01-09)" \
    "^2027-01-09 +Sat +09:00 16:00 +regular" "the table without --csv"

out=$("$OKNO" hours --from 2026-13-01 --to 2027-01-01 2>&1); rc=$?
is "$rc:$out" "64:okno: --from: not a date (YYYY-MM-DD): 2026-13-01" \
    "a bad date: exit 64, as okno report"
out=$("$OKNO" hours --from 2027-01-02 --to 2027-01-01 2>&1); rc=$?
is "$rc:$out" "64:okno: the period starts (2027-01-02) after it ends (2027-01-01)" \
    "a period backwards: exit 64, as okno report"
"$OKNO" hours --from 2027-01-01 >/dev/null 2>&1
is $? 64 "no --to: usage, exit 64"
"$OKNO" hours --from 2000-01-01 --to 2027-01-01 >/dev/null 2>&1
is $? 65 "a period of 27 years: exit 65"

# Before the opening: exit 4, one line naming it, nothing stored.
out=$(OKNO_NOW=2026-12-30T07:30 "$OKNO" ticket issue meter 2>&1); rc=$?
is "$rc" 4 "before the opening: exit 4"
is "$out" "okno: the office is closed; it opens on 2026-12-30 at 08:00" \
    "one line naming the opening"
is "$(sqlite3 "$T/okno.db" "SELECT count(*) FROM tickets WHERE day = '2026-12-30'")" \
    0 "nothing issued"
is "$(OKNO_NOW=2026-12-30T08:00 "$OKNO" ticket issue meter)" B001 \
    "at 08:00: issued"

# Inside the cut-off: pay's own 30 min, meter's the office's 15.
out=$(OKNO_NOW=2026-12-30T19:35 "$OKNO" ticket issue pay 2>&1); rc=$?
is "$rc" 4 "pay at 19:35, inside its 30 min cut-off: exit 4"
is "$out" "okno: the office is closed for new tickets 30 min before closing at 20:00; it opens on 2027-01-09 at 09:00" \
    "the message names the next opening, after the New Year holidays"
is "$(OKNO_NOW=2026-12-30T19:35 "$OKNO" ticket issue meter)" B002 \
    "meter at 19:35: issued (cut-off 15 min)"
OKNO_NOW=2026-12-30T19:45 "$OKNO" ticket issue meter >/dev/null 2>&1
is $? 4 "meter at 19:45: exit 4"
out=$(OKNO_NOW=2027-01-05T12:00 "$OKNO" ticket issue meter 2>&1); rc=$?
is "$rc:$out" "4:okno: the office is closed; it opens on 2027-01-09 at 09:00" \
    "on a holiday: exit 4, the next opening"

# --force: issued anyway, and the event log says so.
num=$(OKNO_NOW=2026-12-30T19:50 "$OKNO" ticket issue pay --force); rc=$?
is "$rc:$num" "0:A001" "--force inside the cut-off: issued"
is "$(sqlite3 "$T/okno.db" "SELECT e.note FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.day = '2026-12-30' AND t.number = 'A001' AND e.event = 'issued'")" \
    "forced outside hours" "the issued event's note: forced outside hours"
is "$(sqlite3 "$T/okno.db" "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.day = '2026-12-30' AND t.number = 'B002' AND e.note IS NULL")" \
    1 "an ordinary ticket's event has no note"
like "$(OKNO_NOW=2026-12-30T07:00 "$OKNO" ticket estimate pay)" \
    "^[0-9]+ ahead, about [0-9]+ min$" "estimate before the opening is not refused (no ticket)"

# check-config shows it all; okno --help lists the command.
sum=$("$OKNO" check-config)
like "$sum" "^  Sat  09:00-16:00" "check-config: Saturday's hours"
like "$sum" "^  pay: no new ticket in the last 30 min" "check-config: pay's cut-off"
like "$sum" "^  window 1: pay, meter, consult; lunch 13:00-13:45" "check-config: lunch"
like "$sum" "^  tech +Технический перерыв" "check-config: a pause reason"
like "$("$OKNO" --help)" "^  hours --from DATE --to DATE \[--csv\]" \
    "okno --help lists hours"

# Mistakes: FILE:LINE: message, exit 78.
sed 's/{ code = "tech";/{ code = "lunch";/' "$T/okno.conf" >"$T/bad.conf"
n=$(grep -n '^[^#]*code = "lunch"; name = "Технический' "$T/bad.conf" | cut -d: -f1)
out=$("$OKNO" -c "$T/bad.conf" check-config 2>&1); rc=$?
is "$rc:$out" "78:$T/bad.conf:$n: pause reason \"lunch\" is defined twice" \
    "a pause reason twice: FILE:LINE"
cp "$T/okno.conf" "$T/bad.conf"
sed -i 's/lunch = "13:00-13:45"/lunch = "13:45-13:00"/' "$T/bad.conf"
n=$(grep -n '^[^#]*lunch = "13:45' "$T/bad.conf" | cut -d: -f1)
out=$("$OKNO" -c "$T/bad.conf" check-config 2>&1); rc=$?
is "$rc:$out" "78:$T/bad.conf:$n: \"13:45-13:00\": the end must come after the start (a span does not cross midnight)" \
    "a lunch backwards: FILE:LINE"
sed 's/"09:00-16:00", ""/"09:00-16:00"/' "$T/okno.conf" >"$T/bad.conf"
n=$(grep -n '^[^#]*week = \[' "$T/bad.conf" | cut -d: -f1)
out=$("$OKNO" -c "$T/bad.conf" hours --from 2027-01-01 --to 2027-01-01 2>&1); rc=$?
is "$rc:$out" "78:$T/bad.conf:$n: hours.week must list 7 days, Monday to Sunday (\"\" for a closed day), not 6" \
    "a week of six days: FILE:LINE"
