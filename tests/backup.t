#!/bin/sh
# backup.t: the backup recipe of okno-setup(7) (SQLite's online backup by
# the sqlite3 shell, taken while terminals write) gives a database okno
# opens and checks, holding every ticket committed before it began; and
# a restored copy goes on working.
. "$(dirname "$0")/lib.sh"
plan 6

export OKNO_NOW=2026-12-30T11:00:00+03:00
"$OKNO" init >/dev/null || bail "init failed"
i=0
while [ $i -lt 40 ]; do
	"$OKNO" ticket issue pay >/dev/null || bail "issue"
	i=$((i + 1))
done
before=$(sqlite3 "$T/okno.db" "SELECT count(*) FROM tickets")

# Two writers keep going while the backup runs.
writer() {
	while [ ! -e "$T/stop" ]; do
		"$OKNO" ticket issue "$1" >/dev/null 2>>"$T/werr" || break
	done
}
writer pay & w1=$!
writer meter & w2=$!
sleep 0.3
sqlite3 -cmd ".timeout 10000" "$T/okno.db" ".backup '$T/copy.db'"
rc=$?
touch "$T/stop"
wait $w1 $w2
is "$rc" 0 "sqlite3 .backup succeeds while two processes write"
is "$(cat "$T/werr" 2>/dev/null)" "" "the writers saw no error"
is "$(sqlite3 "$T/copy.db" "PRAGMA integrity_check")" ok \
    "the copy passes integrity_check"
n=$(sqlite3 "$T/copy.db" "SELECT count(*) FROM tickets")
ok "$([ "$n" -ge "$before" ]; echo $?)" \
    "it holds every ticket committed before ($n >= $before)"
is "$(sqlite3 "$T/copy.db" "SELECT count(*) FROM tickets t WHERE NOT
    EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND
    e.event = 'issued')")" 0 "no ticket without its event"

# Restored: the copy in the database's place, the old journals aside.
mkdir "$T/old"
mv "$T/okno.db" "$T/okno.db-wal" "$T/okno.db-shm" "$T/old/" 2>/dev/null
cp "$T/copy.db" "$T/okno.db"
"$OKNO" init >/dev/null && num=$("$OKNO" ticket issue pay) &&
    "$OKNO" ticket call 1 >/dev/null
is "$("$OKNO" windows --csv | grep '^1,')" "1,serving,A001," \
    "the restored database works: it issues ($num) and calls the oldest"
