/* transport.h: a serial port opened for one job: exclusive lock, line
 * settings, and reads and writes that never wait longer than told. */
#ifndef OKNO_TRANSPORT_H
#define OKNO_TRANSPORT_H

#include <stddef.h>

#include "config.h"

/*
 * What a transport call returns.  Every failure also fills the struct err
 * (code OKNO_EIO, or OKNO_ECONFIG for impossible line settings) with a
 * translated message naming the port.
 */
enum tr_status {
	TR_OK = 0,
	TR_ABSENT,	/* no such port, or the device is gone */
	TR_BUSY,	/* another process kept the lock past the timeout */
	TR_TIMEOUT,	/* nothing (or not everything) moved in time */
	TR_HANGUP,	/* the peer hung up: USB adapter pulled, pty closed */
	TR_EIO,		/* any other system error */
	TR_CONFIG	/* settings the port or the library cannot do */
};

struct transport;

/*
 * One implementation.  Each call is bounded: write and read wait at most
 * timeout_ms (poll(2)), drain at most timeout_ms; none busy-loops, and a
 * hang-up is reported at once as TR_HANGUP rather than retried.
 */
struct transport_ops {
	const char	*name;		/* "libserialport", "termios" */
	/* Opens t->path (already locked by the caller) and configures it. */
	int	(*open)(struct transport *, struct err *);
	/* Writes all n bytes or fails. */
	int	(*write)(struct transport *, const void *, size_t n,
		    int timeout_ms, struct err *);
	/* Waits for at least one byte, then takes what is there, up to n. */
	int	(*read)(struct transport *, void *, size_t n, size_t *got,
		    int timeout_ms, struct err *);
	/* Waits until the output queue is empty. */
	int	(*drain)(struct transport *, int timeout_ms, struct err *);
	/* Discards unread input (stale answers of an earlier job). */
	void	(*flush_input)(struct transport *);
	/* Releases the port; safe after a failed open. */
	void	(*close)(struct transport *);
};

extern const struct transport_ops transport_serialport;
extern const struct transport_ops transport_termios;

/* Default lock wait: long enough for another process's board or ticket. */
#define TRANSPORT_LOCK_MS	3000

/*
 * Opens dev->port for one job and holds it exclusively until
 * transport_close:
 *  1. the optional UUCP lock file /var/lock/LCK..NAME ($OKNO_LOCKDIR
 *     overrides the folder, for tests), stale ones (dead PID) removed;
 *  2. flock(LOCK_EX) on the device node, waited for up to lock_ms
 *     (sleeping, not spinning), so two okno processes never interleave;
 *  3. the implementation's open and line settings;
 *  4. TIOCEXCL on the open descriptor, so non-root programs cannot open the
 *     port meanwhile (a process that finds it EBUSY waits like for flock).
 * The implementation is chosen per port: libserialport when it accepts the
 * port, else plain termios when the port is a terminal (ptys, which Debian's
 * libserialport 0.1.1 refuses because they have no /sys/class/tty entry).
 * $OKNO_TRANSPORT ("libserialport" or "termios") forces one, for tests.
 * Symlinks (the simulator's, /dev/serial/by-id/...) are resolved first.
 */
int	 transport_open(const struct config_device *, int lock_ms,
	     struct transport **, struct err *);
/* Writes all of p within the device timeout plus the bytes' line time. */
int	 transport_write(struct transport *, const void *p, size_t n,
	     struct err *);
int	 transport_read(struct transport *, void *, size_t n, size_t *got,
	     int timeout_ms, struct err *);
/* Reads exactly n bytes unless timeout_ms (total) runs out; *got says. */
int	 transport_read_full(struct transport *, void *, size_t n,
	     size_t *got, int timeout_ms, struct err *);
int	 transport_drain(struct transport *, struct err *);
void	 transport_flush_input(struct transport *);
/*
 * Unlocks and closes; t may be NULL.  Never waits for unsent output:
 * bytes written after the last successful transport_drain are discarded.
 */
void	 transport_close(struct transport *);
/* "libserialport" or "termios": which implementation the port got. */
const char *transport_name(const struct transport *);
/* The device timeout in use (dev->timeout_ms, or 2000 when unset). */
int	 transport_timeout(const struct transport *);

/*
 * Checks that dev's port can be opened and locked, then lets it go: for
 * `okno device status` on devices that never answer (boards).
 */
int	 transport_probe(const struct config_device *, struct err *);

#endif
