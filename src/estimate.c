/* estimate.c: the wait a new ticket can expect: queue_estimate() reads
 * the windows, the queue and today's service times, and estimate_run()
 * simulates the office from now on (the contract is estimate.h's).
 * Read-only: no transaction of its own, so queue_issue may call it inside
 * its own and see exactly the people before the new ticket. */
#include <stdlib.h>
#include <string.h>

#include "estimate.h"
#include "hours.h"
#include "queue.h"

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
estimate_median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	return v[(n + 1) / 2 - 1];	/* nearest rank: ceil(n / 2) */
}

double
estimate_service_time(double *v, size_t n)
{
	double cap, sum = 0;

	if (n == 0)
		return 0;
	cap = ESTIMATE_CAP * estimate_median(v, n);
	for (size_t i = 0; i < n; i++)
		sum += v[i] < cap ? v[i] : cap;
	return sum / n;
}

static int
serves(const struct est_window *w, int service)
{
	for (size_t i = 0; i < w->nservices; i++)
		if (w->services[i] == service)
			return 1;
	return 0;
}

/*
 * When window w, free at *t, calls next, and which ticket (index into
 * order, of n; done marks the called ones): -1 when it will call none
 * (before the closing, if any).
 */
static long
next_call(const struct est_input *in, const struct est_window *w,
    const struct est_ticket *order, const char *done, size_t n, time_t *t)
{
	time_t at = *t, first = 0;
	size_t i;

	/* Nothing ready now: it waits for the first ticket to come back. */
	for (i = 0; i < n; i++)
		if (!done[i] && order[i].service >= 0 &&
		    serves(w, order[i].service) &&
		    (first == 0 || order[i].ready < first))
			first = order[i].ready;
	if (first == 0)
		return -1;
	if (first > at)
		at = first;
	if (w->lunch_start != 0 && at >= w->lunch_start && at < w->lunch_end)
		at = w->lunch_end;
	if (in->closes != 0 && at >= in->closes)
		return -1;
	for (i = 0; i < n; i++)
		if (!done[i] && order[i].service >= 0 &&
		    serves(w, order[i].service) && order[i].ready <= at)
			break;
	*t = at;
	return (long)i;
}

int
estimate_run(const struct est_input *in, time_t *at)
{
	struct est_ticket *order;
	time_t *free_at;
	char *done;
	size_t n, pos = 0, k;
	int rc = 0;

	*at = 0;
	/* The new ticket goes after every ticket of at least its priority. */
	while (pos < in->nqueue && in->queue[pos].priority >= in->priority)
		pos++;
	/*
	 * The tickets after it are left out: a window that serves its
	 * service calls it before any of them, and one that does not takes
	 * them only when none before it waits for that window.  (A postponed
	 * ticket coming back later is the exception this ignores.)  So the
	 * work grows with the people before it, not with the whole queue.
	 */
	n = pos + 1;
	order = xreallocarray(NULL, n, sizeof *order);
	for (k = 0; k < pos; k++)
		order[k] = in->queue[k];
	order[pos].service = in->service;
	order[pos].priority = in->priority;
	order[pos].ready = in->now;
	done = xcalloc(n, 1);
	free_at = xcalloc(in->nwindows + 1, sizeof *free_at);
	for (k = 0; k < in->nwindows; k++)
		free_at[k] = in->windows[k].free_at;

	/* Each round the window that calls first calls: one ticket a round. */
	for (;;) {
		time_t best_t = 0, t;
		long best_i = -1, i;
		size_t best_w = 0;

		for (k = 0; k < in->nwindows; k++) {
			if (free_at[k] == 0)
				continue;
			t = free_at[k];
			if ((i = next_call(in, &in->windows[k], order, done, n,
			    &t)) < 0) {
				free_at[k] = 0;	/* calls no one any more */
				continue;
			}
			if (best_i < 0 || t < best_t) {
				best_t = t;
				best_i = i;
				best_w = k;
			}
		}
		if (best_i < 0)
			break;
		if ((size_t)best_i == pos) {
			*at = best_t;
			rc = 1;
			break;
		}
		done[best_i] = 1;
		free_at[best_w] = best_t +
		    (time_t)(in->service_s[order[best_i].service] + 0.5);
		if (free_at[best_w] == 0)
			free_at[best_w] = 1;	/* 0 means "no part" */
	}
	free(order);
	free(done);
	free(free_at);
	return rc;
}

/* The people before a new ticket in its service (est->ahead). */
static int
est_ahead(struct ctx *c, const char *service, int priority, int *ahead,
    struct err *e)
{
	struct stmt *st;
	int rc = OKNO_EDB;

	if (db_prepare(c->db, &st, e, "SELECT count(*) FROM tickets"
	    " INDEXED BY tickets_open WHERE status IN ('waiting', 'postponed')"
	    " AND service = :s AND (priority >= :p OR booked_at <= :now)"
	    " AND (status = 'waiting' OR return_at <= :now)") != 0)
		return e->code;
	db_bind_text(st, ":s", service);
	db_bind_int(st, ":p", priority ? 1 : 0);
	db_bind_int(st, ":now", c->now);
	if (db_step(st, e) == DB_ROW) {
		*ahead = (int)db_col_int(st, 0);
		rc = OKNO_OK;
	}
	db_finalize(st);
	return rc;
}

/* The expected service time of service i: today's last visits, else
 * the norm (estimate.h). */
static int
est_service_s(struct ctx *c, size_t i, double *s, struct err *e)
{
	const struct config_service *svc = &c->cfg->services[i];
	double v[ESTIMATE_VISITS];
	struct stmt *st;
	size_t n = 0;
	int r;

	if (db_prepare(c->db, &st, e, "SELECT service_s FROM tickets"
	    " INDEXED BY tickets_closed WHERE service = :s"
	    " AND closed_at >= :since AND closed_at <= :now"
	    " AND status = 'finished' ORDER BY closed_at DESC LIMIT :n") != 0)
		return e->code;
	db_bind_text(st, ":s", svc->code);
	db_bind_int(st, ":since", date_start_of(c->now));
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":n", ESTIMATE_VISITS);
	while ((r = db_step(st, e)) == DB_ROW && n < ESTIMATE_VISITS)
		v[n++] = db_col_double(st, 0);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	*s = n >= ESTIMATE_MIN_VISITS ? estimate_service_time(v, n) :
	    svc->service_norm * 60.0;
	return OKNO_OK;
}

/* The waiting and postponed tickets in call order (queue_call's). */
static int
est_queue(struct ctx *c, struct est_ticket **q, size_t *n, struct err *e)
{
	struct stmt *st;
	size_t cap = 0;
	int r;

	*q = NULL;
	*n = 0;
	/* A booked ticket whose slot has begun goes first (queue-int.h):
	 * it counts as above priority here. */
	if (db_prepare(c->db, &st, e, "SELECT service, CASE WHEN booked_at"
	    " <= :now THEN 2 ELSE priority END AS p, status,"
	    " coalesce(return_at, 0) FROM tickets INDEXED BY tickets_open"
	    " WHERE status IN ('waiting', 'postponed')"
	    " ORDER BY p DESC, CASE WHEN booked_at <= :now THEN booked_at END,"
	    " issued_at, id") != 0)
		return e->code;
	db_bind_int(st, ":now", c->now);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct est_ticket *t;
		time_t ret = (time_t)db_col_int(st, 3);

		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*q = xreallocarray(*q, cap, sizeof **q);
		}
		t = &(*q)[(*n)++];
		t->service = config_service_index(c->cfg, db_col_text(st, 0));
		t->priority = (int)db_col_int(st, 1);
		t->ready = strcmp(db_col_text(st, 2), "waiting") != 0 &&
		    ret > c->now ? ret : c->now;
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

int
queue_estimate(struct ctx *c, int service, int priority, struct estimate *est,
    struct err *e)
{
	const struct config *cfg = c->cfg;
	struct est_input in;
	struct est_window *w = NULL;
	struct est_ticket *q = NULL;
	struct window_info wi;
	struct hours_day hd;
	struct tm tm;
	double *svc_s = NULL;
	time_t opens = 0, at;
	int started = 0, takes_part, served_by_any = 0, y, m, d, rc;

	memset(est, 0, sizeof *est);
	memset(&in, 0, sizeof in);
	if (service < 0 || (size_t)service >= cfg->nservices)
		return err_set(e, OKNO_ENOENT, _("no such service"));
	if ((rc = est_ahead(c, cfg->services[service].code, priority,
	    &est->ahead, e)) != OKNO_OK)
		return rc;
	svc_s = xcalloc(cfg->nservices + 1, sizeof *svc_s);
	for (size_t i = 0; i < cfg->nservices; i++)
		if ((rc = est_service_s(c, i, &svc_s[i], e)) != OKNO_OK)
			goto out;
	if ((rc = est_queue(c, &q, &in.nqueue, e)) != OKNO_OK)
		goto out;

	/* Today's hours: the closing limits the calls, the opening starts
	 * the windows of an office not yet open. */
	localtime_r(&c->now, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	d = tm.tm_mday;
	if (hours_configured(cfg) && hours_day(cfg, y, m, d, &hd) == OKNO_OK &&
	    hd.kind != HOURS_CLOSED) {
		time_t o = hours_at(y, m, d, hd.open),
		    cl = hours_at(y, m, d, hd.close);

		if (c->now < cl)
			in.closes = cl;
		if (c->now < o)
			opens = o;
	}

	w = xcalloc(cfg->nwindows + 1, sizeof *w);
	for (size_t i = 0; i < cfg->nwindows; i++) {
		const struct config_window *cw = &cfg->windows[i];
		const struct config_lunch *lu = config_window_lunch(cfg,
		    cw->number);
		struct est_window *x = &w[i];
		int lunch_now;

		if ((rc = queue_window(c, cw->number, &wi, e)) != OKNO_OK)
			goto out;
		x->services = cw->services;
		x->nservices = cw->nservices;
		if (lu != NULL) {
			x->lunch_start = hours_at(y, m, d, lu->start);
			x->lunch_end = hours_at(y, m, d, lu->end);
		}
		lunch_now = lu != NULL && c->now >= x->lunch_start &&
		    c->now < x->lunch_end;
		switch (wi.state) {
		case WINDOW_FREE:
			x->free_at = c->now;
			/* Free in its lunch: working through it once okno
			 * has dealt with today's (the manager came back
			 * early); else the next change pauses it. */
			if (lunch_now && wi.lunch_done)
				x->lunch_start = x->lunch_end = 0;
			break;
		case WINDOW_SERVING: {
			int s = config_service_index(cfg, wi.ticket.service);
			double left = s >= 0 ? svc_s[s] : 0;

			x->free_at = wi.ticket.called_at + (time_t)left;
			if (x->free_at < c->now)
				x->free_at = c->now;
			break;
		}
		case WINDOW_PAUSED:
			x->free_at = lunch_now ? x->lunch_end :
			    wi.since + ESTIMATE_PAUSE_MIN * 60;
			if (x->free_at < c->now)
				x->free_at = c->now;
			break;
		case WINDOW_CLOSED:
			break;
		}
		if (wi.state != WINDOW_CLOSED)
			started = 1;
		if ((wi.state == WINDOW_FREE || wi.state == WINDOW_SERVING) &&
		    config_window_serves(cw, service))
			est->windows++;
	}
	/*
	 * Unserved (estimate.h): no free or serving window serves it, and
	 * it is not before today's opening; or no window serves it at all.
	 * Its wait is known only from windows that really take part (a
	 * paused one), not from closed ones assumed to open now.
	 */
	takes_part = 0;
	for (size_t i = 0; i < cfg->nwindows; i++)
		if (config_window_serves(&cfg->windows[i], service)) {
			served_by_any = 1;
			if (w[i].free_at != 0 || opens != 0)
				takes_part = 1;
		}
	est->unserved = est->windows == 0 && (opens == 0 || !served_by_any);
	/* The office not yet started: its closed windows open (they
	 * still compete for the tickets of other services). */
	for (size_t i = 0; i < cfg->nwindows; i++)
		if (w[i].free_at == 0 && (opens != 0 || !started))
			w[i].free_at = opens != 0 ? opens : c->now;

	in.now = c->now;
	in.service_s = svc_s;
	in.windows = w;
	in.nwindows = cfg->nwindows;
	in.queue = q;
	in.service = service;
	in.priority = priority ? 1 : 0;
	if (!estimate_run(&in, &at))
		at = 0;
	if (!takes_part) {
		/* No window of it really takes part: no wait to promise,
		 * and nothing to be late for (the client is told no one
		 * serves it now). */
		est->minutes = -1;
	} else if (at == 0) {
		est->late = 1;
		est->closes = in.closes;
		est->minutes = -1;
	} else
		est->minutes = (int)((at - c->now + 59) / 60);
	rc = OKNO_OK;
out:
	free(svc_s);
	free(q);
	free(w);
	return rc;
}
