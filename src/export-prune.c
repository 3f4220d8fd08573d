/* export-prune.c: removes delivered export batches from the folder they
 * are kept in (see export_prune in export.h), so that personal data the
 * purge destroys does not live on in local copies (issue 18).
 *
 * A batch folder is removed when it is delivered (acknowledged, or a
 * later batch was: that one held its rows again) and either
 *
 *  - the delivery is more than cfg->export_keep_days old, or
 *  - an appeal purged after the batch was made was registered before it:
 *    the batch may hold that appeal's personal data.  Which rows a batch
 *    holds is not recorded, so every such batch goes.
 *
 * Only folders named like a batch in export_batches are touched; anything
 * else in the folder (unknown names, the export's .tmp- work folders,
 * links) is left alone.  Each removal is a line in pd_destruction_log
 * (tbl "export_batches", the batch's id and name, the files removed).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "export.h"

/*
 * Empties and removes the batch folder name under dirfd.  A batch holds
 * regular files only; anything else (a folder, a link's target) is not
 * followed and makes the removal fail with errno set.  *files counts the
 * files removed.
 */
static int
ep_remove(int dirfd, const char *name, int *files)
{
	struct dirent *de;
	DIR *d;
	int fd, rc = 0, saved;

	*files = 0;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(fd, de->d_name, 0) == -1) {
			rc = -1;
			break;
		}
		(*files)++;
	}
	saved = errno;
	closedir(d);
	if (rc == -1) {
		errno = saved;
		return -1;
	}
	return unlinkat(dirfd, name, AT_REMOVEDIR);
}

/*
 * The batch named name, when it may go: its id and why (a static
 * English text, stored); 0 when it stays or is not a batch.
 */
static int
ep_due(struct ctx *c, const char *name, int64_t *id, const char **why,
    struct err *e)
{
	struct stmt *st;
	int r;

	*id = 0;
	if (db_prepare(c->db, &st, e, "SELECT b.id,"
	    " (SELECT min(a.acked_at) FROM export_batches a WHERE a.id >= b.id"
	    "  AND a.acked_at IS NOT NULL) AS delivered,"
	    " EXISTS (SELECT 1 FROM pd_destruction_log l JOIN appeals p ON"
	    "  l.tbl = 'appeals' AND p.id = l.row_id WHERE l.at >= b.created_at"
	    "  AND p.registered_at <= b.created_at)"
	    " FROM export_batches b WHERE b.name = :name") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":name", name);
	r = db_step(st, e);
	if (r == DB_ROW && !db_col_null(st, 1)) {
		if (db_col_int(st, 1) < (int64_t)c->now -
		    (int64_t)c->cfg->export_keep_days * 86400) {
			*id = db_col_int(st, 0);
			*why = "delivered more than keep_days ago";
		} else if (db_col_int(st, 2)) {
			*id = db_col_int(st, 0);
			*why = "may hold personal data purged since";
		}
	}
	db_finalize(st);
	return r == DB_ERROR ? OKNO_EDB : OKNO_OK;
}

static int
ep_log(struct ctx *c, int64_t id, const char *name, int files,
    const char *why, struct err *e)
{
	struct stmt *st;
	char fields[64];

	if (db_prepare(c->db, &st, e, "INSERT INTO pd_destruction_log (at,"
	    " actor, tbl, row_id, record, fields, reason) VALUES (:now, :who,"
	    " 'export_batches', :id, :name, :fields, :why)") != OKNO_OK)
		return OKNO_EDB;
	snprintf(fields, sizeof fields, "batch folder, %d files", files);
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":who", c->who->login != NULL ? c->who->login :
	    "system");
	db_bind_int(st, ":id", id);
	db_bind_text(st, ":name", name);
	db_bind_text(st, ":fields", fields);
	db_bind_text(st, ":why", why);
	return db_run(st, e);
}

int
export_prune(struct ctx *c, const char *dir, struct export_prune_result *r,
    struct err *e)
{
	struct dirent *de;
	DIR *d;
	const char *why;
	int64_t id;
	int dirfd, files, rc = OKNO_OK;

	memset(r, 0, sizeof *r);
	if (c->who->role != ROLE_SYSTEM && c->who->role != ROLE_SUPERVISOR)
		return err_set(e, OKNO_EPERM, _("only a supervisor may export "
		    "or acknowledge a batch"));
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dirfd == -1) {
		if (errno == ENOENT)	/* never exported here */
			return OKNO_OK;
		return err_set(e, OKNO_EIO, "%s: %s", dir, strerror(errno));
	}
	if ((d = fdopendir(dirfd)) == NULL) {
		close(dirfd);
		return err_set(e, OKNO_EIO, "%s: %s", dir, strerror(errno));
	}
	/* One transaction: the log lines of what was removed commit
	 * together, and nobody acknowledges meanwhile. */
	if (db_begin(c->db, e) != OKNO_OK) {
		closedir(d);
		return e->code;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')	/* ., .., the work folders */
			continue;
		if ((rc = ep_due(c, de->d_name, &id, &why, e)) != OKNO_OK)
			break;
		if (id == 0)
			continue;
		if (ep_remove(dirfd, de->d_name, &files) == -1) {
			rc = err_set(e, OKNO_EIO, _("%s/%s: cannot remove: %s"),
			    dir, de->d_name, strerror(errno));
			/* Some files may be gone: say so in the log. */
			if (files > 0)
				(void)ep_log(c, id, de->d_name, files, why,
				    NULL);
			break;
		}
		if ((rc = ep_log(c, id, de->d_name, files, why, e)) != OKNO_OK)
			break;
		r->batches++;
		r->files += files;
		if (r->names == NULL)
			r->names = xstrdup(de->d_name);
		else {
			char *t = xasprintf("%s %s", r->names, de->d_name);

			free(r->names);
			r->names = t;
		}
	}
	closedir(d);
	if (rc == OKNO_EDB) {
		db_rollback(c->db);
		return rc;
	}
	/* Removed is removed: the log keeps what was, even after a later
	 * file error. */
	if (db_commit(c->db, rc == OKNO_OK ? e : NULL) != OKNO_OK &&
	    rc == OKNO_OK)
		rc = OKNO_EDB;
	return rc;
}

void
export_prune_free(struct export_prune_result *r)
{
	free(r->names);
	r->names = NULL;
}
