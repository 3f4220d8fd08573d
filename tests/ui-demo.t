#!/bin/sh
# ui-demo.t: okno demo: a throw-away office with history, the demo logins,
# the role's screens, and nothing left behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"
plan 8

mkdir "$T/tmp"
start d xterm-256color env OKNO_NOW=2026-12-30T11:00:00+03:00 \
    TMPDIR="$T/tmp" "$OKNO" demo
wait_for d "demo: log in as demo" 100
ok $? "the demo starts at the login, showing the demo logins"
db=$(ls "$T"/tmp/okno-demo.*/okno.db)
is "$(sqlite3 "$db" "SELECT count(DISTINCT day) FROM tickets")" 4 \
    "history of three days and this morning"
is "$(sqlite3 "$db" "SELECT count(*) > 100 FROM tickets WHERE
    status = 'finished'")" 1 "with many finished visits"
login d demo demo
wait_for d "^ 2 +serving +boris"
ok $? "demo (supervisor) sees the hall: windows serving"
keys d F10
login d anna demo
wait_for d "Your window"
ok $? "anna (manager) is asked for her window"
keys d Enter
wait_for d "Window 1 .*free"
ok $? "and works at window 1"
keys d F10
wait_for d "Log in"
keys d F10
i=0
while [ $i -lt 100 ] && ls -d "$T"/tmp/okno-demo.* >/dev/null 2>&1; do
	sleep 0.05
	i=$((i + 1))
done
ok $(ls -d "$T"/tmp/okno-demo.* >/dev/null 2>&1; echo $((!$?))) \
    "leaving the demo removes its folder"
like "$(screen d)" "a throw-away office in" \
    "the demo printed how to open more terminals"
