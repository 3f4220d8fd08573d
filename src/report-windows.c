/* report-windows.c: where the day went (report.h, report_windows): per
 * window and per manager, the time open, serving, paused, idle, and idle
 * while clients of the window's services waited; the pauses by reason.
 *
 * Computed from the event log, one day at a time: the day's window events
 * and ticket events in time order drive a small state machine per window
 * (open, paused, the ticket in service, the session's manager) and a count
 * of waiting tickets per service (SPEC, "Time semantics": a ticket waits
 * from issued, transferred or returned until its next call, or until it
 * is cancelled).  Each instant of an open window falls in exactly one of
 * serving, paused or idle, so open_s = serving_s + paused_s + idle_s for
 * every row.  Memory is one day's events at a time.
 *
 * Days.  Every window starts a day closed (the queue closes a session left
 * open from the day before).  A window still open when its day's events
 * end is counted up to the later of the office's closing time that day and
 * the window's last event that day; without opening hours, or on a day
 * they call closed, up to the end of the day (midnight); never past now.
 * The manager of an instant is the session's: the one who opened the
 * window (a pause or resume by a named manager takes the window over).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "hours.h"
#include "report.h"

/* One event of a day, window's or ticket's. */
struct wev {
	time_t	 at;
	int	 ticket;	/* 0: a window event */
	int	 window;
	char	 event[16];
	char	*manager;	/* NULL: none */
	char	*reason;
	int	 service;	/* a ticket event's, index; -1 unknown */
	int64_t	 ticket_id;
};

/* A window's state during a day and its place in the report. */
struct wslot {
	int		 number;
	const struct config_window *cw;	/* NULL: not configured now */
	size_t		 row;		/* its row in rows */
	int		 open, paused;
	int64_t		 serving;	/* ticket id; 0 none */
	char		 manager[64];	/* the session's */
	char		 reason[64];	/* the pause's */
	char		 pmanager[64];	/* the pause's manager */
	time_t		 last;		/* its last event of the day */
};

struct wstate {
	struct ctx		*c;
	struct report_windows	*r;
	struct wslot		*slots;
	size_t			 nslots;
	int			*waiting;	/* per service */
	/* Waiting tickets: id -> service + 1 (0: free slot). */
	int64_t			*wid;
	int			*wsvc;
	size_t			 wcap, wn;
};

static size_t
w_row(struct report_windows *r, const char *group, const char *key)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].group, group) == 0 &&
		    strcmp(r->rows[i].key, key) == 0)
			return i;
	r->rows = xreallocarray(r->rows, r->nrows + 1, sizeof *r->rows);
	memset(&r->rows[r->nrows], 0, sizeof r->rows[r->nrows]);
	r->rows[r->nrows].group = group;
	strlcpy_(r->rows[r->nrows].key, key, sizeof r->rows[r->nrows].key);
	return r->nrows++;
}

static struct wslot *
w_slot(struct wstate *s, int number)
{
	struct wslot *w;
	char key[16];

	for (size_t i = 0; i < s->nslots; i++)
		if (s->slots[i].number == number)
			return &s->slots[i];
	s->slots = xreallocarray(s->slots, s->nslots + 1, sizeof *s->slots);
	w = &s->slots[s->nslots++];
	memset(w, 0, sizeof *w);
	w->number = number;
	w->cw = config_window(s->c->cfg, number);
	snprintf(key, sizeof key, "%d", number);
	w->row = w_row(s->r, "window", key);
	return w;
}

static struct report_pause_row *
w_pause_row(struct report_windows *r, int window, const char *manager,
    const char *reason)
{
	struct report_pause_row *p;

	for (size_t i = 0; i < r->npauses; i++) {
		p = &r->pauses[i];
		if (p->window == window && strcmp(p->manager, manager) == 0 &&
		    strcmp(p->reason, reason) == 0)
			return p;
	}
	r->pauses = xreallocarray(r->pauses, r->npauses + 1,
	    sizeof *r->pauses);
	p = &r->pauses[r->npauses++];
	memset(p, 0, sizeof *p);
	p->window = window;
	strlcpy_(p->manager, manager, sizeof p->manager);
	strlcpy_(p->reason, reason, sizeof p->reason);
	return p;
}

/* The waiting tickets: an open-addressing table, reset each day. */
static size_t
w_find(struct wstate *s, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 2654435761u) & (s->wcap - 1);

	while (s->wid[i] != 0 && s->wid[i] != id)
		i = (i + 1) & (s->wcap - 1);
	return i;
}

static void
w_wait_start(struct wstate *s, int64_t id, int service)
{
	size_t i;

	if (s->wn * 2 + 2 > s->wcap) {
		int64_t *oid = s->wid;
		int *osvc = s->wsvc;
		size_t ocap = s->wcap;

		s->wcap = ocap ? ocap * 2 : 256;
		s->wid = xcalloc(s->wcap, sizeof *s->wid);
		s->wsvc = xcalloc(s->wcap, sizeof *s->wsvc);
		for (size_t k = 0; k < ocap; k++)
			if (oid[k] != 0 && osvc[k] != 0) {
				i = w_find(s, oid[k]);
				s->wid[i] = oid[k];
				s->wsvc[i] = osvc[k];
			}
		free(oid);
		free(osvc);
	}
	i = w_find(s, id);
	if (s->wid[i] == id && s->wsvc[i] != 0) {
		/* Already waiting (a transfer's new service). */
		if (s->wsvc[i] > 0 &&
		    s->wsvc[i] - 1 < (int)s->c->cfg->nservices)
			s->waiting[s->wsvc[i] - 1]--;
	} else if (s->wid[i] != id) {
		s->wid[i] = id;
		s->wn++;
	}
	/* A service no longer configured waits for no window: -1. */
	s->wsvc[i] = service >= 0 ? service + 1 : -1;
	if (service >= 0)
		s->waiting[service]++;
}

static void
w_wait_end(struct wstate *s, int64_t id)
{
	size_t i;

	if (s->wcap == 0)
		return;
	i = w_find(s, id);
	if (s->wid[i] != id || s->wsvc[i] == 0)
		return;
	if (s->wsvc[i] > 0)
		s->waiting[s->wsvc[i] - 1]--;
	s->wsvc[i] = 0;		/* the id stays: the probe chain holds */
}

static int
w_anyone_waits(const struct wstate *s, const struct wslot *w)
{
	if (w->cw == NULL)
		return 0;
	for (size_t i = 0; i < w->cw->nservices; i++)
		if (s->waiting[w->cw->services[i]] > 0)
			return 1;
	return 0;
}

/* Adds [from, to) of window w's current state to its rows. */
static void
w_account(struct wstate *s, struct wslot *w, time_t from, time_t to)
{
	struct report_window_row *rows[2];
	int64_t dt = (int64_t)(to - from);
	int n = 1, waits;

	if (dt <= 0 || (!w->open && w->serving == 0))
		return;
	/* w_row may move the array: the indexes first, then the rows. */
	if (w->manager[0] != '\0') {
		size_t k = w_row(s->r, "manager", w->manager);

		rows[n++] = &s->r->rows[k];
	}
	rows[0] = &s->r->rows[w->row];
	waits = w->serving == 0 && !w->paused && w_anyone_waits(s, w);
	for (int i = 0; i < n; i++) {
		rows[i]->open_s += dt;
		if (w->serving != 0)
			rows[i]->serving_s += dt;
		else if (w->paused)
			rows[i]->paused_s += dt;
		else {
			rows[i]->idle_s += dt;
			if (waits)
				rows[i]->idle_waiting_s += dt;
		}
	}
	if (w->serving == 0 && w->paused) {
		struct report_pause_row *p = w_pause_row(s->r, w->number,
		    w->pmanager, w->reason);

		p->paused_s += dt;
	}
}

static void
w_count_call(struct wstate *s, struct wslot *w)
{
	s->r->rows[w->row].calls++;
	if (w->manager[0] != '\0') {
		size_t k = w_row(s->r, "manager", w->manager);

		s->r->rows[k].calls++;
	}
}

static void
w_apply(struct wstate *s, const struct wev *ev)
{
	struct wslot *w = ev->window > 0 ? w_slot(s, ev->window) : NULL;
	const char *m = ev->manager;

	if (!ev->ticket) {
		if (w == NULL)
			return;
		if (strcmp(ev->event, "closed") == 0) {
			w->open = w->paused = 0;
			return;
		}
		/* A named manager's event takes the session. */
		if (m != NULL && (strcmp(ev->event, "opened") == 0 ||
		    *m != '\0'))
			strlcpy_(w->manager, m, sizeof w->manager);
		else if (strcmp(ev->event, "opened") == 0)
			w->manager[0] = '\0';
		w->open = 1;
		if (strcmp(ev->event, "opened") == 0 ||
		    strcmp(ev->event, "resumed") == 0)
			w->paused = 0;
		else if (strcmp(ev->event, "paused") == 0) {
			w->paused = 1;
			strlcpy_(w->reason, ev->reason ? ev->reason : "",
			    sizeof w->reason);
			strlcpy_(w->pmanager, w->manager, sizeof w->pmanager);
			w_pause_row(s->r, w->number, w->pmanager,
			    w->reason)->pauses++;
		}
		return;
	}
	if (strcmp(ev->event, "issued") == 0 ||
	    strcmp(ev->event, "returned") == 0) {
		w_wait_start(s, ev->ticket_id, ev->service);
	} else if (strcmp(ev->event, "called") == 0) {
		w_wait_end(s, ev->ticket_id);
		if (w != NULL) {
			w->serving = ev->ticket_id;
			w_count_call(s, w);
		}
	} else if (strcmp(ev->event, "transferred") == 0) {
		if (w != NULL && w->serving == ev->ticket_id)
			w->serving = 0;
		w_wait_start(s, ev->ticket_id, ev->service);
	} else if (strcmp(ev->event, "undone") == 0) {
		/* A finish or no-show taken back: the window serves the
		 * ticket again from now (queue_undo); no new call. */
		if (w != NULL)
			w->serving = ev->ticket_id;
	} else if (strcmp(ev->event, "finished") == 0 ||
	    strcmp(ev->event, "noshow") == 0 ||
	    strcmp(ev->event, "postponed") == 0 ||
	    strcmp(ev->event, "cancelled") == 0) {
		w_wait_end(s, ev->ticket_id);
		if (w != NULL && w->serving == ev->ticket_id)
			w->serving = 0;
	}
}

static void
w_events_free(struct wev *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].manager);
		free(v[i].reason);
	}
	free(v);
}

/* The day's events in time order (window events first in a second). */
static int
w_load(struct wstate *s, time_t from, time_t to, struct wev **vp,
    size_t *np, struct err *e)
{
	struct stmt *st;
	struct wev *v = NULL;
	size_t n = 0, cap = 0;
	int r;

	*vp = NULL;
	*np = 0;
	if (db_prepare(s->c->db, &st, e, "SELECT at, 0, id, window, event,"
	    " manager, reason, NULL, 0 FROM window_events"
	    " INDEXED BY window_events_at WHERE at >= :a AND at < :b"
	    " UNION ALL SELECT at, 1, id, coalesce(window, 0), event, manager,"
	    " NULL, service, ticket_id FROM ticket_events"
	    " INDEXED BY ticket_events_at WHERE at >= :a AND at < :b"
	    " ORDER BY 1, 2, 3") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":a", from);
	db_bind_int(st, ":b", to);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct wev *x;

		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xreallocarray(v, cap, sizeof *v);
		}
		x = &v[n++];
		memset(x, 0, sizeof *x);
		x->at = (time_t)db_col_int(st, 0);
		x->ticket = (int)db_col_int(st, 1);
		x->window = (int)db_col_int(st, 3);
		strlcpy_(x->event, db_col_text(st, 4), sizeof x->event);
		if (!db_col_null(st, 5))
			x->manager = xstrdup(db_col_text(st, 5));
		if (!db_col_null(st, 6))
			x->reason = xstrdup(db_col_text(st, 6));
		x->service = x->ticket ? config_service_index(s->c->cfg,
		    db_col_text(st, 7)) : -1;
		x->ticket_id = db_col_int(st, 8);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		w_events_free(v, n);
		return OKNO_EDB;
	}
	*vp = v;
	*np = n;
	return OKNO_OK;
}

/* One day: y-m-d. */
static int
w_day(struct wstate *s, int y, int m, int d, struct err *e)
{
	struct hours_day hd;
	struct wev *v;
	time_t from = date_start(y, m, d), to, t, close = 0;
	size_t n;
	int ny, nm, nd;

	calendar_from_day_number(calendar_day_number(y, m, d) + 1, &ny, &nm,
	    &nd);
	to = date_start(ny, nm, nd);
	if (from > s->c->now)
		return OKNO_OK;
	if (hours_configured(s->c->cfg) && hours_day(s->c->cfg, y, m, d,
	    &hd) == OKNO_OK && hd.kind != HOURS_CLOSED)
		close = hours_at(y, m, d, hd.close);
	if (w_load(s, from, to, &v, &n, e) != OKNO_OK)
		return e->code;
	for (size_t i = 0; i < s->nslots; i++) {
		s->slots[i].open = s->slots[i].paused = 0;
		s->slots[i].serving = 0;
		s->slots[i].manager[0] = '\0';
		s->slots[i].last = 0;
	}
	memset(s->waiting, 0, s->c->cfg->nservices * sizeof *s->waiting);
	for (size_t k = 0; k < s->wcap; k++)
		s->wid[k] = s->wsvc[k] = 0;
	s->wn = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].window > 0)
			w_slot(s, v[i].window)->last = v[i].at;
	t = from;
	for (size_t i = 0; i < n; i++) {
		if (v[i].at > t) {
			for (size_t k = 0; k < s->nslots; k++)
				w_account(s, &s->slots[k], t, v[i].at);
			t = v[i].at;
		}
		w_apply(s, &v[i]);
	}
	/* The tail of the sessions still open (the header comment). */
	for (size_t k = 0; k < s->nslots; k++) {
		struct wslot *w = &s->slots[k];
		time_t end = close != 0 ? close : to;

		if (close != 0 && w->last > end)
			end = w->last;
		if (end > s->c->now)
			end = s->c->now;
		if (end > t)
			w_account(s, w, t, end);
	}
	w_events_free(v, n);
	return OKNO_OK;
}

static int
w_cmp_manager(const void *a, const void *b)
{
	const struct report_window_row *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static int
w_cmp_pause(const void *a, const void *b)
{
	const struct report_pause_row *x = a, *y = b;
	int c;

	if (x->window != y->window)
		return x->window < y->window ? -1 : 1;
	if ((c = strcmp(x->manager, y->manager)) != 0)
		return c;
	return strcmp(x->reason, y->reason);
}

/* Windows: configured order, then others by number; then managers by
 * login. */
static void
w_order(struct report_windows *r, const struct config *cfg)
{
	struct report_window_row *v = xcalloc(r->nrows + 1, sizeof *v);
	size_t n = 0, wn;

	for (size_t i = 0; i < cfg->nwindows; i++) {
		char key[16];

		snprintf(key, sizeof key, "%d", cfg->windows[i].number);
		for (size_t k = 0; k < r->nrows; k++)
			if (strcmp(r->rows[k].group, "window") == 0 &&
			    strcmp(r->rows[k].key, key) == 0)
				v[n++] = r->rows[k];
	}
	wn = n;
	for (size_t k = 0; k < r->nrows; k++)
		if (strcmp(r->rows[k].group, "window") == 0 &&
		    config_window(cfg, atoi(r->rows[k].key)) == NULL)
			v[n++] = r->rows[k];
	for (size_t a = wn; a < n; a++)
		for (size_t b = a + 1; b < n; b++)
			if (atoi(v[b].key) < atoi(v[a].key)) {
				struct report_window_row x = v[a];

				v[a] = v[b];
				v[b] = x;
			}
	wn = n;
	for (size_t k = 0; k < r->nrows; k++)
		if (strcmp(r->rows[k].group, "manager") == 0)
			v[n++] = r->rows[k];
	qsort(v + wn, n - wn, sizeof *v, w_cmp_manager);
	free(r->rows);
	r->rows = v;
	r->nrows = n;
	if (r->npauses > 1)
		qsort(r->pauses, r->npauses, sizeof *r->pauses, w_cmp_pause);
}

int
report_windows(struct ctx *c, const char *from, const char *to,
    struct report_windows **rp, struct err *e)
{
	struct report_windows *r;
	struct wstate s;
	int y, m, d, rc = OKNO_OK;
	long first, last;

	*rp = NULL;
	if (report_period_check(from, to, e) != OKNO_OK)
		return e->code;
	r = xcalloc(1, sizeof *r);
	strlcpy_(r->from, from, sizeof r->from);
	strlcpy_(r->to, to, sizeof r->to);
	memset(&s, 0, sizeof s);
	s.c = c;
	s.r = r;
	s.waiting = xcalloc(c->cfg->nservices + 1, sizeof *s.waiting);
	/* Every configured window has a row, busy or not. */
	for (size_t i = 0; i < c->cfg->nwindows; i++)
		(void)w_slot(&s, c->cfg->windows[i].number);
	date_parse(from, &y, &m, &d);
	first = calendar_day_number(y, m, d);
	date_parse(to, &y, &m, &d);
	last = calendar_day_number(y, m, d);
	/* One snapshot for the period; it writes nothing. */
	if (db_begin_read(c->db, e) != OKNO_OK)
		rc = e->code;
	else {
		for (long day = first; rc == OKNO_OK && day <= last; day++) {
			calendar_from_day_number(day, &y, &m, &d);
			rc = w_day(&s, y, m, d, e);
		}
		db_rollback(c->db);
	}
	free(s.slots);
	free(s.waiting);
	free(s.wid);
	free(s.wsvc);
	if (rc != OKNO_OK) {
		report_windows_free(r);
		return rc;
	}
	w_order(r, c->cfg);
	*rp = r;
	return OKNO_OK;
}

void
report_windows_free(struct report_windows *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r->pauses);
	free(r);
}

/* Seconds as h:mm:ss for people. */
static void
w_hms(char *buf, size_t size, int64_t s)
{
	snprintf(buf, size, "%lld:%02lld:%02lld", (long long)(s / 3600),
	    (long long)(s / 60 % 60), (long long)(s % 60));
}

void
report_windows_text(FILE *fp, const struct config *cfg,
    const struct report_windows *r)
{
	const struct config_pause_reason *pr;
	const char *group = "";
	char a[48], b[48], c[48], d[48], w[48], key[64], mgr[64];

	fprintf(fp, "\n%s\n%s\n", _("Windows: where the day went "
	    "(h:mm:ss)"), _("IDLE+QUEUE: idle while clients of the window's "
	    "services waited"));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_window_row *x = &r->rows[i];

		if (strcmp(x->group, group) != 0) {
			group = x->group;
			fprintf(fp, "\n%s\n", strcmp(group, "window") == 0 ?
			    _("By window") : _("By manager"));
			table_head(fp, "%-16s %10s %10s %10s %10s %10s %6s\n",
			    _("KEY"), _("OPEN"), _("SERVING"), _("PAUSED"),
			    _("IDLE"), _("IDLE+QUEUE"), _("CALLS"));
		}
		w_hms(a, sizeof a, x->open_s);
		w_hms(b, sizeof b, x->serving_s);
		w_hms(c, sizeof c, x->paused_s);
		w_hms(d, sizeof d, x->idle_s);
		w_hms(w, sizeof w, x->idle_waiting_s);
		fprintf(fp, "%s %10s %10s %10s %10s %10s %6lld\n",
		    utf8_pad(key, sizeof key, x->key, -16), a, b, c, d, w,
		    (long long)x->calls);
	}
	fprintf(fp, "\n%s\n", _("Pauses by reason"));
	if (r->npauses == 0) {
		fprintf(fp, "%s\n", _("none"));
		return;
	}
	table_head(fp, "%-6s %-16s %-30s %6s %10s\n", _("WINDOW"),
	    _("MANAGER"), _("REASON"), _("PAUSES"), _("PAUSED"));
	for (size_t i = 0; i < r->npauses; i++) {
		const struct report_pause_row *p = &r->pauses[i];

		pr = config_pause_reason(cfg, p->reason);
		w_hms(a, sizeof a, p->paused_s);
		fprintf(fp, "%-6d %s %s %6lld %10s\n", p->window,
		    utf8_pad(mgr, sizeof mgr, p->manager[0] ? p->manager : "-",
		    -16), utf8_pad(key, sizeof key, pr != NULL && pr->name ?
		    pr->name : p->reason, -30), (long long)p->pauses, a);
	}
}
