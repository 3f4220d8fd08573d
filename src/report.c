/* report.c: the queue report for a period (see report.h for the contract).
 *
 * Streaming and memory.
 *
 * One statement reads the period's tickets (a range on the day index) and
 * each ticket updates the accumulators of its rows (all, service, window,
 * manager, hour, category); nothing per ticket is kept.  Counts, sums, maxima and
 * within-norm counts are counters.  Percentiles need the distribution:
 * each (row, statistic) has a histogram of exact 1-second buckets below
 * RH_FINE (an hour: nearly all waits and services), 1-minute buckets from
 * there to RH_COARSE (a day: no queue time is longer, the day's
 * housekeeping cancels what is left open) and a count of larger values.
 * A percentile in a minute bucket is found exactly by one refinement pass:
 * the statement runs again in the same read snapshot and counts the row's
 * values in that minute into 1-second buckets.  Above a day (damaged data
 * only) the same radix selection narrows [RH_COARSE, max + 1) by a factor
 * of RH_REFINE per pass: at most four passes up to RH_VMAX.  So a report
 * reads the period once, or twice when some row's median or p90 is over
 * an hour.
 *
 * Memory bound: per row and statistic (RH_FINE + RH_NCOARSE) * 4 bytes =
 * 19.9 kB, allocated at its first value, plus RH_REFINE * 4 bytes per
 * pending percentile (at most four per row).  The rows are 25 plus the
 * services, windows and managers met: about 2.4 MB for 30 managers, the
 * same for a day as for ten years.
 *
 * Rejected: SQL passes ordered by each group's key and time sort the whole
 * period four times (SQLite's sorter spills to temporary files): slower and
 * disk-bound on the branch's old PC, for the same exact figures.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-int.h"

#define RH_FINE		3600	/* exact 1-second buckets below this */
#define RH_MINUTE	60	/* then 1-minute buckets ... */
#define RH_COARSE	86400	/* ... below this */
#define RH_NCOARSE	((RH_COARSE - RH_FINE) / RH_MINUTE)
#define RH_REFINE	1024	/* buckets of a refinement pass */
/* Times are clamped to [0, RH_VMAX] (31 700 years), so sums of a
 * period's tickets and ranges never overflow 64 bits. */
#define RH_VMAX		INT64_C(1000000000000)

enum { ST_WAIT, ST_SERVICE, ST_N };
enum { PC_MEDIAN, PC_P90, PC_N };
static const int rh_pct[PC_N] = { 50, 90 };

/* A percentile being refined: its value lies in [lo, hi) and is the k-th
 * smallest of the row's values there. */
struct rsel {
	int64_t	  lo, hi, k;
	int64_t	  w;		/* bucket width of the coming pass */
	uint32_t *cnt;		/* RH_REFINE buckets; NULL when resolved */
};

struct rhist {
	int64_t	  n, sum, max, normed, within;
	int64_t	  band[REPORT_NBANDS];
	int64_t	  nfine, ncoarse;	/* values in fine, coarse */
	uint32_t *fine;		/* RH_FINE buckets, NULL until needed */
	uint32_t *coarse;	/* RH_NCOARSE buckets, NULL until needed */
	int64_t	  pct[PC_N];
	struct rsel sel[PC_N];
};

struct racc {
	enum report_group group;
	char	key[64];
	int	num;		/* window number; config order of a service */
	int64_t	norm[2];	/* service rows: norms in seconds; -1 none */
	int64_t	tickets, served, noshow;
	struct rhist h[ST_N];
};

/* Local hours found: slot i holds hour[i] for [lo[i], hi[i]). */
#define RH_SLOTS	256
struct rhour {
	time_t	lo[RH_SLOTS], hi[RH_SLOTS];
	int	hour[RH_SLOTS];
};

struct rstate {
	struct ctx	*c;
	struct racc	*acc;
	size_t		 nacc, cap;
	size_t		 svc0, win0;	/* first configured service, window */
	size_t		 cat0;		/* first configured category */
	size_t		*mgr;		/* indexes of manager rows */
	size_t		 nmgr;
	struct rhour	 hc;
	int		 pending;	/* percentiles being refined */
};

/* One ticket as the statement gives it. */
struct rtick {
	const char	*service;
	int		 window;	/* 0: never called */
	const char	*manager;	/* "": none */
	const char	*category;	/* "": none */
	time_t		 issued;
	int		 finished, noshow;
	int64_t		 calls;
	int64_t		 v[ST_N];	/* wait_s, service_s */
};

static const char *const report_group_names[] = {
	"all", "service", "window", "manager", "hour", "category"
};

const char *
report_group_name(enum report_group g)
{
	return codes_name(report_group_names, nitems(report_group_names),
	    (int)g);
}

int64_t
report_rank(int p, int64_t n)
{
	int64_t r;

	if (n <= 0)
		return 0;
	/* ceil(p * n / 100) without floating point: exact for any n. */
	r = (n / 100) * p + ((n % 100) * p + 99) / 100;
	return r < 1 ? 1 : r > n ? n : r;
}

int64_t
report_round_div(int64_t num, int64_t den)
{
	int64_t q, r;

	if (den == 0)
		return 0;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	q = num / den;
	r = num % den;		/* same sign as num (C99) */
	if (r < 0 ? -r >= den - -r : r >= den - r)
		q += num < 0 ? -1 : 1;
	return q;
}

int
report_pct10(int64_t part, int64_t whole)
{
	if (whole <= 0)
		return -1;
	/* part <= whole <= 2^63 / 1000 for any real branch. */
	return (int)report_round_div(part * 1000, whole);
}

int
report_period_check(const char *from, const char *to, struct err *e)
{
	int y, m, d;

	if (from == NULL || date_parse(from, &y, &m, &d) != 0)
		return err_set(e, OKNO_EINVAL, _("not a date (YYYY-MM-DD): %s"),
		    from ? from : "");
	if (to == NULL || date_parse(to, &y, &m, &d) != 0)
		return err_set(e, OKNO_EINVAL, _("not a date (YYYY-MM-DD): %s"),
		    to ? to : "");
	/* YYYY-MM-DD compares as text in date order. */
	if (strcmp(from, to) > 0)
		return err_set(e, OKNO_EINVAL, _("the period starts (%s) after "
		    "it ends (%s)"), from, to);
	return OKNO_OK;
}

int
report_last_day(struct ctx *c, const char *upto, char *day, size_t size,
    struct err *e)
{
	struct stmt *st;
	char today[16];
	int rc;

	if (size > 0)
		day[0] = '\0';
	time_format_date(c->now, today, sizeof today);
	/* max() over the (day, prefix, seq) index: one seek. */
	if (db_prepare(c->db, &st, e, "SELECT max(day) FROM tickets"
	    " WHERE day <= :today") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":today", upto != NULL ? upto : today);
	rc = db_step(st, e);
	if (rc == DB_ROW && !db_col_null(st, 0))
		strlcpy_(day, db_col_text(st, 0), size);
	db_finalize(st);
	if (rc == DB_ERROR)
		return e->code;
	return day[0] != '\0' ? OKNO_OK : OKNO_NONE;
}

/*
 * Keys and lists shared by the report sections (report-int.h).
 */

int
report_list_index(const char *const *list, const char *s)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

size_t
report_gkey_find(const void *base, size_t n, size_t size, const char *group,
    const char *key)
{
	const char *p = base;

	for (size_t i = 0; i < n; i++) {
		const struct report_gkey *g = (const void *)(p + i * size);

		if (strcmp(g->group, group) == 0 && strcmp(g->key, key) == 0)
			return i;
	}
	return n;
}

void *
report_gkey_row(void *base, size_t *n, size_t *cap, size_t size,
    const char *group, const char *key, int order, size_t *idx)
{
	struct report_gkey *g;

	if ((*idx = report_gkey_find(base, *n, size, group, key)) < *n)
		return base;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		base = xreallocarray(base, *cap, size);
	}
	g = (void *)((char *)base + *n * size);
	memset(g, 0, size);
	g->group = group;
	strlcpy_(g->key, key, sizeof g->key);
	g->order = order;
	*idx = (*n)++;
	return base;
}

static int
gkey_rank(const char *group)
{
	return strcmp(group, "all") == 0 ? 0 : strcmp(group, "service") == 0 ?
	    1 : 2;
}

int
report_gkey_cmp(const void *a, const void *b)
{
	const struct report_gkey *x = a, *y = b;
	int rx = gkey_rank(x->group), ry = gkey_rank(y->group);

	if (rx != ry)
		return rx - ry;
	if (x->order != y->order) {
		if (x->order < 0 || y->order < 0)
			return x->order < 0 ? 1 : -1;
		return x->order - y->order;
	}
	return strcmp(x->key, y->key);
}

int
report_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
report_keys_add(struct report_keys *k, const char *s)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i], s) == 0)
			return i;
	k->v = xreallocarray(k->v, k->n + 1, sizeof *k->v);
	k->v[k->n] = xstrdup(s);
	return k->n++;
}

void
report_keys_free(struct report_keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	k->v = NULL;
	k->n = 0;
}

size_t
report_list_count(const char *const *list)
{
	size_t n = 0;

	while (list[n] != NULL)
		n++;
	return n;
}

/*
 * Local hour of t.  localtime_r for each of a decade's million tickets
 * would cost more than the rest of the pass (glibc re-reads TZ on every
 * call), and the day index gives a day's tickets in number order, not time
 * order.  So a local hour, once found, is kept for its whole range in a
 * table of RH_SLOTS quarter-hour slots (64 hours: a day's tickets fit);
 * offsets from UTC are whole quarter hours.  A range is trusted only when
 * both its ends lie in the same local hour (a change of offset inside it
 * would break that); otherwise it holds for t alone.
 */
static int
r_hour(struct rhour *hc, time_t t)
{
	struct tm tm, a, b;
	time_t lo, hi, last, q;
	size_t i = (size_t)((t < 0 ? 0 : t) / 900) % RH_SLOTS;

	if (t >= hc->lo[i] && t < hc->hi[i])
		return hc->hour[i];
	localtime_r(&t, &tm);
	lo = t - tm.tm_min * 60 - tm.tm_sec;
	last = lo + 3599;
	localtime_r(&lo, &a);
	localtime_r(&last, &b);
	if (a.tm_hour == tm.tm_hour && a.tm_min == 0 && a.tm_sec == 0 &&
	    b.tm_hour == tm.tm_hour && b.tm_min == 59 && b.tm_sec == 59)
		hi = lo + 3600;
	else {
		lo = t;
		hi = t + 1;
	}
	hc->lo[i] = lo;
	hc->hi[i] = hi;
	hc->hour[i] = tm.tm_hour;
	/* Every quarter-hour slot that lies wholly inside the range. */
	for (q = (lo + 899) / 900 * 900; lo >= 0 && q + 900 <= hi; q += 900) {
		i = (size_t)(q / 900) % RH_SLOTS;
		hc->lo[i] = lo;
		hc->hi[i] = hi;
		hc->hour[i] = tm.tm_hour;
	}
	return tm.tm_hour;
}

static size_t
r_add(struct rstate *s, enum report_group g, const char *key, int num)
{
	struct racc *a;

	if (s->nacc == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->acc = xreallocarray(s->acc, s->cap, sizeof *s->acc);
	}
	a = &s->acc[s->nacc];
	memset(a, 0, sizeof *a);
	a->group = g;
	strlcpy_(a->key, key, sizeof a->key);
	a->num = num;
	a->norm[0] = a->norm[1] = -1;
	return s->nacc++;
}

/* The rows every report has, so that a quiet period still shows them. */
static void
r_init(struct rstate *s)
{
	const struct config *cfg = s->c->cfg;
	char key[16];

	r_add(s, REPORT_ALL, "all", 0);
	for (int h = 0; h < 24; h++) {
		snprintf(key, sizeof key, "%02d", h);
		r_add(s, REPORT_HOUR, key, h);
	}
	s->svc0 = s->nacc;
	for (size_t i = 0; i < cfg->nservices; i++) {
		struct racc *a = &s->acc[r_add(s, REPORT_SERVICE,
		    cfg->services[i].code, (int)i)];

		a->norm[ST_WAIT] = (int64_t)cfg->services[i].wait_norm * 60;
		a->norm[ST_SERVICE] =
		    (int64_t)cfg->services[i].service_norm * 60;
	}
	s->win0 = s->nacc;
	for (size_t i = 0; i < cfg->nwindows; i++) {
		snprintf(key, sizeof key, "%d", cfg->windows[i].number);
		r_add(s, REPORT_WINDOW, key, cfg->windows[i].number);
	}
	s->cat0 = s->nacc;
	for (size_t i = 0; i < cfg->npriorities; i++)
		r_add(s, REPORT_CATEGORY, cfg->priorities[i].code, (int)i);
}

/* A category's row: configured ones first, then those met (by code). */
static size_t
r_category(struct rstate *s, const char *code)
{
	const struct config *cfg = s->c->cfg;

	for (size_t i = 0; i < cfg->npriorities; i++)
		if (strcmp(cfg->priorities[i].code, code) == 0)
			return s->cat0 + i;
	for (size_t j = s->cat0 + cfg->npriorities; j < s->nacc; j++)
		if (s->acc[j].group == REPORT_CATEGORY &&
		    strcmp(s->acc[j].key, code) == 0)
			return j;
	return r_add(s, REPORT_CATEGORY, code, INT32_MAX);
}

static size_t
r_service(struct rstate *s, const char *code)
{
	const struct config *cfg = s->c->cfg;
	int i = config_service_index(cfg, code);

	if (i >= 0)
		return s->svc0 + (size_t)i;
	for (size_t j = s->win0 + cfg->nwindows; j < s->nacc; j++)
		if (s->acc[j].group == REPORT_SERVICE &&
		    strcmp(s->acc[j].key, code) == 0)
			return j;
	return r_add(s, REPORT_SERVICE, code, INT32_MAX);
}

static size_t
r_window(struct rstate *s, int w)
{
	const struct config *cfg = s->c->cfg;
	char key[16];

	for (size_t i = 0; i < cfg->nwindows; i++)
		if (cfg->windows[i].number == w)
			return s->win0 + i;
	for (size_t j = s->win0 + cfg->nwindows; j < s->nacc; j++)
		if (s->acc[j].group == REPORT_WINDOW && s->acc[j].num == w)
			return j;
	snprintf(key, sizeof key, "%d", w);
	return r_add(s, REPORT_WINDOW, key, w);
}

static size_t
r_manager(struct rstate *s, const char *login)
{
	for (size_t i = 0; i < s->nmgr; i++)
		if (strcmp(s->acc[s->mgr[i]].key, login) == 0)
			return s->mgr[i];
	s->mgr = xreallocarray(s->mgr, s->nmgr + 1, sizeof *s->mgr);
	s->mgr[s->nmgr] = r_add(s, REPORT_MANAGER, login, 0);
	return s->mgr[s->nmgr++];
}

/* The rows t counts in; returns how many (3 to R_ROWS_MAX). */
#define R_ROWS_MAX	6
static size_t
r_rows_of(struct rstate *s, const struct rtick *t, size_t rows[R_ROWS_MAX])
{
	size_t n = 0;

	rows[n++] = 0;
	rows[n++] = 1 + (size_t)r_hour(&s->hc, t->issued);
	rows[n++] = r_service(s, t->service);
	if (t->calls > 0 && t->window > 0)
		rows[n++] = r_window(s, t->window);
	if (t->calls > 0 && t->manager[0] != '\0')
		rows[n++] = r_manager(s, t->manager);
	if (t->category[0] != '\0')
		rows[n++] = r_category(s, t->category);
	return n;
}

static int64_t
r_clamp(int64_t v)
{
	return v < 0 ? 0 : v > RH_VMAX ? RH_VMAX : v;
}

static void
h_add(struct rhist *h, int64_t v, int64_t norm)
{
	h->n++;
	h->sum += v;
	if (v > h->max)
		h->max = v;
	if (norm >= 0) {
		h->normed++;
		if (v <= norm)
			h->within++;
		/* v / norm against 1/2, 1, 3/2, 2, in integers. */
		h->band[2 * v <= norm ? 0 : v <= norm ? 1 :
		    2 * v <= 3 * norm ? 2 : v <= 2 * norm ? 3 : 4]++;
	}
	if (v < RH_FINE) {
		if (h->fine == NULL)
			h->fine = xcalloc(RH_FINE, sizeof *h->fine);
		h->fine[v]++;
		h->nfine++;
	} else if (v < RH_COARSE) {
		if (h->coarse == NULL)
			h->coarse = xcalloc(RH_NCOARSE, sizeof *h->coarse);
		h->coarse[(v - RH_FINE) / RH_MINUTE]++;
		h->ncoarse++;
	}
}

/* Does statistic st cover t? */
static int
r_covers(const struct rtick *t, int st)
{
	return st == ST_WAIT ? t->calls > 0 : t->finished;
}

static void
r_first(struct rstate *s, const struct rtick *t)
{
	size_t rows[R_ROWS_MAX], n = r_rows_of(s, t, rows);
	/* rows[2] is the service row, which knows the norms. */
	const int64_t *norm = s->acc[rows[2]].norm;

	for (size_t i = 0; i < n; i++) {
		struct racc *a = &s->acc[rows[i]];

		a->tickets++;
		a->served += t->finished;
		a->noshow += t->noshow;
		for (int st = 0; st < ST_N; st++)
			if (r_covers(t, st))
				h_add(&a->h[st], t->v[st], norm[st]);
	}
}

static void
sel_width(struct rsel *sel)
{
	sel->w = (sel->hi - sel->lo + RH_REFINE - 1) / RH_REFINE;
	if (sel->w < 1)
		sel->w = 1;
	memset(sel->cnt, 0, RH_REFINE * sizeof *sel->cnt);
}

static void
sel_start(struct rstate *s, struct rsel *sel, int64_t lo, int64_t hi,
    int64_t k)
{
	sel->lo = lo;
	sel->hi = hi;
	sel->k = k;
	sel->cnt = xcalloc(RH_REFINE, sizeof *sel->cnt);
	sel_width(sel);
	s->pending++;
}

/*
 * After the first pass: a percentile in the fine buckets is known; one in
 * a minute bucket takes one refinement pass of 1-second buckets; one above
 * RH_COARSE (a day: only damaged data) a few passes from there to max.
 */
static void
h_finish(struct rstate *s, struct rhist *h)
{
	int64_t r, cum;

	for (int p = 0; p < PC_N; p++) {
		if (h->n == 0)
			continue;
		r = report_rank(rh_pct[p], h->n);
		if (r == h->n) {
			h->pct[p] = h->max;
		} else if (r <= h->nfine) {
			cum = 0;
			for (int64_t v = 0; v < RH_FINE; v++)
				if ((cum += h->fine[v]) >= r) {
					h->pct[p] = v;
					break;
				}
		} else if (r <= h->nfine + h->ncoarse) {
			int64_t b, lo;

			cum = h->nfine;
			for (b = 0; b < RH_NCOARSE - 1; b++) {
				if (cum + h->coarse[b] >= r)
					break;
				cum += h->coarse[b];
			}
			lo = RH_FINE + b * RH_MINUTE;
			sel_start(s, &h->sel[p], lo, lo + RH_MINUTE, r - cum);
		} else
			sel_start(s, &h->sel[p], RH_COARSE, h->max + 1,
			    r - h->nfine - h->ncoarse);
	}
}

static void
r_refine(struct rstate *s, const struct rtick *t)
{
	size_t rows[R_ROWS_MAX], n = r_rows_of(s, t, rows);

	for (size_t i = 0; i < n; i++)
		for (int st = 0; st < ST_N; st++) {
			struct rhist *h = &s->acc[rows[i]].h[st];
			int64_t v = t->v[st];

			if (!r_covers(t, st))
				continue;
			for (int p = 0; p < PC_N; p++) {
				struct rsel *sel = &h->sel[p];

				if (sel->cnt != NULL && v >= sel->lo &&
				    v < sel->hi)
					sel->cnt[(v - sel->lo) / sel->w]++;
			}
		}
}

/* After a refinement pass: narrow each pending range to its bucket. */
static void
r_narrow(struct rstate *s)
{
	for (size_t i = 0; i < s->nacc; i++)
		for (int st = 0; st < ST_N; st++)
			for (int p = 0; p < PC_N; p++) {
				struct rhist *h = &s->acc[i].h[st];
				struct rsel *sel = &h->sel[p];
				int64_t cum = 0;
				size_t b;

				if (sel->cnt == NULL)
					continue;
				for (b = 0; b < RH_REFINE - 1; b++) {
					if (cum + sel->cnt[b] >= sel->k)
						break;
					cum += sel->cnt[b];
				}
				sel->k -= cum;
				sel->lo += (int64_t)b * sel->w;
				if (sel->hi > sel->lo + sel->w)
					sel->hi = sel->lo + sel->w;
				if (sel->w == 1) {
					h->pct[p] = sel->lo;
					free(sel->cnt);
					sel->cnt = NULL;
					s->pending--;
				} else
					sel_width(sel);
			}
}

/* The period's statement, bound and reset for another pass. */
static int
r_pass(struct rstate *s, struct stmt *st, const char *from, const char *to,
    int first, struct err *e)
{
	struct rtick t;
	const char *status;
	int r;

	db_reset(st);
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", to);
	while ((r = db_step(st, e)) == DB_ROW) {
		t.service = db_col_text(st, 0);
		t.window = (int)db_col_int(st, 1);
		t.manager = db_col_text(st, 2);
		t.issued = (time_t)db_col_int(st, 3);
		status = db_col_text(st, 4);
		t.finished = strcmp(status, "finished") == 0;
		t.noshow = strcmp(status, "noshow") == 0;
		t.calls = db_col_int(st, 5);
		t.v[ST_WAIT] = r_clamp(db_col_int(st, 6));
		t.v[ST_SERVICE] = r_clamp(db_col_int(st, 7));
		t.category = db_col_text(st, 8);
		if (first)
			r_first(s, &t);
		else
			r_refine(s, &t);
	}
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

static void
r_stat(struct report_stat *rs, const struct rhist *h)
{
	memset(rs, 0, sizeof *rs);
	rs->n = h->n;
	rs->within_pct10 = -1;
	if (h->n == 0)
		return;
	rs->avg = report_round_div(h->sum, h->n);
	rs->median = h->pct[PC_MEDIAN];
	rs->p90 = h->pct[PC_P90];
	rs->max = h->max;
	rs->normed = h->normed;
	rs->within = h->within;
	rs->within_pct10 = report_pct10(h->within, h->normed);
	memcpy(rs->band, h->band, sizeof rs->band);
}

static void
r_free_state(struct rstate *s)
{
	for (size_t i = 0; i < s->nacc; i++)
		for (int st = 0; st < ST_N; st++) {
			free(s->acc[i].h[st].fine);
			free(s->acc[i].h[st].coarse);
			for (int p = 0; p < PC_N; p++)
				free(s->acc[i].h[st].sel[p].cnt);
		}
	free(s->acc);
	free(s->mgr);
}

/* Report order (report.h): the enum's order of groups, then configured
 * order, number or key within a group. */
static int
r_cmp_acc(const void *pa, const void *pb)
{
	const struct racc *a = pa, *b = pb;

	if (a->group != b->group)
		return (int)a->group - (int)b->group;
	switch (a->group) {
	case REPORT_SERVICE:
		if (a->num != b->num)
			return a->num < b->num ? -1 : 1;
		return strcmp(a->key, b->key);
	case REPORT_WINDOW:
	case REPORT_HOUR:
		return a->num < b->num ? -1 : a->num > b->num;
	case REPORT_MANAGER:
		return strcmp(a->key, b->key);
	case REPORT_CATEGORY:
		if (a->num != b->num)
			return a->num < b->num ? -1 : 1;
		return strcmp(a->key, b->key);
	case REPORT_ALL:
		break;
	}
	return 0;
}

int
report_queue(struct ctx *c, const char *from, const char *to,
    struct report **rp, struct err *e)
{
	struct rstate s;
	struct stmt *st = NULL;
	struct report *rep;
	int rc;

	*rp = NULL;
	if ((rc = report_period_check(from, to, e)) != OKNO_OK)
		return rc;
	memset(&s, 0, sizeof s);
	s.c = c;
	r_init(&s);
	/* One snapshot: the refinement passes see the first pass's rows. */
	if (db_begin_read(c->db, e) != OKNO_OK) {
		r_free_state(&s);
		return e->code;
	}
	/* The range on day uses the (day, prefix, seq) unique index:
	 * EXPLAIN QUERY PLAN says SEARCH, not SCAN (tests/report.t). */
	rc = db_prepare(c->db, &st, e, "SELECT service, coalesce(window, 0),"
	    " coalesce(manager, ''), issued_at, status, calls, wait_s,"
	    " service_s, coalesce(category, '') FROM tickets"
	    " WHERE day BETWEEN :from AND :to");
	if (rc == OKNO_OK)
		rc = r_pass(&s, st, from, to, 1, e);
	if (rc == OKNO_OK) {
		for (size_t i = 0; i < s.nacc; i++)
			for (int k = 0; k < ST_N; k++)
				h_finish(&s, &s.acc[i].h[k]);
		while (rc == OKNO_OK && s.pending > 0) {
			rc = r_pass(&s, st, from, to, 0, e);
			if (rc == OKNO_OK)
				r_narrow(&s);
		}
	}
	db_finalize(st);
	db_rollback(c->db);
	if (rc != OKNO_OK) {
		r_free_state(&s);
		return rc;
	}

	qsort(s.acc, s.nacc, sizeof *s.acc, r_cmp_acc);
	rep = xcalloc(1, sizeof *rep);
	strlcpy_(rep->from, from, sizeof rep->from);
	strlcpy_(rep->to, to, sizeof rep->to);
	rep->rows = xcalloc(s.nacc, sizeof *rep->rows);
	rep->nrows = s.nacc;
	for (size_t i = 0; i < s.nacc; i++) {
		struct report_row *row = &rep->rows[i];
		const struct racc *a = &s.acc[i];

		row->group = a->group;
		strlcpy_(row->key, a->key, sizeof row->key);
		row->tickets = a->tickets;
		row->served = a->served;
		row->noshow = a->noshow;
		r_stat(&row->wait, &a->h[ST_WAIT]);
		r_stat(&row->service, &a->h[ST_SERVICE]);
	}
	r_free_state(&s);
	*rp = rep;
	return OKNO_OK;
}

void
report_free(struct report *rep)
{
	if (rep == NULL)
		return;
	free(rep->rows);
	free(rep);
}
