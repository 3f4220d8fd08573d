/* file.c: new files in a folder the configuration names, under a name a
 * user may have typed (see file.h).
 *
 * Why so strict.  The report screen's Save once wrote wherever the user
 * typed, with the okno account's rights: any role that could open reports
 * could save a report over the live database or the account's .profile.
 * Now a user only names a file: the folder is fixed, the name cannot
 * leave it ('/' and a leading '.' are refused, so is every control
 * character), the folder is opened without following a link, and the file
 * is created with O_CREAT | O_EXCL | O_NOFOLLOW relative to it, which
 * never opens an existing file nor follows a link planted at the name.
 * A name taken gets a -N suffix instead, so nothing a user does loses the
 * report or anything already in the folder.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "file.h"

/* ASCII a file name may hold besides letters and digits. */
#define FILE_ASCII_PUNCT	" ._-+,()"
/* Characters of a refused name a message shows. */
#define FILE_SHOWN_MAX		40

/* Whether the character at p (n bytes: one UTF-8 character) may be in a
 * name: ASCII from the short list; beyond ASCII, what any typed field may
 * hold (okno(1) TEXT), so no C1 control, nothing an 8-bit terminal would
 * obey. */
static int
name_char_ok(const unsigned char *p, size_t n)
{
	struct err te;
	char one[8];

	if (n == 1)
		return (p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' &&
		    p[0] <= 'Z') || (p[0] >= '0' && p[0] <= '9') ||
		    (p[0] != '\0' && strchr(FILE_ASCII_PUNCT, p[0]) != NULL);
	if (n >= sizeof one)
		return 0;
	memcpy(one, p, n);
	one[n] = '\0';
	return text_check(one, 0, 0, "", &te) == OKNO_OK;
}

/* The length of the UTF-8 character at p, 0 when it is none. */
static size_t
char_len(const unsigned char *p)
{
	size_t n = p[0] < 0x80 ? 1 : p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 :
	    p[0] >= 0xc2 ? 2 : 0;

	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* name as a message may show it: a character that may not be in a name
 * is '?' (a control must not reach the terminal), at most
 * FILE_SHOWN_MAX characters. */
static void
shown(const char *name, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t o = 0, n;
	int chars = 0;

	while (*p != '\0' && o + 8 < size) {
		if (chars++ == FILE_SHOWN_MAX) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		n = char_len(p);
		if (n > 0 && (name_char_ok(p, n) || *p == '/' || *p == '\\' ||
		    (*p > 0x20 && *p < 0x7f && *p != '"'))) {
			memcpy(out + o, p, n);
			o += n;
			p += n;
		} else {
			out[o++] = '?';
			p += n > 0 ? n : 1;
		}
	}
	out[o] = '\0';
}

int
file_name_check(const char *name, struct err *e)
{
	const unsigned char *p;
	char show[4 * FILE_SHOWN_MAX + 8];
	size_t n;

	if (name == NULL || name[0] == '\0')
		return err_set(e, OKNO_EINVAL, _("no file name given"));
	shown(name, show, sizeof show);
	if (strlen(name) > 2 * FILE_NAME_MAX ||
	    (utf8_valid(name) && utf8_len(name) > FILE_NAME_MAX))
		return err_set(e, OKNO_EINVAL, _("\"%s\": a file name may be "
		    "at most %d characters long"), show, FILE_NAME_MAX);
	if (strchr(name, '/') != NULL || strcmp(name, "..") == 0)
		return err_set(e, OKNO_EINVAL, _("\"%s\": a file name, not a "
		    "path: it is saved in the reports folder"), show);
	if (name[0] == '.' || name[0] == '-' || name[0] == ' ')
		return err_set(e, OKNO_EINVAL, _("\"%s\": a file name may not "
		    "start with '.', '-' or a space"), show);
	for (p = (const unsigned char *)name; *p != '\0'; p += n)
		if ((n = char_len(p)) == 0 || !name_char_ok(p, n))
			return err_set(e, OKNO_EINVAL, _("\"%s\": a file name "
			    "holds letters, digits, spaces and . - _ + , ( ) "
			    "only"), show);
	return OKNO_OK;
}

/* Opens dir (made 0750 when missing), refusing a symbolic link. */
static int
open_dir(const char *dir, int *dirfd, struct err *e)
{
	struct stat sb;
	int save;

	if (dir == NULL || dir[0] == '\0')
		return err_set(e, OKNO_EIO, _("no folder to save in"));
	if (mkdir(dir, 0750) == -1 && errno != EEXIST)
		return err_set(e, OKNO_EIO, _("%s: cannot make the folder: %s"),
		    dir, strerror(errno));
	*dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*dirfd != -1)
		return OKNO_OK;
	save = errno;
	/* Linux says ENOTDIR for a link to a folder, others ELOOP. */
	if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
		return err_set(e, OKNO_EIO, _("%s: a symbolic link, not a "
		    "folder: nothing saved"), dir);
	return err_set(e, OKNO_EIO, "%s: %s", dir, strerror(save));
}

int
file_create_new(const char *dir, const char *name, const char *ext,
    struct file_new *f, struct err *e)
{
	char *base, *cand = NULL;
	const char *x, *dot;
	size_t n = name != NULL ? strlen(name) : 0;
	int dirfd, fd = -1, save;

	memset(f, 0, sizeof *f);
	f->dirfd = -1;
	if (file_name_check(name, e) != OKNO_OK)
		return e->code;
	/* The name apart from its extension: a suffix goes between. */
	if (ext != NULL && n > strlen(ext) &&
	    strcasecmp(name + n - strlen(ext), ext) == 0) {
		base = xasprintf("%.*s", (int)(n - strlen(ext)), name);
		x = name + n - strlen(ext);
	} else if (ext != NULL) {
		base = xstrdup(name);
		x = ext;
	} else if ((dot = strrchr(name, '.')) != NULL) {
		base = xasprintf("%.*s", (int)(dot - name), name);
		x = dot;
	} else {
		base = xstrdup(name);
		x = "";
	}
	if (open_dir(dir, &dirfd, e) != OKNO_OK) {
		free(base);
		return e->code;
	}
	for (int i = 1; i <= FILE_TRIES; i++) {
		free(cand);
		cand = i == 1 ? xasprintf("%s%s", base, x) :
		    xasprintf("%s-%d%s", base, i, x);
		fd = openat(dirfd, cand, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0640);
		if (fd != -1 || errno != EEXIST)
			break;
	}
	save = errno;
	free(base);
	if (fd == -1) {
		if (save == EEXIST)
			err_set(e, OKNO_EIO, _("%s: the name and its -2 ... "
			    "-%d are all taken"), dir, FILE_TRIES);
		else
			err_set(e, OKNO_EIO, "%s/%s: %s", dir, cand,
			    strerror(save));
		free(cand);
		close(dirfd);
		return e->code;
	}
	/* 0640 whatever the umask, as export batches. */
	if (fchmod(fd, 0640) == -1 || (f->fp = fdopen(fd, "w")) == NULL) {
		save = errno;
		close(fd);
		(void)unlinkat(dirfd, cand, 0);
		err_set(e, OKNO_EIO, "%s/%s: %s", dir, cand, strerror(save));
		free(cand);
		close(dirfd);
		return e->code;
	}
	f->name = cand;
	f->path = xasprintf("%s/%s", dir, cand);
	f->dirfd = dirfd;
	return OKNO_OK;
}

int
file_close_new(struct file_new *f, struct err *e)
{
	int save = 0;

	errno = 0;
	if (fflush(f->fp) != 0 || ferror(f->fp))
		save = errno ? errno : EIO;
	if (!save && fsync(fileno(f->fp)) == -1)
		save = errno;
	if (fclose(f->fp) != 0 && !save)
		save = errno;
	f->fp = NULL;
	/* The new name in the folder survives a power cut too. */
	if (!save && fsync(f->dirfd) == -1)
		save = errno;
	if (save) {
		(void)unlinkat(f->dirfd, f->name, 0);
		err_set(e, OKNO_EIO, _("%s: %s: nothing saved"), f->path,
		    strerror(save));
	}
	close(f->dirfd);
	f->dirfd = -1;
	free(f->name);
	f->name = NULL;
	return save ? OKNO_EIO : OKNO_OK;
}

void
file_discard_new(struct file_new *f)
{
	if (f->fp != NULL)
		fclose(f->fp);
	f->fp = NULL;
	if (f->dirfd != -1) {
		(void)unlinkat(f->dirfd, f->name, 0);
		close(f->dirfd);
	}
	f->dirfd = -1;
	free(f->name);
	f->name = NULL;
}

FILE *
file_create_at(int dirfd, const char *name, int mode)
{
	FILE *f;
	int fd;

	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, (mode_t)mode);
	if (fd == -1)
		return NULL;
	if (fchmod(fd, (mode_t)mode) == -1 || (f = fdopen(fd, "w")) == NULL) {
		int save = errno;

		close(fd);
		errno = save;
		return NULL;
	}
	return f;
}
