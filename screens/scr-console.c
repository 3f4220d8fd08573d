/* scr-console.c: the manager console of one window: the current ticket and
 * its time against the service norm, what waits for this window, and the
 * actions on the queue.  Every action is a model call (queue.c checks the
 * role); the screen only shows the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "office.h"
#include "rating.h"
#include "scr-visit.h"
#include "ui-int.h"

static const struct ui_binding console_keys[] = {
	{ 2, "2c", UA_CALL, N_("Call"), N_("call the next ticket (finishes "
	    "the current one)") },
	{ 3, "3r", UA_RECALL, N_("Recall"), N_("call the current ticket "
	    "again") },
	{ 4, "4f", UA_FINISH, N_("Finish"), N_("finish the visit") },
	{ 5, "5n", UA_NOSHOW, N_("NoShow"), N_("the client did not come") },
	{ 6, "6t", UA_TRANSFER, N_("Transf"), N_("send the client to another "
	    "service") },
	{ 7, "7p", UA_POSTPONE, N_("Postpn"), N_("postpone the ticket for some "
	    "minutes") },
	{ 8, "8s", UA_PAUSE, N_("Pause"), N_("pause the window with a reason, "
	    "or resume it") },
	{ 9, "9e", UA_RATE, N_("Rate"), N_("record the client's rating of the "
	    "last visit") },
	{ 10, "0q", UA_EXIT, N_("Exit"), N_("close the window and leave") },
	{ 0, "a", UA_APPEAL, N_("Appeal"), N_("register an appeal with the "
	    "ticket linked") },
	{ 0, "o", UA_APPEALS, N_("Appeals"), N_("the appeals register: "
	    "list, filters, detail, status changes") },
	/* No F-key: the bar is full at 80 columns. */
	{ 0, "u", UA_UNDO, N_("Undo"), N_("take back the last finish or "
	    "no-show: the client is in service again") },
	{ 0, "k", UA_ACCOUNT, N_("Account"), N_("the client's account: "
	    "their visits and open appeals") },
	{ 0, "b", UA_NEW, N_("Bookings"), N_("bookings: the day's list, "
	    "book a client by phone or at the desk, cancel") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

struct console {
	struct ui		*ui;
	int			 window;
	const struct config_window *cw;
	struct window_info	 wi;
	struct queue_stat	*qs;
	struct ticket		 last;		/* the last visit ended here */
	int			 have_last;
	int			 loaded;
	int			 opened;	/* we opened the window */
	char			 appeal_ticket[16];
	long			 sched_min;	/* minute last scheduled */
	struct queue_away	 away[8];	/* postponed here, still away */
	size_t			 naway;		/* all of them, may be more */
	struct scr_visit	 visit;		/* the client in service */
};

static const struct config_service *
svc_of(struct ui *ui, const char *code)
{
	return config_service(ui->o.cfg, code);
}

static const char *
svc_name(struct ui *ui, const char *code)
{
	const struct config_service *s = svc_of(ui, code);

	return s != NULL ? s->name : code;
}

static int
console_init(struct ui *ui, void **stp, const void *arg)
{
	const int *window = arg;
	struct console *c;
	struct err e;

	err_clear(&e);
	if (!ui_may(ui, AUTH_WORK_WINDOW))
		return -1;
	if (window == NULL || config_window(ui->o.cfg, *window) == NULL) {
		ui_status(ui, LOOK_WARN, _("no window %d in the configuration"),
		    window ? *window : 0);
		return -1;
	}
	/* Opening takes the window for this user and this console; the
	 * model refuses a window another manager has open, and a second
	 * console of a manager who works at a window already. */
	if (queue_window_console(ui_ctx(ui), *window, ui->login,
	    (long)getpid(), &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return -1;
	}
	ui_changed(ui);
	c = xcalloc(1, sizeof *c);
	c->ui = ui;
	c->window = *window;
	c->cw = config_window(ui->o.cfg, *window);
	c->qs = xcalloc(ui->o.cfg->nservices, sizeof *c->qs);
	c->opened = 1;
	*stp = c;
	return 0;
}

static void
console_load(struct ui *ui, struct console *c)
{
	struct err e;

	err_clear(&e);
	if (queue_window(ui_ctx(ui), c->window, &c->wi, &e) != OKNO_OK ||
	    queue_stats(ui_ctx(ui), c->qs, &e) != OKNO_OK ||
	    queue_postponed(ui_ctx(ui), c->window, c->away, nitems(c->away),
	    &c->naway, &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return;
	}
	c->loaded = 1;
	scr_visit_load(ui, &c->visit, c->wi.state == WINDOW_SERVING ?
	    &c->wi.ticket : NULL);
}

/* Fixed rows of the layout (body-relative). */
#define ROW_TITLE	0
#define ROW_TICKET	2
#define ROW_SERVICE	3
#define ROW_TIME	4
#define ROW_ALERT	5
#define ROW_BREAK	6
#define ROW_QHEAD	7
#define ROW_QUEUE	8
#define COL_VALUE	16

static void
console_draw_static(struct ui *ui, struct console *c)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b);

	ui_textf(b, ROW_TITLE, 1, w / 2, ui_attr(ui, LOOK_TITLE),
	    _("Window %d"), c->window);
	mvwhline(b, ROW_TITLE + 1, 0, ACS_HLINE, w);
	ui_text(b, ROW_TICKET, 1, COL_VALUE - 1, A_NORMAL, _("Ticket"));
	ui_text(b, ROW_SERVICE, 1, COL_VALUE - 1, A_NORMAL, _("Service"));
	ui_text(b, ROW_TIME, 1, COL_VALUE - 1, A_NORMAL, _("In service"));
	ui_text(b, ROW_QHEAD, 1, w - 24, ui_attr(ui, LOOK_TITLE),
	    _("Waiting for this window"));
	ui_text(b, ROW_QHEAD, w - 23, 9, ui_attr(ui, LOOK_TITLE),
	    _("Waiting"));
	ui_text(b, ROW_QHEAD, w - 13, 12, ui_attr(ui, LOOK_TITLE),
	    _("Longest"));
}

/* A pause reason as people read it: the configured name of its code. */
static const char *
reason_name(struct ui *ui, const char *code)
{
	const struct config_pause_reason *r = config_pause_reason(ui->o.cfg,
	    code);

	if (r != NULL && r->name != NULL)
		return r->name;
	if (strcmp(code, "lunch") == 0)
		return _("Lunch");
	return code;
}

/*
 * The window's break, on the line above the queue: the coming one with
 * the minutes left, one that waits for the visit to end, or the one the
 * window is in.  Nothing when there is no break today, or it is over.
 */
static void
console_draw_break(struct ui *ui, struct console *c)
{
	WINDOW *b = ui->body;
	struct queue_lunch ql;
	char s1[8], s2[8], buf[160];
	time_t now = ui_now(ui);
	enum ui_look look = LOOK_NORMAL;

	buf[0] = '\0';
	if (c->wi.state == WINDOW_PAUSED && c->wi.lunch_until != 0) {
		ui_fmt_hm(c->wi.lunch_until, s2, sizeof s2);
		snprintf(buf, sizeof buf, _("%s until %s (F8 resumes now)"),
		    reason_name(ui, "lunch"), s2);
		look = LOOK_WARN;
	} else if (queue_lunch_today(ui->o.cfg, c->window, now, &ql)) {
		ui_fmt_hm(ql.start, s1, sizeof s1);
		ui_fmt_hm(ql.end, s2, sizeof s2);
		if (now < ql.start)
			snprintf(buf, sizeof buf, _("%s %s-%s, in %ld min"),
			    reason_name(ui, "lunch"), s1, s2,
			    (long)((ql.start - now + 59) / 60));
		else if (c->wi.state == WINDOW_SERVING)
			snprintf(buf, sizeof buf, _("%s %s-%s: after this "
			    "visit"), reason_name(ui, "lunch"), s1, s2);
		if (now >= ql.start - 10 * 60)
			look = LOOK_WARN;
	}
	ui_text(b, ROW_BREAK, 1, getmaxx(b) - 2, ui_attr(ui, look), buf);
}

/*
 * The clock's part of the scheduled lunch: once a minute (a break starts
 * and ends on a minute), bring the windows up to date; the model writes
 * only when something is due, and then the screen and boards follow.
 */
static void
console_schedule(struct ui *ui, struct console *c)
{
	struct err e;
	long min = (long)(ui_now(ui) / 60);

	if (min == c->sched_min || ui->o.cfg->nlunches == 0)
		return;
	c->sched_min = min;
	err_clear(&e);
	switch (queue_window_schedule(ui_ctx(ui), &e)) {
	case OKNO_OK:
		ui_changed(ui);
		break;
	case OKNO_NONE:
		break;
	default:
		ui_status_err(ui, &e);
		break;
	}
}

/* The parts that move with the clock: the service time and its alert. */
static void
console_draw_time(struct ui *ui, struct console *c)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b);
	char dur[32], buf[128], hm[8];
	long el;
	const struct config_service *s;
	int over;

	if (c->wi.state != WINDOW_SERVING) {
		ui_text(b, ROW_TIME, COL_VALUE, w - COL_VALUE, A_NORMAL, "");
		ui_text(b, ROW_ALERT, 1, w - 2, A_NORMAL, "");
		return;
	}
	s = svc_of(ui, c->wi.ticket.service);
	el = (long)(ui_now(ui) - c->wi.ticket.called_at);
	over = s != NULL && el > s->service_norm * 60L;
	ui_fmt_dur(el, dur, sizeof dur);
	ui_fmt_hm(c->wi.ticket.called_at, hm, sizeof hm);
	/* The time alone changes each second: keep it at a fixed place. */
	ui_text(b, ROW_TIME, COL_VALUE, 9, ui_attr(ui, over ? LOOK_URGENT :
	    LOOK_TITLE), dur);
	snprintf(buf, sizeof buf, _("called %s, norm %d min"), hm,
	    s ? s->service_norm : 0);
	ui_text(b, ROW_TIME, COL_VALUE + 10, w - COL_VALUE - 11, A_NORMAL,
	    buf);
	if (over)
		ui_textf(b, ROW_ALERT, 1, w - 2, ui_attr(ui, LOOK_URGENT),
		    _(" ! over the service norm by %ld min "),
		    (el - s->service_norm * 60L + 59) / 60);
	else
		ui_text(b, ROW_ALERT, 1, w - 2, A_NORMAL, "");
}

/*
 * The tickets this window postponed, with their return times, on one
 * line: "Postponed: A017 until 10:45, B003 until 11:00 +2".  One line
 * that changes only when a ticket leaves or comes back, so a call costs
 * the terminal nothing here.
 */
static void
console_draw_away(struct ui *ui, struct console *c, int row)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b) - 2;
	char buf[256], item[64], more[16], hm[8];
	size_t len, i, shown = c->naway < nitems(c->away) ? c->naway :
	    nitems(c->away);

	buf[0] = '\0';
	if (c->naway > 0)
		snprintf(buf, sizeof buf, _("Postponed:"));
	for (i = 0; i < shown; i++) {
		ui_fmt_hm(c->away[i].return_at, hm, sizeof hm);
		snprintf(item, sizeof item, _("%s until %s"),
		    c->away[i].number, hm);
		snprintf(more, sizeof more, " +%zu", c->naway - i - 1);
		len = strlen(buf);
		/* Columns, not bytes: the labels are Cyrillic. */
		if (ui_width(buf) + 2 + ui_width(item) +
		    (i + 1 < c->naway ? (int)strlen(more) : 0) > w)
			break;
		snprintf(buf + len, sizeof buf - len, "%s %s", i ? "," : "",
		    item);
	}
	if (i < c->naway) {
		len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, " +%zu", c->naway - i);
	}
	ui_text(b, row, 1, w, A_NORMAL, buf);
}

static void
console_draw_data(struct ui *ui, struct console *c)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), h = getmaxy(b), row = ROW_QUEUE, total = 0;
	long longest = 0;
	char state[160], buf[160];

	switch (c->wi.state) {
	case WINDOW_SERVING:
		snprintf(state, sizeof state, "%s", _("serving"));
		break;
	case WINDOW_FREE:
		snprintf(state, sizeof state, "%s", _("free"));
		break;
	case WINDOW_PAUSED:
		snprintf(state, sizeof state, _("paused: %s"),
		    reason_name(ui, c->wi.reason));
		break;
	case WINDOW_CLOSED:
	default:
		snprintf(state, sizeof state, "%s", _("closed"));
		break;
	}
	ui_right(b, ROW_TITLE, w / 2, w - w / 2 - 1,
	    ui_attr(ui, c->wi.state == WINDOW_PAUSED ? LOOK_WARN : LOOK_TITLE),
	    state);
	if (c->wi.state == WINDOW_SERVING) {
		snprintf(buf, sizeof buf, "%s%s", c->wi.ticket.number,
		    c->wi.ticket.priority ? _("  (priority)") : "");
		ui_text(b, ROW_TICKET, COL_VALUE, w - COL_VALUE,
		    ui_attr(ui, LOOK_TITLE), buf);
		ui_text(b, ROW_SERVICE, COL_VALUE, w - COL_VALUE, A_NORMAL,
		    svc_name(ui, c->wi.ticket.service));
	} else {
		ui_text(b, ROW_TICKET, COL_VALUE, w - COL_VALUE, A_NORMAL,
		    "-");
		ui_text(b, ROW_SERVICE, COL_VALUE, w - COL_VALUE, A_NORMAL,
		    "");
	}
	for (size_t i = 0; i < c->cw->nservices && row < h - 2; i++, row++) {
		int si = c->cw->services[i];
		const struct config_service *s = &ui->o.cfg->services[si];
		const struct queue_stat *q = &c->qs[si];
		int breach = q->waiting > 0 &&
		    q->longest_wait_s > s->wait_norm * 60L;

		snprintf(buf, sizeof buf, "%s  %s", s->prefix, s->name);
		ui_text(b, row, 1, w - 25, A_NORMAL, buf);
		ui_textf(b, row, w - 23, 9, A_NORMAL, "%7d", q->waiting);
		if (q->waiting > 0)
			snprintf(buf, sizeof buf, _("%ld min"),
			    q->longest_wait_s / 60);
		else
			buf[0] = '\0';
		ui_textf(b, row, w - 13, 12, ui_attr(ui, breach ? LOOK_URGENT :
		    LOOK_NORMAL), "%s%s", breach ? "!" : " ", buf);
		total += q->waiting;
		if (q->longest_wait_s > longest)
			longest = q->longest_wait_s;
	}
	if (row < h - 1) {
		ui_text(b, row, 1, w - 25, A_BOLD, _("Total"));
		ui_textf(b, row, w - 23, 9, A_BOLD, "%7d", total);
		ui_text(b, row, w - 13, 12, A_NORMAL, "");
		row++;
	}
	/* The client in service, under the queue; the line of the
	 * postponed tickets (h - 2) and the last line stay below it. */
	if (row + 1 < h - 2)
		row += scr_visit_draw(ui, &c->visit, b, row + 1, h - row - 3,
		    w);
	if (row < h - 1)
		console_draw_away(ui, c, h - 2);
	if (c->have_last && row + 1 < h) {
		snprintf(buf, sizeof buf, _("Last visit: %s (%s), F9 to rate, "
		    "a for an appeal"), c->last.number,
		    svc_name(ui, c->last.service));
		ui_text(b, h - 1, 1, w - 2, A_NORMAL, buf);
	} else if (ui->o.cfg->bookings.set)
		/* The key bar is full: the bookings' key is said here. */
		ui_text(b, h - 1, 1, w - 2, ui_attr(ui, LOOK_DIM),
		    _("b: bookings (the day's list, book by phone)"));
	else
		ui_text(b, h - 1, 1, w - 2, A_NORMAL, "");
}

static void
console_draw(struct ui *ui, void *st, unsigned what)
{
	struct console *c = st;

	if (what & UI_DRAW_ALL)
		console_draw_static(ui, c);
	console_schedule(ui, c);
	if ((what & (UI_DRAW_DATA | UI_DRAW_ALL)) || !c->loaded ||
	    (ui->dirty & UI_DRAW_DATA)) {
		ui->dirty &= ~(unsigned)UI_DRAW_DATA;
		console_load(ui, c);
		console_draw_data(ui, c);
	}
	console_draw_time(ui, c);
	console_draw_break(ui, c);
}

/* After an action: the result on the message line, the data again. */
static void
console_done(struct ui *ui, int rc, const struct err *e, const char *okmsg)
{
	if (rc == OKNO_OK) {
		ui_status(ui, LOOK_OK, "%s", okmsg);
		ui_changed(ui);
	} else if (rc == OKNO_NONE) {
		ui_status(ui, LOOK_NORMAL, "%s", e->msg);
		ui_changed(ui);
	} else
		ui_status_err(ui, e);
}

static void
console_transfer(struct ui *ui, struct console *c)
{
	const struct config *cfg = ui->o.cfg;
	const char **labels;
	char **own;
	struct ticket t;
	struct err e;
	char msg[128];
	int i, rc;

	if (c->wi.state != WINDOW_SERVING) {
		ui_status(ui, LOOK_WARN, "%s", _("no ticket in service"));
		return;
	}
	labels = xcalloc(cfg->nservices, sizeof *labels);
	own = xcalloc(cfg->nservices, sizeof *own);
	for (size_t k = 0; k < cfg->nservices; k++) {
		own[k] = xasprintf("%s  %s", cfg->services[k].prefix,
		    cfg->services[k].name);
		labels[k] = own[k];
	}
	i = ui_choose(ui, _("Transfer to service"), labels,
	    (int)cfg->nservices, 0);
	for (size_t k = 0; k < cfg->nservices; k++)
		free(own[k]);
	free(own);
	free(labels);
	if (i < 0)
		return;
	err_clear(&e);
	rc = queue_transfer(ui_ctx(ui), c->window, cfg->services[i].code, &t,
	    &e);
	snprintf(msg, sizeof msg, _("%s transferred"), t.number);
	console_done(ui, rc, &e, msg);
}

static void
console_postpone(struct ui *ui, struct console *c)
{
	struct ui_field f[1];
	struct ticket t;
	struct err e;
	char msg[128];
	int rc;

	if (c->wi.state != WINDOW_SERVING) {
		ui_status(ui, LOOK_WARN, "%s", _("no ticket in service"));
		return;
	}
	memset(f, 0, sizeof f);
	f[0].label = _("Minutes");
	f[0].width = 4;
	f[0].flags = UI_F_DIGITS;
	ui_field_set(&f[0], "10");
	if (!ui_form(ui, _("Postpone the ticket"), f, 1, NULL)) {
		ui_fields_free(f, 1);
		return;
	}
	err_clear(&e);
	rc = queue_postpone(ui_ctx(ui), c->window, atoi(f[0].value), &t, &e);
	ui_fields_free(f, 1);
	snprintf(msg, sizeof msg, _("%s postponed"), t.number);
	console_done(ui, rc, &e, msg);
}

/*
 * Pause: with pause_reasons configured, the reason from their list, then
 * an optional note; without, the reason as text.  On a paused window the
 * key resumes it (okno's lunch pause too: the manager is back early).
 */
static void
console_pause(struct ui *ui, struct console *c)
{
	const struct config *cfg = ui->o.cfg;
	struct ui_field f[1];
	const char **labels;
	const char *code = NULL;
	struct err e;
	int rc, i;

	err_clear(&e);
	if (c->wi.state == WINDOW_PAUSED) {
		rc = queue_window_resume(ui_ctx(ui), c->window, &e);
		console_done(ui, rc, &e, _("window resumed"));
		return;
	}
	if (c->wi.state == WINDOW_SERVING) {
		ui_status(ui, LOOK_WARN, _("finish %s before a pause"),
		    c->wi.ticket.number);
		return;
	}
	if (cfg->npause_reasons > 0) {
		labels = xcalloc(cfg->npause_reasons, sizeof *labels);
		for (size_t k = 0; k < cfg->npause_reasons; k++)
			labels[k] = cfg->pause_reasons[k].name != NULL ?
			    cfg->pause_reasons[k].name :
			    cfg->pause_reasons[k].code;
		i = ui_choose(ui, _("Pause: the reason"), labels,
		    (int)cfg->npause_reasons, 0);
		free(labels);
		if (i < 0)
			return;
		code = cfg->pause_reasons[i].code;
	}
	memset(f, 0, sizeof f);
	f[0].label = code != NULL ? _("Note") : _("Reason");
	f[0].width = 30;
	f[0].max = code != NULL ? QUEUE_NOTE_MAX : 64;
	if (!ui_form(ui, code != NULL ? reason_name(ui, code) :
	    _("Pause the window"), f, 1, code != NULL ? _("a note if "
	    "needed; Enter pauses") : NULL)) {
		ui_fields_free(f, 1);
		return;
	}
	if (code != NULL)
		rc = queue_window_pause_note(ui_ctx(ui), c->window, code,
		    f[0].value, &e);
	else
		rc = queue_window_pause(ui_ctx(ui), c->window, f[0].value, &e);
	ui_fields_free(f, 1);
	console_done(ui, rc, &e, _("window paused"));
}

/* The box that tells the manager which question the keypad shows. */
struct kpbox {
	struct ui_box	 box;
	struct ui	*ui;
	int		 q;		/* the question asked, 0-based */
};

static void
kp_place(struct ui *ui, struct ui_box *b)
{
	struct kpbox *k = (struct kpbox *)b;
	const struct config *cfg = ui->o.cfg;
	int w = getmaxx(b->win);

	if (k->q < 0 || (size_t)k->q >= cfg->ncriteria)
		return;
	ui_textf(b->win, 2, 2, w - 4, A_NORMAL, _("Question %d of %d:"),
	    k->q + 1, (int)cfg->ncriteria);
	ui_text(b->win, 3, 2, w - 4, A_BOLD, cfg->criteria[k->q].name);
	ui_text(b->win, 5, 2, w - 4, A_NORMAL, _("The client presses 1 to 5, "
	    "or 0 to skip."));
}

/* keypad_survey's callback: show the question before its wait. */
static void
kp_ask(void *arg, int q)
{
	struct kpbox *k = arg;

	k->q = q;
	kp_place(k->ui, &k->box);
	ui_flush(k->ui);
}

/*
 * The client rates on the keypad: the survey holds the console for at
 * most a timeout per question (a client who walks away ends it), showing
 * which question is asked.
 */
static void
console_rate_keypad(struct ui *ui, struct console *c)
{
	const struct config *cfg = ui->o.cfg;
	struct keypad_result r;
	struct kpbox k;
	struct err e;
	char title[128];
	int *scores, rc;

	memset(&k, 0, sizeof k);
	k.ui = ui;
	k.q = -1;
	snprintf(title, sizeof title, _("Rating of %s on the keypad"),
	    c->last.number);
	ui_box_open(ui, &k.box, 8, 56, title);
	k.box.place = kp_place;
	/* No key works while the keypad is asked: an empty key bar. */
	ui_keybar(ui, NULL);
	ui_flush(ui);
	scores = xcalloc(cfg->ncriteria, sizeof *scores);
	err_clear(&e);
	rc = office_rate_keypad(ui_ctx(ui), c->last.id, scores, kp_ask, &k,
	    &r, &e);
	/* Keys pressed during the wait were not meant for the console
	 * (an F10 would log out): drop them. */
	flushinp();
	ui_box_close(ui, &k.box);
	ui_keybar_top(ui);
	if (rc == OKNO_OK) {
		ui_status(ui, LOOK_OK, _("the client rated %s: %d of %d "
		    "questions"), c->last.number, r.answered,
		    (int)cfg->ncriteria);
		ui_changed(ui);
	} else
		ui_status_err(ui, &e);
	free(scores);
}

static void
console_rate(struct ui *ui, struct console *c)
{
	const struct config *cfg = ui->o.cfg;
	struct ui_field *f;
	int *scores;
	struct err e;
	char title[128];
	int n = 0, rc = OKNO_OK;

	if (!c->have_last) {
		ui_status(ui, LOOK_WARN, "%s", _("no finished visit to rate "
		    "yet"));
		return;
	}
	if (cfg->ncriteria == 0)
		return;
	/* With a keypad the client usually answers; the manager may still
	 * type what the client said. */
	if (cfg->keypad.driver != NULL) {
		const char *how[2];

		how[0] = _("Ask the client on the keypad");
		how[1] = _("Enter the client's scores here");
		snprintf(title, sizeof title, _("Rate visit %s"),
		    c->last.number);
		switch (ui_choose(ui, title, how, 2, 0)) {
		case 0:
			console_rate_keypad(ui, c);
			return;
		case 1:
			break;
		default:
			return;
		}
	}
	f = xcalloc(cfg->ncriteria, sizeof *f);
	scores = xcalloc(cfg->ncriteria, sizeof *scores);
	err_clear(&e);
	(void)rating_get(ui_ctx(ui), c->last.id, scores, &e);
	for (size_t i = 0; i < cfg->ncriteria; i++) {
		f[i].label = cfg->criteria[i].name;
		f[i].width = 1;
		f[i].flags = UI_F_DIGITS;
		/* A score out of range keeps the form open at it: nothing
		 * is saved until every score is one. */
		f[i].lo = 1;
		f[i].hi = 5;
		if (scores[i] > 0) {
			char v[16];

			snprintf(v, sizeof v, "%d", scores[i]);
			ui_field_set(&f[i], v);
		}
	}
	snprintf(title, sizeof title, _("Rate visit %s (1-5)"),
	    c->last.number);
	if (ui_form(ui, title, f, (int)cfg->ncriteria, _("1 poor ... 5 "
	    "excellent; blank: not asked"))) {
		for (size_t i = 0; i < cfg->ncriteria && rc == OKNO_OK; i++) {
			if (f[i].value[0] == '\0')
				continue;
			rc = rating_set(ui_ctx(ui), c->last.id,
			    cfg->criteria[i].code, atoi(f[i].value), &e);
			n++;
		}
		if (rc != OKNO_OK)
			ui_status_err(ui, &e);
		else if (n > 0) {
			ui_status(ui, LOOK_OK, _("rating of %s saved"),
			    c->last.number);
			ui_changed(ui);
		}
	}
	free(scores);
	ui_fields_free(f, (int)cfg->ncriteria);
	free(f);
}

static void
console_exit(struct ui *ui, struct console *c)
{
	struct err e;

	err_clear(&e);
	if (c->wi.state == WINDOW_SERVING) {
		ui_status(ui, LOOK_WARN, _("finish %s before you leave"),
		    c->wi.ticket.number);
		return;
	}
	if (queue_window_close(ui_ctx(ui), c->window, &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return;
	}
	c->opened = 0;
	ui_changed(ui);
	if (ui->depth > 1)
		ui_pop(ui);
	else
		ui_logout(ui);
}

static void
console_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct console *c = st;
	struct ticket t, prev = c->wi.ticket;
	int serving = c->wi.state == WINDOW_SERVING, rc;
	struct err e;
	char msg[128];

	err_clear(&e);
	memset(&t, 0, sizeof t);
	switch (k->action) {
	case UA_CALL:
		/* A visit with outcomes to give ends with them first. */
		if (serving && scr_visit_has_outcomes(ui, prev.service)) {
			rc = scr_visit_finish(ui, c->window, &prev, &t, &e);
			if (rc != OKNO_OK) {
				if (e.msg[0] != '\0')
					console_done(ui, rc, &e, "");
				break;
			}
			c->last = t;
			c->have_last = 1;
			serving = 0;
			memset(&t, 0, sizeof t);
		}
		rc = queue_call(ui_ctx(ui), c->window, &t, &e);
		if ((rc == OKNO_OK || rc == OKNO_NONE) && serving) {
			c->last = prev;
			c->have_last = 1;
		}
		snprintf(msg, sizeof msg, _("called %s"), t.number);
		console_done(ui, rc, &e, msg);
		break;
	case UA_RECALL:
		rc = queue_recall(ui_ctx(ui), c->window, &t, &e);
		snprintf(msg, sizeof msg, _("%s called again"), t.number);
		console_done(ui, rc, &e, msg);
		break;
	case UA_FINISH:
		if (serving)
			rc = scr_visit_finish(ui, c->window, &prev, &t, &e);
		else
			rc = queue_finish(ui_ctx(ui), c->window, &t, &e);
		if (rc == OKNO_NONE && e.msg[0] == '\0')
			break;		/* the manager went back */
		if (rc == OKNO_OK) {
			c->last = t;
			c->have_last = 1;
		}
		snprintf(msg, sizeof msg, _("%s finished (u takes it back)"),
		    t.number);
		console_done(ui, rc, &e, msg);
		break;
	case UA_NOSHOW:
		rc = queue_noshow(ui_ctx(ui), c->window, &t, &e);
		snprintf(msg, sizeof msg, _("%s did not come (u takes it "
		    "back)"), t.number);
		console_done(ui, rc, &e, msg);
		break;
	case UA_UNDO:
		rc = queue_undo(ui_ctx(ui), c->window, &t, &e);
		if (rc == OKNO_OK && c->have_last &&
		    strcmp(c->last.number, t.number) == 0)
			c->have_last = 0;
		snprintf(msg, sizeof msg, _("%s is in service again"),
		    t.number);
		console_done(ui, rc, &e, msg);
		break;
	case UA_TRANSFER:
		console_transfer(ui, c);
		break;
	case UA_POSTPONE:
		console_postpone(ui, c);
		break;
	case UA_PAUSE:
		console_pause(ui, c);
		break;
	case UA_RATE:
		console_rate(ui, c);
		break;
	case UA_APPEAL:
		if (serving)
			strlcpy_(c->appeal_ticket, c->wi.ticket.number,
			    sizeof c->appeal_ticket);
		else if (c->have_last)
			strlcpy_(c->appeal_ticket, c->last.number,
			    sizeof c->appeal_ticket);
		else
			c->appeal_ticket[0] = '\0';
		ui_push(ui, SCR_INTAKE, c->appeal_ticket);
		break;
	case UA_APPEALS:
		ui_push(ui, SCR_APPEALS, NULL);
		break;
	case UA_ACCOUNT:
		scr_visit_account(ui, c->window, &c->visit);
		break;
	case UA_NEW: {
		/* The manager's own screen: the full phone and the code. */
		static const int full = 1;

		ui_push(ui, SCR_BOOKING, &full);
		break;
	}
	case UA_EXIT:
		console_exit(ui, c);
		break;
	default:
		break;
	}
}

static void
console_free(void *st)
{
	struct console *c = st;
	struct err e;

	/* Leaving without F10 (logout at the lock, hang-up): close the
	 * window when nothing is in service, so the hall sees it closed. */
	if (c->opened && queue_window_close(ui_ctx(c->ui), c->window, &e) ==
	    OKNO_OK)
		ui_changed(c->ui);
	scr_visit_free(&c->visit);
	free(c->qs);
	free(c);
}

const struct screen console_screen = {
	.name = "console", .keys = console_keys,
	.common = UI_C_HELP | UI_C_BACK | UI_C_LOCK,
	.init = console_init, .draw = console_draw, .key = console_key,
	.free = console_free,
};
