#!/bin/sh
# hq-sign.t: head office refuses forged and replayed batches (issue 18):
# renamed, altered with a recomputed manifest, re-signed with another
# branch's key, the same name with other content, links, unknown files,
# an unregistered branch and a number that jumps; and a night with a
# stale, a forged and good batches loads the good ones in one session
# (issue 20), a second run changing no row, summaries included.  A real PostgreSQL (hq-lib.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hq-lib.sh"
plan 45

export OKNO_NOW=2026-11-28T22:00:00+03:00
hq_branches A=MSK-014 B=MSK-022
batches() { q "SELECT count(*) FROM okno.batches"; }
# refused WHAT BATCH-FOLDER LINE-ERE: the loader refuses it, names it and
# loads nothing of it.
refused() {
	n0=$(batches)
	out=$("$LOAD" "$2" 2>&1); rc=$?
	is "$rc $(batches)" "1 $n0" "$1: exit 1, nothing loaded"
	like "$out" "^$(basename "$2") refused: $3" "$1: the line says why"
}
# copy BATCH DIR: a copy of the batch under the same name in folder DIR.
copy() { mkdir -p "$2" && cp -r "$1" "$2/" && echo "$2/$(basename "$1")"; }
# The files' manifest computed again, as a forger would.
remanifest() {
	(cd "$1" && sha256sum tickets.csv ticket_events.csv ratings.csv \
	    appeals.csv appeal_events.csv inspections.csv window_events.csv \
	    bookings.csv BATCH > MANIFEST.sha256)
}
# pem KEYFILE: an okno key as openssl's PEM (PKCS#8 prefix of Ed25519).
pem() {
	echo '-----BEGIN PRIVATE KEY-----'
	{ printf '\060\056\002\001\000\060\005\006\003\053\145\160\004\042\004\040'
	  sed 's/^ed25519 //' "$1" | base64 -d; } | base64
	echo '-----END PRIVATE KEY-----'
}
pem "$T/MSK-014/batch.key" > "$T/a.pem"
pem "$T/MSK-022/batch.key" > "$T/b.pem"
resign() { openssl pkeyutl -sign -inkey "$2" -rawin \
    -in "$1/MANIFEST.sha256" -out "$1/MANIFEST.sig"; }

$A ticket issue pay >/dev/null
a1=$($A export --out "$T/out")
out=$("$LOAD" "$a1"); ok $? "a signed batch loads"
like "$out" "^$(basename "$a1") loaded 2 rows$" "its line"

# Renamed to a huge number: refused, and the genuine next one still loads.
big=$T/out/$(basename "$a1" | sed 's/-[0-9]*$/-999999999/')
cp -r "$a1" "$big"
refused "renamed to a huge number" "$big" "renamed \\(it is $(basename "$a1")\\)"
$A ticket issue meter >/dev/null
a2=$($A export --out "$T/out")
"$LOAD" "$a2" >/dev/null; ok $? "the genuine next batch loads after it"

# The same name, a changed row, the manifest recomputed.
f=$(copy "$a2" "$T/f1")
sed -i 's/meter/METER/' "$f/tickets.csv"
remanifest "$f"
refused "a loaded name, a changed row, a recomputed manifest" "$f" \
    "already loaded with other content"
resign "$f" "$T/a.pem"
refused "the same, even signed with the branch's own key" "$f" \
    "already loaded with other content"
is "$(q "SELECT count(*) FROM okno.tickets WHERE service = 'METER'")" 0 \
    "no row overwritten"

# A batch not loaded yet, altered.
$A ticket issue pay >/dev/null
a3=$($A export --out "$T/out")
f=$(copy "$a3" "$T/f2")
sed -i 's/,pay,/,meter,/' "$f/tickets.csv"
remanifest "$f"
refused "a changed row, a recomputed manifest" "$f" "bad signature"
resign "$f" "$T/b.pem"
refused "re-signed with another branch's key" "$f" "bad signature"
f=$(copy "$a3" "$T/f3")
rm "$f/MANIFEST.sig"
refused "without its signature" "$f" "not signed"

# Links and unknown files.
mkdir "$T/links"
ln -s "$a3" "$T/links/$(basename "$a3")"
refused "a link to a batch" "$T/links/$(basename "$a3")" \
    "the folder is a symbolic link"
f=$(copy "$a3" "$T/f4")
rm "$f/appeals.csv" && ln -s "$a3/appeals.csv" "$f/appeals.csv"
refused "a file that is a link" "$f" "appeals.csv is a symbolic link"
f=$(copy "$a3" "$T/f5")
echo 'rm -rf /' > "$f/run.sh"
refused "an unknown file" "$f" "unknown file run.sh"
f=$(copy "$a3" "$T/f6")
touch "$f/.hidden"
refused "a hidden unknown file" "$f" "unknown file .hidden"

# An unregistered branch.
q "DELETE FROM okno.branches WHERE branch = 'MSK-022'"
$B ticket issue pay >/dev/null
b1=$($B export --out "$T/out")
refused "a branch head office has not registered" "$b1" \
    "branch MSK-022 is not registered"
"$LOAD" --register $($B keygen --public) >/dev/null
ok $? "registered again from okno keygen --public"

"$LOAD" "$a3" >/dev/null; ok $? "the genuine batch loads"
# A signed batch whose number jumps far ahead.
sqlite3 "$T/MSK-014/okno.db" \
    "UPDATE sqlite_sequence SET seq = 5000 WHERE name = 'export_batches'"
$A ticket issue pay >/dev/null
j=$($A export --out "$T/out")
refused "a number jumping from 3 to 5001" "$j" \
    "its number jumps from 3 to 5001 \\(more than 1000\\)"
"$LOAD" --max-jump 5000 "$j" >/dev/null; ok $? "loaded with --max-jump 5000"

# A night: one batch stale (s1, after s2 was loaded), one forged, and two
# good ones of two branches; psql counted.
$A export --ack "$j"
$A ticket issue pay >/dev/null
s1=$($A export --out "$T/out")
$A ticket issue pay >/dev/null
s2=$($A export --out "$T/out")
"$LOAD" "$s2" >/dev/null || bail "s2"
$A ticket issue consult >/dev/null
s3=$($A export --out "$T/out")
forged=$T/out/$(basename "$s3" | sed 's/-[0-9]*$/-5009/')
cp -r "$s3" "$forged"
sed -i "s/-$(basename "$s3" | sed 's/.*-//'),,/-5009,,/;s/^seq,.*/seq,5009,,/" \
    "$forged/BATCH"
remanifest "$forged"
resign "$forged" "$T/b.pem"
mkdir "$T/bin"
cat > "$T/bin/psql" <<SH
#!/bin/sh
echo x >> "$T/psql.count"
exec $(command -v psql) "\$@"
SH
chmod +x "$T/bin/psql"
out=$(PATH=$T/bin:$PATH "$LOAD" "$s1" "$forged" "$s3" "$b1" 2>&1); rc=$?
is "$rc" 1 "the night: exit 1 (something refused)"
is "$(echo "$out" | sed -n 1p)" "$(basename "$s1") refused: older than \
$(basename "$s2") (already loaded); if the branch was restored from a backup, \
run okno export --restored there" "the stale batch: refused, named"
is "$(echo "$out" | sed -n 2p)" "$(basename "$forged") refused: bad signature" \
    "the forged one: refused, named"
like "$(echo "$out" | sed -n 3p)" "^$(basename "$s3") loaded [0-9]+ rows$" \
    "the good one of the same branch: loaded"
like "$(echo "$out" | sed -n 4p)" "^$(basename "$b1") loaded [0-9]+ rows$" \
    "the other branch's: loaded"
like "$(echo "$out" | sed -n 5p)" "^okno-load: 4 batches: 2 loaded \\([0-9]+ \
rows\\), 0 unchanged, 2 refused$" "the summary"
is "$(wc -l < "$T/psql.count" | tr -d ' ')" 2 \
    "two psql sessions: what head office knows, then the night"
is "$(q "SELECT count(*) FROM okno.tickets WHERE branch = 'MSK-014'
    AND service = 'consult'")" 1 "the good batch's rows are there"
is "$(q "SELECT sum(tickets) FROM okno.daily_queue WHERE branch = 'MSK-014'
    AND service = 'consult'")" 1 "and in the daily summary"
is "$(q "SELECT sum(tickets) FROM okno.daily_queue WHERE branch = 'MSK-014'")" \
    "$(q "SELECT count(*) FROM okno.tickets WHERE branch = 'MSK-014'")" \
    "the summary counts the branch's loaded tickets, the forged batch's none"

# The same night again: nothing rewritten, not even a row version.
xmins() { q "SELECT string_agg(branch || id || ':' || xmin, ' '
    ORDER BY branch, id) FROM (SELECT branch, id::text, xmin FROM okno.tickets
    UNION ALL SELECT branch, id::text, xmin FROM okno.ticket_events
    UNION ALL SELECT branch, day || service, xmin FROM okno.daily_queue
    UNION ALL SELECT branch, 'tz', xmin FROM okno.branches) r"; }
before=$(xmins)
rm "$T/psql.count"
out=$(PATH=$T/bin:$PATH "$LOAD" "$a1" "$a2" "$a3" "$j" "$s2" "$s3" "$b1")
is "$?" 0 "loading the good batches again: exit 0"
is "$(echo "$out" | grep -c ' unchanged$')" 7 "each one unchanged"
is "$(xmins)" "$before" "no row rewritten (same xmin), summaries included"
is "$(wc -l < "$T/psql.count" | tr -d ' ')" 1 \
    "one psql: the batches are not read again"
exit $((tap_failed > 0))
