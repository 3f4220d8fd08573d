/* batchdir.h: what reads a signed batch folder, shared by the branch's
 * import of head office's bookings (booking-import.c) and head office's
 * check of the branches' batches (batchcheck.c): the folder's listing,
 * its files read whole without following links, SHA-256, the base64 of
 * a key and the Ed25519 signature (nettle).  Messages are the callers':
 * these return what went wrong, not text.
 */
#ifndef OKNO_BATCHDIR_H
#define OKNO_BATCHDIR_H

#include <stddef.h>
#include <stdint.h>

#define BATCHDIR_SIG	64	/* bytes of an Ed25519 signature */
#define BATCHDIR_KEY	32	/* bytes of an Ed25519 public key */

enum batchdir_why {
	BATCHDIR_OK,
	BATCHDIR_MISSING,	/* no such file */
	BATCHDIR_LINK,		/* a symbolic link */
	BATCHDIR_UNKNOWN,	/* a name the batch has not */
	BATCHDIR_NOTREG,	/* not a regular file (a folder, a FIFO) */
	BATCHDIR_BIG,		/* larger than allowed */
	BATCHDIR_CHANGED,	/* it grew while it was read */
	BATCHDIR_IO		/* a system error: *errnum says which */
};

/*
 * The folder's entries but . and .., in byte order: the first that is a
 * link, not one of the nknown names, or not a regular file, in that order
 * of checks, is put in *bad (free() it) and its reason returned.
 */
enum batchdir_why batchdir_scan(int dirfd, const char *const *known,
	    size_t nknown, char **bad, int *errnum);

/*
 * Reads name in dirfd whole: a regular file (never through a link, never
 * a FIFO or device) of at most max bytes, NUL-terminated in *out (free()
 * it), its size in *len.  The bytes read are the ones to hash and parse,
 * whatever the folder holds later.
 */
enum batchdir_why batchdir_read(int dirfd, const char *name, size_t max,
	    char **out, size_t *len, int *errnum);

/* SHA-256 of len bytes of p, in lowercase hex. */
void	 batchdir_sha256(const void *p, size_t len, char hex[65]);

/* Decodes base64 text of exactly want bytes (at most 64) into out; -1
 * when it is not base64 or not that long. */
int	 batchdir_b64(const char *s, size_t slen, uint8_t *out, size_t want);

/* 1 when sig (siglen bytes) is pub's Ed25519 signature of msg. */
int	 batchdir_verify(const uint8_t pub[BATCHDIR_KEY], const void *msg,
	     size_t len, const void *sig, size_t siglen);

#endif
