/* appeal-int.h: what the appeal modules (appeal.c, appeal-purge.c) share
 * and nobody else needs. */
#ifndef OKNO_APPEAL_INT_H
#define OKNO_APPEAL_INT_H

#include "ctx.h"

/* The personal fields the purge destroys, as pd_destruction_log says. */
#define APPEAL_PD_FIELDS "client_name,account,address,phone,text,answer"

/*
 * Adds one row to appeal id's history, inside the caller's transaction:
 * event, the status before and after, the manager (NULL or "": none) and
 * a note (blank: none).  Notes are written in the C locale's words
 * (dates, a unit), never translated, because they are stored.
 */
int	 appeal_event_add(struct ctx *, int64_t id, const char *event,
	     const char *old, const char *status, const char *manager,
	     const char *note, struct err *);

/* The login an event is recorded under; NULL for the system. */
const char *appeal_actor(const struct ctx *);

#endif
