/* scr-login.c: the login screen: a login and password form; the role decides
 * the next screen. */
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

static const struct ui_binding login_keys[] = {
	{ 10, NULL, UA_EXIT, N_("Exit"), N_("leave okno (ESC 0 on a "
	    "terminal without F10)") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

struct login {
	struct ui		*ui;
	struct ui_field		f[2];
	struct ui_formbox	fb;
};

static void
login_fields(struct login *l)
{
	memset(l->f, 0, sizeof l->f);
	l->f[0].label = _("Login");
	l->f[0].width = AUTH_LOGIN_MAX > 24 ? 24 : AUTH_LOGIN_MAX;
	l->f[0].max = AUTH_LOGIN_MAX;
	l->f[1].label = _("Password");
	l->f[1].width = 24;
	l->f[1].max = AUTH_PASSWORD_MAX;
	l->f[1].flags = UI_F_SECRET;
}

static const char *
login_purpose(struct ui *ui, char *buf, size_t size)
{
	switch (ui->o.mode) {
	case UI_MODE_WINDOW:
		snprintf(buf, size, _("Window %d: manager console"),
		    ui->o.window);
		break;
	case UI_MODE_HALL:
		snprintf(buf, size, "%s", _("Hall view"));
		break;
	case UI_MODE_KIOSK:
	case UI_MODE_LOGIN:
		snprintf(buf, size, "%s", _("Client office"));
		break;
	}
	return buf;
}

static int
login_init(struct ui *ui, void **stp, const void *arg)
{
	struct login *l = xcalloc(1, sizeof *l);

	(void)arg;
	l->ui = ui;
	login_fields(l);
	ui_formbox_open(ui, &l->fb, _("Log in"), l->f, 2);
	if (ui->ended[0] != '\0') {
		ui_formbox_note(ui, &l->fb, LOOK_WARN, ui->ended);
		ui->ended[0] = '\0';
	} else
		ui_formbox_note(ui, &l->fb, LOOK_NORMAL, ui->o.banner ?
		    ui->o.banner : _("Enter: next field, then log in"));
	*stp = l;
	return 0;
}

static void
login_draw(struct ui *ui, void *st, unsigned what)
{
	char buf[256];
	int w = getmaxx(ui->body);

	(void)st;
	if (!(what & UI_DRAW_ALL))
		return;
	ui_center(ui->body, 1, 0, w, ui_attr(ui, LOOK_TITLE),
	    login_purpose(ui, buf, sizeof buf));
	ui_center(ui->body, 2, 0, w, A_NORMAL, ui->o.cfg->branch_name ?
	    ui->o.cfg->branch_name : "");
}

/* The screen a role starts on after login (or an error in e). */
static int
login_home(struct ui *ui, struct err *e)
{
	/* The console's argument; its init copies it (ui_apply runs it
	 * before this function is called again). */
	static int window;

	switch (ui->o.mode) {
	case UI_MODE_WINDOW:
		if (auth_may(&ui->actor, AUTH_WORK_WINDOW, e) != OKNO_OK)
			return e->code;
		window = ui->o.window;
		ui_replace(ui, SCR_CONSOLE, &window);
		return OKNO_OK;
	case UI_MODE_HALL:
		if (auth_may(&ui->actor, AUTH_VIEW_HALL, e) != OKNO_OK)
			return e->code;
		ui_replace(ui, SCR_HALL, NULL);
		return OKNO_OK;
	case UI_MODE_KIOSK:
	case UI_MODE_LOGIN:
		break;
	}
	if (auth_may(&ui->actor, AUTH_VIEW_HALL, e) == OKNO_OK) {
		ui_replace(ui, SCR_HALL, NULL);
		return OKNO_OK;
	}
	if (auth_may(&ui->actor, AUTH_WORK_WINDOW, e) != OKNO_OK)
		return e->code;
	/* A manager picks the window he sits at. */
	{
		const struct config *cfg = ui->o.cfg;
		char **labels = xcalloc(cfg->nwindows, sizeof *labels);
		int i;

		for (size_t k = 0; k < cfg->nwindows; k++) {
			const struct config_window *w = &cfg->windows[k];
			char svc[256] = "";

			for (size_t j = 0; j < w->nservices; j++) {
				if (j > 0)
					strlcpy_(svc + strlen(svc), ", ",
					    sizeof svc - strlen(svc));
				/* Names, as the manager knows them. */
				strlcpy_(svc + strlen(svc),
				    cfg->services[w->services[j]].name,
				    sizeof svc - strlen(svc));
			}
			labels[k] = xasprintf(_("Window %d  (%s)"), w->number,
			    svc);
		}
		i = ui_choose(ui, _("Your window"),
		    (const char *const *)labels, (int)cfg->nwindows, 0);
		for (size_t k = 0; k < cfg->nwindows; k++)
			free(labels[k]);
		free(labels);
		if (i < 0)
			return err_set(e, OKNO_NONE, _("no window chosen"));
		window = cfg->windows[i].number;
		ui_replace(ui, SCR_CONSOLE, &window);
	}
	return OKNO_OK;
}

static void
login_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct login *l = st;
	struct user u;
	struct err e;

	if (k->action == UA_EXIT) {
		ui_pop(ui);
		return;
	}
	if (ui_formbox_key(ui, &l->fb, k) != UI_FB_SUBMIT)
		return;
	err_clear(&e);
	if (auth_login(ui_ctx(ui), ui->o.terminal, l->f[0].value,
	    l->f[1].value, &u, NULL, &e) != OKNO_OK) {
		ui_field_clear(&l->f[1]);
		ui_formbox_reset(ui, &l->fb, 1);
		ui_formbox_note(ui, &l->fb, LOOK_WARN, e.msg);
		return;
	}
	ui_field_clear(&l->f[1]);
	ui_formbox_reset(ui, &l->fb, 1);
	ui_set_user(ui, &u);
	ui_status(ui, LOOK_NORMAL, "%s", "");
	if (login_home(ui, &e) != OKNO_OK) {
		ui->logged_in = 0;
		ui->actor.role = ROLE_KIOSK;
		ui->actor.login = NULL;
		ui_formbox_note(ui, &l->fb, LOOK_WARN, e.msg);
	}
}

static void
login_free(void *st)
{
	struct login *l = st;

	ui_formbox_close(l->ui, &l->fb);
	ui_fields_free(l->f, 2);
	free(l);
}

const struct screen login_screen = {
	.name = "login", .keys = login_keys,
	.common = UI_C_HELP | UI_C_TYPING,
	.init = login_init, .draw = login_draw, .key = login_key,
	.free = login_free,
};
