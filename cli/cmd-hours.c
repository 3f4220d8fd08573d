/* cmd-hours.c: okno hours --from DATE --to DATE [--csv]: the opening
 * hours okno applies on each day of a period (hours.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "hours.h"

#define HOURS_CSV_HEADER "date,open,close,kind"

/* A period longer than this is a mistake, not a question (ten years). */
#define HOURS_MAX_DAYS	3660

int
cmd_hours(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		CMD_PERIOD_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	static const char *const wdays[] = { N_("Sun"), N_("Mon"), N_("Tue"),
	    N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat") };
	struct cmd_period_args p = { NULL, NULL, 0 };
	struct hours_day hd;
	struct csv out;
	long first, last;
	int ch, y, m, d, missing = 0;
	char date[16], open[16], close[16], day[32];

	/* Leading "-": no permutation, so a stray operand is an error. */
	while ((ch = cmd_getopt(argc, argv, "-", longopts)) != -1)
		if (!cmd_period_opt(ch, &p))
			return cmd_usage("hours");
	if (optind != argc || p.from == NULL || p.to == NULL)
		return cmd_usage("hours");
	/* The same checks and statuses as okno report's period. */
	if ((ch = cmd_period(p.from, p.to, &first, &last)) != 0)
		return ch;
	if (last - first >= HOURS_MAX_DAYS)
		return cmd_error(OKNO_EINVAL, _("the period is longer than "
		    "%d days"), HOURS_MAX_DAYS);
	if (p.csv) {
		csv_begin(&out, stdout, 0);
		csv_header(&out, HOURS_CSV_HEADER);
	} else {
		if (!hours_configured(env->cfg))
			printf("%s\n", _("No opening hours configured: the "
			    "office is always open."));
		table_head(stdout, "%-10s %-4s %-5s %-5s %s\n", _("DATE"),
		    _("DAY"), _("OPEN"), _("CLOSE"), _("KIND"));
	}
	for (long n = first; n <= last; n++) {
		calendar_from_day_number(n, &y, &m, &d);
		if (hours_day(env->cfg, y, m, d, &hd) != OKNO_OK)
			return cmd_error(OKNO_EINVAL, _("no such date"));
		if (hd.missing && missing != y) {
			/* Once per year: holidays there are unknown. */
			cmd_warn(_("no production calendar for %d: weekends "
			    "only"), y);
			missing = y;
		}
		snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
		hours_fmt_minute(open, sizeof open, hd.open);
		hours_fmt_minute(close, sizeof close, hd.close);
		if (p.csv) {
			csv_text(&out, date);
			csv_text(&out, open);
			csv_text(&out, close);
			csv_text(&out, hours_kind_name(hd.kind));
			csv_end(&out);
		} else
			printf("%-10s %s %-5s %-5s %s\n", date,
			    utf8_pad(day, sizeof day,
			    _(wdays[calendar_weekday(y, m, d)]), -4), open,
			    close, hours_kind_label(hd.kind));
	}
	return 0;
}
