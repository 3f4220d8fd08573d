/* demo.h: generated history and users for `okno demo`. */
#ifndef OKNO_DEMO_H
#define OKNO_DEMO_H

#include "ctx.h"

/*
 * Fills the database with `days` full working days (by the production
 * calendar) before c->now and the last hours of today (windows 2 and up
 * staffed and serving, people waiting, window 1 free), through the queue
 * API on an advancing clock, a few appeals of the last weeks (one
 * overdue) and two inspections.  The same history each run (a fixed
 * seed).
 */
int	 demo_history(struct ctx *, int days, struct err *);

/*
 * Seconds to add to the clock at `now` so that the demo's office is open:
 * 0 on a working day between 09:30 and 17:30; else the way back to 11:00
 * of the latest working day that has begun (someone trying the demo at
 * night or on a Sunday sees a working office, not an empty one).
 */
int	 demo_clock_offset(const struct config *, time_t now);

/* The demo's users, all with one password: demo (supervisor), anna,
 * boris, vera, gleb (managers), audit (auditor). */
int	 demo_users(struct ctx *, const char *password, struct err *);

#endif
