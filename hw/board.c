/* board.c: board drivers' common part: driver choice, hall line layout,
 * and sending a rendered state under the port lock. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "lang.h"
#include "okno.h"
#include "board.h"
#include "transport.h"

static const struct board_driver *const drivers[] = {
	&board_dmd, &board_alpha, &board_rs485
};

const struct board_driver *
board_driver(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < nitems(drivers); i++)
		if (strcmp(drivers[i]->name, name) == 0)
			return drivers[i];
	return NULL;
}

int
board_columns(const struct config_device *dev, const struct board_driver *d)
{
	return dev->columns > 0 ? dev->columns : d->columns;
}

int
board_lines(const struct config_device *dev, const struct board_driver *d)
{
	return dev->lines > 0 ? dev->lines : d->lines;
}

const char *
board_charset(const struct config_device *dev, const struct board_driver *d)
{
	return dev->charset != NULL && *dev->charset != '\0' ? dev->charset :
	    d->charset;
}

/* Appends n spaces to a UTF-8 buffer of size size at *len. */
static void
pad(char *out, size_t size, size_t *len, size_t n)
{
	while (n-- > 0 && *len + 1 < size)
		out[(*len)++] = ' ';
	out[*len] = '\0';
}

void
board_line(const struct board_call *c, int newest, int columns, int label,
    char *out, size_t size)
{
	char right[64], left[BOARD_NUMBER_MAX + 2];
	size_t lc, rc, len, cut;

	out[0] = '\0';
	len = 0;
	if (columns <= 0 || size == 0)
		return;
	if (c == NULL || c->number[0] == '\0') {
		pad(out, size, &len, (size_t)columns);
		return;
	}
	snprintf(left, sizeof left, "%c%s", newest ? '>' : ' ', c->number);
	right[0] = '\0';
	if (c->window > 0) {
		if (label)
			snprintf(right, sizeof right, C_("window %d"),
			    c->window);
		if (!label || utf8_len(left) + 1 + utf8_len(right) >
		    (size_t)columns)
			snprintf(right, sizeof right, "%d", c->window);
	}
	lc = utf8_len(left);
	rc = utf8_len(right);
	if (lc + (rc ? rc + 1 : 0) > (size_t)columns) {
		/* Too narrow for both: the number matters most. */
		right[0] = '\0';
		rc = 0;
	}
	cut = hw_utf8_prefix(left, (size_t)columns);
	if (cut >= size)
		cut = size - 1;
	memcpy(out, left, cut);
	len = cut;
	out[len] = '\0';
	lc = utf8_len(out);
	if ((size_t)columns > lc + rc)
		pad(out, size, &len, (size_t)columns - lc - rc);
	if (len + strlen(right) < size) {
		memcpy(out + len, right, strlen(right) + 1);
		len += strlen(right);
	}
}

int
board_render(const struct config_device *dev, const struct board_state *st,
    struct hwbuf *out, struct err *e)
{
	const struct board_driver *d = board_driver(dev->driver);

	if (d == NULL)
		return err_set(e, OKNO_ECONFIG, _("unknown board driver "
		    "\"%s\""), dev->driver != NULL ? dev->driver : "");
	return d->render(dev, st, out, e);
}

int
board_show(const struct config_device *dev, const struct board_state *st,
    struct err *e)
{
	return board_show_fill(dev, NULL, (void *)(uintptr_t)st, e);
}

/*
 * With fill, the state is read after the port's lock is taken: whichever
 * process sends last also read last, so the board converges to the
 * database's latest state even when several processes change the queue
 * at once.  Without fill, arg is the state itself.
 */
int
board_show_fill(const struct config_device *dev, board_fill_fn fill,
    void *arg, struct err *e)
{
	struct board_state st;
	struct hwbuf b = { 0 };
	struct transport *t = NULL;
	int code, tr;

	err_clear(e);
	if (dev == NULL || dev->driver == NULL)
		return err_set(e, OKNO_EIO, _("no board is configured"));
	if (board_driver(dev->driver) == NULL)
		return err_set(e, OKNO_ECONFIG, _("unknown board driver '%s'"),
		    dev->driver);
	if ((tr = transport_open(dev, TRANSPORT_LOCK_MS, &t, e)) != TR_OK) {
		code = tr == TR_CONFIG ? OKNO_ECONFIG : OKNO_EIO;
		goto out;
	}
	if (fill == NULL)
		st = *(const struct board_state *)arg;
	else if ((code = fill(arg, &st, e)) != OKNO_OK)
		goto out;
	if ((code = board_render(dev, &st, &b, e)) != OKNO_OK)
		goto out;
	code = OKNO_EIO;
	if (transport_write(t, b.p, b.len, e) != TR_OK ||
	    transport_drain(t, e) != TR_OK)
		goto out;
	code = OKNO_OK;
out:
	transport_close(t);
	hwbuf_free(&b);
	return code;
}

void
board_test_state(const struct config_device *dev, struct board_state *st)
{
	size_t i;

	memset(st, 0, sizeof *st);
	for (i = 0; i < 3; i++) {
		snprintf(st->calls[i].number, sizeof st->calls[i].number,
		    "A%03zu", 3 - i);
		st->calls[i].window = (int)i + 1;
	}
	st->ncalls = 3;
	/* Every per-window display shows 8888: all segments lit. */
	for (i = 0; i < dev->nwindow_addr && i < BOARD_MAX_WINDOWS; i++) {
		st->current[i].window = dev->window_addr[2 * i];
		strlcpy_(st->current[i].number, "8888",
		    sizeof st->current[i].number);
	}
	st->ncurrent = i;
}

int
board_test(const struct config_device *dev, struct err *e)
{
	struct board_state st;

	if (dev == NULL || dev->driver == NULL)
		return err_set(e, OKNO_EIO, _("no board is configured"));
	board_test_state(dev, &st);
	return board_show(dev, &st, e);
}

int
board_probe(const struct config_device *dev, struct err *e)
{
	if (dev == NULL || dev->driver == NULL)
		return err_set(e, OKNO_EIO, _("no board is configured"));
	return transport_probe(dev, e) == TR_OK ? OKNO_OK : OKNO_EIO;
}
