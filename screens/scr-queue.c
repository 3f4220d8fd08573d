/* scr-queue.c: the supervisor's queue screen: what waits, per service in
 * call order (number, minutes waited, priority or category, postponed),
 * and the supervisor's actions on the selected ticket: call it to a window
 * out of order, cancel it (the client left), give or take its priority
 * with a reason.  The model checks the role again (queue-supervise.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

static const struct ui_binding queue_keys[] = {
	{ 2, "2c", UA_CALL, N_("Call"), N_("call the selected ticket to a "
	    "window now, out of order") },
	{ 3, "3x", UA_CANCEL, N_("Cancel"), N_("cancel the selected ticket: "
	    "the client left") },
	{ 4, "4p", UA_PRIORITY, N_("Prio"), N_("give the selected ticket "
	    "priority (a category) or take it, with a reason") },
	{ 10, "0q", UA_EXIT, N_("Back"), N_("back to the hall view") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

/* A line of the list: a service's heading or one of its tickets. */
struct qline {
	int	service;	/* heading: the service's index */
	int	ticket;		/* index into v; -1 for a heading */
};

struct queue_scr {
	struct queue_waiting	*v;
	size_t			 n;
	struct qline		*lines;
	size_t			 nlines;
	size_t			 sel;	/* a ticket's line */
	size_t			 top;
	char			 keep[16];	/* the selected number */
	int			 loaded;
};

#define QR_HEAD		0	/* the column headings */
#define QR_FIRST	1	/* the first line of the list */

static int
queue_init(struct ui *ui, void **stp, const void *arg)
{
	(void)arg;
	if (!ui_may(ui, AUTH_CONTROL_QUEUE))
		return -1;
	*stp = xcalloc(1, sizeof(struct queue_scr));
	return 0;
}

/* The ticket line nearest i in the direction asked (down or up), else
 * in the other; nlines when the list has no ticket. */
static size_t
queue_ticket_line(const struct queue_scr *q, size_t i, int down)
{
	if (q->nlines == 0)
		return 0;
	if (i >= q->nlines)
		i = q->nlines - 1;
	for (int pass = 0; pass < 2; pass++, down = !down) {
		if (down) {
			for (size_t j = i; j < q->nlines; j++)
				if (q->lines[j].ticket >= 0)
					return j;
		} else {
			for (size_t j = i + 1; j-- > 0;)
				if (q->lines[j].ticket >= 0)
					return j;
		}
	}
	return q->nlines;
}

static void
queue_load(struct ui *ui, struct queue_scr *q)
{
	const struct config *cfg = ui->o.cfg;
	struct err e;

	free(q->v);
	free(q->lines);
	q->v = NULL;
	q->lines = NULL;
	q->n = q->nlines = 0;
	err_clear(&e);
	if (queue_waiting_list(ui_ctx(ui), &q->v, &q->n, &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return;
	}
	/* Every configured service has a heading; tickets follow theirs. */
	q->lines = xcalloc(cfg->nservices + 2 * q->n + 1, sizeof *q->lines);
	for (size_t i = 0, t = 0; i <= cfg->nservices; i++) {
		if (i < cfg->nservices || (t < q->n && q->v[t].service ==
		    (int)i)) {
			q->lines[q->nlines].service = (int)i;
			q->lines[q->nlines++].ticket = -1;
		}
		for (; t < q->n && q->v[t].service == (int)i; t++) {
			q->lines[q->nlines].service = (int)i;
			q->lines[q->nlines++].ticket = (int)t;
			/* The selection follows its ticket across reloads. */
			if (q->keep[0] != '\0' && strcmp(q->keep,
			    q->v[t].ticket.number) == 0)
				q->sel = q->nlines - 1;
		}
	}
	q->sel = queue_ticket_line(q, q->sel, 1);
	q->loaded = 1;
}

static const struct queue_waiting *
queue_selected(const struct queue_scr *q)
{
	if (q->sel >= q->nlines || q->lines[q->sel].ticket < 0)
		return NULL;
	return &q->v[q->lines[q->sel].ticket];
}

static void
queue_draw(struct ui *ui, void *st, unsigned what)
{
	const struct config *cfg = ui->o.cfg;
	struct queue_scr *q = st;
	WINDOW *b = ui->body;
	int w = getmaxx(b), rows = getmaxy(b) - QR_FIRST;
	const struct queue_waiting *s;

	if ((what & UI_DRAW_DATA) || !q->loaded)
		queue_load(ui, q);
	if (rows < 1)
		rows = 1;
	ui_text(b, QR_HEAD, 0, w, A_NORMAL, "");
	ui_text(b, QR_HEAD, 2, 8, A_BOLD, _("Ticket"));
	ui_text(b, QR_HEAD, 10, 10, A_BOLD, _("Waited"));
	ui_text(b, QR_HEAD, 21, w - 21, A_BOLD, _("Priority"));
	if (q->sel < q->top)
		q->top = q->sel;
	if (q->sel >= q->top + (size_t)rows)
		q->top = q->sel - (size_t)rows + 1;
	for (int r = 0; r < rows; r++) {
		size_t i = q->top + (size_t)r;
		int y = QR_FIRST + r;
		const struct qline *l;
		char buf[256], dur[32];
		attr_t at;

		if (i >= q->nlines) {
			ui_text(b, y, 0, w, A_NORMAL, "");
			continue;
		}
		l = &q->lines[i];
		if (l->ticket < 0) {
			size_t cnt = 0;

			for (size_t t = 0; t < q->n; t++)
				cnt += q->v[t].service == l->service;
			snprintf(buf, sizeof buf, _("%s: %zu waiting"),
			    l->service < (int)cfg->nservices ?
			    cfg->services[l->service].name : _("other"), cnt);
			ui_text(b, y, 0, w, ui_attr(ui, LOOK_TITLE), buf);
			continue;
		}
		s = &q->v[l->ticket];
		at = i == q->sel ? ui_attr(ui, LOOK_SELECT) : A_NORMAL;
		ui_text(b, y, 0, w, at, "");
		ui_text(b, y, 2, 8, at, s->ticket.number);
		snprintf(dur, sizeof dur, _("%ld min"), s->waited_s / 60);
		ui_text(b, y, 10, 10, at, dur);
		if (s->ticket.priority && s->ticket.category[0] != '\0') {
			const struct config_priority *p = config_priority(cfg,
			    s->ticket.category);

			snprintf(buf, sizeof buf, "%s", p != NULL ? p->name :
			    s->ticket.category);
		} else if (s->ticket.priority)
			snprintf(buf, sizeof buf, "%s", _("priority"));
		else if (s->ranked)
			snprintf(buf, sizeof buf, "%s", _("ranked (waited "
			    "long)"));
		else
			buf[0] = '\0';
		if (s->ticket.status == TICKET_POSTPONED) {
			size_t o = strlen(buf);

			snprintf(buf + o, sizeof buf - o, "%s%s", o ? ", " : "",
			    _("postponed"));
		}
		ui_text(b, y, 21, w - 21, at, buf);
	}
	if (q->n == 0)
		ui_status(ui, LOOK_NORMAL, "%s", _("nobody waits"));
}

/* Asks a reason; 1 with it in out (may be "" when not required). */
static int
queue_reason(struct ui *ui, const char *title, int required, char *out,
    size_t size)
{
	struct ui_field f[1];
	int ok;

	for (;;) {
		memset(f, 0, sizeof f);
		f[0].label = _("Reason");
		f[0].width = 40;
		f[0].max = QUEUE_REASON_MAX;
		ok = ui_form(ui, title, f, 1, required ? _("a reason is "
		    "required") : NULL);
		if (ok)
			strlcpy_(out, f[0].value ? f[0].value : "", size);
		ui_fields_free(f, 1);
		if (!ok || !required || out[0] != '\0')
			return ok;
	}
}

static void
queue_done(struct ui *ui, struct queue_scr *q, int rc, const struct err *e,
    const char *msg)
{
	if (rc == OKNO_OK)
		ui_status(ui, LOOK_OK, "%s", msg);
	else
		ui_status_err(ui, e);
	ui_changed(ui);
	ui->dirty |= UI_DRAW_DATA;
	(void)q;
}

static void
queue_call_to(struct ui *ui, struct queue_scr *q,
    const struct queue_waiting *s)
{
	const struct config *cfg = ui->o.cfg;
	const char **labels = xcalloc(cfg->nwindows, sizeof *labels);
	char **own = xcalloc(cfg->nwindows, sizeof *own);
	int win[64], n = 0, i, rc;
	struct ticket t;
	struct err e;
	char msg[128];

	/* The windows that serve the ticket's service. */
	for (size_t j = 0; j < cfg->nwindows && n < (int)nitems(win); j++) {
		const struct config_window *cw = &cfg->windows[j];

		for (size_t k = 0; k < cw->nservices; k++)
			if (strcmp(cfg->services[cw->services[k]].code,
			    s->ticket.service) == 0) {
				own[n] = xasprintf(_("Window %d"), cw->number);
				labels[n] = own[n];
				win[n++] = cw->number;
				break;
			}
	}
	i = n > 0 ? ui_choose(ui, _("Call to window"), labels, n, 0) : -1;
	for (int j = 0; j < n; j++)
		free(own[j]);
	free(own);
	free(labels);
	if (i < 0)
		return;
	err_clear(&e);
	rc = queue_call_number(ui_ctx(ui), win[i], s->ticket.number, &t, &e);
	snprintf(msg, sizeof msg, _("%s called to window %d"), t.number,
	    win[i]);
	queue_done(ui, q, rc, &e, msg);
}

static void
queue_cancel_sel(struct ui *ui, struct queue_scr *q,
    const struct queue_waiting *s)
{
	char reason[QUEUE_REASON_MAX * 4 + 1], number[16], msg[128];
	struct ticket t;
	struct err e;
	int rc;

	strlcpy_(number, s->ticket.number, sizeof number);
	snprintf(msg, sizeof msg, _("Cancel ticket %s"), number);
	if (!queue_reason(ui, msg, 0, reason, sizeof reason))
		return;
	err_clear(&e);
	rc = queue_cancel(ui_ctx(ui), number, reason, &t, &e);
	snprintf(msg, sizeof msg, _("%s cancelled"), number);
	queue_done(ui, q, rc, &e, msg);
}

static void
queue_priority_sel(struct ui *ui, struct queue_scr *q,
    const struct queue_waiting *s)
{
	const struct config *cfg = ui->o.cfg;
	char reason[QUEUE_REASON_MAX * 4 + 1], number[16], msg[128];
	const char *category = NULL;
	int on = !s->ticket.priority, rc;
	struct ticket t;
	struct err e;

	strlcpy_(number, s->ticket.number, sizeof number);
	/* With categories configured, giving priority names one. */
	if (on && cfg->npriorities > 0) {
		const char **labels = xcalloc(cfg->npriorities + 1,
		    sizeof *labels);
		int i;

		for (size_t k = 0; k < cfg->npriorities; k++)
			labels[k] = cfg->priorities[k].name;
		labels[cfg->npriorities] = _("priority without a category");
		i = ui_choose(ui, _("Priority category"), labels,
		    (int)cfg->npriorities + 1, 0);
		free(labels);
		if (i < 0)
			return;
		if (i < (int)cfg->npriorities)
			category = cfg->priorities[i].code;
	}
	snprintf(msg, sizeof msg, on ? _("Give %s priority") :
	    _("Take priority from %s"), number);
	if (!queue_reason(ui, msg, 1, reason, sizeof reason))
		return;
	err_clear(&e);
	rc = queue_priority(ui_ctx(ui), number, on, category, reason, &t, &e);
	snprintf(msg, sizeof msg, on ? _("%s has priority") :
	    _("%s has no priority"), number);
	queue_done(ui, q, rc, &e, msg);
}

static void
queue_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct queue_scr *q = st;
	const struct queue_waiting *s = queue_selected(q);
	struct queue_waiting sel;
	int page = getmaxy(ui->body) - QR_FIRST, pos;
	size_t old;

	if (page < 1)
		page = 1;
	switch (k->action) {
	case UA_EXIT:
		ui_pop(ui);
		return;
	case UA_CALL:
	case UA_CANCEL:
	case UA_PRIORITY:
		if (s == NULL) {
			ui_status(ui, LOOK_WARN, "%s", _("no ticket selected"));
			return;
		}
		strlcpy_(q->keep, s->ticket.number, sizeof q->keep);
		/* A copy: a dialog's live loop may reload the list. */
		sel = *s;
		if (k->action == UA_CALL)
			queue_call_to(ui, q, &sel);
		else if (k->action == UA_CANCEL)
			queue_cancel_sel(ui, q, &sel);
		else
			queue_priority_sel(ui, q, &sel);
		return;
	default:
		break;
	}
	if (q->nlines == 0)
		return;
	pos = (int)q->sel;
	old = q->sel;
	if (!ui_scroll(ui_nav_key(k), &pos, page, (int)q->nlines - 1))
		return;
	pos = pos < 0 ? 0 : pos >= (int)q->nlines ? (int)q->nlines - 1 : pos;
	q->sel = queue_ticket_line(q, (size_t)pos, (size_t)pos >= old);
	if (q->sel >= q->nlines)
		q->sel = old;
	if ((s = queue_selected(q)) != NULL)
		strlcpy_(q->keep, s->ticket.number, sizeof q->keep);
	queue_draw(ui, q, UI_DRAW_ALL);
}

static void
queue_free(void *st)
{
	struct queue_scr *q = st;

	free(q->v);
	free(q->lines);
	free(q);
}

const struct screen queue_screen = {
	.name = "queue", .keys = queue_keys,
	.common = UI_C_HELP | UI_C_BACK | UI_C_LOCK,
	.init = queue_init, .draw = queue_draw, .key = queue_key,
	.free = queue_free,
};
