/* sim.h: okno-sim's shared state: one simulated device on a pty. */
#ifndef OKNO_SIM_H
#define OKNO_SIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "okno.h"
#include "hwbuf.h"

enum sim_fault {
	FAULT_NONE,
	FAULT_PAPER_END,
	FAULT_PAPER_NEAR_END,
	FAULT_COVER_OPEN,
	FAULT_OFFLINE,
	FAULT_NO_ANSWER,
	FAULT_HANGUP		/* after hangup_after bytes */
};

struct sim {
	int		 printer;	/* a printer */
	int		 keypad;	/* a keypad; neither: a board */
	const char	*keys;		/* keypad: --keys, one per question */
	size_t		 nkeys;		/* keys sent so far */
	unsigned long	 noise;		/* keypad: --noise, bytes per question */
	uint32_t	 seed;		/* --seed of the noise's generator */
	const char	*driver;	/* board: dmd, alpha, rs485 */
	enum sim_fault	 fault;
	long		 hangup_after;
	const char	*charset;	/* --charset; NULL: from the device */
	int		 columns;	/* board geometry, 0: driver default */
	int		 lines;
	FILE		*out;
	int		 master;	/* the pty master: the device's side */
	struct hwbuf	 in;		/* received, not yet decoded */
};

/* One line of output, flushed at once so tests can read it. */
void	sim_emit(struct sim *, const char *fmt, ...) OKNO_PRINTF(2, 3);
/* Sends bytes back to the host (status answers). */
void	sim_reply(struct sim *, const unsigned char *, size_t);

/*
 * Decoders.  feed is called with s->in holding everything not yet
 * decoded; it consumes whole commands and leaves an incomplete one for the
 * next call.  idle is called when the line has been quiet for a moment.
 */
void	sim_printer_feed(struct sim *);
void	sim_printer_idle(struct sim *);
void	sim_board_feed(struct sim *);
void	sim_board_idle(struct sim *);
void	sim_keypad_feed(struct sim *);
void	sim_keypad_idle(struct sim *);
/* Sends one key to the host and prints it. */
void	sim_keypad_send(struct sim *, unsigned char);
void	sim_printer_free(void);
void	sim_board_free(void);

/* Drops the first n bytes of s->in. */
void	sim_consume(struct sim *, size_t n);

#endif
