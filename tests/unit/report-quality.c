/* report-quality.c: TAP tests of the report's other sections: the CSI's
 * arithmetic and rounding, a database from before ratings, unknown codes,
 * ticket ids out of day order, and the appeals' on-time boundary at local
 * midnight. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "report.h"
#include "tap.h"

static struct ctx c;
static struct err e;

static void
test_csi(void)
{
	const double w4[] = { 0.3, 0.3, 0.2, 0.2 }, w2[] = { 0.5, 0.5 };
	int a[4];

	a[0] = a[1] = a[2] = a[3] = -1;
	is_int(report_csi100(a, w4, 4), -1, "no ratings: no CSI");
	a[2] = 437;
	is_int(report_csi100(a, w4, 4), 437, "one criterion rated: its mean");
	a[0] = 405; a[1] = 400; a[2] = 400; a[3] = 400;
	is_int(report_csi100(a, w4, 4), 402, "401.5 rounds up to 4.02 "
	    "(0.3 * 405 is not exact in binary)");
	a[0] = 401; a[1] = 400;
	is_int(report_csi100(a, w2, 2), 401, "400.5 rounds up");
	a[0] = 500; a[1] = 100; a[2] = -1; a[3] = -1;
	is_int(report_csi100(a, w4, 4), 300, "weights of the rated criteria "
	    "only: (0.3 * 5 + 0.3 * 1) / 0.6 = 3.00");
	a[0] = 100; a[1] = 100; a[2] = 500; a[3] = 500;
	is_int(report_csi100(a, w4, 4), 260, "(0.6 * 1 + 0.4 * 5) = 2.60");
}

static void
test_no_ratings_table(void)
{
	struct report_feedback *r;

	fx_exec(c.db, "INSERT INTO tickets (day, prefix, seq, number, service,"
	    " issued_at, status, window, manager, calls, updated_at) VALUES"
	    " ('2026-12-01', 'A', 1, 'A001', 'pay', 0, 'finished', 1, 'm1',"
	    " 1, 0), ('2026-12-01', 'A', 2, 'A002', 'gone', 0, 'finished', 1,"
	    " NULL, 1, 0), ('2026-12-01', 'A', 3, 'A003', 'pay', 0, 'noshow',"
	    " 1, 'm1', 1, 0)");
	fx_exec(c.db, "DROP TABLE IF EXISTS ratings");
	if (!is_int(report_feedback(&c, "2026-12-01", "2026-12-01", &r, &e),
	    OKNO_OK, "feedback without a ratings table"))
		bail("%s", e.msg);
	/* all, 9 services, "gone", m1; 4 criteria + csi each. */
	is_int((long long)r->nrows, (1 + 9 + 1 + 1) * 5, "rows: all, "
	    "services, a service no longer configured, a manager");
	ok(strcmp(r->rows[0].group, "all") == 0 && r->rows[0].visits == 2 &&
	    r->rows[0].rated_visits == 0 && r->rows[0].avg100 == -1,
	    "all: two visits, none rated, no mean");
	ok(strcmp(r->rows[4].criterion, REPORT_CSI) == 0 &&
	    r->rows[4].avg100 == -1, "no CSI");
	ok(strcmp(r->rows[50].group, "service") == 0 &&
	    strcmp(r->rows[50].key, "gone") == 0, "the unknown service after "
	    "the configured ones");
	ok(strcmp(r->rows[55].group, "manager") == 0 &&
	    strcmp(r->rows[55].key, "m1") == 0 && r->rows[55].visits == 1,
	    "the manager: one finished visit");
	report_feedback_free(r);
	is_int(report_feedback(&c, "2026-12-02", "2026-12-01", &r, &e),
	    OKNO_EINVAL, "a period backwards");
	{
		struct report_appeals *ra;

		is_int(report_appeals(&c, "2026-12-01", "2026-13-01", &ra,
		    &e), OKNO_EINVAL, "a bad date");
	}
}

/* Ids follow issue time but need not: a clock that went back. */
static void
test_merge_order(void)
{
	struct report_feedback *r;

	fx_exec(c.db,
	    "CREATE TABLE IF NOT EXISTS ratings (id INTEGER PRIMARY KEY,"
	    " ticket_id INTEGER NOT NULL, criterion TEXT NOT NULL,"
	    " score INTEGER NOT NULL, at INTEGER NOT NULL, manager TEXT,"
	    " updated_at INTEGER NOT NULL, UNIQUE (ticket_id, criterion));"
	    "INSERT INTO tickets (id, day, prefix, seq, number, service,"
	    " issued_at, status, window, manager, calls, updated_at) VALUES"
	    " (100, '2026-12-05', 'B', 1, 'B001', 'pay', 0, 'finished', 1,"
	    " 'm1', 1, 0), (101, '2026-11-30', 'B', 1, 'B001', 'pay', 0,"
	    " 'finished', 1, 'm2', 1, 0), (102, '2026-12-05', 'B', 2, 'B002',"
	    " 'pay', 0, 'finished', 1, 'm1', 1, 0), (103, '2026-12-05', 'B',"
	    " 3, 'B003', 'pay', 0, 'noshow', 1, 'm1', 1, 0);"
	    "INSERT INTO ratings (ticket_id, criterion, score, at, updated_at)"
	    " VALUES (102, 'speed', 5, 0, 0), (101, 'speed', 1, 0, 0),"
	    " (100, 'info', 4, 0, 0), (100, 'speed', 3, 0, 0),"
	    " (103, 'speed', 1, 0, 0)");
	if (report_feedback(&c, "2026-12-05", "2026-12-05", &r, &e) !=
	    OKNO_OK)
		bail("%s", e.msg);
	ok(r->rows[0].visits == 2 && r->rows[0].rated_visits == 2 &&
	    r->rows[0].ratings == 2 && r->rows[0].avg100 == 400,
	    "speed on 5 Dec: two visits, scores 3 and 5 (not the 30 Nov "
	    "ticket between them, not the no-show)");
	ok(r->rows[3].ratings == 1 && r->rows[3].avg100 == 400,
	    "info: one rating of 4");
	report_feedback_free(r);
	if (report_feedback(&c, "2026-11-30", "2026-11-30", &r, &e) !=
	    OKNO_OK)
		bail("%s", e.msg);
	ok(r->rows[0].visits == 1 && r->rows[0].ratings == 1 &&
	    r->rows[0].avg100 == 100, "30 Nov: the ticket issued after "
	    "the clock went back");
	report_feedback_free(r);
}

/* The wait bands against the norm (15 min for pay): their edges. */
static void
test_bands(void)
{
	static const int64_t waits[] = { 450, 451, 900, 901, 1350, 1351, 1800,
	    1801 };
	struct report *r;
	struct stmt *st;

	for (size_t i = 0; i < nitems(waits); i++) {
		st = fx_prepare(c.db, "INSERT INTO tickets (day, prefix, seq,"
		    " number, service, issued_at, status, window, calls, wait_s,"
		    " updated_at) VALUES ('2026-10-01', 'Z', :seq, 'Z', :svc, 0,"
		    " 'noshow', 1, 1, :w, 0)");
		db_bind_int(st, ":seq", (int64_t)i + 1);
		db_bind_text(st, ":svc", "pay");
		db_bind_int(st, ":w", waits[i]);
		fx_run(st);
	}
	if (report_queue(&c, "2026-10-01", "2026-10-01", &r, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(r->rows[0].wait.band[0] == 1 && r->rows[0].wait.band[1] == 2 &&
	    r->rows[0].wait.band[2] == 2 && r->rows[0].wait.band[3] == 2 &&
	    r->rows[0].wait.band[4] == 1, "bands: half the norm, the norm, "
	    "1.5, 2 times it are each their band's top (%lld %lld %lld %lld "
	    "%lld)", (long long)r->rows[0].wait.band[0],
	    (long long)r->rows[0].wait.band[1],
	    (long long)r->rows[0].wait.band[2],
	    (long long)r->rows[0].wait.band[3],
	    (long long)r->rows[0].wait.band[4]);
	report_free(r);
}

static void
test_appeal_midnight(void)
{
	struct report_appeals *r;

	/* Due 2026-12-10: answered at 23:59:59 and at 00:00:00 local. */
	fx_exec(c.db,
	    "INSERT INTO appeals (reg_no, branch, year, seq, registered_at,"
	    " reg_date, channel, kind, client_type, client_name, topic,"
	    " status, due_date, due_date_orig, answered_at, updated_at)"
	    " VALUES ('R1', 'T', 2026, 1, 0, '2026-11-10', 'written',"
	    " 'complaint', 'individual', 'X', 'T', 'answered', '2026-12-10',"
	    " '2026-12-10', 1796936399, 0), ('R2', 'T', 2026, 2, 0,"
	    " '2026-11-10', 'written', 'complaint', 'individual', 'X', 'T',"
	    " 'answered', '2026-12-10', '2026-12-10', 1796936400, 0)");
	if (report_appeals(&c, "2026-11-01", "2026-11-30", &r, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(r->rows[0].registered == 2 && r->rows[0].closed == 2 &&
	    r->rows[0].closed_on_time == 1, "the last second of the due date "
	    "is on time, the first of the next day is not");
	is_int(r->rows[0].closed_on_time_pct10, 500, "50.0%%");
	is_string(r->today, "2027-01-20", "overdue is as of the branch's "
	    "today");
	report_appeals_free(r);
}

int
main(void)
{
	plan_lazy();
	fx_office_open(&c, NULL, "q.db", &actor_system);
	c.now = fx_at("2027-01-20T10:00:00+03:00");
	test_csi();
	test_no_ratings_table();
	test_merge_order();
	test_bands();
	test_appeal_midnight();
	fx_office_close(&c);
	return 0;
}
