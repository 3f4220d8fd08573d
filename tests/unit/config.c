/* config.c: loading okno.conf: the sample, defaults, relative paths, and
 * every mistake reported as FILE:LINE: message at the right line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "config.h"
#include "fixture.h"
#include "tap.h"

/* The fixture's minimal configuration (lines 1-3) and its lines. */
#define BRANCH	FX_CONF_BRANCH
#define SERVICES FX_CONF_SERVICES
#define WINDOWS	FX_CONF_WINDOWS
#define BASE	FX_CONF_MINIMAL

/*
 * Loads text as a file and expects "FILE:LINE: msg"; a msg ending in ": "
 * need only start the message (the rest comes from the C library).
 */
static void
bad(const char *text, int line, const char *msg, const char *why)
{
	char *path = fx_put("bad.conf", text);
	char *want = xasprintf("%s:%d: %s", path, line, msg);
	struct config *cfg = (struct config *)1;
	struct err e;

	err_clear(&e);
	is_int(config_load(path, &cfg, &e), OKNO_ECONFIG, "%s: refused", why);
	if (strlen(msg) >= 2 && strcmp(msg + strlen(msg) - 2, ": ") == 0)
		ok(strncmp(e.msg, want, strlen(want)) == 0,
		    "%s: message starts with %s (%s)", why, want, e.msg);
	else
		is_string(e.msg, want, "%s: message", why);
	ok(cfg == NULL, "%s: no configuration", why);
	free(want);
	free(path);
}

static struct config *
good(const char *text, const char *why)
{
	char *path = fx_put("good.conf", text);
	struct config *cfg = NULL;
	struct err e;

	err_clear(&e);
	if (!is_int(config_load(path, &cfg, &e), OKNO_OK, "%s: loads", why))
		diag("%s", e.msg);
	free(path);
	return cfg;
}

static void
test_errors(void)
{
	/* Syntax and structure. */
	bad(BASE "a = ;\n", 4, "syntax error", "syntax error");
	bad(BASE "reports = \"\";\n", 4, "empty reports folder name",
	    "an empty reports folder");
	bad(BASE "reports = 5;\n", 4, "reports must be a string \"...\"",
	    "a reports folder that is no string");
	bad(SERVICES WINDOWS, 1, "missing setting \"branch\"",
	    "no branch");
	bad(SERVICES WINDOWS "\nbranch = {\n name = \"x\";\n};\n", 4,
	    "missing setting \"code\"", "no branch.code");
	bad("branch = {\n code = \"x\";\n};\n" SERVICES WINDOWS, 1,
	    "missing setting \"name\"", "no branch.name");
	bad(BRANCH WINDOWS, 1, "missing setting \"services\"", "no services");
	bad(BRANCH SERVICES, 1, "missing setting \"windows\"", "no windows");
	bad(BASE "\nservice = 1;\n", 5, "unknown setting \"service\"",
	    "unknown top-level setting");
	bad("branch = \"x\";\n" SERVICES WINDOWS, 1,
	    "branch must be a group { ... }", "branch of the wrong type");
	bad("branch = {\n code = \"MSK 014\";\n name = \"x\"; };\n" SERVICES
	    WINDOWS, 2, "branch code \"MSK 014\": use Latin letters, digits, "
	    "- and _ (at most 32)", "bad branch code");
	bad(BRANCH WINDOWS "services = ();\n", 3, "no services configured",
	    "empty services");
	bad(BRANCH WINDOWS "services = ( 1 );\n", 3,
	    "each service must be a group { ... }", "service not a group");

	/* Services. */
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; prefix = \"A\"; "
	    "name = \"P\";\n   wait_norm = \"15\"; service_norm = 10; }\n);\n",
	    5, "wait_norm must be an integer", "norm of the wrong type");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; prefix = \"A\"; "
	    "name = \"P\";\n   wait_norm = 0; service_norm = 10; }\n);\n",
	    5, "wait_norm must be positive", "zero norm");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; prefix = \"A\"; "
	    "name = \"P\"; wait_norm = 15;\n   service_norm = -5; }\n);\n",
	    5, "service_norm must be positive", "negative norm");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; prefix = \"A\"; "
	    "name = \"P\"; wait_norm = 15; }\n);\n",
	    4, "missing setting \"service_norm\"", "missing norm");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; name = \"P\";\n"
	    "   prefix = \"a\"; wait_norm = 1; service_norm = 1; }\n);\n", 5,
	    "prefix \"a\": use one or two capital Latin letters (A-Z)",
	    "lower-case prefix");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; name = \"P\";\n"
	    "   prefix = \"ABC\"; wait_norm = 1; service_norm = 1; }\n);\n", 5,
	    "prefix \"ABC\": use one or two capital Latin letters (A-Z)",
	    "long prefix");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; name = \"P\";\n"
	    "   prefix = \"Б\"; wait_norm = 1; service_norm = 1; }\n);\n", 5,
	    "prefix \"Б\": use one or two capital Latin letters (A-Z)",
	    "Cyrillic prefix");
	bad(BRANCH WINDOWS "services = (\n { code = \"Pay\"; name = \"P\";\n"
	    "   prefix = \"A\"; wait_norm = 1; service_norm = 1; }\n);\n", 4,
	    "code \"Pay\": use a lower-case Latin letter, then letters, "
	    "digits or _ (at most 32)", "bad service code");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; name = \"P\"; "
	    "prefix = \"A\"; wait_norm = 1; service_norm = 1; },\n"
	    " { code = \"pay\"; name = \"Q\"; prefix = \"B\"; wait_norm = 1; "
	    "service_norm = 1; }\n);\n", 5,
	    "service \"pay\" is defined twice", "duplicate service code");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; name = \"P\"; "
	    "prefix = \"A\"; wait_norm = 1; service_norm = 1; },\n"
	    " { code = \"meter\"; name = \"Q\"; wait_norm = 1; "
	    "service_norm = 1;\n   prefix = \"A\"; }\n);\n", 6,
	    "prefix \"A\" is used by service \"pay\" too", "duplicate prefix");
	bad(BRANCH WINDOWS "services = (\n { code = \"pay\"; name = \"P\"; "
	    "prefix = \"A\"; wait_norm = 1; service_norm = 1;\n"
	    "   wait_nrom = 3; }\n);\n", 5, "unknown setting \"wait_nrom\"",
	    "typo in a service");

	/* Windows. */
	bad(BRANCH SERVICES "windows = (\n { number = 1;\n"
	    "   services = [ \"pay\",\n \"tea\" ]; }\n);\n", 6,
	    "window 1: unknown service \"tea\"", "unknown service in window");
	bad(BRANCH SERVICES "windows = (\n { number = 1; services = "
	    "[ \"pay\" ]; },\n { number = 1; services = [ \"pay\" ]; }\n);\n",
	    5, "window 1 is defined twice", "duplicate window");
	bad(BRANCH SERVICES "windows = (\n { number = 0; services = "
	    "[ \"pay\" ]; }\n);\n", 4, "number must be between 1 and 999",
	    "window 0");
	bad(BRANCH SERVICES "windows = (\n { number = -2; services = "
	    "[ \"pay\" ]; }\n);\n", 4, "number must be between 1 and 999",
	    "negative window");
	bad(BRANCH SERVICES "windows = (\n { number = 1;\n services = [ ]; }"
	    "\n);\n", 5, "window 1 serves no service", "window without "
	    "services");
	bad(BRANCH SERVICES "windows = (\n { number = 1;\n services = "
	    "[ \"pay\", \"pay\" ]; }\n);\n", 5,
	    "window 1: service \"pay\" is listed twice", "service twice");

	/* Time zone. */
	bad(BASE "\nbranch = 1;\n", 5, "duplicate setting name",
	    "setting twice");
	bad("branch = { code = \"T\"; name = \"N\";\n"
	    "  timezone = \"Mars/Olympus\"; };\n" SERVICES WINDOWS, 2,
	    "unknown time zone \"Mars/Olympus\" (not in /usr/share/zoneinfo)",
	    "unknown time zone");
	bad("branch = { code = \"T\"; name = \"N\";\n"
	    "  timezone = \"../../etc/passwd\"; };\n" SERVICES WINDOWS, 2,
	    "unknown time zone \"../../etc/passwd\"", "time zone with ..");
	bad("branch = { code = \"T\"; name = \"N\";\n"
	    "  timezone = \"/etc/localtime\"; };\n" SERVICES WINDOWS, 2,
	    "unknown time zone \"/etc/localtime\"", "absolute time zone");
}

/* The cases whose message names a path in the test folder. */
static void
test_path_errors(void)
{
	const char *dir = test_tmpdir();
	char *msg, *xml, *conf;

	msg = xasprintf("calendar file %s/nope/ru-2026.xml: No such file or "
	    "directory", dir);
	bad(BASE "\ncalendar = [\n \"nope/ru-2026.xml\" ];\n", 6, msg,
	    "missing calendar file");
	free(msg);

	xml = fx_put("broken.xml", "<calendar year=\"2031\">\n<days>\n"
	    "<day d=\"13.01\" t=\"1\"/>\n</days>\n</calendar>\n");
	conf = fx_put("cal.conf", BASE "calendar = \"broken.xml\";\n");
	{
		struct config *cfg;
		struct err e;
		char *want = xasprintf("%s:3: bad day \"13.01\": no such date "
		    "in 2031", xml);

		is_int(config_load(conf, &cfg, &e), OKNO_ECONFIG,
		    "bad calendar file refused");
		is_string(e.msg, want, "message points into the XML");
		free(want);
	}
	free(xml);
	free(conf);

	xml = fx_put("dup2026.xml", "<calendar year=\"2026\"/>\n");
	free(xml);
	msg = xasprintf("%s/dup.conf:5: %s/dup2026.xml: the calendar for "
	    "2026 is already loaded from %s/ru-2026.xml", dir, dir, dir);
	{
		char *copy = xasprintf("cp conf/calendar/ru-2026.xml %s/", dir);

		if (system(copy) != 0)
			bail("%s", copy);
		free(copy);
	}
	conf = fx_put("dup.conf", BASE "calendar = [ \"ru-2026.xml\",\n"
	    "  \"dup2026.xml\" ];\n");
	{
		struct config *cfg;
		struct err e;

		is_int(config_load(conf, &cfg, &e), OKNO_ECONFIG,
		    "a year twice is refused");
		is_string(e.msg, msg, "message: the setting's line, both files");
	}
	free(conf);
	free(msg);

	{
		struct config *cfg;
		struct err e;
		char *want = xasprintf("%s/none.conf: cannot read: No such "
		    "file or directory", dir);
		char *path = xasprintf("%s/none.conf", dir);

		is_int(config_load(path, &cfg, &e), OKNO_ECONFIG,
		    "missing configuration file");
		is_string(e.msg, want, "message names it");
		free(want);
		free(path);
	}
}

static void
test_appeal_errors(void)
{
	bad(BASE "appeals = {\n kinds = (\n  { code = \"complaint\"; "
	    "name = \"C\"; deadline = 30;\n    days = \"business\"; }\n"
	    ");\n};\n", 7, "days \"business\": use \"calendar\" or "
	    "\"working\"", "bad days");
	bad(BASE "appeals = {\n kinds = (\n  { code = \"complaint\"; "
	    "name = \"C\";\n    deadline = 0; }\n);\n};\n",
	    7, "deadline must be between 1 and 3660", "zero deadline");
	bad(BASE "appeals = {\n kinds = (\n  { code = \"complaint\"; "
	    "name = \"C\";\n    deadline = -30; }\n);\n};\n",
	    7, "deadline must be between 1 and 3660", "negative deadline");
	bad(BASE "appeals = {\n kinds = (\n  { code = \"complaint\"; "
	    "name = \"C\"; deadline = 30; },\n  { code = \"complaint\"; "
	    "name = \"D\"; deadline = 10; }\n);\n};\n",
	    7, "appeal kind \"complaint\" is defined twice", "duplicate kind");
	bad(BASE "appeals = {\n kinds = ();\n};\n", 5,
	    "no appeal kinds configured", "empty kinds");
	bad(BASE "appeals = {\n account_pattern =\n \"^[0-9]{10,12$\";\n};\n",
	    5, "account_pattern \"^[0-9]{10,12$\": ", "bad regex (prefix)");
	bad(BASE "appeals = {\n retention_days = 0;\n};\n", 5,
	    "retention_days must be positive", "zero retention");
	bad(BASE "appeals = {\n topics = [ \"a\",\n \"\" ];\n};\n", 6,
	    "empty topic", "empty topic");
	bad(BASE "feedback = {\n criteria = (\n  { code = \"speed\"; "
	    "name = \"S\";\n    weight = 0; }\n);\n};\n",
	    7, "weight must be positive", "zero weight");
	bad(BASE "feedback = {\n criteria = (\n  { code = \"speed\"; "
	    "name = \"S\";\n    weight = -0.5; }\n);\n};\n",
	    7, "weight must be positive", "negative weight");
	/* libconfig reads 1e400 as infinity (issue 18). */
	bad(BASE "feedback = {\n criteria = (\n  { code = \"speed\"; "
	    "name = \"S\";\n    weight = 1e400; }\n);\n};\n",
	    7, "weight must be at most 1000", "infinite weight");
	bad(BASE "feedback = {\n criteria = (\n  { code = \"speed\"; "
	    "name = \"S\";\n    weight = 1001; }\n);\n};\n",
	    7, "weight must be at most 1000", "huge weight");
	bad(BASE "export = {\n keep_days = -1;\n};\n", 5,
	    "keep_days must be between 0 and 3660",
	    "negative keep_days");
	bad(BASE "export = {\n folder = \"\";\n};\n", 5,
	    "empty export folder name", "empty export folder");
	bad(BASE "feedback = {\n criteria = (\n  { code = \"speed\"; "
	    "name = \"S\"; weight = 1; },\n  { code = \"speed\"; name = \"T\"; "
	    "weight = 1; }\n);\n};\n",
	    7, "criterion \"speed\" is defined twice", "duplicate criterion");
	bad(BASE "ui = {\n idle_lock = \"10\";\n};\n", 5,
	    "idle_lock must be an integer", "idle_lock of the wrong type");
	bad(BASE "ui = {\n idle_lock_hall = -1;\n};\n", 5,
	    "idle_lock_hall must be between 0 and 1440", "idle_lock_hall below 0");
	bad(BASE "ticket = {\n footer = \"a\033[2J\";\n};\n", 5,
	    "footer: character U+001B is not allowed", "escape in footer");
}

static void
test_device_errors(void)
{
	bad(BASE "devices = {\n printer = {\n  driver = \"zebra\"; "
	    "port = \"/dev/ttyS0\"; };\n};\n", 6,
	    "unknown printer driver \"zebra\" (known: escpos)",
	    "unknown printer driver");
	bad(BASE "devices = {\n board = {\n  port = \"/dev/ttyS0\";\n"
	    "  driver = \"led\"; };\n};\n", 7,
	    "unknown board driver \"led\" (known: dmd, alpha, rs485)",
	    "unknown board driver");
	bad(BASE "devices = {\n board = {\n  port = \"/dev/ttyS0\"; };\n};\n",
	    5, "missing setting \"driver\"", "device without driver");
	bad(BASE "devices = {\n printer = { driver = \"escpos\";\n"
	    "  port = \"/dev/ttyS0\";\n  baud = 9601; };\n};\n", 7,
	    "baud 9601: use 1200, 2400, 4800, 9600, 19200, 38400, 57600 or "
	    "115200", "bad baud");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  parity = \"mark\"; };\n};\n", 6,
	    "parity \"mark\": use \"none\", \"odd\" or \"even\"", "bad parity");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  flow = \"dtrdsr\"; };\n};\n", 6,
	    "flow \"dtrdsr\": DTR/DSR flow control is not supported "
	    "(libserialport); use \"none\", \"rtscts\" or \"xonxoff\"",
	    "DTR/DSR flow");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  flow = \"hardware\"; };\n};\n", 6,
	    "flow \"hardware\": use \"none\", \"rtscts\" or \"xonxoff\"",
	    "bad flow");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  bits = 9; };\n};\n", 6,
	    "bits must be between 5 and 8", "bad bits");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  stopbits = 3; };\n};\n", 6,
	    "stopbits must be between 1 and 2", "bad stopbits");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  charset = \"KLINGON-8\"; };\n};\n", 6,
	    "unknown charset \"KLINGON-8\"", "bad charset");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  codepage = 300; };\n};\n", 6,
	    "codepage must be between -1 and 255", "bad codepage");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  kanji_off = \"yes\"; };\n};\n", 6,
	    "kanji_off must be true or false", "bad boolean");
	bad(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyS0\";\n  windows = (); };\n};\n", 6,
	    "window displays need the rs485 board driver",
	    "window displays on a printer");
	bad(BASE "devices = {\n board = { driver = \"rs485\"; "
	    "port = \"/dev/ttyS0\";\n  windows = (\n  { window = 7; "
	    "address = 3; }\n  ); };\n};\n", 7, "no window 7 is configured",
	    "display of an unknown window");
	bad(BASE "devices = {\n board = { driver = \"rs485\"; "
	    "port = \"/dev/ttyS0\";\n  address = 3;\n  windows = (\n"
	    "  { window = 1; address = 3; }\n  ); };\n};\n", 8,
	    "address 3 is the hall board's", "display on the board's address");
	bad(BASE "devices = {\n scanner = { driver = \"x\"; };\n};\n", 5,
	    "unknown setting \"scanner\"", "unknown device");
}

static void
test_sample(void)
{
	struct config *cfg = NULL;
	const struct config_window *w;
	const struct config_kind *k;
	char *buf = NULL, cwd[1024], *want;
	size_t len = 0;
	FILE *fp;
	struct err e;

	if (getcwd(cwd, sizeof cwd) == NULL)
		sysbail("getcwd");
	if (!is_int(config_load("conf/okno.conf", &cfg, &e), OKNO_OK,
	    "the sample conf/okno.conf loads")) {
		diag("%s", e.msg);
		return;
	}
	is_string(cfg->branch_code, "MSK-014", "branch code");
	is_string(cfg->timezone, "Europe/Moscow", "time zone");
	is_string(getenv("TZ"), "Europe/Moscow", "TZ set for the process");
	is_string(cfg->database, "/var/lib/okno/okno.db", "database");
	is_int((long long)cfg->ncalendars, 2, "two calendars");
	want = xasprintf("%s/conf/calendar/ru-2026.xml", cwd);
	is_string(cfg->calendars[0], want, "calendar path made absolute");
	free(want);
	ok(calendar_has_year(cfg->cal, 2026) &&
	    calendar_has_year(cfg->cal, 2027), "both years loaded");
	is_int((long long)cfg->nservices, 9, "nine services");
	is_string(config_service(cfg, "recalc")->prefix, "C", "recalc is C");
	is_int(config_service_index(cfg, "consult"), 8, "consult is #8");
	ok(config_service(cfg, "tea") == NULL, "no tea service");
	is_int((long long)cfg->nwindows, 4, "four windows");
	w = config_window(cfg, 3);
	ok(w != NULL && w->nservices == 4, "window 3 has four services");
	ok(config_window_serves(w, config_service_index(cfg, "legal")),
	    "window 3 serves legal");
	ok(!config_window_serves(w, config_service_index(cfg, "pay")),
	    "window 3 does not serve pay");
	ok(config_window(cfg, 5) == NULL, "no window 5");
	k = config_kind(cfg, "request");
	ok(k != NULL && k->deadline == 10 && k->days == CALENDAR_DAYS_WORKING,
	    "request: 10 working days");
	k = config_kind(cfg, "complaint");
	ok(k != NULL && k->deadline == 30 && k->days == CALENDAR_DAYS_CALENDAR,
	    "complaint: 30 calendar days");
	is_int((long long)cfg->ntopics, 8, "eight topics");
	is_double(config_criterion(cfg, "comfort")->weight, 0.2, 1e-9,
	    "comfort weight");
	is_string(cfg->printer.driver, "escpos", "printer driver");
	is_int(cfg->printer.codepage, 17, "printer code page");
	is_string(cfg->board.driver, "dmd", "board driver");
	is_int(cfg->board.columns, 20, "dmd default columns");
	is_int(cfg->board.lines, 2, "dmd default lines");

	fp = open_memstream(&buf, &len);
	config_summary(cfg, fp);
	fclose(fp);
	ok(strstr(buf, "MSK-014") != NULL, "summary: branch");
	ok(strstr(buf, "Europe/Moscow") != NULL, "summary: time zone");
	ok(strstr(buf, "/var/lib/okno/okno.db") != NULL, "summary: database");
	ok(strstr(buf, "Reports folder: /var/lib/okno/reports\n") != NULL,
	    "summary: the reports folder, beside the database");
	ok(strstr(buf, "2026") != NULL && strstr(buf, "2027") != NULL,
	    "summary: calendar years");
	ok(strstr(buf, "A  pay") != NULL, "summary: service with prefix");
	ok(strstr(buf, "wait 15 min, service 10 min") != NULL,
	    "summary: norms");
	ok(strstr(buf, "window 2: pay, meter, recalc, debt") != NULL,
	    "summary: window services");
	ok(strstr(buf, "10 working days") != NULL, "summary: deadlines");
	ok(strstr(buf, "Printer: escpos on /dev/ttyUSB0") != NULL,
	    "summary: printer");
	ok(strstr(buf, "Board: dmd on /dev/ttyS1") != NULL, "summary: board");
	free(buf);
	config_free(cfg);

	is_int(config_load_embedded(&cfg, &e), OKNO_OK,
	    "the embedded configuration loads");
	if (cfg != NULL) {
		is_int((long long)calendar_nyears(cfg->cal), 2,
		    "with its embedded calendars");
		config_free(cfg);
	}
}

static void
test_defaults(void)
{
	struct config *cfg;
	char *want;
	double sum = 0;

	unsetenv("TZ");
	if ((cfg = good(BASE, "minimal configuration")) == NULL)
		return;
	ok(cfg->timezone == NULL && getenv("TZ") == NULL,
	    "no time zone: TZ untouched");
	is_string(cfg->database, "/var/lib/okno/okno.db", "default database");
	ok(cfg->reports == NULL, "no reports folder set");
	want = config_reports_dir(cfg, NULL);
	is_string(want, "/var/lib/okno/reports",
	    "reports: beside the default database");
	free(want);
	want = config_reports_dir(cfg, "/srv/branch/o.db");
	is_string(want, "/srv/branch/reports",
	    "reports: beside the database in use (-d, OKNO_DB)");
	free(want);
	want = config_reports_dir(cfg, "o.db");
	is_string(want, "reports", "reports: beside a relative database");
	free(want);
	want = config_reports_dir(cfg, "/o.db");
	is_string(want, "/reports", "reports: beside a database in /");
	free(want);
	is_int((long long)cfg->ncalendars, 0, "no calendars");
	ok(cfg->cal != NULL && calendar_nyears(cfg->cal) == 0,
	    "an empty calendar set");
	is_int((long long)cfg->nkinds, 6, "six default appeal kinds");
	for (size_t i = 0; i < cfg->nkinds; i++)
		ok(cfg->kinds[i].deadline == 30 &&
		    cfg->kinds[i].days == CALENDAR_DAYS_CALENDAR,
		    "%s: 30 calendar days", cfg->kinds[i].code);
	ok(config_kind(cfg, "request") && config_kind(cfg, "gratitude") &&
	    config_kind(cfg, "claim"), "default kind codes");
	is_int((long long)cfg->ncriteria, 4, "four default criteria");
	for (size_t i = 0; i < cfg->ncriteria; i++)
		sum += cfg->criteria[i].weight;
	is_double(sum, 1.0, 1e-9, "weights sum to 1");
	is_double(config_criterion(cfg, "politeness")->weight, 0.25, 1e-9,
	    "equal weights");
	ok(config_criterion(cfg, "speed") && config_criterion(cfg, "info") &&
	    config_criterion(cfg, "comfort"), "default criterion codes");
	is_int(cfg->idle_lock, 10, "idle_lock 10");
	is_int(cfg->idle_lock_hall, 0, "idle_lock_hall 0: the hall stays live");
	is_string(cfg->language, "ru", "branch.language ru");
	is_int(cfg->retention_days, 1095, "retention 1095 days");
	is_string(cfg->account_pattern, "^[0-9]{10,12}$", "account pattern");
	ok(cfg->printer.driver == NULL && cfg->board.driver == NULL,
	    "no devices");
	ok(cfg->ticket_footer == NULL && cfg->phone == NULL, "unset texts");
	config_free(cfg);

	cfg = good(BASE "devices = {\n printer = { driver = \"escpos\"; "
	    "port = \"/dev/ttyUSB0\"; };\n board = { driver = \"rs485\"; "
	    "port = \"ttyFAKE\";\n  windows = ( { window = 1; address = 2; } );"
	    " };\n};\n", "devices with defaults");
	if (cfg == NULL)
		return;
	is_int(cfg->printer.baud, 9600, "baud 9600");
	is_int(cfg->printer.bits, 8, "8 bits");
	is_string(cfg->printer.parity, "none", "no parity");
	is_int(cfg->printer.stopbits, 1, "1 stop bit");
	is_string(cfg->printer.flow, "none", "no flow control");
	is_int(cfg->printer.timeout_ms, 2000, "timeout 2000 ms");
	is_int(cfg->printer.codepage, -1, "code page: driver default");
	is_string(cfg->printer.charset, "CP866", "printer charset CP866");
	is_int(cfg->printer.address, -1, "no address");
	is_string(cfg->board.charset, "CP1251", "rs485 charset CP1251");
	ok(cfg->board.port[0] == '/' &&
	    strstr(cfg->board.port, "/ttyFAKE") != NULL &&
	    strncmp(cfg->board.port, test_tmpdir(), strlen(test_tmpdir())) ==
	    0, "relative port made absolute: %s", cfg->board.port);
	is_int((long long)cfg->board.nwindow_addr, 1, "one window display");
	is_int(config_device_window_addr(&cfg->board, 1), 2,
	    "window 1 display at address 2");
	is_int(config_device_window_addr(&cfg->board, 2), -1,
	    "window 2 has none");
	config_free(cfg);
}

static void
test_paths(void)
{
	const char *dir = test_tmpdir();
	struct config *cfg;
	struct err e;
	char *want, *sub, cwd[1024], *copy;

	sub = xasprintf("%s/cal", dir);
	mkdir(sub, 0755);
	copy = xasprintf("cp conf/calendar/ru-2027.xml %s/", sub);
	if (system(copy) != 0)
		bail("%s", copy);
	free(copy);
	cfg = good(BASE "database = \"data/okno.db\";\n"
	    "calendar = \"cal/ru-2027.xml\";\n", "relative paths");
	if (cfg != NULL) {
		want = xasprintf("%s/data/okno.db", dir);
		is_string(cfg->database, want, "database from the conf folder");
		free(want);
		want = xasprintf("%s/ru-2027.xml", sub);
		is_string(cfg->calendars[0], want, "calendar from the folder");
		free(want);
		ok(calendar_has_year(cfg->cal, 2027), "2027 loaded");
		config_free(cfg);
	}
	free(sub);
	cfg = good(BASE "database = \"data/okno.db\";\n"
	    "reports = \"out/reports\";\n", "a relative reports folder");
	if (cfg != NULL) {
		char *got = config_reports_dir(cfg, "/elsewhere/x.db");

		want = xasprintf("%s/out/reports", dir);
		is_string(cfg->reports, want, "reports from the conf folder");
		is_string(got, want, "  and used whatever the database");
		free(got);
		free(want);
		config_free(cfg);
	}
	cfg = good(BASE "reports = \"/srv/okno/reports\";\n",
	    "an absolute reports folder");
	if (cfg != NULL) {
		is_string(cfg->reports, "/srv/okno/reports", "  kept as it is");
		config_free(cfg);
	}

	if (getcwd(cwd, sizeof cwd) == NULL)
		sysbail("getcwd");
	is_int(config_load_string(BASE "database = \"x.db\";\n",
	    "etc/okno.conf", &cfg, &e), OKNO_OK, "config_load_string");
	if (cfg != NULL) {
		want = xasprintf("%s/etc/x.db", cwd);
		is_string(cfg->database, want,
		    "relative config path: from the current folder");
		free(want);
		config_free(cfg);
	}
	is_int(config_load_string(BASE "x = ;\n", "mem.conf", &cfg, &e),
	    OKNO_ECONFIG, "config_load_string: error");
	is_string(e.msg, "mem.conf:4: syntax error", "names the given path");
	is_int(config_load_string(BASE "x = ;\n", "mem.conf", &cfg, NULL),
	    OKNO_ECONFIG, "a NULL err is allowed");

	/* TZDIR is honoured. */
	want = xasprintf("%s/zones", dir);
	mkdir(want, 0755);
	sub = xasprintf("%s/Test", want);
	mkdir(sub, 0755);
	free(sub);
	free(fx_put("zones/Test/Zone", ""));
	setenv("TZDIR", want, 1);
	cfg = good("branch = { code = \"T\"; name = \"N\"; "
	    "timezone = \"Test/Zone\"; };\n" SERVICES WINDOWS, "TZDIR zone");
	config_free(cfg);
	unsetenv("TZDIR");
	free(want);

	ok(strcmp(config_find("/x/y.conf"), "/x/y.conf") == 0,
	    "config_find: explicit path");
	setenv("OKNO_CONFIG", "/env/okno.conf", 1);
	is_string(config_find(NULL), "/env/okno.conf", "config_find: env");
	unsetenv("OKNO_CONFIG");
	is_string(config_find(NULL), SYSCONFDIR "/okno/okno.conf",
	    "config_find: default");
}

int
main(void)
{
	plan_lazy();
	test_errors();
	test_path_errors();
	test_appeal_errors();
	test_device_errors();
	test_sample();
	test_defaults();
	test_paths();
	return 0;
}
