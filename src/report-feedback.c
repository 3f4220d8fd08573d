/* report-feedback.c: the report's client satisfaction section: ratings per
 * criterion, service and manager, and the CSI (see report.h for the
 * definitions).  Group look-ups remember the last key found, since a
 * visit's ratings come together.
 *
 * Streaming.  Each section reads the period's rows with one or two
 * statements in one read snapshot and adds each row to the counters of its
 * groups; nothing per row is kept.  The groups are bounded by the
 * configuration and by the codes met, never by the length of the period.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-int.h"

/* Counters of one criterion in one group. */
struct rf_crit {
	int64_t	n, sum, score[5];
};

struct rf_group {
	const char	*group;
	char		 key[64];
	int		 order;		/* configured service index; else big */
	int64_t		 visits, rated;
	struct rf_crit	*crit;		/* ncrit of the state */
	size_t		 ncrit;
};

struct rf_state {
	const struct config *cfg;
	struct rf_group	*g;
	size_t		 ng;
	size_t		 svc0;		/* first service group */
	size_t		 nsvc;		/* service groups so far */
	struct report_keys	 codes;		/* criterion codes beyond the config */
	size_t		 last_svc, last_mgr;	/* look-up caches */
};

static size_t
rf_add_group(struct rf_state *s, const char *group, const char *key,
    int order)
{
	struct rf_group *g;

	s->g = xreallocarray(s->g, s->ng + 1, sizeof *s->g);
	g = &s->g[s->ng];
	memset(g, 0, sizeof *g);
	g->group = group;
	strlcpy_(g->key, key, sizeof g->key);
	g->order = order;
	return s->ng++;
}

static size_t
rf_service(struct rf_state *s, const char *code)
{
	int i;

	if (s->last_svc < s->ng && strcmp(s->g[s->last_svc].key, code) == 0 &&
	    s->g[s->last_svc].group[0] == 's')
		return s->last_svc;
	if ((i = config_service_index(s->cfg, code)) >= 0)
		return s->last_svc = s->svc0 + (size_t)i;
	for (size_t j = 0; j < s->ng; j++)
		if (strcmp(s->g[j].group, "service") == 0 &&
		    strcmp(s->g[j].key, code) == 0)
			return s->last_svc = j;
	return s->last_svc = rf_add_group(s, "service", code, INT32_MAX);
}

static size_t
rf_manager(struct rf_state *s, const char *login)
{
	if (s->last_mgr < s->ng && strcmp(s->g[s->last_mgr].key, login) == 0 &&
	    s->g[s->last_mgr].group[0] == 'm')
		return s->last_mgr;
	for (size_t j = 0; j < s->ng; j++)
		if (strcmp(s->g[j].group, "manager") == 0 &&
		    strcmp(s->g[j].key, login) == 0)
			return s->last_mgr = j;
	return s->last_mgr = rf_add_group(s, "manager", login, 0);
}

/* The groups of a visit: all, service and (when known) manager. */
static size_t
rf_groups(struct rf_state *s, const char *service, const char *manager,
    size_t out[3])
{
	size_t n = 0;

	out[n++] = 0;
	out[n++] = rf_service(s, service);
	if (manager[0] != '\0')
		out[n++] = rf_manager(s, manager);
	return n;
}

/* Index of a criterion code: configured ones first, then others met. */
static size_t
rf_crit_index(struct rf_state *s, const char *code)
{
	for (size_t i = 0; i < s->cfg->ncriteria; i++)
		if (strcmp(s->cfg->criteria[i].code, code) == 0)
			return i;
	return s->cfg->ncriteria + report_keys_add(&s->codes, code);
}

static struct rf_crit *
rf_crit(struct rf_group *g, size_t i)
{
	if (i >= g->ncrit) {
		g->crit = xreallocarray(g->crit, i + 1, sizeof *g->crit);
		memset(g->crit + g->ncrit, 0, (i + 1 - g->ncrit) *
		    sizeof *g->crit);
		g->ncrit = i + 1;
	}
	return &g->crit[i];
}

/* Mean in hundredths, rounded half away from zero; -1 when n == 0. */
static int
rf_avg100(int64_t sum, int64_t n)
{
	return n > 0 ? (int)report_round_div(sum * 100, n) : -1;
}

int
report_csi100(const int *avg100, const double *weight, size_t n)
{
	double num = 0, den = 0;

	for (size_t i = 0; i < n; i++)
		if (avg100[i] >= 0) {
			num += weight[i] * avg100[i];
			den += weight[i];
		}
	if (den <= 0)
		return -1;
	return (int)floor(num / den + 0.5 + 1e-9);
}

static void
rf_rows(struct rf_state *s, const struct rf_group *g,
    struct report_feedback *r, int *avg, double *w)
{
	size_t nc = s->cfg->ncriteria + s->codes.n;
	struct report_feedback_row *row, *csi;
	char **sorted;

	sorted = xcalloc(s->codes.n + 1, sizeof *sorted);
	if (s->codes.n > 0)
		memcpy(sorted, s->codes.v, s->codes.n * sizeof *sorted);
	qsort(sorted, s->codes.n, sizeof *sorted, report_cmp_str);
	csi = &r->rows[r->nrows + nc];
	memset(csi, 0, sizeof *csi);
	for (size_t k = 0; k < nc; k++) {
		/* Configured criteria in order, then the others by code. */
		size_t i = k < s->cfg->ncriteria ? k :
		    s->cfg->ncriteria + report_keys_add(&s->codes,
		    sorted[k - s->cfg->ncriteria]);
		const struct rf_crit *q = i < g->ncrit ? &g->crit[i] : NULL;
		int64_t sat;

		row = &r->rows[r->nrows++];
		memset(row, 0, sizeof *row);
		row->group = g->group;
		strlcpy_(row->key, g->key, sizeof row->key);
		strlcpy_(row->criterion, k < s->cfg->ncriteria ?
		    s->cfg->criteria[k].code : sorted[k - s->cfg->ncriteria],
		    sizeof row->criterion);
		row->visits = g->visits;
		row->rated_visits = g->rated;
		row->avg100 = -1;
		row->satisfied_pct10 = -1;
		if (q == NULL)
			continue;
		row->ratings = q->n;
		memcpy(row->score, q->score, sizeof row->score);
		row->avg100 = rf_avg100(q->sum, q->n);
		sat = q->score[3] + q->score[4];
		row->satisfied_pct10 = report_pct10(sat, q->n);
		if (k < s->cfg->ncriteria) {
			avg[k] = row->avg100;
			csi->ratings += q->n;
			for (int j = 0; j < 5; j++)
				csi->score[j] += q->score[j];
		}
	}
	for (size_t k = 0; k < s->cfg->ncriteria; k++)
		w[k] = s->cfg->criteria[k].weight;
	csi->group = g->group;
	strlcpy_(csi->key, g->key, sizeof csi->key);
	strlcpy_(csi->criterion, REPORT_CSI, sizeof csi->criterion);
	csi->visits = g->visits;
	csi->rated_visits = g->rated;
	csi->avg100 = report_csi100(avg, w, s->cfg->ncriteria);
	csi->satisfied_pct10 = report_pct10(csi->score[3] + csi->score[4],
	    csi->ratings);
	r->nrows++;
	free(sorted);
}

static int
rf_cmp_group(const void *pa, const void *pb)
{
	const struct rf_group *a = pa, *b = pb;
	int ga = a->group[0] == 'a' ? 0 : a->group[0] == 's' ? 1 : 2;
	int gb = b->group[0] == 'a' ? 0 : b->group[0] == 's' ? 1 : 2;

	if (ga != gb)
		return ga - gb;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int
rf_has_ratings(struct ctx *c, int *yes, struct err *e)
{
	struct stmt *st;
	int r;

	*yes = 0;
	if (db_prepare(c->db, &st, e, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name = 'ratings'") != OKNO_OK)
		return e->code;
	if ((r = db_step(st, e)) == DB_ROW)
		*yes = db_col_int(st, 0) > 0;
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/* Prepares sql over the ticket ids lo..hi (its :lo and :hi). */
static int
rf_ids(struct ctx *c, struct stmt **st, const char *sql, int64_t lo,
    int64_t hi, struct err *e)
{
	if (db_prepare(c->db, st, e, sql) != OKNO_OK)
		return e->code;
	db_bind_int(*st, ":lo", lo);
	db_bind_int(*st, ":hi", hi);
	return OKNO_OK;
}

/* Steps the ratings on: *rid is the next row's ticket id, INT64_MAX
 * past the last.  DB_ERROR on an error. */
static int
rf_next(struct stmt *rt, int64_t *rid, struct err *e)
{
	int r = db_step(rt, e);

	if (r != DB_ERROR)
		*rid = r == DB_ROW ? db_col_int(rt, 0) : INT64_MAX;
	return r;
}

/*
 * The period's finished visits and their ratings in one merge pass.
 *
 * Joining ratings to the period's tickets costs an index descent per
 * ticket (a million for ten years).  Instead both tables are read in
 * ticket id order over the id range of the period's tickets, tickets by
 * rowid and ratings by their (ticket_id, criterion) index, and merged
 * here; a ticket in the range but outside the period (a clock that went
 * back) is skipped by its day.  Ids follow issue time in practice, so the
 * range holds little else.  No sort, no per-ticket look-up.
 */
static int
rf_pass(struct ctx *c, struct rf_state *s, const char *from,
    const char *to, int ratings, struct err *e)
{
	struct stmt *st = NULL, *rt = NULL;
	int64_t lo = 0, hi = -1, tid, rid = -1, score;
	size_t gs[3], n, ci;
	int r, in, rated, rc = OKNO_EDB;

	if (db_prepare(c->db, &st, e, "SELECT min(id), max(id) FROM tickets"
	    " WHERE day BETWEEN :from AND :to") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", to);
	if ((r = db_step(st, e)) == DB_ROW && !db_col_null(st, 0)) {
		lo = db_col_int(st, 0);
		hi = db_col_int(st, 1);
	}
	db_finalize(st);
	st = NULL;
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (hi < lo)
		return OKNO_OK;		/* no ticket in the period */
	if (rf_ids(c, &st, "SELECT id, day, status, service,"
	    " coalesce(manager, '') FROM tickets WHERE id BETWEEN :lo AND :hi"
	    " ORDER BY id", lo, hi, e) != OKNO_OK)
		goto out;
	if (ratings) {
		if (rf_ids(c, &rt, "SELECT ticket_id, criterion, score FROM"
		    " ratings WHERE ticket_id BETWEEN :lo AND :hi ORDER BY"
		    " ticket_id", lo, hi, e) != OKNO_OK)
			goto out;
		if (rf_next(rt, &rid, e) == DB_ERROR)
			goto out;
	} else
		rid = INT64_MAX;
	while ((r = db_step(st, e)) == DB_ROW) {
		tid = db_col_int(st, 0);
		in = strcmp(db_col_text(st, 1), from) >= 0 &&
		    strcmp(db_col_text(st, 1), to) <= 0 &&
		    strcmp(db_col_text(st, 2), "finished") == 0;
		n = in ? rf_groups(s, db_col_text(st, 3), db_col_text(st, 4),
		    gs) : 0;
		/* Ratings of tickets not read (none: ids are unique). */
		while (rid < tid) {
			if (rf_next(rt, &rid, e) == DB_ERROR)
				goto out;
		}
		rated = 0;
		while (rid == tid) {
			score = db_col_int(rt, 2);
			/* The CHECK keeps scores in 1-5; be safe anyway. */
			if (in && score >= 1 && score <= 5) {
				rated = 1;
				ci = rf_crit_index(s, db_col_text(rt, 1));
				for (size_t i = 0; i < n; i++) {
					struct rf_crit *q =
					    rf_crit(&s->g[gs[i]], ci);

					q->n++;
					q->sum += score;
					q->score[score - 1]++;
				}
			}
			if (rf_next(rt, &rid, e) == DB_ERROR)
				goto out;
		}
		for (size_t i = 0; i < n; i++) {
			s->g[gs[i]].visits++;
			s->g[gs[i]].rated += rated;
		}
	}
	if (r != DB_ERROR)
		rc = OKNO_OK;
out:
	db_finalize(st);
	db_finalize(rt);
	return rc == OKNO_OK ? OKNO_OK : e->code ? e->code : OKNO_EDB;
}

int
report_feedback(struct ctx *c, const char *from, const char *to,
    struct report_feedback **rp, struct err *e)
{
	struct rf_state s;
	struct report_feedback *r;
	size_t nc;
	int ratings = 0, rc, *avg;
	double *w;

	*rp = NULL;
	if (report_period_check(from, to, e) != OKNO_OK)
		return e->code;
	memset(&s, 0, sizeof s);
	s.cfg = c->cfg;
	s.last_svc = s.last_mgr = SIZE_MAX;
	rf_add_group(&s, "all", "all", 0);
	s.svc0 = s.ng;
	for (size_t i = 0; i < c->cfg->nservices; i++)
		rf_add_group(&s, "service", c->cfg->services[i].code, (int)i);
	if (db_begin_read(c->db, e) != OKNO_OK)
		rc = e->code;
	else {
		rc = rf_has_ratings(c, &ratings, e);
		/* A database from before ratings has none to count. */
		if (rc == OKNO_OK)
			rc = rf_pass(c, &s, from, to, ratings, e);
		db_rollback(c->db);
	}
	if (rc == OKNO_OK) {
		qsort(s.g, s.ng, sizeof *s.g, rf_cmp_group);
		nc = c->cfg->ncriteria + s.codes.n;
		r = xcalloc(1, sizeof *r);
		strlcpy_(r->from, from, sizeof r->from);
		strlcpy_(r->to, to, sizeof r->to);
		r->rows = xcalloc(s.ng * (nc + 1), sizeof *r->rows);
		avg = xcalloc(c->cfg->ncriteria + 1, sizeof *avg);
		w = xcalloc(c->cfg->ncriteria + 1, sizeof *w);
		for (size_t i = 0; i < s.ng; i++) {
			for (size_t k = 0; k < c->cfg->ncriteria; k++)
				avg[k] = -1;
			rf_rows(&s, &s.g[i], r, avg, w);
		}
		free(avg);
		free(w);
		*rp = r;
	}
	for (size_t i = 0; i < s.ng; i++)
		free(s.g[i].crit);
	free(s.g);
	report_keys_free(&s.codes);
	return rc;
}

void
report_feedback_free(struct report_feedback *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r);
}
