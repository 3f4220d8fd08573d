#!/bin/sh
# import-cli.t: okno import --in, head office's bookings batch (issue 15
# item 4): a good batch applied, again applied 0, a change, a cancellation
# and a replayed older batch; a change to an arrived booking skipped and
# named; refused with exit 65 and nothing applied: another branch's batch,
# a broken manifest, a forged or missing signature, unknown files, links,
# a FIFO and hostile CSV text.
. "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || skip_all "openssl not installed"
plan 79

PUBLISH=$SRC/packaging/hq/okno-publish
export OKNO_NOW=2026-12-07T09:00:00+03:00
grep -q '^bookings' "$T/okno.conf" || echo 'bookings = { };' >>"$T/okno.conf"
"$OKNO" init >/dev/null || bail "init"
"$PUBLISH" --keygen "$T" >/dev/null || bail "okno-publish --keygen"
mkdir "$T/other"
"$PUBLISH" --keygen "$T/other" >/dev/null || bail "a second key"

H=hq_id,branch,service,at,name,phone,account,status,code,changed_at
# batch NAME SEQ [BRANCH]: $T/NAME from the rows on stdin (after the
# header H), sealed as okno-publish does, with head office's key.
batch() {
	d=$T/$1
	rm -rf "$d"
	mkdir "$d"
	{ echo "$H"; cat; } >"$d/bookings.csv"
	printf 'format,1\r\nbranch,%s\r\nseq,%s\r\ncreated,2026-12-01T00:00:00+00:00\r\nrows,bookings.csv,%s\r\n' \
	    "${3:-MSK-014}" "$2" $(($(wc -l <"$d/bookings.csv") - 1)) \
	    >"$d/BATCH"
	seal "$d" "$T/hq.key"
}
seal() {	# seal DIR KEY: manifest and signature again
	(cd "$1" && sha256sum bookings.csv BATCH >MANIFEST.sha256) &&
	    openssl pkeyutl -sign -inkey "$2" -rawin -in "$1/MANIFEST.sha256" \
	    -out "$1/MANIFEST.sig"
}
state() { sqlite3 "$T/okno.db" "SELECT hq_id, code, service,
    datetime(slot_at, 'unixepoch'), status, name, phone, account,
    changed_at FROM bookings ORDER BY id"; }
# refused WHAT DIR ERE: exit 65, the message, and nothing applied.
refused() {
	s0=$(state)
	out=$("$OKNO" import --in "$2" 2>&1); rc=$?
	is "$rc" 65 "$1: exit 65"
	like "$out" "$3" "$1: says why"
	is "$(state)" "$s0" "$1: nothing applied"
}

batch b1 1 <<'EOF'
H1,MSK-014,pay,2026-12-10T10:00:00+03:00,Иванов Иван,+7 900 000-00-01,,booked,512345,2026-12-01T10:00:00+00:00
H2,MSK-014,meter,2026-12-10T07:15:00Z,"Петрова, Анна",,,booked,,2026-12-01T10:00:00+00:00
H3,MSK-014,pay,2026-12-11T10:00:00+03:00,Сидоров,,,cancelled,,2026-12-01T10:00:00+00:00
H4,MSK-014,pay,2026-12-11T11:00:00+03:00,'=HYPERLINK(1),,,booked,,2026-12-01T10:00:00+00:00
EOF
out=$("$OKNO" import --in "$T/b1"); ok $? "a good batch: exit 0"
like "$out" "^applied 3$" "applied 3 (new H1, H2, H4; H3 made and cancelled)"
like "$out" "^new booking H1 \\(code 512345\\): pay at 2026-12-10 10:00$" \
    "H1 is named, with head office's code"
is "$(sqlite3 "$T/okno.db" "SELECT group_concat(hq_id || ':' || source
    || ':' || status, ' ') FROM bookings")" \
    "H1:hq:booked H2:hq:booked H4:hq:booked" "three booked, source hq"
is "$(sqlite3 "$T/okno.db" "SELECT code GLOB '[5-9][0-9][0-9][0-9][0-9][0-9]'
    FROM bookings WHERE hq_id = 'H2'")" 1 \
    "H2 without a code got one whose first digit is 5-9"
is "$(sqlite3 "$T/okno.db" "SELECT datetime(slot_at, 'unixepoch'), name
    FROM bookings WHERE hq_id = 'H2'")" "2026-12-10 07:15:00|Петрова, Анна" \
    "a quoted name with a comma; a time in UTC"
is "$(sqlite3 "$T/okno.db" "SELECT name FROM bookings WHERE hq_id = 'H4'")" \
    "=HYPERLINK(1)" "the formula guard removed, the text kept"
case $out in *Иванов*|*000-00-01*) r=1 ;; *) r=0 ;; esac
ok $r "no name or phone in the output"

s1=$(state)
out=$("$OKNO" import --in "$T/b1"); ok $? "the same batch again: exit 0"
is "$out" "applied 0" "prints applied 0 and nothing else"
is "$(state)" "$s1" "nothing changed"

batch b2 2 <<'EOF'
H1,MSK-014,pay,2026-12-10T10:30:00+03:00,Иванов Иван,+7 900 000-00-01,,booked,512345,2026-12-02T10:00:00+00:00
H2,MSK-014,meter,2026-12-10T07:15:00Z,"Петрова, Анна",,,cancelled,,2026-12-02T10:00:00+00:00
H4,MSK-014,pay,2026-12-11T11:00:00+03:00,'=HYPERLINK(1),,,booked,,2026-12-01T10:00:00+00:00
EOF
out=$("$OKNO" import --in "$T/b2"); ok $? "a newer batch: exit 0"
like "$out" "^applied 2$" "applied 2"
like "$out" "^changed booking H1 \\(code 512345\\): now pay at 2026-12-10 10:30$" \
    "the moved booking is named"
like "$out" "^cancelled booking H2 " "the cancelled one is named"
is "$(sqlite3 "$T/okno.db" "SELECT status, cancelled_by IS NULL,
    cancelled_at IS NOT NULL FROM bookings WHERE hq_id = 'H2'")" \
    "cancelled|1|1" "H2 cancelled by head office"

s2=$(state)
out=$("$OKNO" import --in "$T/b1"); ok $? "the older batch replayed: exit 0"
is "$out" "applied 0" "applied 0"
is "$(state)" "$s2" "the newer time and the cancellation stand"

# The client of H1 arrives (as the check-in records it), then head office
# moves H1: the change is skipped and named, once.
sqlite3 "$T/okno.db" "UPDATE bookings SET status = 'arrived',
    arrived_at = strftime('%s', '2026-12-10T07:25:00'),
    changed_at = strftime('%s', '2026-12-10T07:25:00')
    WHERE hq_id = 'H1'" || bail "arrive"
batch b3 3 <<'EOF'
H1,MSK-014,pay,2026-12-10T11:00:00+03:00,Иванов Иван,+7 900 000-00-01,,booked,512345,2026-12-10T08:00:00+00:00
EOF
out=$("$OKNO" import --in "$T/b3"); ok $? "a change to an arrived booking: exit 0"
like "$out" "^applied 0$" "applied 0"
like "$out" "^skipped booking H1 \\(code 512345\\): .*arrived" \
    "skipped and named"
is "$(sqlite3 "$T/okno.db" "SELECT status, datetime(slot_at, 'unixepoch')
    FROM bookings WHERE hq_id = 'H1'")" "arrived|2026-12-10 07:30:00" \
    "the booking as the branch has it"
out=$("$OKNO" import --in "$T/b3")
is "$out" "applied 0" "again: named no more"

# Refused, nothing applied.
new='H9,MSK-014,pay,2026-12-12T10:00:00+03:00,Новый,,,booked,,2026-12-05T00:00:00+00:00'
echo "$new" | batch x1 4 MSK-022
refused "another branch's batch" "$T/x1" "for branch MSK-022"
echo "$new" | sed 's/,MSK-014,/,MSK-022,/' | batch x2 4
refused "a row of another branch" "$T/x2" "a row for branch MSK-022"
echo "$new" | batch x3 4
echo "H10,MSK-014,pay,2026-12-12T10:00:00+03:00,Ещё,,,booked,,2026-12-05T00:00:00+00:00" \
    >>"$T/x3/bookings.csv"
refused "a row added after the manifest" "$T/x3" "does not match the manifest"
echo "$new" | batch x4 4
rm "$T/x4/MANIFEST.sha256"
refused "no manifest" "$T/x4" "no MANIFEST.sha256"
echo "$new" | batch x5 4
seal "$T/x5" "$T/other/hq.key"
refused "signed with another key" "$T/x5" "bad signature"
echo "$new" | batch x6 4
rm "$T/x6/MANIFEST.sig"
refused "no signature" "$T/x6" "not signed"
echo "$new" | batch x7 4
echo hello >"$T/x7/notes.txt"
refused "a file not in the manifest" "$T/x7" "notes.txt is not in the manifest"
echo "$new" | batch x8 4
mv "$T/x8/bookings.csv" "$T/elsewhere.csv"
ln -s "$T/elsewhere.csv" "$T/x8/bookings.csv"
refused "bookings.csv a symbolic link" "$T/x8" "symbolic link"
echo "$new" | batch x9 4
rm "$T/x9/BATCH"
mkfifo "$T/x9/BATCH"
refused "BATCH a FIFO (no hang)" "$T/x9" "not a regular file"

# Hostile text: each signed correctly, so the text is what is refused.
esc=$(printf '\033')
echo "H9,MSK-014,pay,2026-12-12T10:00:00+03:00,Bad${esc}[2J,,,booked,,2026-12-05T00:00:00+00:00" |
    batch y1 4
refused "an escape in a name" "$T/y1" "name: character U\\+001B"
printf 'H9,MSK-014,pay,2026-12-12T10:00:00+03:00,\377\376,,,booked,,2026-12-05T00:00:00+00:00\n' |
    batch y2 4
refused "invalid UTF-8" "$T/y2" "not valid UTF-8"
long=$(printf '%02000d' 0)
echo "H9,MSK-014,pay,2026-12-12T10:00:00+03:00,$long,,,booked,,2026-12-05T00:00:00+00:00" |
    batch y3 4
refused "an overlong cell" "$T/y3" "longer than 1024 bytes"
echo "$new" | sed 's/,pay,/,nosuch,/' | batch y4 4
refused "an unknown service" "$T/y4" "service nosuch is not served here"
echo "$new" | sed 's/2026-12-12T10:00:00+03:00/12.12.2026 10:00/' | batch y5 4
refused "a time not ISO 8601" "$T/y5" "not an ISO 8601 time"
echo "$new" | sed 's/,Новый,/,"Новый,/' | batch y6 4
refused "a quote not closed" "$T/y6" "a quote not closed"
echo "$new" | sed 's/,Новый,,,/,Новый,,12ab,/' | batch y7 4
refused "a bad account" "$T/y7" "bookings.csv:2: "
echo "$new" | sed 's/$/,/' | batch y8 4
refused "a row with one cell too many" "$T/y8" "11 cells, and the header has 10"

printf '%s\n%s\n' "$new" "$new" | batch y9 4
refused "an hq_id twice" "$T/y9" "hq_id H9 comes twice"

# Without head office's key nothing is believed: exit 78.
mv "$T/hq.pub" "$T/hq.pub.away"
echo "$new" | batch z1 4
out=$("$OKNO" import --in "$T/z1" 2>&1)
is "$? $(state | grep -c H9)" "78 0" "no hq.pub: exit 78, nothing applied"
mv "$T/hq.pub.away" "$T/hq.pub"
exit $((tap_failed > 0))
