/* export.h: the nightly export batch for head office (see export.c).
 *
 * A batch is a folder DIR/NAME holding one CSV per exported table, the
 * header BATCH, MANIFEST.sha256 and, signed with the branch's key
 * (batchkey.h), MANIFEST.sig.  It is built aside and renamed into place, so it is
 * whole or absent.  It holds every row created or changed since the last
 * acknowledged batch; until a batch is acknowledged, the next one holds
 * its rows again.
 */
#ifndef OKNO_EXPORT_H
#define OKNO_EXPORT_H

#include "ctx.h"

/* Longest batch name: BRANCH-YYYYMMDDTHHMMSS-SEQ. */
#define EXPORT_NAME_MAX	128

struct export_result {
	char		 name[EXPORT_NAME_MAX];	/* MSK-014-20261127T220000-7 */
	char		*path;			/* DIR/NAME; free() it */
	long long	 rows;			/* data rows in all files */
	int		 files;			/* CSV files */
	int		 signed_batch;		/* MANIFEST.sig written */
};

/* An export epoch's name: 16 hex digits, and its NUL. */
#define EXPORT_EPOCH_MAX 24

/*
 * Writes a new batch under dir (created 0750 when missing).  Needs
 * c->cfg->branch_code.  Returns OKNO_EIO on a file error (full disk, file
 * size limit), with nothing left behind and nothing recorded.  Like
 * export_ack, for the system (the nightly job) and supervisors only:
 * OKNO_EPERM for other roles.
 */
int	 export_batch(struct ctx *, const char *dir, struct export_result *,
	     struct err *);

/*
 * Marks batch (a name, or a path whose last component is the name)
 * delivered: the next batch starts after it.  Acknowledging a batch again,
 * or one older than an acknowledged one, changes nothing.  OKNO_ENOENT
 * for an unknown batch.
 */
int	 export_ack(struct ctx *, const char *batch, struct err *);

/*
 * Removes the delivered batches kept in dir that are due (see
 * export-prune.c: delivered more than cfg->export_keep_days ago, or
 * possibly holding personal data purged since), each logged in
 * pd_destruction_log; other files in dir are left alone.  A missing dir
 * is nothing to do.  r receives what was removed (free with
 * export_prune_free), also on a file error (OKNO_EIO), after which the
 * removals done so far are logged.  System and supervisors only.
 */
struct export_prune_result {
	int		 batches;	/* folders removed */
	long long	 files;		/* files in them */
	char		*names;		/* their names, space-separated */
};

int	 export_prune(struct ctx *, const char *dir,
	     struct export_prune_result *, struct err *);
void	 export_prune_free(struct export_prune_result *);

/*
 * After the database was restored from a backup, before anything is
 * written to it (export_check_restored does it by itself when it can
 * tell): starts a new export epoch, whose batches head office loads after
 * those it already has from the branch (ids made from now on are new rows there, never the ones
 * the lost database made after the backup).  Puts its name in epoch.
 * System and supervisors only.
 */
int	 export_restored(struct ctx *, char epoch[EXPORT_EPOCH_MAX],
	     struct err *);

/*
 * Run when a process opens the database, before it writes: starts a new
 * epoch (its name in epoch, else epoch is "") when the database is behind
 * what this place exported last (DATABASE-export, written by every
 * export), that is, when it was restored from a backup.  Any role.
 */
int	 export_check_restored(struct ctx *, char epoch[EXPORT_EPOCH_MAX],
	     struct err *);

#endif
