/* batchdir.c: a signed batch folder's files, hashes and signature (see
 * batchdir.h).
 *
 * The folder comes from outside (over the network, from a branch), so
 * every file is opened with O_NOFOLLOW on the folder's descriptor, must be
 * a regular file of bounded size, and is read once into memory: what is
 * hashed is what is parsed.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/base64.h>
#include <nettle/eddsa.h>
#include <nettle/sha2.h>

#include "batchdir.h"
#include "okno.h"

static int
bd_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum batchdir_why
batchdir_scan(int dirfd, const char *const *known, size_t nknown,
    char **bad, int *errnum)
{
	enum batchdir_why why = BATCHDIR_OK;
	struct dirent *d;
	struct stat sb;
	char **names = NULL;
	size_t n = 0, i, k;
	DIR *dp;
	int fd;

	*bad = NULL;
	*errnum = 0;
	if ((fd = dup(dirfd)) == -1 || (dp = fdopendir(fd)) == NULL) {
		*errnum = errno;
		if (fd != -1)
			close(fd);
		return BATCHDIR_IO;
	}
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(d->d_name);
	}
	closedir(dp);
	/* In byte order, so that the first bad one named is always the
	 * same one, whatever order the file system keeps. */
	qsort(names, n, sizeof *names, bd_cmp);
	for (i = 0; i < n && why == BATCHDIR_OK; i++) {
		for (k = 0; k < nknown; k++)
			if (strcmp(names[i], known[k]) == 0)
				break;
		if (fstatat(dirfd, names[i], &sb, AT_SYMLINK_NOFOLLOW) == -1) {
			*errnum = errno;
			why = BATCHDIR_IO;
		} else if (S_ISLNK(sb.st_mode))
			why = BATCHDIR_LINK;
		else if (k == nknown)
			why = BATCHDIR_UNKNOWN;
		else if (!S_ISREG(sb.st_mode))
			why = BATCHDIR_NOTREG;
		if (why != BATCHDIR_OK) {
			*bad = names[i];
			names[i] = NULL;
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return why;
}

enum batchdir_why
batchdir_read(int dirfd, const char *name, size_t max, char **out,
    size_t *len, int *errnum)
{
	struct stat sb;
	char *buf;
	size_t got = 0;
	ssize_t n;
	int fd;

	*out = NULL;
	*len = 0;
	*errnum = 0;
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC | O_NOCTTY);
	if (fd == -1) {
		*errnum = errno;
		if (errno == ELOOP)
			return BATCHDIR_LINK;
		if (errno == ENOENT)
			return BATCHDIR_MISSING;
		return BATCHDIR_IO;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return BATCHDIR_NOTREG;
	}
	if ((uintmax_t)sb.st_size > max) {
		close(fd);
		return BATCHDIR_BIG;
	}
	/* Its size now, and one byte more to see that it did not grow. */
	max = (size_t)sb.st_size;
	buf = xmalloc(max + 2);
	while (got <= max && (n = read(fd, buf + got, max + 1 - got)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*errnum = errno;
			close(fd);
			free(buf);
			return BATCHDIR_IO;
		}
		got += (size_t)n;
	}
	close(fd);
	if (got > max) {
		free(buf);
		return BATCHDIR_CHANGED;
	}
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return BATCHDIR_OK;
}

void
batchdir_sha256(const void *p, size_t len, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx h;
	uint8_t md[SHA256_DIGEST_SIZE];

	sha256_init(&h);
	sha256_update(&h, len, p);
	sha256_digest(&h, sizeof md, md);
	for (size_t i = 0; i < sizeof md; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xf];
	}
	hex[64] = '\0';
}

int
batchdir_b64(const char *s, size_t slen, uint8_t *out, size_t want)
{
	struct base64_decode_ctx b;
	uint8_t raw[64];
	size_t n = sizeof raw;

	if (BASE64_DECODE_LENGTH(slen) > sizeof raw || want > sizeof raw)
		return -1;
	base64_decode_init(&b);
	if (!base64_decode_update(&b, &n, raw, slen, s) ||
	    !base64_decode_final(&b) || n != want)
		return -1;
	memcpy(out, raw, want);
	return 0;
}

int
batchdir_verify(const uint8_t pub[BATCHDIR_KEY], const void *msg,
    size_t len, const void *sig, size_t siglen)
{
	return siglen == BATCHDIR_SIG && ed25519_sha512_verify(pub, len, msg,
	    sig);
}
