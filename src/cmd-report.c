/* cmd-report.c: okno report --from DATE --to DATE [--queue] [--appeals]
 * [--feedback] [--inspections] [--csv]: the printable report of a period,
 * or one section of it as CSV. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "inspect.h"
#include "report.h"

#define REPORT_CSV_HEADER "group,key,tickets,served,noshow,wait_avg_s," \
	"wait_median_s,wait_p90_s,wait_max_s,wait_within_norm_pct," \
	"service_avg_s,service_median_s,service_p90_s,service_within_norm_pct"
#define APPEALS_CSV_HEADER "group,key,registered,closed,closed_on_time," \
	"closed_on_time_pct,open,overdue_now,first_contact,first_contact_pct"
#define FEEDBACK_CSV_HEADER "group,key,criterion,visits,rated_visits," \
	"ratings,avg,score_1,score_2,score_3,score_4,score_5,satisfied_pct"
#define INSPECTIONS_CSV_HEADER "group,key,inspections,results,met," \
	"not_met,na,compliance_pct"

/* The sections; the text form prints those chosen, all by default. */
#define SEC_QUEUE	0x1
#define SEC_APPEALS	0x2
#define SEC_FEEDBACK	0x4
#define SEC_INSPECTIONS	0x8
#define SEC_ALL		0xf

/* A share in tenths of a percent as "12.5"; "" when there is none. */
static void
fmt_pct(char *buf, size_t size, int pct10)
{
	if (pct10 < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%d.%d", pct10 / 10, pct10 % 10);
}

/* Seconds as m:ss for people ("-" when there is no figure). */
static void
fmt_mmss(char *buf, size_t size, int64_t n, int64_t s)
{
	if (n == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%lld:%02lld", (long long)(s / 60),
		    (long long)(s % 60));
}

/* A figure or an empty cell when the statistic covers nothing. */
static void
csv_stat(struct csv *out, int64_t n, int64_t v)
{
	if (n == 0)
		csv_text(out, NULL);
	else
		csv_int(out, v);
}

static void
report_csv(const struct report *rep, struct csv *out)
{
	char pct[16];

	csv_header(out, REPORT_CSV_HEADER);
	for (size_t i = 0; i < rep->nrows; i++) {
		const struct report_row *r = &rep->rows[i];

		csv_text(out, report_group_name(r->group));
		csv_text(out, r->key);
		csv_int(out, r->tickets);
		csv_int(out, r->served);
		csv_int(out, r->noshow);
		csv_stat(out, r->wait.n, r->wait.avg);
		csv_stat(out, r->wait.n, r->wait.median);
		csv_stat(out, r->wait.n, r->wait.p90);
		csv_stat(out, r->wait.n, r->wait.max);
		fmt_pct(pct, sizeof pct, r->wait.within_pct10);
		csv_text(out, pct);
		csv_stat(out, r->service.n, r->service.avg);
		csv_stat(out, r->service.n, r->service.median);
		csv_stat(out, r->service.n, r->service.p90);
		fmt_pct(pct, sizeof pct, r->service.within_pct10);
		csv_text(out, pct);
		csv_end(out);
	}
}

static const char *
group_title(enum report_group g)
{
	switch (g) {
	case REPORT_ALL:
		return _("All tickets");
	case REPORT_SERVICE:
		return _("By service");
	case REPORT_WINDOW:
		return _("By window");
	case REPORT_MANAGER:
		return _("By manager");
	case REPORT_HOUR:
		return _("By hour of issue");
	}
	return "";
}

/* One line of the printable form: part 0 waiting, part 1 service. */
static void
text_row(int part, const struct report_row *r)
{
	const struct report_stat *s = part == 0 ? &r->wait : &r->service;
	const char *key = r->group == REPORT_ALL ? _("all") : r->key;
	char a[32], b[32], c[32], d[32], p[16];

	fmt_mmss(a, sizeof a, s->n, s->avg);
	fmt_mmss(b, sizeof b, s->n, s->median);
	fmt_mmss(c, sizeof c, s->n, s->p90);
	fmt_mmss(d, sizeof d, s->n, s->max);
	fmt_pct(p, sizeof p, s->within_pct10);
	if (p[0] == '\0')
		snprintf(p, sizeof p, "-");
	if (part == 0)
		printf("%-10s %7lld %7lld %7lld %7s %7s %7s %7s %6s\n", key,
		    (long long)r->tickets, (long long)r->served,
		    (long long)r->noshow, a, b, c, d, p);
	else
		printf("%-10s %7lld %7s %7s %7s %6s\n", key,
		    (long long)r->served, a, b, c, p);
}

static void
text_header(int part)
{
	if (part == 0)
		printf("%-10s %7s %7s %7s %7s %7s %7s %7s %6s\n", _("KEY"),
		    _("TICKETS"), _("SERVED"), _("NO-SHOW"), _("AVG"),
		    _("MEDIAN"), _("P90"), _("MAX"), _("NORM%"));
	else
		printf("%-10s %7s %7s %7s %7s %6s\n", _("KEY"), _("SERVED"),
		    _("AVG"), _("MEDIAN"), _("P90"), _("NORM%"));
}

/*
 * The printable form: two tables of at most 74 columns (waiting, then
 * service), in sections per group, times as m:ss.  Rows without tickets
 * are left out (the CSV has every row); "-" marks an empty figure.
 */
static void
report_text(const struct config *cfg, const struct report *rep)
{
	printf(_("Queue report %s to %s\n"), rep->from, rep->to);
	printf("%s %s\n", cfg->branch_code, cfg->branch_name);
	for (int part = 0; part < 2; part++) {
		int group = -1;

		printf("\n%s\n", part == 0 ?
		    _("Visits and waiting (m:ss; share within the wait norm)") :
		    _("Service (m:ss; share within the service norm)"));
		for (size_t i = 0; i < rep->nrows; i++) {
			const struct report_row *r = &rep->rows[i];

			if (r->tickets == 0 && r->group != REPORT_ALL)
				continue;
			if ((int)r->group != group) {
				group = (int)r->group;
				printf("\n%s\n", group_title(r->group));
				text_header(part);
			}
			text_row(part, r);
		}
	}
}

/* A mean in hundredths as "4.52"; "" when there is none. */
static void
fmt_avg(char *buf, size_t size, int avg100)
{
	if (avg100 < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%d.%02d", avg100 / 100, avg100 % 100);
}

/* For the text form: "-" for an empty figure. */
static const char *
dash(const char *s)
{
	return s[0] != '\0' ? s : "-";
}

static void
appeals_csv(const struct report_appeals *r, struct csv *out)
{
	char a[16], b[16];

	csv_header(out, APPEALS_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_appeal_row *w = &r->rows[i];

		fmt_pct(a, sizeof a, w->closed_on_time_pct10);
		fmt_pct(b, sizeof b, w->first_contact_pct10);
		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_int(out, w->registered);
		csv_int(out, w->closed);
		csv_int(out, w->closed_on_time);
		csv_text(out, a);
		csv_int(out, w->open);
		csv_int(out, w->overdue);
		csv_int(out, w->first_contact);
		csv_text(out, b);
		csv_end(out);
	}
}

static const char *
appeal_group_title(const char *group)
{
	if (strcmp(group, "kind") == 0)
		return _("By kind");
	if (strcmp(group, "channel") == 0)
		return _("By channel");
	if (strcmp(group, "client_type") == 0)
		return _("By client type");
	return _("All appeals");
}

/* Rows without appeals are left out, as in the queue section. */
static void
appeals_text(const struct report_appeals *r)
{
	const char *group = "";
	char a[16], b[16];

	printf(_("\nAppeals registered in the period (closed: answered or "
	    "closed;\non time: by the due date; overdue as of %s)\n"),
	    r->today);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_appeal_row *w = &r->rows[i];

		if (w->registered == 0 && strcmp(w->group, "all") != 0)
			continue;
		if (strcmp(w->group, group) != 0) {
			group = w->group;
			printf("\n%s\n", appeal_group_title(group));
			printf("%-12s %6s %6s %7s %6s %6s %7s %6s %6s\n",
			    _("KEY"), _("REG"), _("CLOSED"), _("ON TIME"),
			    _("%"), _("OPEN"), _("OVERDUE"), _("FIRST"),
			    _("%"));
		}
		fmt_pct(a, sizeof a, w->closed_on_time_pct10);
		fmt_pct(b, sizeof b, w->first_contact_pct10);
		printf("%-12s %6lld %6lld %7lld %6s %6lld %7lld %6lld %6s\n",
		    strcmp(w->group, "all") == 0 ? _("all") : w->key,
		    (long long)w->registered, (long long)w->closed,
		    (long long)w->closed_on_time, dash(a),
		    (long long)w->open, (long long)w->overdue,
		    (long long)w->first_contact, dash(b));
	}
}

static void
feedback_csv(const struct report_feedback *r, struct csv *out)
{
	char a[16], p[16];

	csv_header(out, FEEDBACK_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_feedback_row *w = &r->rows[i];

		fmt_avg(a, sizeof a, w->avg100);
		fmt_pct(p, sizeof p, w->satisfied_pct10);
		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_text(out, w->criterion);
		csv_int(out, w->visits);
		csv_int(out, w->rated_visits);
		csv_int(out, w->ratings);
		csv_text(out, a);
		for (int k = 0; k < 5; k++)
			csv_int(out, w->score[k]);
		csv_text(out, p);
		csv_end(out);
	}
}

/*
 * The satisfaction section: the whole period's table per criterion (with
 * weights and the score distribution), then the CSI of each service and
 * manager that had visits.
 */
static void
feedback_text(const struct config *cfg, const struct report_feedback *r)
{
	const struct config_criterion *cr;
	const char *group = "all";
	char a[16], p[16], q[16];

	printf("\n%s\n", _("Client satisfaction (ratings 1-5 of the visits "
	    "finished; SAT%: scored 4-5)"));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_feedback_row *w = &r->rows[i];
		int csi = strcmp(w->criterion, REPORT_CSI) == 0;

		if (strcmp(w->group, "all") != 0)
			break;
		if (i == 0) {
			fmt_pct(p, sizeof p, report_pct10(w->rated_visits,
			    w->visits));
			printf(_("Visits %lld, rated %lld (%s%%)\n"),
			    (long long)w->visits, (long long)w->rated_visits,
			    dash(p));
			printf("\n%-16s %6s %7s %5s %6s %5s %5s %5s %5s %5s\n",
			    _("CRITERION"), _("WEIGHT"), _("RATINGS"),
			    _("AVG"), _("SAT%"), "1", "2", "3", "4", "5");
		}
		fmt_avg(a, sizeof a, w->avg100);
		fmt_pct(p, sizeof p, w->satisfied_pct10);
		cr = config_criterion(cfg, w->criterion);
		if (cr != NULL)
			snprintf(q, sizeof q, "%.2f", cr->weight);
		else
			snprintf(q, sizeof q, "-");
		printf("%-16s %6s %7lld %5s %6s %5lld %5lld %5lld %5lld "
		    "%5lld\n", csi ? _("CSI") : w->criterion, csi ? "" : q,
		    (long long)w->ratings, dash(a), dash(p),
		    (long long)w->score[0], (long long)w->score[1],
		    (long long)w->score[2], (long long)w->score[3],
		    (long long)w->score[4]);
	}
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_feedback_row *w = &r->rows[i];

		if (strcmp(w->group, "all") == 0 || w->visits == 0 ||
		    strcmp(w->criterion, REPORT_CSI) != 0)
			continue;
		if (strcmp(w->group, group) != 0) {
			group = w->group;
			printf("\n%s\n", strcmp(group, "service") == 0 ?
			    _("CSI by service") : _("CSI by manager"));
			printf("%-16s %7s %7s %6s %7s %5s\n", _("KEY"),
			    _("VISITS"), _("RATED"), _("%"), _("RATINGS"),
			    _("CSI"));
		}
		fmt_avg(a, sizeof a, w->avg100);
		fmt_pct(p, sizeof p, report_pct10(w->rated_visits, w->visits));
		printf("%-16s %7lld %7lld %6s %7lld %5s\n", w->key,
		    (long long)w->visits, (long long)w->rated_visits, dash(p),
		    (long long)w->ratings, dash(a));
	}
}

static void
inspections_csv(const struct report_inspections *r, struct csv *out)
{
	char p[16];

	csv_header(out, INSPECTIONS_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_inspection_row *w = &r->rows[i];

		fmt_pct(p, sizeof p, w->compliance_pct10);
		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_int(out, w->inspections);
		csv_int(out, w->results);
		csv_int(out, w->met);
		csv_int(out, w->not_met);
		csv_int(out, w->na);
		csv_text(out, p);
		csv_end(out);
	}
}

/* Prints s in width columns: cut or padded (one column a character). */
static void
put_cell(const char *s, size_t width)
{
	size_t chars = 0;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80) {
			if (chars == width)
				break;
			chars++;
		}
		putchar(*p);
	}
	for (; chars < width; chars++)
		putchar(' ');
}

static void
inspections_text(const struct catalogue *cat,
    const struct report_inspections *r)
{
	const struct catalogue_criterion *cr;
	const char *group = "";
	enum inspection_kind k;
	char p[16];

	printf("\n%s\n", _("Inspections dated in the period (compliance: met "
	    "of met and not met)"));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_inspection_row *w = &r->rows[i];
		const char *key = w->key;

		if (strcmp(w->group, "all") != 0 && w->inspections == 0)
			continue;
		if (strcmp(w->group, group) != 0) {
			group = w->group;
			printf("\n%s\n", strcmp(group, "all") == 0 ?
			    _("All inspections") : strcmp(group, "kind") == 0 ?
			    _("By kind") : _("By criterion"));
			printf("%-40s %5s %5s %5s %5s %5s %6s\n", _("KEY"),
			    _("INSP"), _("RES"), _("MET"), _("NOT"), _("N/A"),
			    _("%"));
		}
		if (strcmp(group, "all") == 0)
			key = _("all");
		else if (strcmp(group, "kind") == 0 &&
		    inspection_kind_parse(w->key, &k) == 0)
			key = inspection_kind_label(k);
		fmt_pct(p, sizeof p, w->compliance_pct10);
		if (strcmp(group, "criterion") == 0) {
			cr = cat != NULL ? catalogue_find(cat, w->key) : NULL;
			printf("%-4s ", w->key);
			put_cell(cr != NULL ? cr->title : "", 35);
		} else
			put_cell(key, 40);
		printf(" %5lld %5lld %5lld %5lld %5lld %6s\n",
		    (long long)w->inspections, (long long)w->results,
		    (long long)w->met, (long long)w->not_met,
		    (long long)w->na, dash(p));
	}
}

/* Runs and prints the chosen sections; 0 or an exit status. */
static int
report_sections(struct cmd_env *env, const char *from, const char *to,
    int sections, int csv)
{
	struct report *rep;
	struct report_appeals *ra;
	struct report_feedback *rf;
	struct report_inspections *ri;
	struct catalogue *cat = NULL;
	struct csv out;
	struct err e;

	err_clear(&e);
	csv_init(&out, stdout, 0);
	if (sections & SEC_QUEUE) {
		if (report_queue(&env->ctx, from, to, &rep, &e) != OKNO_OK)
			return cmd_err(&e);
		if (csv)
			report_csv(rep, &out);
		else
			report_text(env->cfg, rep);
		report_free(rep);
	} else if (!csv) {
		printf(_("Report %s to %s\n"), from, to);
		printf("%s %s\n", env->cfg->branch_code, env->cfg->branch_name);
	}
	if (sections & SEC_APPEALS) {
		if (report_appeals(&env->ctx, from, to, &ra, &e) != OKNO_OK)
			return cmd_err(&e);
		if (csv)
			appeals_csv(ra, &out);
		else
			appeals_text(ra);
		report_appeals_free(ra);
	}
	if (sections & SEC_FEEDBACK) {
		if (report_feedback(&env->ctx, from, to, &rf, &e) != OKNO_OK)
			return cmd_err(&e);
		if (csv)
			feedback_csv(rf, &out);
		else
			feedback_text(env->cfg, rf);
		report_feedback_free(rf);
	}
	if (sections & SEC_INSPECTIONS) {
		/* Without the catalogue the figures stand, ordered by code. */
		if (config_catalogue_load(env->cfg, &cat, &e) != OKNO_OK) {
			cmd_warn("%s", e.msg);
			err_clear(&e);
		}
		if (report_inspections(&env->ctx, cat, from, to, &ri, &e) !=
		    OKNO_OK) {
			catalogue_free(cat);
			return cmd_err(&e);
		}
		if (csv)
			inspections_csv(ri, &out);
		else
			inspections_text(cat, ri);
		report_inspections_free(ri);
		catalogue_free(cat);
	}
	return 0;
}

int
cmd_report(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "csv", no_argument, NULL, 'C' },
		{ "queue", no_argument, NULL, 'q' },
		{ "appeals", no_argument, NULL, 'a' },
		{ "feedback", no_argument, NULL, 'b' },
		{ "inspections", no_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	const char *from = NULL, *to = NULL;
	int ch, csv = 0, y, m, d, sections = 0;

	/* Leading "-": no permutation, so a stray operand is an error. */
	while ((ch = getopt_long(argc, argv, "-", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'C':
			csv = 1;
			break;
		case 'q':
			sections |= SEC_QUEUE;
			break;
		case 'a':
			sections |= SEC_APPEALS;
			break;
		case 'b':
			sections |= SEC_FEEDBACK;
			break;
		case 'i':
			sections |= SEC_INSPECTIONS;
			break;
		default:
			return cmd_usage("report");
		}
	}
	if (optind != argc || from == NULL || to == NULL)
		return cmd_usage("report");
	if (date_parse(from, &y, &m, &d) != 0)
		return cmd_error(OKNO_EUSAGE, _("--from: not a date "
		    "(YYYY-MM-DD): %s"), from);
	if (date_parse(to, &y, &m, &d) != 0)
		return cmd_error(OKNO_EUSAGE, _("--to: not a date "
		    "(YYYY-MM-DD): %s"), to);
	if (strcmp(from, to) > 0)
		return cmd_error(OKNO_EUSAGE, _("the period starts (%s) after "
		    "it ends (%s)"), from, to);
	/* A CSV is one table: the queue's (SPEC) unless another is named. */
	if (csv && sections != 0 && (sections & (sections - 1)) != 0)
		return cmd_error(OKNO_EUSAGE, _("--csv takes one section: "
		    "--queue, --appeals, --feedback or --inspections"));
	if (sections == 0)
		sections = csv ? SEC_QUEUE : SEC_ALL;
	return report_sections(env, from, to, sections, csv);
}
