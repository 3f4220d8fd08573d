/* printer.h: the ESC/POS ticket printer: tickets, appeal slips, a test
 * page, and the real-time status that tells why a printer cannot print. */
#ifndef OKNO_PRINTER_H
#define OKNO_PRINTER_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "hwbuf.h"

/*
 * What the printer said before a job, most useful first.  The caller
 * (queue, CLI) never waits on a printer: whatever the status, the ticket
 * is already issued; a status that cannot print is a warning to show and
 * an event to log, and the ticket may be reprinted later.
 */
enum printer_status {
	PRINTER_READY = 0,
	PRINTER_PAPER_NEAR_END,	/* printed; warn that paper runs out */
	PRINTER_PAPER_END,	/* not printed */
	PRINTER_COVER_OPEN,	/* not printed */
	PRINTER_OFFLINE,	/* not printed (other offline cause) */
	PRINTER_UNKNOWN,	/* no valid status answer: printed anyway,
				   since many printers do not answer */
	PRINTER_ABSENT,		/* no printer configured, or no such port */
	PRINTER_ERROR		/* port busy, I/O error, hang-up mid-job */
};

/* A stable ASCII name for logs and event records: "paper-end". */
const char	*printer_status_name(enum printer_status);
/* A sentence for the user (translated). */
const char	*printer_status_message(enum printer_status);
/* Whether a job is sent at all with this status (ready, near end, unknown). */
int		 printer_status_prints(enum printer_status);

/*
 * Parses the answers to DLE EOT 1, 2 and 4 (in that order; len < 3 when
 * the printer stopped answering, 0 when it never did).  Pure: any bytes
 * and any len are fine.  A byte is valid when (b & 0x93) == 0x12; an
 * invalid first byte gives PRINTER_UNKNOWN, invalid later bytes are
 * ignored.  n=1 bit 0x08 is offline; its cause from n=2 (0x04 cover open,
 * 0x20 paper end) or n=4 (0x60 paper end); n=4 0x0c is paper near end.
 */
enum printer_status printer_parse_status(const unsigned char *, size_t len);

/* A ticket.  Strings are UTF-8; NULL or "" leaves a line out. */
struct printer_ticket {
	const char	*branch_name;
	const char	*service_name;
	const char	*number;	/* "A017" */
	time_t		 issued;	/* printed in the process's TZ */
	int		 people_ahead;	/* -1: leave out */
	int		 wait_minutes;	/* estimated; -1: leave out */
	const char	*wait_note;	/* instead of the wait (the office
					   closes first); NULL: none */
	const char	*footer;
	const char	*account;	/* the client's, already masked
					   ("******7890"); NULL: none */
	const char	*booked;	/* a booking's line under the
					   number ("Запись на 10:30");
					   NULL: an ordinary ticket */
};

/* An appeal acknowledgment slip (for the appeals module). */
struct printer_slip {
	const char	*branch_name;
	const char	*reg_no;	/* registration number */
	time_t		 registered;
	const char	*due_date;	/* "YYYY-MM-DD", printed DD.MM.YYYY */
	const char	*office_phone;
	const char	*client_phone;	/* optional; printed masked */
	const char	*footer;
};

/*
 * A document of plain lines, laid out by the office (office/booking-
 * paper.c: the booking slip, the day's list for the hall): each line
 * with its style; the printer only renders.  Text is UTF-8.
 */
#define PRINTER_L_BOLD		0x1
#define PRINTER_L_BIG		0x2	/* double width and height */
#define PRINTER_L_CENTER	0x4
#define PRINTER_L_RULE		0x8	/* a rule; text ignored */
struct printer_line {
	const char	*text;
	int		 style;
};
struct printer_doc {
	const struct printer_line *lines;
	size_t		 nlines;
	const char	*footer;
};

/* The outcome of a job, for the caller to show and log. */
struct printer_result {
	enum printer_status	 status;
	int			 printed;	/* the whole job was sent */
	const char		*transport;	/* "libserialport", "termios",
						   NULL if not opened */
	char			 message[512];	/* for the user, translated */
};

/*
 * Print jobs.  Each opens the port under its lock, asks the status
 * (DLE EOT 1, 2, 4; one timeout_ms at most), sends the job when the status
 * allows, waits for it to leave the port, and closes.  Bounded throughout:
 * no call takes more than the lock wait plus about three timeouts plus the
 * line time of the job.  They never print to the terminal.
 *
 * Return OKNO_OK when the job was sent (r->status may still warn: paper
 * near end, unknown), else OKNO_EIO (or OKNO_ECONFIG for bad settings)
 * with e->msg and r->message saying why.  r is always filled.
 */
int	 printer_print_ticket(const struct config_device *,
	     const struct printer_ticket *, struct printer_result *,
	     struct err *);
int	 printer_print_slip(const struct config_device *,
	     const struct printer_slip *, struct printer_result *, struct err *);
/* A test page: code page sample and settings (`okno device test printer`). */
int	 printer_print_test(const struct config_device *,
	     struct printer_result *, struct err *);
int	 printer_print_doc(const struct config_device *,
	     const struct printer_doc *, struct printer_result *, struct err *);
/* The columns of a line on this printer's paper (for the layout). */
int	 printer_columns(const struct config_device *);
/* Asks the status only (`okno device status`); OKNO_OK when answered. */
int	 printer_status(const struct config_device *, struct printer_result *,
	     struct err *);

/*
 * The byte streams, pure (for golden tests and the simulator's tests):
 * appended to out.  OKNO_ECONFIG when the charset is unknown.
 */
int	 printer_render_ticket(const struct config_device *,
	     const struct printer_ticket *, struct hwbuf *out, struct err *);
int	 printer_render_slip(const struct config_device *,
	     const struct printer_slip *, struct hwbuf *out, struct err *);
int	 printer_render_test(const struct config_device *, struct hwbuf *out,
	     struct err *);
int	 printer_render_doc(const struct config_device *,
	     const struct printer_doc *, struct hwbuf *out, struct err *);

#endif
