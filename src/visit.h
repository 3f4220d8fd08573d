/* visit.h: what a visit records besides the queue's times (SPEC, "Visits"):
 * the client's account, the outcomes the manager picked at the finish and
 * whether the question was resolved; the client's history at this branch
 * for the console.  The queue (queue.c) calls in here on its issue and
 * finish paths, inside its own transaction.
 *
 * An account is personal data: it is stored in full (the manager and head
 * office need it), shown masked (visit_mask) wherever a client or the hall
 * may see it, never written to a log or to stderr, and destroyed with
 * the appeals' retention (appeal_purge_all, appeal-purge.c).
 */
#ifndef OKNO_VISIT_H
#define OKNO_VISIT_H

#include "ctx.h"

/* The longest account okno accepts, in digits. */
#define VISIT_ACCOUNT_MAX	32
/* Outcomes stored with one visit at most (the configured list's size in
 * practice); their codes joined by ';' fit VISIT_OUTCOMES_MAX bytes. */
#define VISIT_OUTCOMES_MAX	512

/*
 * Checks an account typed by a client or a manager: digits only, then
 * cfg->account_pattern (the appeals' pattern).  NULL or "" is no account:
 * OKNO_OK.  OKNO_EINVAL names what is expected (visit_account_hint), never
 * the value typed.
 */
int	 visit_account_check(const struct config *, const char *,
	     struct err *);
/*
 * What an account looks like, for people: "10 to 12 digits" when the
 * pattern is a plain run of digits ("^[0-9]{10,12}$", "^[0-9]{10}$"),
 * "digits" otherwise.  Translated.
 */
void	 visit_account_hint(const struct config *, char *, size_t);
/*
 * An account as boards, tickets and the hall show it: every character but
 * the last four replaced by '*' ("******7890"); all of it for four or
 * fewer.  "" for NULL or "".
 */
void	 visit_mask(const char *account, char *out, size_t size);

/* What the manager says at the finish (queue_finish_visit). */
struct visit_close {
	const char		*account;	/* NULL or "": keep the ticket's */
	const char *const	*outcomes;	/* codes; may repeat */
	size_t			 noutcomes;
	int			 resolved;	/* -1 not said, 0 no, 1 yes */
};

/*
 * Checks what does not depend on the ticket: the account, every outcome a
 * configured code, resolved only with an outcome.  OKNO_EINVAL otherwise.
 */
int	 visit_close_check(const struct config *, const struct visit_close *,
	     struct err *);
/*
 * Inside the queue's finish transaction, for ticket id of service: each
 * outcome must be one of the service's (OKNO_EINVAL), an outcome is
 * required with visits.require_outcome when the service has any
 * (OKNO_EINVAL), and then the
 * account (when given), the outcomes (in configuration order, joined by
 * ';') and resolved are stored on the ticket.  vc may be NULL (nothing
 * said).
 */
int	 visit_close_store(struct ctx *, int64_t ticket, const char *service,
	     const struct visit_close *, struct err *);

/* 1 when outcome o (index into cfg->outcomes) applies to service code. */
int	 visit_outcome_applies(const struct config *, size_t o,
	     const char *service);

/*
 * The manager types the client's account during the visit: stored on
 * window's current ticket ("" removes it).  Staff only; a manager only on
 * a ticket they serve.  OKNO_NONE when the window serves nobody.
 */
int	 visit_set_account(struct ctx *, int window, const char *account,
	     struct err *);

/* The account of a ticket ("" none or purged); OKNO_ENOENT no ticket. */
int	 visit_ticket_account(struct ctx *, int64_t ticket, char *, size_t,
	     struct err *);

/* One earlier finished visit of an account at this branch. */
struct visit_past {
	int64_t	 id;
	char	 day[11];		/* issue date, YYYY-MM-DD */
	char	 number[16];
	char	 service[32];
	char	 outcomes[VISIT_OUTCOMES_MAX];	/* codes joined by ';' */
	int	 resolved;		/* -1 not said */
};

/* One open appeal (registered or forwarded) of an account. */
struct visit_appeal {
	char	 reg_no[40];
	char	 kind[32];
	char	 due_date[11];
	int	 overdue;
};

struct visit_history {
	struct visit_past	*visits;	/* newest first */
	size_t			 nvisits;
	struct visit_appeal	*appeals;	/* earliest due first */
	size_t			 nappeals;
};

/*
 * The account's finished visits issued in the last days days (the
 * visits.repeat_days of the configuration when days <= 0), except ticket
 * `except` (the visit in progress; 0: none), and its open appeals.
 * Staff only (not the kiosk).  Free with visit_history_free.
 */
int	 visit_history(struct ctx *, const char *account, int days,
	     int64_t except, struct visit_history *, struct err *);
void	 visit_history_free(struct visit_history *);

#endif
