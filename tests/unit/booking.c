/* booking.c: the bookings model (booking.h) with a fixed clock: the slot
 * capacity arithmetic with lunch breaks and the day's edges, the
 * branch codes 0-4, finding a booking by the phone's last digits,
 * the call order between booked, priority and ordinary tickets
 * (queue_before), and a finish taken back making a served booking
 * arrived again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "booking.h"
#include "fixture.h"
#include "hours.h"
#include "queue-int.h"
#include "queue.h"
#include "tap.h"

/* 2026-12-16 is a Wednesday (08:00-20:00), 2026-12-20 a Sunday (closed).
 * pay (norm 10) at windows 1-3, lunch at 1 (13:00-13:45) and 2
 * (13:30-14:00); meter (norm 15) at window 3 only. */
#define CONF \
	"branch = { code = \"T-1\"; name = \"Test\"; " \
	"timezone = \"Europe/Moscow\"; };\n" \
	"services = ( { code = \"pay\"; prefix = \"A\"; name = \"Pay\"; " \
	"wait_norm = 15; service_norm = 10; },\n" \
	"  { code = \"meter\"; prefix = \"B\"; name = \"Meter\"; " \
	"wait_norm = 15; service_norm = 15; } );\n" \
	"windows = ( { number = 1; services = [ \"pay\" ]; " \
	"lunch = \"13:00-13:45\"; },\n" \
	"  { number = 2; services = [ \"pay\" ]; lunch = \"13:30-14:00\"; },\n" \
	"  { number = 3; services = [ \"pay\", \"meter\" ]; } );\n" \
	"hours = { week = [ \"08:00-20:00\", \"08:00-20:00\", " \
	"\"08:00-20:00\", \"08:00-20:00\", \"08:00-19:00\", \"09:00-16:00\", " \
	"\"\" ]; };\n" \
	"bookings = { slot = 15; share = 50; grace = 10; early = 30; " \
	"horizon = 14; phone_digits = 4; };\n"

static struct ctx c;
static struct err e;

static void
at(const char *hm)
{
	char iso[64];

	snprintf(iso, sizeof iso, "2026-12-16T%s:00+03:00", hm);
	c.now = fx_at(iso);
}

static int
cap(int service, int d, const char *hm)
{
	int h, m;

	sscanf(hm, "%d:%d", &h, &m);
	return booking_slot_capacity(c.cfg, service, 2026, 12, d, h * 60 + m);
}

static void
test_capacity(void)
{
	struct config *cfg = (struct config *)c.cfg;
	int share = cfg->bookings.share, slot = cfg->bookings.slot;

	/* pay: 3 windows x 15/10 = 4.5 visits, 50% = 2.25 -> 2. */
	is_int(cap(0, 16, "10:00"), 2, "3 windows: floor(50%% of 4.5) = 2");
	is_int(cap(0, 16, "12:45"), 2, "the slot before a lunch: all three");
	is_int(cap(0, 16, "13:00"), 1, "window 1 at lunch: 50%% of 3 = 1");
	is_int(cap(0, 16, "13:30"), 0,
	    "windows 1 and 2 at lunch: 50%% of 1.5 = 0");
	is_int(cap(0, 16, "13:45"), 1, "window 1 back, 2 at lunch: 1");
	is_int(cap(0, 16, "14:00"), 2, "both back: 2");
	/* meter: 1 window x 15/15 = 1, 50% -> 0. */
	is_int(cap(1, 16, "10:00"), 0, "meter: half of one visit is none");
	is_int(cap(0, 16, "07:45"), 0, "before the opening: none");
	is_int(cap(0, 16, "19:45"), 2, "the last slot before the closing");
	is_int(cap(0, 16, "20:00"), 0, "at the closing: none");
	is_int(cap(0, 20, "10:00"), 0, "a closed Sunday: none");
	is_int(cap(0, 19, "15:45"), 2, "Saturday's last slot (closes 16:00)");
	cfg->bookings.share = 100;
	is_int(cap(1, 16, "10:00"), 1, "share 100: meter's one visit");
	cfg->bookings.slot = 30;
	is_int(cap(0, 16, "10:00"), 9, "share 100, 30 min: 3 x 3 = 9");
	is_int(cap(0, 16, "13:00"), 6,
	    "30 min, window 2's lunch starts at its end: windows 2 and 3");
	is_int(cap(0, 16, "13:30"), 3,
	    "30 min over both lunches: window 3 alone");
	cfg->bookings.share = 0;
	is_int(cap(0, 16, "10:00"), 0, "share 0: no bookings");
	cfg->bookings.share = share;
	cfg->bookings.slot = slot;
}

static void
test_slots(void)
{
	struct booking_slot *s;
	size_t n;

	at("09:00");
	ok(booking_slots(&c, 0, 2026, 12, 16, &s, &n, &e) == OKNO_OK,
	    "booking_slots: %s", e.msg);
	is_int((long long)n, 48, "48 slots of 15 min from 08:00 to 20:00");
	is_int(s[0].at, fx_at("2026-12-16T08:00:00+03:00"),
	    "the first at the opening");
	is_int(s[20].capacity, 1, "13:00 has capacity 1");
	free(s);
	ok(booking_slots(&c, 0, 2026, 12, 20, &s, &n, &e) == OKNO_OK &&
	    n == 0, "a closed day: no slots");
	free(s);
}

static int64_t
add(const char *hm, const char *name, const char *phone, char *code)
{
	struct booking_new bn;
	char iso[64];
	int64_t id;

	memset(&bn, 0, sizeof bn);
	snprintf(iso, sizeof iso, "2026-12-16T%s:00+03:00", hm);
	bn.service = 0;
	bn.slot_at = fx_at(iso);
	bn.name = name;
	bn.phone = phone;
	if (booking_add(&c, &bn, code, &id, &e) != OKNO_OK)
		bail("booking_add %s: %s", hm, e.msg);
	return id;
}

static void
test_codes(void)
{
	char code[BOOKING_CODE_LEN + 1];
	int good = 0;

	at("09:00");
	/* 2 a slot from 14:00 to 19:45: 48 bookings. */
	for (int i = 0; i < 48; i++) {
		char hm[16];

		snprintf(hm, sizeof hm, "%02d:%02d", 14 + i / 8,
		    (i / 2 % 4) * 15);
		add(hm, "Client", NULL, code);
		good += strlen(code) == 6 && code[0] >= '0' && code[0] <= '4' &&
		    strspn(code, "0123456789") == 6;
	}
	is_int(good, 48, "48 branch codes, six digits, 0-4 first");
	is_int(fx_int(c.db, "SELECT count(DISTINCT code) FROM bookings"
	    " WHERE status = 'booked'", NULL), 48, "all different");
}

static void
test_phone(void)
{
	struct booking b;
	char c1[BOOKING_CODE_LEN + 1], c2[BOOKING_CODE_LEN + 1];

	at("09:00");
	add("10:00", "Ivanov", "+7 916 123-45-67", c1);
	add("10:00", "Petrov", "8 (903) 000-45-67", c2);
	add("10:15", "Sidorov", "8 903 555-12-34", c2);
	at("10:00");
	is_int(booking_find_phone(&c, "1234", "10:15", &b, &e), OKNO_OK,
	    "found by the last 4 digits and the time: %s", e.msg);
	is_string(b.name, "Sidorov", "the right one");
	booking_clear(&b);
	is_int(booking_find_phone(&c, "4567", "10:00", &b, &e), OKNO_NONE,
	    "two with the same digits and time: refused");
	ok(strstr(e.msg, "use the code") != NULL, "asks for the code");
	is_int(booking_find_phone(&c, "9999", "10:15", &b, &e), OKNO_NONE,
	    "no such phone: none");
	is_int(booking_find_phone(&c, "123", "10:15", &b, &e), OKNO_EINVAL,
	    "three digits when four are asked: refused");
	is_int(booking_find(&c, c1, &b, &e), OKNO_OK, "by the code: %s",
	    e.msg);
	booking_clear(&b);
}

static void
test_order(void)
{
	struct ticket walk, prio, bk, bk2;
	time_t t0 = fx_at("2026-12-16T10:00:00+03:00");

	memset(&walk, 0, sizeof walk);
	walk.id = 1;
	walk.issued_at = t0 - 3600;
	prio = walk;
	prio.id = 2;
	prio.priority = 1;
	prio.issued_at = t0 - 1800;
	bk = walk;
	bk.id = 3;
	bk.issued_at = t0 - 600;
	bk.booked_at = t0;
	bk2 = bk;
	bk2.id = 4;
	bk2.issued_at = t0 - 1200;
	bk2.booked_at = t0 + 900;
	c.now = t0 - 60;
	ok(queue_before(&c, &prio, &bk) && queue_before(&c, &walk, &bk),
	    "before its slot a booked ticket is an ordinary one");
	c.now = t0;
	ok(queue_before(&c, &bk, &prio) && queue_before(&c, &bk, &walk),
	    "from its slot it goes before priority and walk-ins");
	ok(!queue_before(&c, &bk2, &walk),
	    "the 10:15 booking at 10:00: after the earlier walk-in");
	c.now = t0 + 900;
	ok(queue_before(&c, &bk, &bk2) && !queue_before(&c, &bk2, &bk),
	    "two due bookings: the earlier slot first");
	ok(queue_before(&c, &bk2, &prio), "both before the priority ticket");
}

static void
test_undo(void)
{
	struct booking b;
	struct ticket t;
	char code[BOOKING_CODE_LEN + 1];
	int64_t id;

	at("09:00");
	id = add("11:00", "Undo", NULL, code);
	at("10:45");
	if (booking_checkin(&c, id, &t, &e) != OKNO_OK)
		bail("checkin: %s", e.msg);
	is_int(t.booked_at, fx_at("2026-12-16T11:00:00+03:00"),
	    "the check-in ticket carries the slot time");
	at("11:00");
	if (queue_window_open(&c, 3, NULL, &e) != OKNO_OK ||
	    queue_call(&c, 3, &t, &e) != OKNO_OK)
		bail("call: %s", e.msg);
	at("11:05");
	if (queue_finish(&c, 3, &t, &e) != OKNO_OK)
		bail("finish: %s", e.msg);
	booking_get(&c, id, &b, &e);
	is_string(booking_status_name(b.status), "served", "finished: served");
	booking_clear(&b);
	at("11:06");
	is_int(queue_undo(&c, 3, &t, &e), OKNO_OK, "undo: %s", e.msg);
	booking_get(&c, id, &b, &e);
	is_string(booking_status_name(b.status), "arrived",
	    "the finish taken back: arrived again");
	booking_clear(&b);
}

/* Who may book and cancel (SECURITY.md): staff; not the auditor, not
 * the ticket terminal, which may only check a booking in. */
static void
test_roles(void)
{
	static const struct actor auditor = { "aud", ROLE_AUDITOR };
	static const struct actor kiosk = { NULL, ROLE_KIOSK };
	static const struct actor manager = { "anna", ROLE_MANAGER };
	const struct actor *was = c.who;
	struct booking_new bn;
	char code[BOOKING_CODE_LEN + 1];
	long long n = fx_int(c.db, "SELECT count(*) FROM bookings", NULL);

	at("09:00");
	memset(&bn, 0, sizeof bn);
	bn.service = 0;
	bn.slot_at = fx_at("2026-12-16T12:00:00+03:00");
	bn.name = "Role";
	c.who = &auditor;
	is_int(booking_add(&c, &bn, code, NULL, &e), OKNO_EPERM,
	    "the auditor may not book");
	c.who = &kiosk;
	is_int(booking_add(&c, &bn, code, NULL, &e), OKNO_EPERM,
	    "the ticket terminal may not book");
	is_int(fx_int(c.db, "SELECT count(*) FROM bookings", NULL), n,
	    "nothing stored");
	c.who = &manager;
	is_int(booking_add(&c, &bn, code, NULL, &e), OKNO_OK,
	    "a manager books: %s", e.msg);
	is_int(fx_int(c.db, "SELECT count(*) FROM bookings WHERE"
	    " created_by = 'anna' AND code = :p", code), 1,
	    "created_by is the manager");
	c.who = &kiosk;
	is_int(booking_cancel(&c, code, &e), OKNO_EPERM,
	    "the ticket terminal may not cancel");
	c.who = &manager;
	is_int(booking_cancel(&c, code, &e), OKNO_OK, "a manager cancels");
	c.who = was;
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(52);
	fx_office_open(&c, CONF, "b.db", &actor_system);
	is_string(booking_status_name(BOOKING_SERVED), "served", "names");
	ok(booking_status_name((enum booking_status)9) == NULL,
	    "an unknown status has no name");
	is_int(booking_status_parse("missed"), BOOKING_MISSED, "parse");
	is_int(booking_status_parse("gone"), -1, "parse: unknown");
	test_capacity();
	test_slots();
	test_codes();
	test_phone();
	test_order();
	test_undo();
	test_roles();
	ok(db_integrity(c.db, &e) == OKNO_OK, "integrity_check ok");
	fx_office_close(&c);
	return 0;
}
