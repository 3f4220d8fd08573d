/* config-bookings.c: `bookings`, the rules of pre-booked visits (SPEC,
 * "Bookings"; okno.conf(5)): the slot length, the share of a slot's
 * capacity open to booking, the check-in window around a slot, how far
 * ahead one may book, and head office's key for the inbound batch.
 * booking.c applies them. */
#include <stdlib.h>
#include <string.h>

#include "config-int.h"

#define BOOKINGS_KEY_DEFAULT	"hq.pub"

int
config_parse_bookings(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "slot", "share", "grace",
	    "early", "horizon", "phone_digits", "hq_key", NULL };
	struct config_bookings *b = &cfg->bookings;
	config_setting_t *g;
	const char *key = BOOKINGS_KEY_DEFAULT;

	b->slot = 15;
	b->share = 50;
	b->grace = 10;
	b->early = 30;
	b->horizon = 14;
	b->phone_digits = 0;
	if (config_member(c, root, "bookings", 0, &g) != OKNO_OK)
		return OKNO_ECONFIG;
	if (g == NULL)
		return OKNO_OK;
	if (!config_setting_is_group(g))
		return config_bad(c, g, _("%s must be a group { ... }"),
		    "bookings");
	b->set = 1;
	if (config_known(c, g, names) != OKNO_OK ||
	    config_get_int(c, g, "slot", 0, 5, 240, &b->slot) != OKNO_OK ||
	    config_get_int(c, g, "share", 0, 0, 100, &b->share) != OKNO_OK ||
	    config_get_int(c, g, "grace", 0, 0, 240, &b->grace) != OKNO_OK ||
	    config_get_int(c, g, "early", 0, 0, 240, &b->early) != OKNO_OK ||
	    config_get_int(c, g, "horizon", 0, 1, 366, &b->horizon) !=
	    OKNO_OK ||
	    config_get_int(c, g, "phone_digits", 0, 0, 10,
	    &b->phone_digits) != OKNO_OK ||
	    config_get_string(c, g, "hq_key", 0, &key, NULL) != OKNO_OK)
		return OKNO_ECONFIG;
	if (1440 % b->slot != 0)
		return config_bad(c, config_setting_get_member(g, "slot"),
		    _("bookings.slot must divide the day (5, 10, 15, 20, "
		    "30, 60 minutes...)"));
	if (b->phone_digits != 0 && b->phone_digits < 4)
		return config_bad(c, config_setting_get_member(g,
		    "phone_digits"), _("bookings.phone_digits must be 0 "
		    "(the code only) or 4 to 10"));
	if (key[0] == '\0')
		return config_bad(c, g, _("bookings.hq_key must not be "
		    "empty"));
	b->hq_key = config_resolve(c, key);
	return OKNO_OK;
}

void
config_bookings_free(struct config *cfg)
{
	free(cfg->bookings.hq_key);
	cfg->bookings.hq_key = NULL;
}
