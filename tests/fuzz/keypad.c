/* keypad.c (fuzz): the rating keypad's receiver on any bytes from the
 * line: it makes exactly the key presses of the well-formed frames in
 * them (keypad.h), found here again independently, and nothing else, so
 * no noise becomes a rating. */
#include "fuzz.h"
#include "keypad.h"

/* Whether a well-formed key-press frame starts at p (n bytes left). */
static int
fuzz_frame_at(const uint8_t *p, size_t n)
{
	char sum[3];

	if (n < 7 || p[0] != '$' || p[1] != 'K' || p[3] != '*' ||
	    p[6] != '\r')
		return 0;
	snprintf(sum, sizeof sum, "%02X", (unsigned)(p[1] ^ p[2]));
	return p[4] == (uint8_t)sum[0] && p[5] == (uint8_t)sum[1];
}

static int
fuzz_keypad(const uint8_t *data, size_t size)
{
	struct keypad_rx rx;
	char got[64], want[64];
	size_t ng = 0, nw = 0, i;
	int k;

	keypad_rx_init(&rx);
	for (i = 0; i < size; i++)
		if ((k = keypad_rx_byte(&rx, data[i])) != -2) {
			if (k < KEYPAD_SKIPPED || k > 5)
				fuzz_fail("keypad: key %d is no score", k);
			if (ng < sizeof got - 1)
				got[ng++] = (char)('0' + k);
		}
	got[ng] = '\0';
	/* A score's frame holds no '$' but its first byte, so frames never
	 * overlap and a '$' inside noise before one cannot hide it. */
	for (i = 0; i < size; i++)
		if (fuzz_frame_at(data + i, size - i) && data[i + 2] >= '0' &&
		    data[i + 2] <= '5' && nw < sizeof want - 1)
			want[nw++] = (char)data[i + 2];
	want[nw] = '\0';
	if (strcmp(got, want) != 0)
		fuzz_fail("keypad: keys \"%s\", want \"%s\"", got, want);
	return 0;
}

FUZZ_TARGET(fuzz_keypad)
