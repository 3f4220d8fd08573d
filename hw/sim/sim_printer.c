/* sim_printer.c: the simulated ESC/POS printer: decodes a ticket into
 * text lines with their attributes, cuts, and answers DLE EOT status
 * queries as the chosen fault dictates.
 *
 * Output, one event a line:
 *   # ...                     a command worth knowing (init, code table)
 *   [center bold 2x2] A017    a printed line; the brackets list the
 *                             attributes in force at its first character,
 *                             left out when all are plain
 *   ---- cut ----             a cut
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static struct {
	int		 bold, align, width, height;
	int		 lbold, lalign, lwidth, lheight;  /* at line start */
	int		 codetable;
	struct hwbuf	 line;
} P = { .codetable = 17, .width = 1, .height = 1 };

static const char *
table_charset(struct sim *s)
{
	if (s->charset != NULL)
		return s->charset;
	switch (P.codetable) {
	case 0:		return "CP437";
	case 17:	return "CP866";
	case 46:	return "CP1251";
	default:	return "CP866";
	}
}

static void
reset(void)
{
	P.bold = P.align = 0;
	P.width = P.height = 1;
}

static void
emit_line(struct sim *s)
{
	char attrs[64] = "", *text;

	if (P.lalign == 1)
		strcat(attrs, " center");
	else if (P.lalign == 2)
		strcat(attrs, " right");
	if (P.lbold)
		strcat(attrs, " bold");
	if (P.lwidth != 1 || P.lheight != 1)
		snprintf(attrs + strlen(attrs), sizeof attrs - strlen(attrs),
		    " %dx%d", P.lwidth, P.lheight);
	text = hw_to_utf8(P.line.p, P.line.len, table_charset(s));
	if (attrs[0] != '\0')
		sim_emit(s, "[%s] %s", attrs + 1, text != NULL ? text : "?");
	else
		sim_emit(s, "%s", text != NULL ? text : "?");
	free(text);
	P.line.len = 0;
}

static void
put_char(unsigned char c)
{
	if (P.line.len == 0) {
		P.lbold = P.bold;
		P.lalign = P.align;
		P.lwidth = P.width;
		P.lheight = P.height;
	}
	hwbuf_addc(&P.line, c);
}

static void
status_answer(struct sim *s, int n)
{
	unsigned char b = 0x12;

	if (s->fault == FAULT_NO_ANSWER)
		return;
	switch (n) {
	case 1:
		if (s->fault == FAULT_PAPER_END || s->fault == FAULT_OFFLINE ||
		    s->fault == FAULT_COVER_OPEN)
			b |= 0x08;		/* offline */
		break;
	case 2:
		if (s->fault == FAULT_COVER_OPEN)
			b |= 0x04;
		else if (s->fault == FAULT_PAPER_END)
			b |= 0x20;
		else if (s->fault == FAULT_OFFLINE)
			b |= 0x40;		/* error */
		break;
	case 4:
		if (s->fault == FAULT_PAPER_END)
			b |= 0x60 | 0x0c;
		else if (s->fault == FAULT_PAPER_NEAR_END)
			b |= 0x0c;
		break;
	default:
		break;
	}
	sim_reply(s, &b, 1);
}

/*
 * Decodes one command at p (len bytes available).  Returns the bytes it
 * takes, or 0 when the command is not complete yet.
 */
static size_t
command(struct sim *s, const unsigned char *p, size_t len)
{
	unsigned char c = p[0];

	switch (c) {
	case 0x0a:
		emit_line(s);
		return 1;
	case 0x0d:
		return 1;
	case 0x10:				/* DLE EOT n */
		if (len < 3)
			return 0;
		if (p[1] == 0x04)
			status_answer(s, p[2]);
		return 3;
	case 0x1b:
		if (len < 2)
			return 0;
		if (p[1] == '@') {
			if (P.line.len > 0)
				emit_line(s);
			reset();
			sim_emit(s, "# init");
			return 2;
		}
		if (len < 3)
			return 0;
		switch (p[1]) {
		case 't':
			P.codetable = p[2];
			sim_emit(s, "# code table %d (%s)", p[2],
			    table_charset(s));
			break;
		case 'E':
			P.bold = p[2] & 1;
			break;
		case 'a':
			P.align = p[2] >= '0' ? p[2] - '0' : p[2];
			break;
		case '!':
			P.bold = (p[2] & 0x08) != 0;
			P.height = p[2] & 0x10 ? 2 : 1;
			P.width = p[2] & 0x20 ? 2 : 1;
			break;
		case 'd':
			if (P.line.len > 0)
				emit_line(s);
			sim_emit(s, "# feed %d", p[2]);
			break;
		default:
			sim_emit(s, "# ESC 0x%02x 0x%02x", p[1], p[2]);
			break;
		}
		return 3;
	case 0x1c:				/* FS . / FS & */
		if (len < 2)
			return 0;
		if (p[1] == '.')
			sim_emit(s, "# kanji off");
		else
			sim_emit(s, "# FS 0x%02x", p[1]);
		return 2;
	case 0x1d:
		if (len < 3)
			return 0;
		if (p[1] == '!') {
			P.width = (p[2] >> 4) + 1;
			P.height = (p[2] & 0x0f) + 1;
			return 3;
		}
		if (p[1] == 'V') {
			if ((p[2] == 'A' || p[2] == 'B') && len < 4)
				return 0;
			if (P.line.len > 0)
				emit_line(s);
			sim_emit(s, "---- cut ----");
			return p[2] == 'A' || p[2] == 'B' ? 4 : 3;
		}
		sim_emit(s, "# GS 0x%02x 0x%02x", p[1], p[2]);
		return 3;
	default:
		if (c < 0x20)
			sim_emit(s, "# control 0x%02x", c);
		else
			put_char(c);
		return 1;
	}
}

void
sim_printer_feed(struct sim *s)
{
	size_t off = 0, n;

	while (off < s->in.len) {
		if ((n = command(s, s->in.p + off, s->in.len - off)) == 0)
			break;
		off += n;
	}
	sim_consume(s, off);
}

void
sim_printer_idle(struct sim *s)
{
	(void)s;	/* a line is printed at LF, not when the host pauses */
}

void
sim_printer_free(void)
{
	hwbuf_free(&P.line);
}
