/* booking-paper.c: bookings on paper: the client's booking slip and the
 * day's list left in the hall, laid out here as lines for the ticket
 * printer (printer_print_doc), in the branch's language (lang.h).
 *
 * What the hall's list shows is decided here, for a paper anyone in the
 * hall may read: the slot time, the service's letter, the client's
 * surname with initials and the status; never the code (it would let
 * anyone check in as the client), the phone or the account. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devlog.h"
#include "lang.h"
#include "office.h"

/* Lines of the day's list before it is cut short (a roll, not a book). */
#define DAY_MAX_LINES	400

struct doc {
	struct printer_line	*l;
	char			**own;
	size_t			 n, cap;
};

static void
doc_add(struct doc *d, int style, char *text)	/* text: owned, or NULL */
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->l = xreallocarray(d->l, d->cap, sizeof *d->l);
		d->own = xreallocarray(d->own, d->cap, sizeof *d->own);
	}
	d->l[d->n].text = text;
	d->l[d->n].style = style;
	d->own[d->n] = text;
	d->n++;
}

/* Bytes of the UTF-8 character at p. */
static size_t
u8len(const char *p)
{
	size_t n = 1;

	while ((((const unsigned char *)p)[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/*
 * A paragraph (owned) as lines of at most cols characters, broken at
 * blanks where it can: the printer itself would break words anywhere.
 */
static void
doc_para(struct doc *d, int style, char *text, int cols)
{
	const char *p = text;

	while (*p != '\0') {
		const char *end = p, *brk = NULL;
		int n = 0;

		while (*end != '\0' && n < cols) {
			if (*end == ' ')
				brk = end;
			end += u8len(end);
			n++;
		}
		if (*end != '\0' && *end != ' ' && brk != NULL && brk > p)
			end = brk;
		doc_add(d, style, xasprintf("%.*s", (int)(end - p), p));
		p = end;
		while (*p == ' ')
			p++;
	}
	free(text);
}

static void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->own[i]);
	free(d->l);
	free(d->own);
}

/* The date on paper: DD.MM.YYYY, branch-local. */
#define PAPER_DATE	"%d.%m.%Y"

static void
fmt_hm(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(buf, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* One job, its outcome recorded as the printer's health like a ticket's
 * (tied to ticket 0: a booking has none yet). */
static int
print_doc(struct ctx *c, const struct printer_doc *pd, const char *what,
    struct printer_result *r, struct err *e)
{
	struct err e2;
	char *detail;
	int rc;

	rc = printer_print_doc(&c->cfg->printer, pd, r, e);
	err_clear(&e2);
	if (rc != OKNO_OK || r->status != PRINTER_READY || !r->printed) {
		detail = xasprintf("%s: %s", what, r->message);
		(void)devlog_record(c, "printer",
		    printer_status_name(r->status), 0, detail, &e2);
		free(detail);
	} else
		(void)devlog_note(c, "printer", "ok", 0, NULL, &e2);
	return rc;
}

int
office_print_booking_slip(struct ctx *c, const struct booking *b,
    struct printer_result *r, struct err *e)
{
	const struct config *cfg = c->cfg;
	struct printer_doc pd;
	struct doc d = { 0 };
	char date[48], hm[32], from[32], to[32];
	int cols, rc;

	memset(r, 0, sizeof *r);
	if (cfg->printer.driver == NULL) {
		r->status = PRINTER_ABSENT;
		return OKNO_OK;
	}
	cols = printer_columns(&cfg->printer);
	time_format_local(b->slot_at, PAPER_DATE, date, sizeof date);
	fmt_hm(b->slot_at, hm, sizeof hm);
	fmt_hm(b->slot_at - cfg->bookings.early * 60, from, sizeof from);
	fmt_hm(b->slot_at + cfg->bookings.grace * 60, to, sizeof to);
	doc_add(&d, PRINTER_L_BOLD | PRINTER_L_CENTER,
	    xasprintf("%s", cfg->branch_name));
	doc_add(&d, PRINTER_L_BOLD | PRINTER_L_CENTER,
	    xasprintf("%s", C_("Your booking")));
	doc_add(&d, PRINTER_L_RULE, NULL);
	if (b->service >= 0 && (size_t)b->service < cfg->nservices)
		doc_add(&d, 0, xasprintf("%s",
		    cfg->services[b->service].name));
	doc_add(&d, PRINTER_L_BOLD, xasprintf(C_("Date and time: %s %s"),
	    date, hm));
	doc_add(&d, PRINTER_L_CENTER, xasprintf("%s", C_("Booking code")));
	doc_add(&d, PRINTER_L_BIG | PRINTER_L_BOLD | PRINTER_L_CENTER,
	    xasprintf("%s", b->code));
	doc_add(&d, PRINTER_L_RULE, NULL);
	doc_para(&d, 0, xasprintf(C_("Check in at the ticket terminal from "
	    "%s to %s: choose \"I have a booking\" and type the code. "
	    "Your ticket will be called from %s."), from, to, hm), cols);
	if (cfg->address != NULL && *cfg->address != '\0')
		doc_para(&d, 0, xasprintf(C_("Address: %s"), cfg->address),
		    cols);
	if (cfg->phone != NULL && *cfg->phone != '\0')
		doc_add(&d, 0, xasprintf(C_("Office phone: %s"), cfg->phone));
	memset(&pd, 0, sizeof pd);
	pd.lines = d.l;
	pd.nlines = d.n;
	pd.footer = cfg->ticket_footer;
	rc = print_doc(c, &pd, "booking slip", r, e);
	doc_free(&d);
	return rc;
}

/*
 * A name as the hall's paper shows it: the first word whole (the
 * surname), each later word as its initial and a dot: "Иванова М. П.".
 * Controls are blanks (the printer would take them as commands).
 */
void
office_booking_short_name(const char *name, char *out, size_t size)
{
	size_t o = 0;
	int word = 0, inword = 0;

	if (size == 0)
		return;
	for (const unsigned char *p = (const unsigned char *)(name ? name :
	    ""); *p != '\0' && o + 8 < size; ) {
		size_t len = 1;

		if (*p >= 0xc0)
			while ((p[len] & 0xc0) == 0x80 && len < 4)
				len++;
		if (*p <= ' ' || *p == 0x7f) {
			inword = 0;
			p++;
			continue;
		}
		if (!inword) {
			inword = 1;
			if (word++ > 0) {
				out[o++] = ' ';
				memcpy(out + o, p, len);
				o += len;
				out[o++] = '.';
				p += len;
				continue;
			}
		}
		if (word == 1) {
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	out[o] = '\0';
}

/* A status other than booked, on the hall's paper (the staff's words,
 * booking_status_label, are in the process's language). */
static const char *
paper_status(enum booking_status s)
{
	switch (s) {
	case BOOKING_ARRIVED:
		return C_("(arrived)");
	case BOOKING_MISSED:
		return C_("(missed)");
	case BOOKING_SERVED:
		return C_("(served)");
	case BOOKING_CANCELLED:
		return C_("(cancelled)");
	default:
		return "";
	}
}

/* Characters of UTF-8 text, at most max, into out. */
static void
clip_chars(const char *s, size_t max, char *out, size_t size)
{
	size_t o = 0, n = 0;

	for (; *s != '\0' && n < max; n++) {
		size_t len = 1;

		while ((((unsigned char)s[len]) & 0xc0) == 0x80)
			len++;
		if (o + len >= size)
			break;
		memcpy(out + o, s, len);
		o += len;
		s += len;
	}
	out[o] = '\0';
}

int
office_print_booking_day(struct ctx *c, int y, int m, int dd,
    const struct booking *list, size_t n, struct printer_result *r,
    struct err *e)
{
	const struct config *cfg = c->cfg;
	struct printer_doc pd;
	struct doc d = { 0 };
	char date[48], hm[32], name[BOOKING_NAME_MAX + 1], cut[BOOKING_NAME_MAX
	    + 1], printed[96];
	unsigned char *used;
	size_t shown = 0;
	int cols, rc;

	memset(r, 0, sizeof *r);
	if (cfg->printer.driver == NULL) {
		r->status = PRINTER_ABSENT;
		return OKNO_OK;
	}
	cols = printer_columns(&cfg->printer);
	used = xcalloc(cfg->nservices + 1, 1);
	snprintf(date, sizeof date, "%02d.%02d.%04d", dd, m, y);
	doc_add(&d, PRINTER_L_BOLD | PRINTER_L_CENTER,
	    xasprintf("%s", cfg->branch_name));
	doc_add(&d, PRINTER_L_BOLD | PRINTER_L_CENTER,
	    xasprintf(C_("Bookings for %s"), date));
	doc_add(&d, PRINTER_L_RULE, NULL);
	for (size_t i = 0; i < n && d.n < DAY_MAX_LINES; i++) {
		const struct booking *b = &list[i];
		const char *prefix = "?", *st = "";
		int room;

		if (b->status == BOOKING_CANCELLED)
			continue;
		if (b->service >= 0 && (size_t)b->service < cfg->nservices) {
			prefix = cfg->services[b->service].prefix;
			used[b->service] = 1;
		}
		if (b->status != BOOKING_BOOKED)
			st = paper_status(b->status);
		fmt_hm(b->slot_at, hm, sizeof hm);
		office_booking_short_name(b->name != NULL ? b->name : "-",
		    name, sizeof name);
		/* "10:30 A " then the name, the status at the end when it
		 * is not booked; the name gives way. */
		room = cols - 6 - (int)utf8_len(prefix) - 1 -
		    (st[0] ? (int)utf8_len(st) + 1 : 0);
		if (room < 4)
			room = 4;
		clip_chars(name, (size_t)room, cut, sizeof cut);
		doc_add(&d, 0, xasprintf("%s %s %s%s%s", hm, prefix, cut,
		    st[0] ? " " : "", st));
		shown++;
	}
	if (shown == 0)
		doc_add(&d, 0, xasprintf("%s", C_("No bookings")));
	doc_add(&d, PRINTER_L_RULE, NULL);
	for (size_t i = 0; i < cfg->nservices; i++)
		if (used[i])
			doc_add(&d, 0, xasprintf("%s - %s",
			    cfg->services[i].prefix, cfg->services[i].name));
	{
		char when[32], dt[48];

		time_format_local(c->now, PAPER_DATE, dt, sizeof dt);
		fmt_hm(c->now, when, sizeof when);
		snprintf(printed, sizeof printed, "%s %s", dt, when);
	}
	doc_add(&d, 0, xasprintf(C_("Bookings: %zu, printed %s"), shown,
	    printed));
	memset(&pd, 0, sizeof pd);
	pd.lines = d.l;
	pd.nlines = d.n;
	rc = print_doc(c, &pd, "bookings list", r, e);
	doc_free(&d);
	free(used);
	return rc;
}
