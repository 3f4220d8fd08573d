/* printer-status.c (fuzz): the ESC/POS real-time status parser on any
 * answer, against the rules printer.h states. */
#include "fuzz.h"
#include "printer.h"

static int
fuzz_valid_status(unsigned char b)
{
	return (b & 0x93) == 0x12;
}

static int
fuzz_printer_status(const uint8_t *data, size_t size)
{
	enum printer_status st, want;
	int cover = 0, paper = 0, near = 0;
	char masked[24], *phone;

	st = printer_parse_status(size > 0 ? data : NULL, size);
	/* The rules, written out again independently. */
	if (size == 0 || !fuzz_valid_status(data[0]))
		want = PRINTER_UNKNOWN;
	else {
		if (size > 1 && fuzz_valid_status(data[1])) {
			cover = (data[1] & 0x04) != 0;
			paper = (data[1] & 0x20) != 0;
		}
		if (size > 2 && fuzz_valid_status(data[2])) {
			paper |= (data[2] & 0x60) != 0;
			near = (data[2] & 0x0c) != 0;
		}
		want = cover ? PRINTER_COVER_OPEN : paper ? PRINTER_PAPER_END :
		    (data[0] & 0x08) ? PRINTER_OFFLINE :
		    near ? PRINTER_PAPER_NEAR_END : PRINTER_READY;
	}
	if (st != want)
		fuzz_fail("status: %d, want %d", (int)st, (int)want);
	if (printer_status_name(st) == NULL ||
	    printer_status_message(st) == NULL)
		fuzz_fail("status %d has no name", (int)st);
	/* The same bytes as a phone for the slip: masked, terminated. */
	phone = fuzz_string(data, size);
	memset(masked, 'x', sizeof masked);
	text_mask_phone(phone, masked, sizeof masked);
	if (memchr(masked, '\0', sizeof masked) == NULL)
		fuzz_fail("mask: not terminated");
	else {
		/*
		 * The last four digits and the country code before the
		 * ten national ones, no more (the input's digits).
		 */
		int shown = 0, n = 0;

		for (const char *p = phone; *p != '\0'; p++)
			n += *p >= '0' && *p <= '9';
		for (char *p = masked; *p != '\0'; p++)
			shown += *p >= '0' && *p <= '9';
		if (shown > (n < 4 ? 0 : n > 10 ? n - 6 : 4))
			fuzz_fail("mask: %d of %d digits shown in \"%s\"",
			    shown, n, masked);
	}
	free(phone);
	return 0;
}

FUZZ_TARGET(fuzz_printer_status)
