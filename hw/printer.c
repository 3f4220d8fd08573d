/* printer.c: ESC/POS tickets and appeal slips: the byte streams, the
 * real-time status query and the bounded print job. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lang.h"
#include "okno.h"
#include "printer.h"
#include "transport.h"

#define ESC	0x1b
#define GS	0x1d
#define FS	0x1c
#define DLE	0x10
#define EOT	0x04
#define LF	0x0a

#define DEFAULT_CODEPAGE	17	/* PC866 on Epson */
#define DEFAULT_CHARSET		"CP866"
#define DEFAULT_COLUMNS		32	/* 58 mm paper, font A */
#define CUT_FEED		3	/* GS V A n: feed n units, then cut */
#define STATUS_MORE_MS		300	/* for answers 2 and 3 after the 1st */

static const char *const status_names[] = {
	"ready", "paper-near-end", "paper-end", "cover-open", "offline",
	"unknown", "absent", "error"
};

const char *
printer_status_name(enum printer_status s)
{
	if ((size_t)s >= nitems(status_names))
		return "error";
	return status_names[s];
}

const char *
printer_status_message(enum printer_status s)
{
	switch (s) {
	case PRINTER_READY:
		return _("The printer is ready.");
	case PRINTER_PAPER_NEAR_END:
		return _("The printer's paper is running out.");
	case PRINTER_PAPER_END:
		return _("The printer is out of paper.");
	case PRINTER_COVER_OPEN:
		return _("The printer's cover is open.");
	case PRINTER_OFFLINE:
		return _("The printer is offline.");
	case PRINTER_UNKNOWN:
		return _("The printer did not answer the status query.");
	case PRINTER_ABSENT:
		return _("The printer is not connected.");
	case PRINTER_ERROR:
	default:
		return _("The printer failed.");
	}
}

int
printer_status_prints(enum printer_status s)
{
	return s == PRINTER_READY || s == PRINTER_PAPER_NEAR_END ||
	    s == PRINTER_UNKNOWN;
}

static int
status_valid(unsigned char b)
{
	return (b & 0x93) == 0x12;
}

enum printer_status
printer_parse_status(const unsigned char *b, size_t len)
{
	int offline, cover = 0, paper_end = 0, near_end = 0;

	if (b == NULL || len == 0 || !status_valid(b[0]))
		return PRINTER_UNKNOWN;
	offline = (b[0] & 0x08) != 0;
	if (len >= 2 && status_valid(b[1])) {
		cover = (b[1] & 0x04) != 0;
		paper_end = (b[1] & 0x20) != 0;
	}
	if (len >= 3 && status_valid(b[2])) {
		paper_end |= (b[2] & 0x60) != 0;
		near_end = (b[2] & 0x0c) != 0;
	}
	if (cover)
		return PRINTER_COVER_OPEN;
	if (paper_end)
		return PRINTER_PAPER_END;
	if (offline)
		return PRINTER_OFFLINE;
	if (near_end)
		return PRINTER_PAPER_NEAR_END;
	return PRINTER_READY;
}

/* The settings of a print job, with driver defaults filled in. */
struct pjob {
	const char	*charset;
	int		 codepage;
	int		 columns;
};

static void
pjob_init(const struct config_device *dev, struct pjob *j)
{
	j->charset = dev->charset != NULL && *dev->charset != '\0' ?
	    dev->charset : DEFAULT_CHARSET;
	j->codepage = dev->codepage >= 0 ? dev->codepage : DEFAULT_CODEPAGE;
	j->columns = dev->columns > 0 ? dev->columns : DEFAULT_COLUMNS;
}

static void
esc_header(const struct config_device *dev, const struct pjob *j,
    struct hwbuf *b)
{
	hwbuf_addv(b, ESC, '@', -1);
	if (dev->kanji_off)
		hwbuf_addv(b, FS, '.', -1);
	hwbuf_addv(b, ESC, 't', j->codepage, -1);
}

static void
esc_align(struct hwbuf *b, int a)	/* 0 left, 1 centre */
{
	hwbuf_addv(b, ESC, 'a', a, -1);
}

static void
esc_rule(const struct pjob *j, struct hwbuf *b)
{
	int i;

	for (i = 0; i < j->columns; i++)
		hwbuf_addc(b, '-');
	hwbuf_addc(b, LF);
}

static void
esc_cut(struct hwbuf *b)
{
	hwbuf_addv(b, GS, 'V', 'A', CUT_FEED, -1);
}

/* One line of text, when there is any. */
static int
esc_line(const struct pjob *j, struct hwbuf *b, const char *s, int bold,
    struct err *e)
{
	int r;

	if (s == NULL || *s == '\0')
		return OKNO_OK;
	if (bold)
		hwbuf_addv(b, ESC, 'E', 1, -1);
	if ((r = hwbuf_addtext(b, s, j->charset, e)) != OKNO_OK)
		return r;
	if (bold)
		hwbuf_addv(b, ESC, 'E', 0, -1);
	hwbuf_addc(b, LF);
	return OKNO_OK;
}

/*
 * Starts a job: fails before any byte is out when the charset is unknown,
 * then resets the printer, selects the code page and centres.
 */
static int
esc_begin(const struct config_device *dev, struct pjob *j, struct hwbuf *b,
    struct err *e)
{
	int r;

	pjob_init(dev, j);
	if ((r = hwbuf_addtext(b, "", j->charset, e)) != OKNO_OK)
		return r;
	esc_header(dev, j, b);
	esc_align(b, 1);
	return OKNO_OK;
}

/* Ends a job: the footer centred, when there is one, and the cut. */
static void
esc_end(const struct pjob *j, struct hwbuf *b, const char *footer,
    struct err *e)
{
	if (footer != NULL && *footer != '\0') {
		esc_align(b, 1);
		esc_line(j, b, footer, 0, e);
	}
	esc_cut(b);
}

/* DD.MM.YYYY HH:MM, the way Russian paperwork writes it. */
static void
format_time(time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, size, "%d.%m.%Y %H:%M", &tm) == 0)
		strlcpy_(buf, "?", size);
}

int
printer_render_ticket(const struct config_device *dev,
    const struct printer_ticket *tk, struct hwbuf *b, struct err *e)
{
	struct pjob j;
	char line[256], when[64];
	int r;

	if ((r = esc_begin(dev, &j, b, e)) != OKNO_OK)
		return r;
	if ((r = esc_line(&j, b, tk->branch_name, 1, e)) != OKNO_OK ||
	    (r = esc_line(&j, b, tk->service_name, 0, e)) != OKNO_OK)
		return r;
	esc_rule(&j, b);
	esc_line(&j, b, C_("Your number"), 0, e);
	hwbuf_addv(b, GS, '!', 0x11, ESC, 'E', 1, -1);
	hwbuf_addtext(b, tk->number != NULL ? tk->number : "?", j.charset, e);
	hwbuf_addv(b, ESC, 'E', 0, GS, '!', 0x00, LF, -1);
	esc_line(&j, b, tk->booked, 1, e);
	esc_rule(&j, b);
	format_time(tk->issued, when, sizeof when);
	esc_line(&j, b, when, 0, e);
	esc_align(b, 0);
	if (tk->people_ahead >= 0) {
		snprintf(line, sizeof line, C_("People ahead: %d"),
		    tk->people_ahead);
		esc_line(&j, b, line, 0, e);
	}
	if (tk->wait_minutes >= 0) {
		snprintf(line, sizeof line, C_("Estimated wait: %d min"),
		    tk->wait_minutes);
		esc_line(&j, b, line, 0, e);
	}
	if (tk->wait_note != NULL && *tk->wait_note != '\0')
		esc_line(&j, b, tk->wait_note, 0, e);
	if (tk->account != NULL && *tk->account != '\0') {
		snprintf(line, sizeof line, _("Account: %s"), tk->account);
		esc_line(&j, b, line, 0, e);
	}
	esc_end(&j, b, tk->footer, e);
	return OKNO_OK;
}

int
printer_render_slip(const struct config_device *dev,
    const struct printer_slip *s, struct hwbuf *b, struct err *e)
{
	struct pjob j;
	char line[256], val[64], masked[64];
	int y, m, d, r;

	if ((r = esc_begin(dev, &j, b, e)) != OKNO_OK)
		return r;
	esc_line(&j, b, s->branch_name, 1, e);
	esc_line(&j, b, C_("Your appeal is registered"), 1, e);
	esc_rule(&j, b);
	esc_align(b, 0);
	snprintf(line, sizeof line, C_("Registration number: %s"),
	    s->reg_no != NULL ? s->reg_no : "?");
	esc_line(&j, b, line, 0, e);
	format_time(s->registered, val, sizeof val);
	snprintf(line, sizeof line, C_("Registered: %s"), val);
	esc_line(&j, b, line, 0, e);
	if (s->due_date != NULL && *s->due_date != '\0') {
		if (date_parse(s->due_date, &y, &m, &d) == 0)
			snprintf(val, sizeof val, "%02d.%02d.%04d", d, m, y);
		else
			strlcpy_(val, s->due_date, sizeof val);
		snprintf(line, sizeof line, C_("Answer due by: %s"), val);
		esc_line(&j, b, line, 0, e);
	}
	if (s->client_phone != NULL && *s->client_phone != '\0') {
		text_mask_phone(s->client_phone, masked, sizeof masked);
		snprintf(line, sizeof line, C_("Your phone: %s"), masked);
		esc_line(&j, b, line, 0, e);
	}
	if (s->office_phone != NULL && *s->office_phone != '\0') {
		snprintf(line, sizeof line, C_("Office phone: %s"),
		    s->office_phone);
		esc_line(&j, b, line, 0, e);
	}
	esc_end(&j, b, s->footer, e);
	return OKNO_OK;
}

int
printer_render_test(const struct config_device *dev, struct hwbuf *b,
    struct err *e)
{
	struct pjob j;
	char line[256];
	int r;

	if ((r = esc_begin(dev, &j, b, e)) != OKNO_OK)
		return r;
	esc_line(&j, b, _("okno printer test"), 1, e);
	esc_rule(&j, b);
	esc_align(b, 0);
	esc_line(&j, b, "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", 0, e);
	esc_line(&j, b, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", 0, e);
	esc_line(&j, b, "№ 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ", 0, e);
	snprintf(line, sizeof line, _("Code page: ESC t %d, %s"), j.codepage,
	    j.charset);
	esc_line(&j, b, line, 0, e);
	snprintf(line, sizeof line, _("Port: %s, %d baud"),
	    dev->port != NULL ? dev->port : "?", dev->baud);
	esc_line(&j, b, line, 0, e);
	esc_align(b, 1);
	hwbuf_addv(b, GS, '!', 0x11, ESC, 'E', 1, -1);
	hwbuf_adds(b, "A000");
	hwbuf_addv(b, ESC, 'E', 0, GS, '!', 0x00, LF, -1);
	esc_cut(b);
	return OKNO_OK;
}

int
printer_render_doc(const struct config_device *dev,
    const struct printer_doc *d, struct hwbuf *b, struct err *e)
{
	struct pjob j;
	int r, center = 1;

	if ((r = esc_begin(dev, &j, b, e)) != OKNO_OK)
		return r;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct printer_line *l = &d->lines[i];
		int c = (l->style & PRINTER_L_CENTER) != 0;

		if (l->style & PRINTER_L_RULE) {
			esc_rule(&j, b);
			continue;
		}
		if (c != center) {
			esc_align(b, c);
			center = c;
		}
		if (l->style & PRINTER_L_BIG)
			hwbuf_addv(b, GS, '!', 0x11, -1);
		if ((r = esc_line(&j, b, l->text != NULL && *l->text ?
		    l->text : " ", (l->style & PRINTER_L_BOLD) != 0, e)) !=
		    OKNO_OK)
			return r;
		if (l->style & PRINTER_L_BIG)
			hwbuf_addv(b, GS, '!', 0x00, -1);
	}
	esc_end(&j, b, d->footer, e);
	return OKNO_OK;
}

int
printer_columns(const struct config_device *dev)
{
	struct pjob j;

	pjob_init(dev, &j);
	return j.columns;
}

/* Fills r's message from its status and, for failures, e's detail. */
static int
job_result(struct printer_result *r, int code, struct err *e)
{
	const char *why = printer_status_message(r->status);

	if (code == OKNO_OK && r->status == PRINTER_UNKNOWN && r->printed)
		snprintf(r->message, sizeof r->message, "%.200s %.200s", why,
		    _("The job was sent anyway."));
	else if (code != OKNO_OK && e != NULL && e->msg[0] != '\0' &&
	    (r->status == PRINTER_ERROR || r->status == PRINTER_ABSENT))
		snprintf(r->message, sizeof r->message, "%.100s (%.400s)", why,
		    e->msg);
	else
		strlcpy_(r->message, why, sizeof r->message);
	if (code != OKNO_OK)
		err_set(e, code, "%s", r->message);
	return code;
}

/*
 * Asks DLE EOT 1, 2 and 4.  TR_OK or TR_TIMEOUT (the printer did not
 * answer, *got == 0 or short) leave the parsed status in *st; anything
 * else is a failure of the line itself.
 */
static int
query_status(struct transport *t, enum printer_status *st, size_t *got,
    struct err *e)
{
	static const unsigned char query[] = {
		DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 4
	};
	unsigned char ans[3];
	size_t more;
	int tr;

	*got = 0;
	transport_flush_input(t);
	if ((tr = transport_write(t, query, sizeof query, e)) != TR_OK)
		return tr;
	tr = transport_read(t, ans, sizeof ans, got, transport_timeout(t), e);
	if (tr == TR_OK && *got < sizeof ans) {
		/* The rest follows at once from a printer that answers. */
		tr = transport_read_full(t, ans + *got, sizeof ans - *got,
		    &more, STATUS_MORE_MS, e);
		*got += more;
	}
	if (tr != TR_OK && tr != TR_TIMEOUT)
		return tr;
	err_clear(e);
	*st = printer_parse_status(ans, *got);
	return TR_OK;
}

/*
 * The one print path: lock, status, job (NULL: status only), drain,
 * status again, close.  The second status catches what happened during
 * the job (paper ran out, the printer hung up or went silent), which a
 * pty or a USB adapter's buffer would otherwise hide: the bytes leave the
 * port long before they are printed.  Every failure ends at the single
 * close below.
 */
static int
printer_job(const struct config_device *dev, const struct hwbuf *job,
    struct printer_result *r, struct err *e)
{
	struct transport *t = NULL;
	enum printer_status after;
	size_t got = 0, got2 = 0;
	int code = OKNO_EIO, tr;

	memset(r, 0, sizeof *r);
	err_clear(e);
	if (dev == NULL || dev->driver == NULL) {
		r->status = PRINTER_ABSENT;
		err_set(e, OKNO_EIO, _("no printer is configured"));
		return job_result(r, OKNO_EIO, e);
	}
	if ((tr = transport_open(dev, TRANSPORT_LOCK_MS, &t, e)) != TR_OK) {
		r->status = tr == TR_ABSENT ? PRINTER_ABSENT : PRINTER_ERROR;
		return job_result(r, tr == TR_CONFIG ? OKNO_ECONFIG :
		    OKNO_EIO, e);
	}
	r->transport = transport_name(t);
	r->status = PRINTER_ERROR;
	if (query_status(t, &r->status, &got, e) != TR_OK) {
		r->status = PRINTER_ERROR;
		goto out;
	}
	if (job == NULL) {
		code = OKNO_OK;
		goto out;
	}
	if (!printer_status_prints(r->status))
		goto out;
	if (transport_write(t, job->p, job->len, e) != TR_OK ||
	    transport_drain(t, e) != TR_OK) {
		r->status = PRINTER_ERROR;
		goto out;
	}
	if (got > 0) {
		if (query_status(t, &after, &got2, e) != TR_OK) {
			r->status = PRINTER_ERROR;
			goto out;
		}
		if (got2 == 0) {
			r->status = PRINTER_ERROR;
			err_set(e, OKNO_EIO, _("%s: the printer stopped "
			    "answering during the job"), dev->port);
			goto out;
		}
		r->status = after;
		if (!printer_status_prints(after))
			goto out;	/* e.g. the paper ran out mid-ticket */
	}
	r->printed = 1;
	code = OKNO_OK;
out:
	transport_close(t);
	return job_result(r, code, e);
}

/* What a print job renders: one of the three documents. */
enum printer_doc_kind { DOC_TICKET, DOC_SLIP, DOC_TEST, DOC_LINES };

/* Renders doc (arg is its struct) and runs it as one job. */
static int
printer_print(const struct config_device *dev, enum printer_doc_kind doc,
    const void *arg, struct printer_result *r, struct err *e)
{
	struct hwbuf b = { 0 };
	int code = OKNO_OK;

	memset(r, 0, sizeof *r);
	if (dev != NULL && dev->driver != NULL) {
		if (doc == DOC_TICKET)
			code = printer_render_ticket(dev, arg, &b, e);
		else if (doc == DOC_SLIP)
			code = printer_render_slip(dev, arg, &b, e);
		else if (doc == DOC_LINES)
			code = printer_render_doc(dev, arg, &b, e);
		else
			code = printer_render_test(dev, &b, e);
	}
	if (code != OKNO_OK) {
		r->status = PRINTER_ERROR;
		strlcpy_(r->message, e != NULL ? e->msg : "", sizeof r->message);
	} else
		code = printer_job(dev, &b, r, e);
	hwbuf_free(&b);
	return code;
}

int
printer_print_ticket(const struct config_device *dev,
    const struct printer_ticket *tk, struct printer_result *r, struct err *e)
{
	return printer_print(dev, DOC_TICKET, tk, r, e);
}

int
printer_print_slip(const struct config_device *dev,
    const struct printer_slip *s, struct printer_result *r, struct err *e)
{
	return printer_print(dev, DOC_SLIP, s, r, e);
}

int
printer_print_test(const struct config_device *dev, struct printer_result *r,
    struct err *e)
{
	return printer_print(dev, DOC_TEST, NULL, r, e);
}

int
printer_print_doc(const struct config_device *dev, const struct printer_doc *d,
    struct printer_result *r, struct err *e)
{
	return printer_print(dev, DOC_LINES, d, r, e);
}

int
printer_status(const struct config_device *dev, struct printer_result *r,
    struct err *e)
{
	return printer_job(dev, NULL, r, e);
}
