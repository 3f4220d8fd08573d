/* export.c: TAP tests of the export batch: content, high-water mark,
 * acknowledgement, names, modes, leftovers and the formula guard. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "export.h"
#include "fixture.h"
#include "tap.h"
#include "queue.h"

static struct config_service svcs[] = {
	{ "pay", "A", "Payments", 15, 10 },
	{ "meter", "B", "Meters", 15, 10 },
};
static struct config_criterion crits[] = {
	{ "speed", "Speed", 0.3 },
	{ "=info", "Information", 2 },
};
static int w1s[] = { 0, 1 };
static struct config_window wins[] = { { 1, w1s, 2 } };
static struct config cfg = {
	.branch_code = "MSK-014",
	.services = svcs, .nservices = nitems(svcs),
	.windows = wins, .nwindows = nitems(wins),
	.criteria = crits, .ncriteria = nitems(crits),
};
static struct ctx c;
static struct err e;
static char out[512];

static const char *const files[] = {
	"tickets.csv", "ticket_events.csv", "ratings.csv", "appeals.csv",
	"appeal_events.csv", "inspections.csv", "bookings.csv"
};

static char *
batch_file(const struct export_result *r, const char *file)
{
	char path[1024];

	snprintf(path, sizeof path, "%s/%s", r->path, file);
	return test_slurp(path);
}

/* Data rows of a CSV file (lines after the header). */
static int
rows(const struct export_result *r, const char *file)
{
	char *s = batch_file(r, file), *p;
	int n = -1;

	for (p = s; (p = strstr(p, "\r\n")) != NULL; p += 2)
		n++;
	free(s);
	return n;
}

static void
export(struct export_result *r)
{
	if (export_batch(&c, out, r, &e) != OKNO_OK)
		bail("export: %s", e.msg);
}

static void
issue(const char *service)
{
	struct ticket t;

	if (queue_issue(&c, service, 0, &t, NULL, &e) != OKNO_OK)
		bail("issue: %s", e.msg);
}

static void
test_empty(void)
{
	struct export_result r;
	struct stat sb;
	char cmd[1200], *s;
	int modes_ok = 1;

	c.now = fx_at("2026-11-27T22:00:00+03:00");
	export(&r);
	is_string(r.name, "MSK-014-20261127T220000-1", "batch name: branch, "
	    "local time, sequence");
	is_int(r.rows, 0, "an empty database exports no rows");
	is_int(r.files, 8, "eight CSV files (bookings.csv the eighth)");
	s = batch_file(&r, "tickets.csv");
	is_string(s, "branch,id,number,service,priority,issued_at,status,"
	    "account,category,outcomes,resolved,wait_s,service_s,window,"
	    "manager,closed_at\r\n",
	    "header-only tickets.csv, CRLF");
	free(s);
	s = batch_file(&r, "BATCH");
	ok(strstr(s, "\r\ntimezone,Europe/Moscow,,\r\n") != NULL, "BATCH "
	    "names the branch's time zone");
	ok(strstr(s, "\r\nnorm,pay,900,600\r\n") != NULL &&
	    strstr(s, "\r\nnorm,meter,900,600\r\n") != NULL, "BATCH: each "
	    "service's wait and service norms in seconds");
	ok(strstr(s, "\r\ncriterion,speed,0.29999999999999999,\r\n"
	    "criterion,'=info,2,\r\n") != NULL, "BATCH: each rating "
	    "criterion's weight, exactly; a code guarded like any cell");
	free(s);
	s = batch_file(&r, "appeals.csv");
	ok(strncmp(s, "branch,id,reg_no,registered_at,", 31) == 0,
	    "a table not in the schema yet: header only");
	free(s);
	ok(stat(r.path, &sb) == 0 && (sb.st_mode & 07777) == 0750,
	    "batch folder is 0750");
	for (size_t i = 0; i < nitems(files); i++) {
		snprintf(cmd, sizeof cmd, "%s/%s", r.path, files[i]);
		if (stat(cmd, &sb) != 0 || (sb.st_mode & 07777) != 0640)
			modes_ok = 0;
	}
	ok(modes_ok, "files are 0640");
	snprintf(cmd, sizeof cmd, "cd '%s' && sha256sum --quiet --strict -c "
	    "MANIFEST.sha256", r.path);
	is_int(system(cmd), 0, "sha256sum -c accepts the manifest");
	free(r.path);
}

static void
test_rows_and_ack(void)
{
	struct export_result r1, r2, r3, r4, r5;
	char *a, *b;
	struct ticket t;

	c.now = fx_at("2026-11-28T09:00:00+03:00");
	issue("pay");
	issue("meter");
	issue("pay");
	if (auth_user_add(&c, "ivan", ROLE_MANAGER, "pw-ivan1", &e) !=
	    OKNO_OK || queue_window_open(&c, 1, "ivan", &e) != OKNO_OK ||
	    queue_call(&c, 1, &t, &e) != OKNO_OK)
		bail("%s", e.msg);
	c.now = fx_at("2026-11-28T22:00:00+03:00");
	export(&r1);
	is_int(rows(&r1, "tickets.csv"), 3, "three tickets");
	is_int(rows(&r1, "ticket_events.csv"), 4, "four ticket events");
	is_int(rows(&r1, "window_events.csv"), 1, "one window event");
	is_int(r1.rows, 8, "rows counted");
	a = batch_file(&r1, "tickets.csv");
	ok(strstr(a, "\r\nMSK-014,1,A001,pay,0,2026-11-28T09:00:00+03:00,"
	    "called,,,,,0,0,1,ivan,\r\n") != NULL, "ticket row: branch, id, "
	    "ISO time with offset, wait and service seconds, window, manager");
	ok(strstr(a, "\r\nMSK-014,2,B001,meter,0,2026-11-28T09:00:00+03:00,"
	    "waiting,,,,,0,0,,,\r\n") != NULL, "a ticket never called: no "
	    "window, no manager");
	free(a);
	a = batch_file(&r1, "ticket_events.csv");
	ok(strstr(a, "MSK-014,4,1,2026-11-28T09:00:00+03:00,called,1,ivan,"
	    "pay\r\n") != NULL, "event row with window and manager");
	free(a);

	/* Same second, no ack: the same rows, under another name. */
	export(&r2);
	ok(strcmp(r1.name, r2.name) != 0, "two exports in one second: "
	    "different names (%s, %s)", r1.name, r2.name);
	for (size_t i = 0; i < nitems(files); i++) {
		a = batch_file(&r1, files[i]);
		b = batch_file(&r2, files[i]);
		is_string(b, a, "not acknowledged: %s again, the same",
		    files[i]);
		free(a);
		free(b);
	}

	/* A change after the snapshot, in the very same second. */
	if (queue_finish(&c, 1, &t, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int(export_ack(&c, r2.path, &e), OKNO_OK, "ack by path");
	is_int(export_ack(&c, r2.name, &e), OKNO_OK, "ack again: fine");
	export(&r3);
	is_int(rows(&r3, "tickets.csv"), 1, "a change in the second of the "
	    "acknowledged export is not lost");
	is_int(rows(&r3, "ticket_events.csv"), 1, "its event too");

	/* Acknowledging the older batch now changes nothing. */
	is_int(export_ack(&c, r1.name, &e), OKNO_OK, "ack an older batch");
	export(&r4);
	is_int(r4.rows, 2, "still the unacknowledged change");
	is_int(export_ack(&c, r4.name, &e), OKNO_OK, "ack");

	/* A clock that went back (power loss, bad CMOS battery). */
	c.now = fx_at("2026-11-01T10:00:00+03:00");
	issue("meter");
	c.now = fx_at("2026-11-29T22:00:00+03:00");
	export(&r5);
	is_int(rows(&r5, "tickets.csv"), 1, "a row stamped in the past "
	    "still comes");
	is_int(rows(&r5, "ticket_events.csv"), 1, "new changes only");
	is_int(export_ack(&c, "MSK-014-20990101T000000-99", &e),
	    OKNO_ENOENT, "unknown batch: ENOENT");
	is_int(export_ack(&c, r5.name, &e), OKNO_OK, "ack");
	free(r1.path);
	free(r2.path);
	free(r3.path);
	free(r4.path);
	free(r5.path);
}

static void
test_guard(void)
{
	struct export_result r;
	char *s;

	fx_exec(c.db, "UPDATE ticket_events SET manager = '=HYPERLINK(\"x\")'"
	    " WHERE id = 1;"
	    "UPDATE ticket_events SET manager = '''quoted' WHERE id = 2;"
	    "UPDATE ticket_events SET manager = '-1,5' WHERE id = 3;"
	    "UPDATE ticket_events SET manager = 'plain' WHERE id = 4;");
	export(&r);
	s = batch_file(&r, "ticket_events.csv");
	ok(strstr(s, ",\"'=HYPERLINK(\"\"x\"\")\",pay\r\n") != NULL,
	    "formula cell gets a leading ', quotes doubled");
	ok(strstr(s, ",''quoted,") != NULL, "a cell starting with ' "
	    "gets another, so the loader can strip exactly one");
	ok(strstr(s, ",\"'-1,5\",") != NULL, "guarded and quoted");
	ok(strstr(s, ",plain,pay\r\n") != NULL, "plain text untouched");
	is_int(rows(&r, "ticket_events.csv"), 4, "updated rows are sent");
	free(s);
	if (export_ack(&c, r.name, &e) != OKNO_OK)
		bail("%s", e.msg);
	free(r.path);
}

static void
test_leftovers(void)
{
	struct export_result r;
	char path[1024];
	FILE *f;
	int before;

	/* An export killed mid-way leaves its work folder behind. */
	snprintf(path, sizeof path, "%s/.tmp-MSK-014-999999", out);
	if (mkdir(path, 0750) != 0)
		sysbail("mkdir");
	snprintf(path, sizeof path, "%s/.tmp-MSK-014-999999/tickets.csv", out);
	if ((f = fopen(path, "w")) == NULL)
		sysbail("fopen");
	fputs("half", f);
	fclose(f);
	before = fx_entries(out);
	export(&r);
	is_int(fx_entries(out), before, "a dead export's work folder is "
	    "removed by the next one (one batch more, one leftover less)");
	snprintf(path, sizeof path, "%s/.tmp-MSK-014-999999", out);
	ok(access(path, F_OK) != 0, "leftover gone");
	free(r.path);

	/* A file error: nothing left, nothing recorded. */
	snprintf(path, sizeof path, "%s/not-a-dir", out);
	if ((f = fopen(path, "w")) == NULL)
		sysbail("fopen");
	fclose(f);
	is_int(export_batch(&c, path, &r, &e), OKNO_EIO, "output not a "
	    "folder: OKNO_EIO");
	ok(strstr(e.msg, "not-a-dir") != NULL, "the message names it: %s",
	    e.msg);
}

static void
test_late_table(void)
{
	struct export_result r;
	char *s;

	/* A table that appears later: its first export sends all of it. */
	fx_exec(c.db,
	    "CREATE TABLE IF NOT EXISTS ratings (id INTEGER PRIMARY KEY,"
	    " ticket_id INTEGER, criterion TEXT, score INTEGER, at INTEGER,"
	    " manager TEXT, updated_at INTEGER);"
	    "INSERT INTO ratings VALUES (1, 1, 'speed', 5, 1795856400,"
	    " 'ivan', 0);");
	export(&r);
	s = batch_file(&r, "ratings.csv");
	is_string(s, "branch,id,ticket_id,criterion,score,at,manager\r\n"
	    "MSK-014,1,1,speed,5,2026-11-28T12:00:00+03:00,ivan\r\n",
	    "a table found later is tracked and sent whole");
	free(s);
	is_int(r.rows, 1, "and nothing else");
	if (export_ack(&c, r.name, &e) != OKNO_OK)
		bail("%s", e.msg);
	free(r.path);
	fx_exec(c.db, "UPDATE ratings SET score = 4 WHERE id = 1");
	export(&r);
	is_int(rows(&r, "ratings.csv"), 1, "then its changes");
	free(r.path);
}

/* Without branch.timezone the batch names the process's zone, also when
 * TZ names a zoneinfo file. */
static void
test_zone(void)
{
	struct export_result r;
	char *s;

	fx_tz(":/usr/share/zoneinfo/Asia/Vladivostok");
	export(&r);
	s = batch_file(&r, "BATCH");
	ok(strstr(s, "\r\ntimezone,Asia/Vladivostok,,\r\n") != NULL,
	    "TZ a zoneinfo file: BATCH names the zone");
	free(s);
	free(r.path);
	fx_tz("Europe/Moscow");
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(51);
	snprintf(out, sizeof out, "%s/out", test_tmpdir());
	fx_db_open(&c, &cfg, "x.db", &actor_system);
	test_empty();
	test_rows_and_ack();
	test_guard();
	test_leftovers();
	test_late_table();
	test_zone();
	fx_db_intact(&c);
	fx_db_close(&c);
	return 0;
}
