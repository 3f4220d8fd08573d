/* tap.c: TAP output for C tests: plan, ok, is_*, skip, diag, bail. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static int	tap_planned = -1;
static int	tap_lazy;
static int	tap_run;
static int	tap_failed;
static char	tap_dir[256];

static void
tap_exit(void)
{
	char cmd[300];

	if (tap_dir[0] != '\0' && getenv("TAP_KEEP") == NULL) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tap_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "# could not remove %s\n", tap_dir);
	}
	if (tap_lazy)
		printf("1..%d\n", tap_run);
	else if (tap_planned >= 0 && tap_run != tap_planned)
		printf("# planned %d tests but ran %d\n", tap_planned, tap_run);
	if (tap_failed > 0)
		printf("# failed %d of %d tests\n", tap_failed, tap_run);
	fflush(stdout);
}

void
plan(int n)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	tap_planned = n;
	printf("1..%d\n", n);
	atexit(tap_exit);
}

void
plan_lazy(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	tap_lazy = 1;
	atexit(tap_exit);
}

static int
vok(int success, const char *fmt, va_list ap)
{
	tap_run++;
	if (!success)
		tap_failed++;
	printf("%sok %d", success ? "" : "not ", tap_run);
	if (fmt != NULL && *fmt != '\0') {
		printf(" - ");
		vprintf(fmt, ap);
	}
	putchar('\n');
	return success;
}

int
ok(int success, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	success = vok(success, fmt, ap);
	va_end(ap);
	return success;
}

int
is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vok(got == want, fmt, ap);
	va_end(ap);
	if (!r)
		printf("#   got: %lld\n#  want: %lld\n", got, want);
	return r;
}

int
is_string(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (got == NULL || want == NULL)
		r = got == want;
	else
		r = strcmp(got, want) == 0;
	va_start(ap, fmt);
	r = vok(r, fmt, ap);
	va_end(ap);
	if (!r)
		printf("#   got: '%s'\n#  want: '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return r;
}

int
is_double(double got, double want, double eps, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vok(got - want <= eps && want - got <= eps, fmt, ap);
	va_end(ap);
	if (!r)
		printf("#   got: %g\n#  want: %g\n", got, want);
	return r;
}

int
is_blob(const void *got, const void *want, unsigned long len,
    const char *fmt, ...)
{
	const unsigned char *g = got, *w = want;
	va_list ap;
	unsigned long i;
	int r;

	r = memcmp(got, want, len) == 0;
	va_start(ap, fmt);
	r = vok(r, fmt, ap);
	va_end(ap);
	if (!r) {
		for (i = 0; i < len && g[i] == w[i]; i++)
			;
		printf("#   first difference at byte %lu: got %02x want %02x\n",
		    i, g[i], w[i]);
	}
	return r;
}

void
skip(const char *fmt, ...)
{
	va_list ap;

	tap_run++;
	printf("ok %d # skip ", tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void
skip_block(int n, const char *fmt, ...)
{
	va_list ap;
	char buf[256];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	while (n-- > 0)
		skip("%s", buf);
}

void
diag(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void
bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(255);
}

void
sysbail(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(": %s\n", strerror(e));
	exit(255);
}

const char *
test_tmpdir(void)
{
	if (tap_dir[0] == '\0') {
		const char *base = getenv("TMPDIR");

		snprintf(tap_dir, sizeof tap_dir, "%s/okno-test-XXXXXX",
		    base ? base : "/tmp");
		if (mkdtemp(tap_dir) == NULL)
			sysbail("mkdtemp");
	}
	return tap_dir;
}

double
test_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

long
test_cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000L +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000L;
}

char *
test_slurp(const char *path)
{
	FILE *f;
	char *s;
	long n;

	if ((f = fopen(path, "r")) == NULL) {
		if ((s = strdup("")) == NULL)
			sysbail("strdup");
		return s;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if ((s = malloc((size_t)n + 1)) == NULL)
		sysbail("malloc");
	n = (long)fread(s, 1, (size_t)n, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

int
test_wait_file(const char *path, const char *needle, int ms)
{
	double end = test_now() + ms / 1000.0;
	char *s;
	int found;

	for (;;) {
		s = test_slurp(path);
		found = strstr(s, needle) != NULL;
		free(s);
		if (found || test_now() > end)
			return found;
		poll(NULL, 0, 10);
	}
}
