/* ui.c: the terminal UI's entry point (ui.h): takes the terminal, runs
 * the screens until the user leaves, and gives the terminal back. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui-int.h"

static int
ui_start(struct ui *ui, struct err *e)
{
	struct sigaction sa;
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, OKNO_EUSAGE, _("the terminal UI needs a "
		    "terminal"));
	/* Messages come as UTF-8 like all other text inside okno. */
	bind_textdomain_codeset("okno", "UTF-8");
	/* In a UTF-8 locale draw lines with Unicode box characters, not
	 * the terminal's alternate character set: UTF-8 terminals show them
	 * whatever TERM claims, and some (tmux, screen, serial converters)
	 * drop the charset switch. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	set_escdelay(150);
	if ((scr = newterm(NULL, stdout, stdin)) == NULL)
		return err_set(e, OKNO_EIO, _("cannot use terminal type '%s'"),
		    getenv("TERM") ? getenv("TERM") : "");
	(void)scr;
	ui_keys_define();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the blocking read returns at once. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* raw: Ctrl-C and Ctrl-Z at a client-facing terminal do nothing. */
	raw();
	noecho();
	nonl();
	curs_set(0);
	ui_looks(ui);
	{
		char tmp[MB_LEN_MAX];
		mbstate_t ps;

		memset(&ps, 0, sizeof ps);
		ui->blocks = wcrtomb(tmp, 0x2588, &ps) != (size_t)-1;
	}
	ui->in = newwin(1, 1, 0, 0);
	keypad(ui->in, TRUE);
	meta(ui->in, TRUE);
	wtimeout(ui->in, UI_POLL_MS);
	ui->head = newwin(1, COLS, 0, 0);
	ui->body = newwin(LINES - 3 > 1 ? LINES - 3 : 1, COLS, 1, 0);
	ui->msgw = newwin(1, COLS, LINES - 2, 0);
	ui->bar = newwin(1, COLS, LINES - 1, 0);
	ui->phead = new_panel(ui->head);
	ui->pbody = new_panel(ui->body);
	ui->pmsg = new_panel(ui->msgw);
	ui->pbar = new_panel(ui->bar);
	leaveok(ui->head, TRUE);
	leaveok(ui->body, TRUE);
	leaveok(ui->msgw, TRUE);
	leaveok(ui->bar, TRUE);
	return OKNO_OK;
}

static void
ui_stop(struct ui *ui)
{
	while (ui->boxes != NULL)
		ui_box_close(ui, ui->boxes);
	while (ui->depth > 0)
		ui_frame_free(&ui->stack[--ui->depth]);
	del_panel(ui->phead);
	del_panel(ui->pbody);
	del_panel(ui->pmsg);
	del_panel(ui->pbar);
	delwin(ui->head);
	delwin(ui->body);
	delwin(ui->msgw);
	delwin(ui->bar);
	delwin(ui->in);
	endwin();
	bind_textdomain_codeset("okno", nl_langinfo(CODESET));
}

int
ui_run(const struct ui_opts *o, struct err *e)
{
	static const struct actor kiosk = { NULL, ROLE_KIOSK };
	struct ui *ui = xcalloc(1, sizeof *ui);
	struct ui_frame f;
	struct ui_key k;
	int rc;

	ui->o = *o;
	ui->screens = scr_table;
	ui->ctx.db = o->db;
	ui->ctx.cfg = o->cfg;
	ui->actor = kiosk;
	ui->ctx.who = &ui->actor;
	ui->dver = db_data_version(o->db);
	ui->shown_min = -1;
	if ((rc = ui_start(ui, e)) != OKNO_OK) {
		free(ui);
		return rc;
	}
	if (ui_frame_init(ui, &f, o->mode == UI_MODE_KIOSK ? SCR_KIOSK :
	    SCR_LOGIN, NULL) == 0)
		ui->stack[ui->depth++] = f;
	ui_show_top(ui);
	while (!ui->quit && ui->depth > 0) {
		struct ui_frame *top = ui_top(ui);

		if (ui_getkey(ui, &k, top->keys) != 0) {
			if (ui->quit)
				break;
		} else if (k.action == UA_HELP)
			ui_help(ui, top->keys);
		else if (k.action == UA_LOCK)
			ui->lock_now = 1;
		else
			top->s->key(ui, top->st, &k);
		if (ui->pend_op)
			ui_apply(ui);
	}
	ui_stop(ui);
	free(ui);
	return OKNO_OK;
}
