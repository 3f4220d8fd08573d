/* report-visits.c: the visits section of the report (SPEC, "Visits"):
 * per service and per manager, finished visits, those with an account,
 * with an outcome, resolved, and repeat visits, with their shares.
 *
 * Definitions, for the tickets issued in the period (branch-local issue
 * date, as every report):
 *   visits        finished tickets;
 *   with_account  of those, with an account (a purged one no longer has);
 *   with_outcome  with at least one outcome;
 *   resolved      with an outcome, said resolved (visit.c refuses
 *                 resolved without an outcome), so resolved_pct =
 *                 resolved / with_outcome is at most 100;
 *   repeat        with an account that has another finished visit at this
 *                 branch closed in the visits.repeat_days days (x 86400 s)
 *                 before this visit's issue time, inclusive; repeat_pct =
 *                 repeat / with_account.
 * A service row is the ticket's final service; a manager row the manager of
 * the last service segment (tickets.manager), none for visits without one.
 */
#include <stdlib.h>
#include <string.h>

#include "report-int.h"
#include "report.h"

struct vacc {
	struct report_gkey	 g;	/* first: report_gkey_cmp */
	int64_t		 visits, with_account, with_outcome, resolved, repeat;
};

struct vstate {
	struct vacc	*acc;
	size_t		 n, cap;
};

static size_t
v_row(struct vstate *s, const char *group, const char *key, int order)
{
	size_t i;

	s->acc = report_gkey_row(s->acc, &s->n, &s->cap, sizeof *s->acc, group,
	    key, order, &i);
	return i;
}

int
report_visits(struct ctx *c, const char *from, const char *to,
    struct report_visits **rp, struct err *e)
{
	struct vstate s;
	struct stmt *st = NULL;
	struct report_visits *r;
	int rc, k;

	*rp = NULL;
	if ((rc = report_period_check(from, to, e)) != OKNO_OK)
		return rc;
	memset(&s, 0, sizeof s);
	(void)v_row(&s, "all", "all", 0);
	if (db_begin_read(c->db, e) != OKNO_OK) {
		free(s.acc);
		return e->code;
	}
	rc = db_prepare(c->db, &st, e, "SELECT t.service,"
	    " coalesce(t.manager, ''), t.account IS NOT NULL,"
	    " t.outcomes IS NOT NULL, t.outcomes IS NOT NULL AND"
	    " coalesce(t.resolved, 0) = 1,"
	    " t.account IS NOT NULL AND EXISTS (SELECT 1 FROM tickets p"
	    "  WHERE p.account = t.account AND p.id != t.id"
	    "  AND p.status = 'finished' AND p.closed_at <= t.issued_at"
	    "  AND p.closed_at >= t.issued_at - :span)"
	    " FROM tickets t WHERE t.day BETWEEN :from AND :to"
	    " AND t.status = 'finished'");
	if (rc == OKNO_OK) {
		db_bind_text(st, ":from", from);
		db_bind_text(st, ":to", to);
		db_bind_int(st, ":span", (int64_t)(c->cfg->repeat_days > 0 ?
		    c->cfg->repeat_days : 30) * 86400);
		while ((k = db_step(st, e)) == DB_ROW) {
			const char *svc = db_col_text(st, 0);
			size_t rows[3], nr = 0;

			rows[nr++] = 0;
			rows[nr++] = v_row(&s, "service", svc,
			    config_service_index(c->cfg, svc));
			if (*db_col_text(st, 1) != '\0')
				rows[nr++] = v_row(&s, "manager",
				    db_col_text(st, 1), -1);
			for (size_t i = 0; i < nr; i++) {
				struct vacc *a = &s.acc[rows[i]];

				a->visits++;
				a->with_account += db_col_int(st, 2) != 0;
				a->with_outcome += db_col_int(st, 3) != 0;
				a->resolved += db_col_int(st, 4) != 0;
				a->repeat += db_col_int(st, 5) != 0;
			}
		}
		if (k == DB_ERROR)
			rc = OKNO_EDB;
	}
	db_finalize(st);
	db_rollback(c->db);
	if (rc != OKNO_OK) {
		free(s.acc);
		return rc;
	}
	if (s.n > 1)
		qsort(s.acc, s.n, sizeof *s.acc, report_gkey_cmp);
	r = xcalloc(1, sizeof *r);
	strlcpy_(r->from, from, sizeof r->from);
	strlcpy_(r->to, to, sizeof r->to);
	r->rows = xcalloc(s.n, sizeof *r->rows);
	r->nrows = s.n;
	for (size_t i = 0; i < s.n; i++) {
		struct report_visit_row *w = &r->rows[i];
		const struct vacc *a = &s.acc[i];

		w->group = a->g.group;
		strlcpy_(w->key, a->g.key, sizeof w->key);
		w->visits = a->visits;
		w->with_account = a->with_account;
		w->with_outcome = a->with_outcome;
		w->resolved = a->resolved;
		w->repeat = a->repeat;
		w->resolved_pct10 = report_pct10(a->resolved, a->with_outcome);
		w->repeat_pct10 = report_pct10(a->repeat, a->with_account);
	}
	free(s.acc);
	*rp = r;
	return OKNO_OK;
}

void
report_visits_free(struct report_visits *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r);
}

void
report_visits_text(FILE *fp, const struct config *cfg,
    const struct report_visits *r)
{
	const char *group = "";
	char a[16], b[16];

	fprintf(fp, "\n%s\n", _("Visits: outcome, first-contact resolution "
	    "and repeat visits"));
	fprintf(fp, _("RES%%: resolved of those with an outcome; REPEAT: "
	    "again within %d days\n"), cfg->repeat_days);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct report_visit_row *x = &r->rows[i];
		const struct config_service *s;

		if (strcmp(x->group, group) != 0) {
			group = x->group;
			if (strcmp(group, "all") != 0)
				fprintf(fp, "\n%s\n", strcmp(group, "service")
				    == 0 ? _("By service") : _("By manager"));
			else
				fputc('\n', fp);
			table_head(fp, "%-22s %6s %7s %7s %8s %6s %6s %6s\n",
			    _("KEY"), _("VISITS"), _("ACCOUNT"), _("OUTCOME"),
			    _("RESOLVED"), _("RES%"), _("REPEAT"), _("REP%"));
		}
		report_fmt_pct(a, sizeof a, x->resolved_pct10);
		report_fmt_pct(b, sizeof b, x->repeat_pct10);
		s = strcmp(x->group, "service") == 0 ?
		    config_service(cfg, x->key) : NULL;
		text_put_cell(fp, strcmp(x->group, "all") == 0 ? _("All") :
		    s != NULL ? s->name : x->key, 22);
		fprintf(fp, " %6lld %7lld %7lld %8lld %6s %6lld %6s\n",
		    (long long)x->visits, (long long)x->with_account,
		    (long long)x->with_outcome, (long long)x->resolved, a,
		    (long long)x->repeat, b);
	}
}
