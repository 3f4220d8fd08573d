/* batchcheck.h: head office's check of the branches' export batches
 * (`okno verify`, for okno-load; see batchcheck.c).
 *
 * Each batch folder gets the checks okno-load's shell made, in the same
 * order and with the same reasons (the folder, its files, the signature
 * by the branch's registered key, the manifest, BATCH, the headers), and
 * one outcome: ok, unchanged (loaded before with this manifest) or
 * refused with a reason.  An ok batch may be staged: its rows re-encoded
 * for PostgreSQL's COPY (FORMAT csv), with the row checks load.sql made
 * (cells, branch, counts).  Nothing here reads the database: the keys and
 * the batches loaded come in files.
 */
#ifndef OKNO_BATCHCHECK_H
#define OKNO_BATCHCHECK_H

#include <stddef.h>

#include "okno.h"

struct batchcheck;

enum batchcheck_outcome {
	BATCHCHECK_OK,
	BATCHCHECK_UNCHANGED,
	BATCHCHECK_REFUSED
};

struct batchcheck_result {
	enum batchcheck_outcome	 outcome;
	/* The folder's last component, as given (so it may hold any byte). */
	char			*name;
	/* BATCHCHECK_REFUSED: why, in English (okno-load's words, a
	 * protocol's, never translated); it may hold any byte too. */
	char			 reason[1024];
	/* BATCHCHECK_OK: the batch's branch and number (from its name),
	 * epoch (BATCH), manifest's SHA-256 and the folder's absolute
	 * path; NULL otherwise. */
	char			*branch, *seq, *epoch, *abs;
	char			 manifest[65];
	/* Set when staging failed (OKNO_EIO): 1 when a folder or file
	 * could not be created, 0 when a write failed. */
	int			 stage_create;
};

/*
 * Reads the registered keys (lines "BRANCH BASE64_PUBLIC_KEY", the
 * 32-byte key `okno keygen` prints) and, when loaded is not NULL, the
 * batches loaded before (lines "NAME MANIFEST_SHA256_HEX" or "NAME -").
 * Blank lines are skipped; a key that is not base64 of 32 bytes verifies
 * nothing.  OKNO_EIO when a file cannot be read.
 */
int	 batchcheck_open(struct batchcheck **, const char *keys,
	     const char *loaded, struct err *);
void	 batchcheck_close(struct batchcheck *);

/*
 * Checks the batch folder at path.  With stagefd (an open folder; -1:
 * none), an ok batch's rows are appended to the night's files there
 * (batch.csv and one file a table, made at the first batch staged) and
 * its line to the index (see okno(1)); a row check that fails refuses
 * the batch and stages nothing of it.  OKNO_OK with r filled, or
 * OKNO_EIO when the staging could not be written (r->stage_create says
 * how).  Free r with batchcheck_result_free.
 */
int	 batchcheck_batch(struct batchcheck *, const char *path, long idx,
	     int stagefd, struct batchcheck_result *r, struct err *);
/* Closes the staged files: OKNO_EIO when a write failed. */
int	 batchcheck_finish(struct batchcheck *, struct err *);
void	 batchcheck_result_free(struct batchcheck_result *);

#endif
