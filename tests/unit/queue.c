/* queue.c: TAP tests of the queue engine with a fixed clock. */
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "queue.h"
#include "tap.h"

static struct config_service svcs[] = {
	{ "pay", "A", "Payments", 15, 10 },
	{ "meter", "B", "Meters", 15, 10 },
	{ "consult", "K", "Consultation", 15, 5 },
};
static int w1s[] = { 0, 1 }, w2s[] = { 1 }, w3s[] = { 2 };
static struct config_window wins[] = {
	{ 1, w1s, 2 }, { 2, w2s, 1 }, { 3, w3s, 1 },
};
static struct config cfg;
static struct ctx c;
static struct err e;

static const char *
issue(const char *service, int prio)
{
	static char num[16];
	struct ticket t;

	if (queue_issue(&c, service, prio, &t, NULL, &e) != OKNO_OK)
		bail("issue: %s", e.msg);
	strlcpy_(num, t.number, sizeof num);
	return num;
}

static const char *
call(int window)
{
	static char num[16];
	struct ticket t;
	int rc = queue_call(&c, window, &t, &e);

	if (rc == OKNO_NONE)
		return "none";
	if (rc != OKNO_OK)
		return e.msg;
	strlcpy_(num, t.number, sizeof num);
	return num;
}

/* The event names of a ticket today, comma-separated. */
static const char *
events(const char *number)
{
	struct stmt *st;
	char day[16];

	st = fx_prepare(c.db, "SELECT e.event || ':' ||"
	    " coalesce(e.window, '-') || ':' || e.service FROM ticket_events e"
	    " JOIN tickets t ON t.id = e.ticket_id WHERE t.number = :n"
	    " AND t.day = :day"
	    " ORDER BY e.id");
	db_bind_text(st, ":n", number);
	time_format_date(c.now, day, sizeof day);
	db_bind_text(st, ":day", day);
	return fx_rows(st, ",");
}

static void
test_numbering(void)
{
	c.now = fx_at("2026-12-30T09:00:00+03:00");
	is_string(issue("pay", 0), "A001", "first ticket of the day");
	is_string(issue("pay", 0), "A002", "numbers count up per service");
	is_string(issue("meter", 0), "B001", "each service has its own count");
	/* 23:59 Moscow is still the 30th; 21:00Z is midnight of the 31st. */
	c.now = fx_at("2026-12-30T20:59:00Z");
	is_string(issue("pay", 0), "A003", "23:59 branch time: same day");
	c.now = fx_at("2026-12-30T21:00:00Z");
	is_string(issue("pay", 0), "A001", "midnight in the branch's time "
	    "zone restarts numbering");
	is_int(fx_int(c.db, "SELECT count(*) FROM tickets WHERE status ="
	    " 'cancelled'", NULL), 4, "yesterday's open tickets cancelled on "
	    "the first change of a new day");
	c.now = fx_at("2026-12-30T12:00:00+03:00");	/* events() reads by day */
	is_string(events("B001"), "issued:-:meter,cancelled:-:meter",
	    "the cancellation is an event");
}

static void
test_order(void)
{
	struct ticket t;
	int n;

	c.now = fx_at("2027-01-11T09:00:00+03:00");
	if (queue_close_day(&c, &n, &e) != OKNO_OK)
		bail("%s", e.msg);
	issue("pay", 0);			/* A001 09:00 */
	c.now += 60;
	issue("meter", 0);			/* B001 09:01 */
	c.now += 60;
	issue("consult", 0);			/* K001 */
	c.now += 60;
	issue("meter", 1);			/* B002 priority */
	c.now += 60;
	is_string(call(1), "B002", "priority ticket first");
	c.now += 60;
	is_string(call(1), "A001", "then the earliest issued of the window's "
	    "services");
	is_string(events("B002"), "issued:-:meter,called:1:meter,"
	    "finished:1:meter", "call finished the window's current ticket");
	c.now += 60;
	is_string(call(3), "K001", "window 3 serves only consult");
	c.now += 60;
	is_string(call(3), "none", "nothing else waits for window 3");
	is_int(fx_int(c.db, "SELECT count(*) FROM tickets WHERE number = 'K001'"
	    " AND status = 'finished'", NULL), 1,
	    "a call with nothing waiting still finishes the current ticket");
	/* Transfer keeps the original issue time. */
	c.now += 60;
	issue("meter", 0);			/* B003, later than B001 */
	c.now += 60;
	if (queue_transfer(&c, 1, "meter", &t, &e) != OKNO_OK)
		bail("transfer: %s", e.msg);
	is_string(t.number, "A001", "transfer acts on the current ticket");
	c.now += 60;
	is_string(call(2), "A001", "a transferred ticket keeps its issue time "
	    "(09:00, before B001 of 09:01)");
	c.now += 60;
	is_string(call(2), "B001", "then B001, before the later B003");
	is_string(events("A001"), "issued:-:pay,called:1:pay,"
	    "transferred:1:meter,called:2:meter,finished:2:meter", "transfer events carry the "
	    "new service");
	is_int(queue_transfer(&c, 2, "meter", &t, &e), OKNO_EINVAL,
	    "transfer to the same service is refused");
	is_int(queue_transfer(&c, 2, "nosuch", &t, &e), OKNO_ENOENT,
	    "transfer to an unknown service is refused");
}

static void
test_times(void)
{
	struct queue_stat qs[3];
	struct ticket t;
	int n;

	c.now = fx_at("2027-01-12T10:00:00+03:00");
	queue_close_day(&c, &n, &e);
	issue("pay", 0);			/* A001 10:00 */
	c.now += 300;
	is_string(call(1), "A001", "called after 5 min");
	c.now += 120;
	if (queue_postpone(&c, 1, 10, &t, &e) != OKNO_OK)
		bail("postpone: %s", e.msg);
	is_int(t.status, TICKET_POSTPONED, "postponed");
	queue_stats(&c, qs, &e);
	is_int(qs[0].waiting, 0, "a postponed ticket does not wait");
	is_string(call(1), "none", "nor can it be called");
	c.now += 600;				/* 10:17: back since 10:17 */
	queue_stats(&c, qs, &e);
	is_int(qs[0].waiting, 1, "it comes back by itself after 10 min");
	c.now += 60;				/* 10:18 */
	queue_stats(&c, qs, &e);
	is_int(qs[0].longest_wait_s, 300 + 60, "its wait: 5 min before, "
	    "1 min since it came back");
	is_string(call(1), "A001", "called again");
	c.now += 240;
	if (queue_finish(&c, 1, &t, &e) != OKNO_OK)
		bail("finish: %s", e.msg);
	is_string(events("A001"), "issued:-:pay,called:1:pay,postponed:1:pay,"
	    "returned:1:pay,called:1:pay,finished:1:pay", "full event trail");
	is_int(fx_int(c.db, "SELECT wait_s FROM tickets WHERE number = :p AND"
	    " day = '2027-01-12'", "A001"), 360, "wait = 300 + 60 s");
	is_int(fx_int(c.db,
	    "SELECT service_s FROM tickets WHERE number = :p AND"
	    " day = '2027-01-12'", "A001"), 360, "service = 120 + 240 s");
	is_int(fx_int(c.db,
	    "SELECT at FROM ticket_events WHERE event = 'returned'"
	    " ORDER BY id DESC LIMIT 1", NULL),
	    fx_at("2027-01-12T10:17:00+03:00"), "returned at its return time");
	is_int(queue_finish(&c, 1, &t, &e), OKNO_NONE,
	    "finish with no current ticket says so");
	is_int(queue_postpone(&c, 1, 0, &t, &e), OKNO_EINVAL,
	    "postpone for 0 minutes is refused");
}

static void
test_windows_and_states(void)
{
	struct window_info wi;
	struct ticket t;
	int n;

	c.now = fx_at("2027-01-13T10:00:00+03:00");
	issue("meter", 0);			/* B001 */
	issue("meter", 0);			/* B002 */
	issue("meter", 0);			/* B003 */
	is_int(queue_window_pause(&c, 2, "", &e), OKNO_EINVAL,
	    "a pause needs a reason");
	is_int(queue_window_pause(&c, 2, "lunch", &e), OKNO_OK, "pause");
	is_int(queue_call(&c, 2, &t, &e), OKNO_ESTATE, "a paused window "
	    "does not call");
	queue_window(&c, 2, &wi, &e);
	is_int(wi.state, WINDOW_PAUSED, "window shows paused");
	is_string(wi.reason, "lunch", "with its reason");
	is_int(queue_window_resume(&c, 2, &e), OKNO_OK, "resume");
	is_string(call(2), "B001", "calls after resume");
	is_int(queue_window_pause(&c, 2, "lunch", &e), OKNO_ESTATE,
	    "cannot pause while serving");
	c.now += 60;
	is_int(queue_recall(&c, 2, &t, &e), OKNO_OK, "recall");
	is_int(queue_noshow(&c, 2, &t, &e), OKNO_OK, "no-show");
	is_string(events("B001"), "issued:-:meter,called:2:meter,"
	    "recalled:2:meter,noshow:2:meter", "recall and no-show events");
	is_string(call(2), "B002", "next");
	queue_window(&c, 2, &wi, &e);
	is_int(wi.state, WINDOW_SERVING, "window serving");
	is_string(wi.ticket.number, "B002", "its ticket");
	is_int(queue_close_day(&c, &n, &e), OKNO_OK, "close the day");
	is_int(n, 1, "one waiting ticket cancelled");
	is_string(events("B003"), "issued:-:meter,cancelled:-:meter",
	    "cancellation event");
	is_int(fx_int(c.db, "SELECT count(*) FROM tickets WHERE number = 'B002'"
	    " AND status = 'called' AND day = '2027-01-13'", NULL), 1,
	    "the ticket in service is left to its manager");
	is_int(queue_call(&c, 9, &t, &e), OKNO_ENOENT, "unknown window");
}

static void
test_estimate(void)
{
	struct estimate est;
	struct ticket t;
	int n;

	/* More than 30 days on: no recent history, the 5 min norm. */
	c.now = fx_at("2027-03-01T10:00:00+03:00");
	queue_close_day(&c, &n, &e);
	issue("consult", 0);
	issue("consult", 0);
	if (queue_issue(&c, "consult", 0, &t, &est, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int(est.ahead, 2, "two ahead");
	/* No window is open yet: no one serves it (issue 19). */
	is_int(est.unserved, 1, "no window open: no one serves consult");
	is_int(est.minutes, -1, "and no wait is promised");
	queue_window_open(&c, 3, NULL, &e);
	if (queue_estimate(&c, config_service_index(&cfg, "consult"), 0, &est,
	    &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int(est.minutes, 15, "window 3 open: 3 x 5 min norm, one window");
	/* Build history: visits of 3 min each at window 3. */
	for (int i = 0; i < 3; i++) {
		call(3);
		c.now += 180;
	}
	queue_finish(&c, 3, &t, &e);
	issue("consult", 0);
	issue("consult", 0);
	if (queue_issue(&c, "consult", 1, &t, &est, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int(est.ahead, 0, "a priority ticket has nobody ahead");
	if (queue_issue(&c, "consult", 0, &t, &est, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int(est.ahead, 3, "three ahead, priority included");
	is_int(est.minutes, 9, "3 x 3 min from recent visits");
	is_int(est.windows, 1, "one open window serves consult");
}

static void
test_roles(void)
{
	struct actor aud = { "olga", ROLE_AUDITOR };
	struct actor m1 = { "ivan", ROLE_MANAGER };
	struct actor m2 = { "petr", ROLE_MANAGER };
	struct ticket t;
	int n;

	c.now = fx_at("2027-03-02T10:00:00+03:00");
	queue_close_day(&c, &n, &e);
	issue("pay", 0);
	issue("pay", 0);
	c.who = &aud;
	is_int(queue_issue(&c, "pay", 0, &t, NULL, &e), OKNO_EPERM,
	    "an auditor cannot issue");
	is_int(queue_call(&c, 1, &t, &e), OKNO_EPERM, "nor call");
	c.who = &m1;
	is_int(queue_window_open(&c, 1, NULL, &e), OKNO_OK, "manager opens "
	    "window 1");
	is_int(queue_call(&c, 1, &t, &e), OKNO_OK, "and calls");
	is_string(t.manager, "ivan", "recorded under the manager");
	c.who = &m2;
	is_int(queue_finish(&c, 1, &t, &e), OKNO_EPERM, "another manager "
	    "cannot act at window 1");
	ok(strstr(e.msg, "ivan") != NULL, "the message names who has it");
	is_int(queue_close_day(&c, &n, &e), OKNO_EPERM, "a manager cannot "
	    "close the day");
	c.who = &actor_system;
}

/*
 * A second call within QUEUE_CALL_GUARD_S of the call that brought the
 * window's ticket is a double press: refused, nothing changed; from the
 * guard's end the call finishes the ticket as ever.
 */
static void
test_call_guard(void)
{
	struct window_info wi;
	struct ticket t;
	time_t t0 = fx_at("2027-03-03T10:00:00+03:00");
	int n;

	c.now = t0;
	queue_close_day(&c, &n, &e);
	issue("consult", 0);			/* K001 */
	issue("consult", 0);			/* K002 */
	is_string(call(3), "K001", "guard: K001 called at 10:00:00");
	is_int(queue_call(&c, 3, &t, &e), OKNO_EAGAIN,
	    "a second call in the same second is refused");
	is_string(e.msg, "K001 was called 0 s ago: call ignored; call again "
	    "in 5 s", "the message says why and when");
	c.now = t0 + QUEUE_CALL_GUARD_S - 1;
	is_int(queue_call(&c, 3, &t, &e), OKNO_EAGAIN, "and one 4 s later");
	c.now = t0 - 2;
	is_int(queue_call(&c, 3, &t, &e), OKNO_EAGAIN,
	    "and one after the clock stepped back 2 s");
	queue_window(&c, 3, &wi, &e);
	is_string(wi.ticket.number, "K001", "K001 is still in service");
	is_string(events("K001"), "issued:-:consult,called:3:consult",
	    "no event: nothing changed");
	is_int(fx_int(c.db, "SELECT count(*) FROM tickets WHERE number = :p AND"
	    " day = '2027-03-03' AND status = 'waiting'", "K002"), 1,
	    "K002 still waits");
	c.now = t0 + QUEUE_CALL_GUARD_S;
	is_string(call(3), "K002", "5 s after the first call, a call calls "
	    "K002");
	is_string(events("K001"), "issued:-:consult,called:3:consult,"
	    "finished:3:consult", "and finishes K001");
	c.now += 1;
	is_int(queue_call(&c, 3, &t, &e), OKNO_EAGAIN,
	    "the guard counts from the latest call");
	c.now += QUEUE_CALL_GUARD_S;
	is_int(queue_recall(&c, 3, &t, &e), OKNO_OK, "a recall of K002");
	is_string(call(3), "none", "does not restart it: a call right after "
	    "finishes K002");
}

/*
 * Undo (issue 19): the window's last finish or no-show, within
 * queue.undo minutes and before its next call, is taken back; the log
 * keeps the step and adds undone; the service resumes at the undo.
 */
static void
test_undo(void)
{
	struct window_info wi;
	struct ticket t;
	time_t t0 = fx_at("2027-03-04T10:00:00+03:00");
	int n;

	c.now = t0;
	cfg.undo_min = 5;
	queue_close_day(&c, &n, &e);
	is_int(queue_undo(&c, 3, &t, &e), OKNO_NONE,
	    "undo: nothing done at window 3 yet");
	issue("consult", 0);			/* K001 */
	issue("consult", 0);			/* K002 */
	is_string(call(3), "K001", "undo: K001 called at 10:00");
	c.now = t0 + 120;
	is_int(queue_noshow(&c, 3, &t, &e), OKNO_OK, "a no-show at 10:02");
	c.now = t0 + 180;
	is_int(queue_undo(&c, 3, &t, &e), OKNO_OK, "undone at 10:03");
	is_string(t.number, "K001", "the ticket undone is K001");
	queue_window(&c, 3, &wi, &e);
	is_int(wi.state, WINDOW_SERVING, "window 3 serves again");
	is_string(wi.ticket.number, "K001", "K001");
	is_int((long long)wi.ticket.called_at, (long long)(t0 + 180),
	    "its service resumes at the undo");
	is_string(events("K001"), "issued:-:consult,called:3:consult,"
	    "noshow:3:consult,undone:3:consult", "the log keeps both steps");
	is_int(queue_undo(&c, 3, &t, &e), OKNO_NONE,
	    "a second undo: the window serves K001, nothing to undo");
	c.now = t0 + 600;
	is_int(queue_finish(&c, 3, &t, &e), OKNO_OK, "finished at 10:10");
	is_int(fx_int(c.db, "SELECT service_s FROM tickets WHERE number = :p"
	    " AND day = '2027-03-04'", "K001"), 120 + 420,
	    "service: 10:00-10:02 and 10:03-10:10");
	c.now = t0 + 600 + 5 * 60 + 1;
	is_int(queue_undo(&c, 3, &t, &e), OKNO_NONE, "5 min 1 s later: too "
	    "late");
	is_string(call(3), "K002", "window 3 calls K002");
	c.now += 60;
	queue_finish(&c, 3, &t, &e);
	queue_window_pause(&c, 3, "break", &e);
	is_int(queue_undo(&c, 3, &t, &e), OKNO_ESTATE, "a paused window "
	    "does not undo");
	queue_window_resume(&c, 3, &e);
	cfg.undo_min = 0;
	is_int(queue_undo(&c, 3, &t, &e), OKNO_NONE, "queue.undo = 0: off");
	cfg.undo_min = 5;
	is_int(queue_undo(&c, 3, &t, &e), OKNO_OK, "resumed: the finish of "
	    "K002 undone");
	is_int(fx_int(c.db, "SELECT count(*) FROM tickets WHERE status ="
	    " 'noshow' AND day = '2027-03-04'", NULL), 0,
	    "no no-show stands today");
	queue_finish(&c, 3, &t, &e);
}

/*
 * A postponed ticket comes back to the window that postponed it: another
 * window serving its service takes it only when that one is not open or
 * after queue.return_grace minutes.  The window lists its postponed
 * tickets.
 */
static void
test_postponed_return(void)
{
	struct queue_away away[4];
	struct ticket t;
	time_t t0 = fx_at("2027-03-05T10:00:00+03:00");
	size_t na;
	int n;

	c.now = t0;
	queue_close_day(&c, &n, &e);
	cfg.return_grace = 10;
	issue("meter", 0);			/* B001 */
	issue("meter", 0);			/* B002 */
	issue("meter", 0);			/* B003 */
	is_string(call(2), "B001", "return: window 2 calls B001");
	is_int(queue_postpone(&c, 2, 5, &t, &e), OKNO_OK, "and postpones it "
	    "for 5 min");
	is_int(queue_postponed(&c, 2, away, nitems(away), &na, &e), OKNO_OK,
	    "the window's postponed tickets");
	is_int((long long)na, 1, "one");
	is_string(away[0].number, "B001", "B001");
	is_int((long long)away[0].return_at, (long long)(t0 + 300),
	    "back at 10:05");
	queue_postponed(&c, 1, away, nitems(away), &na, &e);
	is_int((long long)na, 0, "window 1 postponed none");
	c.now = t0 + 360;
	is_string(call(1), "B002", "at 10:06 B001 is back, kept for window 2: "
	    "window 1 calls B002");
	is_string(call(2), "B001", "window 2 calls B001");
	queue_postpone(&c, 2, 5, &t, &e);
	c.now = t0 + 720;			/* B001 back at 10:11 */
	is_string(call(1), "B003", "window 1 passes it by again: B003");
	is_int(queue_window_pause(&c, 2, "break", &e), OKNO_OK,
	    "window 2 pauses");
	c.now += QUEUE_CALL_GUARD_S;
	is_string(call(1), "B001", "then window 1 takes B001 at once");
	cfg.return_grace = 0;
	queue_finish(&c, 1, &t, &e);
	queue_window_resume(&c, 2, &e);
}

/*
 * One manager, one window: a console records its process; the same
 * manager's second console is refused while it lives, and a dead one
 * holds nothing.
 */
static void
test_console_session(void)
{
	struct actor anna = { "anna", ROLE_MANAGER };
	struct actor boris = { "boris", ROLE_MANAGER };
	struct actor sveta = { "sveta", ROLE_SUPERVISOR };
	struct stmt *st;
	long me = (long)getpid(), dead;
	pid_t p;
	int n;

	c.now = fx_at("2027-03-06T10:00:00+03:00");
	queue_close_day(&c, &n, &e);
	if ((p = fork()) == 0)
		_exit(0);
	waitpid(p, NULL, 0);
	dead = (long)p;
	c.who = &anna;
	is_int(queue_window_console(&c, 1, "anna", me, &e), OKNO_OK,
	    "session: anna's console opens window 1");
	is_int(fx_int(c.db, "SELECT pid FROM windows WHERE number = 1", NULL),
	    me, "the window row names the console's process");
	is_int(queue_window_console(&c, 2, "anna", me + 1, &e), OKNO_ESTATE,
	    "her second console, at window 2, is refused");
	ok(strstr(e.msg, "window 1") != NULL, "naming window 1: %s", e.msg);
	is_int(queue_window_console(&c, 1, "anna", me + 1, &e), OKNO_ESTATE,
	    "and at window 1 too");
	is_int(queue_window_console(&c, 1, "anna", me, &e), OKNO_OK,
	    "the same console opens it again (after its lock)");
	c.who = &boris;
	is_int(queue_window_console(&c, 1, "boris", me + 1, &e), OKNO_EPERM,
	    "boris cannot take it while her console lives");
	/* Her terminal is killed: the row still names her console. */
	st = fx_prepare(c.db, "UPDATE windows SET pid = :p WHERE number = 1");
	db_bind_int(st, ":p", dead);
	fx_run(st);
	c.who = &anna;
	is_int(queue_window_console(&c, 2, "anna", me, &e), OKNO_OK,
	    "her console died: anna opens window 2");
	is_int(fx_int(c.db, "SELECT count(*) FROM windows WHERE number = 1"
	    " AND state = 'closed'", NULL), 1, "window 1, left free, closed");
	c.who = &sveta;
	is_int(queue_window_console(&c, 2, "sveta", me + 2, &e), OKNO_OK,
	    "a supervisor takes window 2 over, as ever");
	c.who = &actor_system;
	queue_close_day(&c, &n, &e);
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(121);
	cfg.services = svcs;
	cfg.nservices = nitems(svcs);
	cfg.windows = wins;
	cfg.nwindows = nitems(wins);
	fx_db_open(&c, &cfg, "q.db", &actor_system);
	test_numbering();
	test_order();
	test_times();
	test_windows_and_states();
	test_estimate();
	test_roles();
	test_call_guard();
	test_undo();
	test_postponed_return();
	test_console_session();
	ok(db_integrity(c.db, &e) == OKNO_OK, "integrity_check ok");
	fx_db_close(&c);
	return 0;
}
