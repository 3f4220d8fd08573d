/* demo.c: the demo's clock: an office open whenever someone tries it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "demo.h"
#include "fixture.h"
#include "tap.h"

static struct config *cfg;

/* The offset at branch time `at`, and the branch time it leads to. */
static void
check(const char *at, const char *want, const char *what)
{
	time_t t = fx_at(at), w = fx_at(want);

	is_int(demo_clock_offset(cfg, t), (long long)(w - t), "%s", what);
}

static void
test_setting(void)
{
	struct config *c = NULL;
	struct err e;

	err_clear(&e);
	/* The fixture's office is lines 1-3; the setting comes on line 4. */
	is_int(config_load_string(FX_CONF_MINIMAL "clock_offset = -51075;\n",
	    "demo.conf", &c, &e), OKNO_OK, "clock_offset is a setting");
	is_int(c != NULL ? c->clock_offset : 1, -51075, "read as given");
	config_free(c);
	c = NULL;
	is_int(config_load_string(FX_CONF_MINIMAL, "demo.conf", &c, &e),
	    OKNO_OK, "an office without it");
	is_int(c != NULL ? c->clock_offset : 1, 0, "runs on the real clock");
	config_free(c);
	c = NULL;
	is_int(config_load_string(FX_CONF_MINIMAL "clock_offset = 400000000;\n",
	    "demo.conf", &c, &e), OKNO_ECONFIG, "more than ten years: refused");
	is_string(e.msg, "demo.conf:4: clock_offset must be between "
	    "-316224000 and 316224000", "with the line and the range");
	config_free(c);
}

int
main(void)
{
	struct err e;

	plan(13);
	test_setting();
	err_clear(&e);
	if (config_load_embedded(&cfg, &e) != OKNO_OK)
		bail("embedded configuration: %s", e.msg);
	check("2026-12-30T12:00:00+03:00", "2026-12-30T12:00:00+03:00",
	    "a working day at noon: the real clock");
	check("2026-12-30T09:30:00+03:00", "2026-12-30T09:30:00+03:00",
	    "09:30 is office hours");
	check("2026-12-30T17:30:00+03:00", "2026-12-30T11:00:00+03:00",
	    "17:30 goes back to 11:00 of the same day");
	check("2026-12-30T08:00:00+03:00", "2026-12-29T11:00:00+03:00",
	    "early morning: 11:00 of the day before");
	check("2026-11-28T01:36:00+03:00", "2026-11-27T11:00:00+03:00",
	    "a Saturday night: Friday");
	check("2027-01-05T12:00:00+03:00", "2026-12-30T11:00:00+03:00",
	    "the New Year holidays (31 December a day off): 30 December");
	check("2026-11-02T03:00:00+03:00", "2026-10-30T11:00:00+03:00",
	    "Monday before opening: Friday");
	config_free(cfg);
	return 0;
}
