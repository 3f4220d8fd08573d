/* calendar.h: the Russian production calendar (xmlcalendar.ru format)
 * and appeal deadlines in calendar or working days. */
#ifndef OKNO_CALENDAR_H
#define OKNO_CALENDAR_H

#include <stddef.h>

#include "okno.h"

/*
 * A set of production calendars, one per year.  Dates are civil dates
 * (year, month 1-12, day 1-31) with no time zone: the caller turns "now"
 * into the branch's date first.
 *
 * A year without a calendar file falls back to "Monday to Friday work,
 * Saturday and Sunday off"; every function that consults such a year says
 * so (an out-flag or a warning), because holidays are then unknown.
 */
struct calendar;

/* What a day is, as the production calendar has it. */
enum calendar_day {
	CALENDAR_WORKDAY,	/* an ordinary working day */
	CALENDAR_SHORT,		/* a shortened working day (t="2"); working */
	CALENDAR_DAYOFF		/* a weekend or a holiday (t="1") */
};

/* An empty set: every year is missing.  Never NULL. */
struct calendar	*calendar_new(void);
void		 calendar_free(struct calendar *);

/*
 * Adds one xmlcalendar file.  Errors (OKNO_EIO for an unreadable file,
 * OKNO_ECONFIG for a bad one) carry "FILE:LINE: message" (just "FILE:
 * message" when there is no line); a year loaded twice is OKNO_ESTATE.  On
 * error the set is unchanged.
 */
int	 calendar_add_file(struct calendar *, const char *path, struct err *);
/* The same from memory; name is used in messages and as the year's source. */
int	 calendar_add_buffer(struct calendar *, const char *name,
	     const void *data, size_t size, struct err *);

/* calendar_new plus calendar_add_file for each path; *out NULL on error. */
int	 calendar_load(struct calendar **out, char *const *paths, size_t n,
	     struct err *);

/* Years loaded, in ascending order: index 0 .. calendar_nyears()-1. */
size_t	 calendar_nyears(const struct calendar *);
int	 calendar_year_at(const struct calendar *, size_t i,
	     const char **source);
int	 calendar_has_year(const struct calendar *, int year);

/*
 * The kind of day y-m-d.  *missing (when not NULL) is set to 1 if the
 * year has no calendar (weekdays only), else 0.  cal may be NULL.
 * An invalid date is reported as a day off.
 */
enum calendar_day calendar_day(const struct calendar *, int y, int m, int d,
	     int *missing);
/* What the calendar file lists for a day, if anything. */
enum calendar_mark {
	CALENDAR_MARK_NONE,	/* not listed (or no calendar for the year) */
	CALENDAR_MARK_OFF,	/* t="1": a day off whatever its weekday */
	CALENDAR_MARK_SHORT,	/* t="2": a shortened working day */
	CALENDAR_MARK_WORKING	/* t="3": a working day (a weekend made one) */
};
/* The listing of y-m-d; *missing as for calendar_day().  cal may be NULL. */
enum calendar_mark calendar_mark(const struct calendar *, int y, int m,
	     int d, int *missing);
/*
 * The day off that a working weekend day y-m-d gave its rest to: a day
 * of the same year listed t="1" with f naming y-m-d.  1 and *rm, *rd set
 * when there is one, else 0.
 */
int	 calendar_replaces(const struct calendar *, int y, int m, int d,
	     int *rm, int *rd);
/* 1 for a working day (shortened ones included), else 0. */
int	 calendar_is_working(const struct calendar *, int y, int m, int d,
	     int *missing);

/* How a deadline counts its days. */
enum calendar_days { CALENDAR_DAYS_CALENDAR, CALENDAR_DAYS_WORKING };

/*
 * The due date of something registered on y-m-d with a deadline of ndays
 * (>= 0) calendar or working days, counting from the day after
 * registration (SPEC):
 *   CALENDAR_DAYS_CALENDAR: y-m-d + ndays, moved forward to the next working
 *     day when that is a day off;
 *   CALENDAR_DAYS_WORKING: the ndays-th working day after y-m-d (ndays 0:
 *     y-m-d itself, moved forward like a calendar deadline).
 * When a year the count touches has no calendar, warning (when not NULL
 * and wsize > 0) receives a message such as "no production calendar for
 * 2028: weekends only" and the date is still computed; otherwise warning
 * is set to "".  Returns OKNO_OK, or OKNO_EINVAL for a bad date or ndays,
 * or when no working day comes before 9999-12-31.
 */
int	 calendar_due(const struct calendar *, int y, int m, int d, int ndays,
	     enum calendar_days, int *dy, int *dm, int *dd, char *warning,
	     size_t wsize);

/* Civil date arithmetic (proleptic Gregorian, no time zone). */
/* Days since 1970-01-01. */
long	 calendar_day_number(int y, int m, int d);
void	 calendar_from_day_number(long, int *y, int *m, int *d);
int	 calendar_weekday(int y, int m, int d);		/* 0 Sunday .. 6 */
int	 calendar_valid_date(int y, int m, int d);

#endif
