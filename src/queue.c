/* queue.c: the electronic queue engine (see queue.h for the contract).
 *
 * Time semantics (SPEC): a ticket waits from issued, transferred or
 * returned until its next call, and is in service from called until
 * finished, transferred, postponed or no-show.  The open segment's start is
 * kept in wait_since or called_at; closed segments are summed into wait_s
 * and service_s as they close, so reports need not replay the event log.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "hours.h"
#include "queue-int.h"
#include "queue.h"
#include "booking.h"
#include "visit.h"

/* Longest postponement a manager may give, in minutes. */
#define QUEUE_POSTPONE_MAX	240

static const char *const ticket_status_names[] = {
	"waiting", "called", "postponed", "finished", "noshow", "cancelled"
};

static const char *const window_state_names[] = {
	"closed", "free", "serving", "paused"
};
static const char *const window_state_labels[] = {
	N_("closed"), N_("free"), N_("serving"), N_("paused")
};

const char *
ticket_status_name(enum ticket_status s)
{
	return codes_name(ticket_status_names, nitems(ticket_status_names),
	    (int)s);
}

const char *
window_state_name(enum window_state s)
{
	return codes_name(window_state_names, nitems(window_state_names),
	    (int)s);
}

const char *
window_state_label(enum window_state s)
{
	return codes_label(window_state_labels, nitems(window_state_labels),
	    (int)s);
}

/* A status this build does not know counts as cancelled: not waiting. */
static enum ticket_status
ticket_status_parse(const char *s)
{
	int i = codes_index(ticket_status_names, nitems(ticket_status_names),
	    s);

	return i < 0 ? TICKET_CANCELLED : (enum ticket_status)i;
}

/* The columns q_ticket_read() expects, in order. */
#define TICKET_COLS "id, number, service, priority, issued_at, status, " \
	"coalesce(window, 0), coalesce(called_at, 0), " \
	"coalesce(return_at, 0), coalesce(manager, ''), coalesce(category, ''), " \
	"coalesce(booked_at, 0), coalesce(booking_id, 0)"

static void
q_ticket_read(struct stmt *st, struct ticket *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(st, 0);
	strlcpy_(t->number, db_col_text(st, 1), sizeof t->number);
	strlcpy_(t->service, db_col_text(st, 2), sizeof t->service);
	t->priority = (int)db_col_int(st, 3);
	t->issued_at = (time_t)db_col_int(st, 4);
	t->status = ticket_status_parse(db_col_text(st, 5));
	t->window = (int)db_col_int(st, 6);
	t->called_at = (time_t)db_col_int(st, 7);
	t->return_at = (time_t)db_col_int(st, 8);
	strlcpy_(t->manager, db_col_text(st, 9), sizeof t->manager);
	strlcpy_(t->category, db_col_text(st, 10), sizeof t->category);
	t->booked_at = (time_t)db_col_int(st, 11);
	t->booking_id = db_col_int(st, 12);
}

/*
 * Role checks live here, in the model, so no screen can forget them.
 * Managers work their own windows (the one they opened, or a free one);
 * supervisors and the system do anything; auditors only read.
 */
static int
q_may_act(struct ctx *c, int window, const char *win_manager,
    struct err *e)
{
	switch (c->who->role) {
	case ROLE_SYSTEM:
	case ROLE_SUPERVISOR:
		return OKNO_OK;
	case ROLE_MANAGER:
		if (window == 0 || win_manager == NULL ||
		    win_manager[0] == '\0' ||
		    strcmp(win_manager, c->who->login) == 0)
			return OKNO_OK;
		return err_set(e, OKNO_EPERM,
		    _("window %d is open for %s, not for you"), window,
		    win_manager);
	case ROLE_AUDITOR:
		break;
	case ROLE_KIOSK:
		return err_set(e, OKNO_EPERM,
		    _("the ticket terminal may only issue tickets"));
	}
	return err_set(e, OKNO_EPERM, _("an auditor may not change the queue"));
}

static int
q_event(struct ctx *c, int64_t ticket, time_t at, const char *event,
    int window, const char *manager, const char *service, const char *note,
    struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e,
	    "INSERT INTO ticket_events (ticket_id, at, event, window, manager,"
	    " service, note) VALUES (:t, :at, :ev, :w, :m, :s, :note)") != 0)
		return e->code;
	db_bind_int(st, ":t", ticket);
	db_bind_int(st, ":at", at);
	db_bind_text(st, ":ev", event);
	db_bind_opt_int(st, ":w", window);
	db_bind_text(st, ":m", manager != NULL && *manager ? manager : NULL);
	db_bind_text(st, ":s", service);
	db_bind_text(st, ":note", note);
	return db_run(st, e);
}

int
queue_window_event(struct ctx *c, int window, time_t at, const char *event,
    const char *manager, const char *reason, const char *note,
    struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e,
	    "INSERT INTO window_events (window, at, event, manager, reason,"
	    " note) VALUES (:w, :at, :ev, :m, :r, :n)") != 0)
		return e->code;
	db_bind_int(st, ":w", window);
	db_bind_int(st, ":at", at);
	db_bind_text(st, ":ev", event);
	db_bind_text(st, ":m", manager != NULL && *manager ? manager : NULL);
	db_bind_text(st, ":r", reason);
	db_bind_text(st, ":n", note != NULL && *note ? note : NULL);
	return db_run(st, e);
}

int
queue_ticket_event(struct ctx *c, int64_t ticket, const char *event,
    int window, const char *manager, const char *service, const char *note,
    struct err *e)
{
	return q_event(c, ticket, c->now, event, window, manager, service,
	    note != NULL && *note ? note : NULL, e);
}

/* A window event at c->now. */
static int
q_window_event(struct ctx *c, int window, const char *event,
    const char *manager, const char *reason, const char *note,
    struct err *e)
{
	return queue_window_event(c, window, c->now, event, manager, reason,
	    note, e);
}

static int	q_window_set(struct ctx *, int, const char *, const char *,
		    const char *, struct err *);

/*
 * Windows left open or paused since before today's midnight are closed,
 * as `day close` would have: yesterday's session (a PC that crashed, a
 * manager who went home without F10) must not keep a window from this
 * morning's manager.  The windows table holds one row per window.
 */
static int
q_close_stale_windows(struct ctx *c, const char *day, struct err *e)
{
	struct stmt *st;
	int y, m, d, r, n = 0, nums[64];
	char mgr[64][64];

	if (date_parse(day, &y, &m, &d) != 0)
		return OKNO_OK;
	if (db_prepare(c->db, &st, e, "SELECT number, coalesce(manager, '')"
	    " FROM windows WHERE state != 'closed' AND since < :midnight") != 0)
		return e->code;
	db_bind_int(st, ":midnight", (int64_t)date_start(y, m, d));
	while ((r = db_step(st, e)) == DB_ROW && n < (int)nitems(nums)) {
		nums[n] = (int)db_col_int(st, 0);
		strlcpy_(mgr[n], db_col_text(st, 1), sizeof mgr[n]);
		n++;
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	for (int i = 0; i < n; i++)
		if (q_window_set(c, nums[i], "closed", NULL, NULL, e) !=
		    OKNO_OK || q_window_event(c, nums[i], "closed", mgr[i],
		    "day not closed", NULL, e) != OKNO_OK)
			return e->code;
	return OKNO_OK;
}

/*
 * Housekeeping at the start of every queue transaction: tickets left open
 * from an earlier day are cancelled (the day was not closed), and postponed
 * tickets whose time has come return to the queue, their wait restarting
 * at return_at, not at the moment someone noticed.  Then windows left
 * open from an earlier day are closed (q_close_stale_windows).
 */
static int
q_maintain(struct ctx *c, struct err *e)
{
	struct stmt *st = NULL, *up = NULL;
	char day[16];
	int rc = OKNO_EDB, r;

	time_format_date(c->now, day, sizeof day);
	/* Both halves read only the small partial indexes: the cost of a
	 * change must not grow with the history (make bench checks). */
	if (db_prepare(c->db, &st, e, "SELECT id, service, status,"
	    " coalesce(window, 0), coalesce(return_at, 0), day FROM tickets"
	    " INDEXED BY tickets_open WHERE status IN ('waiting', 'postponed') AND (day < :day OR"
	    " (status = 'postponed' AND return_at <= :now))"
	    " UNION ALL SELECT id, service, status, coalesce(window, 0), 0,"
	    " day FROM tickets INDEXED BY tickets_serving"
	    " WHERE status = 'called' AND day < :day") != 0)
		return e->code;
	db_bind_text(st, ":day", day);
	db_bind_int(st, ":now", c->now);
	if (db_prepare(c->db, &up, e, "UPDATE tickets SET"
	    " status = :st, wait_since = :ws, return_at = NULL,"
	    " closed_at = :closed, updated_at = :now WHERE id = :id") != 0)
		goto out;
	while ((r = db_step(st, e)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		char service[32];
		int stale = strcmp(db_col_text(st, 5), day) < 0;
		time_t back = (time_t)db_col_int(st, 4);

		strlcpy_(service, db_col_text(st, 1), sizeof service);
		db_reset(up);
		db_bind_int(up, ":id", id);
		db_bind_int(up, ":now", c->now);
		if (stale) {
			db_bind_text(up, ":st", "cancelled");
			db_bind_null(up, ":ws");
			db_bind_int(up, ":closed", c->now);
		} else {
			db_bind_text(up, ":st", "waiting");
			db_bind_int(up, ":ws", back);
			db_bind_null(up, ":closed");
		}
		if (db_step(up, e) == DB_ERROR)
			goto out;
		if (q_event(c, id, stale ? c->now : back,
		    stale ? "cancelled" : "returned",
		    (int)db_col_int(st, 3), NULL, service,
		    stale ? "day not closed" : NULL, e) != OKNO_OK)
			goto out;
	}
	if (r == DB_ERROR)
		goto out;
	/* Bookings whose check-in window has passed are missed. */
	rc = booking_sweep(c, e);
out:
	db_finalize(up);
	db_finalize(st);
	/* The breaks first: a lunch pause of yesterday still ends at its
	 * time before the stale window is closed. */
	if (rc == OKNO_OK && (rc = queue_lunch_apply(c, 0, 0, e)) != OKNO_OK)
		return rc;
	return rc == OKNO_OK ? q_close_stale_windows(c, day, e) : rc;
}

static int
q_begin(struct ctx *c, struct err *e)
{
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if (q_maintain(c, e) != OKNO_OK) {
		db_rollback(c->db);
		return e->code;
	}
	return OKNO_OK;
}

/* Commits when rc is OKNO_OK or OKNO_NONE (nothing to do is no error). */
static int
q_end(struct ctx *c, int rc, struct err *e)
{
	if (rc == OKNO_OK || rc == OKNO_NONE) {
		if (db_commit(c->db, e) != OKNO_OK)
			return e->code;
		return rc;
	}
	db_rollback(c->db);
	return rc;
}

/* The frame of a queue transaction, for queue-lunch.c (queue-int.h). */
int
queue_tx_begin(struct ctx *c, struct err *e)
{
	return q_begin(c, e);
}

int
queue_tx_end(struct ctx *c, int rc, struct err *e)
{
	return q_end(c, rc, e);
}

struct q_win {
	enum { QW_CLOSED, QW_OPEN, QW_PAUSED } state;
	char	manager[64];
	time_t	lunch_until;	/* in okno's lunch pause; 0: not */
	long	pid;		/* the console holding it; 0: none known */
};

/* Reads a window's row, creating it (closed) on first use. */
static int
q_window_get(struct ctx *c, int window, struct q_win *w, struct err *e)
{
	struct stmt *st;
	int r;

	memset(w, 0, sizeof *w);
	if (config_window(c->cfg, window) == NULL)
		return err_set(e, OKNO_ENOENT, _("no window %d in the "
		    "configuration"), window);
	if (db_prepare(c->db, &st, e, "INSERT OR IGNORE INTO windows"
	    " (number, state, since, updated_at) VALUES (:w, 'closed', :now,"
	    " :now)") != 0)
		return e->code;
	db_bind_int(st, ":w", window);
	db_bind_int(st, ":now", c->now);
	if (db_run(st, e) != OKNO_OK)
		return e->code;
	if (db_prepare(c->db, &st, e, "SELECT state, coalesce(manager, ''),"
	    " coalesce(lunch_until, 0), coalesce(pid, 0) FROM windows"
	    " WHERE number = :w") != 0)
		return e->code;
	db_bind_int(st, ":w", window);
	r = db_step(st, e);
	if (r == DB_ROW) {
		const char *s = db_col_text(st, 0);

		w->state = strcmp(s, "open") == 0 ? QW_OPEN :
		    strcmp(s, "paused") == 0 ? QW_PAUSED : QW_CLOSED;
		strlcpy_(w->manager, db_col_text(st, 1), sizeof w->manager);
		w->lunch_until = (time_t)db_col_int(st, 2);
		w->pid = (long)db_col_int(st, 3);
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

static int
q_window_set(struct ctx *c, int window, const char *state,
    const char *manager, const char *reason, struct err *e)
{
	struct stmt *st;

	/* A person's change ends okno's lunch pause (queue-lunch.c); a
	 * closed window has no console (pid). */
	if (db_prepare(c->db, &st, e, "UPDATE windows SET state = :st,"
	    " manager = :m, reason = :r, note = NULL, since = :now,"
	    " lunch_until = NULL, pid = CASE :st WHEN 'closed' THEN NULL"
	    " ELSE pid END, updated_at = :now WHERE number = :w") != 0)
		return e->code;
	db_bind_text(st, ":st", state);
	db_bind_text(st, ":m", manager != NULL && *manager ? manager : NULL);
	db_bind_text(st, ":r", reason);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":w", window);
	return db_run(st, e);
}

/* The note of the pause just set (q_window_set clears it). */
static int
q_window_note(struct ctx *c, int window, const char *note, struct err *e)
{
	struct stmt *st;

	if (note == NULL || *note == '\0')
		return OKNO_OK;
	if (db_prepare(c->db, &st, e, "UPDATE windows SET note = :n"
	    " WHERE number = :w") != 0)
		return e->code;
	db_bind_text(st, ":n", note);
	db_bind_int(st, ":w", window);
	return db_run(st, e);
}

/* The manager a change at window is recorded under. */
static const char *
q_manager(struct ctx *c, const struct q_win *w)
{
	if (c->who->role == ROLE_MANAGER)
		return c->who->login;
	return w->manager[0] != '\0' ? w->manager : NULL;
}

/* The ticket in service at window; OKNO_NONE when there is none. */
static int
q_current(struct ctx *c, int window, struct ticket *t, struct err *e)
{
	struct stmt *st;
	int r;

	if (db_prepare(c->db, &st, e, "SELECT " TICKET_COLS " FROM tickets"
	    " WHERE status = 'called' AND window = :w") != 0)
		return e->code;
	db_bind_int(st, ":w", window);
	r = db_step(st, e);
	if (r == DB_ROW)
		q_ticket_read(st, t);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE)
		return err_set(e, OKNO_NONE, _("window %d has no current "
		    "ticket"), window);
	return OKNO_OK;
}

/*
 * Closes the open service segment of t (status 'called') and moves it to
 * status; wait_since starts a new wait segment when the ticket goes back
 * to the queue (transfer).
 */
static int
q_leave_service(struct ctx *c, struct ticket *t, const char *status,
    const char *service, int closes, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "UPDATE tickets SET status = :st,"
	    " service = :svc, service_s = service_s + max(0, :now - called_at),"
	    " called_at = NULL, wait_since = :ws, return_at = :ret,"
	    " closed_at = :closed, updated_at = :now WHERE id = :id") != 0)
		return e->code;
	db_bind_text(st, ":st", status);
	db_bind_text(st, ":svc", service);
	db_bind_int(st, ":now", c->now);
	if (strcmp(status, "waiting") == 0)
		db_bind_int(st, ":ws", c->now);
	else
		db_bind_null(st, ":ws");
	db_bind_opt_int(st, ":ret", t->return_at);
	if (closes)
		db_bind_int(st, ":closed", c->now);
	else
		db_bind_null(st, ":closed");
	db_bind_int(st, ":id", t->id);
	return db_run(st, e);
}

static int	q_issue(struct ctx *, const char *, int, const char *,
		    const char *, int, int64_t, time_t, struct ticket *,
		    struct estimate *, struct err *);

int
queue_issue(struct ctx *c, const char *code, int priority, struct ticket *t,
    struct estimate *est, struct err *e)
{
	return queue_issue_flags(c, code, priority, 0, t, est, e);
}

int
queue_issue_flags(struct ctx *c, const char *code, int priority, int flags,
    struct ticket *t, struct estimate *est, struct err *e)
{
	return queue_issue_client(c, code, priority, NULL, NULL, flags, t, est,
	    e);
}

int
queue_issue_client(struct ctx *c, const char *code, int priority,
    const char *category, const char *account, int flags, struct ticket *t,
    struct estimate *est,
    struct err *e)
{
	return q_issue(c, code, priority, category, account, flags, 0, 0, t,
	    est, e);
}

int
queue_issue_booked(struct ctx *c, const char *service, const char *account,
    int64_t booking_id, time_t booked_at, struct ticket *t,
    struct estimate *est, struct err *e)
{
	if (booking_id <= 0 || booked_at <= 0)
		return err_set(e, OKNO_EINVAL, _("no such booking"));
	return q_issue(c, service, 0, NULL, account, 0, booking_id,
	    booked_at, t, est, e);
}

/*
 * queue_issue_client and queue_issue_booked: booking_id and booked_at are
 * 0 for a walk-in; a booked ticket skips the hours (its check-in window,
 * booking_arrive, decides) and marks its booking arrived.
 */
static int
q_issue(struct ctx *c, const char *code, int priority, const char *category,
    const char *account, int flags, int64_t booking_id, time_t booked_at,
    struct ticket *t, struct estimate *est, struct err *e)
{
	const struct config_service *svc;
	struct stmt *st = NULL;
	char day[16], catnote[64];
	const char *note;
	int seq = 0, rc, r, forced = 0;

	memset(t, 0, sizeof *t);
	if ((svc = config_service(c->cfg, code)) == NULL)
		return err_set(e, OKNO_ENOENT, _("no service '%s' in the "
		    "configuration"), code);
	if (visit_account_check(c->cfg, account, e) != OKNO_OK)
		return e->code;
	if (c->who->role == ROLE_AUDITOR)
		return err_set(e, OKNO_EPERM,
		    _("an auditor may not change the queue"));
	if (category != NULL && *category == '\0')
		category = NULL;
	if (category != NULL && config_priority(c->cfg, category) == NULL)
		return err_set(e, OKNO_EINVAL, _("no priority category '%s' "
		    "in the configuration"), category);
	/*
	 * Priority is staff's decision (a privileged client shows papers),
	 * never the client's own choice at the terminal, except a
	 * configured category the client declares there (SPEC: chosen at
	 * the kiosk); a supervisor may take it back (queue_priority).
	 */
	if (category != NULL)
		priority = 1;
	else if (priority && c->who->role == ROLE_KIOSK)
		return err_set(e, OKNO_EPERM, _("only staff may issue a "
		    "priority ticket"));
	/*
	 * Outside the hours only staff may issue, and only on purpose:
	 * serving the people already in the hall.  The issued event says
	 * so (forced_note) for whoever reads the log later.
	 */
	if (booking_id == 0 && !hours_is_open(c->cfg, c->now,
	    config_service_index(c->cfg, code), NULL)) {
		if (!(flags & QUEUE_ISSUE_FORCE))
			return hours_check_issue(c->cfg, c->now,
			    config_service_index(c->cfg, code), e);
		if (c->who->role == ROLE_KIOSK)
			return err_set(e, OKNO_EPERM, _("only staff may issue "
			    "a ticket outside the opening hours"));
		forced = 1;
	}
	if ((rc = q_begin(c, e)) != OKNO_OK)
		return rc;
	/* Inside the transaction and before the insert: the estimate sees
	 * exactly the people before this ticket. */
	if (est != NULL && (rc = queue_estimate(c,
	    config_service_index(c->cfg, code), priority, est, e)) != OKNO_OK)
		goto out;
	time_format_date(c->now, day, sizeof day);
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "SELECT coalesce(max(seq), 0) + 1"
	    " FROM tickets WHERE day = :day AND prefix = :p") != 0)
		goto out;
	db_bind_text(st, ":day", day);
	db_bind_text(st, ":p", svc->prefix);
	if ((r = db_step(st, e)) == DB_ERROR)
		goto out;
	seq = (int)db_col_int(st, 0);
	db_finalize(st);
	st = NULL;
	snprintf(t->number, sizeof t->number, "%s%03d", svc->prefix, seq);
	if (db_prepare(c->db, &st, e, "INSERT INTO tickets (day, prefix, seq,"
	    " number, service, priority, issued_at, status, wait_since,"
	    " updated_at, category, account, booking_id, booked_at)"
	    " VALUES (:day, :p, :seq, :num, :svc, :prio, :now, 'waiting', :now,"
	    " :now, :cat, :acc, :bid, :bat)") != 0)
		goto out;
	db_bind_opt_int(st, ":bid", booking_id);
	db_bind_opt_int(st, ":bat", booked_at);
	db_bind_text(st, ":cat", category);
	db_bind_text(st, ":day", day);
	db_bind_text(st, ":p", svc->prefix);
	db_bind_int(st, ":seq", seq);
	db_bind_text(st, ":num", t->number);
	db_bind_text(st, ":svc", svc->code);
	db_bind_int(st, ":prio", priority ? 1 : 0);
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":acc", account != NULL && *account ? account : NULL);
	r = db_run(st, e);
	st = NULL;
	if (r != OKNO_OK)
		goto out;
	t->id = db_last_id(c->db);
	strlcpy_(t->service, svc->code, sizeof t->service);
	t->priority = priority ? 1 : 0;
	t->issued_at = c->now;
	t->status = TICKET_WAITING;
	t->booking_id = booking_id;
	t->booked_at = booked_at;
	if (booking_id != 0 && (rc = booking_arrive(c, booking_id, t->id,
	    e)) != OKNO_OK)
		goto out;
	rc = OKNO_EDB;
	if (category != NULL)
		strlcpy_(t->category, category, sizeof t->category);
	if (forced)
		note = priority ? "priority; " QUEUE_FORCED_NOTE :
		    QUEUE_FORCED_NOTE;
	else
		note = priority ? "priority" : booking_id != 0 ? "booking" :
		    NULL;
	/* The category follows "priority": "priority disabled[; forced]". */
	if (category != NULL) {
		snprintf(catnote, sizeof catnote, "priority %s%s%s", category,
		    forced ? "; " : "", forced ? QUEUE_FORCED_NOTE : "");
		note = catnote;
	}
	if (q_event(c, t->id, c->now, "issued", 0, c->who->login, svc->code,
	    note, e) != OKNO_OK)
		goto out;
	rc = OKNO_OK;
out:
	db_finalize(st);
	return q_end(c, rc, e);
}

/*
 * Which waiting tickets window :w may call (Q_CALL_ELIGIBLE): any, except
 * a postponed ticket that came back (back_to, its wait restarted at
 * wait_since) is kept for the window that postponed it while that window
 * is open (not closed, not paused), for queue.return_grace minutes
 * (:grace, seconds) after its return.  Their order is QUEUE_ORDER_SQL
 * (queue-int.h), the one statement of the call order.
 */
#define Q_CALL_ELIGIBLE \
	"(back_to IS NULL OR back_to = :w OR wait_since <= :now - :grace" \
	" OR back_to NOT IN (SELECT number FROM windows WHERE state = 'open'))"

/*
 * Candidate next ticket of one service for window: the partial index
 * tickets_open answers this with one seek.  The IN term repeats the
 * index's WHERE so SQLite may use it.
 */
static int
q_next_of(struct ctx *c, int window, const char *service, struct ticket *t,
    int *found, struct err *e)
{
	struct stmt *st;
	int r;

	*found = 0;
	if (db_prepare(c->db, &st, e, "SELECT " TICKET_COLS " FROM tickets"
	    " INDEXED BY tickets_open WHERE status IN ('waiting', 'postponed')"
	    " AND service = :s AND status = 'waiting' AND " Q_CALL_ELIGIBLE
	    QUEUE_ORDER_SQL " LIMIT 1") != 0)
		return e->code;
	db_bind_text(st, ":s", service);
	db_bind_int(st, ":w", window);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":grace", (int64_t)c->cfg->return_grace * 60);
	queue_fair_bind(c, st);
	r = db_step(st, e);
	if (r == DB_ROW) {
		q_ticket_read(st, t);
		*found = 1;
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/* The call order's rule is stated in queue-int.h (QUEUE_ORDER_SQL). */
static time_t
q_fair_before(const struct ctx *c)
{
	return c->now - (time_t)c->cfg->fair_after * 60;
}

void
queue_fair_bind(const struct ctx *c, struct stmt *st)
{
	if (c->cfg->fair_after > 0)
		db_bind_int(st, ":fair_before", q_fair_before(c));
	else
		db_bind_null(st, ":fair_before");
}

int
queue_ranked(const struct ctx *c, const struct ticket *t)
{
	return t->priority || (c->cfg->fair_after > 0 &&
	    t->issued_at <= q_fair_before(c));
}

int
queue_booked_due(const struct ctx *c, const struct ticket *t)
{
	return t->booked_at > 0 && t->booked_at <= c->now;
}

int
queue_before(const struct ctx *c, const struct ticket *a,
    const struct ticket *b)
{
	int ra = queue_ranked(c, a), rb = queue_ranked(c, b);
	int ba = queue_booked_due(c, a), bb = queue_booked_due(c, b);

	if (ba != bb)
		return ba > bb;
	if (ba && a->booked_at != b->booked_at)
		return a->booked_at < b->booked_at;
	if (ra != rb)
		return ra > rb;
	if (a->issued_at != b->issued_at)
		return a->issued_at < b->issued_at;
	return a->id < b->id;
}

/* Finishes window's current ticket, if any, inside a transaction. */
static int
q_finish_current(struct ctx *c, int window, const struct q_win *w,
    const char *status, const char *event, struct ticket *t, struct err *e)
{
	int rc;

	if ((rc = q_current(c, window, t, e)) != OKNO_OK)
		return rc;
	if (q_leave_service(c, t, status, t->service, 1, e) != OKNO_OK)
		return e->code;
	/* A booked client's visit ends: the booking is served.  A no-show
	 * leaves it arrived (okno(1), Bookings). */
	if (strcmp(status, "finished") == 0 && t->booking_id != 0 &&
	    booking_ticket_finished(c, t->id, e) != OKNO_OK)
		return e->code;
	t->status = ticket_status_parse(status);
	return q_event(c, t->id, c->now, event, window, q_manager(c, w),
	    t->service, NULL, e);
}

/* Why a window in okno's lunch pause does not call, for people. */
static void
q_lunch_msg(char *buf, size_t size, int window, const struct q_win *w)
{
	char hm[8];
	struct tm tm;

	localtime_r(&w->lunch_until, &tm);
	strftime(hm, sizeof hm, "%H:%M", &tm);
	snprintf(buf, size, _("window %d is on its lunch break until %s; "
	    "resume it to call"), window, hm);
}

static int
q_paused_err(int window, const struct q_win *w, struct err *e)
{
	char msg[160];

	if (w->lunch_until == 0)
		return err_set(e, OKNO_ESTATE, _("window %d is paused; resume "
		    "it first"), window);
	q_lunch_msg(msg, sizeof msg, window, w);
	return err_set(e, OKNO_ESTATE, "%s", msg);
}

int
queue_call(struct ctx *c, int window, struct ticket *t, struct err *e)
{
	return queue_call_number(c, window, NULL, t, e);
}

/*
 * The ticket number (today's) if it waits for a service of window:
 * OKNO_OK, else OKNO_NONE saying why.  Inside the call's transaction.
 */
static int
q_pick_number(struct ctx *c, int window, const char *number,
    struct ticket *t, struct err *e)
{
	const struct config_window *cw = config_window(c->cfg, window);
	int rc;

	if ((rc = queue_ticket_by_number(c, number, t, e)) != OKNO_OK) {
		if (rc != OKNO_ENOENT)
			return rc;
		return err_set(e, OKNO_NONE, _("no ticket %s today"), number);
	}
	if (t->status != TICKET_WAITING)
		return err_set(e, OKNO_NONE, _("ticket %s is %s, not "
		    "waiting"), t->number, ticket_status_name(t->status));
	for (size_t i = 0; i < cw->nservices; i++)
		if (strcmp(c->cfg->services[cw->services[i]].code,
		    t->service) == 0)
			return OKNO_OK;
	return err_set(e, OKNO_NONE, _("ticket %s waits for '%s', which "
	    "window %d does not serve"), t->number, t->service, window);
}

int
queue_call_number(struct ctx *c, int window, const char *number,
    struct ticket *t, struct err *e)
{
	const struct config_window *cw;
	struct ticket cand, prev;
	struct stmt *st = NULL;
	struct q_win w;
	char note[96];
	int rc, found, any = 0;

	memset(t, 0, sizeof *t);
	if (number != NULL && auth_may(c->who, AUTH_CONTROL_QUEUE, e) !=
	    OKNO_OK)
		return e->code;
	if ((rc = q_begin(c, e)) != OKNO_OK)
		return rc;
	if ((rc = q_window_get(c, window, &w, e)) != OKNO_OK)
		goto out;
	if ((rc = q_may_act(c, window, w.manager, e)) != OKNO_OK)
		goto out;
	if (w.state == QW_PAUSED) {
		rc = q_paused_err(window, &w, e);
		goto out;
	}
	if (w.state == QW_CLOSED) {
		const char *m = c->who->role == ROLE_MANAGER ?
		    c->who->login : NULL;

		if ((rc = q_window_set(c, window, "open", m, NULL, e)) != 0 ||
		    (rc = q_window_event(c, window, "opened", m, NULL, NULL,
		    e)) != 0)
			goto out;
		strlcpy_(w.manager, m ? m : "", sizeof w.manager);
		w.state = QW_OPEN;
	}
	/* A call right after the one that brought the current ticket is a
	 * double press: finishing the ticket would drop the client. */
	if ((rc = q_current(c, window, &prev, e)) == OKNO_OK) {
		time_t ago = c->now - prev.called_at;

		/* A clock stepped back a little counts as no time. */
		if (ago < 0 && ago > -QUEUE_CALL_GUARD_S)
			ago = 0;
		if (ago >= 0 && ago < QUEUE_CALL_GUARD_S) {
			rc = err_set(e, OKNO_EAGAIN, _("%s was called %ld s "
			    "ago: call ignored; call again in %ld s"),
			    prev.number, (long)ago,
			    (long)(QUEUE_CALL_GUARD_S - ago));
			goto out;
		}
	} else if (rc != OKNO_NONE)
		goto out;
	/* Out of order: the ticket must be callable before anything
	 * changes (the window's current ticket stays when it is not). */
	if (number != NULL && (rc = q_pick_number(c, window, number, &cand,
	    e)) != OKNO_OK)
		goto out;
	/* A window still serving a ticket finishes it first. */
	rc = q_finish_current(c, window, &w, "finished", "finished", &prev, e);
	if (rc != OKNO_OK && rc != OKNO_NONE)
		goto out;
	/*
	 * The visit that ended may have been all that kept the window from
	 * its lunch: then it pauses, the finish stands, and the call is
	 * refused (the manager may resume the window and call).
	 */
	if (rc == OKNO_OK) {
		if ((rc = queue_lunch_apply(c, window, 1, e)) != OKNO_OK ||
		    (rc = q_window_get(c, window, &w, e)) != OKNO_OK)
			goto out;
		if (w.state == QW_PAUSED) {
			char msg[160];

			if ((rc = q_end(c, OKNO_OK, e)) != OKNO_OK)
				return rc;
			memset(t, 0, sizeof *t);
			q_lunch_msg(msg, sizeof msg, window, &w);
			return err_set(e, OKNO_ESTATE, _("%s finished; %s"),
			    prev.number, msg);
		}
	}
	cw = config_window(c->cfg, window);
	if (number != NULL) {
		*t = cand;
		any = 1;
	}
	for (size_t i = 0; number == NULL && i < cw->nservices; i++) {
		const char *code = c->cfg->services[cw->services[i]].code;

		if ((rc = q_next_of(c, window, code, &cand, &found, e)) !=
		    OKNO_OK)
			goto out;
		if (found && (!any || queue_before(c, &cand, t))) {
			*t = cand;
			any = 1;
		}
	}
	if (!any) {
		rc = err_set(e, OKNO_NONE, _("no ticket waits for window %d"),
		    window);
		goto out;
	}
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "UPDATE tickets SET status = 'called',"
	    " window = :w, manager = :m, called_at = :now, back_to = NULL,"
	    " wait_s = wait_s + max(0, :now - wait_since), wait_since = NULL,"
	    " calls = calls + 1, updated_at = :now WHERE id = :id") != 0)
		goto out;
	db_bind_int(st, ":w", window);
	db_bind_text(st, ":m", q_manager(c, &w));
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", t->id);
	rc = db_run(st, e);
	st = NULL;
	if (rc != OKNO_OK)
		goto out;
	t->status = TICKET_CALLED;
	t->window = window;
	t->called_at = c->now;
	strlcpy_(t->manager, q_manager(c, &w) ? q_manager(c, &w) : "",
	    sizeof t->manager);
	/* Who ordered an out-of-order call is in its note. */
	if (number != NULL)
		snprintf(note, sizeof note, "out of order%s%s",
		    c->who->login ? " by " : "", c->who->login ?
		    c->who->login : "");
	rc = q_event(c, t->id, c->now, "called", window, q_manager(c, &w),
	    t->service, number != NULL ? note : NULL, e);
out:
	db_finalize(st);
	return q_end(c, rc, e);
}

/* A postponed ticket comes back to window (Q_CALL_ELIGIBLE). */
static int
q_back_to(struct ctx *c, int64_t id, int window, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "UPDATE tickets SET back_to = :w"
	    " WHERE id = :id") != 0)
		return e->code;
	db_bind_int(st, ":w", window);
	db_bind_int(st, ":id", id);
	return db_run(st, e);
}

/* Common frame of the actions on a window's current ticket. */
enum q_action { QA_RECALL, QA_NOSHOW, QA_TRANSFER, QA_POSTPONE };

static int
q_act(struct ctx *c, int window, enum q_action a, const char *service,
    int minutes, struct ticket *t, struct err *e)
{
	const struct config_service *svc = NULL;
	struct q_win w;
	char note[32];
	int rc;

	memset(t, 0, sizeof *t);
	if (a == QA_TRANSFER && (svc = config_service(c->cfg, service)) ==
	    NULL)
		return err_set(e, OKNO_ENOENT, _("no service '%s' in the "
		    "configuration"), service);
	if (a == QA_POSTPONE && (minutes < 1 || minutes > QUEUE_POSTPONE_MAX))
		return err_set(e, OKNO_EINVAL, _("postpone for 1 to %d "
		    "minutes, not %d"), QUEUE_POSTPONE_MAX, minutes);
	if ((rc = q_begin(c, e)) != OKNO_OK)
		return rc;
	if ((rc = q_window_get(c, window, &w, e)) != OKNO_OK ||
	    (rc = q_may_act(c, window, w.manager, e)) != OKNO_OK ||
	    (rc = q_current(c, window, t, e)) != OKNO_OK)
		goto out;
	switch (a) {
	case QA_RECALL:
		rc = q_event(c, t->id, c->now, "recalled", window,
		    q_manager(c, &w), t->service, NULL, e);
		if (rc == OKNO_OK) {
			/* The board orders calls by time: bump it. */
			struct stmt *st;

			if ((rc = db_prepare(c->db, &st, e, "UPDATE tickets"
			    " SET updated_at = :now WHERE id = :id")) != 0)
				break;
			db_bind_int(st, ":now", c->now);
			db_bind_int(st, ":id", t->id);
			rc = db_run(st, e);
		}
		break;
	case QA_NOSHOW:
		rc = q_finish_current(c, window, &w, "noshow", "noshow", t, e);
		break;
	case QA_TRANSFER:
		if (strcmp(svc->code, t->service) == 0) {
			rc = err_set(e, OKNO_EINVAL, _("ticket %s is already "
			    "in service '%s'"), t->number, svc->code);
			break;
		}
		if ((rc = q_leave_service(c, t, "waiting", svc->code, 0, e)) !=
		    OKNO_OK)
			break;
		strlcpy_(t->service, svc->code, sizeof t->service);
		t->status = TICKET_WAITING;
		t->window = 0;
		rc = q_event(c, t->id, c->now, "transferred", window,
		    q_manager(c, &w), svc->code, NULL, e);
		break;
	case QA_POSTPONE:
		t->return_at = c->now + (time_t)minutes * 60;
		if ((rc = q_leave_service(c, t, "postponed", t->service, 0,
		    e)) != OKNO_OK)
			break;
		t->status = TICKET_POSTPONED;
		t->window = 0;
		if ((rc = q_back_to(c, t->id, window, e)) != OKNO_OK)
			break;
		snprintf(note, sizeof note, "%d min", minutes);
		rc = q_event(c, t->id, c->now, "postponed", window,
		    q_manager(c, &w), t->service, note, e);
		break;
	}
	/* The visit ended: a lunch waiting for it starts now. */
	if (rc == OKNO_OK && a != QA_RECALL)
		rc = queue_lunch_apply(c, window, 1, e);
out:
	return q_end(c, rc, e);
}

int
queue_recall(struct ctx *c, int window, struct ticket *t, struct err *e)
{
	return q_act(c, window, QA_RECALL, NULL, 0, t, e);
}

int
queue_finish(struct ctx *c, int window, struct ticket *t, struct err *e)
{
	return queue_finish_visit(c, window, NULL, t, e);
}

/*
 * q_act's finish with the visit's account, outcomes and resolved stored
 * first (visit.c), in the same transaction: a refused outcome leaves the
 * visit in service.
 */
int
queue_finish_visit(struct ctx *c, int window, const struct visit_close *vc,
    struct ticket *t, struct err *e)
{
	struct q_win w;
	int rc;

	memset(t, 0, sizeof *t);
	if (visit_close_check(c->cfg, vc, e) != OKNO_OK)
		return e->code;
	if ((rc = q_begin(c, e)) != OKNO_OK)
		return rc;
	if ((rc = q_window_get(c, window, &w, e)) != OKNO_OK ||
	    (rc = q_may_act(c, window, w.manager, e)) != OKNO_OK ||
	    (rc = q_current(c, window, t, e)) != OKNO_OK ||
	    (rc = visit_close_store(c, t->id, t->service, vc, e)) != OKNO_OK ||
	    (rc = q_finish_current(c, window, &w, "finished", "finished", t,
	    e)) != OKNO_OK)
		goto out;
	/* The visit ended: a lunch waiting for it starts now. */
	rc = queue_lunch_apply(c, window, 1, e);
out:
	return q_end(c, rc, e);
}

int
queue_noshow(struct ctx *c, int window, struct ticket *t, struct err *e)
{
	return q_act(c, window, QA_NOSHOW, NULL, 0, t, e);
}

int
queue_transfer(struct ctx *c, int window, const char *service,
    struct ticket *t, struct err *e)
{
	return q_act(c, window, QA_TRANSFER, service, 0, t, e);
}

int
queue_postpone(struct ctx *c, int window, int minutes, struct ticket *t,
    struct err *e)
{
	return q_act(c, window, QA_POSTPONE, NULL, minutes, t, e);
}

/*
 * Undo: the window's last step, when it is a finish or a no-show no older
 * than queue.undo minutes, is taken back.  The last step is the latest of
 * the window's own ticket events; a call since (the window's next ticket)
 * makes it a call, so a window that has moved on has nothing to undo.
 * The ticket is in service at the window again with its manager; its
 * service resumes at the undo (the time between is neither wait nor
 * service, as for the window it was idle).  The log keeps the finish or
 * no-show and adds 'undone' after it, its note naming the step.
 */
int
queue_undo(struct ctx *c, int window, struct ticket *t, struct err *e)
{
	struct stmt *st = NULL;
	struct q_win w;
	struct ticket cur;
	char step[16];
	int64_t id = 0;
	int rc, r;

	memset(t, 0, sizeof *t);
	if (c->cfg->undo_min <= 0)
		return err_set(e, OKNO_NONE, _("undo is off (queue.undo = 0)"));
	if ((rc = q_begin(c, e)) != OKNO_OK)
		return rc;
	if ((rc = q_window_get(c, window, &w, e)) != OKNO_OK ||
	    (rc = q_may_act(c, window, w.manager, e)) != OKNO_OK)
		goto out;
	if ((rc = q_current(c, window, &cur, e)) == OKNO_OK) {
		rc = err_set(e, OKNO_NONE, _("window %d serves %s: nothing to "
		    "undo"), window, cur.number);
		goto out;
	} else if (rc != OKNO_NONE)
		goto out;
	if (w.state == QW_PAUSED) {
		rc = q_paused_err(window, &w, e);
		goto out;
	}
	if (w.state == QW_CLOSED) {
		rc = err_set(e, OKNO_NONE, _("window %d is closed: nothing to "
		    "undo"), window);
		goto out;
	}
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "SELECT ticket_id, event FROM"
	    " ticket_events INDEXED BY ticket_events_at WHERE at >= :since"
	    " AND window = :w AND event IN ('called', 'recalled', 'finished',"
	    " 'noshow', 'transferred', 'postponed', 'undone')"
	    " ORDER BY at DESC, id DESC LIMIT 1") != 0)
		goto out;
	db_bind_int(st, ":since", c->now - (time_t)c->cfg->undo_min * 60);
	db_bind_int(st, ":w", window);
	step[0] = '\0';
	if ((r = db_step(st, e)) == DB_ROW) {
		id = db_col_int(st, 0);
		strlcpy_(step, db_col_text(st, 1), sizeof step);
	}
	db_finalize(st);
	st = NULL;
	if (r == DB_ERROR)
		goto out;
	if (strcmp(step, "finished") != 0 && strcmp(step, "noshow") != 0) {
		rc = err_set(e, OKNO_NONE, _("nothing to undo at window %d: "
		    "only a finish or a no-show of the last %d min, before "
		    "the next call"), window, c->cfg->undo_min);
		goto out;
	}
	if (db_prepare(c->db, &st, e, "SELECT " TICKET_COLS " FROM tickets"
	    " WHERE id = :id AND status = :st") != 0)
		goto out;
	db_bind_int(st, ":id", id);
	db_bind_text(st, ":st", step);
	if ((r = db_step(st, e)) == DB_ROW)
		q_ticket_read(st, t);
	db_finalize(st);
	st = NULL;
	if (r == DB_ERROR)
		goto out;
	if (r == DB_DONE) {
		rc = err_set(e, OKNO_NONE, _("nothing to undo at window %d"),
		    window);
		goto out;
	}
	if (db_prepare(c->db, &st, e, "UPDATE tickets SET status = 'called',"
	    " window = :w, called_at = :now, closed_at = NULL,"
	    " updated_at = :now WHERE id = :id") != 0)
		goto out;
	db_bind_int(st, ":w", window);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", t->id);
	rc = db_run(st, e);
	st = NULL;
	if (rc != OKNO_OK)
		goto out;
	t->status = TICKET_CALLED;
	t->window = window;
	t->called_at = c->now;
	if (strcmp(step, "finished") == 0 && t->booking_id != 0 &&
	    (rc = booking_ticket_reopened(c, t->id, e)) != OKNO_OK)
		goto out;
	rc = q_event(c, t->id, c->now, "undone", window, q_manager(c, &w),
	    t->service, step, e);
out:
	db_finalize(st);
	return q_end(c, rc, e);
}

int
queue_postponed(struct ctx *c, int window, struct queue_away *away,
    size_t max, size_t *n, struct err *e)
{
	struct stmt *st;
	int r;

	*n = 0;
	if (db_prepare(c->db, &st, e, "SELECT number, coalesce(return_at, 0)"
	    " FROM tickets INDEXED BY tickets_open"
	    " WHERE status IN ('waiting', 'postponed') AND status = 'postponed'"
	    " AND back_to = :w ORDER BY return_at, id") != 0)
		return e->code;
	db_bind_int(st, ":w", window);
	while ((r = db_step(st, e)) == DB_ROW) {
		if (*n < max) {
			strlcpy_(away[*n].number, db_col_text(st, 0),
			    sizeof away[*n].number);
			away[*n].return_at = (time_t)db_col_int(st, 1);
		}
		(*n)++;
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/* Window sessions: open, close, pause, resume. */
enum q_wop { QW_OP_OPEN, QW_OP_CLOSE, QW_OP_PAUSE, QW_OP_RESUME };

/*
 * Console sessions.  A console that opens a window records its process
 * (windows.pid); every okno runs on the office's one machine beside the
 * database (SPEC, Architecture), so whether that process lives is known
 * here.  A live console holds its window: the same manager's second
 * console is refused, at that window or another (one manager, one
 * window).  A dead one (a terminal killed, a crash) holds nothing: its
 * window passes to whoever opens it next, and the manager's window there
 * closes when nobody is in service, so nobody is locked out.
 */
static int
q_pid_alive(long pid)
{
	if (pid <= 0)
		return 0;
	if (kill((pid_t)pid, 0) == 0)
		return 1;
	return errno == EPERM;
}

/* Closes window, left by a console that died (nothing in service). */
static int
q_session_lost(struct ctx *c, int window, const char *manager,
    struct err *e)
{
	if (q_window_set(c, window, "closed", NULL, NULL, e) != OKNO_OK ||
	    q_window_event(c, window, "closed", manager, "session lost", NULL,
	    e) != OKNO_OK)
		return e->code;
	return OKNO_OK;
}

/*
 * Before console pid of login opens window (w, read): refuses a second
 * live console of the same manager, and lets go what dead consoles held.
 */
static int
q_session_check(struct ctx *c, int window, struct q_win *w,
    const char *login, long pid, struct err *e)
{
	struct stmt *st;
	struct ticket t;
	int r, n = 0, nums[64], rc;
	long pids[64];
	char since[8];
	time_t at[64];

	if (w->state != QW_CLOSED && w->pid > 0 && w->pid != pid &&
	    w->manager[0] != '\0') {
		if (q_pid_alive(w->pid)) {
			if (strcmp(w->manager, login) == 0)
				return err_set(e, OKNO_ESTATE, _("window %d is "
				    "already open in another console of %s"),
				    window, login);
		} else {
			/* The holder's console is gone: the window is
			 * free to take, its ticket (if any) with it. */
			if (q_window_event(c, window, "closed", w->manager,
			    "session lost", NULL, e) != OKNO_OK)
				return e->code;
			w->manager[0] = '\0';
			w->state = QW_CLOSED;
		}
	}
	if (c->who->role != ROLE_MANAGER)
		return OKNO_OK;
	if (db_prepare(c->db, &st, e, "SELECT number, coalesce(pid, 0),"
	    " coalesce(since, 0) FROM windows WHERE manager = :m"
	    " AND state <> 'closed' AND number <> :w AND pid IS NOT NULL") != 0)
		return e->code;
	db_bind_text(st, ":m", login);
	db_bind_int(st, ":w", window);
	while ((r = db_step(st, e)) == DB_ROW && n < (int)nitems(nums)) {
		nums[n] = (int)db_col_int(st, 0);
		pids[n] = (long)db_col_int(st, 1);
		at[n] = (time_t)db_col_int(st, 2);
		n++;
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	for (int i = 0; i < n; i++) {
		if (pids[i] == pid)
			continue;
		if (q_pid_alive(pids[i])) {
			struct tm tm;

			localtime_r(&at[i], &tm);
			strftime(since, sizeof since, "%H:%M", &tm);
			return err_set(e, OKNO_ESTATE, _("%s already works at "
			    "window %d (since %s): leave it there first (F10)"),
			    login, nums[i], since);
		}
		rc = q_current(c, nums[i], &t, e);
		if (rc == OKNO_NONE) {
			err_clear(e);
			if ((rc = q_session_lost(c, nums[i], login, e)) !=
			    OKNO_OK)
				return rc;
		} else if (rc != OKNO_OK)
			return rc;
	}
	return OKNO_OK;
}

/* Records the console that holds window. */
static int
q_window_pid(struct ctx *c, int window, long pid, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "UPDATE windows SET pid = :p"
	    " WHERE number = :w") != 0)
		return e->code;
	db_bind_int(st, ":p", pid);
	db_bind_int(st, ":w", window);
	return db_run(st, e);
}

/*
 * A pause's reason: with pause_reasons configured one of their codes
 * (OKNO_EINVAL naming them all, on one line), else any short text.
 */
static int
q_pause_reason(const struct config *cfg, const char *reason, struct err *e)
{
	char list[512];
	size_t n = 0;

	if (reason == NULL || *reason == '\0')
		return err_set(e, OKNO_EINVAL, _("a pause needs a reason"));
	if (cfg->npause_reasons == 0 || config_pause_reason(cfg, reason) !=
	    NULL)
		return text_check(reason, 64, 0, _("reason"), e);
	list[0] = '\0';
	for (size_t i = 0; i < cfg->npause_reasons; i++)
		n += (size_t)snprintf(list + n, n < sizeof list ?
		    sizeof list - n : 0, "%s%s", i ? ", " : "",
		    cfg->pause_reasons[i].code);
	return err_set(e, OKNO_EINVAL, _("unknown pause reason '%s'; the "
	    "reasons are: %s"), reason, list);
}

/* pid: the console opening the window (QW_OP_OPEN); 0 otherwise. */
static int
q_window_op(struct ctx *c, int window, enum q_wop op, const char *arg,
    const char *note, long pid, struct err *e)
{
	struct ticket t;
	struct q_win w;
	const char *m;
	int rc;

	if (op == QW_OP_PAUSE) {
		if (q_pause_reason(c->cfg, arg, e) != OKNO_OK ||
		    (note != NULL && text_check(note, QUEUE_NOTE_MAX, 0,
		    _("note"), e) != OKNO_OK))
			return e->code;
	} else if (arg != NULL && text_check(arg, 64, 0, _("manager"), e) !=
	    OKNO_OK)
		return e->code;
	if ((rc = q_begin(c, e)) != OKNO_OK)
		return rc;
	if ((rc = q_window_get(c, window, &w, e)) != OKNO_OK)
		goto out;
	if (op == QW_OP_OPEN && pid > 0 && (rc = q_session_check(c, window,
	    &w, c->who->role == ROLE_MANAGER ? c->who->login : arg, pid,
	    e)) != OKNO_OK)
		goto out;
	if ((rc = q_may_act(c, window, w.manager, e)) != OKNO_OK)
		goto out;
	m = q_manager(c, &w);
	rc = q_current(c, window, &t, e);
	if (rc != OKNO_OK && rc != OKNO_NONE)
		goto out;
	if (rc == OKNO_OK && (op == QW_OP_CLOSE || op == QW_OP_PAUSE)) {
		rc = err_set(e, OKNO_ESTATE, _("window %d still serves %s; "
		    "finish it first"), window, t.number);
		goto out;
	}
	err_clear(e);
	switch (op) {
	case QW_OP_OPEN:
		m = c->who->role == ROLE_MANAGER ? c->who->login : arg;
		/* Its own manager logging in at lunch finds it at lunch. */
		if ((w.state == QW_OPEN || (w.state == QW_PAUSED &&
		    w.lunch_until != 0)) && (m == NULL ||
		    strcmp(m, w.manager) == 0)) {
			rc = OKNO_OK;
			break;
		}
		/* The command line names the manager: a real one. */
		if (c->who->role == ROLE_SYSTEM && m != NULL &&
		    (rc = auth_staff_check(c, m, e)) != OKNO_OK)
			break;
		/*
		 * From the command line another manager's window is not
		 * handed over by a typo: close it first.  (A supervisor at
		 * the terminal takes a window over on purpose; a manager
		 * cannot, see q_may_act.)
		 */
		if (c->who->role == ROLE_SYSTEM && w.state != QW_CLOSED &&
		    w.manager[0] != '\0' && m != NULL &&
		    strcmp(m, w.manager) != 0) {
			rc = err_set(e, OKNO_ESTATE, _("window %d is open for "
			    "%s; close it first (okno window close %d)"), window,
			    w.manager, window);
			break;
		}
		if ((rc = q_window_set(c, window, "open", m, NULL, e)) == 0)
			rc = q_window_event(c, window, "opened", m, NULL,
			    NULL, e);
		break;
	case QW_OP_CLOSE:
		if (w.state == QW_CLOSED) {
			rc = OKNO_OK;
			break;
		}
		if ((rc = q_window_set(c, window, "closed", NULL, NULL, e)) ==
		    0)
			rc = q_window_event(c, window, "closed", m, NULL,
			    NULL, e);
		break;
	case QW_OP_PAUSE:
		if (w.state == QW_PAUSED) {
			rc = err_set(e, OKNO_ESTATE, _("window %d is already "
			    "paused"), window);
			break;
		}
		if ((rc = q_window_set(c, window, "paused", m, arg, e)) == 0 &&
		    (rc = q_window_note(c, window, note, e)) == 0)
			rc = q_window_event(c, window, "paused", m, arg,
			    note, e);
		break;
	case QW_OP_RESUME:
		if (w.state != QW_PAUSED) {
			rc = err_set(e, OKNO_ESTATE, _("window %d is not "
			    "paused"), window);
			break;
		}
		if ((rc = q_window_set(c, window, "open", m, NULL, e)) == 0)
			rc = q_window_event(c, window, "resumed", m, NULL,
			    NULL, e);
		break;
	}
	if (rc == OKNO_OK && op == QW_OP_OPEN && pid > 0)
		rc = q_window_pid(c, window, pid, e);
out:
	return q_end(c, rc, e);
}

int
queue_window_open(struct ctx *c, int window, const char *manager,
    struct err *e)
{
	return q_window_op(c, window, QW_OP_OPEN, manager, NULL, 0, e);
}

int
queue_window_console(struct ctx *c, int window, const char *manager,
    long pid, struct err *e)
{
	return q_window_op(c, window, QW_OP_OPEN, manager, NULL, pid, e);
}

int
queue_window_close(struct ctx *c, int window, struct err *e)
{
	return q_window_op(c, window, QW_OP_CLOSE, NULL, NULL, 0, e);
}

int
queue_window_pause(struct ctx *c, int window, const char *reason,
    struct err *e)
{
	return q_window_op(c, window, QW_OP_PAUSE, reason, NULL, 0, e);
}

int
queue_window_pause_note(struct ctx *c, int window, const char *reason,
    const char *note, struct err *e)
{
	return q_window_op(c, window, QW_OP_PAUSE, reason, note, 0, e);
}

int
queue_window_resume(struct ctx *c, int window, struct err *e)
{
	return q_window_op(c, window, QW_OP_RESUME, NULL, NULL, 0, e);
}

int
queue_close_day(struct ctx *c, int *cancelled, struct err *e)
{
	struct stmt *st = NULL, *up = NULL;
	int rc, r;

	*cancelled = 0;
	if (c->who->role != ROLE_SYSTEM && c->who->role != ROLE_SUPERVISOR)
		return err_set(e, OKNO_EPERM, _("only a supervisor may close "
		    "the day"));
	if ((rc = q_begin(c, e)) != OKNO_OK)
		return rc;
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "SELECT id, service,"
	    " coalesce(window, 0) FROM tickets"
	    " WHERE status IN ('waiting', 'postponed')") != 0 ||
	    db_prepare(c->db, &up, e, "UPDATE tickets SET status = 'cancelled',"
	    " wait_since = NULL, return_at = NULL, closed_at = :now,"
	    " updated_at = :now WHERE id = :id") != 0)
		goto out;
	while ((r = db_step(st, e)) == DB_ROW) {
		db_reset(up);
		db_bind_int(up, ":now", c->now);
		db_bind_int(up, ":id", db_col_int(st, 0));
		if (db_step(up, e) == DB_ERROR ||
		    q_event(c, db_col_int(st, 0), c->now, "cancelled",
		    (int)db_col_int(st, 2), c->who->login, db_col_text(st, 1),
		    "day closed", e) != OKNO_OK)
			goto out;
		(*cancelled)++;
	}
	if (r == DB_ERROR)
		goto out;
	db_finalize(st);
	st = NULL;
	/* Windows with nobody in service close; a serving one stays. */
	if (db_prepare(c->db, &st, e, "SELECT number FROM windows WHERE"
	    " state <> 'closed' AND number NOT IN (SELECT window FROM tickets"
	    " WHERE status = 'called')") != 0)
		goto out;
	while ((r = db_step(st, e)) == DB_ROW) {
		int n = (int)db_col_int(st, 0);

		if (q_window_set(c, n, "closed", NULL, NULL, e) != OKNO_OK ||
		    q_window_event(c, n, "closed", c->who->login, "day closed",
		    NULL, e) != OKNO_OK)
			goto out;
	}
	if (r == DB_ERROR)
		goto out;
	rc = OKNO_OK;
out:
	db_finalize(up);
	db_finalize(st);
	return q_end(c, rc, e);
}

int
queue_window(struct ctx *c, int window, struct window_info *wi,
    struct err *e)
{
	struct stmt *st;
	char today[16];
	int r, rc;

	memset(wi, 0, sizeof *wi);
	wi->number = window;
	wi->state = WINDOW_CLOSED;
	if (db_prepare(c->db, &st, e, "SELECT state, coalesce(manager, ''),"
	    " coalesce(reason, ''), coalesce(since, 0), coalesce(note, ''),"
	    " coalesce(lunch_until, 0), coalesce(lunch_day = :today, 0)"
	    " FROM windows WHERE number = :w") != 0)
		return e->code;
	time_format_date(c->now, today, sizeof today);
	db_bind_text(st, ":today", today);
	db_bind_int(st, ":w", window);
	if ((r = db_step(st, e)) == DB_ROW) {
		const char *s = db_col_text(st, 0);

		wi->state = strcmp(s, "open") == 0 ? WINDOW_FREE :
		    strcmp(s, "paused") == 0 ? WINDOW_PAUSED : WINDOW_CLOSED;
		strlcpy_(wi->manager, db_col_text(st, 1), sizeof wi->manager);
		strlcpy_(wi->reason, db_col_text(st, 2), sizeof wi->reason);
		wi->since = (time_t)db_col_int(st, 3);
		strlcpy_(wi->note, db_col_text(st, 4), sizeof wi->note);
		wi->lunch_until = (time_t)db_col_int(st, 5);
		wi->lunch_done = db_col_int(st, 6) != 0;
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	rc = q_current(c, window, &wi->ticket, e);
	if (rc == OKNO_OK)
		wi->state = WINDOW_SERVING;
	else if (rc != OKNO_NONE)
		return rc;
	err_clear(e);
	return OKNO_OK;
}

int
queue_windows(struct ctx *c, struct window_info *wi, struct err *e)
{
	int rc = OKNO_OK;

	/* One snapshot, so the rows agree with each other. */
	if (db_begin_read(c->db, e) != OKNO_OK)
		return e->code;
	for (size_t i = 0; i < c->cfg->nwindows && rc == OKNO_OK; i++)
		rc = queue_window(c, c->cfg->windows[i].number, &wi[i], e);
	db_rollback(c->db);
	return rc;
}

int
queue_latest_calls(struct ctx *c, struct queue_call *calls, size_t max,
    size_t *n, struct err *e)
{
	struct stmt *st;
	char day[16];
	int y, m, d, r;

	*n = 0;
	time_format_date(c->now, day, sizeof day);
	if (date_parse(day, &y, &m, &d) != 0)
		return err_set(e, OKNO_EINVAL, "bad date %s", day);
	if (db_prepare(c->db, &st, e, "SELECT t.number, e.window, e.at"
	    " FROM ticket_events e INDEXED BY ticket_events_called"
	    " JOIN tickets t ON t.id = e.ticket_id"
	    " WHERE e.event IN ('called', 'recalled') AND e.at >= :from"
	    " AND e.at <= :now ORDER BY e.at DESC, e.id DESC LIMIT :lim") != 0)
		return e->code;
	db_bind_int(st, ":from", date_start(y, m, d));
	db_bind_int(st, ":now", c->now);
	/* A recalled ticket shows once: read more rows than we keep. */
	db_bind_int(st, ":lim", (int64_t)max * 4);
	while ((r = db_step(st, e)) == DB_ROW && *n < max) {
		const char *num = db_col_text(st, 0);
		size_t i;

		for (i = 0; i < *n; i++)
			if (strcmp(calls[i].number, num) == 0)
				break;
		if (i < *n)
			continue;
		strlcpy_(calls[*n].number, num, sizeof calls[*n].number);
		calls[*n].window = (int)db_col_int(st, 1);
		calls[*n].at = (time_t)db_col_int(st, 2);
		(*n)++;
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

int
queue_ticket_by_number(struct ctx *c, const char *number, struct ticket *t,
    struct err *e)
{
	struct stmt *st;
	char day[16];
	int r;

	time_format_date(c->now, day, sizeof day);
	if (db_prepare(c->db, &st, e, "SELECT " TICKET_COLS " FROM tickets"
	    " WHERE day = :day AND number = :n ORDER BY id DESC LIMIT 1") != 0)
		return e->code;
	db_bind_text(st, ":day", day);
	db_bind_text(st, ":n", number);
	r = db_step(st, e);
	if (r == DB_ROW)
		q_ticket_read(st, t);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE)
		return err_set(e, OKNO_ENOENT, _("no ticket %s today"), number);
	return OKNO_OK;
}
