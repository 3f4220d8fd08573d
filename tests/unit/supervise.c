/* supervise.c: TAP tests of supervisor control and the call order's
 * fairness rule (issue 14.4, 14.5) with a fixed clock: queue.fair_after
 * under a steady stream of priority tickets, the earliest original issue
 * first among priority-ranked tickets, categories at issue, cancel,
 * priority given and taken, the out-of-order call, each event with who
 * and why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "queue.h"
#include "tap.h"

static struct config_service svcs[] = {
	{ "pay", "A", "Payments", 15, 10 },
	{ "meter", "B", "Meters", 15, 10 },
	{ "consult", "K", "Consultation", 15, 5 },
};
static int w1s[] = { 0, 1 }, w2s[] = { 2 };
static struct config_window wins[] = {
	{ 1, w1s, 2 }, { 2, w2s, 1 },
};
static struct config_priority prios[] = {
	{ "disabled", "Инвалид" }, { "veteran", "Ветеран" },
};
static struct config cfg;
static struct ctx c;
static struct err e;
static const struct actor sue = { "sue", ROLE_SUPERVISOR };
static const struct actor alice = { "alice", ROLE_MANAGER };
static const struct actor kiosk = { NULL, ROLE_KIOSK };

/* Issues at HH:MM of 2026-12-30 (Moscow); returns the number. */
static const char *
issue_at(const char *hm, const char *service, int prio)
{
	static char num[16];
	char iso[64];
	struct ticket t;

	snprintf(iso, sizeof iso, "2026-12-30T%s:00+03:00", hm);
	c.now = fx_at(iso);
	if (queue_issue(&c, service, prio, &t, NULL, &e) != OKNO_OK)
		bail("issue: %s", e.msg);
	strlcpy_(num, t.number, sizeof num);
	return num;
}

static const char *
call_at(const char *hm, int window)
{
	static char num[16];
	char iso[64];
	struct ticket t;
	int rc;

	snprintf(iso, sizeof iso, "2026-12-30T%s:00+03:00", hm);
	c.now = fx_at(iso);
	rc = queue_call(&c, window, &t, &e);
	if (rc == OKNO_NONE)
		return "none";
	if (rc != OKNO_OK)
		return e.msg;
	strlcpy_(num, t.number, sizeof num);
	return num;
}

/* A new day's database for each part: numbers start at 001. */
static void
fresh(const char *name, int fair_after)
{
	if (c.db != NULL)
		fx_db_close(&c);
	cfg.fair_after = fair_after;
	fx_db_open(&c, &cfg, name, &actor_system);
}

/* A ticket's events as event:manager:note, comma-separated. */
static const char *
events(const char *number)
{
	struct stmt *st = fx_prepare(c.db, "SELECT e.event || ':' ||"
	    " coalesce(e.manager, '-') || ':' || coalesce(e.note, '-')"
	    " FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id"
	    " WHERE t.number = :n ORDER BY e.id");

	db_bind_text(st, ":n", number);
	return fx_rows(st, ",");
}

static void
test_fair_basic(void)
{
	/* Without fair_after: priority always first. */
	fresh("f0.db", 0);
	is_string(issue_at("10:00", "pay", 0), "A001", "ordinary at 10:00");
	is_string(issue_at("10:21", "pay", 1), "A002", "priority at 10:21");
	is_string(call_at("10:21", 1), "A002",
	    "no fair_after: the new priority ticket first");

	/* fair_after = 20: the ordinary ticket waiting 21 min ranks as
	 * priority, and was issued earlier. */
	fresh("f1.db", 20);
	issue_at("10:00", "pay", 0);
	issue_at("10:21", "pay", 1);
	is_string(call_at("10:21", 1), "A001",
	    "fair_after 20: the ordinary ticket waiting 21 min goes before "
	    "a new priority ticket");
	is_string(call_at("10:22", 1), "A002", "then the priority one");

	/* Among priority-ranked ones the earliest original issue first. */
	fresh("f2.db", 20);
	issue_at("09:59", "meter", 1);		/* B001 priority */
	issue_at("10:00", "pay", 0);		/* A001 ordinary */
	issue_at("10:21", "pay", 1);		/* A002 priority */
	issue_at("10:05", "pay", 0);		/* A003: 16 min at 10:21 */
	is_string(call_at("10:21", 1), "B001", "the earliest issue among "
	    "the ranked: the 09:59 priority ticket");
	is_string(call_at("10:22", 1), "A001", "then the 10:00 ordinary one "
	    "(ranked) before the 10:21 priority one");
	is_string(call_at("10:23", 1), "A002", "then the 10:21 priority one");
	is_string(call_at("10:24", 1), "A003",
	    "an ordinary ticket under the limit waits its turn");

	/* Exactly the limit counts ("at least"), one second less not. */
	fresh("f3.db", 20);
	issue_at("10:00", "pay", 0);
	issue_at("10:19", "pay", 1);
	c.now = fx_at("2026-12-30T10:19:59+03:00");
	{
		struct ticket t;

		is_int(queue_call(&c, 1, &t, &e), OKNO_OK, "a call at "
		    "19:59 waited");
		is_string(t.number, "A002", "19 min 59 s: not yet ranked");
	}
	fresh("f4.db", 20);
	issue_at("10:00", "pay", 0);
	issue_at("10:19", "pay", 1);
	is_string(call_at("10:20", 1), "A001", "20 min exactly: ranked");

	/* A transferred ticket keeps its original issue time. */
	fresh("f5.db", 20);
	issue_at("10:00", "meter", 0);		/* B001 */
	is_string(call_at("10:01", 1), "B001", "B001 called");
	c.now = fx_at("2026-12-30T10:15:00+03:00");
	{
		struct ticket t;

		is_int(queue_transfer(&c, 1, "pay", &t, &e), OKNO_OK,
		    "transferred to pay at 10:15");
	}
	issue_at("10:16", "pay", 1);		/* A001 priority */
	is_string(call_at("10:21", 1), "B001", "at 10:21 the transferred "
	    "ticket ranks from its 10:00 issue, not its 10:15 transfer");
}

/*
 * A steady stream: a priority ticket every 4 minutes from 10:01, one
 * window calling every 5 minutes.  The stream outpaces the window, so
 * without the rule the ordinary ticket of 10:00 waits for ever; with
 * fair_after 20 it is called at the first call from 10:20.
 */
static const char *
stream(int fair_after, const char *name)
{
	static char when[16];
	char hm[16];
	int id;

	fresh(name, fair_after);
	issue_at("10:00", "pay", 0);		/* A001 */
	snprintf(when, sizeof when, "never");
	for (int m = 1; m <= 60; m++) {
		snprintf(hm, sizeof hm, "%02d:%02d", 10 + m / 60, m % 60);
		if (m % 4 == 1)
			issue_at(hm, "pay", 1);
		if (m % 5 == 0 && strcmp(call_at(hm, 1), "A001") == 0)
			snprintf(when, sizeof when, "%s", hm);
	}
	id = (int)fx_int(c.db, "SELECT count(*) FROM tickets WHERE"
	    " priority = 1 AND status = 'waiting'", NULL);
	return id > 0 ? when : "no stream";
}

static void
test_stream(void)
{
	is_string(stream(0, "s0.db"), "never", "a stream of priority tickets "
	    "holds an ordinary one for the hour without fair_after");
	is_string(stream(20, "s1.db"), "10:20", "with fair_after 20 it is "
	    "called at the first call once it has waited 20 min");
	is_int((int)fx_int(c.db, "SELECT max(wait_s) FROM tickets WHERE"
	    " priority = 0", NULL), 20 * 60, "its wait: 20 min");
}

static void
test_categories(void)
{
	struct ticket t;

	fresh("c.db", 0);
	c.now = fx_at("2026-12-30T10:00:00+03:00");
	is_int(queue_issue_client(&c, "pay", 0, "veteran", NULL, 0, &t, NULL,
	    &e), OKNO_OK, "a ticket with a category");
	is_int(t.priority, 1, "a category implies priority");
	is_string(t.category, "veteran", "and is on the ticket");
	is_string(events("A001"), "issued:-:priority veteran",
	    "the issued event names it");
	is_int(queue_issue_client(&c, "pay", 0, "nosuch", NULL, 0, &t, NULL,
	    &e),
	    OKNO_EINVAL, "an unknown category: OKNO_EINVAL");
	c.who = &kiosk;
	is_int(queue_issue_client(&c, "pay", 0, "disabled", NULL, 0, &t, NULL,
	    &e), OKNO_OK, "the ticket terminal may issue with a category");
	is_int(queue_issue_client(&c, "pay", 1, NULL, NULL, 0, &t, NULL, &e),
	    OKNO_EPERM, "but not a bare priority ticket");
	c.who = &actor_system;
	is_int((int)fx_int(c.db, "SELECT count(*) FROM tickets", NULL), 2,
	    "refused ones stored nothing");
}

static void
test_control(void)
{
	struct queue_waiting *w;
	struct ticket t;
	size_t n;

	fresh("k.db", 20);
	issue_at("10:00", "pay", 0);		/* A001 */
	issue_at("10:05", "pay", 0);		/* A002 */
	issue_at("10:06", "consult", 0);	/* K001 */
	issue_at("10:07", "meter", 0);		/* B001 */
	c.now = fx_at("2026-12-30T10:10:00+03:00");

	/* Managers may not; a supervisor may, and who and why are kept. */
	c.who = &alice;
	is_int(queue_cancel(&c, "A002", "left", &t, &e), OKNO_EPERM,
	    "a manager may not cancel");
	is_int(queue_priority(&c, "A002", 1, NULL, "papers", &t, &e),
	    OKNO_EPERM, "nor give priority");
	is_int(queue_call_number(&c, 1, "A002", &t, &e), OKNO_EPERM,
	    "nor call out of order");
	c.who = &sue;
	is_int(queue_priority(&c, "A002", 1, "disabled", "", &t, &e),
	    OKNO_EINVAL, "priority needs a reason");
	is_int(queue_priority(&c, "A002", 1, "disabled", "справка", &t, &e),
	    OKNO_OK, "a supervisor gives A002 priority as disabled");
	is_int(queue_priority(&c, "A002", 1, "disabled", "again", &t, &e),
	    OKNO_NONE, "giving it again: nothing to do");
	is_string(call_at("10:11", 1), "A002", "A002 is called first now");
	c.now = fx_at("2026-12-30T10:12:00+03:00");
	is_int(queue_priority(&c, "A002", 0, NULL, "late", &t, &e),
	    OKNO_NONE, "a called ticket's priority is no longer changed");
	is_string(events("A002"), "issued:-:-,priority_given:sue:disabled; "
	    "справка,called:-:-", "the given priority: who and why");

	/* Out of order: B001 to window 1, past A001. */
	c.now = fx_at("2026-12-30T10:15:00+03:00");
	is_int(queue_call_number(&c, 1, "K001", &t, &e), OKNO_NONE,
	    "K001's service is not window 1's: OKNO_NONE");
	is_int((int)fx_int(c.db, "SELECT count(*) FROM tickets WHERE"
	    " number = 'A002' AND status = 'called'", NULL), 1,
	    "and the window's ticket was not finished");
	is_int(queue_call_number(&c, 1, "B001", &t, &e), OKNO_OK,
	    "B001 called out of order");
	is_string(events("B001"), "issued:-:-,called:-:out of order by sue",
	    "the call's note says so and who");
	is_string(events("A002"), "issued:-:-,priority_given:sue:disabled; "
	    "справка,called:-:-,finished:-:-",
	    "the window's ticket was finished first");
	is_int(queue_call_number(&c, 1, "B001", &t, &e), OKNO_EAGAIN,
	    "a second press at once: the guard");

	/* The list for the screen: per service in call order. */
	c.now = fx_at("2026-12-30T10:25:00+03:00");
	is_int(queue_waiting_list(&c, &w, &n, &e), OKNO_OK, "the waiting "
	    "list");
	is_int((int)n, 2, "A001 and K001 wait");
	if (n == 2) {
		is_string(w[0].ticket.number, "A001", "pay first");
		is_int(w[0].ranked, 1, "A001 ranks as priority (25 min)");
		is_int((int)w[0].waited_s, 25 * 60, "waited 25 min");
		is_string(w[1].ticket.number, "K001", "then consult");
	} else
		skip_block(4, "list length");
	free(w);

	/* Cancel: a waiting ticket, with who and why; not twice. */
	is_int(queue_cancel(&c, "K001", "ушёл", &t, &e), OKNO_OK,
	    "a supervisor cancels K001");
	is_string(events("K001"), "issued:-:-,cancelled:sue:ушёл",
	    "cancelled: who and why");
	is_int(queue_cancel(&c, "K001", NULL, &t, &e), OKNO_NONE,
	    "a cancelled ticket: OKNO_NONE");
	is_int(queue_cancel(&c, "Z999", NULL, &t, &e), OKNO_NONE,
	    "no such ticket today: OKNO_NONE");
	/* A postponed one may be cancelled too. */
	c.now = fx_at("2026-12-30T10:30:00+03:00");
	is_int(queue_call(&c, 1, &t, &e), OKNO_OK, "A001 called");
	c.now += 60;
	is_int(queue_postpone(&c, 1, 30, &t, &e), OKNO_OK, "and postponed");
	is_int(queue_cancel(&c, "A001", "не вернулся", &t, &e), OKNO_OK,
	    "a postponed ticket is cancelled");
	is_int((int)fx_int(c.db, "SELECT count(*) FROM tickets WHERE"
	    " status = 'cancelled' AND closed_at IS NOT NULL", NULL), 2,
	    "both closed as cancelled");
	c.who = &actor_system;
	/* The system (the command line) may: no who recorded. */
	issue_at("10:40", "pay", 1);		/* A003 */
	is_int(queue_priority(&c, "A003", 0, NULL, "ошибка", &t, &e),
	    OKNO_OK, "the system takes A003's priority");
	is_string(events("A003"), "issued:-:priority,priority_taken:-:ошибка",
	    "priority taken: the reason kept");
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(58);
	cfg.services = svcs;
	cfg.nservices = nitems(svcs);
	cfg.windows = wins;
	cfg.nwindows = nitems(wins);
	cfg.priorities = prios;
	cfg.npriorities = nitems(prios);
	test_fair_basic();
	test_stream();
	test_categories();
	test_control();
	ok(db_integrity(c.db, &e) == OKNO_OK, "integrity_check ok");
	fx_db_close(&c);
	return 0;
}
