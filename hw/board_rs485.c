/* board_rs485.c: QSystem-style addressed frames on an RS-485 line shared
 * by a hall board and small per-window number displays.
 *
 * One frame per display, all sent in one go:
 *
 *   01  addr  payload  07
 *
 * addr is one binary byte (0-255).  payload is CP1251 text with no control
 * bytes (so 01 and 07 never occur inside it).  The hall board (when
 * dev->address >= 0) gets `lines` lines of exactly `columns` characters
 * each, concatenated: '>' on the newest call, the number, the window
 * number right-aligned.  Each per-window display (dev->window_addr pairs)
 * gets its window's current ticket number, or an empty payload to blank.
 */
#include <string.h>

#include "okno.h"
#include "board.h"

static const char *
current_number(const struct board_state *st, int window)
{
	size_t i;

	for (i = 0; i < st->ncurrent; i++)
		if (st->current[i].window == window)
			return st->current[i].number;
	return "";
}

static int
rs485_render(const struct config_device *dev, const struct board_state *st,
    struct hwbuf *b, struct err *e)
{
	const char *cs = board_charset(dev, &board_rs485);
	int cols = board_columns(dev, &board_rs485);
	int lines = board_lines(dev, &board_rs485);
	char line[1024];
	size_t i;
	int y, r;

	if ((r = hwbuf_addtext(b, "", cs, e)) != OKNO_OK)
		return r;
	if (dev->address >= 0 && dev->address <= 255) {
		hwbuf_addv(b, 0x01, dev->address, -1);
		for (y = 0; y < lines; y++) {
			board_line((size_t)y < st->ncalls ? &st->calls[y] :
			    NULL, y == 0, cols, 0, line, sizeof line);
			hwbuf_addtext(b, line, cs, e);
		}
		hwbuf_addc(b, 0x07);
	}
	for (i = 0; i < dev->nwindow_addr; i++) {
		hwbuf_addv(b, 0x01, dev->window_addr[2 * i + 1] & 0xff, -1);
		hwbuf_addtext(b, current_number(st, dev->window_addr[2 * i]),
		    cs, e);
		hwbuf_addc(b, 0x07);
	}
	return OKNO_OK;
}

const struct board_driver board_rs485 = {
	"rs485", 10, 3, "CP1251", rs485_render
};
