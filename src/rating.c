/* rating.c: clients' ratings of finished visits (rating.h). */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "rating.h"

static int
r_criterion(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->ncriteria; i++)
		if (strcmp(cfg->criteria[i].code, code) == 0)
			return (int)i;
	return -1;
}

/*
 * May the actor rate visit ticket_id now?  Reads the ticket (under the
 * caller's transaction, if any); manager (64 bytes) receives the visit's
 * manager, "" when none.
 */
static int
r_visit(struct ctx *c, int64_t ticket_id, char *manager, struct err *e)
{
	struct stmt *st;
	char status[16] = "";
	int r;

	manager[0] = '\0';
	if (auth_may(c->who, AUTH_RATE, e) != OKNO_OK)
		return e->code;
	if (db_prepare(c->db, &st, e, "SELECT status, coalesce(manager, '')"
	    " FROM tickets WHERE id = :id") != 0)
		return e->code;
	db_bind_int(st, ":id", ticket_id);
	if ((r = db_step(st, e)) == DB_ROW) {
		strlcpy_(status, db_col_text(st, 0), sizeof status);
		strlcpy_(manager, db_col_text(st, 1), 64);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE)
		return err_set(e, OKNO_ENOENT, _("no such ticket"));
	if (strcmp(status, "finished") != 0)
		return err_set(e, OKNO_ESTATE, _("only a finished visit can be "
		    "rated"));
	if (c->who->role == ROLE_MANAGER && strcmp(manager, c->who->login))
		return err_set(e, OKNO_EPERM, _("you may rate only the visits "
		    "you served"));
	return OKNO_OK;
}

/* Stores one score; st is the prepared upsert. */
static int
r_store(struct ctx *c, struct stmt *st, int64_t ticket_id,
    const char *criterion, int score, const char *manager, struct err *e)
{
	db_reset(st);
	db_bind_int(st, ":t", ticket_id);
	db_bind_text(st, ":c", criterion);
	db_bind_int(st, ":s", score);
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":m", manager[0] ? manager : NULL);
	return db_step(st, e) == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/* The one statement that stores a score (a second one replaces it). */
static int
r_prepare_upsert(struct ctx *c, struct stmt **st, struct err *e)
{
	return db_prepare(c->db, st, e, "INSERT INTO ratings (ticket_id,"
	    " criterion, score, at, manager, updated_at) VALUES (:t, :c, :s,"
	    " :now, :m, :now) ON CONFLICT (ticket_id, criterion) DO UPDATE"
	    " SET score = :s, at = :now, manager = :m, updated_at = :now");
}

/* One score is a visit's scores with one given: the same rules, checked
 * here first so that a score out of range is not taken for none. */
int
rating_set(struct ctx *c, int64_t ticket_id, const char *criterion,
    int score, struct err *e)
{
	int *scores, i, rc;

	if (auth_may(c->who, AUTH_RATE, e) != OKNO_OK)
		return e->code;
	if ((i = r_criterion(c->cfg, criterion)) < 0)
		return err_set(e, OKNO_EINVAL, _("no rating criterion '%s' in "
		    "the configuration"), criterion);
	if (score < RATING_MIN || score > RATING_MAX)
		return err_set(e, OKNO_EINVAL, _("a score is %d to %d, not %d"),
		    RATING_MIN, RATING_MAX, score);
	scores = xcalloc(c->cfg->ncriteria, sizeof *scores);
	scores[i] = score;
	rc = rating_set_visit(c, ticket_id, scores, e);
	free(scores);
	return rc;
}

int
rating_may(struct ctx *c, int64_t ticket_id, struct err *e)
{
	char manager[64];

	return r_visit(c, ticket_id, manager, e);
}

int
rating_set_visit(struct ctx *c, int64_t ticket_id, const int *scores,
    struct err *e)
{
	struct stmt *st = NULL;
	char manager[64];
	size_t i, n = 0;
	int rc;

	if (auth_may(c->who, AUTH_RATE, e) != OKNO_OK)
		return e->code;
	for (i = 0; i < c->cfg->ncriteria; i++) {
		if (scores[i] == 0)
			continue;
		if (scores[i] < RATING_MIN || scores[i] > RATING_MAX)
			return err_set(e, OKNO_EINVAL, _("a score is %d to %d, "
			    "not %d"), RATING_MIN, RATING_MAX, scores[i]);
		n++;
	}
	if (n == 0)
		return err_set(e, OKNO_NONE, _("no score was given"));
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if ((rc = r_visit(c, ticket_id, manager, e)) == OKNO_OK &&
	    (rc = r_prepare_upsert(c, &st, e)) == OKNO_OK)
		for (i = 0; i < c->cfg->ncriteria && rc == OKNO_OK; i++)
			if (scores[i] != 0)
				rc = r_store(c, st, ticket_id,
				    c->cfg->criteria[i].code, scores[i],
				    manager, e);
	db_finalize(st);
	if (rc == OKNO_OK)
		return db_commit(c->db, e);
	db_rollback(c->db);
	return rc;
}

int
rating_get(struct ctx *c, int64_t ticket_id, int *scores, struct err *e)
{
	struct stmt *st;
	int r;

	for (size_t i = 0; i < c->cfg->ncriteria; i++)
		scores[i] = 0;
	if (db_prepare(c->db, &st, e, "SELECT criterion, score FROM ratings"
	    " WHERE ticket_id = :t") != 0)
		return e->code;
	db_bind_int(st, ":t", ticket_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		int i = r_criterion(c->cfg, db_col_text(st, 0));

		if (i >= 0)
			scores[i] = (int)db_col_int(st, 1);
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}
