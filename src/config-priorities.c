/* config-priorities.c: the priority categories of clients (`priorities`);
 * the kiosk and staff offer them.  The queue's fairness rule
 * (`queue.fair_after`) is read with the rest of `queue` (config.c). */
#include <stdlib.h>
#include <string.h>

#include "config-int.h"

int
config_parse_priorities(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "code", "name", NULL };
	config_setting_t *l, *g;
	const char *code;
	int n;

	if (config_get_list(c, root, "priorities", 0, &l) != OKNO_OK)
		return OKNO_ECONFIG;
	if (l == NULL)
		return OKNO_OK;		/* priority without categories */
	if (config_groups_only(c, l, "priority category") != OKNO_OK)
		return OKNO_ECONFIG;
	if ((n = config_setting_length(l)) == 0)
		return config_bad(c, l, _("priorities lists no category "
		    "(remove it to have none)"));
	cfg->priorities = xcalloc((size_t)n, sizeof *cfg->priorities);
	for (int i = 0; i < n; i++) {
		struct config_priority *p = &cfg->priorities[i];

		g = config_setting_get_elem(l, i);
		cfg->npriorities++;
		if (config_known(c, g, names) != OKNO_OK ||
		    config_get_code(c, g, &code) != OKNO_OK)
			return OKNO_ECONFIG;
		if (config_priority(cfg, code) != NULL)
			return config_bad(c, g, _("priority category \"%s\" is "
			    "defined twice"), code);
		p->code = xstrdup(code);
		if (config_dup_string(c, g, "name", 1, &p->name) != OKNO_OK)
			return OKNO_ECONFIG;
	}
	return OKNO_OK;
}

void
config_priorities_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->npriorities; i++) {
		free(cfg->priorities[i].code);
		free(cfg->priorities[i].name);
	}
	free(cfg->priorities);
	cfg->priorities = NULL;
	cfg->npriorities = 0;
}

const struct config_priority *
config_priority(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->npriorities; i++)
		if (cfg->priorities[i].code != NULL &&
		    strcmp(cfg->priorities[i].code, code) == 0)
			return &cfg->priorities[i];
	return NULL;
}
