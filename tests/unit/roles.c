/* roles.c: every changing action of the model against every role: the
 * system (command line), a supervisor, the manager whose window it is,
 * another manager, and an auditor.  Allowed actions succeed; refused ones
 * return OKNO_EPERM and store nothing (the count of every table's rows
 * is the same before and after).  SECURITY.md lists the matrix.
 *
 * With the auth module in the tree (it comes with the terminal UI) the
 * ticket terminal's role and the actions of users and ratings join the
 * matrix; __has_include keeps one file for both trees. */
#if defined(__has_include)
#if __has_include("auth.h")
#define HAVE_AUTH 1
#endif
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appeal.h"
#include "export.h"
#include "fixture.h"
#include "inspect.h"
#include "queue.h"
#include "tap.h"
#ifdef HAVE_AUTH
#include "auth.h"
#include "rating.h"
#endif

static struct catalogue *cat;
static struct ctx c;
static struct err e;
static char tmp[1024];

/* The actors; alice opens window 1 in every case that needs a window. */
static const struct actor sue = { "sue", ROLE_SUPERVISOR };
static const struct actor alice = { "alice", ROLE_MANAGER };
static const struct actor bob = { "bob", ROLE_MANAGER };
static const struct actor ann = { "ann", ROLE_AUDITOR };

#ifdef HAVE_AUTH
static const struct actor kiosk = { NULL, ROLE_KIOSK };
#endif

enum who { W_SYSTEM, W_SUPERVISOR, W_OWNER, W_OTHER, W_AUDITOR,
#ifdef HAVE_AUTH
	W_KIOSK,
#endif
	W_N };
static const struct actor *const actors[W_N] = {
	&actor_system, &sue, &alice, &bob, &ann,
#ifdef HAVE_AUTH
	&kiosk,
#endif
};
static const char *const names[W_N] = {
	"system", "supervisor", "manager (own window)", "another manager",
	"auditor",
#ifdef HAVE_AUTH
	"ticket terminal",
#endif
};

/* What a case sets up before the action (as the system or alice). */
enum pre {
	P_NONE,		/* nothing */
	P_OPEN,		/* alice's window 1 open, a ticket waits */
	P_SERVING,	/* alice serves a ticket at window 1 */
	P_PAUSED,	/* alice's window 1 paused */
	P_APPEAL,	/* an appeal registered */
	P_FINISHED	/* alice served a ticket to the end */
};

static char reg[APPEAL_REG_MAX];
static int64_t served;		/* P_FINISHED's ticket */

static void
as(const struct actor *a)
{
	c.who = a;
}

static void
must(int rc, const char *what)
{
	if (rc != OKNO_OK)
		bail("%s: %s", what, e.msg);
}

/* Every queue day starts clean: nothing served, waiting or open. */
static void
reset(void)
{
	struct ticket t;
	int n;

	as(&actor_system);
	for (size_t i = 0; i < c.cfg->nwindows; i++)
		(void)queue_finish(&c, c.cfg->windows[i].number, &t, &e);
	for (size_t i = 0; i < c.cfg->nwindows; i++) {
		(void)queue_window_resume(&c, c.cfg->windows[i].number, &e);
		(void)queue_window_close(&c, c.cfg->windows[i].number, &e);
	}
	must(queue_close_day(&c, &n, &e), "close day");
	c.now += 60;
}

static void
setup(enum pre p)
{
	struct appeal_new n;
	struct appeal a;
	struct ticket t;

	reset();
	switch (p) {
	case P_NONE:
		break;
	case P_OPEN:
	case P_SERVING:
	case P_PAUSED:
	case P_FINISHED:
		must(queue_issue(&c, "pay", 0, &t, NULL, &e), "issue");
		must(queue_issue(&c, "meter", 0, &t, NULL, &e), "issue");
		as(&alice);
		must(queue_window_open(&c, 1, NULL, &e), "open");
		if (p == P_SERVING || p == P_FINISHED)
			must(queue_call(&c, 1, &t, &e), "call");
		if (p == P_FINISHED) {
			served = t.id;
			c.now += 300;
			must(queue_finish(&c, 1, &t, &e), "finish");
		}
		if (p == P_PAUSED)
			must(queue_window_pause(&c, 1, "обед", &e),
			    "pause");
		break;
	case P_APPEAL:
		memset(&n, 0, sizeof n);
		n.kind = "complaint";
		n.channel = "in_person";
		n.client_type = "individual";
		n.name = "Иванов Иван";
		n.topic = "Прочее";
		must(appeal_add(&c, &n, &a, NULL, &e), "appeal");
		strlcpy_(reg, a.reg_no, sizeof reg);
		appeal_clear(&a);
		break;
	}
	as(&actor_system);
	c.now += 60;
}

/* Rows in every table: a refused action must leave them all alone. */
static long long
rows(void)
{
	static const char *const sql[] = {
		"SELECT (SELECT count(*) FROM tickets) +"
		" (SELECT count(*) FROM ticket_events) +"
		" (SELECT count(*) FROM windows) +"
		" (SELECT count(*) FROM window_events) +"
		" (SELECT count(*) FROM appeals) +"
		" (SELECT count(*) FROM appeal_events) +"
		" (SELECT count(*) FROM export_batches) +"
		" (SELECT count(*) FROM pd_destruction_log)",
		"SELECT total(updated_at) FROM tickets",
		"SELECT total(updated_at) FROM appeals",
		"SELECT count(*) FROM export_batches"
		" WHERE acked_at IS NOT NULL",
		"SELECT count(*) FROM inspections",
#ifdef HAVE_AUTH
		"SELECT (SELECT count(*) FROM users) +"
		" (SELECT total(updated_at) FROM users) +"
		" (SELECT count(*) FROM ratings)",
#endif
	};
	long long n = 0;

	for (size_t i = 0; i < nitems(sql); i++)
		n = n * 7 + fx_int(c.db, sql[i], NULL);
	return n;
}

/* The actions: each returns the model's status. */
static int
a_issue(void)
{
	struct ticket t;

	return queue_issue(&c, "pay", 0, &t, NULL, &e);
}

/* The latest waiting ticket of pay (P_OPEN issued it). */
static const char *
waiting_pay(void)
{
	static char num[16];
	struct stmt *st = fx_prepare(c.db, "SELECT number FROM tickets"
	    " WHERE status = 'waiting' AND service = 'pay'"
	    " ORDER BY id DESC LIMIT 1");

	strlcpy_(num, fx_rows(st, ""), sizeof num);
	return num;
}

/* Supervisor control (issue 14): cancel, priority, out-of-order call. */
static int
a_cancel(void)
{
	struct ticket t;

	return queue_cancel(&c, waiting_pay(), "left", &t, &e);
}

static int
a_priority(void)
{
	struct ticket t;

	return queue_priority(&c, waiting_pay(), 1, NULL, "papers", &t, &e);
}

static int
a_call_number(void)
{
	struct ticket t;

	return queue_call_number(&c, 1, waiting_pay(), &t, &e);
}

/* The queue's actions at window 1 that give back its ticket. */
typedef int	window_fn(struct ctx *, int, struct ticket *, struct err *);

static int
a_window(window_fn *fn)
{
	struct ticket t;

	return fn(&c, 1, &t, &e);
}

static int
a_transfer(void)
{
	struct ticket t;

	return queue_transfer(&c, 1, "consult", &t, &e);
}

static int
a_postpone(void)
{
	struct ticket t;

	return queue_postpone(&c, 1, 5, &t, &e);
}

static int
a_open_free(void)
{
	return queue_window_open(&c, 2, NULL, &e);
}

static int
a_open_taken(void)
{
	return queue_window_open(&c, 1, NULL, &e);
}

static int
a_close(void)
{
	return queue_window_close(&c, 1, &e);
}

static int
a_pause(void)
{
	return queue_window_pause(&c, 1, "перерыв", &e);
}

static int
a_resume(void)
{
	return queue_window_resume(&c, 1, &e);
}

static int
a_close_day(void)
{
	int n;

	return queue_close_day(&c, &n, &e);
}

static int
a_appeal_add(void)
{
	struct appeal_new n = { .kind = "question", .channel = "phone",
	    .client_type = "legal", .name = "ООО «Ромашка»",
	    .topic = "Прочее" };

	return appeal_add(&c, &n, NULL, NULL, &e);
}

static int
a_appeal_update(void)
{
	struct appeal_change ch;

	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_ANSWERED;
	ch.answer = "Ответ дан.";
	return appeal_update(&c, reg, &ch, NULL, &e);
}

static int
a_appeal_extend(void)
{
	return appeal_extend(&c, reg, "Нужна проверка", NULL, &e);
}

static int
a_appeal_purge(void)
{
	int n;

	return appeal_purge(&c, &n, &e);
}

static int
a_export(void)
{
	struct export_result r;
	int rc;

	rc = export_batch(&c, tmp, &r, &e);
	free(r.path);
	return rc;
}

static int
a_export_ack(void)
{
	struct export_result r;
	const struct actor *who = c.who;
	int rc;

	/* A batch to acknowledge, made by the system. */
	as(&actor_system);
	if (export_batch(&c, tmp, &r, &e) != OKNO_OK)
		bail("export: %s", e.msg);
	as(who);
	rc = export_ack(&c, r.path, &e);
	free(r.path);
	return rc;
}

#ifdef HAVE_AUTH
static int
a_issue_priority(void)
{
	struct ticket t;

	return queue_issue(&c, "pay", 1, &t, NULL, &e);
}

static int
a_rate(void)
{
	return rating_set(&c, served, "speed", 5, &e);
}

static int
a_user_add(void)
{
	static int n;
	char login[32];

	snprintf(login, sizeof login, "new%d", ++n);
	return auth_user_add(&c, login, ROLE_MANAGER, "pw-new-123", &e);
}

static int
a_user_passwd(void)
{
	return auth_user_passwd(&c, "mira", "pw-changed", &e);
}

static int
a_user_disable(void)
{
	int rc = auth_user_disable(&c, "mira", 1, &e);
	struct err e2;

	(void)auth_user_disable(&c, "mira", 0, &e2);
	return rc;
}
#endif

static int
a_inspect(void)
{
	static const struct inspection_item_new items[] = {
		{ "U1", RESULT_MET, NULL },
		{ "U4", RESULT_NOT_MET, "очередь 40 минут" },
	};
	struct inspection_new n;

	memset(&n, 0, sizeof n);
	n.date = "2026-12-29";
	n.kind = INSPECTION_INTERNAL;
	n.inspector = "Иванова И. И.";
	n.items = items;
	n.nitems = nitems(items);
	return inspection_add(&c, cat, &n, NULL, &e);
}

/*
 * Y allowed, N refused with OKNO_EPERM; the columns are system,
 * supervisor, the window's manager, another manager, auditor and (with
 * the auth module) the ticket terminal.
 */
static const struct {
	const char	*action;
	enum pre	 pre;
	int		(*fn)(void);
	window_fn	*win;		/* at window 1, when fn is NULL */
	const char	 allow[7];
	int		 rows_change;	/* an allowed run stores something */
} cases[] = {
	{ "issue a ticket", P_NONE, a_issue, NULL, "YYYYNY", 1 },
	{ "call the next ticket", P_OPEN, NULL, queue_call, "YYYNNN", 1 },
	{ "recall", P_SERVING, NULL, queue_recall, "YYYNNN", 1 },
	{ "finish", P_SERVING, NULL, queue_finish, "YYYNNN", 1 },
	{ "no-show", P_SERVING, NULL, queue_noshow, "YYYNNN", 1 },
	{ "transfer", P_SERVING, a_transfer, NULL, "YYYNNN", 1 },
	{ "postpone", P_SERVING, a_postpone, NULL, "YYYNNN", 1 },
	{ "open a free window", P_NONE, a_open_free, NULL, "YYYYNN", 1 },
	{ "open another's window", P_OPEN, a_open_taken, NULL, "YYYNNN", 0 },
	{ "close a window", P_OPEN, a_close, NULL, "YYYNNN", 1 },
	{ "pause a window", P_OPEN, a_pause, NULL, "YYYNNN", 1 },
	{ "resume a window", P_PAUSED, a_resume, NULL, "YYYNNN", 1 },
	{ "close the day", P_OPEN, a_close_day, NULL, "YYNNNN", 1 },
	{ "register an appeal", P_NONE, a_appeal_add, NULL, "YYYYNN", 1 },
	{ "change an appeal's status", P_APPEAL, a_appeal_update, NULL,
	    "YYYYNN", 1 },
	{ "extend an appeal", P_APPEAL, a_appeal_extend, NULL, "YYYYNN", 1 },
	{ "purge personal data", P_NONE, a_appeal_purge, NULL, "YYNNNN", 0 },
	{ "export a batch", P_NONE, a_export, NULL, "YYNNNN", 1 },
	{ "acknowledge a batch", P_NONE, a_export_ack, NULL, "YYNNNN", 1 },
	{ "record an inspection", P_NONE, a_inspect, NULL, "YYNNYN", 1 },
	{ "cancel a waiting ticket", P_OPEN, a_cancel, NULL, "YYNNNN", 1 },
	{ "give a ticket priority", P_OPEN, a_priority, NULL, "YYNNNN", 1 },
	{ "call a ticket out of order", P_OPEN, a_call_number, NULL,
	    "YYNNNN", 1 },
#ifdef HAVE_AUTH
	{ "issue a priority ticket", P_NONE, a_issue_priority, NULL,
	    "YYYYNN", 1 },
	{ "rate a finished visit", P_FINISHED, a_rate, NULL, "YYYNNN", 1 },
	{ "add a user", P_NONE, a_user_add, NULL, "YYNNNN", 1 },
	{ "set a manager's password", P_NONE, a_user_passwd, NULL,
	    "YYNNNN", 1 },
	{ "disable a user", P_NONE, a_user_disable, NULL, "YYNNNN", 0 },
#endif
};

int
main(void)
{
	plan((int)(nitems(cases) * W_N * 2));
	fx_office_open(&c, NULL, "roles.db", &actor_system);
	cat = fx_catalogue(c.cfg);
	snprintf(tmp, sizeof tmp, "%s/out", test_tmpdir());
	c.now = fx_at("2026-12-30T09:00:00+03:00");
#ifdef HAVE_AUTH
	must(auth_user_add(&c, "mira", ROLE_MANAGER, "pw-mira-123", &e),
	    "user");
#endif
	for (size_t i = 0; i < nitems(cases); i++)
		for (int w = 0; w < W_N; w++) {
			long long before, after;
			int rc, allowed = cases[i].allow[w] == 'Y';

			setup(cases[i].pre);
			before = rows();
			as(actors[w]);
			err_clear(&e);
			rc = cases[i].fn != NULL ? cases[i].fn() :
			    a_window(cases[i].win);
			as(&actor_system);
			after = rows();
			if (allowed)
				is_int(rc, OKNO_OK, "%s: %s may (%s)",
				    cases[i].action, names[w], e.msg);
			else
				is_int(rc, OKNO_EPERM, "%s: %s may not",
				    cases[i].action, names[w]);
			if (allowed && cases[i].rows_change &&
			    cases[i].fn != a_export_ack)
				ok(after != before, "%s: %s: stored",
				    cases[i].action, names[w]);
			else if (allowed)
				ok(1, "%s: %s: nothing to store",
				    cases[i].action, names[w]);
			else if (cases[i].fn == a_export_ack)
				/* The system's own batch was made first. */
				ok(e.code == OKNO_EPERM, "%s: %s: refused "
				    "before anything", cases[i].action,
				    names[w]);
			else
				ok(after == before, "%s: %s: nothing stored",
				    cases[i].action, names[w]);
			c.now += 60;
		}
	catalogue_free(cat);
	fx_office_close(&c);
	return 0;
}
