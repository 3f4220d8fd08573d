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
DROP FUNCTION IF EXISTS okno.check_batch(text, bigint, text, text, text,
    bigint);
CREATE OR REPLACE FUNCTION okno.check_batch(bi integer, br text, s bigint,
    n text, ep text, man text, max_jump bigint)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	was text;
	last bigint;
	lastname text;
	par text;
	fseq bigint;
	c record;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('okno:' || br));
	IF NOT EXISTS (SELECT 1 FROM s_batch WHERE b = bi AND k = 'name'
	    AND v1 = n) THEN
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
	    v3::bigint AS fork_seq FROM s_batch WHERE b = bi AND k = 'chain'
	    ORDER BY line
	LOOP
		IF NOT EXISTS (SELECT 1 FROM okno.epochs
		    WHERE branch = br AND epoch = c.epoch) THEN
			INSERT INTO okno.epochs (branch, epoch, parent,
			    ordinal, fork_seq)
			SELECT br, c.epoch, c.parent,
			    coalesce(max(ordinal) + 1, 0), c.fork_seq
			FROM okno.epochs WHERE branch = br;
			INSERT INTO okno.epoch_forks (branch, epoch, tbl,
			    max_id)
			SELECT br, v1, v2, v3::bigint FROM s_batch
			WHERE b = bi AND k = 'fork' AND v1 = c.epoch;
		END IF;
	END LOOP;
	SELECT parent, fork_seq INTO par, fseq FROM okno.epochs
	    WHERE branch = br AND epoch = ep;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'its epoch % is not in its chain', ep;
	END IF;
	SELECT x.name INTO lastname FROM okno.batches x
	WHERE x.branch = br AND x.epoch IN (
		WITH RECURSIVE d(epoch) AS (
			SELECT epoch FROM okno.epochs
			WHERE branch = br AND parent = ep
			UNION
			SELECT e.epoch FROM okno.epochs e JOIN d
			    ON e.parent = d.epoch WHERE e.branch = br)
		SELECT epoch FROM d)
	ORDER BY x.loaded_at DESC LIMIT 1;
	IF lastname IS NOT NULL THEN
		RAISE EXCEPTION 'older than % (already loaded): the branch '
		    'was restored from a backup since', lastname;
	END IF;
	SELECT seq, name INTO last, lastname FROM okno.batches
	    WHERE branch = br AND epoch = ep ORDER BY seq DESC LIMIT 1;
	IF last IS NULL AND par IS NOT NULL THEN
		last := fseq;
		lastname := 'its fork';
	ELSIF last IS NULL THEN
		SELECT seq, name INTO last, lastname FROM okno.batches
		    WHERE branch = br AND epoch IS NULL
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

-- Puts head office's ids into the staged rows of batch bi of branch br,
-- epoch ep: nothing to do in a branch's first epoch.  Each id column and
-- each column that refers to a row of another table maps by that table's
-- fork (a column added to the batch that holds a branch's row id adds a
-- line).
DROP FUNCTION IF EXISTS okno.remap_staging(text, text);
CREATE OR REPLACE FUNCTION okno.remap_staging(bi integer, br text, ep text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM okno.epochs WHERE branch = br
	    AND epoch = ep AND ordinal = 0 AND parent IS NULL) THEN
		RETURN;
	END IF;
	UPDATE s_tickets SET id = okno.hq_id(br, ep, 'tickets', id)
	WHERE b = bi;
	UPDATE s_ticket_events SET
	    id = okno.hq_id(br, ep, 'ticket_events', id),
	    ticket_id = okno.hq_id(br, ep, 'tickets', ticket_id)
	WHERE b = bi;
	UPDATE s_ratings SET id = okno.hq_id(br, ep, 'ratings', id),
	    ticket_id = okno.hq_id(br, ep, 'tickets', ticket_id)
	WHERE b = bi;
	UPDATE s_appeals SET id = okno.hq_id(br, ep, 'appeals', id),
	    ticket_id = okno.hq_id(br, ep, 'tickets', ticket_id)
	WHERE b = bi;
	UPDATE s_appeal_events SET
	    id = okno.hq_id(br, ep, 'appeal_events', id),
	    appeal_id = okno.hq_id(br, ep, 'appeals', appeal_id)
	WHERE b = bi;
	UPDATE s_inspections SET
	    id = okno.hq_id(br, ep, 'inspection_results', id),
	    inspection_id = okno.hq_id(br, ep, 'inspections', inspection_id)
	WHERE b = bi;
	UPDATE s_window_events SET
	    id = okno.hq_id(br, ep, 'window_events', id)
	WHERE b = bi;
	UPDATE s_bookings SET id = okno.hq_id(br, ep, 'bookings', id),
	    ticket_id = okno.hq_id(br, ep, 'tickets', ticket_id)
	WHERE b = bi;
END
$$;

-- ---------------------------------------------------------------------
-- Head office's reports (issue 20): what the branch computed, its time
-- zone and norms, daily summaries kept by the load, indexes for time.
-- ---------------------------------------------------------------------

-- The branch's own figures per ticket (okno(1), EXPORT BATCH): wait and
-- service seconds as its report counts them, the window and manager of
-- the last service segment (NULL: never called, so outside the wait
-- statistics), the close time; day is the branch-local issue date, taken
-- from the offset the branch wrote with issued_at.  NULL for rows of
-- branches whose batches do not carry them.
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS wait_s integer;
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS service_s integer;
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS "window" integer;
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS manager text;
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS closed_at timestamptz;
ALTER TABLE okno.tickets ADD COLUMN IF NOT EXISTS day date;
-- The branch-local registration date, from registered_at's offset.
ALTER TABLE okno.appeals ADD COLUMN IF NOT EXISTS day date;

-- The branch's time zone, as its last batch named it (NULL until one
-- did): "today" at the branch, for overdue appeals.
ALTER TABLE okno.branches ADD COLUMN IF NOT EXISTS timezone text;

-- The norms (seconds) and rating criteria' weights of the branch's
-- configuration, as its last batch carried them: what "within the norm"
-- and the CSI mean there.
CREATE TABLE IF NOT EXISTS okno.branch_norms (
	branch		text NOT NULL,
	service		text NOT NULL,
	wait_norm_s	integer NOT NULL,
	service_norm_s	integer NOT NULL,
	PRIMARY KEY (branch, service)
);
CREATE TABLE IF NOT EXISTS okno.branch_criteria (
	branch		text NOT NULL,
	criterion	text NOT NULL,
	weight		double precision NOT NULL,
	PRIMARY KEY (branch, criterion)
);

-- Daily summaries, one row per branch, local date and service (the
-- ticket's final service), rebuilt by the load for the days a batch
-- touches (okno.refresh_daily) and rewritten only when a figure changed.
-- They follow SPEC "Time semantics" as the branch's report does: wait
-- statistics over the tickets called at least once, service statistics
-- over the finished ones, within a norm when at most the norm the branch
-- had for the service (okno.branch_norms when the day was summarised).
-- waits holds the day's wait seconds sorted: a period's p90 is exact
-- (the nearest rank over all of them, as the branch computes it), for
-- four bytes per called ticket.
CREATE TABLE IF NOT EXISTS okno.daily_queue (
	branch		text NOT NULL,
	day		date NOT NULL,
	service		text NOT NULL,
	tickets		integer NOT NULL,
	called		integer NOT NULL,
	served		integer NOT NULL,
	noshow		integer NOT NULL,
	wait_normed	integer NOT NULL,	-- called, with a norm
	wait_within	integer NOT NULL,
	wait_sum	bigint NOT NULL,
	wait_max	integer,
	waits		integer[] NOT NULL,
	service_normed	integer NOT NULL,	-- finished, with a norm
	service_within	integer NOT NULL,
	service_sum	bigint NOT NULL,
	PRIMARY KEY (branch, day, service)
);

-- Ratings of the finished tickets issued that day (the branch's report
-- counts a rating with its ticket's day), per criterion.
CREATE TABLE IF NOT EXISTS okno.daily_ratings (
	branch		text NOT NULL,
	day		date NOT NULL,
	service		text NOT NULL,
	criterion	text NOT NULL,
	ratings		integer NOT NULL,
	score_sum	bigint NOT NULL,
	PRIMARY KEY (branch, day, service, criterion)
);

-- Appeals by local registration date.
CREATE TABLE IF NOT EXISTS okno.daily_appeals (
	branch		text NOT NULL,
	day		date NOT NULL,
	registered	integer NOT NULL,
	first_contact	integer NOT NULL,
	PRIMARY KEY (branch, day)
);

-- Inspection results by the inspection's date.
CREATE TABLE IF NOT EXISTS okno.daily_inspections (
	branch		text NOT NULL,
	day		date NOT NULL,
	inspections	integer NOT NULL,
	met		integer NOT NULL,
	not_met		integer NOT NULL,
	na		integer NOT NULL,
	PRIMARY KEY (branch, day)
);

-- Monthly rollups of the daily summaries (issue 20 item 4: a year's
-- report in under a second), kept by okno.refresh_daily with the days:
-- a month is the branch-local calendar month (its first day names it),
-- summed over services.  A report splits its period into whole months,
-- read here, and the days at its edges, read from the daily tables.
-- The p90 stays exact (the nearest rank over every wait of the period)
-- in two passes: wait_mins, a histogram of the waits by minute (element
-- i counts the waits of 60(i-1) to 60(i-1)+59 s; empty when nothing was
-- called), finds the minute holding the rank, then the per-second
-- counts of that minute give the second: okno.monthly_wait_secs for the
-- months, for an edge day the slice of its sorted waits that the day's
-- own wait_mins locates.
ALTER TABLE okno.daily_queue ADD COLUMN IF NOT EXISTS wait_mins integer[];

CREATE TABLE IF NOT EXISTS okno.monthly_queue (
	branch		text NOT NULL,
	month		date NOT NULL,
	tickets		integer NOT NULL,
	called		integer NOT NULL,
	wait_normed	integer NOT NULL,
	wait_within	integer NOT NULL,
	wait_sum	bigint NOT NULL,
	wait_max	integer,
	wait_mins	integer[] NOT NULL,
	PRIMARY KEY (branch, month)
);

-- The month's waits of one minute (those of 60 minute to 60 minute +
-- 59 s) by second: secs[s + 1] waits of 60 minute + s.  Only minutes
-- with waits have a row.
CREATE TABLE IF NOT EXISTS okno.monthly_wait_secs (
	branch		text NOT NULL,
	month		date NOT NULL,
	minute		integer NOT NULL,
	secs		integer[] NOT NULL,
	PRIMARY KEY (branch, month, minute)
);

CREATE TABLE IF NOT EXISTS okno.monthly_ratings (
	branch		text NOT NULL,
	month		date NOT NULL,
	criterion	text NOT NULL,
	ratings		integer NOT NULL,
	score_sum	bigint NOT NULL,
	PRIMARY KEY (branch, month, criterion)
);

-- Rows arrive in time order (a night's batches hold the night's rows),
-- so a BRIN index of a few pages finds a period among years; the
-- summaries are read by period for all branches.  The btree indexes are
-- what the load's refresh reads a branch's day by.  Open appeals are
-- few: a partial index answers "overdue now" without reading the rest.
CREATE INDEX IF NOT EXISTS tickets_issued_brin ON okno.tickets
	USING brin (issued_at);
CREATE INDEX IF NOT EXISTS tickets_branch_day ON okno.tickets (branch, day);
CREATE INDEX IF NOT EXISTS ticket_events_at_brin ON okno.ticket_events
	USING brin (at);
CREATE INDEX IF NOT EXISTS ratings_at_brin ON okno.ratings USING brin (at);
CREATE INDEX IF NOT EXISTS ratings_ticket ON okno.ratings
	(branch, ticket_id);
CREATE INDEX IF NOT EXISTS appeals_registered_brin ON okno.appeals
	USING brin (registered_at);
CREATE INDEX IF NOT EXISTS appeals_branch_day ON okno.appeals (branch, day);
CREATE INDEX IF NOT EXISTS appeals_open ON okno.appeals (branch, due_date)
	WHERE status IN ('registered', 'forwarded');
CREATE INDEX IF NOT EXISTS inspections_branch_date ON okno.inspections
	(branch, date);
CREATE INDEX IF NOT EXISTS window_events_at_brin ON okno.window_events
	USING brin (at);
-- The daily summaries are read by day for the edges of a period: a
-- btree, since their rows are in day order only when the nightly loads
-- made them (a rebuild or an upgrade writes them branch by branch), and
-- they are small.  (The first version had BRIN indexes of these names.)
DROP INDEX IF EXISTS okno.daily_queue_day;
DROP INDEX IF EXISTS okno.daily_ratings_day;
CREATE INDEX IF NOT EXISTS daily_queue_by_day ON okno.daily_queue (day);
CREATE INDEX IF NOT EXISTS daily_ratings_by_day ON okno.daily_ratings (day);

-- Is z a time zone PostgreSQL knows?  (A branch's tzdata may be newer.)
CREATE OR REPLACE FUNCTION okno.zone_ok(z text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
	PERFORM now() AT TIME ZONE z;
	RETURN true;
EXCEPTION WHEN OTHERS THEN
	RETURN false;
END
$$;

-- The branches' configuration from the night's batches' BATCH (s_batch):
-- each branch's time zone, norms and criteria' weights as its last batch
-- that loads (s_night; bi: that batch only) says them, replacing what
-- head office had.  A batch without these lines (an okno before them)
-- changes nothing.  Rows are written only when they differ, so a batch
-- that repeats them rewrites nothing.
DROP FUNCTION IF EXISTS okno.branch_config(text);
CREATE OR REPLACE FUNCTION okno.branch_config(bi integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	z text;
BEGIN
	CREATE TEMP TABLE IF NOT EXISTS s_cfg (branch text, line integer,
	    k text, v1 text, v2 text, v3 text);
	TRUNCATE s_cfg;
	INSERT INTO s_cfg
	SELECT l.branch, x.line, x.k, okno.unguard(x.v1), x.v2, x.v3
	FROM (SELECT DISTINCT ON (branch) b, branch FROM s_night
	    WHERE outcome = 'loaded' AND (bi IS NULL OR b = bi)
	    ORDER BY branch, b DESC) l
	JOIN s_batch x ON x.b = l.b
	    AND x.k IN ('timezone', 'norm', 'criterion')
	WHERE EXISTS (SELECT 1 FROM s_batch y WHERE y.b = l.b
	    AND y.k = 'timezone');
	-- An empty zone (the branch could not tell) keeps the one known.
	FOR z IN SELECT DISTINCT v1 FROM s_cfg WHERE k = 'timezone'
	    AND v1 IS NOT NULL LOOP
		IF NOT okno.zone_ok(z) THEN
			RAISE EXCEPTION 'its time zone % is unknown to '
			    'PostgreSQL', z;
		END IF;
	END LOOP;
	UPDATE okno.branches r SET timezone = c.z
	FROM (SELECT DISTINCT ON (branch) branch, v1 AS z FROM s_cfg
	    WHERE k = 'timezone' ORDER BY branch, line) c
	WHERE r.branch = c.branch AND c.z IS NOT NULL
	    AND r.timezone IS DISTINCT FROM c.z;
	INSERT INTO okno.branch_norms AS n (branch, service, wait_norm_s,
	    service_norm_s)
	SELECT DISTINCT ON (branch, v1) branch, v1, v2::integer, v3::integer
	FROM s_cfg WHERE k = 'norm' ORDER BY branch, v1, line DESC
	ON CONFLICT (branch, service) DO UPDATE
	    SET wait_norm_s = EXCLUDED.wait_norm_s,
	    service_norm_s = EXCLUDED.service_norm_s
	WHERE (n.wait_norm_s, n.service_norm_s) IS DISTINCT FROM
	    (EXCLUDED.wait_norm_s, EXCLUDED.service_norm_s);
	DELETE FROM okno.branch_norms n
	WHERE n.branch IN (SELECT branch FROM s_cfg) AND NOT EXISTS
	    (SELECT 1 FROM s_cfg c WHERE c.branch = n.branch
	    AND c.k = 'norm' AND c.v1 = n.service);
	INSERT INTO okno.branch_criteria AS c (branch, criterion, weight)
	SELECT DISTINCT ON (branch, v1) branch, v1, v2::double precision
	FROM s_cfg WHERE k = 'criterion' ORDER BY branch, v1, line DESC
	ON CONFLICT (branch, criterion) DO UPDATE SET weight = EXCLUDED.weight
	WHERE c.weight IS DISTINCT FROM EXCLUDED.weight;
	DELETE FROM okno.branch_criteria c
	WHERE c.branch IN (SELECT branch FROM s_cfg) AND NOT EXISTS
	    (SELECT 1 FROM s_cfg x WHERE x.branch = c.branch
	    AND x.k = 'criterion' AND x.v1 = c.criterion);
END
$$;

-- The dense array of len counts, element i + 1 the n paired with i in
-- idx (0 when i is absent); empty for len 0 or NULL.
-- A loop, like okno.wait_hist: it is called for every minute of every
-- month a night touches.
CREATE OR REPLACE FUNCTION okno.dense(idx integer[], n integer[],
    len integer) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	h integer[];
BEGIN
	IF coalesce(len, 0) <= 0 THEN
		RETURN '{}';
	END IF;
	h := array_fill(0, ARRAY[len]);
	FOR k IN 1 .. coalesce(cardinality(idx), 0) LOOP
		IF idx[k] >= 0 AND idx[k] < len THEN
			h[idx[k] + 1] := coalesce(n[k], 0);
		END IF;
	END LOOP;
	RETURN h;
END
$$;

-- The per-minute histogram (okno.daily_queue.wait_mins) of the waits w
-- (none negative): element i counts those of 60(i-1) to 60(i-1)+59 s.
-- A loop: called for every summary row, it must be cheap.
CREATE OR REPLACE FUNCTION okno.wait_hist(w integer[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	h integer[];
	x integer;
	top integer := -1;
BEGIN
	FOREACH x IN ARRAY coalesce(w, '{}') LOOP
		top := greatest(top, x);
	END LOOP;
	IF top < 0 THEN
		RETURN '{}';
	END IF;
	h := array_fill(0, ARRAY[top / 60 + 1]);
	FOREACH x IN ARRAY w LOOP
		h[x / 60 + 1] := h[x / 60 + 1] + 1;
	END LOOP;
	RETURN h;
END
$$;

-- Rebuilds the queue and ratings summaries of the (branch, day) pairs
-- kb[i], kd[i] (by the tickets' local issue date) from the loaded rows,
-- set-based: the load's refresh passes one branch's days, a rebuild
-- every pair at once.  A row is written only when a figure differs; a
-- row of those days that nothing makes any more (its tickets went to
-- another service) is removed.
CREATE OR REPLACE FUNCTION okno.summarise_days(kb text[], kd date[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	WITH k AS (
		SELECT DISTINCT branch, day FROM unnest(kb, kd) u(branch, day)
	), n AS (
		SELECT t.branch, t.day, t.service, count(*)::integer AS tickets,
		    count(*) FILTER (WHERE t.called)::integer AS called,
		    count(*) FILTER (WHERE t.status = 'finished')::integer
		    AS served,
		    count(*) FILTER (WHERE t.status = 'noshow')::integer
		    AS noshow,
		    count(*) FILTER (WHERE t.called
		    AND n.wait_norm_s IS NOT NULL)::integer AS wait_normed,
		    count(*) FILTER (WHERE t.called
		    AND t.w <= n.wait_norm_s)::integer AS wait_within,
		    coalesce(sum(t.w) FILTER (WHERE t.called), 0)::bigint
		    AS wait_sum,
		    max(t.w) FILTER (WHERE t.called) AS wait_max,
		    coalesce(array_agg(t.w ORDER BY t.w)
		    FILTER (WHERE t.called), '{}') AS waits,
		    count(*) FILTER (WHERE t.status = 'finished'
		    AND n.service_norm_s IS NOT NULL)::integer
		    AS service_normed,
		    count(*) FILTER (WHERE t.status = 'finished'
		    AND t.s <= n.service_norm_s)::integer AS service_within,
		    coalesce(sum(t.s) FILTER (WHERE t.status = 'finished'), 0)
		    ::bigint AS service_sum
		FROM (SELECT x.branch, x.day, x.service, x.status,
		    x."window" IS NOT NULL AS called,
		    greatest(coalesce(x.wait_s, 0), 0) AS w,
		    greatest(coalesce(x.service_s, 0), 0) AS s
		    FROM k JOIN okno.tickets x ON x.branch = k.branch
		    AND x.day = k.day) t
		LEFT JOIN okno.branch_norms n ON n.branch = t.branch
		    AND n.service = t.service
		GROUP BY t.branch, t.day, t.service
	), gone AS (
		DELETE FROM okno.daily_queue d USING k
		WHERE d.branch = k.branch AND d.day = k.day
		    AND NOT EXISTS (SELECT 1 FROM n WHERE n.branch = d.branch
		    AND n.day = d.day AND n.service = d.service)
	)
	INSERT INTO okno.daily_queue AS d (branch, day, service, tickets,
	    called, served, noshow, wait_normed, wait_within, wait_sum,
	    wait_max, waits, service_normed, service_within, service_sum,
	    wait_mins)
	SELECT branch, day, service, tickets, called, served, noshow,
	    wait_normed, wait_within, wait_sum, wait_max, waits,
	    service_normed, service_within, service_sum,
	    okno.wait_hist(waits)
	FROM n ORDER BY day, branch, service	-- a period's rows together
	ON CONFLICT (branch, day, service) DO UPDATE SET
	    tickets = EXCLUDED.tickets, called = EXCLUDED.called,
	    served = EXCLUDED.served, noshow = EXCLUDED.noshow,
	    wait_normed = EXCLUDED.wait_normed,
	    wait_within = EXCLUDED.wait_within,
	    wait_sum = EXCLUDED.wait_sum, wait_max = EXCLUDED.wait_max,
	    waits = EXCLUDED.waits, service_normed = EXCLUDED.service_normed,
	    service_within = EXCLUDED.service_within,
	    service_sum = EXCLUDED.service_sum,
	    wait_mins = EXCLUDED.wait_mins
	WHERE (d.tickets, d.called, d.served, d.noshow, d.wait_normed,
	    d.wait_within, d.wait_sum, d.wait_max, d.waits, d.service_normed,
	    d.service_within, d.service_sum, d.wait_mins) IS DISTINCT FROM
	    (EXCLUDED.tickets, EXCLUDED.called, EXCLUDED.served,
	    EXCLUDED.noshow, EXCLUDED.wait_normed, EXCLUDED.wait_within,
	    EXCLUDED.wait_sum, EXCLUDED.wait_max, EXCLUDED.waits,
	    EXCLUDED.service_normed, EXCLUDED.service_within,
	    EXCLUDED.service_sum, EXCLUDED.wait_mins);

	WITH k AS (
		SELECT DISTINCT branch, day FROM unnest(kb, kd) u(branch, day)
	), n AS (
		SELECT t.branch, t.day, t.service, r.criterion,
		    count(*)::integer AS ratings, sum(r.score)::bigint
		    AS score_sum
		FROM k JOIN okno.tickets t ON t.branch = k.branch
		    AND t.day = k.day
		JOIN okno.ratings r ON r.branch = t.branch
		    AND r.ticket_id = t.id
		WHERE t.status = 'finished' AND r.score BETWEEN 1 AND 5
		GROUP BY t.branch, t.day, t.service, r.criterion
	), gone AS (
		DELETE FROM okno.daily_ratings d USING k
		WHERE d.branch = k.branch AND d.day = k.day
		    AND NOT EXISTS (SELECT 1 FROM n WHERE n.branch = d.branch
		    AND n.day = d.day AND n.service = d.service
		    AND n.criterion = d.criterion)
	)
	INSERT INTO okno.daily_ratings AS d (branch, day, service, criterion,
	    ratings, score_sum)
	SELECT * FROM n ORDER BY day, branch, service, criterion
	ON CONFLICT (branch, day, service, criterion) DO UPDATE SET
	    ratings = EXCLUDED.ratings, score_sum = EXCLUDED.score_sum
	WHERE (d.ratings, d.score_sum) IS DISTINCT FROM
	    (EXCLUDED.ratings, EXCLUDED.score_sum);
END
$$;

-- Rebuilds the monthly rollups of the (branch, month) pairs kb[i], km[i]
-- (km a month's first day) from the daily summaries, which must be
-- current; set-based like okno.summarise_days, and written the same way
-- (only what differs, and a row nothing makes any more removed).
CREATE OR REPLACE FUNCTION okno.summarise_months(kb text[], km date[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	WITH k AS (
		SELECT DISTINCT branch, month FROM unnest(kb, km) u(branch, month)
	), v AS (
		SELECT d.branch, k.month, x.w / 60 AS minute, x.w % 60 AS s,
		    count(*)::integer AS n
		FROM k JOIN okno.daily_queue d ON d.branch = k.branch
		    AND d.day >= k.month
		    AND d.day < (k.month + interval '1 month')::date
		CROSS JOIN LATERAL unnest(d.waits) x(w)
		GROUP BY 1, 2, 3, 4
	), n AS (
		SELECT branch, month, minute,
		    okno.dense(array_agg(s), array_agg(n), 60) AS secs
		FROM v GROUP BY 1, 2, 3
	), gone AS (
		DELETE FROM okno.monthly_wait_secs m USING k
		WHERE m.branch = k.branch AND m.month = k.month
		    AND NOT EXISTS (SELECT 1 FROM n WHERE n.branch = m.branch
		    AND n.month = m.month AND n.minute = m.minute)
	)
	INSERT INTO okno.monthly_wait_secs AS m (branch, month, minute, secs)
	SELECT * FROM n
	ON CONFLICT (branch, month, minute) DO UPDATE SET secs = EXCLUDED.secs
	WHERE m.secs IS DISTINCT FROM EXCLUDED.secs;

	WITH k AS (
		SELECT DISTINCT branch, month FROM unnest(kb, km) u(branch, month)
	), h AS (
		SELECT s.branch, s.month, okno.dense(array_agg(s.minute),
		    array_agg((SELECT sum(x) FROM unnest(s.secs) x)::integer),
		    max(s.minute) + 1) AS wait_mins
		FROM k JOIN okno.monthly_wait_secs s ON s.branch = k.branch
		    AND s.month = k.month
		GROUP BY s.branch, s.month
	), n AS (
		SELECT d.branch, k.month, sum(d.tickets)::integer AS tickets,
		    sum(d.called)::integer AS called,
		    sum(d.wait_normed)::integer AS wait_normed,
		    sum(d.wait_within)::integer AS wait_within,
		    sum(d.wait_sum)::bigint AS wait_sum,
		    max(d.wait_max) AS wait_max
		FROM k JOIN okno.daily_queue d ON d.branch = k.branch
		    AND d.day >= k.month
		    AND d.day < (k.month + interval '1 month')::date
		GROUP BY d.branch, k.month
	), gone AS (
		DELETE FROM okno.monthly_queue m USING k
		WHERE m.branch = k.branch AND m.month = k.month
		    AND NOT EXISTS (SELECT 1 FROM n WHERE n.branch = m.branch
		    AND n.month = m.month)
	)
	INSERT INTO okno.monthly_queue AS m (branch, month, tickets, called,
	    wait_normed, wait_within, wait_sum, wait_max, wait_mins)
	SELECT n.branch, n.month, n.tickets, n.called, n.wait_normed,
	    n.wait_within, n.wait_sum, n.wait_max,
	    coalesce(h.wait_mins, '{}')
	FROM n LEFT JOIN h ON h.branch = n.branch AND h.month = n.month
	ON CONFLICT (branch, month) DO UPDATE SET
	    tickets = EXCLUDED.tickets, called = EXCLUDED.called,
	    wait_normed = EXCLUDED.wait_normed,
	    wait_within = EXCLUDED.wait_within,
	    wait_sum = EXCLUDED.wait_sum, wait_max = EXCLUDED.wait_max,
	    wait_mins = EXCLUDED.wait_mins
	WHERE (m.tickets, m.called, m.wait_normed, m.wait_within, m.wait_sum,
	    m.wait_max, m.wait_mins) IS DISTINCT FROM
	    (EXCLUDED.tickets, EXCLUDED.called, EXCLUDED.wait_normed,
	    EXCLUDED.wait_within, EXCLUDED.wait_sum, EXCLUDED.wait_max,
	    EXCLUDED.wait_mins);

	WITH k AS (
		SELECT DISTINCT branch, month FROM unnest(kb, km) u(branch, month)
	), n AS (
		SELECT r.branch, k.month, r.criterion,
		    sum(r.ratings)::integer AS ratings,
		    sum(r.score_sum)::bigint AS score_sum
		FROM k JOIN okno.daily_ratings r ON r.branch = k.branch
		    AND r.day >= k.month
		    AND r.day < (k.month + interval '1 month')::date
		GROUP BY r.branch, k.month, r.criterion
	), gone AS (
		DELETE FROM okno.monthly_ratings m USING k
		WHERE m.branch = k.branch AND m.month = k.month
		    AND NOT EXISTS (SELECT 1 FROM n WHERE n.branch = m.branch
		    AND n.month = m.month AND n.criterion = m.criterion)
	)
	INSERT INTO okno.monthly_ratings AS m (branch, month, criterion,
	    ratings, score_sum)
	SELECT * FROM n
	ON CONFLICT (branch, month, criterion) DO UPDATE SET
	    ratings = EXCLUDED.ratings, score_sum = EXCLUDED.score_sum
	WHERE (m.ratings, m.score_sum) IS DISTINCT FROM
	    (EXCLUDED.ratings, EXCLUDED.score_sum);
END
$$;

-- The queue and ratings summaries of the (branch, day) pairs given, and
-- the monthly rollups of their months (the load's refresh and a rebuild
-- of everything: the same figures either way).
CREATE OR REPLACE FUNCTION okno.summarise_tickets(kb text[], kd date[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF coalesce(cardinality(kd), 0) = 0 THEN
		RETURN;
	END IF;
	PERFORM okno.summarise_days(kb, kd);
	PERFORM okno.summarise_months(array_agg(b), array_agg(m))
	FROM (SELECT DISTINCT b, date_trunc('month', d)::date AS m
	    FROM unnest(kb, kd) u(b, d)) x;
END
$$;

-- Rebuilds the appeals summaries of the (branch, day) pairs kb[i],
-- kd[i] (by local registration date) from the loaded rows, set-based;
-- a row is written only when a figure differs.
CREATE OR REPLACE FUNCTION okno.summarise_appeals(kb text[], kd date[])
RETURNS void LANGUAGE sql AS $$
	INSERT INTO okno.daily_appeals AS d
	SELECT a.branch, a.day, count(*), count(*) FILTER (WHERE a.first_contact)
	FROM (SELECT DISTINCT branch, day FROM unnest(kb, kd) u(branch, day)) k
	JOIN okno.appeals a ON a.branch = k.branch AND a.day = k.day
	GROUP BY a.branch, a.day
	ON CONFLICT (branch, day) DO UPDATE SET
	    registered = EXCLUDED.registered,
	    first_contact = EXCLUDED.first_contact
	WHERE (d.registered, d.first_contact) IS DISTINCT FROM
	    (EXCLUDED.registered, EXCLUDED.first_contact);
$$;

-- The same for inspections, by the inspection's date.
CREATE OR REPLACE FUNCTION okno.summarise_inspections(kb text[],
    kd date[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO okno.daily_inspections AS d
	SELECT i.branch, i.date, count(DISTINCT i.inspection_id),
	    count(*) FILTER (WHERE i.result = 'met'),
	    count(*) FILTER (WHERE i.result = 'not_met'),
	    count(*) FILTER (WHERE i.result = 'na')
	FROM (SELECT DISTINCT branch, day FROM unnest(kb, kd) u(branch, day)) k
	JOIN okno.inspections i ON i.branch = k.branch AND i.date = k.day
	GROUP BY i.branch, i.date
	ON CONFLICT (branch, day) DO UPDATE SET
	    inspections = EXCLUDED.inspections, met = EXCLUDED.met,
	    not_met = EXCLUDED.not_met, na = EXCLUDED.na
	WHERE (d.inspections, d.met, d.not_met, d.na) IS DISTINCT FROM
	    (EXCLUDED.inspections, EXCLUDED.met, EXCLUDED.not_met,
	    EXCLUDED.na);
$$;

-- Rebuilds branch b's summary rows of the days given: tdays for the
-- queue and ratings (by the tickets' local issue date) and the months
-- holding them, adays for appeals (by local registration date), idays
-- for inspections.  Each row is computed again from the loaded rows and
-- written only when a figure differs; a summary row whose tickets have
-- all gone elsewhere (a service renamed) is removed.  (The load itself
-- calls the set-based summarisers for all its branches at once,
-- okno.night_summaries.)
CREATE OR REPLACE FUNCTION okno.refresh_daily(b text, tdays date[],
    adays date[], idays date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM okno.summarise_tickets(array_fill(b,
	    ARRAY[cardinality(tdays)]), tdays);
	PERFORM okno.summarise_appeals(array_fill(b,
	    ARRAY[cardinality(adays)]), adays);
	PERFORM okno.summarise_inspections(array_fill(b,
	    ARRAY[cardinality(idays)]), idays);
END
$$;

-- Every summary computed from the loaded rows at once (the same figures
-- as the load's refreshes): the queue and ratings set-based, over every
-- (branch, day) of the tickets, then their months; appeals and
-- inspections the same way.  For a rebuild after
-- the summary tables were emptied (tests/bench/hq-bench.sh): it does not
-- remove rows of days that no loaded row has.
-- Over everything, hash joins beat the index probes that suit a batch's
-- few days (the planner, misjudging the pairs, picks those): the
-- settings hold for this call only.
CREATE OR REPLACE FUNCTION okno.rebuild_summaries() RETURNS void
LANGUAGE plpgsql SET enable_nestloop = off SET enable_mergejoin = off AS $$
BEGIN
	PERFORM okno.summarise_tickets(array_agg(branch), array_agg(day))
	FROM (SELECT DISTINCT branch, day FROM okno.tickets
	    WHERE day IS NOT NULL) x;
	PERFORM okno.summarise_appeals(array_agg(branch), array_agg(day))
	FROM (SELECT DISTINCT branch, day FROM okno.appeals
	    WHERE day IS NOT NULL) x;
	PERFORM okno.summarise_inspections(array_agg(branch), array_agg(date))
	FROM (SELECT DISTINCT branch, date FROM okno.inspections
	    WHERE date IS NOT NULL) x;
END
$$;

-- Summaries for rows loaded before the summaries existed: fills the
-- local dates from the stored times in the branch's zone (UTC when
-- unknown) and summarises every day.  --init runs it when there are
-- tickets and no summary yet (the upgrade); otherwise it reads nothing.
DO $$
DECLARE
	r record;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM okno.tickets) OR
	    EXISTS (SELECT 1 FROM okno.daily_queue) THEN
		RETURN;
	END IF;
	UPDATE okno.tickets t SET day = (t.issued_at AT TIME ZONE
	    coalesce(b.timezone, 'UTC'))::date
	FROM okno.branches b WHERE t.day IS NULL AND b.branch = t.branch;
	UPDATE okno.appeals a SET day = (a.registered_at AT TIME ZONE
	    coalesce(b.timezone, 'UTC'))::date
	FROM okno.branches b WHERE a.day IS NULL AND b.branch = a.branch;
	FOR r IN SELECT branch, array_agg(DISTINCT day) AS days
	    FROM okno.tickets t WHERE day IS NOT NULL AND NOT EXISTS
	    (SELECT 1 FROM okno.daily_queue d WHERE d.branch = t.branch
	    AND d.day = t.day) GROUP BY branch
	LOOP
		PERFORM okno.refresh_daily(r.branch, r.days, '{}', '{}');
	END LOOP;
	FOR r IN SELECT branch, array_agg(DISTINCT day) AS days
	    FROM okno.appeals a WHERE day IS NOT NULL AND NOT EXISTS
	    (SELECT 1 FROM okno.daily_appeals d WHERE d.branch = a.branch
	    AND d.day = a.day) GROUP BY branch
	LOOP
		PERFORM okno.refresh_daily(r.branch, '{}', r.days, '{}');
	END LOOP;
	FOR r IN SELECT branch, array_agg(DISTINCT date) AS days
	    FROM okno.inspections i WHERE date IS NOT NULL AND NOT EXISTS
	    (SELECT 1 FROM okno.daily_inspections d WHERE d.branch = i.branch
	    AND d.day = i.date) GROUP BY branch
	LOOP
		PERFORM okno.refresh_daily(r.branch, '{}', '{}', r.days);
	END LOOP;
END
$$;

-- The minute histograms and monthly rollups for summaries made before
-- them: the daily rows' wait_mins from their waits, then every month of
-- the daily rows.  Once done this reads the catalogue and one row.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_attribute
	    WHERE attrelid = 'okno.daily_queue'::regclass
	    AND attname = 'wait_mins' AND NOT attnotnull) THEN
		UPDATE okno.daily_queue SET wait_mins = okno.wait_hist(waits)
		    WHERE wait_mins IS NULL;
		ALTER TABLE okno.daily_queue ALTER COLUMN wait_mins SET NOT NULL;
	END IF;
	IF EXISTS (SELECT 1 FROM okno.daily_queue) AND
	    NOT EXISTS (SELECT 1 FROM okno.monthly_queue) THEN
		PERFORM okno.summarise_months(array_agg(branch),
		    array_agg(month))
		FROM (SELECT DISTINCT branch, date_trunc('month', day)::date
		    AS month FROM okno.daily_queue) x;
	END IF;
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

-- ====================================================================
-- The night's load (issue 20 item 2; okno-load, load.sql).  okno verify
-- checks every batch folder of the night in one process (names, files,
-- manifest, signature, headers, each row's branch and the row counts)
-- and re-encodes the rows of those that pass, each row led by the
-- batch's index on okno-load's command line; psql copies them into the
-- session's staging tables below, all batches with one COPY per table.
-- okno.load_night then checks each batch against what head office has
-- (okno.check_batch, in command-line order: a later batch of a branch
-- sees an earlier one of the same night) and applies those that pass
-- with one statement per table for the whole night, in one transaction:
-- a night costs a few times a plain COPY of its rows, not a few dozen
-- statements per batch.  A batch stays loaded or refused on its own: if
-- the night's statements fail, each batch is applied again alone, under
-- its own savepoint, and only those that fail are refused.
-- ====================================================================

-- The staging tables of the session (temporary, typed as head office's
-- tables; issued_at and registered_at keep the branch's text, whose
-- date is the branch-local day), and s_night: one row per batch that
-- okno verify passed (b its index), with its outcome once decided.
CREATE OR REPLACE FUNCTION okno.night_begin() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	CREATE TEMP TABLE IF NOT EXISTS s_night (b integer PRIMARY KEY,
	    name text, branch text, seq bigint, epoch text, manifest text,
	    rows bigint, outcome text);
	CREATE TEMP TABLE IF NOT EXISTS s_batch (b integer, line integer,
	    k text, v1 text, v2 text, v3 text);
	CREATE TEMP TABLE IF NOT EXISTS s_tickets (b integer, branch text,
	    id bigint, number text, service text, priority boolean,
	    issued_at text, status text, account text, category text,
	    outcomes text, resolved boolean, wait_s integer,
	    service_s integer, "window" integer, manager text,
	    closed_at timestamptz);
	CREATE TEMP TABLE IF NOT EXISTS s_ticket_events (b integer,
	    branch text, id bigint, ticket_id bigint, at timestamptz,
	    event text, "window" integer, manager text, service text);
	CREATE TEMP TABLE IF NOT EXISTS s_ratings (b integer, branch text,
	    id bigint, ticket_id bigint, criterion text, score smallint,
	    at timestamptz, manager text);
	CREATE TEMP TABLE IF NOT EXISTS s_appeals (b integer, branch text,
	    id bigint, reg_no text, registered_at text, channel text,
	    kind text, client_type text, client_name text, account text,
	    phone text, topic text, text text, ticket_id bigint,
	    manager text, first_contact boolean, status text,
	    due_date date, closed_at timestamptz);
	CREATE TEMP TABLE IF NOT EXISTS s_appeal_events (b integer,
	    branch text, id bigint, appeal_id bigint, at timestamptz,
	    event text, status text, manager text, note text);
	CREATE TEMP TABLE IF NOT EXISTS s_inspections (b integer,
	    branch text, id bigint, inspection_id bigint, date date,
	    kind text, inspector text, criterion text, result text,
	    comment text, note text, recorded_by text,
	    recorded_at timestamptz);
	CREATE TEMP TABLE IF NOT EXISTS s_window_events (b integer,
	    branch text, id bigint, "window" integer, at timestamptz,
	    event text, manager text, reason text);
	CREATE TEMP TABLE IF NOT EXISTS s_bookings (b integer, branch text,
	    id bigint, code text, hq_id text, service text, at timestamptz,
	    status text, name text, phone text, account text,
	    ticket_id bigint, created_at timestamptz,
	    arrived_at timestamptz, changed_at timestamptz);
	-- Per branch and table, the highest id head office had before the
	-- night: a staged row above it is new (okno.night_apply).
	CREATE TEMP TABLE IF NOT EXISTS s_max (branch text, tbl text,
	    max_id bigint, PRIMARY KEY (tbl, branch));
END
$$;

-- The tables a batch carries, in the order they are applied (a row
-- refers only to rows of tables before it).
CREATE OR REPLACE FUNCTION okno.night_tables() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
	SELECT ARRAY['tickets', 'ticket_events', 'ratings', 'appeals',
	    'appeal_events', 'inspections', 'window_events', 'bookings']
$$;

-- Applies the staged rows of table tbl, all of them (f empty) or those
-- of one batch (f is ' AND s.b = N'), to okno.tbl: rows above the
-- branch's highest id are inserted as they are, the others upserted by
-- (branch, id) and rewritten only when a value differs, so a batch
-- loaded again changes no row version.  Each column comes from the
-- staged column of its name: text loses the formula guard
-- (okno.unguard), other types are cast; day is the branch-local date
-- of issued_at or registered_at as the branch wrote it.  The branch's
-- advisory lock (okno.check_batch) keeps another loader of the branch
-- from adding ids in between.
CREATE OR REPLACE FUNCTION okno.night_apply(tbl text, f text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	cols text;
	src text;
	upd text;
	old text;
	new text;
BEGIN
	SELECT string_agg(quote_ident(c.column_name), ', '
	    ORDER BY c.ordinal_position),
	    string_agg(CASE
	    WHEN c.column_name = 'day' AND tbl = 'tickets' THEN
		'left(s.issued_at, 10)::date'
	    WHEN c.column_name = 'day' AND tbl = 'appeals' THEN
		'left(s.registered_at, 10)::date'
	    WHEN c.data_type = 'text' THEN
		format('okno.unguard(s.%I)', c.column_name)
	    ELSE format('s.%I::%s', c.column_name,
		format_type(a.atttypid, a.atttypmod)) END, ', '
	    ORDER BY c.ordinal_position),
	    string_agg(quote_ident(c.column_name), ', '
	    ORDER BY c.ordinal_position)
	    FILTER (WHERE c.column_name NOT IN ('branch', 'id')),
	    string_agg('t.' || quote_ident(c.column_name), ', '
	    ORDER BY c.ordinal_position)
	    FILTER (WHERE c.column_name NOT IN ('branch', 'id')),
	    string_agg('EXCLUDED.' || quote_ident(c.column_name), ', '
	    ORDER BY c.ordinal_position)
	    FILTER (WHERE c.column_name NOT IN ('branch', 'id'))
	INTO cols, src, upd, old, new
	FROM information_schema.columns c
	JOIN pg_attribute a ON a.attrelid = format('okno.%I', tbl)::regclass
	    AND a.attname = c.column_name
	WHERE c.table_schema = 'okno' AND c.table_name = tbl;
	EXECUTE format('INSERT INTO okno.%I (%s) SELECT %s FROM s_%s s '
	    'JOIN s_max m ON m.tbl = %L AND m.branch = s.branch '
	    'WHERE s.id > m.max_id%s', tbl, cols, src, tbl, tbl, f);
	EXECUTE format('INSERT INTO okno.%I AS t (%s) SELECT %s FROM s_%s s '
	    'JOIN s_max m ON m.tbl = %L AND m.branch = s.branch '
	    'WHERE s.id <= m.max_id%s '
	    'ON CONFLICT (branch, id) DO UPDATE SET (%s) = ROW(%s) '
	    'WHERE (%s) IS DISTINCT FROM (%s)', tbl, cols, src, tbl, tbl, f,
	    upd, new, old, new);
END
$$;

-- The night: decides and applies every batch of s_night whose outcome
-- is still NULL, and leaves each one's outcome there: "loaded N" (its
-- rows), "unchanged" or "refused: REASON".  Runs in the caller's
-- transaction (load.sql); each batch's checks under their own savepoint.
CREATE OR REPLACE FUNCTION okno.load_night(max_jump bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	r record;
	t text;
	res text;
BEGIN
	CREATE INDEX IF NOT EXISTS s_batch_b ON s_batch (b);
	ANALYZE s_batch;
	UPDATE s_night n SET rows = coalesce((SELECT sum(v2::bigint)
	    FROM s_batch x WHERE x.b = n.b AND x.k = 'rows'), 0)
	WHERE outcome IS NULL;

	-- okno verify passed only rows of the batch's branch; a row
	-- without an id would match no row here (and be lost): either
	-- refuses the batch.
	FOREACH t IN ARRAY okno.night_tables() LOOP
		EXECUTE format('UPDATE s_night n SET outcome = ''refused: '' '
		    '|| CASE WHEN x.no_id THEN %L ELSE ''batch '' || n.name '
		    '|| '': a row of another branch'' END '
		    'FROM (SELECT s.b, bool_or(s.id IS NULL) AS no_id '
		    'FROM s_%s s JOIN s_night m ON m.b = s.b '
		    'WHERE s.id IS NULL OR s.branch IS DISTINCT FROM m.branch '
		    'GROUP BY s.b) x WHERE x.b = n.b AND n.outcome IS NULL',
		    t || '.csv: a row without an id', t);
	END LOOP;

	-- Each batch against head office's batches and epochs, in order.
	FOR r IN SELECT * FROM s_night WHERE outcome IS NULL ORDER BY b LOOP
		BEGIN
			res := okno.check_batch(r.b, r.branch, r.seq, r.name,
			    r.epoch, r.manifest, max_jump);
			IF res = 'unchanged' THEN
				UPDATE s_night SET outcome = 'unchanged'
				WHERE b = r.b;
				CONTINUE;
			END IF;
			PERFORM okno.remap_staging(r.b, r.branch, r.epoch);
			INSERT INTO okno.batches (name, branch, seq, rows,
			    epoch, manifest)
			VALUES (r.name, r.branch, r.seq, r.rows, r.epoch,
			    r.manifest);
			UPDATE s_night SET outcome = 'loaded' WHERE b = r.b;
		EXCEPTION WHEN OTHERS THEN
			UPDATE s_night SET outcome = 'refused: ' || SQLERRM
			WHERE b = r.b;
		END;
	END LOOP;

	-- Only the rows of batches that pass; of a branch's several
	-- batches in one night, a row's latest version.
	IF EXISTS (SELECT 1 FROM s_night WHERE outcome <> 'loaded') THEN
		FOREACH t IN ARRAY okno.night_tables() || 'batch'::text LOOP
			EXECUTE format('DELETE FROM s_%s s USING s_night n '
			    'WHERE n.b = s.b AND n.outcome <> ''loaded''', t);
		END LOOP;
	END IF;
	IF EXISTS (SELECT branch FROM s_night WHERE outcome = 'loaded'
	    GROUP BY branch HAVING count(*) > 1) THEN
		FOREACH t IN ARRAY okno.night_tables() LOOP
			EXECUTE format('DELETE FROM s_%s s USING s_%s l '
			    'WHERE l.branch = s.branch AND l.id = s.id '
			    'AND l.b > s.b', t, t);
		END LOOP;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM s_night WHERE outcome = 'loaded') THEN
		RETURN;
	END IF;

	TRUNCATE s_max;
	FOREACH t IN ARRAY okno.night_tables() LOOP
		EXECUTE format('INSERT INTO s_max SELECT n.branch, %L, '
		    'coalesce((SELECT max(x.id) FROM okno.%I x '
		    'WHERE x.branch = n.branch), -1) FROM (SELECT DISTINCT '
		    'branch FROM s_night WHERE outcome = ''loaded'') n',
		    t, t);
	END LOOP;

	-- All at once; when that fails, batch by batch.
	BEGIN
		PERFORM okno.branch_config(NULL);
		FOREACH t IN ARRAY okno.night_tables() LOOP
			PERFORM okno.night_apply(t, '');
		END LOOP;
	EXCEPTION WHEN OTHERS THEN
		FOREACH t IN ARRAY okno.night_tables() LOOP
			EXECUTE format('CREATE INDEX IF NOT EXISTS s_%s_b '
			    'ON s_%s (b)', t, t);
			EXECUTE format('ANALYZE s_%s', t);
		END LOOP;
		FOR r IN SELECT * FROM s_night WHERE outcome = 'loaded'
		    ORDER BY b LOOP
			BEGIN
				PERFORM okno.branch_config(r.b);
				FOREACH t IN ARRAY okno.night_tables() LOOP
					PERFORM okno.night_apply(t,
					    ' AND s.b = ' || r.b);
				END LOOP;
			EXCEPTION WHEN OTHERS THEN
				UPDATE s_night SET outcome = 'refused: ' ||
				    SQLERRM WHERE b = r.b;
				DELETE FROM okno.batches WHERE name = r.name;
			END;
		END LOOP;
	END;

	PERFORM okno.night_summaries();
	UPDATE s_night SET outcome = 'loaded ' || rows
	WHERE outcome = 'loaded';
END
$$;

-- The daily summaries of the days the night's loaded batches touched:
-- their tickets' and their ratings' tickets' issue days, their appeals'
-- registration days, their inspections' dates (okno.refresh_daily).
CREATE OR REPLACE FUNCTION okno.night_summaries() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	CREATE TEMP TABLE IF NOT EXISTS s_days (branch text, w text,
	    day date);
	TRUNCATE s_days;
	INSERT INTO s_days
	WITH ok AS (SELECT b FROM s_night WHERE outcome = 'loaded')
	SELECT s.branch, 't', left(s.issued_at, 10)::date
	FROM s_tickets s JOIN ok USING (b)
	UNION
	SELECT t.branch, 't', t.day FROM s_ratings s JOIN ok USING (b)
	JOIN okno.tickets t ON t.branch = s.branch AND t.id = s.ticket_id
	WHERE t.day IS NOT NULL
	UNION
	SELECT s.branch, 'a', left(s.registered_at, 10)::date
	FROM s_appeals s JOIN ok USING (b)
	UNION
	SELECT s.branch, 'i', s.date
	FROM s_inspections s JOIN ok USING (b) WHERE s.date IS NOT NULL;
	PERFORM okno.summarise_tickets(array_agg(branch), array_agg(day))
	FROM s_days WHERE w = 't';
	PERFORM okno.summarise_appeals(array_agg(branch), array_agg(day))
	FROM s_days WHERE w = 'a';
	PERFORM okno.summarise_inspections(array_agg(branch), array_agg(day))
	FROM s_days WHERE w = 'i';
END
$$;
