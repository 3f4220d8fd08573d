/* sim_keypad.c: the simulated rating keypad ("digits" protocol, see
 * hw/keypad.h): it prints the questions the host asks and answers them
 * with the keys given by --keys, one key per question, or sends whatever
 * is typed on its standard input as it comes, each key as its frame.
 * With --noise N each question first gets N bytes of line noise from a
 * fixed-seed generator (--seed), so a test can check that noise makes no
 * rating and that keys amid it still do.
 *
 * Output, one event a line:
 *   ? 2        the host asks question 2
 *   ~ 4096     the keypad sends 4096 bytes of noise
 *   > 5        the keypad sends key 5 (its frame "$K5*7E\r")
 *   # end      the host ended the survey
 *   # ignored 0x1b   a byte the protocol does not know
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sim.h"

#include "keypad.h"

/* Sends one key press, framed, and says so. */
void
sim_keypad_send(struct sim *s, unsigned char key)
{
	char frame[KEYPAD_FRAME_LEN + 1];

	sim_reply(s, (unsigned char *)frame, keypad_frame(key, frame,
	    sizeof frame));
	if (key >= 0x21 && key < 0x7f)
		sim_emit(s, "> %c", key);
	else
		sim_emit(s, "> 0x%02x", key);
}

/* xorshift32: the same noise for the same seed, on every machine. */
static uint32_t
noise_next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* --noise bytes of noise, in pieces. */
static void
noise(struct sim *s)
{
	unsigned char buf[512];
	unsigned long left = s->noise;
	size_t i, n;

	if (s->seed == 0)
		s->seed = 1;	/* xorshift's one fixed point */
	while (left > 0) {
		n = left < sizeof buf ? (size_t)left : sizeof buf;
		for (i = 0; i < n; i++)
			buf[i] = (unsigned char)(noise_next(&s->seed) >> 24);
		sim_reply(s, buf, n);
		left -= n;
	}
	sim_emit(s, "~ %lu", s->noise);
}

/* A question arrived: noise first, if asked for; then the answer from
 * --keys, if any key is left. */
static void
answer(struct sim *s)
{
	if (s->noise > 0)
		noise(s);
	if (s->keys == NULL || s->keys[s->nkeys] == '\0')
		return;
	sim_keypad_send(s, (unsigned char)s->keys[s->nkeys++]);
}

void
sim_keypad_feed(struct sim *s)
{
	size_t i = 0, end;
	unsigned char *p = s->in.p;

	while (i < s->in.len) {
		if (p[i] != '?' && p[i] != '!') {
			sim_emit(s, "# ignored 0x%02x", p[i]);
			i++;
			continue;
		}
		/* A command runs to its CR; wait for the rest of it. */
		for (end = i + 1; end < s->in.len && p[end] != '\r'; end++)
			;
		if (end == s->in.len) {
			if (end - i > 8) {	/* no CR in sight: noise */
				sim_emit(s, "# ignored 0x%02x", p[i]);
				i++;
				continue;
			}
			break;
		}
		if (p[i] == '!')
			sim_emit(s, "# end");
		else {
			sim_emit(s, "? %.*s", (int)(end - i - 1), p + i + 1);
			answer(s);
		}
		i = end + 1;
	}
	sim_consume(s, i);
}

void
sim_keypad_idle(struct sim *s)
{
	(void)s;
}
