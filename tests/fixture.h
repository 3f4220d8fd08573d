/* fixture.h: what the C unit tests set up the same way: fixed times,
 * files in the test folder, a throw-away office (configuration, database,
 * context), one-line SQL, and okno-sim on a pty.
 *
 * Every helper bails out of the test (tap.h) on a failure of its own, so
 * a test's assertions stay about the code under test and a broken setup
 * never passes as a result.  The helpers use the model (src/) only: no
 * curses, no drivers; the simulator is a separate program. */
#ifndef OKNO_FIXTURE_H
#define OKNO_FIXTURE_H

#include <sys/types.h>

#include <limits.h>
#include <time.h>

#include "catalogue.h"
#include "config.h"
#include "ctx.h"
#include "db.h"
#include "okno.h"

/* The smallest valid okno.conf, one setting a line (lines 1-3): branch
 * T-1, service pay (prefix A, norms 15 and 10 min), window 1 serving it.
 * Tests append settings from line 4 on; the lines stand alone too, for
 * tests of a configuration that lacks one of them. */
#define FX_CONF_BRANCH \
	"branch = { code = \"T-1\"; name = \"Test\"; };\n"
#define FX_CONF_SERVICES \
	"services = ( { code = \"pay\"; prefix = \"A\"; name = \"Pay\"; " \
	"wait_norm = 15; service_norm = 10; } );\n"
#define FX_CONF_WINDOWS \
	"windows = ( { number = 1; services = [ \"pay\" ]; } );\n"
#define FX_CONF_MINIMAL	FX_CONF_BRANCH FX_CONF_SERVICES FX_CONF_WINDOWS

/* ISO 8601 time (time_parse_iso) as time_t. */
time_t	 fx_at(const char *iso);
/* Sets TZ to zone for this process and the C library. */
void	 fx_tz(const char *zone);

/* NAME in the test folder (test_tmpdir()); free it. */
char	*fx_path(const char *name);
/* REL in the source tree ($OKNO_SRC, else the current folder); free it. */
char	*fx_src(const char *rel);
/* Writes text to NAME in the test folder; returns its path to free. */
char	*fx_put(const char *name, const char *text);

/*
 * A configuration: text NULL loads the sample (conf/okno.conf of the
 * source tree, its calendars and catalogue); other text is written to
 * okno.conf in the test folder and loaded from there, so relative paths
 * in it name files of the test folder.  config_free() it.
 */
struct config	*fx_config(const char *text);
/* cfg's inspection catalogue; catalogue_free() it. */
struct catalogue *fx_catalogue(const struct config *cfg);

/*
 * The database dbname in the test folder, created and migrated to the
 * schema's version, in c with cfg and who acting; c->now is left alone.
 * fx_db_close closes the database only: cfg stays the caller's.
 */
void	 fx_db_open(struct ctx *c, const struct config *cfg,
	    const char *dbname, const struct actor *who);
void	 fx_db_close(struct ctx *c);
/* One assertion: c's database passes SQLite's integrity check (the end
 * of a test that wrote to it). */
void	 fx_db_intact(struct ctx *c);

/*
 * A throw-away office: fx_config(conf) and fx_db_open() in one.
 * fx_office_close closes the database and frees the configuration, which
 * must be the one fx_office_open loaded.
 */
void	 fx_office_open(struct ctx *c, const char *conf, const char *dbname,
	    const struct actor *who);
void	 fx_office_close(struct ctx *c);

/* How many entries dir has, . and .. aside; -1 when it cannot be read. */
int	 fx_entries(const char *dir);

/* Runs SQL (one or more statements) on db. */
void	 fx_exec(struct db *db, const char *sql);
/* One SQL statement of the test, prepared on db for the caller to bind. */
struct stmt *fx_prepare(struct db *db, const char *sql);
/* Steps st, a statement that returns no rows, and finalizes it. */
void	 fx_run(struct stmt *st);
/*
 * The first column of the first row of one SQL statement as an integer,
 * -1 when there is no row.  p, when not NULL, is bound as text to the
 * statement's :p (which it must have); the SQL itself is always a
 * literal of the test.
 */
long long fx_int(struct db *db, const char *sql, const char *p);

/* A device on port as a configuration gives it: 9600 8N1, no flow
 * control, no code page or address, timeout_ms per read and write. */
void	 fx_device(struct config_device *d, const char *driver,
	    const char *port, int timeout_ms);

/* okno-sim on a pty of its own. */
struct fx_sim {
	pid_t	pid;
	int	in;		/* a pipe to its standard input, or -1 */
	char	link[PATH_MAX];	/* its port */
	char	out[PATH_MAX];	/* what it saw, as text */
};

/* The okno-sim beside this test's build ($OKNO_BUILD, else two folders
 * up from the test program); bails when there is none. */
const char *fx_sim_path(void);
/*
 * Starts okno-sim with its arguments (NULL-ended, the device first), its
 * port NAME and its log NAME.out in the test folder, and waits until the
 * port is there.  typing: keeps a pipe to its standard input in s->in.
 * The simulator runs without LD_PRELOAD (the test's shims are the
 * test's).  Bails when it does not come up.
 */
void	 fx_sim_start(struct fx_sim *s, const char *name, int typing, ...);
/* Stops it (SIGTERM); its exit status, 128 + the signal when killed. */
int	 fx_sim_stop(struct fx_sim *s);

/*
 * Steps st (prepared and bound by the caller) and finalizes it: the text
 * of the first column of its rows joined with sep, in a static buffer
 * that the next call overwrites (a test's event trail, checked whole).
 */
const char *fx_rows(struct stmt *st, const char *sep);

#endif
