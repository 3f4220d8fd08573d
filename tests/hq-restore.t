#!/bin/sh
# hq-restore.t: a branch restored from last night's backup keeps uploading
# (issue 18): back up, work, export and load; the disk fails and the
# backup is restored as okno-setup(7) says; work, export and load for two
# nights.  Head office keeps the rows made after the backup by the lost
# database and gets the restored branch's new ones, whose ids repeat
# those, beside them.  A real PostgreSQL (hq-lib.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hq-lib.sh"
plan 20

hq_branches A=MSK-014
DB=$T/MSK-014/okno.db
# night: exports, loads and, when loaded, acknowledges (okno-sync's order).
night() {
	b=$($A export --out "$T/out") || bail "export"
	out=$("$LOAD" "$b" 2>&1); rc=$?
	[ $rc != 0 ] || $A export --ack "$b" || bail "ack"
	return $rc
}

# Monday: two tickets, uploaded; the backup after the upload.
export OKNO_NOW=2026-11-30T10:00:00+03:00
$A ticket issue pay >/dev/null
$A ticket issue meter >/dev/null
$A window open 1 >/dev/null
$A ticket call 1 >/dev/null
export OKNO_NOW=2026-11-30T22:30:00+03:00
night; ok $? "Monday's batch loads"
sqlite3 -cmd ".timeout 10000" "$DB" ".backup '$T/monday.db'" || bail "backup"

# Tuesday: the first finished, two more tickets; uploaded.
export OKNO_NOW=2026-11-30T22:40:00+03:00
$A ticket finish 1 >/dev/null || bail "finish"
$A ticket issue pay >/dev/null
$A ticket issue pay >/dev/null
export OKNO_NOW=2026-12-01T22:30:00+03:00
night; ok $? "Tuesday's batch loads"
# What the lost database made after the backup: tickets 3 and 4 and the
# events of Tuesday.
tuesday=$(q "SELECT string_agg(id || ' ' || number || ' ' || service || ' '
    || status, ',' ORDER BY id) FROM okno.tickets WHERE id > 2")
tuesday_ev=$(q "SELECT string_agg(id || ' ' || ticket_id || ' ' || event,
    ',' ORDER BY id) FROM okno.ticket_events")
is "$(q "SELECT count(*) FROM okno.tickets")" 4 "head office has 4 tickets"

# Wednesday morning the disk fails: Monday's backup is restored as
# okno-setup(7) says (the database and its journals moved aside, the copy
# put in its place, okno init), and the branch works on.
restore() {
	mkdir -p "$T/lost$1"
	mv "$DB" "$DB-wal" "$DB-shm" "$T/lost$1/" 2>/dev/null
	cp "$T/monday.db" "$DB"
	is "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok "the backup restored"
	out=$($A init 2>&1); ok $? "okno init"
	like "$out" "new export epoch [0-9a-f]{16}" \
	    "the first okno after the restore starts a new export epoch"
}
restore 1
export OKNO_NOW=2026-12-02T10:00:00+03:00
$A ticket issue consult >/dev/null
$A ticket issue consult >/dev/null
export OKNO_NOW=2026-12-02T22:30:00+03:00
night; ok $? "Wednesday's batch loads (the new epoch)"
echo "$out" | sed 's/^/# /'

# Thursday: the restored branch goes on.
export OKNO_NOW=2026-12-03T10:00:00+03:00
$A ticket issue meter >/dev/null
export OKNO_NOW=2026-12-03T22:30:00+03:00
night; ok $? "Thursday's batch loads"
echo "$out" | sed 's/^/# /'

H=1099511627776		# 2^40: ids of the second epoch are id + H
is "$(q "SELECT count(*) FROM okno.tickets")" 7 \
    "head office: Tuesday's 4 tickets and the restored branch's 3"
is "$(q "SELECT string_agg(id || ' ' || number || ' ' || service || ' '
    || status, ',' ORDER BY id) FROM okno.tickets WHERE id > 2
    AND id < $H")" \
    "$tuesday" "the tickets the lost database made after the backup are kept"
is "$(q "SELECT string_agg(id || ' ' || ticket_id || ' ' || event, ','
    ORDER BY id) FROM okno.ticket_events WHERE id < $H")" "$tuesday_ev" \
    "and all its events (ticket 1's finish among them)"
# Tickets 1 and 2 were in the backup: the restored branch's later state
# is theirs (cancelled when its next day began), their history is both.
is "$(q "SELECT string_agg(status, ',' ORDER BY id) FROM okno.tickets
    WHERE id <= 2")" "cancelled,cancelled" \
    "the backup's tickets take the restored branch's state"
is "$(q "SELECT string_agg((id - $H) || ' ' || service, ','
    ORDER BY id) FROM okno.tickets WHERE id > $H")" \
    "3 consult,4 consult,5 meter" "the new ones are beside them"
is "$(q "SELECT count(*) FROM okno.ticket_events e WHERE NOT EXISTS
    (SELECT 1 FROM okno.tickets t WHERE t.branch = e.branch
    AND t.id = e.ticket_id)")" 0 "every event names a ticket head office has"
is "$(q "SELECT count(*) FROM okno.ticket_events e JOIN okno.tickets t
    ON t.branch = e.branch AND t.id = e.ticket_id
    WHERE t.service = 'consult' AND e.event = 'issued'")" 2 \
    "the new tickets' events point at theirs"

# Friday the new disk fails too, and takes the file beside the database:
# Monday's backup again.
rm -f "$DB-export"
restore 2
$A ticket issue consult >/dev/null
night; ok $? "the next batch loads (a third epoch)"
is "$(q "SELECT count(*) FROM okno.tickets")" 8 "nothing overwritten"
exit $((tap_failed > 0))
