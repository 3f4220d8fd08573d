/* booking.c: pre-booked visits (booking.h; SPEC, "Bookings"): the slots
 * of a service from the office's hours, the windows that serve it and
 * their lunch; booking, cancelling and listing; finding a booking at
 * check-in; the missed sweep and the finish hook the queue calls inside
 * its own transactions.  This module lies below the queue (queue.c calls
 * booking_sweep, booking_arrive and the finish hooks); the check-in,
 * which issues a ticket, lies above it in booking-checkin.c. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "booking.h"
#include "calendar.h"
#include "hours.h"
#include "visit.h"

static const char *const status_names[] = {
	"booked", "arrived", "missed", "cancelled", "served"
};
static const char *const status_labels[] = {
	N_("booked"), N_("arrived"), N_("missed"), N_("cancelled"),
	N_("served")
};

const char *
booking_status_name(enum booking_status s)
{
	if ((unsigned)s >= nitems(status_names))
		return NULL;
	return status_names[s];
}

const char *
booking_status_label(enum booking_status s)
{
	if ((unsigned)s >= nitems(status_labels))
		return NULL;
	return _(status_labels[s]);
}

int
booking_status_parse(const char *s)
{
	for (size_t i = 0; s != NULL && i < nitems(status_names); i++)
		if (strcmp(s, status_names[i]) == 0)
			return (int)i;
	return -1;
}

void
booking_clear(struct booking *b)
{
	free(b->hq_id);
	free(b->name);
	free(b->phone);
	free(b->account);
	free(b->created_by);
	memset(b, 0, sizeof *b);
}

void
booking_list_free(struct booking *b, size_t n)
{
	for (size_t i = 0; b != NULL && i < n; i++)
		booking_clear(&b[i]);
	free(b);
}

static int
b_configured(const struct config *cfg, struct err *e)
{
	if (!cfg->bookings.set)
		return err_set(e, OKNO_ESTATE, _("this office takes no "
		    "bookings (the configuration has no bookings group)"));
	return OKNO_OK;
}

/*
 * The capacity rule (okno.conf(5), BOOKINGS): each window that serves
 * the service and is not at its lunch at any moment of the slot could
 * serve slot / service_norm clients in it; share percent of their sum,
 * rounded down, may be booked.  Integer arithmetic, so that 50% of 1.5
 * is 0, never 1 by a rounding error.
 */
int
booking_slot_capacity(const struct config *cfg, int service, int y, int m,
    int d, int min)
{
	const struct config_bookings *b = &cfg->bookings;
	struct hours_day hd;
	long windows = 0, norm;

	if (service < 0 || (size_t)service >= cfg->nservices || b->slot <= 0)
		return 0;
	if (hours_day(cfg, y, m, d, &hd) != OKNO_OK ||
	    hd.kind == HOURS_CLOSED || min < hd.open || min + b->slot >
	    hd.close)
		return 0;
	for (size_t i = 0; i < cfg->nwindows; i++) {
		const struct config_window *w = &cfg->windows[i];
		const struct config_lunch *l;

		if (!config_window_serves(w, service))
			continue;
		l = config_window_lunch(cfg, w->number);
		if (l != NULL && l->start < min + b->slot && l->end > min)
			continue;
		windows++;
	}
	norm = cfg->services[service].service_norm;
	if (norm < 1)
		norm = 1;
	return (int)((long)b->share * windows * b->slot / (100 * norm));
}

/* Bookings that hold a place in their slot. */
#define B_HOLDING "status IN ('booked', 'arrived', 'served')"

int
booking_slots(struct ctx *c, int service, int y, int m, int d,
    struct booking_slot **out, size_t *n, struct err *e)
{
	const struct config *cfg = c->cfg;
	struct booking_slot *s = NULL;
	struct hours_day hd;
	struct stmt *st;
	size_t k = 0;
	int r, step = cfg->bookings.slot;

	*out = NULL;
	*n = 0;
	if (b_configured(cfg, e) != OKNO_OK)
		return e->code;
	if (service < 0 || (size_t)service >= cfg->nservices)
		return err_set(e, OKNO_ENOENT, _("no such service"));
	if (hours_day(cfg, y, m, d, &hd) != OKNO_OK)
		return err_set(e, OKNO_EINVAL, _("not a date: %04d-%02d-%02d"),
		    y, m, d);
	if (hd.kind == HOURS_CLOSED)
		return OKNO_OK;
	/* Slots lie on the day's grid of `slot` minutes (it divides the
	 * day), from the first one at or after the opening. */
	s = xreallocarray(NULL, (size_t)(1440 / step) + 1, sizeof *s);
	for (int min = (hd.open + step - 1) / step * step;
	    min + step <= hd.close; min += step) {
		s[k].at = hours_at(y, m, d, min);
		s[k].capacity = booking_slot_capacity(cfg, service, y, m, d,
		    min);
		s[k].booked = 0;
		k++;
	}
	if (db_prepare(c->db, &st, e, "SELECT slot_at, count(*) FROM bookings"
	    " WHERE service = :s AND slot_at >= :from AND slot_at < :to AND "
	    B_HOLDING " GROUP BY slot_at") != 0) {
		free(s);
		return e->code;
	}
	db_bind_text(st, ":s", cfg->services[service].code);
	db_bind_int(st, ":from", date_start(y, m, d));
	db_bind_int(st, ":to", hours_at(y, m, d, 1440));
	while ((r = db_step(st, e)) == DB_ROW) {
		time_t at = (time_t)db_col_int(st, 0);

		for (size_t i = 0; i < k; i++)
			if (s[i].at == at)
				s[i].booked = (int)db_col_int(st, 1);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		free(s);
		return OKNO_EDB;
	}
	*out = s;
	*n = k;
	return OKNO_OK;
}

/* A name: required, text without controls, at most BOOKING_NAME_MAX
 * bytes. */
static int
b_check_name(const char *v, struct err *e)
{
	if (text_blank(v))
		return err_set(e, OKNO_EINVAL, _("%s: required"), _("name"));
	if (text_check(v, BOOKING_NAME_MAX, 0, _("name"), e) != OKNO_OK)
		return e->code;
	if (strlen(v) > BOOKING_NAME_MAX)
		return err_set(e, OKNO_EINVAL, _("%s: longer than %d bytes"),
		    _("name"), BOOKING_NAME_MAX);
	return OKNO_OK;
}

/*
 * A phone: digits, a leading +, spaces, brackets and hyphens, at most
 * BOOKING_PHONE_MAX characters, at least 5 digits and at least the
 * digits the kiosk asks for (phone_digits).
 */
static int
b_check_phone(const struct config *cfg, const char *v, struct err *e)
{
	size_t digits = 0, len;
	int need = cfg->bookings.phone_digits > 5 ?
	    cfg->bookings.phone_digits : 5;

	if (text_blank(v))
		return OKNO_OK;
	len = strlen(v);
	if (len > BOOKING_PHONE_MAX)
		return err_set(e, OKNO_EINVAL, _("%s: longer than %d "
		    "characters"), _("phone"), BOOKING_PHONE_MAX);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)v[i];

		if (isdigit(ch))
			digits++;
		else if (!(ch == ' ' || ch == '(' || ch == ')' || ch == '-' ||
		    (ch == '+' && i == 0)))
			return err_set(e, OKNO_EINVAL, _("phone: only digits, "
			    "a leading +, brackets, hyphens and spaces are "
			    "allowed"));
	}
	if (digits < (size_t)need)
		return err_set(e, OKNO_EINVAL, _("phone: too short (at least "
		    "%d digits)"), need);
	return OKNO_OK;
}

/*
 * Whether slot_at may be booked for service at c->now: OKNO_OK, or
 * OKNO_EINVAL naming why (booking_add's refusals but the full slot).
 * *cap gets its capacity.
 */
static int
b_check_slot(struct ctx *c, int service, time_t slot_at, int *cap,
    struct err *e)
{
	const struct config *cfg = c->cfg;
	struct hours_day hd;
	struct tm tm, tn;
	char when[32], open[8], close[8];
	long days;
	int min;

	*cap = 0;
	time_format_local(slot_at, "%Y-%m-%d %H:%M", when, sizeof when);
	localtime_r(&slot_at, &tm);
	min = tm.tm_hour * 60 + tm.tm_min;
	if (tm.tm_sec != 0 || min % cfg->bookings.slot != 0)
		return err_set(e, OKNO_EINVAL, _("%s is not the start of a "
		    "slot (slots are %d min from midnight)"), when,
		    cfg->bookings.slot);
	if (slot_at < c->now)
		return err_set(e, OKNO_EINVAL, _("the slot at %s has passed"),
		    when);
	localtime_r(&c->now, &tn);
	days = calendar_day_number(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday) - calendar_day_number(tn.tm_year + 1900,
	    tn.tm_mon + 1, tn.tm_mday);
	if (days > cfg->bookings.horizon)
		return err_set(e, OKNO_EINVAL, _("the slot at %s is beyond the "
		    "booking horizon (%d days ahead)"), when,
		    cfg->bookings.horizon);
	if (hours_day(cfg, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    &hd) != OKNO_OK)
		return err_set(e, OKNO_EINVAL, _("not a date: %s"), when);
	if (hd.kind == HOURS_CLOSED)
		return err_set(e, OKNO_EINVAL, _("the office is closed on %.10s"),
		    when);
	if (min < hd.open || min + cfg->bookings.slot > hd.close) {
		hours_fmt_minute(open, sizeof open, hd.open);
		hours_fmt_minute(close, sizeof close, hd.close);
		return err_set(e, OKNO_EINVAL, _("the office is closed at %s "
		    "(open %s-%s that day)"), when, open, close);
	}
	*cap = booking_slot_capacity(cfg, service, tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, min);
	if (*cap <= 0)
		return err_set(e, OKNO_EINVAL, _("the slot at %s takes no "
		    "bookings (no window serves '%s' then)"), when,
		    cfg->services[service].code);
	return OKNO_OK;
}

/* n random bytes: getrandom(2), else /dev/urandom. */
static int
b_random(void *buf, size_t n, struct err *e)
{
	unsigned char *p = buf;
	size_t got = 0;
	ssize_t r;
	int fd;

	while (got < n) {
		r = getrandom(p + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (got == n)
		return OKNO_OK;
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) < 0)
		return err_set(e, OKNO_EIO, "/dev/urandom: %s",
		    strerror(errno));
	while (got < n) {
		r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got != n)
		return err_set(e, OKNO_EIO, "/dev/urandom: %s",
		    r < 0 ? strerror(errno) : "short read");
	return OKNO_OK;
}

/*
 * A new branch code (first digit 0-4; head office's are 5-9) no booked
 * booking has, inside the caller's transaction.  Uniform: values past the
 * largest multiple of 500000 are drawn again.
 */
#define B_CODES		500000u
static int
b_new_code(struct ctx *c, char code[BOOKING_CODE_LEN + 1], struct err *e)
{
	const uint32_t lim = UINT32_MAX - UINT32_MAX % B_CODES;
	struct stmt *st;
	uint32_t v;
	int r;

	for (int tries = 0; tries < 100; tries++) {
		if (b_random(&v, sizeof v, e) != OKNO_OK)
			return e->code;
		if (v >= lim)
			continue;
		snprintf(code, BOOKING_CODE_LEN + 1, "%06u",
		    (unsigned)(v % B_CODES));
		if (db_prepare(c->db, &st, e, "SELECT 1 FROM bookings"
		    " WHERE code = :c AND status = 'booked'") != 0)
			return e->code;
		db_bind_text(st, ":c", code);
		r = db_step(st, e);
		db_finalize(st);
		if (r == DB_ERROR)
			return OKNO_EDB;
		if (r == DB_DONE)
			return OKNO_OK;
	}
	return err_set(e, OKNO_ESTATE, _("no free booking code found"));
}

int
booking_add(struct ctx *c, const struct booking_new *bn,
    char code[BOOKING_CODE_LEN + 1], int64_t *id, struct err *e)
{
	const struct config *cfg = c->cfg;
	struct stmt *st = NULL;
	char when[32];
	int cap, booked, rc, r;

	code[0] = '\0';
	if (id != NULL)
		*id = 0;
	if (b_configured(cfg, e) != OKNO_OK)
		return e->code;
	if (c->who->role == ROLE_AUDITOR || c->who->role == ROLE_KIOSK)
		return err_set(e, OKNO_EPERM, _("only staff may book a visit"));
	if (bn->service < 0 || (size_t)bn->service >= cfg->nservices)
		return err_set(e, OKNO_ENOENT, _("no such service"));
	if (b_check_name(bn->name, e) != OKNO_OK ||
	    b_check_phone(cfg, bn->phone, e) != OKNO_OK ||
	    (!text_blank(bn->account) &&
	    visit_account_check(cfg, bn->account, e) != OKNO_OK) ||
	    b_check_slot(c, bn->service, bn->slot_at, &cap, e) != OKNO_OK)
		return e->code;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	rc = OKNO_EDB;
	/* Counted inside the write transaction: two desks booking the last
	 * place of a slot at once cannot both get it. */
	if (db_prepare(c->db, &st, e, "SELECT count(*) FROM bookings"
	    " WHERE service = :s AND slot_at = :at AND " B_HOLDING) != 0)
		goto out;
	db_bind_text(st, ":s", cfg->services[bn->service].code);
	db_bind_int(st, ":at", bn->slot_at);
	if ((r = db_step(st, e)) != DB_ROW)
		goto out;
	booked = (int)db_col_int(st, 0);
	db_finalize(st);
	st = NULL;
	if (booked >= cap) {
		time_format_local(bn->slot_at, "%Y-%m-%d %H:%M", when,
		    sizeof when);
		rc = err_set(e, OKNO_EINVAL, _("the slot at %s is full (%d of "
		    "%d booked)"), when, booked, cap);
		goto out;
	}
	if ((rc = b_new_code(c, code, e)) != OKNO_OK)
		goto out;
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "INSERT INTO bookings (code, source,"
	    " service, slot_at, status, name, phone, account, created_at,"
	    " created_by, changed_at) VALUES (:code, 'branch', :s, :at,"
	    " 'booked', :name, :phone, :acc, :now, :by, :now)") != 0)
		goto out;
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":s", cfg->services[bn->service].code);
	db_bind_int(st, ":at", bn->slot_at);
	db_bind_text(st, ":name", bn->name);
	db_bind_text(st, ":phone", text_blank(bn->phone) ? NULL : bn->phone);
	db_bind_text(st, ":acc", text_blank(bn->account) ? NULL :
	    bn->account);
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":by", c->who->login);
	rc = db_run(st, e);
	st = NULL;
	if (rc == OKNO_OK && id != NULL)
		*id = db_last_id(c->db);
out:
	db_finalize(st);
	if (rc != OKNO_OK) {
		db_rollback(c->db);
		code[0] = '\0';
		return rc;
	}
	if (db_commit(c->db, e) != OKNO_OK) {
		code[0] = '\0';
		return e->code;
	}
	return OKNO_OK;
}

/* 1 when s is a booking code: six digits. */
static int
b_is_code(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && s[i] != '\0'; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return s != NULL && i == BOOKING_CODE_LEN;
}

int
booking_cancel(struct ctx *c, const char *code, struct err *e)
{
	struct stmt *st;
	int rc;

	if (c->who->role == ROLE_AUDITOR || c->who->role == ROLE_KIOSK)
		return err_set(e, OKNO_EPERM, _("only staff may cancel a "
		    "booking"));
	if (!b_is_code(code))
		return err_set(e, OKNO_NONE, _("no booked booking with code "
		    "%s"), code);
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	/* A booking whose check-in window is over is missed, not
	 * cancelled: sweep first. */
	if ((rc = booking_sweep(c, e)) != OKNO_OK)
		goto fail;
	if ((rc = db_prepare(c->db, &st, e, "UPDATE bookings SET"
	    " status = 'cancelled', cancelled_at = :now, cancelled_by = :by,"
	    " changed_at = :now WHERE code = :code AND status = 'booked'")) !=
	    0)
		goto fail;
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":by", c->who->login);
	db_bind_text(st, ":code", code);
	if ((rc = db_run(st, e)) != OKNO_OK)
		goto fail;
	if (db_changes(c->db) == 0) {
		rc = err_set(e, OKNO_NONE, _("no booked booking with code %s"),
		    code);
		goto fail;
	}
	return db_commit(c->db, e) == OKNO_OK ? OKNO_OK : e->code;
fail:
	db_rollback(c->db);
	return rc;
}

/* The columns b_read expects, in order; b is bookings, t its ticket. */
#define B_COLS "b.id, b.code, b.source, b.hq_id, b.service, b.slot_at," \
	" b.status, b.name, b.phone, b.account, b.created_at, b.created_by," \
	" coalesce(b.arrived_at, 0), coalesce(b.ticket_id, 0)," \
	" coalesce(t.number, '') FROM bookings b" \
	" LEFT JOIN tickets t ON t.id = b.ticket_id"

static char *
b_opt(struct stmt *st, int i)
{
	return db_col_null(st, i) ? NULL : xstrdup(db_col_text(st, i));
}

static void
b_read(const struct ctx *c, struct stmt *st, struct booking *b)
{
	int s;

	memset(b, 0, sizeof *b);
	b->id = db_col_int(st, 0);
	strlcpy_(b->code, db_col_text(st, 1), sizeof b->code);
	b->from_hq = strcmp(db_col_text(st, 2), "hq") == 0;
	b->hq_id = b_opt(st, 3);
	b->service = config_service_index(c->cfg, db_col_text(st, 4));
	b->slot_at = (time_t)db_col_int(st, 5);
	s = booking_status_parse(db_col_text(st, 6));
	b->status = s < 0 ? BOOKING_CANCELLED : (enum booking_status)s;
	b->name = b_opt(st, 7);
	b->phone = b_opt(st, 8);
	b->account = b_opt(st, 9);
	b->created_at = (time_t)db_col_int(st, 10);
	b->created_by = b_opt(st, 11);
	b->arrived_at = (time_t)db_col_int(st, 12);
	b->ticket_id = db_col_int(st, 13);
	strlcpy_(b->ticket, db_col_text(st, 14), sizeof b->ticket);
}

int
booking_list(struct ctx *c, int y, int m, int d, struct booking **out,
    size_t *n, struct err *e)
{
	struct booking *v = NULL;
	struct stmt *st;
	size_t cap = 0;
	int r;

	*out = NULL;
	*n = 0;
	/* The missed ones first, so the list tells the truth; a database
	 * that can only be read (a full disk) is still listed. */
	if (db_readonly(c->db) == NULL) {
		if (db_begin(c->db, e) != OKNO_OK)
			return e->code;
		if (booking_sweep(c, e) != OKNO_OK) {
			db_rollback(c->db);
			return e->code;
		}
		if (db_commit(c->db, e) != OKNO_OK)
			return e->code;
	}
	if (db_prepare(c->db, &st, e, "SELECT " B_COLS
	    " WHERE b.slot_at >= :from AND b.slot_at < :to"
	    " ORDER BY b.slot_at, b.code") != 0)
		return e->code;
	db_bind_int(st, ":from", date_start(y, m, d));
	db_bind_int(st, ":to", hours_at(y, m, d, 1440));
	while ((r = db_step(st, e)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		b_read(c, st, &v[(*n)++]);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		booking_list_free(v, *n);
		*n = 0;
		return OKNO_EDB;
	}
	*out = v;
	return OKNO_OK;
}

int
booking_get(struct ctx *c, int64_t id, struct booking *b, struct err *e)
{
	struct stmt *st;
	int r;

	memset(b, 0, sizeof *b);
	if (db_prepare(c->db, &st, e, "SELECT " B_COLS " WHERE b.id = :id")
	    != 0)
		return e->code;
	db_bind_int(st, ":id", id);
	if ((r = db_step(st, e)) == DB_ROW)
		b_read(c, st, b);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE)
		return err_set(e, OKNO_NONE, _("no such booking"));
	return OKNO_OK;
}

/*
 * Whether b may check in at c->now: OKNO_OK; OKNO_NONE when it is no
 * longer booked (arrived, cancelled, served); OKNO_ECLOSED, naming the
 * check-in window, when c->now lies outside it or it was missed.
 */
static int
b_may_check_in(const struct ctx *c, const struct booking *b,
    struct err *e)
{
	const struct config_bookings *cb = &c->cfg->bookings;
	time_t from = b->slot_at - (time_t)cb->early * 60;
	time_t to = b->slot_at + (time_t)cb->grace * 60;
	char at[32], f[8], t[8];

	switch (b->status) {
	case BOOKING_BOOKED:
	case BOOKING_MISSED:
		break;
	case BOOKING_ARRIVED:
	case BOOKING_SERVED:
		return err_set(e, OKNO_NONE, _("booking %s has already checked "
		    "in (ticket %s)"), b->code, b->ticket[0] ? b->ticket :
		    "-");
	case BOOKING_CANCELLED:
		return err_set(e, OKNO_NONE, _("booking %s is cancelled"),
		    b->code);
	}
	time_format_local(b->slot_at, "%Y-%m-%d %H:%M", at, sizeof at);
	time_format_local(from, "%H:%M", f, sizeof f);
	time_format_local(to, "%H:%M", t, sizeof t);
	if (c->now < from)
		return err_set(e, OKNO_ECLOSED, _("too early: the booking for "
		    "%s checks in from %s to %s"), at, f, t);
	if (c->now > to || b->status == BOOKING_MISSED)
		return err_set(e, OKNO_ECLOSED, _("too late: the booking for "
		    "%s could check in from %s to %s"), at, f, t);
	return OKNO_OK;
}

int
booking_find(struct ctx *c, const char *code, struct booking *b,
    struct err *e)
{
	struct stmt *st;
	int r;

	memset(b, 0, sizeof *b);
	if (b_configured(c->cfg, e) != OKNO_OK)
		return e->code;
	if (!b_is_code(code))
		return err_set(e, OKNO_NONE, _("no booking with code %s"),
		    code);
	/* The booked one (codes are unique among those), else the latest
	 * that used the code, so that a late client hears why. */
	if (db_prepare(c->db, &st, e, "SELECT " B_COLS " WHERE b.code = :c"
	    " AND b.status IN ('booked', 'missed', 'arrived', 'served')"
	    " ORDER BY b.status = 'booked' DESC, b.slot_at DESC LIMIT 1") != 0)
		return e->code;
	db_bind_text(st, ":c", code);
	if ((r = db_step(st, e)) == DB_ROW)
		b_read(c, st, b);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE)
		return err_set(e, OKNO_NONE, _("no booking with code %s"),
		    code);
	return b_may_check_in(c, b, e);
}

/* The last n digits of phone in out (n + 1 bytes); 0 when it has fewer. */
static int
b_last_digits(const char *phone, int n, char *out)
{
	int k = 0;

	out[n] = '\0';
	for (size_t i = phone != NULL ? strlen(phone) : 0; i > 0 && k < n;
	    i--)
		if (isdigit((unsigned char)phone[i - 1]))
			out[n - ++k] = phone[i - 1];
	return k == n;
}

int
booking_find_phone(struct ctx *c, const char *digits, const char *hhmm,
    struct booking *b, struct err *e)
{
	int nd = c->cfg->bookings.phone_digits, hh, mm, r, found = 0;
	char last[16], day[16];
	struct booking x;
	struct stmt *st;
	int y, mo, d;

	memset(b, 0, sizeof *b);
	if (b_configured(c->cfg, e) != OKNO_OK)
		return e->code;
	if (nd == 0)
		return err_set(e, OKNO_ESTATE, _("bookings check in by the "
		    "code only (bookings.phone_digits is 0)"));
	if (digits == NULL || strlen(digits) != (size_t)nd ||
	    strspn(digits, "0123456789") != (size_t)nd)
		return err_set(e, OKNO_EINVAL, _("type the last %d digits of "
		    "the phone"), nd);
	if (hhmm == NULL || strlen(hhmm) != 5 || hhmm[2] != ':' ||
	    sscanf(hhmm, "%2d:%2d", &hh, &mm) != 2 || hh > 23 || mm > 59 ||
	    hh < 0 || mm < 0)
		return err_set(e, OKNO_EINVAL, _("not a time (HH:MM): %s"),
		    hhmm != NULL ? hhmm : "");
	time_format_date(c->now, day, sizeof day);
	if (date_parse(day, &y, &mo, &d) != 0)
		return err_set(e, OKNO_EINVAL, _("not a date: %s"), day);
	if (db_prepare(c->db, &st, e, "SELECT " B_COLS " WHERE b.slot_at = :at"
	    " AND b.status IN ('booked', 'missed', 'arrived', 'served')"
	    " AND b.phone IS NOT NULL ORDER BY b.id") != 0)
		return e->code;
	db_bind_int(st, ":at", hours_at(y, mo, d, hh * 60 + mm));
	while ((r = db_step(st, e)) == DB_ROW) {
		b_read(c, st, &x);
		if (!b_last_digits(x.phone, nd, last) ||
		    strcmp(last, digits) != 0) {
			booking_clear(&x);
			continue;
		}
		if (found++ == 0)
			*b = x;
		else
			booking_clear(&x);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		booking_clear(b);
		return OKNO_EDB;
	}
	if (found == 0)
		return err_set(e, OKNO_NONE, _("no booking at %s with a phone "
		    "ending in %s"), hhmm, digits);
	if (found > 1) {
		booking_clear(b);
		return err_set(e, OKNO_NONE, _("more than one booking at %s "
		    "has a phone ending in %s: use the code"), hhmm, digits);
	}
	return b_may_check_in(c, b, e);
}

int
booking_arrive(struct ctx *c, int64_t id, int64_t ticket, struct err *e)
{
	struct booking b;
	struct stmt *st;
	int rc;

	if ((rc = booking_get(c, id, &b, e)) != OKNO_OK)
		return rc;
	rc = b_may_check_in(c, &b, e);
	booking_clear(&b);
	if (rc != OKNO_OK)
		return rc;
	if (db_prepare(c->db, &st, e, "UPDATE bookings SET status = 'arrived',"
	    " arrived_at = :now, ticket_id = :t, changed_at = :now"
	    " WHERE id = :id AND status = 'booked'") != 0)
		return e->code;
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":t", ticket);
	db_bind_int(st, ":id", id);
	return db_run(st, e);
}

int
booking_sweep(struct ctx *c, struct err *e)
{
	struct stmt *st;

	/*
	 * Every queue change runs this: the partial index of the booked
	 * bookings (the future ones, a few hundred at most) answers it,
	 * not the history.
	 */
	if (db_prepare(c->db, &st, e, "UPDATE bookings INDEXED BY"
	    " bookings_code SET status = 'missed', changed_at = :now"
	    " WHERE status = 'booked' AND slot_at < :before") != 0)
		return e->code;
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":before", c->now -
	    (time_t)c->cfg->bookings.grace * 60);
	return db_run(st, e);
}

/* Moves the booking of ticket from status from to status to. */
static int
b_ticket_move(struct ctx *c, int64_t ticket, const char *from,
    const char *to, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "UPDATE bookings SET status = :to,"
	    " changed_at = :now WHERE id = (SELECT booking_id FROM tickets"
	    " WHERE id = :t) AND status = :from") != 0)
		return e->code;
	db_bind_text(st, ":to", to);
	db_bind_text(st, ":from", from);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":t", ticket);
	return db_run(st, e);
}

int
booking_ticket_finished(struct ctx *c, int64_t ticket, struct err *e)
{
	return b_ticket_move(c, ticket, "arrived", "served", e);
}

int
booking_ticket_reopened(struct ctx *c, int64_t ticket, struct err *e)
{
	return b_ticket_move(c, ticket, "served", "arrived", e);
}

