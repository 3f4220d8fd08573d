/* ui-int.h: what the screens share: the UI state, the screen interface,
 * key tables, text output and the dialog boxes built on form/menu/panel.
 * The toolkit is one file a module, each calling only those above it in
 * this list: ui-text.c, ui-key.c, ui-box.c, ui-form.c, ui-menu.c,
 * ui-screen.c (clock, header, message line, stack), ui-loop.c (the live
 * loop, the idle lock), ui-dialog.c (modal boxes); ui.c runs it all.
 * Screens are scr-NAME.c, listed in scr-table.c.
 *
 * Text inside okno is UTF-8 (the database, the configuration, and the
 * messages, bound to UTF-8 while the UI runs).  The screens turn it into
 * wide characters and ncursesw writes them in the terminal's locale,
 * UTF-8 or KOI8-R; keys arrive as wide characters and go back to UTF-8.
 */
#ifndef OKNO_UI_INT_H
#define OKNO_UI_INT_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <form.h>
#include <menu.h>
#include <panel.h>
#include <wchar.h>

#include "auth.h"
#include "ui.h"

/* What changed since a screen last drew (bits of draw()'s argument). */
#define UI_DRAW_ALL	0x1	/* everything: first draw, resize */
#define UI_DRAW_DATA	0x2	/* the database changed: reload */
#define UI_DRAW_CLOCK	0x4	/* the displayed second changed */

/* Actions a key can be bound to.  Screens handle their own. */
enum ui_action {
	UA_NONE = 0,
	UA_HELP,
	UA_EXIT,
	UA_CALL,
	UA_RECALL,
	UA_FINISH,
	UA_NOSHOW,
	UA_TRANSFER,
	UA_POSTPONE,
	UA_PAUSE,
	UA_RATE,
	UA_APPEAL,
	UA_PRIORITY,
	UA_KIOSK,
	UA_CONSOLE,
	UA_LOCK,
	UA_REPORT,		/* the report of a period */
	UA_INSPECT,		/* record a quality inspection */
	UA_PERIOD,		/* report: choose the period */
	UA_SAVE,		/* save: a report's text, an inspection, the
				   appeal registration form */
	UA_TAB1,		/* report: the queue */
	UA_TAB2,		/* report: appeals */
	UA_TAB3,		/* report: satisfaction */
	UA_TAB4,		/* report: inspections */
	UA_TAB5,		/* report: windows (where the day went) */
	UA_DETAILS,		/* inspection: date, kind, inspector, note */
	UA_MET,			/* inspection: the selected criterion is met */
	UA_NOTMET,
	UA_NA,
	UA_CLEAR,		/* inspection: not assessed */
	UA_COMMENT,
	/* The appeal screens (appeal*.c). */
	UA_CHOOSE,		/* a field's list of choices */
	UA_APPEALS,		/* open the list */
	UA_NEW,			/* register one */
	UA_OPEN,		/* the selected one's detail */
	UA_F_STATUS,		/* list filters and order */
	UA_F_KIND,
	UA_F_OVERDUE,
	UA_F_DUE,
	UA_FIND,
	UA_SORT,
	UA_REVERSE,
	UA_RESET,
	UA_FORWARD,		/* status changes in the detail */
	UA_ANSWER,
	UA_CLOSE,
	UA_REOPEN,
	UA_EXTEND,
	UA_PRINT,
	UA_TODAY,		/* report: today's */
	UA_UNDO,		/* console: take back a finish or no-show */
	/* The supervisor's queue screen (scr-queue.c). */
	UA_QUEUE,		/* open it */
	UA_CANCEL,		/* cancel the selected ticket */
	UA_ACCOUNT,		/* visits: the client's account */
	UA_TAB6			/* report: visits */
};

/*
 * One key binding, calcurse style: an F-key, alternative keys for
 * terminals without it (vt100 has PF1-PF4 only), and translatable labels.
 * The key bar shows the F-key bindings in slot fkey (1..10).
 */
struct ui_binding {
	int		 fkey;		/* 1..10; 0: no F-key, no bar slot */
	const char	*alt;		/* other keys: "2c" */
	enum ui_action	 action;
	const char	*label;		/* N_(): the key bar, a short word */
	const char	*help;		/* N_(): a line of the help box */
};

/*
 * The bindings common to the screens, one table in ui-key.c: a screen
 * names the ones it takes in struct screen's common.  Its own table
 * comes first: a binding of its own for the same action (another label,
 * other keys, other help) replaces the common one.  Help and Lock are
 * handled by the main loop, Back (UA_EXIT) by each screen.
 */
enum ui_common_id {
	UI_COMMON_HELP,		/* F1, 1 ? h: the keys */
	UI_COMMON_BACK,		/* F10, 0 q: back */
	UI_COMMON_LOCK,		/* l: lock the screen now */
	UI_NCOMMON
};
#define UI_C_HELP	(1u << UI_COMMON_HELP)
#define UI_C_BACK	(1u << UI_COMMON_BACK)
#define UI_C_LOCK	(1u << UI_COMMON_LOCK)
/* A screen where letters and digits are typed: the common bindings come
 * with their F-keys only. */
#define UI_C_TYPING	(1u << UI_NCOMMON)

/* The most bindings a screen has, its own and the common ones. */
#define UI_KEYS_MAX	32

/* A key as read: type is OK (a character) or KEY_CODE_YES (a key code). */
struct ui_key {
	int		 type;
	wint_t		 ch;
	enum ui_action	 action;	/* from the screen's bindings */
};

struct ui;

/*
 * A screen: one module behind this interface, listed in ui_screens[].
 * init makes the state (arg is the screen's own argument, may be NULL);
 * draw paints into ui->body what the bits say changed; key handles a key;
 * resize re-lays out after the terminal changed size (draw(ALL) follows);
 * free releases the state.  A screen never calls doupdate(): the main
 * loop does, once per round.
 */
struct screen {
	const char		*name;
	const struct ui_binding	*keys;		/* ends with action UA_NONE */
	unsigned		 common;	/* UI_C_*: common bindings */
	int	(*init)(struct ui *, void **st, const void *arg);
	void	(*draw)(struct ui *, void *st, unsigned what);
	void	(*key)(struct ui *, void *st, const struct ui_key *);
	void	(*resize)(struct ui *, void *st);
	void	(*free)(void *st);
};

enum ui_screen_id {
	SCR_LOGIN,
	SCR_CONSOLE,
	SCR_KIOSK,
	SCR_HALL,
	SCR_INTAKE,		/* appeal registration; arg: a ticket number */
	SCR_APPEALS,		/* the list of appeals */
	SCR_CARD,		/* one appeal; arg: its registration number */
	SCR_REPORTS,		/* the report of a period */
	SCR_CHECKLIST,		/* a quality inspection */
	SCR_QUEUE,		/* the supervisor's queue control */
	SCR_BOOKING,		/* the day's bookings; arg: const int *, 1
				   at a manager's console (the full phone
				   and the code), 0 in the hall view */
	SCR_COUNT
};

/* The one table of screens (scr-table.c), for ui_run(). */
extern const struct screen *const scr_table[SCR_COUNT];

extern const struct screen login_screen, console_screen, kiosk_screen,
    hall_screen, intake_screen, appeals_screen, card_screen, reports_screen,
    checklist_screen, queue_screen;
extern const struct screen booking_screen;

/* Looks: attributes that read in monochrome and use colour when there. */
enum ui_look {
	LOOK_NORMAL,
	LOOK_HEADER,
	LOOK_KEYNUM,
	LOOK_KEYLABEL,
	LOOK_TITLE,
	LOOK_URGENT,
	LOOK_WARN,
	LOOK_OK,
	LOOK_DIM,
	LOOK_BIG,
	LOOK_SELECT,
	LOOK_FIELD,
	LOOK_COUNT
};

/* A box on top of the screen (a panel): dialogs, forms, menus. */
struct ui_box {
	WINDOW		*win;
	PANEL		*pan;
	int		 h, w;
	int		 y, x;		/* fixed place; -1: centred */
	int		 noframe;	/* no border (menus inside a screen) */
	char		 title[128];
	/* Re-creates the box's insides after the window was re-made. */
	void		(*place)(struct ui *, struct ui_box *);
	struct ui_box	*next;
};

#define UI_DEPTH	6

struct ui_frame {
	enum ui_screen_id	 id;
	const struct screen	*s;
	void			*st;
	/* The screen's bindings with the common ones it takes. */
	struct ui_binding	 keys[UI_KEYS_MAX];
};

struct ui {
	struct ui_opts	 o;
	const struct screen *const *screens;	/* by enum ui_screen_id */
	struct ctx	 ctx;		/* ctx.who points at actor */
	struct actor	 actor;
	char		 login[AUTH_LOGIN_MAX + 1];
	int		 logged_in;
	int		 window;	/* the console's window */

	WINDOW		*in;		/* keys are read here; never drawn */
	WINDOW		*head, *body, *msgw, *bar;
	PANEL		*phead, *pbody, *pmsg, *pbar;
	int		 colors;
	attr_t		 look[LOOK_COUNT];
	int		 blocks;	/* the locale can show U+2588 */

	struct ui_frame	 stack[UI_DEPTH];
	int		 depth;
	/* A screen change asked for during a key; done between keys. */
	int		 pend_op;	/* 0, 'p'ush, 'P'op, 'r'eplace, 'h'ome */
	enum ui_screen_id pend_id;
	const void	*pend_arg;

	struct ui_box	*boxes;		/* open boxes, newest first */
	unsigned	 dirty;		/* UI_DRAW_* still to draw */
	int64_t		 dver;		/* last data_version seen */
	time_t		 shown;		/* clock value last drawn */
	long		 shown_min;	/* header clock minute */
	double		 last_key;	/* monotonic seconds */
	int		 in_lock;
	int		 lock_now;	/* lock at the next round */
	int		 quit;
	char		 msg[256];
	enum ui_look	 msg_look;
	int		 msg_shown;
	/* Open appeals overdue and due today, in the header of every
	 * staff screen; -1 when they could not be read. */
	int		 overdue;
	int		 due_today;
	/* Why the idle lock ended the last session, for the next login
	 * screen to say: logging out clears the message line. */
	char		 ended[256];
	/* data_version when the session's user was last found enabled,
	 * with the same role; -1: check at the next round. */
	int64_t		 user_dver;
};

/* Poll period: a change elsewhere shows within a second. */
#define UI_POLL_MS	250
/* ESC then a digit within this many ms is an F-key (MC's convention);
 * also the longest gap between two bytes of one escape sequence. */
#define UI_ESC_MS	600

/* The clock screens use: OKNO_NOW when fixed, else the system's. */
time_t	 ui_now(struct ui *);
/* Refreshes ctx.now; call before every model call. */
struct ctx *ui_ctx(struct ui *);

/*
 * Reads one key, keeping the screen live meanwhile: polls the database's
 * data_version and the clock a few times a second (a blocking timeout,
 * never a busy loop), redraws what changed, follows resizes, locks an
 * idle screen.  Returns 0, or -1 when the UI must end (signal, hang-up).
 */
int	 ui_getkey(struct ui *, struct ui_key *, const struct ui_binding *);

/* Polls the database and clock, redraws what changed, doupdate()s: one
 * round of the loop, for a screen that must show something before a
 * slow call (the printer). */
void	 ui_flush(struct ui *);

/* After this process changed the queue: redraw and let boards follow. */
void	 ui_changed(struct ui *);

/* Screen stack; the change happens after the current key is handled. */
void	 ui_push(struct ui *, enum ui_screen_id, const void *arg);
void	 ui_pop(struct ui *);
void	 ui_replace(struct ui *, enum ui_screen_id, const void *arg);
/* Back to the login screen, logged out. */
void	 ui_logout(struct ui *);
/* Sets the logged-in user. */
void	 ui_set_user(struct ui *, const struct user *);

/* The message line above the key bar. */
void	 ui_status(struct ui *, enum ui_look, const char *fmt, ...)
	     OKNO_PRINTF(3, 4);
void	 ui_status_err(struct ui *, const struct err *);
/* Whether the logged-in user has the right; when not, the message line
 * says why (the model's words). */
int	 ui_may(struct ui *, enum auth_right);

/*
 * Moves a position in a list (the selection, or the first line shown) for
 * a scroll key: KEY_UP and KEY_DOWN by one, KEY_PPAGE and KEY_NPAGE by
 * page, KEY_HOME to 0, KEY_END to end.  Returns 1, or 0 with the position
 * untouched for any other key.  The caller keeps the position in range.
 */
int	 ui_scroll(int key, int *pos, int page, int end);
/*
 * A moving key of a list or a text: the arrows, PgUp, PgDn, Home, End as
 * they are, and Space and - as PgDn and PgUp (a vt100 has no page
 * keys).  0 for any other key.
 */
int	 ui_nav_key(const struct ui_key *);

attr_t	 ui_attr(struct ui *, enum ui_look);

/*
 * Writes UTF-8 text at y, x within width columns: clipped, and padded
 * with blanks to width so that old text goes (width < 0: no padding).
 * Text that is cut shows it: its last column is the cut mark.  Returns
 * the columns written.
 */
int	 ui_text(WINDOW *, int y, int x, int width, attr_t, const char *);
int	 ui_textf(WINDOW *, int y, int x, int width, attr_t, const char *,
	     ...) OKNO_PRINTF(6, 7);
/* Right-aligned in width columns starting at x. */
void	 ui_right(WINDOW *, int y, int x, int width, attr_t, const char *);
/* Centred in width columns starting at x. */
void	 ui_center(WINDOW *, int y, int x, int width, attr_t, const char *);
/* Display columns of UTF-8 text. */
int	 ui_width(const char *);
/* The mark of text cut to a column width: U+2026 where the locale has
 * it, '~' where it has not (KOI8-R). */
wchar_t	 ui_cut_mark(void);
/* UTF-8 text cut to width columns, ending with the cut mark when cut
 * (what ui_text draws), into out. */
void	 ui_clip(const char *, int width, char *out, size_t size);
/*
 * Wraps UTF-8 text into lines of at most width columns, breaking at
 * blanks where it can and at every newline.  Returns the number of
 * lines; *lines is an array of strings, freed with ui_lines_free.
 */
int	 ui_wrap(const char *text, int width, char ***lines);
void	 ui_lines_free(char **, int);

/* ui-view.c: the lines of a scrolling view, each drawn with attributes at;
 * starts zeroed, emptied by ui_view_clear, released by ui_view_free. */
struct ui_view {
	struct ui_view_line {
		char	*text;
		attr_t	 at;
	}		*lines;
	int		 nlines, cap;
};
void	 ui_view_add(struct ui_view *, attr_t at, const char *text);
void	 ui_view_clear(struct ui_view *);
void	 ui_view_free(struct ui_view *);
/* Keeps the first line shown, *top, where rows lines show the most. */
void	 ui_view_top(const struct ui_view *, int *top, int rows);

/* UTF-8 <-> the locale's multibyte text (for the form and menu libs). */
void	 ui_u8_to_mb(const char *, char *, size_t);
void	 ui_mb_to_u8(const char *, char *, size_t);

/* mm:ss, or h:mm:ss past an hour. */
void	 ui_fmt_dur(long seconds, char *, size_t);
/* HH:MM of a time. */
void	 ui_fmt_hm(time_t, char *, size_t);
/* "2027-01-29" as "29.01.2027" (how dates are read in the office and
 * printed on the slip); "" stays "". */
void	 ui_fmt_date(const char *iso, char *out, size_t size);
/* A time as "30.12.2026 10:00"; 0 as "". */
void	 ui_fmt_datetime(time_t, char *out, size_t size);

/* Big block digits and letters, 5 rows high; returns the width used. */
int	 ui_big_width(const char *);
void	 ui_big(struct ui *, WINDOW *, int y, int x, attr_t, const char *);

/*
 * A screen's own bindings with the common ones it takes (common: UI_C_*)
 * into out, ending with UA_NONE, in the order of the help box: F1 to
 * F10, the letter keys, the common letter keys, the help lines.
 */
void	 ui_keys_merge(const struct ui_binding *own, unsigned common,
	     struct ui_binding out[UI_KEYS_MAX]);
/* The key bar for bindings (the top screen's, or a dialog's). */
void	 ui_keybar(struct ui *, const struct ui_binding *);
/* The top screen's key bar again, after a dialog showed its own. */
void	 ui_keybar_top(struct ui *);

/* Boxes (panels) and dialogs. */
void	 ui_box_open(struct ui *, struct ui_box *, int h, int w,
	     const char *title);
void	 ui_box_close(struct ui *, struct ui_box *);
void	 ui_box_frame(struct ui *, struct ui_box *);
/* Moves or resizes a box (y, x -1: centred) and re-makes its insides. */
void	 ui_box_move(struct ui *, struct ui_box *, int y, int x, int h,
	     int w);

/* A message box; any key closes it. */
void	 ui_message(struct ui *, const char *title, const char *text);
/* The help box of a binding table. */
void	 ui_help(struct ui *, const struct ui_binding *);

/*
 * The form engine (ui-form.c): fields edited with the form library, one
 * line or a text of several rows.
 */
#define UI_F_SECRET	0x1	/* not shown (passwords) */
#define UI_F_DIGITS	0x2	/* digits only */

struct ui_field {
	const char	*label;		/* UTF-8, translated */
	int		 width;		/* columns; 0: to the box's edge */
	int		 rows;		/* 0 or 1: a line; more: a text, where
					   Enter is a new line */
	int		 max;		/* characters; 0: width (a line) */
	int		 flags;
	/* UTF-8, in (a line's; a text starts empty) and out.  Owned by
	 * the field: set with ui_field_set, freed with ui_fields_free;
	 * a form box fills a NULL one with "". */
	char		*value;
	/* With UI_F_DIGITS and hi > 0: blank, or a number lo to hi. */
	int		 lo, hi;
	/* NULL, or the field's own check of its value on save: OKNO_OK,
	 * or an error whose message (translated, naming the field) says
	 * what to type instead.  arg is check_arg. */
	int		(*check)(void *arg, const char *value, struct err *);
	void		*check_arg;
	/* Set by a form's check (ui_form_check) that refuses because of
	 * this field: the cursor goes there.  The toolkit clears it. */
	int		 bad;
};

/* Sets a field's value (a copy); clears it, wiped, and frees it. */
void	 ui_field_set(struct ui_field *, const char *);
void	 ui_field_clear(struct ui_field *);
void	 ui_fields_free(struct ui_field *, int n);

/*
 * A form library field's text as UTF-8.  A one-line field is trimmed at
 * both ends (at its end only with UI_F_SECRET in flags: a password may
 * begin with a blank); a text gives its rows as lines, each without its
 * trailing blanks, empty rows at the end dropped.  The caller has run
 * REQ_VALIDATION so that the buffer holds what is on screen.
 */
void	 ui_form_get(FIELD *, int flags, char *out, size_t size);
/* Sets a one-line field's text from UTF-8. */
void	 ui_form_put(FIELD *, const char *);

/* What ui_form_edit did with a key. */
#define UI_FE_NONE	0	/* handled, or not for the form */
#define UI_FE_ENTER	1	/* Enter in a one-line field */
#define UI_FE_CANCEL	2	/* Esc */
#define UI_FE_EDIT	3	/* the text changed */

/*
 * The editing keys of every form: characters, Backspace, Delete, arrows,
 * Home, End, ^A, ^E (line start, end), ^K (clear to the end), ^U (clear),
 * Tab and Shift-Tab (next and previous field), Up and Down (lines in a
 * text, else fields), PgUp and PgDn (in a text), Enter (a new line in a
 * text).
 */
int	 ui_form_edit(FORM *, const struct ui_key *);

/* A form box: fields laid out in a box, labels on their left, a note of
 * two lines under them. */
struct ui_formbox {
	struct ui_box	 box;		/* first: the place callback's cast */
	struct ui_field	*fields;
	int		 nfields;
	FORM		*form;
	FIELD		**f;
	WINDOW		*sub;
	int		 labelw;
	int		 fieldw;	/* the widest field's columns */
	char		 note[512];	/* under the fields */
	enum ui_look	 note_look;
	int		 posted;	/* 0: too small, takes no keys */
	int		 bad;		/* the field refused (label marked), or
					   -1 */
};

#define UI_FB_NONE	0
#define UI_FB_SUBMIT	1
#define UI_FB_CANCEL	2

void	 ui_formbox_open(struct ui *, struct ui_formbox *, const char *title,
	     struct ui_field *, int n);
/*
 * Feeds a key.  The rule of every dialog and form: Enter moves to the
 * next field and, in the last one, saves (in a text too: ^J starts a new
 * line there); F10 and Esc cancel.  A save checks every field first
 * (UI_F_DIGITS ranges, each field's check): the first one refused gets
 * the cursor, its label is marked and the message shows under the fields
 * and on the message line, everything typed kept, and nothing is handed
 * back.  UI_FB_SUBMIT has every field's value filled and valid.
 */
int	 ui_formbox_key(struct ui *, struct ui_formbox *,
	     const struct ui_key *);
/* Every field's text into its value (what a submit hands back). */
void	 ui_formbox_collect(struct ui_formbox *);
/* A field check (struct ui_field's check): a date as YYYY-MM-DD. */
int	 ui_check_date(void *, const char *, struct err *);
/* Collects and checks every field as a save does: UI_FB_SUBMIT, or
 * UI_FB_NONE with the first refused field current and the reason shown. */
int	 ui_formbox_submit(struct ui *, struct ui_formbox *);
/* Makes field i current and marks it refused with the message msg (-1:
 * no field, the message only). */
void	 ui_formbox_refuse(struct ui *, struct ui_formbox *, int i,
	     const char *msg);
void	 ui_formbox_note(struct ui *, struct ui_formbox *, enum ui_look,
	     const char *);
void	 ui_formbox_reset(struct ui *, struct ui_formbox *, int field);
void	 ui_formbox_close(struct ui *, struct ui_formbox *);
/* A screen's own form takes (1) or gives back (0) the cursor, which shows
 * while any form is open. */
void	 ui_form_cursor(struct ui *, int on);
/*
 * Takes a form off the screen before it is laid out again (a resize):
 * unposted when *posted, its subwindow *sub deleted; *posted is then 0
 * and *sub NULL.  The form box and the intake form lay out alike.
 */
void	 ui_form_unplace(FORM *, int *posted, WINDOW **sub);

/*
 * Modal boxes (ui-dialog.c): each runs the live loop until answered.
 *
 * ui_form_run runs an open form box until F2 (or Enter in its last
 * field) submits with every field valid, 1 with every value filled, or
 * F10/Esc cancels, 0.  The box stays open with everything typed: after a
 * refusal, ui_formbox_note says why and ui_form_run lets the user
 * correct it.
 */
int	 ui_form_run(struct ui *, struct ui_formbox *);
/* A form box opened, run and closed: 1 when submitted, 0 when
 * cancelled. */
int	 ui_form(struct ui *, const char *title, struct ui_field *, int n,
	     const char *note);
/*
 * The same with check(arg, fields, e) run on each submit (after the
 * fields' own checks): the form closes (returning 1) only when it returns
 * OKNO_OK; otherwise e's message shows under the fields and on the
 * message line, and the form stays open with everything typed, for
 * another try or cancel (0).  A check that refuses one field's value sets
 * that field's bad: the cursor goes there.
 */
int	 ui_form_check(struct ui *, const char *title, struct ui_field *,
	     int n, const char *note, int (*check)(void *, struct ui_field *,
	     struct err *), void *arg);
/*
 * A box with text and a question: 1 for yes (Enter, F2, y), 0 for no
 * (Esc, F10, n).  With yes NULL it only informs: any key closes, 0.
 */
int	 ui_ask(struct ui *, const char *title, const char *text,
	     const char *yes, const char *no);

/* A menu box: a list to choose from with the menu library. */
struct ui_menubox {
	struct ui_box	 box;
	ITEM		**items;
	char		**names;	/* locale multibyte, owned */
	int		 nitems;
	MENU		*menu;
	WINDOW		*sub;
	int		 digits;	/* 1..9 choose directly */
	int		 spacing;	/* rows per item: 1 or 2 */
};

/*
 * Opens a list of n labels; digits: keys 1-9 choose directly.  With
 * y >= 0 the list sits borderless at y, x within h rows and w columns
 * (inside a screen), else it is a centred box.  ui_menubox_key returns
 * the chosen index, -1 while none is chosen, -2 when cancelled.
 */
void	 ui_menubox_open(struct ui *, struct ui_menubox *, const char *title,
	     const char *const *labels, int n, int digits, int y, int x,
	     int h, int w);
void	 ui_menubox_move(struct ui *, struct ui_menubox *, int y, int x,
	     int h, int w);
int	 ui_menubox_key(struct ui *, struct ui_menubox *,
	     const struct ui_key *);
void	 ui_menubox_close(struct ui *, struct ui_menubox *);
/* A modal choice: the index, or -1 when cancelled. */
int	 ui_choose(struct ui *, const char *title, const char *const *labels,
	     int n, int current);

/*
 * Between the toolkit's files (ui*.c), not for screens.
 */
/* Monotonic seconds, for idle times. */
double	 ui_mono(void);
/* ui-text.c: the looks of this terminal, monochrome or colour. */
void	 ui_looks(struct ui *);
/* ui-key.c: binds the standard key sequences the terminal entry lacks;
 * reads the rest of one after ESC and intro; a key's action in b. */
void	 ui_keys_define(void);
int	 ui_seq_read(struct ui *, wint_t intro);
enum ui_action ui_key_match(const struct ui_binding *, int type, wint_t);
/* ui-box.c: every open box made again, oldest first. */
void	 ui_boxes_place(struct ui *, struct ui_box *);
/* ui-screen.c: the stack's top, the header and message line, screens
 * made, shown and freed, the pending change applied. */
struct ui_frame *ui_top(struct ui *);
void	 ui_header(struct ui *);
void	 ui_msg_draw(struct ui *);
void	 ui_counts_load(struct ui *);
int	 ui_frame_init(struct ui *, struct ui_frame *, enum ui_screen_id,
	     const void *arg);
void	 ui_frame_free(struct ui_frame *);
void	 ui_show_top(struct ui *);
void	 ui_apply(struct ui *);
/* ui-loop.c: a signal's handler: the loop ends. */
void	 ui_on_signal(int);

#endif
