/* estimate.c: TAP tests of the wait estimate (estimate.h): the
 * simulation on its own, then queue_estimate on an office with hours
 * 08:00-20:00 and a lunch 13:00-13:45 at window 1: a window back from
 * lunch, a lunch still to come, an unscheduled pause, the opening, no
 * window serving the service, a queue too long for the day, tickets of
 * another service competing for the same window, today's service times
 * over the norm and the norm while too few.  Minutes were worked out by
 * hand from the contract. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate.h"
#include "fixture.h"
#include "queue.h"
#include "tap.h"

#define CONF \
	"branch = { code = \"T-1\"; name = \"Test\"; " \
	"timezone = \"Europe/Moscow\"; };\n" \
	"calendar = [ \"conf/calendar/ru-2026.xml\", " \
	"\"conf/calendar/ru-2027.xml\" ];\n" \
	"services = (\n" \
	"  { code = \"pay\"; prefix = \"A\"; name = \"Pay\"; wait_norm = 15;" \
	" service_norm = 10; },\n" \
	"  { code = \"meter\"; prefix = \"B\"; name = \"Meter\"; " \
	"wait_norm = 15; service_norm = 10; } );\n" \
	"windows = ( { number = 1; services = [ \"pay\", \"meter\" ]; " \
	"lunch = \"13:00-13:45\"; },\n" \
	"  { number = 2; services = [ \"meter\" ]; } );\n" \
	"hours = { week = [ \"08:00-20:00\", \"08:00-20:00\", " \
	"\"08:00-20:00\", \"08:00-20:00\", \"08:00-20:00\", \"\", \"\" ];\n" \
	"  shortened = 60; cutoff = 15; };\n"

static struct config *cfg;
static struct ctx c;
static struct err e;

static void
issue(const char *service)
{
	struct ticket t;

	if (queue_issue(&c, service, 0, &t, NULL, &e) != OKNO_OK)
		bail("issue %s: %s", service, e.msg);
}

/* A visit of service at window w lasting secs, from c.now on. */
static void
visit(int w, const char *service, int secs)
{
	struct ticket t;

	issue(service);
	if (queue_call(&c, w, &t, &e) != OKNO_OK)
		bail("call: %s", e.msg);
	c.now += secs;
	if (queue_finish(&c, w, &t, &e) != OKNO_OK)
		bail("finish: %s", e.msg);
}

static void
at(const char *iso)
{
	c.now = fx_at(iso);
}

static struct estimate
est(const char *service)
{
	struct estimate x;

	if (queue_estimate(&c, config_service_index(cfg, service), 0, &x,
	    &e) != OKNO_OK)
		bail("estimate: %s", e.msg);
	return x;
}

static void
day_over(void)
{
	int n;

	if (queue_close_day(&c, &n, &e) != OKNO_OK)
		bail("close day: %s", e.msg);
}

static void
test_run(void)
{
	static const int s0[] = { 0 }, s1[] = { 1 };
	static const double svc_s[] = { 600, 300 };
	struct est_window w[2];
	struct est_ticket q[3];
	struct est_input in;
	time_t now = 1000000, t;

	memset(&in, 0, sizeof in);
	memset(w, 0, sizeof w);
	in.now = now;
	in.service_s = svc_s;
	in.windows = w;
	in.nwindows = 1;
	in.queue = q;
	w[0].services = s0;
	w[0].nservices = 1;
	w[0].free_at = now;
	ok(estimate_run(&in, &t) && t == now, "run: a free window, nobody "
	    "ahead: called now");
	q[0] = (struct est_ticket){ 0, 0, now };
	q[1] = (struct est_ticket){ 0, 0, now };
	in.nqueue = 2;
	w[0].lunch_start = now + 600;
	w[0].lunch_end = now + 55 * 60;
	ok(estimate_run(&in, &t) && t == now + 65 * 60, "run: the second "
	    "ticket ahead waits out the lunch: called in 65 min");
	in.closes = now + 65 * 60;
	ok(!estimate_run(&in, &t), "run: the closing comes first: late");
	in.closes = 0;
	w[0].lunch_start = w[0].lunch_end = 0;
	in.priority = 1;
	ok(estimate_run(&in, &t) && t == now, "run: a priority ticket goes "
	    "first");
	in.priority = 0;
	q[0].ready = now + 3600;	/* postponed, back in an hour */
	ok(estimate_run(&in, &t) && t == now + 600, "run: a postponed ticket "
	    "is not called before it is back");
	in.service = 1;
	ok(!estimate_run(&in, &t), "run: no window serves the service");
	w[1].services = s1;
	w[1].nservices = 1;
	w[1].free_at = now + 100;
	in.nwindows = 2;
	ok(estimate_run(&in, &t) && t == now + 100, "run: the window that "
	    "serves it, free in 100 s");
	double v[] = { 240, 1800, 240, 250 };
	is_int((int)estimate_median(v, 4), 240, "median, nearest rank: 2nd "
	    "of 4");
	is_int((int)estimate_service_time(v, 4), (240 + 240 + 250 + 720) / 4,
	    "service time: the mean, 1800 cut to 3 x 240");
}

/* Window 1 on lunch returns at 13:45; a lunch still to come; a pause
 * without a schedule. */
static void
test_lunch(void)
{
	struct estimate x;
	struct ticket t;

	at("2026-12-28T10:00:00+03:00");	/* a Monday */
	queue_window_open(&c, 1, NULL, &e);
	at("2026-12-28T12:50:00+03:00");
	issue("pay");
	issue("pay");
	x = est("pay");
	is_int(x.ahead, 2, "12:50: two ahead");
	is_int(x.minutes, 65, "12:50: 12:50 and 13:45 (after the lunch) for "
	    "those ahead, 13:55 ours: 65 min");
	/* The lunch is okno's: the window pauses by itself (queue-lunch.c). */
	at("2026-12-28T13:00:00+03:00");
	is_int(queue_window_schedule(&c, &e), OKNO_OK, "13:00: "
	    "window 1 pauses for lunch");
	at("2026-12-28T13:10:00+03:00");
	x = est("pay");
	is_int(x.minutes, 55, "13:10, the window on lunch: back at 13:45, "
	    "two ahead, ours at 14:05: 55 min");
	is_int(x.late, 0, "not late");
	is_int(x.windows, 0, "no window serving pay is open now");
	is_int(x.unserved, 1, "so no one serves it now, the wait stands "
	    "(issue 19)");
	at("2026-12-28T13:45:00+03:00");
	queue_window_resume(&c, 1, &e);
	queue_call(&c, 1, &t, &e);
	c.now += 600;
	queue_call(&c, 1, &t, &e);
	c.now += 600;
	queue_finish(&c, 1, &t, &e);
	at("2026-12-28T15:00:00+03:00");
	issue("pay");
	issue("pay");
	queue_window_pause(&c, 1, "tech", &e);
	at("2026-12-28T15:05:00+03:00");
	is_int(est("pay").minutes, 30, "a pause without a schedule is "
	    "taken to last 15 min: 15:15, 15:25, ours 15:35");
	day_over();
}

/* Before the opening; no window for the service; a queue longer than
 * the day. */
static void
test_closing(void)
{
	struct estimate x;
	char when[32];

	at("2026-12-29T07:30:00+03:00");
	x = est("pay");
	is_int(x.minutes, 30, "07:30: the windows open at 08:00: 30 min");
	at("2026-12-29T09:00:00+03:00");
	queue_window_open(&c, 2, NULL, &e);
	x = est("pay");
	is_int(x.unserved, 1, "09:00, only window 2 (meter) open: no one "
	    "serves pay (issue 19)");
	is_int(x.late, 0, "not late: nothing says window 1 opens today");
	is_int(x.minutes, -1, "and has no minutes");
	is_int(est("meter").late, 0, "meter is served");
	is_int(est("meter").unserved, 0, "by an open window");
	at("2026-12-29T18:50:00+03:00");
	queue_window_open(&c, 1, NULL, &e);
	for (int i = 0; i < 6; i++)
		issue("pay");
	x = est("pay");
	is_int(x.late, 0, "18:50, six ahead of 10 min: called at 19:50");
	is_int(x.minutes, 60, "60 min");
	issue("pay");
	x = est("pay");
	is_int(x.late, 1, "seven ahead: the 20:00 closing comes first");
	time_format_iso(x.closes, when, sizeof when);
	is_string(when, "2026-12-29T20:00:00+03:00", "the closing it misses");
	is_int(x.unserved, 0, "window 1 serves it");
	day_over();
}

/* Service times: the norm while fewer than ESTIMATE_MIN_VISITS today,
 * then today's median (older visits do not count). */
static void
test_service_times(void)
{
	struct estimate x;

	at("2026-12-30T09:00:00+03:00");
	queue_window_open(&c, 1, NULL, &e);
	for (int i = 0; i < 5; i++)
		visit(1, "pay", 20 * 60);	/* a slow day */
	day_over();
	at("2027-01-11T09:00:00+03:00");
	queue_window_open(&c, 1, NULL, &e);
	visit(1, "pay", 240);
	visit(1, "pay", 240);
	issue("pay");
	issue("pay");
	x = est("pay");
	is_int(x.minutes, 20, "two visits today: the 10 min norm, "
	    "not December's 20 min nor today's 4 (2 x 10)");
	day_over();
	at("2027-01-11T10:00:00+03:00");
	queue_window_open(&c, 1, NULL, &e);
	visit(1, "pay", 30 * 60);
	issue("pay");
	issue("pay");
	x = est("pay");
	is_int(x.minutes, 14, "three visits today (4, 4, 30 min): their "
	    "mean with 30 cut to 3 x the median, 12: 2 x 6.7 min");
	day_over();
}

/* Tickets of another service before ours at the same window. */
static void
test_competition(void)
{
	struct ticket t;

	at("2027-01-12T10:00:00+03:00");
	queue_window_open(&c, 1, NULL, &e);
	issue("meter");
	issue("meter");
	is_int(est("pay").minutes, 20, "two meter tickets first at window "
	    "1, the only one open: 20 min");
	is_int(est("pay").ahead, 0, "though nobody waits for pay");
	queue_window_open(&c, 2, NULL, &e);
	is_int(est("pay").minutes, 10, "window 2 opens and takes one meter: "
	    "10 min");
	queue_call(&c, 1, &t, &e);
	c.now += 240;
	is_int(est("pay").minutes, 6, "10:04, window 1 serving since 10:00 "
	    "(10 min expected), window 2 takes the other: 6 min");
	day_over();
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(34);
	if (config_load_string(CONF, "okno.conf", &cfg, &e) != OKNO_OK)
		bail("config: %s", e.msg);
	fx_db_open(&c, cfg, "e.db", &actor_system);
	test_run();
	test_lunch();
	test_closing();
	test_service_times();
	test_competition();
	fx_db_close(&c);
	config_free(cfg);
	return 0;
}
