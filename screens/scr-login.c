/* login.c: the login screen: a login and password form; the role decides
 * the next screen (ui_role_home).  Also the idle lock's password check. */
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

static const struct ui_binding login_keys[] = {
	{ 1, NULL, UA_HELP, N_("Help"), N_("show the keys") },
	{ 10, NULL, UA_EXIT, N_("Exit"), N_("leave okno (ESC 0 on a "
	    "terminal without F10)") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

/* Why the idle lock ended the last session (login_unlock), for the next
 * login screen to say: logging out clears the message line.  One UI per
 * process, so one slot. */
static char login_ended[256];

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
	if (login_ended[0] != '\0') {
		ui_formbox_note(ui, &l->fb, LOOK_WARN, login_ended);
		login_ended[0] = '\0';
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
	if (ui_role_home(ui, &e) != OKNO_OK) {
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

int
login_unlock(struct ui *ui, const char *password, struct err *e)
{
	struct user u;
	int left;

	if (auth_unlock(ui_ctx(ui), ui->o.terminal, ui->login, password, &u,
	    &left, e) == OKNO_OK)
		return 0;
	if (left > 0)
		return -1;
	strlcpy_(login_ended, e->msg, sizeof login_ended);
	ui_logout(ui);
	return 1;
}

const struct screen screen_login = {
	"login", login_keys, login_init, login_draw, login_key, NULL,
	login_free
};
