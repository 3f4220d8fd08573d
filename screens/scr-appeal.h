/* scr-appeal.h: what the three appeal screens (intake, the list, the
 * card) share: kinds and due dates in words, and the acknowledgment
 * slip. */
#ifndef OKNO_SCR_APPEAL_H
#define OKNO_SCR_APPEAL_H

#include "appeal.h"
#include "ui-int.h"

/* The configured name of a kind, or its code. */
const char *scr_appeal_kind(const struct config *, const char *code);
/* The due date with what it means today: "29.01.2027, 30 days left",
 * "..., overdue by 3 days", "..., due today"; only the date when the
 * appeal is answered or closed. */
void	 scr_appeal_due(const struct appeal *, char *out, size_t size);

/*
 * Prints appeal a's acknowledgment slip and says on the message line
 * what the printer did.  The printer's calls are bounded; the message
 * shows first so the screen is never silent meanwhile.
 */
void	 scr_appeal_print_slip(struct ui *, const struct appeal *);

#endif
