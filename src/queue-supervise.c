/* queue-supervise.c: a supervisor's control of the queue (issue 14):
 * cancel a ticket whose client left, give or take priority, and the list
 * of what waits for the supervisor's queue screen.  The out-of-order call
 * is queue_call_number in queue.c (it is a call).  The contracts are in
 * queue.h; the call order in queue-int.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "queue-int.h"
#include "queue.h"

/* A supervisor's action; the system (the command line) may do it too. */
static int
qs_may(const struct ctx *c, struct err *e)
{
	return auth_may(c->who, AUTH_CONTROL_QUEUE, e);
}

static int
qs_reason(const char *reason, int required, struct err *e)
{
	if (reason == NULL || *reason == '\0')
		return required ? err_set(e, OKNO_EINVAL, _("say why: a "
		    "reason is required")) : OKNO_OK;
	return text_check(reason, QUEUE_REASON_MAX, 0, _("reason"), e);
}

/*
 * Today's ticket number, waiting or postponed, inside the transaction;
 * OKNO_NONE saying why otherwise.
 */
static int
qs_open_ticket(struct ctx *c, const char *number, struct ticket *t,
    struct err *e)
{
	int rc;

	if ((rc = queue_ticket_by_number(c, number, t, e)) != OKNO_OK) {
		if (rc != OKNO_ENOENT)
			return rc;
		return err_set(e, OKNO_NONE, _("no ticket %s today"), number);
	}
	if (t->status != TICKET_WAITING && t->status != TICKET_POSTPONED)
		return err_set(e, OKNO_NONE, _("ticket %s is %s, not waiting"),
		    t->number, ticket_status_name(t->status));
	return OKNO_OK;
}

int
queue_cancel(struct ctx *c, const char *number, const char *reason,
    struct ticket *t, struct err *e)
{
	struct stmt *st;
	int rc;

	memset(t, 0, sizeof *t);
	if (qs_may(c, e) != OKNO_OK || qs_reason(reason, 0, e) != OKNO_OK)
		return e->code;
	if ((rc = queue_tx_begin(c, e)) != OKNO_OK)
		return rc;
	if ((rc = qs_open_ticket(c, number, t, e)) != OKNO_OK)
		goto out;
	/* As the day's close cancels: the open wait is no statistic (SPEC:
	 * waits cover tickets called at least once). */
	if ((rc = db_prepare(c->db, &st, e, "UPDATE tickets SET"
	    " status = 'cancelled', wait_since = NULL, return_at = NULL,"
	    " closed_at = :now, updated_at = :now WHERE id = :id")) != 0)
		goto out;
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", t->id);
	if ((rc = db_run(st, e)) != OKNO_OK)
		goto out;
	t->status = TICKET_CANCELLED;
	rc = queue_ticket_event(c, t->id, "cancelled", 0, c->who->login,
	    t->service, reason, e);
out:
	return queue_tx_end(c, rc, e);
}

int
queue_priority(struct ctx *c, const char *number, int on,
    const char *category, const char *reason, struct ticket *t,
    struct err *e)
{
	struct stmt *st;
	char note[QUEUE_REASON_MAX * 4 + 64];
	int rc;

	memset(t, 0, sizeof *t);
	if (category != NULL && *category == '\0')
		category = NULL;
	if (qs_may(c, e) != OKNO_OK || qs_reason(reason, 1, e) != OKNO_OK)
		return e->code;
	if (category != NULL && !on)
		return err_set(e, OKNO_EINVAL, _("a category comes with "
		    "priority given, not taken"));
	if (category != NULL && config_priority(c->cfg, category) == NULL)
		return err_set(e, OKNO_EINVAL, _("no priority category '%s' "
		    "in the configuration"), category);
	if ((rc = queue_tx_begin(c, e)) != OKNO_OK)
		return rc;
	if ((rc = qs_open_ticket(c, number, t, e)) != OKNO_OK)
		goto out;
	if ((on && t->priority && strcmp(t->category, category ? category :
	    "") == 0) || (!on && !t->priority)) {
		rc = err_set(e, OKNO_NONE, on ? _("ticket %s already has "
		    "priority") : _("ticket %s has no priority"), t->number);
		goto out;
	}
	if ((rc = db_prepare(c->db, &st, e, "UPDATE tickets SET"
	    " priority = :p, category = :cat, updated_at = :now"
	    " WHERE id = :id")) != 0)
		goto out;
	db_bind_int(st, ":p", on ? 1 : 0);
	db_bind_text(st, ":cat", category);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", t->id);
	if ((rc = db_run(st, e)) != OKNO_OK)
		goto out;
	t->priority = on ? 1 : 0;
	strlcpy_(t->category, category ? category : "", sizeof t->category);
	snprintf(note, sizeof note, "%s%s%s", category ? category : "",
	    category ? "; " : "", reason);
	rc = queue_ticket_event(c, t->id, on ? "priority_given" :
	    "priority_taken", 0, c->who->login, t->service, note, e);
out:
	return queue_tx_end(c, rc, e);
}

/* The queue screen's groups: services in configuration order, the
 * postponed tickets after the waiting ones of their service. */
static int
qs_cmp(const void *pa, const void *pb)
{
	const struct queue_waiting *a = pa, *b = pb;

	if (a->service != b->service)
		return a->service < b->service ? -1 : 1;
	if ((a->ticket.status == TICKET_POSTPONED) !=
	    (b->ticket.status == TICKET_POSTPONED))
		return a->ticket.status == TICKET_POSTPONED ? 1 : -1;
	return 0;
}

int
queue_waiting_list(struct ctx *c, struct queue_waiting **out, size_t *n,
    struct err *e)
{
	struct queue_waiting *w = NULL;
	struct stmt *st;
	size_t cap = 0;
	char day[16];
	int r;

	*out = NULL;
	*n = 0;
	time_format_date(c->now, day, sizeof day);
	if (db_prepare(c->db, &st, e, "SELECT id, number, service, priority,"
	    " issued_at, status, coalesce(category, ''), coalesce(booked_at, 0),"
	    " coalesce(booking_id, 0)"
	    " FROM tickets INDEXED BY tickets_open"
	    " WHERE status IN ('waiting', 'postponed') AND day = :day"
	    QUEUE_ORDER_SQL) != 0)
		return e->code;
	db_bind_text(st, ":day", day);
	db_bind_int(st, ":now", c->now);
	queue_fair_bind(c, st);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct queue_waiting *q;

		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			w = xreallocarray(w, cap, sizeof *w);
		}
		q = &w[(*n)++];
		memset(q, 0, sizeof *q);
		q->ticket.id = db_col_int(st, 0);
		strlcpy_(q->ticket.number, db_col_text(st, 1),
		    sizeof q->ticket.number);
		strlcpy_(q->ticket.service, db_col_text(st, 2),
		    sizeof q->ticket.service);
		q->ticket.priority = (int)db_col_int(st, 3);
		q->ticket.issued_at = (time_t)db_col_int(st, 4);
		q->ticket.status = strcmp(db_col_text(st, 5), "postponed") ==
		    0 ? TICKET_POSTPONED : TICKET_WAITING;
		strlcpy_(q->ticket.category, db_col_text(st, 6),
		    sizeof q->ticket.category);
		q->ticket.booked_at = (time_t)db_col_int(st, 7);
		q->ticket.booking_id = db_col_int(st, 8);
		q->service = config_service_index(c->cfg, q->ticket.service);
		if (q->service < 0)
			q->service = (int)c->cfg->nservices;
		q->waited_s = (long)(c->now - q->ticket.issued_at);
		q->ranked = queue_ranked(c, &q->ticket);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		free(w);
		return OKNO_EDB;
	}
	/* A stable sort by (service, postponed) keeps the call order
	 * within each: insertion sort, the lists are short. */
	for (size_t i = 1; i < *n; i++) {
		struct queue_waiting x = w[i];
		size_t j = i;

		while (j > 0 && qs_cmp(&w[j - 1], &x) > 0) {
			w[j] = w[j - 1];
			j--;
		}
		w[j] = x;
	}
	*out = w;
	return OKNO_OK;
}
