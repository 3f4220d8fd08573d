/* sp-pty.c: test-only LD_PRELOAD shim that lets Debian's libserialport
 * 0.1.1 open a pseudo-terminal, so the tests exercise okno's libserialport
 * transport against the simulator.
 *
 * libserialport 0.1.1 refuses ptys in two places (found with strace):
 *  - sp_get_port_by_name() lstat()s /sys/class/tty/pts/N (through the old
 *    __lxstat ABI) and readlink()s it; ptys have no such sysfs node;
 *  - sp_open() reads the modem lines with TIOCMGET (and may set them with
 *    TIOCMSET/TIOCMBIS/TIOCMBIC), which a pty answers with ENOTTY.
 * i386's build of the library calls __lxstat64 instead (its large-file
 * ABI), so the shim answers every name lstat may have on the two
 * architectures: __lxstat, __lxstat64, lstat, lstat64.  It is built
 * without _FILE_OFFSET_BITS/_TIME_BITS, so that struct stat here is the
 * library's own.
 * The shim fakes exactly these: a symlink for /sys/class/tty/pts/N that
 * points into the virtual tty class, and success with all modem lines low
 * for the modem ioctls when the real call fails with ENOTTY/EINVAL.  Every
 * other call goes to the real function untouched.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define SYS_PTS	"/sys/class/tty/pts/"

int	__lxstat(int, const char *, struct stat *);
int	__lxstat64(int, const char *, struct stat64 *);
int	lstat(const char *, struct stat *);
int	lstat64(const char *, struct stat64 *);

/*
 * The next definition of name, into the function pointer at fp (size
 * bytes).  ISO C has no conversion from dlsym()'s object pointer to a
 * function pointer, so the bits are copied.  -1 with errno ENOSYS when
 * there is none: the caller fails as the missing function would.
 */
static int
next(const char *name, void *fp, size_t size)
{
	void *p = dlsym(RTLD_NEXT, name);

	memcpy(fp, &p, size);
	if (p == NULL) {
		errno = ENOSYS;
		return -1;
	}
	return 0;
}

static int
is_fake(const char *path)
{
	return path != NULL && strncmp(path, SYS_PTS, strlen(SYS_PTS)) == 0 &&
	    strchr(path + strlen(SYS_PTS), '/') == NULL;
}

/* A symlink's stat, in either layout. */
#define FAKE_STAT(st) do {					\
	memset((st), 0, sizeof *(st));				\
	(st)->st_mode = S_IFLNK | 0777;				\
	(st)->st_nlink = 1;					\
} while (0)
static void
fake_stat(struct stat *st)
{
	FAKE_STAT(st);
}

int
__lxstat(int ver, const char *path, struct stat *st)
{
	static int (*real)(int, const char *, struct stat *);

	if (is_fake(path)) {
		fake_stat(st);
		return 0;
	}
	if (real == NULL && next("__lxstat", &real, sizeof real) == -1)
		return -1;
	return real(ver, path, st);
}

/* i386: the large-file variant. */
int
__lxstat64(int ver, const char *path, struct stat64 *st)
{
	static int (*real)(int, const char *, struct stat64 *);

	if (is_fake(path)) {
		FAKE_STAT(st);
		return 0;
	}
	if (real == NULL)
		next("__lxstat64", &real, sizeof real);
	if (real == NULL) {
		errno = ENOSYS;
		return -1;
	}
	return real(ver, path, st);
}

int
lstat64(const char *path, struct stat64 *st)
{
	static int (*real)(const char *, struct stat64 *);

	if (is_fake(path)) {
		FAKE_STAT(st);
		return 0;
	}
	if (real == NULL)
		next("lstat64", &real, sizeof real);
	if (real == NULL) {
		errno = ENOSYS;
		return -1;
	}
	return real(path, st);
}

/* Newer builds of the library call lstat() itself. */
int
lstat(const char *path, struct stat *st)
{
	static int (*real)(const char *, struct stat *);

	if (is_fake(path)) {
		fake_stat(st);
		return 0;
	}
	if (real == NULL && next("lstat", &real, sizeof real) == -1)
		return -1;
	return real(path, st);
}

ssize_t
readlink(const char *restrict path, char *restrict buf, size_t len)
{
	static ssize_t (*real)(const char *restrict, char *restrict, size_t);
	char target[256];
	size_t n;

	if (is_fake(path)) {
		n = (size_t)snprintf(target, sizeof target,
		    "../../devices/virtual/tty/pts%s", path + strlen(SYS_PTS));
		if (n > len)
			n = len;
		memcpy(buf, target, n);
		return (ssize_t)n;
	}
	if (real == NULL && next("readlink", &real, sizeof real) == -1)
		return -1;
	return real(path, buf, len);
}

int
ioctl(int fd, unsigned long req, ...)
{
	static int (*real)(int, unsigned long, ...);
	va_list ap;
	void *arg;
	int r, saved;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (real == NULL && next("ioctl", &real, sizeof real) == -1)
		return -1;
	r = real(fd, req, arg);
	if (r == -1 && (errno == ENOTTY || errno == EINVAL) &&
	    (req == TIOCMGET || req == TIOCMSET || req == TIOCMBIS ||
	    req == TIOCMBIC)) {
		saved = errno;
		if (isatty(fd)) {
			if (req == TIOCMGET && arg != NULL)
				*(int *)arg = 0;
			return 0;
		}
		errno = saved;
	}
	return r;
}
