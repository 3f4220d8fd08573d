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

/* The reason code of okno's own lunch pause, and its events' note. */
#define QUEUE_LUNCH_REASON	"lunch"
#define QUEUE_LUNCH_NOTE	"scheduled"

#endif
