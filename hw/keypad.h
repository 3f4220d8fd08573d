/* keypad.h: the clients' rating keypad: digits over a serial line.
 *
 * The protocol ("digits" driver), small enough for any keypad that sends
 * ASCII, with or without a display:
 *
 *   host -> keypad  "?N\r"  question N (1-99) is being asked; a keypad
 *                           with a display or lamps shows it, others
 *                           ignore it;
 *                   "!\r"   the survey is over (a display thanks the
 *                           client);
 *   keypad -> host  one frame per key press: "$K", the key, "*", two
 *                   upper-case hex digits of the XOR of the bytes between
 *                   '$' and '*' ('K' and the key), CR.  "$K5*7E\r" is a
 *                   5.  Key '1'-'5' is a score, '0' skips the question,
 *                   any other key is ignored.
 *
 * Only a whole, well-formed frame is a key press: every byte outside one
 * (CR, LF, line noise) is ignored, and a frame that breaks off, or whose
 * checksum does not match (a bit flipped on the line would turn a 5 into
 * a 1), is dropped; a '$' always starts a frame afresh.  So random bytes
 * on the line never make a rating (tests/unit/keypad.c feeds it megabytes
 * of them).
 *
 * Input waiting before the first question is dropped (a previous client's
 * stray key); after that, keys typed ahead answer the next questions in
 * turn.  Each question waits at most the device's timeout_ms for a key:
 * a client who walks away ends the survey, and what was answered stands.
 */
#ifndef OKNO_KEYPAD_H
#define OKNO_KEYPAD_H

#include <stddef.h>

#include "config.h"

#define KEYPAD_MAX_QUESTIONS	99
#define KEYPAD_SKIPPED		0	/* the client pressed 0 */
#define KEYPAD_UNANSWERED	(-1)	/* no key before the timeout */

struct keypad_result {
	int		 answered;	/* questions scored 1-5 */
	int		 skipped;	/* questions skipped with 0 */
	int		 timed_out;	/* the survey ended on a timeout */
	const char	*transport;	/* "libserialport", "termios"; NULL */
};

/*
 * What a key in a well-formed frame means: a score 1-5, KEYPAD_SKIPPED,
 * or -2 for a key to ignore.  Pure.
 */
int	 keypad_key(unsigned char);

/* "$K" key "*" hex hex CR */
#define KEYPAD_FRAME_LEN	7

/* The frame of one key press into buf (at least KEYPAD_FRAME_LEN + 1
 * bytes): for keypads and simulators.  Returns its length. */
size_t	 keypad_frame(unsigned char key, char *buf, size_t size);

/* The receiver: bytes from the keypad, one at a time. */
struct keypad_rx {
	unsigned char	 buf[KEYPAD_FRAME_LEN];
	size_t		 len;		/* bytes of the frame so far */
};

void	 keypad_rx_init(struct keypad_rx *);
/*
 * Takes the next byte from the line: when it ends a well-formed frame,
 * what its key means (keypad_key); else -2 (part of a frame, or a byte
 * dropped).  Pure.
 */
int	 keypad_rx_byte(struct keypad_rx *, unsigned char);

/* The prompt for question q (1-based) into buf (at least 8 bytes). */
size_t	 keypad_prompt(int q, char *buf, size_t size);

/*
 * Asks n questions (1 to KEYPAD_MAX_QUESTIONS) on the configured keypad,
 * holding its port for the whole survey.  ask (may be NULL) is called with
 * arg and the question's index (0-based) as each question is put, so that
 * a screen can show it; -1 at the end.  scores[i] is set to 1-5,
 * KEYPAD_SKIPPED or KEYPAD_UNANSWERED (the questions after a timeout are
 * all unanswered).  Returns OKNO_OK when the keypad could be asked (even
 * if the client answered nothing), else OKNO_EIO (or OKNO_ECONFIG) with
 * the reason; the scores gathered before a failure are kept.
 */
int	 keypad_survey(const struct config_device *, int n, int *scores,
	     void (*ask)(void *arg, int question), void *arg,
	     struct keypad_result *, struct err *);

#endif
