/* scr-booking.c: the day's bookings for staff (SPEC, "Bookings"): the list
 * of one day with each booking's time, service, status, client and phone;
 * another day; a new booking taken by phone or at the desk (the service,
 * the date, a free slot from booking_slots, the client), its code shown
 * large and its slip printed; cancel; the day's list printed for the
 * hall.  The model (booking.c) checks and stores; this screen only asks
 * and shows.
 *
 * The argument says whose screen it is: the manager's console (the full
 * phone and the code, which managers read out to a client on the phone)
 * or the supervisor's hall view, a monitor others may see: there the
 * phone shows masked and the code not at all (a code checks its client
 * in at the kiosk). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "booking.h"
#include "office.h"
#include "ui-int.h"

static const struct ui_binding booking_keys[] = {
	{ 2, "2n", UA_NEW, N_("New"), N_("book a slot for a client, by phone "
	    "or at the desk") },
	{ 3, "3c", UA_CANCEL, N_("Cancel"), N_("cancel the selected booking") },
	{ 4, "4d", UA_PERIOD, N_("Date"), N_("the bookings of another date") },
	{ 5, "5t", UA_TODAY, N_("Today"), N_("today's bookings") },
	{ 6, "6s", UA_OPEN, N_("Slip"), N_("print the selected booking's "
	    "slip again") },
	{ 7, "7p", UA_PRINT, N_("List"), N_("print the day's list for the "
	    "hall (surnames and initials, no codes or phones)") },
	/* Help lines: the arrows are handled by the screen. */
	{ 0, NULL, UA_FIND, NULL, N_("Left, Right (<, >): the day before, "
	    "the day after") },
	{ 0, NULL, UA_SORT, NULL, N_("Up, Down: choose a booking") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

struct bkscr {
	struct ui	*ui;
	int		 full;		/* the manager's view */
	int		 y, m, d;	/* the day shown */
	struct booking	*list;
	size_t		 n;
	int		 sel, top;
	int		 loaded;
};

static const char *
svc_name(struct ui *ui, int service)
{
	if (service < 0 || (size_t)service >= ui->o.cfg->nservices)
		return "?";
	return ui->o.cfg->services[service].name;
}

static void
day_of(time_t t, int *y, int *m, int *d)
{
	struct tm tm;

	localtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

static int
booking_init(struct ui *ui, void **stp, const void *arg)
{
	const int *full = arg;
	struct bkscr *s;

	if (!ui->o.cfg->bookings.set) {
		ui_status(ui, LOOK_WARN, "%s", _("this office takes no "
		    "bookings (okno.conf(5), bookings)"));
		return -1;
	}
	s = xcalloc(1, sizeof *s);
	s->ui = ui;
	s->full = full != NULL && *full;
	day_of(ui_now(ui), &s->y, &s->m, &s->d);
	*stp = s;
	return 0;
}

static void
booking_load(struct ui *ui, struct bkscr *s)
{
	struct err e;

	booking_list_free(s->list, s->n);
	s->list = NULL;
	s->n = 0;
	err_clear(&e);
	if (booking_list(ui_ctx(ui), s->y, s->m, s->d, &s->list, &s->n, &e) !=
	    OKNO_OK) {
		ui_status_err(ui, &e);
		s->list = NULL;
		s->n = 0;
	}
	if (s->sel >= (int)s->n)
		s->sel = (int)s->n - 1;
	if (s->sel < 0)
		s->sel = 0;
	s->loaded = 1;
}

/* Columns: time, code (the manager's view), service, status, name,
 * phone; the name takes what the width leaves. */
struct cols {
	int	time, code, svc, svcw, st, stw, name, namew, phone, phonew;
};

static void
cols_of(const struct bkscr *s, int w, struct cols *c)
{
	c->time = 1;
	c->code = 7;
	c->svc = s->full ? 14 : 7;
	c->svcw = w >= 100 ? 26 : 18;
	c->st = c->svc + c->svcw + 1;
	c->stw = 10;
	c->phonew = 17;
	c->phone = w - c->phonew - 1;
	c->name = c->st + c->stw + 1;
	c->namew = c->phone - c->name - 1;
}

#define ROW_HEAD	2
#define ROW_LIST	3

static void
booking_draw(struct ui *ui, void *st, unsigned what)
{
	struct bkscr *s = st;
	WINDOW *b = ui->body;
	int w = getmaxx(b), h = getmaxy(b), rows = h - ROW_LIST - 1, row;
	struct cols c;
	char buf[256], date[16], hm[8], phone[BOOKING_PHONE_MAX + 1];
	int booked = 0, arrived = 0;
	time_t today;

	if (!(what & (UI_DRAW_ALL | UI_DRAW_DATA)) && s->loaded)
		return;
	booking_load(ui, s);
	cols_of(s, w, &c);
	werase(b);
	snprintf(date, sizeof date, "%02d.%02d.%04d", s->d, s->m, s->y);
	today = date_start_of(ui_now(ui));
	if (date_start(s->y, s->m, s->d) == today)
		snprintf(buf, sizeof buf, _("Bookings for %s (today)"), date);
	else
		snprintf(buf, sizeof buf, _("Bookings for %s"), date);
	ui_text(b, 0, 1, w / 2, ui_attr(ui, LOOK_TITLE), buf);
	for (size_t i = 0; i < s->n; i++) {
		booked += s->list[i].status == BOOKING_BOOKED;
		arrived += s->list[i].status == BOOKING_ARRIVED ||
		    s->list[i].status == BOOKING_SERVED;
	}
	snprintf(buf, sizeof buf, _("%d to come, %d came"), booked, arrived);
	ui_right(b, 0, w / 2, w - w / 2 - 1, ui_attr(ui, LOOK_TITLE), buf);
	mvwhline(b, 1, 0, ACS_HLINE, w);
	ui_text(b, ROW_HEAD, c.time, 5, A_BOLD, _("Time"));
	if (s->full)
		ui_text(b, ROW_HEAD, c.code, 6, A_BOLD, _("Code"));
	ui_text(b, ROW_HEAD, c.svc, c.svcw, A_BOLD, _("Service"));
	ui_text(b, ROW_HEAD, c.st, c.stw, A_BOLD, _("Status"));
	ui_text(b, ROW_HEAD, c.name, c.namew, A_BOLD, _("Client"));
	ui_text(b, ROW_HEAD, c.phone, c.phonew, A_BOLD, _("Phone"));
	if (s->n == 0) {
		ui_text(b, ROW_LIST, 1, w - 2, ui_attr(ui, LOOK_DIM),
		    _("No bookings this day. F2: a new one; Left, Right: "
		    "another day"));
		return;
	}
	if (rows < 1)
		rows = 1;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + rows)
		s->top = s->sel - rows + 1;
	for (row = 0; row < rows && s->top + row < (int)s->n; row++) {
		const struct booking *bk = &s->list[s->top + row];
		int y = ROW_LIST + row;
		attr_t a = s->top + row == s->sel ? ui_attr(ui, LOOK_SELECT) :
		    bk->status == BOOKING_CANCELLED ||
		    bk->status == BOOKING_MISSED ? ui_attr(ui, LOOK_DIM) :
		    A_NORMAL;

		ui_text(b, y, 0, w, a, "");
		ui_fmt_hm(bk->slot_at, hm, sizeof hm);
		ui_text(b, y, c.time, 5, a, hm);
		if (s->full)
			ui_text(b, y, c.code, 6, a, bk->code);
		ui_text(b, y, c.svc, c.svcw, a, svc_name(ui, bk->service));
		ui_text(b, y, c.st, c.stw, a, booking_status_label(bk->status));
		ui_text(b, y, c.name, c.namew, a, bk->name != NULL ? bk->name :
		    "-");
		if (s->full)
			strlcpy_(phone, bk->phone != NULL ? bk->phone : "",
			    sizeof phone);
		else
			text_mask_phone(bk->phone, phone, sizeof phone);
		ui_text(b, y, c.phone, c.phonew, a, phone);
	}
	/* The selected one's remaining facts, on the last line. */
	if (s->sel >= 0 && (size_t)s->sel < s->n) {
		const struct booking *bk = &s->list[s->sel];
		size_t o;

		buf[0] = '\0';
		if (s->full && bk->account != NULL && bk->account[0] != '\0')
			snprintf(buf, sizeof buf, _("Account %s. "),
			    bk->account);
		o = strlen(buf);
		if (bk->from_hq)
			snprintf(buf + o, sizeof buf - o, "%s",
			    _("Booked at head office."));
		else if (bk->created_by != NULL)
			snprintf(buf + o, sizeof buf - o, _("Booked by %s."),
			    bk->created_by);
		o = strlen(buf);
		if (bk->ticket[0] != '\0')
			snprintf(buf + o, sizeof buf - o, _(" Ticket %s."),
			    bk->ticket);
		ui_text(b, h - 1, 1, w - 2, ui_attr(ui, LOOK_DIM), buf);
	}
}

/* ---- a new booking ---- */

/* The box that shows the new code large, and offers its slip. */
struct codebox {
	struct ui_box	 box;
	struct ui	*ui;
	const struct booking *b;
	int		 printer;
};

static void
code_place(struct ui *ui, struct ui_box *bx)
{
	struct codebox *cb = (struct codebox *)bx;
	int w = getmaxx(bx->win), h = getmaxy(bx->win), y = 2;
	char buf[256], date[32];

	ui_fmt_datetime(cb->b->slot_at, date, sizeof date);
	snprintf(buf, sizeof buf, "%s, %s", svc_name(ui, cb->b->service),
	    date);
	ui_center(bx->win, y++, 1, w - 2, A_BOLD, buf);
	ui_center(bx->win, y++, 1, w - 2, A_NORMAL, cb->b->name);
	y++;
	if (h >= 15 && ui_big_width(cb->b->code) <= w - 2) {
		ui_big(ui, bx->win, y, (w - ui_big_width(cb->b->code)) / 2,
		    ui_attr(ui, LOOK_BIG), cb->b->code);
		y += 6;
	}
	snprintf(buf, sizeof buf, _("Booking code: %s"), cb->b->code);
	ui_center(bx->win, y, 1, w - 2, ui_attr(ui, LOOK_TITLE), buf);
	ui_center(bx->win, h - 2, 1, w - 2, ui_attr(ui, LOOK_DIM),
	    cb->printer ? _("Enter: print the booking slip    Esc: close") :
	    _("Tell the client the code.  Any key: close"));
}

static void
slip_print(struct ui *ui, const struct booking *b)
{
	struct printer_result r;
	struct err e;
	int rc;

	ui_status(ui, LOOK_NORMAL, _("printing the slip of booking %s..."),
	    b->code);
	ui_flush(ui);
	err_clear(&e);
	rc = office_print_booking_slip(ui_ctx(ui), b, &r, &e);
	if (r.status == PRINTER_ABSENT && ui->o.cfg->printer.driver == NULL)
		ui_status(ui, LOOK_WARN, "%s", _("no printer is configured"));
	else if (rc == OKNO_OK && r.printed && (r.status == PRINTER_READY ||
	    r.status == PRINTER_UNKNOWN))
		ui_status(ui, LOOK_OK, _("slip of booking %s printed"),
		    b->code);
	else if (rc == OKNO_OK && r.printed)
		ui_status(ui, LOOK_WARN, _("slip of booking %s printed; "
		    "printer: %s"), b->code, r.message);
	else
		ui_status(ui, LOOK_WARN, _("slip of booking %s not printed: "
		    "%s"), b->code, r.message[0] ? r.message : e.msg);
}

static void
code_show(struct ui *ui, const struct booking *b)
{
	static const struct ui_binding keys[] = {
		{ 2, NULL, UA_PRINT, N_("Print"), N_("print the booking slip") },
		{ 10, NULL, UA_EXIT, N_("Close"), N_("close") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	const struct ui_binding *bar;
	struct codebox cb;
	struct ui_key k;
	int h = LINES - 4 < 15 ? LINES - 4 : 15, w = COLS - 2 < 64 ?
	    COLS - 2 : 64;

	memset(&cb, 0, sizeof cb);
	cb.ui = ui;
	cb.b = b;
	cb.printer = ui->o.cfg->printer.driver != NULL;
	ui_box_open(ui, &cb.box, h, w, _("Booking made"));
	cb.box.place = code_place;
	code_place(ui, &cb.box);
	/* Without a printer, nothing to print: Close alone. */
	bar = cb.printer ? keys : keys + 1;
	ui_keybar(ui, bar);
	if (ui_getkey(ui, &k, bar) == 0 && cb.printer &&
	    (k.action == UA_PRINT || (k.type == OK && (k.ch == '\r' ||
	    k.ch == '\n')) || (k.type == KEY_CODE_YES && k.ch == KEY_ENTER))) {
		ui_box_close(ui, &cb.box);
		ui_keybar_top(ui);
		slip_print(ui, b);
		return;
	}
	ui_box_close(ui, &cb.box);
	ui_keybar_top(ui);
}

/* A field check: blank, or HH:MM. */
static int
check_hm(void *arg, const char *v, struct err *e)
{
	(void)arg;
	if (v[0] == '\0' || (strlen(v) == 5 && v[0] >= '0' && v[0] <= '2' &&
	    v[1] >= '0' && v[1] <= '9' && v[2] == ':' && v[3] >= '0' &&
	    v[3] <= '5' && v[4] >= '0' && v[4] <= '9' && (v[0] < '2' ||
	    v[1] <= '3')))
		return OKNO_OK;
	return err_set(e, OKNO_EINVAL, _("Time: HH:MM, not %s (F4 lists the "
	    "free slots)"), v);
}

enum { F_DATE, F_TIME, F_NAME, F_PHONE, F_ACCOUNT, F_COUNT };

/*
 * The free slots of service on the form's date, to choose from; the
 * chosen one goes into the time field and the cursor on to the name.  A
 * date with none is refused at the date, saying why.
 */
static void
pick_slot(struct ui *ui, struct ui_formbox *fb, int service)
{
	struct booking_slot *sl = NULL;
	char **labels = NULL, hm[8], date[16];
	time_t now = ui_now(ui);
	size_t n = 0, nf = 0;
	int y, m, d, *idx = NULL, i;
	struct err e;

	ui_formbox_collect(fb);
	if (date_parse(fb->fields[F_DATE].value, &y, &m, &d) != 0) {
		err_clear(&e);
		(void)ui_check_date(NULL, fb->fields[F_DATE].value, &e);
		ui_formbox_refuse(ui, fb, F_DATE, e.msg);
		return;
	}
	err_clear(&e);
	if (booking_slots(ui_ctx(ui), service, y, m, d, &sl, &n, &e) !=
	    OKNO_OK) {
		ui_formbox_refuse(ui, fb, F_DATE, e.msg);
		return;
	}
	labels = xcalloc(n + 1, sizeof *labels);
	idx = xcalloc(n + 1, sizeof *idx);
	for (size_t k = 0; k < n; k++) {
		if (sl[k].booked >= sl[k].capacity || sl[k].at <= now)
			continue;
		ui_fmt_hm(sl[k].at, hm, sizeof hm);
		labels[nf] = xasprintf(_("%s   free %d of %d"), hm,
		    sl[k].capacity - sl[k].booked, sl[k].capacity);
		idx[nf++] = (int)k;
	}
	snprintf(date, sizeof date, "%02d.%02d.%04d", d, m, y);
	if (nf == 0) {
		char *msg = xasprintf(_("no free slot for %s on %s: try "
		    "another date"), svc_name(ui, service), date);

		ui_formbox_refuse(ui, fb, F_DATE, msg);
		free(msg);
	} else {
		char *title = xasprintf(_("Free slots on %s"), date);

		i = ui_choose(ui, title, (const char *const *)labels,
		    (int)nf, 0);
		free(title);
		if (i >= 0) {
			ui_fmt_hm(sl[idx[i]].at, hm, sizeof hm);
			ui_form_put(fb->f[F_TIME], hm);
			set_current_field(fb->form, fb->f[F_NAME]);
			ui_formbox_note(ui, fb, LOOK_NORMAL, _("F2 books the "
			    "slot; F4 on the time lists the free slots"));
			ui_status(ui, LOOK_NORMAL, "%s", "");
		}
	}
	for (size_t k = 0; k < nf; k++)
		free(labels[k]);
	free(labels);
	free(idx);
	free(sl);
}

/* The field a model's message starts with ("phone: ..."), or -1. */
static int
refused_field(const char *msg)
{
	static const struct {
		const char	*word;
		int		 field;
	} words[] = {
		{ N_("name"), F_NAME },
		{ N_("phone"), F_PHONE },
		{ N_("account"), F_ACCOUNT },
	};

	for (size_t i = 0; i < nitems(words); i++) {
		const char *w = _(words[i].word);
		size_t len = strlen(w);

		if (strncmp(msg, w, len) == 0 && msg[len] == ':')
			return words[i].field;
	}
	return -1;
}

/*
 * Books: the form's values to booking_add.  A refusal stays in the form
 * with everything typed, the model's message under the fields.
 */
static int
book_submit(struct ui *ui, struct ui_formbox *fb, int service,
    struct booking *out)
{
	struct ui_field *f = fb->fields;
	struct booking_new bn;
	char iso[32];
	time_t at;
	int64_t id;
	struct err e;

	if (f[F_NAME].value[0] == '\0') {
		ui_formbox_refuse(ui, fb, F_NAME, _("Name: the client's name "
		    "is needed"));
		return -1;
	}
	snprintf(iso, sizeof iso, "%sT%s", f[F_DATE].value, f[F_TIME].value);
	if (time_parse_iso(iso, &at) != 0) {
		ui_formbox_refuse(ui, fb, F_TIME, _("Time: HH:MM (F4 lists "
		    "the free slots)"));
		return -1;
	}
	memset(&bn, 0, sizeof bn);
	bn.service = service;
	bn.slot_at = at;
	bn.name = f[F_NAME].value;
	bn.phone = f[F_PHONE].value;
	bn.account = f[F_ACCOUNT].value;
	memset(out, 0, sizeof *out);
	err_clear(&e);
	if (booking_add(ui_ctx(ui), &bn, out->code, &id, &e) != OKNO_OK) {
		/* The model's message names what it refused, the field
		 * first when it is one: the cursor goes there. */
		ui_formbox_refuse(ui, fb, refused_field(e.msg), e.msg);
		return -1;
	}
	out->id = id;
	out->service = service;
	out->slot_at = at;
	out->status = BOOKING_BOOKED;
	out->name = xstrdup(f[F_NAME].value);
	return 0;
}

static void
book_new(struct ui *ui, struct bkscr *s)
{
	static const struct ui_binding keys[] = {
		{ 2, NULL, UA_SAVE, N_("Book"), N_("book the slot") },
		{ 4, NULL, UA_CHOOSE, N_("Slots"), N_("the free slots of the "
		    "date") },
		{ 10, NULL, UA_EXIT, N_("Cancel"), N_("cancel") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	const struct config *cfg = ui->o.cfg;
	struct ui_field f[F_COUNT];
	struct ui_formbox fb;
	struct booking made;
	struct ui_key k;
	char **labels, date[16], *title;
	int service, r, done = 0;

	labels = xcalloc(cfg->nservices, sizeof *labels);
	for (size_t i = 0; i < cfg->nservices; i++)
		labels[i] = xasprintf("%s  %s", cfg->services[i].prefix,
		    cfg->services[i].name);
	service = ui_choose(ui, _("New booking: the service"),
	    (const char *const *)labels, (int)cfg->nservices, 0);
	for (size_t i = 0; i < cfg->nservices; i++)
		free(labels[i]);
	free(labels);
	if (service < 0)
		return;
	memset(f, 0, sizeof f);
	f[F_DATE].label = _("Date");
	f[F_DATE].width = 10;
	f[F_DATE].check = ui_check_date;
	snprintf(date, sizeof date, "%04d-%02d-%02d", s->y, s->m, s->d);
	ui_field_set(&f[F_DATE], date);
	f[F_TIME].label = _("Time");
	f[F_TIME].width = 5;
	f[F_TIME].check = check_hm;
	f[F_NAME].label = _("Name");
	f[F_NAME].width = 40;
	f[F_NAME].max = 100;
	f[F_PHONE].label = _("Phone");
	f[F_PHONE].width = 20;
	f[F_PHONE].max = BOOKING_PHONE_MAX;
	f[F_ACCOUNT].label = _("Account");
	f[F_ACCOUNT].width = 20;
	f[F_ACCOUNT].max = 32;
	title = xasprintf(_("New booking: %s"), svc_name(ui, service));
	ui_formbox_open(ui, &fb, title, f, F_COUNT);
	free(title);
	ui_formbox_note(ui, &fb, LOOK_NORMAL, _("F4 lists the free slots of "
	    "the date; F2 books"));
	/* The cursor on the time: the date is usually the one shown. */
	set_current_field(fb.form, fb.f[F_TIME]);
	pos_form_cursor(fb.form);
	ui_keybar(ui, keys);
	while (!done) {
		if (ui_getkey(ui, &k, keys) != 0)
			break;
		if (k.action == UA_CHOOSE) {
			pick_slot(ui, &fb, service);
			ui_keybar(ui, keys);
			continue;
		}
		r = k.action == UA_SAVE ? ui_formbox_submit(ui, &fb) :
		    ui_formbox_key(ui, &fb, &k);
		if (r == UI_FB_CANCEL)
			break;
		if (r != UI_FB_SUBMIT)
			continue;
		if (fb.fields[F_TIME].value[0] == '\0') {
			/* No time yet: the list of free ones. */
			pick_slot(ui, &fb, service);
			ui_keybar(ui, keys);
			continue;
		}
		if (book_submit(ui, &fb, service, &made) == 0)
			done = 1;
	}
	ui_formbox_close(ui, &fb);
	ui_fields_free(f, F_COUNT);
	ui_keybar_top(ui);
	if (!done) {
		ui_status(ui, LOOK_NORMAL, "%s", _("no booking made"));
		return;
	}
	ui_status(ui, LOOK_OK, _("booked: %s, code %s"), made.name, made.code);
	ui_changed(ui);
	/* The day of the new booking, with it selected. */
	day_of(made.slot_at, &s->y, &s->m, &s->d);
	booking_load(ui, s);
	for (size_t i = 0; i < s->n; i++)
		if (s->list[i].id == made.id)
			s->sel = (int)i;
	code_show(ui, &made);
	booking_clear(&made);
	ui->dirty |= UI_DRAW_ALL | UI_DRAW_DATA;
}

static struct booking *
selected(struct ui *ui, struct bkscr *s)
{
	if (s->sel < 0 || (size_t)s->sel >= s->n) {
		ui_status(ui, LOOK_WARN, "%s", _("no booking selected"));
		return NULL;
	}
	return &s->list[s->sel];
}

static void
book_cancel(struct ui *ui, struct bkscr *s)
{
	struct booking *b = selected(ui, s);
	char hm[8], *text, code[BOOKING_CODE_LEN + 1];
	struct err e;
	int yes;

	if (b == NULL)
		return;
	if (b->status != BOOKING_BOOKED) {
		ui_status(ui, LOOK_WARN, _("only a booking still to come can be "
		    "cancelled; this one is %s"),
		    booking_status_label(b->status));
		return;
	}
	ui_fmt_hm(b->slot_at, hm, sizeof hm);
	text = xasprintf(_("Cancel the booking of %s at %s (%s)? Its slot "
	    "becomes free."), b->name != NULL ? b->name : "-", hm,
	    svc_name(ui, b->service));
	yes = ui_ask(ui, _("Cancel a booking"), text, _("cancel it"),
	    _("keep it"));
	free(text);
	if (!yes)
		return;
	strlcpy_(code, b->code, sizeof code);
	err_clear(&e);
	if (booking_cancel(ui_ctx(ui), code, &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		ui->dirty |= UI_DRAW_DATA;
		return;
	}
	ui_status(ui, LOOK_OK, _("booking at %s cancelled"), hm);
	ui_changed(ui);
	ui->dirty |= UI_DRAW_DATA;
}

static void
print_day(struct ui *ui, struct bkscr *s)
{
	struct printer_result r;
	struct err e;
	int rc;

	if (ui->o.cfg->printer.driver == NULL) {
		ui_status(ui, LOOK_WARN, "%s", _("no printer is configured"));
		return;
	}
	ui_status(ui, LOOK_NORMAL, "%s", _("printing the day's list..."));
	ui_flush(ui);
	err_clear(&e);
	rc = office_print_booking_day(ui_ctx(ui), s->y, s->m, s->d, s->list,
	    s->n, &r, &e);
	if (rc == OKNO_OK && r.printed)
		ui_status(ui, r.status == PRINTER_READY || r.status ==
		    PRINTER_UNKNOWN ? LOOK_OK : LOOK_WARN, _("the day's list "
		    "printed%s%s"), r.status == PRINTER_READY || r.status ==
		    PRINTER_UNKNOWN ? "" : "; ", r.status == PRINTER_READY ||
		    r.status == PRINTER_UNKNOWN ? "" : r.message);
	else
		ui_status(ui, LOOK_WARN, _("the day's list not printed: %s"),
		    r.message[0] ? r.message : e.msg);
}

static void
choose_date(struct ui *ui, struct bkscr *s)
{
	struct ui_field f[1];
	char date[16];

	memset(f, 0, sizeof f);
	f[0].label = _("Date");
	f[0].width = 10;
	f[0].check = ui_check_date;
	snprintf(date, sizeof date, "%04d-%02d-%02d", s->y, s->m, s->d);
	ui_field_set(&f[0], date);
	if (ui_form(ui, _("Bookings of the date"), f, 1, _("YYYY-MM-DD")) &&
	    date_parse(f[0].value, &s->y, &s->m, &s->d) == 0) {
		s->sel = s->top = 0;
		ui->dirty |= UI_DRAW_ALL | UI_DRAW_DATA;
	}
	ui_fields_free(f, 1);
}

static void
move_day(struct ui *ui, struct bkscr *s, int by)
{
	time_t t = date_start(s->y, s->m, s->d) + by * 36 * 3600;

	day_of(t, &s->y, &s->m, &s->d);
	s->sel = s->top = 0;
	ui->dirty |= UI_DRAW_ALL | UI_DRAW_DATA;
}

static void
booking_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct bkscr *s = st;
	struct booking *b;
	int nav;

	if (k->type == KEY_CODE_YES && (k->ch == KEY_LEFT ||
	    k->ch == KEY_RIGHT)) {
		move_day(ui, s, k->ch == KEY_LEFT ? -1 : 1);
		return;
	}
	if (k->type == OK && (k->ch == '<' || k->ch == '>')) {
		move_day(ui, s, k->ch == '<' ? -1 : 1);
		return;
	}
	if ((nav = ui_nav_key(k)) != 0) {
		int rows = getmaxy(ui->body) - ROW_LIST - 1;

		if (ui_scroll(nav, &s->sel, rows, (int)s->n - 1)) {
			if (s->sel >= (int)s->n)
				s->sel = (int)s->n - 1;
			if (s->sel < 0)
				s->sel = 0;
			ui->dirty |= UI_DRAW_ALL;
		}
		return;
	}
	switch (k->action) {
	case UA_NEW:
		book_new(ui, s);
		break;
	case UA_CANCEL:
		book_cancel(ui, s);
		break;
	case UA_PERIOD:
		choose_date(ui, s);
		break;
	case UA_TODAY:
		day_of(ui_now(ui), &s->y, &s->m, &s->d);
		s->sel = s->top = 0;
		ui->dirty |= UI_DRAW_ALL | UI_DRAW_DATA;
		break;
	case UA_OPEN:
		if ((b = selected(ui, s)) == NULL)
			break;
		if (b->status != BOOKING_BOOKED)
			ui_status(ui, LOOK_WARN, _("no slip: this booking is "
			    "%s"), booking_status_label(b->status));
		else if (!s->full)
			ui_status(ui, LOOK_WARN, "%s", _("the slip is printed "
			    "at a manager's console"));
		else
			slip_print(ui, b);
		break;
	case UA_PRINT:
		print_day(ui, s);
		break;
	case UA_EXIT:
		ui_pop(ui);
		break;
	default:
		break;
	}
}

static void
booking_free(void *st)
{
	struct bkscr *s = st;

	booking_list_free(s->list, s->n);
	free(s);
}

const struct screen booking_screen = {
	.name = "bookings", .keys = booking_keys,
	.common = UI_C_HELP | UI_C_BACK | UI_C_LOCK,
	.init = booking_init, .draw = booking_draw, .key = booking_key,
	.free = booking_free,
};
