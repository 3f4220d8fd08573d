/* ui-screen.c: the UI's state between keys: the clock, the header, the
 * message line, the logged-in user and the stack of screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "appeal.h"
#include "ui-int.h"

double
ui_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

time_t
ui_now(struct ui *ui)
{
	return ui->o.fixed_clock ? ui->o.now : time(NULL) +
	    ui->o.cfg->clock_offset;
}

struct ctx *
ui_ctx(struct ui *ui)
{
	ui->ctx.now = ui_now(ui);
	return &ui->ctx;
}

/* ---- header, message line ---- */

#define UI_CLOCK_W	16	/* "30.12.2026 10:15" */

static void
ui_header_clock(struct ui *ui)
{
	char buf[32];
	time_t now = ui_now(ui);
	struct tm tm;
	int cols = getmaxx(ui->head);

	localtime_r(&now, &tm);
	strftime(buf, sizeof buf, "%d.%m.%Y %H:%M", &tm);
	if (cols > UI_CLOCK_W + 1)
		ui_text(ui->head, 0, cols - UI_CLOCK_W - 1, UI_CLOCK_W + 1,
		    ui_attr(ui, LOOK_HEADER), buf);
	ui->shown_min = (long)(now / 60);
}

/*
 * The appeal counts are for staff: every screen of a logged-in user but
 * the client-facing ticket terminal (a supervisor may open it from the
 * hall; clients read it).
 */
static int
ui_counts_shown(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);

	return ui->logged_in && f != NULL && f->id != SCR_KIOSK &&
	    f->id != SCR_LOGIN;
}

/* Reads the counts again: after a commit anywhere, and every minute,
 * since an appeal falls overdue when the date changes, not the data. */
void
ui_counts_load(struct ui *ui)
{
	struct err e;

	if (!ui_counts_shown(ui))
		return;
	err_clear(&e);
	if (appeal_counts(ui_ctx(ui), &ui->overdue, &ui->due_today, &e) !=
	    OKNO_OK)
		ui->overdue = ui->due_today = -1;
}

/*
 * The header: branch, the appeal counts, the user, the clock.  The
 * counts take their place before the branch name, which is clipped
 * first: at 80 columns they are short ("overdue 1 · today 0").  The
 * overdue count stands out when not zero: white on red in colour, and
 * without colour a bold gap in the reverse bar.
 */
void
ui_header(struct ui *ui)
{
	char left[256], right[128], over[64] = "", today[64] = "";
	int cols = getmaxx(ui->head), rw, ow = 0, tw = 0, x;
	attr_t hl = ui_attr(ui, LOOK_HEADER);

	snprintf(left, sizeof left, " okno · %s", ui->o.cfg->branch_name ?
	    ui->o.cfg->branch_name : ui->o.cfg->branch_code);
	if (ui->logged_in)
		snprintf(right, sizeof right, "%s (%s)  ", ui->login,
		    _(auth_role_name(ui->actor.role)));
	else
		right[0] = '\0';
	if (ui_counts_shown(ui) && ui->overdue >= 0) {
		if (cols >= 100) {
			snprintf(over, sizeof over, _(" appeals overdue: %d "),
			    ui->overdue);
			snprintf(today, sizeof today, _(" due today: %d  "),
			    ui->due_today);
		} else {
			snprintf(over, sizeof over, _(" overdue %d "),
			    ui->overdue);
			snprintf(today, sizeof today, _("· today %d  "),
			    ui->due_today);
		}
		ow = ui_width(over);
		tw = ui_width(today);
	}
	rw = ui_width(right);
	x = cols - UI_CLOCK_W - 1 - rw - tw - ow;
	if (x < 12) {		/* too narrow: the counts go first */
		x += ow + tw;
		ow = tw = 0;
	}
	/*
	 * A name that does not fit loses "okno · " first, then its end to
	 * an ellipsis, and keeps a blank before the counts: "Клиентский
	 * офи overdue 1" read as one phrase.
	 */
	if (ui_width(left) > x - 1 && ui->o.cfg->branch_name != NULL)
		snprintf(left, sizeof left, " %s", ui->o.cfg->branch_name);
	if (ui_width(left) > x - 1 && x >= 3) {
		/* ui_text marks the cut. */
		ui_text(ui->head, 0, 0, x - 1, hl, left);
		ui_text(ui->head, 0, x - 1, 1, hl, "");
	} else
		ui_text(ui->head, 0, 0, x, hl, left);
	if (ow > 0) {
		ui_text(ui->head, 0, x, ow, ui->overdue == 0 ? hl :
		    ui->colors ? ui_attr(ui, LOOK_URGENT) : A_BOLD, over);
		ui_text(ui->head, 0, x + ow, tw, hl, today);
	}
	ui_text(ui->head, 0, x + ow + tw, rw, hl, right);
	ui_header_clock(ui);
}

void
ui_msg_draw(struct ui *ui)
{
	ui_text(ui->msgw, 0, 0, getmaxx(ui->msgw),
	    ui_attr(ui, ui->msg_look), ui->msg);
	ui->msg_shown = 1;
}

void
ui_status(struct ui *ui, enum ui_look look, const char *fmt, ...)
{
	va_list ap;

	ui->msg[0] = ' ';
	va_start(ap, fmt);
	vsnprintf(ui->msg + 1, sizeof ui->msg - 1, fmt, ap);
	va_end(ap);
	if (ui->msg[1] == '\0')
		ui->msg[0] = '\0';
	ui->msg_look = look;
	ui->msg_shown = 0;
}

void
ui_status_err(struct ui *ui, const struct err *e)
{
	ui_status(ui, LOOK_WARN, "%s", e->msg);
}

int
ui_may(struct ui *ui, enum auth_right r)
{
	struct err e;

	err_clear(&e);
	if (auth_may(&ui->actor, r, &e) == OKNO_OK)
		return 1;
	ui_status_err(ui, &e);
	return 0;
}

/* ---- screens ---- */

struct ui_frame *
ui_top(struct ui *ui)
{
	return ui->depth > 0 ? &ui->stack[ui->depth - 1] : NULL;
}

void
ui_keybar_top(struct ui *ui)
{
	if (ui->depth > 0)
		ui_keybar(ui, ui_top(ui)->keys);
}

static void
ui_pend(struct ui *ui, int op, enum ui_screen_id id, const void *arg)
{
	ui->pend_op = op;
	ui->pend_id = id;
	ui->pend_arg = arg;
}

void
ui_push(struct ui *ui, enum ui_screen_id id, const void *arg)
{
	ui_pend(ui, 'p', id, arg);
}

void
ui_pop(struct ui *ui)
{
	ui_pend(ui, 'P', SCR_LOGIN, NULL);
}

void
ui_replace(struct ui *ui, enum ui_screen_id id, const void *arg)
{
	ui_pend(ui, 'r', id, arg);
}

void
ui_logout(struct ui *ui)
{
	ui_pend(ui, 'h', SCR_LOGIN, NULL);
}

void
ui_set_user(struct ui *ui, const struct user *u)
{
	strlcpy_(ui->login, u->login, sizeof ui->login);
	ui->actor.login = ui->login;
	ui->actor.role = u->role;
	ui->logged_in = 1;
	ui->last_key = ui_mono();
	ui->user_dver = -1;
}

void
ui_frame_free(struct ui_frame *f)
{
	if (f->s != NULL && f->s->free != NULL)
		f->s->free(f->st);
	f->s = NULL;
	f->st = NULL;
}

/* Makes the new top screen visible. */
void
ui_show_top(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);

	werase(ui->body);
	ui_header(ui);
	if (f != NULL)
		ui_keybar(ui, f->keys);
	ui->dirty |= UI_DRAW_ALL | UI_DRAW_DATA | UI_DRAW_CLOCK;
}

int
ui_frame_init(struct ui *ui, struct ui_frame *f, enum ui_screen_id id,
    const void *arg)
{
	f->id = id;
	f->s = ui->screens[id];
	ui_keys_merge(f->s->keys, f->s->common, f->keys);
	f->st = NULL;
	if (f->s->init(ui, &f->st, arg) != 0) {
		f->s = NULL;
		return -1;
	}
	return 0;
}

/* Applies a screen change asked for during the last key. */
void
ui_apply(struct ui *ui)
{
	struct ui_frame nf;
	int op = ui->pend_op;

	ui->pend_op = 0;
	switch (op) {
	case 'p':
		if (ui->depth == UI_DEPTH)
			return;
		if (ui_frame_init(ui, &nf, ui->pend_id, ui->pend_arg) != 0)
			return;
		ui->stack[ui->depth++] = nf;
		break;
	case 'r':
		if (ui_frame_init(ui, &nf, ui->pend_id, ui->pend_arg) != 0)
			return;
		if (ui->depth > 0)
			ui_frame_free(&ui->stack[--ui->depth]);
		ui->stack[ui->depth++] = nf;
		break;
	case 'P':
		if (ui->depth > 0)
			ui_frame_free(&ui->stack[--ui->depth]);
		break;
	case 'h':
		while (ui->depth > 0)
			ui_frame_free(&ui->stack[--ui->depth]);
		ui->logged_in = 0;
		ui->login[0] = '\0';
		ui->actor.login = NULL;
		ui->actor.role = ROLE_KIOSK;
		/* The last user's message is theirs (it may name an
		 * appeal): the next one starts on a clean line. */
		ui_status(ui, LOOK_NORMAL, "%s", "");
		if (ui_frame_init(ui, &nf, SCR_LOGIN, NULL) == 0)
			ui->stack[ui->depth++] = nf;
		break;
	default:
		return;
	}
	ui_show_top(ui);
}

