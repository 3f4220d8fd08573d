/* transport.c: opening and locking serial ports for one job, bounded
 * reads and writes with hang-up detection, and the plain termios
 * implementation used for pseudo-terminals. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "okno.h"
#include "transport_impl.h"

#define DEFAULT_TIMEOUT_MS	2000
#define LOCK_NAP_MS		20	/* between tries of a held lock */

/*
 * Monotonic milliseconds in 64 bits: a 32-bit long would wrap after 24.8
 * days of uptime, and a branch PC runs for months.  Deadlines are
 * compared by difference (tr_now_ms() - deadline >= 0), never as bare
 * values.
 */
int64_t
tr_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
tr_sleep_ms(int ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

int
tr_fail(struct transport *t, int status, struct err *e, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_set(e, status == TR_CONFIG ? OKNO_ECONFIG : OKNO_EIO, "%s: %s",
	    t->dev->port != NULL ? t->dev->port : "?", msg);
	return status;
}

int
tr_line_ms(const struct transport *t, size_t n)
{
	long baud = t->dev->baud > 0 ? t->dev->baud : 9600;
	long bits = 1 + (t->dev->bits > 0 ? t->dev->bits : 8) +
	    (t->dev->stopbits == 2 ? 2 : 1) +
	    (t->dev->parity != NULL && strcmp(t->dev->parity, "none") != 0);

	return (int)(((long long)n * bits * 1000 + baud - 1) / baud);
}

/*
 * Waits for events on t->fd until deadline.  For reading, pending data
 * wins over a hang-up so the last bytes a peer sent are not lost; for
 * writing, a hang-up wins: there is nobody to write to.
 */
static int
tr_poll(struct transport *t, short events, int64_t deadline, struct err *e)
{
	struct pollfd pfd;
	int64_t left;
	int r;

	for (;;) {
		left = deadline - tr_now_ms();
		if (left < 0)
			left = 0;
		pfd.fd = t->fd;
		pfd.events = events;
		pfd.revents = 0;
		r = poll(&pfd, 1, (int)left);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			return tr_fail(t, TR_EIO, e, "poll: %s",
			    strerror(errno));
		}
		if (r == 0)
			return TR_TIMEOUT;
		if (pfd.revents & POLLNVAL)
			return tr_fail(t, TR_EIO, e, _("port closed"));
		if ((events & POLLIN) && (pfd.revents & POLLIN))
			return TR_OK;
		if (pfd.revents & (POLLHUP | POLLERR))
			return tr_fail(t, TR_HANGUP, e,
			    _("the device hung up"));
		if (pfd.revents & events)
			return TR_OK;
	}
}

static int
tr_errno_status(int err)
{
	switch (err) {
	case EIO:
	case ENXIO:
	case ENODEV:
	case EPIPE:
		return TR_HANGUP;
	default:
		return TR_EIO;
	}
}

int
tr_write_loop(struct transport *t, const void *p, size_t n, int timeout_ms,
    tr_io_fn wr, struct err *e)
{
	const unsigned char *b = p;
	int64_t deadline = tr_now_ms() + timeout_ms;
	size_t off = 0;
	ssize_t w;
	int r;

	while (off < n) {
		if ((r = tr_poll(t, POLLOUT, deadline, e)) == TR_TIMEOUT)
			return tr_fail(t, TR_TIMEOUT, e, _("sent %zu of %zu "
			    "bytes; the device takes no more (timeout %d "
			    "ms)"), off, n, timeout_ms);
		if (r != TR_OK)
			return r;
		w = wr(t, (void *)(b + off), n - off);
		if (w < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			if (tr_errno_status(errno) == TR_HANGUP)
				return tr_fail(t, TR_HANGUP, e,
				    _("the device hung up"));
			return tr_fail(t, TR_EIO, e, "write: %s",
			    strerror(errno));
		}
		if (w == 0)	/* ready yet full: do not spin on it */
			tr_sleep_ms(5);
		off += (size_t)w;
	}
	return TR_OK;
}

int
tr_read_loop(struct transport *t, void *p, size_t n, size_t *got,
    int timeout_ms, tr_io_fn rd, struct err *e)
{
	int64_t deadline = tr_now_ms() + timeout_ms;
	ssize_t r;
	int s;

	*got = 0;
	for (;;) {
		if ((s = tr_poll(t, POLLIN, deadline, e)) == TR_TIMEOUT)
			return tr_fail(t, TR_TIMEOUT, e, _("no answer within "
			    "%d ms"), timeout_ms);
		if (s != TR_OK)
			return s;
		r = rd(t, p, n);
		if (r > 0) {
			*got = (size_t)r;
			return TR_OK;
		}
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		/*
		 * Readable yet nothing to read is end of file: the peer hung
		 * up (a pty whose other side closed).  Reading again would
		 * spin, which is the libserialport 0.1.1 trap.
		 */
		if (r == 0)
			return tr_fail(t, TR_HANGUP, e,
			    _("the device hung up"));
		if (tr_errno_status(errno) == TR_HANGUP)
			return tr_fail(t, TR_HANGUP, e,
			    _("the device hung up"));
		return tr_fail(t, TR_EIO, e, "read: %s", strerror(errno));
	}
}

int
tr_drain_loop(struct transport *t, int timeout_ms,
    int (*outq)(struct transport *), struct err *e)
{
	int64_t deadline = tr_now_ms() + timeout_ms;
	struct pollfd pfd;
	int q, first = 1;

	for (;;) {
		/* A device that vanishes while we wait must not look drained. */
		pfd.fd = t->fd;
		pfd.events = 0;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP |
		    POLLERR)))
			return tr_fail(t, TR_HANGUP, e,
			    _("the device hung up"));
		if ((q = outq(t)) == -1 && tr_errno_status(errno) ==
		    TR_HANGUP)
			return tr_fail(t, TR_HANGUP, e,
			    _("the device hung up"));
		if (q <= 0)
			return TR_OK;	/* empty, or the port cannot tell */
		if (first) {
			/* What is queued needs its line time on top. */
			deadline += tr_line_ms(t, (size_t)q);
			timeout_ms += tr_line_ms(t, (size_t)q);
			first = 0;
		}
		if (tr_now_ms() - deadline >= 0)
			return tr_fail(t, TR_TIMEOUT, e, _("%d bytes still "
			    "unsent after %d ms (flow control stopped?)"),
			    q, timeout_ms);
		tr_sleep_ms(10);
	}
}

/* --- plain termios, for pseudo-terminals --- */

static speed_t
tio_speed(int baud)
{
	switch (baud) {
	case 1200:	return B1200;
	case 2400:	return B2400;
	case 4800:	return B4800;
	case 9600:	return B9600;
	case 19200:	return B19200;
	case 38400:	return B38400;
	case 57600:	return B57600;
	case 115200:	return B115200;
	default:	return B0;
	}
}

static int
tio_open(struct transport *t, struct err *e)
{
	const struct config_device *d = t->dev;
	struct termios tio;
	speed_t sp;

	t->fd = t->lockfd;	/* one descriptor does both */
	if (tcgetattr(t->fd, &tio) == -1)
		return tr_fail(t, TR_CONFIG, e, _("not a serial port"));
	cfmakeraw(&tio);
	tio.c_cflag |= CLOCAL | CREAD;
	tio.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
	switch (d->bits > 0 ? d->bits : 8) {
	case 5: tio.c_cflag |= CS5; break;
	case 6: tio.c_cflag |= CS6; break;
	case 7: tio.c_cflag |= CS7; break;
	default: tio.c_cflag |= CS8; break;
	}
	if (d->parity != NULL && strcmp(d->parity, "odd") == 0)
		tio.c_cflag |= PARENB | PARODD;
	else if (d->parity != NULL && strcmp(d->parity, "even") == 0)
		tio.c_cflag |= PARENB;
	if (d->stopbits == 2)
		tio.c_cflag |= CSTOPB;
	tio.c_iflag &= ~(IXON | IXOFF | IXANY);
	if (d->flow != NULL && strcmp(d->flow, "rtscts") == 0)
		tio.c_cflag |= CRTSCTS;
	else if (d->flow != NULL && strcmp(d->flow, "xonxoff") == 0)
		tio.c_iflag |= IXON | IXOFF;
	tio.c_cc[VMIN] = 0;
	tio.c_cc[VTIME] = 0;
	if ((sp = tio_speed(d->baud > 0 ? d->baud : 9600)) == B0)
		return tr_fail(t, TR_CONFIG, e, _("unsupported baud rate %d"),
		    d->baud);
	cfsetispeed(&tio, sp);
	cfsetospeed(&tio, sp);
	if (tcsetattr(t->fd, TCSANOW, &tio) == -1)
		return tr_fail(t, TR_CONFIG, e, "tcsetattr: %s",
		    strerror(errno));
	return TR_OK;
}

static ssize_t
tio_wr(struct transport *t, void *p, size_t n)
{
	return write(t->fd, p, n);
}

static ssize_t
tio_rd(struct transport *t, void *p, size_t n)
{
	return read(t->fd, p, n);
}

static int
tio_write(struct transport *t, const void *p, size_t n, int timeout_ms,
    struct err *e)
{
	return tr_write_loop(t, p, n, timeout_ms, tio_wr, e);
}

static int
tio_read(struct transport *t, void *p, size_t n, size_t *got, int timeout_ms,
    struct err *e)
{
	return tr_read_loop(t, p, n, got, timeout_ms, tio_rd, e);
}

static int
tio_outq(struct transport *t)
{
	int n = 0;

	if (ioctl(t->fd, TIOCOUTQ, &n) == -1)
		return -1;
	return n;
}

static int
tio_drain(struct transport *t, int timeout_ms, struct err *e)
{
	return tr_drain_loop(t, timeout_ms, tio_outq, e);
}

static void
tio_flush_input(struct transport *t)
{
	tcflush(t->fd, TCIFLUSH);
}

static void
tio_close(struct transport *t)
{
	/*
	 * Undrained bytes would make close(2) wait up to the closing_wait
	 * (30 s): drop them.  Not after a full drain, though: on a pty that
	 * would discard what the other side has not read yet.
	 */
	if (t->fd != -1 && t->unsent)
		tcflush(t->fd, TCOFLUSH);
	t->fd = -1;		/* it is lockfd: transport_close closes it */
}

const struct transport_ops transport_termios = {
	"termios", tio_open, tio_write, tio_read, tio_drain,
	tio_flush_input, tio_close
};

/* --- opening and locking --- */

/* LCK..NAME as UUCP programs (minicom, cu) spell it: /dev/ dropped. */
static int
tr_uucp_lock(struct transport *t, int64_t deadline, struct err *e)
{
	const char *dir = getenv("OKNO_LOCKDIR");
	const char *name = t->path;
	char file[PATH_MAX], buf[32], *p;
	ssize_t n;
	long pid;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/var/lock";
	if (strncmp(name, "/dev/", 5) == 0)
		name += 5;
	if ((size_t)snprintf(file, sizeof file, "%s/LCK..%s", dir, name) >=
	    sizeof file)
		return tr_fail(t, TR_EIO, e, _("lock file name too long"));
	for (p = file + strlen(dir) + 1; *p != '\0'; p++)
		if (*p == '/')
			*p = '_';
	for (;;) {
		fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd != -1) {
			n = snprintf(buf, sizeof buf, "%10ld\n",
			    (long)getpid());
			if (write(fd, buf, (size_t)n) != n) {
				close(fd);
				unlink(file);
				return tr_fail(t, TR_EIO, e, _("cannot write "
				    "lock file %s"), file);
			}
			close(fd);
			strlcpy_(t->uucp, file, sizeof t->uucp);
			return TR_OK;
		}
		if (errno != EEXIST)
			return tr_fail(t, TR_EIO, e, _("cannot create lock "
			    "file %s: %s"), file, strerror(errno));
		pid = 0;
		if ((fd = open(file, O_RDONLY | O_CLOEXEC)) != -1) {
			n = read(fd, buf, sizeof buf - 1);
			close(fd);
			if (n > 0) {
				buf[n] = '\0';
				pid = strtol(buf, NULL, 10);
			}
		}
		/* A dead owner's lock is stale; an empty one is being made. */
		if (pid > 0 && kill((pid_t)pid, 0) == -1 && errno == ESRCH) {
			unlink(file);
			continue;
		}
		if (tr_now_ms() - deadline >= 0)
			return tr_fail(t, TR_BUSY, e, _("locked by process "
			    "%ld (%s)"), pid, file);
		tr_sleep_ms(LOCK_NAP_MS);
	}
}

static int
tr_lock(struct transport *t, int64_t deadline, struct err *e)
{
	int err;

	for (;;) {
		t->lockfd = open(t->path, O_RDWR | O_NOCTTY | O_NONBLOCK |
		    O_CLOEXEC);
		if (t->lockfd != -1)
			break;
		err = errno;
		/* EBUSY: another non-root process holds TIOCEXCL. */
		if (err == EBUSY && tr_now_ms() - deadline < 0) {
			tr_sleep_ms(LOCK_NAP_MS);
			continue;
		}
		if (err == EBUSY)
			return tr_fail(t, TR_BUSY, e, _("in use by another "
			    "program"));
		if (err == ENOENT || err == ENXIO || err == ENODEV ||
		    err == EIO)
			return tr_fail(t, TR_ABSENT, e, _("no such port "
			    "(device absent)"));
		return tr_fail(t, TR_EIO, e, "%s", strerror(err));
	}
	for (;;) {
		if (flock(t->lockfd, LOCK_EX | LOCK_NB) == 0)
			return TR_OK;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return tr_fail(t, TR_EIO, e, "flock: %s",
			    strerror(errno));
		if (tr_now_ms() - deadline >= 0)
			return tr_fail(t, TR_BUSY, e, _("still locked by "
			    "another okno process"));
		tr_sleep_ms(LOCK_NAP_MS);
	}
}

static const struct transport_ops *
tr_choose(const char *path)
{
	const char *force = getenv("OKNO_TRANSPORT");

	if (force != NULL && strcmp(force, "termios") == 0)
		return &transport_termios;
	if (force != NULL && strcmp(force, "libserialport") == 0)
		return &transport_serialport;
	return tr_sp_accepts(path) ? &transport_serialport :
	    &transport_termios;
}

int
transport_open(const struct config_device *dev, int lock_ms,
    struct transport **tp, struct err *e)
{
	struct transport *t;
	int64_t deadline = tr_now_ms() + (lock_ms > 0 ? lock_ms : 0);
	int r;

	*tp = NULL;
	t = xcalloc(1, sizeof *t);
	t->dev = dev;
	t->lockfd = t->fd = -1;
	t->timeout_ms = dev->timeout_ms > 0 ? dev->timeout_ms :
	    DEFAULT_TIMEOUT_MS;
	if (dev->port == NULL || *dev->port == '\0') {
		r = tr_fail(t, TR_ABSENT, e, _("no port configured"));
		goto fail;
	}
	if (realpath(dev->port, t->path) == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			r = tr_fail(t, TR_ABSENT, e, _("no such port (device "
			    "absent)"));
		else
			r = tr_fail(t, TR_EIO, e, "%s", strerror(errno));
		goto fail;
	}
	if (dev->uucp_lock && (r = tr_uucp_lock(t, deadline, e)) != TR_OK)
		goto fail;
	if ((r = tr_lock(t, deadline, e)) != TR_OK)
		goto fail;
	t->ops = tr_choose(t->path);
	if ((r = t->ops->open(t, e)) != TR_OK)
		goto fail;
	if (ioctl(t->fd, TIOCEXCL) == 0)
		t->excl = 1;
	t->ops->flush_input(t);
	*tp = t;
	return TR_OK;
fail:
	transport_close(t);
	return r;
}

int
transport_write(struct transport *t, const void *p, size_t n, struct err *e)
{
	t->unsent = 1;
	return t->ops->write(t, p, n, t->timeout_ms + tr_line_ms(t, n), e);
}

int
transport_read(struct transport *t, void *p, size_t n, size_t *got,
    int timeout_ms, struct err *e)
{
	return t->ops->read(t, p, n, got, timeout_ms, e);
}

int
transport_read_full(struct transport *t, void *p, size_t n, size_t *got,
    int timeout_ms, struct err *e)
{
	int64_t deadline = tr_now_ms() + timeout_ms, left;
	size_t one;
	int r;

	*got = 0;
	while (*got < n) {
		if ((left = deadline - tr_now_ms()) < 0)
			left = 0;
		r = t->ops->read(t, (unsigned char *)p + *got, n - *got, &one,
		    (int)left, e);
		if (r != TR_OK)
			return r;
		*got += one;
	}
	return TR_OK;
}

int
transport_drain(struct transport *t, struct err *e)
{
	int r;

	if ((r = t->ops->drain(t, t->timeout_ms, e)) == TR_OK)
		t->unsent = 0;
	return r;
}

void
transport_flush_input(struct transport *t)
{
	t->ops->flush_input(t);
}

void
transport_close(struct transport *t)
{
	if (t == NULL)
		return;
	/*
	 * TIOCEXCL outlives this descriptor while anyone else (the
	 * simulator) keeps the tty open: undo it, or the next job of a
	 * non-root process would find the port EBUSY for good.
	 */
	if (t->excl && t->fd != -1)
		ioctl(t->fd, TIOCNXCL);
	if (t->ops != NULL)
		t->ops->close(t);
	if (t->fd != -1 && t->fd != t->lockfd)
		close(t->fd);
	if (t->lockfd != -1)
		close(t->lockfd);	/* releases the flock */
	if (t->uucp[0] != '\0')
		unlink(t->uucp);
	free(t);
}

const char *
transport_name(const struct transport *t)
{
	return t->ops->name;
}

int
transport_timeout(const struct transport *t)
{
	return t->timeout_ms;
}

int
transport_probe(const struct config_device *dev, struct err *e)
{
	struct transport *t;
	int r;

	if ((r = transport_open(dev, TRANSPORT_LOCK_MS, &t, e)) == TR_OK)
		transport_close(t);
	return r;
}
