/* hw-golden.c: golden bytes for the printer's ticket and slip and for
 * every board driver's frame, the status parser, text conversion and the
 * board line layout.  Expected bytes are written out by hand here. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "okno.h"
#include "board.h"
#include "fixture-hw.h"
#include "hwbuf.h"
#include "printer.h"
#include "tap.h"

#define LIT(s)	(s), sizeof(s) - 1

/* 2026-12-30 10:00 UTC (the tests run with TZ=UTC). */
#define WHEN	((time_t)1798624800)

static void
is_bytes(const struct hwbuf *got, const char *want, size_t len,
    const char *name)
{
	if (!is_int((long long)got->len, (long long)len, "%s: length", name))
		diag("lengths differ; comparing the common part");
	is_blob(got->p, want, got->len < len ? got->len : len, "%s: bytes",
	    name);
}

static void
test_ticket(void)
{
	struct config_device dev = { 0 };
	struct printer_ticket tk = { 0 };
	struct hwbuf b = { 0 };
	struct err e;
	static const char want[] =
	    "\x1b\x40" "\x1c\x2e" "\x1b\x74\x11" "\x1b\x61\x01"
	    "\x1b\x45\x01" "\x8e\xe4\xa8\xe1" "\x1b\x45\x00" "\n"
	    "\x8e\xaf\xab\xa0\xe2\xa0" "\n"
	    "--------------------------------\n"
	    "Your number\n"
	    "\x1d\x21\x11" "\x1b\x45\x01" "A017" "\x1b\x45\x00"
	    "\x1d\x21\x00" "\n"
	    "--------------------------------\n"
	    "30.12.2026 10:00\n"
	    "\x1b\x61\x00"
	    "People ahead: 3\n"
	    "Estimated wait: 12 min\n"
	    "\x1b\x61\x01"
	    "\x91\xaf\xa0\xe1\xa8\xa1\xae!" "\n"
	    "\x1d\x56\x41\x03";

	dev.driver = "escpos";
	dev.codepage = -1;
	dev.kanji_off = 1;
	tk.branch_name = "Офис";
	tk.service_name = "Оплата";
	tk.number = "A017";
	tk.issued = WHEN;
	tk.people_ahead = 3;
	tk.wait_minutes = 12;
	tk.footer = "Спасибо!";
	is_int(printer_render_ticket(&dev, &tk, &b, &e), OKNO_OK,
	    "ticket renders");
	is_bytes(&b, LIT(want), "ticket");
	hwbuf_free(&b);

	/* Another code table and charset; no kanji; lines left out. */
	dev.kanji_off = 0;
	dev.codepage = 46;
	dev.charset = "CP1251";
	tk.people_ahead = tk.wait_minutes = -1;
	tk.footer = NULL;
	tk.branch_name = NULL;
	printer_render_ticket(&dev, &tk, &b, &e);
	is_blob(b.p, "\x1b\x40\x1b\x74\x2e\x1b\x61\x01\xce\xef\xeb\xe0\xf2"
	    "\xe0\n", 15, "ticket in CP1251 with ESC t 46, no FS .");
	ok(b.len > 7 && memcmp(b.p + b.len - 7, "\x1b\x61\x00\x1d\x56\x41"
	    "\x03", 7) == 0, "ends with the cut, no empty lines");
	hwbuf_free(&b);

	dev.charset = "NO-SUCH-CHARSET";
	is_int(printer_render_ticket(&dev, &tk, &b, &e), OKNO_ECONFIG,
	    "unknown charset is a configuration error");
	is_int((long long)b.len, 0, "and nothing is rendered");
	hwbuf_free(&b);
}

static void
test_slip(void)
{
	struct config_device dev = { 0 };
	struct printer_slip s = { 0 };
	struct hwbuf b = { 0 };
	struct err e;
	static const char want[] =
	    "\x1b\x40" "\x1b\x74\x11" "\x1b\x61\x01"
	    "\x1b\x45\x01" "\x8e\xe4\xa8\xe1" "\x1b\x45\x00" "\n"
	    "\x1b\x45\x01" "Your appeal is registered" "\x1b\x45\x00" "\n"
	    "--------------------------------\n"
	    "\x1b\x61\x00"
	    "Registration number: MSK-014/17\n"
	    "Registered: 30.12.2026 10:00\n"
	    "Answer due by: 29.01.2027\n"
	    "Your phone: +7 *** ***-45-67\n"
	    "Office phone: +7 495 000-00-00\n"
	    "\x1d\x56\x41\x03";

	dev.driver = "escpos";
	dev.codepage = -1;
	s.branch_name = "Офис";
	s.reg_no = "MSK-014/17";
	s.registered = WHEN;
	s.due_date = "2027-01-29";
	s.office_phone = "+7 495 000-00-00";
	s.client_phone = "+7 916 123-45-67";
	is_int(printer_render_slip(&dev, &s, &b, &e), OKNO_OK,
	    "slip renders");
	is_bytes(&b, LIT(want), "slip");
	hwbuf_free(&b);
}

static void
test_text(void)
{
	struct hwbuf b = { 0 };
	struct err e;
	char m[64], *u;

	hwbuf_addtext(&b, "字№\xff" "a\x1b" "b", "CP866", &e);
	is_blob(b.p, "?\xfc?a?b", 6, "unconvertible, invalid UTF-8 and "
	    "control characters become '?'");
	is_int((long long)b.len, 6, "one '?' each");
	hwbuf_free(&b);
	hwbuf_addtext(&b, "«О»", "CP866", &e);
	is_blob(b.p, "<<\x8e>>", 5, "guillemets are transliterated, not lost");
	hwbuf_free(&b);
	hwbuf_addtext(&b, "Ёё", "CP1251", &e);
	is_blob(b.p, "\xa8\xb8", 2, "CP1251 Ё ё");
	hwbuf_free(&b);
	u = hw_to_utf8((const unsigned char *)"\x8e\xe4\xa8\xe1", 4, "CP866");
	is_string(u, "Офис", "back from CP866");
	free(u);
	text_mask_phone("89161234567", m, sizeof m);
	is_string(m, "8 *** ***-45-67", "phone masked as in the lists: the "
	    "country digit and the last four");
	text_mask_phone("12", m, sizeof m);
	is_string(m, "***", "a two-digit phone shows no digit");
}

static void
test_status(void)
{
	static const struct {
		const char		*bytes;
		size_t			 len;
		enum printer_status	 want;
		const char		*name;
	} t[] = {
		{ "\x12\x12\x12", 3, PRINTER_READY, "ready" },
		{ "\x1a\x32\x72", 3, PRINTER_PAPER_END, "paper end" },
		{ "\x12\x12\x7e", 3, PRINTER_PAPER_END, "paper end on n=4 "
		    "alone" },
		{ "\x12\x12\x1e", 3, PRINTER_PAPER_NEAR_END, "near end" },
		{ "\x1a\x16\x12", 3, PRINTER_COVER_OPEN, "cover open" },
		{ "\x1a\x52\x12", 3, PRINTER_OFFLINE, "offline, other cause" },
		{ "\x1a", 1, PRINTER_OFFLINE, "offline, n=2 unanswered" },
		{ "", 0, PRINTER_UNKNOWN, "no answer" },
		{ "\x00\x12\x12", 3, PRINTER_UNKNOWN, "invalid first byte" },
		{ "\x12", 1, PRINTER_READY, "only n=1 answered" },
		{ "\x12\xff\x6e", 3, PRINTER_READY, "invalid later bytes "
		    "ignored" },
		{ "\x12\x12\x12\x60", 4, PRINTER_READY, "extra bytes "
		    "ignored" },
	};
	size_t i;

	for (i = 0; i < nitems(t); i++)
		is_int(printer_parse_status((const unsigned char *)t[i].bytes,
		    t[i].len), t[i].want, "status: %s", t[i].name);
	is_int(printer_parse_status(NULL, 3), PRINTER_UNKNOWN, "status: NULL");
	is_string(printer_status_name(PRINTER_PAPER_END), "paper-end",
	    "status name");
	ok(printer_status_prints(PRINTER_UNKNOWN) &&
	    printer_status_prints(PRINTER_PAPER_NEAR_END) &&
	    !printer_status_prints(PRINTER_PAPER_END) &&
	    !printer_status_prints(PRINTER_OFFLINE),
	    "prints when ready, near end or unknown only");
}

static void
test_dmd(void)
{
	struct config_device dev = { 0 };
	struct board_state st;
	struct hwbuf b = { 0 };
	struct err e;
	static const char want[] =
	    "\x1b\x74\x11" "\x0c"
	    "\x1f\x24\x01\x01" ">A017       window 3"
	    "\x1f\x24\x01\x02" " B002       window 1";
	static const char cyr[] =
	    "\x1b\x74\x11" "\x0c"
	    "\x1f\x24\x01\x01" ">\x80" "017      9"
	    "\x1f\x24\x01\x02" "            ";

	dev.driver = "dmd";
	dev.codepage = -1;
	st = fx_two_calls;
	is_int(board_render(&dev, &st, &b, &e), OKNO_OK, "dmd renders");
	is_bytes(&b, LIT(want), "dmd 2x20");
	hwbuf_free(&b);

	/* Cyrillic А in a number; 12 columns: the label does not fit. */
	dev.columns = 12;
	memset(&st, 0, sizeof st);
	strcpy(st.calls[0].number, "А017");
	st.calls[0].window = 9;
	st.ncalls = 1;
	board_render(&dev, &st, &b, &e);
	is_bytes(&b, LIT(cyr), "dmd 2x12, Cyrillic number, bare window");
	hwbuf_free(&b);
}

static unsigned
sum16(const unsigned char *p, size_t n)
{
	unsigned s = 0;

	while (n-- > 0)
		s += *p++;
	return s & 0xffff;
}

static void
test_alpha(void)
{
	struct config_device dev = { 0 };
	struct board_state st;
	struct hwbuf b = { 0 };
	struct err e;
	char hex[8];
	static const char want[] =
	    "\0\0\0\0\0" "\x01" "Z05" "\x02" "AA" "\x1b" "0b"
	    "\x07" "1" ">A017   window 3" "\x07" "0"
	    "\x0d" " B002   window 1" "\x03" "0A4F" "\x04";
	const unsigned char *stx, *etx;

	dev.driver = "alpha";
	dev.address = 5;
	dev.columns = 16;
	st = fx_two_calls;
	is_int(board_render(&dev, &st, &b, &e), OKNO_OK, "alpha renders");
	is_bytes(&b, LIT(want), "alpha frame");
	/* The checksum again, computed here from the frame sent. */
	stx = memchr(b.p, 0x02, b.len);
	etx = memchr(b.p, 0x03, b.len);
	ok(stx != NULL && etx != NULL && etx > stx, "alpha STX..ETX found");
	if (stx != NULL && etx != NULL && etx > stx &&
	    (size_t)(etx - b.p) + 6 <= b.len) {
		snprintf(hex, sizeof hex, "%04X", sum16(stx,
		    (size_t)(etx - stx) + 1));
		is_blob(etx + 1, hex, 4, "alpha checksum is the 16-bit sum "
		    "STX..ETX (%s)", hex);
		is_int(etx[5], 0x04, "alpha EOT last");
	} else
		skip_block(2, "no frame");
	hwbuf_free(&b);

	/* No calls: blank lines, no flash, broadcast address. */
	memset(&st, 0, sizeof st);
	dev.address = -1;
	dev.lines = 1;
	dev.columns = 4;
	board_render(&dev, &st, &b, &e);
	is_bytes(&b, LIT("\0\0\0\0\0\x01Z00\x02" "AA\x1b" "0b    \x03"
	    "01B4\x04"), "alpha empty board, broadcast");
	ok(sum16((const unsigned char *)"\x02" "AA\x1b" "0b    \x03", 11) ==
	    0x01b4, "its checksum by hand");
	hwbuf_free(&b);
}

static void
test_rs485(void)
{
	struct config_device dev = { 0 };
	struct board_state st;
	struct hwbuf b = { 0 };
	struct err e;
	int wa[] = { 1, 0x21, 3, 0x23 };
	static const char want[] =
	    "\x01\x10" ">A017  3" " B002  1" "\x07"
	    "\x01\x21" "\x07"
	    "\x01\x23" "A017" "\x07";

	dev.driver = "rs485";
	dev.address = 0x10;
	dev.columns = 8;
	dev.lines = 2;
	dev.window_addr = wa;
	dev.nwindow_addr = 2;
	st = fx_two_calls;
	strcpy(st.current[0].number, "A017");
	st.current[0].window = 3;
	st.ncurrent = 1;
	is_int(board_render(&dev, &st, &b, &e), OKNO_OK, "rs485 renders");
	is_bytes(&b, LIT(want), "rs485 hall + two window displays");
	hwbuf_free(&b);

	dev.address = -1;	/* window displays only, CP1251 number */
	strcpy(st.current[0].number, "Б5");
	board_render(&dev, &st, &b, &e);
	is_bytes(&b, LIT("\x01\x21\x07\x01\x23\xc1" "5\x07"),
	    "rs485 window displays only, CP1251");
	hwbuf_free(&b);

	dev.driver = "nonesuch";
	is_int(board_render(&dev, &st, &b, &e), OKNO_ECONFIG,
	    "unknown driver");
	hwbuf_free(&b);
}

static void
test_line(void)
{
	struct board_call c = { "A017", 12 };
	char out[128];

	board_line(&c, 1, 20, 1, out, sizeof out);
	is_string(out, ">A017      window 12", "line with label");
	board_line(&c, 0, 10, 1, out, sizeof out);
	is_string(out, " A017   12", "narrow: bare window");
	board_line(&c, 0, 5, 1, out, sizeof out);
	is_string(out, " A017", "too narrow: number only");
	board_line(&c, 0, 3, 1, out, sizeof out);
	is_string(out, " A0", "cut to the width");
	board_line(NULL, 0, 4, 1, out, sizeof out);
	is_string(out, "    ", "no call: blanks");
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	plan_lazy();
	test_ticket();
	test_slip();
	test_text();
	test_status();
	test_dmd();
	test_alpha();
	test_rs485();
	test_line();
	return 0;
}
