/* config-visits.c: `outcomes`, the configured results of a visit a manager
 * picks at the finish, and `visits` (require_outcome, repeat_days); see
 * okno.conf(5).  visit.c applies them. */
#include <stdlib.h>
#include <string.h>

#include "config-int.h"

/* The longest look back for a repeat visit: ten years. */
#define REPEAT_DAYS_MAX	3660
#define REPEAT_DAYS_DEFAULT 30

static int
find_outcome(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->noutcomes; i++)
		if (cfg->outcomes[i].code != NULL &&
		    strcmp(cfg->outcomes[i].code, code) == 0)
			return (int)i;
	return -1;
}

static int
parse_outcomes(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "code", "name", "services",
	    NULL };
	config_setting_t *l, *g, *sl, *s;
	const char *code, *svc;
	int n, idx;

	if (config_get_list(c, root, "outcomes", 0, &l) != OKNO_OK)
		return OKNO_ECONFIG;
	if (l == NULL)
		return OKNO_OK;
	if (config_groups_only(c, l, "outcome") != OKNO_OK)
		return OKNO_ECONFIG;
	if ((n = config_setting_length(l)) == 0)
		return OKNO_OK;
	cfg->outcomes = xcalloc((size_t)n, sizeof *cfg->outcomes);
	for (int i = 0; i < n; i++) {
		struct config_outcome *o = &cfg->outcomes[i];

		g = config_setting_get_elem(l, i);
		cfg->noutcomes++;
		if (config_known(c, g, names) != OKNO_OK ||
		    config_get_code(c, g, &code) != OKNO_OK)
			return OKNO_ECONFIG;
		if (find_outcome(cfg, code) >= 0)
			return config_bad(c, g, _("outcome \"%s\" is defined "
			    "twice"), code);
		o->code = xstrdup(code);
		if (config_dup_string(c, g, "name", 1, &o->name) != OKNO_OK ||
		    config_get_list(c, g, "services", 0, &sl) != OKNO_OK)
			return OKNO_ECONFIG;
		if (sl == NULL)
			continue;	/* every service */
		o->services = xcalloc((size_t)config_setting_length(sl) + 1,
		    sizeof *o->services);
		for (int j = 0; j < config_setting_length(sl); j++) {
			s = config_setting_get_elem(sl, j);
			if (config_check_string(c, s, 0, &svc) != OKNO_OK)
				return OKNO_ECONFIG;
			if ((idx = config_service_index(cfg, svc)) < 0)
				return config_bad(c, s, _("outcome \"%s\": "
				    "unknown service \"%s\""), o->code, svc);
			o->services[o->nservices++] = idx;
		}
		if (o->nservices == 0)
			return config_bad(c, sl, _("outcome \"%s\" lists no "
			    "service (leave services out for all)"), o->code);
	}
	return OKNO_OK;
}

int
config_parse_visits(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "require_outcome",
	    "repeat_days", NULL };
	config_setting_t *g, *s;

	cfg->repeat_days = REPEAT_DAYS_DEFAULT;
	if (parse_outcomes(c, root, cfg) != OKNO_OK ||
	    config_member(c, root, "visits", 0, &g) != OKNO_OK)
		return OKNO_ECONFIG;
	if (g == NULL)
		return OKNO_OK;
	if (!config_setting_is_group(g))
		return config_bad(c, g, _("%s must be a group { ... }"),
		    "visits");
	if (config_known(c, g, names) != OKNO_OK ||
	    config_member(c, g, "require_outcome", 0, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (s != NULL) {
		if (config_setting_type(s) == CONFIG_TYPE_BOOL)
			cfg->require_outcome = config_setting_get_bool(s);
		else if (config_setting_type(s) == CONFIG_TYPE_INT &&
		    (config_setting_get_int(s) == 0 ||
		    config_setting_get_int(s) == 1))
			cfg->require_outcome = config_setting_get_int(s);
		else
			return config_bad(c, s, _("%s must be true or false"),
			    "require_outcome");
		if (cfg->require_outcome && cfg->noutcomes == 0)
			return config_bad(c, s, _("require_outcome needs "
			    "outcomes to choose from"));
	}
	return config_get_int(c, g, "repeat_days", 0, 1, REPEAT_DAYS_MAX,
	    &cfg->repeat_days);
}

void
config_visits_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->noutcomes; i++) {
		free(cfg->outcomes[i].code);
		free(cfg->outcomes[i].name);
		free(cfg->outcomes[i].services);
	}
	free(cfg->outcomes);
	cfg->outcomes = NULL;
	cfg->noutcomes = 0;
}
