/* report-appeals.c: the report's appeals section: registered, closed on
 * time, open and overdue appeals by kind, channel and client type (see
 * report.h for the definitions).
 *
 * Streaming.  Each section reads the period's rows with one or two
 * statements in one read snapshot and adds each row to the counters of its
 * groups; nothing per row is kept.  The groups are bounded by the
 * configuration and by the codes met, never by the length of the period.
 */
#include <stdlib.h>
#include <string.h>

#include "appeal.h"
#include "report.h"
#include "report-int.h"

struct ra_acc {
	int64_t	registered, closed, on_time, open, overdue, first;
};

static void
ra_add(struct ra_acc *a, int closed, int on_time, int open, int overdue,
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
ra_row(struct report_appeals *r, const char *group, const char *key,
    const struct ra_acc *a)
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

int
report_appeals(struct ctx *c, const char *from, const char *to,
    struct report_appeals **rp, struct err *e)
{
	const struct config *cfg = c->cfg;
	size_t nch = report_list_count(appeal_channels);
	size_t nct = report_list_count(appeal_client_types);
	struct ra_acc all, *kinds, *ch, *ct, *other = NULL;
	struct report_keys okinds = { NULL, 0 };
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
#define QA_ADD(acc) ra_add((acc), closed, on_time, open, \
	open && strcmp(due, r->today) < 0, db_col_int(st, 5) != 0)
		QA_ADD(&all);
		for (k = 0; k < (int)cfg->nkinds; k++)
			if (strcmp(cfg->kinds[k].code, db_col_text(st, 0)) == 0)
				break;
		if (k < (int)cfg->nkinds)
			QA_ADD(&kinds[k]);
		else {
			size_t n0 = okinds.n, o;

			o = report_keys_add(&okinds, db_col_text(st, 0));
			if (okinds.n > n0) {
				other = xreallocarray(other, okinds.n,
				    sizeof *other);
				memset(&other[o], 0, sizeof *other);
			}
			QA_ADD(&other[o]);
		}
		if ((k = report_list_index(appeal_channels, db_col_text(st, 1))) >= 0)
			QA_ADD(&ch[k]);
		if ((k = report_list_index(appeal_client_types, db_col_text(st, 2))) >= 0)
			QA_ADD(&ct[k]);
#undef QA_ADD
	}
	db_finalize(st);
	db_rollback(c->db);
	if (row == DB_ERROR)
		goto fail;

	r->rows = xcalloc(1 + cfg->nkinds + okinds.n + nch + nct,
	    sizeof *r->rows);
	ra_row(r, "all", "all", &all);
	for (size_t i = 0; i < cfg->nkinds; i++)
		ra_row(r, "kind", cfg->kinds[i].code, &kinds[i]);
	/* Other kinds by code: sort pointers, then find each one's counts. */
	sorted = xcalloc(okinds.n + 1, sizeof *sorted);
	if (okinds.n > 0)
		memcpy(sorted, okinds.v, okinds.n * sizeof *sorted);
	qsort(sorted, okinds.n, sizeof *sorted, report_cmp_str);
	for (size_t i = 0; i < okinds.n; i++)
		ra_row(r, "kind", sorted[i], &other[report_keys_add(&okinds,
		    sorted[i])]);
	free(sorted);
	for (size_t i = 0; i < nch; i++)
		ra_row(r, "channel", appeal_channels[i], &ch[i]);
	for (size_t i = 0; i < nct; i++)
		ra_row(r, "client_type", appeal_client_types[i], &ct[i]);
	free(kinds);
	free(ch);
	free(ct);
	free(other);
	report_keys_free(&okinds);
	*rp = r;
	return OKNO_OK;
fail:
	free(kinds);
	free(ch);
	free(ct);
	free(other);
	report_keys_free(&okinds);
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
