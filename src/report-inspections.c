/* report-inspections.c: the report's inspection compliance section: met
 * and not met per criterion of the catalogue, and per inspection kind
 * (see report.h for the definitions).
 *
 * Streaming.  Each section reads the period's rows with one or two
 * statements in one read snapshot and adds each row to the counters of its
 * groups; nothing per row is kept.  The groups are bounded by the
 * configuration and by the codes met, never by the length of the period.
 */
#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "report.h"
#include "report-int.h"

struct ri_acc {
	int64_t	inspections, met, not_met, na;
};

static void
ri_row(struct report_inspections *r, const char *group, const char *key,
    const struct ri_acc *a)
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
ri_add(struct ri_acc *a, enum inspection_result res)
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
	struct ri_acc all, kinds[INSPECTION_NKINDS], *crit = NULL;
	struct report_keys codes = { NULL, 0 };
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
			ri_add(&all, res);
			if (inspection_kind_parse(db_col_text(st, 0), &kind) ==
			    0)
				ri_add(&kinds[kind], res);
			ci = SIZE_MAX;
			for (size_t i = 0; i < ncat; i++)
				if (strcmp(cat->items[i].code,
				    db_col_text(st, 1)) == 0)
					ci = i;
			if (ci == SIZE_MAX)
				ci = ncat + report_keys_add(&codes, db_col_text(st, 1));
			if (ci >= cap) {
				size_t ncap = ci + 16;

				crit = xreallocarray(crit, ncap, sizeof *crit);
				memset(crit + cap, 0, (ncap - cap) *
				    sizeof *crit);
				cap = ncap;
			}
			crit[ci].inspections++;
			ri_add(&crit[ci], res);
		}
		db_finalize(st);
		rc = row == DB_ERROR ? OKNO_EDB : OKNO_OK;
	}
	db_rollback(c->db);
	if (rc == OKNO_OK) {
		struct ri_acc none;

		memset(&none, 0, sizeof none);
		r = xcalloc(1, sizeof *r);
		strlcpy_(r->from, from, sizeof r->from);
		strlcpy_(r->to, to, sizeof r->to);
		r->rows = xcalloc(1 + INSPECTION_NKINDS + ncat + codes.n,
		    sizeof *r->rows);
		ri_row(r, "all", "all", &all);
		for (int k = 0; k < INSPECTION_NKINDS; k++)
			ri_row(r, "kind", inspection_kind_name(
			    (enum inspection_kind)k), &kinds[k]);
		for (size_t i = 0; i < ncat; i++)
			ri_row(r, "criterion", cat->items[i].code,
			    i < cap ? &crit[i] : &none);
		sorted = xcalloc(codes.n + 1, sizeof *sorted);
		if (codes.n > 0)
			memcpy(sorted, codes.v, codes.n * sizeof *sorted);
		qsort(sorted, codes.n, sizeof *sorted, report_cmp_str);
		for (size_t i = 0; i < codes.n; i++)
			ri_row(r, "criterion", sorted[i],
			    &crit[ncat + report_keys_add(&codes, sorted[i])]);
		free(sorted);
		*rp = r;
	}
	free(crit);
	report_keys_free(&codes);
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

