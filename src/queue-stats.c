/* queue-stats.c: what the queue's state says without changing it: the
 * waiting and postponed tickets per service, and today's tickets per hour
 * (see queue.h; the wait estimate is estimate.c's).  Read-only: no
 * transaction of its own beyond the statements' implicit ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue.h"

int
queue_stats(struct ctx *c, struct queue_stat *qs, struct err *e)
{
	struct stmt *st;
	int r;

	for (size_t i = 0; i < c->cfg->nservices; i++) {
		memset(&qs[i], 0, sizeof qs[i]);
		qs[i].service = (int)i;
	}
	if (db_prepare(c->db, &st, e, "SELECT service,"
	    " status = 'waiting' OR return_at <= :now AS here, count(*),"
	    " max(wait_s + :now - CASE status WHEN 'waiting' THEN wait_since"
	    " ELSE return_at END)"
	    " FROM tickets INDEXED BY tickets_open"
	    " WHERE status IN ('waiting', 'postponed') GROUP BY 1, 2") != 0)
		return e->code;
	db_bind_int(st, ":now", c->now);
	while ((r = db_step(st, e)) == DB_ROW) {
		int i = config_service_index(c->cfg, db_col_text(st, 0));

		if (i < 0)
			continue;	/* a service since removed */
		if (db_col_int(st, 1)) {
			qs[i].waiting += (int)db_col_int(st, 2);
			if (db_col_int(st, 3) > qs[i].longest_wait_s)
				qs[i].longest_wait_s = (long)db_col_int(st, 3);
		} else
			qs[i].postponed += (int)db_col_int(st, 2);
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

int
queue_today_by_hour(struct ctx *c, int counts[24], struct err *e)
{
	struct stmt *st;
	char day[16];
	int r;

	memset(counts, 0, 24 * sizeof counts[0]);
	time_format_date(c->now, day, sizeof day);
	if (db_prepare(c->db, &st, e, "SELECT issued_at FROM tickets"
	    " WHERE day = :day") != 0)
		return e->code;
	db_bind_text(st, ":day", day);
	while ((r = db_step(st, e)) == DB_ROW) {
		time_t t = (time_t)db_col_int(st, 0);
		struct tm tm;

		localtime_r(&t, &tm);
		counts[tm.tm_hour]++;
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

int
queue_last_transfer(struct ctx *c, struct queue_transfer *tr, struct err *e)
{
	struct stmt *st;
	int r;

	memset(tr, 0, sizeof *tr);
	if (db_prepare(c->db, &st, e, "SELECT e.id, t.number, e.window,"
	    " e.service, e.at FROM ticket_events e INDEXED BY ticket_events_at"
	    " JOIN tickets t ON t.id = e.ticket_id"
	    " WHERE e.at >= :from AND e.at <= :now"
	    " AND e.event = 'transferred'"
	    " ORDER BY e.at DESC, e.id DESC LIMIT 1") != 0)
		return e->code;
	db_bind_int(st, ":from", date_start_of(c->now));
	db_bind_int(st, ":now", c->now);
	r = db_step(st, e);
	if (r == DB_ROW) {
		tr->event = db_col_int(st, 0);
		strlcpy_(tr->number, db_col_text(st, 1), sizeof tr->number);
		tr->window = (int)db_col_int(st, 2);
		strlcpy_(tr->service, db_col_text(st, 3), sizeof tr->service);
		tr->at = (time_t)db_col_int(st, 4);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	return r == DB_ROW ? OKNO_OK : OKNO_NONE;
}
