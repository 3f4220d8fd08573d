#!/bin/sh
# hq-night.t: okno-load's night is one COPY per table and one statement
# per table for all its batches (issue 20 item 4), yet each batch still
# loads or is refused on its own: a night with two batches of one branch
# keeps the later row; a value PostgreSQL refuses while copying, and a
# row that cannot be stored, refuse that batch alone, the others load
# whole; loading the night again rewrites nothing.  A real PostgreSQL
# (hq-lib.sh); the forged batches are signed with their branch's own key
# (a branch that sends nonsense), so only the database can refuse them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hq-lib.sh"
plan 23

export OKNO_NOW=2026-11-30T10:00:00+03:00
hq_branches A=MSK-014 B=MSK-022 C=MSK-031
# pem KEYFILE: an okno key as openssl's PEM (PKCS#8 prefix of Ed25519).
pem() {
	echo '-----BEGIN PRIVATE KEY-----'
	{ printf '\060\056\002\001\000\060\005\006\003\053\145\160\004\042\004\040'
	  sed 's/^ed25519 //' "$1" | base64 -d; } | base64
	echo '-----END PRIVATE KEY-----'
}
# forge BATCH KEYFILE SED-SCRIPT FILE: FILE of the batch edited, its
# manifest computed again and signed with the key, as the branch would.
forge() {
	sed -i "$3" "$1/$4"
	(cd "$1" && for f in *.csv BATCH; do sha256sum "$f"; done \
	    >MANIFEST.sha256) || return 1
	pem "$2" >"$T/key.pem"
	openssl pkeyutl -sign -inkey "$T/key.pem" -rawin \
	    -in "$1/MANIFEST.sha256" -out "$1/MANIFEST.sig"
}
# A day at each branch: a ticket called at window 1.
for b in "$A" "$B" "$C"; do
	$b window open 1 >/dev/null && $b ticket issue pay >/dev/null &&
	    $b ticket call 1 >/dev/null || bail "a branch's day"
done
a1=$($A export --out "$T/n1")
export OKNO_NOW=2026-11-30T10:20:00+03:00
$A ticket finish 1 >/dev/null || bail "finish"
a2=$($A export --out "$T/n1")
b1=$($B export --out "$T/n1")
c1=$($C export --out "$T/n1")

# 1. Two batches of A in one night, in order: the ticket as the later
# one has it (a branch's rows are applied once, not twice).
out=$("$LOAD" "$a1" "$a2" "$b1" "$c1" 2>&1)
is "$?" 0 "a night of four batches, two of one branch: exit 0"
like "$out" "okno-load: 4 batches: 4 loaded" "all four loaded"
is "$(q "SELECT status FROM okno.tickets WHERE branch = 'MSK-014'")" \
    finished "the ticket as the later batch of the night has it"
is "$(q "SELECT count(*) FROM okno.batches")" 4 "each batch recorded"
is "$(q "SELECT tickets || ' ' || called FROM okno.daily_queue
    WHERE branch = 'MSK-014'")" "1 1" "the summaries of the night's rows"

# 2. A time that does not exist: okno verify refuses that batch alone,
# naming the cell; the others load.
export OKNO_NOW=2026-12-01T10:00:00+03:00
for b in "$A" "$B" "$C"; do
	$b ticket issue meter >/dev/null || bail "a second day"
done
a3=$($A export --out "$T/n2")
b2=$($B export --out "$T/n2")
c2=$($C export --out "$T/n2")
forge "$b2" "$T/MSK-022/batch.key" 's/2026-12-01T10:00:00/2026-13-01T10:00:00/' \
    tickets.csv || bail "forge b2"
out=$("$LOAD" "$a3" "$b2" "$c2" 2>&1)
is "$?" 1 "a refused batch: exit 1"
like "$out" "$(basename "$b2") refused: tickets.csv line [0-9]+: closed_at: not a time" \
    "the bad time refuses its batch, named"
like "$out" "$(basename "$a3") loaded [0-9]+ rows" "the batch before it loads"
like "$out" "$(basename "$c2") loaded [0-9]+ rows" "the batch after it loads"
is "$(q "SELECT branch || ' ' || count(*) FROM okno.tickets
    GROUP BY branch ORDER BY branch" | tr '\n' ' ')" \
    "MSK-014 2 MSK-022 1 MSK-031 2 " "nothing of the refused batch"

# 3. A ticket twice in one batch (rows that copy but cannot be stored
# together): the night's statements fail, so each batch is applied alone
# and only that one is refused; a row without an id is refused before.
export OKNO_NOW=2026-12-02T10:00:00+03:00
for b in "$A" "$B" "$C"; do
	$b ticket issue debt >/dev/null || bail "a third day"
done
a4=$($A export --out "$T/n3")
b3=$($B export --out "$T/n3")
c3=$($C export --out "$T/n3")
n=$(sed -n 's/^rows,tickets.csv,\([0-9]*\).*/\1/p' "$c3/BATCH")
sed -n '$p' "$c3/tickets.csv" >>"$c3/tickets.csv"
forge "$c3" "$T/MSK-031/batch.key" "s/^rows,tickets.csv,$n,/rows,tickets.csv,$((n + 1)),/" \
    BATCH || bail "forge c3"
forge "$b3" "$T/MSK-022/batch.key" 's/^MSK-022,[0-9]*,/MSK-022,,/' \
    tickets.csv || bail "forge b3"
out=$("$LOAD" "$a4" "$b3" "$c3" 2>&1)
is "$?" 1 "exit 1"
like "$out" "$(basename "$c3") refused: .*duplicate key" \
    "a ticket twice refuses its batch, in PostgreSQL's words"
like "$out" "$(basename "$b3") refused: tickets.csv: a row without an id" \
    "a ticket without an id refuses its batch"
like "$out" "$(basename "$a4") loaded [0-9]+ rows" "the other batch loads"
is "$(q "SELECT branch || ' ' || count(*) FROM okno.batches
    GROUP BY branch ORDER BY branch" | tr '\n' ' ')" \
    "MSK-014 4 MSK-022 1 MSK-031 2 " "the refused batches are not recorded"
is "$(q "SELECT branch || ' ' || count(*) FROM okno.tickets
    GROUP BY branch ORDER BY branch" | tr '\n' ' ')" \
    "MSK-014 3 MSK-022 1 MSK-031 2 " "none of their rows stored"

# 3b. A value PostgreSQL refuses although okno verify passed it (here a
# check this test adds to the session's staging table of tickets): the
# night's single COPY fails, so each batch is copied on its own, and only
# that batch is refused.
q "ALTER FUNCTION okno.night_begin() RENAME TO night_begin0" >/dev/null
q "CREATE FUNCTION okno.night_begin() RETURNS void LANGUAGE plpgsql AS \$\$
BEGIN
	PERFORM okno.night_begin0();
	ALTER TABLE s_tickets ADD CHECK (service IS DISTINCT FROM 'legal');
END \$\$" >/dev/null || bail "the test's staging check"
export OKNO_NOW=2026-12-03T10:00:00+03:00
$A ticket issue pay >/dev/null && $C ticket issue legal >/dev/null ||
    bail "a fourth day"
a5=$($A export --out "$T/n4")
c4=$($C export --out "$T/n4")
out=$("$LOAD" "$c4" "$a5" 2>&1)
is "$?" 1 "a batch PostgreSQL refuses at the copy: exit 1"
like "$out" "$(basename "$c4") refused: its rows did not load" \
    "that batch refused"
like "$out" "ERROR: .*s_tickets.*check" "psql's message follows"
like "$out" "$(basename "$a5") loaded [0-9]+ rows" \
    "the other batch, copied on its own, loads"
q "DROP FUNCTION okno.night_begin(); ALTER FUNCTION okno.night_begin0()
    RENAME TO night_begin" >/dev/null

# 4. The nights again: nothing rewritten, the refused ones refused again.
before=$(q "SELECT string_agg(branch || id || xmin, ' ' ORDER BY branch, id)
    FROM okno.tickets")
sums=$(q "SELECT string_agg(branch || day || service || xmin, ' '
    ORDER BY branch, day, service) FROM okno.daily_queue")
out=$("$LOAD" "$a1" "$a2" "$b1" "$c1" "$a3" "$c2" "$a4" "$a5" 2>&1)
like "$out" "okno-load: 8 batches: 0 loaded \(0 rows\), 8 unchanged" \
    "the loaded batches again: unchanged"
is "$(q "SELECT string_agg(branch || id || xmin, ' ' ORDER BY branch, id)
    FROM okno.tickets")" "$before" "no ticket rewritten"
is "$(q "SELECT string_agg(branch || day || service || xmin, ' '
    ORDER BY branch, day, service) FROM okno.daily_queue")" "$sums" \
    "no summary rewritten"
