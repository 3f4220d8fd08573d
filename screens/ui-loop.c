/* ui-loop.c: the live loop: reading a key while the screen follows the
 * database, the clock and the terminal's size, and the idle lock.
 *
 * One process per terminal.  The loop blocks in wget_wch() with a 250 ms
 * timeout; each round it reads PRAGMA data_version (another terminal
 * committed) and the clock, lets the top screen redraw what changed, and
 * calls doupdate() once.  Screens draw into their windows without
 * clearing them, so ncurses sends only the cells that changed: that is
 * what keeps a 9600 baud line usable.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "office.h"
#include "ui-int.h"

/* wget_wch failing this often at once means the terminal has gone. */
#define UI_HANGUP_ERRS	50

static volatile sig_atomic_t ui_sig_quit;

/* Signal handlers only set a flag; the loop looks at it. */
void
ui_on_signal(int sig)
{
	(void)sig;
	ui_sig_quit = 1;
}

void
ui_changed(struct ui *ui)
{
	struct err e;

	/* Our own commits do not move data_version: redraw ourselves. */
	ui->dirty |= UI_DRAW_DATA;
	/* Whoever changes the queue brings the board up to date (SPEC)
	 * and has its calls said.  A device fault is a line on the screen,
	 * never stderr under curses; the office layer records it as a
	 * device event. */
	err_clear(&e);
	if (office_changed(ui_ctx(ui), &e) != OKNO_OK)
		ui_status(ui, LOOK_WARN, "%s", e.msg);
}

/* Polls, redraws what changed, sends it to the terminal. */
void
ui_flush(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);
	int64_t v = db_data_version(ui->o.db);
	time_t now = ui_now(ui);

	if (v != ui->dver) {
		ui->dver = v;
		ui->dirty |= UI_DRAW_DATA;
	}
	if (now != ui->shown) {
		ui->shown = now;
		ui->dirty |= UI_DRAW_CLOCK;
	}
	if ((ui->dirty & UI_DRAW_DATA) || now / 60 != ui->shown_min) {
		ui_counts_load(ui);
		ui_header(ui);
	}
	if (ui->dirty && f != NULL) {
		unsigned what = ui->dirty;

		ui->dirty = 0;
		f->s->draw(ui, f->st, what);
	}
	if (!ui->msg_shown)
		ui_msg_draw(ui);
	update_panels();
	doupdate();
}

static void
ui_layout(struct ui *ui)
{
	int rows = LINES < 4 ? 4 : LINES;

	wresize(ui->head, 1, COLS);
	wresize(ui->body, rows - 3, COLS);
	wresize(ui->msgw, 1, COLS);
	wresize(ui->bar, 1, COLS);
	replace_panel(ui->phead, ui->head);
	replace_panel(ui->pbody, ui->body);
	replace_panel(ui->pmsg, ui->msgw);
	replace_panel(ui->pbar, ui->bar);
	move_panel(ui->phead, 0, 0);
	move_panel(ui->pbody, 1, 0);
	move_panel(ui->pmsg, rows - 2, 0);
	move_panel(ui->pbar, rows - 1, 0);
}

static void
ui_resize(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);

	ui_layout(ui);
	werase(ui->head);
	werase(ui->body);
	werase(ui->bar);
	ui_header(ui);
	if (f != NULL) {
		if (f->s->resize != NULL)
			f->s->resize(ui, f->st);
	}
	ui->msg_shown = 0;
	ui->dirty |= UI_DRAW_ALL | UI_DRAW_DATA | UI_DRAW_CLOCK;
	/* The key bar of an open dialog's owner: the top screen's. */
	if (f != NULL)
		ui_keybar(ui, f->keys);
	ui_boxes_place(ui, ui->boxes);
}

static void ui_lock(struct ui *);

/*
 * Minutes without a key before the top screen locks itself: the hall
 * view has its own (ui.idle_lock_hall, default never: a monitor on the
 * wall stays live), every other screen ui.idle_lock.  0: never.
 */
static int
ui_idle_limit(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);

	if (f != NULL && f->id == SCR_HALL)
		return ui->o.cfg->idle_lock_hall;
	return ui->o.cfg->idle_lock;
}

/*
 * A screen that stayed live past ui.idle_lock (the hall) still takes no
 * key under its user's login from whoever walks up: the first key then
 * asks for the password, and is not acted on.
 */
static int
ui_idle_guard(struct ui *ui)
{
	if (!ui->logged_in || ui->in_lock || ui->o.cfg->idle_lock <= 0 ||
	    ui_mono() - ui->last_key < ui->o.cfg->idle_lock * 60.0)
		return 0;
	ui_lock(ui);
	return 1;
}

/*
 * Whether the session must end because its user was disabled (or
 * removed) or given another role since the login: 1 after logging out
 * with the reason for the login screen.  Only another process can change
 * a user, and its commit moves data_version, so the user is read again
 * only then: at most once a round, never per key.
 */
static int
ui_session_gone(struct ui *ui)
{
	struct err e;
	int64_t v;

	if (!ui->logged_in || ui->pend_op == 'h')
		return 0;
	v = db_data_version(ui->o.db);
	if (v == ui->user_dver)
		return 0;
	err_clear(&e);
	switch (auth_session_check(ui_ctx(ui), ui->login, ui->actor.role,
	    &e)) {
	case OKNO_OK:
		ui->user_dver = v;
		return 0;
	case OKNO_EPERM:
		strlcpy_(ui->ended, e.msg, sizeof ui->ended);
		ui_logout(ui);
		return 1;
	default:
		return 0;	/* not read (busy): asked again next round */
	}
}

int
ui_getkey(struct ui *ui, struct ui_key *k, const struct ui_binding *b)
{
	int errs = 0, r;
	wint_t ch;

	for (;;) {
		double t0;

		if (ui_sig_quit) {
			ui->quit = 1;
			return -1;
		}
		if (ui->pend_op == 'h' || ui_session_gone(ui))
			return -1;	/* logged out (at the lock, disabled) */
		if (ui->lock_now && ui->logged_in && !ui->in_lock) {
			ui->lock_now = 0;
			ui_lock(ui);
			continue;
		}
		ui_flush(ui);
		t0 = ui_mono();
		r = wget_wch(ui->in, &ch);
		if (r == ERR) {
			/* A timeout takes UI_POLL_MS; an instant error over
			 * and over is a terminal that hung up. */
			if (ui_mono() - t0 < 0.01 && errno != EINTR) {
				if (++errs >= UI_HANGUP_ERRS) {
					ui->quit = 1;
					return -1;
				}
			} else
				errs = 0;
			if (ui->logged_in && !ui->in_lock &&
			    ui_idle_limit(ui) > 0 && ui_mono() - ui->last_key >=
			    ui_idle_limit(ui) * 60.0)
				ui_lock(ui);
			continue;
		}
		errs = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_resize(ui);
			continue;
		}
		if (ui_idle_guard(ui))
			continue;
		ui->last_key = ui_mono();
		if (r == OK && ch == 27) {
			wint_t c2;
			int r2;

			wtimeout(ui->in, UI_ESC_MS);
			r2 = wget_wch(ui->in, &c2);
			wtimeout(ui->in, UI_POLL_MS);
			if (r2 == OK && c2 >= '0' && c2 <= '9') {
				r = KEY_CODE_YES;
				ch = (wint_t)KEY_F(c2 == '0' ? 10 : (int)(c2 -
				    '0'));
			} else if (r2 == OK && (c2 == '[' || c2 == 'O')) {
				/* A key the terminal entry does not know:
				 * read whole, never split into keys. */
				int kc = ui_seq_read(ui, c2);

				if (kc <= 0) {
					ui_status(ui, LOOK_NORMAL, "%s",
					    _("unknown key: ignored"));
					continue;
				}
				r = KEY_CODE_YES;
				ch = (wint_t)kc;
			} else if (r2 == OK)
				unget_wch((wchar_t)c2);
			else if (r2 == KEY_CODE_YES)
				ungetch((int)c2);
		}
		k->type = r;
		k->ch = ch;
		k->action = ui_key_match(b, r, ch);
		return 0;
	}
}

/* The lock's check of password: 0 unlocks, -1 stays locked with e's
 * message, 1 has logged out (too many wrong ones). */
static int
lock_check(struct ui *ui, const char *password, struct err *e)
{
	struct user u;
	int left;

	if (auth_unlock(ui_ctx(ui), ui->o.terminal, ui->login, password, &u,
	    &left, e) == OKNO_OK)
		return 0;
	if (left > 0)
		return -1;
	strlcpy_(ui->ended, e->msg, sizeof ui->ended);
	ui_logout(ui);
	return 1;
}

/*
 * The idle lock: a box over the whole screen (nothing of the work shows)
 * that only the same user's password opens, whatever other terminals
 * did; F10 logs out instead, and so do AUTH_UNLOCK_TRIES wrong ones.
 */
static void
ui_lock(struct ui *ui)
{
	static const struct ui_binding keys[] = {
		{ 10, NULL, UA_EXIT, N_("Logout"), N_("log out") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	struct ui_field f[1];
	struct ui_formbox fb;
	struct ui_key k;
	struct err e;
	char note[300];

	ui->in_lock = 1;
	memset(f, 0, sizeof f);
	f[0].label = _("Password");
	f[0].width = 24;
	f[0].max = AUTH_PASSWORD_MAX;
	f[0].flags = UI_F_SECRET;
	ui_formbox_open(ui, &fb, _("Screen locked"), f, 1);
	/* The box covers the screen: nothing of the work shows. */
	fb.box.h = 1000;	/* clipped to the screen, at any size */
	fb.box.w = 1000;
	ui_boxes_place(ui, ui->boxes);
	snprintf(note, sizeof note, _("%s: type your password, or F10 to log "
	    "out"), ui->login);
	ui_formbox_note(ui, &fb, LOOK_NORMAL, note);
	ui_keybar(ui, keys);
	for (;;) {
		int r;

		if (ui_getkey(ui, &k, keys) != 0)
			break;
		if (k.action == UA_EXIT) {
			ui_logout(ui);
			break;
		}
		r = ui_formbox_key(ui, &fb, &k);
		if (r != UI_FB_SUBMIT)
			continue;
		err_clear(&e);
		if (lock_check(ui, f[0].value, &e) >= 0)
			break;
		ui_field_clear(&f[0]);
		ui_formbox_reset(ui, &fb, 0);
		ui_formbox_note(ui, &fb, LOOK_WARN, e.msg);
	}
	ui_formbox_close(ui, &fb);
	ui_fields_free(f, 1);
	ui_keybar_top(ui);
	ui->last_key = ui_mono();
	ui->in_lock = 0;
}

