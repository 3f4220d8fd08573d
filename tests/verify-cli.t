#!/bin/sh
# verify-cli.t: okno verify, okno-load's checks of the branches' batches
# in one process (no PostgreSQL): real signed batches from okno export;
# the ok line and the staged rows (the index first, an old tickets.csv
# padded, a quoted cell byte for byte); each refusal with okno-load's
# reason; unchanged and other content by --loaded; the lines in the order
# given; a name with a tab or a newline cannot break a line.
. "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || skip_all "openssl not installed"
plan 57

export OKNO_NOW=2026-11-27T10:00:00+03:00
"$OKNO" init >/dev/null || bail "init"
"$OKNO" keygen >"$T/keys" || bail "keygen"
# A second branch: its key signs what MSK-014's must not.
mkdir "$T/b2"
sed -e 's/code = "MSK-014"/code = "MSK-022"/' \
    -e "s|$T/okno.db|$T/b2/okno.db|" "$T/okno.conf" >"$T/b2/okno.conf"
cp -r "$T/calendar" "$T/criteria.conf" "$T/b2/"
"$OKNO" -c "$T/b2/okno.conf" init >/dev/null || bail "init b2"
"$OKNO" -c "$T/b2/okno.conf" keygen >"$T/keys2" || bail "keygen b2"

"$OKNO" ticket issue pay >/dev/null
"$OKNO" window open 1 >/dev/null
"$OKNO" ticket call 1 >/dev/null
"$OKNO" ticket issue meter >/dev/null
# A cell with a comma, quotes and a line end.
"$OKNO" appeal add --kind question --channel in_person \
    --client-type individual --name 'Иванов, "Иван"' --topic T \
    >/dev/null || bail "appeal"
good=$("$OKNO" export --out "$T/out") || bail "export"
name=${good##*/}

# reseal DIR [KEYFILE]: the manifest and the signature made again, as
# okno export makes them (the branch's batch.key by default).
pem() {	# pem KEYFILE: openssl's PEM of an okno batch.key
	echo "-----BEGIN PRIVATE KEY-----"
	{ printf '\060\056\002\001\000\060\005\006\003\053\145\160\004\042\004\040'
	  sed 's/^ed25519 //' "$1" | base64 -d; } | base64
	echo "-----END PRIVATE KEY-----"
}
reseal() {
	pem "${2:-$T/batch.key}" >"$T/key.pem"
	(cd "$1" && ls | grep -v '^MANIFEST' | xargs sha256sum \
	    >MANIFEST.sha256) &&
	    openssl pkeyutl -sign -inkey "$T/key.pem" -rawin \
	    -in "$1/MANIFEST.sha256" -out "$1/MANIFEST.sig"
}
# copy WHERE: a copy of the good batch, under its own name, in $T/WHERE.
copy() {
	mkdir -p "$T/$1"
	cp -r "$good" "$T/$1/"
	echo "$T/$1/$name"
}
# verify FOLDER...: the line of the last, stderr to $T/err; rc in $rc.
verify() {
	out=$("$OKNO" verify --keys "$T/keys" "$@" 2>"$T/err"); rc=$?
	out=$(printf '%s\n' "$out" | tail -n 1)
}
tab=$(printf '\t')

mkdir "$T/S"
out=$("$OKNO" verify --keys "$T/keys" --stage "$T/S" "$good"); rc=$?
is "$rc" 0 "a good batch: exit 0"
like "$out" "^1${tab}ok${tab}$name${tab}MSK-014${tab}1${tab}[0-9a-f]+${tab}[0-9a-f]{64}${tab}$good\$" \
    "the ok line: index, name, branch, number, epoch, manifest, folder"
is "$(printf '%s\n' "$out" | cut -f 7)" \
    "$(sha256sum <"$good/MANIFEST.sha256" | cut -d ' ' -f 1)" \
    "the manifest's SHA-256"
is "$(printf '%s\n' "$out" | cut -f 6)" \
    "$(grep '^epoch,' "$good/BATCH" | cut -d , -f 2)" "BATCH's epoch"
is "$(ls "$T/S" | tr '\n' ' ')" "appeal_events.csv appeals.csv \
batch.csv bookings.csv index inspections.csv ratings.csv ticket_events.csv \
tickets.csv window_events.csv " \
    "staged: batch.csv, one file a table for the night, an index"
is "$(head -n 2 "$T/S/batch.csv")" "1,1,format,1,,
1,2,name,$name,," "batch.csv: index, line, key and three values"
is "$(grep -c '' "$T/S/tickets.csv")" 2 "two tickets, no header"
is "$(cut -d , -f 1,2 "$T/S/tickets.csv" | sort -u)" "1,MSK-014" \
    "each row with the index first, then the branch"
is "$(awk -F , '{ print NF }' "$T/S/tickets.csv" | sort -u)" 17 \
    "tickets: the index and today's 16 columns"
ok "$(grep -c "$(printf '\r')" "$T/S/tickets.csv" >/dev/null; [ $? = 1 ];
    echo $?)" "LF line ends"
is "$(perl -0777 -ne 'print index($_, qq{,"Иванов, ""Иван""",}) >= 0 ?
    "yes" : "no"' "$T/S/appeals.csv")" yes \
    "a cell with a comma and quotes, quoted as CSV wants"
is "$(cut -d , -f 2- "$T/S/ticket_events.csv" | md5sum)" \
    "$(tail -n +2 "$good/ticket_events.csv" | tr -d '\r' | md5sum)" \
    "ticket events byte for byte after the index"

is "$(cut -d ' ' -f 1-3 "$T/S/index")" "1 0 $(wc -c <"$T/S/batch.csv")" \
    "the index: the batch, then where its part of each file starts and its length"

# part DIR IDX TABLE: batch IDX's part of the staged TABLE.csv in DIR, by
# the index (batch, then the tables in this order).
part() {
	set -- "$1" "$2" "$3" "$(awk -v i="$2" -v t="$3" 'BEGIN {
	    n = split("batch tickets ticket_events ratings appeals " \
	    "appeal_events inspections window_events bookings", f, " ") }
	    $1 == i { for (k = 1; k <= n; k++) if (f[k] == t)
	    print $(2 * k) + 1, $(2 * k + 1) }' "$1/index")"
	tail -c "+${4% *}" "$1/$3.csv" | head -c "${4#* }"
}

# A line end in a cell, in an older batch: tickets.csv before the visit
# columns and no bookings.csv (neither file nor line).
old=$(copy old)
awk -F , 'BEGIN { OFS = "," } { sub(/\r$/, ""); NF = 7; print $0 "\r" }' \
    "$good/tickets.csv" >"$old/tickets.csv"
perl -0777 -pi -e 's/Иванов, ""Иван""/Иванов,\n""Иван""/' "$old/appeals.csv"
rm "$old/bookings.csv"
grep -v '^rows,bookings.csv' "$good/BATCH" >"$old/BATCH"
reseal "$old"
mkdir "$T/S2"
out=$("$OKNO" verify --keys "$T/keys" --stage "$T/S2" "$good" "$old")
is "$?" 0 "an older batch: exit 0"
like "$out" "^2${tab}ok${tab}$name${tab}" "its line, second"
is "$(part "$T/S2" 2 tickets | awk -F , '{ print NF }' | sort -u)" 17 \
    "its tickets padded to today's columns"
like "$(part "$T/S2" 2 tickets | head -n 1)" "^2,MSK-014,1,.*,,,,,,,,,\$" \
    "the padding is empty cells"
is "$(part "$T/S2" 2 bookings | wc -c)" 0 "no bookings.csv: no rows of it"
is "$(part "$T/S2" 1 tickets)" "$(cat "$T/S/tickets.csv")" \
    "the first batch's part: as staged alone"
is "$(perl -0777 -ne 'print index($_, qq{,"Иванов,\n""Иван""",}) >= 0 ?
    "yes" : "no"' "$T/S2/appeals.csv")" yes \
    "a cell with a line end survives byte for byte"

# Refusals, each signed correctly unless the signature is the point.
d=$(copy r1); rm "$d/ratings.csv"; ln -s "$good/ratings.csv" "$d/ratings.csv"
verify "$d"
is "$rc $out" "1 1${tab}refused${tab}$name${tab}ratings.csv is a symbolic link" \
    "a file that is a link: exit 1"
mkdir "$T/r2"; ln -s "$good" "$T/r2/$name"
verify "$T/r2/$name"
is "$out" "1${tab}refused${tab}$name${tab}the folder is a symbolic link" \
    "the folder a link"
d=$(copy r3); echo hello >"$d/notes.txt"
verify "$d"
is "$out" "1${tab}refused${tab}$name${tab}unknown file notes.txt" \
    "an unknown file"
d=$(copy r4); reseal "$d" "$T/b2/batch.key"
verify "$d"
is "$out" "1${tab}refused${tab}$name${tab}bad signature" \
    "signed with another branch's key"
d=$(copy r5); rm "$d/MANIFEST.sig"
verify "$d"
is "$out" "1${tab}refused${tab}$name${tab}not signed" "not signed"
out=$("$OKNO" verify --keys "$T/keys2" "$good")
is "$out" "1${tab}refused${tab}$name${tab}branch MSK-014 is not registered" \
    "an unregistered branch"
d=$(copy r6); sed -i 's/,pay,/,meter,/' "$d/tickets.csv"
verify "$d"
is "$out" "1${tab}refused${tab}$name${tab}the files do not match the manifest" \
    "a file changed after signing"
mkdir "$T/r7"; cp -r "$good" "$T/r7/MSK-014-20261127T100000-2"
verify "$T/r7/MSK-014-20261127T100000-2"
is "$out" "1${tab}refused${tab}MSK-014-20261127T100000-2${tab}renamed (it is $name)" \
    "a renamed batch"
d=$(copy r8); sed -i '2s/^MSK-014,/MSK-022,/' "$d/tickets.csv"; reseal "$d"
mkdir "$T/S8"
out=$("$OKNO" verify --keys "$T/keys" --stage "$T/S8" "$d"); rc=$?
is "$rc $out" "1 1${tab}refused${tab}$name${tab}batch $name: a row of another branch" \
    "a row of another branch"
is "$(ls "$T/S8")" "" "nothing staged for it"
d=$(copy r9); sed -i 's/^rows,tickets.csv,2,/rows,tickets.csv,3,/' "$d/BATCH"
reseal "$d"
verify --stage "$T/S8" "$d"
is "$out" "1${tab}refused${tab}$name${tab}tickets.csv: 2 rows loaded, 3 in the batch" \
    "a count of rows that BATCH does not say"
d=$(copy r10); grep -v '^rows,ratings.csv' "$good/BATCH" >"$d/BATCH"
reseal "$d"
verify --stage "$T/S8" "$d"
is "$out" "1${tab}refused${tab}$name${tab}ratings.csv: 0 rows loaded, none in the batch" \
    "no count of rows at all"
d=$(copy r11); sed -i '3s/\r$/,x\r/' "$d/tickets.csv"; reseal "$d"
verify --stage "$T/S8" "$d"
is "$out" "1${tab}refused${tab}$name${tab}tickets.csv line 3: 17 cells, the header has 16" \
    "a record of one cell too many"
is "$(ls "$T/S8")" "" "still nothing staged"
# An okno before window sessions: no window_events.csv, no line for it
# in the manifest or among BATCH's counts: it stages, with none of them.
d=$(copy r18); rm "$d/window_events.csv"
grep -v '^rows,window_events.csv' "$good/BATCH" >"$d/BATCH"; reseal "$d"
mkdir "$T/S18"
out=$("$OKNO" verify --keys "$T/keys" --stage "$T/S18" "$d"); rc=$?
like "$rc $out" "^0 1${tab}ok${tab}" \
    "a batch of an okno before window sessions: ok"
is "$(wc -c <"$T/S18/window_events.csv")" 0 "no window sessions staged"
# Each cell must copy into its column's type (the night's single COPY
# of a table would fail on one that does not): named by file, line and
# column.
d=$(copy r14); sed -i '2s/,2026-11-27T\([0-9:]*\)+03:00,/,2026-13-27T\1+03:00,/' \
    "$d/tickets.csv"; reseal "$d"
verify --stage "$T/S8" "$d"
is "$out" "1${tab}refused${tab}$name${tab}tickets.csv line 2: issued_at: not a time" \
    "a time that does not exist"
d=$(copy r15); sed -i '2s/^\(MSK-014,\)[0-9]*,/\1x1,/' "$d/ticket_events.csv"
reseal "$d"
verify --stage "$T/S8" "$d"
is "$out" "1${tab}refused${tab}$name${tab}ticket_events.csv line 2: id: not a number" \
    "an id that is not a number"
d=$(copy r16); sed -i '2s/,0,2026-11-27T/,maybe,2026-11-27T/' "$d/tickets.csv"
reseal "$d"
verify --stage "$T/S8" "$d"
is "$out" "1${tab}refused${tab}$name${tab}tickets.csv line 2: priority: not true or false" \
    "a priority that is not a boolean"
d=$(copy r17); printf '2s/,T,/,\377,/' >"$T/sed17"
sed -i -f "$T/sed17" "$d/appeals.csv"; reseal "$d"
verify --stage "$T/S8" "$d"
is "$out" "1${tab}refused${tab}$name${tab}appeals.csv line 2: topic: not UTF-8 text" \
    "a text that is not UTF-8"
is "$(ls "$T/S8")" "" "none staged"
d=$(copy r12); printf 'ticket_events.csv\r\n' >"$d/ticket_events.csv"
reseal "$d"
verify "$d"
is "$out" "1${tab}refused${tab}$name${tab}ticket_events.csv: unexpected header: ticket_events.csv" \
    "an unexpected header"
d=$(copy r13); grep -v ' ratings.csv$' "$good/MANIFEST.sha256" \
    >"$d/MANIFEST.sha256"
pem "$T/batch.key" >"$T/key.pem"
openssl pkeyutl -sign -inkey "$T/key.pem" -rawin -in "$d/MANIFEST.sha256" \
    -out "$d/MANIFEST.sig"
verify "$d"
is "$out" "1${tab}refused${tab}$name${tab}ratings.csv is not in the manifest" \
    "a file the manifest does not list"

# What head office loaded before.
sum=$(sha256sum <"$good/MANIFEST.sha256" | cut -d ' ' -f 1)
printf '%s %s\n' "$name" "$sum" >"$T/loaded"
verify --loaded "$T/loaded" "$good"
is "$rc $out" "0 1${tab}unchanged${tab}$name" "loaded with this manifest: unchanged"
printf 'other 0\n%s -\n' "$name" >"$T/loaded"
verify --loaded "$T/loaded" "$good"
is "$out" "1${tab}unchanged${tab}$name" "loaded with no manifest known: unchanged"
printf '%s %s\n' "$name" "$(echo x | sha256sum | cut -d ' ' -f 1)" \
    >"$T/loaded"
verify --loaded "$T/loaded" "$good"
is "$rc $out" "1 1${tab}refused${tab}$name${tab}already loaded with other content" \
    "loaded with another manifest: refused"

# The lines in the order given, whatever each gets; odd names.
mkdir "$T/odd"
odd=$(printf '%s/odd/a\tb\nc' "$T"); mkdir "$odd"
out=$("$OKNO" verify --keys "$T/keys" "$T/r3/$name" "$good" "$odd" \
    "$T/nosuch/MSK-014-20261127T100000-1" "$old/"); rc=$?
is "$rc" 1 "a night with a refusal: exit 1"
is "$(printf '%s\n' "$out" | cut -f 1,2 | tr '\n' ' ')" \
    "1${tab}refused 2${tab}ok 3${tab}refused 4${tab}refused 5${tab}ok " \
    "one line a folder, in the order given"
is "$(printf '%s\n' "$out" | sed -n 3p)" \
    "3${tab}refused${tab}a?b?c${tab}not a batch folder name" \
    "a tab and a newline in a name are printed as ?"
is "$(printf '%s\n' "$out" | sed -n 4p | cut -f 4)" "not a folder" \
    "a folder that is not there"
like "$(printf '%s\n' "$out" | sed -n 5p)" "${tab}$old\$" \
    "a trailing slash: the folder without it"
mkdir "$T/q'uote"; cp -r "$good" "$T/q'uote/"
verify "$T/q'uote/$name"
is "$out" "1${tab}refused${tab}$name${tab}a quote or backslash in the folder's path" \
    "a quote in the folder's path"
ctl=$(printf '%s/c\tl' "$T"); mkdir "$ctl"; cp -r "$good" "$ctl/"
verify "$ctl/$name"
is "$out" "1${tab}refused${tab}$name${tab}a control character in the folder's path" \
    "a tab in the folder's path"
(cd "$T/out" && "$OKNO" verify --keys "$T/keys" "$name" >"$T/rel")
like "$(cat "$T/rel")" "${tab}$T/out/$name\$" \
    "a relative folder: its absolute path"

# Usage and files.
"$OKNO" verify "$good" >/dev/null 2>&1
is "$?" 64 "no --keys: usage, exit 64"
"$OKNO" verify --keys "$T/nosuch" "$good" >/dev/null 2>"$T/err"
is "$?" 66 "an unreadable --keys file: exit 66"
"$OKNO" verify --keys "$T/keys" --stage "$T/nosuch" "$good" >/dev/null \
    2>&1
is "$?" 73 "a --stage folder that is not there: exit 73"
exit $((tap_failed > 0))
