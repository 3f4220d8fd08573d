/* config.h: the branch configuration, read once at start-up with
 * libconfig (config.c; only it, config-int.h and catalogue.c include
 * libconfig.h).  The inspection catalogue is catalogue.h's. */
#ifndef OKNO_CONFIG_H
#define OKNO_CONFIG_H

#include <stdio.h>

#include "calendar.h"
#include "okno.h"

struct calendar;	/* calendar.h */

/* Exit status for configuration errors (sysexits EX_CONFIG). */
#define OKNO_EXIT_CONFIG 78

struct config_service {
	char	*code;		/* "pay" */
	char	*prefix;	/* "A": ticket numbers are A001... */
	char	*name;		/* shown on screens and tickets */
	int	 wait_norm;	/* minutes */
	int	 service_norm;	/* minutes */
};

struct config_window {
	int	  number;
	int	 *services;	/* indexes into config.services */
	size_t	  nservices;
};

/*
 * A service's own ticket cut-off and a window's scheduled lunch live
 * beside the services and windows (config_service_cutoff(),
 * config_window_lunch()), so that code building a configuration with
 * positional initialisers (the unit tests) need not know of them.
 */
struct config_cutoff {
	int	service;	/* index into config.services */
	int	minutes;
};

struct config_lunch {
	int	window;		/* its number */
	int	start, end;	/* minutes from midnight, start < end */
};

/*
 * Opening hours (hours.h applies them with the production calendar).
 * set is 0 when the configuration has no `hours`: always open.
 */
struct config_hours {
	int	set;
	/* Minutes from midnight, index 0 Monday .. 6 Sunday; -1: closed. */
	int	open[7], close[7];
	int	shortened;	/* minutes cut from the close of a t=2 day */
	int	cutoff;		/* no new ticket this many minutes before close */
};

struct config_pause_reason {
	char	*code;		/* "lunch" */
	char	*name;		/* "Обед" */
};

/* A priority category of clients (`priorities`, config-priorities.c). */
struct config_priority {
	char	*code;		/* "disabled" */
	char	*name;		/* "Инвалид" */
};

/*
 * Pre-booked visits (`bookings`, config-bookings.c; SPEC "Bookings").
 * set is 0 when the configuration has no `bookings`: the office takes no
 * bookings (the other members then hold the defaults).
 */
struct config_bookings {
	int	 set;
	int	 slot;		/* minutes, divides the day; default 15 */
	int	 share;		/* percent of a slot's capacity; default 50 */
	int	 grace;		/* minutes after the slot start; default 10 */
	int	 early;		/* minutes before it; default 30 */
	int	 horizon;	/* days ahead one may book; default 14 */
	/* 0: check in by the code only; N: also by the phone's last N
	 * digits with the slot time. */
	int	 phone_digits;
	/* Head office's public key for the inbound batch (absolute;
	 * default hq.pub beside the configuration). */
	char	*hq_key;
};

/* A visit's outcome (config-visits.c): what the manager did. */
struct config_outcome {
	char	*code;		/* "paid" */
	char	*name;		/* "Оплата принята" */
	int	*services;	/* indexes into config.services; none: all */
	size_t	 nservices;
};

struct config_kind {
	char		*code;		/* "complaint" */
	char		*name;
	int		 deadline;	/* days */
	enum calendar_days days;
};

struct config_criterion {
	char	*code;		/* "speed" */
	char	*name;
	double	 weight;
};

/*
 * One serial device.  An absent device has driver == NULL (and every other
 * field is unset).  Port settings follow libserialport's vocabulary.  A
 * configured device has every field filled: the defaults are 9600 8N1, no
 * flow control, timeout 2000 ms, charset CP866 (CP1251 for "rs485" and
 * "alpha"), codepage -1 (driver default), address -1, columns/lines 20x2
 * for "dmd" and 0 ("driver default") otherwise.  A keypad waits
 * timeout_ms for each key (default 30000: a client reads the question).
 */
struct config_device {
	char	*driver;	/* "escpos"; "dmd", "alpha", "rs485"; "digits"
				   (the keypad) */
	char	*port;		/* "/dev/ttyUSB0", made absolute */
	int	 baud;		/* 9600 */
	int	 bits;		/* 8 */
	char	*parity;	/* "none", "odd", "even" */
	int	 stopbits;	/* 1 */
	char	*flow;		/* "none", "rtscts", "xonxoff" */
	int	 codepage;	/* ESC t n; -1 when not set */
	char	*charset;	/* iconv name, "CP866" */
	int	 kanji_off;	/* send FS . first (Chinese clones) */
	int	 address;	/* rs485 hall board address; -1 none */
	int	 columns;	/* board width in characters */
	int	 lines;		/* board height in lines */
	int	 timeout_ms;	/* per read/write */
	int	 uucp_lock;	/* also take a UUCP LCK.. file */
	/*
	 * rs485 per-window displays (board only): nwindow_addr pairs,
	 * window_addr[2 * i] the window number and window_addr[2 * i + 1]
	 * its display's address; see config_device_window_addr().
	 */
	int	*window_addr;
	size_t	 nwindow_addr;
};

/*
 * The sound card that announces calls (devices.sound; hw/sound.h plays,
 * office/announce.c decides what and when).  driver NULL: no sound.
 * voice is the folder of the fragment library (NAME.wav per fragment,
 * voice.h), absolute.  Quiet hours are minutes from midnight and may
 * cross it ("20:00-08:00"); quiet_start == -1: never quiet.
 */
struct config_sound {
	char	*driver;	/* "alsa" */
	char	*device;	/* ALSA PCM name, "default" */
	char	*voice;		/* default VOICEDIR, /usr/share/okno/voice/ru */
	int	 volume;	/* 0-100 percent of the recording; default 100 */
	int	 quiet_start;	/* minutes; -1: no quiet hours */
	int	 quiet_end;
};

struct config {
	char	*path;		/* the file read */
	char	*dir;		/* its folder; relative paths are from here */
	int	 embedded;	/* config_load_embedded: files from embed.h */

	char	*branch_code;	/* "MSK-014" */
	char	*branch_name;
	char	*timezone;	/* "Europe/Moscow"; NULL: the system's zone */
	char	*language;	/* of paper and boards: "ru" (lang.h) */
	char	*phone;		/* office phone, for slips; NULL if unset */
	char	*address;	/* office address; NULL if unset */
	char	*database;	/* absolute; default /var/lib/okno/okno.db */
	/*
	 * The one folder where a user may have okno write a file (a saved
	 * report), absolute; NULL when unset: "reports" beside the
	 * database in use, see config_reports_dir().
	 */
	char	*reports;
	/*
	 * Where the export batches are kept (okno-sync's folder), absolute;
	 * NULL when unset: "export" beside the database in use, see
	 * config_export_dir().  Delivered batches are removed after
	 * export_keep_days (export-prune.c).
	 */
	char	*export_dir;
	int	 export_keep_days;
	/*
	 * Seconds added to the system clock by every process that reads
	 * this file: a demo or training office living at another time of
	 * day (okno demo outside office hours).  0 for a real office.
	 */
	int	 clock_offset;

	char	**calendars;	/* absolute paths of production calendars */
	size_t	  ncalendars;
	struct calendar	*cal;	/* those calendars, loaded; never NULL */

	struct config_service	*services;
	size_t			 nservices;
	struct config_window	*windows;
	size_t			 nwindows;
	struct config_hours	 hours;
	struct config_cutoff	*cutoffs;	/* services' own; may be none */
	size_t			 ncutoffs;
	struct config_lunch	*lunches;	/* windows' lunch; may be none */
	size_t			 nlunches;
	struct config_pause_reason *pause_reasons;	/* may be none */
	size_t			 npause_reasons;
	/* Priority categories (config-priorities.c); may be none. */
	struct config_priority	*priorities;
	size_t			 npriorities;
	/*
	 * queue.fair_after, minutes: an ordinary ticket that has waited
	 * this long ranks as a priority ticket (queue.c, the call order).
	 * 0: absent, priority always first.
	 */
	int			 fair_after;

	struct config_kind	*kinds;
	size_t			 nkinds;
	char			**topics;
	size_t			 ntopics;
	/* POSIX ERE an account number must match; never NULL. */
	char			*account_pattern;
	int			 retention_days;	/* personal data */

	struct config_criterion	*criteria;
	size_t			 ncriteria;
	/* inspections.catalogue, absolute (embedded: "conf/criteria.conf") */
	char			*catalogue;

	char	*ticket_footer;	/* NULL if unset */
	int	 idle_lock;	/* minutes until the screen locks; 0 never */
	int	 idle_lock_hall; /* the same for the hall view (default 0:
				   it stays live; ui-loop.c) */
	int	 undo_min;	/* queue.undo: minutes to take back; 0 never */
	int	 return_grace;	/* queue.return_grace, minutes */

	struct config_device	printer;
	struct config_device	board;
	struct config_device	keypad;	/* rating keypad (hw/keypad.h) */
	struct config_sound	sound;	/* announcements (config-sound.c) */

	/* Visits (config-visits.c): outcomes and the visits group. */
	struct config_outcome	*outcomes;	/* may be none */
	size_t			 noutcomes;
	int			 require_outcome;	/* finish needs one */
	int			 repeat_days;	/* default 30 */

	struct config_bookings	 bookings;
};

/*
 * Finds the configuration file: explicit path, else $OKNO_CONFIG, else
 * SYSCONFDIR/okno/okno.conf.  Never NULL.
 */
const char	*config_find(const char *explicit_path);

/*
 * Reads and checks path.  On error returns OKNO_ECONFIG with e->msg
 * "FILE:LINE: message" (LINE of the offending setting).  On success the
 * process's TZ is set to the branch time zone.
 */
int	 config_load(const char *path, struct config **, struct err *);
/* The same from a string; path is used for messages and relative paths. */
int	 config_load_string(const char *text, const char *path,
	     struct config **, struct err *);
/*
 * The configuration compiled into the binary (conf/okno.conf and its
 * calendars, see embed.h), for `okno demo`: nothing is read from disk.
 * Its calendars[] are the embedded names ("conf/calendar/ru-2026.xml").
 */
int	 config_load_embedded(struct config **, struct err *);
void	 config_free(struct config *);

/* Look-ups; NULL or -1 when absent. */
const struct config_service	*config_service(const struct config *,
				     const char *code);
int				 config_service_index(const struct config *,
				     const char *code);
const struct config_window	*config_window(const struct config *, int);
int				 config_window_serves(
				     const struct config_window *, int service);
const struct config_kind	*config_kind(const struct config *,
				     const char *code);
/* A service's own cut-off in minutes; -1: hours.cutoff applies. */
int				 config_service_cutoff(
				     const struct config *, int service);
/* A window's lunch; NULL when it has none. */
const struct config_lunch	*config_window_lunch(const struct config *,
				     int window);
const struct config_pause_reason *config_pause_reason(
				     const struct config *, const char *code);
const struct config_priority	*config_priority(const struct config *,
				     const char *code);
const struct config_criterion	*config_criterion(const struct config *,
				     const char *code);
/* The rs485 display address of a window; -1 when it has none. */
int				 config_device_window_addr(
				     const struct config_device *, int window);

/*
 * The reports folder, to free(): cfg->reports, or when unset "reports"
 * beside db, the database in use (NULL: cfg->database), so that -d and
 * OKNO_DB move it with the database.
 */
char	*config_reports_dir(const struct config *, const char *db);
/* The export folder, to free(), like config_reports_dir ("export"). */
char	*config_export_dir(const struct config *, const char *db);

/* 1 when local time t (minutes from midnight) is in the quiet hours. */
int	 config_sound_quiet(const struct config_sound *, int minutes);

/* Prints a human-readable summary (okno check-config). */
void	 config_summary(const struct config *, FILE *);

#endif
