#!/bin/sh
# hq-load.t: head office's loader against a real PostgreSQL server: a
# throw-away cluster in a temporary folder, on a Unix socket there only,
# run as an unprivileged user when the tests run as root.  Batches of two
# branches, one loaded twice, give the rows of both, once.
. "$(dirname "$0")/lib.sh"

pgbin=
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && pgbin=$d
done
[ -n "$pgbin" ] || skip_all "PostgreSQL server binaries not installed"
command -v psql >/dev/null || skip_all "psql not installed"
plan 35

LOAD=$SRC/packaging/hq/okno-load
PG=$T/pg
mkdir "$PG"
# as_pg CMD...: runs a server command as the cluster's owner.
if [ "$(id -u)" = 0 ]; then
	pguser=nobody
	chmod 0711 "$T"		# nobody must reach $T/pg, nothing more
	chown "$pguser" "$PG"
	as_pg() { runuser -u "$pguser" -- "$@"; }
else
	as_pg() { "$@"; }
fi
chmod 0700 "$PG"
stop_pg() {
	as_pg "$pgbin/pg_ctl" -D "$PG/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$T"
}
trap stop_pg EXIT
trap 'exit 1' INT TERM HUP

as_pg "$pgbin/initdb" -D "$PG/data" -U hq -A trust -E UTF8 \
    --locale=C.UTF-8 >"$PG/initdb.log" 2>&1 ||
    { cat "$PG/initdb.log" >&2; bail "initdb failed"; }
as_pg "$pgbin/pg_ctl" -D "$PG/data" -l "$PG/server.log" -w \
    -o "-c listen_addresses= -k $PG -c fsync=off" start >/dev/null ||
    { cat "$PG/server.log" >&2; bail "the server did not start"; }
export PGHOST=$PG PGUSER=hq PGDATABASE=postgres
q() { psql -X -A -t -q -c "$1"; }
is "$(q 'SELECT 1')" 1 "a throw-away server on a socket in the test folder"

# Two branches, each with its own database and configuration; outcomes
# configured for the visit columns of tickets.csv.
export OKNO_NOW=2026-11-27T10:00:00+03:00
echo 'outcomes = ( { code = "paid"; name = "Оплата"; } );' >> "$T/okno.conf"
sed -e 's/code = "MSK-014"/code = "MSK-022"/' \
    -e "s|$T/okno.db|$T/b.db|" "$T/okno.conf" > "$T/b.conf"
A="$OKNO -c $T/okno.conf"
B="$OKNO -c $T/b.conf"
$A init >/dev/null && $B init >/dev/null || bail "init"
$A ticket issue pay >/dev/null
$A ticket issue meter >/dev/null
echo pw | $A user add ivanova --role manager >/dev/null || bail "user"
$A window open 1 --manager ivanova >/dev/null
$A ticket call 1 >/dev/null
$A appeal add --kind question --channel in_person --client-type individual \
    --name '=HYPERLINK("x")' --topic T >/dev/null || bail "appeal A"
$B ticket issue pay >/dev/null
$B window open 2 >/dev/null
$B ticket call 2 >/dev/null
$B appeal add --kind question --channel in_person --client-type individual \
    --name "'quoted" --topic T >/dev/null || bail "appeal B"
$B ticket issue consult >/dev/null
$A inspection add --date 2026-11-26 --kind internal --inspector '-Петров' \
    --result U1=met --result 'U2=not_met:=1+1' >/dev/null || bail "inspection"
$A window open 3 >/dev/null
$A window pause 3 --reason '=tech' >/dev/null || bail "pause"
a1=$($A export --out "$T/out")
b1=$($B export --out "$T/out")

"$LOAD" --init "$a1" >/dev/null; ok $? "--init creates the tables and loads"
"$LOAD" "$b1" >/dev/null; ok $? "second branch loaded"
before=$(q "SELECT string_agg(branch || id || xmin, ' ' ORDER BY branch, id)
    FROM okno.ticket_events")
"$LOAD" "$a1" >/dev/null; ok $? "the first batch again"
is "$(q "SELECT branch, count(*) FROM okno.tickets GROUP BY 1 ORDER BY 1" |
    tr '\n' ' ')" "MSK-014|2 MSK-022|2 " "tickets of both branches, once"
is "$(q "SELECT count(*) FROM okno.ticket_events")" 6 "events of both, once"
is "$(q "SELECT string_agg(branch || id || xmin, ' ' ORDER BY branch, id)
    FROM okno.ticket_events")" "$before" \
    "loading a batch again rewrites no row (same xmin)"
is "$(q "SELECT count(*) FROM okno.batches")" 2 "two batches recorded"
is "$(q "SELECT count(*) FROM okno.window_events")" 4 \
    "window events of both branches, once"
is "$(q "SELECT string_agg(event || ' ' || \"window\" || ' ' ||
    coalesce(manager, '-') || ' ' || coalesce(reason, '-'), '|' ORDER BY id)
    FROM okno.window_events WHERE branch = 'MSK-014'")" \
    "opened 1 ivanova -|opened 3 - -|paused 3 - =tech" \
    "window events with their pause reason, the guard stripped"
is "$(q "SELECT client_name FROM okno.appeals WHERE branch = 'MSK-014'")" \
    '=HYPERLINK("x")' "the formula guard is stripped"
is "$(q "SELECT client_name FROM okno.appeals WHERE branch = 'MSK-022'")" \
    "'quoted" "a cell that began with ' keeps it"
is "$(q "SELECT issued_at = '2026-11-27 07:00:00+00' FROM okno.tickets
    WHERE branch = 'MSK-014' AND id = 1")" t "times keep their offset"
is "$(q "SELECT priority::text || status FROM okno.tickets
    WHERE branch = 'MSK-014' AND id = 1")" "falsecalled" "typed columns"
is "$(q "SELECT string_agg(criterion || ' ' || result || ' ' || kind || ' '
    || date || ' ' || inspector || ' ' || coalesce(comment, '-'), '|'
    ORDER BY id) FROM okno.inspections")" \
    "U1 met internal 2026-11-26 -Петров -|U2 not_met internal 2026-11-26 \
-Петров =1+1" "inspection results, one row each, guards stripped"
is "$(q "SELECT count(DISTINCT inspection_id) || ' ' ||
    bool_and(recorded_at = '2026-11-27 07:00:00+00')
    FROM okno.inspections")" "1 true" "results carry their inspection"

# The first hq schema had placeholder inspection columns; an empty table of
# that shape is replaced by --init, one with rows is left for a person.
q "DROP TABLE okno.inspections; CREATE TABLE okno.inspections (branch text,
    id bigint, at timestamptz, auditor text, PRIMARY KEY (branch, id))"
"$LOAD" --init >/dev/null 2>&1; ok $? "--init over the old inspections table"
is "$(q "SELECT count(*) FROM information_schema.columns WHERE
    table_schema = 'okno' AND table_name = 'inspections'")" 12 \
    "it has the current columns"
"$LOAD" "$a1" >/dev/null
q "ALTER TABLE okno.inspections RENAME COLUMN kind TO auditor"
out=$("$LOAD" --init 2>&1)
like "$out" "convert it by hand" "an old table with rows is not dropped"
q "ALTER TABLE okno.inspections RENAME COLUMN auditor TO kind"

# The next night: changes of branch A after its ack.
$A export --ack "$a1"
export OKNO_NOW=2026-11-27T11:00:00+03:00
$A ticket finish 1 --outcome paid --resolved --account 1234567890 \
    >/dev/null
a2=$($A export --out "$T/out")
"$LOAD" "$a2" >/dev/null; ok $? "the next batch of branch A"
is "$(q "SELECT status FROM okno.tickets WHERE branch = 'MSK-014'
    AND id = 1")" finished "a changed row is updated"
is "$(q "SELECT account || ' ' || outcomes || ' ' || resolved || ' ' ||
    coalesce(category, '-') FROM okno.tickets WHERE branch = 'MSK-014'
    AND id = 1")" "1234567890 paid true -" \
    "the visit's account, outcomes and resolved loaded"
is "$(q "SELECT count(*) FROM okno.ticket_events")" 7 "a new event added"
out=$("$LOAD" "$a1" 2>&1); rc=$?
ok "$([ $rc -ne 0 ]; echo $?)" "an older batch after a newer one: refused"
like "$out" "older than" "the message says why"
is "$(q "SELECT status FROM okno.tickets WHERE branch = 'MSK-014'
    AND id = 1")" finished "and the newer values stay"

# A damaged batch loads nothing.
cp -r "$b1" "$T/bad"
bad=$T/out/$(basename "$b1" | sed 's/-[0-9]*$/-99/')
mv "$T/bad" "$bad"
sed -i 's/pay/PAY/' "$bad/tickets.csv"
out=$("$LOAD" "$bad" 2>&1); rc=$?
ok "$([ $rc -ne 0 ]; echo $?)" "a batch that fails its manifest: refused"
like "$out" "manifest" "the message says why"
is "$(q "SELECT count(*) FROM okno.tickets WHERE service = 'PAY'")" 0 \
    "nothing of it loaded"
out=$("$LOAD" "$T/out/not-a-batch" 2>&1); is $? 1 "not a batch name: exit 1"

# A branch still on an okno before window events sends no
# window_events.csv (nor its manifest line): the batch loads all the same.
$B export --ack "$b1"
$B ticket finish 2 >/dev/null
b2=$($B export --out "$T/out")
rm "$b2/window_events.csv"
sed -i '/  window_events\.csv$/d' "$b2/MANIFEST.sha256"
# ... nor the visit columns of tickets.csv.
cut -d, -f1-7 "$b2/tickets.csv" > "$T/tickets.old"
mv "$T/tickets.old" "$b2/tickets.csv"
sed -i '/  tickets\.csv$/d' "$b2/MANIFEST.sha256"
(cd "$b2" && sha256sum tickets.csv) >> "$b2/MANIFEST.sha256"
is "$(head -1 "$b2/tickets.csv")" \
    "branch,id,number,service,priority,issued_at,status" \
    "an older branch's tickets.csv ends at status"
"$LOAD" "$b2" >/dev/null; ok $? "a batch without window_events.csv loads"
is "$(q "SELECT status FROM okno.tickets WHERE branch = 'MSK-022'
    AND id = 1")" finished "and its rows are there"
is "$(q "SELECT count(*) FROM okno.tickets WHERE branch = 'MSK-022'
    AND account IS NULL AND outcomes IS NULL AND resolved IS NULL")" 2 \
    "its visit columns empty"
# But a manifest that names it while the file is gone is damage.
b3=$T/out/$(basename "$b2" | sed 's/-[0-9]*$/-98/')
cp -r "$b2" "$b3"
echo "0000000000000000000000000000000000000000000000000000000000000000  window_events.csv" >> "$b3/MANIFEST.sha256"
out=$("$LOAD" "$b3" 2>&1); rc=$?
ok "$([ $rc -ne 0 ]; echo $?)" "a listed but missing window_events.csv: refused"
exit $((tap_failed > 0))
