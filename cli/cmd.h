/* cmd.h: the command line: one table of commands, shared helpers. */
#ifndef OKNO_CMD_H
#define OKNO_CMD_H

#include "config.h"
#include "db.h"
#include "queue.h"

/* Exit statuses (sysexits.h values, spelled out for scripts' sake). */
#define EXIT_NONE	3	/* ticket call: nothing waits, or a repeat */
#define EXIT_CLOSED	4	/* ticket issue: the office is closed */
#define EXIT_USAGE	64
#define EXIT_DATAERR	65
#define EXIT_NOINPUT	66
#define EXIT_SOFTWARE	70
#define EXIT_IOERR	74
#define EXIT_NOPERM	77
#define EXIT_CONFIG	78

/* What a command needs set up before it runs. */
#define CMD_CONFIG	0x1	/* the configuration */
#define CMD_DB		0x2	/* an existing database (implies CONFIG) */
#define CMD_CREATE	0x4	/* create the database if missing */

struct cmd_env {
	const char	*config_path;	/* as found by config_find() */
	const char	*db_override;	/* -d FILE or $OKNO_DB */
	int		 ui_mode;	/* --window, --kiosk, --hall: ui.h */
	int		 ui_window;	/* --window N */
	struct config	*cfg;
	struct db	*db;
	struct ctx	 ctx;
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* N_() text after "okno NAME " */
	int		 flags;
	int		(*exec)(struct cmd_env *, int argc, char **argv);
};

/* Prints "okno: message" on stderr and returns the exit status for code. */
int	 cmd_error(int code, const char *fmt, ...) OKNO_PRINTF(2, 3);
/*
 * Checks --from and --to of a period: both YYYY-MM-DD, from not after to.
 * Returns 0 with their day numbers in *first and *last (either may be
 * NULL), or, after one message, the exit status (64).
 */
int	 cmd_period(const char *from, const char *to, long *first, long *last);
/*
 * The options of a command over a period, the same letters everywhere:
 * --from DATE, --to DATE and --csv, as entries of a longopts table; a
 * command's getopt loop hands each option to cmd_period_opt first.
 */
#define CMD_PERIOD_OPTIONS \
	{ "from", required_argument, NULL, 'f' }, \
	{ "to", required_argument, NULL, 't' }, \
	{ "csv", no_argument, NULL, 'C' }
struct cmd_period_args {
	const char	*from;		/* NULL when not given */
	const char	*to;
	int		 csv;
};
/* 1 when option ch was one of CMD_PERIOD_OPTIONS (stored in p), else 0. */
int	 cmd_period_opt(int ch, struct cmd_period_args *p);
/* The same for a struct err from the model. */
int	 cmd_err(const struct err *);
int	 cmd_exit_code(int status);
void	 cmd_warn(const char *fmt, ...) OKNO_PRINTF(1, 2);
int	 cmd_usage(const char *name);
struct option;
/*
 * getopt_long for a command's options, whose complaints (an unknown
 * option, a missing argument) read "okno: VERB: ..." like every other
 * message instead of starting with the bare verb.
 */
int	 cmd_getopt(int argc, char **argv, const char *optstring,
	     const struct option *longopts);
/* Set once getopt has complained: cmd_usage() then adds nothing. */
extern int	 cmd_getopt_said;
/* A sub-command (okno appeal add, ...): its handler gets argv from the
 * sub-command's name on. */
struct cmd_verb {
	const char	*name;
	int		(*exec)(struct cmd_env *, int argc, char **argv);
};
/*
 * Runs the sub-command argv[1] of command name from verbs (a table
 * ending with a NULL name); the usage of name when argv[1] is missing
 * or names none of them.
 */
int	 cmd_verb(const char *name, const struct cmd_verb *verbs,
	     struct cmd_env *env, int argc, char **argv);
/* Parses a whole decimal number in [min, max]; -1 on error. */
int	 cmd_number(const char *, long min, long max, long *out);

/*
 * After a queue change: bring the boards up to date with the database.
 * A device failure is a warning on stderr, never a failed command.
 */
void	 cmd_after_change(struct cmd_env *);

int	 cmd_init(struct cmd_env *, int, char **);
int	 cmd_check_config(struct cmd_env *, int, char **);
int	 cmd_ticket(struct cmd_env *, int, char **);
int	 cmd_queue(struct cmd_env *, int, char **);
int	 cmd_windows(struct cmd_env *, int, char **);
int	 cmd_window(struct cmd_env *, int, char **);
int	 cmd_day(struct cmd_env *, int, char **);
int	 cmd_device(struct cmd_env *, int, char **);
int	 cmd_announce(struct cmd_env *, int, char **);
int	 cmd_export(struct cmd_env *, int, char **);
int	 cmd_keygen(struct cmd_env *, int, char **);
int	 cmd_import(struct cmd_env *, int, char **);
int	 cmd_verify(struct cmd_env *, int, char **);
int	 cmd_appeal(struct cmd_env *, int, char **);
int	 cmd_purge(struct cmd_env *, int, char **);
int	 cmd_report(struct cmd_env *, int, char **);
int	 cmd_hours(struct cmd_env *, int, char **);
int	 cmd_inspection(struct cmd_env *, int, char **);
int	 cmd_user(struct cmd_env *, int, char **);
int	 cmd_rate(struct cmd_env *, int, char **);
int	 cmd_demo(struct cmd_env *, int, char **);
int	 cmd_booking(struct cmd_env *, int, char **);
/* Runs the terminal UI on env's office (okno with no command);
 * banner (may be NULL) shows on the login screen. */
int	 cmd_ui(struct cmd_env *, const char *banner);

/*
 * The command line's text in the locale's character set (out.c): in an
 * 8-bit locale (KOI8-R) messages become UTF-8 inside and stderr, and
 * stdout unless utf8_stdout (CSV is UTF-8 whatever the terminal), are
 * converted on the way out; in every locale they pass text_safe(), so
 * that no stored text writes a control byte.  Not for the terminal UI,
 * which converts itself.  Call once, before anything is written.
 */
void	 out_locale(int utf8_stdout);

#endif
