/* schema.c: the database schema as numbered migrations, applied by db.c.
 *
 * Times are Unix seconds (INTEGER); branch-local dates are TEXT
 * YYYY-MM-DD.  Every table that head office receives has an updated_at
 * column so that the export can pick what changed since the last batch.
 */
#include "schema.h"

const char *const schema_migrations[] = {
/* 1: the electronic queue. */
"CREATE TABLE tickets ("
"  id         INTEGER PRIMARY KEY,"
"  day        TEXT    NOT NULL,"	/* branch-local issue date */
"  prefix     TEXT    NOT NULL,"
"  seq        INTEGER NOT NULL,"
"  number     TEXT    NOT NULL,"	/* prefix || seq, 3 digits */
"  service    TEXT    NOT NULL,"	/* current, finally the final service */
"  priority   INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),"
"  issued_at  INTEGER NOT NULL,"
"  status     TEXT    NOT NULL CHECK (status IN ('waiting', 'called',"
"               'postponed', 'finished', 'noshow', 'cancelled')),"
"  window     INTEGER,"		/* serving window; after: the last one */
"  manager    TEXT,"		/* manager of the last service segment */
"  wait_since INTEGER,"		/* start of the open wait segment */
"  called_at  INTEGER,"		/* start of the open service segment */
"  return_at  INTEGER,"		/* a postponed ticket comes back then */
"  wait_s     INTEGER NOT NULL DEFAULT 0,"	/* closed wait segments */
"  service_s  INTEGER NOT NULL DEFAULT 0,"	/* closed service segments */
"  calls      INTEGER NOT NULL DEFAULT 0,"
"  closed_at  INTEGER,"
"  updated_at INTEGER NOT NULL,"
"  UNIQUE (day, prefix, seq)"
");"
/* The call order's index stays small: only open tickets are in it. */
"CREATE INDEX tickets_open ON tickets (service, priority DESC, issued_at, id)"
"  WHERE status IN ('waiting', 'postponed');"
"CREATE INDEX tickets_serving ON tickets (window) WHERE status = 'called';"
"CREATE INDEX tickets_updated ON tickets (updated_at);"
"CREATE INDEX tickets_closed ON tickets (service, closed_at)"
"  WHERE status = 'finished';"
"CREATE TABLE ticket_events ("
"  id         INTEGER PRIMARY KEY,"
"  ticket_id  INTEGER NOT NULL REFERENCES tickets (id),"
"  at         INTEGER NOT NULL,"
"  event      TEXT    NOT NULL CHECK (event IN ('issued', 'called',"
"               'recalled', 'finished', 'noshow', 'transferred',"
"               'postponed', 'returned', 'cancelled')),"
"  window     INTEGER,"
"  manager    TEXT,"
"  service    TEXT    NOT NULL,"
"  note       TEXT"
");"
"CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);"
"CREATE INDEX ticket_events_at ON ticket_events (at);"
"CREATE INDEX ticket_events_called ON ticket_events (at)"
"  WHERE event IN ('called', 'recalled');"
"CREATE TABLE windows ("
"  number     INTEGER PRIMARY KEY,"
"  state      TEXT    NOT NULL DEFAULT 'closed'"
"               CHECK (state IN ('closed', 'open', 'paused')),"
"  manager    TEXT,"
"  reason     TEXT,"
"  since      INTEGER,"
"  updated_at INTEGER"
");"
"CREATE TABLE window_events ("
"  id         INTEGER PRIMARY KEY,"
"  window     INTEGER NOT NULL,"
"  at         INTEGER NOT NULL,"
"  event      TEXT    NOT NULL CHECK (event IN ('opened', 'paused',"
"               'resumed', 'closed')),"
"  manager    TEXT,"
"  reason     TEXT"
");"
"CREATE TABLE device_events ("
"  id         INTEGER PRIMARY KEY,"
"  at         INTEGER NOT NULL,"
"  device     TEXT    NOT NULL,"	/* printer, board */
"  event      TEXT    NOT NULL,"	/* paper_end, offline, ... */
"  ticket_id  INTEGER REFERENCES tickets (id),"
"  detail     TEXT"
");",
/* 2: the nightly export: its batches and the change log that tells what
 * head office has not yet acknowledged (see export.c). */
"CREATE TABLE export_batches ("
"  id         INTEGER PRIMARY KEY AUTOINCREMENT,"	/* never reused */
"  name       TEXT    NOT NULL UNIQUE,"
"  created_at INTEGER NOT NULL,"
"  since_seq  INTEGER NOT NULL,"	/* export_log.seq it starts after */
"  until_seq  INTEGER NOT NULL,"	/* the last export_log.seq it holds */
"  rows       INTEGER NOT NULL,"
"  acked_at   INTEGER"
");"
/* One entry per changed row, its seq raised on every change (triggers
 * that export.c installs); entries up to an acknowledged batch's
 * until_seq are deleted. */
"CREATE TABLE export_log ("
"  seq        INTEGER PRIMARY KEY AUTOINCREMENT,"
"  tbl        TEXT    NOT NULL,"
"  row_id     INTEGER NOT NULL,"
"  UNIQUE (tbl, row_id)"
");",
/* 3: the appeals register (see appeal.c) and the personal-data
 * destruction log, which outlives what it records. */
"CREATE TABLE appeals ("
"  id         INTEGER PRIMARY KEY,"
"  reg_no     TEXT    NOT NULL UNIQUE,"	/* MSK-014-2026-000123 */
"  branch     TEXT    NOT NULL,"
"  year       INTEGER NOT NULL,"		/* branch-local, registration */
"  seq        INTEGER NOT NULL,"		/* 1, 2, ... per branch, year */
"  registered_at INTEGER NOT NULL,"
"  reg_date   TEXT    NOT NULL,"		/* branch-local; deadlines count
						   from the day after */
"  channel    TEXT    NOT NULL CHECK (channel IN ('in_person', 'written',"
"               'book', 'box', 'phone', 'post')),"
"  kind       TEXT    NOT NULL,"		/* a configured kind's code */
"  client_type TEXT   NOT NULL CHECK (client_type IN ('individual',"
"               'legal', 'sole_trader', 'utility')),"
/* Personal data: NULL once purged (purged_at set). */
"  client_name TEXT,"
"  account    TEXT,"
"  address    TEXT,"
"  phone      TEXT,"
"  phone_consent INTEGER NOT NULL DEFAULT 0 CHECK (phone_consent IN (0, 1)),"
"  topic      TEXT    NOT NULL,"
"  text       TEXT,"
"  ticket_id  INTEGER REFERENCES tickets (id),"
"  manager    TEXT,"			/* who registered it */
"  first_contact INTEGER NOT NULL DEFAULT 0"
"               CHECK (first_contact IN (0, 1)),"
"  unit       TEXT,"			/* back-office unit, when forwarded */
"  status     TEXT    NOT NULL CHECK (status IN ('registered', 'forwarded',"
"               'answered', 'closed')),"
"  due_date   TEXT    NOT NULL,"		/* in force (extended?) */
"  due_date_orig TEXT NOT NULL,"		/* from the kind's deadline */
"  due_warning TEXT,"			/* calendar missing a year, etc. */
"  extended_at INTEGER,"			/* one extension at most */
"  extension_reason TEXT,"
"  answer     TEXT,"			/* answer summary */
"  answered_at INTEGER,"
"  closed_at  INTEGER,"
"  purged_at  INTEGER,"
"  updated_at INTEGER NOT NULL,"
"  UNIQUE (branch, year, seq),"
"  CHECK (client_name IS NOT NULL OR purged_at IS NOT NULL)"
");"
/* The overdue and due-today counts on every staff screen read this. */
"CREATE INDEX appeals_open ON appeals (due_date)"
"  WHERE status IN ('registered', 'forwarded');"
"CREATE INDEX appeals_updated ON appeals (updated_at);"
"CREATE INDEX appeals_purge ON appeals (closed_at)"
"  WHERE status = 'closed' AND purged_at IS NULL;"
/* Append-only: `at` is each row's change time. */
"CREATE TABLE appeal_events ("
"  id         INTEGER PRIMARY KEY,"
"  appeal_id  INTEGER NOT NULL REFERENCES appeals (id),"
"  at         INTEGER NOT NULL,"
"  event      TEXT    NOT NULL CHECK (event IN ('registered', 'forwarded',"
"               'answered', 'closed', 'reopened', 'extended', 'purged')),"
"  old_status TEXT,"
"  status     TEXT    NOT NULL,"	/* after the change */
"  manager    TEXT,"		/* who; NULL: the system (command line) */
"  note       TEXT"
");"
"CREATE INDEX appeal_events_appeal ON appeal_events (appeal_id);"
/* No foreign key: the log must survive whatever happens to the rows. */
"CREATE TABLE pd_destruction_log ("
"  id         INTEGER PRIMARY KEY,"
"  at         INTEGER NOT NULL,"
"  actor      TEXT    NOT NULL,"	/* login, or "system" */
"  tbl        TEXT    NOT NULL,"	/* "appeals" */
"  row_id     INTEGER NOT NULL,"
"  record     TEXT    NOT NULL,"	/* reg_no: what the row was */
"  fields     TEXT    NOT NULL,"	/* the columns destroyed */
"  reason     TEXT    NOT NULL"
");",
/* 4: users, their login attempts, and client ratings of visits. */
"CREATE TABLE users ("
"  id         INTEGER PRIMARY KEY,"
"  login      TEXT    NOT NULL UNIQUE,"
"  role       TEXT    NOT NULL CHECK (role IN ('manager', 'supervisor',"
"               'auditor')),"
"  hash       TEXT    NOT NULL,"	/* crypt(3) yescrypt string */
"  disabled   INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
"  created_at INTEGER NOT NULL,"
"  updated_at INTEGER NOT NULL"
");"
/* One row per login name as typed, known or not, so that guessing an
 * unknown name locks it too and tells nothing about who exists. */
"CREATE TABLE login_attempts ("
"  login        TEXT    PRIMARY KEY,"
"  failures     INTEGER NOT NULL DEFAULT 0,"	/* since the last success */
"  last_at      INTEGER NOT NULL,"
"  locked_until INTEGER"
");"
"CREATE TABLE login_events ("
"  id         INTEGER PRIMARY KEY,"
"  at         INTEGER NOT NULL,"
"  login      TEXT    NOT NULL,"
"  event      TEXT    NOT NULL CHECK (event IN ('ok', 'failed', 'locked',"
"               'refused'))"
");"
"CREATE TABLE ratings ("
"  id         INTEGER PRIMARY KEY,"
"  ticket_id  INTEGER NOT NULL REFERENCES tickets (id),"
"  criterion  TEXT    NOT NULL,"
"  score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),"
"  at         INTEGER NOT NULL,"
"  manager    TEXT,"
"  updated_at INTEGER NOT NULL,"
"  UNIQUE (ticket_id, criterion)"
");"
"CREATE INDEX ratings_updated ON ratings (updated_at);",
/* 5: quality inspections (see inspect.c).  An inspection is a record of
 * what was found on a date and is not changed afterwards; its results are
 * exported one row each (inspections.csv). */
"CREATE TABLE inspections ("
"  id         INTEGER PRIMARY KEY,"
"  date       TEXT    NOT NULL,"		/* branch-local YYYY-MM-DD */
"  kind       TEXT    NOT NULL CHECK (kind IN ('internal', 'external',"
"               'mystery_shopper')),"
"  inspector  TEXT    NOT NULL,"
"  note       TEXT,"
"  recorded_by TEXT,"			/* login; NULL: the command line */
"  created_at INTEGER NOT NULL,"
"  updated_at INTEGER NOT NULL"
");"
"CREATE INDEX inspections_date ON inspections (date);"
"CREATE TABLE inspection_results ("
"  id         INTEGER PRIMARY KEY,"
"  inspection_id INTEGER NOT NULL REFERENCES inspections (id),"
"  criterion  TEXT    NOT NULL,"		/* a catalogue code, "U1" */
"  result     TEXT    NOT NULL CHECK (result IN ('met', 'not_met', 'na')),"
"  comment    TEXT,"
"  updated_at INTEGER NOT NULL,"
"  UNIQUE (inspection_id, criterion)"
");"
/* The report's appeals section reads a period by registration date. */
"CREATE INDEX appeals_reg_date ON appeals (reg_date);"
/* Its satisfaction section reads ratings in ticket order: with the score
 * in the index it never visits the table (report-feedback.c). */
"CREATE INDEX ratings_scores ON ratings (ticket_id, criterion, score);",
/* 6: login failures are counted per terminal and login name, and slow the
 * next try at that terminal instead of locking the name (auth.c): a count
 * per name alone let anyone at the hall keyboard lock a supervisor out
 * everywhere.  The old counts go: they are minutes long and belong to no
 * terminal.  The log gains the terminal and 'delayed' (refused unchecked
 * while the terminal waits); its 'locked' rows are from before. */
"DROP TABLE login_attempts;"
"CREATE TABLE login_attempts ("
"  terminal   TEXT    NOT NULL,"	/* the tty, "" when unknown */
"  login      TEXT    NOT NULL,"	/* as typed, known or not */
"  failures   INTEGER NOT NULL,"	/* in a row since the last success */
"  last_at    INTEGER NOT NULL,"	/* the last failure */
"  PRIMARY KEY (terminal, login)"
");"
"CREATE TABLE login_events_new ("
"  id         INTEGER PRIMARY KEY,"
"  at         INTEGER NOT NULL,"
"  login      TEXT    NOT NULL,"
"  event      TEXT    NOT NULL CHECK (event IN ('ok', 'failed', 'locked',"
"               'refused', 'delayed')),"
"  terminal   TEXT"			/* NULL: before this step */
");"
"INSERT INTO login_events_new (id, at, login, event)"
"  SELECT id, at, login, event FROM login_events;"
"DROP TABLE login_events;"
"ALTER TABLE login_events_new RENAME TO login_events;",
/* 7: the office's day (issue 13).  A pause has a reason code (one of the
 * configured pause_reasons, or free text without them) and a note.  A
 * window's scheduled lunch (queue_window_schedule) is recorded on its row:
 * lunch_day, the branch-local date whose lunch okno has dealt with, so
 * that it happens once a day whatever the manager did; lunch_until, the
 * end of the automatic lunch pause the window is in (NULL: the pause, if
 * any, is a person's, and okno never ends it).  The windows report reads
 * the window events of a period by time. */
"ALTER TABLE window_events ADD COLUMN note TEXT;"
"ALTER TABLE windows ADD COLUMN note TEXT;"
"ALTER TABLE windows ADD COLUMN lunch_day TEXT;"
"ALTER TABLE windows ADD COLUMN lunch_until INTEGER;"
"CREATE INDEX window_events_at ON window_events (at);",
/* 8: the announcements' spool (announce.c): one row per call or recall to
 * be said in the hall, taken by the one player in id order, so that
 * announcements from every terminal play in turn and never overlap.
 * event_id is UNIQUE: whichever process notices a call first queues it,
 * once.  Ticket numbers only, as on the board. */
"CREATE TABLE announcements ("
"  id         INTEGER PRIMARY KEY,"
"  event_id   INTEGER UNIQUE REFERENCES ticket_events (id),"
"  at         INTEGER NOT NULL,"	/* the call's time */
"  number     TEXT    NOT NULL,"
"  window     INTEGER NOT NULL,"
"  state      TEXT    NOT NULL CHECK (state IN ('waiting', 'played',"
"               'failed', 'stale', 'quiet')),"
"  done_at    INTEGER,"
"  detail     TEXT"
");"
"CREATE INDEX announcements_waiting ON announcements (id)"
"  WHERE state = 'waiting';",
/* 9: undo, the postponed ticket's window, supervisor control and priority
 * categories (issues 19 and 14).
 *
 * Ticket events gain 'undone' (a finish or no-show taken back is logged
 * after it; the step stays in the log) and the supervisor's priority
 * given and taken (who in manager, why in note).  SQLite cannot change a
 * CHECK in place: the table is rebuilt with the same ids, which
 * db_migrate does with foreign keys off (announcements refer to it) and
 * checks before it commits.
 *
 * tickets.category: the client's priority category (a configured
 * `priorities` code; NULL: none).  tickets.back_to: the window that
 * postponed the ticket, which calls it first when it returns (queue.c,
 * Q_CALL_ELIGIBLE); NULL once the ticket is called again.  windows.pid:
 * the process of the console that holds the window (NULL: opened from the
 * command line), so a manager's second console is refused while the
 * first lives and a console that died locks nobody out. */
"ALTER TABLE tickets ADD COLUMN category TEXT;"
"ALTER TABLE tickets ADD COLUMN back_to INTEGER;"
"ALTER TABLE windows ADD COLUMN pid INTEGER;"
/* The export's triggers (export.c, EXPORT_TRACK) go with the old table.
 * Where they were missing, every row is marked now as installing them
 * would; where they were there, they come back below as they were, and
 * export_log (a table of its own) keeps the rows not yet acknowledged. */
"DELETE FROM export_log WHERE tbl = 'ticket_events' AND (SELECT count(*)"
"  FROM sqlite_master WHERE type = 'trigger' AND name IN"
"  ('export_ticket_events_ins', 'export_ticket_events_upd')) < 2;"
"INSERT INTO export_log (tbl, row_id) SELECT 'ticket_events', id"
"  FROM ticket_events WHERE (SELECT count(*) FROM sqlite_master"
"  WHERE type = 'trigger' AND name IN ('export_ticket_events_ins',"
"  'export_ticket_events_upd')) < 2 ORDER BY id;"
"CREATE TABLE ticket_events_new ("
"  id         INTEGER PRIMARY KEY,"
"  ticket_id  INTEGER NOT NULL REFERENCES tickets (id),"
"  at         INTEGER NOT NULL,"
"  event      TEXT    NOT NULL CHECK (event IN ('issued', 'called',"
"               'recalled', 'finished', 'noshow', 'transferred',"
"               'postponed', 'returned', 'cancelled', 'undone',"
"               'priority_given', 'priority_taken')),"
"  window     INTEGER,"
"  manager    TEXT,"
"  service    TEXT    NOT NULL,"
"  note       TEXT"
");"
"INSERT INTO ticket_events_new (id, ticket_id, at, event, window, manager,"
"  service, note) SELECT id, ticket_id, at, event, window, manager, service,"
"  note FROM ticket_events;"
"DROP TABLE ticket_events;"
"ALTER TABLE ticket_events_new RENAME TO ticket_events;"
"CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);"
"CREATE INDEX ticket_events_at ON ticket_events (at);"
"CREATE INDEX ticket_events_called ON ticket_events (at)"
"  WHERE event IN ('called', 'recalled');"
"CREATE TRIGGER export_ticket_events_ins AFTER INSERT ON ticket_events BEGIN"
"  DELETE FROM export_log WHERE tbl = 'ticket_events' AND row_id = NEW.id;"
"  INSERT INTO export_log (tbl, row_id) VALUES ('ticket_events', NEW.id);"
"  END;"
"CREATE TRIGGER export_ticket_events_upd AFTER UPDATE ON ticket_events BEGIN"
"  DELETE FROM export_log WHERE tbl = 'ticket_events' AND row_id = NEW.id;"
"  INSERT INTO export_log (tbl, row_id) VALUES ('ticket_events', NEW.id);"
"  END;",
/* 10: export epochs (issue 18).  A database restored from a backup repeats
 * batch and row numbers that head office already has; `okno export
 * --restored` then starts a new epoch, recording the parent epoch, the
 * batch number and each exported table's highest id at that point (the
 * fork): at head office, ids up to the fork name the parent's rows and
 * ids above it new ones.  Every batch carries the chain (export.c).  The
 * first epoch is made here, with a random name; its fork_seq is the batch
 * number it starts from (export_check_restored). */
"CREATE TABLE export_epochs ("
"  id         INTEGER PRIMARY KEY,"
"  epoch      TEXT    NOT NULL UNIQUE,"
"  parent     TEXT,"
"  fork_seq   INTEGER NOT NULL DEFAULT 0,"
"  started_at INTEGER"
");"
"CREATE TABLE export_epoch_forks ("
"  epoch      TEXT    NOT NULL,"
"  tbl        TEXT    NOT NULL,"
"  max_id     INTEGER NOT NULL,"
"  PRIMARY KEY (epoch, tbl)"
");"
"INSERT INTO export_epochs (epoch, fork_seq) VALUES"
"  (lower(hex(randomblob(8))), coalesce((SELECT seq FROM sqlite_sequence"
"  WHERE name = 'export_batches'), 0));",
/* 11: visits (issue 14, visit.c).  A ticket may carry the client's account
 * (personal data: NULL once purged, account_purged_at set), the outcomes
 * the manager picked at the finish (configured codes joined by ';', in
 * configuration order; NULL none) and whether the question was resolved
 * (NULL: not said).  The console looks an account's visits up by account;
 * the repeat-visit report does too. */
"ALTER TABLE tickets ADD COLUMN account TEXT;"
"ALTER TABLE tickets ADD COLUMN outcomes TEXT;"
"ALTER TABLE tickets ADD COLUMN resolved INTEGER"
"  CHECK (resolved IN (0, 1));"
"ALTER TABLE tickets ADD COLUMN account_purged_at INTEGER;"
"CREATE INDEX tickets_account ON tickets (account, closed_at)"
"  WHERE account IS NOT NULL;"
"CREATE INDEX appeals_account ON appeals (account)"
"  WHERE account IS NOT NULL AND status IN ('registered', 'forwarded');",
/* 12: bookings (issue 15, booking.c; SPEC "Bookings").  A booking is a
 * client's claim on one slot of a service: made at the branch (source
 * 'branch', by the login in created_by) or at head office (source 'hq',
 * hq_id its head-office key, applied by `okno import --in`).  code is the
 * 6-digit code the client quotes at the kiosk; it is unique among the
 * bookings still 'booked'.  slot_at is the slot's start (UTC seconds).
 * Status: booked -> arrived (checked in: ticket_id, arrived_at) -> served
 * (its ticket finished); booked -> missed (not checked in by the end of
 * the grace time) or cancelled (cancelled_at, cancelled_by: a login, or
 * NULL for head office).  name, phone and account are personal data:
 * NULL once purged (purged_at set).  changed_at: the last change, for
 * head office's "newer wins".  A ticket made at check-in names its
 * booking, and booked_at (its slot start) puts it first in the call
 * order from that time (queue-int.h). */
"CREATE TABLE bookings ("
"  id         INTEGER PRIMARY KEY,"
"  code       TEXT    NOT NULL CHECK (length(code) = 6"
"               AND code NOT GLOB '*[^0-9]*'),"
"  source     TEXT    NOT NULL CHECK (source IN ('branch', 'hq')),"
"  hq_id      TEXT    UNIQUE,"
"  service    TEXT    NOT NULL,"
"  slot_at    INTEGER NOT NULL,"
"  status     TEXT    NOT NULL DEFAULT 'booked' CHECK (status IN"
"               ('booked', 'arrived', 'missed', 'cancelled', 'served')),"
"  name       TEXT,"
"  phone      TEXT,"
"  account    TEXT,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT,"
"  changed_at INTEGER NOT NULL,"
"  arrived_at INTEGER,"
"  ticket_id  INTEGER REFERENCES tickets (id),"
"  cancelled_at INTEGER,"
"  cancelled_by TEXT,"
"  purged_at  INTEGER,"
"  CHECK ((source = 'hq') = (hq_id IS NOT NULL))"
");"
"CREATE UNIQUE INDEX bookings_code ON bookings (code)"
"  WHERE status = 'booked';"
"CREATE INDEX bookings_slot ON bookings (slot_at, service);"
"ALTER TABLE tickets ADD COLUMN booking_id INTEGER REFERENCES bookings (id);"
"ALTER TABLE tickets ADD COLUMN booked_at INTEGER;",
};

const int schema_nmigrations = sizeof schema_migrations /
    sizeof schema_migrations[0];
