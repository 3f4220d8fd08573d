/* lunch.c: the windows' scheduled lunch (queue-lunch.c) with a fixed
 * clock: reached while free (paused at its start), while serving (paused
 * when the visit ends, a call refused), found late (both events at their
 * scheduled times), resumed at its end; a manager's own pause and a
 * manager's resume left alone; no lunch on a closed day; coded pause
 * reasons and notes (queue_window_pause_note). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "queue.h"
#include "tap.h"

/* 2026-12-16 is a Wednesday (08:00-20:00); 2026-12-20 a Sunday (closed).
 * No calendar: the week alone decides. */
#define CONF \
	"branch = { code = \"T-1\"; name = \"Test\"; " \
	"timezone = \"Europe/Moscow\"; };\n" \
	"services = ( { code = \"pay\"; prefix = \"A\"; name = \"Pay\"; " \
	"wait_norm = 15; service_norm = 10; } );\n" \
	"windows = ( { number = 1; services = [ \"pay\" ]; " \
	"lunch = \"13:00-13:45\"; },\n" \
	"  { number = 2; services = [ \"pay\" ]; " \
	"lunch = \"13:00-13:45\"; },\n" \
	"  { number = 3; services = [ \"pay\" ]; " \
	"lunch = \"13:00-13:45\"; },\n" \
	"  { number = 4; services = [ \"pay\" ]; } );\n" \
	"hours = { week = [ \"08:00-20:00\", \"08:00-20:00\", " \
	"\"08:00-20:00\", \"08:00-20:00\", \"08:00-19:00\", \"09:00-16:00\", " \
	"\"\" ]; };\n" \
	"pause_reasons = ( { code = \"lunch\"; name = \"Lunch\"; },\n" \
	"  { code = \"tech\"; name = \"Technical\"; } );\n"

static struct ctx c;
static struct err e;

static void
at(const char *hm)
{
	char iso[64];

	snprintf(iso, sizeof iso, "2026-12-16T%s:00+03:00", hm);
	c.now = fx_at(iso);
}

static const char *
state(int window)
{
	static char buf[300];
	struct window_info wi;

	if (queue_window(&c, window, &wi, &e) != OKNO_OK)
		bail("queue_window: %s", e.msg);
	snprintf(buf, sizeof buf, "%s%s%s", window_state_name(wi.state),
	    wi.reason[0] ? ":" : "", wi.reason);
	return buf;
}

/* The window's events since the first of December or since c.now when
 * after is set, as "HH:MM event reason (note)", ';'-separated. */
static int after;

static const char *
wevents(int window)
{
	struct stmt *st;

	st = fx_prepare(c.db, "SELECT strftime('%H:%M', at,"
	    " 'unixepoch', '+3 hours') || ' ' || event ||"
	    " coalesce(' ' || reason, '') || coalesce(' (' || note || ')', '')"
	    " FROM window_events WHERE window = :w AND at >= :since"
	    " ORDER BY id");
	db_bind_int(st, ":w", window);
	db_bind_int(st, ":since", after ? fx_at("2026-12-17T00:00:00+03:00") :
	    0);
	return fx_rows(st, "; ");
}

static void
must(int rc, const char *what)
{
	if (rc != OKNO_OK)
		bail("%s: %s", what, e.msg);
}

static void
test_free(void)
{
	struct ticket t;
	struct queue_lunch ql;

	at("12:00");
	must(queue_window_open(&c, 1, NULL, &e), "open 1");
	ok(queue_lunch_today(c.cfg, 1, c.now, &ql) == 1 &&
	    ql.start == fx_at("2026-12-16T13:00:00+03:00") &&
	    ql.end == fx_at("2026-12-16T13:45:00+03:00"),
	    "today's break of window 1: 13:00-13:45");
	ok(queue_lunch_today(c.cfg, 4, c.now, &ql) == 0,
	    "window 4 has no break");
	at("12:59");
	is_int(queue_window_schedule(&c, &e), OKNO_NONE,
	    "12:59: nothing due, nothing written");
	is_string(state(1), "free", "free before the break");
	at("13:05");
	is_int(queue_window_schedule(&c, &e), OKNO_OK, "13:05: due");
	is_string(state(1), "paused:lunch", "a free window pauses for lunch");
	is_string(wevents(1), "12:00 opened; 13:00 paused lunch (scheduled)",
	    "the pause is recorded at the break's start, not when noticed");
	is_int(queue_window_schedule(&c, &e), OKNO_NONE,
	    "asked again: nothing more");
	queue_issue(&c, "pay", 0, &t, NULL, &e);
	at("13:10");
	is_int(queue_call(&c, 1, &t, &e), OKNO_ESTATE,
	    "a call during the lunch is refused");
	ok(strstr(e.msg, "lunch break until 13:45; resume it") != NULL,
	    "saying until when and how to go on: %s", e.msg);
	at("13:50");
	is_int(queue_window_schedule(&c, &e), OKNO_OK, "13:50: due");
	is_string(state(1), "free", "the window is back after its break");
	is_string(wevents(1), "12:00 opened; 13:00 paused lunch (scheduled); "
	    "13:45 resumed (scheduled)", "resumed at the break's end");
	at("14:00");
	is_int(queue_window_schedule(&c, &e), OKNO_NONE,
	    "once a day: no second break");
	is_int(queue_call(&c, 1, &t, &e), OKNO_OK, "and it calls again");
	must(queue_finish(&c, 1, &t, &e), "finish");
}

static void
test_serving(void)
{
	struct ticket t;

	at("12:40");
	must(queue_window_open(&c, 2, NULL, &e), "open 2");
	must(queue_window_open(&c, 3, NULL, &e), "open 3");
	queue_issue(&c, "pay", 0, &t, NULL, &e);
	queue_issue(&c, "pay", 0, &t, NULL, &e);
	queue_issue(&c, "pay", 0, &t, NULL, &e);
	at("12:55");
	must(queue_call(&c, 2, &t, &e), "call 2");
	must(queue_call(&c, 3, &t, &e), "call 3");
	at("13:05");
	queue_window_schedule(&c, &e);
	is_string(state(2), "serving", "a serving window keeps serving at "
	    "its break");
	at("13:10");
	must(queue_finish(&c, 2, &t, &e), "finish 2");
	is_string(state(2), "paused:lunch", "and pauses once the visit ends");
	is_string(wevents(2), "12:40 opened; 13:10 paused lunch (scheduled)",
	    "the pause is recorded when the visit ended");
	/* The call finishes the visit at window 3, then the lunch. */
	at("13:12");
	is_int(queue_call(&c, 3, &t, &e), OKNO_ESTATE, "a call at a window "
	    "serving at its break: refused");
	ok(strncmp(e.msg + 4, " finished; window 3 is on its lunch break",
	    41) == 0, "after finishing the visit (committed): %s", e.msg);
	is_int(fx_int(c.db, "SELECT count(*) FROM tickets WHERE status ="
	    " 'called' AND window = 3", NULL), 0, "window 3 serves nobody");
	is_string(state(3), "paused:lunch", "window 3 is at lunch");
	/* The manager comes back early: resumes and calls. */
	at("13:20");
	must(queue_window_resume(&c, 3, &e), "resume 3");
	{
		struct window_info wi;

		must(queue_window(&c, 3, &wi, &e), "window 3");
		ok(wi.state == WINDOW_FREE && wi.lunch_done, "back early: "
		    "today's lunch is done (an estimate counts the window "
		    "working)");
	}
	is_int(queue_call(&c, 3, &t, &e), OKNO_OK, "resumed explicitly, the "
	    "window calls during its break");
	at("13:46");
	queue_window_schedule(&c, &e);
	is_string(state(2), "free", "window 2 back at 13:45");
	is_string(state(3), "serving", "window 3 untouched at the break's end");
	is_string(wevents(3), "12:40 opened; 13:12 paused lunch (scheduled); "
	    "13:20 resumed", "window 3: okno paused it, the manager resumed");
}

static void
test_own_pause(void)
{
	struct ticket t;

	/* The next day: window 2 free from noon, 1 paused by its manager;
	 * nothing happens until 13:50. */
	c.now = fx_at("2026-12-17T12:00:00+03:00");
	must(queue_window_open(&c, 2, NULL, &e), "open 2");
	c.now = fx_at("2026-12-17T12:30:00+03:00");
	queue_issue(&c, "pay", 0, &t, NULL, &e);
	must(queue_window_open(&c, 1, NULL, &e), "open 1");
	must(queue_window_pause_note(&c, 1, "tech", "printer jam", &e),
	    "pause tech");
	c.now = fx_at("2026-12-17T13:50:00+03:00");
	is_int(queue_window_schedule(&c, &e), OKNO_OK, "13:50: due");
	is_string(state(1), "paused:tech", "a manager's own pause is never "
	    "ended by okno");
	after = 1;
	/* Yesterday's sessions were closed as stale first. */
	is_string(wevents(1), "12:00 closed day not closed; 12:30 opened; "
	    "12:30 paused tech (printer jam)", "no lunch event at a window "
	    "paused by its manager");
	is_int(fx_int(c.db, "SELECT count(*) FROM window_events WHERE"
	    " window = 1 AND reason = 'tech' AND note = 'printer jam'", NULL),
	    1, "the code and the note are stored");
	is_string(wevents(2), "12:00 closed day not closed; 12:00 opened; "
	    "13:00 paused lunch (scheduled); 13:45 resumed (scheduled)",
	    "noticed at 13:50, a break spent free is recorded at its "
	    "scheduled times");
	is_string(state(2), "free", "and the window is free");
}

static void
test_closed_day(void)
{
	/* Sunday: closed, but a supervisor opened a window anyway. */
	c.now = fx_at("2026-12-20T12:00:00+03:00");
	must(queue_window_open(&c, 4, NULL, &e), "open 4");
	must(queue_window_close(&c, 1, &e), "close 1");
	must(queue_window_open(&c, 1, NULL, &e), "open 1");
	c.now = fx_at("2026-12-20T13:10:00+03:00");
	is_int(queue_window_schedule(&c, &e), OKNO_NONE,
	    "a closed day has no lunch");
	is_string(state(1), "free", "window 1 stays free on Sunday");
}

static void
test_reasons(void)
{
	c.now = fx_at("2026-12-20T14:00:00+03:00");
	is_int(queue_window_pause_note(&c, 1, "smoke", NULL, &e), OKNO_EINVAL,
	    "an unknown reason code is refused");
	is_string(e.msg, "unknown pause reason 'smoke'; the reasons are: "
	    "lunch, tech", "naming the valid codes");
	is_int(queue_window_pause_note(&c, 1, "tech", "\x01", &e),
	    OKNO_EINVAL, "a control character in the note is refused");
	is_string(state(1), "free", "nothing stored");
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(40);
	fx_office_open(&c, CONF, "l.db", &actor_system);
	test_free();
	test_serving();
	test_own_pause();
	test_closed_day();
	test_reasons();
	ok(db_integrity(c.db, &e) == OKNO_OK, "integrity_check ok");
	fx_office_close(&c);
	return 0;
}
