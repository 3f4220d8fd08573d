/* booking.h: pre-booked visits (SPEC, "Bookings"; issue 15).  A booking
 * is a client's claim on one slot of a service, made at the branch (the
 * console, `okno booking add`) or at head office (the inbound batch,
 * booking-import.c).  Slots come from the office's hours, the windows'
 * lunch and the windows that serve the service (booking.c); a share of
 * each slot's capacity is open to booking so that walk-ins are never
 * crowded out.  At the kiosk the client checks in with the 6-digit code
 * (or the phone's last digits and the slot time) within the check-in
 * window; the ticket made then carries the slot time and is called before
 * the other tickets of its services from that time (queue-int.h).
 *
 * name, phone and account are personal data: shown masked outside the
 * manager's own screens, never written to a log or stderr, destroyed with
 * the appeals' retention (appeal-purge.c).
 *
 * THE CONTRACT between the modules of the bookings wave; booking.c
 * implements it.  Functions take the context (database, configuration,
 * clock, actor), return OKNO_OK or an error code with a message in e,
 * and never print.
 */
#ifndef OKNO_BOOKING_H
#define OKNO_BOOKING_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ctx.h"

#define BOOKING_CODE_LEN	6
#define BOOKING_NAME_MAX	200	/* bytes of UTF-8 */
#define BOOKING_PHONE_MAX	32

enum booking_status {
	BOOKING_BOOKED,
	BOOKING_ARRIVED,	/* checked in: has a ticket */
	BOOKING_MISSED,		/* not checked in by the end of the grace */
	BOOKING_CANCELLED,
	BOOKING_SERVED		/* its ticket finished */
};

/* "booked", "arrived", ... as stored and in CSV; NULL when unknown. */
const char	*booking_status_name(enum booking_status);
/* The same for people, translated. */
const char	*booking_status_label(enum booking_status);
/* The status of a stored name; -1 when unknown. */
int		 booking_status_parse(const char *);

struct booking {
	int64_t			 id;
	char			 code[BOOKING_CODE_LEN + 1];
	int			 from_hq;	/* source 'hq' */
	char			*hq_id;		/* NULL: made at the branch */
	int			 service;	/* index into cfg->services */
	time_t			 slot_at;
	enum booking_status	 status;
	char			*name;		/* NULL once purged */
	char			*phone;		/* NULL: none or purged */
	char			*account;	/* NULL: none or purged */
	time_t			 created_at;
	char			*created_by;	/* NULL: head office */
	time_t			 arrived_at;	/* 0: not yet */
	int64_t			 ticket_id;	/* 0: none */
	char			 ticket[16];	/* its number, "" none */
};
void	 booking_clear(struct booking *);	/* frees members */
void	 booking_list_free(struct booking *, size_t n);

/* One slot of one service on one day. */
struct booking_slot {
	time_t	at;		/* its start */
	int	capacity;	/* bookings it may take: the share of its
				   windows' capacity, rounded down */
	int	booked;		/* bookings booked, arrived or served */
};

/*
 * The slots of service (index) on local date y-m-d: every slot of
 * cfg->bookings.slot minutes that lies wholly within the day's hours,
 * with a capacity of share% of (windows serving the service, less those
 * at their lunch during the slot, counted over the slot's length / the
 * service's service_norm), rounded down.  *out is malloc'ed (free()), may
 * be empty.  OKNO_ESTATE when bookings are not configured.
 */
int	 booking_slots(struct ctx *, int service, int y, int m, int d,
	     struct booking_slot **out, size_t *n, struct err *);
/*
 * The capacity booking_slots gives the slot of service that starts at
 * minute min (from local midnight) of y-m-d: 0 when it does not lie
 * wholly within the day's hours.  Pure: the configuration only.
 */
int	 booking_slot_capacity(const struct config *, int service, int y,
	     int m, int d, int min);

/* What a new booking says (booking_add). */
struct booking_new {
	int		 service;	/* index into cfg->services */
	time_t		 slot_at;	/* a slot's start */
	const char	*name;		/* required */
	const char	*phone;		/* NULL or "" none */
	const char	*account;	/* NULL or "" none */
};

/*
 * Books a slot at the branch (source 'branch', created_by the actor).
 * Refused with OKNO_EINVAL (exit 65) and a message naming why: bad name,
 * phone or account; not a slot start; a past slot; beyond the horizon;
 * a closed day or hour; a full slot.  On success code holds the new
 * 6-digit code (random, not guessable, unique among booked bookings) and
 * *id the row.
 */
int	 booking_add(struct ctx *, const struct booking_new *,
	     char code[BOOKING_CODE_LEN + 1], int64_t *id, struct err *);

/*
 * Cancels a booked booking by its code: OKNO_NONE (exit 3) when no
 * booking with that code is booked.  The actor's login is recorded.
 */
int	 booking_cancel(struct ctx *, const char *code, struct err *);

/*
 * The bookings whose slot lies on local date y-m-d, by slot time then
 * code, whatever their status (missed ones swept first).  *out malloc'ed
 * (booking_list_free).
 */
int	 booking_list(struct ctx *, int y, int m, int d,
	     struct booking **out, size_t *n, struct err *);

/*
 * Finds the booking a client checks in with at c->now: by its code, or,
 * when cfg->bookings.phone_digits is set, by the phone's last digits
 * (digits) and the slot time hhmm ("HH:MM", today).  OKNO_NONE when no
 * booked booking matches; OKNO_ECLOSED (exit 4) when it exists but c->now
 * is before slot_at - early or after slot_at + grace, with a message
 * naming the check-in window.  A missed booking is OKNO_ECLOSED too (too
 * late); one already checked in or cancelled is OKNO_NONE saying so.
 * Whenever a booking was found, refused or not, *b holds it (the kiosk
 * shows the slot of a late client): booking_clear it in every case.
 */
int	 booking_find(struct ctx *, const char *code, struct booking *,
	     struct err *);
int	 booking_find_phone(struct ctx *, const char *digits,
	     const char *hhmm, struct booking *, struct err *);

/*
 * Checks the booking in: issues its ticket (queue_issue_client with the
 * booking's service and account; booked_at = its slot start), marks it
 * arrived, in one queue transaction.  Refused as booking_find.  t gets
 * the ticket.
 */
struct ticket;
int	 booking_checkin(struct ctx *, int64_t booking_id, struct ticket *t,
	     struct err *);

/* The booking with row id; OKNO_NONE when there is none. */
int	 booking_get(struct ctx *, int64_t id, struct booking *,
	     struct err *);

/*
 * Inside the queue transaction that issues ticket for booking id
 * (queue_issue_booked): refused as booking_find when the booking is no
 * longer booked or c->now lies outside its check-in window; else it
 * becomes arrived with that ticket.
 */
int	 booking_arrive(struct ctx *, int64_t id, int64_t ticket,
	     struct err *);

/*
 * Inside a queue transaction (queue_tx_begin's housekeeping): marks
 * missed every booked booking whose slot_at + grace has passed.
 */
int	 booking_sweep(struct ctx *, struct err *);

/*
 * Inside the queue's finish transaction: the booking of ticket (if any)
 * becomes served.
 */
int	 booking_ticket_finished(struct ctx *, int64_t ticket, struct err *);
/* Inside the queue's undo transaction: a finish taken back makes the
 * ticket's served booking arrived again. */
int	 booking_ticket_reopened(struct ctx *, int64_t ticket, struct err *);

#endif
