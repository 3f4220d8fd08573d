/* inspect.c: TAP tests of quality inspections: who may record them, what
 * is refused (and then nothing is stored), reading them back, and the
 * evidence figures for the criteria okno's data can answer, against rows
 * put in by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "inspect.h"
#include "tap.h"

static struct catalogue *cat;
static struct ctx c;
static struct err e;

/* The rows of inspections and their results, in one number. */
static long long
stored(void)
{
	return fx_int(c.db, "SELECT (SELECT count(*) FROM inspections) * 1000"
	    " + (SELECT count(*) FROM inspection_results)", NULL);
}

static const struct inspection_item_new good_items[] = {
	{ "U1", RESULT_MET, NULL },
	{ "U4", RESULT_NOT_MET, "очередь 40 минут" },
	{ "C2", RESULT_NA, "" },
};

/* What a mystery shopper may check: U4 is not among them. */
static const struct inspection_item_new mystery_items[] = {
	{ "U1", RESULT_MET, NULL },
	{ "U6", RESULT_NOT_MET, NULL },
	{ "C2", RESULT_NA, NULL },
};

static struct inspection_new
good(void)
{
	struct inspection_new n;

	memset(&n, 0, sizeof n);
	n.date = "2026-12-15";
	n.kind = INSPECTION_INTERNAL;
	n.inspector = "Иванова И. И.";
	n.note = "плановая\nпроверка";
	n.items = good_items;
	n.nitems = nitems(good_items);
	return n;
}

/* Expects inspection_add to refuse n with status and a message holding
 * msg, and to store nothing. */
static void
refused(struct inspection_new *n, int status, const char *msg,
    const char *why)
{
	long long before = stored();

	err_clear(&e);
	is_int(inspection_add(&c, cat, n, NULL, &e), status, "%s: refused",
	    why);
	ok(strstr(e.msg, msg) != NULL, "%s: says '%s' (%s)", why, msg, e.msg);
	is_int(stored(), before, "%s: nothing stored", why);
}

static void
test_roles(void)
{
	static const struct actor manager = { "petrov", ROLE_MANAGER };
	static const struct actor supervisor = { "head", ROLE_SUPERVISOR };
	static const struct actor auditor = { "audit1", ROLE_AUDITOR };
	struct inspection_new n = good();
	struct inspection in;
	int64_t id = 0;

	c.who = &manager;
	refused(&n, OKNO_EPERM, "supervisor or an auditor", "a manager");
	c.who = &auditor;
	is_int(inspection_add(&c, cat, &n, &id, &e), OKNO_OK,
	    "an auditor records an inspection");
	is_int(id, 1, "its number");
	c.who = &supervisor;
	n.date = "2026-12-01";
	n.kind = INSPECTION_MYSTERY_SHOPPER;
	n.note = NULL;
	refused(&n, OKNO_EINVAL, "U4 is not checked by mystery shopper",
	    "service times are not a mystery shopper's");
	n.items = mystery_items;
	n.nitems = nitems(mystery_items);
	is_int(inspection_add(&c, cat, &n, &id, &e), OKNO_OK,
	    "a supervisor records one too");
	c.who = &actor_system;

	if (inspection_get(&c, 1, &in, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_string(in.date, "2026-12-15", "get: date");
	is_int(in.kind, INSPECTION_INTERNAL, "get: kind");
	is_string(in.inspector, "Иванова И. И.", "get: inspector");
	is_string(in.note, "плановая\nпроверка", "get: a note keeps lines");
	is_string(in.recorded_by, "audit1", "get: who recorded it");
	is_int(in.created_at, c.now, "get: when");
	is_int((long long)in.nitems, 3, "get: three results");
	ok(in.nitems == 3 && strcmp(in.items[0].code, "C2") == 0 &&
	    strcmp(in.items[1].code, "U1") == 0 &&
	    strcmp(in.items[2].code, "U4") == 0, "get: results by code");
	ok(in.nitems == 3 && in.items[0].result == RESULT_NA &&
	    strcmp(in.items[0].comment, "") == 0 &&
	    in.items[2].result == RESULT_NOT_MET &&
	    strcmp(in.items[2].comment, "очередь 40 минут") == 0,
	    "get: results and comments");
	ok(in.met == 1 && in.not_met == 1 && in.na == 1, "get: counts");
	inspection_clear(&in);
	is_int(inspection_get(&c, 99, &in, &e), OKNO_ENOENT,
	    "get: no inspection 99");
}

static void
test_refusals(void)
{
	static const struct inspection_item_new unknown[] = {
		{ "U10", RESULT_MET, NULL } };
	static const struct inspection_item_new twice[] = {
		{ "U1", RESULT_MET, NULL }, { "U1", RESULT_NA, NULL } };
	static const struct inspection_item_new etiquette[] = {
		{ "U5", RESULT_MET, NULL } };
	static const struct inspection_item_new bad_result[] = {
		{ "U1", (enum inspection_result)7, NULL } };
	static struct inspection_item_new long_comment[] = {
		{ "U1", RESULT_MET, NULL } };
	static const struct inspection_item_new esc_comment[] = {
		{ "U1", RESULT_MET, "a\033[2Jb" } };
	struct inspection_new n;
	char *s;

	n = good(); n.date = "2026-02-30";
	refused(&n, OKNO_EINVAL, "not a date", "30 February");
	n = good(); n.date = "15.12.2026";
	refused(&n, OKNO_EINVAL, "not a date", "a Russian-style date");
	n = good(); n.date = "2026-12-16";
	refused(&n, OKNO_EINVAL, "after today", "tomorrow");
	n = good(); n.inspector = "  ";
	refused(&n, OKNO_EINVAL, "inspector: required", "a blank inspector");
	n = good(); n.inspector = "A\tB";
	refused(&n, OKNO_EINVAL, "character U+0009", "a tab in a name");
	n = good(); n.kind = (enum inspection_kind)5;
	refused(&n, OKNO_EINVAL, "kind", "an unknown kind");
	n = good(); n.nitems = 0;
	refused(&n, OKNO_EINVAL, "at least one result", "no results");
	n = good(); n.items = unknown; n.nitems = 1;
	refused(&n, OKNO_EINVAL, "U10: not in the catalogue", "unknown code");
	n = good(); n.items = twice; n.nitems = 2;
	refused(&n, OKNO_EINVAL, "U1: given twice", "a criterion twice");
	n = good(); n.items = etiquette; n.nitems = 1;
	refused(&n, OKNO_EINVAL, "U5 is not checked by internal audit",
	    "etiquette is for the mystery shopper");
	n = good(); n.items = bad_result; n.nitems = 1;
	refused(&n, OKNO_EINVAL, "unknown result", "an unknown result");
	n = good(); n.items = esc_comment; n.nitems = 1;
	refused(&n, OKNO_EINVAL, "U1: comment: character U+001B", "ESC in a comment");
	s = xmalloc(INSPECTION_COMMENT_MAX * 2 + 3);
	memset(s, 'x', INSPECTION_COMMENT_MAX + 1);
	s[INSPECTION_COMMENT_MAX + 1] = '\0';
	long_comment[0].comment = s;
	n = good(); n.items = long_comment; n.nitems = 1;
	refused(&n, OKNO_EINVAL, "longer than 1000", "a comment over 1000");
	/* 1000 Cyrillic letters are 2000 bytes and allowed. */
	s[0] = '\0';
	for (int i = 0; i < INSPECTION_COMMENT_MAX; i++)
		strcat(s, "ж");
	is_int(inspection_add(&c, cat, &n, NULL, &e), OKNO_OK,
	    "1000 characters of comment are allowed");
	free(s);

	n = good();
	n.items = etiquette;
	n.nitems = 1;
	n.kind = INSPECTION_MYSTERY_SHOPPER;
	is_int(inspection_add(&c, cat, &n, NULL, &e), OKNO_OK,
	    "the mystery shopper checks etiquette");
}

static void
test_list(void)
{
	struct inspection *v;
	size_t n;

	if (inspection_list(&c, NULL, NULL, &v, &n, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int((long long)n, 4, "list: all four");
	ok(n == 4 && strcmp(v[0].date, "2026-12-01") == 0 && v[0].id == 2,
	    "list: by date");
	ok(n == 4 && v[0].items == NULL && v[0].met == 1 &&
	    v[0].not_met == 1 && v[0].na == 1, "list: counts, no items");
	inspection_list_free(v, n);
	if (inspection_list(&c, "2026-12-02", "2026-12-15", &v, &n, &e) !=
	    OKNO_OK)
		bail("%s", e.msg);
	is_int((long long)n, 3, "list: from and to are inclusive");
	inspection_list_free(v, n);
	if (inspection_list(&c, NULL, "2026-12-14", &v, &n, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int((long long)n, 1, "list: to alone");
	inspection_list_free(v, n);
}

/* An appeal due on due, answered and closed at those times (NULL: not). */
static void
appeal(int seq, const char *due, const char *answered, const char *closed,
    const char *channel, const char *reg_date)
{
	struct stmt *st = fx_prepare(c.db, "INSERT INTO appeals (reg_no,"
	    " branch, year, seq, registered_at, reg_date, channel, kind,"
	    " client_type, client_name, topic, status, due_date, due_date_orig,"
	    " answered_at, closed_at, updated_at) VALUES ('R' || :seq, 'T',"
	    " 2026, :seq, 0, :reg, :ch, 'complaint', 'individual', 'X', 'T',"
	    " CASE WHEN :closed IS NOT NULL THEN 'closed' WHEN :ans IS NOT"
	    " NULL THEN 'answered' ELSE 'registered' END, :due, :due, :ans,"
	    " :closed, 0)");

	db_bind_int(st, ":seq", seq);
	db_bind_text(st, ":reg", reg_date);
	db_bind_text(st, ":ch", channel);
	db_bind_text(st, ":due", due);
	db_bind_opt_int(st, ":ans", answered != NULL ? fx_at(answered) : 0);
	db_bind_opt_int(st, ":closed", closed != NULL ? fx_at(closed) : 0);
	fx_run(st);
}

static void
ticket(int seq, const char *day, const char *status, int64_t wait,
    int64_t service)
{
	struct stmt *st = fx_prepare(c.db, "INSERT INTO tickets (id, day,"
	    " prefix, seq, number, service, issued_at, status, window, calls,"
	    " wait_s, service_s, updated_at) VALUES (:seq, :day, 'A', :seq,"
	    " 'A', 'pay', 0, :st, 1, 1, :w, :s, 0)");

	db_bind_int(st, ":seq", seq);
	db_bind_text(st, ":day", day);
	db_bind_text(st, ":st", status);
	db_bind_int(st, ":w", wait);
	db_bind_int(st, ":s", service);
	fx_run(st);
}

static void
test_evidence(void)
{
	struct inspection_evidence ev;
	char line[1024];

	/* Inspection on 2026-12-15: the window is 2026-11-15..2026-12-14. */
	appeal(1, "2026-11-14", "2026-11-10T10:00:00+03:00", NULL,
	    "written", "2026-10-15");			/* due before */
	appeal(2, "2026-11-15", "2026-11-15T23:59:59+03:00", NULL,
	    "written", "2026-10-16");			/* on time, last s */
	appeal(3, "2026-11-20", "2026-11-21T00:00:00+03:00",
	    "2026-11-22T10:00:00+03:00", "book", "2026-11-16");	/* late */
	appeal(4, "2026-12-14", NULL, "2026-12-01T10:00:00+03:00",
	    "box", "2026-11-20");		/* closed without answer */
	appeal(5, "2026-12-10", NULL, NULL, "in_person",
	    "2026-11-30");				/* never answered */
	appeal(6, "2026-12-15", NULL, NULL, "book",
	    "2026-12-15");			/* due on the day: outside */
	if (!is_int(inspection_evidence(&c, "2026-12-15",
	    EVIDENCE_APPEALS_ON_TIME, &ev, &e), OKNO_OK, "appeals evidence"))
		diag("%s", e.msg);
	is_string(ev.from, "2026-11-15", "the window starts 30 days before");
	is_string(ev.to, "2026-12-14", "and ends the day before");
	ok(ev.due == 4 && ev.on_time == 2 && ev.late == 1 &&
	    ev.unanswered == 1, "due 4: on time 2, late 1, unanswered 1 "
	    "(%lld %lld %lld %lld)", (long long)ev.due,
	    (long long)ev.on_time, (long long)ev.late,
	    (long long)ev.unanswered);
	is_int(ev.on_time_pct10, 500, "on time 50.0%%");
	inspection_evidence_format(&ev, line, sizeof line);
	is_string(line, "appeals due 4, answered on time 2 (50.0%), late 1, "
	    "unanswered 1", "appeals: the line");

	/* Tickets: in the window, one on the inspection day (outside). */
	ticket(1, "2026-11-15", "finished", 900, 600);	/* both within */
	ticket(2, "2026-12-14", "finished", 901, 601);	/* both over */
	ticket(3, "2026-12-01", "noshow", 100, 0);	/* wait within */
	ticket(4, "2026-12-01", "cancelled", 0, 0);	/* never called */
	ticket(5, "2026-12-15", "finished", 5000, 5000);
	fx_exec(c.db, "UPDATE tickets SET calls = 0 WHERE id = 4");
	is_int(inspection_evidence(&c, "2026-12-15", EVIDENCE_NORMS, &ev,
	    &e), OKNO_OK, "norms evidence");
	ok(ev.waited == 3 && ev.wait_normed == 3 && ev.wait_within == 2 &&
	    ev.wait_pct10 == 667, "waits: 2 of 3 within 15 min");
	ok(ev.served == 2 && ev.service_normed == 2 &&
	    ev.service_within == 1 && ev.service_pct10 == 500,
	    "services: 1 of 2 within 10 min");
	inspection_evidence_format(&ev, line, sizeof line);
	is_string(line, "waits within norm 2 of 3 (66.7%), services within "
	    "norm 1 of 2 (50.0%)", "norms: the line");

	/* Ratings: the UI's table; a database from before it has none. */
	is_int(inspection_evidence(&c, "2026-12-15", EVIDENCE_FEEDBACK, &ev,
	    &e), OKNO_OK, "feedback evidence");
	ok(ev.visits == 2 && ev.book_entries == 2, "visits 2, book and box "
	    "entries 2 (%lld %lld)", (long long)ev.visits,
	    (long long)ev.book_entries);
	fx_exec(c.db,
	    "CREATE TABLE IF NOT EXISTS ratings (id INTEGER PRIMARY KEY,"
	    " ticket_id INTEGER NOT NULL, criterion TEXT NOT NULL,"
	    " score INTEGER NOT NULL, at INTEGER NOT NULL, manager TEXT,"
	    " updated_at INTEGER NOT NULL, UNIQUE (ticket_id, criterion));"
	    "INSERT INTO ratings (ticket_id, criterion, score, at, updated_at)"
	    " VALUES (1, 'speed', 5, 0, 0), (1, 'info', 4, 0, 0),"
	    " (5, 'speed', 1, 0, 0)");
	is_int(inspection_evidence(&c, "2026-12-15", EVIDENCE_FEEDBACK, &ev,
	    &e), OKNO_OK, "feedback evidence with ratings");
	ok(ev.rated_visits == 1 && ev.ratings == 2 && ev.rated_pct10 == 500,
	    "1 of 2 visits rated, 2 ratings (the day's own not counted)");
	inspection_evidence_format(&ev, line, sizeof line);
	is_string(line, "visits rated 1 of 2 (50.0%), ratings 2, complaint "
	    "book and box entries 2", "feedback: the line");

	/* Systems: the sample configures a printer and a board. */
	fx_exec(c.db, "INSERT INTO device_events (at, device, event) VALUES"
	    " (1765004400, 'printer', 'paper_end'),"	/* 2025-12-06 */
	    " (1765695600, 'printer', 'ok'),"		/* 2025-12-14 */
	    " (1796158800, 'printer', 'offline'),"	/* 2026-12-02 00:00 */
	    " (1797368400, 'board', 'error')");		/* 2026-12-16 00:00 */
	is_int(inspection_evidence(&c, "2026-12-15", EVIDENCE_SYSTEMS, &ev,
	    &e), OKNO_OK, "systems evidence");
	ok(ev.tickets == 4 && ev.appeals == 3, "tickets 4, appeals 3 in the "
	    "window (%lld %lld)", (long long)ev.tickets,
	    (long long)ev.appeals);
	inspection_evidence_format(&ev, line, sizeof line);
	is_string(line, "tickets issued 4, appeals registered 3; printer: "
	    "offline since 2026-12-02 00:00; board: no events",
	    "systems: the last event up to the inspection day, per device");
	is_int(inspection_evidence(&c, "2026-12-16", EVIDENCE_SYSTEMS, &ev,
	    &e), OKNO_OK, "systems evidence a day later");
	ok(ev.ndevices == 2 && strcmp(ev.devices[1].event, "error") == 0,
	    "the board's event of that day counts");
	is_int(inspection_evidence(&c, "2026-13-01", EVIDENCE_SYSTEMS, &ev,
	    &e), OKNO_EINVAL, "a bad date");
	is_int(inspection_evidence(&c, "2026-12-15", EVIDENCE_NONE, &ev, &e),
	    OKNO_OK, "no evidence: nothing to do");
	inspection_evidence_format(&ev, line, sizeof line);
	is_string(line, "", "no evidence: an empty line");
}

static void
test_names(void)
{
	enum inspection_kind k;
	enum inspection_result r;

	ok(inspection_kind_parse("mystery_shopper", &k) == 0 &&
	    k == INSPECTION_MYSTERY_SHOPPER, "kind names parse");
	ok(inspection_kind_parse("internal_audit", &k) == -1,
	    "a mechanism is not a kind name");
	ok(inspection_result_parse("not_met", &r) == 0 &&
	    r == RESULT_NOT_MET, "result names parse");
	ok(inspection_result_parse("NA", &r) == -1, "names are exact");
	is_int(inspection_kind_mechanism(INSPECTION_EXTERNAL),
	    CONTROL_EXTERNAL_AUDIT, "external inspections are external "
	    "audits");
}

int
main(void)
{
	plan_lazy();
	fx_office_open(&c, NULL, "i.db", &actor_system);
	cat = fx_catalogue(c.cfg);
	c.now = fx_at("2026-12-15T16:00:00+03:00");
	test_names();
	test_roles();
	test_refusals();
	test_list();
	test_evidence();
	catalogue_free(cat);
	fx_office_close(&c);
	return 0;
}
