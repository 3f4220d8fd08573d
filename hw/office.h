/* office.h: the office's devices driven from the database: boards show
 * the queue's state, the printer prints tickets; faults become events. */
#ifndef OKNO_OFFICE_H
#define OKNO_OFFICE_H

#include "appeal.h"
#include "board.h"
#include "printer.h"
#include "queue.h"

/* The board state the database holds now: latest calls, window tickets. */
int	 office_board_state(struct ctx *, struct board_state *, struct err *);

/*
 * Shows the database's state on the configured board, reading it under
 * the port's lock.  No board configured: OKNO_OK.  A failure returns
 * OKNO_EIO with the reason; a change of the board's health (failed or
 * back) is recorded once as a device event, not at every retry.
 */
int	 office_board_refresh(struct ctx *, struct err *);

/*
 * Prints ticket t (with its estimate) on the configured printer.  No
 * printer configured: OKNO_OK with r->status PRINTER_ABSENT and
 * r->printed 0.  Any status other than ready is recorded as a device event
 * tied to the ticket; the ticket itself is never affected.
 */
int	 office_print_ticket(struct ctx *, const struct ticket *,
	     const struct estimate *, struct printer_result *, struct err *);

/*
 * Prints appeal a's acknowledgment slip (the client's phone masked by the
 * driver), the same way: no printer configured is OKNO_OK with
 * PRINTER_ABSENT; a status other than ready is a device event tied to the
 * appeal's ticket; the appeal itself is never affected.
 */
int	 office_print_slip(struct ctx *, const struct appeal *,
	     struct printer_result *, struct err *);

#endif
