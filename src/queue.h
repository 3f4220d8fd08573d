/* queue.h: the electronic queue (СУЭО): tickets, calls, windows.
 *
 * Every function that changes the queue runs one BEGIN IMMEDIATE
 * transaction and writes one ticket_events (or window_events) row per
 * change, so two processes can never call the same ticket.  Functions take
 * a context (database, configuration, clock, actor), return an enum
 * okno_status and fill struct err; they never print.
 */
#ifndef OKNO_QUEUE_H
#define OKNO_QUEUE_H

#include "ctx.h"

enum ticket_status {
	TICKET_WAITING,
	TICKET_CALLED,
	TICKET_POSTPONED,
	TICKET_FINISHED,
	TICKET_NOSHOW,
	TICKET_CANCELLED
};

struct ticket {
	int64_t		 id;
	char		 number[16];	/* "A017" */
	char		 service[32];	/* current service code */
	int		 priority;
	time_t		 issued_at;
	enum ticket_status status;
	int		 window;	/* serving window, 0 none */
	time_t		 called_at;	/* start of the open service segment */
	time_t		 return_at;	/* postponed until */
	char		 manager[64];
	char		 category[32];	/* priority category code; "" none */
	/* A booked client's ticket (booking.h): its booking's slot start,
	 * which puts it first in the call order from then (queue-int.h),
	 * and the booking's row; both 0 for any other ticket. */
	time_t		 booked_at;
	int64_t		 booking_id;
};

/* A wait estimate for a new ticket (queue_estimate, estimate.h). */
struct estimate {
	int	ahead;		/* people before it in its service */
	int	minutes;	/* estimated wait, rounded up; -1 when late */
	int	windows;	/* open windows serving the service */
	int	late;		/* 1: probably not served before closing */
	time_t	closes;		/* that closing time, when late */
	int	unserved;	/* 1: no open window serves the service now
				   (estimate.h); minutes is then -1 unless
				   a paused window of it comes back */
};

/* One row of `okno queue --csv`. */
struct queue_stat {
	int	service;	/* index into cfg->services */
	int	waiting;	/* waiting now, postponed ones that came back too */
	int	postponed;	/* still away */
	long	longest_wait_s;	/* the waiting ticket that has waited longest */
};

enum window_state {
	WINDOW_CLOSED,
	WINDOW_FREE,		/* open, no ticket */
	WINDOW_SERVING,
	WINDOW_PAUSED
};

struct window_info {
	int		 number;
	enum window_state state;
	char		 manager[64];
	char		 reason[128];	/* pause reason */
	time_t		 since;		/* state change */
	struct ticket	 ticket;	/* valid when state == WINDOW_SERVING */
	char		 note[256];	/* pause note */
	time_t		 lunch_until;	/* in okno's lunch pause until then;
					   0: not */
	int		 lunch_done;	/* today's scheduled lunch has been
					   dealt with (queue-lunch.c): a free
					   window works through it */
};

/* The latest calls, newest first, for the hall board. */
#define QUEUE_BOARD_MAX	8
struct queue_call {
	char	number[16];
	int	window;
	time_t	at;
};

const char	*ticket_status_name(enum ticket_status);
const char	*window_state_name(enum window_state);
const char	*window_state_label(enum window_state);	/* translated */

/*
 * Issues a ticket for service code; priority for privileged clients.
 * With opening hours configured, outside them or inside the service's
 * cut-off it is OKNO_ECLOSED naming the next opening (hours.h), nothing
 * stored.
 */
int	 queue_issue(struct ctx *, const char *service, int priority,
	     struct ticket *, struct estimate *, struct err *);
/* queue_issue_flags' flags. */
#define QUEUE_ISSUE_FORCE	0x1	/* issue outside the hours anyway
					   (staff only, not the kiosk) */
/* The note of the issued event of a ticket forced outside the hours
 * (ticket_events.note; after "priority; " for a priority ticket). */
#define QUEUE_FORCED_NOTE	"forced outside hours"
int	 queue_issue_flags(struct ctx *, const char *service, int priority,
	     int flags, struct ticket *, struct estimate *, struct err *);
/*
 * queue_issue_flags for a client: with a priority category (a configured
 * `priorities` code, OKNO_EINVAL otherwise; NULL or "" for none) and the
 * client's account (NULL or "": none; checked with visit_account_check,
 * OKNO_EINVAL, nothing stored; stored on the ticket, visit.h: personal
 * data).  A category implies priority; the ticket terminal may issue a
 * ticket with a category (the client chooses it, staff may take it back
 * with queue_priority), never a bare priority one.
 */
int	 queue_issue_client(struct ctx *, const char *service, int priority,
	     const char *category, const char *account, int flags,
	     struct ticket *, struct estimate *, struct err *);

/*
 * The ticket of a booked client checking in (booking_checkin): service
 * code and account as queue_issue_client, carrying booking_id and
 * booked_at (the slot start); in the same transaction the booking
 * becomes arrived (booking_arrive), or the whole is refused as it
 * refuses.  The office's hours do not apply: the booking's check-in
 * window does.  est may be NULL.
 */
int	 queue_issue_booked(struct ctx *, const char *service,
	     const char *account, int64_t booking_id, time_t booked_at,
	     struct ticket *, struct estimate *, struct err *);

/*
 * A call within this many seconds of the call that brought the window's
 * current ticket is refused: a double press of Call (a sticky key, a
 * nervous manager) would otherwise finish the client just called.
 */
#define QUEUE_CALL_GUARD_S	5

/*
 * Calls the next ticket to window: priority first, then the earliest
 * original issue time among the services the window serves.  A ticket
 * still in service at that window is finished first.  OKNO_NONE when
 * nothing waits (the finish, if any, still happens).  OKNO_EAGAIN, and
 * nothing changed, when the window's current ticket was called less than
 * QUEUE_CALL_GUARD_S before ctx->now.
 */
int	 queue_call(struct ctx *, int window, struct ticket *, struct err *);
/*
 * Supervisor control (queue-supervise.c has the rest): calls ticket
 * number (today's) to window out of order, as queue_call does otherwise
 * (a ticket in service there is finished first, the double-press guard,
 * lunch).  number NULL is queue_call.  A supervisor's action (and the
 * system's): OKNO_EPERM for anyone else; OKNO_NONE, nothing changed,
 * when that ticket does not wait for a service of the window.  The
 * called event's note says "out of order" and who ordered it.
 */
int	 queue_call_number(struct ctx *, int window, const char *number,
	     struct ticket *, struct err *);
int	 queue_recall(struct ctx *, int window, struct ticket *, struct err *);
int	 queue_finish(struct ctx *, int window, struct ticket *, struct err *);
/*
 * Finishes the visit at window with what the manager says of it (visit.h;
 * vc may be NULL): the outcomes must be the service's, and with
 * visits.require_outcome one is required (OKNO_EINVAL, nothing changed).
 * queue_finish is this with nothing said.
 */
struct visit_close;
int	 queue_finish_visit(struct ctx *, int window,
	     const struct visit_close *, struct ticket *, struct err *);
int	 queue_noshow(struct ctx *, int window, struct ticket *, struct err *);
int	 queue_transfer(struct ctx *, int window, const char *service,
	     struct ticket *, struct err *);
int	 queue_postpone(struct ctx *, int window, int minutes,
	     struct ticket *, struct err *);

/*
 * Takes back the window's last step when it is a finish or a no-show of
 * the last queue.undo minutes and the window has called no ticket since:
 * the ticket is in service at the window again (its service resuming at
 * ctx->now), its log keeping the step and an 'undone' event after it.
 * OKNO_NONE when there is nothing to undo (too late, a call since, undo
 * off); OKNO_ESTATE when the window is paused.
 */
int	 queue_undo(struct ctx *, int window, struct ticket *, struct err *);

/* A postponed ticket of a window, to come back at return_at. */
struct queue_away {
	char	number[16];
	time_t	return_at;
};
/*
 * The tickets window postponed that are still away, by return time:
 * the first max in away, their count in *n (may exceed max).
 */
int	 queue_postponed(struct ctx *, int window, struct queue_away *away,
	     size_t max, size_t *n, struct err *);

/* Window sessions.  manager may be NULL (the command line). */
int	 queue_window_open(struct ctx *, int window, const char *manager,
	     struct err *);
/*
 * The manager console's open: as queue_window_open for manager, recording
 * the console's process pid.  While that process lives the window is
 * held: the same manager's console at another window, or a second one at
 * this window, is OKNO_ESTATE naming the window held (a supervisor may
 * still take it over).  A holder that died lets go: its window passes on,
 * and closes if nothing is in service there.
 */
int	 queue_window_console(struct ctx *, int window, const char *manager,
	     long pid, struct err *);
int	 queue_window_close(struct ctx *, int window, struct err *);
int	 queue_window_pause(struct ctx *, int window, const char *reason,
	     struct err *);
/*
 * A pause with a reason and an optional note (NULL or ""; at most
 * QUEUE_NOTE_MAX characters).  With pause_reasons configured, reason must
 * be one of their codes: OKNO_EINVAL listing them otherwise; without,
 * reason is free text.  The window must be open and free.
 */
#define QUEUE_NOTE_MAX	200
int	 queue_window_pause_note(struct ctx *, int window, const char *reason,
	     const char *note, struct err *);
int	 queue_window_resume(struct ctx *, int window, struct err *);

/*
 * Scheduled lunch breaks (a window's `lunch`; queue-lunch.c has the
 * rules).  queue_lunch_today: 1 and the break's times when window has a
 * break today (the office open today) that has not ended by now; 0
 * otherwise.  queue_window_schedule brings every window's break up to
 * date at ctx->now: a free window pauses at its break (reason "lunch"), a
 * serving one once the visit ends, and okno's own pause ends at the
 * break's end.  Every queue change does this first; the console calls it
 * on its clock.  OKNO_NONE when nothing was due (nothing written).
 */
struct queue_lunch {
	time_t	start, end;
};
int	 queue_lunch_today(const struct config *, int window, time_t now,
	     struct queue_lunch *);
int	 queue_window_schedule(struct ctx *, struct err *);

/*
 * Supervisor control of the queue (queue-supervise.c).  Each is a
 * supervisor's action (and the system's, the command line): OKNO_EPERM
 * for a manager, an auditor or the terminal.  Each writes one ticket
 * event with who (manager: the actor's login, NULL for the system) and
 * why (note: the reason, at most QUEUE_REASON_MAX characters).
 *
 * queue_cancel: cancels today's ticket number while it waits or is
 * postponed (a client who left); OKNO_NONE otherwise.  reason may be
 * NULL or "".
 *
 * queue_priority: on: gives the waiting or postponed ticket priority,
 * with category (a configured code, OKNO_EINVAL otherwise; NULL or ""
 * none); off: takes it (and its category) away.  reason is required
 * (OKNO_EINVAL).  OKNO_NONE when the ticket is not today's waiting or
 * postponed one, or already is as asked.  Events: priority_given,
 * priority_taken; the note is "CATEGORY; reason" when a category is
 * given.
 */
#define QUEUE_REASON_MAX	200
int	 queue_cancel(struct ctx *, const char *number, const char *reason,
	     struct ticket *, struct err *);
int	 queue_priority(struct ctx *, const char *number, int on,
	     const char *category, const char *reason, struct ticket *,
	     struct err *);

/*
 * What waits, for the supervisor's queue screen: every waiting or
 * postponed ticket of today, by service in configuration order, each
 * service's in call order (queue-int.h); postponed ones after the
 * waiting ones of their service.  *out is freed with free().  Reads
 * only.
 */
struct queue_waiting {
	struct ticket	ticket;
	int		service;	/* index into cfg->services; -1 none */
	long		waited_s;	/* since its original issue */
	int		ranked;		/* ranks as priority now (fair_after) */
};
int	 queue_waiting_list(struct ctx *, struct queue_waiting **out,
	     size_t *n, struct err *);

/* Cancels every ticket still waiting or postponed; closes the windows. */
int	 queue_close_day(struct ctx *, int *cancelled, struct err *);

/* Reads.  Arrays are sized by the caller: cfg->nservices, cfg->nwindows. */
/*
 * The wait of a new ticket of service (an index) issued at ctx->now: the
 * people before it in its service, and the minutes until a window calls
 * it from a simulation of the windows that will serve it (their visits,
 * lunches and the opening), the whole queue in call order and today's
 * service times (estimate.h states the method); or late, when no window
 * will probably call it before today's closing.  Reads only (estimate.c).
 */
int	 queue_estimate(struct ctx *, int service, int priority,
	     struct estimate *, struct err *);
int	 queue_stats(struct ctx *, struct queue_stat *, struct err *);
int	 queue_windows(struct ctx *, struct window_info *, struct err *);
int	 queue_window(struct ctx *, int window, struct window_info *,
	     struct err *);
int	 queue_latest_calls(struct ctx *, struct queue_call *, size_t max,
	     size_t *n, struct err *);
int	 queue_ticket_by_number(struct ctx *, const char *number,
	     struct ticket *, struct err *);

/* Tickets issued today per hour 0..23 (for the hall chart). */
int	 queue_today_by_hour(struct ctx *, int counts[24], struct err *);

/* Today's latest transfer, for the hall: the ticket, the window it left
 * and the service it went to.  OKNO_NONE when there was none today. */
struct queue_transfer {
	int64_t	event;		/* ticket_events.id: a new one differs */
	char	number[16];
	int	window;
	char	service[32];	/* the target service's code */
	time_t	at;
};
int	 queue_last_transfer(struct ctx *, struct queue_transfer *,
	     struct err *);


#endif
