/* scr-kiosk.c: the ticket terminal: a big service menu (digits, or arrows and
 * Enter), the issued number in block letters, the people ahead and the
 * wait estimate (or that the office will close first), printer warnings;
 * outside the opening hours a page saying when it opens (the kiosk never
 * forces a ticket).  Priority is a staff decision: at a
 * client-facing terminal it takes a staff login first (the model refuses
 * a priority ticket from the kiosk role), except a configured priority
 * category the client declares in a second step (kiosk_category). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "booking.h"
#include "devlog.h"
#include "hours.h"
#include "office.h"
#include "ui-int.h"
#include "visit.h"

/* Seconds the issued number stays before the menu returns. */
#define KIOSK_SHOW_S	15
/* Seconds a typed account waits for its service: a client who walks
 * away must not leave it to the next one. */
#define KIOSK_ACCOUNT_S	60

static const struct ui_binding kiosk_keys[] = {
	{ 1, "?", UA_HELP, N_("Help"), N_("show the keys") },
	{ 2, "*", UA_PRIORITY, N_("Prio"), N_("staff: the next ticket has "
	    "priority") },
	{ 3, "#", UA_ACCOUNT, N_("Acct"), N_("your account number on "
	    "the ticket (optional)") },
	{ 10, NULL, UA_EXIT, N_("Exit"), N_("staff: leave the ticket terminal "
	    "(ESC 0 without F10)") },
	/* Offered only where bookings are taken (kiosk_booking). */
	{ 0, "0", UA_OPEN, N_("Booking"), N_("I have a booking: the code "
	    "from the booking slip") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

struct kiosk {
	struct ui		*ui;
	struct ui_menubox	 menu;
	char			**labels;
	int			 nlabels;	/* the services, then "I have
						   a booking" when bookings
						   are taken */
	int			 showing;	/* the issued ticket shows */
	int			 refused;	/* ... or why none was issued */
	char			 refused_title[256];
	char			 refused_line[256];
	time_t			 shown_at;
	struct ticket		 t;
	struct estimate		 est;
	int			 priority;	/* the next ticket */
	struct actor		 staff;		/* who allowed it */
	char			 staff_login[AUTH_LOGIN_MAX + 1];
	struct devlog		 printer;
	char			 printed[256];	/* the printer's answer */
	enum ui_look		 printed_look;
	/* The client's account for the next ticket (visit.h); wiped once
	 * used or when the issued page goes. */
	char			 account[VISIT_ACCOUNT_MAX + 1];
	time_t			 account_at;	/* typed then */
};

/* The menu's place: under the title, as many rows as fit. */
static void
kiosk_menu_place(struct ui *ui, struct kiosk *k, int *y, int *x, int *h,
    int *w)
{
	int bh = getmaxy(ui->body), bw = getmaxx(ui->body), n = k->nlabels,
	    maxw = 0;

	for (int i = 0; i < n; i++)
		if (ui_width(k->labels[i]) > maxw)
			maxw = ui_width(k->labels[i]);
	/* A blank row between services where the screen has room: easier
	 * to read from a step back. */
	k->menu.spacing = bh >= 2 * n + 5 ? 2 : 1;
	*h = k->menu.spacing * n - (k->menu.spacing - 1);
	if (*h > bh - 4)
		*h = bh - 4;
	*w = maxw + 2 < bw - 4 ? maxw + 2 : bw - 4;
	*y = 1 + 3;		/* body starts at row 1 */
	*x = (bw - *w) / 2;
}

static void	kiosk_resize(struct ui *, void *);

static int
kiosk_init(struct ui *ui, void **stp, const void *arg)
{
	struct kiosk *k = xcalloc(1, sizeof *k);
	const struct config *cfg = ui->o.cfg;
	int y, x, h, w;

	(void)arg;
	k->ui = ui;
	k->nlabels = (int)cfg->nservices + (cfg->bookings.set ? 1 : 0);
	k->labels = xcalloc((size_t)k->nlabels, sizeof *k->labels);
	for (size_t i = 0; i < cfg->nservices; i++)
		k->labels[i] = i < 9 ? xasprintf(" %zu   %s ", i + 1,
		    cfg->services[i].name) : xasprintf("     %s ",
		    cfg->services[i].name);
	/* The booked client's way in: the last choice, under the
	 * services. */
	if (cfg->bookings.set)
		k->labels[cfg->nservices] = xasprintf(" 0   %s ",
		    _("I have a booking"));
	kiosk_menu_place(ui, k, &y, &x, &h, &w);
	ui_menubox_open(ui, &k->menu, "", (const char *const *)k->labels,
	    k->nlabels, 1, y, x, h, w);
	set_menu_back(k->menu.menu, A_BOLD);
	kiosk_resize(ui, k);	/* the spacing, now that the menu exists */
	*stp = k;
	return 0;
}

static void
kiosk_resize(struct ui *ui, void *st)
{
	struct kiosk *k = st;
	int y, x, h, w;

	kiosk_menu_place(ui, k, &y, &x, &h, &w);
	ui_menubox_move(ui, &k->menu, y, x, h, w);
	if (k->showing)
		hide_panel(k->menu.box.pan);
}

static void
kiosk_draw_printer(struct ui *ui, struct kiosk *k)
{
	WINDOW *b = ui->body;
	int h = getmaxy(b), w = getmaxx(b);
	struct err e;
	char buf[256];

	err_clear(&e);
	if (devlog_last(ui_ctx(ui), "printer",
	    date_start_of(ui_ctx(ui)->now), 0, &k->printer, &e) != OKNO_OK ||
	    !k->printer.fault) {
		ui_text(b, h - 1, 0, w, A_NORMAL, "");
		return;
	}
	snprintf(buf, sizeof buf, _("Printer: %s %s. Please tell the staff; "
	    "note your number from the screen."), k->printer.event,
	    k->printer.detail);
	ui_center(b, h - 1, 0, w, ui_attr(ui, LOOK_WARN), buf);
}

/* Why no ticket was issued, and when one will be (kiosk_refuse). */
static void
kiosk_draw_refused(struct ui *ui, struct kiosk *k)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), h = getmaxy(b), y = h >= 16 ? 5 : 2;

	ui_center(b, y, 0, w, ui_attr(ui, LOOK_TITLE), k->refused_title);
	y += 2;
	ui_center(b, y, 0, w, A_BOLD, k->refused_line);
	ui_center(b, y + 3, 0, w, ui_attr(ui, LOOK_DIM), _("Any key: back to "
	    "the services"));
	kiosk_draw_printer(ui, k);
}

static void
kiosk_draw(struct ui *ui, void *st, unsigned what)
{
	struct kiosk *k = st;
	WINDOW *b = ui->body;
	int w = getmaxx(b), h = getmaxy(b), y;
	char buf[256];

	if (k->showing && ui_now(ui) - k->shown_at >= KIOSK_SHOW_S &&
	    !ui->o.fixed_clock) {
		k->showing = k->refused = 0;
		show_panel(k->menu.box.pan);
		what |= UI_DRAW_ALL;
	}
	if (k->account[0] != '\0' && !ui->o.fixed_clock &&
	    ui_now(ui) - k->account_at >= KIOSK_ACCOUNT_S) {
		memset(k->account, 0, sizeof k->account);
		what |= UI_DRAW_ALL;
	}
	if (what & UI_DRAW_DATA)
		kiosk_draw_printer(ui, k);
	if (!(what & UI_DRAW_ALL))
		return;
	for (y = 0; y < h - 1; y++)
		ui_text(b, y, 0, w, A_NORMAL, "");
	if (!k->showing) {
		ui_center(b, 1, 0, w, ui_attr(ui, LOOK_TITLE),
		    k->priority ? _("PRIORITY ticket: choose a service") :
		    _("Choose a service: press its number"));
		if (k->account[0] != '\0') {
			char masked[VISIT_ACCOUNT_MAX + 1];

			/* In the hint's place: the menu starts under it. */
			visit_mask(k->account, masked, sizeof masked);
			snprintf(buf, sizeof buf, _("Account %s: on your "
			    "ticket"), masked);
			ui_center(b, 2, 0, w, ui_attr(ui, LOOK_OK), buf);
		} else
			ui_center(b, 2, 0, w, A_NORMAL,
			    _("or arrows and Enter"));
		kiosk_draw_printer(ui, k);
		return;
	}
	if (k->refused) {
		kiosk_draw_refused(ui, k);
		return;
	}
	ui_center(b, 1, 0, w, ui_attr(ui, LOOK_TITLE), _("Your ticket"));
	y = 3;
	if (h >= 16) {
		ui_big(ui, b, y, (w - ui_big_width(k->t.number)) / 2,
		    ui_attr(ui, LOOK_BIG), k->t.number);
		y += 6;
	}
	snprintf(buf, sizeof buf, _("Ticket %s%s"), k->t.number,
	    k->t.priority ? _(" (priority)") : "");
	ui_center(b, y++, 0, w, ui_attr(ui, LOOK_TITLE), buf);
	{
		const struct config_service *s = config_service(ui->o.cfg,
		    k->t.service);

		ui_center(b, y++, 0, w, A_NORMAL, s ? s->name : k->t.service);
	}
	y++;
	if (k->t.booked_at != 0) {
		/* Booked: called from the slot time, before the others of
		 * the service, whoever is ahead now. */
		char hm[8];

		ui_fmt_hm(k->t.booked_at, hm, sizeof hm);
		snprintf(buf, sizeof buf, _("Booked for %s: you will be called "
		    "from %s"), hm, hm);
		ui_center(b, y++, 0, w, ui_attr(ui, LOOK_OK), buf);
	} else {
		if (k->est.ahead == 0)
			snprintf(buf, sizeof buf, "%s", _("No one ahead of "
			    "you"));
		else if (k->est.late || k->est.minutes < 0)
			snprintf(buf, sizeof buf, _("People ahead: %d"),
			    k->est.ahead);
		else
			snprintf(buf, sizeof buf, _("People ahead: %d.  "
			    "Estimated wait: about %d min"), k->est.ahead,
			    k->est.minutes);
		ui_center(b, y++, 0, w, A_NORMAL, buf);
		/* Never "no one ahead" alone when no one serves it
		 * either. */
		if (k->est.unserved)
			ui_center(b, y++, 0, w, ui_attr(ui, LOOK_WARN),
			    _("No one serves this service now"));
		else if (k->est.late)
			ui_center(b, y++, 0, w, ui_attr(ui, LOOK_WARN),
			    _("You will probably not be served before the "
			    "office closes"));
	}
	ui_center(b, y++, 0, w, A_NORMAL, _("Please wait for your number on "
	    "the board"));
	ui_center(b, y++, 0, w, ui_attr(ui, k->printed_look), k->printed);
	ui_center(b, y + 1, 0, w, ui_attr(ui, LOOK_DIM), _("Any key: back to "
	    "the services"));
	kiosk_draw_printer(ui, k);
}

/*
 * Asks for a staff login (manager or supervisor): priority and leaving
 * the terminal are not the client's to choose.  When someone is logged in
 * already (a supervisor opened the terminal from the hall), that is them.
 */
static int
kiosk_staff(struct ui *ui, struct kiosk *k, enum auth_right right)
{
	struct ui_field f[2];
	struct user u;
	struct err e;
	int rc;

	err_clear(&e);
	if (ui->logged_in) {
		if (!ui_may(ui, right))
			return -1;
		k->staff = ui->actor;
		return 0;
	}
	memset(f, 0, sizeof f);
	f[0].label = _("Login");
	f[0].width = 20;
	f[0].max = AUTH_LOGIN_MAX;
	f[1].label = _("Password");
	f[1].width = 20;
	f[1].max = AUTH_PASSWORD_MAX;
	f[1].flags = UI_F_SECRET;
	if (!ui_form(ui, _("Staff only"), f, 2, NULL)) {
		ui_fields_free(f, 2);
		return -1;
	}
	rc = auth_login(ui_ctx(ui), ui->o.terminal, f[0].value, f[1].value,
	    &u, NULL, &e);
	ui_fields_free(f, 2);
	if (rc == OKNO_OK)
		rc = auth_may(&(struct actor){ u.login, u.role }, right, &e);
	if (rc != OKNO_OK) {
		ui_status_err(ui, &e);
		return -1;
	}
	strlcpy_(k->staff_login, u.login, sizeof k->staff_login);
	k->staff.login = k->staff_login;
	k->staff.role = u.role;
	return 0;
}

/* Prints the ticket; the client learns what the printer did. */
static void
kiosk_print(struct ui *ui, struct kiosk *k)
{
	struct printer_result r;
	struct err e;
	int rc;

	err_clear(&e);
	/* A booked ticket's wait is its slot time, printed instead. */
	rc = office_print_ticket(ui_ctx(ui), &k->t, k->t.booked_at != 0 ?
	    NULL : &k->est, &r, &e);
	k->printed_look = LOOK_NORMAL;
	if (r.status == PRINTER_ABSENT && ui->o.cfg->printer.driver == NULL)
		snprintf(k->printed, sizeof k->printed, "%s",
		    _("Remember your number"));
	else if (rc != OKNO_OK || !r.printed) {
		snprintf(k->printed, sizeof k->printed, _("The printer failed "
		    "(%s): remember your number, please"), r.message[0] ?
		    r.message : e.msg);
		k->printed_look = LOOK_WARN;
	} else if (r.status != PRINTER_READY && r.status != PRINTER_UNKNOWN) {
		snprintf(k->printed, sizeof k->printed, _("Take your ticket. "
		    "Printer: %s"), r.message);
		k->printed_look = LOOK_WARN;
	} else
		snprintf(k->printed, sizeof k->printed, "%s",
		    _("Take your ticket from the printer"));
}

/* "today", "tomorrow" or "on 09.01.2027": the day of at seen from now. */
static void
kiosk_day(time_t now, time_t at, char *buf, size_t size)
{
	struct tm tm;
	char date[48];

	if (date_start_of(at) == date_start_of(now))
		snprintf(buf, size, "%s", _("today"));
	else if (date_start_of(at) == date_start_of(date_start_of(now) +
	    36 * 3600))
		snprintf(buf, size, "%s", _("tomorrow"));
	else {
		localtime_r(&at, &tm);
		snprintf(date, sizeof date, "%02d.%02d.%04d", tm.tm_mday,
		    tm.tm_mon + 1, tm.tm_year + 1900);
		snprintf(buf, size, _("on %s"), date);
	}
}

/*
 * The office's time refused the ticket: a page, not a status line, says
 * so to the client, with the next opening (hours.h).  The kiosk cannot
 * force a ticket; staff do that at the console or the command line.
 */
static void
kiosk_refuse(struct ui *ui, struct kiosk *k, int service)
{
	const struct config *cfg = ui->o.cfg;
	time_t now = ui_ctx(ui)->now, next;
	struct hours_now hn;
	struct tm tm;
	char day[96], when[32], closes[32];
	int have_next;

	(void)hours_is_open(cfg, now, service, &hn);
	have_next = hours_next_open(cfg, now, &next) == OKNO_OK;
	if (have_next) {
		kiosk_day(now, next, day, sizeof day);
		localtime_r(&next, &tm);
		snprintf(when, sizeof when, "%02d:%02d", tm.tm_hour,
		    tm.tm_min);
	}
	if (hn.cutoff) {
		localtime_r(&hn.closes, &tm);
		snprintf(closes, sizeof closes, "%02d:%02d", tm.tm_hour,
		    tm.tm_min);
		snprintf(k->refused_title, sizeof k->refused_title, "%s",
		    _("Tickets for this service are no longer issued today"));
		if (have_next)
			snprintf(k->refused_line, sizeof k->refused_line,
			    _("The office closes at %s. Tickets are issued "
			    "again %s at %s"), closes, day, when);
		else
			snprintf(k->refused_line, sizeof k->refused_line,
			    _("The office closes at %s"), closes);
	} else {
		if (have_next)
			snprintf(k->refused_title, sizeof k->refused_title,
			    _("The office is closed. It opens %s at %s"), day,
			    when);
		else
			snprintf(k->refused_title, sizeof k->refused_title,
			    "%s", _("The office is closed"));
		k->refused_line[0] = '\0';
	}
	k->priority = 0;
	k->refused = 1;
	k->showing = 1;
	k->shown_at = ui_now(ui);
	hide_panel(k->menu.box.pan);
	ui_status(ui, LOOK_NORMAL, "%s", "");
	ui->dirty |= UI_DRAW_ALL;
}

/*
 * With priority categories configured, the second step after the
 * service: an ordinary ticket first (Enter or 1, so ordinary clients lose
 * one key press), then the categories.  *category: NULL for ordinary.
 * -1 when the client backed out (no ticket).
 */
static int
kiosk_category(struct ui *ui, const char **category)
{
	const struct config *cfg = ui->o.cfg;
	char **labels;
	int i, n = (int)cfg->npriorities + 1;

	*category = NULL;
	if (cfg->npriorities == 0)
		return 0;
	labels = xcalloc((size_t)n, sizeof *labels);
	labels[0] = xasprintf(" 1  %s ", _("Ordinary ticket"));
	for (int j = 1; j < n; j++)
		labels[j] = j < 9 ? xasprintf(" %d  %s ", j + 1,
		    cfg->priorities[j - 1].name) : xasprintf("    %s ",
		    cfg->priorities[j - 1].name);
	i = ui_choose(ui, _("Priority service? Choose if it is yours"),
	    (const char *const *)labels, n, 0);
	for (int j = 0; j < n; j++)
		free(labels[j]);
	free(labels);
	if (i < 0)
		return -1;
	if (i > 0)
		*category = cfg->priorities[i - 1].code;
	return 0;
}

/* A ticket was issued into k->t: its page, then the printer. */
static void
kiosk_issued(struct ui *ui, struct kiosk *k)
{
	k->priority = 0;
	k->refused = 0;
	k->showing = 1;
	k->shown_at = ui_now(ui);
	k->printed[0] = '\0';
	hide_panel(k->menu.box.pan);
	ui_status(ui, LOOK_NORMAL, "%s", "");
	ui_changed(ui);
	/* The number shows before the printer, which may take seconds. */
	ui->dirty |= UI_DRAW_ALL;
	ui_flush(ui);
	kiosk_print(ui, k);
	ui->dirty |= UI_DRAW_ALL;
}

static void
kiosk_issue(struct ui *ui, struct kiosk *k, int service)
{
	const struct actor *who = ui->ctx.who;
	struct ctx *c = ui_ctx(ui);
	const char *category = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	/* Staff's priority needs no second step; the client's does. */
	if (!k->priority && kiosk_category(ui, &category) != 0) {
		ui->dirty |= UI_DRAW_ALL;
		return;
	}
	if (k->priority)
		c->who = &k->staff;
	rc = queue_issue_client(c, ui->o.cfg->services[service].code,
	    k->priority, category, k->account, 0, &k->t, &k->est, &e);
	c->who = who;
	if (rc == OKNO_OK)
		memset(k->account, 0, sizeof k->account);
	if (rc == OKNO_ECLOSED) {
		kiosk_refuse(ui, k, service);
		return;
	}
	if (rc != OKNO_OK) {
		ui_status_err(ui, &e);
		return;
	}
	kiosk_issued(ui, k);
}

/* What the booking forms found (kiosk_booking_check). */
struct kiosk_find {
	struct ui	*ui;
	int		 by_phone;	/* the second form: digits, time */
	struct booking	 b;
	int		 rc;		/* OKNO_OK or OKNO_ECLOSED; -1: no
					   code typed, ask for the phone */
	char		 why[256];	/* the check-in window, when closed */
};

/*
 * The booking forms' check: the code, or the phone's last digits with
 * the time.  A booking found (in its check-in window or not) closes the
 * form; none found keeps it, in plain words, for another try.
 */
static int
kiosk_booking_check(void *arg, struct ui_field *f, struct err *e)
{
	struct kiosk_find *kf = arg;
	struct ctx *c = ui_ctx(kf->ui);
	int rc, phone = kf->ui->o.cfg->bookings.phone_digits > 0;

	booking_clear(&kf->b);
	if (kf->by_phone)
		rc = booking_find_phone(c, f[0].value, f[1].value, &kf->b, e);
	else if (f[0].value[0] == '\0') {
		if (phone) {
			kf->rc = -1;
			return OKNO_OK;
		}
		f[0].bad = 1;
		return err_set(e, OKNO_EINVAL, "%s", _("Type the code from "
		    "your booking slip"));
	} else if (strlen(f[0].value) != BOOKING_CODE_LEN) {
		f[0].bad = 1;
		return err_set(e, OKNO_EINVAL, _("The booking code has %d "
		    "digits: see your booking slip"), BOOKING_CODE_LEN);
	} else
		rc = booking_find(c, f[0].value, &kf->b, e);
	if (rc == OKNO_OK || rc == OKNO_ECLOSED) {
		kf->rc = rc;
		strlcpy_(kf->why, e->msg, sizeof kf->why);
		return OKNO_OK;
	}
	booking_clear(&kf->b);
	f[0].bad = 1;
	if (rc == OKNO_NONE && !kf->by_phone)
		return err_set(e, OKNO_NONE, _("No booking with code %s waits "
		    "today. Check the code and type it again."), f[0].value);
	return rc;
}

/*
 * "I have a booking": the code; where the office allows it, a blank
 * code asks for the phone's last digits and the time instead.  On time,
 * the ticket of the booking (booking_checkin), which says its slot time;
 * too early or too late, the check-in window and an ordinary ticket of
 * the service offered instead.
 */
static void
kiosk_booking(struct ui *ui, struct kiosk *k)
{
	const struct config *cfg = ui->o.cfg;
	struct ui_field f[2];
	struct kiosk_find kf;
	struct ticket t;
	struct err e;
	char label[96], *text;
	int phone = cfg->bookings.phone_digits > 0, rc;

	memset(f, 0, sizeof f);
	memset(&kf, 0, sizeof kf);
	kf.ui = ui;
	f[0].label = _("Booking code");
	f[0].width = BOOKING_CODE_LEN;
	f[0].max = BOOKING_CODE_LEN;
	f[0].flags = UI_F_DIGITS;
	rc = ui_form_check(ui, _("I have a booking"), f, 1, phone ?
	    _("The 6 digits from your booking slip. No code? Enter: your "
	    "phone instead. Esc: back") : _("The 6 digits from your "
	    "booking slip. Esc: back"), kiosk_booking_check, &kf);
	ui_fields_free(f, 1);
	if (rc && kf.rc == -1) {
		kf.by_phone = 1;
		kf.rc = 0;
		memset(f, 0, sizeof f);
		snprintf(label, sizeof label, _("Phone's last %d digits"),
		    cfg->bookings.phone_digits);
		f[0].label = label;
		f[0].width = cfg->bookings.phone_digits;
		f[0].max = cfg->bookings.phone_digits;
		f[0].flags = UI_F_DIGITS;
		f[1].label = _("Time booked");
		f[1].width = 5;
		f[1].max = 5;
		rc = ui_form_check(ui, _("I have a booking"), f, 2,
		    _("The last digits of the phone you booked with, and the "
		    "time as HH:MM. Esc: back"), kiosk_booking_check, &kf);
		ui_fields_free(f, 2);
	}
	ui->dirty |= UI_DRAW_ALL;
	if (!rc) {
		booking_clear(&kf.b);
		return;
	}
	err_clear(&e);
	if (kf.rc == OKNO_OK) {
		rc = booking_checkin(ui_ctx(ui), kf.b.id, &t, &e);
		if (rc == OKNO_OK) {
			booking_clear(&kf.b);
			memset(&k->est, 0, sizeof k->est);
			k->t = t;
			kiosk_issued(ui, k);
			return;
		}
		if (rc != OKNO_ECLOSED) {
			booking_clear(&kf.b);
			ui_status_err(ui, &e);
			return;
		}
		strlcpy_(kf.why, e.msg, sizeof kf.why);
	}
	/* Outside its window: the window said, an ordinary ticket
	 * offered. */
	text = xasprintf(_("%s.  Take an ordinary ticket for \"%s\" "
	    "instead?"), kf.why, kf.b.service >= 0 && (size_t)kf.b.service <
	    cfg->nservices ? cfg->services[kf.b.service].name : "?");
	rc = ui_ask(ui, _("Your booking"), text, _("an ordinary ticket"),
	    _("back"));
	free(text);
	if (rc && kf.b.service >= 0 && (size_t)kf.b.service < cfg->nservices)
		kiosk_issue(ui, k, kf.b.service);
	booking_clear(&kf.b);
	ui->dirty |= UI_DRAW_ALL;
}

/* The account form's check: digits, the configured pattern. */
static int
kiosk_account_check(void *arg, struct ui_field *f, struct err *e)
{
	struct ui *ui = arg;

	return visit_account_check(ui->o.cfg, f[0].value, e);
}

/*
 * The client types their account for the next ticket; blank takes it
 * away.  Nothing is stored until the ticket is issued.
 */
static void
kiosk_account(struct ui *ui, struct kiosk *k)
{
	struct ui_field f[1];
	char hint[64], note[160];

	memset(f, 0, sizeof f);
	f[0].label = _("Account");
	f[0].width = VISIT_ACCOUNT_MAX / 2;
	f[0].max = VISIT_ACCOUNT_MAX;
	f[0].flags = UI_F_DIGITS;
	visit_account_hint(ui->o.cfg, hint, sizeof hint);
	snprintf(note, sizeof note, _("%s; then choose the service. "
	    "Esc: without it"), hint);
	if (ui_form_check(ui, _("Your account number"), f, 1, note,
	    kiosk_account_check, ui)) {
		strlcpy_(k->account, f[0].value, sizeof k->account);
		k->account_at = ui_now(ui);
	}
	ui_fields_free(f, 1);
	ui->dirty |= UI_DRAW_ALL;
}

static void
kiosk_key(struct ui *ui, void *st, const struct ui_key *key)
{
	struct kiosk *k = st;
	int i;

	if (key->action == UA_EXIT) {
		if (kiosk_staff(ui, k, AUTH_WORK_WINDOW) == 0)
			ui_pop(ui);
		return;
	}
	if (key->action == UA_PRIORITY) {
		if (k->priority)
			k->priority = 0;
		else if (kiosk_staff(ui, k, AUTH_ISSUE_PRIORITY) == 0)
			k->priority = 1;
		ui->dirty |= UI_DRAW_ALL;
		return;
	}
	if (k->showing) {
		k->showing = k->refused = 0;
		show_panel(k->menu.box.pan);
		ui->dirty |= UI_DRAW_ALL;
		return;
	}
	if (key->action == UA_ACCOUNT) {
		kiosk_account(ui, k);
		return;
	}
	if (key->action == UA_OPEN) {
		if (ui->o.cfg->bookings.set)
			kiosk_booking(ui, k);
		return;
	}
	if ((i = ui_menubox_key(ui, &k->menu, key)) >= 0) {
		if ((size_t)i == ui->o.cfg->nservices)
			kiosk_booking(ui, k);
		else
			kiosk_issue(ui, k, i);
	}
}

static void
kiosk_free(void *st)
{
	struct kiosk *k = st;

	ui_menubox_close(k->ui, &k->menu);
	memset(k->account, 0, sizeof k->account);
	for (int i = 0; i < k->nlabels; i++)
		free(k->labels[i]);
	free(k->labels);
	free(k);
}

const struct screen kiosk_screen = {
	/* Client-facing: its own Help (?, the digits choose) and Exit
	 * (staff only), and no lock. */
	.name = "kiosk", .keys = kiosk_keys,
	.common = 0,
	.init = kiosk_init, .draw = kiosk_draw, .key = kiosk_key,
	.resize = kiosk_resize, .free = kiosk_free,
};
