/* devlog.c: the latest event of a device (devlog.h). */
#include <string.h>

#include "devlog.h"

static int
dl_is_recovery(const char *ev)
{
	size_t n = strlen(ev);

	/* "unknown": no status answer, printed anyway (SPEC: unknown is
	 * not offline). */
	return strcmp(ev, "ok") == 0 || strcmp(ev, "ready") == 0 ||
	    strcmp(ev, "unknown") == 0 || strcmp(ev, "online") == 0 ||
	    strcmp(ev, "recovered") == 0 ||
	    (n > 3 && strcmp(ev + n - 3, "_ok") == 0);
}

int
devlog_last(struct ctx *c, const char *device, struct devlog *d,
    struct err *e)
{
	struct stmt *st;
	char day[16];
	int y, m, dd, r;

	memset(d, 0, sizeof *d);
	time_format_date(c->now, day, sizeof day);
	if (date_parse(day, &y, &m, &dd) != 0)
		return err_set(e, OKNO_EINVAL, "bad date %s", day);
	if (db_prepare(c->db, &st, e, "SELECT event, coalesce(detail, ''), at"
	    " FROM device_events WHERE device = :d AND at >= :from"
	    " ORDER BY at DESC, id DESC LIMIT 1") != 0)
		return e->code;
	db_bind_text(st, ":d", device);
	db_bind_int(st, ":from", date_start(y, m, dd));
	if ((r = db_step(st, e)) == DB_ROW) {
		strlcpy_(d->event, db_col_text(st, 0), sizeof d->event);
		strlcpy_(d->detail, db_col_text(st, 1), sizeof d->detail);
		d->at = (time_t)db_col_int(st, 2);
		d->fault = !dl_is_recovery(d->event);
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}
