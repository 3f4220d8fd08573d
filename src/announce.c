/* announce.c: the announcements' spool (announce.h). */
#include <string.h>

#include "announce.h"

/* Calls and recalls of the fresh span without an announcement row. */
#define UNSAID \
	" FROM ticket_events e INDEXED BY ticket_events_called" \
	" JOIN tickets t ON t.id = e.ticket_id" \
	" WHERE e.event IN ('called', 'recalled') AND e.at >= :from" \
	" AND e.at <= :now AND e.window IS NOT NULL" \
	" AND NOT EXISTS (SELECT 1 FROM announcements a" \
	" WHERE a.event_id = e.id)"

int
announce_queue_calls(struct ctx *c, int quiet, int *added, struct err *e)
{
	struct stmt *st;
	int r, n = 0;

	*added = 0;
	if (db_prepare(c->db, &st, e, "SELECT count(*)" UNSAID) != OKNO_OK)
		return e->code;
	db_bind_int(st, ":from", c->now - ANNOUNCE_FRESH_S);
	db_bind_int(st, ":now", c->now);
	if ((r = db_step(st, e)) == DB_ROW)
		n = (int)db_col_int(st, 0);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (n == 0)
		return OKNO_OK;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	/* Another process may have queued them since the read: the
	 * NOT EXISTS sees its commit now that we hold the write lock. */
	if (db_prepare(c->db, &st, e, "INSERT INTO announcements (event_id,"
	    " at, number, window, state) SELECT e.id, e.at, t.number,"
	    " e.window, :state" UNSAID " ORDER BY e.id") != OKNO_OK) {
		db_rollback(c->db);
		return e->code;
	}
	db_bind_int(st, ":from", c->now - ANNOUNCE_FRESH_S);
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":state", quiet ? "quiet" : "waiting");
	if (db_run(st, e) != OKNO_OK) {
		db_rollback(c->db);
		return e->code;
	}
	n = db_changes(c->db);
	if (db_commit(c->db, e) != OKNO_OK)
		return e->code;
	*added = quiet ? 0 : n;
	return OKNO_OK;
}

/* Runs prepared statement st (no rows) in a transaction of its own. */
static int
run_tx(struct ctx *c, struct stmt *st, struct err *e)
{
	if (db_begin(c->db, e) != OKNO_OK) {
		db_finalize(st);
		return e->code;
	}
	if (db_run(st, e) != OKNO_OK) {
		db_rollback(c->db);
		return e->code;
	}
	return db_commit(c->db, e);
}

int
announce_next(struct ctx *c, time_t now, struct announcement *a,
    struct err *e)
{
	struct stmt *st;
	int r;

	memset(a, 0, sizeof *a);
	if (db_prepare(c->db, &st, e, "UPDATE announcements SET state = 'stale',"
	    " done_at = :now, detail = 'too old to say'"
	    " WHERE state = 'waiting' AND at < :now - :fresh") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":now", now);
	db_bind_int(st, ":fresh", ANNOUNCE_FRESH_S);
	if (run_tx(c, st, e) != OKNO_OK)
		return e->code;
	if (db_prepare(c->db, &st, e, "SELECT id, at, number, window"
	    " FROM announcements INDEXED BY announcements_waiting"
	    " WHERE state = 'waiting' ORDER BY id LIMIT 1") != OKNO_OK)
		return e->code;
	if ((r = db_step(st, e)) == DB_ROW) {
		a->id = db_col_int(st, 0);
		a->at = (time_t)db_col_int(st, 1);
		strlcpy_(a->number, db_col_text(st, 2), sizeof a->number);
		a->window = (int)db_col_int(st, 3);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	return r == DB_ROW ? OKNO_OK : OKNO_NONE;
}

int
announce_done(struct ctx *c, int64_t id, const char *state,
    const char *detail, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "UPDATE announcements SET state = :state,"
	    " done_at = :now, detail = :det WHERE id = :id") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":state", state);
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":det", detail);
	db_bind_int(st, ":id", id);
	return run_tx(c, st, e);
}

int
announce_fail_waiting(struct ctx *c, const char *detail, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "UPDATE announcements SET state ="
	    " 'failed', done_at = :now, detail = :det WHERE state = 'waiting'")
	    != OKNO_OK)
		return e->code;
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":det", detail);
	return run_tx(c, st, e);
}

int
announce_waiting(struct ctx *c, int *n, struct err *e)
{
	struct stmt *st;
	int r;

	*n = 0;
	if (db_prepare(c->db, &st, e, "SELECT count(*) FROM announcements"
	    " INDEXED BY announcements_waiting WHERE state = 'waiting'") !=
	    OKNO_OK)
		return e->code;
	if ((r = db_step(st, e)) == DB_ROW)
		*n = (int)db_col_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

int
announce_prune(struct ctx *c, time_t now, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "DELETE FROM announcements"
	    " WHERE state <> 'waiting' AND done_at < :before") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":before", now - 86400);
	return run_tx(c, st, e);
}
