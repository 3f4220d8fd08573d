/* board_dmd.c: Epson DM-D customer display (2x20 and alike) as a small
 * hall board: the latest calls, one a line, the newest marked '>'.
 *
 * Frame: ESC t n (code table; 17 = PC866 by default), FF (0C, clear), then
 * for each line y (1-based) US $ 1 y (1F 24 01 y, cursor to column 1) and
 * exactly `columns` characters of text in the code page.
 */
#include <string.h>

#include "okno.h"
#include "board.h"

#define DMD_CODEPAGE	17

static int
dmd_render(const struct config_device *dev, const struct board_state *st,
    struct hwbuf *b, struct err *e)
{
	const char *cs = board_charset(dev, &board_dmd);
	int cols = board_columns(dev, &board_dmd);
	int lines = board_lines(dev, &board_dmd);
	char line[1024];
	int y, r;

	if ((r = hwbuf_addtext(b, "", cs, e)) != OKNO_OK)
		return r;
	hwbuf_addv(b, 0x1b, 't', dev->codepage >= 0 ? dev->codepage :
	    DMD_CODEPAGE, 0x0c, -1);
	for (y = 0; y < lines && y < 255; y++) {
		board_line((size_t)y < st->ncalls ? &st->calls[y] : NULL,
		    y == 0, cols, 1, line, sizeof line);
		hwbuf_addv(b, 0x1f, '$', 1, y + 1, -1);
		hwbuf_addtext(b, line, cs, e);
	}
	return OKNO_OK;
}

const struct board_driver board_dmd = {
	"dmd", 20, 2, "CP866", dmd_render
};
