/* uptime.c: the device layer's waits hold past 24.8 days of uptime.
 *
 * Monotonic milliseconds in a 32-bit long wrap at 2^31 ms (24.8 days),
 * so on i386 a wait that crossed that instant timed out at once (or, with
 * the deadline before it, could spin for weeks).  This test runs under
 * the mono.so preload shim (it re-executes itself with it) and sets the
 * monotonic clock to just before 2^31, 2^32 and 3 * 2^31 ms, then waits
 * for a held port lock, a live UUCP lock and a silent device: each must
 * wait its full time, not return at once.
 */
#define _GNU_SOURCE	/* RTLD_DEFAULT */
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "okno.h"
#include "transport.h"
#include "fixture.h"
#include "tap.h"

#define TIMEOUT_MS	2000	/* the device's own */
#define WAIT_MS		300	/* the waits under test */
#define BEFORE_S	0.1	/* the clock is set this long before a wrap */

static void (*mono_set)(double);

/* Re-executes the test with the shim preloaded, once. */
static void
preload_shim(char *argv[])
{
	char shim[PATH_MAX], *pre, *asan;
	const char *b = getenv("OKNO_BUILD");

	if (getenv("OKNO_UPTIME_SHIM") != NULL)
		bail("mono.so is preloaded but has no mono_shim_set");
	if (b != NULL)
		snprintf(shim, sizeof shim, "%s/tests/mono.so", b);
	else {
		snprintf(shim, sizeof shim, "%s", argv[0]);
		if (strrchr(shim, '/') != NULL)
			*strrchr(shim, '/') = '\0';
		else
			snprintf(shim, sizeof shim, ".");
		strncat(shim, "/mono.so", sizeof shim - strlen(shim) - 1);
	}
	if (access(shim, R_OK) != 0)
		bail("%s not built", shim);
	pre = getenv("LD_PRELOAD");
	pre = xasprintf("%s%s%s", shim, pre != NULL ? " " : "",
	    pre != NULL ? pre : "");
	setenv("LD_PRELOAD", pre, 1);
	asan = getenv("ASAN_OPTIONS");
	asan = xasprintf("%s%sverify_asan_link_order=0", asan != NULL ?
	    asan : "", asan != NULL ? ":" : "");
	setenv("ASAN_OPTIONS", asan, 1);
	setenv("OKNO_UPTIME_SHIM", "1", 1);
	fflush(stdout);
	execv("/proc/self/exe", argv);
	sysbail("exec %s", argv[0]);
}

/* ok() that elapsed is the wait: not cut short, not much longer. */
static void
waited(double t0, const char *what, double wrap_ms)
{
	double el = test_now() - t0;

	ok(el >= (WAIT_MS - 10) / 1000.0 && el < TIMEOUT_MS / 1000.0,
	    "%.0f ms: %s waits its %d ms (%.3f s)", wrap_ms, what, WAIT_MS,
	    el);
}

static void
across(const char *link, double wrap_ms)
{
	struct config_device d;
	struct transport *t1 = NULL, *t2 = NULL;
	struct err e;
	unsigned char b;
	size_t got;
	char lck[PATH_MAX], *real, *p;
	double t0;
	int fd;

	fx_device(&d, "escpos", link, TIMEOUT_MS);

	/* Another job holds the port. */
	if (transport_open(&d, 1000, &t1, &e) != TR_OK)
		bail("open: %s", e.msg);
	mono_set(wrap_ms / 1000.0 - BEFORE_S);
	t0 = test_now();
	ok(t0 >= wrap_ms / 1000.0 - BEFORE_S && t0 < wrap_ms / 1000.0,
	    "%.0f ms: the monotonic clock is just before it (%.3f s)",
	    wrap_ms, t0);
	is_int(transport_open(&d, WAIT_MS, &t2, &e), TR_BUSY,
	    "%.0f ms: a held port is busy (%s)", wrap_ms, e.msg);
	waited(t0, "the port lock", wrap_ms);

	/* A silent device: the read times out at its time. */
	mono_set(wrap_ms / 1000.0 - BEFORE_S);
	t0 = test_now();
	is_int(transport_read(t1, &b, 1, &got, WAIT_MS, &e), TR_TIMEOUT,
	    "%.0f ms: a silent device times out", wrap_ms);
	waited(t0, "the read", wrap_ms);
	transport_close(t1);

	/* A live owner's UUCP lock file. */
	setenv("OKNO_LOCKDIR", test_tmpdir(), 1);
	d.uucp_lock = 1;
	if ((real = realpath(link, NULL)) == NULL)
		sysbail("realpath %s", link);
	snprintf(lck, sizeof lck, "%s/LCK..%s", test_tmpdir(), real + 5);
	for (p = lck + strlen(test_tmpdir()) + 1; *p != '\0'; p++)
		if (*p == '/')
			*p = '_';
	free(real);
	if ((fd = open(lck, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		sysbail("%s", lck);
	dprintf(fd, "%10d\n", 1);	/* init: alive */
	close(fd);
	mono_set(wrap_ms / 1000.0 - BEFORE_S);
	t0 = test_now();
	is_int(transport_open(&d, WAIT_MS, &t2, &e), TR_BUSY,
	    "%.0f ms: a live UUCP lock is busy (%s)", wrap_ms, e.msg);
	waited(t0, "the UUCP lock", wrap_ms);
	unlink(lck);
	unsetenv("OKNO_LOCKDIR");
}

int
main(int argc, char *argv[])
{
	struct fx_sim s;
	void *p;

	(void)argc;
	p = dlsym(RTLD_DEFAULT, "mono_shim_set");
	if (p == NULL)
		preload_shim(argv);
	memcpy(&mono_set, &p, sizeof mono_set);
	/* Loaded: the shell that cleans up must not get it (on amd64 it
	 * could not load an i386 shim). */
	unsetenv("LD_PRELOAD");
	plan(21);
	fx_sim_start(&s, "printer", 0, "printer", (char *)NULL);
	across(s.link, 2147483648.0);		/* 2^31 ms: 24.8 days */
	across(s.link, 4294967296.0);		/* 2^32 ms: 49.7 days */
	across(s.link, 3 * 2147483648.0);	/* 74.6 days */
	fx_sim_stop(&s);
	return 0;
}
