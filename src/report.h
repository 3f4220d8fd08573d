/* report.h: queue reports for a period: tickets, no-shows, wait and
 * service statistics per service, window, manager and hour of day.
 *
 * Definitions follow SPEC ("Time semantics", "Reports"):
 *   - the period takes the tickets whose branch-local issue date (the
 *     tickets.day column) lies in [from, to], both inclusive;
 *   - wait statistics cover every ticket called at least once (no-shows
 *     included); service statistics cover finished tickets;
 *   - within norm: time <= norm * 60 of the ticket's final service.  A
 *     service no longer in the configuration has no norm: its tickets count
 *     in every other figure but in neither share's numerator nor
 *     denominator (the share is of the tickets whose norm is known);
 *   - percentiles by nearest rank: the p-th of n sorted values is the
 *     ceil(p * n / 100)-th; the median is p = 50;
 *   - averages are rounded to whole seconds and shares to tenths of a
 *     percent, both half away from zero, in integer arithmetic.
 *
 * Groups: window and manager are those of the visit's last service segment
 * (tickets.window and tickets.manager).  A ticket never called has neither
 * and counts only in all, service and hour; a segment recorded without a
 * manager (the command line without --manager) counts in no manager row.
 *
 * Memory does not grow with the period: see report.c.
 */
#ifndef OKNO_REPORT_H
#define OKNO_REPORT_H

#include "queue.h"

enum report_group {
	REPORT_ALL,
	REPORT_SERVICE,
	REPORT_WINDOW,
	REPORT_MANAGER,
	REPORT_HOUR
};

/* One statistic (wait or service time) of one row, in seconds. */
struct report_stat {
	int64_t	n;		/* values covered; 0: the rest is unset */
	int64_t	avg;		/* rounded half away from zero */
	int64_t	median;
	int64_t	p90;
	int64_t	max;
	int64_t	normed;		/* values whose norm is known */
	int64_t	within;		/* of those, at most the norm */
	int	within_pct10;	/* share in tenths of a percent; -1: none */
};

struct report_row {
	enum report_group group;
	char		  key[64];	/* "all", "pay", "3", "ivanova", "09" */
	int64_t		  tickets;	/* issued in the period */
	int64_t		  served;	/* finished */
	int64_t		  noshow;
	struct report_stat wait;
	struct report_stat service;
};

/*
 * Rows in order: all; every configured service (config order), then
 * services met in the data but no longer configured (by code); every
 * configured window and any other met in the data (by number); managers
 * met in the data (by login); the 24 hours 00-23.
 */
struct report {
	char		   from[11];	/* YYYY-MM-DD */
	char		   to[11];
	struct report_row *rows;
	size_t		   nrows;
};

const char	*report_group_name(enum report_group);	/* "all", ... */

/*
 * The queue report for [from, to] (YYYY-MM-DD, branch-local).  A bad date
 * or from > to is OKNO_EINVAL.  Reads one snapshot; writes nothing.  On
 * success *rp is the report, freed with report_free().
 */
int	 report_queue(struct ctx *, const char *from, const char *to,
	     struct report **rp, struct err *);
void	 report_free(struct report *);

/* Arithmetic the report uses, exposed for tests. */
int64_t	 report_rank(int p, int64_t n);		/* ceil(p * n / 100), >= 1 */
int64_t	 report_round_div(int64_t num, int64_t den);	/* half away */
int	 report_pct10(int64_t part, int64_t whole);	/* tenths of %; -1 */

#endif
