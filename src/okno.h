/* okno.h: definitions every module shares: status codes, the error
 * message carrier, gettext macros and small utilities. */
#ifndef OKNO_H
#define OKNO_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>
#include <wchar.h>
#include <libintl.h>

/*
 * Dates reach past 2038 (appeal deadlines, retention, the clock itself)
 * and the database may pass 2 GiB: every module is built with 64-bit
 * time_t and off_t, also on a 32-bit PC (the Makefile's TIME64).
 */
_Static_assert(sizeof(time_t) == 8, "time_t must be 64 bits: build with "
    "-D_TIME_BITS=64 -D_FILE_OFFSET_BITS=64");
_Static_assert(sizeof(off_t) == 8, "off_t must be 64 bits: build with "
    "-D_FILE_OFFSET_BITS=64");

#define _(s)	gettext(s)
#define N_(s)	(s)

#ifndef nitems
#define nitems(a) (sizeof(a) / sizeof((a)[0]))
#endif

#if defined(__GNUC__)
#define OKNO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define OKNO_STRFTIME(f) __attribute__((format(strftime, f, 0)))
#else
#define OKNO_PRINTF(f, a)
#define OKNO_STRFTIME(f)
#endif

/*
 * Status codes returned by model functions.  Zero is success; the command
 * line maps the others to its exit codes (see cmd_exit_code()).
 */
enum okno_status {
	OKNO_OK = 0,
	OKNO_NONE,	/* nothing to act on: no ticket waits, window idle */
	OKNO_EINVAL,	/* bad data from the user: nothing stored */
	OKNO_ENOENT,	/* no such ticket, window, service, appeal */
	OKNO_ESTATE,	/* not allowed in the current state */
	OKNO_EPERM,	/* the role may not do this */
	OKNO_EDB,	/* database error */
	OKNO_ECONFIG,	/* configuration error */
	OKNO_EIO,	/* file or device error */
	OKNO_EUSAGE,	/* command line misuse */
	OKNO_EAGAIN,	/* refused for now, nothing changed: the same
			 * request a little later may succeed (a second
			 * call within QUEUE_CALL_GUARD_S) */
	OKNO_ECLOSED	/* the office is closed (hours.h): outside the
			 * opening hours or inside the ticket cut-off */
};

/*
 * The message that goes with a non-zero status.  Model functions fill it
 * and never print; the caller decides where it goes.
 */
struct err {
	int	code;		/* an enum okno_status */
	char	msg[512];
};

/* Sets e (when not NULL) and returns code, for `return err_set(...)`. */
int	 err_set(struct err *, int code, const char *fmt, ...) OKNO_PRINTF(3, 4);
void	 err_clear(struct err *);

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xasprintf(const char *, ...) OKNO_PRINTF(1, 2);
/* The same on a va_list, which it leaves used; NULL when the format
 * itself fails (vsnprintf < 0). */
char	*xvasprintf(const char *, va_list) OKNO_PRINTF(1, 0);
size_t	 strlcpy_(char *, const char *, size_t);

/*
 * Code tables (see codes.c).  An enum kept as text has a table of names,
 * indexed by its value: the codes stored in the database and typed on the
 * command line, never translated; and often one of labels, N_() strings
 * in the same order, translated when shown.  n is the table's length; a
 * NULL entry ends a table early.  An index out of the table gives "?";
 * a code not in it gives -1.
 */
const char *codes_name(const char *const *names, size_t n, int);
const char *codes_label(const char *const *labels, size_t n, int);
int	 codes_index(const char *const *names, size_t n, const char *);

/*
 * Who acts.  Roles are checked in the model: every function that changes
 * data takes the actor.  ROLE_SYSTEM is the local administrator at the
 * command line (the okno account's shell), trusted with everything.
 */
enum role {
	ROLE_SYSTEM = 0,
	ROLE_MANAGER,
	ROLE_SUPERVISOR,
	ROLE_AUDITOR,
	ROLE_KIOSK	/* the client-facing ticket terminal: ordinary tickets
			 * only; nobody logs in as it (see auth.h) */
};

struct actor {
	const char	*login;		/* NULL for ROLE_SYSTEM */
	enum role	 role;
};

extern const struct actor actor_system;

/*
 * Opens path for reading when it is a regular file, and only then: a
 * FIFO, a device or a folder named where a file is expected would block
 * for ever or read garbage.  NULL with *why set (strerror, or "not a
 * regular file") otherwise.  See util.c.
 */
FILE	*fopen_regular(const char *path, const char **why);

/* Text validation for anything a user types (see util.c). */
int	 utf8_valid(const char *);
size_t	 utf8_len(const char *);		/* characters, not bytes */
/* s padded with blanks to width characters (not bytes, as printf's %*s
 * counts; a translation is UTF-8): negative width left-aligns.  Longer
 * text is left whole.  Returns out. */
char	*utf8_pad(char *out, size_t size, const char *s, int width);
/* Prints a table's heading: fmt holds literal text and %s conversions
 * only (with - and a width), and widths count characters, not bytes, so
 * that translated headings line up with the rows under them. */
void	 table_head(FILE *, const char *fmt, ...) OKNO_PRINTF(2, 3);
/* flags of text_check: a newline and a tab allowed; any character but
 * the controls (configuration, passwords), not only okno(1)'s TEXT. */
#define TEXT_MULTILINE	1
#define TEXT_ANY	2
/* NULL, "" and blanks only are "nothing": an optional field not given. */
int	 text_blank(const char *);
int	 text_check(const char *, size_t maxchars, int flags,
	     const char *field, struct err *);
/* What a terminal in this locale may be sent for a character of stored
 * text, and the same done in place over UTF-8 text (see util.c). */
wchar_t	 text_safe_wc(wchar_t);
size_t	 text_safe(char *, size_t);
void	 text_mask_phone(const char *phone, char *out, size_t size);
/* Prints s in width columns of fp: cut or padded with blanks, one column
 * a character (UTF-8 continuation bytes take none). */
void	 text_put_cell(FILE *, const char *, size_t width);

/*
 * Time.  The process runs in the branch's time zone (config_load sets TZ),
 * so localtime_r gives branch-local time.  Model functions take `now` as
 * an argument; main() reads it from OKNO_NOW or the system clock.
 */
int	 time_parse_iso(const char *, time_t *);
void	 time_format_iso(time_t, char *, size_t);	/* 2026-12-30T10:00:00+03:00 */
void	 time_format_date(time_t, char *, size_t);	/* 2026-12-30, branch-local */
/* strftime(fmt) of t, branch-local; "" when it does not fit. */
void	 time_format_local(time_t, const char *fmt, char *, size_t)
	     OKNO_STRFTIME(2);
int	 date_parse(const char *, int *y, int *m, int *d);
time_t	 date_start(int y, int m, int d);		/* local midnight */
time_t	 date_start_of(time_t);		/* its day's local midnight */

#endif
