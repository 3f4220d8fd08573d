/* hours.h: when the office is open: the configuration's weekly hours
 * (config_hours) with the production calendar applied, the ticket
 * cut-off, and the next opening.  Pure functions of the configuration
 * and a time; nothing is read or printed. */
#ifndef OKNO_HOURS_H
#define OKNO_HOURS_H

#include <time.h>

#include "config.h"
#include "okno.h"

/* What a day is in `okno hours` (SPEC, "Office hours"). */
enum hours_kind {
	HOURS_REGULAR,		/* the weekday's own hours */
	HOURS_SHORTENED,	/* a t=2 day, even on a weekend */
	HOURS_WORKING_WEEKEND,	/* a t=3 day, or a working Saturday/Sunday */
	HOURS_CLOSED		/* a day off, or a closed weekday */
};

struct hours_day {
	enum hours_kind	kind;
	/* Minutes from local midnight, open < close <= 1440; both -1 when
	 * the kind is HOURS_CLOSED. */
	int		open, close;
	/* 1 when the year has no production calendar: holidays unknown. */
	int		missing;
};

/* "regular", "shortened", "working_weekend", "closed" (CSV, not shown
 * translated). */
const char	*hours_kind_name(enum hours_kind);
/* The same for people, translated. */
const char	*hours_kind_label(enum hours_kind);

/* 1 when the configuration sets hours; without them always open. */
int	 hours_configured(const struct config *);

/*
 * The hours of local date y-m-d (SPEC): a t=1 day is closed whatever
 * its weekday; a t=2 day closes hours.shortened minutes early (closed if
 * nothing is left); a working Saturday or Sunday (t=2 or t=3) and a t=3
 * day take the hours of the weekday whose rest moved away (the calendar's
 * f), else a weekend day takes Monday's and a t=3 weekday its own.
 * Without hours every day is 00:00-24:00, regular.  OKNO_EINVAL for a
 * bad date.
 */
int	 hours_day(const struct config *, int y, int m, int d,
	     struct hours_day *);

/* Where now stands for issuing a ticket. */
struct hours_now {
	int	open;		/* 1: a ticket may be issued now */
	int	cutoff;		/* closed only by the service's cut-off */
	int	cutoff_min;	/* the cut-off applied, minutes */
	time_t	closes;		/* today's closing time; 0 when closed today */
};

/*
 * Whether a ticket of service (an index into cfg->services; -1: the
 * office in general, hours.cutoff) may be issued at now: from the day's
 * opening to its closing less the cut-off (the service's own `cutoff`,
 * else hours.cutoff).  Returns hn->open; hn may be NULL.
 */
int	 hours_is_open(const struct config *, time_t now, int service,
	     struct hours_now *hn);

/* How far hours_next_open() looks: past any run of holidays. */
#define HOURS_SEARCH_DAYS	400

/*
 * The next opening after now: today's opening when now is before it,
 * else the opening of the next open day.  OKNO_OK and *at set, or
 * OKNO_NONE when no day within HOURS_SEARCH_DAYS opens.  Without hours:
 * now itself.
 */
int	 hours_next_open(const struct config *, time_t now, time_t *at);

/*
 * The check before a ticket of service (index) is issued at now:
 * OKNO_OK, or OKNO_ECLOSED with "the office is closed ..." naming the
 * next opening (branch-local date and time) in e.
 */
int	 hours_check_issue(const struct config *, time_t now, int service,
	     struct err *);

/*
 * "HH:MM" of minute min of the day (0..1440) in buf, or "" when min < 0
 * (a closed day's open and close): the one spelling of `okno hours`,
 * check-config and the tests.
 */
void	 hours_fmt_minute(char *buf, size_t size, int min);

/* The local time of minute min (0..1440) of y-m-d. */
time_t	 hours_at(int y, int m, int d, int min);

#endif
