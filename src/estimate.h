/* estimate.h: the wait a new ticket can expect (queue_estimate in
 * queue.h reads the queue and calls estimate_run).  The model is a small
 * simulation of the office from now on, so it is stated here once and
 * okno(1) ("Wait estimates") says the same in users' words:
 *
 * - Windows.  Every configured window takes part with the time it can
 *   next call: a free window now; a serving one when its visit ends (its
 *   start plus the expected service time of the visit's service, at
 *   least now); a window on its lunch (config_window_lunch, now inside
 *   it) at the lunch's end; a window paused for another reason
 *   ESTIMATE_PAUSE_MIN after its pause began (at least now: nobody
 *   knows when it will come back).  A closed window takes part only
 *   while the office has not started: before today's opening (it opens
 *   then), or while no window at all is open (they are assumed to open
 *   now); once the day has begun a closed window stays closed.
 * - Lunch.  A window starts no visit inside today's lunch still to come
 *   (or the one it is paused or serving in); it resumes at the lunch's
 *   end.  A window free inside its lunch span has chosen to work on.
 * - Tickets.  The waiting tickets, and the postponed ones from their
 *   return, are called in the order queue_call uses (priority first,
 *   then the issue time) by whichever window serving their service is
 *   free first, so other services competing for the same windows count.
 *   The new ticket goes after every ticket of at least its priority;
 *   the tickets after it do not delay it (a postponed one coming back
 *   aside) and are left out.
 * - Service times.  Per service, the mean of its last ESTIMATE_VISITS
 *   visits finished today, each cut to at most ESTIMATE_CAP times their
 *   median (a visit left open for an hour must not double every wait),
 *   once there are at least ESTIMATE_MIN_VISITS of them; before that,
 *   its service norm.  The mean, not the median: a wait is the sum of
 *   the visits before it, and service times are skewed (a few long
 *   ones), so the median would promise too short a wait: on the
 *   simulated days of `make bench` the error's median was 5.0 min with
 *   the median, 3.7 with this mean.
 * - Closing.  With opening hours, no window calls at or after today's
 *   closing time; a ticket not called before it is `late`: probably not
 *   served before the office closes.  Outside today's hours (a ticket
 *   forced after closing) there is no such limit.  Without hours the
 *   office never closes.
 * - Nobody serves it.  Unless it is before today's opening, a service
 *   that no free or serving window serves is `unserved` (its windows
 *   are closed, paused or not staffed yet), and so is a service no
 *   window serves at all.  The kiosk and the ticket then say that no one
 *   serves it now, never "about 0 min": the wait is known only when a
 *   paused window of it comes back (its estimate stands); with only
 *   closed windows there is none (minutes -1, not late: nothing says
 *   when, or whether, they open).  The closed windows "assumed to open
 *   now" above still serve the other services' tickets in the play.
 *
 * The estimated wait is the time from now to the new ticket's call.
 */
#ifndef OKNO_ESTIMATE_H
#define OKNO_ESTIMATE_H

#include <stddef.h>
#include <time.h>

/* Finished visits today the service time is the median of, and how many
 * it takes before they count more than the norm. */
#define ESTIMATE_VISITS		20
#define ESTIMATE_MIN_VISITS	3
/* A visit counts at most this many times the median visit. */
#define ESTIMATE_CAP		3
/* How long a pause other than lunch is assumed to last, minutes. */
#define ESTIMATE_PAUSE_MIN	15

/* A window as the simulation sees it. */
struct est_window {
	const int	*services;	/* indexes into the services */
	size_t		 nservices;
	time_t		 free_at;	/* it can next call; 0: takes no part */
	time_t		 lunch_start;	/* no call in [start, end); 0 none */
	time_t		 lunch_end;
};

/* A ticket that waits (or comes back), in call order. */
struct est_ticket {
	int	service;	/* index; -1 a service no longer configured */
	int	priority;
	time_t	ready;		/* now, or a postponed ticket's return */
};

struct est_input {
	time_t			 now;
	time_t			 closes;	/* no call from then; 0 none */
	const double		*service_s;	/* expected seconds per service */
	const struct est_window	*windows;
	size_t			 nwindows;
	const struct est_ticket	*queue;		/* in call order */
	size_t			 nqueue;
	int			 service;	/* the new ticket's */
	int			 priority;
};

/*
 * Runs the simulation of the contract above for a new ticket.  Returns 1
 * and the time it is called in *at, or 0 when no window calls it before
 * the closing (or ever: no window serves its service).  Pure: allocates
 * its own scratch, touches nothing else.
 */
int	 estimate_run(const struct est_input *, time_t *at);

/* The median of n seconds (nearest rank, SPEC "Time semantics"); sorts
 * v.  0 when n is 0. */
double	 estimate_median(double *v, size_t n);
/* The expected service time from n visits' seconds: their mean, each cut
 * to ESTIMATE_CAP x their median.  Sorts v; 0 when n is 0. */
double	 estimate_service_time(double *v, size_t n);

#endif
