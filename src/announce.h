/* announce.h: the announcements' spool in the database: the calls and
 * recalls waiting to be said in the hall (office/announce.c plays them).
 * Any process that changes the queue queues the calls it finds unsaid;
 * one player at a time takes them in order.  A row's state: waiting,
 * played, failed (the card failed; detail says why), stale (too old to
 * say by the time the player came to it), quiet (made in quiet hours). */
#ifndef OKNO_ANNOUNCE_H
#define OKNO_ANNOUNCE_H

#include <stdint.h>

#include "ctx.h"

/*
 * A call older than this many seconds is not said any more: the board has
 * shown it and a late voice would send the client to a window that has
 * moved on.
 */
#define ANNOUNCE_FRESH_S	60

struct announcement {
	int64_t	id;
	time_t	at;		/* the call's time */
	char	number[16];	/* "A017" */
	int	window;
};

/*
 * Queues every call and recall of the last ANNOUNCE_FRESH_S seconds (up
 * to c->now) that has no row yet, as 'quiet' when quiet is set, else
 * 'waiting'; *added receives the number of new waiting rows.  Reads first
 * and writes (one transaction) only when there is something new, so
 * calling it after every change costs one indexed read.
 */
int	 announce_queue_calls(struct ctx *, int quiet, int *added,
	     struct err *);

/*
 * The oldest waiting announcement into *a: OKNO_OK, or OKNO_NONE when none
 * waits.  Waiting rows whose call is older than now - ANNOUNCE_FRESH_S are
 * marked stale first.
 */
int	 announce_next(struct ctx *, time_t now, struct announcement *,
	     struct err *);

/* Marks announcement id done: state "played", "failed" or "stale". */
int	 announce_done(struct ctx *, int64_t id, const char *state,
	     const char *detail, struct err *);

/* Marks every waiting announcement failed with detail (no card). */
int	 announce_fail_waiting(struct ctx *, const char *detail,
	     struct err *);

/* How many announcements wait. */
int	 announce_waiting(struct ctx *, int *n, struct err *);

/* Forgets announcements done more than a day before now. */
int	 announce_prune(struct ctx *, time_t now, struct err *);

#endif
