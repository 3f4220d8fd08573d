/* cmd-inspect.c: quality inspections at the command line: inspection add,
 * list, show, and the catalogue of criteria. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "inspect.h"
#include "report.h"

/* Loads the catalogue or says why not (a configuration error, exit 78). */
static int
load_catalogue(struct cmd_env *env, struct catalogue **cat)
{
	struct err e;

	err_clear(&e);
	if (catalogue_load(env->cfg, cat, &e) != OKNO_OK)
		return cmd_err(&e);
	return 0;
}

/*
 * --result CODE=RESULT[:COMMENT]: splits arg in place.  The comment is
 * everything after the first ':' (it may hold more).
 */
static int
parse_result(char *arg, struct inspection_item_new *it)
{
	char *eq, *colon;

	memset(it, 0, sizeof *it);
	if ((eq = strchr(arg, '=')) == NULL || eq == arg)
		return cmd_error(OKNO_EUSAGE, _("--result: use CODE=met, "
		    "CODE=not_met or CODE=na, optionally :COMMENT; not %s"),
		    arg);
	*eq = '\0';
	if ((colon = strchr(eq + 1, ':')) != NULL) {
		*colon = '\0';
		it->comment = colon + 1;
	}
	it->code = arg;
	if (inspection_result_parse(eq + 1, &it->result) != 0)
		return cmd_error(OKNO_EINVAL, _("--result %s: unknown result "
		    "\"%s\" (met, not_met or na)"), arg, eq + 1);
	return 0;
}

static int
inspection_add_cmd(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "kind", required_argument, NULL, 'k' },
		{ "inspector", required_argument, NULL, 'i' },
		{ "note", required_argument, NULL, 'n' },
		{ "result", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct inspection_item_new *items;
	struct inspection_new n;
	struct catalogue *cat;
	const char *kind = NULL;
	struct err e;
	int64_t id;
	int ch, rc = 0;

	memset(&n, 0, sizeof n);
	/* No more results than arguments. */
	items = xcalloc((size_t)argc, sizeof *items);
	n.items = items;
	while (rc == 0 &&
	    (ch = cmd_getopt(argc, argv, "-", longopts)) != -1) {
		switch (ch) {
		case 'd': n.date = optarg; break;
		case 'k': kind = optarg; break;
		case 'i': n.inspector = optarg; break;
		case 'n': n.note = optarg; break;
		case 'r':
			rc = parse_result(optarg, &items[n.nitems]);
			n.nitems++;
			break;
		default:
			rc = cmd_usage("inspection");
			break;
		}
	}
	if (rc != 0)
		goto out;
	if (n.date == NULL || kind == NULL || n.inspector == NULL) {
		rc = cmd_error(OKNO_EUSAGE, _("inspection add needs --date, "
		    "--kind and --inspector"));
		goto out;
	}
	if (inspection_kind_parse(kind, &n.kind) != 0) {
		rc = cmd_error(OKNO_EINVAL, _("--kind: unknown kind \"%s\" "
		    "(internal, external or mystery_shopper)"), kind);
		goto out;
	}
	if ((rc = load_catalogue(env, &cat)) != 0)
		goto out;
	err_clear(&e);
	if (inspection_add(&env->ctx, cat, &n, &id, &e) != OKNO_OK)
		rc = cmd_err(&e);
	else
		printf("%lld\n", (long long)id);
	catalogue_free(cat);
out:
	free(items);
	return rc;
}

static int
inspection_list_cmd(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		CMD_PERIOD_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_period_args p = { NULL, NULL, 0 };
	struct inspection *v;
	struct csv out;
	struct err e;
	char pct[16], ts[40];
	size_t n;
	int ch, y, m, d;

	while ((ch = cmd_getopt(argc, argv, "-", longopts)) != -1)
		if (!cmd_period_opt(ch, &p))
			return cmd_usage("inspection");
	if (optind != argc)
		return cmd_usage("inspection");
	if ((p.from != NULL && date_parse(p.from, &y, &m, &d) != 0) ||
	    (p.to != NULL && date_parse(p.to, &y, &m, &d) != 0))
		return cmd_error(OKNO_EUSAGE, _("--from, --to: dates are "
		    "YYYY-MM-DD"));
	err_clear(&e);
	if (inspection_list(&env->ctx, p.from, p.to, &v, &n, &e) != OKNO_OK)
		return cmd_err(&e);
	if (p.csv) {
		csv_begin(&out, stdout, 0);
		csv_header(&out, "id,date,kind,inspector,met,not_met,na,"
		    "compliance_pct,recorded_by,created_at");
	} else if (n > 0)
		table_head(stdout, "%5s  %-10s  %-16s %4s %4s %4s %6s  %s\n",
		    _("ID"), _("DATE"), _("KIND"), _("MET"), _("NOT"),
		    _("N/A"), _("SHARE"), _("INSPECTOR"));
	for (size_t i = 0; i < n; i++) {
		const struct inspection *in = &v[i];

		report_fmt_pct(pct, sizeof pct, report_pct10(in->met,
		    in->met + in->not_met));
		if (p.csv) {
			csv_int(&out, in->id);
			csv_text(&out, in->date);
			csv_text(&out, inspection_kind_name(in->kind));
			csv_text(&out, in->inspector);
			csv_int(&out, in->met);
			csv_int(&out, in->not_met);
			csv_int(&out, in->na);
			csv_num(&out, pct);
			csv_text(&out, in->recorded_by);
			time_format_iso(in->created_at, ts, sizeof ts);
			csv_text(&out, ts);
			csv_end(&out);
			continue;
		}
		printf("%5lld  %-10s  %-16s %4lld %4lld %4lld %6s  %s\n",
		    (long long)in->id, in->date,
		    inspection_kind_name(in->kind), (long long)in->met,
		    (long long)in->not_met, (long long)in->na,
		    pct[0] != '\0' ? pct : "-", in->inspector);
	}
	inspection_list_free(v, n);
	return 0;
}

/* Prints text indented by indent spaces, line by line. */
static void
put_indented(const char *text, int indent)
{
	const char *p = text, *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		printf("%*s%.*s\n", indent, "", nl ? (int)(nl - p) :
		    (int)strlen(p), p);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/*
 * Prints the words of text after a prefix that ends in column first,
 * wrapped at spaces so that lines end before column OUT_WIDTH (one column
 * a character), continuation lines indented by indent.  A word longer than
 * a line is left whole.
 */
#define OUT_WIDTH	79
static void
put_wrapped(const char *text, int first, int indent)
{
	const char *p = text, *end;
	int col = first, len, fresh = 0;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (end = p, len = 0; *end != '\0' && *end != ' '; end++)
			len += ((unsigned char)*end & 0xc0) != 0x80;
		if (!fresh && col + 1 + len > OUT_WIDTH) {
			printf("\n%*s", indent, "");
			col = indent;
			fresh = 1;
		}
		if (!fresh) {
			putchar(' ');
			col++;
		}
		printf("%.*s", (int)(end - p), p);
		col += len;
		fresh = 0;
		p = end;
	}
	putchar('\n');
}

static const char *
group_title(enum catalogue_group g)
{
	return g == CATALOGUE_CONDITIONAL ?
	    _("Conditionally achievable criteria") :
	    _("Unconditionally achievable criteria");
}

/* One criterion of `inspection show`: its result, comment, evidence. */
static int
show_criterion(struct cmd_env *env, const struct inspection *in,
    const struct catalogue_criterion *cr)
{
	const struct inspection_item *it = NULL;
	struct inspection_evidence ev;
	struct err e;
	char line[1024], prefix[128], word[64];

	for (size_t i = 0; i < in->nitems; i++)
		if (strcmp(in->items[i].code, cr->code) == 0)
			it = &in->items[i];
	printf("%-4s %-8s %s\n", cr->code, utf8_pad(word, sizeof word,
	    it != NULL ? inspection_result_label(it->result) : "-", -8),
	    cr->title);
	if (it != NULL && it->comment[0] != '\0')
		put_indented(it->comment, 14);
	if (cr->evidence == EVIDENCE_NONE)
		return 0;
	err_clear(&e);
	if (inspection_evidence(&env->ctx, in->date, cr->evidence, &ev, &e) !=
	    OKNO_OK)
		return cmd_err(&e);
	inspection_evidence_format(&ev, line, sizeof line);
	snprintf(prefix, sizeof prefix, "%14s%s %s..%s:", "", _("data"),
	    ev.from, ev.to);
	fputs(prefix, stdout);
	put_wrapped(line, (int)utf8_len(prefix), 16);
	return 0;
}

static int
inspection_show_cmd(struct cmd_env *env, int argc, char **argv)
{
	struct catalogue *cat;
	struct inspection in;
	struct err e;
	char pct[16], ts[40], word[64];
	long id;
	int rc = 0, header;

	if (argc != 2)
		return cmd_usage("inspection");
	if (cmd_number(argv[1], 1, 2147483647L, &id) != 0)
		return cmd_error(OKNO_EUSAGE, _("not an inspection number: %s"),
		    argv[1]);
	if ((rc = load_catalogue(env, &cat)) != 0)
		return rc;
	err_clear(&e);
	if (inspection_get(&env->ctx, id, &in, &e) != OKNO_OK) {
		catalogue_free(cat);
		return cmd_err(&e);
	}
	printf(_("Inspection %lld of %s: %s\n"), (long long)in.id, in.date,
	    inspection_kind_label(in.kind));
	printf(_("Inspector: %s\n"), in.inspector);
	time_format_iso(in.created_at, ts, sizeof ts);
	printf(_("Recorded: %s by %s\n"), ts, in.recorded_by[0] ?
	    in.recorded_by : _("the command line"));
	if (in.note[0] != '\0') {
		printf(_("Note:\n"));
		put_indented(in.note, 2);
	}
	report_fmt_pct(pct, sizeof pct, report_pct10(in.met,
	    in.met + in.not_met));
	printf(_("Results: met %lld, not met %lld, n/a %lld; compliance "
	    "%s%s\n"), (long long)in.met, (long long)in.not_met,
	    (long long)in.na, pct[0] ? pct : "-", pct[0] ? "%" : "");
	for (int g = 0; g < 2 && rc == 0; g++) {
		printf("\n%s\n", group_title((enum catalogue_group)g));
		for (size_t i = 0; i < cat->n && rc == 0; i++)
			if ((int)cat->items[i].group == g)
				rc = show_criterion(env, &in, &cat->items[i]);
	}
	/* Results of criteria the catalogue no longer has. */
	header = 0;
	for (size_t i = 0; i < in.nitems && rc == 0; i++) {
		if (catalogue_find(cat, in.items[i].code) != NULL)
			continue;
		if (!header++)
			printf("\n%s\n", _("Not in the catalogue"));
		printf("%-4s %-8s\n", in.items[i].code, utf8_pad(word,
		    sizeof word, inspection_result_label(in.items[i].result),
		    -8));
		if (in.items[i].comment[0] != '\0')
			put_indented(in.items[i].comment, 14);
	}
	inspection_clear(&in);
	catalogue_free(cat);
	return rc;
}

/* The mechanisms as words separated by spaces. */
static void
mechanism_words(unsigned bits, char *buf, size_t size)
{
	buf[0] = '\0';
	for (unsigned b = 1; b <= CONTROL_MYSTERY_SHOPPER; b <<= 1)
		if (bits & b)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
			    buf[0] ? " " : "", catalogue_mechanism_name(b));
}

static int
inspection_catalogue_cmd(struct cmd_env *env, int argc, char **argv)
{
	struct catalogue *cat;
	struct csv out;
	char mech[100];
	int rc;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--csv") != 0))
		return cmd_usage("inspection");
	if ((rc = load_catalogue(env, &cat)) != 0)
		return rc;
	if (argc == 2) {
		csv_begin(&out, stdout, 0);
		csv_header(&out, "code,group,number,title,mechanisms,evidence,"
		    "text,control");
	}
	for (size_t i = 0; i < cat->n; i++) {
		const struct catalogue_criterion *c = &cat->items[i];

		mechanism_words(c->mechanisms, mech, sizeof mech);
		if (argc == 2) {
			csv_text(&out, c->code);
			csv_text(&out, catalogue_group_name(c->group));
			csv_int(&out, c->number);
			csv_text(&out, c->title);
			csv_text(&out, mech);
			csv_text(&out, catalogue_evidence_name(c->evidence));
			csv_text(&out, c->text);
			csv_text(&out, c->control);
			csv_end(&out);
			continue;
		}
		if (i == 0 || c->group != cat->items[i - 1].group)
			printf("%s%s\n", i > 0 ? "\n" : "",
			    group_title(c->group));
		printf("%-4s %s\n", c->code, c->title);
		put_indented(c->text, 5);
		printf("     %s: %s\n", _("control"), c->control);
		printf("     %s: %s", _("mechanisms"), mech);
		if (c->evidence != EVIDENCE_NONE)
			printf("; %s: %s", _("evidence"),
			    catalogue_evidence_name(c->evidence));
		putchar('\n');
	}
	catalogue_free(cat);
	return 0;
}

int
cmd_inspection(struct cmd_env *env, int argc, char **argv)
{
	static const struct cmd_verb verbs[] = {
		{ "add", inspection_add_cmd },
		{ "list", inspection_list_cmd },
		{ "show", inspection_show_cmd },
		{ "catalogue", inspection_catalogue_cmd },
		{ NULL, NULL }
	};

	return cmd_verb("inspection", verbs, env, argc, argv);
}
