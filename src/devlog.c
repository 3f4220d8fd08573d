/* devlog.c: the device log (devlog.h). */
#include <string.h>

#include "devlog.h"

int
devlog_is_fault(const char *ev)
{
	size_t n = strlen(ev);

	/* "unknown": no status answer, printed anyway (SPEC: unknown is
	 * not offline). */
	return !(strcmp(ev, "ok") == 0 || strcmp(ev, "ready") == 0 ||
	    strcmp(ev, "unknown") == 0 || strcmp(ev, "online") == 0 ||
	    strcmp(ev, "recovered") == 0 ||
	    (n > 3 && strcmp(ev + n - 3, "_ok") == 0));
}

int
devlog_last(struct ctx *c, const char *device, time_t from, time_t before,
    struct devlog *d, struct err *e)
{
	struct stmt *st;
	int r;

	memset(d, 0, sizeof *d);
	if (db_prepare(c->db, &st, e, "SELECT event, coalesce(detail, ''), at"
	    " FROM device_events WHERE device = :d AND at >= :from"
	    " AND (:before = 0 OR at < :before) ORDER BY id DESC LIMIT 1") !=
	    OKNO_OK)
		return e->code;
	db_bind_text(st, ":d", device);
	db_bind_int(st, ":from", from);
	db_bind_int(st, ":before", before);
	if ((r = db_step(st, e)) == DB_ROW) {
		strlcpy_(d->event, db_col_text(st, 0), sizeof d->event);
		strlcpy_(d->detail, db_col_text(st, 1), sizeof d->detail);
		d->at = (time_t)db_col_int(st, 2);
		d->fault = devlog_is_fault(d->event);
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

int
devlog_record(struct ctx *c, const char *device, const char *event,
    int64_t ticket, const char *detail, struct err *e)
{
	struct stmt *st;
	int rc;

	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if (db_prepare(c->db, &st, e, "INSERT INTO device_events (at, device,"
	    " event, ticket_id, detail) VALUES (:now, :d, :ev, :t, :det)") !=
	    OKNO_OK) {
		db_rollback(c->db);
		return e->code;
	}
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":d", device);
	db_bind_text(st, ":ev", event);
	db_bind_opt_int(st, ":t", ticket);
	db_bind_text(st, ":det", detail);
	rc = db_run(st, e);
	if (rc != OKNO_OK) {
		db_rollback(c->db);
		return rc;
	}
	return db_commit(c->db, e);
}

int
devlog_note(struct ctx *c, const char *device, const char *event,
    int64_t ticket, const char *detail, struct err *e)
{
	struct devlog last;

	if (devlog_last(c, device, 0, 0, &last, e) != OKNO_OK)
		return e->code;
	if (strcmp(last.event, event) == 0 ||
	    (last.event[0] == '\0' && !devlog_is_fault(event)))
		return OKNO_OK;
	return devlog_record(c, device, event, ticket, detail, e);
}
