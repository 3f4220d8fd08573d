/* scr-hall.c: the hall view for the head of office: every window's state,
 * manager, ticket and time; every service's queue with breaches of the
 * wait norm marked; today's tickets by hour as a small chart; the overdue
 * appeals at any width; the latest transfer and the service it went to.
 * It is a monitor on the wall: it does not lock itself unless
 * ui.idle_lock_hall says so (ui-loop.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

static const struct ui_binding hall_keys[] = {
	{ 2, "2k", UA_KIOSK, N_("Kiosk"), N_("issue tickets here (the ticket "
	    "terminal)") },
	{ 3, "3w", UA_CONSOLE, N_("Window"), N_("work at a window") },
	{ 4, "4a", UA_APPEAL, N_("Appeal"), N_("register an appeal") },
	{ 5, "5o", UA_APPEALS, N_("List"), N_("the appeals register: "
	    "list, filters, detail, status changes") },
	{ 6, "6r", UA_REPORT, N_("Report"), N_("the report of a period: "
	    "queue, appeals, satisfaction, inspections") },
	{ 7, "7i", UA_INSPECT, N_("Inspect"), N_("record a quality "
	    "inspection against the standard's criteria") },
	{ 8, "8u", UA_QUEUE, N_("Queues"), N_("the supervisor's queue: "
	    "call out of order, cancel, give or take priority") },
	{ 9, "9b", UA_NEW, N_("Booking"), N_("bookings: the day's list, book "
	    "a client, cancel, print the list for the hall") },
	{ 10, "0q", UA_EXIT, N_("Logout"), N_("log out") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

struct hall {
	struct ui		*ui;
	struct window_info	*wi;
	struct queue_stat	*qs;
	int			 hours[24];
	struct queue_call	 calls[QUEUE_BOARD_MAX];
	size_t			 ncalls;
	int			 loaded;
	int			 window;	/* for the console */
	int			 shown_overdue;	/* the counts drawn; -2 none */
	int			 shown_today;
	int64_t			 transfer_seen;	/* its event, told */
};

static int
hall_init(struct ui *ui, void **stp, const void *arg)
{
	struct hall *h;

	(void)arg;
	if (!ui_may(ui, AUTH_VIEW_HALL))
		return -1;
	h = xcalloc(1, sizeof *h);
	h->ui = ui;
	h->wi = xcalloc(ui->o.cfg->nwindows, sizeof *h->wi);
	h->qs = xcalloc(ui->o.cfg->nservices, sizeof *h->qs);
	h->shown_overdue = h->shown_today = -2;
	*stp = h;
	return 0;
}

/*
 * A transfer takes a ticket off its window: the hall says where it went,
 * on the status line, once per transfer (today's latest, also when the
 * hall opens).
 */
static void
hall_transfer(struct ui *ui, struct hall *h)
{
	struct queue_transfer tr;
	const struct config_service *s;
	char hm[16];
	struct err e;

	err_clear(&e);
	if (queue_last_transfer(ui_ctx(ui), &tr, &e) != OKNO_OK ||
	    tr.event == h->transfer_seen)
		return;
	h->transfer_seen = tr.event;
	s = config_service(ui->o.cfg, tr.service);
	ui_fmt_hm(tr.at, hm, sizeof hm);
	ui_status(ui, LOOK_NORMAL, _("%s  %s transferred from window %d to: "
	    "%s"), hm, tr.number, tr.window, s != NULL ? s->name :
	    tr.service);
}

static void
hall_load(struct ui *ui, struct hall *h)
{
	struct err e;

	err_clear(&e);
	if (queue_windows(ui_ctx(ui), h->wi, &e) != OKNO_OK ||
	    queue_stats(ui_ctx(ui), h->qs, &e) != OKNO_OK ||
	    queue_today_by_hour(ui_ctx(ui), h->hours, &e) != OKNO_OK ||
	    queue_latest_calls(ui_ctx(ui), h->calls, QUEUE_BOARD_MAX,
	    &h->ncalls, &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return;
	}
	h->loaded = 1;
	hall_transfer(ui, h);
}

/* Column layout of the windows table. */
#define HC_NO		1
#define HC_STATE	5
#define HC_MGR		17
#define HC_TICKET	31
#define HC_TIME		38
#define HC_END		47
#define CHART_W		30	/* 13 hours by 2 columns, and the scale */
#define HC_SVC_MIN	16	/* the service column shows from this width */

static int
hall_chart_x(struct ui *ui)
{
	int w = getmaxx(ui->body);

	return w - CHART_W > HC_END + 1 ? w - CHART_W : -1;
}

/*
 * Width of the service column beyond HC_END, 0 when the screen is too
 * narrow (80 columns): wider terminals show what each window is serving.
 */
static int
hall_svc_w(struct ui *ui)
{
	int cx = hall_chart_x(ui), end = cx > 0 ? cx - 2 : getmaxx(ui->body) - 1;

	return end - HC_END >= HC_SVC_MIN ? end - HC_END : 0;
}

static int
hall_queue_row(struct ui *ui)
{
	int n = (int)ui->o.cfg->nwindows + 3;

	return n < 8 ? 8 : n;	/* below the chart too */
}

static void
hall_draw_static(struct ui *ui)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), cx = hall_chart_x(ui), qr = hall_queue_row(ui);

	ui_text(b, 0, HC_NO, HC_END - HC_NO, ui_attr(ui, LOOK_TITLE),
	    _("Windows"));
	ui_text(b, 1, HC_NO, HC_STATE - HC_NO, A_BOLD, "#");
	ui_text(b, 1, HC_STATE, HC_MGR - HC_STATE, A_BOLD, _("State"));
	ui_text(b, 1, HC_MGR, HC_TICKET - HC_MGR, A_BOLD, _("Manager"));
	ui_text(b, 1, HC_TICKET, HC_TIME - HC_TICKET, A_BOLD, _("Ticket"));
	ui_text(b, 1, HC_TIME, HC_END - HC_TIME, A_BOLD, _("Time"));
	if (hall_svc_w(ui) > 0)
		ui_text(b, 1, HC_END, hall_svc_w(ui), A_BOLD, _("Service"));
	if (cx > 0)
		ui_text(b, 0, cx, CHART_W, ui_attr(ui, LOOK_TITLE),
		    _("Tickets today by hour"));
	ui_text(b, qr, 1, w - 30, ui_attr(ui, LOOK_TITLE), _("Queues"));
	ui_text(b, qr, w - 29, 9, A_BOLD, _("Waiting"));
	ui_text(b, qr, w - 19, 9, A_BOLD, _("Longest"));
	ui_text(b, qr, w - 9, 8, A_BOLD, _("Norm"));
}

static void
hall_draw_windows(struct ui *ui, struct hall *h, unsigned what)
{
	WINDOW *b = ui->body;
	const struct config *cfg = ui->o.cfg;
	time_t now = ui_now(ui);

	for (size_t i = 0; i < cfg->nwindows; i++) {
		const struct window_info *wi = &h->wi[i];
		int row = 2 + (int)i;
		char dur[32];
		long el;
		const struct config_service *s;
		int over;

		if (row >= hall_queue_row(ui) - 1)
			break;
		if (what & (UI_DRAW_DATA | UI_DRAW_ALL)) {
			s = wi->state == WINDOW_SERVING ?
			    config_service(cfg, wi->ticket.service) : NULL;
			if (hall_svc_w(ui) > 0)
				ui_text(b, row, HC_END, hall_svc_w(ui),
				    A_NORMAL, s != NULL ? s->name :
				    wi->state == WINDOW_SERVING ?
				    wi->ticket.service : "");
			ui_textf(b, row, HC_NO, HC_STATE - HC_NO, A_NORMAL,
			    "%d", wi->number);
			ui_text(b, row, HC_STATE, HC_MGR - HC_STATE,
			    wi->state == WINDOW_PAUSED ?
			    ui_attr(ui, LOOK_WARN) : A_NORMAL,
			    window_state_label(wi->state));
			ui_text(b, row, HC_MGR, HC_TICKET - HC_MGR, A_NORMAL,
			    wi->manager);
			ui_text(b, row, HC_TICKET, HC_TIME - HC_TICKET,
			    A_BOLD, wi->state == WINDOW_SERVING ?
			    wi->ticket.number : "");
		}
		if (wi->state == WINDOW_PAUSED) {
			ui_text(b, row, HC_TIME, HC_END - HC_TIME, A_NORMAL,
			    wi->reason);
			continue;
		}
		if (wi->state != WINDOW_SERVING) {
			ui_text(b, row, HC_TIME, HC_END - HC_TIME, A_NORMAL,
			    "");
			continue;
		}
		s = config_service(cfg, wi->ticket.service);
		el = (long)(now - wi->ticket.called_at);
		over = s != NULL && el > s->service_norm * 60L;
		ui_fmt_dur(el, dur, sizeof dur);
		ui_textf(b, row, HC_TIME, HC_END - HC_TIME,
		    ui_attr(ui, over ? LOOK_URGENT : LOOK_NORMAL), "%s%s",
		    dur, over ? " !" : "");
	}
}

/*
 * The overdue appeals on the title row, beside "Windows", at any width:
 * the header's counts give way to a long login at 80 columns, and this
 * is the head of office's screen.  Drawn when they change (they are read
 * every minute and after every commit: ui_counts_load).
 */
static void
hall_draw_counts(struct ui *ui, struct hall *h, int all)
{
	WINDOW *b = ui->body;
	char over[64], today[64];
	int x = HC_NO + ui_width(_("Windows")) + 2, ow;

	if (!all && ui->overdue == h->shown_overdue &&
	    ui->due_today == h->shown_today)
		return;
	h->shown_overdue = ui->overdue;
	h->shown_today = ui->due_today;
	if (ui->overdue < 0) {
		ui_text(b, 0, x, HC_END - x, A_NORMAL, "");
		return;
	}
	snprintf(over, sizeof over, _("Appeals overdue: %d"), ui->overdue);
	snprintf(today, sizeof today, _(" · due today: %d"), ui->due_today);
	ow = ui_width(over);
	ui_text(b, 0, x, ow, ui->overdue > 0 ? (ui->colors ?
	    ui_attr(ui, LOOK_URGENT) : A_BOLD) : A_NORMAL, over);
	ui_text(b, 0, x + ow, HC_END - x - ow, A_NORMAL, today);
}

/* What the hall board shows: the latest calls, newest first. */
static void
hall_draw_board(struct ui *ui, struct hall *h)
{
	WINDOW *b = ui->body;
	char line[256];
	size_t o;

	o = (size_t)snprintf(line, sizeof line, "%s", _("Board:"));
	for (size_t i = 0; i < h->ncalls && o < sizeof line; i++)
		o += (size_t)snprintf(line + o, sizeof line - o, "  %s>%d",
		    h->calls[i].number, h->calls[i].window);
	ui_text(b, hall_queue_row(ui) - 1, 1, getmaxx(b) - 2, A_NORMAL,
	    h->ncalls > 0 ? line : "");
}

static void
hall_draw_queues(struct ui *ui, struct hall *h)
{
	WINDOW *b = ui->body;
	const struct config *cfg = ui->o.cfg;
	int w = getmaxx(b), maxrow = getmaxy(b), row = hall_queue_row(ui) + 1;

	for (size_t i = 0; i < cfg->nservices && row < maxrow; i++, row++) {
		const struct config_service *s = &cfg->services[i];
		const struct queue_stat *q = &h->qs[i];
		int breach = q->waiting > 0 &&
		    q->longest_wait_s > s->wait_norm * 60L;
		char name[256], longest[32] = "";

		snprintf(name, sizeof name, "%s  %s", s->prefix, s->name);
		ui_text(b, row, 1, w - 30, breach ? A_BOLD : A_NORMAL, name);
		ui_textf(b, row, w - 29, 9, A_NORMAL, "%7d", q->waiting);
		if (q->waiting > 0)
			snprintf(longest, sizeof longest, _("%ld min"),
			    q->longest_wait_s / 60);
		ui_textf(b, row, w - 19, 9, ui_attr(ui, breach ? LOOK_URGENT :
		    LOOK_NORMAL), "%s%s", breach ? "!" : " ", longest);
		ui_textf(b, row, w - 9, 8, A_NORMAL, _("%d min"),
		    s->wait_norm);
	}
}

/* Bars of tickets per hour, 08-20 (or wherever today's tickets are). */
static void
hall_draw_chart(struct ui *ui, struct hall *h)
{
	WINDOW *b = ui->body;
	int cx = hall_chart_x(ui), from = 8, max = 0, rows = 4;
	char lab[16];

	if (cx < 0)
		return;
	for (int i = 0; i < 24; i++)
		if (h->hours[i] > 0 && i < from)
			from = i;
	for (int i = 0; i < 24; i++)
		if (h->hours[i] > 0 && i >= from + 13)
			from = i - 12;
	for (int i = from; i < from + 13 && i < 24; i++)
		if (h->hours[i] > max)
			max = h->hours[i];
	for (int r = 0; r < rows; r++) {
		int y = 1 + r;

		ui_textf(b, y, cx, 4, A_NORMAL, "%3s ", r == 0 && max > 0 ?
		    (snprintf(lab, sizeof lab, "%d", max), lab) : "");
		for (int i = 0; i < 13; i++) {
			int hr = from + i, v = hr < 24 ? h->hours[hr] : 0;
			/* Height in quarter rows, rounded up: any ticket
			 * shows. */
			int units = max ? (v * rows * 2 + max - 1) / max : 0;
			int level = (rows - r) * 2;	/* this row's top */
			const char *cell = units >= level ? "##" :
			    units == level - 1 ? ".." : "  ";

			if (units >= level)
				ui_text(b, y, cx + 4 + 2 * i, 2,
				    ui_attr(ui, LOOK_OK) | A_REVERSE, cell);
			else
				ui_text(b, y, cx + 4 + 2 * i, 2, A_NORMAL,
				    cell);
		}
	}
	for (int i = 0; i < 13; i += 2) {
		snprintf(lab, sizeof lab, "%02d", (from + i) % 24);
		ui_text(b, 1 + rows, cx + 4 + 2 * i, 2, A_NORMAL, lab);
		if (i + 1 < 13)
			ui_text(b, 1 + rows, cx + 6 + 2 * i, 2, A_NORMAL, "");
	}
}

static void
hall_draw(struct ui *ui, void *st, unsigned what)
{
	struct hall *h = st;

	if (what & UI_DRAW_ALL)
		hall_draw_static(ui);
	hall_draw_counts(ui, h, (what & UI_DRAW_ALL) != 0);
	if ((what & (UI_DRAW_DATA | UI_DRAW_ALL)) || !h->loaded) {
		hall_load(ui, h);
		hall_draw_queues(ui, h);
		hall_draw_board(ui, h);
		hall_draw_chart(ui, h);
		what |= UI_DRAW_DATA;
	}
	hall_draw_windows(ui, h, what);
}

static void
hall_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct hall *h = st;
	const struct config *cfg = ui->o.cfg;

	switch (k->action) {
	case UA_KIOSK:
		ui_push(ui, SCR_KIOSK, NULL);
		break;
	case UA_CONSOLE: {
		char **labels;
		int i;

		if (!ui_may(ui, AUTH_WORK_WINDOW))
			break;
		labels = xcalloc(cfg->nwindows, sizeof *labels);
		for (size_t j = 0; j < cfg->nwindows; j++)
			labels[j] = xasprintf(_("Window %d  %s %s"),
			    h->wi[j].number, window_state_label(h->wi[j].state),
			    h->wi[j].manager);
		i = ui_choose(ui, _("Work at window"),
		    (const char *const *)labels, (int)cfg->nwindows, 0);
		for (size_t j = 0; j < cfg->nwindows; j++)
			free(labels[j]);
		free(labels);
		if (i >= 0) {
			h->window = cfg->windows[i].number;
			ui_push(ui, SCR_CONSOLE, &h->window);
		}
		break;
	}
	case UA_APPEAL:
		ui_push(ui, SCR_INTAKE, NULL);
		break;
	case UA_APPEALS:
		ui_push(ui, SCR_APPEALS, NULL);
		break;
	case UA_REPORT:
		ui_push(ui, SCR_REPORTS, NULL);
		break;
	case UA_INSPECT:
		ui_push(ui, SCR_CHECKLIST, NULL);
		break;
	case UA_QUEUE:
		ui_push(ui, SCR_QUEUE, NULL);
		break;
	case UA_NEW: {
		/* A monitor others may see: phones masked, no codes. */
		static const int full = 0;

		ui_push(ui, SCR_BOOKING, &full);
		break;
	}
	case UA_EXIT:
		ui_logout(ui);
		break;
	default:
		break;
	}
}

static void
hall_free(void *st)
{
	struct hall *h = st;

	free(h->wi);
	free(h->qs);
	free(h);
}

const struct screen hall_screen = {
	.name = "hall", .keys = hall_keys,
	.common = UI_C_HELP | UI_C_BACK | UI_C_LOCK,
	.init = hall_init, .draw = hall_draw, .key = hall_key,
	.free = hall_free,
};
