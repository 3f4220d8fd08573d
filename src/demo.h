/* demo.h: generated history and users for `okno demo`. */
#ifndef OKNO_DEMO_H
#define OKNO_DEMO_H

#include "queue.h"

/*
 * Fills the database with `days` full office days before c->now and the
 * last hours of today (windows 2 and up staffed and serving, people
 * waiting, window 1 free), through the queue API on an advancing clock,
 * a few appeals of the last weeks (one overdue) and two inspections.  The same history
 * each run (a fixed seed).
 */
int	 demo_history(struct ctx *, int days, struct err *);

/* The demo's users, all with one password: demo (supervisor), anna,
 * boris, vera, gleb (managers), audit (auditor). */
int	 demo_users(struct ctx *, const char *password, struct err *);

#endif
