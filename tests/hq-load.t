#!/bin/sh
# hq-load.t: head office's loader against a real PostgreSQL server
# (hq-lib.sh).  Batches of two branches, one loaded twice, give the rows of
# both, once; damaged, unsigned and stale batches are refused.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/hq-lib.sh"
plan 40

is "$(q 'SELECT 1')" 1 "a throw-away server on a socket in the test folder"

# Two branches, each with its own database, configuration and key;
# outcomes configured for the visit columns of tickets.csv.
export OKNO_NOW=2026-11-27T10:00:00+03:00
echo 'outcomes = ( { code = "paid"; name = "Оплата"; } );' >> "$T/okno.conf"
hq_branches A=MSK-014 B=MSK-022
$A ticket issue pay >/dev/null
$A ticket issue meter >/dev/null
echo pw-secret | $A user add ivanova --role manager >/dev/null || bail "user"
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

out=$("$LOAD" --init "$a1"); ok $? "--init updates the tables and loads"
like "$out" "^MSK-014-[0-9T]*-1 loaded 12 rows$" "one line for the batch"
like "$out" "okno-load: 1 batches: 1 loaded \(12 rows\), 0 unchanged, 0 \
refused" "and a summary"
"$LOAD" "$b1" >/dev/null; ok $? "second branch loaded"
before=$(q "SELECT string_agg(branch || id || xmin, ' ' ORDER BY branch, id)
    FROM okno.ticket_events")
out=$("$LOAD" "$a1"); ok $? "the first batch again"
like "$out" "^MSK-014-[0-9T]*-1 unchanged$" "it is unchanged"
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
q "INSERT INTO okno.inspections (branch, id) VALUES ('X', 1)"
q "ALTER TABLE okno.inspections RENAME COLUMN kind TO auditor"
out=$("$LOAD" --init 2>&1)
like "$out" "convert it by hand" "an old table with rows is not dropped"
q "ALTER TABLE okno.inspections RENAME COLUMN auditor TO kind"
q "DELETE FROM okno.inspections"

# The next night: changes of branch A after its ack.  A batch exported
# and lost on the way (a2) arrives after the next one (a3) was loaded.
$A export --ack "$a1"
export OKNO_NOW=2026-11-27T11:00:00+03:00
$A ticket finish 1 --outcome paid --resolved --account 1234567890 \
    >/dev/null
a2=$($A export --out "$T/out")
a3=$($A export --out "$T/out")
"$LOAD" "$a3" >/dev/null; ok $? "the next batch of branch A"
is "$(q "SELECT status FROM okno.tickets WHERE branch = 'MSK-014'
    AND id = 1")" finished "a changed row is updated"
is "$(q "SELECT account || ' ' || outcomes || ' ' || resolved || ' ' ||
    coalesce(category, '-') FROM okno.tickets WHERE branch = 'MSK-014'
    AND id = 1")" "1234567890 paid true -" \
    "the visit's account, outcomes and resolved loaded"
is "$(q "SELECT count(*) FROM okno.ticket_events")" 7 "a new event added"
out=$("$LOAD" "$a2" 2>&1); rc=$?
ok "$([ $rc -ne 0 ]; echo $?)" "an older batch after a newer one: refused"
like "$out" "older than" "the message says why"
is "$(q "SELECT status FROM okno.tickets WHERE branch = 'MSK-014'
    AND id = 1")" finished "and the newer values stay"

# A damaged batch loads nothing.
bad=$T/out/$(basename "$b1" | sed 's/-[0-9]*$/-99/')
cp -r "$b1" "$bad"
sed -i 's/pay/PAY/' "$bad/tickets.csv"
out=$("$LOAD" "$bad" 2>&1); rc=$?
ok "$([ $rc -ne 0 ]; echo $?)" "a batch that fails its manifest: refused"
like "$out" "manifest" "the message says why"
is "$(q "SELECT count(*) FROM okno.tickets WHERE service = 'PAY'")" 0 \
    "nothing of it loaded"
out=$("$LOAD" "$T/out/not-a-batch" 2>&1); is $? 1 "not a batch name: exit 1"
like "$out" "not-a-batch refused: not a batch folder name" "named"

# A batch of an okno before signatures (no key) is refused: head office
# cannot tell it from a forgery.
$B export --ack "$b1"
$B ticket finish 2 >/dev/null
mv "$T/MSK-022/batch.key" "$T/MSK-022/batch.key.aside"
b2=$($B export --out "$T/out" 2>"$T/err")
like "$(cat "$T/err")" "not signed" "okno export warns of a batch without a key"
out=$("$LOAD" "$b2" 2>&1); rc=$?
ok "$([ $rc -ne 0 ]; echo $?)" "an unsigned batch: refused"
like "$out" "refused: not signed" "the line says so"
mv "$T/MSK-022/batch.key.aside" "$T/MSK-022/batch.key"
# A listed data file that is gone is damage.
b3=$($B export --out "$T/out")
rm "$b3/window_events.csv"
out=$("$LOAD" "$b3" 2>&1); rc=$?
ok "$([ $rc -ne 0 ]; echo $?)" "a listed but missing window_events.csv: refused"
b4=$($B export --out "$T/out")
"$LOAD" "$b4" >/dev/null; ok $? "the next signed batch of that branch loads"
is "$(q "SELECT status FROM okno.tickets WHERE branch = 'MSK-022'
    AND id = 1")" finished "and its rows are there"
exit $((tap_failed > 0))
