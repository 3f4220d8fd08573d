-- load.sql: upserts one okno batch.  okno-load includes it once for each
-- batch that passed its checks (folder, files, manifest, signature), all
-- in one psql session for the night, with ON_ERROR_STOP off and the
-- variables idx, batch, branch, seq, epoch, manifest, max_jump and
-- has_window_events, has_ticket_visits, has_ticket_times and has_bookings
-- set, from inside the batch's folder.  Each batch is one transaction: it
-- loads whole or not at all,
-- and a refused one does not stop the others.  The outcome is one line
-- on stdout: "R IDX NAME loaded N", "R IDX NAME unchanged" or
-- "R IDX NAME refused: REASON".
--
-- Files are copied into text staging tables, then upserted by
-- (branch, id).  A row is rewritten only when a value differs, so loading
-- a batch again changes nothing, not even the rows' versions; a batch
-- already loaded with the same manifest is not even read again.  Empty
-- cells are NULL; text cells lose the formula guard (okno.unguard).
-- Then the branch's time zone, norms and weights (okno.branch_config) and
-- the daily summaries of the days the batch touched (okno.refresh_daily)
-- are brought up to date, in the same transaction.

\set do_load false
\set unchanged false
\set ok false
\set nrows 0
\set LAST_ERROR_SQLSTATE 00000
\set LAST_ERROR_MESSAGE ''
BEGIN;
SET LOCAL search_path = okno;
CREATE TEMP TABLE s_batch (line bigserial, k text, v1 text, v2 text,
    v3 text) ON COMMIT DROP;
\copy s_batch (k, v1, v2, v3) FROM 'BATCH' WITH (FORMAT csv)
SELECT a = 'load' AS do_load, a = 'unchanged' AS unchanged
FROM okno.check_batch(:'branch', :'seq', :'batch', :'epoch', :'manifest',
    :'max_jump') a \gset
\if :do_load

CREATE TEMP TABLE s_tickets (branch text, id text, number text,
    service text, priority text, issued_at text, status text,
    account text, category text, outcomes text, resolved text,
    wait_s text, service_s text, "window" text, manager text,
    closed_at text) ON COMMIT DROP;
CREATE TEMP TABLE s_ticket_events (branch text, id text, ticket_id text,
    at text, event text, "window" text, manager text, service text)
    ON COMMIT DROP;
CREATE TEMP TABLE s_ratings (branch text, id text, ticket_id text,
    criterion text, score text, at text, manager text) ON COMMIT DROP;
CREATE TEMP TABLE s_appeals (branch text, id text, reg_no text,
    registered_at text, channel text, kind text, client_type text,
    client_name text, account text, phone text, topic text, text text,
    ticket_id text, manager text, first_contact text, status text,
    due_date text, closed_at text) ON COMMIT DROP;
CREATE TEMP TABLE s_appeal_events (branch text, id text, appeal_id text,
    at text, event text, status text, manager text, note text)
    ON COMMIT DROP;
CREATE TEMP TABLE s_inspections (branch text, id text,
    inspection_id text, date text, kind text, inspector text,
    criterion text, result text, comment text, note text,
    recorded_by text, recorded_at text) ON COMMIT DROP;
CREATE TEMP TABLE s_window_events (branch text, id text, "window" text,
    at text, event text, manager text, reason text) ON COMMIT DROP;

-- tickets.csv of an okno before visits ends at status, one before head
-- office's reports at resolved (okno-load sets has_ticket_visits and
-- has_ticket_times): the columns it lacks stay empty.
\if :has_ticket_times
\copy s_tickets FROM 'tickets.csv' WITH (FORMAT csv, HEADER true)
\elif :has_ticket_visits
\copy s_tickets (branch, id, number, service, priority, issued_at, status, account, category, outcomes, resolved) FROM 'tickets.csv' WITH (FORMAT csv, HEADER true)
\else
\copy s_tickets (branch, id, number, service, priority, issued_at, status) FROM 'tickets.csv' WITH (FORMAT csv, HEADER true)
\endif
\copy s_ticket_events FROM 'ticket_events.csv' WITH (FORMAT csv, HEADER true)
\copy s_ratings FROM 'ratings.csv' WITH (FORMAT csv, HEADER true)
\copy s_appeals FROM 'appeals.csv' WITH (FORMAT csv, HEADER true)
\copy s_appeal_events FROM 'appeal_events.csv' WITH (FORMAT csv, HEADER true)
\copy s_inspections FROM 'inspections.csv' WITH (FORMAT csv, HEADER true)
-- A batch of an okno before window events has no window_events.csv
-- (okno-load sets has_window_events).
\if :has_window_events
\copy s_window_events FROM 'window_events.csv' WITH (FORMAT csv, HEADER true)
\endif

-- Every file loaded whole: the rows staged are the rows BATCH says the
-- branch wrote (a file that psql could not open stages nothing, and that
-- is not an error that ends the transaction).
SELECT okno.fail(f || ': ' || staged || ' rows loaded, '
    || coalesce(v2, 'none') || ' in the batch')
FROM (VALUES ('tickets.csv', (SELECT count(*) FROM s_tickets)),
    ('ticket_events.csv', (SELECT count(*) FROM s_ticket_events)),
    ('ratings.csv', (SELECT count(*) FROM s_ratings)),
    ('appeals.csv', (SELECT count(*) FROM s_appeals)),
    ('appeal_events.csv', (SELECT count(*) FROM s_appeal_events)),
    ('inspections.csv', (SELECT count(*) FROM s_inspections)),
    ('window_events.csv', (SELECT count(*) FROM s_window_events)))
    AS v(f, staged)
LEFT JOIN s_batch ON k = 'rows' AND v1 = f
WHERE staged IS DISTINCT FROM v2::bigint;

-- Head office's ids for a restored branch's new epoch (schema.sql).
SELECT okno.remap_staging(:'branch', :'epoch') AS remapped \gset

-- Every row must belong to the batch's branch.
SELECT okno.fail('batch ' || :'batch' || ': a row of another branch')
WHERE EXISTS (
	SELECT branch FROM s_tickets UNION ALL
	SELECT branch FROM s_ticket_events UNION ALL
	SELECT branch FROM s_ratings UNION ALL
	SELECT branch FROM s_appeals UNION ALL
	SELECT branch FROM s_appeal_events UNION ALL
	SELECT branch FROM s_inspections UNION ALL
	SELECT branch FROM s_window_events
	EXCEPT SELECT :'branch');

-- The branch's time zone, norms and weights (schema.sql).
SELECT okno.branch_config(:'branch') AS configured \gset

-- day: the branch-local issue date, as the branch wrote it (the offset
-- of issued_at is the branch's).
INSERT INTO tickets AS t (branch, id, number, service, priority,
    issued_at, status, account, category, outcomes, resolved,
    wait_s, service_s, "window", manager, closed_at, day)
SELECT branch, id::bigint, unguard(number), unguard(service),
    priority::boolean, issued_at::timestamptz, unguard(status),
    unguard(account), unguard(category), unguard(outcomes),
    resolved::boolean, wait_s::integer, service_s::integer,
    "window"::integer, unguard(manager), closed_at::timestamptz,
    left(issued_at, 10)::date
FROM s_tickets
ON CONFLICT (branch, id) DO UPDATE SET number = EXCLUDED.number,
    service = EXCLUDED.service, priority = EXCLUDED.priority,
    issued_at = EXCLUDED.issued_at, status = EXCLUDED.status,
    account = EXCLUDED.account, category = EXCLUDED.category,
    outcomes = EXCLUDED.outcomes, resolved = EXCLUDED.resolved,
    wait_s = EXCLUDED.wait_s, service_s = EXCLUDED.service_s,
    "window" = EXCLUDED."window", manager = EXCLUDED.manager,
    closed_at = EXCLUDED.closed_at, day = EXCLUDED.day
WHERE (t.number, t.service, t.priority, t.issued_at, t.status, t.account,
    t.category, t.outcomes, t.resolved, t.wait_s, t.service_s, t."window",
    t.manager, t.closed_at, t.day)
    IS DISTINCT FROM (EXCLUDED.number, EXCLUDED.service, EXCLUDED.priority,
    EXCLUDED.issued_at, EXCLUDED.status, EXCLUDED.account,
    EXCLUDED.category, EXCLUDED.outcomes, EXCLUDED.resolved,
    EXCLUDED.wait_s, EXCLUDED.service_s, EXCLUDED."window",
    EXCLUDED.manager, EXCLUDED.closed_at, EXCLUDED.day);

INSERT INTO ticket_events AS t
SELECT branch, id::bigint, ticket_id::bigint, at::timestamptz,
    unguard(event), "window"::integer, unguard(manager), unguard(service)
FROM s_ticket_events
ON CONFLICT (branch, id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id,
    at = EXCLUDED.at, event = EXCLUDED.event, "window" = EXCLUDED."window",
    manager = EXCLUDED.manager, service = EXCLUDED.service
WHERE (t.ticket_id, t.at, t.event, t."window", t.manager, t.service)
    IS DISTINCT FROM (EXCLUDED.ticket_id, EXCLUDED.at, EXCLUDED.event,
    EXCLUDED."window", EXCLUDED.manager, EXCLUDED.service);

INSERT INTO ratings AS t
SELECT branch, id::bigint, ticket_id::bigint, unguard(criterion),
    score::smallint, at::timestamptz, unguard(manager)
FROM s_ratings
ON CONFLICT (branch, id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id,
    criterion = EXCLUDED.criterion, score = EXCLUDED.score,
    at = EXCLUDED.at, manager = EXCLUDED.manager
WHERE (t.ticket_id, t.criterion, t.score, t.at, t.manager)
    IS DISTINCT FROM (EXCLUDED.ticket_id, EXCLUDED.criterion,
    EXCLUDED.score, EXCLUDED.at, EXCLUDED.manager);

INSERT INTO appeals AS t (branch, id, reg_no, registered_at, channel, kind,
    client_type, client_name, account, phone, topic, text, ticket_id,
    manager, first_contact, status, due_date, closed_at, day)
SELECT branch, id::bigint, unguard(reg_no), registered_at::timestamptz,
    unguard(channel), unguard(kind), unguard(client_type),
    unguard(client_name), unguard(account), unguard(phone), unguard(topic),
    unguard(text), ticket_id::bigint, unguard(manager),
    first_contact::boolean, unguard(status), due_date::date,
    closed_at::timestamptz, left(registered_at, 10)::date
FROM s_appeals
ON CONFLICT (branch, id) DO UPDATE SET reg_no = EXCLUDED.reg_no,
    registered_at = EXCLUDED.registered_at, channel = EXCLUDED.channel,
    kind = EXCLUDED.kind, client_type = EXCLUDED.client_type,
    client_name = EXCLUDED.client_name, account = EXCLUDED.account,
    phone = EXCLUDED.phone, topic = EXCLUDED.topic, text = EXCLUDED.text,
    ticket_id = EXCLUDED.ticket_id, manager = EXCLUDED.manager,
    first_contact = EXCLUDED.first_contact, status = EXCLUDED.status,
    due_date = EXCLUDED.due_date, closed_at = EXCLUDED.closed_at,
    day = EXCLUDED.day
WHERE (t.reg_no, t.registered_at, t.channel, t.kind, t.client_type,
    t.client_name, t.account, t.phone, t.topic, t.text, t.ticket_id,
    t.manager, t.first_contact, t.status, t.due_date, t.closed_at, t.day)
    IS DISTINCT FROM (EXCLUDED.reg_no, EXCLUDED.registered_at,
    EXCLUDED.channel, EXCLUDED.kind, EXCLUDED.client_type,
    EXCLUDED.client_name, EXCLUDED.account, EXCLUDED.phone,
    EXCLUDED.topic, EXCLUDED.text, EXCLUDED.ticket_id, EXCLUDED.manager,
    EXCLUDED.first_contact, EXCLUDED.status, EXCLUDED.due_date,
    EXCLUDED.closed_at, EXCLUDED.day);

INSERT INTO appeal_events AS t
SELECT branch, id::bigint, appeal_id::bigint, at::timestamptz,
    unguard(event), unguard(status), unguard(manager), unguard(note)
FROM s_appeal_events
ON CONFLICT (branch, id) DO UPDATE SET appeal_id = EXCLUDED.appeal_id,
    at = EXCLUDED.at, event = EXCLUDED.event, status = EXCLUDED.status,
    manager = EXCLUDED.manager, note = EXCLUDED.note
WHERE (t.appeal_id, t.at, t.event, t.status, t.manager, t.note)
    IS DISTINCT FROM (EXCLUDED.appeal_id, EXCLUDED.at, EXCLUDED.event,
    EXCLUDED.status, EXCLUDED.manager, EXCLUDED.note);

INSERT INTO inspections AS t
SELECT branch, id::bigint, inspection_id::bigint, date::date,
    unguard(kind), unguard(inspector), unguard(criterion), unguard(result),
    unguard(comment), unguard(note), unguard(recorded_by),
    recorded_at::timestamptz
FROM s_inspections
ON CONFLICT (branch, id) DO UPDATE SET
    inspection_id = EXCLUDED.inspection_id, date = EXCLUDED.date,
    kind = EXCLUDED.kind, inspector = EXCLUDED.inspector,
    criterion = EXCLUDED.criterion, result = EXCLUDED.result,
    comment = EXCLUDED.comment, note = EXCLUDED.note,
    recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
WHERE (t.inspection_id, t.date, t.kind, t.inspector, t.criterion,
    t.result, t.comment, t.note, t.recorded_by, t.recorded_at)
    IS DISTINCT FROM (EXCLUDED.inspection_id, EXCLUDED.date, EXCLUDED.kind,
    EXCLUDED.inspector, EXCLUDED.criterion, EXCLUDED.result,
    EXCLUDED.comment, EXCLUDED.note, EXCLUDED.recorded_by,
    EXCLUDED.recorded_at);

INSERT INTO window_events AS t
SELECT branch, id::bigint, "window"::integer, at::timestamptz,
    unguard(event), unguard(manager), unguard(reason)
FROM s_window_events
ON CONFLICT (branch, id) DO UPDATE SET "window" = EXCLUDED."window",
    at = EXCLUDED.at, event = EXCLUDED.event, manager = EXCLUDED.manager,
    reason = EXCLUDED.reason
WHERE (t."window", t.at, t.event, t.manager, t.reason)
    IS DISTINCT FROM (EXCLUDED."window", EXCLUDED.at, EXCLUDED.event,
    EXCLUDED.manager, EXCLUDED.reason);

-- The daily summaries of the days this batch touched: its tickets' and
-- its ratings' tickets' issue days, its appeals' registration days, its
-- inspections' dates (schema.sql, okno.refresh_daily).
SELECT okno.refresh_daily(:'branch',
    ARRAY(SELECT left(issued_at, 10)::date FROM s_tickets
	UNION SELECT t.day FROM tickets t JOIN s_ratings r
	ON t.branch = :'branch' AND t.id = r.ticket_id::bigint
	WHERE t.day IS NOT NULL),
    ARRAY(SELECT DISTINCT left(registered_at, 10)::date FROM s_appeals),
    ARRAY(SELECT DISTINCT date::date FROM s_inspections))
    AS refreshed \gset

-- Recorded once (check_batch refuses a name loaded before).
INSERT INTO batches (name, branch, seq, rows, epoch, manifest)
SELECT :'batch', :'branch', :'seq',
    (SELECT count(*) FROM s_tickets) + (SELECT count(*) FROM s_ticket_events)
    + (SELECT count(*) FROM s_ratings) + (SELECT count(*) FROM s_appeals)
    + (SELECT count(*) FROM s_appeal_events)
    + (SELECT count(*) FROM s_inspections)
    + (SELECT count(*) FROM s_window_events),
    :'epoch', :'manifest';

-- ---- Bookings (issue 15 item 4): bookings.csv, the branch's bookings,
-- its own and head office's (hq_id), with what became of them.  A batch
-- of an okno before bookings has no bookings.csv (okno-load sets
-- has_bookings).  Counted into the batch's rows.  ----
CREATE TEMP TABLE s_bookings (branch text, id text, code text,
    hq_id text, service text, at text, status text, name text, phone text,
    account text, ticket_id text, created_at text, arrived_at text,
    changed_at text) ON COMMIT DROP;
\if :has_bookings
\copy s_bookings FROM 'bookings.csv' WITH (FORMAT csv, HEADER true)
\endif
SELECT okno.fail('bookings.csv: ' || staged || ' rows loaded, '
    || coalesce(v2, 'none') || ' in the batch')
FROM (SELECT count(*) AS staged FROM s_bookings) s
LEFT JOIN s_batch ON k = 'rows' AND v1 = 'bookings.csv'
WHERE staged IS DISTINCT FROM coalesce(v2::bigint, 0);
SELECT okno.fail('batch ' || :'batch' || ': a booking of another branch')
WHERE EXISTS (SELECT 1 FROM s_bookings WHERE branch IS DISTINCT FROM
    :'branch');
UPDATE s_bookings SET
    id = okno.hq_id(:'branch', :'epoch', 'bookings', id::bigint),
    ticket_id = okno.hq_id(:'branch', :'epoch', 'tickets',
    ticket_id::bigint)
WHERE NOT EXISTS (SELECT 1 FROM okno.epochs WHERE branch = :'branch'
    AND epoch = :'epoch' AND ordinal = 0 AND parent IS NULL);
INSERT INTO bookings AS t
SELECT branch, id::bigint, unguard(code), unguard(hq_id), unguard(service),
    at::timestamptz, unguard(status), unguard(name), unguard(phone),
    unguard(account), ticket_id::bigint, created_at::timestamptz,
    arrived_at::timestamptz, changed_at::timestamptz
FROM s_bookings
ON CONFLICT (branch, id) DO UPDATE SET code = EXCLUDED.code,
    hq_id = EXCLUDED.hq_id, service = EXCLUDED.service, at = EXCLUDED.at,
    status = EXCLUDED.status, name = EXCLUDED.name, phone = EXCLUDED.phone,
    account = EXCLUDED.account, ticket_id = EXCLUDED.ticket_id,
    created_at = EXCLUDED.created_at, arrived_at = EXCLUDED.arrived_at,
    changed_at = EXCLUDED.changed_at
WHERE (t.code, t.hq_id, t.service, t.at, t.status, t.name, t.phone,
    t.account, t.ticket_id, t.created_at, t.arrived_at, t.changed_at)
    IS DISTINCT FROM (EXCLUDED.code, EXCLUDED.hq_id, EXCLUDED.service,
    EXCLUDED.at, EXCLUDED.status, EXCLUDED.name, EXCLUDED.phone,
    EXCLUDED.account, EXCLUDED.ticket_id, EXCLUDED.created_at,
    EXCLUDED.arrived_at, EXCLUDED.changed_at);
UPDATE batches SET rows = rows + (SELECT count(*) FROM s_bookings)
WHERE name = :'batch';
-- ---- end of bookings ----

-- Fails, leaving ok false, when anything above failed.
SELECT true AS ok, rows AS nrows FROM batches WHERE name = :'batch' \gset
\endif
\if :ok
COMMIT;
\if :ERROR
\set ok false
\endif
\else
ROLLBACK;
\endif
\if :ok
\echo R :idx :batch loaded :nrows
\elif :unchanged
\echo R :idx :batch unchanged
\else
\echo R :idx :batch refused: :LAST_ERROR_MESSAGE
\endif
