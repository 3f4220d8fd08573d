#!/bin/sh
# purge.t: after `okno purge` an appeal's personal data is nowhere in the
# database's files (issue 18): not in the database, its free pages, its
# -wal journal (a second connection is open all along), the appeal's
# history notes, the device log, nor the export batches kept on disk; a
# booking's name, phone and account go with the same rule (issue 15);
# delivered batches go after export.keep_days; the destruction log says
# what went.  Then a reader that keeps an old snapshot: the purge says the
# journal could not be emptied.
. "$(dirname "$0")/lib.sh"
plan 26

db() { sqlite3 "$T/okno.db" "$1"; }
# Distinctive ASCII, so that strings(1) finds any copy; the name is
# Cyrillic too, searched byte for byte.
NAME="Qxzaytseva Pelageya"
CYR="Зайцева Пелагея"
PHONE=89167773311
ACCOUNT=9988776655
ADDR="Qxstreet 17"
TEXT="Qxtext about the meter"
ANSWER="Qxanswer called back"
NOTE="Qxnote she asked 89167773311"
REASON="Qxreason waiting for Qxzaytseva"
# found FILES...: the purged data found in any of them, one line each.
found() {
	for f in "$@"; do
		[ -f "$f" ] || continue
		strings -a "$f" | grep -F -e Qx -e "$PHONE" -e "$ACCOUNT" |
		    sed "s|^|$(basename "$f"): |"
		grep -c -a -F "$CYR" "$f" | grep -v '^0$' |
		    sed "s|^|$(basename "$f"): Cyrillic name x|"
	done
}
dbfiles() { echo "$T/okno.db" "$T/okno.db-wal" "$T/okno.db-shm"; }

export OKNO_NOW=2027-03-01T10:00:00+03:00
"$OKNO" init >/dev/null || bail "init failed"
P=$("$OKNO" appeal add --kind complaint --channel written \
    --client-type individual --name "$NAME $CYR" --account "$ACCOUNT" \
    --phone "$PHONE" --phone-consent --address "$ADDR" --text "$TEXT" \
    --topic "Начисления") || bail "appeal add failed"
"$OKNO" appeal update "$P" --status forwarded --unit "Abonent" --note "$NOTE" &&
"$OKNO" appeal extend "$P" --reason "$REASON" &&
"$OKNO" appeal update "$P" --status answered --answer "$ANSWER" &&
"$OKNO" appeal update "$P" --status closed --note "$NOTE"
ok $? "an appeal with notes, an extension and an answer, closed"
# Another one, kept: its data must survive.
K=$("$OKNO" appeal add --kind complaint --channel written \
    --client-type individual --name "Keptname Ostaetsya" --topic "Начисления")
ok $? "a second appeal, not purged"
# A booking served four years before the purge, with the same client's
# data, and one still to come (sqlite3 until `okno booking add` is
# merged): the first goes, the second stays.
slot=$(date -d 2027-03-01T09:00:00+03:00 +%s)
db "INSERT INTO bookings (code, source, service, slot_at, status, name,
    phone, account, created_at, changed_at) VALUES ('012301', 'branch',
    'pay', $slot, 'served', 'Qxbooker $CYR', '$PHONE', '$ACCOUNT',
    $slot - 86400, $slot), ('012302', 'branch', 'pay',
    $(date -d 2031-03-05T09:00:00+03:00 +%s), 'booked', 'Keptbooker',
    NULL, NULL, $slot, $slot)" || bail "bookings"
mkdir -m 0750 "$T/export"
B1=$(OKNO_NOW=2027-03-01T22:00:00+03:00 "$OKNO" export --out "$T/export") &&
    OKNO_NOW=2027-03-01T22:05:00+03:00 "$OKNO" export --ack "$B1"
ok $? "exported and acknowledged"
[ -n "$(found "$B1/appeals.csv")" ]
ok $? "the batch holds the personal data (the test can see it)"
[ -n "$(found "$B1/bookings.csv")" ]
ok $? "and the booking's, in bookings.csv"
[ -n "$(found $(dbfiles))" ]
ok $? "so do the database's files"

# A second connection, open through the purge: a sqlite3 shell that
# stays (idle, no transaction), so the purge is not the last connection
# and SQLite's own checkpoint at close never runs.
mkfifo "$T/sql"
sqlite3 "$T/okno.db" < "$T/sql" > "$T/sql.out" 2>&1 &
SQ=$!
exec 7> "$T/sql"
echo "SELECT 'reader ' || count(*) FROM appeals;" >&7
wait_until 200 grep -qs "^reader 2" "$T/sql.out"
ok $? "a second connection has the database open"

# Four years on (retention_days 1095): K changes (so it stays unsent),
# P goes.  keep_days 30 alone would have removed the batch long ago; the
# purge's own sweep removes it anyway.
export OKNO_NOW=2031-03-02T10:00:00+03:00
"$OKNO" appeal update "$K" --status forwarded --unit "Abonent" >/dev/null
out=$("$OKNO" purge 2>&1)
ok $? "purge succeeds with the reader open"
is "$(echo "$out" | head -1)" "1 booking's client data destroyed" \
    "one booking's client data destroyed"
is "$(echo "$out" | sed -n 2p)" "1 appeal anonymised" "one appeal anonymised"
like "$(echo "$out" | sed -n 3p)" "^1 export batch removed from $T/export: ${B1##*/}\$" \
    "the kept batch removed, named"
kill -0 $SQ 2>/dev/null
ok $? "the reader is still connected"
is "$(found $(dbfiles) "$T"/export/*/*)" "" \
    "strings over the database, its -wal and the export folder: nothing"
is "$(db "SELECT count(*) FROM appeal_events WHERE appeal_id = (SELECT id FROM appeals WHERE reg_no = '$P') AND note IS NOT NULL AND event != 'purged'")" 0 \
    "the appeal's history keeps no notes"
is "$(db "SELECT count(*) FROM appeal_events WHERE appeal_id = (SELECT id FROM appeals WHERE reg_no = '$P')")" 6 \
    "its events stay (registered, forwarded, extended, answered, closed, purged)"
like "$(db "SELECT tbl || ':' || fields FROM pd_destruction_log ORDER BY id" | tr '\n' ';')" \
    "^bookings:name,phone,account;appeals:client_name,account,address,phone,text,answer,extension_reason;appeal_events:note \(3 rows\);export_batches:batch folder, [1-9][0-9]* files;\$" \
    "the destruction log: the booking, the appeal, its notes, the batch with its files"
is "$(db "SELECT record FROM pd_destruction_log WHERE tbl = 'export_batches'")" \
    "${B1##*/}" "the batch's name is logged"
is "$(db "SELECT quote(name) || quote(phone) || quote(account) || ' ' ||
    status || ' ' || (purged_at IS NOT NULL) || ' ' || record || ' ' || reason
    FROM bookings JOIN pd_destruction_log ON tbl = 'bookings'
    AND row_id = bookings.id")" \
    "NULLNULLNULL served 1 012301 slot more than 1095 days ago and exported" \
    "the booking keeps its slot and status, not its client; logged by code"
is "$(db "SELECT name FROM bookings WHERE code = '012302'")" "Keptbooker" \
    "the booking still to come is untouched"
is "$(db "SELECT client_name FROM appeals WHERE reg_no = '$K'")" \
    "Keptname Ostaetsya" "the other appeal is untouched"
is "$(db "PRAGMA integrity_check")" ok "integrity"

# keep_days: a delivered batch goes when its delivery is older, at the
# next export; an undelivered one stays.
cat >> "$T/okno.conf" <<'CONF'
export = { keep_days = 10; };
CONF
B2=$(OKNO_NOW=2031-03-02T22:00:00+03:00 "$OKNO" export --out "$T/export") &&
    OKNO_NOW=2031-03-02T22:05:00+03:00 "$OKNO" export --ack "$B2"
B3=$(OKNO_NOW=2031-03-11T22:00:00+03:00 "$OKNO" export --out "$T/export" 2>/dev/null)
[ -d "$B2" ] && [ -d "$B3" ]
ok $? "nine days on: the delivered batch is kept"
B4=$(OKNO_NOW=2031-03-13T22:00:00+03:00 "$OKNO" export --out "$T/export" 2>"$T/err")
[ ! -e "$B2" ] && [ -d "$B3" ] && [ -d "$B4" ]
ok $? "eleven days on: it is removed, the undelivered ones stay"
like "$(cat "$T/err")" "1 old export batch removed: ${B2##*/}" \
    "the export says so on stderr"

# A reader that keeps its snapshot (an open read transaction): the
# journal cannot be emptied; the purge says so and fails, within seconds.
echo "BEGIN; SELECT 'snap ' || count(*) FROM appeals;" >&7
wait_until 200 grep -qs "^snap" "$T/sql.out"
"$OKNO" appeal add --kind complaint --channel written \
    --client-type individual --name "Later" --topic "Начисления" >/dev/null 2>&1
"$OKNO" purge > "$T/out" 2> "$T/err"
ok $(( $? == 0 )) "a reader on an old snapshot: the purge fails"
like "$(cat "$T/err")" "journal could not be emptied" "and says why"
echo "COMMIT;" >&7
exec 7>&-
wait $SQ
