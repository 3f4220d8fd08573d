/* fuzz.h: what the libFuzzer harnesses share.  Each harness is one
 * static function fuzz_NAME(data, size); compiled alone with clang it gets
 * a libFuzzer entry point, and tests/unit/fuzz-regress.c includes every
 * harness (FUZZ_REPLAY) to replay the crash inputs under make check. */
#ifndef OKNO_FUZZ_H
#define OKNO_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "okno.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#ifdef FUZZ_REPLAY
/* Counted by the replay, which reports each as a failed test. */
extern int fuzz_failures;
#endif

/*
 * FUZZ_TARGET(fuzz_NAME), after the harness: libFuzzer's entry point,
 * calling it.  The replay has none (it calls every harness itself), so
 * the line takes no semicolon.
 */
#ifdef FUZZ_REPLAY
#define FUZZ_TARGET(fn)
#else
#define FUZZ_TARGET(fn)							\
int									\
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)		\
{									\
	return fn(data, size);						\
}
#endif

/*
 * A broken invariant.  Under libFuzzer it aborts, so the input is kept as
 * a crash; in the replay it is counted and the replay goes on.
 */
static inline void OKNO_PRINTF(1, 2)
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
#ifdef FUZZ_REPLAY
	fuzz_failures++;
#else
	abort();
#endif
}

/* Somewhere to print to without filling the fuzzer's log. */
static inline FILE *
fuzz_devnull(void)
{
	static FILE *f;

	if (f == NULL && (f = fopen("/dev/null", "w")) == NULL)
		abort();
	return f;
}

/* The input as a C string, cut at its first NUL; free it. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * Splits the input into at most max NUL-separated fields, in place in a
 * copy (returned; free it); missing fields are NULL.
 */
static inline char *
fuzz_fields(const uint8_t *data, size_t size, char **fields, size_t max)
{
	char *s = xmalloc(size + 1), *p = s;
	size_t i;

	memcpy(s, data, size);
	s[size] = '\0';
	for (i = 0; i < max; i++) {
		if (p > s + size) {
			fields[i] = NULL;
			continue;
		}
		fields[i] = p;
		p += strlen(p) + 1;
	}
	return s;
}

#endif
