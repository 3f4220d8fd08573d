/* fixture-hw.h: what the driver tests (hw-golden, hw-pty) set up the
 * same way.  Apart from fixture.h, whose helpers use the model only: these
 * are the drivers' own structures. */
#ifndef OKNO_FIXTURE_HW_H
#define OKNO_FIXTURE_HW_H

#include "board.h"

/* A board showing two calls, newest first: A017 to window 3, then B002
 * to window 1.  The golden files were written for exactly this state. */
static const struct board_state fx_two_calls = {
	.calls = { { "A017", 3 }, { "B002", 1 } },
	.ncalls = 2,
};

#endif
