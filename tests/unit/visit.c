/* visit.c: TAP tests of visits (visit.h): the account's mask, hint and
 * check; outcomes of a service; the finish storing outcomes in
 * configuration order; who may read a client's history and set an
 * account; the history's days and the visit in progress left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "queue.h"
#include "tap.h"
#include "visit.h"

#define CONF \
	"branch = { code = \"T-1\"; name = \"Test\"; " \
	"timezone = \"Europe/Moscow\"; };\n" \
	"services = (\n" \
	"  { code = \"pay\"; prefix = \"A\"; name = \"Pay\"; wait_norm = 15;" \
	" service_norm = 10; },\n" \
	"  { code = \"meter\"; prefix = \"B\"; name = \"Meter\"; " \
	"wait_norm = 15; service_norm = 10; } );\n" \
	"windows = ( { number = 1; services = [ \"pay\", \"meter\" ]; } );\n" \
	"outcomes = ( { code = \"readings\"; name = \"R\"; },\n" \
	"  { code = \"paid\"; name = \"P\"; services = [ \"pay\" ]; } );\n" \
	"visits = { repeat_days = 10; };\n"

int
main(void)
{
	static const struct actor kiosk = { NULL, ROLE_KIOSK };
	static const struct actor auditor = { "audit", ROLE_AUDITOR };
	static const struct actor boris = { "boris", ROLE_MANAGER };
	struct visit_history h;
	struct visit_close vc;
	struct ticket t;
	struct ctx c;
	struct err e;
	char buf[64];
	const char *codes[2] = { "paid", "readings" };
	long long id1;
	char idtext[32];

	plan(24);
	visit_mask("1234567890", buf, sizeof buf);
	is_string(buf, "******7890", "all but the last four masked");
	visit_mask("1234", buf, sizeof buf);
	is_string(buf, "****", "four or fewer: all masked");
	visit_mask(NULL, buf, sizeof buf);
	is_string(buf, "", "none: empty");

	fx_office_open(&c, CONF, "visit.db", &actor_system);
	visit_account_hint(c.cfg, buf, sizeof buf);
	is_string(buf, "10 to 12 digits", "the sample pattern in words");
	is_int(visit_account_check(c.cfg, "123456789012", &e), OKNO_OK,
	    "12 digits pass");
	is_int(visit_account_check(c.cfg, "12345678901a", &e), OKNO_EINVAL,
	    "a letter is refused");
	ok(strstr(e.msg, "12345678901a") == NULL, "and not echoed");
	is_int(visit_account_check(c.cfg, "123456789", &e), OKNO_EINVAL,
	    "nine digits are refused");
	is_int(visit_account_check(c.cfg, "", &e), OKNO_OK, "none is fine");
	ok(visit_outcome_applies(c.cfg, 0, "meter") &&
	    !visit_outcome_applies(c.cfg, 1, "meter") &&
	    visit_outcome_applies(c.cfg, 1, "pay"), "outcomes of a service");

	/* An earlier visit, 5 days ago, and one 20 days ago. */
	c.now = fx_at("2026-12-01T10:00:00+03:00");
	queue_issue_client(&c, "pay", 0, NULL, "1111111111", 0, &t, NULL,
	    &e);
	queue_call(&c, 1, &t, &e);
	c.now += 600;
	queue_finish(&c, 1, &t, &e);
	c.now = fx_at("2026-12-16T10:00:00+03:00");
	is_int(queue_issue_client(&c, "pay", 0, NULL, "1111111111", 0, &t,
	    NULL, &e),
	    OKNO_OK, "issued with an account");
	queue_call(&c, 1, &t, &e);
	c.now += 600;
	memset(&vc, 0, sizeof vc);
	vc.outcomes = codes;
	vc.noutcomes = 2;
	vc.resolved = 1;
	is_int(queue_finish_visit(&c, 1, &vc, &t, &e), OKNO_OK,
	    "finished with two outcomes");
	id1 = (long long)t.id;
	snprintf(idtext, sizeof idtext, "%lld", id1);
	is_int(fx_int(c.db, "SELECT outcomes = 'readings;paid' AND"
	    " resolved = 1 FROM tickets WHERE id = CAST(:p AS INTEGER)",
	    idtext), 1, "stored in configuration order, resolved");
	c.now = fx_at("2026-12-21T10:00:00+03:00");
	queue_issue_client(&c, "meter", 0, NULL, "1111111111", 0, &t, NULL,
	    &e);
	queue_call(&c, 1, &t, &e);
	vc.outcomes = codes;
	vc.noutcomes = 1;
	is_int(queue_finish_visit(&c, 1, &vc, &t, &e), OKNO_EINVAL,
	    "an outcome of another service is refused");
	is_int(visit_history(&c, "1111111111", 0, (int64_t)t.id, &h, &e),
	    OKNO_OK, "the history");
	is_int((int)h.nvisits, 1, "repeat_days back, the visit in service "
	    "left out");
	ok(h.nvisits == 1 && (long long)h.visits[0].id == id1 &&
	    h.visits[0].resolved == 1, "the visit 5 days ago");
	visit_history_free(&h);

	c.who = &kiosk;
	is_int(visit_history(&c, "1111111111", 0, 0, &h, &e), OKNO_EPERM,
	    "the kiosk may not read a history");
	c.who = &auditor;
	is_int(visit_set_account(&c, 1, "2222222222", &e), OKNO_EPERM,
	    "an auditor may not set an account");
	c.who = &boris;
	fx_exec(c.db, "UPDATE tickets SET manager = 'anna' WHERE status ="
	    " 'called'");
	is_int(visit_set_account(&c, 1, "2222222222", &e), OKNO_EPERM,
	    "a manager may not set one on another's visit");
	c.who = &actor_system;
	is_int(visit_set_account(&c, 1, "2222222222", &e), OKNO_OK,
	    "the system may");
	is_int(visit_set_account(&c, 1, "22x", &e), OKNO_EINVAL,
	    "a bad one is refused");
	is_int(fx_int(c.db, "SELECT account = '2222222222' FROM tickets"
	    " WHERE status = 'called'", NULL), 1, "the good one stands");
	fx_db_intact(&c);
	fx_office_close(&c);
	return 0;
}
