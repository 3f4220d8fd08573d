-- load.sql: the night's batches, staged by okno-load, decided and
-- applied (schema.sql, okno.load_night) in one transaction; then one
-- line per batch on stdout: "R IDX NAME loaded N", "R IDX NAME
-- unchanged" or "R IDX NAME refused: REASON".  okno-load includes it
-- once, with ON_ERROR_STOP off and max_jump set, after copying the
-- night's rows into the session's staging tables (okno.night_begin).
BEGIN;
SELECT okno.load_night(:max_jump);
COMMIT;
SELECT 'R', b, name, outcome FROM s_night ORDER BY b;
