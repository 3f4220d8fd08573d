/* scr-visit.h: the visit's part of the manager console (scr-visit.c): the
 * client's account and history at this branch, the account form, and the
 * finish with its outcomes. */
#ifndef OKNO_SCR_VISIT_H
#define OKNO_SCR_VISIT_H

#include "ui-int.h"
#include "visit.h"

/* What the console shows of the visit in service. */
struct scr_visit {
	int64_t			 ticket;	/* 0: none loaded */
	char			 account[VISIT_ACCOUNT_MAX + 1];
	struct visit_history	 h;
};

/* Reads the account and history of ticket t (NULL or id 0: none). */
void	 scr_visit_load(struct ui *, struct scr_visit *, const struct ticket *);
void	 scr_visit_free(struct scr_visit *);
/*
 * Draws the client's line, their visits of the last repeat_days days
 * (date, number, service, outcomes) and open appeals with due dates, in
 * rows y .. y + rows - 1 of window b, width w.  Returns the rows used.
 */
int	 scr_visit_draw(struct ui *, const struct scr_visit *, WINDOW *b,
	     int y, int rows, int w);
/* The manager types (or changes) the client's account at window. */
void	 scr_visit_account(struct ui *, int window, const struct scr_visit *);
/* 1 when some configured outcome applies to service code. */
int	 scr_visit_has_outcomes(struct ui *, const char *service);
/*
 * Finishes the visit at window: with outcomes for its service, a list to
 * tick them and say whether the question was resolved first (Esc: not
 * finished, OKNO_NONE with no message); else the plain finish.  t: the
 * finished ticket.  Returns the model's status, e filled.
 */
int	 scr_visit_finish(struct ui *, int window, const struct ticket *cur,
	     struct ticket *t, struct err *);

#endif
