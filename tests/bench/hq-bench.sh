#!/bin/sh
# hq-bench.sh: `make bench-hq`: head office at the scale of 300 branches
# (issue 20), side by side in one run on a throw-away PostgreSQL cluster
# (tests/hq-lib.sh; removed at the end, KEEP=1 keeps it):
#  1. a night: okno-load of N one-day batches (tools/hq-gen.sh: okno
#     demo's history, signed by each branch's own key) against one psql
#     session that \copy-es the same rows into tables like head office's
#     (target: within 3x);
#  2. the same batches again, all unchanged (target: under a tenth);
#  3. a year: the loaded day, copied into HQ_DAYS days ending with it
#     (ids and times shifted, HQ_PER_DAY tickets a branch a day on
#     average), then head office's typical questions asked directly, with
#     the tables' keys only and again with schema.sql's indexes (BRIN on
#     the time columns, a partial index on open appeals), the daily
#     summaries and monthly rollups rebuilt and okno-hq report timed
#     (target: each under 1 s), with the table sizes.
# Figures only, never pass/fail.  Parameters (environment):
#   HQ_BRANCHES  branches (default 300)
#   HQ_DAYS      days of the synthesised year (default 365; 0 skips part 3)
#   HQ_PER_DAY   tickets a branch a day in the year (default 288, the
#                issue's 31.5 M tickets a year at 300 branches)
#   HQ_SLOW      seconds a query may take without the indexes (default
#                300; a slower one is cut and printed as "> HQ_SLOW s")
set -u
. "$(dirname "$0")/../lib.sh"
plan() { :; }
. "$(dirname "$0")/../hq-lib.sh"
N=${HQ_BRANCHES:-300}
DAYS=${HQ_DAYS:-365}
PER_DAY=${HQ_PER_DAY:-288}
SLOW=${HQ_SLOW:-300}
unset OKNO_CONFIG
# NOTICEs (IF NOT EXISTS, CASCADE) are not figures.
export PGOPTIONS="-c client_min_messages=warning"

# Milliseconds since the epoch; a ratio of two durations.
now_ms() { echo $(($(date +%s%N) / 1000000)); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
sec() { awk -v a="$1" 'BEGIN { printf "%.2f s", a / 1000 }'; }

# A server set up for this size (the same for every part): the year's
# tables are written without WAL (wal_level minimal; they are made in the
# transaction that truncated them), the indexes built in memory.
q "ALTER SYSTEM SET shared_buffers = '1GB'" >/dev/null
q "ALTER SYSTEM SET work_mem = '128MB'" >/dev/null
q "ALTER SYSTEM SET maintenance_work_mem = '1GB'" >/dev/null
q "ALTER SYSTEM SET max_wal_size = '8GB'" >/dev/null
q "ALTER SYSTEM SET wal_level = 'minimal'" >/dev/null
q "ALTER SYSTEM SET max_wal_senders = 0" >/dev/null
q "ALTER SYSTEM SET random_page_cost = 1.1" >/dev/null
q "ALTER SYSTEM SET effective_cache_size = '8GB'" >/dev/null
as_pg "$pgbin/pg_ctl" -D "$PG/data" -w restart >/dev/null ||
    bail "the server did not restart"
echo "PostgreSQL $(q 'SHOW server_version'), $(nproc) cores," \
    "$(free -g | awk '/^Mem:/ { print $2 }') GB: shared_buffers 1GB," \
    "work_mem 128MB, maintenance_work_mem 1GB, fsync off, wal_level minimal"

# 1. The network and its night.
s=$(now_ms)
sh "$SRC/tools/hq-gen.sh" -n "$N" -d 1 -r "$T/net" ||
    bail "tools/hq-gen.sh failed"
e=$(now_ms)
set -- "$T"/net/batches/*
rows=0
for f in "$T"/net/batches/*/BATCH; do
	r=$(awk -F, '$1 == "rows" { n += $3 } END { print n }' "$f")
	rows=$((rows + r))
done
echo "network: $N branches x 1 day of okno demo's history, $rows rows" \
    "($((rows / N)) a batch), made and registered in $(sec $((e - s)))"

s=$(now_ms)
out=$("$LOAD" "$@" | tail -n 1)
e=$(now_ms)
t_load=$((e - s))
echo "$out"

# The same rows by one psql session, one \copy per table of every
# batch's file (headers cut), into tables like head office's with their
# keys: what PostgreSQL itself takes.
q "CREATE SCHEMA copy" >/dev/null
: >"$T/copy.sql"
for f in tickets ticket_events ratings appeals appeal_events inspections \
    window_events bookings; do
	q "CREATE TABLE copy.$f (LIKE okno.$f INCLUDING ALL)" >/dev/null
	cols=$(head -n 1 "$1/$f.csv" | tr -d '\r' |
	    sed -e 's/\(^\|,\)window\(,\|$\)/\1"window"\2/')
	# printf: dash's echo reads \c as "stop here".
	printf '%s\n' "\\copy copy.$f ($cols) FROM PROGRAM 'tail -q -n +2 \
$T/net/batches/*/$f.csv' WITH (FORMAT csv)" >>"$T/copy.sql"
done
s=$(now_ms)
psql -X -q -v ON_ERROR_STOP=1 -f "$T/copy.sql" ||
    echo "(the single-session COPY failed)"
e=$(now_ms)
t_copy=$((e - s))
copied=$(q "SELECT (SELECT count(*) FROM copy.tickets) +
    (SELECT count(*) FROM copy.ticket_events) +
    (SELECT count(*) FROM copy.ratings) + (SELECT count(*) FROM copy.appeals)
    + (SELECT count(*) FROM copy.appeal_events)
    + (SELECT count(*) FROM copy.inspections)
    + (SELECT count(*) FROM copy.window_events)
    + (SELECT count(*) FROM copy.bookings)")
q "SET client_min_messages = warning; DROP SCHEMA copy CASCADE" >/dev/null

s=$(now_ms)
out2=$("$LOAD" "$@" | tail -n 1)
e=$(now_ms)
t_again=$((e - s))
echo "$out2"

echo
echo "| the night, $N batches ($rows rows) | time | ratio | target |"
echo "|---|---|---|---|"
echo "| okno-load | $(sec $t_load) | | |"
echo "| one session's COPY ($copied rows) | $(sec $t_copy) |" \
    "load/COPY $(ratio $t_load $t_copy) | within 3 |"
echo "| okno-load again, all unchanged | $(sec $t_again) |" \
    "again/load $(ratio $t_again $t_load) | under 0.1 |"
echo

[ "$DAYS" -gt 0 ] || exit 0

# 2. The year.  Each table's rows of the loaded day are copied into DAYS
# days ending with it, in time order (as nightly loads add them; BRIN
# relies on it): day d (0 the first) goes back DAYS-1-d days, and its
# k-th copy (a branch's day made busier) 7 s later per copy, ids offset
# by 2^20 per copy so that none collide.  Tickets, their events and
# ratings, window sessions: PER_DAY tickets a branch a day on average
# (copies per day vary by one); appeals: the day's copy once a week,
# all but one in twenty of those older than 45 days closed 10 days after
# registration; inspections once a month.  Each table in one transaction
# that truncates it, drops its indexes, inserts, then adds its key back;
# the other indexes are made again after the questions asked with the
# keys only.
per=$(q "SELECT round(count(*)::numeric / $N, 1) FROM okno.tickets")
echo "a year: the day ($per tickets a branch) copied into $DAYS days," \
    "$PER_DAY tickets a branch a day"
psql -X -q -v ON_ERROR_STOP=1 -v days="$DAYS" -v per_day="$PER_DAY" \
    -v per="$per" <<'EOF' || bail "the year's function"
CREATE SCHEMA bench;
CREATE TABLE bench.indexes (tbl text, name text, def text);
CREATE FUNCTION bench.synth(tbl text, days int, per_day numeric,
    per numeric) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
	r numeric := per_day / per;
	maxc int := ceil(per_day / per)::int;
	cols text;
	sel text;
	k int;
	n bigint := 0;
	m bigint;
	ix text;
BEGIN
	SELECT string_agg(quote_ident(column_name), ', '
	    ORDER BY ordinal_position),
	    string_agg(CASE
	    WHEN column_name IN ('id', 'ticket_id', 'appeal_id',
		'inspection_id') THEN format('%I + $3', column_name)
	    WHEN tbl = 'appeals' AND column_name = 'status' THEN
		'CASE WHEN status IN (''registered'', ''forwarded'') AND '
		'$1 > 45 AND $3 % (20 * 1048576) <> 0 THEN ''closed'' '
		'ELSE status END'
	    WHEN tbl = 'appeals' AND column_name = 'closed_at' THEN
		'CASE WHEN status IN (''registered'', ''forwarded'') AND '
		'$1 > 45 AND $3 % (20 * 1048576) <> 0 THEN registered_at - '
		'make_interval(days => $1) + interval ''10 days'' '
		'ELSE closed_at - make_interval(days => $1) + make_interval(secs => $2) END'
	    WHEN data_type = 'timestamp with time zone' THEN
		format('%I - make_interval(days => $1) '
		    '+ make_interval(secs => $2)', column_name)
	    WHEN data_type = 'date' THEN format('%I - $1', column_name)
	    ELSE quote_ident(column_name) END, ', '
	    ORDER BY ordinal_position)
	INTO cols, sel
	FROM information_schema.columns
	WHERE table_schema = 'okno' AND table_name = tbl;
	EXECUTE format('CREATE TEMP TABLE day_%s AS SELECT * FROM okno.%I',
	    tbl, tbl);
	EXECUTE format('TRUNCATE okno.%I', tbl);
	-- The other indexes come back after the keys-only questions.
	INSERT INTO bench.indexes SELECT tbl, c.relname,
	    pg_get_indexdef(i.indexrelid)
	FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
	WHERE i.indrelid = format('okno.%I', tbl)::regclass
	    AND NOT i.indisprimary;
	FOR ix IN SELECT x.name FROM bench.indexes x WHERE x.tbl = synth.tbl
	LOOP
		EXECUTE format('DROP INDEX okno.%I', ix);
	END LOOP;
	EXECUTE format('ALTER TABLE okno.%I DROP CONSTRAINT %I', tbl,
	    tbl || '_pkey');
	FOR d IN 0 .. days - 1 LOOP
		k := floor((d + 1) * r) - floor(d * r);
		IF tbl IN ('appeals', 'appeal_events') THEN
			k := CASE WHEN (days - 1 - d) % 7 = 0 THEN 1 ELSE 0 END;
		ELSIF tbl = 'inspections' THEN
			k := CASE WHEN (days - 1 - d) % 30 = 0 THEN 1 ELSE 0 END;
		END IF;
		FOR c IN 0 .. k - 1 LOOP
			EXECUTE format('INSERT INTO okno.%I (%s) SELECT %s '
			    'FROM day_%s', tbl, cols, sel, tbl)
			    USING days - 1 - d, c * 7,
			    (d::bigint * maxc + c) * 1048576;
			GET DIAGNOSTICS m = ROW_COUNT;
			n := n + m;
		END LOOP;
	END LOOP;
	EXECUTE format('ALTER TABLE okno.%I ADD PRIMARY KEY (branch, id)',
	    tbl);
	EXECUTE format('DROP TABLE day_%s', tbl);
	RETURN n;
END
$f$;
EOF
ts=$(now_ms)
for f in tickets ticket_events ratings appeals appeal_events inspections \
    window_events; do
	s=$(now_ms)
	n=$(q "SELECT bench.synth('$f', $DAYS, $PER_DAY, $per)") ||
	    bail "the year's $f"
	q "VACUUM ANALYZE okno.$f" >/dev/null
	e=$(now_ms)
	echo "  okno.$f: $n rows in $(sec $((e - s)))"
done
te=$(now_ms)
echo "  synthesised in $(sec $((te - ts))) (with the keys, vacuumed and" \
    "analysed)"

# Head office's typical questions, for the last full month and quarter
# of the year, and the appeals overdue on the day after it.  The wait is
# the ticket's wait_s when the batch carries it (issue 20.1), else the
# time from issue to its first call; the norm 15 minutes (the sample's).
last=$(q "SELECT max(issued_at)::date FROM okno.tickets")
m1=$(q "SELECT date_trunc('month', '$last'::date - 31)::date")
m2=$(q "SELECT (date '$m1' + interval '1 month')::date")
q1=$(q "SELECT date_trunc('quarter', '$last'::date - 92)::date")
q2=$(q "SELECT (date '$q1' + interval '3 months')::date")
today=$(q "SELECT date '$last' + 1")
if [ "$(q "SELECT count(*) FROM information_schema.columns WHERE
    table_schema = 'okno' AND table_name = 'tickets' AND
    column_name = 'wait_s'")" = 1 ]; then
	wait_from="wait from tickets.wait_s"
	Q1="SELECT branch, count(*) AS tickets,
	    round(100.0 * count(*) FILTER (WHERE wait_s <= 900) / count(*), 1)
	    AS share, percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_s) AS p90
	FROM okno.tickets WHERE issued_at >= '$m1' AND issued_at < '$m2'
	    AND wait_s IS NOT NULL
	GROUP BY branch ORDER BY branch"
else
	wait_from="wait from the first call event"
	Q1="SELECT branch, count(*) AS tickets,
	    round(100.0 * count(*) FILTER (WHERE w <= 900) / count(*), 1)
	    AS share, percentile_disc(0.9) WITHIN GROUP (ORDER BY w) AS p90
	FROM (SELECT t.branch, extract(epoch FROM min(e.at) - t.issued_at) AS w
	    FROM okno.tickets t JOIN okno.ticket_events e
		ON e.branch = t.branch AND e.ticket_id = t.id
		AND e.event = 'called'
	    WHERE t.issued_at >= '$m1' AND t.issued_at < '$m2'
		AND e.at >= '$m1' AND e.at < date '$m2' + 1
	    GROUP BY t.branch, t.id, t.issued_at) x
	GROUP BY branch ORDER BY branch"
fi
Q2="SELECT branch, round(avg(score), 2) AS csi, count(*) AS ratings
FROM okno.ratings WHERE at >= '$q1' AND at < '$q2'
GROUP BY branch ORDER BY branch"
Q3="SELECT branch, count(*) AS overdue FROM okno.appeals
WHERE status IN ('registered', 'forwarded') AND due_date < '$today'
GROUP BY branch ORDER BY branch"

# qtime SQL [LIMIT_S]: the query's time in ms as psql's \timing has it,
# rows thrown away; "> LIMIT_S s" when cut.
qtime() {
	{
		[ -z "${2:-}" ] || echo "SET statement_timeout = '${2}s';"
		printf '%s\n' '\timing on'
		echo "$1;"
	} | psql -X -q -A -t 2>/dev/null |
	    sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | grep . ||
	    echo "> ${2:-?} s"
}
fmt() { case $1 in '>'*) echo "$1" ;; *) sec "$1" ;; esac; }
best3() {
	a=$(qtime "$1"); b=$(qtime "$1"); c=$(qtime "$1")
	printf '%s\n%s\n%s\n' "$a" "$b" "$c" | sort -n | head -n 1
}

nt1=$(qtime "$Q1" "$SLOW"); nt2=$(qtime "$Q2" "$SLOW")
nt3=$(qtime "$Q3" "$SLOW")

s=$(now_ms)
q "SELECT def FROM bench.indexes" | while IFS= read -r def; do
	q "$def" >/dev/null || echo "  (failed: $def)"
done
# The questions' indexes, when schema.sql has none of these names.
q "CREATE INDEX IF NOT EXISTS tickets_issued_brin ON okno.tickets
    USING brin (issued_at)" >/dev/null
q "CREATE INDEX IF NOT EXISTS ticket_events_at_brin ON okno.ticket_events
    USING brin (at)" >/dev/null
q "CREATE INDEX IF NOT EXISTS ratings_at_brin ON okno.ratings
    USING brin (at)" >/dev/null
q "CREATE INDEX IF NOT EXISTS appeals_open ON okno.appeals (due_date)
    WHERE status IN ('registered', 'forwarded')" >/dev/null
q "ANALYZE okno.appeals" >/dev/null
e=$(now_ms)
echo "  indexes made again in $(sec $((e - s))): $(q "SELECT string_agg(
    c.relname || ' ' || am.amname, ', ' ORDER BY c.relname)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am am ON am.oid = c.relam
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'okno' AND NOT i.indisprimary
    AND i.indrelid::regclass::text IN ('okno.tickets', 'okno.ticket_events',
    'okno.ratings', 'okno.appeals', 'okno.appeal_events',
    'okno.inspections', 'okno.window_events')")"

# Head office's summaries, daily and monthly, rebuilt for the year at
# once (schema.sql's okno.rebuild_summaries: the same figures as the
# load's okno.refresh_daily, set-based), and okno-hq report timed over a
# month, a quarter and the year.
hq=
if [ "$(q "SELECT count(*) FROM pg_proc p JOIN pg_namespace n
    ON n.oid = p.pronamespace WHERE n.nspname = 'okno'
    AND p.proname = 'rebuild_summaries'")" = 1 ] &&
    [ -x "$SRC/packaging/hq/okno-hq" ]; then
	hq=$SRC/packaging/hq/okno-hq
	s=$(now_ms)
	psql -X -q -v ON_ERROR_STOP=1 <<'EOF' || bail "the year's summaries"
TRUNCATE okno.daily_queue, okno.daily_ratings, okno.daily_appeals,
    okno.daily_inspections, okno.monthly_queue, okno.monthly_wait_secs,
    okno.monthly_ratings;
SELECT okno.rebuild_summaries();
VACUUM ANALYZE okno.daily_queue;
VACUUM ANALYZE okno.daily_ratings;
VACUUM ANALYZE okno.daily_appeals;
VACUUM ANALYZE okno.daily_inspections;
VACUUM ANALYZE okno.monthly_queue;
VACUUM ANALYZE okno.monthly_wait_secs;
VACUUM ANALYZE okno.monthly_ratings;
EOF
	e=$(now_ms)
	echo "  the summaries of the year, daily and monthly" \
	    "(okno.rebuild_summaries) in $(sec $((e - s)))"
fi
# hqtime ARGS...: okno-hq report's wall time in ms, best of 3.
hqtime() {
	for i in 1 2 3; do
		s=$(now_ms)
		"$hq" report "$@" >/dev/null || { echo failed; return; }
		e=$(now_ms)
		echo $((e - s))
	done | sort -n | head -n 1
}

it1=$(best3 "$Q1"); it2=$(best3 "$Q2"); it3=$(best3 "$Q3")
r1=$(q "SELECT count(*) FROM ($Q1) x"); r2=$(q "SELECT count(*) FROM ($Q2) x")
r3=$(q "SELECT sum(overdue) FROM ($Q3) x")

echo
echo "| question at $N branches x $DAYS days | keys only (one run) |" \
    "with the indexes (best of 3) | target |"
echo "|---|---|---|---|"
echo "| share within the norm and p90 wait per branch, $m1 month" \
    "($wait_from; $r1 branches) | $(fmt "$nt1") | $(fmt "$it1") | < 1 s |"
echo "| CSI per branch, quarter from $q1 ($r2 branches)" \
    "| $(fmt "$nt2") | $(fmt "$it2") | < 1 s |"
echo "| overdue appeals per branch on $today ($r3 appeals)" \
    "| $(fmt "$nt3") | $(fmt "$it3") | < 1 s |"
if [ -n "$hq" ]; then
	lastm=$(q "SELECT date '$m2' - 1"); lastq=$(q "SELECT date '$q2' - 1")
	first=$(q "SELECT min(day) FROM okno.tickets")
	h1=$(hqtime --from "$m1" --to "$lastm" --today "$today")
	h2=$(hqtime --from "$q1" --to "$lastq" --today "$today")
	h3=$(hqtime --from "$first" --to "$last" --today "$today")
	h4=$(hqtime --from "$m1" --to "$lastm" --today "$today" --branch \
	    "$(q "SELECT min(branch) FROM okno.branches")")
	echo "| okno-hq report, every figure per branch, month $m1 (psql" \
	    "started each time) | | $(fmt "$h1") | < 1 s |"
	echo "| okno-hq report, quarter from $q1 | | $(fmt "$h2") | < 1 s |"
	echo "| okno-hq report, the whole year $first to $last | |" \
	    "$(fmt "$h3") | < 1 s |"
	echo "| okno-hq report, one branch, month $m1 | | $(fmt "$h4") |" \
	    "< 1 s |"
fi
echo
echo "| table | rows | size with indexes |"
echo "|---|---|---|"
q "SELECT '| ' || c.relname || ' | ' || c.reltuples::bigint || ' | ' ||
    pg_size_pretty(pg_total_relation_size(c.oid)) || ' |'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'okno' AND c.relname IN ('tickets', 'ticket_events',
    'ratings', 'appeals', 'appeal_events', 'inspections', 'window_events',
    'daily_queue', 'daily_ratings', 'daily_appeals', 'daily_inspections',
    'monthly_queue', 'monthly_wait_secs', 'monthly_ratings')
ORDER BY pg_total_relation_size(c.oid) DESC"
echo "| the database | | $(q "SELECT pg_size_pretty(pg_database_size(
    current_database()))") |"
