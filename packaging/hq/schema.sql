-- schema.sql: head office's PostgreSQL tables for the okno nightly batches.
--
-- Many branches share these tables: a row's key is (branch, id), the
-- branch code and the row's id in that branch's database.  Columns follow
-- the batch's CSV files (see okno(1), EXPORT BATCH).  Safe to run again:
-- okno-load --init runs it before loading.
--
-- Rows are never deleted by a load: a branch destroys personal data by
-- overwriting it, and the overwritten row comes in a batch like any change.

SET client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS okno;

-- Each loaded batch; seq is the number at the end of its name, which only
-- grows within a branch's export epoch, so an older batch arriving late is
-- refused rather than allowed to put old values back.  manifest is the
-- SHA-256 of the batch's MANIFEST.sha256: the same name with other content
-- is refused, the same content again is skipped.  epoch is NULL for
-- batches loaded before branches signed them.
CREATE TABLE IF NOT EXISTS okno.batches (
	name		text PRIMARY KEY,
	branch		text NOT NULL,
	seq		bigint NOT NULL,
	rows		bigint NOT NULL,
	loaded_at	timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE okno.batches ADD COLUMN IF NOT EXISTS epoch text;
ALTER TABLE okno.batches ADD COLUMN IF NOT EXISTS manifest text;
-- A restored branch's new epoch numbers its batches from the backup's
-- number again: seq is unique within an epoch only.
ALTER TABLE okno.batches DROP CONSTRAINT IF EXISTS batches_branch_seq_key;
CREATE UNIQUE INDEX IF NOT EXISTS batches_branch_epoch_seq
	ON okno.batches (branch, epoch, seq);

-- The branches whose batches load, each with the public half of the key
-- its `okno keygen` made (base64 of the 32-byte Ed25519 key): every batch
-- must carry a signature of its manifest that this key verifies.
-- `okno-load --register BRANCH KEY` adds a branch or replaces its key.
CREATE TABLE IF NOT EXISTS okno.branches (
	branch		text PRIMARY KEY,
	pubkey		text NOT NULL
	    CHECK (length(decode(pubkey, 'base64')) = 32),
	registered_at	timestamptz NOT NULL DEFAULT now()
);

-- A branch's export epochs (okno(1), export --restored): the first one
-- from okno init, a new one after each restore from a backup, whose
-- parent is the epoch the backup was of.  fork_seq is the parent's batch
-- number, and epoch_forks each table's highest id, when the backup was
-- taken: an id up to its fork names the parent's row, an id above it a
-- row new in this epoch, stored here as id + ordinal * 2^40 (okno.hq_id),
-- so that a restored branch reusing ids never overwrites rows made after
-- the backup by the database that was lost.  ordinal counts the branch's
-- epochs in the order head office first saw them; the first is 0, whose
-- ids are the branch's own.
CREATE TABLE IF NOT EXISTS okno.epochs (
	branch		text NOT NULL,
	epoch		text NOT NULL,
	parent		text,
	ordinal		integer NOT NULL,
	fork_seq	bigint NOT NULL DEFAULT 0,
	first_seen	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (branch, epoch),
	UNIQUE (branch, ordinal)
);

CREATE TABLE IF NOT EXISTS okno.epoch_forks (
	branch		text NOT NULL,
	epoch		text NOT NULL,
	tbl		text NOT NULL,	-- the branch's table name
	max_id		bigint NOT NULL,
	PRIMARY KEY (branch, epoch, tbl)
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

-- The checks before a batch loads, in the load's transaction: takes the
-- branch's lock (two loaders of one branch queue up), then returns
-- 'unchanged' for a batch loaded before with the same manifest, 'load'
-- for one to load, and raises the reason for any other.  It registers the
-- epochs of the batch's chain (its BATCH, in the temporary table s_batch)
-- that head office has not seen.  A batch is refused when its name was
-- loaded with other content, when it is not newer than the last one
-- loaded of its epoch (or than the fork its epoch started from), when its
-- number jumps more than max_jump past that, and when its epoch has been
-- continued by a restored one that head office has loaded.
DROP FUNCTION IF EXISTS okno.begin_batch(text, bigint, text);
CREATE OR REPLACE FUNCTION okno.check_batch(b text, s bigint, n text,
    ep text, man text, max_jump bigint)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	was text;
	last bigint;
	lastname text;
	par text;
	fseq bigint;
	c record;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('okno:' || b));
	IF NOT EXISTS (SELECT 1 FROM s_batch WHERE k = 'name' AND v1 = n) THEN
		RAISE EXCEPTION 'its BATCH did not load';
	END IF;
	SELECT coalesce(manifest, '') INTO was FROM okno.batches
	    WHERE name = n;
	IF FOUND THEN
		IF was = '' OR was = man THEN
			RETURN 'unchanged';
		END IF;
		RAISE EXCEPTION 'already loaded with other content';
	END IF;
	FOR c IN SELECT v1 AS epoch, nullif(v2, '') AS parent,
	    v3::bigint AS fork_seq FROM s_batch WHERE k = 'chain' ORDER BY line
	LOOP
		IF NOT EXISTS (SELECT 1 FROM okno.epochs
		    WHERE branch = b AND epoch = c.epoch) THEN
			INSERT INTO okno.epochs (branch, epoch, parent,
			    ordinal, fork_seq)
			SELECT b, c.epoch, c.parent,
			    coalesce(max(ordinal) + 1, 0), c.fork_seq
			FROM okno.epochs WHERE branch = b;
			INSERT INTO okno.epoch_forks (branch, epoch, tbl,
			    max_id)
			SELECT b, v1, v2, v3::bigint FROM s_batch
			WHERE k = 'fork' AND v1 = c.epoch;
		END IF;
	END LOOP;
	SELECT parent, fork_seq INTO par, fseq FROM okno.epochs
	    WHERE branch = b AND epoch = ep;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'its epoch % is not in its chain', ep;
	END IF;
	SELECT x.name INTO lastname FROM okno.batches x
	WHERE x.branch = b AND x.epoch IN (
		WITH RECURSIVE d(epoch) AS (
			SELECT epoch FROM okno.epochs
			WHERE branch = b AND parent = ep
			UNION
			SELECT e.epoch FROM okno.epochs e JOIN d
			    ON e.parent = d.epoch WHERE e.branch = b)
		SELECT epoch FROM d)
	ORDER BY x.loaded_at DESC LIMIT 1;
	IF lastname IS NOT NULL THEN
		RAISE EXCEPTION 'older than % (already loaded): the branch '
		    'was restored from a backup since', lastname;
	END IF;
	SELECT seq, name INTO last, lastname FROM okno.batches
	    WHERE branch = b AND epoch = ep ORDER BY seq DESC LIMIT 1;
	IF last IS NULL AND par IS NOT NULL THEN
		last := fseq;
		lastname := 'its fork';
	ELSIF last IS NULL THEN
		SELECT seq, name INTO last, lastname FROM okno.batches
		    WHERE branch = b AND epoch IS NULL
		    ORDER BY seq DESC LIMIT 1;
	END IF;
	IF s <= last THEN
		RAISE EXCEPTION 'older than % (already loaded); if the '
		    'branch was restored from a backup, run okno export '
		    '--restored there', lastname;
	END IF;
	IF s - last > max_jump THEN
		RAISE EXCEPTION 'its number jumps from % to % (more than %)',
		    last, s, max_jump;
	END IF;
	RETURN 'load';
END
$$;

-- Head office's id of the row id of the branch's table t in epoch ep
-- (see okno.epochs): walks up the chain to the epoch that made the row.
CREATE OR REPLACE FUNCTION okno.hq_id(b text, ep text, t text, id bigint)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
	cur text := ep;
	ord integer;
	par text;
	fork bigint;
BEGIN
	IF id IS NULL THEN
		RETURN NULL;
	END IF;
	LOOP
		SELECT e.ordinal, e.parent, coalesce(f.max_id, 0)
		INTO ord, par, fork
		FROM okno.epochs e LEFT JOIN okno.epoch_forks f
		    ON f.branch = e.branch AND f.epoch = e.epoch AND f.tbl = t
		WHERE e.branch = b AND e.epoch = cur;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'epoch % of % unknown', cur, b;
		END IF;
		IF par IS NULL OR id > fork THEN
			RETURN id + ord::bigint * 1099511627776;
		END IF;
		cur := par;
	END LOOP;
END
$$;

-- Puts head office's ids into the staged rows of a batch of epoch ep:
-- nothing to do in a branch's first epoch.  Each id column and each
-- column that refers to a row of another table maps by that table's fork
-- (a column added to the batch that holds a branch's row id adds a line).
CREATE OR REPLACE FUNCTION okno.remap_staging(b text, ep text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM okno.epochs WHERE branch = b
	    AND epoch = ep AND ordinal = 0 AND parent IS NULL) THEN
		RETURN;
	END IF;
	UPDATE s_tickets SET id = okno.hq_id(b, ep, 'tickets', id::bigint);
	UPDATE s_ticket_events SET
	    id = okno.hq_id(b, ep, 'ticket_events', id::bigint),
	    ticket_id = okno.hq_id(b, ep, 'tickets', ticket_id::bigint);
	UPDATE s_ratings SET id = okno.hq_id(b, ep, 'ratings', id::bigint),
	    ticket_id = okno.hq_id(b, ep, 'tickets', ticket_id::bigint);
	UPDATE s_appeals SET id = okno.hq_id(b, ep, 'appeals', id::bigint),
	    ticket_id = okno.hq_id(b, ep, 'tickets', ticket_id::bigint);
	UPDATE s_appeal_events SET
	    id = okno.hq_id(b, ep, 'appeal_events', id::bigint),
	    appeal_id = okno.hq_id(b, ep, 'appeals', appeal_id::bigint);
	UPDATE s_inspections SET
	    id = okno.hq_id(b, ep, 'inspection_results', id::bigint),
	    inspection_id = okno.hq_id(b, ep, 'inspections',
	    inspection_id::bigint);
	UPDATE s_window_events SET
	    id = okno.hq_id(b, ep, 'window_events', id::bigint);
END
$$;

-- ====================================================================
-- Bookings (issue 15 item 4; okno(1) IMPORT, okno-publish).  Two sides:
--  - okno.hq_bookings: the bookings head office takes (website, call
--    centre), which okno-publish writes down to each branch's inbound
--    folder, signed with head office's key (okno import --in applies
--    them there);
--  - okno.bookings: every branch's bookings as its nightly batch reports
--    them (bookings.csv, loaded by okno-load like the other tables), so
--    head office sees what became of its own: arrived, missed, served.
-- ====================================================================

-- Head office's bookings.  hq_id is the key the branch knows them by;
-- code, when set, is the 6-digit code the client was given (first digit
-- 5-9: the branch's own codes start 0-4); left NULL, the branch makes
-- one and reports it back in bookings.csv.  status is head office's
-- wish, booked or cancelled; what happened at the branch is in
-- okno.bookings (the view okno.hq_booking_status joins them).
-- changed_at moves on every change (trigger below), in whole seconds
-- and always forward: the branch applies a row only when it is newer
-- than what it has, so an older batch replayed cannot undo a newer one.
CREATE SEQUENCE IF NOT EXISTS okno.hq_booking_ids;
CREATE TABLE IF NOT EXISTS okno.hq_bookings (
	hq_id		text PRIMARY KEY
	    DEFAULT 'H' || nextval('okno.hq_booking_ids')
	    CHECK (hq_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
	branch		text NOT NULL,
	service		text NOT NULL,
	at		timestamptz NOT NULL,
	name		text NOT NULL,
	phone		text,
	account		text,
	code		text CHECK (code ~ '^[5-9][0-9]{5}$'),
	status		text NOT NULL DEFAULT 'booked'
	    CHECK (status IN ('booked', 'cancelled')),
	created_at	timestamptz NOT NULL DEFAULT now(),
	changed_at	timestamptz NOT NULL DEFAULT date_trunc('second', now())
);
CREATE INDEX IF NOT EXISTS hq_bookings_branch_at
	ON okno.hq_bookings (branch, at);

CREATE OR REPLACE FUNCTION okno.hq_bookings_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF (NEW.branch, NEW.service, NEW.at, NEW.name, NEW.phone,
	    NEW.account, NEW.code, NEW.status) IS DISTINCT FROM
	    (OLD.branch, OLD.service, OLD.at, OLD.name, OLD.phone,
	    OLD.account, OLD.code, OLD.status) THEN
		NEW.changed_at := greatest(date_trunc('second', now()),
		    OLD.changed_at + interval '1 second');
	END IF;
	RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS hq_bookings_changed ON okno.hq_bookings;
CREATE TRIGGER hq_bookings_changed BEFORE UPDATE ON okno.hq_bookings
	FOR EACH ROW EXECUTE FUNCTION okno.hq_bookings_changed();

-- Each inbound batch okno-publish wrote: seq numbers a branch's batches.
CREATE TABLE IF NOT EXISTS okno.publish_batches (
	branch		text NOT NULL,
	seq		bigint NOT NULL,
	rows		bigint NOT NULL,
	published_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (branch, seq)
);

-- The branches' bookings (bookings.csv of the outbound batch): both
-- sources; hq_id names head office's booking, empty for the branch's
-- own.  name, phone and account are empty once the branch purged them.
CREATE TABLE IF NOT EXISTS okno.bookings (
	branch		text NOT NULL,
	id		bigint NOT NULL,
	code		text,
	hq_id		text,
	service		text,
	at		timestamptz,
	status		text,
	name		text,
	phone		text,
	account		text,
	ticket_id	bigint,
	created_at	timestamptz,
	arrived_at	timestamptz,
	changed_at	timestamptz,
	PRIMARY KEY (branch, id)
);
CREATE INDEX IF NOT EXISTS bookings_hq_id ON okno.bookings (branch, hq_id)
	WHERE hq_id IS NOT NULL;

-- Head office's bookings with what the branch reported: branch_status is
-- NULL until a batch of the branch carries the booking, then booked,
-- arrived, missed, cancelled or served; code is the branch's when head
-- office left it to the branch.
CREATE OR REPLACE VIEW okno.hq_booking_status AS
SELECT h.hq_id, h.branch, h.service, h.at, h.status,
    coalesce(h.code, b.code) AS code, b.status AS branch_status,
    b.arrived_at, b.ticket_id, b.changed_at AS branch_changed_at
FROM okno.hq_bookings h
LEFT JOIN okno.bookings b ON b.branch = h.branch AND b.hq_id = h.hq_id;

-- The spreadsheet formula guard okno's CSV has (okno(1) CSV), for the
-- CSV okno-publish writes: a text starting with ', =, +, -, @, tab or CR
-- gets one leading ', which the branch's import removes again.
CREATE OR REPLACE FUNCTION okno.guard(s text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN left(s, 1) IN ('''', '=', '+', '-', '@', chr(9),
	    chr(13)) THEN '''' || s ELSE s END
$$;
