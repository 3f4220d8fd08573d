/* visit.c: the client's account, the outcome of a visit and the client's
 * history at this branch (see visit.h for the contract).
 *
 * Accounts never reach a message: an error says what an account looks
 * like, not what was typed, so that stderr and the device log (which keeps
 * some messages) never hold one.
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "visit.h"

void
visit_account_hint(const struct config *cfg, char *out, size_t size)
{
	const char *p = cfg->account_pattern;
	int lo = -1, hi = -1, k = 0;

	/* ^[0-9]{m,n}$ or ^[0-9]{n}$ (\d is not POSIX ERE). */
	if (p != NULL && strncmp(p, "^[0-9]{", 7) == 0) {
		p += 7;
		if (sscanf(p, "%d,%d}$%n", &lo, &hi, &k) == 2 && k > 0 &&
		    p[k] == '\0' && lo > 0 && hi >= lo) {
			snprintf(out, size, _("%d to %d digits"), lo, hi);
			return;
		}
		k = 0;
		if (sscanf(p, "%d}$%n", &lo, &k) == 1 && k > 0 &&
		    p[k] == '\0' && lo > 0) {
			snprintf(out, size, ngettext("%d digit", "%d digits",
			    (unsigned long)lo), lo);
			return;
		}
	}
	snprintf(out, size, "%s", _("digits"));
}

int
visit_account_check(const struct config *cfg, const char *v, struct err *e)
{
	char hint[64];
	regex_t re;
	size_t n = 0;
	int rc;

	if (v == NULL || *v == '\0')
		return OKNO_OK;
	visit_account_hint(cfg, hint, sizeof hint);
	for (const char *p = v; *p != '\0'; p++, n++)
		if (!isdigit((unsigned char)*p) || n >= VISIT_ACCOUNT_MAX)
			return err_set(e, OKNO_EINVAL, _("account: not a valid "
			    "account number (expected %s)"), hint);
	if (cfg->account_pattern == NULL)
		return OKNO_OK;
	if (regcomp(&re, cfg->account_pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return err_set(e, OKNO_ECONFIG, _("account_pattern \"%s\" does "
		    "not compile"), cfg->account_pattern);
	rc = regexec(&re, v, 0, NULL, 0);
	regfree(&re);
	if (rc != 0)
		return err_set(e, OKNO_EINVAL, _("account: not a valid account "
		    "number (expected %s)"), hint);
	return OKNO_OK;
}

void
visit_mask(const char *account, char *out, size_t size)
{
	size_t n, i;

	if (size == 0)
		return;
	out[0] = '\0';
	if (account == NULL)
		return;
	n = strlen(account);
	for (i = 0; i < n && i + 1 < size; i++)
		out[i] = n > 4 && i >= n - 4 ? account[i] : '*';
	out[i] = '\0';
}

static int
outcome_index(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->noutcomes; i++)
		if (strcmp(cfg->outcomes[i].code, code) == 0)
			return (int)i;
	return -1;
}

int
visit_outcome_applies(const struct config *cfg, size_t o, const char *service)
{
	const struct config_outcome *oc;
	int si;

	if (o >= cfg->noutcomes)
		return 0;
	oc = &cfg->outcomes[o];
	if (oc->nservices == 0)
		return 1;
	if ((si = config_service_index(cfg, service)) < 0)
		return 0;
	for (size_t i = 0; i < oc->nservices; i++)
		if (oc->services[i] == si)
			return 1;
	return 0;
}

int
visit_close_check(const struct config *cfg, const struct visit_close *vc,
    struct err *e)
{
	if (vc == NULL)
		return OKNO_OK;
	if (visit_account_check(cfg, vc->account, e) != OKNO_OK)
		return e->code;
	for (size_t i = 0; i < vc->noutcomes; i++)
		if (outcome_index(cfg, vc->outcomes[i]) < 0)
			return err_set(e, OKNO_EINVAL, _("no outcome '%s' in "
			    "the configuration"), vc->outcomes[i]);
	/* Resolved is said of what was done: the share is resolved /
	 * visits with an outcome (SPEC), never above 100%. */
	if (vc->resolved >= 0 && vc->noutcomes == 0)
		return err_set(e, OKNO_EINVAL, _("resolved or not is said "
		    "with an outcome: give --outcome too"));
	return OKNO_OK;
}

int
visit_close_store(struct ctx *c, int64_t ticket, const char *service,
    const struct visit_close *vc, struct err *e)
{
	struct stmt *st;
	char joined[VISIT_OUTCOMES_MAX];
	size_t len = 0;
	int rc;

	if ((rc = visit_close_check(c->cfg, vc, e)) != OKNO_OK)
		return rc;
	if ((vc == NULL || vc->noutcomes == 0) && c->cfg->require_outcome) {
		/* Required where there is one to give. */
		for (size_t o = 0; o < c->cfg->noutcomes; o++)
			if (visit_outcome_applies(c->cfg, o, service))
				return err_set(e, OKNO_EINVAL, _("an outcome "
				    "is required to finish a visit "
				    "(visits.require_outcome)"));
	}
	if (vc == NULL)
		return OKNO_OK;
	joined[0] = '\0';
	for (size_t o = 0; o < c->cfg->noutcomes; o++) {
		const char *code = c->cfg->outcomes[o].code;
		int given = 0;

		for (size_t i = 0; i < vc->noutcomes && !given; i++)
			given = strcmp(vc->outcomes[i], code) == 0;
		if (!given)
			continue;
		if (!visit_outcome_applies(c->cfg, o, service))
			return err_set(e, OKNO_EINVAL, _("outcome '%s' is not "
			    "one of service '%s'"), code, service);
		if (len + strlen(code) + 2 > sizeof joined)
			return err_set(e, OKNO_EINVAL, "%s",
			    _("too many outcomes"));
		len += (size_t)snprintf(joined + len, sizeof joined - len,
		    "%s%s", len ? ";" : "", code);
	}
	if (db_prepare(c->db, &st, e, "UPDATE tickets SET"
	    " account = coalesce(:acc, account),"
	    " outcomes = coalesce(:out, outcomes),"
	    " resolved = coalesce(:res, resolved), updated_at = :now"
	    " WHERE id = :id") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":acc", vc->account != NULL && *vc->account ?
	    vc->account : NULL);
	db_bind_text(st, ":out", len ? joined : NULL);
	if (vc->resolved >= 0)
		db_bind_int(st, ":res", vc->resolved ? 1 : 0);
	else
		db_bind_null(st, ":res");
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", ticket);
	return db_run(st, e);
}

/* Staff who may see or change a visit: not the kiosk, not an auditor. */
static int
v_staff(struct ctx *c, struct err *e)
{
	if (c->who->role == ROLE_KIOSK)
		return err_set(e, OKNO_EPERM, _("the ticket terminal may only "
		    "issue tickets"));
	if (c->who->role == ROLE_AUDITOR)
		return err_set(e, OKNO_EPERM, _("an auditor may not change "
		    "the queue"));
	return OKNO_OK;
}

int
visit_set_account(struct ctx *c, int window, const char *account,
    struct err *e)
{
	struct stmt *st;
	int64_t id = 0;
	char manager[64];
	int rc, r;

	if ((rc = v_staff(c, e)) != OKNO_OK ||
	    (rc = visit_account_check(c->cfg, account, e)) != OKNO_OK)
		return rc;
	/* A plain write transaction: the queue's housekeeping is the
	 * queue's (visit.c stays below queue.c, tests/layers.t). */
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "SELECT id, coalesce(manager, '')"
	    " FROM tickets WHERE status = 'called' AND window = :w") !=
	    OKNO_OK)
		goto out;
	db_bind_int(st, ":w", window);
	manager[0] = '\0';
	if ((r = db_step(st, e)) == DB_ROW) {
		id = db_col_int(st, 0);
		strlcpy_(manager, db_col_text(st, 1), sizeof manager);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		goto out;
	if (r == DB_DONE) {
		rc = err_set(e, OKNO_NONE, _("window %d has no current "
		    "ticket"), window);
		goto out;
	}
	if (c->who->role == ROLE_MANAGER && manager[0] != '\0' &&
	    strcmp(manager, c->who->login) != 0) {
		rc = err_set(e, OKNO_EPERM, _("window %d is open for %s, not "
		    "for you"), window, manager);
		goto out;
	}
	if (db_prepare(c->db, &st, e, "UPDATE tickets SET account = :acc,"
	    " updated_at = :now WHERE id = :id") != OKNO_OK)
		goto out;
	db_bind_text(st, ":acc", account != NULL && *account ? account :
	    NULL);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", id);
	rc = db_run(st, e);
out:
	if (rc == OKNO_OK)
		return db_commit(c->db, e) == OKNO_OK ? OKNO_OK : e->code;
	db_rollback(c->db);
	return rc;
}

int
visit_ticket_account(struct ctx *c, int64_t ticket, char *out, size_t size,
    struct err *e)
{
	struct stmt *st;
	int r;

	if (size > 0)
		out[0] = '\0';
	if (db_prepare(c->db, &st, e, "SELECT coalesce(account, '') FROM"
	    " tickets WHERE id = :id") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":id", ticket);
	if ((r = db_step(st, e)) == DB_ROW)
		strlcpy_(out, db_col_text(st, 0), size);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE)
		return err_set(e, OKNO_ENOENT, _("no ticket with id %lld"),
		    (long long)ticket);
	return OKNO_OK;
}

int
visit_history(struct ctx *c, const char *account, int days, int64_t except,
    struct visit_history *h, struct err *e)
{
	struct stmt *st;
	char today[16];
	size_t cap = 0;
	int rc, r;

	memset(h, 0, sizeof *h);
	if ((rc = v_staff(c, e)) != OKNO_OK)
		return rc;
	if (account == NULL || *account == '\0')
		return OKNO_OK;
	if (days <= 0)
		days = c->cfg->repeat_days > 0 ? c->cfg->repeat_days : 30;
	if (db_begin_read(c->db, e) != OKNO_OK)
		return e->code;
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "SELECT id, day, number, service,"
	    " coalesce(outcomes, ''), coalesce(resolved, -1) FROM tickets"
	    " WHERE account = :acc"
	    " AND closed_at IS NOT NULL AND status = 'finished'"
	    " AND issued_at >= :since AND id != :ex"
	    " ORDER BY issued_at DESC, id DESC") != OKNO_OK)
		goto out;
	db_bind_text(st, ":acc", account);
	db_bind_int(st, ":since", (int64_t)c->now - (int64_t)days * 86400);
	db_bind_int(st, ":ex", except);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct visit_past *v;

		if (h->nvisits == cap) {
			cap = cap ? cap * 2 : 8;
			h->visits = xreallocarray(h->visits, cap,
			    sizeof *h->visits);
		}
		v = &h->visits[h->nvisits++];
		memset(v, 0, sizeof *v);
		v->id = db_col_int(st, 0);
		strlcpy_(v->day, db_col_text(st, 1), sizeof v->day);
		strlcpy_(v->number, db_col_text(st, 2), sizeof v->number);
		strlcpy_(v->service, db_col_text(st, 3), sizeof v->service);
		strlcpy_(v->outcomes, db_col_text(st, 4), sizeof v->outcomes);
		v->resolved = (int)db_col_int(st, 5);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		goto out;
	cap = 0;
	time_format_date(c->now, today, sizeof today);
	if (db_prepare(c->db, &st, e, "SELECT reg_no, kind, due_date FROM"
	    " appeals WHERE account = :acc AND status IN ('registered',"
	    " 'forwarded') ORDER BY due_date, id") != OKNO_OK)
		goto out;
	db_bind_text(st, ":acc", account);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct visit_appeal *a;

		if (h->nappeals == cap) {
			cap = cap ? cap * 2 : 4;
			h->appeals = xreallocarray(h->appeals, cap,
			    sizeof *h->appeals);
		}
		a = &h->appeals[h->nappeals++];
		memset(a, 0, sizeof *a);
		strlcpy_(a->reg_no, db_col_text(st, 0), sizeof a->reg_no);
		strlcpy_(a->kind, db_col_text(st, 1), sizeof a->kind);
		strlcpy_(a->due_date, db_col_text(st, 2), sizeof a->due_date);
		a->overdue = strcmp(today, a->due_date) > 0;
	}
	db_finalize(st);
	if (r == DB_ERROR)
		goto out;
	rc = OKNO_OK;
out:
	if (db_commit(c->db, e) != OKNO_OK && rc == OKNO_OK)
		rc = e->code;
	if (rc != OKNO_OK)
		visit_history_free(h);
	return rc;
}

void
visit_history_free(struct visit_history *h)
{
	free(h->visits);
	free(h->appeals);
	memset(h, 0, sizeof *h);
}
