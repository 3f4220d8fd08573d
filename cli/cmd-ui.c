/* cmd-ui.c: okno with no command: the terminal UI (screens/ui.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ui.h"

int
cmd_ui(struct cmd_env *env, const char *banner)
{
	struct ui_opts o;
	struct err e;
	const char *now = getenv("OKNO_NOW"), *tty;
	char terminal[256] = "";

	memset(&o, 0, sizeof o);
	o.mode = (enum ui_mode)env->ui_mode;
	o.window = env->ui_window;
	o.db = env->db;
	o.cfg = env->cfg;
	o.fixed_clock = now != NULL && *now != '\0';
	o.now = env->ctx.now;
	o.banner = banner;
	/* The device, not the process: a terminal keeps its name across
	 * restarts of okno on it, so nobody at its keyboard gets a fresh
	 * count by leaving and coming back. */
	if ((tty = ttyname(STDIN_FILENO)) != NULL)
		strlcpy_(terminal, tty, sizeof terminal);
	o.terminal = terminal;
	if (o.mode == UI_MODE_WINDOW && config_window(env->cfg, o.window) ==
	    NULL)
		return cmd_error(OKNO_EINVAL, _("no window %d in the "
		    "configuration"), o.window);
	err_clear(&e);
	if (ui_run(&o, &e) != OKNO_OK)
		return cmd_err(&e);
	return 0;
}
