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

#include "catalogue.h"
#include "ctx.h"

enum report_group {
	REPORT_ALL,
	REPORT_SERVICE,
	REPORT_WINDOW,
	REPORT_MANAGER,
	REPORT_HOUR,
	REPORT_CATEGORY	/* the priority category (tickets.category) */
};

/*
 * Bands of a time against its norm N, for the distribution chart: at most
 * N/2, at most N, at most 3N/2, at most 2N, over 2N.  Only values whose
 * norm is known count (normed of them in all).
 */
#define REPORT_NBANDS	5

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
	int64_t	band[REPORT_NBANDS];	/* the normed values by band */
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
 * met in the data (by login); the 24 hours 00-23; every configured
 * priority category (config order), then categories met in the data but
 * no longer configured (by code).  A ticket without a category (ordinary,
 * or priority given without one) has no category row.
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

/*
 * The other sections of a report (report-appeals.c,
 * report-feedback.c, report-inspections.c).  Each reads one
 * snapshot in one or two passes over the period's rows and keeps only
 * counters per row: memory does not grow with the period.  Shares are in
 * tenths of a percent (-1: none), means in hundredths (-1: none), both
 * rounded half away from zero.
 */

/*
 * Appeals registered in [from, to] (their branch-local registration date),
 * by all (key "all"), kind (configured order, then others by code),
 * channel and client_type (SPEC's code order):
 *   closed          answered or closed now (an answer was given, or the
 *                   appeal was closed without one);
 *   closed_on_time  of those, answered (or closed, when never answered)
 *                   on or before the due date in force, branch-local;
 *   open            registered or forwarded now;
 *   overdue         of those, past the due date on the branch's today;
 *   first_contact   resolved at the first contact.
 * closed_on_time_pct is closed_on_time / closed; first_contact_pct is
 * first_contact / registered.
 */
struct report_appeal_row {
	const char	*group;		/* "all", "kind", "channel", ... */
	char		 key[64];
	int64_t		 registered, closed, closed_on_time, open, overdue,
			 first_contact;
	int		 closed_on_time_pct10, first_contact_pct10;
};

struct report_appeals {
	char			 from[11], to[11];
	char			 today[11];	/* "overdue now" is as of it */
	struct report_appeal_row *rows;
	size_t			 nrows;
};

int	 report_appeals(struct ctx *, const char *from, const char *to,
	     struct report_appeals **, struct err *);
void	 report_appeals_free(struct report_appeals *);

/*
 * Client satisfaction: the ratings of the visits finished among the
 * tickets issued in [from, to], by all (key "all"), service (the ticket's
 * final service: configured order, then others) and manager (of the
 * visit's last service segment, as in the queue report; met in the data).
 * Each group has one row per criterion (configured order, then codes met
 * in the data but no longer configured, by code), then the row "csi".
 *   visits, rated_visits  finished visits of the group, and those with at
 *                         least one rating (the same on each row);
 *   ratings, score[k]     the criterion's ratings, and how many scored
 *                         k + 1; on the csi row, those of all configured
 *                         criteria;
 *   avg100                the criterion's mean score;
 *   satisfied_pct10       the share of ratings scored 4 or 5.
 *
 * CSI (the csi row's avg100) is the weighted mean of the criteria's mean
 * scores: sum(w_i * mean_i) / sum(w_i) over the configured criteria with
 * at least one rating in the group, w_i their configured weights.  Means
 * per criterion first, so that a client who answered only some questions
 * counts in those and does not distort the others, and the CSI follows
 * from the table beside it.  Rounded half up to hundredths (weights are
 * decimal fractions; a 1e-9 tolerance absorbs their binary error).
 * Criteria no longer configured have no weight and are not in the CSI.
 */
#define REPORT_CSI	"csi"
struct report_feedback_row {
	const char	*group;		/* "all", "service", "manager" */
	char		 key[64];
	char		 criterion[40];	/* a code, or REPORT_CSI */
	int64_t		 visits, rated_visits, ratings;
	int64_t		 score[5];
	int		 avg100;
	int		 satisfied_pct10;
};

struct report_feedback {
	char			   from[11], to[11];
	struct report_feedback_row *rows;
	size_t			   nrows;
};

int	 report_feedback(struct ctx *, const char *from, const char *to,
	     struct report_feedback **, struct err *);
void	 report_feedback_free(struct report_feedback *);
/* The CSI of n criteria: means in hundredths (-1: no rating), weights. */
int	 report_csi100(const int *avg100, const double *weight, size_t n);

/*
 * Inspections dated in [from, to], by all (key "all"), kind (internal,
 * external, mystery_shopper) and criterion (catalogue order, then codes
 * not in it); compliance_pct is met / (met + not_met).  cat may be NULL
 * (criteria by code).
 */
struct report_inspection_row {
	const char	*group;		/* "all", "kind", "criterion" */
	char		 key[40];
	int64_t		 inspections, results, met, not_met, na;
	int		 compliance_pct10;
};

struct report_inspections {
	char				 from[11], to[11];
	struct report_inspection_row	*rows;
	size_t				 nrows;
};

int	 report_inspections(struct ctx *, const struct catalogue *,
	     const char *from, const char *to, struct report_inspections **,
	     struct err *);
void	 report_inspections_free(struct report_inspections *);

/*
 * Where the day went (report-windows.c): per window (every configured one
 * in configuration order, then others met, by number) and per manager (met,
 * by login), for the days of [from, to]:
 *   open_s          the window open, from its opening to its closing,
 *                   pauses included; a window still open when its day's
 *                   events end counts up to the later of the office's
 *                   closing time and its last event that day (without
 *                   hours, or on a closed day: to midnight), never past
 *                   now;
 *   serving_s       a ticket in service at the window;
 *   paused_s        paused, not serving;
 *   idle_s          open, neither serving nor paused: open_s = serving_s
 *                   + paused_s + idle_s;
 *   idle_waiting_s  of idle_s, the time a ticket of one of the window's
 *                   services waited (SPEC, "Time semantics");
 *   calls           tickets called there (recalls not counted).
 * A manager's time is the windows' sessions they opened (or took over by
 * a pause or resume in their name).  Pauses: per window, manager and
 * reason code, how many began in the period and their paused time, by
 * window, manager, reason.
 */
struct report_window_row {
	const char	*group;		/* "window", "manager" */
	char		 key[64];
	int64_t		 open_s, serving_s, paused_s, idle_s, idle_waiting_s;
	int64_t		 calls;
};

struct report_pause_row {
	int		 window;
	char		 manager[64];	/* "" none */
	char		 reason[64];
	int64_t		 pauses, paused_s;
};

struct report_windows {
	char			 from[11], to[11];
	struct report_window_row *rows;
	size_t			 nrows;
	struct report_pause_row	*pauses;
	size_t			 npauses;
};

int	 report_windows(struct ctx *, const char *from, const char *to,
	     struct report_windows **, struct err *);
void	 report_windows_free(struct report_windows *);
void	 report_windows_text(FILE *, const struct config *,
	     const struct report_windows *);

/*
 * Visits (report-visits.c; SPEC, "Visits"): rows "all" (key "all"),
 * "service" (configuration order, then others met by code) and "manager"
 * (by login) of the finished tickets issued in the period; report-visits.c
 * states the definitions.  Shares in tenths of a percent, -1 when there is
 * nothing to share.
 */
struct report_visit_row {
	const char	*group;		/* "all", "service", "manager" */
	char		 key[64];
	int64_t		 visits, with_account, with_outcome, resolved, repeat;
	int		 resolved_pct10, repeat_pct10;
};

struct report_visits {
	char			 from[11], to[11];
	struct report_visit_row	*rows;
	size_t			 nrows;
};

int	 report_visits(struct ctx *, const char *from, const char *to,
	     struct report_visits **, struct err *);
void	 report_visits_free(struct report_visits *);
void	 report_visits_text(FILE *, const struct config *,
	     const struct report_visits *);

/*
 * Bookings (report-bookings.c; SPEC "Bookings"): rows "all" (key "all"),
 * "service" (the booked service: configuration order, then others met
 * by code) and "source" ("branch", then "hq") of the bookings whose slot
 * starts on a branch-local day of the period; report-bookings.c states
 * the definitions.  The walk-in figures are those of the tickets issued
 * in the period without a booking: on the all and service rows only
 * (walkin < 0 on the source rows, which they have no part in).
 */
struct report_booking_wait {
	int64_t	n;		/* waits covered; 0: the rest is unset */
	int64_t	avg, median, p90;
};

struct report_booking_row {
	const char	*group;		/* "all", "service", "source" */
	char		 key[64];
	int64_t		 bookings, cancelled, missed, arrived, served;
	int64_t		 called, punctual;
	int		 punctual_pct10;
	struct report_booking_wait booked;
	int64_t		 walkin;	/* walk-in tickets; -1: not shown */
	struct report_booking_wait walkin_wait;
};

struct report_bookings {
	char			  from[11], to[11];
	int			  grace;	/* minutes, as counted */
	struct report_booking_row *rows;
	size_t			  nrows;
};

int	 report_bookings(struct ctx *, const char *from, const char *to,
	     struct report_bookings **, struct err *);
void	 report_bookings_free(struct report_bookings *);
void	 report_bookings_text(FILE *, const struct config *,
	     const struct report_bookings *);

/*
 * The plain-text form (report-text.c) of the chosen sections, each left
 * out row-wise where it has nothing, no line over 80 columns, to fp.
 * cat may be NULL (criteria by code, without titles).
 */
#define REPORT_SEC_QUEUE	0x1
#define REPORT_SEC_APPEALS	0x2
#define REPORT_SEC_FEEDBACK	0x4
#define REPORT_SEC_INSPECTIONS	0x8
#define REPORT_SEC_WINDOWS	0x10
#define REPORT_SEC_VISITS	0x20
/* Printed by report_text only when the office takes bookings or the
 * period has some, unless it is the one section asked for. */
#define REPORT_SEC_BOOKINGS	0x40
#define REPORT_SEC_ALL		0x7f
int	 report_text(struct ctx *, const struct catalogue *, const char *from,
	     const char *to, unsigned sections, FILE *, struct err *);
/* The name okno gives the saved report of from..to, as the report
 * screen offers it: report-FROM_TO.txt. */
void	 report_file_name(char *, size_t, const char *from,
	     const char *to);
/*
 * Saves report_text() as a new file named name in dir, the configuration's
 * reports folder (config_reports_dir): a plain name, ".txt" added when
 * missing, never over an existing file nor through a link (-2, -3, ...
 * before the extension when the name is taken; see file_create_new()).
 * *path: the file written, to free(); NULL on an error, when nothing is
 * left behind.
 */
int	 report_save(struct ctx *, const struct catalogue *,
	     const char *from, const char *to, unsigned sections,
	     const char *dir, const char *name, char **path, struct err *);
/* A share in tenths of a percent as "12.5", a mean in hundredths as
 * "4.52"; "" when there is none (< 0). */
void	 report_fmt_pct(char *, size_t, int pct10);
void	 report_fmt_avg(char *, size_t, int avg100);
/* The name of wait band b (translated): "up to half the norm", ... */
const char	*report_band_label(int b);
/* The wait bands of a row as a text chart: a title, a line a band with
 * its count, share and a bar of '#' (40 for the largest). */
void	 report_bands_text(FILE *, const struct report_stat *);
/* Each section's text from its computed figures (what report_text runs);
 * the queue's flags: REPORT_TEXT_BANDS adds the bands chart,
 * REPORT_TEXT_NOTITLE leaves the title to the caller. */
#define REPORT_TEXT_BANDS	0x1
#define REPORT_TEXT_NOTITLE	0x2
void	 report_queue_text(FILE *, const struct config *,
	     const struct report *, int flags);
void	 report_appeals_text(FILE *, const struct config *,
	     const struct report_appeals *);
void	 report_feedback_text(FILE *, const struct config *,
	     const struct report_feedback *);
void	 report_inspections_text(FILE *, const struct catalogue *,
	     const struct report_inspections *);

/* Checks a period: two valid dates, from <= to (OKNO_EINVAL otherwise). */
int	 report_period_check(const char *from, const char *to, struct err *);
/*
 * The last branch-local day up to upto (YYYY-MM-DD; NULL: today, by
 * c->now) on which tickets were issued, as YYYY-MM-DD into day (11 bytes
 * at least): OKNO_OK, or OKNO_NONE when there is none (day is then "").
 * For a report that opens on a period with data.
 */
int	 report_last_day(struct ctx *, const char *upto, char *day,
	     size_t size, struct err *);

/* Arithmetic the report uses, exposed for tests. */
int64_t	 report_rank(int p, int64_t n);		/* ceil(p * n / 100), >= 1 */
int64_t	 report_round_div(int64_t num, int64_t den);	/* half away */
int	 report_pct10(int64_t part, int64_t whole);	/* tenths of %; -1 */

#endif
