#!/bin/sh
# ui-report-bookings.t: the bookings section of the report screen (issue
# 15 item 5), below the visits on their tab, with the figures of `okno
# report --bookings`, on a vt100.  Bookings written with sqlite3 until
# `okno booking add` / `ticket issue --booking` (bkcore) are merged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 5

# The sample configuration may have the group already (slot 15, grace
# 10, as here).
grep -q '^bookings' "$T/okno.conf" ||
    echo 'bookings = { slot = 15; grace = 10; };' >>"$T/okno.conf"
ui_office
export OKNO_NOW=2026-12-08T12:00:00+03:00
at() {
	t=$1
	shift
	OKNO_NOW=2026-12-08T$t:00+03:00 "$OKNO" "$@" >/dev/null 2>"$T/err" ||
	    bail "at $t $*: $(cat "$T/err")"
}
# A001 walk-in waits 5:00; A002 booked for 09:15, in at 09:05, called
# 09:20: 5:00 from its slot, punctual; a head-office booking missed.
at 09:00 window open 1 --manager anna
at 09:00 ticket issue pay
at 09:05 ticket issue pay
at 09:05 ticket call 1 --number A001
at 09:20 ticket call 1 --number A002
at 09:30 ticket finish 1
slot=$(date -d 2026-12-08T09:15:00+03:00 +%s)
sqlite3 "$T/okno.db" "INSERT INTO bookings (id, code, source, service,
    slot_at, status, name, ticket_id, created_at, changed_at) VALUES
    (1, '012301', 'branch', 'pay', $slot, 'served', 'X',
    (SELECT id FROM tickets WHERE number = 'A002'), $slot, $slot);
    INSERT INTO bookings (id, code, source, hq_id, service, slot_at,
    status, name, created_at, changed_at) VALUES (2, '512302', 'hq', 'H2',
    'meter', $slot + 900, 'missed', 'Y', $slot, $slot);
    UPDATE tickets SET booking_id = 1, booked_at = $slot
    WHERE number = 'A002'" || bail "bookings"

start s1 vt100 "$OKNO"
login s1 sveta pw-sveta
wait_for s1 "6Report" >/dev/null
keys s1 F6
wait_for s1 "2026-12-08 \.\. 2026-12-08"
ok $? "the report opens on today"
keys s1 F3
wait_for s1 "^ Visits: outcome"
ok $? "the visits tab"
keys s1 NPage
wait_for s1 "^ Wait of booked clients \(from the slot\)"
ok $? "the bookings section below the visits"
wait_for s1 "^ All +2 +0 +1 +1 +1 +1 +1 +100\.0"
ok $? "its figures: 2 booked, 1 missed, 1 arrived, served, punctual"
wait_for s1 "^ All +1 +5:00 +5:00 +5:00 +1 +5:00 +5:00 +5:00"
ok $? "the wait of the booked client from the slot against the walk-in's"
exit $((tap_failed > 0))
