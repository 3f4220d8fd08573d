/* board_alpha.c: LED message signs speaking the Alpha Sign Communications
 * Protocol (Adaptive Micro Systems, document 9708-8061, "M-Protocol").
 *
 * The frame emitted (standard transmission packet, one WRITE TEXT command,
 * with the checksum option):
 *
 *   00 00 00 00 00      five NULs: lets the sign find the baud rate
 *   01                  SOH
 *   'Z'                 type code: every sign type
 *   h h                 address, two ASCII hex digits ("00" broadcast,
 *                       else dev->address)
 *   02                  STX
 *   'A'                 command: write TEXT file
 *   'A'                 file label A
 *   1B '0' 'b'          ESC, display position fill, mode hold
 *   text                the lines, separated by 0D (new line); the newest
 *                       call wrapped in 07 '1' ... 07 '0' (flash on, off)
 *                       and marked '>'
 *   03                  ETX
 *   c c c c             checksum: the 16-bit sum of every byte from STX
 *                       to ETX inclusive, four upper-case ASCII hex digits
 *   04                  EOT
 */
#include <stdio.h>
#include <string.h>

#include "okno.h"
#include "board.h"

static int
alpha_render(const struct config_device *dev, const struct board_state *st,
    struct hwbuf *b, struct err *e)
{
	const char *cs = board_charset(dev, &board_alpha);
	int cols = board_columns(dev, &board_alpha);
	int lines = board_lines(dev, &board_alpha);
	char line[1024], hex[8];
	size_t stx, i;
	unsigned sum = 0;
	int y, r;

	if ((r = hwbuf_addtext(b, "", cs, e)) != OKNO_OK)
		return r;
	hwbuf_addv(b, 0, 0, 0, 0, 0, 0x01, 'Z', -1);
	snprintf(hex, sizeof hex, "%02X", dev->address >= 0 &&
	    dev->address <= 255 ? dev->address : 0);
	hwbuf_adds(b, hex);
	stx = b->len;
	hwbuf_addv(b, 0x02, 'A', 'A', 0x1b, '0', 'b', -1);
	for (y = 0; y < lines; y++) {
		if (y > 0)
			hwbuf_addc(b, 0x0d);
		board_line((size_t)y < st->ncalls ? &st->calls[y] : NULL,
		    y == 0, cols, 1, line, sizeof line);
		if (y == 0 && st->ncalls > 0)
			hwbuf_addv(b, 0x07, '1', -1);
		hwbuf_addtext(b, line, cs, e);
		if (y == 0 && st->ncalls > 0)
			hwbuf_addv(b, 0x07, '0', -1);
	}
	hwbuf_addc(b, 0x03);
	for (i = stx; i < b->len; i++)
		sum += b->p[i];
	snprintf(hex, sizeof hex, "%04X", sum & 0xffff);
	hwbuf_adds(b, hex);
	hwbuf_addc(b, 0x04);
	return OKNO_OK;
}

const struct board_driver board_alpha = {
	"alpha", 20, 2, "CP1251", alpha_render
};
