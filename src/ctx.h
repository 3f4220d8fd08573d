/* ctx.h: the model's context, what every model function is given: the
 * database, the branch's configuration, the clock and who acts.  Model
 * functions read `now` from here and never the system clock, so that
 * tests and OKNO_NOW fix time. */
#ifndef OKNO_CTX_H
#define OKNO_CTX_H

#include <time.h>

#include "config.h"
#include "db.h"
#include "okno.h"

struct ctx {
	struct db		*db;
	const struct config	*cfg;
	time_t			 now;
	const struct actor	*who;
};

#endif
