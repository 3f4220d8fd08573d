/* catalogue.c: the inspection catalogue: the sample holds the standard's
 * criteria C1-C4 and U1-U9 with their mechanisms and evidence; mistakes in
 * an edited catalogue are FILE:LINE: message; the embedded copy loads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "config.h"
#include "fixture.h"
#include "tap.h"

/* One good criterion, lines 2-4 of a catalogue that starts "criteria = (". */
#define ITEM(code, grp, num) "{ code = \"" code "\"; group = \"" grp "\";" \
	" number = " num ";\n title = \"T\"; text = \"Текст\";\n" \
	" control = \"К\"; mechanisms = [ \"internal_audit\" ]; }"

/* A configuration in the test folder whose catalogue is the text. */
static struct config *
office(const char *catalogue_text)
{
	free(fx_put("cat.conf", catalogue_text));
	return fx_config(FX_CONF_MINIMAL
	    "inspections = { catalogue = \"cat.conf\"; };\n");
}

static void
bad(const char *text, int line, const char *msg, const char *why)
{
	struct config *cfg = office(text);
	struct catalogue *cat = (struct catalogue *)1;
	char *want = xasprintf("%s:%d: %s", cfg->catalogue, line, msg);
	struct err e;

	err_clear(&e);
	is_int(catalogue_load(cfg, &cat, &e), OKNO_ECONFIG,
	    "%s: refused", why);
	is_string(e.msg, want, "%s: message", why);
	ok(cat == NULL, "%s: no catalogue", why);
	free(want);
	config_free(cfg);
}

static void
test_sample(void)
{
	static const struct {
		const char	*code;
		int		 group, number;
		unsigned	 mech;
		enum evidence	 ev;
		const char	*text;	/* the start of the standard's words */
	} want[] = {
		{ "C1", CATALOGUE_CONDITIONAL, 1, 7, EVIDENCE_NONE,
		  "Территориальная доступность:\n1.1. Здание" },
		{ "C2", CATALOGUE_CONDITIONAL, 2, 7, EVIDENCE_NONE,
		  "Исходя из площади территории" },
		{ "C3", CATALOGUE_CONDITIONAL, 3, 7, EVIDENCE_NONE,
		  "Требования к помещению клиентского офиса:\n- наличие "
		  "клиентского зала" },
		{ "C4", CATALOGUE_CONDITIONAL, 4, 7, EVIDENCE_NONE,
		  "Техническое оборудование помещения клиентского зала" },
		{ "U1", CATALOGUE_UNCONDITIONAL, 1, 7,
		  EVIDENCE_APPEALS_ON_TIME,
		  "Рассмотрение обращений и жалоб в установленные сроки." },
		{ "U2", CATALOGUE_UNCONDITIONAL, 2, 1, EVIDENCE_NONE,
		  "Наличие необходимого количества информационных стендов" },
		{ "U3", CATALOGUE_UNCONDITIONAL, 3, 1, EVIDENCE_NONE,
		  "Наличие кулеров" },
		{ "U4", CATALOGUE_UNCONDITIONAL, 4, 1, EVIDENCE_NORMS,
		  "Соблюдение установленных сроков обслуживания клиентов." },
		{ "U5", CATALOGUE_UNCONDITIONAL, 5, 4, EVIDENCE_NONE,
		  "Соблюдение этикета общения с клиентами." },
		{ "U6", CATALOGUE_UNCONDITIONAL, 6, 5, EVIDENCE_NONE,
		  "Соблюдение установленного дресс-кода." },
		{ "U7", CATALOGUE_UNCONDITIONAL, 7, 5, EVIDENCE_FEEDBACK,
		  "Обеспечение обратной связи с клиентами:\n- проведение "
		  "опросов;" },
		{ "U8", CATALOGUE_UNCONDITIONAL, 8, 1, EVIDENCE_SYSTEMS,
		  "Техническое оборудование помещения клиентского офиса" },
		{ "U9", CATALOGUE_UNCONDITIONAL, 9, 5, EVIDENCE_NONE,
		  "Обеспечение чистоты и порядка" },
	};
	struct config *cfg = fx_config(NULL);
	struct catalogue *cat;
	struct err e;

	if (!is_int(catalogue_load(cfg, &cat, &e), OKNO_OK,
	    "the sample catalogue loads"))
		bail("%s", e.msg);
	is_int((long long)cat->n, (long long)nitems(want), "13 criteria");
	for (size_t i = 0; i < nitems(want) && i < cat->n; i++) {
		const struct catalogue_criterion *c = &cat->items[i];

		is_string(c->code, want[i].code, "criterion %zu is %s", i,
		    want[i].code);
		ok(c->group == (enum catalogue_group)want[i].group &&
		    c->number == want[i].number, "%s: group and number",
		    c->code);
		is_int(c->mechanisms, want[i].mech, "%s: mechanisms",
		    c->code);
		is_int(c->evidence, want[i].ev, "%s: evidence", c->code);
		ok(strncmp(c->text, want[i].text, strlen(want[i].text)) == 0,
		    "%s: the standard's text", c->code);
		ok(c->title[0] != '\0' && c->control[0] != '\0',
		    "%s: title and control", c->code);
	}
	ok(strstr(catalogue_find(cat, "U5")->control, "Тайный покупатель") !=
	    NULL, "U5: controlled by mystery shopper, as written");
	ok(catalogue_find(cat, "u5") == NULL, "codes are case-sensitive");
	catalogue_free(cat);
	config_free(cfg);
}

static void
test_embedded(void)
{
	struct config *cfg;
	struct catalogue *cat;
	struct err e;

	if (config_load_embedded(&cfg, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_string(cfg->catalogue, "conf/criteria.conf",
	    "embedded: the catalogue's name");
	is_int(catalogue_load(cfg, &cat, &e), OKNO_OK,
	    "embedded: the catalogue loads from the binary");
	if (cat != NULL)
		is_int((long long)cat->n, 13, "embedded: 13 criteria");
	else
		skip("no catalogue");
	catalogue_free(cat);
	config_free(cfg);
}

static void
test_errors(void)
{
	struct config *cfg;
	struct catalogue *cat;
	struct err e;
	char *want;

	bad("criteria = (\n" ITEM("U1", "unconditional", "1") ",\n"
	    ITEM("U1", "conditional", "2") "\n);\n", 5,
	    "criterion \"U1\" is defined twice", "duplicate code");
	bad("criteria = (\n" ITEM("U1", "unconditional", "1") ",\n"
	    ITEM("U2", "unconditional", "1") "\n);\n", 5,
	    "unconditional criterion 1 is defined twice (U1)",
	    "duplicate number");
	bad("criteria = (\n" ITEM("u1", "unconditional", "1") "\n);\n", 2,
	    "code \"u1\": use a capital Latin letter, then capitals, digits "
	    "or _ (at most 16)", "lower-case code");
	bad("criteria = (\n" ITEM("U1", "always", "1") "\n);\n", 2,
	    "group \"always\": use \"conditional\" or \"unconditional\"",
	    "unknown group");
	bad("criteria = (\n{ code = \"U1\"; group = \"conditional\";\n"
	    " number = 1; title = \"T\"; text = \"x\"; control = \"y\";\n"
	    " mechanisms = [ \"internal_audit\",\n \"secret_agent\" ]; }\n);\n",
	    5, "mechanism \"secret_agent\": use internal_audit, "
	    "external_audit or mystery_shopper", "unknown mechanism");
	bad("criteria = (\n{ code = \"U1\"; group = \"conditional\";\n"
	    " number = 1; title = \"T\"; text = \"x\"; control = \"y\";\n"
	    " mechanisms = [ ]; }\n);\n", 4, "mechanisms: name at least one "
	    "of internal_audit, external_audit, mystery_shopper",
	    "no mechanism");
	bad("criteria = (\n{ code = \"U1\"; group = \"conditional\";\n"
	    " number = 1; title = \"T\"; text = \"\"; control = \"y\";\n"
	    " mechanisms = [ \"mystery_shopper\" ]; }\n);\n", 3,
	    "text must not be empty", "empty text");
	bad("criteria = (\n{ code = \"U1\"; group = \"conditional\";\n"
	    " number = 1; title = \"T\"; text = \"x\"; control = \"y\";\n"
	    " mechanisms = [ \"mystery_shopper\" ];\n evidence = \"gut\"; }\n"
	    ");\n", 5, "evidence \"gut\": use appeals_on_time, norms, "
	    "feedback or systems", "unknown evidence");
	bad("criteria = (\n" ITEM("U1", "conditional", "1") "\n);\n"
	    "criterias = 1;\n", 6, "unknown setting \"criterias\"",
	    "unknown top-level setting");
	bad("criteria = ( );\n", 1, "no criteria in the catalogue",
	    "empty catalogue");
	bad("criteria = (\n" ITEM("U1", "conditional", "1") "\n", 5,
	    "syntax error", "syntax error");

	/* A missing file is a configuration error naming it. */
	cfg = office("criteria = ();\n");
	free(cfg->catalogue);
	cfg->catalogue = fx_path("none.conf");
	want = xasprintf("%s: cannot read: ", cfg->catalogue);
	is_int(catalogue_load(cfg, &cat, &e), OKNO_ECONFIG,
	    "missing file: refused");
	ok(strncmp(e.msg, want, strlen(want)) == 0, "missing file: %s",
	    e.msg);
	free(want);
	config_free(cfg);

	/* The default is criteria.conf beside okno.conf. */
	cfg = fx_config(FX_CONF_MINIMAL);
	want = fx_path("criteria.conf");
	is_string(cfg->catalogue, want, "default catalogue path");
	free(want);
	config_free(cfg);
}

int
main(void)
{
	plan_lazy();
	test_sample();
	test_embedded();
	test_errors();
	return 0;
}
