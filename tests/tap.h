/* tap.h: a small TAP producer for the C tests, after c-tap-harness. */
#ifndef OKNO_TAP_H
#define OKNO_TAP_H

#include <stdarg.h>

#if defined(__GNUC__)
#define TAP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TAP_NORETURN __attribute__((noreturn))
#else
#define TAP_PRINTF(f, a)
#define TAP_NORETURN
#endif

void	plan(int);			/* 1..n */
void	plan_lazy(void);		/* print the plan at exit */
int	ok(int, const char *, ...) TAP_PRINTF(2, 3);
int	is_int(long long, long long, const char *, ...) TAP_PRINTF(3, 4);
int	is_string(const char *, const char *, const char *, ...)
	    TAP_PRINTF(3, 4);
int	is_double(double, double, double eps, const char *, ...)
	    TAP_PRINTF(4, 5);
int	is_blob(const void *, const void *, unsigned long, const char *, ...)
	    TAP_PRINTF(4, 5);
void	skip(const char *, ...) TAP_PRINTF(1, 2);
void	skip_block(int, const char *, ...) TAP_PRINTF(2, 3);
void	diag(const char *, ...) TAP_PRINTF(1, 2);
void	bail(const char *, ...) TAP_PRINTF(1, 2) TAP_NORETURN;
void	sysbail(const char *, ...) TAP_PRINTF(1, 2) TAP_NORETURN;

/* A fresh temporary folder for this test, removed at exit. */
const char *test_tmpdir(void);

/* For tests that watch other processes (simulators on ptys). */
double	test_now(void);			/* seconds, monotonic */
long	test_cpu_ms(void);		/* this process's user + system */
/* The whole file as a string to free(); "" when it cannot be read. */
char	*test_slurp(const char *path);
/* Polls (10 ms) up to ms until path holds needle; 1 when it does. */
int	test_wait_file(const char *path, const char *needle, int ms);

#endif
