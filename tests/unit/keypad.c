/* keypad.c: the rating keypad driver against okno-sim's keypad on a pty:
 * keys answer questions in turn, 0 skips, a client who walks away ends
 * the survey after one timeout with no CPU spent waiting, keys typed ahead
 * answer the next questions, stale keys are dropped, a hang-up fails.
 * Line noise is not a rating: only a well-formed frame is a key press
 * (random megabytes into the receiver make none; kilobytes of noise on
 * the pty store nothing, and framed keys amid them still count). */
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "keypad.h"
#include "tap.h"

/* The keypad timeout: a simulator that answers does so within it, also
 * under ASan on a loaded machine; WAIT_MS: how long output is waited for
 * (a pass returns at once). */
#define TIMEOUT_MS	2000
#define WAIT_MS		20000

/* Waits until port has n bytes of input waiting, read by nobody. */
static int
wait_queued(const char *port, int n, int ms)
{
	double end = test_now() + ms / 1000.0;
	int fd, q = 0;

	if ((fd = open(port, O_RDWR | O_NOCTTY | O_NONBLOCK)) == -1)
		return 0;
	while ((ioctl(fd, FIONREAD, &q) == -1 || q < n) && test_now() < end)
		poll(NULL, 0, 10);
	close(fd);
	return q >= n;
}

static void
test_pure(void)
{
	char buf[16];

	is_int(keypad_key('1'), 1, "'1' scores 1");
	is_int(keypad_key('5'), 5, "'5' scores 5");
	is_int(keypad_key('0'), KEYPAD_SKIPPED, "'0' skips");
	is_int(keypad_key('6'), -2, "'6' is ignored");
	is_int(keypad_key('\r'), -2, "CR is ignored");
	is_int(keypad_key(0xb5), -2, "a high byte is ignored");
	is_int((long long)keypad_prompt(3, buf, sizeof buf), 3, "prompt 3");
	is_string(buf, "?3\r", "the prompt's bytes");
	is_int((long long)keypad_prompt(12, buf, sizeof buf), 4,
	    "prompt 12");
}

/* xorshift32, the same generator okno-sim's --noise uses. */
static uint32_t
rnd(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Feeds s (n bytes) to a fresh receiver: the keys it made, as digits. */
static const char *
rx_keys(const char *s, size_t n)
{
	static char got[32];
	struct keypad_rx rx;
	size_t g = 0;
	int k;

	keypad_rx_init(&rx);
	for (size_t i = 0; i < n; i++)
		if ((k = keypad_rx_byte(&rx, (unsigned char)s[i])) != -2 &&
		    g < sizeof got - 1)
			got[g++] = (char)('0' + k);
	got[g] = '\0';
	return got;
}

static void
test_frames(void)
{
	static const char *const bad[] = {
		"5", "12345", "$K5*7F\r", "$K5*7e\r", "$K1*7E\r", "$k5*7E\r",
		"$K5+7E\r", "$K5*7E\n", "$K5*7E", "$K57E\r", "$K5*7\r",
	};
	struct keypad_rx rx;
	char buf[16], *noise;
	uint32_t x = 1;
	size_t n, i;
	long made = 0;

	is_int((long long)keypad_frame('5', buf, sizeof buf), KEYPAD_FRAME_LEN,
	    "a frame is 7 bytes");
	is_string(buf, "$K5*7E\r", "key 5's frame");
	keypad_frame('0', buf, sizeof buf);
	is_string(buf, "$K0*7B\r", "key 0's frame");
	is_string(rx_keys("$K5*7E\r", 7), "5", "a frame is a key press");
	for (i = 0; i < nitems(bad); i++)
		is_string(rx_keys(bad[i], strlen(bad[i])), "", "not a key press: "
		    "\"%.*s\"", (int)strcspn(bad[i], "\r\n"), bad[i]);
	is_string(rx_keys("x$K5*$K3*78\r\n$K9*72\r$K0*7B\r", 27), "30",
	    "a broken frame is dropped at the next $; key 9 is no score");
	keypad_frame('1', buf, sizeof buf);
	for (i = 0; i < KEYPAD_FRAME_LEN; i++) {
		char flip[16];

		memcpy(flip, buf, sizeof flip);
		flip[i] ^= 0x04;	/* '1' -> '5' when it hits the key */
		if (strcmp(rx_keys(flip, KEYPAD_FRAME_LEN), "") != 0)
			break;
	}
	is_int((long long)i, KEYPAD_FRAME_LEN, "a bit flipped anywhere in a "
	    "frame drops it");

	/* Megabytes of random bytes make no key press. */
	n = 4 << 20;
	noise = xmalloc(n);
	for (i = 0; i < n; i++)
		noise[i] = (char)(rnd(&x) >> 24);
	keypad_rx_init(&rx);
	for (i = 0; i < n; i++)
		made += keypad_rx_byte(&rx, (unsigned char)noise[i]) != -2;
	is_int(made, 0, "4 MB of random bytes: no key press");
	/* The same noise with frames put into it: every one counts. */
	for (i = 1; i <= 5; i++)
		keypad_frame((unsigned char)('0' + i), noise + i * 100000,
		    KEYPAD_FRAME_LEN + 1);
	is_string(rx_keys(noise, n), "12345", "frames amid the noise count");
	free(noise);
}

/* The questions as a screen would see them: "0 1 2 3 end". */
static void
asked(void *arg, int q)
{
	char *log = arg, one[16];

	if (q < 0)
		strcat(log, "end");
	else {
		snprintf(one, sizeof one, "%d ", q);
		strcat(log, one);
	}
}

static void
test_keys(void)
{
	char log[64] = "";
	struct config_device d;
	struct keypad_result r;
	struct fx_sim s;
	struct err e;
	int sc[4];
	char *out;

	fx_sim_start(&s, "kp1", 0, "keypad", "--keys", "5403", NULL);
	fx_device(&d, "digits", s.link, TIMEOUT_MS);
	if (!is_int(keypad_survey(&d, 4, sc, asked, log, &r, &e), OKNO_OK,
	    "four questions answered"))
		diag("%s", e.msg);
	is_string(log, "0 1 2 3 end", "the screen is told each question");
	ok(sc[0] == 5 && sc[1] == 4 && sc[2] == KEYPAD_SKIPPED && sc[3] == 3,
	    "scores 5, 4, skipped, 3 (%d %d %d %d)", sc[0], sc[1], sc[2],
	    sc[3]);
	ok(r.answered == 3 && r.skipped == 1 && !r.timed_out,
	    "three answered, one skipped");
	is_string(r.transport, "termios", "a pty goes through termios");
	ok(test_wait_file(s.out, "# end", WAIT_MS), "the keypad was told the end");
	out = test_slurp(s.out);
	ok(strstr(out, "? 1\n> 5\n? 2\n> 4\n? 3\n> 0\n? 4\n> 3\n# end\n") !=
	    NULL, "one question, one key, in turn");
	free(out);
	fx_sim_stop(&s);
}

static void
test_walk_away(void)
{
	struct config_device d;
	struct keypad_result r;
	struct fx_sim s;
	struct err e;
	double t0, dt;
	long cpu0, cpu;
	int sc[4];

	fx_sim_start(&s, "kp2", 0, "keypad", "--keys", "52", NULL);
	fx_device(&d, "digits", s.link, TIMEOUT_MS);
	t0 = test_now();
	cpu0 = test_cpu_ms();
	is_int(keypad_survey(&d, 4, sc, NULL, NULL, &r, &e), OKNO_OK,
	    "a client who walks away: still OK");
	dt = test_now() - t0;
	cpu = test_cpu_ms() - cpu0;
	ok(sc[0] == 5 && sc[1] == 2 && sc[2] == KEYPAD_UNANSWERED &&
	    sc[3] == KEYPAD_UNANSWERED, "5, 2, then unanswered");
	ok(r.answered == 2 && r.timed_out, "two answered, timed out");
	ok(dt >= TIMEOUT_MS / 1000.0 - 0.05 && dt < TIMEOUT_MS / 1000.0 + 1.0,
	    "one timeout, not one per question (%.2f s)", dt);
	ok(cpu < 100, "no CPU spent waiting (%ld ms)", cpu);
	ok(test_wait_file(s.out, "# end", WAIT_MS), "the end was still sent");
	ok(!test_wait_file(s.out, "? 4", 100), "question 4 was never asked");
	fx_sim_stop(&s);
}

/*
 * Keys typed before the survey are dropped; keys typed together once it
 * runs answer the questions in turn.  The survey runs in a child, so the
 * test can type while it waits.
 */
static void
test_typing(void)
{
	struct config_device d;
	struct keypad_result r;
	struct fx_sim s;
	struct err e;
	int sc[3], fd[2], st;
	pid_t pid;
	ssize_t n;

	fx_sim_start(&s, "kp3", 1, "keypad", NULL);
	fx_device(&d, "digits", s.link, TIMEOUT_MS);
	if (write(s.in, "55\n", 3) != 3)
		sysbail("write");
	ok(test_wait_file(s.out, "> 5\n> 5\n", WAIT_MS), "two stale keys sent");
	/* They wait in the port, not on their way to it: the survey must
	 * find and drop them. */
	ok(wait_queued(s.link, 2, WAIT_MS), "and wait in the port");
	if (pipe(fd) == -1 || (pid = fork()) == -1)
		sysbail("pipe, fork");
	if (pid == 0) {
		d.timeout_ms = WAIT_MS;
		close(fd[0]);
		st = keypad_survey(&d, 3, sc, NULL, NULL, &r, &e);
		n = write(fd[1], sc, sizeof sc);
		_exit(st == OKNO_OK && n == (ssize_t)sizeof sc ? 0 : 1);
	}
	close(fd[1]);
	ok(test_wait_file(s.out, "? 1", WAIT_MS), "question 1 asked");
	if (write(s.in, "1x 23\n", 6) != 6)
		sysbail("write");
	memset(sc, 0, sizeof sc);
	n = read(fd[0], sc, sizeof sc);
	close(fd[0]);
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 && n == (ssize_t)sizeof sc,
	    "the survey ended well");
	ok(sc[0] == 1 && sc[1] == 2 && sc[2] == 3, "keys typed ahead answer "
	    "questions 1-3; the stale ones and the x do not (%d %d %d)",
	    sc[0], sc[1], sc[2]);
	fx_sim_stop(&s);
}

/* Noise on the pty: kilobytes of random bytes after each question. */
static void
test_noise(void)
{
	struct config_device d;
	struct keypad_result r;
	struct fx_sim s;
	struct err e;
	int sc[4];

	fx_sim_start(&s, "kp5", 0, "keypad", "--keys", "", "--noise", "8192",
	    "--seed", "18", NULL);
	fx_device(&d, "digits", s.link, TIMEOUT_MS);
	is_int(keypad_survey(&d, 4, sc, NULL, NULL, &r, &e), OKNO_OK,
	    "noise only: the survey ends on the timeout");
	ok(r.answered == 0 && r.skipped == 0 && r.timed_out &&
	    sc[0] == KEYPAD_UNANSWERED, "8 KB of noise answered nothing "
	    "(%d %d)", r.answered, r.skipped);
	ok(test_wait_file(s.out, "~ 8192", WAIT_MS), "the noise was sent");
	fx_sim_stop(&s);

	fx_sim_start(&s, "kp6", 0, "keypad", "--keys", "5403", "--noise",
	    "4096", NULL);
	fx_device(&d, "digits", s.link, TIMEOUT_MS);
	if (!is_int(keypad_survey(&d, 4, sc, NULL, NULL, &r, &e), OKNO_OK,
	    "keys amid noise"))
		diag("%s", e.msg);
	ok(sc[0] == 5 && sc[1] == 4 && sc[2] == KEYPAD_SKIPPED && sc[3] == 3,
	    "each after 4 KB of noise: 5, 4, skipped, 3 (%d %d %d %d)", sc[0],
	    sc[1], sc[2], sc[3]);
	fx_sim_stop(&s);
}

static void
test_failures(void)
{
	struct config_device d;
	struct keypad_result r;
	struct fx_sim s;
	struct err e;
	char *port;
	int sc[2];

	is_int(keypad_survey(NULL, 2, sc, NULL, NULL, &r, &e), OKNO_EIO,
	    "no keypad configured");
	is_string(e.msg, "no keypad is configured", "says so");
	port = xasprintf("%s/none", test_tmpdir());
	fx_device(&d, "digits", port, TIMEOUT_MS);
	is_int(keypad_survey(&d, 2, sc, NULL, NULL, &r, &e), OKNO_EIO,
	    "no such port");
	ok(sc[0] == KEYPAD_UNANSWERED && sc[1] == KEYPAD_UNANSWERED,
	    "nothing answered");
	free(port);
	is_int(keypad_survey(&d, 0, sc, NULL, NULL, &r, &e), OKNO_EINVAL,
	    "no questions: refused");

	fx_sim_start(&s, "kp4", 0, "keypad", "--keys", "44", "--fault",
	    "hangup-after=3", NULL);
	fx_device(&d, "digits", s.link, TIMEOUT_MS);
	is_int(keypad_survey(&d, 2, sc, NULL, NULL, &r, &e), OKNO_EIO,
	    "the keypad hangs up: a failure");
	ok(strstr(e.msg, s.link) != NULL, "naming the port (%s)", e.msg);
	fx_sim_stop(&s);
}

int
main(void)
{
	signal(SIGPIPE, SIG_IGN);
	plan_lazy();
	(void)fx_sim_path();		/* bails when there is none */
	test_pure();
	test_frames();
	test_keys();
	test_walk_away();
	test_typing();
	test_noise();
	test_failures();
	return 0;
}
