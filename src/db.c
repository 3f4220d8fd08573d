/* db.c: the only code that talks to SQLite (see db.h for the contract). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "schema.h"

/* How long a writer waits for another process's transaction. */
#define DB_BUSY_MS	15000

struct db {
	sqlite3		*h;
	char		*path;
	int		 version;
	const char	*readonly;	/* why opened read-only; NULL: not */
};

struct stmt {
	struct db	*db;
	sqlite3_stmt	*s;
	int		 bind_rc;	/* first bind failure, SQLITE_OK if none */
	char		 bind_name[32];
};

static int
db_error(struct db *db, struct err *e, int rc, const char *sql)
{
	/* A write refused on a connection opened read-only (db_open's
	 * fallback): the cause is the disk, not the command. */
	if (db->readonly != NULL && ((rc & 0xff) == SQLITE_READONLY ||
	    (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL))
		return err_set(e, OKNO_EIO, _("database %s: %s, so nothing "
		    "can be changed; free some space (or make the file system "
		    "writable) and try again"), db->path, db->readonly);
	return err_set(e, OKNO_EDB, _("database %s: error %d (%s) in: %.200s"),
	    db->path, rc, db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc),
	    sql ? sql : "");
}

const char *
db_readonly(const struct db *db)
{
	return db->readonly;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

/*
 * Creates the file ourselves so it is born 0660 (owner and group only,
 * whatever the umask); SQLite gives its -wal and -shm files the mode of
 * the database file.  An existing file readable by others is tightened.
 */
static int
db_prepare_file(const char *path, int create, struct err *e)
{
	struct stat st;
	int fd;

	if (stat(path, &st) == 0) {
		/* Not what it claims: a folder, a FIFO or a device would hang
		 * or fail obscurely; an empty file is usually a failed restore
		 * or copy, and SQLite would quietly make it a new, empty
		 * office (issue 18). */
		if (!S_ISREG(st.st_mode))
			return err_set(e, OKNO_EIO,
			    _("%s: not a database file (not a regular file)"),
			    path);
		if (st.st_size == 0)
			return err_set(e, OKNO_EDB, create ?
			    _("%s: the database file is empty (0 bytes), "
			    "perhaps a failed restore; to start a new office "
			    "here, remove the file and run `okno init` again") :
			    _("%s: the database file is empty (0 bytes), "
			    "perhaps a failed restore or copy; restore it from "
			    "a backup (or remove it and run `okno init` to "
			    "start a new office)"), path);
		if ((st.st_mode & S_IRWXO) != 0)
			(void)chmod(path, st.st_mode & 0770);
		return OKNO_OK;
	}
	if (errno != ENOENT)
		return err_set(e, OKNO_EIO, "%s: %s", path, strerror(errno));
	if (!create)
		return err_set(e, OKNO_ENOENT,
		    _("%s: no database here (run `okno init` first)"), path);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
	if (fd == -1 && errno != EEXIST)
		return err_set(e, OKNO_EIO, "%s: %s", path, strerror(errno));
	if (fd != -1) {
		(void)fchmod(fd, 0660);
		close(fd);
	}
	return OKNO_OK;
}

static int
db_pragma_int(struct db *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/*
 * Applies migrations newer than user_version, each in one IMMEDIATE
 * transaction that re-reads the version, so two processes starting at once
 * cannot both apply the same step.
 */
static int
db_migrate(struct db *db, struct err *e)
{
	int64_t v;
	int rc;

	for (;;) {
		if ((rc = db_pragma_int(db, "PRAGMA user_version", &v)) != 0)
			return db_error(db, e, rc, "PRAGMA user_version");
		db->version = (int)v;
		if (v >= schema_nmigrations)
			break;
		if (db_begin(db, e) != OKNO_OK)
			return e->code;
		if ((rc = db_pragma_int(db, "PRAGMA user_version", &v)) != 0) {
			db_rollback(db);
			return db_error(db, e, rc, "PRAGMA user_version");
		}
		if (v < schema_nmigrations) {
			char pragma[64];
			int64_t any;

			/* A step that rebuilds a table checks the foreign
			 * keys itself: foreign_key_check answers with a row
			 * per broken reference, none when all hold. */
			if (db_exec(db, e, schema_migrations[v]) != OKNO_OK) {
				db_rollback(db);
				return e->code;
			}
			rc = db_pragma_int(db, "PRAGMA foreign_key_check",
			    &any);
			if (rc != SQLITE_DONE) {
				db_rollback(db);
				if (rc != SQLITE_OK)
					return db_error(db, e, rc,
					    "foreign_key_check");
				return err_set(e, OKNO_EDB, _("database %s: "
				    "schema step %d breaks a reference"),
				    db->path, (int)v + 1);
			}
			snprintf(pragma, sizeof pragma,
			    "PRAGMA user_version = %d", (int)v + 1);
			/* A number we made, not input: the PRAGMA takes no
			 * bound parameters. */
			if (db_exec(db, e, pragma) != OKNO_OK) {
				db_rollback(db);
				return e->code;
			}
		}
		if (db_commit(db, e) != OKNO_OK)
			return e->code;
	}
	if (db->version > schema_nmigrations)
		return err_set(e, OKNO_EDB,
		    _("database %s has schema version %d, newer than this "
		    "okno knows (%d)"), db->path, db->version,
		    schema_nmigrations);
	return OKNO_OK;
}

/*
 * Why the file system holding path cannot take a write, as a message;
 * NULL when it can, as far as statvfs tells.
 */
static const char *
db_fs_full(const char *path)
{
	struct statvfs sv;

	if (statvfs(path, &sv) != 0)
		return NULL;
	if (sv.f_flag & ST_RDONLY)
		return _("the file system holding it is read-only");
	/* Less than a WAL frame and a -shm page is as good as none. */
	if ((unsigned long long)sv.f_bavail * sv.f_frsize < 64 * 1024)
		return _("the disk holding it is full");
	return NULL;
}

/*
 * The fallback when a full disk stops the normal open: the first read of
 * a WAL database must create or grow the -shm index, a write.  When the
 * -wal is missing or empty the database file alone holds every commit,
 * and SQLite can read it as immutable (no -shm, no locks, no writes);
 * every write then fails, with db->readonly as the message.  A -wal
 * with frames cannot be read without an index: no fallback.
 */
static int
db_open_readonly(struct db *db, const char *why, struct err *e)
{
	struct stat st;
	char *wal, *uri;
	int rc;

	wal = xasprintf("%s-wal", db->path);
	rc = stat(wal, &st);
	free(wal);
	if (rc == 0 && st.st_size > 0)
		return err_set(e, OKNO_EIO, _("database %s: %s, and its "
		    "journal holds changes that cannot be read without "
		    "writing; free some space and try again"), db->path, why);
	sqlite3_close(db->h);
	db->h = NULL;
	/* A URI: percent-encode what would end or change the path. */
	uri = xasprintf("file:%s?immutable=1", db->path);
	if (strpbrk(db->path, "?#%") != NULL) {
		free(uri);
		return err_set(e, OKNO_EIO, _("database %s: %s"), db->path,
		    why);
	}
	rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	db->readonly = why;
	if (rc != SQLITE_OK)
		return db_error(db, e, rc, "open");
	sqlite3_extended_result_codes(db->h, 1);
	return db_exec(db, e, "PRAGMA foreign_keys = ON;"
	    "SELECT count(*) FROM sqlite_master;");
}

/* Every read-write connection's settings (see db_open). */
#define DB_PRAGMAS	"PRAGMA journal_mode = WAL;" \
			"PRAGMA synchronous = FULL;" \
			"PRAGMA secure_delete = ON;" \
			"PRAGMA foreign_keys = ON;"

/*
 * A connection opened read-only on a full disk becomes read-write again
 * once the disk has room: tried before every write (db_begin) and when a
 * process polls for changes (db_data_version), so a command that opened
 * just before space was freed, or a terminal left running, does not stay
 * read-only.  Only between statements: an open statement would not
 * survive the handle.  OKNO_OK when read-write now.
 */
static int
db_reopen(struct db *db, struct err *e)
{
	sqlite3 *h = NULL;

	if (db->readonly == NULL)
		return OKNO_OK;
	if (sqlite3_next_stmt(db->h, NULL) != NULL ||
	    !sqlite3_get_autocommit(db->h) || db_fs_full(db->path) != NULL ||
	    sqlite3_open_v2(db->path, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    (sqlite3_busy_timeout(h, DB_BUSY_MS),
	    sqlite3_extended_result_codes(h, 1),
	    sqlite3_exec(h, DB_PRAGMAS, NULL, NULL, NULL)) != SQLITE_OK) {
		sqlite3_close(h);
		return err_set(e, OKNO_EIO, _("database %s: %s, so nothing "
		    "can be changed; free some space (or make the file system "
		    "writable) and try again"), db->path, db->readonly);
	}
	sqlite3_close(db->h);
	db->h = h;
	db->readonly = NULL;
	return OKNO_OK;
}

int
db_open(const char *path, int create, struct db **out, struct err *e)
{
	struct db *db;
	const char *full;
	int rc;

	*out = NULL;
	if (db_prepare_file(path, create, e) != OKNO_OK)
		return e->code;
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		db_error(db, e, rc, "open");
		db_close(db);
		return OKNO_EDB;
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	sqlite3_extended_result_codes(db->h, 1);
	/* secure_delete: whatever a statement deletes or overwrites is
	 * zeroed in its page, and freed pages are zeroed, so the purge of
	 * personal data (appeal-purge.c) leaves nothing in free space.  Set
	 * on every connection: any of them may free a page that once held
	 * personal data. */
	rc = db_exec(db, e, DB_PRAGMAS);
	/* A full disk (or a read-only file system) fails the first read
	 * (the -shm index); reading can still work, see db_open_readonly. */
	if (rc != OKNO_OK && !create &&
	    ((rc = sqlite3_errcode(db->h) & 0xff) == SQLITE_IOERR ||
	    rc == SQLITE_FULL || rc == SQLITE_READONLY ||
	    rc == SQLITE_CANTOPEN) && (full = db_fs_full(path)) != NULL) {
		err_clear(e);
		rc = db_open_readonly(db, full, e);
	}
	/* Migrations run with foreign keys off, as SQLite's way of rebuilding
	 * a table that others refer to requires (a CHECK cannot change in
	 * place); each step runs foreign_key_check before it commits. */
	if (rc != OKNO_OK ||
	    db_exec(db, e, "PRAGMA foreign_keys = OFF;") != OKNO_OK ||
	    db_migrate(db, e) != OKNO_OK ||
	    db_exec(db, e, "PRAGMA foreign_keys = ON;") != OKNO_OK) {
		db_close(db);
		return e->code;
	}
	*out = db;
	return OKNO_OK;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->h != NULL)
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}

int
db_version(struct db *db)
{
	return db->version;
}

int
db_version_known(void)
{
	return schema_nmigrations;
}

int
db_exec(struct db *db, struct err *e, const char *sql)
{
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	if (rc != SQLITE_OK)
		return db_error(db, e, rc, sql);
	return OKNO_OK;
}

int
db_begin(struct db *db, struct err *e)
{
	if (db->readonly != NULL && db_reopen(db, e) != OKNO_OK)
		return e != NULL ? e->code : OKNO_EIO;
	return db_exec(db, e, "BEGIN IMMEDIATE");
}

int
db_begin_read(struct db *db, struct err *e)
{
	return db_exec(db, e, "BEGIN");
}

int
db_commit(struct db *db, struct err *e)
{
	int rc = db_exec(db, e, "COMMIT");

	if (rc != OKNO_OK)
		db_rollback(db);
	return rc;
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		(void)sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int
db_prepare(struct db *db, struct stmt **out, struct err *e, const char *sql)
{
	struct stmt *st;
	int rc;

	*out = NULL;
	st = xcalloc(1, sizeof *st);
	st->db = db;
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st->s, NULL);
	if (rc != SQLITE_OK) {
		free(st);
		return db_error(db, e, rc, sql);
	}
	*out = st;
	return OKNO_OK;
}

static int
db_bind_index(struct stmt *st, const char *name)
{
	int i;

	if (st->bind_rc != SQLITE_OK)
		return 0;
	i = sqlite3_bind_parameter_index(st->s, name);
	if (i == 0) {
		st->bind_rc = SQLITE_RANGE;
		strlcpy_(st->bind_name, name, sizeof st->bind_name);
	}
	return i;
}

static void
db_bind_check(struct stmt *st, const char *name, int rc)
{
	if (rc != SQLITE_OK && st->bind_rc == SQLITE_OK) {
		st->bind_rc = rc;
		strlcpy_(st->bind_name, name, sizeof st->bind_name);
	}
}

void
db_bind_int(struct stmt *st, const char *name, int64_t v)
{
	int i = db_bind_index(st, name);

	if (i > 0)
		db_bind_check(st, name, sqlite3_bind_int64(st->s, i, v));
}

void
db_bind_double(struct stmt *st, const char *name, double v)
{
	int i = db_bind_index(st, name);

	if (i > 0)
		db_bind_check(st, name, sqlite3_bind_double(st->s, i, v));
}

void
db_bind_text(struct stmt *st, const char *name, const char *v)
{
	int i = db_bind_index(st, name);

	if (i > 0)
		db_bind_check(st, name, v == NULL ? sqlite3_bind_null(st->s, i)
		    : sqlite3_bind_text(st->s, i, v, -1, SQLITE_TRANSIENT));
}

void
db_bind_null(struct stmt *st, const char *name)
{
	int i = db_bind_index(st, name);

	if (i > 0)
		db_bind_check(st, name, sqlite3_bind_null(st->s, i));
}

void
db_bind_opt_int(struct stmt *st, const char *name, int64_t v)
{
	if (v > 0)
		db_bind_int(st, name, v);
	else
		db_bind_null(st, name);
}

int
db_step(struct stmt *st, struct err *e)
{
	int rc;

	if (st->bind_rc != SQLITE_OK) {
		err_set(e, OKNO_EDB, _("database: cannot bind %s (error %d) "
		    "in: %.200s"), st->bind_name, st->bind_rc,
		    sqlite3_sql(st->s));
		return DB_ERROR;
	}
	rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	db_error(st->db, e, rc, sqlite3_sql(st->s));
	return DB_ERROR;
}

void
db_reset(struct stmt *st)
{
	sqlite3_reset(st->s);
	sqlite3_clear_bindings(st->s);
	st->bind_rc = SQLITE_OK;
}

void
db_finalize(struct stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_finalize(st->s);
	free(st);
}

int
db_run(struct stmt *st, struct err *e)
{
	int rc = db_step(st, e);

	db_finalize(st);
	return rc == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

int
db_col_count(struct stmt *st)
{
	return sqlite3_column_count(st->s);
}

const char *
db_col_name(struct stmt *st, int i)
{
	return sqlite3_column_name(st->s, i);
}

int
db_col_null(struct stmt *st, int i)
{
	return sqlite3_column_type(st->s, i) == SQLITE_NULL;
}

int64_t
db_col_int(struct stmt *st, int i)
{
	return sqlite3_column_int64(st->s, i);
}

double
db_col_double(struct stmt *st, int i)
{
	return sqlite3_column_double(st->s, i);
}

const char *
db_col_text(struct stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st->s, i);

	return t ? (const char *)t : "";
}

int64_t
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int
db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

int64_t
db_data_version(struct db *db)
{
	int64_t v = -1;

	/* A read-only connection sees no one's changes (immutable): back to
	 * read-write as soon as the disk has room. */
	if (db->readonly != NULL)
		(void)db_reopen(db, NULL);
	(void)db_pragma_int(db, "PRAGMA data_version", &v);
	return v;
}

/* How long db_checkpoint_truncate waits for other connections. */
#define DB_CHECKPOINT_MS	5000

int
db_checkpoint_truncate(struct db *db, struct err *e)
{
	sqlite3_stmt *s;
	int rc, busy = 1;
	int64_t log = -1, done = -1;

	/*
	 * A TRUNCATE checkpoint calls the busy handler until no writer is
	 * busy and every reader has left the log; a reader that keeps an
	 * older snapshot longer than that makes it answer busy.  A UI's
	 * reads are short, so a few seconds are plenty; the usual timeout
	 * is restored after.
	 */
	sqlite3_busy_timeout(db->h, DB_CHECKPOINT_MS);
	rc = sqlite3_prepare_v2(db->h, "PRAGMA wal_checkpoint(TRUNCATE)", -1,
	    &s, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			busy = sqlite3_column_int(s, 0);
			log = sqlite3_column_int64(s, 1);
			done = sqlite3_column_int64(s, 2);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(s);
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
		return db_error(db, e, rc, "PRAGMA wal_checkpoint(TRUNCATE)");
	if (rc == SQLITE_OK && !busy)
		return OKNO_OK;
	return err_set(e, OKNO_EDB, _("database %s: another connection "
	    "kept reading old data, so the journal could not be emptied "
	    "(%lld of %lld pages copied back); run the command again when "
	    "the terminals are idle"), db->path, (long long)done,
	    (long long)log);
}

int
db_integrity(struct db *db, struct err *e)
{
	struct stmt *st;
	int rc, ok = 0;

	if (db_prepare(db, &st, e, "PRAGMA integrity_check") != OKNO_OK)
		return e->code;
	while ((rc = db_step(st, e)) == DB_ROW)
		if (strcmp(db_col_text(st, 0), "ok") == 0)
			ok = 1;
		else {
			err_set(e, OKNO_EDB, _("integrity check: %s"),
			    db_col_text(st, 0));
			ok = 0;
			break;
		}
	db_finalize(st);
	if (rc == DB_ERROR)
		return OKNO_EDB;
	return ok ? OKNO_OK : OKNO_EDB;
}
