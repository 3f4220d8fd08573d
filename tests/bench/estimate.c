/* estimate.c (bench): how far the wait estimates are from the real waits
 * on simulated office days.  A deterministic generator drives the model
 * with a stepped clock (as OKNO_NOW steps would): arrivals that peak in
 * the late morning and the evening, four windows (one opening at 11:00),
 * lunches, service times that vary around means unlike the norms, a few
 * no-shows.  For every ticket it keeps the estimate given at issue
 * (queue_estimate, estimate.h) and the naive one of before (people ahead
 * in the service x the mean of its last 20 visits in 30 days / the open
 * windows serving it), then the real wait until its first call.  Prints
 * figures, never pass/fail.  Built as build/tests/bench-estimate by
 * `make bench` (tests/bench/estimate.sh). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "db.h"
#include "queue.h"

#define CONF \
	"branch = { code = \"B-1\"; name = \"Bench\"; " \
	"timezone = \"Europe/Moscow\"; };\n" \
	"services = (\n" \
	"  { code = \"pay\"; prefix = \"A\"; name = \"Pay\"; wait_norm = 15;" \
	" service_norm = 10; },\n" \
	"  { code = \"meter\"; prefix = \"B\"; name = \"Meter\"; " \
	"wait_norm = 15; service_norm = 10; },\n" \
	"  { code = \"consult\"; prefix = \"K\"; name = \"Consult\"; " \
	"wait_norm = 15; service_norm = 5; } );\n" \
	"windows = (\n" \
	"  { number = 1; services = [ \"pay\", \"meter\" ]; " \
	"lunch = \"12:00-12:45\"; },\n" \
	"  { number = 2; services = [ \"pay\", \"meter\" ]; " \
	"lunch = \"13:00-13:45\"; },\n" \
	"  { number = 3; services = [ \"meter\", \"consult\" ]; " \
	"lunch = \"14:00-14:45\"; },\n" \
	"  { number = 4; services = [ \"pay\", \"consult\" ]; " \
	"lunch = \"15:00-15:30\"; } );\n" \
	"hours = { week = [ \"08:00-20:00\", \"08:00-20:00\", " \
	"\"08:00-20:00\", \"08:00-20:00\", \"08:00-20:00\", \"\", \"\" ];\n" \
	"  cutoff = 15; };\n"

#define STEP_S	10		/* the clock's step */
#define NSVC	3
#define NWIN	4

static const char *const svc_code[NSVC] = { "pay", "meter", "consult" };
static const double svc_mean_s[NSVC] = { 7 * 60, 12 * 60, 4 * 60 };
static const int svc_share[NSVC] = { 50, 30, 20 };	/* percent */
/* Arrivals per hour from 08:00 to 19:00 (the last hour to 19:45). */
static const int per_hour[12] = { 16, 24, 30, 30, 24, 20, 18, 20, 24, 30,
	34, 20 };

struct simw {
	int	 number;
	int	 open_min, close_min, lunch_s, lunch_e;
	enum { W_CLOSED, W_FREE, W_SERVING, W_LUNCH, W_DONE } st;
	time_t	 busy_until;
	int	 noshow;
	int	 lunched;
};

struct rec {
	int64_t	 id;
	time_t	 issued;
	int	 est_min, late;
	double	 naive_min;
	long	 wait_s;	/* -1: never called */
};

static unsigned long long seed;
static double load;		/* the day's arrivals, x per_hour */
static struct ctx c;
static struct err e;

static double
rnd(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return ((seed >> 11) + 0.5) / 9007199254740992.0;
}

static double
gauss(void)
{
	return sqrt(-2 * log(rnd())) * cos(2 * M_PI * rnd());
}

static void
die(const char *what)
{
	fprintf(stderr, "bench-estimate: %s: %s\n", what, e.msg);
	exit(1);
}

static time_t
at_min(time_t midnight, int min)
{
	return midnight + (time_t)min * 60;
}

/* The estimate okno gave before estimate.c: ahead x mean / open windows. */
static double
naive(int service, int ahead)
{
	const struct config *cfg = c.cfg;
	struct stmt *st;
	double avg;
	int open = 0, nwin = 0;

	if (db_prepare(c.db, &st, &e, "SELECT avg(service_s), count(*) FROM"
	    " (SELECT service_s FROM tickets INDEXED BY tickets_closed"
	    " WHERE status = 'finished' AND service = :s AND closed_at >= :since"
	    " ORDER BY closed_at DESC LIMIT 20)") != 0)
		die("naive");
	db_bind_text(st, ":s", svc_code[service]);
	db_bind_int(st, ":since", c.now - 30 * 86400L);
	if (db_step(st, &e) != DB_ROW)
		die("naive");
	avg = db_col_int(st, 1) > 0 ? db_col_double(st, 0) :
	    cfg->services[service].service_norm * 60.0;
	db_finalize(st);
	if (db_prepare(c.db, &st, &e, "SELECT number FROM windows WHERE"
	    " state = 'open'") != 0)
		die("naive");
	while (db_step(st, &e) == DB_ROW) {
		const struct config_window *w = config_window(cfg,
		    (int)db_col_int(st, 0));

		if (w != NULL && config_window_serves(w, service))
			open++;
	}
	db_finalize(st);
	for (size_t i = 0; i < cfg->nwindows; i++)
		if (config_window_serves(&cfg->windows[i], service))
			nwin++;
	if (open == 0)
		open = nwin > 0 ? nwin : 1;
	return ceil(ahead * avg / open / 60);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The p-th percentile, nearest rank (SPEC, "Time semantics"); sorts v. */
static double
pct(double *v, size_t n, int p)
{
	size_t k;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	k = (size_t)ceil(p / 100.0 * n);
	return v[k ? k - 1 : 0];
}

/* One day from 07:50 to 20:00; its tickets into r (returns how many). */
static size_t
run_day(const char *date, struct rec *r, size_t max)
{
	struct simw w[NWIN] = {
		{ 1, 8 * 60, 20 * 60, 12 * 60, 12 * 60 + 45, W_CLOSED, 0, 0, 0 },
		{ 2, 8 * 60, 20 * 60, 13 * 60, 13 * 60 + 45, W_CLOSED, 0, 0, 0 },
		{ 3, 8 * 60, 20 * 60, 14 * 60, 14 * 60 + 45, W_CLOSED, 0, 0, 0 },
		{ 4, 11 * 60, 20 * 60, 15 * 60, 15 * 60 + 30, W_CLOSED, 0, 0, 0 },
	};
	time_t midnight, t, next_arrival, end;
	size_t n = 0;
	int y, m, d, waiting = 0, cancelled;

	if (date_parse(date, &y, &m, &d) != 0)
		exit(1);
	midnight = date_start(y, m, d);
	next_arrival = at_min(midnight, 8 * 60) + (time_t)(-log(rnd()) *
	    3600 / (per_hour[0] * load));
	end = at_min(midnight, 20 * 60);
	for (t = at_min(midnight, 7 * 60 + 50); t <= end; t += STEP_S) {
		c.now = t;
		/* Arrivals up to the cut-off. */
		while (next_arrival <= t &&
		    next_arrival < at_min(midnight, 19 * 60 + 45)) {
			int h = (int)((next_arrival - midnight) / 3600) - 8;
			double u = rnd() * 100;
			int s = u < svc_share[0] ? 0 :
			    u < svc_share[0] + svc_share[1] ? 1 : 2;
			struct estimate est;
			struct ticket tk;
			double nv;
			int ahead;

			if (queue_estimate(&c, s, 0, &est, &e) != OKNO_OK)
				die("estimate");
			ahead = est.ahead;
			nv = naive(s, ahead);
			if (queue_issue(&c, svc_code[s], 0, &tk, &est, &e) !=
			    OKNO_OK)
				die("issue");
			if (n < max) {
				r[n].id = tk.id;
				r[n].issued = t;
				r[n].est_min = est.minutes;
				r[n].late = est.late;
				r[n].naive_min = nv;
				r[n].wait_s = -1;
				n++;
			}
			waiting++;
			h = h < 0 ? 0 : h > 11 ? 11 : h;
			next_arrival += (time_t)(-log(rnd()) * 3600 /
			    (per_hour[h] * load)) + 1;
		}
		for (int i = 0; i < NWIN; i++) {
			struct simw *x = &w[i];
			struct ticket tk;
			int rc;

			if (x->st == W_CLOSED && t >= at_min(midnight,
			    x->open_min)) {
				if (queue_window_open(&c, x->number, NULL,
				    &e) != OKNO_OK)
					die("open");
				x->st = W_FREE;
			}
			if (x->st == W_SERVING && t >= x->busy_until) {
				rc = x->noshow ? queue_noshow(&c, x->number,
				    &tk, &e) : queue_finish(&c, x->number, &tk,
				    &e);
				if (rc != OKNO_OK)
					die("finish");
				x->st = W_FREE;
			}
			if (x->st == W_FREE && !x->lunched &&
			    t >= at_min(midnight, x->lunch_s)) {
				if (queue_window_pause(&c, x->number, "lunch",
				    &e) != OKNO_OK)
					die("pause");
				x->st = W_LUNCH;
				x->lunched = 1;
			}
			if (x->st == W_LUNCH && t >= at_min(midnight,
			    x->lunch_e)) {
				if (queue_window_resume(&c, x->number, &e) !=
				    OKNO_OK)
					die("resume");
				x->st = W_FREE;
			}
			if (x->st == W_FREE && waiting > 0 && t < end) {
				rc = queue_call(&c, x->number, &tk, &e);
				if (rc == OKNO_NONE)
					continue;
				if (rc != OKNO_OK)
					die("call");
				waiting--;
				x->st = W_SERVING;
				x->noshow = rnd() < 0.03;
				if (x->noshow)
					x->busy_until = t + 60;
				else {
					int s = !strcmp(tk.service, "pay") ? 0 :
					    !strcmp(tk.service, "meter") ? 1 : 2;
					double v = svc_mean_s[s] *
					    exp(0.45 * gauss() - 0.1);

					x->busy_until = t + (time_t)(v < 60 ?
					    60 : v);
				}
			}
		}
	}
	c.now = end + 3600;
	for (int i = 0; i < NWIN; i++)
		if (w[i].st == W_SERVING)
			queue_finish(&c, w[i].number, &(struct ticket){ 0 },
			    &e);
	if (queue_close_day(&c, &cancelled, &e) != OKNO_OK)
		die("close day");
	for (size_t i = 0; i < n; i++) {
		struct stmt *st;

		if (db_prepare(c.db, &st, &e, "SELECT min(at) FROM"
		    " ticket_events WHERE ticket_id = :id AND"
		    " event = 'called'") != 0)
			die("waits");
		db_bind_int(st, ":id", r[i].id);
		if (db_step(st, &e) == DB_ROW && !db_col_null(st, 0))
			r[i].wait_s = (long)(db_col_int(st, 0) - r[i].issued);
		db_finalize(st);
	}
	return n;
}

static void
report(const char *label, const struct rec *r, size_t n)
{
	double *a = calloc(n + 1, sizeof *a), *b = calloc(n + 1, sizeof *b),
	    *all = calloc(n + 1, sizeof *all);
	size_t na = 0, nall = 0, called = 0, late = 0, late_unserved = 0,
	    unserved = 0, num_unserved = 0;

	for (size_t i = 0; i < n; i++) {
		double real = r[i].wait_s / 60.0;

		if (r[i].wait_s < 0) {
			unserved++;
			if (r[i].late)
				late_unserved++;
			else
				num_unserved++;
		}
		if (r[i].late)
			late++;
		if (r[i].wait_s < 0)
			continue;
		called++;
		all[nall++] = fabs(r[i].naive_min - real);
		if (r[i].late)
			continue;
		a[na] = fabs(r[i].est_min - real);
		b[na++] = fabs(r[i].naive_min - real);
	}
	printf("%s: %zu tickets, %zu called, %zu not called before closing\n",
	    label, n, called, unserved);
	printf("  absolute error, min, over the %zu called tickets given a "
	    "number:\n", na);
	printf("    new estimate:   median %5.1f  p90 %5.1f\n", pct(a, na, 50),
	    pct(a, na, 90));
	printf("    naive estimate: median %5.1f  p90 %5.1f", pct(b, na, 50),
	    pct(b, na, 90));
	printf("  (over all %zu called: median %.1f, p90 %.1f)\n", nall,
	    pct(all, nall, 50), pct(all, nall, 90));
	printf("  \"not before closing\": said %zu times, %zu of them not "
	    "called; %zu not called were given a number (naive: all %zu)\n",
	    late, late_unserved, num_unserved, unserved);
	free(a);
	free(b);
	free(all);
}

int
main(void)
{
	/* An ordinary day, a busy one, one the office cannot keep up with
	 * in the evening. */
	static const char *const days[] = { "2026-12-28", "2026-12-29",
		"2026-12-30" };
	static const double loads[] = { 1.0, 1.2, 1.45 };
	struct rec *r, *day;
	struct config *cfg;
	char dir[] = "/tmp/okno-bench-XXXXXX", path[64], label[64];
	size_t n = 0, max = 4000;

	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	if (config_load_string(CONF, "okno.conf", &cfg, &e) != OKNO_OK)
		die("config");
	snprintf(path, sizeof path, "%s/b.db", dir);
	if (db_open(path, 1, &c.db, &e) != OKNO_OK)
		die("db");
	c.cfg = cfg;
	c.who = &actor_system;
	r = calloc(max, sizeof *r);
	printf("simulated days: windows 1-3 08:00-20:00, window 4 from 11:00,"
	    " lunches; %d s clock steps\n", STEP_S);
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		seed = 20261228 + i;
		load = loads[i];
		day = r + n;
		size_t k = run_day(days[i], day, max - n);

		snprintf(label, sizeof label, "%s (arrivals x %.2f)", days[i],
		    loads[i]);
		report(label, day, k);
		n += k;
	}
	report("all days", r, n);
	free(r);
	db_close(c.db);
	config_free(cfg);
	unlink(path);
	snprintf(path, sizeof path, "%s/b.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/b.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}
