/* report.c: TAP tests of the queue report: nearest-rank percentiles,
 * rounding, period boundaries in the branch's zone, empty periods, the
 * refinement passes above the fine histogram, local hours across DST. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "report.h"
#include "tap.h"

static struct config_service svcs[] = {
	{ "pay", "A", "Payments", 15, 10 },
	{ "meter", "B", "Meters", 20, 5 },
};
static int w1s[] = { 0, 1 }, w2s[] = { 1 };
static struct config_window wins[] = { { 1, w1s, 2 }, { 2, w2s, 1 } };
static struct config cfg;
static struct ctx c;
static struct err e;
static int seq;

/* A ticket as the queue would leave it; day from the branch's zone. */
static void
put(const char *service, time_t issued, const char *status, int window,
    const char *manager, int calls, int64_t wait, int64_t service_s)
{
	struct stmt *st;
	char day[16], prefix[2];

	time_format_date(issued, day, sizeof day);
	if (db_prepare(c.db, &st, &e, "INSERT INTO tickets (day, prefix, seq,"
	    " number, service, issued_at, status, window, manager, wait_s,"
	    " service_s, calls, updated_at) VALUES (:day, :p, :seq, 'X',"
	    " :svc, :at, :st, :w, :m, :ws, :ss, :calls, :at)") != OKNO_OK)
		bail("%s", e.msg);
	db_bind_text(st, ":day", day);
	/* The day index orders by prefix: one per service, so a day's
	 * tickets come out of time order as in real life. */
	snprintf(prefix, sizeof prefix, "%c", service[0]);
	db_bind_text(st, ":p", prefix);
	db_bind_int(st, ":seq", ++seq);
	db_bind_text(st, ":svc", service);
	db_bind_int(st, ":at", issued);
	db_bind_text(st, ":st", status);
	db_bind_opt_int(st, ":w", window);
	db_bind_text(st, ":m", manager);
	db_bind_int(st, ":ws", wait);
	db_bind_int(st, ":ss", service_s);
	db_bind_int(st, ":calls", calls);
	if (db_step(st, &e) != DB_DONE)
		bail("%s", e.msg);
	db_finalize(st);
}

static const struct report_row *
row(const struct report *r, enum report_group g, const char *key)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (r->rows[i].group == g && strcmp(r->rows[i].key, key) == 0)
			return &r->rows[i];
	return NULL;
}

static struct report *
run(const char *from, const char *to)
{
	struct report *r;

	if (report_queue(&c, from, to, &r, &e) != OKNO_OK)
		bail("report %s..%s: %s", from, to, e.msg);
	return r;
}

static void
test_arithmetic(void)
{
	is_int(report_rank(50, 1), 1, "median of 1 is the 1st");
	is_int(report_rank(50, 2), 1, "median of 2 is the 1st (ceil 1.0)");
	is_int(report_rank(50, 3), 2, "median of 3 is the 2nd (ceil 1.5)");
	is_int(report_rank(50, 4), 2, "median of 4 is the 2nd");
	is_int(report_rank(90, 1), 1, "p90 of 1 is the 1st");
	is_int(report_rank(90, 10), 9, "p90 of 10 is the 9th");
	is_int(report_rank(90, 11), 10, "p90 of 11 is the 10th (ceil 9.9)");
	is_int(report_rank(90, 100), 90, "p90 of 100 is the 90th");
	is_int(report_rank(90, 101), 91, "p90 of 101 is the 91st (ceil 90.9)");
	is_int(report_rank(90, INT64_C(1000000000001)),
	    INT64_C(900000000001), "p90 of 10^12 + 1: exact, no float");
	is_int(report_rank(50, 0), 0, "no rank of nothing");

	is_int(report_round_div(5, 2), 3, "2.5 rounds to 3");
	is_int(report_round_div(-5, 2), -3, "-2.5 rounds to -3 (away)");
	is_int(report_round_div(7, 3), 2, "2.33 rounds to 2");
	is_int(report_round_div(8, 3), 3, "2.67 rounds to 3");
	is_int(report_round_div(1, 3), 0, "0.33 rounds to 0");
	is_int(report_round_div(-8, 3), -3, "-2.67 rounds to -3");
	is_int(report_round_div(0, 7), 0, "0 stays 0");
	is_int(report_round_div(3, 0), 0, "no division by zero");

	is_int(report_pct10(1, 3), 333, "1 of 3 is 33.3%%");
	is_int(report_pct10(2, 3), 667, "2 of 3 is 66.7%%");
	is_int(report_pct10(1, 16), 63, "6.25%% rounds half away to 6.3");
	is_int(report_pct10(1, 8), 125, "12.5%% exactly");
	is_int(report_pct10(3, 3), 1000, "all is 100.0%%");
	is_int(report_pct10(0, 0), -1, "no share of nothing");
}

static void
test_empty(void)
{
	struct report *r = run("2025-01-01", "2025-01-31");
	const struct report_row *a = row(r, REPORT_ALL, "all");
	int zero = 1;

	is_int((long long)r->nrows, 1 + 2 + 2 + 24, "empty period: all, the "
	    "configured services and windows, 24 hours");
	ok(a != NULL && a->tickets == 0 && a->wait.n == 0 &&
	    a->service.n == 0, "empty period: all row empty");
	ok(a != NULL && a->wait.within_pct10 == -1 &&
	    a->service.within_pct10 == -1, "empty period: no shares");
	for (size_t i = 0; i < r->nrows; i++)
		if (r->rows[i].tickets != 0 || r->rows[i].wait.n != 0)
			zero = 0;
	ok(zero, "empty period: every row is zero");
	is_string(r->rows[1].key, "pay", "services follow all, config order");
	is_string(r->rows[3].key, "1", "then windows");
	is_string(r->rows[5].key, "00", "then hours from 00");
	is_string(r->rows[28].key, "23", "to 23");
	report_free(r);
	is_int(report_queue(&c, "2025-02-01", "2025-01-31", &r, &e),
	    OKNO_EINVAL, "from after to is refused");
	is_int(report_queue(&c, "2025-02-30", "2025-03-01", &r, &e),
	    OKNO_EINVAL, "30 February is refused");
	ok(r == NULL, "no report on error");
}

/* Boundaries: the period is branch-local dates (Moscow, UTC+3). */
static void
test_boundaries(void)
{
	struct report *r;
	const struct report_row *a;

	put("pay", fx_at("2026-12-31T23:59:59+03:00"), "finished", 1, "ivan", 1,
	    60, 120);
	put("pay", fx_at("2027-01-01T00:00:00+03:00"), "finished", 1, "ivan", 1,
	    60, 120);
	put("meter", fx_at("2026-12-01T00:00:00+03:00"), "noshow", 2, NULL, 1,
	    30, 10);
	r = run("2026-12-01", "2026-12-31");
	a = row(r, REPORT_ALL, "all");
	is_int(a->tickets, 2, "December: 00:00 on the 1st and 23:59:59 on "
	    "the 31st (local) are in");
	is_int(row(r, REPORT_HOUR, "23")->tickets, 1, "hour 23 (local)");
	is_int(row(r, REPORT_HOUR, "00")->tickets, 1, "hour 00 (local)");
	is_int(a->noshow, 1, "one no-show");
	is_int(a->wait.n, 2, "a no-show's wait counts");
	is_int(a->service.n, 1, "a no-show's service does not");
	is_int(row(r, REPORT_MANAGER, "ivan")->tickets, 1, "manager ivan");
	is_int(row(r, REPORT_WINDOW, "2")->tickets, 1,
	    "window 2 has the no-show");
	report_free(r);
	r = run("2027-01-01", "2027-01-01");
	is_int(row(r, REPORT_ALL, "all")->tickets, 1,
	    "00:00 local on the next day is out of December, in January");
	report_free(r);
	fx_exec(c.db, "DELETE FROM tickets");
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* A pseudo-random generator, so the test is the same every run. */
static uint64_t lcg = 12345;
static int64_t
rnd(int64_t n)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int64_t)((lcg >> 33) % (uint64_t)n);
}

/*
 * Percentiles against sorting: values spread so that medians and p90s fall
 * in the fine histogram, just above it, far above it (several refinement
 * passes) and at huge values.
 */
static void
test_percentiles(void)
{
	enum { N = 2001 };
	static int64_t w[N], s[N];
	int64_t ws[N], ss[N], sum = 0, ssum = 0, within = 0, sw = 0;
	size_t nw = 0, ns = 0;
	time_t t0 = fx_at("2026-06-10T09:00:00+03:00");
	const struct report_row *a, *p, *u;
	struct report *r;
	char msg[64];
	int k;

	for (k = 0; k < 5; k++) {
		nw = ns = 0;
		sum = ssum = within = sw = 0;
		fx_exec(c.db, "DELETE FROM tickets");
		for (int i = 0; i < N; i++) {
			int64_t range = k == 0 ? 3600 : k == 1 ? 7200 :
			    k == 2 ? 200000 : k == 3 ? INT64_C(90000000000) :
			    40;
			int fin = rnd(10) < 8, called = rnd(20) > 0;

			w[i] = rnd(range) + (k == 1 ? 3000 : 0);
			s[i] = rnd(range);
			put(i % 7 == 0 ? "gone" : "pay", t0 + i, called ?
			    (fin ? "finished" : "noshow") : "cancelled",
			    called ? 1 : 0, called ? "ivan" : NULL,
			    called, called ? w[i] : 0,
			    called && fin ? s[i] : 0);
			if (called) {
				ws[nw++] = w[i];
				sum += w[i];
				if (i % 7 != 0) {
					within += w[i] <= 900;
					sw++;
				}
			}
			if (called && fin) {
				ss[ns++] = s[i];
				ssum += s[i];
			}
		}
		qsort(ws, nw, sizeof ws[0], cmp64);
		qsort(ss, ns, sizeof ss[0], cmp64);
		r = run("2026-06-10", "2026-06-10");
		a = row(r, REPORT_ALL, "all");
		snprintf(msg, sizeof msg, "set %d (%zu waits, %zu services)", k,
		    nw, ns);
		is_int(a->wait.n, (long long)nw, "%s: wait n", msg);
		is_int(a->wait.avg, report_round_div(sum, (int64_t)nw),
		    "%s: wait avg", msg);
		is_int(a->wait.median, ws[report_rank(50, (int64_t)nw) - 1],
		    "%s: wait median", msg);
		is_int(a->wait.p90, ws[report_rank(90, (int64_t)nw) - 1],
		    "%s: wait p90", msg);
		is_int(a->wait.max, ws[nw - 1], "%s: wait max", msg);
		is_int(a->wait.within_pct10, report_pct10(within, sw),
		    "%s: within norm over known norms only", msg);
		is_int(a->service.n, (long long)ns, "%s: service n", msg);
		is_int(a->service.avg, report_round_div(ssum, (int64_t)ns),
		    "%s: service avg", msg);
		is_int(a->service.median, ss[report_rank(50, (int64_t)ns) - 1],
		    "%s: service median", msg);
		is_int(a->service.p90, ss[report_rank(90, (int64_t)ns) - 1],
		    "%s: service p90", msg);
		u = row(r, REPORT_SERVICE, "gone");
		ok(u != NULL && u == &r->rows[3] && u->wait.within_pct10 == -1,
		    "%s: a service no longer configured: own row after the "
		    "configured ones, no norm share", msg);
		p = row(r, REPORT_WINDOW, "1");
		ok(p != NULL && p->tickets == (int64_t)nw,
		    "%s: only called tickets in the window row", msg);
		report_free(r);
	}
	fx_exec(c.db, "DELETE FROM tickets");
}

/* Local hours against localtime_r, every 7 minutes over two days around
 * each DST change, in a zone with DST and one 5:45 off UTC. */
static void
test_hours(const char *zone, const char *day1, const char *day2)
{
	int want[24] = { 0 };
	struct report *r;
	char key[16], t1[32];
	time_t t, from, to;
	int bad = 0;

	fx_tz(zone);
	snprintf(t1, sizeof t1, "%sT00:00:00", day1);
	from = fx_at(t1);
	snprintf(t1, sizeof t1, "%sT23:59:59", day2);
	to = fx_at(t1);
	fx_exec(c.db, "DELETE FROM tickets");
	for (t = from; t <= to; t += 7 * 60 + 3) {
		struct tm tm;

		localtime_r(&t, &tm);
		want[tm.tm_hour]++;
		/* Out of order, as the day index returns them. */
		put(tm.tm_min % 2 ? "pay" : "meter", t, "cancelled", 0, NULL,
		    0, 0, 0);
	}
	r = run(day1, day2);
	for (int h = 0; h < 24; h++) {
		snprintf(key, sizeof key, "%02d", h);
		if (row(r, REPORT_HOUR, key)->tickets != want[h]) {
			diag("%s hour %s: %lld, want %d", zone, key,
			    (long long)row(r, REPORT_HOUR, key)->tickets,
			    want[h]);
			bad++;
		}
	}
	ok(bad == 0, "%s %s..%s: every hour as localtime_r says", zone, day1,
	    day2);
	report_free(r);
	fx_exec(c.db, "DELETE FROM tickets");
	fx_tz("Europe/Moscow");
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(25 + 11 + 9 + 5 * 12 + 4);
	cfg.services = svcs;
	cfg.nservices = nitems(svcs);
	cfg.windows = wins;
	cfg.nwindows = nitems(wins);
	fx_db_open(&c, &cfg, "r.db", &actor_system);
	c.now = fx_at("2027-01-02T12:00:00+03:00");
	test_arithmetic();
	test_empty();
	test_boundaries();
	test_percentiles();
	test_hours("America/New_York", "2026-03-07", "2026-03-09");
	test_hours("America/New_York", "2026-10-31", "2026-11-02");
	test_hours("Asia/Kathmandu", "2026-05-01", "2026-05-02");
	test_hours("Australia/Lord_Howe", "2026-04-04", "2026-04-06");
	fx_db_close(&c);
	return 0;
}
