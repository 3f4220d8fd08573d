/* sim_board.c: the simulated boards: an Epson DM-D customer display, an
 * Alpha protocol LED sign (checksum checked) and RS-485 addressed
 * displays, each printing what it shows after every frame.
 *
 * Output: "# ..." lines describe a frame; "|text|" lines are the board's
 * lines as shown (UTF-8); an Alpha line that flashes ends in " (flash)";
 * RS-485 lines start with the display's address, "[5] |A017|".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define MAXCOLS	80
#define MAXLINES 16

static struct {
	unsigned char	cell[MAXLINES][MAXCOLS];
	int		x, y;		/* cursor, 0-based */
	int		codetable;
	int		dirty;
	int		ready;		/* cells initialised */
} D = { .codetable = 17 };

static int
cols(struct sim *s, int def)
{
	return s->columns > 0 && s->columns <= MAXCOLS ? s->columns : def;
}

static int
rows(struct sim *s, int def)
{
	return s->lines > 0 && s->lines <= MAXLINES ? s->lines : def;
}

static void
emit_text(struct sim *s, const char *prefix, const unsigned char *p,
    size_t n, const char *charset, const char *suffix)
{
	char *t = hw_to_utf8(p, n, charset);

	sim_emit(s, "%s|%s|%s", prefix, t != NULL ? t : "?", suffix);
	free(t);
}

/* --- Epson DM-D --- */

static void
dmd_clear(void)
{
	memset(D.cell, ' ', sizeof D.cell);
	D.x = D.y = 0;
	D.dirty = 1;
}

static void
dmd_put(struct sim *s, unsigned char c)
{
	int w = cols(s, 20), h = rows(s, 2);

	if (D.x >= w) {			/* wrap to the next line */
		D.x = 0;
		D.y = (D.y + 1) % h;
	}
	D.cell[D.y][D.x++] = c;
	D.dirty = 1;
}

static size_t
dmd_command(struct sim *s, const unsigned char *p, size_t len)
{
	switch (p[0]) {
	case 0x0c:
		dmd_clear();
		return 1;
	case 0x0d:
		D.x = 0;
		return 1;
	case 0x0a:
		D.y = (D.y + 1) % rows(s, 2);
		return 1;
	case 0x1b:
		if (len < 2)
			return 0;
		if (p[1] == '@') {
			dmd_clear();
			return 2;
		}
		if (len < 3)
			return 0;
		if (p[1] == 't')
			D.codetable = p[2];
		return 3;
	case 0x1f:
		if (len < 2)
			return 0;
		if (p[1] != '$')
			return 2;
		if (len < 4)
			return 0;
		if (p[2] >= 1 && p[2] <= cols(s, 20))
			D.x = p[2] - 1;
		if (p[3] >= 1 && p[3] <= rows(s, 2))
			D.y = p[3] - 1;
		return 4;
	default:
		if (p[0] >= 0x20)
			dmd_put(s, p[0]);
		return 1;
	}
}

static void
dmd_show(struct sim *s)
{
	const char *cs = s->charset != NULL ? s->charset :
	    D.codetable == 46 ? "CP1251" : "CP866";
	int y;

	sim_emit(s, "# dmd");
	for (y = 0; y < rows(s, 2); y++)
		emit_text(s, "", D.cell[y], (size_t)cols(s, 20), cs, "");
	D.dirty = 0;
}

/* --- Alpha --- */

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Shows the text of a WRITE TEXT command: lines split at 0D. */
static void
alpha_text(struct sim *s, const unsigned char *p, size_t n)
{
	const char *cs = s->charset != NULL ? s->charset : "CP1251";
	struct hwbuf line = { 0 };
	int flash = 0;
	size_t i;

	for (i = 0; i <= n; i++) {
		if (i == n || p[i] == 0x0d) {
			emit_text(s, "", line.p, line.len, cs,
			    flash ? " (flash)" : "");
			line.len = 0;
			flash = 0;
		} else if (p[i] == 0x1b && i + 2 < n)
			i += 2;			/* position and mode */
		else if (p[i] == 0x07 && i + 1 < n) {
			if (p[++i] == '1')
				flash = 1;
		} else if ((p[i] == 0x1a || p[i] == 0x1c || p[i] == 0x1e) &&
		    i + 1 < n)
			i++;			/* font, colour, etc. */
		else if (p[i] >= 0x20)
			hwbuf_addc(&line, p[i]);
	}
	hwbuf_free(&line);
}

/* One frame from SOH; 0 when incomplete, else the bytes taken. */
static size_t
alpha_frame(struct sim *s, const unsigned char *p, size_t len)
{
	size_t stx, etx, i;
	unsigned sum = 0, want = 0;
	int h;

	if (len < 5)
		return 0;
	stx = 4;
	if (p[stx] != 0x02) {
		sim_emit(s, "# alpha: no STX after the header");
		return 1;
	}
	for (etx = stx; etx < len && p[etx] != 0x03; etx++)
		if (p[etx] == 0x01) {
			sim_emit(s, "# alpha: frame cut short");
			return etx;
		}
	if (etx + 6 > len)
		return 0;
	for (i = stx; i <= etx; i++)
		sum += p[i];
	sum &= 0xffff;
	for (i = etx + 1; i < etx + 5; i++) {
		if ((h = hexval(p[i])) < 0) {
			sim_emit(s, "# alpha: bad checksum digits");
			return etx + 1;
		}
		want = want * 16 + (unsigned)h;
	}
	if (p[etx + 5] != 0x04)
		sim_emit(s, "# alpha: no EOT after the checksum");
	if (want != sum) {
		sim_emit(s, "# alpha: BAD CHECKSUM %04X, computed %04X: "
		    "frame ignored", want, sum);
		return etx + 6;
	}
	sim_emit(s, "# alpha type %c address %c%c command %c file %c "
	    "checksum %04X ok", p[1], p[2], p[3], p[stx + 1],
	    etx > stx + 2 ? p[stx + 2] : '?', sum);
	if (p[stx + 1] == 'A' && etx > stx + 2)
		alpha_text(s, p + stx + 3, etx - stx - 3);
	return etx + 6;
}

static size_t
alpha_feed(struct sim *s, const unsigned char *p, size_t len)
{
	size_t off = 0, n;

	while (off < len) {
		if (p[off] != 0x01) {	/* sync NULs, stray bytes */
			off++;
			continue;
		}
		if ((n = alpha_frame(s, p + off, len - off)) == 0)
			break;
		off += n;
	}
	return off;
}

/* --- RS-485 --- */

static size_t
rs485_feed(struct sim *s, const unsigned char *p, size_t len)
{
	const char *cs = s->charset != NULL ? s->charset : "CP1251";
	size_t off = 0, end, n, w = (size_t)cols(s, 10), i;
	char prefix[16];

	while (off < len) {
		if (p[off] != 0x01) {
			off++;
			continue;
		}
		if (off + 2 > len)
			break;
		for (end = off + 2; end < len && p[end] != 0x07; end++)
			;
		if (end >= len)
			break;
		n = end - off - 2;
		snprintf(prefix, sizeof prefix, "[%d] ", p[off + 1]);
		sim_emit(s, "# rs485 address %d, %zu bytes", p[off + 1], n);
		if (n <= w)
			emit_text(s, prefix, p + off + 2, n, cs, "");
		else
			for (i = 0; i < n; i += w)
				emit_text(s, prefix, p + off + 2 + i,
				    n - i < w ? n - i : w, cs, "");
		off = end + 1;
	}
	return off;
}

void
sim_board_feed(struct sim *s)
{
	size_t off = 0, n;

	if (!D.ready) {
		dmd_clear();
		D.dirty = 0;
		D.ready = 1;
	}
	if (strcmp(s->driver, "alpha") == 0)
		off = alpha_feed(s, s->in.p, s->in.len);
	else if (strcmp(s->driver, "rs485") == 0)
		off = rs485_feed(s, s->in.p, s->in.len);
	else
		while (off < s->in.len) {
			if ((n = dmd_command(s, s->in.p + off,
			    s->in.len - off)) == 0)
				break;
			off += n;
		}
	sim_consume(s, off);
}

void
sim_board_idle(struct sim *s)
{
	if (strcmp(s->driver, "dmd") == 0 && D.dirty)
		dmd_show(s);
}

void
sim_board_free(void)
{
}
