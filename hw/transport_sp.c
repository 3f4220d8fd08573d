/* transport_sp.c: the libserialport transport, for real serial ports.
 * This is the only file that includes libserialport.h.
 *
 * libserialport opens and configures the port.  Reads and writes go
 * through its non-blocking calls after our own poll(2) on its handle,
 * because its blocking read keeps looping on a hung-up line (0.1.1 treats
 * a 0-byte read as "try again"), which would spin the CPU until the
 * timeout, or forever with none.
 */
#include <errno.h>
#include <string.h>

#include <libserialport.h>

#include "okno.h"
#include "transport_impl.h"

int
tr_sp_accepts(const char *path)
{
	struct sp_port *port;

	if (sp_get_port_by_name(path, &port) != SP_OK)
		return 0;
	sp_free_port(port);
	return 1;
}

static const char *
sp_msg(void)
{
	char *m = sp_last_error_message();
	static char buf[256];

	strlcpy_(buf, m != NULL ? m : "?", sizeof buf);
	sp_free_error_message(m);
	return buf;
}

static int
sp_fail_call(struct transport *t, const char *what, int rc, struct err *e)
{
	if (rc == SP_ERR_FAIL)
		return tr_fail(t, TR_CONFIG, e, "%s: %s", what, sp_msg());
	return tr_fail(t, TR_CONFIG, e, _("%s: not supported by the port"),
	    what);
}

static int
spt_open(struct transport *t, struct err *e)
{
	const struct config_device *d = t->dev;
	struct sp_port *port = NULL;
	struct sp_port_config *cfg = NULL;
	enum sp_parity parity = SP_PARITY_NONE;
	enum sp_flowcontrol flow = SP_FLOWCONTROL_NONE;
	int rc, r = TR_OK;

	if ((rc = sp_get_port_by_name(t->path, &port)) != SP_OK)
		return tr_fail(t, TR_ABSENT, e, _("libserialport does not "
		    "know the port: %s"), sp_msg());
	t->impl = port;
	if ((rc = sp_open(port, SP_MODE_READ_WRITE)) != SP_OK) {
		sp_free_port(port);
		t->impl = NULL;
		return tr_fail(t, TR_EIO, e, "sp_open: %s", sp_msg());
	}
	if (d->parity != NULL && strcmp(d->parity, "odd") == 0)
		parity = SP_PARITY_ODD;
	else if (d->parity != NULL && strcmp(d->parity, "even") == 0)
		parity = SP_PARITY_EVEN;
	if (d->flow != NULL && strcmp(d->flow, "rtscts") == 0)
		flow = SP_FLOWCONTROL_RTSCTS;
	else if (d->flow != NULL && strcmp(d->flow, "xonxoff") == 0)
		flow = SP_FLOWCONTROL_XONXOFF;
	if ((rc = sp_new_config(&cfg)) != SP_OK) {
		r = sp_fail_call(t, "sp_new_config", rc, e);
		goto out;
	}
	/*
	 * Set every field we care about; the rest stay -1 ("leave as is").
	 * The flow control call also sets RTS and DTR to fixed levels.
	 */
	if ((rc = sp_set_config_baudrate(cfg, d->baud > 0 ? d->baud :
	    9600)) != SP_OK ||
	    (rc = sp_set_config_bits(cfg, d->bits > 0 ? d->bits : 8)) !=
	    SP_OK ||
	    (rc = sp_set_config_parity(cfg, parity)) != SP_OK ||
	    (rc = sp_set_config_stopbits(cfg, d->stopbits == 2 ? 2 : 1)) !=
	    SP_OK ||
	    (rc = sp_set_config_flowcontrol(cfg, flow)) != SP_OK) {
		r = sp_fail_call(t, "sp_set_config", rc, e);
		goto out;
	}
	if ((rc = sp_set_config(port, cfg)) != SP_OK) {
		r = sp_fail_call(t, _("line settings"), rc, e);
		goto out;
	}
	if ((rc = sp_get_port_handle(port, &t->fd)) != SP_OK) {
		r = sp_fail_call(t, "sp_get_port_handle", rc, e);
		goto out;
	}
out:
	if (cfg != NULL)
		sp_free_config(cfg);
	return r;
}

static ssize_t
spt_wr(struct transport *t, void *p, size_t n)
{
	enum sp_return r = sp_nonblocking_write(t->impl, p, n);

	if (r < 0) {
		errno = r == SP_ERR_FAIL ? sp_last_error_code() : EIO;
		return -1;
	}
	return (ssize_t)r;
}

/* 0 here means EAGAIN or end of file; our poll said readable, so EOF. */
static ssize_t
spt_rd(struct transport *t, void *p, size_t n)
{
	enum sp_return r = sp_nonblocking_read(t->impl, p, n);

	if (r < 0) {
		errno = r == SP_ERR_FAIL ? sp_last_error_code() : EIO;
		return -1;
	}
	return (ssize_t)r;
}

static int
spt_write(struct transport *t, const void *p, size_t n, int timeout_ms,
    struct err *e)
{
	return tr_write_loop(t, p, n, timeout_ms, spt_wr, e);
}

static int
spt_read(struct transport *t, void *p, size_t n, size_t *got, int timeout_ms,
    struct err *e)
{
	return tr_read_loop(t, p, n, got, timeout_ms, spt_rd, e);
}

static int
spt_outq(struct transport *t)
{
	enum sp_return r = sp_output_waiting(t->impl);

	if (r < 0) {
		errno = r == SP_ERR_FAIL ? sp_last_error_code() : EIO;
		return -1;
	}
	return (int)r;
}

/* Not sp_drain(): tcdrain() may wait for ever on a stopped line. */
static int
spt_drain(struct transport *t, int timeout_ms, struct err *e)
{
	return tr_drain_loop(t, timeout_ms, spt_outq, e);
}

static void
spt_flush_input(struct transport *t)
{
	sp_flush(t->impl, SP_BUF_INPUT);
}

static void
spt_close(struct transport *t)
{
	if (t->impl == NULL)
		return;
	if (t->fd != -1 && t->unsent)	/* see tio_close */
		sp_flush(t->impl, SP_BUF_OUTPUT);
	sp_close(t->impl);
	sp_free_port(t->impl);
	t->impl = NULL;
	t->fd = -1;
}

const struct transport_ops transport_serialport = {
	"libserialport", spt_open, spt_write, spt_read, spt_drain,
	spt_flush_input, spt_close
};
