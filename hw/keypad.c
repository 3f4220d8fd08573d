/* keypad.c: the "digits" rating keypad (see keypad.h for the protocol). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "keypad.h"
#include "transport.h"

int
keypad_key(unsigned char b)
{
	if (b >= '1' && b <= '5')
		return b - '0';
	if (b == '0')
		return KEYPAD_SKIPPED;
	return -2;
}

static const char kp_hex[] = "0123456789ABCDEF";

size_t
keypad_frame(unsigned char key, char *buf, size_t size)
{
	unsigned char sum = (unsigned char)('K' ^ key);
	int n = snprintf(buf, size, "$K%c*%c%c\r", key, kp_hex[sum >> 4],
	    kp_hex[sum & 0xf]);

	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

void
keypad_rx_init(struct keypad_rx *rx)
{
	rx->len = 0;
}

int
keypad_rx_byte(struct keypad_rx *rx, unsigned char b)
{
	unsigned char sum;
	int ok;

	if (b == '$') {		/* a frame starts, whatever came before */
		rx->buf[0] = b;
		rx->len = 1;
		return -2;
	}
	if (rx->len == 0 || rx->len >= KEYPAD_FRAME_LEN) {
		rx->len = 0;
		return -2;	/* outside a frame: noise */
	}
	switch (rx->len) {
	case 1:
		ok = b == 'K';
		break;
	case 3:
		ok = b == '*';
		break;
	case 4:
	case 5:
		ok = strchr(kp_hex, b) != NULL && b != '\0';
		break;
	case 6:
		ok = b == '\r';
		break;
	default:
		ok = 1;		/* the key: any byte, its checksum says */
		break;
	}
	if (!ok) {
		rx->len = 0;
		return -2;
	}
	rx->buf[rx->len++] = b;
	if (rx->len < KEYPAD_FRAME_LEN)
		return -2;
	rx->len = 0;
	sum = (unsigned char)('K' ^ rx->buf[2]);
	if (rx->buf[4] != kp_hex[sum >> 4] || rx->buf[5] != kp_hex[sum & 0xf])
		return -2;	/* a frame the line has changed */
	return keypad_key(rx->buf[2]);
}

size_t
keypad_prompt(int q, char *buf, size_t size)
{
	int n = snprintf(buf, size, "?%d\r", q);

	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

/* Monotonic ms in 64 bits: a long wraps after 24.8 days on i386. */
static int64_t
kp_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Waits up to timeout_ms for a key press that means something; *key is
 * the score, KEYPAD_SKIPPED, or KEYPAD_UNANSWERED on a timeout.  rx
 * carries a frame begun during the last question into this one.
 */
static int
kp_wait_key(struct transport *t, struct keypad_rx *rx, int timeout_ms,
    int *key, struct err *e)
{
	int64_t deadline = kp_now_ms() + timeout_ms, left;
	unsigned char b;
	size_t got;
	int r, k;

	*key = KEYPAD_UNANSWERED;
	for (;;) {
		if ((left = deadline - kp_now_ms()) <= 0)
			return TR_TIMEOUT;
		/* One byte at a time: keys typed ahead stay for the next
		 * questions. */
		r = transport_read(t, &b, 1, &got, (int)left, e);
		if (r != TR_OK)
			return r;
		if (got == 1 && (k = keypad_rx_byte(rx, b)) != -2) {
			*key = k;
			return TR_OK;
		}
	}
}

int
keypad_survey(const struct config_device *dev, int n, int *scores,
    void (*ask)(void *, int), void *arg, struct keypad_result *r,
    struct err *e)
{
	struct transport *t;
	struct keypad_rx rx;
	char prompt[16];
	size_t len;
	int tr, i, rc = OKNO_EIO;

	memset(r, 0, sizeof *r);
	for (i = 0; i < n; i++)
		scores[i] = KEYPAD_UNANSWERED;
	if (dev == NULL || dev->driver == NULL)
		return err_set(e, OKNO_EIO, _("no keypad is configured"));
	if (n < 1 || n > KEYPAD_MAX_QUESTIONS)
		return err_set(e, OKNO_EINVAL, _("a survey asks 1 to %d "
		    "questions, not %d"), KEYPAD_MAX_QUESTIONS, n);
	if ((tr = transport_open(dev, TRANSPORT_LOCK_MS, &t, e)) != TR_OK)
		return tr == TR_CONFIG ? OKNO_ECONFIG : OKNO_EIO;
	r->transport = transport_name(t);
	transport_flush_input(t);
	keypad_rx_init(&rx);
	for (i = 0; i < n; i++) {
		len = keypad_prompt(i + 1, prompt, sizeof prompt);
		if (transport_write(t, prompt, len, e) != TR_OK)
			goto out;
		if (ask != NULL)
			ask(arg, i);
		tr = kp_wait_key(t, &rx, transport_timeout(t), &scores[i], e);
		if (tr == TR_TIMEOUT) {
			r->timed_out = 1;
			break;
		}
		if (tr != TR_OK)
			goto out;
		if (scores[i] == KEYPAD_SKIPPED)
			r->skipped++;
		else
			r->answered++;
	}
	if (ask != NULL)
		ask(arg, -1);
	/* The end is a courtesy to a display: a failure here loses nothing. */
	if (transport_write(t, "!\r", 2, e) == TR_OK)
		(void)transport_drain(t, e);
	err_clear(e);
	rc = OKNO_OK;
out:
	transport_close(t);
	return rc;
}
