/* db.h: the one wrapper around SQLite (only db.c includes sqlite3.h).
 *
 * Statements are prepared with named parameters (":name") and bound by
 * name.  Bind errors are remembered in the statement and reported by the
 * next db_step(), so call sites need not check every bind.  Errors carry
 * the SQLite code, its message and the SQL text.
 */
#ifndef OKNO_DB_H
#define OKNO_DB_H

#include <stdint.h>

#include "okno.h"

struct db;
struct stmt;

/* db_step() results. */
#define DB_DONE	0
#define DB_ROW	1
#define DB_ERROR (-1)

/*
 * Opens an existing database (create == 0) or creates it (create != 0)
 * with mode 0660, WAL journal, synchronous=FULL, foreign keys and a busy
 * timeout, then applies pending migrations.  A missing file without create
 * is OKNO_ENOENT.
 */
int	 db_open(const char *path, int create, struct db **, struct err *);
/*
 * db_open falls back to reading only when the disk holding an existing
 * database is full or read-only (and its -wal journal is empty), so that
 * the queue, windows and reports still show; every write then fails
 * with OKNO_EIO naming the cause.  Returns that cause ("the disk holding
 * it is full"), or NULL for a normal connection.
 */
const char *db_readonly(const struct db *);
void	 db_close(struct db *);
const char *db_path(const struct db *);

/* Schema version after migrations, and the version this binary knows. */
int	 db_version(struct db *);
int	 db_version_known(void);

/* BEGIN IMMEDIATE: the writer lock is taken at once (busy timeout applies). */
int	 db_begin(struct db *, struct err *);
/* BEGIN (deferred): a consistent read snapshot. */
int	 db_begin_read(struct db *, struct err *);
int	 db_commit(struct db *, struct err *);
void	 db_rollback(struct db *);

/* Runs SQL without parameters (may hold several statements). */
int	 db_exec(struct db *, struct err *, const char *sql);

int	 db_prepare(struct db *, struct stmt **, struct err *, const char *sql);
void	 db_bind_int(struct stmt *, const char *name, int64_t);
void	 db_bind_double(struct stmt *, const char *name, double);
void	 db_bind_text(struct stmt *, const char *name, const char *); /* NULL: SQL NULL */
void	 db_bind_null(struct stmt *, const char *name);
/* v, or SQL NULL when v <= 0: an optional id, window or time, 0 for none. */
void	 db_bind_opt_int(struct stmt *, const char *name, int64_t v);
int	 db_step(struct stmt *, struct err *);	/* DB_ROW, DB_DONE, DB_ERROR */
void	 db_reset(struct stmt *);
void	 db_finalize(struct stmt *);		/* NULL is fine */
/* Steps a statement that returns no rows and finalizes it: OKNO_OK, or
 * OKNO_EDB with e filled. */
int	 db_run(struct stmt *, struct err *);

int	 db_col_count(struct stmt *);
const char *db_col_name(struct stmt *, int);
int	 db_col_null(struct stmt *, int);
int64_t	 db_col_int(struct stmt *, int);
double	 db_col_double(struct stmt *, int);
const char *db_col_text(struct stmt *, int);	/* "" for NULL; valid until next step */

int64_t	 db_last_id(struct db *);
int	 db_changes(struct db *);

/*
 * PRAGMA data_version: changes whenever another connection commits, so a
 * process polls it a few times a second to notice other terminals' work.
 */
int64_t	 db_data_version(struct db *);

/*
 * Copies the whole write-ahead log back into the database and truncates
 * it to zero bytes, so that nothing an earlier transaction wrote is left
 * in the -wal file (the purge's promise).  Must be called outside a
 * transaction.  Waits a few seconds in all for other connections still
 * reading an older snapshot; OKNO_EDB when they did not let go.
 */
int	 db_checkpoint_truncate(struct db *, struct err *);

/* Runs PRAGMA integrity_check; OKNO_OK when it says "ok". */
int	 db_integrity(struct db *, struct err *);

#endif
