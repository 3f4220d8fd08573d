#!/bin/sh
# undo-cli.t: a finish or a no-show taken back (`okno ticket undo WINDOW`,
# issue 19): within queue.undo minutes and before the window's next call;
# the log keeps both steps, the report counts what stands.  A postponed
# ticket comes back to the window that postponed it (queue.return_grace).
. "$(dirname "$0")/lib.sh"
plan 28

at() { OKNO_NOW="2026-12-30T$1:00+03:00"; export OKNO_NOW; }
q() { sqlite3 "$T/okno.db" "$1"; }

at 10:00
"$OKNO" init >/dev/null || bail "init"
"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket issue pay >/dev/null

out=$("$OKNO" ticket undo 1 2>&1); rc=$?
is "$rc" 3 "nothing done at the window yet: exit 3"
like "$out" "^okno: .*undo" "one line saying so"

is "$("$OKNO" ticket call 1)" A001 "window 1 calls A001"
at 10:02
is "$("$OKNO" ticket noshow 1)" A001 "A001 did not come"
at 10:03
is "$("$OKNO" ticket undo 1)" A001 "a minute later the no-show is undone: the number"
is "$("$OKNO" windows --csv | sed -n 2p)" "1,serving,A001," \
    "window 1 serves A001 again"
is "$(q "SELECT status || ',' || coalesce(closed_at, '-') FROM tickets
    WHERE number = 'A001'")" "called,-" "the ticket is in service, not closed"
is "$(q "SELECT group_concat(event, ' ') FROM (SELECT event FROM
    ticket_events WHERE ticket_id = 1 ORDER BY id)")" \
    "issued called noshow undone" "the log keeps the no-show and adds undone"
is "$(q "SELECT note FROM ticket_events WHERE event = 'undone'")" noshow \
    "undone names the step taken back"
"$OKNO" ticket undo 1 >/dev/null 2>&1
is "$?" 3 "undo twice: nothing more to undo"

at 10:10
is "$("$OKNO" ticket finish 1)" A001 "A001 finished at 10:10"
at 10:12
"$OKNO" ticket undo 1 >/dev/null; ok $? "the finish undone at 10:12"
at 10:15
"$OKNO" ticket finish 1 >/dev/null; ok $? "and finished again at 10:15"
# Service: 10:00-10:02 (to the no-show), 10:03-10:10, 10:12-10:15.
is "$(q "SELECT service_s || ',' || wait_s FROM tickets WHERE number = 'A001'")" \
    "720,0" "service time: the segments, resuming at each undo (12 min)"
rep=$("$OKNO" report --from 2026-12-30 --to 2026-12-30 --csv | grep '^all,')
is "$(echo "$rep" | cut -d, -f3-5)" "3,1,0" \
    "report: 3 tickets, 1 served, no no-show (the undone one stands not)"
is "$(echo "$rep" | cut -d, -f11)" 720 "report: the service average is 720 s"
is "$("$OKNO" report --from 2026-12-30 --to 2026-12-30 --windows --csv |
    grep '^window,1,')" "window,1,900,720,0,180,180,1" \
    "windows report: serving 720 s as the ticket, the gaps idle, one call"

at 10:25
"$OKNO" ticket undo 1 >/dev/null 2>&1
is "$?" 3 "ten minutes later: too late (queue.undo = 5)"

at 10:26
is "$("$OKNO" ticket call 1)" A002 "window 1 calls A002"
at 10:27
"$OKNO" ticket noshow 1 >/dev/null
at 10:28
is "$("$OKNO" ticket call 1)" A003 "and then A003"
"$OKNO" ticket undo 1 >/dev/null 2>&1
is "$?" 3 "after the next call the no-show of A002 stands: exit 3"
"$OKNO" ticket finish 1 >/dev/null
is "$("$OKNO" ticket undo 2 2>/dev/null; echo $?)" 3 \
    "another window has nothing to undo"

# Postponed: back to its own window first.
at 11:00
"$OKNO" ticket issue pay >/dev/null	# A004
"$OKNO" ticket issue pay >/dev/null	# A005
is "$("$OKNO" ticket call 1)" A004 "window 1 calls A004"
"$OKNO" ticket postpone 1 5 >/dev/null
at 11:01
"$OKNO" ticket finish 1 >/dev/null 2>&1
"$OKNO" window open 2 >/dev/null
at 11:06
is "$("$OKNO" ticket call 2)" A005 \
    "A004 is back but kept for window 1: window 2 takes A005"
at 11:07
is "$("$OKNO" ticket call 1)" A004 "window 1 calls its postponed A004"
"$OKNO" ticket postpone 1 5 >/dev/null
at 11:13
"$OKNO" ticket finish 2 >/dev/null
is "$("$OKNO" ticket call 2 2>/dev/null; echo $?)" 3 \
    "window 2 does not take A004 within the grace"
at 11:22
is "$("$OKNO" ticket call 2)" A004 \
    "after the grace (queue.return_grace = 10) window 2 takes it"
"$OKNO" ticket postpone 2 5 >/dev/null
"$OKNO" window close 2 >/dev/null
at 11:28
is "$("$OKNO" ticket call 1)" A004 \
    "postponed by window 2, now closed: window 1 takes it at once"
exit $((tap_failed > 0))
