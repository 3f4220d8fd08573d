/* config-hours.c: the office's day in the configuration: `hours` (the
 * week's opening hours, the shortened day, the cut-off), windows' lunch
 * spans and `pause_reasons`.  hours.c applies them. */
#include <string.h>

#include "config-int.h"

/* "HH:MM" at p (exactly five characters); minutes from midnight or -1.
 * 24:00 is the end of the day. */
static int
clock_minutes(const char *p)
{
	int h, m;

	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' ||
	    p[2] != ':' || p[3] < '0' || p[3] > '5' || p[4] < '0' ||
	    p[4] > '9')
		return -1;
	h = (p[0] - '0') * 10 + (p[1] - '0');
	m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

int
config_get_span(struct config_parse *c, const config_setting_t *s,
    int allow_empty, int *start, int *end)
{
	const char *v;

	*start = *end = -1;
	if (config_check_string(c, s, 0, &v) != OKNO_OK)
		return OKNO_ECONFIG;
	if (*v == '\0' && allow_empty)
		return OKNO_OK;
	if (strlen(v) != 11 || v[5] != '-' ||
	    (*start = clock_minutes(v)) < 0 ||
	    (*end = clock_minutes(v + 6)) < 0 || *start == 24 * 60) {
		*start = *end = -1;
		return config_bad(c, s, allow_empty ? _("\"%s\": expected "
		    "\"HH:MM-HH:MM\" or \"\" (closed)") : _("\"%s\": expected "
		    "\"HH:MM-HH:MM\""), v);
	}
	if (*end <= *start) {
		*start = *end = -1;
		return config_bad(c, s, _("\"%s\": the end must come after "
		    "the start (a span does not cross midnight)"), v);
	}
	return OKNO_OK;
}

int
config_parse_hours(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "week", "shortened", "cutoff",
	    NULL };
	struct config_hours *h = &cfg->hours;
	config_setting_t *g, *week, *s;
	int open = 0;

	memset(h, 0, sizeof *h);
	for (int i = 0; i < 7; i++)
		h->open[i] = h->close[i] = -1;
	/* The law's pre-holiday day is one hour shorter. */
	h->shortened = 60;
	if (config_member(c, root, "hours", 0, &g) != OKNO_OK)
		return OKNO_ECONFIG;
	if (g == NULL)
		return OKNO_OK;		/* always open */
	if (!config_setting_is_group(g))
		return config_bad(c, g, _("%s must be a group { ... }"),
		    "hours");
	if (config_known(c, g, names) != OKNO_OK ||
	    config_get_list(c, g, "week", 1, &week) != OKNO_OK ||
	    config_get_int(c, g, "shortened", 0, 0, 24 * 60,
	    &h->shortened) != OKNO_OK ||
	    config_get_int(c, g, "cutoff", 0, 0, HOURS_CUTOFF_MAX,
	    &h->cutoff) != OKNO_OK)
		return OKNO_ECONFIG;
	if (config_setting_length(week) != 7)
		return config_bad(c, week, _("hours.week must list 7 days, "
		    "Monday to Sunday (\"\" for a closed day), not %d"),
		    config_setting_length(week));
	for (int i = 0; i < 7; i++) {
		s = config_setting_get_elem(week, i);
		if (config_get_span(c, s, 1, &h->open[i], &h->close[i]) !=
		    OKNO_OK)
			return OKNO_ECONFIG;
		open += h->open[i] >= 0;
	}
	if (open == 0)
		return config_bad(c, week, _("hours.week: the office is never "
		    "open (remove hours to mean always open)"));
	h->set = 1;
	return OKNO_OK;
}

int
config_parse_pause_reasons(struct config_parse *c,
    const config_setting_t *root, struct config *cfg)
{
	static const char *const names[] = { "code", "name", NULL };
	config_setting_t *l, *g;
	const char *code;
	int n;

	if (config_get_list(c, root, "pause_reasons", 0, &l) != OKNO_OK)
		return OKNO_ECONFIG;
	if (l == NULL)
		return OKNO_OK;		/* free text, as before */
	if (config_groups_only(c, l, "pause reason") != OKNO_OK)
		return OKNO_ECONFIG;
	if ((n = config_setting_length(l)) == 0)
		return config_bad(c, l, _("pause_reasons lists no reason "
		    "(remove it to allow any text)"));
	cfg->pause_reasons = xcalloc((size_t)n, sizeof *cfg->pause_reasons);
	for (int i = 0; i < n; i++) {
		struct config_pause_reason *r = &cfg->pause_reasons[i];

		g = config_setting_get_elem(l, i);
		cfg->npause_reasons++;
		if (config_known(c, g, names) != OKNO_OK ||
		    config_get_code(c, g, &code) != OKNO_OK)
			return OKNO_ECONFIG;
		if (config_pause_reason(cfg, code) != NULL)
			return config_bad(c, g, _("pause reason \"%s\" is "
			    "defined twice"), code);
		r->code = xstrdup(code);
		if (config_dup_string(c, g, "name", 1, &r->name) != OKNO_OK)
			return OKNO_ECONFIG;
	}
	return OKNO_OK;
}
