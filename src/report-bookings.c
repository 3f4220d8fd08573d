/* report-bookings.c: the bookings section of the report (issue 15 item 5;
 * SPEC "Bookings"): bookings made for the period and what became of them,
 * their punctuality, and the wait of booked against walk-in clients.
 *
 * Definitions, for the bookings whose slot starts on a branch-local day
 * of [from, to] (so a booking made today for next week counts next week):
 *   bookings   all of them, whatever their status;
 *   cancelled, missed   by status;
 *   arrived    checked in (status arrived or served: they have a ticket);
 *   served     of those, their ticket finished (status served);
 *   called     arrived bookings whose ticket was called at least once;
 *   punctual   of those, first called at or before the slot start plus
 *              bookings.grace minutes; punctual_pct = punctual / called
 *              (a checked-in client not called yet, or whose ticket was
 *              cancelled, is in neither: the share does not move while
 *              they still wait);
 *   booked wait  of the called ones (SPEC "Time semantics"), except that
 *              the first wait counts from the later of the issue and the
 *              slot start: a client who came early waits for the slot
 *              they chose, not for the office.  Later waits (after a
 *              transfer or a postponement) count whole, as everyone's.
 * Walk-in figures are the tickets without a booking issued in the period
 * (branch-local issue date, as every report) and their waits as the queue
 * report counts them (the tickets called at least once).  Rows: all,
 * service (the booked service; for walk-ins the ticket's final service)
 * and source (branch, hq; no walk-in figures).
 *
 * Percentiles by nearest rank, exact: waits below BW_FINE seconds are
 * counted in 1-second buckets (57.6 kB a row and kind, allocated at the
 * first value), longer ones (none in a working office) kept and sorted.
 * So memory stays bounded for a period of years.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "report-int.h"
#include "report.h"

#define BW_FINE		14400	/* four hours of 1-second buckets */
#define BW_VMAX		INT64_C(1000000000000)

/* The waits of one row and kind. */
struct bwait {
	int64_t	  n, sum;
	uint32_t *fine;		/* BW_FINE buckets, NULL until needed */
	int64_t	 *big;		/* values >= BW_FINE */
	size_t	  nbig, cap;
};

struct bacc {
	struct report_gkey	 g;	/* first: report_gkey_cmp */
	int64_t		 bookings, cancelled, missed, arrived, served;
	int64_t		 called, punctual, walkin;
	int		 has_walkin;
	struct bwait	 booked, walk;
};

struct bstate {
	struct bacc	*acc;
	size_t		 n, cap;
};

static void
bw_add(struct bwait *w, int64_t v)
{
	v = v < 0 ? 0 : v > BW_VMAX ? BW_VMAX : v;
	w->n++;
	w->sum += v;
	if (v < BW_FINE) {
		if (w->fine == NULL)
			w->fine = xcalloc(BW_FINE, sizeof *w->fine);
		w->fine[v]++;
		return;
	}
	if (w->nbig == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->big = xreallocarray(w->big, w->cap, sizeof *w->big);
	}
	w->big[w->nbig++] = v;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The r-th smallest value (1-based); the big ones sorted already. */
static int64_t
bw_nth(const struct bwait *w, int64_t r)
{
	int64_t cum = 0;

	if (w->fine != NULL)
		for (int64_t v = 0; v < BW_FINE; v++)
			if ((cum += w->fine[v]) >= r)
				return v;
	return w->big[r - cum - 1];
}

static void
bw_result(struct bwait *w, struct report_booking_wait *out)
{
	memset(out, 0, sizeof *out);
	if ((out->n = w->n) == 0)
		return;
	if (w->nbig > 1)	/* big is NULL when nothing went there */
		qsort(w->big, w->nbig, sizeof *w->big, cmp_i64);
	out->avg = report_round_div(w->sum, w->n);
	out->median = bw_nth(w, report_rank(50, w->n));
	out->p90 = bw_nth(w, report_rank(90, w->n));
}

static void
bw_free(struct bwait *w)
{
	free(w->fine);
	free(w->big);
}

static size_t
b_row(struct bstate *s, const char *group, const char *key, int order)
{
	size_t i;

	s->acc = report_gkey_row(s->acc, &s->n, &s->cap, sizeof *s->acc, group,
	    key, order, &i);
	/* The source rows (branch, hq) have no walk-ins to set against. */
	s->acc[i].has_walkin = strcmp(group, "source") != 0;
	return i;
}

/* The period as [lo, hi): from's local midnight to the one after to. */
static int
b_span(const char *from, const char *to, time_t *lo, time_t *hi)
{
	int y, m, d;

	if (date_parse(from, &y, &m, &d) != 0 ||
	    (*lo = date_start(y, m, d)) == (time_t)-1 ||
	    date_parse(to, &y, &m, &d) != 0)
		return -1;
	calendar_from_day_number(calendar_day_number(y, m, d) + 1, &y, &m,
	    &d);
	return (*hi = date_start(y, m, d)) == (time_t)-1 ? -1 : 0;
}

/* The bookings of the period into their rows. */
static int
b_bookings(struct ctx *c, struct bstate *s, time_t lo, time_t hi,
    struct err *e)
{
	struct stmt *st;
	int64_t grace = (int64_t)c->cfg->bookings.grace * 60;
	int k;

	if (db_prepare(c->db, &st, e, "SELECT b.service, b.source, b.status,"
	    " b.slot_at, coalesce(t.calls, 0) > 0, (SELECT min(v.at) FROM"
	    " ticket_events v WHERE v.ticket_id = t.id AND v.event ="
	    " 'called'), t.issued_at, coalesce(t.wait_s, 0)"
	    " FROM bookings b LEFT JOIN tickets t ON t.id = b.ticket_id"
	    " WHERE b.slot_at >= :lo AND b.slot_at < :hi") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":lo", lo);
	db_bind_int(st, ":hi", hi);
	while ((k = db_step(st, e)) == DB_ROW) {
		const char *svc = db_col_text(st, 0), *status;
		size_t rows[3];
		int arrived, called, punctual;
		int64_t slot, first, issued, wait = 0;

		rows[0] = 0;
		rows[1] = b_row(s, "service", svc,
		    config_service_index(c->cfg, svc));
		rows[2] = b_row(s, "source", db_col_text(st, 1),
		    strcmp(db_col_text(st, 1), "branch") == 0 ? 0 : 1);
		status = db_col_text(st, 2);
		slot = db_col_int(st, 3);
		arrived = strcmp(status, "arrived") == 0 ||
		    strcmp(status, "served") == 0;
		called = arrived && db_col_int(st, 4) != 0 &&
		    !db_col_null(st, 5);
		first = db_col_int(st, 5);
		issued = db_col_int(st, 6);
		punctual = called && first <= slot + grace;
		if (called) {
			int64_t before = first - issued;

			/* The first wait's part before the slot. */
			if (slot - issued < before)
				before = slot - issued;
			wait = db_col_int(st, 7) - (before > 0 ? before : 0);
		}
		for (size_t i = 0; i < nitems(rows); i++) {
			struct bacc *a = &s->acc[rows[i]];

			a->bookings++;
			a->cancelled += strcmp(status, "cancelled") == 0;
			a->missed += strcmp(status, "missed") == 0;
			a->arrived += arrived;
			a->served += strcmp(status, "served") == 0;
			a->called += called;
			a->punctual += punctual;
			if (called)
				bw_add(&a->booked, wait);
		}
	}
	db_finalize(st);
	return k == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/* The walk-in tickets of the period into the all and service rows. */
static int
b_walkins(struct ctx *c, struct bstate *s, const char *from,
    const char *to, struct err *e)
{
	struct stmt *st;
	int k;

	/* The range on day uses the (day, prefix, seq) index. */
	if (db_prepare(c->db, &st, e, "SELECT service, calls > 0, wait_s"
	    " FROM tickets WHERE day BETWEEN :from AND :to"
	    " AND booking_id IS NULL") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", to);
	while ((k = db_step(st, e)) == DB_ROW) {
		const char *svc = db_col_text(st, 0);
		size_t rows[2];

		rows[0] = 0;
		rows[1] = b_row(s, "service", svc,
		    config_service_index(c->cfg, svc));
		for (size_t i = 0; i < nitems(rows); i++) {
			struct bacc *a = &s->acc[rows[i]];

			a->walkin++;
			if (db_col_int(st, 1) != 0)
				bw_add(&a->walk, db_col_int(st, 2));
		}
	}
	db_finalize(st);
	return k == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

static void
b_free_state(struct bstate *s)
{
	for (size_t i = 0; i < s->n; i++) {
		bw_free(&s->acc[i].booked);
		bw_free(&s->acc[i].walk);
	}
	free(s->acc);
}

int
report_bookings(struct ctx *c, const char *from, const char *to,
    struct report_bookings **rp, struct err *e)
{
	struct bstate s;
	struct report_bookings *r;
	time_t lo, hi;
	int rc;

	*rp = NULL;
	if ((rc = report_period_check(from, to, e)) != OKNO_OK)
		return rc;
	if (b_span(from, to, &lo, &hi) != 0)
		return err_set(e, OKNO_EINVAL, _("not a date (YYYY-MM-DD): %s"),
		    from);
	memset(&s, 0, sizeof s);
	/* The rows every report has: all, the configured services and
	 * both sources, so that a quiet period still shows them. */
	(void)b_row(&s, "all", "all", 0);
	for (size_t i = 0; i < c->cfg->nservices; i++)
		(void)b_row(&s, "service", c->cfg->services[i].code, (int)i);
	(void)b_row(&s, "source", "branch", 0);
	(void)b_row(&s, "source", "hq", 1);
	/* One snapshot for both passes. */
	if (db_begin_read(c->db, e) != OKNO_OK) {
		b_free_state(&s);
		return e->code;
	}
	rc = b_bookings(c, &s, lo, hi, e);
	if (rc == OKNO_OK)
		rc = b_walkins(c, &s, from, to, e);
	db_rollback(c->db);
	if (rc != OKNO_OK) {
		b_free_state(&s);
		return rc;
	}
	if (s.n > 1)
		qsort(s.acc, s.n, sizeof *s.acc, report_gkey_cmp);
	r = xcalloc(1, sizeof *r);
	strlcpy_(r->from, from, sizeof r->from);
	strlcpy_(r->to, to, sizeof r->to);
	r->grace = c->cfg->bookings.grace;
	r->rows = xcalloc(s.n, sizeof *r->rows);
	r->nrows = s.n;
	for (size_t i = 0; i < s.n; i++) {
		struct report_booking_row *w = &r->rows[i];
		struct bacc *a = &s.acc[i];

		w->group = a->g.group;
		strlcpy_(w->key, a->g.key, sizeof w->key);
		w->bookings = a->bookings;
		w->cancelled = a->cancelled;
		w->missed = a->missed;
		w->arrived = a->arrived;
		w->served = a->served;
		w->called = a->called;
		w->punctual = a->punctual;
		w->punctual_pct10 = report_pct10(a->punctual, a->called);
		bw_result(&a->booked, &w->booked);
		w->walkin = a->has_walkin ? a->walkin : -1;
		bw_result(&a->walk, &w->walkin_wait);
	}
	b_free_state(&s);
	*rp = r;
	return OKNO_OK;
}

void
report_bookings_free(struct report_bookings *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r);
}

/* Seconds as m:ss, "-" when nothing was counted. */
static void
b_mmss(char *buf, size_t size, int64_t n, int64_t s)
{
	if (n == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%lld:%02lld", (long long)(s / 60),
		    (long long)(s % 60));
}

/* A row's name for people. */
static const char *
b_label(const struct config *cfg, const struct report_booking_row *x)
{
	const struct config_service *s;

	if (strcmp(x->group, "all") == 0)
		return _("All");
	if (strcmp(x->group, "source") == 0)
		return strcmp(x->key, "hq") == 0 ? _("head office") :
		    _("the branch");
	s = config_service(cfg, x->key);
	return s != NULL ? s->name : x->key;
}

void
report_bookings_text(FILE *fp, const struct config *cfg,
    const struct report_bookings *r)
{
	const char *group = "";
	char p[16], t[6][48];

	fprintf(fp, "\n%s\n", _("Bookings: punctuality, missed bookings, "
	    "booked against walk-in waits"));
	fprintf(fp, _("By slot date; PUNCT: called within %d min of the "
	    "slot, of those called\n"), r->grace);
	/* A service or source without bookings says nothing here.  Lines
	 * of at most 78 columns: the report screen shows them whole. */
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_booking_row *x = &r->rows[i];

		if (strcmp(x->group, "all") != 0 && x->bookings == 0)
			continue;
		if (strcmp(x->group, group) != 0) {
			group = x->group;
			if (strcmp(group, "all") != 0)
				fprintf(fp, "\n%s\n", strcmp(group, "service")
				    == 0 ? _("By service") : _("By source"));
			else
				fputc('\n', fp);
			table_head(fp, "%-18s %8s %6s %6s %7s %7s %6s %6s "
			    "%6s\n", _("KEY"), _("BOOKINGS"), _("CANCEL"),
			    _("MISSED"), _("ARRIVED"), _("SERVED"),
			    _("CALLED"), _("PUNCT"), _("PUNCT%"));
		}
		report_fmt_pct(p, sizeof p, x->punctual_pct10);
		text_put_cell(fp, b_label(cfg, x), 18);
		fprintf(fp, " %8lld %6lld %6lld %7lld %7lld %6lld %6lld %6s\n",
		    (long long)x->bookings, (long long)x->cancelled,
		    (long long)x->missed, (long long)x->arrived,
		    (long long)x->served, (long long)x->called,
		    (long long)x->punctual, p[0] != '\0' ? p : "-");
	}
	fprintf(fp, "\n%s\n", _("Wait of booked clients (from the slot) and "
	    "of walk-in clients, m:ss"));
	table_head(fp, "%-17s %8s %6s %7s %6s %7s %6s %7s %6s\n", _("KEY"),
	    _("BOOKINGS"), _("AVG"), _("MEDIAN"), _("P90"), _("WALK-IN"),
	    _("AVG"), _("MEDIAN"), _("P90"));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_booking_row *x = &r->rows[i];

		if (x->walkin < 0 || (strcmp(x->group, "all") != 0 &&
		    x->booked.n == 0 && x->walkin_wait.n == 0))
			continue;
		b_mmss(t[0], sizeof t[0], x->booked.n, x->booked.avg);
		b_mmss(t[1], sizeof t[1], x->booked.n, x->booked.median);
		b_mmss(t[2], sizeof t[2], x->booked.n, x->booked.p90);
		b_mmss(t[3], sizeof t[3], x->walkin_wait.n, x->walkin_wait.avg);
		b_mmss(t[4], sizeof t[4], x->walkin_wait.n,
		    x->walkin_wait.median);
		b_mmss(t[5], sizeof t[5], x->walkin_wait.n, x->walkin_wait.p90);
		text_put_cell(fp, b_label(cfg, x), 17);
		fprintf(fp, " %8lld %6s %7s %6s %7lld %6s %7s %6s\n",
		    (long long)x->booked.n, t[0], t[1], t[2],
		    (long long)x->walkin_wait.n, t[3], t[4], t[5]);
	}
}
