/* catalogue.c: the inspection catalogue (conf/criteria.conf), the
 * configuration's second file format: the service standard's criteria
 * with their control mechanisms and the figures of okno's own that answer
 * them (catalogue.h).  Parsed with the configuration's own checks
 * (config-int.h), so its messages read the same. */
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "catalogue.h"
#include "config-int.h"
#include "embed.h"

static const char *const catalogue_groups[] = { "conditional",
	"unconditional" };
/* Bit i of the mechanisms is catalogue_mechanisms[i]. */
static const char *const catalogue_mechanisms[] = { "internal_audit",
	"external_audit", "mystery_shopper" };
static const char *const catalogue_evidences[] = { "", "appeals_on_time",
	"norms", "feedback", "systems" };

#define CATALOGUE_CODE_MAX	16

const char *
catalogue_group_name(enum catalogue_group g)
{
	return (unsigned)g < nitems(catalogue_groups) ?
	    catalogue_groups[g] : "?";
}

const char *
catalogue_mechanism_name(unsigned bit)
{
	for (size_t i = 0; i < nitems(catalogue_mechanisms); i++)
		if (bit == 1U << i)
			return catalogue_mechanisms[i];
	return "?";
}

const char *
catalogue_evidence_name(enum evidence ev)
{
	return (unsigned)ev < nitems(catalogue_evidences) ?
	    catalogue_evidences[ev] : "";
}

/* Criterion codes are typed on the command line (--result U1=met). */
static int
catalogue_valid_code(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CATALOGUE_CODE_MAX || *s < 'A' || *s > 'Z')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

/* A required string member that may span lines. */
static int
catalogue_dup_text(struct config_parse *c, const config_setting_t *g, const char *name,
    char **dst)
{
	config_setting_t *s;
	const char *v;

	if (config_member(c, g, name, 1, &s) != OKNO_OK ||
	    config_check_string(c, s, 1, &v) != OKNO_OK)
		return OKNO_ECONFIG;
	if (*v == '\0')
		return config_bad(c, s, _("%s must not be empty"), name);
	*dst = xstrdup(v);
	return OKNO_OK;
}

static int
catalogue_parse_mechanisms(struct config_parse *c, const config_setting_t *g, unsigned *out)
{
	config_setting_t *l, *s;
	const char *v;
	int k;

	*out = 0;
	if (config_get_list(c, g, "mechanisms", 1, &l) != OKNO_OK)
		return OKNO_ECONFIG;
	if (config_setting_length(l) == 0)
		return config_bad(c, l, _("mechanisms: name at least one of "
		    "internal_audit, external_audit, mystery_shopper"));
	for (int i = 0; i < config_setting_length(l); i++) {
		s = config_setting_get_elem(l, i);
		if (config_check_string(c, s, 0, &v) != OKNO_OK)
			return OKNO_ECONFIG;
		if ((k = codes_index(catalogue_mechanisms,
		    nitems(catalogue_mechanisms), v)) < 0)
			return config_bad(c, s, _("mechanism \"%s\": use "
			    "internal_audit, external_audit or "
			    "mystery_shopper"), v);
		if (*out & (1U << k))
			return config_bad(c, s, _("mechanism \"%s\" is listed twice"),
			    v);
		*out |= 1U << k;
	}
	return OKNO_OK;
}

static int
catalogue_parse_item(struct config_parse *c, const config_setting_t *g,
    struct catalogue *cat, struct catalogue_criterion *cr)
{
	static const char *const names[] = { "code", "group", "number",
	    "title", "text", "control", "mechanisms", "evidence", NULL };
	config_setting_t *s;
	const char *v;
	int k;

	if (config_known(c, g, names) != OKNO_OK ||
	    config_get_string(c, g, "code", 1, &v, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (!catalogue_valid_code(v))
		return config_bad(c, s, _("code \"%s\": use a capital Latin letter, "
		    "then capitals, digits or _ (at most %d)"), v,
		    CATALOGUE_CODE_MAX);
	if (catalogue_find(cat, v) != NULL)
		return config_bad(c, s, _("criterion \"%s\" is defined twice"), v);
	cr->code = xstrdup(v);
	if (config_get_string(c, g, "group", 1, &v, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if ((k = codes_index(catalogue_groups, nitems(catalogue_groups),
	    v)) < 0)
		return config_bad(c, s, _("group \"%s\": use \"conditional\" or "
		    "\"unconditional\""), v);
	cr->group = (enum catalogue_group)k;
	if (config_get_int(c, g, "number", 1, 1, 99, &cr->number) != OKNO_OK)
		return OKNO_ECONFIG;
	for (size_t i = 0; i + 1 < cat->n; i++)
		if (cat->items[i].group == cr->group &&
		    cat->items[i].number == cr->number)
			return config_bad(c, config_setting_get_member(g, "number"),
			    _("%s criterion %d is defined twice (%s)"),
			    catalogue_group_name(cr->group), cr->number,
			    cat->items[i].code);
	if (config_dup_string(c, g, "title", 1, &cr->title) != OKNO_OK ||
	    catalogue_dup_text(c, g, "text", &cr->text) != OKNO_OK ||
	    catalogue_dup_text(c, g, "control", &cr->control) != OKNO_OK ||
	    catalogue_parse_mechanisms(c, g, &cr->mechanisms) != OKNO_OK)
		return OKNO_ECONFIG;
	v = NULL;
	if (config_get_string(c, g, "evidence", 0, &v, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (v != NULL) {
		/* Entry 0, "", is no evidence: not a value to write. */
		if ((k = codes_index(catalogue_evidences,
		    nitems(catalogue_evidences), v)) < 1)
			return config_bad(c, s, _("evidence \"%s\": use "
			    "appeals_on_time, norms, feedback or systems"),
			    v);
		cr->evidence = (enum evidence)k;
	}
	return OKNO_OK;
}

static int
catalogue_parse(struct config_parse *c, const config_t *lc, struct catalogue *cat)
{
	static const char *const names[] = { "criteria", NULL };
	const config_setting_t *root = config_root_setting(lc);
	config_setting_t *l;
	int n;

	if (config_known(c, root, names) != OKNO_OK ||
	    config_get_list(c, root, "criteria", 1, &l) != OKNO_OK ||
	    config_groups_only(c, l, "criterion") != OKNO_OK)
		return OKNO_ECONFIG;
	if ((n = config_setting_length(l)) == 0)
		return config_bad(c, l, _("no criteria in the catalogue"));
	cat->items = xcalloc((size_t)n, sizeof *cat->items);
	for (int i = 0; i < n; i++) {
		cat->n++;
		if (catalogue_parse_item(c, config_setting_get_elem(l, i), cat,
		    &cat->items[i]) != OKNO_OK)
			return OKNO_ECONFIG;
	}
	return OKNO_OK;
}

int
catalogue_load(const struct config *cfg, struct catalogue **out,
    struct err *e)
{
	const struct embed_file *f = NULL;
	struct catalogue *cat;
	struct config_parse c;
	struct err local;
	config_t lc;
	char *text = NULL;
	int rc;

	*out = NULL;
	if (e == NULL)
		e = &local;
	err_clear(e);
	if (cfg->embedded) {
		for (f = embed_files; f->path != NULL; f++)
			if (strcmp(f->path, cfg->catalogue) == 0)
				break;
		if (f->path == NULL)
			return err_set(e, OKNO_ECONFIG, _("%s: not embedded"),
			    cfg->catalogue);
		text = xmalloc(f->size + 1);
		memcpy(text, f->data, f->size);
		text[f->size] = '\0';
	} else if ((rc = config_read_text(cfg->catalogue, &text, e)) != OKNO_OK)
		return rc;
	cat = xcalloc(1, sizeof *cat);
	cat->path = xstrdup(cfg->catalogue);
	c.path = cat->path;
	c.dir = cfg->dir;
	c.embed = cfg->embedded ? embed_files : NULL;
	c.e = e;
	config_init(&lc);
	config_set_include_dir(&lc, cfg->dir);
	if (config_read_string(&lc, text) != CONFIG_TRUE)
		rc = err_set(e, OKNO_ECONFIG, "%s:%d: %s", cat->path,
		    config_error_line(&lc), config_error_text(&lc));
	else
		rc = catalogue_parse(&c, &lc, cat);
	config_destroy(&lc);
	free(text);
	if (rc != OKNO_OK) {
		catalogue_free(cat);
		return OKNO_ECONFIG;
	}
	*out = cat;
	return OKNO_OK;
}

void
catalogue_free(struct catalogue *cat)
{
	if (cat == NULL)
		return;
	for (size_t i = 0; i < cat->n; i++) {
		free(cat->items[i].code);
		free(cat->items[i].title);
		free(cat->items[i].text);
		free(cat->items[i].control);
	}
	free(cat->items);
	free(cat->path);
	free(cat);
}

/* During parsing the last item's code may still be NULL: skip it. */
const struct catalogue_criterion *
catalogue_find(const struct catalogue *cat, const char *code)
{
	for (size_t i = 0; i < cat->n; i++)
		if (cat->items[i].code != NULL &&
		    strcmp(cat->items[i].code, code) == 0)
			return &cat->items[i];
	return NULL;
}
