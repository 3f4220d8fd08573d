/* cmd-report.c: okno report --from DATE --to DATE [--csv]. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "report.h"

#define REPORT_CSV_HEADER "group,key,tickets,served,noshow,wait_avg_s," \
	"wait_median_s,wait_p90_s,wait_max_s,wait_within_norm_pct," \
	"service_avg_s,service_median_s,service_p90_s,service_within_norm_pct"

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

int
cmd_report(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "csv", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	const char *from = NULL, *to = NULL;
	struct report *rep;
	struct csv out;
	struct err e;
	int ch, csv = 0, y, m, d;

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
	err_clear(&e);
	if (report_queue(&env->ctx, from, to, &rep, &e) != OKNO_OK)
		return cmd_err(&e);
	if (csv) {
		csv_init(&out, stdout, 0);
		report_csv(rep, &out);
	} else
		report_text(env->cfg, rep);
	report_free(rep);
	return 0;
}
