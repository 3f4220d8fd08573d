/* booking-checkin.c: a booked client checks in (booking_checkin,
 * booking.h): the ticket is issued with the booking's service, account
 * and slot time, and the booking becomes arrived, in one queue
 * transaction (queue_issue_booked).  Apart from booking.c because it
 * lies above the queue, which booking.c lies below (the queue calls its
 * sweep and finish hooks): no module cycle (tests/layers.t). */
#include <string.h>

#include "booking.h"
#include "queue.h"

int
booking_checkin(struct ctx *c, int64_t booking_id, struct ticket *t,
    struct err *e)
{
	struct booking b;
	const char *svc;
	int rc;

	memset(t, 0, sizeof *t);
	if (!c->cfg->bookings.set)
		return err_set(e, OKNO_ESTATE, _("this office takes no "
		    "bookings (the configuration has no bookings group)"));
	if ((rc = booking_get(c, booking_id, &b, e)) != OKNO_OK)
		return rc;
	if (b.service < 0) {
		err_set(e, OKNO_ENOENT, _("booking %s is for a service the "
		    "configuration no longer has"), b.code);
		booking_clear(&b);
		return e->code;
	}
	svc = c->cfg->services[b.service].code;
	/* queue_issue_booked checks the booking again inside its
	 * transaction (booking_arrive): two kiosks, one code. */
	rc = queue_issue_booked(c, svc, b.account, b.id, b.slot_at, t, NULL,
	    e);
	booking_clear(&b);
	return rc;
}
