#!/bin/sh
# export-cli.t: okno export --out DIR / --ack BATCH from the command line:
# batches, acknowledgement, a SIGKILL in the middle, a file size limit.
. "$(dirname "$0")/lib.sh"
plan 43

export OKNO_NOW=2026-11-27T10:00:00+03:00
OUT=$T/out
"$OKNO" init >/dev/null || bail "init"
"$OKNO" keygen >/dev/null || bail "keygen"

# batches: the batch folders in $OUT (hidden work folders not counted)
batches() { ls "$OUT" 2>/dev/null | wc -l | tr -d ' '; }
# rows FOLDER FILE: data rows of a CSV in a batch
rows() { echo $(($(wc -l < "$1/$2") - 1)); }
acked() { sqlite3 "$T/okno.db" \
    'SELECT count(*) FROM export_batches WHERE acked_at IS NOT NULL'; }

out=$("$OKNO" export 2>&1); is $? 64 "export without --out or --ack: usage"
out=$("$OKNO" export --out "$OUT" --ack x 2>&1); is $? 64 "both: usage"

"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket issue meter >/dev/null
staff ivanova
"$OKNO" window open 1 --manager ivanova >/dev/null
"$OKNO" ticket call 1 >/dev/null
"$OKNO" appeal add --kind question --channel in_person --client-type \
    individual --name '=HYPERLINK("http://x")' --topic T >/dev/null ||
    bail "appeal add"

# Two bookings (sqlite3 until `okno booking add` is merged): one from
# head office whose name and phone a spreadsheet would run as formulas.
slot=$(date -d 2026-11-28T09:15:00+03:00 +%s)
now=$(date -d "$OKNO_NOW" +%s)
sqlite3 "$T/okno.db" "INSERT INTO bookings (code, source, hq_id, service,
    slot_at, name, phone, account, created_at, changed_at) VALUES
    ('512345', 'hq', 'HQ-77', 'pay', $slot, '=cmd|x', '+79161234567',
    '1234567890', $now, $now), ('012345', 'branch', NULL, 'meter',
    $slot + 900, 'Kept Bookingname', NULL, NULL, $now, $now)" ||
    bail "bookings"

b1=$("$OKNO" export --out "$OUT"); ok $? "export succeeds"
is "$b1" "$OUT/MSK-014-20261127T100000-1" "prints the batch folder's path"
is "$(stat -c %a "$OUT") $(stat -c %a "$b1")" "750 750" "folders are 0750"
is "$(stat -c %a "$b1"/* | sort -u)" 640 "files are 0640"
is "$(ls "$b1" | tr '\n' ' ')" "BATCH MANIFEST.sha256 MANIFEST.sig \
appeal_events.csv appeals.csv bookings.csv inspections.csv ratings.csv \
ticket_events.csv tickets.csv window_events.csv " \
    "one CSV per table, the header, the manifest and its signature"
(cd "$b1" && sha256sum --quiet --strict -c MANIFEST.sha256); \
    ok $? "sha256sum -c accepts the manifest"
is "$(head -1 "$b1/tickets.csv")" \
    "$(printf 'branch,id,number,service,priority,issued_at,status,account,category,outcomes,resolved,wait_s,service_s,window,manager,closed_at\r')" \
    "tickets.csv header, CRLF"
is "$(sed -n 2p "$b1/tickets.csv" | tr -d '\r')" \
    "MSK-014,1,A001,pay,0,2026-11-27T10:00:00+03:00,called,,,,,0,0,1,ivanova,"\
    "a ticket row"
is "$(rows "$b1" tickets.csv) $(rows "$b1" ticket_events.csv)" "2 3" \
    "two tickets, three events"
like "$(cat "$b1/appeals.csv")" \
    ",individual,\"'=HYPERLINK\(\"\"http://x\"\"\)\"," \
    "a formula in a text cell is neutralised with a leading '"
is "$(tr -d '\r' < "$b1/bookings.csv")" "branch,id,code,hq_id,service,at,status,name,phone,account,ticket_id,created_at,arrived_at,changed_at
MSK-014,1,512345,HQ-77,pay,2026-11-28T09:15:00+03:00,booked,'=cmd|x,'+79161234567,1234567890,,2026-11-27T10:00:00+03:00,,2026-11-27T10:00:00+03:00
MSK-014,2,012345,,meter,2026-11-28T09:30:00+03:00,booked,Kept Bookingname,,,,2026-11-27T10:00:00+03:00,,2026-11-27T10:00:00+03:00" \
    "bookings.csv: header, rows, formulas guarded, empty cells for NULL"
grep -q '  bookings.csv$' "$b1/MANIFEST.sha256"
ok $? "bookings.csv is in the signed manifest"

b2=$("$OKNO" export --out "$OUT")
ok $? "export again in the same second"
ok "$([ "$b1" != "$b2" ]; echo $?)" "a new, different name: $(basename "$b2")"
for f in tickets.csv ticket_events.csv; do
	cmp -s "$b1/$f" "$b2/$f"; ok $? "not acknowledged: $f has the same rows"
done

"$OKNO" export --ack "$(basename "$b2")"; ok $? "ack by name"
"$OKNO" export --ack "$b2"; ok $? "ack again, by path: harmless"
out=$("$OKNO" export --ack MSK-014-20991231T000000-42 2>&1)
is $? 65 "ack of an unknown batch: exit 65"
like "$out" "^okno: .*MSK-014-20991231T000000-42" "one line naming it"

export OKNO_NOW=2026-11-27T11:00:00+03:00
"$OKNO" ticket finish 1 >/dev/null
"$OKNO" ticket issue pay >/dev/null
sqlite3 "$T/okno.db" "UPDATE bookings SET status = 'cancelled',
    changed_at = $(date -d "$OKNO_NOW" +%s) WHERE code = '512345'"
b3=$("$OKNO" export --out "$OUT")
is "$(rows "$b3" tickets.csv) $(rows "$b3" ticket_events.csv)" "2 2" \
    "after the ack: only the new changes (a finish, a new ticket)"
like "$(cat "$b3/tickets.csv")" "MSK-014,1,A001,pay,0,.*,finished" \
    "the changed ticket with its new status"
is "$(tail -n +2 "$b3/bookings.csv" | cut -d, -f3,7 | tr -d '\r')" \
    "512345,cancelled" "after the ack: only the changed booking comes again"

# A SIGKILL in the middle: no batch, nothing recorded, nothing acked.
n=$(batches)
nb=$(sqlite3 "$T/okno.db" 'SELECT count(*) FROM export_batches')
na=$(acked)
OKNO_EXPORT_PAUSE=120 "$OKNO" export --out "$OUT" >/dev/null &
pid=$!
i=0
while [ $i -lt 300 ] && ! ls "$OUT"/.tmp-*/tickets.csv >/dev/null 2>&1; do
	sleep 0.1
	i=$((i + 1))
done
ok "$([ $i -lt 300 ]; echo $?)" "the export is under way (a work folder)"
kill -9 $pid
wait $pid 2>/dev/null
is "$(batches)" "$n" "killed mid-export: no new batch"
is "$(sqlite3 "$T/okno.db" 'SELECT count(*) FROM export_batches')" "$nb" \
    "and none recorded"
is "$(acked)" "$na" "and nothing acknowledged"
b4=$("$OKNO" export --out "$OUT")
ok $? "the next export works"
ok "$(ls -A "$OUT" | grep -c '^\.tmp-')" "and removes the dead one's work folder"
cmp -s "$b3/tickets.csv" "$b4/tickets.csv"
ok $? "and holds the same rows as the last unacknowledged batch"
"$OKNO" export --ack "$b4" || bail "ack"

# A file size limit (as a full disk): clean failure, nothing left behind.
# 2000 rows make tickets.csv about 110 KB; SQLite's -shm file needs 32 KB.
sqlite3 "$T/okno.db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO tickets (day, prefix, seq, number, service, issued_at, status,
  updated_at)
SELECT '2026-11-29', 'K', i, 'K' || i, 'consult', 1795939200 + i, 'finished',
  1795939200 + i FROM n;
SQL
n=$(batches)
nb=$(sqlite3 "$T/okno.db" 'SELECT count(*) FROM export_batches')
out=$(ulimit -f 64; "$OKNO" export --out "$OUT" 2>&1); rc=$?
is "$rc" 74 "file size limit: exit 74"
like "$out" "^okno: .*tickets.csv: File too large" "the message says why"
is "$(batches)" "$n" "no batch"
is "$(ls -A "$OUT" | grep -c '^\.tmp-')" 0 "no work folder left"
is "$(sqlite3 "$T/okno.db" 'SELECT count(*) FROM export_batches')" "$nb" \
    "nothing recorded"

# A real full disk: a 64 KiB tmpfs in a mount namespace of our own, when
# this machine lets us make one (root, CAP_SYS_ADMIN).
mkdir "$T/small"
if unshare -m true 2>/dev/null; then
	out=$(unshare -m sh -c 'mount -t tmpfs -o size=64k,mode=0755 none "$1" &&
	    "$2" export --out "$1/out" 2>&1; echo "rc=$?";
	    ls -A "$1/out" | wc -l' sh "$T/small" "$OKNO")
	like "$out" "rc=74" "full disk: exit 74"
	like "$out" "No space left on device" "the message says why"
	is "$(echo "$out" | tail -1 | tr -d ' ')" 0 \
	    "full disk: no batch and no work folder left"
else
	for i in 1 2 3; do ok 0 "# SKIP cannot mount a small tmpfs here"; done
fi
b5=$("$OKNO" export --out "$OUT"); ok $? "without the limit it works"
is "$(rows "$b5" tickets.csv)" 2000 "with all the new rows"

out=$(chmod 0500 "$OUT"; "$OKNO" export --out "$OUT/sub" 2>&1); rc=$?
chmod 0750 "$OUT"
if [ "$(id -u)" = 0 ]; then
	ok 0 "# SKIP root writes anywhere"
else
	is "$rc" 74 "an unwritable folder: exit 74"
fi
exit $((tap_failed > 0))
