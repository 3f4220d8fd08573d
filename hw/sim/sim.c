/* sim.c: okno-sim, a serial device simulator for tests and the demo: a
 * pty whose slave side is the "port", with an ESC/POS printer or a board
 * decoding what arrives into readable text, or a rating keypad answering
 * the questions it is asked. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "okno.h"
#include "sim.h"

#define QUIET_MS	50	/* a pause this long ends a burst */
#define WAKE_MS		500	/* poll bound, so signals are seen */

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The usage on stderr, exit 64; on stdout, exit 0, when asked for. */
static void
usage_to(FILE *f, int code)
{
	fprintf(f, "%s", _("usage: okno-sim printer|board|keypad "
	    "[--driver dmd|alpha|rs485] [--link PATH]\n"
	    "\t[--fault paper-end|paper-near-end|cover-open|offline|"
	    "no-answer|hangup-after=N]\n"
	    "\t[--out FILE] [--charset NAME] [--columns N] [--lines N]\n"
	    "\t[--keys DIGITS]\n"));
	fprintf(f, "%s", _("\t[--noise BYTES] [--seed N]\n"));
	exit(code);
}

static void
usage(void)
{
	usage_to(stderr, 64);
}

void
sim_emit(struct sim *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(s->out, fmt, ap);
	va_end(ap);
	fputc('\n', s->out);
	fflush(s->out);
}

void
sim_reply(struct sim *s, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(s->master, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			/* The host reads slower than a burst of line noise
			 * comes: wait for it, a while. */
			if (errno == EAGAIN && poll(&(struct pollfd){ s->master,
			    POLLOUT, 0 }, 1, 2000) == 1)
				continue;
			return;		/* nobody listens: a device would not care */
		}
		p += w;
		n -= (size_t)w;
	}
}

void
sim_consume(struct sim *s, size_t n)
{
	if (n >= s->in.len) {
		s->in.len = 0;
		return;
	}
	memmove(s->in.p, s->in.p + n, s->in.len - n);
	s->in.len -= n;
}

/* The line has been quiet: let the device finish what it shows. */
static void
sim_idle(struct sim *s)
{
	if (s->printer)
		sim_printer_idle(s);
	else if (s->keypad)
		sim_keypad_idle(s);
	else
		sim_board_idle(s);
}

static int
parse_fault(struct sim *s, const char *f)
{
	char *end;

	if (strcmp(f, "paper-end") == 0)
		s->fault = FAULT_PAPER_END;
	else if (strcmp(f, "paper-near-end") == 0)
		s->fault = FAULT_PAPER_NEAR_END;
	else if (strcmp(f, "cover-open") == 0)
		s->fault = FAULT_COVER_OPEN;
	else if (strcmp(f, "offline") == 0)
		s->fault = FAULT_OFFLINE;
	else if (strcmp(f, "no-answer") == 0)
		s->fault = FAULT_NO_ANSWER;
	else if (strncmp(f, "hangup-after=", 13) == 0) {
		s->fault = FAULT_HANGUP;
		errno = 0;
		s->hangup_after = strtol(f + 13, &end, 10);
		if (errno != 0 || *end != '\0' || s->hangup_after < 0)
			return -1;
	} else
		return -1;
	return 0;
}

static int
open_pty(int *master, int *slave, char *name, size_t size)
{
	struct termios tio;
	char *pn;

	if ((*master = posix_openpt(O_RDWR | O_NOCTTY)) == -1 ||
	    grantpt(*master) == -1 || unlockpt(*master) == -1 ||
	    (pn = ptsname(*master)) == NULL)
		return -1;
	strlcpy_(name, pn, size);
	/*
	 * Keep a slave descriptor of our own: with none open the master
	 * polls POLLHUP for ever, and a simulator waiting for its first
	 * client would spin.
	 */
	if ((*slave = open(name, O_RDWR | O_NOCTTY)) == -1)
		return -1;
	/* Raw until the client sets its own: no echo, no CR/LF games. */
	if (tcgetattr(*slave, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(*slave, TCSANOW, &tio);
	}
	fcntl(*master, F_SETFL, fcntl(*master, F_GETFL) | O_NONBLOCK);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct sim s;
	struct sigaction sa;
	struct pollfd pfd[2];
	char slave_name[256], link_buf[512], *link = NULL;
	const char *out_path = NULL, *tmp;
	unsigned char buf[4096];
	long received = 0;
	ssize_t n;
	size_t take;
	int i, slave = -1, r, busy = 0, hung = 0, rc = 1, typing;

	setlocale(LC_ALL, "");
	bindtextdomain("okno", getenv("OKNO_LOCALEDIR") != NULL ?
	    getenv("OKNO_LOCALEDIR") : LOCALEDIR);
	textdomain("okno");

	memset(&s, 0, sizeof s);
	s.master = -1;
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		usage_to(stdout, 0);
	if (strcmp(argv[1], "printer") == 0)
		s.printer = 1;
	else if (strcmp(argv[1], "keypad") == 0)
		s.keypad = 1;
	else if (strcmp(argv[1], "board") != 0)
		usage();
	s.driver = "dmd";
	for (i = 2; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--driver") == 0)
			s.driver = argv[++i];
		else if (strcmp(argv[i], "--link") == 0)
			link = argv[++i];
		else if (strcmp(argv[i], "--out") == 0)
			out_path = argv[++i];
		else if (strcmp(argv[i], "--charset") == 0)
			s.charset = argv[++i];
		else if (strcmp(argv[i], "--columns") == 0)
			s.columns = atoi(argv[++i]);
		else if (strcmp(argv[i], "--lines") == 0)
			s.lines = atoi(argv[++i]);
		else if (strcmp(argv[i], "--keys") == 0 && s.keypad)
			s.keys = argv[++i];
		else if (strcmp(argv[i], "--noise") == 0 && s.keypad)
			s.noise = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0 && s.keypad)
			s.seed = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--fault") == 0) {
			if (parse_fault(&s, argv[++i]) == -1)
				usage();
		} else
			usage();
	}
	if (!s.printer && !s.keypad && strcmp(s.driver, "dmd") != 0 &&
	    strcmp(s.driver, "alpha") != 0 && strcmp(s.driver, "rs485") != 0)
		usage();

	s.out = stdout;
	if (out_path != NULL && (s.out = fopen(out_path, "a")) == NULL) {
		fprintf(stderr, "okno-sim: %s: %s\n", out_path,
		    strerror(errno));
		return 1;
	}
	if (open_pty(&s.master, &slave, slave_name, sizeof slave_name) ==
	    -1) {
		fprintf(stderr, "okno-sim: %s: %s\n", _("cannot open a pty"),
		    strerror(errno));
		goto out;
	}
	if (link == NULL) {
		tmp = getenv("TMPDIR");
		snprintf(link_buf, sizeof link_buf, "%s/okno-sim-%s-%ld",
		    tmp != NULL && *tmp != '\0' ? tmp : "/tmp",
		    s.printer ? "printer" : s.keypad ? "keypad" : s.driver,
		    (long)getpid());
		link = link_buf;
	}
	unlink(link);
	if (symlink(slave_name, link) == -1) {
		fprintf(stderr, "okno-sim: %s: %s\n", link, strerror(errno));
		link = NULL;
		goto out;
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll must return */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	printf("%s\n", link);
	fflush(stdout);
	if (s.printer)
		sim_emit(&s, "# okno-sim printer on %s", slave_name);
	else if (s.keypad)
		sim_emit(&s, "# okno-sim keypad on %s", slave_name);
	else
		sim_emit(&s, "# okno-sim board %s on %s", s.driver,
		    slave_name);

	/* A keypad without --keys sends what is typed on stdin. */
	typing = s.keypad && s.keys == NULL;
	while (!stop && !hung) {
		pfd[0].fd = s.master;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		pfd[1].fd = STDIN_FILENO;
		pfd[1].events = POLLIN;
		pfd[1].revents = 0;
		r = poll(pfd, typing ? 2 : 1, busy ? QUIET_MS : WAKE_MS);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (r == 0) {
			if (busy) {
				sim_idle(&s);
				busy = 0;
			}
			continue;
		}
		if (typing && (pfd[1].revents & (POLLIN | POLLHUP))) {
			/* Keys as typed; blanks and newlines are not keys.
			 * At the end of the input the keypad stays quiet. */
			if ((n = read(STDIN_FILENO, buf, sizeof buf)) <= 0) {
				if (n == 0 || (errno != EAGAIN &&
				    errno != EINTR))
					typing = 0;
			} else
				for (ssize_t k = 0; k < n; k++)
					if (buf[k] > ' ')
						sim_keypad_send(&s, buf[k]);
			if (!(pfd[0].revents & POLLIN))
				continue;
		}
		if (!(pfd[0].revents & POLLIN)) {
			/* POLLHUP without data: should not happen while we
			 * hold the slave, but never spin on it. */
			poll(NULL, 0, 100);
			continue;
		}
		/*
		 * To hang up after exactly N bytes, read no further: the rest
		 * stays unread in the pty, as on a line whose device vanished.
		 */
		take = sizeof buf;
		if (s.fault == FAULT_HANGUP &&
		    (size_t)(s.hangup_after - received) < take)
			take = (size_t)(s.hangup_after - received);
		n = 0;
		if (take > 0 && (n = read(s.master, buf, take)) <= 0) {
			if (n == -1 && (errno == EAGAIN || errno == EINTR))
				continue;
			poll(NULL, 0, 100);
			continue;
		}
		take = (size_t)n;
		received += (long)take;
		if (s.fault == FAULT_HANGUP && received >= s.hangup_after)
			hung = 1;
		hwbuf_add(&s.in, buf, take);
		if (s.printer)
			sim_printer_feed(&s);
		else if (s.keypad)
			sim_keypad_feed(&s);
		else
			sim_board_feed(&s);
		busy = 1;
	}
	sim_idle(&s);
	if (hung)
		sim_emit(&s, "---- hangup after %ld bytes ----", received);
	rc = 0;
out:
	/*
	 * The name goes first, then the pty: once closed, its number is free
	 * for the next terminal anyone opens, and a client that followed a
	 * link still naming it would write into a stranger's screen.
	 * Closing both sides hangs up whoever has the port open.
	 */
	if (link != NULL)
		unlink(link);
	if (slave != -1)
		close(slave);
	if (s.master != -1)
		close(s.master);
	hwbuf_free(&s.in);
	sim_printer_free();
	sim_board_free();
	if (s.out != NULL && s.out != stdout)
		fclose(s.out);
	return rc;
}
