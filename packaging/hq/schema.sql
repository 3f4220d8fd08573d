-- schema.sql: head office's PostgreSQL tables for the okno nightly batches.
--
-- Many branches share these tables: a row's key is (branch, id), the
-- branch code and the row's id in that branch's database.  Columns follow
-- the batch's CSV files (see okno(1), EXPORT BATCH).  Safe to run again:
-- okno-load --init runs it before loading.
--
-- Rows are never deleted by a load: a branch destroys personal data by
-- overwriting it, and the overwritten row comes in a batch like any change.

CREATE SCHEMA IF NOT EXISTS okno;

-- Each loaded batch; seq is the number at the end of its name, which only
-- grows within a branch, so an older batch arriving late is refused rather
-- than allowed to put old values back.
CREATE TABLE IF NOT EXISTS okno.batches (
	name		text PRIMARY KEY,
	branch		text NOT NULL,
	seq		bigint NOT NULL,
	rows		bigint NOT NULL,
	loaded_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (branch, seq)
);

CREATE TABLE IF NOT EXISTS okno.tickets (
	branch		text NOT NULL,
	id		bigint NOT NULL,
	number		text,
	service		text,
	priority	boolean,
	issued_at	timestamptz,
	status		text,
	PRIMARY KEY (branch, id)
);

-- Visits (okno 0.1 issue 14): the client's account (personal data: empty
-- once the branch purged it), priority category, outcome codes joined by
-- ';', resolved.  Added to tables made before them; empty for branches
-- whose batches do not carry them.
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS account text;
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS category text;
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS outcomes text;
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS resolved boolean;

CREATE TABLE IF NOT EXISTS okno.ticket_events (
	branch		text NOT NULL,
	id		bigint NOT NULL,
	ticket_id	bigint,
	at		timestamptz,
	event		text,
	"window"	integer,
	manager		text,
	service		text,
	PRIMARY KEY (branch, id)
);

CREATE TABLE IF NOT EXISTS okno.ratings (
	branch		text NOT NULL,
	id		bigint NOT NULL,
	ticket_id	bigint,
	criterion	text,
	score		smallint,
	at		timestamptz,
	manager		text,
	PRIMARY KEY (branch, id)
);

CREATE TABLE IF NOT EXISTS okno.appeals (
	branch		text NOT NULL,
	id		bigint NOT NULL,
	reg_no		text,
	registered_at	timestamptz,
	channel		text,
	kind		text,
	client_type	text,
	client_name	text,
	account		text,
	phone		text,
	topic		text,
	text		text,
	ticket_id	bigint,
	manager		text,
	first_contact	boolean,
	status		text,
	due_date	date,
	closed_at	timestamptz,
	PRIMARY KEY (branch, id)
);

CREATE TABLE IF NOT EXISTS okno.appeal_events (
	branch		text NOT NULL,
	id		bigint NOT NULL,
	appeal_id	bigint,
	at		timestamptz,
	event		text,
	status		text,
	manager		text,
	note		text,
	PRIMARY KEY (branch, id)
);

-- One row per inspection result, with its inspection's fields (an
-- inspection is not changed once recorded).  The first version of this
-- table had other columns and could only ever be empty (branches sent the
-- header alone): it is replaced.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM information_schema.columns
	    WHERE table_schema = 'okno' AND table_name = 'inspections'
	    AND column_name = 'auditor') THEN
		IF EXISTS (SELECT 1 FROM okno.inspections) THEN
			RAISE EXCEPTION 'okno.inspections has the old columns '
			    'and rows: convert it by hand';
		END IF;
		DROP TABLE okno.inspections;
	END IF;
END
$$;

CREATE TABLE IF NOT EXISTS okno.inspections (
	branch		text NOT NULL,
	id		bigint NOT NULL,
	inspection_id	bigint,
	date		date,
	kind		text,
	inspector	text,
	criterion	text,
	result		text,
	comment		text,
	note		text,
	recorded_by	text,
	recorded_at	timestamptz,
	PRIMARY KEY (branch, id)
);

-- Window sessions: opened, paused (reason: a configured code, "lunch"
-- for the scheduled break), resumed, closed.
CREATE TABLE IF NOT EXISTS okno.window_events (
	branch		text NOT NULL,
	id		bigint NOT NULL,
	"window"	integer,
	at		timestamptz,
	event		text,
	manager		text,
	reason		text,
	PRIMARY KEY (branch, id)
);

-- Undoes the branch's spreadsheet formula guard: the export put one '
-- before a cell starting with ', =, +, -, @, tab or CR, and only then.
CREATE OR REPLACE FUNCTION okno.unguard(s text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN left(s, 1) = '''' AND substr(s, 2, 1) IN
	    ('''', '=', '+', '-', '@', chr(9), chr(13))
	    THEN substr(s, 2) ELSE s END
$$;

CREATE OR REPLACE FUNCTION okno.fail(msg text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '%', msg;
END
$$;

-- Takes the branch's lock for this transaction (two loaders of one branch
-- queue up) and refuses a batch older than one already loaded.
CREATE OR REPLACE FUNCTION okno.begin_batch(b text, s bigint, n text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	newer text;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('okno:' || b));
	SELECT name INTO newer FROM okno.batches
	    WHERE branch = b AND seq > s ORDER BY seq DESC LIMIT 1;
	IF newer IS NOT NULL THEN
		RAISE EXCEPTION 'batch % is older than % (already loaded): '
		    'not loaded', n, newer;
	END IF;
END
$$;
