#!/bin/sh
# supervise-migrate.t: schema step 9 (issue 14) on a database of step 8
# in use: ticket_events is rebuilt for its new event names with the same
# ids, the announcements that refer to it still do, the export's
# triggers on it survive (the next batch carries only what is new), and
# tickets gain category.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 missing"
plan 9

export OKNO_NOW=2026-12-30T10:00:00+03:00
"$OKNO" init >/dev/null
"$OKNO" ticket issue pay >/dev/null
"$OKNO" ticket call 1 >/dev/null
mkdir "$T/out"
b1=$("$OKNO" export --out "$T/out") || bail "export"
"$OKNO" export --ack "$(basename "$b1")" || bail "ack"
db=$T/okno.db

# Back to step 8 as it was: the old CHECK, none of the columns and
# tables of steps 9-12, the export's triggers, an announcement of the call.
sqlite3 "$db" <<'SQL' || bail "downgrade"
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE te8 (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  at INTEGER NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('issued', 'called', 'recalled',
    'finished', 'noshow', 'transferred', 'postponed', 'returned',
    'cancelled')),
  window INTEGER, manager TEXT, service TEXT NOT NULL, note TEXT);
INSERT INTO te8 SELECT * FROM ticket_events;
DROP TABLE ticket_events;
ALTER TABLE te8 RENAME TO ticket_events;
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
CREATE INDEX ticket_events_at ON ticket_events (at);
CREATE INDEX ticket_events_called ON ticket_events (at)
  WHERE event IN ('called', 'recalled');
CREATE TRIGGER export_ticket_events_ins AFTER INSERT ON ticket_events BEGIN
  DELETE FROM export_log WHERE tbl = 'ticket_events' AND row_id = NEW.id;
  INSERT INTO export_log (tbl, row_id) VALUES ('ticket_events', NEW.id); END;
CREATE TRIGGER export_ticket_events_upd AFTER UPDATE ON ticket_events BEGIN
  DELETE FROM export_log WHERE tbl = 'ticket_events' AND row_id = NEW.id;
  INSERT INTO export_log (tbl, row_id) VALUES ('ticket_events', NEW.id); END;
ALTER TABLE tickets DROP COLUMN category;
ALTER TABLE tickets DROP COLUMN back_to;
ALTER TABLE windows DROP COLUMN pid;
DROP TABLE export_epochs;
DROP TABLE export_epoch_forks;
DROP INDEX tickets_account;
DROP INDEX appeals_account;
ALTER TABLE tickets DROP COLUMN account;
ALTER TABLE tickets DROP COLUMN outcomes;
ALTER TABLE tickets DROP COLUMN resolved;
ALTER TABLE tickets DROP COLUMN account_purged_at;
ALTER TABLE tickets DROP COLUMN booking_id;
ALTER TABLE tickets DROP COLUMN booked_at;
DROP TABLE bookings;
INSERT INTO announcements (event_id, at, number, window, state)
  SELECT id, at, 'A001', 1, 'played' FROM ticket_events
  WHERE event = 'called';
PRAGMA user_version = 8;
COMMIT;
SQL
is "$(sqlite3 "$db" 'PRAGMA user_version')" 8 "a step-8 database"

export OKNO_NOW=2026-12-30T10:10:00+03:00
"$OKNO" ticket issue pay --category disabled 2>/dev/null
is $? 65 "okno opens it; a category not configured: exit 65"
cat >>"$T/okno.conf" <<'CONF'
priorities = ( { code = "disabled"; name = "Инвалид"; } );
CONF
is "$("$OKNO" ticket issue pay --category disabled)" A002 \
    "with it configured, a ticket with a category"
is "$(sqlite3 "$db" 'PRAGMA user_version')" 12 "now step 12 (9 and on)"
is "$("$OKNO" ticket priority A002 --off --reason test)" A002 \
    "the new events are accepted"
is "$(sqlite3 "$db" 'PRAGMA foreign_key_check')" "" \
    "every reference holds (announcements to ticket_events)"
is "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE type =
    'trigger' AND tbl_name = 'ticket_events'")" 2 \
    "the export's triggers on ticket_events are there"
b2=$("$OKNO" export --out "$T/out") || bail "export"
is "$(tail -n +2 "$b2/ticket_events.csv" | cut -d, -f5 | tr '\n' ' ')" \
    "issued priority_taken " \
    "the next batch carries only the new events"
is "$(sqlite3 "$db" "SELECT group_concat(id) FROM ticket_events")" \
    "1,2,3,4" "ids kept"
