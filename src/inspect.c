/* inspect.c: quality inspections and the evidence okno's data gives for
 * the criteria it can answer (see inspect.h for the contract).
 *
 * An inspection is a record of what an inspector found on a date; it is
 * not changed afterwards (a correction is a new inspection), so its
 * results are exported once, one row each (export.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "devlog.h"
#include "inspect.h"
#include "report.h"

static const char *const kind_names[INSPECTION_NKINDS] = {
	"internal", "external", "mystery_shopper"
};
static const char *const kind_labels[INSPECTION_NKINDS] = {
	N_("internal audit"), N_("external audit"), N_("mystery shopper")
};
static const char *const result_names[INSPECTION_NRESULTS] = {
	"met", "not_met", "na"
};
static const char *const result_labels[INSPECTION_NRESULTS] = {
	N_("met"), N_("not met"), N_("n/a")
};

/* The devices a branch may have, in the evidence's order. */
static const char *const evidence_devices[EVIDENCE_MAX_DEVICES] = {
	"printer", "board", "keypad"
};

const char *
inspection_kind_name(enum inspection_kind k)
{
	return codes_name(kind_names, nitems(kind_names), (int)k);
}

const char *
inspection_kind_label(enum inspection_kind k)
{
	return codes_label(kind_labels, nitems(kind_labels), (int)k);
}

int
inspection_kind_parse(const char *s, enum inspection_kind *out)
{
	int i = codes_index(kind_names, nitems(kind_names), s);

	if (i < 0)
		return -1;
	*out = (enum inspection_kind)i;
	return 0;
}

const char *
inspection_result_name(enum inspection_result r)
{
	return codes_name(result_names, nitems(result_names), (int)r);
}

const char *
inspection_result_label(enum inspection_result r)
{
	return codes_label(result_labels, nitems(result_labels), (int)r);
}

int
inspection_result_parse(const char *s, enum inspection_result *out)
{
	int i = codes_index(result_names, nitems(result_names), s);

	if (i < 0)
		return -1;
	*out = (enum inspection_result)i;
	return 0;
}

unsigned
inspection_kind_mechanism(enum inspection_kind k)
{
	switch (k) {
	case INSPECTION_INTERNAL:
		return CONTROL_INTERNAL_AUDIT;
	case INSPECTION_EXTERNAL:
		return CONTROL_EXTERNAL_AUDIT;
	case INSPECTION_MYSTERY_SHOPPER:
		return CONTROL_MYSTERY_SHOPPER;
	}
	return 0;
}

/* date + days as YYYY-MM-DD (date already valid). */
static void
i_date_add(const char *date, long days, char *out, size_t size)
{
	int y, m, d;

	date_parse(date, &y, &m, &d);
	calendar_from_day_number(calendar_day_number(y, m, d) + days, &y, &m,
	    &d);
	snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}

/* The mechanisms of a criterion, for messages: "internal audit, ...". */
static void
i_mechanisms(unsigned bits, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int k = 0; k < INSPECTION_NKINDS; k++)
		if (bits & inspection_kind_mechanism((enum inspection_kind)k))
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
			    buf[0] != '\0' ? ", " : "",
			    inspection_kind_label((enum inspection_kind)k));
}

int
inspection_check(struct ctx *c, const struct catalogue *cat,
    const struct inspection_new *n, struct err *e)
{
	const struct catalogue_criterion *cr;
	struct err tmp;
	char today[16], mech[200];
	int y, m, d;

	if (n->date == NULL || date_parse(n->date, &y, &m, &d) != 0)
		return err_set(e, OKNO_EINVAL, _("date: not a date "
		    "(YYYY-MM-DD): %s"), n->date != NULL ? n->date : "");
	time_format_date(c->now, today, sizeof today);
	/* YYYY-MM-DD compares as text in date order. */
	if (strcmp(n->date, today) > 0)
		return err_set(e, OKNO_EINVAL, _("date: %s is after today "
		    "(%s)"), n->date, today);
	if ((unsigned)n->kind >= INSPECTION_NKINDS)
		return err_set(e, OKNO_EINVAL, _("kind: unknown"));
	if (text_blank(n->inspector))
		return err_set(e, OKNO_EINVAL, _("inspector: required"));
	if (text_check(n->inspector, INSPECTION_INSPECTOR_MAX, 0,
	    _("inspector"), e) != OKNO_OK)
		return e->code;
	if (n->note != NULL && text_check(n->note, INSPECTION_NOTE_MAX, 1,
	    _("note"), e) != OKNO_OK)
		return e->code;
	if (n->nitems == 0)
		return err_set(e, OKNO_EINVAL, _("an inspection records at "
		    "least one result"));
	for (size_t i = 0; i < n->nitems; i++) {
		const struct inspection_item_new *it = &n->items[i];

		if (it->code == NULL ||
		    (cr = catalogue_find(cat, it->code)) == NULL)
			return err_set(e, OKNO_EINVAL, _("criterion %s: not in "
			    "the catalogue %s"), it->code ? it->code : "",
			    cat->path);
		for (size_t j = 0; j < i; j++)
			if (strcmp(n->items[j].code, it->code) == 0)
				return err_set(e, OKNO_EINVAL, _("criterion "
				    "%s: given twice"), it->code);
		if ((unsigned)it->result >= INSPECTION_NRESULTS)
			return err_set(e, OKNO_EINVAL, _("criterion %s: "
			    "unknown result"), it->code);
		/* The standard names who checks what; keep to it. */
		if (!(cr->mechanisms & inspection_kind_mechanism(n->kind))) {
			i_mechanisms(cr->mechanisms, mech, sizeof mech);
			return err_set(e, OKNO_EINVAL, _("criterion %s is not "
			    "checked by %s (its control: %s)"), it->code,
			    inspection_kind_label(n->kind), mech);
		}
		if (it->comment != NULL && text_check(it->comment,
		    INSPECTION_COMMENT_MAX, 1, _("comment"), &tmp) != OKNO_OK)
			return err_set(e, OKNO_EINVAL, _("criterion %s: %s"),
			    it->code, tmp.msg);
	}
	return OKNO_OK;
}

int
inspection_add(struct ctx *c, const struct catalogue *cat,
    const struct inspection_new *n, int64_t *idp, struct err *e)
{
	struct stmt *st;
	int64_t id;

	if (c->who->role != ROLE_SYSTEM && c->who->role != ROLE_SUPERVISOR &&
	    c->who->role != ROLE_AUDITOR)
		return err_set(e, OKNO_EPERM, _("only a supervisor or an "
		    "auditor may record an inspection"));
	if (inspection_check(c, cat, n, e) != OKNO_OK)
		return e->code;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if (db_prepare(c->db, &st, e, "INSERT INTO inspections (date, kind,"
	    " inspector, note, recorded_by, created_at, updated_at) VALUES"
	    " (:date, :kind, :insp, :note, :by, :now, :now)") != OKNO_OK)
		goto fail;
	db_bind_text(st, ":date", n->date);
	db_bind_text(st, ":kind", inspection_kind_name(n->kind));
	db_bind_text(st, ":insp", n->inspector);
	db_bind_text(st, ":note", text_blank(n->note) ? NULL : n->note);
	db_bind_text(st, ":by", c->who->role == ROLE_SYSTEM ? NULL :
	    c->who->login);
	db_bind_int(st, ":now", c->now);
	if (db_run(st, e) != OKNO_OK)
		goto fail;
	id = db_last_id(c->db);
	if (db_prepare(c->db, &st, e, "INSERT INTO inspection_results"
	    " (inspection_id, criterion, result, comment, updated_at) VALUES"
	    " (:id, :code, :result, :comment, :now)") != OKNO_OK)
		goto fail;
	for (size_t i = 0; i < n->nitems; i++) {
		db_reset(st);
		db_bind_int(st, ":id", id);
		db_bind_text(st, ":code", n->items[i].code);
		db_bind_text(st, ":result",
		    inspection_result_name(n->items[i].result));
		db_bind_text(st, ":comment", text_blank(n->items[i].comment) ?
		    NULL : n->items[i].comment);
		db_bind_int(st, ":now", c->now);
		if (db_step(st, e) == DB_ERROR) {
			db_finalize(st);
			goto fail;
		}
	}
	db_finalize(st);
	if (db_commit(c->db, e) != OKNO_OK)
		return e->code;
	if (idp != NULL)
		*idp = id;
	return OKNO_OK;
fail:
	db_rollback(c->db);
	return e->code;
}

/* The columns i_read() expects, then the result counts. */
#define INSPECTION_COLS "i.id, i.date, i.kind, i.inspector," \
	" coalesce(i.note, ''), coalesce(i.recorded_by, ''), i.created_at," \
	" (SELECT count(*) FROM inspection_results r WHERE" \
	" r.inspection_id = i.id AND r.result = 'met')," \
	" (SELECT count(*) FROM inspection_results r WHERE" \
	" r.inspection_id = i.id AND r.result = 'not_met')," \
	" (SELECT count(*) FROM inspection_results r WHERE" \
	" r.inspection_id = i.id AND r.result = 'na')"

static void
i_read(struct stmt *st, struct inspection *in)
{
	memset(in, 0, sizeof *in);
	in->id = db_col_int(st, 0);
	strlcpy_(in->date, db_col_text(st, 1), sizeof in->date);
	if (inspection_kind_parse(db_col_text(st, 2), &in->kind) != 0)
		in->kind = INSPECTION_INTERNAL;	/* the CHECK forbids it */
	in->inspector = xstrdup(db_col_text(st, 3));
	in->note = xstrdup(db_col_text(st, 4));
	strlcpy_(in->recorded_by, db_col_text(st, 5), sizeof in->recorded_by);
	in->created_at = (time_t)db_col_int(st, 6);
	in->met = db_col_int(st, 7);
	in->not_met = db_col_int(st, 8);
	in->na = db_col_int(st, 9);
}

int
inspection_get(struct ctx *c, int64_t id, struct inspection *in,
    struct err *e)
{
	struct stmt *st;
	size_t cap = 0;
	int r;

	memset(in, 0, sizeof *in);
	if (db_prepare(c->db, &st, e, "SELECT " INSPECTION_COLS
	    " FROM inspections i WHERE i.id = :id") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":id", id);
	r = db_step(st, e);
	if (r == DB_ROW)
		i_read(st, in);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE)
		return err_set(e, OKNO_ENOENT, _("no inspection %lld"),
		    (long long)id);
	if (db_prepare(c->db, &st, e, "SELECT criterion, result,"
	    " coalesce(comment, '') FROM inspection_results"
	    " WHERE inspection_id = :id ORDER BY criterion") != OKNO_OK) {
		inspection_clear(in);
		return e->code;
	}
	db_bind_int(st, ":id", id);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct inspection_item *it;

		if (in->nitems == cap) {
			cap = cap ? cap * 2 : 16;
			in->items = xreallocarray(in->items, cap,
			    sizeof *in->items);
		}
		it = &in->items[in->nitems++];
		strlcpy_(it->code, db_col_text(st, 0), sizeof it->code);
		if (inspection_result_parse(db_col_text(st, 1), &it->result))
			it->result = RESULT_NA;
		it->comment = xstrdup(db_col_text(st, 2));
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		inspection_clear(in);
		return OKNO_EDB;
	}
	return OKNO_OK;
}

void
inspection_clear(struct inspection *in)
{
	if (in == NULL)
		return;
	free(in->inspector);
	free(in->note);
	for (size_t i = 0; i < in->nitems; i++)
		free(in->items[i].comment);
	free(in->items);
	memset(in, 0, sizeof *in);
}

int
inspection_list(struct ctx *c, const char *from, const char *to,
    struct inspection **out, size_t *np, struct err *e)
{
	struct stmt *st;
	struct inspection *v = NULL;
	size_t n = 0, cap = 0;
	int r;

	*out = NULL;
	*np = 0;
	if (db_prepare(c->db, &st, e, "SELECT " INSPECTION_COLS
	    " FROM inspections i WHERE (:from IS NULL OR i.date >= :from)"
	    " AND (:to IS NULL OR i.date <= :to) ORDER BY i.date, i.id") !=
	    OKNO_OK)
		return e->code;
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", to);
	while ((r = db_step(st, e)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		i_read(st, &v[n++]);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		inspection_list_free(v, n);
		return OKNO_EDB;
	}
	*out = v;
	*np = n;
	return OKNO_OK;
}

void
inspection_list_free(struct inspection *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		inspection_clear(&v[i]);
	free(v);
}

/*
 * Evidence.
 */

/* A count from sql with :from and :to bound. */
static int
i_count(struct ctx *c, const char *sql, const char *from, const char *to,
    int64_t *out, struct err *e)
{
	struct stmt *st;
	int r;

	*out = 0;
	if (db_prepare(c->db, &st, e, sql) != OKNO_OK)
		return e->code;
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", to);
	if ((r = db_step(st, e)) == DB_ROW)
		*out = db_col_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/*
 * Appeals due in the window: answered (or closed, when never answered) on
 * or before the due date in force, after it, or not at all.  The answer's
 * date is branch-local; appeals are few, so each is looked at here.
 */
static int
ev_appeals(struct ctx *c, struct inspection_evidence *ev, struct err *e)
{
	struct stmt *st;
	char day[16];
	time_t done;
	int r;

	if (db_prepare(c->db, &st, e, "SELECT due_date,"
	    " coalesce(answered_at, closed_at) FROM appeals"
	    " WHERE due_date BETWEEN :from AND :to") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":from", ev->from);
	db_bind_text(st, ":to", ev->to);
	while ((r = db_step(st, e)) == DB_ROW) {
		ev->due++;
		if (db_col_null(st, 1)) {
			ev->unanswered++;
			continue;
		}
		done = (time_t)db_col_int(st, 1);
		time_format_date(done, day, sizeof day);
		if (strcmp(day, db_col_text(st, 0)) <= 0)
			ev->on_time++;
		else
			ev->late++;
	}
	db_finalize(st);
	ev->on_time_pct10 = report_pct10(ev->on_time, ev->due);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

static int
ev_norms(struct ctx *c, struct inspection_evidence *ev, struct err *e)
{
	struct report *rep;

	if (report_queue(c, ev->from, ev->to, &rep, e) != OKNO_OK)
		return e->code;
	/* Row 0 is "all" (report.h). */
	ev->waited = rep->rows[0].wait.n;
	ev->wait_normed = rep->rows[0].wait.normed;
	ev->wait_within = rep->rows[0].wait.within;
	ev->wait_pct10 = rep->rows[0].wait.within_pct10;
	ev->served = rep->rows[0].service.n;
	ev->service_normed = rep->rows[0].service.normed;
	ev->service_within = rep->rows[0].service.within;
	ev->service_pct10 = rep->rows[0].service.within_pct10;
	report_free(rep);
	return OKNO_OK;
}

static int
i_has_table(struct ctx *c, const char *name, int *yes, struct err *e)
{
	struct stmt *st;
	int r;

	*yes = 0;
	if (db_prepare(c->db, &st, e, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name = :name") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":name", name);
	if ((r = db_step(st, e)) == DB_ROW)
		*yes = db_col_int(st, 0) > 0;
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

static int
ev_feedback(struct ctx *c, struct inspection_evidence *ev, struct err *e)
{
	int ratings;

	if (i_count(c, "SELECT count(*) FROM tickets WHERE day BETWEEN"
	    " :from AND :to AND status = 'finished'", ev->from, ev->to,
	    &ev->visits, e) != OKNO_OK ||
	    i_count(c, "SELECT count(*) FROM appeals WHERE reg_date BETWEEN"
	    " :from AND :to AND channel IN ('book', 'box')", ev->from, ev->to,
	    &ev->book_entries, e) != OKNO_OK ||
	    i_has_table(c, "ratings", &ratings, e) != OKNO_OK)
		return e->code;
	/* A database from before ratings has none to count. */
	if (ratings && (i_count(c, "SELECT count(DISTINCT r.ticket_id) FROM"
	    " ratings r JOIN tickets t ON t.id = r.ticket_id WHERE t.day"
	    " BETWEEN :from AND :to", ev->from, ev->to, &ev->rated_visits,
	    e) != OKNO_OK ||
	    i_count(c, "SELECT count(*) FROM ratings r JOIN tickets t ON"
	    " t.id = r.ticket_id WHERE t.day BETWEEN :from AND :to",
	    ev->from, ev->to, &ev->ratings, e) != OKNO_OK))
		return e->code;
	ev->rated_pct10 = report_pct10(ev->rated_visits, ev->visits);
	return OKNO_OK;
}

static int
ev_systems(struct ctx *c, const char *date, struct inspection_evidence *ev,
    struct err *e)
{
	const struct config_device *devs[EVIDENCE_MAX_DEVICES] = {
		&c->cfg->printer, &c->cfg->board, &c->cfg->keypad
	};
	struct devlog dl;
	int y, m, d;
	time_t end;

	if (i_count(c, "SELECT count(*) FROM tickets WHERE day BETWEEN"
	    " :from AND :to", ev->from, ev->to, &ev->tickets, e) != OKNO_OK ||
	    i_count(c, "SELECT count(*) FROM appeals WHERE reg_date BETWEEN"
	    " :from AND :to", ev->from, ev->to, &ev->appeals, e) != OKNO_OK)
		return e->code;
	/* The end of the inspection date: the next local midnight. */
	date_parse(date, &y, &m, &d);
	calendar_from_day_number(calendar_day_number(y, m, d) + 1, &y, &m, &d);
	end = date_start(y, m, d);
	for (size_t i = 0; i < EVIDENCE_MAX_DEVICES; i++) {
		if (devs[i]->driver == NULL)
			continue;
		if (devlog_last(c, evidence_devices[i], 0, end, &dl, e) !=
		    OKNO_OK)
			return e->code;
		strlcpy_(ev->devices[ev->ndevices].device, evidence_devices[i],
		    sizeof ev->devices[0].device);
		strlcpy_(ev->devices[ev->ndevices].event, dl.event,
		    sizeof ev->devices[0].event);
		ev->devices[ev->ndevices].at = dl.event[0] != '\0' ? dl.at : 0;
		ev->ndevices++;
	}
	return OKNO_OK;
}

int
inspection_evidence(struct ctx *c, const char *date, enum evidence kind,
    struct inspection_evidence *ev, struct err *e)
{
	int y, m, d, rc = OKNO_OK;

	memset(ev, 0, sizeof *ev);
	ev->kind = kind;
	ev->on_time_pct10 = ev->wait_pct10 = ev->service_pct10 =
	    ev->rated_pct10 = -1;
	if (date == NULL || date_parse(date, &y, &m, &d) != 0)
		return err_set(e, OKNO_EINVAL, _("not a date (YYYY-MM-DD): %s"),
		    date != NULL ? date : "");
	i_date_add(date, -INSPECTION_EVIDENCE_DAYS, ev->from, sizeof ev->from);
	i_date_add(date, -1, ev->to, sizeof ev->to);
	/* One snapshot for all the figures (report_queue reads alone). */
	if (kind == EVIDENCE_NORMS)
		return ev_norms(c, ev, e);
	if (kind == EVIDENCE_NONE)
		return OKNO_OK;
	if (db_begin_read(c->db, e) != OKNO_OK)
		return e->code;
	switch (kind) {
	case EVIDENCE_APPEALS_ON_TIME:
		rc = ev_appeals(c, ev, e);
		break;
	case EVIDENCE_FEEDBACK:
		rc = ev_feedback(c, ev, e);
		break;
	case EVIDENCE_SYSTEMS:
		rc = ev_systems(c, date, ev, e);
		break;
	case EVIDENCE_NONE:
	case EVIDENCE_NORMS:
		break;
	}
	db_rollback(c->db);
	return rc;
}

/* A share as "91.7%", or "-" when there is none. */
static void
i_pct(char *buf, size_t size, int pct10)
{
	if (pct10 < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d.%d%%", pct10 / 10, pct10 % 10);
}

void
inspection_evidence_format(const struct inspection_evidence *ev, char *buf,
    size_t size)
{
	char a[16], b[16], when[40];
	size_t len;

	buf[0] = '\0';
	switch (ev->kind) {
	case EVIDENCE_NONE:
		break;
	case EVIDENCE_APPEALS_ON_TIME:
		i_pct(a, sizeof a, ev->on_time_pct10);
		snprintf(buf, size, _("appeals due %lld, answered on time %lld "
		    "(%s), late %lld, unanswered %lld"), (long long)ev->due,
		    (long long)ev->on_time, a, (long long)ev->late,
		    (long long)ev->unanswered);
		break;
	case EVIDENCE_NORMS:
		i_pct(a, sizeof a, ev->wait_pct10);
		i_pct(b, sizeof b, ev->service_pct10);
		snprintf(buf, size, _("waits within norm %lld of %lld (%s), "
		    "services within norm %lld of %lld (%s)"),
		    (long long)ev->wait_within, (long long)ev->wait_normed, a,
		    (long long)ev->service_within,
		    (long long)ev->service_normed, b);
		break;
	case EVIDENCE_FEEDBACK:
		i_pct(a, sizeof a, ev->rated_pct10);
		snprintf(buf, size, _("visits rated %lld of %lld (%s), ratings "
		    "%lld, complaint book and box entries %lld"),
		    (long long)ev->rated_visits, (long long)ev->visits, a,
		    (long long)ev->ratings, (long long)ev->book_entries);
		break;
	case EVIDENCE_SYSTEMS:
		snprintf(buf, size, _("tickets issued %lld, appeals registered "
		    "%lld"), (long long)ev->tickets, (long long)ev->appeals);
		for (size_t i = 0; i < ev->ndevices; i++) {
			len = strlen(buf);
			if (ev->devices[i].event[0] == '\0') {
				snprintf(buf + len, size - len, _("; %s: no "
				    "events"), ev->devices[i].device);
				continue;
			}
			time_format_iso(ev->devices[i].at, when, sizeof when);
			/* 2026-12-20T10:00 is enough for people. */
			when[16] = '\0';
			when[10] = ' ';
			snprintf(buf + len, size - len, _("; %s: %s since %s"),
			    ev->devices[i].device, ev->devices[i].event, when);
		}
		break;
	}
}
