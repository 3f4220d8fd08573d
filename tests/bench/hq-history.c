/* hq-history.c (bench): fills a branch's database with okno demo's
 * history, for head office's test network (tools/hq-gen.sh copies it to
 * every branch it makes).  The history is demo_history's (demo.h): days
 * working days of visits made through the queue API on an advancing
 * clock, with ratings, window sessions, a few appeals (one overdue) and
 * two inspections, the same every run.
 *
 * usage: bench-hq-history CONFIG DAYS NOW
 *   CONFIG  an okno configuration whose database okno init has made
 *   DAYS    working days of history, 1-250
 *   NOW     the clock after the history, ISO 8601 (as OKNO_NOW); a time
 *           just after the branch's midnight leaves no open visits (the
 *           demo's "today" needs two minutes of the day at least)
 * Built as build/tests/bench-hq-history by `make bench` and `make check`
 * (tests/hq-gen.t runs it). */
#include <stdio.h>
#include <stdlib.h>

#include "auth.h"
#include "config.h"
#include "ctx.h"
#include "db.h"
#include "demo.h"
#include "okno.h"

int
main(int argc, char **argv)
{
	struct config *cfg;
	struct ctx c;
	struct err e;
	char *end;
	long days;
	time_t now;

	if (argc != 4) {
		fprintf(stderr, "usage: bench-hq-history CONFIG DAYS NOW\n");
		return 64;
	}
	days = strtol(argv[2], &end, 10);
	if (*end != '\0' || days < 1 || days > 250) {
		fprintf(stderr, "bench-hq-history: DAYS: 1 to 250\n");
		return 64;
	}
	err_clear(&e);
	/* The configuration first: it sets TZ, so that NOW without an
	 * offset is the branch's local time, as OKNO_NOW is. */
	if (config_load(argv[1], &cfg, &e) != OKNO_OK) {
		fprintf(stderr, "bench-hq-history: %s\n", e.msg);
		return 1;
	}
	if (time_parse_iso(argv[3], &now) != 0) {
		fprintf(stderr, "bench-hq-history: NOW: not ISO 8601: %s\n",
		    argv[3]);
		return 64;
	}
	c.cfg = cfg;
	c.now = now;
	c.who = &actor_system;
	if (db_open(cfg->database, 0, &c.db, &e) != OKNO_OK) {
		fprintf(stderr, "bench-hq-history: %s\n", e.msg);
		return 1;
	}
	/* A generated database need not survive a power cut (okno demo
	 * does the same); back to FULL before it is closed. */
	if (db_exec(c.db, &e, "PRAGMA synchronous = OFF") != OKNO_OK ||
	    demo_users(&c, "password-demo", &e) != OKNO_OK ||
	    demo_history(&c, (int)days, &e) != OKNO_OK ||
	    db_exec(c.db, &e, "PRAGMA synchronous = FULL") != OKNO_OK) {
		fprintf(stderr, "bench-hq-history: %s\n", e.msg);
		db_close(c.db);
		return 1;
	}
	db_close(c.db);
	config_free(cfg);
	return 0;
}
