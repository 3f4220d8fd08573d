/* appeal.h: the register of client appeals (СУВК): registration,
 * deadlines, status changes and their history, personal-data purge.
 *
 * Like the queue, every change is one BEGIN IMMEDIATE transaction that
 * writes the appeal and one appeal_events row per change: nothing is ever
 * stored half, and registration numbers are allocated under the database's
 * write lock, so concurrent processes get consecutive numbers with no gap
 * and no duplicate.  Functions take the queue's struct ctx (database,
 * configuration, clock, actor), return an enum okno_status and fill
 * struct err; they never print.
 *
 * Roles: managers register and change appeals; supervisors and the system
 * (command line) do everything, the purge included; auditors only read.
 */
#ifndef OKNO_APPEAL_H
#define OKNO_APPEAL_H

#include "ctx.h"

/* Documented field limits, in characters (okno(1)). */
#define APPEAL_NAME_MAX		200
#define APPEAL_ACCOUNT_MAX	32
#define APPEAL_ADDRESS_MAX	300
#define APPEAL_PHONE_MIN	7
#define APPEAL_PHONE_MAX	20
#define APPEAL_TOPIC_MAX	200
#define APPEAL_TEXT_MAX		4000
#define APPEAL_UNIT_MAX		100
#define APPEAL_NOTE_MAX		1000	/* notes and reasons */
#define APPEAL_ANSWER_MAX	4000

/*
 * The one extension 59-FZ art. 12 part 2 allows: "no more than 30 days",
 * calendar days added to the due date in force, moved to the next working
 * day when they end on a day off.  The law fixes it, so it is not a
 * setting.
 */
#define APPEAL_EXTENSION_DAYS	30

/* A registration number: BRANCH-YYYY-NNNNNN. */
#define APPEAL_REG_MAX		96

enum appeal_status {
	APPEAL_REGISTERED,
	APPEAL_FORWARDED,	/* to a back-office unit */
	APPEAL_ANSWERED,
	APPEAL_CLOSED
};
#define APPEAL_NSTATUS	4

/* Which field a validation error is about (the form moves there). */
enum appeal_field {
	APPEAL_F_NONE,
	APPEAL_F_KIND,
	APPEAL_F_CHANNEL,
	APPEAL_F_CLIENT_TYPE,
	APPEAL_F_NAME,
	APPEAL_F_ACCOUNT,
	APPEAL_F_PHONE,
	APPEAL_F_ADDRESS,
	APPEAL_F_TOPIC,
	APPEAL_F_TEXT,
	APPEAL_F_TICKET,
	APPEAL_F_UNIT,
	APPEAL_F_MANAGER,
	APPEAL_F_NOTE,
	APPEAL_F_ANSWER
};

/*
 * A new appeal as typed.  Optional strings may be NULL or "" (nothing).
 * Codes are those of SPEC: channels in_person, written, book, box, phone,
 * post; client types individual, legal, sole_trader, utility; kinds the
 * configured codes.  The topic is free text (the form offers cfg->topics).
 */
struct appeal_new {
	const char	*kind;
	const char	*channel;
	const char	*client_type;
	const char	*name;		/* required */
	const char	*account;	/* must match cfg->account_pattern */
	const char	*phone;		/* digits, + ( ) - and spaces */
	int		 phone_consent;	/* the client agreed to calls */
	const char	*address;
	const char	*topic;		/* required */
	const char	*text;		/* may hold newlines and tabs */
	const char	*ticket;	/* a ticket number of today, or */
	int64_t		 ticket_id;	/* a ticket's id (0: none) */
	int		 first_contact;	/* resolved at once: closed at once */
	const char	*unit;		/* forwarded at once to this unit */
	/* Recorded as the registering manager when the actor is the
	 * system; a manager or supervisor is recorded under their login. */
	const char	*manager;
};

/*
 * An appeal as stored.  Strings are never NULL ("" when absent or purged)
 * and belong to the struct: appeal_clear() frees them.
 */
struct appeal {
	int64_t		 id;
	char		 reg_no[APPEAL_REG_MAX];
	time_t		 registered_at;
	char		 reg_date[11];		/* branch-local YYYY-MM-DD */
	char		 channel[16];
	char		 kind[32];
	char		 client_type[16];
	char		*client_name;
	char		*account;
	char		*address;
	char		*phone;
	int		 phone_consent;
	char		*topic;
	char		*text;
	int64_t		 ticket_id;		/* 0: none */
	char		 ticket[16];		/* its number, "" none */
	char		 manager[64];
	int		 first_contact;
	char		*unit;
	enum appeal_status status;
	char		 due_date[11];		/* in force */
	char		 due_date_orig[11];	/* before the extension */
	char		*due_warning;		/* "" or the calendar warning */
	time_t		 extended_at;		/* 0: not extended */
	char		*extension_reason;
	char		*answer;
	time_t		 answered_at;		/* 0 when not */
	time_t		 closed_at;
	time_t		 purged_at;
	time_t		 updated_at;
	/* Computed against ctx->now in the branch's time zone. */
	int		 overdue;		/* open and past due_date */
	long		 days_left;		/* due_date - today; < 0 late */
};

/* One history row. */
struct appeal_event {
	int64_t	 id;
	time_t	 at;
	char	 event[16];	/* registered, forwarded, answered, closed,
				   reopened, extended, purged */
	char	 old_status[16];	/* "" for the registration */
	char	 status[16];
	char	 manager[64];	/* "" for the system */
	char	*note;		/* never NULL */
};

/* A status change (appeal_update).  Strings may be NULL. */
struct appeal_change {
	enum appeal_status status;
	const char	*note;		/* required when reopening */
	const char	*unit;		/* back-office unit (forwarded) */
	const char	*answer;	/* answer summary (answered, closed) */
};

/* What appeal_list selects and how it sorts. */
enum appeal_sort {
	APPEAL_SORT_REG,		/* registration order */
	APPEAL_SORT_DUE,		/* due date, then registration */
	APPEAL_SORT_STATUS,
	APPEAL_SORT_KIND,
	APPEAL_SORT_CLIENT
};

struct appeal_filter {
	unsigned	 statuses;	/* bit (1 << status); 0: any */
	const char	*kind;		/* NULL: any */
	int		 overdue;	/* only overdue ones */
	int		 due_within;	/* >= 0: open, due within N days
					   (overdue ones included); -1 off */
	const char	*client;	/* in name, account or phone */
	const char	*search;	/* in reg_no, topic, text, answer */
	enum appeal_sort sort;
	int		 descending;
};

const char	*appeal_status_name(enum appeal_status);
/* 0 and *out set, or -1 for an unknown name. */
int		 appeal_status_parse(const char *, enum appeal_status *out);
/* Translated names for screens. */
const char	*appeal_status_label(enum appeal_status);
const char	*appeal_channel_label(const char *code);
const char	*appeal_client_type_label(const char *code);
/*
 * What cfg->account_pattern asks for, in words for the person typing
 * (a regular expression means nothing to him): "10 to 12 digits" for
 * ^[0-9]{10,12}$, "10 digits", "digits"; for a pattern it cannot read,
 * "as the office's account numbers are written".
 */
void		 appeal_account_hint(const struct config *, char *, size_t);
/* The codes, NULL-terminated (for forms and usage messages). */
extern const char *const appeal_channels[];
extern const char *const appeal_client_types[];

/*
 * Checks a new appeal without storing anything: codes, required fields,
 * lengths, UTF-8 and control characters, the account against
 * cfg->account_pattern, the phone's form.  Returns OKNO_OK or OKNO_EINVAL
 * (OKNO_ECONFIG for a pattern that does not compile) with a message that
 * names the field, and *field (when not NULL) says which.  The ticket is
 * checked by appeal_add only (it needs the database).
 */
int	 appeal_check(const struct config *, const struct appeal_new *,
	     enum appeal_field *field, struct err *);

/*
 * Registers an appeal: appeal_check, then in one transaction the next
 * number of the branch and year, the due date from the kind's deadline
 * counted from the registration date (a calendar warning is kept in
 * a->due_warning), the row and its events (registered; then forwarded
 * when unit is given, or closed when first_contact).  out (may be NULL)
 * receives the stored appeal.  OKNO_ENOENT for an unknown ticket.
 */
int	 appeal_add(struct ctx *, const struct appeal_new *, struct appeal *out,
	     enum appeal_field *field, struct err *);

/*
 * Changes the status.  Allowed: registered -> forwarded, answered,
 * closed; forwarded -> answered, closed; answered -> closed; and
 * reopening: answered or closed -> registered or forwarded, which needs a
 * note (the reason).  Anything else is OKNO_ESTATE.  unit and answer, when
 * given, are stored with the change.  OKNO_ENOENT for an unknown reg_no.
 */
int	 appeal_update(struct ctx *, const char *reg_no,
	     const struct appeal_change *, struct appeal *out, struct err *);

/*
 * The checks appeal_update and appeal_extend make before they change
 * anything, on an appeal as read: the actor's role, a purged appeal, the
 * status rule, the one extension.  Screens call them to refuse at once,
 * with the model's message, before asking for a reason or an answer.
 * OKNO_OK, or OKNO_EPERM / OKNO_ESTATE with the message.
 */
int	 appeal_may_change(const struct ctx *, struct err *);
int	 appeal_update_check(const struct ctx *, const struct appeal *,
	     enum appeal_status to, struct err *);
int	 appeal_extend_check(const struct ctx *, const struct appeal *,
	     struct err *);

/*
 * Extends an open (registered or forwarded) appeal's due date once by
 * APPEAL_EXTENSION_DAYS with a reason.  A second extension, or one of an
 * answered or closed appeal, is OKNO_ESTATE.
 */
int	 appeal_extend(struct ctx *, const char *reg_no, const char *reason,
	     struct appeal *out, struct err *);

/* Reads one appeal by its number; OKNO_ENOENT when there is none. */
int	 appeal_get(struct ctx *, const char *reg_no, struct appeal *,
	     struct err *);
/* Its history, oldest first; free with appeal_events_free. */
int	 appeal_history(struct ctx *, int64_t id, struct appeal_event **,
	     size_t *n, struct err *);
void	 appeal_events_free(struct appeal_event *, size_t);

/* The appeals the filter selects, sorted; free with appeal_list_free. */
int	 appeal_list(struct ctx *, const struct appeal_filter *,
	     struct appeal **, size_t *n, struct err *);
void	 appeal_list_free(struct appeal *, size_t);
void	 appeal_clear(struct appeal *);

/* Open appeals past their due date and due today (every staff screen). */
int	 appeal_counts(struct ctx *, int *overdue, int *due_today,
	     struct err *);

/*
 * 152-FZ (appeal-purge.c): in one transaction, anonymises the personal
 * fields (client name, account, address, phone, text, answer) of every
 * appeal closed more than cfg->retention_days ago, destroys the accounts
 * of visits (tickets) closed that long ago and the names, phones and
 * accounts of bookings whose slot and last change are that old (and no
 * longer booked), each only once head office has acknowledged its latest
 * state; records each destruction in pd_destruction_log; then empties
 * the write-ahead log (OKNO_EDB when a reader keeps it: the data are
 * anonymised, the counts set).  Supervisors and the system only.
 */
enum { PD_VISITS, PD_BOOKINGS, PD_APPEALS, PD_NKINDS };
struct appeal_purged {
	int	n[PD_NKINDS];	/* records of each kind destroyed */
};
int	 appeal_purge_all(struct ctx *, struct appeal_purged *, struct err *);
/* The same; *purged (may be NULL) receives the appeals anonymised. */
int	 appeal_purge(struct ctx *, int *purged, struct err *);

#endif
