/* export.c: the nightly export batch for head office (see export.h).
 *
 * What goes into a batch.  Every exported table gets two triggers that
 * write (table, row id) into export_log on each insert and update, with a
 * fresh seq from an AUTOINCREMENT counter: the log holds each changed row
 * once, under the seq of its latest change.  SQLite has one writer at a
 * time, so seq order is commit order, whatever the clocks say.  A batch
 * reads, in one snapshot, every row whose log seq is above the until_seq
 * of the newest acknowledged batch, and records the highest seq it saw as
 * its own until_seq.  Acknowledging it deletes the log entries up to there.
 * So:
 *  - rows changed in the same second as an export, or with a clock that
 *    went back (a PC that lost power, OKNO_NOW in tests), are never missed:
 *    the mark is a counter, not a time;
 *  - a row changed after a batch's snapshot gets a higher seq and comes in
 *    the next batch even if it was in this one;
 *  - until a batch is acknowledged the next one starts where it started,
 *    so it holds the same rows again (and newer ones);
 *  - acknowledging a newer batch covers the older ones; acknowledging an
 *    older one after a newer one changes nothing.
 * The triggers are installed by the first export that finds them missing
 * (a new table, a rebuilt one); that export marks all the table's rows,
 * because changes from before the triggers cannot be known.  Deleted rows
 * are not sent: the model never deletes exported rows (personal data is
 * destroyed by overwriting it, which is an update and is sent).
 *
 * How a batch is written.  In DIR/.tmp-BRANCH-PID (0750, files 0640, flock
 * held so that a later export can tell a dead one's leftovers from a live
 * one's), every file fsynced, then MANIFEST.sha256 from the files read
 * back, the folder fsynced, then, holding the database's write lock, the
 * batch is recorded, the folder renamed to its name and DIR fsynced, and
 * the record committed.  A failure or a kill before the rename leaves no
 * batch and records nothing; a kill between the rename and the commit
 * leaves a whole batch that the database does not know, which is never
 * acknowledged and whose rows come again the next night.
 *
 * Nothing is written over anything, nor through a link, whatever sits in
 * DIR: the work folder is opened O_NOFOLLOW, its files are created
 * O_EXCL | O_NOFOLLOW, and the rename into place is RENAME_NOREPLACE (a
 * folder already at the name, even an empty one, refuses the batch).  DIR
 * itself is the operator's (the command line is not a boundary, SECURITY.md)
 * and may be a link to where batches should go.
 *
 * Text cells are guarded against formulas by csv_text (csv.h), as every
 * CSV okno writes; reversibly: the loader removes one leading ' exactly
 * when the next character is ', =, +, -, @, tab or CR.
 */
#define _GNU_SOURCE	/* renameat2, RENAME_NOREPLACE */

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * SHA-256 from nettle: libnettle is on every Debian system already (apt
 * needs it through GnuTLS), its API is three calls, and it is far smaller
 * than OpenSSL's libcrypto.  Hashing is not something to hand-write.
 */
#include <nettle/sha2.h>

#include "batchkey.h"
#include "csv.h"
#include "export.h"
#include "file.h"

#define EXPORT_MANIFEST	"MANIFEST.sha256"
#define EXPORT_SIG	"MANIFEST.sig"
#define EXPORT_HEADER	"BATCH"
#define EXPORT_TMP	".tmp-"

/*
 * The triggers that feed export_log for table t.  Delete-then-insert
 * rather than INSERT OR REPLACE: a trigger's conflict clause is overridden
 * by the outer statement's (an INSERT OR IGNORE into the table would then
 * keep the old seq, and an acknowledgement could drop a newer change).
 * The last two statements mark every existing row.
 */
#define EXPORT_TRACK(t) \
	"DROP TRIGGER IF EXISTS export_" t "_ins;" \
	"DROP TRIGGER IF EXISTS export_" t "_upd;" \
	"CREATE TRIGGER export_" t "_ins AFTER INSERT ON " t " BEGIN" \
	" DELETE FROM export_log WHERE tbl = '" t "' AND row_id = NEW.id;" \
	" INSERT INTO export_log (tbl, row_id) VALUES ('" t "', NEW.id);" \
	" END;" \
	"CREATE TRIGGER export_" t "_upd AFTER UPDATE ON " t " BEGIN" \
	" DELETE FROM export_log WHERE tbl = '" t "' AND row_id = NEW.id;" \
	" INSERT INTO export_log (tbl, row_id) VALUES ('" t "', NEW.id);" \
	" END;" \
	"DELETE FROM export_log WHERE tbl = '" t "';" \
	"INSERT INTO export_log (tbl, row_id) SELECT '" t "', id FROM " t \
	" ORDER BY id;"

/* The rows of table t changed since :since, in id order. */
#define EXPORT_CHANGED(t) \
	" FROM " t " WHERE id IN (SELECT row_id FROM export_log" \
	" WHERE tbl = '" t "' AND seq > :since) ORDER BY id"

/*
 * The exported tables.  A table joins the batch with one entry: its file,
 * the CSV header (branch first, then the selected columns), the column
 * kinds (i integer, s text, T Unix time written as ISO 8601 with offset),
 * the SELECT and the triggers.  An entry without a table is a file whose
 * table this database does not have yet: its CSV is the header alone, so
 * head office always receives the same set of files.  So is a table that
 * a database has not migrated to yet.
 */
struct export_table {
	const char	*file;
	const char	*header;
	const char	*table;		/* NULL: not in the schema yet */
	const char	*kinds;
	const char	*select;
	const char	*track;
};

static const struct export_table export_tables[] = {
	/* Visits (visit.c): the account (personal data, empty once
	 * purged), the category, the outcome codes joined by ';' and
	 * resolved (1, 0, empty: not said).  Head office (issue 20): the
	 * wait and service seconds the branch's report counts (report.c
	 * reads the same columns: the sums of the closed segments, SPEC
	 * "Time semantics"), the window and manager of the last service
	 * segment, empty for a ticket never called (which the wait
	 * statistics leave out), and the close time. */
	{ "tickets.csv",
	  "branch,id,number,service,priority,issued_at,status,"
	  "account,category,outcomes,resolved,"
	  "wait_s,service_s,window,manager,closed_at",
	  "tickets", "issiTsssssiiisT",
	  "SELECT id, number, service, priority, issued_at, status,"
	  " account, category, outcomes, CASE resolved WHEN 1 THEN '1' WHEN 0 THEN '0' END,"
	  " wait_s, service_s, CASE WHEN calls > 0 THEN window END,"
	  " CASE WHEN calls > 0 THEN manager END, closed_at"
	  EXPORT_CHANGED("tickets"),
	  EXPORT_TRACK("tickets") },
	{ "ticket_events.csv",
	  "branch,id,ticket_id,at,event,window,manager,service",
	  "ticket_events", "iiTsiss",
	  "SELECT id, ticket_id, at, event, window, manager, service"
	  EXPORT_CHANGED("ticket_events"),
	  EXPORT_TRACK("ticket_events") },
	{ "ratings.csv",
	  "branch,id,ticket_id,criterion,score,at,manager",
	  "ratings", "iisiTs",
	  "SELECT id, ticket_id, criterion, score, at, manager"
	  EXPORT_CHANGED("ratings"),
	  EXPORT_TRACK("ratings") },
	/* The appeals register (appeal.c).  Purged personal fields are
	 * NULL: empty cells. */
	{ "appeals.csv",
	  "branch,id,reg_no,registered_at,channel,kind,client_type,"
	  "client_name,account,phone,topic,text,ticket_id,manager,"
	  "first_contact,status,due_date,closed_at",
	  "appeals", "isTssssssssisissT",
	  "SELECT id, reg_no, registered_at, channel, kind, client_type,"
	  " client_name, account, phone, topic, text, ticket_id, manager,"
	  " first_contact, status, due_date, closed_at"
	  EXPORT_CHANGED("appeals"),
	  EXPORT_TRACK("appeals") },
	{ "appeal_events.csv",
	  "branch,id,appeal_id,at,event,status,manager,note",
	  "appeal_events", "iiTssss",
	  "SELECT id, appeal_id, at, event, status, manager, note"
	  EXPORT_CHANGED("appeal_events"),
	  EXPORT_TRACK("appeal_events") },
	/* Quality inspections (inspect.c): one row per result, with its
	 * inspection's fields; id is the result's.  Inspections are not
	 * changed once recorded, so tracking the results is enough. */
	{ "inspections.csv",
	  "branch,id,inspection_id,date,kind,inspector,criterion,result,"
	  "comment,note,recorded_by,recorded_at",
	  "inspection_results", "iissssssssT",
	  "SELECT r.id, r.inspection_id, i.date, i.kind, i.inspector,"
	  " r.criterion, r.result, r.comment, i.note, i.recorded_by,"
	  " i.created_at FROM inspection_results r JOIN inspections i"
	  " ON i.id = r.inspection_id WHERE r.id IN (SELECT row_id FROM"
	  " export_log WHERE tbl = 'inspection_results' AND seq > :since)"
	  " ORDER BY r.id",
	  EXPORT_TRACK("inspection_results") },
	/* Window sessions (queue.c): opened, paused with its reason code,
	 * resumed, closed.  The pause's note stays at the branch. */
	{ "window_events.csv",
	  "branch,id,window,at,event,manager,reason",
	  "window_events", "iiTsss",
	  "SELECT id, window, at, event, manager, reason"
	  EXPORT_CHANGED("window_events"),
	  EXPORT_TRACK("window_events") },
	/* Bookings (booking.c; SPEC "Bookings"): at is the slot's start;
	 * hq_id is empty for a booking made at the branch; name, phone
	 * and account are personal data, empty once purged
	 * (appeal-purge.c), whose update comes here too.  changed_at lets
	 * head office keep the newer of its own state and the branch's. */
	{ "bookings.csv",
	  "branch,id,code,hq_id,service,at,status,name,phone,account,"
	  "ticket_id,created_at,arrived_at,changed_at",
	  "bookings", "isssTssssiTTT",
	  "SELECT id, code, hq_id, service, slot_at, status, name, phone,"
	  " account, ticket_id, created_at, arrived_at, changed_at"
	  EXPORT_CHANGED("bookings"),
	  EXPORT_TRACK("bookings") },
};

/* One row of SQL that returns one integer. */
static int
x_int(struct db *db, const char *sql, const char *name, const char *text,
    int64_t *out, struct err *e)
{
	struct stmt *st;
	int rc;

	if (db_prepare(db, &st, e, sql) != OKNO_OK)
		return e->code;
	if (name != NULL)
		db_bind_text(st, name, text);
	rc = db_step(st, e);
	*out = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return rc == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

static int
x_table_exists(struct db *db, const char *table, int *yes, struct err *e)
{
	int64_t n;

	if (x_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	    " AND name = :t", ":t", table, &n, e) != OKNO_OK)
		return e->code;
	*yes = n > 0;
	return OKNO_OK;
}

/* Both triggers of a table present? */
static int
x_tracked(struct db *db, const char *table, int *yes, struct err *e)
{
	int64_t n;

	if (x_int(db, "SELECT count(*) FROM sqlite_master WHERE type ="
	    " 'trigger' AND tbl_name = :t AND name IN ('export_' || :t ||"
	    " '_ins', 'export_' || :t || '_upd')", ":t", table, &n, e) !=
	    OKNO_OK)
		return e->code;
	*yes = n == 2;
	return OKNO_OK;
}

/*
 * Installs the triggers of every existing table that lacks them, in one
 * write transaction (taken only when something is missing, so a nightly
 * export does not wait for the queue's writers for nothing).
 */
static int
x_track_all(struct db *db, struct err *e)
{
	const struct export_table *t;
	int exists, tracked, missing = 0, pass;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			if (!missing)
				return OKNO_OK;
			if (db_begin(db, e) != OKNO_OK)
				return e->code;
		}
		for (t = export_tables; t < export_tables +
		    nitems(export_tables); t++) {
			if (t->table == NULL)
				continue;
			exists = tracked = 0;
			if (x_table_exists(db, t->table, &exists, e) != OKNO_OK)
				goto fail;
			if (exists && x_tracked(db, t->table, &tracked, e) !=
			    OKNO_OK)
				goto fail;
			if (!exists || tracked)
				continue;
			missing = 1;
			/* Checked again under the lock: another export may
			 * have installed them meanwhile. */
			if (pass == 1 && db_exec(db, e, t->track) != OKNO_OK)
				goto fail;
		}
	}
	return db_commit(db, e);
fail:
	if (pass == 1)
		db_rollback(db);
	return e->code;
}

/* A branch code becomes part of a file name: keep it tame. */
static int
x_branch_ok(const char *s)
{
	if (s == NULL || *s == '\0' || *s == '.' || strlen(s) > 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		    *s == '.'))
			return 0;
	return 1;
}

/* OKNO_EIO naming dir/file (or dir alone) and the system's reason. */
static int
x_errno(struct err *e, const char *dir, const char *file, int errnum)
{
	if (file == NULL)
		return err_set(e, OKNO_EIO, "%s: %s", dir, strerror(errnum));
	return err_set(e, OKNO_EIO, "%s/%s: %s", dir, file, strerror(errnum));
}

/*
 * Empties and removes folder name under dirfd: only files, as a batch
 * holds.  Best effort: it runs on failure paths and for leftovers.
 */
static void
x_remove_dir(int dirfd, const char *name)
{
	struct stat sb;
	struct dirent *de;
	DIR *d;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1) {
		/* A link put in our work folder's place goes, not what it
		 * points at. */
		if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(sb.st_mode))
			(void)unlinkat(dirfd, name, 0);
		return;
	}
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			(void)unlinkat(fd, de->d_name, 0);
	closedir(d);
	(void)unlinkat(dirfd, name, AT_REMOVEDIR);
}

/*
 * Removes the work folders of exports that died (SIGKILL, power loss).  A
 * live export holds a lock on its folder; one whose lock we get is dead.
 * The folder must still be the one at that name once locked (a live
 * export renames it into a batch just before it unlocks).
 */
static void
x_clean_stale(int dirfd)
{
	struct dirent *de;
	struct stat a, b;
	DIR *d;
	int fd, lfd;

	if ((fd = dup(dirfd)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, EXPORT_TMP, strlen(EXPORT_TMP)) != 0)
			continue;
		lfd = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (lfd == -1)
			continue;
		if (flock(lfd, LOCK_EX | LOCK_NB) == 0 &&
		    fstat(lfd, &a) == 0 &&
		    fstatat(dirfd, de->d_name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			x_remove_dir(dirfd, de->d_name);
		close(lfd);
	}
	closedir(d);
}

/*
 * Writes one table's rows changed after since into f.  The caller holds
 * the read snapshot.
 */
static int
x_write_table(struct ctx *c, const struct export_table *t, int64_t since,
    struct csv *out, const char *tmp, long long *rows, struct err *e)
{
	struct stmt *st;
	char ts[40];
	int exists = 0, rc, ncol;

	csv_header(out, t->header);
	if (out->error)
		return x_errno(e, tmp, t->file, errno);
	if (t->table == NULL)
		return OKNO_OK;
	if (x_table_exists(c->db, t->table, &exists, e) != OKNO_OK)
		return e->code;
	if (!exists)
		return OKNO_OK;
	if (db_prepare(c->db, &st, e, t->select) != OKNO_OK)
		return e->code;
	ncol = db_col_count(st);
	if ((size_t)ncol != strlen(t->kinds)) {
		db_finalize(st);
		return err_set(e, OKNO_EDB, _("export %s: %d columns, %zu "
		    "kinds"), t->file, ncol, strlen(t->kinds));
	}
	db_bind_int(st, ":since", since);
	while ((rc = db_step(st, e)) == DB_ROW) {
		csv_text(out, c->cfg->branch_code);
		for (int i = 0; i < ncol; i++) {
			if (db_col_null(st, i)) {
				csv_text(out, NULL);
				continue;
			}
			switch (t->kinds[i]) {
			case 'i':
				csv_int(out, (long long)db_col_int(st, i));
				break;
			case 'T':
				time_format_iso((time_t)db_col_int(st, i), ts,
				    sizeof ts);
				csv_text(out, ts);
				break;
			default:
				csv_text(out, db_col_text(st, i));
				break;
			}
		}
		csv_end(out);
		(*rows)++;
		if (out->error) {
			/* errno is still the failed write's (ENOSPC, EFBIG). */
			x_errno(e, tmp, t->file, errno);
			db_finalize(st);
			return OKNO_EIO;
		}
	}
	db_finalize(st);
	return rc == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

/* Creates file in the work folder, 0640 whatever the umask. */
static FILE *
x_create(int dirfd, const char *file)
{
	return file_create_at(dirfd, file, 0640);
}

/* Flushes, fsyncs and closes f; -1 with errno on any failure. */
static int
x_close(FILE *f)
{
	int save = 0;

	errno = 0;
	if (fflush(f) != 0 || ferror(f))
		save = errno ? errno : EIO;
	if (!save && fsync(fileno(f)) == -1)
		save = errno;
	if (fclose(f) != 0 && !save)
		save = errno;
	if (save) {
		errno = save;
		return -1;
	}
	return 0;
}

/* The SHA-256 of file, as 64 hex digits, from the bytes on disk. */
static int
x_sha256(int dirfd, const char *file, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx h;
	uint8_t buf[65536], md[SHA256_DIGEST_SIZE];
	ssize_t n;
	int fd;

	if ((fd = openat(dirfd, file, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	sha256_init(&h);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		sha256_update(&h, (size_t)n, buf);
	if (n == -1) {
		int save = errno;

		close(fd);
		errno = save;
		return -1;
	}
	close(fd);
	sha256_digest(&h, sizeof md, md);
	for (size_t i = 0; i < sizeof md; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xf];
	}
	hex[64] = '\0';
	return 0;
}

/*
 * Test hook: OKNO_EXPORT_PAUSE=SECONDS sleeps after the first file is
 * written, so that a test can kill an export in the middle.
 */
static void
x_pause(void)
{
	const char *s = getenv("OKNO_EXPORT_PAUSE");
	long n;

	if (s != NULL && (n = strtol(s, NULL, 10)) > 0)
		sleep((unsigned)(n > 3600 ? 3600 : n));
}

/* The SHA-256 of each CSV file, in export_tables order. */
struct export_sums {
	char		hex[nitems(export_tables)][65];
	long long	rows[nitems(export_tables)];
};

/*
 * Writes the CSV files into the work folder and keeps their SHA-256 (read
 * back from disk) for the manifest, which x_publish writes once the
 * batch has its name.
 */
static int
x_write_files(struct ctx *c, int tmpfd, const char *tmp, int64_t since,
    long long *rows, int *files, struct export_sums *sums, struct err *e)
{
	const struct export_table *t;
	struct csv out;
	FILE *f;
	int rc;

	for (t = export_tables; t < export_tables + nitems(export_tables);
	    t++) {
		if ((f = x_create(tmpfd, t->file)) == NULL)
			return x_errno(e, tmp, t->file, errno);
		csv_begin(&out, f, CSV_CRLF);
		sums->rows[t - export_tables] = *rows;
		rc = x_write_table(c, t, since, &out, tmp, rows, e);
		if (rc != OKNO_OK) {
			fclose(f);
			return rc;
		}
		sums->rows[t - export_tables] = *rows -
		    sums->rows[t - export_tables];
		if (x_close(f) == -1)
			return x_errno(e, tmp, t->file, errno);
		(*files)++;
		if (t == export_tables)
			x_pause();
	}
	for (t = export_tables; t < export_tables + nitems(export_tables);
	    t++)
		if (x_sha256(tmpfd, t->file, sums->hex[t - export_tables]) ==
		    -1)
			return x_errno(e, tmp, t->file, errno);
	return OKNO_OK;
}

/* The snapshot: rows since the newest acknowledged batch, into files. */
static int
x_snapshot(struct ctx *c, int tmpfd, const char *tmp, int64_t *since,
    int64_t *until, long long *rows, int *files, struct export_sums *sums,
    struct err *e)
{
	int rc;

	if (db_begin_read(c->db, e) != OKNO_OK)
		return e->code;
	if (x_int(c->db, "SELECT coalesce(max(until_seq), 0) FROM"
	    " export_batches WHERE acked_at IS NOT NULL", NULL, NULL, since,
	    e) != OKNO_OK ||
	    x_int(c->db, "SELECT coalesce(max(seq), 0) FROM export_log",
	    NULL, NULL, until, e) != OKNO_OK) {
		db_rollback(c->db);
		return e->code;
	}
	if (*until < *since)
		*until = *since;
	rc = x_write_files(c, tmpfd, tmp, *since, rows, files, sums, e);
	/* A read transaction: ending it changes nothing either way. */
	db_rollback(c->db);
	return rc;
}

/*
 * Renames the work folder tmp to name in dirfd, never over anything:
 * rename(2) would replace an empty folder of that name silently.  A
 * filesystem without RENAME_NOREPLACE (EINVAL) gets a check and a plain
 * rename, which can only ever replace an empty folder made in between.
 * -1 with errno (EEXIST: the name is taken).
 */
static int
x_rename_new(int dirfd, const char *tmp, const char *name)
{
	struct stat sb;

	if (renameat2(dirfd, tmp, dirfd, name, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		errno = EEXIST;
		return -1;
	}
	return renameat(dirfd, tmp, dirfd, name);
}

/*
 * The branch's time zone as a zone name: the configured one, else the
 * process's TZ, else the system's.  A TZ that is a file (":/etc/localtime",
 * "/usr/share/zoneinfo/Europe/Moscow") and /etc/localtime name the zone
 * by the zoneinfo path they are or link to.  "" when none is known: head
 * office then keeps what it knew.
 */
static void
x_zone(const struct config *cfg, char *buf, size_t size)
{
	const char *tz = cfg->timezone, *p;
	char link[PATH_MAX];
	ssize_t n;

	buf[0] = '\0';
	if (tz == NULL && (tz = getenv("TZ")) != NULL && *tz == ':')
		tz++;
	if (tz != NULL && *tz != '\0' && *tz != '/') {
		strlcpy_(buf, tz, size);
		return;
	}
	if (tz == NULL || *tz == '\0')
		tz = "/etc/localtime";
	if ((n = readlink(tz, link, sizeof link - 1)) > 0)
		link[n] = '\0';
	else
		strlcpy_(link, tz, sizeof link);
	if ((p = strstr(link, "zoneinfo/")) != NULL)
		strlcpy_(buf, p + strlen("zoneinfo/"), size);
}

/*
 * BATCH's lines for head office's reports (issue 20): "timezone,ZONE"
 * (the branch's local dates), "norm,SERVICE,WAIT_S,SERVICE_S" for each
 * configured service (what "within the norm" means there) and
 * "criterion,CODE,WEIGHT" for each rating criterion (the CSI's weights),
 * as the branch's own report uses them.  Through the CSV writer, so a
 * code is quoted and guarded like any cell.
 */
static void
x_header_office(struct ctx *c, FILE *f)
{
	const struct config *cfg = c->cfg;
	struct csv out;
	char zone[256], w[64];

	csv_begin(&out, f, CSV_CRLF);
	x_zone(cfg, zone, sizeof zone);
	csv_text(&out, "timezone");
	csv_text(&out, zone);
	csv_text(&out, NULL);
	csv_text(&out, NULL);
	csv_end(&out);
	for (size_t i = 0; i < cfg->nservices; i++) {
		csv_text(&out, "norm");
		csv_text(&out, cfg->services[i].code);
		csv_int(&out, (long long)cfg->services[i].wait_norm * 60);
		csv_int(&out, (long long)cfg->services[i].service_norm * 60);
		csv_end(&out);
	}
	for (size_t i = 0; i < cfg->ncriteria; i++) {
		snprintf(w, sizeof w, "%.17g", cfg->criteria[i].weight);
		csv_text(&out, "criterion");
		csv_text(&out, cfg->criteria[i].code);
		csv_num(&out, w);
		csv_text(&out, NULL);
		csv_end(&out);
	}
}

/*
 * Writes BATCH, the batch's header: a CSV of four columns (key and up to
 * three values) that head office reads.  It names the batch, its branch
 * and number, each file's rows ("rows,FILE,N": head office checks that
 * it loaded them all), what head office's reports need of the branch's
 * configuration (x_header_office), and the export epoch with its whole
 * chain (schema.c,
 * migration 9): "chain,EPOCH,PARENT,FORK_SEQ" for each epoch from the
 * first, and "fork,EPOCH,TABLE,MAX_ID" for the tables' ids at each fork.
 * It is listed in the manifest and so signed with the data: a batch
 * renamed, or moved to another epoch, no longer verifies.  The caller
 * holds the write transaction.
 */
static int
x_header(struct ctx *c, int tmpfd, const char *tmp, int64_t seq,
    const char *name, const struct export_sums *sums, struct err *e)
{
	const struct export_table *t;
	struct stmt *st;
	char ts[40], epoch[64] = "";
	FILE *f;
	int rc;

	if ((f = x_create(tmpfd, EXPORT_HEADER)) == NULL)
		return x_errno(e, tmp, EXPORT_HEADER, errno);
	time_format_iso(c->now, ts, sizeof ts);
	fprintf(f, "format,1,,\r\nname,%s,,\r\nbranch,%s,,\r\nseq,%lld,,\r\n"
	    "created,%s,,\r\n", name, c->cfg->branch_code, (long long)seq, ts);
	for (t = export_tables; t < export_tables + nitems(export_tables);
	    t++)
		fprintf(f, "rows,%s,%lld,\r\n", t->file,
		    sums->rows[t - export_tables]);
	x_header_office(c, f);
	if (db_prepare(c->db, &st, e, "SELECT epoch, coalesce(parent, ''),"
	    " fork_seq FROM export_epochs ORDER BY id") != OKNO_OK)
		goto fail;
	while ((rc = db_step(st, e)) == DB_ROW) {
		strlcpy_(epoch, db_col_text(st, 0), sizeof epoch);
		fprintf(f, "chain,%s,%s,%lld\r\n", epoch, db_col_text(st, 1),
		    (long long)db_col_int(st, 2));
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		goto fail;
	if (epoch[0] == '\0') {
		err_set(e, OKNO_EDB, _("the database has no export epoch"));
		goto fail;
	}
	fprintf(f, "epoch,%s,,\r\n", epoch);
	if (db_prepare(c->db, &st, e, "SELECT f.epoch, f.tbl, f.max_id FROM"
	    " export_epoch_forks f JOIN export_epochs p ON p.epoch = f.epoch"
	    " ORDER BY p.id, f.tbl") != OKNO_OK)
		goto fail;
	while ((rc = db_step(st, e)) == DB_ROW)
		fprintf(f, "fork,%s,%s,%lld\r\n", db_col_text(st, 0),
		    db_col_text(st, 1), (long long)db_col_int(st, 2));
	db_finalize(st);
	if (rc == DB_ERROR)
		goto fail;
	if (x_close(f) == -1)
		return x_errno(e, tmp, EXPORT_HEADER, errno);
	return OKNO_OK;
fail:
	fclose(f);
	return e->code;
}

/* Writes a whole small file into the work folder, fsynced. */
static int
x_put(int tmpfd, const char *tmp, const char *file, const void *buf,
    size_t len, struct err *e)
{
	FILE *f;

	if ((f = x_create(tmpfd, file)) == NULL)
		return x_errno(e, tmp, file, errno);
	if (fwrite(buf, 1, len, f) != len) {
		int save = errno ? errno : EIO;

		fclose(f);
		return x_errno(e, tmp, file, save);
	}
	if (x_close(f) == -1)
		return x_errno(e, tmp, file, errno);
	return OKNO_OK;
}

/*
 * Seals the batch once it has its name: BATCH, MANIFEST.sha256 over every
 * file (sha256sum's text lines), and, with the branch's key, MANIFEST.sig:
 * the 64-byte Ed25519 signature of the manifest's bytes, which head office
 * verifies with the key it registered for the branch.
 */
static int
x_seal(struct ctx *c, int tmpfd, const char *tmp, int64_t seq,
    const char *name, const struct export_sums *sums,
    const struct batchkey *key, struct err *e)
{
	const struct export_table *t;
	/* A line: 64 hex digits, two spaces, a file name, a newline. */
	char m[(nitems(export_tables) + 1) * 128], hex[65];
	uint8_t sig[BATCHKEY_SIG];
	size_t len = 0;
	int rc;

	if (x_header(c, tmpfd, tmp, seq, name, sums, e) != OKNO_OK)
		return e->code;
	if (x_sha256(tmpfd, EXPORT_HEADER, hex) == -1)
		return x_errno(e, tmp, EXPORT_HEADER, errno);
	for (t = export_tables; t < export_tables + nitems(export_tables);
	    t++)
		len += (size_t)snprintf(m + len, sizeof m - len, "%s  %s\n",
		    sums->hex[t - export_tables], t->file);
	len += (size_t)snprintf(m + len, sizeof m - len, "%s  %s\n", hex,
	    EXPORT_HEADER);
	rc = x_put(tmpfd, tmp, EXPORT_MANIFEST, m, len, e);
	if (rc == OKNO_OK && key != NULL) {
		batchkey_sign(key, (const uint8_t *)m, len, sig);
		rc = x_put(tmpfd, tmp, EXPORT_SIG, sig, sizeof sig, e);
	}
	if (rc == OKNO_OK && fsync(tmpfd) == -1)
		rc = x_errno(e, tmp, NULL, errno);
	return rc;
}

/*
 * Records the batch, seals it and renames the work folder to its name,
 * under the write lock so that the number in the name is the record's.
 */
static int
x_publish(struct ctx *c, int dirfd, const char *dir, const char *tmp,
    int tmpfd, int64_t since, int64_t until, long long rows,
    const struct export_sums *sums, const struct batchkey *key,
    struct export_result *r, struct err *e)
{
	struct stmt *st;
	struct tm tm;
	char stamp[32];
	int64_t id;

	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if (x_int(c->db, "SELECT coalesce((SELECT seq FROM sqlite_sequence"
	    " WHERE name = 'export_batches'), 0) + 1", NULL, NULL, &id, e) !=
	    OKNO_OK)
		goto fail;
	localtime_r(&c->now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
	snprintf(r->name, sizeof r->name, "%s-%s-%lld", c->cfg->branch_code,
	    stamp, (long long)id);
	if (db_prepare(c->db, &st, e, "INSERT INTO export_batches (id, name,"
	    " created_at, since_seq, until_seq, rows) VALUES (:id, :name,"
	    " :now, :since, :until, :rows)") != OKNO_OK)
		goto fail;
	db_bind_int(st, ":id", id);
	db_bind_text(st, ":name", r->name);
	db_bind_int(st, ":now", (int64_t)c->now);
	db_bind_int(st, ":since", since);
	db_bind_int(st, ":until", until);
	db_bind_int(st, ":rows", rows);
	if (db_run(st, e) != OKNO_OK)
		goto fail;
	if (x_seal(c, tmpfd, tmp, id, r->name, sums, key, e) != OKNO_OK)
		goto fail;
	if (x_rename_new(dirfd, tmp, r->name) == -1) {
		if (errno == EEXIST)
			err_set(e, OKNO_EIO, _("%s/%s: already exists"), dir,
			    r->name);
		else
			x_errno(e, dir, r->name, errno);
		goto fail;
	}
	if (fsync(dirfd) == -1 || db_commit(c->db, e) != OKNO_OK) {
		if (e->code == OKNO_OK)
			x_errno(e, dir, NULL, errno);
		db_rollback(c->db);
		x_remove_dir(dirfd, r->name);
		return e->code;
	}
	return OKNO_OK;
fail:
	db_rollback(c->db);
	return e->code;
}

/*
 * A batch carries every client's personal data, and acknowledging one
 * lets the purge destroy them: the nightly job (the system) and
 * supervisors only, like appeal_purge.
 */
static int
x_may(const struct ctx *c, struct err *e)
{
	if (c->who->role != ROLE_SYSTEM && c->who->role != ROLE_SUPERVISOR)
		return err_set(e, OKNO_EPERM, _("only a supervisor may export "
		    "or acknowledge a batch"));
	return OKNO_OK;
}

/*
 * Restores.  A database restored from a backup repeats batch and row
 * numbers that head office may already have from the database that was
 * lost.  It cannot tell by itself, so every export also writes, beside the
 * database file, DATABASE-export: "EPOCH SEQ", the epoch and number of the
 * last batch this place exported.  A database that is behind that file
 * (an older number in the same epoch, or an epoch it never had), or that
 * has exported since epochs began and finds no file (a new disk), was
 * restored: export_check_restored, which every okno process runs when it
 * opens the database and before it writes anything, then starts a new
 * epoch whose fork is the backup's state.  The file is outside the
 * backup and the restore moves only the database and its journals.
 */
#define EXPORT_STATE	"-export"

/* The state file: 1 read, 0 absent, -1 not readable or not a state. */
static int
x_state_read(const char *path, char epoch[EXPORT_EPOCH_MAX], int64_t *seq)
{
	char line[128];
	long long n;
	ssize_t len;
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	len = read(fd, line, sizeof line - 1);
	close(fd);
	if (len <= 0)
		return -1;
	line[len] = '\0';
	if (sscanf(line, "%16[0-9a-f] %lld", epoch, &n) != 2 || n < 0)
		return -1;
	*seq = n;
	return 1;
}

/*
 * Writes the state file after a batch (or a new epoch): best effort, as
 * the batch is already made; a missing or older file can only make a
 * later open start an epoch that was not needed, which costs nothing but
 * larger ids at head office.
 */
static void
x_state_write(struct db *db, const char *epoch, int64_t seq)
{
	char *path, *tmp, line[64];
	int fd, len, ok;

	path = xasprintf("%s" EXPORT_STATE, db_path(db));
	tmp = xasprintf("%s.tmp", path);
	len = snprintf(line, sizeof line, "%s %lld\n", epoch, (long long)seq);
	(void)unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0660);
	if (fd != -1) {
		ok = fchmod(fd, 0660) == 0 && write(fd, line, (size_t)len) ==
		    len && fsync(fd) == 0;
		close(fd);
		if (!ok || rename(tmp, path) == -1)
			(void)unlink(tmp);
	}
	free(tmp);
	free(path);
}

/* The current epoch's name (the newest), and the last batch's number. */
static int
x_epoch_now(struct db *db, char epoch[EXPORT_EPOCH_MAX], int64_t *seq,
    struct err *e)
{
	struct stmt *st;
	int rc;

	epoch[0] = '\0';
	if (db_prepare(db, &st, e, "SELECT epoch, coalesce((SELECT seq FROM"
	    " sqlite_sequence WHERE name = 'export_batches'), 0) FROM"
	    " export_epochs ORDER BY id DESC LIMIT 1") != OKNO_OK)
		return e->code;
	if ((rc = db_step(st, e)) == DB_ROW) {
		strlcpy_(epoch, db_col_text(st, 0), EXPORT_EPOCH_MAX);
		*seq = db_col_int(st, 1);
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return OKNO_EDB;
	if (epoch[0] == '\0')
		return err_set(e, OKNO_EDB, _("the database has no export "
		    "epoch"));
	return OKNO_OK;
}

/* Was this database restored (see above)?  *yes 1 or 0. */
static int
x_restored(struct ctx *c, int *yes, struct err *e)
{
	char *path, fepoch[EXPORT_EPOCH_MAX] = "", epoch[EXPORT_EPOCH_MAX];
	int64_t fseq = 0, seq = 0, start = 0, known = 0;
	int st;

	*yes = 0;
	if (x_epoch_now(c->db, epoch, &seq, e) != OKNO_OK)
		return e->code;
	path = xasprintf("%s" EXPORT_STATE, db_path(c->db));
	st = x_state_read(path, fepoch, &fseq);
	free(path);
	if (st != 1) {
		/* No file: restored when it exported since epochs began. */
		if (x_int(c->db, "SELECT fork_seq FROM export_epochs ORDER BY"
		    " id LIMIT 1", NULL, NULL, &start, e) != OKNO_OK)
			return e->code;
		*yes = seq > start;
		return OKNO_OK;
	}
	if (strcmp(fepoch, epoch) == 0) {
		*yes = fseq > seq;
		return OKNO_OK;
	}
	/* Another epoch: an older one of ours is fine, one we never had is
	 * a later one, lost. */
	if (x_int(c->db, "SELECT count(*) FROM export_epochs WHERE epoch ="
	    " :e", ":e", fepoch, &known, e) != OKNO_OK)
		return e->code;
	*yes = known == 0;
	return OKNO_OK;
}

/*
 * The branches' tables and their highest ids, for an epoch's fork.  A
 * table added to export_tables adds its line here (and head office maps
 * its ids and the columns that refer to it, packaging/hq/schema.sql).
 */
#define EXPORT_FORK(t) \
	" SELECT :e, '" t "', coalesce(max(id), 0) FROM " t

/* A new epoch forked from the database as it is; in a transaction. */
static int
x_new_epoch(struct ctx *c, char epoch[EXPORT_EPOCH_MAX], struct err *e)
{
	struct stmt *st;
	int rc;

	if (db_prepare(c->db, &st, e, "SELECT lower(hex(randomblob(8)))") !=
	    OKNO_OK)
		goto fail;
	if ((rc = db_step(st, e)) == DB_ROW)
		strlcpy_(epoch, db_col_text(st, 0), EXPORT_EPOCH_MAX);
	db_finalize(st);
	if (rc != DB_ROW)
		goto fail;
	if (db_prepare(c->db, &st, e, "INSERT INTO export_epochs (epoch,"
	    " parent, fork_seq, started_at) VALUES (:e, (SELECT epoch FROM"
	    " export_epochs ORDER BY id DESC LIMIT 1), coalesce((SELECT seq"
	    " FROM sqlite_sequence WHERE name = 'export_batches'), 0), :now)")
	    != OKNO_OK)
		goto fail;
	db_bind_text(st, ":e", epoch);
	db_bind_int(st, ":now", (int64_t)c->now);
	if (db_run(st, e) != OKNO_OK)
		goto fail;
	if (db_prepare(c->db, &st, e, "INSERT INTO export_epoch_forks (epoch,"
	    " tbl, max_id)"
	    EXPORT_FORK("tickets") " UNION ALL"
	    EXPORT_FORK("ticket_events") " UNION ALL"
	    EXPORT_FORK("ratings") " UNION ALL"
	    EXPORT_FORK("appeals") " UNION ALL"
	    EXPORT_FORK("appeal_events") " UNION ALL"
	    EXPORT_FORK("inspections") " UNION ALL"
	    EXPORT_FORK("inspection_results") " UNION ALL"
	    EXPORT_FORK("window_events")) != OKNO_OK)
		goto fail;
	db_bind_text(st, ":e", epoch);
	if (db_run(st, e) != OKNO_OK)
		goto fail;
	return OKNO_OK;
fail:
	epoch[0] = '\0';
	return e->code;
}

/* Commits the new epoch and records it beside the database. */
static int
x_commit_epoch(struct ctx *c, char epoch[EXPORT_EPOCH_MAX], struct err *e)
{
	char now[EXPORT_EPOCH_MAX];
	int64_t seq;

	if (x_epoch_now(c->db, now, &seq, e) != OKNO_OK ||
	    db_commit(c->db, e) != OKNO_OK) {
		db_rollback(c->db);
		epoch[0] = '\0';
		return e->code;
	}
	x_state_write(c->db, epoch, seq);
	return OKNO_OK;
}

int
export_restored(struct ctx *c, char epoch[EXPORT_EPOCH_MAX], struct err *e)
{
	err_clear(e);
	epoch[0] = '\0';
	if (x_may(c, e) != OKNO_OK)
		return e->code;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if (x_new_epoch(c, epoch, e) != OKNO_OK) {
		db_rollback(c->db);
		return e->code;
	}
	return x_commit_epoch(c, epoch, e);
}

int
export_check_restored(struct ctx *c, char epoch[EXPORT_EPOCH_MAX],
    struct err *e)
{
	int yes;

	err_clear(e);
	epoch[0] = '\0';
	if (x_restored(c, &yes, e) != OKNO_OK || !yes)
		return e->code;
	/* Again under the write lock: another process may have done it. */
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if (x_restored(c, &yes, e) != OKNO_OK || !yes ||
	    x_new_epoch(c, epoch, e) != OKNO_OK) {
		db_rollback(c->db);
		return e->code;
	}
	return x_commit_epoch(c, epoch, e);
}

int
export_batch(struct ctx *c, const char *dir, struct export_result *r,
    struct err *e)
{
	struct export_sums sums;
	struct batchkey key;
	char tmp[EXPORT_NAME_MAX], *kpath, epoch[EXPORT_EPOCH_MAX];
	int64_t seq;
	int64_t since = 0, until = 0;
	int dirfd, tmpfd, rc, keyed;

	memset(r, 0, sizeof *r);
	err_clear(e);
	if (x_may(c, e) != OKNO_OK)
		return e->code;
	if (!x_branch_ok(c->cfg->branch_code))
		return err_set(e, OKNO_ECONFIG, _("branch code '%s' cannot "
		    "name a batch: use letters, digits, '-', '_', '.'"),
		    c->cfg->branch_code ? c->cfg->branch_code : "");
	/* No key: the batch goes unsigned (r->signed_batch 0), and head
	 * office refuses it; a key that is not right stops the export. */
	kpath = batchkey_path(c->cfg);
	rc = batchkey_load(kpath, &key, &keyed, e);
	free(kpath);
	if (rc != OKNO_OK)
		return rc;
	/* Never a batch that repeats numbers head office has. */
	if (export_check_restored(c, epoch, e) != OKNO_OK)
		return e->code;
	if (mkdir(dir, 0750) == -1 && errno != EEXIST)
		return err_set(e, OKNO_EIO, "%s: %s", dir, strerror(errno));
	if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return err_set(e, OKNO_EIO, "%s: %s", dir, strerror(errno));
	x_clean_stale(dirfd);
	if (x_track_all(c->db, e) != OKNO_OK) {
		close(dirfd);
		return e->code;
	}
	snprintf(tmp, sizeof tmp, EXPORT_TMP "%s-%ld", c->cfg->branch_code,
	    (long)getpid());
	x_remove_dir(dirfd, tmp);	/* ours from a reused pid: dead */
	if (mkdirat(dirfd, tmp, 0750) == -1 ||
	    (tmpfd = openat(dirfd, tmp, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) == -1) {
		rc = x_errno(e, dir, tmp, errno);
		x_remove_dir(dirfd, tmp);
		close(dirfd);
		return rc;
	}
	/* Our lock says "alive" to other exports' x_clean_stale(). */
	if (fchmod(tmpfd, 0750) == -1 || flock(tmpfd, LOCK_EX) == -1) {
		rc = x_errno(e, dir, tmp, errno);
		goto out;
	}
	rc = x_snapshot(c, tmpfd, tmp, &since, &until, &r->rows, &r->files,
	    &sums, e);
	if (rc == OKNO_OK)
		rc = x_publish(c, dirfd, dir, tmp, tmpfd, since, until,
		    r->rows, &sums, keyed ? &key : NULL, r, e);
	if (rc == OKNO_OK) {
		r->path = xasprintf("%s/%s", dir, r->name);
		r->signed_batch = keyed;
		if (x_epoch_now(c->db, epoch, &seq, e) == OKNO_OK)
			x_state_write(c->db, epoch, seq);
		err_clear(e);
	}
out:
	explicit_bzero(&key, sizeof key);
	if (rc != OKNO_OK)
		x_remove_dir(dirfd, tmp);
	close(tmpfd);
	close(dirfd);
	return rc;
}

int
export_ack(struct ctx *c, const char *batch, struct err *e)
{
	struct stmt *st;
	const char *name;
	char buf[EXPORT_NAME_MAX * 2];
	size_t n;
	int64_t id = 0, acked = 0, upto;
	int rc;

	err_clear(e);
	if (x_may(c, e) != OKNO_OK)
		return e->code;
	/* A path as okno export printed it, or the bare name. */
	strlcpy_(buf, batch, sizeof buf);
	for (n = strlen(buf); n > 1 && buf[n - 1] == '/'; n--)
		buf[n - 1] = '\0';
	name = strrchr(buf, '/') ? strrchr(buf, '/') + 1 : buf;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if (db_prepare(c->db, &st, e, "SELECT id, acked_at IS NOT NULL FROM"
	    " export_batches WHERE name = :n") != OKNO_OK)
		goto fail;
	db_bind_text(st, ":n", name);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		id = db_col_int(st, 0);
		acked = db_col_int(st, 1);
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		goto fail;
	if (rc == DB_DONE) {
		db_rollback(c->db);
		return err_set(e, OKNO_ENOENT, _("no batch %s"), name);
	}
	if (!acked) {
		if (db_prepare(c->db, &st, e, "UPDATE export_batches SET"
		    " acked_at = :now WHERE id = :id") != OKNO_OK)
			goto fail;
		db_bind_int(st, ":now", (int64_t)c->now);
		db_bind_int(st, ":id", id);
		if (db_run(st, e) != OKNO_OK)
			goto fail;
	}
	/* What every acknowledged batch covered is at head office now. */
	if (x_int(c->db, "SELECT coalesce(max(until_seq), 0) FROM"
	    " export_batches WHERE acked_at IS NOT NULL", NULL, NULL, &upto,
	    e) != OKNO_OK)
		goto fail;
	if (db_prepare(c->db, &st, e, "DELETE FROM export_log WHERE seq <="
	    " :upto") != OKNO_OK)
		goto fail;
	db_bind_int(st, ":upto", upto);
	if (db_run(st, e) != OKNO_OK)
		goto fail;
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return e->code;
}
