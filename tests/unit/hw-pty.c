/* hw-pty.c: the device layer against okno-sim over ptys: tickets read
 * back, printer faults, boards, locking, and no CPU spent while waiting.
 *
 * Run plain, the ports are ptys and the termios transport serves them.
 * With --serialport (tests/hw-serialport.t runs it so, under the
 * sp-pty.so preload shim) the same ptys go through libserialport.
 */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "okno.h"
#include "board.h"
#include "printer.h"
#include "transport.h"
#include "fixture.h"
#include "fixture-hw.h"
#include "tap.h"

/*
 * The device timeout in these tests: a simulator that answers must do so
 * within it, also under ASan on a loaded machine.  QUICK_S bounds what
 * must not wait out a timeout (nor the 3 s lock wait); WAIT_MS is how
 * long output is waited for (a pass returns at once).
 */
#define TIMEOUT_MS	2000
#define QUICK_S		(TIMEOUT_MS / 1000.0 - 0.5)
#define WAIT_MS		20000
#define CPU_MAX_MS	150	/* a spin over one timeout would exceed it */

static int	serialport;	/* --serialport mode */
static const char *want_transport = "termios";

/* utime + stime of another process, from /proc. */
static long
proc_cpu_ms(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long ut = 0, st = 0;
	FILE *f;
	int i;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	if (fgets(buf, sizeof buf, f) == NULL) {
		fclose(f);
		return -1;
	}
	fclose(f);
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	/* Fields after the command: state is 3, utime 14, stime 15. */
	for (i = 3; i < 14 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, " %lu %lu", &ut, &st) != 2)
		return -1;
	return (long)((ut + st) * 1000 / (unsigned long)sysconf(_SC_CLK_TCK));
}

static int
contains(const char *path, const char *needle)
{
	char *s = test_slurp(path);
	int r = strstr(s, needle) != NULL;

	if (!r)
		diag("%s lacks \"%s\"", path, needle);
	free(s);
	return r;
}

/* How many lines of the file begin with one of the characters in first. */
static int
count_lines(const char *path, const char *first)
{
	char *s = test_slurp(path), *p = s;
	int n = 0;

	while (p != NULL && *p != '\0') {
		if (strchr(first, *p) != NULL)
			n++;
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	free(s);
	return n;
}

static void
ticket(struct printer_ticket *tk, const char *number)
{
	memset(tk, 0, sizeof *tk);
	tk->branch_name = "Офис на Ленина";
	tk->service_name = "Оплата и счета";
	tk->number = number;
	tk->issued = 1798624800;
	tk->people_ahead = 3;
	tk->wait_minutes = 12;
	tk->footer = "Спасибо!";
}

static void
test_ticket(void)
{
	struct config_device d;
	struct printer_ticket tk;
	struct printer_slip sl = { 0 };
	struct printer_result r;
	struct err e;
	struct fx_sim s;
	long cpu;

	fx_sim_start(&s, "printer", 0, "printer", (char *)NULL);
	fx_device(&d, "escpos", s.link, TIMEOUT_MS);
	ticket(&tk, "A017");
	cpu = test_cpu_ms();
	is_int(printer_print_ticket(&d, &tk, &r, &e), OKNO_OK,
	    "ticket printed");
	is_int(r.status, PRINTER_READY, "status ready");
	ok(r.printed, "printed flag set");
	is_string(r.transport, want_transport, "transport %s",
	    want_transport);
	ok(test_wait_file(s.out, "---- cut ----", WAIT_MS), "simulator saw the cut");
	ok(contains(s.out, "[center bold] Офис на Ленина"), "branch, bold");
	ok(contains(s.out, "[center] Оплата и счета"), "service, Cyrillic "
	    "back from CP866");
	ok(contains(s.out, "[center bold 2x2] A017"), "number double size "
	    "and bold");
	ok(contains(s.out, "[center] 30.12.2026 10:00\n"), "date and time");
	ok(contains(s.out, "People ahead: 3\nEstimated wait: 12 min\n"),
	    "people ahead and wait");
	ok(contains(s.out, "# code table 17 (CP866)"), "ESC t 17");

	sl.branch_name = "Офис";
	sl.reg_no = "MSK-014/17";
	sl.registered = 1798624800;
	sl.due_date = "2027-01-29";
	sl.office_phone = "+7 495 000-00-00";
	is_int(printer_print_slip(&d, &sl, &r, &e), OKNO_OK, "slip printed");
	ok(test_wait_file(s.out, "Registration number: MSK-014/17", WAIT_MS) &&
	    contains(s.out, "Answer due by: 29.01.2027"), "slip read back");

	is_int(printer_status(&d, &r, &e), OKNO_OK, "status query");
	is_int(r.status, PRINTER_READY, "status ready, nothing printed");
	is_int(printer_print_test(&d, &r, &e), OKNO_OK, "test page");
	ok(test_wait_file(s.out, "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", WAIT_MS),
	    "test page's Cyrillic sample read back");
	cpu = test_cpu_ms() - cpu;
	ok(cpu < 4 * CPU_MAX_MS, "four jobs took %ld ms of CPU", cpu);
	poll(NULL, 0, 300);	/* idle: the simulator must not spin */
	cpu = proc_cpu_ms(s.pid);
	ok(cpu >= 0 && cpu < CPU_MAX_MS, "simulator used %ld ms of CPU", cpu);
	is_int(fx_sim_stop(&s), 0, "simulator exits 0 on SIGTERM");
	ok(access(s.link, F_OK) == -1, "and removes its link");
}

/* One fault: what print_ticket returns, how long it takes, CPU used. */
static void
fault(const char *fname, enum printer_status want, int want_printed,
    double max_s)
{
	struct config_device d;
	struct printer_ticket tk;
	struct printer_result r;
	struct err e;
	struct fx_sim s;
	double t0;
	long cpu, scpu;
	int code;

	fx_sim_start(&s, fname, 0, "printer", "--fault", fname, (char *)NULL);
	fx_device(&d, "escpos", s.link, TIMEOUT_MS);
	ticket(&tk, "B003");
	t0 = test_now();
	cpu = test_cpu_ms();
	code = printer_print_ticket(&d, &tk, &r, &e);
	cpu = test_cpu_ms() - cpu;
	t0 = test_now() - t0;
	is_int(code, want_printed ? OKNO_OK : OKNO_EIO, "%s: return code",
	    fname);
	is_int(r.status, want, "%s: status %s (%s)", fname,
	    printer_status_name(want), r.message);
	is_int(r.printed, want_printed, "%s: printed %d", fname,
	    want_printed);
	ok(t0 < max_s, "%s: returned in %.2f s", fname, t0);
	ok(cpu < CPU_MAX_MS, "%s: used %ld ms of CPU", fname, cpu);
	ok(r.message[0] != '\0' && (code == OKNO_OK ||
	    strcmp(e.msg, r.message) == 0), "%s: message \"%s\"", fname,
	    r.message);
	scpu = proc_cpu_ms(s.pid);
	ok(scpu >= 0 && scpu < CPU_MAX_MS, "%s: simulator used %ld ms",
	    fname, scpu);
	if (!want_printed) {
		poll(NULL, 0, 100);
		ok(!test_wait_file(s.out, "---- cut ----", 0) || strncmp(fname,
		    "hangup", 6) == 0, "%s: no ticket came out", fname);
	}
	fx_sim_stop(&s);
}

static void
test_faults(void)
{
	struct config_device d;
	struct printer_result r;
	struct printer_ticket tk;
	struct err e;
	char port[PATH_MAX];
	double t0;

	snprintf(port, sizeof port, "%s/no-such-port", test_tmpdir());
	fx_device(&d, "escpos", port, TIMEOUT_MS);
	ticket(&tk, "C001");
	t0 = test_now();
	is_int(printer_print_ticket(&d, &tk, &r, &e), OKNO_EIO,
	    "absent printer: EIO");
	is_int(r.status, PRINTER_ABSENT, "absent printer: status absent (%s)",
	    r.message);
	ok(test_now() - t0 < QUICK_S, "absent printer: at once");
	d.driver = NULL;
	printer_print_ticket(&d, &tk, &r, &e);
	is_int(r.status, PRINTER_ABSENT, "no printer configured: absent");

	fault("paper-end", PRINTER_PAPER_END, 0, QUICK_S);
	fault("paper-near-end", PRINTER_PAPER_NEAR_END, 1, QUICK_S);
	fault("cover-open", PRINTER_COVER_OPEN, 0, QUICK_S);
	fault("offline", PRINTER_OFFLINE, 0, QUICK_S);
	/* No answer: one timeout (not two), then printed anyway. */
	fault("no-answer", PRINTER_UNKNOWN, 1, TIMEOUT_MS / 1000.0 + 1.0);
	/* 9 status bytes, then 60 of the ticket: hang-up mid-ticket. */
	fault("hangup-after=69", PRINTER_ERROR, 0, QUICK_S);
	/* Hang-up during the status query itself. */
	fault("hangup-after=2", PRINTER_ERROR, 0, QUICK_S);
}

static void
test_boards(void)
{
	struct config_device d;
	struct board_state st;
	struct err e;
	struct fx_sim s;
	char port[PATH_MAX];
	int wa[] = { 1, 0x21, 3, 0x23 };
	double t0;

	st = fx_two_calls;
	fx_sim_start(&s, "dmd", 0, "board", "--driver", "dmd", (char *)NULL);
	fx_device(&d, "dmd", s.link, TIMEOUT_MS);
	is_int(board_show(&d, &st, &e), OKNO_OK, "dmd: shown (%s)", e.msg);
	ok(test_wait_file(s.out, "|>A017       window 3|\n| B002       window 1|",
	    WAIT_MS), "dmd: the simulator shows both lines");
	is_int(board_test(&d, &e), OKNO_OK, "dmd: test pattern");
	ok(test_wait_file(s.out, "|>A003       window 1|", WAIT_MS),
	    "dmd: test pattern shown");
	fx_sim_stop(&s);

	fx_sim_start(&s, "alpha", 0, "board", "--driver", "alpha",
	    (char *)NULL);
	fx_device(&d, "alpha", s.link, TIMEOUT_MS);
	d.columns = 16;
	d.address = 5;
	is_int(board_show(&d, &st, &e), OKNO_OK, "alpha: shown");
	ok(test_wait_file(s.out, "|>A017   window 3| (flash)\n| B002   window 1|",
	    WAIT_MS), "alpha: lines, newest flashing");
	ok(contains(s.out, "address 05 command A file A checksum") &&
	    contains(s.out, " ok\n"), "alpha: checksum accepted");
	fx_sim_stop(&s);

	fx_sim_start(&s, "rs485", 0, "board", "--driver", "rs485",
	    "--columns", "8", (char *)NULL);
	fx_device(&d, "rs485", s.link, TIMEOUT_MS);
	d.address = 16;
	d.columns = 8;
	d.lines = 2;
	d.window_addr = wa;
	d.nwindow_addr = 2;
	strcpy(st.current[0].number, "A017");
	st.current[0].window = 3;
	st.ncurrent = 1;
	is_int(board_show(&d, &st, &e), OKNO_OK, "rs485: shown");
	ok(test_wait_file(s.out, "[35] |A017|", WAIT_MS),
	    "rs485: window 3's display");
	ok(contains(s.out, "[16] |>A017  3|\n[16] | B002  1|") &&
	    contains(s.out, "[33] ||"), "rs485: hall board and a blank "
	    "window display");
	fx_sim_stop(&s);

	snprintf(port, sizeof port, "%s/no-such-board", test_tmpdir());
	fx_device(&d, "dmd", port, TIMEOUT_MS);
	t0 = test_now();
	is_int(board_show(&d, &st, &e), OKNO_EIO, "absent board: EIO (%s)",
	    e.msg);
	ok(test_now() - t0 < QUICK_S, "absent board: at once");
	is_int(board_probe(&d, &e), OKNO_EIO, "absent board: probe fails");
	d.driver = NULL;
	is_int(board_show(&d, &st, &e), OKNO_EIO, "no board configured");
}

/* A job of 5 lines of one letter, each line written in 3 pieces. */
static void
writer(const char *port, int letter, int jobs)
{
	struct config_device d;
	struct transport *t;
	struct err e;
	char piece[8];
	int j, l, k;

	fx_device(&d, "escpos", port, TIMEOUT_MS);
	memset(piece, letter, sizeof piece);
	for (j = 0; j < jobs; j++) {
		if (transport_open(&d, 5000, &t, &e) != TR_OK)
			_exit(1);
		transport_write(t, "\x1b@", 2, &e);
		for (l = 0; l < 5; l++) {
			for (k = 0; k < 3; k++) {
				transport_write(t, piece, sizeof piece, &e);
				poll(NULL, 0, 2);
			}
			transport_write(t, "\n", 1, &e);
		}
		transport_drain(t, &e);
		transport_close(t);
	}
	_exit(0);
}

static void
test_lock(void)
{
	struct config_device d;
	struct transport *t1 = NULL, *t2 = NULL;
	struct err e;
	struct fx_sim s;
	pid_t a, b;
	char *out, *p, *line, *save = NULL, want = 0;
	int st, lines = 0, blocks = 0, bad = 0, fd;
	char lck[PATH_MAX];
	double t0;

	fx_sim_start(&s, "lock", 0, "printer", (char *)NULL);
	fx_device(&d, "escpos", s.link, TIMEOUT_MS);

	is_int(transport_open(&d, 1000, &t1, &e), TR_OK, "lock: first open");
	t0 = test_now();
	is_int(transport_open(&d, 200, &t2, &e), TR_BUSY,
	    "lock: second open waits, then busy (%s)", e.msg);
	/* Its own 200 ms, not the default 3 s. */
	ok(test_now() - t0 >= 0.19 && test_now() - t0 < QUICK_S,
	    "lock: after the lock wait (%.2f s)", test_now() - t0);
	transport_close(t1);
	is_int(transport_open(&d, 200, &t2, &e), TR_OK,
	    "lock: free again after close");
	transport_close(t2);

	/* UUCP lock files: taken, stale ones broken, live ones waited on. */
	setenv("OKNO_LOCKDIR", test_tmpdir(), 1);
	d.uucp_lock = 1;
	is_int(transport_open(&d, 200, &t1, &e), TR_OK, "uucp: open");
	ok(t1 != NULL && strstr(transport_name(t1), "") != NULL, "uucp: port");
	{
		char *real = realpath(s.link, NULL);

		snprintf(lck, sizeof lck, "%s/LCK..%s", test_tmpdir(),
		    real != NULL ? real + 5 : "?");
		for (p = lck + strlen(test_tmpdir()) + 1; *p != '\0'; p++)
			if (*p == '/')
				*p = '_';
		free(real);
	}
	ok(access(lck, F_OK) == 0, "uucp: %s exists during the job", lck);
	transport_close(t1);
	ok(access(lck, F_OK) == -1, "uucp: removed after the job");
	if ((fd = open(lck, O_WRONLY | O_CREAT, 0644)) != -1) {
		dprintf(fd, "%10d\n", 1);	/* init: alive */
		close(fd);
	}
	is_int(transport_open(&d, 200, &t1, &e), TR_BUSY,
	    "uucp: a live owner's lock is respected (%s)", e.msg);
	if ((fd = open(lck, O_WRONLY | O_TRUNC)) != -1) {
		dprintf(fd, "%10d\n", 999999999);	/* no such process */
		close(fd);
	}
	is_int(transport_open(&d, 200, &t1, &e), TR_OK,
	    "uucp: a stale lock is broken");
	transport_close(t1);
	unsetenv("OKNO_LOCKDIR");

	/* Two processes, three jobs each, at once. */
	if ((a = fork()) == 0)
		writer(s.link, 'A', 3);
	if ((b = fork()) == 0)
		writer(s.link, 'B', 3);
	waitpid(a, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "lock: writer A done");
	waitpid(b, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "lock: writer B done");
	/* The writers are done, the simulator maybe not: wait for the 30
	 * lines of the six jobs (5 each) to reach its output. */
	t0 = test_now();
	while (count_lines(s.out, "AB") < 30 && test_now() - t0 < WAIT_MS / 1000.0)
		poll(NULL, 0, 10);
	out = test_slurp(s.out);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strcmp(line, "# init") == 0) {
			if (want != 0 && lines != 5)
				bad++;
			blocks++;
			lines = 0;
			want = 0;
			continue;
		}
		if (line[0] != 'A' && line[0] != 'B')
			continue;
		if (want == 0)
			want = line[0];
		if (strspn(line, want == 'A' ? "A" : "B") != 24 ||
		    strlen(line) != 24)
			bad++;
		lines++;
	}
	if (lines != 5)
		bad++;
	is_int(blocks, 6, "lock: six jobs arrived");
	is_int(bad, 0, "lock: no job interleaved with another");
	free(out);
	fx_sim_stop(&s);
}

/* The libserialport path, the same simulator behind the preload shim. */
static void
test_serialport(void)
{
	struct config_device d;
	struct printer_ticket tk;
	struct printer_result r;
	struct board_state st;
	struct err e;
	struct fx_sim s;

	fx_sim_start(&s, "sp-printer", 0, "printer", (char *)NULL);
	fx_device(&d, "escpos", s.link, TIMEOUT_MS);
	d.flow = "rtscts";	/* exercised through sp_set_config */
	ticket(&tk, "D004");
	is_int(printer_print_ticket(&d, &tk, &r, &e), OKNO_OK,
	    "libserialport: ticket printed (%s)", r.message);
	is_string(r.transport, "libserialport", "libserialport: transport");
	ok(test_wait_file(s.out, "[center bold 2x2] D004", WAIT_MS) &&
	    test_wait_file(s.out, "---- cut ----", WAIT_MS),
	    "libserialport: ticket read back");
	fx_sim_stop(&s);

	st = fx_two_calls;
	fx_sim_start(&s, "sp-dmd", 0, "board", "--driver", "dmd", (char *)NULL);
	fx_device(&d, "dmd", s.link, TIMEOUT_MS);
	is_int(board_show(&d, &st, &e), OKNO_OK, "libserialport: board");
	ok(test_wait_file(s.out, "|>A017       window 3|", WAIT_MS),
	    "libserialport: board read back");
	fx_sim_stop(&s);
}

int
main(int argc, char *argv[])
{
	serialport = argc > 1 && strcmp(argv[1], "--serialport") == 0;
	fx_tz("UTC");
	signal(SIGPIPE, SIG_IGN);
	plan_lazy();
	(void)fx_sim_path();		/* bails when there is none */
	if (serialport) {
		want_transport = "libserialport";
		test_serialport();
		fault("hangup-after=69", PRINTER_ERROR, 0, QUICK_S);
		fault("no-answer", PRINTER_UNKNOWN, 1,
		    TIMEOUT_MS / 1000.0 + 1.0);
		fault("paper-end", PRINTER_PAPER_END, 0, QUICK_S);
		return 0;
	}
	test_ticket();
	test_faults();
	test_boards();
	test_lock();
	return 0;
}
