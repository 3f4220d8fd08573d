/* devlog.h: the device log: each device's faults and recoveries as rows
 * of device_events, written by the office layer after it drives a device,
 * read by the kiosk, `okno device status` and inspections.  One rule says
 * what a fault is (devlog_is_fault); "the last event" is always the last
 * one recorded. */
#ifndef OKNO_DEVLOG_H
#define OKNO_DEVLOG_H

#include "ctx.h"

struct devlog {
	char	event[32];	/* "paper_end", "offline", ...; "" none */
	char	detail[128];
	time_t	at;
	int	fault;		/* devlog_is_fault(event) */
};

/*
 * 1 when event is a fault the staff should see, 0 for a recovery.  The
 * events named "ok", "ready", "unknown" (no status answer: printed
 * anyway), "online", "recovered" or ending in "_ok" are not faults; every
 * other one (the printer's "paper-end", "paper-near-end", "cover-open",
 * "offline", "error"; the board's "error") is.
 */
int	 devlog_is_fault(const char *event);

/*
 * The last event recorded for device with from <= at < before (0: no
 * bound) into d; d->event is "" when there is none.
 */
int	 devlog_last(struct ctx *, const char *device, time_t from,
	     time_t before, struct devlog *, struct err *);

/*
 * Records an event of device at the context's time, tied to ticket when
 * it is > 0; detail may be NULL.  One transaction.
 */
int	 devlog_record(struct ctx *, const char *device, const char *event,
	     int64_t ticket, const char *detail, struct err *);

/*
 * Records a change of device's health: event is recorded unless it is
 * the last one recorded, or nothing is recorded yet and it is not a
 * fault (a device that always worked has an empty log).
 */
int	 devlog_note(struct ctx *, const char *device, const char *event,
	     int64_t ticket, const char *detail, struct err *);

#endif
