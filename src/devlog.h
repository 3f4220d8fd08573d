/* devlog.h: the latest state of a device, from device_events (written
 * by the device layer through queue_device_event()). */
#ifndef OKNO_DEVLOG_H
#define OKNO_DEVLOG_H

#include "ctx.h"

struct devlog {
	char	event[32];	/* "paper_end", "offline", ...; "" none */
	char	detail[128];
	time_t	at;
	int	fault;		/* the event is a fault, not a recovery */
};

/*
 * The device's latest event today.  Events named "ok", "ready",
 * "unknown" (no status answer: printed anyway), "online", "recovered" or
 * ending in "_ok" are not faults; every other one (the printer's
 * "paper-end", "paper-near-end", "cover-open", "offline", "error"; the
 * board's "error") is one the staff should see.
 */
int	 devlog_last(struct ctx *, const char *device, struct devlog *,
	     struct err *);

#endif
