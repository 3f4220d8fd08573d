/* hours.c: opening hours with the production calendar (hours.h): the
 * 2026-2027 New Year holidays, shortened days, working weekends, the
 * cut-off and the next opening; the configuration's checks of hours,
 * lunch and pause_reasons; queue_issue outside the hours.  Expected
 * hours were worked out by hand from conf/calendar/ru-2026.xml and
 * ru-2027.xml with the week of SPEC's example. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hours.h"
#include "queue.h"
#include "tap.h"

#define BRANCH	"branch = { code = \"T-1\"; name = \"Test\"; " \
	"timezone = \"Europe/Moscow\"; };\n"
#define CALS	"calendar = [ \"conf/calendar/ru-2026.xml\", " \
	"\"conf/calendar/ru-2027.xml\" ];\n"
#define SERVICES "services = (\n" \
	"  { code = \"pay\"; prefix = \"A\"; name = \"Pay\"; wait_norm = 15;" \
	" service_norm = 10; cutoff = 30; },\n" \
	"  { code = \"meter\"; prefix = \"B\"; name = \"Meter\"; " \
	"wait_norm = 15; service_norm = 10; } );\n"
#define WINDOWS	"windows = ( { number = 1; services = [ \"pay\", " \
	"\"meter\" ]; lunch = \"13:00-13:45\"; } );\n"
#define BASE	BRANCH CALS SERVICES WINDOWS
#define WEEK	"  week = [ \"08:00-20:00\", \"08:00-20:00\", " \
	"\"08:00-20:00\", \"08:00-20:00\",\n" \
	"           \"08:00-19:00\", \"09:00-16:00\", \"\" ];\n"
#define HOURS	"hours = {\n" WEEK "  shortened = 60;\n  cutoff = 15;\n};\n"

static struct config *cfg;

static struct config *
load(const char *text, const char *why)
{
	struct config *c;
	struct err e;

	if (config_load_string(text, "okno.conf", &c, &e) != OKNO_OK)
		bail("%s: %s", why, e.msg);
	return c;
}

static time_t
at(const char *iso)
{
	time_t t;

	if (time_parse_iso(iso, &t) != 0)
		bail("bad time %s", iso);
	return t;
}

/* want: "08:00,20:00,regular" as `okno hours --csv` would print it. */
static void
day_is(const struct config *c, int y, int m, int d, const char *want,
    const char *why)
{
	struct hours_day hd;
	char got[64], o[16], cl[16];

	if (hours_day(c, y, m, d, &hd) != OKNO_OK)
		snprintf(got, sizeof got, "error");
	else {
		hours_fmt_minute(o, sizeof o, hd.open);
		hours_fmt_minute(cl, sizeof cl, hd.close);
		snprintf(got, sizeof got, "%s,%s,%s", o, cl,
		    hours_kind_name(hd.kind));
	}
	is_string(got, want, "%04d-%02d-%02d %s", y, m, d, why);
}

static void
next_is(const char *now, const char *want, const char *why)
{
	char got[64];
	time_t t;

	if (hours_next_open(cfg, at(now), &t) != OKNO_OK)
		snprintf(got, sizeof got, "none");
	else
		time_format_iso(t, got, sizeof got);
	is_string(got, want, "next opening after %s: %s", now, why);
}

static void
test_always_open(void)
{
	struct config *c = load(BRANCH CALS SERVICES
	    "windows = ( { number = 1; services = [ \"pay\" ]; } );\n",
	    "no hours");
	struct hours_now hn;
	struct err e;
	time_t t;

	ok(!hours_configured(c), "no hours: none configured");
	ok(hours_is_open(c, at("2027-01-01T03:00"), 0, &hn) && hn.open,
	    "no hours: open at 03:00 on New Year's day");
	ok(hours_is_open(c, at("2026-12-30T23:59"), 0, NULL),
	    "no hours: open at 23:59, no cut-off");
	is_int(hours_check_issue(c, at("2027-01-01T03:00"), 1, &e), OKNO_OK,
	    "no hours: a ticket may be issued");
	is_int(hours_next_open(c, at("2027-01-01T03:00"), &t), OKNO_OK,
	    "no hours: next opening found");
	ok(t == at("2027-01-01T03:00"), "no hours: the next opening is now");
	day_is(c, 2027, 1, 1, "00:00,24:00,regular",
	    "without hours: open all day");
	ok(config_window_lunch(c, 1) == NULL, "no lunch configured: none");
	is_int((int)c->npause_reasons, 0, "no pause reasons: none");
	config_free(c);
}

static void
test_new_year(void)
{
	/* 2026-12-28 is a Monday; the holidays run 2026-12-31 (moved
	 * from 2026-01-04) to 2027-01-08. */
	static const char *const want[] = {
		"08:00,20:00,regular",	/* 12-28 Mon */
		"08:00,20:00,regular",	/* 12-29 Tue */
		"08:00,20:00,regular",	/* 12-30 Wed */
		",,closed",		/* 12-31 Thu, t=1 f=01.04 */
		",,closed", ",,closed", ",,closed", ",,closed",	/* 01-01..04 */
		",,closed", ",,closed", ",,closed", ",,closed",	/* 01-05..08 */
		"09:00,16:00,regular",	/* 01-09 Sat, not listed */
		",,closed",		/* 01-10 Sun: "" */
		"08:00,20:00,regular",	/* 01-11 Mon */
		"08:00,20:00,regular",	/* 01-12 Tue */
	};
	long first = calendar_day_number(2026, 12, 28);
	int y, m, d;

	for (size_t i = 0; i < nitems(want); i++) {
		calendar_from_day_number(first + (long)i, &y, &m, &d);
		day_is(cfg, y, m, d, want[i], "New Year holidays");
	}
}

static void
test_calendar_days(void)
{
	struct config *c;
	struct err e;
	char *path = xasprintf("%s/ru-2030.xml", test_tmpdir());
	char *text;
	FILE *fp;

	day_is(cfg, 2026, 1, 9, ",,closed",
	    "a Friday off (t=1, moved from 01-03)");
	day_is(cfg, 2026, 3, 9, ",,closed", "a Monday off (moved from 03-08)");
	day_is(cfg, 2026, 4, 30, "08:00,19:00,shortened",
	    "a shortened Thursday closes 60 min early");
	day_is(cfg, 2026, 11, 3, "08:00,19:00,shortened",
	    "a shortened Tuesday");
	day_is(cfg, 2026, 5, 8, "08:00,18:00,shortened",
	    "a shortened Friday: Friday's 19:00 less 60 min");
	day_is(cfg, 2027, 2, 20, "08:00,19:00,shortened",
	    "a working shortened Saturday takes Monday's hours (02-22 is "
	    "off in its place) less 60 min");
	day_is(cfg, 2027, 2, 22, ",,closed", "the Monday whose rest moved");
	day_is(cfg, 2027, 2, 27, "09:00,16:00,regular",
	    "an ordinary Saturday: Saturday's hours");

	/*
	 * t=3 weekends (the shipped calendars have none): 2030-03-02 is a
	 * Saturday working for Friday 03-08 (f), 2030-03-10 a Sunday
	 * working with no day named: Monday's hours.
	 */
	if ((fp = fopen(path, "w")) == NULL)
		sysbail("%s", path);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<calendar year=\"2030\" lang=\"ru\" country=\"ru\">\n<days>\n"
	    "<day d=\"03.02\" t=\"3\"/>\n"
	    "<day d=\"03.08\" t=\"1\" f=\"03.02\"/>\n"
	    "<day d=\"03.10\" t=\"3\"/>\n"
	    "</days>\n</calendar>\n", fp);
	if (fclose(fp) != 0)
		sysbail("%s", path);
	text = xasprintf(BRANCH "calendar = [ \"%s\" ];\n" SERVICES WINDOWS
	    HOURS, path);
	if (config_load_string(text, "okno.conf", &c, &e) != OKNO_OK)
		bail("2030: %s", e.msg);
	day_is(c, 2030, 3, 2, "08:00,19:00,working_weekend",
	    "a working Saturday takes the hours of the Friday it replaces");
	day_is(c, 2030, 3, 8, ",,closed", "that Friday is off");
	day_is(c, 2030, 3, 10, "08:00,20:00,working_weekend",
	    "a working Sunday with no day named takes Monday's hours");
	day_is(c, 2030, 3, 9, "09:00,16:00,regular", "an ordinary Saturday");
	day_is(c, 2030, 3, 17, ",,closed", "an ordinary Sunday");
	config_free(c);
	free(text);
	free(path);
}

static void
test_cutoff(void)
{
	struct hours_now hn;
	struct err e;

	/* meter: hours.cutoff 15; pay: its own 30.  Services 0 pay, 1 meter. */
	ok(!hours_is_open(cfg, at("2026-12-30T07:59:59"), 1, &hn) &&
	    !hn.cutoff, "07:59:59: not yet open");
	ok(hours_is_open(cfg, at("2026-12-30T08:00"), 1, NULL),
	    "08:00: open");
	ok(hours_is_open(cfg, at("2026-12-30T19:44:59"), 1, NULL),
	    "meter 19:44:59: before its 15 min cut-off");
	ok(!hours_is_open(cfg, at("2026-12-30T19:45"), 1, &hn) && hn.cutoff &&
	    hn.cutoff_min == 15, "meter 19:45: inside the cut-off");
	ok(hours_is_open(cfg, at("2026-12-30T19:29"), 0, NULL),
	    "pay 19:29: before its own 30 min cut-off");
	ok(!hours_is_open(cfg, at("2026-12-30T19:30"), 0, &hn) && hn.cutoff &&
	    hn.cutoff_min == 30, "pay 19:30: inside its own cut-off");
	ok(!hours_is_open(cfg, at("2026-12-30T20:00"), 1, &hn) && !hn.cutoff,
	    "20:00: closed, not a cut-off");
	ok(!hours_is_open(cfg, at("2026-04-30T18:50"), 1, &hn) && hn.cutoff,
	    "a shortened day's cut-off counts from its early close (19:00)");
	ok(hours_is_open(cfg, at("2026-04-30T18:44"), 1, NULL),
	    "and before it the shortened day is open");
	ok(!hours_is_open(cfg, at("2027-01-05T12:00"), 1, NULL),
	    "noon on a holiday: closed");

	is_int(hours_check_issue(cfg, at("2026-12-30T07:30"), 1, &e),
	    OKNO_ECLOSED, "before opening: OKNO_ECLOSED");
	is_string(e.msg, "the office is closed; it opens on 2026-12-30 at "
	    "08:00", "before opening: names today's opening");
	is_int(hours_check_issue(cfg, at("2026-12-30T19:40"), 0, &e),
	    OKNO_ECLOSED, "inside pay's cut-off: OKNO_ECLOSED");
	is_string(e.msg, "the office is closed for new tickets 30 min before "
	    "closing at 20:00; it opens on 2027-01-09 at 09:00",
	    "inside the cut-off: says why and names the next opening");
	is_int(hours_check_issue(cfg, at("2026-12-30T12:00"), 0, &e), OKNO_OK,
	    "at noon a ticket may be issued");
}

static void
test_next_open(void)
{
	next_is("2026-12-30T07:00", "2026-12-30T08:00:00+03:00",
	    "today's opening");
	next_is("2026-12-30T08:00", "2027-01-09T09:00:00+03:00",
	    "at the opening itself: the next one, across the holidays");
	next_is("2026-12-30T19:50", "2027-01-09T09:00:00+03:00",
	    "across the New Year holidays to a Saturday");
	next_is("2027-01-01T00:00", "2027-01-09T09:00:00+03:00",
	    "from inside the holidays");
	next_is("2027-01-09T16:00", "2027-01-11T08:00:00+03:00",
	    "over a closed Sunday");
	next_is("2027-02-19T20:00", "2027-02-20T08:00:00+03:00",
	    "to a working Saturday at Monday's hour");
	next_is("2027-02-20T19:00", "2027-02-24T08:00:00+03:00",
	    "over the moved Monday and the holiday");
}

/* Loads BASE + extra from a file; expects "FILE:LINE: msg". */
static void
bad(const char *extra, int line, const char *msg, const char *why)
{
	char *path = xasprintf("%s/bad.conf", test_tmpdir());
	/* No calendars (they are relative to the folder): line 2 blank. */
	char *text = xasprintf("%s%s", BRANCH "\n" SERVICES WINDOWS, extra);
	char *want = xasprintf("%s:%d: %s", path, line, msg);
	struct config *c = (struct config *)1;
	struct err e;
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0)
		sysbail("%s", path);
	err_clear(&e);
	is_int(config_load(path, &c, &e), OKNO_ECONFIG, "%s: refused", why);
	is_string(e.msg, want, "%s: message", why);
	free(want);
	free(text);
	free(path);
}

static void
test_config_errors(void)
{
	/* BASE is lines 1-6; the extra text starts on line 7. */
	bad("hours = { week = [ \"08:00-20:00\" ]; };\n", 7,
	    "hours.week must list 7 days, Monday to Sunday (\"\" for a "
	    "closed day), not 1", "a week of one day");
	bad("hours = {\n" "  week = [ \"08:00-20:00\", \"8:00-20:00\",\n"
	    "  \"\", \"\", \"\", \"\", \"\" ];\n};\n", 8,
	    "\"8:00-20:00\": expected \"HH:MM-HH:MM\" or \"\" (closed)",
	    "a time without its leading zero");
	bad("hours = {\n" "  week = [ \"20:00-08:00\", \"\", \"\", \"\", \"\","
	    " \"\", \"\" ];\n};\n", 8, "\"20:00-08:00\": the end must come "
	    "after the start (a span does not cross midnight)",
	    "a day that closes before it opens");
	bad("hours = {\n  week = [ \"\", \"\", \"\", \"\", \"\", \"\", \"\" ];"
	    "\n};\n", 8, "hours.week: the office is never open (remove hours "
	    "to mean always open)", "a week without an open day");
	bad("hours = {\n" WEEK "  cutoff = -5;\n};\n", 10,
	    "cutoff must be between 0 and 1440", "a negative cut-off");
	bad("hours = {\n" WEEK "  closing = 5;\n};\n", 10,
	    "unknown setting \"closing\"", "a misspelt hours setting");
	bad("hours = {\n" WEEK "  shortened = \"1h\";\n};\n", 10,
	    "shortened must be an integer", "shortened not a number");
	bad("hours = [ 1 ];\n", 7, "hours must be a group { ... }",
	    "hours not a group");
	bad("pause_reasons = (\n  { code = \"lunch\"; name = \"Обед\"; },\n"
	    "  { code = \"lunch\"; name = \"Обед\"; }\n);\n", 9,
	    "pause reason \"lunch\" is defined twice", "a pause reason twice");
	bad("pause_reasons = (\n  { code = \"Lunch\"; name = \"Обед\"; }\n);\n",
	    8, "code \"Lunch\": use a lower-case Latin letter, then letters, "
	    "digits or _ (at most 32)", "a pause reason's bad code");
	bad("pause_reasons = (\n  { code = \"tech\"; }\n);\n", 8,
	    "missing setting \"name\"", "a pause reason without a name");
}

static void
test_config_good(void)
{
	const struct config_pause_reason *r;
	struct err e;
	struct config *c = load(BRANCH CALS SERVICES
	    "windows = ( { number = 1; services = [ \"pay\" ]; "
	    "lunch = \"13:00-13:45\"; } );\n" HOURS
	    "pause_reasons = ( { code = \"lunch\"; name = \"Обед\"; },\n"
	    "  { code = \"tech\"; name = \"Технический\"; } );\n", "good");

	ok(config_window_lunch(c, 1) != NULL &&
	    config_window_lunch(c, 1)->start == 13 * 60 &&
	    config_window_lunch(c, 1)->end == 13 * 60 + 45,
	    "window 1's lunch: 13:00-13:45");
	ok(config_window_lunch(c, 2) == NULL, "no window 2, no lunch");
	is_int((int)c->npause_reasons, 2, "two pause reasons");
	r = config_pause_reason(c, "tech");
	ok(r != NULL && strcmp(r->name, "Технический") == 0,
	    "a pause reason by its code");
	ok(config_pause_reason(c, "nap") == NULL, "an unknown one: none");
	is_int(config_service_cutoff(c, 0), 30, "pay's own cut-off");
	is_int(config_service_cutoff(c, 1), -1, "meter has none of its own");
	is_int(c->hours.shortened, 60, "shortened");
	is_int(c->hours.cutoff, 15, "cutoff");
	is_int(c->hours.open[6], -1, "Sunday closed");
	is_int(c->hours.close[5], 16 * 60, "Saturday closes 16:00");
	config_free(c);
	c = load(BASE "hours = {\n" WEEK "};\n", "defaults");
	is_int(c->hours.shortened, 60, "shortened defaults to an hour");
	is_int(c->hours.cutoff, 0, "cutoff defaults to none");
	config_free(c);
	c = (struct config *)1;
	is_int(config_load_string(BRANCH CALS SERVICES "windows = (\n"
	    "  { number = 1; services = [ \"pay\" ]; lunch = \"13:00\"; }\n"
	    ");\n", "mem.conf", &c, &e), OKNO_ECONFIG, "a lunch of one time: "
	    "refused");
	is_string(e.msg, "mem.conf:7: \"13:00\": expected \"HH:MM-HH:MM\"",
	    "a lunch of one time: FILE:LINE");
	ok(c == NULL, "and no configuration");
}

static void
test_queue(void)
{
	static const struct actor kiosk = { "kiosk", ROLE_KIOSK };
	struct ctx c;
	struct ticket t;
	struct err e;
	struct stmt *st;
	char *path = xasprintf("%s/h.db", test_tmpdir());

	memset(&c, 0, sizeof c);
	if (db_open(path, 1, &c.db, &e) != OKNO_OK)
		bail("%s", e.msg);
	c.cfg = cfg;
	c.who = &actor_system;
	c.now = at("2026-12-30T07:30");
	is_int(queue_issue(&c, "meter", 0, &t, NULL, &e), OKNO_ECLOSED,
	    "queue_issue before opening: refused");
	is_string(e.msg, "the office is closed; it opens on 2026-12-30 at "
	    "08:00", "and names the opening");
	c.who = &kiosk;
	is_int(queue_issue_flags(&c, "meter", 0, QUEUE_ISSUE_FORCE, &t, NULL,
	    &e), OKNO_EPERM, "the kiosk may not force");
	c.who = &actor_system;
	is_int(queue_issue_flags(&c, "meter", 0, QUEUE_ISSUE_FORCE, &t, NULL,
	    &e), OKNO_OK, "staff may force");
	is_string(t.number, "B001", "the forced ticket's number");
	if (db_prepare(c.db, &st, &e, "SELECT coalesce(note, '') FROM"
	    " ticket_events WHERE event = 'issued'") != OKNO_OK)
		bail("%s", e.msg);
	is_int(db_step(st, &e), DB_ROW, "an issued event");
	is_string(db_col_text(st, 0), QUEUE_FORCED_NOTE,
	    "its note says it was forced");
	db_finalize(st);
	c.now = at("2026-12-30T12:00");
	is_int(queue_issue(&c, "meter", 0, &t, NULL, &e), OKNO_OK,
	    "at noon: issued");
	c.who = &kiosk;
	is_int(queue_issue(&c, "meter", 0, &t, NULL, &e), OKNO_OK,
	    "the kiosk too");
	db_close(c.db);
	free(path);
}

int
main(void)
{
	plan_lazy();
	cfg = load(BASE HOURS, "SPEC's hours");
	test_always_open();
	test_new_year();
	test_calendar_days();
	test_cutoff();
	test_next_open();
	test_config_errors();
	test_config_good();
	test_queue();
	config_free(cfg);
	return 0;
}
