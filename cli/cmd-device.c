/* cmd-device.c: okno device status | test printer|board. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "devlog.h"
#include "office.h"
#include "transport.h"

static int
device_status(struct cmd_env *env)
{
	struct printer_result r;
	struct err e;
	struct devlog last;
	int bad = 0;

	err_clear(&e);
	if (env->cfg->printer.driver == NULL)
		printf(_("printer: not configured\n"));
	else {
		(void)printer_status(&env->cfg->printer, &r, &e);
		printf(_("printer: %s on %s: %s\n"), env->cfg->printer.driver,
		    env->cfg->printer.port, r.message);
		bad |= !printer_status_prints(r.status);
	}
	err_clear(&e);
	if (env->cfg->board.driver == NULL)
		printf(_("board: not configured\n"));
	else if (board_probe(&env->cfg->board, &e) == OKNO_OK)
		printf(_("board: %s on %s: the port answers\n"),
		    env->cfg->board.driver, env->cfg->board.port);
	else {
		printf(_("board: %s on %s: %s\n"), env->cfg->board.driver,
		    env->cfg->board.port, e.msg);
		bad = 1;
	}
	err_clear(&e);
	if (env->cfg->keypad.driver == NULL)
		printf(_("keypad: not configured\n"));
	else if (transport_probe(&env->cfg->keypad, &e) == OKNO_OK)
		printf(_("keypad: %s on %s: the port answers\n"),
		    env->cfg->keypad.driver, env->cfg->keypad.port);
	else {
		printf(_("keypad: %s on %s: %s\n"), env->cfg->keypad.driver,
		    env->cfg->keypad.port, e.msg);
		bad = 1;
	}
	if (devlog_last(&env->ctx, "printer", 0, 0, &last, &e) == OKNO_OK &&
	    last.event[0] != '\0')
		printf(_("printer's last recorded event: %s\n"), last.event);
	if (devlog_last(&env->ctx, "board", 0, 0, &last, &e) == OKNO_OK &&
	    last.event[0] != '\0')
		printf(_("board's last recorded event: %s\n"), last.event);
	if (devlog_last(&env->ctx, "keypad", 0, 0, &last, &e) == OKNO_OK &&
	    last.event[0] != '\0')
		printf(_("keypad's last recorded event: %s\n"), last.event);
	return bad ? 1 : 0;
}

int
cmd_device(struct cmd_env *env, int argc, char **argv)
{
	struct printer_result r;
	struct err e;

	err_clear(&e);
	if (argc == 2 && strcmp(argv[1], "status") == 0)
		return device_status(env);
	if (argc != 3 || strcmp(argv[1], "test") != 0)
		return cmd_usage("device");
	if (strcmp(argv[2], "printer") == 0) {
		if (env->cfg->printer.driver == NULL)
			return cmd_error(OKNO_EIO, _("no printer is "
			    "configured"));
		if (printer_print_test(&env->cfg->printer, &r, &e) != OKNO_OK)
			return cmd_err(&e);
		printf("%s\n", r.message);
		return 0;
	}
	if (strcmp(argv[2], "board") == 0) {
		if (board_test(&env->cfg->board, &e) != OKNO_OK)
			return cmd_err(&e);
		printf(_("board: test pattern sent\n"));
		return 0;
	}
	return cmd_usage("device");
}
