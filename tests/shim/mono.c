/* mono.c: test-only LD_PRELOAD shim that moves and speeds up the
 * monotonic clock of a process, so the tests can put okno past 24.8 days
 * of uptime (where 32-bit milliseconds wrap) and run the idle lock's ten
 * minutes in ten seconds.
 *
 * Only CLOCK_MONOTONIC is changed; every other clock, and every other
 * call, goes to libc untouched.  The shim answers both names a program
 * may call: clock_gettime (amd64, and i386 with a 32-bit time_t) and
 * __clock_gettime64 (what glibc redirects clock_gettime to on i386 under
 * _TIME_BITS=64, which okno is built with; libfaketime 0.9.10 misses it,
 * which is why this shim replaced it).  It is built for the target like
 * the program it is preloaded into, without _TIME_BITS, so that
 * clock_gettime here is the 32-bit-time one on i386.
 *
 * The environment sets it up at the first reading:
 *   OKNO_MONO_START  seconds the clock shows then (default: the real one)
 *   OKNO_MONO_RATE   how many times faster it runs (an integer, default 1)
 * and a test program preloaded with it may move the clock later with
 * mono_shim_set(seconds), found with dlsym(RTLD_DEFAULT, ...).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NS	1000000000LL

int	clock_gettime(clockid_t, struct timespec *);
int	__clock_gettime64(clockid_t, void *);
void	mono_shim_set(double);

/* glibc's struct __timespec64 on a 32-bit little-endian target. */
struct ts64 {
	int64_t	 tv_sec;
	int32_t	 tv_nsec;
	int32_t	 pad;
};

static int	(*real_gettime)(clockid_t, struct timespec *);
static int	 ready;
static int64_t	 base_real, base_fake;	/* ns: a real reading and its fake */
static int64_t	 rate = 1;

static void
next(const char *name, void *fp, size_t size)
{
	void *p = dlsym(RTLD_NEXT, name);

	memcpy(fp, &p, size);
}

static int
real_ns(clockid_t id, int64_t *ns)
{
	struct timespec ts;

	if (real_gettime == NULL)
		next("clock_gettime", &real_gettime, sizeof real_gettime);
	if (real_gettime == NULL) {
		errno = ENOSYS;
		return -1;
	}
	if (real_gettime(id, &ts) == -1)
		return -1;
	*ns = (int64_t)ts.tv_sec * NS + ts.tv_nsec;
	return 0;
}

/* The monotonic clock as the process sees it, in ns. */
static int
fake_ns(int64_t *ns)
{
	const char *s;
	int64_t now;

	if (real_ns(CLOCK_MONOTONIC, &now) == -1)
		return -1;
	if (!ready) {
		ready = 1;
		if ((s = getenv("OKNO_MONO_RATE")) != NULL && atoll(s) > 0)
			rate = atoll(s);
		base_real = now;
		base_fake = now;
		if ((s = getenv("OKNO_MONO_START")) != NULL && *s != '\0')
			base_fake = (int64_t)(strtod(s, NULL) * NS);
	}
	*ns = base_fake + (now - base_real) * rate;
	return 0;
}

void
mono_shim_set(double seconds)
{
	int64_t now;

	if (fake_ns(&now) == -1 || real_ns(CLOCK_MONOTONIC, &now) == -1)
		return;
	base_real = now;
	base_fake = (int64_t)(seconds * NS);
}

int
clock_gettime(clockid_t id, struct timespec *ts)
{
	int64_t ns;

	if (id != CLOCK_MONOTONIC) {
		if (real_gettime == NULL)
			next("clock_gettime", &real_gettime,
			    sizeof real_gettime);
		if (real_gettime == NULL) {
			errno = ENOSYS;
			return -1;
		}
		return real_gettime(id, ts);
	}
	if (fake_ns(&ns) == -1)
		return -1;
	ts->tv_sec = (time_t)(ns / NS);
	ts->tv_nsec = (long)(ns % NS);
	return 0;
}

/*
 * Only called on 32-bit targets built with _TIME_BITS=64.  Other clocks
 * go to libc's own __clock_gettime64, so they keep their 64-bit range.
 */
int
__clock_gettime64(clockid_t id, void *p)
{
	static int (*real64)(clockid_t, void *);
	struct ts64 *ts = p;
	int64_t ns;

	if (id != CLOCK_MONOTONIC) {
		if (real64 == NULL)
			next("__clock_gettime64", &real64, sizeof real64);
		if (real64 == NULL) {
			errno = ENOSYS;
			return -1;
		}
		return real64(id, p);
	}
	if (fake_ns(&ns) == -1)
		return -1;
	ts->tv_sec = ns / NS;
	ts->tv_nsec = (int32_t)(ns % NS);
	ts->pad = 0;
	return 0;
}
