/* report-quality.c: the report's sections beyond the queue: appeals,
 * client satisfaction (CSI) and inspection compliance (see report.h for
 * the definitions).
 *
 * Streaming.  Each section reads the period's rows with one or two
 * statements in one read snapshot and adds each row to the counters of its
 * groups; nothing per row is kept.  The groups are bounded by the
 * configuration (kinds, services, criteria) and by the managers and codes
 * met, never by the length of the period.  Group look-ups remember the last
 * key found, since a visit's ratings come together.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "appeal.h"
#include "inspect.h"
#include "report.h"

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
	if (strcmp(from, to) > 0)
		return err_set(e, OKNO_EINVAL, _("the period starts (%s) after "
		    "it ends (%s)"), from, to);
	return OKNO_OK;
}

/* Index of s in a NULL-terminated list, or -1. */
static int
q_index(const char *const *list, const char *s)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

static int
q_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * A growing list of keys met in the data beyond the configured ones,
 * sorted at the end.
 */
struct q_keys {
	char	**v;
	size_t	  n;
};

static size_t
q_key(struct q_keys *k, const char *s)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i], s) == 0)
			return i;
	k->v = xreallocarray(k->v, k->n + 1, sizeof *k->v);
	k->v[k->n] = xstrdup(s);
	return k->n++;
}

static void
q_keys_free(struct q_keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	k->v = NULL;
	k->n = 0;
}

/*
 * Appeals.
 */

struct qa_acc {
	int64_t	registered, closed, on_time, open, overdue, first;
};

static void
qa_add(struct qa_acc *a, int closed, int on_time, int open, int overdue,
    int first)
{
	a->registered++;
	a->closed += closed;
	a->on_time += on_time;
	a->open += open;
	a->overdue += overdue;
	a->first += first;
}

static void
qa_row(struct report_appeals *r, const char *group, const char *key,
    const struct qa_acc *a)
{
	struct report_appeal_row *row = &r->rows[r->nrows++];

	row->group = group;
	strlcpy_(row->key, key, sizeof row->key);
	row->registered = a->registered;
	row->closed = a->closed;
	row->closed_on_time = a->on_time;
	row->open = a->open;
	row->overdue = a->overdue;
	row->first_contact = a->first;
	row->closed_on_time_pct10 = report_pct10(a->on_time, a->closed);
	row->first_contact_pct10 = report_pct10(a->first, a->registered);
}

static size_t
q_count(const char *const *list)
{
	size_t n = 0;

	while (list[n] != NULL)
		n++;
	return n;
}

int
report_appeals(struct ctx *c, const char *from, const char *to,
    struct report_appeals **rp, struct err *e)
{
	const struct config *cfg = c->cfg;
	size_t nch = q_count(appeal_channels);
	size_t nct = q_count(appeal_client_types);
	struct qa_acc all, *kinds, *ch, *ct, *other = NULL;
	struct q_keys okinds = { NULL, 0 };
	struct report_appeals *r;
	struct stmt *st = NULL;
	char day[16], **sorted;
	const char *status, *due;
	int k, row, closed, open, on_time, rc;
	time_t done;

	*rp = NULL;
	if (report_period_check(from, to, e) != OKNO_OK)
		return e->code;
	memset(&all, 0, sizeof all);
	kinds = xcalloc(cfg->nkinds + 1, sizeof *kinds);
	ch = xcalloc(nch, sizeof *ch);
	ct = xcalloc(nct, sizeof *ct);
	r = xcalloc(1, sizeof *r);
	strlcpy_(r->from, from, sizeof r->from);
	strlcpy_(r->to, to, sizeof r->to);
	time_format_date(c->now, r->today, sizeof r->today);

	if (db_begin_read(c->db, e) != OKNO_OK)
		goto fail;
	rc = db_prepare(c->db, &st, e, "SELECT kind, channel, client_type,"
	    " status, due_date, first_contact, coalesce(answered_at,"
	    " closed_at) FROM appeals WHERE reg_date BETWEEN :from AND :to");
	if (rc != OKNO_OK) {
		db_rollback(c->db);
		goto fail;
	}
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", to);
	while ((row = db_step(st, e)) == DB_ROW) {
		status = db_col_text(st, 3);
		due = db_col_text(st, 4);
		closed = strcmp(status, "answered") == 0 ||
		    strcmp(status, "closed") == 0;
		open = !closed;
		on_time = 0;
		if (closed && !db_col_null(st, 6)) {
			done = (time_t)db_col_int(st, 6);
			time_format_date(done, day, sizeof day);
			/* YYYY-MM-DD compares as text in date order. */
			on_time = strcmp(day, due) <= 0;
		}
#define QA_ADD(acc) qa_add((acc), closed, on_time, open, \
	open && strcmp(due, r->today) < 0, db_col_int(st, 5) != 0)
		QA_ADD(&all);
		for (k = 0; k < (int)cfg->nkinds; k++)
			if (strcmp(cfg->kinds[k].code, db_col_text(st, 0)) == 0)
				break;
		if (k < (int)cfg->nkinds)
			QA_ADD(&kinds[k]);
		else {
			size_t n0 = okinds.n, o;

			o = q_key(&okinds, db_col_text(st, 0));
			if (okinds.n > n0) {
				other = xreallocarray(other, okinds.n,
				    sizeof *other);
				memset(&other[o], 0, sizeof *other);
			}
			QA_ADD(&other[o]);
		}
		if ((k = q_index(appeal_channels, db_col_text(st, 1))) >= 0)
			QA_ADD(&ch[k]);
		if ((k = q_index(appeal_client_types, db_col_text(st, 2))) >= 0)
			QA_ADD(&ct[k]);
#undef QA_ADD
	}
	db_finalize(st);
	db_rollback(c->db);
	if (row == DB_ERROR)
		goto fail;

	r->rows = xcalloc(1 + cfg->nkinds + okinds.n + nch + nct,
	    sizeof *r->rows);
	qa_row(r, "all", "all", &all);
	for (size_t i = 0; i < cfg->nkinds; i++)
		qa_row(r, "kind", cfg->kinds[i].code, &kinds[i]);
	/* Other kinds by code: sort pointers, then find each one's counts. */
	sorted = xcalloc(okinds.n + 1, sizeof *sorted);
	if (okinds.n > 0)
		memcpy(sorted, okinds.v, okinds.n * sizeof *sorted);
	qsort(sorted, okinds.n, sizeof *sorted, q_cmp_str);
	for (size_t i = 0; i < okinds.n; i++)
		qa_row(r, "kind", sorted[i], &other[q_key(&okinds,
		    sorted[i])]);
	free(sorted);
	for (size_t i = 0; i < nch; i++)
		qa_row(r, "channel", appeal_channels[i], &ch[i]);
	for (size_t i = 0; i < nct; i++)
		qa_row(r, "client_type", appeal_client_types[i], &ct[i]);
	free(kinds);
	free(ch);
	free(ct);
	free(other);
	q_keys_free(&okinds);
	*rp = r;
	return OKNO_OK;
fail:
	free(kinds);
	free(ch);
	free(ct);
	free(other);
	q_keys_free(&okinds);
	report_appeals_free(r);
	return e->code ? e->code : OKNO_EDB;
}

void
report_appeals_free(struct report_appeals *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r);
}

/*
 * Client satisfaction.
 */

/* Counters of one criterion in one group. */
struct qf_crit {
	int64_t	n, sum, score[5];
};

struct qf_group {
	const char	*group;
	char		 key[64];
	int		 order;		/* configured service index; else big */
	int64_t		 visits, rated;
	struct qf_crit	*crit;		/* ncrit of the state */
	size_t		 ncrit;
};

struct qf_state {
	const struct config *cfg;
	struct qf_group	*g;
	size_t		 ng;
	size_t		 svc0;		/* first service group */
	size_t		 nsvc;		/* service groups so far */
	struct q_keys	 codes;		/* criterion codes beyond the config */
	size_t		 last_svc, last_mgr;	/* look-up caches */
};

static size_t
qf_add_group(struct qf_state *s, const char *group, const char *key,
    int order)
{
	struct qf_group *g;

	s->g = xreallocarray(s->g, s->ng + 1, sizeof *s->g);
	g = &s->g[s->ng];
	memset(g, 0, sizeof *g);
	g->group = group;
	strlcpy_(g->key, key, sizeof g->key);
	g->order = order;
	return s->ng++;
}

static size_t
qf_service(struct qf_state *s, const char *code)
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
	return s->last_svc = qf_add_group(s, "service", code, INT32_MAX);
}

static size_t
qf_manager(struct qf_state *s, const char *login)
{
	if (s->last_mgr < s->ng && strcmp(s->g[s->last_mgr].key, login) == 0 &&
	    s->g[s->last_mgr].group[0] == 'm')
		return s->last_mgr;
	for (size_t j = 0; j < s->ng; j++)
		if (strcmp(s->g[j].group, "manager") == 0 &&
		    strcmp(s->g[j].key, login) == 0)
			return s->last_mgr = j;
	return s->last_mgr = qf_add_group(s, "manager", login, 0);
}

/* The groups of a visit: all, service and (when known) manager. */
static size_t
qf_groups(struct qf_state *s, const char *service, const char *manager,
    size_t out[3])
{
	size_t n = 0;

	out[n++] = 0;
	out[n++] = qf_service(s, service);
	if (manager[0] != '\0')
		out[n++] = qf_manager(s, manager);
	return n;
}

/* Index of a criterion code: configured ones first, then others met. */
static size_t
qf_crit_index(struct qf_state *s, const char *code)
{
	for (size_t i = 0; i < s->cfg->ncriteria; i++)
		if (strcmp(s->cfg->criteria[i].code, code) == 0)
			return i;
	return s->cfg->ncriteria + q_key(&s->codes, code);
}

static struct qf_crit *
qf_crit(struct qf_group *g, size_t i)
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
qf_avg100(int64_t sum, int64_t n)
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
qf_rows(struct qf_state *s, const struct qf_group *g,
    struct report_feedback *r, int *avg, double *w)
{
	size_t nc = s->cfg->ncriteria + s->codes.n;
	struct report_feedback_row *row, *csi;
	char **sorted;

	sorted = xcalloc(s->codes.n + 1, sizeof *sorted);
	if (s->codes.n > 0)
		memcpy(sorted, s->codes.v, s->codes.n * sizeof *sorted);
	qsort(sorted, s->codes.n, sizeof *sorted, q_cmp_str);
	csi = &r->rows[r->nrows + nc];
	memset(csi, 0, sizeof *csi);
	for (size_t k = 0; k < nc; k++) {
		/* Configured criteria in order, then the others by code. */
		size_t i = k < s->cfg->ncriteria ? k :
		    s->cfg->ncriteria + q_key(&s->codes,
		    sorted[k - s->cfg->ncriteria]);
		const struct qf_crit *q = i < g->ncrit ? &g->crit[i] : NULL;
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
		row->avg100 = qf_avg100(q->sum, q->n);
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
qf_cmp_group(const void *pa, const void *pb)
{
	const struct qf_group *a = pa, *b = pb;
	int ga = a->group[0] == 'a' ? 0 : a->group[0] == 's' ? 1 : 2;
	int gb = b->group[0] == 'a' ? 0 : b->group[0] == 's' ? 1 : 2;

	if (ga != gb)
		return ga - gb;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int
qf_has_ratings(struct ctx *c, int *yes, struct err *e)
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
qf_pass(struct ctx *c, struct qf_state *s, const char *from,
    const char *to, int ratings, struct err *e)
{
	struct stmt *st = NULL, *rt = NULL;
	int64_t lo = 0, hi = -1, tid, rid = -1, score;
	size_t gs[3], n, ci;
	int r, rr = DB_DONE, in, rated, rc = OKNO_EDB;

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
	if (db_prepare(c->db, &st, e, "SELECT id, day, status, service,"
	    " coalesce(manager, '') FROM tickets WHERE id BETWEEN :lo AND :hi"
	    " ORDER BY id") != OKNO_OK)
		goto out;
	db_bind_int(st, ":lo", lo);
	db_bind_int(st, ":hi", hi);
	if (ratings) {
		if (db_prepare(c->db, &rt, e, "SELECT ticket_id, criterion,"
		    " score FROM ratings WHERE ticket_id BETWEEN :lo AND :hi"
		    " ORDER BY ticket_id") != OKNO_OK)
			goto out;
		db_bind_int(rt, ":lo", lo);
		db_bind_int(rt, ":hi", hi);
		if ((rr = db_step(rt, e)) == DB_ERROR)
			goto out;
		rid = rr == DB_ROW ? db_col_int(rt, 0) : INT64_MAX;
	} else
		rid = INT64_MAX;
	while ((r = db_step(st, e)) == DB_ROW) {
		tid = db_col_int(st, 0);
		in = strcmp(db_col_text(st, 1), from) >= 0 &&
		    strcmp(db_col_text(st, 1), to) <= 0 &&
		    strcmp(db_col_text(st, 2), "finished") == 0;
		n = in ? qf_groups(s, db_col_text(st, 3), db_col_text(st, 4),
		    gs) : 0;
		/* Ratings of tickets not read (none: ids are unique). */
		while (rid < tid) {
			if ((rr = db_step(rt, e)) == DB_ERROR)
				goto out;
			rid = rr == DB_ROW ? db_col_int(rt, 0) : INT64_MAX;
		}
		rated = 0;
		while (rid == tid) {
			score = db_col_int(rt, 2);
			/* The CHECK keeps scores in 1-5; be safe anyway. */
			if (in && score >= 1 && score <= 5) {
				rated = 1;
				ci = qf_crit_index(s, db_col_text(rt, 1));
				for (size_t i = 0; i < n; i++) {
					struct qf_crit *q =
					    qf_crit(&s->g[gs[i]], ci);

					q->n++;
					q->sum += score;
					q->score[score - 1]++;
				}
			}
			if ((rr = db_step(rt, e)) == DB_ERROR)
				goto out;
			rid = rr == DB_ROW ? db_col_int(rt, 0) : INT64_MAX;
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
	struct qf_state s;
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
	qf_add_group(&s, "all", "all", 0);
	s.svc0 = s.ng;
	for (size_t i = 0; i < c->cfg->nservices; i++)
		qf_add_group(&s, "service", c->cfg->services[i].code, (int)i);
	if (db_begin_read(c->db, e) != OKNO_OK)
		rc = e->code;
	else {
		rc = qf_has_ratings(c, &ratings, e);
		/* A database from before ratings has none to count. */
		if (rc == OKNO_OK)
			rc = qf_pass(c, &s, from, to, ratings, e);
		db_rollback(c->db);
	}
	if (rc == OKNO_OK) {
		qsort(s.g, s.ng, sizeof *s.g, qf_cmp_group);
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
			qf_rows(&s, &s.g[i], r, avg, w);
		}
		free(avg);
		free(w);
		*rp = r;
	}
	for (size_t i = 0; i < s.ng; i++)
		free(s.g[i].crit);
	free(s.g);
	q_keys_free(&s.codes);
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

/*
 * Inspection compliance.
 */

struct qi_acc {
	int64_t	inspections, met, not_met, na;
};

static void
qi_row(struct report_inspections *r, const char *group, const char *key,
    const struct qi_acc *a)
{
	struct report_inspection_row *row = &r->rows[r->nrows++];

	row->group = group;
	strlcpy_(row->key, key, sizeof row->key);
	row->inspections = a->inspections;
	row->results = a->met + a->not_met + a->na;
	row->met = a->met;
	row->not_met = a->not_met;
	row->na = a->na;
	row->compliance_pct10 = report_pct10(a->met, a->met + a->not_met);
}

static void
qi_add(struct qi_acc *a, enum inspection_result res)
{
	a->met += res == RESULT_MET;
	a->not_met += res == RESULT_NOT_MET;
	a->na += res == RESULT_NA;
}

int
report_inspections(struct ctx *c, const struct catalogue *cat,
    const char *from, const char *to, struct report_inspections **rp,
    struct err *e)
{
	struct qi_acc all, kinds[INSPECTION_NKINDS], *crit = NULL;
	struct q_keys codes = { NULL, 0 };
	struct report_inspections *r = NULL;
	struct stmt *st = NULL;
	enum inspection_kind kind;
	enum inspection_result res;
	size_t ncat = cat != NULL ? cat->n : 0, ci, cap = 0;
	char **sorted;
	int row, rc;

	*rp = NULL;
	if (report_period_check(from, to, e) != OKNO_OK)
		return e->code;
	memset(&all, 0, sizeof all);
	memset(kinds, 0, sizeof kinds);
	if (db_begin_read(c->db, e) != OKNO_OK)
		return e->code;
	/* The inspections themselves (one may record no result of a kind
	 * that is counted below). */
	rc = db_prepare(c->db, &st, e, "SELECT kind FROM inspections"
	    " WHERE date BETWEEN :from AND :to");
	if (rc == OKNO_OK) {
		db_bind_text(st, ":from", from);
		db_bind_text(st, ":to", to);
		while ((row = db_step(st, e)) == DB_ROW) {
			all.inspections++;
			if (inspection_kind_parse(db_col_text(st, 0), &kind) ==
			    0)
				kinds[kind].inspections++;
		}
		db_finalize(st);
		st = NULL;
		rc = row == DB_ERROR ? OKNO_EDB : OKNO_OK;
	}
	if (rc == OKNO_OK)
		rc = db_prepare(c->db, &st, e, "SELECT i.kind, r.criterion,"
		    " r.result FROM inspections i JOIN inspection_results r"
		    " ON r.inspection_id = i.id WHERE i.date BETWEEN :from"
		    " AND :to");
	if (rc == OKNO_OK) {
		db_bind_text(st, ":from", from);
		db_bind_text(st, ":to", to);
		while ((row = db_step(st, e)) == DB_ROW) {
			if (inspection_result_parse(db_col_text(st, 2), &res))
				continue;	/* the CHECK forbids it */
			qi_add(&all, res);
			if (inspection_kind_parse(db_col_text(st, 0), &kind) ==
			    0)
				qi_add(&kinds[kind], res);
			ci = SIZE_MAX;
			for (size_t i = 0; i < ncat; i++)
				if (strcmp(cat->items[i].code,
				    db_col_text(st, 1)) == 0)
					ci = i;
			if (ci == SIZE_MAX)
				ci = ncat + q_key(&codes, db_col_text(st, 1));
			if (ci >= cap) {
				size_t ncap = ci + 16;

				crit = xreallocarray(crit, ncap, sizeof *crit);
				memset(crit + cap, 0, (ncap - cap) *
				    sizeof *crit);
				cap = ncap;
			}
			crit[ci].inspections++;
			qi_add(&crit[ci], res);
		}
		db_finalize(st);
		rc = row == DB_ERROR ? OKNO_EDB : OKNO_OK;
	}
	db_rollback(c->db);
	if (rc == OKNO_OK) {
		struct qi_acc none;

		memset(&none, 0, sizeof none);
		r = xcalloc(1, sizeof *r);
		strlcpy_(r->from, from, sizeof r->from);
		strlcpy_(r->to, to, sizeof r->to);
		r->rows = xcalloc(1 + INSPECTION_NKINDS + ncat + codes.n,
		    sizeof *r->rows);
		qi_row(r, "all", "all", &all);
		for (int k = 0; k < INSPECTION_NKINDS; k++)
			qi_row(r, "kind", inspection_kind_name(
			    (enum inspection_kind)k), &kinds[k]);
		for (size_t i = 0; i < ncat; i++)
			qi_row(r, "criterion", cat->items[i].code,
			    i < cap ? &crit[i] : &none);
		sorted = xcalloc(codes.n + 1, sizeof *sorted);
		if (codes.n > 0)
			memcpy(sorted, codes.v, codes.n * sizeof *sorted);
		qsort(sorted, codes.n, sizeof *sorted, q_cmp_str);
		for (size_t i = 0; i < codes.n; i++)
			qi_row(r, "criterion", sorted[i],
			    &crit[ncat + q_key(&codes, sorted[i])]);
		free(sorted);
		*rp = r;
	}
	free(crit);
	q_keys_free(&codes);
	return rc;
}

void
report_inspections_free(struct report_inspections *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r);
}
