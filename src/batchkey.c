/* batchkey.c: the branch's batch signing key (see batchkey.h).
 *
 * Ed25519 from nettle, which okno links already for SHA-256: a signature
 * lets head office hold only public keys, so a copy of its key table
 * cannot forge a branch's batch.  The private key is 32 random bytes from
 * getrandom(2); the file is one line, "ed25519 " and their base64.
 */
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/base64.h>
#include <nettle/eddsa.h>

#include "batchkey.h"

#define BK_TAG	"ed25519 "

char *
batchkey_path(const struct config *cfg)
{
	return xasprintf("%s/%s", cfg->dir != NULL && cfg->dir[0] != '\0' ?
	    cfg->dir : ".", BATCHKEY_FILE);
}

static void
bk_b64(const uint8_t *in, size_t n, char *out)
{
	base64_encode_raw(out, n, in);
	out[BASE64_ENCODE_RAW_LENGTH(n)] = '\0';
}

void
batchkey_public(const struct batchkey *k, char pub[BATCHKEY_PUB_MAX])
{
	bk_b64(k->pub, sizeof k->pub, pub);
}

int
batchkey_create(const char *path, char pub[BATCHKEY_PUB_MAX], struct err *e)
{
	struct batchkey k;
	char line[128], b64[BATCHKEY_PUB_MAX];
	size_t got = 0;
	ssize_t n;
	int fd, len;

	while (got < sizeof k.priv) {
		n = getrandom(k.priv + got, sizeof k.priv - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return err_set(e, OKNO_EIO, "getrandom: %s",
			    strerror(errno));
		got += (size_t)n;
	}
	ed25519_sha512_public_key(k.pub, k.priv);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		if (errno == EEXIST)
			return err_set(e, OKNO_ESTATE, _("%s exists: a branch "
			    "keeps its key (remove it first to make a new "
			    "one, then register the new one at head office)"),
			    path);
		return err_set(e, OKNO_EIO, "%s: %s", path, strerror(errno));
	}
	bk_b64(k.priv, sizeof k.priv, b64);
	len = snprintf(line, sizeof line, BK_TAG "%s\n", b64);
	if (fchmod(fd, 0600) == -1 || write(fd, line, (size_t)len) != len ||
	    fsync(fd) == -1) {
		int save = errno ? errno : EIO;

		close(fd);
		unlink(path);
		explicit_bzero(&k, sizeof k);
		return err_set(e, OKNO_EIO, "%s: %s", path, strerror(save));
	}
	close(fd);
	explicit_bzero(line, sizeof line);
	batchkey_public(&k, pub);
	explicit_bzero(&k, sizeof k);
	return OKNO_OK;
}

int
batchkey_load(const char *path, struct batchkey *k, int *present,
    struct err *e)
{
	struct base64_decode_ctx b;
	struct stat sb;
	char line[128];
	size_t len, out = sizeof k->priv + 4;
	uint8_t raw[sizeof k->priv + 4];
	ssize_t n;
	int fd;

	*present = 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd == -1) {
		if (errno == ENOENT)
			return OKNO_OK;
		return err_set(e, OKNO_ECONFIG, "%s: %s", path,
		    strerror(errno));
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return err_set(e, OKNO_ECONFIG, _("%s: not a key file"), path);
	}
	/* Like ssh: a key that others can read is no longer the branch's. */
	if (sb.st_mode & 077) {
		close(fd);
		return err_set(e, OKNO_ECONFIG, _("%s: others may read or "
		    "write it (mode %03o): chmod 600 it, or make a new key"),
		    path, (unsigned)(sb.st_mode & 0777));
	}
	n = read(fd, line, sizeof line - 1);
	close(fd);
	if (n < 0)
		return err_set(e, OKNO_ECONFIG, "%s: %s", path,
		    strerror(errno));
	line[n] = '\0';
	len = strcspn(line, "\n");
	line[len] = '\0';
	base64_decode_init(&b);
	if (strncmp(line, BK_TAG, strlen(BK_TAG)) != 0 ||
	    !base64_decode_update(&b, &out, raw, len - strlen(BK_TAG),
	    line + strlen(BK_TAG)) || !base64_decode_final(&b) ||
	    out != sizeof k->priv) {
		explicit_bzero(line, sizeof line);
		return err_set(e, OKNO_ECONFIG, _("%s: not a key file"), path);
	}
	memcpy(k->priv, raw, sizeof k->priv);
	explicit_bzero(raw, sizeof raw);
	explicit_bzero(line, sizeof line);
	ed25519_sha512_public_key(k->pub, k->priv);
	*present = 1;
	return OKNO_OK;
}

void
batchkey_sign(const struct batchkey *k, const uint8_t *msg, size_t len,
    uint8_t sig[BATCHKEY_SIG])
{
	ed25519_sha512_sign(k->pub, k->priv, len, msg, sig);
}
