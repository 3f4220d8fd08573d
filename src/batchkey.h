/* batchkey.h: the branch's batch signing key (see batchkey.c).
 *
 * Each branch signs its export batches with an Ed25519 key of its own,
 * kept in batch.key beside the configuration file (mode 0600, the okno
 * account's); head office registers the public half and loads only
 * batches that it verifies.
 */
#ifndef OKNO_BATCHKEY_H
#define OKNO_BATCHKEY_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "okno.h"

#define BATCHKEY_FILE	"batch.key"
#define BATCHKEY_SIG	64
/* Base64 of the 32-byte public key, with its NUL. */
#define BATCHKEY_PUB_MAX 48

struct batchkey {
	uint8_t	priv[32];
	uint8_t	pub[32];
};

/* The key file's path for cfg: cfg->dir/batch.key; free() it. */
char	*batchkey_path(const struct config *cfg);

/*
 * Creates a new key at path (never over an existing file, never through
 * a link), mode 0600, and puts its public half in base64 into pub.
 * OKNO_ESTATE when path exists, OKNO_EIO on a file error.
 */
int	 batchkey_create(const char *path, char pub[BATCHKEY_PUB_MAX],
	     struct err *);

/*
 * Reads the key at path.  *present is 0 and OKNO_OK returned when there
 * is no file; a file that others may read or write, or that is not a
 * key, is refused (OKNO_ECONFIG).
 */
int	 batchkey_load(const char *path, struct batchkey *, int *present,
	     struct err *);

/* The public half of k in base64. */
void	 batchkey_public(const struct batchkey *, char pub[BATCHKEY_PUB_MAX]);

/* Signs len bytes of msg (Ed25519, RFC 8032). */
void	 batchkey_sign(const struct batchkey *, const uint8_t *msg,
	     size_t len, uint8_t sig[BATCHKEY_SIG]);

#endif
