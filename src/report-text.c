/* report-text.c: the report's plain-text form, for a printer or a
 * terminal: the queue tables (waiting, then service), appeals, client
 * satisfaction and inspections, no line over 80 columns.  `okno report`
 * writes it to standard output; the report screen saves it to a new file
 * in the reports folder (report_save, file.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appeal.h"
#include "file.h"
#include "inspect.h"
#include "report.h"

/* A figure kept as an integer in units of 1/10^places (places 1 or 2),
 * written with that many decimals; a negative one (no figure) as "". */
static void
fmt_fixed(char *buf, size_t size, int v, int places)
{
	int unit = places == 1 ? 10 : 100;

	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%d.%0*d", v / unit, places, v % unit);
}

void
report_fmt_pct(char *buf, size_t size, int pct10)
{
	fmt_fixed(buf, size, pct10, 1);
}

void
report_fmt_avg(char *buf, size_t size, int avg100)
{
	fmt_fixed(buf, size, avg100, 2);
}

/* The key column of the queue tables: a service's name, cut. */
#define TEXT_KEY_W	16

/* "-" for an empty figure. */
static const char *
dash(const char *s)
{
	return s[0] != '\0' ? s : "-";
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
	case REPORT_CATEGORY:
		return _("By priority category");
	}
	return "";
}

/* One line of the printable form: part 0 waiting, part 1 service. */
static void
text_row(FILE *fp, const struct config *cfg, int part,
    const struct report_row *r)
{
	const struct report_stat *s = part == 0 ? &r->wait : &r->service;
	const struct config_service *svc;
	const struct config_priority *pc;
	const char *key = r->group == REPORT_ALL ? _("all") : r->key;
	char a[32], b[32], c[32], d[32], p[16];

	fmt_mmss(a, sizeof a, s->n, s->avg);
	fmt_mmss(b, sizeof b, s->n, s->median);
	fmt_mmss(c, sizeof c, s->n, s->p90);
	fmt_mmss(d, sizeof d, s->n, s->max);
	report_fmt_pct(p, sizeof p, s->within_pct10);
	if (p[0] == '\0')
		snprintf(p, sizeof p, "-");
	/* People read the service's name; a code no longer configured
	 * stands for itself. */
	if (r->group == REPORT_SERVICE &&
	    (svc = config_service(cfg, r->key)) != NULL)
		key = svc->name;
	if (r->group == REPORT_CATEGORY &&
	    (pc = config_priority(cfg, r->key)) != NULL)
		key = pc->name;
	text_put_cell(fp, key, TEXT_KEY_W);
	if (part == 0)
		fprintf(fp, " %7lld %7lld %7lld %7s %7s %7s %7s %6s\n",
		    (long long)r->tickets, (long long)r->served,
		    (long long)r->noshow, a, b, c, d, p);
	else
		fprintf(fp, " %7lld %7s %7s %7s %6s\n",
		    (long long)r->served, a, b, c, p);
}

static void
text_header(FILE *fp, int part)
{
	if (part == 0)
		table_head(fp, "%-16s %7s %7s %7s %7s %7s %7s %7s %6s\n",
		    _("KEY"), _("TICKETS"), _("SERVED"), _("NO-SHOW"), _("AVG"),
		    _("MEDIAN"), _("P90"), _("MAX"), _("NORM%"));
	else
		table_head(fp, "%-16s %7s %7s %7s %7s %6s\n", _("KEY"),
		    _("SERVED"), _("AVG"), _("MEDIAN"), _("P90"), _("NORM%"));
}

/*
 * The printable form: two tables of at most 79 columns (waiting, then
 * service), in sections per group, times as m:ss.  Rows without tickets
 * are left out (the CSV has every row); "-" marks an empty figure.
 */
/* The second line of a report: the branch, within 80 columns. */
static void
text_branch(FILE *fp, const struct config *cfg)
{
	char *line = xasprintf("%s %s", cfg->branch_code, cfg->branch_name);
	size_t n = 0;

	for (const char *p = line; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80 && ++n > 80)
			break;
		fputc(*p, fp);
	}
	fputc('\n', fp);
	free(line);
}

void
report_queue_text(FILE *fp, const struct config *cfg,
    const struct report *rep, int flags)
{
	if (!(flags & REPORT_TEXT_NOTITLE)) {
		fprintf(fp, _("Queue report %s to %s\n"), rep->from, rep->to);
		text_branch(fp, cfg);
	}
	for (int part = 0; part < 2; part++) {
		int group = -1;

		fprintf(fp, "\n%s\n", part == 0 ?
		    _("Visits and waiting (m:ss; share within the wait norm)") :
		    _("Service (m:ss; share within the service norm)"));
		for (size_t i = 0; i < rep->nrows; i++) {
			const struct report_row *r = &rep->rows[i];

			if (r->tickets == 0 && r->group != REPORT_ALL)
				continue;
			if ((int)r->group != group) {
				group = (int)r->group;
				fprintf(fp, "\n%s\n", group_title(r->group));
				text_header(fp, part);
			}
			text_row(fp, cfg, part, r);
		}
	}
	/* Row 0 is "all" (report.h). */
	if (flags & REPORT_TEXT_BANDS)
		report_bands_text(fp, &rep->rows[0].wait);
}

const char *
report_band_label(int b)
{
	static const char *const labels[REPORT_NBANDS] = {
		N_("up to half the norm"), N_("half to the norm"),
		N_("norm to 1.5 norms"), N_("1.5 to 2 norms"),
		N_("over 2 norms")
	};

	return b >= 0 && b < REPORT_NBANDS ? _(labels[b]) : "";
}

void
report_bands_text(FILE *fp, const struct report_stat *w)
{
	char p[16], label[128];
	int64_t max = 0;

	if (w->normed == 0)
		return;
	fprintf(fp, "\n%s\n", _("Waits against the norm (tickets called)"));
	for (int b = 0; b < REPORT_NBANDS; b++)
		if (w->band[b] > max)
			max = w->band[b];
	for (int b = 0; b < REPORT_NBANDS; b++) {
		int len = (int)report_round_div(w->band[b] * 40, max);

		report_fmt_pct(p, sizeof p, report_pct10(w->band[b],
		    w->normed));
		fprintf(fp, "%-20s %7lld %6s%s", utf8_pad(label, sizeof label,
		    report_band_label(b), -20),
		    (long long)w->band[b], p, len > 0 ? "  " : "");
		for (int i = 0; i < len; i++)
			fputc('#', fp);
		fputc('\n', fp);
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
/* What people call an appeal row's key: the kind's configured name, the
 * channel's and client type's labels; a code unknown here as itself. */
static const char *
appeal_key_label(const struct config *cfg, const char *group,
    const char *key)
{
	const struct config_kind *k;

	if (strcmp(group, "all") == 0)
		return _("all");
	if (strcmp(group, "kind") == 0)
		return (k = config_kind(cfg, key)) != NULL ? k->name : key;
	if (strcmp(group, "channel") == 0)
		return appeal_channel_label(key);
	if (strcmp(group, "client_type") == 0)
		return appeal_client_type_label(key);
	return key;
}

void
report_appeals_text(FILE *fp, const struct config *cfg,
    const struct report_appeals *r)
{
	const char *group = "";
	char a[16], b[16];

	fprintf(fp, _("\nAppeals registered in the period (closed: answered or "
	    "closed;\non time: by the due date; overdue as of %s)\n"),
	    r->today);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_appeal_row *w = &r->rows[i];

		if (w->registered == 0 && strcmp(w->group, "all") != 0)
			continue;
		if (strcmp(w->group, group) != 0) {
			group = w->group;
			fprintf(fp, "\n%s\n", appeal_group_title(group));
			table_head(fp, "%-20s %6s %6s %7s %6s %6s %7s %6s "
			    "%6s\n", _("KEY"), _("REG"), _("CLOSED"),
			    _("ON TIME"), _("%"), _("OPEN"), _("OVERDUE"),
			    _("FIRST"), _("%"));
		}
		report_fmt_pct(a, sizeof a, w->closed_on_time_pct10);
		report_fmt_pct(b, sizeof b, w->first_contact_pct10);
		text_put_cell(fp, appeal_key_label(cfg, w->group, w->key), 20);
		fprintf(fp, " %6lld %6lld %7lld %6s %6lld %7lld %6lld "
		    "%6s\n",
		    (long long)w->registered, (long long)w->closed,
		    (long long)w->closed_on_time, dash(a),
		    (long long)w->open, (long long)w->overdue,
		    (long long)w->first_contact, dash(b));
	}
}

/*
 * The satisfaction section: the whole period's table per criterion (with
 * weights and the score distribution), then the CSI of each service and
 * manager that had visits.
 */
void
report_feedback_text(FILE *fp, const struct config *cfg,
    const struct report_feedback *r)
{
	const struct config_criterion *cr;
	const struct config_service *svc;
	const char *group = "all";
	char a[16], p[16], q[16];

	fprintf(fp, "\n%s\n", _("Client satisfaction (ratings 1-5 of the "
	    "visits finished; SAT%: scored 4-5)"));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_feedback_row *w = &r->rows[i];
		int csi = strcmp(w->criterion, REPORT_CSI) == 0;

		if (strcmp(w->group, "all") != 0)
			break;
		if (i == 0) {
			report_fmt_pct(p, sizeof p,
			    report_pct10(w->rated_visits, w->visits));
			fprintf(fp, _("Visits %lld, rated %lld (%s%%)\n"),
			    (long long)w->visits, (long long)w->rated_visits,
			    dash(p));
			table_head(fp, "\n%-21s %6s %7s %5s %6s %5s %5s %5s "
			    "%5s %5s\n", _("CRITERION"), _("WEIGHT"),
			    _("RATINGS"), _("AVG"), _("SAT%"), "1", "2", "3",
			    "4", "5");
		}
		report_fmt_avg(a, sizeof a, w->avg100);
		report_fmt_pct(p, sizeof p, w->satisfied_pct10);
		cr = config_criterion(cfg, w->criterion);
		if (cr != NULL)
			snprintf(q, sizeof q, "%.2f", cr->weight);
		else
			snprintf(q, sizeof q, "-");
		text_put_cell(fp, csi ? _("CSI") : cr != NULL ? cr->name :
		    w->criterion, 21);
		fprintf(fp, " %6s %7lld %5s %6s %5lld %5lld %5lld %5lld "
		    "%5lld\n", csi ? "" : q,
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
			fprintf(fp, "\n%s\n", strcmp(group, "service") == 0 ?
			    _("CSI by service") : _("CSI by manager"));
			table_head(fp, "%-30s %7s %7s %6s %7s %5s\n",
			    _("KEY"), _("VISITS"), _("RATED"), _("%"),
			    _("RATINGS"), _("CSI"));
		}
		report_fmt_avg(a, sizeof a, w->avg100);
		report_fmt_pct(p, sizeof p, report_pct10(w->rated_visits,
		    w->visits));
		svc = strcmp(group, "service") == 0 ?
		    config_service(cfg, w->key) : NULL;
		text_put_cell(fp, svc != NULL ? svc->name : w->key, 30);
		fprintf(fp, " %7lld %7lld %6s %7lld %5s\n",
		    (long long)w->visits, (long long)w->rated_visits, dash(p),
		    (long long)w->ratings, dash(a));
	}
}

void
report_inspections_text(FILE *fp, const struct catalogue *cat,
    const struct report_inspections *r)
{
	const struct catalogue_criterion *cr;
	const char *group = "";
	enum inspection_kind k;
	char p[16];

	fprintf(fp, "\n%s\n", _("Inspections dated in the period (compliance: "
	    "met of met and not met)"));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_inspection_row *w = &r->rows[i];
		const char *key = w->key;

		if (strcmp(w->group, "all") != 0 && w->inspections == 0)
			continue;
		if (strcmp(w->group, group) != 0) {
			group = w->group;
			fprintf(fp, "\n%s\n", strcmp(group, "all") == 0 ?
			    _("All inspections") : strcmp(group, "kind") == 0 ?
			    _("By kind") : _("By criterion"));
			table_head(fp, "%-40s %5s %5s %5s %5s %5s %6s\n",
			    _("KEY"), _("INSP"), _("RES"), _("MET"), _("NOT"),
			    _("N/A"), _("%"));
		}
		if (strcmp(group, "all") == 0)
			key = _("all");
		else if (strcmp(group, "kind") == 0 &&
		    inspection_kind_parse(w->key, &k) == 0)
			key = inspection_kind_label(k);
		report_fmt_pct(p, sizeof p, w->compliance_pct10);
		if (strcmp(group, "criterion") == 0) {
			cr = cat != NULL ? catalogue_find(cat, w->key) : NULL;
			fprintf(fp, "%-4s ", w->key);
			text_put_cell(fp, cr != NULL ? cr->title : "", 35);
		} else
			text_put_cell(fp, key, 40);
		fprintf(fp, " %5lld %5lld %5lld %5lld %5lld %6s\n",
		    (long long)w->inspections, (long long)w->results,
		    (long long)w->met, (long long)w->not_met,
		    (long long)w->na, dash(p));
	}
}

int
report_text(struct ctx *c, const struct catalogue *cat, const char *from,
    const char *to, unsigned sections, FILE *fp, struct err *e)
{
	struct report *rep;
	struct report_appeals *ra;
	struct report_feedback *rf;
	struct report_inspections *ri;

	/* The queue alone is a "Queue report"; more sections, a report. */
	if (sections & REPORT_SEC_QUEUE) {
		if (report_queue(c, from, to, &rep, e) != OKNO_OK)
			return e->code;
		if (sections != REPORT_SEC_QUEUE) {
			fprintf(fp, _("Report %s to %s\n"), from, to);
			text_branch(fp, c->cfg);
		}
		report_queue_text(fp, c->cfg, rep, REPORT_TEXT_BANDS |
		    (sections != REPORT_SEC_QUEUE ? REPORT_TEXT_NOTITLE : 0));
		report_free(rep);
	} else {
		if (report_period_check(from, to, e) != OKNO_OK)
			return e->code;
		fprintf(fp, _("Report %s to %s\n"), from, to);
		text_branch(fp, c->cfg);
	}
	if (sections & REPORT_SEC_APPEALS) {
		if (report_appeals(c, from, to, &ra, e) != OKNO_OK)
			return e->code;
		report_appeals_text(fp, c->cfg, ra);
		report_appeals_free(ra);
	}
	if (sections & REPORT_SEC_FEEDBACK) {
		if (report_feedback(c, from, to, &rf, e) != OKNO_OK)
			return e->code;
		report_feedback_text(fp, c->cfg, rf);
		report_feedback_free(rf);
	}
	if (sections & REPORT_SEC_INSPECTIONS) {
		if (report_inspections(c, cat, from, to, &ri, e) != OKNO_OK)
			return e->code;
		report_inspections_text(fp, cat, ri);
		report_inspections_free(ri);
	}
	if (sections & REPORT_SEC_WINDOWS) {
		struct report_windows *rw;

		if (report_windows(c, from, to, &rw, e) != OKNO_OK)
			return e->code;
		report_windows_text(fp, c->cfg, rw);
		report_windows_free(rw);
	}
	if (sections & REPORT_SEC_VISITS) {
		struct report_visits *rv;

		if (report_visits(c, from, to, &rv, e) != OKNO_OK)
			return e->code;
		report_visits_text(fp, c->cfg, rv);
		report_visits_free(rv);
	}
	if (sections & REPORT_SEC_BOOKINGS) {
		struct report_bookings *rb;

		if (report_bookings(c, from, to, &rb, e) != OKNO_OK)
			return e->code;
		/* An office without bookings is not told it has none. */
		if (sections == REPORT_SEC_BOOKINGS || c->cfg->bookings.set ||
		    rb->rows[0].bookings > 0)
			report_bookings_text(fp, c->cfg, rb);
		report_bookings_free(rb);
	}
	return ferror(fp) ? err_set(e, OKNO_EIO, _("cannot write the "
	    "report")) : OKNO_OK;
}

void
report_file_name(char *buf, size_t size, const char *from, const char *to)
{
	snprintf(buf, size, "report-%s_%s.txt", from, to);
}

int
report_save(struct ctx *c, const struct catalogue *cat, const char *from,
    const char *to, unsigned sections, const char *dir, const char *name,
    char **path, struct err *e)
{
	struct file_new f;

	*path = NULL;
	/* A wrong period leaves no empty file behind. */
	if (report_period_check(from, to, e) != OKNO_OK ||
	    file_create_new(dir, name, ".txt", &f, e) != OKNO_OK)
		return e->code;
	if (report_text(c, cat, from, to, sections, f.fp, e) != OKNO_OK) {
		file_discard_new(&f);
		free(f.path);
		return e->code;
	}
	if (file_close_new(&f, e) != OKNO_OK) {
		free(f.path);
		return e->code;
	}
	*path = f.path;
	return OKNO_OK;
}
