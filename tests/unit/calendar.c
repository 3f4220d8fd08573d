/* calendar.c: production calendar parsing, day kinds and deadlines.
 * Expected dates were worked out by hand from conf/calendar/ru-2026.xml
 * and ru-2027.xml (2026-01-01 is a Thursday, 2027-01-01 a Friday). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "fixture.h"
#include "tap.h"

static struct calendar *cal;

static void
load_repo_calendars(void)
{
	char *paths[] = { "conf/calendar/ru-2027.xml",
	    "conf/calendar/ru-2026.xml" };
	struct err e;

	if (calendar_load(&cal, paths, 2, &e) != OKNO_OK)
		bail("calendar_load: %s", e.msg);
}

/* Checks that y-m-d is (not) a working day with the calendar present. */
static void
day_is(int y, int m, int d, int want, const char *why)
{
	int missing = -1;

	is_int(calendar_is_working(cal, y, m, d, &missing), want,
	    "%04d-%02d-%02d %s", y, m, d, why);
	(void)missing;
}

static void
due_is(int y, int m, int d, int n, enum calendar_days kind, const char *want,
    const char *want_warning, const char *why)
{
	char got[16], warning[128];
	int dy, dm, dd, rc;

	rc = calendar_due(cal, y, m, d, n, kind, &dy, &dm, &dd, warning,
	    sizeof warning);
	snprintf(got, sizeof got, "%04d-%02d-%02d", dy, dm, dd);
	if (rc != OKNO_OK)
		snprintf(got, sizeof got, "rc=%d", rc);
	is_string(got, want, "%s", why);
	is_string(warning, want_warning, "%s: warning", why);
}

static void
test_days(void)
{
	static const int off2026[][2] = {
		{ 1, 1 }, { 1, 2 }, { 1, 3 }, { 1, 4 }, { 1, 5 }, { 1, 6 },
		{ 1, 7 }, { 1, 8 }, { 1, 9 }, { 2, 23 }, { 3, 9 }, { 5, 1 },
		{ 5, 11 }, { 6, 12 }, { 11, 4 }, { 12, 31 },
	};
	int missing;

	for (size_t i = 0; i < nitems(off2026); i++)
		day_is(2026, off2026[i][0], off2026[i][1], 0, "is a day off");
	day_is(2026, 1, 12, 1, "(Monday after the holidays) works");
	day_is(2026, 1, 10, 0, "(Saturday) is off");
	day_is(2026, 1, 11, 0, "(Sunday) is off");
	day_is(2026, 4, 30, 1, "(shortened Thursday) works");
	day_is(2026, 5, 8, 1, "(shortened Friday) works");
	day_is(2026, 11, 3, 1, "(shortened Tuesday) works");
	day_is(2026, 12, 30, 1, "(Wednesday) works");
	day_is(2026, 3, 10, 1, "(Tuesday) works");
	is_int(calendar_day(cal, 2026, 4, 30, NULL), CALENDAR_SHORT,
	    "2026-04-30 is a shortened day");
	is_int(calendar_day(cal, 2026, 4, 29, NULL), CALENDAR_WORKDAY,
	    "2026-04-29 is an ordinary working day");
	is_int(calendar_day(cal, 2026, 5, 9, NULL), CALENDAR_DAYOFF,
	    "2026-05-09 is a day off");

	/* 2027: a shortened Saturday works; its Monday is off instead. */
	day_is(2027, 2, 20, 1, "(shortened Saturday) works");
	day_is(2027, 2, 22, 0, "(Monday, moved from Feb 20) is off");
	day_is(2027, 1, 8, 0, "is a day off");
	day_is(2027, 1, 11, 1, "(Monday) works");
	day_is(2027, 11, 5, 0, "(moved from Jan 2) is off");
	day_is(2027, 12, 31, 0, "(moved from Jan 3) is off");

	ok(calendar_has_year(cal, 2026) && calendar_has_year(cal, 2027) &&
	    !calendar_has_year(cal, 2028), "years 2026 and 2027 only");
	is_int((long long)calendar_nyears(cal), 2, "two years");
	is_int(calendar_year_at(cal, 0, NULL), 2026, "years sorted");

	missing = -1;
	calendar_is_working(cal, 2026, 6, 1, &missing);
	is_int(missing, 0, "2026 is not missing");
	is_int(calendar_is_working(cal, 2028, 1, 3, &missing), 1,
	    "2028-01-03 (Monday, no calendar) works");
	is_int(missing, 1, "2028 is reported missing");
	is_int(calendar_is_working(cal, 2028, 1, 1, &missing), 0,
	    "2028-01-01 (Saturday, no calendar) is off");
	is_int(calendar_is_working(NULL, 2026, 1, 5, &missing), 1,
	    "no calendar at all: 2026-01-05 (Monday) works");
	is_int(missing, 1, "and is reported missing");
	is_int(calendar_weekday(2026, 1, 1), 4, "2026-01-01 is a Thursday");
}

/* Deadlines: from y-m-d, n days of kind; the due date and warning. */
static const struct {
	int		 y, m, d, n;
	enum calendar_days kind;
	const char	*want;
	const char	*want_warning;
	const char	*why;
} dues[] = {
	{ 2026, 12, 25, 10, CALENDAR_DAYS_WORKING, "2027-01-19", "",
	    "2026-12-25 + 10 working days over the New Year" },
	{ 2026, 12, 1, 30, CALENDAR_DAYS_CALENDAR, "2027-01-11", "",
	    "2026-12-01 + 30 calendar days: Dec 31 is off, then holidays" },
	{ 2026, 3, 2, 5, CALENDAR_DAYS_CALENDAR, "2026-03-10", "",
	    "lands on a Saturday before a moved holiday" },
	{ 2026, 4, 29, 3, CALENDAR_DAYS_WORKING, "2026-05-05", "",
	    "a shortened day counts as a working day" },
	{ 2026, 6, 1, 30, CALENDAR_DAYS_CALENDAR, "2026-07-01", "",
	    "an ordinary 30-day deadline" },
	{ 2026, 6, 5, 1, CALENDAR_DAYS_WORKING, "2026-06-08", "",
	    "1 working day after a Friday is Monday" },
	{ 2026, 1, 3, 0, CALENDAR_DAYS_CALENDAR, "2026-01-12", "",
	    "0 days on a holiday moves to the next working day" },
	{ 2027, 2, 19, 1, CALENDAR_DAYS_WORKING, "2027-02-20", "",
	    "the working Saturday counts" },
	{ 2027, 12, 20, 30, CALENDAR_DAYS_CALENDAR, "2028-01-19",
	    "no production calendar for 2028: weekends only",
	    "into a year without a calendar (calendar days)" },
	{ 2027, 12, 24, 10, CALENDAR_DAYS_WORKING, "2028-01-10",
	    "no production calendar for 2028: weekends only",
	    "into a year without a calendar (working days)" },
};

static void
test_due(void)
{
	char warning[128];
	int y, m, d;

	for (size_t i = 0; i < nitems(dues); i++)
		due_is(dues[i].y, dues[i].m, dues[i].d, dues[i].n,
		    dues[i].kind, dues[i].want, dues[i].want_warning,
		    dues[i].why);
	ok(calendar_due(cal, 2026, 2, 30, 1, CALENDAR_DAYS_CALENDAR, &y, &m,
	    &d, warning, sizeof warning) == OKNO_EINVAL, "bad date refused");
	ok(calendar_due(cal, 2026, 2, 3, -1, CALENDAR_DAYS_CALENDAR, &y, &m,
	    &d, NULL, 0) == OKNO_EINVAL, "negative days refused");
}

static void
test_buffer(void)
{
	static const char sat[] = "<?xml version=\"1.0\"?>\n"
	    "<calendar year=\"2030\">\n<days>\n"
	    "<day d=\"01.05\" t=\"3\"/>\n"	/* a Saturday */
	    "<day d=\"01.07\" t=\"1\"/>\n"
	    "</days>\n</calendar>\n";
	struct calendar *c2 = calendar_new();
	struct err e;

	is_int(calendar_add_buffer(c2, "mem", sat, sizeof sat - 1, &e),
	    OKNO_OK, "a calendar from memory");
	is_int(calendar_weekday(2030, 1, 5), 6, "2030-01-05 is a Saturday");
	is_int(calendar_is_working(c2, 2030, 1, 5, NULL), 1,
	    "t=3 makes a Saturday a working day");
	is_int(calendar_is_working(c2, 2030, 1, 12, NULL), 0,
	    "an unlisted Saturday is off");
	is_int(calendar_is_working(c2, 2030, 1, 7, NULL), 0,
	    "t=1 on a Monday is off");
	calendar_free(c2);
}

static void
bad_file(const char *text, const char *want, const char *why)
{
	struct calendar *c2 = calendar_new();
	char *path = fx_put("bad.xml", text);
	char *expect = xasprintf("%s:%s", path, want);
	struct err e;

	is_int(calendar_add_file(c2, path, &e), OKNO_ECONFIG, "%s: refused",
	    why);
	is_string(e.msg, expect, "%s: message", why);
	is_int((long long)calendar_nyears(c2), 0, "%s: nothing added", why);
	calendar_free(c2);
	free(expect);
	free(path);
}

/* Broken calendar files and the message (after FILE:) each gets. */
static const struct {
	const char	*text;
	const char	*want;
	const char	*why;
} bad_files[] = {
	{ "<calendar year=\"2030\">\n<days>\n<day d=\"01.01\" t=\"1\">"
	    "\n</days>\n</calendar>\n", "4: mismatched tag",
	    "not well-formed" },
	{ "<?xml version=\"1.0\"?>\n<html year=\"2030\"/>\n",
	    "2: not a production calendar: the root element is <html>, not "
	    "<calendar>", "wrong root" },
	{ "<calendar>\n</calendar>\n",
	    "1: <calendar> needs a year attribute such as year=\"2026\"",
	    "no year" },
	{ "<calendar year=\"2030\">\n<days>\n<day d=\"02.30\" t=\"1\"/>"
	    "\n</days>\n</calendar>\n",
	    "3: bad day \"02.30\": no such date in 2030", "bad date" },
	{ "<calendar year=\"2030\">\n<days>\n<day d=\"1.1\" t=\"1\"/>"
	    "\n</days>\n</calendar>\n",
	    "3: bad day \"1.1\": expected MM.DD", "bad date format" },
	{ "<calendar year=\"2030\">\n<days>\n\n<day d=\"03.01\" "
	    "t=\"4\"/>\n</days>\n</calendar>\n",
	    "4: bad day type t=\"4\": expected 1, 2 or 3", "bad type" },
	{ "<calendar year=\"2030\">\n<day d=\"03.02\" t=\"1\"/>\n"
	    "<day d=\"03.02\" t=\"2\"/>\n</calendar>\n",
	    "3: day \"03.02\" is listed twice", "duplicate day" },
	{ "<calendar year=\"2030\"><day d=\"03.02\"/></calendar>",
	    "1: <day> needs the attributes d and t", "no type" },
	{ "", "1: no element found", "empty file" },
};

static void
test_errors(void)
{
	struct calendar *c2 = calendar_new();
	char *path;
	struct err e;

	for (size_t i = 0; i < nitems(bad_files); i++)
		bad_file(bad_files[i].text, bad_files[i].want,
		    bad_files[i].why);

	is_int(calendar_add_file(c2, "conf/calendar/ru-2026.xml", &e),
	    OKNO_OK, "add 2026");
	path = fx_put("copy.xml", "<calendar year=\"2026\"/>");
	is_int(calendar_add_file(c2, path, &e), OKNO_ESTATE,
	    "the same year twice is refused");
	ok(strstr(e.msg, "the calendar for 2026 is already loaded from "
	    "conf/calendar/ru-2026.xml") != NULL, "message: %s", e.msg);
	is_int(calendar_add_file(c2, "/nonexistent/ru.xml", &e), OKNO_EIO,
	    "a missing file is an I/O error");
	is_string(e.msg, "/nonexistent/ru.xml: No such file or directory",
	    "message names the file");
	free(path);
	calendar_free(c2);
}

int
main(void)
{
	plan_lazy();
	load_repo_calendars();
	test_days();
	test_due();
	test_buffer();
	test_errors();
	calendar_free(cal);
	return 0;
}
