/* office.c: glue between the queue and the devices (see office.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devlog.h"
#include "lang.h"
#include "office.h"
#include "rating.h"
#include "visit.h"

int
office_board_state(struct ctx *c, struct board_state *bs, struct err *e)
{
	struct queue_call calls[BOARD_MAX_CALLS];
	struct window_info *wi;
	size_t n;
	int rc;

	memset(bs, 0, sizeof *bs);
	if ((rc = queue_latest_calls(c, calls, BOARD_MAX_CALLS, &n, e)) != 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		strlcpy_(bs->calls[i].number, calls[i].number,
		    sizeof bs->calls[i].number);
		bs->calls[i].window = calls[i].window;
	}
	bs->ncalls = n;
	wi = xcalloc(c->cfg->nwindows, sizeof *wi);
	if ((rc = queue_windows(c, wi, e)) == OKNO_OK) {
		for (size_t i = 0; i < c->cfg->nwindows &&
		    i < BOARD_MAX_WINDOWS; i++) {
			bs->current[i].window = wi[i].number;
			if (wi[i].state == WINDOW_SERVING)
				strlcpy_(bs->current[i].number,
				    wi[i].ticket.number,
				    sizeof bs->current[i].number);
		}
		bs->ncurrent = c->cfg->nwindows < BOARD_MAX_WINDOWS ?
		    c->cfg->nwindows : BOARD_MAX_WINDOWS;
	}
	free(wi);
	return rc;
}

static int
office_fill(void *arg, struct board_state *bs, struct err *e)
{
	return office_board_state(arg, bs, e);
}

/* Records a device's health when it changed.  Logging is best effort: a
 * full disk must not fail the command. */
static void
office_health(struct ctx *c, const char *device, const char *event,
    int64_t ticket, const char *detail)
{
	struct err e2;

	err_clear(&e2);
	(void)devlog_note(c, device, event, ticket, detail, &e2);
}

int
office_board_refresh(struct ctx *c, struct err *e)
{
	const struct config_device *dev = &c->cfg->board;
	int rc;

	if (dev->driver == NULL)
		return OKNO_OK;
	rc = board_show_fill(dev, office_fill, c, e);
	office_health(c, "board", rc == OKNO_OK ? "ok" : "error", 0,
	    rc == OKNO_OK ? NULL : e->msg);
	return rc;
}

int
office_changed(struct ctx *c, struct err *e)
{
	struct err eb, es;
	int rb, rs;

	err_clear(&eb);
	err_clear(&es);
	rb = office_board_refresh(c, &eb);
	rs = office_announce_calls(c, &es);
	if (rb != OKNO_OK && rs != OKNO_OK)
		return err_set(e, rb, _("board: %s; sound: %s"), eb.msg,
		    es.msg);
	if (rb != OKNO_OK)
		return err_set(e, rb, _("board: %s"), eb.msg);
	if (rs != OKNO_OK)
		return err_set(e, rs, _("sound: %s"), es.msg);
	return OKNO_OK;
}

int
office_print_ticket(struct ctx *c, const struct ticket *t,
    const struct estimate *est, struct printer_result *r, struct err *e)
{
	const struct config_service *svc;
	struct printer_ticket pt;
	struct err e2;
	char account[VISIT_ACCOUNT_MAX + 1], masked[VISIT_ACCOUNT_MAX + 1];
	char booked[128];
	int rc;

	memset(r, 0, sizeof *r);
	if (c->cfg->printer.driver == NULL) {
		r->status = PRINTER_ABSENT;
		return OKNO_OK;
	}
	svc = config_service(c->cfg, t->service);
	memset(&pt, 0, sizeof pt);
	pt.branch_name = c->cfg->branch_name;
	pt.service_name = svc != NULL ? svc->name : t->service;
	pt.number = t->number;
	pt.issued = t->issued_at;
	pt.people_ahead = est != NULL ? est->ahead : -1;
	pt.wait_minutes = est != NULL && !est->late ? est->minutes : -1;
	/* Nobody serving it now says more than the closing (estimate.h). */
	if (est != NULL && est->unserved)
		pt.wait_note = C_("No one serves this service now");
	else if (est != NULL && est->late)
		pt.wait_note = C_("You will probably not be served before "
		    "the office closes");
	pt.footer = c->cfg->ticket_footer;
	/* A booked client's ticket says the slot it is called from. */
	if (t->booked_at != 0) {
		struct tm tm;

		localtime_r(&t->booked_at, &tm);
		snprintf(booked, sizeof booked, C_("Booked for %02d:%02d"),
		    tm.tm_hour, tm.tm_min);
		pt.booked = booked;
	}
	/* Only the masked account leaves the database for paper. */
	err_clear(&e2);
	if (visit_ticket_account(c, t->id, account, sizeof account, &e2) ==
	    OKNO_OK && account[0] != '\0') {
		visit_mask(account, masked, sizeof masked);
		pt.account = masked;
	}
	rc = printer_print_ticket(&c->cfg->printer, &pt, r, e);
	if (rc != OKNO_OK || r->status != PRINTER_READY || !r->printed) {
		err_clear(&e2);
		(void)devlog_record(c, "printer",
		    printer_status_name(r->status), t->id, r->message, &e2);
	} else
		office_health(c, "printer", "ok", t->id, NULL);
	return rc;
}

int
office_print_slip(struct ctx *c, const struct appeal *a,
    struct printer_result *r, struct err *e)
{
	struct printer_slip slip;
	struct err e2;
	char *detail;
	int rc;

	memset(r, 0, sizeof *r);
	if (c->cfg->printer.driver == NULL) {
		r->status = PRINTER_ABSENT;
		return OKNO_OK;
	}
	memset(&slip, 0, sizeof slip);
	slip.branch_name = c->cfg->branch_name;
	slip.reg_no = a->reg_no;
	slip.registered = a->registered_at;
	slip.due_date = a->due_date;
	slip.office_phone = c->cfg->phone;
	slip.client_phone = a->phone;
	slip.footer = c->cfg->ticket_footer;
	rc = printer_print_slip(&c->cfg->printer, &slip, r, e);
	if (rc != OKNO_OK || r->status != PRINTER_READY || !r->printed) {
		/* The event names the slip: a ticket may have none. */
		detail = xasprintf("slip %s: %s", a->reg_no, r->message);
		err_clear(&e2);
		(void)devlog_record(c, "printer",
		    printer_status_name(r->status), a->ticket_id, detail, &e2);
		free(detail);
	} else
		office_health(c, "printer", "ok", a->ticket_id, NULL);
	return rc;
}

int
office_rate_keypad(struct ctx *c, int64_t ticket, int *scores,
    void (*ask)(void *, int), void *arg, struct keypad_result *r,
    struct err *e)
{
	const struct config *cfg = c->cfg;
	int rc;

	memset(r, 0, sizeof *r);
	if (cfg->keypad.driver == NULL)
		return err_set(e, OKNO_EIO, _("no keypad is configured "
		    "(devices.keypad)"));
	if (rating_may(c, ticket, e) != OKNO_OK)
		return e->code;
	for (size_t i = 0; i < cfg->ncriteria; i++)
		scores[i] = 0;
	if (keypad_survey(&cfg->keypad, (int)cfg->ncriteria, scores, ask,
	    arg, r, e) != OKNO_OK) {
		office_health(c, "keypad", "error", ticket, e->msg);
		for (size_t i = 0; i < cfg->ncriteria; i++)
			scores[i] = 0;
		return e->code;
	}
	office_health(c, "keypad", "ok", ticket, NULL);
	for (size_t i = 0; i < cfg->ncriteria; i++)
		if (scores[i] < RATING_MIN)
			scores[i] = 0;		/* skipped or unanswered */
	rc = rating_set_visit(c, ticket, scores, e);
	if (rc == OKNO_NONE)
		err_set(e, OKNO_NONE, _("the client gave no score%s"),
		    r->timed_out ? _(" (no key pressed in time)") : "");
	return rc;
}
