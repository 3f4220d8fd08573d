/* appeal-purge.c: 152-FZ destruction of appeals' personal data (see
 * appeal_purge in appeal.h).
 *
 * The purge needs to know that head office already has an
 * appeal's latest state.  The export (export.c) keeps an export_log row
 * for every changed row of a tracked table until a batch holding it is
 * acknowledged; so an appeal is exported when the appeals table is tracked
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

/* One integer from a query without parameters. */
static int
ap_int(struct ctx *c, const char *sql, int64_t *v, struct err *e)
{
	struct stmt *st;
	int r;

	*v = 0;
	if (db_prepare(c->db, &st, e, sql) != OKNO_OK)
		return e->code;
	r = db_step(st, e);
	*v = r == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/*
 * What the purge destroys for one appeal (:id), in order: each statement
 * clears the personal data of one table, and each that changed rows
 * gets its line in pd_destruction_log (fields; the row count is added
 * for history rows).  A feature that keeps personal data tied to an
 * appeal adds its line here; data tied to tickets (visit accounts) needs
 * its own selection, like the one in appeal_purge, and the same log.
 */
static const struct {
	const char	*tbl;		/* pd_destruction_log.tbl */
	const char	*fields;	/* pd_destruction_log.fields */
	int		 rows;		/* 1: several rows, say how many */
	const char	*sql;		/* binds :id, and :now when stamped */
	int		 stamped;	/* 1: the SQL binds :now */
} appeal_pd[] = {
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

int
appeal_purge(struct ctx *c, int *purged, struct err *e)
{
	struct stmt *st = NULL, *u;
	int64_t tracked, cutoff, *ids = NULL;
	char **regs = NULL, *reason = NULL;
	size_t n = 0, cap = 0;
	int rc, r;

	if (purged != NULL)
		*purged = 0;
	if (c->who->role != ROLE_SYSTEM && c->who->role != ROLE_SUPERVISOR)
		return err_set(e, OKNO_EPERM, _("only a supervisor may destroy "
		    "personal data"));
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	/* The export machinery present?  Without it nothing was sent. */
	if ((rc = ap_int(c, "SELECT count(*) FROM sqlite_master WHERE"
	    " (type = 'table' AND name = 'export_log') OR (type = 'trigger'"
	    " AND name = 'export_appeals_upd')", &tracked, e)) != OKNO_OK)
		goto out;
	if (tracked != 2) {
		rc = db_commit(c->db, e);
		return rc;
	}
	rc = OKNO_EDB;
	/* Collected first: the updates below change the index it reads. */
	if (db_prepare(c->db, &st, e, "SELECT id, reg_no FROM appeals"
	    " WHERE status = 'closed' AND purged_at IS NULL"
	    " AND closed_at < :cutoff AND NOT EXISTS (SELECT 1 FROM export_log"
	    " WHERE tbl = 'appeals' AND row_id = appeals.id) ORDER BY id") !=
	    OKNO_OK)
		goto out;
	/* 64 bits: a 32-bit time_t would overflow on a long retention. */
	cutoff = (int64_t)c->now - (int64_t)c->cfg->retention_days * 86400;
	db_bind_int(st, ":cutoff", cutoff);
	while ((r = db_step(st, e)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xreallocarray(ids, cap, sizeof *ids);
			regs = xreallocarray(regs, cap, sizeof *regs);
		}
		ids[n] = db_col_int(st, 0);
		regs[n++] = xstrdup(db_col_text(st, 1));
	}
	db_finalize(st);
	st = NULL;
	if (r == DB_ERROR)
		goto out;
	reason = xasprintf("closed more than %d days ago and exported",
	    c->cfg->retention_days);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sizeof appeal_pd / sizeof appeal_pd[0];
		    k++) {
			int changed;
			char *fields;

			if (db_prepare(c->db, &u, e, appeal_pd[k].sql) !=
			    OKNO_OK)
				goto out;
			if (appeal_pd[k].stamped)
				db_bind_int(u, ":now", c->now);
			db_bind_int(u, ":id", ids[i]);
			if (db_run(u, e) != OKNO_OK)
				goto out;
			if ((changed = db_changes(c->db)) == 0)
				continue;
			if (db_prepare(c->db, &u, e, "INSERT INTO"
			    " pd_destruction_log (at, actor, tbl, row_id,"
			    " record, fields, reason) VALUES (:now, :who,"
			    " :tbl, :id, :reg, :fields, :why)") != OKNO_OK)
				goto out;
			fields = appeal_pd[k].rows ? xasprintf("%s (%d rows)",
			    appeal_pd[k].fields, changed) :
			    xstrdup(appeal_pd[k].fields);
			db_bind_int(u, ":now", c->now);
			db_bind_text(u, ":who", c->who->login != NULL ?
			    c->who->login : "system");
			db_bind_text(u, ":tbl", appeal_pd[k].tbl);
			db_bind_int(u, ":id", ids[i]);
			db_bind_text(u, ":reg", regs[i]);
			db_bind_text(u, ":fields", fields);
			db_bind_text(u, ":why", reason);
			free(fields);
			if (db_run(u, e) != OKNO_OK)
				goto out;
		}
		/* After the notes are cleared: this event's own note is the
		 * list of fields, no personal data. */
		if (appeal_event_add(c, ids[i], "purged", "closed", "closed",
		    appeal_actor(c), APPEAL_PD_FIELDS, e) != OKNO_OK)
			goto out;
	}
	if (db_commit(c->db, e) != OKNO_OK)
		goto done;
	if (purged != NULL)
		*purged = (int)n;
	/* The log still holds the rows as they were: empty it.  Done even
	 * when nothing was purged now, so a run that failed here before can
	 * be repeated. */
	rc = db_checkpoint_truncate(c->db, e);
	goto done;
out:
	db_finalize(st);
	db_rollback(c->db);
done:
	for (size_t i = 0; i < n; i++)
		free(regs[i]);
	free(regs);
	free(ids);
	free(reason);
	return rc == OKNO_OK ? rc : (e != NULL && e->code ? e->code : rc);
}
