/* scr-reports.c: the report screen for the head of office: a period (last
 * month unless chosen) in six tabs, the queue with its charts (load by
 * hour of issue, waits against the norm), appeals, client satisfaction,
 * inspections, where the windows' day went and the visits' outcomes
 * (with the bookings' punctuality and waits below them, when the office
 * takes bookings or the period has some: a seventh tab would not fit 80
 * columns); and the plain-text form saved to a new file in the reports
 * folder, to print.
 *
 * The tabs show the same text as `okno report` (report-text.c), so the
 * screen, the printed form and the command line never disagree; the
 * queue tab adds a summary and the hour chart above the tables.  A tab is
 * a list of lines scrolled in the body; a run of '#' in a line is a bar
 * and is drawn as one (reverse video reads on a vt100 without colour).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "file.h"
#include "inspect.h"
#include "report.h"
#include "ui-int.h"

static const struct ui_binding reports_keys[] = {
	{ 1, "1?h", UA_HELP, N_("Help"), N_("show the keys; arrows, PgUp "
	    "and PgDn scroll, Tab and Left/Right change the tab") },
	{ 2, "2p", UA_PERIOD, N_("Period"), N_("choose the period (at "
	    "first today, last month or the last day with tickets)") },
	{ 3, "3v", UA_TAB6, N_("Visits"), N_("visits: outcomes, resolved "
	    "at the first contact, repeat visits; bookings: punctuality, "
	    "missed, booked against walk-in waits") },
	{ 0, "t", UA_TODAY, N_("Today"), N_("today's report") },
	{ 4, "4s", UA_SAVE, N_("Save"), N_("save the printable text of the "
	    "whole report as a new file in the reports folder") },
	{ 5, "5", UA_TAB1, N_("Queue"), N_("the queue: summary, load by hour, "
	    "waits against the norm, tables") },
	{ 6, "6", UA_TAB2, N_("Appeals"), N_("appeals registered in the "
	    "period") },
	{ 7, "7", UA_TAB3, N_("Clients"), N_("client satisfaction: ratings "
	    "and CSI") },
	{ 8, "8", UA_TAB4, N_("Inspect"), N_("inspections and compliance") },
	{ 9, "9", UA_TAB5, N_("Windows"), N_("where the day went: windows "
	    "and managers open, serving, paused, idle; the pauses") },
	{ 10, "0q", UA_EXIT, N_("Back"), N_("back to the hall") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

#define NTABS		6
#define CHART_ROWS	6	/* the hour chart's height */
#define RELOAD_S	5	/* a live period reloads at most this often */

struct reports {
	struct ui	*ui;
	char		 from[11], to[11];
	int		 tab;
	int		 top;		/* first line shown */
	struct ui_view	 view;
	int		 loaded;
	int		 stale;		/* the data changed since loading */
	time_t		 loaded_at;
};

static const char *
tab_name(int t)
{
	switch (t) {
	case 0:
		return _("Queue");
	case 1:
		return _("Appeals");
	case 2:
		return _("Satisfaction");
	case 3:
		return _("Inspections");
	case 4:
		return _("Windows");
	default:
		return _("Visits");
	}
}

/* A tab's key action: the visits' came later than the others'. */
static enum ui_action
tab_action(int t)
{
	return t == 5 ? UA_TAB6 : (enum ui_action)(UA_TAB1 + t);
}

/* A tab's key label (the key bar's word for it). */
static const char *
tab_brief(int t)
{
	for (const struct ui_binding *k = reports_keys; k->action != UA_NONE;
	    k++)
		if (k->action == tab_action(t))
			return _(k->label);
	return tab_name(t);
}

/* A line in look; a table's heading is bold (its colour is the key
 * bar's).  The looks are fixed once the terminal is set up. */
static void
line_add(struct reports *r, enum ui_look look, const char *text)
{
	ui_view_add(&r->view, look == LOOK_HEADER ? A_BOLD :
	    ui_attr(r->ui, look), text);
}

static void OKNO_PRINTF(3, 4)
line_addf(struct reports *r, enum ui_look look, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	line_add(r, look, buf);
}

/* Whether s starts with three capitals, Latin or (in UTF-8) Cyrillic:
 * a table's heading, in English or translated. */
static int
three_capitals(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (int i = 0; i < 3; i++)
		if (p[0] >= 'A' && p[0] <= 'Z')
			p++;
		else if (p[0] == 0xd0 && ((p[1] >= 0x90 && p[1] <= 0xaf) ||
		    p[1] == 0x81))
			p += 2;		/* U+0410-U+042F, U+0401 */
		else
			return 0;
	return 1;
}

/*
 * The lines of a text the report module wrote.  A line after a blank one
 * is a section title; one that starts with three capitals is a table's
 * header.  skip: leading lines to leave out (the form's own heading).
 */
static void
lines_from_text(struct reports *r, const char *text, int skip)
{
	const char *p = text, *nl;
	int prev_blank = 1, n = 0;	/* the first line is a title */
	char *one;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		one = xasprintf("%.*s", nl ? (int)(nl - p) : (int)strlen(p),
		    p);
		if (n++ >= skip) {
			enum ui_look look = LOOK_NORMAL;

			if (prev_blank && one[0] != '\0')
				look = LOOK_TITLE;
			else if (three_capitals(one))
				look = LOOK_HEADER;
			/* No blank line at the very top. */
			if (one[0] != '\0' || r->view.nlines > 0)
				line_add(r, look, one);
			prev_blank = one[0] == '\0';
		}
		free(one);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* Runs fn into a memory stream and adds its lines. */
#define WITH_STREAM(r, skip, call) do {					\
	char *buf_ = NULL;						\
	size_t len_ = 0;						\
	FILE *fp = open_memstream(&buf_, &len_);			\
									\
	if (fp != NULL) {						\
		call;							\
		fclose(fp);						\
		lines_from_text((r), buf_, (skip));			\
	}								\
	free(buf_);							\
} while (0)

/* Tickets issued per hour as vertical bars of '#'. */
static void
hour_chart(struct reports *r, const struct report *rep)
{
	int64_t v[24] = { 0 }, max = 0;
	int lo = 8, hi = 19;
	char line[256];
	size_t o;

	for (size_t i = 0; i < rep->nrows; i++)
		if (rep->rows[i].group == REPORT_HOUR) {
			int h = atoi(rep->rows[i].key);

			if (h >= 0 && h < 24)
				v[h] = rep->rows[i].tickets;
		}
	for (int h = 0; h < 24; h++) {
		if (v[h] > 0 && h < lo)
			lo = h;
		if (v[h] > 0 && h > hi)
			hi = h;
		if (v[h] > max)
			max = v[h];
	}
	line_add(r, LOOK_NORMAL, "");
	line_add(r, LOOK_TITLE, _("Load by hour of issue (tickets)"));
	for (int row = 0; row < CHART_ROWS; row++) {
		/* A bar reaches this row when its height in rows, rounded
		 * up so that any ticket shows, is at least the row's. */
		int level = CHART_ROWS - row;

		if (row == 0)
			o = (size_t)snprintf(line, sizeof line, "%7lld |",
			    (long long)max);
		else
			o = (size_t)snprintf(line, sizeof line, "%7s |", "");
		for (int h = lo; h <= hi && o + 4 < sizeof line; h++) {
			int64_t units = max > 0 ? (v[h] * CHART_ROWS + max -
			    1) / max : 0;

			o += (size_t)snprintf(line + o, sizeof line - o, "%s ",
			    units >= level ? "##" : "  ");
		}
		line_add(r, LOOK_NORMAL, line);
	}
	o = (size_t)snprintf(line, sizeof line, "%7d +", 0);
	for (int h = lo; h <= hi && o + 4 < sizeof line; h++)
		o += (size_t)snprintf(line + o, sizeof line - o, "---");
	line_add(r, LOOK_NORMAL, line);
	o = (size_t)snprintf(line, sizeof line, "%9s", "");
	for (int h = lo; h <= hi && o + 4 < sizeof line; h++)
		o += (size_t)snprintf(line + o, sizeof line - o, "%02d ", h);
	line_add(r, LOOK_NORMAL, line);
}

static void
fmt_time(char *buf, size_t size, int64_t n, int64_t s)
{
	if (n == 0)
		snprintf(buf, size, "-");
	else
		ui_fmt_dur((long)s, buf, size);
}

static int
load_queue(struct reports *r, struct err *e)
{
	struct report *rep;
	const struct report_row *a;
	char p[16], t1[32], t2[32], t3[32];

	if (report_queue(ui_ctx(r->ui), r->from, r->to, &rep, e) != OKNO_OK)
		return e->code;
	a = &rep->rows[0];		/* "all" (report.h) */
	line_addf(r, LOOK_NORMAL, _("Tickets %lld, served %lld, no-shows %lld"),
	    (long long)a->tickets, (long long)a->served,
	    (long long)a->noshow);
	fmt_time(t1, sizeof t1, a->wait.n, a->wait.avg);
	fmt_time(t2, sizeof t2, a->wait.n, a->wait.median);
	fmt_time(t3, sizeof t3, a->wait.n, a->wait.p90);
	report_fmt_pct(p, sizeof p, a->wait.within_pct10);
	line_addf(r, LOOK_NORMAL, _("Wait: average %s, median %s, p90 %s, "
	    "within the norm %s%%"), t1, t2, t3, p[0] ? p : "-");
	fmt_time(t1, sizeof t1, a->service.n, a->service.avg);
	fmt_time(t2, sizeof t2, a->service.n, a->service.median);
	fmt_time(t3, sizeof t3, a->service.n, a->service.p90);
	report_fmt_pct(p, sizeof p, a->service.within_pct10);
	line_addf(r, LOOK_NORMAL, _("Service: average %s, median %s, p90 %s, "
	    "within the norm %s%%"), t1, t2, t3, p[0] ? p : "-");
	hour_chart(r, rep);
	if (a->wait.normed > 0)
		WITH_STREAM(r, 0, report_bands_text(fp, &a->wait));
	/* The tables, without the form's heading (two lines). */
	WITH_STREAM(r, 2, report_queue_text(fp, r->ui->o.cfg, rep, 0));
	report_free(rep);
	return OKNO_OK;
}

static int
load_appeals(struct reports *r, struct err *e)
{
	struct report_appeals *ra;

	if (report_appeals(ui_ctx(r->ui), r->from, r->to, &ra, e) != OKNO_OK)
		return e->code;
	WITH_STREAM(r, 0, report_appeals_text(fp, r->ui->o.cfg, ra));
	report_appeals_free(ra);
	return OKNO_OK;
}

/* The scores given, all criteria together, as horizontal bars. */
static void
score_chart(struct reports *r, const struct report_feedback_row *w)
{
	int64_t max = 0;
	char p[16], line[256];
	size_t o;

	if (w->ratings == 0)
		return;
	line_add(r, LOOK_NORMAL, "");
	line_add(r, LOOK_TITLE, _("Scores given (all criteria)"));
	for (int k = 0; k < 5; k++)
		if (w->score[k] > max)
			max = w->score[k];
	for (int k = 4; k >= 0; k--) {
		int len = (int)report_round_div(w->score[k] * 40, max);

		report_fmt_pct(p, sizeof p, report_pct10(w->score[k],
		    w->ratings));
		o = (size_t)snprintf(line, sizeof line, "  %d %9lld %6s  ",
		    k + 1, (long long)w->score[k], p);
		for (int i = 0; i < len && o + 1 < sizeof line; i++)
			line[o++] = '#';
		line[o] = '\0';
		line_add(r, LOOK_NORMAL, line);
	}
}

static int
load_feedback(struct reports *r, struct err *e)
{
	struct report_feedback *rf;

	if (report_feedback(ui_ctx(r->ui), r->from, r->to, &rf, e) !=
	    OKNO_OK)
		return e->code;
	WITH_STREAM(r, 0, report_feedback_text(fp, r->ui->o.cfg, rf));
	/* The all group's csi row ends its criteria. */
	for (size_t i = 0; i < rf->nrows; i++)
		if (strcmp(rf->rows[i].criterion, REPORT_CSI) == 0) {
			score_chart(r, &rf->rows[i]);
			break;
		}
	report_feedback_free(rf);
	return OKNO_OK;
}

static int
load_inspections(struct reports *r, struct err *e)
{
	struct report_inspections *ri;
	struct catalogue *cat = NULL;
	struct inspection *v;
	struct err ce;
	char p[16], kind[64];
	size_t n;
	int kw = 16;		/* the kinds' column: the longest label */

	/* Without the catalogue the figures stand, without titles. */
	if (catalogue_load(r->ui->o.cfg, &cat, &ce) != OKNO_OK)
		ui_status_err(r->ui, &ce);
	if (report_inspections(ui_ctx(r->ui), cat, r->from, r->to, &ri, e) !=
	    OKNO_OK) {
		catalogue_free(cat);
		return e->code;
	}
	WITH_STREAM(r, 0, report_inspections_text(fp, cat, ri));
	report_inspections_free(ri);
	catalogue_free(cat);
	if (inspection_list(ui_ctx(r->ui), r->from, r->to, &v, &n, e) !=
	    OKNO_OK)
		return e->code;
	line_add(r, LOOK_NORMAL, "");
	line_add(r, LOOK_TITLE, _("Inspections in the period"));
	if (n == 0)
		line_add(r, LOOK_NORMAL, _("none"));
	for (int k = 0; k < INSPECTION_NKINDS; k++)
		if ((int)utf8_len(inspection_kind_label((enum inspection_kind)
		    k)) > kw)
			kw = (int)utf8_len(inspection_kind_label(
			    (enum inspection_kind)k));
	for (size_t i = 0; i < n; i++) {
		report_fmt_pct(p, sizeof p, report_pct10(v[i].met, v[i].met +
		    v[i].not_met));
		line_addf(r, LOOK_NORMAL, _("%5lld  %s  %-16s met %lld, not "
		    "met %lld, n/a %lld  %s%%  %s"), (long long)v[i].id,
		    v[i].date, utf8_pad(kind, sizeof kind,
		    inspection_kind_label(v[i].kind), -kw), (long long)v[i].met,
		    (long long)v[i].not_met, (long long)v[i].na,
		    p[0] ? p : "-", v[i].inspector);
	}
	inspection_list_free(v, n);
	return OKNO_OK;
}

static int
load_windows(struct reports *r, struct err *e)
{
	struct report_windows *rw;

	if (report_windows(ui_ctx(r->ui), r->from, r->to, &rw, e) != OKNO_OK)
		return e->code;
	WITH_STREAM(r, 0, report_windows_text(fp, r->ui->o.cfg, rw));
	report_windows_free(rw);
	return OKNO_OK;
}

/* The bookings section (report-bookings.c), as report_text shows it:
 * only for an office that takes bookings or a period that has some. */
static int
load_bookings(struct reports *r, struct err *e)
{
	struct report_bookings *rb;

	if (report_bookings(ui_ctx(r->ui), r->from, r->to, &rb, e) !=
	    OKNO_OK)
		return e->code;
	if (r->ui->o.cfg->bookings.set || rb->rows[0].bookings > 0)
		WITH_STREAM(r, 0, report_bookings_text(fp, r->ui->o.cfg, rb));
	report_bookings_free(rb);
	return OKNO_OK;
}

static int
load_visits(struct reports *r, struct err *e)
{
	struct report_visits *rv;

	if (report_visits(ui_ctx(r->ui), r->from, r->to, &rv, e) != OKNO_OK)
		return e->code;
	WITH_STREAM(r, 0, report_visits_text(fp, r->ui->o.cfg, rv));
	report_visits_free(rv);
	return load_bookings(r, e);
}

static void
reports_load(struct ui *ui, struct reports *r)
{
	struct err e;
	int rc;

	err_clear(&e);
	ui_view_clear(&r->view);
	switch (r->tab) {
	case 0:
		rc = load_queue(r, &e);
		break;
	case 1:
		rc = load_appeals(r, &e);
		break;
	case 2:
		rc = load_feedback(r, &e);
		break;
	case 3:
		rc = load_inspections(r, &e);
		break;
	case 4:
		rc = load_windows(r, &e);
		break;
	default:
		rc = load_visits(r, &e);
		break;
	}
	if (rc != OKNO_OK)
		ui_status_err(ui, &e);
	r->loaded = 1;
	r->stale = 0;
	r->loaded_at = ui_now(ui);
}

/* Last month, branch-local: the default period. */
static void
last_month(struct ui *ui, char *from, char *to)
{
	char today[16];
	int y, m, d;
	long first;

	time_format_date(ui_now(ui), today, sizeof today);
	date_parse(today, &y, &m, &d);
	/* The day before this month's first is last month's last. */
	first = calendar_day_number(y, m, 1);
	calendar_from_day_number(first - 1, &y, &m, &d);
	snprintf(to, 11, "%04d-%02d-%02d", y, m, d);
	snprintf(from, 11, "%04d-%02d-01", y, m);
}

/*
 * The period the screen opens on: one with data.  Today when tickets were
 * issued today; else last month (the monthly report) when it had some;
 * else the last day that had some; last month when there never were any
 * (appeals and inspections may still be there).
 */
static void
first_period(struct ui *ui, struct reports *r)
{
	char today[16], day[16], month_day[16];
	struct err e;

	err_clear(&e);
	time_format_date(ui_now(ui), today, sizeof today);
	last_month(ui, r->from, r->to);
	if (report_last_day(ui_ctx(ui), NULL, day, sizeof day, &e) !=
	    OKNO_OK)
		return;
	if (strcmp(day, today) != 0 && report_last_day(ui_ctx(ui), r->to,
	    month_day, sizeof month_day, &e) == OKNO_OK &&
	    strcmp(month_day, r->from) >= 0)
		return;
	strlcpy_(r->from, day, sizeof r->from);
	strlcpy_(r->to, day, sizeof r->to);
}

static int
reports_init(struct ui *ui, void **stp, const void *arg)
{
	struct reports *r;

	(void)arg;
	/* Reports are the head of office's (and the auditor's). */
	if (!ui_may(ui, AUTH_VIEW_HALL))
		return -1;
	r = xcalloc(1, sizeof *r);
	r->ui = ui;
	first_period(ui, r);
	*stp = r;
	return 0;
}

/* Body rows above the lines: the tabs and a rule. */
#define TOP_ROWS	2

/* A line, its runs of '#' drawn as bars. */
static void
draw_line(struct ui *ui, int y, const struct ui_view_line *l)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), x = 1;
	attr_t bar = ui_attr(ui, LOOK_OK) | A_REVERSE;
	attr_t a = l->at;
	const char *p = l->text, *q;
	char *run;

	ui_text(b, y, 0, 1, A_NORMAL, "");
	while (*p != '\0' && x < w - 1) {
		for (q = p; *q != '\0' && (*q == '#') == (*p == '#'); q++)
			;
		run = xasprintf("%.*s", (int)(q - p), p);
		x += ui_text(b, y, x, ui_width(run), *p == '#' ? bar : a, run);
		free(run);
		p = q;
	}
	if (x < w)
		ui_text(b, y, x, w - x, A_NORMAL, "");
}

static void
reports_draw_lines(struct ui *ui, struct reports *r)
{
	WINDOW *b = ui->body;
	int h = getmaxy(b) - TOP_ROWS, w = getmaxx(b);
	char pos[64];

	ui_view_top(&r->view, &r->top, h);
	for (int i = 0; i < h; i++) {
		int k = r->top + i;

		if (k < r->view.nlines)
			draw_line(ui, TOP_ROWS + i, &r->view.lines[k]);
		else
			ui_text(b, TOP_ROWS + i, 0, w, A_NORMAL, "");
	}
	/* Where the view is, on the rule. */
	mvwhline(b, 1, 0, ACS_HLINE, w);
	if (r->view.nlines > h) {
		snprintf(pos, sizeof pos, _(" lines %d-%d of %zu "),
		    r->top + 1, r->top + h < r->view.nlines ? r->top + h :
		    r->view.nlines, (size_t)r->view.nlines);
		ui_text(b, 1, w - ui_width(pos) - 2, ui_width(pos), A_NORMAL,
		    pos);
	}
}

static void
reports_draw_tabs(struct ui *ui, struct reports *r)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), x = 1, need = 1, brief, sep = 1;
	char period[64], t[64];

	snprintf(period, sizeof period, "%s .. %s", r->from, r->to);
	/* Too narrow for the tabs' names and the period: their keys'
	 * labels, which are short. */
	for (int i = 0; i < NTABS; i++)
		need += ui_width(tab_name(i)) + 3;
	brief = need + ui_width(period) + 1 > w;
	/* Six tabs and the period fill 80 columns: no blank between the
	 * tabs when that is what the period needs. */
	if (brief) {
		need = 1;
		for (int i = 0; i < NTABS; i++)
			need += ui_width(tab_brief(i)) + 3;
		sep = need + ui_width(period) + 1 <= w;
	}
	for (int i = 0; i < NTABS && x < w; i++) {
		snprintf(t, sizeof t, " %s ", brief ? tab_brief(i) :
		    tab_name(i));
		x += ui_text(b, 0, x, ui_width(t), i == r->tab ?
		    ui_attr(ui, LOOK_SELECT) : A_NORMAL, t);
		if (sep && x < w)
			x += ui_text(b, 0, x, 1, A_NORMAL, " ");
	}
	if (x < w - 1)
		ui_right(b, 0, x, w - x - 1, ui_attr(ui, LOOK_TITLE), period);
}

static void
reports_draw(struct ui *ui, void *st, unsigned what)
{
	struct reports *r = st;

	/* A period that takes in today follows the data, but a busy office
	 * commits every few seconds: reload at most every RELOAD_S. */
	if ((what & UI_DRAW_DATA) && r->loaded) {
		char today[16];

		time_format_date(ui_now(ui), today, sizeof today);
		if (strcmp(r->to, today) >= 0)
			r->stale = 1;
	}
	if (!r->loaded || (r->stale && ui_now(ui) - r->loaded_at >=
	    RELOAD_S)) {
		reports_load(ui, r);
		what |= UI_DRAW_ALL;
	}
	if (what & UI_DRAW_ALL) {
		reports_draw_tabs(ui, r);
		reports_draw_lines(ui, r);
	}
}

static void
reports_set_tab(struct ui *ui, struct reports *r, int tab)
{
	r->tab = (tab + NTABS) % NTABS;
	r->top = 0;
	r->loaded = 0;
	ui->dirty |= UI_DRAW_ALL;
}

/* The period form's check: two dates in order, or the one to correct. */
static int
reports_period_try(void *arg, struct ui_field *f, struct err *e)
{
	(void)arg;
	if (report_period_check(f[0].value, f[1].value, e) == OKNO_OK)
		return OKNO_OK;
	/* The first that is no date, or the end before the start. */
	if (report_period_check(f[0].value, f[0].value, e) != OKNO_OK)
		f[0].bad = 1;
	else
		f[1].bad = 1;
	return report_period_check(f[0].value, f[1].value, e);
}

static void
reports_period(struct ui *ui, struct reports *r)
{
	struct ui_field f[2];

	memset(f, 0, sizeof f);
	f[0].label = _("From");
	f[0].width = 10;
	ui_field_set(&f[0], r->from);
	f[1].label = _("To");
	f[1].width = 10;
	ui_field_set(&f[1], r->to);
	/* A wrong date keeps the form open at it, as typed. */
	if (!ui_form_check(ui, _("Report period"), f, 2, _("dates as "
	    "YYYY-MM-DD, both included"), reports_period_try, NULL)) {
		ui_fields_free(f, 2);
		return;
	}
	strlcpy_(r->from, f[0].value, sizeof r->from);
	strlcpy_(r->to, f[1].value, sizeof r->to);
	ui_fields_free(f, 2);
	reports_set_tab(ui, r, r->tab);
}

/* What a try at saving needs, and what it gives back. */
struct reports_save_try {
	struct ui		*ui;
	struct reports	*r;
	const char		*dir;
	char			*path;		/* the file written */
};

/* The form's check: saves under the name typed, or says why not. */
static int
reports_save_try(void *arg, struct ui_field *f, struct err *e)
{
	struct reports_save_try *t = arg;
	struct catalogue *cat = NULL;
	struct err ce;
	int rc;

	/* Without the catalogue the figures stand, without titles. */
	if (catalogue_load(t->ui->o.cfg, &cat, &ce) != OKNO_OK)
		cat = NULL;
	rc = report_save(ui_ctx(t->ui), cat, t->r->from, t->r->to,
	    REPORT_SEC_ALL, t->dir, f[0].value, &t->path, e);
	catalogue_free(cat);
	if (rc != OKNO_OK) {
		/* The message line says it was not saved, and why. */
		char msg[sizeof e->msg];

		strlcpy_(msg, e->msg, sizeof msg);
		err_set(e, rc, _("not saved: %s"), msg);
	}
	return rc;
}

/*
 * Saves the whole printable form as a new file in the reports folder
 * (okno.conf(5) reports; by default beside the database).  The user only
 * names the file: no path, no overwriting, no link followed (file.h).
 */
static void
reports_save(struct ui *ui, struct reports *r)
{
	struct ui_field f[1];
	struct reports_save_try t;
	char *dir, *note, name[256];

	dir = config_reports_dir(ui->o.cfg, db_path(ui->o.db));
	memset(&t, 0, sizeof t);
	t.ui = ui;
	t.r = r;
	t.dir = dir;
	memset(f, 0, sizeof f);
	f[0].label = _("File name");
	f[0].width = 40;
	f[0].max = FILE_NAME_MAX;
	report_file_name(name, sizeof name, r->from, r->to);
	ui_field_set(&f[0], name);
	note = xasprintf(_("saved in %s; a name already there gets -2, -3"),
	    dir);
	if (ui_form_check(ui, _("Save the report as text"), f, 1, note,
	    reports_save_try, &t))
		ui_status(ui, LOOK_OK, _("saved to %s"), t.path);
	ui_fields_free(f, 1);
	free(t.path);
	free(note);
	free(dir);
}

static void
reports_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct reports *r = st;
	int page = getmaxy(ui->body) - TOP_ROWS - 1, old = r->top, key;

	switch (k->action) {
	case UA_PERIOD:
		reports_period(ui, r);
		return;
	case UA_TODAY:
		time_format_date(ui_now(ui), r->from, sizeof r->from);
		strlcpy_(r->to, r->from, sizeof r->to);
		reports_set_tab(ui, r, r->tab);
		return;
	case UA_SAVE:
		reports_save(ui, r);
		return;
	case UA_TAB1:
	case UA_TAB2:
	case UA_TAB3:
	case UA_TAB4:
	case UA_TAB5:
		reports_set_tab(ui, r, (int)(k->action - UA_TAB1));
		return;
	case UA_TAB6:
		reports_set_tab(ui, r, 5);
		return;
	case UA_EXIT:
		ui_pop(ui);
		return;
	default:
		break;
	}
	if (k->type == KEY_CODE_YES) {
		switch (k->ch) {
		case KEY_LEFT:
		case KEY_BTAB:
			reports_set_tab(ui, r, r->tab - 1);
			return;
		case KEY_RIGHT:
			reports_set_tab(ui, r, r->tab + 1);
			return;
		}
		key = (int)k->ch;
	} else if (k->ch == '\t') {
		reports_set_tab(ui, r, r->tab + 1);
		return;
	} else
		key = k->ch == ' ' ? KEY_NPAGE : 0;
	if (!ui_scroll(key, &r->top, page, r->view.nlines))
		return;
	if (r->top != old)
		reports_draw_lines(ui, r);
}

static void
reports_free(void *st)
{
	struct reports *r = st;

	ui_view_free(&r->view);
	free(r);
}

const struct screen reports_screen = {
	.name = "report", .keys = reports_keys,
	.common = UI_C_HELP | UI_C_BACK | UI_C_LOCK,
	.init = reports_init, .draw = reports_draw, .key = reports_key,
	.free = reports_free,
};
