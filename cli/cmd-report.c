/* cmd-report.c: okno report --from DATE --to DATE [--queue] [--appeals]
 * [--feedback] [--inspections] [--windows] [--pauses] [--visits]
 * [--bookings] [--csv]: the
 * printable report of a period, or one section of it as CSV. */
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
#define WINDOWS_CSV_HEADER "group,key,open_s,serving_s,paused_s,idle_s," \
	"idle_waiting_s,calls"
#define PAUSES_CSV_HEADER "window,manager,reason,pauses,paused_s"
#define VISITS_CSV_HEADER "group,key,visits,with_account,with_outcome," \
	"resolved,resolved_pct,repeat,repeat_pct"
#define BOOKINGS_CSV_HEADER "group,key,bookings,cancelled,missed,arrived," \
	"served,called,punctual,punctual_pct,booked_wait_avg_s," \
	"booked_wait_median_s,booked_wait_p90_s,walkin_tickets," \
	"walkin_called,walkin_wait_avg_s,walkin_wait_median_s," \
	"walkin_wait_p90_s"

/* The sections; the text form prints those chosen, all by default. */
#define SEC_QUEUE	REPORT_SEC_QUEUE
#define SEC_APPEALS	REPORT_SEC_APPEALS
#define SEC_FEEDBACK	REPORT_SEC_FEEDBACK
#define SEC_INSPECTIONS	REPORT_SEC_INSPECTIONS
#define SEC_WINDOWS	REPORT_SEC_WINDOWS
#define SEC_VISITS	REPORT_SEC_VISITS
#define SEC_BOOKINGS	REPORT_SEC_BOOKINGS
#define SEC_ALL		REPORT_SEC_ALL
/* The pauses are the windows section's second table; alone only as CSV. */
#define SEC_PAUSES	0x100
/* Marks a section option in the longopts table (cmd_report). */
#define SEC_OPT		0x10000

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
		report_fmt_pct(pct, sizeof pct, r->wait.within_pct10);
		csv_num(out, pct);
		csv_stat(out, r->service.n, r->service.avg);
		csv_stat(out, r->service.n, r->service.median);
		csv_stat(out, r->service.n, r->service.p90);
		report_fmt_pct(pct, sizeof pct, r->service.within_pct10);
		csv_num(out, pct);
		csv_end(out);
	}
}

static void
appeals_csv(const struct report_appeals *r, struct csv *out)
{
	char a[16], b[16];

	csv_header(out, APPEALS_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_appeal_row *w = &r->rows[i];

		report_fmt_pct(a, sizeof a, w->closed_on_time_pct10);
		report_fmt_pct(b, sizeof b, w->first_contact_pct10);
		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_int(out, w->registered);
		csv_int(out, w->closed);
		csv_int(out, w->closed_on_time);
		csv_num(out, a);
		csv_int(out, w->open);
		csv_int(out, w->overdue);
		csv_int(out, w->first_contact);
		csv_num(out, b);
		csv_end(out);
	}
}

static void
feedback_csv(const struct report_feedback *r, struct csv *out)
{
	char a[16], p[16];

	csv_header(out, FEEDBACK_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_feedback_row *w = &r->rows[i];

		report_fmt_avg(a, sizeof a, w->avg100);
		report_fmt_pct(p, sizeof p, w->satisfied_pct10);
		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_text(out, w->criterion);
		csv_int(out, w->visits);
		csv_int(out, w->rated_visits);
		csv_int(out, w->ratings);
		csv_num(out, a);
		for (int k = 0; k < 5; k++)
			csv_int(out, w->score[k]);
		csv_num(out, p);
		csv_end(out);
	}
}

static void
inspections_csv(const struct report_inspections *r, struct csv *out)
{
	char p[16];

	csv_header(out, INSPECTIONS_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_inspection_row *w = &r->rows[i];

		report_fmt_pct(p, sizeof p, w->compliance_pct10);
		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_int(out, w->inspections);
		csv_int(out, w->results);
		csv_int(out, w->met);
		csv_int(out, w->not_met);
		csv_int(out, w->na);
		csv_num(out, p);
		csv_end(out);
	}
}

static void
windows_csv(const struct report_windows *r, struct csv *out)
{
	csv_header(out, WINDOWS_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_window_row *w = &r->rows[i];

		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_int(out, w->open_s);
		csv_int(out, w->serving_s);
		csv_int(out, w->paused_s);
		csv_int(out, w->idle_s);
		csv_int(out, w->idle_waiting_s);
		csv_int(out, w->calls);
		csv_end(out);
	}
}

static void
pauses_csv(const struct report_windows *r, struct csv *out)
{
	csv_header(out, PAUSES_CSV_HEADER);
	for (size_t i = 0; i < r->npauses; i++) {
		const struct report_pause_row *p = &r->pauses[i];

		csv_int(out, p->window);
		csv_text(out, p->manager);
		csv_text(out, p->reason);
		csv_int(out, p->pauses);
		csv_int(out, p->paused_s);
		csv_end(out);
	}
}

static void
visits_csv(const struct report_visits *r, struct csv *out)
{
	char a[16], b[16];

	csv_header(out, VISITS_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_visit_row *w = &r->rows[i];

		report_fmt_pct(a, sizeof a, w->resolved_pct10);
		report_fmt_pct(b, sizeof b, w->repeat_pct10);
		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_int(out, w->visits);
		csv_int(out, w->with_account);
		csv_int(out, w->with_outcome);
		csv_int(out, w->resolved);
		csv_text(out, a);
		csv_int(out, w->repeat);
		csv_text(out, b);
		csv_end(out);
	}
}

/* The waits of a bookings row: three figures or three empty cells. */
static void
csv_bwait(struct csv *out, const struct report_booking_wait *w)
{
	csv_stat(out, w->n, w->avg);
	csv_stat(out, w->n, w->median);
	csv_stat(out, w->n, w->p90);
}

static void
bookings_csv(const struct report_bookings *r, struct csv *out)
{
	char p[16];

	csv_header(out, BOOKINGS_CSV_HEADER);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_booking_row *w = &r->rows[i];

		report_fmt_pct(p, sizeof p, w->punctual_pct10);
		csv_text(out, w->group);
		csv_text(out, w->key);
		csv_int(out, w->bookings);
		csv_int(out, w->cancelled);
		csv_int(out, w->missed);
		csv_int(out, w->arrived);
		csv_int(out, w->served);
		csv_int(out, w->called);
		csv_int(out, w->punctual);
		csv_num(out, p);
		csv_bwait(out, &w->booked);
		/* The source rows have no walk-ins: empty, not 0. */
		if (w->walkin < 0) {
			for (int k = 0; k < 5; k++)
				csv_text(out, NULL);
		} else {
			csv_int(out, w->walkin);
			csv_int(out, w->walkin_wait.n);
			csv_bwait(out, &w->walkin_wait);
		}
		csv_end(out);
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
	struct report_windows *rw;
	struct report_visits *rv;
	struct report_bookings *rb;
	struct catalogue *cat = NULL;
	struct csv out;
	struct err e;
	int rc = OKNO_OK;

	err_clear(&e);
	/* Without the catalogue the figures stand, ordered by code. */
	if ((sections & SEC_INSPECTIONS) &&
	    catalogue_load(env->cfg, &cat, &e) != OKNO_OK) {
		cmd_warn("%s", e.msg);
		err_clear(&e);
	}
	if (!csv) {
		if (sections & SEC_PAUSES)
			sections = (sections & ~SEC_PAUSES) | SEC_WINDOWS;
		rc = report_text(&env->ctx, cat, from, to, (unsigned)sections,
		    stdout, &e);
		catalogue_free(cat);
		return rc == OKNO_OK ? 0 : cmd_err(&e);
	}
	csv_begin(&out, stdout, 0);
	switch (sections) {
	case SEC_QUEUE:
		if ((rc = report_queue(&env->ctx, from, to, &rep, &e)) ==
		    OKNO_OK) {
			report_csv(rep, &out);
			report_free(rep);
		}
		break;
	case SEC_APPEALS:
		if ((rc = report_appeals(&env->ctx, from, to, &ra, &e)) ==
		    OKNO_OK) {
			appeals_csv(ra, &out);
			report_appeals_free(ra);
		}
		break;
	case SEC_FEEDBACK:
		if ((rc = report_feedback(&env->ctx, from, to, &rf, &e)) ==
		    OKNO_OK) {
			feedback_csv(rf, &out);
			report_feedback_free(rf);
		}
		break;
	case SEC_INSPECTIONS:
		if ((rc = report_inspections(&env->ctx, cat, from, to, &ri,
		    &e)) == OKNO_OK) {
			inspections_csv(ri, &out);
			report_inspections_free(ri);
		}
		break;
	case SEC_WINDOWS:
	case SEC_PAUSES:
		if ((rc = report_windows(&env->ctx, from, to, &rw, &e)) ==
		    OKNO_OK) {
			if (sections == SEC_WINDOWS)
				windows_csv(rw, &out);
			else
				pauses_csv(rw, &out);
			report_windows_free(rw);
		}
		break;
	case SEC_VISITS:
		if ((rc = report_visits(&env->ctx, from, to, &rv, &e)) ==
		    OKNO_OK) {
			visits_csv(rv, &out);
			report_visits_free(rv);
		}
		break;
	case SEC_BOOKINGS:
		if ((rc = report_bookings(&env->ctx, from, to, &rb, &e)) ==
		    OKNO_OK) {
			bookings_csv(rb, &out);
			report_bookings_free(rb);
		}
		break;
	}
	catalogue_free(cat);
	return rc == OKNO_OK ? 0 : cmd_err(&e);
}

int
cmd_report(struct cmd_env *env, int argc, char **argv)
{
	/* A section option's value is its section bit with SEC_OPT, never
	 * one of the period options' letters nor getopt's own codes. */
	static const struct option longopts[] = {
		CMD_PERIOD_OPTIONS,
		{ "queue", no_argument, NULL, SEC_OPT | SEC_QUEUE },
		{ "appeals", no_argument, NULL, SEC_OPT | SEC_APPEALS },
		{ "feedback", no_argument, NULL, SEC_OPT | SEC_FEEDBACK },
		{ "inspections", no_argument, NULL, SEC_OPT | SEC_INSPECTIONS },
		{ "windows", no_argument, NULL, SEC_OPT | SEC_WINDOWS },
		{ "pauses", no_argument, NULL, SEC_OPT | SEC_PAUSES },
		{ "visits", no_argument, NULL, SEC_OPT | SEC_VISITS },
		{ "bookings", no_argument, NULL, SEC_OPT | SEC_BOOKINGS },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_period_args p = { NULL, NULL, 0 };
	int ch, sections = 0;

	/* Leading "-": no permutation, so a stray operand is an error. */
	while ((ch = cmd_getopt(argc, argv, "-", longopts)) != -1) {
		if (cmd_period_opt(ch, &p))
			continue;
		if ((ch & SEC_OPT) == 0)
			return cmd_usage("report");
		sections |= ch & ~SEC_OPT;
	}
	if (optind != argc || p.from == NULL || p.to == NULL)
		return cmd_usage("report");
	if ((ch = cmd_period(p.from, p.to, NULL, NULL)) != 0)
		return ch;
	/* A CSV is one table: the queue's (SPEC) unless another is named. */
	if (p.csv && sections != 0 && (sections & (sections - 1)) != 0)
		return cmd_error(OKNO_EUSAGE, _("--csv takes one section: "
		    "--queue, --appeals, --feedback, --inspections, --windows, "
		    "--pauses, --visits or --bookings"));
	if (sections == 0)
		sections = p.csv ? SEC_QUEUE : SEC_ALL;
	return report_sections(env, p.from, p.to, sections, p.csv);
}
