/* booking-import.h: the inbound batch, head office's bookings for this
 * branch (`okno import --in DIR`; SPEC "Bookings"; issue 15 item 4).
 *
 * A batch is a folder that head office's okno-publish writes for one
 * branch: bookings.csv, BATCH (its header), MANIFEST.sha256 over both and
 * MANIFEST.sig, the Ed25519 signature of the manifest's bytes by head
 * office's key, whose public half the branch keeps at
 * cfg->bookings.hq_key.  The batch is checked whole before anything is
 * applied, and applied in one transaction; see booking-import.c for the
 * rules (what is new, changed, cancelled or skipped, and why an older
 * batch cannot undo a newer one).
 */
#ifndef OKNO_BOOKING_IMPORT_H
#define OKNO_BOOKING_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "booking.h"
#include "ctx.h"

/* Head office's key of a booking: 1-64 of A-Z a-z 0-9 . _ : - */
#define IMPORT_HQ_ID_MAX	64

enum import_what {
	IMPORT_NEW,		/* a booking the branch did not have */
	IMPORT_CHANGED,		/* time, service, name, phone or account */
	IMPORT_CANCELLED,	/* cancelled by head office */
	IMPORT_SKIPPED		/* a change head office made to a booking
				   that is no longer booked here */
};

/* One booking the import acted on or skipped (no personal data). */
struct import_note {
	enum import_what	 what;
	char			 hq_id[IMPORT_HQ_ID_MAX + 1];
	char			 code[BOOKING_CODE_LEN + 1];
	int			 service;	/* index into cfg->services */
	time_t			 slot_at;
	/* IMPORT_SKIPPED: the booking's status here ("arrived", "missed",
	 * "served", "cancelled"), as stored. */
	char			 status[16];
};

struct import_result {
	long long		 seq;		/* the batch's number */
	int			 applied;	/* new + changed + cancelled */
	int			 added, changed, cancelled, skipped;
	struct import_note	*notes;		/* in the batch's order */
	size_t			 nnotes;
};

/*
 * Checks the batch in dir and applies it.  Refused with OKNO_EINVAL
 * (exit 65), nothing applied, when: a file is missing, not a regular
 * file, a link, or not in the manifest; the manifest or the signature is
 * bad; the batch or a row is another branch's; the CSV is malformed
 * (RFC 4180, UTF-8, no control characters, no overlong field, known
 * columns); a service is not configured here; a time is not ISO 8601; a
 * head-office code is taken by another booked booking.  OKNO_ECONFIG when
 * the office takes no bookings or head office's key is missing or not a
 * key.  r is filled on success (booking_import_free).
 */
int	 booking_import(struct ctx *, const char *dir, struct import_result *,
	     struct err *);
void	 booking_import_free(struct import_result *);

#endif
