#!/bin/sh
# supervise-cli.t: supervisor control and priority categories on the
# command line (issue 14.4, 14.5; SPEC "Visits"): ticket issue
# --category, ticket cancel, ticket call --number, ticket priority, each
# as the administrator or, with --by, a named supervisor (a manager is
# refused); queue.fair_after in the call order; the category group of
# report --csv and the printed report, checked against the tickets.
. "$(dirname "$0")/lib.sh"
plan 34

cat >>"$T/okno.conf" <<'CONF'
priorities = ( { code = "disabled"; name = "Инвалид"; },
               { code = "veteran"; name = "Ветеран"; } );
queue = { fair_after = 20; };
CONF
"$OKNO" check-config >/dev/null
ok $? "priorities and queue.fair_after are accepted"
cp "$T/okno.conf" "$T/bad.conf"
echo 'queue = { fair_after = 0; };' >>"$T/bad.conf"
out=$("$OKNO" -c "$T/bad.conf" check-config 2>&1); rc=$?
is "$rc" 78 "fair_after 0 is refused (exit 78)"
"$OKNO" init >/dev/null
staff anna
echo pw-sveta | "$OKNO" user add sveta --role supervisor >/dev/null
q() { sqlite3 "$T/okno.db" "$1"; }
at() { OKNO_NOW="2026-12-30T$1:00+03:00"; export OKNO_NOW; }

at 10:00
is "$("$OKNO" ticket issue pay)" A001 "an ordinary ticket at 10:00"
at 10:05
is "$("$OKNO" ticket issue pay --category disabled)" A002 \
    "--category: a ticket of a category"
is "$(q "SELECT priority || ':' || category FROM tickets
    WHERE number = 'A002'")" "1:disabled" "--category implies priority"
out=$("$OKNO" ticket issue pay --category nosuch 2>&1); rc=$?
is "$rc" 65 "an unknown category: exit 65"
like "$out" "^okno: .*nosuch" "one okno: line naming it"
is "$(q "SELECT count(*) FROM tickets")" 2 "and nothing stored"

# fair_after: at 10:21 A001 has waited 21 min and ranks as priority;
# it was issued before A002, so it goes first.
at 10:21
is "$("$OKNO" ticket issue pay --priority)" A003 "a new priority ticket"
is "$("$OKNO" ticket call 1)" A001 \
    "the ordinary ticket waiting 21 min is called first"
at 10:22
is "$("$OKNO" ticket call 1)" A002 "then the earliest priority ticket"

# cancel
at 10:23
is "$("$OKNO" ticket issue meter)" B001 "B001 waits"
is "$("$OKNO" ticket cancel A003 --reason "ушёл")" A003 \
    "ticket cancel prints the number"
is "$(q "SELECT t.status || ':' || coalesce(e.manager, '-') || ':' || e.note
    FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id
    WHERE t.number = 'A003' AND e.event = 'cancelled'")" \
    "cancelled:-:ушёл" "cancelled, with the reason (the administrator: no who)"
"$OKNO" ticket cancel A003 2>/dev/null
is $? 3 "cancelling it again: exit 3"
"$OKNO" ticket cancel A002 2>/dev/null
is $? 3 "a ticket in service: exit 3"
"$OKNO" ticket cancel Z999 2>/dev/null
is $? 3 "no such ticket today: exit 3"

# --by: a manager is refused, a supervisor is the actor and the who.
out=$("$OKNO" ticket cancel B001 --by anna 2>&1); rc=$?
is "$rc" 77 "--by a manager: refused (exit 77)"
like "$out" "^okno: .*supervisor" "saying only a supervisor may"
is "$(q "SELECT status FROM tickets WHERE number = 'B001'")" waiting \
    "and B001 still waits"
"$OKNO" ticket priority B001 --on --reason x --by anna 2>/dev/null
is $? 77 "priority --by a manager: exit 77"
"$OKNO" ticket call 1 --number B001 --by anna 2>/dev/null
is $? 77 "call --number --by a manager: exit 77"
"$OKNO" ticket priority B001 --on 2>/dev/null
is $? 64 "priority without --reason: usage, exit 64"
is "$("$OKNO" ticket priority B001 --on --category veteran \
    --reason "удостоверение" --by sveta)" B001 "a supervisor gives priority"
is "$(q "SELECT e.manager || ':' || e.note || ':' || t.category
    FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id
    WHERE t.number = 'B001' AND e.event = 'priority_given'")" \
    "sveta:veteran; удостоверение:veteran" "an event with who and why"
"$OKNO" ticket priority B001 --on --category nosuch --reason x 2>/dev/null
is $? 65 "an unknown category: exit 65"

# call --number
at 10:30
"$OKNO" ticket call 3 --number B001 2>/dev/null
is $? 3 "window 3 does not serve meter: exit 3"
is "$(q "SELECT status FROM tickets WHERE number = 'B001'")" waiting \
    "nothing changed"
is "$("$OKNO" ticket issue pay)" A004 "A004 waits"
is "$("$OKNO" ticket call 1 --number A004 --by sveta)" A004 \
    "call --number calls that ticket, past B001"
is "$(q "SELECT status FROM tickets WHERE number = 'A002'")" finished \
    "the window's ticket was finished first"
is "$(q "SELECT e.note FROM tickets t JOIN ticket_events e
    ON e.ticket_id = t.id WHERE t.number = 'A004' AND e.event = 'called'")" \
    "out of order by sveta" "the called event says out of order, by whom"

# Reports: the category group against the tickets themselves.
at 18:00
want=$(q "SELECT 'category,' || category || ',' || count(*) FROM tickets
    WHERE category IS NOT NULL GROUP BY category ORDER BY
    CASE category WHEN 'disabled' THEN 0 ELSE 1 END")
is "$("$OKNO" report --from 2026-12-30 --to 2026-12-30 --csv |
    grep '^category,' | cut -d, -f1-3)" "$want" \
    "report --csv: a category row per configured category, its tickets"
"$OKNO" report --from 2026-12-30 --to 2026-12-30 >"$T/rep.txt"
grep -q "By priority category" "$T/rep.txt" &&
    grep -Eq "^Инвалид +1 +1 " "$T/rep.txt"
ok $? "the printed report has the categories by name"
