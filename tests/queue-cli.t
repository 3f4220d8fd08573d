#!/bin/sh
# queue-cli.t: the queue's command line contract (SPEC's table).
. "$(dirname "$0")/lib.sh"
plan 60

export OKNO_NOW=2026-12-30T10:00:00+03:00

out=$("$OKNO" ticket issue pay 2>&1); rc=$?
is "$rc" 66 "no database yet: exit 66"
like "$out" "okno init" "the message says to run okno init"

"$OKNO" init >/dev/null; ok $? "init creates the database"
"$OKNO" init >/dev/null; ok $? "init again is harmless"
is "$(stat -c %a "$T/okno.db")" 660 "database file is 0660"
is "$(sqlite3 "$T/okno.db" 'PRAGMA journal_mode')" wal "WAL journal"
ls -l "$T" | grep -q -- '-rw-rw-r' ; is $? 1 "no file readable by others"

is "$("$OKNO" ticket issue pay)" A001 "issue prints the number"
is "$("$OKNO" ticket issue pay)" A002 "next number"
is "$("$OKNO" ticket issue meter --priority)" B001 "priority ticket"
is "$("$OKNO" -d "$T/okno.db" ticket issue consult)" K001 "-d FILE works"
is "$(OKNO_DB=$T/okno.db "$OKNO" ticket issue consult)" K002 "\$OKNO_DB works"

out=$("$OKNO" ticket issue nosuch 2>&1); rc=$?
is "$rc" 65 "unknown service: exit 65"
like "$out" "^okno: .*nosuch" "one line okno: ... naming the service"

is "$("$OKNO" queue --csv | head -1)" "service,prefix,waiting,longest_wait_s" \
    "queue --csv header"
is "$(OKNO_NOW=2026-12-30T10:05:00+03:00 "$OKNO" queue --csv | grep '^pay,')" \
    "pay,A,2,300" "pay: 2 waiting, longest 5 min"

is "$("$OKNO" ticket call 1)" B001 "window 1 calls the priority ticket first"
export OKNO_NOW=2026-12-30T10:01:00+03:00	# no double press
is "$("$OKNO" ticket call 1)" A001 "then the earliest"
is "$("$OKNO" windows --csv | sed -n 2p)" "1,serving,A001," \
    "windows --csv shows window 1 serving A001"
is "$("$OKNO" ticket recall 1)" A001 "recall prints the number"
is "$("$OKNO" ticket transfer 1 recalc)" A001 "transfer"
is "$("$OKNO" ticket call 3)" A001 "window 3 (recalc) calls the transferred ticket"
is "$("$OKNO" ticket postpone 3 5)" A001 "postpone"
is "$("$OKNO" ticket finish 3 2>/dev/null; echo $?)" 3 \
    "finish with no current ticket: exit 3"
is "$("$OKNO" ticket call 1)" A002 "window 1 next"
is "$("$OKNO" ticket noshow 1)" A002 "no-show"
"$OKNO" ticket call 2 >/dev/null 2>&1
is "$?" 3 "nothing waits for window 2: exit 3"
is "$(OKNO_NOW=2026-12-30T10:06:00+03:00 "$OKNO" ticket call 3)" A001 \
    "the postponed ticket comes back after 5 min"

out=$("$OKNO" window pause 4 2>&1); is $? 64 "pause without --reason: usage"
"$OKNO" window pause 4 --reason "обед"; ok $? "pause with a reason"
is "$("$OKNO" windows --csv | grep '^4,')" "4,paused,," "window 4 paused"
out=$("$OKNO" ticket call 4 2>&1); is $? 1 "a paused window cannot call"
"$OKNO" window resume 4; ok $? "resume"

out=$("$OKNO" ticket call 99 2>&1); is $? 65 "unknown window: exit 65"
out=$("$OKNO" ticket call x 2>&1); is $? 64 "not a number: exit 64"
out=$("$OKNO" ticket frobnicate 1 2>&1); is $? 64 "unknown verb: exit 64"
out=$("$OKNO" nosuchcommand 2>&1); is $? 64 "unknown command: exit 64"
out=$(OKNO_NOW=yesterday "$OKNO" queue --csv 2>&1); is $? 64 "bad OKNO_NOW: exit 64"

is "$("$OKNO" day close)" "2 waiting tickets cancelled" "day close cancels what waits"
is "$(sqlite3 "$T/okno.db" "SELECT count(*) FROM tickets WHERE status IN ('waiting','postponed')")" \
    0 "nothing waits after closing the day"

# The manager named on the command line is a user who serves clients.
staff olga
echo pw-secret | "$OKNO" user add aud --role auditor >/dev/null || bail "auditor"
out=$("$OKNO" window open 3 --manager ghost 2>&1)
is $? 65 "window open --manager: an unknown login is bad data (65)"
is "$out" "okno: no user 'ghost' (okno user list shows them)" \
    "one line that says so"
out=$("$OKNO" window open 3 --manager aud 2>&1)
is $? 65 "an auditor does not serve clients: 65"
"$OKNO" window open 3 --manager olga; ok $? "olga (a manager) opens window 3"
staff pavel
out=$("$OKNO" window open 3 --manager pavel 2>&1)
is "$?:$out" "1:okno: window 3 is open for olga; close it first (okno window close 3)" \
    "another manager's window is not taken over"
like "$("$OKNO" windows --csv | grep '^3,')" "^3,[a-z]+,[A-Z0-9]*,olga$" \
    "olga keeps it"

# check-config names the database the commands would use.
like "$("$OKNO" check-config)" "^Database: $T/okno.db$" \
    "check-config: the configured database"
like "$(OKNO_DB=$T/other.db "$OKNO" check-config)" \
    "^Database used: $T/other.db \(-d or OKNO_DB\)$" "and OKNO_DB's when set"
# and the reports folder, beside the database unless okno.conf names one.
like "$("$OKNO" check-config)" "^Reports folder: $T/reports$" \
    "check-config: the reports folder beside the database"
like "$(OKNO_DB=$T/sub/other.db "$OKNO" check-config)" \
    "^Reports folder used: $T/sub/reports$" "beside OKNO_DB's when set"

# A bad option is said in an "okno:" line, like every other error.
out=$("$OKNO" ticket issue pay --foo 2>&1); rc=$?
is "$rc:$(echo "$out" | head -1)" "64:okno: issue: unrecognized option '--foo'" \
    "a command's unknown option: exit 64, an okno: line"
out=$("$OKNO" -x queue 2>&1); rc=$?
is "$rc:$(echo "$out" | head -1):$(echo "$out" | wc -l)" \
    "64:okno: invalid option -- 'x':1" "okno's own: the same, one line"
out=$("$OKNO" ticket issue 2>&1); rc=$?
like "$rc:$out" "^64:okno: usage: okno ticket issue SERVICE" \
    "a missing argument: exit 64, the usage as one okno: line"

# The next morning olga's window from yesterday is closed by the first
# change of the day, so pavel can open it; the log says why it closed.
export OKNO_NOW=2026-12-31T09:00:00+03:00
"$OKNO" ticket issue pay >/dev/null
is "$("$OKNO" windows --csv | grep '^3,')" "3,closed,," \
    "a window left open from yesterday is closed by today's first change"
is "$(sqlite3 "$T/okno.db" "SELECT event || ' ' || manager || ' ' || reason
    FROM window_events WHERE window = 3 ORDER BY id DESC LIMIT 1")" \
    "closed olga day not closed" "logged: closed, olga's, day not closed"
"$OKNO" window open 3 --manager pavel; ok $? "pavel opens it this morning"

# A call within 5 s of the window's last one is a double press (a sticky
# key): the ticket just called is not finished, nothing changes; exit 3
# and one okno: line say so.  From 5 s on the call works as ever.
"$OKNO" ticket issue pay >/dev/null
is "$("$OKNO" ticket call 1)" A001 "the morning's first call at window 1"
out=$(OKNO_NOW=2026-12-31T09:00:04+03:00 "$OKNO" ticket call 1 2>&1)
is "$?:$out" "3:okno: A001 was called 4 s ago: call ignored; call again in 1 s" \
    "a second call 4 s later: exit 3, one okno: line"
is "$(sqlite3 "$T/okno.db" "SELECT group_concat(number || ':' || status, ' ')
    FROM (SELECT number, status FROM tickets WHERE day = '2026-12-31'
    ORDER BY id)")" "A001:called A002:waiting" \
    "A001 is still in service, A002 still waits"
is "$(OKNO_NOW=2026-12-31T09:00:05+03:00 "$OKNO" ticket call 1)" A002 \
    "5 s after the first, the call finishes A001 and calls A002"
