/* rating.h: clients' ratings of a finished visit, 1 to 5 per criterion
 * (the configured feedback criteria, "Ваш контроль" style). */
#ifndef OKNO_RATING_H
#define OKNO_RATING_H

#include "ctx.h"

#define RATING_MIN	1
#define RATING_MAX	5

/*
 * Records score for criterion (a configured code) of ticket t, a finished
 * visit; a second rating of the same criterion replaces the first.  A
 * manager may rate only the visits he served; auditors and the ticket
 * terminal may not rate.
 */
int	 rating_set(struct ctx *, int64_t ticket_id, const char *criterion,
	     int score, struct err *);
/*
 * Whether the actor may rate visit ticket_id now (the rules above), so
 * that a client is not asked about a visit that cannot be rated.
 */
int	 rating_may(struct ctx *, int64_t ticket_id, struct err *);
/*
 * Records a visit's scores at once, in one transaction: scores[i] is the
 * score of cfg->criteria[i], 1 to 5, or 0 for one not rated (it keeps any
 * earlier score).  The rules of rating_set; OKNO_NONE when every score is
 * 0 (nothing is stored).
 */
int	 rating_set_visit(struct ctx *, int64_t ticket_id, const int *scores,
	     struct err *);
/* The scores of a ticket, indexed like cfg->criteria; 0 when unrated. */
int	 rating_get(struct ctx *, int64_t ticket_id, int *scores,
	     struct err *);

#endif
