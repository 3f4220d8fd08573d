/* ui.h: the terminal UI's entry point, for main.c and the demo.  It does
 * not include curses: only screens/ files do. */
#ifndef OKNO_UI_H
#define OKNO_UI_H

#include "queue.h"

enum ui_mode {
	UI_MODE_LOGIN,		/* okno: log in, then the role's screen */
	UI_MODE_WINDOW,		/* okno --window N: the manager console */
	UI_MODE_KIOSK,		/* okno --kiosk: the ticket terminal */
	UI_MODE_HALL		/* okno --hall: the hall view */
};

struct ui_opts {
	enum ui_mode		 mode;
	int			 window;	/* UI_MODE_WINDOW */
	struct db		*db;
	const struct config	*cfg;
	int			 fixed_clock;	/* OKNO_NOW was set */
	time_t			 now;		/* its value */
	const char		*banner;	/* a hint on the login screen */
	/* The terminal's device ("/dev/ttyS0"; "" when unknown): failed
	 * logins are counted and slowed per terminal (auth.h). */
	const char		*terminal;
};

/*
 * Runs the UI on the terminal until the user leaves.  Returns OKNO_OK,
 * or a status with e filled when the terminal cannot be used.
 */
int	 ui_run(const struct ui_opts *, struct err *);

#endif
