/* queue-int.h: what the queue's modules (queue.c, queue-lunch.c) share and
 * nobody else needs: the frame of a queue transaction and the scheduled
 * lunch applied inside one. */
#ifndef OKNO_QUEUE_INT_H
#define OKNO_QUEUE_INT_H

#include "ctx.h"

/*
 * A queue write transaction: BEGIN IMMEDIATE, then the housekeeping every
 * change starts with (stale tickets and windows, returned postponed
 * tickets, the windows' scheduled lunch).  queue_tx_end commits when rc
 * is OKNO_OK or OKNO_NONE and rolls back otherwise; it returns rc, or the
 * commit's error.
 */
int	 queue_tx_begin(struct ctx *, struct err *);
int	 queue_tx_end(struct ctx *, int rc, struct err *);

/*
 * Inside a queue transaction: brings the scheduled lunch of window (0:
 * every window that has one) up to date at c->now (see queue-lunch.c for
 * the rules).  visit_end: a visit at window ended at c->now in this
 * transaction (finish, no-show, transfer, postpone, or the call's finish),
 * so a break that was waiting for it starts now.
 */
int	 queue_lunch_apply(struct ctx *, int window, int visit_end,
	     struct err *);

/*
 * Inside a queue transaction: one row of a window's event log at time at.
 * manager and note: NULL or "" for none; note is a pause's (the manager's
 * words, or QUEUE_LUNCH_NOTE for okno's own lunch pause).
 */
int	 queue_window_event(struct ctx *, int window, time_t at,
	     const char *event, const char *manager, const char *reason,
	     const char *note, struct err *);

/*
 * THE CALL ORDER, in one place (SPEC: ticket call, Visits).  A ticket
 * ranks as a priority ticket when it has priority, or, with
 * queue.fair_after set, when it has waited at least that many minutes
 * counted from its original issue time (a transferred or returned ticket
 * keeps it: the client has been in the office that long, so a stream of
 * priority tickets cannot hold anyone longer than the limit).  Priority-
 * ranked tickets go first; among equals the earliest original issue
 * time, then the lower id.
 *
 * Before all of that, a booked client's ticket (booking.h) whose slot has
 * begun (booked_at <= now) goes before every other ticket of its
 * services, priority ones included; among such the earlier slot, then
 * the rule above.  Before its slot time a booked ticket is an ordinary
 * one (it keeps its issue time).
 *
 * QUEUE_ORDER_SQL orders one service's open tickets so; the statement
 * binds :now (c->now) and :fair_before with queue_fair_bind() (NULL when
 * fair_after is absent).  queue_before() is the same rule between two
 * tickets (the candidates of a window's services).  A new term (a
 * postponed ticket returning to its window) goes into both.
 */
#define QUEUE_RANK_SQL	"(priority = 1 OR (:fair_before IS NOT NULL" \
	" AND issued_at <= :fair_before))"
#define QUEUE_BOOKED_SQL "coalesce(booked_at <= :now, 0)"
#define QUEUE_ORDER_SQL	" ORDER BY " QUEUE_BOOKED_SQL " DESC," \
	" CASE WHEN booked_at <= :now THEN booked_at END, " \
	QUEUE_RANK_SQL " DESC, issued_at, id"
struct ticket;
struct stmt;
void	 queue_fair_bind(const struct ctx *, struct stmt *);
/* 1 when t ranks as a priority ticket at c->now. */
int	 queue_ranked(const struct ctx *, const struct ticket *);
/* 1 when t is a booked ticket whose slot has begun at c->now. */
int	 queue_booked_due(const struct ctx *, const struct ticket *);
/* 1 when a goes before b in the call order at c->now. */
int	 queue_before(const struct ctx *, const struct ticket *a,
	     const struct ticket *b);

/*
 * Inside a queue transaction: one row of a ticket's event log at c->now
 * (queue-supervise.c).  manager and note: NULL or "" for none.
 */
int	 queue_ticket_event(struct ctx *, int64_t ticket, const char *event,
	     int window, const char *manager, const char *service,
	     const char *note, struct err *);

/* The reason code of okno's own lunch pause, and its events' note. */
#define QUEUE_LUNCH_REASON	"lunch"
#define QUEUE_LUNCH_NOTE	"scheduled"

#endif
