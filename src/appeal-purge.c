/* appeal-purge.c: 152-FZ destruction of personal data (see appeal_purge
 * in appeal.h): appeals', the accounts of visits (visit.h) and the names,
 * phones and accounts of bookings (booking.h), one entry type each in
 * pd_kinds below, collected and destroyed in one transaction.
 *
 * The purge needs to know that head office already has a
 * record's latest state.  The export (export.c) keeps an export_log row
 * for every changed row of a tracked table until a batch holding it is
 * acknowledged; so a record is exported when its table is tracked
 * (its export triggers exist) and it has no export_log row.  Without the
 * export machinery nothing counts as exported and nothing is purged.  The
 * purge's own update is logged again, so head office receives the
 * anonymised row too.
 *
 * "Gone" means gone from the database's files (issue 18): every
 * connection runs with secure_delete (db.c), so what the updates below
 * overwrite is zeroed in its page, and after the commit the write-ahead
 * log, which still holds the pages as they were, is copied back and
 * truncated (db_checkpoint_truncate).  Export batches kept on disk go
 * with export_prune (export-prune.c).
 */
#include <stdlib.h>
#include <string.h>

#include "appeal.h"
#include "appeal-int.h"

/*
 * One table's personal data of one record (:id): each statement clears
 * it, and each that changed rows gets its line in pd_destruction_log
 * (fields; the row count is added for history rows).
 */
struct pd_step {
	const char	*tbl;		/* pd_destruction_log.tbl */
	const char	*fields;	/* pd_destruction_log.fields */
	int		 rows;		/* 1: several rows, say how many */
	const char	*sql;		/* binds :id, and :now when stamped */
	int		 stamped;	/* 1: the SQL binds :now */
};

/* What the purge destroys for one appeal, in order.  A feature that
 * keeps personal data tied to an appeal adds its line here. */
static const struct pd_step appeal_pd[] = {
	{ "appeals", APPEAL_PD_FIELDS ",extension_reason", 0,
	  "UPDATE appeals SET"
	  " client_name = NULL, account = NULL, address = NULL,"
	  " phone = NULL, phone_consent = 0, text = NULL,"
	  " answer = NULL, extension_reason = NULL,"
	  " purged_at = :now, updated_at = :now"
	  " WHERE id = :id", 1 },
	/* Answers, forwarding notes, comments and extension reasons are
	 * free text: they may name the client.  The events stay (status
	 * history, dates), their notes go. */
	{ "appeal_events", "note", 1,
	  "UPDATE appeal_events SET note = NULL"
	  " WHERE appeal_id = :id AND note IS NOT NULL", 0 },
};

/* A visit's account (visit.c); the ticket's times and outcome stay. */
static const struct pd_step visit_pd[] = {
	{ "tickets", "account", 0,
	  "UPDATE tickets SET account = NULL, account_purged_at = :now,"
	  " updated_at = :now WHERE id = :id", 1 },
};

/* A booking's client (booking.c); its slot, status and ticket stay.
 * changed_at moves, so head office's "newer wins" takes the blanks. */
static const struct pd_step booking_pd[] = {
	{ "bookings", "name,phone,account", 0,
	  "UPDATE bookings SET name = NULL, phone = NULL, account = NULL,"
	  " purged_at = :now, changed_at = :now WHERE id = :id", 1 },
};

/* After an appeal's data went: its history says so.  This event's own
 * note is the list of fields, no personal data. */
static int
appeal_purged_event(struct ctx *c, int64_t id, struct err *e)
{
	return appeal_event_add(c, id, "purged", "closed", "closed",
	    appeal_actor(c), APPEAL_PD_FIELDS, e);
}

/*
 * The kinds of record whose personal data the purge destroys, each with
 * the same rule: past cfg->retention_days and exported (no export_log
 * row of its table, whose export triggers exist: without them nothing
 * was sent, and nothing of that kind goes).  A feature that keeps
 * personal data of its own adds an entry here and its SELECT to
 * pd_select.
 */
static const struct pd_kind {
	const char		*trigger;	/* export_TABLE_upd */
	const char		*past;		/* the reason's first word */
	const struct pd_step	*steps;
	size_t			 nsteps;
	int			(*after)(struct ctx *, int64_t,
				    struct err *);	/* NULL: nothing */
} pd_kinds[] = {
	[PD_VISITS] = { "export_tickets_upd",
	  "closed", visit_pd, nitems(visit_pd), NULL },
	[PD_BOOKINGS] = { "export_bookings_upd",
	  "slot", booking_pd, nitems(booking_pd), NULL },
	[PD_APPEALS] = { "export_appeals_upd",
	  "closed", appeal_pd, nitems(appeal_pd), appeal_purged_event },
};

/*
 * Each kind's records due, in pd_kinds' order (PD_VISITS, PD_BOOKINGS,
 * PD_APPEALS): (id, record) binding :cutoff; record is what
 * pd_destruction_log calls the row (no personal data).  A booking is
 * done with once it is no longer booked (missed ones are swept), its
 * slot and its last change both past the retention.  A table of
 * literals (tests/security-static.t).
 */
static const char *const pd_select[] = {
	"SELECT id, day || ' ' || number FROM tickets"
	" WHERE account IS NOT NULL AND closed_at IS NOT NULL"
	" AND closed_at < :cutoff AND NOT EXISTS (SELECT 1 FROM export_log"
	" WHERE tbl = 'tickets' AND row_id = tickets.id) ORDER BY id",
	"SELECT id, code FROM bookings WHERE purged_at IS NULL"
	" AND (name IS NOT NULL OR phone IS NOT NULL OR account IS NOT NULL)"
	" AND status != 'booked' AND slot_at < :cutoff"
	" AND changed_at < :cutoff AND NOT EXISTS (SELECT 1 FROM export_log"
	" WHERE tbl = 'bookings' AND row_id = bookings.id) ORDER BY id",
	"SELECT id, reg_no FROM appeals WHERE status = 'closed'"
	" AND purged_at IS NULL AND closed_at < :cutoff"
	" AND NOT EXISTS (SELECT 1 FROM export_log"
	" WHERE tbl = 'appeals' AND row_id = appeals.id) ORDER BY id",
};
_Static_assert(nitems(pd_select) == PD_NKINDS &&
    nitems(pd_kinds) == PD_NKINDS, "one SELECT per kind");

/* The records due, collected first: the updates change the indexes
 * the statement reads. */
struct pd_due {
	int64_t	 *ids;
	char	**recs;
	size_t	  n, cap;
};

static void
pd_due_free(struct pd_due *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->recs[i]);
	free(d->recs);
	free(d->ids);
	memset(d, 0, sizeof *d);
}

/* The one collector: the records of kind k due at cutoff.  *tracked 0:
 * that kind's table was never exported, nothing collected. */
static int
pd_collect(struct ctx *c, int k, int64_t cutoff, struct pd_due *d,
    int *tracked, struct err *e)
{
	struct stmt *st;
	int64_t n;
	int r;

	*tracked = 0;
	if (db_prepare(c->db, &st, e, "SELECT count(*) FROM sqlite_master"
	    " WHERE (type = 'table' AND name = 'export_log') OR"
	    " (type = 'trigger' AND name = :trigger)") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":trigger", pd_kinds[k].trigger);
	r = db_step(st, e);
	n = r == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (n != 2)
		return OKNO_OK;
	*tracked = 1;
	if (db_prepare(c->db, &st, e, pd_select[k]) != OKNO_OK)
		return e->code;
	db_bind_int(st, ":cutoff", cutoff);
	while ((r = db_step(st, e)) == DB_ROW) {
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 16;
			d->ids = xreallocarray(d->ids, d->cap, sizeof *d->ids);
			d->recs = xreallocarray(d->recs, d->cap,
			    sizeof *d->recs);
		}
		d->ids[d->n] = db_col_int(st, 0);
		d->recs[d->n++] = xstrdup(db_col_text(st, 1));
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/* The one log writer: one pd_destruction_log row. */
static int
pd_log(struct ctx *c, const char *tbl, int64_t id, const char *record,
    const char *fields, const char *reason, struct err *e)
{
	struct stmt *u;

	if (db_prepare(c->db, &u, e, "INSERT INTO pd_destruction_log"
	    " (at, actor, tbl, row_id, record, fields, reason) VALUES"
	    " (:now, :who, :tbl, :id, :rec, :fields, :why)") != OKNO_OK)
		return e->code;
	db_bind_int(u, ":now", c->now);
	db_bind_text(u, ":who", c->who->login != NULL ? c->who->login :
	    "system");
	db_bind_text(u, ":tbl", tbl);
	db_bind_int(u, ":id", id);
	db_bind_text(u, ":rec", record);
	db_bind_text(u, ":fields", fields);
	db_bind_text(u, ":why", reason);
	return db_run(u, e);
}

/* Destroys one record's data, step by step, each logged. */
static int
pd_destroy(struct ctx *c, const struct pd_kind *k, int64_t id,
    const char *record, const char *reason, struct err *e)
{
	struct stmt *u;

	for (size_t i = 0; i < k->nsteps; i++) {
		const struct pd_step *s = &k->steps[i];
		char *fields;
		int changed, rc;

		if (db_prepare(c->db, &u, e, s->sql) != OKNO_OK)
			return e->code;
		if (s->stamped)
			db_bind_int(u, ":now", c->now);
		db_bind_int(u, ":id", id);
		if (db_run(u, e) != OKNO_OK)
			return e->code;
		if ((changed = db_changes(c->db)) == 0)
			continue;
		fields = s->rows ? xasprintf("%s (%d rows)", s->fields,
		    changed) : xstrdup(s->fields);
		rc = pd_log(c, s->tbl, id, record, fields, reason, e);
		free(fields);
		if (rc != OKNO_OK)
			return rc;
	}
	return k->after != NULL ? k->after(c, id, e) : OKNO_OK;
}

int
appeal_purge_all(struct ctx *c, struct appeal_purged *out, struct err *e)
{
	struct pd_due due[PD_NKINDS];
	int64_t cutoff;
	int rc = OKNO_OK, tracked, any = 0;

	memset(out, 0, sizeof *out);
	memset(due, 0, sizeof due);
	if (c->who->role != ROLE_SYSTEM && c->who->role != ROLE_SUPERVISOR)
		return err_set(e, OKNO_EPERM, _("only a supervisor may destroy "
		    "personal data"));
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	/* 64 bits: a 32-bit time_t would overflow on a long retention. */
	cutoff = (int64_t)c->now - (int64_t)c->cfg->retention_days * 86400;
	for (int k = 0; k < PD_NKINDS && rc == OKNO_OK; k++) {
		rc = pd_collect(c, k, cutoff, &due[k], &tracked, e);
		any |= tracked;
	}
	for (int k = 0; k < PD_NKINDS && rc == OKNO_OK; k++) {
		/* Stored, so in the C locale's words, never translated. */
		char *reason = xasprintf("%s more than %d days ago and "
		    "exported", pd_kinds[k].past, c->cfg->retention_days);

		for (size_t i = 0; i < due[k].n && rc == OKNO_OK; i++)
			rc = pd_destroy(c, &pd_kinds[k], due[k].ids[i],
			    due[k].recs[i], reason, e);
		free(reason);
	}
	if (rc != OKNO_OK) {
		db_rollback(c->db);
		goto done;
	}
	if ((rc = db_commit(c->db, e)) != OKNO_OK)
		goto done;
	for (int k = 0; k < PD_NKINDS; k++)
		out->n[k] = (int)due[k].n;
	/* The log still holds the rows as they were: empty it.  Done even
	 * when nothing was purged now, so a run that failed here before can
	 * be repeated; not when nothing was ever exported (nothing can have
	 * gone). */
	if (any)
		rc = db_checkpoint_truncate(c->db, e);
done:
	for (int k = 0; k < PD_NKINDS; k++)
		pd_due_free(&due[k]);
	return rc;
}

int
appeal_purge(struct ctx *c, int *purged, struct err *e)
{
	struct appeal_purged p;
	int rc;

	rc = appeal_purge_all(c, &p, e);
	if (purged != NULL)
		*purged = p.n[PD_APPEALS];
	return rc;
}
