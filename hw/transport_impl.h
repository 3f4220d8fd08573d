/* transport_impl.h: what the transport implementations share; private to
 * hw/transport*.c. */
#ifndef OKNO_TRANSPORT_IMPL_H
#define OKNO_TRANSPORT_IMPL_H

#include <limits.h>
#include <stdint.h>
#include <sys/types.h>

#include "okno.h"
#include "transport.h"

struct transport {
	const struct transport_ops	*ops;
	const struct config_device	*dev;
	char	 path[PATH_MAX];	/* the device node, symlinks resolved */
	int	 lockfd;		/* holds the flock; -1 none */
	int	 fd;			/* I/O; may be lockfd itself */
	int	 excl;			/* TIOCEXCL set on fd */
	char	 uucp[PATH_MAX];	/* our LCK.. file; "" none */
	int	 timeout_ms;
	int	 unsent;		/* written since the last full drain */
	void	*impl;			/* libserialport's struct sp_port */
};

/* Non-blocking primitives an implementation supplies to the loops. */
typedef ssize_t	(*tr_io_fn)(struct transport *, void *, size_t);

int64_t	 tr_now_ms(void);	/* monotonic; see transport.c */
void	 tr_sleep_ms(int);
int	 tr_fail(struct transport *, int status, struct err *,
	     const char *fmt, ...) OKNO_PRINTF(4, 5);
int	 tr_write_loop(struct transport *, const void *, size_t, int timeout_ms,
	     tr_io_fn, struct err *);
int	 tr_read_loop(struct transport *, void *, size_t, size_t *got,
	     int timeout_ms, tr_io_fn, struct err *);
/*
 * Waits for an empty output queue, polling outq() with short sleeps;
 * outq returns the bytes queued, or -1 with errno set.
 */
int	 tr_drain_loop(struct transport *, int timeout_ms,
	     int (*outq)(struct transport *), struct err *);
/* Line time of n bytes at the port's speed, in ms, rounded up. */
int	 tr_line_ms(const struct transport *, size_t n);

/* transport_sp.c: does libserialport know this port? */
int	 tr_sp_accepts(const char *path);

#endif
