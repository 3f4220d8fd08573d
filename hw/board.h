/* board.h: the hall board and per-window displays: one interface, a
 * driver per protocol ("dmd", "alpha", "rs485"), rendering kept pure. */
#ifndef OKNO_BOARD_H
#define OKNO_BOARD_H

#include <stddef.h>

#include "config.h"
#include "hwbuf.h"

#define BOARD_NUMBER_MAX	16	/* ticket number, NUL included */
#define BOARD_MAX_CALLS		16
#define BOARD_MAX_WINDOWS	64

/*
 * What boards show: ticket numbers and windows, nothing else.  No name,
 * phone or other personal data can reach a board (152-FZ), because this
 * is all a driver ever sees.
 */
struct board_call {
	char	number[BOARD_NUMBER_MAX];	/* "A017"; "" for none */
	int	window;				/* window number; 0 none */
};

struct board_state {
	/* The latest calls, newest first; the hall board marks calls[0]. */
	struct board_call	calls[BOARD_MAX_CALLS];
	size_t			ncalls;
	/* Each window's current ticket, for per-window displays; a window
	 * not listed (or with number "") shows blank. */
	struct board_call	current[BOARD_MAX_WINDOWS];
	size_t			ncurrent;
};

/*
 * A driver.  render appends the complete byte stream that makes the
 * device(s) show state; it is a pure function of its arguments, so golden
 * tests need no port.  Sending is board_show's business.
 */
struct board_driver {
	const char	*name;
	int		 columns;	/* defaults when the config says 0 */
	int		 lines;
	const char	*charset;
	int	(*render)(const struct config_device *,
		    const struct board_state *, struct hwbuf *, struct err *);
};

/* The driver for dev->driver; NULL when unknown. */
const struct board_driver	*board_driver(const char *name);

/* Renders state for dev's driver (pure).  OKNO_ECONFIG when unknown. */
int	 board_render(const struct config_device *, const struct board_state *,
	     struct hwbuf *, struct err *);

/*
 * Renders and sends state under the port lock, waiting until the bytes
 * have left.  Bounded like every device call.  OKNO_OK, or OKNO_EIO /
 * OKNO_ECONFIG with e->msg (translated, names the port).  A board keeps
 * nothing: the caller re-sends the current state on the next change and
 * every few seconds after a failure, which is how it converges.
 */
int	 board_show(const struct config_device *, const struct board_state *,
	     struct err *);

/* Fills the state to show, called with the port's lock held. */
typedef int (*board_fill_fn)(void *arg, struct board_state *, struct err *);
int	 board_show_fill(const struct config_device *, board_fill_fn,
	     void *arg, struct err *);

/* Shows a test pattern (`okno device test board`). */
int	 board_test(const struct config_device *, struct err *);
/* The pattern itself, for the simulator and tests. */
void	 board_test_state(const struct config_device *, struct board_state *);

/*
 * Whether the board's port can be opened and locked (boards never
 * answer, so that is all `okno device status` can tell).
 */
int	 board_probe(const struct config_device *, struct err *);

/*
 * Helpers for drivers (board.c).  board_line formats one hall line of
 * exactly columns characters into out (UTF-8): a '>' marker on the newest
 * call, the number, and the window right-aligned, as "window N" when
 * label is set and it fits, else bare "N".  A NULL call gives blanks.
 */
void	 board_line(const struct board_call *, int newest, int columns,
	     int label, char *out, size_t size);
int	 board_columns(const struct config_device *, const struct board_driver *);
int	 board_lines(const struct config_device *, const struct board_driver *);
const char *board_charset(const struct config_device *,
	     const struct board_driver *);

/* Drivers (board_dmd.c, board_alpha.c, board_rs485.c). */
extern const struct board_driver board_dmd;
extern const struct board_driver board_alpha;
extern const struct board_driver board_rs485;

#endif
