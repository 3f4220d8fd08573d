/* inspect.h: quality inspections against the standard's criteria (the
 * catalogue, config.h): an internal audit, an external audit or a mystery
 * shopper records, on a date, a result per criterion; criteria that okno's
 * own data can answer show that evidence beside them.
 *
 * Like the queue, a change is one BEGIN IMMEDIATE transaction; functions
 * take the queue's struct ctx, return an enum okno_status, fill struct err
 * and never print.  Roles: supervisors, auditors and the system (command
 * line) record inspections; managers may not.  Everyone may read them.
 */
#ifndef OKNO_INSPECT_H
#define OKNO_INSPECT_H

#include "catalogue.h"
#include "ctx.h"

/* Documented limits, in characters (okno(1)). */
#define INSPECTION_INSPECTOR_MAX	200
#define INSPECTION_NOTE_MAX		1000
#define INSPECTION_COMMENT_MAX		1000
/* Evidence covers the days [date - EVIDENCE_DAYS, date - 1]. */
#define INSPECTION_EVIDENCE_DAYS	30

/* Each kind is one control mechanism of the catalogue (CONTROL_*). */
enum inspection_kind {
	INSPECTION_INTERNAL,		/* internal_audit */
	INSPECTION_EXTERNAL,		/* external_audit */
	INSPECTION_MYSTERY_SHOPPER	/* mystery_shopper */
};
#define INSPECTION_NKINDS	3

enum inspection_result {
	RESULT_MET,
	RESULT_NOT_MET,
	RESULT_NA		/* not applicable */
};
#define INSPECTION_NRESULTS	3

/* One result as typed; comment may be NULL or "". */
struct inspection_item_new {
	const char		*code;		/* a catalogue code, "U1" */
	enum inspection_result	 result;
	const char		*comment;
};

struct inspection_new {
	const char			*date;		/* YYYY-MM-DD */
	enum inspection_kind		 kind;
	const char			*inspector;	/* required */
	const char			*note;		/* may be NULL */
	const struct inspection_item_new *items;	/* at least one */
	size_t				 nitems;
};

/* A stored result; comment is never NULL ("" when none). */
struct inspection_item {
	char			 code[32];
	enum inspection_result	 result;
	char			*comment;
};

/*
 * A stored inspection.  Strings are never NULL and belong to the struct
 * (inspection_clear).  items is NULL in inspection_list's rows, whose
 * counts are filled all the same.
 */
struct inspection {
	int64_t			 id;
	char			 date[11];
	enum inspection_kind	 kind;
	char			*inspector;
	char			*note;
	char			 recorded_by[64];	/* login; "" system */
	time_t			 created_at;
	struct inspection_item	*items;		/* criterion code order */
	size_t			 nitems;
	int64_t			 met, not_met, na;
};

/*
 * What okno's data says about a criterion with evidence, over the
 * INSPECTION_EVIDENCE_DAYS days before the inspection date ([from, to],
 * branch-local).  Only the figures of the criterion's kind are set.
 */
#define EVIDENCE_MAX_DEVICES	3
struct inspection_evidence {
	enum evidence	kind;
	char		from[11], to[11];
	/* appeals_on_time: appeals whose due date (in force) is in the
	 * window, and of those answered (or closed) by the due date, after
	 * it, and not answered at all. */
	int64_t		due, on_time, late, unanswered;
	int		on_time_pct10;		/* -1 when due == 0 */
	/* norms: the queue report's "all" row for the window. */
	int64_t		waited, wait_normed, wait_within;
	int		wait_pct10;
	int64_t		served, service_normed, service_within;
	int		service_pct10;
	/* feedback: finished visits, those rated, ratings given, and
	 * complaint-book and box entries (appeals by channel) registered. */
	int64_t		visits, rated_visits, ratings, book_entries;
	int		rated_pct10;
	/* systems: tickets issued and appeals registered in the window; the
	 * configured devices and the last event of each up to the end of the
	 * inspection date ("" and 0 when none was recorded). */
	int64_t		tickets, appeals;
	struct {
		char	device[16];	/* printer, board, keypad */
		char	event[32];	/* ok, error, paper_end, ... */
		time_t	at;
	}		devices[EVIDENCE_MAX_DEVICES];
	size_t		ndevices;
};

const char	*inspection_kind_name(enum inspection_kind);
const char	*inspection_kind_label(enum inspection_kind);	/* translated */
int		 inspection_kind_parse(const char *, enum inspection_kind *);
const char	*inspection_result_name(enum inspection_result);
const char	*inspection_result_label(enum inspection_result);
int		 inspection_result_parse(const char *,
		     enum inspection_result *);
/* The catalogue's CONTROL_* bit that the kind stands for. */
unsigned	 inspection_kind_mechanism(enum inspection_kind);

/*
 * Checks an inspection without storing it: the date (valid, not after the
 * branch's today), the inspector, note and comments (UTF-8, no control
 * characters but newlines in note and comments, lengths), at least one
 * result, each criterion in the catalogue once, and checked by this kind
 * of inspection (its mechanisms include the kind).  OKNO_EINVAL with a
 * message that names what is wrong.
 */
int	 inspection_check(struct ctx *, const struct catalogue *,
	     const struct inspection_new *, struct err *);

/* inspection_check, then stores it in one transaction; *id (may be NULL)
 * receives its id.  OKNO_EPERM for a manager. */
int	 inspection_add(struct ctx *, const struct catalogue *,
	     const struct inspection_new *, int64_t *id, struct err *);

/* One inspection with its results; OKNO_ENOENT when there is none. */
int	 inspection_get(struct ctx *, int64_t id, struct inspection *,
	     struct err *);
void	 inspection_clear(struct inspection *);

/*
 * Inspections dated in [from, to] (either may be NULL: open), by date and
 * id, with their counts but no items; free with inspection_list_free.
 */
int	 inspection_list(struct ctx *, const char *from, const char *to,
	     struct inspection **, size_t *n, struct err *);
void	 inspection_list_free(struct inspection *, size_t);

/* The evidence of kind ev for an inspection dated date (see above). */
int	 inspection_evidence(struct ctx *, const char *date, enum evidence ev,
	     struct inspection_evidence *, struct err *);

/*
 * The evidence as one line for people, e.g. "appeals due 12, answered on
 * time 11 (91.7%), late 1, unanswered 0"; translated, always terminated.
 */
void	 inspection_evidence_format(const struct inspection_evidence *,
	     char *buf, size_t size);

#endif
