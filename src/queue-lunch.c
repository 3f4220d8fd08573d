/* queue-lunch.c: the windows' scheduled lunch breaks (okno.conf(5), a
 * window's `lunch`), kept without a timer in any process.
 *
 * Every queue transaction starts by bringing the breaks up to date
 * (queue_tx_begin runs queue_lunch_apply), a visit that ends runs it again
 * for its window, and the console runs queue_window_schedule() from its
 * clock tick, which writes only when something is due.  Since every change
 * at a window passes through here first, a window found in some state at
 * or after its break's start has been in it since before the start (or
 * since the change that ran this at that time): so the events can carry
 * the scheduled times, and the reports stay honest however late a process
 * noticed.  The rules, for a window with a lunch, on a day the office is
 * open (hours.h; without hours every day):
 *   - free (open, nobody in service) at the break's start: paused at the
 *     start with reason QUEUE_LUNCH_REASON, resumed at the break's end;
 *   - serving at the start: paused when that visit ends (finish, no-show,
 *     transfer, postpone; a call finishes the visit too and is then
 *     refused), at that moment, and resumed at the end; a visit that
 *     outlasts the break leaves no break that day;
 *   - closed, or paused by a person, at the start: nothing that day; a
 *     person's pause is never ended by okno, nor is a window that opens
 *     during its break paused;
 *   - the automatic pause ends at the break's end only while it is still
 *     that pause (lunch_until set): a manager who resumes, or closes, the
 *     window has taken it over.
 * windows.lunch_day records the day whose break was dealt with, so each
 * happens once a day.
 */
#include <string.h>

#include "hours.h"
#include "queue-int.h"
#include "queue.h"

int
queue_lunch_today(const struct config *cfg, int window, time_t now,
    struct queue_lunch *ql)
{
	const struct config_lunch *l;
	struct hours_day hd;
	char day[16];
	int y, m, d;

	memset(ql, 0, sizeof *ql);
	if ((l = config_window_lunch(cfg, window)) == NULL)
		return 0;
	time_format_date(now, day, sizeof day);
	if (date_parse(day, &y, &m, &d) != 0 ||
	    hours_day(cfg, y, m, d, &hd) != OKNO_OK ||
	    hd.kind == HOURS_CLOSED)
		return 0;
	ql->start = hours_at(y, m, d, l->start);
	ql->end = hours_at(y, m, d, l->end);
	return now < ql->end;
}

/* A window's row as the rules need it. */
struct lrow {
	int	found;
	char	state[16];	/* closed, open, paused */
	char	manager[64];
	time_t	since;
	char	lunch_day[16];
	time_t	lunch_until;	/* 0: none */
	int	serving;	/* a ticket is in service there */
};

/* What is due at a window. */
struct lplan {
	time_t	resume_at;	/* end the automatic pause then; 0: no */
	time_t	pause_at;	/* start the break then; 0: no */
	time_t	pause_end;	/* ... until then */
	int	mark;		/* record today's break as dealt with */
};

static int
l_read(struct ctx *c, int window, struct lrow *r, struct err *e)
{
	struct stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if (db_prepare(c->db, &st, e, "SELECT state, coalesce(manager, ''),"
	    " coalesce(since, 0), coalesce(lunch_day, ''),"
	    " coalesce(lunch_until, 0), EXISTS (SELECT 1 FROM tickets"
	    " INDEXED BY tickets_serving WHERE status = 'called'"
	    " AND window = :w) FROM windows WHERE number = :w") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":w", window);
	if ((rc = db_step(st, e)) == DB_ROW) {
		r->found = 1;
		strlcpy_(r->state, db_col_text(st, 0), sizeof r->state);
		strlcpy_(r->manager, db_col_text(st, 1), sizeof r->manager);
		r->since = (time_t)db_col_int(st, 2);
		strlcpy_(r->lunch_day, db_col_text(st, 3),
		    sizeof r->lunch_day);
		r->lunch_until = (time_t)db_col_int(st, 4);
		r->serving = db_col_int(st, 5) != 0;
	}
	db_finalize(st);
	return rc == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/*
 * The rules above for one window at now; ql: today's break (has: there is
 * one today, ended or not).  Returns 1 when something is due.
 */
static int
l_plan(const struct lrow *r, const char *day, time_t midnight, int has,
    const struct queue_lunch *ql, time_t now, int visit_end,
    struct lplan *p)
{
	int paused = strcmp(r->state, "paused") == 0;
	time_t at;

	memset(p, 0, sizeof *p);
	if (!r->found)
		return 0;
	if (paused && r->lunch_until != 0 && now >= r->lunch_until) {
		p->resume_at = r->lunch_until;
		paused = 0;
	}
	if (!has || now < ql->start || strcmp(r->lunch_day, day) == 0)
		return p->resume_at != 0;
	/* Yesterday's session, about to be closed as stale: not ours. */
	if (strcmp(r->state, "closed") != 0 && r->since < midnight &&
	    p->resume_at == 0)
		return 0;
	if (strcmp(r->state, "closed") == 0 || paused || p->resume_at != 0) {
		/* Closed or a person's pause at the start; or an automatic
		 * pause of an earlier day just ended, which is odd enough
		 * to leave today alone too. */
		p->mark = 1;
		return 1;
	}
	if (r->serving) {
		/* The break waits for the visit, up to its end. */
		if (now >= ql->end)
			p->mark = 1;
		return p->mark;
	}
	at = visit_end ? now : ql->start;
	if (at < r->since)
		at = r->since;	/* a clock that stepped back */
	p->mark = 1;
	if (at < ql->end) {
		p->pause_at = at;
		p->pause_end = ql->end;
		if (now >= ql->end)
			p->resume_at = ql->end;
	}
	return 1;
}

/* Sets the row's state from since; until: the automatic pause's end
 * (0: none, a NULL lunch_until). */
static int
l_set(struct ctx *c, int window, const char *state, const char *reason,
    time_t since, time_t until, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "UPDATE windows SET state = :st,"
	    " reason = :r, note = NULL, since = :since, lunch_until = :until,"
	    " updated_at = :now WHERE number = :w") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":st", state);
	db_bind_text(st, ":r", reason);
	db_bind_int(st, ":since", since);
	db_bind_opt_int(st, ":until", until);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":w", window);
	return db_run(st, e);
}

/* Records today's break as dealt with. */
static int
l_mark(struct ctx *c, int window, const char *day, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "UPDATE windows SET lunch_day = :day"
	    " WHERE number = :w") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":day", day);
	db_bind_int(st, ":w", window);
	return db_run(st, e);
}

/* Carries out a plan: the pause (today's), the resume, the mark. */
static int
l_do(struct ctx *c, int window, const struct lrow *r, const char *day,
    const struct lplan *p, struct err *e)
{
	if (p->pause_at != 0 && (l_set(c, window, "paused",
	    QUEUE_LUNCH_REASON, p->pause_at, p->pause_end, e) != OKNO_OK ||
	    queue_window_event(c, window, p->pause_at, "paused", r->manager,
	    QUEUE_LUNCH_REASON, QUEUE_LUNCH_NOTE, e) != OKNO_OK))
		return e->code;
	if (p->resume_at != 0 && (l_set(c, window, "open", NULL,
	    p->resume_at, 0, e) != OKNO_OK || queue_window_event(c, window,
	    p->resume_at, "resumed", r->manager, NULL, QUEUE_LUNCH_NOTE,
	    e) != OKNO_OK))
		return e->code;
	if (p->mark && l_mark(c, window, day, e) != OKNO_OK)
		return e->code;
	return OKNO_OK;
}

/* Today's date, its midnight, and window's break today. */
static int
l_today(struct ctx *c, int window, char day[16], time_t *midnight,
    struct queue_lunch *ql)
{
	int y, m, d, has;

	time_format_date(c->now, day, 16);
	*midnight = date_parse(day, &y, &m, &d) == 0 ?
	    date_start(y, m, d) : 0;
	has = queue_lunch_today(c->cfg, window, c->now, ql);
	/* An ended break still counts today: it may be due as a whole. */
	return has || (ql->end != 0 && c->now >= ql->end);
}

int
queue_lunch_apply(struct ctx *c, int window, int visit_end, struct err *e)
{
	struct queue_lunch ql;
	struct lrow r;
	struct lplan p;
	char day[16];
	time_t midnight;
	int has;

	for (size_t i = 0; i < c->cfg->nlunches; i++) {
		int w = c->cfg->lunches[i].window;

		if ((window != 0 && w != window) ||
		    config_window(c->cfg, w) == NULL)
			continue;
		has = l_today(c, w, day, &midnight, &ql);
		if (l_read(c, w, &r, e) != OKNO_OK)
			return e->code;
		if (!l_plan(&r, day, midnight, has, &ql, c->now,
		    visit_end && w == window, &p))
			continue;
		if (l_do(c, w, &r, day, &p, e) != OKNO_OK)
			return e->code;
	}
	return OKNO_OK;
}

int
queue_window_schedule(struct ctx *c, struct err *e)
{
	struct queue_lunch ql;
	struct lrow r;
	struct lplan p;
	char day[16];
	time_t midnight;
	int due = 0, rc;

	if (c->cfg->nlunches == 0)
		return OKNO_OK;
	/* A look first, in one snapshot: the console asks every second, and
	 * a write transaction would wait for the queue's writers. */
	if (db_begin_read(c->db, e) != OKNO_OK)
		return e->code;
	for (size_t i = 0; i < c->cfg->nlunches && !due; i++) {
		int w = c->cfg->lunches[i].window, has;

		if (config_window(c->cfg, w) == NULL)
			continue;
		has = l_today(c, w, day, &midnight, &ql);
		if (l_read(c, w, &r, e) != OKNO_OK) {
			db_rollback(c->db);
			return e->code;
		}
		due = l_plan(&r, day, midnight, has, &ql, c->now, 0, &p);
	}
	db_rollback(c->db);
	if (!due)
		return OKNO_NONE;
	if ((rc = queue_tx_begin(c, e)) != OKNO_OK)
		return rc;
	return queue_tx_end(c, OKNO_OK, e);
}
