/* queue-stats.c: what the queue's state says without changing it: the
 * wait estimate of a new ticket, the waiting and postponed tickets per
 * service, and today's tickets per hour (see queue.h).  Read-only: no
 * transaction of its own beyond the statements' implicit ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue.h"

/* Finished visits the wait estimate averages over, and how far back. */
#define QUEUE_ESTIMATE_VISITS	20
#define QUEUE_ESTIMATE_DAYS	30

/*
 * Wait estimate: the people before a new ticket in its service, times the
 * mean service time of the service's recent visits (the norm when there is
 * no history), shared among the open windows that serve it.  With no
 * window open yet, all windows that serve it are assumed to open.
 */
int
queue_estimate(struct ctx *c, int service, int priority, struct estimate *est,
    struct err *e)
{
	const struct config_service *svc;
	struct stmt *st = NULL;
	double avg;
	int nwin = 0, open = 0, rc = OKNO_EDB;

	memset(est, 0, sizeof *est);
	if (service < 0 || (size_t)service >= c->cfg->nservices)
		return err_set(e, OKNO_ENOENT, _("no such service"));
	svc = &c->cfg->services[service];
	if (db_prepare(c->db, &st, e, "SELECT count(*) FROM tickets"
	    " INDEXED BY tickets_open WHERE status IN ('waiting', 'postponed')"
	    " AND service = :s AND priority >= :p"
	    " AND (status = 'waiting' OR return_at <= :now)") != 0)
		return e->code;
	db_bind_text(st, ":s", svc->code);
	db_bind_int(st, ":p", priority ? 1 : 0);
	db_bind_int(st, ":now", c->now);
	if (db_step(st, e) != DB_ROW)
		goto out;
	est->ahead = (int)db_col_int(st, 0);
	db_finalize(st);
	st = NULL;

	if (db_prepare(c->db, &st, e, "SELECT avg(service_s), count(*) FROM"
	    " (SELECT service_s FROM tickets INDEXED BY tickets_closed"
	    " WHERE status = 'finished' AND service = :s AND closed_at >= :since"
	    " ORDER BY closed_at DESC LIMIT :n)") != 0)
		goto out;
	db_bind_text(st, ":s", svc->code);
	db_bind_int(st, ":since", c->now - QUEUE_ESTIMATE_DAYS * 86400L);
	db_bind_int(st, ":n", QUEUE_ESTIMATE_VISITS);
	if (db_step(st, e) != DB_ROW)
		goto out;
	avg = db_col_int(st, 1) > 0 ? db_col_double(st, 0) :
	    svc->service_norm * 60.0;
	db_finalize(st);
	st = NULL;

	if (db_prepare(c->db, &st, e, "SELECT number FROM windows WHERE"
	    " state = 'open'") != 0)
		goto out;
	for (;;) {
		int r = db_step(st, e);
		const struct config_window *w;

		if (r == DB_ERROR)
			goto out;
		if (r == DB_DONE)
			break;
		w = config_window(c->cfg, (int)db_col_int(st, 0));
		if (w != NULL && config_window_serves(w, service))
			open++;
	}
	for (size_t i = 0; i < c->cfg->nwindows; i++)
		if (config_window_serves(&c->cfg->windows[i], service))
			nwin++;
	est->windows = open;
	if (open == 0)
		open = nwin > 0 ? nwin : 1;
	est->minutes = (int)((est->ahead * avg / open + 59) / 60);
	rc = OKNO_OK;
out:
	db_finalize(st);
	return rc;
}

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
